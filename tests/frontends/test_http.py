"""HTTP tests of `boardpack serve` on 127.0.0.1: uploads and downloads, the
upload limits, path traversal, isolation of 8 concurrent uploads, expiry,
and that the server keeps answering after every refused request.

Environment: BOARDPACK (the binary), SAMPLES (samples/), WORK (scratch)."""

import json
import os
import signal
import threading
import time
import unittest
import zipfile
import io
import subprocess

from server import MB, Server, fresh_dir, sample, sample_names, multipart, wait_until



class ServeTest(unittest.TestCase):
    """One server with small limits: 1 MiB per file, 3 files, 2 MiB per request."""

    @classmethod
    def setUpClass(cls):
        cls.work = fresh_dir("serve-" + cls.__name__)
        cls.server = Server(cls.work, "--max-upload-file-mb", "1", "--max-upload-files", "3", "--max-upload-mb", "2",
                            "--keep-minutes", "10")

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        assert code == 0, "serve exited %s on SIGTERM" % code
        assert os.listdir(cls.work) == [], "upload folders left behind: %s" % os.listdir(cls.work)

    def assert_refused(self, status, body, want_status, want_code):
        self.assertEqual(status, want_status, body)
        self.assertEqual(body["code"], want_code)
        self.assertEqual(sorted(body), ["cell", "code", "file", "message", "sheet"])
        self.assertTrue(body["message"])
        self.assertTrue(self.server.answering(), "server stopped answering after a refused request")


class UploadTest(ServeTest):
    def test_upload_builds_pack_and_serves_downloads(self):
        status, body = self.server.upload([("plan-workforce.xlsx", sample("plan-workforce.xlsx")),
                                           ("kpi-highlight-indicators.xlsx", sample("kpi-highlight-indicators.xlsx"))])
        self.assertEqual(status, 200, body)
        self.assertRegex(body["id"], r"^[0-9a-f]{32}$")
        files = [i["file"] for i in body["summary"]["inputs"]]
        self.assertEqual(sorted(files), ["kpi-highlight-indicators.xlsx", "plan-workforce.xlsx"])
        self.assertTrue(any(i["code"] == "bad-date" and i["cell"] == "E11" for i in body["summary"]["issues"]))
        names = [d["name"] for d in body["downloads"]]
        self.assertIn("summary.json", names)
        self.assertEqual(names[-1], "board-pack.zip")
        types = {"summary.json": "application/json", "board-pack.zip": "application/zip", "board-report.pdf": "application/pdf",
                 "scorecard.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        got = {}
        for d in body["downloads"]:
            status, headers, data = self.server.request("GET", d["url"])
            self.assertEqual(status, 200, d)
            self.assertEqual(headers["content-type"], types[d["name"]])
            self.assertIn('filename="%s"' % d["name"], headers["content-disposition"])
            self.assertEqual(len(data), d["bytes"])
            got[d["name"]] = data
        self.assertEqual(json.loads(got["summary.json"]), body["summary"], "the summary served is the summary.json written")
        with zipfile.ZipFile(io.BytesIO(got["board-pack.zip"])) as z:
            copies = ["returns/" + r["name"] for r in body.get("returns", [])]
            self.assertTrue(copies, "the samples have findings: their checked copies are in the zip too")
            self.assertEqual(sorted(z.namelist()), sorted([n for n in names if n != "board-pack.zip"] + copies))
            self.assertEqual(z.read("summary.json"), got["summary.json"])

    def test_each_workbook_with_findings_has_its_checked_copy(self):
        status, body = self.server.upload([("plan-workforce.xlsx", sample("plan-workforce.xlsx")),
                                           ("Équipe KPI.xlsx", sample("kpi-highlight-indicators.xlsx"))])
        self.assertEqual(status, 200, body)
        copies = {r["file"]: r for r in body["returns"]}
        self.assertEqual(sorted(copies), ["plan-workforce.xlsx", "Équipe KPI.xlsx"])
        for file, r in copies.items():
            self.assertEqual(r["name"], file[:-5] + " - checked.xlsx")
            self.assertRegex(r["url"], r"^/api/packs/%s/returns/[12]$" % body["id"])
            status, headers, data = self.server.request("GET", r["url"])
            self.assertEqual(status, 200, r)
            self.assertEqual(len(data), r["bytes"])
            self.assertEqual(headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                self.assertIn("xl/workbook.xml", z.namelist())
                self.assertIn('name="Checks"', z.read("xl/workbook.xml").decode())
        # A name that is not plain ASCII is given both ways (RFC 6266).
        _, headers, _ = self.server.request("GET", copies["Équipe KPI.xlsx"]["url"])
        self.assertIn('filename="__quipe KPI - checked.xlsx"', headers["content-disposition"])
        self.assertIn("filename*=UTF-8''%C3%89quipe%20KPI%20-%20checked.xlsx", headers["content-disposition"])
        for bad in ("returns/0", "returns/3", "returns/", "returns/1x", "returns/-1", "returns/99999999",
                    "returns/plan-workforce%20-%20checked.xlsx", "returns/1/"):
            status, _, _ = self.server.request("GET", "/api/packs/%s/%s" % (body["id"], bad))
            self.assertEqual(status, 404, bad)

    def test_unreadable_workbooks_give_findings_not_downloads(self):
        status, body = self.server.upload([("notes.xlsx", b"just some text\n"), ("empty.xlsx", b"")])
        self.assertEqual(status, 200, body)
        self.assertEqual([i["status"] for i in body["summary"]["inputs"]], ["unreadable", "unreadable"])
        self.assertEqual(body["downloads"], [])
        messages = " ".join(i["message"] for i in body["summary"]["issues"])
        self.assertIn("save it as .xlsx", messages)
        self.assertIn("is empty", messages)

    def test_names_are_shown_without_paths_and_kept_apart(self):
        data = sample("kpi-highlight-indicators.xlsx")
        status, body = self.server.upload([("C:\\fakepath\\team.xlsx", data), ("../../team.xlsx", data)])
        self.assertEqual(status, 200, body)
        self.assertEqual([i["file"] for i in body["summary"]["inputs"]], ["team.xlsx", "team (2).xlsx"])

    def test_delete_removes_outputs(self):
        status, body = self.server.upload([("kpi.xlsx", sample("kpi-highlight-indicators.xlsx"))])
        self.assertEqual(status, 200)
        self.assertTrue(os.path.isdir(os.path.join(self.server.work_dir, os.listdir(self.work)[0], body["id"])))
        status, _, _ = self.server.request("DELETE", "/api/packs/" + body["id"])
        self.assertEqual(status, 204)
        status, err = self.server.get_json("/api/packs/%s/summary.json" % body["id"])
        self.assert_refused(status, err, 404, "not_found")

    def test_report_date_is_the_packs_as_of(self):
        wf = [("plan-workforce.xlsx", sample("plan-workforce.xlsx"))]
        overdue = lambda body: sorted(i["cell"] for i in body["summary"]["issues"] if i["code"] == "overdue")
        status, plain = self.server.upload(wf)
        self.assertEqual(status, 200, plain)
        self.assertEqual(plain["summary"]["report_date"], "2026-11-21", "no report date sent: serve's --as-of")
        status, later = self.server.upload(wf, fields=[("report_date", "2026-12-01")])
        self.assertEqual(status, 200, later)
        self.assertEqual(later["summary"]["report_date"], "2026-12-01")
        self.assertEqual(sorted(set(overdue(later)) - set(overdue(plain))), ["E14"], "CC2.12, due 30/11/2026, is overdue on 1 December")
        status, limits = self.server.get_json("/api/limits")
        self.assertEqual(limits["report_date"], "2026-11-21", "the page's date control starts at serve's --as-of")

    def test_bad_report_date_is_refused(self):
        for bad in ("2026-13-01", "31/11/2026", "2026-02-30", "2026-1-1", "0001-01-01", "x" * 200, "2026-11-21T10:00"):
            status, body = self.server.upload([("kpi.xlsx", sample("kpi-highlight-indicators.xlsx"))], fields=[("report_date", bad)])
            self.assert_refused(status, body, 400, "bad_date")
            self.assertIn("is not a date", body["message"])
            self.assertLess(len(body["message"]), 200, "a long field is cut before it is quoted back")

    def test_blank_templates_are_served(self):
        for kind, name in (("plan", "improvement-plan-template.xlsx"), ("kpi", "kpi-template.xlsx")):
            status, headers, data = self.server.request("GET", "/templates/%s.xlsx" % kind)
            self.assertEqual(status, 200, kind)
            self.assertEqual(headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            self.assertTrue(headers["content-disposition"].startswith('attachment; filename="%s"' % name), headers)
            self.assertEqual(headers["x-content-type-options"], "nosniff")
            path = os.path.join(self.work, "..", "template-" + name)
            with open(path, "wb") as f:
                f.write(data)
            r = subprocess.run([os.environ["BOARDPACK"], "validate", path, "--json"], capture_output=True, text=True)
            os.remove(path)
            self.assertEqual(r.returncode, 0, r.stderr)
            v = json.loads(r.stdout)
            self.assertEqual((v["inputs"][0]["kind"], v["inputs"][0]["status"], v["issues"]), (kind, "ok", []))
        status, _, _ = self.server.request("POST", "/templates/plan.xlsx", b"", {"Content-Type": "text/plain"})
        self.assertEqual(status, 405)
        for bad in ("/templates/", "/templates/other.xlsx", "/templates/plan.xlsx/", "/templates/../plan.xlsx",
                    "/templates/PLAN.xlsx", "/templates/plan"):
            status, _, _ = self.server.request("GET", bad)
            self.assertEqual(status, 404, bad)
        status, _, _ = self.server.request("GET", "/templates/plan.xlsx", headers={"Host": "evil.example"})
        self.assertEqual(status, 403, "the host check covers the templates")

    def test_page_and_assets_are_served_with_a_strict_policy(self):
        for path, ctype in [("/", "text/html"), ("/app.js", "text/javascript"), ("/app.css", "text/css"),
                            ("/favicon.svg", "image/svg+xml")]:
            status, headers, data = self.server.request("GET", path)
            self.assertEqual(status, 200, path)
            self.assertTrue(headers["content-type"].startswith(ctype), headers)
            self.assertIn("default-src 'self'", headers["content-security-policy"])
            self.assertNotIn(b"http://", data.replace(b"http://www.w3.org/2000/svg", b""), path)
            self.assertNotIn(b"https://", data, path)


class LimitTest(ServeTest):
    def test_file_over_the_size_limit(self):
        big = os.urandom(MB + 1)
        status, body = self.server.upload([("ok.xlsx", sample("kpi-highlight-indicators.xlsx")), ("huge.xlsx", big)])
        self.assert_refused(status, body, 413, "file_too_large")
        self.assertEqual(body["file"], "huge.xlsx")
        self.assertIn("1 MB", body["message"])

    def test_too_many_files(self):
        data = sample("kpi-highlight-indicators.xlsx")
        status, body = self.server.upload([("f%d.xlsx" % i, data) for i in range(4)])
        self.assert_refused(status, body, 413, "too_many_files")
        self.assertEqual(body["file"], "f3.xlsx")
        status, body = self.server.upload([("f%d.xlsx" % i, data) for i in range(3)])
        self.assertEqual(status, 200, "three files are within the limit")

    def test_request_over_the_total_limit(self):
        part = os.urandom(MB - 1000)
        status, body = self.server.upload([("a.xlsx", part), ("b.xlsx", part), ("c.xlsx", part)])
        self.assert_refused(status, body, 413, "request_too_large")

    def test_chunked_request_over_the_total_limit(self):
        body, ctype = multipart([("a.xlsx", os.urandom(MB - 1000))] * 3)
        chunks = (body[i:i + 65536] for i in range(0, len(body), 65536))
        status, _, data = self.server.request("POST", "/api/packs", chunks,
                                              {"Content-Type": ctype, "Transfer-Encoding": "chunked"}, chunked=True)
        self.assert_refused(status, json.loads(data), 413, "request_too_large")

    def test_not_multipart(self):
        status, _, data = self.server.request("POST", "/api/packs", b"x" * 1000, {"Content-Type": "text/plain"})
        self.assert_refused(status, json.loads(data), 415, "not_multipart")

    def test_no_files(self):
        status, body = self.server.upload([("a.xlsx", b"")], field="other")
        self.assert_refused(status, body, 400, "no_files")

    def test_broken_multipart(self):
        status, _, data = self.server.request("POST", "/api/packs", b"--nope\r\ngarbage",
                                              {"Content-Type": "multipart/form-data; boundary=zzz"})
        self.assert_refused(status, json.loads(data), 400, "bad_upload")

    def test_foreign_host_and_origin(self):
        status, _, data = self.server.request("GET", "/api/limits", headers={"Host": "attacker.example:%d" % self.server.port})
        self.assert_refused(status, json.loads(data), 403, "bad_host")
        body, ctype = multipart([("a.xlsx", sample("kpi-highlight-indicators.xlsx"))])
        status, _, data = self.server.request("POST", "/api/packs", body,
                                              {"Content-Type": ctype, "Origin": "http://attacker.example"})
        self.assert_refused(status, json.loads(data), 403, "cross_origin")
        status, _, _ = self.server.request("POST", "/api/packs", body,
                                           {"Content-Type": ctype, "Origin": "http://127.0.0.1:%d" % self.server.port})
        self.assertEqual(status, 200, "the page's own origin is accepted")

    def test_unknown_paths(self):
        for method, path in [("GET", "/nothing"), ("GET", "/api/packs"), ("PUT", "/api/packs"), ("GET", "/index.html/..")]:
            status, _, data = self.server.request(method, path)
            self.assertIn(status, (400, 404, 405), path)
            self.assertIn("code", json.loads(data), path)
        self.assertTrue(self.server.answering())


class TraversalTest(ServeTest):
    def test_downloads_come_only_from_the_packs_folder(self):
        status, body = self.server.upload([("kpi.xlsx", sample("kpi-highlight-indicators.xlsx"))])
        self.assertEqual(status, 200)
        pack = body["id"]
        # Files a traversal would reach: beside the pack's folder and above the server's root.
        root = os.path.join(self.work, os.listdir(self.work)[0])
        with open(os.path.join(root, "secret.json"), "w") as f:
            f.write('{"secret": "beside the packs"}')
        with open(os.path.join(self.work, "secret.json"), "w") as f:
            f.write('{"secret": "above the root"}')
        paths = [
            "/api/packs/%s/../secret.json" % pack,
            "/api/packs/%s/../../secret.json" % pack,
            "/api/packs/%s/..%%2fsecret.json" % pack,
            "/api/packs/%s/%%2e%%2e%%2f%%2e%%2e%%2fsecret.json" % pack,
            "/api/packs/%s/..%%5csecret.json" % pack,
            "/api/packs/%s/../../../../../../etc/passwd" % pack,
            "/api/packs/..%%2f%s/summary.json" % pack,
            "/api/packs/../%s/summary.json" % pack,
            "/api/packs/%s/summary.json%%00.pdf" % pack,
            "/api/packs/%s/summary.json/" % pack,
            "/api/packs/%s/" % pack,
            "/api/packs/%s/." % pack,
            "/api/packs/%s/kpi.xlsx" % pack,
            "/api/packs/%s/secret.json" % pack,
            "/api/packs/%s/summary.json" % pack.upper(),
            "/api/packs/%s/summary.json" % ("0" * 32),
            "/api/packs/%s/summary.json" % pack[:-1],
            "/api/packs/./summary.json",
            "/api/packs/%2e%2e/secret.json",
        ]
        for p in paths:
            status, data = self.server.raw(("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n"
                                            % (p, self.server.port)).encode())
            self.assertIn(status, (400, 404), p)
            self.assertIn(b'"code"', data, p)
            self.assertNotIn(b"beside the packs", data, p)
            self.assertNotIn(b"above the root", data, p)
            self.assertNotIn(b"root:", data, p)
        status, _, data = self.server.request("GET", "/api/packs/%s/summary.json" % pack)
        self.assertEqual(status, 200, "the real download still works")
        self.assertTrue(self.server.answering())
        os.remove(os.path.join(root, "secret.json"))
        os.remove(os.path.join(self.work, "secret.json"))


class ConcurrencyTest(ServeTest):
    def test_eight_concurrent_uploads_stay_apart(self):
        names = sample_names()
        jobs = []
        for i in range(8):  # each upload a different set, so mix-ups would show
            chosen = [names[(i + k) % len(names)] for k in range(1 + i % 3)]
            jobs.append([("u%d-%s" % (i, n), sample(n)) for n in chosen])
        results = [None] * len(jobs)
        start = threading.Barrier(len(jobs))

        def run(i):
            start.wait()
            results[i] = self.server.upload(jobs[i])

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        ids = set()
        for i, (status, body) in enumerate(results):
            self.assertEqual(status, 200, body)
            ids.add(body["id"])
            sent = sorted(n for n, _ in jobs[i])
            self.assertEqual(sorted(x["file"] for x in body["summary"]["inputs"]), sent)
            status, summary = self.server.get_json("/api/packs/%s/summary.json" % body["id"])
            self.assertEqual(status, 200)
            self.assertEqual(sorted(x["file"] for x in summary["inputs"]), sent, "upload %d got another's outputs" % i)
        self.assertEqual(len(ids), len(jobs), "every upload has its own id")
        root = os.path.join(self.work, os.listdir(self.work)[0])
        self.assertEqual(sorted(os.listdir(root)), sorted(ids), "one folder per upload")


class ExpiryTest(unittest.TestCase):
    def test_outputs_are_removed_after_the_keep_time(self):
        work = fresh_dir("serve-expiry")
        server = Server(work, "--keep-minutes", "0.04")  # 2.4 s
        try:
            status, body = server.upload([("kpi.xlsx", sample("kpi-highlight-indicators.xlsx"))])
            self.assertEqual(status, 200)
            url = "/api/packs/%s/summary.json" % body["id"]
            self.assertEqual(server.request("GET", url)[0], 200)
            root = os.path.join(work, os.listdir(work)[0])
            self.assertTrue(wait_until(lambda: not os.path.exists(os.path.join(root, body["id"])), 15),
                            "the pack's folder was not removed")
            status, err = server.get_json(url)
            self.assertEqual((status, err["code"]), (404, "not_found"))
            self.assertIn("minutes", err["message"])
        finally:
            self.assertEqual(server.stop(signal.SIGINT), 0)
        self.assertEqual(os.listdir(work), [])


class StartupTest(unittest.TestCase):
    def test_port_in_use_is_reported(self):
        work = fresh_dir("serve-port")
        first = Server(work)
        try:
            import subprocess
            r = subprocess.run([os.environ.get("BOARDPACK", "boardpack"), "serve", "--port", str(first.port),
                                "--work-dir", work], capture_output=True, text=True, timeout=20)
            self.assertEqual(r.returncode, 2)
            self.assertIn("cannot listen on 127.0.0.1:%d" % first.port, r.stderr)
            self.assertTrue(first.answering())
        finally:
            first.stop()


if __name__ == "__main__":
    unittest.main()

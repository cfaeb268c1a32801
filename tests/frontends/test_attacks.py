"""`boardpack serve` probed as an attacker would (issue 10): slow clients,
many clients at once, bad lengths, text that is not UTF-8, DNS rebinding,
large uploads and the server's memory, clients that leave during a build,
and the cap on stored packs. Each test runs its own server with short
timeouts given by flags, so the whole module takes well under a minute.

Environment: BOARDPACK (the binary), SAMPLES (samples/), WORK (scratch)."""

import io
import json
import os
import select
import socket
import sys
import threading
import time
import unittest
import zipfile

from server import MB, Server, fresh_dir, sample, sample_names, multipart, wait_until



def note(text):
    """Measurements, shown in the test log (ctest --output-on-failure / -V)."""
    print("  [measured] " + text, file=sys.stderr)


def upload_head(server, length, boundary=b"zz", extra=b""):
    return (b"POST /api/packs HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=%s\r\n"
            b"Content-Length: %d\r\n%s\r\n" % (server.host.encode(), boundary, length, extra))


class SlowClient(threading.Thread):
    """Sends `first`, then `drip` every `every` seconds until the server answers
    or closes; records what came back and when (seconds after start)."""

    def __init__(self, server, first, drip, every, limit=20):
        super().__init__(daemon=True)
        self.server, self.first, self.drip, self.every, self.limit = server, first, drip, every, limit
        self.answer, self.seconds = None, None
        self.sock = socket.create_connection(("127.0.0.1", server.port))

    def run(self):
        start = time.monotonic()
        s = self.sock
        try:
            s.sendall(self.first)
            k = 0
            while time.monotonic() - start < self.limit:
                readable, _, _ = select.select([s], [], [], self.every)
                if readable:
                    self.answer = s.recv(65536)
                    break
                s.sendall(self.drip.replace(b"#", str(k).encode()))
                k += 1
        except OSError as e:
            self.answer = b"error: " + repr(e).encode()
        self.seconds = time.monotonic() - start
        s.close()


def wait_all(clients, seconds):
    for c in clients:
        c.join(timeout=seconds)


def status_of(answer):
    return int(answer.split(b" ", 2)[1]) if answer and answer.startswith(b"HTTP/1.1 ") else 0


def big_workbook(rows, cols=10):
    """A workbook of rows x cols cells (numbers and inline strings): slow enough to build to be cancelled."""
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    cells = "".join('<c t="inlineStr"><is><t>text %d</t></is></c>' % c if c % 2 else "<c><v>%d.5</v></c>" % c
                    for c in range(cols))
    rows_xml = "".join('<row r="%d">%s</row>' % (r, cells) for r in range(1, rows + 1))
    parts["xl/worksheets/sheet1.xml"] = ('<?xml version="1.0" encoding="UTF-8"?><worksheet '
                                         'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                                         + rows_xml + "</sheetData></worksheet>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()


class AttackTest(unittest.TestCase):
    server_args = ()

    @classmethod
    def setUpClass(cls):
        cls.work = fresh_dir("attacks-" + cls.__name__)
        cls.server = Server(cls.work, *cls.server_args)

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        assert code == 0, "serve exited %s on SIGTERM" % code
        assert os.listdir(cls.work) == [], "upload folders left behind: %s" % os.listdir(cls.work)

    def assert_page_answered_quickly(self, during):
        status, seconds = self.server.timed_get("/", timeout=10)
        note("GET / during %s: %s in %.3f s" % (during, status, seconds))
        self.assertEqual(status, 200, "the page was not answered during " + during)
        self.assertLess(seconds, 5.0, "the page took too long during " + during)

    def assert_upload_works(self, during):
        start = time.monotonic()
        status, body = self.server.upload([("kpi.xlsx", sample("kpi-highlight-indicators.xlsx"))])
        seconds = time.monotonic() - start
        note("upload during %s: %s in %.3f s" % (during, status, seconds))
        self.assertEqual(status, 200, body)
        self.assertLess(seconds, 5.0)


class SlowHeaderTest(AttackTest):
    # A whole-head deadline of 2 s; the clients send a header line every 0.4 s,
    # far more often than any per-read timeout would notice.
    server_args = ("--header-timeout", "2")

    def test_slow_headers_neither_starve_the_server_nor_stay_connected(self):
        clients = [SlowClient(self.server, b"GET / HTTP/1.1\r\nHost: %s\r\n" % self.server.host.encode(),
                              b"X-Drip-#: a\r\n", 0.4) for _ in range(32)]
        for c in clients:
            c.start()
        time.sleep(0.5)
        self.assert_page_answered_quickly("32 slow-header connections")
        self.assert_upload_works("32 slow-header connections")
        wait_all(clients, 10)
        statuses = [status_of(c.answer) for c in clients]
        seconds = sorted(c.seconds for c in clients)
        note("slow-header clients: answers %s, cut after %.2f-%.2f s" % (sorted(set(statuses)), seconds[0], seconds[-1]))
        self.assertEqual(statuses, [408] * 32, [c.answer[:60] for c in clients])
        self.assertGreater(seconds[0], 1.5)
        self.assertLess(seconds[-1], 4.5, "the head deadline is for the whole head, not per read")


class ConnectionCapTest(AttackTest):
    # Only 16 connections at once, heads may take 30 s: the slow clients would
    # fill the server, but the one waiting longest makes room for a new one.
    server_args = ("--max-connections", "16", "--header-timeout", "30")

    def test_a_full_server_makes_room_for_a_fast_request(self):
        clients = [SlowClient(self.server, b"GET / HTTP/1.1\r\nHost: %s\r\n" % self.server.host.encode(),
                              b"X-Drip-#: a\r\n", 0.5, limit=6) for _ in range(40)]
        for c in clients:
            c.start()
            time.sleep(0.005)
        time.sleep(0.5)
        self.assert_page_answered_quickly("40 slow-header connections, 16 allowed")
        wait_all(clients, 10)
        closed = sum(1 for c in clients if c.answer is not None and status_of(c.answer) != 408)
        note("of 40 slow connections with 16 allowed, %d were closed to make room" % closed)
        self.assertGreaterEqual(closed, 24)


class SlowBodyTest(AttackTest):
    # A whole-body deadline of 3 s; after 1 s an upload must average 16 KB/s.
    server_args = ("--body-timeout", "3", "--idle-timeout", "1", "--min-rate-kb-s", "16")

    def test_slow_bodies_neither_starve_the_server_nor_stay_connected(self):
        part = b'--zz\r\nContent-Disposition: form-data; name="files"; filename="slow.xlsx"\r\n\r\n'
        trickles = [SlowClient(self.server, upload_head(self.server, 100000) + part, b"a", 0.3) for _ in range(32)]
        # Fast enough for the minimum rate (about 80 KB/s), too slow to finish 2 MB in 3 s.
        steady = SlowClient(self.server, upload_head(self.server, 2 * MB) + part, b"b" * 20000, 0.25)
        for c in trickles + [steady]:
            c.start()
        time.sleep(0.3)
        self.assert_page_answered_quickly("32 slow-body connections")
        self.assert_upload_works("32 slow-body connections")
        wait_all(trickles + [steady], 10)
        statuses = [status_of(c.answer) for c in trickles]
        seconds = sorted(c.seconds for c in trickles)
        note("trickling uploads: answers %s, cut after %.2f-%.2f s (minimum rate)" %
             (sorted(set(statuses)), seconds[0], seconds[-1]))
        note("steady slow upload: %s after %.2f s (whole-body deadline)" % (status_of(steady.answer), steady.seconds))
        self.assertEqual(statuses, [408] * 32)
        self.assertLess(seconds[-1], 2.8, "a trickle is cut by the minimum rate, before the body deadline")
        self.assertEqual(status_of(steady.answer), 408)
        self.assertGreater(steady.seconds, 2.5)
        self.assertLess(steady.seconds, 5)
        self.assertTrue(wait_until(lambda: len(os.listdir(os.path.join(self.work, os.listdir(self.work)[0]))) <= 1, 5),
                        "the folders of cut-off uploads are removed")


class ManyUploadsTest(AttackTest):
    def test_fifty_concurrent_uploads_all_succeed(self):
        names = sample_names()
        results = [None] * 50
        start = threading.Barrier(50)

        def run(i):
            start.wait()
            try:
                results[i] = self.server.upload([("u%02d-%s" % (i, names[i % len(names)]), sample(names[i % len(names)]))])
            except OSError as e:
                results[i] = (repr(e), None)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(50)]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        statuses = [r[0] for r in results]
        note("50 concurrent uploads: %d answered 200 in %.1f s" % (statuses.count(200), time.monotonic() - began))
        self.assertEqual(statuses, [200] * 50, [r for r in results if r[0] != 200][:3])
        self.assertEqual(len({r[1]["id"] for r in results}), 50)
        for i, (_, body) in enumerate(results):
            self.assertEqual([x["file"] for x in body["summary"]["inputs"]], ["u%02d-%s" % (i, names[i % len(names)])])


class BadLengthTest(AttackTest):
    server_args = ("--max-upload-mb", "2")

    def refused_at_once(self, head, want):
        start = time.monotonic()
        status, body = self.server.raw(head, timeout=10)
        seconds = time.monotonic() - start
        note("%-60r -> %s in %.3f s" % (head.split(b"\r\n")[-3][:60], status, seconds))
        self.assertEqual(status, want, body)
        self.assertLess(seconds, 1.0, "answered at once, not after a timeout")
        self.assertIn(b'"code"', body)

    def test_bad_content_lengths_are_answered_at_once(self):
        host = self.server.host.encode()
        for value, want in [(b"-1", 400), (b"abc", 400), (b"1e3", 400), (b"+10", 400), (b"0x10", 400), (b"", 400),
                            (b"99999999999999999999999", 413), (b"%d" % (3 * MB), 413)]:
            self.refused_at_once(b"POST /api/packs HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; "
                                 b"boundary=zz\r\nContent-Length: %s\r\n\r\n" % (host, value), want)
        for framing in [b"Content-Length: 5\r\nContent-Length: 6\r\n",
                        b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
                        b"Transfer-Encoding: chunked\r\n\r\nZZ\r\n"]:
            want = 400
            head = b"POST /api/packs HTTP/1.1\r\nHost: %s\r\nContent-Type: multipart/form-data; boundary=zz\r\n%s" % (
                host, framing)
            self.refused_at_once(head if head.endswith(b"ZZ\r\n") else head + b"\r\n", want)
        self.refused_at_once(b"POST /api/packs HTTP/1.1\r\nHost: %s\r\nTransfer-Encoding: gzip\r\n\r\n" % host, 501)
        self.assertTrue(self.server.answering())

    def test_expect_continue(self):
        body, ctype = multipart([("kpi.xlsx", sample("kpi-highlight-indicators.xlsx"))])
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(b"POST /api/packs HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
                      b"Expect: 100-continue\r\n\r\n" % (self.server.host.encode(), ctype.encode(), len(body)))
            self.assertTrue(s.recv(100).startswith(b"HTTP/1.1 100 Continue\r\n\r\n"))
            s.sendall(body)
            self.assertTrue(s.recv(100).startswith(b"HTTP/1.1 200 OK"))
        # Over the limit: refused before the client sends the body at all.
        start = time.monotonic()
        status, _ = self.server.raw(upload_head(self.server, 3 * MB, extra=b"Expect: 100-continue\r\n"))
        self.assertEqual(status, 413)
        self.assertLess(time.monotonic() - start, 1.0)

    def test_pipelined_requests_on_one_connection(self):
        get = b"GET /api/limits HTTP/1.1\r\nHost: %s\r\n\r\n" % self.server.host.encode()
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(get + get + get.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n"))
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        self.assertEqual(data.count(b"HTTP/1.1 200 OK"), 3)


class Utf8Test(AttackTest):
    server_args = ("--max-upload-file-mb", "1", "--max-upload-files", "2")

    def post(self, body, ctype, headers=None):
        h = {"Content-Type": ctype}
        h.update(headers or {})
        status, _, data = self.server.request("POST", "/api/packs", body, h)
        return status, json.loads(data.decode("utf-8"))  # strict: invalid UTF-8 would raise here

    def upload_named(self, raw_names, data=None, field=b"files"):
        data = data if data is not None else sample("kpi-highlight-indicators.xlsx")
        body, ctype = multipart([("@@%d@@" % i, data) for i in range(len(raw_names))])
        for i, raw in enumerate(raw_names):
            body = body.replace(b"@@%d@@" % i, raw)
        return self.post(body.replace(b'name="files"', b'name="' + field + b'"'), ctype)

    def test_file_names_that_are_not_utf8(self):
        for raw in [b"bad\xff\xfe.xlsx", b"cesu\xed\xa0\x80.xlsx", b"overlong\xc0\xaf.xlsx", b"\x80lone.xlsx",
                    b"cut\xe2\x82.xlsx", b"big\xf4\x90\x80\x80.xlsx"]:
            status, body = self.upload_named([raw])
            self.assertEqual(status, 200, (raw, body))
            name = body["summary"]["inputs"][0]["file"]
            self.assertIn("\ufffd", name, raw)
            self.assertTrue(name.endswith(".xlsx"))
            self.assertEqual(self.server.request("GET", "/api/packs/%s/summary.json" % body["id"])[0], 200)
        # The same names in refusals, which name the file.
        status, body = self.upload_named([b"huge\xff.xlsx"], data=os.urandom(MB + 10))
        self.assertEqual((status, body["code"], body["file"]), (413, "file_too_large", "huge\ufffd.xlsx"))
        status, body = self.upload_named([b"a.xlsx", b"b.xlsx", b"three\xff.xlsx"])
        self.assertEqual((status, body["code"], body["file"]), (413, "too_many_files", "three\ufffd.xlsx"))
        status, body = self.upload_named([b"unreadable\xff.xlsx"], data=b"plain text")
        self.assertEqual(status, 200)
        self.assertEqual([i["file"] for i in body["summary"]["issues"]], ["unreadable\ufffd.xlsx"])
        self.assertTrue(self.server.answering())

    def test_field_names_and_header_values_that_are_not_utf8(self):
        status, body = self.upload_named([b"a.xlsx"], field=b"fi\xffles")
        self.assertEqual((status, body["code"]), (400, "no_files"))
        status, body = self.upload_named([b"a.xlsx"], field=b"files\"; filename=\"x\xff.xlsx")
        self.assertEqual(status, 200, body)
        status, _, _ = self.server.request("GET", "/", headers={"X-Note": "caf\xe9".encode("latin-1")})
        self.assertEqual(status, 200)
        status, data = self.server.raw(b"GET /api/limits HTTP/1.1\r\nHost: 127.0.0.1\xff:%d\r\n\r\n" % self.server.port)
        body = json.loads(data.decode("utf-8"))
        self.assertEqual((status, body["code"]), (403, "bad_host"))
        self.assertIn("127.0.0.1\ufffd", body["message"])
        b, ctype = multipart([("a.xlsx", sample("kpi-highlight-indicators.xlsx"))])
        status, body = self.post(b, ctype, {"Origin": b"http://\xff\xfe"})
        self.assertEqual((status, body["code"]), (403, "cross_origin"))
        self.assertTrue(self.server.answering())


class RebindingTest(AttackTest):
    def test_only_this_servers_names_are_answered(self):
        p = self.server.port
        body, ctype = multipart([("kpi.xlsx", sample("kpi-highlight-indicators.xlsx"))])
        status, good = self.server.upload([("kpi.xlsx", sample("kpi-highlight-indicators.xlsx"))])
        self.assertEqual(status, 200)
        pack = "/api/packs/" + good["id"]
        refused = ["127.evil.example:%d" % p, "127.0.0.1.evil.example:%d" % p, "localhost.evil:%d" % p,
                   "localhost.:%d" % p, "127.0.0.1:%d" % (p + 1), "127.0.0.1", "localhost", "127.1:%d" % p,
                   "127.0.0.2:%d" % p, "evil.example", "[::1]", "0.0.0.0:%d" % p, "127.0.0.1:%d@evil.example" % p]
        for host in refused:
            for method, path, b, headers in [("GET", "/api/limits", None, {}),
                                             ("POST", "/api/packs", body, {"Content-Type": ctype}),
                                             ("DELETE", pack, None, {}),
                                             ("GET", pack + "/summary.json", None, {})]:
                h = dict(headers, Host=host, Origin="http://" + host)
                status, _, data = self.server.request(method, path, b, h)
                self.assertEqual((status, json.loads(data)["code"]), (403, "bad_host"), (method, host))
        for raw in [b"GET /api/limits HTTP/1.1\r\n\r\n", b"GET /api/limits HTTP/1.0\r\n\r\n",
                    b"DELETE %s HTTP/1.1\r\n\r\n" % pack.encode()]:
            status, data = self.server.raw(raw)
            self.assertEqual((status, json.loads(data)["code"]), (403, "bad_host"), raw)
        self.assertEqual(self.server.request("GET", pack + "/summary.json")[0], 200, "no refused DELETE removed the pack")
        for host in ["127.0.0.1:%d" % p, "localhost:%d" % p, "LocalHost:%d" % p, "[::1]:%d" % p]:
            self.assertEqual(self.server.request("GET", "/api/limits", headers={"Host": host})[0], 200, host)
        # A right Host with another site's Origin: DNS rebinding is not needed for a cross-site POST.
        for origin in ["http://evil.example", "http://127.0.0.1:%d" % (p + 1), "http://localhost:%d.evil" % p, "null",
                       "file://", "http://127.0.0.1:%d/" % p]:
            status, _, data = self.server.request("POST", "/api/packs", body, {"Content-Type": ctype, "Origin": origin})
            self.assertEqual((status, json.loads(data)["code"]), (403, "cross_origin"), origin)
            status, _, data = self.server.request("DELETE", pack, None, {"Origin": origin})
            self.assertEqual(status, 403, origin)
        status, _, data = self.server.request("POST", "/api/packs", body, {"Content-Type": ctype,
                                                                          "Sec-Fetch-Site": "cross-site"})
        self.assertEqual(status, 403)
        for origin in ["http://127.0.0.1:%d" % p, "http://localhost:%d" % p]:
            status, _, _ = self.server.request("POST", "/api/packs", body,
                                               {"Content-Type": ctype, "Origin": origin, "Host": origin[7:]})
            self.assertEqual(status, 200, origin)
        self.assertEqual(self.server.request("DELETE", pack, None, {"Origin": "http://localhost:%d" % p})[0], 204)
        self.assertEqual(self.server.request("GET", pack + "/summary.json")[0], 404)

    def test_allow_host_adds_a_name(self):
        work = fresh_dir("attacks-allow-host")
        server = Server(work, "--allow-host", "boardpack.council.example")
        try:
            h = {"Host": "boardpack.council.example"}
            self.assertEqual(server.request("GET", "/api/limits", headers=h)[0], 200)
            h = {"Host": "boardpack.council.example.evil"}
            self.assertEqual(server.request("GET", "/api/limits", headers=h)[0], 403)
        finally:
            self.assertEqual(server.stop(), 0)


class MemoryTest(AttackTest):
    def test_large_concurrent_uploads_are_not_held_in_memory(self):
        blob = os.urandom(20 * MB)
        _, idle_peak = self.server.memory_kib()
        results = [None] * 6

        def run(i):
            results[i] = self.server.upload([("big%d.xlsx" % i, blob)])[0]

        threads = [threading.Thread(target=run, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        rss, peak = self.server.memory_kib()
        note("6 concurrent 20 MB uploads: peak RSS %.1f MiB (idle %.1f MiB; 120 MB were uploaded)" %
             (peak / 1024, idle_peak / 1024))
        self.assertEqual(results, [200] * 6)
        self.assertLess(peak, 64 * 1024, "uploads are streamed to disk, not held in memory")


class CancelTest(AttackTest):
    # One build at a time, so a second upload waits its turn.
    server_args = ("--build-jobs", "1", "--max-upload-mb", "64", "--max-upload-file-mb", "8")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.big = big_workbook(50000)

    def send_and_leave(self, files, after):
        """Sends an upload whole, then closes the connection `after` seconds later, without reading."""
        body, ctype = multipart(files)
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=30)
        s.sendall(b"POST /api/packs HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" %
                  (self.server.host.encode(), ctype.encode(), len(body)) + body)
        time.sleep(after)
        s.close()

    def test_a_build_stops_when_its_client_goes_away(self):
        files = [("big%02d.xlsx" % i, self.big) for i in range(16)]  # 8 million cells in all
        start = time.monotonic()
        status, _ = self.server.upload(files)
        full = time.monotonic() - start
        self.assertEqual(status, 200)
        # The same upload again, but the client leaves during the build; the next upload is behind it.
        self.send_and_leave(files, 0.5)
        start = time.monotonic()
        self.assert_upload_works("a cancelled build")
        waited = time.monotonic() - start
        note("a 16-workbook build takes %.2f s; the upload queued behind it, cancelled 0.5 s in, waited %.2f s"
             % (full, waited))
        self.assertTrue(any("build cancelled: the client went away" in l for l in self.server.log), self.server.log)
        self.assertLess(waited, 0.8 * full, "the cancelled build did not run to its end")

    def test_a_queued_build_is_dropped_when_its_client_goes_away(self):
        # 16, as above (about 0.9 s): 8 took about 0.47 s, no longer than the queued client stays (0.5 s)
        body, ctype = multipart([("big%d.xlsx" % i, self.big) for i in range(16)])
        first = {}
        t = threading.Thread(target=lambda: first.update(r=self.server.request(
            "POST", "/api/packs", body, {"Content-Type": ctype})))
        t.start()
        time.sleep(0.3)  # the first build is running: the next upload waits in the queue
        self.send_and_leave([("kpi.xlsx", sample("kpi-highlight-indicators.xlsx"))], 0.2)
        t.join(timeout=60)
        self.assertEqual(first["r"][0], 200)
        self.assertTrue(wait_until(lambda: any("build cancelled before it started" in l for l in self.server.log), 5),
                        self.server.log)


class StoreCapTest(unittest.TestCase):
    def test_stored_packs_are_capped_by_count(self):
        work = fresh_dir("attacks-store-count")
        server = Server(work, "--max-stored-packs", "2")
        try:
            ids = []
            for _ in range(3):
                status, body = server.upload([("kpi.xlsx", sample("kpi-highlight-indicators.xlsx"))])
                self.assertEqual(status, 200)
                ids.append(body["id"])
            got = [server.request("GET", "/api/packs/%s/summary.json" % i)[0] for i in ids]
            self.assertEqual(got, [404, 200, 200], "the oldest pack expires first")
            root = os.path.join(work, os.listdir(work)[0])
            self.assertEqual(sorted(os.listdir(root)), sorted(ids[1:]))
        finally:
            self.assertEqual(server.stop(), 0)

    def test_stored_packs_are_capped_by_bytes(self):
        work = fresh_dir("attacks-store-bytes")
        server = Server(work, "--max-stored-mb", "0.01")
        try:
            status, body = server.upload([("kpi.xlsx", sample("kpi-highlight-indicators.xlsx"))])
            self.assertEqual((status, body["code"]), (507, "storage_full"))
            self.assertTrue(server.answering())
            root = os.path.join(work, os.listdir(work)[0])
            self.assertEqual(os.listdir(root), [])
        finally:
            self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    unittest.main()

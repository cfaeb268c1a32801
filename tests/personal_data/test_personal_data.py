#!/usr/bin/python3
"""Personal data caught before publishing, end to end through `boardpack build`.

A plan whose progress update names a child's family ("Sarah Jones's mother") and
a KPI table whose commentary holds an NHS number: an internal build warns at
those two cells and writes the pack; a public build (audience = public) refuses,
exit 1, names both cells and writes nothing (and removes an earlier pack of its
own); a public build with personal_data = reviewed writes the pack. A clean
workbook beside them gets no finding."""
import argparse
import json
import os
import shutil
import subprocess
import sys

import openpyxl

failures = []


def ok(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)
    return cond


def plan(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["Ref", "Section", "Action", "Lead", "Due date", "Status", "Progress update"])
    ws.append(["QP1.1", "Quality of practice", "Audit case files", "Head of Service", "31/03/2027", "Green",
               "Sarah Jones's mother has agreed to the plan"])
    ws.append(["QP1.2", "Quality of practice", "Supervision every month", "Team Manager", "31/03/2027", "Green",
               "Head of Service and Team Manager Smith reviewed 1,958 contacts; 90.4% on time; due 31/10/2026 (QP1.12)"])
    wb.save(path)


def kpis(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Ref", "Measure", "Current", "Min", "Upper", "Commentary"])
    ws.append(["2.1", "Percentage of assessments on time", 0.8, 0.85, 0.9,
               "One late case (NHS 943 476 5919) was escalated to the Team Manager"])
    ws.append(["2.2", "Percentage of visits on time", 0.95, 0.85, 0.9, "Early Help and MASH on track"])
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=5):
        for c in row:
            c.number_format = "0.0%"
    wb.save(path)


def build(bp, work, out, template=None):
    args = [bp, "build", "plan.xlsx", "kpis.xlsx", "--out", out, "--as-of", "2026-11-21", "--no-history"]
    if template:
        args += ["--template", template]
    p = subprocess.run(args, cwd=work, capture_output=True, text=True, timeout=60)
    summary = os.path.join(work, out, "summary.json")
    s = json.load(open(summary, encoding="utf-8")) if os.path.exists(summary) else None
    return p.returncode, s, p.stdout, p.stderr


def serve_upload(bp, work, template, files):
    """POSTs `files` to a `boardpack serve --template` on a free port; returns (status, JSON body)."""
    import http.client
    import socket
    import time
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([bp, "serve", "--port", str(port), "--template", template], cwd=work,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        boundary = "bpboundary7f3a"
        body = b""
        for f in files:
            body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{f}\"\r\n"
                     "Content-Type: application/octet-stream\r\n\r\n").encode() + open(os.path.join(work, f), "rb").read() + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        for _ in range(100):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                c.request("POST", "/api/packs", body, {"Content-Type": f"multipart/form-data; boundary={boundary}",
                                                       "Origin": f"http://127.0.0.1:{port}"})
                r = c.getresponse()
                return r.status, json.loads(r.read() or b"{}")
            except ConnectionRefusedError:
                time.sleep(0.05)
        return None, {}
    finally:
        server.terminate()
        server.wait(timeout=10)


def personal(s):
    return sorted((i["file"], i["sheet"], i["cell"], i["severity"]) for i in s["issues"] if i["code"] == "personal-data")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    bp = os.path.abspath(a.boardpack)
    work = a.work
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    plan(os.path.join(work, "plan.xlsx"))
    kpis(os.path.join(work, "kpis.xlsx"))
    with open(os.path.join(work, "public.ini"), "w") as f:
        f.write("[report]\naudience = public\n")
    with open(os.path.join(work, "reviewed.ini"), "w") as f:
        f.write("[report]\naudience = public\npersonal_data = reviewed\n")
    expected = [("kpis.xlsx", "KPIs", "F2"), ("plan.xlsx", "Plan", "G2")]

    # internal (the built-in template): warnings at the two cells, pack written
    rc, s, out, err = build(bp, work, "internal")
    if ok(s is not None, f"internal build wrote summary.json (rc {rc}, {err[:300]})"):
        ok(rc == 0, f"internal build: exit 0 (warnings only), got {rc}")
        ok(personal(s) == [c + ("warning",) for c in expected], f"internal: warnings at F2 and G2: {personal(s)}")
        msgs = [i["message"] for i in s["issues"] if i["code"] == "personal-data"]
        ok(any("measure 2.1" in m and "an NHS number (943 *** ****)" in m for m in msgs), f"NHS number masked: {msgs}")
        ok(any("action QP1.1" in m and "a person's name (S**** J****)" in m for m in msgs), f"name masked: {msgs}")
        ok(not any(w in m for m in msgs for w in ("5919", "Sarah", "Jones")), "no message echoes the datum")
        for f in ("scorecard.xlsx", "board-report.pdf"):
            ok(os.path.exists(os.path.join(work, "internal", f)), f"internal: {f} written")
        ok("personal-data" in out and "G2" in out, "the console lists the findings")

    # public: refused, nothing written, an earlier pack of boardpack's removed
    shutil.copytree(os.path.join(work, "internal"), os.path.join(work, "public"))
    rc, s, out, err = build(bp, work, "public", "public.ini")
    ok(rc == 1, f"public build: exit 1, got {rc} ({err[:300]})")
    left = [n for n in os.listdir(os.path.join(work, "public")) if not n.startswith(".")] \
        if os.path.isdir(os.path.join(work, "public")) else []
    ok(not [n for n in left if n in ("summary.json", "scorecard.xlsx", "board-report.pdf")],
       f"public build: nothing written, the earlier pack removed: {left}")
    ok("audience = public" in err and "kpis.xlsx: KPIs!F2" in err and "plan.xlsx: Plan!G2" in err
       and "personal_data = reviewed" in err and "nothing was written" in err,
       f"the refusal names each cell and what to do: {err.strip()[:400]}")
    ok("error" in out and "personal-data" in out, "the findings are listed as errors on the console")

    # public, reviewed: written, the findings kept as warnings
    rc, s, out, err = build(bp, work, "reviewed", "reviewed.ini")
    if ok(s is not None, f"public + reviewed build wrote summary.json (rc {rc}, {err[:300]})"):
        ok(rc == 0, f"public + reviewed: exit 0, got {rc}")
        ok(personal(s) == [c + ("warning",) for c in expected], f"reviewed: the same warnings: {personal(s)}")
        ok(os.path.exists(os.path.join(work, "reviewed", "board-report.pdf")), "reviewed: report written")

    # batch writes through the same pack writer: each pack with personal data fails alone, naming its cell
    os.makedirs(os.path.join(work, "batch-in"))
    for f in ("plan.xlsx", "kpis.xlsx"):
        shutil.copy(os.path.join(work, f), os.path.join(work, "batch-in", f))
    p = subprocess.run([bp, "batch", "batch-in", "--out", "batch-out", "--template", "public.ini", "--no-history"],
                       cwd=work, capture_output=True, text=True, timeout=60)
    ok(p.returncode == 2, f"public batch: exit 2 (packs not built), got {p.returncode}")
    ok("Plan!G2" in p.stdout and "KPIs!F2" in p.stdout and "audience = public" in p.stdout,
       f"public batch: each pack's refusal names its cell: {p.stdout[:300]}")
    written = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(work, "batch-out")) for f in fs]
    ok(not [w for w in written if w.endswith(("board-report.pdf", "scorecard.xlsx", "summary.json"))],
       f"public batch: nothing written: {written}")

    # the web page: 422 personal_data, naming each cell, nothing kept
    status, body = serve_upload(bp, work, "public.ini", ["plan.xlsx", "kpis.xlsx"])
    ok(status == 422 and body.get("code") == "personal_data" and "Plan!G2" in body.get("message", "")
       and "KPIs!F2" in body.get("message", ""), f"public web page: 422 personal_data naming the cells: {status} {body}")
    status, body = serve_upload(bp, work, "reviewed.ini", ["plan.xlsx", "kpis.xlsx"])
    ok(status == 200 and any(d["name"] == "board-report.pdf" for d in body.get("downloads", [])),
       f"reviewed web page: the pack is built: {status} {str(body)[:200]}")

    # a bad value is a template error, before anything is read
    with open(os.path.join(work, "bad.ini"), "w") as f:
        f.write("[report]\naudience = everyone\n")
    rc, s, out, err = build(bp, work, "bad", "bad.ini")
    ok(rc == 2 and "bad.ini" in err and "line 2" in err and "internal or public" in err,
       f"audience = everyone: exit 2 naming the line: {rc} {err.strip()[:200]}")

    print(f"personal_data: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

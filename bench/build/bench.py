#!/usr/bin/python3
"""Time `boardpack build` against the reference Python pipeline and LibreOffice
headless on the same generated team workbooks, in one run.

    /usr/bin/python3 bench/build/bench.py --boardpack BIN [--work DIR] [--count 200]
        [--runs 5] [--py-runs 1] [--lo-runs 1] [--skip-libreoffice] [--report FILE]

Inputs: gen_workbooks.py (cached in WORK/gen-<hash>-<count>/).  Each tool's
wall-clock seconds, CPU seconds (user+sys, from wait4) and peak RSS (ru_maxrss
of the process tree's largest process) are measured per run; the best wall
and CPU over the runs and the largest peak RSS are reported.  boardpack's
outputs are whatever it writes today (summary.json; scorecard.xlsx and
board-report.pdf once those writers exist): the Python pipeline's phases give
the comparable figure for summary.json alone.  Both must find the same
sections, counts and findings, or the report says they did not do the same work.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
AS_OF = "2026-11-21"
TARGET = 50.0


def measure(cmd, cwd=None, timeout=None, env=None):
    """(wall s, cpu s, peak RSS MiB, exit code, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                         start_new_session=True)
    out_chunks = []
    deadline = t0 + timeout if timeout else None
    import selectors
    sel = selectors.DefaultSelector()
    sel.register(p.stdout, selectors.EVENT_READ)
    while True:
        left = None if deadline is None else max(0.0, deadline - time.perf_counter())
        if left == 0.0:
            os.killpg(p.pid, 9)
            break
        ev = sel.select(timeout=left)
        if ev:
            chunk = p.stdout.read1(65536)
            if not chunk:
                break
            out_chunks.append(chunk)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    p.returncode = code
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, code, b"".join(out_chunks).decode("utf-8", "replace")


def inputs(work, count):
    gen = os.path.join(HERE, "gen_workbooks.py")
    h = hashlib.sha256(open(gen, "rb").read()).hexdigest()[:12]
    d = os.path.join(work, f"gen-{h}-{count}")
    if not os.path.exists(os.path.join(d, "manifest.json")):
        shutil.rmtree(d, ignore_errors=True)
        subprocess.run(["/usr/bin/python3", gen, d, "--count", str(count)], check=True)
    return d


def best(runs):
    return {"wall": min(r[0] for r in runs), "cpu": min(r[1] for r in runs), "rss": max(r[2] for r in runs),
            "codes": sorted({r[3] for r in runs})}


def same_work(bp_summary, py_summary):
    def key(s):
        sec = sorted((x["name"], x["total"], x["blue"], x["green"], x["amber"], x["red"]) for x in s["plan"]["sections"])
        iss = sorted((i["severity"], i["code"]) for i in s["issues"])
        return sec, s["kpis"]["counts"], len(s["plan"]["actions"]), len(s["kpis"]["measures"]), iss
    a, b = key(bp_summary), key(py_summary)
    diffs = [n for n, x, y in zip(["sections", "kpi counts", "actions", "measures", "findings"], a, b) if x != y]
    return diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--boardpack", default=os.path.join(REPO, "build", "src", "boardpack"))
    ap.add_argument("--work", default="/tmp/boardpack-build-bench")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5, help="boardpack runs (best is reported)")
    ap.add_argument("--py-runs", type=int, default=1)
    ap.add_argument("--lo-runs", type=int, default=1)
    ap.add_argument("--lo-timeout", type=int, default=900)
    ap.add_argument("--skip-libreoffice", action="store_true")
    ap.add_argument("--report", help="also write the Markdown report here")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    src = inputs(a.work, a.count)
    man = json.load(open(os.path.join(src, "manifest.json")))
    n_actions = sum(m.get("actions", 0) for m in man)
    n_measures = sum(m.get("measures", 0) for m in man)
    in_bytes = sum(os.path.getsize(os.path.join(src, m["file"])) for m in man)
    files = sorted(m["file"] for m in man)
    bp = os.path.abspath(a.boardpack)
    print(f"inputs: {len(man)} workbooks in {src}", file=sys.stderr)

    # boardpack
    bp_out = os.path.join(a.work, "out-boardpack")
    runs = []
    for i in range(a.runs):
        shutil.rmtree(bp_out, ignore_errors=True)
        runs.append(measure([bp, "build", src, "--out", bp_out, "--as-of", AS_OF]))
        print(f"boardpack run {i + 1}: {runs[-1][0]:.3f} s wall, {runs[-1][1]:.3f} s CPU", file=sys.stderr)
    bpr = best(runs)
    written = sorted(n for n in os.listdir(bp_out) if not n.startswith("."))
    bp_summary = json.load(open(os.path.join(bp_out, "summary.json")))
    all_three = {"summary.json", "scorecard.xlsx", "board-report.pdf"} <= set(written)

    # reference Python pipeline
    py_out = os.path.join(a.work, "out-python")
    pyruns, phases = [], []
    for i in range(a.py_runs):
        shutil.rmtree(py_out, ignore_errors=True)
        r = measure(["/usr/bin/python3", os.path.join(HERE, "reference_pipeline.py"), src, "--out", py_out,
                     "--as-of", AS_OF])
        pyruns.append(r)
        phases.append(json.loads(r[4].strip().splitlines()[-1]))
        print(f"python run {i + 1}: {r[0]:.2f} s wall, {r[1]:.2f} s CPU", file=sys.stderr)
    pyr = best(pyruns)
    ph_wall = {k: min(p["phases"][k] for p in phases) for k in phases[0]["phases"]}
    ph_cpu = {k: min(p["cpu_phases"][k] for p in phases) for k in phases[0]["cpu_phases"]}
    py_summary = json.load(open(os.path.join(py_out, "summary.json")))
    diffs = same_work(bp_summary, py_summary)

    # LibreOffice headless, a fresh profile each run
    lor = None
    if not a.skip_libreoffice and shutil.which("soffice"):
        lo_runs = []
        for i in range(a.lo_runs):
            lo_out = os.path.join(a.work, "out-libreoffice")
            profile = os.path.join(a.work, f"lo-profile-{os.getpid()}-{i}")
            shutil.rmtree(lo_out, ignore_errors=True)
            shutil.rmtree(profile, ignore_errors=True)
            os.makedirs(lo_out)
            r = measure(["timeout", str(a.lo_timeout), "soffice", f"-env:UserInstallation=file://{profile}",
                         "--headless", "--norestore", "--convert-to", "pdf", "--outdir", lo_out] + files, cwd=src)
            shutil.rmtree(profile, ignore_errors=True)
            pdfs = len([n for n in os.listdir(lo_out) if n.endswith(".pdf")])
            lo_runs.append(r)
            print(f"libreoffice run {i + 1}: {r[0]:.2f} s wall, {r[1]:.2f} s CPU, {pdfs} PDFs (exit {r[3]})",
                  file=sys.stderr)
        lor = best(lo_runs)
        lor["pdfs"] = pdfs

    # report
    def ratio(x, y):
        return x / y if y > 0 else float("inf")
    py_sum_wall = ph_wall["read_check"] + ph_wall["summary"]
    py_sum_cpu = ph_cpu["read_check"] + ph_cpu["summary"]
    L = []
    L.append(f"Build benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, "
             f"load average {os.getloadavg()[0]:.1f} at the end")
    L.append("")
    L.append(f"Inputs: {len(man)} team workbooks ({in_bytes / 1e6:.1f} MB): "
             f"{sum(1 for m in man if m['kind'] == 'plan')} plans, {n_actions} actions; "
             f"{sum(1 for m in man if m['kind'] == 'kpi')} KPI tables, {n_measures} measures "
             f"(`bench/build/gen_workbooks.py`, 8 layouts). Report date {AS_OF}.")
    L.append("")
    L.append("| run | writes | wall s | CPU s | peak RSS MB | Python ÷ this (wall) | Python ÷ this (CPU) |")
    L.append("|---|---|---:|---:|---:|---:|---:|")
    bp_writes = ", ".join(written)
    L.append(f"| boardpack build (best of {a.runs}) | {bp_writes} | {bpr['wall']:.3f} | {bpr['cpu']:.3f} | "
             f"{bpr['rss']:.0f} | {ratio(py_sum_wall if not all_three else pyr['wall'], bpr['wall']):.1f}× | "
             f"{ratio(py_sum_cpu if not all_three else pyr['cpu'], bpr['cpu']):.1f}× |")
    L.append(f"| Python: read + check + summary.json | summary.json | {py_sum_wall:.2f} | {py_sum_cpu:.2f} | – | 1 | 1 |")
    L.append(f"| Python: whole pipeline | summary.json, scorecard.xlsx, board-report.pdf | {pyr['wall']:.2f} | "
             f"{pyr['cpu']:.2f} | {pyr['rss']:.0f} | 1 | 1 |")
    if lor:
        L.append(f"| LibreOffice headless → PDF | {lor['pdfs']} PDFs | {lor['wall']:.2f} | {lor['cpu']:.2f} | "
                 f"{lor['rss']:.0f} | {ratio(pyr['wall'], lor['wall']):.2f}× | {ratio(pyr['cpu'], lor['cpu']):.2f}× |")
    L.append("")
    L.append(f"Python phases (wall / CPU s): read+recognise+check {ph_wall['read_check']:.2f} / {ph_cpu['read_check']:.2f}, "
             f"summary.json {ph_wall['summary']:.2f} / {ph_cpu['summary']:.2f}, scorecard.xlsx "
             f"{ph_wall['scorecard']:.2f} / {ph_cpu['scorecard']:.2f}, board-report.pdf {ph_wall['report']:.2f} / "
             f"{ph_cpu['report']:.2f}.")
    L.append("")
    if all_three:
        r_wall, r_cpu = ratio(pyr["wall"], bpr["wall"]), ratio(pyr["cpu"], bpr["cpu"])
        what = "whole build (all three outputs) against the whole Python pipeline"
    else:
        r_wall, r_cpu = ratio(py_sum_wall, bpr["wall"]), ratio(py_sum_cpu, bpr["cpu"])
        what = ("summary.json only (boardpack does not write scorecard.xlsx and board-report.pdf yet) against the "
                "Python pipeline's read + check + summary.json phases")
    L.append(f"**Ratio, {what}: {r_wall:.1f}× wall, {r_cpu:.1f}× CPU; target ≥ {TARGET:.0f}×: "
             f"{'met' if min(r_wall, r_cpu) >= TARGET else 'NOT met'}.**")
    if lor:
        L.append(f"LibreOffice ÷ boardpack: {ratio(lor['wall'], bpr['wall']):.0f}× wall, "
                 f"{ratio(lor['cpu'], bpr['cpu']):.0f}× CPU.")
    L.append("")
    L.append("Same work: " + ("yes — boardpack and the Python pipeline find the same sections and RAG counts, "
                              "KPI counts, actions, measures and findings (by severity and code)."
                              if not diffs else f"NO, they differ in: {', '.join(diffs)}."))
    L.append(f"Exit codes: boardpack {bpr['codes']}, Python {pyr['codes']}" +
             (f", LibreOffice {lor['codes']}" if lor else "") + " (1 = built, errors found in the data).")
    text = "\n".join(L) + "\n"
    print(text)
    if a.report:
        with open(a.report, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""boardpack's speed targets (issue 12, item 5), measured side by side in one run.

    bench/run.sh [--boardpack BIN] [--floor BIN] [--quick] [--report FILE] ...
    (run.sh builds bench_floor and boardpack, then runs this with /usr/bin/python3)

Sections, each an interleaved series (A B A B ...) on the same inputs:

  build     `boardpack build` of 200 team workbooks vs the reference Python
            pipeline (summary.json + scorecard.xlsx + board-report.pdf) vs
            LibreOffice headless converting the 200 to PDF (fresh profile, timeout)
  validate  `boardpack validate` of the 200 workbooks vs bench_floor over the
            same files in one process (inflate + pugixml parse)
  sheet     the 1M-cell KPI sheet (gen_kpi_sheet.py 50000): `boardpack dump
            --json` and `boardpack validate` vs bench_floor, and validate's peak RSS
  scaling   validate and dump at 10k / 50k / 200k rows: time per row, peak RSS

Each run is timed through wait4: wall seconds, CPU seconds (user+sys of the
process tree) and peak RSS (ru_maxrss via /usr/bin/time: the largest process
of the tree).
Figures are medians over the runs (peak RSS: the largest).  Ratios compare
medians from the same series.  Inputs are generated once into CACHE keyed by
the generator's hash.  Exit status 0 when every run succeeded and boardpack and
the Python pipeline found the same work; a missed target does not fail the
run (this is a benchmark, not a test).
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PY = "/usr/bin/python3"          # Debian's python: openpyxl, XlsxWriter, ReportLab
TIME = "/usr/bin/time"           # GNU time: peak RSS of the command's process tree
AS_OF = "2026-11-21"
# A benchmark measures throughput, not the guards: lift the per-workbook limits
# (the 200,000-row sheet's 4,000,020 cells are over the default --max-cells of 2,000,000).
LIMITS = ["--max-cells", "1e8", "--max-seconds", "3600", "--max-text-mb", "65536"]
SECTIONS = ["build", "validate", "sheet", "scaling"]


# ---- measuring -----------------------------------------------------------------------------------

class Run:
    def __init__(self, wall, cpu, rss, code):
        self.wall, self.cpu, self.rss, self.code = wall, cpu, rss, code


def measure(cmd, stdout=None, cwd=None, timeout=None):
    """Run cmd once in its own process group: wall s, user+sys CPU s of the tree (wait4) and peak RSS MiB.

    The RSS comes from /usr/bin/time, whose own small process forks the command: a child forked from
    this Python process would carry Python's resident pages into ru_maxrss until its exec."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    with tempfile.NamedTemporaryFile(prefix="bench-rss-") as rss_file:
        try:
            t0 = time.perf_counter()
            p = subprocess.Popen([TIME, "-q", "-f", "%M", "-o", rss_file.name] + cmd, cwd=cwd, stdout=out,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
            timer = None
            if timeout:
                timer = threading.Timer(timeout, lambda: os.killpg(p.pid, signal.SIGKILL))
                timer.start()
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            if timer:
                timer.cancel()
            p.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdout:
                out.close()
        lines = open(rss_file.name).read().split()
    rss_kib = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    # time exits with the command's status; a killed command shows as 128 + signal.
    return Run(wall, ru.ru_utime + ru.ru_stime, rss_kib / 1024.0, p.returncode)


class Series:
    """Runs of one command; `ok` lists the exit codes that mean it did its job."""

    def __init__(self, name, runs, make_cmd, ok=(0,), prepare=None, stdout=None, cwd=None, timeout=None, after=None):
        self.name, self.runs, self.make_cmd, self.ok = name, runs, make_cmd, ok
        self.prepare, self.stdout, self.cwd, self.timeout, self.after = prepare, stdout, cwd, timeout, after
        self.results = []

    def run_once(self, k):
        if self.prepare:
            self.prepare(k)
        r = measure(self.make_cmd(k), stdout=self.stdout, cwd=self.cwd, timeout=self.timeout)
        if self.after:
            self.after(k, r)
        self.results.append(r)
        log(f"  {self.name} {len(self.results)}/{self.runs}: {r.wall:.3f} s wall, {r.cpu:.3f} s CPU, "
            f"{r.rss:.0f} MiB, exit {r.code}")

    @property
    def failed(self):
        return [r.code for r in self.results if r.code not in self.ok]

    def med(self, what):
        return statistics.median(getattr(r, what) for r in self.results) if self.results else float("nan")

    @property
    def rss(self):
        return max(r.rss for r in self.results) if self.results else float("nan")


def interleave(series):
    """Run every series its number of times, spread evenly through one sequence: run k of a series
    with n runs sits at (k + 0.5) / n, so a slow peer's 3 runs fall between boardpack's 6."""
    slots = sorted(((k + 0.5) / s.runs, i, k) for i, s in enumerate(series) for k in range(s.runs))
    for _, i, k in slots:
        series[i].run_once(k)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---- inputs (cached by generator hash) -----------------------------------------------------------

def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()[:12]


def workbooks(cache, count):
    gen = os.path.join(HERE, "build", "gen_workbooks.py")
    d = os.path.join(cache, f"workbooks-{digest(gen)}-{count}")
    if not os.path.exists(os.path.join(d, "manifest.json")):
        log(f"# generating {count} workbooks into {d}")
        shutil.rmtree(d, ignore_errors=True)
        subprocess.run([PY, gen, d, "--count", str(count)], check=True, stdout=subprocess.DEVNULL)
    return d


def kpi_sheet(cache, rows):
    gen = os.path.join(HERE, "gen_kpi_sheet.py")
    d = os.path.join(cache, f"kpi-{digest(gen)}")
    f = os.path.join(d, f"rows-{rows}.xlsx")
    if not os.path.exists(f):
        log(f"# generating {f}")
        os.makedirs(d, exist_ok=True)
        subprocess.run([PY, gen, str(rows), f + ".tmp"], check=True)
        os.replace(f + ".tmp", f)
    return f


# ---- the same work -------------------------------------------------------------------------------

def same_work(bp_summary, py_summary):
    """Which of sections + RAG counts, KPI counts, actions, measures and findings differ."""
    def key(s):
        sec = sorted((x["name"], x["total"], x["blue"], x["green"], x["amber"], x["red"]) for x in s["plan"]["sections"])
        iss = sorted((i["severity"], i["code"]) for i in s["issues"])
        return sec, s["kpis"]["counts"], len(s["plan"]["actions"]), len(s["kpis"]["measures"]), iss
    a, b = key(bp_summary), key(py_summary)
    return [n for n, x, y in zip(["sections", "kpi counts", "actions", "measures", "findings"], a, b) if x != y]


# ---- report helpers ------------------------------------------------------------------------------

class Report:
    def __init__(self):
        self.lines, self.targets, self.problems = [], [], []
        self.verdicts, self.series = [], {}   # for --json

    def add(self, *lines):
        self.lines.extend(lines)

    def target(self, what, ratio, limit, better, detail=""):
        """better='higher': ratio >= limit meets it; 'lower': ratio <= limit."""
        met = ratio >= limit if better == "higher" else ratio <= limit
        sign = "≥" if better == "higher" else "≤"
        line = f"| {what} | {sign} {limit:g} | {fmt_ratio(ratio, what)} | {'MET' if met else '**NOT MET**'} | {detail} |"
        self.targets.append(line)
        self.verdicts.append({"target": what, "wanted": f"{sign} {limit:g}", "measured": round(ratio, 3), "met": met})
        log(f"TARGET {what}: {ratio:.2f} (target {sign} {limit:g}): {'MET' if met else 'NOT MET'}")

    def table(self, series, base=None, base_label=""):
        self.add("| run | runs | wall s (median) | CPU s (median) | peak RSS MiB | wall ÷ " + base_label +
                 " | CPU ÷ " + base_label + " |", "|---|---:|---:|---:|---:|---:|---:|")
        for s in series:
            self.series[s.name] = s
            rw = rc = "–"
            if base is not None and s.results and base.results:
                rw = f"{s.med('wall') / base.med('wall'):.2f}×"
                rc = f"{s.med('cpu') / base.med('cpu'):.2f}×"
            fail = f" (**failed: exit {s.failed}**)" if s.failed else ""
            self.add(f"| {s.name}{fail} | {len(s.results)} | {s.med('wall'):.3f} | {s.med('cpu'):.3f} | "
                     f"{s.rss:.0f} | {rw} | {rc} |")
        self.add("")
        for s in series:
            if s.failed:
                self.problems.append(f"{s.name} exited {s.failed}")


def fmt_ratio(r, what):
    if "MiB" in what:
        return f"{r:.0f} MiB"
    return f"{r:.1f}×" if r >= 10 else f"{r:.2f}×"


# ---- sections ------------------------------------------------------------------------------------

def section_build(a, rep, work, src):
    man = json.load(open(os.path.join(src, "manifest.json")))
    files = sorted(m["file"] for m in man)
    in_mb = sum(os.path.getsize(os.path.join(src, f)) for f in files) / 1e6
    bp_out, py_out, lo_out = (os.path.join(work, n) for n in ("out-boardpack", "out-python", "out-libreoffice"))
    phases = []

    def clean(d):
        return lambda k: shutil.rmtree(d, ignore_errors=True)

    # The targets compare the same work: the three outputs the Python pipeline also writes. boardpack's
    # default build also writes each team's checked copy (returns/) and records the pack in the
    # history: timed too, as the user meets it.
    bp = Series("boardpack build --no-returns --no-history", a.runs,
                lambda k: [a.boardpack, "build", src, "--out", bp_out, "--as-of", AS_OF, "--no-returns", "--no-history"],
                ok=(0, 1), prepare=clean(bp_out))
    bp_out_all = os.path.join(work, "out-boardpack-returns")
    bp_all = Series("boardpack build (with the checked copies and the history)", a.runs,
                    lambda k: [a.boardpack, "build", src, "--out", bp_out_all, "--as-of", AS_OF],
                    ok=(0, 1), prepare=clean(bp_out_all))
    py_stdout = os.path.join(work, "python-phases.txt")
    py = Series("Python reference pipeline", a.py_runs,
                lambda k: [PY, os.path.join(HERE, "build", "reference_pipeline.py"), src, "--out", py_out,
                           "--as-of", AS_OF],
                ok=(0, 1), prepare=clean(py_out), stdout=py_stdout,
                after=lambda k, r: phases.append(json.loads(open(py_stdout).read().strip().splitlines()[-1])))
    series = [bp, bp_all, py]
    lo = None
    if a.lo_runs > 0:
        if not shutil.which("soffice"):
            rep.problems.append("soffice not found: LibreOffice left out (apt-get install libreoffice-calc-nogui)")
        else:
            def lo_prepare(k):
                shutil.rmtree(lo_out, ignore_errors=True)
                os.makedirs(lo_out)
                shutil.rmtree(os.path.join(work, "lo-profile"), ignore_errors=True)
            lo = Series("LibreOffice headless → PDF", a.lo_runs,
                        lambda k: ["timeout", str(a.lo_timeout), "soffice",
                                   f"-env:UserInstallation=file://{work}/lo-profile", "--headless", "--norestore",
                                   "--convert-to", "pdf", "--outdir", lo_out] + files,
                        cwd=src, prepare=lo_prepare, timeout=a.lo_timeout + 30)
            series.append(lo)
    log(f"# build: {len(files)} workbooks, interleaved")
    interleave(series)

    written = sorted(n for n in os.listdir(bp_out) if not n.startswith(".")) if os.path.isdir(bp_out) else []
    try:
        diffs = same_work(json.load(open(os.path.join(bp_out, "summary.json"))),
                          json.load(open(os.path.join(py_out, "summary.json"))))
    except (OSError, ValueError, KeyError) as e:
        diffs = [f"no comparable summary.json ({e})"]
    n_actions = sum(m.get("actions", 0) for m in man)
    n_measures = sum(m.get("measures", 0) for m in man)
    rep.add("### (a) Whole build of 200 team workbooks", "",
            f"Inputs: {len(files)} workbooks ({in_mb:.1f} MB; {n_actions} actions, {n_measures} measures; "
            f"`bench/build/gen_workbooks.py --count {len(files)}`). boardpack writes {', '.join(written)}; "
            "the Python pipeline writes the same three.", "")
    rep.table(series, bp, "boardpack")
    if phases:
        ph = {k: statistics.median(p["phases"][k] for p in phases) for k in phases[0]["phases"]}
        rep.add("Python phases (median wall s): " + ", ".join(f"{k} {v:.2f}" for k, v in ph.items()) + ".", "")
    if lo:
        pdfs = len([n for n in os.listdir(lo_out) if n.endswith(".pdf")])
        rep.add(f"LibreOffice wrote {pdfs} of {len(files)} PDFs in its last run.", "")
        if pdfs != len(files):
            rep.problems.append(f"LibreOffice wrote only {pdfs} of {len(files)} PDFs")
    same = not diffs and {"summary.json", "scorecard.xlsx", "board-report.pdf"} <= set(written)
    rep.add("Same work: " + ("yes — boardpack and the Python pipeline find the same sections and RAG counts, KPI "
                             "counts, actions, measures and findings (by severity and code), and both write "
                             "summary.json, scorecard.xlsx and board-report.pdf." if same else
                             f"**NO** — differ in: {', '.join(diffs) or 'outputs written: ' + ', '.join(written)}."),
            "")
    if not same:
        rep.problems.append("boardpack and the Python pipeline did not do the same work")
    rep.target("build: Python ÷ boardpack (wall)", py.med("wall") / bp.med("wall"), 50, "higher",
               f"CPU {py.med('cpu') / bp.med('cpu'):.1f}×")
    if lo:
        rep.target("build: LibreOffice ÷ boardpack (wall)", lo.med("wall") / bp.med("wall"), 100, "higher",
                   f"CPU {lo.med('cpu') / bp.med('cpu'):.1f}×")


def section_validate(a, rep, src):
    man = json.load(open(os.path.join(src, "manifest.json")))
    files = [os.path.join(src, f) for f in sorted(m["file"] for m in man)]
    bp = Series("boardpack validate DIR", a.runs, lambda k: [a.boardpack, "validate", src, "--as-of", AS_OF],
                ok=(0, 1))
    fl = Series("floor (bench_floor, 200 files, one process)", a.runs, lambda k: [a.floor] + files)
    log("# validate: 200 workbooks vs the floor, interleaved")
    interleave([bp, fl])
    rep.add("### (b) `boardpack validate` of the 200 workbooks vs the floor", "")
    rep.table([bp, fl], fl, "floor")
    rep.target("validate 200 workbooks ÷ floor (wall)", bp.med("wall") / fl.med("wall"), 4, "lower",
               f"CPU {bp.med('cpu') / fl.med('cpu'):.2f}×")


def sheet_series(a, sheet, rows, runs, work):
    dump_out = os.path.join(work, f"dump-{rows}.json")
    fl = Series(f"floor {rows:,} rows", runs, lambda k: [a.floor, sheet])
    dump = Series(f"boardpack dump --json {rows:,} rows", runs,
                  lambda k: [a.boardpack, "dump", sheet, "--json"] + LIMITS, stdout=dump_out)
    val = Series(f"boardpack validate {rows:,} rows", runs,
                 lambda k: [a.boardpack, "validate", sheet, "--as-of", AS_OF] + LIMITS, ok=(0, 1))
    log(f"# sheet: {rows:,} rows, interleaved floor / dump / validate")
    interleave([fl, dump, val])
    return fl, dump, val, dump_out


def dump_cells(path):
    """Cells in a dump (a check that it wrote the sheet), or None if its shape is not the one known here."""
    try:
        doc = json.load(open(path))
        return sum(len(s.get("cells", [])) for s in doc.get("sheets", []))
    except (ValueError, AttributeError, TypeError):
        return None


def section_sheet(a, rep, work, by_rows):
    rows = 50000
    sheet = kpi_sheet(a.cache, rows)
    fl, dump, val, dump_out = sheet_series(a, sheet, rows, a.runs, work)
    by_rows[rows] = (fl, dump, val)
    cells = dump_cells(dump_out)
    valued = int(subprocess.run([a.floor, sheet], capture_output=True, text=True, check=True).stdout.split()[-1])
    if cells is not None and cells != valued:
        rep.problems.append(f"the dump listed {cells} cells where the floor counts {valued} with a value")
    mb = os.path.getsize(sheet) / 1e6
    rep.add("### (c, d) The 1M-cell KPI sheet", "",
            f"`bench/gen_kpi_sheet.py {rows}`: {rows:,} rows x 20 columns + header = {(rows + 1) * 20:,} cells, "
            f"{mb:.1f} MB, {valued:,} of them with a value (the rest are styled blanks). The dump listed "
            f"{f'{cells:,}' if cells is not None else 'an unknown number of (its JSON shape is not the one known here)'} cells "
            f"({os.path.getsize(dump_out) / 1e6:.0f} MB of JSON, written to a file). boardpack runs with "
            f"`{' '.join(LIMITS)}`, which the 200,000-row sheet needs (the default --max-cells is 2,000,000).", "")
    rep.table([fl, dump, val], fl, "floor")
    rep.target("dump --json 1M cells ÷ floor (wall)", dump.med("wall") / fl.med("wall"), 1.0, "lower",
               f"CPU {dump.med('cpu') / fl.med('cpu'):.2f}×")
    rep.target("validate 1M cells ÷ floor (wall)", val.med("wall") / fl.med("wall"), 2.0, "lower",
               f"CPU {val.med('cpu') / fl.med('cpu'):.2f}×")
    rep.target("validate 1M cells: peak RSS MiB", val.rss, 128, "lower", f"floor {fl.rss:.0f} MiB")


def section_scaling(a, rep, work, by_rows):
    sizes = [10000, 50000] if a.quick else [10000, 50000, 200000]
    for rows in sizes:
        if rows not in by_rows:
            fl, dump, val, _ = sheet_series(a, kpi_sheet(a.cache, rows), rows, a.runs, work)
            by_rows[rows] = (fl, dump, val)
    rep.add("### (e) Scaling with sheet size", "",
            "Medians; µs/row is CPU (user+sys) microseconds per row, steadier than wall time on a shared machine. "
            + ("The 50,000-row figures are the runs of (c, d). " if "sheet" in a.sections else ""), "")
    rep.add("| rows | floor wall s | floor MiB | dump wall s | dump CPU µs/row | dump MiB | validate wall s | "
            "validate CPU µs/row | validate MiB | validate KiB/row |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for rows in sizes:
        fl, dump, val = by_rows[rows]
        rep.add(f"| {rows:,} | {fl.med('wall'):.3f} | {fl.rss:.0f} | {dump.med('wall'):.3f} | "
                f"{dump.med('cpu') / rows * 1e6:.1f} | {dump.rss:.0f} | {val.med('wall'):.3f} | "
                f"{val.med('cpu') / rows * 1e6:.1f} | {val.rss:.0f} | {val.rss * 1024 / rows:.2f} |")
        for s in (fl, dump, val):
            rep.series[s.name] = s
            if s.failed:
                rep.problems.append(f"{s.name} exited {s.failed}")
    rep.add("")
    # Linear means each extra row costs the same: compare the marginal CPU per row over the upper
    # interval with that over the lower one (a fixed start-up cost cancels out of both).
    lo, mid, hi = sizes[0], sizes[-2], sizes[-1]
    for label, idx in (("validate", 2), ("dump", 1)):
        cpu = {r: by_rows[r][idx].med("cpu") for r in sizes}
        if len(sizes) == 2:
            # Two sizes: time per row at the larger against the smaller (start-up cost makes this favourable).
            ratio, how = (cpu[hi] / hi) / (cpu[lo] / lo), f"CPU per row at {hi // 1000}k ÷ at {lo // 1000}k"
        else:
            lower = (cpu[mid] - cpu[lo]) / (mid - lo)
            upper = (cpu[hi] - cpu[mid]) / (hi - mid)
            ratio = upper / lower if lower > 0 else float("inf")
            how = (f"CPU per extra row {mid // 1000}k→{hi // 1000}k ÷ {lo // 1000}k→{mid // 1000}k "
                   f"({upper * 1e6:.1f} ÷ {lower * 1e6:.1f} µs)")
        rep.target(f"{label} scales linearly: {how}", ratio, 1.5, "lower", "≤ 1.5× reads as linear")
    rss_lo, rss_hi = by_rows[lo][2].rss, by_rows[hi][2].rss
    rep.add(f"validate's peak RSS grows {rss_hi / rss_lo:.1f}× for {hi // lo}× the rows "
            f"({rss_lo:.0f} → {rss_hi:.0f} MiB); dump's stays at {by_rows[hi][1].rss:.0f} MiB.", "")


# ---- main ----------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--boardpack", required=True, help="boardpack binary (a Release build)")
    ap.add_argument("--floor", required=True, help="bench_floor binary")
    ap.add_argument("--quick", action="store_true",
                    help="development: no LibreOffice, 3 runs (Python once), scaling at 10k/50k only")
    ap.add_argument("--runs", type=int, help="runs per boardpack/floor series (default 6, quick 3)")
    ap.add_argument("--py-runs", type=int, help="Python pipeline runs (default 3, quick 1)")
    ap.add_argument("--lo-runs", type=int, help="LibreOffice runs (default 3, quick 0)")
    ap.add_argument("--skip-libreoffice", action="store_true", help="same as --lo-runs 0")
    ap.add_argument("--lo-timeout", type=int, default=600, help="seconds before a LibreOffice run is killed")
    ap.add_argument("--only", action="append", choices=SECTIONS, help="run only this section (repeatable)")
    ap.add_argument("--cache", default="/tmp/boardpack-bench", help="generated inputs, reused across runs")
    ap.add_argument("--report", help="also write the Markdown report here")
    ap.add_argument("--json", help="also write the verdicts and every series' medians here, as JSON")
    a = ap.parse_args()
    a.runs = a.runs or (3 if a.quick else 6)
    a.py_runs = a.py_runs if a.py_runs is not None else (1 if a.quick else 3)
    a.lo_runs = a.lo_runs if a.lo_runs is not None else (0 if a.quick or a.skip_libreoffice else 3)
    a.sections = a.only or SECTIONS
    a.boardpack, a.floor = os.path.abspath(a.boardpack), os.path.abspath(a.floor)
    for b in (a.boardpack, a.floor):
        if not os.access(b, os.X_OK):
            ap.error(f"not an executable: {b}")
    os.makedirs(a.cache, exist_ok=True)

    # Inputs first, so generating them is never inside a timed series.
    src = workbooks(a.cache, 200) if {"build", "validate"} & set(a.sections) else None
    for rows in ([50000] if "sheet" in a.sections else []) + \
                (([10000, 50000] if a.quick else [10000, 50000, 200000]) if "scaling" in a.sections else []):
        kpi_sheet(a.cache, rows)

    started = time.time()
    load0 = os.getloadavg()[0]
    rep = Report()
    by_rows = {}
    with tempfile.TemporaryDirectory(prefix="boardpack-bench-") as work:
        if "build" in a.sections:
            section_build(a, rep, work, src)
        if "validate" in a.sections:
            section_validate(a, rep, src)
        if "sheet" in a.sections:
            section_sheet(a, rep, work, by_rows)
        if "scaling" in a.sections:
            section_scaling(a, rep, work, by_rows)

    version = subprocess.run([a.boardpack, "--version"], capture_output=True, text=True).stdout.strip()
    rev = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    head = [f"## Benchmark results, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC", "",
            f"{version} (`{a.boardpack}`, tree {rev or '?'}), {os.cpu_count()} CPUs, load average "
            f"{load0:.1f} at the start and {os.getloadavg()[0]:.1f} at the end; {(time.time() - started) / 60:.1f} "
            f"minutes. Medians of {a.runs} runs per boardpack/floor series"
            + (f", {a.py_runs} of the Python pipeline" if "build" in a.sections else "")
            + (f", {a.lo_runs} of LibreOffice" if "build" in a.sections and a.lo_runs else "")
            + ", each series interleaved with the others of its section." + (" **--quick run.**" if a.quick else ""),
            "", "| target | wanted | measured | verdict | also |", "|---|---|---|---|---|"]
    text = "\n".join(head + rep.targets + [""] + rep.lines)
    if rep.problems:
        text += "\n**Problems:** " + "; ".join(rep.problems) + ".\n"
    print(text)
    if a.report:
        with open(a.report, "w") as f:
            f.write(text)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"date": f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%dT%H:%MZ}", "boardpack": version,
                       "tree": rev, "quick": a.quick, "targets": rep.verdicts, "problems": rep.problems,
                       "series": {n: {"runs": len(s.results), "wall_s": s.med("wall"), "cpu_s": s.med("cpu"),
                                      "peak_rss_mib": s.rss, "exit_codes": sorted({r.code for r in s.results})}
                                  for n, s in rep.series.items()}}, f, indent=2, ensure_ascii=False)
    return 1 if rep.problems else 0


if __name__ == "__main__":
    sys.exit(main())

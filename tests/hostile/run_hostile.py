#!/usr/bin/python3
"""Feed hostile and broken workbooks to `boardpack dump FILE --json` (and some
to `boardpack validate FILE --json`, which also recognises and checks what it
reads) and check that each one gets a clear error or is read, never a crash, a
hang or a memory blow-up.

    /usr/bin/python3 run_hostile.py --boardpack BIN --work DIR [--allow-skip] [--only SUBSTR] [-v]

The fixtures come from make_hostile.py, cached in DIR/fixtures/<hash of the
generator> (rebuilt when the generator changes or when a previous run could
not make every file).  Each case runs under `timeout 30` in a fresh
directory DIR/run/<case>, with the file given as a relative path.

For a rejected input the contract is: exit status exactly 2, nothing on
stdout, exactly one line on stderr that starts with `boardpack: <path as
given>:` and contains the case's phrases (validate: valid JSON on stdout whose
unreadable-file finding contains them).  An accepted input gives valid UTF-8
JSON.  Exit 124 (hang), 134/139 (abort, segfault) or any other status fails,
as does a core file, a peak RSS over --max-rss-mb (256), or a run slower than
--max-seconds (5).

The legacy .xls and the password-protected workbook need LibreOffice
(soffice + python3-uno) and msoffcrypto-tool.  Without them those cases
FAIL, unless --allow-skip turns them into SKIP lines.

One line per case, then `N passed, M failed` (`, K skipped` when any);
the exit status is 1 when anything failed.
"""

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "make_hostile.py")

RUN_TIMEOUT = 30          # seconds, via timeout(1), for every run
MAX_SECONDS = 5.0         # bound for every case (the target; Release: ~3 s for the ratio bombs)
SHEET1 = "xl/worksheets/sheet1.xml"


# ---- fixtures -------------------------------------------------------------------

def generator_hash():
    with open(GENERATOR, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


def fixtures(work):
    """Directory of up-to-date fixtures and its manifest (generated if needed)."""
    root = os.path.join(work, "fixtures")
    key = generator_hash()
    out = os.path.join(root, key)
    manifest_path = os.path.join(out, "manifest.json")
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            manifest = json.load(f)
        if not manifest.get("unavailable"):
            print(f"fixtures: cached in {out}")
            return out, manifest
        print("fixtures: cached set lacks " + ", ".join(sorted(manifest["unavailable"])) + "; making them again")
    os.makedirs(root, exist_ok=True)
    for old in os.listdir(root):  # earlier generators' fixtures
        shutil.rmtree(os.path.join(root, old), ignore_errors=True)
    tmp = tempfile.mkdtemp(prefix=f"{key}.tmp-", dir=root)
    t0 = time.time()
    r = subprocess.run([sys.executable, GENERATOR, tmp], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=400)
    print(r.stdout.rstrip())
    if r.returncode != 0:
        raise SystemExit(f"run_hostile: make_hostile.py failed (exit {r.returncode})")
    os.replace(tmp, out)
    print(f"fixtures: made in {time.time() - t0:.1f} s into {out}")
    with open(manifest_path) as f:
        return out, json.load(f)


# ---- running boardpack ------------------------------------------------------------

class Run:
    def __init__(self, rc, stdout, stderr, seconds, rss_mb, cores):
        self.rc, self.stdout, self.stderr = rc, stdout, stderr
        self.seconds, self.rss_mb, self.cores = seconds, rss_mb, cores


GNU_TIME = "/usr/bin/time"  # Debian's package "time": measures boardpack's own peak RSS


def run_boardpack(boardpack, path, cwd, args, mem_cap_mb, command="dump"):
    """`timeout 30 boardpack COMMAND PATH --json ARGS` in cwd: status, output, wall time and peak RSS."""
    os.makedirs(cwd, exist_ok=True)
    out_path, err_path = os.path.join(cwd, ".stdout"), os.path.join(cwd, ".stderr")
    rss_path = os.path.join(cwd, ".rss")
    cmd = ["timeout", "-k", "5", str(RUN_TIMEOUT)]
    if os.access(GNU_TIME, os.X_OK):
        # time(1) passes on the exit status (128+N for a signal) and writes
        # boardpack's ru_maxrss, free of this Python process's own size.
        cmd += [GNU_TIME, "-f", "%M", "-o", rss_path]
    if command == "build":
        cmd += [boardpack, "build", path, "--out", "out", *args]
    else:
        cmd += [boardpack, command, path, "--json", *args]

    def limits():
        if mem_cap_mb:
            cap = mem_cap_mb << 20
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                             preexec_fn=limits, start_new_session=True)
        # A last resort should timeout(1) itself fail to end the run.
        guard = threading.Timer(RUN_TIMEOUT + 20, lambda: os.killpg(p.pid, signal.SIGKILL))
        guard.start()
        try:
            _, status, usage = os.wait4(p.pid, 0)
        finally:
            guard.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - t0
    with open(out_path, "rb") as f:
        stdout = f.read()
    with open(err_path, "rb") as f:
        stderr = f.read()
    # Without time(1): timeout's ru_maxrss, which also counts the pages it
    # inherited from this process before exec (an upper bound).
    rss_kb = usage.ru_maxrss
    if os.path.exists(rss_path):
        with open(rss_path) as f:
            last = (f.read().strip().splitlines() or ["x"])[-1]
        if last.isdigit():
            rss_kb = int(last)
        os.remove(rss_path)
    os.remove(out_path)
    os.remove(err_path)
    cores = [n for n in os.listdir(cwd) if n == "core" or n.startswith("core.")]
    return Run(p.returncode, stdout, stderr, seconds, rss_kb / 1024.0, cores)


def status_problem(rc, expected):
    if rc == expected:
        return None
    if rc == 124:
        return f"timed out after {RUN_TIMEOUT} s (hang?)"
    if rc == 137:
        return "killed after not stopping on SIGTERM"
    if rc < 0:
        return f"killed by signal {-rc}"
    if rc > 128:
        name = signal.Signals(rc - 128).name if rc - 128 in signal.valid_signals() else "?"
        return f"crashed: exit {rc} (signal {rc - 128} {name})"
    return f"exit status {rc}, expected {expected}"


def check_rejection(run, path, phrases):
    """The contract for a rejected input; returns a list of problems."""
    problems = []
    if run.stdout:
        problems.append(f"wrote {len(run.stdout)} bytes on stdout: {run.stdout[:80]!r}")
    try:
        err = run.stderr.decode("utf-8")
    except UnicodeDecodeError:
        return problems + [f"stderr is not UTF-8: {run.stderr[:200]!r}"]
    lines = err.split("\n")
    if not err.endswith("\n") or len(lines) != 2:
        problems.append(f"stderr is not exactly one line: {err[:300]!r}")
    first = err.lstrip("\n").split("\n")[0]
    prefix = f"boardpack: {path}:"
    if not first.startswith(prefix):
        problems.append(f"stderr does not start with {prefix!r}: {first[:200]!r}")
    for phrase in phrases:
        if isinstance(phrase, re.Pattern):
            if not phrase.search(err):
                problems.append(f"message lacks /{phrase.pattern}/: {first!r}")
        elif phrase not in err:
            problems.append(f"message lacks {phrase!r}: {first!r}")
    return problems


def check_json(run):
    """The contract for an accepted input: the JSON document, or a problem."""
    if run.stderr:
        return None, [f"wrote on stderr: {run.stderr[:300]!r}"]
    try:
        return json.loads(run.stdout.decode("utf-8")), []
    except UnicodeDecodeError as e:
        return None, [f"stdout is not valid UTF-8 ({e}): {run.stdout[max(0, e.start - 40):e.end + 40]!r}"]
    except ValueError as e:
        return None, [f"stdout is not valid JSON ({e}): {run.stdout[:120]!r}"]


def cells_of(doc, sheet):
    for s in doc.get("sheets", []):
        if s.get("name") == sheet:
            return {c["ref"]: c for c in s["cells"]}
    return None


# ---- the cases -------------------------------------------------------------------

class Case:
    def __init__(self, name, file, phrases=(), args=(), rc=2, max_seconds=None, check=None, needs=None,
                 command="dump"):
        self.name, self.file, self.phrases, self.args = name, file, list(phrases), list(args)
        self.rc, self.max_seconds, self.check = rc, max_seconds, check
        self.needs = needs or file  # the fixture whose absence skips or fails the case
        self.command = command      # "dump", "validate" or "build" (--out DIR/run/CASE/out)


def control_base(doc, ctx):
    cells = cells_of(doc, "Budget")
    if cells is None or [s["name"] for s in doc["sheets"]] != ["Budget", "Notes"]:
        return ["sheets are not Budget, Notes"]
    want = {"A2": "Roads", "B2": 120000, "C3": 47100}
    bad = [f"{r}={cells.get(r, {}).get('value')!r}" for r, v in want.items() if cells.get(r, {}).get("value") != v]
    if cells.get("D2", {}).get("formula") != "C2-B2":
        bad.append(f"D2 formula {cells.get('D2', {}).get('formula')!r}")
    return ["unexpected cells: " + ", ".join(bad)] if bad else []


def control_sst(doc, ctx):
    cells = cells_of(doc, "Budget") or {}
    got = (cells.get("A1", {}).get("value"), cells.get("A2", {}).get("value"), cells.get("B2", {}).get("value"))
    return [] if got == ("Service", "Roads", 1007.25) else [f"A1, A2, B2 are {got}"]


def control_big(doc, ctx):
    rows = ctx["manifest"]["meta"]["ok_big.xlsx"]["rows"]
    cells = cells_of(doc, "Budget") or {}
    return [] if len(cells) == 2 * rows else [f"{len(cells)} cells, expected {2 * rows}"]


def long_cell(name):
    """A1 of the Budget sheet holds the fixture's long text whole; A2 is still read."""
    def check(doc, ctx):
        want = ctx["manifest"]["meta"][name]["chars"]
        cells = cells_of(doc, "Budget") or {}
        got = cells.get("A1", {}).get("value")
        problems = []
        if not isinstance(got, str) or len(got) != want:
            problems.append(f"A1 holds {len(got) if isinstance(got, str) else got!r} characters, expected {want}")
        if cells.get("A2", {}).get("value") != 42:
            problems.append(f"A2 is {cells.get('A2')!r}, expected 42")
        return problems
    return check


def repaired_text(name):
    """dump: the cell (or the sheet name) holds the text with U+FFFD where Python's decoder puts one."""
    def check(doc, ctx):
        m = ctx["manifest"]["meta"][name]
        cells = cells_of(doc, m["sheet"])
        if cells is None:
            return [f"no sheet named {m['sheet']!r}: {[s.get('name') for s in doc.get('sheets', [])]!r}"]
        got = cells.get("B2", {}).get("value")
        return [] if got == m["expected"] else [f"B2 is {got!r}, expected {m['expected']!r}"]
    return check


def invalid_text_finding(name):
    """validate/build: an info finding invalid-text at the cell (or naming the sheet)."""
    def check(doc, ctx):
        m = ctx["manifest"]["meta"][name]
        found = [i for i in doc.get("issues", []) if i.get("code") == "invalid-text"]
        want = {"severity": "info", "sheet": m["sheet"], "cell": m["cell"] or ""}
        if not any(all(i.get(k) == v for k, v in want.items()) and "not valid text" in i.get("message", "")
                   for i in found):
            return [f"no invalid-text finding {want}: {json.dumps(doc.get('issues', []), ensure_ascii=False)[:300]}"]
        records = doc.get("inputs", [{}])[0].get("records")
        return [] if records == 1 else [f"{records} records, expected the plan's 1 action"]
    return check


def empty_shared_values(doc, ctx):
    """<v/> in a t="s" (or t="b") cell is an empty cell, as other readers have it."""
    cells = cells_of(doc, "Budget") or {}
    problems = [f"{r} is {cells[r]!r}, expected no cell" for r in ("B1", "C1", "D1", "E1") if r in cells]
    if cells.get("A1", {}).get("value") != "Roads" or cells.get("A2", {}).get("value") != 42:
        problems.append(f"A1, A2 are {cells.get('A1')!r}, {cells.get('A2')!r}")
    return problems


def expect_cells(want):
    """Budget's cells hold these (type, value) pairs, and A2 is still read."""
    def check(doc, ctx):
        cells = cells_of(doc, "Budget") or {}
        got = {r: (cells.get(r, {}).get("type"), cells.get(r, {}).get("value")) for r in want}
        problems = [f"{r} is {got[r]}, expected {want[r]}" for r in want if got[r] != want[r]]
        if cells.get("A2", {}).get("value") != 42:
            problems.append(f"A2 is {cells.get('A2')!r}")
        return problems
    return check


def sheets_without_part(doc, ctx):
    want = ctx["manifest"]["meta"]["quirk_sheet_without_part.xlsx"]["sheets"]
    got = [s.get("name") for s in doc.get("sheets", [])]
    return [] if got == want else [f"sheets {got}, expected {want}"]


def skipped_sheet_findings(doc, ctx):
    problems = []
    for name in ctx["manifest"]["meta"]["quirk_sheet_without_part.xlsx"]["skipped"]:
        if not any(i.get("code") == "sheet-skipped" and i.get("severity") == "warning" and i.get("sheet") == name
                   for i in doc.get("issues", [])):
            problems.append(f"no sheet-skipped warning for {name!r}: {json.dumps(doc.get('issues'))[:300]}")
    return problems


def read_plan_rows(name):
    """validate read the plan: one record per use of the string."""
    def check(doc, ctx):
        want = ctx["manifest"]["meta"][name]["uses"]
        got = (doc.get("inputs") or [{}])[0].get("records")
        return [] if got == want else [f"{got} records, expected {want}"]
    return check


def latin1_name_shown(doc, ctx):
    """validate/build: the file is named with U+FFFD for its byte E9, and read."""
    shown = ctx["manifest"]["meta"]["latin1_name"]["shown"]
    files = [i.get("file", "") for i in doc.get("inputs", [])]
    if len(files) != 1 or not files[0].endswith(shown):
        return [f"inputs name {files!r}, expected one ending {shown!r}"]
    return [] if doc["inputs"][0].get("records") == 1 else [f"records {doc['inputs'][0].get('records')}"]


def find_evil(dirs):
    found = {}
    for d in dirs:
        p = os.path.join(d, "evil.txt")
        if os.path.lexists(p):
            st = os.lstat(p)
            found[p] = (st.st_size, st.st_mtime_ns)
    return found


def traversal_dirs(ctx):
    dirs = {"/tmp", ctx["fixtures"]}
    for start in (ctx["cwd"], ctx["fixtures"]):
        d = os.path.abspath(start)
        while True:
            dirs.add(d)
            parent = os.path.dirname(d)
            if parent == d:
                break
            d = parent
    for top, subdirs, _ in os.walk(ctx["work"]):
        dirs.add(top)
    return sorted(dirs)


def check_traversal(doc, ctx):
    problems = control_sst(doc, ctx)
    after = find_evil(traversal_dirs(ctx))
    new = {p: v for p, v in after.items() if ctx["evil_before"].get(p) != v}
    if new:
        problems.append("evil.txt appeared: " + ", ".join(sorted(new)))
    return problems


def cases(manifest):
    meta = manifest["meta"]

    def malformed(meta_key):
        m = meta[meta_key]
        return ["malformed XML", m["part"], re.compile(r"\bline %d\b" % m["line"])]

    not_xlsx = ["is not an .xlsx workbook", "save it as .xlsx"]
    return [
        # Valid workbooks first: the reader must still read what it should.
        Case("control.openpyxl", "ok_base.xlsx", rc=0, check=control_base),
        Case("control.shared-strings", "ok_sst.xlsx", rc=0, check=control_sst),
        Case("control.big-sheet", "ok_big.xlsx", rc=0, check=control_big),
        # Not a zip at all.
        Case("empty-file", "empty.xlsx", ["is empty"]),
        Case("csv-renamed", "csv_renamed.xlsx", not_xlsx),
        Case("csv-utf8-bom-renamed", "csv_bom_renamed.xlsx", not_xlsx),
        Case("text-renamed", "text_renamed.xlsx", not_xlsx),
        Case("random-bytes", "random.bin.xlsx", ["is not an .xlsx workbook"]),
        Case("legacy-xls", "legacy.xls", ["legacy Excel 97-2003 (.xls)", "save it as .xlsx"]),
        Case("legacy-xls-renamed", "legacy_renamed.xlsx", ["legacy Excel 97-2003 (.xls)", "save it as .xlsx"]),
        Case("password-protected", "encrypted.xlsx", ["password-protected", "remove the password"]),
        # Damaged zips.
        Case("zip-truncated-half", "truncated_half.xlsx", ["is damaged"]),
        Case("zip-bad-deflate", "corrupt_inflate.xlsx", ["is damaged"]),
        Case("zip-crc-mismatch", "corrupt_crc.xlsx", ["is damaged"]),
        Case("zip-flipped-bits", "corrupt_flip.xlsx", ["is damaged"]),
        # Zips that are not workbooks.
        Case("zip-no-workbook-part", "no_workbook.xlsx", ["has no workbook part"]),
        Case("zip-empty-archive", "empty_zip.xlsx", ["has no workbook part"]),
        Case("docx-renamed", "docx_renamed.xlsx", ["is a Word document"]),
        # Malformed XML: part and line.
        Case("xml-malformed-sheet", "malformed_sheet.xlsx", malformed("malformed_sheet.xlsx")),
        Case("xml-malformed-sheet-deep", "malformed_sheet_deep.xlsx", malformed("malformed_sheet_deep.xlsx")),
        Case("xml-malformed-shared-strings", "malformed_sst.xlsx", malformed("malformed_sst.xlsx")),
        Case("xml-malformed-workbook", "malformed_workbook.xlsx", malformed("malformed_workbook.xlsx")),
        # Zip bombs and the size limits.
        Case("bomb-ratio", "bomb_ratio.xlsx", ["looks like a zip bomb", "--max-ratio"]),
        Case("bomb-lying-size", "bomb_lying_size.xlsx", ["looks like a zip bomb", "--max-ratio"]),
        Case("limit-part-mb", "ok_big.xlsx", ["looks like a zip bomb", "--max-part-mb"], args=["--max-part-mb", "1"]),
        Case("limit-total-mb", "ok_big.xlsx", ["looks like a zip bomb", "--max-total-mb"],
             args=["--max-total-mb", "1"]),
        # A total limit above the workbook's size but below twice it: it must
        # be read (exit 0) or cleanly refused, never half printed.
        Case("limit-total-mb-above-size", "ok_big.xlsx", args=["--max-total-mb", "4"], rc=(0, 2)),
        # Quirks of real files: read as other readers read them, or refused when ambiguous.
        Case("quirk-empty-shared-value", "quirk_empty_shared_value.xlsx", rc=0, check=empty_shared_values),
        Case("quirk-sheet-without-part", "quirk_sheet_without_part.xlsx", rc=0, check=sheets_without_part),
        Case("quirk-cell-refs-not-a1", "quirk_cell_refs_not_a1.xlsx", rc=0,
             check=expect_cells({"A1": ("string", "Account"), "B1": ("string", "Trader"), "C1": ("string", "Parks")})),
        Case("quirk-iso-duration", "quirk_iso_duration.xlsx", rc=0,
             check=expect_cells({"A1": ("date", "PT24H0M0S"), "B1": ("date", "PT0H11M0S"),
                                 "C1": ("date", "-PT13H57M0S")})),
        Case("quirk-sheet-without-part.validate", "quirk_sheet_without_part.xlsx", rc=(0, 1, 2), command="validate",
             check=skipped_sheet_findings),
        Case("zip-duplicate-entry", "dup_entry.xlsx", ["is ambiguous", "two zip entries named " + SHEET1]),
        Case("zip-duplicate-entry-case", "dup_entry_case.xlsx", ["is ambiguous", SHEET1, SHEET1.upper()]),
        Case("zip-duplicate-entry.validate", "dup_entry.xlsx", ["is ambiguous"], command="validate"),
        # Text that is not valid UTF-8: U+FFFD in its place, an info finding at the cell, valid outputs.
        *[Case(f"utf8-{kind}.{command}", f"text_{kind.replace('-', '_')}.xlsx", rc=(0, 1) if command != "dump" else 0,
               command=command, check=repaired_text(f"text_{kind.replace('-', '_')}.xlsx") if command == "dump"
               else invalid_text_finding(f"text_{kind.replace('-', '_')}.xlsx"))
          for kind in ("cesu-sst", "charref-sst", "lone-continuation", "truncated-end", "inline", "sheet-name")
          for command in ("dump", "validate", "build")],
        *[Case(f"utf8-file-name.{c}", manifest["meta"]["latin1_name"]["file"], rc=(0, 1), command=c,
               check=latin1_name_shown, needs="text_inline.xlsx") for c in ("validate", "build")],
        # One element of 15 MiB: read in time linear in its size.
        Case("big-shared-string", "big_shared_string.xlsx", rc=0, check=long_cell("big_shared_string.xlsx")),
        Case("big-inline-string", "big_inline_string.xlsx", rc=0, check=long_cell("big_inline_string.xlsx")),
        Case("big-rich-text", "big_rich_text.xlsx", rc=0, check=long_cell("big_rich_text.xlsx")),
        Case("big-shared-string.validate", "big_shared_string.xlsx", rc=(0, 1, 2), command="validate"),
        Case("big-inline-string.validate", "big_inline_string.xlsx", rc=(0, 1, 2), command="validate"),
        Case("big-rich-text.validate", "big_rich_text.xlsx", rc=(0, 1, 2), command="validate"),
        # What a workbook builds is counted as it is built: text (each use of a
        # shared string), cells held in memory, tags of one DOM, time.
        *[Case(f"amplify-shared-string.{c}", "amplify_shared_string.xlsx", ["--max-text-mb"], command=c)
          for c in ("dump", "validate", "build")],
        Case("amplify-under-limit.validate", "amplify_under_limit.xlsx", rc=(0, 1, 2), command="validate",
             check=read_plan_rows("amplify_under_limit.xlsx")),
        Case("row-many-tags", "row_many_tags.xlsx", ["XML tags", "xl/worksheets/sheet1.xml"]),
        Case("bomb-ratio.validate", "bomb_ratio.xlsx", ["--max-"], command="validate"),
        Case("bomb-shared-strings", "bomb_shared_strings.xlsx", ["looks like a zip bomb", "--max-ratio"]),
        # Past the ratio: the text limit counts each string's offset as well as its letter.
        *[Case(f"bomb-shared-strings-no-ratio.{c}", "bomb_shared_strings.xlsx", ["--max-text-mb"],
               args=["--max-ratio", "100000"], command=c) for c in ("dump", "validate")],
        Case("limit-seconds", "bomb_ratio.xlsx", ["--max-seconds"], args=["--max-ratio", "100000", "--max-seconds", "0.5"]),
        Case("limit-text-mb", "big_shared_string.xlsx", ["--max-text-mb"], args=["--max-text-mb", "8"]),
        Case("limit-cells.validate", "ok_big.xlsx", ["--max-cells"], args=["--max-cells", "1000"], command="validate"),
        # DTDs: billion laughs and an external entity.
        Case("dtd-shared-strings", "dtd_sst.xlsx", ["contains a DTD"]),
        Case("dtd-worksheet", "dtd_sheet.xlsx", ["contains a DTD"]),
        Case("dtd-workbook-external-entity", "dtd_workbook_xxe.xlsx", ["contains a DTD"]),
        # Entry names that climb out: read fine, nothing written anywhere.
        Case("zip-path-traversal-names", "traversal.xlsx", rc=0, check=check_traversal),
    ]


def run_case(case, ctx, args):
    """(state, seconds, rss_mb, problems) with state PASS, FAIL or SKIP."""
    unavailable = ctx["manifest"].get("unavailable", {})
    if case.needs in unavailable:
        why = unavailable[case.needs]
        return ("SKIP" if args.allow_skip else "FAIL"), 0.0, 0.0, [f"fixture not made: {why}"]
    cwd = os.path.join(ctx["work"], "run", case.name)
    shutil.rmtree(cwd, ignore_errors=True)
    os.makedirs(cwd)
    path = os.path.relpath(os.path.join(ctx["fixtures"], case.file), cwd)
    ctx = dict(ctx, cwd=cwd)
    if case.check is check_traversal:
        ctx["evil_before"] = find_evil(traversal_dirs(ctx))
    run = run_boardpack(args.boardpack, path, cwd, case.args, args.mem_cap_mb, case.command)
    problems = outcome_problems(case, run, path, ctx, args)
    if args.verbose:
        print(f"      stderr: {run.stderr.decode('utf-8', 'replace').rstrip()[:400]}")
    return ("FAIL" if problems else "PASS"), run.seconds, run.rss_mb, problems


def outcome_problems(case, run, path, ctx, args):
    expected = case.rc if isinstance(case.rc, tuple) else (case.rc,)
    problems = []
    if run.rc not in expected:
        problems.append(status_problem(run.rc, expected[0]) + ("" if len(expected) == 1 else f" (or {expected[1:]})"))
    if run.cores:
        problems.append(f"left core file(s) {run.cores}")
    bound = case.max_seconds if case.max_seconds is not None else args.max_seconds
    if run.seconds > bound:
        problems.append(f"took {run.seconds:.1f} s, over the bound of {bound:g} s")
    if run.rss_mb > args.max_rss_mb:
        problems.append(f"peak RSS {run.rss_mb:.0f} MiB, over the bound of {args.max_rss_mb} MiB")
    if case.command == "build":
        if run.rc in (0, 1):
            doc, bad = check_build(run, ctx)
            problems += bad
            if doc is not None and case.check:
                problems += case.check(doc, ctx)
    elif case.command == "validate":
        if run.rc in (0, 1, 2):
            doc, bad = check_json(run)
            problems += bad
            if doc is not None:
                if run.rc == 2 and (case.phrases or not no_table(doc)):
                    problems += check_unreadable_finding(doc, case.phrases)
                if case.check:
                    problems += case.check(doc, ctx)
    elif run.rc == 2:
        problems += check_rejection(run, path, case.phrases)
    elif run.rc == 0:
        doc, bad = check_json(run)
        problems += bad
        if doc is not None and case.check:
            problems += case.check(doc, ctx)
    return problems


def check_build(run, ctx):
    """build: the console report is UTF-8 and all three outputs exist; returns summary.json."""
    problems = []
    try:
        run.stdout.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append(f"console report is not valid UTF-8 ({e})")
    out = os.path.join(ctx["cwd"], "out")
    for name in ("scorecard.xlsx", "board-report.pdf", "summary.json"):
        p = os.path.join(out, name)
        if not os.path.exists(p) or os.path.getsize(p) == 0:
            problems.append(f"{name} was not written")
    try:
        with open(os.path.join(out, "summary.json"), "rb") as f:
            return json.loads(f.read().decode("utf-8")), problems
    except (OSError, ValueError) as e:
        return None, problems + [f"summary.json is not valid UTF-8 JSON: {e}"]


def no_table(doc):
    """validate --json of a workbook read whole but holding no plan or KPI table (exit 2 since issue 9)."""
    return any(i.get("code") in ("no-table", "missing-column") for i in doc.get("issues", [])) and not any(
        i.get("code") == "unreadable-file" for i in doc.get("issues", []))


def check_unreadable_finding(doc, phrases):
    """validate --json of a refused workbook: an unreadable-file finding with the phrases."""
    found = [i for i in doc.get("issues", []) if i.get("code") == "unreadable-file"]
    if not found:
        return ["no unreadable-file finding: " + json.dumps(doc.get("issues", []))[:300]]
    text = found[0].get("file", "") + ": " + found[0].get("message", "")
    return [f"finding lacks {p.pattern if isinstance(p, re.Pattern) else p!r}: {text[:300]!r}"
            for p in phrases if not (p.search(text) if isinstance(p, re.Pattern) else p in text)]


def run_fuzz(ctx, args):
    """Every mutant either dumps as valid JSON (exit 0) or is rejected cleanly."""
    files = ctx["manifest"]["meta"]["fuzz"]["files"]
    cwd = os.path.join(ctx["work"], "run", "fuzz")
    shutil.rmtree(cwd, ignore_errors=True)
    os.makedirs(cwd)
    problems, seconds, rss, accepted = [], 0.0, 0.0, 0
    case = Case("fuzz", None, rc=(0, 2))
    for name in files:
        path = os.path.relpath(os.path.join(ctx["fixtures"], "fuzz", name), cwd)
        run = run_boardpack(args.boardpack, path, cwd, [], args.mem_cap_mb)
        seconds, rss = max(seconds, run.seconds), max(rss, run.rss_mb)
        accepted += run.rc == 0
        problems += [f"{name}: {p}" for p in outcome_problems(case, run, path, ctx, args)]
    return problems, seconds, rss, f"{len(files)} mutants of ok_sst.xlsx, {accepted} still readable (worst time, RSS)"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--allow-skip", action="store_true",
                    help="report cases whose fixture could not be made (no LibreOffice) as SKIP, not FAIL")
    ap.add_argument("--only", help="run only cases whose name contains this")
    ap.add_argument("--max-rss-mb", type=int, default=256, help="peak RSS bound for every run (default 256)")
    ap.add_argument("--mem-cap-mb", type=int, default=2048,
                    help="RLIMIT_AS for every run, MiB; 0 for none (needed for ASan builds)")
    ap.add_argument("--max-seconds", "--bomb-seconds", dest="max_seconds", type=float, default=MAX_SECONDS,
                    help=f"time bound for every case (default {MAX_SECONDS:g}; raise it for "
                         "sanitizer or debug builds)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    args.boardpack = os.path.abspath(args.boardpack)
    work = os.path.abspath(args.work)
    if not os.access(args.boardpack, os.X_OK):
        raise SystemExit(f"run_hostile: {args.boardpack} is not an executable")
    if not shutil.which("timeout"):
        raise SystemExit("run_hostile: timeout(1) (coreutils) is missing")
    t_start = time.time()
    fixture_dir, manifest = fixtures(work)
    for name, why in sorted(manifest.get("unavailable", {}).items()):
        print(f"{'SKIP' if args.allow_skip else 'FAIL'}: fixture {name} not made: {why}")
    ctx = {"work": work, "fixtures": fixture_dir, "manifest": manifest}

    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    width = 34
    for case in cases(manifest):
        if args.only and args.only not in case.name:
            continue
        state, seconds, rss, problems = run_case(case, ctx, args)
        counts[state] += 1
        extra = " ".join(case.args)
        print(f"{state}  {case.name:<{width}} {seconds:6.2f} s {rss:5.0f} MiB  {case.file}{' ' + extra if extra else ''}")
        for p in problems:
            print(f"      {p}")
        sys.stdout.flush()
    if not args.only or args.only in "fuzz.mutants":
        problems, seconds, rss, what = run_fuzz(ctx, args)
        state = "FAIL" if problems else "PASS"
        counts[state] += 1
        print(f"{state}  {'fuzz.mutants':<{width}} {seconds:6.2f} s {rss:5.0f} MiB  {what}")
        for p in problems:
            print(f"      {p}")
    print(f"total {time.time() - t_start:.1f} s")
    line = f"{counts['PASS']} passed, {counts['FAIL']} failed"
    if counts["SKIP"]:
        line += f", {counts['SKIP']} skipped"
    print(line)
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())

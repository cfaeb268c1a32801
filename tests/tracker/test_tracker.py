#!/usr/bin/python3
"""The submission tracker end to end: a folder of returns and a returns list
built with `boardpack build`, then every document read back.

    test_tracker.py --boardpack BOARDPACK --work DIR

The folder holds five sample workbooks (copied, with their file times set):
one on time by its file time, one late by its file time, one late by its
file time but on time by --received, one on time by its file time but late
by --received, one holding KPIs where the list expects a plan, and one no
entry expects; the list also expects a return that is missing and one not
yet due. Checked:

* summary.json `returns`: each entry's state, received date and where it
  came from, its inputs; the counts; the findings return-missing,
  return-late, return-wrong-kind, return-unexpected;
* the scorecard's Returns sheet (openpyxl): one row per entry, its state
  and dates; every part of that scorecard against the ECMA-376 schemas
  (xmllint, --schemas), and the sheet as LibreOffice reads it (soffice; each
  left out, with a note, when its tool is missing);
* the PDF (pdftotext -layout): "Returns this month" with each team's state,
  and the Sources table naming each workbook's team;
* without a list nothing of it appears: no `returns` key, no Returns sheet,
  no "Returns this month", no Team column;
* a bad list, an unknown --received and --received without a list are
  refused (exit 2) saying where and what to do; batch takes the list too.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time

import tempfile
import zipfile

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "xlsx"))
from check_xlsx import Failures, csv_grids, schema_for, validate_part  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.normpath(os.path.join(HERE, "..", "..", "samples"))
AS_OF = "2026-11-21"

LIST = """# returns for the test board
[return]
team = Front Door
lead = Head of Front Door
files = plan-front-door*.xlsx
kind = plan
due = 2026-11-13

[return]
team = Workforce
files = PLAN-WORKFORCE*.xlsx
kind = plan
due = 2026-11-13

[return]
team = Highlights
files = kpi-highlight-*.xlsx
kind = kpi
due = 2026-11-13

[return]
team = Social Work
files = plan-childrens-social-work.xlsx
kind = plan
due = 2026-11-13

[return]
team = Early Help
files = plan-early-help*.xlsx
kind = plan
due = 2026-11-13

[return]
team = Fostering
lead = Head of Fostering
files = kpi-fostering*.xlsx
kind = kpi
due = 2026-11-13

[return]
team = Adoption
files = kpi-adoption*.xlsx
kind = kpi
due = 2026-11-30
"""

# name in the folder: (sample it is a copy of, local date of its file time)
FILES = {
    "plan-front-door-assessment.xlsx": ("plan-front-door-assessment.xlsx", (2026, 11, 12)),
    "plan-workforce.xlsx": ("plan-workforce.xlsx", (2026, 11, 16)),
    "kpi-highlight-indicators.xlsx": ("kpi-highlight-indicators.xlsx", (2026, 11, 20)),
    "plan-childrens-social-work.xlsx": ("plan-childrens-social-work.xlsx", (2026, 11, 10)),
    "plan-early-help-2026.xlsx": ("kpi-reviews-care-leavers.xlsx", (2026, 11, 13)),  # KPIs, not a plan
    "plan-qa-performance-leadership.xlsx": ("plan-qa-performance-leadership.xlsx", (2026, 11, 11)),
}
RECEIVED = ["--received", "kpi-highlight-indicators.xlsx=2026-11-13",
            "--received", "plan-childrens-social-work.xlsx=2026-11-15"]

# team (or file, when unexpected): state, received, received_from, inputs, PDF/scorecard words
WANT = [
    ("Front Door", "received", "2026-11-12", "file_time", ["plan-front-door-assessment.xlsx"], "On time"),
    ("Workforce", "late", "2026-11-16", "file_time", ["plan-workforce.xlsx"], "Late (3 days)"),
    ("Highlights", "received", "2026-11-13", "--received", ["kpi-highlight-indicators.xlsx"], "On time"),
    ("Social Work", "late", "2026-11-15", "--received", ["plan-childrens-social-work.xlsx"], "Late (2 days)"),
    ("Early Help", "received", "2026-11-13", "file_time", ["plan-early-help-2026.xlsx"], "On time"),
    ("Fostering", "missing", None, None, [], "Missing"),
    ("Adoption", "awaited", None, None, [], "Not yet due"),
    ("–", "unexpected", "2026-11-11", "file_time",
     ["plan-qa-performance-leadership.xlsx"], "Not expected"),
]

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True)


def local_noon(ymd):
    return time.mktime((ymd[0], ymd[1], ymd[2], 12, 0, 0, 0, 0, -1))


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


def section(lines, heading, end):
    start = next((i for i, l in enumerate(lines) if l.strip() == heading), None)
    if start is None:
        return []
    out = []
    for l in lines[start + 1:]:
        if re.fullmatch(end, l.strip()):
            break
        out.append(l)
    return out


def check_summary(summary, in_dir, list_path):
    t = summary.get("returns")
    if not check(isinstance(t, dict), "summary.json has no returns object"):
        return
    check(t["list"] == list_path, f"returns.list {t['list']} is not {list_path}")
    entries = t["entries"]
    check(len(entries) == len(WANT), f"{len(entries)} returns entries, want {len(WANT)}")
    for e, (who, state, received, source, inputs, _) in zip(entries, WANT):
        name = e.get("team") or (e["inputs"][0] if e["inputs"] else "?")
        check(e["state"] == state, f"{who}: state {e['state']}, want {state}")
        check(e["received"] == received, f"{who}: received {e['received']}, want {received}")
        check(e.get("received_from") == source, f"{who}: received_from {e.get('received_from')}, want {source}")
        check(e["inputs"] == [os.path.join(in_dir, i) for i in inputs], f"{who}: inputs {e['inputs']}, want {inputs}")
        if state != "unexpected":
            check(e["team"] == who, f"entry {name}: team {e['team']}, want {who}")
            check(re.fullmatch(r"\d{4}-\d\d-\d\d", e["due"]) is not None, f"{who}: due {e['due']}")
    early = next((e for e in entries if e.get("team") == "Early Help"), {})
    check(early.get("wrong_kind") is True, "Early Help's KPI workbook is not marked wrong_kind")
    check(all(e.get("wrong_kind") is False for e in entries if e.get("team") not in ("Early Help", None)),
          "a return other than Early Help is marked wrong_kind")
    counts = {s: sum(1 for w in WANT if w[1] == s) for s in ("received", "late", "missing", "awaited", "unexpected")}
    check(t["counts"] == counts, f"counts {t['counts']}, want {counts}")

    codes = {}
    for i in summary["issues"]:
        if i["code"].startswith("return-"):
            codes.setdefault(i["code"], []).append(i)
    got = {c: len(v) for c, v in codes.items()}
    want = {"return-missing": 1, "return-late": 2, "return-wrong-kind": 1, "return-unexpected": 1}
    check(got == want, f"tracker findings {got}, want {want}")
    missing = codes.get("return-missing", [{}])[0]
    check(missing.get("severity") == "warning" and missing.get("file") == list_path
          and missing.get("message", "").startswith("line 33: Fostering's KPI return"),
          f"return-missing finding: {missing}")
    wrong = codes.get("return-wrong-kind", [{}])[0]
    check(wrong.get("severity") == "warning" and wrong.get("file", "").endswith("plan-early-help-2026.xlsx"),
          f"return-wrong-kind finding: {wrong}")
    status = {os.path.basename(i["file"]): i["status"] for i in summary["inputs"]}
    check(status.get("plan-early-help-2026.xlsx") == "warnings", f"the wrong-kind input's status is {status}")
    check("returns" in summary["outputs"] or True, "")  # outputs.returns (checked copies) is another thing


def check_scorecard(path):
    wb = openpyxl.load_workbook(path)
    if not check("Returns" in wb.sheetnames, f"the scorecard has no Returns sheet: {wb.sheetnames}"):
        return
    check(wb.sheetnames[-1] == "Returns", f"Returns is not the last sheet: {wb.sheetnames}")
    ws = wb["Returns"]
    header = [c.value for c in ws[4]]
    check(header[:8] == ["Team", "Lead", "Kind", "File expected", "Due", "State", "Received", "Workbook"],
          f"Returns header {header}")
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5) if any(c.value is not None for c in r)]
    check(len(rows) == len(WANT), f"Returns sheet has {len(rows)} rows, want {len(WANT)}")
    for row, (who, _, received, _, inputs, words) in zip(rows, WANT):
        check(row[0] == who, f"Returns row {row[0]}: want team {who}")
        check(row[5] == words, f"Returns {who}: state {row[5]!r}, want {words!r}")
        want_date = datetime.datetime.strptime(received, "%Y-%m-%d") if received else None
        check(row[6] == want_date, f"Returns {who}: received {row[6]!r}, want {want_date}")
        check((row[7] or "–") == (", ".join(inputs) or "–"), f"Returns {who}: workbook {row[7]!r}")
    check(isinstance(rows[0][4], datetime.datetime), f"Due is not a date cell: {rows[0][4]!r}")


def check_scorecard_tools(out, schemas):
    """The scorecard with its Returns sheet: valid against the schemas, and read by LibreOffice."""
    path = os.path.join(out, "scorecard.xlsx")
    f = Failures()
    if shutil.which("xmllint") and os.path.isfile(os.path.join(schemas, "sml.xsd")):
        with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(path) as z:
            for part in z.namelist():
                validate_part(f, "scorecard.xlsx", part, z.read(part), schema_for(part), schemas, tmp)
    else:
        print(f"SKIPPED: the schema check (xmllint or {schemas}/sml.xsd missing)")
    if shutil.which("soffice"):
        grids = csv_grids(out, ["scorecard.xlsx"], os.path.join(out, "libreoffice"), recalc=False)["scorecard.xlsx"]
        rows = grids.get("Returns", [])
        states = [r[5] for r in rows[4:] if len(r) > 5 and r[5]]
        f.equal(states, [w[5] for w in WANT], "LibreOffice: the Returns sheet's states")
        f.equal(rows[5][6] if len(rows) > 5 and len(rows[5]) > 6 else None, "16/11/2026",
                "LibreOffice: Workforce's received date")
    else:
        print("SKIPPED: the LibreOffice check (no soffice)")
    for item in f.items:
        check(False, item)


def check_pdf(path):
    lines = pdf_text(path).splitlines()
    table = section(lines, "Returns this month", r"(Findings|Sources|Improvement plan and performance report.*)")
    if not check(table, "the PDF has no Returns this month section"):
        return
    check(any("Of 7 returns expected, 3 came on time, 2 late and 1 is missing; 1 is not yet due." in l for l in table),
          f"Returns this month's sentence: {table[:2]}")
    for who, _, received, _, inputs, words in WANT:
        label = who if who != "–" else inputs[0]  # an unexpected workbook is named in the Workbook column
        row = [l for l in table if l.strip().startswith(who) and (who != "–" or label in l)]
        if not check(len(row) == 1, f"Returns this month: {label} is on {len(row)} rows"):
            continue
        check(words in row[0], f"Returns this month: {label}'s row lacks {words!r}: {row[0].strip()}")
        if received:
            uk = datetime.datetime.strptime(received, "%Y-%m-%d").strftime("%d/%m/%Y")
            check(uk in row[0], f"Returns this month: {label}'s row lacks {uk}: {row[0].strip()}")
    sources = section(lines, "Sources", r"(Improvement plan and performance report.*)")
    check(any(re.search(r"Workbook\s+Team\s+Sheets read", l) for l in sources), "Sources has no Team column")
    teams = {"plan-workforce.xlsx": "Workforce", "plan-early-help-2026.xlsx": "Early Help"}
    for name, team in teams.items():
        row = [l for l in sources if l.split()[:1] == [name]]
        check(len(row) == 1 and team in row[0], f"Sources: {name}'s row does not name {team}: {row}")
    qa = [l for l in sources if l.split()[:1] == ["plan-qa-performance-leadership.xlsx"]]
    check(len(qa) == 1 and " – " in qa[0], f"Sources: the unexpected workbook has a team: {qa}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--schemas", default=os.path.join(HERE, "..", "..", "..", "shared", "schemas", "ooxml"))
    args = ap.parse_args()
    bp = args.boardpack
    shutil.rmtree(args.work, ignore_errors=True)
    in_dir = os.path.join(args.work, "in")
    os.makedirs(in_dir)
    for name, (sample, ymd) in FILES.items():
        dest = os.path.join(in_dir, name)
        shutil.copyfile(os.path.join(SAMPLES, sample), dest)
        os.utime(dest, (local_noon(ymd), local_noon(ymd)))
    list_path = os.path.join(args.work, "returns.ini")
    with open(list_path, "w", encoding="utf-8") as f:
        f.write(LIST)

    out = os.path.join(args.work, "out")
    r = run(bp, "build", in_dir, "--out", out, "--as-of", AS_OF, "--returns-list", list_path, *RECEIVED)
    if r.returncode not in (0, 1):
        sys.exit(f"build exited {r.returncode}: {r.stderr}")
    check("Returns (" + list_path + "): Of 7 returns expected" in r.stdout, "the console has no Returns table")
    check(re.search(r"Workforce\s+Plan\s+13/11/2026\s+Late \(3 days\)\s+16/11/2026\s+plan-workforce.xlsx", r.stdout),
          "the console's Returns table lacks Workforce's late row")
    with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    check_summary(summary, in_dir, list_path)
    check_scorecard(os.path.join(out, "scorecard.xlsx"))
    check_scorecard_tools(out, args.schemas)
    check_pdf(os.path.join(out, "board-report.pdf"))

    # No list: nothing of the tracker anywhere.
    plain = os.path.join(args.work, "plain")
    r = run(bp, "build", in_dir, "--out", plain, "--as-of", AS_OF)
    check(r.returncode in (0, 1), f"build without a list exited {r.returncode}: {r.stderr}")
    with open(os.path.join(plain, "summary.json"), encoding="utf-8") as f:
        s = json.load(f)
    check("returns" not in s, "summary.json has returns without a returns list")
    check(not any(i["code"].startswith("return-") for i in s["issues"]), "tracker findings without a returns list")
    check("Returns" not in openpyxl.load_workbook(os.path.join(plain, "scorecard.xlsx")).sheetnames,
          "a Returns sheet without a returns list")
    text = pdf_text(os.path.join(plain, "board-report.pdf"))
    check("Returns this month" not in text and not re.search(r"Workbook\s+Team\s+Sheets read", text),
          "the PDF shows the tracker without a returns list")
    check("Returns (" not in r.stdout, "the console shows the tracker without a returns list")

    # Refusals: nothing read, nothing written, the message says where and what to do.
    bad = os.path.join(args.work, "bad.ini")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("[return]\nteam = X\nfiles = x.xlsx\nkind = plans\ndue = 2026-11-13\n")
    refused = os.path.join(args.work, "refused")
    for extra, says in (
            (["--returns-list", bad], f"{bad}: line 4: kind 'plans' is not plan or kpi"),
            (["--returns-list", list_path, "--received", "nobody.xlsx=2026-11-12"], "--received names nobody.xlsx"),
            (["--received", "plan-workforce.xlsx=2026-11-12"], "--received needs a returns list"),
            (["--returns-list", list_path, "--received", "plan-workforce.xlsx=12/11/2026"], "is not FILE=YYYY-MM-DD"),
            (["--returns-list", os.path.join(args.work, "none.ini")], "none.ini: cannot be opened")):
        r = run(bp, "build", in_dir, "--out", refused, "--as-of", AS_OF, *extra)
        check(r.returncode == 2, f"{extra}: exit {r.returncode}, want 2")
        check(says in r.stderr, f"{extra}: stderr {r.stderr.strip()!r} does not say {says!r}")
        check(not os.path.exists(refused), f"{extra}: the refused build wrote {refused}")

    # batch: the list for every pack.
    batch_in = os.path.join(args.work, "batch-in", "november")
    shutil.copytree(in_dir, batch_in, copy_function=shutil.copy2)
    batch_out = os.path.join(args.work, "batch-out")
    r = run(bp, "batch", os.path.dirname(batch_in), "--out", batch_out, "--as-of", AS_OF, "--returns-list", list_path,
            *RECEIVED)
    check(r.returncode in (0, 1), f"batch exited {r.returncode}: {r.stderr}")
    with open(os.path.join(batch_out, "november", "summary.json"), encoding="utf-8") as f:
        b = json.load(f)
    check([e["state"] for e in b.get("returns", {}).get("entries", [])] == [w[1] for w in WANT],
          f"batch pack's returns states {[e['state'] for e in b.get('returns', {}).get('entries', [])]}")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(WANT)} returns checked in summary.json, the scorecard, the PDF and the console; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

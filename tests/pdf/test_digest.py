#!/usr/bin/python3
"""The board report's digest on a generated multi-workbook input, read back with pdftotext.

    test_digest.py --boardpack BOARDPACK --work DIR [--count N]

Writes N team workbooks with bench/build/gen_workbooks.py (enough that the
amber actions on track to recover and the findings each take more than the
digest's three pages), builds them with the built-in template (appendix =
digest) and with `appendix = full`, and checks against summary.json:

* digest: every red indicator and every red action is in Exceptions with its
  commentary, every amber action that is overdue or awaiting commentary is
  listed, the amber actions on track to recover are counted (with the
  scorecard's sheet they are on) and not listed; Data quality has one row per
  return with its counts, and no findings list;
* full: every amber action is listed and Data quality lists every error and
  warning, and the notes by count;
* a bad appendix value stops the build, naming the line.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "..", "..", "bench", "build", "gen_workbooks.py")
AS_OF = "2026-11-21"

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def squash(text):
    return " ".join(text.split())


def build(boardpack, inputs, out, template=None):
    cmd = [boardpack, "build", inputs, "--out", out, "--as-of", AS_OF]
    if template:
        cmd += ["--template", template]
    r = subprocess.run(cmd, capture_output=True, text=True)
    # 1: built, with errors in some rows (the generator's "TBC" statuses)
    if r.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr}")
    return r


def pdftotext(pdf, layout=False):
    cmd = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [pdf, "-"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def between(text, start, end):
    """The text from the first `start` to the first `end` after it."""
    a = text.index(start)
    b = text.index(end, a)
    return text[a:b]


def exceptions_part(text):
    return between(text, "Indicators rated red", "5. Data quality")


def data_quality_part(text):
    return text[text.index("What boardpack found when it checked"):]


_books = {}


def source_commentary(summary, measure):
    """The commentary cell of a measure's row in its team workbook (summary.json gives
    the row, and the commentary column of the table read on that sheet)."""
    src = measure["source"]
    for inp in summary["inputs"]:
        if inp["file"] != src["file"]:
            continue
        for table in inp["tables"]:
            if table["sheet"] != src["sheet"]:
                continue
            for col in table["columns"]:
                if col["field"] == "commentary":
                    if src["file"] not in _books:
                        _books[src["file"]] = openpyxl.load_workbook(src["file"], data_only=True)
                    letters = re.match(r"[A-Z]+", col["cell"]).group(0)
                    value = _books[src["file"]][src["sheet"]][f"{letters}{src['row']}"].value
                    return "" if value is None else str(value)
    return ""


def thousands(n):
    return f"{n:,}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--count", type=int, default=16)
    args = ap.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    inputs = os.path.join(args.work, "in")
    subprocess.run([sys.executable, GENERATOR, inputs, "--count", str(args.count)], check=True,
                   capture_output=True)

    digest_dir, full_dir = os.path.join(args.work, "digest"), os.path.join(args.work, "full")
    build(args.boardpack, inputs, digest_dir)
    full_ini = os.path.join(args.work, "full.ini")
    with open(full_ini, "w") as f:
        f.write("[report]\nappendix = full\n")
    build(args.boardpack, inputs, full_dir, full_ini)

    with open(os.path.join(digest_dir, "summary.json")) as f:
        summary = json.load(f)
    actions = summary["plan"]["actions"]
    measures = summary["kpis"]["measures"]
    issues = summary["issues"]
    red_measures = [m for m in measures if m["rag"] == "red"]
    red_actions = [a for a in actions if a["status"] == "red"]
    amber = [a for a in actions if a["status"] == "amber"]
    amber_flagged = [a for a in amber if a["overdue"] or a["awaiting_commentary"]]
    amber_recovering = [a for a in amber if not (a["overdue"] or a["awaiting_commentary"])]
    # The input must exercise the trimming (and the test must see something to trim).
    check(len(red_measures) > 0 and len(red_actions) > 0 and len(amber_flagged) > 0, "the input has red and amber rows")
    check(len(amber_recovering) > 40, f"the input has {len(amber_recovering)} amber actions on track, expected > 40")
    check(len(issues) > 150, f"the input has {len(issues)} findings, expected > 150")

    digest_pdf, full_pdf = os.path.join(digest_dir, "board-report.pdf"), os.path.join(full_dir, "board-report.pdf")
    digest_text, full_text = pdftotext(digest_pdf), pdftotext(full_pdf)

    # ---- Exceptions, digest
    exc = exceptions_part(digest_text)
    tokens, flat = set(exc.split()), squash(exc)
    commentaries = 0
    for m in red_measures:
        check(m["ref"] in tokens, f"digest: red indicator {m['ref']} is not in Exceptions")
        text = "" if m["awaiting_commentary"] else source_commentary(summary, m)
        if text:
            commentaries += 1
            check(squash(text) in flat, f"digest: red indicator {m['ref']}'s commentary {text!r} is not in Exceptions")
    check(commentaries > 0, "digest: no red indicator with commentary to look for")
    awaiting = sum(1 for m in red_measures if m["awaiting_commentary"])
    check(flat.count("Awaiting commentary: none was given.") == awaiting,
          f"digest: {awaiting} red indicators should be marked awaiting commentary")
    for a in red_actions:
        check(a["ref"] in tokens, f"digest: red action {a['ref']} is not in Exceptions")
        if a["progress"]:
            check(squash(a["progress"]) in flat, f"digest: red action {a['ref']}'s progress update is not in Exceptions")
    for a in amber_flagged:
        check(a["ref"] in tokens, f"digest: amber action {a['ref']} (overdue or awaiting commentary) is not listed")
    for a in amber_recovering:
        check(a["ref"] not in tokens, f"digest: amber action {a['ref']}, on track to recover, is listed")
    n = len(amber_recovering)
    counted = (f"{thousands(n)} more amber {'action' if n == 1 else 'actions'}, on track to recover, "
               f"{'is' if n == 1 else 'are'} not listed here: see the scorecard\u2019s Plan sheet.")
    check(counted in flat, f"digest: no sentence counting the {n} amber actions on track: {counted!r}")
    listed = (f"Listed below: every red action ({thousands(len(red_actions))}) and every amber action that is "
              f"overdue or awaiting commentary ({thousands(len(amber_flagged))}).")
    check(listed in flat, f"digest: no sentence saying what is listed: {listed!r}")

    # The sentence sends the reader to the scorecard's Plan sheet: it is there, with those actions.
    book = openpyxl.load_workbook(os.path.join(digest_dir, "scorecard.xlsx"), read_only=True)
    check("Plan" in book.sheetnames, f"the scorecard has no Plan sheet: {book.sheetnames}")
    if "Plan" in book.sheetnames:
        plan_cells = {str(v) for row in book["Plan"].iter_rows(values_only=True) for v in row if v is not None}
        for a in amber_recovering:
            check(a["ref"] in plan_cells, f"amber action {a['ref']} is not on the scorecard's Plan sheet")

    # ---- Exceptions, full: every amber action listed, nothing counted
    exc_full = exceptions_part(full_text)
    full_tokens = set(exc_full.split())
    for a in red_actions + amber:
        check(a["ref"] in full_tokens, f"full: action {a['ref']} ({a['status']}) is not listed")
    check("on track to recover" not in squash(exc_full), "full: amber actions are counted, not listed")

    # ---- Data quality, digest: a row per return with its counts, no findings list
    dq = data_quality_part(digest_text)
    check("Findings" not in dq.split("\n"), "digest: Data quality still has its Findings list")
    for is_ in issues:
        if is_["code"] == "overdue":
            check(squash(is_["message"]) not in squash(dq), "digest: Data quality lists a finding")
            break
    per_file = collections.defaultdict(collections.Counter)
    for is_ in issues:
        per_file[is_["file"]][is_["severity"]] += 1
    dq_layout = data_quality_part(pdftotext(digest_pdf, layout=True))
    for inp in summary["inputs"]:
        name = os.path.basename(inp["file"])
        c = per_file[inp["file"]]
        cells = [str(inp["records"])] + [thousands(c[s]) if c[s] else "–" for s in ("error", "warning", "info")]
        row = re.compile(r"^\s*" + re.escape(name) + r"\s+(Improvement plan|KPIs|Plan and KPIs)\s+" +
                         r"\s+".join(re.escape(x) for x in cells) + r"(\s|$)", re.M)
        check(row.search(dq_layout), f"digest: no Data quality row for {name} with records, errors, warnings, "
                                     f"notes {cells}")
    check("Issues sheet" in squash(dq), "digest: Data quality does not say where the full list is")

    # ---- Data quality, full: every error and warning, the notes by count
    dq_full = squash(data_quality_part(full_text))
    for is_ in issues:
        if is_["severity"] != "info":
            check(squash(is_["message"]) in dq_full, f"full: finding not listed: {is_['message']}")
    errors, warnings, infos = (sum(1 for i in issues if i["severity"] == s) for s in ("error", "warning", "info"))
    for heading in (f"Errors: rows left out of this report ({errors})", f"Warnings ({warnings})", f"Notes ({infos})"):
        check(heading in dq_full, f"full: no group {heading!r}")

    # ---- A bad value is refused, naming the line
    bad_ini = os.path.join(args.work, "bad.ini")
    with open(bad_ini, "w") as f:
        f.write("[report]\nboard = X\nappendix = summary\n")
    r = subprocess.run([args.boardpack, "build", inputs, "--out", os.path.join(args.work, "bad"), "--template", bad_ini],
                       capture_output=True, text=True)
    check(r.returncode == 2, f"bad appendix: exit {r.returncode}, expected 2")
    check("line 3: appendix 'summary' is not full or digest" in r.stderr, f"bad appendix: message {r.stderr!r}")

    if failures:
        for f in failures[:40]:
            print("FAIL:", f)
        print(f"{len(failures)} failures")
        return 1
    print(f"ok: {len(red_measures)} red indicators, {len(red_actions)} red actions, {len(amber_flagged)} amber listed, "
          f"{len(amber_recovering)} amber counted, {len(issues)} findings in {len(summary['inputs'])} returns")
    return 0


if __name__ == "__main__":
    sys.exit(main())

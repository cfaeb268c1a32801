#!/usr/bin/python3
"""Sheets longer than their head: the streamed reading equals the whole one.

    /usr/bin/python3 test_long_sheets.py --boardpack BIN --work DIR [-v]

boardpack finds a table in a sheet's first rows and reads the rows under it as
they stream. Merged ranges come after the cells in the file, so a sheet with
merges is checked at the end: merges in the head are allowed for, merges below
it (or rows written out of order) make boardpack read the sheet again whole.
One plan of 200 actions, with group headings, a repeated header and bad
statuses above and below the head, is written four ways (no merges; the title
merged; the group headings merged too; the rows written in reverse order) and
each must give the same actions, sections and findings, as written.
"""

import argparse
import os
import re
import sys
import zipfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vlib import C, Boardpack, Checker, Sheet, fresh_dir, write  # noqa: E402

SHEET = "Plan"
HEADER_ROW = 3
GROUP_ROWS = {30: "Early help", 100: "Front door", 160: "Workforce"}  # 30 in the head, the others below it
BAD_STATUS_ROWS = (50, 120, 190)
REPEATED_HEADER_ROW = 140
LAST_ROW = 210
HEADINGS = ["Ref", "Action", "Lead", "Due date", "Status"]
STATUSES = ["Green", "Amber", "Red", "Blue"]


def plan(merge_title, merge_groups):
    sh = Sheet(SHEET)
    sh.put_row(1, [C("Improvement plan 2026", bold=True)])
    if merge_title:
        sh.merge("A1:E1")
    sh.put_row(HEADER_ROW, HEADINGS)
    expected = []  # (ref, section, status) in sheet order, of the actions accepted
    section = SHEET
    for r in range(HEADER_ROW + 1, LAST_ROW + 1):
        if r in GROUP_ROWS:
            section = GROUP_ROWS[r]
            sh.put_row(r, [C(section, bold=True)])
            if merge_groups:
                sh.merge(f"A{r}:E{r}")
            continue
        if r == REPEATED_HEADER_ROW:
            sh.put_row(r, HEADINGS)
            continue
        ref = f"A{r}"
        status = "Maybe" if r in BAD_STATUS_ROWS else STATUSES[r % 4]
        sh.put_row(r, [ref, f"Action on row {r}", "Head of service", "31/03/2027", status])
        if status != "Maybe":  # a rejected action is a finding, not a record
            expected.append((ref, section, status.lower()))
    return sh, expected


def reverse_rows(path):
    """The same workbook with its worksheet's <row> elements in reverse order."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    name = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    xml = parts[name].decode("utf-8")
    rows = re.findall(r"<row\b.*?</row>", xml, flags=re.S)
    start, end = xml.index(rows[0]), xml.rindex(rows[-1]) + len(rows[-1])
    parts[name] = (xml[:start] + "".join(reversed(rows)) + xml[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    bp = Boardpack(args.boardpack)
    work = fresh_dir(args.work)
    check = Checker(args.v)

    variants = {"streamed": (False, False), "title-merged": (True, False), "groups-merged": (True, True),
                "out-of-order": (False, False)}
    for name, (merge_title, merge_groups) in variants.items():
        check.start(name)
        sheet, expected = plan(merge_title, merge_groups)
        file = f"{name}.xlsx"
        write(os.path.join(work, file), [sheet])
        if name == "out-of-order":
            reverse_rows(os.path.join(work, file))
        rc, summary, _, err = bp.build([file], work, out=f"out-{name}")
        if not check.ok(summary is not None, f"build wrote summary.json (rc {rc}, {err.strip()[:200]})"):
            continue
        actions = summary["plan"]["actions"]
        got = [(a["ref"], a["section"], a.get("status")) for a in actions]
        check.eq(len(got), len(expected), "actions read")
        check.ok(got == expected, "every action with its section and status, in sheet order")
        check.eq([a["source"]["row"] for a in actions][-1], LAST_ROW, "the last action's row")
        bad = sorted(i["cell"] for i in summary["issues"] if i["code"] == "bad-status")
        check.eq(bad, sorted(f"E{r}" for r in BAD_STATUS_ROWS), "bad-status at its cells")
        check.no_issue(summary["issues"], code="missing-status", what="the repeated header is not an action")
    print(f"{check.passed} checks passed, {len(check.failures)} failed")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""What changed since the last board, end to end on the two sample months:
samples-september/ built, then samples/ into the same folder and history, as
the main job does. Every action's and measure's movement in summary.json's
`changes` must be exactly samples-september/expected_changes.json (worked out
by make_september.py from its own data); the scorecard's Last time and Change
columns (openpyxl), the report's "Since the last board" (pdftotext) and the
console must say the same; a first pack says there is nothing to compare with;
a rebuild of October replaces its record and is still compared with September.

    check_since_last.py --boardpack BIN --source REPO --work DIR
"""
import argparse
import json
import pathlib
import shutil
import sqlite3
import subprocess
import sys

import openpyxl

ap = argparse.ArgumentParser()
ap.add_argument("--boardpack", required=True)
ap.add_argument("--source", required=True)
ap.add_argument("--work", required=True)
args = ap.parse_args()
src = pathlib.Path(args.source)
work = pathlib.Path(args.work)
shutil.rmtree(work, ignore_errors=True)
work.mkdir(parents=True)
expected = json.loads((src / "samples-september" / "expected_changes.json").read_text())
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def build(inputs, as_of):
    r = subprocess.run([args.boardpack, "build", str(inputs), "--out", str(work / "out" / "samples"), "--as-of", as_of],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(f"FAIL: build {inputs} exited {r.returncode}: {r.stderr}")
    return r


def summary():
    return json.loads((work / "out" / "samples" / "summary.json").read_text())


# September: the first pack in the history.
first = build(src / "samples-september", expected["september"]["as_of"])
sep = summary()
check(sep["changes"]["compared"] is False, "a first pack is not compared")
check(sep["changes"]["sentences"][0].startswith("This is the first pack"), "a first pack says so")
check("actions" not in sep["changes"], "a first pack lists no movements")
check("Since the last board" not in first.stdout, "the console shows no changes for a first pack")
pdf = subprocess.run(["pdftotext", str(work / "out" / "samples" / "board-report.pdf"), "-"], capture_output=True,
                     text=True).stdout
check("This is the first pack" in pdf, "the first pack's report says there is nothing to compare with")

# October, compared with September.
second = build(src / "samples", expected["october"]["as_of"])
octo = summary()
ch = octo["changes"]
check(ch["compared"] is True, "October is compared")
check(ch.get("previous", {}).get("period") == "2026-09", f"compared with Sep 26: {ch.get('previous')}")
got_actions = {a["ref"]: a for a in ch.get("actions", [])}
for ref, want in expected["actions"].items():
    got = got_actions.get(ref)
    if got is None:
        failures.append(f"action {ref} missing from changes")
        continue
    for key in ("last_status", "status", "movement", "last_due", "due", "slipped_days"):
        if got.get(key) != want.get(key):
            failures.append(f"action {ref} {key}: got {got.get(key)!r}, want {want.get(key)!r}")
for ref in expected["new_actions"]:
    check(got_actions.get(ref, {}).get("movement") == "new", f"action {ref} is new")
check(sorted(a["ref"] for a in ch.get("removed_actions", [])) == sorted(expected["removed_actions"]),
      f"removed actions {ch.get('removed_actions')}")
check(len(got_actions) == len(expected["actions"]) + len(expected["new_actions"]),
      f"{len(got_actions)} actions in changes")
got_measures = {m["ref"]: m for m in ch.get("measures", [])}
check(len(got_measures) == len(expected["measures"]), f"{len(got_measures)} measures in changes")
for ref, want in expected["measures"].items():
    got = got_measures.get(ref, {})
    for key in ("last_rag", "rag", "direction"):
        if got.get(key) != want[key]:
            failures.append(f"measure {ref} {key}: got {got.get(key)!r}, want {want[key]!r}")
    for key in ("last_value", "value"):
        if got.get(key) is None or abs(got[key] - want[key]) > 1e-9:
            failures.append(f"measure {ref} {key}: got {got.get(key)!r}, want {want[key]!r}")

# The same facts in the report, the scorecard and the console.
worse = sorted(r for r, a in expected["actions"].items() if a["movement"] == "worse")
pdf = " ".join(subprocess.run(["pdftotext", str(work / "out" / "samples" / "board-report.pdf"), "-"],
                              capture_output=True, text=True).stdout.split())
check("Since the last board" in pdf, "the report has Since the last board")
check("Compared with the pack for Sep 26" in pdf, "the report names the pack compared with")
for sentence in ch["sentences"]:
    check(" ".join(sentence.split()) in pdf, f"the report lacks: {sentence}")
for ref in worse:
    check(ref in pdf, f"the report's moves table lacks {ref}")
check("Since the last board:" in second.stdout, "the console shows the changes")
for sentence in ch["sentences"]:
    check(sentence in second.stdout, f"the console lacks: {sentence}")

wb = openpyxl.load_workbook(work / "out" / "samples" / "scorecard.xlsx")
plan = wb["Plan"]
header = [c.value for c in plan[4]]
check("Last time" in header and "Change" in header, f"Plan sheet header {header}")
if "Last time" in header and "Change" in header:
    ref_col, was_col, change_col = 0, header.index("Last time"), header.index("Change")
    seen = {}
    for row in plan.iter_rows(min_row=5, values_only=True):
        if row[ref_col] in expected["actions"] or row[ref_col] in expected["new_actions"]:
            seen[row[ref_col]] = (row[was_col], row[change_col])
    for ref, want in expected["actions"].items():
        was, change = seen.get(ref, (None, None))
        check((was or "").lower() == want["last_status"], f"Plan {ref} Last time {was!r}")
        if want["movement"] in ("better", "worse"):
            check((change or "").startswith(want["movement"].capitalize()), f"Plan {ref} Change {change!r}")
        if want["slipped_days"]:
            check(f"due date {want['slipped_days']} days later" in (change or ""), f"Plan {ref} Change {change!r}")
    for ref in expected["new_actions"]:
        check(seen.get(ref, (None, None))[1] == "New", f"Plan {ref} is New")
score = wb["Scorecard"]
heads = [c.value for c in score[4]]
check("Last time" in heads and "Change" in heads, f"Scorecard header {heads}")
if "Change" in heads:
    change_col = heads.index("Change")
    for row in score.iter_rows(min_row=6, values_only=True):
        want = expected["measures"].get(row[0])
        if want and want["direction"] in ("better", "worse", "same"):
            check(row[change_col] == want["direction"].capitalize(), f"Scorecard {row[0]} Change {row[change_col]!r}")

# A rebuild of October replaces its record and still compares with September.
build(src / "samples", expected["october"]["as_of"])
check(summary()["changes"].get("previous", {}).get("period") == "2026-09", "a rebuild is compared with September")
db = sqlite3.connect(work / "out" / "history.sqlite")
periods = sorted(p for (p,) in db.execute("SELECT period FROM packs WHERE pack = 'samples'"))
check(periods == ["2026-09", "2026-10"], f"history periods {periods}")
actions = db.execute("SELECT COUNT(*) FROM actions").fetchone()[0]
check(actions == len(sep["plan"]["actions"]) + len(octo["plan"]["actions"]), f"{actions} action rows after a rebuild")

for f in failures:
    print("FAIL:", f)
print(f"since the last board: {len(expected['actions'])} actions and {len(expected['measures'])} measures checked, "
      f"{len(failures)} failures")
sys.exit(1 if failures else 0)

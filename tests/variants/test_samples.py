#!/usr/bin/python3
"""End to end on samples/: `boardpack build samples --out DIR --as-of 2026-11-21`.

    /usr/bin/python3 test_samples.py --boardpack BIN --work DIR [-v]

Checks what samples/README.md promises: seed 002's plan table (printed and in
summary.json), seed 003's KPI ratings (green 3, amber 6, red 5, none 3;
5.10 lower is better; 3.3 red at 77.8%), every measure's value, targets and
rating, and the expected findings at their file/sheet/cell (3 errors, 14
warnings, 19 infos plus any the tool adds on its own account).
"""

import argparse
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vlib import REPO, Boardpack, Checker, fresh_dir, issue_codes  # noqa: E402

AS_OF = "2026-11-21"

# Seed 002, "5. Summary of progress": total, blue, green, amber, red
SEED_002 = {
    "Quality of Practice": (22, 1, 7, 10, 4),
    "Capacity and capability of workforce": (12, 3, 4, 2, 3),
    "Effective Leadership and Management": (9, 1, 5, 1, 2),
    "Quality Assurance and Performance Management": (9, 6, 2, 1, 0),
    "Partnership working": (10, 3, 4, 2, 1),
}
SEED_002_TOTAL = (62, 14, 22, 16, 10)

# samples/README.md, "Expected KPI scorecard": group, ref, value, min, upper, rag, polarity
SEED_003 = [
    ("Management Oversight", "1.1", 0.904, 0.90, 0.95, "amber", "higher"),
    ("Cohorts", "1.2", 790, None, None, "none", "none"),
    ("Cohorts", "1.3", 274, None, None, "none", "none"),
    ("Cohorts", "1.4", 291, None, None, "none", "none"),
    ("Front door / assessment", "2.1", 0.937, 0.90, 0.95, "amber", "higher"),
    ("Front door / assessment", "2.10a", 0.908, 0.90, 0.95, "amber", "higher"),
    ("Plans", "3.1", 0.875, 0.85, 0.90, "amber", "higher"),
    ("Visits", "3.3", 0.778, 0.85, 0.90, "red", "higher"),
    ("Visits", "4.7.2", 0.894, 0.92, 0.95, "red", "higher"),
    ("Visits", "5.10", 0.117, 0.10, 0.05, "red", "lower"),
    ("Visits", "5.11", 0.890, 0.90, 0.95, "red", "higher"),
    ("Reviews", "3.2", 0.870, 0.85, 0.90, "amber", "higher"),
    ("Reviews", "4.8", 0.955, 0.965, 0.985, "red", "higher"),
    ("Reviews", "5.18", 1.000, 0.95, 1.00, "green", "higher"),
    ("Care Leavers", "6.1", 0.955, 0.90, 0.95, "green", "higher"),
    ("Care Leavers", "6.2", 0.690, 0.65, 0.75, "amber", "higher"),
    ("Care Leavers", "6.3", 0.907, 0.85, 0.90, "green", "higher"),
]

FD = "plan-front-door-assessment.xlsx"
WF = "plan-workforce.xlsx"
QA = "plan-qa-performance-leadership.xlsx"
CSW = "plan-childrens-social-work.xlsx"
EH = "plan-early-help-partnerships.xlsx"
RC = "kpi-reviews-care-leavers.xlsx"
HI = "kpi-highlight-indicators.xlsx"

# samples/README.md, "Expected findings (report date 2026-11-21)": errors and warnings, exactly
EXPECTED = {
    ("error", "bad-status", FD, "Improvement Plan", "E12"),
    ("error", "bad-date", WF, "Workforce actions", "E11"),
    ("error", "missing-action", EH, "Partnership working", "B13"),
    ("warning", "missing-lead", WF, "Workforce actions", "D13"),
    ("warning", "missing-due-date", CSW, "CSW plan", "E11"),
    ("warning", "overdue", FD, "Improvement Plan", "D9"),
    ("warning", "overdue", FD, "Improvement Plan", "D13"),
    ("warning", "overdue", WF, "Workforce actions", "E6"),
    ("warning", "overdue", QA, "Actions", "E12"),
    ("warning", "overdue", CSW, "CSW plan", "E9"),
    ("warning", "overdue", EH, "Partnership working", "D10"),
    ("warning", "formula-no-value", QA, "Actions", "C3"),
    ("warning", "rag-mismatch", RC, "Indicators", "Q5"),
    # seed 003's table has no commentary column: each red indicator is asked for its narrative
    ("warning", "missing-commentary", HI, "Highlight Indicators", "F19"),
    ("warning", "missing-commentary", HI, "Highlight Indicators", "F20"),
    ("warning", "missing-commentary", HI, "Highlight Indicators", "F21"),
    ("warning", "missing-commentary", HI, "Highlight Indicators", "F22"),
}
LEFT_OUT = {"QP1.23", "CC2.13", "PW5.11"}


def key(i):
    return (i["severity"], i["code"], os.path.basename(i["file"]), i["sheet"], i["cell"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--precision", action="store_true",
                    help="only check that summary.json's numbers carry no float noise (0.944, not 0.9440000000000001)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    bp = Boardpack(args.boardpack)
    ck = Checker(args.verbose)
    out_dir = os.path.join(fresh_dir(os.path.abspath(args.work)), "pack")

    rc, s, stdout, err = bp.build(["samples"], REPO, out=out_dir, as_of=AS_OF)
    if args.precision:
        # numbers at the data's precision: "94.4%" is 0.944 in summary.json, not 0.9440000000000001
        ck.start("samples/KPI precision")
        noisy = []
        for m in (s or {}).get("kpis", {}).get("measures", []):
            nums = [("value", m["value"]), ("previous", m["previous"]), ("target_min", m["target_min"]),
                    ("target_upper", m["target_upper"])] + [(p["label"], p["value"]) for p in m["trend"]]
            noisy += [f"{m['ref']} {n}={v!r}" for n, v in nums if isinstance(v, float) and v != round(v, 9)]
        ck.ok(s is not None, "summary.json written")
        ck.eq(noisy, [], "no float noise in summary.json")
        return ck.report("samples precision")
    ck.start("samples/build")
    ck.eq(rc, 1, "exit code 1 (the samples hold 3 deliberate errors)")
    if not ck.ok(s is not None, f"summary.json written ({err.strip()[:200]})"):
        return ck.report("samples")

    # ---- inputs
    ck.start("samples/inputs")
    inputs = {os.path.basename(i["file"]): i for i in s["inputs"]}
    ck.eq(sorted(inputs), sorted([FD, WF, QA, CSW, EH, RC, HI]), "seven workbooks")
    for f, kind, status, records in [(HI, "kpi", "warnings", 11), (RC, "kpi", "warnings", 6), (CSW, "plan", "warnings", 8),
                                     (EH, "plan", "errors", 16), (FD, "plan", "errors", 8), (QA, "plan", "warnings", 18),
                                     (WF, "plan", "errors", 12)]:
        i = inputs.get(f, {})
        ck.eq((i.get("kind"), i.get("status"), i.get("records")), (kind, status, records), f"{f}")

    # ---- seed 002's table, in summary.json
    ck.start("samples/plan table (summary.json)")
    got = {x["name"]: (x["total"], x["blue"], x["green"], x["amber"], x["red"]) for x in s["plan"]["sections"]}
    ck.eq(got, SEED_002, "RAG counts per section")
    ck.eq([x["unrated"] for x in s["plan"]["sections"]], [0] * 5, "nothing unrated")
    acts = s["plan"]["actions"]
    ck.eq(len(acts), 62, "62 actions")
    refs = [a["ref"] for a in acts]
    ck.eq(refs.count("PW5.3"), 1, "PW5.3 merged: counted once")
    ck.eq(sorted(LEFT_OUT & set(refs)), [], "rows with errors left out")
    ck.eq(len(set(refs)), 62, "refs unique")
    # ordered by section (in the order first seen) then ref
    order = [x["name"] for x in s["plan"]["sections"]]
    sec_idx = [order.index(a["section"]) for a in acts]
    ck.ok(sec_idx == sorted(sec_idx), "actions grouped by section in the sections' order")
    qp = [a["ref"] for a in acts if a["section"] == "Quality of Practice"]
    ck.eq(qp, [f"QP1.{n}" for n in range(1, 23)], "Quality of Practice QP1.1 ... QP1.22 in ref order")
    by = {a["ref"]: a for a in acts}
    a = by.get("QP1.1", {})
    ck.eq(a.get("source"), {"file": "samples/" + FD, "sheet": "Improvement Plan", "row": 7}, "QP1.1 source")
    ck.eq((a.get("status"), a.get("due"), a.get("lead")), ("green", "2026-12-31", "Team Manager, MASH"), "QP1.1 fields")
    ck.eq(by.get("EL3.7", {}).get("status"), "amber", "EL3.7 status from an indexed fill")

    # ---- seed 002's table, printed
    ck.start("samples/plan table (stdout)")
    for name, nums in list(SEED_002.items()) + [("Total", SEED_002_TOTAL)]:
        pat = r"^\s*" + re.escape(name) + r"\s+" + r"\s+".join(map(str, nums)) + r"\s*$"
        ck.ok(re.search(pat, stdout, re.M), f"printed row: {name} {' '.join(map(str, nums))}")
    ck.ok(re.search(r"of 14 with targets, 3 green, 6 amber, 5 red; 3 without targets", stdout),
          "printed KPI counts (of 14 with targets, 3 green, 6 amber, 5 red; 3 without)")
    ck.ok(re.search(r"Findings: 3 errors, 14 warnings, \d+ info", stdout), "printed findings count")

    # ---- seed 003's ratings
    ck.start("samples/KPIs")
    k = s["kpis"]
    ck.eq(k["counts"], {"green": 3, "amber": 6, "red": 5, "none": 3}, "RAG counts")
    ck.eq(k["period"], "Oct 26", "period")
    ms = {m["ref"]: m for m in k["measures"]}
    ck.eq(sorted(ms), sorted(r[1] for r in SEED_003), "17 measures")
    for group, ref, value, mn, up, rag, pol in SEED_003:
        ck.start(f"samples/KPI {ref}")
        m = ms.get(ref)
        if not m:
            continue
        ck.eq((m["group"], m["rag"], m["polarity"]), (group, rag, pol), "group, rating, polarity")
        ck.near(m["value"], value, "value", tol=1e-9)
        ck.eq((m["target_min"], m["target_upper"]), (mn, up), "Min, Upper (exactly: 98.5 - 2 is 96.5)")
    m = ms.get("1.1", {})
    ck.eq((m.get("numerator"), m.get("denominator"), m.get("period_type"), m.get("previous"), m.get("unit")),
          (1958, 2165, "Snapshot", 0.90, "percent"), "1.1 num, denom, period, previous, unit")
    ck.eq([p["label"] for p in m.get("trend", [])], ["May 26", "Jun 26", "Jul 26", "Aug 26", "Sep 26", "Oct 26"],
          "1.1 trend labels")
    ck.eq([p["value"] for p in m.get("trend", [])], [0.895, 0.876, 0.929, 0.909, 0.929, 0.904], "1.1 trend values")
    m = ms.get("5.18", {})
    ck.eq([p["value"] for p in m.get("trend", [])][-1:], [None], "5.18: October blank")
    ck.eq(ms.get("1.2", {}).get("unit"), "count", "1.2 is a count")
    m = ms.get("6.3", {})
    ck.near(m.get("previous"), 0.944, "6.3 previous year from the text '94.4%'")
    ck.near(ms.get("3.2", {}).get("value"), 0.87, "3.2 value from the text '87.0%'")
    groups = []
    for m in k["measures"]:
        if m["group"] not in groups:
            groups.append(m["group"])
    ck.eq(groups, ["Management Oversight", "Cohorts", "Front door / assessment", "Plans", "Visits", "Reviews",
                   "Care Leavers"], "measures grouped by group")

    # ---- findings
    ck.start("samples/findings")
    issues = s["issues"]
    got = {key(i) for i in issues if i["severity"] in ("error", "warning")}
    ck.eq(sorted(got - EXPECTED), [], "no unexpected errors or warnings")
    ck.eq(sorted(EXPECTED - got), [], "every expected error and warning")
    ck.eq(sum(1 for i in issues if i["severity"] == "error"), 3, "3 errors")
    ck.eq(sum(1 for i in issues if i["severity"] == "warning"), 14, "14 warnings")
    colour = sorted((i["cell"] for i in issues if key(i)[:4] == ("info", "status-from-colour", QA, "Actions")),
                    key=lambda c: int(c[1:]))
    ck.eq(colour, [f"F{r}" for r in range(6, 24)], "18 status-from-colour infos, F6 ... F23")
    dup = [key(i) for i in issues if i["code"] == "duplicate-merged"]
    ck.ok(dup in ([("info", "duplicate-merged", FD, "Improvement Plan", "A17")],
                  [("info", "duplicate-merged", EH, "Partnership working", "A5")]),
          f"one duplicate-merged info for PW5.3 at Front Door A17 or Early Help A5 ({dup})")
    infos = [i for i in issues if i["severity"] == "info"]
    ck.ok(len(infos) >= 19, f"at least 19 infos ({len(infos)})")
    documented = {c for c, _ in issue_codes()}
    ck.eq(sorted({i["code"] for i in issues} - documented), [], "every code documented")
    for i in issues:
        ck.ok(os.path.basename(i["file"]) in inputs, f"finding names an input file ({i['file']})")

    # ---- the outputs
    ck.start("samples/outputs")
    files = sorted(os.listdir(out_dir))
    ck.ok("summary.json" in files, "summary.json written")
    ck.ok(set(files) <= {"summary.json", "scorecard.xlsx", "board-report.pdf", ".boardpack-manifest.json", "returns"},
          f"only the pack's files, the checked copies and boardpack's manifest of them ({files})")
    # Every sample has findings: each comes back checked, and nothing else is in returns/.
    returns = sorted(os.listdir(os.path.join(out_dir, "returns"))) if "returns" in files else []
    ck.eq(returns, sorted(n[:-5] + " - checked.xlsx" for n in inputs), "a checked copy of each sample in returns/")
    ck.ok(".boardpack-manifest.json" in files, "the manifest lists what boardpack wrote")
    for k, v in s.get("outputs", {}).items():
        if k == "returns":  # the checked copies: each listed one is in returns/, and each copy is listed
            ck.eq(sorted(e["file"] for e in v), [f"returns/{n}" for n in returns], "summary.json lists the checked copies")
            continue
        ck.ok(v in files, f"output {v} listed in summary.json exists")

    # ---- validate agrees
    ck.start("samples/validate")
    rc2, j, err2 = bp.validate(["samples"], REPO, as_of=AS_OF)
    ck.eq(rc2, 1, "validate exit code 1")
    if j:
        ck.eq(sorted(map(key, j["issues"])), sorted(map(key, issues)), "validate --json: same findings")

    # ---- a later report date makes more actions overdue (CC2.12 due 30/11/2026)
    ck.start("samples/as-of")
    rc3, s3, out3, err3 = bp.build(["samples"], REPO, out=out_dir, as_of="2026-12-01")
    if s3:
        over = [i for i in s3["issues"] if i["code"] == "overdue"]
        ck.ok(any(os.path.basename(i["file"]) == WF and "CC2.12" in i["message"] for i in over),
              "--as-of 2026-12-01: CC2.12 (due 30/11/2026) overdue as well")
        ck.eq(len(over), 7, "7 overdue on 2026-12-01")
    return ck.report("samples")


if __name__ == "__main__":
    sys.exit(main())

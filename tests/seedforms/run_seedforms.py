#!/usr/bin/python3
"""The seed-form workbooks (make_seedforms.py) through `boardpack build`,
compared with their expectations measure by measure and finding by finding.

    /usr/bin/python3 run_seedforms.py --boardpack BIN --work DIR --group NAME [-v] [--report FILE]

For every workbook: the exit code; summary.json's KPI counts, and for every
measure each expected field (value, previous, unit, target_min, target_upper,
polarity, rag, and group/title/numerator/denominator/period_type/trend where
given); measures that must not be rated (absent, or rag "none"); plan
sections and actions; every expected finding by (code, file, sheet, cell)
and severity where it matters (never by message text), and no error or
warning beyond those (infos are the tool's own business).  A mismatch prints
the workbook, the measure, the field, and expected vs got.

Exit 0 when every check passed; 77 (CTest: skipped) when the only problem is
that LibreOffice is missing; 1 otherwise.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_seedforms  # noqa: E402

SKIPPED = 77
COUNT_KEYS = ("green", "amber", "red", "none")
PLAN_COUNT_KEYS = ("total", "blue", "green", "amber", "red", "unrated")


def same(got, want):
    """Numbers within rounding of the stored double; lists and dicts field by field."""
    if isinstance(want, float) or (isinstance(want, int) and not isinstance(want, bool)):
        return isinstance(got, (int, float)) and not isinstance(got, bool) and \
            abs(got - want) <= 1e-9 * max(1.0, abs(want))
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(same(g, w) for g, w in zip(got, want))
    if isinstance(want, dict):
        return isinstance(got, dict) and all(same(got.get(k), v) for k, v in want.items())
    return got == want


class Case:
    """Checks of one workbook run; each check has a kind for the summary table."""

    def __init__(self, name, verbose):
        self.name, self.verbose = name, verbose
        self.results = []          # (kind, ok, detail)

    def check(self, kind, ok, detail):
        self.results.append((kind, bool(ok), detail))
        if not ok:
            print(f"  FAIL {self.name}: {detail}")
        elif self.verbose:
            print(f"  ok   {self.name}: {detail}")
        return ok

    def failed(self):
        return [r for r in self.results if not r[1]]


def run_build(binary, folder, exp, out):
    args = [binary, exp["command"], exp["file"], "--out", out, "--as-of", exp["as_of"]] + exp["extra_args"]
    p = subprocess.run(args, cwd=folder, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def check_records(c, what, got, expected):
    """Every expected field of every expected record (measure or action), by ref."""
    for ref, fields in expected.items():
        rec = got.get(ref)
        if not c.check(f"{what}-present", rec is not None, f"{what} {ref}: expected, got none"):
            continue
        for field, want in fields.items():
            c.check(f"{what}.{field}", same(rec.get(field), want),
                    f"{what} {ref} field {field}: expected {want!r}, got {rec.get(field)!r}")


def check_measures(c, summary, exp):
    got = {m.get("ref"): m for m in (summary.get("kpis") or {}).get("measures") or []}
    if exp["counts"] is not None:
        counts = (summary.get("kpis") or {}).get("counts") or {}
        for k, want in exp["counts"].items():
            c.check("counts", counts.get(k) == want, f"kpis.counts.{k}: expected {want}, got {counts.get(k)}")
    if exp["period"] is not None:
        period = (summary.get("kpis") or {}).get("period")
        c.check("period", period == exp["period"], f"kpis.period: expected {exp['period']!r}, got {period!r}")
    for ref in exp["not_rated"]:
        m = got.get(ref)
        c.check("not-rated", m is None or m.get("rag") == "none",
                f"measure {ref} must not be rated: " + ("absent" if m is None else f"rag {m.get('rag')!r}, "
                                                        f"value {m.get('value')!r}"))
    if exp["measures"] is None:
        return
    check_records(c, "measure", got, exp["measures"])
    extra = sorted(set(got) - set(exp["measures"]) - set(exp["not_rated"]), key=str)
    c.check("measure-extra", not extra, f"no measures beyond those written: got {extra}")


def check_plan(c, summary, exp):
    plan = summary.get("plan") or {}
    if exp["sections"] is not None:
        got = {s.get("name"): s for s in plan.get("sections") or []}
        for want in exp["sections"]:
            s = got.get(want["name"])
            if not c.check("section-present", s is not None, f"section {want['name']!r}: expected, got none "
                           f"(sections: {sorted(got)})"):
                continue
            for k in PLAN_COUNT_KEYS:
                if k in want:
                    c.check("section-counts", s.get(k) == want[k],
                            f"section {want['name']!r} {k}: expected {want[k]}, got {s.get(k)}")
            if exp["section_counts_only"]:
                rated = sum(s.get(k) or 0 for k in ("blue", "green", "amber", "red"))
                c.check("section-counts", (s.get("total") or 0) - (s.get("unrated") or 0) == rated,
                        f"section {want['name']!r}: total - unrated = {rated}, got total {s.get('total')}, "
                        f"unrated {s.get('unrated')}")
        if not exp["section_counts_only"]:
            extra = sorted(set(got) - {s["name"] for s in exp["sections"]})
            c.check("section-extra", not extra, f"no sections beyond those written: got {extra}")
    if exp["actions"] is not None:
        got = {a.get("ref"): a for a in plan.get("actions") or []}
        check_records(c, "action", got, exp["actions"])
        for ref in exp["not_rated"]:
            a = got.get(ref)
            if exp["measures"] is None:
                c.check("not-rated", a is None or a.get("status") == "unrated",
                        f"action {ref} must not be rated: got status {a and a.get('status')!r}")


def check_findings(c, issues, exp):
    used = set()
    for want in exp["findings"]:
        hits = [i for i, x in enumerate(issues) if x.get("code") == want["code"] and x.get("file") == exp["file"]
                and x.get("sheet") == want["sheet"] and x.get("cell") in want["cells"]]
        place = f"{exp['file']}!{want['sheet']}!{'|'.join(want['cells'])}"
        near = [f"{x.get('severity')} {x.get('code')} {x.get('sheet')}!{x.get('cell')}" for x in issues
                if x.get("code") == want["code"] or x.get("cell") in want["cells"]][:5]
        if not c.check(f"finding {want['code']}", hits, f"finding {want['code']} at {place}: expected, got none"
                       + (f" (nearby: {near})" if near else "")):
            continue
        used.update(hits)
        if want["severity"]:
            sev = issues[hits[0]].get("severity")
            c.check(f"finding {want['code']} severity", sev == want["severity"],
                    f"finding {want['code']} at {place}: severity expected {want['severity']}, got {sev}")
    extra = [f"{x.get('severity')} {x.get('code')} {x.get('sheet')}!{x.get('cell')}: {x.get('message', '')[:100]}"
             for i, x in enumerate(issues) if i not in used and x.get("severity") in ("error", "warning")
             and x.get("code") not in exp["tolerate"]]
    c.check("no-other-findings", not extra, f"no other errors or warnings: got {len(extra)}"
            + "".join(f"\n         {e}" for e in extra[:12]) + ("\n         ..." if len(extra) > 12 else ""))


def run_case(binary, folder, exp, verbose):
    name = exp.get("name", exp["file"])
    c = Case(name, verbose)
    out = os.path.join(folder, "out-" + name.replace(" ", "").replace("-", "_"))
    shutil.rmtree(out, ignore_errors=True)
    rc, stdout, stderr = run_build(binary, folder, exp, out)
    c.check("exit", rc in exp["exit"], f"exit code: expected {' or '.join(map(str, exp['exit']))}, got {rc}"
            + (f" (stderr: {stderr.strip()[:200]})" if rc not in exp["exit"] else ""))
    if exp["no_output"]:
        left = sorted(os.listdir(out)) if os.path.isdir(out) else []
        c.check("nothing-written", not left, f"nothing written in --out: got {left}")
        for s in exp["stderr_contains"]:
            c.check("stderr", s in stderr, f"stderr names {s!r}: got {stderr.strip()[:200]!r}")
        return c
    path = os.path.join(out, "summary.json")
    if not c.check("summary", os.path.exists(path), f"summary.json written: got none (stderr: {stderr.strip()[:200]})"):
        return c
    with open(path, encoding="utf-8") as f:
        summary = json.load(f)
    check_measures(c, summary, exp)
    check_plan(c, summary, exp)
    check_findings(c, summary.get("issues") or [], exp)
    return c


def table(cases):
    """One line per workbook: passed/failed, and the failing check kinds with counts."""
    lines = []
    for c in cases:
        bad = {}
        for kind, ok, _ in c.results:
            if not ok:
                bad[kind] = bad.get(kind, 0) + 1
        n_ok = sum(1 for r in c.results if r[1])
        kinds = ", ".join(f"{k} x{n}" if n > 1 else k for k, n in bad.items())
        lines.append(f"  {'PASS' if not bad else 'FAIL'} {c.name}: {n_ok}/{len(c.results)} checks"
                     + (f"; failing: {kinds}" if bad else ""))
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--group", required=True, choices=sorted(make_seedforms.GROUPS))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--report", help="write every check as JSON here")
    a = ap.parse_args()
    binary = os.path.abspath(a.boardpack)
    folder, expectations, problems = make_seedforms.generate(os.path.abspath(a.work), a.group)
    cases = [run_case(binary, folder, exp, a.verbose) for exp in expectations]
    print(f"seedforms.{a.group} ({binary}):")
    print("\n".join(table(cases)))
    for p in problems:
        print("  NOT RUN", p)
    if a.report:
        with open(a.report, "w", encoding="utf-8") as f:
            json.dump({c.name: [{"kind": k, "ok": ok, "detail": d} for k, ok, d in c.results] for c in cases},
                      f, indent=1)
    failed = sum(len(c.failed()) for c in cases)
    total = sum(len(c.results) for c in cases)
    print(f"seedforms.{a.group}: {total - failed} checks passed, {failed} failed")
    if failed:
        return 1
    return SKIPPED if problems else 0


if __name__ == "__main__":
    sys.exit(main())

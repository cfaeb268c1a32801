#!/usr/bin/python3
"""Check expected_changes.json against two real boardpack builds.

    ./build/src/boardpack build samples-september --out /tmp/sep --as-of 2026-10-24
    ./build/src/boardpack build samples --out /tmp/oct --as-of 2026-11-21
    /usr/bin/python3 samples-september/compare_packs.py /tmp/sep /tmp/oct

It derives the movements from the two summary.json files alone (plan.actions:
status, due; kpis.measures: rag, value, unit, polarity; kpis.period), compares
them with expected_changes.json (written by make_september.py from its own
data), prints the table for README.md and exits 1 on any difference.
"""

import datetime as dt
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RANK = {"blue": 3, "green": 2, "amber": 1, "red": 0}
RAG_RANK = {"green": 2, "amber": 1, "red": 0}


def natural(ref):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", ref)]


def movement(a, b, rank):
    if a == b:
        return "same"
    if a not in rank or b not in rank:
        return "unknown"
    return "better" if rank[b] > rank[a] else "worse"


def derive(sep, oct_):
    sa = {a["ref"]: a for a in sep["plan"]["actions"]}
    oa = {a["ref"]: a for a in oct_["plan"]["actions"]}
    actions = {}
    for ref in sorted(set(sa) & set(oa), key=natural):
        a0, a1 = sa[ref], oa[ref]
        d0 = a0.get("due") and dt.date.fromisoformat(a0["due"])
        d1 = a1.get("due") and dt.date.fromisoformat(a1["due"])
        actions[ref] = {"last_status": a0["status"], "status": a1["status"],
                        "movement": movement(a0["status"], a1["status"], RANK),
                        "last_due": a0.get("due"), "due": a1.get("due"),
                        "slipped_days": (d1 - d0).days if d0 and d1 else None}
    sm = {m["ref"]: m for m in sep["kpis"]["measures"]}
    om = {m["ref"]: m for m in oct_["kpis"]["measures"]}
    measures = {}
    for ref in [m["ref"] for m in oct_["kpis"]["measures"] if m["ref"] in sm]:
        m0, m1 = sm[ref], om[ref]
        v0, v1 = m0.get("value"), m1.get("value")
        if v0 is not None and v1 is not None and m0["unit"] == m1["unit"] and m1["polarity"] != "none":
            if round(v0, 9) == round(v1, 9):
                direction = "same"
            else:
                direction = "better" if (v1 > v0) == (m1["polarity"] == "higher") else "worse"
        elif m0["rag"] in RAG_RANK and m1["rag"] in RAG_RANK:
            direction = movement(m0["rag"], m1["rag"], RAG_RANK)
        else:
            direction = "unknown"
        measures[ref] = {"last_rag": m0["rag"], "rag": m1["rag"], "direction": direction,
                         "last_value": v0, "value": v1, "polarity": m1["polarity"]}
    return {
        "september": {"as_of": sep["report_date"], "kpi_period": sep["kpis"]["period"]},
        "october": {"as_of": oct_["report_date"], "kpi_period": oct_["kpis"]["period"]},
        "actions": actions,
        "new_actions": sorted(set(oa) - set(sa), key=natural),
        "removed_actions": sorted(set(sa) - set(oa), key=natural),
        "measures": measures,
    }


def table(got):
    print("| Ref | September status | September due | October status | October due | Movement | Due slipped (days) |")
    print("|---|---|---|---|---|---|---|")
    for ref, a in got["actions"].items():
        if a["movement"] == "same" and not a["slipped_days"]:
            continue
        print(f"| {ref} | {a['last_status']} | {a['last_due']} | {a['status']} | {a['due']} | "
              f"{a['movement']} | {a['slipped_days']} |")
    print()
    print("| Ref | September value | September RAG | October value | October RAG | Polarity | Direction |")
    print("|---|---|---|---|---|---|---|")
    for ref, m in got["measures"].items():
        fmt = (lambda v: f"{v * 100:.1f}%") if isinstance(m["value"], float) and m["value"] <= 1.0 else (lambda v: f"{v:g}")
        print(f"| {ref} | {fmt(m['last_value'])} | {m['last_rag']} | {fmt(m['value'])} | {m['rag']} | "
              f"{m['polarity']} | {m['direction']} |")


def main():
    sep_dir, oct_dir = sys.argv[1:3]
    load = lambda p: json.load(open(os.path.join(p, "summary.json")))  # noqa: E731
    got = derive(load(sep_dir), load(oct_dir))
    with open(os.path.join(HERE, "expected_changes.json")) as f:
        want = json.load(f)
    table(got)
    bad = []
    for key in ("september", "october", "new_actions", "removed_actions"):
        if got[key] != want[key]:
            bad.append((key, want[key], got[key]))
    for key in ("actions", "measures"):
        if set(got[key]) != set(want[key]):
            bad.append((key, sorted(want[key]), sorted(got[key])))
        for ref in set(got[key]) & set(want[key]):
            w, g = want[key][ref], got[key][ref]
            for field in w:
                same = (abs(w[field] - g[field]) < 1e-9
                        if isinstance(w[field], float) and isinstance(g[field], float)
                        else w[field] == g[field])
                if not same:
                    bad.append((f"{key}.{ref}.{field}", w[field], g[field]))
    for b in bad:
        print("DIFFERENCE", b, file=sys.stderr)
    print(f"\n{len(got['actions'])} actions and {len(got['measures'])} measures in both months; "
          f"{'all as expected' if not bad else str(len(bad)) + ' differences'}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

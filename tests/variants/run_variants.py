#!/usr/bin/python3
"""Generated variant workbooks through `boardpack build` / `validate --json`.

    /usr/bin/python3 run_variants.py --boardpack BIN --work DIR --group NAME [-v]

Groups (each one CTest test, see CMakeLists.txt):
  synonyms   every entry of every [plan.*] and [kpi.*] list of
             templates/vocabulary.txt as a header, and every status,
             rating, polarity, missing-value and ongoing word as a value
  layouts    header positions, two- and three-row merged headers, group
             rows (plan section, KPI group), section from the sheet name,
             XlsxWriter as well as openpyxl
  values     fill-colour statuses (RGB, indexed, theme+tint, pale fills),
             percentages in three forms, monthly trend headers, Target +
             Tolerance (SPEC 2.1 precision), Min > Upper, RAG boundaries
  findings   every code of docs/issue-codes.md at its file/sheet/cell,
             duplicates across files, overdue against --as-of, num/denom
  outputs    build --strict, stale outputs, an unreadable workbook among
             good ones, exit codes

Exit status 0 when every check passed, 1 otherwise.
"""

import argparse
import json
import time
import subprocess
import re
import datetime as dt
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_variants as mv  # noqa: E402
from make_variants import (JUNK_HEADERS, KPI_FIELDS, KPI_STD, MONTHS, PLAN_FIELDS, PLAN_STD,  # noqa: E402
                           kpi_measure, kpi_sheet, plan_action, plan_sheet)
from vlib import REPO  # noqa: E402
from vlib import VOCABULARY as VOCABULARY_FILE  # noqa: E402
from vlib import (C, PCT1, Boardpack, Checker, Sheet, actions_by, date, fresh_dir, issue_codes,  # noqa: E402
                  measures_by, normalize, pct, read_vocabulary, write)

AS_OF = "2026-11-21"


def L(col):
    return mv._L(col)


# =====================================================================================
# synonyms
# =====================================================================================

# Values that do not begin with a header word (a row of those could pass for a sub-header).
PLAN_VALUES = {"ref": "P-{i}", "section": "Sect {i} of the plan", "action": "Do the thing numbered {i}",
               "lead": "Officer {i}", "due": "2027-03-31", "status": "Amber",
               "progress": "Note {i} on how it went", "evidence": "Audit {i} shows it worked"}


def _entry_matches(entry, text):
    """boardpack's rule: entry words are the first words of the header (plural s allowed)."""
    e, w = normalize(entry).split(), normalize(text).split()
    if not e or len(e) > len(w):
        return False
    return all(a == b or (len(a) == len(b) + 1 and a.endswith("s") and a.startswith(b)) for a, b in zip(w, e))


def check_junk_headers(ck, vocab):
    ck.start("synonyms/junk")
    for j in JUNK_HEADERS:
        clash = [f"[{k}] {e}" for k, es in vocab.items() for e in es
                 if (k.startswith("plan.") or k.startswith("kpi.")) and _entry_matches(e, j)]
        ck.ok(not clash, f"filler header {j!r} matches no vocabulary entry ({clash})")


def gen_plan_synonyms(work, vocab):
    """One workbook per [plan.*] list; per entry a full table (sheet aNN) and a
    minimal one (bNN) where the header is recognised only if the entry counts."""
    cases = []
    for ln, lst in enumerate([k for k in vocab if k.startswith("plan.")], 1):
        field = lst.split(".", 1)[1]
        sheets = []
        for i, entry in enumerate(vocab[lst], 1):
            vals = {f: v.format(i=i) for f, v in PLAN_VALUES.items()}
            vals["ref"] = f"{ln}.{i}"
            a = dict(vals)
            sheets.append(plan_sheet(f"a{i:02d}", [a], headers={field: entry}, title_rows=["Improvement plan"], top=3))
            need = ["action", "status"]
            fields = need + ([field] if field not in need else [])
            nj = len(fields)
            b = dict(vals)
            b["ref"] = f"{ln}.b{i}"
            sh = plan_sheet(f"b{i:02d}", [b], headers={field: entry}, fields=fields)
            for k in range(nj):
                sh.put_row(1, [C(JUNK_HEADERS[k], bold=True)], col=len(fields) + 1 + k)
                sh.put_row(2, [f"x{k}"], col=len(fields) + 1 + k)
            sheets.append(sh)
            cases.append((lst, i, entry, field, vals, fields))
        write(os.path.join(work, f"syn-{lst}.xlsx"), sheets)
    return cases


def check_plan_synonyms(ck, bp, work, cases):
    files = sorted({f"syn-{c[0]}.xlsx" for c in cases})
    rc, s, out, err = bp.build(files, work, out="out-plan")
    ck.start("synonyms/plan")
    ck.ok(s is not None, f"build wrote summary.json (rc {rc}, {err.strip()[:200]})")
    if s is None:
        return
    by_place = {(a["source"]["file"], a["source"]["sheet"]): a for a in s["plan"]["actions"]}
    errors = [i for i in s["issues"] if i["severity"] == "error"]
    ck.eq([f"{i['code']} {i['file']}!{i['sheet']}!{i['cell']}" for i in errors], [], "no errors")
    for lst, i, entry, field, vals, fields in cases:
        b_ref = vals["ref"].replace(".", ".b")
        ck.start(f"synonyms/[{lst}] {entry!r}")
        f = f"syn-{lst}.xlsx"
        a = by_place.get((f, f"a{i:02d}"))
        if ck.ok(a is not None, "full table recognised (sheet a%02d)" % i):
            want = {"ref": vals["ref"], "section": vals["section"], "action": vals["action"], "lead": vals["lead"],
                    "due": vals["due"], "status": "amber", "progress": vals["progress"]}
            got = {k: a[k] for k in want}
            ck.eq(got, want, "every field in its place")
        b = by_place.get((f, f"b{i:02d}"))
        if ck.ok(b is not None, f"header {fields} + {len(fields)} filler columns recognised only through "
                                f"{entry!r} (sheet b{i:02d})"):
            if field in ("ref", "section", "action", "lead", "progress"):
                want = vals[field] if field != "ref" else b_ref
                ck.eq(b[field], want, f"{field} read from the {entry!r} column")
            elif field == "due":
                ck.eq(b["due"], vals["due"], "due read")
            elif field == "status":
                ck.eq(b["status"], "amber", "status read")


def kpi_rows(field_set):
    """Three measures exercising every KPI field; targets as Min/Upper or Target/Tolerance."""
    tt = "target" in field_set
    k1 = kpi_measure("K1", group="Grp", previous=pct(0.85), numerator=45, denominator=50, value=pct(0.9),
                     period_type="Snapshot", months=[pct(v) for v in (0.8, 0.82, 0.84, 0.86, 0.88, 0.9)],
                     polarity="Higher is better", rag="Amber", commentary="Audit planned for Q3")
    k2 = kpi_measure("K2", title="Percentage of re-referrals within 12 months", group="Grp", value=pct(0.07),
                     polarity="Lower is better", rag="Red", commentary="Audit of re-referrals booked",
                     months=[pct(v) for v in (0.09, 0.08, 0.08, 0.07, 0.07, 0.07)])
    k3 = kpi_measure("K3", title="Number of referrals", group="Grp", value=C(120, fmt="#,##0"),
                     polarity="Lower is better", months=[C(v, fmt="#,##0") for v in (110, 100, 130, 120, 125, 120)])
    if tt:
        k1.update(target=pct(0.95), tolerance=pct(0.10))
        k2.update(target=pct(0.05), tolerance=pct(0.05))
    else:
        k1.update(target_min=pct(0.85), target_upper=pct(0.95))
        k2.update(target_min=pct(0.10), target_upper=pct(0.05))
    return [k1, k2, k3]


def gen_kpi_synonyms(work, vocab):
    cases = []
    for ln, lst in enumerate([k for k in vocab if k.startswith("kpi.")], 1):
        field = lst.split(".", 1)[1]
        sheets = []
        for i, entry in enumerate(vocab[lst], 1):
            fields = list(KPI_FIELDS)
            if field in ("target", "tolerance"):
                fields[fields.index("target_min"):fields.index("target_upper") + 1] = ["target", "tolerance"]
            ms = kpi_rows(fields)
            for m in ms:
                m["ref"] = f"S{ln}.{i}-{m['ref']}"
            if field == "trend":
                sh = kpi_sheet(f"a{i:02d}", ms, fields=fields, trend_header=entry, top=2,
                               title_rows=["Highlight indicators"])
            else:
                sh = kpi_sheet(f"a{i:02d}", ms, headers={field: entry}, fields=fields, top=2,
                               title_rows=["Highlight indicators"])
            sheets.append(sh)
            need = ["ref", "title", "value"]
            bf = need + ([field] if field not in need else [])
            bm = kpi_rows(bf)[0]
            bm["ref"] = f"S{ln}.{i}-B"
            bm["rag"] = "Green"
            if field == "trend":
                bm.pop("trend", None)
            sb = kpi_sheet(f"b{i:02d}", [bm], headers={field: entry}, fields=bf)
            for k in range(len(bf)):
                sb.put_row(1, [C(JUNK_HEADERS[k], bold=True)], col=len(bf) + 1 + k)
                sb.put_row(2, [f"x{k}"], col=len(bf) + 1 + k)
            sheets.append(sb)
            cases.append((lst, i, entry, field, sh, bf))
        write(os.path.join(work, f"syn-{lst}.xlsx"), sheets)
    return cases


def check_kpi_synonyms(ck, bp, work, cases):
    files = sorted({f"syn-{c[0]}.xlsx" for c in cases})
    rc, s, out, err = bp.build(files, work, out="out-kpi")
    ck.start("synonyms/kpi")
    ck.ok(s is not None, f"build wrote summary.json (rc {rc}, {err.strip()[:200]})")
    if s is None:
        return
    errors = [i for i in s["issues"] if i["severity"] == "error"]
    ck.eq([f"{i['code']} {i['file']}!{i['sheet']}!{i['cell']}" for i in errors], [], "no errors")
    by_place = {}
    for m in s["kpis"]["measures"]:
        by_place.setdefault((m["source"]["file"], m["source"]["sheet"]), {})[m["ref"].split("-")[-1]] = m
    for lst, i, entry, field, sh, bf in cases:
        ck.start(f"synonyms/[{lst}] {entry!r}")
        f = f"syn-{lst}.xlsx"
        ms = by_place.get((f, f"a{i:02d}"), {})
        if not ck.eq(sorted(ms), ["K1", "K2", "K3"], "full table: three measures"):
            continue
        k1, k2, k3 = ms["K1"], ms["K2"], ms["K3"]
        ck.eq(k1["group"], "Grp", "group")
        ck.near(k1["value"], 0.9, "K1 value")
        ck.near(k1["previous"], 0.85, "K1 previous")
        ck.eq((k1["numerator"], k1["denominator"]), (45, 50), "K1 num/denom")
        ck.eq(k1["period_type"], "Snapshot", "K1 period type")
        ck.eq([p["label"] for p in k1["trend"]], MONTHS, "K1 trend labels")
        ck.near(k1["target_min"], 0.85, "K1 Min")
        ck.near(k1["target_upper"], 0.95, "K1 Upper")
        ck.eq((k1["polarity"], k1["rag"], k1["unit"]), ("higher", "amber", "percent"), "K1 polarity/rag/unit")
        ck.near(k2["target_min"], 0.10, "K2 Min")
        ck.near(k2["target_upper"], 0.05, "K2 Upper")
        ck.eq((k2["polarity"], k2["rag"]), ("lower", "amber"), "K2 polarity/rag (lower is better)")
        ck.eq((k3["polarity"], k3["rag"], k3["unit"]), ("lower", "none", "count"),
              "K3: polarity from the polarity column, no targets, a count")
        rag_col = sh.colmap["rag"]
        ck.issue(s["issues"], "rag-mismatch", file=f, sheet=f"a{i:02d}", cell=f"{L(rag_col)}{sh.rows_of[k2['ref']]}",
                 severity="warning")
        b = by_place.get((f, f"b{i:02d}"), {})
        ck.ok("B" in b, f"header {bf} + {len(bf)} filler columns recognised only through {entry!r} (sheet b{i:02d})")
        if "B" in b:
            m = b["B"]
            if field in ("numerator", "denominator"):
                ck.eq(m[field], 45 if field == "numerator" else 50, f"{field} read")
            elif field in ("previous", "target_min", "target_upper"):
                ck.near(m[field], {"previous": 0.85, "target_min": 0.85, "target_upper": 0.95}[field], f"{field} read")
            elif field == "period_type":
                ck.eq(m["period_type"], "Snapshot", "period type read")
            elif field == "group":
                ck.eq(m["group"], "Grp", "group read")
            elif field == "polarity":
                ck.eq(m["polarity"], "higher", "polarity read")
            elif field == "target":
                ck.near(m["target_upper"], 0.95, "target read")


def gen_words(work, vocab):
    """Status words, letters and phrases; rating, polarity, missing-value and ongoing words."""
    # -- plan statuses: every entry, plus case, punctuation and phrase forms
    colours = ["blue", "green", "amber", "red"]
    rows = []
    for colour in colours:
        for e in vocab[f"status.{colour}"]:
            rows.append((e, colour))
            if len(normalize(e)) > 1:
                rows.append((e.upper(), colour))
                rows.append((f"  {e.lower()}.", colour))
    phrases = [("Blue - completed", "blue"), ("Blue – completed", "blue"), ("Green – on track", "green"),
               ("Green: on track, first audit done", "green"), ("Amber – some progress but slippage", "amber"),
               ("Amber (some progress but slippage)", "amber"), ("Red – not progressed as planned", "red"),
               ("Red - not progressed", "red"), ("B", "blue"), ("g", "green"), ("A", "amber"), ("r", "red"),
               ("Complete.", "blue"), ("On track", "green")]
    rows += phrases
    bad = ["TBC", "A lot done", "G and A", "Purple", "50%", "R&D", "N/A", "Yes", "Amber-Green", "Red to Amber"]
    actions = [plan_action(f"W{k + 1}", status=st) for k, (st, _) in enumerate(rows)]
    actions += [plan_action(f"X{k + 1}", status=st) for k, st in enumerate(bad)]
    sh = plan_sheet("Statuses", actions)
    # -- KPI ratings: each entry typed where it agrees with the computed rating
    rating_cases = []
    ms = []
    value_for = {"green": 0.96, "amber": 0.90, "red": 0.80}
    for colour in ("green", "amber", "red"):
        for e in vocab.get(f"rating.{colour}", []):
            ref = f"R{len(ms) + 1}"
            ms.append(kpi_measure(ref, value=pct(value_for[colour]), target_min=pct(0.85), target_upper=pct(0.95),
                                  rag=e))
            rating_cases.append((ref, e, colour))
    for pol in ("higher", "lower"):
        for e in vocab.get(f"polarity.{pol}", []):
            ref = f"Q{len(ms) + 1}"
            ms.append(kpi_measure(ref, value=C(100, fmt="#,##0"), polarity=e))
            rating_cases.append((ref, e, pol))
    for e in vocab.get("value.missing", []):
        ref = f"N{len(ms) + 1}"
        ms.append(kpi_measure(ref, value=pct(0.9), numerator=e, denominator=e, target_min=pct(0.85),
                              target_upper=pct(0.95)))
        rating_cases.append((ref, e, "missing-num"))
    for e in vocab.get("value.missing", []):
        ref = f"V{len(ms) + 1}"
        ms.append(kpi_measure(ref, value=e))
        rating_cases.append((ref, e, "missing-value"))
    ksh = kpi_sheet("Ratings", ms)
    write(os.path.join(work, "words-kpi.xlsx"), ksh)
    # -- due.ongoing
    ong = [plan_action(f"O{k + 1}", due=e) for k, e in enumerate(vocab.get("due.ongoing", []))]
    osh = plan_sheet("Ongoing", ong)
    write(os.path.join(work, "words-plan.xlsx"), [sh, osh])
    return rows, bad, sh, rating_cases, ksh, ong, osh


def check_words(ck, bp, work, gen):
    rows, bad, sh, rating_cases, ksh, ong, osh = gen
    rc, s, out, err = bp.build(["words-plan.xlsx", "words-kpi.xlsx"], work, out="out-words")
    ck.start("words")
    if not ck.ok(s is not None, f"build wrote summary.json (rc {rc}, {err.strip()[:200]})"):
        return
    acts = actions_by(s)
    for k, (st, colour) in enumerate(rows):
        ck.start(f"words/status {st!r}")
        a = acts.get(f"W{k + 1}")
        if ck.ok(a is not None, "row kept"):
            ck.eq(a["status"], colour, "status")
    status_col = PLAN_FIELDS.index("status") + 1
    two_ratings = {"G and A", "Amber-Green", "Red to Amber"}  # name two ratings: ambiguous, never one of them
    for k, st in enumerate(bad):
        ck.start(f"words/not a status {st!r}")
        ref = f"X{k + 1}"
        ck.ok(ref not in acts, "row left out")
        ck.issue(s["issues"], "ambiguous-status" if st in two_ratings else "bad-status", file="words-plan.xlsx",
                 sheet="Statuses", cell=f"{L(status_col)}{sh.rows_of[ref]}", severity="error")
    ms = measures_by(s)
    rag_col, val_col, num_col = ksh.colmap["rag"], ksh.colmap["value"], ksh.colmap["numerator"]
    for ref, e, what in rating_cases:
        ck.start(f"words/{what} {e!r}")
        row = ksh.rows_of[ref]
        if what in ("green", "amber", "red"):
            m = ms.get(ref)
            if ck.ok(m is not None, "measure kept"):
                ck.eq(m["rag"], what, "computed rating")
            ck.no_issue(s["issues"], file="words-kpi.xlsx", sheet="Ratings", cell=f"{L(rag_col)}{row}",
                        what=f"RAG {e!r} read as {what}: no bad-rag / rag-mismatch")
        elif what in ("higher", "lower"):
            m = ms.get(ref)
            if ck.ok(m is not None, "measure kept"):
                ck.eq(m["polarity"], what, "polarity")
            ck.no_issue(s["issues"], code="bad-polarity", file="words-kpi.xlsx", sheet="Ratings")
        elif what == "missing-num":
            m = ms.get(ref)
            if ck.ok(m is not None, "measure kept"):
                ck.eq((m["numerator"], m["denominator"]), (None, None), "Num/Denom read as no value")
            ck.no_issue(s["issues"], file="words-kpi.xlsx", sheet="Ratings", cell=f"{L(num_col)}{row}")
        else:
            ck.ok(ref not in ms, "measure left out")
            ck.issue(s["issues"], "missing-value", file="words-kpi.xlsx", sheet="Ratings",
                     cell=f"{L(val_col)}{row}", severity="error")
    due_col = PLAN_FIELDS.index("due") + 1
    for k, a in enumerate(ong):
        ck.start(f"words/ongoing {a['due']!r}")
        got = acts.get(a["ref"])
        if ck.ok(got is not None, "row kept"):
            ck.eq(got["due"], None, "no single due date")
        ck.no_issue(s["issues"], file="words-plan.xlsx", sheet="Ongoing", cell=f"{L(due_col)}{osh.rows_of[a['ref']]}")


def check_custom_vocabulary(ck, bp, work):
    """SPEC 5: a council teaches boardpack its wording by editing the vocabulary file."""
    ck.start("synonyms/--vocabulary")
    with open(VOCABULARY_FILE, encoding="utf-8") as f:
        base = f.read()
    custom = base.replace("[plan.lead]\n", "[plan.lead]\nNamed officer in charge\n", 1)
    custom = custom.replace("[status.green]\n", "[status.green]\nProceeding nicely\n", 1)
    ck.ok(custom != base, "edited copy made")
    with open(os.path.join(work, "custom-vocabulary.txt"), "w", encoding="utf-8") as f:
        f.write(custom)
    with open(os.path.join(work, "broken-vocabulary.txt"), "w", encoding="utf-8") as f:
        f.write(base + "\n[plan.colour]\nColour\n")
    sh = plan_sheet("Plan", [plan_action("CV1", status="Proceeding nicely", lead="Head of Early Help")],
                    headers={"lead": "Named officer in charge"})
    write(os.path.join(work, "custom-words.xlsx"), sh)
    rc, s, out, err = bp.build(["custom-words.xlsx"], work, out="out-custom",
                               extra=["--vocabulary", "custom-vocabulary.txt"])
    a = actions_by(s).get("CV1")
    if ck.ok(a is not None, f"read with the edited vocabulary (rc {rc})"):
        ck.eq((a["lead"], a["status"]), ("Head of Early Help", "green"), "new header and new status word understood")
    rc, s, out, err = bp.build(["custom-words.xlsx"], work, out="out-builtin")
    ck.ok(s is not None and actions_by(s).get("CV1") is None, "the built-in vocabulary does not know them")
    rc, s, out, err = bp.build(["custom-words.xlsx"], work, out="out-broken",
                               extra=["--vocabulary", "broken-vocabulary.txt"])
    ck.eq(rc, 2, "a vocabulary with an unknown list: exit 2")
    ck.ok("plan.colour" in err and "line" in err, f"the error names the list and its line ({err.strip()[:160]})")
    ck.ok(not os.path.exists(os.path.join(work, "out-broken", "summary.json")), "nothing written")


def group_synonyms(ck, bp, work):
    check_custom_vocabulary(ck, bp, work)
    vocab = read_vocabulary()
    check_junk_headers(ck, vocab)
    pc = gen_plan_synonyms(work, vocab)
    kc = gen_kpi_synonyms(work, vocab)
    wg = gen_words(work, vocab)
    check_plan_synonyms(ck, bp, work, pc)
    check_kpi_synonyms(ck, bp, work, kc)
    check_words(ck, bp, work, wg)
    ck.start("synonyms")
    n_plan = sum(len(v) for k, v in vocab.items() if k.startswith("plan."))
    n_kpi = sum(len(v) for k, v in vocab.items() if k.startswith("kpi."))
    print(f"synonyms: {n_plan} plan and {n_kpi} KPI header entries, each in two tables")



# =====================================================================================
# layouts
# =====================================================================================

def _acts(prefix, n, statuses=("Blue", "Green", "Amber", "Red"), **kw):
    return [plan_action(f"{prefix}{k + 1}", status=statuses[k % len(statuses)], **kw) for k in range(n)]


def gen_layouts(work):
    cases = []   # (file, {ref: (section, status)}, kind)
    col = {f: k + 1 for k, f in enumerate(PLAN_FIELDS)}

    def expect(acts, section=None):
        return {a["ref"]: (section or a["section"], a["status"].lower()) for a in acts}

    # 1. header in row 1, XlsxWriter
    a = _acts("L1.", 4, section="Row one section")
    write(os.path.join(work, "row1-xlsxwriter.xlsx"), plan_sheet("Plan", a), engine="xlsxwriter")
    cases.append(("row1-xlsxwriter.xlsx", expect(a)))
    # 2. three title rows, header in row 5, openpyxl
    a = _acts("L2.", 4, section="Titled section")
    write(os.path.join(work, "title-rows.xlsx"),
          plan_sheet("Plan", a, top=5, title_rows=["Children's Services Improvement Plan 2026-27",
                                                   "Team: Front Door", "Updated: 31/10/2026"]))
    cases.append(("title-rows.xlsx", expect(a)))
    # 3. header in row 40 (notes above, blank rows between)
    a = _acts("L3.", 3, section="Deep section")
    sh = plan_sheet("Plan", a, top=40)
    sh.put_row(1, ["Improvement plan return"]).put_row(2, ["Please complete every row below the header."])
    for r in range(4, 12):
        sh.put_row(r, [f"Guidance note {r}: keep one action per row"])
    write(os.path.join(work, "header-row-40.xlsx"), sh)
    cases.append(("header-row-40.xlsx", expect(a)))
    # 3b. the same written by XlsxWriter
    write(os.path.join(work, "header-row-40-xw.xlsx"), plan_sheet("Plan", _acts("L3x.", 3, section="Deep xw"), top=40),
          engine="xlsxwriter")
    cases.append(("header-row-40-xw.xlsx", expect(_acts("L3x.", 3, section="Deep xw"))))
    # 4. two-row header, merged super-headers; "Action" on top is itself a synonym
    a = _acts("L4.", 4, section="Two row section")
    sh = plan_sheet("CSW plan", a, top=5, title_rows=["Children's Social Work", "Improvement plan"],
                    headers={"ref": "Ref", "section": "Priority", "action": "What we will do", "lead": "Lead",
                             "due": "By when", "status": "RAG", "progress": "Progress update",
                             "evidence": "Evidence of impact"})
    sh.put_row(4, [C("Action", bold=True), None, None, None, C("Delivery", bold=True), None,
                   C("Progress", bold=True)])
    sh.merge("A4:D4").merge("E4:F4").merge("G4:H4")
    write(os.path.join(work, "two-row-header.xlsx"), sh)
    cases.append(("two-row-header.xlsx", expect(a)))
    # 5. two-row header: Ref/Action merged down, status and due under a merged "Delivery"
    a = _acts("L5.", 4, section="Merged down")
    sh = Sheet("Plan")
    sh.put_row(1, ["Plan return"])
    sh.put_row(3, [C("Ref", bold=True), C("Section", bold=True), C("Action", bold=True), C("Delivery", bold=True),
                   None, None, C("Commentary", bold=True)])
    sh.put_row(4, [None, None, None, C("Lead officer", bold=True), C("Deadline", bold=True), C("RAG status", bold=True)])
    for m in ("A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:G4"):
        sh.merge(m)
    for k, x in enumerate(a):
        sh.put_row(5 + k, [x["ref"], x["section"], x["action"], x["lead"], date(x["due"]), x["status"], x["progress"]])
    write(os.path.join(work, "merged-down.xlsx"), sh)
    cases.append(("merged-down.xlsx", expect(a)))
    # 6. three-row header (banner, group header, sub-header) for a plan
    a = _acts("L6.", 3, section="Three rows")
    sh = Sheet("Plan")
    sh.put_row(1, [C("Action plan", bold=True), None, None, None, C("Monitoring", bold=True)])
    sh.put_row(2, [C("Ref", bold=True), C("Area", bold=True), C("Key action", bold=True), C("Owner", bold=True),
                   C("Delivery", bold=True)])
    sh.put_row(3, [None, None, None, None, C("Target date", bold=True), C("BRAG", bold=True), C("Latest update", bold=True)])
    for m in ("A1:D1", "E1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:G2"):
        sh.merge(m)
    for k, x in enumerate(a):
        sh.put_row(4 + k, [x["ref"], x["section"], x["action"], x["lead"], date(x["due"]), x["status"], x["progress"]])
    write(os.path.join(work, "three-row-header.xlsx"), sh)
    cases.append(("three-row-header.xlsx", expect(a)))
    # 7. section from group rows: bold+filled, plain, merged across
    fields = ["ref", "action", "lead", "due", "status", "progress"]
    g1, g2, g3 = _acts("QP1.", 3), _acts("CC2.", 2), _acts("PW5.", 2)
    sh = Sheet("Improvement Plan")
    sh.put_row(1, ["Improvement plan"])
    sh.put_row(4, [C(PLAN_STD[f], bold=True) for f in fields])
    r = 5
    sh.put_row(r, [C("Quality of Practice", bold=True, fill={"rgb": "FFD9E1F2"})]); r += 1
    for x in g1:
        sh.put_row(r, [plan_cellv(f, x) for f in fields]); r += 1
    sh.put_row(r, ["Capacity and capability of workforce"]); r += 1
    for x in g2:
        sh.put_row(r, [plan_cellv(f, x) for f in fields]); r += 1
    sh.put_row(r, ["Partnership working"]); sh.merge(f"A{r}:F{r}"); r += 1
    for x in g3:
        sh.put_row(r, [plan_cellv(f, x) for f in fields]); r += 1
    write(os.path.join(work, "group-rows.xlsx"), sh)
    exp = expect(g1, "Quality of Practice")
    exp.update(expect(g2, "Capacity and capability of workforce"))
    exp.update(expect(g3, "Partnership working"))
    cases.append(("group-rows.xlsx", exp))
    # 8. section from the sheet name (two sheets, title row, header in row 2)
    fields = ["ref", "action", "lead", "due", "status", "progress"]
    s1, s2 = _acts("QP1.1", 3), _acts("PW5.1", 2)
    write(os.path.join(work, "sheet-names.xlsx"),
          [plan_sheet("Quality of Practice", s1, fields=fields, top=2, title_rows=["Early Help"]),
           plan_sheet("Partnership working", s2, fields=fields, top=2, title_rows=["Early Help"])])
    exp = expect(s1, "Quality of Practice")
    exp.update(expect(s2, "Partnership working"))
    cases.append(("sheet-names.xlsx", exp))
    # 9. table starting in column C, a header repeated mid-table, blank rows
    a = _acts("L9.", 6, section="Offset")
    sh = Sheet("Plan")
    sh.put_row(2, ["Offset table"], col=3)
    sh.put_row(3, [C(PLAN_STD[f], bold=True) for f in PLAN_FIELDS], col=3)
    r = 4
    for k, x in enumerate(a):
        if k == 3:
            sh.put_row(r, [C(PLAN_STD[f], bold=True) for f in PLAN_FIELDS], col=3); r += 1
            r += 2   # blank rows
        sh.put_row(r, [plan_cellv(f, x) for f in PLAN_FIELDS], col=3); r += 1
    write(os.path.join(work, "offset-repeated-header.xlsx"), sh)
    cases.append(("offset-repeated-header.xlsx", expect(a)))

    # KPI layouts -----------------------------------------------------------------
    kcases = []
    # 10. seed 003's layout: banner row, three header rows, group rows with a grey fill
    path, exp = seed003_layout(work)
    kcases.append((path, exp))
    # 11. two-row header: "Current performance" over Num|Denom|Current, "Target" over Min|Upper, XlsxWriter
    path, exp = kpi_two_row(work, "kpi-two-row-xw.xlsx", "xlsxwriter", "X")
    kcases.append((path, exp))
    path, exp = kpi_two_row(work, "kpi-two-row.xlsx", "openpyxl", "O")
    kcases.append((path, exp))
    # 12. group from a Group column and from group rows (plain, merged)
    path, exp = kpi_groups(work)
    kcases.append((path, exp))
    # 13. a workbook with a plan sheet and a KPI sheet
    mixed_a = _acts("MX.", 2, section="Mixed")
    mixed_m = [kpi_measure("MX1", value=pct(0.9), target_min=pct(0.85), target_upper=pct(0.95))]
    write(os.path.join(work, "mixed.xlsx"), [plan_sheet("Plan", mixed_a), kpi_sheet("KPIs", mixed_m)])

    # 13b. the 1904 date system: due dates read as the same calendar dates
    a = _acts("L1904.", 3, section="Mac workbook")
    a[0]["due"], a[1]["due"], a[2]["due"] = "2026-11-20", "2027-03-31", "2026-12-31"
    write(os.path.join(work, "date1904.xlsx"), plan_sheet("Plan", a), epoch1904=True)
    cases.append(("date1904.xlsx", expect(a)))
    dues_1904 = {x["ref"]: x["due"] for x in a}

    # 14. a first data row whose cells begin with header words is data, not a sub-header
    sh = Sheet("Plan")
    sh.put_row(1, [C(h, bold=True) for h in ("Ref", "Action", "Status", "Update")])
    sh.put_row(2, ["1", "Action plan agreed with partners", "Green", "Update: signed off at board in October"])
    sh.put_row(3, ["2", "Recruit two senior practitioners", "Amber", "One post filled, one advert out"])
    write(os.path.join(work, "plan-first-row-header-words.xlsx"), sh)
    cases.append(("plan-first-row-header-words.xlsx", {"1": ("Plan", "green"), "2": ("Plan", "amber")}))
    # 15. a first KPI row of counts between 1990 and 2100 is data, not a row of year labels
    sh = Sheet("KPIs")
    sh.put_row(1, [C(h, bold=True) for h in ["Ref", "Measure", "Last year", "Current", "Period"] + MONTHS +
                   ["Min", "Upper"]])
    sh.put_row(2, ["FR1", "Number of contacts received", 2031, 2020, "Month", 1995, 2040, 2010, 2100, 2075, 2020])
    sh.put_row(3, ["FR2", "Number of referrals", 790, 812, "Month", 800, 790, 805, 811, 799, 812])
    sh.put_row(4, ["FR3", "% assessments completed in 45 days", pct(0.9), pct(0.937), "YTD"] +
               [pct(v) for v in (0.91, 0.92, 0.93, 0.93, 0.94, 0.937)] + [pct(0.9), pct(0.95)])
    write(os.path.join(work, "kpi-first-row-year-like.xlsx"), sh)
    kcases.append(("kpi-first-row-year-like.xlsx",
                   {"FR1": {"value": 2020.0, "previous": 2031.0, "unit": "count"},
                    "FR2": {"value": 812.0, "previous": 790.0,
                            "trend": [{"label": m, "value": v} for m, v in zip(MONTHS, [800, 790, 805, 811, 799, 812])]},
                    "FR3": {"value": 0.937, "rag": "amber"}}))

    return cases, kcases, dues_1904


def group_layouts(ck, bp, work):
    cases, kcases, dues_1904 = gen_layouts(work)
    files = [c[0] for c in cases] + [c[0] for c in kcases] + ["mixed.xlsx"]
    rc, s, out, err = bp.build(files, work)
    ck.start("layouts")
    if not ck.ok(s is not None, f"build wrote summary.json (rc {rc}, {err.strip()[:300]})"):
        return
    ck.eq(rc, 0, "exit code")
    ck.eq([f"{i['code']} {i['file']}!{i['sheet']}!{i['cell']}" for i in s["issues"] if i["severity"] == "error"], [],
          "no errors")
    acts = actions_by(s)
    kinds = {i["file"]: i["kind"] for i in s["inputs"]}
    for f, exp in cases:
        ck.start(f"layouts/{f}")
        ck.eq(kinds.get(f), "plan", "kind")
        got = {r: (acts[r]["section"], acts[r]["status"]) for r in exp if r in acts}
        ck.eq(got, exp, "every action with its section and status")
        ck.eq(sorted(a["ref"] for a in s["plan"]["actions"] if a["source"]["file"] == f), sorted(exp),
              "no other rows taken as actions")
    ms = measures_by(s)
    for f, exp in kcases:
        ck.start(f"layouts/{f}")
        ck.eq(kinds.get(f), "kpi", "kind")
        ck.eq(sorted(m["ref"] for m in s["kpis"]["measures"] if m["source"]["file"] == f), sorted(exp),
              "every measure, nothing else")
        for ref, want in exp.items():
            m = ms.get(ref)
            if not ck.ok(m is not None, f"measure {ref} read"):
                continue
            for k, v in want.items():
                if isinstance(v, float):
                    ck.near(m[k], v, f"{ref} {k}")
                else:
                    ck.eq(m[k], v, f"{ref} {k}")
    ck.start("layouts/date1904.xlsx")
    ck.eq({r: acts[r]["due"] for r in dues_1904 if r in acts}, dues_1904, "due dates in the 1904 date system")
    ck.start("layouts/mixed.xlsx")
    ck.eq(kinds.get("mixed.xlsx"), "mixed", "kind of a workbook with a plan and a KPI table")
    ck.ok("MX.1" in acts and "MX1" in ms, "both tables read")


def plan_cellv(f, a):
    return mv.plan_cell(f, a)


def seed003_layout(work):
    """Seed 003's exact header block: banner row 3, header rows 4-6, group rows, sparkline column."""
    sh = Sheet("Highlight Indicators")
    sh.put_row(1, [C("Children's Social Care Highlight Indicators", bold=True)])
    sh.put_row(2, ["Figures as at the end of October 2026"])
    sh.put_row(3, [C("Performance measure title and reference", bold=True), None,
                   C("Performance from previous financial year", bold=True),
                   C("Performance for current period (Oct 26)", bold=True)] + [None] * 9 +
               [C("Agreed targets (using corporate minimum/upper model)", bold=True), None,
                C("Trend line for last 6 months performance", bold=True)])
    sh.put_row(4, [C("Ref", bold=True), C("Performance Measure", bold=True), C("2025/26", bold=True),
                   C("Current Performance", bold=True)] + [None] * 9 + [C("Target", bold=True), None,
                                                                        C("Trend", bold=True)])
    sh.put_row(5, [None, None, None, C("Num", bold=True), C("Denom", bold=True), C("Current", bold=True),
                   C("Period", bold=True), C("Six Month Trend", bold=True)] + [None] * 5 +
               [C("Min", bold=True), C("Upper", bold=True)])
    sh.put_row(6, [None] * 7 + [C(m, bold=True) for m in MONTHS])
    for m in ("A3:B3", "D3:M3", "N3:O3", "A4:A6", "B4:B6", "C4:C6", "D4:M4", "N4:O4", "P4:P6", "H5:M5",
              "D5:D6", "E5:E6", "F5:F6", "G5:G6", "N5:N6", "O5:O6"):
        sh.merge(m)
    grey = {"rgb": "FFD9D9D9"}
    r = 7
    exp = {}

    def group(name):
        nonlocal r
        sh.put_row(r, [C(name, bold=True, fill=grey)] + [C(None, fill=grey)] * 15)
        r += 1

    def measure(ref, title, prev, num, den, cur, period, months, mn, up, fmt="0.0%", **want):
        nonlocal r
        f = (lambda v: v if isinstance(v, C) or v is None else C(v, fmt=fmt))
        sh.put_row(r, [ref, title, f(prev), C(num, fmt="#,##0") if isinstance(num, int) else num,
                       C(den, fmt="#,##0") if isinstance(den, int) else den, f(cur), period] +
                   [f(v) for v in months] + [f(mn), f(up)])
        exp[ref] = want
        r += 1

    group("Management Oversight")
    measure("1.1", "% cases with Management Oversight recorded in past 8 weeks", 0.90, 1958, 2165, 0.904, "Snapshot",
            [0.895, 0.876, 0.929, 0.909, 0.929, 0.904], 0.90, 0.95, group="Management Oversight", value=0.904,
            rag="amber", previous=0.90, target_min=0.90, target_upper=0.95, numerator=1958, denominator=2165,
            period_type="Snapshot", trend=[{"label": m, "value": v} for m, v in
                                           zip(MONTHS, [0.895, 0.876, 0.929, 0.909, 0.929, 0.904])])
    group("Cohorts")
    measure("1.2", "Number of children in need", None, "n/a", "n/a", C(790, fmt="#,##0"), "Snapshot",
            [780, 785, 801, 795, 792, 790], None, None, fmt="#,##0", group="Cohorts", value=790.0, rag="none",
            unit="count", polarity="none")
    group("Visits")
    measure("5.10", "% of visits overdue", 0.10, 47, 402, 0.117, "Snapshot", [0.09, 0.1, 0.11, 0.12, 0.12, 0.117],
            0.10, 0.05, group="Visits", rag="red", polarity="lower", value=0.117)
    measure("3.3", "% of child protection visits in timescale", 0.82, 70, 90, 0.778, "Snapshot",
            [0.8, 0.81, 0.79, 0.78, 0.77, 0.778], 0.85, 0.90, group="Visits", rag="red", value=0.778)
    write(os.path.join(work, "kpi-seed003-layout.xlsx"), sh)
    return "kpi-seed003-layout.xlsx", exp


def kpi_two_row(work, name, engine, pre):
    sh = Sheet("KPIs")
    sh.put_row(1, ["Performance scorecard"])
    sh.put_row(3, [C("KPI ref", bold=True), C("Indicator", bold=True), C("Last year", bold=True),
                   C("Current performance", bold=True), None, None, C("Target", bold=True), None,
                   C("RAG", bold=True)])
    sh.put_row(4, [None, None, None, C("Numerator", bold=True), C("Denominator", bold=True), C("Actual", bold=True),
                   C("Min", bold=True), C("Upper", bold=True)])
    for m in ("A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:H3", "I3:I4"):
        sh.merge(m)
    p = lambda v: C(v, fmt="0.0%")  # noqa: E731
    sh.put_row(5, [pre + "2.1", "% assessments completed within 45 days", p(0.91), 937, 1000, p(0.937), p(0.9), p(0.95),
                   "Amber"])
    sh.put_row(6, [pre + "4.8", "% reviews in timescale", p(0.97), 955, 1000, p(0.955), p(0.965), p(0.985), "Red"])
    write(os.path.join(work, name), sh, engine=engine)
    return name, {pre + "2.1": {"value": 0.937, "numerator": 937, "denominator": 1000, "previous": 0.91, "rag": "amber",
                          "target_min": 0.9, "target_upper": 0.95},
                  pre + "4.8": {"value": 0.955, "rag": "red", "target_min": 0.965, "target_upper": 0.985}}


def kpi_groups(work):
    sh = kpi_sheet("Groups", [kpi_measure("G1", group="Front door / assessment", value=pct(0.9)),
                              kpi_measure("G2", group="Plans", value=pct(0.8))],
                   fields=["group", "ref", "title", "value"])
    sh2 = Sheet("Rows")
    sh2.put_row(1, [C(h, bold=True) for h in ("Ref", "Measure", "Current", "Min", "Upper")])
    sh2.put_row(2, ["Front door / assessment"])
    sh2.put_row(3, ["G3", "% contacts screened in 24 hours", pct(0.97), pct(0.9), pct(0.95)])
    sh2.put_row(4, [C("Plans", fill={"rgb": "FFD9D9D9"})])
    sh2.merge("A4:E4")
    sh2.put_row(5, ["G4", "% plans reviewed", pct(0.85), pct(0.9), pct(0.95)])
    write(os.path.join(work, "kpi-groups.xlsx"), [sh, sh2])
    return "kpi-groups.xlsx", {"G1": {"group": "Front door / assessment"}, "G2": {"group": "Plans"},
                               "G3": {"group": "Front door / assessment", "rag": "green"},
                               "G4": {"group": "Plans", "rag": "red"}}


# =====================================================================================
# values
# =====================================================================================

# (fill, status a person sees or None for "not a status")
FILL_CASES = [
    ({"rgb": "FF0070C0"}, "blue"), ({"rgb": "FF00B050"}, "green"), ({"rgb": "FFFFC000"}, "amber"),
    ({"rgb": "FFFF0000"}, "red"), ({"rgb": "FF92D050"}, "green"), ({"rgb": "FFFFFF00"}, "amber"),
    ({"rgb": "FFC00000"}, "red"), ({"rgb": "FF00B0F0"}, "blue"),
    ({"rgb": "FFC6EFCE"}, "green"), ({"rgb": "FFFFC7CE"}, "red"), ({"rgb": "FFFFEB9C"}, "amber"),
    ({"indexed": 10}, "red"), ({"indexed": 11}, "green"), ({"indexed": 12}, "blue"), ({"indexed": 13}, "amber"),
    ({"indexed": 17}, "green"), ({"indexed": 51}, "amber"), ({"indexed": 52}, "amber"), ({"indexed": 30}, "blue"),
    ({"theme": 4, "tint": -0.25}, "blue"), ({"theme": 6, "tint": -0.25}, "green"), ({"theme": 9, "tint": 0.0}, "amber"),
    ({"theme": 5, "tint": -0.25}, "red"), ({"theme": 6, "tint": 0.4}, "green"), ({"theme": 5, "tint": 0.0}, "red"),
    ({"theme": 4, "tint": -0.5}, "blue"),
    # pale, header-like, grey, white: not statuses
    ({"rgb": "FFD9E1F2"}, None), ({"rgb": "FFDCE6F1"}, None), ({"rgb": "FFF2F2F2"}, None), ({"rgb": "FFFFFFFF"}, None),
    ({"rgb": "FF808080"}, None), ({"theme": 4, "tint": 0.7999816888943144}, None), ({"theme": 0, "tint": -0.15}, None),
    ({"indexed": 22}, None), ({"indexed": 9}, None),
]


def describe_fill(f):
    if "rgb" in f:
        return "rgb " + f["rgb"]
    if "indexed" in f:
        return f"indexed {f['indexed']}"
    return f"theme {f['theme']} tint {f.get('tint', 0)}"


def gen_fills(work):
    acts = []
    for k, (fill, colour) in enumerate(FILL_CASES):
        acts.append(plan_action(f"F{k + 1}", status=C(None, fill=fill)))
    acts.append(plan_action("FW1", status=C("Green", fill={"rgb": "FFFF0000"})))   # the word wins over the fill
    sh = plan_sheet("Fills", acts)
    write(os.path.join(work, "fills.xlsx"), sh)
    rgb = [(f, c) for f, c in FILL_CASES if "rgb" in f]
    acts2 = [plan_action(f"FX{k + 1}", status=C(None, fill=f)) for k, (f, c) in enumerate(rgb)]
    sh2 = plan_sheet("Fills", acts2)
    write(os.path.join(work, "fills-xlsxwriter.xlsx"), sh2, engine="xlsxwriter")
    return [("fills.xlsx", sh, [(f"F{k + 1}", f, c) for k, (f, c) in enumerate(FILL_CASES)]),
            ("fills-xlsxwriter.xlsx", sh2, [(f"FX{k + 1}", f, c) for k, (f, c) in enumerate(rgb)])]


def check_fills(ck, bp, work, gen):
    rc, s, out, err = bp.build([g[0] for g in gen], work, out="out-fills")
    ck.start("values/fills")
    if not ck.ok(s is not None, f"summary.json written (rc {rc})"):
        return
    acts = actions_by(s)
    sc = PLAN_FIELDS.index("status") + 1
    for f, sh, cases in gen:
        for ref, fill, colour in cases:
            ck.start(f"values/fill {describe_fill(fill)} ({f})")
            cell = f"{L(sc)}{sh.rows_of[ref]}"
            if colour:
                a = acts.get(ref)
                if ck.ok(a is not None, f"row kept ({cell})"):
                    ck.eq(a["status"], colour, "status from the fill")
                ck.issue(s["issues"], "status-from-colour", file=f, sheet="Fills", cell=cell, severity="info",
                         contains=colour)
            else:
                ck.ok(ref not in acts, "a pale/grey/white fill is not a status: row left out")
                ck.issue(s["issues"], "missing-status", file=f, sheet="Fills", cell=cell, severity="error")
                ck.no_issue(s["issues"], code="status-from-colour", file=f, sheet="Fills", cell=cell)
    ck.start("values/fill with a word")
    a = acts.get("FW1")
    if ck.ok(a is not None, "row kept"):
        ck.eq(a["status"], "green", "the typed word wins over a red fill")
    ck.no_issue(s["issues"], code="status-from-colour", file="fills.xlsx", sheet="Fills",
                cell=f"{L(sc)}{gen[0][1].rows_of['FW1']}")


def kpi_book(work, name, sheets, engine="openpyxl"):
    write(os.path.join(work, name), sheets, engine=engine)
    return name


def gen_percent(work):
    """The three forms of 90.4%, alone and mixed, with targets in the same or another form."""
    sh = kpi_sheet("Forms", [
        kpi_measure("PF1", value=pct(0.904), target_min=pct(0.90), target_upper=pct(0.95)),
        kpi_measure("PF2", value=pct(0.9, "0%"), target_min=pct(0.9, "0%"), target_upper=pct(0.95, "0%")),
        kpi_measure("PF3", value="90.4%", target_min="90%", target_upper="95%"),
        kpi_measure("PF4", value=" 90.4 % ", target_min=pct(0.90), target_upper=pct(0.95)),
        kpi_measure("PF5", value="90.4%", target_min=pct(0.90), target_upper=pct(0.95)),
        kpi_measure("PF6", value=pct(0.904), target_min="90%", target_upper="95%"),
    ], fields=["ref", "title", "value", "target_min", "target_upper"])
    sh2 = kpi_sheet("Hundred", [
        kpi_measure("PH1", value=90.4, target_min=90, target_upper=95, previous=89.5,
                    months=[89.5, 90.1, 90.4, 91.0, 90.0, 90.4]),
        kpi_measure("PH2", value="90.4%", target_min=90, target_upper=95, previous="89.5%"),
        kpi_measure("PH3", value=pct(0.904), target_min=pct(0.9), target_upper=pct(0.95), previous=pct(0.895)),
        kpi_measure("PH4", value="90.4", target_min="90", target_upper="95"),
        kpi_measure("PH5", value=90.1, target_min=90, target_upper=95),
        kpi_measure("PH6", value="94.4%", target_min=90, target_upper=95),
    ], headers={"value": "Actual (%)", "target_min": "Min %", "target_upper": "Upper %", "previous": "Last year (%)"},
        fields=["ref", "title", "previous", "value", "months", "target_min", "target_upper"])
    name = kpi_book(work, "percent-forms.xlsx", [sh, sh2])
    exp = {"PF1": (0.904, "amber"), "PF2": (0.9, "amber"), "PF3": (0.904, "amber"), "PF4": (0.904, "amber"),
           "PF5": (0.904, "amber"), "PF6": (0.904, "amber"), "PH1": (0.904, "amber"), "PH2": (0.904, "amber"),
           "PH3": (0.904, "amber"), "PH4": (0.904, "amber")}
    return name, exp


def check_percent(ck, bp, work, gen):
    name, exp = gen
    rc, s, out, err = bp.build([name], work, out="out-pct")
    ck.start("values/percent")
    if not ck.ok(s is not None, f"summary.json written (rc {rc})"):
        return
    ck.eq([f"{i['code']} {i['cell']}" for i in s["issues"] if i["severity"] != "info"], [], "no errors or warnings")
    ms = measures_by(s)
    for ref, (v, rag) in exp.items():
        ck.start(f"values/percent {ref}")
        m = ms.get(ref)
        if not ck.ok(m is not None, "read"):
            continue
        ck.near(m["value"], v, "value as a fraction", tol=1e-12)
        ck.eq((m["unit"], m["rag"]), ("percent", rag), "unit and rating")
        ck.near(m["target_min"], 0.90, "Min", tol=1e-12)
        ck.near(m["target_upper"], 0.95, "Upper", tol=1e-12)
    m = ms.get("PH1")
    if m:
        ck.start("values/percent PH1 follow-on columns")
        ck.near(m["previous"], 0.895, "previous year follows the value's form", tol=1e-12)
        ck.eq([round(p["value"], 9) for p in m["trend"]], [0.895, 0.901, 0.904, 0.91, 0.9, 0.904],
              "months follow the value's form")
    for ref in ("PH2", "PH3"):
        if ref in ms:
            ck.near(ms[ref]["previous"], 0.895, f"{ref} previous", tol=1e-12)
    if m:
        # 90.1 under a "%" header is 0.901 in summary.json, not 0.9009999999999999 (SPEC 1.2, 3.3)
        ck.start("values/percent exact")
        ck.eq([p["value"] for p in m["trend"]], [0.895, 0.901, 0.904, 0.91, 0.9, 0.904],
              "PH1 months in summary.json at the data's precision")
    for ref, want in (("PH5", 0.901), ("PH6", 0.944)):
        if ref in ms:
            ck.eq(ms[ref]["value"], want, f"{ref} value in summary.json is exactly {want}")
    # SPEC 1.2: "all normalise to the fraction 0.904" - summary.json should say 0.904, not 0.9040000000000001
    ck.start("values/percent exact")
    for ref, (v, rag) in exp.items():
        if ref in ms:
            ck.eq(ms[ref]["value"], v, f"{ref} value in summary.json is exactly {v}")


TREND_VARIANTS = [
    ("dates-mmm-yy", [date(f"2026-{m:02d}-01", "mmm yy") for m in range(5, 11)], "Oct 26"),
    ("dates-month-end", [C(dt.datetime(2023, m, [31, 30, 31, 30, 31, 31][m - 3]), fmt="mmm-yy") for m in range(3, 9)],
     "Aug 23"),
    ("dates-ddmmyyyy", [date(f"2026-{m:02d}-01") for m in range(5, 11)], "Oct 26"),
    ("labels-Mar-23", ["Mar 23", "Apr 23", "May 23", "Jun 23", "Jul 23", "Aug 23"], "Aug 23"),
    ("labels-full", ["March 2023", "April 2023", "May 2023", "June 2023", "July 2023", "August 2023"], "Aug 23"),
    ("labels-dash", ["Mar-23", "Apr-23", "May-23", "Jun-23", "Jul-23", "Aug-23"], "Aug 23"),
    ("labels-year-end", ["Nov 25", "Dec 25", "Jan 26", "Feb 26", "Mar 26", "Apr 26"], "Apr 26"),
    ("labels-sept", ["Jun 23", "Jul 23", "Aug 23", "Sept 23", "Oct 23", "Nov 23"], "Nov 23"),
]


def trend_labels(period, n=6):
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    mon, yy = period.split()
    k = names.index(mon)
    y = int(yy)
    out = []
    for _ in range(n):
        out.append(f"{names[k]} {y:02d}")
        k -= 1
        if k < 0:
            k, y = 11, y - 1
    return out[::-1]


def gen_trends(work):
    out = []
    for name, months, period in TREND_VARIANTS:
        vals = [0.81, 0.82, 0.83, 0.84, 0.85, 0.86]
        sh = kpi_sheet("Trend", [kpi_measure("T1", value=pct(0.86), months=[pct(v) for v in vals],
                                             target_min=pct(0.85), target_upper=pct(0.9))],
                       fields=["ref", "title", "value", "months", "target_min", "target_upper"],
                       months=[m if isinstance(m, C) else C(m, bold=True) for m in months])
        f = kpi_book(work, f"trend-{name}.xlsx", sh)
        out.append((f, trend_labels(period), period, vals))
        # the same under a merged "Six month trend" super-header
        sh2 = kpi_sheet("Trend", [kpi_measure("T1", value=pct(0.86), months=[pct(v) for v in vals],
                                              target_min=pct(0.85), target_upper=pct(0.9))],
                        fields=["ref", "title", "value", "months", "target_min", "target_upper"],
                        months=[m if isinstance(m, C) else C(m, bold=True) for m in months], trend_header="Six month trend",
                        top=3, title_rows=["Scorecard"])
        f2 = kpi_book(work, f"trend-{name}-two-row.xlsx", sh2)
        out.append((f2, trend_labels(period), period, vals))
    return out


def check_trends(ck, bp, work, gen):
    for f, labels, period, vals in gen:
        ck.start(f"values/trend {f}")
        rc, s, out, err = bp.build([f], work, out="out-" + f)
        if not ck.ok(s is not None, f"summary.json written (rc {rc})"):
            continue
        m = measures_by(s).get("T1")
        if not ck.ok(m is not None, "measure read"):
            continue
        ck.eq([p["label"] for p in m["trend"]], labels, "month labels")
        ck.eq([round(p["value"], 9) if p["value"] is not None else None for p in m["trend"]], vals, "monthly values")
        ck.eq(s["kpis"]["period"], period, "period = latest month")
        ck.near(m["value"], 0.86, "value not taken from a month column")


def gen_targets(work):
    """SPEC 2.1 rules at every boundary, Min/Upper and Target/Tolerance, three number forms."""
    mu = ["ref", "title", "value", "target_min", "target_upper", "polarity"]
    tt = ["ref", "title", "value", "target", "tolerance", "polarity"]
    p = pct
    cases = []   # (ref, min, upper, polarity, rag)

    def add(ms, ref, rag, mn, up, pol, **kw):
        ms.append(kpi_measure(ref, **kw))
        cases.append((ref, mn, up, pol, rag))

    mu_ms = []
    # higher is better, Min 90% Upper 95%
    for ref, v, rag in [("H1", 0.96, "green"), ("H2", 0.95, "green"), ("H3", 0.9499, "amber"), ("H4", 0.90, "amber"),
                        ("H5", 0.8999, "red"), ("H6", 0.5, "red")]:
        add(mu_ms, ref, rag, 0.90, 0.95, "higher", value=p(v), target_min=p(0.90), target_upper=p(0.95))
    # lower is better from Min > Upper (seed 003 5.10: Min 10%, Upper 5%)
    for ref, v, rag in [("LB1", 0.04, "green"), ("LB2", 0.05, "green"), ("LB3", 0.0501, "amber"), ("LB4", 0.10, "amber"),
                        ("LB5", 0.117, "red"), ("LB6", 0.1001, "red")]:
        add(mu_ms, ref, rag, 0.10, 0.05, "lower", value=p(v), target_min=p(0.10), target_upper=p(0.05))
    # a polarity column agreeing with the targets; a count with Min > Upper (caseload)
    add(mu_ms, "PC1", "amber", 0.10, 0.05, "lower", value=p(0.07), target_min=p(0.10), target_upper=p(0.05),
        polarity="Lower is better")
    add(mu_ms, "CL1", "amber", 22, 18, "lower", title="Average social worker caseload", value=20, target_min=22,
        target_upper=18)
    add(mu_ms, "CL2", "green", 22, 18, "lower", title="Average social worker caseload", value=18, target_min=22,
        target_upper=18)
    add(mu_ms, "CL3", "red", 22, 18, "lower", title="Average social worker caseload", value=22.5, target_min=22,
        target_upper=18)
    # floating-point traps in Min/Upper given as text and as % numbers
    add(mu_ms, "FP1", "amber", 0.7, 0.8, "higher", value="70.0%", target_min="70%", target_upper="80%")
    add(mu_ms, "FP2", "green", 0.3, 0.6, "higher", value=p(0.6), target_min="30%", target_upper="60%")
    sh_mu = kpi_sheet("MinUpper", mu_ms, fields=mu)

    tt_ms = []
    # SPEC 2.1 precision: Target 80%, Tolerance 10%, value 70.0% is amber, not red - in all three forms
    add(tt_ms, "TP1", "amber", 0.7, 0.8, "higher", value=p(0.7), target=p(0.8), tolerance=p(0.1))
    add(tt_ms, "TP2", "amber", 0.7, 0.8, "higher", value="70.0%", target="80%", tolerance="10%")
    add(tt_ms, "TP3", "red", 0.7, 0.8, "higher", value=p(0.699), target=p(0.8), tolerance=p(0.1))
    add(tt_ms, "TP4", "green", 0.7, 0.8, "higher", value=p(0.8), target=p(0.8), tolerance=p(0.1))
    add(tt_ms, "TP5", "amber", 0.2, 0.3, "higher", value=p(0.2), target=p(0.3), tolerance=p(0.1))
    add(tt_ms, "TP6", "amber", 0.6, 0.7, "higher", value=p(0.6), target=p(0.7), tolerance=p(0.1))
    # mirrored for lower is better: Upper = Target, Min = Target + Tolerance (0.1 + 0.2 = 0.30000000000000004)
    add(tt_ms, "TL1", "amber", 0.3, 0.1, "lower", value=p(0.3), target=p(0.1), tolerance=p(0.2),
        polarity="Lower is better")
    add(tt_ms, "TL2", "green", 0.3, 0.1, "lower", value=p(0.1), target=p(0.1), tolerance=p(0.2),
        polarity="Lower is better")
    add(tt_ms, "TL3", "red", 0.3, 0.1, "lower", value=p(0.3001), target=p(0.1), tolerance=p(0.2),
        polarity="Lower is better")
    # a single Target and no Tolerance: Min = Upper = Target
    add(tt_ms, "TS1", "green", 0.9, 0.9, "higher", value=p(0.9), target=p(0.9))
    add(tt_ms, "TS2", "red", 0.9, 0.9, "higher", value=p(0.899), target=p(0.9))
    # no targets at all: an activity measure
    add(tt_ms, "NT1", "none", None, None, "none", title="Number of contacts", value=C(2450, fmt="#,##0"))
    sh_tt = kpi_sheet("TargetTolerance", tt_ms, fields=tt)

    hund = []
    # the same precision case as numbers under "%" headers (80 - 10 = 70; 98.5 - 2 = 96.5)
    add(hund, "TH1", "amber", 0.7, 0.8, "higher", value=70, target=80, tolerance=10)
    add(hund, "TH2", "amber", 0.965, 0.985, "higher", value=96.5, target=98.5, tolerance=2)
    add(hund, "TH3", "red", 0.965, 0.985, "higher", value=95.5, target=98.5, tolerance=2)
    add(hund, "TH4", "amber", 0.85, 0.9, "higher", value="87.0%", target=90, tolerance=5)
    add(hund, "TH5", "amber", 0.65, 0.75, "higher", value=65.0, target=75, tolerance=10)
    sh_h = kpi_sheet("Hundred", hund, fields=["ref", "title", "value", "target", "tolerance"],
                     headers={"value": "Actual (%)", "target": "Target (%)", "tolerance": "Tolerance (%)"})
    name = kpi_book(work, "targets.xlsx", [sh_mu, sh_tt, sh_h])
    return name, cases


def check_targets(ck, bp, work, gen):
    name, cases = gen
    rc, s, out, err = bp.build([name], work, out="out-targets")
    ck.start("values/targets")
    if not ck.ok(s is not None, f"summary.json written (rc {rc})"):
        return
    # Red measures here have no commentary column: that finding is asserted in group_findings.
    ck.eq([f"{i['code']} {i['sheet']}!{i['cell']}" for i in s["issues"]
           if i["severity"] != "info" and i["code"] != "missing-commentary"], [], "no errors or warnings")
    ms = measures_by(s)
    for ref, mn, up, pol, rag in cases:
        ck.start(f"values/targets {ref}")
        m = ms.get(ref)
        if not ck.ok(m is not None, "read"):
            continue
        ck.eq((m["rag"], m["polarity"]), (rag, pol), "rating and polarity")
        if mn is None:
            ck.eq((m["target_min"], m["target_upper"]), (None, None), "no targets")
        else:
            # compared at the data's precision: 0.8 - 0.1 must be 0.7, not 0.7000000000000001
            ck.eq((m["target_min"], m["target_upper"]), (mn, up), "Min and Upper at the data's precision")


def gen_years(work):
    """Year-labelled outturn columns: of two, the latest is the value and the earlier the previous."""
    sh = kpi_sheet("Years", [kpi_measure("Y1", previous=pct(0.88), value=pct(0.91), target_min=pct(0.9),
                                         target_upper=pct(0.95))],
                   fields=["ref", "title", "previous", "value", "target_min", "target_upper"],
                   headers={"previous": "2024/25", "value": "2025/26"})
    sh2 = kpi_sheet("YearAndCurrent", [kpi_measure("Y2", previous=pct(0.88), value=pct(0.91))],
                    fields=["ref", "title", "previous", "value"], headers={"previous": "2025/26", "value": "Current"})
    sh3 = kpi_sheet("NumericYears", [kpi_measure("Y3", previous=pct(0.88), value=pct(0.91))],
                    fields=["ref", "title", "previous", "value"], headers={"previous": C(2025), "value": C(2026)})
    return kpi_book(work, "years.xlsx", [sh, sh2, sh3])


def check_years(ck, bp, work, name):
    rc, s, out, err = bp.build([name], work, out="out-years")
    ms = measures_by(s)
    for ref in ("Y1", "Y2", "Y3"):
        ck.start(f"values/years {ref}")
        m = ms.get(ref)
        if ck.ok(m is not None, "read"):
            ck.near(m["value"], 0.91, "value: the latest year (or Current)")
            ck.near(m["previous"], 0.88, "previous: the earlier year")


def group_values(ck, bp, work):
    check_fills(ck, bp, work, gen_fills(work))
    check_percent(ck, bp, work, gen_percent(work))
    check_trends(ck, bp, work, gen_trends(work))
    check_targets(ck, bp, work, gen_targets(work))
    check_years(ck, bp, work, gen_years(work))

# =====================================================================================
# findings
# =====================================================================================

def patch_part(path, old, new):
    """Replace bytes `old` by `new` in whichever part of the workbook holds them (writers cannot write bad UTF-8)."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i)) for i in z.infolist()]
    assert any(old in data for _, data in parts), f"{old!r} not in {path}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info, data.replace(old, new))


def gen_findings(work):
    """Workbooks triggering every finding code; returns [(code, severity, file, sheet, cell, contains)]."""
    exp = []
    pc = {f: k + 1 for k, f in enumerate(PLAN_FIELDS)}

    def pcell(sh, ref, field):
        return f"{L(pc[field])}{sh.rows_of[ref]}"

    # ---- plan-errors.xlsx: row-level plan findings -------------------------------
    acts = [
        plan_action("E1"),
        plan_action("E2", action=""),
        plan_action("E3", status=""),
        plan_action("E4", status="TBC"),
        plan_action("E5", due="end of March"),
        plan_action("E6", due=C(45)),
        plan_action("E7", lead=""),
        plan_action("E8", due=""),
        plan_action("E9", due="2026-11-20", status="Amber"),
        plan_action("E10", due="2026-11-21", status="Amber"),
        plan_action("E11", due="2026-01-31", status="Blue"),
        plan_action("E12", due="Ongoing", status="Red"),
        plan_action("E13", status='=IF(1>0,"Green","Red")'),
        plan_action("E14", due=C("=DATE(2027,3,31)", fmt="dd/mm/yyyy")),
        plan_action("E15", status=C(None, fill={"rgb": "FFFF0000"})),
        plan_action("E16", due="2025-12-31", status="Red"),
        plan_action("E17", due=C(True)),
        plan_action("E18", due="31/10/2026", status="Amber"),
        plan_action("E19", due="Oct 2026", status="Green"),
        plan_action("E20", due="30 Nov 2026", status="Green"),
        plan_action("E21", due="21st November 2026", status="Red"),
        plan_action("E22", due="20/11/26", status="Red"),
        # narrative owed: red with no progress, overdue amber with none; a green one owes nothing
        plan_action("E23", status="Red", progress=""),
        plan_action("E24", due="2026-10-01", status="Amber", progress=""),
        plan_action("E25", status="Green", progress=""),
        plan_action("E26", status="Red/Amber"),
        plan_action("E27", status="Green: on track, first audit done"),
    ]
    sh = plan_sheet("Plan", acts, top=3)
    sh.put("A1", "Actions in this return:").put("C1", "=COUNTA(C4:C40)")
    write(os.path.join(work, "plan-errors.xlsx"), sh)
    f = "plan-errors.xlsx"
    exp += [
        ("formula-no-value", "warning", f, "Plan", "C1", "COUNTA"),
        ("missing-action", "error", f, "Plan", pcell(sh, "E2", "action"), "E2"),
        ("missing-status", "error", f, "Plan", pcell(sh, "E3", "status"), "E3"),
        ("bad-status", "error", f, "Plan", pcell(sh, "E4", "status"), ["action E4: ", "TBC"]),
        ("bad-date", "error", f, "Plan", pcell(sh, "E5", "due"), ["action E5: ", "end of March"]),
        ("bad-date", "error", f, "Plan", pcell(sh, "E6", "due"), None),
        ("bad-date", "error", f, "Plan", pcell(sh, "E17", "due"), None),
        ("missing-lead", "warning", f, "Plan", pcell(sh, "E7", "lead"), "E7"),
        ("missing-due-date", "warning", f, "Plan", pcell(sh, "E8", "due"), "E8"),
        ("overdue", "warning", f, "Plan", pcell(sh, "E9", "due"), "E9"),
        ("overdue", "warning", f, "Plan", pcell(sh, "E16", "due"), "E16"),
        ("overdue", "warning", f, "Plan", pcell(sh, "E18", "due"), ["E18", "31/10/2026"]),
        ("overdue", "warning", f, "Plan", pcell(sh, "E19", "due"), ["E19", "31/10/2026"]),
        ("overdue", "warning", f, "Plan", pcell(sh, "E22", "due"), ["E22", "20/11/2026"]),
        ("formula-no-value", "error", f, "Plan", pcell(sh, "E13", "status"), None),
        ("formula-no-value", "warning", f, "Plan", pcell(sh, "E14", "due"), None),
        ("status-from-colour", "info", f, "Plan", pcell(sh, "E15", "status"), "red"),
        ("missing-commentary", "warning", f, "Plan", pcell(sh, "E23", "progress"), ["E23", "red"]),
        ("overdue", "warning", f, "Plan", pcell(sh, "E24", "due"), "E24"),
        ("missing-commentary", "warning", f, "Plan", pcell(sh, "E24", "progress"), ["E24", "amber and overdue"]),
        ("ambiguous-status", "error", f, "Plan", pcell(sh, "E26", "status"), ["action E26: ", "Red/Amber", "Red and Amber"]),
    ]
    absent = [("overdue", f, "Plan", pcell(sh, r, "due")) for r in ("E10", "E11", "E12", "E20", "E21")]
    absent += [("bad-date", f, "Plan", pcell(sh, r, "due")) for r in ("E18", "E19", "E20", "E21", "E22")]
    absent += [("missing-due-date", f, "Plan", pcell(sh, "E12", "due"))]
    absent += [("missing-commentary", f, "Plan", pcell(sh, r, "progress")) for r in ("E12", "E16", "E25")]
    absent += [("ambiguous-status", f, "Plan", pcell(sh, "E27", "status"))]
    kept = {"E18", "E19", "E20", "E21", "E22", "E1", "E7", "E8", "E9", "E10", "E11", "E12", "E14", "E15", "E16",
            "E23", "E24", "E25", "E27"}
    dropped = {"E2", "E3", "E4", "E5", "E6", "E13", "E17", "E26"}

    # ---- no Lead and no Due date columns ------------------------------------------
    sh = plan_sheet("Plan", [plan_action("NL1")], fields=["ref", "action", "status", "progress"])
    write(os.path.join(work, "plan-no-lead-due.xlsx"), sh)
    exp += [("missing-lead", "warning", "plan-no-lead-due.xlsx", "Plan", "B2", "column"),
            ("missing-due-date", "warning", "plan-no-lead-due.xlsx", "Plan", "B2", "column")]
    kept.add("NL1")

    # ---- a table with a required column missing; no table at all -------------------
    write(os.path.join(work, "plan-missing-column.xlsx"),
          plan_sheet("Plan", [plan_action("MC1")], fields=["ref", "action", "lead", "due", "progress"]))
    exp.append(("missing-column", "error", "plan-missing-column.xlsx", "Plan", None, "no Status column"))
    write(os.path.join(work, "kpi-missing-column.xlsx"),
          kpi_sheet("KPIs", [kpi_measure("MV1", target_min=pct(0.9), target_upper=pct(0.95), rag="Green")],
                    fields=["ref", "title", "target_min", "target_upper", "rag"]))
    exp.append(("missing-column", "error", "kpi-missing-column.xlsx", "KPIs", None, ["Minimum target", "no Current value column"]))
    write(os.path.join(work, "no-table.xlsx"),
          Sheet("Notes", [["Dear performance team,"], ["Please find our update attached."], [None],
                          ["Regards", "Front Door"]]))
    exp.append(("no-table", "error", "no-table.xlsx", "", "", None))

    # ---- unreadable files ---------------------------------------------------------
    with open(os.path.join(work, "not-a-workbook.xlsx"), "w") as fh:
        fh.write("Ref,Action,Status\nQP1.1,Do it,Green\n")
    open(os.path.join(work, "empty.xlsx"), "wb").close()
    with open(os.path.join(work, "plan-errors.xlsx"), "rb") as fh:
        data = fh.read()
    with open(os.path.join(work, "truncated.xlsx"), "wb") as fh:
        fh.write(data[: len(data) // 2])
    exp += [("unreadable-file", "error", "not-a-workbook.xlsx", "", "", ".xlsx"),
            ("unreadable-file", "error", "empty.xlsx", "", "", "empty"),
            ("unreadable-file", "error", "truncated.xlsx", "", "", None)]

    # ---- kpi-errors.xlsx: row-level KPI findings -------------------------------------
    fields = ["ref", "group", "title", "numerator", "denominator", "value", "period_type", "months", "target_min",
              "target_upper", "polarity", "rag"]
    base = dict(value=pct(0.92), target_min=pct(0.9), target_upper=pct(0.95), months=[pct(0.9)] * 6)
    def km(ref, **kw):  # noqa: E306
        d = dict(base)
        d.update(kw)
        return kpi_measure(ref, **d)
    ms = [
        km("K0"),
        km("", title="Measure with no reference"),
        km("K2", title=""),
        km("K3", value=None),
        km("K4", value="#N/A"),
        km("K5", value="about 90"),
        km("K6", value=pct(1.2)),
        km("K7", value=C(90.4, fmt="0.0%")),
        km("K8", numerator=60, denominator=50, value=pct(0.92)),
        km("K9", numerator=45, denominator=51, value=pct(0.9)),
        km("K10", numerator=1958, denominator=2165, value=pct(0.904)),
        km("K11", polarity="Higher is better", target_min=pct(0.10), target_upper=pct(0.05), value=pct(0.07)),
        km("K12", polarity="Sideways"),
        km("K13", rag="Purple"),
        km("K14", rag="Green", value=pct(0.5)),
        km("K15", numerator=45, denominator=50, value="=D18/E18"),
        km("K16", months=[pct(0.9)] * 5 + ["#DIV/0!"]),
        km("K17", value=pct(-0.05)),
        km("K18", numerator=45, denominator=50, value=pct(0.95)),
        km("K19", numerator="1,958", denominator="2,165", value="90.4%"),
        # 93.5 typed without its % sign beside targets formatted as percentages: not green, not guessed
        km("K20", value=C(93.5)),
    ]
    sh = kpi_sheet("KPIs", ms, fields=fields, top=2, title_rows=["Scorecard"])
    write(os.path.join(work, "kpi-errors.xlsx"), sh)
    cm = sh.colmap
    rows = sh.rows_of

    def kc(ref, field):
        c = cm[field] if field != "month6" else cm["months"][1]
        return f"{L(c)}{rows[ref]}"
    f = "kpi-errors.xlsx"
    rows["K1"] = rows.pop("#1") if "#1" in rows else rows.get("K1")
    exp += [
        ("missing-ref", "error", f, "KPIs", f"{L(cm['ref'])}{rows['K1']}", "no reference"),
        ("missing-title", "error", f, "KPIs", kc("K2", "title"), "K2"),
        ("missing-value", "error", f, "KPIs", kc("K3", "value"), "K3"),
        ("bad-number", "error", f, "KPIs", kc("K4", "value"), None),
        ("bad-number", "error", f, "KPIs", kc("K5", "value"), "about 90"),
        ("scale-mismatch", "error", f, "KPIs", kc("K6", "value"), "outside 0-100%"),
        ("scale-mismatch", "error", f, "KPIs", kc("K7", "value"), "outside 0-100%"),
        ("scale-mismatch", "error", f, "KPIs", kc("K17", "value"), "outside 0-100%"),
        ("scale-mismatch", "error", f, "KPIs", kc("K20", "value"), "rated green"),
        ("numerator-exceeds-denominator", "error", f, "KPIs", kc("K8", "numerator"), "K8"),
        ("value-mismatch", "warning", f, "KPIs", kc("K18", "value"), "K18"),
        # 45/51 is 88.2%, the value says 90.0%: beyond rounding of a value shown to 0.1%
        ("value-mismatch", "warning", f, "KPIs", kc("K9", "value"), "K9"),
        ("polarity-conflict", "error", f, "KPIs", kc("K11", "polarity"), "K11"),
        ("bad-polarity", "warning", f, "KPIs", kc("K12", "polarity"), "Sideways"),
        ("bad-rag", "warning", f, "KPIs", kc("K13", "rag"), "Purple"),
        ("rag-mismatch", "warning", f, "KPIs", kc("K14", "rag"), "K14"),
        # red, and the table has no commentary column: asked for at the value
        ("missing-commentary", "warning", f, "KPIs", kc("K14", "value"), ["K14", "Commentary column"]),
        ("formula-no-value", "warning", f, "KPIs", kc("K15", "value"), None),
        ("bad-number", "error", f, "KPIs", kc("K16", "month6"), None),
    ]
    absent += [("value-mismatch", f, "KPIs", kc("K10", "value")),
               ("value-mismatch", f, "KPIs", kc("K19", "value")),
               ("missing-value", f, "KPIs", kc("K15", "value"))]
    kept |= {"K0", "K9", "K18", "K19", "K10", "K12", "K13", "K14", "K15"}
    dropped |= {"K2", "K3", "K4", "K5", "K6", "K7", "K8", "K11", "K16", "K17", "K20"}

    # ---- headings that would need a guess: two columns for one year; two status columns ----
    write(os.path.join(work, "kpi-two-columns-one-year.xlsx"),
          Sheet("KPIs", [["Ref", "Measure", "Outturn 2012-13", "2012/13", "Target"],
                         ["PY1", "Percentage of plans reviewed", pct(0.8), pct(0.7), pct(0.9)]]))
    exp.append(("ambiguous-period", "error", "kpi-two-columns-one-year.xlsx", "KPIs", "D1", "2012-13"))
    dropped.add("PY1")
    write(os.path.join(work, "plan-two-status-columns.xlsx"),
          Sheet("Plan", [["Ref", "Action", "Lead", "Due date", "Status", "RAG", "Progress"],
                         ["TS1", "Recruit two social workers", "Head of Service", date("2027-03-31"), "Green", "Green",
                          "Interviews held in October"]]))
    exp.append(("ambiguous-column", "warning", "plan-two-status-columns.xlsx", "Plan", "F1", "status"))
    kept.add("TS1")
    # A Target beside the minimum / upper pair: used as the upper level, named as unused, or not guessed.
    write(os.path.join(work, "kpi-three-targets.xlsx"),
          Sheet("KPIs", [["Ref", "Measure", "Current", "Minimum", "Target", "Upper target"],
                         ["TT1", "Number of visits", 85, 80, 88, 90]]))
    exp.append(("target-unused", "info", "kpi-three-targets.xlsx", "KPIs", "E1", "Upper target"))
    kept.add("TT1")
    write(os.path.join(work, "kpi-two-targets.xlsx"),
          Sheet("KPIs", [["Ref", "Measure", "Current", "Target", "Stretch target"],
                         ["TT2", "Number of visits", 85, 80, 90]]))
    exp.append(("ambiguous-column", "warning", "kpi-two-targets.xlsx", "KPIs", "D1", "neither is a minimum"))
    kept.add("TT2")

    # ---- a second KPI workbook reporting another month ------------------------------
    write(os.path.join(work, "kpi-period-sep.xlsx"),
          kpi_sheet("KPIs", [kpi_measure("PS1", value=pct(0.9), months=[pct(0.9)] * 6)],
                    fields=["ref", "title", "value", "months"],
                    months=["Apr 26", "May 26", "Jun 26", "Jul 26", "Aug 26", "Sep 26"]))
    exp.append(("period-mismatch", "warning", "kpi-period-sep.xlsx", None, None, ["Sep 26", "Oct 26"]))
    kept.add("PS1")

    # ---- duplicates across files -----------------------------------------------------
    d_same = plan_action("DUP1", section="Partnership working")
    d_conf_a = plan_action("DUP2", section="Partnership working", status="Green")
    d_conf_b = plan_action("DUP2", section="Partnership working", status="Red")
    d_case = plan_action("PW5.3", section="Partnership working")
    d_case_b = dict(d_case, ref="pw5.3 ")
    sa = plan_sheet("Plan", [plan_action("DA1", section="Partnership working"), d_same, d_conf_a, d_case])
    sb = plan_sheet("Actions", [d_conf_b, plan_action("DB1", section="Partnership working"), d_same, d_case_b],
                    top=3, title_rows=["Team B"])
    write(os.path.join(work, "dup-a.xlsx"), sa)
    write(os.path.join(work, "dup-b.xlsx"), sb)
    ka = kpi_sheet("KPIs", [kpi_measure("DK1", value=pct(0.9)), kpi_measure("DK2", value=pct(0.9))],
                   fields=["ref", "title", "value"])
    kb = kpi_sheet("KPIs", [kpi_measure("DK2", value=pct(0.8)), kpi_measure("DK1", value=pct(0.9))],
                   fields=["ref", "title", "value"])
    write(os.path.join(work, "dup-kpi-a.xlsx"), ka)
    write(os.path.join(work, "dup-kpi-b.xlsx"), kb)
    rc_ = PLAN_FIELDS.index("ref") + 1
    exp += [
        ("duplicate-merged", "info", "dup-b.xlsx", "Actions", f"{L(rc_)}{sb.rows_of['DUP1']}",
         ["DUP1", "dup-a.xlsx", f"row {sa.rows_of['DUP1']}"]),
        ("duplicate-merged", "info", "dup-b.xlsx", "Actions", f"{L(rc_)}{sb.rows_of['pw5.3 ']}", ["dup-a.xlsx"]),
        ("duplicate-conflict", "error", "dup-a.xlsx", "Plan", f"A{sa.rows_of['DUP2']}",
         ["DUP2", "dup-b.xlsx", "Actions", f"row {sb.rows_of['DUP2']}"]),
        ("duplicate-conflict", "error", "dup-b.xlsx", "Actions", f"A{sb.rows_of['DUP2']}",
         ["DUP2", "dup-a.xlsx", "Plan", f"row {sa.rows_of['DUP2']}"]),
        ("duplicate-merged", "info", "dup-kpi-b.xlsx", "KPIs", f"A{kb.rows_of['DK1']}", ["DK1", "dup-kpi-a.xlsx"]),
        ("duplicate-conflict", "error", "dup-kpi-a.xlsx", "KPIs", f"A{ka.rows_of['DK2']}", ["DK2", "dup-kpi-b.xlsx"]),
        ("duplicate-conflict", "error", "dup-kpi-b.xlsx", "KPIs", f"A{kb.rows_of['DK2']}", ["DK2", "dup-kpi-a.xlsx"]),
    ]
    # ---- column mappings: a heading boardpack does not know; two headings for the value ----
    write(os.path.join(work, "kpi-this-year.xlsx"),
          Sheet("KPIs", [["Ref", "Measure", "This year", "Last year", "Target"],
                         ["TY1", "Percentage of plans reviewed", pct(0.92), pct(0.85), pct(0.9)]]))
    write(os.path.join(work, "kpi-two-values.xlsx"),
          Sheet("KPIs", [["Ref", "Measure", "Actual", "Value", "Target"],
                         ["TV1", "Percentage of visits on time", pct(0.5), pct(0.95), pct(0.9)]]))
    exp += [("mapping-applied", "info", "kpi-this-year.xlsx", "KPIs", "A1", "this-year.ini"),
            ("mapping-applied", "info", "kpi-two-values.xlsx", "KPIs", "A1", "two-values.ini"),
            ("mapping-unused", "warning", "kpi-two-values.xlsx", "KPIs", "A1", ["two-values.ini", "comments"])]
    absent += [("ambiguous-column", "kpi-two-values.xlsx", "KPIs", "D1"),
               ("missing-column", "kpi-this-year.xlsx", "KPIs", None)]
    kept |= {"TY1", "TV1"}
    # ---- text that is not UTF-8: a CESU-8 surrogate patched into the shared strings ----
    bt = plan_sheet("Plan", [plan_action("BT1", section="Text checks", action="Visit families MARK weekly")])
    write(os.path.join(work, "plan-bad-text.xlsx"), bt)
    patch_part(os.path.join(work, "plan-bad-text.xlsx"), b"MARK", b"\xED\xA0\x80")
    exp.append(("invalid-text", "info", "plan-bad-text.xlsx", "Plan", pcell(bt, "BT1", "action"), "not valid text"))
    kept.add("BT1")

    # ---- personal data in progress and evidence text; job titles, refs and figures are not -----
    pd = plan_sheet("Plan", [
        plan_action("PD1", section="Text checks", progress="Mrs Patel's son was seen at home"),
        plan_action("PD2", section="Text checks", evidence="NHS number 943 476 5919 checked"),
        plan_action("PD3", section="Text checks", progress="Head of Service and Team Manager Smith met the family; "
                    "1,958 contacts, 90.4% on time, next review 31/10/2026 (QP1.12, 4.7.2)")])
    write(os.path.join(work, "plan-personal.xlsx"), pd)
    exp += [("personal-data", "warning", "plan-personal.xlsx", "Plan", pcell(pd, "PD1", "progress"),
             ["action PD1", "a person's name (M** P****)"]),
            ("personal-data", "warning", "plan-personal.xlsx", "Plan", pcell(pd, "PD2", "evidence"),
             ["action PD2", "an NHS number (943 *** ****)"])]
    absent += [("personal-data", "plan-personal.xlsx", "Plan", pcell(pd, "PD3", "progress")),
               ("personal-data", "plan-personal.xlsx", "Plan", pcell(pd, "PD1", "action"))]
    kept |= {"PD1", "PD2", "PD3"}

    # ---- a sheet listed without a part (r:id="", as Excel 4 macro sheets are) ------------
    sk = plan_sheet("Plan", [plan_action("SK1", section="Text checks")])
    write(os.path.join(work, "plan-macro-sheet.xlsx"), sk)
    patch_part(os.path.join(work, "plan-macro-sheet.xlsx"), b"</sheets>",
               b'<sheet name="Macro1" sheetId="99" state="hidden" r:id=""/></sheets>')
    exp.append(("sheet-skipped", "warning", "plan-macro-sheet.xlsx", "Macro1", "", "skipped"))
    kept.add("SK1")

    files = ["plan-errors.xlsx", "plan-no-lead-due.xlsx", "plan-missing-column.xlsx", "kpi-missing-column.xlsx",
             "no-table.xlsx", "not-a-workbook.xlsx", "empty.xlsx", "truncated.xlsx", "kpi-errors.xlsx",
             "kpi-period-sep.xlsx", "dup-a.xlsx", "dup-b.xlsx", "dup-kpi-a.xlsx", "dup-kpi-b.xlsx",
             "kpi-two-columns-one-year.xlsx", "plan-two-status-columns.xlsx", "kpi-three-targets.xlsx", "kpi-two-targets.xlsx",
             "kpi-this-year.xlsx", "kpi-two-values.xlsx",
             "plan-bad-text.xlsx", "plan-macro-sheet.xlsx", "plan-personal.xlsx"]
    return files, exp, absent, kept, dropped


def write_mappings(ck, bp, work):
    """Without mappings the two workbooks are misread; then mappings in work/templates/mappings
    (read by default from the folder boardpack runs in) correct them: one by file name, one by
    the fingerprint that --explain and summary.json show."""
    ck.start("mappings/misread without a mapping")
    rc, j, err = bp.validate(["kpi-this-year.xlsx"], work)
    ck.eq(rc, 2, "no table: exit 2")
    near = (j or {"inputs": [{}]})["inputs"][0].get("nearest_miss", "")
    ck.ok("no value" in near, f"validate --json names the nearest miss: {near!r}")
    rc, out, err = bp.run(["validate", "kpi-this-year.xlsx"], work)
    ck.ok(rc == 2 and "no value" in err, f"and without --json, one line on stderr says so: {err.strip()[:200]}")
    rc, j, err = bp.validate(["kpi-two-values.xlsx"], work)
    if not ck.ok(j is not None, f"validate --json output (rc {rc}, {err[:200]})"):
        return
    ck.ok(any(i["code"] == "ambiguous-column" and i["cell"] == "D1" for i in j["issues"]), "two value headings: ambiguous-column at D1")
    tables = j["inputs"][0]["tables"]
    if not ck.ok(len(tables) == 1, "the table is listed with its reading"):
        return
    ck.eq([(c["cell"], c["header"], c["field"]) for c in tables[0]["columns"]],
          [("A1", "Ref", "ref"), ("B1", "Measure", "title"), ("C1", "Actual", None), ("D1", "Value", None),
           ("E1", "Target", "target")], "summary of the reading: cell, header, field")
    fingerprint = tables[0]["fingerprint"]
    folder = os.path.join(work, "templates", "mappings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "this-year.ini"), "w") as f:
        f.write("[match]\nfiles = kpi-this-year.xlsx\nkind = kpi\n[columns]\nThis year = value  # the current year\n")
    with open(os.path.join(folder, "two-values.ini"), "w") as f:
        f.write(f"[match]\nfingerprint = {fingerprint}\n[columns]\nValue = value\nActual = ignore\nComments = commentary\n")
    rc, out, err = bp.run(["validate", "kpi-this-year.xlsx", "--explain", "--as-of", "2026-11-21"], work)
    ck.ok("read with the column mapping templates/mappings/this-year.ini" in out, "--explain names the mapping")
    ck.ok(re.search(r"C1\s+This year\s+value", out) is not None, "--explain shows This year read as the value")
    # A bad mapping stops the run with its line number, before anything is read.
    bad = os.path.join(work, "bad-mapping")
    os.makedirs(bad, exist_ok=True)
    with open(os.path.join(bad, "bad.ini"), "w") as f:
        f.write("[match]\nsheet = KPIs\n[columns]\nThis year = current value\n")
    rc, out, err = bp.run(["validate", "kpi-this-year.xlsx", "--mappings", bad], work)
    ck.eq(rc, 2, "a bad mapping is a usage error")
    ck.ok("bad.ini" in err and "line 4" in err, f"the error names the file and line: {err.strip()[:200]}")


def check_mapped_measures(ck, s):
    ck.start("mappings/applied")
    ms = measures_by(s)
    for ref, value, previous in (("TY1", 0.92, 0.85), ("TV1", 0.95, None)):
        m = ms.get(ref)
        if ck.ok(m is not None, f"{ref} kept"):
            ck.eq((m["value"], m["previous"], m["rag"]), (value, previous, "green"), f"{ref} value, previous, rating")
    tables = {i["file"]: i["tables"] for i in s["inputs"]}
    ck.eq([t.get("mapping") for t in tables.get("kpi-two-values.xlsx", [])], ["templates/mappings/two-values.ini"],
          "summary.json names the mapping applied")


def tracker_findings(ck, bp, work):
    """The submission tracker's codes (docs/submission-tracker.md), each at its place: a return late
    by --received, a plan where the list expects KPIs, a return not sent, a workbook not listed."""
    ck.start("findings/returns list")
    with open(os.path.join(work, "returns.ini"), "w", encoding="utf-8") as f:
        f.write("[return]\nteam = Leads\nfiles = plan-no-lead-due*.xlsx\nkind = plan\ndue = 2026-11-13\n\n"
                "[return]\nteam = Error team\nfiles = PLAN-ERRORS.xlsx\nkind = kpi\ndue = 2026-12-31\n\n"
                "[return]\nteam = Absent\nfiles = absent-*.xlsx\nkind = kpi\ndue = 2026-11-13\n")
    rc, s, out, err = bp.build(["plan-no-lead-due.xlsx", "plan-errors.xlsx", "kpi-errors.xlsx"], work, out="out-tracker",
                               as_of=AS_OF, extra=["--returns-list", "returns.ini",
                                                   "--received", "plan-no-lead-due.xlsx=2026-11-16"])
    if not ck.ok(s is not None, f"build with a returns list wrote summary.json (rc {rc}, {err.strip()[:300]})"):
        return
    issues = s["issues"]
    ck.issue(issues, "return-late", file="plan-no-lead-due.xlsx", sheet="", cell="", severity="info",
             contains=["received on 16/11/2026 (--received)", "3 days after it was due on 13/11/2026"])
    ck.issue(issues, "return-wrong-kind", file="plan-errors.xlsx", sheet="", cell="", severity="warning",
             contains="holds an improvement plan, but the returns list expects Error team's KPI return")
    ck.issue(issues, "return-missing", file="returns.ini", sheet="", cell="", severity="warning",
             contains="line 13: Absent's KPI return was due on 13/11/2026")
    ck.issue(issues, "return-unexpected", file="kpi-errors.xlsx", sheet="", cell="", severity="info")
    ck.eq([e["state"] for e in s["returns"]["entries"]], ["late", "received", "missing", "unexpected"],
          "returns: the states in the list's order, then the unexpected workbook")


def group_findings(ck, bp, work):
    files, exp, absent, kept, dropped = gen_findings(work)
    write_mappings(ck, bp, work)
    rc, s, out, err = bp.build(files, work, as_of=AS_OF)
    ck.start("findings")
    if not ck.ok(s is not None, f"build wrote summary.json (rc {rc}, {err.strip()[:300]})"):
        return
    ck.eq(rc, 1, "exit code 1: built, errors found")
    issues = s["issues"]
    for code, sev, f, sheet, cell, contains in exp:
        ck.start(f"findings/{code} {f}!{sheet}!{cell}")
        ck.issue(issues, code, file=f, sheet=sheet, cell=cell, severity=sev, contains=contains)
    for code, f, sheet, cell in absent:
        ck.start(f"findings/no {code} {f}!{sheet}!{cell}")
        ck.no_issue(issues, code=code, file=f, sheet=sheet, cell=cell)
    # A team lead reads the message (the web page, the checked copy): no repository paths, commands
    # or options there; what only the officer can do is in the hint.
    ck.start("findings/team words")
    officer = re.compile(r"docs/|templates/|`boardpack|boardpack template|--[a-z]|column mapping|fingerprint")
    leaks = [f"{i['code']} {i['file']}!{i['cell']}: {i['message'][:90]}" for i in issues
             if i["code"] not in ("unreadable-file", "mapping-applied", "mapping-unused") and officer.search(i["message"])]
    ck.eq(leaks, [], "no finding's message names a path, command, option or column mapping")
    ck.ok(all("hint" in i for i in issues), "every finding has a hint field in summary.json")
    for f, kind in (("plan-missing-column.xlsx", "plan"), ("kpi-missing-column.xlsx", "KPI")):
        mc = [i for i in issues if i["code"] == "missing-column" and i["file"] == f]
        ck.ok(mc and f"blank {kind} template" in mc[0]["message"] and "column mapping for layout" in mc[0]["hint"],
              f"{f}: the message points to the blank template, the hint to a column mapping ({mc[:1]})")
    check_mapped_measures(ck, s)
    ck.start("findings/consolidation")
    refs = [a["ref"] for a in s["plan"]["actions"]] + [m["ref"] for m in s["kpis"]["measures"]]
    for r in sorted(kept):
        ck.ok(r in refs, f"{r} (warnings only) kept in the pack")
    for r in sorted(dropped):
        ck.ok(r not in refs, f"{r} (an error) left out of the pack")
    ck.eq(refs.count("DUP1"), 1, "identical duplicate DUP1 counted once")
    ck.eq(sum(1 for r in refs if r.strip().lower() == "pw5.3"), 1, "PW5.3 / 'pw5.3 ' merged")
    ck.ok("DUP2" not in refs, "conflicting DUP2: both copies left out")
    ck.eq(refs.count("DK1"), 1, "identical KPI DK1 counted once")
    ck.ok("DK2" not in refs, "conflicting KPI DK2: both copies left out")
    pw = [x for x in s["plan"]["sections"] if x["name"] == "Partnership working"]
    ck.eq(pw[0]["total"] if pw else None, 4, "Partnership working: DA1, DB1, DUP1 (once), PW5.3 (once)")
    status = {i["file"]: i["status"] for i in s["inputs"]}
    ck.eq(status.get("plan-errors.xlsx"), "errors", "input status with errors")
    ck.eq(status.get("plan-no-lead-due.xlsx"), "warnings", "input status with warnings only")
    for f in ("not-a-workbook.xlsx", "empty.xlsx", "truncated.xlsx"):
        ck.eq(status.get(f), "unreadable", f"{f} listed as unreadable")
    tracker_findings(ck, bp, work)
    # severities as documented, and every documented code triggered here
    ck.start("findings/documented codes")
    doc = issue_codes()
    ck.ok(len(doc) >= 20, f"docs/issue-codes.md lists the codes ({len(doc)})")
    for code, sev_text in doc:
        ck.ok(code in ck.codes_seen, f"`{code}` triggered and asserted at its place")
        for i in issues:
            if i["code"] == code:
                allowed = [w for w in ("error", "warning", "info") if w in sev_text]
                ck.ok(i["severity"] in allowed, f"`{code}` severity {i['severity']} is one documented ({sev_text})")
                break
    undocumented = sorted({i["code"] for i in issues} - {c for c, _ in doc})
    ck.eq(undocumented, [], "every code reported is documented")
    # every issue has a file; a cell is a valid A1 reference when present
    import re as _re
    for i in issues:
        if i["cell"] and not _re.fullmatch(r"[A-Z]{1,3}[1-9][0-9]*", i["cell"]):
            ck.ok(False, f"cell {i['cell']!r} of {i['code']} is an A1 reference")
    # validate --json reports the same findings and exit code
    rc2, j, err2 = bp.validate(files, work, as_of=AS_OF)
    ck.eq(rc2, 1, "validate exit code")
    if j:
        key = lambda i: (i["severity"], i["code"], i["file"], i["sheet"], i["cell"])  # noqa: E731
        ck.eq(sorted(map(key, j["issues"])), sorted(map(key, issues)), "validate --json lists the same findings")
        ck.eq(j["inputs"], s["inputs"], "validate --json lists the same inputs")

# =====================================================================================
# outputs
# =====================================================================================

OUTPUT_NAMES = {"summary.json", "scorecard.xlsx", "board-report.pdf"}


def out_files(d):
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def seed_stale(bp, work, d):
    """An earlier run's outputs in d: boardpack's own (its manifest lists them), so a later run may
    replace or remove them. A file of the user's with an output's name is never touched: see
    tests/frontends/test_output_safety.py."""
    rc, s, out, err = bp.build(["good.xlsx"], work, out=d)
    assert rc == 0 and set(OUTPUT_NAMES) <= set(out_files(d)), (rc, err)


def group_outputs(ck, bp, work):
    good = write(os.path.join(work, "good.xlsx"), plan_sheet("Plan", [plan_action("G1"), plan_action("G2")]))
    warn = write(os.path.join(work, "warn.xlsx"), plan_sheet("Plan", [plan_action("W1", lead="")]))
    bad = write(os.path.join(work, "bad.xlsx"), plan_sheet("Plan", [plan_action("B1"), plan_action("B2", status="TBC")]))
    kpi = write(os.path.join(work, "kpi.xlsx"), kpi_sheet("KPIs", [kpi_measure("K1", value=pct(0.9))],
                                                          fields=["ref", "title", "value"]))
    with open(os.path.join(work, "broken.xlsx"), "w") as fh:
        fh.write("this is not a workbook\n")
    with open(os.path.join(work, "legacy.xlsx"), "wb") as fh:
        fh.write(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)
    del good, warn, bad, kpi

    # SOURCE_DATE_EPOCH: two builds of the same inputs are byte for byte the same pack
    ck.start("outputs/reproducible")
    samples = os.path.join(REPO, "samples")
    packs = []
    for run in ("a", "b"):
        out_dir = os.path.join(work, "repro-" + run)
        env = dict(os.environ, SOURCE_DATE_EPOCH="1764000000")
        p = subprocess.run([bp.binary, "build", samples, "--out", out_dir, "--as-of", "2026-11-21"], env=env,
                           capture_output=True, text=True, timeout=120)
        ck.eq(p.returncode, 1, f"build {run} of the samples (their deliberate errors: exit 1)")
        files = [os.path.relpath(os.path.join(d, n), out_dir) for d, _, ns in os.walk(out_dir) for n in ns]
        packs.append({n: open(os.path.join(out_dir, n), "rb").read() for n in sorted(files)})
        if run == "a":
            time.sleep(1.1)  # a clock read anywhere would now differ
    ck.eq(sorted(packs[0]), sorted(packs[1]), "the same files")
    for name in sorted(packs[0]):
        ck.ok(packs[0][name] == packs[1].get(name), f"{name} is byte for byte the same")
    with open(os.path.join(work, "repro-a", "summary.json")) as fh:
        ck.eq(json.load(fh)["report_date"], "2026-11-21", "summary.json states the report date")

    # --strict with an error: nothing written, an earlier run's outputs removed
    ck.start("outputs/strict")
    rc, s, out, err = bp.build(["good.xlsx"], work, out="strict")
    ck.eq((rc, s is not None), (0, True), "a clean build first writes summary.json")
    seed_stale(bp, work, os.path.join(work, "strict"))
    rc, s, out, err = bp.build(["good.xlsx", "bad.xlsx"], work, out="strict", extra=["--strict"])
    ck.eq(rc, 1, "exit code 1")
    ck.eq(out_files(os.path.join(work, "strict")), [], "nothing written, stale outputs (and temp files) gone")
    ck.ok("nothing was written" in err, f"stderr says nothing was written ({err.strip()[:120]})")
    ck.ok("bad.xlsx" in out and "TBC" in out, "the error is still listed on stdout")
    # --strict with warnings only: written
    rc, s, out, err = bp.build(["good.xlsx", "warn.xlsx"], work, out="strict-ok", extra=["--strict"])
    ck.eq((rc, s is not None), (0, True), "--strict with warnings only builds (exit 0)")
    # without --strict: built, exit 1, the error listed, the bad row left out
    ck.start("outputs/errors")
    seed_stale(bp, work, os.path.join(work, "errors"))
    rc, s, out, err = bp.build(["good.xlsx", "bad.xlsx"], work, out="errors")
    ck.eq(rc, 1, "exit code 1")
    if ck.ok(s is not None and s.get("tool", {}).get("name") == "boardpack", "summary.json replaced"):
        ck.eq(sorted(a["ref"] for a in s["plan"]["actions"]), ["B1", "G1", "G2"], "the rest is built")
        listed = {v for k, v in s.get("outputs", {}).items() if k != "returns"}
        ck.eq([e["file"] for e in s.get("outputs", {}).get("returns", [])], ["returns/bad - checked.xlsx"],
              "summary.json lists the one checked copy")
        ck.ok(listed <= set(out_files(os.path.join(work, "errors"))), f"outputs listed exist ({listed})")
        left = set(out_files(os.path.join(work, "errors"))) - {"summary.json", ".boardpack-manifest.json", "returns"} - listed
        ck.eq(sorted(left), [], "no stale scorecard/report from the earlier run")
        ck.eq(sorted(os.listdir(os.path.join(work, "errors", "returns"))), ["bad - checked.xlsx"],
              "the workbook with findings comes back checked, the clean one does not")
    # an unreadable workbook among good ones
    ck.start("outputs/unreadable among good")
    rc, s, out, err = bp.build(["good.xlsx", "broken.xlsx", "legacy.xlsx", "kpi.xlsx"], work, out="mixed")
    ck.eq(rc, 1, "exit code 1")
    if ck.ok(s is not None, "summary.json written"):
        st = {i["file"]: (i["status"], i["records"]) for i in s["inputs"]}
        ck.eq(st.get("broken.xlsx"), ("unreadable", 0), "broken.xlsx listed as unreadable")
        ck.eq(st.get("legacy.xlsx"), ("unreadable", 0), "legacy.xlsx listed as unreadable")
        ck.eq(st.get("good.xlsx"), ("ok", 2), "good.xlsx built")
        ck.eq(st.get("kpi.xlsx"), ("ok", 1), "kpi.xlsx built")
        ck.issue(s["issues"], "unreadable-file", file="broken.xlsx", severity="error", contains="xlsx")
        ck.issue(s["issues"], "unreadable-file", file="legacy.xlsx", severity="error", contains="save it as .xlsx")
        ck.eq(sorted(a["ref"] for a in s["plan"]["actions"]), ["G1", "G2"], "good plan in the pack")
    ck.ok("broken.xlsx" in out and "unreadable" in out, "stdout lists the unreadable workbook")
    # nothing readable: exit 2, nothing written
    ck.start("outputs/nothing readable")
    seed_stale(bp, work, os.path.join(work, "none"))
    rc, s, out, err = bp.build(["broken.xlsx", "legacy.xlsx"], work, out="none")
    ck.eq(rc, 2, "exit code 2")
    ck.eq(out_files(os.path.join(work, "none")), [], "nothing written, stale outputs removed")
    rc, j, err = bp.validate(["broken.xlsx"], work)
    ck.eq(rc, 2, "validate: exit code 2 when nothing is readable")
    # validate exit codes, and it writes nothing
    ck.start("outputs/validate")
    before = set(os.listdir(work))
    rc, j, err = bp.validate(["good.xlsx"], work)
    ck.eq(rc, 0, "validate a clean workbook: exit 0")
    rc, j, err = bp.validate(["warn.xlsx"], work)
    ck.eq(rc, 0, "validate with warnings only: exit 0")
    rc, j, err = bp.validate(["good.xlsx", "bad.xlsx"], work)
    ck.eq(rc, 1, "validate with an error: exit 1")
    ck.eq(set(os.listdir(work)), before, "validate writes nothing")
    # usage errors
    ck.start("outputs/usage")
    rc, s, out, err = bp.build(["good.xlsx"], work, out="usage", as_of="21/11/2026")
    ck.eq(rc, 2, "--as-of not YYYY-MM-DD: exit 2")
    rc, s, out, err = bp.build(["no-such-folder"], work, out="usage")
    ck.eq(rc, 2, "no workbooks found: exit 2")
    ck.eq(out_files(os.path.join(work, "usage")), [], "nothing written on a usage error")
    # folders: *.xlsx and *.xlsm, nested, lock files and other files skipped
    ck.start("outputs/folders")
    d = fresh_dir(os.path.join(work, "inbox"))
    os.makedirs(os.path.join(d, "team-b"))
    write(os.path.join(d, "team-a.xlsx"), plan_sheet("Plan", [plan_action("FA1")]))
    write(os.path.join(d, "team-b", "plan.xlsm"), plan_sheet("Plan", [plan_action("FB1")]))
    with open(os.path.join(d, "~$team-a.xlsx"), "wb") as fh:
        fh.write(b"\0" * 165)
    with open(os.path.join(d, "notes.txt"), "w") as fh:
        fh.write("not a workbook")
    rc, s, out, err = bp.build(["inbox"], work, out="folder")
    ck.eq(rc, 0, "exit code 0")
    if ck.ok(s is not None, "summary.json written"):
        ck.eq(sorted(os.path.basename(i["file"]) for i in s["inputs"]), ["plan.xlsm", "team-a.xlsx"],
              "inputs: the .xlsx and the nested .xlsm; no lock file, no .txt")
        ck.eq(sorted(a["ref"] for a in s["plan"]["actions"]), ["FA1", "FB1"], "both read")

GROUPS = {"synonyms": group_synonyms, "layouts": group_layouts, "values": group_values,
          "findings": group_findings, "outputs": group_outputs}


def generate_everything(out):
    """Write every variant workbook (no boardpack run) into out/<group>/."""
    vocab = read_vocabulary()
    d = fresh_dir(os.path.join(out, "synonyms"))
    gen_plan_synonyms(d, vocab)
    gen_kpi_synonyms(d, vocab)
    gen_words(d, vocab)
    gen_layouts(fresh_dir(os.path.join(out, "layouts")))
    d = fresh_dir(os.path.join(out, "values"))
    gen_fills(d)
    gen_percent(d)
    gen_trends(d)
    gen_targets(d)
    gen_years(d)
    gen_findings(fresh_dir(os.path.join(out, "findings")))
    print(f"variant workbooks written under {out}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--group", action="append", choices=sorted(GROUPS), help="default: all")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    bp = Boardpack(args.boardpack)
    status = 0
    for g in args.group or sorted(GROUPS):
        ck = Checker(args.verbose)
        work = fresh_dir(os.path.join(os.path.abspath(args.work), g))
        GROUPS[g](ck, bp, work)
        status |= ck.report(g)
    return status


if __name__ == "__main__":
    sys.exit(main())

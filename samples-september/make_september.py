#!/usr/bin/python3
"""Write the September 2026 sample returns (deterministically) from October's.

Run with Debian's Python (openpyxl 3.0.9; LibreOffice for one workbook):

    /usr/bin/python3 samples-september/make_september.py

It opens the seven October workbooks in samples/ with openpyxl, changes what
the same teams would have sent a month earlier (returns as at 30 September
2026, KPI months Apr 26 ... Sep 26), and saves them here.  Loading and saving
keeps each workbook's sheets, layout and header styles; XlsxWriter's
sparklines are dropped by openpyxl.  The deliberate movements between the
two months are in ACTION_CHANGES, REPLACED_ROW and the KPI tables below; the
script writes them, and everything else it knows, to expected_changes.json.
See samples-september/README.md.

The helpers for fixed timestamps (zip entries, docProps, LibreOffice's
metadata) come from samples/make_samples.py, imported, with September's
timestamp put in their place.
"""

import datetime as dt
import json
import os
import re
import sys
import tempfile
import zipfile
from decimal import Decimal

import openpyxl
from openpyxl.styles import PatternFill

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(os.path.dirname(HERE), "samples")
sys.path.insert(0, SAMPLES)
sys.dont_write_bytecode = True              # leave samples/ as it is (no __pycache__)
import make_samples as ms  # noqa: E402  (October's data and helpers)

SEP_TS = dt.datetime(2026, 9, 30, 17, 30, 0)
ms.ZIP_TS = (2026, 9, 30, 17, 30, 0)       # normalise_zip reads it at call time
OCT_LO_STAMP = b"2026-10-31T17:30:00Z"     # what normalise_zip(fix_lo_meta) writes
SEP_LO_STAMP = b"2026-09-30T17:30:00Z"

d = ms.d

# ---------------------------------------------------------------------------
# Plan: what each action said in September, where it differs from October.
# (ref: status B/G/A/R, due date, progress update).  None keeps October's.
# ---------------------------------------------------------------------------

ACTION_CHANGES = {
    # Red in October, amber in September.
    "QP1.13": ("A", None,
               "88.4% of children in care had a visit in the last 6 weeks (251 of 284), below the 90% minimum but up from 82.7% in July. Team managers expect to be above 90% in October once summer leave is over."),
    "QP1.16": ("A", None,
               "84.0% of CIN children had been visited within four weeks in September, just below the 85% minimum. Summer leave in CIN Team 3 is the main cause; team managers are reallocating visits due in October."),
    "CC2.12": ("A", None,
               "The draft framework is with job evaluation. The pay and grading review may delay it, but HR expect the evaluation to finish in October so that the framework can be consulted on in November."),
    "EL3.9": ("A", None,
              "The September recruitment campaign for the Children's Social Work and Fostering Head of Service posts closed with five applicants; interviews are on 6 October. Interims cover both posts until then."),
    # Amber in October, green (and due earlier) in September.
    "PW5.2": ("G", "2026-10-31",
              "The multi-agency workshop facilitated by Essex took place in September and agreed the targeted approach. The strategy is being drafted for sign-off by the partnership executive at the end of October."),
    # Blue in October, not yet complete in September.
    "PW5.6": ("G", None,
              "Cabinet has signed off the Regional Adoption Agency arrangements and the agency launches on 30 September. Adoption staff transfer to the agency on 1 October; the launch is on track."),
    "QA4.4": ("A", None,
              "The NFA themed audit is reported. The re-referrals audit is complete but its report missed the July QA board and now goes to the October board, so the learning has not yet been shared with the front door."),
    # Same status, due date one month later in October.
    "QP1.8": (None, "2027-01-31", None),
}

# Narrative where October's words name October's figures or events:
# September's own (progress, evidence).  None: October's text with DATE_WORDS.
# (The progress of an action in ACTION_CHANGES is replaced after this.)
NARRATIVE = {
    "QP1.3": ("Timeliness is 91.2% YTD against the 95% upper target; September was 93.0%, but two assessment team manager posts fall vacant in October. The 35-day tracker is now reviewed at every performance clinic.",
              "Indicator 2.10a (1,494 of 1,639 in timescale); weekly 35-day tracker; performance clinic notes, 16 September 2026."),
    "QP1.5": ("Management oversight in the past 8 weeks is 92.9% (1,997 of 2,150 cases), within the 90-95% target band. Team managers get a weekly exception list and any team below 90% is followed up at the performance clinic.",
              None),
    "QP1.13": (None, "Indicator 5.11 (88.4%, minimum 90%); weekly due-visits list from October; audit of direct work on 20 files, 12 good or better."),
    "QP1.16": (None, "Indicator 3.3 (653 of 777, 84.0%); CIN Team 3 visit reallocation list; performance clinic notes, 16 September 2026."),
    "CC2.12": (None, "Draft progression framework v2; job evaluation panel schedule; staff engagement event planned for 15 October 2026."),
    "QP1.6": (None, "Monthly re-referral report (September 2026: 23.8%); the audit schedule is to be revised at the QA board in October."),
}
# Then, in every other progress and evidence cell, October's dates become
# September's (most specific first).
DATE_WORDS = [
    ("31 October 2026", "30 September 2026"),
    ("May-October 2026", "April-September 2026"),
    ("June-October 2026", "June-September 2026"),
    ("July and October 2026", "July 2026"),
    ("October's practice week", "September's practice week"),
    ("October 2026", "September 2026"),
]

# Partnership working, row 12: PW5.10 in October (new then) held PW5.12 in
# September, which the partnership replaced by PW5.10 in October (removed).
REPLACED_ROW = ("Partnership working", 12, "PW5.10",
                ("PW5.12",
                 "Agree a protocol with the police for sharing information on children at the front door before co-location.",
                 ms.L_FD, "2026-12-31", "G",
                 "A draft information-sharing protocol is with the police's legal team. The partnership executive will decide in October whether it is taken into the wider co-location work at the front door.",
                 "Draft protocol v1; partnership executive forward plan, October 2026."))
# October's extra row PW5.11 (no action text) was added at the October
# partnership meeting: September has no such row.
DROPPED_ROWS = [("Partnership working", 13, "PW5.11")]

# Where each plan workbook keeps ref, due, status and progress (1-based
# columns) and how it writes a status.
PLAN_LAYOUT = {
    "plan-front-door-assessment.xlsx": dict(due=4, status=5, progress=6, kind="word"),
    "plan-workforce.xlsx": dict(due=5, status=6, progress=7, kind="phrase"),
    "plan-qa-performance-leadership.xlsx": dict(due=5, status=6, progress=7, kind="fill"),
    "plan-childrens-social-work.xlsx": dict(due=5, status=6, progress=7, kind="letter"),
    "plan-early-help-partnerships.xlsx": dict(due=4, status=5, progress=6, kind="word"),
}
TEXT_FIXES = {  # (sheet, cell): September's text
    "plan-front-door-assessment.xlsx": {("Improvement Plan", "A3"): "Updated: 30/09/2026"},
    "plan-childrens-social-work.xlsx": {
        ("CSW plan", "A2"): "Improvement Plan 2026-27 \u2013 position at 30 September 2026"},
    "plan-early-help-partnerships.xlsx": {
        (s, "A1"): f"Early Help and Partnerships \u2013 {s} \u2013 September 2026 return"
        for s in (ms.QP, ms.PW)},
}

# ---------------------------------------------------------------------------
# KPIs.  Month columns shift back one: September's Apr..Sep are a new April
# value followed by October's May..Sep.  A snapshot measure's September
# value is its Sep 26 trend value; the YTD measures and 5.18 (rolling year)
# get their own September values.  Previous year and targets are unchanged.
# ---------------------------------------------------------------------------

SEP_MONTHS = [dt.date(2026, m, 1) for m in range(4, 10)]           # Apr 26 .. Sep 26
SEP_LABELS = [m.strftime("%b %y") for m in SEP_MONTHS]
APRIL = {  # the new first month (percentages as shown, counts as numbers)
    "1.1": "88.7%", "1.2": "726", "1.3": "208", "1.4": "303", "2.1": "97.9%",
    "2.10a": "87.6%", "3.1": "85.9%", "3.3": "83.1%", "4.7.2": "93.8%", "5.10": "31.2%",
    "5.11": "91.4%", "3.2": "88.9%", "4.8": "97.0%", "5.18": None, "6.1": "97.4%",
    "6.2": "76.1%", "6.3": "93.8%",
}
# Values that are not the Sep 26 trend value, with their numerator and
# denominator: YTD April-September, and 5.18's rolling year, where one
# review late in September was later found to be recorded late (October's
# return shows Sep 26 as 100.0%).  5.18 keeps October's habit of leaving the
# current month's trend cell blank.
OWN_VALUE = {"2.1": (5123, 5517), "2.10a": (1494, 1639), "5.18": (327, 328)}
BLANK_CURRENT_MONTH = {"5.18"}
# Other measures: the cohort each denominator is near (the September counts
# of 1.2 CIN 777, 1.3 CP 253, 1.4 LAC 288; 1.1 open cases; 3.2 CIN plans;
# 4.8 CP reviews; care leavers).  The nearest denominator that gives every
# measure in the cohort its value to one decimal is used.
COHORTS = [(2150, ["1.1"]), (777, ["3.1", "3.3"]), (253, ["4.7.2"]), (288, ["5.10", "5.11"]),
           (688, ["3.2"]), (160, ["4.8"]), (270, ["6.1", "6.2", "6.3"])]
K2_TEAM_RAG = {"3.2": "Green", "4.8": "Amber", "5.18": "Amber", "6.1": "Green",
               "6.2": "Amber", "6.3": "Green"}
K2_COMMENTARY = {
    "3.2": None,
    "4.8": ("96.8% of CP reviews were within timescale, below the 98.5% target. Two reviews "
            "slipped when conference chairs were on leave; the Conference and Review Service "
            "Manager now checks cover for every review due."),
    "5.18": ("One review in the rolling year is recorded as outside timescale. We are checking "
             "the record with the Independent Reviewing Officer; it may have been recorded late."),
    "6.1": None,
    "6.2": ("70.8% of care leavers in education, employment or training, below the 75% target. "
            "The council apprenticeship scheme opens in October and a dedicated EET worker is "
            "being recruited for the 16 plus team."),
    "6.3": None,
}
K2_TEXT_FIXES = {
    ("Indicators", "A2"): ("Position at 30 September 2026. Figures are percentages except "
                           "Numerator and Denominator. Target and tolerance as agreed with the "
                           "Performance and Intelligence Team."),
}


def dec(text):
    return None if text is None else ms.Num(text)


def kpi_september(kpis):
    """ref -> dict(value, num, denom, trend[6]) as Decimals (fractions for %)."""
    out = {}
    for k in kpis:
        ref = k["ref"]
        trend = [dec(APRIL[ref])] + k["trend"][:5]           # Apr + Oct's May..Sep
        if ref in OWN_VALUE:
            n, dn = OWN_VALUE[ref]
            value = (Decimal(n) / Decimal(dn)).quantize(Decimal("0.001"))
        else:
            value = trend[5].value
            n = dn = None
        if ref in BLANK_CURRENT_MONTH:
            trend[5] = None
        out[ref] = {"value": value, "num": n, "denom": dn,
                    "trend": [None if t is None else t.value for t in trend]}
    for near, refs in COHORTS:
        dn = cohort_denominator(near, [out[r]["value"] for r in refs])
        for r in refs:
            out[r]["denom"] = dn
            out[r]["num"] = int((out[r]["value"] * dn).to_integral_value())
    for ref, v in out.items():
        if v["num"] is not None:
            assert abs(Decimal(v["num"]) / v["denom"] - v["value"]) <= Decimal("0.0005"), ref
    return out


def cohort_denominator(near, values):
    for step in range(0, 200):
        for dn in (near - step, near + step):
            if all(abs((v * dn).to_integral_value() / dn - v) <= Decimal("0.0005")
                   for v in values):
                return dn
    raise AssertionError(f"no denominator near {near} for {values}")


# ---------------------------------------------------------------------------
# Writing.
# ---------------------------------------------------------------------------

def load(name):
    return openpyxl.load_workbook(os.path.join(SAMPLES, name))


def save(wb, name, title=None):
    p = wb.properties
    if title:
        p.title = title
    p.created = SEP_TS
    p.modified = SEP_TS
    path = os.path.join(HERE, name)
    tmp = path + ".tmp.xlsx"
    wb.save(tmp)
    ms.normalise_zip(tmp)
    os.replace(tmp, path)
    print("wrote", name)


def find_row(ws, ref):
    for r in range(1, ws.max_row + 1):
        if ws.cell(row=r, column=1).value == ref:
            return r
    return None


def status_value(kind, ref, st):
    if kind == "word":
        return ms.WORD[st]
    if kind == "phrase":
        return ms.PHRASES[st][0]
    if kind == "letter":
        return st
    raise ValueError(kind)


def apply_plan_changes(name, wb):
    lay = PLAN_LAYOUT[name]
    oct_by_ref = {a[0]: a for a in ms.ALL_ACTIONS}
    for (sheet, cell), text in TEXT_FIXES.get(name, {}).items():
        wb[sheet][cell] = text
    done = []
    for ws in wb.worksheets:
        retell(ws, lay)
        for ref, (st, due, prog) in ACTION_CHANGES.items():
            r = find_row(ws, ref)
            if r is None:
                continue
            if ref == ms.DUPLICATED_REF:
                raise AssertionError("PW5.3 is duplicated on purpose: change both copies or neither")
            if st:
                assert st != oct_by_ref[ref][5], (ref, "same status as October")
                c = ws.cell(row=r, column=lay["status"])
                if lay["kind"] == "fill":
                    c.fill = PatternFill("solid", fgColor=ms.COLOUR_FILLS[st][ms.FILL_KIND[ref]])
                else:
                    c.value = status_value(lay["kind"], ref, st)
            if due:
                c = ws.cell(row=r, column=lay["due"])
                assert c.value.date() == d(oct_by_ref[ref][4]), ref
                c.value = dt.datetime.combine(d(due), dt.time())
            if prog:
                ws.cell(row=r, column=lay["progress"]).value = prog
            done.append(ref)
        for sheet, row, oct_ref in DROPPED_ROWS:
            if ws.title == sheet and name == "plan-early-help-partnerships.xlsx":
                assert ws.cell(row=row, column=1).value == oct_ref
                ws.delete_rows(row)
        sheet, row, oct_ref, values = REPLACED_ROW
        if ws.title == sheet and name == "plan-early-help-partnerships.xlsx":
            assert ws.cell(row=row, column=1).value == oct_ref
            ref, action, lead, due, st, prog, ev = values
            vals = [ref, action, lead, dt.datetime.combine(d(due), dt.time()), ms.WORD[st], prog, ev]
            for col, v in enumerate(vals, start=1):
                ws.cell(row=row, column=col).value = v
    return done


def retell(ws, lay):
    """September's narrative: NARRATIVE where given, else DATE_WORDS (ACTION_CHANGES' progress comes after)."""
    for r in range(1, ws.max_row + 1):
        ref = ws.cell(row=r, column=1).value
        if ref == ms.DUPLICATED_REF:
            continue                                           # both copies stay identical
        own = NARRATIVE.get(ref, (None, None))
        for col, text in zip((lay["progress"], lay["progress"] + 1), own):   # evidence follows progress
            c = ws.cell(row=r, column=col)
            if text:
                c.value = text
            elif isinstance(c.value, str):
                for old, new in DATE_WORDS:
                    c.value = c.value.replace(old, new)


def write_plans():
    changed = []
    for name in PLAN_LAYOUT:
        if name == "plan-childrens-social-work.xlsx":
            continue
        wb = load(name)
        changed += apply_plan_changes(name, wb)
        save(wb, name)
    changed += write_social_work()
    assert sorted(changed) == sorted(ACTION_CHANGES), (changed, list(ACTION_CHANGES))


def write_social_work():
    """October's LibreOffice file -> openpyxl edit -> LibreOffice again, as October."""
    name = "plan-childrens-social-work.xlsx"
    dest = os.path.join(HERE, name)
    wb = load(name)
    changed = apply_plan_changes(name, wb)
    wb.properties.created = wb.properties.modified = SEP_TS
    with tempfile.TemporaryDirectory(prefix="bp-september-") as tmp:
        src = os.path.join(tmp, name)
        wb.save(src)
        if ms.convert_with_libreoffice(src, dest + ".tmp"):
            restamp_lo(dest + ".tmp")
            os.replace(dest + ".tmp", dest)
            print("wrote", name, "(via LibreOffice)")
        elif os.path.exists(dest):
            print("soffice not found: kept the committed", name, file=sys.stderr)
        else:
            sys.exit("soffice not found and no committed " + name)
    with zipfile.ZipFile(dest) as z:
        assert "LibreOffice" in z.read("docProps/app.xml").decode(), name
    return changed


def restamp_lo(path):
    """normalise_zip(fix_lo_meta) stamps October's time in core.xml: use September's."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in entries:
            if n == "docProps/core.xml":
                assert OCT_LO_STAMP in data
                data = data.replace(OCT_LO_STAMP, SEP_LO_STAMP)
            z.writestr(n, data)
    ms.normalise_zip(path)


def write_highlight(sep):
    name = "kpi-highlight-indicators.xlsx"
    wb = load(name)
    ws = wb["Highlight Indicators"]
    for i, label in enumerate(SEP_LABELS):
        c = ws.cell(row=6, column=8 + i)
        assert c.value == ms.MONTH_LABELS[i]
        c.value = label
    for r in range(7, ws.max_row + 1):
        ref = ws.cell(row=r, column=1).value
        if ref not in sep:
            continue
        s = sep[ref]
        fmt = ws.cell(row=r, column=13).number_format
        for i, v in enumerate(s["trend"]):
            c = ws.cell(row=r, column=8 + i)
            c.value = None if v is None else float(v)
            c.number_format = fmt
        ws.cell(row=r, column=6).value = float(s["value"])
        if s["num"] is not None:
            ws.cell(row=r, column=4).value = s["num"]
            ws.cell(row=r, column=5).value = s["denom"]
    save(wb, name)


def write_reviews(sep):
    name = "kpi-reviews-care-leavers.xlsx"
    wb = load(name)
    ws = wb["Indicators"]
    for (sheet, cell), text in K2_TEXT_FIXES.items():
        wb[sheet][cell] = text
    for i, m in enumerate(SEP_MONTHS):
        c = ws.cell(row=4, column=9 + i)
        assert c.value.date() == ms.MONTHS[i]
        c.value = dt.datetime.combine(m, dt.time())
    pct = lambda v: None if v is None else float(v * 100)  # noqa: E731
    for r in range(5, ws.max_row + 1):
        ref = ws.cell(row=r, column=2).value
        if ref not in sep:
            continue
        s = sep[ref]
        ws.cell(row=r, column=5).value = s["num"]
        ws.cell(row=r, column=6).value = s["denom"]
        c = ws.cell(row=r, column=7)
        c.value = pct(s["value"])                 # a number: October's text "87.0%" is not repeated
        c.number_format = "0.0"
        for i, v in enumerate(s["trend"]):
            c = ws.cell(row=r, column=9 + i)
            c.value = pct(v)
            c.number_format = "0.0"
        ws.cell(row=r, column=17).value = K2_TEAM_RAG[ref]
        ws.cell(row=r, column=18).value = K2_COMMENTARY[ref]
    save(wb, name, "Reviews and Care Leavers - indicator return, September 2026")


# ---------------------------------------------------------------------------
# What the two months should show, from the data above (not from the files):
# expected_changes.json.
# ---------------------------------------------------------------------------

RANK = {"B": 3, "G": 2, "A": 1, "R": 0}
WORDS = {"B": "blue", "G": "green", "A": "amber", "R": "red"}
RAG_RANK = {"green": 2, "amber": 1, "red": 0}


def plan_months():
    """ref -> (status, due) for October and for September."""
    oct_ = {a[0]: (a[5], d(a[4])) for a in ms.ALL_ACTIONS}
    sep = dict(oct_)
    for ref, (st, due, _) in ACTION_CHANGES.items():
        sep[ref] = (st or oct_[ref][0], d(due) if due else oct_[ref][1])
    new_ref = REPLACED_ROW[2]
    old = REPLACED_ROW[3]
    del sep[new_ref]
    sep[old[0]] = (old[4], d(old[3]))
    return sep, oct_


def compare(a, b, rank):
    if a == b or rank.get(a) == rank.get(b):
        return "same"
    return "better" if rank[b] > rank[a] else "worse"


def expected(kpis, sep_kpi):
    sep, oct_ = plan_months()
    actions = {}
    for ref in sorted(set(sep) & set(oct_), key=natural):
        (s0, d0), (s1, d1) = sep[ref], oct_[ref]
        actions[ref] = {"last_status": WORDS[s0], "status": WORDS[s1],
                        "movement": compare(s0, s1, RANK),
                        "last_due": d0 and d0.isoformat(), "due": d1 and d1.isoformat(),
                        "slipped_days": (d1 - d0).days if d0 and d1 else None}
    measures = {}
    for k in kpis:
        ref = k["ref"]
        tmin = k["min"] and k["min"].value
        upper = k["upper"] and k["upper"].value
        v0, v1 = sep_kpi[ref]["value"], k["current"].value
        r0, r1 = ms.rag(v0, tmin, upper), ms.rag(v1, tmin, upper)
        if tmin is None:
            direction = "unknown"          # a count with no target: neither better nor worse
        elif v0 == v1:
            direction = "same"
        else:
            higher = tmin < upper
            direction = "better" if (v1 > v0) == higher else "worse"
        measures[ref] = {"last_rag": r0, "rag": r1, "direction": direction,
                         "last_value": float(v0), "value": float(v1),
                         "polarity": "none" if tmin is None else ("higher" if tmin < upper else "lower")}
    return {
        "september": {"as_of": "2026-10-24", "kpi_period": "Sep 26"},
        "october": {"as_of": "2026-11-21", "kpi_period": "Oct 26"},
        "actions": actions,
        "new_actions": sorted(set(oct_) - set(sep)),
        "removed_actions": sorted(set(sep) - set(oct_)),
        "measures": measures,
    }


def natural(ref):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", ref)]


def main():
    kpis = ms.parse_seed_kpis()
    ms.check_kpi_data(kpis)
    sep_kpi = kpi_september(kpis)
    write_plans()
    write_highlight(sep_kpi)
    write_reviews(sep_kpi)
    exp = expected(kpis, sep_kpi)
    exp["actions"] = dict(sorted(exp["actions"].items(), key=lambda kv: natural(kv[0])))
    with open(os.path.join(HERE, "expected_changes.json"), "w") as f:
        json.dump(exp, f, indent=2)
        f.write("\n")
    print("wrote expected_changes.json")
    moved = {r: a for r, a in exp["actions"].items() if a["movement"] != "same" or a["slipped_days"]}
    for r, a in moved.items():
        print(f"  {r}: {a['last_status']} {a['last_due']} -> {a['status']} {a['due']} "
              f"({a['movement']}, slipped {a['slipped_days']} days)")
    print("  new:", exp["new_actions"], " removed:", exp["removed_actions"])
    for r, m in exp["measures"].items():
        print(f"  {r}: {m['last_rag']} {m['last_value']} -> {m['rag']} {m['value']} ({m['direction']})")


if __name__ == "__main__":
    main()

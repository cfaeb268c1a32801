#!/usr/bin/python3
"""Workbooks in the seeds' own layouts, written by three programs, with what
boardpack must make of them (issue 9, item 8).

    /usr/bin/python3 tests/seedforms/make_seedforms.py OUT_DIR [--group NAME]

Groups (run_seedforms.py runs each one as a CTest test):
  kent       seed 000's "County Scorecard": a title block, one header row,
             two year-labelled outturn columns, Target + Tolerance in the
             indicator's own units, "High is good" / "Low is good", 8
             activity measures with no target, a supplied RAG that disagrees
             twice, two red rows with no commentary.  52 measures: 22 green,
             13 amber, 9 red, 8 none on "Outturn 2012-13".  Written by
             openpyxl, XlsxWriter and a LibreOffice re-save of the openpyxl
             file, plus three header variants (outturns swapped, "Actual
             11/12 | Actual 12/13", "2011/12 | 2012/13 (provisional)").
  highlight  seed 003's "Children's Social Care Highlight Indicators" (17
             measures, green 3 / amber 6 / red 5 / none 3), the three writers.
  plan       seed 002's Medway plan (62 actions in five sections, the
             seed's Blue/Green/Amber/Red counts per section), three writers.
  targeted   one small workbook per case (openpyxl and XlsxWriter): a value
             on another scale than its targets (both ways), 90 typed against
             85 and 95 under a "%" title, a percentage above 100%, status
             words that name two ratings (with and without a vocabulary
             that maps "Amber/Green"), missing commentary, two columns for
             one year, a sheet of notes with no table, one measure per unit.

Every builder returns (files, expectations); an expectation is a plain dict
(also written as OUT_DIR/GROUP/expected.json) that run_seedforms.py compares
with summary.json.  Expected ratings are computed here from the figures
written, by SPEC 2.1's rule on exact decimals, never by running boardpack.

Output is deterministic: fixed data, fixed document timestamps, fixed zip
entry times.  The LibreOffice file needs `soffice` (libreoffice-calc-nogui).
"""

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import zipfile
from decimal import Decimal

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "variants"))
sys.path.insert(0, os.path.join(REPO, "samples"))
from vlib import C, Sheet, VOCABULARY, col_letter, write  # noqa: E402
import make_samples  # noqa: E402  (seed 003's figures, SPEC 2.1's rule, the LibreOffice conversion)

BOLD_FILL = {"rgb": "FFD9E1F2"}
GREY = {"rgb": "FFBFBFBF"}
PCT1 = "0.0%"
PCT0 = "0%"
DATE_FMT = "dd/mm/yyyy"

WRITERS = ("openpyxl", "xlsxwriter")


# ---- shared pieces -------------------------------------------------------------

def dec(s):
    return None if s is None else Decimal(s)


def num(d):
    """Decimal -> the float a writer stores (and summary.json should hold)."""
    return None if d is None else float(d)


def spec_rating(value, target_min, target_upper):
    """SPEC 2.1 on exact decimals (Min > Upper: lower is better)."""
    return make_samples.rag(value, target_min, target_upper)


def from_target(target, tolerance, polarity):
    """SPEC 2.1: Target + Tolerance -> (Min, Upper), exact."""
    if target is None:
        return None, None
    if polarity == "lower":
        return target + tolerance, target
    return target - tolerance, target


def save(path, sheets, engine):
    write(path, sheets, engine)
    make_samples.normalise_zip(path, fix_lo_meta=True)   # fixed zip and document timestamps
    return path


def three_writers(folder, stem, sheets, problems):
    """stem_opx.xlsx, stem_xw.xlsx and stem_lo.xlsx (the openpyxl file re-saved
    by LibreOffice: xlsx -> xlsx, its own profile, a time bound).  Returns the
    names written; without soffice, the first two and a line in problems."""
    opx = save(os.path.join(folder, f"{stem}_opx.xlsx"), sheets, "openpyxl")
    save(os.path.join(folder, f"{stem}_xw.xlsx"), sheets, "xlsxwriter")
    names = [f"{stem}_opx.xlsx", f"{stem}_xw.xlsx"]
    lo = os.path.join(folder, f"{stem}_lo.xlsx")
    if make_samples.convert_with_libreoffice(opx, lo):
        with zipfile.ZipFile(lo) as z:
            assert b"LibreOffice" in z.read("docProps/app.xml"), f"{lo} was not written by LibreOffice"
        names.append(f"{stem}_lo.xlsx")
    else:
        problems.append(f"{stem}_lo.xlsx not written: soffice not found (apt-get install libreoffice-calc-nogui)")
    return names


def finding(code, sheet, cells, severity=None):
    """An expected finding: code at one of `cells` (a str or a list) on sheet."""
    return {"code": code, "sheet": sheet, "cells": [cells] if isinstance(cells, str) else list(cells),
            "severity": severity}


def expectation(file, as_of, **kw):
    e = {"file": file, "as_of": as_of, "command": "build", "extra_args": [], "exit": [0],
         "counts": None, "period": None, "measures": None, "not_rated": [], "sections": None,
         "section_counts_only": False, "actions": None, "findings": [], "tolerate": [],
         "no_output": False, "stderr_contains": []}
    e.update(kw)
    return e


def L(col):
    return col_letter(col)


# =====================================================================================
# A. seed 000: Kent "County Scorecard"
# =====================================================================================

KENT_AS_OF = "2013-06-12"
KENT_SHEET = "County Scorecard"
KENT_TITLE = ["Specialist Children's Services", "County Scorecard 2012-13",
              "Outturn position as at 31 March 2013"]
KENT_HEADER_ROW = 5

# (ref, title, unit, polarity, outturn 2011-12, target, tolerance, outturn 2012-13, commentary)
# Percentages are fractions (0.812 is 81.2%); targets and tolerances are in the
# indicator's own units.  None target: an activity measure, no rating.
KENT_GROUPS = [
    ("Early Help / CAF", [
        ("EH01", "Number of CAFs completed", "count", "High", "1650", "1800", "200", "1850", None),
        ("EH02", "Number of CAF closures with outcomes achieved", "count", "High", "700", "900", "100",
         "910", None),
        ("EH03", "% of CAFs closed with needs met", "percent", "High", "0.712", "0.75", "0.05", "0.778", None),
        ("EH04", "% of CAFs with a lead professional named within 2 weeks", "percent", "High", "0.65",
         "0.80", "0.10", "0.70", "Exactly on the minimum: 80% less 10%."),
        ("EH05", "% of Early Help cases stepped up to social care", "percent", "Low", "0.16", "0.12",
         "0.02", "0.14", "Exactly on the minimum: 12% plus 2%."),
        ("EH06", "% of families re-referred to Early Help within 12 months", "percent", "Low", "0.142",
         "0.12", "0.03", "0.118", None),
    ]),
    ("Referral and assessment", [
        ("RA01", "Number of referrals", "count", None, "16890", None, None, "15420", None),
        ("RA02", "Rate of referrals per 10,000 children", "rate_per_10000", None, "510.2", None, None,
         "465.3", None),
        ("RA03", "% of referrals that are re-referrals within 12 months", "percent", "Low", "0.312", "0.25",
         "0.05", "0.262", "Re-referrals are audited monthly by the Central Referral Unit."),
        ("RA04", "% of referrals with a decision within 1 working day", "percent", "High", "0.88", "0.95",
         "0.05", "0.962", None),
        ("RA05", "Number of initial assessments", "count", None, "11420", None, None, "10250", None),
        ("RA06", "% of initial assessments completed within 10 working days", "percent", "High", "0.721",
         "0.85", "0.10", "0.85", "On target exactly."),
        ("RA07", "Number of core assessments", "count", None, "4120", None, None, "4630", None),
        ("RA08", "% of core assessments completed within 35 working days", "percent", "High", "0.684",
         "0.80", "0.10", "0.776", None),
        ("RA09", "% of section 47 enquiries proceeding to initial child protection conference", "percent",
         "High", "0.33", "0.45", "0.05", "0.36",
         "36% remain low: initial risk assessments are being checked for proportionality."),
        ("RA10", "Average days from referral to start of initial assessment", "days", "Low", "9.2", "7", "2",
         "6.4", None),
        ("RA11", "% of assessments authorised by a manager within 5 working days", "percent", "High",
         "0.915", "0.90", "0.05", "0.931", None),
    ]),
    ("Child protection", [
        ("CP01", "Number of children subject to a child protection plan", "count", None, "1180", None, None,
         "1093", None),
        ("CP02", "Rate of children subject to a child protection plan per 10,000 children", "rate_per_10000",
         None, "37.5", None, None, "34.7", None),
        ("CP03", "% of children subject to a second or subsequent child protection plan", "percent", "Low",
         "0.162", "0.12", "0.03", "0.171",
         "Higher than target: the quality of risk assessment and step-down remain the focus."),
        ("CP04", "% of child protection plans lasting 2 years or more", "percent", "Low", "0.071", "0.05",
         "0.02", "0.078", "Arguably an ambitious target; every plan over 18 months is reviewed."),
        ("CP05", "% of initial child protection conferences held within 15 working days", "percent", "High",
         "0.78", "0.85", "0.10", "0.894", None),
        ("CP06", "% of child protection reviews held within timescale", "percent", "High", "0.942", "0.98",
         "0.03", "0.963", "Two reviews slipped because of conference chair sickness."),
        ("CP07", "% of child protection visits within 10 working days", "percent", "High", "0.87", "0.95",
         "0.05", "0.95", None),
        ("CP08", "% of child protection cases allocated to a qualified social worker", "percent", "High",
         "0.975", "1.00", "0.02", "0.992", None),
        ("CP09", "% of child protection plans with a core group within 10 working days", "percent", "High",
         "0.812", "0.90", "0.05", "0.905", None),
        ("CP10", "% of children subject to a plan for a second time within 2 years", "percent", "Low",
         "0.065", "0.08", "0.02", "0.085", None),
    ]),
    ("Children in care", [
        ("CIC01", "Number of children in care", "count", None, "1815", None, None, "1762", None),
        ("CIC02", "Rate of children in care per 10,000 children", "rate_per_10000", None, "57.8", None, None,
         "55.9", None),
        ("CIC03", "% of children in care with 3 or more placements in the year", "percent", "Low", "0.109",
         "0.10", "0.02", "0.127", "Placement stability is against an ambitious target; a stability panel "
         "now meets fortnightly."),
        ("CIC04", "% of children in care 2.5 years or more in the same placement for 2 years", "percent",
         "High", "0.702", "0.70", "0.05", "0.64", None),
        ("CIC05", "% of looked after children reviews held within timescale", "percent", "High", "0.912",
         "0.98", "0.03", "0.981", None),
        ("CIC06", "% of children in care with an up-to-date health assessment", "percent", "High", "0.834",
         "0.90", "0.05", "0.873", "Health colleagues have added two clinics a month."),
        ("CIC07", "% of children in care with an up-to-date dental check", "percent", "High", "0.79", "0.90",
         "0.05", "0.911", None),
        ("CIC08", "% of children in care with a personal education plan", "percent", "High", "0.85", "0.95",
         "0.05", "0.938", None),
        ("CIC09", "% of children in care placed more than 20 miles from home", "percent", "Low", "0.214",
         "0.15", "0.05", "0.147", None),
        ("CIC10", "% of children in care in foster placements", "percent", "High", "0.79", "0.85", "0.05",
         "0.853", None),
        ("CIC11", "Number of children in care placed with independent fostering agencies", "count", "Low",
         "402", "350", "30", "371", None),
        ("CIC12", "% of children in care visited within statutory timescales", "percent", "High", "0.88",
         "0.95", "0.05", "0.967", None),
    ]),
    ("Adoption", [
        ("AD01", "Average days from entering care to moving in with an adoptive family", "days", "Low", "712",
         "639", "60", "699", "Exactly on the minimum: 639 days plus 60."),
        ("AD02", "Average days from placement order to match with an adoptive family", "days", "Low", "231",
         "213", "30", "268", "Historical cases still in the system lengthen the average."),
        ("AD03", "Number of children adopted", "count", "High", "85", "120", "20", "131", None),
        ("AD04", "% of children adopted within 12 months of the decision", "percent", "High", "0.58", "0.75",
         "0.10", "0.674", None),
        ("AD05", "Average weeks for care proceedings", "weeks", "Low", "44.0", "40", "5", "47.8",
         "Court delays; a tracking panel reviews every case at 20 weeks."),
        ("AD06", "Number of adopters approved", "count", "High", "58", "80", "10", "82", None),
        ("AD07", "% of adoption placements that disrupt", "percent", "Low", "0.04", "0.03", "0.01", "0.022",
         None),
    ]),
    ("Care leavers", [
        ("CL01", "% of care leavers in education, employment or training", "percent", "High", "0.612", "0.65",
         "0.05", "0.583", "A dedicated EET worker joins the 16 plus team in July."),
        ("CL02", "% of care leavers in suitable accommodation", "percent", "High", "0.861", "0.90", "0.05",
         "0.925", None),
        ("CL03", "% of care leavers with a pathway plan", "percent", "High", "0.76", "0.95", "0.05", "0.962",
         None),
        ("CL04", "% of care leavers in touch with the service", "percent", "High", "0.952", "0.95", "0.05",
         "0.948", None),
        ("CL05", "Average weeks from turning 16 to pathway plan completion", "weeks", "Low", "14", "8", "4",
         "7.5", None),
        ("CL06", "% of care leavers aged 19-21 in higher education", "percent", "High", "0.071", "0.07",
         "0.01", "0.053", None),
    ]),
]

# The team's RAG column, where it disagrees with the rule (rag-mismatch, computed rating used).
KENT_SUPPLIED_RAG = {"CIC06": "Green", "CP04": "Amber"}
# Red rows whose Commentary cell is empty (missing-commentary at that cell).
KENT_RED_NO_COMMENTARY = {"CIC04", "CL06"}
KENT_COUNTS = {"green": 22, "amber": 13, "red": 9, "none": 8}

KENT_FORMATS = {"percent": PCT1, "count": "#,##0", "rate_per_10000": "0.0", "days": "0", "weeks": "0.0"}
POLARITY = {"High": "higher", "Low": "lower", None: "none"}

# Header layouts: (file stem, writer, column order, header text of the two outturn columns)
KENT_STD = ["ref", "title", "polarity", "previous", "target", "tolerance", "value", "rag", "commentary"]
KENT_SWAPPED = ["ref", "title", "polarity", "value", "target", "tolerance", "previous", "rag", "commentary"]
KENT_HEADERS = {"ref": "Indicator No.", "title": "Indicator", "polarity": "Polarity", "target": "Target",
                "tolerance": "Tolerance", "rag": "RAG", "commentary": "Commentary"}
KENT_VARIANTS = [
    ("kent_swapped", "openpyxl", KENT_SWAPPED, "Outturn 2011-12", "Outturn 2012-13"),
    ("kent_actual", "xlsxwriter", KENT_STD, "Actual 11/12", "Actual 12/13"),
    ("kent_provisional", "openpyxl", KENT_STD, "2011/12", "2012/13 (provisional)"),
]


def kent_measures():
    """Flat list of measure dicts with exact figures and the rule's ratings."""
    out = []
    for group, rows in KENT_GROUPS:
        for ref, title, unit, pol, prev, target, tol, value, comm in rows:
            polarity = POLARITY[pol]
            tmin, upper = from_target(dec(target), dec(tol), polarity)
            out.append({"group": group, "ref": ref, "title": title, "unit": unit, "pol_word": pol,
                        "polarity": polarity if target is not None else "none",
                        "previous": dec(prev), "target": dec(target), "tolerance": dec(tol),
                        "value": dec(value), "target_min": tmin, "target_upper": upper,
                        "rag": spec_rating(dec(value), tmin, upper),
                        "rag_previous": spec_rating(dec(prev), tmin, upper),
                        "commentary": comm})
    return out


def check_kent_data(ms):
    """The figures must give the seed's counts, and last year's outturn clearly other ones."""
    assert len(ms) == 52 and len({m["ref"] for m in ms}) == 52
    counts = {k: sum(1 for m in ms if m["rag"] == k) for k in KENT_COUNTS}
    assert counts == KENT_COUNTS, counts
    wrong = {k: sum(1 for m in ms if m["rag_previous"] == k) for k in KENT_COUNTS}
    assert sum(abs(wrong[k] - counts[k]) for k in counts) >= 20, wrong
    assert sum(1 for m in ms if m["rag"] != m["rag_previous"]) >= 30
    for m in ms:
        if m["target"] is None:
            assert m["tolerance"] is None and m["pol_word"] is None, m["ref"]
        if m["rag"] == "red":
            assert (m["commentary"] is None) == (m["ref"] in KENT_RED_NO_COMMENTARY), m["ref"]
    for ref, word in KENT_SUPPLIED_RAG.items():
        assert next(m for m in ms if m["ref"] == ref)["rag"] != word.lower(), ref
    # Boundary cases: on Target, on Min (the float traps of SPEC 2.1 included).
    on_target = [m["ref"] for m in ms if m["target"] is not None and m["value"] == m["target"]]
    on_min = [m["ref"] for m in ms if m["target"] is not None and m["value"] == m["target_min"]]
    assert on_target == ["RA06", "CP07"] and on_min == ["EH04", "EH05", "AD01"], (on_target, on_min)
    assert float(Decimal("0.80")) - float(Decimal("0.10")) > 0.70       # naive: EH04 red
    assert float(Decimal("0.12")) + float(Decimal("0.02")) < 0.14       # naive: EH05 red
    return counts, wrong


def kent_value_cell(m, field):
    d = m[field]
    if d is None:
        return None
    if m["unit"] == "percent":
        fmt = PCT1 if field in ("value", "previous") else (PCT0 if d * 100 == int(d * 100) else PCT1)
    else:
        fmt = KENT_FORMATS[m["unit"]]
    return C(num(d), fmt=fmt)


def kent_sheet(ms, order, prev_header, value_header, sheet_name=KENT_SHEET):
    """The scorecard; returns (Sheet, {ref: row}, {field: column})."""
    sh = Sheet(sheet_name)
    for i, t in enumerate(KENT_TITLE):
        sh.put_row(1 + i, [C(t, bold=(i == 0))])
    headers = dict(KENT_HEADERS, previous=prev_header, value=value_header)
    sh.put_row(KENT_HEADER_ROW, [C(headers[f], bold=True) for f in order])
    col = {f: i + 1 for i, f in enumerate(order)}
    r = KENT_HEADER_ROW + 1
    rows, group = {}, None
    for m in ms:
        if m["group"] != group:
            group = m["group"]
            sh.put_row(r, [C(group, bold=True, fill=BOLD_FILL)])
            sh.merge(f"A{r}:{L(len(order))}{r}")
            r += 1
        supplied = KENT_SUPPLIED_RAG.get(m["ref"], "" if m["rag"] == "none" else m["rag"].capitalize())
        cells = {"ref": m["ref"], "title": m["title"], "polarity": f"{m['pol_word']} is good" if m["pol_word"] else None,
                 "previous": kent_value_cell(m, "previous"), "target": kent_value_cell(m, "target"),
                 "tolerance": kent_value_cell(m, "tolerance"), "value": kent_value_cell(m, "value"),
                 "rag": supplied or None, "commentary": m["commentary"]}
        sh.put_row(r, [cells[f] for f in order])
        rows[m["ref"]] = r
        r += 1
    return sh, rows, col


def kent_expectation(file, ms, rows, col):
    ex = {}
    for m in ms:
        ex[m["ref"]] = {"group": m["group"], "title": m["title"], "value": num(m["value"]),
                        "previous": num(m["previous"]), "unit": m["unit"],
                        "target_min": num(m["target_min"]), "target_upper": num(m["target_upper"]),
                        "polarity": m["polarity"], "rag": m["rag"]}
    findings = [finding("rag-mismatch", KENT_SHEET, f"{L(col['rag'])}{rows[ref]}", "warning")
                for ref in sorted(KENT_SUPPLIED_RAG)]
    findings += [finding("missing-commentary", KENT_SHEET, f"{L(col['commentary'])}{rows[ref]}", "warning")
                 for ref in sorted(KENT_RED_NO_COMMENTARY)]
    return expectation(file, KENT_AS_OF, exit=[0], counts=dict(KENT_COUNTS), measures=ex, findings=findings)


def gen_kent(folder, problems):
    ms = kent_measures()
    check_kent_data(ms)
    sh, rows, col = kent_sheet(ms, KENT_STD, "Outturn 2011-12", "Outturn 2012-13")
    cases = [kent_expectation(n, ms, rows, col) for n in three_writers(folder, "kent", [sh], problems)]
    for stem, engine, order, prev_h, value_h in KENT_VARIANTS:
        vsh, vrows, vcol = kent_sheet(ms, order, prev_h, value_h)
        save(os.path.join(folder, stem + ".xlsx"), [vsh], engine)
        cases.append(kent_expectation(stem + ".xlsx", ms, vrows, vcol))
    return cases


# =====================================================================================
# B. seed 003: "Children's Social Care Highlight Indicators"
# =====================================================================================

HL_AS_OF = "2023-09-30"
HL_SHEET = "Highlight Indicators"
HL_PREV = "2022/23"
HL_MONTHS = ["Mar 23", "Apr 23", "May 23", "Jun 23", "Jul 23", "Aug 23"]
HL_FIRST_ROW = 7
HL_COUNTS = {"green": 3, "amber": 6, "red": 5, "none": 3}


def seed_cell(n, fmt=None):
    if n is None:
        return None
    if n == "n/a":
        return C("n/a")
    return C(float(n), fmt=fmt or n.fmt)


def highlight_sheet(kpis):
    """Seed 003's table as the seed prints it: title, sub-title, a banner row,
    then three header rows (merged), group rows with a grey fill."""
    sh = Sheet(HL_SHEET)
    sh.put("A1", C("Children's Social Care Highlight Indicators", bold=True))
    sh.put("A2", "This report provides summary overview of KPIs linked to child-centred performance "
                 "management data being used in support of performance improvement across CSC")
    for rng, text in (("A3:B3", "Performance measure title and reference"),
                      ("C3", "Performance from previous financial year"),
                      ("D3:M3", "Performance for current period (either snapshot, YTD or rolling year depending "
                                "on measure) - plus last six monthly performance outturns (where available)"),
                      ("N3:O3", "Agreed targets (using corporate minimum/upper model)"),
                      ("P3", "Trend line for last 6 months performance")):
        sh.put(rng.split(":")[0], C(text, bold=True))
        if ":" in rng:
            sh.merge(rng)
    for rng, text in (("A4:A6", "Ref"), ("B4:B6", "Performance Measure"), ("C4:C6", HL_PREV),
                      ("D4:M4", "Current Performance"), ("N4:O4", "Target"), ("P4:P6", "Trend"),
                      ("D5:D6", "Num"), ("E5:E6", "Denom"), ("F5:F6", "Current"), ("G5:G6", "Period"),
                      ("H5:M5", "Six Month Trend"), ("N5:N6", "Min"), ("O5:O6", "Upper")):
        sh.put(rng.split(":")[0], C(text, bold=True))
        sh.merge(rng)
    sh.put_row(6, [C(m, bold=True) for m in HL_MONTHS], col=8)
    r, group, rows = HL_FIRST_ROW, None, {}
    for k in kpis:
        if k["group"] != group:
            group = k["group"]
            sh.put_row(r, [C(group, bold=True, fill=GREY)] + [C(None, fill=GREY)] * 15)
            r += 1
        sh.put_row(r, [k["ref"], k["title"], seed_cell(k["previous"]), seed_cell(k["num"]),
                       seed_cell(k["denom"]), seed_cell(k["current"]), k["period"]]
                   + [seed_cell(t) for t in k["trend"]] + [seed_cell(k["min"]), seed_cell(k["upper"])])
        rows[k["ref"]] = r
        r += 1
    return sh, rows


def highlight_expectation(file, kpis):
    ex = {}

    def v(n):
        return None if n in (None, "n/a") else float(n.value)

    for k in kpis:
        tmin, upper = (k["min"].value if k["min"] else None), (k["upper"].value if k["upper"] else None)
        rating = spec_rating(k["current"].value, tmin, upper)
        ex[k["ref"]] = {
            "group": k["group"], "title": k["title"], "value": v(k["current"]), "previous": v(k["previous"]),
            "unit": "percent" if k["current"].pct is not None else "count",
            "numerator": v(k["num"]), "denominator": v(k["denom"]), "period_type": k["period"],
            "trend": [{"label": lab, "value": v(t)} for lab, t in zip(HL_MONTHS, k["trend"])],
            "target_min": v(k["min"]), "target_upper": v(k["upper"]),
            "polarity": "none" if tmin is None else ("lower" if tmin > upper else "higher"), "rag": rating}
    counts = {c: sum(1 for m in ex.values() if m["rag"] == c) for c in HL_COUNTS}
    assert counts == HL_COUNTS, counts
    assert ex["5.10"]["polarity"] == "lower" and ex["5.10"]["target_min"] == 0.10
    # Seed 003 has no commentary column: whether its five reds owe a finding is
    # not this test's question (see README), so missing-commentary is tolerated.
    return expectation(file, HL_AS_OF, exit=[0], counts=dict(HL_COUNTS), period="Aug 23", measures=ex,
                       tolerate=["missing-commentary"])


def gen_highlight(folder, problems):
    kpis = make_samples.parse_seed_kpis()
    sh, _ = highlight_sheet(kpis)
    return [highlight_expectation(n, kpis) for n in three_writers(folder, "highlight", [sh], problems)]


# =====================================================================================
# C. seed 002: Medway improvement plan
# =====================================================================================

PLAN_AS_OF = "2020-04-23"
PLAN_SHEET = "Improvement Plan"
PLAN_HEADERS = ["Ref", "Action", "Lead", "Due date", "Status", "Progress update"]
PLAN_TITLE = ["Medway Council Children's Services",
              "Improvement Plan October 2019 \u2013 progress update for the Improvement Board",
              "Position at 31 March 2020"]
PLAN_HEADER_ROW = 5

PLAN_ACTIONS = {
    "Quality of Practice": [
        "Audit a sample of referrals each month and feed back to teams",
        "Introduce a single assessment template with an analysis of risk",
        "Make sure every child in need has a plan reviewed within timescale",
        "Record management oversight on every case at least every 8 weeks",
        "Relaunch the threshold guidance with partners",
        "Deliver training on chronologies and case summaries",
        "Hold strategy discussions within one working day of a referral",
        "Write child protection plans with outcomes a family can understand",
        "Introduce direct work tools so the child's voice is recorded",
        "Review every child subject to a plan for more than 18 months",
        "Track pre-proceedings cases through a fortnightly panel",
        "Improve the quality of supervision recorded on case files",
        "Review every episode of a child missing from care",
        "Offer return home interviews within 72 hours",
        "Audit the quality of care plans for children in care",
        "Complete initial health assessments within 20 working days",
        "Publish a practice standards handbook for social workers",
        "Review all children placed with parents under a care order",
        "Strengthen the response to exploitation and harm outside the home",
        "Introduce group supervision in the assessment teams",
        "Review the quality of pathway plans for care leavers",
        "Observe practice in every team each quarter",
    ],
    "Capacity and capability of workforce": [
        "Launch a recruitment campaign for experienced social workers",
        "Reduce average caseloads in the assessment teams to 20",
        "Offer a retention payment to social workers in hard-to-fill posts",
        "Set up an academy for newly qualified social workers",
        "Replace agency team managers with permanent appointments",
        "Agree a career progression framework with staff",
        "Run exit interviews for every social worker who leaves",
        "Deliver a management development programme for team managers",
        "Give every social worker a personal development plan",
        "Hold monthly staff briefings with the Director",
        "Introduce a workload tool to allocate cases fairly",
        "Survey staff twice a year and publish the actions taken",
    ],
    "Effective Leadership and Management": [
        "Appoint a permanent Assistant Director for children's social care",
        "Realign the service into teams of a sustainable size",
        "Hold weekly senior management performance meetings",
        "Report progress on the plan to the Improvement Board every month",
        "Brief elected members on their corporate parenting role",
        "Agree the budget needed for the realigned service",
        "Introduce a scheme of delegation for key decisions",
        "Hold quarterly service reviews with heads of service",
        "Set up a practice leadership group chaired by the Principal Social Worker",
    ],
    "Quality Assurance and Performance Management": [
        "Publish a quality assurance framework",
        "Produce a monthly performance report for every team",
        "Moderate a sample of case audits each month",
        "Train team managers to use the performance dashboard",
        "Report audit themes to the senior management team quarterly",
        "Introduce a complaints learning log",
        "Collect feedback from children and families after every assessment",
        "Agree a data quality plan with the business intelligence team",
        "Review the performance indicators reported to the Board",
    ],
    "Partnership working": [
        "Agree a joint protocol for strategy discussions with the police",
        "Set up a multi-agency exploitation panel",
        "Review the early help offer with schools",
        "Hold a partnership conference on neglect",
        "Agree a health pathway for children in care",
        "Bring the safeguarding partners' independent scrutineer into the plan",
        "Share the threshold guidance with every school",
        "Agree information sharing arrangements with health visitors",
        "Set up a joint training programme with partners",
        "Report partner contributions to the Improvement Board",
    ],
}
PLAN_SECTIONS = list(make_samples.SEED_PLAN_TABLE)
LEADS = ["Assistant Director Children's Social Care", "Head of First Response", "Principal Social Worker",
         "Head of Corporate Parenting", "HR Business Partner", "Head of Quality Assurance",
         "Director of Children and Adults"]
WORDS = {"blue": "Blue", "green": "Green", "amber": "Amber", "red": "Red"}


def plan_actions():
    """The 62 actions: seed 002's counts per section; exactly 3 reds with no
    progress, 2 overdue ambers (with progress) and, owing nothing, an amber
    not yet due, a green and a blue with no progress."""
    out = []
    for si, section in enumerate(PLAN_SECTIONS):
        total, b, g, a, r = make_samples.SEED_PLAN_TABLE[section]
        statuses = ["blue"] * b + ["green"] * g + ["amber"] * a + ["red"] * r
        random.Random(2019 + si).shuffle(statuses)
        texts = PLAN_ACTIONS[section]
        assert len(texts) == total == len(statuses), section
        for i, (text, st) in enumerate(zip(texts, statuses), 1):
            due = {"blue": "2020-01-31", "green": "2020-09-30", "amber": "2020-06-30", "red": "2020-07-31"}[st]
            out.append({"ref": f"{si + 1}.{i}", "section": section, "action": text, "lead": LEADS[(si + i) % 7],
                        "due": due, "status": st,
                        "progress": f"Update on {si + 1}.{i}: work is under way and reported monthly."})
    by_status = {s: [x for x in out if x["status"] == s] for s in WORDS}
    for x in (by_status["red"][0], by_status["red"][4], by_status["red"][8]):
        x["progress"] = None                               # red, no progress: missing-commentary
    for x in (by_status["amber"][1], by_status["amber"][12]):
        x["due"] = "2020-03-31"                            # overdue amber with progress: overdue only
    for x in (by_status["amber"][5], by_status["green"][3], by_status["blue"][2]):
        x["progress"] = None                               # owes nothing
    reds = [x["ref"] for x in out if x["status"] == "red" and not x["progress"]]
    overdue = [x["ref"] for x in out if x["due"] < PLAN_AS_OF and x["status"] != "blue"]
    assert len(reds) == 3 and len({x["section"] for x in out if x["ref"] in reds}) == 3, reds
    assert len(overdue) == 2 and all(x["progress"] for x in out if x["ref"] in overdue), overdue
    return out


def plan_sheet(actions, name=PLAN_SHEET, title=PLAN_TITLE, header_row=PLAN_HEADER_ROW):
    """A plan table with sections as group rows; returns (Sheet, {ref: row})."""
    sh = Sheet(name)
    for i, t in enumerate(title):
        sh.put_row(1 + i, [C(t, bold=(i == 0))])
    sh.put_row(header_row, [C(h, bold=True) for h in PLAN_HEADERS])
    r, section, rows = header_row + 1, None, {}
    for x in actions:
        if x["section"] != section:
            section = x["section"]
            sh.put_row(r, [C(section, bold=True, fill=BOLD_FILL)])
            r += 1
        sh.put_row(r, [x["ref"], x["action"], x["lead"], C(dt.date.fromisoformat(x["due"]), fmt=DATE_FMT),
                       x["status_text"] if "status_text" in x else WORDS[x["status"]], x["progress"]])
        rows[x["ref"]] = r
        r += 1
    return sh, rows


def plan_findings(actions, rows, sheet, as_of):
    """Overdue (due cell, D) and missing-commentary (progress cell, F) owed by these actions."""
    out = []
    for x in actions:
        st = x["status"]
        overdue = st in ("green", "amber", "red") and x["due"] < as_of
        if overdue:
            out.append(finding("overdue", sheet, f"D{rows[x['ref']]}", "warning"))
        if not x["progress"] and (st == "red" or (st == "amber" and overdue)):
            out.append(finding("missing-commentary", sheet, f"F{rows[x['ref']]}", "warning"))
    return out


def gen_plan(folder, problems):
    actions = plan_actions()
    sh, rows = plan_sheet(actions)
    sections = [dict(zip(("name", "total", "blue", "green", "amber", "red"), (s,) + make_samples.SEED_PLAN_TABLE[s]),
                     unrated=0) for s in PLAN_SECTIONS]
    for s in sections:    # the table written must be the seed's
        got = [x["status"] for x in actions if x["section"] == s["name"]]
        assert [len(got)] + [got.count(k) for k in WORDS] == [s[k] for k in ("total",) + tuple(WORDS)], s
    ex_actions = {x["ref"]: {"section": x["section"], "status": x["status"], "due": x["due"], "lead": x["lead"]}
                  for x in actions}
    findings = plan_findings(actions, rows, PLAN_SHEET, PLAN_AS_OF)
    assert sum(f["code"] == "missing-commentary" for f in findings) == 3
    return [expectation(n, PLAN_AS_OF, exit=[0], sections=sections, actions=ex_actions, findings=findings)
            for n in three_writers(folder, "medway", [sh], problems)]


# =====================================================================================
# D. targeted cases
# =====================================================================================

D_AS_OF = "2013-06-12"
KPI_HEADERS = ["Ref", "Measure", "Current", "Min", "Upper", "Commentary"]


def kpi_rows_sheet(name, rows, title="Performance return, May 2013", headers=KPI_HEADERS):
    """Title row, header in row 3, measures from row 4.  rows: lists of cells."""
    sh = Sheet(name)
    sh.put("A1", C(title, bold=True))
    sh.put_row(3, [C(h, bold=True) for h in headers])
    for i, row in enumerate(rows):
        sh.put_row(4 + i, row)
    return sh


def pct_measure(value, tmin, upper, rating):
    return {"value": value, "previous": None, "unit": "percent", "target_min": tmin, "target_upper": upper,
            "polarity": "higher" if rating != "none" else "none", "rag": rating}


def both_writers(folder, stem, sheets, make_case):
    """stem_opx.xlsx and stem_xw.xlsx with one expectation function of the file name."""
    cases = []
    for engine, tag in (("openpyxl", "opx"), ("xlsxwriter", "xw")):
        name = f"{stem}_{tag}.xlsx"
        save(os.path.join(folder, name), sheets, engine)
        cases.extend(make_case(name))
    return cases


def case_scale(folder):
    """93.5 (General) against 0.9 / 0.95 (0%), and 0.935 (%) against 90 / 95 (General)."""
    s = "Scale"
    sh = kpi_rows_sheet(s, [
        ["S1", "% of contacts completed within 1 day", 93.5, C(0.9, fmt=PCT0), C(0.95, fmt=PCT0),
         "Typed without the percent format"],
        ["S2", "% of referrals with a decision within 1 working day", C(0.935, fmt=PCT1), 90, 95,
         "Targets typed as whole numbers"],
        ["S3", "% of assessments authorised within 5 working days", C(0.962, fmt=PCT1), C(0.9, fmt=PCT0),
         C(0.95, fmt=PCT0), None],
        ["S4", "% of strategy discussions within 1 working day", C(0.912, fmt=PCT1), C(0.9, fmt=PCT0),
         C(0.95, fmt=PCT0), None],
    ])
    expected = {"S3": pct_measure(0.962, 0.9, 0.95, spec_rating(Decimal("0.962"), Decimal("0.9"), Decimal("0.95"))),
                "S4": pct_measure(0.912, 0.9, 0.95, spec_rating(Decimal("0.912"), Decimal("0.9"), Decimal("0.95")))}
    assert [expected[r]["rag"] for r in ("S3", "S4")] == ["green", "amber"]
    return both_writers(folder, "scale", [sh], lambda f: [expectation(
        f, D_AS_OF, exit=[1], counts={"green": 1, "amber": 1, "red": 0}, measures=expected,
        not_rated=["S1", "S2"],
        findings=[finding("scale-mismatch", s, "C4", "error"),
                  # which cell of S2 is "wrong" (the % value or the two typed targets) is a choice
                  finding("scale-mismatch", s, ["C5", "D5", "E5"], "error")])])


def case_percent_typed(folder):
    """90 against 85 and 95, all General, under a '%' title: percent, amber, no scale finding."""
    s = "Assessments"
    sh = kpi_rows_sheet(s, [
        ["T1", "% assessments completed in 45 days", 90, 85, 95, None],
        ["T2", "Number of children in need", C(3050, fmt="#,##0"), None, None, None],
    ])
    rating = spec_rating(Decimal("0.90"), Decimal("0.85"), Decimal("0.95"))
    assert rating == "amber"
    expected = {"T1": pct_measure(0.90, 0.85, 0.95, rating),
                "T2": {"value": 3050.0, "unit": "count", "target_min": None, "target_upper": None,
                       "polarity": "none", "rag": "none"}}
    return both_writers(folder, "pct_typed", [sh], lambda f: [expectation(
        f, D_AS_OF, exit=[0], counts={"green": 0, "amber": 1, "red": 0, "none": 1}, measures=expected)])


def case_percent_over(folder):
    """112% (1.12 formatted %): scale-mismatch at the value, not rated."""
    s = "Visits"
    sh = kpi_rows_sheet(s, [
        ["V1", "% of children in need visited within 4 weeks", C(1.12, fmt=PCT1), C(0.85, fmt=PCT0),
         C(0.9, fmt=PCT0), "Count includes visits to siblings"],
        ["V2", "% of children in care visited within 6 weeks", C(0.874, fmt=PCT1), C(0.85, fmt=PCT0),
         C(0.9, fmt=PCT0), None],
    ])
    expected = {"V2": pct_measure(0.874, 0.85, 0.9, spec_rating(Decimal("0.874"), Decimal("0.85"), Decimal("0.9")))}
    assert expected["V2"]["rag"] == "amber"
    return both_writers(folder, "pct_over", [sh], lambda f: [expectation(
        f, D_AS_OF, exit=[1], counts={"green": 0, "amber": 1, "red": 0}, measures=expected, not_rated=["V1"],
        findings=[finding("scale-mismatch", s, "C4", "error")])])


AMBIGUOUS = [("Q1", "Green"), ("Q2", "Red/Amber"), ("Q3", "G/A"), ("Q4", "Amber-Green"), ("Q5", "Amber/Green"),
             ("Q6", "Red")]


def vocabulary_with_amber_green(path):
    """templates/vocabulary.txt with "Amber/Green" added under [status.amber]."""
    with open(VOCABULARY, encoding="utf-8") as f:
        lines = f.read().splitlines()
    i = lines.index("[status.amber]")
    lines.insert(i + 1, "Amber/Green")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def case_ambiguous_status(folder):
    s = "Plan"
    actions = [{"ref": ref, "section": "Quality of Practice", "action": f"Action {ref} of the plan",
                "lead": "Head of Service", "due": "2013-09-30", "status_text": word,
                "status": word.lower() if word in ("Green", "Red") else None,
                "progress": f"Progress on {ref} reported in May"} for ref, word in AMBIGUOUS]
    sh, rows = plan_sheet(actions, name=s, title=["Improvement plan return, May 2013"], header_row=3)
    vocab = vocabulary_with_amber_green(os.path.join(folder, "vocabulary-amber-green.txt"))
    known = {"Q1": "green", "Q6": "red"}

    def cases(f):
        plain = expectation(
            f, D_AS_OF, exit=[1], section_counts_only=True,
            sections=[{"name": "Quality of Practice", "blue": 0, "green": 1, "amber": 0, "red": 1}],
            actions={r: {"status": st} for r, st in known.items()}, not_rated=["Q2", "Q3", "Q4", "Q5"],
            findings=[finding("ambiguous-status", s, f"E{rows[r]}", "error") for r in ("Q2", "Q3", "Q4", "Q5")])
        # Vocabulary matching ignores punctuation, so "Amber-Green" is the same
        # entry as "Amber/Green": both read as amber once the file maps it.
        mapped = expectation(
            f, D_AS_OF, exit=[1], section_counts_only=True, extra_args=["--vocabulary", os.path.basename(vocab)],
            sections=[{"name": "Quality of Practice", "blue": 0, "green": 1, "amber": 2, "red": 1}],
            actions={r: {"status": st} for r, st in dict(known, Q4="amber", Q5="amber").items()},
            not_rated=["Q2", "Q3"],
            findings=[finding("ambiguous-status", s, f"E{rows[r]}", "error") for r in ("Q2", "Q3")])
        mapped["name"] = f + " --vocabulary"
        return [plain, mapped]

    return both_writers(folder, "ambiguous_status", [sh], cases)


def case_missing_commentary(folder):
    """KPI and plan rows that owe commentary, and rows that do not."""
    k = "KPIs"
    kpis = kpi_rows_sheet(k, [
        ["M1", "% of initial assessments within 10 working days", C(0.62, fmt=PCT1), C(0.75, fmt=PCT0),
         C(0.85, fmt=PCT0), None],                                        # red, empty: owed
        ["M2", "% of core assessments within 35 working days", C(0.58, fmt=PCT1), C(0.7, fmt=PCT0),
         C(0.8, fmt=PCT0), "Two teams were without a manager in April."],  # red, given
        ["M3", "% of child protection visits within 10 working days", C(0.91, fmt=PCT1), C(0.9, fmt=PCT0),
         C(0.95, fmt=PCT0), None],                                        # amber: not owed
        ["M4", "% of reviews held within timescale", C(0.99, fmt=PCT1), C(0.95, fmt=PCT0),
         C(0.98, fmt=PCT0), None],                                        # green: not owed
    ])
    p = "Plan"
    acts = [
        ("P1", "red", "2013-09-30", None),        # red, empty: owed
        ("P2", "amber", "2013-03-31", None),      # overdue amber, empty: owed (and overdue)
        ("P3", "green", "2013-09-30", None),      # green, empty: not owed
        ("P4", "amber", "2013-09-30", None),      # amber not yet due, empty: not owed
        ("P5", "red", "2013-09-30", "Recruitment to the two vacant posts is under way."),
        ("P6", "blue", "2013-03-31", None),       # complete: not owed, not overdue
    ]
    actions = [{"ref": r, "section": "Quality of Practice", "action": f"Action {r} of the plan",
                "lead": "Head of Service", "due": due, "status": st, "progress": prog} for r, st, due, prog in acts]
    plan, rows = plan_sheet(actions, name=p, title=["Improvement plan return, May 2013"], header_row=3)
    ratings = [spec_rating(Decimal(v), Decimal(a), Decimal(b)) for v, a, b in
               (("0.62", "0.75", "0.85"), ("0.58", "0.7", "0.8"), ("0.91", "0.9", "0.95"), ("0.99", "0.95", "0.98"))]
    assert ratings == ["red", "red", "amber", "green"]
    expected = {f"M{i + 1}": {"rag": r} for i, r in enumerate(ratings)}
    findings = [finding("missing-commentary", k, "F4", "warning")] + plan_findings(actions, rows, p, D_AS_OF)
    assert [(f["code"], f["cells"]) for f in findings[1:]] == [
        ("missing-commentary", [f"F{rows['P1']}"]), ("overdue", [f"D{rows['P2']}"]),
        ("missing-commentary", [f"F{rows['P2']}"])]
    return both_writers(folder, "commentary", [kpis, plan], lambda f: [expectation(
        f, D_AS_OF, exit=[0], counts={"green": 1, "amber": 1, "red": 2}, measures=expected,
        section_counts_only=True,
        sections=[{"name": "Quality of Practice", "blue": 1, "green": 1, "amber": 2, "red": 2}],
        actions={x["ref"]: {"status": x["status"]} for x in actions}, findings=findings)])


def case_same_year(folder):
    """Outturn 2012-13 and 2012/13 side by side: say so, rate nothing from a guess."""
    s = KENT_SHEET
    order = ["ref", "title", "polarity", "previous", "value", "value2", "target", "tolerance", "rag", "commentary"]
    headers = ["Indicator No.", "Indicator", "Polarity", "Outturn 2011-12", "Outturn 2012-13", "2012/13",
               "Target", "Tolerance", "RAG", "Commentary"]
    # (ref, title, 2011-12, Outturn 2012-13, 2012/13, target, tolerance): the two
    # 2012-13 columns give different ratings, so any guess shows.
    rows = [("Y1", "% of initial assessments completed within 10 working days", "0.70", "0.86", "0.78", "0.85", "0.10"),
            ("Y2", "% of child protection visits within 10 working days", "0.88", "0.91", "0.96", "0.95", "0.05"),
            ("Y3", "% of children in care with an up-to-date health assessment", "0.80", "0.84", "0.92", "0.90", "0.05")]
    sh = Sheet(s)
    sh.put_row(1, [C("County Scorecard 2012-13", bold=True)])
    sh.put_row(3, [C(h, bold=True) for h in headers])
    for i, (ref, title, prev, a, b, t, tol) in enumerate(rows):
        ra = spec_rating(Decimal(a), Decimal(t) - Decimal(tol), Decimal(t))
        rb = spec_rating(Decimal(b), Decimal(t) - Decimal(tol), Decimal(t))
        assert ra != rb, ref
        sh.put_row(4 + i, [ref, title, "High is good", C(float(prev), fmt=PCT1), C(float(a), fmt=PCT1),
                           C(float(b), fmt=PCT1), C(float(t), fmt=PCT0), C(float(tol), fmt=PCT0), None, None])
    assert len(order) == len(headers)
    return both_writers(folder, "same_year", [sh], lambda f: [expectation(
        f, D_AS_OF, exit=[0, 1], counts={"green": 0, "amber": 0, "red": 0}, not_rated=[r[0] for r in rows],
        findings=[finding("ambiguous-period", s, ["E3", "F3"])],
        # Having refused to guess, a table with no value column may also say so.
        tolerate=["missing-column", "missing-value"])])


def case_no_table(folder):
    sh = Sheet("Notes")
    for i, t in enumerate(["Notes for the June committee",
                           "The scorecard will follow once the year-end data are signed off.",
                           "Adoption figures are provisional until the DfE return is validated.",
                           "Contact the Performance Team with any questions."]):
        sh.put_row(1 + 2 * i, [t])
    return both_writers(folder, "no_table", [sh], lambda f: [expectation(
        f, D_AS_OF, exit=[2], no_output=True, stderr_contains=[f])])


# One measure per unit: (ref, title, cell, unit, expected value)
UNITS = [
    ("U1", "% of referrals with a decision within 1 working day", C(0.955, fmt=PCT1), "percent", 0.955),
    ("U2", "Number of children in need", C(3050, fmt="#,##0"), "count", 3050.0),
    ("U3", "Rate of referrals per 1,000 children", C(32.4, fmt="0.0"), "rate_per_1000", 32.4),
    ("U4", "Rate of children subject to a child protection plan per 10,000 children", C(42.6, fmt="0.0"),
     "rate_per_10000", 42.6),
    ("U5", "Average days from entering care to moving in with an adoptive family", C(547, fmt="0"), "days", 547.0),
    ("U6", "Average weeks for care proceedings", C(38.5, fmt="0.0"), "weeks", 38.5),
    ("U7", "Average months from placement order to match", C(6.2, fmt="0.0"), "months", 6.2),
    ("U8", "Average weekly cost of an independent fostering placement", C(812.5, fmt="\u00a3#,##0.00"),
     "currency", 812.5),
    ("U9", "Average caseload of a qualified social worker", 18.2, "number", 18.2),
]


def case_units(folder):
    s = "Units"
    sh = kpi_rows_sheet(s, [[ref, title, cell] for ref, title, cell, _, _ in UNITS],
                        headers=["Ref", "Measure", "Current"])
    expected = {ref: {"value": v, "unit": unit, "target_min": None, "target_upper": None, "rag": "none"}
                for ref, _, _, unit, v in UNITS}
    return both_writers(folder, "units", [sh], lambda f: [expectation(
        f, D_AS_OF, exit=[0], counts={"green": 0, "amber": 0, "red": 0, "none": len(UNITS)}, measures=expected)])


TARGETED = [case_scale, case_percent_typed, case_percent_over, case_ambiguous_status, case_missing_commentary,
            case_same_year, case_no_table, case_units]


def gen_targeted(folder, problems):
    return [c for builder in TARGETED for c in builder(folder)]


# =====================================================================================

GROUPS = {"kent": gen_kent, "highlight": gen_highlight, "plan": gen_plan, "targeted": gen_targeted}


def generate(out, group):
    """Write one group's workbooks into OUT/GROUP; returns (folder, expectations,
    problems): lines about files that could not be made (no soffice)."""
    folder = os.path.join(out, group)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    problems = []
    cases = GROUPS[group](folder, problems)
    with open(os.path.join(folder, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, indent=1, sort_keys=True)
    return folder, cases, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--group", choices=sorted(GROUPS), action="append")
    a = ap.parse_args()
    for g in a.group or list(GROUPS):
        folder, cases, problems = generate(a.out, g)
        print(f"{g}: {len(cases)} expectations in {folder}" + "".join(f"\n  {p}" for p in problems))


if __name__ == "__main__":
    main()

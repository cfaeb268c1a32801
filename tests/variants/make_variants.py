#!/usr/bin/python3
"""Variant team workbooks for boardpack's recognition and validation tests.

Every builder here writes one or more workbooks into a folder and returns
what boardpack should make of them; run_variants.py runs boardpack on them
and checks.  Run on its own to write every variant for a look:

    /usr/bin/python3 tests/variants/make_variants.py OUT_DIR

The header-synonym variants are read from templates/vocabulary.txt, so the
tests grow with the vocabulary.
"""

import datetime as dt
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vlib import C, DATE_FMT, PCT1, Sheet, date, pct, read_vocabulary, write  # noqa: E402

# ---- a standard improvement plan ----------------------------------------------

PLAN_FIELDS = ["ref", "section", "action", "lead", "due", "status", "progress", "evidence"]
PLAN_STD = {"ref": "Ref", "section": "Section", "action": "Action", "lead": "Lead", "due": "Due date",
            "status": "Status", "progress": "Progress update", "evidence": "Evidence of impact"}

# Header texts that mean nothing to boardpack (checked against the vocabulary
# by run_variants.py): with as many of them as recognised columns, a header
# row is recognised only if every recognised column counts.
JUNK_HEADERS = ["Team use only", "Internal code", "Spare column", "Cost centre", "Office use"]


def plan_action(ref, section="Quality of Practice", action=None, lead="Head of Service", due="2027-03-31",
                status="Green", progress=None, evidence=None):
    # Defaults do not begin with a header word: a first row of those could pass for a sub-header.
    return {"ref": ref, "section": section, "action": action if action is not None else f"Carry out task {ref}",
            "lead": lead, "due": due, "status": status,
            "progress": progress if progress is not None else f"Training on {ref} delivered in October",
            "evidence": evidence if evidence is not None else f"Audit of {ref} shows change"}


def plan_cell(field, a):
    v = a.get(field)
    if v is None or v == "":
        return None
    if isinstance(v, C):
        return v
    if field == "due" and isinstance(v, str) and len(v) == 10 and v[4] == "-":
        return date(v)
    return v


def plan_sheet(name, actions, headers=None, fields=PLAN_FIELDS, top=1, title_rows=(), group_rows=None):
    """A plan table; header texts default to PLAN_STD.  group_rows: {index in
    actions: heading} writes a group row (bold, filled) before that action."""
    headers = headers or {}
    sh = Sheet(name)
    for i, t in enumerate(title_rows):
        sh.put_row(top - len(title_rows) - 1 + i if top > len(title_rows) + 1 else 1 + i, [t])
    hdr = [C(headers.get(f, PLAN_STD.get(f, f)), bold=True) for f in fields]
    sh.put_row(top, hdr)
    r = top + 1
    rows = {}
    for i, a in enumerate(actions):
        if group_rows and i in group_rows:
            sh.put_row(r, [C(group_rows[i], bold=True, fill={"rgb": "FFD9E1F2"})])
            r += 1
        sh.put_row(r, [plan_cell(f, a) for f in fields])
        rows[a["ref"] if a.get("ref") else f"#{i}"] = r
        r += 1
    sh.rows_of = rows
    return sh


# ---- a standard KPI table ------------------------------------------------------

MONTHS = ["May 26", "Jun 26", "Jul 26", "Aug 26", "Sep 26", "Oct 26"]
KPI_STD = {"ref": "Ref", "group": "Group", "title": "Measure", "previous": "Previous year", "numerator": "Num",
           "denominator": "Denom", "value": "Current", "period_type": "Period", "target_min": "Min",
           "target_upper": "Upper", "target": "Target", "tolerance": "Tolerance", "polarity": "Polarity",
           "rag": "RAG", "commentary": "Commentary", "trend": "Six month trend"}
KPI_FIELDS = ["ref", "group", "title", "previous", "numerator", "denominator", "value", "period_type", "months",
              "target_min", "target_upper", "polarity", "rag", "commentary"]


def kpi_measure(ref, title=None, **kw):
    m = {"ref": ref, "title": title if title is not None else f"Percentage of things done on time ({ref})"}
    m.update(kw)
    return m


def kpi_sheet(name, measures, headers=None, fields=KPI_FIELDS, top=1, months=MONTHS, title_rows=(),
              group_rows=None, trend_header=None):
    """A KPI table, header in one row (or two when trend_header is given: it
    is merged over the month columns, months below).  Measure values are
    written as given (C() for formats); 'months' is a list of values."""
    headers = headers or {}
    sh = Sheet(name)
    for i, t in enumerate(title_rows):
        sh.put_row(1 + i, [t])
    hrow = top + (1 if trend_header else 0)
    col = 1
    colmap = {}
    for f in fields:
        if f == "months":
            first = col
            for lab in months:
                sh.cells[(hrow, col)] = lab if isinstance(lab, C) else C(lab, bold=True)
                col += 1
            colmap["months"] = (first, col - 1)
            if trend_header:
                sh.cells[(top, first)] = C(trend_header, bold=True)
                sh.merge(f"{_L(first)}{top}:{_L(col - 1)}{top}")
            continue
        h = headers.get(f, KPI_STD.get(f, f))
        sh.cells[(top, col)] = h if isinstance(h, C) else C(h, bold=True)
        if trend_header:
            sh.merge(f"{_L(col)}{top}:{_L(col)}{hrow}")
        colmap[f] = col
        col += 1
    r = hrow + 1
    rows = {}
    for i, m in enumerate(measures):
        if group_rows and i in group_rows:
            sh.put_row(r, [C(group_rows[i], bold=True, fill={"rgb": "FFD9D9D9"})])
            r += 1
        for f, c in colmap.items():
            if f == "months":
                for k, v in enumerate(m.get("months", [])):
                    if v is not None:
                        sh.cells[(r, c[0] + k)] = v if isinstance(v, C) else C(v)
                continue
            v = m.get(f)
            if v is not None:
                sh.cells[(r, c)] = v if isinstance(v, C) else C(v)
        rows[m.get("ref") or f"#{i}"] = r
        r += 1
    sh.rows_of = rows
    sh.colmap = colmap
    return sh


def _L(i):
    from openpyxl.utils import get_column_letter
    return get_column_letter(i)


def write_all(out):
    """Every variant builder of run_variants.py, for a look."""
    import run_variants
    run_variants.generate_everything(out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_variants.py OUT_DIR")
    write_all(sys.argv[1])

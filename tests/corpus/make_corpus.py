#!/usr/bin/python3
"""Generate the boardpack XLSX reader corpus.

Usage:
    /usr/bin/python3 make_corpus.py OUTDIR [--groups openpyxl,xlsxwriter,...]
    /usr/bin/python3 make_corpus.py --update-fixtures

Groups (each writes OUTDIR/<files> and merges its entries into
OUTDIR/manifest.json):

  openpyxl     files written by openpyxl (inline strings, formulas without
               cached values, theme/indexed fills, ISO t="d" dates, ...)
  xlsxwriter   files written by XlsxWriter (shared strings, rich text,
               cached formula values, array formulas, tables, 1904 dates,
               constant_memory inline strings, ...)
  libreoffice  openpyxl/XlsxWriter files re-saved by LibreOffice headless
               (xlsx -> xlsx, and xlsx -> ods -> xlsx)
  sheetjs      files written by SheetJS (npm "xlsx") via sheetjs_write.js
  hand         hand-made dialects assembled with zipfile: Strict OOXML,
               parts at unusual paths, no r attributes, t="d"/t="n",
               x: namespace prefixes, <rPh> phonetic runs, shared formulas

manifest.json maps a file name to {"openpyxl_reference": OTHER, "why": ...}
when openpyxl cannot read the file itself; compare_dump.py then takes the
expected values from OTHER (which holds the same content in a dialect
openpyxl reads).

Must run under Debian's /usr/bin/python3 (python3-openpyxl 3.0.9,
python3-xlsxwriter).  Everything here is original code for this project.
"""

import argparse
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")

ALL_GROUPS = ["openpyxl", "xlsxwriter", "libreoffice", "sheetjs", "hand"]

# exit status used by run_corpus.py for "this group was skipped"
SKIP = "SKIP"


class Skipped(Exception):
    """A group could not run because a tool (soffice, node) is missing."""


# --------------------------------------------------------------------------
# shared test data

STRINGS = [
    "plain text",
    "£1,234 – budget’s é Ł ß",
    "emoji 🎉👍🏽 (astral plane)",
    "CJK 東京都 中文 한국어",
    "  leading and trailing spaces  ",
    "line1\nline2\n\nline4",
    "tab\tinside",
    "<xml & \"quotes\" 'apos'>",
    "123",
    "TRUE",
    "2023-08-31",
    " ",
    "x" * 300,
]

NUMBERS = [
    0, 1, -1, 42, 3.14159, -2.5, 1e-7, 1e15, 0.1 + 0.2, 2 ** 53,
    -123456.789, 1e300, 123456789.123456789, 2.2250738585072014e-308,
]

ERRORS = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]

# (number format, value) pairs.  Builtin format strings are mapped by
# openpyxl to numFmtId 14-22 / 45-47 (written without a <numFmt> element).
D = dt.datetime
DATE_FORMATS = [
    ("mm-dd-yy", D(2023, 8, 31)),                     # builtin 14
    ("d-mmm-yy", D(2023, 8, 31)),                     # 15
    ("d-mmm", D(2024, 2, 29)),                        # 16
    ("mmm-yy", D(2023, 12, 1)),                       # 17
    ("h:mm AM/PM", dt.time(14, 30)),                  # 18
    ("h:mm:ss AM/PM", dt.time(9, 5, 7)),              # 19
    ("h:mm", dt.time(23, 59)),                        # 20
    ("h:mm:ss", dt.time(0, 0, 1)),                    # 21
    ("m/d/yy h:mm", D(2023, 8, 31, 14, 30)),          # 22
    ("mm:ss", dt.time(0, 1, 5)),                      # 45
    ("[h]:mm:ss", dt.timedelta(hours=26, minutes=30)),  # 46
    ("mmss.0", dt.time(0, 1, 5, 500000)),             # 47
    # custom formats (numFmtId >= 164)
    ("dd/mm/yyyy", D(2023, 8, 31)),
    ("dd/mm/yyyy", D(1900, 1, 15)),                   # before the 1900 leap bug
    ("dd/mm/yyyy", D(1900, 3, 1)),
    ("d mmm yy", D(1999, 12, 31)),
    ("[$-809]dd mmmm yyyy", D(2024, 1, 2)),
    ("[Red]dd/mm/yy;@", D(2023, 8, 31)),
    ("[$-F800]dddd, mmmm dd, yyyy", D(2023, 8, 31)),
    ('"Due: "yyyy-mm-dd', D(2025, 3, 31)),
    ('yyyy"年"m"月"d"日"', D(2023, 8, 31)),
    ("h:mm AM/PM", dt.time(7, 15)),
    ("[h]:mm:ss", dt.timedelta(days=3, hours=1, minutes=2, seconds=3)),
    ("[mm]:ss", dt.timedelta(minutes=90, seconds=5)),
    ("mm:ss.0", dt.time(0, 1, 5, 500000)),
    ("yyyy-mm-dd hh:mm:ss", D(2023, 8, 31, 14, 30, 5)),
    ("yyyy-mm-dd hh:mm:ss.000", D(2023, 8, 31, 14, 30, 5, 250000)),
    ("yyyy-mm-dd", D(2023, 8, 31, 0, 0)),
    # NOT dates: quoted text / escapes / colours only
    ('0 "days"', 5),
    ('0.00 "hrs"', 7.5),
    ("0\\d", 3),
    ("0\\ \\d\\a\\y\\s", 12),
    ("#,##0.00 [$€-1]", 1234.5),
    ("[Blue]0;[Red]-0", -4),
    ("@", 17),
    ("General", 45169),
    ("0.00%", 0.125),
    ("[$-F400]h:mm:ss AM/PM", dt.time(14, 5, 6)),
    ("[$-409]h:mm:ss AM/PM;@", dt.time(2, 3, 4)),
    ("yyyy-mm-dd;@", D(2023, 8, 31)),
    ('h "hrs" mm "min"', dt.time(3, 45)),
    ("mmm d, yyyy", D(2022, 11, 5)),
    ("dd/mm/yyyy hh:mm", D(2023, 8, 31, 23, 59, 59)),   # seconds not shown, still kept
    ("# ?/?", 0.5),
    ("0.00E+00", 12345.678),
    ('_-[$£-809]* #,##0.00_-;\-[$£-809]* #,##0.00_-;_-[$£-809]* "-"??_-;_-@_-', -42.5),
]


def ensure_dir(p):
    os.makedirs(p, exist_ok=True)
    return p


def update_manifest(outdir, entries):
    path = os.path.join(outdir, "manifest.json")
    data = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    data.update(entries)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False, sort_keys=True)
        f.write("\n")


# --------------------------------------------------------------------------
# openpyxl

def write_openpyxl(outdir):
    import openpyxl
    from openpyxl.styles import PatternFill, Font
    from openpyxl.styles.colors import Color
    from openpyxl.worksheet.table import Table, TableStyleInfo

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Values"
    ws["A1"] = "strings"
    for i, s in enumerate(STRINGS, start=2):
        ws.cell(row=i, column=1, value=s)
    ws["B1"] = "numbers"
    for i, n in enumerate(NUMBERS, start=2):
        ws.cell(row=i, column=2, value=n)
    ws["C1"] = "bools"
    ws["C2"] = True
    ws["C3"] = False
    ws["D1"] = "errors"
    for i, e in enumerate(ERRORS, start=2):
        ws.cell(row=i, column=4, value=e)   # openpyxl writes t="e"
    # formulas: openpyxl writes them with no cached value
    ws["E1"] = "formulas"
    ws["E2"] = "=SUM(B2:B5)"
    ws["E3"] = '="a"&"b"'
    ws["E4"] = "=IF(C2,1,0)"
    ws["E5"] = "=NA()"
    ws["E6"] = "='Q1 £ Budget'!A1"
    ws["E7"] = "=B2*2+B3"
    # array formula (openpyxl 3.0.9: formula text + formula_attributes)
    ws["F2"] = "=B2:B4*2"
    ws.formula_attributes["F2"] = {"t": "array", "ref": "F2:F4"}
    # merged cells
    ws["H2"] = "merged across"
    ws.merge_cells("H2:J3")
    ws["H5"] = "merged down"
    ws.merge_cells("H5:H8")
    # hidden rows and columns (one single, one range)
    ws["K1"] = "in hidden col K"
    ws["M1"] = "in hidden col M"
    ws["N1"] = "in hidden col N"
    ws["P1"] = "visible col P"
    ws.column_dimensions["K"].hidden = True
    ws.column_dimensions.group("M", "O", hidden=True)
    for r in (20, 22, 23):
        ws.row_dimensions[r].hidden = True
        ws.cell(row=r, column=1, value=f"row {r} hidden")
    ws.cell(row=21, column=1, value="row 21 visible")
    # fills
    fills = [
        ("rgb FFC000", PatternFill("solid", fgColor="FFC000")),
        ("argb FF00B050", PatternFill("solid", fgColor=Color(rgb="FF00B050"))),
        ("indexed 10", PatternFill("solid", fgColor=Color(indexed=10))),
        ("indexed 13", PatternFill("solid", fgColor=Color(indexed=13))),
        ("theme 5 tint 0.4", PatternFill("solid", fgColor=Color(theme=5, tint=0.4))),
        ("theme 4 tint -0.25", PatternFill("solid", fgColor=Color(theme=4, tint=-0.249977111117893))),
        ("theme 4", PatternFill("solid", fgColor=Color(theme=4))),
        ("theme 1", PatternFill("solid", fgColor=Color(theme=1))),
        ("theme 0", PatternFill("solid", fgColor=Color(theme=0))),
        ("theme 3", PatternFill("solid", fgColor=Color(theme=3))),
        ("gray125 (not solid)", PatternFill("gray125")),
        ("darkGrid (not solid)", PatternFill("darkGrid", fgColor="FF0000")),
        ("no fill", None),
    ]
    ws["R1"] = "fills"
    for i, (label, fill) in enumerate(fills, start=2):
        c = ws.cell(row=i, column=18, value=label)
        if fill is not None:
            c.fill = fill
    ws["S2"] = "bold red font, no fill"
    ws["S2"].font = Font(bold=True, color="FF0000")

    # dates
    wd = wb.create_sheet("Dates")
    wd["A1"] = "format"
    wd["B1"] = "value"
    for i, (fmt, val) in enumerate(DATE_FORMATS, start=2):
        wd.cell(row=i, column=1, value=fmt)
        c = wd.cell(row=i, column=2, value=val)
        c.number_format = fmt
    # odd sheet names
    wq = wb.create_sheet("Q1 £ Budget")
    wq["A1"] = 1000
    wq["A2"] = "It's a sheet name with a pound sign"
    wa = wb.create_sheet("It's")
    wa["B2"] = "apostrophe sheet"
    wr = wb.create_sheet("R&D <Ops> \"x\"")
    wr["A1"] = "sheet name with XML metacharacters"
    wb.create_sheet("Empty")
    # hidden / very hidden sheets
    wh = wb.create_sheet("Hidden")
    wh.sheet_state = "hidden"
    wh["A1"] = "hidden sheet"
    wv = wb.create_sheet("VeryHidden")
    wv.sheet_state = "veryHidden"
    wv["A1"] = "very hidden sheet"
    wv["A2"] = 7
    # a table
    wt = wb.create_sheet("Table")
    rows = [("Team", "Budget", "Spend"), ("Parks", 1200, 900.5),
            ("Roads", 5400, 6100), ("Libraries", 800, 799.99)]
    for r in rows:
        wt.append(r)
    t = Table(displayName="BudgetTable", ref="A1:C4")
    t.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True)
    wt.add_table(t)
    wt["E1"] = "Other"
    wt["E2"] = 1
    wt["E3"] = 2
    t2 = Table(displayName="Other_2", ref="E1:E3")
    wt.add_table(t2)
    wb.save(os.path.join(outdir, "opx_values.xlsx"))

    # ISO dates: openpyxl writes t="d" cells when iso_dates is set
    # (timedelta values stay serial numbers under [hh]:mm:ss)
    wb = openpyxl.Workbook()
    wb.iso_dates = True
    ws = wb.active
    ws.title = "ISO"
    vals = [D(2023, 8, 31), D(2023, 8, 31, 14, 30, 5), D(2023, 8, 31, 14, 30, 5, 250000),
            dt.date(2024, 2, 29), D(1899, 12, 31), D(1899, 12, 30, 10, 30),
            D(1899, 12, 31, 10, 30), D(1900, 1, 1), D(1900, 2, 28), D(1900, 3, 1),
            D(1800, 1, 1), D(9999, 12, 31, 23, 59, 59), dt.timedelta(hours=30)]
    for i, v in enumerate(vals, start=1):
        ws.cell(row=i, column=1, value=str(v))
        ws.cell(row=i, column=2, value=v)
    ws["C1"] = "number next to iso dates"
    ws["C2"] = 45169
    wb.save(os.path.join(outdir, "opx_isodates.xlsx"))

    # time-only ISO values ("10:30:00"), which openpyxl writes for
    # datetime.time; kept apart so a reader that rejects them does not hide
    # the checks above
    wb = openpyxl.Workbook()
    wb.iso_dates = True
    ws = wb.active
    ws.title = "ISO times"
    for i, v in enumerate([dt.time(10, 30), dt.time(0, 0), dt.time(23, 59, 59, 500000)], start=1):
        ws.cell(row=i, column=1, value=str(v))
        ws.cell(row=i, column=2, value=v)
    wb.save(os.path.join(outdir, "opx_isotimes.xlsx"))
    return ["opx_values.xlsx", "opx_isodates.xlsx", "opx_isotimes.xlsx"]


# --------------------------------------------------------------------------
# XlsxWriter

class _RowOrder:
    """Collects XlsxWriter write calls and replays them in row-major order
    (constant_memory mode silently drops writes to rows already passed)."""

    def __init__(self, ws):
        self.ws, self.ops = ws, []

    def __getattr__(self, name):
        def rec(row, col, *args, **kw):
            self.ops.append((row, col, len(self.ops), name, args, kw))
        return rec

    def flush(self):
        for row, col, _, name, args, kw in sorted(self.ops, key=lambda o: o[:3]):
            getattr(self.ws, name)(row, col, *args, **kw)


def _xw_common(wb, real_ws, bold):
    ws = _RowOrder(real_ws)
    ws.write_string(0, 0, "strings")
    for i, s in enumerate(STRINGS, start=1):
        ws.write_string(i, 0, s)
    n = len(STRINGS) + 1
    # the same strings again: shared-string reuse
    ws.write_string(n, 0, STRINGS[0])
    ws.write_string(n + 1, 0, STRINGS[1])
    # strings that look like other things
    ws.write_string(n + 2, 0, "#N/A")
    ws.write_string(n + 3, 0, "=not a formula")
    # control characters are written as _xHHHH_ escapes
    ws.write_string(n + 4, 0, "bell\x07 and \x01 control chars")
    ws.write_string(n + 5, 0, "literal _x0041_ escape-looking text")
    ws.write_string(n + 6, 0, "cr\r\nlf")
    # rich text
    italic = wb.add_format({"italic": True, "font_color": "#FF0000"})
    ws.write_rich_string(n + 7, 0, "Rich ", bold, "bold", " and ", italic, "italic", " tail")
    ws.write_rich_string(n + 8, 0, bold, "all bold start", " then plain")
    ws.write_rich_string(n + 9, 0, " lead ", italic, " spaces ", " ")

    ws.write_string(0, 1, "numbers")
    for i, v in enumerate(NUMBERS, start=1):
        ws.write_number(i, 1, v)
    ws.write_string(0, 2, "bools")
    ws.write_boolean(1, 2, True)
    ws.write_boolean(2, 2, False)
    # errors can only be written as formula results by XlsxWriter
    ws.write_string(0, 3, "errors")
    err_formulas = {"#N/A": "=NA()", "#DIV/0!": "=1/0", "#VALUE!": '=1+"a"',
                    "#REF!": "=#REF!", "#NAME?": "=nosuchname", "#NUM!": "=SQRT(-1)",
                    "#NULL!": "=A1:A2 C1:C2"}
    for i, e in enumerate(ERRORS, start=1):
        ws.write_formula(i, 3, err_formulas[e], None, e)
    # formulas with cached values of each type
    ws.write_string(0, 4, "formulas")
    ws.write_formula(1, 4, "=SUM(B2:B5)", None, 42)
    ws.write_formula(2, 4, '="a"&"b"', None, "ab")          # t="str"
    ws.write_formula(3, 4, "=C2", None, True)               # t="b"
    ws.write_formula(4, 4, "=C3", None, False)
    ws.write_formula(5, 4, "=B3*2")                         # XlsxWriter writes <v>0</v>
    ws.write_formula(6, 4, '=IF(B2>0,"pos","")', None, "")  # blank value: no t attr
    ws.write_formula(7, 4, '=UPPER("mixed Case")', None, "MIXED CASE")
    ws.write_formula(8, 4, "='Sheet Two'!A1&\" x\"", None, "two x")
    # array formulas, below everything else (they write several rows)
    ws.write_string(39, 0, "array formulas")
    ws.write_array_formula(40, 5, 42, 5, "{=B2:B4*2}", None, 0)
    ws.write_array_formula(44, 5, 44, 5, "{=SUM(B2:B4*B2:B4)}", None, 1)
    ws.write_dynamic_array_formula(46, 5, 48, 5, "=SORT(B2:B4)", None, -1)
    ws.flush()


def write_xlsxwriter(outdir):
    import xlsxwriter
    files = []

    path = os.path.join(outdir, "xw_values.xlsx")
    wb = xlsxwriter.Workbook(path)
    bold = wb.add_format({"bold": True})
    ws = wb.add_worksheet("Values")
    _xw_common(wb, ws, bold)
    # merged ranges
    ws.merge_range("H2:J3", "merged across", bold)
    ws.merge_range("H5:H8", 12.5)
    # hidden rows / columns
    ws.write_string(0, 10, "hidden col K")
    ws.write_string(0, 12, "hidden col M")
    ws.write_string(0, 14, "hidden col O")
    ws.write_string(0, 15, "visible col P")
    ws.set_column("K:K", None, None, {"hidden": True})
    ws.set_column("M:O", None, None, {"hidden": True})
    for r in (29, 31, 32):
        ws.set_row(r, None, None, {"hidden": True})
        ws.write_string(r, 0, f"row {r + 1} hidden")
    ws.write_string(30, 0, "row 31 visible")
    # fills (XlsxWriter writes fgColor rgb for solid fills)
    ws.write_string(0, 17, "fills")
    fills = [("#FFC000", {"bg_color": "#FFC000"}),
             ("#4472C4", {"bg_color": "#4472C4", "pattern": 1}),
             ("red", {"bg_color": "red"}),
             ("fg+bg", {"fg_color": "#00FF00", "bg_color": "#0000FF", "pattern": 1}),
             ("pattern 3", {"bg_color": "#FFFF00", "fg_color": "#FF0000", "pattern": 3}),
             ("number + fill", {"bg_color": "#CCFFCC", "num_format": "0.00"})]
    for i, (label, props) in enumerate(fills, start=1):
        fmt = wb.add_format(props)
        if label == "number + fill":
            ws.write_number(i, 17, 3.25, fmt)
        else:
            ws.write_string(i, 17, label, fmt)

    wd = wb.add_worksheet("Dates")
    wd.write_string(0, 0, "format")
    wd.write_string(0, 1, "value")
    row = 1
    for fid in list(range(14, 23)) + [45, 46, 47] + list(range(37, 45)) + [48, 49]:
        f = wb.add_format({"num_format": fid})   # builtin id, no <numFmt>
        wd.write_string(row, 0, f"builtin {fid}")
        if fid == 46:
            wd.write_number(row, 1, 1.1041666666666667, f)   # 26:30:00
        elif fid in (18, 19, 20, 21, 45, 47):
            wd.write_number(row, 1, 0.6041724537037037, f)   # 14:30:00.5 (ish)
        elif 37 <= fid <= 49:
            wd.write_number(row, 1, -1234.5, f)   # accounting / scientific / text
        else:
            wd.write_datetime(row, 1, D(2023, 8, 31, 14, 30), f)
        row += 1
    for fmt, val in DATE_FORMATS[12:]:
        f = wb.add_format({"num_format": fmt})
        wd.write_string(row, 0, fmt)
        if isinstance(val, (D, dt.date, dt.time, dt.timedelta)):
            wd.write_datetime(row, 1, val, f)
        else:
            wd.write_number(row, 1, val, f)
        row += 1

    wt = wb.add_worksheet("Tables")
    wt.add_table("B2:E6", {
        "name": "Staff",
        "data": [["Ann", 10, 12], ["Bob", 8, 7.5], ["Cy", 0, 1], ["Dee", 4, 4]],
        "columns": [{"header": "Name"}, {"header": "Q1"}, {"header": "Q2"},
                    {"header": "Total", "formula": "=[@Q1]+[@Q2]"}],
    })
    wt.add_table("G2:H5", {
        "name": "WithTotals",
        "data": [["a", 1], ["b", 2]],
        "total_row": True,
        "columns": [{"header": "Key", "total_string": "Total"},
                    {"header": "Val", "total_function": "sum", "total_value": 3}],
    })
    w2 = wb.add_worksheet("Sheet Two")
    w2.write_string(0, 0, "two")
    w3 = wb.add_worksheet("HiddenXW")
    w3.write_string(0, 0, "hidden by XlsxWriter")
    w3.hide()
    wb.close()
    files.append("xw_values.xlsx")

    # 1904 date system
    path = os.path.join(outdir, "xw_1904.xlsx")
    wb = xlsxwriter.Workbook(path, {"date_1904": True})
    ws = wb.add_worksheet("Mac")
    fd = wb.add_format({"num_format": "dd/mm/yyyy"})
    fdt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    ft = wb.add_format({"num_format": "h:mm"})
    fel = wb.add_format({"num_format": "[h]:mm:ss"})
    f14 = wb.add_format({"num_format": 14})
    ws.write_datetime(0, 0, D(2023, 8, 31), fd)
    ws.write_datetime(1, 0, D(1904, 1, 2), fd)
    ws.write_datetime(2, 0, D(2000, 2, 29, 6, 0, 0), fdt)
    ws.write_datetime(3, 0, dt.time(18, 45), ft)
    ws.write_number(4, 0, 1.5, fel)
    ws.write_datetime(5, 0, D(1970, 1, 1), f14)
    ws.write_number(0, 1, 43343)   # plain number, not a date
    ws.write_formula(1, 1, "=A1+1", fd, 43344)
    wb.close()
    files.append("xw_1904.xlsx")

    # everything else a real workbook carries around its cells: chart
    # sheet, drawings, comments (VML), hyperlinks, validation, conditional
    # formats, autofilter, panes, defined names, outline groups, protection
    path = os.path.join(outdir, "xw_extras.xlsx")
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Report")
    bold = wb.add_format({"bold": True})
    ws.write_row(0, 0, ["Team", "Q1", "Q2", "Link"], bold)
    teams = [("Parks", 10, 12), ("Roads", 8, 7.5), ("Libraries", 4, 9), ("Housing", 11, 3)]
    for i, (t, a, b) in enumerate(teams, start=1):
        ws.write_string(i, 0, t)
        ws.write_number(i, 1, a)
        ws.write_number(i, 2, b)
    ws.write_url(1, 3, "https://example.org/parks", string="Parks page")
    ws.write_url(2, 3, "internal:'Sheet Data'!A1", string="to data")
    ws.write_url(3, 3, "mailto:team@example.org")
    ws.write_comment(1, 0, "A comment on Parks")
    ws.write_comment(5, 5, "A comment on an empty cell")
    ws.data_validation(1, 1, 10, 2, {"validate": "decimal", "criteria": ">=", "value": 0})
    ws.data_validation(1, 4, 10, 4, {"validate": "list", "source": ["Red", "Amber", "Green"]})
    ws.write_string(1, 4, "Amber")
    ws.conditional_format(1, 1, 10, 2, {"type": "cell", "criteria": "<", "value": 5,
                                        "format": wb.add_format({"bg_color": "#FFC7CE"})})
    ws.conditional_format(1, 2, 10, 2, {"type": "3_color_scale"})
    ws.autofilter(0, 0, 4, 2)
    ws.freeze_panes(1, 1)
    ws.set_row(6, None, None, {"level": 1, "hidden": True})
    ws.set_row(7, None, None, {"level": 1, "hidden": True})
    ws.set_row(8, None, None, {"collapsed": True})
    ws.write_string(6, 0, "grouped, collapsed 1")
    ws.write_string(7, 0, "grouped, collapsed 2")
    ws.write_string(8, 0, "after group")
    ws.set_column("G:H", 12, None, {"level": 1, "hidden": True})
    ws.write_string(0, 6, "grouped col G")
    ws.set_header("&CBoard pack &D")
    ws.print_area("A1:E10")
    ws.repeat_rows(0)
    ws.protect()
    wb.define_name("Rate", "=0.05")
    wb.define_name("Report!LocalName", "=Report!$B$2")
    ws.write_formula(10, 1, "=SUM(B2:B5)*(1+Rate)", None, 34.65)
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082")
    ws.insert_image("F2", "dot.png", {"image_data": io.BytesIO(png)})
    ws.insert_textbox("F10", "A text box", {"width": 120, "height": 40})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"categories": "=Report!$A$2:$A$5", "values": "=Report!$B$2:$B$5",
                      "name": "Q1"})
    ws.insert_chart("J2", chart)
    cs = wb.add_chartsheet("Chart Sheet")
    chart2 = wb.add_chart({"type": "line"})
    chart2.add_series({"categories": "=Report!$A$2:$A$5", "values": "=Report!$C$2:$C$5"})
    cs.set_chart(chart2)
    wd = wb.add_worksheet("Sheet Data")
    wd.write_string(0, 0, "after the chart sheet")
    wd.write_number(1, 0, 1)
    wd.set_tab_color("#FF0000")
    wd.hide_gridlines(2)
    wb.close()
    files.append("xw_extras.xlsx")

    # constant_memory mode writes inline strings (<is>) incl. rich inline
    path = os.path.join(outdir, "xw_inline.xlsx")
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    bold = wb.add_format({"bold": True})
    ws = wb.add_worksheet("Inline")
    _xw_common(wb, ws, bold)
    wb.close()
    files.append("xw_inline.xlsx")
    return files


# --------------------------------------------------------------------------
# LibreOffice

def find_soffice():
    for name in ("soffice", "libreoffice"):
        p = shutil.which(name)
        if p:
            return p
    return None


def run_soffice(soffice, fmt, outdir, inputs):
    profile = os.path.join(tempfile.gettempdir(), "lo-profile-" + uuid.uuid4().hex)
    cmd = ["timeout", "120", soffice, "-env:UserInstallation=file://" + profile,
           "--headless", "--norestore", "--convert-to", fmt, "--outdir", outdir] + inputs
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=150)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if r.returncode != 0:
        raise RuntimeError(f"soffice failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout}")
    for i in inputs:
        base = os.path.splitext(os.path.basename(i))[0]
        ext = fmt.split(":")[0]
        out = os.path.join(outdir, base + "." + ext)
        if not os.path.exists(out):
            raise RuntimeError(f"soffice did not produce {out}:\n{r.stdout}")


def write_libreoffice(outdir):
    soffice = find_soffice()
    if not soffice:
        raise Skipped("soffice not found (apt-get install libreoffice-calc-nogui)")
    tmp = tempfile.mkdtemp(prefix="corpus-lo-")
    try:
        src = ensure_dir(os.path.join(tmp, "src"))
        write_openpyxl(src)
        write_xlsxwriter(src)
        # inputs named as the outputs should be named
        pairs = [("opx_values.xlsx", "lo_opx_values.xlsx"),
                 ("xw_values.xlsx", "lo_xw_values.xlsx"),
                 ("xw_1904.xlsx", "lo_xw_1904.xlsx")]
        conv = ensure_dir(os.path.join(tmp, "conv"))
        inputs = []
        for a, b in pairs:
            shutil.copy(os.path.join(src, a), os.path.join(conv, b))
            inputs.append(os.path.join(conv, b))
        # one soffice run for all xlsx -> xlsx conversions
        run_soffice(soffice, "xlsx:Calc MS Excel 2007 XML", outdir, inputs)
        # openpyxl xlsx -> ods -> xlsx (LibreOffice's own model in between)
        ods_in = os.path.join(conv, "lo_ods_values.xlsx")
        shutil.copy(os.path.join(src, "opx_values.xlsx"), ods_in)
        ods_dir = ensure_dir(os.path.join(tmp, "ods"))
        run_soffice(soffice, "ods", ods_dir, [ods_in])
        run_soffice(soffice, "xlsx:Calc MS Excel 2007 XML", outdir,
                    [os.path.join(ods_dir, "lo_ods_values.ods")])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [b for _, b in pairs] + ["lo_ods_values.xlsx"]


# --------------------------------------------------------------------------
# SheetJS

def write_sheetjs(outdir, node_modules=None):
    node = shutil.which("node")
    if not node:
        raise Skipped("node not found")
    nm = node_modules or os.path.join(HERE, "node_modules")
    if not os.path.isdir(os.path.join(nm, "xlsx")):
        raise Skipped(f"npm package xlsx not installed in {nm} "
                      f"(npm ci --prefix {HERE})")
    env = dict(os.environ, TZ="UTC", NODE_PATH=nm)
    r = subprocess.run([node, os.path.join(HERE, "sheetjs_write.js"), outdir],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError(f"sheetjs_write.js failed:\n{r.stdout}")
    return [l.strip() for l in r.stdout.splitlines() if l.strip().endswith(".xlsx")]


# --------------------------------------------------------------------------
# hand-made dialects

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_R = "http://purl.oclc.org/ooxml/officeDocument/relationships"

CT_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"

RT_OFFICEDOC = NS_R + "/officeDocument"
RT_SHEET = NS_R + "/worksheet"
RT_SST = NS_R + "/sharedStrings"
RT_STYLES = NS_R + "/styles"
RT_TABLE = NS_R + "/table"

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

HAND_STYLES = f"""<styleSheet xmlns="{NS_MAIN}">
<numFmts count="3">
<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/>
<numFmt numFmtId="165" formatCode="[h]:mm"/>
<numFmt numFmtId="166" formatCode="0&quot; days&quot;"/>
</numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="4">
<fill><patternFill patternType="none"/></fill>
<fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FF92D050"/><bgColor indexed="64"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor indexed="22"/><bgColor indexed="64"/></patternFill></fill>
</fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="8">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFill="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

# shared strings: plain, rich runs, phonetic runs (must be skipped),
# empty, whitespace, _xHHHH_ escapes
HAND_SST_ITEMS = [
    "<si><t>plain</t></si>",
    '<si><r><t>Bold</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve"> and </t></r>'
    '<r><rPr><i/></rPr><t>italic</t></r></si>',
    '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
    "<si><t/></si>",
    '<si><t xml:space="preserve">  padded\nline2 </t></si>',
    '<si><r><t>漢字</t></r><r><rPr><b/></rPr><t>かな</t></r>'
    '<rPh sb="0" eb="1"><t>カン</t></rPh><rPh sb="1" eb="2"><t>ジ</t></rPh></si>',
    "<si><t>line1_x000D_\nline2 and _x005F_x0041_ literal</t></si>",
    "<si><t>Table head</t></si>",
    "<si><t>Amount</t></si>",
    "<si><t>merged</t></si>",
    "<si><t>very hidden</t></si>",
    "<si><t>cdata <![CDATA[<kept> & raw]]> tail</t></si>",
    "<si><t>&#233;&#x1F389;&#10;&#x9;x&#xD;</t></si>",
    "<si><t>\n</t></si>",                                   # whitespace-only, no preserve
    '<si><r><t xml:space="preserve">  </t></r><r><rPr><b/></rPr><t>x</t></r><r><t> </t></r></si>',
]


def hand_sst():
    n = len(HAND_SST_ITEMS)
    return (f'<sst xmlns="{NS_MAIN}" count="{n}" uniqueCount="{n}">'
            + "".join(HAND_SST_ITEMS) + "</sst>")


def _sheet(body, extra_after="", extra_before=""):
    return (f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">{extra_before}'
            f"<sheetData>{body}</sheetData>{extra_after}</worksheet>")


HAND_SHEET_DATA = _sheet(
    # row 1: shared strings
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>'
    '<c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c></row>'
    # row 2: inline strings
    '<row r="2"><c r="A2" t="inlineStr"><is><t>inline plain</t></is></c>'
    '<c r="B2" t="inlineStr"><is><r><t>in</t></r><r><rPr><b/></rPr><t>line rich</t></r></is></c>'
    '<c r="C2" t="inlineStr"><is><t/></is></c>'
    '<c r="D2" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></is></c>'
    '<c r="E2" t="inlineStr"><is><t xml:space="preserve"> spaced </t></is></c></row>'
    # row 3: numbers with and without t="n", a date serial under builtin 14
    '<row r="3"><c r="A3" t="n"><v>42</v></c><c r="B3" t="n"><v>-1.5E-3</v></c>'
    '<c r="C3"><v>7</v></c><c r="D3" s="1"><v>45169</v></c><c r="E3" s="2"><v>45169.6041666667</v></c>'
    '<c r="F3" s="3" t="n"><v>0.75</v></c><c r="G3" s="4"><v>1.25</v></c><c r="H3" s="6"><v>30</v></c>'
    '<c r="I3"><v>1E+15</v></c><c r="J3"><v>0.30000000000000004</v></c></row>'
    # row 4: bool, error, t="str" without formula
    '<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v>0</v></c>'
    '<c r="C4" t="e"><v>#N/A</v></c><c r="D4" t="e"><v>#REF!</v></c>'
    '<c r="E4" t="str"><v>str without formula</v></c></row>'
    # row 5: ISO 8601 t="d" cells
    '<row r="5"><c r="A5" t="d"><v>2023-08-31</v></c><c r="B5" t="d" s="2"><v>2023-08-31T14:30:00</v></c>'
    '<c r="C5" t="d"><v>2023-08-31T14:30:05.250</v></c><c r="D5" t="d" s="1"><v>2024-02-29T00:00:00Z</v></c>'
    '<c r="E5" t="d"><v>1999-12-31T23:59:59</v></c></row>'
    # rows 6-10: numbers and shared formulas (1-D and 2-D), array formula
    '<row r="6"><c r="A6"><v>1</v></c><c r="B6"><f t="shared" ref="B6:B10" si="0">A6*2</f><v>2</v></c>'
    '<c r="C6"><f t="shared" ref="C6:D7" si="1">$A6+B$6</f><v>3</v></c>'
    '<c r="D6"><f t="shared" si="1"/><v>4</v></c>'
    '<c r="E6"><f t="array" ref="E6:E8">A6:A8*10</f><v>10</v></c></row>'
    '<row r="7"><c r="A7"><v>2</v></c><c r="B7"><f t="shared" si="0"/><v>4</v></c>'
    '<c r="C7"><f t="shared" si="1"/><v>4</v></c><c r="D7"><f t="shared" si="1"/><v>5</v></c>'
    '<c r="E7"><v>20</v></c></row>'
    '<row r="8"><c r="A8"><v>3</v></c><c r="B8"><f t="shared" si="0"/><v>6</v></c>'
    '<c r="E8"><v>30</v></c></row>'
    '<row r="9"><c r="A9"><v>4</v></c><c r="B9"><f t="shared" si="0"></f><v>8</v></c></row>'
    '<row r="10"><c r="A10"><v>5</v></c><c r="B10"><f t="shared" si="0"/><v>10</v></c></row>'
    # row 11: formulas without / with empty cached value, typed results
    '<row r="11"><c r="A11"><f>SUM(A6:A10)</f></c><c r="B11"><f>A11</f><v></v></c>'
    '<c r="C11" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
    '<c r="D11" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    '<c r="E11" t="b"><f>TRUE()</f><v>1</v></c>'
    '<c r="F11" t="str"><f>IF(A6&gt;0,"yes","no")</f><v>yes</v></c>'
    '<c r="G11"><f>Layout!A1&amp;" "&amp;\'Layout\'!B1</f></c></row>'
    # row 12: styled cells without value (omitted) and filled cells
    '<row r="12"><c r="A12" s="5"/><c r="B12" s="5"><v>5</v></c>'
    '<c r="C12" s="5" t="s"><v>0</v></c><c r="D12" s="7"><v>6</v></c></row>'
    # row 13: CDATA and character references; newer error codes
    '<row r="13"><c r="A13" t="s"><v>11</v></c><c r="B13" t="s"><v>12</v></c>'
    '<c r="C13" t="e"><v>#SPILL!</v></c><c r="D13" t="e"><v>#CALC!</v></c>'
    '<c r="E13" t="e"><v>#GETTING_DATA</v></c>'
    '<c r="F13" t="e"><f>_xlfn.XLOOKUP(1,A1:A2,B1:B2)</f><v>#N/A</v></c></row>'
    # row 14: wide column letters; and the very last row
    '<row r="14">' + "".join(f'<c r="{c}14"><v>{i}</v></c>' for i, c in enumerate(
        ["Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"], start=1)) + '</row>'
    # row 15: floating-point noise around date/time rounding (ms rounding)
    '<row r="15"><c r="A15" s="2"><v>45169.99999999999</v></c><c r="B15" s="2"><v>45169.50000000001</v></c>'
    '<c r="C15" s="3"><v>0.5000000001</v></c><c r="D15" s="2"><v>45169.000005787037</v></c>'
    '<c r="E15" s="4"><v>1.0000000000001</v></c></row>'
    '<row r="16"><c r="A16" t="s"><v>13</v></c><c r="B16" t="s"><v>14</v></c>'
    '<c r="C16" t="inlineStr"><is><t> </t></is></c></row>'
    '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>last row</t></is></c>'
    '<c r="XFD1048576"><v>-1</v></c></row>',
    extra_before='<dimension ref="A1:XFD1048576"/>',
)

HAND_SHEET_LAYOUT = _sheet(
    '<row r="1"><c r="A1" t="s"><v>9</v></c>'
    '<c r="C1" t="inlineStr"><is><t>hidden col C</t></is></c>'
    '<c r="E1" t="inlineStr"><is><t>hidden col E</t></is></c>'
    '<c r="G1" t="inlineStr"><is><t>visible col G</t></is></c></row>'
    '<row r="2" hidden="1"><c r="A2"><v>2</v></c></row>'
    '<row r="3" hidden="true" ht="0" customHeight="1"><c r="A3"><v>3</v></c></row>'
    '<row r="4" hidden="0"><c r="A4"><v>4</v></c></row>'
    '<row r="6"><c r="A6" t="s"><v>7</v></c><c r="B6" t="s"><v>8</v></c></row>'
    '<row r="7"><c r="A7" t="inlineStr"><is><t>x</t></is></c><c r="B7"><v>1</v></c></row>'
    '<row r="8"><c r="A8" t="inlineStr"><is><t>y</t></is></c><c r="B8"><v>2.5</v></c></row>'
    '<row r="9" hidden="1"/>',
    extra_before='<cols><col min="3" max="3" width="0" hidden="1" customWidth="1"/>'
                 '<col min="5" max="6" width="9" hidden="true"/>'
                 '<col min="7" max="7" width="12" customWidth="1"/></cols>',
    extra_after='<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="D10:F12"/></mergeCells>'
                '<tableParts count="1"><tablePart r:id="rIdT1"/></tableParts>',
)

HAND_TABLE = (f'<table xmlns="{NS_MAIN}" id="1" name="HandTable" displayName="HandTable" ref="A6:B8">'
              '<autoFilter ref="A6:B8"/><tableColumns count="2">'
              '<tableColumn id="1" name="Table head"/><tableColumn id="2" name="Amount"/>'
              '</tableColumns><tableStyleInfo name="TableStyleLight1" showRowStripes="1"/></table>')

def _shared_sheet():
    """Shared formulas as Excel writes them after fill-down / fill-right:
    the master carries ref= and the text, the others only si=.  Includes
    look-alikes a naive translator gets wrong (LOG10, ATAN2, "A1" in a
    string literal, whole rows/columns, absolute parts, other sheets), a
    2-D block, si out of order, and a cell inside a group that has its own
    formula."""
    groups = [  # (col, si, text, t, cached values rows 1..4)
        ("C", 0, "SUM(A1:B1)", None, [11, 22, 33, 44]),
        ("D", 1, '"A1"&amp;A1', "str", ["A11", "A12", "A13", "A14"]),
        ("E", 2, "LOG10(B1)+ATAN2(A1,1)*0", None, [1, 1.30103, 1.4771213, 1.60206]),
        ("H", 4, 'IF(A1&gt;2,"B1",B1)', None, [10, 20, "B1", "B1"]),
        ("I", 10, "SUM($A$1:A1)", None, [1, 3, 6, 10]),
        ("J", 9, "A1%+-A1^2", None, [-0.99, -3.98, -8.97, -15.96]),
        ("K", 6, "SUM(A:A)/COUNT(1:1)", None, [1, 2, 3, 4]),
        ("L", 7, "Layout!A2+Data!$A$6", None, [3, 4, 5, 6]),
    ]
    rows = []
    for r in range(1, 5):
        cells = [f'<c r="A{r}"><v>{r}</v></c>', f'<c r="B{r}"><v>{10 * r}</v></c>']
        for col, si, text, t, vals in groups:
            v = vals[r - 1]
            tt = t or ("str" if isinstance(v, str) else None)
            ta = f' t="{tt}"' if tt else ""
            if r == 1:
                f = f'<f t="shared" ref="{col}1:{col}4" si="{si}">{text}</f>'
            else:
                f = f'<f t="shared" si="{si}"/>'
            cells.append(f'<c r="{col}{r}"{ta}>{f}<v>{v}</v></c>')
            if col == "E":
                # F:G is a 2-D block (si 3) between E and H
                for cc in ("F", "G"):
                    if r == 1 and cc == "F":
                        f2 = '<f t="shared" ref="F1:G4" si="3">$A1*B$1+Data!A6</f>'
                    else:
                        f2 = '<f t="shared" si="3"/>'
                    cells.append(f'<c r="{cc}{r}">{f2}<v>{r * 10 + 1}</v></c>')
        # M: a group with a cell (M3) that has its own formula
        if r == 1:
            cells.append('<c r="M1"><f t="shared" ref="M1:M4" si="5">A1*3</f><v>3</v></c>')
        elif r == 3:
            cells.append('<c r="M3"><f>A3*100</f><v>300</v></c>')
        else:
            cells.append(f'<c r="M{r}"><f t="shared" si="5"/><v>{3 * r}</v></c>')
        rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    return _sheet("".join(rows),
                  # "hide all unused columns", as dashboard templates do
                  extra_before='<cols><col min="14" max="16384" width="0" hidden="1"/></cols>')


HAND_SHEET_SHARED = _shared_sheet()

HAND_SHEET_SECRET = _sheet('<row r="1"><c r="A1" t="s"><v>10</v></c></row>')

# rows and cells without r (openpyxl 3.0.9 counts them like Excel does)
HAND_SHEET_NOR = _sheet(
    "<row><c><v>1</v></c><c><v>2</v></c><c t=\"inlineStr\"><is><t>C1</t></is></c></row>"
    "<row><c t=\"b\"><v>1</v></c><c/><c><v>3.5</v></c></row>"       # A2, (B2 empty), C2
    '<row r="5"><c><v>5</v></c><c r="D5"><v>4</v></c><c><v>6</v></c></row>'  # A5, D5, E5
    "<row><c r=\"B6\" t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c></row>"     # row 6: B6, C6
    "<row><c><f>A1+B1</f><v>3</v></c></row>"                         # A7
    '<row r="9" hidden="1"><c s="1"><v>45169</v></c></row>'          # A9 (hidden row)
)


def _workbook_xml(sheets, date1904=False, extra_attrs=""):
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    sh = "".join(
        f'<sheet name="{name}" sheetId="{100 - 7 * i}"'
        + (f' state="{state}"' if state != "visible" else "")
        + f' r:id="rId{i}"/>'
        for i, (name, state) in enumerate(sheets, start=1))
    return (f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"{extra_attrs}>{pr}'
            f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sh}</sheets></workbook>')


def _rels(items):
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{tg}"/>' for i, t, tg in items)
    return f'<Relationships xmlns="{NS_PKG_REL}">{body}</Relationships>'


def _content_types(overrides, defaults=(("rels", CT_RELS), ("xml", "application/xml"))):
    d = "".join(f'<Default Extension="{e}" ContentType="{c}"/>' for e, c in defaults)
    o = "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
    return f'<Types xmlns="{NS_CT}">{d}{o}</Types>'


def hand_standard_parts(sheets):
    """sheets: list of (name, state, sheet_xml, table_xml_or_None)."""
    parts = {}
    overrides = [("/xl/workbook.xml", CT_WORKBOOK), ("/xl/sharedStrings.xml", CT_SST),
                 ("/xl/styles.xml", CT_STYLES)]
    wb_rels = []
    tcount = 0
    for i, (name, state, sx, tx) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sx
        overrides.append((f"/xl/worksheets/sheet{i}.xml", CT_SHEET))
        wb_rels.append((f"rId{i}", RT_SHEET, f"worksheets/sheet{i}.xml"))
        if tx:
            tcount += 1
            parts[f"xl/tables/table{tcount}.xml"] = tx
            overrides.append((f"/xl/tables/table{tcount}.xml", CT_TABLE))
            parts[f"xl/worksheets/_rels/sheet{i}.xml.rels"] = _rels(
                [("rIdT1", RT_TABLE, f"../tables/table{tcount}.xml")])
    n = len(sheets)
    wb_rels += [(f"rId{n + 1}", RT_SST, "sharedStrings.xml"),
                (f"rId{n + 2}", RT_STYLES, "styles.xml")]
    wb_rels.reverse()   # relationship order means nothing; <sheets> order does
    parts["[Content_Types].xml"] = _content_types(overrides)
    parts["_rels/.rels"] = _rels([("rId1", RT_OFFICEDOC, "xl/workbook.xml")])
    parts["xl/workbook.xml"] = _workbook_xml([(s[0], s[1]) for s in sheets])
    parts["xl/_rels/workbook.xml.rels"] = _rels(wb_rels)
    parts["xl/sharedStrings.xml"] = hand_sst()
    parts["xl/styles.xml"] = HAND_STYLES
    return parts


def write_zip(path, parts, order=None):
    names = list(parts)
    if order:
        names = [n for n in order if n in parts] + [n for n in names if n not in order]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            data = parts[name]
            if isinstance(data, str):
                data = (XML_DECL + data).encode("utf-8") if not data.startswith("<?xml") else data.encode("utf-8")
            zi = zipfile.ZipInfo(name, date_time=(2023, 8, 31, 12, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)


def to_strict(parts):
    """Transitional -> Strict: swap the SpreadsheetML and relationship
    namespaces (the relationship *types* share the r: namespace prefix, so
    one replacement fixes both), and mark the workbook conformance."""
    out = {}
    for name, xml in parts.items():
        xml = xml.replace(NS_MAIN, STRICT_MAIN).replace(NS_R, STRICT_R)
        if name.endswith("workbook.xml") or name.endswith("main.xml"):
            xml = xml.replace("<workbook ", '<workbook conformance="strict" ', 1)
        out[name] = xml
    return out


def to_prefixed(parts, prefix="x"):
    """Re-serialise every SpreadsheetML part with an explicit x: prefix on
    every element (as some .NET writers do) and no default namespace."""
    out = {}
    for name, xml in parts.items():
        if NS_MAIN not in xml:
            out[name] = xml
            continue
        root = ET.fromstring(xml)
        ET.register_namespace(prefix, NS_MAIN)
        ET.register_namespace("r", NS_R)
        body = ET.tostring(root, encoding="unicode")
        # ElementTree writes a CR in text raw, which XML parsing would turn
        # into LF: keep it as a character reference
        body = body.replace("\r", "&#13;")
        assert "<" + prefix + ":" in body, name
        out[name] = body
    return out


def to_pretty(parts):
    """Pretty-print every part (indentation whitespace between elements,
    as hand-written or xmllint-formatted files have).  Only elements with
    children get whitespace text, so <t>/<v> contents are unchanged."""
    out = {}
    for name, xml in parts.items():
        from lxml import etree   # keeps the original namespace prefixes
        root = etree.fromstring(xml.encode("utf-8"))
        etree.indent(root, space="  ")
        out[name] = etree.tostring(root, encoding="unicode") + "\n"
    return out


NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
NS_XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision"


def to_excelish(parts):
    """Decorate the parts the way Excel 365 writes them: mc:Ignorable
    namespaces, mc:AlternateContent, xr:* revision attributes, x14ac row
    attributes, row spans, defined names, calcChain, printer settings,
    docProps, extLst blocks.  None of it changes a cell."""
    out = dict(parts)
    wb = out["xl/workbook.xml"]
    wb = wb.replace(
        f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}">',
        f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:mc="{NS_MC}" '
        f'mc:Ignorable="x15 xr xr6 xr10" '
        'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
        f'xmlns:xr="{NS_XR}" '
        'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
        'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10">'
        '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>', 1)
    wb = wb.replace(
        "<workbookPr/>",
        '<workbookPr defaultThemeVersion="202300"/>'
        '<mc:AlternateContent><mc:Choice Requires="x15">'
        '<x15ac:absPath url="C:\\Users\\clerk\\Documents\\" '
        'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/>'
        '</mc:Choice></mc:AlternateContent>'
        '<xr:revisionPtr revIDLastSave="0" documentId="8_{6B2F6C3E-0000-4000-8000-000000000001}" '
        'xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" '
        'xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>', 1)
    wb = wb.replace(
        "</sheets>",
        "</sheets><definedNames>"
        '<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">Layout!$A$6:$B$8</definedName>'
        '<definedName name="_xlnm.Print_Area" localSheetId="0">Data!$A$1:$J$12</definedName>'
        '<definedName name="Rate">0.05</definedName></definedNames>'
        '<calcPr calcId="191029"/>'
        '<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" '
        'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
        '<x15:workbookPr chartTrackingRefBase="1"/></ext></extLst>', 1)
    out["xl/workbook.xml"] = wb
    n = 0
    for name in list(out):
        if not re.match(r"xl/worksheets/sheet\d+\.xml$", name):
            continue
        n += 1
        x = out[name]
        x = x.replace(
            f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">',
            f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}" xmlns:mc="{NS_MC}" '
            f'mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="{NS_X14AC}" xmlns:xr="{NS_XR}" '
            'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
            'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
            f'xr:uid="{{00000000-0001-0000-0000-00000000000{n}}}">'
            f'<sheetPr codeName="Sheet{n}"><tabColor rgb="FFFF0000"/></sheetPr>', 1)
        # schema order: sheetPr, dimension, sheetViews, sheetFormatPr, cols, sheetData
        views = ('<sheetViews><sheetView workbookViewId="0"><selection activeCell="B2" sqref="B2"/>'
                 '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>')
        if "<dimension" in x:
            x = re.sub(r"(<dimension [^>]*/>)", lambda m: m.group(1) + views, x, count=1)
        elif "<cols>" in x:
            x = x.replace("<cols>", views + "<cols>", 1)
        else:
            x = x.replace("<sheetData>", views + "<sheetData>", 1)
        x = re.sub(r'<row r="(\d+)"', r'<row r="\1" spans="1:13" x14ac:dyDescent="0.25"', x)
        margins = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        if "<tableParts" in x:
            x = x.replace("<tableParts", margins + "<tableParts", 1)
        else:
            x = x.replace("</worksheet>", margins + "</worksheet>", 1)
        x = x.replace(
            "</worksheet>",
            '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
            'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
            "<x14:dataValidations count=\"0\" "
            'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/></ext></extLst>'
            "</worksheet>", 1)
        out[name] = x
    out["xl/calcChain.xml"] = f'<calcChain xmlns="{NS_MAIN}"><c r="B6" i="1" l="1"/><c r="A11"/></calcChain>'
    out["xl/printerSettings/printerSettings1.bin"] = b"\0" * 64
    out["docProps/app.xml"] = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>Microsoft Excel</Application><AppVersion>16.0300</AppVersion></Properties>")
    out["docProps/core.xml"] = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>clerk</dc:creator></cp:coreProperties>')
    rels = out["xl/_rels/workbook.xml.rels"]
    out["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rId90" Type="{NS_R}/calcChain" Target="calcChain.xml"/></Relationships>')
    out["_rels/.rels"] = out["_rels/.rels"].replace(
        "</Relationships>",
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
        'metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{NS_R}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>")
    out["[Content_Types].xml"] = out["[Content_Types].xml"].replace(
        "<Override ",
        '<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.printerSettings"/>'
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.calcChain+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.extended-properties+xml"/><Override ', 1)
    return out


def write_zip_bom_stored(path, parts):
    """UTF-8 byte order mark before every part (System.Xml writers emit
    one), lower-case encoding name, and uncompressed (stored) zip entries."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, xml in parts.items():
            data = b"\xef\xbb\xbf" + ('<?xml version="1.0" encoding="utf-8"?>\r\n' + xml).encode("utf-8")
            zi = zipfile.ZipInfo(name, date_time=(2023, 8, 31, 12, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED
            z.writestr(zi, data)


def hand_unusual_paths(sheets):
    """Same content as hand_standard_parts but every part lives at an
    unusual path that can only be found by following the relationships."""
    parts = {}
    overrides = [("/book/main.xml", CT_WORKBOOK), ("/book/text/strings.xml", CT_SST),
                 ("/book/look.xml", CT_STYLES)]
    wb_rels = []
    for i, (name, state, sx, tx) in enumerate(sheets, start=1):
        p = f"book/data/s{i}.xml"
        parts[p] = sx
        overrides.append(("/" + p, CT_SHEET))
        # mix relative and absolute targets
        wb_rels.append((f"rId{i}", RT_SHEET, f"data/s{i}.xml" if i % 2 else "/" + p))
        if tx:
            parts[f"book/tbl/t{i}.xml"] = tx
            overrides.append((f"/book/tbl/t{i}.xml", CT_TABLE))
            parts[f"book/data/_rels/s{i}.xml.rels"] = _rels([("rIdT1", RT_TABLE, f"../tbl/t{i}.xml")])
    n = len(sheets)
    wb_rels += [(f"rId{n + 1}", RT_SST, "text/strings.xml"),
                (f"rId{n + 2}", RT_STYLES, "/book/look.xml")]
    parts["[Content_Types].xml"] = _content_types(overrides, defaults=(("rels", CT_RELS),))
    parts["_rels/.rels"] = _rels([("rId1", RT_OFFICEDOC, "/book/main.xml")])
    parts["book/main.xml"] = _workbook_xml([(s[0], s[1]) for s in sheets])
    parts["book/_rels/main.xml.rels"] = _rels(wb_rels)
    parts["book/text/strings.xml"] = hand_sst()
    parts["book/look.xml"] = HAND_STYLES
    return parts


HAND_SHEETS = [("Data", "visible", HAND_SHEET_DATA, None),
               ("Layout", "hidden", HAND_SHEET_LAYOUT, HAND_TABLE),
               ("Secret", "veryHidden", HAND_SHEET_SECRET, None),
               ("Shared", "visible", HAND_SHEET_SHARED, None)]


def write_hand(outdir):
    files = {}
    std = hand_standard_parts(HAND_SHEETS)
    write_zip(os.path.join(outdir, "hand_types.xlsx"), std)
    files["hand_types.xlsx"] = None

    write_zip(os.path.join(outdir, "hand_prefix.xlsx"), to_prefixed(std))
    files["hand_prefix.xlsx"] = None

    write_zip(os.path.join(outdir, "hand_strict.xlsx"), to_strict(std))
    files["hand_strict.xlsx"] = ("hand_types.xlsx",
                                 "openpyxl 3.0.9 cannot read Strict OOXML namespaces; "
                                 "same content as the Transitional hand_types.xlsx")

    # parts at unusual paths; zip order deliberately not workbook-first
    paths = hand_unusual_paths(HAND_SHEETS)
    write_zip(os.path.join(outdir, "hand_paths.xlsx"), paths,
              order=sorted(paths, reverse=True))
    files["hand_paths.xlsx"] = ("hand_types.xlsx",
                                "openpyxl 3.0.9 reads styles only from xl/styles.xml: on this "
                                "file it finds none and fails (IndexError on style ids); same "
                                "content as hand_types.xlsx")

    # strict + unusual paths together
    write_zip(os.path.join(outdir, "hand_strict_paths.xlsx"), to_strict(paths))
    files["hand_strict_paths.xlsx"] = ("hand_types.xlsx",
                                       "Strict namespaces and unusual part paths (see above)")

    write_zip(os.path.join(outdir, "hand_pretty.xlsx"), to_pretty(std))
    files["hand_pretty.xlsx"] = None

    write_zip_bom_stored(os.path.join(outdir, "hand_bom_stored.xlsx"), std)
    files["hand_bom_stored.xlsx"] = None

    write_zip(os.path.join(outdir, "hand_excelisms.xlsx"), to_excelish(std))
    files["hand_excelisms.xlsx"] = None

    # The derived dialects that openpyxl reads itself must give openpyxl
    # exactly the model of hand_types.xlsx, or the corpus is broken.
    import compare_dump
    base = compare_dump.expected_model(os.path.join(outdir, "hand_types.xlsx"))
    for f in ("hand_prefix.xlsx", "hand_pretty.xlsx", "hand_bom_stored.xlsx",
              "hand_excelisms.xlsx"):
        if compare_dump.expected_model(os.path.join(outdir, f)) != base:
            raise RuntimeError(f"corpus bug: openpyxl reads {f} differently from hand_types.xlsx")

    # the same cells in the 1904 date system (date1904 spelled "true", as
    # LibreOffice spells booleans): serial dates move by 1462 days, the
    # ISO t="d" cells must not
    b1904 = dict(std)
    b1904["xl/workbook.xml"] = std["xl/workbook.xml"].replace(
        "<workbookPr/>", '<workbookPr date1904="true"/>', 1)
    write_zip(os.path.join(outdir, "hand_1904.xlsx"), b1904)
    files["hand_1904.xlsx"] = None

    nor = hand_standard_parts([("NoRefs", "visible", HAND_SHEET_NOR, None)])
    write_zip(os.path.join(outdir, "hand_norefs.xlsx"), nor)
    files["hand_norefs.xlsx"] = None

    manifest = {}
    for f, ref in files.items():
        if ref:
            manifest[f] = {"openpyxl_reference": ref[0], "why": ref[1]}
    update_manifest(outdir, manifest)
    return list(files)


# --------------------------------------------------------------------------

def generate(outdir, groups, node_modules=None, log=print):
    """Generate the given groups into outdir.  Returns (files, skipped)
    where skipped maps group -> reason."""
    ensure_dir(outdir)
    files, skipped = [], {}
    for g in groups:
        try:
            if g == "openpyxl":
                files += write_openpyxl(outdir)
            elif g == "xlsxwriter":
                files += write_xlsxwriter(outdir)
            elif g == "libreoffice":
                files += write_libreoffice(outdir)
            elif g == "sheetjs":
                files += write_sheetjs(outdir, node_modules)
            elif g == "hand":
                files += write_hand(outdir)
            else:
                raise SystemExit(f"unknown group {g}")
        except Skipped as e:
            skipped[g] = str(e)
            log(f"SKIP: {g}: {e}")
    return files, skipped


# Files copied into tests/corpus/fixtures/ (small, committed) so the
# hand-made dialects plus one LibreOffice and the SheetJS dialects are
# covered on machines without soffice or node.
FIXTURE_FILES = ["hand_types.xlsx", "hand_prefix.xlsx", "hand_strict.xlsx", "hand_paths.xlsx",
                 "hand_strict_paths.xlsx", "hand_norefs.xlsx", "hand_pretty.xlsx",
                 "hand_bom_stored.xlsx", "hand_excelisms.xlsx", "hand_1904.xlsx",
                 "lo_opx_values.xlsx", "lo_xw_values.xlsx",
                 "sj_sst.xlsx", "sj_str.xlsx", "sj_dates.xlsx"]


def update_fixtures(node_modules=None):
    tmp = tempfile.mkdtemp(prefix="corpus-fix-")
    try:
        files, skipped = generate(tmp, ["hand", "libreoffice", "sheetjs"], node_modules)
        if skipped:
            raise SystemExit(f"cannot update fixtures, skipped: {skipped}")
        ensure_dir(FIXTURES)
        for f in FIXTURE_FILES:
            src = os.path.join(tmp, f)
            size = os.path.getsize(src)
            if size > 50 * 1024:
                raise SystemExit(f"{f} is {size} bytes, too big for a fixture")
            shutil.copy(src, os.path.join(FIXTURES, f))
        with open(os.path.join(tmp, "manifest.json"), encoding="utf-8") as fh:
            man = json.load(fh)
        man = {k: v for k, v in man.items() if k in FIXTURE_FILES}
        with open(os.path.join(FIXTURES, "manifest.json"), "w", encoding="utf-8") as fh:
            json.dump(man, fh, indent=2, ensure_ascii=False, sort_keys=True)
            fh.write("\n")
        print(f"updated {len(FIXTURE_FILES)} fixtures in {FIXTURES}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", nargs="?")
    ap.add_argument("--groups", default=",".join(ALL_GROUPS))
    ap.add_argument("--node-modules", help="directory holding the npm package xlsx")
    ap.add_argument("--update-fixtures", action="store_true",
                    help="regenerate tests/corpus/fixtures/ (needs soffice and node)")
    a = ap.parse_args(argv)
    if a.update_fixtures:
        update_fixtures(a.node_modules)
        return 0
    if not a.outdir:
        ap.error("OUTDIR required")
    files, skipped = generate(a.outdir, [g for g in a.groups.split(",") if g], a.node_modules)
    for f in files:
        print(os.path.join(a.outdir, f))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Checks the workbooks boardpack's XLSX writer produced (xlsx_write_outputs):
scorecard.xlsx built from samples/ (with its summary.json as the expected
values) and the plan and KPI team templates.

  check_xlsx.py --work DIR --check schema|libreoffice|openpyxl|sheetjs|print

schema       every part against the ECMA-376 transitional schemas (xmllint)
libreoffice  LibreOffice headless: CSV of every sheet with the expected values,
             the same CSV again with every formula recalculated (so the cached
             values boardpack wrote equal what the formulas compute), and a
             round trip to .xlsx keeping the sparklines
openpyxl     Debian's python3-openpyxl loads each workbook: values, formulas,
             formats, panes, filters, validation, conditional formats, print setup
sheetjs      SheetJS (npm xlsx) reads each workbook: the same values as shown text
print        the scorecard printed to PDF by LibreOffice: the Scorecard sheet is
             one page, every sheet one page wide, header rows repeated
Exit 77 (skipped) when the tool a check needs is missing.
"""
import argparse
import csv
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
import warnings
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
WORKBOOKS = ["scorecard.xlsx", "template-plan.xlsx", "template-kpi.xlsx"]
SCORECARD_SHEETS = ["Summary", "Plan", "Scorecard", "Issues"]
SKIP = 77


class Failures:
    def __init__(self):
        self.items = []

    def check(self, ok, what):
        if not ok:
            self.items.append(what)
        return ok

    def equal(self, got, want, what):
        return self.check(got == want, f"{what}: got {got!r}, expected {want!r}")


# ---- expected values, from summary.json and the samples README -------------

def cap(word):
    return word[:1].upper() + word[1:] if word not in ("unrated", "none") else ""


def shown(value, unit):
    """A number as the scorecard's formats show it."""
    if value is None:
        return ""
    if unit == "percent":
        return f"{value * 100:.1f}%"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def uk_date(iso):
    return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def find_row(grid, pred, start=0):
    for i in range(start, len(grid)):
        if pred(grid[i]):
            return i
    return None


def cell(grid, r, c):
    if r is None or r >= len(grid):
        return None
    row = grid[r]
    return row[c] if c < len(row) else ""


def to_int(text):
    try:
        return int(str(text).replace(",", ""))
    except ValueError:
        return None


def check_scorecard_grid(sheets, summary, f, who):
    f.equal(list(sheets)[:4], SCORECARD_SHEETS, f"{who}: sheet names")
    if not all(s in sheets for s in SCORECARD_SHEETS):
        return
    # Summary: seed 002's table per section, totals, KPI counts, sentences.
    g = sheets["Summary"]
    h = find_row(g, lambda r: r[:1] == ["Section of plan"])
    f.check(h is not None, f"{who}: Summary has no 'Section of plan' header")
    sections = summary["plan"]["sections"]
    for i, s in enumerate(sections):
        want = [s["name"], s["total"], s["blue"], s["green"], s["amber"], s["red"]]
        got = [cell(g, h + 1 + i, 0)] + [to_int(cell(g, h + 1 + i, c)) for c in range(1, 6)]
        f.equal(got, want, f"{who}: Summary section row {i + 1}")
    totals = [to_int(cell(g, h + 1 + len(sections), c)) for c in range(1, 6)]
    f.equal(totals, [62, 14, 22, 16, 10], f"{who}: Summary plan totals (samples README)")
    text = [r[0] for r in g if r]
    f.check("Of 62 actions: 14 completed (blue), 22 on track (green), 16 with some progress but slippage (amber) "
            "and 10 not progressed as planned (red)." in text, f"{who}: Summary plan sentence")
    f.check("Of 14 indicators with targets, 3 are green, 6 amber and 5 red." in text,
            f"{who}: Summary KPI sentence (seed 003)")
    counts = summary["kpis"]["counts"]
    for label, want in [("Green", counts["green"]), ("Amber", counts["amber"]), ("Red", counts["red"]),
                        ("No rating", counts["none"]), ("Indicators in the scorecard", 17)]:
        r = find_row(g, lambda row: row[:1] and row[0].startswith(label))
        f.equal(to_int(cell(g, r, 1)), want, f"{who}: Summary KPI count '{label}'")
    sev = {k: sum(1 for i in summary["issues"] if i["severity"] == k) for k in ("error", "warning", "info")}
    for label, key in [("Errors", "error"), ("Warnings", "warning"), ("Info notes", "info")]:
        r = find_row(g, lambda row: row[:1] and row[0].startswith(label))
        f.equal(to_int(cell(g, r, 1)), sev[key], f"{who}: Summary finding count '{label}'")

    # Team workbooks: each input's kind and status in words, never summary.json's codes.
    kinds = {"plan": "Improvement plan", "kpi": "KPIs", "mixed": "Plan and KPIs", "unrecognised": "Nothing recognised"}
    states = {"ok": "No problems", "warnings": "Warnings", "errors": "Errors", "unreadable": "Could not be read"}
    h = find_row(g, lambda row: row[:4] == ["Workbook", "Contents", "Status", "Records"])
    f.check(h is not None, f"{who}: Summary has no Team workbooks header")
    if h is not None:
        got = [tuple(r[:3]) for r in g[h + 1:h + 1 + len(summary["inputs"])]]
        want = [(os.path.basename(i["file"]), kinds[i["kind"]], states[i["status"]]) for i in summary["inputs"]]
        f.equal(got, want, f"{who}: Team workbooks' kinds and statuses in words")

    # Plan: every action, under its section's group row.
    g = sheets["Plan"]
    h = find_row(g, lambda r: r[:2] == ["Ref", "Action"])
    f.check(h is not None, f"{who}: Plan has no header row")
    rows = {r[0]: r for r in g[h + 1:] if r}
    for a in summary["plan"]["actions"]:
        r = rows.get(a["ref"])
        if not f.check(r is not None, f"{who}: Plan has no row for {a['ref']}"):
            continue
        f.equal(r[1:5], [a["action"], a["lead"], uk_date(a["due"]), cap(a["status"])], f"{who}: Plan {a['ref']}")
        f.equal(r[5], a["progress"], f"{who}: Plan {a['ref']} progress")
    groups = [r[0] for r in g[h + 1:] if r and r[0] and not any(r[1:])]
    f.equal(groups, [s["name"] for s in sections], f"{who}: Plan group rows")

    # Scorecard: seed 003's layout.
    g = sheets["Scorecard"]
    h = find_row(g, lambda r: r[:2] == ["Ref", "Performance measure"])
    f.check(h is not None, f"{who}: Scorecard has no header row")
    f.equal(g[h + 1][3:15], ["Num", "Denom", "Current", "Period", "May 26", "Jun 26", "Jul 26", "Aug 26", "Sep 26",
                             "Oct 26", "Min", "Upper"], f"{who}: Scorecard second header row")
    rows = {r[0]: r for r in g[h + 2:] if r}
    for m in summary["kpis"]["measures"]:
        r = rows.get(m["ref"])
        if not f.check(r is not None, f"{who}: Scorecard has no row for {m['ref']}"):
            continue
        months = [shown(p["value"], m["unit"]) for p in m["trend"]]
        want = [m["title"], shown(m["previous"], m["unit"]), shown(m["numerator"], "count"),
                shown(m["denominator"], "count"), shown(m["value"], m["unit"]), m["period_type"]] + months + [
                    shown(m["target_min"], m["unit"]), shown(m["target_upper"], m["unit"]), "", cap(m["rag"])]
        f.equal(r[1:17], want, f"{who}: Scorecard {m['ref']}")

    # Issues: every finding.
    g = sheets["Issues"]
    h = find_row(g, lambda r: r[:1] == ["Severity"])
    f.check(h is not None, f"{who}: Issues has no header row")
    got = [r[:6] for r in g[h + 1:] if r and r[0]]
    want = [[i["severity"], i["file"], i["sheet"], i["cell"], i["code"], i["message"]] for i in summary["issues"]]
    f.equal(len(got), len(want), f"{who}: Issues row count")
    for i, (a, b) in enumerate(zip(got, want)):
        f.equal(a, b, f"{who}: Issues row {i + 1}")


def month_labels(today):
    out = []
    for back in range(6, 0, -1):
        m = today.year * 12 + today.month - 1 - back
        out.append(datetime.date(m // 12, m % 12 + 1, 1).strftime("%b %y"))
    return out


PLAN_HEADERS = ["Ref", "Section", "Action", "Lead", "Due date", "Status", "Progress update", "Evidence of impact"]


def kpi_headers(today):
    return (["Group", "Ref", "Performance measure", "Previous year", "Num", "Denom", "Current", "Period"]
            + month_labels(today) + ["Min", "Upper", "Polarity", "Commentary"])


def check_template_grid(kind, sheets, f, who):
    data = "Improvement plan" if kind == "plan" else "KPIs"
    f.equal(list(sheets), ["Instructions", data], f"{who}: sheet names")
    if data not in sheets:
        return
    g = sheets[data]
    today = datetime.date.today()
    if kind == "plan":
        f.equal(g[3][:8], PLAN_HEADERS, f"{who}: header row")
        f.equal([g[4][0], g[5][0]], ["QP1.1", "QP1.2"], f"{who}: example refs")
        f.equal([g[4][5], g[5][5]], ["Green", "Amber"], f"{who}: example statuses")
        for r in (4, 5):
            due = datetime.datetime.strptime(g[r][4], "%d/%m/%Y").date()
            f.check(due > today, f"{who}: example due date {g[r][4]} is not in the future")
    else:
        f.equal(g[3][:18], kpi_headers(today), f"{who}: header row")
        f.equal(g[4][1:8], ["2.1", "Example: % of contacts completed within 1 working day", "95.0%", "940",
                            "1,000", "94.0%", "YTD"], f"{who}: first example row")
        f.equal(g[5][1:8], ["1.2", "Example: Number of children in need", "738", "", "", "790", "Snapshot"],
                f"{who}: second example row")
    f.check(any("how to fill it in" in (r[0] if r else "") for r in sheets["Instructions"]),
            f"{who}: Instructions sheet has its title")


def check_grids(grids, work, f, who):
    summary = json.load(open(os.path.join(work, "summary.json")))
    check_scorecard_grid(grids["scorecard.xlsx"], summary, f, f"{who} scorecard.xlsx")
    check_template_grid("plan", grids["template-plan.xlsx"], f, f"{who} template-plan.xlsx")
    check_template_grid("kpi", grids["template-kpi.xlsx"], f, f"{who} template-kpi.xlsx")


# ---- schema -------------------------------------------------------------------

def validate_part(f, label, part, raw, xsd, schemas, tmp):
    """xmllint one package part against its schema (xsd None: well-formed only); returns its text."""
    data = raw.decode("utf-8")
    # The schema types <t> without xml:space (see schemas/ooxml/README.md).
    checked = re.sub(r'(<t\b[^>]*?) xml:space="preserve"', r"\1", data)
    path = os.path.join(tmp, "part.xml")
    open(path, "w", encoding="utf-8").write(checked)
    cmd = ["xmllint", "--noout", "--nonet"] + (["--schema", os.path.join(schemas, xsd)] if xsd else [])
    r = subprocess.run(cmd + [path], capture_output=True, text=True)
    f.check(r.returncode == 0, f"{label}: {part} is not valid against {xsd}: {r.stderr.strip()[:600]}")
    return checked


def schema_for(part):
    if part == "[Content_Types].xml":
        return "opc/opc-contentTypes.xsd"
    if part.endswith(".rels"):
        return "opc/opc-relationships.xsd"
    if part == "docProps/app.xml":
        return "shared-documentPropertiesExtended.xsd"
    if part == "docProps/core.xml":
        return None  # its schema imports Dublin Core from the network: checked well-formed only
    return "sml.xsd"


def check_schema(a, f):
    if not shutil.which("xmllint"):
        return SKIP
    if not os.path.isfile(os.path.join(a.schemas, "sml.xsd")):
        print(f"no schemas in {a.schemas}")
        return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        for wb in WORKBOOKS + ["canary.xlsx"]:
            with zipfile.ZipFile(os.path.join(a.work, wb)) as z:
                for part in z.namelist():
                    data = validate_part(f, wb, part, z.read(part), schema_for(part), a.schemas, tmp)
                    f.check("mc:Ignorable" not in data, f"{wb}: {part} needs markup compatibility processing")
    return 0


# ---- LibreOffice ----------------------------------------------------------------

RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>{mode}</value></prop></item>
</oor:items>
"""


def soffice(args, outdir, recalc=None):
    """Runs `soffice --convert-to FILTER FILE...` headless in a fresh profile, writing into outdir;
    recalc: True recalculates every formula on load, False never, None LibreOffice's default."""
    profile = f"/tmp/lo-{uuid.uuid4().hex}"
    try:
        if recalc is not None:
            os.makedirs(os.path.join(profile, "user"))
            open(os.path.join(profile, "user", "registrymodifications.xcu"), "w").write(
                RECALC_XCU.format(mode=0 if recalc else 1))
        cmd = ["timeout", "120", "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--norestore"] + args[:2] + ["--outdir", outdir] + args[2:]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"soffice failed ({r.returncode}): {r.stderr.strip()[:400]}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def csv_grids(work, files, outdir, recalc):
    os.makedirs(outdir, exist_ok=True)
    soffice(["--convert-to", CSV_FILTER] + [os.path.join(work, w) for w in files], outdir, recalc)
    grids = {}
    for w in files:
        stem = w[:-5]
        names = workbook_sheet_names(os.path.join(work, w))
        grids[w] = {}
        for name in names:
            path = os.path.join(outdir, f"{stem}-{name}.csv")
            if not os.path.exists(path) and len(names) == 1:
                path = os.path.join(outdir, f"{stem}.csv")
            grids[w][name] = [row for row in csv.reader(open(path, encoding="utf-8", newline=""))]
    return grids


def workbook_sheet_names(path):
    with zipfile.ZipFile(path) as z:
        return re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())


def check_libreoffice(a, f):
    if not shutil.which("soffice"):
        return SKIP
    out = os.path.join(a.work, "libreoffice")
    shutil.rmtree(out, ignore_errors=True)
    files = WORKBOOKS + ["canary.xlsx"]
    cached = csv_grids(a.work, files, os.path.join(out, "cached"), recalc=False)
    check_grids(cached, a.work, f, "LibreOffice")
    recalculated = csv_grids(a.work, files, os.path.join(out, "recalculated"), recalc=True)
    # The canary's cached value is wrong on purpose: it proves the second pass recalculated.
    f.equal(cached["canary.xlsx"]["Canary"][0][0], "3", "canary cached value")
    f.equal(recalculated["canary.xlsx"]["Canary"][0][0], "2", "canary recalculated (recalculation switched on?)")
    for w in WORKBOOKS:
        for name, grid in cached[w].items():
            other = recalculated[w].get(name)
            for r, (x, y) in enumerate(zip(grid, other or [])):
                f.equal(y, x, f"LibreOffice {w} {name} row {r + 1} recalculated vs cached")
            f.equal(len(other or []), len(grid), f"LibreOffice {w} {name} rows after recalculation")
    # LibreOffice saves the scorecard again with its sparklines (it understood them).
    rt = os.path.join(out, "roundtrip")
    soffice(["--convert-to", "xlsx", os.path.join(a.work, "scorecard.xlsx")], rt)
    def sparklines(path):
        with zipfile.ZipFile(path) as z:
            return sum(z.read(n).decode().count("<x14:sparkline>") for n in z.namelist() if n.startswith("xl/worksheets/"))
    ours = sparklines(os.path.join(a.work, "scorecard.xlsx"))
    f.check(ours == 17, f"scorecard.xlsx has {ours} sparklines, expected 17")
    f.equal(sparklines(os.path.join(rt, "scorecard.xlsx")), ours, "sparklines after a LibreOffice round trip")
    return 0


# ---- openpyxl ---------------------------------------------------------------------

def check_openpyxl(a, f):
    try:
        import openpyxl
    except ImportError:
        print("openpyxl missing (Debian: python3-openpyxl under /usr/bin/python3)")
        return SKIP
    summary = json.load(open(os.path.join(a.work, "summary.json")))
    allowed = re.compile(r"(Sparkline Group|Unknown) extension is not supported")

    def load(name, data_only=False):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            wb = openpyxl.load_workbook(os.path.join(a.work, name), data_only=data_only)
        for w in caught:
            f.check(allowed.search(str(w.message)), f"openpyxl warns on {name}: {w.message}")
        return wb

    wb = load("scorecard.xlsx")
    cached = load("scorecard.xlsx", data_only=True)
    grids = {}
    f.equal(wb.sheetnames, SCORECARD_SHEETS, "openpyxl sheet names")
    f.check(wb.properties.title.startswith("Board pack scorecard"), f"title {wb.properties.title!r}")
    f.equal(wb.properties.creator, "boardpack", "creator")
    for name in SCORECARD_SHEETS:
        ws = wb[name]
        f.equal(ws.page_setup.orientation, "landscape", f"{name} orientation")
        f.check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage,
                f"{name} fit to page")
        f.equal(str(ws.page_setup.fitToWidth), "1", f"{name} fit to one page wide")
        f.check("Page &P of &N" in (ws.oddFooter.center.text or ""), f"{name} footer page X of Y")
        f.equal(ws.oddHeader.center.text, "&A", f"{name} header shows the sheet name")
        f.check(ws.print_area is not None, f"{name} has a print area")
    plan, kpi, issues = wb["Plan"], wb["Scorecard"], wb["Issues"]
    f.equal(plan.freeze_panes, "B5", "Plan frozen panes")
    f.equal(kpi.freeze_panes, "C6", "Scorecard frozen panes")
    f.equal(issues.freeze_panes, "A5", "Issues frozen panes")
    f.check(plan.auto_filter.ref and plan.auto_filter.ref.startswith("A4:I"), f"Plan autofilter {plan.auto_filter.ref}")
    f.equal(issues.auto_filter.ref, f"A4:F{4 + len(summary['issues'])}", "Issues autofilter")
    f.check("$4:$4" in str(plan.print_title_rows), f"Plan print titles {plan.print_title_rows}")
    f.check("$4:$5" in str(kpi.print_title_rows), f"Scorecard print titles {kpi.print_title_rows}")
    dvs = plan.data_validations.dataValidation
    f.check(any(dv.type == "list" and dv.formula1 == '"Blue,Green,Amber,Red"' for dv in dvs), "Plan status drop-down")
    plan_cf = [r for cf in plan.conditional_formatting for r in cf.rules]
    f.equal(sorted(r.formula[0] for r in plan_cf), sorted(['"Blue"', '"Green"', '"Amber"', '"Red"']),
            "Plan status colour rules")
    f.check(all(r.dxf is not None and r.dxf.fill is not None for r in plan_cf), "Plan colour rules carry fills")
    kpi_cf = [r for cf in kpi.conditional_formatting for r in cf.rules]
    f.equal(sorted({r.type for r in kpi_cf}), ["cellIs", "expression"], "Scorecard conditional format rule types")
    f.check(("A4:A5" in {str(m) for m in kpi.merged_cells.ranges}), "Scorecard merged header cells")
    f.check(kpi.column_dimensions["B"].width > 30, "Scorecard measure column width")

    # Formulas, and the values cached with them.
    refs = {m["ref"]: m for m in summary["kpis"]["measures"]}
    for row in kpi.iter_rows(min_row=6):
        ref = row[0].value
        if ref not in refs:
            continue
        m = refs[ref]
        rag = row[16]
        f.check(isinstance(rag.value, str) and rag.value.startswith("=IF("), f"Scorecard {ref} RAG formula")
        f.equal(cached["Scorecard"].cell(rag.row, 17).value or "", cap(m["rag"]), f"Scorecard {ref} cached RAG")
        cur = row[5]
        f.equal(cur.value, m["value"], f"Scorecard {ref} current value")
        want_fmt = {"percent": "0.0%", "count": "#,##0"}.get(m["unit"], "#,##0.0")
        f.equal(cur.number_format, want_fmt, f"Scorecard {ref} number format")
    dues = [r[3] for r in plan.iter_rows(min_row=5) if isinstance(r[3].value, datetime.datetime)]
    f.check(len(dues) >= 60, f"Plan due dates read as dates ({len(dues)})")
    f.check(all(c.number_format == "dd/mm/yyyy" for c in dues), "Plan due dates formatted dd/mm/yyyy")
    summary_sheet = wb["Summary"]
    formulas = [c.value for r in summary_sheet.iter_rows() for c in r if isinstance(c.value, str) and c.value.startswith("=")]
    f.check(any("COUNTIF('Plan'!" in x for x in formulas), "Summary counts are formulas over the Plan sheet")
    f.check(any(x.startswith('=IF(SUM(') for x in formulas), "Summary KPI sentence is a formula")
    links = [c.hyperlink for r in summary_sheet.iter_rows() for c in r if c.hyperlink]
    f.check(any(h.location == "'Issues'!A1" for h in links), "Summary links to the Issues sheet")

    # Every sheet's shown text, for the value checks shared with LibreOffice and SheetJS.
    for name in SCORECARD_SHEETS:
        grids[name] = openpyxl_grid(cached[name])
    summary_grid = grids["Summary"]
    f.check(any(r and r[0] == "Of 14 indicators with targets, 3 are green, 6 amber and 5 red." for r in summary_grid),
            "openpyxl: cached KPI sentence")

    for name, data_sheet in [("template-plan.xlsx", "Improvement plan"), ("template-kpi.xlsx", "KPIs")]:
        t = load(name)
        f.equal(t.sheetnames, ["Instructions", data_sheet], f"{name} sheet names")
        ws = t[data_sheet]
        f.equal(t.active.title, data_sheet, f"{name} opens on the data sheet")
        kinds = sorted({dv.type for dv in ws.data_validations.dataValidation})
        want = ["date", "list"] if name == "template-plan.xlsx" else ["decimal", "list", "whole"]
        f.equal(kinds, want, f"{name} validation kinds")
        f.equal(ws.freeze_panes, "A5", f"{name} frozen header")
        if name == "template-plan.xlsx":
            date_dv = [dv for dv in ws.data_validations.dataValidation if dv.type == "date"][0]
            f.equal((date_dv.formula1, date_dv.formula2), ("36526", "73050"), "plan template date range 2000-2099")
            f.equal(ws["E5"].number_format, "dd/mm/yyyy", "plan template due date format")
    return 0


def openpyxl_grid(ws):
    """Cell values as the scorecard formats show them (enough for the value checks)."""
    grid = []
    for row in ws.iter_rows():
        out = []
        for c in row:
            v = c.value
            if v is None:
                out.append("")
            elif isinstance(v, datetime.datetime):
                out.append(v.strftime("%d/%m/%Y"))
            elif isinstance(v, (int, float)) and c.number_format == "0.0%":
                out.append(f"{v * 100:.1f}%")
            elif isinstance(v, (int, float)) and c.number_format == "#,##0":
                out.append(f"{v:,.0f}")
            elif isinstance(v, (int, float)) and c.number_format == "#,##0.0":
                out.append(f"{v:,.1f}")
            elif isinstance(v, float) and v.is_integer():
                out.append(str(int(v)))
            else:
                out.append(str(v))
        grid.append(out)
    return grid


# ---- SheetJS ----------------------------------------------------------------------

def node_modules(work):
    local = os.path.join(HERE, "node_modules")
    if os.path.isdir(os.path.join(local, "xlsx")):
        return local
    npm_dir = os.path.join(work, "npm")
    nm = os.path.join(npm_dir, "node_modules")
    if os.path.isdir(os.path.join(nm, "xlsx")):
        return nm
    if not shutil.which("npm"):
        return None
    os.makedirs(npm_dir, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(os.path.join(HERE, name), os.path.join(npm_dir, name))
    print(f"installing npm package xlsx into {npm_dir} (npm ci)")
    try:
        r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", npm_dir], capture_output=True,
                           text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return None
    return nm if r.returncode == 0 else None


def sheetjs_read(work, paths, f):
    """What SheetJS reads in each of `paths` (sheetjs_read.js), by path; SKIP when node or the npm
    package is missing; None when SheetJS failed (recorded in f)."""
    if not shutil.which("node"):
        return SKIP
    nm = node_modules(work)
    if not nm:
        print("npm package xlsx could not be installed")
        return SKIP
    r = subprocess.run(["node", os.path.join(HERE, "sheetjs_read.js")] + paths, capture_output=True, text=True,
                       env=dict(os.environ, NODE_PATH=nm), timeout=120)
    if not f.check(r.returncode == 0, f"SheetJS failed: {r.stderr.strip()[:600]}"):
        return None
    return json.loads(r.stdout)


def check_sheetjs(a, f):
    paths = [os.path.join(a.work, w) for w in WORKBOOKS]
    data = sheetjs_read(a.work, paths, f)
    if data is None or data == SKIP:
        return data or 0
    grids = {w: {n: s["grid"] for n, s in data[p]["sheets"].items()} for w, p in zip(WORKBOOKS, paths)}
    check_grids(grids, a.work, f, "SheetJS")
    sc = data[paths[0]]["sheets"]
    f.check("A4:A5" in sc["Scorecard"]["merges"], "SheetJS: Scorecard merged header cells")
    f.check(sc["Issues"]["autofilter"] is not None, "SheetJS: Issues autofilter")
    rag = [v for k, v in sc["Scorecard"]["formulas"].items() if k.startswith("Q")]
    f.equal(len(rag), 17, "SheetJS: RAG formulas")
    f.check(all(x.startswith("IF(OR(NOT(ISNUMBER(") for x in rag), "SheetJS: RAG formula text")
    f.equal(data[paths[0]]["props"].get("Author"), "boardpack", "SheetJS: author")
    return 0


# ---- print --------------------------------------------------------------------------

def check_print(a, f):
    if not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")):
        return SKIP
    out = os.path.join(a.work, "print")
    shutil.rmtree(out, ignore_errors=True)
    soffice(["--convert-to", "pdf", os.path.join(a.work, "scorecard.xlsx")], out)
    pdf = os.path.join(out, "scorecard.pdf")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    f.check(w > h, f"pages are landscape ({w} x {h})")
    summary = json.load(open(os.path.join(a.work, "summary.json")))
    by_sheet = {n: [] for n in SCORECARD_SHEETS}
    for p in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", pdf, "-"], capture_output=True,
                              text=True).stdout
        head = text.strip().splitlines()[0] if text.strip() else ""
        # The page header names the sheet in its centre (&A).
        sheet = next((n for n in SCORECARD_SHEETS if re.search(rf"\s{n}\s", head)), None)
        if f.check(sheet is not None, f"page {p}: no sheet name in the header line {head!r}"):
            by_sheet[sheet].append(text)
    f.equal(len(by_sheet["Summary"]), 1, "Summary prints on one page")
    f.equal(len(by_sheet["Scorecard"]), 1, "Scorecard prints on one page")
    for text in by_sheet["Scorecard"]:
        for word in ("Ref", "Performance measure", "Upper", "Trend", "RAG"):
            f.check(word in text, f"Scorecard page lacks {word!r}: not one page wide")
        for m in summary["kpis"]["measures"]:
            f.check(re.search(rf"(^|\s){re.escape(m['ref'])}\s", text, re.M), f"Scorecard page lacks {m['ref']}")
    f.check(len(by_sheet["Plan"]) > 1, "the plan runs over several pages")
    for i, text in enumerate(by_sheet["Plan"]):
        # Header row repeated on every page; first and last printed columns on every page: one page wide.
        for word in ("Ref", "Action", "Progress update", "Notes"):
            f.check(word in text, f"Plan page {i + 1} lacks the header {word!r}")
        f.check("Source" not in text, f"Plan page {i + 1} prints the Source column (outside the print area)")
    for i, text in enumerate(by_sheet["Issues"]):
        for word in ("Severity", "Message"):
            f.check(word in text, f"Issues page {i + 1} lacks the header {word!r}")
    print(f"{pages} pages: " + ", ".join(f"{n} {len(v)}" for n, v in by_sheet.items()))
    if a.png:
        subprocess.run(["pdftoppm", "-png", "-r", "60", pdf, os.path.join(out, "page")], check=True)
        print(f"PNGs in {out}")
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True, help="folder with the workbooks xlsx_write_outputs wrote")
    ap.add_argument("--check", required=True, choices=["schema", "libreoffice", "openpyxl", "sheetjs", "print"])
    ap.add_argument("--schemas", default=os.path.join(HERE, "..", "..", "..", "shared", "schemas", "ooxml"))
    ap.add_argument("--png", action="store_true", help="print: also render the pages to PNG")
    a = ap.parse_args()
    for w in WORKBOOKS + ["summary.json", "canary.xlsx"]:
        if not os.path.exists(os.path.join(a.work, w)):
            print(f"missing {w} in {a.work}: run xlsx_write_outputs first")
            return 1
    f = Failures()
    rc = {"schema": check_schema, "libreoffice": check_libreoffice, "openpyxl": check_openpyxl,
          "sheetjs": check_sheetjs, "print": check_print}[a.check](a, f)
    if rc == SKIP:
        print(f"{a.check}: SKIPPED (tool missing)")
        return SKIP
    for item in f.items[:60]:
        print("FAIL", item)
    if len(f.items) > 60:
        print(f"... and {len(f.items) - 60} more")
    print(f"{a.check}: {'FAILED' if f.items else 'ok'} ({len(f.items)} failures)")
    return 1 if f.items else 0


if __name__ == "__main__":
    sys.exit(main())

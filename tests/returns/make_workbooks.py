#!/usr/bin/python3
"""Writes the return-to-sender tests' team workbooks into DIR/in:

  plan-openpyxl.xlsx     openpyxl: a cover sheet with a merged title and a team
                         comment, the plan sheet (an apostrophe in its name, "Team's plan") with a
                         data validation, a comment on a cell that also gets a finding,
                         an empty lead (a cell not in the sheet XML), defined names
                         (one local to the plan sheet), the plan sheet active
  plan-xlsxwriter.xlsx   XlsxWriter: the same plan, its comments in Excel's own VML
  plan-libreoffice.xlsx  plan-openpyxl.xlsx saved again by LibreOffice headless
  plan-clean.xlsx        openpyxl: a plan with nothing to find (no checked copy)

  make_workbooks.py DIR
"""
import datetime
import os
import shutil
import subprocess
import sys
import uuid

import openpyxl
import xlsxwriter
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

HEADER = ["Ref", "Action", "Lead", "Due date", "Status", "Progress update"]
# The tests build with --as-of 2026-11-30: action 1.3 (due 30/09/2026, red) is then overdue.
PLAN = [
    ["1.1", "Refresh the supervision policy", "Head of Service", datetime.date(2027, 3, 31), "Green", "Drafted"],
    ["1.2", "Recruit six social workers", "", datetime.date(2027, 1, 31), "Amber", "Four appointed"],   # no lead
    ["1.3", "Audit fifty cases a month", "QA Manager", datetime.date(2026, 9, 30), "Red", "Paused"],    # overdue
    ["1.4", "Publish the practice standards", "Principal Social Worker", "end of March", "Green", "On track"],  # bad date
    ["1.5", "Launch the peer review", "Service Manager", datetime.date(2027, 2, 28), "TBC", "Planning"],  # bad status
    ["1.6", "Close the backlog of assessments", "Team Manager", datetime.date(2027, 4, 30), "Blue", "Done"],
]
CLEAN = [r for r in PLAN if r[0] in ("1.1", "1.6")]
PLAN_SHEET = "Team's plan"


def openpyxl_plan(path, rows, extras=True):
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Cover"
    cover["A1"] = "Improvement plan 2026-27"
    ws = wb.create_sheet(PLAN_SHEET)
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    for r in range(2, len(rows) + 2):
        ws.cell(r, 4).number_format = "dd/mm/yyyy"
    ws["F3"].number_format = "@"
    ws.column_dimensions["B"].width = 40
    if extras:
        cover.merge_cells("A1:D1")
        cover["A3"] = "Sent by the team"
        cover["A3"].comment = Comment("Please check the dates before the board", "Team lead")
        ws["E6"].comment = Comment("We are waiting for the panel to agree", "Team lead")  # the bad status's cell
        ws["A1"].comment = Comment("Refs from the 2026 plan", "Team lead")
        dv = DataValidation(type="list", formula1='"Blue,Green,Amber,Red"', allow_blank=True)
        dv.add(f"E2:E{len(rows) + 1}")
        ws.add_data_validation(dv)
        wb.defined_names.append(DefinedName("PlanTable", attr_text=f"'Team''s plan'!$A$1:$F${len(rows) + 1}"))
        wb.defined_names.append(DefinedName("Owners", localSheetId=1, attr_text=f"'Team''s plan'!$C$2:$C${len(rows) + 1}"))
        ws.print_title_rows = "1:1"
        wb.active = 1
    wb.save(path)


def xlsxwriter_plan(path):
    wb = xlsxwriter.Workbook(path)
    cover = wb.add_worksheet("Cover")
    title = wb.add_format({"bold": True, "font_size": 14})
    cover.merge_range("A1:D1", "Improvement plan 2026-27", title)
    cover.write("A3", "Sent by the team")
    cover.write_comment("A3", "Please check the dates before the board", {"author": "Team lead"})
    ws = wb.add_worksheet(PLAN_SHEET)
    head = wb.add_format({"bold": True, "bg_color": "#375623", "font_color": "#FFFFFF", "border": 1})
    date = wb.add_format({"num_format": "d mmm yy", "border": 1})
    plain = wb.add_format({"border": 1})
    ws.write_row(0, 0, HEADER, head)
    for i, r in enumerate(PLAN, start=1):
        for j, v in enumerate(r):
            if j == 2 and v == "":
                continue  # no lead: no cell at all
            if isinstance(v, datetime.date):
                ws.write_datetime(i, j, datetime.datetime.combine(v, datetime.time()), date)
            else:
                ws.write(i, j, v, plain)
    ws.write_comment("E6", "We are waiting for the panel to agree", {"author": "Team lead"})
    ws.data_validation(1, 4, len(PLAN), 4, {"validate": "list", "source": ["Blue", "Green", "Amber", "Red"]})
    ws.set_column("B:B", 40)
    wb.define_name("PlanTable", f"='Team''s plan'!$A$1:$F${len(PLAN) + 1}")
    wb.define_name("'Team's plan'!Owners", f"='Team''s plan'!$C$2:$C${len(PLAN) + 1}")
    ws.repeat_rows(0)
    ws.activate()
    wb.close()


def libreoffice_copy(source, path):
    """`source` saved again by LibreOffice headless (its own profile, a timeout)."""
    profile = f"/tmp/lo-returns-{uuid.uuid4().hex}"
    out = os.path.join(os.path.dirname(path), f"lo-{uuid.uuid4().hex}")
    os.makedirs(out)
    try:
        cmd = ["timeout", "120", "soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, source]
        subprocess.run(cmd, check=True, capture_output=True)
        shutil.move(os.path.join(out, os.path.basename(source)), path)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


def main():
    work = sys.argv[1]
    src = os.path.join(work, "in")
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    openpyxl_plan(os.path.join(src, "plan-openpyxl.xlsx"), PLAN)
    xlsxwriter_plan(os.path.join(src, "plan-xlsxwriter.xlsx"))
    openpyxl_plan(os.path.join(src, "plan-clean.xlsx"), CLEAN, extras=False)
    if shutil.which("soffice"):
        tmp = os.path.join(work, "lo-source.xlsx")
        openpyxl_plan(tmp, PLAN)
        libreoffice_copy(tmp, os.path.join(src, "plan-libreoffice.xlsx"))
        os.remove(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

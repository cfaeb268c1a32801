#!/usr/bin/python3
"""Write N team workbooks for the build benchmark (deterministic, seed 20261121).

    /usr/bin/python3 bench/build/gen_workbooks.py OUT_DIR [--count 200]

Half are improvement plans (40-80 actions each, 100-400 characters of
progress text), half KPI tables (15-25 measures), in eight layouts as teams
send them:

  plan-a  openpyxl     3 title rows, header in row 5, sections from group rows, status words, dd/mm/yyyy
  plan-b  XlsxWriter   header in row 1, Workstream column, status phrases, d mmm yy
  plan-c  openpyxl     two-row header with merged cells, Priority column, letters B/G/A/R
  plan-d  openpyxl     Theme column, statuses only as cell colours (RGB, indexed, theme+tint)
  plan-e  XlsxWriter   sections from sheet names (2-3 sheets), BRAG words
  kpi-a   XlsxWriter   seed 003's layout: banner row, 3 header rows, group rows, "May 26" labels, 0.0%
  kpi-b   openpyxl     one header row, Group column, "(%)" headers, real dates as months, Target + Tolerance
  kpi-c   XlsxWriter   two-row header (Current performance / Target), text percentages "90.4%", Polarity, RAG

A few realistic mistakes are sprinkled in (a "TBC" status, a missing lead,
an overdue action, a RAG the team typed wrong) so validation has work to do.
Refs are unique across the set.  manifest.json lists every file's layout and
what a reader should find (actions per status, measures).
"""

import argparse
import datetime as dt
import json
import os
import random
import sys

import openpyxl
import xlsxwriter
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color

SEED = 20261121
SECTIONS = ["Quality of Practice", "Capacity and capability of workforce", "Effective Leadership and Management",
            "Quality Assurance and Performance Management", "Partnership working", "Voice of the child"]
STATUS = ["blue", "green", "amber", "red"]
WORDS = {"blue": ["Blue", "Complete", "Completed", "Done"], "green": ["Green", "On track", "Green"],
         "amber": ["Amber", "At risk", "Amber"], "red": ["Red", "Off track", "Red"]}
PHRASES = {"blue": "Blue - completed", "green": "Green \u2013 on track",
           "amber": "Amber \u2013 some progress but slippage", "red": "Red \u2013 not progressed as planned"}
LETTER = {"blue": "B", "green": "G", "amber": "A", "red": "R"}
FILLS = {"blue": [Color(rgb="FF0070C0"), Color(indexed=12), Color(theme=4, tint=-0.25)],
         "green": [Color(rgb="FF00B050"), Color(indexed=17), Color(theme=6, tint=-0.25)],
         "amber": [Color(rgb="FFFFC000"), Color(indexed=51), Color(theme=9, tint=0.0)],
         "red": [Color(rgb="FFFF0000"), Color(indexed=10), Color(theme=5, tint=-0.25)]}
LEADS = ["Head of Service, Front Door", "Team Manager, MASH", "Principal Social Worker", "Service Manager, CIN",
         "Head of Quality Assurance", "Workforce Development Manager", "Head of Early Help",
         "Service Manager, Children in Care", "Designated Safeguarding Lead", "Performance Manager"]
# Progress text: no sentence begins with a header word ("Progress", "Update", "Action" ...).
OPENERS = ["Training", "Recruitment", "Audit work", "The practice week", "Supervision", "The new threshold guidance",
           "Partner agencies", "The quality assurance board", "Caseloads", "Team managers", "The dip sample",
           "Feedback from families", "The workforce board", "Case file audits", "Multi-agency meetings"]
MIDDLES = ["has been delivered to all teams", "was delayed by vacancies", "is on schedule for the spring",
           "showed improvement in recording", "needs further work before sign-off", "was reported to the board",
           "has been agreed with partners", "is being rolled out across the service", "remains below target",
           "has improved compliance to 87%", "was reviewed at the October practice week"]
ENDINGS = ["A follow-up audit is booked for December.", "Learning has been shared with managers.",
           "Evidence will be presented at the next board.", "Two posts remain vacant.",
           "Families report a better experience.", "The next milestone is in March 2027.",
           "Agency use has fallen to 19%.", "Further dip sampling is planned."]
ACTION_VERBS = ["Embed", "Review", "Strengthen", "Deliver", "Introduce", "Improve", "Establish", "Refresh", "Develop",
                "Monitor"]
ACTION_OBJECTS = ["the threshold document at the front door", "management oversight of assessments",
                  "supervision quality across teams", "the quality assurance framework",
                  "recording of the child's voice in plans", "step-down arrangements to Early Help",
                  "the recruitment and retention strategy", "practice learning sessions",
                  "case file audit moderation", "partnership escalation procedures",
                  "timeliness of child protection visits", "the use of chronologies"]
KPI_TITLES_PCT = ["% cases with management oversight recorded in past 8 weeks", "% assessments completed within 45 days",
                  "% re-referrals within 12 months", "% child protection visits in timescale",
                  "% children seen alone at last visit", "% plans reviewed in timescale",
                  "% care leavers in suitable accommodation", "% care leavers in education, employment or training",
                  "% children with an up-to-date health assessment", "% strategy discussions within 1 day",
                  "% initial child protection conferences within 15 days", "% audits rated good or better",
                  "% supervision in timescale", "% pathway plans up to date", "% return home interviews offered"]
KPI_TITLES_COUNT = ["Number of children in need", "Number of children on a child protection plan",
                    "Number of children in care", "Number of contacts received", "Number of referrals"]
KPI_GROUPS = ["Management Oversight", "Front door / assessment", "Plans", "Visits", "Reviews", "Care Leavers",
              "Cohorts"]
MONTHS = [dt.date(2026, m, 1) for m in range(5, 11)]
MONTH_LABELS = [d.strftime("%b %y") for d in MONTHS]
AS_OF = dt.date(2026, 11, 21)
PLAN_LAYOUTS = ["plan-a", "plan-b", "plan-c", "plan-d", "plan-e"]
KPI_LAYOUTS = ["kpi-a", "kpi-b", "kpi-c"]


def progress_text(rng):
    out = ""
    target = rng.randint(100, 400)
    while len(out) < target:
        s = f"{rng.choice(OPENERS)} {rng.choice(MIDDLES)}. {rng.choice(ENDINGS)} "
        out += s
    out = out[:target].rstrip()
    return out if out.endswith(".") else out.rstrip(" ,") + "."


def make_actions(rng, team, n, pool=SECTIONS):
    acts = []
    sections = rng.sample(pool, rng.randint(2, min(4, len(pool))))
    for k in range(n):
        sec = sections[min(k * len(sections) // n, len(sections) - 1)]
        status = rng.choices(STATUS, weights=[2, 4, 3, 1])[0]
        due = dt.date(2026, 4, 30) + dt.timedelta(days=rng.randint(0, 400))
        acts.append({"ref": f"T{team:03d}.{k + 1}", "section": sec,
                     "action": f"{rng.choice(ACTION_VERBS)} {rng.choice(ACTION_OBJECTS)} ({team}.{k + 1})",
                     "lead": rng.choice(LEADS), "due": due, "status": status, "progress": progress_text(rng),
                     "evidence": f"Audit of {rng.randint(10, 60)} cases; report to the board, {rng.choice(MONTH_LABELS)}"})
    # realistic mistakes: a TBC status, a missing lead
    if rng.random() < 0.3:
        acts[rng.randrange(n)]["status"] = "TBC"
    if rng.random() < 0.4:
        acts[rng.randrange(n)]["lead"] = ""
    return acts


def make_measures(rng, team, n):
    ms = []
    titles_pct = rng.sample(KPI_TITLES_PCT, min(len(KPI_TITLES_PCT), n))
    n_count = max(0, n - len(titles_pct))
    groups = rng.sample(KPI_GROUPS[:-1], 3)
    for k in range(n):
        ref = f"{team}.{k + 1}"
        if k < len(titles_pct):
            denom = rng.randint(40, 2500)
            num = int(denom * rng.uniform(0.6, 0.99))
            value = round(num / denom, 3)
            lower = "re-referrals" in titles_pct[k]
            up = round(rng.choice([0.9, 0.95, 0.85, 0.75]), 2)
            mn = round(up - rng.choice([0.05, 0.1]), 2)
            if lower:
                up, mn = round(1 - up, 2), round(1 - mn, 2)
                value = round(1 - value, 3)
                num = int(round(value * denom))
                value = round(num / denom, 3)
            months = [round(min(1.0, max(0.0, value + rng.uniform(-0.05, 0.05))), 3) for _ in range(5)] + [value]
            ms.append({"ref": ref, "title": titles_pct[k], "group": groups[k * 3 // n], "pct": True, "num": num,
                       "denom": denom, "value": value, "previous": round(min(1.0, value + rng.uniform(-0.05, 0.05)), 3),
                       "months": months, "min": mn, "upper": up, "lower": lower,
                       "period": rng.choice(["Snapshot", "YTD", "Rolling Year"])})
        else:
            v = rng.randint(150, 1900)
            ms.append({"ref": ref, "title": KPI_TITLES_COUNT[(k - len(titles_pct)) % len(KPI_TITLES_COUNT)],
                       "group": "Cohorts", "pct": False, "num": None, "denom": None, "value": v,
                       "previous": v + rng.randint(-60, 60), "months": [v + rng.randint(-40, 40) for _ in range(5)] + [v],
                       "min": None, "upper": None, "lower": False, "period": "Snapshot"})
    del n_count
    return ms


def rate(m):
    if m["min"] is None:
        return "none"
    v, mn, up = m["value"], m["min"], m["upper"]
    if m["lower"]:
        return "green" if v <= up else "amber" if v <= mn else "red"
    return "green" if v >= up else "amber" if v >= mn else "red"


# ---- plan writers ---------------------------------------------------------------

def opx_header(ws, row, names, fill="FF1F4E79"):
    for c, h in enumerate(names, 1):
        cell = ws.cell(row=row, column=c, value=h)
        cell.font = Font(bold=True, color="FFFFFFFF")
        cell.fill = PatternFill("solid", fgColor=fill)


def plan_a(path, acts, rng, team):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Improvement Plan"
    ws["A1"] = "Children's Services Improvement Plan 2026-27"
    ws["A2"] = f"Team {team}"
    ws["A3"] = "Updated: 31/10/2026"
    opx_header(ws, 5, ["Ref", "Action", "Lead", "Due date", "Status", "Progress update", "Evidence of impact"])
    r, current = 6, None
    for a in acts:
        if a["section"] != current:
            current = a["section"]
            c = ws.cell(row=r, column=1, value=current)
            c.font = Font(bold=True)
            c.fill = PatternFill("solid", fgColor="FFD9E1F2")
            r += 1
        st = a["status"] if a["status"] == "TBC" else rng.choice(WORDS[a["status"]])
        ws.append([a["ref"], a["action"], a["lead"] or None, a["due"], st, a["progress"], a["evidence"]])
        ws.cell(row=r, column=4).number_format = "dd/mm/yyyy"
        r += 1
    ws.freeze_panes = "A6"
    wb.save(path)


def plan_b(path, acts, rng, team):
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Workforce actions")
    hdr = wb.add_format({"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF"})
    dfmt = wb.add_format({"num_format": "d mmm yy"})
    ws.write_row(0, 0, ["Action ref", "Workstream", "What we will do", "Lead officer", "Target date", "RAG status",
                        "Commentary", "Evidence"], hdr)
    for k, a in enumerate(acts, 1):
        st = a["status"] if a["status"] == "TBC" else PHRASES[a["status"]]
        ws.write_row(k, 0, [a["ref"], a["section"], a["action"]])
        if a["lead"]:
            ws.write_string(k, 3, a["lead"])
        ws.write_datetime(k, 4, dt.datetime.combine(a["due"], dt.time()), dfmt)
        ws.write_row(k, 5, [st, a["progress"], a["evidence"]])
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(acts), 7)
    wb.close()


def plan_c(path, acts, rng, team):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CSW plan"
    ws["A1"] = "Children's Social Work Service and Corporate Parenting"
    ws["A2"] = "Improvement plan 2026-27"
    for rng_, text in (("A4:D4", "Action"), ("E4:F4", "Delivery"), ("G4:H4", "Progress")):
        ws[rng_.split(":")[0]] = text
        ws[rng_.split(":")[0]].font = Font(bold=True)
        ws.merge_cells(rng_)
    opx_header(ws, 5, ["Ref", "Priority", "What we will do", "Lead", "By when", "RAG", "Progress update",
                       "Evidence of impact"])
    for k, a in enumerate(acts):
        st = a["status"] if a["status"] == "TBC" else LETTER[a["status"]]
        ws.append([a["ref"], a["section"], a["action"], a["lead"] or None, a["due"], st, a["progress"], a["evidence"]])
        ws.cell(row=6 + k, column=5).number_format = "dd/mm/yyyy"
    wb.save(path)


def plan_d(path, acts, rng, team):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws["A1"] = "Quality Assurance, Performance and Leadership"
    ws["A2"] = "Key: blue = complete, green = on track, amber = slipping, red = not progressed"
    opx_header(ws, 5, ["No.", "Theme", "Description", "Responsible", "Deadline", "RAG", "Update", "Evidence"],
               fill="FF7030A0")
    for k, a in enumerate(acts):
        r = 6 + k
        ws.append([a["ref"], a["section"], a["action"], a["lead"] or None, a["due"], None, a["progress"], a["evidence"]])
        ws.cell(row=r, column=5).number_format = "dd/mm/yyyy"
        if a["status"] == "TBC":
            ws.cell(row=r, column=6, value="TBC")
        else:
            ws.cell(row=r, column=6).fill = PatternFill("solid", fgColor=rng.choice(FILLS[a["status"]]))
    wb.save(path)


def plan_e(path, acts, rng, team):
    wb = xlsxwriter.Workbook(path)
    hdr = wb.add_format({"bold": True, "bg_color": "#D9E1F2"})
    dfmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    by = {}
    for a in acts:
        by.setdefault(a["section"], []).append(a)
    for sec, rows in by.items():
        ws = wb.add_worksheet(sec[:31])
        ws.write(0, 0, f"Early Help and Partnerships: {sec}")
        ws.write_row(1, 0, ["Ref", "Actions", "Owner", "Timescale", "BRAG", "Progress", "Impact"], hdr)
        for k, a in enumerate(rows, 2):
            st = a["status"] if a["status"] == "TBC" else rng.choice(WORDS[a["status"]])
            ws.write_row(k, 0, [a["ref"], a["action"]])
            if a["lead"]:
                ws.write_string(k, 2, a["lead"])
            ws.write_datetime(k, 3, dt.datetime.combine(a["due"], dt.time()), dfmt)
            ws.write_row(k, 4, [st, a["progress"], a["evidence"]])
    wb.close()


# ---- KPI writers ------------------------------------------------------------------

def kpi_a(path, ms, rng, team):
    """Seed 003's layout."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Highlight Indicators")
    b = wb.add_format({"bold": True, "text_wrap": True, "border": 1, "align": "center", "valign": "vcenter"})
    grey = wb.add_format({"bold": True, "bg_color": "#D9D9D9"})
    pfmt = wb.add_format({"num_format": "0.0%"})
    cfmt = wb.add_format({"num_format": "#,##0"})
    ws.write(0, 0, "Children's Social Care Highlight Indicators", wb.add_format({"bold": True, "font_size": 14}))
    ws.write(1, 0, f"Team {team}: performance for October 2026 against the corporate minimum/upper model")
    ws.merge_range(2, 0, 2, 1, "Performance measure title and reference", b)
    ws.write(2, 2, "Performance from previous financial year", b)
    ws.merge_range(2, 3, 2, 12, "Performance for current period (Oct 26)", b)
    ws.merge_range(2, 13, 2, 14, "Agreed targets (using corporate minimum/upper model)", b)
    ws.write(2, 15, "Trend line for last 6 months performance", b)
    ws.merge_range(3, 0, 5, 0, "Ref", b)
    ws.merge_range(3, 1, 5, 1, "Performance Measure", b)
    ws.merge_range(3, 2, 5, 2, "2025/26", b)
    ws.merge_range(3, 3, 3, 12, "Current Performance", b)
    ws.merge_range(3, 13, 3, 14, "Target", b)
    ws.merge_range(3, 15, 5, 15, "Trend", b)
    for c, h in zip(range(3, 7), ["Num", "Denom", "Current", "Period"]):
        ws.merge_range(4, c, 5, c, h, b)
    ws.merge_range(4, 7, 4, 12, "Six Month Trend", b)
    ws.merge_range(4, 13, 5, 13, "Min", b)
    ws.merge_range(4, 14, 5, 14, "Upper", b)
    for k, lab in enumerate(MONTH_LABELS):
        ws.write_string(5, 7 + k, lab, b)
    r = 6
    current = None
    for m in sorted(ms, key=lambda m: (KPI_GROUPS.index(m["group"]), 0)):
        if m["group"] != current:
            current = m["group"]
            ws.write(r, 0, current, grey)
            for c in range(1, 16):
                ws.write_blank(r, c, None, grey)
            r += 1
        f = pfmt if m["pct"] else cfmt
        ws.write_string(r, 0, m["ref"])
        ws.write_string(r, 1, m["title"])
        ws.write_number(r, 2, m["previous"], f)
        if m["pct"]:
            ws.write_number(r, 3, m["num"], cfmt)
            ws.write_number(r, 4, m["denom"], cfmt)
        else:
            ws.write_string(r, 3, "n/a")
            ws.write_string(r, 4, "n/a")
        ws.write_number(r, 5, m["value"], f)
        ws.write_string(r, 6, m["period"])
        for k, v in enumerate(m["months"]):
            ws.write_number(r, 7 + k, v, f)
        if m["min"] is not None:
            ws.write_number(r, 13, m["min"], pfmt)
            ws.write_number(r, 14, m["upper"], pfmt)
        ws.add_sparkline(r, 15, {"range": f"'Highlight Indicators'!H{r + 1}:M{r + 1}"})
        r += 1
    wb.close()


def kpi_b(path, ms, rng, team):
    """Group column, "(%)" headers, months as real dates, Target + Tolerance, typed RAG."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Indicators"
    ws["A1"] = f"Reviews and Care Leavers: team {team}"
    ws["A2"] = "Percentages are given as numbers (87.0 means 87.0%)"
    heads = ["Group", "Indicator no.", "Measure", "Last year (%)", "Numerator", "Denominator", "Actual (%)", "Period"]
    for c, h in enumerate(heads, 1):
        ws.cell(row=4, column=c, value=h).font = Font(bold=True)
    for k, d in enumerate(MONTHS):
        c = ws.cell(row=4, column=9 + k, value=d)
        c.number_format = "mmm yy"
        c.font = Font(bold=True)
    for c, h in enumerate(["Target (%)", "Tolerance (%)", "Polarity", "RAG", "Commentary"], 15):
        ws.cell(row=4, column=c, value=h).font = Font(bold=True)
    r = 5
    for m in ms:
        if not m["pct"]:
            continue        # this team reports percentages only
        pc = lambda v: round(v * 100, 1)  # noqa: E731
        rag = rate(m)
        typed = rag.capitalize() if rng.random() > 0.1 else rng.choice(["Green", "Amber", "Red"])
        target = pc(m["upper"])
        tol = round(abs(pc(m["upper"]) - pc(m["min"])), 1)
        ws.append([m["group"], m["ref"], m["title"], pc(m["previous"]), m["num"], m["denom"], pc(m["value"]),
                   m["period"]] + [pc(v) for v in m["months"]] +
                  [target, tol, "Lower is better" if m["lower"] else "Higher is better", typed,
                   "Remedial action agreed at the performance clinic." if rag == "red" else None])
        r += 1
    wb.save(path)


def kpi_c(path, ms, rng, team):
    """Two-row header: "Current performance" over Num/Denom/Actual, "Target" over Min/Upper; text percentages."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Scorecard")
    b = wb.add_format({"bold": True, "border": 1, "align": "center"})
    pfmt = wb.add_format({"num_format": "0.0%"})
    ws.write(0, 0, f"Performance scorecard, team {team}")
    ws.merge_range(2, 0, 3, 0, "KPI ref", b)
    ws.merge_range(2, 1, 3, 1, "Indicator", b)
    ws.merge_range(2, 2, 3, 2, "Last year", b)
    ws.merge_range(2, 3, 2, 5, "Current performance", b)
    ws.merge_range(2, 6, 2, 7, "Target", b)
    ws.merge_range(2, 8, 3, 8, "Polarity", b)
    ws.merge_range(2, 9, 3, 9, "RAG", b)
    ws.merge_range(2, 10, 3, 10, "Commentary", b)
    ws.write_row(3, 3, ["Numerator", "Denominator", "Actual", "Min", "Upper"], b)
    r = 4
    for m in ms:
        if not m["pct"]:
            continue
        ws.write_string(r, 0, m["ref"])
        ws.write_string(r, 1, m["title"])
        ws.write_number(r, 2, m["previous"], pfmt)
        ws.write_number(r, 3, m["num"])
        ws.write_number(r, 4, m["denom"])
        if rng.random() < 0.3:
            ws.write_string(r, 5, f"{m['value'] * 100:.1f}%")
        else:
            ws.write_number(r, 5, m["value"], pfmt)
        ws.write_number(r, 6, m["min"], pfmt)
        ws.write_number(r, 7, m["upper"], pfmt)
        ws.write_string(r, 8, "Lower is better" if m["lower"] else "Higher is better")
        ws.write_string(r, 9, rate(m).capitalize())
        if rate(m) == "red":
            ws.write_string(r, 10, "Remedial plan agreed; next review in December.")
        r += 1
    wb.close()


WRITERS = {"plan-a": plan_a, "plan-b": plan_b, "plan-c": plan_c, "plan-d": plan_d, "plan-e": plan_e,
           "kpi-a": kpi_a, "kpi-b": kpi_b, "kpi-c": kpi_c}


def generate(out, count=200):
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    manifest = []
    for i in range(count):
        team = i + 1
        if i % 2 == 0:
            layout = PLAN_LAYOUTS[(i // 2) % len(PLAN_LAYOUTS)]
            # sheet names hold at most 31 characters: sections from sheet names are short ones
            pool = [x for x in SECTIONS if len(x) <= 31] if layout == "plan-e" else SECTIONS
            acts = make_actions(rng, team, rng.randint(40, 80), pool)
            name = f"team{team:03d}-{layout}.xlsx"
            WRITERS[layout](os.path.join(out, name), acts, rng, team)
            good = [a for a in acts if a["status"] != "TBC"]
            manifest.append({"file": name, "layout": layout, "kind": "plan", "actions": len(good),
                             "status": {s: sum(1 for a in good if a["status"] == s) for s in STATUS},
                             "bad_status": len(acts) - len(good),
                             "overdue": sum(1 for a in good if a["due"] < AS_OF and a["status"] != "blue"),
                             "no_lead": sum(1 for a in good if not a["lead"])})
        else:
            layout = KPI_LAYOUTS[(i // 2) % len(KPI_LAYOUTS)]
            ms = make_measures(rng, team, rng.randint(15, 25))
            name = f"team{team:03d}-{layout}.xlsx"
            WRITERS[layout](os.path.join(out, name), ms, rng, team)
            kept = ms if layout == "kpi-a" else [m for m in ms if m["pct"]]
            manifest.append({"file": name, "layout": layout, "kind": "kpi", "measures": len(kept),
                             "rag": {r: sum(1 for m in kept if rate(m) == r) for r in ("green", "amber", "red", "none")}})
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    return manifest


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=200)
    a = ap.parse_args()
    man = generate(a.out, a.count)
    plans = [m for m in man if m["kind"] == "plan"]
    kpis = [m for m in man if m["kind"] == "kpi"]
    print(f"{len(man)} workbooks in {a.out}: {len(plans)} plans ({sum(m['actions'] for m in plans)} actions), "
          f"{len(kpis)} KPI tables ({sum(m['measures'] for m in kpis)} measures)")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Write one large KPI table that boardpack recognises, deterministically.

    /usr/bin/python3 bench/gen_kpi_sheet.py ROWS OUT.xlsx

ROWS data rows (plus one header row) x 20 columns on one sheet "KPIs":

    Ref | Indicator | Polarity | Nov 25 ... Oct 26 (12 months) |
    Current | Minimum | Upper target | RAG | Commentary

About 60% of the measures are percentages (stored as fractions, `0.0%`), the
rest counts (`#,##0`).  Text goes to the shared string table, as Excel does:
indicator titles come from a pool, refs and about a third of the commentaries
are unique.  Current repeats the latest month; the RAG column agrees with it
against Minimum and Upper target (the corporate min/upper model) for 98% of
the rows (the rest are typed wrong, as teams do).  Every data cell is styled,
so a missing commentary is a styled blank cell and the sheet holds exactly
(ROWS + 1) x 20 cells: 50,000 rows = 1,000,020 cells, just over boardpack's
default --max-cells of 1e6, so pass a larger one.  A fixed seed and a fixed
creation date make the file byte-identical on every run, so benchmarks cache
it by this script's hash.  The command line is kept stable: other benchmarks
call it.
"""

import datetime as dt
import random
import sys

import xlsxwriter

SEED = 20261121
MONTHS = ["Nov 25", "Dec 25", "Jan 26", "Feb 26", "Mar 26", "Apr 26",
          "May 26", "Jun 26", "Jul 26", "Aug 26", "Sep 26", "Oct 26"]
HEADERS = (["Ref", "Indicator", "Polarity"] + MONTHS +
           ["Current", "Minimum", "Upper target", "RAG", "Commentary"])
assert len(HEADERS) == 20

PCT_TITLES = [
    "Child protection plans reviewed in timescale", "Re-referrals to children's social care within 12 months",
    "Care leavers in education, employment or training", "Assessments completed within 45 working days",
    "Looked after children with an up-to-date health assessment", "Household waste sent for reuse, recycling or composting",
    "Major planning applications decided in 13 weeks", "Council tax collected", "Business rates collected",
    "Freedom of information requests answered in 20 days", "Invoices paid within 30 days",
    "Calls answered within 60 seconds", "Staff appraisals completed", "Adults with learning disabilities in paid work",
    "Delayed transfers of care attributable to social care", "Homelessness cases prevented",
    "Potholes repaired within 28 days", "Streets below the litter standard", "Complaints answered within 10 days",
    "Early help assessments closed with needs met",
]
COUNT_TITLES = [
    "Working days lost to sickness per employee", "Households in temporary accommodation",
    "Fly-tipping incidents reported", "Library visits", "Leisure centre attendances", "New homes completed",
    "Affordable homes delivered", "Missed bin collections", "Children subject to a child protection plan",
    "Open safeguarding enquiries", "Rough sleepers on a single night", "Apprenticeships started",
]
AREAS = ["Children's Services", "Adult Social Care", "Environment", "Housing", "Finance", "Customer Services",
         "Planning", "Highways", "Human Resources", "Public Health", "Culture and Leisure", "Community Safety"]
STOCK_COMMENTS = [
    "On track.", "Performance steady against last quarter.", "Improvement plan in place; reviewed monthly.",
    "Seasonal dip expected over winter.", "Data validated by the performance team.",
    "Remedial action agreed at the performance clinic.", "Recruitment to vacant posts under way.",
    "New reporting system went live this quarter.",
]
WORDS = ("backlog staffing demand recovery review partners funding training pilot audit contract "
         "referrals capacity winter pressures systems vacancies agency spend targets ward").split()


def rate(value, upper, minimum, higher):
    if higher:
        return "Green" if value >= upper else "Amber" if value >= minimum else "Red"
    return "Green" if value <= upper else "Amber" if value <= minimum else "Red"


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    rows, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(SEED)

    wb = xlsxwriter.Workbook(out)   # shared strings (not constant_memory): what Excel writes
    wb.set_properties({"created": dt.datetime(2026, 11, 21), "author": "Performance team"})  # no clock in the file
    ws = wb.add_worksheet("KPIs")
    head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
    text = wb.add_format({"border": 1})
    wrap = wb.add_format({"border": 1, "text_wrap": True})
    pct = wb.add_format({"border": 1, "num_format": "0.0%"})
    cnt = wb.add_format({"border": 1, "num_format": "#,##0"})
    rag_fmt = wb.add_format({"border": 1, "align": "center"})
    for c, h in enumerate(HEADERS):
        ws.write_string(0, c, h, head)
    ws.freeze_panes(1, 2)
    ws.set_column(1, 1, 48)
    ws.set_column(19, 19, 60)

    for r in range(1, rows + 1):
        is_pct = rng.random() < 0.6
        area = rng.choice(AREAS)
        if is_pct:
            title = rng.choice(PCT_TITLES)
            higher = rng.random() < 0.8
            level = rng.uniform(0.35, 0.95)
            months = [min(1.0, max(0.0, round(level + rng.gauss(0, 0.04), 3))) for _ in MONTHS]
            spread = round(rng.uniform(0.02, 0.08), 3)
            upper = min(0.99, max(0.1, round(level + rng.uniform(-0.05, 0.05), 3)))
            minimum = min(1.0, max(0.0, round(upper - spread if higher else upper + spread, 3)))
            fmt = pct
        else:
            title = rng.choice(COUNT_TITLES)
            higher = rng.random() < 0.5
            level = rng.randint(20, 5000)
            months = [max(0, int(level + rng.gauss(0, level * 0.08))) for _ in MONTHS]
            spread = max(1, int(level * rng.uniform(0.03, 0.1)))
            upper = max(0, int(level + rng.gauss(0, level * 0.05)))
            minimum = max(0, upper - spread if higher else upper + spread)
            fmt = cnt
        rag = rate(months[-1], upper, minimum, higher)
        if rng.random() < 0.02:
            rag = rng.choice([x for x in ("Green", "Amber", "Red") if x != rag])
        roll = rng.random()
        if rag == "Red" or roll < 0.3:
            comment = (f"{area}: {' '.join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))} "
                       f"(ref {r}).")                      # unique, as a team's own words are
        elif roll < 0.7:
            comment = rng.choice(STOCK_COMMENTS)
        else:
            comment = None

        ws.write_string(r, 0, f"KPI-{r:06d}", text)
        ws.write_string(r, 1, title, text)
        ws.write_string(r, 2, "Higher is better" if higher else "Lower is better", text)
        for k, v in enumerate(months):
            ws.write_number(r, 3 + k, v, fmt)
        ws.write_number(r, 15, months[-1], fmt)
        ws.write_number(r, 16, minimum, fmt)
        ws.write_number(r, 17, upper, fmt)
        ws.write_string(r, 18, rag, rag_fmt)
        if comment is None:
            ws.write_blank(r, 19, None, wrap)   # a styled empty cell, as in a formatted table
        else:
            ws.write_string(r, 19, comment, wrap)
    wb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

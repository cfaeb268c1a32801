#!/usr/bin/python3
"""Generate the reader-benchmark workbook: ROWS rows x 20 columns.

    /usr/bin/python3 bench/gen_sheet.py ROWS OUT.xlsx [--seed N] [--constant-memory]

ROWS counts every row of the sheet, the header row included, so the sheet holds
exactly ROWS * 20 non-empty cells (50,000 rows -> 1,000,000 cells).  Columns:
shared strings (names from a 40x40 pool, a 4-value status, a 4-value priority,
12 teams, 24 wards, unique 20-80 character notes, unique case codes), integers,
floats, percentages (0.0%) and dates (dd/mm/yyyy); every data cell is styled.

Needs Debian's XlsxWriter (python3-xlsxwriter), hence /usr/bin/python3.

String storage
--------------
By default strings go through the shared string table
(<c t="s"><v>index</v></c> + xl/sharedStrings.xml), which is how Excel itself
saves a workbook and what the benchmark is about.  XlsxWriter keeps the whole
sheet in memory to do that (about 150 MB at 50k rows, 0.6 GB at 200k).

--constant-memory uses XlsxWriter's constant_memory mode instead: rows are
streamed to disk (flat memory at any size), but XlsxWriter then writes every
string as an *inline* string (<c t="inlineStr"><is><t>..</t></is></c>) and the
package has no xl/sharedStrings.xml -- a different file shape.

Output is deterministic for a given (ROWS, seed, mode): the random generator is
seeded and the document timestamps are fixed.
"""

import argparse
import datetime as dt
import random
import sys

try:
    import xlsxwriter
except ImportError:  # pragma: no cover - environment problem, not a bug
    sys.exit("gen_sheet.py: XlsxWriter not importable; run with Debian's "
             "/usr/bin/python3 (apt-get install python3-xlsxwriter)")

NCOLS = 20

FIRST = ["Aisha", "Ben", "Chloe", "Daniel", "Eleanor", "Farid", "Grace",
         "Harry", "Imogen", "Jack", "Kiran", "Laura", "Mohammed", "Niamh",
         "Oliver", "Priya", "Rhys", "Sophie", "Tomasz", "Uma", "Victoria",
         "William", "Yusuf", "Zara", "Amelia", "Callum", "Deborah", "Ethan",
         "Fatima", "George", "Hannah", "Isaac", "Jasmine", "Kwame", "Leah",
         "Marcus", "Nadia", "Owen", "Poppy", "Rajesh"]
LAST = ["Adams", "Bennett", "Chowdhury", "Davies", "Evans", "Fletcher",
        "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan",
        "Nowak", "O'Brien", "Patel", "Quinn", "Roberts", "Singh", "Taylor",
        "Usman", "Vaughan", "Walker", "Xu", "Young", "Zielinski", "Ahmed",
        "Brown", "Clarke", "Dixon", "Edwards", "Foster", "Gill", "Hall",
        "Ingram", "Johnson", "Kelly", "Lloyd", "Murphy", "Nolan"]
STATUS = ["Open", "In progress", "On hold", "Closed"]
PRIORITY = ["Low", "Medium", "High", "Critical"]
TEAMS = ["Adult Social Care", "Children's Services", "Housing Options",
         "Environmental Health", "Highways", "Waste & Recycling",
         "Planning", "Revenues & Benefits", "Libraries", "Parks",
         "Licensing", "Public Health"]
WARDS = ["Abbey", "Bridge", "Castle", "Dale", "Eastfield", "Fairmead",
         "Greenhill", "Harbour", "Ivy Lane", "Jubilee", "Kingsway",
         "Longford", "Market", "Northgate", "Oakwood", "Priory",
         "Queensbury", "Riverside", "St Mary's", "Thornbury", "Upton",
         "Victoria", "Westgate", "Yarrow"]
WORDS = ("resident reported follow up visit arranged awaiting contractor "
         "quote approved budget review escalated to manager complaint "
         "resolved partially repairs outstanding survey booked next week "
         "tenant contacted by phone letter sent no response chased again "
         "referral received from GP assessment completed package agreed "
         "funding panel deferred evidence requested invoice paid late "
         "street lighting fault pothole reported fly tipping cleared "
         "noise nuisance diary issued case closed after review").split()

HEADERS = ["Ref", "Case name", "Status", "Notes", "Team", "Ward", "Opened",
           "Due", "Closed", "Units", "Budget", "Actual", "Variance",
           "Score", "Priority", "Officer", "Headcount", "Completion",
           "Case code", "Review date"]
assert len(HEADERS) == NCOLS

EPOCH = dt.date(2019, 1, 1)


def person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def free_text(rng):
    """A note of 20-80 characters built from WORDS (nearly always unique)."""
    target = rng.randint(20, 80)
    words = []
    length = -1
    while True:
        w = rng.choice(WORDS)
        if length + 1 + len(w) > target:
            break
        words.append(w)
        length += 1 + len(w)
    text = " ".join(words) if words else rng.choice(WORDS)
    # Pad with a case number so the length lands in [20, 80] and the text is
    # effectively unique, as free-text notes are in real workbooks.
    text = f"{text} #{rng.randint(0, 999999)}"
    if len(text) < 20:
        text = text + " " + "." * (20 - len(text) - 1)
    return text[:80]


def generate(rows, out, seed=20240501, constant_memory=False):
    if rows < 1:
        raise ValueError("ROWS must be >= 1")
    rng = random.Random(seed)
    wb = xlsxwriter.Workbook(out, {"constant_memory": constant_memory})
    fixed = dt.datetime(2024, 1, 1, 0, 0, 0)
    wb.set_properties({"title": "boardpack reader benchmark",
                       "author": "boardpack bench/gen_sheet.py",
                       "created": fixed})
    ws = wb.add_worksheet("Cases")

    hdr = wb.add_format({"bold": True})
    fdate = wb.add_format({"num_format": "dd/mm/yyyy"})
    fpct = wb.add_format({"num_format": "0.0%"})
    fmoney = wb.add_format({"num_format": "#,##0.00"})
    fint = wb.add_format({"num_format": "#,##0"})
    fwrap = wb.add_format({"text_wrap": True})
    fcentre = wb.add_format({"align": "center"})
    fref = wb.add_format({"num_format": "0"})
    fdec1 = wb.add_format({"num_format": "0.0"})
    ftext = wb.add_format({"border": 1})

    ws.write_row(0, 0, HEADERS, hdr)

    for r in range(1, rows):
        opened = EPOCH + dt.timedelta(days=rng.randint(0, 5 * 365))
        due = opened + dt.timedelta(days=rng.randint(7, 120))
        closed = opened + dt.timedelta(days=rng.randint(1, 200))
        review = due + dt.timedelta(days=rng.randint(0, 60))
        budget = rng.randint(5, 2500) * 100.0
        actual = round(budget * rng.uniform(0.6, 1.4), 2)

        ws.write_number(r, 0, 100000 + r, fref)                             # A int
        ws.write_string(r, 1, person(rng), ftext)                           # B name
        ws.write_string(r, 2, rng.choice(STATUS), fcentre)                  # C status
        ws.write_string(r, 3, free_text(rng), fwrap)                        # D notes
        ws.write_string(r, 4, rng.choice(TEAMS), ftext)                     # E team
        ws.write_string(r, 5, rng.choice(WARDS), ftext)                     # F ward
        ws.write_datetime(r, 6, opened, fdate)                              # G date
        ws.write_datetime(r, 7, due, fdate)                                 # H date
        ws.write_datetime(r, 8, closed, fdate)                              # I date
        ws.write_number(r, 9, rng.randint(0, 500), fint)                    # J int
        ws.write_number(r, 10, budget, fmoney)                              # K float
        ws.write_number(r, 11, actual, fmoney)                              # L float
        ws.write_number(r, 12, round(actual / budget - 1.0, 3), fpct)       # M pct
        ws.write_number(r, 13, round(rng.uniform(0, 100), 1), fdec1)        # N float
        ws.write_string(r, 14, rng.choice(PRIORITY), fcentre)               # O status-like
        ws.write_string(r, 15, person(rng), ftext)                          # P name
        ws.write_number(r, 16, rng.randint(1, 60), fint)                    # Q int
        ws.write_number(r, 17, round(rng.random(), 2), fpct)                # R pct
        ws.write_string(r, 18, f"CS-{opened.year}-{r:06d}", ftext)          # S unique
        ws.write_datetime(r, 19, review, fdate)                             # T date

    ws.set_column(3, 3, 60)
    ws.set_column(6, 8, 11)
    ws.set_column(19, 19, 11)
    wb.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rows", type=int, help="total rows, header included")
    ap.add_argument("out", help="output .xlsx path")
    ap.add_argument("--seed", type=int, default=20240501)
    ap.add_argument("--constant-memory", action="store_true",
                    help="XlsxWriter constant_memory mode (inline strings, "
                         "no sharedStrings.xml)")
    a = ap.parse_args(argv)
    generate(a.rows, a.out, a.seed, a.constant_memory)


if __name__ == "__main__":
    main()

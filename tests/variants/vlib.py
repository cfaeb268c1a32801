"""Shared pieces of the variant tests: a small sheet model written with
openpyxl or XlsxWriter, the boardpack runner, the vocabulary reader and a
soft-assertion collector.

Run everything here with Debian's Python (/usr/bin/python3), which has
openpyxl 3.0.x and XlsxWriter.
"""

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys

import openpyxl
import xlsxwriter
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
VOCABULARY = os.path.join(REPO, "templates", "vocabulary.txt")
ISSUE_CODES_DOC = os.path.join(REPO, "docs", "issue-codes.md")

PCT1 = "0.0%"
DATE_FMT = "dd/mm/yyyy"


# ---- the sheet model ---------------------------------------------------------

class C:
    """A cell with style: value, number format, fill, bold.

    fill is a dict: {"rgb": "FF0070C0"} | {"indexed": 12} | {"theme": 4, "tint": -0.25}.
    A value that is a str starting with "=" is a formula (openpyxl writes no
    cached value for it).
    """

    __slots__ = ("v", "fmt", "fill", "bold")

    def __init__(self, v=None, fmt=None, fill=None, bold=False):
        self.v, self.fmt, self.fill, self.bold = v, fmt, fill, bold


def pct(v, fmt=PCT1):
    return C(v, fmt=fmt)


def date(s, fmt=DATE_FMT):
    return C(dt.date.fromisoformat(s) if isinstance(s, str) else s, fmt=fmt)


class Sheet:
    """Rows of values from (top, col 1); None leaves a cell out."""

    def __init__(self, name, rows=(), top=1, merges=(), state="visible"):
        self.name = name
        self.cells = {}
        self.merges = list(merges)
        self.state = state
        for i, row in enumerate(rows):
            self.put_row(top + i, row)

    def put_row(self, r, values, col=1):
        for j, v in enumerate(values):
            if v is not None:
                self.cells[(r, col + j)] = v if isinstance(v, C) else C(v)
        return self

    def put(self, ref, v):
        col, row = openpyxl.utils.cell.coordinate_from_string(ref)
        self.cells[(row, openpyxl.utils.column_index_from_string(col))] = v if isinstance(v, C) else C(v)
        return self

    def merge(self, rng):
        self.merges.append(rng)
        return self


def _opx_color(fill):
    if "rgb" in fill:
        rgb = fill["rgb"]
        return Color(rgb=rgb if len(rgb) == 8 else "FF" + rgb)
    if "indexed" in fill:
        return Color(indexed=fill["indexed"])
    return Color(theme=fill["theme"], tint=fill.get("tint", 0.0))


def write_openpyxl(path, sheets, epoch1904=False):
    wb = openpyxl.Workbook()
    if epoch1904:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904
        wb.epoch = CALENDAR_MAC_1904
    wb.remove(wb.active)
    for sh in sheets:
        ws = wb.create_sheet(sh.name)
        ws.sheet_state = sh.state
        for (r, c), cell in sorted(sh.cells.items()):
            x = ws.cell(row=r, column=c)
            if cell.v is not None:
                x.value = cell.v
            if cell.fmt:
                x.number_format = cell.fmt
            if cell.fill:
                x.fill = PatternFill(fill_type="solid", fgColor=_opx_color(cell.fill))
            if cell.bold:
                x.font = Font(bold=True)
        for m in sh.merges:
            ws.merge_cells(m)
    wb.save(path)
    return path


def write_xlsxwriter(path, sheets):
    """XlsxWriter dialect (shared strings, its own styles). RGB fills only;
    formulas get XlsxWriter's cached value 0."""
    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False,
                                    "strings_to_urls": False})
    formats = {}

    def fmt_of(cell):
        key = (cell.fmt, tuple(sorted(cell.fill.items())) if cell.fill else None, cell.bold)
        if key == (None, None, False):
            return None
        if key not in formats:
            props = {}
            if cell.fmt:
                props["num_format"] = cell.fmt
            if cell.fill:
                assert "rgb" in cell.fill, "XlsxWriter writes RGB fills only"
                props["bg_color"] = "#" + cell.fill["rgb"][-6:]
                props["pattern"] = 1
            if cell.bold:
                props["bold"] = True
            formats[key] = wb.add_format(props)
        return formats[key]

    for sh in sheets:
        ws = wb.add_worksheet(sh.name)
        if sh.state == "hidden":
            ws.hide()
        merged_cells = {}
        for m in sh.merges:
            a, b = m.split(":")
            ca, ra = openpyxl.utils.cell.coordinate_from_string(a)
            cb, rb = openpyxl.utils.cell.coordinate_from_string(b)
            merged_cells[(ra, openpyxl.utils.column_index_from_string(ca))] = (
                rb, openpyxl.utils.column_index_from_string(cb))
        for (r, c), cell in sorted(sh.cells.items()):
            f = fmt_of(cell)
            if (r, c) in merged_cells:
                rb, cb = merged_cells[(r, c)]
                v = cell.v
                if isinstance(v, (dt.date, dt.datetime)):
                    ws.merge_range(r - 1, c - 1, rb - 1, cb - 1, "", f)
                    ws.write_datetime(r - 1, c - 1, v, f)
                else:
                    ws.merge_range(r - 1, c - 1, rb - 1, cb - 1, v if v is not None else "", f)
                continue
            v = cell.v
            if v is None:
                ws.write_blank(r - 1, c - 1, None, f)
            elif isinstance(v, bool):
                ws.write_boolean(r - 1, c - 1, v, f)
            elif isinstance(v, (int, float)):
                ws.write_number(r - 1, c - 1, v, f)
            elif isinstance(v, (dt.date, dt.datetime)):
                if not isinstance(v, dt.datetime):
                    v = dt.datetime(v.year, v.month, v.day)
                ws.write_datetime(r - 1, c - 1, v, f)
            elif isinstance(v, str) and v.startswith("="):
                ws.write_formula(r - 1, c - 1, v, f)
            else:
                ws.write_string(r - 1, c - 1, v, f)
    wb.close()
    return path


def write(path, sheets, engine="openpyxl", epoch1904=False):
    if isinstance(sheets, Sheet):
        sheets = [sheets]
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    if engine == "openpyxl":
        return write_openpyxl(path, sheets, epoch1904)
    assert not epoch1904
    return write_xlsxwriter(path, sheets)


def col_letter(i):
    return get_column_letter(i)


# ---- the vocabulary ------------------------------------------------------------

def read_vocabulary(path=VOCABULARY):
    """{list name: [entries in file order]} from templates/vocabulary.txt."""
    lists, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            t = line.strip()
            if not t or t.startswith("#"):
                continue
            if t.startswith("[") and t.endswith("]"):
                current = t[1:-1]
                lists.setdefault(current, [])
                continue
            lists[current].append(t)
    return lists


def normalize(text):
    return " ".join(re.sub(r"[^0-9a-z\x80-\uffff]+", " ", text.lower().replace("\u2013", " ")
                           .replace("\u2014", " ")).split())


def issue_codes(path=ISSUE_CODES_DOC):
    """[(code, severity text)] from the table in docs/issue-codes.md."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\|\s*`([a-z0-9-]+)`\s*\|\s*([^|]+)\|", line)
            if m:
                out.append((m.group(1), m.group(2).strip()))
    return out


# ---- running boardpack ---------------------------------------------------------

class Boardpack:
    def __init__(self, binary):
        self.binary = os.path.abspath(binary)

    def run(self, args, cwd, timeout=60):
        p = subprocess.run([self.binary] + list(args), cwd=cwd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr

    def validate(self, files, cwd, as_of="2026-11-21", extra=()):
        """(exit code, parsed JSON or None, stderr). Files relative to cwd."""
        args = ["validate"] + list(files) + ["--json"] + (["--as-of", as_of] if as_of else []) + list(extra)
        rc, out, err = self.run(args, cwd)
        try:
            j = json.loads(out) if out.strip() else None
        except json.JSONDecodeError:
            j = None
        return rc, j, err

    def build(self, files, cwd, out="out", as_of="2026-11-21", extra=()):
        """(exit code, summary dict or None, stdout, stderr)."""
        args = ["build"] + list(files) + ["--out", out] + (["--as-of", as_of] if as_of else []) + list(extra)
        rc, stdout, err = self.run(args, cwd)
        path = os.path.join(cwd, out, "summary.json")
        summary = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                summary = json.load(f)
        return rc, summary, stdout, err


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


# ---- soft assertions -------------------------------------------------------------

class Checker:
    """Collects failures instead of stopping at the first; one line per check group."""

    def __init__(self, verbose=False):
        self.failures = []
        self.passed = 0
        self.verbose = verbose
        self.case = "?"
        self.codes_seen = {}

    def start(self, case):
        self.case = case

    def ok(self, cond, what):
        if cond:
            self.passed += 1
            if self.verbose:
                print(f"  ok   {self.case}: {what}")
        else:
            self.failures.append(f"{self.case}: {what}")
            print(f"  FAIL {self.case}: {what}")
        return bool(cond)

    def eq(self, got, want, what):
        return self.ok(got == want, f"{what}: got {got!r}, want {want!r}")

    def near(self, got, want, what, tol=1e-9):
        good = (got is None and want is None) or (
            got is not None and want is not None and abs(got - want) <= tol)
        return self.ok(good, f"{what}: got {got!r}, want {want!r}")

    def issue(self, issues, code, file=None, sheet=None, cell=None, severity=None, contains=None, what=None):
        """Assert a finding with this code at exactly this place (None: any)."""
        hits = [i for i in issues or [] if i["code"] == code
                and (file is None or i["file"] == file)
                and (sheet is None or i["sheet"] == sheet)
                and (cell is None or i["cell"] == cell)
                and (severity is None or i["severity"] == severity)
                and (contains is None or all(s in i["message"] for s in
                                             ([contains] if isinstance(contains, str) else contains)))]
        place = f"{file}!{sheet}!{cell}"
        if hits:
            self.codes_seen.setdefault(code, []).append(place)
        near = [f"{i['severity']} {i['code']} {i['file']}!{i['sheet']}!{i['cell']}" for i in issues or []
                if i["code"] == code][:6]
        self.ok(hits, what or f"{severity or ''} {code} at {place}" + ("" if hits else f" (found: {near})"))
        return hits[0] if hits else None

    def no_issue(self, issues, code=None, file=None, sheet=None, cell=None, what=None, severities=None):
        hits = [i for i in issues or [] if (code is None or i["code"] == code)
                and (file is None or i["file"] == file)
                and (sheet is None or i["sheet"] == sheet)
                and (cell is None or i["cell"] == cell)
                and (severities is None or i["severity"] in severities)]
        desc = [f"{i['severity']} {i['code']} {i['file']}!{i['sheet']}!{i['cell']}: {i['message'][:90]}" for i in hits[:4]]
        return self.ok(not hits, what or f"no {code or 'finding'} at {file}!{sheet}!{cell} (found: {desc})")

    def report(self, name):
        print(f"{name}: {self.passed} checks passed, {len(self.failures)} failed")
        return 1 if self.failures else 0


def actions_by(summary, key="ref"):
    return {a[key]: a for a in (summary or {}).get("plan", {}).get("actions", [])}


def measures_by(summary, key="ref"):
    return {m[key]: m for m in (summary or {}).get("kpis", {}).get("measures", [])}


def cell_of(ref_row, col):
    return f"{col_letter(col)}{ref_row}"

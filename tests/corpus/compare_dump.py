#!/usr/bin/python3
"""Compare `boardpack dump FILE --json` with what openpyxl reads.

Usage:
    /usr/bin/python3 compare_dump.py --boardpack BIN PATH [PATH ...]
    /usr/bin/python3 compare_dump.py --expected FILE      # print openpyxl's view

PATH is a directory (every *.xlsx in it) or a single .xlsx file.  If the
directory holding a file has a manifest.json naming an
"openpyxl_reference" for it, the expected values are read from that other
file (same content in a dialect openpyxl 3.0.9 can read).

Prints one line per mismatch, `file: Sheet!B3: got X, expected Y`, then a
final line `N passed, M failed` (counting files); exits 1 on any mismatch.

Needs Debian's /usr/bin/python3 with python3-openpyxl 3.0.9.
"""

import argparse
import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
import warnings
import zipfile
import xml.etree.ElementTree as ET

import openpyxl
import openpyxl.reader.excel
import openpyxl.reader.strings
from openpyxl.cell.text import Text
import openpyxl.worksheet._reader as _ws_reader
from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

REL_TOL = 1e-12

# --------------------------------------------------------------------------
# mapping openpyxl values onto the dump contract


def _frac(us):
    """'.fff' milliseconds, only when non-zero."""
    ms = int(round(us / 1000.0))
    return f".{ms:03d}" if ms else ""


def fmt_timedelta(td):
    total_us = td.days * 86400 * 10**6 + td.seconds * 10**6 + td.microseconds
    neg = total_us < 0
    total_us = abs(total_us)
    # openpyxl already rounds timedelta cells to milliseconds
    total_ms = int(round(total_us / 1000.0))
    h, rem = divmod(total_ms, 3600 * 1000)
    m, rem = divmod(rem, 60 * 1000)
    s_ms = rem
    if s_ms % 1000:
        s = f"{s_ms / 1000:.3f}".rstrip("0").rstrip(".")
    else:
        s = str(s_ms // 1000)
    return ("-" if neg else "") + f"PT{h}H{m}M{s}S"


def fmt_date_value(v):
    if isinstance(v, dt.datetime):
        if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0):
            return v.strftime("%Y-%m-%d")
        return v.strftime("%Y-%m-%dT%H:%M:%S") + _frac(v.microsecond)
    if isinstance(v, dt.date):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, dt.time):
        return v.strftime("%H:%M:%S") + _frac(v.microsecond)
    if isinstance(v, dt.timedelta):
        return fmt_timedelta(v)
    raise TypeError(v)


_XESC = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _read_string_table_raw(xml_source):
    """openpyxl 3.0.9's read_string_table, minus its lossy
    text.replace('x005F_', ''), which turns the escaped literal
    "_x005F_x0041_" into "_x0041_" (indistinguishable from an escaped "A").
    With the raw text, decode_xstring() below can decode correctly."""
    strings = []
    tag = "{%s}si" % openpyxl.reader.strings.SHEET_MAIN_NS
    for _, node in openpyxl.reader.strings.iterparse(xml_source):
        if node.tag == tag:
            strings.append(Text.from_tree(node).content)
            node.clear()
    return strings


openpyxl.reader.excel.read_string_table = _read_string_table_raw


_orig_parse_cell = _ws_reader.WorkSheetParser.parse_cell


def _parse_cell_str_empty(self, element):
    """openpyxl 3.0.9 maps an empty <v></v> to None.  For t="str" (the
    string result of a formula, e.g. =IF(x,"",y) as LibreOffice writes it)
    an empty <v> is the cached result "", not a missing value: expect a
    string "" there.  (An absent <v> stays "no cached value".)"""
    d = _orig_parse_cell(self, element)
    if (self.data_only and d["value"] is None and element.get("t") == "str"
            and element.find(_ws_reader.VALUE_TAG) is not None):
        d["value"] = ""
        d["data_type"] = "s"
    return d


_ws_reader.WorkSheetParser.parse_cell = _parse_cell_str_empty


def decode_xstring(s):
    """ST_Xstring escapes: Excel (and XlsxWriter, LibreOffice) store control
    characters as _xHHHH_ and a literal "_xHHHH_" as "_x005F_xHHHH_".
    openpyxl 3.0.9 does not decode them, so the expected text is decoded
    here (a reader that leaves "_x000D_" in cell text is wrong)."""
    return _XESC.sub(lambda m: chr(int(m.group(1), 16)), s)


def expected_cell_value(cell):
    """(type, value) for a data_only openpyxl cell, or None if empty."""
    v = cell.value
    if v is None:
        return None
    if cell.data_type == "e":
        return ("error", v)
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, (int, float)):
        return ("number", v)
    if isinstance(v, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        return ("date", fmt_date_value(v))
    if isinstance(v, str):
        return ("string", decode_xstring(v))
    raise TypeError(f"{cell.coordinate}: unexpected openpyxl value {v!r}")


def formula_text(v):
    """openpyxl formula value -> dump formula text (no leading '=')."""
    if v is None:
        return None
    text = getattr(v, "text", v)   # ArrayFormula in newer openpyxl
    if not isinstance(text, str) or not text.startswith("="):
        return None
    return text[1:]


# --------------------------------------------------------------------------
# fills


def _theme_colours(path):
    """The theme's clrScheme as 'RRGGBB' in Excel's theme-index order:
    0 lt1, 1 dk1, 2 lt2, 3 dk2, 4..9 accent1..6, 10 hlink, 11 folHlink
    (SpreadsheetML swaps the first two pairs relative to the XML order).
    Only used for theme colours without tint."""
    try:
        with zipfile.ZipFile(path) as z:
            name = next((n for n in z.namelist() if re.match(r"xl/theme/theme\d*\.xml$", n)), None)
            if not name:
                return None
            root = ET.fromstring(z.read(name))
    except Exception:
        return None
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    scheme = root.find(f"{a}themeElements/{a}clrScheme")
    if scheme is None:
        return None
    order = ["lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4",
             "accent5", "accent6", "hlink", "folHlink"]
    out = []
    for tag in order:
        el = scheme.find(a + tag)
        if el is None or len(el) == 0:
            return None
        c = el[0]
        val = c.get("lastClr") if c.tag == a + "sysClr" else c.get("val")
        if not val:
            return None
        out.append(val.upper())
    return out


class FillExpect:
    """Expected fill for a cell: ('exact', '#RRGGBB'), ('none', None),
    ('some', None) [solid fill whose colour we do not compute], or
    ('skip', why)."""

    def __init__(self, path, wb):
        self.theme = _theme_colours(path)
        # openpyxl keeps a workbook's own <indexedColors> palette in
        # wb._colors (COLOR_INDEX, the default palette, otherwise)
        self.palette = list(getattr(wb, "_colors", None) or COLOR_INDEX)

    def expect(self, cell):
        f = cell.fill
        if f is None or getattr(f, "fill_type", None) != "solid":
            return ("none", None)
        c = f.fgColor
        if c is None:
            return ("skip", "solid fill without fgColor")
        if c.type == "rgb" and isinstance(c.rgb, str) and len(c.rgb) in (6, 8):
            return ("exact", "#" + c.rgb[-6:].upper())
        if c.type == "indexed":
            idx = c.indexed
            if 0 <= idx < len(self.palette) and idx < 64:
                return ("exact", "#" + self.palette[idx][-6:].upper())
            return ("some", None)   # 64/65 = system colours
        if c.type == "theme":
            if not c.tint and self.theme and 0 <= c.theme < len(self.theme):
                return ("exact", "#" + self.theme[c.theme])
            # theme colour with tint: no tint maths here (by design); the
            # dump must still report *a* resolved #RRGGBB colour.
            return ("some", None)
        return ("some", None)


# --------------------------------------------------------------------------
# building the expected model from openpyxl


def _sorted_refs(refs):
    def key(ref):
        col, row = coordinate_from_string(ref)
        return (row, column_index_from_string(col))
    return sorted(refs, key=key)


def expected_model(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wbv = openpyxl.load_workbook(path, data_only=True)
        wbf = openpyxl.load_workbook(path, data_only=False)
    fills = FillExpect(path, wbv)
    sheets = []
    for name in wbv.sheetnames:
        wsv, wsf = wbv[name], wbf[name]
        sh = {"name": name, "state": wsv.sheet_state}
        if not hasattr(wsv, "_cells"):   # chartsheet
            sh.update(hidden_rows=[], hidden_cols=[], merged=[], tables=[], table_columns={},
                      cells={})
            sheets.append(sh)
            continue
        sh["hidden_rows"] = sorted(int(r) for r, d in wsv.row_dimensions.items() if d.hidden)
        cols = set()
        for key, d in wsv.column_dimensions.items():
            if d.hidden:
                lo = d.min or column_index_from_string(key)
                hi = d.max or lo
                cols.update(range(lo, hi + 1))
        sh["hidden_cols"] = [get_column_letter(c) for c in sorted(cols)]
        sh["merged"] = sorted(str(r) for r in wsv.merged_cells.ranges)
        sh["tables"] = sorted((t.displayName or t.name, t.ref) for t in wsv.tables.values())
        sh["table_columns"] = {t.displayName or t.name: [c.name for c in t.tableColumns]
                               for t in wsv.tables.values()}
        cells = {}
        refs = set()
        for (r, c), cell in wsv._cells.items():
            if cell.value is not None:
                refs.add(cell.coordinate)
        for (r, c), cell in wsf._cells.items():
            if formula_text(cell.value) is not None and cell.data_type == "f":
                refs.add(cell.coordinate)
        for ref in refs:
            cv = wsv[ref]
            tv = expected_cell_value(cv)
            e = {"type": tv[0], "value": tv[1]} if tv else {"type": "empty", "value": None}
            fc = wsf[ref]
            ft = formula_text(fc.value) if fc.data_type == "f" else None
            if ft is not None:
                e["formula"] = ft
            e["fill"] = fills.expect(cv)
            cells[ref] = e
        sh["cells"] = cells
        sheets.append(sh)
    return sheets


# --------------------------------------------------------------------------
# comparison


def _num_eq(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return False
    if a == b:
        return True
    if math.isnan(a) or math.isnan(b):
        return False
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b))


def _col_ranges(cols):
    """['B','C','D','F'] -> 'B:D,F' (readable mismatch lines when a sheet
    hides thousands of columns)."""
    if not isinstance(cols, list) or not all(isinstance(c, str) for c in cols):
        return json.dumps(cols)
    try:
        nums = [column_index_from_string(c) for c in cols]
    except ValueError:
        return json.dumps(cols)
    out, i = [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(cols[i] if i == j else f"{cols[i]}:{cols[j]}")
        i = j + 1
    return "[" + ",".join(out) + "]"


def describe(c):
    if c is None:
        return "<absent>"
    s = f'{c.get("type")} {json.dumps(c.get("value"), ensure_ascii=False)}'
    return s


def compare_file(boardpack, path, ref_path, out, timeout=60):
    """Returns number of mismatches; appends lines to out."""
    fname = os.path.basename(path)
    errs = []

    def err(where, got, exp):
        errs.append(f"{fname}: {where}: got {got}, expected {exp}")

    try:
        expected = expected_model(ref_path)
    except Exception as e:  # the corpus itself is broken
        out.append(f"{fname}: openpyxl could not read {os.path.basename(ref_path)}: {e!r}")
        return 1
    try:
        r = subprocess.run([boardpack, "dump", path, "--json"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        out.append(f"{fname}: dump timed out after {timeout}s")
        return 1
    if r.returncode != 0:
        out.append(f"{fname}: dump exited {r.returncode}: "
                   f"{r.stderr.decode('utf-8', 'replace').strip()[:500]}")
        return 1
    try:
        got = json.loads(r.stdout.decode("utf-8"))
    except Exception as e:
        out.append(f"{fname}: dump printed invalid JSON: {e}: {r.stdout[:200]!r}")
        return 1

    gsheets = got.get("sheets")
    if not isinstance(gsheets, list):
        out.append(f"{fname}: dump JSON has no sheets list")
        return 1
    gnames = [s.get("name") for s in gsheets]
    enames = [s["name"] for s in expected]
    if gnames != enames:
        err("sheets", json.dumps(gnames, ensure_ascii=False), json.dumps(enames, ensure_ascii=False))
    gby = {s.get("name"): s for s in gsheets}
    for es in expected:
        sn = es["name"]
        gs = gby.get(sn)
        if gs is None:
            continue   # reported with the sheet list
        if gs.get("state") != es["state"]:
            err(f"{sn}: state", gs.get("state"), es["state"])
        if list(gs.get("hidden_rows", [])) != es["hidden_rows"]:
            err(f"{sn}: hidden_rows", gs.get("hidden_rows"), es["hidden_rows"])
        if list(gs.get("hidden_cols", [])) != es["hidden_cols"]:
            err(f"{sn}: hidden_cols", _col_ranges(gs.get("hidden_cols")),
                _col_ranges(es["hidden_cols"]))
        if sorted(gs.get("merged", [])) != es["merged"]:
            err(f"{sn}: merged", sorted(gs.get("merged", [])), es["merged"])
        gt = sorted((t.get("name"), t.get("ref")) for t in gs.get("tables", []))
        if gt != es["tables"]:
            err(f"{sn}: tables", gt, es["tables"])
        for t in gs.get("tables", []):
            # "columns" is not in the minimal contract; checked when dumped
            if "columns" in t and t.get("name") in es["table_columns"]:
                ec = es["table_columns"][t.get("name")]
                if t["columns"] != ec:
                    err(f"{sn}: table {t.get('name')} columns", t["columns"], ec)

        gcells = gs.get("cells", [])
        grefs = [c.get("ref") for c in gcells]
        if grefs != _sorted_refs([r for r in grefs if isinstance(r, str)]):
            err(f"{sn}: cell order", "cells not in row-major order", "row-major order")
        if len(set(grefs)) != len(grefs):
            err(f"{sn}: cells", "duplicate refs", "unique refs")
        gmap = {c.get("ref"): c for c in gcells}
        ecells = es["cells"]
        for ref in _sorted_refs(set(gmap) | set(ecells)):
            g, e = gmap.get(ref), ecells.get(ref)
            where = f"{sn}!{ref}"
            if g is None or e is None:
                err(where, describe(g), describe(e))
                continue
            gtype, gval = g.get("type"), g.get("value")
            if gtype != e["type"]:
                err(where, describe(g), describe(e))
            elif gtype == "number":
                if not _num_eq(gval, e["value"]):
                    err(where, describe(g), describe(e))
            elif gval != e["value"] or type(gval) is not type(e["value"]):
                err(where, describe(g), describe(e))
            gf, ef = g.get("formula"), e.get("formula")
            if gf != ef:
                err(where, "formula " + json.dumps(gf, ensure_ascii=False),
                    "formula " + json.dumps(ef, ensure_ascii=False))
            kind, fv = e["fill"]
            gfill = g.get("fill")
            if kind == "exact" and (not isinstance(gfill, str) or gfill.upper() != fv):
                err(where, f"fill {json.dumps(gfill)}", f"fill {json.dumps(fv)}")
            elif kind == "none" and gfill is not None:
                err(where, f"fill {json.dumps(gfill)}", "no fill (not a solid pattern fill)")
            elif kind == "some" and not (isinstance(gfill, str)
                                         and re.fullmatch(r"#[0-9A-Fa-f]{6}", gfill)):
                err(where, f"fill {json.dumps(gfill)}",
                    "some resolved #RRGGBB fill (theme+tint / system colour: not computed here)")
            # kind == "skip": openpyxl gives us nothing to compare against.
    for e in errs:
        out.append(e)
    return len(errs)


def load_manifest(d):
    p = os.path.join(d, "manifest.json")
    if os.path.exists(p):
        with open(p, encoding="utf-8") as f:
            return json.load(f)
    return {}


def collect(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += [os.path.join(p, f) for f in sorted(os.listdir(p))
                      if f.endswith(".xlsx") and not f.startswith("~$")]
        else:
            files.append(p)
    return files


def run(boardpack, paths, stream=sys.stdout):
    files = collect(paths)
    passed = failed = 0
    manifests = {}
    for f in files:
        d = os.path.dirname(os.path.abspath(f))
        man = manifests.setdefault(d, load_manifest(d))
        ref = f
        entry = man.get(os.path.basename(f))
        if entry and entry.get("openpyxl_reference"):
            ref = os.path.join(d, entry["openpyxl_reference"])
        out = []
        n = compare_file(boardpack, f, ref, out)
        for line in out:
            print(line, file=stream)
        if n:
            failed += 1
        else:
            passed += 1
    return passed, failed


def print_expected(path):
    def conv(o):
        if isinstance(o, tuple):
            return list(o)
        raise TypeError(o)
    print(json.dumps(expected_model(path), ensure_ascii=False, indent=1, default=conv))


def main(argv=None):
    ap = argparse.ArgumentParser(description="compare boardpack dump --json with openpyxl")
    ap.add_argument("--boardpack", help="path to the boardpack binary")
    ap.add_argument("--expected", metavar="FILE", help="print openpyxl's view of FILE and exit")
    ap.add_argument("paths", nargs="*")
    a = ap.parse_args(argv)
    if a.expected:
        print_expected(a.expected)
        return 0
    if not a.boardpack or not a.paths:
        ap.error("--boardpack and at least one PATH are required")
    passed, failed = run(a.boardpack, a.paths)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

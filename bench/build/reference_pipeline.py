#!/usr/bin/python3
"""The board pack done the way a competent analyst would do it in Python.

    /usr/bin/python3 bench/build/reference_pipeline.py INPUT_DIR --out DIR [--as-of 2026-11-21]

openpyxl (read_only=True, data_only=True) reads every team workbook; the
tables are recognised from the header synonyms of templates/vocabulary.txt
(title rows above, headers over up to four rows, merged super-headers,
group rows, sections from sheet names), statuses from words, letters,
phrases and cell colours (RGB, indexed, theme + tint), percentages in all
three forms, months as dates or "May 26" labels, Min/Upper or Target +
Tolerance.  It validates (bad statuses and dates, missing leads and dates,
overdue actions, num/denom, RAG typed wrong, percentages out of range),
consolidates (duplicates), then writes:

  summary.json        the same fields as boardpack's
  scorecard.xlsx      XlsxWriter: Summary, Plan, Scorecard, Issues; bold headers, frozen panes,
                      autofilter, widths, number formats, conditional-format RAG fills, a status
                      list validation, sparklines, landscape fit-to-width print setup, properties
  board-report.pdf    ReportLab: title block, RAG table per section with totals and a bar chart,
                      KPI table with group rows, sparklines and RAG chips, exceptions with
                      narrative, data quality; repeated table headers, "Page X of Y",
                      bookmarks, document info, embedded DejaVu Sans

Prints one JSON line: seconds per phase and the counts it found.
"""

import argparse
import colorsys
import datetime as dt
import json
import os
import re
import sys
import time

import warnings

import openpyxl
from openpyxl.styles.colors import COLOR_INDEX

warnings.filterwarnings("ignore", message="Sparkline Group extension")

HERE = os.path.dirname(os.path.abspath(__file__))
VOCABULARY = os.path.join(HERE, "..", "..", "templates", "vocabulary.txt")

# ---- vocabulary -------------------------------------------------------------------

_norm_re = re.compile(r"[^0-9a-z\u0080-\uffff]+")


def norm(text):
    return _norm_re.sub(" ", str(text).lower().replace("\u2013", " ").replace("\u2014", " ")).strip()


def load_vocabulary(path):
    lists, cur = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            t = line.strip()
            if not t or t.startswith("#"):
                continue
            if t[0] == "[" and t[-1] == "]":
                cur = t[1:-1]
                lists[cur] = []
            else:
                lists[cur].append(norm(t).split() or [t])
    return lists


class Vocab:
    def __init__(self, path):
        self.lists = load_vocabulary(path)
        self.cache = {}
        # header entries indexed by (kind, first word): a header is looked up, not scanned for
        self.index = {}
        for name, entries in self.lists.items():
            kind, _, field = name.partition(".")
            if kind in ("plan", "kpi"):
                for e in entries:
                    self.index.setdefault((kind, e[0]), []).append((e, field))

    def match(self, kind, text):
        """Longest entry whose words start the text, among [kind.*]; -> field or None."""
        if len(text) > 80:          # titles, notes and data, not headers
            return None
        key = (kind, text)
        if key in self.cache:
            return self.cache[key]
        w = norm(text).split()
        best = None
        if 0 < len(w) <= 8:
            first = w[0]
            cands = self.index.get((kind, first), []) + (self.index.get((kind, first[:-1]), [])
                                                          if first.endswith("s") else [])
            for e, field in cands:
                if len(e) <= len(w) and all(a == b or (a == b + "s") for a, b in zip(w, e)):
                    score = (len(e) == len(w), len(e))
                    if best is None or score > best[0]:
                        best = (score, field)
        out = best[1] if best else None
        self.cache[key] = out
        return out

    def status(self, text):
        w = norm(text).split()
        if not w:
            return None
        best = None
        for colour in ("blue", "green", "amber", "red"):
            for e in self.lists["status." + colour]:
                if len(e) <= len(w) and w[:len(e)] == e:
                    if len(e) == 1 and len(e[0]) == 1 and len(w) > 1:
                        continue
                    if best is None or len(e) > best[0]:
                        best = (len(e), colour)
        return best[1] if best else None

    def word_in(self, list_name, text):
        return norm(text).split() in self.lists.get(list_name, [])

    def prefixed(self, prefix, text):
        w = norm(text).split()
        for name, entries in self.lists.items():
            if name.startswith(prefix):
                for e in entries:
                    if w[:len(e)] == e and e:
                        return name.split(".", 1)[1]
        return None


# ---- cells ---------------------------------------------------------------------------

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december"]
THEME = ["FFFFFF", "000000", "EEECE1", "1F497D", "4F81BD", "C0504D", "9BBB59", "8064A2", "4BACC6", "F79646"]


def month_label(text):
    w = norm(text).split()
    if len(w) != 2 or not w[1].isdigit() or len(w[1]) not in (2, 4):
        return None
    m = w[0]
    for i in range(12):
        if m == MONTHS[i] or m == MONTH_NAMES[i] or (m == "sept" and i == 8):
            y = int(w[1])
            return (2000 + y if y < 100 else y, i + 1)
    return None


def year_label(text):
    m = re.fullmatch(r"\s*((?:19|20)\d\d)\s*(?:[/-]\s*(\d\d|\d{4}))?\s*", str(text))
    return int(m.group(1)) if m else None


def fill_rgb(cell):
    f = getattr(cell, "fill", None)
    if f is None or f.fill_type != "solid":
        return None
    c = f.fgColor
    if c.type == "rgb" and isinstance(c.value, str):
        rgb = c.value[-6:]
    elif c.type == "indexed" and isinstance(c.value, int) and c.value < len(COLOR_INDEX):
        rgb = COLOR_INDEX[c.value][-6:]
    elif c.type == "theme" and isinstance(c.value, int) and c.value < len(THEME):
        rgb = THEME[c.value]
    else:
        return None
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    tint = c.tint or 0.0
    if tint:
        h, lum, s = colorsys.rgb_to_hls(r, g, b)
        lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + tint
        r, g, b = colorsys.hls_to_rgb(h, lum, s)
    return r, g, b


def status_from_fill(cell):
    rgb = fill_rgb(cell)
    if rgb is None:
        return None
    h, s, v = colorsys.rgb_to_hsv(*rgb)
    if s < 0.15 or v < 0.3:
        return None
    h *= 360
    if h < 15 or h >= 330:
        return "red"
    if h < 65:
        return "amber"
    if h < 170:
        return "green"
    if h < 260:
        return "blue"
    return None


def text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


DATE_RE = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")


def parse_date(v, vocab):
    """-> (date or None, problem or None)"""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None, "missing"
    if isinstance(v, dt.datetime):
        return v.date(), None
    if isinstance(v, dt.date):
        return v, None
    if isinstance(v, str):
        m = DATE_RE.match(v)
        if m:
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            try:
                return dt.date(2000 + y if y < 100 else y, mo, d), None
            except ValueError:
                return None, "bad"
        try:
            return dt.datetime.strptime(v.strip(), "%d %B %Y").date(), None
        except ValueError:
            pass
        if vocab.word_in("due.ongoing", v):
            return None, "ongoing"
    return None, "bad"


def read_number(cell, header_pct, vocab):
    """-> (value, form, problem): form is 'fraction' (0.0% format), 'hundred' or None."""
    v = cell.value if cell is not None else None
    if v is None:
        return None, None, "missing"
    if isinstance(v, bool):
        return None, None, "bad"
    if isinstance(v, (int, float)):
        if "%" in (cell.number_format or ""):
            return float(v), "fraction", None
        if header_pct:
            return v / 100.0, "hundred", None
        return float(v), None, None
    if isinstance(v, str):
        t = v.strip()
        if not t or vocab.word_in("value.missing", t):
            return None, None, "missing"
        try:
            if t.endswith("%"):
                return float(t[:-1].replace(",", "")) / 100.0, "hundred", None
            n = float(t.replace(",", ""))
            return (n / 100.0, "hundred", None) if header_pct else (n, None, None)
        except ValueError:
            return None, None, "bad"
    return None, None, "bad"


def p12(x):
    return float(f"{x:.12g}") if x is not None else None


# ---- table recognition -------------------------------------------------------------

def classify(cell, kind, vocab):
    """What a header cell says: ('month', (y, m)) | ('year', y) | ('field', name) | None."""
    v = cell.value
    if v is None:
        return None
    if kind == "kpi":
        if isinstance(v, (dt.datetime, dt.date)):
            return ("month", (v.year, v.month))
        if isinstance(v, str):
            ml = month_label(v)
            if ml:
                return ("month", ml)
            y = year_label(v)
            if y:
                return ("year", y)
        elif isinstance(v, (int, float)) and float(v).is_integer() and 1990 <= v <= 2100:
            return ("year", int(v))
    if isinstance(v, str):
        f = vocab.match(kind, v)
        if f:
            return ("field", f)
    return None


def header_like(row, kind, vocab):
    filled = [c for c in row if c.value is not None and text(c.value) != ""]
    if not filled:
        return False
    matched = sum(1 for c in filled if classify(c, kind, vocab))
    return matched >= 1 and matched * 2 >= len(filled)


REQUIRED = {"plan": ("action", "status"), "kpi": ("ref", "title")}


def find_table(rows, vocab):
    best = None
    for i, row in enumerate(rows[:60]):
        for kind in ("plan", "kpi"):
            if not header_like(row, kind, vocab):
                continue
            bottom = i
            while bottom + 1 < len(rows) and bottom - i < 3 and header_like(rows[bottom + 1], kind, vocab):
                bottom += 1
            cols = {}
            months, years = [], []
            pct_cols = set()
            ncols = max(len(r) for r in rows[i:bottom + 1])
            for c in range(ncols):
                for r in range(bottom, i - 1, -1):
                    cell = rows[r][c] if c < len(rows[r]) else None
                    if cell is None:
                        continue
                    if "%" in text(cell.value):
                        pct_cols.add(c)
                    k = classify(cell, kind, vocab)
                    if not k:
                        continue
                    if k[0] == "month":
                        months.append((c, k[1]))
                    elif k[0] == "year":
                        years.append((c, k[1]))
                    elif k[1] not in cols:
                        cols[k[1]] = c
                    break
            for r in range(i, bottom + 1):
                for c, cell in enumerate(rows[r]):
                    if "%" in text(cell.value):
                        pct_cols.add(c)
            score = len(cols) + bool(months) + bool(years)
            ok = all(f in cols for f in REQUIRED[kind]) and (kind == "plan" or "value" in cols or len(years) >= 2)
            if ok and (best is None or score > best["score"]):
                best = {"kind": kind, "top": i, "bottom": bottom, "cols": cols, "months": months, "years": years,
                        "pct": pct_cols, "score": score}
    return best


def get(row, c):
    return row[c] if c is not None and c < len(row) else None


def val(row, c):
    cell = get(row, c)
    return text(cell.value) if cell is not None else ""


# ---- extraction and validation ---------------------------------------------------------

class Issues(list):
    def add(self, sev, code, file, sheet, cell, msg):
        self.append({"severity": sev, "code": code, "file": file, "sheet": sheet, "cell": cell, "message": msg})


def col_letter(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def extract_plan(rows, t, file, sheet, vocab, as_of, issues, out):
    cols = t["cols"]
    group = ""
    for r in range(t["bottom"] + 1, len(rows)):
        row = rows[r]
        filled = [c for c in row if c.value is not None and text(c.value) != ""]
        if not filled:
            continue
        if len(filled) == 1 and isinstance(filled[0].value, str) and filled[0].column <= 2:
            group = text(filled[0].value)
            continue
        rn = r + 1
        ref = val(row, cols.get("ref")) or f"{sheet}-{rn}"
        a = {"ref": ref, "section": val(row, cols.get("section")) or group or sheet,
             "action": val(row, cols.get("action")), "lead": val(row, cols.get("lead")), "due": None,
             "status": "unrated", "progress": val(row, cols.get("progress")),
             "source": {"file": file, "sheet": sheet, "row": rn}}
        bad = False
        where = lambda f: f"{col_letter(cols[f])}{rn}"  # noqa: E731
        if not a["action"]:
            issues.add("error", "missing-action", file, sheet, where("action"), f"action {ref} has no action text")
            bad = True
        if "due" in cols:
            d, prob = parse_date(get(row, cols["due"]).value if get(row, cols["due"]) else None, vocab)
            a["due"] = d.isoformat() if d else None
            if prob == "bad":
                issues.add("error", "bad-date", file, sheet, where("due"), f"'{val(row, cols['due'])}' is not a date")
                bad = True
            elif prob == "missing":
                issues.add("warning", "missing-due-date", file, sheet, where("due"), f"action {ref} has no due date")
        sc = get(row, cols["status"])
        if sc is not None and sc.value is not None and text(sc.value):
            st = vocab.status(text(sc.value)) if isinstance(sc.value, str) else None
            if st:
                a["status"] = st
            else:
                issues.add("error", "bad-status", file, sheet, where("status"), f"'{text(sc.value)}' is not a status")
                bad = True
        else:
            st = status_from_fill(sc) if sc is not None else None
            if st:
                a["status"] = st
                issues.add("info", "status-from-colour", file, sheet, where("status"),
                           f"status read from the cell colour as {st}")
            else:
                issues.add("error", "missing-status", file, sheet, where("status"), f"action {ref} has no status")
                bad = True
        if bad:
            continue
        if not a["lead"]:
            issues.add("warning", "missing-lead", file, sheet, where("lead") if "lead" in cols else where("action"),
                       f"action {ref} has no lead")
        overdue = bool(a["due"]) and a["due"] < as_of and a["status"] != "blue"
        if overdue:
            issues.add("warning", "overdue", file, sheet, where("due"),
                       f"action {ref} was due on {a['due']} and is {a['status']}")
        if (a["status"] == "red" or (a["status"] == "amber" and overdue)) and not a["progress"]:
            issues.add("warning", "missing-commentary", file, sheet,
                       where("progress") if "progress" in cols else where("action"),
                       f"action {ref} is {a['status']} but has no progress update")
        out["actions"].append(a)


def rate(v, mn, up, pol):
    if v is None or (mn is None and up is None) or pol == "none":
        return "none"
    v, lo, hi = p12(v), p12(mn if mn is not None else up), p12(up if up is not None else mn)
    if pol == "higher":
        return "green" if v >= hi else "amber" if v >= lo else "red"
    return "green" if v <= hi else "amber" if v <= lo else "red"


def extract_kpis(rows, t, file, sheet, vocab, issues, out):
    cols, pct = dict(t["cols"]), t["pct"]
    years = sorted(t["years"], key=lambda x: x[1])
    if "value" not in cols and years:
        cols["value"] = years.pop()[0]
    if "previous" not in cols and years:
        cols["previous"] = years[-1][0]
    months = sorted(t["months"])
    for c, ym in t["months"]:
        if out["period"] is None or ym > out["period"]:
            out["period"] = ym
    group = ""
    for r in range(t["bottom"] + 1, len(rows)):
        row = rows[r]
        filled = [c for c in row if c.value is not None and text(c.value) != ""]
        if not filled:
            continue
        if len(filled) == 1 and isinstance(filled[0].value, str) and filled[0].column <= 2:
            group = text(filled[0].value)
            continue
        rn = r + 1
        ref, title = val(row, cols.get("ref")), val(row, cols.get("title"))
        if not ref and not title:
            continue
        where = lambda f: f"{col_letter(cols[f])}{rn}"  # noqa: E731
        m = {"ref": ref, "group": val(row, cols.get("group")) or group, "title": title,
             "period_type": val(row, cols.get("period_type")), "source": {"file": file, "sheet": sheet, "row": rn}}
        bad = False
        value, form, prob = read_number(get(row, cols["value"]), cols["value"] in pct, vocab)
        if prob:
            issues.add("error", "missing-value" if prob == "missing" else "bad-number", file, sheet, where("value"),
                       f"measure {ref}: no usable value")
            continue

        def num(f, scale=True):
            c = cols.get(f) if isinstance(f, str) else f
            if c is None:
                return None
            x, fm, pr = read_number(get(row, c), c in pct, vocab)
            if pr == "bad":
                issues.add("error", "bad-number", file, sheet, f"{col_letter(c)}{rn}", f"measure {ref}: not a number")
                return "bad"
            if x is not None and scale and form == "hundred" and fm is None:
                x /= 100.0
            return x
        m["value"] = value
        m["unit"] = "percent" if form else ("count" if float(value).is_integer() else "number")
        m["numerator"], m["denominator"] = num("numerator", False), num("denominator", False)
        m["previous"] = num("previous")
        mn, up, tg, tol = num("target_min"), num("target_upper"), num("target"), num("tolerance")
        m["trend"] = [{"label": f"{MONTHS[mo - 1].capitalize()} {y % 100:02d}", "value": num(c)}
                      for c, (y, mo) in months]
        if "bad" in (m["numerator"], m["denominator"], m["previous"], mn, up, tg, tol) or \
                any(p["value"] == "bad" for p in m["trend"]):
            continue
        stated = None
        if "polarity" in cols and val(row, cols["polarity"]):
            stated = vocab.prefixed("polarity.", val(row, cols["polarity"]))
            if not stated:
                issues.add("warning", "bad-polarity", file, sheet, where("polarity"), f"measure {ref}: polarity?")
        if mn is None and up is None and tg is not None:
            p = stated or "higher"
            t_ = abs(tol or 0)
            mn, up = p12(tg + t_ if p == "lower" else tg - t_), p12(tg)
        m["target_min"], m["target_upper"] = mn, up
        inferred = "none" if mn is None and up is None else ("lower" if mn is not None and up is not None and
                                                              p12(mn) > p12(up) else "higher")
        if stated and mn is not None and up is not None and p12(mn) != p12(up) and stated != inferred:
            issues.add("error", "polarity-conflict", file, sheet, where("polarity"), f"measure {ref}: polarity")
            continue
        m["polarity"] = stated or inferred
        if m["unit"] == "percent":
            # Every level of a percentage measure (not the tolerance) must lie in 0-100%, as in boardpack.
            levels = [("value", value), ("previous", m["previous"]), ("target_min", mn), ("target_upper", up),
                      ("target", tg)] + [(c, p["value"]) for (c, _), p in zip(months, m["trend"])]
            off = [(f, x) for f, x in levels if x is not None and not 0 <= x <= 1]
            for f, x in off:
                cell = where(f) if isinstance(f, str) else f"{col_letter(f)}{rn}"
                issues.add("error", "scale-mismatch", file, sheet, cell, f"measure {ref}: {x:.1%} is outside 0-100%")
            if off:
                continue
        n, d = m["numerator"], m["denominator"]
        if n is not None and d:
            if m["unit"] == "percent" and n > d:
                issues.add("error", "numerator-exceeds-denominator", file, sheet, where("numerator"), f"{ref}")
                continue
            if abs(n / d - value) > 0.0005 + 1e-12:
                issues.add("warning", "value-mismatch", file, sheet, where("value"),
                           f"measure {ref}: {n} / {d} is {n / d:.1%}, the value given is {value:.1%}")
        m["rag"] = rate(value, mn, up, m["polarity"])
        if "rag" in cols and val(row, cols["rag"]):
            typed = vocab.prefixed("rating.", val(row, cols["rag"]))
            if typed is None:
                issues.add("warning", "bad-rag", file, sheet, where("rag"), f"measure {ref}: RAG?")
            elif typed != m["rag"]:
                issues.add("warning", "rag-mismatch", file, sheet, where("rag"),
                           f"measure {ref} is marked {typed} but its value and targets make it {m['rag']}")
        m["commentary"] = val(row, cols.get("commentary"))
        if m["rag"] == "red" and not m["commentary"]:
            issues.add("warning", "missing-commentary", file, sheet,
                       where("commentary") if "commentary" in cols else where("value"),
                       f"measure {ref} is red but has no commentary")
        out["measures"].append(m)


def read_workbook(path, label, vocab, as_of, issues):
    out = {"actions": [], "measures": [], "period": None}
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001
        issues.add("error", "unreadable-file", label, "", "", f"cannot be read: {e}")
        return out, "unreadable"
    kinds = set()
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            rows = [list(r) for r in ws.iter_rows()]
            if not rows:
                continue
            t = find_table(rows, vocab)
            if not t:
                continue
            kinds.add(t["kind"])
            if t["kind"] == "plan":
                extract_plan(rows, t, label, ws.title, vocab, as_of, issues, out)
            else:
                extract_kpis(rows, t, label, ws.title, vocab, issues, out)
    finally:
        wb.close()
    if not kinds:
        issues.add("error", "no-table", label, "", "", "no improvement plan or KPI table found")
    kind = "mixed" if len(kinds) == 2 else (kinds.pop() if kinds else "unrecognised")
    return out, kind


def natural_key(s):
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", s)]


def consolidate(subs, issues):
    seen = {}
    actions, measures = [], []
    for s in subs:
        for a in s["actions"]:
            k = a["ref"].lower().replace(" ", "")
            if k in seen:
                issues.add("info", "duplicate-merged", a["source"]["file"], a["source"]["sheet"], "", a["ref"])
                continue
            seen[k] = a
            actions.append(a)
        measures += s["measures"]
    order = []
    for a in actions:
        if a["section"] not in order:
            order.append(a["section"])
    actions.sort(key=lambda a: (order.index(a["section"]), natural_key(a["ref"])))
    sections = []
    for name in order:
        c = {"name": name, "total": 0, "blue": 0, "green": 0, "amber": 0, "red": 0, "unrated": 0}
        for a in actions:
            if a["section"] == name:
                c["total"] += 1
                c[a["status"]] += 1
        sections.append(c)
    gorder = []
    for m in measures:
        if m["group"] not in gorder:
            gorder.append(m["group"])
    measures.sort(key=lambda m: gorder.index(m["group"]))
    counts = {k: sum(1 for m in measures if m["rag"] == k) for k in ("green", "amber", "red", "none")}
    return actions, sections, measures, counts


# ---- scorecard.xlsx (XlsxWriter) ---------------------------------------------------------

RAG_FILL = {"blue": "#0070C0", "green": "#00B050", "amber": "#FFC000", "red": "#FF0000"}


def write_scorecard(path, pack):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"title": "Board pack scorecard", "author": "Performance and Intelligence",
                       "company": "Children's Services", "comments": "Generated by the reference pipeline"})
    hdr = wb.add_format({"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "text_wrap": True,
                         "valign": "top", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    pfmt = wb.add_format({"num_format": "0.0%"})
    dfmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    cnt = wb.add_format({"num_format": "#,##0"})
    grp = wb.add_format({"bold": True, "bg_color": "#D9D9D9"})
    bold = wb.add_format({"bold": True})
    fills = {k: wb.add_format({"bg_color": v, "font_color": "#FFFFFF" if k in ("blue", "red") else "#000000"})
             for k, v in RAG_FILL.items()}

    def setup(ws, header_row, ncols):
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(header_row)
        ws.freeze_panes(header_row + 1, 0)

    def rag_cf(ws, rng):
        for k, f in fills.items():
            ws.conditional_format(rng, {"type": "text", "criteria": "begins with", "value": k.capitalize(),
                                        "format": f})
            ws.conditional_format(rng, {"type": "text", "criteria": "begins with", "value": k, "format": f})

    # Summary
    ws = wb.add_worksheet("Summary")
    ws.write(0, 0, "Improvement plan: RAG ratings for actions in each section", bold)
    heads = ["Section of plan", "Total", "Blue - completed", "Green - on track",
             "Amber - some progress but slippage", "Red - not progressed as planned"]
    ws.write_row(2, 0, heads, hdr)
    r = 3
    for s in pack["sections"]:
        ws.write_row(r, 0, [s["name"], s["total"], s["blue"], s["green"], s["amber"], s["red"]])
        r += 1
    ws.write(r, 0, "Total", bold)
    for c in range(1, 6):
        ws.write_formula(r, c, f"=SUM({xlsxwriter.utility.xl_rowcol_to_cell(3, c)}:"
                               f"{xlsxwriter.utility.xl_rowcol_to_cell(r - 1, c)})", bold,
                         sum(s[k] for s in pack["sections"] for k in [["total", "blue", "green", "amber", "red"][c - 1]]))
    r += 2
    ws.write(r, 0, "KPI ratings", bold)
    ws.write_row(r + 1, 0, ["Green", "Amber", "Red", "No target"], hdr)
    ws.write_row(r + 2, 0, [pack["counts"]["green"], pack["counts"]["amber"], pack["counts"]["red"],
                            pack["counts"]["none"]])
    ws.set_column(0, 0, 48)
    ws.set_column(1, 5, 16)
    setup(ws, 2, 6)

    # Plan
    ws = wb.add_worksheet("Plan")
    heads = ["Ref", "Section", "Action", "Lead", "Due date", "Status", "Progress", "Source"]
    ws.write_row(0, 0, heads, hdr)
    for r, a in enumerate(pack["actions"], 1):
        ws.write_string(r, 0, a["ref"])
        ws.write_string(r, 1, a["section"])
        ws.write_string(r, 2, a["action"], wrap)
        ws.write_string(r, 3, a["lead"])
        if a["due"]:
            ws.write_datetime(r, 4, dt.datetime.fromisoformat(a["due"]), dfmt)
        ws.write_string(r, 5, a["status"].capitalize())
        ws.write_string(r, 6, a["progress"], wrap)
        ws.write_string(r, 7, f"{a['source']['file']} {a['source']['sheet']} row {a['source']['row']}")
    n = len(pack["actions"])
    ws.autofilter(0, 0, n, len(heads) - 1)
    ws.data_validation(1, 5, max(n, 1), 5, {"validate": "list", "source": ["Blue", "Green", "Amber", "Red"]})
    rag_cf(ws, f"F2:F{n + 1}")
    for c, w in enumerate([10, 30, 50, 28, 12, 10, 70, 40]):
        ws.set_column(c, c, w)
    setup(ws, 0, len(heads))

    # Scorecard
    ws = wb.add_worksheet("Scorecard")
    mheads = ["Ref", "Performance measure", "Previous", "Num", "Denom", "Current", "Period"]
    months = [p["label"] for p in pack["measures"][0]["trend"]] if pack["measures"] else []
    months = (months + [""] * 6)[:6]
    heads = mheads + months + ["Min", "Upper", "Trend", "RAG"]
    ws.write_row(0, 0, heads, hdr)
    r, current = 1, None
    for m in pack["measures"]:
        if m["group"] != current:
            current = m["group"]
            ws.merge_range(r, 0, r, len(heads) - 1, current, grp)
            r += 1
        f = pfmt if m["unit"] == "percent" else cnt
        ws.write_string(r, 0, m["ref"])
        ws.write_string(r, 1, m["title"], wrap)
        for c, v, fm in ((2, m["previous"], f), (3, m["numerator"], cnt), (4, m["denominator"], cnt),
                         (5, m["value"], f)):
            if v is not None:
                ws.write_number(r, c, v, fm)
        ws.write_string(r, 6, m["period_type"])
        for k, p in enumerate(m["trend"][:6]):
            if p["value"] is not None:
                ws.write_number(r, 7 + k, p["value"], f)
        if m["target_min"] is not None:
            ws.write_number(r, 13, m["target_min"], f)
        if m["target_upper"] is not None:
            ws.write_number(r, 14, m["target_upper"], f)
        ws.add_sparkline(r, 15, {"range": f"Scorecard!H{r + 1}:M{r + 1}", "markers": True})
        ws.write_string(r, 16, m["rag"].capitalize())
        r += 1
    rag_cf(ws, f"Q2:Q{r}")
    ws.set_column(1, 1, 50)
    ws.set_column(2, 16, 10)
    setup(ws, 0, len(heads))

    # Issues
    ws = wb.add_worksheet("Issues")
    heads = ["Severity", "Code", "File", "Sheet", "Cell", "Message"]
    ws.write_row(0, 0, heads, hdr)
    for r, i in enumerate(pack["issues"], 1):
        ws.write_row(r, 0, [i["severity"], i["code"], i["file"], i["sheet"], i["cell"], i["message"]])
    ws.autofilter(0, 0, len(pack["issues"]), 5)
    for c, w in enumerate([10, 24, 40, 20, 8, 90]):
        ws.set_column(c, c, w)
    setup(ws, 0, len(heads))
    wb.close()


# ---- board-report.pdf (ReportLab) ----------------------------------------------------------

def write_report(path, pack, as_of):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, PolyLine
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import (BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph, Spacer, Table,
                                    TableStyle)

    fonts = "/usr/share/fonts/truetype/dejavu/"
    pdfmetrics.registerFont(TTFont("DejaVu", fonts + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", fonts + "DejaVuSans-Bold.ttf"))
    ss = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=ss["BodyText"], fontName="DejaVu", fontSize=8.5, leading=10.5)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9)
    h1 = ParagraphStyle("h1", parent=ss["Heading1"], fontName="DejaVu-Bold", fontSize=15)
    h2 = ParagraphStyle("h2", parent=ss["Heading2"], fontName="DejaVu-Bold", fontSize=12)
    rag_col = {"blue": colors.HexColor("#0070C0"), "green": colors.HexColor("#00B050"),
               "amber": colors.HexColor("#FFC000"), "red": colors.HexColor("#FF0000"), "none": colors.white,
               "unrated": colors.white}
    letter = {"blue": "B", "green": "G", "amber": "A", "red": "R", "none": "–", "unrated": "–"}

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            self._states = []

        def showPage(self):
            self._states.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            n = len(self._states)
            for st in self._states:
                self.__dict__.update(st)
                self.setFont("DejaVu", 7.5)
                w, h = self._pagesize
                self.drawString(15 * mm, h - 10 * mm, "Children's Services Improvement Board - Board pack")
                self.drawRightString(w - 15 * mm, 8 * mm, f"Page {self._pageNumber} of {n}")
                super().showPage()
            super().save()

    class Doc(BaseDocTemplate):
        def afterFlowable(self, fl):
            if isinstance(fl, Paragraph) and fl.style.name in ("h1", "h2"):
                key = f"b{id(fl)}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(fl.getPlainText(), key, level=0 if fl.style.name == "h1" else 1)

    size = landscape(A4)
    doc = Doc(path, pagesize=size, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
              title="Improvement plan and performance report", author="Performance and Intelligence Team",
              subject=f"Board pack as at {as_of}", creator="reference pipeline")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height)
    doc.addPageTemplates([PageTemplate(id="p", frames=[frame])])

    def tstyle(extra=()):
        return TableStyle([("FONT", (0, 0), (-1, -1), "DejaVu", 7.5), ("FONT", (0, 0), (-1, 0), "DejaVu-Bold", 7.5),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F4E79")),
                           ("TEXTCOLOR", (0, 0), (-1, 0), colors.white), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("GRID", (0, 0), (-1, -1), 0.25, colors.grey)] + list(extra))

    story = [Paragraph("Children's Services Improvement Board", h1),
             Paragraph(f"Meeting date: {as_of} · Report: Improvement plan and performance · Author: Performance and "
                       "Intelligence Team · Classification: OFFICIAL", body), Spacer(1, 6 * mm)]
    # summary of progress
    secs = pack["sections"]
    tot = {k: sum(s[k] for s in secs) for k in ("total", "blue", "green", "amber", "red")}
    story.append(Paragraph("Summary of progress", h2))
    story.append(Paragraph(f"Of {tot['total']} actions, {tot['blue']} are complete, {tot['green']} on track, "
                           f"{tot['amber']} show some progress but slippage and {tot['red']} have not progressed "
                           "as planned.", body))
    data = [["Section of plan", "Total", "Blue – completed", "Green – on track", "Amber – slippage", "Red – not progressed"]]
    data += [[Paragraph(s["name"], small), s["total"], s["blue"], s["green"], s["amber"], s["red"]] for s in secs]
    data += [["Total", tot["total"], tot["blue"], tot["green"], tot["amber"], tot["red"]]]
    story.append(Table(data, repeatRows=1, colWidths=[90 * mm] + [28 * mm] * 5,
                       style=tstyle([("FONT", (0, -1), (-1, -1), "DejaVu-Bold", 7.5)])))
    d = Drawing(240 * mm, 60 * mm)
    ch = VerticalBarChart()
    ch.x, ch.y, ch.width, ch.height = 20, 15, 600, 140
    ch.data = [[s[k] for s in secs] for k in ("blue", "green", "amber", "red")]
    ch.categoryAxis.categoryNames = [s["name"][:24] for s in secs]
    ch.categoryAxis.labels.fontName = "DejaVu"
    ch.categoryAxis.labels.fontSize = 6
    ch.valueAxis.labels.fontName = "DejaVu"
    for k, c in enumerate(("blue", "green", "amber", "red")):
        ch.bars[k].fillColor = rag_col[c]
    d.add(ch)
    story += [Spacer(1, 4 * mm), d, PageBreak()]
    # KPI highlight table
    c = pack["counts"]
    story.append(Paragraph("KPI highlight indicators", h2))
    story.append(Paragraph(f"Of {c['green'] + c['amber'] + c['red']} indicators with targets, {c['green']} are green, "
                           f"{c['amber']} amber and {c['red']} red.", body))
    data = [["Ref", "Performance measure", "Previous", "Current", "Min", "Upper", "Trend", "RAG"]]
    extra = []
    current = None

    def fmt(v, unit):
        if v is None:
            return "–"
        return f"{v * 100:.1f}%" if unit == "percent" else f"{v:,.0f}"

    def spark(points):
        vals = [p["value"] for p in points if p["value"] is not None]
        dd = Drawing(30 * mm, 6 * mm)
        if len(vals) >= 2:
            lo, hi = min(vals), max(vals)
            span = (hi - lo) or 1
            pts = []
            for k, v in enumerate(vals):
                pts += [k * (28 * mm) / (len(vals) - 1), 1 + (v - lo) / span * (5 * mm - 2)]
            dd.add(PolyLine(pts, strokeColor=colors.HexColor("#1F4E79"), strokeWidth=0.8))
        return dd

    for m in pack["measures"]:
        if m["group"] != current:
            current = m["group"]
            data.append([current, "", "", "", "", "", "", ""])
            extra += [("SPAN", (0, len(data) - 1), (-1, len(data) - 1)),
                      ("BACKGROUND", (0, len(data) - 1), (-1, len(data) - 1), colors.HexColor("#D9D9D9")),
                      ("FONT", (0, len(data) - 1), (-1, len(data) - 1), "DejaVu-Bold", 7.5)]
        data.append([m["ref"], Paragraph(m["title"], small), fmt(m["previous"], m["unit"]), fmt(m["value"], m["unit"]),
                     fmt(m["target_min"], m["unit"]), fmt(m["target_upper"], m["unit"]), spark(m["trend"]),
                     letter[m["rag"]]])
        extra.append(("BACKGROUND", (7, len(data) - 1), (7, len(data) - 1), rag_col[m["rag"]]))
    story.append(Table(data, repeatRows=1, colWidths=[16 * mm, 110 * mm, 20 * mm, 20 * mm, 18 * mm, 18 * mm,
                                                       32 * mm, 12 * mm], style=tstyle(extra)))
    story.append(PageBreak())
    # exceptions
    story.append(Paragraph("Exceptions", h2))
    data = [["Ref", "Item", "RAG", "How far off / status", "Commentary"]]
    extra = []
    for m in pack["measures"]:
        if m["rag"] == "red":
            gap = ""
            if m["target_min"] is not None and m["unit"] == "percent":
                gap = f"{abs(m['value'] - m['target_min']) * 100:.1f} points from its minimum of {m['target_min'] * 100:.0f}%"
            data.append([m["ref"], Paragraph(m["title"], small), "R", gap, Paragraph(m.get("commentary", ""), small)])
            extra.append(("BACKGROUND", (2, len(data) - 1), (2, len(data) - 1), rag_col["red"]))
    for a in pack["actions"]:
        if a["status"] in ("red", "amber"):
            data.append([a["ref"], Paragraph(a["action"], small), letter[a["status"]],
                         f"due {a['due'] or 'no date'}", Paragraph(a["progress"], small)])
            extra.append(("BACKGROUND", (2, len(data) - 1), (2, len(data) - 1), rag_col[a["status"]]))
    story.append(Table(data, repeatRows=1, colWidths=[18 * mm, 80 * mm, 10 * mm, 40 * mm, 118 * mm],
                       style=tstyle(extra)))
    story.append(PageBreak())
    # data quality
    story.append(Paragraph("Data quality", h2))
    iss = pack["issues"]
    story.append(Paragraph(f"{sum(1 for i in iss if i['severity'] == 'error')} errors, "
                           f"{sum(1 for i in iss if i['severity'] == 'warning')} warnings and "
                           f"{sum(1 for i in iss if i['severity'] == 'info')} notes.", body))
    data = [["Severity", "Code", "Place", "Finding"]]
    data += [[i["severity"], i["code"], Paragraph(f"{i['file']} {i['sheet']}!{i['cell']}", small),
              Paragraph(i["message"], small)] for i in iss]
    story.append(Table(data, repeatRows=1, colWidths=[18 * mm, 36 * mm, 80 * mm, 132 * mm], style=tstyle()))
    doc.build(story, canvasmaker=NumberedCanvas)


# ---- main ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--as-of", default=dt.date.today().isoformat())
    ap.add_argument("--vocabulary", default=VOCABULARY)
    ap.add_argument("--outputs", default="summary,scorecard,report",
                    help="comma-separated: which outputs to write (summary.json always comes first)")
    a = ap.parse_args()
    t0, c0 = time.perf_counter(), time.process_time()
    vocab = Vocab(a.vocabulary)
    files = []
    for p in a.inputs:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names
                          if n.lower().endswith((".xlsx", ".xlsm")) and not n.startswith("~$")]
        else:
            files.append(p)
    files.sort()
    issues = Issues()
    subs, inputs = [], []
    for f in files:
        before = len(issues)
        out, kind = read_workbook(f, f, vocab, a.as_of, issues)
        subs.append(out)
        mine = issues[before:]
        inputs.append({"file": f, "kind": kind,
                       "status": "unreadable" if kind == "unreadable" else
                       "errors" if any(i["severity"] == "error" for i in mine) else
                       "warnings" if any(i["severity"] == "warning" for i in mine) else "ok",
                       "records": len(out["actions"]) + len(out["measures"])})
    actions, sections, measures, counts = consolidate(subs, issues)
    periods = sorted({s["period"] for s in subs if s["period"]})
    if len(periods) > 1:
        issues.add("warning", "period-mismatch", "", "", "", "workbooks report different months")
    period = periods[-1] if periods else None
    order = {"error": 0, "warning": 1, "info": 2}
    issues.sort(key=lambda i: order[i["severity"]])
    pack = {"inputs": inputs, "issues": issues, "sections": sections, "actions": actions, "measures": measures,
            "counts": counts}
    t1, c1 = time.perf_counter(), time.process_time()
    os.makedirs(a.out, exist_ok=True)
    wanted = a.outputs.split(",")
    summary = {"tool": {"name": "reference-pipeline", "version": "1"}, "inputs": inputs, "issues": issues,
               "plan": {"sections": sections, "actions": actions},
               "kpis": {"period": f"{MONTHS[period[1] - 1].capitalize()} {period[0] % 100:02d}" if period else "",
                        "counts": counts,
                        "measures": [{k: v for k, v in m.items() if k != "commentary"} for m in measures]},
               "outputs": {}}
    if "scorecard" in wanted:
        summary["outputs"]["scorecard"] = "scorecard.xlsx"
    if "report" in wanted:
        summary["outputs"]["report"] = "board-report.pdf"
    tmp = os.path.join(a.out, ".summary.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2, ensure_ascii=False)
    os.replace(tmp, os.path.join(a.out, "summary.json"))
    t2, c2 = time.perf_counter(), time.process_time()
    if "scorecard" in wanted:
        tmp = os.path.join(a.out, ".scorecard.xlsx.tmp")
        write_scorecard(tmp, pack)
        os.replace(tmp, os.path.join(a.out, "scorecard.xlsx"))
    t3, c3 = time.perf_counter(), time.process_time()
    if "report" in wanted:
        tmp = os.path.join(a.out, ".board-report.pdf.tmp")
        write_report(tmp, pack, a.as_of)
        os.replace(tmp, os.path.join(a.out, "board-report.pdf"))
    t4, c4 = time.perf_counter(), time.process_time()
    print(json.dumps({"phases": {"read_check": round(t1 - t0, 3), "summary": round(t2 - t1, 3),
                                 "scorecard": round(t3 - t2, 3), "report": round(t4 - t3, 3),
                                 "total": round(t4 - t0, 3)},
                      "cpu_phases": {"read_check": round(c1 - c0, 3), "summary": round(c2 - c1, 3),
                                     "scorecard": round(c3 - c2, 3), "report": round(c4 - c3, 3),
                                     "total": round(c4 - c0, 3)},
                      "counts": {"workbooks": len(files), "actions": len(actions), "measures": len(measures),
                                 "sections": {s["name"]: [s["total"], s["blue"], s["green"], s["amber"], s["red"]]
                                              for s in sections},
                                 "kpi": counts, "errors": sum(1 for i in issues if i["severity"] == "error"),
                                 "warnings": sum(1 for i in issues if i["severity"] == "warning")}}))


if __name__ == "__main__":
    sys.exit(main())

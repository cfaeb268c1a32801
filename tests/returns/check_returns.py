#!/usr/bin/python3
"""Checks return-to-sender: each team's checked copy (OUT/returns/<name> - checked.xlsx)
against its original (make_workbooks.py) and the pack's summary.json.

  check_returns.py --boardpack EXE --work DIR --check NAME [--schemas DIR]

build        make the workbooks, build the pack (--as-of 2026-11-30): one copy per
             workbook with findings, none for the clean one, each in the manifest
cells        `boardpack dump --json` of original and copy: every original sheet and
             cell unchanged (value, type, formula, format, merges, ...), a cell with a
             finding differing only in its fill, which is the highlight
checks       the first sheet "Checks" lists exactly the workbook's findings of
             summary.json, in order, each linked to its cell ('Sheet'!B7)
resent       a checked copy read as an input gives the same findings as its original
openpyxl     openpyxl loads each copy: a comment at every finding's cell saying each of
             its messages, the team's comments kept, number formats, data validations,
             merged cells and defined names (a local one still on its sheet) as before
libreoffice  LibreOffice headless converts each copy to xlsx and to csv
schema       every XML part against the ECMA-376 schemas (xmllint); VML well-formed
corpus       the reader corpus's dialects (prefixes, no r=, odd paths, Strict ...): every cell
             unchanged, LibreOffice opens each copy
sheetjs      SheetJS (npm xlsx) reads each copy: every original sheet shows the same text,
             merges and formulas
uneditable   a workbook whose copy cannot be made: the pack without it, and stderr says why
rerun        a rebuild with a workbook gone removes its copy, --no-returns removes them all; a copy the user changed
             is in the way and nothing is written
Exit 77 (skipped) when the tool a check needs is missing.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "xlsx"))
from check_xlsx import Failures, schema_for as xlsx_schema_for, sheetjs_read, soffice, validate_part  # noqa: E402
SKIP = 77
HIGHLIGHT = "#FFEB9C"
WRITERS = ["plan-openpyxl.xlsx", "plan-xlsxwriter.xlsx", "plan-libreoffice.xlsx"]


def build(a, inputs, out):
    return subprocess.run([a.boardpack, "build", *inputs, "--out", out, "--as-of", "2026-11-30"],
                          capture_output=True, text=True)


def copy_of(a, name):
    return os.path.join(a.work, "out", "returns", name[:-5] + " - checked.xlsx")


def originals(a):
    return [w for w in WRITERS if os.path.exists(os.path.join(a.work, "in", w))]


def summary(a):
    return json.load(open(os.path.join(a.work, "out", "summary.json")))


def findings_of(a, name):
    return [i for i in summary(a)["issues"] if os.path.basename(i["file"]) == name]


def dump(a, path):
    r = subprocess.run([a.boardpack, "dump", "--json", path], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"dump {path} failed: {r.stderr}")
    return json.loads(r.stdout)


def check_build(a, f):
    made = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "make_workbooks.py"), a.work], capture_output=True, text=True)
    if not f.check(made.returncode == 0, f"make_workbooks.py failed: {made.stderr[-800:]}"):
        return 0
    out = os.path.join(a.work, "out")
    shutil.rmtree(out, ignore_errors=True)
    r = build(a, [os.path.join(a.work, "in")], out)
    f.check(r.returncode in (0, 1), f"build failed ({r.returncode}): {r.stderr[-800:]}")
    f.check(len(originals(a)) == 3 or not shutil.which("soffice"), "the LibreOffice workbook was not made")
    returns = sorted(os.listdir(os.path.join(out, "returns"))) if os.path.isdir(os.path.join(out, "returns")) else []
    f.equal(returns, sorted(w[:-5] + " - checked.xlsx" for w in originals(a)), "checked copies (none for plan-clean.xlsx)")
    manifest = json.load(open(os.path.join(out, ".boardpack-manifest.json")))
    listed = [e["name"] for e in manifest["files"]]
    for name in returns:
        f.check(f"returns/{name}" in listed, f"the manifest does not list returns/{name}")
        f.check(f"returns/{name}" in r.stdout, f"the console does not name returns/{name}")
    said = summary(a)["outputs"].get("returns", [])
    f.equal(sorted(e["file"] for e in said), [f"returns/{n}" for n in returns], "summary.json outputs.returns lists the copies")
    for e in said:
        f.check(os.path.basename(e["input"])[:-5] + " - checked.xlsx" == os.path.basename(e["file"]),
                f"summary.json pairs {e['input']} with {e['file']}")
    for w in originals(a):
        f.check(any(i["cell"] for i in findings_of(a, w)), f"{w}: no finding at a cell: the test proves nothing")
    return 0


def same_cells(a, f, w, original, copy, issues):
    """Every sheet and cell of `original` unchanged in `copy` (by dump); a finding's cell differs only in its fill."""
    before, after = dump(a, original), dump(a, copy)
    found = {(i["sheet"], i["cell"]) for i in issues if i["cell"]}
    names = [s["name"] for s in after["sheets"]]
    f.equal(names, ["Checks"] + [s["name"] for s in before["sheets"]], f"{w}: sheets of the copy")
    by_name = {s["name"]: s for s in after["sheets"]}
    for s in before["sheets"]:
        t = by_name.get(s["name"])
        if not t:
            continue
        for key in s:
            if key != "cells":
                f.equal(t.get(key), s[key], f"{w}: {s['name']}: {key}")
        old = {c["ref"]: c for c in s["cells"]}
        new = {c["ref"]: c for c in t["cells"]}
        for ref, c in old.items():
            d = new.get(ref)
            if not f.check(d is not None, f"{w}: {s['name']}!{ref} is gone from the copy"):
                continue
            if (s["name"], ref) in found:
                f.equal(d.get("fill"), HIGHLIGHT, f"{w}: {s['name']}!{ref} (a finding) fill")
                c, d = dict(c), dict(d)
                c.pop("fill", None), d.pop("fill", None)
            f.equal(d, c, f"{w}: {s['name']}!{ref}")
        for ref in new.keys() - old.keys():
            f.check((s["name"], ref) in found, f"{w}: {s['name']}!{ref} is new in the copy, with no finding there")


def check_cells(a, f):
    for w in originals(a):
        same_cells(a, f, w, os.path.join(a.work, "in", w), copy_of(a, w), findings_of(a, w))
        # Every original part the edit did not need is byte for byte the same.
        with zipfile.ZipFile(os.path.join(a.work, "in", w)) as zin, zipfile.ZipFile(copy_of(a, w)) as zout:
            got = set(zout.namelist())
            for part in zin.namelist():
                if part.endswith("/"):
                    continue
                if not f.check(part in got, f"{w}: part {part} is missing from the copy"):
                    continue
                edited = part.endswith((".rels", "workbook.xml", "styles.xml", "[Content_Types].xml", ".vml")) or \
                    re.match(r"xl/(worksheets/sheet\d+|comments\d*|comments/comment\d+)\.xml$", part)
                if not edited:
                    f.check(zin.read(part) == zout.read(part), f"{w}: part {part} changed")
    return 0


def check_checks(a, f):
    import openpyxl
    for w in originals(a):
        wb = openpyxl.load_workbook(copy_of(a, w))
        f.equal(wb.sheetnames[0], "Checks", f"{w}: first sheet")
        ws = wb["Checks"]
        rows = list(ws.iter_rows(min_row=2))
        want = findings_of(a, w)
        f.equal(len(rows), len(want), f"{w}: Checks rows")
        for row, i in zip(rows, want):
            where = f"{i['sheet']}!{i['cell']}" if i["cell"] else (i["sheet"] or "(the workbook)")
            f.equal([c.value for c in row[:4]], [i["severity"], i["code"], where, i["message"]], f"{w}: Checks row {row[0].row}")
            link = row[2].hyperlink
            if i["sheet"]:
                quoted = "'" + i["sheet"].replace("'", "''") + "'!" + (i["cell"] or "A1")
                f.check(link is not None and link.location == quoted,
                        f"{w}: Checks row {row[0].row} links to {link.location if link else None!r}, expected {quoted!r}")
    return 0


def check_resent(a, f):
    """A team that sends its checked copy back (the Checks sheet still in it) gets the same findings."""
    def findings(path):
        r = subprocess.run([a.boardpack, "validate", path, "--json", "--as-of", "2026-11-30"], capture_output=True, text=True)
        return [(i["severity"], i["code"], i["sheet"], i["cell"], i["message"]) for i in json.loads(r.stdout)["issues"]]
    for w in originals(a):
        want = findings(os.path.join(a.work, "in", w))
        f.check(bool(want), f"{w}: no findings: the test proves nothing")
        f.equal(findings(copy_of(a, w)), want, f"{w}: findings of its checked copy")
    return 0


def check_openpyxl(a, f):
    import openpyxl
    for w in originals(a):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb0 = openpyxl.load_workbook(os.path.join(a.work, "in", w))
            wb1 = openpyxl.load_workbook(copy_of(a, w))
        by_cell = {}
        for i in findings_of(a, w):
            if i["cell"]:
                by_cell.setdefault((i["sheet"], i["cell"]), []).append(i["message"])
        for (sheet, ref), messages in by_cell.items():
            c = wb1[sheet][ref]
            text = c.comment.text if c.comment else ""
            for m in messages:
                f.check(m in text, f"{w}: {sheet}!{ref}: comment {text!r} does not say {m!r}")
            f.equal(c.fill.fgColor.rgb, "FF" + HIGHLIGHT[1:], f"{w}: {sheet}!{ref} highlight")
            f.equal(c.number_format, wb0[sheet][ref].number_format, f"{w}: {sheet}!{ref} number format")
            f.equal(c.font.b, wb0[sheet][ref].font.b, f"{w}: {sheet}!{ref} bold")
        kept = 0
        for ws0 in wb0.worksheets:
            ws1 = wb1[ws0.title]
            for row in ws0.iter_rows():
                for c in row:
                    if c.comment:
                        kept += 1
                        got = ws1[c.coordinate].comment
                        f.check(got is not None and got.text.startswith(c.comment.text.strip()[:20]),
                                f"{w}: {ws0.title}!{c.coordinate}: the team's comment {c.comment.text!r} is not kept")
            f.equal(sorted(str(r) for r in ws1.merged_cells.ranges), sorted(str(r) for r in ws0.merged_cells.ranges),
                    f"{w}: {ws0.title} merged cells")
            dv = lambda ws: sorted((d.type, d.formula1, str(d.sqref)) for d in ws.data_validations.dataValidation)
            f.equal(dv(ws1), dv(ws0), f"{w}: {ws0.title} data validations")
        f.check(kept >= 2, f"{w}: the original has {kept} comments: the test proves nothing")
        f.check(("Team's plan", "E6") in by_cell, f"{w}: no finding on the commented cell E6: merging is not tested")
        names = lambda wb: sorted((d.name, d.attr_text, wb.sheetnames[d.localSheetId] if d.localSheetId is not None else None)
                                  for d in wb.defined_names.definedName)
        f.equal(names(wb1), names(wb0), f"{w}: defined names (a local one by its sheet's name)")
        f.equal(wb1.active.title, wb0.active.title, f"{w}: the active sheet")
    return 0


def check_libreoffice(a, f):
    if not shutil.which("soffice"):
        return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        copies = [copy_of(a, w) for w in originals(a)]
        for fmt, ext in (("xlsx:Calc MS Excel 2007 XML", "xlsx"), ("csv", "csv")):
            try:
                soffice(["--convert-to", fmt] + copies, tmp)
            except RuntimeError as e:
                f.check(False, f"soffice --convert-to {ext}: {e}")
            for c in copies:
                out = os.path.join(tmp, os.path.basename(c)[:-5] + "." + ext)
                f.check(os.path.exists(out) and os.path.getsize(out) > 0, f"LibreOffice made no {ext} of {os.path.basename(c)}")
        # The round trip keeps the notes: LibreOffice read them from the comments and VML parts.
        import openpyxl
        for w in originals(a):
            rt = os.path.join(tmp, w[:-5] + " - checked.xlsx")
            if not os.path.exists(rt):
                continue
            wb = openpyxl.load_workbook(rt)
            for i in findings_of(a, w):
                if i["cell"]:
                    c = wb[i["sheet"]][i["cell"]]
                    f.check(c.comment is not None and i["message"] in c.comment.text,
                            f"{w}: after LibreOffice, {i['sheet']}!{i['cell']} has no comment saying {i['message']!r}")
    return 0


def schema_for(part):
    if part == "docProps/custom.xml":
        return "shared-documentPropertiesCustom.xsd"
    if part.endswith(".vml"):
        return None  # VML has no schema here: checked well-formed only
    return xlsx_schema_for(part)


def check_schema(a, f):
    if not shutil.which("xmllint"):
        return SKIP
    if not os.path.isfile(os.path.join(a.schemas, "sml.xsd")):
        print(f"no schemas in {a.schemas}")
        return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        for w in originals(a):
            with zipfile.ZipFile(copy_of(a, w)) as z:
                for part in z.namelist():
                    if not part.endswith((".xml", ".rels", ".vml")):
                        continue
                    validate_part(f, w, part, z.read(part), schema_for(part), a.schemas, tmp)
    return 0


def check_rerun(a, f):
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [os.path.join(a.work, "in", w) for w in originals(a)]
        out = os.path.join(tmp, "out")
        r = build(a, inputs, out)
        f.check(r.returncode in (0, 1), f"first build failed: {r.stderr[-400:]}")
        first = sorted(os.listdir(os.path.join(out, "returns")))
        f.equal(len(first), len(inputs), "copies after the first build")
        # One workbook fewer: its copy goes, the others are replaced.
        r = build(a, inputs[1:], out)
        f.check(r.returncode in (0, 1), f"second build failed: {r.stderr[-400:]}")
        want = sorted(os.path.basename(copy_of(a, os.path.basename(i))) for i in inputs[1:])
        f.equal(sorted(os.listdir(os.path.join(out, "returns"))), want, "copies after a build without the first workbook")
        # The clean workbook alone: no copy, and no returns folder left.
        r = build(a, [os.path.join(a.work, "in", "plan-clean.xlsx")], out)
        f.check(r.returncode == 0, f"clean build failed: {r.stderr[-400:]}")
        f.check(not os.path.exists(os.path.join(out, "returns")), "a returns folder is left after a build with no findings")
        # --no-returns: none written, and an earlier run's removed.
        build(a, inputs, out)
        r = subprocess.run([a.boardpack, "build", *inputs, "--out", out, "--as-of", "2026-11-30", "--no-returns"],
                           capture_output=True, text=True)
        f.check(r.returncode in (0, 1) and not os.path.exists(os.path.join(out, "returns")),
                f"--no-returns left {os.listdir(out)} ({r.stderr[-300:]})")
        # A copy the user changed since is theirs: the next build refuses and touches nothing.
        build(a, inputs, out)
        mine = os.path.join(out, "returns", os.path.basename(copy_of(a, os.path.basename(inputs[0]))))
        with open(mine, "ab") as fh:
            fh.write(b"edited")
        before = open(mine, "rb").read()
        r = build(a, inputs, out)
        f.equal(r.returncode, 2, "build over a changed checked copy")
        f.check("not replace" in r.stderr or "changed after boardpack wrote" in r.stderr, f"message: {r.stderr[-400:]}")
        f.check(open(mine, "rb").read() == before, "the user's changed copy was touched")
        # A symlink where returns/ goes is in the way, never written through.
        shutil.rmtree(out)
        os.makedirs(out)
        elsewhere = os.path.join(tmp, "elsewhere")
        os.makedirs(elsewhere)
        os.symlink(elsewhere, os.path.join(out, "returns"))
        r = build(a, inputs, out)
        f.equal(r.returncode, 2, "build with returns/ a symlink")
        f.equal(os.listdir(elsewhere), [], "files written through the returns symlink")
    return 0


def check_corpus(a, f):
    """The reader corpus's dialects (prefixed, no r=, odd part paths, Strict, a BOM, 1904 dates, SheetJS and
    LibreOffice files), built beside a sample plan: each copy keeps every cell, and LibreOffice opens it."""
    corpus = os.path.join(HERE, "..", "corpus", "fixtures")
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "in"), os.path.join(tmp, "out")
        os.makedirs(src)
        names = sorted(n for n in os.listdir(corpus) if n.endswith(".xlsx"))
        for n in names:
            shutil.copy(os.path.join(corpus, n), src)
        shutil.copy(os.path.join(HERE, "..", "..", "samples", "plan-workforce.xlsx"), src)
        r = build(a, [src], out)
        f.check(r.returncode in (0, 1), f"build failed ({r.returncode}): {r.stderr[-800:]}")
        f.check("no checked copy" not in r.stderr, f"a copy was not made: {r.stderr[-800:]}")
        issues = json.load(open(os.path.join(out, "summary.json")))["issues"]
        copies = []
        for n in names:
            copy = os.path.join(out, "returns", n[:-5] + " - checked.xlsx")
            mine = [i for i in issues if os.path.basename(i["file"]) == n]
            if not f.check(os.path.exists(copy) == bool(mine), f"{n}: a copy exactly when it has findings"):
                continue
            if mine:
                same_cells(a, f, n, os.path.join(src, n), copy, mine)
                copies.append(copy)
        f.check(len(copies) >= 10, f"only {len(copies)} of the corpus came back checked: the test proves little")
        if shutil.which("soffice"):
            lo = os.path.join(tmp, "lo")
            os.makedirs(lo)
            try:
                soffice(["--convert-to", "csv"] + copies, lo)
            except RuntimeError as e:
                f.check(False, f"soffice: {e}")
            for c in copies:
                got = os.path.join(lo, os.path.basename(c)[:-5] + ".csv")
                f.check(os.path.exists(got), f"LibreOffice could not open {os.path.basename(c)}")
    return 0


def check_sheetjs(a, f):
    """SheetJS reads each copy: the same text in every original sheet, the same merges, Checks first."""
    pairs = [(os.path.join(a.work, "in", w), copy_of(a, w)) for w in originals(a)]
    data = sheetjs_read(a.work, [p for pair in pairs for p in pair], f)
    if data is None or data == SKIP:
        return data or 0
    for (original, copy), w in zip(pairs, originals(a)):
        before, after = data[original], data[copy]
        f.equal(after["names"], ["Checks"] + before["names"], f"SheetJS: {w}: sheets")
        for name, sheet in before["sheets"].items():
            got = after["sheets"].get(name, {})
            f.equal(got.get("grid"), sheet["grid"], f"SheetJS: {w}: {name} as shown")
            f.equal(got.get("merges"), sheet["merges"], f"SheetJS: {w}: {name} merges")
            f.equal(got.get("formulas"), sheet["formulas"], f"SheetJS: {w}: {name} formulas")
        checks = after["sheets"].get("Checks", {}).get("grid", [])
        f.equal([row[1] for row in checks[1:]], [i["code"] for i in findings_of(a, w)], f"SheetJS: {w}: Checks codes")
    return 0


def check_uneditable(a, f):
    """A workbook the reader takes but the editor cannot (its notes' VML drawing cut short): the pack is
    written without that copy, the others are made, and stderr says which and why."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "in"), os.path.join(tmp, "out")
        os.makedirs(src)
        bad = os.path.join(src, "plan-cut.xlsx")
        with zipfile.ZipFile(os.path.join(a.work, "in", "plan-openpyxl.xlsx")) as zin, zipfile.ZipFile(bad, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item)
                if item.filename.endswith(".vml"):
                    data = data[: data.rfind(b"</xml>")]
                zout.writestr(item, data)
        shutil.copy(os.path.join(a.work, "in", "plan-xlsxwriter.xlsx"), src)
        r = build(a, [src], out)
        f.check(r.returncode in (0, 1), f"build failed ({r.returncode}): {r.stderr[-400:]}")
        f.equal(sorted(os.listdir(os.path.join(out, "returns"))), ["plan-xlsxwriter - checked.xlsx"], "copies made")
        f.check(re.search(r"no checked copy: \S*plan-cut\.xlsx: xl/drawings/commentsDrawing\d\.vml: .*</xml>", r.stderr),
                f"stderr says which copy is missing and why: {r.stderr[-400:]}")
        f.check(os.path.exists(os.path.join(out, "summary.json")), "the pack is written")
        # batch says it under the table, by pack.
        r = subprocess.run([a.boardpack, "batch", tmp + "/in", "--out", tmp + "/packs", "--as-of", "2026-11-30"],
                           capture_output=True, text=True)
        f.check(re.search(r"Built, but:\n  plan-cut: no checked copy: \S*plan-cut\.xlsx", r.stdout),
                f"batch names the copy not made: {r.stdout[-500:]}")
    return 0


CHECKS = {"build": check_build, "uneditable": check_uneditable, "sheetjs": check_sheetjs, "resent": check_resent, "corpus": check_corpus, "cells": check_cells, "checks": check_checks, "openpyxl": check_openpyxl,
          "libreoffice": check_libreoffice, "schema": check_schema, "rerun": check_rerun}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--boardpack", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--check", required=True, choices=sorted(CHECKS))
    p.add_argument("--schemas", default="")
    a = p.parse_args()
    f = Failures()
    code = CHECKS[a.check](a, f)
    if code == SKIP:
        print("SKIPPED: a tool this check needs is missing")
        return SKIP
    for item in f.items:
        print("FAIL", item)
    print(f"{a.check}: {len(f.items)} failure(s)")
    return 1 if f.items else 0


if __name__ == "__main__":
    sys.exit(main())

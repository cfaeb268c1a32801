#!/usr/bin/python3
"""The board report's tagged structure and archival parts, in each pdf mode.

    test_structure.py --boardpack BOARDPACK --work DIR

Builds samples/ with `pdf = plain`, `accessible` (also the default, with no
template) and `archival`, and checks each board-report.pdf with poppler
(pdfinfo, pdftotext, pdffonts), qpdf --check and Debian's python3-pikepdf:

* every mode: qpdf --check passes; pdftotext prints no warnings; every font
  is embedded with a ToUnicode map; nothing transparent;
* plain: Tagged: no, PDF 1.3, no structure tree;
* accessible and archival: Tagged: yes, PDF 1.7; /Lang en-GB, /MarkInfo
  /Marked true, DisplayDocTitle; `pdfinfo -struct-text` starts with the
  title as the first H1, lists the section headings in page order and each
  table's TH before its TD; every MCID in every page's content is reached
  from the tree and the ParentTree names the element holding it; every text
  drawn is inside an MCID or an Artifact; every table cell is a TH or TD in a
  TR, every TH has a Scope; every Figure has Alt, and there is a trend figure
  per indicator; each RAG chip's cell reads as its word (ActualText); the running header and footer ("Page 1 of N") are
  artifacts, not in the tree; the XMP carries pdfuaid:part 1;
* archival: the XMP parses, with pdfaid:part 2 and conformance B, and its
  title, producer and creation date are the document info's; an sRGB output
  intent (GTS_PDFA1) with an ICC stream; a document ID in the trailer.

veraPDF is not available here; these are the checks made instead.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys

import pikepdf

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.normpath(os.path.join(HERE, "..", "..", "samples"))
AS_OF = "2026-11-21"
PDFUAID_PART = "{http://www.aiim.org/pdfua/ns/id/}part"  # a namespace pikepdf has no prefix for
TITLE = "Improvement plan and performance report"  # the built-in template's

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def run(*cmd):
    return subprocess.run(list(cmd), capture_output=True, text=True)


def build(boardpack, work, mode):
    out = os.path.join(work, mode or "default")
    args = [boardpack, "build", SAMPLES, "--out", out, "--as-of", AS_OF]
    if mode:
        tpl = os.path.join(work, f"{mode}.ini")
        with open(tpl, "w", encoding="utf-8") as f:
            f.write(f"[report]\npdf = {mode}\n")
        args += ["--template", tpl]
    r = run(*args)
    if r.returncode not in (0, 1):  # 1: built, with the samples' deliberate errors
        sys.exit(f"build ({mode}) exited {r.returncode}: {r.stderr}")
    with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    return os.path.join(out, "board-report.pdf"), summary


def pdfinfo(pdf):
    fields = {}
    for line in run("pdfinfo", pdf).stdout.splitlines():
        k, _, v = line.partition(":")
        fields[k.strip()] = v.strip()
    return fields


def common_checks(label, pdf):
    r = run("qpdf", "--check", pdf)
    check(r.returncode == 0, f"{label}: qpdf --check exited {r.returncode}: {r.stdout[-500:]} {r.stderr[-500:]}")
    r = run("pdftotext", pdf, "-")
    check(r.returncode == 0 and not r.stderr.strip(), f"{label}: pdftotext warns: {r.stderr[:500]}")
    fonts = run("pdffonts", pdf).stdout.splitlines()[2:]
    check(fonts, f"{label}: pdffonts lists no fonts")
    for line in fonts:
        cols = line.split()
        # name type... encoding emb sub uni object ID: emb and uni are the 5th and 3rd from the end
        check(cols[-5] == "yes" and cols[-3] == "yes", f"{label}: font not embedded with a ToUnicode map: {line}")
    r = run("pdffonts", pdf)
    check(not r.stderr.strip(), f"{label}: pdffonts warns: {r.stderr[:300]}")
    with pikepdf.open(pdf) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary) or isinstance(obj, pikepdf.Stream):
                d = obj if isinstance(obj, pikepdf.Dictionary) else obj.stream_dict
                check("/SMask" not in d or d.get("/SMask") == pikepdf.Name.None_,
                      f"{label}: an object has a soft mask (transparency)")
                for key in ("/CA", "/ca"):
                    check(key not in d or float(d[key]) == 1.0, f"{label}: {key} {d.get(key)} (transparency)")
                g = d.get("/Group")
                check(not (isinstance(g, pikepdf.Dictionary) and g.get("/S") == "/Transparency"),
                      f"{label}: a transparency group")


def struct_lines(pdf):
    r = run("pdfinfo", "-struct-text", pdf)
    check(r.returncode == 0, f"pdfinfo -struct-text exited {r.returncode}")
    return r.stdout.splitlines()


def check_struct_text(label, pdf, lines):
    """The first H1 is the title; H1s in page order; each table's TH before its TD."""
    headings = []
    for i, line in enumerate(lines):
        if line.strip().startswith("H1"):
            text = lines[i + 1].strip().strip('"') if i + 1 < len(lines) else ""
            headings.append(text)
    check(headings[:1] == [TITLE], f"{label}: the first H1 is {headings[:1]}, not the title")
    # The section headings as pdftotext reads the pages, in that order.
    plain = run("pdftotext", pdf, "-").stdout
    at = [plain.find(h) for h in headings[1:]]
    check(all(p >= 0 for p in at), f"{label}: an H1 is not in the page text: {headings}")
    check(at == sorted(at), f"{label}: the H1s are not in page order: {headings}")
    check(len(headings) >= 5, f"{label}: only {len(headings)} H1s: {headings}")
    # In every table, the first cell is a TH and every TH of the THead comes before the first TD.
    tables = 0
    for i, line in enumerate(lines):
        if line.strip().startswith("Table"):
            tables += 1
            depth = len(line) - len(line.lstrip())
            cells = []
            for later in lines[i + 1:]:
                if later.strip() and len(later) - len(later.lstrip()) <= depth:
                    break
                s = later.strip()
                if s.startswith("TH") or s.startswith("TD"):
                    cells.append(s[:2])
            check(cells and cells[0] == "TH", f"{label}: table {tables} does not start with a TH: {cells[:5]}")
    check(tables >= 5, f"{label}: only {tables} tables in the structure")
    text = "\n".join(lines)
    check("Page 1 of" not in text, f"{label}: the running footer is in the structure tree, not an artifact")
    check("Page 1 of" in plain, f"{label}: no running footer on the page (the artifact check would prove nothing)")
    check("key performance indicators" in text, f"{label}: a wrapped paragraph lost its space between lines")


def walk_tree(label, doc):
    """Elements reached from the StructTreeRoot; every MCID each holds as (page objgen, mcid) -> element objgen."""
    root = doc.Root.StructTreeRoot
    held = {}
    figures = []
    actual = []  # the RAG chips' words
    roles = {}
    stack = [(root.K, root)]
    seen = set()
    while stack:
        elem, parent = stack.pop()
        if isinstance(elem, pikepdf.Array):
            stack.extend((e, parent) for e in elem)
            continue
        if not isinstance(elem, pikepdf.Dictionary) or elem.get("/Type") == "/MCR":
            continue
        key = elem.objgen
        if key in seen:
            check(False, f"{label}: element {key} is reached twice")
            continue
        seen.add(key)
        role = str(elem.S)
        roles[key] = role
        check(elem.get("/P") is not None and elem.P.objgen == parent.objgen,
              f"{label}: {role} {key}'s /P is not its parent")
        parent_role = str(parent.get("/S", "/StructTreeRoot"))
        if role in ("/TH", "/TD"):
            check(parent_role == "/TR", f"{label}: a {role} in a {parent_role}")
        if role == "/TR":
            check(parent_role in ("/Table", "/THead", "/TBody"), f"{label}: a TR in a {parent_role}")
        if role == "/TH":
            a = elem.get("/A")
            check(isinstance(a, pikepdf.Dictionary) and str(a.get("/Scope")) in ("/Column", "/Row"),
                  f"{label}: a TH without /A /Scope Column or Row")
        if role == "/Figure":
            alt = str(elem.get("/Alt", ""))
            check(alt.strip() != "", f"{label}: a Figure without Alt")
            figures.append(alt)
        if "/ActualText" in elem:
            actual.append(str(elem.ActualText))
        page = elem.get("/Pg")
        kids = elem.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for k in kids:
            if isinstance(k, int):
                check(page is not None, f"{label}: {role} holds MCID {k} with no /Pg")
                if page is not None:
                    held[(page.objgen, int(k))] = key
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                held[(k.Pg.objgen, int(k.MCID))] = key
            else:
                stack.append((k, elem))
    return held, figures, roles, actual


def page_marks(label, doc):
    """Per page: the MCIDs in its content, and whether any text is shown outside both MCIDs and Artifacts."""
    out = {}
    for n, page in enumerate(doc.pages, 1):
        mcids, stack, loose = [], [], 0
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "BDC":
                props = operands[1]
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                stack.append(("mcid", int(mcid)) if mcid is not None else ("other", str(operands[0])))
                if mcid is not None:
                    mcids.append(int(mcid))
            elif op == "BMC":
                stack.append(("artifact" if str(operands[0]) == "/Artifact" else "other", None))
            elif op == "EMC":
                check(stack, f"{label}: page {n}: EMC without BDC/BMC")
                if stack:
                    stack.pop()
            elif op in ("Tj", "TJ", "'", '"', "Do", "f", "S", "B", "f*", "b"):
                if not any(kind in ("mcid", "artifact") for kind, _ in stack):
                    loose += 1
        check(not stack, f"{label}: page {n}: marked content left open")
        check(loose == 0, f"{label}: page {n}: {loose} drawing operators neither tagged nor an artifact")
        check(len(mcids) == len(set(mcids)), f"{label}: page {n}: an MCID used twice")
        out[page.objgen] = (n, mcids, page)
    return out


def check_tagged(label, pdf, summary):
    info = pdfinfo(pdf)
    check(info.get("Tagged") == "yes", f"{label}: pdfinfo says Tagged: {info.get('Tagged')}")
    check(info.get("PDF version") == "1.7", f"{label}: PDF version {info.get('PDF version')}")
    check_struct_text(label, pdf, struct_lines(pdf))
    with pikepdf.open(pdf) as doc:
        cat = doc.Root
        check(str(cat.get("/Lang", "")) == "en-GB", f"{label}: /Lang is {cat.get('/Lang')}")
        check(cat.get("/MarkInfo") is not None and bool(cat.MarkInfo.get("/Marked")), f"{label}: no /MarkInfo /Marked true")
        vp = cat.get("/ViewerPreferences")
        check(vp is not None and bool(vp.get("/DisplayDocTitle")), f"{label}: no DisplayDocTitle")
        held, figures, roles, actual = walk_tree(label, doc)
        check(actual and set(actual) <= {"Blue", "Green", "Amber", "Red"},
              f"{label}: the RAG chips do not read as their words: {sorted(set(actual))[:6]}")
        check(held, f"{label}: the tree holds no marked content")
        parent_tree = cat.StructTreeRoot.ParentTree
        nums = parent_tree.Nums
        by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        total = 0
        for objgen, (n, mcids, page) in page_marks(label, doc).items():
            sp = page.get("/StructParents")
            check(sp is not None, f"{label}: page {n} has no /StructParents")
            arr = by_key.get(int(sp)) if sp is not None else None
            for mcid in mcids:
                total += 1
                owner = held.get((objgen, mcid))
                check(owner is not None, f"{label}: page {n} MCID {mcid} is not reached from the structure tree")
                pt = arr[mcid] if arr is not None and mcid < len(arr) else None
                check(pt is not None and owner is not None and pt.objgen == owner,
                      f"{label}: page {n} MCID {mcid}: the ParentTree does not name its element")
        check(total == len(held), f"{label}: the tree holds {len(held)} MCIDs, the pages {total}")
        trends = [f for f in figures if re.fullmatch(r"\w+-month trend: (no figures|one figure, .+|.+ to .+, (rising|falling|level))", f)]
        measures = summary["kpis"]["measures"]
        check(len(trends) == len(measures), f"{label}: {len(trends)} trend figures for {len(measures)} indicators")
        check(any(f.startswith("Actions by status: ") for f in figures), f"{label}: no Alt for the bars of the plan")
        check(any(r in ("/TH", "/TD") for r in roles.values()), f"{label}: no table cells")
        meta = doc.open_metadata()
        check(meta.get(PDFUAID_PART) == "1", f"{label}: XMP pdfuaid:part is {meta.get(PDFUAID_PART)}")
        check(str(meta.get("dc:title")) == str(doc.docinfo.get("/Title")), f"{label}: XMP title is not Info's")


def pdf_date(text):
    m = re.match(r"D:(\d{14})", str(text))
    return datetime.datetime.strptime(m.group(1), "%Y%m%d%H%M%S") if m else None


def check_archival(label, pdf):
    with pikepdf.open(pdf) as doc:
        check("/Metadata" in doc.Root, f"{label}: no XMP metadata stream")
        check("/Filter" not in doc.Root.Metadata.stream_dict, f"{label}: the XMP stream is compressed")
        meta = doc.open_metadata()
        check(meta.get("pdfaid:part") == "2", f"{label}: pdfaid:part is {meta.get('pdfaid:part')}")
        check(meta.get("pdfaid:conformance") == "B", f"{label}: pdfaid:conformance is {meta.get('pdfaid:conformance')}")
        info = doc.docinfo
        check(str(meta.get("dc:title")) == str(info.get("/Title")) == TITLE,
              f"{label}: XMP title {meta.get('dc:title')!r} vs Info {info.get('/Title')!r}")
        check(str(meta.get("pdf:Producer")) == str(info.get("/Producer")), f"{label}: XMP producer is not Info's")
        check(str(meta.get("xmp:CreatorTool")) == str(info.get("/Creator")), f"{label}: XMP creator tool is not Info's")
        xmp_date = datetime.datetime.strptime(str(meta.get("xmp:CreateDate")), "%Y-%m-%dT%H:%M:%SZ")
        check(xmp_date == pdf_date(info.get("/CreationDate")), f"{label}: XMP CreateDate is not Info's")
        intents = doc.Root.get("/OutputIntents")
        check(intents is not None and len(intents) == 1, f"{label}: no output intent")
        if intents is not None and len(intents):
            oi = intents[0]
            check(str(oi.S) == "/GTS_PDFA1", f"{label}: output intent /S {oi.S}")
            icc = oi.DestOutputProfile
            data = icc.read_bytes()
            check(int(icc.N) == 3 and data[36:40] == b"acsp", f"{label}: the output intent's profile is not an RGB ICC profile")
        tid = doc.trailer.get("/ID")
        check(tid is not None and len(tid) == 2 and len(bytes(tid[0])) == 16, f"{label}: no document ID in the trailer")
    check(pdfinfo(pdf).get("PDF version") == "1.7", f"{label}: not PDF 1.7")


def check_plain(label, pdf):
    info = pdfinfo(pdf)
    check(info.get("Tagged") == "no", f"{label}: pdfinfo says Tagged: {info.get('Tagged')}")
    check(info.get("PDF version") == "1.3", f"{label}: PDF version {info.get('PDF version')}")
    with pikepdf.open(pdf) as doc:
        check("/StructTreeRoot" not in doc.Root and "/MarkInfo" not in doc.Root, f"{label}: a plain PDF with a structure tree")


def check_bad_value(boardpack, work):
    tpl = os.path.join(work, "bad.ini")
    with open(tpl, "w", encoding="utf-8") as f:
        f.write("[report]\n# a comment\npdf = tagged\n")
    r = run(boardpack, "build", SAMPLES, "--out", os.path.join(work, "bad"), "--as-of", AS_OF, "--template", tpl)
    check(r.returncode == 2, f"pdf = tagged: build exited {r.returncode}, not 2")
    check("bad.ini" in r.stderr and "line 3" in r.stderr and "plain, accessible or archival" in r.stderr,
          f"pdf = tagged: the error does not name the file, line and allowed values: {r.stderr.strip()}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    for mode in ("plain", "accessible", "archival", None):
        label = mode or "default (accessible)"
        pdf, summary = build(args.boardpack, args.work, mode)
        common_checks(label, pdf)
        if mode == "plain":
            check_plain(label, pdf)
        else:
            check_tagged(label, pdf, summary)
        if mode == "archival":
            check_archival(label, pdf)
        elif mode != "plain":
            with pikepdf.open(pdf) as doc:
                check(doc.open_metadata().get("pdfaid:part") is None, f"{label}: claims PDF/A")
                check("/OutputIntents" not in doc.Root, f"{label}: an output intent outside archival")
    check_bad_value(args.boardpack, args.work)
    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print("structure: all checks passed")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Write the hostile and broken workbooks that run_hostile.py feeds to
`boardpack dump --json`.

    /usr/bin/python3 make_hostile.py OUTDIR

Everything starts from a small valid workbook written by openpyxl (so it
needs Debian's python3-openpyxl: run it with /usr/bin/python3).  The legacy
.xls and the password-protected .xlsx come from LibreOffice through
Python-UNO in a single soffice run; when soffice, the uno module or
msoffcrypto-tool is missing those two files are not written and
OUTDIR/manifest.json says why under "unavailable".

OUTDIR/manifest.json also records facts the checks need (the line of each
malformed XML, the sizes of the zip bomb).  It is written last: a directory
without it is incomplete.
"""

import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SHEET1 = "xl/worksheets/sheet1.xml"
SST = "xl/sharedStrings.xml"
WORKBOOK = "xl/workbook.xml"

OLE_MAGIC = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

# The strings and rows of the hand-written sheet (ok_sst.xlsx and friends).
STRINGS = ["Service", "Roads", "Parks", "Libraries", "Waste", "Housing"]
HAND_ROWS = [(i, 1000.25 * i + 7) for i in range(1, len(STRINGS))]


# ---- zip helpers -------------------------------------------------------------

def read_entries(path):
    """[(ZipInfo, bytes)] in archive order."""
    with zipfile.ZipFile(path) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def write_zip(path, entries, level=6):
    """entries: [(name or ZipInfo, bytes)]; deflated unless a ZipInfo says otherwise."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in entries:
            z.writestr(name, data)


def info_for(name, method=zipfile.ZIP_DEFLATED):
    zi = zipfile.ZipInfo(name, date_time=(2024, 1, 2, 3, 4, 6))
    zi.compress_type = method
    zi.external_attr = 0o644 << 16
    return zi


def replace_parts(src, dst, replace=None, add=None, drop=()):
    """Copy workbook src to dst with some parts replaced, added or dropped."""
    replace = dict(replace or {})
    out = []
    for info, data in read_entries(src):
        if info.filename in drop:
            continue
        if info.filename in replace:
            data = replace.pop(info.filename)
        out.append((info.filename, data))
    for name, data in list(replace.items()) + list(add or []):
        out.append((name, data))
    write_zip(dst, out)


def local_data_span(path, name):
    """(offset, length) of the stored (compressed) bytes of entry `name`."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        head = f.read(30)
    assert head[:4] == b"PK\x03\x04", "not a local header"
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    return info.header_offset + 30 + name_len + extra_len, info.compress_size


# ---- XML pieces ----------------------------------------------------------------

def hand_sheet_lines(rows=HAND_ROWS, bad_row=None):
    """A worksheet, one <row> per line; row number `bad_row` (if any) has its
    first <c> left unclosed, so the error is on that row's line."""
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">',
             '<dimension ref="A1:B%d"/>' % (len(rows) + 1),
             "<sheetData>",
             '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Spend</t></is></c></row>']
    for r, (s, amount) in enumerate(rows, start=2):
        first = f'<c r="A{r}" t="s"><v>{s}</v>' + ("" if r == bad_row else "</c>")
        lines.append(f'<row r="{r}">{first}<c r="B{r}"><v>{amount!r}</v></c></row>')
    lines += ["</sheetData>", '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
              "</worksheet>"]
    return lines


def line_of_row(lines, r):
    for i, text in enumerate(lines, start=1):
        if text.startswith(f'<row r="{r}">'):
            return i
    raise ValueError(r)


def sst_xml(strings=STRINGS, broken=False):
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             f'<sst xmlns="{MAIN_NS}" count="{len(strings)}" uniqueCount="{len(strings)}">']
    for i, s in enumerate(strings):
        if broken and i == 3:
            lines.append(f"<si><t>{s}</si>")  # <t> never closed
        else:
            lines.append(f"<si><t>{s}</t></si>")
    lines.append("</sst>")
    return lines


def one_row_sheet(cells_xml):
    """A worksheet whose only row holds `cells_xml` (row 1) and a number in row 2."""
    return ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
            f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">', "<sheetData>",
            f'<row r="1">{cells_xml}</row>', '<row r="2"><c r="A2"><v>42</v></c></row>',
            "</sheetData>", "</worksheet>"]


def long_text(n, seed=1):
    """n bytes of plain words (no markup, no '_x'), varied so deflate does not make it a bomb."""
    rnd = random.Random(seed)
    words = ["budget", "service", "quarter", "roads", "parks", "action", "progress", "housing", "waste",
             "libraries", "target", "staff", "review", "report", "plan", "owner", "risk", "amber", "green"]
    parts, size = [], 0
    while size < n:
        w = rnd.choice(words) + " "
        parts.append(w)
        size += len(w)
    return "".join(parts)[:n]


def big_element_fixtures(base, out, meta):
    """One element of 15 MiB each: a shared string, an inline string, and a
    rich-text <si> of 100,000 runs (the time to read one was quadratic in its
    size; 800,000 tags, under the reader's 1,000,000 per DOM)."""
    n = 15 << 20
    text = long_text(n)
    make_sst_workbook(base, os.path.join(out, "big_shared_string.xlsx"),
                      one_row_sheet('<c r="A1" t="s"><v>6</v></c>'), sst_xml(STRINGS + [text]))
    meta["big_shared_string.xlsx"] = {"chars": n}
    make_sst_workbook(base, os.path.join(out, "big_inline_string.xlsx"),
                      one_row_sheet(f'<c r="A1" t="inlineStr"><is><t>{text}</t></is></c>'))
    meta["big_inline_string.xlsx"] = {"chars": n}
    runs, chars, size, i = [], 0, 0, 0
    filler = long_text(120, seed=2)
    while size < n:
        t = f"run {i:06d} {filler} "
        r = f'<r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">{t}</t></r>'
        runs.append(r)
        chars += len(t)
        size += len(r)
        i += 1
    lines = sst_xml()
    lines.insert(-1, "<si>" + "".join(runs) + "</si>")
    make_sst_workbook(base, os.path.join(out, "big_rich_text.xlsx"),
                      one_row_sheet('<c r="A1" t="s"><v>6</v></c>'), lines)
    meta["big_rich_text.xlsx"] = {"chars": chars, "runs": len(runs), "bytes": size}


PLAN_HEADERS = ["Ref", "Action", "Lead", "Due date", "Status"]


def plan_workbook(base, dst, action_cell, strings=(), sheet_name=None):
    """base with sheet1 replaced by a one-action improvement plan whose B2 is
    `action_cell` (XML bytes) and a sharedStrings part of `strings` (bytes,
    written as they are); `sheet_name` (bytes) renames the Budget sheet."""
    entries = dict((i.filename, d) for i, d in read_entries(base))
    cells = b"".join(b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (b"ABCDE"[k:k + 1], h.encode())
                     for k, h in enumerate(PLAN_HEADERS))
    row2 = (b'<c r="A2" t="inlineStr"><is><t>1.1</t></is></c>' + action_cell +
            b'<c r="C2" t="inlineStr"><is><t>J Smith</t></is></c><c r="D2" t="d"><v>2027-03-31</v></c>'
            b'<c r="E2" t="inlineStr"><is><t>Green</t></is></c>')
    sheet = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="%s"><sheetData>'
             b'<row r="1">%s</row><row r="2">%s</row></sheetData></worksheet>' % (MAIN_NS.encode(), cells, row2))
    sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s">' % MAIN_NS.encode() +
           b"".join(b"<si><t>%s</t></si>" % s for s in strings) + b"</sst>")
    replace = {SHEET1: sheet,
               "xl/_rels/workbook.xml.rels": add_sst_to_rels(entries["xl/_rels/workbook.xml.rels"]),
               "[Content_Types].xml": add_sst_to_types(entries["[Content_Types].xml"])}
    if sheet_name is not None:
        replace[WORKBOOK] = entries[WORKBOOK].replace(b'name="Budget"', b'name="' + sheet_name + b'"')
    replace_parts(base, dst, replace=replace, add=[(SST, sst)])


def text_fixtures(base, out):
    """Text that is not valid UTF-8, each way it can arrive: the reader
    replaces it by U+FFFD and notes the cell.  `expected` is what Python's
    own decoder makes of the bytes (one U+FFFD per maximal subpart)."""
    meta = {}
    action = b"Recruit three social workers"
    sst_cell = b'<c r="B2" t="s"><v>0</v></c>'
    cases = {
        # CESU-8: a surrogate encoded as if it were a character.
        "text_cesu_sst.xlsx": dict(strings=[action + b" \xED\xA0\x80 now"], raw=action + b" \xED\xA0\x80 now"),
        # A character reference to a surrogate: pugixml writes it as ED A0 80.
        "text_charref_sst.xlsx": dict(strings=[action + b" &#xD800; now"], raw=action + b" \xED\xA0\x80 now"),
        # Lone continuation bytes and an overlong '/'.
        "text_lone_continuation.xlsx": dict(strings=[b"\x80\xBF" + action + b" \xC0\xAF"],
                                            raw=b"\x80\xBF" + action + b" \xC0\xAF"),
        # The first two bytes of a euro sign, at the very end of the string.
        "text_truncated_end.xlsx": dict(strings=[action + b" \xE2\x82"], raw=action + b" \xE2\x82"),
        # An inline string (no shared-string table involved).
        "text_inline.xlsx": dict(cell=b'<c r="B2" t="inlineStr"><is><t>' + action + b" \xFF\xFE</t></is></c>",
                                 raw=action + b" \xFF\xFE"),
    }
    for name, c in cases.items():
        plan_workbook(base, os.path.join(out, name), c.get("cell", sst_cell), c.get("strings", [b"unused"]))
        meta[name] = {"sheet": "Budget", "cell": "B2", "expected": c["raw"].decode("utf-8", "replace")}
    # A file name that is not UTF-8 (Latin-1 on disk): "plan-café.xlsx" with é as the byte E9.
    latin1 = os.fsdecode(b"plan-caf\xe9.xlsx")
    shutil.copy(os.path.join(out, "text_inline.xlsx"), os.path.join(out, latin1))
    meta["latin1_name"] = {"file": latin1, "shown": b"plan-caf\xe9.xlsx".decode("utf-8", "replace")}
    # A sheet name with a surrogate and a stray byte.
    bad_name = b"Plan \xED\xA0\x80 \xFF"
    plan_workbook(base, os.path.join(out, "text_sheet_name.xlsx"), b'<c r="B2" t="s"><v>0</v></c>', [action],
                  sheet_name=bad_name)
    meta["text_sheet_name.xlsx"] = {"sheet": bad_name.decode("utf-8", "replace"), "cell": None,
                                    "expected": action.decode()}
    return meta


def quirk_fixtures(base, base_sst, out):
    """What real files in public test suites do, each in a minimal file of ours:
    <c t="s"><v/></c> (Excel and POI bug files), <sheet r:id=""> (Excel 4
    macro sheets, VBA modules), two zip entries of one name, cell references
    that are only numbers (a third-party writer), and ISO 8601 durations in
    t="d" cells (Excel's Strict files)."""
    import warnings
    meta = {}
    cells = ('<c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v/></c><c r="C1" t="s"><v></v></c>'
             '<c r="D1" t="s"><v> </v></c><c r="E1" t="b"><v/></c>')
    make_sst_workbook(base, os.path.join(out, "quirk_empty_shared_value.xlsx"), one_row_sheet(cells))
    make_sst_workbook(base, os.path.join(out, "quirk_cell_refs_not_a1.xlsx"),
                      one_row_sheet('<c r="0" t="str"><v>Account</v></c><c r="1" t="str"><v>Trader</v></c>'
                                    '<c r="A0" t="s"><v>2</v></c>'))
    make_sst_workbook(base, os.path.join(out, "quirk_iso_duration.xlsx"),
                      one_row_sheet('<c r="A1" t="d"><v>PT24H0M0.000S</v></c><c r="B1" t="d"><v>PT0H11M0.000S</v></c>'
                                    '<c r="C1" t="d"><v>-PT13H57M0.000S</v></c>'))
    wb = read_part(base, WORKBOOK).decode()
    skipped = ["Module1", "Macro sheet"]
    extra = ('<sheet name="Module1" sheetId="9" state="veryHidden" r:id=""/>'
             '<sheet xmlns:r="%s" name="Macro sheet" sheetId="10" r:id=""/>' % REL_NS)
    assert "</sheets>" in wb
    replace_parts(base, os.path.join(out, "quirk_sheet_without_part.xlsx"),
                  {WORKBOOK: wb.replace("</sheets>", extra + "</sheets>").encode()})
    meta["quirk_sheet_without_part.xlsx"] = {"skipped": skipped, "sheets": ["Budget", "Notes"]}
    entries = [(i.filename, d) for i, d in read_entries(base_sst)]
    sheet = dict(entries)[SHEET1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name: that is the point
        write_zip(os.path.join(out, "dup_entry.xlsx"), entries + [(SHEET1, sheet.replace(b"<v>1</v>", b"<v>2</v>"))])
        write_zip(os.path.join(out, "dup_entry_case.xlsx"), entries + [(SHEET1.upper(), sheet)])
    return meta


def amplification_fixtures(base, out):
    """Small files that build much: one 1 MiB shared string used by 12,000
    plan rows (a 100 KB file that built 12 GB), the same used 60 times (just
    under the text limit: read), and one row of 4 million tags (a 17 KB file
    whose DOM took 290 MiB)."""
    meta = {}
    text = long_text(1 << 20, seed=3).encode()
    for name, uses in (("amplify_shared_string.xlsx", 12000), ("amplify_under_limit.xlsx", 60)):
        rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>A%d</t></is></c><c r="B%d" t="s"><v>0</v></c>'
                        b'<c r="E%d" t="s"><v>1</v></c></row>' % ((r,) * 5) for r in range(2, uses + 2))
        plan = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="%s"><sheetData>'
                b'<row r="1">%s</row>%s</sheetData></worksheet>' % (
                    MAIN_NS.encode(),
                    b"".join(b'<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (b"ABCDE"[k:k + 1], h.encode())
                             for k, h in enumerate(PLAN_HEADERS)), rows))
        entries = dict((i.filename, d) for i, d in read_entries(base))
        sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s"><si><t>%s</t></si>'
               b'<si><t>Green</t></si></sst>' % (MAIN_NS.encode(), text))
        replace_parts(base, os.path.join(out, name),
                      replace={SHEET1: plan,
                               "xl/_rels/workbook.xml.rels": add_sst_to_rels(entries["xl/_rels/workbook.xml.rels"]),
                               "[Content_Types].xml": add_sst_to_types(entries["[Content_Types].xml"])},
                      add=[(SST, sst)])
        meta[name] = {"uses": uses, "string_bytes": len(text), "file_bytes": os.path.getsize(os.path.join(out, name))}
    make_sst_workbook(base, os.path.join(out, "row_many_tags.xlsx"),
                      one_row_sheet('<c r="A1" t="inlineStr"><is><r><rPr>' + "<b/>" * 4_000_000 +
                                    "</rPr><t>x</t></r></is></c>"))
    meta["row_many_tags.xlsx"] = {"tags": 4_000_000, "file_bytes": os.path.getsize(os.path.join(out, "row_many_tags.xlsx"))}
    return meta


def laughs_dtd(root):
    """The billion-laughs DTD: ten levels of ten references each."""
    ents = ['<!ENTITY lol0 "lol">']
    for k in range(1, 10):
        ents.append(f'<!ENTITY lol{k} "' + f"&lol{k - 1};" * 10 + '">')
    return f"<!DOCTYPE {root} [\n" + "\n".join(ents) + "\n]>"


def add_sst_to_rels(rels_xml):
    text = rels_xml.decode()
    rel = f'<Relationship Id="rIdHostileSst" Type="{SST_REL}" Target="sharedStrings.xml"/>'
    assert "</Relationships>" in text
    return text.replace("</Relationships>", rel + "</Relationships>").encode()


def add_sst_to_types(types_xml):
    text = types_xml.decode()
    ov = f'<Override PartName="/{SST}" ContentType="{SST_TYPE}"/>'
    return text.replace("</Types>", ov + "</Types>").encode()


# ---- the fixtures --------------------------------------------------------------

def make_base(path):
    import datetime
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Service", "Budget", "Actual", "Variance", "Updated"])
    for i, (name, budget, actual) in enumerate([("Roads", 120000, 118250.5), ("Parks", 45000, 47100),
                                                ("Libraries", 30500, 29990.25)], start=2):
        ws.append([name, budget, actual, f"=C{i}-B{i}", datetime.date(2024, 3, i)])
    ws["E2"].number_format = "yyyy-mm-dd"
    notes = wb.create_sheet("Notes")
    notes["A1"] = "Figures are provisional"
    notes.merge_cells("A1:C1")
    wb.save(path)


def make_sst_workbook(base, dst, sheet_lines=None, sst_lines=None):
    """base with sheet1 replaced by the hand-written sheet and a sharedStrings part."""
    entries = dict((i.filename, d) for i, d in read_entries(base))
    replace_parts(base, dst,
                  replace={SHEET1: "\n".join(sheet_lines or hand_sheet_lines()).encode(),
                           "xl/_rels/workbook.xml.rels": add_sst_to_rels(entries["xl/_rels/workbook.xml.rels"]),
                           "[Content_Types].xml": add_sst_to_types(entries["[Content_Types].xml"])},
                  add=[(SST, "\n".join(sst_lines or sst_xml()).encode())])


def big_rows(n, seed):
    rnd = random.Random(seed)
    return [(rnd.randrange(1, len(STRINGS)), round(rnd.uniform(-1e6, 1e6), 2)) for _ in range(n)]


def write_bomb(base_sst, dst, target_bytes):
    """base_sst with sheet1 replaced by `target_bytes` of repetitive rows,
    streamed into the zip at compresslevel 9 (never held in memory).  Each
    row is 16000 identical cells of 15 bytes: a short repeat distance, so
    deflate packs it about 500 to 1."""
    row = b"<row>" + b"<c><v>0</v></c>" * 16000 + b"</row>\n"
    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}"><sheetData>\n').encode()
    tail = b"</sheetData></worksheet>\n"
    block = row * 16
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info, data in read_entries(base_sst):
            if info.filename != SHEET1:
                z.writestr(info.filename, data)
                continue
            with z.open(info_for(SHEET1), "w") as f:
                f.write(head)
                written = len(head) + len(tail)
                while written + len(block) <= target_bytes:
                    f.write(block)
                    written += len(block)
                while written + len(row) <= target_bytes:
                    f.write(row)
                    written += len(row)
                f.write(tail)
    with zipfile.ZipFile(dst) as z:
        zi = z.getinfo(SHEET1)
        return {"inflated_bytes": zi.file_size, "compressed_bytes": zi.compress_size,
                "ratio": round(zi.file_size / zi.compress_size), "file_bytes": os.path.getsize(dst)}


def write_sst_bomb(base_sst, dst, count):
    """base_sst with a shared-string table of `count` one-letter strings (17
    bytes of XML each, streamed at compresslevel 9): cheap to inflate, and
    each string costs the reader its offset besides its text."""
    block = b"<si><t>a</t></si>" * 100000
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info, data in read_entries(base_sst):
            if info.filename != SST:
                z.writestr(info.filename, data)
                continue
            with z.open(info_for(SST), "w") as f:
                f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}">'.encode())
                for _ in range(count // 100000):
                    f.write(block)
                f.write(b"</sst>")
    with zipfile.ZipFile(dst) as z:
        zi = z.getinfo(SST)
        return {"strings": count, "inflated_bytes": zi.file_size, "compressed_bytes": zi.compress_size}


def lie_about_size(path, part, declared):
    """Patch the declared inflated size of `part` in its local header and its
    central directory record (no zip64 records: the archive is under 2 GiB)."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(part)
    assert not info.extra, "zip64 extra field: cannot patch sizes simply"
    data = bytearray(open(path, "rb").read())
    assert data[info.header_offset:info.header_offset + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    name = part.encode()
    cd = data.find(b"PK\x01\x02")
    while cd >= 0:
        n = struct.unpack_from("<H", data, cd + 28)[0]
        if data[cd + 46:cd + 46 + n] == name:
            break
        cd = data.find(b"PK\x01\x02", cd + 4)
    assert cd >= 0, "no central directory record"
    struct.pack_into("<I", data, cd + 24, declared)
    with open(path, "wb") as f:
        f.write(data)
    with zipfile.ZipFile(path) as z:
        assert z.getinfo(part).file_size == declared
    return {"declared_bytes": declared, "inflated_bytes": info.file_size}


def minimal_docx(dst):
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          "</Types>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_REL_NS}">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>')
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body><w:p><w:r><w:t>Quarterly budget commentary</w:t></w:r></w:p></w:body></w:document>")
    write_zip(dst, [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("word/document.xml", doc)])


def corrupt_variants(ok_sst, out):
    """Two ways an entry goes bad: a deflate stream that cannot be inflated,
    and a stored entry whose bytes no longer match its CRC."""
    meta = {}
    # 1. Invalid deflate block type (BTYPE=11) in the first byte of sheet1's data.
    dst = os.path.join(out, "corrupt_inflate.xlsx")
    shutil.copy(ok_sst, dst)
    off, n = local_data_span(dst, SHEET1)
    with open(dst, "r+b") as f:
        f.seek(off)
        f.write(bytes([0x07]))
    meta["corrupt_inflate.xlsx"] = {"offset": off}

    # 2. Stored sheet1; one digit of a cell value changed: still valid XML, wrong CRC.
    dst = os.path.join(out, "corrupt_crc.xlsx")
    entries = []
    for info, data in read_entries(ok_sst):
        zi = info_for(info.filename, zipfile.ZIP_STORED if info.filename == SHEET1 else zipfile.ZIP_DEFLATED)
        entries.append((zi, data))
    write_zip(dst, entries)
    off, n = local_data_span(dst, SHEET1)
    with open(dst, "rb") as f:
        f.seek(off)
        raw = f.read(n)
    i = raw.index(f"<v>{HAND_ROWS[0][1]!r}</v>".encode()) + 3
    with open(dst, "r+b") as f:
        f.seek(off + i)
        f.write(b"9")
    meta["corrupt_crc.xlsx"] = {"offset": off + i}
    return meta


def flip_middle(src, dst, part, seed, count=16):
    """Flip one bit in each of `count` bytes near the middle of part's compressed data."""
    shutil.copy(src, dst)
    off, n = local_data_span(dst, part)
    rnd = random.Random(seed)
    where = sorted(rnd.sample(range(off + n // 2 - 256, off + n // 2 + 256), count))
    with open(dst, "r+b") as f:
        for p in where:
            f.seek(p)
            b = f.read(1)[0]
            f.seek(p)
            f.write(bytes([b ^ (1 << rnd.randrange(8))]))
    return {"flipped_offsets": where}


def traversal_workbook(base, dst, token):
    names = ["../../evil.txt", "/tmp/evil.txt", "..\\evil.txt", "xl/../../evil.txt",
             "..\\..\\..\\evil.txt", "xl/worksheets/../../../../evil.txt"]
    entries = [(info.filename, data) for info, data in read_entries(base)]
    for n in names:
        entries.append((info_for(n), ("%s %s\n" % (token, n)).encode()))
    write_zip(dst, entries)
    with zipfile.ZipFile(dst) as z:
        got = [i.filename for i in z.infolist()]
    missing = [n for n in names if n not in got]
    assert not missing, f"zipfile rewrote entry names: {missing}"
    return {"entries": names, "token": token}


def fuzz_mutants(src, out_dir, seed, count):
    """Deterministic byte-level mutants of a valid workbook: flips, stomped
    runs and truncations anywhere, including the zip directory."""
    os.makedirs(out_dir, exist_ok=True)
    data = open(src, "rb").read()
    rnd = random.Random(seed)
    names = []
    for k in range(count):
        buf = bytearray(data)
        kind = k % 4
        if kind == 0:  # a few single-bit flips
            for _ in range(rnd.randint(1, 6)):
                p = rnd.randrange(len(buf))
                buf[p] ^= 1 << rnd.randrange(8)
        elif kind == 1:  # a run of random bytes
            p = rnd.randrange(len(buf))
            for i in range(p, min(len(buf), p + rnd.randint(2, 64))):
                buf[i] = rnd.randrange(256)
        elif kind == 2:  # a flip in the central directory / end record
            cd = data.rfind(b"PK\x01\x02")
            p = rnd.randrange(cd, len(buf))
            buf[p] = rnd.choice([0x00, 0xFF, buf[p] ^ 0x80, buf[p] ^ 0x01])
        else:  # cut short
            del buf[rnd.randrange(1, len(buf)):]
        name = f"mutant_{k:03d}.xlsx"
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(buf)
        names.append(name)
    return names


# ---- LibreOffice: the legacy .xls and the password-protected workbook -----------

UNO_WORKER = r'''
import os, sys, time, uno
from com.sun.star.beans import PropertyValue, NamedValue
pipe, src, xls, enc, password = sys.argv[1:6]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
ctx = None
deadline = time.time() + 60
while ctx is None:
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
    except Exception:
        if time.time() > deadline:
            raise
        time.sleep(0.1)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
def pv(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p
def nv(n, v):
    p = NamedValue(); p.Name = n; p.Value = v; return p
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                   (pv("Hidden", True), pv("ReadOnly", True)))
try:
    doc.storeToURL(uno.systemPathToFileUrl(xls), (pv("FilterName", "MS Excel 97"),))
    # LibreOffice 7.4 ignores a bare "Password" for OOXML; its own save dialog
    # passes EncryptionData with OOXPassword and CryptoType, as here.
    enc_data = uno.Any("[]com.sun.star.beans.NamedValue", (nv("OOXPassword", password), nv("CryptoType", "Standard")))
    uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(enc),
               (pv("FilterName", "Calc MS Excel 2007 XML"), pv("EncryptionData", enc_data))))
finally:
    doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass  # the bridge goes down with the office
print("uno-worker: stored")
'''


def office_fixtures(src, out, password="council-secret"):
    """Make legacy.xls and encrypted.xlsx from src in one soffice run.
    Returns (meta, unavailable)."""
    wanted = ["legacy.xls", "encrypted.xlsx"]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return {}, {w: "soffice (LibreOffice) is not installed: apt-get install libreoffice-calc-nogui" for w in wanted}
    py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    probe = subprocess.run([py, "-c", "import uno"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    if probe.returncode != 0:
        return {}, {w: f"{py} has no uno module: apt-get install python3-uno" for w in wanted}

    tmp = tempfile.mkdtemp(prefix="hostile-lo-")
    profile = f"/tmp/lo-profile-{uuid.uuid4().hex}"
    pipe = f"boardpack_hostile_{uuid.uuid4().hex}"
    src_copy = os.path.join(tmp, "source.xlsx")  # LibreOffice may drop lock files beside its input
    shutil.copy(src, src_copy)
    xls_tmp, enc_tmp = os.path.join(tmp, "legacy.xls"), os.path.join(tmp, "encrypted.xlsx")
    worker = os.path.join(tmp, "uno_worker.py")
    with open(worker, "w") as f:
        f.write(UNO_WORKER)
    log = open(os.path.join(tmp, "soffice.log"), "w+")
    t0 = time.time()
    office = subprocess.Popen(["timeout", "-k", "5", "120", soffice, "--headless", "--invisible", "--norestore",
                               "--nologo", "--nodefault", "--nolockcheck", f"-env:UserInstallation=file://{profile}",
                               f"--accept=pipe,name={pipe};urp;"],
                              stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    problem = None
    try:
        try:
            r = subprocess.run([py, worker, pipe, src_copy, xls_tmp, enc_tmp, password], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=100)
            # The worker may exit non-zero after its last line as the UNO bridge
            # goes down with the office (seen under load): what counts is that it
            # stored both files, which is checked below.
            if r.returncode != 0 and "uno-worker: stored" not in r.stdout:
                problem = "LibreOffice UNO conversion failed: " + r.stdout.strip()[-600:]
        except subprocess.TimeoutExpired:
            problem = "LibreOffice UNO conversion timed out after 100 s"
        try:
            office.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    finally:
        # Whatever happened, no soffice of ours outlives this function.
        try:
            os.killpg(office.pid, 9)
        except (ProcessLookupError, PermissionError):
            pass
        office.wait()
        shutil.rmtree(profile, ignore_errors=True)
    seconds = round(time.time() - t0, 2)
    if problem is None:
        for f in (xls_tmp, enc_tmp):
            if not os.path.exists(f) or os.path.getsize(f) == 0:
                problem = f"LibreOffice wrote no {os.path.basename(f)}"
    if problem is not None:
        log.seek(0)
        tail = log.read()[-400:].strip()
        shutil.rmtree(tmp, ignore_errors=True)
        return {}, {w: problem + (f" (soffice said: {tail})" if tail else "") for w in wanted}
    log.close()

    meta, unavailable = {}, {}
    # The .xls: an OLE compound file holding a BIFF "Workbook" stream and no encryption.
    xls = open(xls_tmp, "rb").read()
    if xls[:8] != OLE_MAGIC or "Workbook".encode("utf-16-le") not in xls:
        unavailable["legacy.xls"] = "LibreOffice's .xls is not an OLE file with a Workbook stream"
    else:
        shutil.copy(xls_tmp, os.path.join(out, "legacy.xls"))
        meta["legacy.xls"] = {"bytes": len(xls), "soffice_seconds": seconds}
    # The encrypted workbook: msoffcrypto-tool must call it encrypted and decrypt it back.
    why = verify_encrypted(enc_tmp, password, tmp)
    if why:
        unavailable["encrypted.xlsx"] = why
    else:
        shutil.copy(enc_tmp, os.path.join(out, "encrypted.xlsx"))
        meta["encrypted.xlsx"] = {"bytes": os.path.getsize(enc_tmp), "password": password,
                                  "soffice_seconds": seconds}
    shutil.rmtree(tmp, ignore_errors=True)
    return meta, unavailable


def verify_encrypted(path, password, tmp):
    tool = shutil.which("msoffcrypto-tool")
    if not tool:
        return "msoffcrypto-tool is missing, cannot verify the encryption: apt-get install python3-msoffcrypto-tool"
    data = open(path, "rb").read()
    if data[:8] != OLE_MAGIC:
        return "LibreOffice's encrypted workbook is not an OLE compound file"
    for stream in ("EncryptionInfo", "EncryptedPackage"):
        if stream.encode("utf-16-le") not in data:
            return f"LibreOffice's encrypted workbook has no {stream} stream"
    r = subprocess.run([tool, "-t", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    if r.returncode != 0:
        return f"msoffcrypto-tool -t says it is not encrypted: {r.stdout.strip()}"
    plain = os.path.join(tmp, "decrypted.xlsx")
    r = subprocess.run([tool, "-p", password, path, plain], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, timeout=60)
    if r.returncode != 0 or not zipfile.is_zipfile(plain):
        return f"msoffcrypto-tool could not decrypt it with its password: {r.stdout.strip()}"
    import openpyxl
    ws = openpyxl.load_workbook(plain).worksheets[0]
    if ws["A2"].value != "Roads":
        return f"the decrypted workbook does not hold the source's cells (A2={ws['A2'].value!r})"
    return None


# ---- main ------------------------------------------------------------------------

def generate(out):
    os.makedirs(out, exist_ok=True)
    manifest_path = os.path.join(out, "manifest.json")
    if os.path.exists(manifest_path):
        os.remove(manifest_path)
    P = lambda name: os.path.join(out, name)  # noqa: E731
    meta, unavailable, timing = {}, {}, {}

    def timed(label, fn, *args):
        t = time.time()
        r = fn(*args)
        timing[label] = round(time.time() - t, 2)
        return r

    # Controls: valid workbooks that must dump.
    timed("base", make_base, P("ok_base.xlsx"))
    timed("sst", make_sst_workbook, P("ok_base.xlsx"), P("ok_sst.xlsx"))
    rows = big_rows(30000, seed=20240611)
    big_lines = hand_sheet_lines(rows)
    timed("big", make_sst_workbook, P("ok_base.xlsx"), P("ok_big.xlsx"), big_lines)
    with zipfile.ZipFile(P("ok_big.xlsx")) as z:
        meta["ok_big.xlsx"] = {"sheet_bytes": z.getinfo(SHEET1).file_size, "rows": len(rows) + 1,
                               "compressed_bytes": z.getinfo(SHEET1).compress_size}

    # Not a zip at all.
    open(P("empty.xlsx"), "wb").close()
    with open(P("csv_renamed.xlsx"), "w", newline="") as f:
        f.write("Service,Budget,Actual\r\nRoads,120000,118250.50\r\nParks,45000,47100\r\n")
    with open(P("csv_bom_renamed.xlsx"), "wb") as f:
        f.write(b"\xEF\xBB\xBFService;Budget;Actual\r\nBiblioth\xc3\xa8ques;30500;29990,25\r\n")
    with open(P("text_renamed.xlsx"), "w") as f:
        f.write("Dear colleague,\n\nPlease find attached the quarterly figures.\n\nRegards\n")
    rnd = random.Random(7)
    blob = bytes(rnd.randrange(256) for _ in range(64 * 1024))
    blob = b"\x8f\x00\x13\xfe" + blob[4:]  # no zip, OLE or PDF magic, not text
    with open(P("random.bin.xlsx"), "wb") as f:
        f.write(blob)

    # Broken zips.
    whole = open(P("ok_sst.xlsx"), "rb").read()
    with open(P("truncated_half.xlsx"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    meta.update(corrupt_variants(P("ok_sst.xlsx"), out))
    meta["corrupt_flip.xlsx"] = flip_middle(P("ok_big.xlsx"), P("corrupt_flip.xlsx"), SHEET1, seed=99)

    # Zips that are not workbooks.
    write_zip(P("no_workbook.xlsx"), [("readme.txt", "Budget figures to follow.\n")])
    with open(P("empty_zip.xlsx"), "wb") as f:
        f.write(b"PK\x05\x06" + b"\x00" * 18)
    minimal_docx(P("docx_renamed.xlsx"))

    # Malformed XML on known lines.
    lines = hand_sheet_lines(bad_row=4)
    make_sst_workbook(P("ok_base.xlsx"), P("malformed_sheet.xlsx"), lines)
    meta["malformed_sheet.xlsx"] = {"part": SHEET1, "line": line_of_row(lines, 4)}
    deep_row = 27000  # ~2.3 MB into the part: two 1 MiB batches in
    lines = hand_sheet_lines(rows, bad_row=deep_row)
    make_sst_workbook(P("ok_base.xlsx"), P("malformed_sheet_deep.xlsx"), lines)
    meta["malformed_sheet_deep.xlsx"] = {"part": SHEET1, "line": line_of_row(lines, deep_row)}
    sst_lines = sst_xml(broken=True)
    make_sst_workbook(P("ok_base.xlsx"), P("malformed_sst.xlsx"), None, sst_lines)
    meta["malformed_sst.xlsx"] = {"part": SST, "line": next(i for i, t in enumerate(sst_lines, 1)
                                                              if t.startswith("<si>") and "</t>" not in t)}
    # The workbook part (read whole, not streamed): an unclosed <sheet> on the
    # line of </sheets>, one element per line.
    wb_lines = read_part(P("ok_base.xlsx"), WORKBOOK).decode().replace("><", ">\n<").split("\n")
    closing = next(i for i, t in enumerate(wb_lines, 1) if t.startswith("</sheets>"))
    wb_lines[closing - 1] = '<sheet name="Broken" sheetId="9">' + wb_lines[closing - 1]
    replace_parts(P("ok_base.xlsx"), P("malformed_workbook.xlsx"), {WORKBOOK: "\n".join(wb_lines).encode()})
    meta["malformed_workbook.xlsx"] = {"part": WORKBOOK, "line": closing}

    # Zip bombs and limits.
    meta["bomb_ratio.xlsx"] = timed("bomb", write_bomb, P("ok_sst.xlsx"), P("bomb_ratio.xlsx"), 200 * 10 ** 6)
    meta["bomb_shared_strings.xlsx"] = timed("sst bomb", write_sst_bomb, P("ok_sst.xlsx"), P("bomb_shared_strings.xlsx"),
                                             10_000_000)
    # The same bomb declaring 4 KiB: the limits must count the bytes really inflated.
    shutil.copy(P("bomb_ratio.xlsx"), P("bomb_lying_size.xlsx"))
    meta["bomb_lying_size.xlsx"] = lie_about_size(P("bomb_lying_size.xlsx"), SHEET1, 4096)

    # Quirks of real files.
    meta.update(timed("quirks", quirk_fixtures, P("ok_base.xlsx"), P("ok_sst.xlsx"), out))

    # Text that is not valid UTF-8.
    meta.update(timed("text", text_fixtures, P("ok_base.xlsx"), out))

    # Small files that build much.
    meta.update(timed("amplification", amplification_fixtures, P("ok_base.xlsx"), out))

    # Elements of 15 MiB (reading one must take time linear in its size).
    timed("big elements", big_element_fixtures, P("ok_base.xlsx"), out, meta)

    # DTDs with entity definitions.
    dtd_sst = sst_xml()
    dtd_sst.insert(1, laughs_dtd("sst"))
    dtd_sst[-2] = "<si><t>&lol9;</t></si>"
    make_sst_workbook(P("ok_base.xlsx"), P("dtd_sst.xlsx"), None, dtd_sst)
    dtd_sheet = hand_sheet_lines()
    dtd_sheet.insert(1, laughs_dtd("worksheet"))
    dtd_sheet = [t.replace('<c r="B1" t="inlineStr"><is><t>Spend</t>', '<c r="B1" t="inlineStr"><is><t>&lol9;</t>')
                 for t in dtd_sheet]
    make_sst_workbook(P("ok_base.xlsx"), P("dtd_sheet.xlsx"), dtd_sheet)
    xxe = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' +
           read_part(P("ok_base.xlsx"), WORKBOOK).decode().replace('name="Notes"', 'name="&xxe;"'))
    replace_parts(P("ok_base.xlsx"), P("dtd_workbook_xxe.xlsx"), {WORKBOOK: xxe.encode()})

    # Entry names that climb out of a directory.
    meta["traversal.xlsx"] = traversal_workbook(P("ok_sst.xlsx"), P("traversal.xlsx"),
                                                "boardpack-hostile-" + uuid.uuid4().hex)

    # Random damage anywhere.
    meta["fuzz"] = {"files": fuzz_mutants(P("ok_sst.xlsx"), P("fuzz"), seed=4242, count=48)}

    # LibreOffice: the legacy .xls (and the same, renamed .xlsx) and the encrypted workbook.
    m, u = timed("libreoffice", office_fixtures, P("ok_base.xlsx"), out)
    meta.update(m)
    unavailable.update(u)
    if os.path.exists(P("legacy.xls")):
        shutil.copy(P("legacy.xls"), P("legacy_renamed.xlsx"))
    else:
        unavailable["legacy_renamed.xlsx"] = unavailable.get("legacy.xls", "no legacy.xls")

    manifest = {"generator": os.path.abspath(__file__), "meta": meta, "unavailable": unavailable,
                "seconds": timing}
    with open(manifest_path + ".tmp", "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    os.replace(manifest_path + ".tmp", manifest_path)
    return manifest


def read_part(path, name):
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    m = generate(argv[1])
    for name, why in sorted(m["unavailable"].items()):
        print(f"make_hostile: NOT MADE {name}: {why}", file=sys.stderr)
    print(f"make_hostile: fixtures in {argv[1]} ({m['seconds']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/python3
"""Fallback fonts in the board report: CJK, symbols and an emoji in commentary, read back.

    test_fallback_fonts.py --boardpack BOARDPACK --work DIR

Copies samples/, writes Chinese, Japanese, symbols (✓ ★ → ≥ ⭐) and an emoji
into a red action's commentary (so the Exceptions table prints it) and its
workstream (a bold group row), builds the pack and checks:

* pdftotext gives every character back, the emoji as U+FFFD (printed, not dropped);
* pdffonts lists the fallback fonts embedded as subsets with Unicode maps,
  and the samples' own report embeds none (a fallback goes in only when used);
* the build warns once, naming the emoji alone;
* without fallback fonts (BOARDPACK_FALLBACK_FONTS empty) the CJK prints as
  U+FFFD and the warning names it: no empty boxes, no silent loss;
* `font_fallback =` in the report template serves, and a CFF font there is refused;
* the page renders with pdftoppm (DIR/cjk-page-N.png, to look at).

Needs Debian's fonts-droid-fallback, fonts-noto-core, poppler-utils, python3-openpyxl.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "samples")
AS_OF = "2026-11-21"
DROID = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
SYMBOLS2 = "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf"
NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

CHINESE = "中文家庭支持服务"
JAPANESE = "日本語のケース記録（ひらがな、カタカナ）"
SYMBOLS = "✓ ★ → ≥ ⭐"
EMOJI = "\U0001F600"
COMMENTARY = f"Interpreters booked: {CHINESE} and {JAPANESE}. Checks {SYMBOLS} 90% and an emoji {EMOJI} done."
WORKSTREAM = "Workforce 人员"

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def squash(text):
    return "".join(text.split())  # CJK lines break between characters: compare without any white space


def run(cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def build(boardpack, inputs, out, template=None, env=None):
    cmd = [boardpack, "build", inputs, "--out", out, "--as-of", AS_OF] + (["--template", template] if template else [])
    r = run(cmd, env)
    if r.returncode not in (0, 1):  # 1: built, with the samples' deliberate findings
        sys.exit(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr}")
    return r


def fonts(pdf):
    r = run(["pdffonts", pdf])
    rows = {}
    for line in r.stdout.splitlines()[2:]:
        parts = line.split()
        if len(parts) >= 7:
            rows[parts[0].split("+")[-1]] = parts[-5:-2]  # emb sub uni
    return rows


def text_of(pdf):
    r = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    check(r.returncode == 0 and "Syntax Error" not in r.stderr and "Warning" not in r.stderr,
          f"pdftotext complained about {pdf}: {r.stderr[:300]}")
    return r.stdout


def ink(pdf, page, word):
    """The share of dark pixels in `word`'s box on `page` (pdftotext -bbox, pdftoppm -gray): glyphs that
    are not drawn (a character mapped to no glyph, a composite glyph's parts left out) leave it blank."""
    boxes = run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", pdf, "-"]).stdout
    m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">' + re.escape(word) + "<", boxes)
    if not check(m is not None, f"no box for {word!r} on page {page}"):
        return 0.0
    x0, y0, x1, y1 = (float(v) * 100 / 72 for v in m.groups())
    r = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "100", "-gray", "-x", str(int(x0)),
                        "-y", str(int(y0)), "-W", str(int(x1 - x0)), "-H", str(int(y1 - y0)), "-singlefile", pdf],
                       capture_output=True)
    header = r.stdout.split(b"\n", 3)  # P5, width height, maxval, pixels
    pixels = header[3] if len(header) == 4 and header[0] == b"P5" else b""
    return sum(1 for p in pixels if p < 128) / max(len(pixels), 1)


def broken_composites(pdf, font_name):
    """Glyphs of the embedded `font_name` that are built from parts the subset left out (they print with
    holes): the font file from qpdf, its loca and glyf tables read here."""
    listing = run(["pdffonts", pdf]).stdout.splitlines()
    font_obj = next((int(l.split()[-2]) for l in listing if font_name in l), None)
    if not check(font_obj is not None, f"{font_name} not in {pdf}"):
        return []

    def show(obj, *extra):
        return subprocess.run(["qpdf", f"--show-object={obj}", *extra, pdf], capture_output=True).stdout

    descendant = int(re.search(rb"/DescendantFonts \[ (\d+) 0 R", show(font_obj)).group(1))
    descriptor = int(re.search(rb"/FontDescriptor (\d+) 0 R", show(descendant)).group(1))
    file_obj = int(re.search(rb"/FontFile2 (\d+) 0 R", show(descriptor)).group(1))
    ttf = show(file_obj, "--filtered-stream-data")
    u16 = lambda at: int.from_bytes(ttf[at:at + 2], "big")
    u32 = lambda at: int.from_bytes(ttf[at:at + 4], "big")
    tables = {ttf[12 + 16 * i:16 + 16 * i].decode("latin-1"): u32(20 + 16 * i) for i in range(u16(4))}
    long_loca = u16(tables["head"] + 50) == 1
    count = u16(tables["maxp"] + 4)
    loca = [u32(tables["loca"] + 4 * i) if long_loca else 2 * u16(tables["loca"] + 2 * i) for i in range(count + 1)]
    broken = []
    for g in range(count):
        start, end = tables["glyf"] + loca[g], tables["glyf"] + loca[g + 1]
        if end - start < 10 or u16(start) < 0x8000:
            continue  # empty (left out) or simple
        at = start + 10
        while True:
            flags, part = u16(at), u16(at + 2)
            if loca[part + 1] == loca[part]:
                broken.append(g)
            at += 4 + (4 if flags & 1 else 2) + (2 if flags & 8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0)
            if not flags & 0x20:
                break
    return broken


def warnings(stderr):
    return [l for l in stderr.splitlines() if "have no glyph" in l]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    for f in (DROID, SYMBOLS2):
        if not os.path.exists(f):
            sys.exit(f"{f} is missing: install fonts-droid-fallback and fonts-noto-core")
    shutil.rmtree(args.work, ignore_errors=True)
    inputs = os.path.join(args.work, "in")
    shutil.copytree(SAMPLES, inputs)
    book = os.path.join(inputs, "plan-workforce.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb.active
    changed = 0
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "CC2.5":  # red: printed with its commentary in Exceptions
            row[1].value = WORKSTREAM
            row[6].value = COMMENTARY
            changed += 1
    if changed != 1:
        sys.exit("samples/plan-workforce.xlsx has no action CC2.5 any more: pick another red action")
    wb.save(book)

    # The samples as they are: no fallback font in the PDF.
    plain = build(args.boardpack, SAMPLES, os.path.join(args.work, "plain"))
    plain_fonts = fonts(os.path.join(args.work, "plain", "board-report.pdf"))
    check(sorted(plain_fonts) == ["DejaVuSans,Book", "DejaVuSans-Bold,Bold"],
          f"the samples' report embeds fonts beyond DejaVu Sans: {sorted(plain_fonts)}")
    check(not warnings(plain.stderr), f"the samples' build warned about glyphs: {plain.stderr}")

    out = os.path.join(args.work, "cjk")
    r = build(args.boardpack, inputs, out)
    pdf = os.path.join(out, "board-report.pdf")
    text = squash(text_of(pdf))
    for s in (CHINESE, JAPANESE, SYMBOLS, WORKSTREAM):
        check(squash(s) in text, f"pdftotext lost {s!r}")
    check(squash("an emoji \uFFFD done") in text, "the emoji is not printed as U+FFFD")
    got = fonts(pdf)
    for name in ("DroidSansFallback", "NotoSansSymbols2-Regular"):
        check(got.get(name) == ["yes", "yes", "yes"], f"{name} is not embedded as a subset with a Unicode map: {got}")
    w = warnings(r.stderr)
    check(len(w) == 1, f"expected one glyph warning, got {w}")
    if w:
        named = re.findall(r"U\+([0-9A-F]{4,6})", w[0].split("printed as")[1].split(";")[0])
        check(named == ["1F600"], f"the warning should name the emoji alone: {w[0]}")
        check("beyond U+FFFF" in w[0], f"the warning does not say why the emoji cannot print: {w[0]}")
    # The page, to look at: pdftoppm must render it without complaint.
    pages = run(["pdfinfo", pdf]).stdout
    count = int(re.search(r"Pages:\s+(\d+)", pages).group(1))
    page = next((p for p in range(1, count + 1)
                 if squash(CHINESE) in squash(run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"]).stdout)), None)
    check(page is not None, "no page holds the Chinese text")
    if page:
        png = os.path.join(args.work, "cjk-page")
        p = run(["pdftoppm", "-f", str(page), "-l", str(page), "-png", "-r", "60", pdf, png])
        check(p.returncode == 0 and not p.stderr.strip(), f"pdftoppm: {p.stderr[:300]}")
        check(any(f.startswith("cjk-page") for f in os.listdir(args.work)), "pdftoppm wrote no page")
        # Drawn, not blank: about a quarter of a Han word's box is ink (measured: 0.27 at 100 dpi).
        dark = ink(pdf, page, CHINESE)
        check(dark > 0.15, f"the Chinese word is barely drawn ({dark:.2f} of its box dark)")
    # Droid Sans Fallback builds 持 and 記 from nested parts: every part must be in the subset.
    broken = broken_composites(pdf, "DroidSansFallback")
    check(not broken, f"glyphs {broken} of the embedded DroidSansFallback lack parts (they print with holes)")

    # No fallback font installed: the CJK prints as U+FFFD, and the warning says which and what to install.
    env = dict(os.environ, BOARDPACK_FALLBACK_FONTS="")
    bare = build(args.boardpack, inputs, os.path.join(args.work, "bare"), env=env)
    bare_pdf = os.path.join(args.work, "bare", "board-report.pdf")
    check(sorted(fonts(bare_pdf)) == ["DejaVuSans,Book", "DejaVuSans-Bold,Bold"], "a fallback font was used though none was given")
    bare_text = squash(text_of(bare_pdf))
    check("\uFFFD" * len(CHINESE) in bare_text, "without a fallback the Chinese is not printed as U+FFFD")
    w = warnings(bare.stderr)
    check(len(w) == 1 and "カ (U+30AB)" in w[0] and "fonts-droid-fallback" in w[0],
          f"without a fallback the warning should name the Chinese and the package: {w}")

    # The template's font_fallback serves on its own; a font with PostScript outlines is refused.
    tpl = os.path.join(args.work, "droid.ini")
    with open(tpl, "w", encoding="utf-8") as f:
        f.write(f"[report]\nfont_fallback = {DROID}\n")
    named = build(args.boardpack, inputs, os.path.join(args.work, "named"), template=tpl, env=env)
    named_pdf = os.path.join(args.work, "named", "board-report.pdf")
    check("DroidSansFallback" in fonts(named_pdf), "the template's font_fallback was not used")
    check(squash(CHINESE) in squash(text_of(named_pdf)), "the template's font_fallback lost the Chinese")
    # Named but not needed: read, not embedded.
    unneeded = build(args.boardpack, SAMPLES, os.path.join(args.work, "named-plain"), template=tpl, env=env)
    check(sorted(fonts(os.path.join(args.work, "named-plain", "board-report.pdf"))) == ["DejaVuSans,Book", "DejaVuSans-Bold,Bold"],
          "the template's font_fallback was embedded in a report that does not need it")
    check(not warnings(unneeded.stderr), f"the samples' build with a fallback named warned: {unneeded.stderr}")
    if os.path.exists(NOTO_CJK):
        with open(tpl, "w", encoding="utf-8") as f:
            f.write(f"[report]\n\nfont_fallback = {NOTO_CJK}\n")
        bad = run([args.boardpack, "build", inputs, "--out", os.path.join(args.work, "bad"), "--as-of", AS_OF,
                   "--template", tpl])
        check(bad.returncode == 2 and "line 3" in bad.stderr and "PostScript (CFF) outlines" in bad.stderr,
              f"a CFF fallback font was not refused clearly: {bad.returncode} {bad.stderr[:300]}")

    if failures:
        for f in failures:
            print("FAIL:", f)
        sys.exit(1)
    print("fallback fonts: CJK, symbols and the emoji's U+FFFD read back; the page is", f"{args.work}/cjk-page-*.png")


main()

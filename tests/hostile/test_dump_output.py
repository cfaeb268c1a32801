#!/usr/bin/env python3
"""`boardpack dump --json` into each kind of stdout: a damaged workbook leaves
nothing of itself (a file keeps exactly what it held, also when appended to
with >>), and a good one writes the same bytes to a file, an appended file and
a pipe."""
import argparse, os, subprocess, sys, tempfile, zipfile

ap = argparse.ArgumentParser()
ap.add_argument("--boardpack", required=True)
ap.add_argument("--workbook", required=True)
args = ap.parse_args()
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def dump(path, out_path, mode):
    with open(out_path, mode) as out:
        return subprocess.run([args.boardpack, "dump", path, "--json"], stdout=out, stderr=subprocess.PIPE).returncode


with tempfile.TemporaryDirectory() as tmp:
    damaged = os.path.join(tmp, "damaged.xlsx")  # the first sheet cut in half: fails after output has begun
    with zipfile.ZipFile(args.workbook) as z, zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            data = z.read(info.filename)
            w.writestr(info, data[: len(data) // 2] if info.filename == "xl/worksheets/sheet1.xml" else data)
    piped = subprocess.run([args.boardpack, "dump", args.workbook, "--json"], stdout=subprocess.PIPE, check=True).stdout
    check(piped.startswith(b'{"file":') and piped.endswith(b"}\n"), "a pipe gets the whole document")
    kept = b"the user's own lines\n"
    for mode in ("wb", "ab"):
        target = os.path.join(tmp, f"out-{mode}.json")
        with open(target, "wb") as f:
            f.write(kept)
        rc = dump(damaged, target, mode)
        with open(target, "rb") as f:
            after = f.read()
        check(rc == 2, f"damaged workbook, stdout opened {mode}: exit 2 (got {rc})")
        check(after == (b"" if mode == "wb" else kept), f"damaged workbook, stdout opened {mode}: nothing of the dump left")
        rc = dump(args.workbook, target, mode)
        with open(target, "rb") as f:
            after = f.read()
        check(rc == 0 and after == (b"" if mode == "wb" else kept) + piped,
              f"good workbook, stdout opened {mode}: the same bytes as through a pipe")
sys.exit(1 if failures else 0)

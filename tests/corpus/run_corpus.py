#!/usr/bin/python3
"""Generate (part of) the reader corpus and compare `boardpack dump --json`
with openpyxl on every file.

    /usr/bin/python3 run_corpus.py --boardpack BIN --work DIR [--groups G,...] [--fixtures]

--groups   comma list of make_corpus.py groups to generate into DIR/<group>
           (openpyxl, xlsxwriter, libreoffice, sheetjs, hand; default: all)
--fixtures also compare the committed files in tests/corpus/fixtures/

A group whose tool is missing (soffice, node) prints a loud SKIP line and
is not compared; if every requested part was skipped the exit status is
77 (CTest SKIP_RETURN_CODE).  Otherwise the status is 0 only when every
file matched; the last line is `N passed, M failed`.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import make_corpus  # noqa: E402
import compare_dump  # noqa: E402

SKIP_STATUS = 77


def banner(msg):
    line = "*" * max(20, min(100, len(msg) + 4))
    print(line)
    print(f"* {msg}")
    print(line)
    sys.stdout.flush()


def node_modules_for(work):
    """The npm package xlsx: the developer's tests/corpus/node_modules if
    present, else `npm ci` from the committed lockfile into WORK/npm."""
    local = os.path.join(HERE, "node_modules")
    if os.path.isdir(os.path.join(local, "xlsx")):
        return local
    npm_dir = os.path.join(work, "npm")
    nm = os.path.join(npm_dir, "node_modules")
    if os.path.isdir(os.path.join(nm, "xlsx")):
        return nm
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        return None
    os.makedirs(npm_dir, exist_ok=True)
    for f in ("package.json", "package-lock.json"):
        shutil.copy(os.path.join(HERE, f), os.path.join(npm_dir, f))
    print(f"installing npm package xlsx into {npm_dir} (npm ci)")
    sys.stdout.flush()
    try:
        r = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", npm_dir],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=300)
    except subprocess.TimeoutExpired:
        print("npm ci timed out")
        return None
    if r.returncode != 0:
        print(r.stdout[-2000:])
        return None
    return nm


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--groups", default=",".join(make_corpus.ALL_GROUPS),
                    help='comma list, or "none"')
    ap.add_argument("--fixtures", action="store_true")
    a = ap.parse_args(argv)

    t0 = time.monotonic()
    if not (os.path.isfile(a.boardpack) and os.access(a.boardpack, os.X_OK)):
        print(f"boardpack binary not found or not executable: {a.boardpack}")
        print("0 passed, 1 failed")
        return 1

    groups = [g for g in a.groups.split(",") if g and g != "none"]
    dirs, skipped = [], {}
    for g in groups:
        d = os.path.join(a.work, g)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        nm = node_modules_for(a.work) if g == "sheetjs" else None
        if g == "sheetjs" and nm is None:
            why = "node/npm missing or npm package xlsx could not be installed"
            if not shutil.which("node"):
                why = "node not found"
            skipped[g] = why
            banner(f"SKIP: {g} dialect NOT TESTED: {why}")
            continue
        t = time.monotonic()
        files, sk = make_corpus.generate(d, [g], node_modules=nm, log=lambda m: None)
        if sk:
            skipped.update(sk)
            banner(f"SKIP: {g} dialect NOT TESTED: {sk[g]}")
            continue
        print(f"generated {g}: {len(files)} files in {time.monotonic() - t:.1f}s")
        dirs.append(d)
    if a.fixtures:
        dirs.append(make_corpus.FIXTURES)

    if not dirs:
        banner("SKIP: nothing could be generated: " + "; ".join(f"{k}: {v}" for k, v in skipped.items()))
        return SKIP_STATUS

    passed, failed = compare_dump.run(a.boardpack, dirs)
    print(f"corpus took {time.monotonic() - t0:.1f}s"
          + (f"; SKIPPED: {', '.join(sorted(skipped))}" if skipped else ""))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())

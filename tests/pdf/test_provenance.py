#!/usr/bin/python3
"""Provenance: which files the pack was built from, in summary.json and the PDF.

    test_provenance.py --boardpack BOARDPACK --work DIR

Builds samples/ and checks, against the files themselves:

* summary.json: each input's sha256 is hashlib's of the file, bytes its size,
  modified its os.stat mtime (UTC, to the second);
* the PDF (pdftotext -layout): the Sources table lists every sample file with
  the first 12 hex digits of its SHA-256 and its time; every exception row
  (red indicators, red and amber actions) names, under its text, the
  workbook it came from, and no other.
"""

import argparse
import collections
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.normpath(os.path.join(HERE, "..", "..", "samples"))
AS_OF = "2026-11-21"

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    return ok


def utc(mtime):
    return datetime.datetime.fromtimestamp(int(mtime), datetime.timezone.utc)


def section(lines, heading, end_pattern):
    """The lines from the section heading (a line of its own) to the next matching one."""
    start = next((i for i, l in enumerate(lines) if re.fullmatch(heading, l.strip())), None)
    if start is None:
        return []
    out = []
    for l in lines[start + 1:]:
        if end_pattern and re.fullmatch(end_pattern, l.strip()):
            break
        out.append(l)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    out = os.path.join(args.work, "out")
    r = subprocess.run([args.boardpack, "build", SAMPLES, "--out", out, "--as-of", AS_OF],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):  # 1: built, with the samples' deliberate errors
        sys.exit(f"build exited {r.returncode}: {r.stderr}")
    with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)

    samples = sorted(n for n in os.listdir(SAMPLES) if n.endswith(".xlsx"))
    by_name = {os.path.basename(i["file"]): i for i in summary["inputs"]}
    check(sorted(by_name) == samples, f"inputs {sorted(by_name)} are not the samples {samples}")
    expected = {}
    for name in samples:
        path = os.path.join(SAMPLES, name)
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        st = os.stat(path)
        expected[name] = (digest, utc(st.st_mtime))
        i = by_name.get(name, {})
        check(i.get("sha256") == digest, f"{name}: sha256 {i.get('sha256')} is not the file's {digest}")
        check(i.get("bytes") == st.st_size, f"{name}: bytes {i.get('bytes')} is not the file's {st.st_size}")
        check(i.get("modified") == utc(st.st_mtime).strftime("%Y-%m-%dT%H:%M:%SZ"),
              f"{name}: modified {i.get('modified')} is not the file's mtime {utc(st.st_mtime).isoformat()}")

    text = subprocess.run(["pdftotext", "-layout", os.path.join(out, "board-report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = text.splitlines()

    sources = section(lines, r"Sources", None)
    check(sources, "the PDF has no Sources section")
    for name, (digest, when) in expected.items():
        row = [l for l in sources if l.split()[:1] == [name]]
        if not check(len(row) == 1, f"Sources: {name} is on {len(row)} rows"):
            continue
        check(digest[:12] in row[0].split(), f"Sources: {name}'s row lacks {digest[:12]}: {row[0].strip()}")
        check(when.strftime("%d/%m/%Y %H:%M") in row[0], f"Sources: {name}'s row lacks its time: {row[0].strip()}")
    check(not any(d[:13] in text for d, _ in expected.values()), "the PDF prints more than 12 digits of a checksum")

    # Every exception, as (ref, source file), in summary.json and under its row in the PDF.
    wanted = collections.Counter()
    for m in summary["kpis"]["measures"]:
        if m.get("rag") == "red":
            wanted[(m["ref"], os.path.basename(m["source"]["file"]))] += 1
    for a in summary["plan"]["actions"]:
        if a["status"] in ("red", "amber"):
            wanted[(a["ref"], os.path.basename(a["source"]["file"]))] += 1
    refs = {ref for ref, _ in wanted}
    # A row's note may wrap after a hyphen ("plan-front-door-" / "assessment.xlsx"), beside other columns' words.
    found = collections.Counter()
    current, piece = None, ""
    for l in section(lines, r"\d+\. Exceptions", r"\d+\. .+"):
        words = l.split()
        if words and words[0] in refs:
            current, piece = words[0], ""
        for w in words:
            if re.fullmatch(r"[\w.-]+-", w) and (not piece or piece.endswith("-")):
                piece += w
            elif w.endswith(".xlsx"):
                check(current is not None, f"Exceptions: {w} under no exception row")
                found[(current, piece + w)] += 1
                piece = ""
    check(wanted, "summary.json has no exceptions: the samples should have some")
    check(found == wanted, f"Exceptions: rows and their sources {sorted(found.items())} "
                           f"are not summary.json's {sorted(wanted.items())}")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(expected)} sources, {sum(wanted.values())} exceptions checked; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

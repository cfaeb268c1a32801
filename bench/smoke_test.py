#!/usr/bin/python3
"""CTest smoke test of the benchmark inputs, not a benchmark: gen_kpi_sheet.py's sheet is
read by boardpack as one KPI table with every row a measure and every heading mapped, and
bench_floor counts its cells.  Also checks that bench/run.sh --help works.

    smoke_test.py --boardpack BIN --floor BIN [--rows 300]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench  # noqa: E402  (bench/bench.py: AS_OF)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--rows", type=int, default=300)
    a = ap.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        sheet = os.path.join(tmp, "kpi.xlsx")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_kpi_sheet.py"), str(a.rows), sheet], check=True)
        p = subprocess.run([a.boardpack, "validate", sheet, "--as-of", bench.AS_OF, "--json"],
                           capture_output=True, text=True)
        if p.returncode not in (0, 1):
            failures.append(f"validate exited {p.returncode}: {p.stderr.strip()}")
        else:
            inp = json.loads(p.stdout)["inputs"][0]
            tables = inp.get("tables", [])
            if inp["kind"] != "kpi" or inp["records"] != a.rows:
                failures.append(f"read as {inp['kind']} with {inp['records']} records, want kpi with {a.rows}")
            unmapped = [c["header"] for t in tables for c in t.get("columns", []) if not c.get("field")]
            mapped = [c for t in tables for c in t.get("columns", []) if c.get("field")]
            if len(tables) != 1 or len(mapped) != 20 or unmapped:
                failures.append(f"{len(tables)} tables, {len(mapped)} of 20 headings mapped, left out: {unmapped}")
        floor = subprocess.run([a.floor, sheet, sheet], capture_output=True, text=True)
        counts = floor.stdout.split()
        if floor.returncode != 0 or len(counts) != 3 or int(counts[2]) != 2 * int(counts[0]) or \
                not 19 * a.rows < int(counts[0]) <= 20 * (a.rows + 1):
            failures.append(f"bench_floor on the sheet twice printed {counts} (exit {floor.returncode})")
    h = subprocess.run([os.path.join(HERE, "run.sh"), "--help"], capture_output=True, text=True)
    if h.returncode != 0 or "--quick" not in h.stdout:
        failures.append(f"run.sh --help exited {h.returncode}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

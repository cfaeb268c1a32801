#!/usr/bin/env bash
# boardpack's speed targets, side by side in one interleaved run (bench/README.md):
# build of 200 workbooks vs Python and LibreOffice, validate vs the floor, the
# 1M-cell KPI sheet (dump, validate, peak RSS) and scaling to 200k rows.
#
#   bench/run.sh [--boardpack BIN] [--floor BIN] [--build DIR] [--quick]
#                [--report FILE] [--json FILE] [--only build|validate|sheet|scaling]...
#                [--runs N] [--py-runs N] [--lo-runs N] [--cache DIR]
#
#   --boardpack  the boardpack to measure (default: DIR/src/boardpack)
#   --floor      bench_floor (default: DIR/bench/bench_floor)
#   --build      CMake build dir (default: build/ of this checkout); without
#                --boardpack/--floor, `cmake --build DIR --target boardpack
#                bench_floor` runs first
#   --quick      development: no LibreOffice, 3 runs, the Python pipeline once,
#                scaling at 10k and 50k rows only
#   --report     also write the Markdown report to FILE
#   --json       also write the verdicts and each series' medians to FILE (to compare runs)
#   --only       run one section (repeatable); default all four
#   --runs N     runs per boardpack/floor series (default 6; medians reported)
#   --py-runs N, --lo-runs N   Python / LibreOffice runs (default 3 each;
#                --skip-libreoffice = --lo-runs 0)
#   --cache DIR  generated inputs, keyed by generator hash (default /tmp/boardpack-bench)
#
# A full run takes about 6 minutes on 2 cores (--quick: under 1).  Needs Debian's
# /usr/bin/python3 with python3-openpyxl, python3-xlsxwriter, python3-reportlab,
# fonts-dejavu-core, and soffice (libreoffice-calc-nogui) unless --quick.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build="$here/../build"
boardpack="" floor=""
rest=()   # everything else goes to bench.py
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --build) build="$2"; shift 2 ;;
    --boardpack) boardpack="$2"; shift 2 ;;
    --floor) floor="$2"; shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done
if [ -z "$boardpack" ] || [ -z "$floor" ]; then
  targets=""
  [ -n "$boardpack" ] || targets="$targets boardpack"
  [ -n "$floor" ] || targets="$targets bench_floor"
  [ -f "$build/CMakeCache.txt" ] || {
    echo "run.sh: no CMake build in $build; configure one (Release) or pass --build / --boardpack and --floor" >&2
    exit 2
  }
  # shellcheck disable=SC2086  # one word per target
  cmake --build "$build" --target $targets >&2
fi
: "${boardpack:=$build/src/boardpack}" "${floor:=$build/bench/bench_floor}"
exec /usr/bin/python3 "$here/bench.py" --boardpack "$boardpack" --floor "$floor" ${rest[@]+"${rest[@]}"}

#!/bin/sh
# Where boardpack's time goes: perf profiles of `boardpack build` and
# `boardpack validate` on the benchmark inputs (bench/README.md, "Where the time went").
#
#   bench/profile.sh [--boardpack BIN] [--out DIR] [--cache DIR] [--freq HZ]
#
#   --boardpack  default: build/src/boardpack of this checkout (a Release build)
#   --out        where perf.data files and reports go (default /tmp/boardpack-profile)
#   --cache      generated inputs, shared with bench/run.sh (default /tmp/boardpack-bench)
#   --freq       sampling frequency (default 499 Hz)
#
# Profiles build and validate of the 200 workbooks and validate (and dump) of
# the 1M-cell KPI sheet.  Call graphs are unwound from DWARF (.eh_frame), so a
# plain Release build without frame pointers or -g works.  For each case DIR
# gets NAME.data, NAME-inclusive.txt (time in a function and its callees) and
# NAME-self.txt (time in the function's own code).  Needs linux-perf and
# perf_event_paranoid <= 2.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
boardpack="$here/../build/src/boardpack"
out=/tmp/boardpack-profile
cache=/tmp/boardpack-bench
freq=499
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --boardpack) boardpack="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --freq) freq="$2"; shift 2 ;;
    *) echo "profile.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
command -v perf >/dev/null || { echo "profile.sh: perf not found (apt-get install linux-perf)" >&2; exit 2; }
[ -x "$boardpack" ] || { echo "profile.sh: $boardpack is not built" >&2; exit 2; }
boardpack=$(cd "$(dirname "$boardpack")" && pwd)/$(basename "$boardpack")
mkdir -p "$out"

# Inputs: the same cached files bench/run.sh uses (generated here if missing).
inputs=$(/usr/bin/python3 - "$here" "$cache" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import bench
print(bench.workbooks(sys.argv[2], 200))
print(bench.kpi_sheet(sys.argv[2], 50000))
PY
)
workbooks=$(echo "$inputs" | sed -n 1p)
sheet=$(echo "$inputs" | sed -n 2p)
limits=$(/usr/bin/python3 -c "import sys; sys.path.insert(0, '$here'); import bench; print(' '.join(bench.LIMITS))")

profile() {  # NAME COMMAND...
  name=$1; shift
  echo "# $name: $*" >&2
  rm -rf "$out/$name-out"
  perf record -q -F "$freq" --call-graph dwarf,16384 -o "$out/$name.data" -- "$@" >/dev/null 2>"$out/$name.stderr" || true
  perf report -i "$out/$name.data" --children --sort symbol -g none --percent-limit 1.5 --stdio 2>/dev/null |
    grep -v '^#' | grep -v '^$' | cut -c1-220 >"$out/$name-inclusive.txt"
  perf report -i "$out/$name.data" --no-children --sort dso,symbol -g none --percent-limit 0.7 --stdio 2>/dev/null |
    grep -v '^#' | grep -v '^$' | cut -c1-220 >"$out/$name-self.txt"
  echo "  $out/$name-inclusive.txt, $out/$name-self.txt" >&2
}

# shellcheck disable=SC2086  # $limits is a list of options
profile build-200 "$boardpack" build "$workbooks" --out "$out/build-200-out" --as-of 2026-11-21
profile validate-200 "$boardpack" validate "$workbooks" --as-of 2026-11-21
profile validate-1m "$boardpack" validate "$sheet" --as-of 2026-11-21 $limits
profile dump-1m "$boardpack" dump "$sheet" --json $limits
echo "# done: $out" >&2

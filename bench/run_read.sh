#!/usr/bin/env bash
# Reader benchmark: boardpack (bench_read, when built) vs the floor vs openpyxl
# read_only vs SheetJS, on the same generated workbooks in the same run.
# See bench/README.md.
#
#   bench/run_read.sh [--rows "10000 50000 200000"] [--out FILE.md]
#                     [--build DIR] [--cache DIR] [--runs N] [--slow-once-from ROWS]
#                     [--no-build]
#
#   --rows            total sheet rows (header included) per size; cells = rows*20
#   --out             also write the Markdown report to FILE.md
#   --build           CMake build dir holding bench/bench_floor (and bench/bench_read);
#                     default: $BOARDPACK_BUILD, else /work/main/build, else /tmp/bench-build
#   --no-build        don't run `cmake --build` on the targets first
#   --cache           where generated workbooks are kept (default /tmp/boardpack-bench)
#   --runs            runs per reader and size; the best (fastest) is reported (default 3)
#   --slow-once-from  openpyxl and SheetJS run once at this many rows and above (default 200000)
#
# Every reader prints its cell count; all must equal rows*20 or the script
# fails (after printing the table).  Exit status: 0 ok, 1 count mismatch or a
# reader failed, 2 usage/setup error.
set -euo pipefail
export LC_ALL=C   # '.' decimal point for $EPOCHREALTIME and awk

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

rows_list="10000 50000 200000"
out=""
build="${BOARDPACK_BUILD:-}"
cache="/tmp/boardpack-bench"
runs=3
slow_once_from=200000
do_build=1
PY=/usr/bin/python3          # Debian's python: XlsxWriter + openpyxl live there
NODE=${NODE:-node}
TIME=/usr/bin/time
COLS=20

die() { echo "run_read.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows_list="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --slow-once-from) slow_once_from="$2"; shift 2 ;;
    --no-build) do_build=0; shift ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs wants a positive integer"
for r in $rows_list; do [[ "$r" =~ ^[1-9][0-9]*$ ]] || die "bad row count: $r"; done

# ---- tools -----------------------------------------------------------------
[[ -x $TIME ]] || die "$TIME missing: apt-get install time"
[[ -x $PY ]] || die "$PY missing"
$PY -c 'import xlsxwriter, openpyxl' 2>/dev/null ||
  die "$PY lacks xlsxwriter/openpyxl: apt-get install python3-xlsxwriter python3-openpyxl"
command -v "$NODE" >/dev/null || die "node not found"
if [[ ! -d "$here/node_modules/xlsx" ]]; then
  echo "# installing SheetJS: npm ci --prefix bench" >&2
  npm ci --prefix "$here" --no-audit --no-fund >&2 || die "npm ci failed"
fi

if [[ -z "$build" ]]; then
  for d in "$repo/build" /tmp/bench-build; do
    if [[ -f "$d/CMakeCache.txt" ]]; then build=$d; break; fi
  done
fi
[[ -n "$build" ]] || die "no build dir; configure one, e.g.
  cmake -S $repo -B /tmp/bench-build -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/bench-build --target bench_floor"
build=$(cd "$build" && pwd)

targets=(bench_floor)
[[ -f "$here/read_cells.cpp" ]] && targets+=(bench_read)
if [[ $do_build == 1 ]]; then
  for t in "${targets[@]}"; do
    cmake --build "$build" --target "$t" >&2 ||
      echo "# warning: building $t failed; using whatever binary is there" >&2
  done
fi
floor_bin="$build/bench/bench_floor"
read_bin="$build/bench/bench_read"
[[ -x "$floor_bin" ]] || die "$floor_bin not built"

# ---- readers: name, command prefix (the file is appended) -------------------
reader_names=()
reader_cmds=()
reader_slow=()
if [[ -x "$read_bin" ]]; then
  reader_names+=(boardpack); reader_cmds+=("$read_bin"); reader_slow+=(0)
else
  echo "# bench_read not built: boardpack's reader is left out" >&2
fi
reader_names+=(floor);    reader_cmds+=("$floor_bin");                      reader_slow+=(0)
reader_names+=(openpyxl); reader_cmds+=("$PY $here/peer_openpyxl.py");      reader_slow+=(1)
reader_names+=(SheetJS);  reader_cmds+=("$NODE $here/peer_sheetjs.js");     reader_slow+=(1)

# ---- workbooks (cached per generator version) --------------------------------
gen_id=$(sha1sum "$here/gen_sheet.py" | cut -c1-10)
gen_dir="$cache/gen-$gen_id"
mkdir -p "$gen_dir"
for r in $rows_list; do
  f="$gen_dir/rows-$r.xlsx"
  if [[ ! -s "$f" ]]; then
    echo "# generating $f" >&2
    $PY "$here/gen_sheet.py" "$r" "$f.tmp" && mv "$f.tmp" "$f"
  fi
done

# ---- runs --------------------------------------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
results="$tmp/results.tsv"   # rows cells reader runs wall cpu rss_kb status
: >"$results"
failed=0

for r in $rows_list; do
  f="$gen_dir/rows-$r.xlsx"
  expect=$((r * COLS))
  cat "$f" >/dev/null   # page cache warm for everyone, including single runs
  for i in "${!reader_names[@]}"; do
    name=${reader_names[$i]}
    n=$runs
    if [[ ${reader_slow[$i]} == 1 && $r -ge $slow_once_from ]]; then n=1; fi
    best_wall="" best_cpu="" max_rss=0 status=ok
    for ((k = 1; k <= n; k++)); do
      echo "# $r rows: $name run $k/$n" >&2
      t0=$EPOCHREALTIME
      # shellcheck disable=SC2086  # the command string is split on purpose
      if ! $TIME -o "$tmp/time" -f '%e %U %S %M' ${reader_cmds[$i]} "$f" >"$tmp/stdout" 2>"$tmp/stderr"; then
        status="failed"
        echo "# $name failed on $f:" >&2
        tail -n 5 "$tmp/stderr" >&2
        break
      fi
      count=$(tail -n 1 "$tmp/stdout" | tr -d '[:space:]')
      if [[ "$count" != "$expect" ]]; then
        status="count $count != $expect"
      fi
      # /usr/bin/time appends its line last (a "Command exited" line may precede it)
      t1=$EPOCHREALTIME
      # /usr/bin/time's %e only has centiseconds; take the wall time from the
      # shell's microsecond clock around the same command instead.
      read -r _ usr sys rss < <(tail -n 1 "$tmp/time")
      wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
      cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
      if [[ -z "$best_wall" ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
        best_wall=$wall best_cpu=$cpu
      fi
      if ((rss > max_rss)); then max_rss=$rss; fi
    done
    [[ $status == ok ]] || failed=1
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$expect" "$name" "$n" \
      "${best_wall:-}" "${best_cpu:-}" "$max_rss" "$status" >>"$results"
  done
done

# ---- report ------------------------------------------------------------------
report="$tmp/report.md"
sizes_md="$tmp/sizes.md"
for r in $rows_list; do
  f="$gen_dir/rows-$r.xlsx"
  $PY - "$f" "$r" <<'EOF'
import sys, zipfile
path, rows = sys.argv[1], int(sys.argv[2])
with zipfile.ZipFile(path) as z:
    xml = sum(i.file_size for i in z.infolist() if i.filename.endswith(('.xml', '.rels')))
    sheet = sum(i.file_size for i in z.infolist() if i.filename.startswith('xl/worksheets/'))
    sst = sum(i.file_size for i in z.infolist() if i.filename == 'xl/sharedStrings.xml')
import os
print(f"| {rows:,} | {rows * 20:,} | {os.path.getsize(path) / 1e6:.2f} | {sheet / 1e6:.1f} | {sst / 1e6:.1f} | {xml / 1e6:.1f} |")
EOF
done >"$sizes_md"

$PY - "$results" "$runs" "$slow_once_from" "$sizes_md" >"$report" <<'EOF'
import sys
results, runs, slow_from = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sizes_md = open(sys.argv[4]).read().rstrip("\n")
rows = [l.rstrip("\n").split("\t") for l in open(results) if l.strip()]
by = {}
for r, cells, name, n, wall, cpu, rss, status in rows:
    by[(int(r), name)] = dict(cells=int(cells), n=int(n), wall=float(wall) if wall else None,
                             cpu=float(cpu) if cpu else None, rss=int(rss) / 1024, status=status)

def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "–"

print("## XLSX read benchmark")
print()
print("Workbooks (bench/gen_sheet.py; rows include the header row):")
print()
print("| rows | cells | .xlsx MB | sheet XML MB | sharedStrings MB | all XML MB |")
print("|---:|---:|---:|---:|---:|---:|")
print(sizes_md)
print()
print("| rows | cells | reader | seconds | cells/s | peak RSS MiB | vs floor | vs openpyxl | RSS vs openpyxl | CPU s | runs |")
print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for r, cells, name, *_ in rows:
    d = by[(int(r), name)]
    fl = by.get((int(r), "floor"), {}).get("wall")
    op = by.get((int(r), "openpyxl"), {})
    if d["status"] != "ok":
        print(f"| {int(r):,} | {d['cells']:,} | {name} | **{d['status']}** | | | | | | | {d['n']} |")
        continue
    cps = d["cells"] / d["wall"] if d["wall"] else float("inf")
    print(f"| {int(r):,} | {d['cells']:,} | {name} | {d['wall']:.3f} | {cps:,.0f} | {d['rss']:.0f} | "
          f"{ratio(d['wall'], fl)} | {ratio(d['wall'], op.get('wall'))} | "
          f"{ratio(d['rss'], op.get('rss'))} | {d['cpu']:.2f} | {d['n']} |")
print()
print(f"seconds = best wall-clock time of the runs; peak RSS = the largest maximum RSS "
      f"over the runs (%M); CPU s = user+sys of the best run.  \"vs\" columns are ratios of seconds "
      f"(or of peak RSS) to the named reader: below 1x is faster / smaller.  openpyxl and SheetJS run once "
      f"at {slow_from:,} rows and above, everything else best of {runs}.")

# Targets for boardpack, when it was measured.
sizes = sorted({int(r) for r, *_ in rows})
if all((s, "boardpack") in by and by[(s, "boardpack")]["status"] == "ok" for s in sizes):
    print()
    print("Targets (boardpack):")
    print()
    for s in sizes:
        b, f, o = by[(s, "boardpack")], by.get((s, "floor")), by.get((s, "openpyxl"))
        t1 = f and f["wall"] is not None and b["wall"] <= f["wall"]
        t2 = o and o["status"] == "ok" and b["rss"] <= o["rss"]
        print(f"- {s:,} rows: no slower than the floor: {'yes' if t1 else 'NO'} "
              f"(wall {b['wall']:.2f} s vs {f['wall']:.2f} s; CPU {b['cpu']:.2f} s vs {f['cpu']:.2f} s); "
              f"peak RSS <= openpyxl: {'yes' if t2 else 'NO'} ({b['rss']:.0f} vs {o['rss']:.0f} MiB)")
    if len(sizes) >= 2:
        lo, hi = sizes[0], sizes[-1]
        bl, bh = by[(lo, "boardpack")], by[(hi, "boardpack")]
        k = hi / lo
        print(f"- growth {lo:,} -> {hi:,} rows (x{k:g} cells): time x{bh['wall'] / bl['wall']:.1f}, "
              f"peak RSS x{bh['rss'] / bl['rss']:.1f} (linear would be at most x{k:g})")
EOF

cat "$report"
if [[ -n "$out" ]]; then
  mkdir -p "$(dirname "$out")"
  cp "$report" "$out"
  echo "# report written to $out" >&2
fi
exit $failed

#!/usr/bin/env bash
# Runs every fuzz target for SECONDS on its seed corpus; prints libFuzzer's final stats per target.
# usage: run_fuzz.sh BUILD_DIR SECONDS   (a crash, leak or timeout fails the run; the input is
# kept in BUILD_DIR/fuzz-artifacts/<target>/ — add it to tests/fuzz/regressions/ once fixed)
set -uo pipefail
build=$1; secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
seeds=$build/fuzz-seeds
rm -rf "$seeds"
/usr/bin/python3 "$here/make_seeds.py" "$seeds" "$build/bin/atc" || exit 1
export OMP_NUM_THREADS=1 OPENACL_NUM_THREADS=1 ASCEND_GLOBAL_LOG_LEVEL=4
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1
status=0
for bin in "$build"/bin/fuzz_*; do
  t=$(basename "$bin")
  corpus=$build/fuzz-corpus/$t; art=$build/fuzz-artifacts/$t
  mkdir -p "$corpus" "$art" "$seeds/$t"
  # Known findings, fixed, replayed first: every file must run clean.
  if [ -d "$here/regressions/$t" ]; then
    "$bin" -runs=0 "$here/regressions/$t" >/dev/null 2>&1 || { echo "[fuzz] $t: regression input fails"; status=1; }
  fi
  log=$build/fuzz-$t.log
  "$bin" -max_total_time="$secs" -timeout=30 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="$art/" -print_final_stats=1 "$corpus" "$seeds/$t" >"$log" 2>&1
  rc=$?
  execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  rate=$(grep -m1 'stat::average_exec_per_sec' "$log" | awk '{print $2}')
  cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+' | awk '{print $2}')
  echo "[fuzz] $t: rc=$rc execs=${execs:-?} exec/s=${rate:-?} cov=${cov:-?} corpus=$(ls "$corpus" | wc -l) findings=$(ls "$art" | wc -l)"
  if [ $rc -ne 0 ]; then status=1; tail -40 "$log"; fi
done
exit $status

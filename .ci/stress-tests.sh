#!/usr/bin/env bash
# Runs the whole suite (.ci/run, i.e. `mvn -B verify`) N times in a row while busy threads load
# the CPU, prints pass/fail per run and a summary, and keeps each failing run's log and reports.
# No retries: a test that fails once is a failed run.
#
#   .ci/stress-tests.sh [N] [OUT_DIR]       N defaults to 20; LOAD_THREADS (default 2) busy loops
#
# Exit status: 0 when every run passed, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
out="${2:-${TMPDIR:-/tmp}/ktrdr-stress-$(date -u +%Y%m%d-%H%M%S)}"
load_threads="${LOAD_THREADS:-2}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "Usage: $0 [N] [OUT_DIR]   (N: how many runs, a positive number)" >&2
  exit 2
fi
if ! [[ "$load_threads" =~ ^[0-9]+$ ]]; then
  echo "LOAD_THREADS must be a number, got '$load_threads'" >&2
  exit 2
fi
mkdir -p "$out"

# Busy threads: each hashes an endless stream of zeros, a pure CPU loop. Killed on any exit.
load_pids=()
stop_load() {
  for pid in "${load_pids[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${load_pids[@]}"; do
    wait "$pid" 2>/dev/null
  done
  load_pids=()
}
trap stop_load EXIT
trap 'stop_load; exit 130' INT TERM
for ((i = 0; i < load_threads; i++)); do
  sha256sum /dev/zero >/dev/null 2>&1 &
  load_pids+=("$!")
done

echo "Stress: $runs run(s) of .ci/run with $load_threads busy thread(s); logs and reports of failed runs in $out"
passed=0
failed=0
durations=()
for ((run = 1; run <= runs; run++)); do
  # Each run's reports alone, so that a failed run's copy holds only its own results.
  rm -rf target/surefire-reports target/failsafe-reports target/jacoco.exec
  log="$out/run-$run.log"
  start=$(date +%s)
  .ci/run >"$log" 2>&1
  code=$?
  seconds=$(($(date +%s) - start))
  durations+=("$seconds")
  if [[ $code -eq 0 ]]; then
    passed=$((passed + 1))
    printf 'run %d/%d: PASS (%d s)\n' "$run" "$runs" "$seconds"
    rm -f "$log"
  else
    failed=$((failed + 1))
    mkdir -p "$out/run-$run"
    for reports in target/surefire-reports target/failsafe-reports; do
      [[ -d "$reports" ]] && cp -r "$reports" "$out/run-$run/"
    done
    # The failing tests as surefire/failsafe name them, else the build's own error.
    what=$(grep -E '<<< (FAILURE|ERROR)!' "$log" | sed -E 's/^\[[A-Z]+\] //' | head -5)
    [[ -z "$what" ]] && what=$(grep -m 3 -E '^\[ERROR\]' "$log")
    printf 'run %d/%d: FAIL (%d s, exit %d) — log %s\n%s\n' "$run" "$runs" "$seconds" "$code" "$log" "$what"
  fi
done

total=0
min=${durations[0]}
max=${durations[0]}
for s in "${durations[@]}"; do
  total=$((total + s))
  ((s < min)) && min=$s
  ((s > max)) && max=$s
done
printf 'Summary: %d passed, %d failed of %d runs under load; run time min %d s, mean %d s, max %d s\n' \
  "$passed" "$failed" "$runs" "$min" "$((total / runs))" "$max"
[[ $failed -eq 0 ]]

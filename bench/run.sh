#!/usr/bin/env bash
# The benchmark suite: drives a real ktrdr jar over HTTP and prints one table of figures, each
# with its goal, whether it is met (✓/✗) and its ratio to a floor measured in the same run.
# See README.md, "Performance", for what each row means.
#
#   bench/run.sh [--jar PATH] [--sizes 100,1000,10000] [--quick] [--window-src DIR]
#                [--window-args "500 10 10000"] [--no-window] [--skip-steps] [--keep] [--out FILE]
#                [--no-archive]
#
#   --jar PATH         jar to measure (default: this checkout's target/ktrdr.jar, rebuilt first)
#   --sizes LIST       active-research counts to measure at (default 100,1000,10000)
#   --quick            shorter windows, fewer samples, sizes 100,1000 unless given: ~2 minutes
#   --window-src DIR   source checkout whose desktop benchmark runs as the window step
#                      (default: this checkout; give the old checkout when measuring an old jar)
#   --window-main CLS  that benchmark's main class (default dev.ktrdr.desktop.bench.EventStormBenchmark)
#   --window-args ARGS its arguments, passed through (default "500 10 10000"; --quick "500 3 10000")
#   --no-window        leave out the window step;  --skip-steps  leave out the step-latency run
#   --keep             keep the temporary folder (databases, server logs);  --out FILE  save the table
#   --no-archive       measure `serve` ready only as `java -jar` starts it, not also with the
#                      class-data archive packaging/ktrdr starts with (packaging/cds-archive.sh)
#
# Exit status: 0 measured (whatever the figures), 1 setup failure, 2 bad arguments.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
jar=""
window_src="$root"
window=yes
archive=yes
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --jar) [ $# -ge 2 ] || { echo "bench: --jar needs a path" >&2; exit 2; }
           jar=$(readlink -f "$2"); shift 2 ;;
    --window-src) [ $# -ge 2 ] || { echo "bench: --window-src needs a folder" >&2; exit 2; }
           window_src=$(cd "$2" && pwd); shift 2 ;;
    --no-window) window=no; shift ;;
    --no-archive) archive=no; shift ;;
    --quick|--skip-steps|--keep) pass+=("$1"); shift ;;
    --sizes|--window-args|--window-main|--out)
           [ $# -ge 2 ] || { echo "bench: $1 needs a value" >&2; exit 2; }
           pass+=("$1" "$2"); shift 2 ;;
    *) echo "bench: unknown option '$1' (see bench/run.sh --help)" >&2; exit 2 ;;
  esac
done

# Offline first (the usual case once dependencies are in ~/.m2), online if something is missing;
# only the online attempt's errors are shown.
mvn_in() {
  local dir=$1; shift
  (cd "$dir" && { mvn -B -q -o "$@" >/dev/null 2>&1 || mvn -B -q "$@"; }) >&2
}
quiet=(-Dspotless.check.skip -Djacoco.skip=true)
# The class path of a checkout's tests (pinned plugin version: the old checkout's pom has none).
classpath_of() {
  local dir=$1
  mvn_in "$dir" "${quiet[@]}" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$dir/target/bench.classpath"
  echo "$dir/target/test-classes:$dir/target/classes:$(cat "$dir/target/bench.classpath")"
}

echo "[bench] building the harness in $root" >&2
if [ -z "$jar" ]; then
  mvn_in "$root" "${quiet[@]}" -DskipTests package     # the jar, and the harness with it
  jar="$root/target/ktrdr.jar"
else
  mvn_in "$root" "${quiet[@]}" test-compile
fi
[ -f "$jar" ] || { echo "bench: no jar at $jar" >&2; exit 1; }
harness_cp=$(classpath_of "$root")
if [ "$window" = yes ]; then
  if [ "$window_src" != "$root" ]; then
    echo "[bench] compiling the desktop benchmark in $window_src" >&2
    mvn_in "$window_src" "${quiet[@]}" test-compile
    pass+=(--window-cp "$(classpath_of "$window_src")")
  else
    pass+=(--window-cp "$harness_cp")
  fi
fi
if [ "$archive" = yes ]; then
  echo "[bench] writing a class-data archive of the jar (packaging/cds-archive.sh)" >&2
  jsa_dir=$(mktemp -d)
  trap 'rm -rf "$jsa_dir"' EXIT
  if "$root/packaging/cds-archive.sh" "$jar" "$jsa_dir/ktrdr.jsa"; then
    pass+=(--cds-archive "$jsa_dir/ktrdr.jsa")
  else
    echo "[bench] no archive: serve ready is measured without one only" >&2
  fi
fi
java -cp "$harness_cp" dev.ktrdr.bench.BenchMain --jar "$jar" "${pass[@]}"

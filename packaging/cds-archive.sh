#!/usr/bin/env sh
# Writes a class-data archive (AppCDS) for a ktrdr jar, so that the JVM maps the ~3,300 classes a
# start loads from the jar instead of reading, verifying and linking them one by one: that and
# the JIT compiling them were most of a `serve` start (README, "Performance"). JDK 17 writes such an
# archive when a run that loaded those classes exits (-XX:ArchiveClassesAtExit), so this runs
# `serve` once on a throwaway database and port, waits until it listens, asks it for /health, and
# stops it. The archive matches only this jar and this JDK; a JVM given a stale or missing one
# starts as usual (with -Xlog:cds=off it says nothing), so the worst case is an ordinary start.
#
#   packaging/cds-archive.sh JAR [ARCHIVE]      ARCHIVE defaults to JAR's name with .jsa
# Exit status: 0 written, 1 not written (the reason on stderr).
set -eu
[ $# -ge 1 ] || { echo "usage: $0 JAR [ARCHIVE]" >&2; exit 2; }
jar=$1
jsa=${2:-${jar%.jar}.jsa}
[ -f "$jar" ] || { echo "cds-archive: no jar at $jar" >&2; exit 1; }
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
partial="$jsa.$$.partial" # renamed into place once complete: a concurrent start never reads half
java -XX:ArchiveClassesAtExit="$partial" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$jar" serve --host 127.0.0.1 --port 0 --db "$work/training.db" >"$work/out" 2>"$work/err" &
pid=$!
url=""
for _ in $(seq 1 600); do # up to 60 s
  url=$(sed -n 's/^ktrdr serve listening on \(http:[^ ]*\).*/\1/p' "$work/out")
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "cds-archive: the training run did not start:" >&2
  tail -5 "$work/err" >&2
  rm -f "$partial"
  exit 1
fi
if command -v curl >/dev/null; then
  curl -sf "$url/api/v1/health" >/dev/null || true # the request path's classes too
fi
kill -TERM "$pid"
wait "$pid" || true # the archive is written as the JVM exits
pid=""
if [ ! -s "$partial" ]; then
  echo "cds-archive: the JVM wrote no archive" >&2
  rm -f "$partial"
  exit 1
fi
mv -f "$partial" "$jsa"

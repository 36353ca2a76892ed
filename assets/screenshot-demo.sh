#!/bin/bash
# The session behind assets/screenshot*.png: the console under load, used with the mouse.
# After `mvn -B -q -DskipTests package`, from the repository root (needs xvfb, xdotool,
# imagemagick, curl, python3):
#   assets/screenshot-demo.sh [OUT_DIR]          (default OUT_DIR=/tmp/ktrdr-demo)
# It starts Xvfb on :88 at 1600x1000 (unless DISPLAY is set), opens the console with 50 + 50 stub
# workers and 20 s phases, triggers 1,000 researches through the HTTP API (about 26 a second),
# rests the pointer on row 3's Cancel while researches keep arriving, clicks it, screenshots the
# confirmation (it names the research under the pointer), confirms with Enter and checks through
# the API which research was cancelled. Then it filters on "backtesting", selects the first row,
# opens its Timeline and the Worker lanes, and takes the 1600x1000 shot; then 900x600 and back.
set -euo pipefail
OUT=${1:-/tmp/ktrdr-demo}
PORT=${PORT:-18081}
mkdir -p "$OUT"
rm -f "$OUT"/demo.db* "$OUT"/ktrdr-console.properties
printf 'window.width=1600\nwindow.height=1000\nwindow.x=0\nwindow.y=0\n' > "$OUT"/ktrdr-console.properties
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :88 -screen 0 1600x1000x24 >/dev/null 2>&1 &
  XVFB=$!
  export DISPLAY=:88
  sleep 1
fi
USE_STUB_WORKERS=true STUB_TRAINING_WORKERS=50 STUB_BACKTEST_WORKERS=50 STUB_WORKER_DELAY=20 \
AGENT_MAX_CONCURRENT_RESEARCHES=2000 AGENT_DAILY_BUDGET=1000 \
  java -jar target/ktrdr.jar console --port "$PORT" --db "$OUT"/demo.db > "$OUT"/console.log 2>&1 &
APP=$!
for i in $(seq 1 120); do grep -q "ktrdr console ready" "$OUT"/console.log && break; sleep 0.5; done
grep "Window interactive" "$OUT"/console.log || true
api() { curl -s "localhost:$PORT/api/v1/$1"; }
( for i in $(seq 1 1000); do
    curl -s -o /dev/null -X POST "localhost:$PORT/api/v1/agent/trigger" \
      -d "{\"brief\":\"Load research $i\",\"model\":\"haiku\"}" &
    if (( i % 26 == 0 )); then wait; sleep 1; fi
  done; wait ) &
TRIGGERS=$!
sleep 8
# Aim at row 3's Cancel and hold still while researches arrive: the row must not move.
xdotool mousemove 1054 285; sleep 2.5
import -window root "$OUT"/hover.png
xdotool click 1; sleep 1.5
import -window root "$OUT"/confirm.png
xdotool key Return; sleep 2
echo "cancelled: $(api 'operations?status=cancelled&operation_type=agent_research' \
  | python3 -c 'import json,sys; print([o["operation_id"] for o in json.load(sys.stdin)["data"]])')"
sleep 60
click() { xdotool mousemove "$1" "$2"; sleep 0.4; xdotool click 1; sleep 1; }
click 230 142; xdotool key ctrl+a; xdotool type --delay 30 "backtesting"; sleep 1.5
click 300 210                                               # the first row in backtesting
click 1249 190                                              # its Timeline
click 131 734                                               # the Worker lanes
xdotool mousemove 1500 60; sleep 2
import -window root "$OUT"/screenshot.png
WIN=$(xdotool search --name "ktrdr console" | head -1)
xdotool windowsize "$WIN" 900 600; sleep 3
import -window "$WIN" "$OUT"/screenshot-900x600.png
xdotool windowsize "$WIN" 1600 1000; sleep 3
import -window root "$OUT"/back-to-1600.png
echo "threads and RSS (KB): $(ps -o nlwp=,rss= -p $APP)"
kill $TRIGGERS 2>/dev/null || true
kill $APP; wait $APP 2>/dev/null || true
[ -n "${XVFB:-}" ] && kill $XVFB
echo "screenshots in $OUT"

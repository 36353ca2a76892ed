#!/bin/bash
# Demo used for assets/screenshot.png: after `mvn -B -q package -DskipTests`, run
#   xvfb-run -a -s "-screen 0 1440x900x24" assets/screenshot-demo.sh   (needs xdotool, imagemagick)
# It triggers four researches with Ctrl+N, cancels one with a click + Delete + Enter, selects the
# oldest, and writes /tmp/shot.png; Ctrl+Q quits.
cd /work/wt-desktop
export STUB_WORKER_DELAY=${STUB_WORKER_DELAY:-8}
java -jar target/ktrdr.jar console --db /tmp/shot.db --port 8799 > /tmp/console.log 2>&1 &
PID=$!
for i in $(seq 1 60); do xdotool search --name "ktrdr console" >/dev/null 2>&1 && break; sleep 0.5; done
WIN=$(xdotool search --name "ktrdr console" | head -1)
xdotool windowsize $WIN 1440 900; xdotool windowmove $WIN 0 0; xdotool windowfocus $WIN
sleep 1.5
trig() { xdotool key ctrl+n; sleep 0.3; xdotool type --delay 5 "$1"; xdotool key Return; sleep 0.7; }
trig "Explore RSI variations on EURUSD 1h"
sleep 11
trig "Momentum breakout with a volume filter"
sleep 9
trig "Mean reversion on Bollinger bands"
sleep 1.5
trig "Pairs trading on index futures"
sleep 1.5
# mouse: select the newest row, then keyboard: Delete, confirm with Enter
xdotool mousemove 100 ${ROW1:-208} click 1; sleep 0.5
xdotool key Delete; sleep 1; import -window root /tmp/confirm.png; xdotool key Return; sleep 1.5
import -window root /tmp/after-cancel.png
sleep ${FINAL:-9}
xdotool mousemove 100 $(( ${ROW1:-208} + 3*38 )) click 1; sleep 1.5
import -window root /tmp/shot.png
xdotool key ctrl+q; sleep 2
kill $PID 2>/dev/null; wait $PID

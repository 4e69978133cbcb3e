#!/usr/bin/env bash
# e2e_browser: the whole product in headless Chromium with JavaScript disabled. Starts nginx +
# `trackpro serve` on loopback with a fresh database (e2e_lib.sh) and runs tests/e2e_browser.py
# against it with Debian's python3 and python3-selenium: register, habit, tracker and tasks,
# Today's batch form, a note, a goal, the Loop import through /import (skipped with a notice
# when ../shared is absent), the dashboard and a heatmap, a share link seen from a fresh
# browser, turned off, then 404. Full-page screenshots go to the build's tests/e2e/out/ (E2E_OUT
# overrides). Skips (exit 77) when nginx, curl, chromium, chromedriver or python3-selenium is
# missing; ./quickstart installs them all.
set -uo pipefail
E2E_NAME=e2e-browser
PY=/usr/bin/python3
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CHROMIUM CHROMEDRIVER
if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ] || [ ! -x "$PY" ] || ! "$PY" -c 'import selenium' 2>/dev/null; then
	echo "SKIP: chromium, chromium-driver or python3-selenium not installed"
	exit 77
fi
# shellcheck source=tests/e2e_lib.sh
. "$(dirname "$0")/e2e_lib.sh"

OUT=${E2E_OUT:-$(cd "$(dirname "$BIN")" && pwd)/tests/e2e/out}
LOOP_DB=
# Without ../shared the driver skips the import step and says so.
if [ -n "${TRACKPRO_SHARED:-}" ] && [ -f "$TRACKPRO_SHARED/fixtures/loop/databases/022.db" ]; then
	LOOP_DB=$TRACKPRO_SHARED/fixtures/loop/databases/022.db
fi

e2e_start_app --registration open
e2e_start_nginx

# Chromium keeps its caches under $HOME; give it the test's own folder.
HOME=$VAR timeout -k 5 240 "$PY" "$(dirname "$0")/e2e_browser.py" "$URL" "$OUT" ${LOOP_DB:+"$LOOP_DB"}
code=$?
case $code in
0) ok "browser scenario" ;;
77) exit 77 ;;
124) fail "browser scenario timed out after 240 s" ;;
*) fail "browser scenario (exit $code)" ;;
esac
# In a sanitizer build, a worker that hit a memory or UB error has reported it here.
check "no sanitizer report in the app's log" bash -c "! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' '$VAR/app.log'"
e2e_finish

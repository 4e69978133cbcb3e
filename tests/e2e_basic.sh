#!/usr/bin/env bash
# e2e_basic: nginx + `trackpro serve` on a free loopback port with a fresh database, driven
# with curl: /healthz, a 404 page, a 405, the app's 413 and nginx's 413, the security headers,
# static files, a killed worker being replaced, and a clean exit on SIGTERM.
# Skips (exit 77) when nginx or curl is not installed.
set -uo pipefail
BIN=${TRACKPRO_BIN:-./build/trackpro}
SRC=${TRACKPRO_SRCDIR:-.}
NGINX=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })
if [ -z "$NGINX" ] || ! command -v curl >/dev/null; then
	echo "SKIP: nginx or curl not installed"
	exit 77
fi
VAR=$(mktemp -d /tmp/trackpro-e2e-XXXXXX)
FAILS=0 APP=0 NGX=0
cleanup() {
	[ "$NGX" != 0 ] && kill "$NGX" 2>/dev/null && wait "$NGX" 2>/dev/null
	[ "$APP" != 0 ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null
	rm -rf "$VAR"
}
trap cleanup EXIT
ok() { echo "ok - $*"; }
fail() { echo "FAIL - $*"; FAILS=$((FAILS + 1)); }
# check NAME COND...: runs the condition, reports it
check() { local name=$1; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }

"$BIN" migrate --db "$VAR/t.db" --data-dir "$SRC" || { echo "migrate failed"; exit 1; }
"$BIN" serve --db "$VAR/t.db" --socket "$VAR/trackpro.sock" --data-dir "$SRC" --workers 2 2>"$VAR/app.log" &
APP=$!
for _ in $(seq 100); do [ -S "$VAR/trackpro.sock" ] && break; sleep 0.05; done
check "socket created with mode 0660" test "$(stat -c %a "$VAR/trackpro.sock" 2>/dev/null)" = 660

PORT=
for _ in 1 2 3 4 5 6 7 8; do
	p=$((20000 + RANDOM % 40000))
	"$SRC/scripts/nginx-conf.sh" "$SRC" "$VAR" "$p" >"$VAR/nginx.conf"
	"$NGINX" -p "$VAR" -c "$VAR/nginx.conf" -e "$VAR/nginx-error.log" -g 'daemon off;' 2>>"$VAR/nginx-start.log" &
	NGX=$!
	for _ in $(seq 50); do
		curl -s -o /dev/null "http://127.0.0.1:$p/healthz" && { PORT=$p; break; }
		kill -0 "$NGX" 2>/dev/null || break
		sleep 0.05
	done
	[ -n "$PORT" ] && break
	kill "$NGX" 2>/dev/null; wait "$NGX" 2>/dev/null; NGX=0
done
if [ -z "$PORT" ]; then
	echo "could not start nginx:"; cat "$VAR/nginx-start.log" "$VAR/nginx-error.log" 2>/dev/null
	exit 1
fi
URL="http://127.0.0.1:$PORT"
echo "# nginx on $URL"

# fetch NAME [CURL ARGS...]: stores status in $STATUS, headers in $VAR/h, body in $VAR/b
fetch() { STATUS=$(curl -s -D "$VAR/h" -o "$VAR/b" -w '%{http_code}' "$@"); }
header() { grep -i "^$1:" "$VAR/h" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
CSP="default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
security_headers() {
	[ "$(header Content-Security-Policy)" = "$CSP" ] && [ "$(header X-Content-Type-Options)" = nosniff ] &&
		[ "$(header Referrer-Policy)" = same-origin ] && ! grep -qi '^Server: nginx/' "$VAR/h"
}

fetch "$URL/healthz"
check "healthz 200" test "$STATUS" = 200
check "healthz body ok" test "$(cat "$VAR/b")" = ok
check "healthz security headers" security_headers

fetch "$URL/"
check "home 200" test "$STATUS" = 200
check "home is html" grep -q '<!doctype html>' "$VAR/b"
check "home content type" test "$(header Content-Type)" = "text/html; charset=utf-8"

fetch "$URL/no-such-page"
check "unknown path 404" test "$STATUS" = 404
check "404 is the html page" grep -q 'Page not found' "$VAR/b"
check "404 security headers" security_headers

fetch -X POST --data 'a=1' "$URL/healthz"
check "wrong method 405" test "$STATUS" = 405
check "405 has Allow" test "$(header Allow)" = "GET, HEAD"

head -c 2000000 /dev/zero | tr '\0' 'a' >"$VAR/big-form"
fetch -X POST -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$VAR/big-form" "$URL/"
check "app refuses a 2 MB form with 413" test "$STATUS" = 413
check "app 413 is the html page" grep -q 'Too large' "$VAR/b"

head -c 35000000 /dev/zero >"$VAR/huge"
fetch -X POST -H 'Content-Type: application/octet-stream' --data-binary "@$VAR/huge" "$URL/import"
check "nginx refuses 35 MB with 413" test "$STATUS" = 413
check "nginx 413 page has the security headers" security_headers
rm -f "$VAR/huge" "$VAR/big-form"

fetch "$URL/static/style.css"
check "static css served" test "$STATUS" = 200
check "static css cached" grep -qi '^Cache-Control: public, max-age=604800' "$VAR/h"

fetch "$URL/%00"
check "NUL in path is 400" test "$STATUS" = 400

# A worker that dies is replaced.
workers() { pgrep -P "$APP" | sort; }
before=$(workers)
victim=$(echo "$before" | head -n 1)
kill -9 "$victim"
for _ in $(seq 60); do
	now=$(workers)
	[ "$(echo "$now" | wc -l)" = 2 ] && ! echo "$now" | grep -qx "$victim" && break
	sleep 0.05
done
check "killed worker replaced" test "$(echo "$now" | wc -l)" = 2 -a -z "$(echo "$now" | grep -x "$victim")"
fetch "$URL/healthz"
check "healthz after worker restart" test "$STATUS" = 200

# SIGTERM: the master stops its workers and exits 0, removing its socket.
kill -TERM "$APP"
code=124
for _ in $(seq 100); do
	if ! kill -0 "$APP" 2>/dev/null; then wait "$APP"; code=$?; break; fi
	sleep 0.05
done
APP=0
check "serve exits 0 on SIGTERM" test "$code" = 0
check "socket removed" test ! -e "$VAR/trackpro.sock"
check "access log lines" grep -q 'GET /healthz 200 [0-9]*us' "$VAR/app.log"

if [ "$FAILS" -gt 0 ]; then
	echo "--- app log"; tail -n 30 "$VAR/app.log"
	echo "--- nginx error log"; tail -n 30 "$VAR/nginx-error.log" 2>/dev/null
	exit 1
fi
echo "all end-to-end checks passed"

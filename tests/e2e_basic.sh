#!/usr/bin/env bash
# e2e_basic: nginx + `trackpro serve` on a free loopback port with a fresh database, driven
# with curl: /healthz, a 404 page, a 405, the app's 413 and nginx's 413, the security headers,
# static files, a killed worker being replaced, and a clean exit on SIGTERM.
# Skips (exit 77) when nginx or curl is not installed.
set -uo pipefail
E2E_NAME=e2e
# shellcheck source=tests/e2e_lib.sh
. "$(dirname "$0")/e2e_lib.sh"

e2e_start_app
check "socket created with mode 0660" test "$(stat -c %a "$VAR/trackpro.sock" 2>/dev/null)" = 660

e2e_start_nginx

# fetch NAME [CURL ARGS...]: stores status in $STATUS, headers in $VAR/h, body in $VAR/b
fetch() { STATUS=$(curl -s -D "$VAR/h" -o "$VAR/b" -w '%{http_code}' "$@"); }
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

fetch "$URL/favicon.ico"
check "favicon.ico answers the SVG icon" test "$STATUS" = 200
check "favicon.ico is image/svg+xml" grep -qi '^Content-Type: image/svg+xml' "$VAR/h"
fetch "$URL/static/favicon.svg"
check "favicon.svg served" test "$STATUS" = 200

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

e2e_finish

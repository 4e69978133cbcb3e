#!/usr/bin/env bash
# e2e_share: share links through nginx and several workers with curl — register, create a
# tracker and a link with at most 5 uses, then send 50 concurrent requests for it: exactly 5
# answer 200 and 45 answer 410. Then the public page's headers, a turned-off link (404) and a
# fresh link that expires in a week seen by a visitor without cookies.
# Each of the 50 requests comes from its own loopback address (127.0.0.2 …): nginx's
# per-address limit on /s/ (nginx.conf) would otherwise refuse part of them with 429.
# Skips (exit 77) when nginx or curl is not installed, or loopback addresses cannot be chosen.
set -uo pipefail
E2E_NAME=e2e-share
# shellcheck source=tests/e2e_lib.sh
. "$(dirname "$0")/e2e_lib.sh"

e2e_start_app --registration open --workers 4
e2e_start_nginx

if ! curl -s -o /dev/null --interface 127.0.0.2 "$URL/healthz"; then
	echo "SKIP: cannot send from 127.0.0.2 (curl --interface)"
	exit 77
fi

JAR=$VAR/jar
# fetch [CURL ARGS...]: with the cookie jar; status in $STATUS, headers in $VAR/h, body in $VAR/b
fetch() { STATUS=$(curl -s -b "$JAR" -c "$JAR" -D "$VAR/h" -o "$VAR/b" -w '%{http_code}' "$@"); }
# visit PATH: as a visitor without cookies
visit() { STATUS=$(curl -s -D "$VAR/h" -o "$VAR/b" -w '%{http_code}' "$URL$1"); }
csrf_of() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -n 1 | sed 's/.*value="//; s/"$//'; }
has() { grep -qF -- "$1" "$VAR/b"; }
# shared_path: the /s/… path of the address on the "link created" page in $VAR/b
shared_path() { grep -o '<input id="share_url"[^>]*' "$VAR/b" | grep -o 'value="[^"]*"' | sed 's/^value="//; s/"$//; s|^https\{0,1\}://[^/]*||'; }

fetch "$URL/register"
csrf=$(csrf_of "$VAR/b")
fetch --data-urlencode "csrf=$csrf" --data-urlencode "email=sam@example.org" --data-urlencode "display_name=Sam" \
	--data-urlencode "password=a morning person" --data-urlencode "password_confirm=a morning person" \
	--data-urlencode "time_zone=UTC" "$URL/register"
check "registered" test "$STATUS" = 303
fetch "$URL/"
csrf=$(csrf_of "$VAR/b")
fetch --data-urlencode "csrf=$csrf" --data-urlencode "name=Running" --data-urlencode "time_mode=daily" \
	--data-urlencode "color=#2f6f4f" --data-urlencode "description=" "$URL/trackers"
tracker=$(header Location | sed -n 's|.*/trackers/\([0-9]*\).*|\1|p')
check "tracker created" test -n "$tracker"
fetch "$URL/trackers/$tracker"
check "the tracker page offers a share link" has "Create a share link"

fetch --data-urlencode "csrf=$csrf" --data-urlencode "label=Five visits" --data-urlencode "expires=never" \
	--data-urlencode "max_uses=5" "$URL/trackers/$tracker/shares"
check "link created" test "$STATUS" = 200
path=$(shared_path)
check "the address is shown" test "${#path}" = 46

# 50 concurrent requests, each from its own address
seq 2 51 | xargs -P 50 -I{} curl -s -o /dev/null -w '%{http_code}\n' --interface 127.0.0.{} "$URL$path" \
	>"$VAR/codes"
ok200=$(grep -c '^200$' "$VAR/codes")
gone410=$(grep -c '^410$' "$VAR/codes")
echo "# 50 concurrent requests: $ok200 × 200, $gone410 × 410, others: $(grep -cv '^200$\|^410$' "$VAR/codes")"
check "exactly 5 of 50 concurrent requests answer 200" test "$ok200" = 5
check "the other 45 answer 410" test "$gone410" = 45
visit "$path"
check "the used-up link stays 410" test "$STATUS" = 410
check "with a plain explanation" has "as many times as it allows"
fetch "$URL/shares"
check "the list counts 5 of 5 uses" has "5 of 5"
check "the list says used up" has "Used up"

# a link that expires in a week, seen by a friend without an account
fetch --data-urlencode "csrf=$csrf" --data-urlencode "label=For a friend" --data-urlencode "expires=week" \
	"$URL/trackers/$tracker/shares"
week=$(shared_path)
visit "$week"
check "the friend sees the page" test "$STATUS" = 200
check "with the tracker's name" has "Running"
check "and its heatmap" has 'class="chart heatmap"'
check "noindex meta" has '<meta name="robots" content="noindex">'
check "no navigation into the app" bash -c "! grep -q '<a ' '$VAR/b'"
check "Cache-Control: no-store" test "$(header Cache-Control)" = "no-store"
check "Referrer-Policy: no-referrer" test "$(header Referrer-Policy)" = "no-referrer"
check "X-Robots-Tag: noindex" test "$(header X-Robots-Tag)" = "noindex"
check "the app's CSP" bash -c "grep -qi \"^Content-Security-Policy: default-src 'none'\" '$VAR/h'"
check "no cookie for a visitor" bash -c "! grep -qi '^Set-Cookie' '$VAR/h'"

# turned off: the same 404 as an unknown address
fetch "$URL/shares"
id=$(grep -o 'action="/shares/[0-9]*/deactivate"' "$VAR/b" | head -n 1 | sed 's/[^0-9]//g')
fetch --data-urlencode "csrf=$csrf" "$URL/shares/$id/deactivate"
check "turned off" test "$STATUS" = 303
visit "$week"
check "a turned-off link answers 404" test "$STATUS" = 404
cp "$VAR/b" "$VAR/off"
visit "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
check "an unknown address answers 404" test "$STATUS" = 404
check "with the very same page" cmp -s "$VAR/b" "$VAR/off"

e2e_finish

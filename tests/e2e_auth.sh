#!/usr/bin/env bash
# e2e_auth: accounts through nginx with curl and a cookie jar, as a browser without
# JavaScript would: register (pre-session CSRF token from the form), see the name on /, open
# /settings and change the time zone, CSRF refusals through nginx, log out, log in again with
# next=, a wrong password, and nginx's own throttling of /login (429).
# Skips (exit 77) when nginx or curl is not installed; the settings checks print
# "SKIP settings (not built yet)" while /settings answers 404.
set -uo pipefail
E2E_NAME=e2e-auth
# shellcheck source=tests/e2e_lib.sh
. "$(dirname "$0")/e2e_lib.sh"

e2e_start_app --registration open

e2e_start_nginx

JAR=$VAR/jar
# fetch [CURL ARGS...]: with the cookie jar $JAR; status in $STATUS, headers in $VAR/h, body in $VAR/b
fetch() { STATUS=$(curl -s -b "$JAR" -c "$JAR" -D "$VAR/h" -o "$VAR/b" -w '%{http_code}' "$@"); }
# set_cookie NAME: the Set-Cookie value that sets cookie NAME in the last response
set_cookie() { grep -i "^Set-Cookie: $1=" "$VAR/h" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
# csrf: the first csrf hidden field of the last page
csrf() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$VAR/b" | head -n 1; }
has() { grep -qF -- "$1" "$VAR/b"; }
# selected NAME: the selected option of <select name="NAME"> in the last page
selected() {
	awk -v name="$1" '
		index($0, "<select ") && index($0, "name=\"" name "\"") { on = 1; next }
		on && /<\/select>/ { exit }
		on && /<option[^>]* selected/ { s = $0; sub(/.*<option[^>]*>/, "", s); sub(/<\/option>.*/, "", s); print s; exit }
	' "$VAR/b"
}
# form_fields ACTION: "name=value" lines of what the browser would submit from the form
# posting to ACTION in the last page (text, hidden, number, time and email inputs; checked
# radios and checkboxes; selected options), entities decoded.
form_fields() {
	awk -v action="$1" '
		function attr(tag, a,   re) {
			re = " " a "=\"[^\"]*\""
			if (match(tag, re))
				return substr(tag, RSTART + length(a) + 3, RLENGTH - length(a) - 4)
			return ""
		}
		function flag(tag, a) { return match(tag, " " a "[ >=/]") > 0 }
		function unesc(s) {
			gsub(/&quot;/, "\"", s); gsub(/&#39;/, "'\''", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
			gsub(/&amp;/, "\\&", s)
			return s
		}
		/<form / && index($0, "action=\"" action "\"") { on = 1; next }
		on && /<\/form>/ { exit }
		on {
			line = $0
			while (match(line, /<(input|select|option)[^>]*>/)) {
				tag = substr(line, RSTART, RLENGTH)
				line = substr(line, RSTART + RLENGTH)
				if (tag ~ /^<select/) {
					sel = attr(tag, "name")
				} else if (tag ~ /^<option/) {
					if (!flag(tag, "selected"))
						continue
					if (match(tag, / value="/)) {
						v = attr(tag, "value")
					} else {
						v = line; sub(/<\/option>.*/, "", v)
					}
					print sel "=" unesc(v)
				} else {
					n = attr(tag, "name"); type = attr(tag, "type")
					if (n == "" || type == "submit" || type == "button")
						continue
					if ((type == "radio" || type == "checkbox") && !flag(tag, "checked"))
						continue
					print n "=" unesc(attr(tag, "value"))
				}
			}
		}
	' "$VAR/b"
}
# post_fields PATH FILE [CURL ARGS...]: POSTs the name=value lines of FILE, urlencoded
post_fields() {
	local path=$1 file=$2; shift 2
	local args=() line
	while IFS= read -r line; do args+=(--data-urlencode "$line"); done <"$file"
	fetch "$@" "${args[@]}" "$URL$path"
}

EMAIL=e2e@example.org
PASSWORD='a long e2e passphrase'
NAME='Zoë & Co'
NAME_HTML='Zoë &amp; Co'

# ---- register ----
fetch "$URL/register"
check "register form 200" test "$STATUS" = 200
TOKEN=$(csrf)
check "register form has a csrf field" test ${#TOKEN} = 43
check "pre-session csrf cookie set (HttpOnly, SameSite=Lax, no Secure)" \
	bash -c '[[ "$1" == "trackpro_csrf=$2; Path=/"* && "$1" == *HttpOnly* && "$1" == *SameSite=Lax* && "$1" != *Secure* ]]' _ \
	"$(set_cookie trackpro_csrf)" "$TOKEN"
ZONE=UTC
grep -q '<option[^>]*>Europe/Paris</option>' "$VAR/b" && ZONE=Europe/Paris
fetch --data-urlencode "csrf=$TOKEN" --data-urlencode "email=$EMAIL" --data-urlencode "display_name=$NAME" \
	--data-urlencode "password=$PASSWORD" --data-urlencode "password_confirm=$PASSWORD" \
	--data-urlencode "time_zone=$ZONE" "$URL/register"
check "register answers 303" test "$STATUS" = 303
check "register redirects to /" test "$(header Location)" = /
SC=$(set_cookie trackpro_session)
check "session cookie HttpOnly, SameSite=Lax, Path=/, no Secure" \
	bash -c '[[ "$1" == trackpro_session=*"; Path=/"* && "$1" == *HttpOnly* && "$1" == *SameSite=Lax* && "$1" != *Secure* ]]' _ "$SC"
fetch "$URL/"
check "/ greets the new user" has "<a href=\"/settings\">$NAME_HTML · Settings</a>"
check "/ has the logout form" has 'action="/logout"'

fetch --data-urlencode "csrf=$TOKEN" --data-urlencode "email=other@example.org" "$URL/register"
check "registering while logged in with the old pre-session token: 403" test "$STATUS" = 403

# ---- settings ----
fetch "$URL/settings"
if [ "$STATUS" = 404 ]; then
	echo "SKIP settings (not built yet)"
else
	check "settings page 200" test "$STATUS" = 200
	check "settings shows the registration time zone" test "$(selected time_zone)" = "$ZONE"
	NEWZONE=
	for z in America/New_York Asia/Tokyo Europe/Berlin; do
		if [ "$z" != "$ZONE" ] && grep -q "<option[^>]*>$z</option>" "$VAR/b"; then NEWZONE=$z; break; fi
	done
	form_fields /settings >"$VAR/fields"
	check "settings form has csrf, display_name and time_zone fields" \
		bash -c 'grep -q "^csrf=." "$1" && grep -qx "display_name=$2" "$1" && grep -q "^time_zone=" "$1"' _ "$VAR/fields" "$NAME"
	if [ -z "$NEWZONE" ]; then
		echo "SKIP time-zone change (no tzdata: only UTC offered)"
	else
		grep -v '^time_zone=' "$VAR/fields" >"$VAR/fields2"
		echo "time_zone=$NEWZONE" >>"$VAR/fields2"
		grep -v '^csrf=' "$VAR/fields2" >"$VAR/fields-nocsrf"
		post_fields /settings "$VAR/fields-nocsrf"
		check "POST /settings without csrf: 403" test "$STATUS" = 403
		post_fields /settings "$VAR/fields2" -H 'Origin: http://evil.example'
		check "POST /settings from a foreign Origin: 403" test "$STATUS" = 403
		post_fields /settings "$VAR/fields2" -H 'Sec-Fetch-Site: cross-site'
		check "POST /settings with Sec-Fetch-Site cross-site: 403" test "$STATUS" = 403
		fetch "$URL/settings"
		check "refused POSTs changed nothing" test "$(selected time_zone)" = "$ZONE"
		post_fields /settings "$VAR/fields2" -H "Origin: $URL"
		check "POST /settings answers 303" test "$STATUS" = 303
		LOC=$(header Location)
		check "POST /settings redirects to /settings" test "${LOC%%\?*}" = /settings
		fetch "$URL$LOC"
		check "new time zone $NEWZONE selected" test "$(selected time_zone)" = "$NEWZONE"
		check "name unchanged" test "$(form_fields /settings | grep '^display_name=')" = "display_name=$NAME"
	fi
fi

# ---- logout ----
fetch "$URL/"
TOKEN=$(csrf)
fetch --data-urlencode "csrf=$TOKEN" "$URL/logout"
check "logout answers 303 to /login" test "$STATUS $(header Location)" = "303 /login"
check "logout clears the session cookie" bash -c '[[ "$1" == "trackpro_session=; "*"Max-Age=0"* ]]' _ "$(set_cookie trackpro_session)"
fetch "$URL/"
check "/ shows the logged-out page" has 'Track habits, routines'
check "/ no longer greets the user" bash -c '! grep -qF " · Settings</a>" "$1"' _ "$VAR/b"
fetch "$URL/settings"
if [ "$STATUS" != 404 ]; then
	check "settings without login: 303 to /login?next=/settings" test "$STATUS $(header Location)" = "303 /login?next=/settings"
fi

# ---- log in again ----
fetch "$URL/login?next=/settings"
check "login form 200" test "$STATUS" = 200
check "login form keeps next" has 'name="next" value="/settings"'
TOKEN=$(csrf)
fetch --data-urlencode "csrf=$TOKEN" --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
	--data-urlencode "next=/settings" "$URL/login"
check "login answers 303 to next=/settings" test "$STATUS $(header Location)" = "303 /settings"
check "login sets a session cookie" test -n "$(set_cookie trackpro_session)"
fetch "$URL/"
check "/ greets the user again" has "<a href=\"/settings\">$NAME_HTML · Settings</a>"

# ---- wrong password (a fresh browser) ----
JAR=$VAR/jar2
fetch "$URL/login"
TOKEN=$(csrf)
fetch --data-urlencode "csrf=$TOKEN" --data-urlencode "email=$EMAIL" --data-urlencode "password=not the password" "$URL/login"
check "wrong password answers 422" test "$STATUS" = 422
check "wrong password shows the message" has 'The e-mail address or the password is wrong.'
check "wrong password keeps the address" has "value=\"$EMAIL\""
check "wrong password sets no session" test -z "$(set_cookie trackpro_session)"
fetch --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" "$URL/login"
check "login without csrf: 403" test "$STATUS" = 403

# ---- nginx throttles /login per address (last: it uses up the burst) ----
got429=
for _ in $(seq 15); do
	fetch "$URL/login"
	[ "$STATUS" = 429 ] && { got429=1; break; }
done
check "nginx answers 429 to a burst of /login" test -n "$got429"
check "429 page carries the CSP" test -n "$(header Content-Security-Policy)"

e2e_finish

#!/usr/bin/env bash
# e2e_today: the daily loop through nginx with curl, as a browser without JavaScript: register,
# create a tracker with three tasks, check two off on Today and see "2 of 3", backdate one on
# yesterday's page, and open the week with its seven columns.
# Skips (exit 77) when nginx or curl is not installed.
set -uo pipefail
E2E_NAME=e2e-today
# shellcheck source=tests/e2e_lib.sh
. "$(dirname "$0")/e2e_lib.sh"

e2e_start_app --registration open
e2e_start_nginx

JAR=$VAR/jar
# fetch [CURL ARGS...]: with the cookie jar; status in $STATUS, headers in $VAR/h, body in $VAR/b
fetch() { STATUS=$(curl -s -b "$JAR" -c "$JAR" -D "$VAR/h" -o "$VAR/b" -w '%{http_code}' "$@"); }
# csrf_of FILE: the first csrf hidden field in a saved page
csrf_of() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -n 1 | sed 's/.*value="//; s/"$//'; }
has() { grep -qF -- "$1" "$VAR/b"; }

fetch "$URL/register"
csrf=$(csrf_of "$VAR/b")
fetch --data-urlencode "csrf=$csrf" --data-urlencode "email=eve@example.org" --data-urlencode "display_name=Eve" \
	--data-urlencode "password=a morning person" --data-urlencode "password_confirm=a morning person" \
	--data-urlencode "time_zone=UTC" "$URL/register"
check "registered" test "$STATUS" = 303

fetch "$URL/"
check "a new user sees the first-tracker empty state" has "Create your first tracker"
csrf=$(csrf_of "$VAR/b")

fetch --data-urlencode "csrf=$csrf" --data-urlencode "name=Morning routine" --data-urlencode "time_mode=daily" \
	--data-urlencode "color=#2f6f4f" --data-urlencode "description=" "$URL/trackers"
check "tracker created" test "$STATUS" = 303
tracker=$(header Location | sed -n 's|.*/trackers/\([0-9]*\).*|\1|p')
check "redirected to the tracker page" test -n "$tracker"
for task in Stretch "Drink water" Journal; do
	fetch --data-urlencode "csrf=$csrf" --data-urlencode "quick=1" --data-urlencode "name=$task" \
		"$URL/trackers/$tracker/tasks"
	check "task '$task' added" test "$STATUS" = 303
done

fetch "$URL/"
check "Today lists the three tasks" has "0 of 3 done (0%)"
check "Today shows Journal" has "Journal"
mapfile -t checkins < <(grep -o 'action="/checkins/[0-9]*"' "$VAR/b" | sed 's/[^0-9]//g' | awk '!seen[$0]++')
check "three one-click forms" test "${#checkins[@]}" = 3
for id in "${checkins[0]}" "${checkins[1]}"; do
	fetch --data-urlencode "csrf=$csrf" --data-urlencode "status=done" --data-urlencode "back=/" "$URL/checkins/$id"
	check "check-in $id saved" test "$STATUS" = 303
done
fetch "$URL/"
check "Today shows 2 of 3" has "2 of 3 done (66%)"

yesterday=$(date -u -d yesterday +%F)
fetch "$URL/day/$yesterday"
check "yesterday's page" test "$STATUS" = 200
check "yesterday is marked as a past day" has "You are looking at a past day"
id=$(grep -o 'action="/checkins/[0-9]*"' "$VAR/b" | head -n 1 | sed 's/[^0-9]//g')
fetch --data-urlencode "csrf=$csrf" --data-urlencode "status=done" --data-urlencode "back=/day/$yesterday" \
	"$URL/checkins/$id"
check "backdated check-in saved" test "$STATUS" = 303
check "back to yesterday's page" test "$(header Location)" = "/day/$yesterday"
fetch "$URL/day/$yesterday"
check "yesterday shows 1 of 3" has "1 of 3 done (33%)"
fetch "$URL/"
check "today still shows 2 of 3" has "2 of 3 done (66%)"

week=$(grep -o 'href="/week/[0-9]*-W[0-9]*"' "$VAR/b" | head -n 1 | sed 's|href="/week/||; s|"||')
fetch "$URL/week/$week"
check "week page" test "$STATUS" = 200
check "seven day columns" test "$(grep -c 'class="week-day' "$VAR/b")" = 7
check "the week shows the tasks" has "Stretch"

e2e_finish

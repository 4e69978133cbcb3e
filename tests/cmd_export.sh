#!/usr/bin/env bash
# cmd_export: `trackpro seed bench` and `trackpro export csv|daily` against a fresh database —
# --help, a seeded run, the file on standard output and with --out (the same bytes), CRLF and
# the header rows, a tracker filter, and refusals: bad ranges and another user's tracker exit 2
# with a message and leave no file behind, an unknown address exits 1. Skips (exit 77) when
# TRACKPRO_BIN is not an executable.
set -uo pipefail
CMD_NAME='export'
# shellcheck source=tests/cmd_lib.sh
. "$(dirname "$0")/cmd_lib.sh"

run migrate --db "$DB" --data-dir "$SRC"
expect "migrate a fresh database" 0
run seed bench --users 2 --trackers 3 --tasks 2 --days 30 --time-zone Europe/Paris --db "$DB"
expect "seed two users" 0 "bench2@example.org"
run seed bench --users 1 --days 3 --db "$DB"
expect "seeding the same user again is refused" 1 "bench1@example.org"
run seed bench --days 0 --db "$DB"
expect "seed --days 0 is a usage error" 2 "--days"
run seed bench --time-zone Mars/Olympus --db "$DB"
expect "seed with an unknown zone" 2 "Mars/Olympus"
run seed --help
expect "seed --help" 0 "bench password"

today=$(TZ=Europe/Paris date +%F)
from=$(TZ=Europe/Paris date -d "$today - 30 days" +%F)
to=$(TZ=Europe/Paris date -d "$today - 1 day" +%F)

run export --help
expect "export --help" 0 "Usage: trackpro export csv|daily"
run export csv --help
expect "export csv --help" 0 "--tracker ID"
run export
expect "export without a kind" 2 "Usage"
run export json --user bench1@example.org
expect "unknown kind" 2 "unknown kind 'json'"

"$BIN" export csv --user bench1@example.org --from "$from" --to "$to" --db "$DB" >"$VAR/stdout.csv" 2>"$VAR/err"
RC=$?
[ "$RC" = 0 ] && ok "export csv to standard output" || fail "export csv exit $RC: $(cat "$VAR/err")"
if [ "$(head -c 3 "$VAR/stdout.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then ok "starts with a UTF-8 BOM"; else fail "no BOM"; fi
if head -n 1 "$VAR/stdout.csv" | tail -c +4 | grep -qx $'date,tracker,task,status,value,unit,points,note,completed_at\r'; then
	ok "header row"
else
	fail "header row: $(head -n 1 "$VAR/stdout.csv")"
fi
lines=$(wc -l <"$VAR/stdout.csv")
crlf=$(grep -c $'\r$' "$VAR/stdout.csv")
# quoted notes may hold a line break of their own: every record end is CRLF, so count those
if [ "$crlf" -ge 100 ] && [ "$crlf" -le "$lines" ]; then ok "CRLF line ends ($crlf records)"; else fail "records $crlf, lines $lines"; fi
if grep -qE ',done,.*,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+0[12]:00'$'\r$' "$VAR/stdout.csv"; then
	ok "completed_at carries the Paris offset"
else
	fail "no completed_at with +01:00/+02:00"
fi
if [ -n "${SQLITE3:-$(command -v sqlite3)}" ]; then
	want=$(sqlite3 "$DB" "SELECT count(*) FROM task_instances ti JOIN tracker_instances i ON i.id = ti.tracker_instance_id
		JOIN trackers k ON k.id = i.tracker_id JOIN users u ON u.id = k.user_id
		WHERE u.email = 'bench1@example.org' AND i.period_start BETWEEN '$from' AND '$to'")
	if [ "$((crlf - 1))" = "$want" ]; then ok "one row per task instance ($want)"; else fail "rows $((crlf - 1)), database $want"; fi
fi

run export csv --user bench1@example.org --from "$from" --to "$to" --db "$DB" --out "$VAR/out.csv"
expect "export csv --out" 0
if cmp -s "$VAR/out.csv" "$VAR/stdout.csv"; then ok "--out writes the same bytes"; else fail "--out differs from stdout"; fi
if [ -z "$(find "$VAR" -name 'out.csv.tmp-*')" ]; then ok "no temporary file left"; else fail "temporary file left"; fi

run export csv --user bench1@example.org --from "$from" --to "$to" --tracker 2 --db "$DB"
expect "export of one tracker" 0
if [ -n "$OUT" ] && ! tail -n +2 <<<"$OUT" | grep -q '^[0-9-]*,Morning routine,'; then ok "only that tracker"; else fail "tracker filter: $(head -n 3 <<<"$OUT")"; fi

run export daily --user bench1@example.org --from "$from" --to "$to" --db "$DB"
expect "export daily" 0 "date,due,done,percent,points,Health,Home,Learning,Work,No category"
days=$(grep -c $'\r$' <<<"$OUT")
if [ "$days" = 31 ]; then ok "daily: a header and one row per day"; else fail "daily rows: $days"; fi

run export csv --user bench1@example.org --from "$to" --to "$from" --db "$DB" --out "$VAR/bad.csv"
expect "to before from exits 2" 2 "comes before"
if [ ! -e "$VAR/bad.csv" ]; then ok "no file for a refused export"; else fail "bad.csv was written"; fi
run export csv --user bench1@example.org --from 2026-02-30 --to 2026-03-01 --db "$DB"
expect "a bad date exits 2" 2 "(from) is not a date"
run export csv --user bench1@example.org --from 2010-01-01 --to 2020-01-01 --db "$DB"
expect "more than 10 years exits 2" 2 "10 years"
run export csv --user bench1@example.org --to 2020-01-01 --db "$DB"
expect "a missing --from exits 2" 2 "first and the last day"
run export csv --from "$from" --to "$to" --db "$DB"
expect "a missing --user exits 2" 2 "--user"
run export csv --user bench1@example.org --from "$from" --to "$to" --tracker 4 --db "$DB"
expect "another user's tracker exits 2" 2 "has no tracker 4"
if [ -z "$OUT" ]; then ok "and writes nothing"; else fail "wrote: $OUT"; fi
run export csv --user bench1@example.org --from "$from" --to "$to" --tracker x --db "$DB"
expect "a tracker that is not a number exits 2" 2 "--tracker"
run export csv --user nobody@example.org --from "$from" --to "$to" --db "$DB"
expect "an unknown address exits 1" 1 "no account"
run export csv --user bench1@example.org --from "$from" --to "$to" --bogus 1 --db "$DB"
expect "an unknown option exits 2" 2 "--bogus"
run export csv --user bench1@example.org --from "$from" --to "$to" --db "$VAR/missing.db"
expect "a missing database exits 1" 1 "trackpro migrate"

# ---- the same file through nginx and the FastCGI worker, streamed (when nginx is installed) ----
NGINX_BIN=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })
if [ -n "$NGINX_BIN" ] && command -v curl >/dev/null; then
	SRC_CSV=$VAR/stdout.csv
	(
		E2E_NAME=export
		# shellcheck source=e2e_lib.sh
		. "$SRC/tests/e2e_lib.sh"
		cp "$DB" "$VAR/t.db"
		e2e_start_app >/dev/null
		e2e_start_nginx >/dev/null
		curl -s -c "$VAR/jar" -o "$VAR/login.html" "$URL/login"
		token=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$VAR/login.html" | head -n 1)
		curl -s -b "$VAR/jar" -c "$VAR/jar" -o /dev/null --data-urlencode "csrf=$token" \
			--data-urlencode "email=bench1@example.org" --data-urlencode "password=bench password" "$URL/login"
		curl -s -b "$VAR/jar" -D "$VAR/h" -o "$VAR/web.csv" "$URL/export.csv?from=$from&to=$to"
		check "web export answers 200" grep -q '^HTTP/1.1 200' "$VAR/h"
		check "web export is text/csv" test "$(header Content-Type)" = "text/csv; charset=utf-8"
		check "web export is an attachment" \
			test "$(header Content-Disposition)" = "attachment; filename=\"trackpro-$from-$to.csv\""
		check "web export is streamed (chunked, no Content-Length)" \
			bash -c 'grep -qi "^Transfer-Encoding: chunked" "$1" && ! grep -qi "^Content-Length" "$1"' _ "$VAR/h"
		check "web export is the command's file, byte for byte" cmp -s "$VAR/web.csv" "$SRC_CSV"
		curl -s -b "$VAR/jar" -D "$VAR/h" -o "$VAR/b" "$URL/export.csv?from=$to&to=$from"
		check "a bad range through nginx: 400 with the message" \
			bash -c 'grep -q "^HTTP/1.1 400" "$1" && grep -q "comes before" "$2"' _ "$VAR/h" "$VAR/b"
		check "the worker answers after the downloads" \
			test "$(curl -s -b "$VAR/jar" "$URL/healthz")" = ok
		e2e_finish
	) && ok "web export through nginx" || fail "web export through nginx (see above)"
else
	echo "# nginx or curl not installed: the web export through nginx is not checked"
fi

cmd_finish

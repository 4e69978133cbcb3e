#!/usr/bin/env bash
# cmd_seed_demo: `trackpro seed demo` and the quickstart's scripts/demo-account.sh against fresh
# databases — help texts (seed --help lists demo and bench), usage errors (exit 2), an unknown
# address (exit 1), a seeded account that exports as CSV, a second seed refused (exit 1) with
# the data unchanged, seed bench still working; demo-account.sh making the account with a
# random password on an empty database and doing nothing, silently, once accounts exist. Skips
# (exit 77) when TRACKPRO_BIN is not an executable.
set -uo pipefail
CMD_NAME='seed-demo'
# shellcheck source=tests/cmd_lib.sh
. "$(dirname "$0")/cmd_lib.sh"

run migrate --db "$DB" --data-dir "$SRC"
expect "migrate a fresh database" 0

run seed --help
expect "seed --help lists seed demo" 0 "trackpro seed demo --user EMAIL"
expect "seed --help lists seed bench" 0 "trackpro seed bench"
expect "seed --help keeps the bench password" 0 "bench password"
run seed demo --help
expect "seed demo --help" 0 "--days N"
run seed demo --db "$DB"
expect "seed demo without --user" 2 "--user EMAIL is missing"
run seed demo --user a@example.org --days 0 --db "$DB"
expect "seed demo --days 0" 2 "--days takes a whole number from 1 to 730"
run seed demo --user a@example.org --days 731 --db "$DB"
expect "seed demo --days 731" 2 "--days"
run seed demo --user a@example.org --colour red --db "$DB"
expect "seed demo with an unknown flag" 2 "--colour"
run seed demo --user nobody@example.org --db "$DB"
expect "seed demo for an unknown address" 1 "no account has the address 'nobody@example.org'"
run seed demo --user a@example.org --db "$VAR/missing.db"
expect "seed demo without a database" 1 "trackpro migrate"
run seed nonsense
expect "an unknown kind" 2 "demo or bench"

printf 'correct horse battery\n' | "$BIN" user add ann@example.org --db "$DB" >/dev/null 2>&1 || fail "user add"
run seed demo --user ann@example.org --days 30 --db "$DB" --data-dir "$SRC"
expect "seed demo fills the account" 0 "ann@example.org: 30 days of history, 4 trackers with 15 tasks"
expect "seed demo prints the share link's path once" 0 "(shown only now): /s/"

today=$(date -u +%F)
from=$(date -u -d "$today - 40 days" +%F)
"$BIN" export csv --user ann@example.org --from "$from" --to "$today" --db "$DB" >"$VAR/before.csv" 2>"$VAR/err"
RC=$?
[ "$RC" = 0 ] && ok "the demo data exports as CSV" || fail "export csv exit $RC: $(cat "$VAR/err")"
rows=$(grep -c $'\r$' "$VAR/before.csv")
if [ "$rows" -gt 150 ] && grep -q ',Morning routine,Drink a glass of water,done,' "$VAR/before.csv" &&
	grep -q ',21-day detox,No social media,' "$VAR/before.csv"; then
	ok "the export holds the demo's check-ins ($rows rows)"
else
	fail "the export has $rows rows: $(head -c 400 "$VAR/before.csv")"
fi
"$BIN" export daily --user ann@example.org --from "$from" --to "$today" --db "$DB" >"$VAR/daily.csv" 2>"$VAR/err" &&
	grep -q 'Fitness,Health,Learning,Mind' "$VAR/daily.csv" && ok "the daily export has the demo's categories" ||
	fail "export daily: $(head -n 1 "$VAR/daily.csv") $(cat "$VAR/err")"

run seed demo --user ann@example.org --days 30 --db "$DB"
expect "a second seed is refused" 1 "already has trackers, goals, categories or tags"
"$BIN" export csv --user ann@example.org --from "$from" --to "$today" --db "$DB" >"$VAR/after.csv" 2>/dev/null
if cmp -s "$VAR/before.csv" "$VAR/after.csv"; then ok "the refused seed changed nothing"; else fail "the data changed"; fi

run seed bench --users 1 --trackers 2 --tasks 2 --days 5 --db "$DB"
expect "seed bench still works" 0 "bench1@example.org"

# scripts/demo-account.sh: a fresh database gets the demo account, printed once
SCRIPT=$SRC/scripts/demo-account.sh
DB2=$VAR/fresh.db
"$BIN" migrate --db "$DB2" --data-dir "$SRC" >/dev/null 2>&1 || fail "migrate $DB2"
OUT=$("$SCRIPT" "$BIN" "$DB2" "$SRC" 2>"$VAR/err")
RC=$?
expect "demo-account.sh on an empty database" 0 "e-mail:   demo@example.org"
password=$(sed -n 's/^  password: //p' <<<"$OUT")
if [[ "$password" =~ ^[A-Za-z0-9_-]{24}$ ]]; then ok "a random password is printed"; else fail "password '$password'"; fi
expect "demo-account.sh prints the share link" 0 "shared read-only at the path /s/"
run user list --db "$DB2"
expect "the demo account exists" 0 "demo@example.org"
run seed demo --user demo@example.org --db "$DB2"
expect "the demo account is filled" 1 "already has trackers"
OUT=$("$SCRIPT" "$BIN" "$DB2" "$SRC" 2>&1)
RC=$?
if [ "$RC" = 0 ] && [ -z "$OUT" ]; then ok "a second run does nothing and prints nothing"; else fail "second run: $RC $OUT"; fi
OUT=$("$SCRIPT" "$BIN" "$DB" "$SRC" 2>&1)
RC=$?
if [ "$RC" = 0 ] && [ -z "$OUT" ]; then ok "a database with accounts is left alone"; else fail "with accounts: $RC $OUT"; fi
run user list --db "$DB"
if ! grep -q demo@example.org <<<"$OUT"; then ok "no demo account next to real ones"; else fail "demo account added: $OUT"; fi
OUT=$("$SCRIPT" "$BIN" "$VAR/missing.db" "$SRC" 2>&1)
RC=$?
if [ "$RC" != 0 ]; then ok "a missing database fails"; else fail "missing database: $OUT"; fi

cmd_finish

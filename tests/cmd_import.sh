#!/usr/bin/env bash
# cmd_import: `trackpro import loop FILE --user EMAIL [--dry-run]` against a fresh database —
# --help and usage errors (exit 2), the Loop samples of ../shared imported with their summary,
# a second import adding nothing, a dry run saving nothing, the CSV export zipped here (with
# `zip`), refused files and an unknown address (exit 1, nothing saved), and progress on
# standard error for a large backup made with the sqlite3 shell. Skips (exit 77) when
# TRACKPRO_BIN is not an executable or ../shared (TRACKPRO_SHARED) is absent; the parts that
# need `zip` or `sqlite3` are left out without them.
set -uo pipefail
LOOP=${TRACKPRO_SHARED:-${TRACKPRO_SRCDIR:-.}/../shared}/fixtures/loop
if [ ! -f "$LOOP/databases/021.db" ]; then
	echo "SKIP: the Loop samples ($LOOP) are absent"
	exit 77
fi
CMD_NAME='import'
# shellcheck source=tests/cmd_lib.sh
. "$(dirname "$0")/cmd_lib.sh"
SQLITE=$(command -v sqlite3 || true)
# count TABLE: rows of TABLE (empty without the sqlite3 shell).
count() { [ -n "$SQLITE" ] && "$SQLITE" "$DB" "SELECT count(*) FROM $1"; }

run import --help
expect "import --help" 0 "Usage: trackpro import loop FILE --user EMAIL"
run import loop --help
expect "import loop --help" 0 "--dry-run"
run import
expect "import without a source" 2 "Usage"
run import habitica x.json --user a@example.org
expect "an unknown source" 2 "unknown source 'habitica'"
run import loop --user a@example.org --db "$DB"
expect "a missing FILE" 2 "FILE is missing"
run import loop "$LOOP/databases/021.db" --db "$DB"
expect "a missing --user" 2 "--user EMAIL is missing"
run import loop "$LOOP/databases/021.db" --user a@example.org --bogus --db "$DB"
expect "an unknown option" 2 "--bogus"
run import loop "$LOOP/databases/021.db" --user a@example.org --db "$VAR/missing.db"
expect "a missing database" 1 "trackpro migrate"

run migrate --db "$DB" --data-dir "$SRC"
expect "migrate a fresh database" 0
OUT=$(printf 'correct horse battery\n' | "$BIN" user add a@example.org --db "$DB" 2>&1)
RC=$?
expect "add the account" 0 "added a@example.org"

run import loop "$LOOP/databases/021.db" --user nobody@example.org --db "$DB"
expect "an unknown address" 1 "no account with the address nobody@example.org"
run import loop "$LOOP/databases/021.db" --user a@example.org --db "$DB"
expect "import 021.db" 0 "Loop backup database, schema 21"
expect "021.db: one new habit" 0 "habits: 1 (1 new, 0 imported before)"
expect "021.db: three check-ins" 0 "check-ins: 3 added or changed, 0 already there"
expect "021.db: nothing skipped" 0 "skipped rows: 0"
run import loop "$LOOP/databases/021.db" --user=a@example.org --db "$DB"
expect "the same file again adds nothing" 0 "check-ins: 0 added or changed, 3 already there"
expect "and finds the habit again" 0 "habits: 1 (0 new, 1 imported before)"
trackers=$(count trackers)
run import loop "$LOOP/databases/022.db" --user a@example.org --dry-run --db "$DB"
expect "a dry run" 0 "(dry run: nothing was saved)"
expect "a dry run tells what it would do" 0 "habits: 2 (2 new, 0 imported before)"
if [ -n "$SQLITE" ]; then
	if [ "$(count trackers)" = "$trackers" ]; then ok "the dry run saved nothing"; else fail "the dry run made trackers"; fi
fi
run import loop "$LOOP/databases/022.db" --user a@example.org --db "$DB"
expect "import 022.db" 0 "habits: 2 (2 new, 0 imported before)"
if [ -n "$SQLITE" ]; then
	got=$("$SQLITE" "$DB" "SELECT reminder_minute || ' ' || reminder_weekdays FROM task_templates WHERE name = 'Work out'")
	if [ "$got" = "1080 60" ]; then ok "022.db: the reminder at 18:00, Wednesday to Saturday"; else fail "reminder: $got"; fi
fi

if command -v zip >/dev/null; then
	(cd "$LOOP/csv_export" && zip -qr "$VAR/export.zip" .)
	run import loop "$VAR/export.zip" --user a@example.org --db "$DB"
	expect "import the CSV export" 0 "Loop CSV export (words)"
	expect "the CSV export's habits" 0 "habits: 2 (2 new, 0 imported before)"
	expect "the CSV export's YES_AUTO row records nothing" 0 "skipped rows: 1 (0 of a habit the file lacks, 0 repeating a day, 1 with nothing"
	mkdir "$VAR/nohabits"
	printf 'Date,Run,\n2020-01-01,YES_MANUAL,\n' >"$VAR/nohabits/Checkmarks.csv"
	(cd "$VAR/nohabits" && zip -q "$VAR/nohabits.zip" Checkmarks.csv)
	run import loop "$VAR/nohabits.zip" --user a@example.org --db "$DB"
	expect "a zip without Habits.csv" 1 "no Habits.csv"
else
	echo "# zip is not installed: the CSV export is not imported here"
fi

before=$(count task_instances)
head -c 5000 "$LOOP/databases/022.db" >"$VAR/cut.db"
run import loop "$VAR/cut.db" --user a@example.org --db "$DB"
expect "a truncated backup" 1 "truncated"
printf 'just some text\n' >"$VAR/notes.txt"
run import loop "$VAR/notes.txt" --user a@example.org --db "$DB"
expect "a foreign file" 1 "neither a Loop Habit Tracker backup"
run import loop "$VAR/absent.db" --user a@example.org --db "$DB"
expect "a file that is not there" 1 "cannot be read"
if [ -n "$SQLITE" ]; then
	if [ "$(count task_instances)" = "$before" ]; then ok "refused files saved nothing"; else fail "refused files wrote"; fi

	# a large backup: 20,000 check-ins of one habit, the progress on standard error (not a tty)
	"$SQLITE" "$VAR/big.db" "PRAGMA user_version = 22;
		CREATE TABLE Habits (id integer primary key autoincrement, archived integer, color integer,
		 description text, freq_den integer, freq_num integer, highlight integer, name text, position integer,
		 reminder_hour integer, reminder_min integer, reminder_days integer not null default 127,
		 type integer not null default 0, target_type integer not null default 0,
		 target_value real not null default 0, unit text not null default '');
		CREATE TABLE Repetitions (id integer primary key autoincrement, habit integer not null,
		 timestamp integer not null, value integer not null);
		INSERT INTO Habits (id, archived, color, description, freq_den, freq_num, name, position)
		 VALUES (1, 0, 5, '', 1, 1, 'Long habit', 0);
		WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999)
		 INSERT INTO Repetitions (habit, timestamp, value) SELECT 1, (7000 + i) * 86400000, 2 - (i % 5 = 0) * 2 FROM n;"
	run import loop "$VAR/big.db" --user a@example.org --db "$DB"
	expect "a large backup" 0 "check-ins: 20000 added or changed"
	if grep -qx "check-ins: 20000 of 20000" <<<"$ERR" && [ "$(grep -c . <<<"$ERR")" = 1 ]; then
		ok "one progress line on standard error when it is not a terminal"
	else
		fail "progress: $ERR"
	fi
else
	echo "# sqlite3 is not installed: row counts and the large backup are not checked"
fi

cmd_finish

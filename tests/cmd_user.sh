#!/usr/bin/env bash
# cmd_user: `trackpro user add|passwd|list|delete` against a fresh database — passwords on
# stdin, refusals (taken address, common password, bad zone, no confirmation), exit codes 0/1/2
# and every --help. With the sqlite3 shell installed it also checks that passwd replaces the
# hash and ends the sessions. Skips (exit 77) when TRACKPRO_BIN is not an executable.
set -uo pipefail
CMD_NAME='user'
# shellcheck source=tests/cmd_lib.sh
. "$(dirname "$0")/cmd_lib.sh"
# run INPUT ARG...: runs trackpro with INPUT on stdin ("-" for /dev/null); sets RC and OUT
# (stdout and stderr together).
run() {
	local input=$1; shift
	if [ "$input" = - ]; then
		OUT=$("$BIN" "$@" </dev/null 2>&1)
	else
		OUT=$(printf '%s\n' "$input" | "$BIN" "$@" 2>&1)
	fi
	RC=$?
	ERR=
}

run - migrate --db "$DB" --data-dir "$SRC"
expect "migrate a fresh database" 0

run 'correct horse battery' user add ann@example.org --db "$DB"
expect "add with the password on stdin" 0 "added ann@example.org (id 1)"
run 'another fine secret' user add ANN@example.org --db "$DB"
expect "same address again (any case) refused" 1 "exists already"
run 'password' user add bob@example.org --db "$DB"
expect "common password refused" 1 "common"
run 'short' user add bob@example.org --db "$DB"
expect "short password refused" 1 "8"
run - user add bob@example.org --db "$DB"
expect "empty standard input refused" 1 "no password"
run 'correct horse battery' user add not-an-address --db "$DB"
expect "malformed address refused" 1 "not-an-address"
run 'correct horse battery' user add bob@example.org --time-zone Mars/Olympus --db "$DB"
expect "unknown time zone refused" 1 "Mars/Olympus"
run 'correct horse battery' user add bob@example.org --time-zone ../../etc/passwd --db "$DB"
expect "path as time zone refused" 1 "unknown time zone"
run 'bob has a good one' user add bob@example.org --name 'Bob Builder' --time-zone Europe/Paris --admin --db "$DB"
expect "add with name, zone and admin" 0 "added bob@example.org (id 2)"
TRACKPRO_DB=$DB run 'carol secret words' user add carol@example.org --name=Carol --time-zone=Asia/Kolkata
expect "database from TRACKPRO_DB, --flag=value" 0 "added carol@example.org (id 3)"

run - user list --db "$DB"
expect "list exits 0" 0 "EMAIL"
if grep -qE '^1 +ann@example\.org +ann +no +[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z +never$' <<<"$OUT"; then
	ok "list shows the default name, not admin, created, never logged in"
else
	fail "list line of ann: $OUT"
fi
if grep -qE '^2 +bob@example\.org +Bob Builder +yes ' <<<"$OUT"; then ok "list shows the admin"; else fail "list line of bob: $OUT"; fi
if [ "$(wc -l <<<"$OUT")" = 4 ]; then ok "list has a header and three lines"; else fail "list line count: $OUT"; fi

SQL=$(command -v sqlite3 || true)
if [ -n "$SQL" ]; then
	"$SQL" "$DB" "INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at)
		VALUES (1, randomblob(32), randomblob(32), 0, 0, 4000000000),
		       (1, randomblob(32), randomblob(32), 0, 0, 4000000000),
		       (2, randomblob(32), randomblob(32), 0, 0, 4000000000);"
	old_hash=$("$SQL" "$DB" "SELECT password_hash FROM users WHERE id = 1")
fi
run 'a brand new secret' user passwd ann@example.org --db "$DB"
if [ -n "$SQL" ]; then
	expect "passwd ends the account's sessions" 0 "password changed for ann@example.org; 2 sessions ended"
	new_hash=$("$SQL" "$DB" "SELECT password_hash FROM users WHERE id = 1")
	if [ -n "$new_hash" ] && [ "$new_hash" != "$old_hash" ] && [ "${new_hash#\$argon2id\$}" != "$new_hash" ]; then
		ok "passwd stored a new Argon2id hash"
	else
		fail "password hash not replaced: $old_hash / $new_hash"
	fi
	left=$("$SQL" "$DB" "SELECT count(*) FROM sessions WHERE user_id = 1"),$("$SQL" "$DB" "SELECT count(*) FROM sessions WHERE user_id = 2")
	if [ "$left" = 0,1 ]; then ok "other accounts keep their sessions"; else fail "sessions left (ann,bob): $left"; fi
else
	expect "passwd" 0 "password changed for ann@example.org; 0 sessions ended"
	echo "# sqlite3 not installed: hash and session checks skipped"
fi
run 'a brand new secret' user passwd nobody@example.org --db "$DB"
expect "passwd of an unknown address" 1 "no account"
run 'password123' user passwd ann@example.org --db "$DB"
expect "passwd refuses a common password" 1 "common"

run - user delete bob@example.org --db "$DB"
expect "delete without --yes and no terminal refused" 1 "--yes"
run - user list --db "$DB"
expect "refused delete kept the account" 0 "bob@example.org"
run - user delete bob@example.org --yes --db "$DB"
expect "delete --yes" 0 "deleted bob@example.org"
run - user delete bob@example.org --yes --db "$DB"
expect "delete of a deleted account" 1 "no account"
run - user delete ann@example.org --yes --db "$DB"
expect "delete ann" 0 "deleted ann@example.org"
run - user delete Carol@Example.org --yes --db "$DB"
expect "delete matches the address in any case" 0 "deleted carol@example.org"
run - user list --db "$DB"
expect "list of no accounts" 0 "no users yet"

: >"$VAR/empty.db"
run - user list --db "$VAR/empty.db"
expect "unmigrated database refused" 1 "trackpro migrate"
run - user list --db "$VAR/missing.db"
expect "missing database refused" 1 "trackpro migrate"
if [ ! -e "$VAR/missing.db" ]; then ok "missing database not created"; else fail "user list created $VAR/missing.db"; fi

run - user
expect "no subcommand is a usage error" 2 "Usage: trackpro user"
run - user frobnicate
expect "unknown subcommand exits 2" 2 "unknown subcommand"
run - user add --db "$DB"
expect "missing EMAIL exits 2" 2 "EMAIL"
run - user add x@example.org --yes --db "$DB"
expect "option of another subcommand exits 2" 2 "unknown option '--yes'"
run - user list --bogus=1 --db "$DB"
expect "unknown option exits 2" 2 "--bogus"
run - user list --db
expect "settings flag without its value exits 2" 2 "--db"
run - user list extra --db "$DB"
expect "extra argument exits 2" 2 "extra"
run - user add x@example.org --name
expect "option without its value exits 2" 2 "--name"
for sub in "" add passwd list delete; do
	# shellcheck disable=SC2086
	run - user $sub --help
	expect "user${sub:+ $sub} --help" 0 "TRACKPRO_DB"
done
run - user delete -h
expect "-h is --help" 0 "Usage: trackpro user delete"

cmd_finish

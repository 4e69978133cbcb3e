#!/usr/bin/env bash
# demo-account.sh: on a database with no accounts yet, makes the demo account demo@example.org
# with a random password and fills it with `trackpro seed demo`, then prints its e-mail address,
# password and share link on standard output. On a database that has accounts it does nothing
# and prints nothing. Used by ./quickstart run; tests/cmd_seed_demo.sh tests it.
# Usage: scripts/demo-account.sh TRACKPRO_BINARY DB DATA_DIR
# Exit status: 0 done (or nothing to do), 1 failed (the half-made account is deleted again).
set -euo pipefail
if [ $# -ne 3 ]; then
	echo "usage: $0 TRACKPRO_BINARY DB DATA_DIR" >&2
	exit 2
fi
bin=$1 db=$2 data=$3
email=demo@example.org

accounts=$("$bin" user list --db "$db" --data-dir "$data")
[ "$accounts" = "no users yet" ] || exit 0

# 18 random bytes as 24 characters of base64url: letters, digits, '-' and '_'
password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
# the machine's time zone, so that "yesterday" is the newcomer's; UTC when trackpro refuses it
zone=$(cat /etc/timezone 2>/dev/null || readlink -f /etc/localtime 2>/dev/null | sed -n 's|.*/zoneinfo/||p' || true)
if [ -z "$zone" ] ||
	! printf '%s\n' "$password" | "$bin" user add "$email" --name Demo --time-zone "$zone" \
		--db "$db" --data-dir "$data" >/dev/null 2>&1; then
	printf '%s\n' "$password" | "$bin" user add "$email" --name Demo --db "$db" --data-dir "$data" >/dev/null
fi
if ! seeded=$("$bin" seed demo --user "$email" --db "$db" --data-dir "$data"); then
	"$bin" user delete "$email" --yes --db "$db" --data-dir "$data" >/dev/null 2>&1 || true
	echo "demo-account.sh: could not fill the demo account; it was removed again" >&2
	exit 1
fi
share=$(sed -n 's|.*(shown only now): \(/s/[A-Za-z0-9_-]*\)$|\1|p' <<<"$seeded")

echo "Log in with the demo account (made as the database had no accounts):"
echo "  e-mail:   $email"
echo "  password: $password"
if [ -n "$share" ]; then
	echo "  its \"Morning routine\" is shared read-only at the path $share"
fi

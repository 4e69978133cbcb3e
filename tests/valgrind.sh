#!/usr/bin/env bash
# valgrind.sh: runs every Check suite of a build under valgrind's memcheck (not part of
# `make check`: it takes minutes). Usage: tests/valgrind.sh [BUILD_DIR]   (default: build)
# Exits 1 when any suite fails or valgrind reports an error or a definite leak.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
export TRACKPRO_SHARED=$top/../shared TRACKPRO_TEMPLATES=$top/templates TRACKPRO_SQL_DIR=$top/sql
export TRACKPRO_SRCDIR=$top TRACKPRO_BIN=$build/trackpro CK_FORK=no CK_DEFAULT_TIMEOUT=0
status=0
for suite in "$build"/tests/check_*; do
	[ -x "$suite" ] || continue
	log=$(mktemp)
	if valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
		"$suite" >"$log" 2>&1; then
		echo "ok - $(basename "$suite")"
	else
		echo "FAIL - $(basename "$suite") (log: $log)"
		status=1
		continue
	fi
	rm -f "$log"
done
exit $status

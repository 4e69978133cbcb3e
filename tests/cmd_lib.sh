# cmd_lib.sh: what the command-line test scripts (tests/cmd_*.sh) share, sourced by them: the
# skip rule (exit 77 when TRACKPRO_BIN is not an executable), a temporary folder with a database
# path, check reporting, running trackpro with its exit status and output kept, and the ending.
# A script sets CMD_NAME ("export", "import" …), sources this file, runs its checks with run and
# expect (or its own run), and ends with cmd_finish.
BIN=${TRACKPRO_BIN:-}
SRC=${TRACKPRO_SRCDIR:-.}
if [ -z "$BIN" ] || [ ! -x "$BIN" ]; then
	echo "SKIP: TRACKPRO_BIN is not set to the trackpro binary"
	exit 77
fi
VAR=$(mktemp -d "/tmp/trackpro-${CMD_NAME:-cmd}-XXXXXX")
trap 'rm -rf "$VAR"' EXIT
unset TRACKPRO_DB TRACKPRO_DATA_DIR
DB=$VAR/t.db
FAILS=0
ok() { echo "ok - $*"; }
fail() { echo "FAIL - $*"; FAILS=$((FAILS + 1)); }
# run ARG...: runs trackpro with nothing on stdin; sets RC, OUT (stdout) and ERR (stderr).
run() {
	OUT=$("$BIN" "$@" 2>"$VAR/err" </dev/null)
	RC=$?
	ERR=$(cat "$VAR/err")
}
# expect NAME CODE [TEXT]: the last run exited CODE and (when given) stdout or stderr holds TEXT.
expect() {
	local name=$1 code=$2 text=${3:-}
	if [ "$RC" = "$code" ] && { [ -z "$text" ] || grep -qF -- "$text" <<<"$OUT${ERR:-}"; }; then
		ok "$name"
	else
		fail "$name (exit $RC, wanted $code${text:+ and \"$text\"}): $OUT ${ERR:-}"
	fi
}
# cmd_finish: exits 1 after any failed check, else 0, with a closing line.
cmd_finish() {
	if [ "$FAILS" -gt 0 ]; then
		echo "$FAILS ${CMD_NAME:-command} check(s) failed"
		exit 1
	fi
	echo "all ${CMD_NAME:-command} checks passed"
	exit 0
}

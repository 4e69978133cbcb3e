# e2e_lib.sh: what the end-to-end scripts share, sourced by them: the skip rule, a temporary
# folder, starting `trackpro serve` and an nginx of its own on a free loopback port, check
# reporting, and cleanup. A script sets E2E_NAME, sources this file, then calls
# e2e_start_app [SERVE FLAGS...] and e2e_start_nginx; it ends with e2e_finish.
BIN=${TRACKPRO_BIN:-./build/trackpro}
SRC=${TRACKPRO_SRCDIR:-.}
NGINX=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })
if [ -z "$NGINX" ] || ! command -v curl >/dev/null; then
	echo "SKIP: nginx or curl not installed"
	exit 77
fi
VAR=$(mktemp -d "/tmp/trackpro-${E2E_NAME:-e2e}-XXXXXX")
FAILS=0 APP=0 NGX=0 PORT= URL=
e2e_cleanup() {
	[ "$NGX" != 0 ] && kill "$NGX" 2>/dev/null && wait "$NGX" 2>/dev/null
	[ "$APP" != 0 ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null
	rm -rf "$VAR"
}
trap e2e_cleanup EXIT
ok() { echo "ok - $*"; }
fail() { echo "FAIL - $*"; FAILS=$((FAILS + 1)); }
# check NAME COND...: runs the condition, reports it
check() { local name=$1; shift; if "$@"; then ok "$name"; else fail "$name"; fi; }
# header NAME: the first value of header NAME in the last response's headers ($VAR/h)
header() { grep -i "^$1:" "$VAR/h" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }

# e2e_start_app [FLAGS...]: migrates a fresh database and starts the server (pid in $APP).
e2e_start_app() {
	"$BIN" migrate --db "$VAR/t.db" --data-dir "$SRC" || { echo "migrate failed"; exit 1; }
	"$BIN" serve --db "$VAR/t.db" --socket "$VAR/trackpro.sock" --data-dir "$SRC" --workers 2 "$@" \
		2>"$VAR/app.log" &
	APP=$!
	for _ in $(seq 100); do [ -S "$VAR/trackpro.sock" ] && break; sleep 0.05; done
}

# e2e_start_nginx: starts nginx on a free random port (pid in $NGX, address in $URL).
e2e_start_nginx() {
	local p
	for _ in 1 2 3 4 5 6 7 8; do
		p=$((20000 + RANDOM % 40000))
		"$SRC/scripts/nginx-conf.sh" "$SRC" "$VAR" "$p" >"$VAR/nginx.conf"
		"$NGINX" -p "$VAR" -c "$VAR/nginx.conf" -e "$VAR/nginx-error.log" -g 'daemon off;' \
			2>>"$VAR/nginx-start.log" &
		NGX=$!
		for _ in $(seq 50); do
			curl -s -o /dev/null "http://127.0.0.1:$p/healthz" && { PORT=$p; break; }
			kill -0 "$NGX" 2>/dev/null || break
			sleep 0.05
		done
		[ -n "$PORT" ] && break
		kill "$NGX" 2>/dev/null; wait "$NGX" 2>/dev/null; NGX=0
	done
	if [ -z "$PORT" ]; then
		echo "could not start nginx:"; cat "$VAR/nginx-start.log" "$VAR/nginx-error.log" 2>/dev/null
		exit 1
	fi
	URL="http://127.0.0.1:$PORT"
	echo "# nginx on $URL"
}

# e2e_finish: prints the logs after a failure and exits 1, else exits 0.
e2e_finish() {
	if [ "$FAILS" -gt 0 ]; then
		echo "--- app log"; tail -n 30 "$VAR/app.log"
		echo "--- nginx error log"; tail -n 30 "$VAR/nginx-error.log" 2>/dev/null
		exit 1
	fi
	echo "all end-to-end checks passed"
	exit 0
}

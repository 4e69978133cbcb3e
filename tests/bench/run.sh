#!/usr/bin/env bash
# tests/bench/run.sh: the speed benchmark of issue 6 (not part of `make check`; run it on purpose).
# For 1 and 3 years of history of one user with 10 trackers × 5 tasks (`trackpro seed bench`), it
# starts `trackpro serve` and nginx on loopback (tests/e2e_lib.sh), logs in, and runs wrk against
# /healthz, /, /stats and a tracker's stats page twice: cold, with the page cache off
# (--page-cache-size 0: every request renders its page), and warm, with the page cache on (the
# default size: repeated requests for an unchanged database are answered from it). It times a
# 90-day and a 3-year CSV export (median of 5 with curl), and when tests/bench/pagetime is built
# next to the binary, the cost of one request in-process. It prints both histories side by side:
# requests/s, p50 and p99 latency, and each page's throughput as a ratio to /healthz of the same
# run. See tests/bench/README.md.
#
# Uses build/trackpro as it is (builds nothing). Installs wrk with apt-get when it is missing and
# this runs as root. Settings (environment): DURATION (10s), CONNECTIONS (16), THREADS (2),
# WORKERS (2), YEARS ("1 3"), ZONE (Europe/Paris), EXPORT_RUNS (5), REPEAT (1: wrk runs per page
# and mode; with more, each figure is the median of the runs), MODES ("cold warm"), NGINX_EXTRA
# (nginx directives to try, added to the http block), TRACKPRO_BIN, PAGETIME.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
BIN=${TRACKPRO_BIN:-$ROOT/build/trackpro}
PAGETIME=${PAGETIME:-$(dirname "$BIN")/tests/bench/pagetime}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}
YEARS=${YEARS:-1 3}
ZONE=${ZONE:-Europe/Paris}
EXPORT_RUNS=${EXPORT_RUNS:-5}
REPEAT=${REPEAT:-1}
MODES=${MODES:-cold warm}

say() { printf 'bench: %s\n' "$*" >&2; }

if [ ! -x "$BIN" ]; then
	say "no $BIN: build first (./quickstart test, or make -C build)"
	exit 1
fi
if ! command -v wrk >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		say "installing wrk"
		DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
	fi
	command -v wrk >/dev/null || { say "wrk is missing: apt-get install wrk (as root)"; exit 1; }
fi

RESULTS=$(mktemp -d /tmp/trackpro-bench-results-XXXXXX)
trap 'rm -rf "$RESULTS"' EXIT

# to_ms VALUE: wrk's "850.00us", "1.23ms", "2.01s" in milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
		printf "%.2f", n
	}'
}

# median: the median of the numbers on standard input (one per line).
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] }'; }

# cache_flag MODE: the serve flag of a mode.
cache_flag() { if [ "$1" = cold ]; then echo "--page-cache-size=0"; else echo "--page-cache-size=8388608"; fi; }

# measure YEARS: one history in a subshell (its own database, serve and nginx, cleaned up by
# e2e_lib's trap); writes KEY=VALUE lines to $RESULTS/YEARSy.
measure() {
	local years=$1 file=$RESULTS/${1}y
	(
		export TRACKPRO_BIN=$BIN TRACKPRO_SRCDIR=$ROOT E2E_NAME=bench-${years}y
		# shellcheck source=../e2e_lib.sh
		. "$ROOT/tests/e2e_lib.sh"
		days=$((365 * years))
		"$BIN" migrate --db "$VAR/t.db" --data-dir "$ROOT" >/dev/null || exit 1
		say "seeding ${years} year(s): $days days"
		"$BIN" seed bench --users 1 --trackers 10 --tasks 5 --days "$days" --time-zone "$ZONE" \
			--db "$VAR/t.db" >&2 || exit 1
		echo "seed_bytes=$(stat -c %s "$VAR/t.db")" >>"$file"
		cookie= tracker=
		for mode in $MODES; do
			if [ "$APP" != 0 ]; then # the next mode: the same database, a server with another cache
				kill "$APP" 2>/dev/null
				wait "$APP" 2>/dev/null
				APP=0
			fi
			e2e_start_app --workers "$WORKERS" "$(cache_flag "$mode")" >&2
			if [ "$NGX" = 0 ]; then
				e2e_start_nginx >&2
				if [ -n "${NGINX_EXTRA:-}" ]; then # settings to try, in the http block
					awk -v extra="$NGINX_EXTRA" '/^\tupstream trackpro/ { print "\t" extra } { print }' \
						"$VAR/nginx.conf" >"$VAR/nginx.conf.new" && mv "$VAR/nginx.conf.new" "$VAR/nginx.conf"
					"$NGINX" -p "$VAR" -c "$VAR/nginx.conf" -s reload 2>>"$VAR/nginx-start.log"
					sleep 1
				fi
			fi
			if [ -z "$cookie" ]; then
				# log in like a browser: the form's CSRF token, then the session cookie
				curl -s -c "$VAR/jar" -o "$VAR/login.html" "$URL/login"
				token=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$VAR/login.html" | head -n 1)
				curl -s -b "$VAR/jar" -c "$VAR/jar" -o /dev/null --data-urlencode "csrf=$token" \
					--data-urlencode "email=bench1@example.org" --data-urlencode "password=bench password" \
					"$URL/login"
				session=$(awk '$6 == "trackpro_session" { print $7 }' "$VAR/jar")
				if [ -z "$session" ]; then say "login failed"; exit 1; fi
				cookie="trackpro_session=$session"
				tracker=$(curl -s -H "Cookie: $cookie" "$URL/trackers" | grep -o 'href="/trackers/[0-9]*"' |
					head -n 1 | grep -o '[0-9]*')
				echo "tracker=$tracker" >>"$file"
			fi
			curl -s -o /dev/null -H "Cookie: $cookie" "$URL/" # today's periods are made on the first visit
			for page in /healthz / /stats "/trackers/$tracker/stats"; do
				key=$(echo "$page" | tr -c 'a-z0-9\n' '_')
				code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$URL$page")
				if [ "$code" != 200 ]; then
					echo "page_${mode}_${key}=skipped (HTTP $code)" >>"$file"
					continue
				fi
				: >"$VAR/runs"
				for run in $(seq "$REPEAT"); do
					say "${years}y $mode: wrk $page ($run of $REPEAT)"
					wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $cookie" "$URL$page" \
						>"$VAR/wrk.txt"
					rps=$(awk '/^Requests\/sec:/ { print $2 }' "$VAR/wrk.txt")
					p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$VAR/wrk.txt")")
					p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$VAR/wrk.txt")")
					bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$VAR/wrk.txt")
					timeouts=$(sed -n 's/.*timeout \([0-9]*\).*/\1/p' "$VAR/wrk.txt")
					echo "$rps $p50 $p99 ${bad:-0} ${timeouts:-0}" >>"$VAR/runs"
				done
				# the median of each figure over the runs; errors added up
				m_rps=$(awk '{ print $1 }' "$VAR/runs" | median)
				m_p50=$(awk '{ print $2 }' "$VAR/runs" | median)
				m_p99=$(awk '{ print $3 }' "$VAR/runs" | median)
				bad=$(awk '{ s += $4 } END { print s + 0 }' "$VAR/runs")
				timeouts=$(awk '{ s += $5 } END { print s + 0 }' "$VAR/runs")
				echo "page_${mode}_${key}=$m_rps $m_p50 $m_p99 $bad $timeouts" >>"$file"
				if [ "$bad" != 0 ] || [ "$timeouts" != 0 ]; then
					echo "note=${years}y $mode $page: $bad response(s) not 2xx/3xx, $timeouts timeout(s);" \
						"app log: $(grep -v ' 200 \| 303 ' "$VAR/app.log" | grep -v 'serving on' | sort |
							uniq -c | sort -rn | head -n 3 | tr -s ' \n' ' ')" >>"$file"
				fi
			done
		done
		today=$(TZ=$ZONE date +%F)
		last=$(date -d "$today - 1 day" +%F)
		for span in 90 $((365 * 3)); do
			first=$(date -d "$today - $span days" +%F)
			times=()
			for _ in $(seq "$EXPORT_RUNS"); do
				out=$(curl -s -o "$VAR/export.csv" -w '%{http_code} %{time_total}' -H "Cookie: $cookie" \
					"$URL/export.csv?from=$first&to=$last")
				[ "${out%% *}" = 200 ] || { say "export answered ${out%% *}"; times=(); break; }
				times+=("${out#* }")
			done
			rows=$(($(grep -c $'\r$' "$VAR/export.csv") - 1))
			if [ ${#times[@]} -gt 0 ]; then
				echo "export_${span}=$(printf '%s\n' "${times[@]}" | median) $rows $(stat -c %s "$VAR/export.csv")" \
					>>"$file"
			else
				echo "export_${span}=failed" >>"$file"
			fi
		done
		# one request at a time in-process, page cache off: the cold cost of each page
		if [ -x "$PAGETIME" ]; then
			"$PAGETIME" --db "$VAR/t.db" --data-dir "$ROOT" --runs 30 / /stats "/trackers/$tracker/stats" 2>/dev/null |
				awk 'NR > 1 { print $1, $5, $7 }' | while read -r page wall cpu; do
					echo "single_$(echo "$page" | tr -c 'a-z0-9\n' '_')=$wall $cpu"
				done >>"$file"
		fi
		e2e_finish >/dev/null
	)
}

for y in $YEARS; do
	: >"$RESULTS/${y}y"
	measure "$y" || { say "the ${y}-year run failed"; exit 1; }
done

# get YEARS KEY: a value of a run's results.
get() { sed -n "s/^$2=//p" "$RESULTS/${1}y" | head -n 1; }

cpus=$(nproc 2>/dev/null || echo '?')
printf '\ntrackpro benchmark: %s CPU(s), %s workers, wrk %s with %s connections and %s threads' \
	"$cpus" "$WORKERS" "$DURATION" "$CONNECTIONS" "$THREADS"
[ "$REPEAT" -gt 1 ] && printf ', median of %s runs' "$REPEAT"
[ -n "${NGINX_EXTRA:-}" ] && printf '\nnginx with: %s' "$NGINX_EXTRA"
printf '\none user, 10 trackers × 5 tasks, time zone %s; latencies in ms; ratio = req/s ÷ /healthz req/s\n' "$ZONE"
printf 'cold: page cache off, every request renders; warm: page cache on, an unchanged page is sent as kept\n\n'
printf '%-32s' ""
for y in $YEARS; do printf ' | %-36s' "$y year(s) ($(($(get "$y" seed_bytes) / 1048576)) MiB database)"; done
printf '\n%-32s' "page"
for _ in $YEARS; do printf ' | %9s %8s %8s %7s' "req/s" "p50" "p99" "ratio"; done
printf '\n'
for mode in $MODES; do
	for page in /healthz / /stats /trackers/ID/stats; do
		printf '%-32s' "$page ($mode)"
		for y in $YEARS; do
			p=$page
			[ "$page" = /trackers/ID/stats ] && p="/trackers/$(get "$y" tracker)/stats"
			key=$(echo "$p" | tr -c 'a-z0-9\n' '_')
			v=$(get "$y" "page_${mode}_$key")
			case "$v" in
			skipped* | "") printf ' | %-36s' "${v:-skipped}" ;;
			*)
				read -r rps p50 p99 bad timeouts <<<"$v"
				read -r base _ <<<"$(get "$y" "page_${mode}__healthz")"
				ratio=$(awk -v a="$rps" -v b="$base" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "?" }')
				[ "${bad:-0}${timeouts:-0}" != 00 ] && ratio="$ratio!"
				printf ' | %9.0f %8s %8s %7s' "$rps" "$p50" "$p99" "$ratio"
				;;
			esac
		done
		printf '\n'
	done
done
if [ -n "$(get "${YEARS%% *}" single__stats)" ]; then
	printf '\n%-32s' "one request, in-process (cold)"
	for _ in $YEARS; do printf ' | %18s %17s' "median ms" "CPU ms"; done
	printf '\n'
	for page in / /stats /trackers/ID/stats; do
		printf '%-32s' "$page"
		for y in $YEARS; do
			p=$page
			[ "$page" = /trackers/ID/stats ] && p="/trackers/$(get "$y" tracker)/stats"
			read -r wall cpu <<<"$(get "$y" "single_$(echo "$p" | tr -c 'a-z0-9\n' '_')")"
			printf ' | %18s %17s' "${wall:-?}" "${cpu:-?}"
		done
		printf '\n'
	done
fi
printf '\n%-32s' "CSV export (median of $EXPORT_RUNS)"
for _ in $YEARS; do printf ' | %12s %10s %12s' "seconds" "rows" "bytes"; done
printf '\n'
for span in 90 $((365 * 3)); do
	label="$span days"
	[ "$span" = 1095 ] && label="3 years (1095 days)"
	printf '%-32s' "$label"
	for y in $YEARS; do
		read -r secs rows bytes <<<"$(get "$y" "export_$span")"
		printf ' | %12s %10s %12s' "$secs" "$rows" "$bytes"
	done
	printf '\n'
done
printf '\n(a "!" after a ratio: wrk saw responses other than 2xx/3xx, or timeouts)\n'
for y in $YEARS; do sed -n 's/^note=/note: /p' "$RESULTS/${y}y"; done

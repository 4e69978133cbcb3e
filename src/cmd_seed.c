/* cmd_seed: `trackpro seed bench` — made-up users with years of history, for the benchmark
 * (tests/bench/) and for trying trackpro out (seed.h says what is made). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "password.h"
#include "seed.h"
#include "timezone.h"
#include "token.h"
#include "xmalloc.h"

/* Every seeded user's password. */
#define SEED_PASSWORD "bench password"

static void seed_usage(FILE *f)
{
	fprintf(f, "Usage: trackpro seed bench [--users U] [--trackers T] [--tasks K] [--days D]\n"
		   "                          [--time-zone ZONE] [--db PATH]\n"
		   "Create users bench1@example.org … benchU@example.org (password \"" SEED_PASSWORD "\"), each\n"
		   "with T trackers of K tasks and D days of made-up history ending yesterday: tasks done,\n"
		   "skipped or missed by a fixed pseudo-random draw, measured values, a few notes. The same\n"
		   "options give the same history. One transaction per user. For benchmarks and demos:\n"
		   "never on a database with real users.\n\n"
		   "  --users U         users to create, 1-%d (default 1)\n"
		   "  --trackers T      trackers per user, 1-%d (default 10; every fifth weekly)\n"
		   "  --tasks K         tasks per tracker, 1-%d (default 5)\n"
		   "  --days D          days of history, 1-%d (default 365)\n"
		   "  --time-zone ZONE  the users' IANA time zone (default UTC)\n"
		   "  --db PATH         SQLite database file, migrated (TRACKPRO_DB; default " CONFIG_DEFAULT_DB ")\n"
		   "  --help            show this help\n\n"
		   "Exit status: 0 done, 1 failed, 2 wrong usage.\n",
		SEED_USERS_MAX, SEED_TRACKERS_MAX, SEED_TASKS_MAX, SEED_DAYS_MAX);
}

__attribute__((format(printf, 2, 3))) static int say(int status, const char *fmt, ...)
{
	va_list ap;
	fputs("trackpro seed bench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (status == 2)
		fputs("Try 'trackpro seed --help'.\n", stderr);
	return status;
}

/* Parses a whole number in min..max; 0 or -1. */
static int parse_count(const char *s, int min, int max, int *out)
{
	char *end;
	errno = 0;
	long v = s ? strtol(s, &end, 10) : 0;
	if (!s || errno || end == s || *end || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

struct seed_run {
	struct config config;
	struct seed_options o;
	int users;
};

/* Reads the flags; 0, 1 for --help, or 2 after a usage error. */
static int parse_args(struct seed_run *r, int argc, char **argv)
{
	static const struct {
		const char *name;
		int min, max;
	} counts[] = { { "users", 1, SEED_USERS_MAX },
		       { "trackers", 1, SEED_TRACKERS_MAX },
		       { "tasks", 1, SEED_TASKS_MAX },
		       { "days", 1, SEED_DAYS_MAX } };
	int *slots[] = { &r->users, &r->o.trackers, &r->o.tasks, &r->o.days };
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	int n = 0, status = 0;
	rest[n++] = "seed bench";
	for (int i = 1; i < argc && status == 0; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			status = 1;
			break;
		}
		if (strncmp(arg, "--", 2) != 0) {
			status = say(2, "unexpected argument '%s'", arg);
			break;
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[i + 1] : NULL);
		if (len == 2 && strncmp(name, "db", 2) == 0) {
			rest[n++] = argv[i];
			if (!eq && i + 1 < argc)
				rest[n++] = argv[++i];
			continue;
		}
		if (!eq && value)
			i++;
		if (len == 9 && strncmp(name, "time-zone", 9) == 0) {
			if (!value)
				status = say(2, "a value is needed after '%s'", arg);
			r->o.time_zone = value;
			continue;
		}
		size_t k = 0;
		while (k < sizeof counts / sizeof counts[0] &&
		       !(strlen(counts[k].name) == len && strncmp(counts[k].name, name, len) == 0))
			k++;
		if (k == sizeof counts / sizeof counts[0])
			status = say(2, "unknown option '%.*s'", (int)len + 2, arg);
		else if (parse_count(value, counts[k].min, counts[k].max, slots[k]) < 0)
			status = say(2, "--%s takes a whole number from %d to %d", counts[k].name, counts[k].min,
				     counts[k].max);
	}
	if (status == 0) {
		int rc = cli_parse(n, rest, CLI_DB, &r->config);
		status = rc == 0 ? 0 : rc > 0 ? 1 : 2;
	}
	free(rest);
	return status;
}

static int seed_bench(struct seed_run *r)
{
	int offset;
	if (timezone_offset_minutes(r->o.time_zone, 0, &offset) < 0)
		return say(2, "unknown time zone '%s'", r->o.time_zone);
	struct stat st;
	if (stat(r->config.db_path, &st) < 0)
		return say(1, "%s: %s; create it with 'trackpro migrate'", r->config.db_path, strerror(errno));
	if (token_library_init() < 0)
		return say(1, "libsodium cannot start");
	struct db db;
	struct buf err;
	buf_init(&err);
	int rc = db_open(&db, r->config.db_path, &err);
	if (rc < 0)
		say(1, "%s", buf_cstr(&err));
	buf_free(&err);
	if (rc < 0)
		return 1;
	int status = 1;
	if (db_schema_check(&db) != DB_SCHEMA_CURRENT) {
		say(1, "%s is not a trackpro database of this version: run 'trackpro migrate'", r->config.db_path);
		goto out;
	}
	char hash[PASSWORD_HASH_SIZE];
	if (password_hash(SEED_PASSWORD, strlen(SEED_PASSWORD), hash) < 0) {
		say(1, "cannot hash the password (out of memory)");
		goto out;
	}
	r->o.password_hash = hash;
	r->o.now = clock_now(NULL);
	for (int n = 1; n <= r->users; n++) {
		int64_t started = clock_monotonic_us();
		struct seed_counts c;
		if (db_begin_write(&db) < 0) {
			say(1, "the database is busy or read-only");
			goto out;
		}
		if (seed_bench_user(&db, &r->o, n, &c) < 0) {
			db_rollback(&db);
			say(1, "bench%d@example.org: failed (see the message above); its data was not kept", n);
			goto out;
		}
		if (db_commit(&db) < 0) {
			say(1, "bench%d@example.org: the commit failed", n);
			goto out;
		}
		printf("bench%d@example.org (id %lld): %ld trackers, %ld tasks, %ld periods, %ld task instances"
		       " (%ld done), %ld notes in %.2f s\n",
		       n, (long long)c.user_id, c.trackers, c.tasks, c.periods, c.task_instances, c.done, c.notes,
		       (double)(clock_monotonic_us() - started) / 1e6);
		fflush(stdout);
	}
	status = 0;
out:
	db_close(&db);
	return status;
}

int cmd_seed(int argc, char **argv)
{
	if (argc < 2) {
		seed_usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		seed_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "bench") != 0) {
		fprintf(stderr, "trackpro seed: unknown kind '%s' (only 'bench')\n", argv[1]);
		seed_usage(stderr);
		return 2;
	}
	struct seed_run r = { .o = { .trackers = 10, .tasks = 5, .days = 365, .time_zone = TIMEZONE_DEFAULT },
			      .users = 1 };
	int rc = parse_args(&r, argc - 1, argv + 1);
	if (rc == 1) {
		seed_usage(stdout);
		return 0;
	}
	return rc != 0 ? rc : seed_bench(&r);
}

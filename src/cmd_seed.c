/* cmd_seed: `trackpro seed bench` — made-up users with years of history, for the benchmark
 * (tests/bench/; seed.h says what is made) — and `trackpro seed demo`, the examples of the
 * product documents put into one empty account so a newcomer sees a living product
 * (seed_demo.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "password.h"
#include "seed.h"
#include "seed_demo.h"
#include "timezone.h"
#include "token.h"
#include "user.h"
#include "xmalloc.h"

/* Every seeded user's password. */
#define SEED_PASSWORD "bench password"

static void seed_usage(FILE *f)
{
	fprintf(f, "Usage: trackpro seed demo --user EMAIL [--days N] [--db PATH] [--data-dir DIR]\n"
		   "       trackpro seed bench [--users U] [--trackers T] [--tasks K] [--days D]\n"
		   "                           [--time-zone ZONE] [--db PATH]\n\n"
		   "seed demo: fill the existing account EMAIL (made with 'trackpro user add') with N days of\n"
		   "history ending yesterday in its time zone: a morning routine, a 21-day detox half done, an\n"
		   "8-week gym program, monthly reading, four goals (24 books, $5,000, days without alcohol,\n"
		   "the detox's 21 days), categories, tags, day notes and one share link, whose address is\n"
		   "printed once. The same N on the same day gives the same history. One transaction. The\n"
		   "account must be empty: no trackers, goals, categories or tags.\n\n"
		   "  --user EMAIL      the account to fill\n"
		   "  --days N          days of history, 1-%d (default %d)\n"
		   "  --db PATH         SQLite database file, migrated (TRACKPRO_DB; default " CONFIG_DEFAULT_DB ")\n"
		   "  --data-dir DIR    accepted as by 'trackpro user' (TRACKPRO_DATA_DIR); not needed\n\n"
		   "seed bench: create users bench1@example.org … benchU@example.org (password\n"
		   "\"" SEED_PASSWORD "\"), each with T trackers of K tasks and D days of made-up history\n"
		   "ending yesterday: tasks done, skipped or missed by a fixed pseudo-random draw, measured\n"
		   "values, a few notes. The same options give the same history. One transaction per user.\n"
		   "For benchmarks: never on a database with real users.\n\n"
		   "  --users U         users to create, 1-%d (default 1)\n"
		   "  --trackers T      trackers per user, 1-%d (default 10; every fifth weekly)\n"
		   "  --tasks K         tasks per tracker, 1-%d (default 5)\n"
		   "  --days D          days of history, 1-%d (default 365)\n"
		   "  --time-zone ZONE  the users' IANA time zone (default UTC)\n"
		   "  --db PATH         SQLite database file, migrated (TRACKPRO_DB; default " CONFIG_DEFAULT_DB ")\n"
		   "  --help            show this help\n\n"
		   "Exit status: 0 done, 1 failed (also: unknown address, account not empty), 2 wrong usage.\n",
		SEED_DEMO_DAYS_MAX, SEED_DEMO_DAYS_DEFAULT, SEED_USERS_MAX, SEED_TRACKERS_MAX, SEED_TASKS_MAX,
		SEED_DAYS_MAX);
}

/* Prints "trackpro seed KIND: message" (and a hint after a usage error); returns status. */
__attribute__((format(printf, 3, 4))) static int say(const char *kind, int status, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "trackpro seed %s: ", kind);
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
			status = say("bench", 2, "unexpected argument '%s'", arg);
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
				status = say("bench", 2, "a value is needed after '%s'", arg);
			r->o.time_zone = value;
			continue;
		}
		size_t k = 0;
		while (k < sizeof counts / sizeof counts[0] &&
		       !(strlen(counts[k].name) == len && strncmp(counts[k].name, name, len) == 0))
			k++;
		if (k == sizeof counts / sizeof counts[0])
			status = say("bench", 2, "unknown option '%.*s'", (int)len + 2, arg);
		else if (parse_count(value, counts[k].min, counts[k].max, slots[k]) < 0)
			status = say("bench", 2, "--%s takes a whole number from %d to %d", counts[k].name, counts[k].min,
				     counts[k].max);
	}
	if (status == 0) {
		int rc = cli_parse(n, rest, CLI_DB, &r->config);
		status = rc == 0 ? 0 : rc > 0 ? 1 : 2;
	}
	free(rest);
	return status;
}

/* Opens the database at path, which must exist and be migrated, with libsodium started.
 * Returns 0, or 1 after saying why (for seed KIND). */
static int open_db(const char *kind, const char *path, struct db *db)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return say(kind, 1, "%s: %s; create it with 'trackpro migrate'", path, strerror(errno));
	if (token_library_init() < 0)
		return say(kind, 1, "libsodium cannot start");
	struct buf err;
	buf_init(&err);
	int rc = db_open(db, path, &err);
	if (rc < 0)
		say(kind, 1, "%s", buf_cstr(&err));
	buf_free(&err);
	if (rc < 0)
		return 1;
	if (db_schema_check(db) == DB_SCHEMA_CURRENT)
		return 0;
	db_close(db);
	return say(kind, 1, "%s is not a trackpro database of this version: run 'trackpro migrate'", path);
}

static int seed_bench(struct seed_run *r)
{
	int offset;
	if (timezone_offset_minutes(r->o.time_zone, 0, &offset) < 0)
		return say("bench", 2, "unknown time zone '%s'", r->o.time_zone);
	struct db db;
	if (open_db("bench", r->config.db_path, &db) != 0)
		return 1;
	int status = 1;
	char hash[PASSWORD_HASH_SIZE];
	if (password_hash(SEED_PASSWORD, strlen(SEED_PASSWORD), hash) < 0) {
		say("bench", 1, "cannot hash the password (out of memory)");
		goto out;
	}
	r->o.password_hash = hash;
	r->o.now = clock_now(NULL);
	for (int n = 1; n <= r->users; n++) {
		int64_t started = clock_monotonic_us();
		struct seed_counts c;
		if (db_begin_write(&db) < 0) {
			say("bench", 1, "the database is busy or read-only");
			goto out;
		}
		if (seed_bench_user(&db, &r->o, n, &c) < 0) {
			db_rollback(&db);
			say("bench", 1, "bench%d@example.org: failed (see the message above); its data was not kept", n);
			goto out;
		}
		if (db_commit(&db) < 0) {
			say("bench", 1, "bench%d@example.org: the commit failed", n);
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

/* What `seed demo` works with. */
struct demo_run {
	struct config config;
	const char *user;
	int days;
};

/* Reads the flags of `seed demo` (argv[0] = "demo"); returns 0, 1 for --help, or 2 after a
 * usage error. */
static int parse_demo_args(struct demo_run *r, int argc, char **argv)
{
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	int n = 0, status = 0;
	rest[n++] = "seed demo";
	for (int i = 1; i < argc && status == 0; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			status = 1;
			break;
		}
		if (strncmp(arg, "--", 2) != 0) {
			status = say("demo", 2, "unexpected argument '%s'", arg);
			break;
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		bool user = len == 4 && strncmp(name, "user", 4) == 0, days = len == 4 && strncmp(name, "days", 4) == 0;
		if (!user && !days) { /* --db and --data-dir, or an unknown flag: cli_parse says */
			rest[n++] = argv[i];
			if (!eq && i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0)
				rest[n++] = argv[++i];
			continue;
		}
		const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!value)
			status = say("demo", 2, "a value is needed after '%s'", arg);
		else if (user)
			r->user = value;
		else if (parse_count(value, 1, SEED_DEMO_DAYS_MAX, &r->days) < 0)
			status = say("demo", 2, "--days takes a whole number from 1 to %d", SEED_DEMO_DAYS_MAX);
	}
	if (status == 0) {
		int rc = cli_parse(n, rest, CLI_DB | CLI_DATA_DIR, &r->config);
		status = rc == 0 ? 0 : rc > 0 ? 1 : 2;
	}
	if (status == 0 && (!r->user || !*r->user))
		status = say("demo", 2, "--user EMAIL is missing");
	else if (status == 0 && strlen(r->user) > USER_EMAIL_MAX)
		status = say("demo", 2, "--user takes an address of at most %d bytes", USER_EMAIL_MAX);
	free(rest);
	return status;
}

/* seed demo: finds the account, fills it in one transaction, prints what was made. */
static int seed_demo(const struct demo_run *r)
{
	struct db db;
	if (open_db("demo", r->config.db_path, &db) != 0)
		return 1;
	int status = 1;
	struct arena a;
	arena_init(&a);
	struct user u = { 0 };
	struct seed_demo_counts c;
	enum seed_demo_result res = SEED_DEMO_ERROR;
	if (db_begin_write(&db) < 0) {
		say("demo", 1, "the database is busy or read-only");
		goto out;
	}
	enum user_status us = user_get_by_email(&db, &a, r->user, &u);
	if (us == USER_OK)
		res = seed_demo_user(&db, clock_now(NULL), u.id, r->days, &c);
	if (res != SEED_DEMO_OK) {
		db_rollback(&db);
		if (us == USER_NOT_FOUND)
			say("demo", 1, "no account has the address '%s'; make it first with 'trackpro user add'",
			    r->user);
		else if (res == SEED_DEMO_NOT_EMPTY)
			say("demo", 1, "%s already has trackers, goals, categories or tags; demo data goes only into an "
				       "empty account, never next to real data", u.email);
		else
			say("demo", 1, "%s: failed (see the message above); nothing was kept", r->user);
		goto out;
	}
	if (db_commit(&db) < 0) {
		say("demo", 1, "%s: the commit failed; nothing was kept", u.email);
		goto out;
	}
	printf("%s: %d days of history, %ld trackers with %ld tasks, %ld periods, %ld task instances (%ld done,"
	       " %ld skipped, %ld missed), %ld goals with %ld entries, %ld day notes, %ld categories, %ld tags\n"
	       "share link of \"Morning routine\" (shown only now): %s\n",
	       u.email, r->days, c.trackers, c.tasks, c.periods, c.task_instances, c.done, c.skipped, c.missed, c.goals,
	       c.entries, c.notes, c.categories, c.tags, c.share_path);
	status = 0;
out:
	arena_free(&a);
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
	if (strcmp(argv[1], "demo") == 0) {
		struct demo_run d = { .days = SEED_DEMO_DAYS_DEFAULT };
		int rc = parse_demo_args(&d, argc - 1, argv + 1);
		if (rc == 1)
			seed_usage(stdout);
		return rc == 1 ? 0 : rc != 0 ? rc : seed_demo(&d);
	}
	if (strcmp(argv[1], "bench") != 0) {
		fprintf(stderr, "trackpro seed: unknown kind '%s' (demo or bench)\n", argv[1]);
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

/* cmd_import: `trackpro import loop FILE --user EMAIL [--dry-run]` — a Loop Habit Tracker
 * backup or CSV export into an account (loop_import.h), with progress on standard error for
 * large files and a summary on standard output. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "loop_import.h"
#include "user.h"
#include "xmalloc.h"

/* Progress is shown for files with at least this many check-ins, every this many. */
#define PROGRESS_STEP 10000

struct import_run {
	struct config config;
	const char *file, *user;
	bool dry_run;
};

static void import_usage(FILE *f)
{
	fprintf(f, "Usage: trackpro import loop FILE --user EMAIL [--dry-run] [--db PATH]\n"
		   "Import a Loop Habit Tracker backup (.db, schema versions 12 to 25) or CSV export (.zip)\n"
		   "into an account: each habit becomes a daily tracker with one task, each check-in a task\n"
		   "instance of its day. The file is told apart by its content, read whole (at most 32 MiB)\n"
		   "and imported in one transaction: a file that is not usable changes nothing. Importing\n"
		   "the same file again adds nothing; a newer export adds what is new.\n\n"
		   "  --user EMAIL      the account to import into\n"
		   "  --dry-run         read and check everything, show the summary, save nothing\n"
		   "  --db PATH         SQLite database file (TRACKPRO_DB; default " CONFIG_DEFAULT_DB ")\n"
		   "  --help            show this help\n\n"
		   "Progress goes to standard error for files of %d check-ins or more; the summary (habits,\n"
		   "check-ins, skipped rows and why) to standard output.\n"
		   "Exit status: 0 imported, 1 failed (the message says why), 2 wrong usage.\n",
		PROGRESS_STEP);
}

/* Prints "trackpro import loop: message" and returns status. */
__attribute__((format(printf, 2, 3))) static int say(int status, const char *fmt, ...)
{
	va_list ap;
	fputs("trackpro import loop: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (status == 2)
		fputs("Try 'trackpro import --help'.\n", stderr);
	return status;
}

/* Reads the arguments after "loop"; returns 0, 1 for --help, or 2 after a usage error. */
static int parse_args(struct import_run *r, int argc, char **argv)
{
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	int n = 0, status = 0;
	rest[n++] = "import loop";
	for (int i = 1; i < argc && status == 0; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			status = 1;
			break;
		}
		if (strncmp(arg, "--", 2) != 0) {
			if (r->file)
				status = say(2, "unexpected argument '%s' (one FILE only)", arg);
			r->file = arg;
			continue;
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		if (len == 2 && strncmp(name, "db", 2) == 0) {
			rest[n++] = argv[i];
			if (!eq && i + 1 < argc)
				rest[n++] = argv[++i];
		} else if (strcmp(name, "dry-run") == 0) {
			r->dry_run = true;
		} else if (len == 4 && strncmp(name, "user", 4) == 0) {
			const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!value || !*value)
				status = say(2, "a value is needed after '--user'");
			r->user = value;
		} else {
			status = say(2, "unknown option '%s'", arg);
		}
	}
	if (status == 0) {
		int rc = cli_parse(n, rest, CLI_DB, &r->config);
		status = rc == 0 ? 0 : rc > 0 ? 1 : 2;
	}
	free(rest);
	return status;
}

/* Opens the database, which must exist and be migrated. Returns 0, or 1 after saying why. */
static int open_db(const char *path, struct db *db)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return say(1, "%s: %s; create it with 'trackpro migrate'", path, strerror(errno));
	struct buf err;
	buf_init(&err);
	int rc = db_open(db, path, &err);
	if (rc < 0)
		say(1, "%s", buf_cstr(&err));
	buf_free(&err);
	if (rc < 0)
		return 1;
	if (db_schema_check(db) == DB_SCHEMA_CURRENT)
		return 0;
	db_close(db);
	return say(1, "%s is not a trackpro database of this version: run 'trackpro migrate'", path);
}

/* loop_import_options.progress: on a terminal a line rewritten every PROGRESS_STEP
 * check-ins; elsewhere (a log) one line at the end. Only for large files. */
static void show_progress(void *context, long done, long total)
{
	bool tty = *(bool *)context;
	if (total < PROGRESS_STEP || (done % PROGRESS_STEP != 0 && done != total) || (!tty && done != total))
		return;
	fprintf(stderr, "%scheck-ins: %ld of %ld%s", tty ? "\r" : "", done, total, !tty || done == total ? "\n" : "");
	fflush(stderr);
}

/* The summary, on standard output. */
static void print_summary(const struct import_run *r, const struct loop_import_summary *s)
{
	printf("%s%s\n", s->format, r->dry_run ? " (dry run: nothing was saved)" : "");
	printf("habits: %d (%d new, %d imported before)\n", s->habits, s->habits_created, s->habits_matched);
	printf("check-ins: %d added or changed, %d already there\n", s->checkins_added, s->checkins_unchanged);
	printf("skipped rows: %d", s->rows_skipped);
	if (s->rows_skipped)
		printf(" (%d of a habit the file lacks, %d repeating a day, %d with nothing entered or an unknown"
		       " value, %d with a bad date or value or on a day the task is not offered)",
		       s->skipped_orphan, s->skipped_duplicate, s->skipped_unknown, s->skipped_invalid);
	putchar('\n');
}

static int import_run(struct import_run *r)
{
	if (!r->file)
		return say(2, "FILE is missing");
	if (!r->user)
		return say(2, "--user EMAIL is missing");
	struct db db;
	if (open_db(r->config.db_path, &db) != 0)
		return 1;
	struct arena a;
	arena_init(&a);
	struct user u;
	int status = 1;
	enum user_status st = user_get_by_email(&db, &a, r->user, &u);
	if (st != USER_OK) {
		say(1, st == USER_NOT_FOUND ? "no account with the address %s" : "cannot read the account %s", r->user);
		goto out;
	}
	bool tty = isatty(STDERR_FILENO) == 1;
	struct loop_import_options o = { .dry_run = r->dry_run, .progress = show_progress, .progress_context = &tty };
	struct loop_import_summary s;
	char message[256];
	int rc = loop_import_path(&db, u.id, r->file, &o, &s, message, sizeof message);
	if (rc != 0) {
		say(1, "%s: %s", r->file, message);
		goto out;
	}
	print_summary(r, &s);
	status = 0;
out:
	arena_free(&a);
	db_close(&db);
	return status;
}

int cmd_import(int argc, char **argv)
{
	if (argc < 2) {
		import_usage(stderr);
		return 2;
	}
	const char *kind = argv[1];
	if (strcmp(kind, "--help") == 0 || strcmp(kind, "-h") == 0 || strcmp(kind, "help") == 0) {
		import_usage(stdout);
		return 0;
	}
	if (strcmp(kind, "loop") != 0) {
		fprintf(stderr, "trackpro import: unknown source '%s' (only 'loop')\n", kind);
		import_usage(stderr);
		return 2;
	}
	struct import_run r;
	memset(&r, 0, sizeof r);
	int rc = parse_args(&r, argc - 1, argv + 1);
	if (rc == 1) {
		import_usage(stdout);
		return 0;
	}
	return rc != 0 ? rc : import_run(&r);
}

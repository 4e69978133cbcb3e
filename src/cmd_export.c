/* cmd_export: `trackpro export csv|daily` — a user's history as a CSV file, the same file the
 * web export gives (export.h), to standard output or to a file written whole or not at all. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "civil.h"
#include "cli.h"
#include "commands.h"
#include "db.h"
#include "export.h"
#include "user.h"
#include "xmalloc.h"

/* What one run works with. */
struct export_run {
	const char *cmd; /* "export csv" or "export daily", for messages */
	bool daily;
	struct config config;
	const char *user, *from, *to, *tracker, *out;
};

static void export_usage(FILE *f)
{
	fprintf(f, "Usage: trackpro export csv|daily --user EMAIL --from YYYY-MM-DD --to YYYY-MM-DD\n"
		   "                      [--tracker ID] [--out FILE] [--db PATH]\n"
		   "Write a user's history as a CSV file (UTF-8 with a byte order mark, comma-separated,\n"
		   "CRLF line ends, a header row), the same file the web page /export gives.\n\n"
		   "  csv     one row per task instance: date,tracker,task,status,value,unit,points,\n"
		   "          note,completed_at (ISO 8601 with the user's UTC offset)\n"
		   "  daily   one row per day: date,due,done,percent,points, then the tasks done in\n"
		   "          each category\n\n"
		   "  --user EMAIL      whose history\n"
		   "  --from DAY        first day (periods starting on it or later)\n"
		   "  --to DAY          last day; at most 10 years after --from\n"
		   "  --tracker ID      only this tracker of the user (default: all)\n"
		   "  --out FILE        write FILE (replaced only once complete) instead of standard output\n");
	fprintf(f, "  --db PATH         SQLite database file (TRACKPRO_DB; default " CONFIG_DEFAULT_DB ")\n"
		   "  --help            show this help\n\n"
		   "A text cell starting with = + - @ (or a tab or CR) is written with a ' in front, so that\n"
		   "spreadsheets do not run it as a formula.\n"
		   "Exit status: 0 done, 1 failed, 2 wrong usage (also a bad range or tracker).\n");
}

/* Prints "trackpro CMD: message" and returns status. */
__attribute__((format(printf, 3, 4))) static int say(const struct export_run *r, int status, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "trackpro %s: ", r->cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (status == 2)
		fprintf(stderr, "Try 'trackpro export --help'.\n");
	return status;
}

/* Reads the flags; returns 0, 1 for --help, or 2 after a usage error. */
static int parse_args(struct export_run *r, int argc, char **argv)
{
	static const char *const names[] = { "user", "from", "to", "tracker", "out" };
	const char **slots[] = { &r->user, &r->from, &r->to, &r->tracker, &r->out };
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	int n = 0, status = 0;
	rest[n++] = (char *)r->cmd;
	for (int i = 1; i < argc && status == 0; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			status = 1;
			break;
		}
		if (strncmp(arg, "--", 2) != 0) {
			status = say(r, 2, "unexpected argument '%s'", arg);
			break;
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		if (len == 2 && strncmp(name, "db", 2) == 0) {
			rest[n++] = argv[i];
			if (!eq && i + 1 < argc)
				rest[n++] = argv[++i];
			continue;
		}
		size_t k = 0;
		while (k < sizeof names / sizeof names[0] && !(strlen(names[k]) == len && strncmp(names[k], name, len) == 0))
			k++;
		if (k == sizeof names / sizeof names[0]) {
			status = say(r, 2, "unknown option '%s'", arg);
			break;
		}
		const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!value)
			status = say(r, 2, "a value is needed after '%s'", arg);
		else
			*slots[k] = value;
	}
	if (status == 0) {
		int rc = cli_parse(n, rest, CLI_DB, &r->config);
		status = rc == 0 ? 0 : rc > 0 ? 1 : 2;
	}
	free(rest);
	return status;
}

/* Opens the database, which must exist and be migrated. Returns 0, or 1 after saying why. */
static int open_db(const struct export_run *r, struct db *db)
{
	const char *path = r->config.db_path;
	struct stat st;
	if (stat(path, &st) < 0)
		return say(r, 1, "%s: %s; create it with 'trackpro migrate'", path, strerror(errno));
	struct buf err;
	buf_init(&err);
	int rc = db_open(db, path, &err);
	if (rc < 0)
		say(r, 1, "%s", buf_cstr(&err));
	buf_free(&err);
	if (rc < 0)
		return 1;
	if (db_schema_check(db) == DB_SCHEMA_CURRENT)
		return 0;
	db_close(db);
	return say(r, 1, "%s is not a trackpro database of this version: run 'trackpro migrate'", path);
}

/* export_write_fn over a file descriptor. */
static int fd_write(void *ctx, const void *p, size_t n)
{
	int fd = *(int *)ctx;
	const char *s = p;
	while (n > 0) {
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Writes the file to fd; returns 0, or 1 after saying why. */
static int write_file(const struct export_run *r, struct db *db, const struct export_query *q, int fd)
{
	struct csv_writer *w = xmalloc(sizeof *w);
	csv_writer_init(w, fd_write, &fd);
	enum export_result rc = r->daily ? export_daily(db, q, w) : export_rows(db, q, w);
	if (rc == EXPORT_OK && csv_writer_flush(w) < 0)
		rc = EXPORT_WRITE_FAILED;
	free(w);
	if (rc == EXPORT_WRITE_FAILED)
		return say(r, 1, "cannot write %s: %s", r->out ? r->out : "to standard output", strerror(errno));
	if (rc != EXPORT_OK)
		return say(r, 1, "cannot read the history (database error)");
	return 0;
}

/* Writes the file to r->out through a temporary file beside it, renamed once complete. */
static int write_out(const struct export_run *r, struct db *db, const struct export_query *q)
{
	size_t n = strlen(r->out) + 16;
	char *tmp = xmalloc(n);
	snprintf(tmp, n, "%s.tmp-XXXXXX", r->out);
	int fd = mkstemp(tmp), status = 1;
	if (fd < 0) {
		say(r, 1, "cannot create %s: %s", tmp, strerror(errno));
		goto out;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	status = write_file(r, db, q, fd);
	if (close(fd) < 0 && status == 0)
		status = say(r, 1, "cannot write %s: %s", r->out, strerror(errno));
	if (status == 0 && rename(tmp, r->out) < 0)
		status = say(r, 1, "cannot replace %s: %s", r->out, strerror(errno));
	if (status != 0)
		unlink(tmp);
out:
	free(tmp);
	return status;
}

static int export_run(struct export_run *r)
{
	if (!r->user)
		return say(r, 2, "--user EMAIL is missing");
	struct export_query q = { 0 };
	const char *problem = export_range_problem(r->from, r->to, &q.from, &q.to);
	if (problem)
		return say(r, 2, "%s", problem);
	if (r->tracker) {
		char *end;
		errno = 0;
		long long id = strtoll(r->tracker, &end, 10);
		if (errno || end == r->tracker || *end || id <= 0)
			return say(r, 2, "--tracker must be a tracker's id (a positive number)");
		q.tracker_id = id;
	}
	struct db db;
	if (open_db(r, &db) != 0)
		return 1;
	struct arena a;
	arena_init(&a);
	struct user u;
	int status = 1;
	enum user_status st = user_get_by_email(&db, &a, r->user, &u);
	if (st != USER_OK) {
		say(r, 1, st == USER_NOT_FOUND ? "no account with the address %s" : "cannot read the account %s", r->user);
		goto out;
	}
	q.user_id = u.id;
	q.time_zone = u.time_zone;
	if (q.tracker_id) {
		enum export_result found = export_tracker_check(&db, u.id, q.tracker_id);
		if (found != EXPORT_OK) {
			status = found == EXPORT_NOT_FOUND ? say(r, 2, "%s has no tracker %lld", u.email, (long long)q.tracker_id)
							   : say(r, 1, "cannot read the trackers (database error)");
			goto out;
		}
	}
	if (r->out) {
		status = write_out(r, &db, &q);
	} else {
		int fd = STDOUT_FILENO;
		fflush(stdout);
		status = write_file(r, &db, &q, fd);
	}
out:
	arena_free(&a);
	db_close(&db);
	return status;
}

int cmd_export(int argc, char **argv)
{
	if (argc < 2) {
		export_usage(stderr);
		return 2;
	}
	const char *kind = argv[1];
	if (strcmp(kind, "--help") == 0 || strcmp(kind, "-h") == 0 || strcmp(kind, "help") == 0) {
		export_usage(stdout);
		return 0;
	}
	struct export_run r;
	memset(&r, 0, sizeof r);
	if (strcmp(kind, "csv") == 0) {
		r.cmd = "export csv";
	} else if (strcmp(kind, "daily") == 0) {
		r.cmd = "export daily";
		r.daily = true;
	} else {
		fprintf(stderr, "trackpro export: unknown kind '%s' (csv or daily)\n", kind);
		export_usage(stderr);
		return 2;
	}
	int rc = parse_args(&r, argc - 1, argv + 1);
	if (rc == 1) {
		export_usage(stdout);
		return 0;
	}
	return rc != 0 ? rc : export_run(&r);
}

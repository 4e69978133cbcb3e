/* cmd_user: `trackpro user add|passwd|list|delete` — manage accounts from the shell. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "db.h"
#include "password.h"
#include "session.h"
#include "timezone.h"
#include "token.h"
#include "user.h"
#include "xmalloc.h"

/* The settings flags every subcommand takes (handled by cli_parse). */
#define USER_CLI_FLAGS (CLI_DB | CLI_DATA_DIR)
/* Room for a password of PASSWORD_MAX_BYTES plus one byte, so a longer one is seen as too long. */
#define USER_PASSWORD_CAP (PASSWORD_MAX_BYTES + 2)

/* The flags of the subcommands themselves, as a bit set. */
enum user_opt {
	OPT_NAME = 1u << 0,
	OPT_TIME_ZONE = 1u << 1,
	OPT_ADMIN = 1u << 2,
	OPT_YES = 1u << 3,
};

static const struct {
	unsigned bit;
	const char *flag;
	bool takes_value;
	const char *help;
} user_opts[] = {
	{ OPT_NAME, "name", true, "--name NAME       display name (default: the part of EMAIL before '@')" },
	{ OPT_TIME_ZONE, "time-zone", true, "--time-zone ZONE  IANA time zone such as Europe/Paris (default UTC)" },
	{ OPT_ADMIN, "admin", false, "--admin           make the account an administrator" },
	{ OPT_YES, "yes", false, "--yes             delete without asking for confirmation" },
};

#define USER_OPT_COUNT (sizeof user_opts / sizeof user_opts[0])

/* What one run of a subcommand works with. */
struct user_run {
	const char *cmd;        /* "user add": names the command in messages */
	struct config config;   /* --db and --data-dir, or their environment variables */
	const char *email;      /* the EMAIL argument, or NULL */
	const char *name;       /* --name, or NULL */
	const char *time_zone;  /* --time-zone, or NULL */
	bool admin;             /* --admin */
	bool yes;               /* --yes */
	struct db db;
	struct arena arena;     /* strings read from the database */
};

static int user_add(struct user_run *r);
static int user_passwd(struct user_run *r);
static int user_list(struct user_run *r);
static int user_delete_cmd(struct user_run *r);

/* The subcommands, their help and the flags they take. */
static const struct user_sub {
	const char *name;
	const char *cmd; /* for messages */
	const char *usage;
	const char *about;
	unsigned opts;  /* enum user_opt bits */
	bool takes_email;
	int (*run)(struct user_run *r);
} user_subs[] = {
	{ "add", "user add", "trackpro user add EMAIL [--name NAME] [--time-zone ZONE] [--admin] [OPTION]...",
	  "Create an account. The password is read from standard input when it is not a\n"
	  "terminal (one line; the newline is not part of it), else asked twice without echo.\n"
	  "It must have 8 to 1024 bytes and not be one of the most common passwords.\n",
	  OPT_NAME | OPT_TIME_ZONE | OPT_ADMIN, true, user_add },
	{ "passwd", "user passwd", "trackpro user passwd EMAIL [OPTION]...",
	  "Set a new password for an account and end all of its sessions (everywhere it\n"
	  "is logged in). The password is read as for 'trackpro user add'.\n",
	  0, true, user_passwd },
	{ "list", "user list", "trackpro user list [OPTION]...",
	  "List the accounts: id, e-mail, display name, admin flag, when created and when\n"
	  "last logged in (UTC).\n",
	  0, false, user_list },
	{ "delete", "user delete", "trackpro user delete EMAIL [--yes] [OPTION]...",
	  "Delete an account and everything it owns, in one transaction. Without --yes the\n"
	  "address must be typed again on the terminal; without a terminal --yes is required.\n",
	  OPT_YES, true, user_delete_cmd },
};

#define USER_SUB_COUNT (sizeof user_subs / sizeof user_subs[0])

static void user_usage(FILE *f)
{
	fprintf(f, "Usage: trackpro user SUBCOMMAND [ARGUMENT]... [OPTION]...\n"
		   "Manage accounts from the shell.\n\n"
		   "Subcommands:\n"
		   "  add EMAIL       create an account (password from stdin or prompted)\n"
		   "  passwd EMAIL    set a new password and end the account's sessions\n"
		   "  list            list the accounts\n"
		   "  delete EMAIL    delete an account and all its data\n\n"
		   "Run 'trackpro user SUBCOMMAND --help' for its options. Every subcommand takes\n"
		   "--db PATH (TRACKPRO_DB) and --data-dir DIR (TRACKPRO_DATA_DIR).\n"
		   "Exit status: 0 done, 1 failed, 2 wrong usage.\n");
}

static void user_sub_help(const struct user_sub *sub)
{
	printf("Usage: %s\n%s\n", sub->usage, sub->about);
	for (size_t i = 0; i < USER_OPT_COUNT; i++)
		if (sub->opts & user_opts[i].bit)
			printf("  %s\n", user_opts[i].help);
	cli_print_flags(USER_CLI_FLAGS);
	printf("\nThe database must be migrated first (trackpro migrate).\n"
	       "Exit status: 0 done, 1 failed, 2 wrong usage.\n");
}

/* Prints "trackpro CMD: message" to stderr and returns 1 (the failure exit status). */
__attribute__((format(printf, 2, 3))) static int fail(const struct user_run *r, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "trackpro %s: ", r->cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* Prints a usage error with a hint and returns 2. */
static int usage_error(const char *cmd, const char *msg, const char *arg)
{
	fprintf(stderr, "trackpro %s: %s '%s'\nTry 'trackpro %s --help'.\n", cmd, msg, arg, cmd);
	return 2;
}

/* Sets the subcommand's own flag named by arg ("--name", "--name=V"); *i moves past a
 * separate value. Returns 1 when arg is one of them, 0 when it is not (left to cli_parse),
 * or 2 after a usage error. */
static int take_own_flag(const struct user_sub *sub, struct user_run *r, int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *name = arg + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	size_t k = 0;
	while (k < USER_OPT_COUNT && !((sub->opts & user_opts[k].bit) && strlen(user_opts[k].flag) == len &&
				       strncmp(user_opts[k].flag, name, len) == 0))
		k++;
	if (k == USER_OPT_COUNT)
		return 0;
	const char *value = NULL;
	if (user_opts[k].takes_value) {
		value = eq ? eq + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
		if (!value)
			return usage_error(sub->cmd, "a value is needed after", arg);
	} else if (eq) {
		return usage_error(sub->cmd, "no value is taken by", arg);
	}
	switch (user_opts[k].bit) {
	case OPT_NAME:
		r->name = value;
		break;
	case OPT_TIME_ZONE:
		r->time_zone = value;
		break;
	case OPT_ADMIN:
		r->admin = true;
		break;
	case OPT_YES:
		r->yes = true;
		break;
	}
	return 1;
}

/* True when arg is "--db" or "--data-dir", alone or with "=VALUE": the flags of
 * USER_CLI_FLAGS, which cli_parse reads. */
static bool is_settings_flag(const char *arg)
{
	static const char *const names[] = { "--db", "--data-dir" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t n = strlen(names[i]);
		if (strncmp(arg, names[i], n) == 0 && (arg[n] == '\0' || arg[n] == '='))
			return true;
	}
	return false;
}

/* Takes the subcommand's own flags and its EMAIL out of argv and gives the rest (--db,
 * --data-dir) to cli_parse. Returns 0, 1 when --help was asked, or 2 after a usage error. */
static int parse_args(const struct user_sub *sub, struct user_run *r, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	int n = 0, status = 2;
	rest[n++] = (char *)sub->cmd;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strncmp(arg, "--", 2) == 0 && arg[2] != '\0') {
			int taken = take_own_flag(sub, r, argc, argv, &i);
			if (taken == 2)
				goto out;
			if (taken == 0 && !is_settings_flag(arg)) {
				usage_error(sub->cmd, "unknown option", arg);
				goto out;
			}
			if (taken == 0) {
				/* Both settings flags take a value: keep "--db PATH" together. */
				rest[n++] = argv[i];
				if (!strchr(arg, '=') && i + 1 < argc)
					rest[n++] = argv[++i];
			}
		} else if (arg[0] != '-' && sub->takes_email && !r->email) {
			r->email = arg;
		} else {
			usage_error(sub->cmd, "unexpected argument", arg);
			goto out;
		}
	}
	if (sub->takes_email && !r->email) {
		fprintf(stderr, "trackpro %s: the EMAIL argument is missing\nTry 'trackpro %s --help'.\n", sub->cmd,
			sub->cmd);
		goto out;
	}
	int rc = cli_parse(n, rest, USER_CLI_FLAGS, &r->config);
	status = rc == 0 ? 0 : rc > 0 ? 1 : 2;
out:
	free(rest);
	return status;
}

/* Starts libsodium and opens the database, which must exist and be migrated. Returns 0, or
 * 1 after printing why. */
static int open_db(struct user_run *r)
{
	if (token_library_init() < 0)
		return fail(r, "libsodium cannot start (no entropy source?)");
	const char *path = r->config.db_path;
	struct stat st;
	if (stat(path, &st) < 0)
		return fail(r, "%s: %s; create it with 'trackpro migrate'", path, strerror(errno));
	struct buf err;
	buf_init(&err);
	if (db_open(&r->db, path, &err) < 0) {
		fail(r, "%s", buf_cstr(&err));
		buf_free(&err);
		return 1;
	}
	buf_free(&err);
	switch (db_schema_check(&r->db)) {
	case DB_SCHEMA_CURRENT:
		return 0;
	case DB_SCHEMA_BEHIND:
		fail(r, "%s has schema version %d, this trackpro needs %d: run 'trackpro migrate'", path,
		     db_schema_version(&r->db), DB_SCHEMA_VERSION);
		break;
	case DB_SCHEMA_AHEAD:
		fail(r, "%s has schema version %d, newer than this trackpro (%d): upgrade trackpro", path,
		     db_schema_version(&r->db), DB_SCHEMA_VERSION);
		break;
	case DB_SCHEMA_ERROR:
		fail(r, "%s: cannot read the schema version (is it a trackpro database?)", path);
		break;
	}
	db_close(&r->db);
	return 1;
}

/* Reads one line from fd into out (at most cap - 1 bytes are kept, the rest of a longer line
 * is read and counted) without its '\n', and NUL-terminates it; *len receives the length.
 * Returns 0 for a line (the last one may lack '\n'), 1 at end of input before any byte,
 * 2 when a signal interrupted the read, -1 on a read error. */
static int read_line(int fd, char *out, size_t cap, size_t *len)
{
	size_t n = 0;
	for (;;) {
		char c;
		ssize_t got = read(fd, &c, 1);
		if (got < 0 && errno == EINTR)
			return 2;
		if (got < 0)
			return -1;
		if (got == 0) {
			if (n == 0)
				return 1;
			break;
		}
		if (c == '\n')
			break;
		if (n < cap - 1)
			out[n] = c;
		n++;
	}
	*len = n < cap - 1 ? n : cap - 1;
	out[*len] = '\0';
	return 0;
}

/* Does nothing: installed during a prompt so that a signal makes read() return EINTR and
 * the terminal gets its echo back before the command ends. */
static void interrupt_prompt(int sig)
{
	(void)sig;
}

static const int prompt_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP };
#define PROMPT_SIGNAL_COUNT (sizeof prompt_signals / sizeof prompt_signals[0])

/* Shows prompt on the terminal fd and reads a line without echo into out (see read_line).
 * Echo and the signal handlers are restored whatever happens. Returns as read_line. */
static int read_hidden(int fd, const char *prompt, char *out, size_t cap, size_t *len)
{
	struct termios saved, quiet;
	if (tcgetattr(fd, &saved) < 0)
		return -1;
	quiet = saved;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	struct sigaction act, old[PROMPT_SIGNAL_COUNT];
	memset(&act, 0, sizeof act);
	act.sa_handler = interrupt_prompt;
	sigemptyset(&act.sa_mask);
	for (size_t i = 0; i < PROMPT_SIGNAL_COUNT; i++)
		sigaction(prompt_signals[i], &act, &old[i]);
	int rc = -1;
	if (write(fd, prompt, strlen(prompt)) >= 0 && tcsetattr(fd, TCSAFLUSH, &quiet) == 0) {
		rc = read_line(fd, out, cap, len);
		tcsetattr(fd, TCSAFLUSH, &saved);
		if (rc != 0 && write(fd, "\n", 1) < 0)
			rc = -1;
	}
	for (size_t i = 0; i < PROMPT_SIGNAL_COUNT; i++)
		sigaction(prompt_signals[i], &old[i], NULL);
	return rc;
}

/* Reads a new password for email into out (USER_PASSWORD_CAP bytes), *len its length: one
 * line from standard input when that is not a terminal, else asked twice on /dev/tty without
 * echo. Returns 0, or 1 after printing why (nothing given, mismatch, no terminal). */
static int read_new_password(const struct user_run *r, const char *email, char *out, size_t *len)
{
	if (!isatty(STDIN_FILENO)) {
		int rc = read_line(STDIN_FILENO, out, USER_PASSWORD_CAP, len);
		if (rc == 1)
			return fail(r, "no password on standard input");
		if (rc != 0)
			return fail(r, "cannot read the password from standard input: %s", strerror(errno));
		return 0;
	}
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return fail(r, "cannot open the terminal to ask for the password: %s", strerror(errno));
	char prompt[USER_EMAIL_MAX + 32];
	snprintf(prompt, sizeof prompt, "New password for %s: ", email);
	char *again = sodium_malloc(USER_PASSWORD_CAP);
	size_t again_len = 0;
	int status = 1;
	if (!again) {
		fail(r, "out of memory");
		goto out;
	}
	int rc = read_hidden(fd, prompt, out, USER_PASSWORD_CAP, len);
	if (rc == 0)
		rc = read_hidden(fd, "Repeat the password: ", again, USER_PASSWORD_CAP, &again_len);
	if (rc == 1 || rc == 2)
		fail(r, "cancelled");
	else if (rc < 0)
		fail(r, "cannot read the password from the terminal: %s", strerror(errno));
	else if (*len != again_len || sodium_memcmp(out, again, *len) != 0)
		fail(r, "the two passwords differ; nothing was changed");
	else
		status = 0;
out:
	if (again)
		sodium_free(again);
	close(fd);
	return status;
}

/* Reads, checks and hashes a new password into hash. Returns 0, or 1 after printing why. */
static int new_password_hash(const struct user_run *r, const char *email, char hash[PASSWORD_HASH_SIZE])
{
	char *pw = sodium_malloc(USER_PASSWORD_CAP);
	if (!pw)
		return fail(r, "out of memory");
	size_t len = 0;
	int status = read_new_password(r, email, pw, &len);
	if (status == 0) {
		enum password_problem p = password_check(pw, len);
		if (p != PASSWORD_OK)
			status = fail(r, "%s", password_problem_message(p));
		else if (password_hash(pw, len, hash) < 0)
			status = fail(r, "not enough memory to hash the password");
	}
	sodium_free(pw);
	return status;
}

/* Looks up the account of r->email into *u. Returns 0, or 1 after printing why. */
static int find_user(struct user_run *r, struct user *u)
{
	enum user_status st = user_get_by_email(&r->db, &r->arena, r->email, u);
	if (st == USER_NOT_FOUND)
		return fail(r, "no account with the address %s", r->email);
	if (st != USER_OK)
		return fail(r, "cannot read the accounts (database error)");
	return 0;
}

/* Creates the account of r->email once everything else is checked: the password is hashed
 * first (Argon2id takes a while), then the account is written in one transaction. Returns 0
 * or 1 after printing why. */
static int add_account(struct user_run *r, const char *name, const char *zone)
{
	char hash[PASSWORD_HASH_SIZE];
	if (new_password_hash(r, r->email, hash) != 0)
		return 1;
	int status = 1;
	int64_t id = 0;
	if (db_begin_write(&r->db) < 0) {
		fail(r, "the database is busy or read-only; nothing was changed");
		goto out;
	}
	enum user_status st = user_create(&r->db, clock_now(NULL), r->email, name, hash, zone, r->admin, &id);
	if (st != USER_OK) {
		db_rollback(&r->db);
		if (st == USER_EMAIL_TAKEN)
			fail(r, "an account with the address %s exists already", r->email);
		else
			fail(r, "cannot create the account (database error)");
	} else if (db_commit(&r->db) < 0) {
		fail(r, "cannot save the account (commit failed)");
	} else {
		printf("added %s (id %lld)%s\n", r->email, (long long)id, r->admin ? " as administrator" : "");
		status = 0;
	}
out:
	sodium_memzero(hash, sizeof hash);
	return status;
}

static int user_add(struct user_run *r)
{
	const char *problem = user_email_problem(r->email);
	if (problem)
		return fail(r, "%s: %s", r->email, problem);
	char *name = r->name ? xstrdup(r->name) : xstrndup(r->email, (size_t)(strchr(r->email, '@') - r->email));
	const char *zone = r->time_zone ? r->time_zone : TIMEZONE_DEFAULT;
	struct timezone_list zones;
	struct buf err;
	buf_init(&err);
	int status = 1, rc = timezone_list_load_default(&zones, &err);
	if (rc != 0) {
		fprintf(stderr, "trackpro %s: %s%s\n", r->cmd, rc > 0 ? "warning: " : "", buf_cstr(&err));
		if (rc < 0)
			goto out;
	}
	if ((problem = user_display_name_problem(name))) {
		fail(r, "--name: %s", problem);
		goto out;
	}
	if (!timezone_is_valid(&zones, zone)) {
		fail(r, "unknown time zone '%s' (use an IANA name such as Europe/Paris or America/New_York)", zone);
		goto out;
	}
	/* Everything that can be checked is checked before the password is asked for. */
	if (open_db(r) != 0)
		goto out;
	struct user existing;
	enum user_status st = user_get_by_email(&r->db, &r->arena, r->email, &existing);
	if (st == USER_OK)
		fail(r, "an account with the address %s exists already (id %lld)", r->email, (long long)existing.id);
	else if (st != USER_NOT_FOUND)
		fail(r, "cannot read the accounts (database error)");
	else
		status = add_account(r, name, zone);
	db_close(&r->db);
out:
	timezone_list_free(&zones);
	buf_free(&err);
	free(name);
	return status;
}

static int user_passwd(struct user_run *r)
{
	if (open_db(r) != 0)
		return 1;
	struct user u;
	char hash[PASSWORD_HASH_SIZE];
	int status = 1;
	if (find_user(r, &u) != 0 || new_password_hash(r, u.email, hash) != 0)
		goto out;
	if (db_begin_write(&r->db) < 0) {
		fail(r, "the database is busy or read-only; nothing was changed");
		goto out;
	}
	enum user_status st = user_set_password_hash(&r->db, clock_now(NULL), u.id, hash);
	int ended = st == USER_OK ? session_delete_others(&r->db, u.id, 0) : -1;
	if (st == USER_NOT_FOUND) {
		db_rollback(&r->db);
		fail(r, "the account %s was deleted meanwhile", u.email);
	} else if (st != USER_OK || ended < 0) {
		db_rollback(&r->db);
		fail(r, "cannot change the password (database error); nothing was changed");
	} else if (db_commit(&r->db) < 0) {
		fail(r, "cannot save the password (commit failed); nothing was changed");
	} else {
		printf("password changed for %s; %d session%s ended\n", u.email, ended, ended == 1 ? "" : "s");
		status = 0;
	}
out:
	sodium_memzero(hash, sizeof hash);
	db_close(&r->db);
	return status;
}

/* Writes seconds since the epoch as "YYYY-MM-DD HH:MM:SSZ" (UTC) into out. */
static void format_utc(int64_t seconds, char out[32])
{
	time_t t = (time_t)seconds;
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, 32, "%lld", (long long)seconds);
}

/* user_each callback: prints one account (the header before the first); ctx counts them. */
static int print_user(void *ctx, const struct user *u)
{
	long long *count = ctx;
	if ((*count)++ == 0)
		printf("%-6s %-32s %-24s %-5s %-20s %s\n", "ID", "EMAIL", "NAME", "ADMIN", "CREATED", "LAST LOGIN");
	char created[32], login[32];
	format_utc(u->created_at, created);
	if (u->last_login_at)
		format_utc(u->last_login_at, login);
	else
		snprintf(login, sizeof login, "never");
	printf("%-6lld %-32s %-24s %-5s %-20s %s\n", (long long)u->id, u->email, u->display_name,
	       u->is_admin ? "yes" : "no", created, login);
	return 0;
}

static int user_list(struct user_run *r)
{
	if (open_db(r) != 0)
		return 1;
	long long count = 0;
	int status = 0;
	if (user_each(&r->db, &r->arena, print_user, &count) != USER_OK)
		status = fail(r, "cannot read the accounts (database error)");
	else if (count == 0)
		printf("no users yet\n");
	db_close(&r->db);
	return status;
}

/* Asks on the terminal to type email again. Returns 0 when it was typed (ASCII case does not
 * matter), or 1 after printing why not. */
static int confirm_delete(const struct user_run *r, const char *email)
{
	if (!isatty(STDIN_FILENO))
		return fail(r, "standard input is not a terminal, so the deletion of %s cannot be "
			       "confirmed: pass --yes to delete it and all its data", email);
	fprintf(stderr, "Delete %s and all their data? Type the address to confirm: ", email);
	fflush(stderr);
	char typed[USER_EMAIL_MAX + 2];
	size_t len = 0;
	int rc = read_line(STDIN_FILENO, typed, sizeof typed, &len);
	if (rc != 0) {
		fputc('\n', stderr);
		return fail(r, "not confirmed; nothing was deleted");
	}
	if (strcasecmp(typed, email) != 0)
		return fail(r, "'%s' is not %s; nothing was deleted", typed, email);
	return 0;
}

static int user_delete_cmd(struct user_run *r)
{
	if (open_db(r) != 0)
		return 1;
	struct user u;
	int status = 1;
	if (find_user(r, &u) != 0 || (!r->yes && confirm_delete(r, u.email) != 0))
		goto out;
	if (db_begin_write(&r->db) < 0) {
		fail(r, "the database is busy or read-only; nothing was deleted");
		goto out;
	}
	enum user_status st = user_delete(&r->db, u.id);
	if (st != USER_OK) {
		db_rollback(&r->db);
		fail(r, st == USER_NOT_FOUND ? "%s was deleted meanwhile" : "cannot delete %s (database error)",
		     u.email);
	} else if (db_commit(&r->db) < 0) {
		fail(r, "cannot delete %s (commit failed); nothing was deleted", u.email);
	} else {
		printf("deleted %s (id %lld) and all their data\n", u.email, (long long)u.id);
		status = 0;
	}
out:
	db_close(&r->db);
	return status;
}

int cmd_user(int argc, char **argv)
{
	if (argc < 2) {
		user_usage(stderr);
		return 2;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		user_usage(stdout);
		return 0;
	}
	const struct user_sub *sub = NULL;
	for (size_t i = 0; i < USER_SUB_COUNT && !sub; i++)
		if (strcmp(user_subs[i].name, name) == 0)
			sub = &user_subs[i];
	if (!sub) {
		fprintf(stderr, "trackpro user: unknown subcommand '%s'\n", name);
		user_usage(stderr);
		return 2;
	}
	struct user_run r;
	memset(&r, 0, sizeof r);
	r.cmd = sub->cmd;
	int rc = parse_args(sub, &r, argc - 1, argv + 1);
	if (rc == 1) {
		user_sub_help(sub);
		return 0;
	}
	if (rc != 0)
		return rc;
	arena_init(&r.arena);
	int status = sub->run(&r);
	arena_free(&r.arena);
	return status;
}

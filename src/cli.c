/* cli: settings flags shared by the subcommands. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"

static const struct {
	unsigned bit;
	const char *flag;
	const char *help;
} cli_flags[] = {
	{ CLI_DB, "db", "--db PATH         SQLite database file (TRACKPRO_DB;\n"
			"                    default " CONFIG_DEFAULT_DB ")" },
	{ CLI_SOCKET, "socket", "--socket PATH     FastCGI unix socket to create, mode 0660 (TRACKPRO_SOCKET;\n"
				"                    default: inherit a listening socket on fd 0 or from systemd,\n"
				"                    else " CONFIG_DEFAULT_SOCKET ")" },
	{ CLI_WORKERS, "workers", "--workers N       worker processes, 1-256 (TRACKPRO_WORKERS; default: number of CPUs)" },
	{ CLI_DATA_DIR, "data-dir", "--data-dir DIR    folder holding templates/, sql/ and static/ (TRACKPRO_DATA_DIR;\n"
				    "                    default " TRACKPRO_DATADIR ")" },
	{ CLI_BASE_URL, "base-url", "--base-url URL    public address of the site, http:// or https:// (TRACKPRO_BASE_URL;\n"
				    "                    default http://127.0.0.1:8080); https turns on Secure cookies" },
	{ CLI_REGISTRATION, "registration", "--registration open|closed  whether anyone may sign up at /register\n"
					    "                    (TRACKPRO_REGISTRATION; default open)" },
	{ CLI_SESSIONS, "session-idle-days", "--session-idle-days N  log out after N days without a visit, 1-365\n"
					     "                    (TRACKPRO_SESSION_IDLE_DAYS; default 7)" },
	{ CLI_SESSIONS, "session-max-days", "--session-max-days N   log out N days after logging in, 1-365\n"
					    "                    (TRACKPRO_SESSION_MAX_DAYS; default 30)" },
	{ CLI_PAGE_CACHE, "page-cache-size", "--page-cache-size BYTES  each worker's cache of rendered pages, 0 turns it off\n"
					     "                    (TRACKPRO_PAGE_CACHE_SIZE; default 8388608, 8 MiB)" },
};

#define CLI_FLAG_COUNT (sizeof cli_flags / sizeof cli_flags[0])

void cli_print_flags(unsigned allowed)
{
	for (size_t i = 0; i < CLI_FLAG_COUNT; i++)
		if (allowed & cli_flags[i].bit)
			printf("  %s\n", cli_flags[i].help);
	printf("  --help            show this help\n");
}

/* Fails with a message naming the command. */
static int cli_fail(const char *cmd, const char *msg)
{
	fprintf(stderr, "trackpro %s: %s\nTry 'trackpro %s --help'.\n", cmd, msg, cmd);
	return -1;
}

int cli_parse(int argc, char **argv, unsigned allowed, struct config *c)
{
	const char *cmd = argv[0];
	struct buf err;
	buf_init(&err);
	if (config_from_env(c, &err) < 0) {
		int rc = cli_fail(cmd, buf_cstr(&err));
		buf_free(&err);
		return rc;
	}
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			buf_free(&err);
			return 1;
		}
		if (strncmp(arg, "--", 2) != 0) {
			buf_printf(&err, "unexpected argument '%s'", arg);
			goto fail;
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
		size_t k = 0;
		while (k < CLI_FLAG_COUNT && !(strlen(cli_flags[k].flag) == name_len &&
					       strncmp(cli_flags[k].flag, name, name_len) == 0))
			k++;
		if (k == CLI_FLAG_COUNT || !(allowed & cli_flags[k].bit)) {
			buf_printf(&err, "unknown option '%.*s'", (int)(name_len + 2), arg);
			goto fail;
		}
		const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (config_set(c, cli_flags[k].flag, value, &err) < 0)
			goto fail;
	}
	buf_free(&err);
	return 0;
fail:
	cli_fail(cmd, buf_cstr(&err));
	buf_free(&err);
	return -1;
}

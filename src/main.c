/* main: the trackpro command — dispatches to its subcommands. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "db.h"

static void usage(FILE *f)
{
	fprintf(f, "Usage: trackpro COMMAND [OPTION]...\n"
		   "A self-hosted tracker for habits, routines, challenges and goals.\n\n"
		   "Commands:\n"
		   "  serve     answer FastCGI requests from nginx (master and workers)\n"
		   "  migrate   create or upgrade the database schema\n"
		   "  user      manage accounts: add, passwd, list, delete\n"
		   "  export    write a user's history as CSV: csv (task instances), daily (totals)\n"
		   "  seed      made-up data: demo data in an empty account (seed demo), users\n"
		   "            with years of history for benchmarks (seed bench)\n"
		   "  import    bring in a Loop Habit Tracker backup or CSV export (import loop)\n"
		   "  version   print the version\n"
		   "  help      show this help\n\n"
		   "Run 'trackpro COMMAND --help' for a command's options. See trackpro(8).\n");
}

static int cmd_version(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("Usage: trackpro version\nPrint the version of trackpro and of the database schema it needs.\n");
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "trackpro version: unexpected argument '%s'\n", argv[1]);
		return 2;
	}
	printf("trackpro %s (database schema %d)\n", PACKAGE_VERSION, DB_SCHEMA_VERSION);
	return 0;
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "serve", cmd_serve },
	{ "migrate", cmd_migrate },
	{ "user", cmd_user },
	{ "export", cmd_export },
	{ "seed", cmd_seed },
	{ "import", cmd_import },
	{ "version", cmd_version },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *name = argv[1];
	if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(name, "--version") == 0)
		name = "version";
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "trackpro: unknown command '%s'\n", name);
	usage(stderr);
	return 2;
}

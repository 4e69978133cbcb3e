/* cli: shared parsing of the settings flags of the subcommands, and their help texts. */
#ifndef TRACKPRO_CLI_H
#define TRACKPRO_CLI_H

#include <stdbool.h>

#include "config.h"

/* Flags a subcommand accepts, as a bit set. */
enum cli_flag {
	CLI_DB = 1u << 0,
	CLI_SOCKET = 1u << 1,
	CLI_WORKERS = 1u << 2,
	CLI_DATA_DIR = 1u << 3,
	CLI_BASE_URL = 1u << 4,
	CLI_REGISTRATION = 1u << 5,
	CLI_SESSIONS = 1u << 6, /* --session-idle-days and --session-max-days */
	CLI_PAGE_CACHE = 1u << 7, /* --page-cache-size */
};

/* Fills c from the environment and then from argv (argv[0] is the subcommand's name), taking
 * only the flags in `allowed` plus --help/-h ("--flag VALUE" or "--flag=VALUE").
 * Returns 1 when --help was asked, 0 on success, -1 after printing the error and a hint to
 * stderr. Leftover non-flag arguments are an error. */
int cli_parse(int argc, char **argv, unsigned allowed, struct config *c);

/* Prints the lines describing the flags in `allowed` (with their variables and defaults). */
void cli_print_flags(unsigned allowed);

#endif

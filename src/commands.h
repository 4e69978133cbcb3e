/* commands: the subcommands of the trackpro binary. Each takes argv with argv[0] = its own
 * name and returns the process exit status (0 success, 1 failure, 2 usage error). */
#ifndef TRACKPRO_COMMANDS_H
#define TRACKPRO_COMMANDS_H

/* trackpro serve: the FastCGI master and its workers (cmd_serve.c). */
int cmd_serve(int argc, char **argv);
/* trackpro migrate: brings the database schema up to date (cmd_migrate.c). */
int cmd_migrate(int argc, char **argv);

/* trackpro user: add, passwd, list and delete accounts from the shell (cmd_user.c). */
int cmd_user(int argc, char **argv);

/* trackpro export csv|daily: a user's history as a CSV file (cmd_export.c). */
int cmd_export(int argc, char **argv);
/* trackpro seed demo|bench: the demo data in one empty account, or made-up users with years of
 * history for benchmarks (cmd_seed.c). */
int cmd_seed(int argc, char **argv);
/* trackpro import loop: a Loop Habit Tracker backup or CSV export into an account (cmd_import.c). */
int cmd_import(int argc, char **argv);

#endif

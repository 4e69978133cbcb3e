/* cmd_migrate: `trackpro migrate` — applies the pending numbered migrations of sql/. */
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "db.h"

#define MIGRATE_FLAGS (CLI_DB | CLI_DATA_DIR)

static void migrate_help(void)
{
	printf("Usage: trackpro migrate [OPTION]...\n"
	       "Create the database if needed and apply the pending migrations from\n"
	       "DATA_DIR/sql/ (0001-init.sql, 0002-....sql), each in its own transaction.\n"
	       "Safe to run again: it applies only what is missing.\n\n");
	cli_print_flags(MIGRATE_FLAGS);
}

int cmd_migrate(int argc, char **argv)
{
	struct config config;
	int rc = cli_parse(argc, argv, MIGRATE_FLAGS, &config);
	if (rc != 0) {
		if (rc > 0)
			migrate_help();
		return rc > 0 ? 0 : 2;
	}
	struct db db;
	struct buf err, dir;
	buf_init(&err);
	buf_init(&dir);
	buf_printf(&dir, "%s/sql", config.data_dir);
	int status = 1;
	if (db_open(&db, config.db_path, &err) < 0) {
		fprintf(stderr, "trackpro migrate: %s\n", buf_cstr(&err));
		goto out;
	}
	int before = db_schema_version(&db), applied = 0;
	if (db_migrate(&db, buf_cstr(&dir), &applied, &err) < 0) {
		fprintf(stderr, "trackpro migrate: %s\n", buf_cstr(&err));
		db_close(&db);
		goto out;
	}
	if (applied)
		printf("%s: schema version %d -> %d (%d migration%s applied)\n", config.db_path, before,
		       db_schema_version(&db), applied, applied == 1 ? "" : "s");
	else
		printf("%s: schema version %d, up to date\n", config.db_path, before);
	db_close(&db);
	status = 0;
out:
	buf_free(&err);
	buf_free(&dir);
	return status;
}

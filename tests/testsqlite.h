/* testsqlite: what the db suites share — a temporary directory holding a fresh database per
 * test, opened bare or migrated with the real sql/ directory, and raw SQL helpers that fail
 * the test on error. */
#ifndef TRACKPRO_TESTSQLITE_H
#define TRACKPRO_TESTSQLITE_H

#include "buf.h"
#include "db.h"

/* A temporary directory holding a database (and fake migration directories), per test. */
struct fx {
	struct buf dir;  /* the mkdtemp directory */
	struct buf path; /* dir/test.db */
	struct db db;
};

/* Returns the real migrations directory: $TRACKPRO_SQL_DIR, or "sql" when it is not set. */
const char *sql_dir(void);
/* Makes the temporary directory and opens a fresh database in it. */
void fx_open(struct fx *f);
/* Opens the fixture and migrates it with the real sql/ directory. */
void fx_open_migrated(struct fx *f);
/* Closes the database and removes the temporary directory with everything in it. */
void fx_close(struct fx *f);
/* Returns the first column of the first row of sql as an integer (the query must succeed). */
long long q_int(struct db *db, const char *sql);
/* Returns the first column of the first row of sql as text, malloc'd (caller frees). */
char *q_text(struct db *db, const char *sql);
/* Runs sql and returns SQLite's extended result code. */
int q_exec(struct db *db, const char *sql);
/* Runs sql, which must succeed. */
void q_ok(struct db *db, const char *sql);

#endif

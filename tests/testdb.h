/* testdb: a migrated SQLite database in a temporary folder for domain tests, with helpers to
 * run and query test SQL. */
#ifndef TRACKPRO_TESTDB_H
#define TRACKPRO_TESTDB_H

#include <stdint.h>

#include "db.h"

struct testdb {
	struct db db;
	char dir[64];
	char path[128];
};

/* Makes the folder, opens, migrates ($TRACKPRO_SQL_DIR, default "sql") and prepares every
 * statement; fails the test on any error. */
void testdb_open(struct testdb *t);
/* Closes the database and removes the folder. */
void testdb_close(struct testdb *t);
/* Runs printf-formatted SQL (test data only); fails the test on error. */
void testdb_exec(struct testdb *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the first column of the first row of printf-formatted SQL as an integer (0 when
 * there is no row). */
int64_t testdb_int(struct testdb *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

/* testdb: a migrated SQLite database in a temporary folder for domain tests, with an arena for
 * what reads return, a Check fixture that gives each test a fresh one, helpers to run and
 * query test SQL, and the test data the domain suites share. */
#ifndef TRACKPRO_TESTDB_H
#define TRACKPRO_TESTDB_H

#include <stdint.h>

#include "arena.h"
#include "db.h"

/* A temporary folder for one database file. */
struct testdb_folder {
	char dir[64];   /* /tmp/trackpro-testdb-XXXXXX */
	char path[128]; /* the database file in it */
};

struct testdb {
	struct db db;
	struct arena arena;
	struct testdb_folder folder;
};

/* Makes the folder and names the database file in it, without creating the file; fails the
 * test on error. */
void testdb_folder_make(struct testdb_folder *f);
/* Removes the database file with its -wal and -shm files, then the folder; close the database
 * first. */
void testdb_folder_remove(struct testdb_folder *f);
/* Opens the database at path into *db and migrates it ($TRACKPRO_SQL_DIR, default "sql");
 * fails the test on any error. */
void testdb_migrated(struct db *db, const char *path);

/* Makes the folder, opens, migrates and prepares every statement, and starts an empty arena;
 * fails the test on any error. */
void testdb_open(struct testdb *t);
/* Frees the arena, closes the database and removes the folder. */
void testdb_close(struct testdb *t);

/* The database of the running test in suites whose Check fixture is testdb_setup and
 * testdb_teardown. */
extern struct testdb tdb;
/* Check fixture (tcase_add_checked_fixture): testdb_open(&tdb). */
void testdb_setup(void);
/* Check fixture: testdb_close(&tdb). */
void testdb_teardown(void);

/* Runs printf-formatted SQL (test data only); fails the test on error. */
void testdb_exec(struct testdb *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Returns the first column of the first row of printf-formatted SQL as an integer (0 when
 * there is no row). */
int64_t testdb_int(struct testdb *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Like testdb_int, but fails the test when the query yields no row, and returns -1 when the
 * first column is NULL. */
int64_t testdb_row_int(struct testdb *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Creates user email (display name "Someone", a dummy hash no password matches, time zone
 * UTC, at time 1000); fails the test unless it works; returns the id. */
int64_t testdb_user(struct testdb *t, const char *email);
/* Returns the day number of text ("YYYY-MM-DD"); fails the test unless it parses. */
int64_t testdb_day(const char *text);

#endif

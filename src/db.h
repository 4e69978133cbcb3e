/* db: the SQLite connection of one process — pragmas, the enum-indexed statement table
 * prepared once per connection, binding helpers, write transactions and migrations. */
#ifndef TRACKPRO_DB_H
#define TRACKPRO_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "stmt.h"

/* The schema version this binary needs: the number of the last file in sql/. */
#define DB_SCHEMA_VERSION 1

struct db {
	sqlite3 *conn;
	sqlite3_stmt *stmts[STMT__MAX]; /* prepared lazily by db_stmt, finalized by db_close */
};

/* Opens (creating if needed) the database at path and sets journal_mode=WAL,
 * synchronous=FULL, foreign_keys=ON, busy_timeout=5000, trusted_schema=OFF.
 * Returns 0, or -1 with the reason in err (db is then closed). */
int db_open(struct db *db, const char *path, struct buf *err);
/* Finalizes every statement and closes the connection; safe on a closed db. */
void db_close(struct db *db);

/* Returns statement id from the table, prepared once (SQLITE_PREPARE_PERSISTENT), reset and
 * with its bindings cleared, ready to bind and step; NULL on a prepare error (logged). */
sqlite3_stmt *db_stmt(struct db *db, enum stmt_id id);
/* Prepares every statement of the table now; returns 0, or -1 naming the failing one in err.
 * Used at worker start-up and by the tests to catch a broken statement early. */
int db_prepare_all(struct db *db, struct buf *err);

/* Bind helpers by parameter name (":name"); return 0, or -1 when the statement has no such
 * parameter or SQLite refuses (the failure is logged). Text is copied (SQLITE_TRANSIENT). */
int db_bind_text(sqlite3_stmt *s, const char *name, const char *value);
int db_bind_int(sqlite3_stmt *s, const char *name, int64_t value);
int db_bind_double(sqlite3_stmt *s, const char *name, double value);
int db_bind_null(sqlite3_stmt *s, const char *name);
int db_bind_blob(sqlite3_stmt *s, const char *name, const void *data, int len);

/* Column i of the current row as a copy in a; "" for NULL. */
const char *db_column_text(sqlite3_stmt *s, int i, struct arena *a);
/* Column i, a 'YYYY-MM-DD' text, as a day number (civil.h); fallback for NULL or a malformed
 * value. */
int64_t db_column_day(sqlite3_stmt *s, int i, int64_t fallback);
/* Binds day (a day number) as 'YYYY-MM-DD' to parameter name; -1 for a day civil_format
 * cannot write or an unknown parameter. */
int db_bind_day(sqlite3_stmt *s, const char *name, int64_t day);

/* Begins a write transaction with BEGIN IMMEDIATE (waits up to busy_timeout for the lock).
 * Returns 0 or -1. */
int db_begin_write(struct db *db);
/* Commits; returns 0, or -1 after rolling back. */
int db_commit(struct db *db);
/* Rolls back (ignoring "no transaction is active"). */
void db_rollback(struct db *db);
/* Runs one or more SQL statements without parameters (schema, pragmas). Returns 0 or -1 with
 * the SQLite message in err (when err is not NULL). */
int db_exec(struct db *db, const char *sql, struct buf *err);

/* Reads PRAGMA user_version; -1 on error. */
int db_schema_version(struct db *db);

enum db_schema_state {
	DB_SCHEMA_CURRENT,
	DB_SCHEMA_BEHIND, /* migrations are pending: run `trackpro migrate` */
	DB_SCHEMA_AHEAD,  /* made by a newer trackpro */
	DB_SCHEMA_ERROR
};

/* Compares the database's user_version with DB_SCHEMA_VERSION. */
enum db_schema_state db_schema_check(struct db *db);

/* Applies the migrations sql_dir/NNNN-*.sql numbered above the current user_version, up to
 * DB_SCHEMA_VERSION, in order, each in its own BEGIN IMMEDIATE transaction that also sets
 * user_version. *applied (when not NULL) receives how many ran. Returns 0, or -1 with the
 * file and SQLite's message in err (that migration is rolled back; earlier ones stay).
 * A database ahead of the binary, a missing or duplicate number, is an error. */
int db_migrate(struct db *db, const char *sql_dir, int *applied, struct buf *err);

#endif

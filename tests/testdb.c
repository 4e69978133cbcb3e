/* testdb: temporary migrated databases for domain tests. */
#include "testdb.h"

#include <check.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "civil.h"
#include "user.h"

void testdb_folder_make(struct testdb_folder *f)
{
	snprintf(f->dir, sizeof f->dir, "/tmp/trackpro-testdb-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
}

void testdb_folder_remove(struct testdb_folder *f)
{
	char p[160];
	snprintf(p, sizeof p, "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", f->path);
	unlink(p);
	unlink(f->path);
	rmdir(f->dir);
}

void testdb_migrated(struct db *db, const char *path)
{
	struct buf err;
	buf_init(&err);
	const char *sql = getenv("TRACKPRO_SQL_DIR");
	ck_assert_msg(db_open(db, path, &err) == 0, "db_open: %s", buf_cstr(&err));
	ck_assert_msg(db_migrate(db, sql ? sql : "sql", NULL, &err) == 0, "migrate: %s", buf_cstr(&err));
	buf_free(&err);
}

void testdb_open(struct testdb *t)
{
	testdb_folder_make(&t->folder);
	testdb_migrated(&t->db, t->folder.path);
	struct buf err;
	buf_init(&err);
	ck_assert_msg(db_prepare_all(&t->db, &err) == 0, "%s", buf_cstr(&err));
	buf_free(&err);
	arena_init(&t->arena);
}

void testdb_close(struct testdb *t)
{
	arena_free(&t->arena);
	db_close(&t->db);
	testdb_folder_remove(&t->folder);
}

struct testdb tdb;

void testdb_setup(void)
{
	testdb_open(&tdb);
}

void testdb_teardown(void)
{
	testdb_close(&tdb);
}

void testdb_exec(struct testdb *t, const char *fmt, ...)
{
	struct buf sql, err;
	buf_init(&sql);
	buf_init(&err);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&sql, fmt, ap);
	va_end(ap);
	ck_assert_msg(db_exec(&t->db, buf_cstr(&sql), &err) == 0, "%s: %s", buf_cstr(&sql), buf_cstr(&err));
	buf_free(&sql);
	buf_free(&err);
}

/* Runs printf-formatted SQL and returns the first column of its first row as an integer: 0
 * when there is no row (a failed test when row_required), null_value when it is NULL. Fails
 * the test when the SQL does not compile. */
static int64_t query_int(struct testdb *t, bool row_required, int64_t null_value, const char *fmt, va_list ap)
{
	struct buf sql;
	buf_init(&sql);
	buf_vprintf(&sql, fmt, ap);
	sqlite3_stmt *s = NULL;
	ck_assert_msg(sqlite3_prepare_v2(t->db.conn, buf_cstr(&sql), -1, &s, NULL) == SQLITE_OK, "%s: %s",
		      buf_cstr(&sql), sqlite3_errmsg(t->db.conn));
	int rc = sqlite3_step(s);
	ck_assert_msg(rc == SQLITE_ROW || !row_required, "no row from %s", buf_cstr(&sql));
	int64_t v = 0;
	if (rc == SQLITE_ROW)
		v = sqlite3_column_type(s, 0) == SQLITE_NULL ? null_value : sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	buf_free(&sql);
	return v;
}

int64_t testdb_int(struct testdb *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int64_t v = query_int(t, false, 0, fmt, ap);
	va_end(ap);
	return v;
}

int64_t testdb_row_int(struct testdb *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int64_t v = query_int(t, true, -1, fmt, ap);
	va_end(ap);
	return v;
}

int64_t testdb_user(struct testdb *t, const char *email)
{
	int64_t id = 0;
	ck_assert_int_eq(user_create(&t->db, 1000, email, "Someone", "x", "UTC", false, &id), USER_OK);
	return id;
}

int64_t testdb_day(const char *text)
{
	int64_t d;
	ck_assert_int_eq(civil_parse(text, &d), 0);
	return d;
}

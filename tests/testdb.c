/* testdb: temporary migrated databases for domain tests. */
#include "testdb.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void testdb_open(struct testdb *t)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/trackpro-testdb-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t->dir));
	snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
	struct buf err;
	buf_init(&err);
	const char *sql = getenv("TRACKPRO_SQL_DIR");
	ck_assert_msg(db_open(&t->db, t->path, &err) == 0, "%s", buf_cstr(&err));
	ck_assert_msg(db_migrate(&t->db, sql ? sql : "sql", NULL, &err) == 0, "%s", buf_cstr(&err));
	ck_assert_msg(db_prepare_all(&t->db, &err) == 0, "%s", buf_cstr(&err));
	buf_free(&err);
}

void testdb_close(struct testdb *t)
{
	db_close(&t->db);
	char p[160];
	snprintf(p, sizeof p, "%s-wal", t->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", t->path);
	unlink(p);
	unlink(t->path);
	rmdir(t->dir);
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

int64_t testdb_int(struct testdb *t, const char *fmt, ...)
{
	struct buf sql;
	buf_init(&sql);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&sql, fmt, ap);
	va_end(ap);
	sqlite3_stmt *s = NULL;
	ck_assert_msg(sqlite3_prepare_v2(t->db.conn, buf_cstr(&sql), -1, &s, NULL) == SQLITE_OK, "%s: %s",
		      buf_cstr(&sql), sqlite3_errmsg(t->db.conn));
	int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	buf_free(&sql);
	return v;
}

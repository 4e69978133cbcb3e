/* testsqlite: the database fixture and SQL helpers the db suites share. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "testsqlite.h"

#include <check.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *sql_dir(void)
{
	const char *d = getenv("TRACKPRO_SQL_DIR");
	return d && *d ? d : "sql";
}

/* Removes dir and everything below it. */
static void rm_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		struct buf p;
		buf_init(&p);
		buf_printf(&p, "%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
			rm_tree(p.data);
		else
			unlink(p.data);
		buf_free(&p);
	}
	closedir(d);
	rmdir(dir);
}

void fx_open(struct fx *f)
{
	const char *tmp = getenv("TMPDIR");
	buf_init(&f->dir);
	buf_init(&f->path);
	buf_printf(&f->dir, "%s/check_db-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(f->dir.data));
	buf_printf(&f->path, "%s/test.db", f->dir.data);
	struct buf err;
	buf_init(&err);
	int r = db_open(&f->db, f->path.data, &err);
	ck_assert_msg(r == 0, "db_open: %s", buf_cstr(&err));
	buf_free(&err);
}

void fx_open_migrated(struct fx *f)
{
	fx_open(f);
	struct buf err;
	buf_init(&err);
	int applied = -1;
	int r = db_migrate(&f->db, sql_dir(), &applied, &err);
	ck_assert_msg(r == 0, "db_migrate %s: %s", sql_dir(), buf_cstr(&err));
	ck_assert_int_eq(applied, DB_SCHEMA_VERSION);
	buf_free(&err);
}

void fx_close(struct fx *f)
{
	db_close(&f->db);
	rm_tree(f->dir.data);
	buf_free(&f->dir);
	buf_free(&f->path);
}

long long q_int(struct db *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	ck_assert_msg(sqlite3_prepare_v2(db->conn, sql, -1, &s, NULL) == SQLITE_OK, "%s: %s", sql,
	              sqlite3_errmsg(db->conn));
	ck_assert_msg(sqlite3_step(s) == SQLITE_ROW, "%s: no row (%s)", sql, sqlite3_errmsg(db->conn));
	long long v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

char *q_text(struct db *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	ck_assert_msg(sqlite3_prepare_v2(db->conn, sql, -1, &s, NULL) == SQLITE_OK, "%s: %s", sql,
	              sqlite3_errmsg(db->conn));
	ck_assert_msg(sqlite3_step(s) == SQLITE_ROW, "%s: no row", sql);
	const unsigned char *t = sqlite3_column_text(s, 0);
	struct buf b;
	buf_init(&b);
	buf_puts(&b, t ? (const char *)t : "");
	sqlite3_finalize(s);
	return buf_detach(&b);
}

int q_exec(struct db *db, const char *sql)
{
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? SQLITE_OK : sqlite3_extended_errcode(db->conn);
}

void q_ok(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
}

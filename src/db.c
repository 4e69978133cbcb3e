/* db: one SQLite connection per process — pragmas, statement cache, binding, transactions, migrations. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "log.h"
#include "xmalloc.h"

/* Appends a formatted message to err when the caller gave one. */
static void db_seterr(struct buf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void db_seterr(struct buf *err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(err, fmt, ap);
	va_end(ap);
}

/* Runs a PRAGMA (or any statement) and copies the first column of its first row as text into
 * out (size n; "" when there is no row). Returns 0 or -1 with SQLite's message in err. */
static int db_pragma_text(sqlite3 *conn, const char *sql, char *out, size_t n, struct buf *err)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(conn, sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	out[0] = '\0';
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(s, 0);
		size_t len = t ? (size_t)sqlite3_column_bytes(s, 0) : 0;
		if (len >= n)
			len = n - 1;
		if (len)
			memcpy(out, t, len);
		out[len] = '\0';
		rc = sqlite3_step(s);
	}
	if (rc != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(s);
	return 0;
fail:
	db_seterr(err, "%s: %s", sql, sqlite3_errmsg(conn));
	sqlite3_finalize(s);
	return -1;
}

int db_open(struct db *db, const char *path, struct buf *err)
{
	memset(db, 0, sizeof *db);
	int rc = sqlite3_open_v2(path, &db->conn,
	                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		db_seterr(err, "%s: %s", path, db->conn ? sqlite3_errmsg(db->conn) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(db->conn, 1);
	/* Hardening: no schema tricks through pragmas, no "double-quoted" string literals. */
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_db_config(db->conn, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);

	/* busy_timeout first, so that switching to WAL waits for another process's lock. */
	static const char *const pragmas[] = {
		"PRAGMA busy_timeout = 5000",
		"PRAGMA trusted_schema = OFF",
		"PRAGMA foreign_keys = ON",
	};
	char val[32];
	for (size_t i = 0; i < sizeof pragmas / sizeof pragmas[0]; i++)
		if (db_pragma_text(db->conn, pragmas[i], val, sizeof val, err) < 0)
			goto fail;
	if (db_pragma_text(db->conn, "PRAGMA journal_mode = WAL", val, sizeof val, err) < 0)
		goto fail;
	if (sqlite3_stricmp(val, "wal") != 0) {
		db_seterr(err, "%s: journal_mode is \"%s\", not \"wal\"", path, val);
		goto fail;
	}
	if (db_pragma_text(db->conn, "PRAGMA synchronous = FULL", val, sizeof val, err) < 0)
		goto fail;
	return 0;
fail:
	db_close(db);
	return -1;
}

void db_close(struct db *db)
{
	for (int i = 0; i < STMT__MAX; i++) {
		sqlite3_finalize(db->stmts[i]);
		db->stmts[i] = NULL;
	}
	if (db->conn) {
		if (sqlite3_close(db->conn) != SQLITE_OK)
			log_error("db_close: %s", sqlite3_errmsg(db->conn));
		db->conn = NULL;
	}
}

/* Prepares statement id into the cache when it is not there yet. Returns 0, or -1 with the
 * reason in err. A statement text holding more than one statement is refused. */
static int db_stmt_prepare(struct db *db, enum stmt_id id, struct buf *err)
{
	if ((unsigned)id >= STMT__MAX) {
		db_seterr(err, "statement id %d out of range", (int)id);
		return -1;
	}
	if (db->stmts[id])
		return 0;
	const char *sql = stmt_sql(id);
	if (!sql) {
		db_seterr(err, "statement %s: no SQL", stmt_name(id));
		return -1;
	}
	sqlite3_stmt *s = NULL;
	const char *tail = NULL;
	if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, &tail) != SQLITE_OK) {
		db_seterr(err, "statement %s: %s", stmt_name(id), sqlite3_errmsg(db->conn));
		return -1;
	}
	if (!s) {
		db_seterr(err, "statement %s: empty SQL", stmt_name(id));
		return -1;
	}
	while (tail && (*tail == ' ' || *tail == '\t' || *tail == '\n' || *tail == '\r' || *tail == ';'))
		tail++;
	if (tail && *tail) {
		sqlite3_finalize(s);
		db_seterr(err, "statement %s: more than one statement", stmt_name(id));
		return -1;
	}
	db->stmts[id] = s;
	return 0;
}

sqlite3_stmt *db_stmt(struct db *db, enum stmt_id id)
{
	struct buf err;
	buf_init(&err);
	if (db_stmt_prepare(db, id, &err) < 0) {
		log_error("%s", buf_cstr(&err));
		buf_free(&err);
		return NULL;
	}
	sqlite3_stmt *s = db->stmts[id];
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

int db_prepare_all(struct db *db, struct buf *err)
{
	for (int i = 0; i < STMT__MAX; i++)
		if (db_stmt_prepare(db, (enum stmt_id)i, err) < 0)
			return -1;
	return 0;
}

/* Returns the index of parameter name in s, or 0 after logging that it is missing. */
static int db_param(sqlite3_stmt *s, const char *name)
{
	int i = name ? sqlite3_bind_parameter_index(s, name) : 0;
	if (i == 0)
		log_error("no parameter %s in: %s", name ? name : "(null)", sqlite3_sql(s));
	return i;
}

/* Turns the result of a sqlite3_bind_* call into 0 / -1, logging a refusal. */
static int db_bind_result(const char *name, int rc)
{
	if (rc == SQLITE_OK)
		return 0;
	log_error("bind %s: %s", name, sqlite3_errstr(rc));
	return -1;
}

int db_bind_text(sqlite3_stmt *s, const char *name, const char *value)
{
	int i = db_param(s, name);
	if (i == 0)
		return -1;
	if (!value)
		return db_bind_result(name, sqlite3_bind_null(s, i));
	return db_bind_result(name, sqlite3_bind_text(s, i, value, -1, SQLITE_TRANSIENT));
}

int db_bind_int(sqlite3_stmt *s, const char *name, int64_t value)
{
	int i = db_param(s, name);
	if (i == 0)
		return -1;
	return db_bind_result(name, sqlite3_bind_int64(s, i, (sqlite3_int64)value));
}

int db_bind_double(sqlite3_stmt *s, const char *name, double value)
{
	int i = db_param(s, name);
	if (i == 0)
		return -1;
	return db_bind_result(name, sqlite3_bind_double(s, i, value));
}

int db_bind_null(sqlite3_stmt *s, const char *name)
{
	int i = db_param(s, name);
	if (i == 0)
		return -1;
	return db_bind_result(name, sqlite3_bind_null(s, i));
}

int db_bind_blob(sqlite3_stmt *s, const char *name, const void *data, int len)
{
	int i = db_param(s, name);
	if (i == 0)
		return -1;
	if (len < 0) {
		log_error("bind %s: negative blob length", name);
		return -1;
	}
	return db_bind_result(name, sqlite3_bind_blob(s, i, data, len, SQLITE_TRANSIENT));
}

const char *db_column_text(sqlite3_stmt *s, int i, struct arena *a)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(s, i)) : arena_strdup(a, "");
}

int64_t db_column_day(sqlite3_stmt *s, int i, int64_t fallback)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	int64_t day;
	return t && civil_parse((const char *)t, &day) == 0 ? day : fallback;
}

int db_bind_day(sqlite3_stmt *s, const char *name, int64_t day)
{
	char text[CIVIL_DATE_SIZE];
	if (civil_format(day, text))
		return -1;
	return db_bind_text(s, name, text);
}

int db_exec(struct db *db, const char *sql, struct buf *err)
{
	char *msg = NULL;
	if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	db_seterr(err, "%s", msg ? msg : sqlite3_errmsg(db->conn));
	sqlite3_free(msg);
	return -1;
}

int db_begin_write(struct db *db)
{
	struct buf err;
	buf_init(&err);
	int r = db_exec(db, "BEGIN IMMEDIATE", &err);
	if (r < 0)
		log_error("BEGIN IMMEDIATE: %s", buf_cstr(&err));
	buf_free(&err);
	return r;
}

int db_commit(struct db *db)
{
	struct buf err;
	buf_init(&err);
	int r = db_exec(db, "COMMIT", &err);
	if (r < 0) {
		log_error("COMMIT: %s", buf_cstr(&err));
		db_rollback(db);
	}
	buf_free(&err);
	return r;
}

void db_rollback(struct db *db)
{
	if (!db->conn || sqlite3_get_autocommit(db->conn))
		return; /* no transaction is active */
	struct buf err;
	buf_init(&err);
	if (db_exec(db, "ROLLBACK", &err) < 0)
		log_error("ROLLBACK: %s", buf_cstr(&err));
	buf_free(&err);
}

int db_schema_version(struct db *db)
{
	sqlite3_stmt *s = NULL;
	int v = -1;
	if (sqlite3_prepare_v2(db->conn, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK
	    && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	else
		log_error("PRAGMA user_version: %s", sqlite3_errmsg(db->conn));
	sqlite3_finalize(s);
	return v;
}

enum db_schema_state db_schema_check(struct db *db)
{
	int v = db_schema_version(db);
	if (v < 0)
		return DB_SCHEMA_ERROR;
	if (v < DB_SCHEMA_VERSION)
		return DB_SCHEMA_BEHIND;
	if (v > DB_SCHEMA_VERSION)
		return DB_SCHEMA_AHEAD;
	return DB_SCHEMA_CURRENT;
}

/* ---- migrations ---- */

/* One file of the migrations directory. */
struct migration {
	int num;    /* NNNN, 1..9999 */
	char *name; /* file name, malloc'd */
};

/* A list of migration files, sorted by number once read. */
struct migration_list {
	struct migration *v;
	size_t n, cap;
};

/* Frees the names and the array of l and empties it. */
static void migration_list_free(struct migration_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* Returns the number of a file named NNNN-description.sql, 0 when the name ends in .sql
 * but has another shape, or -1 when it is not a .sql file at all (and is ignored). */
static int migration_number(const char *name)
{
	size_t len = strlen(name);
	if (len < 4 || strcmp(name + len - 4, ".sql") != 0)
		return -1;
	if (len < 4 + 1 + 1 + 4) /* NNNN, '-', at least one character, ".sql" */
		return 0;
	int num = 0;
	for (int i = 0; i < 4; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		num = num * 10 + (name[i] - '0');
	}
	return name[4] == '-' ? num : 0;
}

/* Orders migrations by number, then by name so that duplicates are reported predictably. */
static int migration_cmp(const void *a, const void *b)
{
	const struct migration *x = a, *y = b;
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Reads the migration files of dir, sorted, and checks that they are numbered 1, 2, 3 ...
 * without gap or duplicate up to at least DB_SCHEMA_VERSION. Returns 0 or -1 with err. */
static int migration_scan(const char *dir, struct migration_list *l, struct buf *err)
{
	DIR *d = opendir(dir);
	if (!d) {
		db_seterr(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	int r = -1;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue; /* hidden: editor locks, backups */
		int num = migration_number(e->d_name);
		if (num < 0)
			continue;
		if (num == 0) {
			db_seterr(err, "%s/%s: a migration must be named NNNN-description.sql, from 0001",
			          dir, e->d_name);
			goto out;
		}
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 16;
			l->v = xrealloc(l->v, l->cap * sizeof *l->v);
		}
		l->v[l->n].num = num;
		l->v[l->n].name = xstrdup(e->d_name);
		l->n++;
	}
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, migration_cmp);
	for (size_t i = 0; i < l->n; i++) {
		if (i > 0 && l->v[i].num == l->v[i - 1].num) {
			db_seterr(err, "%s: %s and %s have the same number", dir, l->v[i - 1].name, l->v[i].name);
			goto out;
		}
		if (l->v[i].num != (int)i + 1) {
			db_seterr(err, "%s: migration %04d is missing (next file is %s)", dir, (int)i + 1,
			          l->v[i].name);
			goto out;
		}
	}
	if (l->n < DB_SCHEMA_VERSION) {
		db_seterr(err, "%s: migration %04zu is missing (this trackpro needs up to %04d)", dir,
		          l->n + 1, DB_SCHEMA_VERSION);
		goto out;
	}
	r = 0;
out:
	closedir(d);
	return r;
}

/* Reads the whole file at path into out. Returns 0 or -1 with err. */
static int migration_read(const char *path, struct buf *out, struct buf *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		db_seterr(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(out, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		db_seterr(err, "%s: read error", path);
		return -1;
	}
	if (out->len && memchr(out->data, '\0', out->len)) {
		db_seterr(err, "%s: contains a NUL byte", path);
		return -1;
	}
	return 0;
}

/* Authorizer for migration files: a migration runs inside the transaction made for it, so it
 * may not begin, commit or roll back one itself. */
static int migration_authorizer(void *arg, int action, const char *a, const char *b, const char *c,
                                const char *d)
{
	(void)arg, (void)a, (void)b, (void)c, (void)d;
	return action == SQLITE_TRANSACTION ? SQLITE_DENY : SQLITE_OK;
}

/* Fails with err when PRAGMA foreign_key_check reports a row that breaks a foreign key. */
static int migration_fk_check(struct db *db, const char *path, struct buf *err)
{
	sqlite3_stmt *s = NULL;
	int r = -1;
	if (sqlite3_prepare_v2(db->conn, "PRAGMA foreign_key_check", -1, &s, NULL) != SQLITE_OK) {
		db_seterr(err, "%s: %s", path, sqlite3_errmsg(db->conn));
		goto out;
	}
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		const unsigned char *table = sqlite3_column_text(s, 0);
		const unsigned char *parent = sqlite3_column_text(s, 2);
		db_seterr(err, "%s: foreign key violation: row %lld of %s refers to a missing %s row", path,
		          (long long)sqlite3_column_int64(s, 1), table ? (const char *)table : "?",
		          parent ? (const char *)parent : "?");
		goto out;
	}
	if (rc != SQLITE_DONE) {
		db_seterr(err, "%s: %s", path, sqlite3_errmsg(db->conn));
		goto out;
	}
	r = 0;
out:
	sqlite3_finalize(s);
	return r;
}

/* Applies one migration file as version num in its own write transaction. Foreign keys are off
 * meanwhile (so that a table rebuild does not cascade) and checked before the commit. Returns 1
 * when applied, 0 when another process applied it first, -1 with err after a rollback. */
static int migration_apply(struct db *db, const char *dir, const struct migration *m, struct buf *err)
{
	struct buf path, sql, msg;
	buf_init(&path);
	buf_init(&sql);
	buf_init(&msg);
	buf_printf(&path, "%s/%s", dir, m->name);
	int r = -1;
	if (migration_read(buf_cstr(&path), &sql, err) < 0)
		goto out;
	if (db_exec(db, "PRAGMA foreign_keys = OFF", &msg) < 0 || db_exec(db, "BEGIN IMMEDIATE", &msg) < 0)
		goto fail;
	int v = db_schema_version(db);
	if (v < 0) {
		buf_puts(&msg, "cannot read user_version");
		goto fail;
	}
	if (v >= m->num) {
		r = 0; /* applied meanwhile by another process */
		db_rollback(db);
		goto out;
	}
	sqlite3_set_authorizer(db->conn, migration_authorizer, NULL);
	int rc = db_exec(db, buf_cstr(&sql), &msg);
	sqlite3_set_authorizer(db->conn, NULL, NULL);
	if (rc < 0)
		goto fail;
	if (sqlite3_get_autocommit(db->conn)) {
		buf_puts(&msg, "the migration ended its transaction");
		goto fail;
	}
	if (migration_fk_check(db, buf_cstr(&path), err) < 0) {
		db_rollback(db);
		goto out;
	}
	buf_reset(&sql);
	buf_printf(&sql, "PRAGMA user_version = %d", m->num);
	if (db_exec(db, buf_cstr(&sql), &msg) < 0 || db_exec(db, "COMMIT", &msg) < 0)
		goto fail;
	r = 1;
	goto out;
fail:
	db_seterr(err, "%s: %s", buf_cstr(&path), buf_cstr(&msg));
	db_rollback(db);
out:
	if (db->conn && db_exec(db, "PRAGMA foreign_keys = ON", NULL) < 0) {
		log_error("%s: cannot turn foreign keys back on", buf_cstr(&path));
		r = -1;
	}
	buf_free(&path);
	buf_free(&sql);
	buf_free(&msg);
	return r;
}

int db_migrate(struct db *db, const char *sql_dir, int *applied, struct buf *err)
{
	if (applied)
		*applied = 0;
	int v = db_schema_version(db);
	if (v < 0) {
		db_seterr(err, "cannot read the schema version: %s", sqlite3_errmsg(db->conn));
		return -1;
	}
	if (v > DB_SCHEMA_VERSION) {
		db_seterr(err, "the database has schema version %d, newer than this trackpro's %d: "
		          "run a newer trackpro", v, DB_SCHEMA_VERSION);
		return -1;
	}
	struct migration_list l = { NULL, 0, 0 };
	int r = -1;
	if (migration_scan(sql_dir, &l, err) < 0)
		goto out;
	for (int num = v + 1; num <= DB_SCHEMA_VERSION; num++) {
		int a = migration_apply(db, sql_dir, &l.v[num - 1], err);
		if (a < 0)
			goto out;
		if (applied)
			*applied += a;
	}
	r = 0;
out:
	migration_list_free(&l);
	return r;
}

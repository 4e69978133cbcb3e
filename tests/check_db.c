/* check_db: unit tests of the SQLite layer (pragmas, statements, transactions, migrations) and of
 * the schema in sql/ (STRICT tables, constraints, cascades). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "db.h"

/* A temporary directory holding a database (and fake migration directories), per test. */
struct fx {
	struct buf dir;  /* the mkdtemp directory */
	struct buf path; /* dir/test.db */
	struct db db;
};

/* Returns the real migrations directory: $TRACKPRO_SQL_DIR, or "sql" when it is not set. */
static const char *sql_dir(void)
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

/* Makes the temporary directory and opens a fresh database in it. */
static void fx_open(struct fx *f)
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

/* Opens the fixture and migrates it with the real sql/ directory. */
static void fx_open_migrated(struct fx *f)
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

static void fx_close(struct fx *f)
{
	db_close(&f->db);
	rm_tree(f->dir.data);
	buf_free(&f->dir);
	buf_free(&f->path);
}

/* Makes the subdirectory name of the fixture for fake migrations; returns its path (caller frees). */
static char *fx_subdir(struct fx *f, const char *name)
{
	struct buf p;
	buf_init(&p);
	buf_printf(&p, "%s/%s", f->dir.data, name);
	ck_assert_int_eq(mkdir(p.data, 0700), 0);
	return buf_detach(&p);
}

/* Writes text to dir/name. */
static void write_file(const char *dir, const char *name, const char *text)
{
	struct buf p;
	buf_init(&p);
	buf_printf(&p, "%s/%s", dir, name);
	FILE *fp = fopen(p.data, "w");
	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fputs(text, fp) >= 0, 1);
	ck_assert_int_eq(fclose(fp), 0);
	buf_free(&p);
}

/* Returns the first column of the first row of sql as an integer (the query must succeed). */
static long long q_int(struct db *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	ck_assert_msg(sqlite3_prepare_v2(db->conn, sql, -1, &s, NULL) == SQLITE_OK, "%s: %s", sql,
	              sqlite3_errmsg(db->conn));
	ck_assert_msg(sqlite3_step(s) == SQLITE_ROW, "%s: no row (%s)", sql, sqlite3_errmsg(db->conn));
	long long v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Returns the first column of the first row of sql as text, malloc'd (caller frees). */
static char *q_text(struct db *db, const char *sql)
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

/* Runs sql and returns SQLite's extended result code. */
static int q_exec(struct db *db, const char *sql)
{
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? SQLITE_OK : sqlite3_extended_errcode(db->conn);
}

/* Runs sql, which must succeed. */
static void q_ok(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->conn, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
}

static int table_exists(struct db *db, const char *name)
{
	sqlite3_stmt *s = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(db->conn,
	                 "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", -1, &s,
	                 NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	int n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* One row in every table: user 1 owns everything, user 2 a session, a tracker and a task. */
static const char fixture_sql[] =
	"INSERT INTO users(id, email, password_hash, display_name, created_at, updated_at)"
	" VALUES (1, 'a@example.org', 'h', 'A', 0, 0), (2, 'b@example.org', 'h', 'B', 0, 0);"
	"INSERT INTO sessions(user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at)"
	" VALUES (1, randomblob(32), randomblob(32), 0, 0, 9), (2, randomblob(32), randomblob(32), 0, 0, 9);"
	"INSERT INTO preferences(user_id, updated_at) VALUES (1, 0);"
	"INSERT INTO login_attempts(key, window_start, count, last_at) VALUES ('login:a@example.org', 0, 1, 0);"
	"INSERT INTO categories(id, user_id, name, created_at, updated_at) VALUES (1, 1, 'Health', 0, 0);"
	"INSERT INTO trackers(id, user_id, name, category_id, created_at, updated_at)"
	" VALUES (1, 1, 'Morning', 1, 0, 0), (2, 2, 'Other', NULL, 0, 0);"
	"INSERT INTO task_templates(id, tracker_id, name, created_at, updated_at)"
	" VALUES (1, 1, 'Water', 0, 0), (2, 2, 'Run', 0, 0);"
	"INSERT INTO tags(id, user_id, name, created_at) VALUES (1, 1, 'health', 0);"
	"INSERT INTO template_tags(task_template_id, tag_id) VALUES (1, 1);"
	"INSERT INTO tracker_instances(id, tracker_id, period_start, period_end, tracking_date, time_mode, created_at)"
	" VALUES (1, 1, '2025-01-06', '2025-01-06', '2025-01-06', 'daily', 0);"
	"INSERT INTO task_instances(id, tracker_instance_id, task_template_id, name, points, weight, kind,"
	" created_at, updated_at) VALUES (1, 1, 1, 'Water', 1, 1, 'check', 0, 0);"
	"INSERT INTO task_events(task_instance_id, at, new_status) VALUES (1, 0, 'done');"
	"INSERT INTO day_notes(tracker_id, day, body, created_at, updated_at) VALUES (1, '2025-01-06', 'ok', 0, 0);"
	"INSERT INTO goals(id, user_id, name, kind, target_value, metric, created_at, updated_at)"
	" VALUES (1, 1, 'Gym', 'tasks', 10, 'completions', 0, 0);"
	"INSERT INTO goal_events(goal_id, at, kind) VALUES (1, 0, 'created');"
	"INSERT INTO goal_tasks(goal_id, task_template_id, created_at) VALUES (1, 1, 0);"
	"INSERT INTO progress_entries(goal_id, value, day, created_at) VALUES (1, 1, '2025-01-06', 0);"
	"INSERT INTO goal_period_snapshots(goal_id, period_start, period_end, achieved_value, target_value,"
	" percent, achieved, taken_at) VALUES (1, '2025-01-06', '2025-01-12', 3, 5, 60, 0, 0);"
	"INSERT INTO streak_milestones(tracker_id, task_template_id, milestone, reached_day, recorded_at)"
	" VALUES (1, NULL, 7, '2025-01-12', 0), (1, 1, 7, '2025-01-12', 0);"
	"INSERT INTO notifications(user_id, kind, title, created_at) VALUES (1, 'system', 'hi', 0);"
	"INSERT INTO share_links(id, user_id, tracker_id, token_hash, created_at) VALUES (1, 1, 1, randomblob(32), 0);"
	"INSERT INTO share_attempts(share_link_id, key, window_start, count, last_at) VALUES (1, '*', 0, 1, 0);"
	"INSERT INTO entity_relations(user_id, from_kind, from_id, to_kind, to_id, relation, created_at)"
	" VALUES (1, 'task_template', 1, 'goal', 1, 'supports', 0);"
	"INSERT INTO search_history(user_id, query, last_searched_at) VALUES (1, 'water', 0);"
	"INSERT INTO time_logs(user_id, task_instance_id, day, started_at) VALUES (1, 1, '2025-01-06', 0);"
	"INSERT INTO imports(user_id, source, external_key, tracker_id, task_template_id, first_imported_at,"
	" last_imported_at) VALUES (1, 'loop', 'uuid-1', 1, 1, 0, 0);";

START_TEST(test_pragmas)
{
	struct fx f;
	fx_open(&f);
	char *mode = q_text(&f.db, "PRAGMA journal_mode");
	ck_assert_str_eq(mode, "wal");
	free(mode);
	ck_assert_int_eq(q_int(&f.db, "PRAGMA synchronous"), 2);
	ck_assert_int_eq(q_int(&f.db, "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(q_int(&f.db, "PRAGMA busy_timeout"), 5000);
	ck_assert_int_eq(q_int(&f.db, "PRAGMA trusted_schema"), 0);
	ck_assert_int_eq(db_schema_version(&f.db), 0);
	fx_close(&f);
}
END_TEST

START_TEST(test_open_fails)
{
	struct db db;
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(db_open(&db, "/nonexistent-dir-for-check_db/x.db", &err), -1);
	ck_assert_uint_gt(err.len, 0);
	ck_assert_ptr_null(db.conn);
	db_close(&db); /* safe on a closed db */
	buf_free(&err);
}
END_TEST

START_TEST(test_close_twice)
{
	struct fx f;
	fx_open(&f);
	ck_assert_ptr_nonnull(db_stmt(&f.db, STMT_HEALTHZ));
	db_close(&f.db);
	ck_assert_ptr_null(f.db.conn);
	db_close(&f.db);
	fx_close(&f);
}
END_TEST

START_TEST(test_migrate_real)
{
	struct fx f;
	fx_open(&f);
	ck_assert_int_eq(db_schema_check(&f.db), DB_SCHEMA_BEHIND);
	struct buf err;
	buf_init(&err);
	int applied = -1;
	ck_assert_msg(db_migrate(&f.db, sql_dir(), &applied, &err) == 0, "%s", buf_cstr(&err));
	ck_assert_int_eq(applied, DB_SCHEMA_VERSION);
	ck_assert_int_eq(db_schema_version(&f.db), DB_SCHEMA_VERSION);
	ck_assert_int_eq(db_schema_check(&f.db), DB_SCHEMA_CURRENT);
	/* every table STRICT, and the model's tables all there */
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM pragma_table_list WHERE schema = 'main'"
	                              " AND type = 'table' AND name NOT LIKE 'sqlite_%' AND strict = 0"), 0);
	static const char *const tables[] = {
		"users", "sessions", "preferences", "login_attempts", "categories", "trackers",
		"task_templates", "tags", "template_tags", "tracker_instances", "task_instances",
		"task_events", "day_notes", "goals", "goal_events", "goal_tasks", "progress_entries",
		"goal_period_snapshots", "streak_milestones", "notifications", "share_links",
		"share_attempts", "entity_relations", "search_history", "time_logs", "imports",
	};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		ck_assert_msg(table_exists(&f.db, tables[i]), "table %s is missing", tables[i]);
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
	                              " AND name NOT LIKE 'sqlite_%'"),
	                 (long long)(sizeof tables / sizeof tables[0]));
	/* foreign keys are back on after the migration, and the schema is sound */
	ck_assert_int_eq(q_int(&f.db, "PRAGMA foreign_keys"), 1);
	char *ok = q_text(&f.db, "PRAGMA integrity_check");
	ck_assert_str_eq(ok, "ok");
	free(ok);
	ck_assert_int_eq(db_prepare_all(&f.db, &err), 0);
	buf_free(&err);
	fx_close(&f);
}
END_TEST

START_TEST(test_foreign_keys_enforced)
{
	struct fx f;
	fx_open_migrated(&f);
	ck_assert_int_eq(q_exec(&f.db, "INSERT INTO trackers(user_id, name, created_at, updated_at)"
	                               " VALUES (42, 'x', 0, 0)"), SQLITE_CONSTRAINT_FOREIGNKEY);
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM trackers"), 0);
	fx_close(&f);
}
END_TEST

START_TEST(test_migrate_twice)
{
	struct fx f;
	fx_open_migrated(&f);
	struct buf err;
	buf_init(&err);
	int applied = -1;
	ck_assert_int_eq(db_migrate(&f.db, sql_dir(), &applied, &err), 0);
	ck_assert_int_eq(applied, 0);
	ck_assert_int_eq(db_schema_version(&f.db), DB_SCHEMA_VERSION);
	buf_free(&err);
	fx_close(&f);
}
END_TEST

START_TEST(test_schema_ahead)
{
	struct fx f;
	fx_open(&f);
	struct buf sql, err;
	buf_init(&sql);
	buf_init(&err);
	buf_printf(&sql, "PRAGMA user_version = %d", DB_SCHEMA_VERSION + 1);
	ck_assert_int_eq(db_exec(&f.db, sql.data, &err), 0);
	ck_assert_int_eq(db_schema_check(&f.db), DB_SCHEMA_AHEAD);
	int applied = -1;
	ck_assert_int_eq(db_migrate(&f.db, sql_dir(), &applied, &err), -1);
	ck_assert_int_eq(applied, 0);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&err), "newer"));
	ck_assert_int_eq(db_schema_version(&f.db), DB_SCHEMA_VERSION + 1);
	buf_free(&sql);
	buf_free(&err);
	fx_close(&f);
}
END_TEST

/* Migrates the fixture with the fake directory dir, expecting failure with needle in the message;
 * the database must be left at user_version 0. */
static void expect_migrate_fails(struct fx *f, const char *dir, const char *needle)
{
	struct buf err;
	buf_init(&err);
	int applied = -1;
	ck_assert_int_eq(db_migrate(&f->db, dir, &applied, &err), -1);
	ck_assert_int_eq(applied, 0);
	ck_assert_msg(strstr(buf_cstr(&err), needle), "error \"%s\" lacks \"%s\"", buf_cstr(&err), needle);
	ck_assert_int_eq(db_schema_version(&f->db), 0);
	ck_assert_int_eq(q_int(&f->db, "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(sqlite3_get_autocommit(f->db.conn), 1);
	buf_free(&err);
}

START_TEST(test_broken_migration_rolls_back)
{
	struct fx f;
	fx_open(&f);
	char *dir = fx_subdir(&f, "mig");
	write_file(dir, "0001-broken.sql", "CREATE TABLE a (x INTEGER) STRICT;\n"
	                                    "INSERT INTO a VALUES (1);\n"
	                                    "INSERT INTO nosuch VALUES (1);\n");
	expect_migrate_fails(&f, dir, "0001-broken.sql: no such table: nosuch");
	ck_assert_int_eq(table_exists(&f.db, "a"), 0);
	free(dir);
	fx_close(&f);
}
END_TEST

START_TEST(test_migration_may_not_commit)
{
	struct fx f;
	fx_open(&f);
	char *dir = fx_subdir(&f, "mig");
	write_file(dir, "0001-commit.sql", "CREATE TABLE a (x INTEGER) STRICT;\nCOMMIT;\n");
	expect_migrate_fails(&f, dir, "0001-commit.sql: not authorized");
	ck_assert_int_eq(table_exists(&f.db, "a"), 0);
	free(dir);
	fx_close(&f);
}
END_TEST

START_TEST(test_migration_foreign_key_check)
{
	struct fx f;
	fx_open(&f);
	char *dir = fx_subdir(&f, "mig");
	write_file(dir, "0001-orphan.sql", "CREATE TABLE p (id INTEGER PRIMARY KEY) STRICT;\n"
	                                    "CREATE TABLE c (p INTEGER REFERENCES p(id)) STRICT;\n"
	                                    "INSERT INTO c VALUES (5);\n");
	expect_migrate_fails(&f, dir, "foreign key violation");
	ck_assert_int_eq(table_exists(&f.db, "c"), 0);
	free(dir);
	fx_close(&f);
}
END_TEST

START_TEST(test_migration_gap)
{
	struct fx f;
	fx_open(&f);
	char *dir = fx_subdir(&f, "mig");
	write_file(dir, "0001-a.sql", "CREATE TABLE a (x INTEGER) STRICT;\n");
	write_file(dir, "0003-c.sql", "CREATE TABLE c (x INTEGER) STRICT;\n");
	expect_migrate_fails(&f, dir, "0002 is missing");
	ck_assert_int_eq(table_exists(&f.db, "a"), 0);
	free(dir);
	fx_close(&f);
}
END_TEST

START_TEST(test_migration_missing_first)
{
	struct fx f;
	fx_open(&f);
	char *dir = fx_subdir(&f, "mig");
	expect_migrate_fails(&f, dir, "0001 is missing");
	write_file(dir, "0002-b.sql", "CREATE TABLE b (x INTEGER) STRICT;\n");
	expect_migrate_fails(&f, dir, "0001 is missing");
	free(dir);
	fx_close(&f);
}
END_TEST

START_TEST(test_migration_duplicate)
{
	struct fx f;
	fx_open(&f);
	char *dir = fx_subdir(&f, "mig");
	write_file(dir, "0001-a.sql", "CREATE TABLE a (x INTEGER) STRICT;\n");
	write_file(dir, "0001-b.sql", "CREATE TABLE b (x INTEGER) STRICT;\n");
	expect_migrate_fails(&f, dir, "have the same number");
	ck_assert_int_eq(table_exists(&f.db, "a"), 0);
	free(dir);
	fx_close(&f);
}
END_TEST

START_TEST(test_migration_bad_name)
{
	struct fx f;
	fx_open(&f);
	char *dir = fx_subdir(&f, "mig");
	write_file(dir, "0001-a.sql", "CREATE TABLE a (x INTEGER) STRICT;\n");
	write_file(dir, "0002_b.sql", "CREATE TABLE b (x INTEGER) STRICT;\n");
	expect_migrate_fails(&f, dir, "0002_b.sql: a migration must be named");
	free(dir);
	fx_close(&f);
}
END_TEST

START_TEST(test_migration_missing_dir)
{
	struct fx f;
	fx_open(&f);
	struct buf dir;
	buf_init(&dir);
	buf_printf(&dir, "%s/nothere", f.dir.data);
	expect_migrate_fails(&f, dir.data, "nothere");
	buf_free(&dir);
	fx_close(&f);
}
END_TEST

/* Only files up to DB_SCHEMA_VERSION are applied; other files of the directory are ignored. */
START_TEST(test_migration_stops_at_version)
{
	struct fx f;
	fx_open(&f);
	char *dir = fx_subdir(&f, "mig");
	write_file(dir, "README", "not a migration\n");
	write_file(dir, ".0009-editor-lock.sql", "garbage");
	for (int i = 1; i <= DB_SCHEMA_VERSION + 1; i++) {
		struct buf name, sql;
		buf_init(&name);
		buf_init(&sql);
		buf_printf(&name, "%04d-step.sql", i);
		buf_printf(&sql, "CREATE TABLE t%d (x INTEGER) STRICT;\n", i);
		write_file(dir, name.data, sql.data);
		buf_free(&name);
		buf_free(&sql);
	}
	struct buf err;
	buf_init(&err);
	int applied = -1;
	ck_assert_msg(db_migrate(&f.db, dir, &applied, &err) == 0, "%s", buf_cstr(&err));
	ck_assert_int_eq(applied, DB_SCHEMA_VERSION);
	ck_assert_int_eq(db_schema_version(&f.db), DB_SCHEMA_VERSION);
	ck_assert_int_eq(table_exists(&f.db, "t1"), 1);
	struct buf next;
	buf_init(&next);
	buf_printf(&next, "t%d", DB_SCHEMA_VERSION + 1);
	ck_assert_int_eq(table_exists(&f.db, next.data), 0);
	buf_free(&next);
	buf_free(&err);
	free(dir);
	fx_close(&f);
}
END_TEST

START_TEST(test_stmt_cache)
{
	struct fx f;
	fx_open_migrated(&f);
	sqlite3_stmt *s = db_stmt(&f.db, STMT_HEALTHZ);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_int_gt(sqlite3_column_int(s, 0), 0);
	/* the same statement again, reset: it can be stepped from the start */
	sqlite3_stmt *again = db_stmt(&f.db, STMT_HEALTHZ);
	ck_assert_ptr_eq(again, s);
	ck_assert_int_eq(sqlite3_step(again), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_step(again), SQLITE_DONE);
	ck_assert_ptr_null(db_stmt(&f.db, STMT__MAX));
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(db_prepare_all(&f.db, &err), 0);
	ck_assert_ptr_eq(db_stmt(&f.db, STMT_HEALTHZ), s);
	buf_free(&err);
	fx_close(&f);
}
END_TEST

START_TEST(test_bind)
{
	struct fx f;
	fx_open(&f);
	sqlite3_stmt *s = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(f.db.conn, "SELECT :t, :i, :d, :n, :b, :tn", -1, &s, NULL),
	                 SQLITE_OK);
	char text[] = "héllo";
	ck_assert_int_eq(db_bind_text(s, ":t", text), 0);
	text[0] = 'X'; /* copied: changing the source afterwards does not matter */
	ck_assert_int_eq(db_bind_int(s, ":i", INT64_C(1) << 40), 0);
	ck_assert_int_eq(db_bind_double(s, ":d", 2.5), 0);
	ck_assert_int_eq(db_bind_null(s, ":n"), 0);
	ck_assert_int_eq(db_bind_blob(s, ":b", "\0\1\2", 3), 0);
	ck_assert_int_eq(db_bind_text(s, ":tn", NULL), 0);
	/* unknown names */
	ck_assert_int_eq(db_bind_text(s, ":nope", "x"), -1);
	ck_assert_int_eq(db_bind_int(s, ":nope", 1), -1);
	ck_assert_int_eq(db_bind_double(s, ":nope", 1.0), -1);
	ck_assert_int_eq(db_bind_null(s, ":nope"), -1);
	ck_assert_int_eq(db_bind_blob(s, ":nope", "x", 1), -1);
	ck_assert_int_eq(db_bind_int(s, "t", 1), -1); /* the prefix is part of the name */
	ck_assert_int_eq(db_bind_blob(s, ":b", "x", -1), -1);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), "héllo");
	ck_assert_int_eq(sqlite3_column_int64(s, 1), INT64_C(1) << 40);
	ck_assert_double_eq(sqlite3_column_double(s, 2), 2.5);
	ck_assert_int_eq(sqlite3_column_type(s, 3), SQLITE_NULL);
	ck_assert_int_eq(sqlite3_column_type(s, 4), SQLITE_BLOB);
	ck_assert_int_eq(sqlite3_column_bytes(s, 4), 3);
	ck_assert_int_eq(memcmp(sqlite3_column_blob(s, 4), "\0\1\2", 3), 0);
	ck_assert_int_eq(sqlite3_column_type(s, 5), SQLITE_NULL);
	sqlite3_finalize(s);
	/* the statement table's statements reject unknown names too */
	ck_assert_int_eq(db_bind_int(db_stmt(&f.db, STMT_HEALTHZ), ":x", 1), -1);
	fx_close(&f);
}
END_TEST

START_TEST(test_transactions)
{
	struct fx f;
	fx_open_migrated(&f);
	const char *ins = "INSERT INTO users(email, password_hash, display_name, created_at, updated_at)"
	                  " VALUES ('a@example.org', 'h', 'A', 0, 0)";
	ck_assert_int_eq(db_begin_write(&f.db), 0);
	ck_assert_int_eq(sqlite3_get_autocommit(f.db.conn), 0);
	ck_assert_int_eq(db_begin_write(&f.db), -1); /* no nesting */
	q_ok(&f.db, ins);
	db_rollback(&f.db);
	ck_assert_int_eq(sqlite3_get_autocommit(f.db.conn), 1);
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM users"), 0);
	db_rollback(&f.db); /* no transaction: ignored */

	ck_assert_int_eq(db_begin_write(&f.db), 0);
	q_ok(&f.db, ins);
	ck_assert_int_eq(db_commit(&f.db), 0);
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM users"), 1);
	ck_assert_int_eq(db_commit(&f.db), -1); /* nothing to commit */

	/* BEGIN IMMEDIATE takes the write lock at once: a second connection cannot */
	struct db other;
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(db_open(&other, f.path.data, &err), 0);
	sqlite3_busy_timeout(other.conn, 0);
	ck_assert_int_eq(db_begin_write(&f.db), 0);
	ck_assert_int_eq(db_begin_write(&other), -1);
	ck_assert_int_eq(sqlite3_extended_errcode(other.conn) & 0xff, SQLITE_BUSY);
	db_rollback(&f.db);
	ck_assert_int_eq(db_begin_write(&other), 0);
	db_rollback(&other);
	db_close(&other);
	buf_free(&err);
	fx_close(&f);
}
END_TEST

START_TEST(test_exec_error)
{
	struct fx f;
	fx_open(&f);
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(db_exec(&f.db, "SELEKT 1", &err), -1);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&err), "syntax error"));
	ck_assert_int_eq(db_exec(&f.db, "SELECT 1", NULL), 0);
	ck_assert_int_eq(db_exec(&f.db, "SELEKT 1", NULL), -1);
	/* double-quoted strings are identifiers only */
	ck_assert_int_eq(db_exec(&f.db, "SELECT \"no such column\"", NULL), -1);
	buf_free(&err);
	fx_close(&f);
}
END_TEST

/* Deleting a user removes everything they own, in every table, and nothing of another user. */
START_TEST(test_cascade_user_delete)
{
	struct fx f;
	fx_open_migrated(&f);
	q_ok(&f.db, fixture_sql);
	/* every table has a row, so the check below covers every table */
	sqlite3_stmt *s = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(f.db.conn, "SELECT name FROM sqlite_schema WHERE type = 'table'"
	                 " AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &s, NULL), SQLITE_OK);
	struct buf q;
	buf_init(&q);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		buf_reset(&q);
		buf_printf(&q, "SELECT count(*) FROM %s", t);
		ck_assert_msg(q_int(&f.db, q.data) > 0, "fixture has no row in %s", t);
	}
	sqlite3_reset(s);

	ck_assert_int_eq(db_begin_write(&f.db), 0);
	q_ok(&f.db, "DELETE FROM users WHERE id = 1");
	ck_assert_int_eq(db_commit(&f.db), 0);
	/* what remains: user 2's session, tracker and task, and the throttling row (not owned) */
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		long long want = 0;
		if (!strcmp(t, "users") || !strcmp(t, "sessions") || !strcmp(t, "trackers")
		    || !strcmp(t, "task_templates") || !strcmp(t, "login_attempts"))
			want = 1;
		buf_reset(&q);
		buf_printf(&q, "SELECT count(*) FROM %s", t);
		ck_assert_msg(q_int(&f.db, q.data) == want, "%s: %lld rows left, want %lld", t,
		              q_int(&f.db, q.data), want);
	}
	sqlite3_finalize(s);
	buf_free(&q);
	ck_assert_int_eq(q_int(&f.db, "SELECT user_id FROM trackers"), 2);
	fx_close(&f);
}
END_TEST

/* Deleting an object removes the relations that point at it (through the triggers), also when
 * the object goes by a foreign-key cascade. */
START_TEST(test_relations_follow_deletes)
{
	struct fx f;
	fx_open_migrated(&f);
	q_ok(&f.db, fixture_sql);
	q_ok(&f.db, "INSERT INTO entity_relations(user_id, from_kind, from_id, to_kind, to_id, relation,"
	            " created_at) VALUES (1, 'tracker', 1, 'goal', 1, 'relates_to', 0),"
	            " (2, 'task_template', 2, 'day_note', 1, 'relates_to', 0)");
	q_ok(&f.db, "DELETE FROM goals WHERE id = 1");
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM entity_relations WHERE user_id = 1"), 0);
	q_ok(&f.db, "DELETE FROM trackers WHERE id = 2"); /* its template goes by cascade */
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM entity_relations"), 0);
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM task_templates WHERE id = 2"), 0);
	fx_close(&f);
}
END_TEST

/* A statement that the schema must refuse, and the extended result code it must fail with. */
struct refusal {
	const char *sql;
	int rc;
};

static const struct refusal refusals[] = {
	{ "INSERT INTO trackers(user_id, name, created_at, updated_at) VALUES (1, 'x', 'now', 0)",
	  SQLITE_CONSTRAINT_DATATYPE },
	{ "INSERT INTO trackers(user_id, name, created_at, updated_at) VALUES (99, 'x', 0, 0)",
	  SQLITE_CONSTRAINT_FOREIGNKEY },
	{ "INSERT INTO trackers(user_id, name, time_mode, created_at, updated_at) VALUES (1, 'x', 'yearly', 0, 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO trackers(user_id, name, color, created_at, updated_at) VALUES (1, 'x', 'red', 0, 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO trackers(user_id, name, start_date, end_date, created_at, updated_at)"
	  " VALUES (1, 'x', '2025-02-01', '2025-01-31', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO trackers(user_id, name, created_at, updated_at) VALUES (1, '', 0, 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE trackers SET status = 'deleted' WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO users(email, password_hash, display_name, created_at, updated_at)"
	  " VALUES ('A@EXAMPLE.ORG', 'h', 'A', 0, 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO users(email, password_hash, display_name, created_at, updated_at)"
	  " VALUES ('nobody', 'h', 'A', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO users(email, password_hash, display_name, created_at, updated_at)"
	  " VALUES (NULL, 'h', 'A', 0, 0)", SQLITE_CONSTRAINT_NOTNULL },
	{ "INSERT INTO sessions(user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at)"
	  " SELECT 1, token_hash, randomblob(32), 0, 0, 0 FROM sessions WHERE user_id = 2",
	  SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO sessions(user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at)"
	  " VALUES (1, randomblob(16), randomblob(32), 0, 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE preferences SET streak_threshold = 101", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE preferences SET theme = 'blue'", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE preferences SET reminder_minute = 1440", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET points = -1 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET difficulty = 6 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET difficulty = 0 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET weight = 0 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET kind = 'measure' WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET schedule_kind = 'weekdays', schedule_weekdays = 0 WHERE id = 1",
	  SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET schedule_weekdays = 128 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET schedule_kind = 'every_n_days', schedule_interval_days = 3 WHERE id = 1",
	  SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET schedule_kind = 'times_in_days', schedule_times = 8,"
	  " schedule_window_days = 7 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET priority = 'urgent' WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO tags(user_id, name, created_at) VALUES (1, 'HEALTH', 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO template_tags(task_template_id, tag_id) VALUES (1, 1)", SQLITE_CONSTRAINT_PRIMARYKEY },
	{ "INSERT INTO tracker_instances(tracker_id, period_start, period_end, tracking_date, time_mode,"
	  " created_at) VALUES (1, '2025-01-06', '2025-01-06', '2025-01-06', 'daily', 0)",
	  SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO tracker_instances(tracker_id, period_start, period_end, tracking_date, time_mode,"
	  " created_at) VALUES (1, '2025-01-13', '2025-01-12', '2025-01-13', 'daily', 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO task_instances(tracker_instance_id, task_template_id, name, points, weight, kind,"
	  " created_at, updated_at) VALUES (1, 1, 'Water', 1, 1, 'check', 0, 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "UPDATE task_instances SET status = 'finished'", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_instances SET completed_at = 5", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_instances SET completed_day = '2025-02-29'", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO task_events(task_instance_id, at, new_status, source) VALUES (1, 0, 'done', 'fax')",
	  SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO day_notes(tracker_id, day, body, created_at, updated_at)"
	  " VALUES (1, '2025-01-06', 'again', 0, 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO day_notes(tracker_id, day, body, created_at, updated_at)"
	  " VALUES (1, '2025-02-30', 'x', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO day_notes(tracker_id, day, body, created_at, updated_at)"
	  " VALUES (1, '2025-1-7', 'x', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO day_notes(tracker_id, day, body, created_at, updated_at)"
	  " VALUES (1, '2025-01-07 10:00', 'x', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO goals(user_id, name, kind, target_value, created_at, updated_at)"
	  " VALUES (1, 'Save', 'target', 5000, 0, 0)", SQLITE_CONSTRAINT_CHECK }, /* no deadline */
	{ "INSERT INTO goals(user_id, name, kind, target_value, metric, created_at, updated_at)"
	  " VALUES (1, 'Deep work', 'period', 600, 'amount', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO goals(user_id, name, kind, created_at, updated_at) VALUES (1, 'x', 'dream', 0, 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE goals SET status = 'done'", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE goals SET target_value = -1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE goal_tasks SET weight = 1.5", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO goal_tasks(goal_id, task_template_id, created_at) VALUES (1, 1, 0)",
	  SQLITE_CONSTRAINT_PRIMARYKEY },
	{ "INSERT INTO streak_milestones(tracker_id, task_template_id, milestone, reached_day, recorded_at)"
	  " VALUES (1, NULL, 7, '2025-02-01', 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO streak_milestones(tracker_id, task_template_id, milestone, reached_day, recorded_at)"
	  " VALUES (1, 1, 7, '2025-02-01', 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO streak_milestones(tracker_id, milestone, reached_day, recorded_at)"
	  " VALUES (1, 8, '2025-02-01', 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO share_links(user_id, tracker_id, goal_id, token_hash, created_at)"
	  " VALUES (1, 1, 1, randomblob(32), 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO share_links(user_id, token_hash, created_at) VALUES (1, randomblob(32), 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO share_links(user_id, tracker_id, token_hash, created_at)"
	  " SELECT 1, 1, token_hash, 0 FROM share_links", SQLITE_CONSTRAINT_UNIQUE },
	{ "UPDATE share_links SET max_uses = 0", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE share_links SET active = 2", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO entity_relations(user_id, from_kind, from_id, to_kind, to_id, relation, created_at)"
	  " VALUES (1, 'goal', 1, 'goal', 1, 'blocks', 0)", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE time_logs SET ended_at = -1", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO imports(user_id, source, external_key, tracker_id, task_template_id,"
	  " first_imported_at, last_imported_at) VALUES (1, 'loop', 'uuid-1', 1, 1, 0, 0)",
	  SQLITE_CONSTRAINT_UNIQUE },
};

START_TEST(test_constraints)
{
	struct fx f;
	fx_open_migrated(&f);
	q_ok(&f.db, fixture_sql);
	for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
		int rc = q_exec(&f.db, refusals[i].sql);
		ck_assert_msg(rc == refusals[i].rc, "%s\n  gave %d (%s), want %d", refusals[i].sql, rc,
		              sqlite3_errmsg(f.db.conn), refusals[i].rc);
	}
	fx_close(&f);
}
END_TEST

/* Rows the schema must accept: the shapes later features rely on. */
START_TEST(test_accepts)
{
	struct fx f;
	fx_open_migrated(&f);
	q_ok(&f.db, fixture_sql);
	/* after a mode change, a week may start on the day of a legacy daily period */
	q_ok(&f.db, "UPDATE tracker_instances SET legacy = 1 WHERE tracker_id = 1");
	q_ok(&f.db, "INSERT INTO tracker_instances(tracker_id, period_start, period_end, tracking_date,"
	            " time_mode, created_at) VALUES (1, '2025-01-06', '2025-01-12', '2025-01-08', 'weekly', 0)");
	/* a measure task, every schedule kind, a leap day */
	q_ok(&f.db, "INSERT INTO task_templates(tracker_id, name, kind, target_value, target_direction, unit,"
	            " schedule_kind, schedule_times, schedule_window_days, reminder_minute, reminder_weekdays,"
	            " created_at, updated_at) VALUES (1, 'Read', 'measure', 20, 'at_least', 'pages',"
	            " 'times_in_days', 3, 7, 1080, 31, 0, 0)");
	q_ok(&f.db, "INSERT INTO task_templates(tracker_id, name, schedule_kind, schedule_interval_days,"
	            " schedule_anchor, points, difficulty, created_at, updated_at)"
	            " VALUES (1, 'Clean', 'every_n_days', 3, '2024-02-29', 0, 5, 0, 0)");
	q_ok(&f.db, "INSERT INTO task_templates(tracker_id, name, schedule_kind, schedule_weekdays,"
	            " created_at, updated_at) VALUES (1, 'Gym', 'weekdays', 21, 0, 0)");
	q_ok(&f.db, "INSERT INTO task_templates(tracker_id, name, schedule_kind, schedule_times,"
	            " created_at, updated_at) VALUES (1, 'Swim', 'times_per_period', 2, 0, 0)");
	/* goals of every kind; negative progress entries */
	q_ok(&f.db, "INSERT INTO goals(user_id, name, kind, unit, target_value, deadline, created_at, updated_at)"
	            " VALUES (1, 'Save', 'target', 'dollars', 5000, '2025-12-31', 0, 0)");
	q_ok(&f.db, "INSERT INTO goals(user_id, name, kind, unit, start_date, created_at, updated_at)"
	            " VALUES (1, 'Days without alcohol', 'counter', 'days', '2025-10-02', 0, 0)");
	q_ok(&f.db, "INSERT INTO goals(user_id, name, kind, target_value, metric, period_unit, created_at,"
	            " updated_at) VALUES (1, 'Deep work', 'period', 600, 'amount', 'week', 0, 0)");
	q_ok(&f.db, "INSERT INTO progress_entries(goal_id, value, day, note, is_reset, created_at)"
	            " VALUES (1, -23, '2025-10-25', 'restart', 1, 0)");
	q_ok(&f.db, "INSERT INTO goal_tasks(goal_id, task_template_id, weight, created_at)"
	            " SELECT 1, id, 0.5, 0 FROM task_templates WHERE name = 'Gym'");
	/* several notifications without a dedupe key, one with */
	q_ok(&f.db, "INSERT INTO notifications(user_id, kind, title, created_at) VALUES (1, 'nudge', 'a', 0),"
	            " (1, 'nudge', 'b', 0)");
	q_ok(&f.db, "INSERT INTO notifications(user_id, kind, title, dedupe_key, created_at)"
	            " VALUES (1, 'reminder', 'today', 'reminder:2025-01-06', 0)");
	ck_assert_int_eq(q_exec(&f.db, "INSERT INTO notifications(user_id, kind, title, dedupe_key, created_at)"
	                               " VALUES (1, 'reminder', 'today', 'reminder:2025-01-06', 0)"),
	                 SQLITE_CONSTRAINT_UNIQUE);
	/* a share link to a goal, with limits */
	q_ok(&f.db, "INSERT INTO share_links(user_id, goal_id, token_hash, label, show_tasks, expires_at,"
	            " max_uses, password_hash, created_at) VALUES (1, 1, randomblob(32), 'coach', 1, 99, 3,"
	            " '$argon2id$', 0)");
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	fx_close(&f);
}
END_TEST

static Suite *db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("open");
	tcase_add_test(tc, test_pragmas);
	tcase_add_test(tc, test_open_fails);
	tcase_add_test(tc, test_close_twice);
	suite_add_tcase(s, tc);

	tc = tcase_create("migrate");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_migrate_real);
	tcase_add_test(tc, test_foreign_keys_enforced);
	tcase_add_test(tc, test_migrate_twice);
	tcase_add_test(tc, test_schema_ahead);
	tcase_add_test(tc, test_broken_migration_rolls_back);
	tcase_add_test(tc, test_migration_may_not_commit);
	tcase_add_test(tc, test_migration_foreign_key_check);
	tcase_add_test(tc, test_migration_gap);
	tcase_add_test(tc, test_migration_missing_first);
	tcase_add_test(tc, test_migration_duplicate);
	tcase_add_test(tc, test_migration_bad_name);
	tcase_add_test(tc, test_migration_missing_dir);
	tcase_add_test(tc, test_migration_stops_at_version);
	suite_add_tcase(s, tc);

	tc = tcase_create("statements");
	tcase_add_test(tc, test_stmt_cache);
	tcase_add_test(tc, test_bind);
	tcase_add_test(tc, test_transactions);
	tcase_add_test(tc, test_exec_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("schema");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_cascade_user_delete);
	tcase_add_test(tc, test_relations_follow_deletes);
	tcase_add_test(tc, test_constraints);
	tcase_add_test(tc, test_accepts);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(db_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

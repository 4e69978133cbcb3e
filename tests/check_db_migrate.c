/* check_db_migrate: unit tests of the migrations — the real sql/ directory applied once and
 * again, a schema ahead of the program, and fake migration directories that are broken, commit,
 * break a foreign key, leave gaps, miss the first, repeat a version, are badly named or
 * missing, or stop at a version. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "db.h"
#include "testsqlite.h"

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

static Suite *db_migrate_suite(void)
{
	Suite *s = suite_create("db_migrate");
	TCase *tc;

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
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(db_migrate_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

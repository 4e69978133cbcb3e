/* check_db_stmt: unit tests of the SQLite layer — opening (pragmas, failures, closing twice),
 * the statement cache, binding, transactions and errors. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "civil.h"
#include "testsqlite.h"

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

START_TEST(test_days_and_text_columns)
{
	struct fx f;
	fx_open(&f);
	struct arena a;
	arena_init(&a);
	sqlite3_stmt *s = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(f.db.conn, "SELECT :d, NULL, 'not a day', 'Zoë'", -1, &s, NULL), SQLITE_OK);
	int64_t leap = civil_from_ymd(2028, 2, 29);
	ck_assert_int_eq(db_bind_day(s, ":d", leap), 0);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), "2028-02-29");
	ck_assert_int_eq(db_column_day(s, 0, -1), leap);
	ck_assert_int_eq(db_column_day(s, 1, -1), -1); /* NULL: the fallback */
	ck_assert_int_eq(db_column_day(s, 2, -7), -7); /* malformed: the fallback */
	ck_assert_str_eq(db_column_text(s, 3, &a), "Zoë");
	ck_assert_str_eq(db_column_text(s, 1, &a), "");
	sqlite3_finalize(s);
	ck_assert_int_eq(sqlite3_prepare_v2(f.db.conn, "SELECT :d", -1, &s, NULL), SQLITE_OK);
	ck_assert_int_eq(db_bind_day(s, ":nope", leap), -1);
	sqlite3_finalize(s);
	arena_free(&a);
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

static Suite *db_stmt_suite(void)
{
	Suite *s = suite_create("db_stmt");
	TCase *tc;

	tc = tcase_create("open");
	tcase_add_test(tc, test_pragmas);
	tcase_add_test(tc, test_open_fails);
	tcase_add_test(tc, test_close_twice);
	suite_add_tcase(s, tc);

	tc = tcase_create("statements");
	tcase_add_test(tc, test_stmt_cache);
	tcase_add_test(tc, test_bind);
	tcase_add_test(tc, test_days_and_text_columns);
	tcase_add_test(tc, test_transactions);
	tcase_add_test(tc, test_exec_error);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(db_stmt_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

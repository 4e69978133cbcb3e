/* check_export: the CSV export — the writer's quoting (commas, quotes, CR/LF, non-ASCII, the
 * spreadsheet-formula guard) and chunking; ranges; the two downloads through the dispatcher
 * (headers, header row, one row per task instance, every field read back with an RFC 4180
 * reader and compared with the database, daily totals against the rows, bad ranges and other
 * users' trackers answered 400 without their data); and streaming: a year of seeded history
 * arrives complete, in many chunks, while the dispatcher's buffer holds only the headers. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "dispatch.h"
#include "export.h"
#include "instance.h"
#include "seed.h"
#include "task.h"
#include "testapp.h"
#include "timezone.h"
#include "tracker.h"

/* ---- a small RFC 4180 reader: fields may be quoted, records end with CRLF ---- */

struct csv_row {
	size_t n;
	char **f;
};
struct csv_table {
	size_t rows;
	struct csv_row *row;
};

/* Parses text[0..len) (after an optional UTF-8 BOM) into t; fails the test on anything that is
 * not strict RFC 4180 with CRLF line ends (a bare CR or LF outside quotes, a stray quote). */
static void csv_read(const char *text, size_t len, struct csv_table *t)
{
	memset(t, 0, sizeof *t);
	size_t i = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	struct buf field;
	buf_init(&field);
	struct csv_row row = { 0 };
	while (i < len) {
		buf_reset(&field);
		if (text[i] == '"') {
			for (i++;; i++) {
				ck_assert_msg(i < len, "unterminated quoted field");
				if (text[i] == '"') {
					if (i + 1 < len && text[i + 1] == '"') {
						buf_putc(&field, '"');
						i++;
						continue;
					}
					i++;
					break;
				}
				buf_putc(&field, text[i]);
			}
		} else {
			while (i < len && text[i] != ',' && text[i] != '\r') {
				ck_assert_msg(text[i] != '"' && text[i] != '\n', "bare quote or LF at byte %zu", i);
				buf_putc(&field, text[i++]);
			}
		}
		row.f = realloc(row.f, (row.n + 1) * sizeof *row.f);
		row.f[row.n++] = strdup(buf_cstr(&field));
		if (i < len && text[i] == ',') {
			i++;
			ck_assert_msg(i < len, "a record ends with a comma");
			continue;
		}
		ck_assert_msg(i + 1 < len && text[i] == '\r' && text[i + 1] == '\n', "record not ended by CRLF at %zu", i);
		i += 2;
		t->row = realloc(t->row, (t->rows + 1) * sizeof *t->row);
		t->row[t->rows++] = row;
		memset(&row, 0, sizeof row);
	}
	buf_free(&field);
}

static void csv_table_free(struct csv_table *t)
{
	for (size_t r = 0; r < t->rows; r++) {
		for (size_t i = 0; i < t->row[r].n; i++)
			free(t->row[r].f[i]);
		free(t->row[r].f);
	}
	free(t->row);
	memset(t, 0, sizeof *t);
}

/* ---- the writer ---- */

/* A writer target: everything written, and the chunks it came in. */
struct sink {
	struct buf all;
	size_t calls, largest;
	size_t fail_after; /* refuse the call after this many (0: never) */
};

static int sink_write(void *ctx, const void *p, size_t n)
{
	struct sink *s = ctx;
	if (s->fail_after && s->calls >= s->fail_after)
		return -1;
	s->calls++;
	if (n > s->largest)
		s->largest = n;
	buf_append(&s->all, p, n);
	return 0;
}

/* Writes one row of the given text fields and returns what came out (malloc'd). */
static char *one_row(const char *const *fields, size_t n)
{
	struct sink s = { 0 };
	buf_init(&s.all);
	struct csv_writer *w = malloc(sizeof *w);
	csv_writer_init(w, sink_write, &s);
	for (size_t i = 0; i < n; i++)
		csv_writer_str(w, fields[i]);
	csv_writer_end_row(w);
	ck_assert_int_eq(csv_writer_flush(w), 0);
	free(w);
	char *out = strdup(buf_cstr(&s.all));
	buf_free(&s.all);
	return out;
}

START_TEST(csv_plain_fields_and_crlf)
{
	const char *f[] = { "plain", "two words", "", "x" };
	char *out = one_row(f, 4);
	ck_assert_str_eq(out, "plain,two words,,x\r\n");
	free(out);
}
END_TEST

START_TEST(csv_quotes_commas_quotes_and_newlines)
{
	const char *f[] = { "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", "\"", "crlf\r\nend" };
	char *out = one_row(f, 6);
	ck_assert_str_eq(out, "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rhere\",\"\"\"\",\"crlf\r\nend\"\r\n");
	struct csv_table t;
	csv_read(out, strlen(out), &t);
	ck_assert_uint_eq(t.rows, 1);
	ck_assert_uint_eq(t.row[0].n, 6);
	for (size_t i = 0; i < 6; i++)
		ck_assert_str_eq(t.row[0].f[i], f[i]);
	csv_table_free(&t);
	free(out);
}
END_TEST

START_TEST(csv_non_ascii_passes_unchanged)
{
	const char *f[] = { "Café ☕", "Zoë, naïve", "Привет 世界 🌍" };
	char *out = one_row(f, 3);
	ck_assert_str_eq(out, "Café ☕,\"Zoë, naïve\",Привет 世界 🌍\r\n");
	free(out);
}
END_TEST

START_TEST(csv_formula_cells_get_a_quote)
{
	const char *f[] = { "=1+1", "+33 6", "-5 °C", "@SUM(A1)", "\tx", "=a,b", "a=b", "'already" };
	char *out = one_row(f, 8);
	ck_assert_str_eq(out, "'=1+1,'+33 6,'-5 °C,'@SUM(A1),'\tx,\"'=a,b\",a=b,'already\r\n");
	free(out);
	const char *cr[] = { "\rx" };
	out = one_row(cr, 1);
	ck_assert_str_eq(out, "\"'\rx\"\r\n");
	free(out);
	/* our own numbers are never guarded */
	struct sink s = { 0 };
	buf_init(&s.all);
	struct csv_writer *w = malloc(sizeof *w);
	csv_writer_init(w, sink_write, &s);
	csv_writer_number(w, -2.5);
	csv_writer_int(w, -3);
	csv_writer_raw(w, "2026-05-22");
	csv_writer_end_row(w);
	csv_writer_flush(w);
	ck_assert_str_eq(buf_cstr(&s.all), "-2.5,-3,2026-05-22\r\n");
	free(w);
	buf_free(&s.all);
}
END_TEST

START_TEST(csv_numbers)
{
	struct sink s = { 0 };
	buf_init(&s.all);
	struct csv_writer *w = malloc(sizeof *w);
	csv_writer_init(w, sink_write, &s);
	csv_writer_number(w, 2);
	csv_writer_number(w, 2.5);
	csv_writer_number(w, 0.1);
	csv_writer_number(w, -0.0);
	csv_writer_number(w, 1e20);
	csv_writer_number(w, 12.345);
	csv_writer_end_row(w);
	csv_writer_flush(w);
	ck_assert_str_eq(buf_cstr(&s.all), "2,2.5,0.1,0,1e+20,12.345\r\n");
	free(w);
	buf_free(&s.all);
}
END_TEST

START_TEST(csv_chunks_of_the_buffer_size)
{
	struct sink s = { 0 };
	buf_init(&s.all);
	struct csv_writer *w = malloc(sizeof *w);
	csv_writer_init(w, sink_write, &s);
	char field[1000];
	memset(field, 'x', sizeof field - 1);
	field[sizeof field - 1] = '\0';
	for (int i = 0; i < 100; i++) {
		csv_writer_str(w, field);
		csv_writer_end_row(w);
	}
	ck_assert_int_eq(csv_writer_flush(w), 0);
	size_t total = 100 * (sizeof field - 1 + 2);
	ck_assert_uint_eq(s.all.len, total);
	ck_assert_uint_eq(s.calls, (total + EXPORT_CHUNK - 1) / EXPORT_CHUNK);
	ck_assert_uint_eq(s.largest, EXPORT_CHUNK);
	ck_assert_uint_eq(w->chunks, s.calls);
	ck_assert_uint_eq(w->bytes, total);
	/* a writer that refuses stops the export */
	struct sink f = { .fail_after = 2 };
	buf_init(&f.all);
	csv_writer_init(w, sink_write, &f);
	for (int i = 0; i < 100; i++) {
		csv_writer_str(w, field);
		csv_writer_end_row(w);
	}
	ck_assert(w->failed);
	ck_assert_int_eq(csv_writer_flush(w), -1);
	ck_assert_uint_eq(f.calls, 2);
	free(w);
	buf_free(&s.all);
	buf_free(&f.all);
}
END_TEST

START_TEST(ranges)
{
	int64_t from, to;
	ck_assert_ptr_null(export_range_problem("2026-01-01", "2026-01-01", &from, &to));
	ck_assert_int_eq(to - from, 0);
	ck_assert_ptr_null(export_range_problem("2016-01-01", "2025-12-31", &from, &to));
	ck_assert_ptr_nonnull(strstr(export_range_problem("2016-01-01", "2026-01-01", &from, &to), "10 years"));
	ck_assert_ptr_null(export_range_problem("2016-02-29", "2026-02-27", &from, &to));
	ck_assert_ptr_nonnull(export_range_problem("2016-02-29", "2026-02-28", &from, &to));
	ck_assert_ptr_nonnull(strstr(export_range_problem("2026-05-02", "2026-05-01", &from, &to), "before"));
	ck_assert_ptr_nonnull(strstr(export_range_problem("2026-02-30", "2026-05-01", &from, &to), "(from)"));
	ck_assert_ptr_nonnull(strstr(export_range_problem("2026-02-01", "2026-5-01", &from, &to), "(to)"));
	ck_assert_ptr_nonnull(export_range_problem(NULL, "2026-05-01", &from, &to));
	ck_assert_ptr_nonnull(export_range_problem("2026-05-01", "", &from, &to));
	struct arena a;
	arena_init(&a);
	ck_assert_str_eq(export_filename(&a, false, testdb_day("2026-01-01"), testdb_day("2026-03-31")),
			 "trackpro-2026-01-01-2026-03-31.csv");
	ck_assert_str_eq(export_filename(&a, true, testdb_day("2026-01-01"), testdb_day("2026-03-31")),
			 "trackpro-daily-2026-01-01-2026-03-31.csv");
	arena_free(&a);
}
END_TEST

/* ---- requests ---- */

static struct testapp t;
static struct testjar jar, other_jar;
static int64_t ann, bob, cafe_id, reading_id, old_id, bob_tracker;

static int64_t add_tracker(int64_t user, const char *name, int64_t category)
{
	struct tracker_input in = { name, "", TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, "#2f6f4f", category };
	int64_t id;
	ck_assert_int_eq(tracker_create(&t.app.db, 0, user, &in, &id), TRACKER_OK);
	return id;
}

static void add_task(int64_t user, int64_t tracker, const char *name, int points, bool measure)
{
	struct task_input in;
	task_input_defaults(&in);
	in.name = name;
	in.points = points;
	if (measure) {
		in.kind = TASK_MEASURE;
		in.target_value = 5;
		in.direction = TASK_AT_LEAST;
		in.unit = "km";
	}
	int64_t id;
	ck_assert_int_eq(task_create(&t.app.db, 0, user, tracker, &in, &id), TASK_OK);
}

/* Runs SQL with one text parameter (test data with characters SQL literals make awkward). */
static void exec_text(const char *sql, const char *text)
{
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_prepare_v2(t.app.db.conn, sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, text, -1, SQLITE_TRANSIENT);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
}

/* Opens the period of tracker id on day and sets its tasks: statuses[i] for the i-th (by
 * position), done at `at` (seconds), measured ones to value. */
static void fill_day(int64_t user, int64_t tracker, const char *day, const enum instance_status *statuses, int64_t at,
		     double value)
{
	struct arena a;
	arena_init(&a);
	struct tracker tr;
	ck_assert_int_eq(tracker_get(&t.app.db, &a, user, tracker, false, &tr), TRACKER_OK);
	struct tracker_instance ti;
	ck_assert_int_eq(instance_open(&t.app.db, at, &tr, 1, testdb_day(day), &ti), INSTANCE_OK);
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT ti.id, ti.kind = 'measure' FROM task_instances ti JOIN task_templates t ON t.id ="
		 " ti.task_template_id WHERE ti.tracker_instance_id = %lld ORDER BY t.position",
		 (long long)ti.id);
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_prepare_v2(t.app.db.conn, sql, -1, &s, NULL), SQLITE_OK);
	int64_t ids[8];
	bool measure[8];
	int n = 0;
	while (sqlite3_step(s) == SQLITE_ROW && n < 8) {
		ids[n] = sqlite3_column_int64(s, 0);
		measure[n++] = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(instance_set(&t.app.db, at, testdb_day(day), user, ids[i], statuses[i],
					      measure[i] && statuses[i] == INSTANCE_DONE, value, SOURCE_WEB),
				 INSTANCE_OK);
	arena_free(&a);
}

static void setup(void)
{
	testapp_open(&t);
	testjar_init(&jar);
	testjar_init(&other_jar);
	char token[TOKEN_TEXT_LEN + 1];
	ann = testapp_user(&t, "ann@example.org", "Ann", NULL, false);
	testapp_session(&t, ann, token, NULL);
	testjar_set(&jar, "trackpro_session", token);
	bob = testapp_user(&t, "bob@example.org", "Bob", NULL, false);
	testapp_session(&t, bob, token, NULL);
	testjar_set(&other_jar, "trackpro_session", token);
	exec_text("UPDATE users SET time_zone = ?1 WHERE email = 'ann@example.org'", "Europe/Paris");

	int64_t health;
	ck_assert_int_eq(category_create(&t.app.db, 0, ann, "Santé, \"corps\"", "#2f9e44", &health), TRACKER_OK);
	int64_t learning;
	ck_assert_int_eq(category_create(&t.app.db, 0, ann, "=Learning", "#1c7ed6", &learning), TRACKER_OK);
	cafe_id = add_tracker(ann, "Café, \"Zoë\" & co", health);
	add_task(ann, cafe_id, "Stretch", 2, false);
	add_task(ann, cafe_id, "Run", 3, true);
	add_task(ann, cafe_id, "=HYPERLINK(\"http://x\")", 1, false);
	reading_id = add_tracker(ann, "Reading", 0);
	add_task(ann, reading_id, "Read", 1, false);
	old_id = add_tracker(ann, "Old tracker", learning);
	add_task(ann, old_id, "Gone", 1, false);
	bob_tracker = add_tracker(bob, "Bob's secret diary", 0);
	add_task(bob, bob_tracker, "Bob's task", 1, false);

	const enum instance_status all_done[] = { INSTANCE_DONE, INSTANCE_DONE, INSTANCE_DONE };
	const enum instance_status mixed[] = { INSTANCE_DONE, INSTANCE_SKIPPED, INSTANCE_MISSED };
	const enum instance_status missed[] = { INSTANCE_MISSED };
	/* 2026-01-15 07:15 UTC is 08:15 in Paris (+01:00); 2026-05-19 06:15 UTC is 08:15 (+02:00) */
	fill_day(ann, cafe_id, "2026-01-15", all_done, 1768461300, 7.5);
	fill_day(ann, cafe_id, "2026-05-19", mixed, 1779171300, 0);
	fill_day(ann, cafe_id, "2026-05-20", all_done, 1779257700, 5);
	fill_day(ann, reading_id, "2026-05-19", all_done, 1779200000, 0);
	fill_day(ann, reading_id, "2026-05-21", missed, 1779300000, 0);
	fill_day(ann, old_id, "2026-05-19", all_done, 1779200000, 0);
	fill_day(bob, bob_tracker, "2026-05-19", all_done, 1779200000, 0);
	exec_text("UPDATE task_instances SET note = ?1 WHERE name = 'Stretch' AND completed_day = '2026-05-20'",
		  "Felt great,\r\nthen \"tired\" — ☕");
	exec_text("UPDATE task_instances SET note = ?1 WHERE name = 'Read'", "-2 pages only");
	ck_assert_int_eq(tracker_delete(&t.app.db, 100, ann, old_id), TRACKER_OK);
}

static void teardown(void)
{
	testjar_free(&jar);
	testjar_free(&other_jar);
	testapp_close(&t);
}

static struct testresp get(struct testjar *j, const char *uri, int status)
{
	struct testresp r;
	testapp_browse(&t, j, "GET", uri, NULL, NULL, &r);
	ck_assert_msg(r.status == status, "GET %s: %d\n%s", uri, r.status, r.body);
	return r;
}

/* The text a cell of user text s must hold: s, with a ' in front when it looks like a formula. */
static const char *guarded(const char *s, char *tmp, size_t size)
{
	if (*s && strchr("=+-@\t\r", *s)) {
		snprintf(tmp, size, "'%s", s);
		return tmp;
	}
	return s;
}

/* completed_at as the test expects it, from the zone's own localtime (not export.c's cache). */
static void expected_instant(const char *zone, int64_t at, char out[96])
{
	struct tm tm;
	ck_assert_int_eq(timezone_localtime(zone, at, &tm), 0);
	int off = (int)(tm.tm_gmtoff / 60);
	snprintf(out, 96, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', abs(off) / 60 % 100, abs(off) % 60);
}

/* Compares every row of a task-instance file with the database, in the export's order. */
static void compare_rows_with_db(const struct csv_table *csv, int64_t user, const char *zone, const char *from,
				 const char *to, int64_t tracker)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "SELECT i.period_start, k.name, ti.name, ti.status, ti.value, ti.unit, ti.points, ti.note,"
		 " ti.completed_at FROM task_instances ti JOIN tracker_instances i ON i.id = ti.tracker_instance_id"
		 " JOIN trackers k ON k.id = i.tracker_id JOIN task_templates t ON t.id = ti.task_template_id"
		 " WHERE k.user_id = %lld AND k.deleted_at IS NULL AND i.deleted_at IS NULL AND ti.deleted_at IS NULL"
		 " AND i.period_start >= '%s' AND i.period_start <= '%s' AND (%lld = 0 OR k.id = %lld)"
		 " ORDER BY i.period_start, k.position, k.id, t.position, ti.id",
		 (long long)user, from, to, (long long)tracker, (long long)tracker);
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_prepare_v2(t.app.db.conn, sql, -1, &s, NULL), SQLITE_OK);
	ck_assert_uint_ge(csv->rows, 1);
	const char *header[] = { "date", "tracker", "task", "status", "value", "unit", "points", "note", "completed_at" };
	ck_assert_uint_eq(csv->row[0].n, 9);
	for (size_t i = 0; i < 9; i++)
		ck_assert_str_eq(csv->row[0].f[i], header[i]);
	size_t r = 1;
	char tmp[512];
	while (sqlite3_step(s) == SQLITE_ROW) {
		ck_assert_msg(r < csv->rows, "the file has fewer rows than the database (%zu)", r);
		char **f = csv->row[r].f;
		ck_assert_uint_eq(csv->row[r].n, 9);
		ck_assert_str_eq(f[0], (const char *)sqlite3_column_text(s, 0));
		ck_assert_str_eq(f[1], guarded((const char *)sqlite3_column_text(s, 1), tmp, sizeof tmp));
		ck_assert_str_eq(f[2], guarded((const char *)sqlite3_column_text(s, 2), tmp, sizeof tmp));
		const char *status = (const char *)sqlite3_column_text(s, 3);
		ck_assert_str_eq(f[3], status);
		if (sqlite3_column_type(s, 4) == SQLITE_NULL)
			ck_assert_str_eq(f[4], "");
		else
			ck_assert_double_eq(strtod(f[4], NULL), sqlite3_column_double(s, 4));
		ck_assert_str_eq(f[5], guarded((const char *)sqlite3_column_text(s, 5), tmp, sizeof tmp));
		ck_assert_int_eq(strtoll(f[6], NULL, 10), strcmp(status, "done") == 0 ? sqlite3_column_int64(s, 6) : 0);
		ck_assert_str_eq(f[7], guarded((const char *)sqlite3_column_text(s, 7), tmp, sizeof tmp));
		if (sqlite3_column_type(s, 8) == SQLITE_NULL) {
			ck_assert_str_eq(f[8], "");
		} else {
			char at[96];
			expected_instant(zone, sqlite3_column_int64(s, 8), at);
			ck_assert_str_eq(f[8], at);
		}
		r++;
	}
	sqlite3_finalize(s);
	ck_assert_uint_eq(r, csv->rows);
}

START_TEST(download_headers_and_header_row)
{
	struct testresp r = get(&jar, "/export.csv?from=2026-05-01&to=2026-05-22", 200);
	char *h = testresp_header(&r, "Content-Type");
	ck_assert_str_eq(h, "text/csv; charset=utf-8");
	free(h);
	h = testresp_header(&r, "Content-Disposition");
	ck_assert_str_eq(h, "attachment; filename=\"trackpro-2026-05-01-2026-05-22.csv\"");
	free(h);
	h = testresp_header(&r, "Cache-Control");
	ck_assert_str_eq(h, "no-store");
	free(h);
	h = testresp_header(&r, "X-Content-Type-Options");
	ck_assert_str_eq(h, "nosniff");
	free(h);
	ck_assert_ptr_null(testresp_header(&r, "Content-Length")); /* streamed */
	ck_assert(strncmp(r.body, "\xEF\xBB\xBF" "date,tracker,task,status,value,unit,points,note,completed_at\r\n",
			  strlen("\xEF\xBB\xBF" "date,tracker,task,status,value,unit,points,note,completed_at\r\n")) == 0);
	testresp_free(&r);
	testapp_browse(&t, &jar, "HEAD", "/export.csv?from=2026-05-01&to=2026-05-22", NULL, NULL, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_uint_eq(r.body_len, 0);
	testresp_free(&r);
}
END_TEST

START_TEST(download_reads_back_equal_to_the_database)
{
	struct testresp r = get(&jar, "/export.csv?from=2026-01-01&to=2026-05-22", 200);
	struct csv_table csv;
	csv_read(r.body, r.body_len, &csv);
	/* one row per live task instance: 3 + 3 + 3 (Café) + 1 + 1 (Reading); not the deleted tracker */
	ck_assert_uint_eq(csv.rows, 1 + 11);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM task_instances ti JOIN tracker_instances i ON"
					       " i.id = ti.tracker_instance_id JOIN trackers k ON k.id = i.tracker_id"
					       " WHERE k.user_id = 1 AND k.deleted_at IS NULL"),
			 11);
	compare_rows_with_db(&csv, ann, "Europe/Paris", "2026-01-01", "2026-05-22", 0);
	/* spot checks of what a person would see */
	char **first = csv.row[1].f;
	ck_assert_str_eq(first[0], "2026-01-15");
	ck_assert_str_eq(first[1], "Café, \"Zoë\" & co");
	ck_assert_str_eq(first[2], "Stretch");
	ck_assert_str_eq(first[6], "2");
	ck_assert_str_eq(first[8], "2026-01-15T08:15:00+01:00");
	ck_assert_str_eq(csv.row[2].f[4], "7.5");
	ck_assert_str_eq(csv.row[2].f[5], "km");
	ck_assert_str_eq(csv.row[3].f[2], "'=HYPERLINK(\"http://x\")");
	ck_assert_str_eq(csv.row[4].f[8], "2026-05-19T08:15:00+02:00");
	ck_assert_str_eq(csv.row[5].f[3], "skipped");
	ck_assert_str_eq(csv.row[5].f[6], "0");
	ck_assert_str_eq(csv.row[5].f[8], "");
	ck_assert_str_eq(csv.row[7].f[7], "'-2 pages only");
	ck_assert_str_eq(csv.row[8].f[7], "Felt great,\r\nthen \"tired\" — ☕");
	ck_assert_ptr_null(strstr(r.body, "Bob"));
	ck_assert_ptr_null(strstr(r.body, "Old tracker"));
	csv_table_free(&csv);
	testresp_free(&r);
}
END_TEST

START_TEST(download_of_one_tracker)
{
	char uri[128];
	snprintf(uri, sizeof uri, "/export.csv?from=2026-01-01&to=2026-05-22&tracker=%lld", (long long)reading_id);
	struct testresp r = get(&jar, uri, 200);
	struct csv_table csv;
	csv_read(r.body, r.body_len, &csv);
	ck_assert_uint_eq(csv.rows, 3);
	compare_rows_with_db(&csv, ann, "Europe/Paris", "2026-01-01", "2026-05-22", reading_id);
	ck_assert_str_eq(csv.row[2].f[3], "missed");
	csv_table_free(&csv);
	testresp_free(&r);
	/* the range narrows it too */
	r = get(&jar, "/export.csv?from=2026-05-20&to=2026-05-20", 200);
	csv_read(r.body, r.body_len, &csv);
	ck_assert_uint_eq(csv.rows, 4);
	compare_rows_with_db(&csv, ann, "Europe/Paris", "2026-05-20", "2026-05-20", 0);
	csv_table_free(&csv);
	testresp_free(&r);
}
END_TEST

START_TEST(daily_totals_match_the_rows)
{
	struct testresp r = get(&jar, "/export-daily.csv?from=2026-05-18&to=2026-05-22", 200);
	char *h = testresp_header(&r, "Content-Disposition");
	ck_assert_str_eq(h, "attachment; filename=\"trackpro-daily-2026-05-18-2026-05-22.csv\"");
	free(h);
	struct csv_table d;
	csv_read(r.body, r.body_len, &d);
	testresp_free(&r);
	/* header: fixed columns, the categories by name (guarded, quoted), then No category */
	const char *header[] = { "date", "due", "done", "percent", "points", "'=Learning", "Santé, \"corps\"",
				 "No category" };
	ck_assert_uint_eq(d.row[0].n, 8);
	for (size_t i = 0; i < 8; i++)
		ck_assert_str_eq(d.row[0].f[i], header[i]);
	ck_assert_uint_eq(d.rows, 1 + 5); /* every day of the range */
	/* 2026-05-18: nothing */
	const char *empty[] = { "2026-05-18", "0", "0", "", "0", "0", "0", "0" };
	for (size_t i = 0; i < 8; i++)
		ck_assert_str_eq(d.row[1].f[i], empty[i]);
	/* 2026-05-19: Café stretch done, run skipped, link missed; Reading done: due 3, done 2, 66%,
	 * points 2 + 1, Santé 1, none 1 */
	const char *may19[] = { "2026-05-19", "3", "2", "66", "3", "0", "1", "1" };
	for (size_t i = 0; i < 8; i++)
		ck_assert_str_eq(d.row[2].f[i], may19[i]);
	const char *may20[] = { "2026-05-20", "3", "3", "100", "6", "0", "3", "0" };
	for (size_t i = 0; i < 8; i++)
		ck_assert_str_eq(d.row[3].f[i], may20[i]);
	const char *may21[] = { "2026-05-21", "1", "0", "0", "0", "0", "0", "0" };
	for (size_t i = 0; i < 8; i++)
		ck_assert_str_eq(d.row[4].f[i], may21[i]);

	/* and generally: per date, the daily file adds up the rows file */
	r = get(&jar, "/export.csv?from=2026-05-18&to=2026-05-22", 200);
	struct csv_table rows;
	csv_read(r.body, r.body_len, &rows);
	testresp_free(&r);
	for (size_t i = 1; i < d.rows; i++) {
		long due = 0, done = 0, points = 0;
		for (size_t k = 1; k < rows.rows; k++) {
			if (strcmp(rows.row[k].f[0], d.row[i].f[0]) != 0)
				continue;
			due += strcmp(rows.row[k].f[3], "skipped") != 0;
			done += strcmp(rows.row[k].f[3], "done") == 0;
			points += strtol(rows.row[k].f[6], NULL, 10);
		}
		ck_assert_int_eq(strtol(d.row[i].f[1], NULL, 10), due);
		ck_assert_int_eq(strtol(d.row[i].f[2], NULL, 10), done);
		ck_assert_int_eq(strtol(d.row[i].f[4], NULL, 10), points);
	}
	csv_table_free(&rows);
	csv_table_free(&d);
}
END_TEST

START_TEST(bad_ranges_answer_400_with_a_message)
{
	static const struct {
		const char *uri, *says;
	} cases[] = {
		{ "/export.csv", "Choose the first and the last day" },
		{ "/export.csv?from=2026-05-01", "Choose the first and the last day" },
		{ "/export.csv?from=2026-02-30&to=2026-05-01", "(from) is not a date" },
		{ "/export.csv?from=2026-02-01&to=tomorrow", "(to) is not a date" },
		{ "/export.csv?from=2026-05-02&to=2026-05-01", "comes before the first day" },
		{ "/export.csv?from=2016-01-01&to=2026-01-01", "longer than 10 years" },
		{ "/export-daily.csv?from=2026-05-02&to=2026-05-01", "comes before the first day" },
		{ "/export-daily.csv?from=1800-01-01&to=1801-01-01", "(from) is not a date" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct testresp r = get(&jar, cases[i].uri, 400);
		ck_assert_msg(strstr(r.body, cases[i].says) != NULL, "%s: %s", cases[i].uri, r.body);
		char *type = testresp_header(&r, "Content-Type");
		ck_assert_str_eq(type, "text/html; charset=utf-8");
		ck_assert_ptr_null(testresp_header(&r, "Content-Disposition"));
		free(type);
		testresp_free(&r);
	}
	struct testresp r = get(&jar, "/export.csv?from=2016-01-01&to=2025-12-31", 200);
	testresp_free(&r);
}
END_TEST

START_TEST(another_users_tracker_is_refused_without_data)
{
	char uri[128];
	const char *daily[] = { "/export.csv", "/export-daily.csv" };
	for (int k = 0; k < 2; k++) {
		snprintf(uri, sizeof uri, "%s?from=2026-05-01&to=2026-05-22&tracker=%lld", daily[k], (long long)bob_tracker);
		struct testresp r = get(&jar, uri, 400);
		ck_assert_ptr_nonnull(strstr(r.body, "no such tracker"));
		ck_assert_ptr_null(strstr(r.body, "Bob"));
		ck_assert_ptr_null(strstr(r.body, "secret"));
		testresp_free(&r);
	}
	/* a deleted tracker of Ann's, a missing one and nonsense look the same */
	snprintf(uri, sizeof uri, "/export.csv?from=2026-05-01&to=2026-05-22&tracker=%lld", (long long)old_id);
	struct testresp r = get(&jar, uri, 400);
	testresp_free(&r);
	r = get(&jar, "/export.csv?from=2026-05-01&to=2026-05-22&tracker=999", 400);
	testresp_free(&r);
	r = get(&jar, "/export.csv?from=2026-05-01&to=2026-05-22&tracker=1x", 400);
	testresp_free(&r);
	/* Bob's own export holds only Bob's data */
	r = get(&other_jar, "/export.csv?from=2026-05-01&to=2026-05-22", 200);
	ck_assert_ptr_nonnull(strstr(r.body, "Bob's secret diary"));
	ck_assert_ptr_null(strstr(r.body, "Café"));
	testresp_free(&r);
	/* nobody logged in: to the login page */
	struct testjar none;
	testjar_init(&none);
	r = get(&none, "/export.csv?from=2026-05-01&to=2026-05-22", 303);
	char *loc = testresp_header(&r, "Location");
	ck_assert_str_eq(loc, "/login?next=/export.csv");
	free(loc);
	testresp_free(&r);
	testjar_free(&none);
}
END_TEST

START_TEST(export_page_offers_the_form)
{
	struct testresp r = get(&jar, "/export", 200);
	ck_assert_ptr_nonnull(strstr(r.body, "action=\"/export.csv\""));
	ck_assert_ptr_nonnull(strstr(r.body, "formaction=\"/export-daily.csv\""));
	ck_assert_ptr_nonnull(strstr(r.body, "value=\"2026-02-22\"")); /* 90 days ending today */
	ck_assert_ptr_nonnull(strstr(r.body, "value=\"2026-05-22\""));
	ck_assert_ptr_nonnull(strstr(r.body, "Café, &quot;Zoë&quot; &amp; co"));
	ck_assert_ptr_null(strstr(r.body, "Old tracker"));
	ck_assert_ptr_null(strstr(r.body, "Bob"));
	testresp_free(&r);
}
END_TEST

/* ---- streaming through the dispatcher ---- */

struct fake_params {
	const char *p[32];
};

static const char *fake_getparam(void *ctx, const char *name)
{
	struct fake_params *f = ctx;
	for (size_t i = 0; f->p[i]; i += 2)
		if (strcmp(f->p[i], name) == 0)
			return f->p[i + 1];
	return NULL;
}

static long no_body(void *ctx, void *p, size_t n)
{
	(void)ctx;
	(void)p;
	(void)n;
	return 0;
}

/* Sends GET uri with cookie to dispatch_request_to with sink s; returns the status and leaves
 * what stayed in the dispatcher's own buffer in out. */
static int dispatch_streamed(const char *uri, const char *cookie, struct sink *s, struct dispatch_sink *ds,
			     struct buf *out)
{
	const char *q = strchr(uri, '?');
	char path[256];
	snprintf(path, sizeof path, "%.*s", (int)(q ? (size_t)(q - uri) : strlen(uri)), uri);
	struct fake_params f = { { "REQUEST_METHOD", "GET", "REQUEST_URI", uri, "DOCUMENT_URI", path, "QUERY_STRING",
				   q ? q + 1 : "", "HTTP_COOKIE", cookie, "HTTP_HOST", "127.0.0.1:8080", "REMOTE_ADDR",
				   "127.0.0.1", NULL } };
	*ds = (struct dispatch_sink){ sink_write, s, false };
	struct arena a;
	arena_init(&a);
	int status = dispatch_request_to(&t.app, &a, fake_getparam, &f, no_body, NULL, out, ds);
	arena_free(&a);
	return status;
}

START_TEST(a_year_is_streamed_in_chunks_and_arrives_whole)
{
	/* a year of 10 trackers × 5 tasks for bench1, through the seeding of the benchmark */
	struct seed_options o = { .trackers = 10, .tasks = 5, .days = 365, .time_zone = "Europe/Paris",
				  .password_hash = "!", .now = clock_now(&t.app.clock) };
	struct seed_counts c;
	ck_assert_int_eq(db_begin_write(&t.app.db), 0);
	ck_assert_int_eq(seed_bench_user(&t.app.db, &o, 1, &c), 0);
	ck_assert_int_eq(db_commit(&t.app.db), 0);
	ck_assert_int_gt(c.task_instances, 14000);
	char token[TOKEN_TEXT_LEN + 1], cookie[TOKEN_TEXT_LEN + 32];
	testapp_session(&t, c.user_id, token, NULL);
	snprintf(cookie, sizeof cookie, "trackpro_session=%s", token);

	struct sink s = { 0 };
	buf_init(&s.all);
	struct buf out;
	buf_init(&out);
	struct dispatch_sink ds;
	ck_assert_int_eq(dispatch_streamed("/export.csv?from=2025-05-22&to=2026-05-21", cookie, &s, &ds, &out), 200);
	ck_assert(!ds.cut_short);
	/* the dispatcher handed everything on: its own buffer never grew beyond the header block */
	ck_assert_uint_eq(out.len, 0);
	ck_assert_uint_lt(out.cap, 4096);
	/* the header block, then many chunks of at most EXPORT_CHUNK bytes */
	ck_assert_uint_gt(s.all.len, 500000);
	ck_assert_uint_gt(s.calls, s.all.len / EXPORT_CHUNK);
	ck_assert_uint_le(s.largest, EXPORT_CHUNK);
	const char *body = strstr(buf_cstr(&s.all), "\r\n\r\n");
	ck_assert_ptr_nonnull(body);
	ck_assert_ptr_null(strstr(s.all.data, "Content-Length"));
	body += 4;
	struct csv_table csv;
	csv_read(body, s.all.len - (size_t)(body - s.all.data), &csv);
	ck_assert_int_eq((long)csv.rows - 1, c.task_instances);
	compare_rows_with_db(&csv, c.user_id, "Europe/Paris", "2025-05-22", "2026-05-21", 0);
	csv_table_free(&csv);

	/* the same file without a sink, kept whole, is byte for byte the same */
	struct testresp whole;
	const char *extra[] = { "HTTP_COOKIE", cookie, NULL };
	testapp_request(&t, "GET", "/export.csv?from=2025-05-22&to=2026-05-21", NULL, NULL, 0, extra, &whole);
	ck_assert_uint_eq(whole.body_len, s.all.len - (size_t)(body - s.all.data));
	ck_assert(memcmp(whole.body, body, whole.body_len) == 0);
	testresp_free(&whole);

	/* a reader that goes away stops the export, and the response is marked cut short */
	buf_free(&s.all);
	struct sink gone = { .fail_after = 5 };
	buf_init(&gone.all);
	buf_reset(&out);
	ck_assert_int_eq(dispatch_streamed("/export.csv?from=2025-05-22&to=2026-05-21", cookie, &gone, &ds, &out), 200);
	ck_assert(ds.cut_short);
	ck_assert_uint_eq(gone.calls, 5);
	buf_free(&gone.all);
	buf_free(&out);
}
END_TEST

START_TEST(seeding_is_deterministic)
{
	struct testdb a, b;
	testdb_open(&a);
	testdb_open(&b);
	struct seed_options o = { .trackers = 5, .tasks = 3, .days = 40, .time_zone = "UTC", .password_hash = "!",
				  .now = 1779408000 };
	struct seed_counts ca, cb;
	ck_assert_int_eq(db_begin_write(&a.db), 0);
	ck_assert_int_eq(seed_bench_user(&a.db, &o, 1, &ca), 0);
	ck_assert_int_eq(db_commit(&a.db), 0);
	ck_assert_int_eq(db_begin_write(&b.db), 0);
	ck_assert_int_eq(seed_bench_user(&b.db, &o, 1, &cb), 0);
	ck_assert_int_eq(db_commit(&b.db), 0);
	ck_assert_int_eq(ca.task_instances, cb.task_instances);
	ck_assert_int_eq(ca.done, cb.done);
	ck_assert_int_eq(ca.notes, cb.notes);
	const char *sql = "SELECT total(unicode(status) * id + ifnull(value, 0) * 7 + ifnull(completed_at, 0) % 9973)"
			  " FROM task_instances";
	ck_assert_int_eq(testdb_int(&a, "%s", sql), testdb_int(&b, "%s", sql));
	/* tracker 4 is weekly: only whole periods inside the history are made, none reaching today */
	ck_assert_int_eq(testdb_int(&a, "SELECT count(*) FROM trackers WHERE time_mode = 'weekly'"), 1);
	ck_assert_int_gt(testdb_int(&a, "SELECT count(*) FROM tracker_instances WHERE time_mode = 'weekly'"), 3);
	ck_assert_int_eq(testdb_int(&a, "SELECT count(*) FROM tracker_instances WHERE period_end >= '2026-05-22'"
				    " OR period_start < '2026-04-12'"), 0);
	ck_assert_int_eq(testdb_int(&a, "SELECT count(*) FROM trackers WHERE category_id IS NULL"), 1);
	ck_assert_int_eq(testdb_int(&a, "SELECT count(*) FROM users WHERE email = 'bench1@example.org'"), 1);
	/* the same user again is refused */
	ck_assert_int_eq(seed_bench_user(&a.db, &o, 1, &ca), -1);
	testdb_close(&a);
	testdb_close(&b);
}
END_TEST

static Suite *export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("csv");
	tcase_add_test(tc, csv_plain_fields_and_crlf);
	tcase_add_test(tc, csv_quotes_commas_quotes_and_newlines);
	tcase_add_test(tc, csv_non_ascii_passes_unchanged);
	tcase_add_test(tc, csv_formula_cells_get_a_quote);
	tcase_add_test(tc, csv_numbers);
	tcase_add_test(tc, csv_chunks_of_the_buffer_size);
	tcase_add_test(tc, ranges);
	tcase_add_test(tc, seeding_is_deterministic);
	suite_add_tcase(s, tc);
	tc = tcase_create("requests");
	tcase_set_timeout(tc, 240);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, download_headers_and_header_row);
	tcase_add_test(tc, download_reads_back_equal_to_the_database);
	tcase_add_test(tc, download_of_one_tracker);
	tcase_add_test(tc, daily_totals_match_the_rows);
	tcase_add_test(tc, bad_ranges_answer_400_with_a_message);
	tcase_add_test(tc, another_users_tracker_is_refused_without_data);
	tcase_add_test(tc, export_page_offers_the_form);
	tcase_add_test(tc, a_year_is_streamed_in_chunks_and_arrives_whole);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(export_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* check_loop_import: the Loop Habit Tracker importer — the shared samples (databases/021.db and
 * 022.db, and csv_export/ zipped here at test time) with their counts and mapping; re-import
 * and dry run; synthetic backups of schema versions 12, 16, 24 and 25 built with SQLite (column
 * differences, numerical habits, notes, skips, unknown, orphan and duplicate rows); the old
 * integer CSV format under a top folder; refused files that leave the database as it was; and
 * the comparison with Loop: the strength on every exported day within one percentage point of
 * Loop's Scores.csv, and 021.db's current streak of 3. Tests that need ../shared
 * (TRACKPRO_SHARED) skip their checks when it is absent. */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "buf.h"
#include "civil.h"
#include "habit_stats.h"
#include "loop_import.h"
#include "testdb.h"

/* 2026-01-15 12:00 UTC: when the imports run. */
#define NOW INT64_C(1768478400)

static int64_t user_id;

static void setup(void)
{
	testdb_setup();
	user_id = testdb_user(&tdb, "a@example.org");
}

/* Reads a whole file into a malloc'd buffer; NULL when it cannot be read. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return b.data ? buf_detach(&b) : calloc(1, 1);
}

/* The path of a Loop sample into out, or false (the test skips) when ../shared is absent. */
static bool sample_path(const char *name, char *out, size_t size)
{
	const char *shared = getenv("TRACKPRO_SHARED");
	struct stat st;
	if (!shared)
		return false;
	snprintf(out, size, "%s/fixtures/loop/%s", shared, name);
	if (stat(out, &st) != 0) {
		fprintf(stderr, "skipped: %s is missing\n", out);
		return false;
	}
	return true;
}

/* Imports data[0..len) into user_id (dry run when asked) and returns the result code. */
static int import(const void *data, size_t len, bool dry_run, struct loop_import_summary *s, char *message)
{
	struct loop_import_options o = { .dry_run = dry_run, .now = NOW };
	return loop_import_data(&tdb.db, user_id, data, len, &o, s, message, 256);
}

/* Imports a sample file; false (skip) when ../shared is absent. */
static bool import_sample(const char *name, struct loop_import_summary *s)
{
	char path[1024], message[256];
	if (!sample_path(name, path, sizeof path))
		return false;
	struct loop_import_options o = { .now = NOW };
	int rc = loop_import_path(&tdb.db, user_id, path, &o, s, message, sizeof message);
	ck_assert_msg(rc == 0, "%s: %d %s", name, rc, message);
	return true;
}

/* Every row of the tables an import writes, as one comparable text. */
static char *content(void)
{
	static const char *const tables[] = { "trackers", "task_templates", "tracker_instances", "task_instances",
					      "task_events", "imports", "day_notes", "goals" };
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
		buf_printf(&b, "%s=%lld;", tables[i], (long long)testdb_int(&tdb, "SELECT count(*) FROM %s", tables[i]));
	buf_printf(&b, "sum=%lld", (long long)testdb_int(&tdb, "SELECT total(updated_at) FROM task_instances"));
	return buf_detach(&b);
}

/* The tracker and task an import made for the Loop habit of key (imports.external_key). */
static void imported(const char *key, struct tracker *t, struct task_template *tt)
{
	int64_t tracker_id = testdb_row_int(&tdb, "SELECT tracker_id FROM imports WHERE external_key = '%s'", key);
	int64_t template_id = testdb_row_int(&tdb, "SELECT task_template_id FROM imports WHERE external_key = '%s'", key);
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, user_id, tracker_id, false, t), TRACKER_OK);
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, user_id, template_id, false, tt), TASK_OK);
}

/* Status, value and note of template_id's task instance on day ("" status when none). */
static void instance_on(int64_t template_id, const char *day, char *status, double *value, char *note)
{
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_prepare_v2(tdb.db.conn,
					    "SELECT ti.status, ifnull(ti.value, -1), ti.note FROM task_instances ti"
					    " JOIN tracker_instances i ON i.id = ti.tracker_instance_id"
					    " WHERE ti.task_template_id = ? AND i.period_start = ?",
					    -1, &s, NULL),
			 SQLITE_OK);
	sqlite3_bind_int64(s, 1, template_id);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
	status[0] = note[0] = '\0';
	*value = -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(status, 16, "%s", (const char *)sqlite3_column_text(s, 0));
		*value = sqlite3_column_double(s, 1);
		snprintf(note, 64, "%s", (const char *)sqlite3_column_text(s, 2));
	}
	sqlite3_finalize(s);
}

static struct habit_owner owner(int64_t today)
{
	struct habit_owner o = { .user_id = user_id, .week_start = 1, .time_zone = "UTC", .threshold = 80,
				 .today = today };
	return o;
}

/* ---- synthetic Loop files ---- */

/* Runs sql in a new SQLite file and returns the file's bytes (malloc'd) in *len. */
static char *make_db(const char *sql, size_t *len)
{
	char path[] = "/tmp/trackpro-loopdb-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	sqlite3 *conn;
	ck_assert_int_eq(sqlite3_open(path, &conn), SQLITE_OK);
	char *err = NULL;
	ck_assert_msg(sqlite3_exec(conn, sql, NULL, NULL, &err) == SQLITE_OK, "%s", err ? err : "");
	sqlite3_close(conn);
	char *data = read_file(path, len);
	unlink(path);
	ck_assert_ptr_nonnull(data);
	return data;
}

/* One file of a zip made by make_zip. */
struct zfile {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
};

/* A zip of the files (compressed with deflate) as malloc'd bytes in *len. */
static char *make_zip(const struct zfile *files, size_t n, size_t *len)
{
	char path[] = "/tmp/trackpro-loopzip-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	int error = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error);
	ck_assert_ptr_nonnull(z);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(z, files[i].data, files[i].len ? files[i].len : strlen(files[i].data), 0);
		ck_assert_ptr_nonnull(src);
		ck_assert_int_ge(zip_file_add(z, files[i].name, src, ZIP_FL_OVERWRITE), 0);
	}
	ck_assert_int_eq(zip_close(z), 0);
	char *data = read_file(path, len);
	unlink(path);
	ck_assert_ptr_nonnull(data);
	return data;
}

/* The shared csv_export folder zipped (its files and the habit folders' files), or NULL. */
static char *zip_csv_export(size_t *len)
{
	char root[1024];
	if (!sample_path("csv_export", root, sizeof root))
		return NULL;
	struct zfile files[64];
	char names[64][520];
	char *contents[64];
	size_t n = 0;
	DIR *top = opendir(root);
	ck_assert_ptr_nonnull(top);
	struct dirent *e;
	while ((e = readdir(top)) && n < 60) {
		if (e->d_name[0] == '.')
			continue;
		char path[1400];
		snprintf(path, sizeof path, "%s/%s", root, e->d_name);
		struct stat st;
		ck_assert_int_eq(stat(path, &st), 0);
		if (S_ISREG(st.st_mode)) {
			snprintf(names[n], sizeof names[n], "%s", e->d_name);
			contents[n] = read_file(path, &files[n].len);
			n++;
			continue;
		}
		DIR *sub = opendir(path);
		struct dirent *f;
		while (sub && (f = readdir(sub)) && n < 60) {
			if (f->d_name[0] == '.')
				continue;
			char file[1700];
			snprintf(file, sizeof file, "%s/%s", path, f->d_name);
			snprintf(names[n], sizeof names[n], "%s/%s", e->d_name, f->d_name);
			contents[n] = read_file(file, &files[n].len);
			n++;
		}
		if (sub)
			closedir(sub);
	}
	closedir(top);
	for (size_t i = 0; i < n; i++) {
		files[i].name = names[i];
		files[i].data = contents[i]; /* NUL-terminated, so an empty one has strlen 0 */
	}
	char *zip = make_zip(files, n, len);
	for (size_t i = 0; i < n; i++)
		free(contents[i]);
	return zip;
}

/* Loop's schema 12: no Repetitions.value (every row is a check), no type, no question (the
 * description is the question), no uuid, no notes; reminder days and a palette colour. */
static const char *const schema12 =
	"PRAGMA user_version = 12;"
	"CREATE TABLE Habits (id integer primary key autoincrement, archived integer, color integer,"
	" description text, freq_den integer, freq_num integer, highlight integer, name text, position integer,"
	" reminder_hour integer, reminder_min integer, reminder_days integer not null default 127);"
	"CREATE TABLE Repetitions (id integer primary key autoincrement, habit integer references habits(id),"
	" timestamp integer);"
	"CREATE TABLE Checkmarks (habit integer, timestamp integer, value integer);";

/* Schema 25: everything, with uuid, question and notes. */
#define SCHEMA25_TABLES                                                                                        \
	"CREATE TABLE Habits (id integer primary key autoincrement, archived integer, color integer,"          \
	" description text, freq_den integer, freq_num integer, highlight integer, name text, position integer," \
	" reminder_hour integer, reminder_min integer, reminder_days integer not null default 127,"            \
	" type integer not null default 0, target_type integer not null default 0,"                            \
	" target_value real not null default 0, unit text not null default '', question text, uuid text);"     \
	"CREATE TABLE Repetitions (id integer primary key autoincrement, habit integer not null references"    \
	" habits(id), timestamp integer not null, value integer not null, notes text);"

/* Milliseconds of Loop's timestamp for day "YYYY-MM-DD". */
static long long ms(const char *day)
{
	return (long long)testdb_day(day) * 86400000LL;
}

/* ---- the samples ---- */

START_TEST(backup_021_imports_one_habit_with_its_streak)
{
	struct loop_import_summary s;
	if (!import_sample("databases/021.db", &s))
		return;
	ck_assert_str_eq(s.format, "Loop backup database, schema 21");
	ck_assert_int_eq(s.habits, 1);
	ck_assert_int_eq(s.habits_created, 1);
	ck_assert_int_eq(s.habits_matched, 0);
	ck_assert_int_eq(s.checkins_added, 3);
	ck_assert_int_eq(s.checkins_unchanged, 0);
	ck_assert_int_eq(s.rows_skipped, 0);
	struct tracker t;
	struct task_template tt;
	imported("name:2017-06-19:Hello world", &t, &tt);
	ck_assert_str_eq(t.name, "Hello world");
	ck_assert_str_eq(t.color, "#00897b"); /* palette index 8 */
	ck_assert_int_eq(t.time_mode, TIME_MODE_DAILY);
	ck_assert_int_eq(t.status, TRACKER_ACTIVE);
	ck_assert_str_eq(tt.name, "Hello world");
	ck_assert_int_eq(tt.kind, TASK_CHECK);
	ck_assert_int_eq(tt.schedule.kind, SCHEDULE_EVERY_PERIOD);
	ck_assert_int_eq(tt.reminder_minute, -1);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM task_instances WHERE status = 'done'"
					  " AND import_source = 'loop'"), 3);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM task_events WHERE source = 'import'"), 3);
	/* Loop's current streak on the last check-in day, 2017-06-21, is 3 */
	struct habit_owner o = owner(testdb_day("2017-06-21"));
	struct habit_stats hs;
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &hs), 0);
	ck_assert_int_eq(hs.streak.current, 3);
	ck_assert_int_eq(hs.streak.longest, 3);
}
END_TEST

START_TEST(backup_022_maps_question_reminder_and_weekdays)
{
	struct loop_import_summary s;
	if (!import_sample("databases/022.db", &s))
		return;
	ck_assert_str_eq(s.format, "Loop backup database, schema 22");
	ck_assert_int_eq(s.habits, 2);
	ck_assert_int_eq(s.habits_created, 2);
	ck_assert_int_eq(s.checkins_added, 1);
	ck_assert_int_eq(s.rows_skipped, 0);
	struct tracker t;
	struct task_template tt;
	imported("name:2020-01-01:Work out", &t, &tt);
	ck_assert_str_eq(t.name, "Work out");
	ck_assert_str_eq(tt.description, "Did you work out?"); /* before schema 23 the description is the question */
	ck_assert_int_eq(tt.reminder_minute, 18 * 60);
	/* Loop's 113 = bits 0, 4, 5, 6 = Saturday, Wednesday, Thursday, Friday (bit 0 = Saturday) */
	ck_assert_uint_eq(tt.reminder_weekdays, (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5));
	char status[16], note[64];
	double value;
	instance_on(tt.id, "2020-01-01", status, &value, note);
	ck_assert_str_eq(status, "done");
	imported("name:none:Test", &t, &tt);
	ck_assert_str_eq(t.name, "Test");
	ck_assert_int_eq(tt.reminder_minute, -1);
	/* position kept: Work out (0) before Test (1) */
	ck_assert_int_eq(testdb_int(&tdb, "SELECT name = 'Work out' FROM trackers ORDER BY position LIMIT 1"), 1);
}
END_TEST

START_TEST(reimport_changes_nothing_and_dry_run_saves_nothing)
{
	struct loop_import_summary s;
	char path[1024], message[256];
	if (!sample_path("databases/022.db", path, sizeof path))
		return;
	struct loop_import_options dry = { .dry_run = true, .now = NOW };
	char *before = content();
	ck_assert_int_eq(loop_import_path(&tdb.db, user_id, path, &dry, &s, message, sizeof message), 0);
	ck_assert_int_eq(s.habits_created, 2); /* the summary of a real import */
	ck_assert_int_eq(s.checkins_added, 1);
	char *after = content();
	ck_assert_str_eq(before, after); /* but nothing saved */
	free(after);
	ck_assert(import_sample("databases/022.db", &s));
	free(before);
	before = content();
	sqlite3_int64 changes = sqlite3_total_changes64(tdb.db.conn);
	ck_assert(import_sample("databases/022.db", &s));
	ck_assert_int_eq(s.habits_created, 0);
	ck_assert_int_eq(s.habits_matched, 2);
	ck_assert_int_eq(s.checkins_added, 0);
	ck_assert_int_eq(s.checkins_unchanged, 1);
	ck_assert_int_eq(sqlite3_total_changes64(tdb.db.conn), changes); /* not one row written */
	after = content();
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}
END_TEST

START_TEST(csv_export_matches_loops_strength_day_by_day)
{
	size_t len;
	char *zip = zip_csv_export(&len);
	if (!zip)
		return;
	struct loop_import_summary s;
	char message[256];
	ck_assert_msg(import(zip, len, false, &s, message) == 0, "%s", message);
	ck_assert_str_eq(s.format, "Loop CSV export (words)");
	ck_assert_int_eq(s.habits, 2);
	ck_assert_int_eq(s.habits_created, 2);
	/* Wake up early: 10 rows; the YES_AUTO one without a note records nothing */
	ck_assert_int_eq(s.checkins_added, 9);
	ck_assert_int_eq(s.skipped_unknown, 1);
	ck_assert_int_eq(s.rows_skipped, 1);
	struct tracker t;
	struct task_template tt;
	imported("name:2015-01-16:Wake up early", &t, &tt);
	ck_assert_str_eq(t.color, "#00897b");
	ck_assert_str_eq(tt.description, "Did you wake up before 6am?");
	ck_assert_int_eq(tt.schedule.kind, SCHEDULE_TIMES_IN_DAYS);
	ck_assert_int_eq(tt.schedule.times, 2);
	ck_assert_int_eq(tt.schedule.window_days, 3);
	char status[16], note[64];
	double value;
	instance_on(tt.id, "2015-01-24", status, &value, note);
	ck_assert_str_eq(status, "missed");
	ck_assert_str_eq(note, "Sick");
	instance_on(tt.id, "2015-01-19", status, &value, note);
	ck_assert_str_eq(status, "todo"); /* YES_AUTO: nothing entered, its note kept */
	ck_assert_str_eq(note, "\"Vacation\"");
	struct tracker m;
	struct task_template mt;
	imported("name:none:Meditate", &m, &mt);
	ck_assert_str_eq(m.color, "#ff8f00");
	ck_assert_int_eq(mt.schedule.kind, SCHEDULE_EVERY_PERIOD);

	/* each day of Loop's per-habit Scores.csv against the task's strength series */
	const struct {
		const char *file;
		struct tracker *t;
		struct task_template *tt;
	} habits[] = { { "csv_export/002 Wake up early/Scores.csv", &t, &tt },
		       { "csv_export/001 Meditate/Scores.csv", &m, &mt } };
	for (size_t h = 0; h < 2; h++) {
		char path[1024];
		ck_assert(sample_path(habits[h].file, path, sizeof path));
		FILE *f = fopen(path, "r");
		ck_assert_ptr_nonnull(f);
		char line[128];
		int64_t last = 0;
		struct habit_stats hs;
		int compared = 0;
		while (fgets(line, sizeof line, f)) {
			char day[11];
			double score;
			if (sscanf(line, "%10[0-9-],%lf", day, &score) != 2)
				continue;
			int64_t d = testdb_day(day);
			if (!last) {
				last = d; /* newest first: the last exported day */
				struct habit_owner o = owner(last);
				ck_assert_int_eq(habit_stats_task(&tdb.db, &o, habits[h].t, habits[h].tt, &hs), 0);
				ck_assert_msg(fabs(hs.strength - score * 100) <= 1.0, "%s: %d%% against Loop's %.2f%%",
					      habits[h].file, hs.strength, score * 100);
			}
			int64_t k = HABIT_SERIES_DAYS - 1 - (last - d);
			ck_assert_int_ge(k, 0);
			ck_assert_msg(fabs(hs.series[k] - score) <= 0.01, "%s %s: %.4f against Loop's %.4f", habits[h].file,
				      day, hs.series[k], score);
			compared++;
		}
		fclose(f);
		ck_assert_int_gt(compared, 0);
	}
	/* Loop's streaks of "Wake up early" (2 in 3 days; its Checkmarks.csv): 1 on 25 Jan after
	 * the missed 24th, and 7 on 22 Jan (16-22, with 18, 19 done automatically) */
	const struct {
		const char *day;
		int streak;
	} loop_streaks[] = { { "2015-01-25", 1 }, { "2015-01-22", 7 } };
	for (size_t i = 0; i < 2; i++) {
		struct habit_owner o = owner(testdb_day(loop_streaks[i].day));
		struct habit_stats hs;
		ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &hs), 0);
		ck_assert_msg(hs.streak.current == loop_streaks[i].streak, "%s: streak %d, Loop's %d", loop_streaks[i].day,
			      hs.streak.current, loop_streaks[i].streak);
	}
	/* the same zip again adds nothing */
	ck_assert_int_eq(import(zip, len, false, &s, message), 0);
	ck_assert_int_eq(s.habits_matched, 2);
	ck_assert_int_eq(s.checkins_added, 0);
	ck_assert_int_eq(s.checkins_unchanged, 9);
	free(zip);
}
END_TEST

/* ---- synthetic backups ---- */

START_TEST(schema_12_rows_are_checks_and_bad_rows_are_counted)
{
	char sql[4096];
	snprintf(sql, sizeof sql,
		 "%s"
		 "INSERT INTO Habits VALUES (1, 0, 3, 'Did you run?', 7, 3, 0, 'Run', 1, 7, 30, 0);"
		 "INSERT INTO Habits VALUES (2, 1, 99, '', 1, 1, 0, 'Old one', 0, NULL, NULL, 127);"
		 "INSERT INTO Repetitions (habit, timestamp) VALUES (1, %lld), (1, %lld), (1, %lld), (9, %lld),"
		 " (1, NULL), (2, %lld), (1, %lld);"
		 "INSERT INTO Checkmarks VALUES (1, 0, 2);",
		 schema12, ms("2020-03-02"), ms("2020-03-01"), ms("2020-03-02") + 3600000, ms("2020-03-01"),
		 ms("2020-02-01"), 1LL << 62);
	size_t len;
	char *db = make_db(sql, &len);
	struct loop_import_summary s;
	char message[256];
	ck_assert_msg(import(db, len, false, &s, message) == 0, "%s", message);
	ck_assert_str_eq(s.format, "Loop backup database, schema 12");
	ck_assert_int_eq(s.habits, 2);
	ck_assert_int_eq(s.checkins_added, 3);      /* 03-01 and 03-02 of Run, 02-01 of Old one */
	ck_assert_int_eq(s.skipped_orphan, 1);      /* habit 9 */
	ck_assert_int_eq(s.skipped_duplicate, 1);   /* 03-02 again, an hour later: the first is kept */
	ck_assert_int_eq(s.skipped_invalid, 2);     /* NULL timestamp, year 146 million */
	ck_assert_int_eq(s.skipped_unknown, 0);
	ck_assert_int_eq(s.rows_skipped, 4);
	ck_assert_int_eq(s.checkins_added + s.checkins_unchanged + s.rows_skipped, 7);
	struct tracker t;
	struct task_template tt;
	imported("name:2020-03-01:Run", &t, &tt);
	ck_assert_str_eq(t.color, "#ff8f00");
	ck_assert_str_eq(tt.description, "Did you run?");
	ck_assert_int_eq(tt.schedule.kind, SCHEDULE_TIMES_IN_DAYS);
	ck_assert_int_eq(tt.schedule.times, 3);
	ck_assert_int_eq(tt.schedule.window_days, 7);
	ck_assert_int_eq(tt.reminder_minute, 7 * 60 + 30);
	ck_assert_uint_eq(tt.reminder_weekdays, 127); /* 0: every day, as Loop reads it */
	imported("name:2020-02-01:Old one", &t, &tt);
	ck_assert_int_eq(t.status, TRACKER_ARCHIVED);
	ck_assert_str_eq(t.color, "#00897b"); /* an index outside the palette */
	/* Old one (position 0) comes before Run (position 1) */
	ck_assert_int_eq(testdb_int(&tdb, "SELECT name = 'Old one' FROM trackers ORDER BY position LIMIT 1"), 1);
	free(db);
}
END_TEST

START_TEST(schema_16_numerical_habits_become_measure_tasks)
{
	char sql[4096];
	snprintf(sql, sizeof sql,
		 "PRAGMA user_version = 16;" SCHEMA25_TABLES /* less what came after 16: */
		 "ALTER TABLE Habits DROP COLUMN question; ALTER TABLE Habits DROP COLUMN uuid;"
		 "ALTER TABLE Repetitions DROP COLUMN notes;"
		 "INSERT INTO Habits VALUES (1, 0, 11, 'How far?', 1, 1, 0, 'Walk', 0, NULL, NULL, 127, 1, 0, 5.0, 'km');"
		 "INSERT INTO Habits VALUES (2, 0, 11, '', 7, 1, 0, 'Coffee', 1, NULL, NULL, 127, 1, 1, 14.0, 'cups');"
		 "INSERT INTO Habits VALUES (3, 0, 0, '', 1, 1, 0, 'Floss', 2, NULL, NULL, 127, 0, 0, 0, '');"
		 "INSERT INTO Repetitions (habit, timestamp, value) VALUES"
		 " (1, %lld, 6500), (1, %lld, 2500), (1, %lld, 3), (1, %lld, -1), (1, %lld, -7),"
		 " (2, %lld, 3000), (3, %lld, 7), (3, %lld, 1), (3, %lld, 0);",
		 ms("2021-05-01"), ms("2021-05-02"), ms("2021-05-03"), ms("2021-05-04"), ms("2021-05-05"),
		 ms("2021-05-01"), ms("2021-05-01"), ms("2021-05-02"), ms("2021-05-03"));
	size_t len;
	char *db = make_db(sql, &len);
	struct loop_import_summary s;
	char message[256];
	ck_assert_msg(import(db, len, false, &s, message) == 0, "%s", message);
	ck_assert_int_eq(s.checkins_added, 5); /* 3 of Walk, 1 of Coffee, Floss's NO */
	ck_assert_int_eq(s.skipped_unknown, 3); /* Walk's -1, Floss's undefined 7 and auto-filled 1 */
	ck_assert_int_eq(s.skipped_invalid, 1); /* Walk's -7 */
	struct tracker t;
	struct task_template tt;
	imported("name:2021-05-01:Walk", &t, &tt);
	ck_assert_int_eq(tt.kind, TASK_MEASURE);
	ck_assert_str_eq(tt.unit, "km");
	ck_assert(fabs(tt.target_value - 5.0) < 1e-9);
	ck_assert_int_eq(tt.direction, TASK_AT_LEAST);
	ck_assert_str_eq(tt.description, "How far?");
	char status[16], note[64];
	double value;
	instance_on(tt.id, "2021-05-01", status, &value, note);
	ck_assert_str_eq(status, "done");
	ck_assert(fabs(value - 6.5) < 1e-9);
	instance_on(tt.id, "2021-05-02", status, &value, note);
	ck_assert_str_eq(status, "in_progress");
	ck_assert(fabs(value - 2.5) < 1e-9);
	instance_on(tt.id, "2021-05-03", status, &value, note);
	ck_assert_str_eq(status, "skipped");
	imported("name:2021-05-01:Coffee", &t, &tt);
	ck_assert_int_eq(tt.direction, TASK_AT_MOST);
	ck_assert_int_eq(tt.schedule.kind, SCHEDULE_TIMES_IN_DAYS);
	ck_assert_int_eq(tt.schedule.window_days, 7);
	instance_on(tt.id, "2021-05-01", status, &value, note);
	ck_assert(fabs(value - 3.0) < 1e-9);
	ck_assert_str_eq(status, "done"); /* 3 cups, at most 14 */
	imported("name:2021-05-03:Floss", &t, &tt);
	instance_on(tt.id, "2021-05-03", status, &value, note);
	ck_assert_str_eq(status, "missed");
	free(db);
}
END_TEST

/* Schema 24 or 25 with habit uuid "u-1" and the given repetitions. */
static char *schema25_db(int version, const char *repetitions, size_t *len)
{
	char sql[4096];
	snprintf(sql, sizeof sql,
		 "PRAGMA user_version = %d;" SCHEMA25_TABLES
		 "INSERT INTO Habits VALUES (5, 0, 14, 'Why it matters', 1, 1, 0, 'Read', 0, 21, 15, 62, 0, 0, 0, '',"
		 " 'Did you read?', 'u-1');"
		 "%s",
		 version, repetitions);
	return make_db(sql, len);
}

START_TEST(schema_25_uuid_notes_and_a_newer_export)
{
	char reps[1024];
	snprintf(reps, sizeof reps,
		 "INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (5, %lld, 2, 'Great book'),"
		 " (5, %lld, 3, NULL), (5, %lld, -1, 'Only a note');",
		 ms("2024-02-01"), ms("2024-02-02"), ms("2024-02-03"));
	size_t len;
	char *db = schema25_db(25, reps, &len);
	struct loop_import_summary s;
	char message[256];
	ck_assert_msg(import(db, len, false, &s, message) == 0, "%s", message);
	ck_assert_str_eq(s.format, "Loop backup database, schema 25");
	ck_assert_int_eq(s.checkins_added, 3);
	struct tracker t;
	struct task_template tt;
	imported("uuid:u-1", &t, &tt);
	ck_assert_str_eq(tt.description, "Did you read?");
	ck_assert_str_eq(t.description, "Why it matters");
	ck_assert_str_eq(t.color, "#8e24aa");
	ck_assert_int_eq(tt.reminder_minute, 21 * 60 + 15);
	/* Loop 62 = Sunday .. Thursday: ours Monday .. Thursday and Sunday */
	ck_assert_uint_eq(tt.reminder_weekdays, 1u | 2u | 4u | 8u | 64u);
	char status[16], note[64];
	double value;
	instance_on(tt.id, "2024-02-01", status, &value, note);
	ck_assert_str_eq(status, "done");
	ck_assert_str_eq(note, "Great book");
	instance_on(tt.id, "2024-02-02", status, &value, note);
	ck_assert_str_eq(status, "skipped");
	instance_on(tt.id, "2024-02-03", status, &value, note);
	ck_assert_str_eq(status, "todo");
	ck_assert_str_eq(note, "Only a note");
	free(db);

	/* a newer export: one day changed, one new; the rest unchanged */
	snprintf(reps, sizeof reps,
		 "INSERT INTO Repetitions (habit, timestamp, value, notes) VALUES (5, %lld, 2, 'Great book'),"
		 " (5, %lld, 2, NULL), (5, %lld, -1, 'Only a note'), (5, %lld, 0, '');",
		 ms("2024-02-01"), ms("2024-02-02"), ms("2024-02-03"), ms("2024-02-04"));
	db = schema25_db(25, reps, &len);
	ck_assert_int_eq(import(db, len, false, &s, message), 0);
	ck_assert_int_eq(s.habits_matched, 1);
	ck_assert_int_eq(s.habits_created, 0);
	ck_assert_int_eq(s.checkins_added, 2);
	ck_assert_int_eq(s.checkins_unchanged, 2);
	instance_on(tt.id, "2024-02-02", status, &value, note);
	ck_assert_str_eq(status, "done");
	instance_on(tt.id, "2024-02-04", status, &value, note);
	ck_assert_str_eq(status, "missed");
	ck_assert_int_eq(testdb_int(&tdb, "SELECT checkins FROM imports WHERE external_key = 'uuid:u-1'"), 5);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM trackers"), 1);
	free(db);
}
END_TEST

START_TEST(schema_24_has_uuid_but_no_notes_and_names_stay_unique)
{
	struct tracker_input in = { "Read", "", TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, "#336699", 0 };
	int64_t mine;
	ck_assert_int_eq(tracker_create(&tdb.db, NOW, user_id, &in, &mine), TRACKER_OK);
	char sql[4096];
	snprintf(sql, sizeof sql,
		 "PRAGMA user_version = 24;" SCHEMA25_TABLES "ALTER TABLE Repetitions DROP COLUMN notes;"
		 "INSERT INTO Habits VALUES (1, 0, 1, '', 30, 2, 0, 'Read', 0, NULL, NULL, 127, 0, 0, 0, '', 'Q?', 'abc');"
		 "INSERT INTO Repetitions (habit, timestamp, value) VALUES (1, %lld, 2);",
		 ms("2023-07-01"));
	size_t len;
	char *db = make_db(sql, &len);
	struct loop_import_summary s;
	char message[256];
	ck_assert_msg(import(db, len, false, &s, message) == 0, "%s", message);
	struct tracker t;
	struct task_template tt;
	imported("uuid:abc", &t, &tt);
	ck_assert_str_eq(t.name, "Read (Loop)"); /* the user's own "Read" keeps its name */
	ck_assert_str_eq(tt.name, "Read");
	ck_assert_int_eq(tt.schedule.times, 2);
	ck_assert_int_eq(tt.schedule.window_days, 30);
	free(db);
}
END_TEST

START_TEST(old_integer_csv_under_a_top_folder)
{
	const struct zfile files[] = {
		{ "Loop Habits CSV 2019-01-03/Habits.csv",
		  "Position,Name,Description,NumRepetitions,Interval,Color\n001,Stretch,Did you stretch?,1,1,#7CB342\n"
		  "002,\"Swim, far\",,1,7,#1976D2\n", 0 },
		{ "Loop Habits CSV 2019-01-03/001 Stretch/Checkmarks.csv", "2019-01-03,2\n2019-01-02,0\n2019-01-01,1\n", 0 },
		{ "Loop Habits CSV 2019-01-03/002 Swim far/Checkmarks.csv", "2019-01-02,2\r\n2019-13-01,2\r\n", 0 },
		{ "Loop Habits CSV 2019-01-03/001 Stretch/Scores.csv", "2019-01-03,0.1\n", 0 },
	};
	size_t len;
	char *zip = make_zip(files, 4, &len);
	struct loop_import_summary s;
	char message[256];
	ck_assert_msg(import(zip, len, false, &s, message) == 0, "%s", message);
	ck_assert_str_eq(s.format, "Loop CSV export (integers)");
	ck_assert_int_eq(s.habits, 2);
	ck_assert_int_eq(s.checkins_added, 3);
	ck_assert_int_eq(s.skipped_unknown, 1); /* the auto-filled 1 */
	ck_assert_int_eq(s.skipped_invalid, 1); /* month 13 */
	struct tracker t;
	struct task_template tt;
	imported("name:2019-01-02:Stretch", &t, &tt);
	ck_assert_str_eq(t.color, "#7cb342");
	ck_assert_str_eq(tt.description, "Did you stretch?");
	char status[16], note[64];
	double value;
	instance_on(tt.id, "2019-01-02", status, &value, note);
	ck_assert_str_eq(status, "missed");
	imported("name:2019-01-02:Swim, far", &t, &tt);
	ck_assert_int_eq(tt.schedule.window_days, 7);
	free(zip);
}
END_TEST

/* ---- refused files ---- */

/* Imports data and checks that it is refused as not usable, with a message holding expect,
 * and that the database did not change. */
static void assert_refused(const void *data, size_t len, const char *expect)
{
	char *before = content();
	struct loop_import_summary s;
	char message[256];
	ck_assert_int_eq(import(data, len, false, &s, message), 1);
	ck_assert_msg(strstr(message, expect) != NULL, "message \"%s\" lacks \"%s\"", message, expect);
	ck_assert_int_eq(s.habits, 0);
	char *after = content();
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
}

START_TEST(broken_and_foreign_files_change_nothing)
{
	/* something already imported, which must stay as it is */
	char reps[256];
	snprintf(reps, sizeof reps, "INSERT INTO Repetitions (habit, timestamp, value) VALUES (5, %lld, 2);",
		 ms("2024-02-01"));
	size_t len;
	char *db = schema25_db(25, reps, &len);
	struct loop_import_summary s;
	char message[256];
	ck_assert_int_eq(import(db, len, false, &s, message), 0);

	assert_refused("", 0, "empty");
	char noise[4096];
	for (size_t i = 0; i < sizeof noise; i++)
		noise[i] = (char)((i * 7919u + 13u) % 251u);
	assert_refused(noise, sizeof noise, "neither a Loop Habit Tracker backup");

	size_t plain_len;
	char *plain = make_db("CREATE TABLE notes (id integer primary key, body text);"
			      "INSERT INTO notes (body) VALUES ('hello');",
			      &plain_len);
	assert_refused(plain, plain_len, "not a Loop Habit Tracker backup");
	free(plain);

	size_t old_len, new_len;
	char *old = schema25_db(11, reps, &old_len), *newer = schema25_db(26, reps, &new_len);
	assert_refused(old, old_len, "schema version 11");
	assert_refused(newer, new_len, "schema version 26");
	free(old);
	free(newer);

	assert_refused(db, len / 2, "truncated");
	assert_refused(db, 60, "truncated");
	/* a b-tree page whose type byte is not one: SQLite's check (or the read) refuses it */
	char *damaged = malloc(len);
	memcpy(damaged, db, len);
	size_t page = (size_t)((unsigned char)db[16] << 8 | (unsigned char)db[17]);
	ck_assert_uint_ge(len, 2 * page);
	damaged[page] = 0x42;
	assert_refused(damaged, len, "");
	free(damaged);
	free(db);

	const struct zfile no_habits[] = { { "Checkmarks.csv", "Date,Run,\n2020-01-01,YES_MANUAL,\n", 0 } };
	char *zip = make_zip(no_habits, 1, &len);
	assert_refused(zip, len, "no Habits.csv");
	assert_refused(zip, len - 10, "damaged or truncated");
	free(zip);

	size_t huge = 40u * 1024u * 1024u;
	char *zeros = calloc(huge, 1);
	const struct zfile bomb[] = { { "Habits.csv", zeros, huge } };
	zip = make_zip(bomb, 1, &len);
	free(zeros);
	ck_assert_uint_lt(len, 1024u * 1024u); /* small packed, 40 MiB unpacked */
	assert_refused(zip, len, "unpacks to 41943040 bytes");
	free(zip);

	const struct zfile bad_csv[] = { { "Habits.csv", "Position,Name\n001,\"Run\n", 0 } };
	zip = make_zip(bad_csv, 1, &len);
	assert_refused(zip, len, "not a valid CSV file");
	free(zip);
}
END_TEST

START_TEST(unknown_users_and_large_files_are_refused)
{
	struct loop_import_summary s;
	char message[256];
	size_t len;
	char *db = schema25_db(25, "", &len);
	struct loop_import_options o = { .now = NOW };
	ck_assert_int_eq(loop_import_data(&tdb.db, user_id + 100, db, len, &o, &s, message, sizeof message), -1);
	ck_assert_str_eq(message, "There is no such account.");
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM trackers"), 0);
	ck_assert_int_eq(loop_import_data(&tdb.db, user_id, db, (size_t)LOOP_IMPORT_MAX_BYTES + 1, &o, &s, message,
					  sizeof message),
			 1);
	ck_assert(strstr(message, "32 MiB") != NULL);
	ck_assert_int_eq(loop_import_path(&tdb.db, user_id, "/nonexistent/loop.db", &o, &s, message, sizeof message), 1);
	ck_assert(strstr(message, "cannot be read") != NULL);
	free(db);
}
END_TEST

static Suite *loop_import_suite(void)
{
	Suite *s = suite_create("loop_import");
	TCase *samples = tcase_create("samples");
	tcase_add_checked_fixture(samples, setup, testdb_teardown);
	tcase_add_test(samples, backup_021_imports_one_habit_with_its_streak);
	tcase_add_test(samples, backup_022_maps_question_reminder_and_weekdays);
	tcase_add_test(samples, reimport_changes_nothing_and_dry_run_saves_nothing);
	tcase_add_test(samples, csv_export_matches_loops_strength_day_by_day);
	suite_add_tcase(s, samples);
	TCase *versions = tcase_create("versions");
	tcase_add_checked_fixture(versions, setup, testdb_teardown);
	tcase_add_test(versions, schema_12_rows_are_checks_and_bad_rows_are_counted);
	tcase_add_test(versions, schema_16_numerical_habits_become_measure_tasks);
	tcase_add_test(versions, schema_25_uuid_notes_and_a_newer_export);
	tcase_add_test(versions, schema_24_has_uuid_but_no_notes_and_names_stay_unique);
	tcase_add_test(versions, old_integer_csv_under_a_top_folder);
	suite_add_tcase(s, versions);
	TCase *refused = tcase_create("refused");
	tcase_add_checked_fixture(refused, setup, testdb_teardown);
	tcase_add_test(refused, broken_and_foreign_files_change_nothing);
	tcase_add_test(refused, unknown_users_and_large_files_are_refused);
	suite_add_tcase(s, refused);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(loop_import_suite());
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

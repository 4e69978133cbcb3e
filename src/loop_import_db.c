/* loop_import_db: reads a Loop Habit Tracker backup (the app's SQLite database, schema 12 to
 * 25) into a loop_data. The file never touches the app's database: it is copied into memory
 * and opened through its own connection, read-only and defensive (no triggers, no views, no
 * untrusted schema functions, cell size checks, no mmap, a 1 MiB cap on any value), checked
 * with PRAGMA quick_check, and read column by column as PRAGMA table_info says they exist. */
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "loop_import_internal.h"
#include "tracker.h"

/* Loop's schema versions this reader knows (PRAGMA user_version). */
#define LOOP_SCHEMA_MIN 12
#define LOOP_SCHEMA_MAX 25

/* The columns read, as table_info names them; a missing optional one reads as NULL. */
enum habit_col {
	H_ID, H_NAME, H_DESCRIPTION, H_QUESTION, H_FREQ_NUM, H_FREQ_DEN, H_COLOR, H_POSITION, H_ARCHIVED,
	H_REMINDER_HOUR, H_REMINDER_MIN, H_REMINDER_DAYS, H_TYPE, H_TARGET_TYPE, H_TARGET_VALUE, H_UNIT, H_UUID,
	H__MAX
};
static const char *const habit_cols[H__MAX] = {
	"id", "name", "description", "question", "freq_num", "freq_den", "color", "position", "archived",
	"reminder_hour", "reminder_min", "reminder_days", "type", "target_type", "target_value", "unit", "uuid",
};
enum rep_col { R_ID, R_HABIT, R_TIMESTAMP, R_VALUE, R_NOTES, R__MAX };
static const char *const rep_cols[R__MAX] = { "id", "habit", "timestamp", "value", "notes" };

struct reader {
	sqlite3 *conn;
	struct loop_data *d;
	char *message;
	size_t message_size;
	bool habit_has[H__MAX], rep_has[R__MAX];
};

/* Writes a printf-formatted sentence into the message and returns 1 (not usable). */
__attribute__((format(printf, 2, 3))) static int refuse(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (r->message && r->message_size)
		vsnprintf(r->message, r->message_size, fmt, ap);
	va_end(ap);
	return 1;
}

/* A big-endian number of n bytes at p. */
static uint32_t be(const unsigned char *p, int n)
{
	uint32_t v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* Checks the 100-byte header against the file's length: 0, or 1 when it is cut short. */
static int check_header(struct reader *r, const unsigned char *p, size_t size)
{
	if (size < 100)
		return refuse(r, "The backup file is truncated (it is shorter than an SQLite header).");
	uint32_t page_size = be(p + 16, 2);
	if (page_size == 1)
		page_size = 65536;
	if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)))
		return refuse(r, "The backup file is damaged (its SQLite header is not valid).");
	uint32_t pages = be(p + 28, 4);
	bool pages_valid = pages > 0 && be(p + 24, 4) == be(p + 92, 4);
	if (size % page_size != 0 || (pages_valid && (uint64_t)pages * page_size > size))
		return refuse(r, "The backup file is truncated (it ends before its last page).");
	return 0;
}

/* Runs a pragma or statement whose rows are not needed; 0 or -1. */
static int exec(sqlite3 *conn, const char *sql)
{
	return sqlite3_exec(conn, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Opens the copy of the file in memory, read-only and defensive. 0, or 1 with the message. */
static int open_copy(struct reader *r, const void *data, size_t size)
{
	unsigned char *copy = sqlite3_malloc64(size);
	if (!copy)
		return refuse(r, "The file is too large to open.");
	memcpy(copy, data, size);
	if (copy[18] == 2 && copy[19] == 2)
		copy[18] = copy[19] = 1; /* a WAL-mode file: read it as a rollback-journal one */
	if (sqlite3_open_v2(":memory:", &r->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		sqlite3_free(copy);
		return refuse(r, "The file cannot be opened (out of memory).");
	}
	sqlite3_db_config(r->conn, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(r->conn, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(r->conn, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(r->conn, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_limit(r->conn, SQLITE_LIMIT_LENGTH, 1 << 20);
	sqlite3_limit(r->conn, SQLITE_LIMIT_ATTACHED, 0);
	if (sqlite3_deserialize(r->conn, "main", copy, (sqlite3_int64)size, (sqlite3_int64)size,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
		return refuse(r, "The file is not a readable SQLite database.");
	if (exec(r->conn, "PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0;"
			  " PRAGMA query_only = ON;") < 0)
		return refuse(r, "The file is not a readable SQLite database.");
	return 0;
}

/* The first column of the first row of sql as an integer into *out: 0, or -1 when it fails. */
static int query_int(sqlite3 *conn, const char *sql, int64_t *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(conn, sql, -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* PRAGMA quick_check must answer "ok": 0, or 1 with the message. */
static int check_integrity(struct reader *r)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(r->conn, "PRAGMA quick_check(1)", -1, &s, NULL);
	bool ok = false;
	if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(s, 0);
		ok = t && strcmp((const char *)t, "ok") == 0;
	}
	sqlite3_finalize(s);
	if (!ok)
		return refuse(r, "The backup file is damaged (SQLite's integrity check of it failed).");
	return 0;
}

/* Marks which of the wanted columns table has (names compared without case). */
static int table_columns(sqlite3 *conn, const char *sql, const char *const *wanted, int n, bool *has)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(conn, sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return -1;
	}
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 1);
		for (int i = 0; name && i < n; i++)
			if (strcasecmp(name, wanted[i]) == 0)
				has[i] = true;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The tables, their columns and the schema version: 0, or 1 with the message. */
static int check_schema(struct reader *r, int *version)
{
	int64_t tables = 0, v = 0;
	if (query_int(r->conn,
		      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('Habits', 'Repetitions')"
		      " COLLATE NOCASE AND sql NOT LIKE 'CREATE VIRTUAL%'",
		      &tables) < 0)
		return refuse(r, "The file is not a readable SQLite database.");
	if (tables != 2)
		return refuse(r, "This SQLite database is not a Loop Habit Tracker backup (it has no Habits and"
				 " Repetitions tables).");
	if (query_int(r->conn, "PRAGMA user_version", &v) < 0)
		return refuse(r, "The file is not a readable SQLite database.");
	if (v < LOOP_SCHEMA_MIN || v > LOOP_SCHEMA_MAX)
		return refuse(r, "This Loop backup has schema version %lld; trackpro reads versions %d to %d.",
			      (long long)v, LOOP_SCHEMA_MIN, LOOP_SCHEMA_MAX);
	*version = (int)v;
	if (table_columns(r->conn, "PRAGMA table_info(Habits)", habit_cols, H__MAX, r->habit_has) < 0 ||
	    table_columns(r->conn, "PRAGMA table_info(Repetitions)", rep_cols, R__MAX, r->rep_has) < 0)
		return refuse(r, "The file is not a readable SQLite database.");
	if (!r->habit_has[H_ID] || !r->habit_has[H_NAME] || !r->rep_has[R_HABIT] || !r->rep_has[R_TIMESTAMP])
		return refuse(r, "This Loop backup lacks the habit or check-in columns every version has.");
	return 0;
}

/* Builds "SELECT a, NULL, c FROM table ORDER BY ..." from the column names that exist (fixed
 * names from the tables above, never text from the file). */
static void select_sql(char *out, size_t size, const char *const *cols, const bool *has, int n, const char *rest)
{
	size_t len = (size_t)snprintf(out, size, "SELECT ");
	for (int i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", i ? ", " : "", has[i] ? cols[i] : "NULL");
	if (len < size)
		snprintf(out + len, size - len, " %s", rest);
}

/* Column i as an integer into *out when it holds one (an integral real counts); false for
 * NULL, text or a blob. */
static bool column_int(sqlite3_stmt *s, int i, int64_t *out)
{
	int type = sqlite3_column_type(s, i);
	if (type == SQLITE_INTEGER) {
		*out = sqlite3_column_int64(s, i);
		return true;
	}
	if (type == SQLITE_FLOAT) {
		double v = sqlite3_column_double(s, i);
		if (isfinite(v) && v == floor(v) && fabs(v) < 9e15) {
			*out = (int64_t)v;
			return true;
		}
	}
	return false;
}

/* Column i as cleaned text in d's arena ("" for NULL). */
static const char *column_text(struct loop_data *d, sqlite3_stmt *s, int i, size_t max, bool multiline)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? loop_text(&d->arena, t, (size_t)sqlite3_column_bytes(s, i), max, multiline) : "";
}

/* Fills one habit from a row of the habit select. */
static void read_habit(struct reader *r, sqlite3_stmt *s, struct loop_habit *h)
{
	struct loop_data *d = r->d;
	int64_t v, w;
	h->id = sqlite3_column_int64(s, H_ID);
	h->name = column_text(d, s, H_NAME, TRACKER_NAME_MAX, false);
	if (!*h->name)
		h->name = arena_printf(&d->arena, "Loop habit %lld", (long long)h->id);
	/* before schema 23 the description held the question */
	h->question = column_text(d, s, r->habit_has[H_QUESTION] ? H_QUESTION : H_DESCRIPTION, LOOP_TEXT_MAX, true);
	h->description = r->habit_has[H_QUESTION] ? column_text(d, s, H_DESCRIPTION, LOOP_TEXT_MAX, true) : "";
	if (column_int(s, H_FREQ_NUM, &v) && column_int(s, H_FREQ_DEN, &w) && v >= 1 && w >= 1 && v <= 1000 &&
	    w <= 1000) {
		h->freq_num = (int)v;
		h->freq_den = (int)w;
	}
	const char *color = column_int(s, H_COLOR, &v) ? loop_palette_color(v) : NULL;
	if (color)
		snprintf(h->color, sizeof h->color, "%s", color);
	h->position = column_int(s, H_POSITION, &v) && v >= -1000000 && v <= 1000000 ? (int)v : (int)(h->id % 1000000);
	h->archived = column_int(s, H_ARCHIVED, &v) && v != 0;
	if (column_int(s, H_REMINDER_HOUR, &v) && column_int(s, H_REMINDER_MIN, &w) && v >= 0 && v < 24 && w >= 0 &&
	    w < 60) {
		h->reminder_minute = (int)(v * 60 + w);
		h->reminder_weekdays = column_int(s, H_REMINDER_DAYS, &v) ? loop_weekdays(v) : 127;
	}
	h->numerical = column_int(s, H_TYPE, &v) && v == 1;
	if (h->numerical) {
		h->at_most = column_int(s, H_TARGET_TYPE, &v) && v == 1;
		double t = sqlite3_column_type(s, H_TARGET_VALUE) == SQLITE_NULL ? 0
											: sqlite3_column_double(s, H_TARGET_VALUE);
		h->target = isfinite(t) && t > 0 && t <= 1e12 ? t : 0;
		h->unit = column_text(d, s, H_UNIT, 20, false);
	}
	h->uuid = column_text(d, s, H_UUID, LOOP_UUID_MAX, false);
}

/* Reads the Habits table. 0, or 1 with the message. */
static int read_habits(struct reader *r)
{
	int64_t n = 0;
	if (query_int(r->conn, "SELECT count(*) FROM Habits", &n) < 0)
		return refuse(r, "The Habits table of this backup cannot be read.");
	if (n > LOOP_IMPORT_MAX_HABITS)
		return refuse(r, "This backup has %lld habits; an import takes at most %d.", (long long)n,
			      LOOP_IMPORT_MAX_HABITS);
	char sql[512];
	select_sql(sql, sizeof sql, habit_cols, r->habit_has, H__MAX, "FROM Habits WHERE typeof(id) = 'integer'");
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(r->conn, sql, -1, &s, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct loop_habit *h = loop_habit_add(r->d);
		if (!h)
			break;
		read_habit(r, s, h);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return refuse(r, "The Habits table of this backup cannot be read.");
	loop_data_sort_ids(r->d);
	return 0;
}

/* Takes one row of the repetition select. */
static void read_repetition(struct reader *r, sqlite3_stmt *s)
{
	struct loop_data *d = r->d;
	int64_t habit_id, ts, value = 2, day;
	struct loop_habit *h = column_int(s, R_HABIT, &habit_id) ? loop_habit_find(d, habit_id) : NULL;
	if (!h) {
		d->skipped_orphan++;
		return;
	}
	if (!column_int(s, R_TIMESTAMP, &ts) || loop_day_of_timestamp(ts, &day) < 0 ||
	    (r->rep_has[R_VALUE] && !column_int(s, R_VALUE, &value))) {
		d->skipped_invalid++;
		return;
	}
	const char *note = column_text(d, s, R_NOTES, LOOP_NOTE_MAX, true);
	enum loop_mark mark;
	double amount = 0;
	if (!h->numerical) {
		if (loop_mark_of_code(value, &mark) < 0) {
			d->skipped_unknown++;
			return;
		}
	} else if (value == -1) {
		mark = LOOP_NOTHING;
	} else if (value == 3) {
		mark = LOOP_SKIPPED;
	} else if (value < 0 || value > INT64_C(1000000000000000)) {
		d->skipped_invalid++;
		return;
	} else {
		mark = LOOP_AMOUNT;
		amount = (double)value / 1000.0;
	}
	loop_checkin_add(d, h, day, mark, amount, note);
}

/* Reads the Repetitions table. 0, or 1 with the message. */
static int read_repetitions(struct reader *r)
{
	int64_t n = 0;
	if (query_int(r->conn, "SELECT count(*) FROM Repetitions", &n) < 0)
		return refuse(r, "The Repetitions table of this backup cannot be read.");
	if (n > LOOP_IMPORT_MAX_ROWS)
		return refuse(r, "This backup has %lld check-ins; an import takes at most %ld.", (long long)n,
			      LOOP_IMPORT_MAX_ROWS);
	char sql[256];
	select_sql(sql, sizeof sql, rep_cols, r->rep_has, R__MAX,
		   r->rep_has[R_ID] ? "FROM Repetitions ORDER BY id" : "FROM Repetitions");
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(r->conn, sql, -1, &s, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (loop_row_counted(r->d) < 0) {
			sqlite3_finalize(s);
			return refuse(r, "This backup has more than %ld check-ins; an import takes at most that many.",
				      LOOP_IMPORT_MAX_ROWS);
		}
		read_repetition(r, s);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return refuse(r, "The Repetitions table of this backup cannot be read.");
	return 0;
}

int loop_read_db(const void *data, size_t size, struct loop_data *d, char *message, size_t message_size)
{
	struct reader r = { .d = d, .message = message, .message_size = message_size };
	int version = 0;
	int rc = check_header(&r, data, size);
	if (rc == 0)
		rc = open_copy(&r, data, size);
	if (rc == 0)
		rc = check_integrity(&r);
	if (rc == 0)
		rc = check_schema(&r, &version);
	if (rc == 0)
		rc = read_habits(&r);
	if (rc == 0)
		rc = read_repetitions(&r);
	if (rc == 0)
		snprintf(d->format, sizeof d->format, "Loop backup database, schema %d", version);
	sqlite3_close(r.conn);
	return rc;
}

/* export: streamed CSV files of task instances and daily totals (RFC 4180). */
#include "export.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "civil.h"
#include "instance.h"
#include "log.h"
#include "timezone.h"
#include "tracker.h"

/* ---- the CSV writer ---- */

void csv_writer_init(struct csv_writer *w, export_write_fn write, void *ctx)
{
	w->write = write;
	w->ctx = ctx;
	w->len = 0;
	w->row_started = false;
	w->failed = false;
	w->chunks = 0;
	w->bytes = 0;
}

int csv_writer_flush(struct csv_writer *w)
{
	if (w->len && !w->failed) {
		if (w->write(w->ctx, w->buf, w->len) != 0)
			w->failed = true;
		w->chunks++;
		w->bytes += w->len;
	}
	w->len = 0;
	return w->failed ? -1 : 0;
}

/* Appends p[0..n) to the buffer, handing it to the writer each time it is full. */
static void put(struct csv_writer *w, const char *p, size_t n)
{
	while (n > 0 && !w->failed) {
		size_t room = sizeof w->buf - w->len, k = n < room ? n : room;
		memcpy(w->buf + w->len, p, k);
		w->len += k;
		p += k;
		n -= k;
		if (w->len == sizeof w->buf)
			csv_writer_flush(w);
	}
}

/* The separator before a field: a comma unless it is the row's first. */
static void field_start(struct csv_writer *w)
{
	if (w->row_started)
		put(w, ",", 1);
	w->row_started = true;
}

void csv_writer_text(struct csv_writer *w, const char *s, size_t n)
{
	field_start(w);
	if (!s || n == 0)
		return;
	bool guard = strchr("=+-@\t\r", s[0]) != NULL;
	bool quote = false;
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (quote)
		put(w, "\"", 1);
	if (guard)
		put(w, "'", 1);
	if (!quote) {
		put(w, s, n);
		return;
	}
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '"')
			continue;
		put(w, s + from, i + 1 - from); /* up to and with the quote, */
		put(w, "\"", 1);                /* then the quote again */
		from = i + 1;
	}
	put(w, s + from, n - from);
	put(w, "\"", 1);
}

void csv_writer_str(struct csv_writer *w, const char *s)
{
	csv_writer_text(w, s, s ? strlen(s) : 0);
}

void csv_writer_raw(struct csv_writer *w, const char *s)
{
	field_start(w);
	put(w, s, strlen(s));
}

void csv_writer_int(struct csv_writer *w, int64_t v)
{
	char text[24];
	snprintf(text, sizeof text, "%lld", (long long)v);
	csv_writer_raw(w, text);
}

void csv_writer_number(struct csv_writer *w, double v)
{
	char text[40];
	if (v == 0)
		v = 0; /* no "-0" */
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(text, sizeof text, "%.0f", v);
	else
		snprintf(text, sizeof text, "%.15g", v);
	csv_writer_raw(w, text);
}

void csv_writer_end_row(struct csv_writer *w)
{
	put(w, "\r\n", 2);
	w->row_started = false;
}

/* ---- ranges, trackers, names ---- */

const char *export_range_problem(const char *from_text, const char *to_text, int64_t *from, int64_t *to)
{
	if (!from_text || !*from_text || !to_text || !*to_text)
		return "Choose the first and the last day of the export (from and to, as YYYY-MM-DD).";
	if (civil_parse(from_text, from) < 0)
		return "The first day (from) is not a date of the form YYYY-MM-DD.";
	if (civil_parse(to_text, to) < 0)
		return "The last day (to) is not a date of the form YYYY-MM-DD.";
	if (*to < *from)
		return "The last day (to) comes before the first day (from).";
	if (*to >= civil_add_months(*from, 12 * EXPORT_MAX_YEARS))
		return "The range is longer than 10 years; export it in parts.";
	return NULL;
}

enum export_result export_tracker_check(struct db *db, int64_t user_id, int64_t tracker_id)
{
	struct arena a;
	arena_init(&a);
	struct tracker t;
	enum tracker_result rc = tracker_get(db, &a, user_id, tracker_id, false, &t);
	arena_free(&a);
	return rc == TRACKER_OK ? EXPORT_OK : rc == TRACKER_NOT_FOUND ? EXPORT_NOT_FOUND : EXPORT_ERROR;
}

const char *export_filename(struct arena *a, bool daily, int64_t from, int64_t to)
{
	char f[CIVIL_DATE_SIZE], t[CIVIL_DATE_SIZE];
	civil_format(from, f);
	civil_format(to, t);
	return arena_printf(a, "trackpro-%s%s-%s.csv", daily ? "daily-" : "", f, t);
}

/* ---- time stamps in the user's zone ---- */

/* UTC offsets by UTC day, so that an export of years asks the time-zone database (about 16 µs
 * a call, timezone.h) twice per day rather than once per row. A day whose offset is the same
 * at its first and last second has that offset throughout (no zone changes twice in a day);
 * a day with a change asks for each instant. */
#define OFFSET_SLOTS 64
struct offset_cache {
	const char *zone;
	bool utc;
	struct {
		int64_t day;
		int minutes;
		bool valid, mixed;
	} slot[OFFSET_SLOTS];
};

static void offset_cache_init(struct offset_cache *c, const char *zone)
{
	memset(c, 0, sizeof *c);
	c->zone = zone && *zone ? zone : TIMEZONE_DEFAULT;
	c->utc = strcmp(c->zone, TIMEZONE_DEFAULT) == 0;
}

/* The offset of the zone at instant t, in minutes east of UTC (0 when the zone is unknown). */
static int offset_at(struct offset_cache *c, int64_t t)
{
	if (c->utc)
		return 0;
	int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	unsigned i = (unsigned)(day & (OFFSET_SLOTS - 1));
	if (!c->slot[i].valid || c->slot[i].day != day) {
		int first = 0, last = 0;
		if (timezone_offset_minutes(c->zone, day * 86400, &first) < 0 ||
		    timezone_offset_minutes(c->zone, day * 86400 + 86399, &last) < 0)
			first = last = 0;
		c->slot[i].day = day;
		c->slot[i].minutes = first;
		c->slot[i].mixed = first != last;
		c->slot[i].valid = true;
	}
	if (!c->slot[i].mixed)
		return c->slot[i].minutes;
	int m = 0;
	return timezone_offset_minutes(c->zone, t, &m) < 0 ? 0 : m;
}

/* Writes instant t as local ISO 8601 with its offset ("2026-11-21T08:15:00+01:00") to out. */
static void format_instant(struct offset_cache *c, int64_t t, char out[40])
{
	int minutes = offset_at(c, t);
	int64_t local = t + (int64_t)minutes * 60;
	int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int64_t sec = local - day * 86400;
	int y, mo, d;
	civil_to_ymd(day, &y, &mo, &d);
	int off = minutes < 0 ? -minutes : minutes;
	snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, d, (int)(sec / 3600), (int)(sec / 60 % 60),
		 (int)(sec % 60), minutes < 0 ? '-' : '+', off / 60, off % 60);
}

/* ---- the two files ---- */

/* The UTF-8 byte order mark: Excel reads a CSV file as UTF-8 only when it starts with one
 * (LibreOffice, Google Sheets and Numbers take it too); without it "Café" shows as "CafÃ©". */
static const char utf8_bom[] = "\xEF\xBB\xBF";

/* Binds the query's user, tracker and range to s. */
static int bind_query(sqlite3_stmt *s, const struct export_query *q)
{
	char from[CIVIL_DATE_SIZE], to[CIVIL_DATE_SIZE];
	if (civil_format(q->from, from) < 0 || civil_format(q->to, to) < 0)
		return -1;
	return db_bind_int(s, ":user_id", q->user_id) || db_bind_int(s, ":tracker_id", q->tracker_id) ||
			       db_bind_text(s, ":from", from) || db_bind_text(s, ":to", to)
		       ? -1
		       : 0;
}

/* A text column as a field (its bytes, so nothing is cut at a NUL). */
static void text_column(struct csv_writer *w, sqlite3_stmt *s, int col)
{
	const char *p = (const char *)sqlite3_column_text(s, col);
	csv_writer_text(w, p, p ? (size_t)sqlite3_column_bytes(s, col) : 0);
}

enum export_result export_rows(struct db *db, const struct export_query *q, struct csv_writer *w)
{
	sqlite3_stmt *s = db_stmt(db, STMT_EXPORT_ROWS);
	if (!s || bind_query(s, q) < 0)
		return EXPORT_ERROR;
	struct offset_cache zone;
	offset_cache_init(&zone, q->time_zone);
	put(w, utf8_bom, 3);
	static const char *const header[] = { "date", "tracker", "task", "status", "value", "unit", "points", "note",
					      "completed_at" };
	for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
		csv_writer_raw(w, header[i]);
	csv_writer_end_row(w);
	int rc = SQLITE_DONE;
	while (!w->failed && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(s, 0);
		csv_writer_raw(w, date ? date : "");
		text_column(w, s, 1);
		text_column(w, s, 2);
		const char *status = (const char *)sqlite3_column_text(s, 3);
		csv_writer_raw(w, status ? status : "");
		if (sqlite3_column_type(s, 4) == SQLITE_NULL)
			csv_writer_raw(w, "");
		else
			csv_writer_number(w, sqlite3_column_double(s, 4));
		text_column(w, s, 5);
		csv_writer_int(w, sqlite3_column_int64(s, 6));
		text_column(w, s, 7);
		if (sqlite3_column_type(s, 8) == SQLITE_NULL) {
			csv_writer_raw(w, "");
		} else {
			char at[40];
			format_instant(&zone, sqlite3_column_int64(s, 8), at);
			csv_writer_raw(w, at);
		}
		csv_writer_end_row(w);
	}
	enum export_result result = EXPORT_OK;
	if (w->failed) {
		result = EXPORT_WRITE_FAILED;
	} else if (rc != SQLITE_DONE) {
		log_error("export_rows: %s", sqlite3_errmsg(db->conn));
		result = EXPORT_ERROR;
	}
	sqlite3_reset(s);
	return result;
}

/* The category columns of the daily file: the user's categories by name, then "No category". */
struct daily_columns {
	struct arena *arena;
	int64_t *ids;
	const char **names;
	size_t count, cap;
};

static int add_category(void *ctx, const struct category *c)
{
	struct daily_columns *cols = ctx;
	if (cols->count == cols->cap) {
		size_t cap = cols->cap ? cols->cap * 2 : 16;
		int64_t *ids = arena_calloc(cols->arena, cap, sizeof *ids);
		const char **names = arena_calloc(cols->arena, cap, sizeof *names);
		if (cols->count) {
			memcpy(ids, cols->ids, cols->count * sizeof *ids);
			memcpy(names, cols->names, cols->count * sizeof *names);
		}
		cols->ids = ids;
		cols->names = names;
		cols->cap = cap;
	}
	cols->ids[cols->count] = c->id;
	cols->names[cols->count] = arena_strdup(cols->arena, c->name);
	cols->count++;
	return 0;
}

/* The totals of one day as they are added up. */
struct daily_totals {
	double due, done, due_weight, done_weight, points;
	double *by_category; /* columns.count + 1 ("No category" last) */
};

/* Writes the row of day and zeroes the totals. */
static void daily_row(struct csv_writer *w, int64_t day, struct daily_totals *t, size_t columns)
{
	char date[CIVIL_DATE_SIZE];
	civil_format(day, date);
	csv_writer_raw(w, date);
	csv_writer_int(w, (int64_t)llround(t->due));
	csv_writer_int(w, (int64_t)llround(t->done));
	if (t->due_weight > 0) {
		struct completion c = { .done_weight = t->done_weight, .due_weight = t->due_weight };
		csv_writer_int(w, completion_percent(&c));
	} else {
		csv_writer_raw(w, "");
	}
	csv_writer_int(w, (int64_t)llround(t->points));
	for (size_t i = 0; i <= columns; i++) {
		csv_writer_int(w, (int64_t)llround(t->by_category[i]));
		t->by_category[i] = 0;
	}
	csv_writer_end_row(w);
	t->due = t->done = t->due_weight = t->done_weight = t->points = 0;
}

enum export_result export_daily(struct db *db, const struct export_query *q, struct csv_writer *w)
{
	struct arena a;
	arena_init(&a);
	struct daily_columns cols = { .arena = &a };
	enum export_result result = EXPORT_ERROR;
	sqlite3_stmt *s = NULL;
	if (category_each(db, &a, q->user_id, add_category, &cols) != TRACKER_OK)
		goto out;
	s = db_stmt(db, STMT_EXPORT_DAILY);
	if (!s || bind_query(s, q) < 0)
		goto out;
	put(w, utf8_bom, 3);
	static const char *const header[] = { "date", "due", "done", "percent", "points" };
	for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
		csv_writer_raw(w, header[i]);
	for (size_t i = 0; i < cols.count; i++)
		csv_writer_str(w, cols.names[i]);
	csv_writer_raw(w, "No category");
	csv_writer_end_row(w);
	struct daily_totals t = { .by_category = arena_calloc(&a, cols.count + 1, sizeof(double)) };
	int64_t day = q->from;
	int rc = SQLITE_DONE;
	while (!w->failed && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(s, 0);
		int64_t d;
		if (!date || civil_parse(date, &d) < 0 || d < day) {
			log_error("export_daily: unexpected period start %s", date ? date : "NULL");
			rc = SQLITE_ERROR;
			break;
		}
		for (; day < d && !w->failed; day++)
			daily_row(w, day, &t, cols.count);
		int64_t category = sqlite3_column_int64(s, 1);
		size_t col = cols.count;
		for (size_t i = 0; i < cols.count; i++)
			if (cols.ids[i] == category)
				col = i;
		double done = sqlite3_column_double(s, 3);
		t.due += sqlite3_column_double(s, 2);
		t.done += done;
		t.due_weight += sqlite3_column_double(s, 4);
		t.done_weight += sqlite3_column_double(s, 5);
		t.points += sqlite3_column_double(s, 6);
		t.by_category[col] += done;
	}
	if (rc == SQLITE_DONE)
		for (; day <= q->to && !w->failed; day++)
			daily_row(w, day, &t, cols.count);
	if (w->failed)
		result = EXPORT_WRITE_FAILED;
	else if (rc != SQLITE_DONE)
		log_error("export_daily: %s", sqlite3_errmsg(db->conn));
	else
		result = EXPORT_OK;
out:
	if (s)
		sqlite3_reset(s);
	arena_free(&a);
	return result;
}

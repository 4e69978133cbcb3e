/* export: CSV files of a user's history — one row per task instance, or one row of totals per
 * day — written as RFC 4180 text (UTF-8, CRLF, a header row) and streamed: rows are made one at
 * a time from one SQLite statement and handed to a writer callback in chunks of EXPORT_CHUNK
 * bytes, so an export of ten years never sits whole in memory. Domain layer: no HTTP; the web
 * route (page_export.c) and the command (cmd_export.c) give their own writer.
 *
 * Spreadsheet safety: a text cell that starts with = + - @, a tab or a carriage return would be
 * taken for a formula by Excel, LibreOffice and Google Sheets (CSV injection). Such a cell is
 * written with a single quote ' in front ("=1+1" becomes "'=1+1"). Only text users typed
 * (tracker, task, category names, notes, units) is guarded; numbers and dates we format are not. */
#ifndef TRACKPRO_EXPORT_H
#define TRACKPRO_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"

/* Bytes handed to the writer at a time (the last chunk is shorter). */
#define EXPORT_CHUNK 16384
/* The longest range: to must come before from + EXPORT_MAX_YEARS years. */
#define EXPORT_MAX_YEARS 10

/* Takes n bytes of the file; returns 0, or -1 to stop the export (the reader went away). */
typedef int (*export_write_fn)(void *ctx, const void *p, size_t n);

/* A CSV writer over a fixed buffer of EXPORT_CHUNK bytes. Its functions are named csv_writer_*:
 * the bare csv_* names (csv_init, csv_free, csv_write …) belong to libcsv, whose parser the Loop
 * importer (loop_import_csv.c) links into the same binary. */
struct csv_writer {
	export_write_fn write;
	void *ctx;
	char buf[EXPORT_CHUNK];
	size_t len;
	bool row_started; /* a field was written on the current row: the next one needs a comma */
	bool failed;      /* the writer refused a chunk; everything after is dropped */
	size_t chunks;    /* chunks handed to write so far */
	size_t bytes;     /* bytes handed to write so far */
};

/* Starts a writer that hands its chunks to write(ctx, …). */
void csv_writer_init(struct csv_writer *w, export_write_fn write, void *ctx);
/* Appends text field s[0..n) (UTF-8): quoted when it holds a comma, a double quote, CR or LF,
 * with its double quotes doubled; prefixed with ' when it starts with = + - @, TAB or CR. */
void csv_writer_text(struct csv_writer *w, const char *s, size_t n);
/* csv_writer_text of a NUL-terminated string (NULL is written as an empty field). */
void csv_writer_str(struct csv_writer *w, const char *s);
/* Appends a field of our own making (a number, a date) as it is: no quoting, no guard. */
void csv_writer_raw(struct csv_writer *w, const char *s);
/* Appends an integer field. */
void csv_writer_int(struct csv_writer *w, int64_t v);
/* Appends a number field: "2", "2.5", "0.1" (up to 15 significant digits, '.' as the point). */
void csv_writer_number(struct csv_writer *w, double v);
/* Ends the row with CRLF. */
void csv_writer_end_row(struct csv_writer *w);
/* Hands what is buffered to the writer. Returns 0, or -1 when the writer refused a chunk. */
int csv_writer_flush(struct csv_writer *w);

enum export_result {
	EXPORT_OK = 0,
	EXPORT_NOT_FOUND, /* the tracker is not one of the user's live trackers */
	EXPORT_WRITE_FAILED, /* the writer refused a chunk: the file is incomplete */
	EXPORT_ERROR      /* database error, logged: the file is incomplete */
};

/* What to export. */
struct export_query {
	int64_t user_id;
	const char *time_zone; /* the user's IANA zone: completed_at carries its UTC offset */
	int64_t from, to;      /* day numbers, inclusive: periods starting in from..to */
	int64_t tracker_id;    /* one tracker of the user, or 0 for all */
};

/* Parses and checks a range given as text ("YYYY-MM-DD") into *from and *to. Returns NULL, or
 * a sentence for people: a missing or malformed date, to before from, a range of more than
 * EXPORT_MAX_YEARS years. */
const char *export_range_problem(const char *from_text, const char *to_text, int64_t *from, int64_t *to);

/* Checks that tracker_id is a live (not deleted) tracker of user_id: EXPORT_OK,
 * EXPORT_NOT_FOUND (also for another user's tracker), or EXPORT_ERROR. */
enum export_result export_tracker_check(struct db *db, int64_t user_id, int64_t tracker_id);

/* The file name "trackpro-FROM-TO.csv" (daily: "trackpro-daily-FROM-TO.csv") in a. */
const char *export_filename(struct arena *a, bool daily, int64_t from, int64_t to);

/* Writes the task-instance file: the header row
 *   date,tracker,task,status,value,unit,points,note,completed_at
 * then one row per task instance whose period starts in from..to (deleted trackers, periods and
 * instances left out), by date, tracker position, task position: date = the period's first
 * day; task = the name when the instance was made; status = todo, in_progress, done, skipped,
 * missed or blocked; value = the measured amount (empty when none); unit; points = the points
 * earned (the task's points when done, else 0); note; completed_at = when it was last marked
 * done, ISO 8601 with the offset of the user's zone at that instant
 * ("2026-11-21T08:15:00+01:00"; empty when not done). Call csv_writer_flush afterwards. */
enum export_result export_rows(struct db *db, const struct export_query *q, struct csv_writer *w);

/* Writes the daily-totals file: the header row
 *   date,due,done,percent,points,<one column per category of the user, by name>,No category
 * then one row for every day of from..to, totalling the task instances of the periods that
 * start that day (exactly the rows export_rows writes for that date): due = not skipped;
 * done; percent = done weight / due weight, rounded down (DESIGN.md section 5; empty when
 * nothing was due); points earned; then the tasks done in each category's trackers. */
enum export_result export_daily(struct db *db, const struct export_query *q, struct csv_writer *w);

#endif

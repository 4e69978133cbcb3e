/* loop_import_internal: what the Loop importer's readers (loop_import_db.c, loop_import_csv.c)
 * hand to its writer (loop_import_map.c) — every habit of the file with its check-ins, already
 * cleaned — and the helpers they share. Not for other modules: they use loop_import.h. */
#ifndef TRACKPRO_LOOP_IMPORT_INTERNAL_H
#define TRACKPRO_LOOP_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "loop_import.h"

/* Byte limits of the texts taken from a file (longer ones are cut on a UTF-8 boundary). */
#define LOOP_TEXT_MAX 2000
#define LOOP_NOTE_MAX 20000
#define LOOP_UUID_MAX 64

/* What one check-in row says (loop_mark_of_code maps Loop's codes). */
enum loop_mark {
	LOOP_NOTHING, /* nothing entered: only its note, if any, is kept */
	LOOP_DONE,    /* yes/no checked (Loop 2, YES_MANUAL) */
	LOOP_MISSED,  /* yes/no not done (0, NO) */
	LOOP_SKIPPED, /* skipped (3, SKIP) */
	LOOP_AMOUNT,  /* numerical: amount in the habit's unit */
};

struct loop_checkin {
	int64_t day;      /* day number (civil.h): Loop's timestamp / 86400000 */
	enum loop_mark mark;
	double amount;    /* LOOP_AMOUNT */
	const char *note; /* "" when none */
	long order;       /* the row's place in the file, so that the first of two rows wins */
};

struct loop_habit {
	int64_t id;               /* Loop's Habits.id (the CSV position) */
	const char *name;         /* one line, 1..TRACKER_NAME_MAX bytes */
	const char *question;     /* the task's description */
	const char *description;  /* the tracker's description */
	const char *unit;         /* numerical habits, "" otherwise */
	const char *uuid;         /* "" when the file has none */
	char color[8];            /* "#rrggbb" */
	int freq_num, freq_den;   /* Loop's frequency, as stored */
	int position;
	bool archived, numerical, at_most;
	double target;            /* numerical: the amount per freq_den days */
	int reminder_minute;      /* -1 = none */
	unsigned reminder_weekdays; /* ours: bit 0 = Monday */
	struct loop_checkin *checkins; /* malloc'd; count of them, by day after loop_data_finish */
	size_t count, cap;
};

struct loop_data {
	struct arena arena;  /* the texts */
	char format[64];
	struct loop_habit *habits; /* malloc'd, count of them */
	size_t count, cap;
	long rows;           /* check-in rows read, kept or not */
	int skipped_orphan, skipped_duplicate, skipped_unknown, skipped_invalid;
};

/* Makes d empty; loop_data_free frees what it holds. */
void loop_data_init(struct loop_data *d);
void loop_data_free(struct loop_data *d);
/* Adds a habit with Loop's defaults (daily, no reminder, palette colour 8) and returns it;
 * NULL when the file already has LOOP_IMPORT_MAX_HABITS. */
struct loop_habit *loop_habit_add(struct loop_data *d);
/* The habit with Loop id id, or NULL. Habits must be sorted by id (loop_data_sort_ids). */
struct loop_habit *loop_habit_find(struct loop_data *d, int64_t id);
void loop_data_sort_ids(struct loop_data *d);
/* Counts one row read; returns -1 when the file passes LOOP_IMPORT_MAX_ROWS. */
int loop_row_counted(struct loop_data *d);
/* Adds a check-in row of h: rows that record nothing and have no note count as
 * skipped_unknown instead. */
void loop_checkin_add(struct loop_data *d, struct loop_habit *h, int64_t day, enum loop_mark mark, double amount,
		      const char *note);
/* Sorts each habit's check-ins by day, drops later rows of a day (skipped_duplicate), and
 * puts the habits in Loop's order (position, then id). */
void loop_data_finish(struct loop_data *d);

/* Loop's integer code of a yes/no habit's row (2 checked, 0 not done, 3 skipped, -1 unknown,
 * 1 auto-filled) as a mark; -1 for a code Loop does not define. */
int loop_mark_of_code(int64_t code, enum loop_mark *out);
/* Day number of Loop's timestamp (milliseconds at 00:00 UTC of the day); -1 when the day is
 * outside CIVIL_DAY_MIN..CIVIL_DAY_MAX. */
int loop_day_of_timestamp(int64_t ms, int64_t *day);
/* "#rrggbb" of Loop's palette index 0..19 (PaletteColor.toCsvColor); NULL for another index. */
const char *loop_palette_color(int64_t index);
/* Our weekday mask (bit 0 = Monday) of Loop's reminder_days (WeekdayList: bit 0 = Saturday,
 * bit 1 = Sunday ... bit 6 = Friday, as NotificationTray reads it; 0 means every day). */
unsigned loop_weekdays(int64_t loop_mask);
/* s[0..n) as text for the database, copied into a: invalid UTF-8 becomes U+FFFD, control
 * characters a space (newlines and tabs kept when multiline), blanks trimmed, cut to max
 * bytes on a character boundary. */
const char *loop_text(struct arena *a, const char *s, size_t n, size_t max, bool multiline);

/* Readers: fill d from a file, or return 1 with a sentence in message (not usable). */
int loop_read_db(const void *data, size_t size, struct loop_data *d, char *message, size_t message_size);
int loop_read_zip(const void *data, size_t size, struct loop_data *d, char *message, size_t message_size);

/* Writes d into user_id's account inside the caller's transaction; fills the counting fields
 * of *s. Returns 0, or -1 on a database error (message set). */
int loop_write(struct db *db, int64_t user_id, const struct loop_data *d, const struct loop_import_options *o,
	       struct loop_import_summary *s, char *message, size_t message_size);

#endif

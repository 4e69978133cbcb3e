/* loop_import: brings a person's history in from Loop Habit Tracker — a backup database (.db,
 * schema versions 12 to 25) or Loop's CSV export (.zip) — as one tracker with one task per Loop
 * habit, and task instances for its check-ins (issue 8 "Import from Loop Habit Tracker"; the
 * formats: ../shared/fixtures/loop/README.md). The file is untrusted input: it is read from
 * memory with size, entry and row limits, a .db through a separate read-only, defensive SQLite
 * connection that is never attached to the app's database. Domain layer: no HTTP. */
#ifndef TRACKPRO_LOOP_IMPORT_H
#define TRACKPRO_LOOP_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* The largest file taken (the multipart upload limit, README "Input limits"). */
#define LOOP_IMPORT_MAX_BYTES (32u * 1024u * 1024u)
/* The most habits and check-in rows one file may hold; more is refused as not usable. */
#define LOOP_IMPORT_MAX_HABITS 1000
#define LOOP_IMPORT_MAX_ROWS 2000000L
/* Zip files: at most this many entries, each at most LOOP_IMPORT_MAX_BYTES uncompressed and
 * all of them together at most LOOP_IMPORT_MAX_ZIP_TOTAL (what is read of them, that is:
 * Habits.csv and the habits' Checkmarks.csv). */
#define LOOP_IMPORT_MAX_ZIP_ENTRIES 10000
#define LOOP_IMPORT_MAX_ZIP_TOTAL (64u * 1024u * 1024u)

/* What an import found and did. The skipped rows are check-in rows of the file that wrote
 * nothing; checkins_added + checkins_unchanged + rows_skipped is every check-in row read. */
struct loop_import_summary {
	char format[64];        /* e.g. "Loop backup database, schema 22" or "Loop CSV export (words)" */
	int habits;             /* habits in the file */
	int habits_created;     /* new trackers made */
	int habits_matched;     /* habits already imported before (found again, not duplicated) */
	int checkins_added;     /* task instances written (new or changed) */
	int checkins_unchanged; /* already present with the same status/value/note */
	int rows_skipped;       /* rows dropped; the reasons below add up to it */
	int skipped_orphan;     /* a check-in of a habit the file does not have */
	int skipped_duplicate;  /* a second row for the same habit and day (the first is kept) */
	int skipped_unknown;    /* nothing entered (Loop's UNKNOWN or auto-filled YES_AUTO, no note),
				 * or a value code Loop does not define */
	int skipped_invalid;    /* a missing or impossible date, a malformed value, or a day the
				 * task is no longer offered on (paused or rescheduled since) */
};

struct loop_import_options {
	bool dry_run;           /* do everything, then roll back */
	/* Called now and then with work done / total (check-in rows); may be NULL. */
	void (*progress)(void *context, long done, long total);
	void *progress_context;
	int64_t now;            /* seconds since the epoch of the import; 0 = the system clock */
};

/* Imports a Loop backup (.db) or Loop CSV export (.zip), told apart by content not name,
 * from data[0..size) into user_id's account, in ONE transaction on db (which must not be in a
 * transaction already). Returns 0 with *summary filled; 1 when the file is not usable
 * (foreign, broken, truncated, unknown schema version, zip without Habits.csv, over a limit
 * above ...) with message set to one sentence for a person naming what was wrong, and nothing
 * changed; -1 on a database error or an unknown user (message set, nothing changed). A
 * dry run fills *summary as a real one would and changes nothing. options may be NULL.
 * Re-importing changes nothing: habits are found again by Loop's uuid, or by name and first
 * check-in day for files without one (table imports, sql/0001-init.sql). The mapping rules
 * are written in doc/decisions.md ("Loop import"). */
int loop_import_data(struct db *db, int64_t user_id, const void *data, size_t size,
		     const struct loop_import_options *options, struct loop_import_summary *summary,
		     char *message, size_t message_size);

/* The same for a file path (read whole, refused as not usable (1) when it cannot be read or
 * is larger than LOOP_IMPORT_MAX_BYTES). */
int loop_import_path(struct db *db, int64_t user_id, const char *path, const struct loop_import_options *options,
		     struct loop_import_summary *summary, char *message, size_t message_size);

#endif

/* seed_demo: the demo account — fills one existing, empty account with the examples of the
 * product documents (issue 8, "Demo data"; seeds 000, 002 and 003): a daily "Morning routine",
 * a "21-day detox" challenge half done, an "8-week gym program" with times-per-week tasks, a
 * monthly "Reading" tracker, the goals "Read 24 books this year", "Save $5,000 by Dec 31",
 * "Days without alcohol" and "21-day detox: 21 days", categories, tags, day notes and one
 * share link, with believable history: weekends worse, a streak running on one habit, one
 * habit at risk, a relapse on the counter. Everything goes through the domain functions
 * (tracker_create, task_create, instance_open, instance_set, instance_note_set, goal_create,
 * goal_entry_add, goal_reset, goal_mapping_set, share_create, habit_stats_record_milestones),
 * so periods, snapshots, goal values and milestones are what the app itself would have made.
 * The history is deterministic: a fixed pseudo-random draw (seed_draw) keyed by the task and
 * the number of days before today, so the same `now` and days give the same data. Domain
 * layer: no HTTP. Days are day numbers (civil.h); times are seconds since the epoch. */
#ifndef TRACKPRO_SEED_DEMO_H
#define TRACKPRO_SEED_DEMO_H

#include <stdint.h>

#include "db.h"
#include "token.h"

#define SEED_DEMO_DAYS_DEFAULT 120
#define SEED_DEMO_DAYS_MAX 730 /* two years: every day replays the streak milestones */

enum seed_demo_result {
	SEED_DEMO_OK = 0,
	SEED_DEMO_NOT_FOUND, /* no such user */
	SEED_DEMO_NOT_EMPTY, /* the account has trackers (also in the trash), goals, categories or tags */
	SEED_DEMO_ERROR      /* database error, logged; roll the transaction back */
};

/* What was made. */
struct seed_demo_counts {
	long trackers, tasks, categories, tags, goals, entries;
	long periods, task_instances, done, skipped, missed, notes, milestones;
	char share_path[TOKEN_TEXT_LEN + 4]; /* "/s/<token>": shown once, only its hash is stored */
};

/* Fills account user_id with days (1..SEED_DEMO_DAYS_MAX) days of history ending yesterday in
 * the user's time zone (today = the user's local day of now, seconds), as the header says; the
 * current periods are left open (today's tasks to do, this week's and month's partly done).
 * Goals run to Dec 31 of today's year; "Read 24 books" starts on Jan 1 with one entry for the
 * books before the history. Patterns need about 30 days to show (the streak of "Drink a glass
 * of water" is the last min(days, 24) days; "Journal" is missed the last 3 days). Refuses an
 * account that is not empty (SEED_DEMO_NOT_EMPTY) so demo data is never mixed into real data.
 * Call inside one write transaction and roll back on anything but SEED_DEMO_OK (also
 * SEED_DEMO_ERROR for days out of range or a zone civil_today refuses). *out is zeroed first
 * and filled on success. */
enum seed_demo_result seed_demo_user(struct db *db, int64_t now, int64_t user_id, int days,
				     struct seed_demo_counts *out);

#endif

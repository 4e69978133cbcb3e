/* seed: made-up history for benchmarks and demonstrations — users with trackers, tasks and
 * years of check-ins, deterministic (the same options give the same data), written through the
 * domain functions (tracker_create, task_create, instance_open, instance_set) so it looks like
 * real use: snapshots, events, completion days. Domain layer: no HTTP. */
#ifndef TRACKPRO_SEED_H
#define TRACKPRO_SEED_H

#include <stdint.h>

#include "db.h"

#define SEED_USERS_MAX 1000
#define SEED_TRACKERS_MAX 100
#define SEED_TASKS_MAX 50
#define SEED_DAYS_MAX 3660

/* What to make for one user. */
struct seed_options {
	int trackers;              /* per user, 1..SEED_TRACKERS_MAX */
	int tasks;                 /* per tracker, 1..SEED_TASKS_MAX */
	int days;                  /* of history, ending yesterday, 1..SEED_DAYS_MAX */
	const char *time_zone;     /* the users' IANA zone */
	const char *password_hash; /* every user's (password_hash() of the shared password) */
	int64_t now;               /* seconds: "today" is the local day of this instant */
};

/* What was made. */
struct seed_counts {
	int64_t user_id;
	long trackers, tasks, periods, task_instances, done, notes;
};

/* A number in [0, 1) drawn from four keys and a salt by SplitMix64: the same keys give the same
 * number on every machine and run (no rand(), no state), so seeded histories are repeatable. */
double seed_draw(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t salt);

/* Creates user number n (1, 2 …): bench<n>@example.org, "Bench <n>", with four categories,
 * o->trackers trackers (every fifth weekly, the others daily; every fifth without a category)
 * of o->tasks tasks each (check tasks worth 1–3 points, a measured one in km, a weekdays-only
 * one), and o->days days of finished periods ending yesterday: each due task done, skipped or
 * missed by a fixed pseudo-random draw (each task with its own success rate, weekends weaker),
 * measured values around the target, a note on about one task in 25 (with commas, quotes,
 * non-ASCII text and a leading '='). Call inside a write transaction. Returns 0, or -1 (logged)
 * when the address is taken or the database fails. */
int seed_bench_user(struct db *db, const struct seed_options *o, int n, struct seed_counts *out);

#endif

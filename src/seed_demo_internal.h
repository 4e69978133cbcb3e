/* seed_demo_internal: what the two halves of the demo seed share — the content (seed_demo.c:
 * labels, trackers, tasks, notes) and the history it is given (seed_demo_history.c: check-ins,
 * goal entries, milestones). Not for use outside seed_demo*.c. */
#ifndef TRACKPRO_SEED_DEMO_INTERNAL_H
#define TRACKPRO_SEED_DEMO_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "instance.h"
#include "seed_demo.h"
#include "task.h"
#include "tracker.h"

/* The demo's trackers, in the order they are made (and listed). */
enum demo_tracker { DEMO_MORNING, DEMO_DETOX, DEMO_GYM, DEMO_READING, DEMO_TRACKER_COUNT };

/* The demo's tasks; DEMO_TASK_COUNT of them, grouped by tracker. */
enum demo_task {
	DEMO_WATER, DEMO_STRETCH, DEMO_MEDITATE, DEMO_JOURNAL, DEMO_PLAN,
	DEMO_NO_SOCIAL, DEMO_NO_SUGAR, DEMO_SCREENS_OFF, DEMO_WALK,
	DEMO_STRENGTH, DEMO_CARDIO, DEMO_MOBILITY, DEMO_RUN,
	DEMO_BOOKS, DEMO_REVIEW,
	DEMO_TASK_COUNT
};

/* The demo's categories: the life areas of its trackers and goals. */
enum demo_category { CAT_HEALTH, CAT_MIND, CAT_FITNESS, CAT_LEARNING, CAT_FINANCE, CAT_COUNT };

/* The story the history tells (its day notes are in seed_demo.c): the morning routine's bad
 * day and cold, DEMO_*_BACK days before today; "Drink a glass of water" done on each of the last
 * DEMO_STREAK_DAYS days (the streak running); "Journal" missed on each of the last
 * DEMO_LAPSE_DAYS (the habit at risk); the gym program's week (from 0) on a work trip, every
 * task skipped; the detox's day (from 0) of the birthday cake. */
#define DEMO_OVERSLEPT_BACK 72
#define DEMO_SICK_BACK 49
#define DEMO_SICK_DAYS 3
#define DEMO_STREAK_DAYS 24
#define DEMO_LAPSE_DAYS 3
#define DEMO_GYM_TRIP_WEEK 3
#define DEMO_DETOX_CAKE_DAY 5

/* How one task behaves in the made-up history. */
struct demo_habit {
	double rate;       /* chance of done on a weekday (per period for weekly and monthly trackers) */
	double weekend;    /* taken off the rate on Saturdays and Sundays (daily trackers) */
	double skip;       /* chance of skipped, after done */
	double lo, hi;     /* measure tasks: a done value lies in lo..hi; a missed one below lo */
};

/* One run: the account, its calendar and what has been made so far. */
struct demo {
	struct db *db;
	int64_t user_id;
	const char *zone;      /* the user's IANA zone */
	int week_start;        /* 0 Sunday, 1 Monday */
	int threshold;         /* streak threshold, percent */
	int64_t now;           /* seconds: the real now */
	int64_t today, first, last; /* the user's today; the history runs first..last (= today - 1) */
	int days;
	int *offsets;          /* UTC offsets in minutes at noon of first..today */
	int64_t detox_start, gym_start, year_start, year_end; /* year_*: Jan 1 and Dec 31 of today's year */
	int64_t tracker_ids[DEMO_TRACKER_COUNT];
	int64_t task_ids[DEMO_TASK_COUNT];
	struct tracker trackers[DEMO_TRACKER_COUNT]; /* as tracker_get reads them (strings in arena) */
	int64_t category_ids[CAT_COUNT];
	struct arena arena;
	struct seed_demo_counts *out;
};

/* The habit of each task (seed_demo.c). */
extern const struct demo_habit demo_habits[DEMO_TASK_COUNT];

/* seconds of local time minute (minutes after midnight, may pass 1440) on day, in the user's zone. */
int64_t demo_at(const struct demo *d, int64_t day, int minute);
/* A number in [0, 1) for task (or any other small key), days before today and a purpose. */
double demo_draw(uint64_t key, int64_t back, uint64_t purpose);
/* Which demo task template id is (its enum value), or -1. */
int demo_task_of(const struct demo *d, int64_t template_id);

/* seed_demo_history.c: the check-ins of every tracker (first..last, the open periods partly
 * done), the goals with their entries and mappings, the streak milestones of each day. Each
 * returns 0, or -1 on a database error (logged). */
int demo_fill_daily(struct demo *d, enum demo_tracker which, int64_t from);
int demo_fill_gym(struct demo *d);
int demo_fill_reading(struct demo *d);
int demo_goals_before(struct demo *d);
int demo_goals_after(struct demo *d);
int demo_milestones(struct demo *d);

#endif

/* seed_demo: the demo account's content — labels, trackers, tasks, day notes, the share link —
 * and the run that puts it in an empty account (seed_demo.h); the history itself is made in
 * seed_demo_history.c. */
#include "seed_demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "goal.h"
#include "log.h"
#include "seed.h"
#include "seed_demo_internal.h"
#include "share.h"
#include "timezone.h"
#include "user.h"
#include "xmalloc.h"

/* Categories: the life areas of the trackers and goals. */
static const struct {
	const char *name, *color;
} categories[CAT_COUNT] = {
	[CAT_HEALTH] = { "Health", "#2f9e44" },   [CAT_MIND] = { "Mind", "#7048e8" },
	[CAT_FITNESS] = { "Fitness", "#e8590c" }, [CAT_LEARNING] = { "Learning", "#1c7ed6" },
	[CAT_FINANCE] = { "Finance", "#f08c00" },
};

enum demo_tag { TAG_QUICK, TAG_MINDFUL, TAG_MOBILITY, TAG_STRENGTH, TAG_CARDIO, TAG_SCREEN, TAG_FOOD, TAG_COUNT };
static const struct {
	const char *name, *color;
} tags[TAG_COUNT] = {
	[TAG_QUICK] = { "quick win", "#51cf66" },  [TAG_MINDFUL] = { "mindfulness", "#845ef7" },
	[TAG_MOBILITY] = { "mobility", "#20c997" }, [TAG_STRENGTH] = { "strength", "#fa5252" },
	[TAG_CARDIO] = { "cardio", "#ff922b" },     [TAG_SCREEN] = { "screen-free", "#339af0" },
	[TAG_FOOD] = { "nutrition", "#fab005" },
};

/* Seed 000 part 2: a daily routine, a 21-day challenge, an 8-week program, monthly reading. */
static const struct {
	const char *name, *description, *color;
	enum time_mode mode;
	enum demo_category category;
} tracker_specs[DEMO_TRACKER_COUNT] = {
	[DEMO_MORNING] = { "Morning routine", "Five small things before breakfast.", "#2f9e44", TIME_MODE_DAILY,
			   CAT_HEALTH },
	[DEMO_DETOX] = { "21-day detox",
			 "A dopamine detox: no social media, no sugar, screens off early. 21 days, one at a time.",
			 "#7048e8", TIME_MODE_DAILY, CAT_MIND },
	[DEMO_GYM] = { "8-week gym program", "Three strength and two cardio sessions a week, for eight weeks.",
		       "#e8590c", TIME_MODE_WEEKLY, CAT_FITNESS },
	[DEMO_READING] = { "Reading", "Two books a month make 24 a year.", "#1c7ed6", TIME_MODE_MONTHLY,
			   CAT_LEARNING },
};

/* The tasks (seed 000 "Drink Water … worth 2 points"; seed 002 "Morning meditation", "Gym
 * workout 3 times a week"; seed 003 difficulty and priority). */
static const struct {
	enum demo_tracker tracker;
	const char *name, *description;
	enum task_kind kind;
	double target;
	const char *unit;
	int points;
	enum task_time_of_day time_of_day;
	int difficulty;
	enum task_priority priority;
	enum schedule_kind schedule;
	int times;          /* times_per_period */
	unsigned weekdays;  /* weekdays */
	int reminder;       /* minutes after midnight, or -1 */
	int tag1, tag2;     /* enum demo_tag, or -1 */
} task_specs[DEMO_TASK_COUNT] = {
	[DEMO_WATER] = { DEMO_MORNING, "Drink a glass of water", "Before coffee.", TASK_CHECK, 0, "", 2, TASK_MORNING,
			 1, TASK_PRIORITY_NORMAL, SCHEDULE_EVERY_PERIOD, 0, 0, 7 * 60, TAG_QUICK, -1 },
	[DEMO_STRETCH] = { DEMO_MORNING, "Stretch", "", TASK_MEASURE, 10, "minutes", 2, TASK_MORNING, 2,
			   TASK_PRIORITY_NORMAL, SCHEDULE_EVERY_PERIOD, 0, 0, -1, TAG_MOBILITY, -1 },
	[DEMO_MEDITATE] = { DEMO_MORNING, "Meditate", "Ten minutes, sitting, before the phone.", TASK_CHECK, 0, "", 3,
			    TASK_MORNING, 3, TASK_PRIORITY_HIGH, SCHEDULE_EVERY_PERIOD, 0, 0, -1, TAG_MINDFUL, -1 },
	[DEMO_JOURNAL] = { DEMO_MORNING, "Journal", "Three lines: how I slept, what I want, one thing I am glad of.",
			   TASK_CHECK, 0, "", 2, TASK_MORNING, 3, TASK_PRIORITY_NORMAL, SCHEDULE_EVERY_PERIOD, 0, 0,
			   -1, TAG_MINDFUL, -1 },
	[DEMO_PLAN] = { DEMO_MORNING, "Plan the day", "", TASK_CHECK, 0, "", 1, TASK_MORNING, 1, TASK_PRIORITY_NORMAL,
			SCHEDULE_WEEKDAYS, 0, 31, -1, TAG_QUICK, -1 },
	[DEMO_NO_SOCIAL] = { DEMO_DETOX, "No social media", "Apps deleted from the phone; the laptop only for work.",
			     TASK_CHECK, 0, "", 3, TASK_ANY_TIME, 4, TASK_PRIORITY_HIGH, SCHEDULE_EVERY_PERIOD, 0, 0,
			     -1, TAG_SCREEN, -1 },
	[DEMO_NO_SUGAR] = { DEMO_DETOX, "No sugar", "", TASK_CHECK, 0, "", 2, TASK_ANY_TIME, 4, TASK_PRIORITY_NORMAL,
			    SCHEDULE_EVERY_PERIOD, 0, 0, -1, TAG_FOOD, -1 },
	[DEMO_SCREENS_OFF] = { DEMO_DETOX, "Screens off by 22:00", "", TASK_CHECK, 0, "", 2, TASK_EVENING, 3,
			       TASK_PRIORITY_NORMAL, SCHEDULE_EVERY_PERIOD, 0, 0, 21 * 60 + 30, TAG_SCREEN, -1 },
	[DEMO_WALK] = { DEMO_DETOX, "Walk outside", "", TASK_MEASURE, 30, "minutes", 2, TASK_AFTERNOON, 2,
			TASK_PRIORITY_NORMAL, SCHEDULE_EVERY_PERIOD, 0, 0, -1, TAG_MOBILITY, TAG_SCREEN },
	[DEMO_STRENGTH] = { DEMO_GYM, "Strength training", "Squat, bench, deadlift: the program's sheet.",
			    TASK_CHECK, 0, "", 5, TASK_ANY_TIME, 4, TASK_PRIORITY_HIGH, SCHEDULE_TIMES_PER_PERIOD, 3,
			    0, -1, TAG_STRENGTH, -1 },
	[DEMO_CARDIO] = { DEMO_GYM, "Cardio", "Bike or rowing, 30 minutes.", TASK_CHECK, 0, "", 3, TASK_ANY_TIME, 3,
			  TASK_PRIORITY_NORMAL, SCHEDULE_TIMES_PER_PERIOD, 2, 0, -1, TAG_CARDIO, -1 },
	[DEMO_MOBILITY] = { DEMO_GYM, "Mobility session", "", TASK_CHECK, 0, "", 2, TASK_ANY_TIME, 2,
			    TASK_PRIORITY_LOW, SCHEDULE_EVERY_PERIOD, 0, 0, -1, TAG_MOBILITY, -1 },
	[DEMO_RUN] = { DEMO_GYM, "Run", "", TASK_MEASURE, 10, "km", 3, TASK_ANY_TIME, 3, TASK_PRIORITY_NORMAL,
		       SCHEDULE_EVERY_PERIOD, 0, 0, -1, TAG_CARDIO, -1 },
	[DEMO_BOOKS] = { DEMO_READING, "Books finished", "", TASK_MEASURE, 2, "books", 4, TASK_EVENING, 2,
			 TASK_PRIORITY_NORMAL, SCHEDULE_EVERY_PERIOD, 0, 0, -1, -1, -1 },
	[DEMO_REVIEW] = { DEMO_READING, "Write a short review", "A paragraph per book, for later.", TASK_CHECK, 0, "",
			  1, TASK_EVENING, 2, TASK_PRIORITY_LOW, SCHEDULE_EVERY_PERIOD, 0, 0, -1, -1, -1 },
};

const struct demo_habit demo_habits[DEMO_TASK_COUNT] = {
	[DEMO_WATER] = { 0.90, 0.05, 0.00, 0, 0 },      [DEMO_STRETCH] = { 0.76, 0.15, 0.04, 10, 20 },
	[DEMO_MEDITATE] = { 0.72, 0.20, 0.03, 0, 0 },   [DEMO_JOURNAL] = { 0.68, 0.15, 0.03, 0, 0 },
	[DEMO_PLAN] = { 0.86, 0.00, 0.02, 0, 0 },       [DEMO_NO_SOCIAL] = { 0.88, 0.10, 0.00, 0, 0 },
	[DEMO_NO_SUGAR] = { 0.80, 0.15, 0.00, 0, 0 },   [DEMO_SCREENS_OFF] = { 0.74, 0.15, 0.00, 0, 0 },
	[DEMO_WALK] = { 0.78, -0.10, 0.03, 30, 60 },    [DEMO_STRENGTH] = { 0.80, 0, 0, 0, 0 },
	[DEMO_CARDIO] = { 0.68, 0, 0, 0, 0 },           [DEMO_MOBILITY] = { 0.74, 0, 0, 0, 0 },
	[DEMO_RUN] = { 0.70, 0, 0, 10, 16 },            [DEMO_BOOKS] = { 0, 0, 0, 2, 3 },
	[DEMO_REVIEW] = { 0.60, 0, 0, 0, 0 },
};

/* Day notes, one per tracker and day: `back` days before today (or, with `from_start`, days after
 * the tracker's start date or first day of history). */
static const struct {
	enum demo_tracker tracker;
	bool from_start;
	int days;
	const char *body;
} notes[] = {
	{ DEMO_MORNING, true, 0, "Day one. Five small things before breakfast: keeping it easy." },
	{ DEMO_MORNING, true, 14,
	  "Two weeks in. Water and planning happen without thinking now; meditation is the hard one." },
	{ DEMO_MORNING, false, DEMO_OVERSLEPT_BACK, "Overslept after a late night: only the water happened." },
	{ DEMO_MORNING, false, DEMO_SICK_BACK,
	  "Down with a cold. Skipped stretching and meditation, still drank the water." },
	{ DEMO_MORNING, false, 21, "Up at 6:15, everything done before 7:30. Best morning in weeks." },
	{ DEMO_MORNING, false, 9, "Ten minutes of stretching feels short now, trying fifteen." },
	{ DEMO_MORNING, false, 1, "Third morning without journaling. Back to it tomorrow, three lines is enough." },
	{ DEMO_DETOX, true, 0, "Deleted Instagram and TikTok from the phone. Felt twitchy all evening." },
	{ DEMO_DETOX, true, DEMO_DETOX_CAKE_DAY, "Birthday cake at work. The sugar run is over, back on it tomorrow." },
	{ DEMO_DETOX, true, 10, "Slept better this week than in months. Evenings feel long, in a good way." },
	{ DEMO_GYM, true, 0, "Program starts: squat 60 kg, bench 45 kg, deadlift 80 kg." },
	{ DEMO_GYM, true, DEMO_GYM_TRIP_WEEK * 7, "Work trip all week: the program is on hold." },
	{ DEMO_GYM, true, 30, "New squat record: 75 kg for 5." },
	{ DEMO_READING, true, 0, "Library card renewed. Aiming for two books a month." },
};

int64_t demo_at(const struct demo *d, int64_t day, int minute)
{
	int offset = 0;
	if (day >= d->first && day <= d->today)
		offset = d->offsets[day - d->first];
	else if (timezone_offset_minutes(d->zone, day * 86400 + 43200, &offset) < 0)
		offset = 0;
	return day * 86400 + (int64_t)(minute - offset) * 60;
}

double demo_draw(uint64_t key, int64_t back, uint64_t purpose)
{
	return seed_draw(0xDE30, key, (uint64_t)back, purpose, 8);
}

int demo_task_of(const struct demo *d, int64_t template_id)
{
	for (int k = 0; k < DEMO_TASK_COUNT; k++)
		if (d->task_ids[k] == template_id)
			return k;
	return -1;
}

/* ---- the account must be empty ---- */

static int count_tracker(void *ctx, const struct tracker *t)
{
	(void)t;
	++*(long *)ctx;
	return 1;
}
static int count_goal(void *ctx, const struct goal *g)
{
	(void)g;
	++*(long *)ctx;
	return 1;
}
static int count_category(void *ctx, const struct category *c)
{
	(void)c;
	++*(long *)ctx;
	return 1;
}
static int count_tag(void *ctx, const struct tag *t)
{
	(void)t;
	++*(long *)ctx;
	return 1;
}

/* 0 when the account holds no tracker (also in the trash), goal, category or tag; 1 when it
 * does; -1 on a database error. */
static int account_used(struct demo *d)
{
	long n = 0;
	if (tracker_each(d->db, &d->arena, d->user_id, TRACKER_LIST_ALL, 0, count_tracker, &n) != TRACKER_OK ||
	    tracker_each(d->db, &d->arena, d->user_id, TRACKER_LIST_DELETED, 0, count_tracker, &n) != TRACKER_OK ||
	    goal_each(d->db, &d->arena, d->user_id, NULL, count_goal, &n) != GOAL_OK ||
	    category_each(d->db, &d->arena, d->user_id, count_category, &n) != TRACKER_OK ||
	    tag_each(d->db, &d->arena, d->user_id, count_tag, &n) != TASK_OK)
		return -1;
	return n > 0;
}

/* ---- what is made ---- */

/* The local day trackers are made: the first of history, the eve of a challenge's start. */
static int64_t tracker_made_on(const struct demo *d, enum demo_tracker k)
{
	int64_t day = k == DEMO_DETOX ? d->detox_start - 1 : k == DEMO_GYM ? d->gym_start - 2 : d->first;
	return day < d->first ? d->first : day;
}

static int make_content(struct demo *d)
{
	int64_t at = demo_at(d, d->first, 6 * 60 + 20), tag_ids[TAG_COUNT];
	for (int c = 0; c < CAT_COUNT; c++) {
		if (category_create(d->db, at, d->user_id, categories[c].name, categories[c].color,
				    &d->category_ids[c]) != TRACKER_OK)
			return -1;
		d->out->categories++;
	}
	for (int t = 0; t < TAG_COUNT; t++) {
		if (tag_create(d->db, at, d->user_id, tags[t].name, tags[t].color, &tag_ids[t]) != TASK_OK)
			return -1;
		d->out->tags++;
	}
	for (int k = 0; k < DEMO_TRACKER_COUNT; k++) {
		bool dated = k == DEMO_DETOX || k == DEMO_GYM;
		int64_t start = k == DEMO_DETOX ? d->detox_start : d->gym_start;
		struct tracker_input in = {
			.name = tracker_specs[k].name,
			.description = tracker_specs[k].description,
			.time_mode = tracker_specs[k].mode,
			.start_date = dated ? start : TRACKER_NO_DATE,
			.end_date = !dated ? TRACKER_NO_DATE : k == DEMO_DETOX ? start + 20 : start + 8 * 7 - 1,
			.color = tracker_specs[k].color,
			.category_id = d->category_ids[tracker_specs[k].category],
		};
		int64_t made = demo_at(d, tracker_made_on(d, (enum demo_tracker)k),
				       k == DEMO_DETOX ? 21 * 60 : 6 * 60 + 30);
		if (tracker_create(d->db, made, d->user_id, &in, &d->tracker_ids[k]) != TRACKER_OK)
			return -1;
		d->out->trackers++;
		for (int j = 0; j < DEMO_TASK_COUNT; j++) {
			if (task_specs[j].tracker != (enum demo_tracker)k)
				continue;
			struct task_input ti;
			task_input_defaults(&ti);
			ti.name = task_specs[j].name;
			ti.description = task_specs[j].description;
			ti.kind = task_specs[j].kind;
			ti.target_value = task_specs[j].target;
			ti.direction = TASK_AT_LEAST;
			ti.unit = task_specs[j].unit;
			ti.points = task_specs[j].points;
			ti.time_of_day = task_specs[j].time_of_day;
			ti.difficulty = task_specs[j].difficulty;
			ti.priority = task_specs[j].priority;
			ti.schedule.kind = task_specs[j].schedule;
			ti.schedule.times = task_specs[j].times;
			ti.schedule.weekdays = task_specs[j].weekdays;
			ti.reminder_minute = task_specs[j].reminder;
			ti.reminder_weekdays = task_specs[j].reminder >= 0 ? 127 : 0;
			int64_t mine[2];
			ti.tag_ids = mine;
			if (task_specs[j].tag1 >= 0)
				mine[ti.tag_count++] = tag_ids[task_specs[j].tag1];
			if (task_specs[j].tag2 >= 0)
				mine[ti.tag_count++] = tag_ids[task_specs[j].tag2];
			if (task_create(d->db, made, d->user_id, d->tracker_ids[k], &ti, &d->task_ids[j]) != TASK_OK)
				return -1;
			d->out->tasks++;
		}
		if (tracker_get(d->db, &d->arena, d->user_id, d->tracker_ids[k], false, &d->trackers[k]) != TRACKER_OK)
			return -1;
	}
	return 0;
}

/* Writes the day notes that fall inside the history. */
static int write_notes(struct demo *d)
{
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		enum demo_tracker k = notes[i].tracker;
		int64_t base = k == DEMO_DETOX ? d->detox_start : k == DEMO_GYM ? d->gym_start : d->first;
		int64_t day = notes[i].from_start ? base + notes[i].days : d->today - notes[i].days;
		if (day < d->first || day > d->last || day < base || day < tracker_made_on(d, k))
			continue;
		if (instance_note_set(d->db, demo_at(d, day, 21 * 60 + 50), d->user_id, d->tracker_ids[k], day,
				      notes[i].body) != INSTANCE_OK)
			return -1;
		d->out->notes++;
	}
	return 0;
}

/* The share link: the morning routine for an accountability partner, statuses shown. */
static int make_share(struct demo *d)
{
	struct share_input in = {
		.label = "For my accountability partner",
		.tracker_id = d->tracker_ids[DEMO_MORNING],
		.show_tasks = true,
		.show_statuses = true,
		.allow_embed = true,
	};
	char token[TOKEN_TEXT_LEN + 1];
	if (share_create(d->db, d->now, d->user_id, &in, token, NULL) != SHARE_OK)
		return -1;
	snprintf(d->out->share_path, sizeof d->out->share_path, "/s/%s", token);
	return 0;
}

/* Fixes today, the history's first and last days and the challenge dates. */
static int set_calendar(struct demo *d, const struct user *u, int days)
{
	d->zone = u->time_zone;
	d->week_start = u->week_start;
	if (civil_today(d->zone, d->now, &d->today) < 0)
		return -1;
	d->days = days;
	d->first = d->today - days;
	d->last = d->today - 1;
	d->offsets = xcalloc((size_t)days + 1, sizeof *d->offsets);
	for (int64_t day = d->first; day <= d->today; day++)
		if (timezone_offset_minutes(d->zone, day * 86400 + 43200, &d->offsets[day - d->first]) < 0)
			d->offsets[day - d->first] = 0;
	/* the detox on its 14th day of 21, the program in its 6th week of 8 */
	d->detox_start = d->today - (days < 13 ? days : 13);
	d->gym_start = civil_week_start(d->today - 35, d->week_start);
	if (d->gym_start < d->first)
		d->gym_start = d->first;
	int y, m, md;
	civil_to_ymd(d->today, &y, &m, &md);
	d->year_start = civil_from_ymd(y, 1, 1);
	d->year_end = civil_from_ymd(y, 12, 31);
	return 0;
}

enum seed_demo_result seed_demo_user(struct db *db, int64_t now, int64_t user_id, int days,
				     struct seed_demo_counts *out)
{
	memset(out, 0, sizeof *out);
	if (days < 1 || days > SEED_DEMO_DAYS_MAX)
		return SEED_DEMO_ERROR;
	struct demo *d = xcalloc(1, sizeof *d);
	d->db = db;
	d->user_id = user_id;
	d->now = now;
	d->out = out;
	arena_init(&d->arena);
	enum seed_demo_result result = SEED_DEMO_ERROR;
	struct user u;
	struct user_preferences prefs;
	enum user_status us = user_get(db, &d->arena, user_id, &u);
	if (us == USER_NOT_FOUND) {
		result = SEED_DEMO_NOT_FOUND;
		goto out;
	}
	if (us != USER_OK || user_get_preferences(db, &d->arena, user_id, &prefs) != USER_OK)
		goto out;
	d->threshold = prefs.streak_threshold;
	int used = account_used(d);
	if (used != 0) {
		result = used > 0 ? SEED_DEMO_NOT_EMPTY : SEED_DEMO_ERROR;
		goto out;
	}
	if (set_calendar(d, &u, days) < 0) {
		log_error("seed demo: the time zone '%s' of user %lld is unusable", u.time_zone, (long long)user_id);
		goto out;
	}
	if (make_content(d) < 0 || demo_goals_before(d) < 0 ||
	    demo_fill_daily(d, DEMO_MORNING, d->first) < 0 || demo_fill_daily(d, DEMO_DETOX, d->detox_start) < 0 ||
	    demo_fill_gym(d) < 0 || demo_fill_reading(d) < 0 || write_notes(d) < 0 || demo_goals_after(d) < 0 ||
	    demo_milestones(d) < 0 || goal_refresh(db, now, d->today, user_id) != GOAL_OK || make_share(d) < 0) {
		log_error("seed demo: writing the demo data of user %lld failed: %s", (long long)user_id,
			  sqlite3_errmsg(db->conn));
		goto out;
	}
	result = SEED_DEMO_OK;
out:
	if (result != SEED_DEMO_OK) {
		memset(out, 0, sizeof *out);
	}
	free(d->offsets);
	arena_free(&d->arena);
	free(d);
	return result;
}

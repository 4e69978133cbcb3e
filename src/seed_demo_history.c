/* seed_demo_history: the demo account's made-up past (seed_demo.h) — check-ins of the daily,
 * weekly and monthly trackers with their patterns, the goals with their entries and mappings,
 * and the streak milestones Today would have recorded day after day. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "civil.h"
#include "goal.h"
#include "habit_stats.h"
#include "seed_demo_internal.h"

/* What the draws are for (demo_draw's purpose). */
enum { DRAW_STATUS = 1, DRAW_MINUTE, DRAW_VALUE, DRAW_DAY, DRAW_BOOK };

/* The task instances of one opened period. */
struct period_items {
	struct {
		int64_t id;
		int task; /* enum demo_task, or -1 */
		enum task_time_of_day time_of_day;
	} items[8];
	int count;
	const struct demo *d;
};

static int collect(void *ctx, const struct task_instance *ti)
{
	struct period_items *p = ctx;
	if (p->count == (int)(sizeof p->items / sizeof p->items[0]))
		return 0;
	p->items[p->count].id = ti->id;
	p->items[p->count].task = demo_task_of(p->d, ti->task_template_id);
	p->items[p->count].time_of_day = ti->time_of_day;
	p->count++;
	return 0;
}

/* Opens the period of tracker k holding day (made at `opened`) and reads its task instances. */
static int open_period(struct demo *d, enum demo_tracker k, int64_t day, int64_t opened, struct period_items *items)
{
	struct tracker_instance ti;
	memset(items, 0, sizeof *items);
	items->d = d;
	if (instance_open(d->db, opened, &d->trackers[k], d->week_start, day, &ti) != INSTANCE_OK ||
	    instance_tasks_each(d->db, &d->arena, d->user_id, ti.id, collect, items) != INSTANCE_OK)
		return -1;
	d->out->periods++;
	d->out->task_instances += items->count;
	return 0;
}

/* Records one check-in of task instance id, made on day at local minute. */
static int check_in(struct demo *d, int64_t id, int64_t day, int minute, enum instance_status st, bool has_value,
		    double value)
{
	if (instance_set(d->db, demo_at(d, day, minute), day, d->user_id, id, st, has_value, value, SOURCE_SEED) !=
	    INSTANCE_OK)
		return -1;
	d->out->done += st == INSTANCE_DONE;
	d->out->skipped += st == INSTANCE_SKIPPED;
	d->out->missed += st == INSTANCE_MISSED;
	return 0;
}

/* A measured value for status st of task k: within lo..hi when done, under lo for about half of
 * the misses (a short walk, a run cut short); *has is false when none is logged. */
static double measured(enum demo_task k, int64_t back, enum instance_status st, bool *has)
{
	const struct demo_habit *h = &demo_habits[k];
	double v = demo_draw((uint64_t)k, back, DRAW_VALUE);
	*has = false;
	if (h->hi <= 0)
		return 0;
	if (st == INSTANCE_DONE) {
		*has = true;
		return round(h->lo + v * (h->hi - h->lo));
	}
	if (st == INSTANCE_MISSED && v < 0.5) {
		*has = true;
		return round(h->lo * (0.3 + v));
	}
	return 0;
}

/* The status of daily task k on day: the spells and runs of the story first, then the draw
 * (each task its own rate, weekends weaker, a little better as the weeks go by). */
static enum instance_status daily_status(const struct demo *d, enum demo_task k, int64_t day)
{
	int64_t back = d->today - day;
	if (k == DEMO_WATER && back <= DEMO_STREAK_DAYS)
		return INSTANCE_DONE;
	if (k == DEMO_JOURNAL && back <= DEMO_LAPSE_DAYS)
		return INSTANCE_MISSED;
	if (k <= DEMO_PLAN && back == DEMO_OVERSLEPT_BACK)
		return k == DEMO_WATER ? INSTANCE_DONE : INSTANCE_MISSED;
	if (back <= DEMO_SICK_BACK && back > DEMO_SICK_BACK - DEMO_SICK_DAYS) {
		if (k == DEMO_STRETCH || k == DEMO_MEDITATE)
			return INSTANCE_SKIPPED;
		if (k == DEMO_JOURNAL)
			return INSTANCE_MISSED;
	}
	if (k == DEMO_NO_SUGAR && day == d->detox_start + DEMO_DETOX_CAKE_DAY)
		return INSTANCE_MISSED;
	const struct demo_habit *h = &demo_habits[k];
	double progress = (double)(day - d->first) / d->days;
	double rate = h->rate + 0.12 * (progress - 0.5) - (civil_weekday(day) >= 5 ? h->weekend : 0);
	double r = demo_draw((uint64_t)k, back, DRAW_STATUS);
	return r < rate ? INSTANCE_DONE : r < rate + h->skip ? INSTANCE_SKIPPED : INSTANCE_MISSED;
}

/* The local minute a task is checked in: by its time of day; misses are marked at night. */
static int check_in_minute(enum demo_task k, int64_t back, enum task_time_of_day tod, enum instance_status st)
{
	int v = (int)(demo_draw((uint64_t)k, back, DRAW_MINUTE) * 100);
	if (st == INSTANCE_MISSED)
		return 21 * 60 + 30 + v / 2;
	switch (tod) {
	case TASK_MORNING:
		return 6 * 60 + 50 + v;
	case TASK_AFTERNOON:
		return 12 * 60 + 30 + 3 * v;
	case TASK_EVENING:
		return 19 * 60 + 30 + v;
	default:
		return 9 * 60 + 6 * v;
	}
}

int demo_fill_daily(struct demo *d, enum demo_tracker which, int64_t from)
{
	const struct tracker *t = &d->trackers[which];
	for (int64_t day = from < d->first ? d->first : from; day <= d->last; day++) {
		if (t->end_date != TRACKER_NO_DATE && day > t->end_date)
			break;
		struct period_items p;
		if (open_period(d, which, day, demo_at(d, day, 6 * 60 + 40), &p) < 0)
			return -1;
		for (int i = 0; i < p.count; i++) {
			if (p.items[i].task < 0)
				continue;
			enum demo_task k = (enum demo_task)p.items[i].task;
			int64_t back = d->today - day;
			enum instance_status st = daily_status(d, k, day);
			bool has = false;
			double value = measured(k, back, st, &has);
			int minute = check_in_minute(k, back, p.items[i].time_of_day, st);
			if (check_in(d, p.items[i].id, day, minute, st, has, value) < 0)
				return -1;
		}
	}
	return 0;
}

int demo_fill_gym(struct demo *d)
{
	const struct tracker *t = &d->trackers[DEMO_GYM];
	struct period_rule rule = instance_period_rule(t, d->week_start);
	struct period p;
	if (period_of(&rule, t->start_date, &p) < 0)
		return -1;
	for (int week = 0; p.start <= d->last && p.start <= t->end_date; week++, p = period_next(&rule, p)) {
		struct period_items items;
		if (open_period(d, DEMO_GYM, p.start, demo_at(d, p.start, 7 * 60), &items) < 0)
			return -1;
		bool finished = p.end <= d->last;
		int64_t elapsed = finished ? 7 : d->last - p.start + 1; /* days of the week behind us */
		for (int i = 0; i < items.count; i++) {
			if (items.items[i].task < 0)
				continue;
			enum demo_task k = (enum demo_task)items.items[i].task;
			int64_t back = d->today - p.start, id = items.items[i].id;
			int64_t day = p.start + (int64_t)(demo_draw((uint64_t)k, back, DRAW_DAY) * (double)elapsed);
			int minute = 18 * 60 + 30 + (int)(demo_draw((uint64_t)k, back, DRAW_MINUTE) * 90);
			if (finished && week == DEMO_GYM_TRIP_WEEK) {
				if (check_in(d, id, p.start, 9 * 60, INSTANCE_SKIPPED, false, 0) < 0)
					return -1;
				continue;
			}
			double rate = demo_habits[k].rate + 0.03 * week;
			double r = demo_draw((uint64_t)k, back, DRAW_STATUS);
			enum instance_status st;
			if (finished)
				st = r < rate ? INSTANCE_DONE : INSTANCE_MISSED;
			else
				st = r < rate * (double)elapsed / 7 ? INSTANCE_DONE : INSTANCE_TODO;
			bool has = false;
			double value = measured(k, back, st == INSTANCE_TODO ? INSTANCE_MISSED : st, &has);
			if (st == INSTANCE_MISSED)
				day = p.end;
			if (st == INSTANCE_TODO && !has)
				continue; /* nothing logged yet this week */
			if (check_in(d, id, day, minute, st, has, value) < 0)
				return -1;
		}
	}
	return 0;
}

/* The days on which a book was finished, from Jan 1 of the history's first year to its last day:
 * one every 11 to 19 days (about 24 a year). Returns how many were written to days (at most cap). */
static int book_days(const struct demo *d, int64_t *days, int cap)
{
	int y, m, md, n = 0;
	civil_to_ymd(d->first, &y, &m, &md);
	int64_t day = civil_from_ymd(y, 1, 1) + 4;
	for (; day <= d->last && n < cap; n++) {
		days[n] = day;
		day += 11 + (int64_t)(demo_draw(DEMO_BOOKS, n, DRAW_BOOK) * 9);
	}
	return n;
}

#define BOOKS_MAX 160

int demo_fill_reading(struct demo *d)
{
	const struct tracker *t = &d->trackers[DEMO_READING];
	int64_t books[BOOKS_MAX];
	int nbooks = book_days(d, books, BOOKS_MAX);
	struct period_rule rule = instance_period_rule(t, d->week_start);
	struct period p;
	if (period_of(&rule, d->first, &p) < 0)
		return -1;
	for (; p.start <= d->last; p = period_next(&rule, p)) {
		int64_t opened = p.start < d->first ? d->first : p.start;
		struct period_items items;
		if (open_period(d, DEMO_READING, opened, demo_at(d, opened, 7 * 60), &items) < 0)
			return -1;
		bool finished = p.end <= d->last;
		int count = 0;
		int64_t latest = 0;
		for (int b = 0; b < nbooks; b++)
			if (books[b] >= p.start && books[b] <= p.end) {
				count++;
				latest = books[b];
			}
		int64_t day = latest >= d->first ? latest : finished ? p.end : d->last;
		for (int i = 0; i < items.count; i++) {
			int k = items.items[i].task;
			int64_t id = items.items[i].id, back = d->today - p.start;
			int rc = 0;
			if (k == DEMO_BOOKS && finished)
				rc = check_in(d, id, day, 21 * 60, count >= 2 ? INSTANCE_DONE : INSTANCE_MISSED, true,
					      count);
			else if (k == DEMO_BOOKS && count > 0) /* this month so far: the value sets the status */
				rc = check_in(d, id, day, 21 * 60, INSTANCE_TODO, true, count);
			else if (k == DEMO_REVIEW && finished)
				rc = check_in(d, id, p.end, 21 * 60 + 30,
					      demo_draw(DEMO_REVIEW, back, DRAW_STATUS) < demo_habits[DEMO_REVIEW].rate
						      ? INSTANCE_DONE
						      : INSTANCE_MISSED,
					      false, 0);
			if (rc < 0)
				return -1;
		}
	}
	return 0;
}

/* ---- goals ---- */

/* Creates goal in, made on day at local minute (that day is its "today"), counting it. */
static int make_goal(struct demo *d, const struct goal_input *in, int64_t day, int minute, int64_t *id)
{
	if (goal_create(d->db, demo_at(d, day, minute), day, d->user_id, in, id) != GOAL_OK)
		return -1;
	d->out->goals++;
	return 0;
}

/* Logs an entry of value on day (in the evening) with note. */
static int entry(struct demo *d, int64_t goal, int64_t day, double value, const char *note)
{
	if (goal_entry_add(d->db, demo_at(d, day, 21 * 60 + 15), day, d->user_id, goal, value, day, note) != GOAL_OK)
		return -1;
	d->out->entries++;
	return 0;
}

int demo_goals_before(struct demo *d)
{
	/* "21-day detox: 21 days" (the goal form's own example, seed 000 "a goal with a target
	 * value of 21 and a unit of days"): made the evening before the challenge starts */
	int64_t made = d->detox_start - 1 < d->first ? d->first : d->detox_start - 1, id;
	struct goal_input in = {
		.name = "21-day detox: 21 days",
		.description = "A day counts when it had no social media at all.",
		.kind = GOAL_TASKS,
		.unit = "days",
		.target_value = 21,
		.start_date = d->detox_start,
		.deadline = d->detox_start + 20,
		.metric = GOAL_DAYS,
		.category_id = d->category_ids[CAT_MIND],
	};
	if (make_goal(d, &in, made, 21 * 60 + 5, &id) < 0 ||
	    goal_mapping_set(d->db, demo_at(d, made, 21 * 60 + 6), made, d->user_id, id, d->task_ids[DEMO_NO_SOCIAL],
			     1.0) != GOAL_OK)
		return -1;
	return 0;
}

static const char *const book_titles[] = {
	"Middlemarch", "The Left Hand of Darkness", "Atomic Habits", "Pride and Prejudice", "Deep Work",
	"The Remains of the Day", "Thinking, Fast and Slow", "Never Let Me Go", "The Old Man and the Sea",
	"Sapiens", "Station Eleven", "The Name of the Rose", "Anna Karenina", "The Martian", "Educated",
	"Dune", "A Gentleman in Moscow", "The Hobbit", "Quiet", "Moby-Dick", "Circe", "The Overstory",
	"Stoner", "The Power of Habit", "Jane Eyre", "The Road", "Range", "Beloved",
};
#define BOOK_TITLE_COUNT (sizeof book_titles / sizeof book_titles[0])

/* "Read 24 books this year": a target goal from Jan 1 with one entry per finished book (seed
 * 000, "Read 24 books in 12 months"), the books before the history in one opening entry. */
static int books_goal(struct demo *d)
{
	int64_t books[BOOKS_MAX], id;
	int n = book_days(d, books, BOOKS_MAX), before = 0;
	struct goal_input in = {
		.name = "Read 24 books this year",
		.description = "Two a month. Each finished book is logged with its title.",
		.kind = GOAL_TARGET,
		.unit = "books",
		.target_value = 24,
		.start_date = d->year_start,
		.deadline = d->year_end,
		.category_id = d->category_ids[CAT_LEARNING],
	};
	if (make_goal(d, &in, d->first, 20 * 60, &id) < 0)
		return -1;
	for (int b = 0; b < n; b++)
		before += books[b] >= d->year_start && books[b] < d->first;
	if (before > 0 && entry(d, id, d->first, before, "Books read this year before I started tracking here") < 0)
		return -1;
	for (int b = 0; b < n; b++) {
		if (books[b] < d->year_start || books[b] < d->first)
			continue;
		char note[128];
		snprintf(note, sizeof note, "Finished \u201c%s\u201d", book_titles[(size_t)b % BOOK_TITLE_COUNT]);
		if (entry(d, id, books[b], 1, note) < 0)
			return -1;
	}
	return 0;
}

/* True when day is a payday: the 1st or the 15th. */
static bool payday(int64_t day)
{
	int y, m, md;
	civil_to_ymd(day, &y, &m, &md);
	return md == 1 || md == 15;
}

/* "Save $5,000 by Dec 31" (seed 002's target-based example): an opening balance, a deposit on
 * every payday sized to make the deadline with a little to spare, a gift and a car repair. */
static int savings_goal(struct demo *d)
{
	int64_t id;
	struct goal_input in = {
		.name = "Save $5,000 by Dec 31",
		.description = "An emergency fund: three months of rent.",
		.kind = GOAL_TARGET,
		.unit = "dollars",
		.target_value = 5000,
		.start_date = d->first,
		.deadline = d->year_end,
		.category_id = d->category_ids[CAT_FINANCE],
	};
	const double opening = 800;
	int paydays = 0;
	for (int64_t day = d->first + 1; day <= d->year_end; day++)
		paydays += payday(day);
	double deposit = paydays ? ceil((in.target_value - opening) * 1.08 / paydays / 10) * 10 : 0;
	if (make_goal(d, &in, d->first, 20 * 60 + 5, &id) < 0 ||
	    entry(d, id, d->first, opening, "Emergency fund to start with") < 0)
		return -1;
	for (int64_t day = d->first + 1; day <= d->last; day++) {
		int64_t back = d->today - day;
		if (payday(day) && entry(d, id, day, deposit, "Paycheck") < 0)
			return -1;
		if (back == 40 && entry(d, id, day, 150, "Birthday money from Grandma") < 0)
			return -1;
		if (back == 65 && entry(d, id, day, -250, "Car repair: new brake pads") < 0)
			return -1;
	}
	return 0;
}

/* "Days without alcohol" (seed 002's continuous counter): one day added each sober evening, a
 * reset after a wedding three eighths of the way back, the longest run kept as the best. */
static int alcohol_goal(struct demo *d)
{
	int64_t id;
	struct goal_input in = {
		.name = "Days without alcohol",
		.description = "One day at a time.",
		.kind = GOAL_COUNTER,
		.unit = "days",
		.start_date = d->first,
		.deadline = GOAL_NO_DATE,
		.category_id = d->category_ids[CAT_HEALTH],
	};
	int64_t reset = d->days >= 16 ? d->today - d->days * 3 / 8 : GOAL_NO_DATE;
	if (make_goal(d, &in, d->first, 20 * 60 + 10, &id) < 0)
		return -1;
	int run = 0;
	for (int64_t day = d->first; day <= d->last; day++) {
		if (day == reset) {
			if (goal_reset(d->db, demo_at(d, day, 22 * 60 + 30), day, d->user_id, id,
				       "Friend's wedding: a few glasses of wine. Starting the count again.") != GOAL_OK)
				return -1;
			d->out->entries++;
			run = 0;
			continue;
		}
		run++;
		const char *note = run == 1 ? "Day one" : run == 7 ? "One week" : run == 30 ? "A month without a drink"
				   : run == 60 ? "Two months, sleeping much better" : run == 100 ? "100 days!" : "";
		if (entry(d, id, day, 1, note) < 0)
			return -1;
	}
	return 0;
}

int demo_goals_after(struct demo *d)
{
	return books_goal(d) < 0 || savings_goal(d) < 0 || alcohol_goal(d) < 0 ? -1 : 0;
}

/* ---- streak milestones ---- */

int demo_milestones(struct demo *d)
{
	struct habit_owner o = { .user_id = d->user_id, .week_start = d->week_start, .time_zone = d->zone,
				 .threshold = d->threshold, .window_days = 400 };
	for (int64_t day = d->first; day <= d->last; day++) {
		o.today = day;
		for (int k = 0; k < DEMO_TRACKER_COUNT; k++) {
			const struct tracker *t = &d->trackers[k];
			if (t->start_date != TRACKER_NO_DATE && day < t->start_date)
				continue;
			struct habit_stats stats;
			if (habit_stats_tracker(d->db, &o, t, &stats) < 0)
				return -1;
			int n = habit_stats_record_milestones(d->db, demo_at(d, day, 21 * 60 + 45), day, t->id, 0,
							      &stats.streak);
			if (n < 0)
				return -1;
			d->out->milestones += n;
		}
	}
	return 0;
}

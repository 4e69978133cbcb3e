/* seed: deterministic made-up history for benchmarks (seed.h). */
#include "seed.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "civil.h"
#include "instance.h"
#include "log.h"
#include "task.h"
#include "timezone.h"
#include "tracker.h"
#include "user.h"
#include "xmalloc.h"

static const char *const tracker_names[] = {
	"Morning routine", "Fitness", "Lecture, café & thé", "Deep work", "Home",
	"Mindfulness", "Nutrition \"clean\"", "Learning", "Evening routine", "Finance",
};
static const char *const task_names[] = {
	"Stretch", "Walk", "Weekday focus", "Read 20 pages", "Drink water",
	"Journal", "Meditate", "Plan tomorrow", "Tidy up", "No sugar",
};
static const struct {
	const char *name, *color;
} categories[] = { { "Health", "#2f9e44" }, { "Work", "#1c7ed6" }, { "Learning", "#ae3ec9" }, { "Home", "#f08c00" } };
#define CATEGORY_COUNT (sizeof categories / sizeof categories[0])
static const char *const notes[] = {
	"Felt great, kept going",
	"Said \"no\" to dessert",
	"Café au lait ☕ before the walk",
	"=SUM(A1:A9) was a joke",
	"Two lines:\nfirst, then second",
	"-5 °C outside, still did it",
	"@home today",
	"Привет, 世界",
};
#define NOTE_COUNT (sizeof notes / sizeof notes[0])

/* SplitMix64: a well-mixed 64-bit hash of x. */
static uint64_t mix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15u;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
	return x ^ (x >> 31);
}

/* A number in [0, 1) drawn from the four keys and a salt: the same keys, the same number. */
static double draw(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t salt)
{
	uint64_t h = mix(mix(mix(mix(mix(a) ^ b) ^ c) ^ d) ^ salt);
	return (double)(h >> 11) / 9007199254740992.0;
}

double seed_draw(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t salt)
{
	return draw(a, b, c, d, salt);
}

/* The task instances of one period, as instance_tasks_each reports them. */
struct period_tasks {
	struct {
		int64_t id, template_id;
		enum task_kind kind;
		double target;
	} *items;
	int count, cap;
};

static int collect_task(void *ctx, const struct task_instance *ti)
{
	struct period_tasks *p = ctx;
	if (p->count == p->cap)
		return 0;
	p->items[p->count].id = ti->id;
	p->items[p->count].template_id = ti->task_template_id;
	p->items[p->count].kind = ti->kind;
	p->items[p->count].target = ti->target_value;
	p->count++;
	return 0;
}

/* Sets the note of task instance id. */
static int set_note(struct db *db, int64_t user_id, int64_t id, const char *note)
{
	sqlite3_stmt *s = db_stmt(db, STMT_EXPORT_SEED_NOTE);
	if (!s || db_bind_int(s, ":user_id", user_id) || db_bind_int(s, ":id", id) || db_bind_text(s, ":note", note))
		return -1;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Makes the trackers and tasks of user_id, starting at `start` (seconds). */
static int make_trackers(struct db *db, const struct seed_options *o, int64_t user_id, int64_t start,
			 int64_t *tracker_ids, struct seed_counts *out)
{
	int64_t category_ids[CATEGORY_COUNT];
	for (size_t c = 0; c < CATEGORY_COUNT; c++)
		if (category_create(db, start, user_id, categories[c].name, categories[c].color, &category_ids[c]) !=
		    TRACKER_OK)
			return -1;
	for (int t = 0; t < o->trackers; t++) {
		char name[128];
		const size_t nt = sizeof tracker_names / sizeof tracker_names[0];
		if (t < (int)nt)
			snprintf(name, sizeof name, "%s", tracker_names[t]);
		else
			snprintf(name, sizeof name, "%s %d", tracker_names[t % nt], t / (int)nt + 1);
		struct tracker_input in = {
			.name = name,
			.description = "Made by trackpro seed bench",
			.time_mode = t % 5 == 3 ? TIME_MODE_WEEKLY : TIME_MODE_DAILY,
			.start_date = TRACKER_NO_DATE,
			.end_date = TRACKER_NO_DATE,
			.color = categories[t % CATEGORY_COUNT].color,
			.category_id = t % 5 == 4 ? 0 : category_ids[t % CATEGORY_COUNT],
		};
		if (tracker_create(db, start, user_id, &in, &tracker_ids[t]) != TRACKER_OK)
			return -1;
		out->trackers++;
		for (int k = 0; k < o->tasks; k++) {
			struct task_input ti;
			task_input_defaults(&ti);
			const size_t nk = sizeof task_names / sizeof task_names[0];
			char task_name[128];
			if (k < (int)nk)
				snprintf(task_name, sizeof task_name, "%s", task_names[k]);
			else
				snprintf(task_name, sizeof task_name, "%s %d", task_names[k % nk], k / (int)nk + 1);
			ti.name = task_name;
			ti.points = 1 + k % 3;
			if (k % nk == 1) {
				ti.kind = TASK_MEASURE;
				ti.target_value = in.time_mode == TIME_MODE_WEEKLY ? 30 : 5;
				ti.direction = TASK_AT_LEAST;
				ti.unit = "km";
			}
			if (k % nk == 2 && in.time_mode == TIME_MODE_DAILY) {
				ti.schedule.kind = SCHEDULE_WEEKDAYS;
				ti.schedule.weekdays = 31; /* Monday to Friday */
			}
			int64_t id;
			if (task_create(db, start, user_id, tracker_ids[t], &ti, &id) != TASK_OK)
				return -1;
			out->tasks++;
		}
	}
	return 0;
}

/* Fills the finished periods of tracker t (number tn of user n) in first..last. offsets[i] is
 * the zone's UTC offset in minutes at noon of day first + i. */
static int fill_tracker(struct db *db, int n, int tn, const struct tracker *t,
			int64_t first, int64_t last, const int *offsets, struct period_tasks *tasks,
			struct seed_counts *out)
{
	struct period_rule rule = instance_period_rule(t, 1);
	struct period p;
	if (period_of(&rule, first, &p) < 0)
		return -1;
	if (p.start < first)
		p = period_next(&rule, p);
	struct arena a;
	arena_init(&a);
	int status = 0;
	for (; p.end <= last && status == 0; p = period_next(&rule, p)) {
		int64_t open_at = p.start * 86400 - (int64_t)offsets[p.start - first] * 60 + 5 * 3600;
		struct tracker_instance ti;
		if (instance_open(db, open_at, t, 1, p.start, &ti) != INSTANCE_OK) {
			status = -1;
			break;
		}
		out->periods++;
		tasks->count = 0;
		if (instance_tasks_each(db, &a, t->user_id, ti.id, collect_task, tasks) != INSTANCE_OK) {
			status = -1;
			break;
		}
		arena_reset(&a);
		uint64_t index = (uint64_t)(p.start - first);
		for (int i = 0; i < tasks->count && status == 0; i++) {
			uint64_t k = (uint64_t)tasks->items[i].template_id;
			/* each task its own success rate, weaker on weekends, with a slow wave */
			double rate = 0.55 + 0.4 * draw((uint64_t)n, (uint64_t)tn, k, 0, 1);
			if (t->time_mode == TIME_MODE_DAILY && civil_weekday(p.start) >= 5)
				rate -= 0.15;
			rate += 0.08 * sin((double)index * 6.283185307179586 / 91.0);
			double r = draw((uint64_t)n, (uint64_t)tn, k, index, 2);
			enum instance_status st = r < rate ? INSTANCE_DONE : r < rate + 0.06 ? INSTANCE_SKIPPED
											  : INSTANCE_MISSED;
			int64_t day = p.start + (int64_t)(draw((uint64_t)n, (uint64_t)tn, k, index, 3) *
							 (double)(p.end - p.start + 1));
			int64_t at = day * 86400 - (int64_t)offsets[day - first] * 60 + 6 * 3600 +
				     (int64_t)(draw((uint64_t)n, (uint64_t)tn, k, index, 4) * 15 * 3600);
			bool value_set = false;
			double value = 0, target = tasks->items[i].target;
			if (tasks->items[i].kind == TASK_MEASURE) {
				double v = draw((uint64_t)n, (uint64_t)tn, k, index, 5);
				if (st == INSTANCE_DONE) {
					value_set = true;
					value = round(target * (1 + 0.6 * v) * 10) / 10;
				} else if (st == INSTANCE_MISSED && v < 0.5) {
					value_set = true;
					value = round(target * v * 1.8 * 10) / 10;
				}
			}
			if (instance_set(db, at, day, t->user_id, tasks->items[i].id, st, value_set, value, SOURCE_SEED) !=
			    INSTANCE_OK) {
				status = -1;
				break;
			}
			out->task_instances++;
			out->done += st == INSTANCE_DONE;
			double nr = draw((uint64_t)n, (uint64_t)tn, k, index, 6);
			if (nr < 0.04) {
				if (set_note(db, t->user_id, tasks->items[i].id, notes[(size_t)(nr * 1000) % NOTE_COUNT]) < 0)
					status = -1;
				out->notes++;
			}
		}
	}
	arena_free(&a);
	return status;
}

int seed_bench_user(struct db *db, const struct seed_options *o, int n, struct seed_counts *out)
{
	memset(out, 0, sizeof *out);
	int64_t today;
	if (civil_today(o->time_zone, o->now, &today) < 0)
		civil_today(TIMEZONE_DEFAULT, o->now, &today);
	int64_t first = today - o->days, last = today - 1;
	int *offsets = xcalloc((size_t)o->days + 1, sizeof *offsets);
	for (int64_t d = first; d <= today; d++)
		if (timezone_offset_minutes(o->time_zone, d * 86400 + 43200, &offsets[d - first]) < 0)
			offsets[d - first] = 0;
	int64_t start = first * 86400 - (int64_t)offsets[0] * 60;
	int64_t *tracker_ids = xcalloc((size_t)o->trackers, sizeof *tracker_ids);
	struct period_tasks tasks = { .items = xcalloc((size_t)o->tasks, sizeof *tasks.items), .cap = o->tasks };
	struct arena a;
	arena_init(&a);
	char email[64], name[64];
	snprintf(email, sizeof email, "bench%d@example.org", n);
	snprintf(name, sizeof name, "Bench %d", n);
	int status = -1;
	enum user_status us = user_create(db, start, email, name, o->password_hash, o->time_zone, false, &out->user_id);
	if (us != USER_OK) {
		log_error("seed: cannot create %s%s", email, us == USER_EMAIL_TAKEN ? ": the address is taken" : "");
		goto out;
	}
	if (make_trackers(db, o, out->user_id, start, tracker_ids, out) < 0)
		goto out;
	for (int t = 0; t < o->trackers; t++) {
		struct tracker tr;
		arena_reset(&a);
		if (tracker_get(db, &a, out->user_id, tracker_ids[t], false, &tr) != TRACKER_OK ||
		    fill_tracker(db, n, t, &tr, first, last, offsets, &tasks, out) < 0)
			goto out;
	}
	status = 0;
out:
	if (status < 0 && us == USER_OK)
		log_error("seed: writing the history of %s failed: %s", email, sqlite3_errmsg(db->conn));
	arena_free(&a);
	free(tasks.items);
	free(tracker_ids);
	free(offsets);
	return status;
}

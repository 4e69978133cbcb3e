/* page_util: helpers shared by the tracker, task, tag and category pages (see page_util.h). */
#include "page_util.h"

#include "buf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chart.h"
#include "civil.h"
#include "habit_stats.h"
#include "clock.h"
#include "instance.h"
#include "pages.h"
#include "timezone.h"
#include "user.h"

static const char *const weekday_abbr[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

int page_load_tracker(struct app *app, struct req *r, struct tracker *t)
{
	enum tracker_result res = tracker_get(&app->db, r->arena, page_user(r)->id, r->route_ints[0], false, t);
	return res == TRACKER_OK ? 0 : res == TRACKER_NOT_FOUND ? 404 : 500;
}

int page_move_begin(struct app *app, struct req *r, int *delta)
{
	const char *direction = page_field(r, "direction");
	*delta = strcmp(direction, "up") == 0 ? -1 : strcmp(direction, "down") == 0 ? 1 : 0;
	if (!*delta)
		return 400;
	return db_begin_write(&app->db) < 0 ? 500 : 0;
}

int page_write_end(struct app *app, struct resp *w, int status, const char *location)
{
	if (status) {
		db_rollback(&app->db);
		return status;
	}
	if (db_commit(&app->db) < 0)
		return 500;
	resp_redirect(w, location);
	return 0;
}

int64_t page_user_today(struct app *app, const struct req *r)
{
	int64_t day = 0, now = clock_now(&app->clock);
	const struct user *u = r->user;
	if (!u || civil_today(u->time_zone, now, &day) < 0)
		civil_today("UTC", now, &day);
	return day;
}

int page_utc_offset(struct app *app, const char *zone)
{
	int minutes = 0;
	if (!zone || timezone_offset_minutes(zone, clock_now(&app->clock), &minutes) < 0)
		return 0;
	return minutes * 60;
}

const char *page_day_text(struct arena *a, int64_t day)
{
	if (day == TRACKER_NO_DATE)
		return "";
	char *s = arena_alloc(a, CIVIL_DATE_SIZE);
	civil_format(day, s);
	return s;
}

const char *page_local_time(struct arena *a, const char *zone, int64_t t)
{
	struct tm tm;
	if (timezone_localtime(zone, t, &tm) < 0)
		return arena_printf(a, "%lld", (long long)t);
	return arena_printf(a, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
			    tm.tm_min);
}

int page_parse_int(const char *s, long long min, long long max, long long *out)
{
	if (!s || !*s)
		return -1;
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!*p)
		return -1;
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int page_parse_number(const char *s, double *out)
{
	if (!s || !*s)
		return -1;
	for (const char *q = s; *q; q++)
		if (!((*q >= '0' && *q <= '9') || *q == '.' || *q == '-' || *q == '+' || *q == 'e' || *q == 'E'))
			return -1;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int page_parse_optional_day(const char *s, int64_t *out)
{
	if (!s || !*s) {
		*out = TRACKER_NO_DATE;
		return 0;
	}
	return civil_parse(s, out);
}

int page_parse_clock(const char *s)
{
	if (!s || !*s)
		return -1;
	size_t n = strlen(s);
	if ((n != 5 && n != 8) || s[2] != ':' || (n == 8 && s[5] != ':'))
		return -2;
	for (size_t i = 0; i < n; i++)
		if (i != 2 && i != 5 && (s[i] < '0' || s[i] > '9'))
			return -2;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60 ? h * 60 + m : -2;
}

const char *page_clock_text(struct arena *a, int minute)
{
	return minute < 0 ? "" : arena_printf(a, "%02d:%02d", minute / 60, minute % 60);
}

void page_field_error(struct view *v, const char *field, const char *message)
{
	char key[64];
	snprintf(key, sizeof key, "%s_error", field);
	if (!view_get(v, key)) /* the first problem of a field is the one shown */
		view_set_str(v, key, message);
}

void page_set_opt(struct view *v, const char *key, const char *s)
{
	if (s && *s)
		view_set_str(v, key, s);
	else
		view_set_bool(v, key, false);
}

int page_parse_id(const char *s, int64_t *out)
{
	long long v;
	if (!s || s[0] == '-' || s[0] == '+' || page_parse_int(s, 1, 9007199254740991LL, &v) < 0)
		return -1;
	*out = v;
	return 0;
}

const char *page_mode_label(enum time_mode m)
{
	return m == TIME_MODE_WEEKLY ? "Weekly" : m == TIME_MODE_MONTHLY ? "Monthly" : "Daily";
}

const char *page_mode_unit(enum time_mode m)
{
	return m == TIME_MODE_WEEKLY ? "Week" : m == TIME_MODE_MONTHLY ? "Month" : "Day";
}

const char *page_number_text(struct arena *a, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		return arena_printf(a, "%.0f", v);
	return arena_printf(a, "%.6g", v);
}

const char *page_weekday_words(struct arena *a, unsigned mask)
{
	mask &= 127;
	if (mask == 127)
		return "every day";
	if (mask == 0)
		return "no day";
	struct buf words;
	buf_init(&words);
	for (int d = 0; d < 7; d++)
		if (mask & (1u << d))
			buf_printf(&words, "%s%s", words.len ? ", " : "", weekday_abbr[d]);
	const char *text = arena_strdup(a, buf_cstr(&words));
	buf_free(&words);
	return text;
}

/* "Once", "Twice", "3 times". */
static const char *times_words(struct arena *a, int n)
{
	return n == 1 ? "Once" : n == 2 ? "Twice" : arena_printf(a, "%d times", n);
}

const char *page_schedule_words(struct arena *a, const struct schedule *s, enum time_mode m)
{
	switch (s->kind) {
	case SCHEDULE_EVERY_PERIOD:
		return m == TIME_MODE_WEEKLY ? "Every week" : m == TIME_MODE_MONTHLY ? "Every month" : "Every day";
	case SCHEDULE_WEEKDAYS:
		return (s->weekdays & 127) == 127 ? "Every day" : page_weekday_words(a, s->weekdays);
	case SCHEDULE_EVERY_N_DAYS: {
		const char *from = s->anchor == SCHEDULE_NO_ANCHOR ? "" : page_day_text(a, s->anchor);
		if (s->interval_days == 1)
			return arena_printf(a, "Every day from %s", from);
		return arena_printf(a, "Every %d days from %s", s->interval_days, from);
	}
	case SCHEDULE_TIMES_PER_PERIOD:
		return arena_printf(a, "%s a %s", times_words(a, s->times), m == TIME_MODE_MONTHLY ? "month" : "week");
	case SCHEDULE_TIMES_IN_DAYS:
		return arena_printf(a, "%s in any %d days", times_words(a, s->times), s->window_days);
	default:
		return "Unknown schedule";
	}
}

static const char *const time_of_day_labels[TASK_TIME_OF_DAY__MAX] = {
	[TASK_ANY_TIME] = "Any time", [TASK_MORNING] = "Morning", [TASK_AFTERNOON] = "Afternoon", [TASK_EVENING] = "Evening",
};
static const char *const priority_labels[TASK_PRIORITY__MAX] = {
	[TASK_PRIORITY_LOW] = "Low", [TASK_PRIORITY_NORMAL] = "Normal", [TASK_PRIORITY_HIGH] = "High",
};
static const char *const status_labels[TASK_STATUS__MAX] = {
	[TASK_ACTIVE] = "Active", [TASK_PAUSED] = "Paused", [TASK_ARCHIVED] = "Archived",
};

struct view *page_task_summary(struct arena *a, const struct task_template *t, enum time_mode m)
{
	struct view *v = view_map(a);
	view_set_int(v, "id", t->id);
	view_set_str(v, "name", t->name);
	page_set_opt(v, "description", t->description);
	view_set_str(v, "schedule", page_schedule_words(a, &t->schedule, m));
	if (t->kind == TASK_MEASURE)
		view_set_str(v, "kind", arena_printf(a, "%s %s%s%s", t->direction == TASK_AT_MOST ? "At most" : "At least",
						     page_number_text(a, t->target_value), *t->unit ? " " : "", t->unit));
	else
		view_set_str(v, "kind", "Check it off");
	view_set_int(v, "points", t->points);
	view_set_str(v, "weight", page_number_text(a, t->weight));
	unsigned tod = (unsigned)t->time_of_day < TASK_TIME_OF_DAY__MAX ? t->time_of_day : TASK_ANY_TIME;
	view_set_str(v, "time_of_day", time_of_day_labels[tod]);
	view_set_int(v, "difficulty", t->difficulty);
	view_set_str(v, "priority", priority_labels[(unsigned)t->priority < TASK_PRIORITY__MAX ? t->priority : 1]);
	view_set_bool(v, "counts_toward_goals", t->counts_toward_goals);
	unsigned st = (unsigned)t->status < TASK_STATUS__MAX ? t->status : TASK_ACTIVE;
	view_set_str(v, "status", task_status_name(st));
	view_set_str(v, "status_label", status_labels[st]);
	view_set_bool(v, "active", st == TASK_ACTIVE);
	view_set_bool(v, "paused", st == TASK_PAUSED);
	view_set_bool(v, "archived", st == TASK_ARCHIVED);
	view_set_bool(v, "deleted", t->deleted_at != 0);
	page_set_opt(v, "reminder", t->reminder_minute >= 0
					     ? arena_printf(a, "%s on %s", page_clock_text(a, t->reminder_minute),
							    page_weekday_words(a, t->reminder_weekdays))
					     : "");
	struct view *tags = view_list(a);
	for (int i = 0; i < t->tag_count; i++) {
		struct view *g = view_map(a);
		view_set_int(g, "id", t->tags[i].id);
		view_set_str(g, "name", t->tags[i].name);
		view_set_str(g, "color", t->tags[i].color);
		view_push(tags, g);
	}
	view_set(v, "tags", tags);
	view_set_bool(v, "has_tags", t->tag_count > 0);
	return v;
}

const char *page_tracker_dates(struct arena *a, const struct tracker *t)
{
	bool has_start = t->start_date != TRACKER_NO_DATE, has_end = t->end_date != TRACKER_NO_DATE;
	if (has_start && has_end)
		return arena_printf(a, "%s – %s", page_day_text(a, t->start_date), page_day_text(a, t->end_date));
	if (has_start)
		return arena_printf(a, "From %s", page_day_text(a, t->start_date));
	if (has_end)
		return arena_printf(a, "Until %s", page_day_text(a, t->end_date));
	return "";
}

const char *page_tracker_progress(struct arena *a, const struct tracker *t, int week_start, int64_t today)
{
	if (t->start_date == TRACKER_NO_DATE)
		return "";
	if (today < t->start_date)
		return arena_printf(a, "Starts on %s", page_day_text(a, t->start_date));
	struct period_rule rule = instance_period_rule(t, week_start);
	const char *unit = page_mode_unit(t->time_mode);
	if (t->end_date == TRACKER_NO_DATE) {
		int n = period_window_count(&rule, t->start_date, today);
		return n > 0 ? arena_printf(a, "%s %d", unit, n) : "";
	}
	int total = period_window_count(&rule, t->start_date, t->end_date);
	if (total <= 0)
		return "";
	if (today > t->end_date) {
		const char *word = t->time_mode == TIME_MODE_WEEKLY ? "week" : t->time_mode == TIME_MODE_MONTHLY ? "month" : "day";
		return arena_printf(a, "Finished (%d %s%s)", total, word, total == 1 ? "" : "s");
	}
	int n = period_window_count(&rule, t->start_date, today);
	return n > 0 ? arena_printf(a, "%s %d of %d", unit, n, total) : "";
}

int page_habit_owner(struct app *app, struct req *r, struct habit_owner *out)
{
	const struct user *u = page_user(r);
	struct user_preferences prefs;
	if (user_get_preferences(&app->db, r->arena, u->id, &prefs) != USER_OK)
		return 500;
	out->user_id = u->id;
	out->week_start = u->week_start;
	out->time_zone = u->time_zone;
	out->threshold = prefs.streak_threshold;
	out->today = page_user_today(app, r);
	out->window_days = 0; /* the whole history unless the page bounds it */
	out->strength = HABIT_STRENGTH_FULL;
	return 0;
}

/* "+5", "−3" or "±0" percentage points. */
static const char *signed_points(struct arena *a, int v)
{
	return v > 0 ? arena_printf(a, "+%d", v) : v < 0 ? arena_printf(a, "\u2212%d", -v) : "\u00b10";
}

struct view *page_stats_view(struct arena *a, const struct habit_stats *s, bool with_strength)
{
	struct view *v = view_map(a);
	view_set_int(v, "current", s->streak.current);
	/* a window that cut older history may have cut the streak too: "400+" */
	view_set_bool(v, "at_least", s->history_cut && s->streak.current > 0 && s->streak.current >= s->periods_counted - 1);
	view_set_int(v, "longest", s->streak.longest);
	view_set_bool(v, "active", s->streak.active);
	view_set_bool(v, "at_risk", s->at_risk);
	if (s->consistency >= 0)
		view_set_int(v, "consistency", s->consistency);
	if (with_strength) {
		view_set_bool(v, "with_strength", true);
		view_set_int(v, "strength", s->strength);
		view_set_str(v, "month_change", signed_points(a, s->strength_month_change));
		view_set_str(v, "year_change", signed_points(a, s->strength_year_change));
		view_set_str(v, "points", chart_line_points(a, s->series, HABIT_SERIES_DAYS, 180, 40));
	}
	return v;
}

const char *page_periods_text(struct arena *a, int n, enum time_mode mode)
{
	const char *unit = mode == TIME_MODE_WEEKLY ? "week" : mode == TIME_MODE_MONTHLY ? "month" : "day";
	return arena_printf(a, "%d %s%s", n, unit, n == 1 ? "" : "s");
}

const char *page_with_unit(struct arena *a, double v, const char *unit)
{
	double r = round(v * 100) / 100;
	const char *n = page_number_text(a, r == 0 ? 0 : r); /* two decimals at most, never "-0" */
	if (!unit || !*unit)
		return n;
	return strcmp(unit, "%") == 0 ? arena_printf(a, "%s%%", n) : arena_printf(a, "%s %s", n, unit);
}

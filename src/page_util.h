/* page_util: helpers the tracker, task, tag and category pages share — loading the routed
 * tracker, ending an action's write transaction, the user's today, dates and numbers from
 * form fields, field errors for the view, colour swatches, and schedules and task templates
 * described in words. */
#ifndef TRACKPRO_PAGE_UTIL_H
#define TRACKPRO_PAGE_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "http.h"
#include "task.h"
#include "tracker.h"
#include "user.h"
#include "view.h"

/* The logged-in user of r (a ROUTE_NEEDS_LOGIN page always has one). */
static inline const struct user *page_user(const struct req *r)
{
	return r->user;
}

/* Reads live tracker route_ints[0] of the logged-in user into *t: 0, or 404 (missing,
 * deleted or another user's) or 500. */
int page_load_tracker(struct app *app, struct req *r, struct tracker *t);

/* Starts a move action: *delta is the move the posted "direction" field asks for (-1 for
 * "up", 1 for "down"), and a write transaction is begun (db_begin_write). Returns 0, 400 for
 * any other direction (nothing begun), or 500 when the transaction does not start. */
int page_move_begin(struct app *app, struct req *r, int *delta);

/* Ends the write transaction a page's action began with db_begin_write: when status is 0,
 * commits and redirects to location, answering 500 when the commit fails; otherwise rolls
 * back and answers status. Returns what the handler returns (0 or an HTTP status). */
int page_write_end(struct app *app, struct resp *w, int status, const char *location);

/* The user's local day now (civil_today in their zone, UTC if the zone is refused). */
int64_t page_user_today(struct app *app, const struct req *r);

/* A day number as an arena "YYYY-MM-DD"; "" for TRACKER_NO_DATE. */
const char *page_day_text(struct arena *a, int64_t day);
/* The offset from UTC of time zone zone now, in seconds east (UTC+2 is 7200); 0 when the zone
 * is refused. */
int page_utc_offset(struct app *app, const char *zone);

/* "YYYY-MM-DD HH:MM" of timestamp t (seconds) in time zone zone. */
const char *page_local_time(struct arena *a, const char *zone, int64_t t);

/* Parses a whole decimal number (an optional '-', digits) between min and max into *out.
 * Returns 0, or -1 (out unchanged) for "", other characters, or a value out of range. */
int page_parse_int(const char *s, long long min, long long max, long long *out);

/* Parses a finite decimal number ("2", "2.5", "-1", "1e3"; no hex, inf or nan) into *out.
 * Returns 0 or -1. */
int page_parse_number(const char *s, double *out);

/* Parses "YYYY-MM-DD" (civil_parse) into *out; "" gives TRACKER_NO_DATE. Returns 0 or -1. */
int page_parse_optional_day(const char *s, int64_t *out);

/* Minutes after midnight from "HH:MM" or "HH:MM:SS"; -1 for "", -2 when malformed. */
int page_parse_clock(const char *s);
/* "HH:MM" of a minute of the day; "" for a negative one. */
const char *page_clock_text(struct arena *a, int minute);

/* Sets "<field>_error" = message in v (the template shows it next to the field). */
void page_field_error(struct view *v, const char *field, const char *message);

/* Sets key to s in v when s is not empty, else to false: "" is truthy in Mustache, and a
 * missing key would be looked up in the enclosing contexts. */
void page_set_opt(struct view *v, const char *key, const char *s);

/* Parses the id of form or query value s (a positive integer) into *out; 0 or -1. */
int page_parse_id(const char *s, int64_t *out);

/* "Daily", "Weekly", "Monthly"; and the unit of one period: "Day", "Week", "Month". */
const char *page_mode_label(enum time_mode m);
const char *page_mode_unit(enum time_mode m);

/* "12 days", "1 week", "3 months": n periods of mode. */
const char *page_periods_text(struct arena *a, int n, enum time_mode mode);

/* A number with its unit: "12.5 km", "75%", "3" (no unit); rounded to two decimals. */
const char *page_with_unit(struct arena *a, double v, const char *unit);

/* A number without trailing zeros ("2", "2.5"). */
const char *page_number_text(struct arena *a, double v);

/* A schedule in words for a tracker of mode m: "Every day", "Mon, Wed, Fri", "Every 3 days
 * from 2026-11-01", "3 times a week", "4 times in any 7 days". */
const char *page_schedule_words(struct arena *a, const struct schedule *s, enum time_mode m);

/* Weekdays of a mask (bit 0 = Monday) in words: "Mon, Wed, Fri", "every day", "no day". */
const char *page_weekday_words(struct arena *a, unsigned mask);

/* The map describing template t of a tracker of mode m for the tracker and history pages:
 * id, name, description, schedule, kind ("Check it off" / "At least 8 glasses"), points,
 * weight, time_of_day, difficulty, priority, counts_toward_goals, status, status_label,
 * active / paused / archived / deleted flags, reminder ("08:00 on Mon, Tue", or false when
 * none), tags [{id, name, color}] and has_tags. */
struct view *page_task_summary(struct arena *a, const struct task_template *t, enum time_mode m);

/* The tracker's dates in words: "2026-05-01 – 2026-05-21", "From 2026-05-01", "Until …", "". */
const char *page_tracker_dates(struct arena *a, const struct tracker *t);

/* Where a challenge or program stands on today: "Day 5 of 21", "Week 2 of 8", "Day 12" (no
 * end date), "Starts on 2026-06-01", "Finished (21 days)"; "" for a tracker without a start
 * date. */
const char *page_tracker_progress(struct arena *a, const struct tracker *t, int week_start, int64_t today);

/* Fills the calendar settings habit_stats needs for the logged-in user of r (week start, zone,
 * streak threshold from the preferences, today). Returns 0 or 500. */
struct habit_owner;
int page_habit_owner(struct app *app, struct req *r, struct habit_owner *out);

/* A view of habit stats for the templates: "streak" {current, longest, active, at_risk,
 * consistency (percent, absent when nothing was due), and with_strength: strength,
 * month_change / year_change ("+5" / "−3" / "±0"), points (the 90-day line)}. */
struct habit_stats;
struct view *page_stats_view(struct arena *a, const struct habit_stats *s, bool with_strength);

#endif

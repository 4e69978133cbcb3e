/* goal: goals in four kinds — target (a value by a deadline, from progress entries), counter
 * (an open-ended count with resets), tasks (fed by completions of mapped task templates) and
 * period (a target per day, week or month, with one snapshot per finished period) — their
 * status (active, achieved, failed, abandoned), history (goal_events), progress entries,
 * task mappings and period snapshots (issue 5, "Goals"; seeds 000, 002, 003, 004). Domain
 * layer: no HTTP. Every function takes the owner's user id and reads or writes only that
 * user's rows; another user's goal or task template is GOAL_NOT_FOUND. Writes do not open
 * transactions: the caller wraps one POST in db_begin_write/db_commit, and every write that
 * changes what a goal counts recomputes it in that same transaction, so the stored
 * current_value, best_value and status are never stale. Days are day numbers (civil.h);
 * timestamps are seconds since the epoch; `today` is the user's local day.
 *
 * What counts (the rules the services keep, decided here where the product documents leave a
 * gap):
 *   - target and counter goals: current = the sum of the progress entries (deltas; negative
 *     ones correct or reset). A counter's best_value is the highest the running sum of its
 *     entries ever reached, in the order they were logged (the longest run kept).
 *   - tasks and period goals count the task instances of their mapped templates that are not
 *     deleted, whose template is neither deleted nor set not to count toward goals, in trackers
 *     that are not deleted. An instance's day is the day it was completed kept inside its own
 *     period (max(period_start, min(period_end, completed_day))) — a backdated check-in of a
 *     daily task counts on the day it was for — and the first day of its period when it is not
 *     done. Metrics, each instance times its mapping's weight (0–1): completions = done
 *     instances; points = points (the instance's snapshot) of done instances; days = days with
 *     a done instance, each day counting the largest weight among them; amount = the values of
 *     measure tasks, done or not; percent = 100 × done / due (skipped instances leave the
 *     denominator; 0 when nothing was due).
 *   - tasks goals count instances whose day lies in [start_date, deadline] (no deadline: from
 *     start_date on). start_date is set at creation for every kind (the creation day when the
 *     form leaves it empty), so "the goal's window starts at its start date or creation".
 *   - period goals cut time into calendar days, weeks (from the user's week start) or months,
 *     from the period holding start_date to the period holding the deadline (none: open-ended);
 *     whole periods count, also their days before the start date. Each finished period has one
 *     goal_period_snapshots row (achieved value, target, percent, achieved flag). A snapshot
 *     keeps the target it was taken with when the goal's target changes later; a backdated
 *     check-in updates its achieved value. current_value is the value of the current period
 *     (of the last one once the goal has ended).
 *   - status (not for abandoned goals, which keep their status until reactivated):
 *     target and tasks goals are achieved when current ≥ target, failed when the deadline has
 *     passed short of it, else active — re-evaluated both ways on every recompute, so raising
 *     the target of an achieved goal above its value makes it active again. A counter stays
 *     active. A period goal with a deadline ends when the period holding the deadline ends:
 *     achieved when its periods' percents average 100 or more, else failed. Every change of
 *     status records a status_changed event; achieved_at is set on the move to achieved and
 *     cleared on the move away.
 *   - pace (goal_progress_of): linear from the start date to the deadline, judged at the start
 *     of today: a goal is on track when current ≥ target × (days before today since the start)
 *     ÷ (days from start to deadline). A period goal's current period is judged the same way
 *     over the period's days (percent goals: on track while the percent so far reaches the
 *     target). */
#ifndef TRACKPRO_GOAL_H
#define TRACKPRO_GOAL_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "period.h"

#define GOAL_NAME_MAX 100
#define GOAL_DESCRIPTION_MAX 2000
#define GOAL_UNIT_MAX 20
#define GOAL_NOTE_MAX 500        /* bytes of a progress entry's or reset's note */
#define GOAL_VALUE_MAX 1e12      /* largest target, and largest entry in absolute value */
#define GOAL_NO_DATE INT64_MIN   /* a start date or deadline that is not set */

enum goal_kind { GOAL_TARGET, GOAL_COUNTER, GOAL_TASKS, GOAL_PERIOD, GOAL_KIND__MAX };
enum goal_status { GOAL_ACTIVE, GOAL_ACHIEVED, GOAL_FAILED, GOAL_ABANDONED, GOAL_STATUS__MAX };
enum goal_metric { GOAL_COMPLETIONS, GOAL_DAYS, GOAL_POINTS, GOAL_AMOUNT, GOAL_PERCENT, GOAL_METRIC__MAX };
enum goal_period_unit { GOAL_PER_DAY, GOAL_PER_WEEK, GOAL_PER_MONTH, GOAL_PERIOD_UNIT__MAX };
enum goal_event_kind {
	GOAL_EVENT_CREATED,
	GOAL_EVENT_EDITED,
	GOAL_EVENT_TARGET_CHANGED,
	GOAL_EVENT_STATUS_CHANGED,
	GOAL_EVENT_RESET,
	GOAL_EVENT_KIND__MAX
};

/* Database words of the enums ("target", "achieved", "completions", "week", "reset" …) and
 * their parsers (0, or -1 for NULL or an unknown word). */
const char *goal_kind_name(enum goal_kind k);
int goal_kind_parse(const char *s, enum goal_kind *out);
const char *goal_status_name(enum goal_status s);
int goal_status_parse(const char *s, enum goal_status *out);
const char *goal_metric_name(enum goal_metric m);
int goal_metric_parse(const char *s, enum goal_metric *out);
const char *goal_period_unit_name(enum goal_period_unit u);
int goal_period_unit_parse(const char *s, enum goal_period_unit *out);
const char *goal_event_kind_name(enum goal_event_kind k);
int goal_event_kind_parse(const char *s, enum goal_event_kind *out);

/* True when metric m can be the metric of a goal of kind k: tasks goals count completions,
 * days or points; period goals completions, points, amount or percent; other kinds none. */
bool goal_metric_fits(enum goal_kind k, enum goal_metric m);

enum goal_result {
	GOAL_OK = 0,
	GOAL_NOT_FOUND, /* no such goal (or template) of this user, or the goal is deleted */
	GOAL_INVALID,   /* an input breaks a rule (see goal_input_check and each function) */
	GOAL_ERROR      /* database error, logged */
};

struct goal {
	int64_t id;
	int64_t user_id;
	const char *name;
	const char *description;
	enum goal_kind kind;
	const char *unit;            /* "dollars", "books", "" */
	double target_value;         /* > 0; 0 for a counter (no target) */
	int64_t start_date;          /* GOAL_NO_DATE only for rows made outside these services */
	int64_t deadline;            /* GOAL_NO_DATE when none */
	enum goal_metric metric;     /* tasks and period goals; GOAL_COMPLETIONS otherwise */
	enum goal_period_unit period_unit; /* period goals; GOAL_PER_DAY otherwise */
	double current_value;
	double best_value;           /* a counter's longest run; 0 for other kinds */
	enum goal_status status;
	int64_t achieved_at;         /* 0 when not achieved */
	int64_t category_id;         /* 0 when none */
	const char *category_name;   /* "" when none */
	int position;
	int64_t created_at;
	int64_t updated_at;
	int64_t deleted_at;          /* 0 when not deleted */
};

/* What a create or edit form sets. Fields that do not belong to the kind are ignored and
 * stored as NULL: target_value and deadline of a counter, metric of target and counter goals,
 * period_unit of all but period goals. */
struct goal_input {
	const char *name;
	const char *description;
	enum goal_kind kind;
	const char *unit;
	double target_value;
	int64_t start_date;          /* GOAL_NO_DATE: goal_create uses today */
	int64_t deadline;            /* GOAL_NO_DATE: none (required for target goals) */
	enum goal_metric metric;
	enum goal_period_unit period_unit;
	int64_t category_id;         /* 0 for none; must be the user's */
};

/* Checks an input without the database: name 1–GOAL_NAME_MAX bytes after trimming,
 * description ≤ GOAL_DESCRIPTION_MAX, unit ≤ GOAL_UNIT_MAX, a known kind; for target, tasks
 * and period goals a target above 0 and at most GOAL_VALUE_MAX (a percent target at most
 * 100); a metric and period unit that fit the kind; real dates (1900–2999); a target goal's
 * deadline; deadline ≥ start date; and a deadline not before today unless it equals
 * kept_deadline (the stored deadline of an edited goal; GOAL_NO_DATE when creating), so a past
 * deadline is refused at creation. Returns NULL, or a sentence for the user with *field set to
 * the form field it belongs to ("name", "description", "unit", "kind", "metric",
 * "period_unit", "target_value", "start_date", "deadline"). */
const char *goal_input_check(const struct goal_input *in, int64_t today, int64_t kept_deadline, const char **field);

/* Creates a goal at the end of the user's list with a `created` event and computes it (a
 * tasks goal made today may already count today's completions once mapped); an empty start
 * date becomes today. *id_out (when not NULL) receives its id. GOAL_INVALID when the input
 * fails goal_input_check or category_id is not the user's. */
enum goal_result goal_create(struct db *db, int64_t now, int64_t today, int64_t user_id, const struct goal_input *in,
			     int64_t *id_out);

/* Reads live goal id of user_id into *out (strings in a). */
enum goal_result goal_get(struct db *db, struct arena *a, int64_t user_id, int64_t id, struct goal *out);

/* Calls fn for each live goal of user_id — every status when status_filter is NULL, else only
 * goals with *status_filter — active ones first, then by position and id (strings valid
 * during the call; fn returns non-zero to stop). Rows are read before fn runs, so fn may use
 * the database. */
enum goal_result goal_each(struct db *db, struct arena *a, int64_t user_id, const enum goal_status *status_filter,
			   int (*fn)(void *ctx, const struct goal *g), void *ctx);

/* Changes a goal's fields (not its kind: a different in->kind is GOAL_INVALID). Records a
 * target_changed event (old and new target) when the target changes and an `edited` event
 * when anything else does; a period goal whose metric, period unit or start date changes loses
 * its snapshots, which the recompute takes again. Then recomputes, so the status follows the
 * new target both ways (the status_changed event says "The target changed"). An empty start
 * date keeps the stored one. */
enum goal_result goal_update(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t id,
			     const struct goal_input *in);

/* Abandons a goal (status abandoned, a status_changed event); GOAL_OK without a change when it
 * is already abandoned. */
enum goal_result goal_abandon(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t id);
/* Takes an abandoned goal up again: its status becomes what its values say (active,
 * achieved or failed), with a status_changed event; GOAL_OK without a change when it is not
 * abandoned. */
enum goal_result goal_reactivate(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t id);

/* Soft-deletes a goal: it leaves every list and read; its rows stay. */
enum goal_result goal_delete(struct db *db, int64_t now, int64_t user_id, int64_t id);

/* Checks a progress entry without the database: value finite, not 0, |value| ≤
 * GOAL_VALUE_MAX; day a real day (1900–2999) not after today; note one line of at most
 * GOAL_NOTE_MAX bytes. Returns NULL, or a sentence with *field set to "value", "day" or
 * "note". */
const char *goal_entry_check(double value, int64_t day, int64_t today, const char *note, const char **field);

/* Logs a progress entry (a delta) of a target or counter goal and recomputes it. value: finite,
 * not 0, |value| ≤ GOAL_VALUE_MAX; day: a real day not after today (backdating allowed);
 * note ≤ GOAL_NOTE_MAX bytes, one line. GOAL_INVALID for another kind or a bad input. */
enum goal_result goal_entry_add(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id,
				double value, int64_t day, const char *note);

/* Resets a counter: logs an entry of minus its current value on today (is_reset = 1) with
 * note, records a `reset` event (old value, 0) and recomputes; its best run stays.
 * GOAL_INVALID for another kind, a counter already at 0 or a bad note. */
enum goal_result goal_reset(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id,
			    const char *note);

/* Maps task template task_template_id (of user_id, not deleted) to a tasks or period goal
 * with weight 0–1, or changes the weight of that mapping, and recomputes the goal.
 * GOAL_NOT_FOUND when the goal or the template is not the user's; GOAL_INVALID for another
 * kind of goal, a deleted template or a weight outside 0–1. A template may feed several
 * goals, each fully (times its weight). */
enum goal_result goal_mapping_set(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id,
				  int64_t task_template_id, double weight);
/* Removes a mapping and recomputes; GOAL_NOT_FOUND when there is none. */
enum goal_result goal_mapping_delete(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id,
				     int64_t task_template_id);

/* Recomputes goal goal_id of user_id as the rules above say: its current and best values,
 * its period snapshots and its status (with a status_changed event when it moves). Writes
 * only what changed. GOAL_NOT_FOUND for a missing, deleted or foreign goal. */
enum goal_result goal_recompute(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id);
/* Recomputes every live goal of user_id that template task_template_id feeds (a check-in
 * changed one of its instances); GOAL_OK when there is none. instance_set calls it. */
enum goal_result goal_recompute_for_template(struct db *db, int64_t now, int64_t today, int64_t user_id,
					     int64_t task_template_id);
/* Recomputes every live goal of user_id: the goal pages call it (in a write transaction)
 * before they read, so deadlines that passed, periods that ended and deleted templates show
 * at once. */
enum goal_result goal_refresh(struct db *db, int64_t now, int64_t today, int64_t user_id);

/* The list readers below (entries, events, mappings, templates, snapshots) call fn while
 * their statement steps: fn must not run the same reader (goal_each reads first, so its fn
 * may). fn returns non-zero to stop. */

/* One progress entry. */
struct goal_entry {
	int64_t id;
	double value;
	int64_t day;
	const char *note;
	bool is_reset;
	int64_t created_at;
};
/* Calls fn for the newest entries of goal goal_id (by day, then as logged), at most limit. */
enum goal_result goal_entries_each(struct db *db, struct arena *a, int64_t user_id, int64_t goal_id, int limit,
				   int (*fn)(void *ctx, const struct goal_entry *e), void *ctx);

/* One history event. has_* tell which optional columns are set. */
struct goal_event {
	int64_t at;
	enum goal_event_kind kind;
	bool has_old_value, has_new_value, has_old_status, has_new_status;
	double old_value, new_value;
	enum goal_status old_status, new_status;
	const char *note;
};
/* Calls fn for the newest events of goal goal_id, at most limit. */
enum goal_result goal_events_each(struct db *db, struct arena *a, int64_t user_id, int64_t goal_id, int limit,
				  int (*fn)(void *ctx, const struct goal_event *e), void *ctx);

/* A task template as a goal sees it: a mapping (weight set) or a choice for a new one. */
struct goal_task {
	int64_t task_template_id;
	const char *name;
	int64_t tracker_id;
	const char *tracker_name;
	double weight;            /* the mapping's; 1 for a choice */
	bool deleted;             /* the template or its tracker is deleted: it no longer counts */
	bool counts_toward_goals; /* false: the template is set not to count */
	bool measure;             /* a measure task (its values feed "amount") */
	const char *unit;         /* the measure task's unit */
};
/* Calls fn for each mapping of goal goal_id, by tracker and task position. */
enum goal_result goal_mappings_each(struct db *db, struct arena *a, int64_t user_id, int64_t goal_id,
				    int (*fn)(void *ctx, const struct goal_task *t), void *ctx);
/* Calls fn for each live task template of user_id (what a mapping can name), by tracker and
 * task position. */
enum goal_result goal_templates_each(struct db *db, struct arena *a, int64_t user_id,
				     int (*fn)(void *ctx, const struct goal_task *t), void *ctx);

/* One finished period of a period goal. */
struct goal_snapshot {
	struct period period;
	double achieved_value;
	double target_value;
	double percent;
	bool achieved;
	int64_t taken_at;
};
/* Calls fn for each snapshot of goal goal_id, oldest first. */
enum goal_result goal_snapshots_each(struct db *db, struct arena *a, int64_t user_id, int64_t goal_id,
				     int (*fn)(void *ctx, const struct goal_snapshot *s), void *ctx);

/* Where a goal stands on today, from its stored values (pure: no database). */
enum goal_pace {
	GOAL_PACE_NONE,     /* no pace: a counter, no deadline, not started, ended or not active */
	GOAL_PACE_ON_TRACK,
	GOAL_PACE_BEHIND,
	GOAL_PACE_ACHIEVED  /* the target (a period goal: the current period's) is reached */
};
struct goal_progress {
	double percent;        /* current ÷ target × 100 (not below 0, may pass 100); 0 without a target */
	double remaining;      /* target − current, at least 0 */
	enum goal_pace pace;   /* see the rules at the top; for period goals, the current period's */
	double expected;       /* where linear pace puts the value at the start of today */
	bool has_rate;         /* per_day and per_week are set: an active target or tasks goal with
				  a deadline from today on and something left to do */
	int64_t days_left;     /* today..deadline, inclusive; 0 when there is no deadline or it passed */
	double per_day;        /* remaining ÷ days_left */
	double per_week;       /* per_day × 7 */
	struct period current_period; /* period goals: the period holding today (or the last one once
					 ended, the first one before the start); empty for other kinds */
	bool period_ended;     /* period goals: the goal's last period has ended */
	bool not_started;      /* today is before the start date (period goals: before the first period) */
};
/* Fills *out for goal g of a user whose weeks start on week_start (0 Sunday, 1 Monday). */
void goal_progress_of(const struct goal *g, int week_start, int64_t today, struct goal_progress *out);

/* The calendar period rule of a period unit (days, weeks from week_start, months). */
struct period_rule goal_period_rule(enum goal_period_unit u, int week_start);

/* The status values imply for a target or tasks goal (achieved, failed or active; see the
 * rules at the top), ignoring abandonment. Counters are always active. Period goals: pass
 * their snapshots' mean percent and whether their last period has ended. */
enum goal_status goal_status_for(enum goal_kind kind, double current, double target, int64_t deadline, int64_t today,
				 bool period_ended, double mean_percent);

#endif

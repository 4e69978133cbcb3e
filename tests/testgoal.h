/* testgoal: what the goal domain suites share — a fixture with a migrated database and two
 * users, "today" and the day helpers, and goals, trackers, tasks, check-ins and mappings made
 * through the domain functions with their results asserted. The user is in UTC with Monday
 * weeks. */
#ifndef TRACKPRO_TESTGOAL_H
#define TRACKPRO_TESTGOAL_H

#include <stdint.h>

#include "goal.h"
#include "instance.h"
#include "testdb.h"
#include "tracker.h"

/* The two users of the running test (a@example.org, b@example.org), made by testgoal_setup. */
extern int64_t user_id, other_id;
/* The day the tests call today unless they say otherwise: 2026-05-22, a Friday. */
extern int64_t TODAY;

/* Noon UTC of day, as a time in seconds. */
#define NOON(day) ((int64_t)(day) * 86400 + 12 * 3600)
/* The day of text ("YYYY-MM-DD"); fails the test unless it parses. */
#define D(text) testdb_day(text)

/* Check fixture (with testdb_teardown): testdb_setup, then the two users and TODAY. */
void testgoal_setup(void);

/* A goal input of kind k with a name and the given target, no dates, no category. */
struct goal_input input(enum goal_kind k, const char *name, double target);
/* Creates goal in for user_id on today; asserts GOAL_OK and returns its id. */
int64_t make_goal(const struct goal_input *in, int64_t today);
/* Reads goal id of user_id. */
struct goal get(int64_t id);
/* Asserts the stored current value, best value and status of goal id. */
void assert_goal(int64_t id, double current, double best, enum goal_status status);
/* A daily tracker without dates. */
struct tracker make_tracker(const char *name);
/* Adds a check task (points p) or, when target > 0, a measure task "at least target unit". */
int64_t make_task(const struct tracker *t, const char *name, int64_t points, double target, const char *unit);
/* Checks in task template_id of t for day as of today: status, or a measured value when
 * value >= 0. Goes through instance_set, as the pages do, so linked goals follow. */
void checkin_at(const struct tracker *t, int64_t template_id, int64_t day, int64_t today,
		enum instance_status status, double value);
/* Marks task template_id of t done on day (checked in that same day). */
void done(const struct tracker *t, int64_t template_id, int64_t day);
/* Maps template to goal with weight. */
void map(int64_t goal, int64_t template, double weight, int64_t today);

/* What count_mapping counts. */
struct mapping_count {
	int count, deleted, quiet;
};

/* goal_mappings_each callback: counts mappings, deleted ones and ones that do not count. */
int count_mapping(void *ctx, const struct goal_task *gt);

#endif

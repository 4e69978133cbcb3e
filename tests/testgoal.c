/* testgoal: the fixture and helpers the goal domain suites share. */
#include "testgoal.h"

#include <check.h>
#include <math.h>

#include "task.h"

int64_t user_id, other_id;
int64_t TODAY;

void testgoal_setup(void)
{
	testdb_setup();
	user_id = testdb_user(&tdb, "a@example.org");
	other_id = testdb_user(&tdb, "b@example.org");
	TODAY = D("2026-05-22");
}

struct goal_input input(enum goal_kind k, const char *name, double target)
{
	struct goal_input in = {
		.name = name, .description = "", .kind = k, .unit = "", .target_value = target,
		.start_date = GOAL_NO_DATE, .deadline = GOAL_NO_DATE, .metric = GOAL_COMPLETIONS,
		.period_unit = GOAL_PER_WEEK, .category_id = 0,
	};
	return in;
}

int64_t make_goal(const struct goal_input *in, int64_t today)
{
	int64_t id = 0;
	ck_assert_int_eq(goal_create(&tdb.db, NOON(today), today, user_id, in, &id), GOAL_OK);
	ck_assert_int_gt(id, 0);
	return id;
}

struct goal get(int64_t id)
{
	struct goal g;
	ck_assert_int_eq(goal_get(&tdb.db, &tdb.arena, user_id, id, &g), GOAL_OK);
	return g;
}

void assert_goal(int64_t id, double current, double best, enum goal_status status)
{
	struct goal g = get(id);
	ck_assert_msg(fabs(g.current_value - current) < 1e-6, "goal %lld: current %g, expected %g", (long long)id,
		      g.current_value, current);
	ck_assert_msg(fabs(g.best_value - best) < 1e-6, "goal %lld: best %g, expected %g", (long long)id, g.best_value,
		      best);
	ck_assert_msg(g.status == status, "goal %lld: status %s, expected %s", (long long)id, goal_status_name(g.status),
		      goal_status_name(status));
}

struct tracker make_tracker(const char *name)
{
	struct tracker_input in = { name, "", TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, "#336699", 0 };
	int64_t id;
	ck_assert_int_eq(tracker_create(&tdb.db, 0, user_id, &in, &id), TRACKER_OK);
	struct tracker t;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, user_id, id, false, &t), TRACKER_OK);
	return t;
}

int64_t make_task(const struct tracker *t, const char *name, int64_t points, double target, const char *unit)
{
	struct task_input in;
	task_input_defaults(&in);
	in.name = name;
	in.points = points;
	if (target > 0) {
		in.kind = TASK_MEASURE;
		in.target_value = target;
		in.direction = TASK_AT_LEAST;
		in.unit = unit;
	}
	int64_t id;
	ck_assert_int_eq(task_create(&tdb.db, 0, user_id, t->id, &in, &id), TASK_OK);
	return id;
}

struct find_ctx {
	int64_t template_id, instance_id;
};

static int find_instance(void *ctx, const struct task_instance *ti)
{
	struct find_ctx *c = ctx;
	if (ti->task_template_id == c->template_id)
		c->instance_id = ti->id;
	return 0;
}

void checkin_at(const struct tracker *t, int64_t template_id, int64_t day, int64_t today,
		enum instance_status status, double value)
{
	struct tracker_instance ti;
	ck_assert_int_eq(instance_open(&tdb.db, NOON(today), t, 1, day, &ti), INSTANCE_OK);
	struct find_ctx c = { template_id, 0 };
	ck_assert_int_eq(instance_tasks_each(&tdb.db, &tdb.arena, user_id, ti.id, find_instance, &c), INSTANCE_OK);
	ck_assert_int_gt(c.instance_id, 0);
	ck_assert_int_eq(instance_set(&tdb.db, NOON(today), today, user_id, c.instance_id, status, value >= 0,
				      value >= 0 ? value : 0, SOURCE_WEB),
			 INSTANCE_OK);
}

void done(const struct tracker *t, int64_t template_id, int64_t day)
{
	checkin_at(t, template_id, day, day, INSTANCE_DONE, -1);
}

void map(int64_t goal, int64_t template, double weight, int64_t today)
{
	ck_assert_int_eq(goal_mapping_set(&tdb.db, NOON(today), today, user_id, goal, template, weight), GOAL_OK);
}

int count_mapping(void *ctx, const struct goal_task *gt)
{
	struct mapping_count *c = ctx;
	c->count++;
	c->deleted += gt->deleted;
	c->quiet += !gt->counts_toward_goals;
	return 0;
}

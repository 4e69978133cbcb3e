/* streak: current and longest streaks over period results, and milestones crossed. */
#include "streak.h"

#include <limits.h>

/* Slack on the threshold comparison, in percent: 0.8 * 100 is 80.00000000000001 or
 * 79.99999999999999 depending on how the completion was computed, and must count at 80%. */
#define THRESHOLD_EPSILON 1e-9

/* Whether a due period of completion c counts at threshold t (percent 0..100). A NaN
 * completion compares false, so it never counts. */
static bool counts(double c, int t)
{
	return c * 100.0 >= (double)t - THRESHOLD_EPSILON;
}

/* streak_compute (streak.h): one pass, oldest to newest, keeping the running streak. */
struct streak streak_compute(const struct period_result *r, size_t n, int threshold_percent)
{
	struct streak s = { 0, 0, false, STREAK_NEVER, STREAK_NEVER };
	int t = threshold_percent < 0 ? 0 : threshold_percent > 100 ? 100 : threshold_percent;
	int run = 0;
	int64_t run_start = STREAK_NEVER;

	for (size_t i = 0; i < n; i++) {
		const struct period_result *p = &r[i];
		if (!p->due)
			continue; /* neutral */
		if (counts(p->completion, t)) {
			if (run == 0)
				run_start = p->start;
			if (run < INT_MAX)
				run++;
			if (run > s.longest)
				s.longest = run;
			s.last_counting_day = p->end;
		} else if (!p->open) {
			run = 0; /* a past due period below the threshold breaks */
			run_start = STREAK_NEVER;
		}
		/* an open period below the threshold is neutral */
	}
	s.current = run;
	s.active = run > 0;
	s.current_start = run_start; /* STREAK_NEVER unless a run is going */
	return s;
}

/* streak_milestones_reached (streak.h). */
int streak_milestones_reached(int previous_length, int new_length, int out[STREAK_MILESTONE_COUNT])
{
	int k = 0;
	for (int i = 0; i < STREAK_MILESTONE_COUNT; i++) {
		int m = STREAK_MILESTONES[i];
		if (previous_length < m && m <= new_length)
			out[k++] = m;
	}
	return k;
}

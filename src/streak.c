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

/* Marks the days of [from, to] that lie in [first, last] as covered. */
static void cover(bool *covered, int64_t first, int64_t last, int64_t from, int64_t to)
{
	if (from < first)
		from = first;
	if (to > last)
		to = last;
	for (int64_t d = from; d <= to; d++)
		covered[d - first] = true;
}

/* streak_rolling_cover (streak.h): walks the done days newest first, as Loop does, keeping the
 * begin of the newer window for the snapping step. */
void streak_rolling_cover(const int64_t *done, size_t n, int times, int window, int64_t first, int64_t last,
			  bool *covered)
{
	if (last < first)
		return;
	for (int64_t d = first; d <= last; d++)
		covered[d - first] = false;
	for (size_t i = 0; i < n; i++)
		if (done[i] >= first && done[i] <= last)
			covered[done[i] - first] = true;
	if (times < 1 || window < 1 || n < (size_t)times)
		return;
	bool have_newer = false;
	int64_t newer_begin = 0;
	/* k counts from the newest done day: begin = done[n-1-k], center = done[n-1-k+times-1] */
	for (size_t k = (size_t)times - 1; k < n; k++) {
		int64_t begin = done[n - 1 - k];
		int64_t center = done[n - 1 - k + (size_t)times - 1];
		if (center - begin >= window)
			continue;
		int64_t end = begin + window - 1;
		if (have_newer && end - newer_begin >= 0) {
			int64_t shift = end - center < end - newer_begin + 1 ? end - center : end - newer_begin + 1;
			begin -= shift;
			end -= shift;
		}
		cover(covered, first, last, begin, end);
		have_newer = true;
		newer_begin = begin;
	}
}

/* score: Loop Habit Tracker's habit strength, day by day (ScoreList.recompute). */
#include "score.h"

#include <math.h>

#include "civil.h"

/* score_multiplier (score.h); Loop's ScoreList.compute. */
double score_multiplier(int freq_num, int freq_den)
{
	if (freq_num < 1 || freq_num > SCORE_FREQ_MAX || freq_den < 1 || freq_den > SCORE_FREQ_MAX)
		return NAN;
	return pow(0.5, sqrt((double)freq_num / (double)freq_den) / 13.0);
}

/* Whether score_series reads e's amount for habit h (score.h, struct score_entry). */
static bool reads_amount(const struct score_habit *h, const struct score_entry *e)
{
	return e->mark == SCORE_AMOUNT || (h->measure && e->mark == SCORE_DONE);
}

/* What e adds to the window of habit h: 1 for a done day of a yes/no task, max(0, amount)
 * for a measure task; 0 for nothing entered or a skip. */
static double entry_value(const struct score_habit *h, const struct score_entry *e)
{
	if (e->mark == SCORE_NONE || e->mark == SCORE_SKIPPED)
		return 0.0;
	if (!h->measure)
		return e->mark == SCORE_DONE || e->amount > 0.0 ? 1.0 : 0.0;
	return e->amount > 0.0 ? e->amount : 0.0;
}

/* The checks score_series states, as 0 or -1. */
static int validate(const struct score_habit *h, const struct score_entry *entries, size_t n,
		    int64_t first_day, int64_t last_day, const double *out)
{
	if (h == NULL || out == NULL || (entries == NULL && n > 0))
		return -1;
	if (h->freq_num < 1 || h->freq_num > SCORE_FREQ_MAX || h->freq_den < 1 || h->freq_den > SCORE_FREQ_MAX)
		return -1;
	if (h->measure && !(isfinite(h->target) && h->target >= 0.0))
		return -1;
	if (first_day < CIVIL_DAY_MIN || last_day > CIVIL_DAY_MAX || first_day > last_day)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct score_entry *e = &entries[i];
		if ((unsigned)e->mark >= SCORE__MAX)
			return -1;
		if (reads_amount(h, e) && !isfinite(e->amount))
			return -1;
		if (i > 0 && e->day <= entries[i - 1].day)
			return -1;
	}
	return 0;
}

/* p, the day's fraction of what the window asks, for a measure task whose window holds sum
 * (score.h, score_series). */
static double measure_fraction(const struct score_habit *h, double sum)
{
	if (!h->at_most)
		return h->target > 0.0 ? fmin(1.0, sum / h->target) : 1.0;
	if (h->target > 0.0)
		return fmin(1.0, fmax(0.0, 1.0 - (sum - h->target) / h->target));
	return sum > 0.0 ? 0.0 : 1.0;
}

/* score_series (score.h). The window's sum is added up afresh each day from the entries in
 * it (at most D of them), so no rounding drifts in as days slide out. */
int score_series(const struct score_habit *h, const struct score_entry *entries, size_t n,
		 int64_t first_day, int64_t last_day, double *out)
{
	if (validate(h, entries, n, first_day, last_day, out) != 0)
		return -1;

	int num = h->freq_num, den = h->freq_den;
	if (!h->measure && num < den) {
		num *= 2; /* Loop: smooths irregular schedules of tasks due less than daily */
		den *= 2;
	}
	double m = score_multiplier(h->freq_num, h->freq_den);
	double score = h->measure && h->at_most ? 1.0 : 0.0;

	size_t lo = 0, hi = 0; /* entries[lo..hi) are the entries in the window */
	while (lo < n && entries[lo].day < first_day)
		lo++;
	hi = lo;
	for (int64_t d = first_day; d <= last_day; d++) {
		const struct score_entry *today = NULL;
		if (hi < n && entries[hi].day == d)
			today = &entries[hi++];
		while (lo < hi && entries[lo].day <= d - den)
			lo++;
		if (today == NULL || today->mark != SCORE_SKIPPED) {
			double sum = 0.0;
			for (size_t i = lo; i < hi; i++)
				sum += entry_value(h, &entries[i]);
			double p = h->measure ? measure_fraction(h, sum) : fmin(1.0, sum / num);
			score = score * m + p * (1.0 - m);
		}
		out[d - first_day] = score;
	}
	return 0;
}

/* score_decay_days (score.h). */
int score_decay_days(int freq_num, int freq_den)
{
	double m = score_multiplier(freq_num, freq_den);
	if (isnan(m))
		return -1;
	return (int)ceil(log(SCORE_WINDOW_TOLERANCE) / log(m));
}

/* The number of entries of entries[0..n) marked skipped on days from..to. */
static int64_t skipped_between(const struct score_entry *entries, size_t n, int64_t from, int64_t to)
{
	int64_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += entries[i].day >= from && entries[i].day <= to && entries[i].mark == SCORE_SKIPPED;
	return k;
}

/* score_window_start (score.h). */
int64_t score_window_start(const struct score_habit *h, const struct score_entry *entries, size_t n,
			   int64_t first_day, int64_t day)
{
	int w = h ? score_decay_days(h->freq_num, h->freq_den) : -1;
	if (w < 0)
		return first_day;
	int64_t span = h->freq_den;
	if (!h->measure && h->freq_num < h->freq_den)
		span *= 2; /* as score_series */
	/* S + span .. day must hold w days that are not skipped: widen by the skipped days found,
	 * until no more turn up (each pass only adds days, so this ends) */
	int64_t skipped = 0, start;
	for (;;) {
		start = day - (w + skipped) - span + 1;
		if (start <= first_day || day - start + 1 > SCORE_WINDOW_MAX_DAYS)
			break;
		int64_t k = skipped_between(entries, n, start + span, day);
		if (k == skipped)
			break;
		skipped = k;
	}
	if (day - start + 1 > SCORE_WINDOW_MAX_DAYS)
		start = day - SCORE_WINDOW_MAX_DAYS + 1;
	return start > first_day ? start : first_day;
}

/* score_percent (score.h). */
int score_percent(double s)
{
	if (!(s > 0.0))
		return 0; /* also NaN */
	if (s >= 1.0)
		return 100;
	return (int)lround(s * 100.0);
}

/* clock: system and fixed clocks. */
#include "clock.h"

#include <time.h>

static int64_t clock_fixed_now(const struct clock *c)
{
	return c->fixed;
}

int64_t clock_now(const struct clock *c)
{
	if (c && c->now)
		return c->now(c);
	return (int64_t)time(NULL);
}

int64_t clock_monotonic_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

struct clock clock_fixed(int64_t seconds)
{
	struct clock c = { .now = clock_fixed_now, .fixed = seconds };
	return c;
}

struct clock clock_system(void)
{
	struct clock c = { .now = NULL, .fixed = 0 };
	return c;
}

/* clock: the current time, injectable so tests can move time. */
#ifndef TRACKPRO_CLOCK_H
#define TRACKPRO_CLOCK_H

#include <stdint.h>

struct clock {
	/* Returns seconds since the epoch (UTC); NULL means the system clock. */
	int64_t (*now)(const struct clock *c);
	int64_t fixed; /* used by clock_fixed: the time it reports */
};

/* Returns the current time in seconds since the epoch from c (system clock when c or c->now is NULL). */
int64_t clock_now(const struct clock *c);
/* Returns the current time in microseconds from the monotonic clock (for durations only). */
int64_t clock_monotonic_us(void);
/* Returns a clock that always reports `seconds` (seconds since the epoch); change c.fixed to move it. */
struct clock clock_fixed(int64_t seconds);
/* Returns the system clock. */
struct clock clock_system(void);

#endif

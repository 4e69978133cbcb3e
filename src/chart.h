/* chart: pictures drawn on the server as SVG numbers for the templates — no JavaScript. The
 * template writes the <svg> element; this module computes its coordinates (issue 5's
 * 90-day strength line; issue 6 adds more charts). */
#ifndef TRACKPRO_CHART_H
#define TRACKPRO_CHART_H

#include <stddef.h>

#include "arena.h"

/* The "points" attribute of an SVG <polyline> drawing values[0..n) (each 0..1, oldest first)
 * left to right across width and bottom (0) to top (1) across height, in user units with one
 * decimal ("0.0,40.0 2.2,39.1 …"). Allocated in a; "" when n is 0. */
const char *chart_line_points(struct arena *a, const double *values, size_t n, double width, double height);

#endif

/* chart: SVG coordinates for server-drawn charts. */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"

const char *chart_line_points(struct arena *a, const double *values, size_t n, double width, double height)
{
	if (n == 0)
		return "";
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		double v = values[i];
		if (!(v >= 0))
			v = 0; /* also NaN */
		if (v > 1)
			v = 1;
		double x = n > 1 ? width * (double)i / (double)(n - 1) : width / 2;
		buf_printf(&b, "%s%.1f,%.1f", i ? " " : "", x, height - v * height);
	}
	const char *s = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return s;
}

/* The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ raw (raw > 0). */
static double nice_step(double raw)
{
	double p = pow(10, floor(log10(raw)));
	static const double mult[] = { 1, 2, 2.5, 5, 10 };
	for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++)
		if (mult[i] * p >= raw * (1 - 1e-9))
			return mult[i] * p;
	return 10 * p;
}

void chart_axis_for(double max, bool fixed, struct chart_axis *ax)
{
	if (!(max > 0) || !isfinite(max))
		max = 1;
	ax->step = nice_step(max / 4);
	ax->top = fixed ? max : ax->step * ceil(max / ax->step - 1e-9);
	ax->nticks = (int)floor(ax->top / ax->step + 1e-9) + 1;
}

double chart_axis_tick(const struct chart_axis *ax, int i)
{
	return ax->step * i;
}

char *chart_number(char *out, size_t size, double v)
{
	if (!isfinite(v)) {
		snprintf(out, size, "–");
		return out;
	}
	snprintf(out, size, fabs(v) >= 100 ? "%.1f" : "%.2f", v);
	char *dot = strchr(out, '.');
	if (dot) {
		char *end = out + strlen(out);
		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
	}
	if (strcmp(out, "-0") == 0)
		snprintf(out, size, "0");
	return out;
}

int chart_least_squares(const double *values, size_t n, double *slope, double *intercept)
{
	/* centred on the means, which keeps the sums small and exact enough */
	double sx = 0, sy = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(values[i])) {
			sx += (double)i;
			sy += values[i];
			k++;
		}
	if (k < 2)
		return -1;
	double mx = sx / (double)k, my = sy / (double)k;
	double sxx = 0, sxy = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(values[i])) {
			double dx = (double)i - mx;
			sxx += dx * dx;
			sxy += dx * (values[i] - my);
		}
	*slope = sxy / sxx; /* sxx > 0: two distinct indexes */
	*intercept = my - *slope * mx;
	return 0;
}

double chart_x(const struct chart_frame *f, size_t i, size_t n)
{
	if (n <= 1)
		return f->left + f->width / 2;
	return f->left + f->width * (double)i / (double)(n - 1);
}

double chart_y(const struct chart_frame *f, double top, double v)
{
	if (!(v > 0) || !(top > 0))
		v = 0;
	else if (v > top)
		v = top;
	return f->top + f->height - (top > 0 ? f->height * v / top : 0);
}

const char *chart_line_path(struct arena *a, const double *values, size_t n, double top,
			    const struct chart_frame *f)
{
	struct buf b;
	buf_init(&b);
	bool pen = false;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(values[i])) {
			pen = false;
			continue;
		}
		buf_printf(&b, "%s%s%.1f %.1f", b.len ? " " : "", pen ? "L" : "M", chart_x(f, i, n),
			   chart_y(f, top, values[i]));
		pen = true;
	}
	const char *s = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return s;
}

int chart_trend_segment(const double *values, size_t n, double top, const struct chart_frame *f, double xy[4],
			double *from, double *to)
{
	double slope, icpt;
	if (chart_least_squares(values, n, &slope, &icpt) != 0 || !isfinite(slope) || !isfinite(icpt))
		return -1;
	size_t i0 = 0, i1 = n - 1;
	while (!isfinite(values[i0]))
		i0++;
	while (!isfinite(values[i1]))
		i1--;
	double t0 = (double)i0, t1 = (double)i1;
	if (from)
		*from = icpt + slope * t0;
	if (to)
		*to = icpt + slope * t1;
	/* clip t to where 0 ≤ icpt + slope·t ≤ top */
	if (slope == 0) {
		if (icpt < 0 || icpt > top)
			return -1;
	} else {
		double ta = (0 - icpt) / slope, tb = (top - icpt) / slope;
		double lo = ta < tb ? ta : tb, hi = ta < tb ? tb : ta;
		if (lo > t0)
			t0 = lo;
		if (hi < t1)
			t1 = hi;
		if (t0 > t1)
			return -1;
	}
	double span = n > 1 ? (double)(n - 1) : 1;
	double x0 = n > 1 ? f->left + f->width * t0 / span : f->left + f->width / 2;
	double x1 = n > 1 ? f->left + f->width * t1 / span : f->left + f->width / 2;
	xy[0] = x0;
	xy[1] = chart_y(f, top, icpt + slope * t0);
	xy[2] = x1;
	xy[3] = chart_y(f, top, icpt + slope * t1);
	return 0;
}

void chart_bars(const double *values, size_t n, double top, const struct chart_frame *f, struct chart_bar *out)
{
	if (n == 0)
		return;
	double slot = f->width / (double)n;
	double gap = slot * 0.2;
	double bottom = f->top + f->height;
	for (size_t i = 0; i < n; i++) {
		double y = chart_y(f, top, isfinite(values[i]) ? values[i] : 0);
		out[i].x = f->left + slot * (double)i + gap / 2;
		out[i].w = slot - gap;
		out[i].y = y;
		out[i].h = bottom - y;
	}
}

double chart_percents(const double *values, size_t n, int *percent)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(values[i]) && values[i] > 0)
			sum += values[i];
	for (size_t i = 0; i < n; i++)
		percent[i] = 0;
	if (!(sum > 0) || !isfinite(sum))
		return isfinite(sum) ? sum : 0;
	int given = 0;
	for (size_t i = 0; i < n; i++) {
		double v = isfinite(values[i]) && values[i] > 0 ? values[i] : 0;
		percent[i] = (int)floor(100 * v / sum);
		given += percent[i];
	}
	/* hand the rest out by largest remainder; at most n points are missing */
	while (given < 100) {
		size_t best = n;
		double best_rem = -1;
		for (size_t i = 0; i < n; i++) {
			double v = isfinite(values[i]) && values[i] > 0 ? values[i] : 0;
			if (v == 0)
				continue;
			double rem = 100 * v / sum - percent[i];
			if (rem > best_rem) {
				best_rem = rem;
				best = i;
			}
		}
		if (best == n)
			break;
		percent[best]++;
		given++;
	}
	return sum;
}

/* Point at fraction t of a turn (0 = top, clockwise) on the circle of radius r. */
static void turn_point(double cx, double cy, double r, double t, double *x, double *y)
{
	double ang = 2 * M_PI * t;
	*x = cx + r * sin(ang);
	*y = cy - r * cos(ang);
}

const char *chart_ring_slice(struct arena *a, double cx, double cy, double r_outer, double r_inner, double from,
			     double to)
{
	if (!(from >= 0))
		from = 0;
	if (!(to <= 1))
		to = 1;
	if (!(to > from))
		return "";
	struct buf b;
	buf_init(&b);
	if (to - from >= 1 - 1e-9) {
		/* a whole ring: two half arcs for each circle (an arc cannot end where it starts) */
		buf_printf(&b, "M%.2f %.2f A%.2f %.2f 0 1 1 %.2f %.2f A%.2f %.2f 0 1 1 %.2f %.2f Z", cx, cy - r_outer,
			   r_outer, r_outer, cx, cy + r_outer, r_outer, r_outer, cx, cy - r_outer);
		if (r_inner > 0)
			buf_printf(&b, " M%.2f %.2f A%.2f %.2f 0 1 0 %.2f %.2f A%.2f %.2f 0 1 0 %.2f %.2f Z", cx,
				   cy - r_inner, r_inner, r_inner, cx, cy + r_inner, r_inner, r_inner, cx,
				   cy - r_inner);
	} else {
		int large = to - from > 0.5;
		double x0, y0, x1, y1, x2, y2, x3, y3;
		turn_point(cx, cy, r_outer, from, &x0, &y0);
		turn_point(cx, cy, r_outer, to, &x1, &y1);
		turn_point(cx, cy, r_inner, to, &x2, &y2);
		turn_point(cx, cy, r_inner, from, &x3, &y3);
		buf_printf(&b, "M%.2f %.2f A%.2f %.2f 0 %d 1 %.2f %.2f L%.2f %.2f", x0, y0, r_outer, r_outer, large, x1,
			   y1, x2, y2);
		if (r_inner > 0)
			buf_printf(&b, " A%.2f %.2f 0 %d 0 %.2f %.2f", r_inner, r_inner, large, x3, y3);
		buf_puts(&b, " Z");
	}
	const char *s = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return s;
}

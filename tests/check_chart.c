/* check_chart: unit tests of the chart geometry — the strength sparkline, axis ticks, number
 * labels, the least-squares trend, bars, doughnut shares and arcs — and the line, bar and
 * doughnut partials rendered through the real templates and parsed as XML by libxml2. */
#include <check.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "arena.h"
#include "buf.h"
#include "chart.h"
#include "picture_view.h"
#include "testsvg.h"

#define EPS 1e-9

static const char *const nasty = "Tom & Jerry's <\"best\"> week";

START_TEST(sparkline_points_unchanged)
{
	struct arena a;
	arena_init(&a);
	const double v[] = { 0, 0.5, 1, 2, NAN };
	ck_assert_str_eq(chart_line_points(&a, v, 5, 8, 4), "0.0,4.0 2.0,2.0 4.0,0.0 6.0,0.0 8.0,4.0");
	ck_assert_str_eq(chart_line_points(&a, v, 1, 8, 4), "4.0,4.0");
	ck_assert_str_eq(chart_line_points(&a, v, 0, 8, 4), "");
	arena_free(&a);
}
END_TEST

START_TEST(axis_ticks)
{
	struct chart_axis ax;
	chart_axis_for(100, true, &ax); /* percents */
	ck_assert_double_eq_tol(ax.top, 100, EPS);
	ck_assert_double_eq_tol(ax.step, 25, EPS);
	ck_assert_int_eq(ax.nticks, 5);
	ck_assert_double_eq_tol(chart_axis_tick(&ax, 4), 100, EPS);
	chart_axis_for(7, false, &ax);
	ck_assert_double_eq_tol(ax.top, 8, EPS);
	ck_assert_double_eq_tol(ax.step, 2, EPS);
	ck_assert_int_eq(ax.nticks, 5);
	chart_axis_for(7, true, &ax); /* ticks stop below a fixed top */
	ck_assert_double_eq_tol(ax.top, 7, EPS);
	ck_assert_int_eq(ax.nticks, 4);
	chart_axis_for(3, false, &ax);
	ck_assert_double_eq_tol(ax.top, 3, EPS);
	ck_assert_double_eq_tol(ax.step, 1, EPS);
	ck_assert_int_eq(ax.nticks, 4);
	chart_axis_for(1, false, &ax);
	ck_assert_double_eq_tol(ax.step, 0.25, EPS);
	ck_assert_int_eq(ax.nticks, 5);
	chart_axis_for(1234, false, &ax);
	ck_assert_double_eq_tol(ax.step, 500, EPS);
	ck_assert_double_eq_tol(ax.top, 1500, EPS);
	chart_axis_for(0, false, &ax); /* nothing yet: 0..1 */
	ck_assert_double_eq_tol(ax.top, 1, EPS);
	chart_axis_for(NAN, false, &ax);
	ck_assert_double_eq_tol(ax.top, 1, EPS);
	chart_axis_for(-5, true, &ax);
	ck_assert_double_eq_tol(ax.top, 1, EPS);
}
END_TEST

START_TEST(number_labels)
{
	char s[32];
	ck_assert_str_eq(chart_number(s, sizeof s, 12), "12");
	ck_assert_str_eq(chart_number(s, sizeof s, 2.5), "2.5");
	ck_assert_str_eq(chart_number(s, sizeof s, 0.25), "0.25");
	ck_assert_str_eq(chart_number(s, sizeof s, 200.0 / 3), "66.67");
	ck_assert_str_eq(chart_number(s, sizeof s, 400.0 / 3), "133.3");
	ck_assert_str_eq(chart_number(s, sizeof s, 100), "100");
	ck_assert_str_eq(chart_number(s, sizeof s, -0.001), "0");
	ck_assert_str_eq(chart_number(s, sizeof s, -1.5), "-1.5");
	ck_assert_str_eq(chart_number(s, sizeof s, NAN), "–");
}
END_TEST

START_TEST(least_squares_trend)
{
	double slope = 99, icpt = 99;
	const double line[] = { 1, 3, 5, 7 };
	ck_assert_int_eq(chart_least_squares(line, 4, &slope, &icpt), 0);
	ck_assert_double_eq_tol(slope, 2, EPS);
	ck_assert_double_eq_tol(icpt, 1, EPS);
	/* (0,1) (1,1) (2,2) (3,2) (4,3): Sxy = 5, Sxx = 10 around the means (2, 1.8) */
	const double pts[] = { 1, 1, 2, 2, 3 };
	ck_assert_int_eq(chart_least_squares(pts, 5, &slope, &icpt), 0);
	ck_assert_double_eq_tol(slope, 0.5, EPS);
	ck_assert_double_eq_tol(icpt, 0.8, EPS);  /* 1.8 − 0.5 × 2 */
	/* missing values are skipped, not zeros */
	const double gaps[] = { NAN, 10, NAN, 30, INFINITY, 50 };
	ck_assert_int_eq(chart_least_squares(gaps, 6, &slope, &icpt), 0);
	ck_assert_double_eq_tol(slope, 10, EPS);
	ck_assert_double_eq_tol(icpt, 0, EPS);
	const double flat[] = { 40, 40, 40 };
	ck_assert_int_eq(chart_least_squares(flat, 3, &slope, &icpt), 0);
	ck_assert_double_eq_tol(slope, 0, EPS);
	/* declining */
	const double down[] = { 90, 70, 50 };
	ck_assert_int_eq(chart_least_squares(down, 3, &slope, &icpt), 0);
	ck_assert_double_eq_tol(slope, -20, EPS);
	/* too few points */
	slope = 7;
	const double one[] = { NAN, 3, NAN };
	ck_assert_int_eq(chart_least_squares(one, 3, &slope, &icpt), -1);
	ck_assert_double_eq(slope, 7);
	ck_assert_int_eq(chart_least_squares(line, 0, &slope, &icpt), -1);
}
END_TEST

START_TEST(trend_segment_and_path)
{
	struct arena a;
	arena_init(&a);
	const struct chart_frame f = { 10, 20, 100, 50 };
	double xy[4], from, to;
	const double up[] = { 0, 25, 50, 75, 100 };
	ck_assert_int_eq(chart_trend_segment(up, 5, 100, &f, xy, &from, &to), 0);
	ck_assert_double_eq_tol(xy[0], 10, EPS);
	ck_assert_double_eq_tol(xy[1], 70, EPS);
	ck_assert_double_eq_tol(xy[2], 110, EPS);
	ck_assert_double_eq_tol(xy[3], 20, EPS);
	ck_assert_double_eq_tol(from, 0, EPS);
	ck_assert_double_eq_tol(to, 100, EPS);
	/* the fitted line leaves the axis at the middle point: clipped there */
	const double steep[] = { 0, 100, 200 };
	ck_assert_int_eq(chart_trend_segment(steep, 3, 100, &f, xy, &from, &to), 0);
	ck_assert_double_eq_tol(xy[2], 60, EPS);
	ck_assert_double_eq_tol(xy[3], 20, EPS);
	ck_assert_double_eq_tol(to, 200, EPS);
	/* from the first to the last finite point */
	const double gappy[] = { NAN, 50, 50, NAN };
	ck_assert_int_eq(chart_trend_segment(gappy, 4, 100, &f, xy, NULL, NULL), 0);
	ck_assert_double_eq_tol(xy[0], 10 + 100.0 / 3, EPS);
	ck_assert_double_eq_tol(xy[2], 10 + 200.0 / 3, EPS);
	ck_assert_double_eq_tol(xy[1], 45, EPS);
	ck_assert_int_eq(chart_trend_segment(gappy, 2, 100, &f, xy, NULL, NULL), -1);
	const double above[] = { 150, 150 };
	ck_assert_int_eq(chart_trend_segment(above, 2, 100, &f, xy, NULL, NULL), -1);

	ck_assert_str_eq(chart_line_path(&a, up, 3, 100, &f), "M10.0 70.0 L60.0 57.5 L110.0 45.0");
	ck_assert_str_eq(chart_line_path(&a, gappy, 4, 100, &f), "M43.3 45.0 L76.7 45.0");
	const double broken[] = { 0, NAN, 100 };
	ck_assert_str_eq(chart_line_path(&a, broken, 3, 100, &f), "M10.0 70.0 M110.0 20.0");
	ck_assert_str_eq(chart_line_path(&a, broken, 0, 100, &f), "");
	ck_assert_double_eq_tol(chart_x(&f, 0, 1), 60, EPS);
	ck_assert_double_eq_tol(chart_y(&f, 100, 250), 20, EPS);
	ck_assert_double_eq_tol(chart_y(&f, 100, -5), 70, EPS);
	arena_free(&a);
}
END_TEST

START_TEST(bars_geometry)
{
	const struct chart_frame f = { 0, 0, 100, 50 };
	const double v[] = { 10, 5, 0, NAN, 20 };
	struct chart_bar b[5];
	chart_bars(v, 5, 10, &f, b);
	ck_assert_double_eq_tol(b[0].x, 2, EPS); /* slot 20, gap 4 */
	ck_assert_double_eq_tol(b[0].w, 16, EPS);
	ck_assert_double_eq_tol(b[0].h, 50, EPS);
	ck_assert_double_eq_tol(b[0].y, 0, EPS);
	ck_assert_double_eq_tol(b[1].h, 25, EPS);
	ck_assert_double_eq_tol(b[1].y, 25, EPS);
	ck_assert_double_eq_tol(b[2].h, 0, EPS);
	ck_assert_double_eq_tol(b[3].h, 0, EPS);
	ck_assert_double_eq_tol(b[4].h, 50, EPS); /* clamped */
	ck_assert_double_eq_tol(b[4].x, 82, EPS);
}
END_TEST

static int sum_of(const int *p, size_t n)
{
	int s = 0;
	for (size_t i = 0; i < n; i++)
		s += p[i];
	return s;
}

START_TEST(doughnut_shares)
{
	int p[8];
	const double thirds[] = { 1, 1, 1 };
	ck_assert_double_eq_tol(chart_percents(thirds, 3, p), 3, EPS);
	ck_assert_int_eq(p[0], 34);
	ck_assert_int_eq(p[1], 33);
	ck_assert_int_eq(p[2], 33);
	const double two[] = { 2, 1 };
	chart_percents(two, 2, p);
	ck_assert_int_eq(p[0], 67);
	ck_assert_int_eq(p[1], 33);
	const double skew[] = { 1, 1, 1, 1, 1, 1, 994 }; /* 0.1% each: rounding must not lift them all */
	chart_percents(skew, 7, p);
	ck_assert_int_eq(sum_of(p, 7), 100);
	ck_assert_int_eq(p[6], 100); /* 99.4 has the largest remainder */
	ck_assert_int_eq(p[0], 0);
	const double near[] = { 1, 1, 1, 1, 1, 1, 1, 993 }; /* 0.1% × 7 and 99.3% */
	chart_percents(near, 8, p);
	ck_assert_int_eq(p[7], 100);
	const double odd[] = { 5, -3, NAN, 0, 5 }; /* negatives and NaN count as 0 */
	ck_assert_double_eq_tol(chart_percents(odd, 5, p), 10, EPS);
	ck_assert_int_eq(p[0], 50);
	ck_assert_int_eq(p[1], 0);
	ck_assert_int_eq(p[2], 0);
	ck_assert_int_eq(p[4], 50);
	/* all zero: no shares at all */
	const double zero[] = { 0, 0, 0 };
	ck_assert_double_eq(chart_percents(zero, 3, p), 0);
	ck_assert_int_eq(sum_of(p, 3), 0);
	ck_assert_double_eq(chart_percents(zero, 0, p), 0);
	/* many pseudo-random mixes (a fixed linear congruential sequence): always exactly 100 */
	uint32_t seed = 6;
	for (int round = 0; round < 2000; round++) {
		double v[8];
		seed = seed * 1664525u + 1013904223u;
		size_t n = 1 + (seed >> 16) % 8;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1664525u + 1013904223u;
			v[i] = (seed >> 8) % 4 == 0 ? 0 : (double)((seed >> 12) % 1000) / 7.0;
		}
		double s = chart_percents(v, n, p);
		ck_assert_int_eq(sum_of(p, n), s > 0 ? 100 : 0);
	}
}
END_TEST

START_TEST(ring_slices)
{
	struct arena a;
	arena_init(&a);
	ck_assert_str_eq(chart_ring_slice(&a, 50, 50, 40, 20, 0, 0.25),
			 "M50.00 10.00 A40.00 40.00 0 0 1 90.00 50.00 L70.00 50.00 A20.00 20.00 0 0 0 50.00 30.00 Z");
	const char *big = chart_ring_slice(&a, 50, 50, 40, 20, 0.25, 1);
	ck_assert_str_eq(big, "M90.00 50.00 A40.00 40.00 0 1 1 50.00 10.00 L50.00 30.00 A20.00 20.00 0 1 0 70.00 50.00 Z");
	const char *whole = chart_ring_slice(&a, 50, 50, 40, 20, 0, 1);
	ck_assert_str_eq(whole, "M50.00 10.00 A40.00 40.00 0 1 1 50.00 90.00 A40.00 40.00 0 1 1 50.00 10.00 Z "
				"M50.00 30.00 A20.00 20.00 0 1 0 50.00 70.00 A20.00 20.00 0 1 0 50.00 30.00 Z");
	ck_assert_str_eq(chart_ring_slice(&a, 50, 50, 40, 20, 0.5, 0.5), "");
	ck_assert_str_eq(chart_ring_slice(&a, 50, 50, 40, 20, 0.7, 0.2), "");
	arena_free(&a);
}
END_TEST

/* Renders pic through partial, parses its SVG and the whole figure, checks the <title> and the
 * aria-labelledby ids; returns the SVG document (free it). */
static xmlDocPtr render_checked(const char *partial, struct view *pic, const char *caption, struct buf *out)
{
	testsvg_render(partial, pic, out);
	ck_assert_ptr_null(strstr(out->data, "Tom & Jerry"));
	xmlDocPtr all = testsvg_parse_all(out->data);
	ck_assert_int_eq(testsvg_count(xmlDocGetRootElement(all), "details"), 1);
	ck_assert_int_eq(testsvg_count(xmlDocGetRootElement(all), "table"), 1);
	xmlFreeDoc(all);
	xmlDocPtr doc = testsvg_parse_svg(out->data);
	xmlNodePtr svg = xmlDocGetRootElement(doc);
	char *role = testsvg_attr(svg, "role"), *by = testsvg_attr(svg, "aria-labelledby");
	ck_assert_str_eq(role, "img");
	const char *id = view_string(view_get(pic, "id"), NULL);
	char want[64];
	snprintf(want, sizeof want, "%s-t %s-d", id, id);
	ck_assert_str_eq(by, want);
	xmlFree(role);
	xmlFree(by);
	for (xmlNodePtr c = svg->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			ck_assert_str_eq((const char *)c->name, "title");
			char *t = (char *)xmlNodeGetContent(c);
			ck_assert_str_eq(t, caption);
			xmlFree(t);
			break;
		}
	return doc;
}

START_TEST(rendered_line_chart)
{
	struct arena a;
	arena_init(&a);
	struct buf out;
	buf_init(&out);
	const char *labels[] = { "1 Mar", "2 Mar", "", "4 Mar", "5 Mar" };
	const double values[] = { 40, 50, NAN, 70, 80 };
	struct view *v = picture_line(&a, labels, values, 5, 100, "%", nasty);
	xmlDocPtr doc = render_checked("line_chart", v, nasty, &out);
	xmlNodePtr svg = xmlDocGetRootElement(doc);
	ck_assert_int_eq(testsvg_count(svg, "circle"), 4); /* one per finite value */
	ck_assert_int_eq(testsvg_count(svg, "path"), 1);
	ck_assert_ptr_nonnull(testsvg_find_titled(svg, "circle", "4 Mar: 70%"));
	ck_assert_ptr_nonnull(testsvg_find_titled(svg, "circle", "1 Mar: 40%"));
	xmlNodePtr trend = testsvg_find_titled(svg, "line", "Trend (least squares): from 40% to 80%");
	ck_assert_ptr_nonnull(trend); /* slope 10 per point over x = 0, 1, 3, 4 */
	ck_assert_ptr_nonnull(strstr(out.data, ">0%</text>"));
	ck_assert_ptr_nonnull(strstr(out.data, ">100%</text>"));
	ck_assert_ptr_nonnull(strstr(out.data, "<td>3</td><td class=\"number\">–</td>"));
	ck_assert_ptr_nonnull(strstr(out.data, "<th scope=\"col\">Value (%)</th>"));
	ck_assert_ptr_null(strstr(out.data, "No data yet</text>"));
	xmlFreeDoc(doc);

	/* the slope itself, through the view */
	double slope, icpt;
	ck_assert_int_eq(chart_least_squares(values, 5, &slope, &icpt), 0);
	ck_assert_double_eq_tol(slope, 10, 1e-9);
	ck_assert_double_eq_tol(icpt, 40, 1e-9);

	/* many labelled points: the axis shows some of the labels, the table all of them */
	const char *many_labels[90];
	double many[90];
	for (int i = 0; i < 90; i++) {
		many_labels[i] = arena_printf(&a, "D%d", i + 1);
		many[i] = (i * 37) % 101;
	}
	v = picture_line(&a, many_labels, many, 90, 0, "", "Ninety days");
	ck_assert_uint_le(view_len(view_get(v, "xlabels")), 12);
	ck_assert_uint_eq(view_len(view_get(v, "rows")), 90);
	doc = render_checked("line_chart", v, "Ninety days", &out);
	ck_assert_int_eq(testsvg_count(xmlDocGetRootElement(doc), "circle"), 90);
	xmlFreeDoc(doc);

	/* empty: axes, a note, no line, no trend */
	v = picture_line(&a, NULL, NULL, 0, 100, "%", "Nothing");
	doc = render_checked("line_chart", v, "Nothing", &out);
	svg = xmlDocGetRootElement(doc);
	ck_assert_int_eq(testsvg_count(svg, "circle"), 0);
	ck_assert_int_eq(testsvg_count(svg, "path"), 0);
	ck_assert_ptr_nonnull(strstr(out.data, "No data yet</text>"));
	xmlFreeDoc(doc);
	/* a single point: no trend */
	const double single[] = { 55 };
	v = picture_line(&a, labels, single, 1, 100, "%", "One");
	ck_assert(!view_truthy(view_get(v, "trend")));
	doc = render_checked("line_chart", v, "One", &out);
	ck_assert_int_eq(testsvg_count(xmlDocGetRootElement(doc), "circle"), 1);
	xmlFreeDoc(doc);
	buf_free(&out);
	arena_free(&a);
}
END_TEST

START_TEST(rendered_bar_chart)
{
	struct arena a;
	arena_init(&a);
	struct buf out;
	buf_init(&out);
	const char *labels[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	const double values[] = { 3, 7, 0, 2, 5, 1, 4 };
	struct view *v = picture_bars(&a, labels, values, 7, 0, "", nasty);
	xmlDocPtr doc = render_checked("bar_chart", v, nasty, &out);
	xmlNodePtr svg = xmlDocGetRootElement(doc);
	ck_assert_int_eq(testsvg_count(svg, "rect"), 7);
	xmlNodePtr tue = testsvg_find_titled(svg, "rect", "Tue: 7");
	ck_assert_ptr_nonnull(tue);
	/* scaled to 8 (7 rounded up to a tick): Tue is 7/8 of the 196-unit plot */
	char *h = testsvg_attr(tue, "height");
	ck_assert_str_eq(h, "171.5");
	xmlFree(h);
	ck_assert_ptr_nonnull(testsvg_find_titled(svg, "rect", "Wed: 0"));
	ck_assert_ptr_nonnull(strstr(out.data, "<td>Sun</td><td class=\"number\">4</td>"));
	ck_assert_ptr_nonnull(strstr(out.data, ">8</text>"));
	xmlFreeDoc(doc);

	/* percents with a fixed top and a unit */
	const double pct[] = { 12.5, 100, 66.666 };
	v = picture_bars(&a, labels, pct, 3, 100, "%", "Per week");
	doc = render_checked("bar_chart", v, "Per week", &out);
	ck_assert_ptr_nonnull(testsvg_find_titled(xmlDocGetRootElement(doc), "rect", "Wed: 66.67%"));
	xmlFreeDoc(doc);

	v = picture_bars(&a, NULL, NULL, 0, 0, "", "Nothing");
	doc = render_checked("bar_chart", v, "Nothing", &out);
	ck_assert_int_eq(testsvg_count(xmlDocGetRootElement(doc), "rect"), 0);
	ck_assert_ptr_nonnull(strstr(out.data, "No data yet</text>"));
	xmlFreeDoc(doc);
	buf_free(&out);
	arena_free(&a);
}
END_TEST

START_TEST(rendered_doughnut)
{
	struct arena a;
	arena_init(&a);
	struct buf out;
	buf_init(&out);
	const char *labels[] = { "Health", "Work & <study>", "Unused", "Home" };
	const double values[] = { 5, 3, 0, 2 };
	const char *colors[] = { "#27AE60", "not a colour", "#000000", "#f2994a" };
	struct view *v = picture_doughnut(&a, labels, values, colors, 4, nasty);
	xmlDocPtr doc = render_checked("doughnut", v, nasty, &out);
	xmlNodePtr svg = xmlDocGetRootElement(doc);
	ck_assert_int_eq(testsvg_count(svg, "path"), 3); /* no slice for a zero */
	xmlNodePtr s = testsvg_find_titled(svg, "path", "Health: 5 (50%)");
	ck_assert_ptr_nonnull(s);
	char *fill = testsvg_attr(s, "fill");
	ck_assert_str_eq(fill, "#27ae60");
	xmlFree(fill);
	s = testsvg_find_titled(svg, "path", "Work & <study>: 3 (30%)");
	ck_assert_ptr_nonnull(s);
	fill = testsvg_attr(s, "fill");
	ck_assert_str_eq(fill, "#eb5757"); /* the palette's second colour */
	xmlFree(fill);
	ck_assert_ptr_nonnull(testsvg_find_titled(svg, "g", "Unused: 0 (0%)")); /* still in the legend */
	ck_assert_int_eq(testsvg_count(svg, "g"), 4);
	ck_assert_ptr_nonnull(strstr(out.data, "<td>Home</td><td class=\"number\">2</td><td class=\"number\">20%</td>"));
	/* shares in the view sum to 100 */
	struct view *rows = view_get(v, "rows");
	int total = 0;
	for (size_t i = 0; i < view_len(rows); i++)
		total += (int)strtol(view_string(view_get(view_at(rows, i), "percent"), NULL), NULL, 10);
	ck_assert_int_eq(total, 100);
	xmlFreeDoc(doc);

	/* one part only: a whole ring */
	const double solo[] = { 4 };
	v = picture_doughnut(&a, labels, solo, NULL, 1, "Solo");
	doc = render_checked("doughnut", v, "Solo", &out);
	ck_assert_ptr_nonnull(testsvg_find_titled(xmlDocGetRootElement(doc), "path", "Health: 4 (100%)"));
	xmlFreeDoc(doc);

	/* all zero: an empty ring with a note, the legend and table still there */
	const double zero[] = { 0, 0 };
	v = picture_doughnut(&a, labels, zero, colors, 2, "Zero");
	ck_assert(view_boolean(view_get(v, "empty")));
	doc = render_checked("doughnut", v, "Zero", &out);
	svg = xmlDocGetRootElement(doc);
	ck_assert_int_eq(testsvg_count(svg, "path"), 1);
	ck_assert_ptr_nonnull(strstr(out.data, "class=\"chart-empty\""));
	ck_assert_ptr_nonnull(strstr(out.data, "Nothing to show yet</text>"));
	ck_assert_ptr_nonnull(strstr(out.data, "<td>Health</td><td class=\"number\">0</td><td class=\"number\">0%</td>"));
	xmlFreeDoc(doc);

	/* nothing at all */
	v = picture_doughnut(&a, NULL, NULL, NULL, 0, NULL);
	doc = render_checked("doughnut", v, "", &out);
	xmlFreeDoc(doc);
	buf_free(&out);
	arena_free(&a);
}
END_TEST

START_TEST(ids_differ_between_pictures)
{
	struct arena a;
	arena_init(&a);
	const double v1[] = { 1, 2 }, v2[] = { 2, 1 };
	const char *l[] = { "a", "b" };
	const char *id1 = view_string(view_get(picture_line(&a, l, v1, 2, 0, "", "c"), "id"), NULL);
	const char *id2 = view_string(view_get(picture_line(&a, l, v2, 2, 0, "", "c"), "id"), NULL);
	const char *id3 = view_string(view_get(picture_bars(&a, l, v1, 2, 0, "", "c"), "id"), NULL);
	const char *id4 = view_string(view_get(picture_line(&a, l, v1, 2, 0, "", "c"), "id"), NULL);
	ck_assert_str_ne(id1, id2);
	ck_assert_str_ne(id1, id3);
	ck_assert_str_eq(id1, id4); /* the same picture, the same id */
	ck_assert_int_eq(strncmp(id1, "pic-", 4), 0);
	arena_free(&a);
}
END_TEST

static Suite *chart_suite(void)
{
	Suite *s = suite_create("chart");
	TCase *tc = tcase_create("geometry");
	tcase_add_test(tc, sparkline_points_unchanged);
	tcase_add_test(tc, axis_ticks);
	tcase_add_test(tc, number_labels);
	tcase_add_test(tc, least_squares_trend);
	tcase_add_test(tc, trend_segment_and_path);
	tcase_add_test(tc, bars_geometry);
	tcase_add_test(tc, doughnut_shares);
	tcase_add_test(tc, ring_slices);
	suite_add_tcase(s, tc);
	tc = tcase_create("svg");
	tcase_add_test(tc, rendered_line_chart);
	tcase_add_test(tc, rendered_bar_chart);
	tcase_add_test(tc, rendered_doughnut);
	tcase_add_test(tc, ids_differ_between_pictures);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	xmlInitParser();
	SRunner *sr = srunner_create(chart_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

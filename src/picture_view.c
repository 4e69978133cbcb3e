/* picture_view: heatmap and chart geometry (heatmap.c, chart.c) as views for the partials
 * heatmap, line_chart, bar_chart and doughnut. Every number the templates print is computed
 * here; every text goes through the template's {{…}} escaping. Every key a partial reads is
 * set in every map, so that nothing falls through to the page's context. */
#include "picture_view.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "chart.h"
#include "heatmap.h"

/* ---- shared helpers ---------------------------------------------------------------------- */

/* A colour the templates may print as a presentation attribute: "#rrggbb" in lower case, or
 * fallback when s is not one. */
static const char *color_or(struct arena *a, const char *s, const char *fallback)
{
	if (!s || s[0] != '#' || strlen(s) != 7)
		return fallback;
	char out[8];
	out[0] = '#';
	for (int i = 1; i < 7; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return fallback;
		out[i] = c;
	}
	out[7] = '\0';
	return arena_strdup(a, out);
}

/* The site's accent colour (static/style.css, light theme): pictures without a valid colour. */
#define DEFAULT_COLOR "#2f6f4f"

/* Distinct colours for doughnut slices without a valid colour of their own. */
static const char *const palette[] = { "#2f80ed", "#eb5757", "#27ae60", "#f2994a", "#9b51e0",
				       "#00a3a3", "#d6a800", "#e0559b", "#6b7c93", "#8d6e63" };

/* FNV-1a over bytes, for ids that stay the same for the same picture. */
static uint32_t fnv(uint32_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

/* An id for the picture's <title> and <desc> ("pic-h1a2b3c4d"): a hash of its kind, caption
 * and numbers, so two pictures on one page differ unless they are the same picture. */
static const char *picture_id(struct arena *a, char kind, const char *caption, const void *data, size_t len)
{
	uint32_t h = 2166136261u;
	h = fnv(h, &kind, 1);
	if (caption)
		h = fnv(h, caption, strlen(caption));
	if (data && len)
		h = fnv(h, data, len);
	return arena_printf(a, "pic-%c%08x", kind, (unsigned)h);
}

static struct view *num1(struct arena *a, double v)
{
	return view_str(a, arena_printf(a, "%.1f", v));
}

static void set_num1(struct view *m, const char *key, double v, struct arena *a)
{
	view_set(m, key, num1(a, v));
}

/* v with its unit: "75%", "12 km", "3". */
static const char *value_text(struct arena *a, double v, const char *unit)
{
	char num[48];
	chart_number(num, sizeof num, v);
	if (!unit || !*unit || !isfinite(v))
		return arena_strdup(a, num);
	return arena_printf(a, "%s%s%s", num, strcmp(unit, "%") == 0 ? "" : " ", unit);
}

/* s cut to at most max UTF-8 characters, "…" added when cut. */
static const char *clip_text(struct arena *a, const char *s, size_t max)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (chars == max)
				break;
			chars++;
		}
	}
	if (!s[i])
		return s;
	size_t cut = i;
	/* leave room for the ellipsis: drop one more character */
	while (cut > 0 && ((unsigned char)s[--cut] & 0xC0) == 0x80)
		;
	return arena_printf(a, "%.*s…", (int)cut, s);
}

static const char *str_or(const char *s, const char *fallback)
{
	return s ? s : fallback;
}

/* ---- heatmap ----------------------------------------------------------------------------- */

#define HM_CELL 11
#define HM_STEP 13
#define HM_LEFT 30
#define HM_TOP 18

/* fill-opacity of levels 1–4 over the tracker colour (level 0 is the CSS class hm-l0). */
static const char *const level_opacity[HEATMAP_LEVELS] = { "0", "0.4", "0.6", "0.8", "1" };
static const char *const level_title[HEATMAP_LEVELS] = {
	"Level 0: nothing due or nothing done", "Level 1: under 25% done", "Level 2: 25% to under 50% done",
	"Level 3: 50% to under 75% done", "Level 4: 75% or more done"
};

static struct view *heat_rect(struct arena *a, long long x, long long y, int level, const char *title)
{
	struct view *c = view_map(a);
	view_set_int(c, "x", x);
	view_set_int(c, "y", y);
	view_set_bool(c, "on", level > 0);
	view_set_str(c, "opacity", level_opacity[level]);
	view_set_str(c, "title", title);
	return c;
}

struct view *picture_heatmap(struct arena *a, int year, int week_start, const char *color,
			     const struct picture_day *days, size_t n, const char *caption)
{
	struct heatmap *h = arena_alloc(a, sizeof *h);
	heatmap_init(h, year, week_start);
	for (size_t i = 0; i < n; i++)
		heatmap_add(h, days[i].day, days[i].due, days[i].done);

	struct view *v = view_map(a);
	caption = str_or(caption, "");
	view_set_str(v, "id", picture_id(a, 'h', caption, h->cells, sizeof h->cells[0] * (size_t)h->ncells));
	view_set_str(v, "caption", caption);
	view_set_int(v, "year", year);
	view_set_int(v, "prev_year", year - 1);
	view_set_int(v, "next_year", year + 1);
	view_set_str(v, "color", color_or(a, color, DEFAULT_COLOR));
	long long width = HM_LEFT + (long long)h->ncols * HM_STEP + 4;
	long long legend_y = HM_TOP + 7 * HM_STEP + 6;
	view_set_int(v, "width", width);
	view_set_int(v, "height", legend_y + HM_CELL + 4);
	view_set_int(v, "cell", HM_CELL);

	struct view *months = view_list(a);
	for (int m = 0; m < 12; m++) {
		struct view *e = view_map(a);
		view_set_int(e, "x", HM_LEFT + (long long)h->month_col[m] * HM_STEP);
		view_set_int(e, "y", HM_TOP - 6);
		view_set_str(e, "name", heatmap_month_abbr(m + 1));
		view_push(months, e);
	}
	view_set(v, "months", months);

	/* Monday, Wednesday and Friday, GitHub's choice, on whichever rows they fall */
	struct view *weekdays = view_list(a);
	for (int row = 0; row < 7; row++) {
		int wd = ((week_start % 7 + 7) % 7 + row + 6) % 7; /* tm_wday → civil (0 = Monday) */
		if (wd != 0 && wd != 2 && wd != 4)
			continue;
		struct view *e = view_map(a);
		view_set_int(e, "x", HM_LEFT - 4);
		view_set_int(e, "y", HM_TOP + row * HM_STEP + 9);
		view_set_str(e, "name", heatmap_weekday_abbr(wd));
		view_push(weekdays, e);
	}
	view_set(v, "weekdays", weekdays);

	struct view *cells = view_list(a);
	struct view *rows = view_list(a);
	long long due_sum = 0, done_sum = 0;
	int due_days = 0, done_days = 0;
	for (int i = 0; i < h->ncells; i++) {
		const struct heatmap_cell *c = &h->cells[i];
		int level = heatmap_level(c->due, c->done);
		char title[HEATMAP_TITLE_SIZE];
		heatmap_title(title, c->day, c->due, c->done);
		view_push(cells, heat_rect(a, HM_LEFT + (long long)c->col * HM_STEP, HM_TOP + (long long)c->row * HM_STEP,
					   level, title));
		if (c->due > 0) {
			char date[HEATMAP_DATE_SIZE];
			struct view *r = view_map(a);
			view_set_str(r, "date", heatmap_day_text(date, c->day));
			view_set_int(r, "done", c->done);
			view_set_int(r, "due", c->due);
			double pct = 100.0 * (c->done < c->due ? c->done : c->due) / c->due;
			view_set_str(r, "percent", value_text(a, round(pct), "%"));
			view_set_int(r, "level", level);
			view_push(rows, r);
			due_sum += c->due;
			done_sum += c->done;
			due_days++;
			done_days += c->done > 0;
		}
	}
	view_set(v, "cells", cells);
	view_set(v, "rows", rows);
	view_set_bool(v, "has_rows", due_days > 0);

	struct view *legend = view_list(a);
	long long lx = width - 5 * HM_STEP - 32;
	for (int l = 0; l < HEATMAP_LEVELS; l++)
		view_push(legend, heat_rect(a, lx + l * HM_STEP, legend_y, l, level_title[l]));
	view_set(v, "legend", legend);
	view_set_int(v, "less_x", lx - 4);
	view_set_int(v, "more_x", lx + 5 * HM_STEP + 2);
	view_set_int(v, "legend_text_y", legend_y + 9);

	if (due_days == 0)
		view_set_str(v, "summary", arena_printf(a, "Nothing was due in %d.", year));
	else
		view_set_str(v, "summary",
			     arena_printf(a, "In %d, something was done on %d of the %d days with tasks due; %lld of %lld tasks done.",
					  year, done_days, due_days, done_sum, due_sum));
	return v;
}

/* ---- line and bar charts ----------------------------------------------------------------- */

#define CH_WIDTH 640
#define CH_HEIGHT 240
static const struct chart_frame chart_frame_default = { 48, 14, CH_WIDTH - 48 - 16, CH_HEIGHT - 14 - 30 };

/* The label of point i: its own, else its position (1-based) so that titles and table rows
 * are never blank. */
static const char *label_of(struct arena *a, const char *const *labels, size_t i)
{
	if (labels && labels[i] && labels[i][0])
		return labels[i];
	return arena_printf(a, "%zu", i + 1);
}

/* The y axis of a chart: ticks with grid lines and labels, into v. */
static void set_axis(struct arena *a, struct view *v, const struct chart_frame *f, const struct chart_axis *ax,
		     const char *unit)
{
	struct view *ticks = view_list(a);
	for (int i = 0; i < ax->nticks; i++) {
		double t = chart_axis_tick(ax, i);
		double y = chart_y(f, ax->top, t);
		struct view *e = view_map(a);
		set_num1(e, "y", y, a);
		set_num1(e, "ty", y + 3.5, a);
		view_set_str(e, "label", value_text(a, t, unit));
		view_push(ticks, e);
	}
	view_set(v, "yticks", ticks);
	set_num1(v, "grid_x1", f->left, a);
	set_num1(v, "grid_x2", f->left + f->width, a);
	set_num1(v, "tick_x", f->left - 6, a);
	set_num1(v, "base_y", f->top + f->height, a);
	view_set_int(v, "width", CH_WIDTH);
	view_set_int(v, "height", CH_HEIGHT);
	set_num1(v, "note_x", f->left + f->width / 2, a);
	set_num1(v, "note_y", f->top + f->height / 2, a);
}

/* Labels under the x axis at xs[i], thinned to every k-th non-empty one so that they keep about
 * min_gap units apart. */
static void set_x_labels(struct arena *a, struct view *v, const char *const *labels, const double *xs, size_t n,
			 double span, double min_gap)
{
	size_t given = 0;
	for (size_t i = 0; i < n; i++)
		given += labels && labels[i] && labels[i][0];
	size_t fit = (size_t)(span / min_gap) + 1;
	size_t k = given > fit ? (given + fit - 1) / fit : 1;
	struct view *list = view_list(a);
	size_t seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (!(labels && labels[i] && labels[i][0]))
			continue;
		if (seen++ % k)
			continue;
		struct view *e = view_map(a);
		set_num1(e, "x", xs[i], a);
		view_set_str(e, "label", clip_text(a, labels[i], 12));
		view_push(list, e);
	}
	view_set(v, "xlabels", list);
	set_num1(v, "xlabel_y", chart_frame_default.top + chart_frame_default.height + 18, a);
}

/* The rows of the table beside a chart, and the summary sentence: count, lowest, highest and
 * mean of the finite values. Returns how many values are finite. */
static size_t set_rows(struct arena *a, struct view *v, const char *const *labels, const double *values, size_t n,
		       const char *unit, const char *noun)
{
	struct view *rows = view_list(a);
	size_t k = 0;
	double lo = 0, hi = 0, sum = 0;
	for (size_t i = 0; i < n; i++) {
		struct view *r = view_map(a);
		view_set_str(r, "label", label_of(a, labels, i));
		view_set_str(r, "value", value_text(a, values[i], unit));
		view_push(rows, r);
		if (!isfinite(values[i]))
			continue;
		if (k == 0 || values[i] < lo)
			lo = values[i];
		if (k == 0 || values[i] > hi)
			hi = values[i];
		sum += values[i];
		k++;
	}
	view_set(v, "rows", rows);
	view_set_str(v, "value_header", unit && *unit ? arena_printf(a, "Value (%s)", unit) : "Value");
	if (k == 0)
		view_set_str(v, "summary", "No data yet.");
	else
		view_set_str(v, "summary",
			     arena_printf(a, "%zu %s%s: lowest %s, highest %s, average %s.", k, noun, k == 1 ? "" : "s",
					  value_text(a, lo, unit), value_text(a, hi, unit),
					  value_text(a, sum / (double)k, unit)));
	view_set_bool(v, "empty", k == 0);
	view_set_str(v, "note", "No data yet");
	return k;
}

static double max_finite(const double *values, size_t n)
{
	double m = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(values[i]) && values[i] > m)
			m = values[i];
	return m;
}

struct view *picture_line(struct arena *a, const char *const *labels, const double *values, size_t n, double y_max,
			  const char *unit, const char *caption)
{
	const struct chart_frame *f = &chart_frame_default;
	struct view *v = view_map(a);
	caption = str_or(caption, "");
	unit = str_or(unit, "");
	view_set_str(v, "id", picture_id(a, 'l', caption, values, n * sizeof *values));
	view_set_str(v, "caption", caption);
	view_set_str(v, "unit", unit);

	struct chart_axis ax;
	if (y_max > 0 && isfinite(y_max))
		chart_axis_for(y_max, true, &ax);
	else
		chart_axis_for(max_finite(values, n), false, &ax);
	set_axis(a, v, f, &ax, unit);

	double *xs = arena_calloc(a, n ? n : 1, sizeof *xs);
	struct view *points = view_list(a);
	for (size_t i = 0; i < n; i++) {
		xs[i] = chart_x(f, i, n);
		if (!isfinite(values[i]))
			continue;
		struct view *p = view_map(a);
		set_num1(p, "x", xs[i], a);
		set_num1(p, "y", chart_y(f, ax.top, values[i]), a);
		view_set_str(p, "title",
			     arena_printf(a, "%s: %s", label_of(a, labels, i), value_text(a, values[i], unit)));
		view_push(points, p);
	}
	view_set(v, "points", points);
	set_x_labels(a, v, labels, xs, n, f->width, 56);

	size_t k = set_rows(a, v, labels, values, n, unit, "value");
	const char *path = chart_line_path(a, values, n, ax.top, f);
	view_set_str(v, "path", path);
	view_set_bool(v, "has_line", k > 1);

	double xy[4], from, to;
	if (chart_trend_segment(values, n, ax.top, f, xy, &from, &to) == 0) {
		struct view *t = view_map(a);
		set_num1(t, "x1", xy[0], a);
		set_num1(t, "y1", xy[1], a);
		set_num1(t, "x2", xy[2], a);
		set_num1(t, "y2", xy[3], a);
		view_set_str(t, "title",
			     arena_printf(a, "Trend (least squares): from %s to %s", value_text(a, from, unit),
					  value_text(a, to, unit)));
		view_set(v, "trend", t);
	} else {
		view_set_bool(v, "trend", false);
	}
	return v;
}

struct view *picture_bars(struct arena *a, const char *const *labels, const double *values, size_t n, double y_max,
			  const char *unit, const char *caption)
{
	const struct chart_frame *f = &chart_frame_default;
	struct view *v = view_map(a);
	caption = str_or(caption, "");
	unit = str_or(unit, "");
	view_set_str(v, "id", picture_id(a, 'b', caption, values, n * sizeof *values));
	view_set_str(v, "caption", caption);
	view_set_str(v, "unit", unit);

	struct chart_axis ax;
	if (y_max > 0 && isfinite(y_max))
		chart_axis_for(y_max, true, &ax);
	else
		chart_axis_for(max_finite(values, n), false, &ax);
	set_axis(a, v, f, &ax, unit);

	struct chart_bar *bars = arena_calloc(a, n ? n : 1, sizeof *bars);
	chart_bars(values, n, ax.top, f, bars);
	double *xs = arena_calloc(a, n ? n : 1, sizeof *xs);
	struct view *list = view_list(a);
	bool show_values = n <= 16;
	for (size_t i = 0; i < n; i++) {
		xs[i] = bars[i].x + bars[i].w / 2;
		struct view *b = view_map(a);
		set_num1(b, "x", bars[i].x, a);
		set_num1(b, "y", bars[i].y, a);
		set_num1(b, "w", bars[i].w, a);
		set_num1(b, "h", bars[i].h, a);
		set_num1(b, "cx", xs[i], a);
		set_num1(b, "ty", bars[i].y - 4, a);
		const char *text = value_text(a, values[i], unit);
		view_set_str(b, "text", text);
		view_set_bool(b, "show_value", show_values && isfinite(values[i]));
		view_set_str(b, "title", arena_printf(a, "%s: %s", label_of(a, labels, i), text));
		view_push(list, b);
	}
	view_set(v, "bars", list);
	set_x_labels(a, v, labels, xs, n, f->width, 48);
	set_rows(a, v, labels, values, n, unit, "bar");
	return v;
}

/* ---- doughnut ---------------------------------------------------------------------------- */

#define DN_CX 90
#define DN_CY 90
#define DN_R 80
#define DN_R_IN 50
#define DN_LEGEND_X 196
#define DN_ROW 20

struct view *picture_doughnut(struct arena *a, const char *const *labels, const double *values,
			      const char *const *colors, size_t n, const char *caption)
{
	struct view *v = view_map(a);
	caption = str_or(caption, "");
	view_set_str(v, "id", picture_id(a, 'd', caption, values, n * sizeof *values));
	view_set_str(v, "caption", caption);
	int *pct = arena_calloc(a, n ? n : 1, sizeof *pct);
	double sum = chart_percents(values, n, pct);
	bool empty = !(sum > 0);

	long long height = 24 + (long long)n * DN_ROW;
	if (height < 2 * DN_CY)
		height = 2 * DN_CY;
	view_set_int(v, "width", 400);
	view_set_int(v, "height", height);
	view_set_int(v, "cx", DN_CX);
	view_set_int(v, "cy", DN_CY);
	view_set_int(v, "cy_text", DN_CY + 6);
	view_set_bool(v, "empty", empty);
	view_set_str(v, "note", "Nothing to show yet");
	view_set_str(v, "ring", chart_ring_slice(a, DN_CX, DN_CY, DN_R, DN_R_IN, 0, 1));
	view_set_str(v, "total", value_text(a, sum, ""));

	struct view *slices = view_list(a);
	struct view *legend = view_list(a);
	struct view *rows = view_list(a);
	double at = 0;
	for (size_t i = 0; i < n; i++) {
		double val = isfinite(values[i]) && values[i] > 0 ? values[i] : 0;
		const char *fill = color_or(a, colors ? colors[i] : NULL, palette[i % (sizeof palette / sizeof *palette)]);
		const char *label = label_of(a, labels, i);
		const char *pct_text = arena_printf(a, "%d%%", pct[i]);
		const char *title = arena_printf(a, "%s: %s (%s)", label, value_text(a, val, ""), pct_text);
		if (val > 0) {
			double next = at + val / sum;
			struct view *s = view_map(a);
			view_set_str(s, "d", chart_ring_slice(a, DN_CX, DN_CY, DN_R, DN_R_IN, at, next > 1 ? 1 : next));
			view_set_str(s, "fill", fill);
			view_set_str(s, "title", title);
			view_push(slices, s);
			at = next;
		}
		struct view *e = view_map(a);
		view_set_int(e, "y", 12 + (long long)i * DN_ROW);
		view_set_int(e, "ty", 22 + (long long)i * DN_ROW);
		view_set_str(e, "fill", fill);
		view_set_str(e, "text", arena_printf(a, "%s %s", clip_text(a, label, 22), pct_text));
		view_set_str(e, "title", title);
		view_push(legend, e);
		struct view *r = view_map(a);
		view_set_str(r, "label", label);
		view_set_str(r, "value", value_text(a, val, ""));
		view_set_str(r, "percent", pct_text);
		view_push(rows, r);
	}
	view_set(v, "slices", slices);
	view_set(v, "legend", legend);
	view_set(v, "rows", rows);
	view_set_int(v, "legend_x", DN_LEGEND_X);
	view_set_int(v, "legend_tx", DN_LEGEND_X + 18);
	if (empty) {
		view_set_str(v, "summary", n ? "Nothing to show yet: every share is zero." : "Nothing to show yet.");
	} else {
		/* the largest share first: what a reader asks of a doughnut */
		size_t top = 0;
		for (size_t i = 1; i < n; i++)
			if (isfinite(values[i]) && values[i] > (isfinite(values[top]) ? values[top] : 0))
				top = i;
		view_set_str(v, "summary",
			     arena_printf(a, "%zu part%s, total %s; the largest is %s with %d%%.", n, n == 1 ? "" : "s",
					  value_text(a, sum, ""), label_of(a, labels, top), pct[top]));
	}
	return v;
}

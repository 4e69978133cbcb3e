/* check_heatmap: unit tests of the year heatmap — levels at their boundaries, cell dates and
 * positions for both week starts (year ends, leap years, 54-column years, DST days), month
 * label columns, titles — and the rendered partial parsed as XML by libxml2. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "arena.h"
#include "buf.h"
#include "civil.h"
#include "heatmap.h"
#include "picture_view.h"
#include "testsvg.h"

static int64_t day_of(const char *s)
{
	int64_t day = INT64_MIN;
	ck_assert_msg(civil_parse(s, &day) == 0, "%s refused", s);
	return day;
}

static const struct heatmap_cell *cell(const struct heatmap *h, const char *date)
{
	const struct heatmap_cell *c = heatmap_cell_of(h, day_of(date));
	ck_assert_msg(c != NULL, "no cell for %s", date);
	return c;
}

static void assert_at(const struct heatmap *h, const char *date, int col, int row)
{
	const struct heatmap_cell *c = cell(h, date);
	ck_assert_msg(c->col == col && c->row == row, "%s (week start %d) at column %d row %d, expected %d %d", date,
		      h->week_start, c->col, c->row, col, row);
}

START_TEST(levels_at_the_boundaries)
{
	/* nothing due or nothing done */
	ck_assert_int_eq(heatmap_level(0, 0), 0);
	ck_assert_int_eq(heatmap_level(0, 3), 0);
	ck_assert_int_eq(heatmap_level(5, 0), 0);
	ck_assert_int_eq(heatmap_level(-1, 1), 0);
	/* 0 < c < 25% → 1 */
	ck_assert_int_eq(heatmap_level(5, 1), 1);       /* 20% */
	ck_assert_int_eq(heatmap_level(1000, 1), 1);    /* 0.1% */
	ck_assert_int_eq(heatmap_level(1000, 249), 1);  /* 24.9% */
	/* 25% → 2, up to 49.9% */
	ck_assert_int_eq(heatmap_level(4, 1), 2);
	ck_assert_int_eq(heatmap_level(1000, 250), 2);
	ck_assert_int_eq(heatmap_level(1000, 499), 2);  /* 49.9% */
	ck_assert_int_eq(heatmap_level(3, 1), 2);       /* 33.3% */
	/* 50% → 3, up to 74.9% */
	ck_assert_int_eq(heatmap_level(2, 1), 3);
	ck_assert_int_eq(heatmap_level(1000, 500), 3);
	ck_assert_int_eq(heatmap_level(1000, 749), 3);  /* 74.9% */
	ck_assert_int_eq(heatmap_level(3, 2), 3);       /* 66.7% */
	/* 75% and more → 4 */
	ck_assert_int_eq(heatmap_level(4, 3), 4);
	ck_assert_int_eq(heatmap_level(1000, 750), 4);
	ck_assert_int_eq(heatmap_level(8, 8), 4);       /* 100% */
	ck_assert_int_eq(heatmap_level(1, 1), 4);
	ck_assert_int_eq(heatmap_level(2, 5), 4);       /* more done than due */
	ck_assert_int_eq(heatmap_level(2147483647, 2147483647), 4);
	ck_assert_int_eq(heatmap_level(2147483647, 536870911), 1); /* no overflow near the limits */
}
END_TEST

START_TEST(year_2026_both_week_starts)
{
	struct heatmap *h = malloc(sizeof *h);
	/* 2026-01-01 is a Thursday, 2026-12-31 too */
	heatmap_init(h, 2026, 1);
	ck_assert_int_eq(h->ncells, 365);
	ck_assert_int_eq(h->ncols, 53);
	ck_assert(h->first == day_of("2026-01-01"));
	assert_at(h, "2026-01-01", 0, 3);
	assert_at(h, "2026-01-04", 0, 6); /* Sunday ends the first Monday week */
	assert_at(h, "2026-01-05", 1, 0);
	assert_at(h, "2026-12-31", 52, 3);
	ck_assert_ptr_null(heatmap_cell_of(h, day_of("2025-12-31")));
	ck_assert_ptr_null(heatmap_cell_of(h, day_of("2027-01-01")));

	heatmap_init(h, 2026, 0);
	ck_assert_int_eq(h->ncols, 53);
	assert_at(h, "2026-01-01", 0, 4);
	assert_at(h, "2026-01-03", 0, 6); /* Saturday ends the first Sunday week */
	assert_at(h, "2026-01-04", 1, 0);
	assert_at(h, "2026-03-03", 9, 2); /* a Tuesday */
	assert_at(h, "2026-12-31", 52, 4);
	free(h);
}
END_TEST

START_TEST(year_2027_both_week_starts)
{
	struct heatmap *h = malloc(sizeof *h);
	/* 2027-01-01 is a Friday, 2027-12-31 too */
	heatmap_init(h, 2027, 1);
	ck_assert_int_eq(h->ncells, 365);
	ck_assert_int_eq(h->ncols, 53);
	assert_at(h, "2027-01-01", 0, 4);
	assert_at(h, "2027-12-31", 52, 4);
	heatmap_init(h, 2027, 0);
	ck_assert_int_eq(h->ncols, 53);
	assert_at(h, "2027-01-01", 0, 5);
	assert_at(h, "2027-12-31", 52, 5);
	free(h);
}
END_TEST

START_TEST(leap_year_2028)
{
	struct heatmap *h = malloc(sizeof *h);
	/* 2028-01-01 is a Saturday and 2028 has 366 days: Sunday weeks need 54 columns */
	heatmap_init(h, 2028, 0);
	ck_assert_int_eq(h->ncells, 366);
	ck_assert_int_eq(h->ncols, 54);
	assert_at(h, "2028-01-01", 0, 6);
	assert_at(h, "2028-01-02", 1, 0);
	assert_at(h, "2028-02-29", 9, 2); /* a Tuesday */
	assert_at(h, "2028-03-01", 9, 3);
	assert_at(h, "2028-12-31", 53, 0); /* a Sunday alone in the last column */
	ck_assert(cell(h, "2028-02-29")->day == h->first + 59);

	heatmap_init(h, 2028, 1);
	ck_assert_int_eq(h->ncells, 366);
	ck_assert_int_eq(h->ncols, 53);
	assert_at(h, "2028-01-01", 0, 5);
	assert_at(h, "2028-02-29", 9, 1);
	assert_at(h, "2028-12-31", 52, 6);
	free(h);
}
END_TEST

/* A year needs 54 columns exactly when it is a leap year whose January 1 is the last day of a
 * week: 2000, 2028 and 2056 for Sunday weeks, 2012 and 2040 for Monday weeks; and the cells
 * always run day by day down the rows and across the columns. */
START_TEST(every_year_lays_out_day_by_day)
{
	struct heatmap *h = malloc(sizeof *h);
	int wide[2] = { 0, 0 };
	for (int year = 1900; year <= 2100; year++) {
		for (int ws = 0; ws <= 1; ws++) {
			heatmap_init(h, year, ws);
			int64_t jan1 = civil_from_ymd(year, 1, 1);
			int last_of_week = ws == 0 ? 5 : 6; /* civil_weekday of Saturday, Sunday */
			bool want_wide = civil_is_leap(year) && civil_weekday(jan1) == last_of_week;
			ck_assert_int_eq(h->ncols, want_wide ? 54 : 53);
			wide[ws] += want_wide;
			if (want_wide && year >= 2000 && year <= 2060) {
				if (ws == 0)
					ck_assert_msg(year == 2000 || year == 2028 || year == 2056, "%d", year);
				else
					ck_assert_msg(year == 2012 || year == 2040, "%d", year);
			}
			ck_assert_int_eq(h->ncells, civil_is_leap(year) ? 366 : 365);
			ck_assert_int_eq(h->cells[0].col, 0);
			for (int i = 0; i < h->ncells; i++) {
				const struct heatmap_cell *c = &h->cells[i];
				ck_assert(c->day == jan1 + i);
				ck_assert_int_eq(c->row, ((civil_weekday(c->day) + 1) % 7 - ws + 7) % 7);
				if (i > 0) {
					const struct heatmap_cell *p = &h->cells[i - 1];
					ck_assert((c->col == p->col && c->row == p->row + 1) ||
						  (c->col == p->col + 1 && c->row == 0 && p->row == 6));
				}
			}
			ck_assert_int_eq(h->cells[h->ncells - 1].col, h->ncols - 1);
			/* month labels: in order, at least four columns apart, inside the picture, over a
			 * column whose top cell is in that month */
			for (int m = 0; m < 12; m++) {
				int col = h->month_col[m];
				ck_assert(col >= 0 && col < h->ncols);
				if (m > 0)
					ck_assert_int_ge(col - h->month_col[m - 1], 4);
				const struct heatmap_cell *top = NULL;
				for (int i = 0; i < h->ncells && !top; i++)
					if (h->cells[i].col == col && h->cells[i].row == 0)
						top = &h->cells[i];
				ck_assert_ptr_nonnull(top);
				int y, mo, d;
				civil_to_ymd(top->day, &y, &mo, &d);
				ck_assert_int_eq(mo, m + 1);
				ck_assert_int_le(d, 7);
			}
		}
	}
	ck_assert_int_gt(wide[0], 0);
	ck_assert_int_gt(wide[1], 0);
	free(h);
}
END_TEST

START_TEST(month_label_columns_2026)
{
	struct heatmap *h = malloc(sizeof *h);
	heatmap_init(h, 2026, 1);
	ck_assert_int_eq(h->month_col[0], 1);  /* Jan 1 is a Thursday: the first full week */
	ck_assert_int_eq(h->month_col[1], 5);  /* Feb 1 is a Sunday (column 4, last row) */
	ck_assert_int_eq(h->month_col[5], 22); /* Jun 1 is a Monday: its own column */
	heatmap_init(h, 2026, 0);
	ck_assert_int_eq(h->month_col[1], 5); /* Feb 1, a Sunday, starts column 5 */
	ck_assert_int_eq(h->month_col[2], 9); /* so does Mar 1 */
	free(h);
}
END_TEST

/* Cells are day numbers: the days when clocks change (Europe: 2026-03-29 and 2026-10-25; US:
 * 2026-03-08 and 2026-11-01) are one cell each, neither missing nor doubled. */
START_TEST(dst_days_are_ordinary_cells)
{
	struct heatmap *h = malloc(sizeof *h);
	const char *dst[] = { "2026-03-29", "2026-10-25", "2026-03-08", "2026-11-01" };
	for (int ws = 0; ws <= 1; ws++) {
		heatmap_init(h, 2026, ws);
		for (size_t k = 0; k < sizeof dst / sizeof dst[0]; k++) {
			int64_t d = day_of(dst[k]);
			const struct heatmap_cell *before = heatmap_cell_of(h, d - 1), *c = heatmap_cell_of(h, d),
						  *after = heatmap_cell_of(h, d + 1);
			ck_assert(before && c && after);
			ck_assert(c->day == d && before->day == d - 1 && after->day == d + 1);
			ck_assert_int_eq(c - before, 1);
			ck_assert_int_eq(after - c, 1);
			char text[CIVIL_DATE_SIZE];
			civil_format(c->day, text);
			ck_assert_str_eq(text, dst[k]);
			ck_assert_int_eq(c->row, civil_weekday(d) == 6 ? (ws == 0 ? 0 : 6) : (civil_weekday(d) + 1 - ws));
		}
		/* every cell is a different day and every day of the year has a cell */
		for (int i = 1; i < h->ncells; i++)
			ck_assert(h->cells[i].day == h->cells[i - 1].day + 1);
	}
	free(h);
}
END_TEST

START_TEST(adding_days)
{
	struct heatmap *h = malloc(sizeof *h);
	heatmap_init(h, 2026, 1);
	ck_assert_int_eq(heatmap_add(h, day_of("2026-03-03"), 8, 6), 0);
	ck_assert_int_eq(heatmap_add(h, day_of("2026-03-03"), 2, 1), 0); /* sums */
	ck_assert_int_eq(heatmap_add(h, day_of("2025-12-31"), 5, 5), -1);
	ck_assert_int_eq(heatmap_add(h, day_of("2027-01-01"), 5, 5), -1);
	ck_assert_int_eq(heatmap_add(h, day_of("2026-12-31"), -3, -1), 0); /* negatives count as 0 */
	ck_assert_int_eq(cell(h, "2026-03-03")->due, 10);
	ck_assert_int_eq(cell(h, "2026-03-03")->done, 7);
	ck_assert_int_eq(cell(h, "2026-12-31")->due, 0);
	ck_assert_int_eq(cell(h, "2026-01-01")->due, 0);
	ck_assert_int_eq(heatmap_add(h, day_of("2026-01-01"), 2147483647, 1), 0);
	ck_assert_int_eq(heatmap_add(h, day_of("2026-01-01"), 2147483647, 1), 0);
	ck_assert_int_eq(cell(h, "2026-01-01")->due, 2147483647); /* saturates */
	free(h);
}
END_TEST

START_TEST(titles)
{
	char t[HEATMAP_TITLE_SIZE];
	ck_assert_str_eq(heatmap_title(t, day_of("2026-03-03"), 8, 6), "Tue 3 Mar 2026: 6 of 8 done");
	ck_assert_str_eq(heatmap_title(t, day_of("2026-01-01"), 3, 0), "Thu 1 Jan 2026: 0 of 3 done");
	ck_assert_str_eq(heatmap_title(t, day_of("2026-03-29"), 0, 0), "Sun 29 Mar 2026: nothing due");
	ck_assert_str_eq(heatmap_title(t, day_of("2028-02-29"), 1, 1), "Tue 29 Feb 2028: 1 of 1 done");
	ck_assert_str_eq(heatmap_title(t, day_of("2027-12-31"), 2147483647, 2147483647),
			 "Fri 31 Dec 2027: 2147483647 of 2147483647 done");
	char d[HEATMAP_DATE_SIZE];
	ck_assert_str_eq(heatmap_day_text(d, day_of("2026-10-25")), "Sun 25 Oct 2026");
	ck_assert_str_eq(heatmap_weekday_abbr(0), "Mon");
	ck_assert_str_eq(heatmap_weekday_abbr(7), "?");
	ck_assert_str_eq(heatmap_month_abbr(12), "Dec");
	ck_assert_str_eq(heatmap_month_abbr(0), "?");
}
END_TEST

/* The text content of the first element named name under n. */
static char *text_of(xmlNodePtr n, const char *name)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, name) == 0)
			return (char *)xmlNodeGetContent(n);
		char *t = text_of(n->children, name);
		if (t)
			return t;
	}
	return NULL;
}

START_TEST(rendered_heatmap_is_well_formed)
{
	struct arena a;
	arena_init(&a);
	struct picture_day days[] = {
		{ day_of("2026-03-03"), 8, 6 }, /* level 4 (75%) */
		{ day_of("2026-03-04"), 5, 1 }, /* level 1 */
		{ day_of("2026-03-05"), 4, 1 }, /* level 2 */
		{ day_of("2026-03-06"), 2, 1 }, /* level 3 */
		{ day_of("2026-03-07"), 3, 0 }, /* level 0, due */
		{ day_of("2025-12-31"), 9, 9 }, /* outside the year: ignored */
		{ day_of("2026-10-25"), 1, 1 },
	};
	const char *caption = "Tom & Jerry's <\"morning\"> routine in 2026";
	struct view *v = picture_heatmap(&a, 2026, 0, "#2F80ED", days, sizeof days / sizeof days[0], caption);
	ck_assert_int_eq(view_integer(view_get(v, "prev_year")), 2025);
	ck_assert_int_eq(view_integer(view_get(v, "next_year")), 2027);
	ck_assert_int_eq(view_integer(view_get(v, "year")), 2026);
	ck_assert_uint_eq(view_len(view_get(v, "cells")), 365);
	ck_assert_uint_eq(view_len(view_get(v, "rows")), 6);

	struct buf out;
	buf_init(&out);
	testsvg_render("heatmap", v, &out);
	ck_assert_ptr_null(strstr(out.data, "Tom & Jerry")); /* escaped */
	xmlDocPtr doc = testsvg_parse_svg(out.data);
	xmlNodePtr svg = xmlDocGetRootElement(doc);
	char *role = testsvg_attr(svg, "role");
	ck_assert_str_eq(role, "img");
	xmlFree(role);
	char *title = text_of(svg, "title");
	ck_assert_str_eq(title, caption);
	xmlFree(title);
	ck_assert_int_eq(testsvg_count(svg, "rect"), 365 + 5); /* cells and the legend */
	ck_assert_int_eq(testsvg_count(svg, "title"), 1 + 365 + 5);
	ck_assert_int_eq(testsvg_count(svg, "text"), 12 + 3 + 2); /* months, Mon Wed Fri, Less More */

	xmlNodePtr r = testsvg_find_titled(svg, "rect", "Tue 3 Mar 2026: 6 of 8 done");
	ck_assert_ptr_nonnull(r);
	char *fill = testsvg_attr(r, "fill"), *op = testsvg_attr(r, "fill-opacity"), *cls = testsvg_attr(r, "class");
	ck_assert_str_eq(fill, "#2f80ed");
	ck_assert_str_eq(op, "1");
	ck_assert_str_eq(cls, "hm-on");
	xmlFree(fill);
	xmlFree(op);
	xmlFree(cls);
	r = testsvg_find_titled(svg, "rect", "Wed 4 Mar 2026: 1 of 5 done");
	ck_assert_ptr_nonnull(r);
	op = testsvg_attr(r, "fill-opacity");
	ck_assert_str_eq(op, "0.4");
	xmlFree(op);
	r = testsvg_find_titled(svg, "rect", "Sat 7 Mar 2026: 0 of 3 done");
	ck_assert_ptr_nonnull(r);
	cls = testsvg_attr(r, "class");
	fill = testsvg_attr(r, "fill");
	ck_assert_str_eq(cls, "hm-l0");
	ck_assert_ptr_null(fill);
	xmlFree(cls);
	ck_assert_ptr_nonnull(testsvg_find_titled(svg, "rect", "Sun 29 Mar 2026: nothing due"));
	/* Tuesday 3 March with Sunday weeks: column 9, row 2 */
	r = testsvg_find_titled(svg, "rect", "Tue 3 Mar 2026: 6 of 8 done");
	char *x = testsvg_attr(r, "x"), *y = testsvg_attr(r, "y");
	ck_assert_str_eq(x, "147"); /* 30 + 9 × 13 */
	ck_assert_str_eq(y, "44");  /* 18 + 2 × 13 */
	xmlFree(x);
	xmlFree(y);
	xmlFreeDoc(doc);

	/* the whole figure, table included, is well-formed too, and the table has the numbers */
	doc = testsvg_parse_all(out.data);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	ck_assert_str_eq((const char *)root->name, "figure");
	ck_assert_int_eq(testsvg_count(root, "details"), 1);
	ck_assert_int_eq(testsvg_count(root, "tr"), 1 + 6);
	xmlFreeDoc(doc);
	ck_assert_ptr_nonnull(strstr(out.data, "<td>Tue 3 Mar 2026</td><td class=\"number\">6</td><td class=\"number\">8</td><td class=\"number\">75%</td>"));
	buf_free(&out);
	arena_free(&a);
}
END_TEST

START_TEST(rendered_empty_and_leap_heatmaps)
{
	struct arena a;
	arena_init(&a);
	struct buf out;
	buf_init(&out);
	/* no data at all, a bad colour: a grey year and a sentence instead of a table */
	struct view *v = picture_heatmap(&a, 2028, 0, "red\"><script>", NULL, 0, NULL);
	testsvg_render("heatmap", v, &out);
	ck_assert_ptr_nonnull(strstr(out.data, "Nothing was due in 2028."));
	ck_assert_ptr_null(strstr(out.data, "<table"));
	xmlDocPtr doc = testsvg_parse_svg(out.data);
	xmlNodePtr svg = xmlDocGetRootElement(doc);
	ck_assert_int_eq(testsvg_count(svg, "rect"), 366 + 5);
	char *w = testsvg_attr(svg, "width");
	ck_assert_str_eq(w, "736"); /* 30 + 54 × 13 + 4 */
	xmlFree(w);
	ck_assert_ptr_nonnull(testsvg_find_titled(svg, "rect", "Tue 29 Feb 2028: nothing due"));
	xmlFreeDoc(doc);
	doc = testsvg_parse_all(out.data);
	xmlFreeDoc(doc);

	/* a bad colour falls back to the accent on the cells that have one */
	struct picture_day one = { day_of("2028-12-31"), 1, 1 };
	v = picture_heatmap(&a, 2028, 1, "#12345g", &one, 1, "x");
	ck_assert_str_eq(view_string(view_get(v, "color"), NULL), "#2f6f4f");
	testsvg_render("heatmap", v, &out);
	doc = testsvg_parse_svg(out.data);
	xmlFreeDoc(doc);
	buf_free(&out);
	arena_free(&a);
}
END_TEST

static Suite *heatmap_suite(void)
{
	Suite *s = suite_create("heatmap");
	TCase *tc = tcase_create("levels");
	tcase_add_test(tc, levels_at_the_boundaries);
	suite_add_tcase(s, tc);
	tc = tcase_create("cells");
	tcase_add_test(tc, year_2026_both_week_starts);
	tcase_add_test(tc, year_2027_both_week_starts);
	tcase_add_test(tc, leap_year_2028);
	tcase_add_test(tc, every_year_lays_out_day_by_day);
	tcase_add_test(tc, month_label_columns_2026);
	tcase_add_test(tc, dst_days_are_ordinary_cells);
	tcase_add_test(tc, adding_days);
	tcase_add_test(tc, titles);
	suite_add_tcase(s, tc);
	tc = tcase_create("svg");
	tcase_add_test(tc, rendered_heatmap_is_well_formed);
	tcase_add_test(tc, rendered_empty_and_leap_heatmaps);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	xmlInitParser();
	SRunner *sr = srunner_create(heatmap_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

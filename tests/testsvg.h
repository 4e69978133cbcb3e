/* testsvg: renders a picture partial (heatmap, line_chart, bar_chart, doughnut) through the real
 * template set and parses its SVG with libxml2, for check_heatmap and check_chart. */
#ifndef TRACKPRO_TESTSVG_H
#define TRACKPRO_TESTSVG_H

#include <libxml/tree.h>

#include "buf.h"
#include "view.h"

/* Renders {{#pic}}{{>partial}}{{/pic}} with pic as the view, using the templates of
 * $TRACKPRO_TEMPLATES (default "templates"), into out (emptied first). Fails the test on any
 * template error, and when the output holds an inline style or a script (the CSP allows none). */
void testsvg_render(const char *partial, struct view *pic, struct buf *out);

/* Parses the first <svg>…</svg> of html with libxml2 (no network, no entities from outside);
 * fails the test on any parse error or warning. The caller frees the document with xmlFreeDoc. */
xmlDocPtr testsvg_parse_svg(const char *html);

/* Parses the whole of html the same way (the partials are well-formed XML too). */
xmlDocPtr testsvg_parse_all(const char *html);

/* Number of elements named name (any namespace) at or under n. */
int testsvg_count(xmlNodePtr n, const char *name);

/* The first element named name at or under n (or n's later siblings) whose <title> child reads
 * title, or NULL. */
xmlNodePtr testsvg_find_titled(xmlNodePtr n, const char *name, const char *title);

/* The attribute of n (a string to free with xmlFree), or NULL. */
char *testsvg_attr(xmlNodePtr n, const char *attr);

#endif

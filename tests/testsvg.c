/* testsvg: picture partials rendered through the real templates and parsed with libxml2. */
#include "testsvg.h"

#include <check.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "arena.h"
#include "tmpl.h"

void testsvg_render(const char *partial, struct view *pic, struct buf *out)
{
	const char *dir = getenv("TRACKPRO_TEMPLATES");
	if (!dir)
		dir = "templates";
	struct tmpl_set *set = tmpl_set_new();
	struct buf err;
	buf_init(&err);
	ck_assert_msg(tmpl_set_load_dir(set, dir, &err) == 0, "templates: %s", buf_cstr(&err));
	struct buf src;
	buf_init(&src);
	buf_printf(&src, "{{#pic}}{{>%s}}{{/pic}}", partial);
	ck_assert_msg(tmpl_set_add(set, "testsvg_wrapper", src.data, src.len, NULL, &err) == 0, "%s", buf_cstr(&err));
	ck_assert_msg(tmpl_set_link(set, true, &err) == 0, "%s", buf_cstr(&err));
	struct arena a;
	arena_init(&a);
	struct view *root = view_map(&a);
	view_set(root, "pic", pic);
	buf_reset(out);
	ck_assert_msg(tmpl_render(set, "testsvg_wrapper", root, out, &err) == 0, "%s", buf_cstr(&err));
	const char *s = buf_cstr(out);
	ck_assert_msg(strstr(s, "<svg") != NULL, "no <svg> in %s", s);
	ck_assert_msg(strstr(s, "style=") == NULL && strstr(s, "<script") == NULL && strstr(s, "<style") == NULL,
		      "inline style or script in %s", s);
	arena_free(&a);
	buf_free(&src);
	buf_free(&err);
	tmpl_set_free(set);
}

static void on_error(void *ctx, const char *msg, ...)
{
	struct buf *b = ctx;
	va_list ap;
	va_start(ap, msg);
	buf_vprintf(b, msg, ap);
	va_end(ap);
}

static xmlDocPtr parse(const char *s, size_t len)
{
	struct buf errors;
	buf_init(&errors);
	xmlSetGenericErrorFunc(&errors, on_error);
	xmlDocPtr doc = xmlReadMemory(s, (int)len, "picture.xml", "UTF-8", XML_PARSE_NONET);
	xmlSetGenericErrorFunc(NULL, NULL);
	ck_assert_msg(doc != NULL && errors.len == 0, "not well-formed XML: %s\n%.*s", buf_cstr(&errors), (int)len, s);
	buf_free(&errors);
	return doc;
}

xmlDocPtr testsvg_parse_svg(const char *html)
{
	const char *start = strstr(html, "<svg");
	ck_assert_ptr_nonnull(start);
	const char *end = strstr(start, "</svg>");
	ck_assert_ptr_nonnull(end);
	xmlDocPtr doc = parse(start, (size_t)(end + strlen("</svg>") - start));
	xmlNodePtr root = xmlDocGetRootElement(doc);
	ck_assert_str_eq((const char *)root->name, "svg");
	ck_assert_ptr_nonnull(root->ns);
	ck_assert_str_eq((const char *)root->ns->href, "http://www.w3.org/2000/svg");
	return doc;
}

xmlDocPtr testsvg_parse_all(const char *html)
{
	return parse(html, strlen(html));
}

int testsvg_count(xmlNodePtr n, const char *name)
{
	int k = 0;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, name) == 0)
			k++;
		k += testsvg_count(n->children, name);
	}
	return k;
}

/* The text of n's first <title> child, to free with xmlFree, or NULL. */
static char *title_of(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "title") == 0)
			return (char *)xmlNodeGetContent(c);
	return NULL;
}

xmlNodePtr testsvg_find_titled(xmlNodePtr n, const char *name, const char *title)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, name) == 0) {
			char *t = title_of(n);
			bool same = t && strcmp(t, title) == 0;
			xmlFree(t);
			if (same)
				return n;
		}
		xmlNodePtr hit = testsvg_find_titled(n->children, name, title);
		if (hit)
			return hit;
	}
	return NULL;
}

char *testsvg_attr(xmlNodePtr n, const char *attr)
{
	return (char *)xmlGetProp(n, (const xmlChar *)attr);
}

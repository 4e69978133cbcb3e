/* check_tmpl: tests of the Mustache engine — the official specification, escaping, errors,
 * depth limit, directory loading, and a lint of the project's templates. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <check.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "tmpl.h"
#include "view.h"
#include "xmalloc.h"

/* Reads a whole file into a malloc'd NUL-terminated string, or returns NULL. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return buf_detach(&b);
}

static void spew(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s: %s", path, strerror(errno));
	fputs(text, f);
	fclose(f);
}

/* Converts JSON to a view: object -> map, array -> list, integral number -> int. */
static struct view *json_view(struct arena *a, const cJSON *j)
{
	if (cJSON_IsObject(j)) {
		struct view *m = view_map(a);
		for (const cJSON *c = j->child; c; c = c->next)
			view_set(m, c->string, json_view(a, c));
		return m;
	}
	if (cJSON_IsArray(j)) {
		struct view *l = view_list(a);
		for (const cJSON *c = j->child; c; c = c->next)
			view_push(l, json_view(a, c));
		return l;
	}
	if (cJSON_IsString(j))
		return view_str(a, j->valuestring);
	if (cJSON_IsNumber(j)) {
		double d = j->valuedouble;
		if (d > -9e15 && d < 9e15 && (double)(long long)d == d)
			return view_int(a, (long long)d);
		return view_double(a, d);
	}
	if (cJSON_IsBool(j))
		return view_bool(a, cJSON_IsTrue(j));
	return view_null(a);
}

static const char *const spec_files[] = {
	"comments.json", "delimiters.json", "interpolation.json", "inverted.json",
	"partials.json", "sections.json",   "~inheritance.json",
};

#define SPEC_MAIN "spec main template"

/* Runs one spec test; returns true when it passes, else prints why. */
static bool spec_case(const char *file, const cJSON *test)
{
	const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(test, "name"));
	const char *tpl = cJSON_GetStringValue(cJSON_GetObjectItem(test, "template"));
	const char *expected = cJSON_GetStringValue(cJSON_GetObjectItem(test, "expected"));
	const cJSON *partials = cJSON_GetObjectItem(test, "partials");
	struct tmpl_set *set = tmpl_set_new();
	struct arena a;
	struct buf out, err;
	arena_init(&a);
	buf_init(&out);
	buf_init(&err);
	int rc = tmpl_set_add(set, SPEC_MAIN, tpl, strlen(tpl), name, &err);
	for (const cJSON *p = partials ? partials->child : NULL; p && rc == 0; p = p->next)
		rc = tmpl_set_add(set, p->string, p->valuestring, strlen(p->valuestring), p->string,
				  &err);
	if (rc == 0)
		rc = tmpl_set_link(set, false, &err);
	if (rc == 0)
		rc = tmpl_render(set, SPEC_MAIN, json_view(&a, cJSON_GetObjectItem(test, "data")),
				 &out, &err);
	bool ok = rc == 0 && strcmp(buf_cstr(&out), expected) == 0;
	if (!ok) {
		char *e = cJSON_PrintUnformatted(cJSON_GetObjectItem(test, "expected"));
		cJSON *g = cJSON_CreateString(buf_cstr(&out));
		char *gs = cJSON_PrintUnformatted(g);
		printf("FAIL %s: %s\n  expected %s\n  got      %s\n  errors   %s\n", file, name, e,
		       gs, buf_cstr(&err));
		free(e);
		free(gs);
		cJSON_Delete(g);
	}
	buf_free(&out);
	buf_free(&err);
	arena_free(&a);
	tmpl_set_free(set);
	return ok;
}

START_TEST(test_spec)
{
	const char *shared = getenv("TRACKPRO_SHARED");
	struct buf dir;
	buf_init(&dir);
	buf_printf(&dir, "%s/mustache-spec", shared ? shared : "");
	struct stat st;
	if (!shared || stat(dir.data, &st) != 0 || !S_ISDIR(st.st_mode)) {
		printf("mustache spec not found, skipped\n");
		buf_free(&dir);
		return;
	}
	int total = 0, passed = 0;
	for (size_t f = 0; f < sizeof spec_files / sizeof *spec_files; f++) {
		struct buf path;
		buf_init(&path);
		buf_printf(&path, "%s/%s", dir.data, spec_files[f]);
		char *text = slurp(path.data);
		ck_assert_msg(text != NULL, "cannot read %s", path.data);
		cJSON *doc = cJSON_Parse(text);
		ck_assert_msg(doc != NULL, "bad JSON in %s", path.data);
		int n = 0, ok = 0;
		const cJSON *test;
		cJSON_ArrayForEach(test, cJSON_GetObjectItem(doc, "tests"))
		{
			n++;
			ok += spec_case(spec_files[f], test);
		}
		printf("spec %s: %d/%d passed\n", spec_files[f], ok, n);
		total += n;
		passed += ok;
		cJSON_Delete(doc);
		free(text);
		buf_free(&path);
	}
	printf("spec total: %d/%d passed\n", passed, total);
	fflush(stdout);
	buf_free(&dir);
	ck_assert_msg(passed == total, "%d of %d spec tests failed", total - passed, total);
}
END_TEST

/* Renders source as template "t" against ctx; returns the output (static-free, caller frees). */
static char *render_src(const char *source, const struct view *ctx)
{
	struct tmpl_set *set = tmpl_set_new();
	struct buf out, err;
	buf_init(&out);
	buf_init(&err);
	ck_assert_int_eq(tmpl_set_add(set, "t", source, strlen(source), NULL, &err), 0);
	ck_assert_int_eq(tmpl_set_link(set, true, &err), 0);
	ck_assert_msg(tmpl_render(set, "t", ctx, &out, &err) == 0, "%s", buf_cstr(&err));
	buf_free(&err);
	tmpl_set_free(set);
	return buf_detach(&out);
}

START_TEST(test_escape)
{
	struct buf b;
	buf_init(&b);
	tmpl_escape_html(&b, "a&b<c>d\"e'f", 11);
	ck_assert_str_eq(buf_cstr(&b), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	buf_reset(&b);
	tmpl_escape_html(&b, "plain", 5);
	ck_assert_str_eq(buf_cstr(&b), "plain");
	buf_free(&b);

	struct arena a;
	arena_init(&a);
	struct view *m = view_map(&a);
	view_set_str(m, "x", "<a href='u'>&\"</a>");
	char *s = render_src("{{x}}|{{{x}}}|{{&x}}", m);
	ck_assert_str_eq(s, "&lt;a href=&#39;u&#39;&gt;&amp;&quot;&lt;/a&gt;|<a href='u'>&\"</a>|"
			    "<a href='u'>&\"</a>");
	free(s);
	arena_free(&a);
}
END_TEST

START_TEST(test_values)
{
	struct arena a;
	arena_init(&a);
	struct view *m = view_map(&a);
	view_set_int(m, "i", -42);
	view_set(m, "d", view_double(&a, 1.21));
	view_set(m, "e", view_double(&a, 0.1 + 0.2));
	view_set(m, "w", view_double(&a, 3.0));
	view_set_bool(m, "t", true);
	view_set(m, "n", view_null(&a));
	struct view *l = view_list(&a);
	view_push(l, view_str(&a, "a"));
	view_push(l, view_str(&a, "b"));
	view_set(m, "l", l);
	char *s = render_src("{{i}} {{d}} {{e}} {{w}} {{t}} [{{n}}] [{{missing}}] "
			     "{{#l}}{{.}},{{/l}} {{^l}}no{{/l}}{{^missing}}none{{/missing}}",
			     m);
	ck_assert_str_eq(s, "-42 1.21 0.30000000000000004 3 true [] [] a,b, none");
	free(s);
	s = render_src("x{{.}}{{a.b}}y", NULL);
	ck_assert_str_eq(s, "xy");
	free(s);
	arena_free(&a);
}
END_TEST

START_TEST(test_render_many)
{
	struct tmpl_set *set = tmpl_set_new();
	struct buf out, err;
	buf_init(&out);
	buf_init(&err);
	const char *src = "{{#items}}<li>{{name}}</li>\n{{/items}}";
	ck_assert_int_eq(tmpl_set_add(set, "t", src, strlen(src), NULL, &err), 0);
	struct arena a;
	arena_init(&a);
	struct view *m = view_map(&a), *l = view_list(&a);
	for (int i = 0; i < 1000; i++) {
		struct view *it = view_map(&a);
		view_set_int(it, "name", i);
		view_push(l, it);
	}
	view_set(m, "items", l);
	for (int k = 0; k < 3; k++) {
		buf_reset(&out);
		ck_assert_int_eq(tmpl_render(set, "t", m, &out, &err), 0);
		ck_assert(strncmp(buf_cstr(&out), "<li>0</li>\n<li>1</li>\n", 22) == 0);
		ck_assert(strstr(buf_cstr(&out), "<li>999</li>\n") != NULL);
	}
	ck_assert_int_eq(tmpl_render(set, "nope", m, &out, &err), -1);
	ck_assert_str_eq(buf_cstr(&err), "unknown template 'nope'\n");
	ck_assert(tmpl_set_has(set, "t"));
	ck_assert(!tmpl_set_has(set, "nope"));
	arena_free(&a);
	buf_free(&out);
	buf_free(&err);
	tmpl_set_free(set);
}
END_TEST

static const struct {
	const char *src;
	const char *msg;
} parse_errors[] = {
	{ "ab\n  {{x", "page.mustache:2:3: unclosed tag\n" },
	{ "{{{x}}", "page.mustache:1:1: unclosed tag\n" },
	{ "{{#a}}\n {{#b}}\n {{/b}}", "page.mustache:1:1: unclosed section 'a'\n" },
	{ "{{#a}}\n  x{{/b}}", "page.mustache:2:4: mismatched close tag 'b', expected 'a'\n" },
	{ "{{<p}}{{$a}}{{/p}}", "page.mustache:1:13: mismatched close tag 'p', expected 'a'\n" },
	{ "x\n\n{{/a}}", "page.mustache:3:1: unexpected close tag 'a'\n" },
	{ "{{=<% %>=}}\n<%= x =%>", "page.mustache:2:1: bad set-delimiter tag\n" },
	{ "1\n{{=<%=}}", "page.mustache:2:1: bad set-delimiter tag\n" },
	{ "a {{ }}", "page.mustache:1:3: empty tag name\n" },
	{ "a {{> }}", "page.mustache:1:3: empty tag name\n" },
};

START_TEST(test_parse_errors)
{
	const char *src = parse_errors[_i].src;
	struct tmpl_set *set = tmpl_set_new();
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(tmpl_set_add(set, "page", src, strlen(src), "page.mustache", &err), -1);
	ck_assert_str_eq(buf_cstr(&err), parse_errors[_i].msg);
	ck_assert(!tmpl_set_has(set, "page"));
	buf_free(&err);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_duplicate_and_origin)
{
	struct tmpl_set *set = tmpl_set_new();
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(tmpl_set_add(set, "a", "x", 1, NULL, &err), 0);
	ck_assert_int_eq(tmpl_set_add(set, "a", "y", 1, "other.mustache", &err), -1);
	ck_assert_str_eq(buf_cstr(&err), "other.mustache:1:1: duplicate template 'a'\n");
	buf_reset(&err);
	ck_assert_int_eq(tmpl_set_add(set, "b", "{{#x}}", 6, NULL, &err), -1);
	ck_assert_str_eq(buf_cstr(&err), "b:1:1: unclosed section 'x'\n");
	buf_free(&err);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_strict_link)
{
	struct tmpl_set *set = tmpl_set_new();
	struct buf out, err;
	buf_init(&out);
	buf_init(&err);
	const char *src = "a\n  b {{>nav}}\n{{<layout}}{{/layout}}\n{{>here}}";
	ck_assert_int_eq(tmpl_set_add(set, "page", src, strlen(src), "page.mustache", &err), 0);
	ck_assert_int_eq(tmpl_set_add(set, "here", "H", 1, NULL, &err), 0);
	ck_assert_int_eq(tmpl_set_link(set, true, &err), -1);
	ck_assert_str_eq(buf_cstr(&err), "page.mustache:2:5: missing partial 'nav'\n"
					 "page.mustache:3:1: missing partial 'layout'\n");
	buf_reset(&err);
	ck_assert_int_eq(tmpl_set_link(set, false, &err), 0);
	ck_assert_str_eq(buf_cstr(&err), "");
	ck_assert_int_eq(tmpl_render(set, "page", NULL, &out, &err), 0);
	ck_assert_str_eq(buf_cstr(&out), "a\n  b \nH");
	buf_free(&out);
	buf_free(&err);
	tmpl_set_free(set);
}
END_TEST

/* Renders template "main" of a set made of name/source pairs; returns rc, output in out. */
static int render_set(const char *const *pairs, struct buf *out, struct buf *err)
{
	struct tmpl_set *set = tmpl_set_new();
	for (; pairs[0]; pairs += 2)
		ck_assert_int_eq(tmpl_set_add(set, pairs[0], pairs[1], strlen(pairs[1]), NULL, err), 0);
	ck_assert_int_eq(tmpl_set_link(set, false, err), 0);
	int rc = tmpl_render(set, "main", NULL, out, err);
	tmpl_set_free(set);
	return rc;
}

START_TEST(test_depth)
{
	static const char *const self_partial[] = { "main", "x{{>main}}", NULL };
	static const char *const self_parent[] = { "main", "{{<main}}{{/main}}", NULL };
	static const char *const mutual[] = { "main", "{{>a}}", "a", "  {{>b}}\n", "b", "{{>a}}", NULL };
	static const char *const override[] = {
		"main", "{{<p}}{{$b}}[{{$b}}{{/b}}]{{/b}}{{/p}}", "p", "{{$b}}{{/b}}", NULL
	};
	const char *const *cases[] = { self_partial, self_parent, mutual, override };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf out, err;
		buf_init(&out);
		buf_init(&err);
		ck_assert_int_eq(render_set(cases[i], &out, &err), -1);
		ck_assert_msg(strstr(buf_cstr(&err), "nested deeper than 64 levels") != NULL,
			      "case %zu: %s", i, buf_cstr(&err));
		buf_free(&out);
		buf_free(&err);
	}
	struct buf out, err;
	buf_init(&out);
	buf_init(&err);
	ck_assert_int_eq(render_set(self_partial, &out, &err), -1);
	ck_assert_str_eq(buf_cstr(&err), "main:1:2: templates nested deeper than 64 levels at 'main'\n");
	buf_free(&out);
	buf_free(&err);

	/* A chain of 60 partials is within the limit. */
	const char *chain[2 * 61 + 1];
	char names[61][16], srcs[61][24];
	for (int i = 0; i < 61; i++) {
		snprintf(names[i], sizeof names[i], i ? "p%d" : "main", i);
		if (i < 60)
			snprintf(srcs[i], sizeof srcs[i], "{{>p%d}}", i + 1);
		else
			snprintf(srcs[i], sizeof srcs[i], "end");
		chain[2 * i] = names[i];
		chain[2 * i + 1] = srcs[i];
	}
	chain[2 * 61] = NULL;
	buf_init(&out);
	buf_init(&err);
	ck_assert_int_eq(render_set(chain, &out, &err), 0);
	ck_assert_str_eq(buf_cstr(&out), "end");
	buf_free(&out);
	buf_free(&err);
}
END_TEST

START_TEST(test_indentation)
{
	static const char *const cases[][2] = {
		/* standalone partials indent every line, nested ones cumulatively */
		{ "<ul>\n  {{>item}}\n</ul>\n", "<ul>\n  <li>\n    x\n  </li>\n</ul>\n" },
		/* a layout with blocks */
		{ "{{<layout}}\n{{$body}}\n<p>hi</p>\n{{/body}}\n{{/layout}}\n",
		  "<html>\n  <body>\n    <p>hi</p>\n  </body>\n</html>\n" },
	};
	static const char *const item = "<li>\n  {{>inner}}\n</li>\n";
	static const char *const inner = "x\n";
	/* "{{$body}}{{/body}}" on one line would keep its line end (spec "Standalone block"), so
	 * layouts open and close a block on lines of their own. */
	static const char *const layout =
		"<html>\n  <body>\n    {{$body}}\n    {{/body}}\n  </body>\n</html>\n";
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *pairs[] = { "main", cases[i][0], "item", item, "inner", inner,
					"layout", layout, NULL };
		struct buf out, err;
		buf_init(&out);
		buf_init(&err);
		ck_assert_int_eq(render_set(pairs, &out, &err), 0);
		ck_assert_str_eq(buf_cstr(&out), cases[i][1]);
		buf_free(&out);
		buf_free(&err);
	}
}
END_TEST

/* Removes the temporary directory tree made by test_load_dir. */
static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		struct buf p;
		buf_init(&p);
		buf_printf(&p, "%s/%s", dir, de->d_name);
		struct stat st;
		if (lstat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(p.data);
		else
			unlink(p.data);
		buf_free(&p);
	}
	closedir(d);
	rmdir(dir);
}

static void write_in(const char *dir, const char *name, const char *text)
{
	struct buf p;
	buf_init(&p);
	buf_printf(&p, "%s/%s", dir, name);
	spew(p.data, text);
	buf_free(&p);
}

START_TEST(test_load_dir)
{
	char dir[] = "/tmp/check_tmpl.XXXXXX";
	ck_assert(mkdtemp(dir) != NULL);
	struct buf sub, out, err;
	buf_init(&sub);
	buf_init(&out);
	buf_init(&err);
	buf_printf(&sub, "%s/partials", dir);
	ck_assert_int_eq(mkdir(sub.data, 0700), 0);
	write_in(dir, "layout.mustache", "<title>{{$title}}T{{/title}}</title>\n{{>nav}}\n");
	write_in(dir, "page.mustache", "{{<layout}}{{$title}}{{name}}{{/title}}{{/layout}}");
	write_in(dir, "notes.txt", "{{>ignored}}");
	write_in(sub.data, "nav.mustache", "<nav>{{name}}</nav>\n");

	struct tmpl_set *set = tmpl_set_new();
	ck_assert_msg(tmpl_set_load_dir(set, dir, &err) == 0, "%s", buf_cstr(&err));
	ck_assert(tmpl_set_has(set, "layout") && tmpl_set_has(set, "page") &&
		  tmpl_set_has(set, "nav") && !tmpl_set_has(set, "notes"));
	struct arena a;
	arena_init(&a);
	struct view *m = view_map(&a);
	view_set_str(m, "name", "A&B");
	ck_assert_int_eq(tmpl_render(set, "page", m, &out, &err), 0);
	ck_assert_str_eq(buf_cstr(&out), "<title>A&amp;B</title>\n<nav>A&amp;B</nav>\n");
	arena_free(&a);
	tmpl_set_free(set);

	/* the same name in both folders */
	write_in(sub.data, "page.mustache", "dup");
	set = tmpl_set_new();
	buf_reset(&err);
	ck_assert_int_eq(tmpl_set_load_dir(set, dir, &err), -1);
	struct buf want;
	buf_init(&want);
	buf_printf(&want, "%s/partials/page.mustache:1:1: duplicate template 'page'\n", dir);
	ck_assert_str_eq(buf_cstr(&err), want.data);
	tmpl_set_free(set);

	/* a missing partial and a parse error, each named by file */
	buf_reset(&sub);
	buf_printf(&sub, "%s/partials/page.mustache", dir);
	unlink(sub.data);
	write_in(dir, "bad.mustache", "ok\n{{#x}}");
	set = tmpl_set_new();
	buf_reset(&err);
	ck_assert_int_eq(tmpl_set_load_dir(set, dir, &err), -1);
	buf_reset(&want);
	buf_printf(&want, "%s/bad.mustache:2:1: unclosed section 'x'\n", dir);
	ck_assert_str_eq(buf_cstr(&err), want.data);
	tmpl_set_free(set);

	buf_reset(&sub);
	buf_printf(&sub, "%s/bad.mustache", dir);
	unlink(sub.data);
	write_in(dir, "page.mustache", "x\n {{>gone}}");
	set = tmpl_set_new();
	buf_reset(&err);
	ck_assert_int_eq(tmpl_set_load_dir(set, dir, &err), -1);
	buf_reset(&want);
	buf_printf(&want, "%s/page.mustache:2:2: missing partial 'gone'\n", dir);
	ck_assert_str_eq(buf_cstr(&err), want.data);
	tmpl_set_free(set);

	/* a missing directory */
	set = tmpl_set_new();
	buf_reset(&err);
	buf_reset(&sub);
	buf_printf(&sub, "%s/none", dir);
	ck_assert_int_eq(tmpl_set_load_dir(set, sub.data, &err), -1);
	ck_assert(strstr(buf_cstr(&err), "No such file") != NULL);
	tmpl_set_free(set);

	remove_tree(dir);
	buf_free(&want);
	buf_free(&sub);
	buf_free(&out);
	buf_free(&err);
}
END_TEST

/* Appends to bad "file:line" for each line of path with an unescaped tag; recurses. */
static void lint_dir(const char *dir, struct buf *bad, int *files)
{
	DIR *d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s: %s", dir, strerror(errno));
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		struct buf p;
		buf_init(&p);
		buf_printf(&p, "%s/%s", dir, de->d_name);
		struct stat st;
		if (stat(p.data, &st) == 0 && S_ISDIR(st.st_mode)) {
			lint_dir(p.data, bad, files);
		} else if (stat(p.data, &st) == 0 && S_ISREG(st.st_mode)) {
			char *text = slurp(p.data);
			ck_assert(text != NULL);
			(*files)++;
			int line = 1;
			for (char *s = text; *s; line++) {
				char *nl = strchr(s, '\n');
				size_t len = nl ? (size_t)(nl - s) : strlen(s);
				char save = s[len];
				s[len] = '\0';
				if (strstr(s, "{{{") || strstr(s, "{{&"))
					buf_printf(bad, "%s:%d: unescaped tag ({{{ or {{&)\n", p.data, line);
				/* a delimiter change could hide an unescaped tag from this check */
				if (strstr(s, "{{="))
					buf_printf(bad, "%s:%d: delimiter change ({{=)\n", p.data, line);
				/* the Content-Security-Policy allows no inline style or script: they would not work */
				if (strstr(s, " style=\"") || strstr(s, "<script") || strstr(s, "<style") || strstr(s, " onclick="))
					buf_printf(bad, "%s:%d: inline style or script (blocked by the CSP)\n", p.data, line);
				s[len] = save;
				s += len + (nl != NULL);
			}
			free(text);
		}
		buf_free(&p);
	}
	closedir(d);
}

START_TEST(test_lint_templates)
{
	const char *dir = getenv("TRACKPRO_TEMPLATES");
	if (!dir) {
		printf("TRACKPRO_TEMPLATES not set, template lint skipped\n");
		return;
	}
	struct buf bad;
	buf_init(&bad);
	int files = 0;
	lint_dir(dir, &bad, &files);
	printf("template lint: %d files checked\n", files);
	ck_assert_msg(bad.len == 0, "templates must not use {{{, {{& or {{=:\n%s", buf_cstr(&bad));
	buf_free(&bad);
}
END_TEST

static Suite *tmpl_suite(void)
{
	Suite *s = suite_create("tmpl");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_spec);
	tcase_add_test(tc, test_escape);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_render_many);
	tcase_add_loop_test(tc, test_parse_errors, 0, sizeof parse_errors / sizeof *parse_errors);
	tcase_add_test(tc, test_duplicate_and_origin);
	tcase_add_test(tc, test_strict_link);
	tcase_add_test(tc, test_depth);
	tcase_add_test(tc, test_indentation);
	tcase_add_test(tc, test_load_dir);
	tcase_add_test(tc, test_lint_templates);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(tmpl_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

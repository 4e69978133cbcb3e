/* testapp: an in-process trackpro for request tests. */
#include "testapp.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "buf.h"
#include "dispatch.h"
#include "password.h"
#include "session.h"
#include "user.h"

void testapp_open(struct testapp *t)
{
	memset(t, 0, sizeof *t);
	testdb_folder_make(&t->folder);
	struct db db;
	testdb_migrated(&db, t->folder.path);
	db_close(&db);
	const char *src = getenv("TRACKPRO_SRCDIR");
	struct buf err;
	buf_init(&err);
	struct buf cerr;
	buf_init(&cerr);
	config_from_env(&t->config, &cerr);
	buf_free(&cerr);
	t->config.db_path = t->folder.path;
	t->config.data_dir = src ? src : ".";
	t->config.base_url = "http://127.0.0.1:8080";
	ck_assert_msg(app_open(&t->app, &t->config, &err) == 0, "app_open: %s", buf_cstr(&err));
	t->app.clock = clock_fixed(1779408000); /* 2026-05-22T00:00:00Z */
	buf_free(&err);
}

void testapp_close(struct testapp *t)
{
	app_close(&t->app);
	testdb_folder_remove(&t->folder);
}

struct fake_request {
	const char *params[64]; /* name, value, name, value …, NULL; the first of a name wins */
	const char *body;
	size_t body_len;
	size_t body_pos;
};

static const char *fake_getparam(void *ctx, const char *name)
{
	struct fake_request *f = ctx;
	for (size_t i = 0; f->params[i]; i += 2)
		if (strcmp(f->params[i], name) == 0)
			return f->params[i + 1];
	return NULL;
}

static long fake_read(void *ctx, void *p, size_t n)
{
	struct fake_request *f = ctx;
	size_t left = f->body_len - f->body_pos;
	if (n > left)
		n = left;
	if (n > 7) /* deliver in small pieces, as a socket may */
		n = 7;
	memcpy(p, f->body + f->body_pos, n);
	f->body_pos += n;
	return (long)n;
}

void testapp_request(struct testapp *t, const char *method, const char *uri, const char *content_type,
		     const char *body, size_t body_len, const char *const *extra, struct testresp *out)
{
	struct fake_request f;
	memset(&f, 0, sizeof f);
	char length[32], path[4096];
	snprintf(length, sizeof length, "%zu", body_len);
	const char *q = strchr(uri, '?');
	size_t plen = q ? (size_t)(q - uri) : strlen(uri);
	ck_assert_uint_lt(plen, sizeof path);
	memcpy(path, uri, plen);
	path[plen] = '\0';
	size_t n = 0;
	/* The caller's parameters come first, so that they replace the defaults below. */
	for (size_t i = 0; extra && extra[i]; i += 2) {
		ck_assert_msg(n + 2 < 40, "too many extra CGI parameters");
		f.params[n++] = extra[i];
		f.params[n++] = extra[i + 1];
	}
	const char *base[] = { "REQUEST_METHOD", method, "REQUEST_URI", uri, "DOCUMENT_URI", path,
			       "QUERY_STRING", q ? q + 1 : "", "REMOTE_ADDR", "127.0.0.1",
			       "HTTP_HOST", "127.0.0.1:8080", "HTTP_USER_AGENT", "testapp" };
	for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
		f.params[n++] = base[i];
	if (content_type) {
		f.params[n++] = "CONTENT_TYPE";
		f.params[n++] = content_type;
	}
	if (body) {
		f.params[n++] = "CONTENT_LENGTH";
		f.params[n++] = length;
	}
	f.params[n] = NULL;
	f.body = body;
	f.body_len = body ? body_len : 0;

	struct arena a;
	arena_init(&a);
	struct buf wire;
	buf_init(&wire);
	out->status = dispatch_request(&t->app, &a, fake_getparam, &f, fake_read, &f, &wire);
	arena_free(&a);
	const char *sep = strstr(buf_cstr(&wire), "\r\n\r\n");
	ck_assert_msg(sep != NULL, "response without a header block");
	size_t head_len = (size_t)(sep - wire.data) + 2;
	out->head = strndup(wire.data, head_len);
	out->body_len = wire.len - head_len - 2;
	out->body = malloc(out->body_len + 1);
	memcpy(out->body, sep + 4, out->body_len);
	out->body[out->body_len] = '\0';
	buf_free(&wire);
	char status_line[64];
	snprintf(status_line, sizeof status_line, "Status: %d ", out->status);
	ck_assert_msg(strncmp(out->head, status_line, strlen(status_line)) == 0, "status line: %.40s", out->head);
}

char *testresp_header_nth(const struct testresp *r, const char *name, size_t nth)
{
	size_t n = strlen(name);
	for (const char *line = r->head; line && *line;) {
		const char *end = strstr(line, "\r\n");
		if (!end)
			break;
		if (strncasecmp(line, name, n) == 0 && line[n] == ':' && nth-- == 0) {
			const char *v = line + n + 1;
			while (*v == ' ')
				v++;
			return strndup(v, (size_t)(end - v));
		}
		line = end + 2;
	}
	return NULL;
}

char *testresp_header(const struct testresp *r, const char *name)
{
	return testresp_header_nth(r, name, 0);
}

char *testresp_set_cookie(const struct testresp *r, const char *name)
{
	size_t n = strlen(name);
	char *v;
	for (size_t i = 0; (v = testresp_header_nth(r, "Set-Cookie", i)) != NULL; i++) {
		if (strncmp(v, name, n) == 0 && v[n] == '=')
			return v;
		free(v);
	}
	return NULL;
}

void testresp_free(struct testresp *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof *r);
}

void testapp_advance(struct testapp *t, int64_t seconds)
{
	t->app.clock.fixed += seconds;
}

void testjar_init(struct testjar *j)
{
	memset(j, 0, sizeof *j);
}

void testjar_free(struct testjar *j)
{
	for (size_t i = 0; i < j->count; i++) {
		free(j->names[i]);
		free(j->values[i]);
	}
	memset(j, 0, sizeof *j);
}

const char *testjar_get(const struct testjar *j, const char *name)
{
	for (size_t i = 0; i < j->count; i++)
		if (strcmp(j->names[i], name) == 0)
			return j->values[i];
	return NULL;
}

void testjar_set(struct testjar *j, const char *name, const char *value)
{
	for (size_t i = 0; i < j->count; i++) {
		if (strcmp(j->names[i], name) != 0)
			continue;
		free(j->values[i]);
		if (value) {
			j->values[i] = strdup(value);
			return;
		}
		free(j->names[i]);
		j->count--;
		j->names[i] = j->names[j->count];
		j->values[i] = j->values[j->count];
		return;
	}
	if (!value)
		return;
	ck_assert_uint_lt(j->count, TESTJAR_MAX);
	j->names[j->count] = strdup(name);
	j->values[j->count] = strdup(value);
	j->count++;
}

void testjar_update(struct testjar *j, const struct testresp *r)
{
	char *v;
	for (size_t i = 0; (v = testresp_header_nth(r, "Set-Cookie", i)) != NULL; i++) {
		char *eq = strchr(v, '=');
		ck_assert_msg(eq != NULL, "Set-Cookie without '=': %s", v);
		*eq = '\0';
		char *value = eq + 1, *semi = strchr(value, ';');
		const char *attrs = semi ? semi + 1 : "";
		if (semi)
			*semi = '\0';
		const char *max_age = strstr(attrs, "Max-Age=0");
		bool expired = *value == '\0' || (max_age && (max_age[9] == ';' || max_age[9] == '\0'));
		testjar_set(j, v, expired ? NULL : value);
		free(v);
	}
}

void testapp_browse(struct testapp *t, struct testjar *j, const char *method, const char *uri, const char *form,
		    const char *const *extra, struct testresp *out)
{
	struct buf cookies;
	buf_init(&cookies);
	for (size_t i = 0; i < j->count; i++)
		buf_printf(&cookies, "%s%s=%s", i ? "; " : "", j->names[i], j->values[i]);
	const char *params[48];
	size_t n = 0;
	for (size_t i = 0; extra && extra[i]; i += 2) {
		ck_assert_uint_lt(n + 4, sizeof params / sizeof params[0]);
		params[n++] = extra[i];
		params[n++] = extra[i + 1];
	}
	if (j->count) {
		params[n++] = "HTTP_COOKIE";
		params[n++] = buf_cstr(&cookies);
	}
	params[n] = NULL;
	testapp_request(t, method, uri, form ? "application/x-www-form-urlencoded" : NULL, form,
			form ? strlen(form) : 0, params, out);
	buf_free(&cookies);
	testjar_update(j, out);
}

/* Appends s percent-encoded for a form. */
static void form_escape(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '*' ||
		    *p == '-' || *p == '.' || *p == '_')
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

void testform_add(struct buf *b, const char *name, const char *value)
{
	if (b->len)
		buf_putc(b, '&');
	form_escape(b, name);
	buf_putc(b, '=');
	form_escape(b, value ? value : "");
}

char *testform(const char *name, ...)
{
	struct buf b;
	buf_init(&b);
	va_list ap;
	va_start(ap, name);
	for (const char *n = name; n; n = va_arg(ap, const char *))
		testform_add(&b, n, va_arg(ap, const char *));
	va_end(ap);
	char *s = strdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Returns a malloc'd copy of s[0..n) with the template engine's entities decoded. */
static char *html_unescape(const char *s, size_t n)
{
	static const struct {
		const char *entity;
		char c;
	} entities[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' } };
	char *out = malloc(n + 1), *o = out;
	for (size_t i = 0; i < n;) {
		size_t k = 0;
		for (; k < sizeof entities / sizeof entities[0]; k++) {
			size_t len = strlen(entities[k].entity);
			if (i + len <= n && strncmp(s + i, entities[k].entity, len) == 0) {
				*o++ = entities[k].c;
				i += len;
				break;
			}
		}
		if (k == sizeof entities / sizeof entities[0])
			*o++ = s[i++];
	}
	*o = '\0';
	return out;
}

/* Returns the value of attribute attr inside the tag tag[0..len) (malloc'd, decoded) or NULL. */
static char *tag_attr(const char *tag, size_t len, const char *attr)
{
	char pat[64];
	snprintf(pat, sizeof pat, " %s=\"", attr);
	size_t pn = strlen(pat);
	for (const char *p = tag; p + pn <= tag + len; p++) {
		if (strncmp(p, pat, pn) != 0)
			continue;
		const char *v = p + pn, *end = memchr(v, '"', (size_t)(tag + len - v));
		return end ? html_unescape(v, (size_t)(end - v)) : NULL;
	}
	return NULL;
}

/* Finds the first <kind …> tag whose name attribute is name; returns it and its length. */
static const char *find_named_tag(const char *html, const char *kind, const char *name, size_t *len)
{
	char open[32];
	snprintf(open, sizeof open, "<%s ", kind);
	for (const char *p = strstr(html, open); p; p = strstr(p + 1, open)) {
		const char *end = strchr(p, '>');
		if (!end)
			return NULL;
		char *n = tag_attr(p, (size_t)(end - p), "name");
		bool match = n && strcmp(n, name) == 0;
		free(n);
		if (match) {
			*len = (size_t)(end - p);
			return p;
		}
	}
	return NULL;
}

char *testhtml_input(const char *html, const char *name)
{
	size_t len;
	const char *tag = find_named_tag(html, "input", name, &len);
	return tag ? tag_attr(tag, len, "value") : NULL;
}

char *testhtml_selected(const char *html, const char *name)
{
	size_t len;
	const char *tag = find_named_tag(html, "select", name, &len);
	if (!tag)
		return NULL;
	const char *end = strstr(tag, "</select>");
	if (!end)
		return NULL;
	for (const char *p = strstr(tag, "<option"); p && p < end; p = strstr(p + 1, "<option")) {
		const char *close = strchr(p, '>');
		if (!close || close > end)
			return NULL;
		char *value = tag_attr(p, (size_t)(close - p), "value");
		bool selected = false;
		for (const char *q = p; q + 9 <= close; q++)
			if (strncmp(q, " selected", 9) == 0 && (q[9] == '>' || q[9] == ' ' || q[9] == '='))
				selected = true;
		if (!selected) {
			free(value);
			continue;
		}
		if (value)
			return value;
		const char *text_end = strstr(close, "</option>");
		return text_end ? html_unescape(close + 1, (size_t)(text_end - close - 1)) : NULL;
	}
	return NULL;
}

int64_t testapp_user(struct testapp *t, const char *email, const char *display_name, const char *password,
		     bool is_admin)
{
	char hash[PASSWORD_HASH_SIZE] = "!"; /* no password: a hash nothing verifies against */
	if (password)
		ck_assert_int_eq(password_hash(password, strlen(password), hash), 0);
	int64_t id = 0;
	ck_assert_int_eq(db_begin_write(&t->app.db), 0);
	enum user_status st = user_create(&t->app.db, clock_now(&t->app.clock), email, display_name, hash, "UTC",
					  is_admin, &id);
	ck_assert_msg(st == USER_OK, "user_create(%s) = %d", email, (int)st);
	ck_assert_int_eq(db_commit(&t->app.db), 0);
	return id;
}

int64_t testapp_session(struct testapp *t, int64_t user_id, char token[TOKEN_TEXT_LEN + 1],
			char csrf[TOKEN_TEXT_LEN + 1])
{
	struct session_policy policy = auth_policy(&t->app);
	char tok[TOKEN_TEXT_LEN + 1];
	struct session s;
	ck_assert_int_eq(session_create(&t->app.db, clock_now(&t->app.clock), &policy, user_id, "testapp", "127.0.0.1",
					tok, &s),
			 0);
	if (token)
		memcpy(token, tok, sizeof tok);
	if (csrf)
		memcpy(csrf, s.csrf, sizeof s.csrf);
	return s.id;
}

void testapp_login(struct testapp *t, struct testjar *j, const char *email, const char *password)
{
	struct testresp r;
	testapp_browse(t, j, "GET", "/login", NULL, NULL, &r);
	ck_assert_int_eq(r.status, 200);
	char *csrf = testhtml_input(r.body, "csrf");
	ck_assert_ptr_nonnull(csrf);
	testresp_free(&r);
	char *form = testform("csrf", csrf, "email", email, "password", password, NULL);
	testapp_browse(t, j, "POST", "/login", form, NULL, &r);
	ck_assert_msg(r.status == 303, "login of %s answered %d", email, r.status);
	ck_assert_ptr_nonnull(testjar_get(j, auth_session_cookie(&t->app)));
	testresp_free(&r);
	free(form);
	free(csrf);
}

int64_t testapp_query_int(struct testapp *t, const char *sql)
{
	sqlite3_stmt *s = NULL;
	ck_assert_msg(sqlite3_prepare_v2(t->app.db.conn, sql, -1, &s, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(t->app.db.conn));
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

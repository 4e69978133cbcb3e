/* testapp: an in-process trackpro for request tests. */
#include "testapp.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dispatch.h"

void testapp_open(struct testapp *t)
{
	memset(t, 0, sizeof *t);
	snprintf(t->dir, sizeof t->dir, "/tmp/trackpro-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t->dir));
	snprintf(t->db_path, sizeof t->db_path, "%s/test.db", t->dir);
	const char *sql = getenv("TRACKPRO_SQL_DIR");
	const char *src = getenv("TRACKPRO_SRCDIR");
	struct buf err;
	buf_init(&err);
	struct db db;
	ck_assert_msg(db_open(&db, t->db_path, &err) == 0, "db_open: %s", buf_cstr(&err));
	ck_assert_msg(db_migrate(&db, sql ? sql : "sql", NULL, &err) == 0, "migrate: %s", buf_cstr(&err));
	db_close(&db);
	struct buf cerr;
	buf_init(&cerr);
	config_from_env(&t->config, &cerr);
	buf_free(&cerr);
	t->config.db_path = t->db_path;
	t->config.data_dir = src ? src : ".";
	t->config.base_url = "http://127.0.0.1:8080";
	ck_assert_msg(app_open(&t->app, &t->config, &err) == 0, "app_open: %s", buf_cstr(&err));
	t->app.clock = clock_fixed(1779408000); /* 2026-05-22T00:00:00Z */
	buf_free(&err);
}

void testapp_close(struct testapp *t)
{
	app_close(&t->app);
	char path[256];
	const char *suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", t->db_path, suffixes[i]);
		unlink(path);
	}
	rmdir(t->dir);
}

struct fake_request {
	const char *params[64]; /* name, value, name, value …, NULL */
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
	for (size_t i = 0; extra && extra[i] && n + 2 < 63; i += 2) {
		f.params[n++] = extra[i];
		f.params[n++] = extra[i + 1];
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

char *testresp_header(const struct testresp *r, const char *name)
{
	size_t n = strlen(name);
	for (const char *line = r->head; line && *line;) {
		const char *end = strstr(line, "\r\n");
		if (!end)
			break;
		if (strncasecmp(line, name, n) == 0 && line[n] == ':') {
			const char *v = line + n + 1;
			while (*v == ' ')
				v++;
			return strndup(v, (size_t)(end - v));
		}
		line = end + 2;
	}
	return NULL;
}

void testresp_free(struct testresp *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof *r);
}

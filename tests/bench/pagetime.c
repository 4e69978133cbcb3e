/* pagetime: times pages in-process, without nginx or FastCGI — the cold cost of one request
 * (tests/bench/README.md). Not a test: run it on purpose after `make tests/bench/pagetime`.
 *
 *   pagetime --db DB [--data-dir DIR] [--user ID] [--runs N] [--page-cache-size BYTES] PATH...
 *
 * Opens the app on a seeded database (trackpro seed bench), starts a session for the user
 * (default 1), sends each PATH (with its query) N times (default 20) as a GET and prints the
 * status, the body size, the fastest, median and slowest wall time and the median CPU time of
 * the process in milliseconds (CPU time is steadier than wall time on a busy machine). The page
 * cache is off unless --page-cache-size is given, so the numbers are the cold cost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "arena.h"
#include "auth.h"
#include "buf.h"
#include "clock.h"
#include "dispatch.h"
#include "page_cache.h"
#include "session.h"

struct fake {
	const char *params[32];
};

static const char *fake_getparam(void *ctx, const char *name)
{
	struct fake *f = ctx;
	for (size_t i = 0; f->params[i]; i += 2)
		if (strcmp(f->params[i], name) == 0)
			return f->params[i + 1];
	return NULL;
}

static long fake_read(void *ctx, void *p, size_t n)
{
	(void)ctx;
	(void)p;
	(void)n;
	return 0;
}

/* The CPU time of this process, in microseconds. */
static int64_t cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

/* Sends GET uri with cookie; returns the status, the body size in *size. */
static int get(struct app *app, struct arena *a, struct buf *out, const char *uri, const char *cookie, size_t *size)
{
	char path[4096];
	const char *q = strchr(uri, '?');
	size_t plen = q ? (size_t)(q - uri) : strlen(uri);
	if (plen >= sizeof path)
		plen = sizeof path - 1;
	memcpy(path, uri, plen);
	path[plen] = '\0';
	struct fake f = { { "REQUEST_METHOD", "GET", "REQUEST_URI", uri, "DOCUMENT_URI", path, "QUERY_STRING",
			    q ? q + 1 : "", "REMOTE_ADDR", "127.0.0.1", "HTTP_HOST", "127.0.0.1:8080", "HTTP_COOKIE",
			    cookie, NULL } };
	buf_reset(out);
	int status = dispatch_request(app, a, fake_getparam, &f, fake_read, &f, out);
	arena_reset(a);
	const char *sep = strstr(buf_cstr(out), "\r\n\r\n");
	*size = sep ? out->len - (size_t)(sep + 4 - out->data) : 0;
	return status;
}

int main(int argc, char **argv)
{
	struct config config;
	struct buf err;
	buf_init(&err);
	if (config_from_env(&config, &err) < 0) {
		fprintf(stderr, "pagetime: %s\n", buf_cstr(&err));
		return 2;
	}
	config.data_dir = ".";
	long long user_id = 1;
	size_t cache_size = 0; /* off unless asked for */
	int runs = 20, first_path = argc;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (arg[0] != '-') {
			first_path = i;
			break;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "pagetime: %s needs a value\n", arg);
			return 2;
		}
		const char *v = argv[++i];
		if (strcmp(arg, "--user") == 0) {
			user_id = strtoll(v, NULL, 10);
		} else if (strcmp(arg, "--runs") == 0) {
			runs = (int)strtol(v, NULL, 10);
		} else if (strncmp(arg, "--", 2) != 0 || config_set(&config, arg + 2, v, &err) < 0) {
			fprintf(stderr, "pagetime: %s\n", err.len ? buf_cstr(&err) : arg);
			return 2;
		} else if (strcmp(arg, "--page-cache-size") == 0) {
			cache_size = config.page_cache_size;
		}
	}
	if (first_path >= argc || runs < 1 || runs > 100000 || user_id < 1) {
		fprintf(stderr, "usage: pagetime --db DB [--data-dir DIR] [--user ID] [--runs N]"
				" [--page-cache-size BYTES] PATH...\n");
		return 2;
	}
	struct app app;
	if (app_open(&app, &config, &err) < 0) {
		fprintf(stderr, "pagetime: %s\n", buf_cstr(&err));
		return 1;
	}
	app.page_cache = page_cache_new(cache_size);
	char token[TOKEN_TEXT_LEN + 1];
	struct session s;
	struct session_policy policy = auth_policy(&app);
	if (session_create(&app.db, clock_now(&app.clock), &policy, user_id, "pagetime", "127.0.0.1", token, &s) < 0) {
		fprintf(stderr, "pagetime: cannot start a session for user %lld\n", user_id);
		app_close(&app);
		return 1;
	}
	char cookie[TOKEN_TEXT_LEN + 64];
	snprintf(cookie, sizeof cookie, "%s=%s", auth_session_cookie(&app), token);
	struct arena a;
	arena_init(&a);
	struct buf out;
	buf_init(&out);
	int64_t *t = calloc((size_t)runs, sizeof *t), *c = calloc((size_t)runs, sizeof *c);
	int rc = 0;
	printf("%-40s %6s %9s %9s %9s %9s %9s\n", "page", "status", "bytes", "min ms", "median ms", "max ms", "cpu ms");
	for (int p = first_path; p < argc; p++) {
		size_t size = 0;
		int status = 0;
		for (int k = 0; k < runs; k++) {
			int64_t started = clock_monotonic_us(), cpu = cpu_us();
			status = get(&app, &a, &out, argv[p], cookie, &size);
			t[k] = clock_monotonic_us() - started;
			c[k] = cpu_us() - cpu;
		}
		qsort(t, (size_t)runs, sizeof *t, cmp_i64);
		qsort(c, (size_t)runs, sizeof *c, cmp_i64);
		printf("%-40s %6d %9zu %9.2f %9.2f %9.2f %9.2f\n", argv[p], status, size, t[0] / 1e3, t[runs / 2] / 1e3,
		       t[runs - 1] / 1e3, c[runs / 2] / 1e3);
		rc |= status != 200;
	}
	free(t);
	free(c);
	buf_free(&out);
	arena_free(&a);
	session_delete(&app.db, s.user_id, s.id);
	app_close(&app);
	buf_free(&err);
	return rc;
}

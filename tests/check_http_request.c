/* check_http_request: tests of request parsing — methods, limits, percent-decoding,
 * urlencoded forms, cookies — and of reading a whole request from the CGI parameters and the
 * body (http_req_parse). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "testhttp.h"

/* Percent-decodes the C string s; returns the result code, the decoded text in *out. */
static enum http_parse_result dec(const char *s, bool plus, char **out)
{
	*out = NULL;
	return http_percent_decode(&A, s, strlen(s), plus, out, NULL);
}

/* ---- methods, limits ---- */

START_TEST(test_methods)
{
	ck_assert_str_eq(http_method_name(HTTP_GET), "GET");
	ck_assert_str_eq(http_method_name(HTTP_OPTIONS), "OPTIONS");
	ck_assert_str_eq(http_method_name(HTTP_OTHER), "OTHER");
	ck_assert_str_eq(http_method_name(HTTP_METHOD__MAX), "OTHER");
	ck_assert_int_eq(http_method_parse("POST"), HTTP_POST);
	ck_assert_int_eq(http_method_parse("HEAD"), HTTP_HEAD);
	ck_assert_int_eq(http_method_parse("post"), HTTP_OTHER);
	ck_assert_int_eq(http_method_parse("OTHER"), HTTP_OTHER);
	ck_assert_int_eq(http_method_parse(""), HTTP_OTHER);
}
END_TEST

START_TEST(test_limits_default)
{
	struct http_limits l = http_limits_default();
	ck_assert_uint_eq(l.max_body, 1024 * 1024);
	ck_assert_uint_eq(l.max_upload_body, 32 * 1024 * 1024);
	ck_assert_uint_eq(l.max_fields, 256);
	ck_assert_uint_eq(l.max_field_len, 64 * 1024);
	ck_assert_uint_eq(l.max_header_len, 8 * 1024);
	ck_assert_uint_eq(l.max_files, 4);
}
END_TEST

/* ---- percent-decoding ---- */

START_TEST(test_decode_valid)
{
	char *o;
	size_t n = 99;
	ck_assert_int_eq(http_percent_decode(&A, "a%20b%2Fc%7e", 12, false, &o, &n), HTTP_PARSE_OK);
	ck_assert_str_eq(o, "a b/c~");
	ck_assert_uint_eq(n, 6);
	ck_assert_int_eq(dec("a+b%2B", true, &o), HTTP_PARSE_OK);
	ck_assert_str_eq(o, "a b+");
	ck_assert_int_eq(dec("a+b", false, &o), HTTP_PARSE_OK);
	ck_assert_str_eq(o, "a+b");
	ck_assert_int_eq(dec("%e2%82%ac", false, &o), HTTP_PARSE_OK);
	ck_assert_str_eq(o, "\xE2\x82\xAC");
	ck_assert_int_eq(dec("%F0%9F%98%80!", false, &o), HTTP_PARSE_OK); /* 4-byte emoji */
	ck_assert_str_eq(o, "\xF0\x9F\x98\x80!");
	ck_assert_int_eq(dec("%F4%8F%BF%BF", false, &o), HTTP_PARSE_OK); /* U+10FFFF */
	ck_assert_int_eq(dec("caf\xC3\xA9", false, &o), HTTP_PARSE_OK);  /* raw valid UTF-8 */
	ck_assert_str_eq(o, "caf\xC3\xA9");
	ck_assert_int_eq(dec("", false, &o), HTTP_PARSE_OK);
	ck_assert_str_eq(o, "");
	/* Only len bytes are read. */
	ck_assert_int_eq(http_percent_decode(&A, "ab%zz", 2, false, &o, NULL), HTTP_PARSE_OK);
	ck_assert_str_eq(o, "ab");
}
END_TEST

START_TEST(test_decode_rejects)
{
	static const char *const bad[] = {
		"%zz", "%4", "%", "ab%", "%4g", "%g4", /* malformed escapes */
		"%00", "a%00b",                       /* NUL */
		"%C0%AF", "%C1%BF", "%E0%80%AF", "%F0%80%80%AF", /* overlongs */
		"%ED%A0%80", "%ED%BF%BF",             /* surrogates */
		"%F4%90%80%80", "%F5%80%80%80", "%FF", /* above U+10FFFF, invalid lead bytes */
		"%E2%82", "%F0%9F%98", "%C3", "%C3a", /* truncated sequences */
		"%80", "a%BFb",                       /* stray continuation bytes */
		"\xC3", "\xFF", "\xC0\xAF", "\xED\xA0\x80", "caf\xE9", /* raw invalid bytes */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *o;
		ck_assert_msg(dec(bad[i], true, &o) == HTTP_PARSE_BAD, "accepted case %zu", i);
	}
	char *o;
	ck_assert_int_eq(http_percent_decode(&A, "a\0b", 3, false, &o, NULL), HTTP_PARSE_BAD);
	/* An escape cut by len, and a sequence cut by len, even when the bytes follow. */
	ck_assert_int_eq(http_percent_decode(&A, "%41", 2, false, &o, NULL), HTTP_PARSE_BAD);
	ck_assert_int_eq(http_percent_decode(&A, "x%4", 2, false, &o, NULL), HTTP_PARSE_BAD);
	ck_assert_int_eq(http_percent_decode(&A, "\xC3\xA9", 1, false, &o, NULL), HTTP_PARSE_BAD);
}
END_TEST

/* ---- urlencoded ---- */

START_TEST(test_urlencoded_basic)
{
	struct http_params p;
	const char *s = "a=1&&b=x+y%21&c&=v&a=2&d=&";
	ck_assert_int_eq(http_parse_urlencoded(&A, s, strlen(s), &L, &p), HTTP_PARSE_OK);
	ck_assert_uint_eq(p.count, 6);
	ck_assert_str_eq(p.items[0].name, "a");
	ck_assert_str_eq(p.items[0].value, "1");
	ck_assert_str_eq(p.items[1].value, "x y!");
	ck_assert_uint_eq(p.items[1].value_len, 4);
	ck_assert_str_eq(p.items[2].name, "c");
	ck_assert_str_eq(p.items[2].value, "");
	ck_assert_str_eq(p.items[3].name, "");
	ck_assert_str_eq(p.items[3].value, "v");
	ck_assert_str_eq(p.items[4].value, "2");
	ck_assert_str_eq(p.items[5].name, "d");
	ck_assert_str_eq(http_param_get(&p, "a"), "1"); /* the first of repeated names */
	ck_assert_str_eq(http_param_get(&p, "d"), "");
	ck_assert_ptr_null(http_param_get(&p, "zz"));

	ck_assert_int_eq(http_parse_urlencoded(&A, "", 0, &L, &p), HTTP_PARSE_OK);
	ck_assert_uint_eq(p.count, 0);
	ck_assert_int_eq(http_parse_urlencoded(&A, "&&&", 3, &L, &p), HTTP_PARSE_OK);
	ck_assert_uint_eq(p.count, 0);
	/* A '=' in the value stays. */
	ck_assert_int_eq(http_parse_urlencoded(&A, "k=a=b", 5, &L, &p), HTTP_PARSE_OK);
	ck_assert_str_eq(http_param_get(&p, "k"), "a=b");
}
END_TEST

START_TEST(test_urlencoded_bad)
{
	struct http_params p;
	ck_assert_int_eq(http_parse_urlencoded(&A, "a=1&b=%zz", 9, &L, &p), HTTP_PARSE_BAD);
	ck_assert_uint_eq(p.count, 0);
	ck_assert_int_eq(http_parse_urlencoded(&A, "a%00=1", 6, &L, &p), HTTP_PARSE_BAD);
	ck_assert_int_eq(http_parse_urlencoded(&A, "a=%C0%AF", 8, &L, &p), HTTP_PARSE_BAD);
	ck_assert_int_eq(http_parse_urlencoded(&A, "a=\xFF", 3, &L, &p), HTTP_PARSE_BAD);
}
END_TEST

START_TEST(test_urlencoded_limits)
{
	struct http_params p;
	L.max_fields = 3;
	ck_assert_int_eq(http_parse_urlencoded(&A, "a&b&c", 5, &L, &p), HTTP_PARSE_OK);
	ck_assert_uint_eq(p.count, 3);
	ck_assert_int_eq(http_parse_urlencoded(&A, "a&b&&&c&&", 9, &L, &p), HTTP_PARSE_OK);
	ck_assert_int_eq(http_parse_urlencoded(&A, "a&b&c&d", 7, &L, &p), HTTP_PARSE_TOO_LARGE);
	ck_assert_uint_eq(p.count, 0);

	L = http_limits_default();
	L.max_field_len = 4;
	ck_assert_int_eq(http_parse_urlencoded(&A, "abcd=1234", 9, &L, &p), HTTP_PARSE_OK);
	ck_assert_int_eq(http_parse_urlencoded(&A, "a=12345", 7, &L, &p), HTTP_PARSE_TOO_LARGE);
	ck_assert_int_eq(http_parse_urlencoded(&A, "abcde=1", 7, &L, &p), HTTP_PARSE_TOO_LARGE);
	/* The decoded length counts. */
	ck_assert_int_eq(http_parse_urlencoded(&A, "a=%41%41%41%41", 14, &L, &p), HTTP_PARSE_OK);
	ck_assert_str_eq(http_param_get(&p, "a"), "AAAA");
}
END_TEST

/* ---- cookies ---- */

START_TEST(test_cookies)
{
	struct http_params p;
	const char *h = "  a=1;b = 2 ;c=\"quoted\";malformed; =noname; sp=x y; cm=x,y; d=;"
			"bad name=1;e=t0k-EN_.~%;a=second";
	ck_assert_int_eq(http_parse_cookies(&A, h, &L, &p), HTTP_PARSE_OK);
	ck_assert_uint_eq(p.count, 6);
	ck_assert_str_eq(p.items[0].name, "a");
	ck_assert_str_eq(p.items[0].value, "1");
	ck_assert_str_eq(p.items[1].name, "b");
	ck_assert_str_eq(p.items[1].value, "2");
	ck_assert_str_eq(p.items[2].name, "c");
	ck_assert_str_eq(p.items[2].value, "quoted");
	ck_assert_uint_eq(p.items[2].value_len, 6);
	ck_assert_str_eq(p.items[3].name, "d");
	ck_assert_str_eq(p.items[3].value, "");
	ck_assert_str_eq(p.items[4].value, "t0k-EN_.~%"); /* not percent-decoded */
	ck_assert_str_eq(http_param_get(&p, "a"), "1");
	ck_assert_ptr_null(http_param_get(&p, "sp"));
	ck_assert_ptr_null(http_param_get(&p, "cm"));
	ck_assert_ptr_null(http_param_get(&p, "malformed"));

	ck_assert_int_eq(http_parse_cookies(&A, "", &L, &p), HTTP_PARSE_OK);
	ck_assert_uint_eq(p.count, 0);
	ck_assert_int_eq(http_parse_cookies(&A, "x=\"\xC3\xA9\"; y=\x01", &L, &p), HTTP_PARSE_OK);
	ck_assert_uint_eq(p.count, 0); /* non-ASCII and control characters are skipped */
}
END_TEST

START_TEST(test_cookies_limits)
{
	struct http_params p;
	L.max_fields = 2;
	ck_assert_int_eq(http_parse_cookies(&A, "a=1; b=2; junk", &L, &p), HTTP_PARSE_OK);
	ck_assert_uint_eq(p.count, 2);
	ck_assert_int_eq(http_parse_cookies(&A, "a=1; b=2; c=3", &L, &p), HTTP_PARSE_TOO_LARGE);
	ck_assert_uint_eq(p.count, 0);

	L = http_limits_default();
	char *h = arena_alloc(&A, L.max_header_len + 2);
	memset(h, 'x', L.max_header_len);
	h[0] = 'a';
	h[1] = '=';
	ck_assert_int_eq(http_parse_cookies(&A, h, &L, &p), HTTP_PARSE_OK);
	ck_assert_uint_eq(p.count, 1);
	h[L.max_header_len] = 'x';
	ck_assert_int_eq(http_parse_cookies(&A, h, &L, &p), HTTP_PARSE_TOO_LARGE);
}
END_TEST

/* ---- http_req_parse ---- */

/* A fake web server: CGI parameters as name/value pairs and a body read in small pieces. */
struct fake {
	const char *params[24][2];
	const unsigned char *body;
	size_t body_len; /* bytes actually available (may be less than CONTENT_LENGTH) */
	size_t pos;
	size_t chunk; /* most bytes one read returns */
	int reads;
	bool fail;    /* read returns -1 */
};

static const char *fake_getparam(void *ctx, const char *name)
{
	struct fake *f = ctx;
	for (size_t i = 0; i < 24 && f->params[i][0]; i++)
		if (strcmp(f->params[i][0], name) == 0)
			return f->params[i][1];
	return NULL;
}

static long fake_read(void *ctx, void *p, size_t n)
{
	struct fake *f = ctx;
	f->reads++;
	if (f->fail)
		return -1;
	size_t left = f->body_len - f->pos;
	if (n > left)
		n = left;
	if (f->chunk && n > f->chunk)
		n = f->chunk;
	memcpy(p, f->body + f->pos, n);
	f->pos += n;
	return (long)n;
}

static enum http_parse_result parse(struct req *r, struct fake *f)
{
	return http_req_parse(r, &A, &L, fake_getparam, f, fake_read, f);
}

START_TEST(test_req_get)
{
	struct fake f = { .params = {
		{ "REQUEST_METHOD", "GET" },
		{ "REQUEST_URI", "/trackers/caf%C3%A9%2Fx?x=1&y=a+b" },
		{ "DOCUMENT_URI", "/ignored" },
		{ "QUERY_STRING", "x=1&y=a+b" },
		{ "HTTP_COOKIE", "sid=abc; theme=dark" },
		{ "REMOTE_ADDR", "192.0.2.1" },
		{ "HTTP_USER_AGENT", "Test/1.0" },
		{ "HTTP_HOST", "habits.example" },
		{ "HTTP_REFERER", "https://habits.example/" },
		{ "HTTPS", "on" },
	} };
	struct req r;
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_OK);
	ck_assert_ptr_eq(r.arena, &A);
	ck_assert_int_eq(r.method, HTTP_GET);
	ck_assert_str_eq(r.method_name, "GET");
	ck_assert_str_eq(r.path, "/trackers/caf\xC3\xA9/x");
	ck_assert_str_eq(r.raw_path, "/trackers/caf%C3%A9%2Fx");
	ck_assert_str_eq(r.query, "x=1&y=a+b");
	ck_assert_str_eq(req_query(&r, "y"), "a b");
	ck_assert_str_eq(req_query(&r, "x"), "1");
	ck_assert_str_eq(req_cookie(&r, "sid"), "abc");
	ck_assert_str_eq(req_cookie(&r, "theme"), "dark");
	ck_assert_ptr_null(req_form(&r, "x"));
	ck_assert_str_eq(r.remote_addr, "192.0.2.1");
	ck_assert_str_eq(r.user_agent, "Test/1.0");
	ck_assert_str_eq(r.host, "habits.example");
	ck_assert_str_eq(r.referer, "https://habits.example/");
	ck_assert_str_eq(r.origin, "");
	ck_assert_str_eq(r.content_type, "");
	ck_assert(r.https);
	ck_assert_ptr_null(r.user);
	ck_assert_int_eq(f.reads, 0);
}
END_TEST

START_TEST(test_req_fallbacks)
{
	/* DOCUMENT_URI (already decoded) without REQUEST_URI; no QUERY_STRING, no HTTPS. */
	struct fake f = { .params = {
		{ "REQUEST_METHOD", "HEAD" },
		{ "DOCUMENT_URI", "/caf\xC3\xA9" },
	} };
	struct req r;
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_OK);
	ck_assert_int_eq(r.method, HTTP_HEAD);
	ck_assert_str_eq(r.path, "/caf\xC3\xA9");
	ck_assert_str_eq(r.query, "");
	ck_assert_uint_eq(r.query_params.count, 0);
	ck_assert(!r.https);

	/* The query taken from REQUEST_URI when QUERY_STRING is absent; an unknown method. */
	struct fake g = { .params = {
		{ "REQUEST_METHOD", "BREW" },
		{ "REQUEST_URI", "/a?k=v" },
	} };
	ck_assert_int_eq(parse(&r, &g), HTTP_PARSE_OK);
	ck_assert_int_eq(r.method, HTTP_OTHER);
	ck_assert_str_eq(r.method_name, "BREW");
	ck_assert_str_eq(r.path, "/a");
	ck_assert_str_eq(req_query(&r, "k"), "v");

	struct fake h = { .params = { { "REQUEST_URI", "/x?a=1" }, { "REMOTE_ADDR", "192.0.2.9" } } };
	ck_assert_int_eq(parse(&r, &h), HTTP_PARSE_BAD); /* no method */
	ck_assert_str_eq(r.method_name, "");
	ck_assert_str_eq(r.path, "/x");
	ck_assert_str_eq(r.remote_addr, "192.0.2.9");
	ck_assert_uint_eq(r.query_params.count, 0);
}
END_TEST

START_TEST(test_req_bad_path)
{
	static const char *const bad[] = {
		"/a%zz", "/a%00b", "/%C0%AF", "/\xFF", "relative", "*", "%2Fa",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct fake f = { .params = {
			{ "REQUEST_METHOD", "GET" },
			{ "REQUEST_URI", bad[i] },
			{ "HTTP_COOKIE", "sid=abc" },
		} };
		struct req r;
		ck_assert_msg(parse(&r, &f) == HTTP_PARSE_BAD, "accepted %s", bad[i]);
		/* Still usable for an error page. */
		ck_assert_int_eq(r.method, HTTP_GET);
		ck_assert_str_eq(r.path, "/");
		ck_assert_str_eq(r.raw_path, bad[i]);
		ck_assert_uint_eq(r.cookies.count, 0);
	}
	struct fake d = { .params = { { "REQUEST_METHOD", "GET" }, { "DOCUMENT_URI", "/\xED\xA0\x80" } } };
	struct req r;
	ck_assert_int_eq(parse(&r, &d), HTTP_PARSE_BAD);
	struct fake n = { .params = { { "REQUEST_METHOD", "GET" } } };
	ck_assert_int_eq(parse(&r, &n), HTTP_PARSE_BAD);
}
END_TEST

START_TEST(test_req_header_limits)
{
	L.max_header_len = 16;
	struct req r;
	struct fake p = { .params = { { "REQUEST_METHOD", "GET" }, { "REQUEST_URI", "/0123456789abcdef" } } };
	ck_assert_int_eq(parse(&r, &p), HTTP_PARSE_TOO_LARGE);
	ck_assert_str_eq(r.method_name, "GET");
	ck_assert_str_eq(r.path, "/");
	ck_assert_uint_eq(strlen(r.raw_path), 16);
	struct fake ok = { .params = { { "REQUEST_METHOD", "GET" }, { "REQUEST_URI", "/0123456789abcde?long=query" } } };
	ck_assert_int_eq(parse(&r, &ok), HTTP_PARSE_OK);

	struct fake q = { .params = {
		{ "REQUEST_METHOD", "GET" }, { "REQUEST_URI", "/" }, { "QUERY_STRING", "a=0123456789abcdef" },
		{ "HTTP_COOKIE", "sid=1" },
	} };
	ck_assert_int_eq(parse(&r, &q), HTTP_PARSE_TOO_LARGE);
	ck_assert_str_eq(r.path, "/");
	ck_assert_uint_eq(r.cookies.count, 0); /* lists are empty after a failure */

	struct fake c = { .params = {
		{ "REQUEST_METHOD", "GET" }, { "REQUEST_URI", "/x" }, { "HTTP_COOKIE", "a=0123456789abcdef" },
	} };
	ck_assert_int_eq(parse(&r, &c), HTTP_PARSE_TOO_LARGE);
	ck_assert_str_eq(r.path, "/x");

	struct fake u = { .params = {
		{ "REQUEST_METHOD", "GET" }, { "REQUEST_URI", "/x" }, { "HTTP_USER_AGENT", "0123456789abcdefg" },
	} };
	ck_assert_int_eq(parse(&r, &u), HTTP_PARSE_TOO_LARGE);
	ck_assert_str_eq(r.method_name, "GET"); /* the rest is still there for the error page */
	ck_assert_str_eq(r.path, "/x");
	ck_assert_str_eq(r.user_agent, "");

	struct fake b = { .params = { { "REQUEST_METHOD", "GET" }, { "REQUEST_URI", "/?a=%zz" } } };
	ck_assert_int_eq(parse(&r, &b), HTTP_PARSE_BAD);
}
END_TEST

START_TEST(test_req_post_form)
{
	static const char body[] = "title=Run+5k&note=caf%C3%A9&done";
	struct fake f = {
		.params = {
			{ "REQUEST_METHOD", "POST" },
			{ "REQUEST_URI", "/trackers" },
			{ "QUERY_STRING", "" },
			{ "CONTENT_TYPE", "application/x-www-form-urlencoded; charset=UTF-8" },
			{ "CONTENT_LENGTH", "32" },
			{ "HTTP_ORIGIN", "https://habits.example" },
		},
		.body = (const unsigned char *)body,
		.body_len = sizeof body - 1,
		.chunk = 5,
	};
	ck_assert_uint_eq(sizeof body - 1, 32);
	struct req r;
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_OK);
	ck_assert_int_eq(r.method, HTTP_POST);
	ck_assert_str_eq(req_form(&r, "title"), "Run 5k");
	ck_assert_str_eq(req_form(&r, "note"), "caf\xC3\xA9");
	ck_assert_str_eq(req_form(&r, "done"), "");
	ck_assert_str_eq(r.origin, "https://habits.example");
	ck_assert_str_eq(r.content_type, "application/x-www-form-urlencoded; charset=UTF-8");
	ck_assert_uint_eq(f.pos, 32);
	ck_assert_int_eq(f.reads, 7);
}
END_TEST

START_TEST(test_req_post_multipart)
{
	struct fake f = {
		.params = {
			{ "REQUEST_METHOD", "POST" },
			{ "REQUEST_URI", "/import" },
			{ "CONTENT_TYPE", CT_B },
			{ "CONTENT_LENGTH", NULL },
		},
		.body = mp_body,
		.body_len = sizeof mp_body - 1,
		.chunk = 7,
	};
	char cl[32];
	snprintf(cl, sizeof cl, "%zu", sizeof mp_body - 1);
	f.params[3][1] = cl;
	L.max_body = 16; /* uploads have their own, larger limit */
	struct req r;
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_OK);
	ck_assert_str_eq(req_form(&r, "title"), "Morning run \xF0\x9F\x8F\x83");
	ck_assert_uint_eq(r.files.count, 2);
	ck_assert_mem_eq(r.files.items[0].data, png, sizeof png - 1);

	L.max_upload_body = sizeof mp_body - 2;
	f.pos = 0;
	f.reads = 0;
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_TOO_LARGE);
	ck_assert_int_eq(f.reads, 0);
}
END_TEST

/* A POST to /p with the given content type, length and body. */
static struct fake post(const char *ct, const char *cl, const char *body)
{
	struct fake f = {
		.params = {
			{ "REQUEST_METHOD", "POST" },
			{ "REQUEST_URI", "/p" },
			{ "CONTENT_TYPE", ct },
			{ "CONTENT_LENGTH", cl },
		},
		.body = (const unsigned char *)body,
		.body_len = strlen(body),
	};
	return f; /* a NULL ct or cl reads as an absent parameter */
}

START_TEST(test_req_post_errors)
{
	const char *form = "application/x-www-form-urlencoded";
	struct req r;
	struct fake f;

	/* Over the limit: refused before reading anything. */
	L.max_body = 10;
	f = post(form, "11", "a=123456789");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_TOO_LARGE);
	ck_assert_int_eq(f.reads, 0);
	ck_assert_int_eq(r.method, HTTP_POST);
	ck_assert_str_eq(r.path, "/p");
	f = post(form, "99999999999999999", "");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_TOO_LARGE);
	ck_assert_int_eq(f.reads, 0);
	f = post(form, "10", "a=12345678");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_OK);
	ck_assert_str_eq(req_form(&r, "a"), "12345678");
	L = http_limits_default();

	/* Short body, read error. */
	f = post(form, "10", "a=1");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_BAD);
	ck_assert_uint_eq(r.form.count, 0);
	f = post(form, "3", "a=1");
	f.fail = true;
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_BAD);

	/* Unsupported or missing content type with a body: 415 without reading. */
	f = post("application/json", "7", "{\"a\":1}");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_UNSUPPORTED);
	ck_assert_int_eq(f.reads, 0);
	ck_assert_str_eq(r.path, "/p");
	f = post(NULL, "3", "a=1");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_UNSUPPORTED);
	f = post("text/plain", "0", "");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_OK); /* empty bodies are fine */

	/* Invalid or missing CONTENT_LENGTH. */
	static const char *const bad_cl[] = { "abc", "-1", "+3", " 3", "3 ", "0x10", "1e3" };
	for (size_t i = 0; i < sizeof bad_cl / sizeof bad_cl[0]; i++) {
		f = post(form, bad_cl[i], "a=1");
		ck_assert_msg(parse(&r, &f) == HTTP_PARSE_BAD, "accepted %s", bad_cl[i]);
	}
	f = post(form, "", "a=1");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_BAD); /* a body without a length */
	f = post(form, "", "");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_OK);
	f = post(form, NULL, "");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_OK);

	/* A bad form or multipart body. */
	f = post(form, "6", "a=%zz1");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_BAD);
	f = post(CT_B, "11", "--XyZ\r\nnope");
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_BAD);

	/* GET bodies are not read. */
	f = post(form, "3", "a=1");
	f.params[0][1] = "GET";
	ck_assert_int_eq(parse(&r, &f), HTTP_PARSE_OK);
	ck_assert_int_eq(f.reads, 0);
	ck_assert_uint_eq(r.form.count, 0);
}
END_TEST

static Suite *http_request_suite(void)
{
	Suite *s = suite_create("http_request");
	TCase *tc;

	tc = tcase_create("request");
	tcase_add_checked_fixture(tc, testhttp_setup, testhttp_teardown);
	tcase_add_test(tc, test_methods);
	tcase_add_test(tc, test_limits_default);
	tcase_add_test(tc, test_decode_valid);
	tcase_add_test(tc, test_decode_rejects);
	tcase_add_test(tc, test_urlencoded_basic);
	tcase_add_test(tc, test_urlencoded_bad);
	tcase_add_test(tc, test_urlencoded_limits);
	tcase_add_test(tc, test_cookies);
	tcase_add_test(tc, test_cookies_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("cgi");
	tcase_add_checked_fixture(tc, testhttp_setup, testhttp_teardown);
	tcase_add_test(tc, test_req_get);
	tcase_add_test(tc, test_req_fallbacks);
	tcase_add_test(tc, test_req_bad_path);
	tcase_add_test(tc, test_req_header_limits);
	tcase_add_test(tc, test_req_post_form);
	tcase_add_test(tc, test_req_post_multipart);
	tcase_add_test(tc, test_req_post_errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(http_request_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

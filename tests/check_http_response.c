/* check_http_response: tests of responses — headers, cookies, redirects, the security headers,
 * serialization and the status reasons. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "http.h"
#include "testhttp.h"

START_TEST(test_resp_headers)
{
	struct resp w;
	resp_init(&w, &A);
	ck_assert_int_eq(w.status, 200);
	ck_assert_int_eq(resp_header(&w, "X-Test", "a\tb \x80"), 0);
	ck_assert_int_eq(resp_header(&w, "X-Evil", "a\r\nSet-Cookie: x=1"), -1);
	ck_assert_int_eq(resp_header(&w, "X-Evil", "a\rb"), -1);
	ck_assert_int_eq(resp_header(&w, "X-Evil", "a\nb"), -1);
	ck_assert_int_eq(resp_header(&w, "X-Evil", "a\x01" "b"), -1);
	ck_assert_int_eq(resp_header(&w, "X-Evil", "\x7f"), -1);
	ck_assert_int_eq(resp_header(&w, "Bad Name", "v"), -1);
	ck_assert_int_eq(resp_header(&w, "Bad:Name", "v"), -1);
	ck_assert_int_eq(resp_header(&w, "Bad\r\nName", "v"), -1);
	ck_assert_int_eq(resp_header(&w, "", "v"), -1);
	ck_assert_uint_eq(w.header_count, 1);
	ck_assert_str_eq(resp_get_header(&w, "x-test"), "a\tb \x80");
	ck_assert_ptr_null(resp_get_header(&w, "X-Evil"));

	/* The value is copied. */
	char v[] = "one";
	ck_assert_int_eq(resp_header(&w, "X-Copy", v), 0);
	v[0] = 'X';
	ck_assert_str_eq(resp_get_header(&w, "X-Copy"), "one");

	ck_assert_int_eq(resp_header(&w, "X-Test", "second"), 0);
	ck_assert_int_eq(resp_set_header(&w, "x-TEST", "only"), 0);
	ck_assert_uint_eq(w.header_count, 2);
	ck_assert_str_eq(resp_get_header(&w, "X-Test"), "only");
	ck_assert_int_eq(resp_set_header(&w, "X-Test", "bad\n"), -1);
	ck_assert_str_eq(resp_get_header(&w, "X-Test"), "only");

	while (w.header_count < HTTP_MAX_HEADERS)
		ck_assert_int_eq(resp_header(&w, "X-Fill", "1"), 0);
	ck_assert_int_eq(resp_header(&w, "X-More", "1"), -1);
	ck_assert_int_eq(resp_set_header(&w, "X-Test", "replaced"), 0); /* room after removal */
	ck_assert_uint_eq(w.header_count, HTTP_MAX_HEADERS);
	resp_free(&w);
}
END_TEST

START_TEST(test_resp_cookie)
{
	struct resp w;
	resp_init(&w, &A);
	struct cookie_opts o = { .max_age = 3600, .http_only = true, .secure = true, .same_site = "Lax" };
	ck_assert_int_eq(resp_cookie(&w, "__Host-sid", "AbC-_09", &o), 0);
	ck_assert_str_eq(w.headers[0].name, "Set-Cookie");
	ck_assert_str_eq(w.headers[0].value,
			 "__Host-sid=AbC-_09; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax");

	struct cookie_opts s = { .http_only = true, .same_site = "Strict", .path = "/share" };
	ck_assert_int_eq(resp_cookie(&w, "pw", "", &s), 0);
	ck_assert_str_eq(w.headers[1].value, "pw=; Path=/share; HttpOnly; SameSite=Strict");
	struct cookie_opts del = { .max_age = -1 };
	ck_assert_int_eq(resp_cookie(&w, "sid", "", &del), 0);
	ck_assert_str_eq(w.headers[2].value, "sid=; Path=/; Max-Age=0");
	ck_assert_int_eq(resp_cookie(&w, "t", "1", NULL), 0);
	ck_assert_str_eq(w.headers[3].value, "t=1; Path=/");
	ck_assert_uint_eq(w.header_count, 4);

	static const char *const bad_names[] = { "", "a b", "a=b", "a;b", "a\"b", "\xC3\xA9", "a\r\n" };
	for (size_t i = 0; i < sizeof bad_names / sizeof bad_names[0]; i++)
		ck_assert_msg(resp_cookie(&w, bad_names[i], "v", &o) == -1, "name %zu", i);
	static const char *const bad_values[] = { "a b", "a;b", "a,b", "a\"b", "a\\b", "\xC3\xA9", "a\r\nX: y", "\x7f" };
	for (size_t i = 0; i < sizeof bad_values / sizeof bad_values[0]; i++)
		ck_assert_msg(resp_cookie(&w, "n", bad_values[i], &o) == -1, "value %zu", i);
	struct cookie_opts bad = o;
	bad.same_site = "None";
	ck_assert_int_eq(resp_cookie(&w, "n", "v", &bad), -1);
	bad = o;
	bad.path = "/a;Domain=evil.com";
	ck_assert_int_eq(resp_cookie(&w, "n", "v", &bad), -1);
	bad = o;
	bad.secure = false;
	ck_assert_int_eq(resp_cookie(&w, "__Host-sid", "v", &bad), -1); /* prefix rules */
	ck_assert_int_eq(resp_cookie(&w, "__Secure-sid", "v", &bad), -1);
	bad = o;
	bad.path = "/x";
	ck_assert_int_eq(resp_cookie(&w, "__Host-sid", "v", &bad), -1);
	ck_assert_uint_eq(w.header_count, 4);
	resp_free(&w);
}
END_TEST

START_TEST(test_resp_redirect)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "/ok?x=1", "/ok?x=1" },
		{ "/", "/" },
		{ "/trackers/3#today", "/trackers/3#today" },
		{ "//evil.com", "/" },
		{ "/\\evil.com", "/" },
		{ "http://x", "/" },
		{ "https://evil.com/", "/" },
		{ "javascript:alert(1)", "/" },
		{ "evil.com", "/" },
		{ "", "/" },
		{ "/a\r\nSet-Cookie: x=1", "/" },
		{ "/a\nb", "/" },
		{ "/\t/evil.com", "/" },
		{ " /x", "/" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct resp w;
		resp_init(&w, &A);
		buf_puts(&w.body, "half-rendered");
		resp_redirect(&w, cases[i].in);
		ck_assert_int_eq(w.status, 303);
		ck_assert_msg(strcmp(resp_get_header(&w, "Location"), cases[i].out) == 0, "case %zu", i);
		ck_assert_uint_eq(w.header_count, 1);
		ck_assert_uint_eq(w.body.len, 0);
		resp_redirect(&w, "/again"); /* replaces, never two Locations */
		ck_assert_uint_eq(w.header_count, 1);
		resp_free(&w);
	}
	struct resp w;
	resp_init(&w, &A);
	resp_redirect(&w, NULL);
	ck_assert_str_eq(resp_get_header(&w, "Location"), "/");
	resp_free(&w);
}
END_TEST

/* Counts the headers named name (ASCII case-insensitive). */
static size_t count_headers(const struct resp *w, const char *name)
{
	size_t n = 0;
	for (size_t i = 0; i < w->header_count; i++) {
		const char *x = w->headers[i].name, *y = name;
		while (*x && *y && (*x | 0x20) == (*y | 0x20))
			x++, y++;
		n += *x == '\0' && *y == '\0';
	}
	return n;
}

START_TEST(test_resp_security_headers)
{
	struct resp w;
	resp_init(&w, &A);
	resp_security_headers(&w);
	resp_security_headers(&w);
	ck_assert_uint_eq(w.header_count, 5);
	ck_assert_str_eq(resp_get_header(&w, "Content-Security-Policy"), HTTP_CSP);
	ck_assert(strstr(HTTP_CSP, "default-src 'none'") && !strstr(HTTP_CSP, "script-src"));
	ck_assert_str_eq(resp_get_header(&w, "X-Content-Type-Options"), "nosniff");
	ck_assert_str_eq(resp_get_header(&w, "Referrer-Policy"), "same-origin");
	ck_assert_str_eq(resp_get_header(&w, "X-Frame-Options"), "DENY");
	ck_assert_str_eq(resp_get_header(&w, "Content-Type"), "text/html; charset=utf-8");
	resp_free(&w);

	/* A share page keeps its own Referrer-Policy; a download its Content-Type. */
	resp_init(&w, &A);
	ck_assert_int_eq(resp_header(&w, "referrer-policy", "no-referrer"), 0);
	ck_assert_int_eq(resp_header(&w, "Content-Type", "text/csv"), 0);
	resp_security_headers(&w);
	ck_assert_uint_eq(count_headers(&w, "Referrer-Policy"), 1);
	ck_assert_uint_eq(count_headers(&w, "Content-Type"), 1);
	ck_assert_str_eq(resp_get_header(&w, "Referrer-Policy"), "no-referrer");
	ck_assert_str_eq(resp_get_header(&w, "Content-Type"), "text/csv");
	ck_assert_uint_eq(count_headers(&w, "Content-Security-Policy"), 1);
	ck_assert_uint_eq(w.header_count, 5);
	resp_free(&w);
}
END_TEST

START_TEST(test_resp_serialize)
{
	struct resp w;
	struct buf out;
	buf_init(&out);
	resp_init(&w, &A);
	resp_redirect(&w, "/today");
	ck_assert_int_eq(resp_cookie(&w, "a", "b", NULL), 0);
	resp_serialize(&w, &out);
	ck_assert_str_eq(buf_cstr(&out),
			 "Status: 303 See Other\r\nLocation: /today\r\nSet-Cookie: a=b; Path=/\r\n"
			 "Content-Length: 0\r\n\r\n");
	resp_free(&w);

	buf_reset(&out);
	resp_init(&w, &A);
	w.status = 404;
	ck_assert_int_eq(resp_header(&w, "Content-Type", "text/plain"), 0);
	ck_assert_int_eq(resp_header(&w, "Content-Length", "999"), 0); /* computed, not trusted */
	buf_append(&w.body, "no\0pe", 5);
	resp_serialize(&w, &out);
	static const char want[] = "Status: 404 Not Found\r\nContent-Type: text/plain\r\n"
				   "Content-Length: 5\r\n\r\nno\0pe";
	ck_assert_uint_eq(out.len, sizeof want - 1);
	ck_assert_mem_eq(out.data, want, sizeof want - 1);

	/* HEAD: the body's length, not the body. */
	buf_reset(&out);
	w.head_only = true;
	resp_serialize(&w, &out);
	ck_assert_str_eq(buf_cstr(&out),
			 "Status: 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n");
	resp_free(&w);

	buf_reset(&out);
	resp_init(&w, &A);
	w.status = 299;
	resp_serialize(&w, &out);
	ck_assert_str_eq(buf_cstr(&out), "Status: 299 Unknown\r\nContent-Length: 0\r\n\r\n");
	resp_free(&w);
	buf_free(&out);
}
END_TEST

START_TEST(test_status_reason)
{
	ck_assert_str_eq(http_status_reason(200), "OK");
	ck_assert_str_eq(http_status_reason(303), "See Other");
	ck_assert_str_eq(http_status_reason(400), "Bad Request");
	ck_assert_str_eq(http_status_reason(403), "Forbidden");
	ck_assert_str_eq(http_status_reason(404), "Not Found");
	ck_assert_str_eq(http_status_reason(405), "Method Not Allowed");
	ck_assert_str_eq(http_status_reason(413), "Content Too Large");
	ck_assert_str_eq(http_status_reason(415), "Unsupported Media Type");
	ck_assert_str_eq(http_status_reason(422), "Unprocessable Content");
	ck_assert_str_eq(http_status_reason(429), "Too Many Requests");
	ck_assert_str_eq(http_status_reason(500), "Internal Server Error");
	ck_assert_str_eq(http_status_reason(0), "Unknown");
	ck_assert_str_eq(http_status_reason(-1), "Unknown");
}
END_TEST

static Suite *http_response_suite(void)
{
	Suite *s = suite_create("http_response");
	TCase *tc;

	tc = tcase_create("response");
	tcase_add_checked_fixture(tc, testhttp_setup, testhttp_teardown);
	tcase_add_test(tc, test_resp_headers);
	tcase_add_test(tc, test_resp_cookie);
	tcase_add_test(tc, test_resp_redirect);
	tcase_add_test(tc, test_resp_security_headers);
	tcase_add_test(tc, test_resp_serialize);
	tcase_add_test(tc, test_status_reason);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(http_response_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

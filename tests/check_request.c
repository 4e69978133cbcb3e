/* check_request: request tests — whole requests through dispatch_request against a real
 * database and the real templates, asserting on status, headers and HTML. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "testapp.h"

static struct testapp t;

static void setup(void)
{
	testapp_open(&t);
}

static void teardown(void)
{
	testapp_close(&t);
}

/* Asserts header name has exactly value. */
static void assert_header(const struct testresp *r, const char *name, const char *value)
{
	char *v = testresp_header(r, name);
	ck_assert_msg(v != NULL, "missing header %s in:\n%s", name, r->head);
	ck_assert_str_eq(v, value);
	free(v);
}

/* Asserts the security headers every response must carry. */
static void assert_security_headers(const struct testresp *r)
{
	assert_header(r, "Content-Security-Policy",
		      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	assert_header(r, "X-Content-Type-Options", "nosniff");
	assert_header(r, "Referrer-Policy", "same-origin");
}

/* Asserts an HTML error page for status from the template, with the layout around it. */
static void assert_error_page(const struct testresp *r, int status, const char *title)
{
	ck_assert_int_eq(r->status, status);
	assert_header(r, "Content-Type", "text/html; charset=utf-8");
	assert_security_headers(r);
	ck_assert_msg(strstr(r->body, "<!doctype html>") != NULL, "not a page: %s", r->body);
	ck_assert_msg(strstr(r->body, title) != NULL, "title '%s' missing: %s", title, r->body);
	ck_assert_msg(strstr(r->body, "/static/style.css") != NULL, "layout missing");
}

START_TEST(healthz_answers_ok)
{
	struct testresp r;
	testapp_request(&t, "GET", "/healthz", NULL, NULL, 0, NULL, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body, "ok\n");
	assert_header(&r, "Content-Type", "text/plain; charset=utf-8");
	assert_header(&r, "Content-Length", "3");
	assert_security_headers(&r);
	testresp_free(&r);
}
END_TEST

START_TEST(healthz_503_when_database_unreadable)
{
	db_close(&t.app.db);
	struct testresp r;
	testapp_request(&t, "GET", "/healthz", NULL, NULL, 0, NULL, &r);
	ck_assert_int_eq(r.status, 503);
	ck_assert_ptr_null(strstr(r.body, "ok"));
	testresp_free(&r);
}
END_TEST

START_TEST(home_page_renders_in_layout)
{
	struct testresp r;
	testapp_request(&t, "GET", "/", NULL, NULL, 0, NULL, &r);
	ck_assert_int_eq(r.status, 200);
	assert_header(&r, "Content-Type", "text/html; charset=utf-8");
	assert_security_headers(&r);
	ck_assert_ptr_nonnull(strstr(r.body, "<title>Welcome · trackpro</title>"));
	ck_assert_ptr_nonnull(strstr(r.body, "<main id=\"main\">"));
	testresp_free(&r);
}
END_TEST

START_TEST(head_sends_headers_without_body)
{
	struct testresp get, head;
	testapp_request(&t, "GET", "/", NULL, NULL, 0, NULL, &get);
	testapp_request(&t, "HEAD", "/", NULL, NULL, 0, NULL, &head);
	ck_assert_int_eq(head.status, 200);
	ck_assert_uint_eq(head.body_len, 0);
	char *len = testresp_header(&head, "Content-Length");
	ck_assert_ptr_nonnull(len);
	ck_assert_int_eq(strtol(len, NULL, 10), (long)get.body_len);
	free(len);
	testresp_free(&get);
	testresp_free(&head);
}
END_TEST

START_TEST(unknown_path_is_404_page)
{
	struct testresp r;
	testapp_request(&t, "GET", "/no/such/page?x=<script>", NULL, NULL, 0, NULL, &r);
	assert_error_page(&r, 404, "Page not found");
	ck_assert_ptr_null(strstr(r.body, "<script>"));
	testresp_free(&r);
}
END_TEST

START_TEST(wrong_method_is_405_with_allow)
{
	struct testresp r;
	testapp_request(&t, "POST", "/healthz", "application/x-www-form-urlencoded", "a=1", 3, NULL, &r);
	assert_error_page(&r, 405, "Method not allowed");
	assert_header(&r, "Allow", "GET, HEAD");
	testresp_free(&r);
	testapp_request(&t, "DELETE", "/", NULL, NULL, 0, NULL, &r);
	ck_assert_int_eq(r.status, 405);
	testresp_free(&r);
}
END_TEST

START_TEST(oversized_body_is_413_page)
{
	/* The declared length is over the limit: refused before a byte is read. */
	const char *extra[] = { "CONTENT_LENGTH", "2097152", NULL };
	struct testresp r;
	testapp_request(&t, "POST", "/", "application/x-www-form-urlencoded", NULL, 0, extra, &r);
	assert_error_page(&r, 413, "Too large");
	testresp_free(&r);
}
END_TEST

START_TEST(malformed_input_is_400_page)
{
	const char *bad[] = { "/%00", "/%C0%AF", "/a%zz", "/?q=%ff" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct testresp r;
		testapp_request(&t, "GET", bad[i], NULL, NULL, 0, NULL, &r);
		ck_assert_msg(r.status == 400, "%s answered %d", bad[i], r.status);
		assert_error_page(&r, 400, "Bad request");
		testresp_free(&r);
	}
}
END_TEST

START_TEST(unsupported_body_is_415)
{
	struct testresp r;
	testapp_request(&t, "POST", "/", "application/json", "{}", 2, NULL, &r);
	assert_error_page(&r, 415, "Unsupported form");
	testresp_free(&r);
}
END_TEST

START_TEST(internal_error_is_500_page_without_details)
{
	/* A template set without "home": the handler fails, the error page still renders. */
	struct tmpl_set *broken = tmpl_set_new(), *real = t.app.templates;
	struct buf err;
	buf_init(&err);
	const char *layout = "<!doctype html><link rel=\"stylesheet\" href=\"/static/style.css\">{{$content}}{{/content}}";
	const char *error = "{{<layout}}{{$content}}<h1>{{title}}</h1>{{/content}}{{/layout}}";
	ck_assert_int_eq(tmpl_set_add(broken, "layout", layout, strlen(layout), NULL, &err), 0);
	ck_assert_int_eq(tmpl_set_add(broken, "error", error, strlen(error), NULL, &err), 0);
	ck_assert_int_eq(tmpl_set_link(broken, true, &err), 0);
	t.app.templates = broken;
	struct testresp r;
	testapp_request(&t, "GET", "/", NULL, NULL, 0, NULL, &r);
	t.app.templates = real;
	assert_error_page(&r, 500, "Something went wrong");
	ck_assert_ptr_null(strstr(r.body, "home"));
	ck_assert_ptr_null(strstr(r.body, "template"));
	testresp_free(&r);
	tmpl_set_free(broken);
	buf_free(&err);
}
END_TEST

START_TEST(origin_check)
{
	struct req r;
	memset(&r, 0, sizeof r);
	r.origin = "";
	ck_assert(dispatch_origin_ok(&t.app, &r));
	r.origin = "http://127.0.0.1:8080";
	ck_assert(dispatch_origin_ok(&t.app, &r));
	r.origin = "http://evil.example";
	ck_assert(!dispatch_origin_ok(&t.app, &r));
	r.origin = "null";
	ck_assert(!dispatch_origin_ok(&t.app, &r));
	r.origin = "http://127.0.0.1:8080.evil.example";
	ck_assert(!dispatch_origin_ok(&t.app, &r));
	r.host = "tracker.lan";
	r.origin = "http://tracker.lan";
	ck_assert(dispatch_origin_ok(&t.app, &r));
	r.https = true;
	ck_assert(!dispatch_origin_ok(&t.app, &r));
}
END_TEST

START_TEST(share_tokens_stay_out_of_the_log)
{
	ck_assert_str_eq(dispatch_log_path("/s/Abc_123-xyz"), "/s/[token]");
	ck_assert_str_eq(dispatch_log_path("/s/Abc_123-xyz/heatmap.svg"), "/s/[token]/…");
	ck_assert_str_eq(dispatch_log_path("/settings"), "/settings");
	ck_assert_str_eq(dispatch_log_path("/shares"), "/shares");
	ck_assert_ptr_null(dispatch_log_path(NULL));
	/* answers the dispatcher gives on share paths carry the share headers too */
	struct testresp r;
	testapp_request(&t, "PUT", "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL, NULL, 0, NULL, &r);
	ck_assert_int_eq(r.status, 405);
	assert_header(&r, "Referrer-Policy", "no-referrer");
	assert_header(&r, "Cache-Control", "no-store");
	assert_header(&r, "X-Robots-Tag", "noindex");
	testresp_free(&r);
}
END_TEST

START_TEST(serve_refuses_database_behind_or_ahead)
{
	struct testdb_folder folder;
	testdb_folder_make(&folder);
	const char *path = folder.path;
	struct config config;
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(config_from_env(&config, &err), 0);
	const char *src = getenv("TRACKPRO_SRCDIR");
	config.db_path = path;
	config.data_dir = src ? src : ".";
	struct app app;
	/* a new, empty database is behind: the message says what to do */
	ck_assert_int_eq(app_open(&app, &config, &err), -1);
	ck_assert_msg(strstr(buf_cstr(&err), "run `trackpro migrate` first") != NULL, "%s", buf_cstr(&err));
	/* a database from a newer trackpro is refused too */
	struct db db;
	buf_reset(&err);
	ck_assert_int_eq(db_open(&db, path, &err), 0);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", DB_SCHEMA_VERSION + 1);
	ck_assert_int_eq(db_exec(&db, sql, &err), 0);
	db_close(&db);
	ck_assert_int_eq(app_open(&app, &config, &err), -1);
	ck_assert_msg(strstr(buf_cstr(&err), "newer than this trackpro") != NULL, "%s", buf_cstr(&err));
	buf_free(&err);
	testdb_folder_remove(&folder);
}
END_TEST

static Suite *request_suite(void)
{
	Suite *s = suite_create("request");
	TCase *tc = tcase_create("pages");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, healthz_answers_ok);
	tcase_add_test(tc, healthz_503_when_database_unreadable);
	tcase_add_test(tc, home_page_renders_in_layout);
	tcase_add_test(tc, head_sends_headers_without_body);
	tcase_add_test(tc, unknown_path_is_404_page);
	tcase_add_test(tc, wrong_method_is_405_with_allow);
	tcase_add_test(tc, oversized_body_is_413_page);
	tcase_add_test(tc, malformed_input_is_400_page);
	tcase_add_test(tc, unsupported_body_is_415);
	tcase_add_test(tc, internal_error_is_500_page_without_details);
	tcase_add_test(tc, origin_check);
	tcase_add_test(tc, share_tokens_stay_out_of_the_log);
	suite_add_tcase(s, tc);
	tc = tcase_create("startup");
	tcase_add_test(tc, serve_refuses_database_behind_or_ahead);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(request_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

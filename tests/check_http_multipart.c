/* check_http_multipart: tests of multipart/form-data parsing — fields and files, boundary
 * forms, malformed bodies and limits. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "testhttp.h"

START_TEST(test_multipart)
{
	struct http_params f;
	struct http_files u;
	ck_assert_int_eq(http_parse_multipart(&A, CT_B, mp_body, sizeof mp_body - 1, &L, &f, &u),
			 HTTP_PARSE_OK);
	ck_assert_uint_eq(f.count, 2);
	ck_assert_str_eq(f.items[0].name, "title");
	ck_assert_str_eq(f.items[0].value, "Morning run \xF0\x9F\x8F\x83");
	ck_assert_uint_eq(f.items[0].value_len, 16);
	ck_assert_str_eq(http_param_get(&f, "empty"), "");

	ck_assert_uint_eq(u.count, 2);
	ck_assert_str_eq(u.items[0].field, "photo");
	ck_assert_str_eq(u.items[0].filename, "run.png");
	ck_assert_str_eq(u.items[0].content_type, "image/png");
	ck_assert_uint_eq(u.items[0].len, sizeof png - 1);
	ck_assert_mem_eq(u.items[0].data, png, sizeof png - 1);
	ck_assert_str_eq(u.items[1].field, "doc");
	ck_assert_str_eq(u.items[1].filename, "passwd");
	ck_assert_str_eq(u.items[1].content_type, "application/octet-stream");
	ck_assert_uint_eq(u.items[1].len, 0);
}
END_TEST

START_TEST(test_multipart_boundary_forms)
{
	struct http_params f;
	struct http_files u;
	/* A quoted boundary with characters a token cannot hold, a charset before it, no preamble. */
	const char *ct = "Multipart/Form-Data; charset=utf-8; boundary=\"a:b=c?d\"";
	const char *body = "--a:b=c?d\r\nContent-Disposition: form-data; name=n\r\n\r\nv\r\n--a:b=c?d--";
	ck_assert_int_eq(http_parse_multipart(&A, ct, (const unsigned char *)body, strlen(body), &L,
					      &f, &u),
			 HTTP_PARSE_OK);
	ck_assert_uint_eq(f.count, 1);
	ck_assert_str_eq(http_param_get(&f, "n"), "v");
	ck_assert_uint_eq(u.count, 0);

	/* A quoted-pair in the boundary parameter. */
	ck_assert_int_eq(http_parse_multipart(&A, "multipart/form-data; boundary=\"X\\yZ\"",
					      mp_body, sizeof mp_body - 1, &L, &f, &u),
			 HTTP_PARSE_OK);
	ck_assert_uint_eq(u.count, 2);

	/* No parts at all. */
	ck_assert_int_eq(http_parse_multipart(&A, CT_B, (const unsigned char *)"--XyZ--\r\n", 9, &L,
					      &f, &u),
			 HTTP_PARSE_OK);
	ck_assert_uint_eq(f.count + u.count, 0);

	/* 70 characters is the longest boundary, 71 is refused; so are a missing or empty one. */
	char ct70[128], body70[256];
	char b[72];
	memset(b, 'b', 71);
	b[70] = '\0';
	snprintf(ct70, sizeof ct70, "multipart/form-data; boundary=%s", b);
	snprintf(body70, sizeof body70, "--%s\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--%s--", b, b);
	ck_assert_int_eq(http_parse_multipart(&A, ct70, (unsigned char *)body70, strlen(body70), &L,
					      &f, &u),
			 HTTP_PARSE_OK);
	ck_assert_str_eq(http_param_get(&f, "x"), "1");
	b[70] = 'b';
	b[71] = '\0';
	snprintf(ct70, sizeof ct70, "multipart/form-data; boundary=%s", b);
	snprintf(body70, sizeof body70, "--%s\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--%s--", b, b);
	ck_assert_int_eq(http_parse_multipart(&A, ct70, (unsigned char *)body70, strlen(body70), &L,
					      &f, &u),
			 HTTP_PARSE_BAD);
	static const char *const bad_ct[] = {
		"multipart/form-data",
		"multipart/form-data; boundary=",
		"multipart/form-data; boundary=\"\"",
		"multipart/form-data; boundary=\"unterminated",
		"multipart/form-data; boundary=\"a b \"",
		"multipart/form-data; boundary=a; boundary=b",
		"multipart/mixed; boundary=XyZ",
		"application/x-www-form-urlencoded",
	};
	for (size_t i = 0; i < sizeof bad_ct / sizeof bad_ct[0]; i++)
		ck_assert_msg(http_parse_multipart(&A, bad_ct[i], (const unsigned char *)"--XyZ--", 7,
						   &L, &f, &u) == HTTP_PARSE_BAD,
			      "accepted %s", bad_ct[i]);
}
END_TEST

/* Parses the C string body with boundary XyZ under L. */
static enum http_parse_result mp(const char *body)
{
	struct http_params f;
	struct http_files u;
	enum http_parse_result rc =
		http_parse_multipart(&A, CT_B, (const unsigned char *)body, strlen(body), &L, &f, &u);
	if (rc != HTTP_PARSE_OK)
		ck_assert_uint_eq(f.count + u.count, 0);
	return rc;
}

#define PART(name, value) "--XyZ\r\nContent-Disposition: form-data; name=\"" name "\"\r\n\r\n" value "\r\n"

#define FILEPART(name, fn, data) \
	"--XyZ\r\nContent-Disposition: form-data; name=\"" name "\"; filename=\"" fn "\"\r\n\r\n" data "\r\n"

START_TEST(test_multipart_bad)
{
	ck_assert_int_eq(mp(PART("a", "1") "--XyZ--"), HTTP_PARSE_OK);
	ck_assert_int_eq(mp(PART("a", "1")), HTTP_PARSE_BAD);                    /* no final boundary */
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp(PART("a", "1") "--XyZ"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("no delimiter at all"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp(""), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("x--XyZ--"), HTTP_PARSE_BAD); /* a delimiter must start a line */
	ck_assert_int_eq(mp(PART("a", "1") "--XyZjunk\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp(PART("a", "1") "--XyZ-\r\n"), HTTP_PARSE_BAD);
	/* Headers: bare LF, no blank line, no name, not form-data, folded, missing disposition. */
	ck_assert_int_eq(mp("--XyZ\nContent-Disposition: form-data; name=a\n\n1\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: form-data; name=a\n\r\n1\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: form-data; name=a\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\n1\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Type: text/plain\r\n"
			    "Content-Type: text/html\r\n\r\n1\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
			    "Content-Disposition: form-data; name=b\r\n\r\n1\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
			    "Content-Disposition: form-data; filename=b\r\n\r\n1\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\n1\r\n--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--"), HTTP_PARSE_BAD);
	/* Text fields follow the form rules; file data does not. */
	ck_assert_int_eq(mp(PART("a", "\xC0\xAF") "--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp(PART("\xFF", "1") "--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp(FILEPART("f", "\xED\xA0\x80.txt", "x") "--XyZ--"), HTTP_PARSE_BAD);
	ck_assert_int_eq(mp(FILEPART("f", "a.bin", "\xFF\xFE") "--XyZ--"), HTTP_PARSE_OK);

	struct http_params f;
	struct http_files u;
	static const unsigned char nul[] = PART("a", "x\0y") "--XyZ--";
	ck_assert_int_eq(http_parse_multipart(&A, CT_B, nul, sizeof nul - 1, &L, &f, &u), HTTP_PARSE_BAD);
}
END_TEST

START_TEST(test_multipart_limits)
{
	L.max_files = 1;
	ck_assert_int_eq(mp(FILEPART("f", "a", "1") "--XyZ--"), HTTP_PARSE_OK);
	ck_assert_int_eq(mp(FILEPART("f", "a", "1") FILEPART("g", "", "") "--XyZ--"), HTTP_PARSE_TOO_LARGE);

	L = http_limits_default();
	L.max_fields = 2;
	ck_assert_int_eq(mp(PART("a", "1") PART("b", "2") FILEPART("f", "a", "1") "--XyZ--"), HTTP_PARSE_OK);
	ck_assert_int_eq(mp(PART("a", "1") PART("b", "2") PART("c", "3") "--XyZ--"), HTTP_PARSE_TOO_LARGE);

	L = http_limits_default();
	L.max_field_len = 3;
	ck_assert_int_eq(mp(PART("a", "123") FILEPART("f", "a", "12345678") "--XyZ--"), HTTP_PARSE_OK);
	ck_assert_int_eq(mp(PART("a", "1234") "--XyZ--"), HTTP_PARSE_TOO_LARGE);
	ck_assert_int_eq(mp(PART("abcd", "1") "--XyZ--"), HTTP_PARSE_TOO_LARGE);

	L = http_limits_default();
	const char *body = FILEPART("f", "a", "1234567890") "--XyZ--";
	L.max_upload_body = strlen(body);
	ck_assert_int_eq(mp(body), HTTP_PARSE_OK);
	L.max_upload_body = strlen(body) - 1;
	ck_assert_int_eq(mp(body), HTTP_PARSE_TOO_LARGE);

	/* A part's header block may take max_header_len bytes. */
	L = http_limits_default();
	L.max_header_len = 64;
	ck_assert_int_eq(mp("--XyZ\r\nContent-Disposition: form-data; name=a\r\nX-Long: "
			    "0123456789012345678901234567890123456789\r\n\r\n1\r\n--XyZ--"),
			 HTTP_PARSE_TOO_LARGE);
}
END_TEST

static Suite *http_multipart_suite(void)
{
	Suite *s = suite_create("http_multipart");
	TCase *tc;

	tc = tcase_create("multipart");
	tcase_add_checked_fixture(tc, testhttp_setup, testhttp_teardown);
	tcase_add_test(tc, test_multipart);
	tcase_add_test(tc, test_multipart_boundary_forms);
	tcase_add_test(tc, test_multipart_bad);
	tcase_add_test(tc, test_multipart_limits);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(http_multipart_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* check_http: tests of request parsing (decoding, forms, cookies, multipart, CGI) and responses. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "http.h"

static struct arena A; /* fresh for every test (checked fixture) */
static struct http_limits L;

static void setup(void)
{
	arena_init(&A);
	L = http_limits_default();
}

static void teardown(void)
{
	arena_free(&A);
}

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

/* ---- multipart ---- */

#define CT_B "multipart/form-data; boundary=XyZ"

static const unsigned char mp_body[] =
	"preamble to ignore\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"title\"\r\n"
	"\r\n"
	"Morning run \xF0\x9F\x8F\x83\r\n"
	"--XyZ  \r\n" /* transport padding */
	"content-disposition: form-data; name=\"photo\"; filename=\"C:\\Users\\me\\run.png\"\r\n"
	"Content-Type: image/png\r\n"
	"\r\n"
	"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\r\n--Xy\r\n-\0"
	"\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; filename=\"../../etc/passwd\"; name=doc\r\n"
	"\r\n"
	"\r\n"
	"--XyZ\r\n"
	"Content-Disposition: form-data; name=\"empty\"\r\n"
	"\r\n"
	"\r\n"
	"--XyZ--\r\n"
	"epilogue --XyZ junk";

static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\r\n--Xy\r\n-\0";

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

/* ---- response ---- */

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

static Suite *http_suite(void)
{
	Suite *s = suite_create("http");
	TCase *tc;

	tc = tcase_create("request");
	tcase_add_checked_fixture(tc, setup, teardown);
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

	tc = tcase_create("multipart");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_multipart);
	tcase_add_test(tc, test_multipart_boundary_forms);
	tcase_add_test(tc, test_multipart_bad);
	tcase_add_test(tc, test_multipart_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("cgi");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_req_get);
	tcase_add_test(tc, test_req_fallbacks);
	tcase_add_test(tc, test_req_bad_path);
	tcase_add_test(tc, test_req_header_limits);
	tcase_add_test(tc, test_req_post_form);
	tcase_add_test(tc, test_req_post_multipart);
	tcase_add_test(tc, test_req_post_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("response");
	tcase_add_checked_fixture(tc, setup, teardown);
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
	SRunner *sr = srunner_create(http_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

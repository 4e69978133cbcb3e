/* check_security: unit tests of tokens, password rules and hashing, and redirect targets. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "password.h"
#include "redirect.h"
#include "token.h"

#define TOKEN_COUNT 100000

static int cmp_tokens(const void *a, const void *b)
{
	return memcmp(a, b, TOKEN_TEXT_LEN + 1);
}

START_TEST(tokens_unique_and_decodable)
{
	ck_assert_int_eq(token_library_init(), 0);
	char (*tokens)[TOKEN_TEXT_LEN + 1] = malloc((size_t)TOKEN_COUNT * (TOKEN_TEXT_LEN + 1));
	ck_assert_ptr_nonnull(tokens);
	for (int i = 0; i < TOKEN_COUNT; i++) {
		token_new(tokens[i]);
		ck_assert_uint_eq(strlen(tokens[i]), TOKEN_TEXT_LEN);
		ck_assert_uint_eq(strspn(tokens[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
				  TOKEN_TEXT_LEN);
		unsigned char raw[TOKEN_BYTES];
		ck_assert_int_eq(token_decode(tokens[i], raw), 0);
	}
	qsort(tokens, TOKEN_COUNT, TOKEN_TEXT_LEN + 1, cmp_tokens);
	for (int i = 1; i < TOKEN_COUNT; i++)
		ck_assert_msg(strcmp(tokens[i - 1], tokens[i]) != 0, "duplicate token %s", tokens[i]);
	free(tokens);
}
END_TEST

START_TEST(token_decode_refuses_malformed)
{
	ck_assert_int_eq(token_library_init(), 0);
	char t[TOKEN_TEXT_LEN + 1];
	token_new(t);
	unsigned char raw[TOKEN_BYTES];
	char bad[TOKEN_TEXT_LEN + 2];
	memcpy(bad, t, sizeof t);
	bad[5] = '+'; /* standard base64, not base64url */
	ck_assert_int_eq(token_decode(bad, raw), -1);
	bad[5] = '=';
	ck_assert_int_eq(token_decode(bad, raw), -1);
	ck_assert_int_eq(token_decode("", raw), -1);
	ck_assert_int_eq(token_decode(NULL, raw), -1);
	memcpy(bad, t, sizeof t);
	bad[TOKEN_TEXT_LEN] = 'A'; /* one character too many */
	bad[TOKEN_TEXT_LEN + 1] = '\0';
	ck_assert_int_eq(token_decode(bad, raw), -1);
	ck_assert_int_eq(token_decode(t + 1, raw), -1); /* one too few */
}
END_TEST

START_TEST(token_hash_is_stable_hex_and_distinct)
{
	ck_assert_int_eq(token_library_init(), 0);
	char a[TOKEN_TEXT_LEN + 1], b[TOKEN_TEXT_LEN + 1];
	token_new(a);
	token_new(b);
	unsigned char ha[TOKEN_HASH_BYTES], ha2[TOKEN_HASH_BYTES], hb[TOKEN_HASH_BYTES], raw[TOKEN_BYTES];
	ck_assert_int_eq(token_hash(a, ha), 0);
	ck_assert_int_eq(token_hash(a, ha2), 0);
	ck_assert_int_eq(token_hash(b, hb), 0);
	ck_assert_int_eq(memcmp(ha, ha2, TOKEN_HASH_BYTES), 0);
	ck_assert_int_ne(memcmp(ha, hb, TOKEN_HASH_BYTES), 0);
	ck_assert_int_eq(token_decode(a, raw), 0);
	ck_assert_int_ne(memcmp(ha, raw, TOKEN_HASH_BYTES), 0); /* the hash is not the token */
	ck_assert_int_eq(token_hash("not a token", ha), -1);
	for (int i = 0; i < TOKEN_HASH_BYTES; i++)
		ck_assert_uint_eq(ha[i], 0);
}
END_TEST

START_TEST(token_raw_round_trip)
{
	ck_assert_int_eq(token_library_init(), 0);
	unsigned char raw[TOKEN_BYTES];
	char text[TOKEN_TEXT_LEN + 1], other[TOKEN_TEXT_LEN + 1];
	token_new_raw(raw, text);
	token_new(other);
	ck_assert(token_matches_raw(text, raw));
	ck_assert(!token_matches_raw(other, raw));
	ck_assert(!token_matches_raw("", raw));
	ck_assert(!token_matches_raw("x", raw));
}
END_TEST

START_TEST(token_equal_compares_whole_strings)
{
	ck_assert(token_equal("abc", "abc"));
	ck_assert(!token_equal("abc", "abd"));
	ck_assert(!token_equal("abc", "abcd"));
	ck_assert(!token_equal("", "a"));
	ck_assert(token_equal("", ""));
}
END_TEST

START_TEST(password_rules)
{
	ck_assert_int_eq(password_check("short", 5), PASSWORD_TOO_SHORT);
	ck_assert_int_eq(password_check("1234567", 7), PASSWORD_TOO_SHORT);
	ck_assert_int_eq(password_check("correct horse", 13), PASSWORD_OK);
	ck_assert_int_eq(password_check("password", 8), PASSWORD_COMMON);
	ck_assert_int_eq(password_check("PassWord", 8), PASSWORD_COMMON);
	ck_assert_int_eq(password_check("12345678", 8), PASSWORD_COMMON);
	ck_assert_int_eq(password_check("password1x", 10), PASSWORD_OK);
	char long_pw[1100];
	memset(long_pw, 'x', sizeof long_pw);
	ck_assert_int_eq(password_check(long_pw, 1024), PASSWORD_OK);
	ck_assert_int_eq(password_check(long_pw, 1025), PASSWORD_TOO_LONG);
	/* eight multi-byte characters are 8+ bytes: the rule counts bytes */
	ck_assert_int_eq(password_check("ééééé", strlen("ééééé")), PASSWORD_OK);
	for (int p = 1; p < PASSWORD_PROBLEM__MAX; p++)
		ck_assert_uint_gt(strlen(password_problem_message(p)), 10);
}
END_TEST

START_TEST(password_hash_verify_no_truncation_or_folding)
{
	ck_assert_int_eq(token_library_init(), 0);
	char long_pw[1024];
	memset(long_pw, 'k', sizeof long_pw);
	char hash[PASSWORD_HASH_SIZE];
	ck_assert_int_eq(password_hash(long_pw, sizeof long_pw, hash), 0);
	ck_assert_int_eq(strncmp(hash, "$argon2id$", 10), 0);
	ck_assert(password_verify(hash, long_pw, sizeof long_pw));
	long_pw[1023] = 'K'; /* differs only in the last byte: no truncation */
	ck_assert(!password_verify(hash, long_pw, sizeof long_pw));
	ck_assert(!password_needs_rehash(hash));

	ck_assert_int_eq(password_hash("Tr0ub4dor&3", 11, hash), 0);
	ck_assert(password_verify(hash, "Tr0ub4dor&3", 11));
	ck_assert(!password_verify(hash, "tr0ub4dor&3", 11)); /* no case folding */
	ck_assert(!password_verify_dummy("Tr0ub4dor&3", 11));
	ck_assert(password_needs_rehash("$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"));
}
END_TEST

/* Known open-redirect payloads (after percent-decoding), none of which may pass. */
static const char *const redirect_attacks[] = {
	"//evil.example",
	"///evil.example",
	"////evil.example",
	"/\\evil.example",
	"/\\/evil.example",
	"\\\\evil.example",
	"\\/evil.example",
	"/\t/evil.example",
	"/\r\n/evil.example",
	"/\n/evil.example",
	"/%0d%0a\r\nSet-Cookie: a=b",
	"http://evil.example",
	"https://evil.example/",
	"https:evil.example",
	"http:/evil.example",
	"//evil.example/%2f..",
	"javascript:alert(1)",
	"JaVaScRiPt:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"evil.example",
	"./evil",
	"../evil",
	" /\\evil.example",
	" //evil.example",
	"",
	"/ok\x01",
	"/ /evil.example",
	"/trackers\\..\\..\\evil",
	"\x7f//evil.example",
	"/\x7f",
};

START_TEST(redirect_refuses_open_redirects)
{
	for (size_t i = 0; i < sizeof redirect_attacks / sizeof redirect_attacks[0]; i++) {
		ck_assert_msg(!redirect_is_local(redirect_attacks[i]), "accepted: %s", redirect_attacks[i]);
		ck_assert_str_eq(redirect_safe(redirect_attacks[i]), "/");
	}
	ck_assert(!redirect_is_local(NULL));
	char long_path[REDIRECT_MAX_LEN + 10];
	memset(long_path, 'a', sizeof long_path - 1);
	long_path[0] = '/';
	long_path[sizeof long_path - 1] = '\0';
	ck_assert(!redirect_is_local(long_path));
}
END_TEST

START_TEST(redirect_keeps_local_paths)
{
	const char *good[] = { "/", "/trackers", "/trackers/12?status=all", "/settings#sessions",
			       "/goals/3/edit?x=%2F%2Fstill-local", "/s/AbC_-1", "/caf\xc3\xa9" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		ck_assert_msg(redirect_is_local(good[i]), "refused: %s", good[i]);
		ck_assert_str_eq(redirect_safe(good[i]), good[i]);
	}
}
END_TEST

static Suite *security_suite(void)
{
	Suite *s = suite_create("security");
	TCase *tc = tcase_create("token");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, tokens_unique_and_decodable);
	tcase_add_test(tc, token_decode_refuses_malformed);
	tcase_add_test(tc, token_hash_is_stable_hex_and_distinct);
	tcase_add_test(tc, token_equal_compares_whole_strings);
	tcase_add_test(tc, token_raw_round_trip);
	suite_add_tcase(s, tc);
	tc = tcase_create("password");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, password_rules);
	tcase_add_test(tc, password_hash_verify_no_truncation_or_folding);
	suite_add_tcase(s, tc);
	tc = tcase_create("redirect");
	tcase_add_test(tc, redirect_refuses_open_redirects);
	tcase_add_test(tc, redirect_keeps_local_paths);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(security_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

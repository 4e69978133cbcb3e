/* password: rules and Argon2id hashing. */
#include "password.h"

#include <string.h>
#include <strings.h>

/* The most common passwords of 8 or more characters in public breach lists (the shorter
 * ones are refused by length already). Compared case-insensitively. */
static const char *const common_passwords[] = {
	"password", "12345678", "123456789", "1234567890", "12345678910", "qwertyuiop", "password1",
	"password123", "iloveyou", "11111111", "00000000", "88888888", "87654321", "123123123",
	"abc12345", "abcd1234", "qwerty123", "qwerty12", "1q2w3e4r", "1qaz2wsx", "zaq12wsx",
	"sunshine", "princess", "football", "baseball", "welcome1", "welcome123", "trustno1",
	"superman", "starwars", "passw0rd", "p@ssw0rd", "p@ssword", "letmein1", "letmein123",
	"iloveyou1", "whatever", "computer", "internet", "michelle", "jennifer", "jordan23",
	"liverpool", "chelsea1", "mustang1", "shadow12", "monkey123", "dragon123", "master123",
	"admin123", "administrator", "changeme", "qwertyui", "asdfghjkl", "asdfasdf", "zxcvbnm1",
	"1234qwer", "q1w2e3r4", "q1w2e3r4t5", "aa123456", "a1234567", "123456789a", "987654321",
	"11223344", "12341234", "147258369", "123321123", "password!", "secret123", "trackpro",
};

enum password_problem password_check(const char *password, size_t len)
{
	if (len < PASSWORD_MIN_BYTES)
		return PASSWORD_TOO_SHORT;
	if (len > PASSWORD_MAX_BYTES)
		return PASSWORD_TOO_LONG;
	for (size_t i = 0; i < sizeof common_passwords / sizeof common_passwords[0]; i++)
		if (strlen(common_passwords[i]) == len && strncasecmp(common_passwords[i], password, len) == 0)
			return PASSWORD_COMMON;
	return PASSWORD_OK;
}

const char *password_problem_message(enum password_problem p)
{
	switch (p) {
	case PASSWORD_OK:
		return "";
	case PASSWORD_TOO_SHORT:
		return "Use at least 8 characters.";
	case PASSWORD_TOO_LONG:
		return "Use at most 1024 bytes.";
	case PASSWORD_COMMON:
		return "This password is among the most common ones and is easy to guess. Choose another.";
	default:
		return "This password cannot be used.";
	}
}

int password_hash(const char *password, size_t len, char out[PASSWORD_HASH_SIZE])
{
	return crypto_pwhash_str(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0 ? 0 : -1;
}

bool password_verify(const char *hash, const char *password, size_t len)
{
	return crypto_pwhash_str_verify(hash, password, len) == 0;
}

bool password_verify_dummy(const char *password, size_t len)
{
	/* An Argon2id hash made with the interactive limits of a password nobody uses. */
	static const char dummy[PASSWORD_HASH_SIZE] =
		"$argon2id$v=19$m=65536,t=2,p=1$PMIdxc6GY8fpJr7kC6+f5A$yua5RxxYTuBXNGYbyltGVebrRLEQftQKGgsuQEL6rf0";
	volatile int ignored = crypto_pwhash_str_verify(dummy, password, len);
	(void)ignored;
	return false;
}

bool password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
					      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

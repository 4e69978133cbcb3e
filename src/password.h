/* password: the password rules of issue 3 (8–1024 bytes, never truncated or case-folded,
 * the most common passwords refused) and Argon2id hashing with libsodium's interactive
 * limits (crypto_pwhash_str). Workers are single-threaded, so each hashes at most one
 * password at a time: memory for hashing is bounded by 64 MiB per worker. */
#ifndef TRACKPRO_PASSWORD_H
#define TRACKPRO_PASSWORD_H

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_MIN_BYTES 8
#define PASSWORD_MAX_BYTES 1024
#define PASSWORD_HASH_SIZE crypto_pwhash_STRBYTES

enum password_problem {
	PASSWORD_OK,
	PASSWORD_TOO_SHORT,
	PASSWORD_TOO_LONG,
	PASSWORD_COMMON,
	PASSWORD_PROBLEM__MAX
};

/* Checks a new password of len bytes against the rules. */
enum password_problem password_check(const char *password, size_t len);

/* A sentence for the form, next to the password field ("Use at least 8 characters."). */
const char *password_problem_message(enum password_problem p);

/* Hashes a password with Argon2id (interactive limits) into out, a NUL-terminated
 * "$argon2id$…" string. Returns 0, or -1 when memory for hashing cannot be had. */
int password_hash(const char *password, size_t len, char out[PASSWORD_HASH_SIZE]);

/* True when password matches hash (constant-time comparison inside libsodium). */
bool password_verify(const char *hash, const char *password, size_t len);

/* Spends the time of one password_verify against a fixed dummy hash and returns false: used
 * for an unknown e-mail address so that it takes as long as a wrong password. */
bool password_verify_dummy(const char *password, size_t len);

/* True when hash was made with other limits than today's and should be redone at login
 * (crypto_pwhash_str_needs_rehash), or is not a hash libsodium understands. */
bool password_needs_rehash(const char *hash);

#endif

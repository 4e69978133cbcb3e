/* token: 32-byte random secrets (sessions, CSRF, share links) as base64url text, and the
 * hash under which the database keeps them (DESIGN.md section 6: tokens are stored only as
 * hashes and compared in constant time). */
#ifndef TRACKPRO_TOKEN_H
#define TRACKPRO_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#define TOKEN_BYTES 32
#define TOKEN_TEXT_LEN 43 /* base64url of 32 bytes without padding */
#define TOKEN_HASH_BYTES 32 /* BLAKE2b-256, the BLOB kept in sessions and share_links */

/* Initializes libsodium; call once per process before any other token_ or password_
 * function. Returns 0, or -1 when libsodium cannot start (no usable entropy source). */
int token_library_init(void);

/* Writes a new token: TOKEN_BYTES from randombytes_buf as base64url without padding,
 * NUL-terminated, into out (TOKEN_TEXT_LEN + 1 bytes). */
void token_new(char out[TOKEN_TEXT_LEN + 1]);

/* Decodes a token's text; returns 0 when text is exactly TOKEN_TEXT_LEN base64url
 * characters that decode to TOKEN_BYTES bytes (written to out), else -1. */
int token_decode(const char *text, unsigned char out[TOKEN_BYTES]);

/* Writes the storage hash of a token, crypto_generichash (BLAKE2b, TOKEN_HASH_BYTES) of its
 * decoded bytes, into out. Returns 0, or -1 when text is not a well-formed token (out is
 * then zeroed). */
int token_hash(const char *text, unsigned char out[TOKEN_HASH_BYTES]);

/* Writes TOKEN_BYTES random bytes into raw and their base64url text into text; for secrets
 * kept as bytes (the session's CSRF token) but sent as text. */
void token_new_raw(unsigned char raw[TOKEN_BYTES], char text[TOKEN_TEXT_LEN + 1]);

/* True when text decodes to exactly the bytes raw (constant-time comparison). */
bool token_matches_raw(const char *text, const unsigned char raw[TOKEN_BYTES]);

/* Compares two NUL-terminated strings in time that depends only on their lengths
 * (sodium_memcmp); true when equal. */
bool token_equal(const char *a, const char *b);

#endif

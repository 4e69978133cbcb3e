/* token: random tokens, their text form and their storage hash (libsodium). */
#include "token.h"

#include <sodium.h>
#include <string.h>

int token_library_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void token_new_raw(unsigned char raw[TOKEN_BYTES], char text[TOKEN_TEXT_LEN + 1])
{
	randombytes_buf(raw, TOKEN_BYTES);
	sodium_bin2base64(text, TOKEN_TEXT_LEN + 1, raw, TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void token_new(char out[TOKEN_TEXT_LEN + 1])
{
	unsigned char raw[TOKEN_BYTES];
	token_new_raw(raw, out);
	sodium_memzero(raw, sizeof raw);
}

bool token_matches_raw(const char *text, const unsigned char raw[TOKEN_BYTES])
{
	unsigned char decoded[TOKEN_BYTES];
	if (token_decode(text, decoded) < 0)
		return false;
	return sodium_memcmp(decoded, raw, TOKEN_BYTES) == 0;
}

int token_decode(const char *text, unsigned char out[TOKEN_BYTES])
{
	if (!text || strlen(text) != TOKEN_TEXT_LEN)
		return -1;
	size_t len = 0;
	const char *end = NULL;
	if (sodium_base642bin(out, TOKEN_BYTES, text, TOKEN_TEXT_LEN, NULL, &len, &end,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return -1;
	if (len != TOKEN_BYTES || end != text + TOKEN_TEXT_LEN)
		return -1;
	return 0;
}

int token_hash(const char *text, unsigned char out[TOKEN_HASH_BYTES])
{
	unsigned char raw[TOKEN_BYTES];
	if (token_decode(text, raw) < 0) {
		memset(out, 0, TOKEN_HASH_BYTES);
		return -1;
	}
	crypto_generichash(out, TOKEN_HASH_BYTES, raw, sizeof raw, NULL, 0);
	sodium_memzero(raw, sizeof raw);
	return 0;
}

bool token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return false;
	return la == 0 || sodium_memcmp(a, b, la) == 0;
}

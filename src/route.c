/* route: pattern matching and method dispatch over a route table. */
#include "route.h"

#include <stdbool.h>
#include <string.h>

#define ROUTE_TOKEN_MAX 128
#define ROUTE_ID_MAX 9007199254740991LL /* 2^53 - 1: ids stay exact everywhere */

/* True when the parameter name (between the braces, length n) denotes an integer id. */
static bool param_is_id(const char *name, size_t n)
{
	return n >= 2 && name[n - 2] == 'i' && name[n - 1] == 'd';
}

/* Parses a canonical positive decimal (no sign, no leading zero) of length n; -1 if invalid. */
static long long parse_id(const char *s, size_t n)
{
	if (n == 0 || n > 16 || s[0] == '0')
		return -1;
	long long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= ROUTE_ID_MAX ? v : -1;
}

/* True when s[0..n) is a URL-safe token. */
static bool is_token(const char *s, size_t n)
{
	if (n == 0 || n > ROUTE_TOKEN_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	return true;
}

int route_pattern_match(const char *pattern, const char *path, struct arena *a,
			long long ints[HTTP_MAX_ROUTE_PARAMS], const char *strs[HTTP_MAX_ROUTE_PARAMS])
{
	size_t n_ints = 0, n_strs = 0;
	const char *p = pattern, *s = path;
	while (*p) {
		if (*p != '{') {
			if (*p != *s)
				return 0;
			p++;
			s++;
			continue;
		}
		const char *close = strchr(p, '}');
		if (!close)
			return 0;
		const char *name = p + 1;
		size_t name_len = (size_t)(close - name);
		size_t seg = strcspn(s, "/");
		if (param_is_id(name, name_len)) {
			long long v = parse_id(s, seg);
			if (v < 0 || n_ints >= HTTP_MAX_ROUTE_PARAMS)
				return 0;
			if (ints)
				ints[n_ints] = v;
			n_ints++;
		} else {
			if (!is_token(s, seg) || n_strs >= HTTP_MAX_ROUTE_PARAMS)
				return 0;
			if (strs)
				strs[n_strs] = arena_strndup(a, s, seg);
			n_strs++;
		}
		s += seg;
		p = close + 1;
	}
	return *s == '\0';
}

/* Appends method m to the comma-separated allow list unless it is there already. */
static void allow_add(struct buf *allow, const char *m)
{
	const char *list = buf_cstr(allow);
	size_t n = strlen(m);
	for (const char *q = list; (q = strstr(q, m)) != NULL; q += n)
		if ((q == list || q[-1] == ' ') && (q[n] == ',' || q[n] == '\0'))
			return;
	if (allow->len)
		buf_puts(allow, ", ");
	buf_puts(allow, m);
}

enum route_match_result route_match(const struct route *table, size_t count, struct req *r,
				    size_t *index, struct buf *allow)
{
	bool path_exists = false;
	enum http_method m = r->method == HTTP_HEAD ? HTTP_GET : r->method;
	for (size_t i = 0; i < count; i++) {
		long long ints[HTTP_MAX_ROUTE_PARAMS] = { 0 };
		const char *strs[HTTP_MAX_ROUTE_PARAMS] = { 0 };
		if (!route_pattern_match(table[i].pattern, r->path, r->arena, ints, strs))
			continue;
		if (table[i].method == m) {
			memcpy(r->route_ints, ints, sizeof ints);
			memcpy(r->route_strs, strs, sizeof strs);
			*index = i;
			return ROUTE_FOUND;
		}
		path_exists = true;
	}
	if (!path_exists)
		return ROUTE_NOT_FOUND;
	if (allow) {
		buf_reset(allow);
		for (size_t i = 0; i < count; i++) {
			if (!route_pattern_match(table[i].pattern, r->path, r->arena, NULL, NULL))
				continue;
			allow_add(allow, http_method_name(table[i].method));
			if (table[i].method == HTTP_GET)
				allow_add(allow, "HEAD");
		}
	}
	return ROUTE_METHOD_NOT_ALLOWED;
}

/* route: matching (method, path) against a route table whose patterns have typed parameters:
 * "{id}" (any name ending in "id") is a positive integer, any other "{name}" a URL-safe
 * token of 1–128 characters [A-Za-z0-9_-]. */
#ifndef TRACKPRO_ROUTE_H
#define TRACKPRO_ROUTE_H

#include <stddef.h>

#include "buf.h"
#include "http.h"

struct app;

/* A handler fills w (status, headers, body) and returns 0, or returns an HTTP status >= 400
 * (404 for a missing or foreign object, 500 for an internal error) for the dispatcher to
 * answer with the matching error page. */
typedef int (*route_handler)(struct app *app, struct req *r, struct resp *w);

enum route_flag {
	ROUTE_NEEDS_LOGIN = 1u << 0, /* no session: 303 to /login?next=… */
	ROUTE_CSRF = 1u << 1,        /* POST checked for Origin and the CSRF token */
};

struct route {
	enum http_method method; /* HTTP_GET routes also answer HEAD */
	const char *pattern;     /* "/trackers/{id}/edit" */
	unsigned flags;          /* enum route_flag bits */
	route_handler handler;
	const char *name;        /* for logs and tests */
};

enum route_match_result {
	ROUTE_FOUND,
	ROUTE_NOT_FOUND,
	ROUTE_METHOD_NOT_ALLOWED
};

/* Matches path against one pattern; on success stores the integer parameters in ints[] and
 * the token parameters in strs[] (each in pattern order, at most HTTP_MAX_ROUTE_PARAMS; the
 * strings point into path's copy in a). Returns 1 on a match, 0 otherwise. */
int route_pattern_match(const char *pattern, const char *path, struct arena *a,
			long long ints[HTTP_MAX_ROUTE_PARAMS], const char *strs[HTTP_MAX_ROUTE_PARAMS]);

/* Finds the route of table[0..count) for r's method and path. ROUTE_FOUND: *index is set and
 * r->route_ints / r->route_strs are filled. ROUTE_METHOD_NOT_ALLOWED: the path exists for
 * other methods, listed in allow ("GET, HEAD, POST") for the Allow header. */
enum route_match_result route_match(const struct route *table, size_t count, struct req *r,
				    size_t *index, struct buf *allow);

#endif

/* dispatch: one request from raw CGI parameters to a serialized response — parse, route,
 * enforce the route's flags, run the handler, render error pages, add the security headers,
 * log one line. */
#ifndef TRACKPRO_DISPATCH_H
#define TRACKPRO_DISPATCH_H

#include "app.h"
#include "arena.h"
#include "buf.h"
#include "http.h"

/* Answers one request: reads it through getparam/read_body (see http_req_parse), and writes
 * the whole response in FastCGI form to out. Everything per-request is allocated in a,
 * which the caller resets afterwards. Never fails: every problem becomes an error page.
 * Returns the HTTP status sent. */
int dispatch_request(struct app *app, struct arena *a, http_getparam_fn getparam, void *param_ctx,
		     http_read_fn read_body, void *body_ctx, struct buf *out);

/* True when a POST's Origin header (if any) names this site: the origin of the configured
 * base URL, or the request's own Host over the request's scheme. "null" never matches. */
bool dispatch_origin_ok(const struct app *app, const struct req *r);

#endif

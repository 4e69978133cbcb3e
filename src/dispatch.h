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

/* Where a streamed body (resp_stream) goes: write takes the header block (from out, which is
 * then emptied) and then each chunk as it is made, so a large download is never held whole. */
struct dispatch_sink {
	http_write_fn write;
	void *ctx;
	bool cut_short; /* set when the stream failed part-way: the caller must not complete the
			 * response (the worker closes the connection, so the client sees it broken) */
};

/* dispatch_request, but a streamed body goes to sink (when not NULL; with NULL it is appended
 * to out like any other body). Everything not streamed is still left whole in out. */
int dispatch_request_to(struct app *app, struct arena *a, http_getparam_fn getparam, void *param_ctx,
			http_read_fn read_body, void *body_ctx, struct buf *out, struct dispatch_sink *sink);

/* True when a POST's Origin header (if any) names this site: the origin of the configured
 * base URL, or the request's own Host over the request's scheme. "null" never matches. */
bool dispatch_origin_ok(const struct app *app, const struct req *r);

/* The path as the access log may show it: share-link tokens (/s/TOKEN…) are replaced by
 * "[token]", since the token is the secret that opens the page. NULL stays NULL. */
const char *dispatch_log_path(const char *path);

#endif

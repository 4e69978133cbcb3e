/* testapp: an in-process trackpro for request tests — a migrated database in a temporary
 * folder, the real templates, a fixed clock — and a way to send it a request and read the
 * response back. */
#ifndef TRACKPRO_TESTAPP_H
#define TRACKPRO_TESTAPP_H

#include <stddef.h>

#include "app.h"

struct testapp {
	struct app app;
	struct config config;
	char dir[64];      /* temporary folder, removed by testapp_close */
	char db_path[128];
};

struct testresp {
	int status;
	char *head; /* the header block as serialized, "Name: value\r\n" lines (malloc'd) */
	char *body; /* malloc'd, NUL-terminated */
	size_t body_len;
};

/* Makes a fresh app: temp folder, database migrated from $TRACKPRO_SQL_DIR (default "sql"),
 * templates from $TRACKPRO_SRCDIR/templates. Aborts the test on failure. */
void testapp_open(struct testapp *t);
/* Closes the app and removes its temporary folder. */
void testapp_close(struct testapp *t);

/* Sends one request through dispatch_request. uri is "/path?query" as sent by the browser;
 * content_type and body may be NULL; extra is NULL or a NULL-terminated list of further CGI
 * parameters as name, value pairs ("HTTP_COOKIE", "a=b", NULL). Fills *out (free with
 * testresp_free). */
void testapp_request(struct testapp *t, const char *method, const char *uri, const char *content_type,
		     const char *body, size_t body_len, const char *const *extra, struct testresp *out);
/* Returns the value of header name (malloc'd, caller frees) or NULL. */
char *testresp_header(const struct testresp *r, const char *name);
/* Frees what testapp_request allocated. */
void testresp_free(struct testresp *r);

#endif

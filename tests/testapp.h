/* testapp: an in-process trackpro for request tests — a migrated database in a temporary
 * folder, the real templates, a fixed clock — and a way to send it a request and read the
 * response back, with a cookie jar, form encoding and HTML field extraction on top. */
#ifndef TRACKPRO_TESTAPP_H
#define TRACKPRO_TESTAPP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "buf.h"
#include "testdb.h"
#include "token.h"

struct testapp {
	struct app app;
	struct config config;
	struct testdb_folder folder; /* the database's, removed by testapp_close */
};

struct testresp {
	int status;
	char *head; /* the header block as serialized, "Name: value\r\n" lines (malloc'd) */
	char *body; /* malloc'd, NUL-terminated */
	size_t body_len;
};

/* Makes a fresh app: temp folder, database migrated from $TRACKPRO_SQL_DIR (default "sql"),
 * templates from $TRACKPRO_SRCDIR/templates, base URL http://127.0.0.1:8080, a fixed clock at
 * 2026-05-22T00:00:00Z (move it with testapp_advance or t->app.clock.fixed). Aborts the test
 * on failure. */
void testapp_open(struct testapp *t);
/* Closes the app and removes its temporary folder. */
void testapp_close(struct testapp *t);

/* Sends one request through dispatch_request. uri is "/path?query" as sent by the browser;
 * content_type and body may be NULL; extra is NULL or a NULL-terminated list of further CGI
 * parameters as name, value pairs ("HTTP_COOKIE", "a=b", NULL); an extra parameter replaces
 * a default one of the same name (REMOTE_ADDR 127.0.0.1, HTTP_HOST 127.0.0.1:8080,
 * HTTP_USER_AGENT testapp). Fills *out (free with testresp_free). */
void testapp_request(struct testapp *t, const char *method, const char *uri, const char *content_type,
		     const char *body, size_t body_len, const char *const *extra, struct testresp *out);
/* Returns the value of header name (malloc'd, caller frees) or NULL. */
char *testresp_header(const struct testresp *r, const char *name);
/* Returns the value of the n-th (from 0) header called name (malloc'd) or NULL. */
char *testresp_header_nth(const struct testresp *r, const char *name, size_t n);
/* Returns the whole Set-Cookie value ("name=value; Path=/; …", malloc'd) that sets cookie
 * name, or NULL when the response sets no such cookie. */
char *testresp_set_cookie(const struct testresp *r, const char *name);
/* Frees what testapp_request allocated. */
void testresp_free(struct testresp *r);

/* Moves the app's fixed clock forward by seconds (backward when negative). */
void testapp_advance(struct testapp *t, int64_t seconds);

/* A browser's cookie jar: what Set-Cookie headers set, sent back as a Cookie header. */
#define TESTJAR_MAX 16
struct testjar {
	size_t count;
	char *names[TESTJAR_MAX];
	char *values[TESTJAR_MAX];
};

/* Starts an empty jar. */
void testjar_init(struct testjar *j);
/* Empties the jar and frees what it holds. */
void testjar_free(struct testjar *j);
/* Returns the value of cookie name in the jar, or NULL. */
const char *testjar_get(const struct testjar *j, const char *name);
/* Sets cookie name to value (copied); NULL removes it. */
void testjar_set(struct testjar *j, const char *name, const char *value);
/* Applies every Set-Cookie header of r as a browser would: a cookie with Max-Age=0 (or an
 * empty value) is removed, any other replaces the one of the same name. */
void testjar_update(struct testjar *j, const struct testresp *r);

/* testapp_request with the jar's cookies as HTTP_COOKIE (unless extra has one), form (when
 * not NULL) as an application/x-www-form-urlencoded body, then testjar_update with the
 * response. method is "GET", "POST" …. */
void testapp_browse(struct testapp *t, struct testjar *j, const char *method, const char *uri, const char *form,
		    const char *const *extra, struct testresp *out);

/* Returns a malloc'd urlencoded form from a NULL-terminated list of name, value pairs
 * (every byte but [A-Za-z0-9*-._] percent-encoded, so values may hold '&', '=', '%', CR …). */
char *testform(const char *name, ...);
/* Appends name=value to the urlencoded form in b, encoded as testform does, with a '&' first
 * unless b is empty; a NULL value is sent empty. */
void testform_add(struct buf *b, const char *name, const char *value);

/* Returns the entity-decoded value="…" of the first <input> whose name attribute is name in
 * html (malloc'd), or NULL when there is none. */
char *testhtml_input(const char *html, const char *name);
/* Returns the entity-decoded text of the selected <option> of <select name="name">, or NULL
 * when the select is missing or nothing is selected (malloc'd). */
char *testhtml_selected(const char *html, const char *name);

/* Creates a user directly (password_hash + user_create in a write transaction), bypassing
 * the registration form, with time zone UTC; returns the id. Costs one Argon2id hash; a NULL
 * password stores a hash no password matches (for tests that make sessions directly). */
int64_t testapp_user(struct testapp *t, const char *email, const char *display_name, const char *password,
		     bool is_admin);
/* Starts a session for user_id directly (session_create at the app's clock and policy);
 * writes the cookie token and the session's CSRF token (either may be NULL); returns the
 * session id. */
int64_t testapp_session(struct testapp *t, int64_t user_id, char token[TOKEN_TEXT_LEN + 1],
			char csrf[TOKEN_TEXT_LEN + 1]);
/* Logs in through the pages like a browser: GET /login, then POST /login with the form's
 * csrf field; asserts a 303 and a session cookie in the jar. Costs one Argon2id verify. */
void testapp_login(struct testapp *t, struct testjar *j, const char *email, const char *password);
/* Runs a query returning one integer (e.g. "SELECT count(*) FROM sessions"); asserts it works. */
int64_t testapp_query_int(struct testapp *t, const char *sql);

#endif

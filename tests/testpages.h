/* testpages: what the request tests of the logged-in pages share, on top of testapp — one
 * fresh app per test as a Check fixture, users with a session browsing it, GETs and form
 * POSTs carrying the session's CSRF token, assertions on the responses, integers from SQL, and
 * trackers and tasks made through the forms. */
#ifndef TRACKPRO_TESTPAGES_H
#define TRACKPRO_TESTPAGES_H

#include <stddef.h>
#include <stdint.h>

#include "testapp.h"
#include "token.h"

/* The app of the running test, opened by testpage_setup and closed by testpage_teardown. */
extern struct testapp testpage_app;

/* Check fixture (tcase_add_checked_fixture): opens testpage_app afresh (testapp_open). */
void testpage_setup(void);
/* Check fixture: closes testpage_app (testapp_close). */
void testpage_teardown(void);

/* A logged-in browser. */
struct testuser {
	int64_t id;
	struct testjar jar;
	char csrf[TOKEN_TEXT_LEN + 1];
};

/* Makes user email (display name "Ann", no password, time zone UTC) in testpage_app with a
 * session and a jar holding its cookie. */
void testuser_init(struct testuser *w, const char *email);
/* Frees what testuser_init allocated. */
void testuser_free(struct testuser *w);

/* GETs path as w into r (free with testresp_free). */
void testpage_get(struct testuser *w, const char *path, struct testresp *r);
/* POSTs the NULL-terminated name, value pairs, after a csrf field with w's token, to path as
 * w into r (free with testresp_free); at most 63 pairs; a NULL value leaves its field out. */
void testpage_post(struct testuser *w, const char *path, struct testresp *r, ...) __attribute__((sentinel));
/* POSTs the n fields names[i] = values[i], after a csrf field with w's token, to path as w
 * into r; a field whose value is NULL is left out (as an unchecked checkbox). */
void testpage_post_fields(struct testuser *w, const char *path, const char *const *names,
			  const char *const *values, size_t n, struct testresp *r);

/* Asserts r's status, showing what and the start of the body when it differs. */
void testpage_assert_status(const struct testresp *r, int status, const char *what);
/* Asserts that r's body holds needle, showing the body from <main> when it does not. */
void testpage_assert_has(const struct testresp *r, const char *needle);
/* Asserts that r's body does not hold needle, showing the body from <main> when it does. */
void testpage_assert_lacks(const struct testresp *r, const char *needle);
/* Asserts a 303 and returns its Location (malloc'd, caller frees). */
char *testpage_location(const struct testresp *r);
/* Asserts a 303 to exactly expected. */
void testpage_assert_redirect(const struct testresp *r, const char *expected);
/* Asserts a 303 to "/trackers/ID…" and returns ID. */
int64_t testpage_redirect_id(const struct testresp *r);

/* Returns the integer printf-formatted SQL yields in testpage_app (testapp_query_int; the SQL
 * may be up to 511 bytes). */
int64_t testpage_int(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Returns a string of n copies of c (static buffer, overwritten by the next call; n < 4096). */
const char *testpage_repeat(char c, size_t n);

/* Creates a tracker called name of time mode mode through the form as w (no description,
 * dates or category, colour #2f80ed); returns its id. */
int64_t testpage_tracker(struct testuser *w, const char *name, const char *mode);
/* Adds a task called name to tracker through the quick-add form as w; asserts the 303 and
 * returns the new task's id. */
int64_t testpage_quick_task(struct testuser *w, int64_t tracker, const char *name);

#endif

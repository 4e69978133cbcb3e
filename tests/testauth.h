/* testauth: what the auth suites share — one fresh app per test as a Check fixture, the
 * password of the users that log in through the form, and assertions on statuses, redirects
 * and cookies, with helpers that read the start page and a form's CSRF token. */
#ifndef TRACKPRO_TESTAUTH_H
#define TRACKPRO_TESTAUTH_H

#include <stdbool.h>

#include "testapp.h"

/* The password of the users that log in through the form. */
#define PW "correct horse battery"
/* The Max-Age attribute of a session cookie: 30 days, the default absolute lifetime. */
#define SESSION_MAX_AGE "Max-Age=2592000"

/* The app of the running test, opened by testauth_setup and closed by testauth_teardown. */
extern struct testapp t;

/* Check fixture (tcase_add_checked_fixture): opens t afresh (testapp_open). */
void testauth_setup(void);
/* Check fixture: closes t (testapp_close). */
void testauth_teardown(void);

/* Asserts the response status, showing the head and the start of the body when it differs. */
void assert_status(const struct testresp *r, int status);
/* Asserts a 303 to exactly location. */
void assert_redirect(const struct testresp *r, const char *location);
/* Asserts that set_cookie (a Set-Cookie value, may be NULL) sets cookie name with exactly the
 * attributes attrs (NULL-terminated, any order, compared whole: "Path=/", "HttpOnly" …).
 * Returns the cookie's value (malloc'd). */
char *assert_cookie(const char *set_cookie, const char *name, const char *const *attrs);
/* GETs / with Cookie header cookie (NULL: none) and returns true when the page greets the
 * logged-in user display_name, false when it is the logged-out start page. */
bool home_logged_in(const char *cookie, const char *display_name);
/* The Cookie header that carries session token in the http setup (malloc'd). */
char *session_cookie(const char *token);
/* GETs path in jar and returns the value of its form's "csrf" field (malloc'd). */
char *form_csrf(struct testjar *j, const char *path);

#endif

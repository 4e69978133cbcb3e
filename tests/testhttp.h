/* testhttp: what the http suites share — a Check fixture giving each test a fresh arena and
 * the default limits, and a multipart/form-data sample body with boundary XyZ. */
#ifndef TRACKPRO_TESTHTTP_H
#define TRACKPRO_TESTHTTP_H

#include "arena.h"
#include "http.h"

/* The arena of the running test, fresh for every test (testhttp_setup). */
extern struct arena A;
/* The limits of the running test: http_limits_default() at the start of every test. */
extern struct http_limits L;

/* Check fixture (tcase_add_checked_fixture): starts A and sets L to the default limits. */
void testhttp_setup(void);
/* Check fixture: frees A. */
void testhttp_teardown(void);

/* The Content-Type of the sample body. */
#define CT_B "multipart/form-data; boundary=XyZ"

/* The data of the "photo" file: binary, with a CR LF, a near-boundary and NULs. */
#define TESTHTTP_PNG "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\r\n--Xy\r\n-\0"

/* The sample body: a preamble, a text field "title", a file "photo" (run.png, holding
 * TESTHTTP_PNG), an empty file "doc" named with a path, an empty field "empty", an epilogue. */
#define TESTHTTP_MP_BODY                                                                            \
	"preamble to ignore\r\n"                                                                    \
	"--XyZ\r\n"                                                                                 \
	"Content-Disposition: form-data; name=\"title\"\r\n"                                        \
	"\r\n"                                                                                      \
	"Morning run \xF0\x9F\x8F\x83\r\n"                                                          \
	"--XyZ  \r\n" /* transport padding */                                                       \
	"content-disposition: form-data; name=\"photo\"; filename=\"C:\\Users\\me\\run.png\"\r\n"   \
	"Content-Type: image/png\r\n"                                                               \
	"\r\n"                                                                                      \
	TESTHTTP_PNG                                                                                \
	"\r\n"                                                                                      \
	"--XyZ\r\n"                                                                                 \
	"Content-Disposition: form-data; filename=\"../../etc/passwd\"; name=doc\r\n"               \
	"\r\n"                                                                                      \
	"\r\n"                                                                                      \
	"--XyZ\r\n"                                                                                 \
	"Content-Disposition: form-data; name=\"empty\"\r\n"                                        \
	"\r\n"                                                                                      \
	"\r\n"                                                                                      \
	"--XyZ--\r\n"                                                                               \
	"epilogue --XyZ junk"

/* The sample body and the photo's data as arrays (sizeof - 1 is their length). */
extern const unsigned char mp_body[sizeof TESTHTTP_MP_BODY];
extern const unsigned char png[sizeof TESTHTTP_PNG];

#endif

/* testhttp: the fixture and sample data the http suites share. */
#include "testhttp.h"

struct arena A;
struct http_limits L;

const unsigned char mp_body[sizeof TESTHTTP_MP_BODY] = TESTHTTP_MP_BODY;
const unsigned char png[sizeof TESTHTTP_PNG] = TESTHTTP_PNG;

void testhttp_setup(void)
{
	arena_init(&A);
	L = http_limits_default();
}

void testhttp_teardown(void)
{
	arena_free(&A);
}

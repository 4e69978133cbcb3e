/* redirect: the local-path rule for redirect targets. */
#include "redirect.h"

#include <stddef.h>

bool redirect_is_local(const char *target)
{
	if (!target || target[0] != '/' || target[1] == '/' || target[1] == '\\')
		return false;
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)target; *p; p++, n++) {
		if (n >= REDIRECT_MAX_LEN)
			return false;
		if (*p < 0x21 || *p == 0x7f || *p == '\\')
			return false;
	}
	return true;
}

const char *redirect_safe(const char *target)
{
	return redirect_is_local(target) ? target : "/";
}

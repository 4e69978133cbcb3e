/* redirect: which redirect targets are safe — only local paths, so that a `next=` value
 * can never send a visitor to another site (an open redirect). */
#ifndef TRACKPRO_REDIRECT_H
#define TRACKPRO_REDIRECT_H

#include <stdbool.h>

#define REDIRECT_MAX_LEN 2048

/* True when target (already percent-decoded) is a local path: it starts with exactly one
 * '/', the next character is neither '/' nor '\\', it holds no backslash anywhere, no
 * control character (CR, LF, TAB, NUL … which browsers strip or split on) and no space,
 * and is at most REDIRECT_MAX_LEN bytes. Everything else — schemes, "//host",
 * "/\\host", "\\\\host", relative paths, "" — is refused. */
bool redirect_is_local(const char *target);

/* Returns target when redirect_is_local(target), else "/". NULL gives "/". */
const char *redirect_safe(const char *target);

#endif

/* xmalloc: allocation that never returns NULL; failure aborts the worker (the master restarts it). */
#ifndef TRACKPRO_XMALLOC_H
#define TRACKPRO_XMALLOC_H

#include <stddef.h>

/* Allocates n bytes; aborts on failure. Caller frees with free(). */
void *xmalloc(size_t n);
/* Allocates count*size zeroed bytes; aborts on overflow or failure. Caller frees. */
void *xcalloc(size_t count, size_t size);
/* Resizes p to n bytes; aborts on failure. */
void *xrealloc(void *p, size_t n);
/* Duplicates the NUL-terminated string s; caller frees. */
char *xstrdup(const char *s);
/* Duplicates the first n bytes of s and NUL-terminates; caller frees. */
char *xstrndup(const char *s, size_t n);

#endif

/* buf: a growable byte buffer, always NUL-terminated after its contents. */
#ifndef TRACKPRO_BUF_H
#define TRACKPRO_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NULL until the first append; then data[len] == '\0' */
	size_t len; /* bytes used, excluding the terminating NUL */
	size_t cap; /* bytes allocated */
};

/* Makes b empty without allocating. */
void buf_init(struct buf *b);
/* Frees b's memory and makes it empty. */
void buf_free(struct buf *b);
/* Empties b but keeps its memory for reuse. */
void buf_reset(struct buf *b);
/* Ensures room for n more bytes (plus the NUL); aborts on allocation failure. */
void buf_reserve(struct buf *b, size_t n);
/* Appends n bytes from p. */
void buf_append(struct buf *b, const void *p, size_t n);
/* Appends the NUL-terminated string s. */
void buf_puts(struct buf *b, const char *s);
/* Appends one byte. */
void buf_putc(struct buf *b, char c);
/* Appends printf-formatted text. */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends vprintf-formatted text. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Returns the contents as a C string ("" when empty); valid until the next change to b. */
const char *buf_cstr(const struct buf *b);
/* Returns the contents as a malloc'd C string the caller frees, and empties b. */
char *buf_detach(struct buf *b);

#endif

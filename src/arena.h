/* arena: a region allocator for per-request memory, freed all at once by arena_reset. */
#ifndef TRACKPRO_ARENA_H
#define TRACKPRO_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* newest chunk first */
	size_t total;             /* bytes handed out since the last reset */
};

/* Makes an empty arena; nothing is allocated until the first arena_alloc. */
void arena_init(struct arena *a);
/* Returns n zeroed bytes aligned for any type, valid until arena_reset or arena_free.
 * Aborts on allocation failure. */
void *arena_alloc(struct arena *a, size_t n);
/* Returns count*size zeroed bytes; aborts on overflow. */
void *arena_calloc(struct arena *a, size_t count, size_t size);
/* Copies the first n bytes of s into the arena and NUL-terminates them. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Copies the NUL-terminated string s into the arena. */
char *arena_strdup(struct arena *a, const char *s);
/* Returns printf-formatted text allocated in the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Frees everything but the first chunk, which is kept for reuse; all pointers become invalid. */
void arena_reset(struct arena *a);
/* Frees all memory of the arena. */
void arena_free(struct arena *a);

#endif

/* page_cache: one worker's cache of whole answers to the expensive GET pages of a signed-in
 * user (issue 6, "Speed"; which pages, and how keys are made, is the dispatcher's choice:
 * src/dispatch.c). It keeps the exact bytes a fresh answer had — status line, headers and body
 * — so a hit sends the same answer the page would have made.
 *
 * Validity is deliberately blunt: an entry holds only while nothing at all has changed in the
 * database since it was made. The stamp of the database is PRAGMA data_version (it moves when
 * another connection — another worker, `trackpro user`, the sqlite3 shell — commits) together
 * with sqlite3_total_changes64() of the worker's own connection (it moves with every row this
 * worker inserts, updates or deletes); when either differs from the stamp the entries were made
 * at, every entry is dropped. No page can show stale data that way, whatever it reads, at the
 * price of emptying the cache on every write anywhere. An entry also has an expiry (a short
 * maximum age, and the end of the user's local day) for what depends on the clock.
 *
 * Memory is bounded: at most PAGE_CACHE_ENTRIES entries and max_bytes of answers and keys;
 * the least recently used entries make room. One cache per worker process, owned by it (no
 * sharing, no locks). */
#ifndef TRACKPRO_PAGE_CACHE_H
#define TRACKPRO_PAGE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "db.h"

#define PAGE_CACHE_ENTRIES 256       /* entries per worker at most */
#define PAGE_CACHE_MAX_AGE 60        /* seconds an entry lives at most */
#define PAGE_CACHE_MAX_BYTES CONFIG_PAGE_CACHE_MAX /* --page-cache-size at most (1 GiB) */

/* The state of the database an answer was made from. */
struct page_cache_stamp {
	int64_t data_version; /* PRAGMA data_version: commits by other connections */
	int64_t own_changes;  /* sqlite3_total_changes64: rows changed by this connection */
};

/* Reads db's stamp now (one PRAGMA data_version, which starts a read of the database, so a
 * commit by another connection is seen). Returns 0, or -1 (logged) when the pragma fails —
 * then nothing may be looked up or stored. */
int page_cache_stamp(struct db *db, struct page_cache_stamp *out);

/* True when a and b are the same stamp. */
bool page_cache_stamp_equal(const struct page_cache_stamp *a, const struct page_cache_stamp *b);

/* What a cache has done, for the tests and the logs. */
struct page_cache_stats {
	size_t entries, bytes;      /* held now (bytes: answers and keys) */
	uint64_t hits, misses;      /* page_cache_get answers */
	uint64_t stores;            /* answers kept by page_cache_put */
	uint64_t evictions;         /* entries dropped to make room */
	uint64_t expired;           /* entries dropped past their expiry */
	uint64_t invalidations;     /* times every entry was dropped for a changed stamp */
};

struct page_cache;

/* A cache holding at most max_bytes (1 .. PAGE_CACHE_MAX_BYTES) of answers and keys; NULL
 * when max_bytes is 0 (the cache is off). The caller owns it: page_cache_free. */
struct page_cache *page_cache_new(size_t max_bytes);
/* Frees c and everything it holds; NULL is fine. */
void page_cache_free(struct page_cache *c);

/* The answer stored under key (key_len bytes, any bytes) if it is still valid at stamp and at
 * now (seconds since the epoch): when stamp differs from the one the entries were made at,
 * every entry is dropped first; an entry is dropped when now is past its expiry or before it
 * was made (a clock set back). Returns the bytes (*len of them, owned by c, valid until the
 * next call on c) or NULL. */
const char *page_cache_get(struct page_cache *c, const struct page_cache_stamp *stamp, const char *key, size_t key_len,
			   int64_t now, size_t *len);

/* Keeps a copy of data[0..len) under key (replacing one there), made at stamp and now, valid
 * until expires_at (seconds; at most now + PAGE_CACHE_MAX_AGE is kept). Entries made at
 * another stamp are dropped first; the least recently used ones make room. Returns false (and
 * keeps nothing) when key and data together are larger than the whole cache or expires_at is
 * not after now. */
bool page_cache_put(struct page_cache *c, const struct page_cache_stamp *stamp, const char *key, size_t key_len,
		    const char *data, size_t len, int64_t now, int64_t expires_at);

/* Drops every entry. */
void page_cache_clear(struct page_cache *c);

/* The counters of c (all 0 for NULL). */
struct page_cache_stats page_cache_stats(const struct page_cache *c);

#endif

/* page_cache: a worker's bounded cache of whole answers, valid while the database is unchanged. */
#include "page_cache.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "xmalloc.h"

/* One kept answer. */
struct entry {
	uint64_t hash;       /* of the key, to skip most comparisons */
	char *key;           /* key_len bytes, malloc'd */
	size_t key_len;
	char *data;          /* len bytes, malloc'd */
	size_t len;
	int64_t made_at, expires_at; /* seconds since the epoch */
	uint64_t used;       /* c->tick when last made or hit: the smallest goes first */
};

struct page_cache {
	size_t max_bytes;
	struct page_cache_stamp stamp; /* what every entry was made at */
	bool stamped;                  /* stamp is set (false until the first get or put) */
	struct entry entries[PAGE_CACHE_ENTRIES];
	size_t count;
	uint64_t tick;
	struct page_cache_stats stats;
};

int page_cache_stamp(struct db *db, struct page_cache_stamp *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_DATA_VERSION);
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		out->data_version = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW) {
		log_error("data_version: %s", sqlite3_errmsg(db->conn));
		return -1;
	}
	out->own_changes = sqlite3_total_changes64(db->conn);
	return 0;
}

bool page_cache_stamp_equal(const struct page_cache_stamp *a, const struct page_cache_stamp *b)
{
	return a->data_version == b->data_version && a->own_changes == b->own_changes;
}

struct page_cache *page_cache_new(size_t max_bytes)
{
	if (max_bytes == 0)
		return NULL;
	struct page_cache *c = xcalloc(1, sizeof *c);
	c->max_bytes = max_bytes > PAGE_CACHE_MAX_BYTES ? PAGE_CACHE_MAX_BYTES : max_bytes;
	return c;
}

/* Frees entry i and moves the last entry into its place. */
static void drop(struct page_cache *c, size_t i)
{
	struct entry *e = &c->entries[i];
	c->stats.bytes -= e->key_len + e->len;
	free(e->key);
	free(e->data);
	c->entries[i] = c->entries[--c->count];
	c->stats.entries = c->count;
}

void page_cache_clear(struct page_cache *c)
{
	if (!c)
		return;
	while (c->count)
		drop(c, c->count - 1);
}

void page_cache_free(struct page_cache *c)
{
	page_cache_clear(c);
	free(c);
}

/* Drops every entry when stamp is not the one they were made at, and takes stamp. */
static void check_stamp(struct page_cache *c, const struct page_cache_stamp *stamp)
{
	if (c->stamped && page_cache_stamp_equal(&c->stamp, stamp))
		return;
	if (c->count)
		c->stats.invalidations++;
	page_cache_clear(c);
	c->stamp = *stamp;
	c->stamped = true;
}

/* FNV-1a of the key. */
static uint64_t hash_key(const char *key, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

/* The index of key among the entries, or c->count when it is not there. */
static size_t find(const struct page_cache *c, uint64_t hash, const char *key, size_t key_len)
{
	for (size_t i = 0; i < c->count; i++) {
		const struct entry *e = &c->entries[i];
		if (e->hash == hash && e->key_len == key_len && memcmp(e->key, key, key_len) == 0)
			return i;
	}
	return c->count;
}

const char *page_cache_get(struct page_cache *c, const struct page_cache_stamp *stamp, const char *key, size_t key_len,
			   int64_t now, size_t *len)
{
	*len = 0;
	if (!c)
		return NULL;
	check_stamp(c, stamp);
	size_t i = find(c, hash_key(key, key_len), key, key_len);
	if (i < c->count && (now < c->entries[i].made_at || now >= c->entries[i].expires_at)) {
		drop(c, i);
		c->stats.expired++;
		i = c->count;
	}
	if (i == c->count) {
		c->stats.misses++;
		return NULL;
	}
	struct entry *e = &c->entries[i];
	e->used = ++c->tick;
	c->stats.hits++;
	*len = e->len;
	return e->data;
}

/* Drops the least recently used entry. */
static void evict_one(struct page_cache *c)
{
	size_t oldest = 0;
	for (size_t i = 1; i < c->count; i++)
		if (c->entries[i].used < c->entries[oldest].used)
			oldest = i;
	drop(c, oldest);
	c->stats.evictions++;
}

bool page_cache_put(struct page_cache *c, const struct page_cache_stamp *stamp, const char *key, size_t key_len,
		    const char *data, size_t len, int64_t now, int64_t expires_at)
{
	if (!c)
		return false;
	check_stamp(c, stamp);
	uint64_t hash = hash_key(key, key_len);
	size_t i = find(c, hash, key, key_len);
	if (i < c->count)
		drop(c, i);
	if (expires_at > now + PAGE_CACHE_MAX_AGE)
		expires_at = now + PAGE_CACHE_MAX_AGE;
	size_t size = key_len + len;
	if (expires_at <= now || size > c->max_bytes || size < len)
		return false;
	while (c->count && (c->count == PAGE_CACHE_ENTRIES || c->stats.bytes + size > c->max_bytes))
		evict_one(c);
	struct entry *e = &c->entries[c->count++];
	e->hash = hash;
	e->key = xmalloc(key_len ? key_len : 1);
	memcpy(e->key, key, key_len);
	e->key_len = key_len;
	e->data = xmalloc(len ? len : 1);
	memcpy(e->data, data, len);
	e->len = len;
	e->made_at = now;
	e->expires_at = expires_at;
	e->used = ++c->tick;
	c->stats.bytes += size;
	c->stats.entries = c->count;
	c->stats.stores++;
	return true;
}

struct page_cache_stats page_cache_stats(const struct page_cache *c)
{
	struct page_cache_stats none = { 0 };
	return c ? c->stats : none;
}

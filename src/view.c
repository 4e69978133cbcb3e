/* view: the view model — typed nodes in a request arena; maps keep insertion order. */
#include "view.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define VIEW_MIN_CAP 8

struct view_pair {
	const char *key;
	size_t klen;
	uint32_t hash; /* of key, to skip most comparisons */
	struct view *value;
};

struct view {
	enum view_type type;
	union {
		bool b;
		long long i;
		double d;
		struct {
			const char *s;
			size_t len;
		} str;
		struct {
			struct view **items;
			size_t len, cap;
			struct arena *a; /* where items grows */
		} list;
		struct {
			struct view_pair *pairs; /* in insertion order */
			size_t len, cap;
			struct arena *a; /* where pairs grows */
		} map;
	} u;
};

/* FNV-1a of the NUL-terminated key; its length in *len. */
static uint32_t key_hash(const char *key, size_t *len)
{
	uint32_t h = 2166136261u;
	const unsigned char *p = (const unsigned char *)key;
	for (; *p; p++)
		h = (h ^ *p) * 16777619u;
	*len = (size_t)(p - (const unsigned char *)key);
	return h;
}

static struct view *node(struct arena *a, enum view_type type)
{
	struct view *v = arena_alloc(a, sizeof *v);
	v->type = type;
	return v;
}

struct view *view_null(struct arena *a)
{
	return node(a, VIEW_NULL);
}

struct view *view_bool(struct arena *a, bool value)
{
	struct view *v = node(a, VIEW_BOOL);
	v->u.b = value;
	return v;
}

struct view *view_int(struct arena *a, long long value)
{
	struct view *v = node(a, VIEW_INT);
	v->u.i = value;
	return v;
}

struct view *view_double(struct arena *a, double value)
{
	struct view *v = node(a, VIEW_DOUBLE);
	v->u.d = value;
	return v;
}

struct view *view_str(struct arena *a, const char *s)
{
	return view_strn(a, s ? s : "", s ? strlen(s) : 0);
}

struct view *view_strn(struct arena *a, const char *s, size_t n)
{
	struct view *v = node(a, VIEW_STRING);
	v->u.str.s = arena_strndup(a, s, n);
	v->u.str.len = n;
	return v;
}

struct view *view_list(struct arena *a)
{
	struct view *v = node(a, VIEW_LIST);
	v->u.list.a = a;
	return v;
}

struct view *view_map(struct arena *a)
{
	struct view *v = node(a, VIEW_MAP);
	v->u.map.a = a;
	return v;
}

/* Index of key in map, or -1. */
static long find_pair(const struct view *map, const char *key, size_t klen, uint32_t hash)
{
	const struct view_pair *p = map->u.map.pairs;
	for (size_t i = 0; i < map->u.map.len; i++)
		if (p[i].hash == hash && p[i].klen == klen && memcmp(p[i].key, key, klen) == 0)
			return (long)i;
	return -1;
}

void view_set(struct view *map, const char *key, struct view *value)
{
	if (!map || map->type != VIEW_MAP || !key)
		abort();
	struct arena *a = map->u.map.a;
	if (!value)
		value = view_null(a);
	size_t klen;
	uint32_t hash = key_hash(key, &klen);
	long at = find_pair(map, key, klen, hash);
	if (at >= 0) {
		map->u.map.pairs[at].value = value;
		return;
	}
	if (map->u.map.len == map->u.map.cap) {
		/* The arena cannot grow in place: copy to a block twice the size (amortised O(1)). */
		size_t cap = map->u.map.cap ? map->u.map.cap * 2 : VIEW_MIN_CAP;
		struct view_pair *p = arena_calloc(a, cap, sizeof *p);
		if (map->u.map.len)
			memcpy(p, map->u.map.pairs, map->u.map.len * sizeof *p);
		map->u.map.pairs = p;
		map->u.map.cap = cap;
	}
	struct view_pair *p = &map->u.map.pairs[map->u.map.len++];
	p->key = arena_strndup(a, key, klen);
	p->klen = klen;
	p->hash = hash;
	p->value = value;
}

void view_set_str(struct view *map, const char *key, const char *s)
{
	if (!map || map->type != VIEW_MAP)
		abort();
	view_set(map, key, view_str(map->u.map.a, s));
}

void view_set_int(struct view *map, const char *key, long long value)
{
	if (!map || map->type != VIEW_MAP)
		abort();
	view_set(map, key, view_int(map->u.map.a, value));
}

void view_set_bool(struct view *map, const char *key, bool value)
{
	if (!map || map->type != VIEW_MAP)
		abort();
	view_set(map, key, view_bool(map->u.map.a, value));
}

void view_push(struct view *list, struct view *value)
{
	if (!list || list->type != VIEW_LIST)
		abort();
	struct arena *a = list->u.list.a;
	if (!value)
		value = view_null(a);
	if (list->u.list.len == list->u.list.cap) {
		size_t cap = list->u.list.cap ? list->u.list.cap * 2 : VIEW_MIN_CAP;
		struct view **items = arena_calloc(a, cap, sizeof *items);
		if (list->u.list.len)
			memcpy(items, list->u.list.items, list->u.list.len * sizeof *items);
		list->u.list.items = items;
		list->u.list.cap = cap;
	}
	list->u.list.items[list->u.list.len++] = value;
}

enum view_type view_type(const struct view *v)
{
	return v ? v->type : VIEW_NULL;
}

struct view *view_get(const struct view *map, const char *key)
{
	if (!map || map->type != VIEW_MAP || !key)
		return NULL;
	size_t klen;
	uint32_t hash = key_hash(key, &klen);
	long at = find_pair(map, key, klen, hash);
	return at >= 0 ? map->u.map.pairs[at].value : NULL;
}

size_t view_len(const struct view *v)
{
	if (!v)
		return 0;
	if (v->type == VIEW_LIST)
		return v->u.list.len;
	if (v->type == VIEW_MAP)
		return v->u.map.len;
	return 0;
}

struct view *view_at(const struct view *list, size_t i)
{
	if (!list || list->type != VIEW_LIST || i >= list->u.list.len)
		return NULL;
	return list->u.list.items[i];
}

const char *view_string(const struct view *v, size_t *len)
{
	if (!v || v->type != VIEW_STRING) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = v->u.str.len;
	return v->u.str.s;
}

bool view_boolean(const struct view *v)
{
	return v && v->type == VIEW_BOOL && v->u.b;
}

long long view_integer(const struct view *v)
{
	return v && v->type == VIEW_INT ? v->u.i : 0;
}

double view_real(const struct view *v)
{
	return v && v->type == VIEW_DOUBLE ? v->u.d : 0.0;
}

bool view_truthy(const struct view *v)
{
	if (!v)
		return false;
	switch (v->type) {
	case VIEW_NULL:
		return false;
	case VIEW_BOOL:
		return v->u.b;
	case VIEW_LIST:
		return v->u.list.len > 0;
	default:
		return true;
	}
}

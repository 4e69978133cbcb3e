/* view: the view model a page fills and a template renders — maps, lists, strings, numbers,
 * booleans — all allocated in the request's arena. */
#ifndef TRACKPRO_VIEW_H
#define TRACKPRO_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

enum view_type {
	VIEW_NULL,
	VIEW_BOOL,
	VIEW_INT,
	VIEW_DOUBLE,
	VIEW_STRING,
	VIEW_LIST,
	VIEW_MAP,
	VIEW__MAX
};

struct view;

/* Constructors: each returns a node allocated in a (never NULL). Strings are copied. */
struct view *view_null(struct arena *a);
struct view *view_bool(struct arena *a, bool value);
struct view *view_int(struct arena *a, long long value);
struct view *view_double(struct arena *a, double value);
struct view *view_str(struct arena *a, const char *s);
struct view *view_strn(struct arena *a, const char *s, size_t n);
struct view *view_list(struct arena *a);
struct view *view_map(struct arena *a);

/* Sets key in map (replacing an earlier value of that key); key is copied. map must be VIEW_MAP. */
void view_set(struct view *map, const char *key, struct view *value);
/* Shorthands for view_set with a new string, integer or boolean node. */
void view_set_str(struct view *map, const char *key, const char *s);
void view_set_int(struct view *map, const char *key, long long value);
void view_set_bool(struct view *map, const char *key, bool value);
/* Appends value to list (must be VIEW_LIST). */
void view_push(struct view *list, struct view *value);

/* Returns the node's type. */
enum view_type view_type(const struct view *v);
/* Returns the value of key in map, or NULL when map is not a map or has no such key. */
struct view *view_get(const struct view *map, const char *key);
/* Number of items of a list or keys of a map; 0 for scalars. */
size_t view_len(const struct view *v);
/* Item i of a list (NULL when out of range or not a list). */
struct view *view_at(const struct view *list, size_t i);
/* The string of a VIEW_STRING node (NULL for other types); its length in *len when len != NULL. */
const char *view_string(const struct view *v, size_t *len);
/* The value of a VIEW_BOOL node (false for other types). */
bool view_boolean(const struct view *v);
/* The value of a VIEW_INT node (0 for other types). */
long long view_integer(const struct view *v);
/* The value of a VIEW_DOUBLE node (0.0 for other types). */
double view_real(const struct view *v);
/* Mustache truthiness: false for a NULL pointer, null, false and empty lists; every other
 * value (including "" and 0) is truthy, as the specification's sections tests require. */
bool view_truthy(const struct view *v);

#endif

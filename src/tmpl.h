/* tmpl: our Mustache engine — templates compiled once at start-up, rendered per request
 * against a view model. Follows the Mustache specification v1.x (core modules plus
 * ~inheritance); lambdas and dynamic names are not supported. */
#ifndef TRACKPRO_TMPL_H
#define TRACKPRO_TMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "view.h"

struct tmpl_set;

/* Returns a new, empty set of templates; free with tmpl_set_free. */
struct tmpl_set *tmpl_set_new(void);
/* Frees the set and all its compiled templates. */
void tmpl_set_free(struct tmpl_set *set);

/* Parses and adds template `name` from source[0..len) (copied). `origin` names the source in
 * error messages (a file path, or NULL to use name). Returns 0, or -1 with a message
 * "origin:line:column: what" appended to err (unclosed tag or section, mismatched close,
 * bad delimiter change, duplicate name). */
int tmpl_set_add(struct tmpl_set *set, const char *name, const char *source, size_t len,
		 const char *origin, struct buf *err);

/* Loads every "*.mustache" in dir and in dir/partials; each template is named by its file name
 * without the extension ("layout", "error", "nav"). Then links the set strictly (see
 * tmpl_set_link). Returns 0, or -1 with the reasons in err. */
int tmpl_set_load_dir(struct tmpl_set *set, const char *dir, struct buf *err);

/* Resolves every partial ({{>name}}) and parent ({{<name}}) reference. strict: a missing one is
 * an error "origin:line:column: missing partial 'name'" (what the server wants at start-up);
 * not strict: it renders as the empty string (what the Mustache spec wants). Returns 0 or -1. */
int tmpl_set_link(struct tmpl_set *set, bool strict, struct buf *err);

/* Returns true when the set has a template of that name. */
bool tmpl_set_has(const struct tmpl_set *set, const char *name);

/* Renders template `name` against ctx (the root context; may be NULL), appending to out.
 * HTML-escapes & < > " ' in {{x}} interpolations. Partial/parent nesting deeper than
 * TMPL_MAX_DEPTH stops with an error. Returns 0, or -1 with a message in err (unknown
 * template, depth exceeded); out may then hold partial output the caller discards. */
int tmpl_render(const struct tmpl_set *set, const char *name, const struct view *ctx,
		struct buf *out, struct buf *err);

#define TMPL_MAX_DEPTH 64

/* Appends s[0..len) to out, escaping & < > " ' as HTML entities. */
void tmpl_escape_html(struct buf *out, const char *s, size_t len);

#endif

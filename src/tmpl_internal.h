/* tmpl_internal: the compiled form of templates, shared by the parser and the renderer. */
#ifndef TRACKPRO_TMPL_INTERNAL_H
#define TRACKPRO_TMPL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "tmpl.h"

enum node_kind {
	NODE_TEXT,     /* literal text */
	NODE_LINE,     /* a template line starts: emit the current indentation */
	NODE_VAR,      /* {{x}}: escaped interpolation */
	NODE_RAW,      /* {{{x}}} or {{&x}}: unescaped interpolation */
	NODE_SECTION,  /* {{#x}}…{{/x}}; children: the content */
	NODE_INVERTED, /* {{^x}}…{{/x}}; children: the content */
	NODE_PARTIAL,  /* {{>x}} */
	NODE_PARENT,   /* {{<x}}…{{/x}}; children: the overriding blocks, nothing else */
	NODE_BLOCK,    /* {{$x}}…{{/x}}; children: the default (or overriding) content */
	NODE__MAX
};

/* One node of a compiled template. A template is a flat array in document order: a node with
 * children is followed by them, and skip counts the node and all its descendants, so the
 * children of n are n + 1 up to n + n->skip. */
struct node {
	enum node_kind kind;
	bool standalone;      /* partial, parent, block: alone on its line, so text is indentation */
	uint32_t skip;        /* 1 for a node without children */
	uint32_t line, col;   /* position of the tag in its source, for messages */
	const char *text;     /* text: the bytes (in the template's source); partial, parent,
	                       * block: the indentation added to each line when standalone */
	size_t len;           /* length of text */
	const char *name;     /* tag name, NUL-terminated */
	const char **parts;   /* var, raw, section, inverted: name split at dots; NULL for "." */
	size_t nparts;
	const struct tmpl *target; /* partial, parent: the named template once linked, else NULL */
};

/* One compiled template. Everything it points to lives in its set's arena. */
struct tmpl {
	const char *name;
	const char *origin; /* for messages */
	const char *src;    /* the source copy text nodes point into */
	struct node *nodes;
	size_t nnodes;
};

struct tmpl_set {
	struct tmpl **v; /* in the order added */
	size_t n, cap;
	struct arena arena; /* templates, sources, nodes, names */
};

/* Compiles t->src[0..len) into t->nodes, allocating in a. Returns 0, or -1 with messages
 * "origin:line:column: what\n" appended to err. */
int tmpl_compile(struct tmpl *t, size_t len, struct arena *a, struct buf *err);

/* Returns the template of that name in set, or NULL. */
const struct tmpl *tmpl_find(const struct tmpl_set *set, const char *name);

#endif

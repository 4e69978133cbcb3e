/* tmpl_render: renders compiled templates against a view model. */
#include "tmpl_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#define CTX_INLINE 32

/* The state of one tmpl_render call. */
struct rstate {
	const struct tmpl_set *set;
	struct buf *out;
	struct buf *err;
	const struct view **ctx; /* context stack, innermost last */
	size_t nctx, ctxcap;
	const struct view *ctx_inline[CTX_INLINE];
	/* Parent tags being expanded, outermost first: their blocks override blocks of that name
	 * anywhere below (the outermost override wins, as the ~inheritance spec requires). */
	const struct node *frames[TMPL_MAX_DEPTH + 1];
	const struct tmpl *frame_tmpl[TMPL_MAX_DEPTH + 1];
	size_t nframes;
	struct buf indent; /* the current indentation is indent.data[ibase..indent.len) */
	size_t ibase;
	int depth; /* partial, parent and override expansions in progress */
};

static int render_nodes(struct rstate *st, const struct tmpl *t, const struct node *n,
			const struct node *end);

void tmpl_escape_html(struct buf *out, const char *s, size_t len)
{
	size_t run = 0;
	buf_reserve(out, len);
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(out, s + run, i - run);
		buf_puts(out, rep);
		run = i + 1;
	}
	buf_append(out, s + run, len - run);
}

/* Appends the shortest of %.15g, %.16g, %.17g that reads back as d. */
static void put_double(struct buf *out, double d)
{
	char tmp[40];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, d);
		if (prec == 17 || strtod(tmp, NULL) == d)
			break;
	}
	buf_puts(out, tmp);
}

/* Appends the text of a scalar value; null, lists and maps print nothing. */
static void put_value(struct rstate *st, const struct view *v, bool escape)
{
	char tmp[32];
	switch (view_type(v)) {
	case VIEW_STRING: {
		size_t len;
		const char *s = view_string(v, &len);
		if (escape)
			tmpl_escape_html(st->out, s, len);
		else
			buf_append(st->out, s, len);
		break;
	}
	case VIEW_INT:
		snprintf(tmp, sizeof tmp, "%lld", view_integer(v));
		buf_puts(st->out, tmp);
		break;
	case VIEW_DOUBLE:
		put_double(st->out, view_real(v));
		break;
	case VIEW_BOOL:
		buf_puts(st->out, view_boolean(v) ? "true" : "false");
		break;
	default:
		break;
	}
}

/* Resolves the name of n: "." is the innermost context; otherwise the first part is looked up
 * from the innermost context outwards, and the other parts inside what it found. */
static const struct view *lookup(const struct rstate *st, const struct node *n)
{
	if (!n->parts)
		return st->nctx ? st->ctx[st->nctx - 1] : NULL;
	const struct view *v = NULL;
	for (size_t i = st->nctx; i-- > 0;)
		if ((v = view_get(st->ctx[i], n->parts[0])) != NULL)
			break;
	for (size_t k = 1; v && k < n->nparts; k++)
		v = view_get(v, n->parts[k]);
	return v;
}

static void push_ctx(struct rstate *st, const struct view *v)
{
	if (st->nctx == st->ctxcap) {
		size_t cap = st->ctxcap * 2;
		if (st->ctx == st->ctx_inline) {
			st->ctx = xmalloc(cap * sizeof *st->ctx);
			memcpy(st->ctx, st->ctx_inline, sizeof st->ctx_inline);
		} else {
			st->ctx = xrealloc(st->ctx, cap * sizeof *st->ctx);
		}
		st->ctxcap = cap;
	}
	st->ctx[st->nctx++] = v;
}

static int render_section(struct rstate *st, const struct tmpl *t, const struct node *n)
{
	const struct view *v = lookup(st, n);
	if (!view_truthy(v))
		return 0;
	int rc = 0;
	if (view_type(v) == VIEW_LIST) {
		size_t len = view_len(v);
		for (size_t i = 0; i < len && rc == 0; i++) {
			push_ctx(st, view_at(v, i));
			rc = render_nodes(st, t, n + 1, n + n->skip);
			st->nctx--;
		}
	} else {
		push_ctx(st, v);
		rc = render_nodes(st, t, n + 1, n + n->skip);
		st->nctx--;
	}
	return rc;
}

/* Renders nodes [first, end) of template t one expansion level deeper. Standalone n: its
 * indentation is added to the current one; otherwise, when fresh, the lines rendered start
 * without indentation (they come from another template, not from this line). */
static int expand(struct rstate *st, const struct tmpl *caller, const struct node *n,
		  const struct tmpl *t, const struct node *first, const struct node *end, bool fresh)
{
	if (st->depth >= TMPL_MAX_DEPTH) {
		buf_printf(st->err, "%s:%u:%u: templates nested deeper than %d levels at '%s'\n",
			   caller->origin, n->line, n->col, TMPL_MAX_DEPTH, n->name);
		return -1;
	}
	size_t base = st->ibase, len = st->indent.len;
	if (n->standalone)
		buf_append(&st->indent, n->text, n->len);
	else if (fresh)
		st->ibase = st->indent.len;
	st->depth++;
	int rc = render_nodes(st, t, first, end);
	st->depth--;
	st->ibase = base;
	st->indent.len = len;
	if (st->indent.data)
		st->indent.data[len] = '\0';
	return rc;
}

/* Renders a partial or parent tag; a missing template renders as nothing. */
static int render_include(struct rstate *st, const struct tmpl *caller, const struct node *n)
{
	const struct tmpl *t = n->target ? n->target : tmpl_find(st->set, n->name);
	if (!t)
		return 0;
	/* expand fails before going deeper when the depth is exhausted, so frames never overflow */
	bool framed = n->kind == NODE_PARENT && st->depth < TMPL_MAX_DEPTH;
	if (framed) {
		st->frames[st->nframes] = n;
		st->frame_tmpl[st->nframes++] = caller;
	}
	int rc = expand(st, caller, n, t, t->nodes, t->nodes + t->nnodes, true);
	if (framed)
		st->nframes--;
	return rc;
}

/* Renders a block: the outermost override of its name, else its own content. */
static int render_block(struct rstate *st, const struct tmpl *t, const struct node *n)
{
	for (size_t i = 0; i < st->nframes; i++) {
		const struct node *p = st->frames[i];
		for (const struct node *b = p + 1; b < p + p->skip; b += b->skip)
			if (strcmp(b->name, n->name) == 0)
				return expand(st, t, n, st->frame_tmpl[i], b + 1, b + b->skip, true);
	}
	if (!n->standalone)
		return render_nodes(st, t, n + 1, n + n->skip);
	size_t len = st->indent.len;
	buf_append(&st->indent, n->text, n->len);
	int rc = render_nodes(st, t, n + 1, n + n->skip);
	st->indent.len = len;
	if (st->indent.data)
		st->indent.data[len] = '\0';
	return rc;
}

static int render_nodes(struct rstate *st, const struct tmpl *t, const struct node *n,
			const struct node *end)
{
	int rc = 0;
	for (; n < end && rc == 0; n += n->skip) {
		switch (n->kind) {
		case NODE_TEXT:
			buf_append(st->out, n->text, n->len);
			break;
		case NODE_LINE:
			if (st->indent.len > st->ibase)
				buf_append(st->out, st->indent.data + st->ibase,
					   st->indent.len - st->ibase);
			break;
		case NODE_VAR:
		case NODE_RAW:
			put_value(st, lookup(st, n), n->kind == NODE_VAR);
			break;
		case NODE_SECTION:
			rc = render_section(st, t, n);
			break;
		case NODE_INVERTED:
			if (!view_truthy(lookup(st, n)))
				rc = render_nodes(st, t, n + 1, n + n->skip);
			break;
		case NODE_PARTIAL:
		case NODE_PARENT:
			rc = render_include(st, t, n);
			break;
		case NODE_BLOCK:
			rc = render_block(st, t, n);
			break;
		case NODE__MAX:
			break;
		}
	}
	return rc;
}

int tmpl_render(const struct tmpl_set *set, const char *name, const struct view *ctx,
		struct buf *out, struct buf *err)
{
	const struct tmpl *t = tmpl_find(set, name);
	if (!t) {
		buf_printf(err, "unknown template '%s'\n", name);
		return -1;
	}
	struct rstate st = {
		.set = set,
		.out = out,
		.err = err,
		.ctxcap = CTX_INLINE,
	};
	st.ctx = st.ctx_inline;
	buf_init(&st.indent);
	if (ctx)
		push_ctx(&st, ctx);
	int rc = render_nodes(&st, t, t->nodes, t->nodes + t->nnodes);
	if (st.ctx != st.ctx_inline)
		free(st.ctx);
	buf_free(&st.indent);
	return rc;
}

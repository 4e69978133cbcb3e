/* tmpl_parse: compiles Mustache source into the flat node arrays of tmpl_internal.h, and
 * builds template sets (add, load a directory, link). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "tmpl_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xmalloc.h"

enum tok_kind {
	TOK_VAR,
	TOK_RAW,
	TOK_SECTION,
	TOK_INVERTED,
	TOK_CLOSE,
	TOK_COMMENT,
	TOK_PARTIAL,
	TOK_DELIM,
	TOK_PARENT,
	TOK_BLOCK
};

/* One tag found by the first pass. Source bytes before cut and from resume on are kept as
 * text; a standalone line moves cut back to the line start and resume past the newline. */
struct tok {
	enum tok_kind kind;
	size_t start, end;   /* the tag, delimiters included */
	size_t nstart, nend; /* its name, trimmed */
	size_t cut, resume;
	size_t ws, wsend;    /* standalone: the line's leading whitespace */
	size_t match;        /* open tag: index of its close tag; close tag: of its open tag */
	bool standalone;
};

/* How the second pass treats what it meets. */
enum mode {
	MODE_EMIT,    /* make nodes */
	MODE_BODY,    /* directly inside a parent tag: keep only blocks */
	MODE_DISCARD, /* inside something dropped: make nothing */
};

struct parser {
	const char *src;
	size_t len;
	const char *origin;
	struct buf *err;
	struct arena *a;
	struct tok *toks;
	size_t ntok, tcap;
	struct node *nodes;
	size_t nnodes, ncap;
	size_t pos;                   /* first source byte not yet turned into nodes */
	size_t lc_pos, lc_line, lc_bol; /* line/column cache: lc_pos is on line lc_line */
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* True when pos starts a source line. */
static bool is_bol(const struct parser *p, size_t pos)
{
	return pos == 0 || p->src[pos - 1] == '\n';
}

/* Line and column (from 1) of pos; cheap when called with increasing positions. */
static void linecol(struct parser *p, size_t pos, uint32_t *line, uint32_t *col)
{
	if (pos < p->lc_pos) {
		p->lc_pos = 0;
		p->lc_line = 1;
		p->lc_bol = 0;
	}
	for (; p->lc_pos < pos; p->lc_pos++) {
		if (p->src[p->lc_pos] == '\n') {
			p->lc_line++;
			p->lc_bol = p->lc_pos + 1;
		}
	}
	*line = (uint32_t)p->lc_line;
	*col = (uint32_t)(pos - p->lc_bol + 1);
}

/* Appends "origin:line:column: <fmt>\n" to the error buffer; returns -1. */
__attribute__((format(printf, 3, 4))) static int fail(struct parser *p, size_t pos,
						       const char *fmt, ...)
{
	uint32_t line, col;
	linecol(p, pos, &line, &col);
	buf_printf(p->err, "%s:%u:%u: ", p->origin, line, col);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(p->err, fmt, ap);
	va_end(ap);
	buf_putc(p->err, '\n');
	return -1;
}

/* Position of the first occurrence of s[0..n) at or after from, or SIZE_MAX. */
static size_t find(const struct parser *p, size_t from, const char *s, size_t n)
{
	while (from + n <= p->len) {
		const char *q = memchr(p->src + from, s[0], p->len - from - n + 1);
		if (!q)
			break;
		size_t at = (size_t)(q - p->src);
		if (memcmp(q, s, n) == 0)
			return at;
		from = at + 1;
	}
	return SIZE_MAX;
}

/* Like find, but the match must also be preceded by the byte c at or after from; returns
 * the position of c. Finds "}" + "}}" and "=" + "}}" for any closing delimiter. */
static size_t find_after(const struct parser *p, size_t from, char c, const char *s, size_t n)
{
	for (size_t at = from + 1; (at = find(p, at, s, n)) != SIZE_MAX; at++)
		if (p->src[at - 1] == c)
			return at - 1;
	return SIZE_MAX;
}

static struct tok *new_tok(struct parser *p)
{
	if (p->ntok == p->tcap) {
		p->tcap = p->tcap ? p->tcap * 2 : 32;
		p->toks = xrealloc(p->toks, p->tcap * sizeof *p->toks);
	}
	struct tok *t = &p->toks[p->ntok++];
	memset(t, 0, sizeof *t);
	return t;
}

/* Parses the new delimiters of a {{=a b=}} tag whose content is src[from..to). */
static int set_delims(struct parser *p, size_t from, size_t to, size_t *o, size_t *olen, size_t *c,
		      size_t *clen)
{
	const char *s = p->src;
	while (from < to && is_space(s[from]))
		from++;
	size_t a = from;
	while (from < to && !is_space(s[from]) && s[from] != '=')
		from++;
	size_t alen = from - a;
	while (from < to && is_space(s[from]))
		from++;
	size_t b = from;
	while (from < to && !is_space(s[from]) && s[from] != '=')
		from++;
	size_t blen = from - b;
	while (from < to && is_space(s[from]))
		from++;
	if (!alen || !blen || from != to)
		return -1;
	*o = a;
	*olen = alen;
	*c = b;
	*clen = blen;
	return 0;
}

/* First pass: finds every tag, applying delimiter changes, and pairs sections with their
 * close tags. */
static int tokenize(struct parser *p)
{
	static const char dflt_o[] = "{{", dflt_c[] = "}}";
	const char *o = dflt_o, *c = dflt_c;
	size_t olen = 2, clen = 2, pos = 0, nopen = 0;
	size_t *open = NULL; /* stack of open section-like tokens */
	int rc = -1;

	while (pos < p->len) {
		size_t start = find(p, pos, o, olen);
		if (start == SIZE_MAX)
			break;
		size_t q = start + olen, e;
		enum tok_kind kind = TOK_VAR;
		char sigil = q < p->len ? p->src[q] : '\0';
		switch (sigil) {
		case '{': kind = TOK_RAW; break;
		case '&': kind = TOK_RAW; break;
		case '#': kind = TOK_SECTION; break;
		case '^': kind = TOK_INVERTED; break;
		case '/': kind = TOK_CLOSE; break;
		case '!': kind = TOK_COMMENT; break;
		case '>': kind = TOK_PARTIAL; break;
		case '=': kind = TOK_DELIM; break;
		case '<': kind = TOK_PARENT; break;
		case '$': kind = TOK_BLOCK; break;
		default: break;
		}
		if (kind != TOK_VAR)
			q++;
		size_t tail = 0; /* bytes between the name and the closing delimiter */
		if (sigil == '{' || sigil == '=') {
			e = find_after(p, q, sigil == '{' ? '}' : '=', c, clen);
			tail = 1;
		} else {
			e = find(p, q, c, clen);
		}
		if (e == SIZE_MAX) {
			fail(p, start, "unclosed tag");
			goto out;
		}
		struct tok *t = new_tok(p);
		t->kind = kind;
		t->start = start;
		t->end = e + tail + clen;
		t->cut = t->start;
		t->resume = t->end;
		t->nstart = q;
		t->nend = e;
		while (t->nstart < t->nend && is_space(p->src[t->nstart]))
			t->nstart++;
		while (t->nend > t->nstart && is_space(p->src[t->nend - 1]))
			t->nend--;
		pos = t->end;
		if (kind == TOK_DELIM) {
			size_t no, nc;
			if (set_delims(p, q, e, &no, &olen, &nc, &clen) < 0) {
				fail(p, start, "bad set-delimiter tag");
				goto out;
			}
			o = p->src + no;
			c = p->src + nc;
			continue;
		}
		if (kind == TOK_COMMENT)
			continue;
		if (t->nstart == t->nend) {
			fail(p, start, "empty tag name");
			goto out;
		}
		size_t i = p->ntok - 1;
		if (kind == TOK_SECTION || kind == TOK_INVERTED || kind == TOK_PARENT ||
		    kind == TOK_BLOCK) {
			open = xrealloc(open, (nopen + 1) * sizeof *open);
			open[nopen++] = i;
		} else if (kind == TOK_CLOSE) {
			size_t n = t->nend - t->nstart;
			const char *name = p->src + t->nstart;
			if (!nopen) {
				fail(p, start, "unexpected close tag '%.*s'", (int)n, name);
				goto out;
			}
			struct tok *ot = &p->toks[open[nopen - 1]];
			if (ot->nend - ot->nstart != n || memcmp(p->src + ot->nstart, name, n) != 0) {
				fail(p, start, "mismatched close tag '%.*s', expected '%.*s'", (int)n,
				     name, (int)(ot->nend - ot->nstart), p->src + ot->nstart);
				goto out;
			}
			ot->match = i;
			t->match = open[--nopen];
		}
	}
	if (nopen) {
		struct tok *ot = &p->toks[open[nopen - 1]];
		fail(p, ot->start, "unclosed section '%.*s'", (int)(ot->nend - ot->nstart),
		     p->src + ot->nstart);
		goto out;
	}
	rc = 0;
out:
	free(open);
	return rc;
}

/* Start of the line holding pos when only blanks precede pos on it, else SIZE_MAX. */
static size_t ws_before(const struct parser *p, size_t pos)
{
	while (pos > 0 && is_blank(p->src[pos - 1]))
		pos--;
	return pos == 0 || p->src[pos - 1] == '\n' ? pos : SIZE_MAX;
}

/* When only blanks and a line end (or the end) follow pos, returns where the next line starts
 * and sets *nl to where the line end starts; else SIZE_MAX. */
static size_t ws_after(const struct parser *p, size_t pos, size_t *nl)
{
	while (pos < p->len && is_blank(p->src[pos]))
		pos++;
	*nl = pos;
	if (pos == p->len)
		return pos;
	if (p->src[pos] == '\n')
		return pos + 1;
	if (p->src[pos] == '\r' && pos + 1 < p->len && p->src[pos + 1] == '\n')
		return pos + 2;
	return SIZE_MAX;
}

/* True for parent and block tags and their close tags. */
static bool is_inheritance(const struct parser *p, const struct tok *t)
{
	if (t->kind == TOK_CLOSE)
		t = &p->toks[t->match];
	return t->kind == TOK_PARENT || t->kind == TOK_BLOCK;
}

/* Marks standalone tags. A tag other than an interpolation is standalone when it is alone on
 * its line with blanks. Parent and block tags may share such a line when they touch: the
 * ~inheritance spec treats "{{<p}}{{/p}}", "{{<p}}{{$b}}", "{{/b}}{{/p}}" and "{{$b}}{{/b}}"
 * lines as standalone; the last keeps its line end, as the block's empty content stands in
 * for the line. */
static void mark_standalone(struct parser *p)
{
	for (size_t i = 0, j; i < p->ntok; i = j + 1) {
		for (j = i; j + 1 < p->ntok && p->toks[j].end == p->toks[j + 1].start; j++)
			;
		bool ok;
		if (i == j) {
			ok = p->toks[i].kind != TOK_VAR && p->toks[i].kind != TOK_RAW;
		} else {
			ok = true;
			for (size_t k = i; k <= j && ok; k++)
				ok = is_inheritance(p, &p->toks[k]);
		}
		if (!ok)
			continue;
		size_t nl, ls = ws_before(p, p->toks[i].start), le = ws_after(p, p->toks[j].end, &nl);
		if (ls == SIZE_MAX || le == SIZE_MAX)
			continue;
		for (size_t k = i; k <= j; k++) {
			p->toks[k].standalone = true;
			p->toks[k].ws = ls;
			p->toks[k].wsend = p->toks[i].start;
		}
		p->toks[i].cut = ls;
		bool empty_block = j == i + 1 && p->toks[i].kind == TOK_BLOCK && p->toks[i].match == j;
		p->toks[j].resume = empty_block ? nl : le;
	}
}

static struct node *new_node(struct parser *p, enum node_kind kind)
{
	if (p->nnodes == p->ncap) {
		p->ncap = p->ncap ? p->ncap * 2 : 32;
		p->nodes = xrealloc(p->nodes, p->ncap * sizeof *p->nodes);
	}
	struct node *n = &p->nodes[p->nnodes++];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->skip = 1;
	return n;
}

static void add_text(struct parser *p, size_t from, size_t to)
{
	struct node *n = new_node(p, NODE_TEXT);
	n->text = p->src + from;
	n->len = to - from;
}

/* Adds the text src[from..to). Each line start gets a NODE_LINE after `strip` leading blanks
 * are dropped (the dedent of an enclosing standalone block); inside such a block, lines of
 * nothing but blanks are kept as bare line ends, without indentation. */
static void text(struct parser *p, size_t from, size_t to, size_t strip, bool region)
{
	const char *s = p->src;
	size_t q = from;
	while (q < to) {
		const char *nl = memchr(s + q, '\n', to - q);
		size_t e = nl ? (size_t)(nl - s) + 1 : to;
		if (is_bol(p, q)) {
			size_t w = q;
			while (w < e && is_blank(s[w]))
				w++;
			if (region && w < e &&
			    (s[w] == '\n' || (s[w] == '\r' && w + 1 < e && s[w + 1] == '\n'))) {
				add_text(p, w, e);
				q = e;
				continue;
			}
			q += w - q < strip ? w - q : strip;
			new_node(p, NODE_LINE);
		}
		if (e > q)
			add_text(p, q, e);
		q = e;
	}
}

/* Adds a tag node named by t, with its position and, for interpolations and sections, the
 * name split at dots. */
static struct node *tag_node(struct parser *p, enum node_kind kind, const struct tok *t)
{
	size_t n = t->nend - t->nstart;
	char *name = arena_strndup(p->a, p->src + t->nstart, n);
	struct node *nd = new_node(p, kind);
	nd->name = name;
	linecol(p, t->start, &nd->line, &nd->col);
	if (kind == NODE_VAR || kind == NODE_RAW || kind == NODE_SECTION || kind == NODE_INVERTED) {
		if (strcmp(name, ".") == 0)
			return nd;
		size_t parts = 1;
		for (const char *c = name; *c; c++)
			parts += *c == '.';
		nd->parts = arena_calloc(p->a, parts, sizeof *nd->parts);
		for (char *c = name, *dot;; c = dot + 1) {
			dot = strchr(c, '.');
			nd->parts[nd->nparts++] = arena_strndup(p->a, c, dot ? (size_t)(dot - c) : strlen(c));
			if (!dot)
				break;
		}
	}
	return nd;
}

/* Sets the indentation of a standalone partial, parent or block: its line's leading blanks,
 * less the `strip` an enclosing block's dedent removes. */
static void set_indent(struct parser *p, struct node *nd, const struct tok *t, size_t strip)
{
	nd->standalone = true;
	size_t from = t->ws + strip;
	nd->text = p->src + t->ws;
	if (from <= t->wsend) {
		nd->text = p->src + from;
		nd->len = t->wsend - from;
	}
}

/* The common leading blanks of the non-blank lines that start inside src[from..to) (its
 * margin, as textwrap.dedent finds it): sets *at and *len and returns true, or returns false
 * when there is no such line. */
static bool margin(const struct parser *p, size_t from, size_t to, size_t *at, size_t *len)
{
	const char *s = p->src;
	bool found = false;
	for (size_t q = from; q < to;) {
		const char *nl = memchr(s + q, '\n', to - q);
		size_t e = nl ? (size_t)(nl - s) + 1 : to;
		size_t w = q;
		while (w < e && is_blank(s[w]))
			w++;
		bool blank = w == e || s[w] == '\n' || (s[w] == '\r' && w + 1 < e && s[w + 1] == '\n');
		if (is_bol(p, q) && !blank) {
			if (!found) {
				*at = q;
				*len = w - q;
				found = true;
			} else {
				size_t k = 0;
				while (k < *len && k < w - q && s[*at + k] == s[q + k])
					k++;
				*len = k;
			}
		}
		q = e;
	}
	return found;
}

static void build(struct parser *p, size_t *ti, enum mode mode, size_t strip, bool region);

/* Builds the children of the open tag just consumed (whose node, when made, is at index at),
 * then consumes its close tag. */
static void children(struct parser *p, size_t *ti, size_t at, enum mode mode, size_t strip,
		     bool region)
{
	build(p, ti, mode, strip, region);
	p->pos = p->toks[*ti].resume;
	(*ti)++;
	if (at != SIZE_MAX)
		p->nodes[at].skip = (uint32_t)(p->nnodes - at);
}

/* Handles a block tag: a standalone block's content is dedented by its margin, and its
 * indentation is that margin (or, when the content has none, the tag's own). */
static void block(struct parser *p, size_t *ti, const struct tok *t, enum mode mode, size_t strip,
		  bool region)
{
	size_t at = SIZE_MAX, inner = strip;
	struct node *nd = NULL;
	if (mode != MODE_DISCARD) {
		if (mode == MODE_EMIT && !t->standalone && is_bol(p, t->start))
			new_node(p, NODE_LINE);
		at = p->nnodes;
		nd = tag_node(p, NODE_BLOCK, t);
	}
	if (t->standalone) {
		size_t m = 0, mlen = 0;
		bool found = margin(p, t->resume, p->toks[t->match].cut, &m, &mlen);
		if (nd)
			set_indent(p, nd, t, strip);
		if (found && mlen > strip) {
			inner = mlen;
			if (nd) {
				nd->text = p->src + m + strip;
				nd->len = mlen - strip;
			}
		}
		region = true;
	}
	children(p, ti, at, mode == MODE_DISCARD ? MODE_DISCARD : MODE_EMIT, inner, region);
}

/* Second pass: turns tokens from *ti on into nodes until a close tag (left unconsumed) or the
 * end. strip is the dedent in force; region is true inside a standalone block. */
static void build(struct parser *p, size_t *ti, enum mode mode, size_t strip, bool region)
{
	while (*ti < p->ntok) {
		const struct tok *t = &p->toks[*ti];
		bool emit = mode == MODE_EMIT;
		if (emit && t->cut > p->pos)
			text(p, p->pos, t->cut, strip, region);
		/* A tag that starts a line not removed as standalone starts a template line. */
		bool line = emit && !t->standalone && is_bol(p, t->start);
		if (t->kind == TOK_CLOSE) {
			if (line)
				new_node(p, NODE_LINE);
			return;
		}
		(*ti)++;
		p->pos = t->resume;
		size_t at = SIZE_MAX;
		struct node *nd;
		switch (t->kind) {
		case TOK_COMMENT:
		case TOK_DELIM:
			if (line)
				new_node(p, NODE_LINE);
			break;
		case TOK_VAR:
		case TOK_RAW:
			if (line)
				new_node(p, NODE_LINE);
			if (emit)
				tag_node(p, t->kind == TOK_VAR ? NODE_VAR : NODE_RAW, t);
			break;
		case TOK_SECTION:
		case TOK_INVERTED:
			if (line)
				new_node(p, NODE_LINE);
			if (emit) {
				at = p->nnodes;
				tag_node(p, t->kind == TOK_SECTION ? NODE_SECTION : NODE_INVERTED, t);
			}
			children(p, ti, at, emit ? MODE_EMIT : MODE_DISCARD, strip, region);
			break;
		case TOK_PARTIAL:
		case TOK_PARENT:
			if (line)
				new_node(p, NODE_LINE);
			if (emit) {
				at = p->nnodes;
				nd = tag_node(p, t->kind == TOK_PARTIAL ? NODE_PARTIAL : NODE_PARENT, t);
				if (t->standalone)
					set_indent(p, nd, t, strip);
			}
			if (t->kind == TOK_PARENT)
				children(p, ti, at, emit ? MODE_BODY : MODE_DISCARD, strip, region);
			break;
		case TOK_BLOCK:
			block(p, ti, t, mode, strip, region);
			break;
		case TOK_CLOSE:
			break;
		}
	}
}

int tmpl_compile(struct tmpl *t, size_t len, struct arena *a, struct buf *err)
{
	struct parser p = {
		.src = t->src,
		.len = len,
		.origin = t->origin,
		.err = err,
		.a = a,
		.lc_line = 1,
	};
	int rc = tokenize(&p);
	if (rc == 0) {
		mark_standalone(&p);
		size_t ti = 0;
		build(&p, &ti, MODE_EMIT, 0, false);
		text(&p, p.pos, p.len, 0, false);
		t->nnodes = p.nnodes;
		t->nodes = arena_calloc(a, p.nnodes ? p.nnodes : 1, sizeof *t->nodes);
		if (p.nnodes)
			memcpy(t->nodes, p.nodes, p.nnodes * sizeof *t->nodes);
	}
	free(p.toks);
	free(p.nodes);
	return rc;
}

struct tmpl_set *tmpl_set_new(void)
{
	struct tmpl_set *set = xcalloc(1, sizeof *set);
	arena_init(&set->arena);
	return set;
}

void tmpl_set_free(struct tmpl_set *set)
{
	if (!set)
		return;
	free(set->v);
	arena_free(&set->arena);
	free(set);
}

const struct tmpl *tmpl_find(const struct tmpl_set *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->name, name) == 0)
			return set->v[i];
	return NULL;
}

bool tmpl_set_has(const struct tmpl_set *set, const char *name)
{
	return tmpl_find(set, name) != NULL;
}

int tmpl_set_add(struct tmpl_set *set, const char *name, const char *source, size_t len,
		 const char *origin, struct buf *err)
{
	if (!origin)
		origin = name;
	if (tmpl_find(set, name)) {
		buf_printf(err, "%s:1:1: duplicate template '%s'\n", origin, name);
		return -1;
	}
	struct tmpl *t = arena_alloc(&set->arena, sizeof *t);
	t->name = arena_strdup(&set->arena, name);
	t->origin = arena_strdup(&set->arena, origin);
	t->src = arena_strndup(&set->arena, source, len);
	if (tmpl_compile(t, len, &set->arena, err) < 0)
		return -1;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->v = xrealloc(set->v, set->cap * sizeof *set->v);
	}
	set->v[set->n++] = t;
	return 0;
}

int tmpl_set_link(struct tmpl_set *set, bool strict, struct buf *err)
{
	int rc = 0;
	for (size_t i = 0; i < set->n; i++) {
		struct tmpl *t = set->v[i];
		for (size_t k = 0; k < t->nnodes; k++) {
			struct node *n = &t->nodes[k];
			if (n->kind != NODE_PARTIAL && n->kind != NODE_PARENT)
				continue;
			n->target = tmpl_find(set, n->name);
			if (!n->target && strict) {
				buf_printf(err, "%s:%u:%u: missing partial '%s'\n", t->origin, n->line,
					   n->col, n->name);
				rc = -1;
			}
		}
	}
	return rc;
}

/* Reads the file at path into b (emptied first). Returns 0 or -1 with errno set. */
static int read_file(const char *path, struct buf *b)
{
	buf_reset(b);
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(b, chunk, n);
	int rc = ferror(f) ? -1 : 0;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds every regular file "*.mustache" of dir, in name order. A missing dir is an error only
 * when required. Returns 0, or -1 after appending every problem to err. */
static int load_files(struct tmpl_set *set, const char *dir, bool required, struct buf *err)
{
	static const char ext[] = ".mustache";
	const size_t extlen = sizeof ext - 1;
	DIR *d = opendir(dir);
	if (!d) {
		if (!required && errno == ENOENT)
			return 0;
		buf_printf(err, "%s: %s\n", dir, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len <= extlen || strcmp(de->d_name + len - extlen, ext) != 0)
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1) /* qsort must not get a NULL array, even for n == 0 */
		qsort(names, n, sizeof *names, cmp_str);

	int rc = 0;
	struct buf path, src;
	buf_init(&path);
	buf_init(&src);
	for (size_t i = 0; i < n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, names[i]);
		struct stat st;
		if (stat(path.data, &st) == 0 && !S_ISREG(st.st_mode))
			continue;
		if (read_file(path.data, &src) < 0) {
			buf_printf(err, "%s: %s\n", path.data, strerror(errno));
			rc = -1;
			continue;
		}
		names[i][strlen(names[i]) - extlen] = '\0';
		if (tmpl_set_add(set, names[i], buf_cstr(&src), src.len, path.data, err) < 0)
			rc = -1;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_free(&path);
	buf_free(&src);
	return rc;
}

int tmpl_set_load_dir(struct tmpl_set *set, const char *dir, struct buf *err)
{
	int rc = load_files(set, dir, true, err);
	struct buf sub;
	buf_init(&sub);
	buf_printf(&sub, "%s/partials", dir);
	if (load_files(set, sub.data, false, err) < 0)
		rc = -1;
	buf_free(&sub);
	if (rc == 0 && tmpl_set_link(set, true, err) < 0)
		rc = -1;
	return rc;
}

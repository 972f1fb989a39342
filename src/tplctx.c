/*
 * What `.` is on each line of a Helm template, and the values paths a
 * line names. See kaudit/tplctx.h.
 */
#include "kaudit/tplctx.h"

#include <stdlib.h>
#include <string.h>

#define MAX_STACK 256  /* nested if/with/range tracked per template */
#define MAX_PATH  4096 /* a longer values path is not followed */

/* What `.` is on a line: a values path a `with` set (an index into
 * ctxs), or one of these. */
enum { CTX_ROOT = -1, CTX_UNKNOWN = -2, CTX_INHERIT = -3 };

struct ka_tplctx {
	int *line_ctx; /* per line, 1-based */
	size_t nlines;
	char **ctxs; /* dotted values paths ("a.b"; "" for .Values) */
	size_t nctxs;
};

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static const char *skip_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* A run of `.ident` after p: its end. */
static const char *fields_end(const char *p, const char *end)
{
	while (p + 1 < end && *p == '.' && ident_char(p[1])) {
		p++;
		while (p < end && ident_char(*p))
			p++;
	}
	return p;
}

/*
 * The dotted values path a term at [p, end) names, when the term is all
 * there is: `.Values.a.b`, `$.Values.a`, or `.` or `.c` relative to the
 * values path ctx (when not NULL). 1 with *out (malloc'd), 0 when it names
 * none, -1 when memory runs out.
 */
static int term_path(const char *p, const char *end, const char *ctx,
		     char **out)
{
	const char *f, *q, *rest, *base;
	size_t n;

	*out = NULL;
	p = skip_blank(p, end);
	if (p < end && *p == '$')
		p++;
	if (end - p >= 7 && memcmp(p, ".Values", 7) == 0 &&
	    (end - p == 7 || !ident_char(p[7]))) {
		f = p + 7;
		base = "";
	} else if (ctx && p < end && *p == '.') {
		f = p;
		base = ctx;
	} else {
		return 0;
	}
	rest = q = fields_end(f, end);
	if (q == f && base == ctx && q < end && *q == '.')
		rest = q + 1; /* `.` alone: ctx itself */
	if (skip_blank(rest, end) != end)
		return 0;
	n = strlen(base);
	if (!n && q > f)
		f++; /* "a.b" from ".a.b" */
	if (n + (size_t)(q - f) > MAX_PATH)
		return 0; /* no values key is that long: no nested growth */
	if (!(*out = malloc(n + (size_t)(q - f) + 1)))
		return -1;
	memcpy(*out, base, n);
	memcpy(*out + n, f, (size_t)(q - f));
	(*out)[n + (size_t)(q - f)] = '\0';
	return 1;
}

struct scan {
	struct ka_tplctx *t;
	int stack[MAX_STACK];
	size_t depth;
	bool oom;
};

static int current(const struct scan *s)
{
	if (s->depth > MAX_STACK)
		return CTX_UNKNOWN; /* nested past what is tracked */
	for (size_t i = s->depth; i-- > 0;)
		if (s->stack[i] != CTX_INHERIT)
			return s->stack[i];
	return CTX_ROOT;
}

static int add_ctx(struct scan *s, const char *p, const char *end, int outer)
{
	char *path = NULL, **v;
	int r = term_path(p, end, outer >= 0 ? s->t->ctxs[outer] : NULL, &path);

	if (r <= 0) {
		s->oom |= r < 0;
		return CTX_UNKNOWN;
	}
	v = realloc(s->t->ctxs, (s->t->nctxs + 1) * sizeof(*v));
	if (!v) {
		free(path);
		s->oom = true;
		return CTX_UNKNOWN;
	}
	s->t->ctxs = v;
	v[s->t->nctxs] = path;
	return (int)s->t->nctxs++;
}

static bool word(const char *p, const char *end, const char *w,
		 const char **after)
{
	size_t n = strlen(w);

	if ((size_t)(end - p) < n || memcmp(p, w, n) != 0 ||
	    ((size_t)(end - p) > n && ident_char(p[n])))
		return false;
	*after = p + n;
	return true;
}

static void push(struct scan *s, int c)
{
	if (s->depth < MAX_STACK)
		s->stack[s->depth] = c;
	s->depth++;
}

/* One action's text (between the braces, trim marks left out). */
static void action(struct scan *s, const char *p, const char *end)
{
	const char *rest;
	int outer;

	p = skip_blank(p, end);
	if (end - p >= 2 && p[0] == '/' && p[1] == '*')
		return;
	if (word(p, end, "end", &rest)) {
		s->depth -= s->depth > 0;
		return;
	}
	if (word(p, end, "else", &rest)) {
		const char *r2;

		if (!s->depth)
			return;
		/* The else of a with: `.` is the outer one again. */
		s->depth--;
		outer = current(s);
		rest = skip_blank(rest, end);
		push(s, word(rest, end, "with", &r2)
			    ? add_ctx(s, r2, end, outer)
			    : CTX_INHERIT);
		return;
	}
	outer = current(s);
	if (word(p, end, "if", &rest))
		push(s, CTX_INHERIT);
	else if (word(p, end, "with", &rest))
		push(s, add_ctx(s, rest, end, outer));
	else if (word(p, end, "range", &rest))
		push(s, CTX_UNKNOWN);
	else if (word(p, end, "define", &rest) || word(p, end, "block", &rest))
		push(s, CTX_ROOT);
}

/* Each line's context, in one pass over the template. */
static int scan_template(struct ka_tplctx *t, const char *text, size_t len)
{
	struct scan s = {.t = t};
	const char *p = text, *end = text + len;
	size_t line = 1;

	t->nlines = 1;
	for (size_t i = 0; i < len; i++)
		t->nlines += text[i] == '\n';
	if (!(t->line_ctx = malloc((t->nlines + 1) * sizeof(int))))
		return -1;
	t->line_ctx[1] = CTX_ROOT;
	while (p < end) {
		const char *open = memmem(p, (size_t)(end - p), "{{", 2);
		const char *a, *b, *close;
		int c = current(&s);

		if (!open)
			open = end;
		for (; p < open; p++)
			if (*p == '\n' && line < t->nlines)
				t->line_ctx[++line] = c;
		if (open == end)
			break;
		close = memmem(open + 2, (size_t)(end - open - 2), "}}", 2);
		if (!close)
			close = end;
		a = open + 2;
		b = close;
		if (a < b && *a == '-')
			a++;
		if (b > a && b[-1] == '-')
			b--;
		action(&s, a, b);
		for (p = open; p < close; p++)
			if (*p == '\n' && line < t->nlines)
				t->line_ctx[++line] = c;
		p = close + (close < end ? 2 : 0);
		if (s.oom)
			return -1;
	}
	while (line < t->nlines)
		t->line_ctx[++line] = current(&s);
	return 0;
}

size_t ka_tplctx_paths(const struct ka_tplctx *t, const char *text, size_t len,
		       unsigned tline, char **out, size_t max, bool *oom)
{
	const char *p = text, *end = text + len, *le;
	int c = tline && tline <= t->nlines ? t->line_ctx[tline] : CTX_UNKNOWN;
	const char *ctx = c >= 0 ? t->ctxs[c] : NULL;
	size_t n = 0;
	bool in_action = false;

	for (unsigned l = 1; l < tline && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		p = nl ? nl + 1 : end;
	}
	le = memchr(p, '\n', (size_t)(end - p));
	le = le ? le : end;
	for (; p < le && n < max; p++) {
		const char *e;
		char *path = NULL;
		int r;

		if (!in_action) {
			if (le - p >= 2 && p[0] == '{' && p[1] == '{') {
				in_action = true;
				p++;
			}
			continue;
		}
		if (le - p >= 2 && p[0] == '}' && p[1] == '}') {
			in_action = false;
			p++;
			continue;
		}
		if (*p != '.' || ident_char(p[-1]) || p[-1] == ')' ||
		    p[-1] == '.')
			continue;
		if (le - p >= 7 && memcmp(p, ".Values", 7) == 0 &&
		    (le - p == 7 || !ident_char(p[7])))
			e = fields_end(p + 7, le);
		else if (p[-1] == '$' || !ctx)
			continue;
		else if ((e = fields_end(p, le)) == p)
			e = p + 1; /* `.` alone */
		r = term_path(p, e, ctx, &path);
		*oom |= r < 0;
		if (r > 0 && *path)
			out[n++] = path;
		else
			free(path);
		p = e - 1;
	}
	return n;
}

struct ka_tplctx *ka_tplctx_scan(const char *text, size_t len)
{
	struct ka_tplctx *t = calloc(1, sizeof(*t));

	if (t && scan_template(t, text, len) < 0) {
		ka_tplctx_free(t);
		return NULL;
	}
	return t;
}

void ka_tplctx_free(struct ka_tplctx *t)
{
	if (!t)
		return;
	free(t->line_ctx);
	for (size_t i = 0; i < t->nctxs; i++)
		free(t->ctxs[i]);
	free(t->ctxs);
	free(t);
}

#include "kaudit/helm.h"
#include "kaudit/path.h"
#include "kaudit/stream.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SOURCE "# Source: "

char *ka_helm_source(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *s = p;

		while (s < eol && (*s == ' ' || *s == '\t'))
			s++;
		/* The `---` a document may start with is not content. */
		if (p == buf &&
		    ka_stream_separator(p, (size_t)(eol - p)) == 1) {
			p = nl ? nl + 1 : end;
			continue;
		}
		if (s < eol && *s != '#' && *s != '\r')
			return NULL; /* content: a Source comment comes first */
		if ((size_t)(eol - s) > strlen(SOURCE) &&
		    memcmp(s, SOURCE, strlen(SOURCE)) == 0) {
			size_t n;
			char *out;

			s += strlen(SOURCE);
			n = (size_t)(eol - s);
			while (n && (s[n - 1] == '\r' || s[n - 1] == ' '))
				n--;
			out = malloc(n + 1);
			if (out) {
				memcpy(out, s, n);
				out[n] = '\0';
			}
			return out;
		}
		p = nl ? nl + 1 : end;
	}
	return NULL;
}

bool ka_helm_column(const char *text, size_t len, unsigned line,
		    const char *field, unsigned *col, unsigned *end_col)
{
	bool found;
	const char *p = text, *end = text + len, *eol, *key, *hit;
	size_t klen;

	for (unsigned l = 1; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		p = nl ? nl + 1 : end;
	}
	eol = memchr(p, '\n', (size_t)(end - p));
	eol = eol ? eol : end;
	key = strrchr(field, '.');
	key = key ? key + 1 : field;
	klen = strcspn(key, "[");
	hit = klen ? memmem(p, (size_t)(eol - p), key, klen) : NULL;
	found = hit != NULL;
	if (!hit) {
		hit = p;
		while (hit < eol && (*hit == ' ' || *hit == '\t'))
			hit++;
		klen = hit < eol ? 1 : 0;
	}
	*col = (unsigned)(hit - p) + 1;
	*end_col = *col + (unsigned)klen;
	return found;
}

const char *ka_helm_source_in_chart(const char *source)
{
	const char *slash = source ? strchr(source, '/') : NULL;

	return slash && slash[1] ? slash + 1 : NULL;
}

#define MAX_DEPTH 64
#define MAX_SEGS  64

struct seg {
	char key[128];
	int index; /* list index, or -1 */
};

/* "a.b[2].c" (a leading items[n]. dropped) -> segments. */
static size_t split_field(const char *field, struct seg *segs)
{
	size_t n = 0;
	const char *p = field;

	if (strncmp(p, "items[", 6) == 0) {
		const char *dot = strstr(p, "].");

		while (dot && strncmp(p, "items[", 6) == 0) {
			p = dot + 2;
			dot = strstr(p, "].");
		}
	}
	while (*p && n < MAX_SEGS) {
		const char *e = p;
		size_t k = 0;

		while (*e && *e != '.' && *e != '[')
			e++;
		k = (size_t)(e - p) < sizeof(segs[n].key) - 1
			? (size_t)(e - p)
			: sizeof(segs[n].key) - 1;
		memcpy(segs[n].key, p, k);
		segs[n].key[k] = '\0';
		segs[n].index = -1;
		if (*e == '[') {
			segs[n].index = atoi(e + 1);
			e = strchr(e, ']');
			e = e ? e + 1 : e;
		}
		n++;
		if (!e || !*e)
			break;
		p = *e == '.' ? e + 1 : e;
	}
	return n;
}

struct entry {
	unsigned indent;
	char key[128];
	int items; /* list items seen under this key */
};

struct match {
	unsigned line, col, end_col;
	size_t depth; /* matched segments; 0 = none */
};

/* The key on a line ("key:" or "- key:"), its column and indent. */
static bool line_key(const char *s, size_t n, struct ka_helm_line *l)
{
	size_t i = 0, k;

	while (i < n && s[i] == ' ')
		i++;
	l->item = false;
	if (i + 1 < n && s[i] == '-' && s[i + 1] == ' ') {
		l->item = true;
		i += 2;
		while (i < n && s[i] == ' ')
			i++;
	}
	l->indent = (unsigned)i; /* an item's keys sit here */
	if (i >= n || s[i] == '#' || s[i] == '{')
		return false;
	for (k = i; k < n && s[k] != ':' && s[k] != ' '; k++)
		;
	if (k >= n || s[k] != ':' || k == i ||
	    (k + 1 < n && s[k + 1] != ' ' && s[k + 1] != '\r'))
		return false;
	if (k - i >= 128)
		return false;
	l->key = s + i;
	l->key_len = (unsigned)(k - i);
	/* Quoted keys compare without their quotes. */
	if ((s[i] == '"' || s[i] == '\'') && k - i >= 2 && s[k - 1] == s[i]) {
		l->key++;
		l->key_len -= 2;
	}
	l->col = (unsigned)i + 1;
	return true;
}

/* Does the key path stack[0..depth) match the field's first segments? */
static bool matches(const struct entry *stack, size_t depth,
		    const struct seg *segs)
{
	for (size_t m = 0; m < depth; m++) {
		int idx = m + 1 < depth ? stack[m].items - 1 : -1;

		if (strcmp(stack[m].key, segs[m].key) != 0)
			return false;
		/* Index known on both sides: must agree. */
		if (segs[m].index >= 0 && m + 1 < depth && idx >= 0 &&
		    idx != segs[m].index)
			return false;
	}
	return true;
}

static void put(const struct match *m, unsigned *line, unsigned *col,
		unsigned *end_col)
{
	*line = m->line;
	*col = m->col;
	*end_col = m->end_col;
}

int ka_helm_index(struct ka_helm_index *ix, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	unsigned lineno = 0;
	size_t cap = 0;

	memset(ix, 0, sizeof(*ix));
	while (p < end) {
		const char *q = p;
		size_t n, b = 0;
		struct ka_helm_line l = {0};

		while (q < end && !(b = ka_line_break(q, (size_t)(end - q))))
			q++;
		/* A line's head is enough, as it always was: 4095 bytes. */
		n = (size_t)(q - p) < 4095 ? (size_t)(q - p) : 4095;
		l.lineno = ++lineno;
		l.line = p;
		l.len = (unsigned)n;
		l.sep = n >= 3 && memcmp(p, "---", 3) == 0;
		p = q + b;
		if (!l.sep && !line_key(l.line, n, &l))
			continue;
		if (ix->n == cap) {
			size_t c = cap ? cap * 2 : 256;
			struct ka_helm_line *v = realloc(ix->v, c * sizeof(*v));

			if (!v) {
				ka_helm_index_free(ix);
				return -1;
			}
			ix->v = v;
			cap = c;
		}
		ix->v[ix->n++] = l;
	}
	return 0;
}

void ka_helm_index_free(struct ka_helm_index *ix)
{
	free(ix->v);
	memset(ix, 0, sizeof(*ix));
}

int ka_helm_locate(const char *template_path, const char *kind,
		   const char *field, unsigned *line, unsigned *col,
		   unsigned *end_col)
{
	size_t len = 0;
	char *text = ka_path_read(template_path, &len);
	int r;

	if (!text)
		return -1;
	r = ka_helm_locate_text(text, len, kind, field, line, col, end_col);
	free(text);
	return r;
}

int ka_helm_locate_text(const char *text, size_t len, const char *kind,
			const char *field, unsigned *line, unsigned *col,
			unsigned *end_col)
{
	struct ka_helm_index ix;
	int r;

	if (!text || ka_helm_index(&ix, text, len) < 0)
		return -1;
	r = ka_helm_locate_index(&ix, kind, field, line, col, end_col);
	ka_helm_index_free(&ix);
	return r;
}

/* Is the kind: line l's value kind (then a blank, a comment or the end)? */
static bool kind_is(const struct ka_helm_line *l, const char *kind)
{
	const char *v = l->key + 5, *end = l->line + l->len;
	size_t n = strlen(kind);

	while (v < end && *v == ' ')
		v++;
	return (size_t)(end - v) >= n && strncmp(v, kind, n) == 0 &&
	       (v + n == end || strchr(" \r\n#", v[n]));
}

int ka_helm_locate_index(const struct ka_helm_index *ix, const char *kind,
			 const char *field, unsigned *line, unsigned *col,
			 unsigned *end_col)
{
	struct seg segs[MAX_SEGS];
	size_t nsegs = split_field(field, segs);
	struct entry stack[MAX_DEPTH];
	size_t depth = 0;
	struct match best = {0, 0, 0, 0}, kind_line = {0, 0, 0, 0}, first = {0};
	bool in_resource = false, any_kind = false;

	for (size_t i = 0; i < ix->n; i++) {
		const struct ka_helm_line *l = &ix->v[i];

		if (l->sep) {
			if (in_resource)
				break; /* the resource is done */
			depth = 0;
			continue;
		}
		if (l->item && depth) {
			/* A new list item under the nearest shallower key. */
			size_t d = depth;

			while (d && stack[d - 1].indent >= l->indent)
				d--;
			if (d)
				stack[d - 1].items++;
		}
		while (depth && stack[depth - 1].indent >= l->indent)
			depth--;
		if (depth == MAX_DEPTH)
			continue;
		stack[depth].indent = l->indent;
		memcpy(stack[depth].key, l->key, l->key_len);
		stack[depth].key[l->key_len] = '\0';
		stack[depth].items = 0;
		depth++;
		if (depth == 1 && l->key_len == 4 &&
		    memcmp(l->key, "kind", 4) == 0) {
			any_kind = true;
			if (!first.line)
				first = (struct match){l->lineno, l->col,
						       l->col + 4, 0};
			if (kind_is(l, kind)) {
				in_resource = true;
				kind_line = (struct match){l->lineno, l->col,
							   l->col + 4, 0};
			}
		}
		if (depth <= nsegs && matches(stack, depth, segs) &&
		    depth > best.depth && (in_resource || !any_kind))
			best = (struct match){l->lineno, l->col,
					      l->col + l->key_len, depth};
	}
	/* Only a match inside the resource counts; else its kind: line. */
	if (best.depth > 1 || (best.depth == 1 && !kind_line.line))
		put(&best, line, col, end_col);
	else if (kind_line.line)
		put(&kind_line, line, col, end_col);
	else if (first.line)
		put(&first, line, col, end_col);
	else
		put(&(struct match){1, 1, 2, 0}, line, col, end_col);
	return 0;
}

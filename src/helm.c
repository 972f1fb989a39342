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
static bool line_key(const char *s, size_t n, unsigned *indent, bool *item,
		     char *key, size_t keysize, unsigned *col)
{
	size_t i = 0, k;

	while (i < n && s[i] == ' ')
		i++;
	*item = false;
	if (i + 1 < n && s[i] == '-' && s[i + 1] == ' ') {
		*item = true;
		*indent = (unsigned)i;
		i += 2;
		while (i < n && s[i] == ' ')
			i++;
	} else {
		*indent = (unsigned)i;
	}
	if (i >= n || s[i] == '#' || s[i] == '{')
		return false;
	for (k = i; k < n && s[k] != ':' && s[k] != ' '; k++)
		;
	if (k >= n || s[k] != ':' || k == i ||
	    (k + 1 < n && s[k + 1] != ' ' && s[k + 1] != '\r'))
		return false;
	if (k - i >= keysize)
		return false;
	memcpy(key, s + i, k - i);
	key[k - i] = '\0';
	/* Quoted keys compare without their quotes. */
	if ((key[0] == '"' || key[0] == '\'') && k - i >= 2 &&
	    key[k - i - 1] == key[0]) {
		memmove(key, key + 1, k - i - 2);
		key[k - i - 2] = '\0';
	}
	*col = (unsigned)i + 1;
	if (*item)
		*indent = (unsigned)i; /* the item's keys sit here */
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

/*
 * Copy the line at *p (its head, at most size - 1 bytes) into buf and move
 * *p past its break, counting breaks as libyaml does. Returns its length.
 */
static size_t next_line(const char **p, const char *end, char *buf, size_t size)
{
	const char *q = *p;
	size_t n, b = 0;

	while (q < end && !(b = ka_line_break(q, (size_t)(end - q))))
		q++;
	n = (size_t)(q - *p) < size - 1 ? (size_t)(q - *p) : size - 1;
	memcpy(buf, *p, n);
	buf[n] = '\0';
	*p = q + b;
	return n;
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
	const char *p = text, *end = text + len;
	struct seg segs[MAX_SEGS];
	size_t nsegs = split_field(field, segs);
	struct entry stack[MAX_DEPTH];
	size_t depth = 0;
	struct match best = {0, 0, 0, 0}, kind_line = {0, 0, 0, 0}, first = {0};
	char buf[4096];
	unsigned lineno = 0;
	bool in_resource = false, resource_done = false, any_kind = false;

	if (!text)
		return -1;
	while (p < end && !resource_done) {
		size_t n = next_line(&p, end, buf, sizeof(buf));
		unsigned indent, kcol;
		bool item;
		char key[128];

		lineno++;
		if (n >= 3 && memcmp(buf, "---", 3) == 0) {
			if (in_resource)
				resource_done = true;
			depth = 0;
			continue;
		}
		if (!line_key(buf, n, &indent, &item, key, sizeof(key), &kcol))
			continue;
		if (item && depth) {
			/* A new list item under the nearest shallower key. */
			size_t d = depth;

			while (d && stack[d - 1].indent >= indent)
				d--;
			if (d)
				stack[d - 1].items++;
		}
		while (depth && stack[depth - 1].indent >= indent)
			depth--;
		if (depth == MAX_DEPTH)
			continue;
		stack[depth].indent = indent;
		snprintf(stack[depth].key, sizeof(stack[depth].key), "%s", key);
		stack[depth].items = 0;
		depth++;
		if (depth == 1 && strcmp(key, "kind") == 0) {
			char *v = buf + kcol - 1 + 5;

			while (*v == ' ')
				v++;
			any_kind = true;
			if (!first.line)
				first =
				    (struct match){lineno, kcol, kcol + 4, 0};
			if (strncmp(v, kind, strlen(kind)) == 0 &&
			    strchr(" \r\n#", v[strlen(kind)])) {
				in_resource = true;
				kind_line =
				    (struct match){lineno, kcol, kcol + 4, 0};
			}
		}
		if (depth <= nsegs && matches(stack, depth, segs) &&
		    depth > best.depth && (in_resource || !any_kind))
			best = (struct match){
			    lineno, kcol, kcol + (unsigned)strlen(key), depth};
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

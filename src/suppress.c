#include "kaudit/suppress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/config.h"

static bool space(char c)
{
	return c == ' ' || c == '\t';
}

/* Strip a trailing "(until YYYY-MM-DD)" from text[0..*len). */
static void take_until(const char *text, size_t *len, struct ka_waiver *w)
{
	size_t n = *len;
	const char *open;

	while (n && (space(text[n - 1]) || text[n - 1] == '\r'))
		n--;
	if (n == 0 || text[n - 1] != ')')
		return;
	open = NULL;
	for (size_t i = n; i-- > 0;)
		if (text[i] == '(') {
			open = text + i;
			break;
		}
	if (!open || strncmp(open, "(until ", 7) != 0)
		return;
	w->until = ka_parse_date(open + 7, (size_t)(text + n - 1 - (open + 7)));
	if (w->until < 0) {
		w->until = 0;
		w->error = "the expiry must be (until YYYY-MM-DD)";
	}
	n = (size_t)(open - text);
	while (n && space(text[n - 1]))
		n--;
	*len = n;
}

static void set_reason(struct ka_waiver *w, const char *s, size_t n)
{
	while (n && space(*s)) {
		s++;
		n--;
	}
	while (n && (space(s[n - 1]) || s[n - 1] == '\r'))
		n--;
	if (n >= sizeof(w->reason))
		n = sizeof(w->reason) - 1;
	memcpy(w->reason, s, n);
	w->reason[n] = '\0';
	if (!*w->reason && !w->error)
		w->error = "a waiver needs a reason";
}

static void add_id(struct ka_waiver *w, const char *id, size_t n)
{
	char buf[128];
	const struct ka_check *c;

	if (n == 0)
		return;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, id, n);
	buf[n] = '\0';
	c = ka_registry_find(buf);
	if (!c) {
		if (!w->error)
			w->error = "it names an unknown check";
		return;
	}
	if (w->nchecks < sizeof(w->checks) / sizeof(w->checks[0]))
		w->checks[w->nchecks++] = c;
}

void ka_waiver_parse_comment(const char *text, size_t len, struct ka_waiver *w)
{
	size_t i = 0, start;

	w->kind = KA_WAIVER_COMMENT;
	take_until(text, &len, w);
	while (i < len && space(text[i]))
		i++;
	/* Ids: comma-separated, up to the first blank. */
	start = i;
	while (i < len && !space(text[i])) {
		if (text[i] == ',') {
			add_id(w, text + start, i - start);
			start = i + 1;
		}
		i++;
	}
	add_id(w, text + start, i - start);
	if (w->nchecks == 0 && !w->error)
		w->error = "it names no check";
	set_reason(w, text + i, len - i);
}

void ka_waiver_parse_annotation(const char *id, const char *value,
				struct ka_waiver *w)
{
	size_t len;

	w->kind = KA_WAIVER_ANNOTATION;
	add_id(w, id, strlen(id));
	if (!value) {
		w->error = "its value must be a string (the reason)";
		return;
	}
	len = strlen(value);
	take_until(value, &len, w);
	if (len > 10 && strncmp(value, "container=", 10) == 0) {
		const char *colon = memchr(value, ':', len);
		size_t n;

		if (colon) {
			n = (size_t)(colon - value - 10);
			if (n >= sizeof(w->container))
				n = sizeof(w->container) - 1;
			memcpy(w->container, value + 10, n);
			w->container[n] = '\0';
			len -= (size_t)(colon + 1 - value);
			value = colon + 1;
		}
	}
	set_reason(w, value, len);
}

bool ka_waiver_names(const struct ka_waiver *w, const struct ka_check *check)
{
	for (size_t i = 0; i < w->nchecks; i++)
		if (w->checks[i] == check)
			return true;
	return false;
}

const char *ka_waiver_kind_name(enum ka_waiver_kind kind)
{
	switch (kind) {
	case KA_WAIVER_ANNOTATION:
		return "annotation";
	case KA_WAIVER_COMMENT:
		return "comment";
	case KA_WAIVER_CONFIG:
		return "config";
	case KA_WAIVER_NONE:
		break;
	}
	return "none";
}

/*
 * A `#` starts a comment at the start of a line or after a blank, outside
 * quotes. Quotes are tracked on the line only: a comment never follows an
 * open multi-line quoted scalar in practice.
 */
static const char *comment_start(const char *p, const char *end)
{
	char quote = 0;

	for (const char *s = p; s < end; s++) {
		if (quote) {
			if (*s == quote)
				quote = 0;
			else if (quote == '"' && *s == '\\' && s + 1 < end)
				s++;
			continue;
		}
		if ((*s == '"' || *s == '\'') && (s == p || space(s[-1]) ||
						   s[-1] == ':' || s[-1] == '[' ||
						   s[-1] == '{' || s[-1] == ','))
			quote = *s;
		else if (*s == '#' && (s == p || space(s[-1])))
			return s;
	}
	return NULL;
}

struct ka_waiver *ka_waiver_scan(const char *buf, size_t len,
				 unsigned first_line, size_t *n)
{
	struct ka_waiver *v = NULL;
	size_t cap = 0;
	const char *p = buf, *end = buf + len;
	unsigned line = first_line;

	*n = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *c;

		/* Cheap test first: most lines have no mark. */
		if (memchr(p, '#', (size_t)(eol - p)) &&
		    (c = comment_start(p, eol))) {
			const char *t = c + 1;

			while (t < eol && space(*t))
				t++;
			if ((size_t)(eol - t) >= strlen(KA_COMMENT_MARK) &&
			    memcmp(t, KA_COMMENT_MARK, strlen(KA_COMMENT_MARK)) == 0) {
				struct ka_waiver *w;

				if (*n == cap) {
					size_t nc = cap ? cap * 2 : 8;
					struct ka_waiver *q = realloc(v, nc * sizeof(*q));

					if (!q) {
						free(v);
						*n = 0;
						return NULL;
					}
					v = q;
					cap = nc;
				}
				w = &v[(*n)++];
				memset(w, 0, sizeof(*w));
				t += strlen(KA_COMMENT_MARK);
				ka_waiver_parse_comment(t, (size_t)(eol - t), w);
				w->line = w->end_line = line;
				w->col = (unsigned)(c - p) + 1;
				w->end_col = (unsigned)(eol - p) + 1;
				if (w->end_col > w->col && eol[-1] == '\r')
					w->end_col--;
			}
		}
		line++;
		p = nl ? nl + 1 : end;
	}
	return v;
}

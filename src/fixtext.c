/* The text a fix adds: see kaudit/fixtext.h. */
#include "kaudit/fixtext.h"

#include <stdlib.h>
#include <string.h>

void ka_fixtext_put(struct ka_fixtext *s, const char *p, size_t n)
{
	if (s->oom)
		return;
	if (s->n + n + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 64;
		char *v;

		while (cap < s->n + n + 1)
			cap *= 2;
		if (!(v = realloc(s->v, cap))) {
			s->oom = true;
			return;
		}
		s->v = v;
		s->cap = cap;
	}
	memcpy(s->v + s->n, p, n);
	s->n += n;
	s->v[s->n] = '\0';
}

void ka_fixtext_puts(struct ka_fixtext *s, const char *p)
{
	ka_fixtext_put(s, p, strlen(p));
}

void ka_fixtext_spaces(struct ka_fixtext *s, unsigned n)
{
	while (n--)
		ka_fixtext_put(s, " ", 1);
}

/* A key or string value, double-quoted in a JSON file. */
void ka_fixtext_word(struct ka_fixtext *s, const char *w, size_t n, bool quote)
{
	bool plain = !quote || (n == 4 && !memcmp(w, "true", 4)) ||
		     (n == 5 && !memcmp(w, "false", 5));

	if (!plain)
		ka_fixtext_put(s, "\"", 1);
	ka_fixtext_put(s, w, n);
	if (!plain)
		ka_fixtext_put(s, "\"", 1);
}

void ka_fixtext_value(struct ka_fixtext *s, const char *w,
		      const struct ka_fix *x)
{
	size_t n = strlen(w);
	bool boolean = !strcmp(w, "true") || !strcmp(w, "false");

	if (x->quote || !x->qchar || boolean) {
		ka_fixtext_word(s, w, n, x->quote);
		return;
	}
	ka_fixtext_put(s, &x->qchar, 1);
	ka_fixtext_put(s, w, n);
	ka_fixtext_put(s, &x->qchar, 1);
}

static struct ka_fixkey *child(struct ka_fixkey *parent, const char *name,
			       size_t len, bool *oom)
{
	struct ka_fixkey **p = &parent->kid;

	for (; *p; p = &(*p)->next)
		if ((*p)->len == len && !memcmp((*p)->name, name, len))
			return *p;
	if (!(*p = calloc(1, sizeof(**p)))) {
		*oom = true;
		return NULL;
	}
	(*p)->name = name;
	(*p)->len = len;
	return *p;
}

void ka_fixkeys_free(struct ka_fixkey *k)
{
	while (k) {
		struct ka_fixkey *next = k->next;

		ka_fixkeys_free(k->kid);
		free(k);
		k = next;
	}
}

/*
 * Add fix x's keys under root: 1, 0 when they clash with keys already
 * there (a value where a mapping goes, or another value), -1 on no
 * memory. A repeat of the same value is 1 (written once).
 */
int ka_fixkeys_add(struct ka_fixkey *root, const struct ka_fix *x)
{
	struct ka_fixkey *k = root;
	const char *p = x->keys;
	bool oom = false;

	for (;;) {
		size_t len = strcspn(p, ".");
		bool last = !p[len];

		if (k->leaf || !(k = child(k, p, len, &oom)))
			return oom ? -1 : 0;
		if (last) {
			if (k->kid)
				return 0;
			if (k->leaf)
				return strcmp(k->leaf->text, x->text) == 0 &&
				       k->leaf->seq == x->seq;
			k->leaf = x;
			return 1;
		}
		p += len + 1;
	}
}

void ka_fixkeys_flow(struct ka_fixtext *s, const struct ka_fixkey *k,
		     bool quote)
{
	for (bool first = true; k; k = k->next, first = false) {
		if (!first)
			ka_fixtext_puts(s, ", ");
		ka_fixtext_word(s, k->name, k->len, quote);
		ka_fixtext_puts(s, ": ");
		if (!k->leaf) {
			ka_fixtext_puts(s, "{");
			ka_fixkeys_flow(s, k->kid, quote);
			ka_fixtext_puts(s, "}");
			continue;
		}
		if (k->leaf->seq)
			ka_fixtext_puts(s, "[");
		ka_fixtext_value(s, k->leaf->text, k->leaf);
		if (k->leaf->seq)
			ka_fixtext_puts(s, "]");
	}
}

void ka_fixkeys_block(struct ka_fixtext *s, const struct ka_fixkey *k,
		      const struct ka_fix *style, unsigned indent,
		      const char *eol)
{
	for (; k; k = k->next) {
		ka_fixtext_spaces(s, indent);
		ka_fixtext_word(s, k->name, k->len, style->quote);
		ka_fixtext_put(s, ":", 1);
		if (!k->leaf) {
			ka_fixtext_puts(s, eol);
			ka_fixkeys_block(s, k->kid, style, indent + style->step,
					 eol);
			continue;
		}
		if (k->leaf->seq) {
			ka_fixtext_puts(s, eol);
			ka_fixtext_spaces(s, indent + style->seq_indent);
			ka_fixtext_puts(s, "- ");
		} else {
			ka_fixtext_put(s, " ", 1);
		}
		ka_fixtext_value(s, k->leaf->text, k->leaf);
		ka_fixtext_puts(s, eol);
	}
}

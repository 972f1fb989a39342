/*
 * How go-yaml v2 and sigs.k8s.io/yaml resolve a scalar node beyond its
 * plain text: an explicit tag (a value that does not fit it is refused,
 * !!binary is its decoded bytes) and the JSON key a mapping key becomes.
 */
#include "kaudit/resolve.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kaudit/scalar.h"

int ka_resolve_key(struct ka_arena *arena, struct ka_node *n)
{
	char buf[64];
	int len = -1;

	n->u.s.key = n->u.s.text;
	n->u.s.key_len = n->u.s.len;
	if (n->style == KA_STYLE_PLAIN && !n->tag)
		len = ka_scalar_key_text(n->u.s.text, n->u.s.len, buf,
					 sizeof(buf));
	if (len >= 0) {
		if (len >= (int)sizeof(buf))
			len = (int)sizeof(buf) - 1;
		if (strcmp(buf, "null") == 0 && !ka_node_is_merge_key(n))
			return 1; /* sigs.k8s.io/yaml: unsupported map key */
		n->u.s.key = ka_arena_strndup(arena, buf, (size_t)len);
		if (!n->u.s.key)
			return -1;
		n->u.s.key_len = (size_t)len;
	}
	return 0;
}

int ka_resolve_tag(struct ka_arena *arena, struct ka_node *n, char *why,
		   size_t size)
{
	char *out;
	long len;

	if (ka_scalar_check_tag(n->tag, n->u.s.text, n->u.s.len, why, size) < 0)
		return -1;
	if (strcmp(n->tag, "tag:yaml.org,2002:binary") != 0)
		return 0;
	out = ka_arena_alloc(arena, n->u.s.len + 1);
	if (!out)
		return -2;
	len = ka_scalar_base64(n->u.s.text, n->u.s.len, out);
	if (len < 0) {
		snprintf(why, size,
			 "!!binary value contains invalid base64 "
			 "data (kubectl refuses the document)");
		return -1;
	}
	out[len] = '\0';
	n->u.s.text = out;
	n->u.s.len = (size_t)len;
	n->u.s.str = ka_arena_cstr(arena, out, (size_t)len);
	return n->u.s.str ? 0 : -2;
}

bool ka_resolve_json_unsupported(const struct ka_node *n)
{
	struct ka_value v;
	char c = n->u.s.len ? n->u.s.text[0] : 0;

	/* Only .inf, -.inf, +.inf and .nan (any case) resolve so. */
	if (c != '.' && c != '-' && c != '+')
		return false;
	ka_node_value(n, &v);
	return v.type == KA_TYPE_FLOAT && (isinf(v.f) || isnan(v.f));
}

static const char BOM[] = "\xef\xbb\xbf";

/* memchr for the BOM's first byte (rare in YAML) beats memmem here. */
bool ka_resolve_has_bom(const char *p, size_t n)
{
	const char *end = p + n;

	while ((p = memchr(p, 0xef, (size_t)(end - p))) && end - p >= 3) {
		if (memcmp(p, BOM, 3) == 0)
			return true;
		p++;
	}
	return false;
}

const char *ka_resolve_bom(struct ka_arena *arena, const char *buf, size_t len,
			   char mark[4])
{
	char *copy;

	mark[0] = '\0';
	if (len < 4 || !ka_resolve_has_bom(buf + 1, len - 1))
		return buf;
	/* A noncharacter (U+FDD0..U+FDEF) the document does not hold. */
	for (unsigned c = 0x90; c <= 0xaf && !mark[0]; c++) {
		const char m[4] = {'\xef', '\xb7', (char)c, '\0'};

		if (!memmem(buf, len, m, 3))
			memcpy(mark, m, 4);
	}
	if (!mark[0])
		return NULL;
	copy = ka_arena_strndup(arena, buf, len);
	if (!copy)
		return NULL;
	for (char *p = copy + 1;
	     (p = memmem(p, len - (size_t)(p - copy), BOM, 3)); p += 3)
		memcpy(p, mark, 3);
	return copy;
}

void ka_resolve_unmark(char *text, size_t len, const char *mark)
{
	for (char *p = text; (p = memmem(p, len - (size_t)(p - text), mark, 3));
	     p += 3)
		memcpy(p, BOM, 3);
}

/* Letters that are no YAML escape (libyaml's: 0abtnvfre "/\N_LPxuU). */
static const char SLASH_MARKS[] = "cdghijkmoqswyzCDFGHIJKMOQRSTVWXYZ";

/* Whether \m, or an escaped backslash (\x5c, \u005c...) then m, is in buf. */
static bool mark_used(const char *buf, size_t len, char m)
{
	const char pairs[3][3] = {{'\\', m, 0}, {'5', 'c', m}, {'5', 'C', m}};

	if (memmem(buf, len, pairs[0], 2))
		return true;
	for (int i = 1; i < 3; i++)
		if (memmem(buf, len, pairs[i], 3))
			return true;
	return false;
}

const char *ka_resolve_slash(struct ka_arena *arena, const char *buf,
			     size_t len, char *mark)
{
	char *copy;

	*mark = '\0';
	if (!memmem(buf, len, "\\/", 2))
		return buf;
	for (const char *m = SLASH_MARKS; *m && !*mark; m++)
		if (!mark_used(buf, len, *m))
			*mark = *m;
	if (!*mark)
		return NULL;
	copy = ka_arena_strndup(arena, buf, len);
	if (!copy)
		return NULL;
	for (char *p = copy;
	     (p = memmem(p, len - (size_t)(p - copy), "\\/", 2)); p += 2)
		p[1] = *mark;
	return copy;
}

void ka_resolve_unslash(char *text, size_t len, char mark)
{
	const char m[2] = {'\\', mark};

	for (char *p = text; (p = memmem(p, len - (size_t)(p - text), m, 2));
	     p += 2)
		p[1] = '/';
}

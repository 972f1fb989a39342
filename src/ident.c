/* Alert identity by meaning: see kaudit/ident.h. */
#include "kaudit/ident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What tells a list member from the others, never its place: a scalar
 * itself (a capability), else its name (a volume, a port, an env var) or
 * its path (a mount); its index only when it has none. */
static const char *member(const struct ka_node *item, size_t idx, char *num,
			  size_t size)
{
	static const char *const keys[] = {
	    "name",	"mountPath", "devicePath",  "containerPort",
	    "hostPort", "ip",	     "topologyKey", NULL};

	item = ka_node_deref(item);
	if (item && item->kind == KA_NODE_SCALAR)
		return item->u.s.str;
	for (size_t i = 0; item && keys[i]; i++) {
		const struct ka_node *v = ka_map_get(item, keys[i]);

		if (v && v->kind == KA_NODE_SCALAR)
			return v->u.s.str;
	}
	snprintf(num, size, "#%zu", idx);
	return num;
}

void ka_ident_path(const struct ka_node *root, const char *field, char *out,
		   size_t size)
{
	const struct ka_node *n = root;
	size_t o = 0;

#define PUT(s, len)                                                            \
	do {                                                                   \
		size_t l_ = (len) < size - 1 - o ? (len) : size - 1 - o;       \
		memcpy(out + o, (s), l_);                                      \
		o += l_;                                                       \
	} while (0)
	for (const char *p = field; *p && o + 1 < size;) {
		size_t k = strcspn(p, ".[");

		n = k ? ka_map_get_keyn(n, p, k, NULL) : n;
		PUT(p, k);
		p += k;
		while (*p == '[') {
			char *e, num[24];
			size_t idx = strtoul(p + 1, &e, 10);
			const char *m;

			if (*e != ']') {
				PUT(p, strlen(p));
				out[o] = '\0';
				return;
			}
			n = idx < ka_seq_len(n) ? ka_seq_at(n, idx) : NULL;
			m = member(n, idx, num, sizeof(num));
			PUT("[", 1);
			PUT(m, strlen(m));
			PUT("]", 1);
			p = e + 1;
		}
		if (*p == '.') {
			PUT(".", 1);
			p++;
		}
	}
#undef PUT
	out[o] = '\0';
}

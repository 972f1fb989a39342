/*
 * A scalar node resolved beyond its plain text, as go-yaml v2 and
 * sigs.k8s.io/yaml resolve it for kubectl.
 */
#ifndef KAUDIT_RESOLVE_H
#define KAUDIT_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/arena.h"
#include "kaudit/node.h"

/*
 * Set the key a mapping key compares as (plain `on` is "true"). Returns
 * 0, 1 for a key that is null (kubectl refuses it), -1 when memory runs
 * out.
 */
int ka_resolve_key(struct ka_arena *arena, struct ka_node *n);

/*
 * Apply n's explicit tag: 0 when it fits (!!binary text is replaced by
 * its decoded bytes), -1 with the reason kubectl refuses the document in
 * why, -2 when memory runs out.
 */
int ka_resolve_tag(struct ka_arena *arena, struct ka_node *n, char *why,
		   size_t size);

/*
 * True for a value JSON cannot hold (an infinity or NaN): kubectl's
 * conversion from YAML to JSON refuses the document.
 */
bool ka_resolve_json_unsupported(const struct ka_node *n);

/* Whether p[0..n) holds a UTF-8 byte order mark (a memchr for its rare
 * first byte). */
bool ka_resolve_has_bom(const char *p, size_t n);

/*
 * go-yaml, for kubectl, drops a byte order mark only at the start of a
 * document's bytes; anywhere else it is a character of the scalar it sits
 * in (`\ufeffspec` is not spec). libyaml also drops one at the start of
 * any line. When buf holds a BOM past its first byte, returns a copy
 * (from arena) where each such BOM is a 3-byte mark, a noncharacter that
 * buf does not hold, set in mark ("" when there is none: buf itself is
 * returned). NULL when memory runs out, or when buf holds every
 * candidate mark (it is then refused).
 */
const char *ka_resolve_bom(struct ka_arena *arena, const char *buf, size_t len,
			   char mark[4]);

/* Turn each mark in text[0..len) back into the BOM it stands for. */
void ka_resolve_unmark(char *text, size_t len, const char *mark);

/*
 * go-yaml has no \/ escape (libyaml has): kubectl refuses a document with
 * one in a double-quoted scalar. When buf holds "\/", returns a copy
 * (from arena) where the '/' of each is *mark, a letter that is no YAML
 * escape and that buf never holds after a backslash, so libyaml refuses
 * it in a double-quoted scalar and keeps it as text elsewhere (restored
 * by ka_resolve_unslash). buf itself when it holds no "\/"; NULL when
 * memory runs out or buf holds every candidate letter (then refused).
 */
const char *ka_resolve_slash(struct ka_arena *arena, const char *buf,
			     size_t len, char *mark);
void ka_resolve_unslash(char *text, size_t len, char mark);

#endif

/*
 * Scalars resolved as go-yaml v2 resolves them for kubectl (YAML 1.1):
 * only plain, untagged scalars are typed; quoted and block scalars are
 * strings.
 */
#ifndef KAUDIT_SCALAR_H
#define KAUDIT_SCALAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ka_type {
	KA_TYPE_NULL,
	KA_TYPE_BOOL,
	KA_TYPE_INT,
	KA_TYPE_FLOAT,
	KA_TYPE_STR,
	KA_TYPE_MAP,
	KA_TYPE_SEQ,
};

struct ka_value {
	enum ka_type type;
	bool b;
	int64_t i; /* KA_TYPE_INT; uint64 values above INT64_MAX are floats */
	double f;  /* KA_TYPE_FLOAT */
};

/* Resolve plain text of len bytes as go-yaml v2 does. */
void ka_scalar_resolve_plain(const char *text, size_t len, struct ka_value *v);

/*
 * Write the JSON key sigs.k8s.io/yaml makes of a resolved plain scalar
 * into buf (size >= 32). Returns its length, or -1 when the scalar stays
 * a string (its text is the key).
 */
int ka_scalar_key_text(const char *text, size_t len, char *buf, size_t size);

/*
 * An explicit tag (the full tag, tag:yaml.org,2002:...) on a scalar, as
 * go-yaml v2 resolves it: !!bool, !!int, !!float (an int fits), !!null and
 * !!timestamp need text that resolves as that type; other tags (!!str,
 * !!binary, unknown ones) take any text. Returns 0, or -1 with the reason
 * kubectl refuses the document in why.
 */
int ka_scalar_check_tag(const char *tag, const char *text, size_t len,
			char *why, size_t size);

/*
 * Decode !!binary text (standard base64, padded; line breaks skipped)
 * into out (room for len bytes). Returns the decoded length, or -1 when
 * the text is not base64 (kubectl refuses the document).
 */
long ka_scalar_base64(const char *text, size_t len, char *out);

/* A name for a type in messages: "a boolean", "a string", ... */
const char *ka_type_name(enum ka_type t);

#endif

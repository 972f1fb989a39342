/*
 * The one JSON writer: escaping and commas. Reports, SARIF, --list-checks
 * and --print-config write through it.
 */
#ifndef KAUDIT_JSONW_H
#define KAUDIT_JSONW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Write s as a JSON string (quoted); invalid UTF-8 becomes U+FFFD. */
void ka_json_string(FILE *out, const char *s);

/* s[0..len) as a JSON string: NUL bytes are \u0000. */
void ka_json_string_n(FILE *out, const char *s, size_t len);

/* ka_json_string, or null for NULL. */
void ka_json_str_or_null(FILE *out, const char *s);

/*
 * Commas: a writer knows, per nesting level, whether a member was written
 * yet. ws is the layout the caller wants before a member: one that starts
 * with a newline ("\n  ") comes before every member, another (" ") only
 * between members; NULL for none.
 */
struct ka_jw {
	FILE *out;
	unsigned depth;
	uint64_t started; /* bit d: level d has a member */
};

void ka_jw_init(struct ka_jw *w, FILE *out);

/* Write '{' or '[' and enter it. */
void ka_jw_open(struct ka_jw *w, char bracket);

/*
 * Write before (when the level has members) and the closing bracket.
 * Returns whether the level had members.
 */
bool ka_jw_close(struct ka_jw *w, const char *before, char bracket);

/* Start an array member: a comma unless it is the first, then ws. */
void ka_jw_item(struct ka_jw *w, const char *ws);

/* Start an object member: the comma, ws, "key": */
void ka_jw_key(struct ka_jw *w, const char *ws, const char *key);

/*
 * True when s[0..n) is one JSON value, with white space around it
 * (RFC 8259; nesting deeper than 10,000 counts as invalid).
 */
bool ka_json_valid(const char *s, size_t n);

/*
 * The JSON escape \uXXXX at p (p[0] is the backslash; end is the end of
 * the text), with the escape after it when the two make a surrogate pair:
 * the code point (U+FFFD for a lone half of a pair) and, in *len, the
 * bytes read (6 or 12); -1 when the escape is not four hex digits.
 */
long ka_json_unicode(const char *p, const char *end, size_t *len);

/*
 * One JSON value as Go's encoding/json reads it for kubectl: KA_JSON_OK,
 * KA_JSON_SYNTAX (kubectl then reads the stream as YAML from here), or
 * KA_JSON_RANGE (a number past float64: kubectl refuses it). On the way
 * it rewrites escapes in place as Go decodes them, in forms YAML reads
 * the same: a pair of UTF-16 surrogates \uD83D\uDE00 becomes one
 * \U0001F600, a lone half \uFFFD, and \/ (which go-yaml lacks) a plain
 * '/'; the bytes saved become spaces after the string's closing quote,
 * so every later byte keeps its column.
 */
enum { KA_JSON_OK, KA_JSON_SYNTAX, KA_JSON_RANGE };
int ka_json_go_value(char *s, size_t n);

#endif

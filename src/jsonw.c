/*
 * JSON output in one place: strings escaped (invalid UTF-8 becomes
 * U+FFFD, so hostile bytes never break a report) and commas between
 * members. Layout (spaces, newlines) stays the caller's.
 */
#include "kaudit/jsonw.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fastio.h"

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	uint32_t cp;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

void ka_json_string_n(FILE *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	const unsigned char *end = s + len;

	putc('"', out);
	while (s < end) {
		size_t n, run = 0;

		/* Plain printable ASCII goes out in one piece. */
		while (s + run < end && s[run] >= 0x20 && s[run] < 0x7f &&
		       s[run] != '"' && s[run] != '\\')
			run++;
		if (run) {
			fwrite(s, 1, run, out);
			s += run;
			continue;
		}
		/* utf8_len reads at most 4 bytes and stops at a NUL. */
		n = *s ? utf8_len(s) : 1;
		if (n > (size_t)(end - s))
			n = 0;
		if (n == 0) {
			fputs("\\ufffd", out);
			s++;
			continue;
		}
		if (n > 1) {
			fwrite(s, 1, n, out);
			s += n;
			continue;
		}
		switch (*s) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f)
				fprintf(out, "\\u%04x", *s);
			else
				putc(*s, out);
		}
		s++;
	}
	putc('"', out);
}

void ka_json_string(FILE *out, const char *str)
{
	ka_json_string_n(out, str, strlen(str));
}

void ka_json_str_or_null(FILE *out, const char *s)
{
	if (s)
		ka_json_string(out, s);
	else
		fputs("null", out);
}

void ka_jw_init(struct ka_jw *w, FILE *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

void ka_jw_open(struct ka_jw *w, char bracket)
{
	putc(bracket, w->out);
	if (w->depth < 63)
		w->depth++;
	w->started &= ~(UINT64_C(1) << w->depth);
}

bool ka_jw_close(struct ka_jw *w, const char *before, char bracket)
{
	bool had = w->started & (UINT64_C(1) << w->depth);

	if (had && before)
		fputs(before, w->out);
	putc(bracket, w->out);
	if (w->depth)
		w->depth--;
	return had;
}

void ka_jw_item(struct ka_jw *w, const char *ws)
{
	uint64_t bit = UINT64_C(1) << w->depth;

	bool first = !(w->started & bit);

	if (!first)
		putc(',', w->out);
	w->started |= bit;
	/* A line layout indents the first member too; a space only separates.
	 */
	if (ws && (!first || ws[0] == '\n'))
		fputs(ws, w->out);
}

void ka_jw_key(struct ka_jw *w, const char *ws, const char *key)
{
	ka_jw_item(w, ws);
	ka_json_string(w->out, key);
	fputs(": ", w->out);
}

/*
 * A strict JSON syntax check (RFC 8259) as Go's encoding/json reads, no
 * allocation: see jsonw.h. With rw, surrogate escapes are rewritten in
 * place as they are met.
 */
struct json {
	const char *p, *end;
	int depth;
	char *rw;      /* s itself when rewriting, else NULL */
	const char *s; /* the start, to turn p into an offset in rw */
	bool overflow; /* a number that float64 cannot hold */
};

static void ws(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' ||
				 *j->p == '\r' || *j->p == '\t'))
		j->p++;
}

static bool value(struct json *j);

static int hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

long ka_json_unicode(const char *p, const char *end, size_t *len)
{
	int hi, lo = -1;

	if (end - p < 6 || (hi = hex4(p + 2)) < 0)
		return -1;
	*len = 6;
	if (hi < 0xd800 || hi > 0xdfff)
		return hi;
	if (hi < 0xdc00 && end - p >= 12 && p[6] == '\\' && p[7] == 'u')
		lo = hex4(p + 8);
	if (lo < 0xdc00 || lo > 0xdfff)
		return 0xfffd;
	*len = 12;
	return 0x10000 + ((long)(hi - 0xd800) << 10) + (lo - 0xdc00);
}

/*
 * The escape \uXXXX at p (p[0] is the backslash), rewritten for YAML as
 * Go reads it: a surrogate pair becomes one \UXXXXXXXX (two bytes
 * shorter: *pad grows by 2), a lone half becomes \uFFFD. Returns the
 * bytes read, or 0 when the escape is not four hex digits.
 */
static size_t unicode_escape(struct json *j, char *w, const char *p,
			     unsigned *pad)
{
	size_t len;
	long cp = ka_json_unicode(p, j->end, &len);
	int hi = cp < 0 ? 0 : hex4(p + 2);

	if (cp < 0)
		return 0;
	if (len == 12) {
		if (w)
			snprintf(w, 11, "\\U%08X", (unsigned)cp);
		*pad += 2;
	} else if (w && hi >= 0xd800 && hi <= 0xdfff) {
		memcpy(w, "\\uFFFD", 6);
	} else if (w) {
		memmove(w, p, 6);
	}
	return len;
}

static bool string(struct json *j)
{
	char *w = NULL; /* where the rewritten bytes go, behind j->p */
	unsigned pad = 0;

	if (j->p >= j->end || *j->p != '"')
		return false;
	if (j->rw)
		w = j->rw + (j->p - j->s) + 1;
	for (j->p++; j->p < j->end;) {
		unsigned char c = (unsigned char)*j->p;
		size_t n = 1, wn = 1;

		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (j->p + 1 >= j->end ||
			    !strchr("\"\\/bfnrtu", j->p[1]))
				return false;
			n = wn = 2;
			if (j->p[1] == 'u') {
				n = unicode_escape(j, w, j->p, &pad);
				wn = n == 12 ? 10 : n;
			} else if (j->p[1] == '/') {
				/* go-yaml has no \/ escape: a plain '/'. */
				wn = 1;
				pad++;
				if (w)
					*w = '/';
			} else if (w) {
				memmove(w, j->p, 2);
			}
			if (!n)
				return false;
		} else if (w) {
			*w = (char)c;
		}
		if (w)
			w += wn;
		j->p += n;
		if (c == '"') {
			/* Shortened escapes leave spaces after the quote. */
			if (w)
				memset(w, ' ', pad);
			return true;
		}
	}
	return false;
}

static void digits(struct json *j)
{
	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? */
static bool number(struct json *j)
{
	const char *s = j->p, *d;
	char buf[64];

	if (j->p < j->end && *j->p == '-')
		j->p++;
	d = j->p;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else
		digits(j);
	if (j->p == d)
		return false;
	if (j->p < j->end && *j->p == '.') {
		d = ++j->p;
		digits(j);
		if (j->p == d)
			return false;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		if (++j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		d = j->p;
		digits(j);
		if (j->p == d)
			return false;
	}
	/* strconv.ParseFloat: past float64's range is an error. */
	if ((size_t)(j->p - s) < sizeof(buf)) {
		memcpy(buf, s, (size_t)(j->p - s));
		buf[j->p - s] = '\0';
		j->overflow |= isinf(strtod(buf, NULL));
	} else {
		j->overflow |= isinf(strtod(s, NULL)); /* ends at a non-digit */
	}
	return true;
}

static bool literal(struct json *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return false;
	j->p += n;
	return true;
}

static bool container(struct json *j, char close, bool object)
{
	if (++j->depth > 10000)
		return false;
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return true;
	}
	for (;;) {
		ws(j);
		if (object) {
			if (!string(j))
				return false;
			ws(j);
			if (j->p >= j->end || *j->p++ != ':')
				return false;
		}
		if (!value(j))
			return false;
		ws(j);
		if (j->p >= j->end)
			return false;
		if (*j->p == ',') {
			j->p++;
			continue;
		}
		if (*j->p++ != close)
			return false;
		j->depth--;
		return true;
	}
}

static bool value(struct json *j)
{
	ws(j);
	if (j->p >= j->end)
		return false;
	switch (*j->p) {
	case '{':
		return container(j, '}', true);
	case '[':
		return container(j, ']', false);
	case '"':
		return string(j);
	case 't':
		return literal(j, "true");
	case 'f':
		return literal(j, "false");
	case 'n':
		return literal(j, "null");
	default:
		return number(j);
	}
}

static int check(struct json *j)
{
	if (!value(j))
		return KA_JSON_SYNTAX;
	ws(j);
	if (j->p != j->end)
		return KA_JSON_SYNTAX;
	return j->overflow ? KA_JSON_RANGE : KA_JSON_OK;
}

bool ka_json_valid(const char *s, size_t n)
{
	struct json j = {s, s + n, 0, NULL, s, false};

	return check(&j) != KA_JSON_SYNTAX;
}

int ka_json_go_value(char *s, size_t n)
{
	struct json j = {s, s + n, 0, s, s, false};

	return check(&j);
}

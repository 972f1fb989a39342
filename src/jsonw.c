/*
 * JSON output in one place: strings escaped (invalid UTF-8 becomes
 * U+FFFD, so hostile bytes never break a report) and commas between
 * members. Layout (spaces, newlines) stays the caller's.
 */
#include "kaudit/jsonw.h"

#include <stdint.h>
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

/* A strict JSON syntax check (RFC 8259), no allocation: see jsonw.h. */
struct json {
	const char *p, *end;
	int depth;
};

static void ws(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' ||
				 *j->p == '\r' || *j->p == '\t'))
		j->p++;
}

static bool value(struct json *j);

static bool string(struct json *j)
{
	if (j->p >= j->end || *j->p != '"')
		return false;
	for (j->p++; j->p < j->end; j->p++) {
		unsigned char c = (unsigned char)*j->p;

		if (c == '"') {
			j->p++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			j->p++;
			if (j->p >= j->end || !strchr("\"\\/bfnrtu", *j->p))
				return false;
			if (*j->p == 'u') {
				for (int i = 0; i < 4; i++)
					if (++j->p >= j->end ||
					    !strchr("0123456789abcdefABCDEF",
						    *j->p))
						return false;
			}
		}
	}
	return false;
}

static bool number(struct json *j)
{
	const char *s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	while (j->p < j->end &&
	       ((*j->p >= '0' && *j->p <= '9') || *j->p == '.' ||
		*j->p == 'e' || *j->p == 'E' || *j->p == '+' || *j->p == '-'))
		j->p++;
	return j->p > s;
}

static bool literal(struct json *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return false;
	j->p += n;
	return true;
}

static bool container(struct json *j, char open, char close, bool object)
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
		(void)open;
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
		return container(j, '{', '}', true);
	case '[':
		return container(j, '[', ']', false);
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

bool ka_json_valid(const char *s, size_t n)
{
	struct json j = {s, s + n, 0};

	if (!value(&j))
		return false;
	ws(&j);
	return j.p == j.end;
}

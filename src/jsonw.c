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

void ka_json_string(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	putc('"', out);
	while (*s) {
		size_t n, run = 0;

		/* Plain printable ASCII goes out in one piece. */
		while (s[run] >= 0x20 && s[run] < 0x7f && s[run] != '"' &&
		       s[run] != '\\')
			run++;
		if (run) {
			fwrite(s, 1, run, out);
			s += run;
			continue;
		}
		n = utf8_len(s);

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

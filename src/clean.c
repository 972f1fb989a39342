/* Echoing input text safely: see clean.h. */
#include "kaudit/clean.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The code point of the UTF-8 sequence at s[0..n), its length in *len;
 * -1 when it is not valid UTF-8 (then *len is 1). */
static int32_t decode(const unsigned char *s, size_t n, size_t *len)
{
	int32_t cp;
	size_t k;

	*len = 1;
	if (s[0] < 0xc2 || s[0] > 0xf4)
		return -1;
	k = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (n < k)
		return -1;
	cp = s[0] & (0x3f >> (k - 1));
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong, surrogate or past U+10FFFF. */
	if ((k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return -1;
	*len = k;
	return cp;
}

static int invisible(int32_t c)
{
	return (c >= 0x80 && c <= 0x9f) || c == 0xad || c == 0x61c ||
	       c == 0x180e || (c >= 0x200b && c <= 0x200f) ||
	       (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) ||
	       (c >= 0x2066 && c <= 0x206f) || c == 0xfeff ||
	       (c >= 0xfff9 && c <= 0xfffb) || (c >= 0xe0000 && c <= 0xe007f);
}

void ka_clean_write(FILE *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t run = i, len;
		int32_t cp;

		/* Printable ASCII: written as it is, in one piece. */
		while (run < n && u[run] >= 0x20 && u[run] < 0x7f)
			run++;
		fwrite(s + i, 1, run - i, out);
		if ((i = run) == n)
			break;
		if (u[i] < 0x80) {
			fprintf(out, "\\x%02x", u[i++]);
			continue;
		}
		cp = decode(u + i, n - i, &len);
		if (cp < 0)
			fprintf(out, "\\x%02x", u[i]);
		else if (invisible(cp))
			fprintf(out, cp > 0xffff ? "\\U%08x" : "\\u%04x",
				(unsigned)cp);
		else
			fwrite(s + i, 1, len, out);
		i += len;
	}
}

void ka_clean(FILE *out, const char *s)
{
	ka_clean_write(out, s, strlen(s));
}

char *ka_clean_dup(const char *s)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *m = open_memstream(&buf, &size);

	if (!m)
		return NULL;
	ka_clean(m, s);
	if (fclose(m) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

void ka_vsay(FILE *out, const char *fmt, va_list ap)
{
	char *text = NULL;
	int n = vasprintf(&text, fmt, ap);

	if (n < 0) {
		fputs("kaudit: error: out of memory\n", out);
		return;
	}
	ka_clean_write(out, text, (size_t)n);
	fputc('\n', out);
	free(text);
}

void ka_say(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ka_vsay(out, fmt, ap);
	va_end(ap);
}

/* Line breaks as libyaml counts them: see lines.h. */
#include "kaudit/lines.h"

#include <string.h>

size_t ka_line_break(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;

	if (n >= 1 && u[0] == '\n')
		return 1;
	if (n >= 1 && u[0] == '\r')
		return n >= 2 && u[1] == '\n' ? 2 : 1;
	if (n >= 2 && u[0] == 0xc2 && u[1] == 0x85)
		return 2; /* NEL */
	if (n >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] == 0xa8 || u[2] == 0xa9))
		return 3; /* LS, PS */
	return 0;
}

unsigned ka_line_breaks(const char *p, size_t n)
{
	unsigned breaks = 0;

	/* This runs on every line: most hold none of a break's first bytes. */
	if (!memchr(p, '\r', n) && !memchr(p, 0xc2, n) && !memchr(p, 0xe2, n))
		return 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)p[i];
		size_t b;

		if (c != '\r' && c != 0xc2 && c != 0xe2) {
			i++;
			continue;
		}
		b = ka_line_break(p + i, n - i);

		/* The CR of a CRLF that ends the line is not another break. */
		if (b == 1 && p[i] == '\r' && i + 1 == n)
			break;
		breaks += b > 0;
		i += b ? b : 1;
	}
	return breaks;
}

/* See lines.h: `\\` and `k`, the first bytes kaudit looks for, are rare. */
bool ka_contains(const char *p, size_t n, const char *needle)
{
	size_t len = strlen(needle);
	const char *end = p + n, *q = p;

	while (len <= (size_t)(end - q) &&
	       (q = memchr(q, needle[0], (size_t)(end - q) - len + 1))) {
		if (memcmp(q, needle, len) == 0)
			return true;
		q++;
	}
	return false;
}

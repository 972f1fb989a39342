/* One error type: see kaudit/error.h. */
#include "kaudit/error.h"

#include "kaudit/clean.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void mark_cut(char *buf, size_t size, int n)
{
	static const char more[] = "...";

	if (n < 0)
		snprintf(buf, size, "unprintable message");
	else if ((size_t)n >= size && size >= sizeof(more))
		memcpy(buf + size - sizeof(more), more, sizeof(more));
}

char *ka_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	mark_cut(buf, size, n);
	return buf;
}

char *ka_format_dup(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	mark_cut(buf, sizeof(buf), n);
	return strdup(buf);
}

int ka_error_vset(struct ka_error *e, unsigned line, unsigned col,
		  const char *fmt, va_list ap)
{
	e->line = line;
	e->col = col;
	mark_cut(e->msg, sizeof(e->msg),
		 vsnprintf(e->msg, sizeof(e->msg), fmt, ap));
	return -1;
}

int ka_error_set(struct ka_error *e, unsigned line, unsigned col,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ka_error_vset(e, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void ka_error_print(FILE *out, const struct ka_error *e)
{
	if (e->file && e->line)
		ka_say(out, "kaudit: error: %s:%u:%u: %s", e->file, e->line,
		       e->col, e->msg);
	else if (e->file)
		ka_say(out, "kaudit: error: %s: %s", e->file, e->msg);
	else
		ka_say(out, "kaudit: error: %s", e->msg);
}

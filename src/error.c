/* One error type: see kaudit/error.h. */
#include "kaudit/error.h"

#include <stdarg.h>
#include <string.h>

int ka_error_vset(struct ka_error *e, unsigned line, unsigned col,
		  const char *fmt, va_list ap)
{
	static const char more[] = "...";
	int n;

	e->line = line;
	e->col = col;
	n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	if (n < 0)
		snprintf(e->msg, sizeof(e->msg), "unprintable error");
	else if ((size_t)n >= sizeof(e->msg))
		memcpy(e->msg + sizeof(e->msg) - sizeof(more), more,
		       sizeof(more));
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
	fputs("kaudit: error: ", out);
	if (e->file)
		fprintf(out, "%s:", e->file);
	if (e->file && e->line)
		fprintf(out, "%u:%u:", e->line, e->col);
	fprintf(out, "%s%s\n", e->file ? " " : "", e->msg);
}

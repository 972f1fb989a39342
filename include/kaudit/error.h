/*
 * One error type: a message with the file, line and column it is about
 * (libyaml's problem and problem_mark, a configuration mistake, a
 * refused document). A message too long for the buffer ends with "..."
 * rather than being cut silently.
 */
#ifndef KAUDIT_ERROR_H
#define KAUDIT_ERROR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct ka_error {
	char msg[512];	    /* "" when there is no error */
	const char *file;   /* or NULL */
	unsigned line, col; /* 1-based; 0 when unknown */
};

/* Set e's position and message (printf-style). Returns -1, for `return`. */
int ka_error_set(struct ka_error *e, unsigned line, unsigned col,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* ka_error_set with a va_list. */
int ka_error_vset(struct ka_error *e, unsigned line, unsigned col,
		  const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

/*
 * snprintf for messages: when the text does not fit in buf, it ends with
 * "..." so a cut is never silent. Returns buf.
 */
char *ka_format(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same, malloc'd (at most 1023 bytes); NULL when memory runs out. */
char *ka_format_dup(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* True when e holds an error. */
static inline bool ka_error_is_set(const struct ka_error *e)
{
	return e->msg[0] != '\0';
}

/*
 * Write "kaudit: error: FILE:LINE:COL: message" (the position parts that
 * are known) and a newline.
 */
void ka_error_print(FILE *out, const struct ka_error *e);

#endif

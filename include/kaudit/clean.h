/*
 * Text from input (names, messages, paths, config keys) as kaudit echoes
 * it on a terminal or in a CI log: one routine, so no raw newline starts
 * a line (no forged `::error` workflow command, no forged diagnostic) and
 * no terminal escape or invisible character reaches the reader.
 */
#ifndef KAUDIT_CLEAN_H
#define KAUDIT_CLEAN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Write s[0..n) with C0 controls, DEL and bytes that are not UTF-8 as
 * \xNN, and C1 controls (U+0080..U+009F), bidirectional controls
 * (U+202A..U+202E, U+2066..U+2069) and other invisible format characters
 * (U+00AD, U+061C, U+180E, U+200B..U+200F, U+2028, U+2029,
 * U+2060..U+2064, U+206A..U+206F, U+FEFF, U+FFF9..U+FFFB, tags
 * U+E0000..U+E007F) as \uXXXX (\UXXXXXXXX past U+FFFF).
 */
void ka_clean_write(FILE *out, const char *s, size_t n);

/* ka_clean_write of a C string. */
void ka_clean(FILE *out, const char *s);

/*
 * printf to out, the whole text cleaned (kaudit's own words are plain
 * ASCII; what they quote from input is not), then a newline.
 */
void ka_say(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ka_vsay(FILE *out, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* The cleaned text of s, allocated (free it), or NULL without memory. */
char *ka_clean_dup(const char *s);

#endif

#ifndef KAUDIT_LINES_H
#define KAUDIT_LINES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Line breaks as libyaml counts them, so that every line number kaudit
 * prints (findings, waivers, Helm templates) is the same: LF, CR, CRLF,
 * NEL (U+0085), LS (U+2028) and PS (U+2029). kubectl still splits
 * documents on LF lines only. ka_line_break: the length of the break at
 * p[0..n), or 0; ka_line_breaks: how many breaks p[0..n) holds (a line's
 * text without its final LF; a CR just before that LF is not counted).
 */
size_t ka_line_break(const char *p, size_t n);
unsigned ka_line_breaks(const char *p, size_t n);

/* Whether needle (not empty) occurs in p[0..n): a memchr for its first
 * byte, then a compare; far cheaper than memmem's two-way search when
 * that byte is rare. */
bool ka_contains(const char *p, size_t n, const char *needle);

#endif

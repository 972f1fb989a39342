/*
 * GitHub's line hash: the `primaryLocationLineHash` that
 * github/codeql-action/upload-sarif computes for a result from the
 * checked-out file (src/fingerprints.ts), computed the same way, so that
 * the action finds the value it would write and logs no warning, and an
 * upload through the REST API (which computes nothing) gets it too.
 *
 * For each line: a rolling hash (base 37, mod 2^64) over the first 100
 * UTF-16 code units from the line's start, spaces and tabs left out, CR
 * and CRLF read as LF, the end of the file as 65535 followed by zeros;
 * written as lowercase hex without leading zeros, then `:` and how many
 * lines of the file up to this one have that hash.
 */
#ifndef KAUDIT_LINEHASH_H
#define KAUDIT_LINEHASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ka_linehash {
	uint64_t *hash;	 /* per line, 1-based */
	uint32_t *count; /* the occurrence number */
	size_t nlines;
};

/* Hash every line of text (UTF-8, invalid bytes read as U+FFFD as
 * Node.js reads them), all held: the reference ka_linehash_lines is
 * tested against. 0, or -1 when memory runs out. */
int ka_linehash(const char *text, size_t len, struct ka_linehash *h);
void ka_linehash_free(struct ka_linehash *h);

/* Line `line`'s value ("39fa2ee980eb94b0:1") into buf (size >= 32);
 * 0, or -1 when the file has no such line. */
int ka_linehash_format(const struct ka_linehash *h, size_t line, char *buf,
		       size_t size);

/*
 * The hashes of some lines of the file at path, streamed (memory is O(n),
 * whatever the file's size): lines[0..n) ascending (repeats allowed);
 * hash[i] and count[i] for lines[i], count 0 for a line the file does
 * not have. Two passes: the asked lines' hashes, then how many lines up
 * to each have its hash. 0, or -1 when the file cannot be read or memory
 * runs out.
 */
int ka_linehash_lines(const char *path, const size_t *lines, size_t n,
		      uint64_t *hash, uint32_t *count);

#endif

/*
 * GitHub's line hashes for the SARIF results a log keeps, computed at the
 * end from the files, streamed (kaudit/linehash.h): a result is written
 * with a mark for its hash (a 0x01 byte, the file's number, `:`, the
 * line, 0x01; JSON strings never hold a raw 0x01), the marks of the kept
 * results are collected, each file is hashed once for the lines asked of
 * it, and the copy to the log writes each mark as
 * `"primaryLocationLineHash": "HASH:N", ` (or nothing, when the file or
 * the line cannot be read). Memory is the files' names and the kept
 * results' marks, never a file's text.
 */
#ifndef KAUDIT_SARIF_LINEHASH_H
#define KAUDIT_SARIF_LINEHASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kaudit/sarif_results.h"

struct ka_sarif_hash_ask {
	uint32_t file;
	uint32_t line;
	uint64_t hash;
	uint32_t count; /* 0: no hash */
};

struct ka_sarif_hashes {
	char **files; /* by number */
	size_t nfiles, capfiles;
	uint32_t *slots; /* open addressing on the name: number + 1 */
	size_t capslots;
	struct ka_sarif_hash_ask *asks; /* the kept marks, then sorted */
	size_t nasks, capasks;
	char mark[32]; /* a mark cut by a read, being collected */
	size_t nmark;
	bool in_mark, oom;
};

/* Write the mark for line of the file at path. */
void ka_sarif_hash_mark(struct ka_sarif_hashes *h, FILE *out, const char *path,
			unsigned line);

/* Sinks for ka_sarif_results_copy: collect the marks of the kept
 * results (out unused), then copy with the marks written as hashes. */
struct ka_sarif_sink ka_sarif_hash_collector(struct ka_sarif_hashes *h);
struct ka_sarif_sink ka_sarif_hash_writer(struct ka_sarif_hashes *h);

/* Hash the files for the collected marks (after the collecting copy). */
void ka_sarif_hash_compute(struct ka_sarif_hashes *h);

void ka_sarif_hashes_free(struct ka_sarif_hashes *h);

#endif

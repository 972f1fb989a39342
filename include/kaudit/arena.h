/* Bump allocator: one per document, freed (or reset) in one go. */
#ifndef KAUDIT_ARENA_H
#define KAUDIT_ARENA_H

#include <stddef.h>

struct ka_arena_block;

struct ka_arena {
	struct ka_arena_block *head; /* current block, newest first */
	char *cur, *end;
	/* Blocks a reset kept for later (at most 4 MB), and their bytes. */
	struct ka_arena_block *spare;
	size_t spare_bytes;
};

/* Start an empty arena; allocates nothing until first use. */
void ka_arena_init(struct ka_arena *a);

/*
 * Return n bytes aligned for any object, or NULL when memory runs out.
 * The memory lives until ka_arena_reset() or ka_arena_free().
 */
void *ka_arena_alloc(struct ka_arena *a, size_t n);

/* Copy n bytes and add a NUL; NULL when memory runs out. */
char *ka_arena_strndup(struct ka_arena *a, const char *s, size_t n);

/*
 * text[0..len) as a C string: text itself when it holds no NUL byte (it
 * must be NUL-terminated at len), else a copy from the arena with each
 * NUL shown as the two characters \0, so that no comparison stops at a
 * NUL. NULL when memory runs out.
 */
const char *ka_arena_cstr(struct ka_arena *a, const char *text, size_t len);

/* A point in an arena's allocations, to release everything after it. */
struct ka_arena_mark {
	struct ka_arena_block *head;
	char *cur;
};

struct ka_arena_mark ka_arena_mark(const struct ka_arena *a);

/*
 * Forget every allocation made since m was taken (a list's item, read one
 * at a time): the blocks added since are freed.
 */
void ka_arena_release(struct ka_arena *a, struct ka_arena_mark m);

/* Forget every allocation but keep the first block for reuse. */
void ka_arena_reset(struct ka_arena *a);

/* Release everything. */
void ka_arena_free(struct ka_arena *a);

#endif

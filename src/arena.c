#include "kaudit/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Big enough that a typical manifest needs one block and reuses it. */
#define BLOCK_SIZE (64 * 1024)
/*
 * What a reset keeps for the next documents: their blocks come back
 * without a trip through malloc, so a stream of large documents does not
 * hand its memory to the kernel and fault it in again after each one.
 */
#define SPARE_MAX ((size_t)4 << 20)

struct ka_arena_block {
	struct ka_arena_block *next;
	size_t size;
	alignas(max_align_t) char data[];
};

void ka_arena_init(struct ka_arena *a)
{
	a->head = a->spare = NULL;
	a->cur = a->end = NULL;
	a->spare_bytes = 0;
}

/* A spare block of at least size bytes, taken off the list, or NULL. */
static struct ka_arena_block *spare(struct ka_arena *a, size_t size)
{
	for (struct ka_arena_block **p = &a->spare; *p; p = &(*p)->next)
		if ((*p)->size >= size) {
			struct ka_arena_block *b = *p;

			*p = b->next;
			a->spare_bytes -= b->size;
			return b;
		}
	return NULL;
}

/* A block no longer in use: a spare while they fit SPARE_MAX, else
 * freed. */
static void retire(struct ka_arena *a, struct ka_arena_block *b)
{
	if (a->spare_bytes + b->size > SPARE_MAX) {
		free(b);
		return;
	}
	b->next = a->spare;
	a->spare = b;
	a->spare_bytes += b->size;
}

static int grow(struct ka_arena *a, size_t n)
{
	size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
	struct ka_arena_block *b;

	if (size > SIZE_MAX - sizeof(*b))
		return -1;
	b = spare(a, size);
	if (!b) {
		/* Round big blocks up, so that spares fit later needs. */
		if (size > BLOCK_SIZE && size < SPARE_MAX)
			size =
			    (size + BLOCK_SIZE - 1) / BLOCK_SIZE * BLOCK_SIZE;
		b = malloc(sizeof(*b) + size);
		if (!b)
			return -1;
		b->size = size;
	}
	b->next = a->head;
	a->head = b;
	a->cur = b->data;
	a->end = b->data + size;
	return 0;
}

void *ka_arena_alloc(struct ka_arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	char *p;

	if (n > SIZE_MAX - align)
		return NULL;
	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	if ((size_t)(a->end - a->cur) < n && grow(a, n) < 0)
		return NULL;
	p = a->cur;
	a->cur += n;
	return p;
}

char *ka_arena_strndup(struct ka_arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		return NULL;
	p = ka_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

struct ka_arena_mark ka_arena_mark(const struct ka_arena *a)
{
	struct ka_arena_mark m = {a->head, a->cur};

	return m;
}

void ka_arena_release(struct ka_arena *a, struct ka_arena_mark m)
{
	struct ka_arena_block *b;

	while (a->head && a->head != m.head) {
		b = a->head;
		a->head = b->next;
		retire(a, b);
	}
	if (!a->head) {
		a->cur = a->end = NULL;
		return;
	}
	a->cur = m.cur;
	a->end = a->head->data + a->head->size;
}

void ka_arena_reset(struct ka_arena *a)
{
	struct ka_arena_block *b, *keep = NULL;

	/* Keep the oldest standard-size block in use; the others become
	 * spares while they fit SPARE_MAX, else go back to malloc. */
	while ((b = a->head)) {
		a->head = b->next;
		if (!keep && b->size == BLOCK_SIZE)
			keep = b;
		else
			retire(a, b);
	}
	a->head = keep;
	if (keep) {
		keep->next = NULL;
		a->cur = keep->data;
		a->end = keep->data + keep->size;
	} else {
		a->cur = a->end = NULL;
	}
}

void ka_arena_free(struct ka_arena *a)
{
	struct ka_arena_block *b;

	while ((b = a->head)) {
		a->head = b->next;
		free(b);
	}
	while ((b = a->spare)) {
		a->spare = b->next;
		free(b);
	}
	a->spare_bytes = 0;
	a->cur = a->end = NULL;
}

const char *ka_arena_cstr(struct ka_arena *arena, const char *text, size_t len)
{
	size_t nuls = 0, k = 0;
	char *s;

	for (const char *p = text;
	     (p = memchr(p, '\0', (size_t)(text + len - p))); p++)
		nuls++;
	if (!nuls)
		return text;
	s = ka_arena_alloc(arena, len + nuls + 1);
	if (!s)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\0') {
			s[k++] = '\\';
			s[k++] = '0';
		} else {
			s[k++] = text[i];
		}
	}
	s[k] = '\0';
	return s;
}

/* FNV-1a over a C string: the string-keyed tables' hash (facts, files). */
#ifndef KAUDIT_STRHASH_H
#define KAUDIT_STRHASH_H

#include <stddef.h>
#include <stdint.h>

static inline size_t ka_str_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (size_t)h;
}

#endif

/*
 * A document too big to hold in memory cheaply, kept in an unlinked
 * temporary file (as sort(1) spills to $TMPDIR): its bytes are written as
 * they are read, the whole is mapped read-only when it is complete, and a
 * reader releases the pages it has passed (ka_spill_release), so a
 * document of any size costs a window of memory. Without a usable
 * temporary folder the document stays in memory.
 */
#ifndef KAUDIT_SPILL_H
#define KAUDIT_SPILL_H

#include <stdbool.h>
#include <stddef.h>

/* Documents that grow past this many bytes in memory are spilled. */
#define KA_SPILL_AT ((size_t)4 << 20)

struct ka_spill {
	int fd;	     /* the temporary file, or -1 */
	bool failed; /* none could be made: documents stay in memory */
	size_t off;  /* bytes of the document in the file */
	void *map;   /* the mapped document, or NULL */
	size_t maplen;
};

/* An unlinked file in $TMPDIR (or /tmp) only this process can reach, or
 * -1. */
int ka_spill_temp_fd(void);

void ka_spill_init(struct ka_spill *sp);
void ka_spill_free(struct ka_spill *sp);

/*
 * Append buf[0..n) to the document in the file: 1 done, 0 when there is
 * no temporary file (keep the bytes in memory), -1 on a write error
 * (errno set).
 */
int ka_spill_write(struct ka_spill *sp, const char *buf, size_t n);

/*
 * The document's len bytes (all in the file), mapped and followed by a
 * NUL; valid until ka_spill_reset. NULL on error (errno set).
 */
const char *ka_spill_map(struct ka_spill *sp, size_t len);

/* Unmap, and start the next document at the file's start. */
void ka_spill_reset(struct ka_spill *sp);

/*
 * Release the pages of the mapped text before text + upto (they are read
 * again from the file if touched). text must be what ka_spill_map gave.
 */
void ka_spill_release(const char *text, size_t upto);

#endif

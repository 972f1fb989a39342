/*
 * A byte stream split into documents as kubectl's YAMLOrJSONDecoder does,
 * after kubectl's BOM sniffing (UTF-16LE or BE with a BOM is decoded to
 * UTF-8; a UTF-8 BOM is dropped).
 * A stream whose first non-space byte is `{` is a stream of JSON values,
 * read one value at a time until something that is not JSON follows; the
 * rest is YAML. YAML is split by kubectl's YAMLReader rule: a line that
 * starts with `---` followed only by spaces or a `#` comment ends a
 * document. Only one document's bytes are held at a time (a YAML
 * document past KA_SPILL_AT in a temporary file, see kaudit/spill.h), and
 * positions stay positions in the file.
 */
#ifndef KAUDIT_STREAM_H
#define KAUDIT_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "kaudit/lines.h"
#include "kaudit/spill.h"

/*
 * How long a FIFO's writer may stay silent (kaudit <(helm template ...)
 * included): then the input is an error, never a hang.
 */
#define KA_STREAM_FIFO_SILENCE_MS 10000

/* The read buffer's size. */
#define KA_STREAM_READ_SIZE (64 * 1024)

/* Documents beyond this are reported and not audited. */
#define KA_STREAM_MAX_DOC ((size_t)256 << 20)

struct ka_stream {
	int fd;
	char *rbuf;
	size_t rpos, rlen;
	char *doc;
	size_t dlen, dcap;
	unsigned line; /* lines consumed */
	unsigned col;  /* characters consumed on the current line (JSON) */
	int mode;      /* 0 undecided, 1 a JSON stream, 2 YAML */
	bool eof;
	/*
	 * A FIFO is read without blocking at first: when no writer has
	 * opened it yet, wait up to this many milliseconds for one, then read
	 * it as empty (a FIFO nobody writes to must not hang kaudit).
	 */
	int fifo_grace_ms;
	bool writer_seen;
	bool cr; /* the last byte consumed was a CR (JSON values) */
	/*
	 * JSON values read: kubectl reads the stream as YAML after a JSON
	 * syntax error in the first or second value (from the start, or
	 * from the end of the first), and stops at one after that.
	 */
	unsigned json_values;
	bool stopped; /* kubectl reads no further */
	/*
	 * UTF-16 (a stream that starts with its BOM) is decoded to UTF-8 as
	 * it is read, as kubectl decodes it, so every document is split and
	 * read: 0 not known yet, 1 UTF-8, 2 UTF-16LE, 3 UTF-16BE.
	 */
	int encoding;
	unsigned char carry[4]; /* bytes of a unit or a pair not yet whole */
	size_t ncarry;
	/* doc holds the document's bytes from spill.off on (YAML only). */
	struct ka_spill spill;
	const char *watch; /* text whose presence chunks report, or NULL */
};

struct ka_chunk {
	const char *buf; /* the document's bytes and a NUL, valid until the
			  * next call */
	size_t len;
	unsigned first_line; /* file line of buf's first byte */
	unsigned first_col;  /* column where a JSON value starts, else 1 */
	/* A `---` line with other content after it (kubectl refuses it). */
	unsigned bad_separator_line;
	bool too_large; /* the document exceeded KA_STREAM_MAX_DOC */
	/* Why kubectl refuses this JSON value (or the stream here), else NULL.
	 */
	const char *refusal;
	bool mapped;  /* buf is a spilled document: ka_spill_release applies */
	bool marks;   /* a byte order mark after the first byte, or "\/" */
	bool watched; /* the stream's watched text occurs in buf */
};

/*
 * Report in each chunk whether text (without a newline) occurs in it, so
 * that nobody reads a big document only to look for it.
 */
void ka_stream_watch(struct ka_stream *s, const char *text);

/* Read documents from fd (not closed by the stream). 0, or -1 (ENOMEM). */
int ka_stream_init(struct ka_stream *s, int fd);
void ka_stream_free(struct ka_stream *s);

/*
 * The next document: 1 with c filled in, 0 at the end of the stream,
 * -1 on a read error (errno says which).
 */
int ka_stream_next(struct ka_stream *s, struct ka_chunk *c);

/*
 * kubectl's separator test on one line (without its newline):
 * 0 not a separator, 1 a separator, 2 `---` followed by other content.
 */
int ka_stream_separator(const char *line, size_t len);

/*
 * Refill s->rbuf from the file (src/read.c): decoded to UTF-8, s->eof set
 * at the end. 0, or -1 on a read error. For the stream's own use.
 */
int ka_stream_fill(struct ka_stream *s);

#endif

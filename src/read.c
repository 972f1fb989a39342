/*
 * The stream's reading: bytes as kubectl decodes them (a UTF-16 stream
 * to UTF-8, a UTF-8 BOM dropped), with a FIFO's bounded wait for a
 * writer. See kaudit/stream.h.
 */
#include "kaudit/stream.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kaudit/utf16.h"

/* read() into buf, waiting for a FIFO's writer; bytes, 0 at the end, -1. */
static ssize_t read_raw(struct ka_stream *s, char *buf, size_t size)
{
	ssize_t n;

	for (;;) {
		n = read(s->fd, buf, size);
		if (n > 0) {
			s->writer_seen = true;
			return n;
		}
		if (n == 0 && s->fifo_grace_ms > 0 && !s->writer_seen) {
			/* No writer yet: give one a moment to open the FIFO. */
			struct timespec ts = {0, 10 * 1000 * 1000};

			nanosleep(&ts, NULL);
			s->fifo_grace_ms -= 10;
			continue;
		}
		if (n == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			/*
			 * A writer is there: wait for its data (or its end),
			 * but not forever: a writer that holds the FIFO open
			 * and says nothing must not hang kaudit.
			 */
			struct pollfd p = {.fd = s->fd, .events = POLLIN};
			int r;

			s->writer_seen = true;
			r = poll(&p, 1, KA_STREAM_FIFO_SILENCE_MS);
			if (r == 0) {
				errno = ETIMEDOUT;
				return -1;
			}
			continue;
		}
		return -1;
	}
}

int ka_stream_fill(struct ka_stream *s)
{
	/* UTF-8 out of UTF-16 takes at most 3 bytes for 2: read 2/3. */
	size_t want = s->encoding == 1 ? KA_STREAM_READ_SIZE
				       : KA_STREAM_READ_SIZE / 3 * 2 - 4;
	unsigned char raw[KA_STREAM_READ_SIZE / 3 * 2];
	char *dst = s->encoding >= 2 ? (char *)raw : s->rbuf;
	ssize_t n = read_raw(s, dst, want);
	size_t skip = 0;

	if (n < 0)
		return -1;
	if (s->encoding == 0 && n >= 2) {
		const unsigned char *b = (const unsigned char *)dst;

		s->encoding = b[0] == 0xff && b[1] == 0xfe   ? 2
			      : b[0] == 0xfe && b[1] == 0xff ? 3
							     : 1;
		if (s->encoding >= 2) {
			/* Move what was read to raw and decode from there. */
			memcpy(raw, dst,
			       (size_t)n); /* n <= want < sizeof(raw) */
			skip = 2;
		} else if (n >= 3 && b[0] == 0xef && b[1] == 0xbb &&
			   b[2] == 0xbf) {
			/* kubectl's BOMOverride drops the stream's UTF-8 BOM.
			 */
			memmove(s->rbuf, s->rbuf + 3, (size_t)n - 3);
			n -= 3;
		}
	}
	if (n == 0)
		s->eof = true;
	s->rpos = 0;
	if (s->encoding >= 2)
		s->rlen = ka_utf16_decode(s->encoding == 3, s->carry,
					  &s->ncarry, raw + skip,
					  (size_t)n - skip, s->rbuf, n == 0);
	else
		s->rlen = (size_t)n;
	return 0;
}

#include "kaudit/stream.h"

#include "kaudit/jsonw.h"
#include "kaudit/resolve.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ka_stream_init(struct ka_stream *s, int fd)
{
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	ka_spill_init(&s->spill);
	s->rbuf = malloc(KA_STREAM_READ_SIZE);
	if (!s->rbuf) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void ka_stream_free(struct ka_stream *s)
{
	free(s->rbuf);
	free(s->doc);
	s->rbuf = s->doc = NULL;
	ka_spill_free(&s->spill);
}

void ka_stream_watch(struct ka_stream *s, const char *text)
{
	s->watch = text;
}

/* The document's byte at offset pos (at or past spill.off). */
static char *at(struct ka_stream *s, size_t pos)
{
	return s->doc + (pos - s->spill.off);
}

/* Note what a block of the document (from offset off) holds. */
static void scan_block(const struct ka_stream *s, struct ka_chunk *c,
		       const char *p, size_t n, size_t off)
{
	const size_t skip = off == 0 && n; /* a leading BOM is no mark */

	c->marks = c->marks || ka_contains(p, n, "\\/") ||
		   ka_resolve_has_bom(p + skip, n - skip);
	c->watched = c->watched ||
		     (s->watch && *s->watch && ka_contains(p, n, s->watch));
}

/* Move the document's bytes in memory to the temporary file. */
static int flush(struct ka_stream *s, struct ka_chunk *c)
{
	size_t n = s->dlen - s->spill.off;
	int r;

	scan_block(s, c, s->doc, n, s->spill.off);
	r = ka_spill_write(&s->spill, s->doc, n);
	if (r < 0)
		return -1;
	if (r == 0) /* no temporary file: rescanned at the end */
		c->marks = c->watched = false;
	return 0;
}

static bool is_go_space(char c)
{
	/* strings.TrimSpace on ASCII: \t \n \v \f \r and space */
	return c == ' ' || (c >= '\t' && c <= '\r');
}

int ka_stream_separator(const char *line, size_t len)
{
	size_t i = 3;

	if (len < 3 || memcmp(line, "---", 3) != 0)
		return 0;
	while (i < len && is_go_space(line[i]))
		i++;
	if (i == len || line[i] == '#')
		return 1;
	return 2;
}

static int append(struct ka_stream *s, const char *p, size_t n)
{
	const size_t used = s->dlen - s->spill.off;

	if (s->dcap - used < n + 1) {
		size_t cap = s->dcap ? s->dcap : KA_STREAM_READ_SIZE;
		char *d;

		while (cap - used < n + 1)
			cap *= 2;
		d = realloc(s->doc, cap);
		if (!d) {
			errno = ENOMEM;
			return -1;
		}
		s->doc = d;
		s->dcap = cap;
	}
	memcpy(at(s, s->dlen), p, n);
	s->dlen += n;
	*at(s, s->dlen) = '\0';
	return 0;
}

static int next_yaml(struct ka_stream *s, struct ka_chunk *c);

/* The next byte without consuming it, or -1 at the end (-2 on error). */
static int peek(struct ka_stream *s)
{
	while (s->rpos == s->rlen) {
		if (s->eof)
			return -1;
		if (ka_stream_fill(s) < 0)
			return -2;
	}
	return (unsigned char)s->rbuf[s->rpos];
}

static void advance(struct ka_stream *s, int ch)
{
	s->rpos++;
	/* A lone CR ends a line for libyaml; CRLF is one break. */
	if (ch == '\n' || ch == '\r') {
		if (!(ch == '\n' && s->cr))
			s->line++;
		s->col = 0;
		s->cr = ch == '\r';
		return;
	}
	s->cr = false;
	if ((ch & 0xc0) != 0x80) {
		s->col++; /* count characters, not UTF-8 continuation bytes */
	}
}

static bool json_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* kubectl's GuessJSONStream: the first non-space byte is `{`. */
static int sniff(struct ka_stream *s)
{
	if (ka_stream_fill(s) < 0)
		return -1;
	for (size_t i = 0; i < s->rlen && i < 4096; i++) {
		unsigned char ch = (unsigned char)s->rbuf[i];

		if (ch == ' ' || (ch >= '\t' && ch <= '\r'))
			continue;
		s->mode = ch == '{' ? 1 : 2;
		return 0;
	}
	s->mode = 2;
	return 0;
}

/*
 * Read bytes again: n bytes of p, then what is left of rbuf. The buffer
 * grows to hold them (ka_stream_fill() reads at most KA_STREAM_READ_SIZE into
 * it).
 */
static int unread(struct ka_stream *s, const char *p, size_t n)
{
	size_t rest = s->rlen - s->rpos;
	char *b = malloc(n + rest > KA_STREAM_READ_SIZE ? n + rest
							: KA_STREAM_READ_SIZE);

	if (!b) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(b, p, n);
	memcpy(b + n, s->rbuf + s->rpos, rest);
	free(s->rbuf);
	s->rbuf = b;
	s->rpos = 0;
	s->rlen = n + rest;
	return 0;
}

/*
 * kubectl meets a JSON syntax error where it expects the next value: it
 * reads the stream as YAML from there when it has read at most one value
 * (as YAML from the start when none), and stops after more.
 */
static int json_stop(struct ka_stream *s, struct ka_chunk *c)
{
	if (s->json_values < 2)
		return 0;
	c->refusal = "a JSON syntax error after the second JSON value: "
		     "kubectl refuses the stream from here";
	s->stopped = true;
	return 1;
}

/*
 * Where the last JSON value ended: the state kubectl rewinds to, after
 * the spaces and tabs that follow it on its line (lead bytes of doc).
 */
struct json_start {
	unsigned line, col;
	bool cr;
	size_t lead;
};

/* Read everything since the last value (in doc) again, as YAML. */
static int json_rewind(struct ka_stream *s, const struct json_start *at)
{
	if (unread(s, s->doc + at->lead, s->dlen - at->lead) < 0)
		return -1;
	s->dlen = 0;
	s->line = at->line;
	s->col = at->col + (unsigned)at->lead;
	s->cr = at->lead ? false : at->cr;
	s->mode = 2;
	return 0;
}

/* Keep one byte of a JSON value (or the space before it) in doc. */
static int json_keep(struct ka_stream *s, struct ka_chunk *c, int ch)
{
	char b = (char)ch;

	if (!c->too_large && s->dlen >= KA_STREAM_MAX_DOC) {
		c->too_large = true;
		s->dlen = 0;
	}
	if (!c->too_large && append(s, &b, 1) < 0)
		return -1;
	advance(s, ch);
	return 0;
}

/* Bytes of one JSON value, by its brackets, into doc; -1 on error. */
static int json_bytes(struct ka_stream *s, struct ka_chunk *c)
{
	int ch, depth = 0;
	bool in_string = false, escape = false;

	while ((ch = peek(s)) >= 0) {
		if (json_keep(s, c, ch) < 0)
			return -1;
		if (in_string) {
			if (escape)
				escape = false;
			else if (ch == '\\')
				escape = true;
			else if (ch == '"')
				in_string = false;
		} else if (ch == '"') {
			in_string = true;
		} else if (ch == '{' || ch == '[') {
			depth++;
		} else if (ch == '}' || ch == ']') {
			if (--depth == 0)
				break;
		}
	}
	return ch == -2 ? -1 : 0;
}

/* What kubectl makes of a JSON value read whole into doc from skip on. */
static int json_value(struct ka_stream *s, struct ka_chunk *c,
		      const struct json_start *at, size_t skip, int open)
{
	int r = ka_json_go_value(s->doc + skip, s->dlen - skip);

	if (r == KA_JSON_SYNTAX) {
		if (json_stop(s, c))
			return 1;
		return json_rewind(s, at) < 0 ? -1 : 0;
	}
	s->json_values++;
	if (r == KA_JSON_RANGE)
		c->refusal = "a JSON number beyond float64's range: kubectl "
			     "refuses it";
	else if (open == '[')
		c->refusal = "a JSON value that is not an object (kubectl "
			     "refuses it)";
	c->buf = s->doc + skip;
	c->len = s->dlen - skip;
	scan_block(s, c, c->buf, c->len, 0);
	return 1;
}

/*
 * One JSON value, or 0 when YAML takes over (s->mode becomes 2): kubectl
 * reads YAML from the end of the last value, so everything read since
 * (the space, and a value that is not JSON) is read again.
 */
static int next_json(struct ka_stream *s, struct ka_chunk *c)
{
	int ch;
	size_t skip;
	struct json_start at = {s->line, s->col, s->cr, 0};
	bool same_line = true;

	while ((ch = peek(s)) >= 0 && json_space(ch)) {
		same_line &= ch == ' ' || ch == '\t';
		at.lead += same_line;
		if (json_keep(s, c, ch) < 0)
			return -1;
	}
	if (ch == -2)
		return -1;
	if (ch == -1)
		return 0;
	c->first_line = s->line + 1;
	c->first_col = s->col + 1;
	if (c->too_large) { /* that much space: refused, as too large */
		s->dlen = 0;
		return 1;
	}
	if (ch != '{' && ch != '[') {
		if (json_stop(s, c))
			return 1;
		return json_rewind(s, &at) < 0 ? -1 : 0;
	}
	skip = s->dlen;
	if (json_bytes(s, c) < 0)
		return -1;
	if (c->too_large) {
		s->dlen = 0;
		return 1;
	}
	return json_value(s, c, &at, skip, ch);
}

int ka_stream_next(struct ka_stream *s, struct ka_chunk *c)
{
	if (s->mode == 0 && sniff(s) < 0)
		return -1;
	memset(c, 0, sizeof(*c));
	ka_spill_reset(&s->spill);
	if (s->stopped)
		return 0;
	s->dlen = 0;
	if (s->mode == 1) {
		int r = next_json(s, c);

		if (r != 0 || s->mode == 1)
			return r;
		/* YAML from where the last JSON value ended. */
	}
	return next_yaml(s, c);
}

/*
 * Append take bytes of a line; past KA_STREAM_MAX_DOC the document is
 * marked too large and only each line's head is kept (enough to see a
 * separator).
 */
static int keep(struct ka_stream *s, struct ka_chunk *c, const char *p,
		size_t take, size_t line_start, size_t line_len)
{
	size_t room;

	if (!c->too_large && s->dlen + take > KA_STREAM_MAX_DOC) {
		c->too_large = true;
		s->dlen = line_start;
	}
	if (!c->too_large)
		return append(s, p, take);
	room = line_len < 4096 ? 4096 - line_len : 0;
	return append(s, p, take < room ? take : room);
}

/*
 * kubectl's YAMLReader keeps a separator it meets with an empty buffer, a
 * last line without a newline too (a file of CR line ends is one such
 * line): the document then starts explicitly (`---` then `...` is an
 * empty document, a lone `...` is an error).
 */
static bool starts_document(const struct ka_chunk *c, int sep,
			    size_t line_start)
{
	return sep == 1 && line_start == 0 && !c->too_large;
}

/* The YAML document read: in memory, or the spilled file mapped. */
static int yaml_chunk(struct ka_stream *s, struct ka_chunk *c)
{
	if (c->too_large) {
		ka_spill_reset(&s->spill);
		s->dlen = 0;
	}
	if (s->spill.off) {
		if (flush(s, c) < 0 ||
		    !(c->buf = ka_spill_map(&s->spill, s->dlen)))
			return -1;
		c->mapped = true;
	} else {
		if (s->doc)
			s->doc[s->dlen] = '\0'; /* a separator may follow */
		c->buf = s->doc ? s->doc : "";
		scan_block(s, c, c->buf, s->dlen, 0);
	}
	c->len = s->dlen;
	return 1;
}

static int next_yaml(struct ka_stream *s, struct ka_chunk *c)
{
	size_t line_start = 0;
	size_t line_len = 0; /* bytes of the current line, even if dropped */
	size_t llen;
	unsigned line_no;
	int sep;

	c->first_line = s->line + 1;
	c->first_col = s->col + 1; /* YAML after JSON starts mid-line */
	s->col = 0;
	for (;;) {
		const char *p, *nl;
		size_t take;

		if (s->rpos == s->rlen) {
			if (s->eof)
				break;
			if (ka_stream_fill(s) < 0)
				return -1;
			continue;
		}
		p = s->rbuf + s->rpos;
		nl = memchr(p, '\n', s->rlen - s->rpos);
		take = nl ? (size_t)(nl - p) + 1 : s->rlen - s->rpos;
		s->rpos += take;
		if (keep(s, c, p, take, line_start, line_len) < 0)
			return -1;
		line_len += take;
		if (!nl)
			continue;
		llen = s->dlen - line_start;
		if (llen && *at(s, s->dlen - 1) == '\n')
			llen--;
		line_no = s->line + 1;
		s->line += 1 + ka_line_breaks(at(s, line_start), llen);
		sep = ka_stream_separator(at(s, line_start), llen);
		if (starts_document(c, sep, line_start))
			sep = 0;
		if (sep) {
			s->dlen = line_start;
			if (sep == 2)
				c->bad_separator_line = line_no;
			goto out;
		}
		if (c->too_large)
			s->dlen = line_start;
		line_start = s->dlen;
		line_len = 0;
		if (s->dlen - s->spill.off >= KA_SPILL_AT && !c->too_large &&
		    !s->spill.failed && flush(s, c) < 0)
			return -1;
	}
	/* A last line without a newline. */
	if (line_len > 0) {
		line_no = s->line + 1;
		s->line +=
		    1 + ka_line_breaks(at(s, line_start), s->dlen - line_start);
		sep = ka_stream_separator(at(s, line_start),
					  s->dlen - line_start);
		if (starts_document(c, sep, line_start))
			sep = 0;
		if (sep) {
			s->dlen = line_start;
			if (sep == 2)
				c->bad_separator_line = line_no;
		}
	}
	if (s->dlen == 0 && !c->bad_separator_line && !c->too_large)
		return 0;
out:
	return yaml_chunk(s, c);
}

/*
 * Waiver comments in a document's text: `# kaudit:ignore ...` where
 * libyaml's scanner reads a comment (see suppress.h, ka_waiver_scan).
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "kaudit/lines.h"
#include "kaudit/suppress.h"

static bool space(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * A `#` starts a comment at the start of a line or after a blank, outside
 * quotes. Quotes are tracked on the line only: a comment never follows an
 * open multi-line quoted scalar in practice.
 */
static const char *comment_start(const char *p, const char *end)
{
	char quote = 0;

	for (const char *s = p; s < end; s++) {
		if (quote) {
			if (*s == quote)
				quote = 0;
			else if (quote == '"' && *s == '\\' && s + 1 < end)
				s++;
			continue;
		}
		if ((*s == '"' || *s == '\'') &&
		    (s == p || space(s[-1]) || s[-1] == ':' || s[-1] == '[' ||
		     s[-1] == '{' || s[-1] == ','))
			quote = *s;
		else if (*s == '#' && (s == p || space(s[-1])))
			return s;
	}
	return NULL;
}

/*
 * Where the line at p ends, at a break as libyaml counts them (so a
 * waiver's line is the line kaudit reports); *next is the next line.
 */
static const char *line_end(const char *p, const char *end, const char **next)
{
	for (const char *q = p; q < end; q++) {
		size_t b;

		if (*q != '\n' && *q != '\r' && *q != '\xc2' && *q != '\xe2')
			continue;
		b = ka_line_break(q, (size_t)(end - q));
		if (b) {
			*next = q + b;
			return q;
		}
	}
	*next = end;
	return end;
}

/* Characters (not UTF-8 continuation bytes) in p[0..end). */
static unsigned chars(const char *p, const char *end)
{
	unsigned n = 0;

	for (; p < end; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	return n;
}

static bool before(unsigned l1, unsigned c1, unsigned l2, unsigned c2)
{
	return l1 < l2 || (l1 == l2 && c1 < c2);
}

/*
 * Keep the waivers (in text order) whose `#` libyaml's scanner reads as a
 * comment: outside every scalar (plain, quoted, block: all their lines)
 * and tag, and before any scanner error. Returns how many are kept.
 */
static size_t real_comments(const char *buf, size_t len, unsigned first_line,
			    struct ka_waiver *v, size_t n)
{
	yaml_parser_t parser;
	yaml_token_t tok;
	size_t i = 0, out = 0;
	bool done = false, broken = false;

	if (!n || !yaml_parser_initialize(&parser))
		return n; /* out of memory: the line view stands */
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done && i < n) {
		unsigned l0, c0, l1, c1;

		if (!yaml_parser_scan(&parser, &tok)) {
			broken = true;
			break;
		}
		done = tok.type == YAML_STREAM_END_TOKEN;
		if (tok.type == YAML_SCALAR_TOKEN ||
		    tok.type == YAML_TAG_TOKEN) {
			l0 = (unsigned)tok.start_mark.line + first_line;
			c0 = (unsigned)tok.start_mark.column + 1;
			l1 = (unsigned)tok.end_mark.line + first_line;
			c1 = (unsigned)tok.end_mark.column + 1;
			/* A block scalar's header line may end in a comment. */
			if (tok.type == YAML_SCALAR_TOKEN &&
			    (tok.data.scalar.style ==
				 YAML_LITERAL_SCALAR_STYLE ||
			     tok.data.scalar.style ==
				 YAML_FOLDED_SCALAR_STYLE)) {
				l0++;
				c0 = 0;
			}
			for (; i < n && before(v[i].line, v[i].col, l1, c1);
			     i++) {
				if (before(v[i].line, v[i].col, l0, c0))
					v[out++] = v[i];
				else
					ka_waiver_free(&v[i]);
			}
		}
		yaml_token_delete(&tok);
	}
	/* Past a scanner error nothing is known to be a comment. */
	for (; i < n; i++) {
		if (!broken ||
		    before(v[i].line, v[i].col,
			   (unsigned)parser.problem_mark.line + first_line,
			   (unsigned)parser.problem_mark.column + 1))
			v[out++] = v[i];
		else
			ka_waiver_free(&v[i]);
	}
	yaml_parser_delete(&parser);
	return out;
}

struct ka_waiver *ka_waiver_scan(const char *buf, size_t len,
				 unsigned first_line, size_t *n)
{
	struct ka_waiver *v = NULL;
	size_t cap = 0;
	const char *p = buf, *end = buf + len;
	unsigned line = first_line;

	*n = 0;
	while (p < end) {
		const char *next;
		const char *eol = line_end(p, end, &next);
		const char *c;

		/* Cheap test first: most lines have no mark. */
		if (memchr(p, '#', (size_t)(eol - p)) &&
		    (c = comment_start(p, eol))) {
			const char *t = c + 1;

			while (t < eol && space(*t))
				t++;
			if ((size_t)(eol - t) >= strlen(KA_COMMENT_MARK) &&
			    memcmp(t, KA_COMMENT_MARK,
				   strlen(KA_COMMENT_MARK)) == 0) {
				struct ka_waiver *w;

				if (*n == cap) {
					size_t nc = cap ? cap * 2 : 8;
					struct ka_waiver *q =
					    realloc(v, nc * sizeof(*q));

					if (!q) {
						for (size_t k = 0; k < *n; k++)
							ka_waiver_free(&v[k]);
						free(v);
						*n = 0;
						return NULL;
					}
					v = q;
					cap = nc;
				}
				w = &v[(*n)++];
				memset(w, 0, sizeof(*w));
				t += strlen(KA_COMMENT_MARK);
				if (ka_waiver_parse_comment(
					t, (size_t)(eol - t), w) < 0) {
					for (size_t k = 0; k < *n; k++)
						ka_waiver_free(&v[k]);
					free(v);
					*n = 0;
					return NULL;
				}
				w->line = w->end_line = line;
				w->col = chars(p, c) + 1;
				w->end_col = w->col + chars(c, eol);
				if (w->end_col > w->col && eol[-1] == '\r')
					w->end_col--;
			}
		}
		line++;
		p = next;
	}
	*n = real_comments(buf, len, first_line, v, *n);
	return v;
}

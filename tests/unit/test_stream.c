/* Document splitting by kubectl's YAMLReader rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kaudit/stream.h"

struct doc {
	char text[256];
	unsigned first_line, first_col, bad_sep;
	const char *refusal;
};

/* Split bytes s[0..len) through a pipe; returns the number of documents. */
static size_t split_bytes(const char *s, size_t len, struct doc *docs,
			  size_t max)
{
	struct ka_stream st;
	struct ka_chunk c;
	size_t n = 0;
	int fds[2];

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], s, len), (ssize_t)len);
	close(fds[1]);
	assert_int_equal(ka_stream_init(&st, fds[0]), 0);
	while (ka_stream_next(&st, &c) > 0 && n < max) {
		snprintf(docs[n].text, sizeof(docs[n].text), "%.*s", (int)c.len,
			 c.buf);
		docs[n].first_line = c.first_line;
		docs[n].first_col = c.first_col;
		docs[n].refusal = c.refusal;
		docs[n].bad_sep = c.bad_separator_line;
		n++;
	}
	ka_stream_free(&st);
	close(fds[0]);
	return n;
}

static size_t split(const char *s, struct doc *docs, size_t max)
{
	return split_bytes(s, strlen(s), docs, max);
}

/* text (ASCII, with one U+1F600) as UTF-16 with its BOM. */
static size_t to_utf16(const char *text, bool big, char *out)
{
	size_t o = 0;

	out[o++] = big ? '\xfe' : '\xff';
	out[o++] = big ? '\xff' : '\xfe';
	for (const char *p = text; *p; p++) {
		unsigned units[2] = {(unsigned char)*p, 0};
		size_t nu = 1;

		if (*p == '@') { /* stands for U+1F600, a surrogate pair */
			units[0] = 0xd83d;
			units[1] = 0xde00;
			nu = 2;
		}
		for (size_t k = 0; k < nu; k++) {
			out[o++] =
			    (char)(big ? units[k] >> 8 : units[k] & 0xff);
			out[o++] =
			    (char)(big ? units[k] & 0xff : units[k] >> 8);
		}
	}
	return o;
}

/* kubectl decodes UTF-16 with a BOM before it splits: every document. */
static void test_stream__utf16_streams(void **state)
{
	const char text[] = "a: @\n---\nb: 2\n---\nc: 3\n";
	char buf[256];
	struct doc d[8];

	(void)state;
	for (int big = 0; big < 2; big++) {
		size_t len = to_utf16(text, big, buf);

		assert_int_equal(split_bytes(buf, len, d, 8), 3);
		assert_string_equal(d[0].text, "a: \xf0\x9f\x98\x80\n");
		assert_string_equal(d[1].text, "b: 2\n");
		assert_int_equal(d[1].first_line, 3);
		assert_string_equal(d[2].text, "c: 3\n");
		assert_int_equal(d[2].first_line, 5);
	}
	/* An odd byte at the end and an unpaired surrogate: U+FFFD. */
	memcpy(buf,
	       "\xff\xfe"
	       "a\0:\0 \0\x00\xd8x\0"
	       "y",
	       13);
	assert_int_equal(split_bytes(buf, 13, d, 8), 1);
	assert_string_equal(d[0].text, "a: \xef\xbf\xbdx\xef\xbf\xbd");
}

static void test_stream__separator_rule(void **state)
{
	(void)state;
	assert_int_equal(ka_stream_separator("---", 3), 1);
	assert_int_equal(ka_stream_separator("---   ", 6), 1);
	assert_int_equal(ka_stream_separator("--- # c", 7), 1);
	assert_int_equal(ka_stream_separator("---\r", 4), 1);
	assert_int_equal(ka_stream_separator("--- a: 1", 8), 2);
	assert_int_equal(ka_stream_separator("----", 4), 2);
	assert_int_equal(ka_stream_separator(" ---", 4), 0);
	assert_int_equal(ka_stream_separator("--", 2), 0);
}

static void test_stream__documents_and_lines(void **state)
{
	struct doc d[8];
	size_t n;

	(void)state;
	/*
	 * kubectl's YAMLReader keeps a separator met with an empty buffer:
	 * that document starts explicitly.
	 */
	n = split("---\na: 1\n---\n---\nb: 2\n# x\n--- # end\nc: 3", d, 8);
	assert_int_equal(n, 3);
	assert_string_equal(d[0].text, "---\na: 1\n");
	assert_int_equal(d[0].first_line, 1);
	assert_string_equal(d[1].text, "---\nb: 2\n# x\n");
	assert_int_equal(d[1].first_line, 4);
	assert_string_equal(d[2].text, "c: 3");
	assert_int_equal(d[2].first_line, 8);
}

static void test_stream__bad_separator_is_reported(void **state)
{
	struct doc d[8];
	size_t n;

	(void)state;
	n = split("a: 1\n--- b: 2\nc: 3\n", d, 8);
	assert_int_equal(n, 2);
	assert_string_equal(d[0].text, "a: 1\n");
	assert_int_equal(d[0].bad_sep, 2);
	assert_string_equal(d[1].text, "c: 3\n");
	assert_int_equal(d[1].first_line, 3);
}

static void test_stream__crlf_and_empty(void **state)
{
	struct doc d[8];

	(void)state;
	assert_int_equal(split("", d, 8), 0);
	/*
	 * CR line ends only: one line for kubectl's reader, whose leading
	 * `---` starts the document (it is not dropped).
	 */
	assert_int_equal(split("--- # x\ra: 1\r---\rb: 2\r", d, 8), 1);
	assert_string_equal(d[0].text, "--- # x\ra: 1\r---\rb: 2\r");
	assert_int_equal(d[0].first_line, 1);
	/* Two separators: one empty document that starts explicitly. */
	assert_int_equal(split("---\n---\n", d, 8), 1);
	assert_string_equal(d[0].text, "---\n");
	assert_int_equal(split("a: 1\r\n---\r\nb: 2\r\n", d, 8), 2);
	assert_string_equal(d[1].text, "b: 2\r\n");
	assert_int_equal(d[1].first_line, 3);
}

static void test_stream__json_values_then_yaml(void **state)
{
	struct doc d[8];
	size_t n;

	(void)state;
	/* One value, then YAML from the end of it (after its line's spaces). */
	n = split("\n {\"a\": \"}{\"} \n---\nc: 3\n", d, 8);
	assert_int_equal(n, 3);
	assert_string_equal(d[0].text, "{\"a\": \"}{\"}");
	assert_int_equal(d[0].first_line, 2);
	assert_int_equal(d[0].first_col, 2);
	/*
	 * The rest of the value's line is YAML, so the `---` ends a blank
	 * document instead of starting one (a `...` after it would be
	 * refused, as kubectl refuses it).
	 */
	assert_string_equal(d[1].text, "\n");
	assert_int_equal(d[1].first_line, 2);
	assert_int_equal(d[1].first_col, 14);
	assert_string_equal(d[2].text, "c: 3\n");
	assert_int_equal(d[2].first_line, 4);
	/* YAML on the value's own line starts mid-line, at its column. */
	n = split("{\"a\": 1}  b: 2\nc: 3\n", d, 8);
	assert_int_equal(n, 2);
	assert_string_equal(d[1].text, "b: 2\nc: 3\n");
	assert_int_equal(d[1].first_line, 1);
	assert_int_equal(d[1].first_col, 11);
	/* A YAML stream that mentions JSON later stays YAML. */
	n = split("a: 1\n{\"b\": 2}\n", d, 8);
	assert_int_equal(n, 1);
}

/*
 * kubectl's JSON decoder meets a syntax error: at the first value the
 * whole stream is YAML, at the second YAML follows the first, after two
 * values kubectl stops.
 */
static void test_stream__json_syntax_error(void **state)
{
	struct doc d[8];
	size_t n;

	(void)state;
	n = split("{a: 1}\n---\nb: 2\n", d, 8);
	assert_int_equal(n, 2);
	assert_string_equal(d[0].text, "{a: 1}\n");
	assert_null(d[0].refusal);
	assert_string_equal(d[1].text, "b: 2\n");
	n = split("{\"a\": 1}\n{b: 2}\n---\nc: 3\n", d, 8);
	assert_int_equal(n, 3);
	assert_string_equal(d[1].text, "\n{b: 2}\n");
	assert_string_equal(d[2].text, "c: 3\n");
	n = split("{\"a\": 1} {\"b\": 2}\n---\nc: 3\n", d, 8);
	assert_int_equal(n, 3);
	assert_string_equal(d[1].text, "{\"b\": 2}");
	assert_non_null(d[2].refusal);
	assert_int_equal(d[2].first_line, 2);
	/* A number past float64, an array: values kubectl refuses. */
	n = split("{\"a\": 1e400} [1]", d, 8);
	assert_int_equal(n, 2);
	assert_non_null(d[0].refusal);
	assert_non_null(d[1].refusal);
}

/* Escapes Go reads that YAML does not are rewritten, columns kept. */
static void test_stream__json_escapes(void **state)
{
	struct doc d[8];

	(void)state;
	assert_int_equal(
	    split("{\"a\": \"\\ud83d\\ude00\\ud83d\\/\", \"b\": 1}", d, 8), 1);
	assert_string_equal(d[0].text,
			    "{\"a\": \"\\U0001F600\\uFFFD/\"   , \"b\": 1}");
	assert_null(d[0].refusal);
}

/* A document past KA_SPILL_AT, a BOM-free "\/" on its last line, then
 * a small one with a waiver mark: the text in a temporary file. */
static FILE *big_stream(size_t *len1)
{
	FILE *f = tmpfile();
	size_t n = 0;

	assert_non_null(f);
	n += (size_t)fprintf(f, "items:\n");
	while (n < KA_SPILL_AT + (KA_SPILL_AT >> 1))
		n += (size_t)fprintf(f, "- {name: item-%zu}\n", n);
	n += (size_t)fprintf(f, "- \"a\\/b\"\n");
	*len1 = n;
	fprintf(f, "---\nb: 2  # kaudit:ignore\n");
	fflush(f);
	rewind(f);
	return f;
}

static void read_big(FILE *f, size_t len1, bool spilled)
{
	struct ka_stream st;
	struct ka_chunk c;
	char *want = malloc(len1);

	assert_non_null(want);
	assert_int_equal(fread(want, 1, len1, f), len1);
	rewind(f);
	assert_int_equal(ka_stream_init(&st, fileno(f)), 0);
	ka_stream_watch(&st, "kaudit:ignore");
	assert_int_equal(ka_stream_next(&st, &c), 1);
	assert_int_equal(c.mapped, spilled);
	assert_int_equal(c.len, len1);
	assert_memory_equal(c.buf, want, len1);
	assert_int_equal(c.buf[c.len], '\0');
	assert_true(c.marks); /* the "\/" on its last line */
	assert_false(c.watched);
	/* Pages released behind a reader come back from the file. */
	if (c.mapped) {
		ka_spill_release(c.buf, c.len);
		assert_memory_equal(c.buf, want, len1);
	}
	assert_int_equal(ka_stream_next(&st, &c), 1);
	assert_false(c.mapped);
	assert_true(c.watched);
	assert_false(c.marks);
	assert_string_equal(c.buf, "b: 2  # kaudit:ignore\n");
	assert_int_equal(ka_stream_next(&st, &c), 0);
	ka_stream_free(&st);
	free(want);
}

/*
 * A big document is kept in an unlinked temporary file and mapped, the
 * same bytes; with no usable temporary folder it stays in memory.
 */
static void test_stream__big_document_is_spilled(void **state)
{
	const char *tmpdir = getenv("TMPDIR");
	char *saved = tmpdir ? strdup(tmpdir) : NULL;
	size_t len1;
	FILE *f = big_stream(&len1);

	(void)state;
	read_big(f, len1, true);
	rewind(f);
	setenv("TMPDIR", "/nonexistent/kaudit-test", 1);
	read_big(f, len1, false);
	if (saved)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stream__utf16_streams),
	    cmocka_unit_test(test_stream__separator_rule),
	    cmocka_unit_test(test_stream__documents_and_lines),
	    cmocka_unit_test(test_stream__bad_separator_is_reported),
	    cmocka_unit_test(test_stream__crlf_and_empty),
	    cmocka_unit_test(test_stream__json_values_then_yaml),
	    cmocka_unit_test(test_stream__json_syntax_error),
	    cmocka_unit_test(test_stream__json_escapes),
	    cmocka_unit_test(test_stream__big_document_is_spilled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

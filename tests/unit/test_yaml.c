/* The libyaml tree: positions, aliases, merges, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kaudit/scalar.h"
#include "kaudit/yaml.h"

static struct ka_yaml *y;
static struct ka_arena arena;

static int setup(void **state)
{
	(void)state;
	y = ka_yaml_new();
	ka_arena_init(&arena);
	return y ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ka_yaml_free(y);
	ka_arena_free(&arena);
	return 0;
}

static int parse(const char *s, struct ka_doc *doc)
{
	ka_arena_reset(&arena);
	return ka_yaml_parse(y, &arena, s, strlen(s), 1, 1, doc);
}

static bool get_bool(const struct ka_node *map, const char *key)
{
	struct ka_value v;

	ka_node_value(ka_map_get(map, key), &v);
	assert_int_equal(v.type, KA_TYPE_BOOL);
	return v.b;
}

static void test_yaml__positions(void **state)
{
	struct ka_doc doc;
	const struct ka_node *n, *k;

	(void)state;
	assert_int_equal(parse("a:\n  b: [1, \"x\"]\n  c: |\n    text\n", &doc),
			 0);
	n = ka_map_get_key(ka_map_get(doc.root, "a"), "b", &k);
	assert_int_equal(k->line, 2);
	assert_int_equal(k->col, 3);
	assert_int_equal(n->line, 2);
	assert_int_equal(n->col, 6);
	assert_int_equal(n->end_col, 14);
	assert_int_equal(ka_seq_at(n, 1)->col, 10);
	assert_int_equal(ka_seq_at(n, 1)->style, KA_STYLE_DOUBLE_QUOTED);
	n = ka_map_get(ka_map_get(doc.root, "a"), "c");
	assert_int_equal(n->style, KA_STYLE_LITERAL);
	assert_string_equal(n->u.s.text, "text\n");
	/* Positions count from the document's first line in its file. */
	ka_arena_reset(&arena);
	assert_int_equal(ka_yaml_parse(y, &arena, "x: 1\n", 5, 40, 1, &doc), 0);
	assert_int_equal(ka_map_get(doc.root, "x")->line, 40);
}

static void test_yaml__aliases_are_not_copied(void **state)
{
	struct ka_doc doc;
	const struct ka_node *a, *b;

	(void)state;
	assert_int_equal(parse("a: &x {k: 1}\nb: *x\n", &doc), 0);
	a = ka_map_get(doc.root, "a");
	b = ka_map_get(doc.root, "b");
	assert_ptr_equal(a, b);
	assert_int_equal(doc.root->u.c.v[3]->kind, KA_NODE_ALIAS);
	assert_int_equal(doc.root->u.c.v[3]->line, 2);
}

static void test_yaml__merge_order(void **state)
{
	struct ka_doc doc;

	(void)state;
	assert_int_equal(parse("p: false\n<<: {p: true}\n", &doc), 0);
	assert_true(get_bool(doc.root, "p"));
	assert_int_equal(parse("<<: {p: true}\np: false\n", &doc), 0);
	assert_false(get_bool(doc.root, "p"));
	assert_int_equal(parse("a: &a {p: true}\nb: &b {p: false, q: yes}\n"
			       "c: {<<: [*a, *b]}\n",
			       &doc),
			 0);
	assert_true(get_bool(ka_map_get(doc.root, "c"), "p"));
	assert_true(get_bool(ka_map_get(doc.root, "c"), "q"));
	assert_int_equal(parse("a: {<<: 3}\n", &doc), -1);
	assert_non_null(strstr(doc.err.msg, "map merge requires"));
	/* A quoted "<<" is an ordinary key. */
	assert_int_equal(parse("\"<<\": {p: true}\n", &doc), 0);
	assert_null(ka_map_get(doc.root, "p"));
}

static void test_yaml__duplicate_keys(void **state)
{
	struct ka_doc doc;
	char big[64 * 1024];
	size_t n = 0;

	(void)state;
	assert_int_equal(parse("p: false\nq: 1\np: true\n", &doc), 0);
	assert_true(get_bool(doc.root, "p"));
	assert_non_null(doc.dups);
	assert_int_equal(doc.dups->key->line, 3);
	assert_int_equal(doc.dups->first->line, 1);
	assert_null(doc.dups->next);
	/* yes and true are the same key to kubectl. */
	assert_int_equal(parse("yes: 1\na: 2\nb: 3\ntrue: 2\n", &doc), 0);
	assert_non_null(doc.dups);
	/* Large mappings take the sorted path. */
	for (int i = 0; i < 1000; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "k%d: %d\n", i,
				      i);
	snprintf(big + n, sizeof(big) - n, "k500: again\n");
	assert_int_equal(parse(big, &doc), 0);
	assert_non_null(doc.dups);
	assert_int_equal(doc.dups->key->line, 1001);
	assert_int_equal(doc.dups->first->line, 501);
	assert_null(doc.dups->next);
}

static void test_yaml__alias_key_compares_as_text(void **state)
{
	struct ka_doc doc;

	(void)state;
	assert_int_equal(
	    parse("- &k privileged\n- {privileged: false, *k : true}\n", &doc),
	    0);
	assert_true(get_bool(ka_seq_at(doc.root, 1), "privileged"));
	assert_non_null(doc.dups);
}

static void test_yaml__refused_documents(void **state)
{
	struct ka_doc doc;

	(void)state;
	assert_int_equal(parse("a: *nope\n", &doc), -1);
	assert_non_null(strstr(doc.err.msg, "unknown anchor"));
	assert_int_equal(parse("a: &s\n  b: *s\n", &doc), -1);
	assert_non_null(strstr(doc.err.msg, "contains itself"));
	assert_int_equal(parse("a: [1\n", &doc), -1);
	assert_int_equal(doc.err.line, 2);
	assert_int_equal(parse("a: \xff\n", &doc), -1);
	assert_int_equal(parse("a: \x01\n", &doc), -1);
	assert_int_equal(parse("~: 1\n", &doc), -1);
}

/* go-yaml has no \/ escape: refused in double quotes, text elsewhere. */
static void test_yaml__slash_escape(void **state)
{
	struct ka_doc doc;

	(void)state;
	assert_int_equal(parse("a: \"x\\/y\"\n", &doc), -1);
	assert_string_equal(doc.err.msg, "found unknown escape character "
					 "(while parsing a quoted scalar at "
					 "line 1)");
	assert_int_equal(parse("a: 'x\\/y'\nb: x\\/y\nc: \"x\\\\/y\"\n"
			       "d: \"\\x5cc\"\n",
			       &doc),
			 0);
	assert_string_equal(ka_map_get(doc.root, "a")->u.s.text, "x\\/y");
	assert_string_equal(ka_map_get(doc.root, "b")->u.s.text, "x\\/y");
	assert_string_equal(ka_map_get(doc.root, "c")->u.s.text, "x\\/y");
	/* An escaped backslash then 'c' is not taken for a mark. */
	assert_string_equal(ka_map_get(doc.root, "d")->u.s.text, "\\c");
}

/* A buffer that starts mid-line (YAML after a JSON value). */
static void test_yaml__first_column(void **state)
{
	struct ka_doc doc;

	(void)state;
	ka_arena_reset(&arena);
	assert_int_equal(
	    ka_yaml_parse(y, &arena, "a: 1\nb: 2\n", 10, 3, 20, &doc), 0);
	assert_int_equal(ka_map_get(doc.root, "a")->line, 3);
	assert_int_equal(ka_map_get(doc.root, "a")->col, 23);
	assert_int_equal(ka_map_get(doc.root, "b")->line, 4);
	assert_int_equal(ka_map_get(doc.root, "b")->col, 4);
}

static void test_yaml__alias_bomb_is_refused_quickly(void **state)
{
	char buf[4096];
	size_t n = 0;
	struct ka_doc doc;

	(void)state;
	n += (size_t)snprintf(buf + n, sizeof(buf) - n,
			      "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < 10; i++)
		n += (size_t)snprintf(
		    buf + n, sizeof(buf) - n,
		    "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, "
		    "*a%d, *a%d, *a%d]\n",
		    i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
		    i - 1, i - 1, i - 1);
	assert_int_equal(parse(buf, &doc), -1);
	assert_non_null(strstr(doc.err.msg, "excessive aliasing"));
	/* A few aliases of a small anchor are fine. */
	assert_int_equal(parse("a: &a [1, 2]\nb: [*a, *a, *a]\n", &doc), 0);
}

static void test_yaml__deep_nesting_is_refused(void **state)
{
	size_t depth = 100000;
	char *buf = malloc(depth * 2 + 2);
	struct ka_doc doc;

	(void)state;
	assert_non_null(buf);
	memset(buf, '[', depth);
	memset(buf + depth, ']', depth);
	buf[depth * 2] = '\n';
	buf[depth * 2 + 1] = '\0';
	assert_int_equal(parse(buf, &doc), -1);
	assert_non_null(strstr(doc.err.msg, "nesting deeper than 10000"));
	/* 10,000 levels are still read. */
	memset(buf, '[', 10000);
	memset(buf + 10000, ']', 10000);
	buf[20000] = '\0';
	assert_int_equal(parse(buf, &doc), 0);
	free(buf);
}

/*
 * Read text in KA_YAML_ITEMS mode: the names of the items handed out
 * (comma-separated into out), and the last result of ka_yaml_next.
 */
static int items(const char *text, char *out, size_t size, struct ka_doc *doc)
{
	struct ka_chunk c = {.buf = text,
			     .len = strlen(text),
			     .first_line = 1,
			     .first_col = 1,
			     .marks = true};
	struct ka_node *item;
	int r;

	out[0] = '\0';
	ka_arena_reset(&arena);
	r = ka_yaml_begin(y, &arena, &c, doc, KA_YAML_ITEMS);
	while (r >= 0 && (r = ka_yaml_next(y, &item)) == 1) {
		const char *name = ka_node_str(ka_map_get(item, "name"));
		size_t dups = 0;

		for (const struct ka_yaml_dup *d = doc->item_dups; d;
		     d = d->next)
			dups++;
		snprintf(out + strlen(out), size - strlen(out), "%s%s%s",
			 out[0] ? "," : "", name ? name : "?",
			 dups ? "+dup" : "");
	}
	return r;
}

static void test_yaml__list_items_one_at_a_time(void **state)
{
	struct ka_doc doc;
	char names[200];
	const char *list = "apiVersion: v1\n"
			   "items:\n"
			   "- {name: a}\n"
			   "- {name: b, x: 1, x: 2}\n"
			   "- 5\n"
			   "- {name: c}\n"
			   "kind: List\n"
			   "metadata: {k: 1, k: 2}\n";

	(void)state;
	assert_int_equal(items(list, names, sizeof(names), &doc), 0);
	/* Each item in turn, with the duplicate keys found in it. */
	assert_string_equal(names, "a,b+dup,?,c");
	/* The root is whole once read, its items gone, its own dups kept. */
	assert_string_equal(ka_node_str(ka_map_get(doc.root, "kind")), "List");
	assert_int_equal(ka_seq_len(ka_map_get(doc.root, "items")), 0);
	assert_non_null(doc.dups);
	assert_int_equal(doc.dups->key->line, 8);
	assert_null(doc.dups->next);
	/* Anything that is not a list is read whole. */
	assert_int_equal(items("kind: Pod\nspec: {items: [{name: a}]}\n", names,
			       sizeof(names), &doc),
			 0);
	assert_string_equal(names, "");
	assert_int_equal(
	    ka_seq_len(ka_map_get(ka_map_get(doc.root, "spec"), "items")), 1);
	/* A syntax error after items: the document is refused. */
	assert_int_equal(items("items:\n- {name: a}\n- {name: b\n", names,
			       sizeof(names), &doc),
			 -1);
	assert_string_equal(names, "a");
	assert_int_not_equal(doc.err.msg[0], '\0');
}

static void test_yaml__list_that_cannot_be_streamed(void **state)
{
	struct ka_doc doc;
	char names[200];
	static const char *const cases[] = {
	    /* An anchor inside an item: a later alias could reach it. */
	    "items:\n- &a {name: a}\n- *a\n",
	    "items:\n- {name: a, s: &s {x: 1}}\n",
	    /* The root changed after the items: a merge, a second items. */
	    "items:\n- {name: a}\n<<: {items: []}\n",
	    "<<: {kind: List}\nitems:\n- {name: a}\n",
	    "items:\n- {name: a}\nitems:\n- {name: b}\n",
	    /* The list itself anchored. */
	    "items: &l\n- {name: a}\ncopy: *l\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_int_equal(items(cases[i], names, sizeof(names), &doc),
				 KA_YAML_UNSTREAMABLE);
	/* An anchor outside the items, used inside them, is fine. */
	assert_int_equal(items("x: &n {name: a}\nitems:\n- *n\n- {name: b}\n",
			       names, sizeof(names), &doc),
			 0);
	assert_string_equal(names, "a,b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_yaml__positions),
	    cmocka_unit_test(test_yaml__aliases_are_not_copied),
	    cmocka_unit_test(test_yaml__merge_order),
	    cmocka_unit_test(test_yaml__duplicate_keys),
	    cmocka_unit_test(test_yaml__alias_key_compares_as_text),
	    cmocka_unit_test(test_yaml__refused_documents),
	    cmocka_unit_test(test_yaml__slash_escape),
	    cmocka_unit_test(test_yaml__first_column),
	    cmocka_unit_test(test_yaml__alias_bomb_is_refused_quickly),
	    cmocka_unit_test(test_yaml__deep_nesting_is_refused),
	    cmocka_unit_test(test_yaml__list_items_one_at_a_time),
	    cmocka_unit_test(test_yaml__list_that_cannot_be_streamed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

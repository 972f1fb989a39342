/*
 * Decisions across objects (kaudit/facts.h): the field encoding keeps
 * any bytes, label selectors match as the API matches them, and a fact
 * given twice counts as the last one given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kaudit/facts.h"

/* Encode NULL-terminated fields; n bytes in *len. */
static char *fields(size_t *len, const char *const *v)
{
	char *buf = NULL;

	*len = 0;
	for (; *v; v++)
		assert_int_equal(ka_facts_encode(&buf, len, *v, strlen(*v)), 0);
	return buf ? buf : calloc(1, 1);
}

static void fact(struct ka_facts *fs, const char *key, const char *const *v)
{
	struct ka_finding f = {.cond = KA_FACT};

	f.cond_key = strdup(key);
	f.cond_data = fields(&f.cond_len, v);
	ka_facts_add(fs, &f);
	free(f.cond_key);
	free(f.cond_data);
}

static int decide(struct ka_facts *fs, enum ka_cond cond, const char *key,
		  const char *const *labels, bool final)
{
	struct ka_finding f = {.cond = (unsigned char)cond};
	int r;

	f.cond_key = strdup(key);
	f.cond_data = fields(&f.cond_len, labels);
	r = ka_facts_decide(fs, &f, final);
	free(f.cond_key);
	free(f.cond_data);
	return r;
}

static void encoding(void **state)
{
	static const char *const v[] = {"", "a:b", "9:x", "\n\x01", NULL};
	size_t len, pos = 0, n;
	char *buf = fields(&len, v);
	const char *s;

	(void)state;
	for (size_t i = 0; v[i]; i++) {
		assert_true(ka_facts_decode(buf, len, &pos, &s, &n));
		assert_int_equal(n, strlen(v[i]));
		assert_memory_equal(s, v[i], n);
	}
	assert_false(ka_facts_decode(buf, len, &pos, &s, &n));
	/* A length past the end, or no colon: nothing. */
	pos = 0;
	assert_false(ka_facts_decode("99:ab", 5, &pos, &s, &n));
	assert_false(ka_facts_decode("12", 2, &pos, &s, &n));
	free(buf);
}

static void selectors(void **state)
{
	static const char *const none[] = {NULL};
	static const char *const web[] = {"app", "web", "tier", "front", NULL};
	static const char *const db[] = {"app", "db", "tier", "back", NULL};
	static const char *const bare[] = {"app", "x", NULL};
	struct ka_facts fs = {0};

	(void)state;
	/* Unknown namespace: decided only at the end, as unselected. */
	assert_int_equal(decide(&fs, KA_COND_UNSELECTED, "np:a", web, false),
			 -1);
	assert_int_equal(decide(&fs, KA_COND_UNSELECTED, "np:a", web, true), 1);
	fact(&fs, "np:a",
	     (const char *const[]){"p1", "DoesNotExist", "tier", "0", NULL});
	assert_int_equal(decide(&fs, KA_COND_UNSELECTED, "np:a", web, true), 1);
	assert_int_equal(decide(&fs, KA_COND_UNSELECTED, "np:a", bare, true),
			 0);
	assert_int_equal(decide(&fs, KA_COND_UNSELECTED, "np:a", none, true),
			 0);
	fact(&fs, "np:b",
	     (const char *const[]){"p2", "In", "tier", "2", "front", "mid",
				   NULL});
	assert_int_equal(decide(&fs, KA_COND_UNSELECTED, "np:b", web, true), 0);
	assert_int_equal(decide(&fs, KA_COND_UNSELECTED, "np:b", db, true), 1);
	/* Refused by the API: selects nothing. An empty one: everything. */
	fact(&fs, "np:c", (const char *const[]){"p3", "!", NULL});
	assert_int_equal(decide(&fs, KA_COND_UNSELECTED, "np:c", none, true),
			 1);
	fact(&fs, "np:c", (const char *const[]){"p4", NULL});
	assert_int_equal(decide(&fs, KA_COND_UNSELECTED, "np:c", db, true), 0);
	ka_facts_free(&fs);
}

static void yes_no(void **state)
{
	static const char *const none[] = {NULL};
	struct ka_facts fs = {0};

	(void)state;
	assert_int_equal(
	    decide(&fs, KA_COND_UNLESS_YES, "sa:x/web", none, false), -1);
	assert_int_equal(
	    decide(&fs, KA_COND_UNLESS_YES, "sa:x/web", none, true), 1);
	assert_int_equal(decide(&fs, KA_COND_IF_YES, "cr:god", none, true), 0);
	fact(&fs, "sa:x/web", (const char *const[]){NULL});
	/* The fact's value is its data: "yes". */
	{
		struct ka_finding f = {.cond = KA_FACT};

		f.cond_key = strdup("cr:god");
		f.cond_data = strdup("yes");
		f.cond_len = 3;
		ka_facts_add(&fs, &f);
		free(f.cond_key);
		free(f.cond_data);
		f.cond_key = strdup("sa:x/web");
		f.cond_data = strdup("yes");
		ka_facts_add(&fs, &f);
		free(f.cond_key);
		free(f.cond_data);
	}
	assert_int_equal(decide(&fs, KA_COND_IF_YES, "cr:god", none, false), 1);
	/* The last value given counts. */
	assert_int_equal(
	    decide(&fs, KA_COND_UNLESS_YES, "sa:x/web", none, false), 0);
	ka_facts_free(&fs);
}

/* Many keys: the table grows and finds each. */
static void many(void **state)
{
	static const char *const none[] = {NULL};
	struct ka_facts fs = {0};
	char key[32];

	(void)state;
	for (int i = 0; i < 3000; i++) {
		struct ka_finding f = {.cond = KA_FACT};

		snprintf(key, sizeof(key), "sa:n/%d", i);
		f.cond_key = strdup(key);
		f.cond_data = strdup(i % 2 ? "yes" : "no");
		f.cond_len = strlen(f.cond_data);
		ka_facts_add(&fs, &f);
		free(f.cond_key);
		free(f.cond_data);
	}
	for (int i = 0; i < 3000; i++) {
		snprintf(key, sizeof(key), "sa:n/%d", i);
		assert_int_equal(
		    decide(&fs, KA_COND_UNLESS_YES, key, none, false),
		    i % 2 ? 0 : 1);
	}
	assert_false(fs.oom);
	ka_facts_free(&fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(encoding),
	    cmocka_unit_test(selectors),
	    cmocka_unit_test(yes_no),
	    cmocka_unit_test(many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

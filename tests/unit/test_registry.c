/*
 * The registry's contract: ids sorted and kebab-case, complete metadata,
 * pass and fail cases in tests/cases/<id>.yaml, a line in the README's
 * checks table and in the man page. argv[1] is the source root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kaudit/check.h"

static const char *root;

static char *slurp(const char *rel)
{
	char path[4096];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_registry__ids_sorted_and_kebab_case(void **state)
{
	(void)state;
	assert_true(ka_registry_len >= 14);
	for (size_t i = 0; i < ka_registry_len; i++) {
		const char *id = ka_registry[i]->id;

		for (const char *p = id; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') ||
				    (*p >= '0' && *p <= '9') || *p == '-');
		if (i)
			assert_true(strcmp(ka_registry[i - 1]->id, id) < 0);
		assert_ptr_equal(ka_registry_find(id), ka_registry[i]);
		assert_int_equal(ka_registry_index(ka_registry[i]), i);
	}
	assert_null(ka_registry_find("no-such-check"));
}

static void test_registry__metadata_complete(void **state)
{
	(void)state;
	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *c = ka_registry[i];
		/* Maintenance checks (waivers) are no security alerts. */
		double sev =
		    c->security_severity ? atof(c->security_severity) : 1.0;

		assert_non_null(c->title);
		assert_non_null(c->risk);
		assert_non_null(c->remediation);
		assert_non_null(c->example);
		assert_true(sev > 0.0 && sev <= 10.0);
		assert_true(c->security_severity ||
			    strstr(c->id, "-suppression") != NULL);
		/* A check runs on pods or containers, and may read whole
		 * objects too (a pod check that needs other objects' facts:
		 * kaudit/facts.h); an input problem runs on none. */
		assert_true(c->input ==
			    (!c->run && !c->run_container && !c->run_object));
		/* kaudit's own checks say exactly when they report, and
		 * their known false positives. */
		if (!c->input && !c->psa)
			assert_true(c->rule && c->false_positives);
		assert_true((c->run != NULL) + (c->run_container != NULL) <= 1);
	}
}

/* Two checks reading one field must agree on its type; so must params. */
static void test_registry__fields_and_params_agree(void **state)
{
	(void)state;
	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *a = ka_registry[i];

		for (const struct ka_field *f = a->fields; f && f->path; f++)
			for (size_t j = 0; j < ka_registry_len; j++)
				for (const struct ka_field *g =
					 ka_registry[j]->fields;
				     g && g->path; g++)
					if (f->pod == g->pod &&
					    strcmp(f->path, g->path) == 0 &&
					    f->type != g->type) {
						fprintf(
						    stderr, "%s and %s: %s\n",
						    a->id, ka_registry[j]->id,
						    f->path);
						fail();
					}
		for (const struct ka_param *p = a->params; p && p->key; p++)
			for (size_t j = 0; j < ka_registry_len; j++)
				for (const struct ka_param *q =
					 ka_registry[j]->params;
				     q && q->key; q++)
					assert_true(p == q ||
						    strcmp(p->key, q->key) !=
							0);
	}
}

static void test_registry__every_check_has_cases_and_docs(void **state)
{
	char *readme = slurp("README.md");
	char *man = slurp("doc/kaudit.1");
	int missing = 0;

	(void)state;
	assert_non_null(readme);
	assert_non_null(man);
	for (size_t i = 0; i < ka_registry_len; i++) {
		const char *id = ka_registry[i]->id;
		char rel[256], want[256];
		char *cases;

		snprintf(rel, sizeof(rel), "tests/cases/%s.yaml", id);
		cases = slurp(rel);
		snprintf(want, sizeof(want), "# expect: %s", id);
		if (!cases || !strstr(cases, want)) {
			fprintf(stderr, "%s: no failing case (%s)\n", id, rel);
			missing++;
		}
		snprintf(want, sizeof(want), "# pass: %s\n", id);
		if (!cases || !strstr(cases, want)) {
			fprintf(stderr, "%s: no passing case (%s)\n", id, rel);
			missing++;
		}
		snprintf(want, sizeof(want), "| [`%s`](doc/checks/%s.md) |", id,
			 id);
		if (!strstr(readme, want)) {
			fprintf(stderr, "%s: not in README's checks table\n",
				id);
			missing++;
		}
		/* roff writes a hyphen as \- */
		{
			size_t k = 0;

			for (const char *q = id; *q && k + 3 < sizeof(want);
			     q++) {
				if (*q == '-')
					want[k++] = '\\';
				want[k++] = *q;
			}
			want[k] = '\0';
		}
		if (!strstr(man, want)) {
			fprintf(stderr, "%s: not in doc/kaudit.1\n", id);
			missing++;
		}
		free(cases);
	}
	free(readme);
	free(man);
	assert_int_equal(missing, 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_registry__ids_sorted_and_kebab_case),
	    cmocka_unit_test(test_registry__metadata_complete),
	    cmocka_unit_test(test_registry__fields_and_params_agree),
	    cmocka_unit_test(test_registry__every_check_has_cases_and_docs),
	};

	root = argc > 1 ? argv[1] : ".";
	return cmocka_run_group_tests(tests, NULL, NULL);
}

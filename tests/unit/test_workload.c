/* Pod specs in every workload kind, Lists, and the containers of each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kaudit/workload.h"
#include "kaudit/yaml.h"

struct seen {
	char kinds[8][32], paths[8][64], containers[8][64];
	size_t objects; /* whole objects seen */
	size_t n;
};

static int note(void *ud, const struct ka_pod *pod)
{
	struct seen *s = ud;

	if (pod->whole_object) { /* every object once more, as a whole */
		s->objects++;
		return 0;
	}
	if (s->n < 8) {
		snprintf(s->kinds[s->n], 32, "%s/%s", pod->kind, pod->name);
		snprintf(s->paths[s->n], 64, "%s%s", pod->prefix,
			 pod->spec_path);
		s->containers[s->n][0] = '\0';
		for (size_t i = 0; i < pod->ncontainers; i++) {
			size_t len = strlen(s->containers[s->n]);

			snprintf(s->containers[s->n] + len, 64 - len, "%s%s.%s",
				 i ? " " : "", pod->containers[i].list,
				 pod->containers[i].name);
		}
	}
	s->n++;
	return 0;
}

static struct seen pods(const char *text)
{
	struct ka_yaml *y = ka_yaml_new();
	struct ka_arena arena;
	struct ka_doc doc;
	struct seen s = {.n = 0};
	struct ka_error err = {.msg = ""};

	ka_arena_init(&arena);
	assert_non_null(y);
	assert_int_equal(
	    ka_yaml_parse(y, &arena, text, strlen(text), 1, 1, &doc), 0);
	assert_int_equal(ka_workload_each(&arena, doc.root, note, &s, &err), 0);
	ka_yaml_free(y);
	ka_arena_free(&arena);
	return s;
}

static void test_workload__cronjob_template(void **state)
{
	struct seen s = pods(
	    "kind: CronJob\nmetadata: {name: nightly}\nspec:\n  jobTemplate:\n"
	    "    spec:\n      template:\n        spec:\n"
	    "          initContainers: [{name: init}]\n"
	    "          containers: [{name: job}]\n"
	    "          ephemeralContainers: [{name: debug}]\n");

	(void)state;
	assert_int_equal(s.n, 1);
	assert_string_equal(s.kinds[0], "CronJob/nightly");
	assert_string_equal(s.paths[0], "spec.jobTemplate.spec.template.spec");
	assert_string_equal(s.containers[0], "initContainers.init "
					     "containers.job "
					     "ephemeralContainers.debug");
}

static void test_workload__list_items_and_non_pods(void **state)
{
	struct seen s =
	    pods("kind: List\nitems:\n"
		 "  - kind: ConfigMap\n    metadata: {name: cm}\n"
		 "  - kind: Pod\n    metadata: {name: a}\n"
		 "    spec: {containers: [{name: c}]}\n"
		 "  - kind: Deployment\n    metadata: {name: d}\n"
		 "    spec: {template: {spec: {containers: [{name: x}]}}}\n");

	(void)state;
	assert_int_equal(s.n, 2);
	assert_int_equal(s.objects, 3); /* the ConfigMap too */
	assert_string_equal(s.kinds[0], "Pod/a");
	assert_string_equal(s.paths[0], "items[1].spec");
	assert_string_equal(s.kinds[1], "Deployment/d");
	assert_string_equal(s.paths[1], "items[2].spec.template.spec");
}

static void test_workload__kinds(void **state)
{
	(void)state;
	assert_true(ka_workload_kind_known("StatefulSet"));
	assert_true(ka_workload_kind_known("PodTemplate"));
	assert_false(ka_workload_kind_known("Service"));
	assert_int_equal(pods("kind: Service\nmetadata: {name: s}\n").n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_workload__cronjob_template),
	    cmocka_unit_test(test_workload__list_items_and_non_pods),
	    cmocka_unit_test(test_workload__kinds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

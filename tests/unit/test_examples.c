/*
 * Every check's documented failing manifest (struct ka_check .failing)
 * goes through the whole pipeline with every check on, and must produce
 * a finding of that check: the reference docs cannot show an example
 * that does not fail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect.h"

static void test_examples__failing_manifests_fail(void **state)
{
	static struct collected got;
	bool enabled[64];
	char *registries[] = {"ghcr.io/acme"};
	struct ka_param_value params[] = {{"allowed-registries", registries, 1},
					  {NULL, NULL, 0}};
	struct ka_settings s = {.enabled = enabled,
				.policy = {KA_PROFILE_HARDENED, KA_PSS_LATEST},
				.today = 20260101,
				.params = params};
	int failures = 0;

	(void)state;
	assert_true(ka_registry_len <= 64);
	for (size_t i = 0; i < ka_registry_len; i++)
		enabled[i] = true;
	for (size_t i = 0; i < ka_registry_len; i++) {
		const struct ka_check *c = ka_registry[i];
		char path[] = "/tmp/kaudit-example-XXXXXX";
		const char *paths[] = {path};
		int fd = mkstemp(path);
		bool found = false;

		assert_true(fd >= 0);
		assert_non_null(c->failing);
		assert_int_equal(write(fd, c->failing, strlen(c->failing)),
				 (ssize_t)strlen(c->failing));
		close(fd);
		assert_false(collect_run(&got, &s, NULL, paths, 1, 1));
		for (size_t k = 0; k < got.n; k++)
			found |= got.v[k].check == c;
		if (!found) {
			fprintf(stderr,
				"%s: its failing example has no %s "
				"finding\n",
				c->id, c->id);
			failures++;
		}
		collect_free(&got);
		unlink(path);
	}
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_examples__failing_manifests_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

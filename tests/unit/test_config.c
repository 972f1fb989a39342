/* .kaudit.yaml: reading, mistakes with positions, settling, printing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kaudit/config.h"

/* Load text as a configuration; errors land in *errors (malloc'd). */
static int load(struct ka_config *cfg, const char *text, char **errors)
{
	char path[] = "/tmp/kaudit-config-XXXXXX";
	int fd = mkstemp(path);
	size_t len = 0;
	FILE *err = open_memstream(errors, &len);
	int rc;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(ka_config_init(cfg), 0);
	rc = ka_config_load(cfg, path, err);
	fclose(err);
	unlink(path);
	return rc;
}

static const struct ka_param_value *param(const struct ka_config *cfg,
					  const char *key)
{
	for (const struct ka_param_value *p = cfg->params; p->key; p++)
		if (strcmp(p->key, key) == 0)
			return p;
	return NULL;
}

static void test_config__every_key(void **state)
{
	struct ka_config cfg;
	char *errors = NULL;

	(void)state;
	assert_int_equal(
	    load(&cfg,
		 "profile: restricted\npss-version: v1.30\nfail-on: warning\n"
		 "disable: [image-digest]\nexclude: ['vendor/*']\n"
		 "levels: {privileged: warning}\n"
		 "allowed-registries: [ghcr.io/acme]\n"
		 "system-paths: [/opt/app]\n"
		 "ignore:\n  - check: host-ports\n    kind: DaemonSet\n"
		 "    reason: node agent\n    until: 2027-01-01\n",
		 &errors),
	    0);
	assert_string_equal(errors, "");
	assert_int_equal(cfg.profile, KA_PROFILE_RESTRICTED);
	assert_int_equal(cfg.version, 30);
	assert_int_equal(cfg.fail_on, KA_LEVEL_WARNING);
	assert_int_equal(cfg.disable.n, 1);
	assert_int_equal(
	    cfg.levels[ka_registry_index(ka_registry_find("privileged"))],
	    KA_LEVEL_WARNING);
	assert_int_equal(param(&cfg, "allowed-registries")->n, 1);
	assert_string_equal(param(&cfg, "system-paths")->v[0], "/opt/app");
	assert_int_equal(cfg.nignores, 1);
	assert_int_equal(cfg.ignores[0].kind, KA_WAIVER_CONFIG);
	assert_string_equal(cfg.ignores[0].checks[0]->id, "host-ports");
	assert_string_equal(cfg.ignores[0].res_kind, "DaemonSet");
	assert_int_equal(cfg.ignores[0].until, 20270101);
	assert_int_equal(cfg.ignores[0].line, 10);
	free(errors);
	ka_config_free(&cfg);
}

static void test_config__mistakes_name_their_place(void **state)
{
	struct ka_config cfg;
	char *errors = NULL;

	(void)state;
	assert_int_equal(load(&cfg,
			      "profile: strict\nsystem-paths: [opt]\n"
			      "colour: red\nignore:\n  - check: nope\n",
			      &errors),
			 -1);
	assert_non_null(strstr(errors, ":1:10: unknown profile 'strict'"));
	assert_non_null(
	    strstr(errors, ":2:15: system-paths: 'opt' is not an absolute"));
	assert_non_null(strstr(errors, ":3:1: unknown key 'colour'"));
	assert_non_null(strstr(errors, "system-paths)"));
	assert_non_null(strstr(errors, ":5:12: unknown check 'nope'"));
	assert_non_null(strstr(errors, ":5:5: ignore: each entry needs a "
				       "reason"));
	free(errors);
	ka_config_free(&cfg);
}

/* A key given twice replaces the first, without a leak or overflow. */
static void test_config__ignore_twice(void **state)
{
	struct ka_config cfg;
	char *errors = NULL;

	(void)state;
	assert_int_equal(load(&cfg,
			      "ignore:\n  - {check: privileged, reason: a}\n"
			      "  - {check: host-ports, reason: b}\n"
			      "ignore:\n  - {check: image-digest, reason: c}\n",
			      &errors),
			 -1);
	assert_non_null(strstr(errors, "duplicate key 'ignore'"));
	assert_int_equal(cfg.nignores, 1);
	assert_string_equal(cfg.ignores[0].checks[0]->id, "image-digest");
	free(errors);
	ka_config_free(&cfg);
}

static void test_config__command_line_wins(void **state)
{
	struct ka_config cfg;
	bool enabled[64];
	struct ka_settings s = {.enabled = enabled};
	struct ka_choice c = {.policy = {KA_PROFILE_HARDENED, KA_PSS_LATEST},
			      .fail_on = KA_LEVEL_NOTE};
	char *errors = NULL, *printed = NULL;
	size_t len;
	FILE *out;

	(void)state;
	assert_int_equal(load(&cfg,
			      "profile: baseline\nfail-on: error\n"
			      "allowed-registries: [ghcr.io]\n",
			      &errors),
			 0);
	c.has_profile = true;
	c.policy.profile = KA_PROFILE_RESTRICTED;
	c.lists[0].ids = "privileged,host-ports";
	c.lists[0].on = true;
	c.lists[1].ids = "host-ports";
	c.lists[1].on = false;
	c.nlists = 2;
	ka_config_settle(&cfg, &c, 20260101, &s);
	assert_int_equal(s.policy.profile, KA_PROFILE_RESTRICTED);
	assert_int_equal(s.fail_on, KA_LEVEL_ERROR);
	for (size_t i = 0; i < ka_registry_len; i++)
		assert_int_equal(enabled[i],
				 strcmp(ka_registry[i]->id, "privileged") == 0);
	/* Without --enable, allowed-registries turns image-registry on. */
	c.nlists = 0;
	ka_config_settle(&cfg, &c, 20260101, &s);
	assert_true(
	    enabled[ka_registry_index(ka_registry_find("image-registry"))]);
	out = open_memstream(&printed, &len);
	ka_config_print(out, &cfg, &s);
	fclose(out);
	assert_non_null(strstr(printed, "profile: restricted\n"));
	assert_non_null(
	    strstr(printed, "allowed-registries:\n  - \"ghcr.io\"\n"));
	free(printed);
	free(errors);
	ka_config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_config__every_key),
	    cmocka_unit_test(test_config__mistakes_name_their_place),
	    cmocka_unit_test(test_config__ignore_twice),
	    cmocka_unit_test(test_config__command_line_wins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Image references by the distribution reference grammar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kaudit/image.h"

#define D64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void span(const char *p, size_t n, const char *want)
{
	assert_int_equal(n, strlen(want));
	assert_memory_equal(p, want, n);
}

static void test_image__registry_port_is_not_a_tag(void **state)
{
	struct ka_image img;

	(void)state;
	assert_int_equal(ka_image_parse("localhost:5000/app", &img), 0);
	assert_false(img.has_tag);
	span(img.domain, img.domain_len, "localhost:5000");
	span(img.path, img.path_len, "app");
	assert_int_equal(ka_image_parse("registry.io:443/team/app:1.2", &img),
			 0);
	assert_true(img.has_tag);
	span(img.tag, img.tag_len, "1.2");
	span(img.path, img.path_len, "team/app");
}

static void test_image__docker_hub_names(void **state)
{
	struct ka_image img;

	(void)state;
	assert_int_equal(ka_image_parse("library/nginx:latest", &img), 0);
	assert_int_equal(img.domain_len, 0);
	span(img.path, img.path_len, "library/nginx");
	span(img.tag, img.tag_len, "latest");
	assert_int_equal(ka_image_parse("nginx", &img), 0);
	assert_false(img.has_tag);
	assert_false(img.has_digest);
}

static void test_image__digests(void **state)
{
	struct ka_image img;

	(void)state;
	assert_int_equal(ka_image_parse("app:1@sha256:" D64, &img), 0);
	assert_true(img.has_digest && img.digest_valid && img.has_tag);
	span(img.tag, img.tag_len, "1");
	assert_int_equal(ka_image_parse("app@sha256:" D64, &img), 0);
	assert_true(img.digest_valid);
	assert_false(img.has_tag);
	assert_int_equal(ka_image_parse("app@sha512:" D64 D64, &img), 0);
	assert_true(img.digest_valid);
	assert_int_equal(ka_image_parse("app@sha256:" D64 "0", &img), 0);
	assert_false(img.digest_valid);
	assert_int_equal(ka_image_parse("app@sha256:ABCDEF", &img), 0);
	assert_false(img.digest_valid);
	assert_int_equal(ka_image_parse("app@md5:" D64, &img), 0);
	assert_false(img.digest_valid);
	assert_int_equal(ka_image_parse(":tag", &img), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_image__registry_port_is_not_a_tag),
	    cmocka_unit_test(test_image__docker_hub_names),
	    cmocka_unit_test(test_image__digests),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

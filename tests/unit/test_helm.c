/* Helm: the template a render names, and the line in it a field maps to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kaudit/chartmap.h"
#include "kaudit/helm.h"
#include "kaudit/tplctx.h"

static void test_helm__source_comment(void **state)
{
	const char doc[] = "# Source: shop/templates/web.yaml\nkind: Pod\n";
	const char none[] = "kind: Pod\n# Source: late.yaml\n";
	char *s = ka_helm_source(doc, strlen(doc));

	(void)state;
	assert_string_equal(s, "shop/templates/web.yaml");
	free(s);
	assert_null(ka_helm_source(none, strlen(none)));
}

static void test_helm__locate_field_in_template(void **state)
{
	const char tmpl[] =
	    "apiVersion: apps/v1\n"				  /* 1 */
	    "kind: Deployment\n"				  /* 2 */
	    "spec:\n"						  /* 3 */
	    "  template:\n"					  /* 4 */
	    "    spec:\n"					  /* 5 */
	    "      containers:\n"				  /* 6 */
	    "        - name: app\n"				  /* 7 */
	    "          securityContext:\n"			  /* 8 */
	    "            {{- toYaml .Values.sc | nindent 12 }}\n" /* 9 */
	    "        - name: side\n"				  /* 10 */
	    "          securityContext:\n"			  /* 11 */
	    "            privileged: true\n";			  /* 12 */
	char path[] = "/tmp/kaudit-helm-XXXXXX";
	int fd = mkstemp(path);
	unsigned line, col, end;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, tmpl, strlen(tmpl)), (ssize_t)strlen(tmpl));
	close(fd);
	/* Written in the template: its own line. */
	assert_int_equal(
	    ka_helm_locate(path, "Deployment",
			   "spec.template.spec.containers[1].securityContext."
			   "privileged",
			   &line, &col, &end),
	    0);
	assert_int_equal(line, 12);
	assert_int_equal(col, 13);
	/* Produced by toYaml: the nearest written parent. */
	assert_int_equal(
	    ka_helm_locate(path, "Deployment",
			   "spec.template.spec.containers[0].securityContext."
			   "runAsUser",
			   &line, &col, &end),
	    0);
	assert_int_equal(line, 8);
	assert_int_equal(ka_helm_locate("/nonexistent/t.yaml", "Pod", "spec",
					&line, &col, &end),
			 -1);
	unlink(path);
}

/*
 * Markers go where helm's output keeps its lines: after a template line,
 * before its CR, never inside a multi-line action or before a `-}}` that
 * trims the newline after it; ka_helm_column finds the key on a line.
 */
static void test_helm__marking_and_columns(void **state)
{
	const char tmpl[] = "{{- define \"x\" -}}\n"	/* 1: trims after */
			    "a: 1\n"			/* 2 */
			    "{{- include \"y\" (dict\n" /* 3: action open */
			    "  \"k\" 1) }}\n"		/* 4: closes it */
			    "\n"			/* 5: blank */
			    "b: 2\r\n";			/* 6: CRLF */
	const char want[] = "{{- define \"x\" -}}\n"
			    "a: 1" KA_CHART_MARK "n0:7:2\n"
			    "{{- include \"y\" (dict\n"
			    "  \"k\" 1) }}" KA_CHART_MARK "n0:7:4\n"
			    "\n"
			    "b: 2" KA_CHART_MARK "n0:7:6\r\n";
	size_t n;
	char *out = ka_chart_mark(tmpl, strlen(tmpl), "n0", 7, &n);
	unsigned col, end;

	(void)state;
	assert_non_null(out);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(out, want, n);
	free(out);
	assert_true(ka_helm_column("x: 1\n  privileged: true\n", 24, 2,
				   "spec.containers[0].securityContext."
				   "privileged",
				   &col, &end));
	assert_int_equal(col, 3);
	assert_int_equal(end, 13);
	assert_false(ka_helm_column("x: 1\n    {{- toYaml . }}\n", 24, 2,
				    "a.runAsUser", &col, &end));
	assert_int_equal(col, 5);
}

/* The values paths each line inserts; NULL ends each line's list. */
static void expect_paths(const char *tmpl, unsigned line, const char **want)
{
	char *got[8];
	bool oom = false;
	struct ka_tplctx *t = ka_tplctx_scan(tmpl, strlen(tmpl));
	size_t n;

	assert_non_null(t);
	n = ka_tplctx_paths(t, tmpl, strlen(tmpl), line, got, 8, &oom);
	assert_false(oom);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(want[i]);
		assert_string_equal(got[i], want[i]);
		free(got[i]);
	}
	assert_null(want[n]);
	ka_tplctx_free(t);
}

static void test_helm__values_paths_of_a_line(void **state)
{
	const char tmpl[] =
	    "{{- with .Values.pod }}\n"					/* 1 */
	    "securityContext:\n"					/* 2 */
	    "  {{- toYaml . | nindent 2 }}\n"				/* 3 */
	    "  {{- with .inner }}\n"					/* 4 */
	    "  x: {{ .y }} {{ $.Values.top.z }} {{ $x.no }}\n"		/* 5 */
	    "  {{- end }}\n"						/* 6 */
	    "{{- else with .Values.other }}\n"				/* 7 */
	    "  {{- toYaml . }}\n"					/* 8 */
	    "{{- end }}\n"						/* 9 */
	    "{{- range .Values.list }}\n"				/* 10 */
	    "  - {{ toYaml . }} {{ toYaml .Values.a.b }}\n"		/* 11 */
	    "{{- end }}\n"						/* 12 */
	    "{{- if .Values.on }}\n"					/* 13 */
	    "{{ toYaml . }} {{ .Values }} {{ .Values.c_d | quote }}\n"; /* 14 */

	(void)state;
	expect_paths(tmpl, 3, (const char *[]){"pod", NULL});
	expect_paths(tmpl, 5, (const char *[]){"pod.inner.y", "top.z", NULL});
	expect_paths(tmpl, 8, (const char *[]){"other", NULL});
	expect_paths(tmpl, 11, (const char *[]){"a.b", NULL});
	expect_paths(tmpl, 14, (const char *[]){"c_d", NULL});
	expect_paths(tmpl, 2, (const char *[]){NULL});
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_helm__source_comment),
	    cmocka_unit_test(test_helm__values_paths_of_a_line),
	    cmocka_unit_test(test_helm__locate_field_in_template),
	    cmocka_unit_test(test_helm__marking_and_columns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

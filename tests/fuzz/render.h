/*
 * What both fuzz targets do with one reporter: the bytes in fd through
 * the auditor, the delivery stage (with cfg's ignore entries, when given)
 * and reporter r into memory. JSON and SARIF must parse; every text and
 * github line must be one diagnostic or workflow command.
 */
#ifndef KAUDIT_FUZZ_RENDER_H
#define KAUDIT_FUZZ_RENDER_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kaudit/audit.h"
#include "kaudit/config.h"
#include "kaudit/fix.h"
#include "kaudit/fixrun.h"
#include "kaudit/jsonw.h"
#include "kaudit/report.h"
#include "kaudit/run.h"

/* Each line of a text or github report is one diagnostic. */
static void check_lines(const struct ka_reporter *r, const char *buf,
			size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		bool ok;

		if (r == &ka_reporter_github)
			ok = n > 2 && strncmp(p, "::", 2) == 0;
		else
			ok = n > 2 && p[n - 1] == ']' && memchr(p, ':', n);
		for (size_t i = 0; ok && i < n; i++)
			ok = (unsigned char)p[i] >= 0x20 && p[i] != 0x7f;
		if (!ok) {
			fprintf(stderr, "bad %s line: %.*s\n", r->name, (int)n,
				p);
			abort();
		}
		p = nl ? nl + 1 : end;
	}
}

static void fuzz_render(const struct ka_settings *s,
			const struct ka_config *cfg,
			const struct ka_reporter *r, int fd)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct ka_report_options o = {.out = out};
	struct ka_auditor *a = ka_auditor_new(s);
	struct ka_finding *f;
	struct ka_run run;
	struct ka_scopes scopes;
	size_t n;

	if (!out || !a)
		abort();
	lseek(fd, 0, SEEK_SET);
	ka_run_init(&run, s);
	if (cfg &&
	    ka_scopes_init(&scopes, cfg, s, true, NULL, s->today, stderr) == 0)
		run.scopes = &scopes;
	if (ka_inputs_add(&run.inputs, "fuzz.yaml", false) < 0 ||
	    ka_run_begin(&run, r, &o) < 0)
		abort();
	if (ka_auditor_open(a, s, &run.inputs.v[0], 0, fd) == 0)
		while (ka_auditor_next(a, &f, &n) > 0)
			ka_run_deliver(&run, f, n);
	ka_run_finish(&run);
	ka_run_end(&run);
	fclose(out);
	if ((r == &ka_reporter_sarif || r == &ka_reporter_json) &&
	    !ka_json_valid(buf, len)) {
		fprintf(stderr, "invalid %s JSON:\n%.*s\n", r->name,
			(int)(len < 4000 ? len : 4000), buf);
		abort();
	}
	if (r == &ka_reporter_text || r == &ka_reporter_github)
		check_lines(r, buf, len);
	ka_auditor_free(a);
	ka_run_free(&run);
	if (run.scopes)
		ka_scopes_free(&scopes);
	free(buf);
}

/*
 * The fixes of the same bytes (--diff's path): the findings' fixes made
 * into edits on data, applied and written as a diff; nothing may crash,
 * and the result is as long as the edits say.
 */
static inline void fuzz_fix(const struct ka_settings *s, int fd,
			    const char *data, size_t size)
{
	FILE *out = fopen("/dev/null", "w");
	struct ka_report_options o = {.out = out};
	struct ka_auditor *a = ka_auditor_new(s);
	struct ka_fixrun fr = {.diff = true};
	struct ka_fix **fx;
	struct ka_edit *e = NULL;
	struct ka_finding *f;
	struct ka_run run;
	char *res = NULL, *diff = NULL;
	size_t n, reslen, difflen = 0, want;
	long ne;
	FILE *d;

	if (!out || !a)
		abort();
	lseek(fd, 0, SEEK_SET);
	ka_run_init(&run, s);
	run.fixer = &fr;
	if (ka_inputs_add(&run.inputs, "fuzz.yaml", false) < 0 ||
	    ka_run_begin(&run, &ka_reporter_text, &o) < 0)
		abort();
	if (ka_auditor_open(a, s, &run.inputs.v[0], 0, fd) == 0)
		while (ka_auditor_next(a, &f, &n) > 0)
			ka_run_deliver(&run, f, n);
	ka_run_finish(&run);
	ka_run_end(&run);
	fclose(out);
	if (!(fx = malloc((fr.n + 1) * sizeof(*fx))))
		abort();
	for (size_t i = 0; i < fr.n; i++)
		fx[i] = fr.v[i].fix;
	ne = ka_fix_edits(data, size, fx, fr.n, NULL, &e);
	if (ne < 0)
		abort();
	want = size;
	for (long k = 0; k < ne; k++) {
		if (e[k].end < e[k].start || e[k].end > size ||
		    (k && e[k].start < e[k - 1].end))
			abort();
		want += e[k].len - (e[k].end - e[k].start);
	}
	if (ka_edits_apply(data, size, e, (size_t)ne, &res, &reslen) < 0 ||
	    reslen != want)
		abort();
	if (!(d = open_memstream(&diff, &difflen)) ||
	    ka_edits_diff(d, "fuzz.yaml", data, size, e, (size_t)ne, false) < 0)
		abort();
	fclose(d);
	ka_edits_free(e, (size_t)ne);
	free(res);
	free(diff);
	free(fx);
	ka_fixrun_free(&fr);
	ka_auditor_free(a);
	ka_run_free(&run);
}

#endif

/*
 * libFuzzer target: bytes -> documents -> tree -> checks -> SARIF and text.
 * Every SARIF log produced must be valid JSON (checked by a strict JSON
 * syntax checker below), and nothing may crash, leak or hang.
 * Build: meson setup build-fuzz -Dfuzz=true (clang); run:
 *   build-fuzz/tests/fuzz/fuzz_kaudit -max_total_time=60 tests/fuzz/corpus
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kaudit/audit.h"
#include "kaudit/report.h"
#include "kaudit/run.h"

/* A strict JSON syntax check (RFC 8259), no allocation. */
struct json {
	const char *p, *end;
	int depth;
};

static void ws(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' ||
				 *j->p == '\r' || *j->p == '\t'))
		j->p++;
}

static bool value(struct json *j);

static bool string(struct json *j)
{
	if (j->p >= j->end || *j->p != '"')
		return false;
	for (j->p++; j->p < j->end; j->p++) {
		unsigned char c = (unsigned char)*j->p;

		if (c == '"') {
			j->p++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			j->p++;
			if (j->p >= j->end || !strchr("\"\\/bfnrtu", *j->p))
				return false;
			if (*j->p == 'u') {
				for (int i = 0; i < 4; i++)
					if (++j->p >= j->end ||
					    !strchr("0123456789abcdefABCDEF",
						    *j->p))
						return false;
			}
		}
	}
	return false;
}

static bool number(struct json *j)
{
	const char *s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	while (j->p < j->end &&
	       ((*j->p >= '0' && *j->p <= '9') || *j->p == '.' ||
		*j->p == 'e' || *j->p == 'E' || *j->p == '+' || *j->p == '-'))
		j->p++;
	return j->p > s;
}

static bool literal(struct json *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return false;
	j->p += n;
	return true;
}

static bool container(struct json *j, char open, char close, bool object)
{
	if (++j->depth > 200)
		return false;
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return true;
	}
	for (;;) {
		ws(j);
		if (object) {
			if (!string(j))
				return false;
			ws(j);
			if (j->p >= j->end || *j->p++ != ':')
				return false;
		}
		if (!value(j))
			return false;
		ws(j);
		if (j->p >= j->end)
			return false;
		if (*j->p == ',') {
			j->p++;
			continue;
		}
		if (*j->p++ != close)
			return false;
		j->depth--;
		(void)open;
		return true;
	}
}

static bool value(struct json *j)
{
	ws(j);
	if (j->p >= j->end)
		return false;
	switch (*j->p) {
	case '{':
		return container(j, '{', '}', true);
	case '[':
		return container(j, '[', ']', false);
	case '"':
		return string(j);
	case 't':
		return literal(j, "true");
	case 'f':
		return literal(j, "false");
	case 'n':
		return literal(j, "null");
	default:
		return number(j);
	}
}

static bool valid_json(const char *s, size_t n)
{
	struct json j = {s, s + n, 0};

	if (!value(&j))
		return false;
	ws(&j);
	return j.p == j.end;
}

/*
 * The whole pipeline with reporter r on the bytes in fd: audit, deliver,
 * report into memory. JSON formats must come out as valid JSON.
 */
static void render(const struct ka_settings *s, const struct ka_reporter *r,
		   int fd, size_t size)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct ka_report_options o = {.out = out};
	struct ka_auditor *a = ka_auditor_new(s);
	struct ka_finding *f;
	struct ka_run run;
	size_t n;

	if (!out || !a)
		abort();
	lseek(fd, 0, SEEK_SET);
	ka_run_init(&run, s);
	if (ka_inputs_add(&run.inputs, "fuzz.yaml", false) < 0)
		abort();
	if (ka_run_begin(&run, r, &o) < 0)
		abort();
	if (ka_auditor_open(a, &run.inputs.v[0], 0, fd) == 0)
		while (ka_auditor_next(a, &f, &n) > 0)
			ka_run_deliver(&run, f, n);
	ka_run_finish(&run);
	ka_run_end(&run);
	fclose(out);
	if ((r == &ka_reporter_sarif || r == &ka_reporter_json) &&
	    !valid_json(buf, len)) {
		fprintf(stderr, "invalid %s JSON for %zu input bytes:\n%.*s\n",
			r->name, size, (int)(len < 4000 ? len : 4000), buf);
		abort();
	}
	ka_auditor_free(a);
	ka_run_free(&run);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool enabled[64];
	struct ka_settings s = {.enabled = enabled,
				.policy = {KA_PROFILE_HARDENED, KA_PSS_LATEST},
				.today = 20260101};
	int fd = memfd_create("fuzz", 0);

	if (fd < 0 || ka_registry_len > 64)
		abort();
	for (size_t i = 0; i < ka_registry_len; i++)
		enabled[i] = true;
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	for (size_t i = 0; ka_reporters[i]; i++)
		render(&s, ka_reporters[i], fd, size);
	close(fd);
	return 0;
}

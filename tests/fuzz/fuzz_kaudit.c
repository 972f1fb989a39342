/*
 * libFuzzer target: bytes -> documents -> tree -> checks -> SARIF and text.
 * Every SARIF log produced must be valid JSON (checked by a strict JSON
 * syntax checker below), and nothing may crash, leak or hang.
 * Build: meson setup build-fuzz -Dfuzz=true (clang); run:
 *   build-fuzz/tests/fuzz/fuzz_kaudit -max_total_time=60 tests/fuzz/corpus
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kaudit/audit.h"
#include "kaudit/report.h"

/* A strict JSON syntax check (RFC 8259), no allocation. */
struct json {
	const char *p, *end;
	int depth;
};

static void ws(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' ||
				 *j->p == '\t'))
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
					    !strchr("0123456789abcdefABCDEF", *j->p))
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
	while (j->p < j->end && ((*j->p >= '0' && *j->p <= '9') || *j->p == '.' ||
				 *j->p == 'e' || *j->p == 'E' || *j->p == '+' ||
				 *j->p == '-'))
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

static void render(const struct ka_run *run, enum ka_format format,
		   const uint8_t *data, size_t size)
{
	struct ka_renderer r;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct ka_run copy = *run;

	if (!out)
		abort();
	ka_render_init(&r, format, out);
	r.sarif.execution_ok = true;
	ka_render_begin(&r, &copy);
	ka_render_emit(&r, &copy, run->findings, run->nfindings);
	ka_render_end(&r, &copy);
	fclose(out);
	if (format == KA_FORMAT_SARIF && !valid_json(buf, len)) {
		fprintf(stderr, "invalid SARIF JSON for %zu input bytes:\n%.*s\n",
			size, (int)(len < 4000 ? len : 4000), buf);
		(void)data;
		abort();
	}
	ka_render_free(&r);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool enabled[64];
	struct ka_run run;
	int fd = memfd_create("fuzz", 0);

	if (fd < 0 || ka_registry_len > 64)
		abort();
	for (size_t i = 0; i < ka_registry_len; i++)
		enabled[i] = true;
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	lseek(fd, 0, SEEK_SET);
	if (ka_run_init(&run, enabled) < 0)
		abort();
	if (ka_run_add_input(&run, "fuzz.yaml", false) < 0)
		abort();
	ka_run_audit_fd(&run, 0, fd);
	ka_run_finish(&run);
	render(&run, KA_FORMAT_SARIF, data, size);
	render(&run, KA_FORMAT_TEXT, data, size);
	render(&run, KA_FORMAT_JSON, data, size);
	ka_run_free(&run);
	close(fd);
	return 0;
}

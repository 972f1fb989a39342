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
#include "kaudit/jsonw.h"
#include "kaudit/report.h"
#include "kaudit/run.h"

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
	    !ka_json_valid(buf, len)) {
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

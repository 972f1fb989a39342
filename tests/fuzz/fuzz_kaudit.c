/*
 * libFuzzer target: bytes -> documents -> tree -> checks -> SARIF and text,
 * and the fixes of the findings made into edits, applied and diffed.
 * Reports are checked as render.h says (JSON and SARIF parse, text and
 * github lines are well formed), and nothing may crash, leak or hang.
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

#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool enabled[64];
	struct ka_settings s = {.enabled = enabled,
				.policy = {KA_PROFILE_HARDENED, KA_PSS_LATEST},
				.today = 20260101,
				.fixes = true,
				.fix_edits = true};
	int fd = memfd_create("fuzz", 0);

	if (fd < 0 || ka_registry_len > 64)
		abort();
	for (size_t i = 0; i < ka_registry_len; i++)
		enabled[i] = true;
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	for (size_t i = 0; ka_reporters[i]; i++)
		fuzz_render(&s, NULL, ka_reporters[i], fd);
	fuzz_fix(&s, fd, (const char *)data, size);
	close(fd);
	return 0;
}

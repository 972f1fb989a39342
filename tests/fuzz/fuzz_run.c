/*
 * libFuzzer target over the whole command-line path: the input is split
 * at "\n%%%%\n" into a .kaudit.yaml, a manifest stream and a Helm
 * template (under a chart root the stream's `# Source:` names). Settings
 * come from the config as the command line settles them; the stream goes
 * through the auditor, the waivers, --chart-root and every reporter. JSON
 * and SARIF must parse; every text and github line must be one well-formed
 * diagnostic or workflow command. Nothing may crash, leak or hang.
 * Build: meson setup build-fuzz -Dfuzz=true (clang); run:
 *   build-fuzz/tests/fuzz/fuzz_run -max_total_time=60 tests/fuzz/corpus-run
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kaudit/tplctx.h"
#include "render.h"

#define SEP "\n%%%%\n"

static char dir[64], cfg_path[96], tmpl_path[128];

static void cleanup(void)
{
	char sub[112];

	unlink(cfg_path);
	unlink(tmpl_path);
	snprintf(sub, sizeof(sub), "%s/c/templates", dir);
	rmdir(sub);
	snprintf(sub, sizeof(sub), "%s/c", dir);
	rmdir(sub);
	rmdir(dir);
}

static void setup(void)
{
	char sub[112];

	if (dir[0])
		return;
	snprintf(dir, sizeof(dir), "/tmp/kaudit-fuzz-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(cfg_path, sizeof(cfg_path), "%s/.kaudit.yaml", dir);
	snprintf(sub, sizeof(sub), "%s/c", dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/c/templates", dir);
	mkdir(sub, 0700);
	snprintf(tmpl_path, sizeof(tmpl_path), "%s/c/templates/t.yaml", dir);
	atexit(cleanup);
}

static void put(const char *path, const uint8_t *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0)
		abort();
}

/* The template's `.Values` paths, asked of every line (and one past). */
static void fuzz_tplctx(const char *text, size_t len)
{
	struct ka_tplctx *t = ka_tplctx_scan(text, len);
	unsigned lines = 1;
	bool oom = false;

	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	for (unsigned l = 0; t && l <= lines + 1; l++) {
		char *out[4];
		size_t n = ka_tplctx_paths(t, text, len, l, out, 4, &oom);

		for (size_t i = 0; i < n; i++) {
			if (!*out[i])
				abort(); /* an empty path is never handed out */
			free(out[i]);
		}
	}
	ka_tplctx_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *end = data + size, *p2, *p3;
	static bool enabled[64];
	struct ka_settings s = {.enabled = enabled};
	struct ka_choice choice = {0};
	struct ka_config cfg;
	FILE *err = fopen("/dev/null", "w");
	int fd = memfd_create("fuzz", 0);
	static const char head[] = "# Source: c/templates/t.yaml\n";

	if (fd < 0 || !err || ka_registry_len > 64)
		abort();
	setup();
	p2 = memmem(data, size, SEP, strlen(SEP));
	p2 = p2 ? p2 + strlen(SEP) : end;
	p3 = memmem(p2, (size_t)(end - p2), SEP, strlen(SEP));
	p3 = p3 ? p3 + strlen(SEP) : end;
	put(cfg_path, data,
	    (size_t)(p2 - data) - (p2 == end ? 0 : strlen(SEP)));
	put(tmpl_path, p3, (size_t)(end - p3));
	fuzz_tplctx((const char *)p3, (size_t)(end - p3));
	if (write(fd, head, strlen(head)) != (ssize_t)strlen(head) ||
	    (p3 - p2 > 0 && write(fd, p2, (size_t)(p3 - p2)) != p3 - p2))
		abort();
	if (ka_config_init(&cfg) < 0)
		abort();
	choice.chart_root = dir;
	if (ka_config_load(&cfg, cfg_path, err) == 0) {
		ka_config_settle(&cfg, &choice, 20260101, &s);
		for (size_t i = 0; ka_reporters[i]; i++)
			fuzz_render(&s, &cfg, ka_reporters[i], fd);
	}
	ka_config_free(&cfg);
	fclose(err);
	close(fd);
	return 0;
}

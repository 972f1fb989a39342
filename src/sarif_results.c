/* SARIF results held per level: see kaudit/sarif_results.h. */
#include "kaudit/sarif_results.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fastio.h"

#include "kaudit/clean.h"
#include "kaudit/error.h"
#include "kaudit/sarif_locations.h"
#include "kaudit/spill.h"

FILE *ka_sarif_results_next(struct ka_sarif_results *s, enum ka_level level)
{
	size_t k = s->count[level];
	FILE *f = s->f[level];

	if (!f) {
		int fd = ka_spill_temp_fd();

		if (fd < 0 || !(f = s->f[level] = fdopen(fd, "w+"))) {
			if (fd >= 0)
				close(fd);
			s->oom = true;
			return NULL;
		}
	}
	if (k <= KA_SARIF_SHOWN) {
		if (!s->off[level] &&
		    !(s->off[level] =
			  malloc((KA_SARIF_SHOWN + 1) * sizeof(long)))) {
			s->oom = true;
			return NULL;
		}
		s->off[level][k] = ftell(f);
	}
	if (k && s->sep)
		fputc(s->sep, f);
	s->count[level]++;
	return f;
}

/* Copy [0, n) of f to out (through sink when there is one). */
static void copy(FILE *f, long n, FILE *out, const struct ka_sarif_sink *sink,
		 bool *oom)
{
	char buf[65536];

	if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0) {
		*oom = true;
		return;
	}
	while (n > 0) {
		size_t want = (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf);
		size_t got = fread(buf, 1, want, f);

		if (got == 0) {
			*oom = true;
			return;
		}
		if (sink)
			sink->chunk(sink->ud, out, buf, got);
		else
			fwrite(buf, 1, got, out);
		n -= (long)got;
	}
}

size_t ka_sarif_results_copy(struct ka_sarif_results *s, FILE *out,
			     size_t limit, size_t dropped[3],
			     const struct ka_sarif_sink *sink)
{
	size_t written = 0;

	for (int level = KA_LEVEL_ERROR; level >= KA_LEVEL_NOTE; level--) {
		size_t n = s->count[level], keep = n;
		long end;

		dropped[level] = 0;
		if (!n)
			continue;
		if (limit && written + n > limit) {
			keep = limit - written;
			dropped[level] = n - keep;
		}
		if (!keep)
			continue;
		fflush(s->f[level]);
		end = keep < n ? s->off[level][keep] : ftell(s->f[level]);
		if (written && s->sep && out)
			fputc(s->sep, out);
		copy(s->f[level], end, out, sink, &s->oom);
		written += keep;
	}
	return written;
}

void ka_sarif_results_free(struct ka_sarif_results *s)
{
	for (int i = 0; i < 3; i++) {
		if (s->f[i])
			fclose(s->f[i]);
		free(s->off[i]);
	}
	memset(s, 0, sizeof(*s));
}

bool ka_sarif_results_notes(const struct ka_sarif_results *s, struct ka_jw *w,
			    bool no_truncate, const size_t dropped[3])
{
	char msg[1024];
	bool over = false;

	if (dropped[0] + dropped[1] + dropped[2]) {
		ka_format(
		    msg, sizeof(msg),
		    "%zu results were left out (%zu errors, %zu warnings, "
		    "%zu notes): GitHub shows at most %d results of a run "
		    "(and rejects a run of more than %d), so kaudit keeps "
		    "the most severe. Run kaudit with --no-truncate to "
		    "write them all.",
		    dropped[0] + dropped[1] + dropped[2],
		    dropped[KA_LEVEL_ERROR], dropped[KA_LEVEL_WARNING],
		    dropped[KA_LEVEL_NOTE], KA_SARIF_SHOWN,
		    KA_SARIF_MAX_RESULTS);
		ka_sarif_notification(w, "warning", msg, NULL, 0, 0, 0);
		ka_say(stderr, "kaudit: warning: SARIF: %s", msg);
	}
	if (no_truncate &&
	    s->count[0] + s->count[1] + s->count[2] > KA_SARIF_MAX_RESULTS) {
		ka_format(msg, sizeof(msg),
			  "%zu results: GitHub rejects a run of more than %d "
			  "(--no-truncate).",
			  s->count[0] + s->count[1] + s->count[2],
			  KA_SARIF_MAX_RESULTS);
		ka_sarif_notification(w, "error", msg, NULL, 0, 0, 0);
		ka_say(stderr, "kaudit: error: SARIF: %s", msg);
		over = true;
	}
	return over;
}

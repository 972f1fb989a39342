#include "kaudit/input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int add_failed(struct ka_run *run, const char *path,
		      enum ka_input_status status, const char *why)
{
	long idx = ka_run_add_input(run, path, false);

	if (idx < 0)
		return -1;
	run->inputs[idx].status = status;
	run->inputs[idx].error = strdup(why);
	return run->inputs[idx].error ? 0 : -1;
}

static bool wanted(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0) ||
	       (n > 5 && strcmp(name + n - 5, ".json") == 0);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);
	char *p;

	while (d > 1 && dir[d - 1] == '/')
		d--;
	if (d == 1 && dir[0] == '.')
		return strdup(name); /* `kaudit .` reports a.yaml, not ./a.yaml */
	p = malloc(d + n + 2);
	if (!p)
		return NULL;
	memcpy(p, dir, d);
	if (!(d == 1 && dir[0] == '/'))
		p[d++] = '/';
	memcpy(p + d, name, n + 1);
	return p;
}

/* True for the templates/ folder of a Helm chart (beside Chart.yaml). */
static bool helm_templates(const char *dir, const char *name)
{
	struct stat st;
	char *chart;
	bool yes;

	if (strcmp(name, "templates") != 0)
		return false;
	chart = join(dir, "Chart.yaml");
	yes = chart && stat(chart, &st) == 0 && S_ISREG(st.st_mode);
	free(chart);
	return yes;
}

static int walk(struct ka_run *run, const char *dir, int depth)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int rc = 0;
	DIR *d;

	if (depth > 256)
		return add_failed(run, dir, KA_INPUT_UNREADABLE,
				  "directories nested too deep");
	d = opendir(dir);
	if (!d)
		return add_failed(run, dir, KA_INPUT_UNREADABLE, strerror(errno));
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue; /* hidden, and . and .. */
		if (n == cap) {
			size_t c = cap ? cap * 2 : 32;
			char **p = realloc(names, c * sizeof(*p));

			if (!p) {
				rc = -1;
				goto out;
			}
			names = p;
			cap = c;
		}
		names[n] = strdup(e->d_name);
		if (!names[n]) {
			rc = -1;
			goto out;
		}
		n++;
	}
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *path = join(dir, names[i]);
		struct stat st;

		if (!path) {
			rc = -1;
			break;
		}
		if (lstat(path, &st) < 0) {
			/* Vanished during the walk: nothing to audit. */
			if (errno != ENOENT && wanted(names[i]))
				rc = add_failed(run, path, KA_INPUT_UNREADABLE,
						strerror(errno));
		} else if (S_ISDIR(st.st_mode) && helm_templates(dir, names[i])) {
			/* Go templates are not manifests until helm renders them. */
			rc = add_failed(run, path, KA_INPUT_SKIPPED,
					"Helm chart templates: audit the output "
					"of helm template");
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk(run, path, depth + 1);
		} else if (S_ISREG(st.st_mode) && wanted(names[i])) {
			rc = ka_run_add_input(run, path, false) < 0 ? -1 : 0;
		}
		free(path);
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

int ka_input_collect(struct ka_run *run, const char *path,
		     const char *stdin_name)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return ka_run_add_input(run, stdin_name, true) < 0 ? -1 : 0;
	if (stat(path, &st) < 0)
		return add_failed(run, path,
				  errno == ENOENT ? KA_INPUT_MISSING
						  : KA_INPUT_UNREADABLE,
				  strerror(errno));
	if (S_ISDIR(st.st_mode))
		return walk(run, path, 0);
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
		return add_failed(run, path, KA_INPUT_UNREADABLE,
				  "not a regular file");
	return ka_run_add_input(run, path, false) < 0 ? -1 : 0;
}

int ka_input_audit(struct ka_run *run, size_t idx)
{
	struct ka_input *in = &run->inputs[idx];
	int fd, rc;

	if (in->status != KA_INPUT_PENDING)
		return 0;
	if (in->is_stdin)
		return ka_run_audit_fd(run, idx, STDIN_FILENO);
	/*
	 * O_NONBLOCK: opening a FIFO nobody writes to must not hang. The
	 * stream waits a moment for a writer, then reads it as empty.
	 */
	fd = open(in->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		in->status = KA_INPUT_UNREADABLE;
		in->error = strdup(strerror(errno));
		return -1;
	}
	rc = ka_run_audit_fd(run, idx, fd);
	close(fd);
	return rc;
}

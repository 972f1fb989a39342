/*
 * Helm charts rendered with helm template. See kaudit/chart.h.
 */
#include "kaudit/chart.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kaudit/error.h"
#include "kaudit/spill.h"

static bool regular(const char *dir, const char *name)
{
	char p[PATH_MAX];
	struct stat st;

	return (size_t)snprintf(p, sizeof(p), "%s/%s", dir, name) < sizeof(p) &&
	       stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

bool ka_chart_is(const char *dir)
{
	return regular(dir, "Chart.yaml");
}

/* dir's parent, in place; false at the top of a relative or root path. */
static bool parent(char *dir)
{
	char *slash = strrchr(dir, '/');

	if (!slash || slash == dir)
		return false;
	*slash = '\0';
	return true;
}

/* The chart that renders the chart in dir (realpath'd, changed): dir, or
 * for a subchart (parent/charts/sub) its outermost parent. */
static char *outermost(char *dir)
{
	char *base, *chart = NULL;

	do {
		free(chart);
		if (!(chart = strdup(dir)))
			return NULL;
		if (!parent(dir) || !(base = strrchr(dir, '/')) ||
		    strcmp(base + 1, "charts") != 0 || !parent(dir))
			break;
	} while (ka_chart_is(dir));
	return chart;
}

char *ka_chart_of_template(const char *path)
{
	char dir[PATH_MAX], *base;

	if (!realpath(path, dir))
		return NULL;
	/* The nearest templates/ folder beside a Chart.yaml. */
	for (;;) {
		if (!parent(dir))
			return NULL;
		base = strrchr(dir, '/');
		if (base && strcmp(base + 1, "templates") == 0) {
			*base = '\0';
			if (ka_chart_is(dir))
				break;
			*base = '/';
		}
	}
	return outermost(dir);
}

char *ka_chart_of_file(const char *path)
{
	static const char *const names[] = {"values.yaml", "values.yml",
					    "Chart.yaml", "Chart.lock",
					    "values.schema.json"};
	const char *base = strrchr(path, '/');
	char dir[PATH_MAX];
	bool named = false;

	base = base ? base + 1 : path;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		named |= strcmp(base, names[i]) == 0;
	if (!named || !realpath(path, dir) || !parent(dir) || !ka_chart_is(dir))
		return NULL;
	return outermost(dir);
}

/* path's executable on PATH (when it has no slash); malloc'd or NULL. */
static char *find_helm(const char *name)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? strdup(name) : NULL;
	while (path && *path) {
		const char *end = strchr(path, ':');
		size_t n = end ? (size_t)(end - path) : strlen(path);

		if ((size_t)snprintf(buf, sizeof(buf), "%.*s/%s", (int)n,
				     n ? path : ".", name) < sizeof(buf) &&
		    access(buf, X_OK) == 0)
			return strdup(buf);
		path = end ? end + 1 : NULL;
	}
	return NULL;
}

/* The argument vector: helm template [NAME] CHART [options...]. */
static char **helm_argv(const struct ka_helm_opts *o, const char *helm,
			const char *chart)
{
	size_t n = 0, max = 8 + 2 * (o->nvalues + o->nsets + o->napi) + 6;
	char **v = calloc(max, sizeof(*v));

	if (!v)
		return NULL;
	v[n++] = (char *)helm;
	v[n++] = "template";
	if (o->release)
		v[n++] = (char *)o->release;
	v[n++] = (char *)chart;
	if (o->ns) {
		v[n++] = "--namespace";
		v[n++] = (char *)o->ns;
	}
	if (o->kube_version) {
		v[n++] = "--kube-version";
		v[n++] = (char *)o->kube_version;
	}
	for (size_t i = 0; i < o->napi; i++) {
		v[n++] = "--api-versions";
		v[n++] = (char *)o->api_versions[i];
	}
	for (size_t i = 0; i < o->nvalues; i++) {
		v[n++] = "--values";
		v[n++] = (char *)o->values[i];
	}
	for (size_t i = 0; i < o->nsets; i++) {
		v[n++] = "--set";
		v[n++] = (char *)o->sets[i];
	}
	v[n] = NULL;
	return v;
}

/* In the child: stdio wired, time bounded, then helm. Never returns. */
static void child(char **argv, int out, int err)
{
	struct rlimit cpu = {KA_HELM_TIMEOUT, KA_HELM_TIMEOUT + 5};
	int in = open("/dev/null", O_RDONLY);

	if (in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(126);
	setrlimit(RLIMIT_CPU, &cpu);
	execv(argv[0], argv);
	_exit(127);
}

/* Wait for pid, at most KA_HELM_TIMEOUT seconds: its status, or -1. */
static int wait_bounded(pid_t pid, bool *timed_out)
{
	struct timespec tick = {0, 10 * 1000 * 1000};
	int status;

	*timed_out = false;
	for (long waited = 0;; waited += 10) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR)
			return -1;
		if (waited >= KA_HELM_TIMEOUT * 1000L && !*timed_out) {
			kill(pid, SIGKILL);
			*timed_out = true;
		}
		nanosleep(&tick, NULL);
	}
}

/* helm's message: the last non-empty line of its stderr, trimmed. */
static char *helm_message(int err, int status, bool timed_out)
{
	char buf[4096], msg[600];
	ssize_t n = pread(err, buf, sizeof(buf) - 1, 0);
	char *line = NULL, *p;

	if (timed_out)
		return ka_format_dup("helm template ran out of time (%d s)",
				     KA_HELM_TIMEOUT);
	buf[n > 0 ? n : 0] = '\0';
	for (p = strtok(buf, "\n"); p; p = strtok(NULL, "\n"))
		if (strspn(p, " \t\r") < strlen(p))
			line = p;
	if (line) {
		snprintf(msg, sizeof(msg), "helm template failed: %s", line);
		return strdup(msg);
	}
	if (WIFSIGNALED(status))
		return ka_format_dup("helm template was killed by signal %d",
				     WTERMSIG(status));
	return ka_format_dup("helm template failed (exit status %d)",
			     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

int ka_chart_render_start(const struct ka_helm_opts *o, const char *chart,
			  struct ka_chart_job *j, char **why)
{
	char *helm = find_helm(o->helm ? o->helm : "helm");
	char **argv = NULL;

	memset(j, 0, sizeof(*j));
	j->pid = -1;
	j->out = j->err = -1;
	*why = NULL;
	if (!helm) {
		*why = ka_format_dup(
		    "%s not found: kaudit renders charts with helm; install "
		    "it (https://helm.sh/docs/intro/install/) or name it with "
		    "--helm PATH",
		    o->helm ? o->helm : "helm");
		return -1;
	}
	argv = helm_argv(o, helm, chart);
	j->out = ka_spill_temp_fd();
	j->err = ka_spill_temp_fd();
	if (argv && j->out >= 0 && j->err >= 0 && (j->pid = fork()) == 0)
		child(argv, j->out, j->err);
	if (j->pid < 0) {
		*why = ka_format_dup("cannot run helm: %s", strerror(errno));
		ka_chart_render_wait(j, NULL);
	}
	free(argv);
	free(helm);
	return j->pid < 0 ? -1 : 0;
}

int ka_chart_render_wait(struct ka_chart_job *j, char **why)
{
	int status = -1, out = -1;
	bool timed_out = false;

	if (j->pid > 0)
		status = wait_bounded(j->pid, &timed_out);
	if (j->pid > 0 && status != -1 && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0 && !timed_out) {
		out = j->out;
		j->out = -1;
		lseek(out, 0, SEEK_SET);
	} else if (why && j->pid > 0) {
		*why = helm_message(j->err, status, timed_out);
	}
	if (j->out >= 0)
		close(j->out);
	if (j->err >= 0)
		close(j->err);
	j->pid = -1;
	j->out = j->err = -1;
	return out;
}

int ka_chart_render(const struct ka_helm_opts *o, const char *chart, char **why)
{
	struct ka_chart_job j;

	if (ka_chart_render_start(o, chart, &j, why) < 0)
		return -1;
	return ka_chart_render_wait(&j, why);
}

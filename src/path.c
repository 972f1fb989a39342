/* Paths: see kaudit/path.h. */
#include "kaudit/path.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Lexically clean an absolute path in place (Go's path.Clean). */
static void clean_abs(char *p)
{
	char *out = p, *in = p;

	while (*in) {
		char *seg;
		size_t len;

		while (*in == '/')
			in++;
		if (!*in)
			break;
		seg = in;
		while (*in && *in != '/')
			in++;
		len = (size_t)(in - seg);
		if (len == 1 && seg[0] == '.')
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out > p && *--out != '/')
				;
			continue;
		}
		*out++ = '/';
		memmove(out, seg, len);
		out += len;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

/* The absolute, cleaned form of path; symlinks resolved when it exists. */
char *ka_path_absolute(const char *path)
{
	char *r = realpath(path, NULL);
	char cwd[PATH_MAX];
	char *p;

	if (r)
		return r;
	if (path[0] == '/') {
		p = strdup(path);
	} else {
		if (!getcwd(cwd, sizeof(cwd)))
			return NULL;
		p = malloc(strlen(cwd) + strlen(path) + 2);
		if (p)
			sprintf(p, "%s/%s", cwd, path);
	}
	if (p)
		clean_abs(p);
	return p;
}

/* The nearest directory above abs holding .git, or NULL. */
char *ka_path_repo_root(const char *abs)
{
	char *dir = strdup(abs);
	struct stat st;

	if (!dir)
		return NULL;
	for (;;) {
		char *slash = strrchr(dir, '/');
		char probe[PATH_MAX];

		if (!slash)
			break;
		*slash = '\0';
		snprintf(probe, sizeof(probe), "%s/.git", *dir ? dir : "");
		if (stat(probe, &st) == 0) {
			if (!*dir)
				strcpy(dir, "/");
			return dir;
		}
		if (!*dir)
			break;
	}
	free(dir);
	return NULL;
}

/* abs relative to root (both clean), or NULL when it is not below it. */
static const char *below(const char *abs, const char *root)
{
	size_t n = strlen(root);

	if (n == 1 && root[0] == '/')
		return abs + 1;
	if (strncmp(abs, root, n) == 0 && abs[n] == '/')
		return abs + n + 1;
	return NULL;
}

char *ka_path_encode(const char *prefix, const char *s)
{
	static const char keep[] = "-._~/!$&'()*+,;=:@";
	size_t n = strlen(prefix) + 3 * strlen(s) + 1;
	char *out = malloc(n), *o;

	if (!out)
		return NULL;
	o = out + sprintf(out, "%s", prefix);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	*o = '\0';
	return out;
}

char *ka_path_uri(const char *path, bool *relative)
{
	char *abs = ka_path_absolute(path), *root = NULL, *uri = NULL;
	const char *rel = NULL;

	if (!abs)
		return NULL;
	root = ka_path_repo_root(abs);
	if (root)
		rel = below(abs, root);
	if (!rel) {
		free(root);
		root = ka_path_absolute(".");
		if (root)
			rel = below(abs, root);
	}
	*relative = rel != NULL;
	uri = rel ? ka_path_encode("", rel) : ka_path_encode("file://", abs);
	free(root);
	free(abs);
	return uri;
}

/* Whether dir (a path without the trailing slash; "" is /) holds name. */
static bool holds(const char *dir, const char *name, bool regular)
{
	char probe[PATH_MAX + 32];
	struct stat st;

	snprintf(probe, sizeof(probe), "%s/%s", dir, name);
	return stat(probe, &st) == 0 && (!regular || S_ISREG(st.st_mode));
}

/* Cut dir (canonical, "" for /) at its last slash: false at the root. */
static bool up(char *dir)
{
	char *slash = strrchr(dir, '/');

	if (!slash)
		return false;
	*slash = '\0';
	return true;
}

/* The same directory, or one below: `a` lies in or under `b`. */
static bool within(const char *a, const char *b)
{
	size_t n = strlen(b);

	return strncmp(a, b, n) == 0 && (a[n] == '/' || a[n] == '\0');
}

char *ka_path_find_from(const char *start, const char *stop, const char *name)
{
	char dir[PATH_MAX], top[PATH_MAX], lim[PATH_MAX];
	bool repo = false;

	if (!realpath(start, dir) || !realpath(stop, lim))
		return NULL;
	if (strcmp(dir, "/") == 0)
		dir[0] = '\0';
	if (strcmp(lim, "/") == 0)
		lim[0] = '\0';
	/* The repository top: the nearest directory holding .git. */
	memcpy(top, dir, sizeof(top));
	do {
		if (holds(top, ".git", false)) {
			repo = true;
			break;
		}
	} while (up(top));
	/*
	 * Up to the repository top; outside a repository no higher than
	 * stop: a shared folder above a checkout (a world-writable /tmp)
	 * must not configure it.
	 */
	if (!repo)
		memcpy(top, within(dir, lim) ? lim : dir, sizeof(top));
	for (;;) {
		if (holds(dir, name, true)) {
			char path[PATH_MAX + 32];

			snprintf(path, sizeof(path), "%s/%s", dir, name);
			return strdup(path);
		}
		if (strcmp(dir, top) == 0 || !up(dir))
			return NULL;
	}
}

char *ka_path_find_up(const char *name)
{
	return ka_path_find_from(".", ".", name);
}

bool ka_path_glob_match(char *const *globs, size_t n, const char *base,
			const char *path)
{
	const char *rel = path;
	char abs[PATH_MAX];

	/* Relative to base, when the path lies in it. */
	if (base && realpath(path, abs)) {
		size_t len = strlen(base);

		if (strncmp(abs, base, len) == 0 && abs[len] == '/')
			rel = abs + len + 1;
	}
	while (rel[0] == '.' && rel[1] == '/')
		rel += 2;
	for (size_t i = 0; i < n; i++)
		if (fnmatch(globs[i], path, 0) == 0 ||
		    fnmatch(globs[i], rel, 0) == 0)
			return true;
	return false;
}

char *ka_path_dir(const char *path)
{
	char abs[PATH_MAX];
	char *slash;

	if (!realpath(path, abs))
		return NULL;
	slash = strrchr(abs, '/');
	if (slash)
		*slash = '\0';
	return strdup(*abs ? abs : "/");
}

char *ka_path_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *b;

			cap = cap ? cap * 2 : 8192;
			b = realloc(buf, cap);
			if (!b) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = b;
		}
		size_t r = fread(buf + n, 1, cap - n - 1, f);

		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * Paths: the repository root, repository-relative URIs, the upward search
 * for a file and glob matching, in one place for SARIF, the configuration
 * and waivers.
 */
#ifndef KAUDIT_PATH_H
#define KAUDIT_PATH_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The absolute, lexically clean form of path (symbolic links resolved
 * when it exists). Returns a malloc'd string, or NULL.
 */
char *ka_path_absolute(const char *path);

/* The nearest directory at or above abs's parent holding .git (malloc'd), or
 * NULL. */
char *ka_path_repo_root(const char *abs);

/*
 * The repository-relative URI of path (percent-encoded), or, when it lies
 * outside both the repository and the current directory, a file: URI.
 * Sets *relative accordingly. Returns a malloc'd string, or NULL.
 */
char *ka_path_uri(const char *path, bool *relative);

/*
 * Look for name in the current directory and its parents, up to the
 * repository root (a directory holding .git). Returns the malloc'd path
 * of a regular file, or NULL when there is none.
 */
char *ka_path_find_up(const char *name);

/*
 * Look for name in the directory start and its parents: up to the
 * repository top (the nearest directory above start holding .git), or,
 * outside a repository, no higher than stop (start itself when stop does
 * not hold it). Returns the malloc'd canonical path of a regular file, or
 * NULL.
 */
char *ka_path_find_from(const char *start, const char *stop, const char *name);

/*
 * True when path matches one of globs[0..n) (fnmatch), as written or
 * relative to base (an absolute directory, or NULL) when it lies below it.
 */
bool ka_path_glob_match(char *const *globs, size_t n, const char *base,
			const char *path);

/* prefix then s percent-encoded for a URI (malloc'd), or NULL. */
char *ka_path_encode(const char *prefix, const char *s);

/* The directory of path, absolute (malloc'd), or NULL. */
char *ka_path_dir(const char *path);

/*
 * The whole of a regular file, NUL-terminated (malloc'd), its length in
 * *len; NULL with errno set when it cannot be read.
 */
char *ka_path_read(const char *path, size_t *len);

#endif

/*
 * writable-system-path: a writable volume mounted at / or over a system
 * directory (/bin, /sbin, /lib*, /usr, /etc, /boot) makes the places where
 * executables and their configuration live writable again, defeating a
 * read-only root filesystem. configMap, secret, downwardAPI and projected
 * volumes are always mounted read-only, so they never count. Paths are
 * cleaned lexically first (`//usr/./bin/..` is /usr). .kaudit.yaml
 * system-paths adds directories. Not a PSA rule.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_writable_system_path;

static const char *const system_dirs[] = {"/bin",   "/sbin",   "/lib", "/lib32",
					  "/lib64", "/libx32", "/usr", "/etc",
					  "/boot",  NULL};

static const char *const read_only_types[] = {"configMap", "secret",
					      "downwardAPI", "projected", NULL};

/* Go's path.Clean for an absolute path, into out (size >= len + 2). */
static void clean(const char *p, char *out)
{
	size_t n = 0;

	out[n++] = '/';
	while (*p) {
		const char *e;
		size_t len;

		while (*p == '/')
			p++;
		e = strchr(p, '/');
		len = e ? (size_t)(e - p) : strlen(p);
		if (len == 0)
			break;
		if (len == 1 && p[0] == '.') {
			/* skip */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 1 && out[n - 1] != '/')
				n--;
			if (n > 1)
				n--; /* the slash */
		} else {
			if (n > 1)
				out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	out[n] = '\0';
}

/* At or under dir, on a path boundary. */
static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	return strncmp(path, dir, n) == 0 &&
	       (path[n] == '\0' || path[n] == '/');
}

static const char *system_dir(const struct ka_ctx *ctx, const char *path)
{
	size_t n;
	char *const *extra = ka_ctx_param(ctx, "system-paths", &n);

	if (strcmp(path, "/") == 0)
		return "/";
	for (size_t i = 0; system_dirs[i]; i++)
		if (under(path, system_dirs[i]))
			return system_dirs[i];
	/* .kaudit.yaml system-paths extends the list. */
	for (size_t i = 0; i < n; i++)
		if (under(path, extra[i]))
			return extra[i];
	return NULL;
}

static bool always_read_only(const struct ka_node *vol)
{
	const char *source = ka_volume_source(vol, NULL, NULL);

	for (size_t i = 0; read_only_types[i]; i++)
		if (strcmp(source, read_only_types[i]) == 0)
			return true;
	return false;
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	char buf[4096];
	struct ka_volumes vols = {0};

	for (size_t i = 0; i < pod->ncontainers; i++) {
		const struct ka_container *c = &pod->containers[i];
		const struct ka_node *mounts =
		    ka_map_get(c->node, "volumeMounts");

		for (size_t j = 0; j < ka_seq_len(mounts); j++) {
			const struct ka_node *m = ka_seq_at(mounts, j), *pn;
			const char *path = ka_get_str(m, "mountPath", &pn);
			const char *name = ka_get_str(m, "name", NULL);
			const struct ka_node *vol;
			const char *dir;
			char field[64];
			bool ro;

			if (!path || path[0] != '/' ||
			    strlen(path) + 2 > sizeof(buf))
				continue;
			if (ka_get_bool(m, "readOnly", &ro, NULL) && ro)
				continue;
			clean(path, buf);
			dir = system_dir(ctx, buf);
			if (!dir)
				continue;
			vol = name ? ka_volumes_find(&vols, pod, name) : NULL;
			if (vol && always_read_only(vol))
				continue;
			snprintf(field, sizeof(field),
				 "volumeMounts[%zu].mountPath", j);
			ka_report(ctx, &ka_check_writable_system_path, c, pn,
				  field,
				  "mount under %s%s is writable; set readOnly: "
				  "true",
				  strcmp(dir, "/") == 0 ? "the root" : "",
				  strcmp(dir, "/") == 0 ? "" : dir);
		}
	}
	ka_volumes_free(&vols);
}

static const struct ka_param params[] = {
    {.key = "system-paths",
     .help = "more absolute paths no writable volume may be mounted over",
     .paths = true},
    {0},
};

static const struct ka_field fields[] = {
    {"volumes[].name", KA_F_STR, true},
    {"volumeMounts[].name", KA_F_STR, false},
    {"volumeMounts[].mountPath", KA_F_STR, false},
    {"volumeMounts[].readOnly", KA_F_BOOL, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_writable_system_path = {
    .id = "writable-system-path",
    .title = "Writable volume mounted over a system path",
    .summary = "a writable volume mount at `/` or at or under `/bin /sbin /lib "
	       "/lib32 /lib64 /libx32 /usr /etc /boot` (paths cleaned first)",
    .compliance = "NSA/CISA: immutable container file systems",
    .level = KA_LEVEL_ERROR,
    .security_severity = "8.0",
    .risk = "A writable mount at / or under /bin, /sbin, /lib, /usr, /etc "
	    "or /boot lets a compromised process replace executables, "
	    "libraries or their configuration, which a read-only root "
	    "filesystem is meant to prevent.",
    .remediation = "Mount the volume elsewhere (e.g. /var/lib/app or "
		   "/tmp), or set readOnly: true on the mount.",
    .rule = "A volume mount without readOnly: true whose mountPath, cleaned "
	    "as Go's path.Clean cleans it, is / or at or under /bin, /sbin, "
	    "/lib, /lib32, /lib64, /libx32, /usr, /etc, /boot (or a "
	    ".kaudit.yaml system-paths directory). configMap, secret, "
	    "downwardAPI and projected volumes are always mounted read-only "
	    "and never count.",
    .false_positives =
	"Images that keep writable state under /etc (some databases' "
	"configuration) need it: waive them with the reason.",
    .failing = KA_EXAMPLE_POD "      volumeMounts:\n"
			      "        - name: bin\n"
			      "          mountPath: /usr/local/bin\n"
			      "  volumes:\n"
			      "    - name: bin\n"
			      "      emptyDir:\n"
			      "        sizeLimit: 10Mi\n",
    .example = "volumeMounts:\n  - name: data\n    mountPath: /var/lib/app\n",
    .params = params,
    .fields = fields,
    .run = run,
};

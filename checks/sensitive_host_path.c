/*
 * sensitive-host-path: a hostPath that hands the pod the node: `/`, /etc,
 * /proc, /sys, /boot, /root, /var/lib/kubelet, /var/lib/docker (or a path
 * under them), /var/log when some container mounts it writable, or a
 * container runtime socket (docker.sock, containerd.sock, crio.sock,
 * cri-dockerd.sock) or a folder that holds one (/run, /var/run, /var).
 * The path is normalised lexically first (`//`, `.`, `..`:
 * /var/run/../run/docker.sock is /var/run/docker.sock); symbolic links on
 * the node cannot be seen from a manifest. Stronger than
 * host-path-volumes: it names why this mount is a node takeover. Not a
 * PSA rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_sensitive_host_path;

/* Sockets, by the paths runtimes put them at. */
static const char *const sockets[] = {
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/run/containerd/containerd.sock",
    "/var/run/containerd/containerd.sock",
    "/var/run/crio/crio.sock",
    "/run/crio/crio.sock",
    "/var/run/cri-dockerd.sock",
    "/run/cri-dockerd.sock",
};
static const char *const socket_names[] = {"docker.sock", "containerd.sock",
					   "crio.sock", "cri-dockerd.sock"};

/* What each system folder holds, for the message. */
static const struct {
	const char *dir, *why;
	bool writable_only;
} dirs[] = {
    {"/etc", "node configuration and credentials", false},
    {"/proc", "node processes and kernel settings", false},
    {"/sys", "node kernel and devices", false},
    {"/boot", "node kernel and boot loader", false},
    {"/root", "root's home on the node", false},
    {"/var/lib/kubelet", "kubelet credentials and pod volumes", false},
    {"/var/lib/docker", "every container's files", false},
    {"/var/log", "node logs, writable", true},
};

/* Lexical normalisation of an absolute path into out (size > strlen). */
static void normalise(const char *path, char *out)
{
	size_t n = 0;

	for (const char *p = path; *p;) {
		size_t len;

		while (*p == '/')
			p++;
		len = strcspn(p, "/");
		if (len == 0)
			break;
		if (len == 1 && p[0] == '.') {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (n && out[n - 1] != '/')
				n--;
			if (n)
				n--;
		} else {
			out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	if (!n)
		out[n++] = '/';
	out[n] = '\0';
}

/* path is dir or below it. */
static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && (path[n] == '/' || !path[n]);
}

/* dir is path or a folder above it ("/" is above every path). */
static bool holds(const char *dir, const char *path)
{
	return strcmp(dir, "/") == 0 || under(path, dir);
}

/* Why path is a node takeover, or NULL. */
static const char *why(const char *path, bool *writable_only)
{
	const char *base = strrchr(path, '/') + 1;

	for (size_t i = 0; i < sizeof(socket_names) / sizeof(*socket_names);
	     i++)
		if (strcmp(base, socket_names[i]) == 0)
			return "the container runtime socket";
	if (strcmp(path, "/") == 0)
		return "the node's root";
	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++)
		if (under(path, dirs[i].dir)) {
			*writable_only = dirs[i].writable_only;
			return dirs[i].why;
		}
	for (size_t i = 0; i < sizeof(sockets) / sizeof(*sockets); i++)
		if (holds(path, sockets[i]))
			return "a folder with the runtime socket";
	return NULL;
}

static void run(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	const struct ka_node *vols = ka_map_get(pod->spec, "volumes");
	struct ka_named *mounts = NULL; /* made for the first /var/log */
	size_t nmounts = 0;

	for (size_t i = 0; i < ka_seq_len(vols); i++) {
		const struct ka_node *vol = ka_seq_at(vols, i), *n;
		const char *name = ka_get_str(vol, "name", NULL);
		const char *path =
		    ka_get_str(ka_get_map(vol, "hostPath"), "path", &n);
		char norm[4096], field[64];
		const char *reason;
		bool writable_only = false;

		if (!path || path[0] != '/' || strlen(path) >= sizeof(norm))
			continue;
		normalise(path, norm);
		if (!(reason = why(norm, &writable_only)))
			continue;
		if (writable_only && !mounts &&
		    !(mounts = ka_pod_writable_mounts(pod, &nmounts))) {
			ctx->out->oom = true;
			return;
		}
		if (writable_only &&
		    !(name && ka_named_first(mounts, nmounts, name)))
			continue;
		snprintf(field, sizeof(field), "volumes[%zu].hostPath.path", i);
		ka_report(ctx, &ka_check_sensitive_host_path, NULL, n, field,
			  "volume '%s' mounts %s, %s; remove it",
			  name ? name : "", norm, reason);
	}
	free(mounts);
}

static const struct ka_field fields[] = {
    {"volumes[].hostPath.path", KA_F_STR, true},
    {NULL, 0, false},
};

const struct ka_check ka_check_sensitive_host_path = {
    .id = "sensitive-host-path",
    .title = "Pod mounts a sensitive path of the node",
    .summary = "a `hostPath` is `/`, under /etc, /proc, /sys, /boot, /root, "
	       "/var/lib/kubelet or /var/lib/docker, under /var/log mounted "
	       "writable, or a container runtime socket or a folder holding "
	       "one (path normalised)",
    .level = KA_LEVEL_ERROR,
    .security_severity = "9.0",
    .risk = "These paths hand the pod the node: the runtime socket starts "
	    "privileged containers, /etc and /var/lib/kubelet hold "
	    "credentials, /proc and /sys reach the kernel, and a writable "
	    "/var/log lets the kubelet follow a planted symlink.",
    .remediation = "Remove the hostPath volume; give the workload what it "
		   "needs through the API, a CSI driver or a narrower, "
		   "read-only path.",
    .rule = "A hostPath volume whose path, normalised lexically (//, ., ..), "
	    "is /, at or under /etc, /proc, /sys, /boot, /root, "
	    "/var/lib/kubelet or /var/lib/docker, at or under /var/log when a "
	    "container mounts it without readOnly: true, or a container "
	    "runtime socket (docker.sock, containerd.sock, crio.sock, "
	    "cri-dockerd.sock) or a folder holding one (/run, /var/run, "
	    "/var).",
    .false_positives =
	"Node agents (log shippers, monitoring, CSI drivers) need some of "
	"these paths: waive them with the reason, and mount them "
	"read-only. Symbolic links on the node cannot be seen from a "
	"manifest.",
    .failing = KA_EXAMPLE_POD "  volumes:\n"
			      "    - name: docker\n"
			      "      hostPath:\n"
			      "        path: /var/run/docker.sock\n",
    .example = "volumes:\n  - name: data\n    persistentVolumeClaim:\n"
	       "      claimName: data\n",
    .compliance = "CIS 5.2.12; NSA/CISA: pod security (hostPath)",
    .fields = fields,
    .run = run,
};

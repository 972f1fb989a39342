#include "kaudit/validate.h"

#include <stdio.h>
#include <string.h>

#include "kaudit/scalar.h"

enum ftype {
	F_BOOL,
	F_INT,
	F_STR,
	F_QUANTITY, /* a string or a number: "1Gi", 100 */
	F_MAP,
	F_SEQ_MAP, /* a list of mappings */
	F_SEQ_STR, /* a list of strings */
};

struct field {
	const char *name;
	enum ftype type;
	const struct field *sub; /* fields of the mapping (F_MAP, F_SEQ_MAP) */
};

static const struct field capabilities[] = {
    {"add", F_SEQ_STR, NULL},
    {"drop", F_SEQ_STR, NULL},
    {NULL, 0, NULL},
};

static const struct field typed[] = {
    {"type", F_STR, NULL},
    {"localhostProfile", F_STR, NULL},
    {NULL, 0, NULL},
};

static const struct field selinux[] = {
    {"type", F_STR, NULL},  {"user", F_STR, NULL}, {"role", F_STR, NULL},
    {"level", F_STR, NULL}, {NULL, 0, NULL},
};

static const struct field windows[] = {
    {"hostProcess", F_BOOL, NULL},
    {NULL, 0, NULL},
};

static const struct field sysctl[] = {
    {"name", F_STR, NULL},
    {NULL, 0, NULL},
};

static const struct field port[] = {
    {"containerPort", F_INT, NULL},
    {"hostPort", F_INT, NULL},
    {NULL, 0, NULL},
};

static const struct field host_field[] = {
    {"host", F_STR, NULL},
    {NULL, 0, NULL},
};

static const struct field handler[] = {
    {"httpGet", F_MAP, host_field},
    {"tcpSocket", F_MAP, host_field},
    {NULL, 0, NULL},
};

static const struct field lifecycle[] = {
    {"postStart", F_MAP, handler},
    {"preStop", F_MAP, handler},
    {NULL, 0, NULL},
};

static const struct field container_sc[] = {
    {"privileged", F_BOOL, NULL},
    {"readOnlyRootFilesystem", F_BOOL, NULL},
    {"runAsNonRoot", F_BOOL, NULL},
    {"runAsUser", F_INT, NULL},
    {"allowPrivilegeEscalation", F_BOOL, NULL},
    {"capabilities", F_MAP, capabilities},
    {"procMount", F_STR, NULL},
    {"seccompProfile", F_MAP, typed},
    {"appArmorProfile", F_MAP, typed},
    {"seLinuxOptions", F_MAP, selinux},
    {"windowsOptions", F_MAP, windows},
    {NULL, 0, NULL},
};

static const struct field mount[] = {
    {"name", F_STR, NULL},
    {"mountPath", F_STR, NULL},
    {"readOnly", F_BOOL, NULL},
    {NULL, 0, NULL},
};

static const struct field container[] = {
    {"name", F_STR, NULL},
    {"image", F_STR, NULL},
    {"securityContext", F_MAP, container_sc},
    {"volumeMounts", F_SEQ_MAP, mount},
    {"ports", F_SEQ_MAP, port},
    {"livenessProbe", F_MAP, handler},
    {"readinessProbe", F_MAP, handler},
    {"startupProbe", F_MAP, handler},
    {"lifecycle", F_MAP, lifecycle},
    {NULL, 0, NULL},
};

static const struct field empty_dir[] = {
    {"medium", F_STR, NULL},
    {"sizeLimit", F_QUANTITY, NULL},
    {NULL, 0, NULL},
};

static const struct field volume[] = {
    {"name", F_STR, NULL},
    {"emptyDir", F_MAP, empty_dir},
    {NULL, 0, NULL},
};

static const struct field pod_sc[] = {
    {"runAsNonRoot", F_BOOL, NULL},	{"runAsUser", F_INT, NULL},
    {"seccompProfile", F_MAP, typed},	{"appArmorProfile", F_MAP, typed},
    {"seLinuxOptions", F_MAP, selinux}, {"windowsOptions", F_MAP, windows},
    {"sysctls", F_SEQ_MAP, sysctl},	{NULL, 0, NULL},
};

static const struct field os[] = {
    {"name", F_STR, NULL},
    {NULL, 0, NULL},
};

static const struct field pod_spec[] = {
    {"securityContext", F_MAP, pod_sc},
    {"hostUsers", F_BOOL, NULL},
    {"hostNetwork", F_BOOL, NULL},
    {"hostPID", F_BOOL, NULL},
    {"hostIPC", F_BOOL, NULL},
    {"os", F_MAP, os},
    {"volumes", F_SEQ_MAP, volume},
    {"initContainers", F_SEQ_MAP, NULL},
    {"containers", F_SEQ_MAP, NULL},
    {"ephemeralContainers", F_SEQ_MAP, NULL},
    {NULL, 0, NULL},
};

static const char *want(enum ftype t)
{
	switch (t) {
	case F_BOOL:
		return "a boolean";
	case F_INT:
		return "an integer";
	case F_STR:
		return "a string";
	case F_QUANTITY:
		return "a quantity (a string or a number)";
	case F_MAP:
		return "a mapping";
	case F_SEQ_MAP:
		return "a list of mappings";
	case F_SEQ_STR:
		return "a list of strings";
	}
	return "a value";
}

static bool type_ok(enum ftype t, const struct ka_value *v)
{
	switch (t) {
	case F_BOOL:
		return v->type == KA_TYPE_BOOL;
	case F_INT:
		return v->type == KA_TYPE_INT ||
		       (v->type == KA_TYPE_FLOAT &&
			v->f == (double)(long long)v->f);
	case F_STR:
		return v->type == KA_TYPE_STR;
	case F_QUANTITY:
		return v->type == KA_TYPE_STR || v->type == KA_TYPE_INT ||
		       v->type == KA_TYPE_FLOAT;
	case F_MAP:
		return v->type == KA_TYPE_MAP;
	case F_SEQ_MAP:
	case F_SEQ_STR:
		return v->type == KA_TYPE_SEQ;
	}
	return false;
}

static void bad(struct ka_ctx *ctx, const struct ka_container *c,
		const struct ka_node *n, const char *path, const char *what,
		const struct ka_value *v)
{
	const struct ka_node *d = ka_node_deref(n);

	if (d->kind == KA_NODE_SCALAR && v->type != KA_TYPE_MAP &&
	    v->type != KA_TYPE_SEQ)
		ka_report(ctx, &ka_check_invalid_value, c, n, path,
			  "field %s must be %s, not %s (%.60s); kubectl "
			  "refuses it and kaudit reads it as unset",
			  path, what, ka_type_name(v->type), d->u.s.text);
	else
		ka_report(ctx, &ka_check_invalid_value, c, n, path,
			  "field %s must be %s, not %s; kubectl refuses it "
			  "and kaudit reads it as unset",
			  path, what, ka_type_name(v->type));
}

static void walk(struct ka_ctx *ctx, const struct ka_container *c,
		 const struct ka_node *map, const struct field *fields,
		 const char *prefix)
{
	for (const struct field *f = fields; f->name; f++) {
		const struct ka_node *n = ka_map_get(map, f->name);
		struct ka_value v;
		char path[256];

		if (!n)
			continue;
		ka_node_value(n, &v);
		if (v.type == KA_TYPE_NULL)
			continue; /* null is unset to the API */
		/* The path is needed only to report or to go deeper. */
		if (type_ok(f->type, &v) && f->type != F_MAP &&
		    f->type != F_SEQ_MAP && f->type != F_SEQ_STR)
			continue;
		snprintf(path, sizeof(path), "%s%s%s", prefix,
			 *prefix ? "." : "", f->name);
		if (!type_ok(f->type, &v)) {
			bad(ctx, c, n, path, want(f->type), &v);
			continue;
		}
		if (f->type == F_MAP && f->sub)
			walk(ctx, c, n, f->sub, path);
		if (f->type == F_SEQ_MAP || f->type == F_SEQ_STR) {
			for (size_t i = 0; i < ka_seq_len(n); i++) {
				const struct ka_node *item = ka_seq_at(n, i);
				char ipath[300];

				ka_node_value(item, &v);
				if (type_ok(f->type == F_SEQ_MAP ? F_MAP
								 : F_STR,
					    &v) &&
				    !f->sub)
					continue;
				snprintf(ipath, sizeof(ipath), "%s[%zu]", path,
					 i);
				if (!type_ok(f->type == F_SEQ_MAP ? F_MAP
								  : F_STR,
					     &v))
					bad(ctx, c, item, ipath,
					    f->type == F_SEQ_MAP ? "a mapping"
								 : "a string",
					    &v);
				else if (f->sub)
					walk(ctx, c, item, f->sub, ipath);
			}
		}
	}
}

void ka_validate_pod(struct ka_ctx *ctx, const struct ka_pod *pod)
{
	walk(ctx, NULL, pod->spec, pod_spec, "");
	for (size_t i = 0; i < pod->ncontainers; i++)
		walk(ctx, &pod->containers[i], pod->containers[i].node,
		     container, "");
}

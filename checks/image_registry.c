/*
 * image-registry: images must come from the registries (and paths) the
 * team trusts, listed in .kaudit.yaml `allowed-registries`; the check runs
 * only when that list is set. Names are normalised as the container
 * runtime does: `nginx` is docker.io/library/nginx, `org/app` is
 * docker.io/org/app. A prefix matches at a path boundary:
 * `ghcr.io/acme` allows ghcr.io/acme/app but not ghcr.io/acme-evil/app.
 */
#include <stdio.h>
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/image.h"

const struct ka_check ka_check_image_registry;

/* "domain/path" as the runtime resolves it, into buf. */
static void normalise(const struct ka_image *img, char *buf, size_t size)
{
	if (img->domain_len)
		snprintf(buf, size, "%.*s/%.*s", (int)img->domain_len,
			 img->domain, (int)img->path_len, img->path);
	else if (memchr(img->path, '/', img->path_len))
		snprintf(buf, size, "docker.io/%.*s", (int)img->path_len,
			 img->path);
	else
		snprintf(buf, size, "docker.io/library/%.*s",
			 (int)img->path_len, img->path);
}

static bool allowed(char *const *registries, size_t nreg, const char *name)
{
	for (size_t i = 0; i < nreg; i++) {
		const char *p = registries[i];
		size_t n = strlen(p);

		while (n && p[n - 1] == '/')
			n--;
		if (strncmp(name, p, n) == 0 &&
		    (name[n] == '\0' || name[n] == '/'))
			return true;
	}
	return false;
}

static void container(struct ka_ctx *ctx, const struct ka_container *c)
{
	size_t nreg;
	char *const *registries =
	    ka_ctx_param(ctx, "allowed-registries", &nreg);
	const struct ka_node *n;
	struct ka_image img;
	const char *ref = ka_container_image(c, &img, &n);
	char name[1024];

	if (!nreg || !ref)
		return;
	normalise(&img, name, sizeof(name));
	if (!allowed(registries, nreg, name))
		ka_report(ctx, &ka_check_image_registry, c, n, "image",
			  "image '%s' is from %s, not an allowed registry; "
			  "mirror it",
			  ka_image_short(ref), name);
}

static const struct ka_param params[] = {
    {.key = "allowed-registries",
     .help = "registries images may come from (host, or host/path prefix); "
	     "setting it turns the check on",
     .enables = true},
    {0},
};

static const struct ka_field fields[] = {
    {"image", KA_F_STR, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_image_registry = {
    .id = "image-registry",
    .title = "Image is not from an allowed registry",
    .summary =
	"the image (normalised: `nginx` is `docker.io/library/nginx`) is "
	"not under one of `.kaudit.yaml` `allowed-registries`; on only when "
	"that list is set",
    .own_subject = true,
    .compliance = "CIS 5.5.1; NSA/CISA: image provenance",
    .level = KA_LEVEL_ERROR,
    .security_severity = "6.0",
    .risk = "An image from an unreviewed registry bypasses the team's "
	    "supply-chain controls: scanning, signing and mirroring.",
    .remediation = "Pull the image from one of the registries in "
		   ".kaudit.yaml allowed-registries, or add the registry "
		   "there after review.",
    .rule = "Only with .kaudit.yaml allowed-registries set: the image, "
	    "normalised as the container runtime resolves it (nginx is "
	    "docker.io/library/nginx), is not equal to, or under at a `/` "
	    "boundary, one of the listed prefixes.",
    .false_positives =
	"Registry mirrors the nodes rewrite to are invisible in the "
	"manifest: list the names as written.",
    .failing = KA_EXAMPLE_POD,
    .example =
	"image: ghcr.io/acme/app:1.4.2@sha256:"
	"3f4a5c9e0b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e\n",
    .params = params,
    .fields = fields,
    .run_container = container,
};

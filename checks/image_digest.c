/*
 * image-digest: a tag can be moved to other content at any time; only a
 * digest names exactly the image that was reviewed and scanned.
 * Not a PSA rule.
 */
#include <stdio.h>

#include "kaudit/findings.h"
#include "kaudit/fixbuild.h"
#include "kaudit/image.h"
#include "kaudit/pins.h"

const struct ka_check ka_check_image_digest;

/* With --pin-digests, the fix: the image as written, then @digest. */
static void pin(struct ka_ctx *ctx, const struct ka_node *n, const char *ref)
{
	const char *digest = ka_pins_find(ctx->pins, ref);
	char buf[1024];

	if (!digest) {
		ka_report_nofix(ctx, &ka_check_image_digest,
				"no digest given for the image (--pin-digests "
				"FILE)");
		return;
	}
	if ((size_t)snprintf(buf, sizeof(buf), "%s@%s", ref, digest) <
	    sizeof(buf))
		ka_report_fix_scalar(ctx, &ka_check_image_digest, n, buf);
}

static void container(struct ka_ctx *ctx, const struct ka_container *c)
{
	const struct ka_node *n;
	struct ka_image img;
	const char *ref = ka_container_image(c, &img, &n);

	if (!ref)
		return;
	if (!img.has_digest) {
		ka_report(ctx, &ka_check_image_digest, c, n, "image",
			  "image '%s' has no @sha256 digest; add one",
			  ka_image_short(ref));
		pin(ctx, n, ref);
	} else if (!img.digest_valid)
		ka_report(ctx, &ka_check_image_digest, c, n, "image",
			  "image '%s' has an invalid digest; use sha256: and "
			  "64 lowercase hex digits",
			  ka_image_short(ref));
}

static const struct ka_field fields[] = {
    {"image", KA_F_STR, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_image_digest = {
    .id = "image-digest",
    .title = "Image is not pinned by digest",
    .summary = "the image is not pinned by a valid digest (`sha256:` + 64 "
	       "lowercase hex, or `sha512:` + 128)",
    .own_subject = true,
    .compliance = "NSA/CISA: image provenance",
    .level = KA_LEVEL_WARNING,
    .security_severity = "4.0",
    .risk = "A tag is a movable pointer: whoever can push to the registry "
	    "can change what the cluster runs without touching the "
	    "manifest, and two nodes may run different content.",
    .remediation = "Reference the image by tag and digest: "
		   "name:tag@sha256:<64 hex digits>.",
    .rule = "The container's image has no digest, or one that is not sha256: "
	    "with 64 lowercase hex digits or sha512: with 128.",
    .false_positives =
	"Images built and deployed by the same pipeline, pinned by an "
	"admission policy instead, are reported; waive them or pin.",
    .failing = KA_EXAMPLE_POD,
    .example =
	"image: registry.example.com/app:1.4.2@sha256:"
	"3f4a5c9e0b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e\n",
    .fields = fields,
    .run_container = container,
};

/*
 * image-latest-tag: `latest` (or no tag, which means latest) says nothing
 * about what runs and changes under the deployment. A digest alone pins
 * the content but leaves readers no version, so it needs a tag too.
 * Not a PSA rule.
 */
#include <string.h>

#include "kaudit/findings.h"
#include "kaudit/image.h"

const struct ka_check ka_check_image_latest_tag;

static void container(struct ka_ctx *ctx, const struct ka_container *c)
{
	const struct ka_node *n;
	struct ka_image img;
	const char *ref = ka_container_image(c, &img, &n);

	if (!ref)
		return;
	if (!img.has_tag)
		ka_report(ctx, &ka_check_image_latest_tag, c, n, "image",
			  img.has_digest ? "image '%s' has no readable tag; "
					   "add the version tag"
					 : "image '%s' has no tag, so latest; "
					   "pin a version",
			  ka_image_short(ref));
	else if (img.tag_len == 6 && memcmp(img.tag, "latest", 6) == 0)
		ka_report(ctx, &ka_check_image_latest_tag, c, n, "image",
			  "image '%s' uses the tag latest; pin a version",
			  ka_image_short(ref));
}

static const struct ka_field fields[] = {
    {"image", KA_F_STR, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_image_latest_tag = {
    .id = "image-latest-tag",
    .title = "Image uses the latest tag or no tag",
    .summary = "the image has no tag, or the tag `latest`",
    .own_subject = true,
    .level = KA_LEVEL_WARNING,
    .security_severity = "3.0",
    .risk = "latest (also what no tag means) changes whenever a new image "
	    "is pushed, so rollbacks, audits and vulnerability reports "
	    "cannot say which version runs.",
    .remediation = "Use a version tag, and pin it with a digest.",
    .rule = "The container's image has no tag, or the tag latest, whether or "
	    "not it has a digest (a digest alone leaves readers no version).",
    .false_positives = "None known: an image pinned by digest with the tag "
		       "latest is reported on purpose, since the tag tells "
		       "readers nothing.",
    .failing = KA_EXAMPLE_POD,
    .example =
	"image: nginx:1.27.3@sha256:"
	"0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a\n",
    .fields = fields,
    .run_container = container,
};

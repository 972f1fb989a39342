#include "kaudit/image.h"

#include <string.h>

static bool is_hex_lower(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool tag_ok(const char *s, size_t n)
{
	if (n == 0 || n > 128)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '_';

		if (!word && (i == 0 || (c != '.' && c != '-')))
			return false;
	}
	return true;
}

bool ka_image_digest_ok(const char *s, size_t n)
{
	if (n == 7 + 64 && memcmp(s, "sha256:", 7) == 0)
		return is_hex_lower(s + 7, 64);
	if (n == 7 + 128 && memcmp(s, "sha512:", 7) == 0)
		return is_hex_lower(s + 7, 128);
	return false;
}

int ka_image_parse(const char *ref, struct ka_image *img)
{
	const char *at = strchr(ref, '@');
	size_t name_len = at ? (size_t)(at - ref) : strlen(ref);
	const char *slash, *colon = NULL, *first_slash;

	memset(img, 0, sizeof(*img));
	if (at) {
		img->has_digest = true;
		img->digest = at + 1;
		img->digest_len = strlen(at + 1);
		img->digest_valid =
		    ka_image_digest_ok(img->digest, img->digest_len);
	}
	/* The tag is after the last ':' that follows the last '/'. */
	slash = NULL;
	for (size_t i = 0; i < name_len; i++) {
		if (ref[i] == '/')
			slash = ref + i;
		else if (ref[i] == ':')
			colon = ref + i;
	}
	if (colon && (!slash || colon > slash)) {
		img->has_tag = true;
		img->tag = colon + 1;
		img->tag_len = name_len - (size_t)(colon + 1 - ref);
		img->tag_valid = tag_ok(img->tag, img->tag_len);
		name_len = (size_t)(colon - ref);
	}
	if (name_len == 0)
		return -1;
	/* A first component with '.' or ':', or localhost, is a registry. */
	first_slash = memchr(ref, '/', name_len);
	if (first_slash) {
		size_t n = (size_t)(first_slash - ref);

		if (memchr(ref, '.', n) || memchr(ref, ':', n) ||
		    (n == 9 && memcmp(ref, "localhost", 9) == 0)) {
			img->domain = ref;
			img->domain_len = n;
			img->path = first_slash + 1;
			img->path_len = name_len - n - 1;
			return 0;
		}
	}
	img->path = ref;
	img->path_len = name_len;
	return 0;
}

const char *ka_image_short(const char *ref)
{
	size_t end = strcspn(ref, "@");
	const char *slash = NULL;

	for (size_t i = 0; i < end; i++)
		if (ref[i] == '/')
			slash = ref + i;
	return slash ? slash + 1 : ref;
}

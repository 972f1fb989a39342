/*
 * go-yaml v2's resolve() for the plain scalars kubectl reads, and the key
 * conversion sigs.k8s.io/yaml applies before the object becomes JSON.
 */
#include "kaudit/scalar.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool eq(const char *s, size_t n, const char *lit)
{
	/* The first byte rules out nearly every word cheaply. */
	return lit[0] == s[0] && strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static bool in_list(const char *s, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (eq(s, n, *list))
			return true;
	return false;
}

static const char *const trues[] = {"y",    "Y",    "yes", "Yes", "YES", "true",
				    "True", "TRUE", "on",  "On",  "ON",	 NULL};
static const char *const falses[] = {"n",   "N",     "no",    "No",
				     "NO",  "false", "False", "FALSE",
				     "off", "Off",   "OFF",   NULL};
static const char *const nulls[] = {"~", "null", "Null", "NULL", NULL};
static const char *const pinfs[] = {".inf",  ".Inf",  ".INF", "+.inf",
				    "+.Inf", "+.INF", NULL};
static const char *const ninfs[] = {"-.inf", "-.Inf", "-.INF", NULL};
static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/*
 * Go's strconv.ParseUint(s, base, 64) on digits only (no sign, no
 * prefix). Returns 0 and the value, or -1 on syntax error or overflow.
 */
static int parse_digits(const char *s, size_t n, unsigned base, uint64_t *out)
{
	uint64_t v = 0;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)digit_value(s[i]);

		if (d >= base)
			return -1;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

/* Go's ParseUint(s, 0, 64) magnitude part: base prefixes and octal 0. */
static int parse_base0(const char *s, size_t n, uint64_t *out)
{
	if (n >= 2 && s[0] == '0') {
		switch (s[1]) {
		case 'x':
		case 'X':
			return parse_digits(s + 2, n - 2, 16, out);
		case 'o':
		case 'O':
			return parse_digits(s + 2, n - 2, 8, out);
		case 'b':
		case 'B':
			return parse_digits(s + 2, n - 2, 2, out);
		default:
			return parse_digits(s + 1, n - 1, 8, out);
		}
	}
	return parse_digits(s, n, 10, out);
}

/* ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
static bool yaml_style_float(const char *s, size_t n)
{
	size_t i = 0, d;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	if (i < n && s[i] == '.') {
		i++;
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return false;
	} else {
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return false;
		if (i < n && s[i] == '.')
			for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
				;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return false;
	}
	return i == n;
}

/* strconv.ParseFloat: an overflow to infinity is an error (a string). */
static bool parse_float(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return *end == '\0' && end != s && !(errno == ERANGE && isinf(*out));
}

/* Resolution of 'D' and 'S' hinted scalars (digits and signs). */
static void resolve_number(const char *text, size_t len, struct ka_value *v)
{
	char small[128], *plain = small;
	size_t n = 0;
	uint64_t u;
	bool neg = false;
	size_t off = 0;

	if (len >= sizeof(small)) {
		v->type = KA_TYPE_STR;
		/* No int64 or float64 is written in 128 characters. */
		return;
	}
	for (size_t i = 0; i < len; i++)
		if (text[i] != '_')
			plain[n++] = text[i];
	plain[n] = '\0';

	/* strconv.ParseInt(plain, 0, 64) */
	if (n && (plain[0] == '+' || plain[0] == '-')) {
		neg = plain[0] == '-';
		off = 1;
	}
	if (parse_base0(plain + off, n - off, &u) == 0) {
		if (!neg && u <= (uint64_t)INT64_MAX) {
			v->type = KA_TYPE_INT;
			v->i = (int64_t)u;
			return;
		}
		if (neg && u <= (uint64_t)INT64_MAX + 1) {
			v->type = KA_TYPE_INT;
			v->i = u == (uint64_t)INT64_MAX + 1 ? INT64_MIN
							    : -(int64_t)u;
			return;
		}
		if (off == 0) { /* ParseUint: no sign */
			v->type = KA_TYPE_FLOAT;
			v->f = (double)u;
			return;
		}
	}
	if (yaml_style_float(plain, n) && parse_float(plain, &v->f)) {
		v->type = KA_TYPE_FLOAT;
		return;
	}
	/* go-yaml's explicit 0b fallback, kept for -0b which Go rejects. */
	if (n > 3 && plain[0] == '-' && plain[1] == '0' && plain[2] == 'b' &&
	    parse_digits(plain + 3, n - 3, 2, &u) == 0 &&
	    u <= (uint64_t)INT64_MAX) {
		v->type = KA_TYPE_INT;
		v->i = -(int64_t)u;
		return;
	}
	v->type = KA_TYPE_STR;
}

void ka_scalar_resolve_plain(const char *text, size_t len, struct ka_value *v)
{
	char c;

	memset(v, 0, sizeof(*v));
	if (len == 0) {
		v->type = KA_TYPE_NULL;
		return;
	}
	c = text[0];
	/* Every bool, null and .inf word has at most five characters. */
	if (len > 5 &&
	    !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
		v->type = KA_TYPE_STR;
		return;
	}
	switch (c) {
	case '+':
	case '-':
	case '0':
	case '1':
	case '2':
	case '3':
	case '4':
	case '5':
	case '6':
	case '7':
	case '8':
	case '9':
	case 'y':
	case 'Y':
	case 'n':
	case 'N':
	case 't':
	case 'T':
	case 'f':
	case 'F':
	case 'o':
	case 'O':
	case '~':
	case '.':
		break;
	default:
		v->type = KA_TYPE_STR;
		return;
	}
	if (in_list(text, len, trues) || in_list(text, len, falses)) {
		v->type = KA_TYPE_BOOL;
		v->b = in_list(text, len, trues);
		return;
	}
	if (in_list(text, len, nulls)) {
		v->type = KA_TYPE_NULL;
		return;
	}
	if (in_list(text, len, pinfs) || in_list(text, len, ninfs) ||
	    in_list(text, len, nans)) {
		v->type = KA_TYPE_FLOAT;
		v->f = in_list(text, len, nans)	   ? NAN
		       : in_list(text, len, ninfs) ? -INFINITY
						   : INFINITY;
		return;
	}
	if (c == '.') {
		/* Go's ParseFloat on the raw text. */
		if (len < 128 && memchr(text, '\0', len) == NULL &&
		    yaml_style_float(text, len) && parse_float(text, &v->f)) {
			v->type = KA_TYPE_FLOAT;
			return;
		}
		v->type = KA_TYPE_STR;
		return;
	}
	if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
		resolve_number(text, len, v);
		return;
	}
	v->type = KA_TYPE_STR;
}

/* strconv.FormatFloat(f, 'g', -1, 32) as sigs.k8s.io/yaml formats keys. */
static int format_float32(double d, char *buf, size_t size)
{
	float f = (float)d;

	if (isnan(f))
		return snprintf(buf, size, ".nan");
	if (isinf(f))
		return snprintf(buf, size, f > 0 ? ".inf" : "-.inf");
	for (int p = 1; p <= 9; p++) {
		int len = snprintf(buf, size, "%.*g", p, (double)f);

		if ((float)strtod(buf, NULL) == f)
			return len;
	}
	return snprintf(buf, size, "%.9g", (double)f);
}

int ka_scalar_key_text(const char *text, size_t len, char *buf, size_t size)
{
	struct ka_value v;

	ka_scalar_resolve_plain(text, len, &v);
	switch (v.type) {
	case KA_TYPE_BOOL:
		return snprintf(buf, size, "%s", v.b ? "true" : "false");
	case KA_TYPE_INT:
		return snprintf(buf, size, "%lld", (long long)v.i);
	case KA_TYPE_FLOAT:
		return format_float32(v.f, buf, size);
	case KA_TYPE_NULL:
		return snprintf(buf, size, "null");
	default:
		return -1;
	}
}

const char *ka_type_name(enum ka_type t)
{
	switch (t) {
	case KA_TYPE_NULL:
		return "null";
	case KA_TYPE_BOOL:
		return "a boolean";
	case KA_TYPE_INT:
		return "an integer";
	case KA_TYPE_FLOAT:
		return "a number";
	case KA_TYPE_STR:
		return "a string";
	case KA_TYPE_MAP:
		return "a mapping";
	case KA_TYPE_SEQ:
		return "a list";
	}
	return "a value";
}

static const char *short_tag(const char *tag)
{
	static const char prefix[] = "tag:yaml.org,2002:";

	return strncmp(tag, prefix, sizeof(prefix) - 1) == 0
		   ? tag + sizeof(prefix) - 1
		   : NULL;
}

static const char *type_tag(enum ka_type t)
{
	switch (t) {
	case KA_TYPE_BOOL:
		return "bool";
	case KA_TYPE_INT:
		return "int";
	case KA_TYPE_FLOAT:
		return "float";
	case KA_TYPE_NULL:
		return "null";
	default:
		return "str";
	}
}

/* time.Parse with go-yaml's formats, as far as shape: YYYY-M-D[...]. */
static bool timestamp(const char *s, size_t n)
{
	size_t i = 0, d;

	for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i - d != 4 || i >= n || s[i++] != '-')
		return false;
	for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i - d < 1 || i - d > 2 || i >= n || s[i++] != '-')
		return false;
	for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i - d < 1 || i - d > 2)
		return false;
	return i == n || s[i] == 'T' || s[i] == 't' || s[i] == ' ';
}

int ka_scalar_check_tag(const char *tag, const char *text, size_t len,
			char *why, size_t size)
{
	const char *want = tag ? short_tag(tag) : NULL;
	struct ka_value v;
	const char *got;

	if (!want || strcmp(want, "str") == 0 || strcmp(want, "binary") == 0)
		return 0;
	if (strcmp(want, "bool") != 0 && strcmp(want, "int") != 0 &&
	    strcmp(want, "float") != 0 && strcmp(want, "null") != 0 &&
	    strcmp(want, "timestamp") != 0)
		return 0; /* not a tag go-yaml resolves: a string */
	ka_scalar_resolve_plain(text, len, &v);
	got = type_tag(v.type);
	if (strcmp(got, want) == 0 ||
	    (strcmp(want, "float") == 0 && v.type == KA_TYPE_INT) ||
	    (strcmp(want, "timestamp") == 0 && v.type == KA_TYPE_STR &&
	     timestamp(text, len)))
		return 0;
	snprintf(why, size,
		 "cannot decode !!%s `%.60s` as a !!%s (kubectl "
		 "refuses the document)",
		 got, text, want);
	return -1;
}

static int b64(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

long ka_scalar_base64(const char *text, size_t len, char *out)
{
	unsigned acc = 0, bits = 0, pad = 0, chars = 0;
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		int d;

		if (text[i] == '\r' || text[i] == '\n')
			continue; /* base64.StdEncoding skips line breaks */
		chars++;
		if (text[i] == '=') {
			pad++;
			continue;
		}
		d = b64(text[i]);
		if (d < 0 || pad)
			return -1;
		acc = (acc << 6) | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (char)((acc >> bits) & 0xff);
		}
	}
	/* Padded to a multiple of four, with no bits left over. */
	if (chars % 4 || pad > 2 || (acc & ((1u << bits) - 1)))
		return -1;
	return (long)n;
}

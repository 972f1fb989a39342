#include "kaudit/suppress.h"
#include "kaudit/error.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "kaudit/check.h"
#include "kaudit/facts.h"
#include "kaudit/findings.h"
#include "kaudit/path.h"

int ka_parse_date(const char *s, size_t len)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return -1;
	return y * 10000 + m * 100 + d;
}

int ka_today(void)
{
	const char *env = getenv("KAUDIT_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (env && *env) {
		int d = ka_parse_date(env, strlen(env));

		if (d > 0)
			return d;
	}
	if (!localtime_r(&now, &tm))
		return 0;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

static bool space(char c)
{
	return c == ' ' || c == '\t';
}

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* "until" as a word, in any case, at text[i]. */
static bool until_at(const char *t, size_t n, size_t i)
{
	return n - i >= 5 && strncasecmp(t + i, "until", 5) == 0 &&
	       (i == 0 || !word_char(t[i - 1])) &&
	       (i + 5 == n || !word_char(t[i + 5]));
}

/*
 * Whether the "until" at text[i], its argument at text[j], reads as an
 * expiry: in brackets ("(until ...)"), or followed by a digit or a
 * month's name.
 */
static bool date_like(const char *t, size_t n, size_t i, size_t j)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	size_t b = i;

	while (b && space(t[b - 1]))
		b--;
	if (b && (t[b - 1] == '(' || t[b - 1] == '['))
		return true;
	if (j < n && isdigit((unsigned char)t[j]))
		return true;
	for (size_t m = 0; j + 3 <= n && m < sizeof(months) - 1; m += 3)
		if (strncasecmp(t + j, months + m, 3) == 0)
			return true;
	return false;
}

/*
 * The expiry: "until YYYY-MM-DD" anywhere in text[0..*len), however the
 * text around it is punctuated or capitalised ("(Until 2027-01-01)."). An
 * "until" that reads as an expiry (date_like) but holds no date is an
 * error, so a waiver is never silently permanent; with several, the earliest
 * date counts. A trailing
 * "(until DATE)" (and what punctuation follows it) is cut from *len, so
 * the reason is what remains.
 */
static void take_until(const char *text, size_t *len, struct ka_waiver *w)
{
	size_t n = *len;

	for (size_t i = 0; i < n; i++) {
		size_t j = i + 5, k;
		int d;

		if (!until_at(text, n, i))
			continue;
		while (j < n && (space(text[j]) || text[j] == ':'))
			j++;
		for (k = j; k < n && (isdigit((unsigned char)text[k]) ||
				      text[k] == '-');)
			k++;
		if (!date_like(text, n, i, j))
			continue; /* prose: "until the rewrite" */
		d = ka_parse_date(text + j, k - j);
		if (d < 0 || (k < n && word_char(text[k]))) {
			w->until = 0;
			w->error = "the expiry must be (until YYYY-MM-DD)";
			return;
		}
		if (!w->until || d < w->until)
			w->until = d;
		while (k < n && (ispunct((unsigned char)text[k]) ||
				 space(text[k]) || text[k] == '\r'))
			k++;
		if (k == n) { /* trailing: cut it, and its opening bracket */
			while (i && (space(text[i - 1]) || text[i - 1] == '(' ||
				     text[i - 1] == '['))
				i--;
			*len = i;
			return;
		}
	}
}

int ka_waiver_set_reason(struct ka_waiver *w, const char *s, size_t n)
{
	while (n && space(*s)) {
		s++;
		n--;
	}
	while (n && (space(s[n - 1]) || s[n - 1] == '\r'))
		n--;
	free(w->reason);
	w->reason = strndup(s, n);
	if (!w->reason)
		return -1;
	if (!*w->reason && !w->error)
		w->error = "a waiver needs a reason";
	return 0;
}

void ka_waiver_add_id(struct ka_waiver *w, const char *id, size_t n)
{
	char buf[128];
	const struct ka_check *c = NULL;

	if (n == 0)
		return;
	if (n < sizeof(buf)) { /* a longer one is no id of ours */
		memcpy(buf, id, n);
		buf[n] = '\0';
		c = ka_registry_find(buf);
	}
	if (!c) {
		if (!w->error)
			w->error = "it names an unknown check";
		return;
	}
	if (c == &ka_check_yaml_syntax && w->kind == KA_WAIVER_COMMENT) {
		/* A document kaudit could not read is never dropped. */
		if (!w->error)
			w->error = "yaml-syntax cannot be waived by a comment";
		return;
	}
	if (w->nchecks < sizeof(w->checks) / sizeof(w->checks[0]))
		w->checks[w->nchecks++] = c;
	else if (!w->error)
		w->error = "it names more than 16 checks";
}

int ka_waiver_parse_comment(const char *text, size_t len, struct ka_waiver *w)
{
	size_t i = 0, start;

	w->kind = KA_WAIVER_COMMENT;
	take_until(text, &len, w);
	while (i < len && space(text[i]))
		i++;
	/* Ids: comma-separated, up to the first blank. */
	start = i;
	while (i < len && !space(text[i])) {
		if (text[i] == ',') {
			ka_waiver_add_id(w, text + start, i - start);
			start = i + 1;
		}
		i++;
	}
	ka_waiver_add_id(w, text + start, i - start);
	if (w->nchecks == 0 && !w->error)
		w->error = "it names no check";
	return ka_waiver_set_reason(w, text + i, len - i);
}

int ka_waiver_parse_annotation(const char *id, const char *value,
			       struct ka_waiver *w)
{
	size_t len;

	w->kind = KA_WAIVER_ANNOTATION;
	ka_waiver_add_id(w, id, strlen(id));
	if (!value) {
		w->error = "its value must be a string (the reason)";
		return ka_waiver_set_reason(w, "", 0);
	}
	len = strlen(value);
	take_until(value, &len, w);
	if (len > 10 && strncmp(value, "container=", 10) == 0) {
		const char *colon = memchr(value, ':', len);

		if (colon) {
			w->container =
			    strndup(value + 10, (size_t)(colon - value - 10));
			if (!w->container)
				return -1;
			len -= (size_t)(colon + 1 - value);
			value = colon + 1;
		}
	}
	return ka_waiver_set_reason(w, value, len);
}

bool ka_waiver_names(const struct ka_waiver *w, const struct ka_check *check)
{
	for (size_t i = 0; i < w->nchecks; i++)
		if (w->checks[i] == check)
			return true;
	return false;
}

const char *ka_waiver_kind_name(enum ka_waiver_kind kind)
{
	switch (kind) {
	case KA_WAIVER_ANNOTATION:
		return "annotation";
	case KA_WAIVER_COMMENT:
		return "comment";
	case KA_WAIVER_CONFIG:
		return "config";
	case KA_WAIVER_NONE:
		break;
	}
	return "none";
}

bool ka_waiver_active(const struct ka_waiver *w, int today)
{
	return !w->error && !(w->until && today > w->until);
}

static bool field_matches(const char *want, const char *got)
{
	return !want || strcmp(want, got) == 0;
}

bool ka_waiver_matches(const struct ka_waiver *w, const struct ka_finding *f,
		       const char *path, int today)
{
	/* A fact (kaudit/facts.h) is no finding to waive. */
	return f->cond != KA_FACT && ka_waiver_active(w, today) &&
	       ka_waiver_names(w, f->check) &&
	       (!w->container || !*w->container ||
		strcmp(w->container, f->container) == 0) &&
	       field_matches(w->res_kind, f->kind) &&
	       field_matches(w->ns, f->ns) && field_matches(w->name, f->name) &&
	       (!w->path || ka_path_glob_match(&w->path, 1, w->base, path));
}

int ka_waiver_apply(struct ka_waiver *w, struct ka_finding *f)
{
	f->waiver = w->kind;
	f->reason = strdup(w->reason ? w->reason : "");
	w->used = true;
	return f->reason ? 0 : -1;
}

static bool any_enabled(const struct ka_waiver *w, const bool *enabled)
{
	for (size_t i = 0; i < w->nchecks; i++)
		if (w->checks[i]->input ||
		    enabled[ka_registry_index(w->checks[i])])
			return true;
	return false;
}

const struct ka_check *ka_waiver_problem(const struct ka_waiver *w, int today,
					 const bool *enabled, const char *what,
					 char *msg, size_t size)
{
	if (w->error) {
		ka_format(msg, size, "%s is invalid: %s", what, w->error);
		return &ka_check_invalid_suppression;
	}
	if (w->until && today > w->until) {
		ka_format(msg, size,
			  "%s expired on %04d-%02d-%02d and no longer "
			  "waives anything",
			  what, w->until / 10000, w->until / 100 % 100,
			  w->until % 100);
		return &ka_check_expired_suppression;
	}
	if (!w->used && any_enabled(w, enabled)) {
		ka_format(msg, size, "%s waives nothing: no finding matches it",
			  what);
		return &ka_check_unused_suppression;
	}
	return NULL;
}

void ka_waiver_free(struct ka_waiver *w)
{
	free(w->reason);
	free(w->container);
	free(w->res_kind);
	free(w->ns);
	free(w->name);
	free(w->path);
	memset(w, 0, sizeof(*w));
}

/*
 * secret-in-env: a secret written as a literal env value is in the
 * manifest, in Git, in every render and in `kubectl describe`. Reports an
 * env entry of a container (any container list) with a literal, non-empty
 * `value` when its name says it is a secret, that is:
 * - the name, split into words at `_`, `-`, `.` and lower-to-upper case
 *   changes, holds a secret word: PASSWORD, PASSWD, PASS (as the whole
 *   first or last word), SECRET, TOKEN, CREDENTIAL(S), PASSPHRASE,
 *   APIKEY, PRIVATEKEY, or the word pairs API KEY, PRIVATE KEY, ACCESS KEY,
 *   SECRET KEY, CLIENT SECRET;
 * - and its last word is not one that names something other than the
 *   secret itself: FILE, PATH, DIR, URL, URI, HOST, PORT, NAME, USER,
 *   USERNAME, ID, TYPE, MODE, ENABLED, ENABLE, DISABLED, REF, LENGTH, LEN,
 *   TTL, EXPIRY, EXPIRATION, TIMEOUT, SECONDS, HEADER, FIELD, VERSION,
 *   ALGORITHM, PROVIDER; and its first word is not one that makes it a
 *   switch: ALLOW, ENABLE, DISABLE, USE, REQUIRE, SKIP, FORCE (bitnami's
 *   ALLOW_EMPTY_PASSWORD).
 * The value is not a secret when it is a reference: `$(VAR)` (Kubernetes
 * expands it), `${...}`, `{{ ... }}` (a template), `<...>` (a placeholder),
 * or a switch (`true`, `false`, `yes`, `no`, `on`, `off`, any case). valueFrom
 * entries are the fix, never reported. Not a PSA rule. Known false positives: a
 * literal that is a public value under a secret-sounding name (a token
 * endpoint's audience); waive those.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "kaudit/findings.h"

const struct ka_check ka_check_secret_in_env;

#define MAX_WORDS 16

static const char *const secret_words[] = {
    "PASSWORD",	   "PASSWD",	 "SECRET", "TOKEN",	 "CREDENTIAL",
    "CREDENTIALS", "PASSPHRASE", "APIKEY", "PRIVATEKEY",
};
static const char *const secret_pairs[][2] = {
    {"API", "KEY"},    {"PRIVATE", "KEY"},   {"ACCESS", "KEY"},
    {"SECRET", "KEY"}, {"CLIENT", "SECRET"},
};
static const char *const benign_last[] = {
    "FILE",   "PATH",	 "DIR",	    "URL",	  "URI",      "HOST",
    "PORT",   "NAME",	 "USER",    "USERNAME",	  "ID",	      "TYPE",
    "MODE",   "ENABLED", "ENABLE",  "DISABLED",	  "REF",      "LENGTH",
    "LEN",    "TTL",	 "EXPIRY",  "EXPIRATION", "TIMEOUT",  "SECONDS",
    "HEADER", "FIELD",	 "VERSION", "ALGORITHM",  "PROVIDER",
};

/* Split name into upper-case words; returns how many (at most MAX_WORDS). */
static size_t words(const char *name, char w[][32])
{
	size_t n = 0, len = 0;

	for (const unsigned char *p = (const unsigned char *)name;; p++) {
		bool boundary = !*p || *p == '_' || *p == '-' || *p == '.' ||
				(len && islower(p[-1]) && isupper(*p));

		if (boundary && len) {
			w[n][len] = '\0';
			if (++n == MAX_WORDS)
				return n;
			len = 0;
		}
		if (!*p)
			return n;
		if (*p != '_' && *p != '-' && *p != '.' && len < 31)
			w[n][len++] = (char)toupper(*p);
	}
}

static const char *const switch_first[] = {
    "ALLOW", "ENABLE", "DISABLE", "USE", "REQUIRE", "SKIP", "FORCE",
};
static const char *const switch_values[] = {"true", "false", "yes",
					    "no",   "on",    "off"};

static bool in(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return true;
	return false;
}

#define IN(w, list) in(w, list, sizeof(list) / sizeof(list[0]))

static bool secret_name(const char *name)
{
	char w[MAX_WORDS][32];
	size_t n = words(name, w);
	bool secret = false;

	if (!n || IN(w[n - 1], benign_last) || IN(w[0], switch_first))
		return false;
	for (size_t i = 0; i < n && !secret; i++) {
		secret = IN(w[i], secret_words) ||
			 (strcmp(w[i], "PASS") == 0 && (i == 0 || i == n - 1));
		for (size_t k = 0;
		     i + 1 < n && !secret &&
		     k < sizeof(secret_pairs) / sizeof(*secret_pairs);
		     k++)
			secret = strcmp(w[i], secret_pairs[k][0]) == 0 &&
				 strcmp(w[i + 1], secret_pairs[k][1]) == 0;
	}
	return secret;
}

static bool switch_value(const char *v)
{
	for (size_t i = 0; i < sizeof(switch_values) / sizeof(*switch_values);
	     i++)
		if (strcasecmp(v, switch_values[i]) == 0)
			return true;
	return false;
}

/* Most names hold none of the secret words: a cheap test first. */
static bool maybe_secret(const char *name)
{
	for (const char *p = name; *p; p++) {
		const char *stem;

		switch (*p | 0x20) {
		case 'p':
			stem = "pass";
			break;
		case 's':
			stem = "secret";
			break;
		case 't':
			stem = "token";
			break;
		case 'k':
			stem = "key";
			break;
		case 'c':
			stem = "cred";
			break;
		default:
			continue;
		}
		if (strncasecmp(p, stem, strlen(stem)) == 0)
			return true;
	}
	return false;
}

static bool reference(const char *v)
{
	size_t n = strlen(v);

	return !n || (v[0] == '$' && (v[1] == '(' || v[1] == '{')) ||
	       strncmp(v, "{{", 2) == 0 || (v[0] == '<' && v[n - 1] == '>') ||
	       switch_value(v);
}

static void container(struct ka_ctx *ctx, const struct ka_container *c)
{
	const struct ka_node *env = ka_map_get(c->node, "env");

	for (size_t i = 0; i < ka_seq_len(env); i++) {
		const struct ka_node *e = ka_seq_at(env, i), *n;
		const char *name = ka_get_str(e, "name", NULL);
		const char *value = ka_get_str(e, "value", &n);
		char field[64];

		if (!name || !value || !maybe_secret(name) ||
		    !secret_name(name) || reference(value))
			continue;
		snprintf(field, sizeof(field), "env[%zu].value", i);
		ka_report(ctx, &ka_check_secret_in_env, c, n, field,
			  "has a literal secret in env %.60s; use valueFrom."
			  "secretKeyRef",
			  name);
	}
}

static const struct ka_field fields[] = {
    {"env[].name", KA_F_STR, false},
    {"env[].value", KA_F_STR, false},
    {NULL, 0, false},
};

const struct ka_check ka_check_secret_in_env = {
    .id = "secret-in-env",
    .title = "Secret written as a literal env value",
    .summary = "an `env` entry whose name says it is a secret (PASSWORD, "
	       "SECRET, TOKEN, API_KEY, PRIVATE_KEY, CREDENTIALS, ... as "
	       "words of the name) has a literal, non-empty `value` that is "
	       "not a reference",
    .level = KA_LEVEL_ERROR,
    .security_severity = "7.5",
    .risk = "A literal secret in a manifest is in Git history, in every "
	    "render and CI log, and in `kubectl describe pod` for anyone who "
	    "may read pods: it leaks far beyond who may read Secrets.",
    .remediation = "Put the value in a Secret and reference it with "
		   "valueFrom.secretKeyRef (or mount the Secret as a file).",
    .rule = "An env entry with a literal, non-empty value whose name, split "
	    "into words at _, -, . and lower-to-upper case changes, holds "
	    "PASSWORD, PASSWD, PASS (as the first or last word), SECRET, "
	    "TOKEN, CREDENTIAL(S), PASSPHRASE, APIKEY, PRIVATEKEY or the "
	    "pairs API KEY, PRIVATE KEY, ACCESS KEY, SECRET KEY, CLIENT "
	    "SECRET; unless its last word names something else (FILE, PATH, "
	    "URL, HOST, NAME, USER, ID, ...) or its first word makes it a "
	    "switch (ALLOW, ENABLE, DISABLE, USE, ...), and unless the value "
	    "is a reference ($(VAR), ${...}, {{ ... }}, <...>) or a switch "
	    "(true, false, yes, no, on, off).",
    .false_positives =
	"A public value under a secret-sounding name (a token endpoint's "
	"audience, a demo's documented default password): waive it.",
    .failing = KA_EXAMPLE_POD "      env:\n"
			      "        - name: DB_PASSWORD\n"
			      "          value: hunter2\n",
    .example = "env:\n  - name: DB_PASSWORD\n    valueFrom:\n"
	       "      secretKeyRef: {name: db, key: password}\n",
    .compliance = "CIS 5.4.1; NSA/CISA: secrets",
    .fields = fields,
    .run_container = container,
};

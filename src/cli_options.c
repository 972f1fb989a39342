/*
 * Every option of the command line, one row each: parsing, --help, the
 * man page's OPTIONS and the completion scripts all read this table.
 */
#include "kaudit/cli.h"

static const char *const fail_on_values[] = {"error", "warning", "note",
					     "never", NULL};
static const char *const colour_values[] = {"auto", "always", "never", NULL};

const struct ka_option ka_options[] = {
    {"format", 'f', KA_ARG_FORMAT, NULL, NULL, "format", 0, 0,
     "output format (default: text)",
     "Report format. text (the default) is one finding per line on "
     "standard output; json is one object with version, findings, inputs, "
     "errors and summary; sarif is a SARIF 2.1.0 log for GitHub code "
     "scanning, with repository-relative URIs and fingerprints that "
     "survive moved lines; github prints GitHub Actions workflow commands "
     "(pull-request annotations)."},
    {"output", 'o', KA_ARG_FILE, "FILE", NULL, NULL, 0, 0,
     "write the report to FILE instead of stdout",
     "Write the report to FILE instead of standard output."},
    {"stdin-filename", 0, KA_ARG_STRING, "NAME", NULL, NULL, 0, 0,
     "the name stdin is reported under (default: <stdin>)",
     "The name standard input is reported under (default: <stdin>)."},
    {"chart-root", 0, KA_ARG_DIR, "DIR", NULL, NULL, 0, 0,
     "where the Helm charts' source lives: SARIF points into templates",
     "The folder holding the Helm chart directories: findings in documents "
     "with a # Source: comment are located in their template in SARIF "
     "output."},
    {"values", 0, KA_ARG_FILE, "FILE", NULL, NULL, 0, 0,
     "Helm values file for the charts kaudit renders (repeatable)",
     "A values file passed to helm template for every chart kaudit renders "
     "(a directory holding Chart.yaml). May be repeated; later files win, "
     "as with helm's own --values."},
    {"set", 0, KA_ARG_STRING, "KEY=VALUE", NULL, NULL, 0, 0,
     "a Helm value for the charts kaudit renders (repeatable)",
     "A value passed to helm template as --set KEY=VALUE. May be "
     "repeated."},
    {"release", 0, KA_ARG_STRING, "NAME", NULL, NULL, 0, 0,
     "the release name charts are rendered with",
     "The release name charts are rendered with (default: helm's)."},
    {"namespace", 0, KA_ARG_STRING, "NS", NULL, NULL, 0, 0,
     "the namespace charts are rendered for",
     "The namespace charts are rendered for (helm template --namespace)."},
    {"kube-version", 0, KA_ARG_STRING, "VERSION", NULL, NULL, 0, 0,
     "the Kubernetes version charts are rendered for",
     "The Kubernetes version charts are rendered for (helm template "
     "--kube-version)."},
    {"api-versions", 0, KA_ARG_STRING, "VERSION", NULL, NULL, 0, 0,
     "an API version charts see as available (repeatable)",
     "An API version the chart's .Capabilities.APIVersions holds (helm "
     "template --api-versions). May be repeated."},
    {"helm", 0, KA_ARG_FILE, "PATH", NULL, NULL, 0, 0,
     "the helm binary (default: helm on PATH)",
     "The helm binary that renders charts (default: helm on PATH)."},
    {"skip-non-manifests", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "named files with no manifest are skipped, as when walking",
     "Files named on the command line that hold no Kubernetes manifest "
     "(no document with apiVersion and kind) are skipped as they are when "
     "a directory is walked: for hooks that pass every YAML file, such as "
     "pre-commit's."},
    {"sarif-category", 0, KA_ARG_STRING, "NAME", NULL, NULL, 0, 0,
     "SARIF runs[0].automationDetails.id, for several scans",
     "Set the SARIF log's runs[0].automationDetails.id, to keep several "
     "scans of one repository apart (e.g. kaudit/prod/)."},
    {"baseline", 0, KA_ARG_FILE, "REPORT", NULL, NULL, 0, 0,
     "report only findings not in REPORT (a kaudit JSON or SARIF report)",
     "Report only the findings whose identity is not in REPORT (a kaudit "
     "JSON report, SARIF log, or --write-baseline file): a repository "
     "with many findings fails only on new ones. The summary says how "
     "many were unchanged and how many of the baseline are gone; SARIF "
     "keeps the unchanged results, marked baselineState unchanged, so "
     "their alerts stay open. Take REPORT from the branch a pull request "
     "goes into: a baseline hides the findings it names."},
    {"baseline-absent", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "SARIF: also write the baseline's gone findings, as absent",
     "With --baseline and --format sarif: write each finding of the "
     "baseline that this run no longer has as a result with baselineState "
     "absent, where the baseline placed it, for SARIF viewers that show "
     "what a change fixed. Not for GitHub code scanning: it would open an "
     "alert for each (it closes fixed alerts by itself). A finding whose "
     "check this run does not run, or whose place the baseline does not "
     "say, is counted in a notification instead."},
    {"fix", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "fix what has one safe value, editing the files in place",
     "Edit the files in place to fix the findings whose fix is one value "
     "right for almost everyone (allowPrivilegeEscalation: false, "
     "readOnlyRootFilesystem: true, capabilities.drop: [ALL], "
     "seccompProfile RuntimeDefault, ...; see FIXING in the README), "
     "changing nothing but the fixed values: comments, key order, "
     "quoting, anchors, blank lines and line endings stay as written. "
     "The report then lists what is left, and a summary on stderr says "
     "how many findings were fixed and why the rest were not (no safe "
     "fix, waived, a Helm render, ...). The exit status is that of the "
     "findings left."},
    {"diff", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "print the --fix changes as a unified diff; change nothing",
     "Write what --fix would change as a unified diff (git apply and "
     "patch -p1 read it) to standard output or -o FILE, instead of the "
     "report, and change no file. The summary goes to stderr."},
    {"pin-digests", 0, KA_ARG_FILE, "FILE", NULL, NULL, 0, 0,
     "with --fix, --diff or SARIF: pin images to the digests FILE gives",
     "Fix image-digest findings by pinning each image to the digest FILE "
     "gives it (kaudit never asks a registry): one image a line as the "
     "manifests write it, then its digest, `IMAGE DIGEST` or "
     "`IMAGE@DIGEST`, such as `crane digest --full-ref IMAGE` prints; `#` "
     "starts a comment. With --fix or --diff, and for SARIF fixes."},
    {"fix-only", 0, KA_ARG_CHECKS, "ID[,ID...]", NULL, NULL, 0, 0,
     "with --fix or --diff: fix only these checks' findings",
     "With --fix or --diff, fix only the findings of these checks; the "
     "others are reported as they are. May be repeated."},
    {"write-baseline", 0, KA_ARG_FILE, "FILE", NULL, NULL, 0, 0,
     "write this run's finding identities to FILE, for --baseline",
     "Write the identity of every finding of this run (with its check, "
     "file and line, for people) to FILE as JSON, for --baseline."},
    {"no-truncate", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "SARIF: write every result, past what GitHub shows",
     "GitHub shows the 5,000 most severe results of a SARIF run and "
     "rejects a run of more than 25,000; kaudit keeps the 5,000 most "
     "severe and says what it left out. With this option it writes them "
     "all, and exits 2 when there are more than 25,000."},
    {"profile", 0, KA_ARG_ENUM, NULL, ka_profile_names, "profile", 0, 0,
     "checks to run: a Pod Security Standard, or hardened (restricted "
     "plus kaudit's own checks; the default)",
     "The checks to run: the Pod Security Standards baseline or restricted "
     "level, combined as pod-security-admission combines them, or hardened "
     "(restricted plus kaudit's own checks; the default)."},
    {"pss-version", 0, KA_ARG_VERSION, NULL, NULL, NULL, 0, KA_PSS_LATEST,
     "Pod Security Standards version (default: latest)",
     "The Pod Security Standards version whose rules apply (default: "
     "latest). Newer versions mean the newest rules."},
    {"enable", 0, KA_ARG_CHECKS, "ID[,ID...]", NULL, NULL, 0, 0,
     "run only these checks (input problems always run)",
     "Run only these checks instead of the profile's. Input problems "
     "(yaml-syntax, duplicate-key, invalid-value, ...) always run. May be "
     "repeated."},
    {"add", 0, KA_ARG_CHECKS, "ID[,ID...]", NULL, NULL, 0, 0,
     "run these checks too (opt-in checks such as network-policy-missing)",
     "Run these checks as well as the profile's (or --enable's): for the "
     "opt-in checks no profile runs, such as network-policy-missing. May "
     "be repeated."},
    {"disable", 0, KA_ARG_CHECKS, "ID[,ID...]", NULL, NULL, 0, 0,
     "do not run these checks",
     "Do not run these checks. Applied after --enable."},
    {"fail-on", 0, KA_ARG_ENUM, NULL, fail_on_values, "level", 0, 0,
     "lowest level that makes the exit status 1 (default: note)",
     "The lowest level that makes the exit status 1 (default: note, any "
     "finding)."},
    {"list-checks", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "list every check: id, level, on/off, title (--format json, markdown)",
     "List every check: id, level, on or off (whether the profile, "
     "--enable/--disable and the configuration run it; standard error "
     "says how many are off), title. With --format json, a JSON array of "
     "every check with enabled true or false; with --format markdown, the "
     "checks reference table."},
    {"explain", 0, KA_ARG_CHECK, "ID", NULL, NULL, 0, 0,
     "explain a check: risk, remediation, a fixed example",
     "Explain a check: the risk, the remediation and a fixed example. With "
     "--format markdown, the check's reference page."},
    {"config", 0, KA_ARG_FILE, "FILE", NULL, NULL, 0, 0,
     "read this configuration instead of the nearest .kaudit.yaml",
     "Read this configuration file instead of the nearest .kaudit.yaml."},
    {"no-config", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "read no configuration file", "Read no configuration file."},
    {"print-config", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "print the effective configuration and exit",
     "Print the effective configuration (file and options combined) and "
     "exit."},
    {"show-suppressed", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "list waived findings too (text format)",
     "List waived findings too in the text report, each with its reason."},
    {"jobs", 'j', KA_ARG_INT, "N", NULL, "number of jobs", 1, 256,
     "audit N files at a time (default: the number of cores)",
     "Audit N files at a time (default: the number of cores). The report "
     "is the same, byte for byte, whatever N."},
    {"fail-if-empty", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "exit 2 when nothing was audited (no manifest found)",
     "Exit 2 when no document was audited: no manifest in the paths given, "
     "or every file skipped (not a manifest, hidden, a template whose "
     "chart does not render). Without it kaudit says so on standard error "
     "and exits 0."},
    {"hints", 0, KA_ARG_NONE, NULL, NULL, NULL, 0, 0,
     "after a container's findings, the securityContext that fixes them",
     "Text format: after the findings of one container, a note with the "
     "one securityContext block (YAML, indented for that container) that "
     "closes those a single value closes, like a compiler's fix-it note. "
     "On by default when standard output is a terminal."},
    {"quiet", 'q', KA_ARG_NONE, NULL, NULL, NULL, 0, 0, "no summary on stderr",
     "Do not print the summary line on standard error."},
    {"color", 0, KA_ARG_ENUM, NULL, colour_values, "colour mode", 0, 0,
     "colour the text report (NO_COLOR is honoured)",
     "Colour the text report. auto colours only on a terminal."},
    {"help", 'h', KA_ARG_NONE, NULL, NULL, NULL, 0, 0, "show this help",
     "Show the options and exit."},
    {"version", 'V', KA_ARG_NONE, NULL, NULL, NULL, 0, 0, "show the version",
     "Show the version and exit."},
};

const size_t ka_noptions = sizeof(ka_options) / sizeof(ka_options[0]);

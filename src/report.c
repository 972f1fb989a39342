/* The reporters' table: see kaudit/report.h. */
#include "kaudit/report.h"

#include <string.h>

const struct ka_reporter *const ka_reporters[] = {
    &ka_reporter_text,	   &ka_reporter_json,
    &ka_reporter_sarif,	   &ka_reporter_github,
    &ka_reporter_markdown, &ka_reporter_gitlab,
    &ka_reporter_junit,	   NULL,
};

const struct ka_reporter *ka_reporter_find(const char *name)
{
	for (size_t i = 0; ka_reporters[i]; i++)
		if (strcmp(ka_reporters[i]->name, name) == 0)
			return ka_reporters[i];
	return NULL;
}

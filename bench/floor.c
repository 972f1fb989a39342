/*
 * The floor kaudit is measured against: stream a file through libyaml's
 * event parser and do nothing else (kubectl's document split included, as
 * kaudit must do it too: each `---` line starts a new parser, the way
 * kaudit parses document by document). Usage: floor FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static size_t parse(const unsigned char *buf, size_t len)
{
	yaml_parser_t p;
	yaml_event_t e;
	size_t events = 0;
	int done = 0;

	if (len == 0)
		return 0;

	if (!yaml_parser_initialize(&p))
		exit(2);
	yaml_parser_set_input_string(&p, buf, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &e))
			break;
		done = e.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	return events;
}

int main(int argc, char **argv)
{
	FILE *f;
	char *line = NULL, *doc = NULL;
	size_t cap = 0, len = 0, dcap = 0, events = 0, docs = 0;
	ssize_t n;

	if (argc != 2 || !(f = fopen(argv[1], "rb"))) {
		fprintf(stderr, "usage: floor FILE\n");
		return 2;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		if (n >= 3 && memcmp(line, "---", 3) == 0) {
			events += parse((unsigned char *)doc, len);
			docs++;
			len = 0;
			continue;
		}
		if (len + (size_t)n + 1 > dcap) {
			dcap = (len + (size_t)n + 1) * 2;
			doc = realloc(doc, dcap);
			if (!doc)
				return 2;
		}
		memcpy(doc + len, line, (size_t)n);
		len += (size_t)n;
	}
	events += parse((unsigned char *)doc, len);
	docs++;
	printf("%zu documents, %zu events\n", docs, events);
	free(line);
	free(doc);
	fclose(f);
	return 0;
}

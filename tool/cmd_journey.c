// SPDX-License-Identifier: GPL-2.0
/* ndoscope journey: a packet's whole trip, or several side by side. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "base/error.h"
#include "render/output.h"
#include "ndoscope.h"
#include "query/journey.h"
#include "render/journey_render.h"

static const char usage[] = "ndoscope [--db PATH] journey NAME|FILE... [-f md|html|json] [-o FILE]";

int cmd_journey(int argc, char **argv, const struct global *g)
{
	static const char *const formats[] = { "md", "html", "json", NULL };
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = NULL, *output = NULL;
	json_t *all = NULL;
	FILE *out = stdout;
	struct db db;
	int c, rc = -1;

	while ((c = getopt_long(argc, argv, "f:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			printf("usage: %s\n", usage);
			return 0;
		default:
			return usage_error(usage, NULL);
		}
	}
	if (optind >= argc)
		return usage_error(usage, "name a journey (tcp4-lo, unix-stream) or a .journey file");
	c = format_option(&format, output, formats, usage);
	if (c >= 0)
		return c;
	if (db_open(&db, db_default_path(g->db), DB_SNAPSHOT))
		return -1;
	all = json_array();
	for (int i = optind; i < argc; i++) {
		json_t *j = journey_build(&db, argv[i]);

		if (!j)
			goto out;
		json_array_append_new(all, j);
	}
	if (!(out = output_open(output)))
		goto out;
	if (!strcmp(format, "json"))
		rc = output_json(out, all);
	else if (!strcmp(format, "html"))
		rc = journey_html(out, all);
	else
		rc = journey_md(out, all);
	rc = output_close(out, output, rc);
out:
	json_decref(all);
	db_close(&db);
	return rc;
}

// SPDX-License-Identifier: GPL-2.0
/* ndoscope report: a driver explained end to end, or a driver matrix. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "base/error.h"
#include "render/output.h"
#include "ndoscope.h"
#include "query/report.h"

static const char usage[] =
	"ndoscope [--db PATH] report DRIVER [-f md|html|json] [-o FILE]\n"
	"       ndoscope [--db PATH] report --matrix DIR [-f md|html|csv] [-o FILE]";

int cmd_report(int argc, char **argv, const struct global *g)
{
	static const char *const json_formats[] = { "md", "html", "json", NULL };
	static const char *const csv_formats[] = { "md", "html", "csv", NULL };
	static const struct option opts[] = {
		{ "matrix", no_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = NULL, *output = NULL;
	bool matrix = false;
	json_t *devices;
	FILE *out = stdout;
	struct db db;
	int c, rc = -1;

	while ((c = getopt_long(argc, argv, "f:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			matrix = true;
			break;
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
	if (optind + 1 != argc)
		return usage_error(usage, matrix ? "name one directory" : "name one driver");
	c = format_option(&format, output, matrix ? csv_formats : json_formats, usage);
	if (c >= 0)
		return c;
	if (db_open(&db, db_default_path(g->db), DB_SNAPSHOT))
		return -1;
	devices = report_build(&db, argv[optind], matrix);
	if (!devices)
		goto out;
	if (!(out = output_open(output)))
		goto out_json;
	if (matrix) {
		json_t *cov = report_coverage(&db, argv[optind], devices);

		rc = report_matrix(out, devices, cov, format);
		json_decref(cov);
	}
	else if (!strcmp(format, "json"))
		rc = output_json(out, devices);
	else if (!strcmp(format, "html"))
		rc = report_html(out, devices, argv[optind]);
	else
		rc = report_md(out, devices);
	rc = output_close(out, output, rc);
out_json:
	json_decref(devices);
out:
	db_close(&db);
	return rc;
}

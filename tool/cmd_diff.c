// SPDX-License-Identifier: GPL-2.0
/* ndoscope diff: compare two indexes (query/diff.c gathers, render/diff_render.c writes). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/db.h"
#include "base/error.h"
#include "render/output.h"
#include "ndoscope.h"
#include "query/diff.h"

static const char usage[] =
	"ndoscope diff OLD.db NEW.db [report DEVICE | impl STRUCT.FIELD | ops TABLE | path FROM TO]\n"
	"              [-f md|html|json] [-o FILE]";

int cmd_diff(int argc, char **argv, const struct global *g)
{
	static const char *const formats[] = { "md", "html", "json", NULL };
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = NULL, *output = NULL, *what;
	struct db old, new;
	struct diff_sides d;
	json_t *doc = NULL;
	FILE *out = stdout;
	int c, n, rc = -1;
	char **args;

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
	args = argv + optind;
	n = argc - optind;
	if (n < 2)
		return usage_error(usage, "name the old and the new index");
	what = n > 2 ? args[2] : NULL;
	if (what && !((!strcmp(what, "report") && n == 4) || (!strcmp(what, "impl") && n == 4) ||
		      (!strcmp(what, "ops") && n == 4) || (!strcmp(what, "path") && n == 5)))
		return usage_error(usage, "'%s' is not something diff compares (report DEVICE, impl STRUCT.FIELD, ops TABLE, path FROM TO)",
				   what);
	c = format_option(&format, output, formats, usage);
	if (c >= 0)
		return c;
	(void)g;
	if (db_open(&old, args[0], DB_SNAPSHOT))
		return -1;
	if (db_open(&new, args[1], DB_SNAPSHOT))
		goto out_old;
	d = (struct diff_sides){ .old = &old, .new = &new, .old_path = args[0], .new_path = args[1] };
	if (!what)
		doc = diff_summary(&d);
	else if (!strcmp(what, "report"))
		doc = diff_report(&d, args[3]);
	else if (!strcmp(what, "impl"))
		doc = diff_impl(&d, args[3]);
	else if (!strcmp(what, "ops"))
		doc = diff_ops(&d, args[3]);
	else
		doc = diff_path(&d, args[3], args[4]);
	if (!doc)
		goto out_new;
	if (!(out = output_open(output)))
		goto out_doc;
	if (!strcmp(format, "json"))
		rc = output_json(out, doc);
	else if (!strcmp(format, "html"))
		rc = diff_html(out, doc);
	else
		rc = diff_md(out, doc);
	rc = output_close(out, output, rc);
out_doc:
	json_decref(doc);
out_new:
	db_close(&new);
out_old:
	db_close(&old);
	return rc;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope graph: a call graph around a function, or the path between two,
 * as DOT, or as SVG or PNG rendered in process by libgvc.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/db.h"
#include "render/draw.h"
#include "base/error.h"
#include "ndoscope.h"

static const char usage[] =
	"ndoscope [--db PATH] graph FUNC [--callers | --callees] [--depth N] [--to FUNC [--via FUNC]... [-k N]]\n"
	"                [-f dot|svg|png] [-o FILE] [--cluster file|dir] [--url-base URL]\n"
	"                [--max-fanout N] [--expand] [--sync-only] [--include-type-matches]";

int cmd_graph(int argc, char **argv, const struct global *gl)
{
	static const struct option opts[] = {
		{ "callers", no_argument, NULL, 'r' },
		{ "callees", no_argument, NULL, 'e' },
		{ "depth", required_argument, NULL, 'd' },
		{ "to", required_argument, NULL, 't' },
		{ "via", required_argument, NULL, 'v' },
		{ "cluster", required_argument, NULL, 'c' },
		{ "url-base", required_argument, NULL, 'u' },
		{ "max-fanout", required_argument, NULL, 'm' },
		{ "expand", no_argument, NULL, 'x' },
		{ "include-type-matches", no_argument, NULL, 'T' },
		{ "sync-only", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct builder b = { .max_fanout = 8, .dot.left_to_right = true };
	struct path_search ps = { .max_depth = PATH_MAX_DEPTH, .k = 1, .time_limit_ms = 2000 };
	struct resolved fn = { 0 }, to = { 0 }, *via = NULL;
	struct strvec via_args = { 0 };
	const char *format = NULL, *output = NULL, *to_arg = NULL;
	bool types = false, sync_only = false;
	char *dot = NULL, *title = NULL;
	size_t dot_len = 0;
	int depth = 2, c, rc = -1, n_via;
	FILE *out = stdout;
	struct db db;

	while ((c = getopt_long(argc, argv, "f:o:k:", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			b.reverse = true;
			break;
		case 'e':
			b.reverse = false;
			break;
		case 'd':
			depth = atoi(optarg);
			if (depth < 1)
				goto bad_number;
			break;
		case 't':
			to_arg = optarg;
			break;
		case 'v':
			VEC_PUSH(&via_args, optarg);
			break;
		case 'c':
			if (strcmp(optarg, "file") && strcmp(optarg, "dir")) {
				VEC_FREE(&via_args);
				return usage_error(usage, "--cluster takes 'file' or 'dir', not '%s'", optarg);
			}
			b.dot.cluster_by_dir = !strcmp(optarg, "dir");
			break;
		case 'u':
			b.dot.url_base = optarg;
			break;
		case 'm':
			b.max_fanout = atoi(optarg);
			if (b.max_fanout < 1)
				goto bad_number;
			break;
		case 'x':
			b.expand = true;
			break;
		case 'T':
			types = true;
			break;
		case 'S':
			sync_only = true;
			break;
		case 'k':
			ps.k = atoi(optarg);
			if (ps.k < 1)
				goto bad_number;
			break;
		case 'f':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			printf("usage: %s\n", usage);
			VEC_FREE(&via_args);
			return 0;
		default:
			VEC_FREE(&via_args);
			return usage_error(usage, NULL);
		}
	}
	if (optind + 1 != argc) {
		VEC_FREE(&via_args);
		return usage_error(usage, "name one function");
	}
	if (via_args.n && !to_arg) {
		VEC_FREE(&via_args);
		return usage_error(usage, "--via goes with --to");
	}
	if (!format && output) {
		const char *ext = strrchr(output, '.');

		format = ext && (!strcmp(ext, ".svg") || !strcmp(ext, ".png")) ? ext + 1 : "dot";
	}
	if (!format)
		format = "dot";
	if (strcmp(format, "dot") && strcmp(format, "svg") && strcmp(format, "png")) {
		VEC_FREE(&via_args);
		return usage_error(usage, "-f takes dot, svg or png, not '%s'", format);
	}
	n_via = (int)via_args.n;
	if (db_open(&db, db_default_path(gl->db), DB_SNAPSHOT)) {
		VEC_FREE(&via_args);
		return -1;
	}
	draw_init(&b, &db, types);
	b.g.sync_only = sync_only;
	via = xcalloc(n_via + 1, sizeof(*via));
	if (resolve_function(&db, argv[optind], &fn))
		goto out;
	fn.name = fn.name ? fn.name : xstrdup(argv[optind]);
	if (to_arg) {
		if (resolve_function(&db, to_arg, &to))
			goto out;
		for (int i = 0; i < n_via; i++)
			if (resolve_function(&db, via_args.v[i], &via[i]))
				goto out;
		title = xasprintf("%s → %s", fn.name, to.name);
		if (draw_paths(&b, &fn, &to, via, n_via, &ps))
			goto out;
	} else {
		title = xasprintf("%s of %s, %d deep", b.reverse ? "callers" : "callees", fn.name, depth);
		if (draw_tree(&b, &fn, depth))
			goto out;
	}
	b.dot.title = title;
	b.dot.nodes.v[0].focus = true;

	dot = draw_dot(&b, &dot_len);
	db_snapshot_end(&db);	/* Graphviz's layout can take a while: read nothing more */

	if (output) {
		out = fopen(output, strcmp(format, "png") ? "w" : "wb");
		if (!out) {
			error_set("cannot write '%s': %m", output);
			goto out;
		}
	}
	if (!strcmp(format, "dot"))
		rc = fwrite(dot, 1, dot_len, out) == dot_len ? 0 : error_set("cannot write the graph");
	else
		rc = dotout_render(dot, dot_len, format, out);
	if (output && fclose(out) && !rc)
		rc = error_set("cannot write '%s': %m", output);
out:
	path_search_release(&ps);
	draw_release(&b);
	resolved_release(&fn);
	resolved_release(&to);
	for (int i = 0; i < n_via; i++)
		resolved_release(&via[i]);
	free(via);
	free(dot);
	free(title);
	VEC_FREE(&via_args);
	db_close(&db);
	return rc;
bad_number:
	VEC_FREE(&via_args);
	return usage_error(usage, "'%s' is not a number from 1", optarg);
}

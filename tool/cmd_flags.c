// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope flags: the compile commands index would use, as a
 * compile_commands.json. Feed it to clangd, or time clang with it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "base/error.h"
#include "index/flags.h"
#include "ndoscope.h"

static const char usage[] = "ndoscope flags [-C TREE] [-p COMPILE_COMMANDS] [FILE|DIR ...]";

int cmd_flags(int argc, char **argv, const struct global *g)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *tree_arg = ".", *compdb = NULL;
	struct job_list jobs = { 0 };
	char *tree = NULL;
	json_t *arr;
	int c;

	while ((c = getopt_long(argc, argv, "C:p:", opts, NULL)) != -1) {
		switch (c) {
		case 'C':
			tree_arg = optarg;
			break;
		case 'p':
			compdb = optarg;
			break;
		case 'h':
			printf("usage: %s\n", usage);
			return 0;
		default:
			return usage_error(usage, NULL);
		}
	}
	if (jobs_for_tree(tree_arg, compdb, argv + optind, argc - optind, &jobs, &tree))
		return -1;
	arr = json_array();
	for (size_t i = 0; i < jobs.v.n; i++) {
		struct tu_job *j = &jobs.v.v[i];
		json_t *o = json_object(), *a = json_array();

		json_array_append_new(a, json_string("clang"));
		for (int k = 0; k < j->argc; k++)
			json_array_append_new(a, json_string(j->argv[k]));
		for (int k = 0; k < N_EXTRA_ARGS; k++)
			json_array_append_new(a, json_string(extra_args[k]));
		json_array_append_new(a, json_string("-fsyntax-only"));
		json_array_append_new(a, json_string(j->abs));
		json_object_set_new(o, "directory", json_string(j->workdir ? j->workdir : tree));
		json_object_set_new(o, "file", json_string(j->abs));
		json_object_set_new(o, "arguments", a);
		json_array_append_new(arr, o);
	}
	json_dumpf(arr, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(arr);
	job_list_free(&jobs);
	free(tree);
	return 0;
}

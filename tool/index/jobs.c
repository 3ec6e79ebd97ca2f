// SPDX-License-Identifier: GPL-2.0
/* The list of TUs to index, whatever gave their flags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stdlib.h>
#include <sys/stat.h>

#include "base/error.h"
#include "index/flags.h"

const char *const extra_args[N_EXTRA_ARGS] = {
	"-w", "-Wno-unknown-warning-option", "-ferror-limit=0",
};

int jobs_for_tree(const char *tree_arg, const char *compdb, char *const *args, int n_only,
		  struct job_list *jobs, char **tree_out)
{
	char *tree, *compdb_path = NULL, **only;
	struct stat st;
	int rc = -1;

	*tree_out = NULL;
	tree = realpath(tree_arg, NULL);
	if (!tree)
		return error_set("cannot read tree '%s': no such directory", tree_arg);
	only = xcalloc(n_only + 1, sizeof(*only));
	for (int i = 0; i < n_only; i++) {
		/* an absolute path, or one relative to the tree */
		if (args[i][0] == '/') {
			char *real = realpath(args[i], NULL);

			only[i] = real ? tree_relative(tree, real) : xstrdup(args[i]);
			free(real);
		} else {
			only[i] = xstrdup(args[i]);
		}
	}
	if (compdb) {
		compdb_path = xstrdup(compdb);
		if (stat(compdb_path, &st) < 0) {
			error_set("cannot read '%s': no such file", compdb_path);
			goto out;
		}
	} else {
		compdb_path = xasprintf("%s/compile_commands.json", tree);
		if (stat(compdb_path, &st) < 0) {
			free(compdb_path);
			compdb_path = NULL;
		}
	}
	if (compdb_path) {
		if (compdb_load(compdb_path, tree, only, n_only, jobs))
			goto out;
	} else if (kbuild_check_tree(tree) || kbuild_jobs(tree, only, n_only, jobs)) {
		goto out;
	}
	if (!jobs->v.n && n_only) {
		error_set("nothing to index: no C file matches %s%s", only[0], n_only > 1 ? ", ..." : "");
		goto out;
	}
	rc = 0;
out:
	for (int i = 0; i < n_only; i++)
		free(only[i]);
	free(only);
	free(compdb_path);
	if (rc)
		free(tree);
	else
		*tree_out = tree;
	return rc;
}

char *tree_relative(const char *tree, const char *abs)
{
	size_t n = strlen(tree);

	if (!strncmp(abs, tree, n) && abs[n] == '/')
		return xstrdup(abs + n + 1);
	return xstrdup(abs);
}

bool path_selected(const char *rel, char *const *only, int n_only)
{
	if (!n_only)
		return true;
	for (int i = 0; i < n_only; i++) {
		size_t n = strlen(only[i]);

		while (n && only[i][n - 1] == '/')
			n--;
		if (!n || (!strncmp(rel, only[i], n) && (rel[n] == '\0' || rel[n] == '/')))
			return true;
	}
	return false;
}

void job_add(struct job_list *jobs, const char *tree, const char *abs, const char *workdir,
	     char **argv, int argc)
{
	struct tu_job j = { 0 };
	uint64_t h = 0xcbf29ce484222325ULL;
	char hex[17];

	j.abs = xstrdup(abs);
	j.rel = tree_relative(tree, abs);
	j.workdir = workdir ? xstrdup(workdir) : NULL;
	j.argv = argv;
	j.argc = argc;
	for (int i = 0; i < argc; i++)
		h ^= hash_str(argv[i]) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
	j.args_hash = xstrdup(hex);
	VEC_PUSH(&jobs->v, j);
}

void job_list_free(struct job_list *jobs)
{
	for (size_t i = 0; i < jobs->v.n; i++) {
		struct tu_job *j = &jobs->v.v[i];

		for (int k = 0; k < j->argc; k++)
			free(j->argv[k]);
		free(j->argv);
		free(j->abs);
		free(j->rel);
		free(j->workdir);
		free(j->args_hash);
	}
	VEC_FREE(&jobs->v);
}

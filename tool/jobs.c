// SPDX-License-Identifier: GPL-2.0
/* The list of TUs to index, whatever gave their flags. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flags.h"

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

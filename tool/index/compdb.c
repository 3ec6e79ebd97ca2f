// SPDX-License-Identifier: GPL-2.0
/*
 * compile_commands.json, as written by the kernel's
 * scripts/clang-tools/gen_compile_commands.py or by bear. A gcc build's
 * commands carry flags clang does not know; those are dropped here and
 * listed, with the reason, in docs/flags.md.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/error.h"
#include "index/flags.h"

/* gcc-only flags: exact spellings, then prefixes. */
static const char *const drop_exact[] = {
	"-fconserve-stack",
	"-fno-allow-store-data-races",
	"-mindirect-branch-register",
	"-mindirect-branch-cs-prefix",
	"-mrecord-mcount",
	"-mskip-rax-setup",
	"-mno-fp-ret-in-387",
	"-fno-ipa-sra",
	"-fno-var-tracking-assignments",
	"-femit-struct-debug-baseonly",
	"-fno-inline-functions-called-once",
	"-fsanitize=bounds-strict",
	"-fno-tree-loop-im",
	"-fno-code-hoisting",
	"-fno-reorder-blocks",
	"-fno-ipa-cp-clone",
	"-fno-partial-inlining",
	"-fzero-init-padding-bits=all",
	"-maccumulate-outgoing-args",
	"-mnop-mcount",
	"-fno-ipa-bit-cp",
	"-fno-ipa-icf",
	"-Werror",
	/* dependency output and the object: meaningless for a parse */
	"-c", "-MD", "-MMD", "-MP",
	NULL
};

static const char *const drop_prefix[] = {
	"-mindirect-branch=",
	"-mfunction-return=",
	"-mpreferred-stack-boundary=",
	"-Wimplicit-fallthrough=",
	"-fmin-function-alignment=",
	"-mharden-sls=",
	"-falign-jumps=",
	"-falign-loops=",
	"-fplugin",
	"--param",
	"-fasan-shadow-offset=",
	"-mstack-protector-guard-symbol=",
	"-Wp,-MMD", "-Wp,-MD",
	"-Werror=",
	NULL
};

/* Flags whose value is the next argument, and which go with it. */
static const char *const drop_with_value[] = {
	"-o", "-MF", "-MT", "-MQ", "--param",
	NULL
};

bool compdb_drop_flag(const char *arg, bool *takes_value)
{
	*takes_value = false;
	for (const char *const *p = drop_with_value; *p; p++) {
		if (!strcmp(arg, *p)) {
			*takes_value = true;
			return true;
		}
	}
	for (const char *const *p = drop_exact; *p; p++)
		if (!strcmp(arg, *p))
			return true;
	for (const char *const *p = drop_prefix; *p; p++)
		if (!strncmp(arg, *p, strlen(*p)))
			return true;
	return false;
}

/* Split a shell command line: quotes and backslashes, as sh reads them. */
static int split_command(const char *cmd, struct strvec *out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = cmd;

	for (;;) {
		bool have = false;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		sb_reset(&sb);
		while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
			if (*p == '\'') {
				const char *e = strchr(p + 1, '\'');

				if (!e)
					goto bad;
				sb_add(&sb, p + 1, e - p - 1);
				p = e + 1;
			} else if (*p == '"') {
				for (p++; *p && *p != '"'; p++) {
					if (*p == '\\' && (p[1] == '"' || p[1] == '\\' || p[1] == '$' || p[1] == '`'))
						p++;
					sb_add(&sb, p, 1);
				}
				if (*p != '"')
					goto bad;
				p++;
			} else if (*p == '\\' && p[1]) {
				sb_add(&sb, p + 1, 1);
				p += 2;
			} else {
				sb_add(&sb, p, 1);
				p++;
			}
			have = true;
		}
		if (have)
			VEC_PUSH(out, xstrdup(sb.buf ? sb.buf : ""));
	}
	sb_free(&sb);
	return 0;
bad:
	sb_free(&sb);
	return -1;
}

static char *absolute(const char *dir, const char *file)
{
	char buf[PATH_MAX];

	if (file[0] == '/')
		snprintf(buf, sizeof(buf), "%s", file);
	else
		snprintf(buf, sizeof(buf), "%s/%s", dir, file);
	char *real = realpath(buf, NULL);

	return real ? real : xstrdup(buf);
}

int compdb_load(const char *path, const char *tree, char *const *only, int n_only,
		struct job_list *jobs)
{
	json_error_t jerr;
	json_t *root, *e;
	size_t i;
	int skipped = 0;

	root = json_load_file(path, 0, &jerr);
	if (!root) {
		if (jerr.line < 1)
			return error_set("cannot read '%s': %s", path, jerr.text);
		return error_set("'%s' is not valid JSON: line %d, column %d: %s",
				 path, jerr.line, jerr.column, jerr.text);
	}
	if (!json_is_array(root)) {
		json_decref(root);
		return error_set("'%s' is not a compile database: expected a JSON array", path);
	}
	json_array_foreach(root, i, e) {
		const char *dir = json_string_value(json_object_get(e, "directory"));
		const char *file = json_string_value(json_object_get(e, "file"));
		json_t *args = json_object_get(e, "arguments");
		const char *command = json_string_value(json_object_get(e, "command"));
		struct strvec words = { 0 };
		VEC(char *) argv = { 0 };
		char *abs, *rel;
		size_t j;

		if (!dir || !file || (!json_is_array(args) && !command)) {
			json_decref(root);
			return error_set("'%s': entry %zu lacks directory, file, or arguments/command",
					 path, i + 1);
		}
		abs = absolute(dir, file);
		rel = tree_relative(tree, abs);
		if (!path_selected(rel, only, n_only) || strcmp(abs + strlen(abs) - 2, ".c")) {
			free(abs);
			free(rel);
			continue;
		}
		if (access(abs, R_OK) < 0) {
			warning("'%s' in '%s' is missing: skipped", file, path);
			skipped++;
			free(abs);
			free(rel);
			continue;
		}
		if (json_is_array(args)) {
			json_t *a;

			json_array_foreach(args, j, a)
				if (json_is_string(a))
					VEC_PUSH(&words, xstrdup(json_string_value(a)));
		} else if (split_command(command, &words)) {
			warning("'%s': cannot split the command of '%s': skipped", path, file);
			free(abs);
			free(rel);
			continue;
		}
		/* relative -I and -include paths are relative to "directory" */
		VEC_PUSH(&argv, xstrdup("-working-directory"));
		VEC_PUSH(&argv, xstrdup(dir));
		for (j = 1; j < words.n; j++) {	/* words[0] is the compiler */
			bool value;
			char *w = words.v[j];

			if (compdb_drop_flag(w, &value)) {
				if (value)
					j++;
				continue;
			}
			if (w[0] != '-') {
				/* the source itself, however it is spelled */
				char *wabs = absolute(dir, w);
				bool same = !strcmp(wabs, abs);

				free(wabs);
				if (same)
					continue;
			}
			VEC_PUSH(&argv, xstrdup(w));
		}
		for (j = 0; j < words.n; j++)
			free(words.v[j]);
		VEC_FREE(&words);
		job_add(jobs, tree, abs, dir, argv.v, (int)argv.n);
		free(abs);
		free(rel);
	}
	json_decref(root);
	(void)skipped;
	return 0;
}

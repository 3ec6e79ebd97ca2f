// SPDX-License-Identifier: GPL-2.0
/*
 * index --pch: precompiled preludes, one per group of TUs that start with
 * the same #include <...> lines under the same flags (see prelude.h).
 *
 * The preludes form a tree along the TUs' include lines: a prelude where
 * TUs part ways, built on its parent's (a chained PCH), so that each header
 * line is precompiled once for all the TUs it starts.
 *
 * What keeps the facts those of a plain parse (bench/run compares the two):
 * - a prelude is an exact prefix of each member's own leading #include
 *   lines, after the same forced -include's: the headers are read in the
 *   same order, in the same macro state (a TU with anything but comments
 *   and #include <...> before them gets a shorter prelude, or none);
 * - each of those headers has an include guard (libclang says so), so the
 *   TU's own #include lines, read again after the prelude, add nothing;
 * - the per-TU names (-DKBUILD_MODNAME and the like) are the only flags
 *   that may differ: no kernel header tests them with #if, and the prelude
 *   #undef's them at its end, so the TU's own -D's define them afresh;
 * - a prelude that does not build without an error is not used, nor are
 *   those built on it; a TU libclang cannot parse on its prelude, or whose
 *   prelude's files it does not know, is parsed again plainly (cmd_index.c);
 * - the prelude's headers are walked by a TU parsed plainly: the first TU
 *   of each leaf of the tree (its leader). The others do not even visit the
 *   prelude's declarations (deserializing them all would cost what the
 *   prelude saves) and link the headers' units.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "index/prelude.h"

#define MAX_INCLUDES 64

/* -DKBUILD_MODNAME=..., -D KBUILD_BASENAME=...: the name, or NULL. */
static const char *kbuild_define(char *const *argv, int argc, int *i)
{
	const char *a = argv[*i];

	if (!strcmp(a, "-D") && *i + 1 < argc) {
		a = argv[*i + 1];
		if (!strncmp(a, "KBUILD_", 7) || !strncmp(a, "__KBUILD_", 9)) {
			(*i)++;
			return a;
		}
		return NULL;
	}
	if (!strncmp(a, "-DKBUILD_", 9) || !strncmp(a, "-D__KBUILD_", 11))
		return a + 2;
	return NULL;
}

/* The flags without the per-TU names (which are replaced by their names). */
static char *flags_key(const struct tu_job *j)
{
	struct strbuf sb = STRBUF_INIT;

	sb_addf(&sb, "%s", j->workdir ? j->workdir : "");
	for (int i = 0; i < j->argc; i++) {
		const char *d = kbuild_define(j->argv, j->argc, &i);

		if (d)
			sb_addf(&sb, "\x1f-D%.*s", (int)strcspn(d, "="), d);
		else
			sb_addf(&sb, "\x1f%s", j->argv[i]);
	}
	return sb_detach(&sb);
}

/*
 * The #include <...> lines a source starts with, after comments and blank
 * lines; stops at anything else (a #define, a #include "...", code).
 */
static void leading_includes(const char *path, struct strvec *out)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	bool in_comment = false;

	if (!f)
		return;
	while (out->n < MAX_INCLUDES && fgets(line, sizeof(line), f)) {
		char *p = line, *end;

		for (;;) {
			if (in_comment) {
				char *e = strstr(p, "*/");

				if (!e)
					break;
				in_comment = false;
				p = e + 2;
				continue;
			}
			p += strspn(p, " \t\r\n");
			if (!strncmp(p, "/*", 2)) {
				in_comment = true;
				p += 2;
				continue;
			}
			break;
		}
		if (in_comment || !*p || !strncmp(p, "//", 2))
			continue;
		if (*p++ != '#')
			break;
		p += strspn(p, " \t");
		if (strncmp(p, "include", 7))
			break;
		p += 7;
		p += strspn(p, " \t");
		if (*p != '<' || !(end = strchr(p, '>')))
			break;
		/* only a comment may follow on the line */
		{
			char *rest = end + 1 + strspn(end + 1, " \t\r\n");

			if (*rest && strncmp(rest, "//", 2) && strncmp(rest, "/*", 2))
				break;
			if (!strncmp(rest, "/*", 2) && !strstr(rest + 2, "*/"))
				in_comment = true;
		}
		VEC_PUSH(out, xstrndup(p, end + 1 - p));
	}
	fclose(f);
}

static void strvec_clear(struct strvec *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->v[i]);
	VEC_FREE(v);
}

/* The key of the first N leading includes of a job, under its flags. */
static char *prefix_key(const char *flags, const struct strvec *inc, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	sb_adds(&sb, flags);
	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "\x1e%s", inc->v[i]);
	return sb_detach(&sb);
}

static void prelude_init(struct prelude_set *ps, struct prelude *p, const struct tu_job *j,
			 const struct strvec *inc, size_t n, int parent)
{
	size_t i = ps->v.n;

	memset(p, 0, sizeof(*p));
	p->parent = parent;
	p->h_path = xasprintf("%s/prelude-%zu.h", ps->dir, i);
	p->pch_path = xasprintf("%s/prelude-%zu.pch", ps->dir, i);
	for (size_t k = 0; k < n; k++)
		VEC_PUSH(&p->includes, xstrdup(inc->v[k]));
	p->argv = xcalloc(j->argc + N_EXTRA_ARGS + 4, sizeof(*p->argv));
	if (parent >= 0) {
		p->argv[p->argc++] = xstrdup("-include-pch");
		p->argv[p->argc++] = xstrdup(ps->v.v[parent].pch_path);
	}
	for (int k = 0; k < j->argc; k++) {
		const char *d = kbuild_define(j->argv, j->argc, &k);

		if (d)
			VEC_PUSH(&p->kbuild, xstrndup(d, strcspn(d, "=")));
		else if (parent >= 0 && !strcmp(j->argv[k], "-include") && k + 1 < j->argc)
			k++;	/* in the parent already */
		else
			p->argv[p->argc++] = xstrdup(j->argv[k]);
	}
	for (int k = 0; k < N_EXTRA_ARGS; k++)
		p->argv[p->argc++] = xstrdup(extra_args[k]);
	p->argv[p->argc++] = xstrdup("-xc-header");
}

int prelude_plan(struct prelude_set *ps, const struct job_list *jobs, const int *todo,
		 size_t n_todo, int min_users)
{
	struct strvec *inc = xcalloc(n_todo + 1, sizeof(*inc));
	char **flags = xcalloc(n_todo + 1, sizeof(*flags));
	struct strmap count = { 0 }, chosen = { 0 };
	const char *tmpdir = getenv("TMPDIR");
	int *pick = xcalloc(n_todo + 1, sizeof(int));

	pthread_mutex_init(&ps->lock, NULL);
	pthread_cond_init(&ps->built, NULL);
	ps->of_job = xcalloc(jobs->v.n + 1, sizeof(int));
	for (size_t i = 0; i < jobs->v.n; i++)
		ps->of_job[i] = -1;
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	ps->dir = xasprintf("%s/ndoscope-pch.XXXXXX", tmpdir);
	if (!mkdtemp(ps->dir)) {
		int rc = error_set("cannot make a scratch directory for --pch in '%s': %s", tmpdir,
				   strerror(errno));

		free(ps->dir);
		ps->dir = NULL;
		free(inc);
		free(flags);
		free(pick);
		return rc;
	}

	/* how many TUs share each prefix of leading includes */
	for (size_t t = 0; t < n_todo; t++) {
		const struct tu_job *j = &jobs->v.v[todo[t]];

		flags[t] = flags_key(j);
		leading_includes(j->abs, &inc[t]);
		for (size_t n = 1; n <= inc[t].n; n++) {
			char *k = prefix_key(flags[t], &inc[t], n);
			bool ins;
			int *slot = strmap_put(&count, k, 1, &ins);

			if (!ins)
				(*slot)++;
			free(k);
		}
	}
	/* each TU: the longest prefix that enough TUs share */
	for (size_t t = 0; t < n_todo; t++) {
		pick[t] = 0;
		for (size_t n = inc[t].n; n >= 1; n--) {
			char *k = prefix_key(flags[t], &inc[t], n);
			int c = *strmap_get(&count, k);

			free(k);
			if (c >= min_users) {
				pick[t] = (int)n;
				break;
			}
		}
	}
	/*
	 * The preludes form a tree: one where TUs part ways (a prefix more TUs
	 * share than the next), each built on its parent's (a chained PCH),
	 * so that a header is precompiled once for all the TUs it leads.
	 */
	for (size_t t = 0; t < n_todo; t++) {
		const struct tu_job *j = &jobs->v.v[todo[t]];
		int parent = -1, c_next = 0;

		for (int n = 1; n <= pick[t]; n++) {
			char *k = prefix_key(flags[t], &inc[t], n);
			int c = *strmap_get(&count, k);
			bool ins;
			int *slot;

			if (n < pick[t]) {
				char *k2 = prefix_key(flags[t], &inc[t], n + 1);

				c_next = *strmap_get(&count, k2);
				free(k2);
				if (c_next == c) {
					free(k);
					continue;
				}
			}
			slot = strmap_put(&chosen, k, (int)ps->v.n, &ins);
			free(k);
			if (ins) {
				struct prelude p;

				prelude_init(ps, &p, j, &inc[t], n, parent);
				VEC_PUSH(&ps->v, p);
			}
			parent = *slot;
		}
		if (parent >= 0) {
			ps->of_job[todo[t]] = parent;
			ps->v.v[parent].users++;
		}
	}
	/*
	 * A TU on a prelude walks none of its headers: the first TU of each
	 * leaf of the tree is parsed plainly and walks them (and its ancestors').
	 */
	for (size_t i = 0; i < ps->v.n; i++)
		ps->v.v[i].leader = -1;
	for (size_t i = 0; i < ps->v.n; i++)
		if (ps->v.v[i].parent >= 0)
			ps->v.v[ps->v.v[i].parent].leader = -2;	/* not a leaf */
	for (size_t t = 0; t < n_todo; t++) {
		int i = ps->of_job[todo[t]];

		if (i >= 0 && ps->v.v[i].leader == -1)
			ps->v.v[i].leader = todo[t];
	}

	for (size_t t = 0; t < n_todo; t++) {
		strvec_clear(&inc[t]);
		free(flags[t]);
	}
	free(inc);
	free(flags);
	free(pick);
	strmap_free(&count);
	strmap_free(&chosen);
	return 0;
}

struct build {
	struct prelude *p;
	CXTranslationUnit tu;
};

static void prelude_file(CXFile inc, CXSourceLocation *stack, unsigned len, CXClientData d)
{
	struct build *b = d;
	struct prelude *p = b->p;
	CXString s = clang_File_tryGetRealPathName(inc);
	const char *name = clang_getCString(s);

	if (!name || !*name) {
		clang_disposeString(s);
		s = clang_getFileName(inc);
		name = clang_getCString(s);
	}
	if (name && strcmp(name, p->h_path))
		VEC_PUSH(&p->files, xstrdup(name));
	clang_disposeString(s);
	/*
	 * Each TU includes the prelude's lines again: a header without an
	 * include guard would be read twice, not once as in a plain parse.
	 */
	if (len == 1 && !clang_isFileMultipleIncludeGuarded(b->tu, inc)) {
		CXFile from;

		clang_getSpellingLocation(stack[0], &from, NULL, NULL, NULL);
		s = clang_getFileName(from);
		if (clang_getCString(s) && !strcmp(clang_getCString(s), p->h_path))
			p->unguarded = true;
		clang_disposeString(s);
	}
}

void prelude_build(struct prelude_set *ps, CXIndex index, size_t i)
{
	struct prelude *p = &ps->v.v[i];
	unsigned flags = CXTranslationUnit_ForSerialization | CXTranslationUnit_Incomplete |
			 CXTranslationUnit_DetailedPreprocessingRecord;
	CXTranslationUnit tu = NULL;
	bool clean = true;
	FILE *f;

	if (p->parent >= 0) {
		const struct prelude *up = &ps->v.v[p->parent];

		pthread_mutex_lock(&ps->lock);
		while (!up->done)
			pthread_cond_wait(&ps->built, &ps->lock);
		pthread_mutex_unlock(&ps->lock);
		if (!up->ready)
			goto out_done;
		for (size_t k = 0; k < up->files.n; k++)
			VEC_PUSH(&p->files, xstrdup(up->files.v[k]));
	}
	f = fopen(p->h_path, "w");
	if (!f)
		goto out_done;
	/*
	 * The per-TU names get a value of no TU's for the headers' inline
	 * bodies, and go at the end: each TU's own -D's define them again.
	 */
	fprintf(f, "/* ndoscope index --pch: the leading includes of %d TUs */\n", p->users);
	for (size_t k = 0; k < p->kbuild.n; k++)
		fprintf(f, p->kbuild.v[k][0] == '_' ? "#define %s kmod_ndoscope_prelude\n" :
			"#define %s \"ndoscope_prelude\"\n", p->kbuild.v[k]);
	/* the parent's lines are in the parent */
	for (size_t k = p->parent >= 0 ? ps->v.v[p->parent].includes.n : 0; k < p->includes.n; k++)
		fprintf(f, "#include %s\n", p->includes.v[k]);
	for (size_t k = 0; k < p->kbuild.n; k++)
		fprintf(f, "#undef %s\n", p->kbuild.v[k]);
	if (fclose(f))
		goto out_done;
	if (clang_parseTranslationUnit2(index, p->h_path, (const char *const *)p->argv, p->argc,
					NULL, 0, flags, &tu) != CXError_Success || !tu)
		goto out_done;
	for (unsigned d = 0, n = clang_getNumDiagnostics(tu); d < n; d++) {
		CXDiagnostic dg = clang_getDiagnostic(tu, d);

		if (clang_getDiagnosticSeverity(dg) >= CXDiagnostic_Error)
			clean = false;
		clang_disposeDiagnostic(dg);
	}
	if (clean && clang_saveTranslationUnit(tu, p->pch_path, clang_defaultSaveOptions(tu)) ==
		     CXSaveError_None) {
		struct build b = { .p = p, .tu = tu };

		clang_getInclusions(tu, prelude_file, &b);
		p->ready = !p->unguarded;
	}
	clang_disposeTranslationUnit(tu);
out_done:
	pthread_mutex_lock(&ps->lock);
	p->done = true;
	pthread_cond_broadcast(&ps->built);
	pthread_mutex_unlock(&ps->lock);
}

const struct prelude *prelude_for_job(const struct prelude_set *ps, const struct job_list *jobs,
				      int j, const char ***argv, int *argc)
{
	const struct prelude *p;
	const struct tu_job *job = &jobs->v.v[j];
	const char **a;
	int n = 0;

	if (!ps->of_job || ps->of_job[j] < 0)
		return NULL;
	p = &ps->v.v[ps->of_job[j]];
	if (!p->ready || p->leader == j)
		return NULL;
	a = xcalloc(job->argc + N_EXTRA_ARGS + 3, sizeof(*a));
	a[n++] = "-include-pch";
	a[n++] = p->pch_path;
	for (int k = 0; k < job->argc; k++) {
		/* the forced -include's are in the prelude already */
		if (!strcmp(job->argv[k], "-include") && k + 1 < job->argc) {
			k++;
			continue;
		}
		a[n++] = job->argv[k];
	}
	for (int k = 0; k < N_EXTRA_ARGS; k++)
		a[n++] = extra_args[k];
	*argv = a;
	*argc = n;
	return p;
}

int prelude_count_ready(const struct prelude_set *ps)
{
	int n = 0;

	for (size_t i = 0; i < ps->v.n; i++)
		n += ps->v.v[i].ready;
	return n;
}

void prelude_free(struct prelude_set *ps)
{
	for (size_t i = 0; i < ps->v.n; i++) {
		struct prelude *p = &ps->v.v[i];

		unlink(p->h_path);
		unlink(p->pch_path);
		free(p->h_path);
		free(p->pch_path);
		for (int k = 0; k < p->argc; k++)
			free(p->argv[k]);
		free(p->argv);
		strvec_clear(&p->includes);
		strvec_clear(&p->files);
		strvec_clear(&p->kbuild);
	}
	VEC_FREE(&ps->v);
	if (ps->dir)
		rmdir(ps->dir);
	free(ps->dir);
	free(ps->of_job);
	ps->dir = NULL;
	ps->of_job = NULL;
}

/*
 * index --pch: header work shared by TUs that start alike. TUs whose flags
 * are the same (but for the per-TU KBUILD_* names) and whose source begins
 * with the same #include <...> lines share a precompiled prelude of those
 * lines, parsed once; each TU is parsed on top of it, but for one per
 * group (its leader), parsed plainly, which walks the prelude's headers.
 */
#ifndef NDOSCOPE_PRELUDE_H
#define NDOSCOPE_PRELUDE_H

#include <pthread.h>
#include <clang-c/Index.h>
#include "index/flags.h"

struct prelude {
	char *h_path, *pch_path;	/* in the run's scratch directory */
	char **argv;			/* to build it: a member's flags, KBUILD_* names out */
	int argc;
	struct strvec includes;		/* the #include <...> lines it holds */
	struct strvec kbuild;		/* the per-TU names it leaves undefined */
	struct strvec files;		/* every file the built prelude read */
	int parent;			/* the prelude it is built on, or -1 */
	int leader;			/* a leaf's job parsed plainly; -2: not a leaf */
	int users;			/* the jobs it is the deepest prelude of */
	bool ready;			/* built with no error */
	bool done;			/* built or failed (under the set's lock) */
	bool unguarded;			/* it includes a header with no include guard */
};

struct prelude_set {
	char *dir;			/* scratch directory, removed by prelude_free() */
	VEC(struct prelude) v;
	int *of_job;			/* by job index: prelude index, or -1 */
	pthread_mutex_t lock;		/* prelude_build() of a child waits for its parent */
	pthread_cond_t built;
};

/*
 * Group the jobs in TODO (indices into JOBS) by flags and leading
 * #include <...> lines; a prefix fewer than MIN_USERS share gets no prelude.
 */
int prelude_plan(struct prelude_set *ps, const struct job_list *jobs, const int *todo,
		 size_t n_todo, int min_users);

/*
 * Build prelude I with libclang; on any error it stays not ready. Its parent
 * has a lower index: building in index order, a child waits for its parent.
 */
void prelude_build(struct prelude_set *ps, CXIndex index, size_t i);

/*
 * The prelude job J is parsed on, or NULL: none, not built, or J leads it. *ARGV is
 * J's flags with the prelude in place of the forced -include's (malloc'd,
 * the strings are borrowed; free the array only).
 */
const struct prelude *prelude_for_job(const struct prelude_set *ps, const struct job_list *jobs,
				      int j, const char ***argv, int *argc);

/* How many preludes were built. */
int prelude_count_ready(const struct prelude_set *ps);

void prelude_free(struct prelude_set *ps);

#endif

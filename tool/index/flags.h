/*
 * Where a TU's compile flags come from: a compile_commands.json (compdb.c)
 * or synthesized from a configured kernel tree the way kbuild passes them
 * (kbuild.c). Either way the result is a list of jobs.
 */
#ifndef NDOSCOPE_FLAGS_H
#define NDOSCOPE_FLAGS_H

#include "base/util.h"

struct tu_job {
	char *abs;		/* absolute path of the source */
	char *rel;		/* path as stored: relative to the tree when inside it */
	char *workdir;		/* relative paths in argv are relative to it, or NULL */
	char **argv;		/* flags for libclang, without the source itself */
	int argc;
	char *args_hash;
};

struct job_list {
	VEC(struct tu_job) v;
	bool all_files;		/* in: synthesized flags for every .c, built or not */
	int not_built;		/* out: .c files the configuration does not build */
};

void job_list_free(struct job_list *jobs);
/* Append a job; takes ownership of argv. WORKDIR may be NULL. */
void job_add(struct job_list *jobs, const char *tree, const char *abs, const char *workdir,
	     char **argv, int argc);

/* The path of ABS relative to TREE when inside it, else ABS (a new string). */
char *tree_relative(const char *tree, const char *abs);

/*
 * Does this source match the FILE|DIR restrictions (paths relative to the
 * tree)? No restrictions match everything.
 */
bool path_selected(const char *rel, char *const *only, int n_only);

/* Added to every TU's flags: keep going, and only errors matter to us. */
extern const char *const extra_args[];
#define N_EXTRA_ARGS 3

/*
 * The jobs for TREE_ARG: from COMPDB, else TREE/compile_commands.json, else
 * synthesized by kbuild.c; ONLY (relative to the tree, or absolute)
 * restricts them. *TREE gets the tree's real path (malloc'd).
 */
int jobs_for_tree(const char *tree_arg, const char *compdb, char *const *only, int n_only,
		  struct job_list *jobs, char **tree);

/* compdb.c: load PATH; entries outside ONLY are left out. */
int compdb_load(const char *path, const char *tree, char *const *only, int n_only,
		struct job_list *jobs);
/* Is this compiler flag one libclang cannot take? (documented in docs/flags.md) */
bool compdb_drop_flag(const char *arg, bool *takes_value);

/*
 * kbuild.c: jobs for the .c files under ONLY in a configured TREE: those its
 * Makefiles build (kbuild_make.c), or every one with jobs->all_files.
 */
int kbuild_jobs(const char *tree, char *const *only, int n_only, struct job_list *jobs);
/* Check TREE is a kernel tree; sets the error when not. */
int kbuild_check_tree(const char *tree);
/*
 * resource.c: libclang's own include directory (stdarg.h and friends), as
 * kbuild's '-isystem $(CC) -print-file-name=include'; NULL when not found.
 */
char *compiler_include_dir(void);

#endif

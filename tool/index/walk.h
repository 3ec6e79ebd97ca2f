/* Parse one TU with libclang and walk its AST into tu_facts. */
#ifndef NDOSCOPE_WALK_H
#define NDOSCOPE_WALK_H

#include <stdbool.h>

#include <clang-c/Index.h>
#include "index/facts.h"

/* A file as stored: its path (tree-relative when inside), mtime and size. */
struct file_stamp {
	const char *path;
	int64_t mtime, size;
};

struct realpath_cache;
/*
 * Resolve NAME (as libclang names it) and stat it. PATH is malloc'd. DIRS,
 * when not NULL, keeps the directories resolved (index/realpath_cache.h).
 */
void file_stamp_make(const char *tree, const char *name, struct realpath_cache *dirs,
		     struct file_stamp *out);

/* The key of the unit of the header PATH at a version: hdr:PATH#MTIME.SIZE. */
void header_unit_key(const char *path, int64_t mtime, int64_t size, char *key, size_t len);

enum {
	CLAIM_UNIT = 1,		/* a unit of its own: a header's scope, or one function */
	CLAIM_IN_UNIT,		/* a function walked inside its header's unit */
};

struct walk_opts {
	const char *tree;	/* real path of the tree root, no trailing slash */
	/*
	 * Shared units (header functions, header file scopes) are walked by
	 * the first TU that claims them. claim() records KEY as a CLAIM_* kind
	 * and returns 0 when this TU may walk it, else the kind it was first
	 * claimed as: a TU that sees a function some other TU walked into a
	 * unit of its own links that unit, so that it outlives its walker.
	 * KIND 0 only looks: it returns what KEY is claimed as, and claims
	 * nothing.
	 */
	int (*claim)(void *arg, const char *key, int kind);
	/*
	 * Optional: claim the header unit HDR (CLAIM_UNIT) and, in the same
	 * step, the functions KEYS[0..N) this TU sees defined in it
	 * (CLAIM_IN_UNIT). Returns 0 when HDR was free, with GRANTED[i] set
	 * for the keys that were too; else what HDR was claimed as, and
	 * nothing is claimed. Without it, another TU that only claims could
	 * overtake the header's owner inside the header while the owner walks
	 * its bodies, and take the functions the owner has not reached yet.
	 */
	int (*claim_header)(void *arg, const char *hdr, char *const *keys, int n, bool *granted);
	void *claim_arg;
	/*
	 * Optional: a run-wide cache of file_stamp_make(), so that a header
	 * read by every TU is resolved and stat'ed once. The stamp it fills
	 * stays valid for the run.
	 */
	void (*stamp)(void *arg, const char *name, struct file_stamp *out);
	void *stamp_arg;
	/* headers to read from memory instead: bodies blanked (index/bodies.c) */
	struct CXUnsavedFile *unsaved;
	unsigned n_unsaved;
	/*
	 * Optional: is OFFSET of the header PATH inside a #define whose
	 * function body the unsaved files blank? (bodies_macro_blanked)
	 */
	bool (*macro_blanked)(void *arg, const char *path, unsigned offset);
	void *macro_blanked_arg;
};

/*
 * Parse FILE (an absolute path) with ARGV and fill OUT; relative paths in
 * ARGV are relative to WORKDIR (NULL: the current directory). Returns 0 when the
 * TU was parsed (possibly with errors, see out->status), -1 when libclang
 * could not parse it at all (out->status is "failed", out->failure why).
 */
int walk_tu(CXIndex index, const char *file, const char *workdir,
	    const char *const *argv, int argc, const struct walk_opts *opts, struct tu_facts *out);

/* libclang's CXErrorCode as a message. */
const char *cx_strerror(enum CXErrorCode code);

#endif

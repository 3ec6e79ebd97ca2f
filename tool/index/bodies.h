/*
 * Header function bodies already walked, blanked out of later parses.
 *
 * A static inline in a header is walked once per index, by the TU that owns
 * its header's unit; every other TU only links that unit. Yet each of them
 * parses the body again, and in the kernel's headers those bodies are about
 * half of a TU's parse. So once a header unit is stored, later TUs get the
 * header as an unsaved file in which the bodies its owner walked are blank:
 * the same lines and columns, each definition read as a declaration, the
 * preprocessor lines inside kept. What they walk is unchanged: the main
 * file, the header units they own, and any definition their configuration
 * shows that the owner's did not (not blanked, since the owner never saw
 * it). A parse that would change anyway is done again in full (cmd_index.c).
 *
 * A body a macro's #define spells (each TRACE_EVENT's tracepoint functions,
 * from __DECLARE_TRACE in tracepoint.h) is blanked in the #define itself,
 * once the owner of a header expanding it has walked it. That changes every
 * expansion in a later TU: one that sees, in a unit it must walk, a
 * declaration coming from such a #define is parsed again with no #define
 * blanked
 * (bodies_macro_blanked, walk.c's blanked_decl).
 */
#ifndef NDOSCOPE_BODIES_H
#define NDOSCOPE_BODIES_H

#include <pthread.h>
#include <clang-c/Index.h>

#include "base/db.h"
#include "index/facts.h"

struct blank_file;

struct bodies {
	const char *tree;
	pthread_mutex_t lock;
	struct strmap idx;			/* path as in unit keys -> index in files */
	VEC(struct CXUnsavedFile) files;	/* absolute path, blanked text */
	VEC(int) n_bodies;			/* bodies blanked, by file */
	VEC(struct CXUnsavedFile) own;		/* the same, with no #define blanked */
	VEC(int) n_own;
	VEC(struct blank_file *) blank;		/* what each file has blanked, by file */
	VEC(char *) retired;			/* texts blanked again since: a snapshot may read them */
};

void bodies_init(struct bodies *b, const char *tree);
void bodies_free(struct bodies *b);

/* The bodies of the header units the index already holds whole. */
int bodies_load(struct bodies *b, struct db *db);

/* The bodies of the header units F walked, once F is stored. */
void bodies_add(struct bodies *b, const struct tu_facts *f);

/*
 * The headers a parse starting now gets blanked, as libclang's unsaved
 * files: *N of them in a malloc'd array, NULL when none (the texts stay b's).
 * With MACROS false, no #define is blanked: for a TU that needed one.
 */
struct CXUnsavedFile *bodies_snapshot(struct bodies *b, unsigned *n, bool macros);

/*
 * Did F own a header unit whose header its parse had blanked (one of the
 * first N files of the snapshot)? Its facts would then miss those bodies.
 */
bool bodies_owned_blanked(struct bodies *b, const struct tu_facts *f, unsigned n);

/* How many bodies F's parse read blanked, with the first N files blanked. */
int bodies_read(struct bodies *b, const struct tu_facts *f, unsigned n, bool macros);

/*
 * The macros whose #define spells the functions of the headers that use
 * them: a tracepoint's (tracepoint.h, trace_events.h) and a cleanup
 * class's (cleanup.h), in the kernels from 2.6.35 to 6.12; the directory
 * of the trace headers, whatever they use; and the #define that has
 * define_trace.h read each trace header again. NULL-terminated, for
 * include_scan_new().
 */
extern const char *const bodies_fn_macros[];
extern const char *const bodies_fn_dirs[];
extern const char *const bodies_fn_defines[];

/*
 * Will the TU whose main file is PATH walk a function that a blanked
 * #define spells? Guessed before the parse: its main file defines
 * CREATE_TRACE_POINTS (define_trace.h reads each trace header again), or
 * it reaches, through any #include (SCAN, with the TU's ARGV), a header
 * that uses one of bodies_fn_macros and that CLAIMED(ARG, tree-relative
 * path) says no TU has taken yet: this TU would own it, and walk the
 * functions those #defines spell, which the owners of earlier headers
 * blanked. Such a TU is otherwise parsed twice (cmd_index.c, walk_job).
 * A guess only: a wrong one costs the #define bodies parsed, and the checks
 * after the parse still decide.
 */
struct include_scan;
bool bodies_guess_defines(const char *path, struct include_scan *scan, const char *workdir,
			  const char *const *argv, int argc,
			  bool (*claimed)(void *arg, const char *hdr), void *arg);

/*
 * The #define T[POS] is in (T has SIZE bytes): the offsets of its '#' and of
 * the newline that ends it, else false (POS is not in a #define).
 */
bool bodies_define_around(const char *t, size_t size, size_t pos, int *start, int *end);

/*
 * Is OFFSET of the header PATH (as in unit keys) inside a #define whose
 * body blanking removed a function body from, in the first N files, and
 * does the declaration there run into that body? With OFFSET UINT_MAX:
 * has PATH any #define blanked?
 */
bool bodies_macro_blanked(struct bodies *b, const char *path, unsigned offset, unsigned n);

#endif

/*
 * The #include lines of the tree's files as written, each file read once a
 * run, for a guess made before a TU is parsed (bodies_guess_defines). Not
 * for facts: every #include is followed, those in #if regions the
 * configuration compiles out too, so what a TU is found to reach is a
 * superset of what it includes.
 */
#ifndef NDOSCOPE_INCLUDE_SCAN_H
#define NDOSCOPE_INCLUDE_SCAN_H

#include <stdbool.h>

struct include_scan;

/*
 * A scan of the files under TREE. A file is marked when it lies in one of
 * the tree's directories DIRS ("include/trace/events/"), or when a line of
 * it opens (after blanks) with one of MARKERS followed by '(':
 * 'TRACE_EVENT(', a use of the macro, not its #define. A main file that
 * #defines one of DEFINES ("CREATE_TRACE_POINTS") answers at once. The
 * lists are NULL-terminated and kept by the caller.
 */
struct include_scan *include_scan_new(const char *tree, const char *const *dirs,
				      const char *const *markers, const char *const *defines);
void include_scan_free(struct include_scan *s);

/*
 * Does MAIN (absolute) #define one of DEFINES? Else, the marked files of
 * the tree that its TU reaches, with ARGV's -include, -I, -iquote and
 * -isystem (relative ones from WORKDIR): VISIT(ARG, tree-relative path)
 * for each, until it returns true. Returns whether MAIN did or one did. A
 * MAIN outside the tree is read for its #defines alone. Safe from several
 * threads.
 */
bool include_scan_marked(struct include_scan *s, const char *main, const char *workdir,
			 const char *const *argv, int argc,
			 bool (*visit)(void *arg, const char *rel), void *arg);

#endif

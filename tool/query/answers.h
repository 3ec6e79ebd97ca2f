/*
 * The answers of callers, callees, path, impl, ops and refs as JSON
 * documents: one builder per question, read by the CLI (its --json output
 * and its text lines) and by the MCP server alike. Each returns a new
 * reference, or NULL with the error set (the CLI's one-line message).
 */
#ifndef NDOSCOPE_ANSWERS_H
#define NDOSCOPE_ANSWERS_H

#include <stdint.h>
#include <jansson.h>

#include "base/db.h"

/*
 * Callers (REVERSE) or callees of FUNCTION down to DEPTH levels, each
 * function expanded once: {function, file, line, edges: [edge + depth]}
 * with the edges in depth-first order. TYPES adds type-only matches.
 */
json_t *answer_calls(struct db *db, const char *function, bool reverse, int depth, bool types);
/* The same; SYNC_ONLY leaves out the asynchronous hops (queue, softirq, ...). */
json_t *answer_calls_sync(struct db *db, const char *function, bool reverse, int depth, bool types,
			  bool sync_only);

struct path_query {
	const char *const *via;		/* functions to pass through, in order */
	int n_via;
	int max_depth, k;
	int64_t time_limit_ms;
	bool types;
	bool sync_only;			/* calls only: no queue, softirq, ... hop */
};

/*
 * The k shortest paths FROM -> TO: {from, to, paths: [{length, hops}],
 * max_depth, functions_searched, timed_out}; no path is an empty list.
 */
json_t *answer_path(struct db *db, const char *from, const char *to, const struct path_query *q);

/* Functions bound to STRUCT.FIELD (or FIELD when one struct has it). */
json_t *answer_impl(struct db *db, const char *field);

/*
 * Ops tables, all or those named WHAT or of struct WHAT: [{table, struct,
 * is_array, file, line, members, functions}], functions counting every
 * binding of the table (not only its initializer).
 */
json_t *answer_ops(struct db *db, const char *what);

/* Every read, write, call and address-of of NAME or STRUCT.FIELD. */
json_t *answer_refs(struct db *db, const char *name);

#endif

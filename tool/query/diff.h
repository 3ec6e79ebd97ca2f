/*
 * ndoscope diff: the same question asked of two indexes (an old and a new
 * kernel, or two configurations), and what was added, removed or changed.
 * Each builder returns one JSON document that the md, html and json
 * renderers (render/diff_render.c) read:
 *
 *   { "what": "...", "old": PATH, "new": PATH, "sections": [
 *       { "title": "...", "rows": [ { "change": "same|changed|added|removed",
 *                                     "key": "...", "old": "...", "new": "..." } ],
 *         "aligned": true when the rows are two paths hop by hop,
 *         "guesses": [ "..." ] } ] }
 */
#ifndef NDOSCOPE_DIFF_H
#define NDOSCOPE_DIFF_H

#include <jansson.h>

#include "base/db.h"

struct diff_sides {
	struct db *old, *new;
	const char *old_path, *new_path;
};

/* report DEVICE on both sides: settings, flags, features, ops, path, drops. */
json_t *diff_report(const struct diff_sides *d, const char *device);
/* impl STRUCT.FIELD: implementers gained and lost. */
json_t *diff_impl(const struct diff_sides *d, const char *field);
/* ops TABLE: members gained, lost and changed. */
json_t *diff_ops(const struct diff_sides *d, const char *table);
/* path FROM TO: the shortest path on each side, aligned hop by hop. */
json_t *diff_path(const struct diff_sides *d, const char *from, const char *to);
/* Everything: functions, ops tables, bindings and devices by subsystem. */
json_t *diff_summary(const struct diff_sides *d);

int diff_md(FILE *out, json_t *doc);
int diff_html(FILE *out, json_t *doc);

#endif

/* Edges as compiler-style lines ("file:line: text") and as JSON objects. */
#ifndef NDOSCOPE_EDGE_FORMAT_H
#define NDOSCOPE_EDGE_FORMAT_H

#include <stdio.h>
#include <jansson.h>

#include "query/graph.h"

/* "bound at", "passed at", "taken off at", "registered at", ...: the other side of an edge of KIND. */
const char *edge_bound_what(const char *kind);

/*
 * FILE:LINE: CALLER -> CALLEE [kind via, bound at FILE:LINE], indented by
 * DEPTH, from an edge_json() object.
 */
void edge_print(FILE *out, const json_t *e, int depth);

/* {caller, callee, kind, via, file, line, bound_file, bound_line} */
json_t *edge_json(const struct edge *e);

#endif

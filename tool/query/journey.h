/*
 * Journeys: a packet's whole trip between waypoints (journeys/NAME.journey or
 * a user's file), gathered as one JSON document for the renderers.
 */
#ifndef NDOSCOPE_JOURNEY_H
#define NDOSCOPE_JOURNEY_H

#include <jansson.h>

#include "base/db.h"

/*
 * Journey NAME (shipped) or the journey file at path NAME: {name, title,
 * waypoints, segments: [{from, to, reader, layers, hops, missing?}], layers,
 * waits (the hand-off hops), drops (as report_drops), locks, copies,
 * summary: {calls, indirect, handoffs, drops, locks, copies}}. NULL with the
 * error set: "tcp4-lo needs net/ipv4/tcp_input.c in the index".
 */
json_t *journey_build(struct db *db, const char *name);

/* The names of the journeys shipped in journeys/: "tcp4-lo, unix-stream, ...". */
char *journey_names(void);

#endif

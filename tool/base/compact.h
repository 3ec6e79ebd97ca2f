/* Packing an index after a run that rewrote much of it (compact.c). */
#ifndef NDOSCOPE_COMPACT_H
#define NDOSCOPE_COMPACT_H

#include "base/db.h"

/*
 * VACUUM the index when a run wrote a quarter or more of its TUs (TUS, by
 * 'index') or of its shards (SHARDS, by 'merge'), when an eighth of its
 * pages are free, or when this open migrated its schema; 0 or -1.
 */
int compact_index(struct db *db, int tus, int shards);
/* Derive the units' spans again if a process died after a VACUUM; 0 or -1. */
int compact_spans_check(struct db *db);

#endif

/* Combining shard indexes ('index --shard K/N') into one index. */
#ifndef NDOSCOPE_MERGE_H
#define NDOSCOPE_MERGE_H

#include "base/db.h"

/*
 * Merge the shard index at PATH into OUT (open for writing), in one
 * transaction. A shard merged before with the same content stamp is left
 * alone (*changed false); otherwise what it brought last time is replaced.
 */
int merge_shard(struct db *out, const char *path, bool *changed);

#endif

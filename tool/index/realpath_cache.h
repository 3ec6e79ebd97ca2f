/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NDOSCOPE_REALPATH_CACHE_H
#define NDOSCOPE_REALPATH_CACHE_H

#include <limits.h>
#include <stdbool.h>

#include "base/util.h"

/*
 * realpath() for the many files of a few directories: each directory is
 * resolved once and kept. Not locked: its owner serialises the calls.
 */
struct realpath_cache {
	struct strmap idx;	/* a directory as spelled -> index in real + 1, 0: none */
	struct strvec real;	/* those directories, resolved */
};

/* PATH resolved into REAL, as realpath() would; false where realpath() fails. */
bool realpath_cached(struct realpath_cache *c, const char *path, char real[PATH_MAX]);
void realpath_cache_free(struct realpath_cache *c);

#endif

// SPDX-License-Identifier: GPL-2.0
/*
 * realpath() reads the link of every component of its path: six readlink()
 * calls for a kernel header, about 6000 for a TU's first headers, 1.5% of
 * an index run. The headers of a run sit in a few hundred directories, so
 * the directory's resolution is kept and the file itself is looked at
 * alone: one lstat(), and realpath() of the whole when the file is a link.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "index/realpath_cache.h"

bool realpath_cached(struct realpath_cache *c, const char *path, char real[PATH_MAX])
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX], buf[PATH_MAX];
	const char *dir_real;
	struct stat st;
	int *slot;

	/* no directory to keep, or a last component that is not a name */
	if (!slash || slash == path || !slash[1] || (size_t)(slash - path) >= sizeof(dir) ||
	    !strcmp(slash + 1, ".") || !strcmp(slash + 1, ".."))
		return realpath(path, real) != NULL;
	memcpy(dir, path, slash - path);
	dir[slash - path] = '\0';
	if (!(slot = strmap_get(&c->idx, dir))) {
		int v = 0;

		if (realpath(dir, buf)) {
			strvec_push(&c->real, buf);
			v = (int)c->real.n;
		}
		slot = strmap_put(&c->idx, dir, v, NULL);
	}
	if (!*slot)
		return false;
	dir_real = c->real.v[*slot - 1];
	if ((size_t)snprintf(real, PATH_MAX, "%s/%s", strcmp(dir_real, "/") ? dir_real : "",
			     slash + 1) >= PATH_MAX ||
	    lstat(real, &st) < 0)
		return false;
	return !S_ISLNK(st.st_mode) || realpath(path, real) != NULL;
}

void realpath_cache_free(struct realpath_cache *c)
{
	strmap_free(&c->idx);
	strvec_clear(&c->real);
}

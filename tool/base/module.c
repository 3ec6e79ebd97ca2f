// SPDX-License-Identifier: GPL-2.0
/*
 * Loading ndoscope-index.so. It is looked for in this order:
 * $NDOSCOPE_INDEX_MODULE, next to the running binary (the build directory),
 * BINDIR/../LIBDIR/ndoscope (a relocated install), then the install
 * directory compiled in. The first file that exists is the one loaded; a
 * load failure (libclang missing, a module from another build) is one line.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/module.h"
#include "base/util.h"

#ifndef NDOSCOPE_MODULE_DIR
#define NDOSCOPE_MODULE_DIR "/usr/local/lib/ndoscope"
#endif
#ifndef NDOSCOPE_MODULE_RELDIR
#define NDOSCOPE_MODULE_RELDIR "../lib/ndoscope"
#endif

static const struct index_module *loaded;

/* The directory of the running binary, or "" when /proc cannot say. */
static void exe_dir(char *out, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", out, size - 1);
	char *slash;

	if (n <= 0) {
		out[0] = '\0';
		return;
	}
	out[n] = '\0';
	slash = strrchr(out, '/');
	if (slash)
		*slash = '\0';
}

static int find_module(char *path, size_t size)
{
	const char *env = getenv("NDOSCOPE_INDEX_MODULE");
	char dir[PATH_MAX];

	if (env && *env) {
		snprintf(path, size, "%s", env);
		if (access(path, F_OK))
			return error_set("no index module at '%s' (from $NDOSCOPE_INDEX_MODULE)", path);
		return 0;
	}
	exe_dir(dir, sizeof(dir));
	if (*dir) {
		snprintf(path, size, "%s/%s", dir, NDOSCOPE_MODULE_FILE);
		if (!access(path, F_OK))
			return 0;
		snprintf(path, size, "%s/%s/%s", dir, NDOSCOPE_MODULE_RELDIR, NDOSCOPE_MODULE_FILE);
		if (!access(path, F_OK))
			return 0;
	}
	snprintf(path, size, "%s/%s", NDOSCOPE_MODULE_DIR, NDOSCOPE_MODULE_FILE);
	if (!access(path, F_OK))
		return 0;
	return error_set("cannot find the index module '%s' next to '%s' or in '%s' (set $NDOSCOPE_INDEX_MODULE)",
			 NDOSCOPE_MODULE_FILE, *dir ? dir : "?", NDOSCOPE_MODULE_DIR);
}

static int load(void)
{
	char path[2 * PATH_MAX];
	const struct index_module *m;
	void *h;

	if (loaded)
		return 0;
	if (find_module(path, sizeof(path)))
		return -1;
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return error_set("cannot load the index module '%s': %s", path, dlerror());
	m = dlsym(h, NDOSCOPE_MODULE_SYMBOL);
	if (!m || m->abi != NDOSCOPE_MODULE_ABI || strcmp(m->version, NDOSCOPE_VERSION)) {
		dlclose(h);
		return error_set("'%s' is not the index module of this ndoscope %s: rebuild or reinstall it",
				 path, NDOSCOPE_VERSION);
	}
	loaded = m;	/* never unloaded: libclang's threads may outlive a command */
	return 0;
}

int module_command(int argc, char **argv, const struct global *g)
{
	if (load())
		return -1;
	for (const struct command *c = loaded->commands; c->name; c++)
		if (!strcmp(c->name, argv[0]))
			return c->fn(argc, argv, g);
	return error_set("the index module has no command '%s': rebuild it", argv[0]);
}

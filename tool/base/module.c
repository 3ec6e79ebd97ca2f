// SPDX-License-Identifier: GPL-2.0
/*
 * Loading the modules (module.h). Each is looked for in this order: its
 * environment variable ($NDOSCOPE_INDEX_MODULE, $NDOSCOPE_SERVE_MODULE,
 * $NDOSCOPE_RENDER_MODULE),
 * next to the running binary (the build directory), BINDIR/../LIBDIR/ndoscope
 * (a relocated install), then the install directory compiled in. The first
 * file that exists is the one loaded; a load failure (libclang missing, a
 * module from another build) is one line.
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

struct module {
	const char *what;		/* "index": for messages */
	const char *file;		/* ndoscope-index.so */
	const char *env;		/* the variable that names another file */
	const char *const *commands;	/* the commands it holds */
	const struct ndoscope_module *loaded;
};

static const char *const index_commands[] = { "index", "flags", NULL };
static const char *const serve_commands[] = { "serve", NULL };
static const char *const no_commands[] = { NULL };

static struct module modules[] = {
	{ "index", "ndoscope-index.so", "NDOSCOPE_INDEX_MODULE", index_commands, NULL },
	{ "serve", "ndoscope-serve.so", "NDOSCOPE_SERVE_MODULE", serve_commands, NULL },
	{ "render", "ndoscope-render.so", "NDOSCOPE_RENDER_MODULE", no_commands, NULL },
};
#define RENDER_MODULE (&modules[2])

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

static int find_module(const struct module *m, char *path, size_t size)
{
	const char *env = getenv(m->env);
	char dir[PATH_MAX];

	if (env && *env) {
		snprintf(path, size, "%s", env);
		if (access(path, F_OK))
			return error_set("no %s module at '%s' (from $%s)", m->what, path, m->env);
		return 0;
	}
	exe_dir(dir, sizeof(dir));
	if (*dir) {
		snprintf(path, size, "%s/%s", dir, m->file);
		if (!access(path, F_OK))
			return 0;
		snprintf(path, size, "%s/%s/%s", dir, NDOSCOPE_MODULE_RELDIR, m->file);
		if (!access(path, F_OK))
			return 0;
	}
	snprintf(path, size, "%s/%s", NDOSCOPE_MODULE_DIR, m->file);
	if (!access(path, F_OK))
		return 0;
	return error_set("cannot find the %s module '%s' next to '%s' or in '%s' (set $%s)",
			 m->what, m->file, *dir ? dir : "?", NDOSCOPE_MODULE_DIR, m->env);
}

static int load(struct module *m)
{
	char path[2 * PATH_MAX];
	const struct ndoscope_module *nm;
	void *h;

	if (m->loaded)
		return 0;
	if (find_module(m, path, sizeof(path)))
		return -1;
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return error_set("cannot load the %s module '%s': %s", m->what, path, dlerror());
	nm = dlsym(h, NDOSCOPE_MODULE_SYMBOL);
	if (!nm || nm->abi != NDOSCOPE_MODULE_ABI || strcmp(nm->version, NDOSCOPE_VERSION)) {
		dlclose(h);
		return error_set("'%s' is not the %s module of this ndoscope %s: rebuild or reinstall it",
				 path, m->what, NDOSCOPE_VERSION);
	}
	m->loaded = nm;	/* never unloaded: libclang's threads may outlive a command */
	return 0;
}

int module_command(int argc, char **argv, const struct global *g)
{
	for (size_t i = 0; i < sizeof(modules) / sizeof(modules[0]); i++) {
		struct module *m = &modules[i];

		for (const char *const *name = m->commands; *name; name++) {
			if (strcmp(*name, argv[0]))
				continue;
			if (load(m))
				return -1;
			for (const struct command *c = m->loaded->commands; c && c->name; c++)
				if (!strcmp(c->name, argv[0]))
					return c->fn(argc, argv, g);
			return error_set("the %s module has no command '%s': rebuild it", m->what, argv[0]);
		}
	}
	return error_set("no module holds the command '%s'", argv[0]);
}

int module_render(const char *dot, size_t len, const char *format, FILE *out)
{
	struct module *m = RENDER_MODULE;

	if (load(m))
		return -1;
	if (!m->loaded->render)
		return error_set("the %s module cannot render: rebuild it", m->what);
	return m->loaded->render(dot, len, format, out);
}

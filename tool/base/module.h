/*
 * The modules: commands whose libraries a query should never pay for are
 * built as shared objects that the ndoscope binary dlopen()s only when one
 * of them runs. ndoscope-index.so holds everything that needs libclang
 * (tool/index/, with the index and flags commands); ndoscope-serve.so holds
 * the HTTP server (libmicrohttpd, and gnutls under it) for 'serve';
 * ndoscope-render.so holds Graphviz's libgvc, for the commands that draw.
 */
#ifndef NDOSCOPE_MODULE_H
#define NDOSCOPE_MODULE_H

#include <stdio.h>

#include "ndoscope.h"

/* Bumped when a module's view of the binary (base/, struct command) changes. */
#define NDOSCOPE_MODULE_ABI 2
#define NDOSCOPE_MODULE_SYMBOL "ndoscope_module"

struct ndoscope_module {
	int abi;
	const char *version;		/* NDOSCOPE_VERSION it was built as */
	const struct command *commands;	/* NULL-terminated, or NULL */
	/* ndoscope-render.so: DOT text to FORMAT (svg, png) on OUT */
	int (*render)(const char *dot, size_t len, const char *format, FILE *out);
};

/*
 * A module's entry point, the one symbol it exports: its commands (or
 * NULL) and its renderer (or NULL).
 */
#define NDOSCOPE_MODULE(cmds, render_fn)					\
	__attribute__((visibility("default")))				\
	const struct ndoscope_module ndoscope_module = {		\
		.abi = NDOSCOPE_MODULE_ABI, .version = NDOSCOPE_VERSION,	\
		.commands = (cmds), .render = (render_fn),		\
	}

/*
 * A command implemented by a module: load the module that holds argv[0]
 * (once), then run its command. -1 with one message when it cannot be
 * found or loaded.
 */
int module_command(int argc, char **argv, const struct global *g);

/* Render DOT text with ndoscope-render.so, loaded on the first call. */
int module_render(const char *dot, size_t len, const char *format, FILE *out);

#endif

/*
 * The index module: everything that needs libclang (tool/index/, with the
 * index and flags commands) is built as ndoscope-index.so and loaded only
 * by the commands that parse, so that a query never pays for LLVM.
 */
#ifndef NDOSCOPE_MODULE_H
#define NDOSCOPE_MODULE_H

#include "ndoscope.h"

/* Bumped when the module's view of the binary (base/, struct command) changes. */
#define NDOSCOPE_MODULE_ABI 1
#define NDOSCOPE_MODULE_FILE "ndoscope-index.so"
#define NDOSCOPE_MODULE_SYMBOL "ndoscope_index_module"

struct index_module {
	int abi;
	const char *version;		/* NDOSCOPE_VERSION it was built as */
	const struct command *commands;	/* NULL-terminated */
};

/*
 * A command implemented by the module: load it (once), then run the
 * module's command named argv[0]. -1 with one message when it cannot be
 * found or loaded.
 */
int module_command(int argc, char **argv, const struct global *g);

#endif

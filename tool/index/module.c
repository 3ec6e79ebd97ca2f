// SPDX-License-Identifier: GPL-2.0
/*
 * The entry point of ndoscope-index.so: the commands that need libclang.
 * The binary finds this table by name (tool/base/module.c); everything else
 * in the module has hidden visibility.
 */
#include <stddef.h>

#include "base/module.h"

static const struct command commands[] = {
	{ "index", cmd_index, NULL, NULL },
	{ "flags", cmd_flags, NULL, NULL },
	{ NULL, NULL, NULL, NULL },
};

NDOSCOPE_MODULE(commands, NULL);

// SPDX-License-Identifier: GPL-2.0
/*
 * The entry point of ndoscope-serve.so: 'serve', whose HTTP server
 * (libmicrohttpd, with gnutls under it) no other command loads. The binary
 * finds this table by name (tool/base/module.c); everything else in the
 * module has hidden visibility.
 */
#include <stddef.h>

#include "base/module.h"

static const struct command commands[] = {
	{ "serve", cmd_serve, NULL, NULL },
	{ NULL, NULL, NULL, NULL },
};

NDOSCOPE_MODULE(commands, NULL);

/* The source browser over HTTP (libmicrohttpd): pages from render/html_site.c. */
#ifndef NDOSCOPE_HTTP_SERVER_H
#define NDOSCOPE_HTTP_SERVER_H

#include "render/html_site.h"

/*
 * Serve SITE on BIND:PORT (PORT 0: any free port) until SIGINT or SIGTERM.
 * Prints "serving http://ADDR:PORT/" on stdout once listening.
 */
int http_serve(struct html_site *site, const char *bind, int port);

#endif

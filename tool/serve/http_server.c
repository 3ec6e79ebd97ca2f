// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope serve's HTTP side: libmicrohttpd with its own polling thread,
 * one request at a time (the DB handle and its statement cache are not
 * shared between threads). GET and HEAD only; every response carries a
 * Content-Security-Policy that allows script and style from this server
 * alone and nothing inline.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "base/error.h"
#include "serve/http_server.h"

static const char csp[] =
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

#if MHD_VERSION < 0x00097002
typedef int mhd_result;
#else
typedef enum MHD_Result mhd_result;
#endif

static mhd_result reply(struct MHD_Connection *conn, int status, const char *type,
			char *body, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	mhd_result ret;

	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

static mhd_result handle(void *cls, struct MHD_Connection *conn, const char *url,
			 const char *method, const char *version, const char *upload,
			 size_t *upload_size, void **state)
{
	struct html_site *site = cls;
	struct strbuf out = STRBUF_INIT;
	const char *type = "text/plain; charset=utf-8", *q;
	static int first;
	int status;

	if (!*state) {
		/* called once for the headers, again for the (empty) body */
		*state = &first;
		return MHD_YES;
	}
	if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		sb_adds(&out, "method not allowed\n");
		return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED, type, sb_detach(&out), strlen("method not allowed\n"));
	}
	q = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "q");
	status = html_route(site, url, q, &out, &type);
	if (!out.buf)
		sb_adds(&out, "");
	{
		size_t len = out.len;

		return reply(conn, status, type, sb_detach(&out), len);
	}
}

int http_serve(struct html_site *site, const char *bind, int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	int sig;

	if (inet_pton(AF_INET, bind, &sa.sin_addr) != 1)
		return error_set("'%s' is not an IPv4 address to bind", bind);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, (uint16_t)port, NULL, NULL,
			     handle, site, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_END);
	if (!d)
		return error_set("cannot listen on %s:%d: %m", bind, port);
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("serving http://%s:%u/\n", bind, info ? info->port : (unsigned)port);
	fflush(stdout);
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	return 0;
}

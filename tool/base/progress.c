// SPDX-License-Identifier: GPL-2.0
/* Progress on stderr, only when it is a terminal; one line redrawn in place. */
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/progress.h"
#include "base/util.h"

void progress_start(struct progress *p, int total)
{
	struct winsize ws;

	memset(p, 0, sizeof(*p));
	p->total = total;
	p->start_ms = now_ms();
	p->width = 80;
	if (!isatty(STDERR_FILENO) || total <= 0)
		return;
	p->out = stderr;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		p->width = ws.ws_col;
}

static void fmt_secs(char *buf, size_t n, int64_t s)
{
	if (s >= 3600)
		snprintf(buf, n, "%lldh%02lldm", (long long)s / 3600, (long long)(s % 3600) / 60);
	else if (s >= 60)
		snprintf(buf, n, "%lldm%02llds", (long long)s / 60, (long long)s % 60);
	else
		snprintf(buf, n, "%llds", (long long)s);
}

void progress_update(struct progress *p, int done, const char *current)
{
	char eta[32] = "--", head[96];
	int64_t el = now_ms() - p->start_ms;
	int bar = 20, fill, room;
	size_t clen;

	p->done = done;
	if (!p->out)
		return;
	if (done > 0) {
		int64_t left = el * (p->total - done) / done / 1000;

		fmt_secs(eta, sizeof(eta), left);
	}
	fill = p->total ? done * bar / p->total : 0;
	snprintf(head, sizeof(head), "\r[%.*s%*s] %d/%d ETA %s ",
		 fill, "####################", bar - fill, "", done, p->total, eta);
	room = p->width - (int)strlen(head) - 1;
	clen = current ? strlen(current) : 0;
	if (room < 4)
		clen = 0;
	else if ((int)clen > room)
		current += clen - room, clen = room;
	fprintf(p->out, "%s%.*s\033[K", head, (int)clen, current ? current : "");
	fflush(p->out);
}

void progress_clear(struct progress *p)
{
	if (!p->out)
		return;
	fputs("\r\033[K", p->out);
	fflush(p->out);
}

void progress_end(struct progress *p)
{
	progress_clear(p);
}

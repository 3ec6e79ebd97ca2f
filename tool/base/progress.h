/* A one-line progress bar on a terminal: done/total, current file, ETA. */
#ifndef NDOSCOPE_PROGRESS_H
#define NDOSCOPE_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

struct progress {
	FILE *out;		/* NULL when not a terminal */
	int total, done;
	int64_t start_ms;
	int width;
};

void progress_start(struct progress *p, int total);
void progress_update(struct progress *p, int done, const char *current);
/* Erase the bar so that a message can be printed. */
void progress_clear(struct progress *p);
void progress_end(struct progress *p);

#endif

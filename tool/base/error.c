// SPDX-License-Identifier: GPL-2.0
/* One pending error message per thread, set once and printed once. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/error.h"

static __thread char last[1024];
static __thread int have_last;

int error_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last, sizeof(last), fmt, ap);
	va_end(ap);
	have_last = 1;
	return -1;
}

const char *error_last(void)
{
	return have_last ? last : NULL;
}

void error_clear(void)
{
	have_last = 0;
	last[0] = '\0';
}

static void report(const char *prefix, const char *fmt, va_list ap)
{
	char buf[2048];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	fprintf(stderr, "%s%s\n", prefix, buf);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("error: ", fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("warning: ", fmt, ap);
	va_end(ap);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("fatal: ", fmt, ap);
	va_end(ap);
	exit(128);
}

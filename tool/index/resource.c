// SPDX-License-Identifier: GPL-2.0
/*
 * The compiler's own include directory (stdarg.h, stddef.h, ...), which
 * kernels before 5.15 take with '-isystem $(CC) -print-file-name=include'.
 * For libclang that directory is in its resource directory, which libclang
 * itself finds next to the loaded library: DIR_OF(libclang.so)/clang/MAJOR
 * (clang's CIndexer::getClangResourcesPath). We find it the same way, with
 * dladdr() on a libclang symbol and the major version libclang reports, and
 * fall back on the directory cmake got from 'clang -print-resource-dir'.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <clang-c/Index.h>

#include "base/util.h"
#include "index/flags.h"

static bool has_stdarg(const char *dir)
{
	char p[PATH_MAX + 32];
	struct stat st;

	snprintf(p, sizeof(p), "%s/stdarg.h", dir);
	return stat(p, &st) == 0;
}

/* DIR/clang/MAJOR/include when it has stdarg.h, else NULL. */
static char *include_beside(const char *lib, int major)
{
	char *dir = xstrdup(lib), *slash = strrchr(dir, '/'), *inc;

	if (!slash) {
		free(dir);
		return NULL;
	}
	*slash = '\0';
	inc = xasprintf("%s/clang/%d/include", dir, major);
	free(dir);
	if (has_stdarg(inc))
		return inc;
	free(inc);
	return NULL;
}

char *compiler_include_dir(void)
{
	CXString v = clang_getClangVersion();
	const char *s = strstr(clang_getCString(v), "version ");
	int major = s ? atoi(s + 8) : 0;
	char *inc = NULL;
	Dl_info info;

	clang_disposeString(v);
	if (major && dladdr((void *)clang_getClangVersion, &info) && info.dli_fname) {
		char *real = realpath(info.dli_fname, NULL);

		/* as loaded (/usr/lib/llvm-19/lib/libclang-19.so.1), then resolved */
		inc = include_beside(info.dli_fname, major);
		if (!inc && real)
			inc = include_beside(real, major);
		free(real);
	}
#ifdef NDOSCOPE_CLANG_RESOURCE_DIR
	if (!inc) {
		inc = xasprintf("%s/include", NDOSCOPE_CLANG_RESOURCE_DIR);
		if (!has_stdarg(inc)) {
			free(inc);
			inc = NULL;
		}
	}
#endif
	return inc;
}

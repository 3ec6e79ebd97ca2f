// SPDX-License-Identifier: GPL-2.0
/*
 * Flags for a tree configured with 'make defconfig prepare' and never
 * built, synthesized the way kbuild's Makefile.lib passes them to the
 * compiler: the arch and generated include paths, -include of kconfig.h
 * and compiler_types.h, -D__KERNEL__ and the per-file KBUILD_* names.
 *
 * Old trees differ: before 3.1 there is no kconfig.h and the config is
 * -include'd directly, from include/generated/autoconf.h (2.6.33 on) or
 * include/linux/autoconf.h (before).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "index/flags.h"
#include "index/kbuild_make.h"

static bool exists(const char *tree, const char *rel)
{
	char p[PATH_MAX + 256];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", tree, rel);
	return stat(p, &st) == 0;
}

int kbuild_check_tree(const char *tree)
{
	struct stat st;

	if (stat(tree, &st) < 0)
		return error_set("cannot read tree '%s': %s", tree, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return error_set("'%s' is not a directory", tree);
	if (!exists(tree, "Makefile") || !exists(tree, "include/linux/kernel.h") ||
	    !exists(tree, "arch"))
		return error_set("'%s' is not a kernel tree: no Makefile, include/linux/kernel.h and arch/",
				 tree);
	return 0;
}

/* The configured ARCH: $ARCH, the one arch with generated headers, or .config's header. */
static char *detect_arch(const char *tree)
{
	char p[PATH_MAX], line[256], *found = NULL;
	const char *env = getenv("ARCH");
	struct dirent *de;
	DIR *d;
	FILE *f;

	if (env && *env)
		return xstrdup(env);
	snprintf(p, sizeof(p), "%s/arch", tree);
	d = opendir(p);
	while (d && (de = readdir(d))) {
		char rel[PATH_MAX];

		if (de->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "arch/%s/include/generated", de->d_name);
		if (exists(tree, rel)) {
			free(found);
			found = xstrdup(de->d_name);
		}
	}
	if (d)
		closedir(d);
	if (found)
		return found;
	/* "# Linux/x86 2.6.32 Kernel Configuration" */
	snprintf(p, sizeof(p), "%s/.config", tree);
	f = fopen(p, "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *s = strstr(line, "# Linux/");

		if (s) {
			s += 8;
			s[strcspn(s, " \n")] = '\0';
			found = xstrdup(strcmp(s, "x86_64") && strcmp(s, "i386") ? s : "x86");
			break;
		}
	}
	if (f)
		fclose(f);
	return found ? found : xstrdup("x86");
}

static bool config_set(const char *tree, const char *autoconf, const char *name)
{
	char p[PATH_MAX], line[512], want[128];
	bool on = false;
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", tree, autoconf);
	snprintf(want, sizeof(want), "#define %s 1", name);
	f = fopen(p, "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, want, strlen(want))) {
			on = true;
			break;
		}
	}
	if (f)
		fclose(f);
	return on;
}

static bool makefile_has(const char *tree, const char *what)
{
	char p[PATH_MAX], line[1024];
	bool has = false;
	FILE *f;

	snprintf(p, sizeof(p), "%s/Makefile", tree);
	f = fopen(p, "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (strstr(line, what)) {
			has = true;
			break;
		}
	}
	if (f)
		fclose(f);
	return has;
}

struct base_flags {
	struct strvec v;
};

static void add(struct base_flags *b, const char *s)
{
	VEC_PUSH(&b->v, xstrdup(s));
}

static void add_dir(struct base_flags *b, const char *tree, const char *rel)
{
	if (exists(tree, rel))
		VEC_PUSH(&b->v, xasprintf("-I%s/%s", tree, rel));
}

static void add_include(struct base_flags *b, const char *tree, const char *rel)
{
	add(b, "-include");
	VEC_PUSH(&b->v, xasprintf("%s/%s", tree, rel));
}

static const char *target_of(const char *arch, bool is64)
{
	if (!strcmp(arch, "x86"))
		return is64 ? "x86_64-linux-gnu" : "i386-linux-gnu";
	if (!strcmp(arch, "arm64"))
		return "aarch64-linux-gnu";
	if (!strcmp(arch, "arm"))
		return "arm-linux-gnueabi";
	if (!strcmp(arch, "riscv"))
		return is64 ? "riscv64-linux-gnu" : "riscv32-linux-gnu";
	if (!strcmp(arch, "powerpc"))
		return is64 ? "powerpc64le-linux-gnu" : "powerpc-linux-gnu";
	if (!strcmp(arch, "s390"))
		return "s390x-linux-gnu";
	if (!strcmp(arch, "loongarch"))
		return "loongarch64-linux-gnu";
	if (!strcmp(arch, "mips"))
		return is64 ? "mips64-linux-gnuabi64" : "mips-linux-gnu";
	return NULL;
}

static int base_flags(const char *tree, struct base_flags *b)
{
	char rel[PATH_MAX];
	const char *autoconf;
	char *arch;
	bool is64;

	if (exists(tree, "include/generated/autoconf.h"))
		autoconf = "include/generated/autoconf.h";
	else if (exists(tree, "include/linux/autoconf.h"))
		autoconf = "include/linux/autoconf.h";
	else
		return error_set("'%s' is not configured: run 'make defconfig prepare' in it", tree);

	arch = detect_arch(tree);
	is64 = config_set(tree, autoconf, "CONFIG_64BIT");
	if (target_of(arch, is64)) {
		VEC_PUSH(&b->v, xasprintf("--target=%s", target_of(arch, is64)));
	}
	add(b, "-nostdinc");
	/*
	 * Before 5.15 the tree has no include/linux/stdarg.h: kbuild passed
	 * '-isystem $(CC) -print-file-name=include' for it and stddef.h.
	 */
	if (!exists(tree, "include/linux/stdarg.h")) {
		char *inc = compiler_include_dir();

		if (!inc) {
			free(arch);
			return error_set("'%s' takes stdarg.h from the compiler, but libclang's include directory was not found",
					 tree);
		}
		add(b, "-isystem");
		VEC_PUSH(&b->v, inc);
	}
	snprintf(rel, sizeof(rel), "arch/%s/include", arch);
	add_dir(b, tree, rel);
	snprintf(rel, sizeof(rel), "arch/%s/include/generated", arch);
	add_dir(b, tree, rel);
	add_dir(b, tree, "include");
	snprintf(rel, sizeof(rel), "arch/%s/include/uapi", arch);
	add_dir(b, tree, rel);
	snprintf(rel, sizeof(rel), "arch/%s/include/generated/uapi", arch);
	add_dir(b, tree, rel);
	add_dir(b, tree, "include/uapi");
	add_dir(b, tree, "include/generated/uapi");
	if (exists(tree, "include/linux/compiler-version.h"))
		add_include(b, tree, "include/linux/compiler-version.h");
	if (exists(tree, "include/linux/kconfig.h"))
		add_include(b, tree, "include/linux/kconfig.h");
	else
		add_include(b, tree, autoconf);
	if (exists(tree, "include/linux/compiler_types.h"))
		add_include(b, tree, "include/linux/compiler_types.h");
	add(b, "-D__KERNEL__");
	add(b, makefile_has(tree, "-std=gnu11") ? "-std=gnu11" : "-std=gnu89");
	add(b, "-fshort-wchar");
	if (makefile_has(tree, "-funsigned-char"))	/* kbuild from 6.2 */
		add(b, "-funsigned-char");
	/*
	 * CC_FLAGS_USING: with the function tracer on, kbuild says the compiler
	 * emits __fentry__ calls, and <asm/ftrace.h> refuses to build without it.
	 */
	if (config_set(tree, autoconf, "CONFIG_FUNCTION_TRACER") &&
	    config_set(tree, autoconf, "CONFIG_HAVE_FENTRY") && makefile_has(tree, "-DCC_USING_FENTRY"))
		add(b, "-DCC_USING_FENTRY");
	add(b, "-fno-common");
	add(b, "-fno-PIE");
	add(b, "-fno-strict-aliasing");
	if (!strcmp(arch, "x86")) {
		add(b, is64 ? "-m64" : "-m32");
		add(b, "-mno-sse");
		add(b, "-mno-mmx");
		add(b, "-mno-sse2");
		add(b, "-mno-3dnow");
		add(b, "-mno-avx");
		if (is64) {
			add(b, "-mno-red-zone");
			add(b, "-mcmodel=kernel");
		}
	}
	free(arch);
	return 0;
}

/*
 * KBUILD_BASENAME and KBUILD_MODNAME, as kbuild passes them: the module is
 * MODNAME when the Makefile says which composite object the file is part of.
 */
static void add_names(struct strvec *argv, const char *rel, const char *modname)
{
	const char *base = strrchr(rel, '/');
	size_t n, dot;
	char *name;

	base = base ? base + 1 : rel;
	n = strlen(base);
	dot = n > 2 && !strcmp(base + n - 2, ".c") ? n - 2 : n;
	name = xstrndup(base, dot);
	for (char *p = name; *p; p++)
		if (*p == '-' || *p == ',')
			*p = '_';
	VEC_PUSH(argv, xasprintf("-DKBUILD_MODFILE=\"%.*s\"", (int)(strlen(rel) - (n - dot)), rel));
	VEC_PUSH(argv, xasprintf("-DKBUILD_BASENAME=\"%s\"", name));
	VEC_PUSH(argv, xasprintf("-DKBUILD_MODNAME=\"%s\"", modname ? modname : name));
	VEC_PUSH(argv, xasprintf("-D__KBUILD_MODNAME=kmod_%s", modname ? modname : name));
	free(name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .c under ABS (a file or a directory), sorted. */
static void collect_sources(const char *abs, struct strvec *out)
{
	struct stat st;
	struct dirent *de;
	DIR *d;

	if (stat(abs, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		size_t n = strlen(abs);

		if (n > 2 && !strcmp(abs + n - 2, ".c"))
			VEC_PUSH(out, xstrdup(abs));
		return;
	}
	d = opendir(abs);
	if (!d)
		return;
	while ((de = readdir(d))) {
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", abs, de->d_name);
		collect_sources(p, out);
		free(p);
	}
	closedir(d);
}

static int cmp_kb_file(const void *a, const void *b)
{
	return strcmp(((const struct kb_file *)a)->rel, ((const struct kb_file *)b)->rel);
}

int kbuild_jobs(const char *tree, char *const *only, int n_only, struct job_list *jobs)
{
	struct base_flags b = { 0 };
	struct strvec files = { 0 };
	struct kb_plan plan = { 0 };
	struct strmap planned = { 0 };
	int rc = 0;

	if (!n_only) {
		rc = error_set("no compile_commands.json in '%s': name the files or directories to index (e.g. net/core drivers/net/loopback.c)",
			       tree);
		goto out;
	}
	if (base_flags(tree, &b)) {
		rc = -1;
		goto out;
	}
	for (int i = 0; i < n_only; i++) {
		char *abs = only[i][0] == '/' ? xstrdup(only[i]) : xasprintf("%s/%s", tree, only[i]);
		char *real;
		struct stat st;

		if (stat(abs, &st) < 0) {
			rc = error_set("'%s' does not exist in '%s'", only[i], tree);
			free(abs);
			goto out;
		}
		collect_sources(abs, &files);
		real = realpath(abs, NULL);
		if (real) {
			char *rel = tree_relative(tree, real);

			/* a file named explicitly is indexed, built or not */
			if (S_ISDIR(st.st_mode) && !jobs->all_files && (rel[0] != '/' || !strcmp(real, tree)))
				kbuild_plan_dir(tree, rel[0] != '/' ? rel : "", &plan);
			else if (!S_ISDIR(st.st_mode) && rel[0] != '/')
				kbuild_plan_file(tree, rel, &plan);
			free(rel);
			free(real);
		}
		free(abs);
	}
	/* a file is indexed under its real path, as the walk below names it: a symlink is its target */
	for (size_t i = 0; i < plan.files.n; i++) {
		struct kb_file *kf = &plan.files.v[i];
		char *abs = kf->rel[0] == '/' ? xstrdup(kf->rel) : xasprintf("%s/%s", tree, kf->rel);
		char *real = realpath(abs, NULL);

		if (real) {
			free(kf->rel);
			kf->rel = tree_relative(tree, real);
			free(real);
		}
		free(abs);
		strmap_put(&planned, kf->rel, (int)i, NULL);
	}
	/* every .c under the named directories: planned, or counted as not built */
	qsort(files.v, files.n, sizeof(*files.v), cmp_str);
	for (size_t i = 0; i < files.n; i++) {
		char *real, *rel;

		if (i && !strcmp(files.v[i], files.v[i - 1]))
			continue;
		real = realpath(files.v[i], NULL);
		if (!real)
			continue;
		rel = tree_relative(tree, real);
		if (!strmap_get(&planned, rel)) {
			if (jobs->all_files || rel[0] == '/') {
				struct kb_file kf = { .rel = xstrdup(rel) };

				strmap_put(&planned, rel, (int)plan.files.n, NULL);
				VEC_PUSH(&plan.files, kf);
			} else {
				jobs->not_built++;
			}
		}
		free(rel);
		free(real);
	}
	qsort(plan.files.v, plan.files.n, sizeof(*plan.files.v), cmp_kb_file);
	for (size_t i = 0; i < plan.files.n; i++) {
		struct kb_file *kf = &plan.files.v[i];
		struct strvec argv = { 0 };
		char *abs;

		if (i && !strcmp(kf->rel, plan.files.v[i - 1].rel))
			continue;
		abs = kf->rel[0] == '/' ? xstrdup(kf->rel) : xasprintf("%s/%s", tree, kf->rel);
		for (size_t k = 0; k < b.v.n; k++)
			VEC_PUSH(&argv, xstrdup(b.v.v[k]));
		for (size_t k = 0; k < kf->flags.n; k++)
			VEC_PUSH(&argv, xstrdup(kf->flags.v[k]));
		add_names(&argv, kf->rel, kf->modname);
		if (kf->module)
			VEC_PUSH(&argv, xstrdup("-DMODULE"));
		job_add(jobs, tree, abs, NULL, argv.v, (int)argv.n);
		free(abs);
	}
out:
	kb_plan_free(&plan);
	strmap_free(&planned);
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	VEC_FREE(&files);
	for (size_t i = 0; i < b.v.n; i++)
		free(b.v.v[i]);
	VEC_FREE(&b.v);
	return rc;
}

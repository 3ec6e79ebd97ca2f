// SPDX-License-Identifier: GPL-2.0
/*
 * Which .c files a configured tree builds, and with which extra flags: a
 * reader of the subset of make that kbuild Makefiles use to list objects.
 *
 * Scope, on purpose small:
 *   - the directory's Kbuild file, else its Makefile; lines joined at '\',
 *     '#' comments dropped; 'include' lines are ignored;
 *   - assignments NAME = := ::= ?= += VALUE, NAME itself expanded, so that
 *     obj-$(CONFIG_FOO) becomes obj-y, obj-m or obj- ;
 *   - $(VAR) and ${VAR}: CONFIG_* from include/config/auto.conf, variables
 *     of this Makefile (and subdir-ccflags-y of the parents), $(src) and
 *     $(obj) (the directory, relative to the tree), $(srctree) and
 *     $(objtree) (the tree); any other $(function ...) expands to nothing;
 *   - ifeq/ifneq (A,B) or "A" "B", ifdef/ifndef VAR, else, endif;
 *   - objects: obj-y, obj-m and lib-y; 'dir/' is a subdirectory to read,
 *     foo.o is foo.c unless foo-y, foo-m or foo-objs make it a composite
 *     of other objects (expanded the same way, paths relative to the dir);
 *   - flags: ccflags-y (EXTRA_CFLAGS before 2.6.36), subdir-ccflags-y
 *     (here and in every subdirectory) and CFLAGS_foo.o; of them only
 *     -I -iquote -isystem -include -D -U are kept, relative paths made
 *     absolute from the tree, where kbuild runs the compiler.
 * Anything else (rules, targets, $(call ...), hostprogs) is skipped.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "index/flags.h"
#include "index/kbuild_make.h"

struct mk {
	const char *tree, *dir;
	struct strmap idx;		/* name -> vals index */
	struct strvec names, vals;
	const struct strmap *config;	/* CONFIG_X -> index in config_vals */
	const struct strvec *config_vals;
};

static const char *mk_get(struct mk *m, const char *name)
{
	int *slot;

	if (!strcmp(name, "src") || !strcmp(name, "obj"))
		return m->dir;
	if (!strcmp(name, "srctree") || !strcmp(name, "objtree"))
		return m->tree;
	if (!strncmp(name, "CONFIG_", 7)) {
		slot = strmap_get(m->config, name);
		return slot ? m->config_vals->v[*slot] : "";
	}
	slot = strmap_get(&m->idx, name);
	return slot ? m->vals.v[*slot] : "";
}

static void mk_set(struct mk *m, const char *name, const char *val, bool append)
{
	bool ins;
	int *slot = strmap_put(&m->idx, name, (int)m->vals.n, &ins);

	if (ins) {
		VEC_PUSH(&m->names, xstrdup(name));
		VEC_PUSH(&m->vals, xstrdup(val));
		return;
	}
	if (append && *m->vals.v[*slot]) {
		char *s = xasprintf("%s %s", m->vals.v[*slot], val);

		free(m->vals.v[*slot]);
		m->vals.v[*slot] = s;
	} else if (!append || *val) {
		free(m->vals.v[*slot]);
		m->vals.v[*slot] = xstrdup(val);
	}
}

/* Expand $(X), ${X} and $X once, recursively for nested references. */
static char *expand(struct mk *m, const char *s, int depth)
{
	struct strbuf sb = STRBUF_INIT;

	while (*s) {
		const char *start;
		char close, *inner, *name;
		int level = 1;

		if (*s != '$') {
			sb_add(&sb, s, 1);
			s++;
			continue;
		}
		if (s[1] == '$') {
			sb_add(&sb, "$", 1);
			s += 2;
			continue;
		}
		if (s[1] != '(' && s[1] != '{') {
			if (s[1]) {
				char one[2] = { s[1], 0 };

				sb_adds(&sb, mk_get(m, one));
				s += 2;
			} else {
				s++;
			}
			continue;
		}
		close = s[1] == '(' ? ')' : '}';
		start = s + 2;
		s = start;
		while (*s && level) {
			if (*s == '(' || *s == '{')
				level++;
			else if (*s == ')' || *s == '}')
				level--;
			if (level)
				s++;
		}
		inner = xstrndup(start, s - start);
		if (*s == close)
			s++;
		if (strchr(inner, ' ') || strchr(inner, ',')) {
			/* a function such as $(call ...) or $(if ...): not in our subset */
			free(inner);
			continue;
		}
		name = depth < 8 ? expand(m, inner, depth + 1) : xstrdup(inner);
		if (depth < 8) {
			char *v = expand(m, mk_get(m, name), depth + 1);

			sb_adds(&sb, v);
			free(v);
		}
		free(name);
		free(inner);
	}
	return sb.buf ? sb_detach(&sb) : xstrdup("");
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* ifeq (A,B) / ifeq "A" "B": are A and B equal once expanded? */
static bool cond_eq(struct mk *m, char *arg)
{
	char *a, *b, *ea, *eb;
	bool eq;

	arg = trim(arg);
	if (*arg == '(') {
		char *end = strrchr(arg, ')');
		int level = 0;
		char *comma = NULL;

		if (end)
			*end = '\0';
		for (char *p = arg + 1; *p; p++) {
			if (*p == '(')
				level++;
			else if (*p == ')')
				level--;
			else if (*p == ',' && !level) {
				comma = p;
				break;
			}
		}
		if (!comma)
			return false;
		*comma = '\0';
		a = arg + 1;
		b = comma + 1;
	} else {
		char q = *arg, *e1, *s2, *e2;

		if (q != '"' && q != '\'')
			return false;
		e1 = strchr(arg + 1, q);
		if (!e1)
			return false;
		*e1 = '\0';
		s2 = trim(e1 + 1);
		if (*s2 != '"' && *s2 != '\'')
			return false;
		e2 = strchr(s2 + 1, *s2);
		if (e2)
			*e2 = '\0';
		a = arg + 1;
		b = s2 + 1;
	}
	ea = expand(m, a, 0);
	eb = expand(m, b, 0);
	eq = !strcmp(trim(ea), trim(eb));
	free(ea);
	free(eb);
	return eq;
}

/* ifeq, ifneq, ifdef, ifndef and what follows: does it hold? */
static bool eval_cond(struct mk *m, char *l)
{
	bool def, c;
	char *v, *e;

	if (!strncmp(l, "ifeq", 4))
		return cond_eq(m, l + 4);
	if (!strncmp(l, "ifneq", 5))
		return !cond_eq(m, l + 5);
	if (strncmp(l, "ifdef", 5) && strncmp(l, "ifndef", 6))
		return true;
	def = l[2] == 'd';
	v = expand(m, trim(l + (def ? 5 : 6)), 0);
	e = expand(m, mk_get(m, trim(v)), 0);
	c = def ? *trim(e) != '\0' : *trim(e) == '\0';
	free(v);
	free(e);
	return c;
}

struct cond {
	bool parent, taken;
};

/* Read DIR's Kbuild or Makefile into M. Returns false when there is none. */
static bool mk_read(struct mk *m)
{
	char path[PATH_MAX];
	struct strbuf line = STRBUF_INIT;
	char buf[4096];
	struct cond stack[32];
	bool active = true;
	int depth = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/Kbuild", m->tree, m->dir);
	f = fopen(path, "r");
	if (!f) {
		snprintf(path, sizeof(path), "%s/%s/Makefile", m->tree, m->dir);
		f = fopen(path, "r");
	}
	if (!f)
		return false;
	for (;;) {
		char *l, *p, *op, *name, *val;
		bool eof = !fgets(buf, sizeof(buf), f);
		size_t n;

		if (!eof) {
			n = strlen(buf);
			if (n && buf[n - 1] == '\n')
				buf[--n] = '\0';
			if (n && buf[n - 1] == '\\') {
				buf[n - 1] = ' ';
				sb_adds(&line, buf);
				continue;
			}
			sb_adds(&line, buf);
		}
		if (!line.buf) {
			if (eof)
				break;
			continue;
		}
		l = line.buf;
		/* recipes and comments */
		if (*l == '\t' && active)
			goto next;
		if ((p = strchr(l, '#')))
			*p = '\0';
		l = trim(l);
		if (!strncmp(l, "else", 4) && (!l[4] || l[4] == ' ' || l[4] == '\t')) {
			struct cond *top = depth ? &stack[depth - 1] : NULL;
			char *rest = trim(l + 4);

			if (!top)
				goto next;
			if (*rest && top->parent && !top->taken) {
				/* else ifeq ...: evaluated like an if */
				bool c = eval_cond(m, rest);

				active = c;
				top->taken = c;
			} else {
				active = top->parent && !top->taken;
				top->taken = true;
			}
			goto next;
		}
		if (!strncmp(l, "ifeq", 4) || !strncmp(l, "ifneq", 5) || !strncmp(l, "ifdef", 5) ||
		    !strncmp(l, "ifndef", 6)) {
			bool c = active && eval_cond(m, l);

			if (depth < 32)
				stack[depth] = (struct cond){ .parent = active, .taken = c };
			depth++;
			active = c;
			goto next;
		}
		if (!strncmp(l, "endif", 5)) {
			if (depth) {
				depth--;
				if (depth < 32)
					active = stack[depth].parent;
			}
			goto next;
		}
		if (!active || !*l || !strncmp(l, "include", 7) || !strncmp(l, "-include", 8) ||
		    !strncmp(l, "export", 6) || !strncmp(l, "define", 6))
			goto next;
		/* NAME op VALUE */
		op = l + strcspn(l, "=:+?");
		if (!*op)
			goto next;
		{
			bool append = false;
			char *name_end = op;

			if (op[0] == '+' && op[1] == '=') {
				append = true;
				val = op + 2;
			} else if (op[0] == '?' && op[1] == '=') {
				val = op + 2;
			} else if (op[0] == ':' && op[1] == '=') {
				val = op + 2;
			} else if (op[0] == ':' && op[1] == ':' && op[2] == '=') {
				val = op + 3;
			} else if (op[0] == '=') {
				val = op + 1;
			} else {
				goto next;	/* a rule: target: prerequisites */
			}
			*name_end = '\0';
			name = expand(m, trim(l), 0);
			{
				char *v = expand(m, trim(val), 0);

				mk_set(m, trim(name), trim(v), append);
				free(v);
			}
			free(name);
		}
next:
		sb_reset(&line);
		if (eof)
			break;
	}
	sb_free(&line);
	fclose(f);
	return true;
}

static void mk_free(struct mk *m)
{
	for (size_t i = 0; i < m->vals.n; i++) {
		free(m->vals.v[i]);
		free(m->names.v[i]);
	}
	VEC_FREE(&m->vals);
	VEC_FREE(&m->names);
	strmap_free(&m->idx);
}

/* Split a value into words, shell-style: quotes group and are removed. */
static void words(const char *s, struct strvec *out)
{
	while (*s) {
		struct strbuf w = STRBUF_INIT;
		char q = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		while (*s && (q || (*s != ' ' && *s != '\t'))) {
			if (q && *s == q)
				q = 0;
			else if (!q && (*s == '"' || *s == '\''))
				q = *s;
			else
				sb_add(&w, s, 1);
			s++;
		}
		VEC_PUSH(out, w.buf ? sb_detach(&w) : xstrdup(""));
	}
}

/* Keep the flags that change what the preprocessor sees; make paths absolute. */
static void keep_flags(const char *tree, const char *value, struct strvec *out)
{
	struct strvec w = { 0 };

	words(value, &w);
	for (size_t i = 0; i < w.n; i++) {
		static const char *const with_path[] = { "-I", "-iquote", "-isystem", "-include", NULL };
		const char *a = w.v[i];
		const char *path = NULL, *opt = NULL;

		for (int k = 0; with_path[k]; k++) {
			size_t n = strlen(with_path[k]);

			if (!strncmp(a, with_path[k], n)) {
				opt = with_path[k];
				path = a[n] ? a + n : (i + 1 < w.n ? w.v[++i] : NULL);
				break;
			}
		}
		if (opt && path) {
			char *abs = path[0] == '/' ? xstrdup(path) : xasprintf("%s/%s", tree, path);

			if (!strcmp(opt, "-I"))
				VEC_PUSH(out, xasprintf("-I%s", abs));
			else {
				VEC_PUSH(out, xstrdup(opt));
				VEC_PUSH(out, xstrdup(abs));
			}
			free(abs);
		} else if (!strncmp(a, "-D", 2) || !strncmp(a, "-U", 2)) {
			if (a[2])
				VEC_PUSH(out, xstrdup(a));
			else if (i + 1 < w.n) {
				VEC_PUSH(out, xasprintf("%s%s", a, w.v[i + 1]));
				i++;
			}
		}
	}
	for (size_t i = 0; i < w.n; i++)
		free(w.v[i]);
	VEC_FREE(&w);
}

static bool file_exists(const char *tree, const char *rel)
{
	char p[PATH_MAX + 256];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", tree, rel);
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static char *join(const char *dir, const char *name)
{
	return *dir ? xasprintf("%s/%s", dir, name) : xstrdup(name);
}

struct ctx {
	const char *tree;
	struct strmap config;
	struct strvec config_vals;
	struct kb_plan *plan;
};

static void add_file(struct ctx *c, struct mk *m, const char *rel, const char *obj_name,
		     const char *modname, bool module, const struct strvec *dirflags)
{
	struct kb_file kf = { 0 };
	char *key = xasprintf("CFLAGS_%s", obj_name);

	kf.rel = xstrdup(rel);
	kf.modname = xstrdup(modname);
	kf.module = module;
	for (size_t i = 0; i < dirflags->n; i++)
		VEC_PUSH(&kf.flags, xstrdup(dirflags->v[i]));
	keep_flags(c->tree, mk_get(m, key), &kf.flags);
	free(key);
	VEC_PUSH(&c->plan->files, kf);
}

/*
 * OBJ (foo.o, or sub/foo.o) of module MODNAME: its .c, or its composite's
 * objects. MODULE: OBJ was listed in obj-m.
 */
static void add_object(struct ctx *c, struct mk *m, const char *obj, const char *modname,
		       bool module, const struct strvec *dirflags, int depth)
{
	size_t n = strlen(obj);
	char *stem, *key;
	const char *parts = NULL;
	static const char *const suffixes[] = { "-y", "-objs", "-m", NULL };

	if (n < 3 || strcmp(obj + n - 2, ".o"))
		return;
	stem = xstrndup(obj, n - 2);
	for (int i = 0; suffixes[i] && depth < 4; i++) {
		key = xasprintf("%s%s", stem, suffixes[i]);
		if (*mk_get(m, key)) {
			struct strvec w = { 0 };

			parts = "";
			words(mk_get(m, key), &w);
			for (size_t k = 0; k < w.n; k++) {
				/* foo-y := foo.o: the source is foo.c itself */
				if (!strcmp(w.v[k], obj)) {
					char *rel = xasprintf("%s/%s.c", m->dir, stem);

					if (file_exists(c->tree, rel))
						add_file(c, m, rel, obj, modname, module, dirflags);
					free(rel);
				} else {
					add_object(c, m, w.v[k], modname, module, dirflags, depth + 1);
				}
				free(w.v[k]);
			}
			VEC_FREE(&w);
		}
		free(key);
	}
	if (!parts) {
		char *rel = xasprintf("%s/%s.c", m->dir, stem);
		const char *base = strrchr(obj, '/');

		if (file_exists(c->tree, rel))
			add_file(c, m, rel, base ? base + 1 : obj, modname, module, dirflags);
		free(rel);
	}
	free(stem);
}

static void every_c(struct ctx *c, const char *dir, const struct strvec *inherited, int depth);

/* The objects DIR's Makefile builds; INHERITED are the parents' subdir-ccflags-y. */
static void read_dir(struct ctx *c, const char *dir, const struct strvec *inherited, int depth)
{
	struct mk m = { .tree = c->tree, .dir = dir, .config = &c->config,
			.config_vals = &c->config_vals };
	struct strvec objs = { 0 }, dirflags = { 0 }, sub = { 0 };
	static const char *const lists[] = { "obj-y", "obj-m", "lib-y", NULL };
	size_t first_m = 0, end_m = 0;	/* objs[first_m, end_m) came from obj-m */

	if (depth > 16)
		return;
	if (!mk_read(&m)) {
		mk_free(&m);
		every_c(c, dir, inherited, depth);
		return;
	}
	VEC_PUSH(&c->plan->dirs, xstrdup(dir));
	for (size_t i = 0; i < inherited->n; i++)
		VEC_PUSH(&sub, xstrdup(inherited->v[i]));
	keep_flags(c->tree, mk_get(&m, "subdir-ccflags-y"), &sub);
	for (size_t i = 0; i < sub.n; i++)
		VEC_PUSH(&dirflags, xstrdup(sub.v[i]));
	keep_flags(c->tree, mk_get(&m, "ccflags-y"), &dirflags);
	keep_flags(c->tree, mk_get(&m, "EXTRA_CFLAGS"), &dirflags);

	for (int l = 0; lists[l]; l++) {
		if (!strcmp(lists[l], "obj-m"))
			first_m = objs.n;
		words(mk_get(&m, lists[l]), &objs);
		if (!strcmp(lists[l], "obj-m"))
			end_m = objs.n;
	}
	for (size_t i = 0; i < objs.n; i++) {
		const char *o = objs.v[i];
		size_t n = strlen(o);
		bool dup = false;

		for (size_t k = 0; k < i; k++)
			if (!strcmp(objs.v[k], o))
				dup = true;
		if (dup || !n)
			continue;
		if (o[n - 1] == '/') {
			char *name = xstrndup(o, n - 1);
			char *subdir = join(dir, name);

			read_dir(c, subdir, &sub, depth + 1);
			free(subdir);
			free(name);
		} else {
			const char *base = strrchr(o, '/');
			char *mod = xstrndup(base ? base + 1 : o, strlen(base ? base + 1 : o) - (n > 2 ? 2 : 0));

			for (char *p = mod; *p; p++)
				if (*p == '-' || *p == ',')
					*p = '_';
			/* the first listing counts: obj-y before obj-m */
			add_object(c, &m, o, mod, i >= first_m && i < end_m, &dirflags, 0);
			free(mod);
		}
	}
	for (size_t i = 0; i < objs.n; i++)
		free(objs.v[i]);
	VEC_FREE(&objs);
	for (size_t i = 0; i < dirflags.n; i++)
		free(dirflags.v[i]);
	VEC_FREE(&dirflags);
	for (size_t i = 0; i < sub.n; i++)
		free(sub.v[i]);
	VEC_FREE(&sub);
	mk_free(&m);
}

/* A directory without a Makefile: every .c in it, and the same rule below. */
static void every_c(struct ctx *c, const char *dir, const struct strvec *inherited, int depth)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", c->tree, dir);
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		char *rel;
		struct stat st;
		size_t n = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		rel = join(dir, de->d_name);
		snprintf(path, sizeof(path), "%s/%s", c->tree, rel);
		if (stat(path, &st) < 0) {
			free(rel);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			read_dir(c, rel, inherited, depth + 1);
		} else if (n > 2 && !strcmp(de->d_name + n - 2, ".c")) {
			struct kb_file kf = { .rel = xstrdup(rel) };

			for (size_t i = 0; i < inherited->n; i++)
				VEC_PUSH(&kf.flags, xstrdup(inherited->v[i]));
			VEC_PUSH(&c->plan->files, kf);
		}
		free(rel);
	}
	closedir(d);
}

static void load_config(struct ctx *c)
{
	char path[PATH_MAX], line[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/include/config/auto.conf", c->tree);
	f = fopen(path, "r");
	if (!f) {
		/* trees before 2.6.36 kept it at include/config/auto.conf too; none: nothing set */
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *eq = strchr(line, '='), *v;
		size_t n;

		if (line[0] != 'C' || !eq)
			continue;
		*eq = '\0';
		v = eq + 1;
		n = strlen(v);
		while (n && (v[n - 1] == '\n' || v[n - 1] == '\r'))
			v[--n] = '\0';
		if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
			v[n - 1] = '\0';
			v++;
		}
		strmap_put(&c->config, line, (int)c->config_vals.n, NULL);
		VEC_PUSH(&c->config_vals, xstrdup(v));
	}
	fclose(f);
}

/* subdir-ccflags-y of the Makefiles above DIR, the top one excluded. */
static void parents_flags(struct ctx *c, const char *dir, struct strvec *out)
{
	char *d = xstrdup(dir);
	struct strvec chain = { 0 };
	char *slash;

	while ((slash = strrchr(d, '/'))) {
		*slash = '\0';
		VEC_PUSH(&chain, xstrdup(d));
	}
	free(d);
	for (size_t i = chain.n; i-- > 0;) {
		struct mk m = { .tree = c->tree, .dir = chain.v[i], .config = &c->config,
				.config_vals = &c->config_vals };

		if (mk_read(&m))
			keep_flags(c->tree, mk_get(&m, "subdir-ccflags-y"), out);
		mk_free(&m);
		free(chain.v[i]);
	}
	VEC_FREE(&chain);
}

static void ctx_init(struct ctx *c, const char *tree, struct kb_plan *plan)
{
	memset(c, 0, sizeof(*c));
	c->tree = tree;
	c->plan = plan;
	load_config(c);
}

static void ctx_free(struct ctx *c)
{
	for (size_t i = 0; i < c->config_vals.n; i++)
		free(c->config_vals.v[i]);
	VEC_FREE(&c->config_vals);
	strmap_free(&c->config);
}

static bool has_makefile(struct ctx *c, const char *dir)
{
	struct mk m = { .tree = c->tree, .dir = dir, .config = &c->config,
			.config_vals = &c->config_vals };
	bool has = mk_read(&m);

	mk_free(&m);
	return has;
}

/*
 * The directory whose Makefile decides REL: its own, or for a directory
 * without a Makefile (hns3/hns3_common/) the nearest one above it, which
 * lists the object with its subdirectory (hns3_common/hclge_comm_cmd.o)
 * and gives it its ccflags-y. "" when no directory on the way has one.
 */
static char *deciding_dir(struct ctx *c, const char *rel)
{
	char *dir = xstrdup(rel), *slash;

	while ((slash = strrchr(dir, '/'))) {
		*slash = '\0';
		if (has_makefile(c, dir))
			return dir;
	}
	dir[0] = '\0';
	return dir;
}

void kbuild_plan_dir(const char *tree, const char *dir, struct kb_plan *plan)
{
	struct ctx c;
	struct kb_plan here = { 0 };
	struct strvec inherited = { 0 };
	char *top = NULL;
	size_t n = strlen(dir);

	ctx_init(&c, tree, &here);
	if (dir[0] && !has_makefile(&c, dir)) {
		/* listed by a Makefile above: read that one and keep what lies under DIR */
		top = deciding_dir(&c, dir);
		if (!top[0]) {
			free(top);
			top = NULL;
		}
	}
	parents_flags(&c, top ? top : dir, &inherited);
	read_dir(&c, top ? top : dir, &inherited, 0);
	for (size_t i = 0; i < here.files.n; i++) {
		struct kb_file *kf = &here.files.v[i];

		if (!top || (kf->rel && !strncmp(kf->rel, dir, n) && kf->rel[n] == '/')) {
			VEC_PUSH(&plan->files, *kf);
			memset(kf, 0, sizeof(*kf));
		}
	}
	for (size_t i = 0; i < here.dirs.n; i++)
		VEC_PUSH(&plan->dirs, xstrdup(here.dirs.v[i]));
	for (size_t i = 0; i < inherited.n; i++)
		free(inherited.v[i]);
	VEC_FREE(&inherited);
	kb_plan_free(&here);
	ctx_free(&c);
	free(top);
}

void kbuild_plan_file(const char *tree, const char *rel, struct kb_plan *plan)
{
	struct ctx c;
	struct kb_plan here = { 0 };
	struct strvec inherited = { 0 };
	char *dir;
	bool found = false;

	/* the directory as kbuild reads it: the file's flags and module when it builds it */
	ctx_init(&c, tree, &here);
	dir = deciding_dir(&c, rel);
	parents_flags(&c, dir, &inherited);
	if (dir[0])
		read_dir(&c, dir, &inherited, 16);	/* this directory only */
	for (size_t i = 0; i < here.files.n; i++) {
		if (!found && here.files.v[i].rel && !strcmp(here.files.v[i].rel, rel)) {
			VEC_PUSH(&plan->files, here.files.v[i]);
			memset(&here.files.v[i], 0, sizeof(here.files.v[i]));
			found = true;
		}
	}
	if (!found) {
		/* not built by this configuration, or no Makefile: the directory's flags */
		struct mk m = { .tree = tree, .dir = dir, .config = &c.config,
				.config_vals = &c.config_vals };
		struct kb_file kf = { .rel = xstrdup(rel) };

		for (size_t i = 0; i < inherited.n; i++)
			VEC_PUSH(&kf.flags, xstrdup(inherited.v[i]));
		if (dir[0] && mk_read(&m)) {
			const char *base = strrchr(rel, '/') + 1;
			char *obj = xasprintf("CFLAGS_%.*s.o", (int)strlen(base) - 2, base);

			keep_flags(tree, mk_get(&m, "subdir-ccflags-y"), &kf.flags);
			keep_flags(tree, mk_get(&m, "ccflags-y"), &kf.flags);
			keep_flags(tree, mk_get(&m, obj), &kf.flags);
			free(obj);
		}
		mk_free(&m);
		VEC_PUSH(&plan->files, kf);
	}
	for (size_t i = 0; i < inherited.n; i++)
		free(inherited.v[i]);
	VEC_FREE(&inherited);
	kb_plan_free(&here);
	ctx_free(&c);
	free(dir);
}

void kb_plan_free(struct kb_plan *plan)
{
	for (size_t i = 0; i < plan->files.n; i++) {
		struct kb_file *f = &plan->files.v[i];

		free(f->rel);
		free(f->modname);
		for (size_t k = 0; k < f->flags.n; k++)
			free(f->flags.v[k]);
		VEC_FREE(&f->flags);
	}
	VEC_FREE(&plan->files);
	for (size_t i = 0; i < plan->dirs.n; i++)
		free(plan->dirs.v[i]);
	VEC_FREE(&plan->dirs);
}

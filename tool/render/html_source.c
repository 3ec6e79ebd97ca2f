// SPDX-License-Identifier: GPL-2.0
/*
 * A source page: the file's text, highlighted from the tokens the index
 * recorded (schemas/004_source.sql), every name linked to its definition
 * through the refs, macros to their #define, compiled-out #if regions
 * greyed, and under each indirect call the functions it reaches, with
 * where each was bound. No libclang here: only the DB and the text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "render/html_site.h"

#define SQL "tool/sql/html.sql"
#define SHOWN_TARGETS 6

enum { K_PUNCT, K_KEYWORD, K_IDENT, K_LITERAL, K_COMMENT, K_PP };

struct ref_at {
	sqlite3_int64 sym;
	char *name;
	char kind;		/* f(unction), v(ar), F(ield), e(num) */
	bool def;		/* the definition itself */
};

struct target {
	int line;
	char *callee, *kind, *via, *bound_file;
	int bound_line;
};

struct def {
	char *path;		/* NULL: none */
	int line;
};

struct src {
	struct page *p;
	sqlite3_int64 file_id;
	const char *path;
	const char *text;
	size_t len;
	struct ptrmap refs;		/* line << 16 | col -> refs index + 1 */
	VEC(struct ref_at) ref_v;
	struct ptrmap sym_def;		/* sym id -> defs index + 1 */
	struct strmap name_def;		/* name (macro or function) -> defs index + 1, 0 none */
	VEC(struct def) defs;
	struct strmap macro_here;	/* #define NAME in this file -> line */
	VEC(struct target) targets;
	size_t next_target;
	VEC(int) skipped;		/* first, last pairs */
	int line;
	size_t line_start;
	bool in_skip;
	const char *open_class;		/* span open across a newline */
};

static uint64_t get_varint(const unsigned char **pp, const unsigned char *end)
{
	uint64_t v = 0;
	int shift = 0;

	while (*pp < end) {
		unsigned char b = *(*pp)++;

		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
		shift += 7;
	}
	return v;
}

static bool skipped_line(struct src *s, int line)
{
	for (size_t i = 0; i + 1 < s->skipped.n; i += 2)
		if (line > s->skipped.v[i] && line < s->skipped.v[i + 1])
			return true;
	return false;
}

static void open_line(struct src *s)
{
	struct strbuf *b = &s->p->body;

	s->in_skip = skipped_line(s, s->line);
	sb_addf(b, "<div class=\"l%s\" id=\"L%d\"><a class=\"n\" href=\"#L%d\">%d</a><span class=\"t\">",
		s->in_skip ? " sk" : "", s->line, s->line, s->line);
}

static const char *via_member(const char *via)
{
	const char *dot = via ? strrchr(via, '.') : NULL;

	return dot ? dot + 1 : via;
}

/* The resolved targets of the indirect calls on the line just closed. */
static void annotate_line(struct src *s)
{
	struct page *p = s->p;
	struct strbuf *b = &p->body;

	while (s->next_target < s->targets.n && s->targets.v[s->next_target].line < s->line)
		s->next_target++;
	while (s->next_target < s->targets.n && s->targets.v[s->next_target].line == s->line) {
		struct target *t = &s->targets.v[s->next_target];
		size_t end = s->next_target, n;

		while (end < s->targets.n && s->targets.v[end].line == s->line &&
		       !strcmp(s->targets.v[end].kind, t->kind) &&
		       !strcmp(s->targets.v[end].via ? s->targets.v[end].via : "", t->via ? t->via : ""))
			end++;
		n = end - s->next_target;
		sb_adds(b, "<div class=\"ind\"><span class=\"ind-h\">");
		if (!strcmp(t->kind, "type"))
			sb_adds(b, "pointer call, matched by type");
		else {
			sb_adds(b, "through ");
			sb_adds(b, "<code>");
			h_escs(b, t->via ? t->via : "?");
			sb_adds(b, "</code>");
			if (strcmp(t->kind, "field") && strcmp(t->kind, "param")) {
				sb_adds(b, " (");
				h_escs(b, t->kind);
				sb_adds(b, ")");
			}
		}
		sb_addf(b, ": %zu target%s</span><ul class=\"tg\">", n, n == 1 ? "" : "s");
		for (size_t i = 0; i < n; i++) {
			struct target *x = &s->targets.v[s->next_target + i];

			if (i == SHOWN_TARGETS) {
				const char *m = via_member(t->via);

				sb_addf(b, "</ul><details><summary>+%zu more ", n - SHOWN_TARGETS);
				if (!strcmp(t->kind, "param"))
					sb_adds(b, "functions passed there");
				else if (m && strcmp(t->kind, "type")) {
					h_escs(b, m);
					sb_adds(b, " implementations");
				} else {
					sb_adds(b, "functions of this type");
				}
				sb_adds(b, "</summary><ul class=\"tg\">");
			}
			sb_adds(b, "<li>");
			h_link_fn(p, x->callee, NULL, NULL);
			if (x->bound_file) {
				sb_adds(b, " <span class=\"bound\">");
				sb_adds(b, !strcmp(x->kind, "type") ? "defined at " :
					!strcmp(x->kind, "field") ? "bound at " : "passed at ");
				h_link_source(p, x->bound_file, x->bound_line, NULL);
				sb_adds(b, "</span>");
			}
			sb_adds(b, "</li>");
		}
		sb_adds(b, "</ul>");
		if (n > SHOWN_TARGETS)
			sb_adds(b, "</details>");
		sb_adds(b, "</div>");
		s->next_target = end;
	}
}

static void close_line(struct src *s)
{
	sb_adds(&s->p->body, "</span></div>\n");
	annotate_line(s);
}

/* Text from the source, split at newlines into lines, in class CLS (or none). */
static void emit(struct src *s, size_t from, size_t to, const char *cls)
{
	struct strbuf *b = &s->p->body;
	size_t start = from;

	if (cls)
		sb_addf(b, "<span class=\"%s\">", cls);
	for (size_t i = from; i < to; i++) {
		if (s->text[i] != '\n')
			continue;
		h_esc(b, s->text + start, i - start);
		if (cls)
			sb_adds(b, "</span>");
		close_line(s);
		s->line++;
		s->line_start = i + 1;
		open_line(s);
		if (cls)
			sb_addf(b, "<span class=\"%s\">", cls);
		start = i + 1;
	}
	h_esc(b, s->text + start, to - start);
	if (cls)
		sb_adds(b, "</span>");
}

static int def_of_sym(struct src *s, sqlite3_int64 sym, const char *name)
{
	int *slot = ptrmap_get(&s->sym_def, (uintptr_t)sym);
	sqlite3_stmt *st;
	struct def d = { 0 };
	bool ins;

	if (slot)
		return *slot - 1;
	st = db_stmt(s->p->site->db, SQL, "sym_def");
	bind_int(st, 1, sym);
	bind_text(st, 2, name);
	if (sqlite3_step(st) == SQLITE_ROW) {
		d.path = xstrdup((const char *)sqlite3_column_text(st, 0));
		d.line = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	VEC_PUSH(&s->defs, d);
	ptrmap_put(&s->sym_def, (uintptr_t)sym, (int)s->defs.n, &ins);
	return (int)s->defs.n - 1;
}

/* A name that is not a reference: a macro's #define, else a function of that name. */
static int def_of_name(struct src *s, const char *name, bool *macro)
{
	int *slot = strmap_get(&s->name_def, name);
	struct def d = { 0 };
	sqlite3_stmt *st;
	bool ins;
	int v;

	if (slot) {
		*macro = *slot > 0;
		return abs(*slot) - 1;
	}
	st = db_stmt(s->p->site->db, SQL, "macro_def");
	bind_text(st, 1, name);
	bind_int(st, 2, s->file_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		d.path = xstrdup((const char *)sqlite3_column_text(st, 0));
		d.line = sqlite3_column_int(st, 1);
		*macro = true;
	}
	sqlite3_reset(st);
	if (!d.path) {
		*macro = false;
		st = db_stmt(s->p->site->db, SQL, "fn_by_name");
		bind_text(st, 1, name);
		if (sqlite3_step(st) == SQLITE_ROW) {
			d.path = xstrdup((const char *)sqlite3_column_text(st, 1));
			d.line = sqlite3_column_int(st, 2);
		}
		sqlite3_reset(st);
	}
	VEC_PUSH(&s->defs, d);
	v = (int)s->defs.n;
	strmap_put(&s->name_def, name, *macro ? v : -v, &ins);
	return v - 1;
}

static void emit_ident(struct src *s, size_t start, size_t end)
{
	struct page *p = s->p;
	struct strbuf *b = &p->body;
	int col = (int)(start - s->line_start) + 1;
	int *slot = ptrmap_get(&s->refs, ((uintptr_t)s->line << 16) | (unsigned)col);
	char name[256], key[300];
	struct def *d = NULL;
	const char *cls = "id";
	bool macro = false;
	int *mline, di;

	if (end - start >= sizeof(name)) {
		emit(s, start, end, "id");
		return;
	}
	memcpy(name, s->text + start, end - start);
	name[end - start] = '\0';
	if (slot) {
		struct ref_at *r = &s->ref_v.v[*slot - 1];

		snprintf(key, sizeof(key), "s%lld", (long long)r->sym);
		if (r->def) {
			/* a definition: its anchor, and a link to its page */
			sb_addf(b, "<a class=\"%s def\" id=\"d-", r->kind == 'f' ? "fn" : "var");
			h_escs(b, name);
			sb_adds(b, "\" data-c=\"");
			sb_adds(b, html_card_key(p, key));
			sb_adds(b, "\" href=\"");
			if (r->kind == 'f')
				h_href_fn(p, name, s->path);
			else
				sb_addf(b, "#L%d", s->line);
			sb_adds(b, "\">");
			h_escs(b, name);
			sb_adds(b, "</a>");
			return;
		}
		di = def_of_sym(s, r->sym, r->name);
		d = &s->defs.v[di];
		cls = r->kind == 'f' ? "fn" : r->kind == 'F' ? "fld" : r->kind == 'e' ? "en" : "var";
	} else if (s->in_skip && !(mline = strmap_get(&s->macro_here, name))) {
		emit(s, start, end, "id");
		return;
	} else {
		mline = strmap_get(&s->macro_here, name);
		if (mline && *mline == s->line) {
			snprintf(key, sizeof(key), "m:%s", name);
			sb_adds(b, "<a class=\"mac def\" id=\"d-");
			h_escs(b, name);
			sb_adds(b, "\" data-c=\"");
			h_escs(b, html_card_key(p, key));
			sb_addf(b, "\" href=\"#L%d\">", s->line);
			h_escs(b, name);
			sb_adds(b, "</a>");
			return;
		}
		di = def_of_name(s, name, &macro);
		d = &s->defs.v[di];
		if (!d->path) {
			emit(s, start, end, "id");
			return;
		}
		cls = macro ? "mac" : "fn";
		if (macro)
			snprintf(key, sizeof(key), "m:%s", name);
		else
			snprintf(key, sizeof(key), "n:%s", name);
	}
	if (d && d->path && h_source_exported(p->site, d->path)) {
		sb_addf(b, "<a class=\"%s\" href=\"", cls);
		if (!strcmp(d->path, s->path))
			sb_addf(b, "#L%d", d->line);
		else
			h_href_source(p, d->path, d->line);
		sb_adds(b, "\" data-c=\"");
	} else {
		sb_addf(b, "<span class=\"%s\" tabindex=\"0\" data-c=\"", cls);
	}
	h_escs(b, html_card_key(p, key));
	sb_adds(b, "\">");
	h_escs(b, name);
	sb_adds(b, d && d->path && h_source_exported(p->site, d->path) ? "</a>" : "</span>");
}

static void load(struct src *s)
{
	struct db *db = s->p->site->db;
	sqlite3_stmt *st;
	bool ins;

	st = db_stmt(db, SQL, "file_marks");
	bind_int(st, 1, s->file_id);
	bind_text(st, 2, s->path);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 5);
		struct ref_at r;
		uintptr_t at;

		if (*sqlite3_column_text(st, 0) == 'm') {	/* a #define */
			strmap_put(&s->macro_here, (const char *)sqlite3_column_text(st, 4),
				   sqlite3_column_int(st, 1), &ins);
			continue;
		}
		r = (struct ref_at){
			.sym = sqlite3_column_int64(st, 3),
			.name = xstrdup((const char *)sqlite3_column_text(st, 4)),
			.kind = !strcmp(k, "function") ? 'f' : !strcmp(k, "field") ? 'F' :
				!strcmp(k, "enum") ? 'e' : 'v',
		};
		at = ((uintptr_t)sqlite3_column_int(st, 1) << 16) | (unsigned)sqlite3_column_int(st, 2);
		VEC_PUSH(&s->ref_v, r);
		ptrmap_put(&s->refs, at, (int)s->ref_v.n, &ins);
	}
	sqlite3_reset(st);
	st = db_stmt(db, SQL, "file_funcs");
	bind_int(st, 1, s->file_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct ref_at r = {
			.sym = sqlite3_column_int64(st, 0),
			.name = xstrdup((const char *)sqlite3_column_text(st, 1)),
			.kind = 'f', .def = true,
		};
		uintptr_t at = ((uintptr_t)sqlite3_column_int(st, 2) << 16) | (unsigned)sqlite3_column_int(st, 3);

		VEC_PUSH(&s->ref_v, r);
		*ptrmap_put(&s->refs, at, 0, &ins) = (int)s->ref_v.n;
	}
	sqlite3_reset(st);
	st = db_stmt(db, SQL, "file_indirect");
	bind_text(st, 1, s->path);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct target t = {
			.line = sqlite3_column_int(st, 0),
			.callee = xstrdup((const char *)sqlite3_column_text(st, 1)),
			.kind = xstrdup((const char *)sqlite3_column_text(st, 2)),
			.via = sqlite3_column_text(st, 3) ? xstrdup((const char *)sqlite3_column_text(st, 3)) : NULL,
			.bound_file = sqlite3_column_text(st, 4) ? xstrdup((const char *)sqlite3_column_text(st, 4)) : NULL,
			.bound_line = sqlite3_column_int(st, 5),
		};

		VEC_PUSH(&s->targets, t);
	}
	sqlite3_reset(st);
}

static void release(struct src *s)
{
	for (size_t i = 0; i < s->ref_v.n; i++)
		free(s->ref_v.v[i].name);
	VEC_FREE(&s->ref_v);
	for (size_t i = 0; i < s->defs.n; i++)
		free(s->defs.v[i].path);
	VEC_FREE(&s->defs);
	for (size_t i = 0; i < s->targets.n; i++) {
		free(s->targets.v[i].callee);
		free(s->targets.v[i].kind);
		free(s->targets.v[i].via);
		free(s->targets.v[i].bound_file);
	}
	VEC_FREE(&s->targets);
	VEC_FREE(&s->skipped);
	ptrmap_free(&s->refs);
	ptrmap_free(&s->sym_def);
	strmap_free(&s->name_def);
	strmap_free(&s->macro_here);
}

static void breadcrumb(struct page *p, const char *path)
{
	const char *c = path, *slash;
	char *dir;

	sb_adds(&p->body, "<nav class=\"crumbs\">");
	h_link_dir(p, "", "tree");
	while ((slash = strchr(c, '/'))) {
		dir = xstrndup(path, slash - path);
		sb_adds(&p->body, " / ");
		sb_adds(&p->body, "<a class=\"dir\" href=\"");
		sb_adds(&p->body, p->root);
		sb_adds(&p->body, "source/");
		h_url(&p->body, dir);
		sb_adds(&p->body, p->site->export ? "/index.html" : "/");
		sb_adds(&p->body, "\">");
		h_esc(&p->body, c, slash - c);
		sb_adds(&p->body, "</a>");
		free(dir);
		c = slash + 1;
	}
	sb_adds(&p->body, " / <b>");
	h_escs(&p->body, c);
	sb_adds(&p->body, "</b></nav>");
}

/* A row claiming more than this is damaged: no source file has so many tokens. */
#define MAX_TOKENS_SIZE (256LL << 20)

/*
 * The row's tokens as varints: inflated when raw_size says they are
 * deflated (schemas/011_lex_zlib.sql), as stored otherwise. NULL when they
 * do not inflate to that size: the page is then shown without highlighting.
 */
static unsigned char *inflate_tokens(sqlite3_stmt *st, size_t *len)
{
	const void *z = sqlite3_column_blob(st, 0);
	size_t zlen = sqlite3_column_bytes(st, 0);
	sqlite3_int64 want;
	uLongf n;
	unsigned char *raw;

	if (sqlite3_column_type(st, 2) == SQLITE_NULL) {
		raw = xmalloc(zlen + 1);
		memcpy(raw, z, zlen);
		*len = zlen;
		return raw;
	}
	want = sqlite3_column_int64(st, 2);
	*len = 0;
	if (want < 0 || want > MAX_TOKENS_SIZE)
		return NULL;
	n = (uLongf)want;
	raw = xmalloc(n + 1);
	if (uncompress(raw, &n, z, zlen) != Z_OK || n != (uLongf)want) {
		free(raw);
		return NULL;
	}
	*len = n;
	return raw;
}

int html_source_page(struct page *p, const char *path, struct strbuf *title)
{
	struct src s = { .p = p, .path = path, .line = 1 };
	struct db *db = p->site->db;
	const unsigned char *tok = NULL, *tend;
	unsigned char *blob = NULL;
	size_t pos = 0, blen = 0;
	sqlite3_stmt *st;
	char *text;

	if (!html_safe_path(path))
		return 404;
	st = db_stmt(db, SQL, "file_id");
	bind_text(st, 1, path);
	s.file_id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (!s.file_id)
		return 404;
	text = html_read_tree(p->site, path, &s.len);
	if (!text)
		return 404;
	s.text = text;

	st = db_stmt(db, SQL, "lex");
	bind_int(st, 1, s.file_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *sk = (const char *)sqlite3_column_text(st, 1);

		blob = inflate_tokens(st, &blen);
		while (sk && *sk) {
			int a, b, n = 0;

			if (sscanf(sk, "%d-%d%n", &a, &b, &n) != 2)
				break;
			VEC_PUSH(&s.skipped, a);
			VEC_PUSH(&s.skipped, b);
			sk += n;
			while (*sk == ' ')
				sk++;
		}
	}
	sqlite3_reset(st);
	load(&s);

	sb_adds(title, path);
	breadcrumb(p, path);
	if (!blob)
		sb_adds(&p->body, "<p class=\"note\">This file has no tokens in the index "
			"(indexed by an older ndoscope): shown as plain text.</p>");
	sb_adds(&p->body, "<div class=\"code\">");
	open_line(&s);
	tok = blob;
	tend = blob ? blob + blen : NULL;
	while (tok && tok < tend) {
		size_t start = pos + get_varint(&tok, tend);
		size_t len = get_varint(&tok, tend);
		int kind = (int)get_varint(&tok, tend);
		size_t end = start + len;

		if (end > s.len || start < pos)
			break;
		emit(&s, pos, start, NULL);
		switch (kind) {
		case K_KEYWORD:
			emit(&s, start, end, "kw");
			break;
		case K_IDENT:
			emit_ident(&s, start, end);
			break;
		case K_LITERAL:
			emit(&s, start, end, s.text[start] == '"' || s.text[start] == '\'' ? "str" : "num");
			break;
		case K_COMMENT:
			emit(&s, start, end, "cm");
			break;
		case K_PP:
			emit(&s, start, end, "pp");
			break;
		default:
			emit(&s, start, end, NULL);
		}
		pos = end;
	}
	if (pos < s.len && s.text[s.len - 1] == '\n') {
		emit(&s, pos, s.len - 1, NULL);
	} else {
		emit(&s, pos, s.len, NULL);
	}
	close_line(&s);
	sb_adds(&p->body, "</div>");
	release(&s);
	free(blob);
	free(text);
	return 200;
}

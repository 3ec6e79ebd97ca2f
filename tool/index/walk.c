// SPDX-License-Identifier: GPL-2.0
/*
 * The AST walk: one TU in, its facts out.
 *
 * Each top-level declaration is assigned to a unit: the main file, a
 * function defined in a header, or the rest of a header. A unit another TU
 * has already walked (or is walking) is only linked, not walked again, so a
 * static inline in netdevice.h costs one walk per index, not one per TU.
 *
 * Inside a unit, expressions are walked with a "role" handed down by the
 * parent (callee, written, address taken, read), which is how each
 * reference gets its kind and each call its callee expression.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "index/walk.h"
#include "index/bodies.h"
#include "index/lex.h"
#include "index/realpath_cache.h"
#include "base/util.h"

/*
 * How an expression uses what it names. R_DEREF_READ and R_DEREF_WRITE are
 * the operand of a '*' whose value is read or written: a name there is read
 * (the pointer), and an '&x' there is the access of x itself, as in
 * READ_ONCE(x) and WRITE_ONCE(x, v): *(volatile T *)&(x).
 */
enum role { R_READ, R_CALLEE, R_WRITE, R_ADDR, R_DEREF_READ, R_DEREF_WRITE };

struct cursor_name {
	CXCursor c;
	char *name;
	int sym;		/* -2: not computed */
};

/* output = READ_ONCE(n->output): the local and what it was loaded from */
struct local_src {
	CXCursor var, src;	/* src: a FieldDecl or ParmDecl; null: unknown */
};

struct walker {
	CXTranslationUnit tu;
	struct tu_facts *f;
	const struct walk_opts *o;
	size_t tree_len;
	const char *workdir;		/* relative names are relative to it */

	struct ptrmap file_idx;		/* CXFile -> file index + 1 */
	VEC(const char *) file_text;	/* contents, by file index */
	VEC(size_t) file_size;
	VEC(int) file_unit;		/* the file's "hdr:" unit, or -1 */
	struct strmap sym_idx;		/* usr -> sym index */
	struct strmap unit_idx;		/* key -> unit index */
	struct ptrmap cursor_idx;	/* clang_hashCursor -> cursor_names index */
	struct ptrmap ref_idx;		/* hash of a ref -> index in f->refs (ref_seen) */
	int uneval;			/* sizeof and typeof operands being walked */
	struct strmap preclaimed;	/* function keys claimed with their header: 1 until walked */
	struct strmap call_idx;		/* the calls recorded (call_seen) */
	VEC(char) blank_decls;		/* per file: holds declarations a blanked #define made */
	VEC(struct cursor_name) cursor_names;
	int main_file;

	int unit;			/* unit being walked */
	bool in_fn;			/* inside a function body */
	CXCursor fn;
	int fn_sym;
	VEC(CXCursor) params;
	VEC(struct local_src) local_src;	/* locals loaded from a field, parameter or function */
	struct strvec conds;		/* if-conditions around the current statement */

	struct strmap macro_val;	/* flag family #define -> index in vals */
	struct strmap enum_val;		/* enum constant -> index in vals (loaded on demand) */
	bool enums_loaded;
	VEC(long long) vals;
	VEC(struct f_flag) macro_flags;	/* from #defines, until the enums are known */
};

/* The conditions around the current statement, joined, or NULL. */
static char *guard_text(struct walker *w)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;

	if (!w->conds.n)
		return NULL;
	for (size_t i = 0; i < w->conds.n; i++)
		sb_addf(&sb, "%s%s", i ? " && " : "", w->conds.v[i]);
	out = arena_strdup(&w->f->arena, sb.buf);
	sb_free(&sb);
	return out;
}

const char *cx_strerror(enum CXErrorCode code)
{
	switch (code) {
	case CXError_Success:
		return "success";
	case CXError_Failure:
		return "libclang failed to parse it";
	case CXError_Crashed:
		return "libclang crashed while parsing it";
	case CXError_InvalidArguments:
		return "libclang rejected the arguments";
	case CXError_ASTReadError:
		return "libclang could not read an AST file";
	}
	return "unknown libclang error";
}

/* --- small libclang helpers --------------------------------------------- */

static char *cxstr(struct walker *w, CXString s)
{
	const char *c = clang_getCString(s);
	char *p = arena_strdup(&w->f->arena, c ? c : "");

	clang_disposeString(s);
	return p;
}

struct nth {
	unsigned want, i;
	CXCursor found;
	bool last;
};

static enum CXChildVisitResult nth_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	struct nth *n = d;

	if (n->last || n->i == n->want)
		n->found = c;
	if (!n->last && n->i == n->want)
		return CXChildVisit_Break;
	n->i++;
	return CXChildVisit_Continue;
}

static CXCursor child_at(CXCursor c, unsigned i)
{
	struct nth n = { .want = i, .found = clang_getNullCursor() };

	clang_visitChildren(c, nth_visit, &n);
	return n.found;
}

static CXCursor last_child(CXCursor c)
{
	struct nth n = { .last = true, .found = clang_getNullCursor() };

	clang_visitChildren(c, nth_visit, &n);
	return n.found;
}

static enum CXChildVisitResult count_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	(*(unsigned *)d)++;
	return CXChildVisit_Continue;
}

static unsigned n_children(CXCursor c)
{
	unsigned n = 0;

	clang_visitChildren(c, count_visit, &n);
	return n;
}

/*
 * The spelling of an operator: the API from libclang 17, tokens before.
 * For a binary operator, the first punctuation after the left operand.
 */
static void op_spelling(struct walker *w, CXCursor c, char out[8])
{
	out[0] = '\0';
#if CINDEX_VERSION_MINOR >= 64
	if (clang_getCursorKind(c) == CXCursor_UnaryOperator) {
		CXString s = clang_getUnaryOperatorKindSpelling(clang_getCursorUnaryOperatorKind(c));

		snprintf(out, 8, "%s", clang_getCString(s));
		clang_disposeString(s);
	} else {
		CXString s = clang_getBinaryOperatorKindSpelling(clang_getCursorBinaryOperatorKind(c));

		snprintf(out, 8, "%s", clang_getCString(s));
		clang_disposeString(s);
	}
#else
	CXToken *toks = NULL;
	unsigned n = 0, i, after = 0;
	CXSourceRange r = clang_getCursorExtent(c);

	if (clang_getCursorKind(c) != CXCursor_UnaryOperator) {
		CXSourceRange lr = clang_getCursorExtent(child_at(c, 0));

		clang_getExpansionLocation(clang_getRangeEnd(lr), NULL, NULL, NULL, &after);
	}
	clang_tokenize(w->tu, r, &toks, &n);
	for (i = 0; i < n; i++) {
		unsigned off;

		if (clang_getTokenKind(toks[i]) != CXToken_Punctuation)
			continue;
		clang_getExpansionLocation(clang_getTokenLocation(w->tu, toks[i]), NULL, NULL, NULL, &off);
		if (off < after)
			continue;
		CXString s = clang_getTokenSpelling(w->tu, toks[i]);

		snprintf(out, 8, "%s", clang_getCString(s));
		clang_disposeString(s);
		/* a postfix ++/-- comes last, a prefix one first */
		if (clang_getCursorKind(c) != CXCursor_UnaryOperator || i == 0 ||
		    !strcmp(out, "++") || !strcmp(out, "--"))
			break;
	}
	clang_disposeTokens(w->tu, toks, n);
#endif
}

/* Peel implicit casts, parentheses and C casts off an expression. */
static CXCursor strip(CXCursor c)
{
	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(c);

		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
		    k != CXCursor_CStyleCastExpr)
			return c;
		CXCursor ch = last_child(c);

		if (clang_Cursor_isNull(ch))
			return c;
		c = ch;
	}
}

/* --- files ------------------------------------------------------------ */

void header_unit_key(const char *path, int64_t mtime, int64_t size, char *key, size_t len)
{
	snprintf(key, len, "hdr:%s#%lld.%lld", path, (long long)mtime, (long long)size);
}

void file_stamp_make(const char *tree, const char *name, struct realpath_cache *dirs,
		     struct file_stamp *out)
{
	size_t tree_len = strlen(tree);
	char real[PATH_MAX];
	struct stat st;

	if (!(dirs ? realpath_cached(dirs, name, real) : realpath(name, real) != NULL))
		snprintf(real, sizeof(real), "%s", name);
	if (!strncmp(real, tree, tree_len) && real[tree_len] == '/')
		out->path = xstrdup(real + tree_len + 1);
	else
		out->path = xstrdup(real);
	out->mtime = out->size = 0;
	if (stat(real, &st) == 0) {
		out->mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
		out->size = st.st_size;
	}
}

static int file_index(struct walker *w, CXFile file)
{
	struct f_file ff = { 0 };
	struct file_stamp fs;
	char joined[PATH_MAX];
	const char *name;
	CXString s;
	int *slot;
	bool ins;

	if (!file)
		return -1;
	slot = ptrmap_put(&w->file_idx, (uintptr_t)file, 0, &ins);
	if (!ins)
		return *slot - 1;

	/* the name libclang resolved, else the spelled one against the TU's directory */
	s = clang_File_tryGetRealPathName(file);
	name = clang_getCString(s);
	if (!name || !*name) {
		clang_disposeString(s);
		s = clang_getFileName(file);
		name = clang_getCString(s);
	}
	if (!name)
		name = "?";
	if (name[0] != '/' && w->workdir) {
		if (snprintf(joined, sizeof(joined), "%s/%s", w->workdir, name) >= (int)sizeof(joined))
			snprintf(joined, sizeof(joined), "%s", name);
		name = joined;
	}
	if (w->o->stamp) {
		w->o->stamp(w->o->stamp_arg, name, &fs);
		ff.path = (char *)fs.path;
	} else {
		file_stamp_make(w->o->tree, name, NULL, &fs);
		ff.path = arena_strdup(&w->f->arena, fs.path);
		free((char *)fs.path);
	}
	clang_disposeString(s);
	ff.mtime = fs.mtime;
	ff.size = fs.size;
	VEC_PUSH(&w->f->files, ff);
	VEC_PUSH(&w->file_text, NULL);
	VEC_PUSH(&w->file_size, 0);
	VEC_PUSH(&w->file_unit, -1);
	*slot = (int)w->f->files.n;
	return *slot - 1;
}

static const char *file_text(struct walker *w, CXFile file, int idx, size_t *size)
{
	if (idx < 0)
		return NULL;
	if (!w->file_text.v[idx]) {
		size_t n = 0;
		const char *t = clang_getFileContents(w->tu, file, &n);

		w->file_text.v[idx] = t ? t : "";
		w->file_size.v[idx] = t ? n : 0;
	}
	*size = w->file_size.v[idx];
	return w->file_text.v[idx];
}

struct where {
	CXFile file;
	int idx;		/* file index, -1 when none */
	unsigned line, col, offset;
};

/* Where the user sees a location: macro bodies at the expansion, macro arguments where spelled. */
static struct where where_of(struct walker *w, CXSourceLocation loc)
{
	struct where r;

	clang_getFileLocation(loc, &r.file, &r.line, &r.col, &r.offset);
	r.idx = file_index(w, r.file);
	return r;
}

/* The identifier at a location, into buf. */
static const char *ident_at(struct walker *w, const struct where *at, char *buf, size_t len)
{
	size_t size, i = 0;
	const char *t = file_text(w, at->file, at->idx, &size);

	buf[0] = '\0';
	if (!t)
		return buf;
	while (at->offset + i < size && i + 1 < len) {
		char ch = t[at->offset + i];

		if (!(ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (i && ch >= '0' && ch <= '9')))
			break;
		buf[i++] = ch;
	}
	buf[i] = '\0';
	return buf;
}

/*
 * Where the expression that starts at OFF in T ends: at the next ',', ';' or
 * closing bracket outside brackets and quotes. In a #define (DEFINE), the
 * end of its line ends it too.
 */
static unsigned expr_end(const char *t, size_t size, unsigned off, bool define)
{
	int depth = 0;
	char quote = 0;
	unsigned o;

	for (o = off; o < size; o++) {
		char ch = t[o];

		if (ch == '\\' && o + 1 < size && t[o + 1] == '\n') {
			o++;
			continue;
		}
		if (define && ch == '\n')
			break;
		if (quote) {
			if (ch == '\\')
				o++;
			else if (ch == quote)
				quote = 0;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (ch == '(' || ch == '[' || ch == '{') {
			depth++;
		} else if (ch == ')' || ch == ']' || ch == '}') {
			if (!depth--)
				break;
		} else if ((ch == ',' || (define && ch == ';')) && !depth) {
			break;
		}
	}
	return o;
}

/* The expansion offsets of C's extent in *F: F is NULL when they are in two files. */
static void expansion_range(CXCursor c, CXFile *f, unsigned *o1, unsigned *o2)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile f2;

	clang_getExpansionLocation(clang_getRangeStart(r), f, NULL, NULL, o1);
	clang_getExpansionLocation(clang_getRangeEnd(r), &f2, NULL, NULL, o2);
	if (!*f || !f2 || !clang_File_isEqual(*f, f2))
		*f = NULL;
}

/*
 * The source text of an extent, macros unexpanded, white space folded.
 * OUTER, when not null, is the expression or statement C is part of (the
 * call of an argument, the if of a condition): when both expand from one
 * macro invocation, C is written in the macro's body, and its text is read
 * there. Without that, every argument of a call a macro body makes had the
 * whole invocation as its text: a TRACE_EVENT()'s 2,000 characters, for
 * each call in its expansion.
 */
static char *extent_text_in(struct walker *w, CXCursor c, CXCursor outer)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile f1, f2, fs, fo;
	unsigned o1, o2, os, p1, p2;
	struct strbuf sb = STRBUF_INIT;
	const char *t;
	size_t size;
	char *out;
	int idx;

	clang_getExpansionLocation(clang_getRangeStart(r), &f1, NULL, NULL, &o1);
	clang_getExpansionLocation(clang_getRangeEnd(r), &f2, NULL, NULL, &o2);
	clang_getFileLocation(clang_getRangeStart(r), &fs, NULL, NULL, &os);
	if (fs && f1 && clang_File_isEqual(fs, f1) && os != o1) {
		/*
		 * Spelled in a macro's argument, as "lo" in alloc_netdev(0, "lo", ...):
		 * the argument runs to the next top-level ',' or ')'.
		 */
		idx = file_index(w, fs);
		t = file_text(w, fs, idx, &size);
		o1 = os;
		o2 = t ? expr_end(t, size, os, false) : os;
		f1 = f2 = fs;
	} else if (!clang_Cursor_isNull(outer) && f1) {
		expansion_range(outer, &fo, &p1, &p2);
		if (fo && clang_File_isEqual(fo, f1) && p1 == o1 && p2 == o2) {
			/*
			 * Written in a macro's body: the text there, to its end. A
			 * token pasted with ## is written nowhere: the invocation
			 * tells more than nothing.
			 */
			clang_getSpellingLocation(clang_getRangeStart(r), &fs, NULL, NULL, &os);
			idx = fs ? file_index(w, fs) : -1;
			t = idx >= 0 ? file_text(w, fs, idx, &size) : NULL;
			if (t && os < size) {
				o1 = os;
				o2 = expr_end(t, size, os, true);
				f1 = f2 = fs;
			}
		}
	}
	if (!f1 || !clang_File_isEqual(f1, f2) || o2 < o1)
		return arena_strdup(&w->f->arena, "?");
	idx = file_index(w, f1);
	t = file_text(w, f1, idx, &size);
	if (!t || o2 > size)
		return arena_strdup(&w->f->arena, "?");
	for (unsigned i = o1; i < o2; i++) {
		char ch = t[i];

		if (ch == '\\' && i + 1 < o2 && t[i + 1] == '\n')
			ch = t[++i];	/* a #define's continued line */
		if (ch == '\n' || ch == '\t' || ch == '\r' || ch == ' ') {
			if (sb.len && sb.buf[sb.len - 1] != ' ')
				sb_add(&sb, " ", 1);
			continue;
		}
		sb_add(&sb, &ch, 1);
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	out = arena_strdup(&w->f->arena, sb.buf ? sb.buf : "");
	sb_free(&sb);
	return out;
}

static char *extent_text(struct walker *w, CXCursor c)
{
	return extent_text_in(w, c, clang_getNullCursor());
}

/* --- symbols ------------------------------------------------------------ */

static struct cursor_name *cursor_slot(struct walker *w, CXCursor c)
{
	unsigned h = clang_hashCursor(c);
	int *slot;
	bool ins;

	slot = ptrmap_put(&w->cursor_idx, (uintptr_t)h + 1, (int)w->cursor_names.n, &ins);
	if (!ins) {
		struct cursor_name *cn = &w->cursor_names.v[*slot];

		return clang_equalCursors(cn->c, c) ? cn : NULL;
	}
	struct cursor_name cn = { .c = c, .name = NULL, .sym = -2 };

	VEC_PUSH(&w->cursor_names, cn);
	return &w->cursor_names.v[w->cursor_names.n - 1];
}

static char *record_name(struct walker *w, CXCursor rec);

struct field_find {
	CXCursor rec, found;
};

static enum CXVisitorResult field_find_visit(CXCursor c, CXClientData d)
{
	struct field_find *ff = d;
	CXCursor decl = clang_getTypeDeclaration(clang_getCanonicalType(clang_getCursorType(c)));

	if (clang_equalCursors(clang_getCanonicalCursor(decl), ff->rec)) {
		ff->found = c;
		return CXVisit_Break;
	}
	return CXVisit_Continue;
}

static char *record_name_uncached(struct walker *w, CXCursor rec)
{
	CXCursor parent = clang_getCursorSemanticParent(rec);
	enum CXCursorKind pk = clang_getCursorKind(parent);
	bool parent_is_record = pk == CXCursor_StructDecl || pk == CXCursor_UnionDecl;
	char *name;

	if (clang_Cursor_isAnonymousRecordDecl(rec) && parent_is_record)
		return record_name(w, parent);
	name = cxstr(w, clang_getCursorSpelling(rec));
	if (*name && !strchr(name, ' ') && !strchr(name, '('))
		return name;
	if (parent_is_record) {
		/* struct { ... } backlog; inside struct softnet_data */
		struct field_find ff = { .rec = rec, .found = clang_getNullCursor() };

		clang_Type_visitFields(clang_getCursorType(parent), field_find_visit, &ff);
		if (!clang_Cursor_isNull(ff.found)) {
			char *pn = record_name(w, parent);
			char *fn = cxstr(w, clang_getCursorSpelling(ff.found));
			char *full = xasprintf("%s.%s", pn, fn);

			name = arena_strdup(&w->f->arena, full);
			free(full);
			return name;
		}
	}
	/* typedef struct { ... } name_t; */
	name = cxstr(w, clang_getTypeSpelling(clang_getCursorType(rec)));
	if (*name && !strchr(name, ' ') && !strchr(name, '('))
		return name;
	return arena_strdup(&w->f->arena, "(anonymous)");
}

static char *record_name(struct walker *w, CXCursor rec)
{
	struct cursor_name *cn;

	rec = clang_getCanonicalCursor(rec);
	cn = cursor_slot(w, rec);
	if (cn && cn->name)
		return cn->name;
	char *name = record_name_uncached(w, rec);

	/* the slot may have moved while the name was computed */
	cn = cursor_slot(w, rec);
	if (cn)
		cn->name = name;
	return name;
}

/* STRUCT.FIELD parts of a FieldDecl. */
static char *field_struct(struct walker *w, CXCursor field)
{
	return record_name(w, clang_getCursorSemanticParent(field));
}

/* A FieldDecl as STRUCT.FIELD (net_device_ops.ndo_start_xmit), in the TU's arena. */
static char *field_via(struct walker *w, CXCursor field)
{
	char *via = xasprintf("%s.%s", field_struct(w, field), cxstr(w, clang_getCursorSpelling(field)));
	char *out = arena_strdup(&w->f->arena, via);

	free(via);
	return out;
}

/* Is T a pointer to a function? */
static bool is_fn_pointer(CXType t)
{
	t = clang_getCanonicalType(t);
	if (t.kind != CXType_Pointer)
		return false;
	t = clang_getCanonicalType(clang_getPointeeType(t));
	return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}

static int sym_of_uncached(struct walker *w, CXCursor decl)
{
	enum CXCursorKind k = clang_getCursorKind(decl);
	struct f_sym s;
	CXString u;
	const char *usr;
	int *slot;
	bool ins;

	u = clang_getCursorUSR(decl);
	usr = clang_getCString(u);
	if (!usr || !*usr) {
		clang_disposeString(u);
		return -1;
	}
	slot = strmap_put(&w->sym_idx, usr, (int)w->f->syms.n, &ins);
	if (!ins) {
		clang_disposeString(u);
		return *slot;
	}
	s.usr = arena_strdup(&w->f->arena, usr);
	clang_disposeString(u);
	switch (k) {
	case CXCursor_FunctionDecl:
		s.kind = "function";
		break;
	case CXCursor_FieldDecl:
		s.kind = "field";
		break;
	case CXCursor_EnumConstantDecl:
		s.kind = "enum";
		break;
	default:
		s.kind = "var";
		break;
	}
	if (k == CXCursor_FieldDecl) {
		char *st = field_struct(w, decl);
		char *fn = cxstr(w, clang_getCursorSpelling(decl));
		char *full = xasprintf("%s.%s", st, fn);

		s.name = arena_strdup(&w->f->arena, full);
		free(full);
	} else {
		s.name = cxstr(w, clang_getCursorSpelling(decl));
	}
	VEC_PUSH(&w->f->syms, s);
	return *slot;
}

static int sym_of(struct walker *w, CXCursor decl)
{
	struct cursor_name *cn;
	int sym;

	decl = clang_getCanonicalCursor(decl);
	cn = cursor_slot(w, decl);
	if (cn && cn->sym != -2)
		return cn->sym;
	sym = sym_of_uncached(w, decl);
	cn = cursor_slot(w, decl);
	if (cn)
		cn->sym = sym;
	return sym;
}

static bool is_global_var(CXCursor decl)
{
	if (clang_getCursorKind(decl) != CXCursor_VarDecl)
		return false;
	if (clang_getCursorLinkage(decl) != CXLinkage_NoLinkage)
		return true;
	/* a static local is not a global */
	return clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_TranslationUnit;
}

static int param_index(struct walker *w, CXCursor decl)
{
	if (!w->in_fn || clang_getCursorKind(decl) != CXCursor_ParmDecl)
		return 0;
	for (size_t i = 0; i < w->params.n; i++)
		if (clang_equalCursors(w->params.v[i], decl))
			return (int)i + 1;
	return 0;
}

/* --- facts -------------------------------------------------------------- */

/* The hash of a ref's place (where it is, what it names), with its kind or not. */
static uint64_t ref_hash(const struct f_ref *r, bool with_kind)
{
	struct {
		int unit, sym, file, line, col;
		uintptr_t kind;
		int in_macro;
	} key;

	memset(&key, 0, sizeof(key));	/* the padding too: it is hashed */
	key.unit = r->unit;
	key.sym = r->sym;
	key.file = r->file;
	key.line = r->line;
	key.col = r->col;
	key.kind = with_kind ? (uintptr_t)r->kind : 0;	/* one of four string literals */
	key.in_macro = r->in_macro;
	return hash_bytes(&key, sizeof(key)) | 1;
}

static bool same_place(const struct f_ref *a, const struct f_ref *b)
{
	return a->unit == b->unit && a->sym == b->sym && a->file == b->file &&
	       a->line == b->line && a->col == b->col && a->in_macro == b->in_macro;
}

/*
 * A reference is one row per place: a macro that expands an argument more
 * than once (the size switch of this_cpu_add(), max()) names the same thing
 * at the same spelling location once per copy. Those copies were 39% of the
 * bench corpus's refs (linux_mib.mibs read 34 times at one place in
 * tcp_input.c). The row already there for R's place and kind, or NULL. Two
 * refs whose hashes collide are both kept.
 */
static struct f_ref *ref_seen(struct walker *w, const struct f_ref *r)
{
	struct f_ref *o;
	bool inserted;
	int *at;

	at = ptrmap_put(&w->ref_idx, ref_hash(r, true), (int)w->f->refs.n, &inserted);
	if (inserted)
		return NULL;
	o = &w->f->refs.v[*at];
	return same_place(o, r) && o->kind == r->kind ? o : NULL;
}

/*
 * A name under sizeof or typeof is evaluated by nobody (f_ref.uneval). It
 * is kept where nothing else uses it (sizeof(skb->cb) reads as a read), and
 * dropped at a place that the same expansion also reads, writes, calls or
 * takes the address of: WRITE_ONCE(x, v) checks sizeof(x) and stores to x,
 * and is a write of x alone, not a read and a write.
 */
static void drop_unevaluated_beside_use(struct walker *w)
{
	struct ptrmap used = { 0 };
	bool *drop = xcalloc(w->f->refs.n + 1, sizeof(*drop)), inserted;
	size_t n = 0;

	for (size_t i = 0; i < w->f->refs.n; i++)
		if (!w->f->refs.v[i].uneval)
			ptrmap_put(&used, ref_hash(&w->f->refs.v[i], false), (int)i, &inserted);
	/* all marked before any is moved: USED holds indices as they are now */
	for (size_t i = 0; i < w->f->refs.n; i++) {
		const struct f_ref *r = &w->f->refs.v[i];
		int *at = r->uneval ? ptrmap_get(&used, ref_hash(r, false)) : NULL;

		drop[i] = at && same_place(&w->f->refs.v[*at], r);
	}
	for (size_t i = 0; i < w->f->refs.n; i++)
		if (!drop[i])
			w->f->refs.v[n++] = w->f->refs.v[i];
	w->f->refs.n = n;
	free(drop);
	ptrmap_free(&used);
}

/*
 * A call site is one row too: NET_INC_STATS(sock_net(sk), ...) expands its
 * argument once per case of this_cpu_add()'s size switch, and tcp_input.c's
 * tcp_check_dsack() called sock_net() 34 times at one place, each printed
 * by 'callers sock_net'.
 */
static bool call_seen(struct walker *w, const struct f_call *c)
{
	struct strbuf key = STRBUF_INIT;
	bool ins;

	sb_addf(&key, "%d %d %d %d %d %d %s", c->unit, c->caller, c->callee, c->file, c->line,
		c->col, c->kind);
	/* \x1f between the texts, none of which holds it */
	sb_addf(&key, "\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", c->via ? c->via : "", c->macro ? c->macro : "",
		c->fn_type ? c->fn_type : "", c->args ? c->args : "", c->guard ? c->guard : "");
	strmap_put(&w->call_idx, key.buf, 0, &ins);
	sb_free(&key);
	return !ins;
}

static void add_ref(struct walker *w, CXCursor use, CXCursor decl, enum role role)
{
	enum CXCursorKind k = clang_getCursorKind(decl);
	struct f_ref r, *seen;
	struct where at;
	char ident[256];
	const char *name;
	CXString s;

	switch (k) {
	case CXCursor_FunctionDecl:
	case CXCursor_FieldDecl:
	case CXCursor_EnumConstantDecl:
		break;
	case CXCursor_VarDecl:
		if (!is_global_var(decl))
			return;
		break;
	default:
		return;
	}
	r.sym = sym_of(w, decl);
	if (r.sym < 0)
		return;
	at = where_of(w, clang_getCursorLocation(use));
	if (at.idx < 0)
		return;
	r.unit = w->unit;
	r.file = at.idx;
	r.line = at.line;
	r.col = at.col;
	switch (role) {
	case R_CALLEE:
		r.kind = "call";
		break;
	case R_WRITE:
		r.kind = "write";
		break;
	case R_ADDR:
		r.kind = "addr";
		break;
	default:
		r.kind = k == CXCursor_FunctionDecl ? "addr" : "read";
		break;
	}
	s = clang_getCursorSpelling(decl);
	name = clang_getCString(s);
	r.in_macro = strcmp(ident_at(w, &at, ident, sizeof(ident)), name ? name : "") != 0;
	r.uneval = w->uneval > 0;
	clang_disposeString(s);
	seen = ref_seen(w, &r);
	if (!seen)
		VEC_PUSH(&w->f->refs, r);
	else if (!r.uneval)
		seen->uneval = false;
}

/* The function or variable an expression names: f, &f, (cast)&var. */
static CXCursor named_target(CXCursor e, bool *addr_of)
{
	char op[8] = "";

	*addr_of = false;
	e = strip(e);
	if (clang_getCursorKind(e) == CXCursor_UnaryOperator) {
		CXCursor ch = child_at(e, 0);
#if CINDEX_VERSION_MINOR >= 64
		if (clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_AddrOf)
			strcpy(op, "&");
#else
		/* without the API: &x is the only unary operator whose operand can be an lvalue of record type or a function */
		strcpy(op, "&");
#endif
		if (strcmp(op, "&"))
			return clang_getNullCursor();
		*addr_of = true;
		e = strip(ch);
	}
	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	return clang_getCursorReferenced(e);
}

static bool is_integer_type(CXType t)
{
	t = clang_getCanonicalType(t);
	return (t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum;
}

/* The integer value of a constant expression, when it has one. */
static bool eval_int(CXCursor e, int64_t *value)
{
	bool ok = false;
	CXEvalResult ev;

	if (!is_integer_type(clang_getCursorType(e)))
		return false;
	ev = clang_Cursor_Evaluate(e);
	if (!ev)
		return false;
	if (clang_EvalResult_getKind(ev) == CXEval_Int) {
		ok = true;
		if (clang_EvalResult_isUnsignedInt(ev))
			*value = (int64_t)clang_EvalResult_getAsUnsigned(ev);
		else
			*value = clang_EvalResult_getAsLongLong(ev);
	}
	clang_EvalResult_dispose(ev);
	return ok;
}

struct last_expr {
	CXCursor e;
};

static enum CXChildVisitResult last_expr_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	if (clang_isExpression(clang_getCursorKind(c)))
		((struct last_expr *)d)->e = c;
	return CXChildVisit_Continue;
}

/*
 * The value of a string constant behind a macro, or of the array it names
 * (.name = e1000_driver_name, char e1000_driver_name[] = "e1000"), or NULL.
 */
static char *eval_str(struct walker *w, CXCursor e)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(e));
	CXEvalResult ev;
	CXCursor ref;
	char *out = NULL;

	if (t.kind != CXType_Pointer && t.kind != CXType_ConstantArray)
		return NULL;
	ev = clang_Cursor_Evaluate(e);
	if (ev && clang_EvalResult_getKind(ev) == CXEval_StrLiteral)
		out = arena_strdup(&w->f->arena, clang_EvalResult_getAsStr(ev));
	if (ev)
		clang_EvalResult_dispose(ev);
	ref = clang_getCursorReferenced(strip(e));
	if (!out && clang_getCursorKind(ref) == CXCursor_VarDecl &&
	    clang_getCanonicalType(clang_getCursorType(ref)).kind == CXType_ConstantArray) {
		struct last_expr le = { clang_getNullCursor() };

		clang_visitChildren(ref, last_expr_visit, &le);
		if (!clang_Cursor_isNull(le.e) &&
		    clang_getCursorKind(strip(le.e)) == CXCursor_StringLiteral)
			out = eval_str(w, strip(le.e));
	}
	return out;
}

static void json_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_addf(sb, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			sb_addf(sb, "\\u%04x", *s);
		else
			sb_add(sb, s, 1);
	}
}

/*
 * The struct field an argument names, as STRUCT.FIELD, or NULL:
 * &sd->input_pkt_queue, &other->sk_receive_queue, sk->sk_wq, &n->timer.
 * This is what links the two sides of a hand-off (a queue, a work item, a
 * timer) in SQL.
 */
static char *arg_field(struct walker *w, CXCursor a)
{
	CXCursor f;

	a = strip(a);
	if (clang_getCursorKind(a) == CXCursor_UnaryOperator)
		a = strip(last_child(a));	/* &x->f */
	if (clang_getCursorKind(a) != CXCursor_MemberRefExpr)
		return NULL;
	f = clang_getCursorReferenced(a);
	if (clang_getCursorKind(f) != CXCursor_FieldDecl)
		return NULL;
	return field_via(w, f);
}

/*
 * The caller's function-pointer parameter (1-based) that argument A passes
 * on as it is: 2.6.35's NF_HOOK(..., okfn) calls NF_HOOK_THRESH(..., okfn,
 * INT_MIN), which calls okfn. 0 for any other argument.
 */
static int param_passed_on(struct walker *w, CXCursor a)
{
	CXCursor d;

	a = strip(a);
	if (clang_getCursorKind(a) != CXCursor_DeclRefExpr)
		return 0;
	d = clang_getCursorReferenced(a);
	if (!is_fn_pointer(clang_getCursorType(d)))
		return 0;
	return param_index(w, d);
}

/*
 * The arguments of a call as spelled, with the value of each constant one
 * (how gen_lo_setup(dev, (64 * 1024), ...) gives lo its MTU), the field
 * each one names, and the caller's function-pointer parameter it passes on
 * (param_passed_on): ["dev", {"text": "(64 * 1024)", "value": 65536},
 * {"text": "okfn", "param": 6}]. An argument with none of these is its text
 * alone (schemas/023_call_args_text.sql).
 */
static char *call_args_json(struct walker *w, CXCursor call, int n)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;

	if (n <= 0)
		return NULL;
	sb_add(&sb, "[", 1);
	for (int i = 0; i < n; i++) {
		CXCursor a = clang_Cursor_getArgument(call, i);
		enum CXCursorKind k = clang_getCursorKind(strip(a));
		const char *field = arg_field(w, a);
		int param = k == CXCursor_DeclRefExpr ? param_passed_on(w, a) : 0;
		bool has_value;
		int64_t v;

		/* variables and calls are not constants: skip the evaluator */
		has_value = k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr &&
			    k != CXCursor_CallExpr && eval_int(a, &v);
		if (i)
			sb_add(&sb, ",", 1);
		sb_adds(&sb, field || has_value || param ? "{\"text\":\"" : "\"");
		json_escape(&sb, extent_text_in(w, a, call));
		sb_add(&sb, "\"", 1);
		if (!field && !has_value && !param)
			continue;
		if (param)
			sb_addf(&sb, ",\"param\":%d", param);
		if (field) {
			sb_adds(&sb, ",\"field\":\"");
			json_escape(&sb, field);
			sb_add(&sb, "\"", 1);
		}
		if (has_value)
			sb_addf(&sb, ",\"value\":%lld", (long long)v);
		sb_add(&sb, "}", 1);
	}
	sb_add(&sb, "]", 1);
	out = arena_strdup(&w->f->arena, sb.buf);
	sb_free(&sb);
	return out;
}

/* The local variable an expression names, or a null cursor. */
static CXCursor local_var(struct walker *w, CXCursor e)
{
	CXCursor d;

	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	d = clang_getCursorReferenced(e);
	if (!w->in_fn || clang_getCursorKind(d) != CXCursor_VarDecl || is_global_var(d))
		return clang_getNullCursor();
	return d;
}

/* The association _Generic chose: the one whose type is the selection's. */
static CXCursor generic_choice(CXCursor sel)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(sel));
	unsigned n = n_children(sel);
	CXCursor found = clang_getNullCursor();

	/* child 0 is the controlling expression */
	for (unsigned i = 1; i < n; i++) {
		CXCursor a = child_at(sel, i);

		if (!clang_equalTypes(clang_getCanonicalType(clang_getCursorType(a)), t))
			continue;
		if (!clang_Cursor_isNull(found))
			return clang_getNullCursor();	/* ambiguous */
		found = a;
	}
	return found;
}

/*
 * What a callee expression calls through, whatever surrounds it: casts,
 * parentheses, '*' and '&', a statement expression's value (READ_ONCE()),
 * the association _Generic chose, an array element (the array), and a local
 * variable loaded from a field, a parameter or a function before the call
 * (INDIRECT_CALL_*()'s __f1, output = READ_ONCE(n->output)). Returns the
 * FunctionDecl, FieldDecl, ParmDecl or VarDecl, or a null cursor; *local is
 * set to the local variable the call went through, if any.
 */
static CXCursor callee_source(struct walker *w, CXCursor e, CXCursor *local)
{
	for (int hops = 0; hops < 32 && !clang_Cursor_isNull(e); hops++) {
		CXCursor d;

		e = strip(e);
		switch (clang_getCursorKind(e)) {
		case CXCursor_UnaryOperator:
			e = last_child(e);
			continue;
		case CXCursor_StmtExpr:
			e = last_child(child_at(e, 0));
			if (!clang_isExpression(clang_getCursorKind(e)))
				return clang_getNullCursor();
			continue;
		case CXCursor_GenericSelectionExpr:
			e = generic_choice(e);
			continue;
		case CXCursor_ArraySubscriptExpr:
			e = child_at(e, 0);
			continue;
		case CXCursor_MemberRefExpr:
			return clang_getCursorReferenced(e);
		case CXCursor_DeclRefExpr:
			d = local_var(w, e);
			if (clang_Cursor_isNull(d))
				return clang_getCursorReferenced(e);
			for (size_t i = w->local_src.n; i-- > 0;) {
				if (!clang_equalCursors(w->local_src.v[i].var, d))
					continue;
				if (local && clang_Cursor_isNull(*local))
					*local = d;
				return w->local_src.v[i].src;
			}
			/* not assigned since: its initializer (rcu_dereference()'s ________p1) */
			e = clang_Cursor_getVarDeclInitializer(d);
			if (clang_Cursor_isNull(e))
				return d;
			if (local && clang_Cursor_isNull(*local))
				*local = d;
			continue;
		default:
			return clang_getNullCursor();
		}
	}
	return clang_getNullCursor();
}

/*
 * typeof(f) __f1 = (f); fn = READ_ONCE(ops->fn): remember what the local
 * holds when it is a field or a parameter, so that a call through it is
 * classified as one through its source. A later assignment from anything
 * else (a function too: fn = netif_rx stays a 'pointer' call) forgets it.
 */
static void local_source(struct walker *w, CXCursor var, CXCursor rhs)
{
	CXCursor src = callee_source(w, rhs, NULL);
	enum CXCursorKind k = clang_getCursorKind(src);
	struct local_src ls = { var, src };

	if (!is_fn_pointer(clang_getCursorType(var)))
		return;
	if (k != CXCursor_FieldDecl && k != CXCursor_ParmDecl) {
		/* a NULL default keeps nothing to forget; anything else is unknown */
		if (clang_getCursorKind(strip(rhs)) == CXCursor_IntegerLiteral ||
		    clang_getCursorKind(strip(rhs)) == CXCursor_GNUNullExpr)
			return;
		ls.src = clang_getNullCursor();
	}
	VEC_PUSH(&w->local_src, ls);
}

static void add_call(struct walker *w, CXCursor call)
{
	CXCursor ref = clang_getCursorReferenced(call);
	enum CXCursorKind rk = clang_getCursorKind(ref);
	CXCursor callee = strip(child_at(call, 0));
	CXCursor local = clang_getNullCursor();
	struct f_call fc = { .unit = w->unit, .callee = -1, .caller = w->fn_sym };
	struct where at;
	char ident[256], *name = NULL;
	int n, p;

	if (!clang_Cursor_isNull(callee) &&
	    (clang_Cursor_isNull(ref) || clang_getCursorKind(ref) == CXCursor_VarDecl)) {
		/* (*fp)(x), READ_ONCE(ops->fn)(x), __f1(x): look through to the source */
		CXCursor src = callee_source(w, callee, &local);

		if (!clang_Cursor_isNull(src)) {
			ref = src;
			rk = clang_getCursorKind(ref);
		}
	}

	if (rk == CXCursor_FunctionDecl) {
		name = cxstr(w, clang_getCursorSpelling(ref));
		if (!strncmp(name, "__builtin_", 10))
			return;
		fc.kind = "direct";
		fc.callee = sym_of(w, ref);
	} else if (rk == CXCursor_FieldDecl) {
		name = cxstr(w, clang_getCursorSpelling(ref));
		fc.kind = "field";
		fc.via = field_via(w, ref);
	} else if ((p = param_index(w, ref)) > 0) {
		char via[32];

		name = cxstr(w, clang_getCursorSpelling(ref));
		snprintf(via, sizeof(via), "param:%d", p);
		fc.kind = "param";
		fc.via = arena_strdup(&w->f->arena, via);
	} else {
		fc.kind = "pointer";
		if (!clang_Cursor_isNull(ref))
			name = cxstr(w, clang_getCursorSpelling(ref));
	}

	if (fc.callee < 0 && !clang_Cursor_isNull(callee)) {
		/* what an indirect call calls: the pointee of the callee's type */
		CXType t = clang_getCanonicalType(clang_getCursorType(callee));

		if (t.kind == CXType_Pointer)
			t = clang_getCanonicalType(clang_getPointeeType(t));
		if (t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto)
			fc.fn_type = cxstr(w, clang_getTypeSpelling(t));
	}
	/* ops->hooks[i](m) is written at the field's name, like ops->fn(m) */
	if (clang_getCursorKind(callee) == CXCursor_ArraySubscriptExpr &&
	    clang_getCursorKind(strip(child_at(callee, 0))) == CXCursor_MemberRefExpr)
		callee = strip(child_at(callee, 0));
	at = where_of(w, clang_getCursorLocation(clang_Cursor_isNull(callee) ? call : callee));
	if (at.idx < 0)
		return;
	fc.file = at.idx;
	fc.line = at.line;
	fc.col = at.col;
	/* through a local: the name written is the local's */
	if (!clang_Cursor_isNull(local))
		name = cxstr(w, clang_getCursorSpelling(local));
	/* the call was made by a macro when the name written there is not the callee's */
	if (name && *name) {
		ident_at(w, &at, ident, sizeof(ident));
		if (*ident && strcmp(ident, name))
			fc.macro = arena_strdup(&w->f->arena, ident);
	}
	n = clang_Cursor_getNumArguments(call);
	fc.args = call_args_json(w, call, n);
	fc.guard = guard_text(w);
	if (call_seen(w, &fc))
		return;	/* another copy of one call site: its arguments are recorded */
	VEC_PUSH(&w->f->calls, fc);

	for (int i = 0; i < n; i++) {
		bool addr;
		CXCursor t = named_target(clang_Cursor_getArgument(call, i), &addr);
		enum CXCursorKind tk = clang_getCursorKind(t);
		struct f_arg a = { .unit = w->unit, .caller = w->fn_sym, .callee = fc.callee,
				   .arg = i + 1, .file = fc.file, .line = fc.line };

		if (tk == CXCursor_FunctionDecl) {
			a.target_kind = "function";
		} else if (tk == CXCursor_VarDecl && is_global_var(t)) {
			CXType ty = clang_getCanonicalType(clang_getCursorType(t));

			/* &ops_table, or a table array passed by name */
			if (!(addr && ty.kind == CXType_Record) &&
			    !(!addr && (ty.kind == CXType_ConstantArray ||
					ty.kind == CXType_IncompleteArray)))
				continue;
			a.target_kind = "var";
		} else {
			continue;
		}
		a.target = sym_of(w, t);
		if (a.target >= 0)
			VEC_PUSH(&w->f->args, a);
	}
}

/*
 * The struct field LHS writes (dev->mtu in dev->mtu = x, dev->x++), filling
 * A's where, struct, field and op. False when LHS is not a field.
 */
static bool field_write(struct walker *w, CXCursor lhs, const char *op, struct f_assign *a,
			struct where *at)
{
	CXCursor field;

	if (!w->in_fn || clang_getCursorKind(lhs) != CXCursor_MemberRefExpr)
		return false;
	field = clang_getCursorReferenced(lhs);
	if (clang_getCursorKind(field) != CXCursor_FieldDecl)
		return false;
	*at = where_of(w, clang_getCursorLocation(lhs));
	if (at->idx < 0)
		return false;
	memset(a, 0, sizeof(*a));
	a->unit = w->unit;
	a->func = w->fn_sym;
	a->file = at->idx;
	a->line = at->line;
	a->struct_name = field_struct(w, field);
	a->field = cxstr(w, clang_getCursorSpelling(field));
	a->op = arena_strdup(&w->f->arena, op);
	return true;
}

/*
 * max_backlog = READ_ONCE(net_hotdata.max_backlog): what a local holds. Not
 * a local a macro declares (__UNIQUE_ID_rcu1010 in rcu_dereference()): no
 * condition as written can name it, and its number is __COUNTER__'s, which
 * depends on everything the TU parsed before.
 */
static void add_local(struct walker *w, CXCursor var, CXCursor rhs, CXSourceLocation loc)
{
	struct where at = where_of(w, loc), decl = where_of(w, clang_getCursorLocation(var));
	struct f_local l = { .unit = w->unit, .func = w->fn_sym };
	char ident[256];

	if (at.idx < 0)
		return;
	l.var = cxstr(w, clang_getCursorSpelling(var));
	if (strcmp(ident_at(w, &decl, ident, sizeof(ident)), l.var))
		return;
	l.line = at.line;
	l.rhs = extent_text(w, rhs);
	VEC_PUSH(&w->f->locals, l);
}

/* Is C the unary operator WANT ("*", "&")? */
static bool is_unary(struct walker *w, CXCursor c, const char *want)
{
	char op[8];

	if (clang_getCursorKind(c) != CXCursor_UnaryOperator)
		return false;
	op_spelling(w, c, op);
	return !strcmp(op, want);
}

/*
 * X, of *(volatile T *)&(X): WRITE_ONCE(X, v) assigns to X through a pointer
 * only to make the store volatile (dev->mtu in dev_set_mtu(), sk->sk_err
 * all over TCP), and smp_store_release(&X, v) is WRITE_ONCE(*&X, v). Else C,
 * stripped of casts and parentheses.
 */
static CXCursor once_target(struct walker *w, CXCursor c)
{
	CXCursor e = strip(c), a;

	while (is_unary(w, e, "*") && is_unary(w, a = strip(child_at(e, 0)), "&"))
		e = strip(child_at(a, 0));
	return e;
}

/*
 * n->ops->hh_output: the function-pointer field E reads, as STRUCT.FIELD
 * (neigh_ops.hh_output); NULL when E is no such read.
 */
static char *fn_field_read(struct walker *w, CXCursor e)
{
	CXCursor field;

	if (clang_getCursorKind(e) != CXCursor_MemberRefExpr)
		return NULL;
	field = clang_getCursorReferenced(e);
	if (clang_getCursorKind(field) != CXCursor_FieldDecl || !is_fn_pointer(clang_getCursorType(field)))
		return NULL;
	return field_via(w, field);
}

static void add_assign(struct walker *w, CXCursor c, const char *op)
{
	CXCursor left = strip(child_at(c, 0)), lhs = once_target(w, left);
	CXCursor rhs = child_at(c, 1), t, text;
	struct f_assign a;
	struct where at;
	bool addr;

	if (!w->in_fn || clang_Cursor_isNull(rhs))
		return;
	if (clang_getCursorKind(lhs) == CXCursor_DeclRefExpr && !strcmp(op, "=")) {
		CXCursor var = clang_getCursorReferenced(lhs);

		if (clang_getCursorKind(var) == CXCursor_VarDecl && !is_global_var(var)) {
			add_local(w, var, rhs, clang_getCursorLocation(lhs));
			local_source(w, var, rhs);
		}
		return;
	}
	if (!field_write(w, lhs, op, &a, &at))
		return;
	/*
	 * WRITE_ONCE(x, v) stores '(v)', parenthesized in its body: v, as the
	 * caller wrote it, is the text (under the parentheses and the implicit
	 * conversions around them).
	 */
	text = rhs;
	if (!clang_equalCursors(lhs, left))
		while (clang_getCursorKind(text) == CXCursor_ParenExpr ||
		       (clang_getCursorKind(text) == CXCursor_UnexposedExpr && n_children(text) == 1))
			text = child_at(text, 0);
	a.rhs = extent_text_in(w, text, c);
	a.guard = guard_text(w);
	a.has_value = eval_int(rhs, &a.value);
	t = strip(rhs);
	if (clang_getCursorKind(t) == CXCursor_DeclRefExpr)
		a.param = param_index(w, clang_getCursorReferenced(t));
	else if (!strcmp(op, "="))
		a.src = fn_field_read(w, t);
	VEC_PUSH(&w->f->assigns, a);

	/* sd->backlog.poll = process_backlog; binds a function at run time */
	t = named_target(rhs, &addr);
	if (!strcmp(op, "=") && clang_getCursorKind(t) == CXCursor_FunctionDecl) {
		struct f_binding b = { .unit = w->unit, .table = -1, .func = w->fn_sym,
				       .file = at.idx, .line = at.line, .col = at.col,
				       .context = "assignment" };
		CXCursor base = strip(child_at(lhs, 0));

		b.struct_name = a.struct_name;
		b.field = a.field;
		b.fn = sym_of(w, t);
		if (clang_getCursorKind(base) == CXCursor_DeclRefExpr) {
			CXCursor var = clang_getCursorReferenced(base);

			if (is_global_var(var))
				b.table = sym_of(w, var);
		}
		if (b.fn >= 0)
			VEC_PUSH(&w->f->bindings, b);
	}
}

/* dev->stats.tx_dropped++: an assignment with no right-hand side */
static void add_incdec(struct walker *w, CXCursor c, const char *op)
{
	struct f_assign a;
	struct where at;

	if (!field_write(w, once_target(w, child_at(c, 0)), op, &a, &at))
		return;
	a.rhs = arena_strdup(&w->f->arena, "");
	VEC_PUSH(&w->f->assigns, a);
}

static void add_return(struct walker *w, CXCursor c)
{
	CXCursor e = child_at(c, 0);
	struct f_ret r = { .unit = w->unit, .func = w->fn_sym };
	struct where at = where_of(w, clang_getCursorLocation(c));

	if (!w->in_fn || at.idx < 0 || clang_Cursor_isNull(e))
		return;
	r.file = at.idx;
	r.line = at.line;
	r.expr = extent_text_in(w, e, c);
	r.has_value = eval_int(e, &r.value);
	r.guard = guard_text(w);
	VEC_PUSH(&w->f->rets, r);
}

/* --- expressions -------------------------------------------------------- */

static void walk(struct walker *w, CXCursor c, enum role role);

struct frame {
	struct walker *w;
	enum CXCursorKind kind;
	enum role role;		/* the parent's own role */
	char op[8];
	unsigned i;
	CXCursor last;		/* a cast's child not walked yet: its operand, if last */
	bool pending;
};

/* C, an operand nothing evaluates: its refs are marked (drop_unevaluated_beside_use) */
static void walk_unevaluated(struct walker *w, CXCursor c)
{
	w->uneval++;
	walk(w, c, R_READ);
	w->uneval--;
}

static enum CXChildVisitResult walk_child(CXCursor c, CXCursor parent, CXClientData d)
{
	struct frame *fr = d;
	enum role r = R_READ;
	unsigned i = fr->i++;

	switch (fr->kind) {
	case CXCursor_CallExpr:
		r = i == 0 ? R_CALLEE : R_READ;
		break;
	case CXCursor_UnaryExpr:	/* sizeof, _Alignof, offsetof: nothing evaluated */
		walk_unevaluated(fr->w, c);
		return CXChildVisit_Continue;
	case CXCursor_CStyleCastExpr:
		/*
		 * The operand comes last; a child before it is in the type
		 * (typeof(x)), not evaluated. Each is walked when the next
		 * shows it was not the last, and walk_children walks the last.
		 */
		if (fr->pending)
			walk_unevaluated(fr->w, fr->last);
		fr->last = c;
		fr->pending = true;
		return CXChildVisit_Continue;
	case CXCursor_BinaryOperator:
		r = i == 0 && !strcmp(fr->op, "=") ? R_WRITE : R_READ;
		break;
	case CXCursor_CompoundAssignOperator:
		r = i == 0 ? R_WRITE : R_READ;
		break;
	case CXCursor_UnaryOperator:
		if (!strcmp(fr->op, "&"))
			r = fr->role == R_DEREF_READ ? R_READ :
			    fr->role == R_DEREF_WRITE ? R_WRITE : R_ADDR;
		else if (!strcmp(fr->op, "++") || !strcmp(fr->op, "--"))
			r = R_WRITE;
		else if (!strcmp(fr->op, "*"))
			r = fr->role == R_WRITE ? R_DEREF_WRITE :
			    fr->role == R_CALLEE || fr->role == R_ADDR ? R_READ : R_DEREF_READ;
		break;
	case CXCursor_UnexposedExpr:
	case CXCursor_ParenExpr:
		r = fr->role;
		break;
	default:
		break;
	}
	walk(fr->w, c, r);
	return CXChildVisit_Continue;
}

static void walk_children(struct walker *w, CXCursor c, enum role role, const char *op)
{
	struct frame fr = { .w = w, .kind = clang_getCursorKind(c), .role = role };

	if (op)
		snprintf(fr.op, sizeof(fr.op), "%s", op);
	clang_visitChildren(c, walk_child, &fr);
	if (fr.pending)
		walk(w, fr.last, role);
}

static bool is_designated(CXCursor c)
{
	return clang_getCursorKind(c) == CXCursor_UnexposedExpr && n_children(c) >= 2;
}

struct init_walk {
	struct walker *w;
	CXType type;		/* canonical type being initialized */
	int table;		/* the variable, or -1 */
	int elem;		/* index in the outermost array, or -1 */
	int next_elem;
	int bound;		/* functions bound so far */
	int pos;		/* next positional field, -1 when unknown */
	VEC(CXCursor) fields;
	bool have_fields;
};

static enum CXVisitorResult collect_field(CXCursor c, CXClientData d)
{
	struct init_walk *iw = d;

	VEC_PUSH(&iw->fields, c);
	return CXVisit_Continue;
}

static int walk_init(struct walker *w, CXCursor list, CXType type, int table, int elem);

static void init_value(struct init_walk *iw, CXCursor val, CXCursor field, CXType type)
{
	struct walker *w = iw->w;
	enum CXCursorKind fk = clang_getCursorKind(field);
	struct where at;
	bool addr;
	CXCursor t;

	if (clang_getCursorKind(val) == CXCursor_InitListExpr) {
		iw->bound += walk_init(w, val, type, iw->table, iw->elem);
		return;
	}
	walk(w, val, R_READ);
	if (fk != CXCursor_FieldDecl)
		return;
	t = named_target(val, &addr);
	at = where_of(w, clang_getCursorLocation(val));
	if (at.idx < 0)
		return;
	if (iw->table >= 0) {
		struct f_init fi = { .unit = w->unit, .table = iw->table, .elem = iw->elem,
				     .file = at.idx, .line = at.line };

		fi.struct_name = field_struct(w, field);
		fi.field = cxstr(w, clang_getCursorSpelling(field));
		fi.text = extent_text(w, val);
		fi.has_value = eval_int(val, &fi.value);
		if (!fi.has_value && fi.text[0] != '"')
			fi.str = eval_str(w, val);	/* .kind = DRV_NAME */
		VEC_PUSH(&w->f->inits, fi);
	}
	if (clang_getCursorKind(t) == CXCursor_FunctionDecl) {
		struct f_binding b = { .unit = w->unit, .table = iw->table, .func = -1,
				       .file = at.idx, .line = at.line, .col = at.col,
				       .context = "initializer" };

		b.struct_name = field_struct(w, field);
		b.field = cxstr(w, clang_getCursorSpelling(field));
		b.fn = sym_of(w, t);
		if (b.fn >= 0) {
			VEC_PUSH(&w->f->bindings, b);
			iw->bound++;
		}
	} else if (clang_getCursorKind(t) == CXCursor_VarDecl && addr && is_global_var(t)) {
		struct f_var_binding vb = { .unit = w->unit, .table = iw->table,
					    .file = at.idx, .line = at.line };

		vb.struct_name = field_struct(w, field);
		vb.field = cxstr(w, clang_getCursorSpelling(field));
		vb.var = sym_of(w, t);
		if (vb.var >= 0)
			VEC_PUSH(&w->f->var_bindings, vb);
	}
}

static enum CXChildVisitResult init_child(CXCursor c, CXCursor parent, CXClientData d)
{
	struct init_walk *iw = d;
	struct walker *w = iw->w;
	CXType type = iw->type;
	CXCursor field = clang_getNullCursor(), val = c;

	if (type.kind == CXType_ConstantArray || type.kind == CXType_IncompleteArray) {
		CXType elem = clang_getCanonicalType(clang_getArrayElementType(type));

		iw->elem = iw->elem >= 0 && iw->type.kind != CXType_ConstantArray &&
			   iw->type.kind != CXType_IncompleteArray ? iw->elem : iw->next_elem++;
		if (is_designated(c)) {
			val = last_child(c);
			/* walk the index expressions for their references */
			unsigned n = n_children(c);

			for (unsigned i = 0; i + 1 < n; i++)
				walk(w, child_at(c, i), R_READ);
		}
		init_value(iw, val, field, elem);
		return CXChildVisit_Continue;
	}
	if (type.kind != CXType_Record) {
		walk(w, c, R_READ);
		return CXChildVisit_Continue;
	}
	if (is_designated(c)) {
		unsigned n = n_children(c);

		val = last_child(c);
		for (unsigned i = 0; i + 1 < n; i++) {
			CXCursor d = child_at(c, i);

			if (clang_getCursorKind(d) == CXCursor_MemberRef) {
				field = clang_getCursorReferenced(d);
				add_ref(w, d, field, R_WRITE);
			} else {
				walk(w, d, R_READ);
			}
		}
		iw->pos = -1;
		if (!clang_Cursor_isNull(field) && n == 2) {
			/* a following positional initializer continues after this field */
			if (!iw->have_fields) {
				clang_Type_visitFields(type, collect_field, iw);
				iw->have_fields = true;
			}
			for (size_t i = 0; i < iw->fields.n; i++)
				if (clang_equalCursors(iw->fields.v[i], field))
					iw->pos = (int)i + 1;
		}
	} else {
		if (!iw->have_fields) {
			clang_Type_visitFields(type, collect_field, iw);
			iw->have_fields = true;
		}
		if (iw->pos >= 0 && (size_t)iw->pos < iw->fields.n)
			field = iw->fields.v[iw->pos++];
	}
	init_value(iw, val, field, clang_Cursor_isNull(field) ? type :
		   clang_getCanonicalType(clang_getCursorType(field)));
	return CXChildVisit_Continue;
}

/* Walk an initializer list of TYPE; returns how many functions it binds. */
static int walk_init(struct walker *w, CXCursor list, CXType type, int table, int elem)
{
	struct init_walk iw = { .w = w, .type = clang_getCanonicalType(type), .table = table,
				.elem = elem };

	clang_visitChildren(list, init_child, &iw);
	VEC_FREE(&iw.fields);
	return iw.bound;
}

static void walk_var(struct walker *w, CXCursor var)
{
	struct last_expr le = { clang_getNullCursor() };
	CXType type = clang_getCanonicalType(clang_getCursorType(var));
	CXType rec = type;
	bool is_array = false, is_static;
	int table, bound;

	clang_visitChildren(var, last_expr_visit, &le);
	if (clang_Cursor_isNull(le.e))
		return;
	if (clang_getCursorKind(le.e) != CXCursor_InitListExpr) {
		if (w->in_fn && !is_global_var(var)) {
			add_local(w, var, le.e, clang_getCursorLocation(var));
			local_source(w, var, le.e);
		}
		walk(w, le.e, R_READ);
		return;
	}
	while (rec.kind == CXType_ConstantArray || rec.kind == CXType_IncompleteArray) {
		rec = clang_getCanonicalType(clang_getArrayElementType(rec));
		is_array = true;
	}
	table = sym_of(w, var);
	bound = walk_init(w, le.e, type, table, -1);
	is_static = clang_Cursor_getStorageClass(var) == CX_SC_Static;
	if (bound && rec.kind == CXType_Record && table >= 0 &&
	    (is_global_var(var) || is_static)) {
		struct where at = where_of(w, clang_getCursorLocation(var));
		struct f_ops o = { .unit = w->unit, .sym = table, .file = at.idx,
				   .line = at.line, .is_array = is_array, .is_static = is_static };

		o.struct_name = record_name(w, clang_getTypeDeclaration(rec));
		if (at.idx >= 0)
			VEC_PUSH(&w->f->ops, o);
	}
}

struct if_walk {
	struct walker *w;
	char *cond;
	unsigned i;
};

/* if (c) A else B: A is walked under c, B under !(c) */
static enum CXChildVisitResult if_child(CXCursor c, CXCursor parent, CXClientData d)
{
	struct if_walk *iw = d;
	struct walker *w = iw->w;
	unsigned i = iw->i++;

	if (i == 0) {
		iw->cond = extent_text_in(w, c, parent);
		walk(w, c, R_READ);
		return CXChildVisit_Continue;
	}
	if (i == 1) {
		VEC_PUSH(&w->conds, iw->cond);
	} else {
		char *neg = xasprintf("!(%s)", iw->cond);

		VEC_PUSH(&w->conds, arena_strdup(&w->f->arena, neg));
		free(neg);
	}
	walk(w, c, R_READ);
	w->conds.n--;
	return CXChildVisit_Continue;
}

/*
 * A label, or a goto to one. Not a label a macro makes and names
 * (__UNIQUE_ID_label258 in scoped_guard()), nor a goto to it: no code as
 * written names it, and its number is __COUNTER__'s, which depends on what
 * the TU parsed before (as for add_local).
 */
static void add_flow(struct walker *w, CXCursor c, const char *kind)
{
	bool label = !strcmp(kind, "label");
	/* a goto: where its label is written, which a macro's goto does not change */
	CXCursor named = label ? c : clang_getCursorReferenced(child_at(c, 0));
	struct where at = where_of(w, clang_getCursorLocation(c));
	struct where name_at = where_of(w, clang_getCursorLocation(named));
	struct f_flow fl = { .unit = w->unit, .func = w->fn_sym, .kind = kind };
	char ident[256];

	if (!w->in_fn || at.idx < 0 || name_at.idx < 0)
		return;
	fl.line = at.line;
	fl.label = cxstr(w, clang_getCursorSpelling(named));
	if (strcmp(ident_at(w, &name_at, ident, sizeof(ident)), fl.label))
		return;	/* a label a macro makes */
	if (!label)
		fl.guard = guard_text(w);
	VEC_PUSH(&w->f->flows, fl);
}

/*
 * A switch on a constant (fixed_value): the kernel's per-CPU and xchg
 * macros switch on sizeof, switch (sizeof(var)) { case 1: ... default:
 * __bad_size_call_parameter(); }. The compiler keeps the statements from
 * the label the value selects to the next break; the rest never runs and is
 * walked for nothing, as code the configuration leaves out (#if) is. The
 * labels' own expressions are walked, and whatever follows a goto's label.
 * A run ends at a break, return or goto, or a block or label ending in one
 * (the x86 cmpxchg macros' case X: { ...; break; }). Labels other than
 * those at the top of the body (a case or a goto's label inside a nested
 * block), or one whose value cannot be computed, walk the whole body as any
 * other switch.
 */
struct switch_walk {
	struct walker *w;
	int64_t value;
	unsigned labels;	/* the labels at the top of the body */
	bool scan;		/* the first pass: the labels only */
	bool ok;		/* every label has a value */
	bool matched;		/* a case has the value (else the default runs) */
	bool live;		/* the statement visited runs */
};

/* A case label's value or GNU range (case 1 ... 3), and its statement. */
static bool case_label(CXCursor c, int64_t *lo, int64_t *hi, bool *range, CXCursor *stmt)
{
	CXCursor third = child_at(c, 2);

	*range = !clang_Cursor_isNull(third);
	*stmt = *range ? third : child_at(c, 1);
	if (!eval_int(child_at(c, 0), lo))
		return false;
	return *range ? eval_int(child_at(c, 1), hi) : (*hi = *lo, true);
}

/* Does statement C end the run of statements it is in: break, return, goto, or a block or label ending so? */
static bool ends_run(CXCursor c)
{
	switch (clang_getCursorKind(c)) {
	case CXCursor_BreakStmt:
	case CXCursor_ReturnStmt:
	case CXCursor_GotoStmt:
		return true;
	case CXCursor_CompoundStmt:	/* an empty block's last child is the null cursor: not an end */
		return ends_run(last_child(c));
	case CXCursor_LabelStmt:
		return ends_run(child_at(c, 0));
	default:
		return false;
	}
}

static void switch_stmt(struct switch_walk *sw, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	int64_t lo, hi;
	bool range;
	CXCursor sub;

	if (k == CXCursor_CaseStmt) {
		sw->labels++;
		if (!case_label(c, &lo, &hi, &range, &sub)) {
			sw->ok = false;
			return;
		}
		if (sw->value >= lo && sw->value <= hi) {
			sw->matched = true;
			sw->live = true;
		}
		if (!sw->scan) {
			walk(sw->w, child_at(c, 0), R_READ);
			if (range)
				walk(sw->w, child_at(c, 1), R_READ);
		}
		switch_stmt(sw, sub);
		return;
	}
	if (k == CXCursor_DefaultStmt) {
		sw->labels++;
		if (!sw->scan && !sw->matched)
			sw->live = true;
		switch_stmt(sw, child_at(c, 0));
		return;
	}
	if (k == CXCursor_LabelStmt)
		sw->live = true;	/* a goto may reach it from a case that runs */
	if (sw->scan || !sw->live)
		return;
	walk(sw->w, c, R_READ);
	if (ends_run(c))
		sw->live = false;
}

static enum CXChildVisitResult switch_child(CXCursor c, CXCursor parent, CXClientData d)
{
	struct switch_walk *sw = d;

	switch_stmt(sw, c);
	return sw->ok ? CXChildVisit_Continue : CXChildVisit_Break;
}

struct label_count {
	CXCursor body;
	unsigned n;
};

/*
 * Every case label under the body, but those of nested switches; and a
 * goto's label below the body's top, which a goto may enter in a case the
 * value does not select: counted too, so that the switch is walked whole.
 */
static enum CXChildVisitResult count_labels(CXCursor c, CXCursor parent, CXClientData d)
{
	struct label_count *lc = d;
	enum CXCursorKind k = clang_getCursorKind(c);

	if (k == CXCursor_SwitchStmt)
		return CXChildVisit_Continue;
	if (k == CXCursor_CaseStmt || k == CXCursor_DefaultStmt ||
	    (k == CXCursor_LabelStmt && !clang_equalCursors(parent, lc->body)))
		lc->n++;
	return CXChildVisit_Recurse;
}

/*
 * Is C's value fixed by the language, not by what the evaluator can fold?
 * Literals, enumerators, sizeof and operators on them: no call (not even
 * __builtin_constant_p(), which the compiler answers after inlining, not
 * as libclang's evaluator does) and no variable, however const.
 */
static enum CXChildVisitResult fixed_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	enum CXCursorKind k = clang_getCursorKind(c);

	if (k == CXCursor_UnaryExpr)	/* sizeof, _Alignof: the operand is not evaluated */
		return CXChildVisit_Continue;
	if (k == CXCursor_CallExpr || k == CXCursor_StmtExpr ||
	    (k == CXCursor_DeclRefExpr &&
	     clang_getCursorKind(clang_getCursorReferenced(c)) != CXCursor_EnumConstantDecl)) {
		*(bool *)d = false;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

static bool fixed_value(CXCursor c, int64_t *value)
{
	bool fixed = true;

	/* C itself first: a sizeof has no children to look at */
	if (fixed_visit(c, clang_getNullCursor(), &fixed) == CXChildVisit_Recurse)
		clang_visitChildren(c, fixed_visit, &fixed);
	return fixed && eval_int(c, value);
}

/* Walk switch C if it is on a constant (above); false to walk it as any other. */
static bool walk_constant_switch(struct walker *w, CXCursor c)
{
	struct switch_walk sw = { .w = w, .scan = true, .ok = true };
	CXCursor cond = child_at(c, 0), body = child_at(c, 1);
	struct label_count all = { .body = body };

	if (clang_getCursorKind(body) != CXCursor_CompoundStmt || !fixed_value(cond, &sw.value))
		return false;
	clang_visitChildren(body, switch_child, &sw);
	clang_visitChildren(body, count_labels, &all);
	if (!sw.ok || all.n != sw.labels)
		return false;
	walk(w, cond, R_READ);
	sw.scan = false;
	sw.live = false;
	clang_visitChildren(body, switch_child, &sw);
	return true;
}

static void walk(struct walker *w, CXCursor c, enum role role)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	char op[8];

	switch (k) {
	case CXCursor_IfStmt: {
		struct if_walk iw = { .w = w };

		clang_visitChildren(c, if_child, &iw);
		return;
	}
	case CXCursor_SwitchStmt:
		if (!walk_constant_switch(w, c))
			walk_children(w, c, role, NULL);
		return;
	case CXCursor_LabelStmt:
		add_flow(w, c, "label");
		walk_children(w, c, role, NULL);
		return;
	case CXCursor_GotoStmt:
		add_flow(w, c, "goto");
		return;
	case CXCursor_CallExpr:
		/* not one under sizeof: DEBUG_NET_WARN_ON_ONCE(!skb_dst(skb)) calls nothing */
		if (w->in_fn && !w->uneval)
			add_call(w, c);
		walk_children(w, c, role, NULL);
		return;
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
		op_spelling(w, c, op);
		if (k == CXCursor_CompoundAssignOperator || !strcmp(op, "="))
			add_assign(w, c, op);
		walk_children(w, c, role, op);
		return;
	case CXCursor_UnaryOperator:
		op_spelling(w, c, op);
		if (!strcmp(op, "++") || !strcmp(op, "--"))
			add_incdec(w, c, op);
		walk_children(w, c, role, op);
		return;
	case CXCursor_ReturnStmt:
		add_return(w, c);
		walk_children(w, c, role, NULL);
		return;
	case CXCursor_DeclRefExpr:
		add_ref(w, c, clang_getCursorReferenced(c), role);
		return;
	case CXCursor_MemberRefExpr:
		add_ref(w, c, clang_getCursorReferenced(c), role);
		walk_children(w, c, R_READ, NULL);
		return;
	case CXCursor_MemberRef:
		add_ref(w, c, clang_getCursorReferenced(c), R_WRITE);
		return;
	case CXCursor_VarDecl:
		walk_var(w, c);
		return;
	case CXCursor_TypeRef:
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
	case CXCursor_EnumDecl:
	case CXCursor_TypedefDecl:
		return;
	default:
		walk_children(w, c, role, NULL);
		return;
	}
}

/* --- top-level declarations ---------------------------------------------- */

static void walk_function(struct walker *w, CXCursor fn)
{
	CXSourceRange ext = clang_getCursorExtent(fn);
	struct where at = where_of(w, clang_getCursorLocation(fn));
	struct f_func ff = { .unit = w->unit };
	unsigned end_line;
	int n;

	ff.sym = sym_of(w, fn);
	if (ff.sym < 0 || at.idx < 0)
		return;
	clang_getExpansionLocation(clang_getRangeEnd(ext), NULL, &end_line, NULL, NULL);
	ff.file = at.idx;
	ff.line = at.line;
	ff.col = at.col;
	ff.end_line = end_line;
	ff.is_static = clang_Cursor_getStorageClass(fn) == CX_SC_Static;
	ff.is_inline = clang_Cursor_isFunctionInlined(fn);
	ff.type = cxstr(w, clang_getTypeSpelling(clang_getCanonicalType(clang_getCursorType(fn))));
	VEC_PUSH(&w->f->funcs, ff);

	w->in_fn = true;
	w->fn = fn;
	w->fn_sym = ff.sym;
	w->params.n = 0;
	w->local_src.n = 0;
	n = clang_Cursor_getNumArguments(fn);
	for (int i = 0; i < n; i++)
		VEC_PUSH(&w->params, clang_Cursor_getArgument(fn, i));
	walk_children(w, fn, R_READ, NULL);
	w->in_fn = false;
}

/* The kernel-doc text of "@NAME:" in an enum's comment. */
static char *kerneldoc_entry(struct walker *w, const char *doc, const char *name)
{
	size_t nlen = strlen(name);
	struct strbuf sb = STRBUF_INIT;
	const char *p = doc;
	char *out;

	while ((p = strstr(p, "@"))) {
		p++;
		if (!strncmp(p, name, nlen) && p[nlen] == ':')
			break;
	}
	if (!p)
		return NULL;
	p += nlen + 1;
	for (;;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *q = p, *e = p + len;

		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		if (q + 1 < e && q[0] == '*' && q[1] == '/')
			e = q;
		while (e > q && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '/' ||
				 (e[-1] == '*' && e - 1 > q)))
			e--;
		if (sb.len && q < e) {
			sb_add(&sb, " ", 1);
		}
		sb_add(&sb, q, e - q);
		if (!eol)
			break;
		p = eol + 1;
		/* the next line: " * text" continues, " * @X:" or " *" ends */
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '*' || p[1] == '/')
			break;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '@' || *p == '\n' || !*p)
			break;
	}
	out = sb.len ? arena_strdup(&w->f->arena, sb.buf) : NULL;
	sb_free(&sb);
	return out;
}

/* The text of the comment at T[S..E) (inside the delimiters), on one line. */
static char *clean_comment(struct walker *w, const char *t, size_t s, size_t e)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;

	for (size_t j = s; j < e; j++) {
		char c2 = t[j];

		if (c2 == '\n' || c2 == '\t' || c2 == ' ' || c2 == '*') {
			if (c2 == '*' && j + 1 < e && t[j + 1] != ' ' && t[j + 1] != '\n')
				goto keep;
			if (sb.len && sb.buf[sb.len - 1] != ' ')
				sb_add(&sb, " ", 1);
			continue;
		}
keep:
		sb_add(&sb, &c2, 1);
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	out = sb.len ? arena_strdup(&w->f->arena, sb.buf) : NULL;
	sb_free(&sb);
	return out;
}

/* The comment starting at T[I] ("/" "*" or "//"), cleaned; *END gets where it ends. */
static char *comment_at(struct walker *w, const char *t, size_t size, size_t i, size_t *end)
{
	size_t s = i + 2, e;

	if (t[i + 1] == '*') {
		const char *c = strstr(t + s, "*/");

		e = c ? (size_t)(c - t) : size;
		*end = c ? e + 2 : size;
	} else {
		for (e = s; e < size && t[e] != '\n'; e++)
			;
		*end = e;
	}
	return clean_comment(w, t, s, e);
}

/* The comment written after an enumerator: NAME, / * doc * / or NAME / * doc * / = X, */
static char *trailing_comment(struct walker *w, CXCursor ec, const char *name)
{
	struct where at = where_of(w, clang_getCursorLocation(ec));
	size_t size, i, end;
	const char *t = file_text(w, at.file, at.idx, &size);
	int depth = 0;
	bool passed = false;

	if (!t)
		return NULL;
	i = at.offset + strlen(name);
	while (i < size) {
		char ch = t[i];

		if (ch == '/' && i + 1 < size && (t[i + 1] == '*' || t[i + 1] == '/'))
			return comment_at(w, t, size, i, &end);
		if (ch == '\n' && passed)
			return NULL;
		if (ch == '(')
			depth++;
		else if (ch == ')')
			depth--;
		else if ((ch == ',' && depth == 0) || ch == '}') {
			if (passed || ch == '}')
				return NULL;
			passed = true;
		} else if (ch != ' ' && ch != '\t' && ch != '\n' && passed) {
			return NULL;
		}
		i++;
	}
	return NULL;
}

/* The line of "#define NAME" in the same file, or 0. */
static unsigned define_line(struct walker *w, const struct where *at, const char *name)
{
	size_t size, nlen = strlen(name);
	const char *t = file_text(w, at->file, at->idx, &size), *p;
	unsigned line = 1;

	if (!t)
		return 0;
	for (p = t; p < t + size; p++) {
		if (*p == '\n') {
			line++;
			continue;
		}
		if (*p != '#' || (p > t && p[-1] != '\n'))
			continue;
		const char *q = p + 1;

		while (*q == ' ' || *q == '\t')
			q++;
		if (strncmp(q, "define", 6))
			continue;
		q += 6;
		while (*q == ' ' || *q == '\t')
			q++;
		if (!strncmp(q, name, nlen) && (q[nlen] == ' ' || q[nlen] == '\t' || q[nlen] == '\n'))
			return line;
	}
	return 0;
}

/*
 * Flag families, as data: the names that are flags; the suffix of an enum of
 * bit numbers (NETIF_F_SG_BIT = 0 is the flag NETIF_F_SG = 1 << 0); the
 * headers whose object-like #defines are flags, for the kernels that
 * #define the masks with their comment after them (2.6: netdevice.h and
 * linux/if.h; 6.x keeps enums there and in uapi/linux/if.h, whose #defines
 * repeat the enum). A kernel that moves a family needs a header here, no code.
 */
static const struct flag_family {
	const char *prefix;
	const char *bit_suffix;		/* NULL: the enum's values are the masks */
	const char *headers[4];
} flag_families[] = {
	{ "NETIF_F_", "_BIT",
	  { "include/linux/netdevice.h", "include/linux/netdev_features.h" } },
	{ "IFF_", NULL,
	  { "include/linux/if.h", "include/uapi/linux/if.h", "include/linux/netdevice.h" } },
};

/* #defines of a family that are not flags though they may be one bit. */
static const char *const flag_not_suffixes[] = { "_SHIFT", "_MASK" };

static const struct flag_family *flag_family_of(const char *name)
{
	for (size_t i = 0; i < sizeof(flag_families) / sizeof(*flag_families); i++)
		if (!strncmp(name, flag_families[i].prefix, strlen(flag_families[i].prefix)))
			return &flag_families[i];
	return NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcmp(s + n - k, suffix);
}

struct enum_walk {
	struct walker *w;
	const char *doc;
};

static enum CXChildVisitResult enum_child(CXCursor c, CXCursor parent, CXClientData d)
{
	struct enum_walk *ew = d;
	struct walker *w = ew->w;
	struct f_flag fl = { .unit = w->unit, .bit = -1 };
	const struct flag_family *fam;
	long long v;
	char *name;
	size_t len;
	struct where at;

	if (clang_getCursorKind(c) != CXCursor_EnumConstantDecl)
		return CXChildVisit_Continue;
	name = cxstr(w, clang_getCursorSpelling(c));
	len = strlen(name);
	v = clang_getEnumConstantDeclValue(c);
	fam = flag_family_of(name);
	if (!fam)
		return CXChildVisit_Continue;
	if (fam->bit_suffix && ends_with(name, fam->bit_suffix) &&
	    len > strlen(fam->prefix) + strlen(fam->bit_suffix)) {
		if (v < 0 || v > 63)
			return CXChildVisit_Continue;
		fl.name = arena_strndup(&w->f->arena, name, len - strlen(fam->bit_suffix));
		fl.bit = (int)v;
		fl.has_value = true;
		fl.value = (int64_t)(1ULL << v);
	} else if (!fam->bit_suffix) {
		fl.name = name;
		fl.has_value = true;
		fl.value = v;
		if (v > 0 && !(v & (v - 1)))
			fl.bit = __builtin_ctzll((unsigned long long)v);
	} else {
		return CXChildVisit_Continue;
	}
	at = where_of(w, clang_getCursorLocation(c));
	if (at.idx < 0)
		return CXChildVisit_Continue;
	fl.file = at.idx;
	fl.line = at.line;
	if (fl.bit >= 0 && strcmp(fl.name, name)) {
		unsigned dl = define_line(w, &at, fl.name);

		if (dl)
			fl.line = dl;
	}
	if (ew->doc)
		fl.doc = kerneldoc_entry(w, ew->doc, fl.name);
	if (!fl.doc)
		fl.doc = trailing_comment(w, c, name);
	VEC_PUSH(&w->f->flags, fl);
	return CXChildVisit_Continue;
}

static void walk_enum(struct walker *w, CXCursor e)
{
	struct enum_walk ew = { .w = w };
	CXString doc = clang_Cursor_getRawCommentText(e);

	ew.doc = clang_getCString(doc);
	clang_visitChildren(e, enum_child, &ew);
	clang_disposeString(doc);
}

/* The enum constants of the whole TU, for #define values written with them. */
static enum CXChildVisitResult enum_values(CXCursor c, CXCursor parent, CXClientData d)
{
	struct walker *w = d;
	enum CXCursorKind k = clang_getCursorKind(c);

	if (k == CXCursor_EnumDecl)
		return CXChildVisit_Recurse;
	if (k == CXCursor_EnumConstantDecl) {
		CXString s = clang_getCursorSpelling(c);
		bool ins;
		int *slot = strmap_put(&w->enum_val, clang_getCString(s), (int)w->vals.n, &ins);

		if (ins)
			VEC_PUSH(&w->vals, clang_getEnumConstantDeclValue(c));
		(void)slot;
		clang_disposeString(s);
	}
	return CXChildVisit_Continue;
}

/*
 * The value of a flag #define's body: integers, ( ), casts to a type name,
 * ~ - * + << >> & ^ |, and names of earlier family #defines or of enum
 * constants (SKB_GSO_TCPV4 << NETIF_F_GSO_SHIFT). ok is false otherwise.
 */
struct mexpr {
	struct walker *w;
	const char *p, *e;
	bool ok;
};

static void mx_space(struct mexpr *x)
{
	while (x->p < x->e && (*x->p == ' ' || *x->p == '\t' || *x->p == '\\' || *x->p == '\n'))
		x->p++;
}

static bool mx_ident_char(char ch)
{
	return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9');
}

static const char *mx_ident(struct mexpr *x, size_t *n)
{
	const char *s = x->p;

	while (x->p < x->e && mx_ident_char(*x->p))
		x->p++;
	*n = x->p - s;
	return s;
}

static long long mx_name(struct mexpr *x, const char *s, size_t n)
{
	char name[128];
	int *slot;

	if (n >= sizeof(name)) {
		x->ok = false;
		return 0;
	}
	memcpy(name, s, n);
	name[n] = '\0';
	slot = strmap_get(&x->w->macro_val, name);
	if (!slot) {
		if (!x->w->enums_loaded) {
			x->w->enums_loaded = true;
			clang_visitChildren(clang_getTranslationUnitCursor(x->w->tu), enum_values, x->w);
		}
		slot = strmap_get(&x->w->enum_val, name);
	}
	if (!slot) {
		x->ok = false;
		return 0;
	}
	return x->w->vals.v[*slot];
}

static long long mx_or(struct mexpr *x);

static long long mx_unary(struct mexpr *x)
{
	long long v;

	mx_space(x);
	if (x->p >= x->e) {
		x->ok = false;
		return 0;
	}
	if (*x->p == '~' || *x->p == '-' || *x->p == '+') {
		char op = *x->p++;

		v = mx_unary(x);
		return op == '~' ? ~v : op == '-' ? -v : v;
	}
	if (*x->p == '(') {
		const char *save = ++x->p;
		size_t n;

		mx_space(x);
		/* a cast, "(NAME)" before an operand: (netdev_features_t)1 */
		if (x->p < x->e && !(*x->p >= '0' && *x->p <= '9') && mx_ident_char(*x->p)) {
			mx_ident(x, &n);
			mx_space(x);
			if (x->p < x->e && *x->p == ')') {
				x->p++;
				mx_space(x);
				if (x->p < x->e && (*x->p == '(' || mx_ident_char(*x->p)))
					return mx_unary(x);
			}
		}
		x->p = save;
		v = mx_or(x);
		mx_space(x);
		if (x->p < x->e && *x->p == ')')
			x->p++;
		else
			x->ok = false;
		return v;
	}
	if (*x->p >= '0' && *x->p <= '9') {
		char *end;

		v = (long long)strtoull(x->p, &end, 0);
		x->p = end;
		while (x->p < x->e && (*x->p == 'u' || *x->p == 'U' || *x->p == 'l' || *x->p == 'L'))
			x->p++;
		return v;
	}
	if (mx_ident_char(*x->p)) {
		size_t n;
		const char *s = mx_ident(x, &n);

		return mx_name(x, s, n);
	}
	x->ok = false;
	return 0;
}

static bool mx_op(struct mexpr *x, const char *op)
{
	size_t n = strlen(op);

	mx_space(x);
	if ((size_t)(x->e - x->p) < n || strncmp(x->p, op, n))
		return false;
	/* '|' is not the start of '||', nor '&' of '&&' */
	if (n == 1 && x->p + 1 < x->e && x->p[1] == op[0] && (op[0] == '|' || op[0] == '&'))
		return false;
	x->p += n;
	return true;
}

static long long mx_mul(struct mexpr *x)
{
	long long v = mx_unary(x);

	while (x->ok && mx_op(x, "*"))
		v *= mx_unary(x);
	return v;
}

static long long mx_add(struct mexpr *x)
{
	long long v = mx_mul(x);

	for (;;) {
		if (mx_op(x, "+"))
			v += mx_mul(x);
		else if (mx_op(x, "-"))
			v -= mx_mul(x);
		else
			return v;
	}
}

static long long mx_shift(struct mexpr *x)
{
	long long v = mx_add(x);

	for (;;) {
		if (mx_op(x, "<<")) {
			long long r = mx_add(x);

			v = r >= 0 && r < 64 ? (long long)((unsigned long long)v << r) : 0;
		} else if (mx_op(x, ">>")) {
			long long r = mx_add(x);

			v = r >= 0 && r < 64 ? v >> r : 0;
		} else {
			return v;
		}
	}
}

static long long mx_and(struct mexpr *x)
{
	long long v = mx_shift(x);

	while (x->ok && mx_op(x, "&"))
		v &= mx_shift(x);
	return v;
}

static long long mx_xor(struct mexpr *x)
{
	long long v = mx_and(x);

	while (x->ok && mx_op(x, "^"))
		v ^= mx_and(x);
	return v;
}

static long long mx_or(struct mexpr *x)
{
	long long v = mx_xor(x);

	while (x->ok && mx_op(x, "|"))
		v |= mx_xor(x);
	return v;
}

/*
 * The comment on a #define: after the value on the same line (and a comment
 * line right below it that continues it), else the comment ending on the
 * line above.
 */
static char *define_comment(struct walker *w, const char *t, size_t size, size_t def,
			    size_t cstart, size_t eol)
{
	size_t end, i;
	char *doc, *more;

	if (cstart < eol) {
		doc = comment_at(w, t, size, cstart, &end);
		/* "/ * LockLess TX - deprecated. Please * /" + "/ * do not use ... * /" */
		for (i = end; i < size && (t[i] == ' ' || t[i] == '\t'); i++)
			;
		if (i < size && t[i] == '\n') {
			for (i++; i < size && (t[i] == ' ' || t[i] == '\t'); i++)
				;
			if (i + 1 < size && t[i] == '/' && t[i + 1] == '*' && doc) {
				more = comment_at(w, t, size, i, &end);
				if (more) {
					char *both = xasprintf("%s %s", doc, more);

					doc = arena_strdup(&w->f->arena, both);
					free(both);
				}
			}
		}
		return doc;
	}
	/* the line above: "... * /" */
	i = def;
	while (i > 0 && t[i - 1] != '\n')
		i--;
	if (!i)
		return NULL;
	i--;			/* the '\n' ending the line above */
	while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t'))
		i--;
	if (i < 2 || t[i - 1] != '/' || t[i - 2] != '*')
		return NULL;
	for (end = i - 2; end > 0; end--) {
		if (t[end - 1] == '/' && t[end] == '*')
			return comment_at(w, t, size, end - 1, &i);
	}
	return NULL;
}

static int unit_of(struct walker *w, CXCursor c, bool *own);

/*
 * An object-like #define of a flag family in one of its headers whose value
 * is one bit: '#define NETIF_F_SG 1 / * Scatter/gather IO. * /'. Every family
 * #define's value is kept, for the ones written with it.
 */
static void walk_macro(struct walker *w, CXCursor c)
{
	CXString cs = clang_getCursorSpelling(c);
	const char *name = clang_getCString(cs);
	const struct flag_family *fam = flag_family_of(name);
	struct f_flag fl = { .bit = -1 };
	struct mexpr x = { .w = w, .ok = true };
	size_t size, i, cstart, eol;
	const char *t, *path;
	struct where at;
	bool ins, own, in_header = false;
	long long v;

	if (!fam || clang_Cursor_isMacroFunctionLike(c))
		goto out;
	at = where_of(w, clang_getCursorLocation(c));
	t = file_text(w, at.file, at.idx, &size);
	if (!t || at.offset + strlen(name) > size)
		goto out;
	i = at.offset + strlen(name);
	cstart = eol = size;
	for (size_t j = i; j < size; j++) {
		if (t[j] == '\\' && j + 1 < size && t[j + 1] == '\n') {
			j++;
			continue;
		}
		if (t[j] == '\n') {
			eol = j;
			break;
		}
		if (t[j] == '/' && j + 1 < size && (t[j + 1] == '*' || t[j + 1] == '/')) {
			cstart = j;
			for (eol = j; eol < size && t[eol] != '\n'; eol++)
				;
			break;
		}
	}
	x.p = t + i;
	x.e = t + (cstart < eol ? cstart : eol);
	v = mx_or(&x);
	mx_space(&x);
	if (!x.ok || x.p != x.e)
		goto out;
	*strmap_put(&w->macro_val, name, (int)w->vals.n, &ins) = (int)w->vals.n;
	VEC_PUSH(&w->vals, v);
	if (v <= 0 || (v & (v - 1)))
		goto out;
	for (size_t k = 0; k < sizeof(flag_not_suffixes) / sizeof(*flag_not_suffixes); k++)
		if (ends_with(name, flag_not_suffixes[k]))
			goto out;
	path = w->f->files.v[at.idx].path;
	for (size_t k = 0; k < sizeof(fam->headers) / sizeof(*fam->headers) && fam->headers[k]; k++)
		if (!strcmp(path, fam->headers[k]))
			in_header = true;
	if (!in_header)
		goto out;
	fl.unit = unit_of(w, c, &own);
	if (fl.unit < 0 || !own)
		goto out;
	fl.name = arena_strdup(&w->f->arena, name);
	fl.has_value = true;
	fl.value = v;
	fl.bit = __builtin_ctzll((unsigned long long)v);
	fl.file = at.idx;
	fl.line = at.line;
	fl.doc = define_comment(w, t, size, at.offset, cstart, eol);
	VEC_PUSH(&w->macro_flags, fl);
out:
	clang_disposeString(cs);
}

/* The #define flags whose name no enum of this TU gave (6.x repeats its enums as #defines). */
static void keep_macro_flags(struct walker *w)
{
	struct strmap seen = { 0 };
	bool ins;

	for (size_t i = 0; i < w->f->flags.n; i++)
		strmap_put(&seen, w->f->flags.v[i].name, 0, &ins);
	for (size_t i = 0; i < w->macro_flags.n; i++) {
		strmap_put(&seen, w->macro_flags.v[i].name, 0, &ins);
		if (ins)
			VEC_PUSH(&w->f->flags, w->macro_flags.v[i]);
	}
	strmap_free(&seen);
}

enum unit_claim { U_CLAIM, U_OWNED, U_LINK };

/* The unit for KEY: claimed if no TU has it yet, ours already, or only linked. */
static int unit_for_key(struct walker *w, const char *key, enum unit_claim how)
{
	bool ins;
	int *slot = strmap_put(&w->unit_idx, key, (int)w->f->units.n, &ins);

	if (ins) {
		struct f_unit u = { .key = arena_strdup(&w->f->arena, key) };

		u.own = how == U_OWNED ||
			(how == U_CLAIM && !w->o->claim(w->o->claim_arg, key, CLAIM_UNIT));
		VEC_PUSH(&w->f->units, u);
	}
	return *slot;
}

/* The key of a whole file's unit: tu:PATH for the main file, else hdr:PATH#STAMP. */
static void file_unit_key(struct walker *w, int idx, char *key, size_t size)
{
	struct f_file *ff = &w->f->files.v[idx];

	if (idx == w->main_file)
		snprintf(key, size, "tu:%s", ff->path);
	else
		header_unit_key(ff->path, ff->mtime, ff->size, key, size);
}

static int file_unit(struct walker *w, int idx)
{
	char key[PATH_MAX + 96];

	if (w->file_unit.v[idx] < 0) {
		file_unit_key(w, idx, key, sizeof(key));
		w->file_unit.v[idx] = unit_for_key(w, key, idx == w->main_file ? U_OWNED : U_CLAIM);
		/*
		 * A header whose blanked declarations the pre-pass left to the
		 * TU that had claimed it, which gave it back since: ours to
		 * walk now, with those bodies. Parsed again (cmd_index.c).
		 */
		if ((size_t)idx < w->blank_decls.n && w->blank_decls.v[idx] &&
		    w->f->units.v[w->file_unit.v[idx]].own)
			w->f->needs_full = true;
	}
	return w->file_unit.v[idx];
}

/* The key of a function defined in a header, at AT. */
static void fn_unit_key(struct walker *w, CXCursor c, const struct where *at, char *key, size_t size)
{
	struct f_file *ff = &w->f->files.v[at->idx];
	CXString name = clang_getCursorSpelling(c);

	/* one macro can define several functions at one position: the name tells them apart */
	snprintf(key, size, "fn:%s#%lld.%lld@%u:%s", ff->path, (long long)ff->mtime,
		 (long long)ff->size, at->offset, clang_getCString(name));
	clang_disposeString(name);
}

/*
 * Before the walk: the headers no TU has claimed yet in which this TU sees
 * functions defined, each claimed with those functions in one step. The
 * walk then takes a header's functions in order, one body at a time; a
 * TU that reaches the same header a moment later only claims as it goes,
 * and used to overtake the owner and take the functions it had not reached
 * into units of their own. Which ones depended on the timing of the two
 * threads, and no later TU read those bodies blanked.
 */
struct pre_fn {
	int idx;
	char *key;
};

struct prepass {
	struct walker *w;
	VEC(signed char) state;		/* per file: 0 not looked at, 1 claimed already, 2 free */
	VEC(signed char) defines;	/* per file: 0 not asked, 1 no #define blanked, 2 some */
	VEC(struct pre_fn) fns;
	bool claims;			/* some header is free: definitions to claim */
};

/*
 * Does the header at IDX have a #define whose bodies are blanked? Asked
 * once per file and TU: most declarations are in files that have none.
 */
static bool has_blanked_define(struct prepass *p, int idx)
{
	struct walker *w = p->w;

	while (p->defines.n <= (size_t)idx)
		VEC_PUSH(&p->defines, 0);
	if (!p->defines.v[idx])
		p->defines.v[idx] = w->o->macro_blanked(w->o->macro_blanked_arg,
							w->f->files.v[idx].path, UINT_MAX) ? 2 : 1;
	return p->defines.v[idx] == 2;
}

/* The claim state of the header at IDX: 1 claimed already, 2 free. */
static signed char header_state(struct prepass *p, int idx)
{
	struct walker *w = p->w;
	char key[PATH_MAX + 96];

	while (p->state.n <= (size_t)idx)
		VEC_PUSH(&p->state, 0);
	if (!p->state.v[idx]) {
		file_unit_key(w, idx, key, sizeof(key));
		p->state.v[idx] = w->o->claim(w->o->claim_arg, key, 0) ? 1 : 2;
	}
	return p->state.v[idx];
}

/*
 * A declaration that a blanked #define made of a definition this TU must
 * walk: in its own file, in a header no TU has claimed, or in a header
 * another TU walks when only this TU's configuration defines it
 * (CREATE_TRACE_POINTS in a trace.c, DEFINE_TRACE_FN's __traceiter_*): its
 * key is then not claimed as walked in its header's unit.
 */
static bool needed_blanked(struct prepass *p, CXCursor c)
{
	struct walker *w = p->w;
	char key[PATH_MAX + 96];
	struct where at;
	CXFile sf;
	unsigned so;
	int sidx;

	clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(c)), &sf, NULL, NULL, &so);
	sidx = sf ? file_index(w, sf) : -1;
	if (sidx < 0 || sidx == w->main_file || !has_blanked_define(p, sidx))
		return false;
	at = where_of(w, clang_getCursorLocation(c));
	if (at.idx < 0 ||
	    !w->o->macro_blanked(w->o->macro_blanked_arg, w->f->files.v[sidx].path, so))
		return false;
	if (at.idx == w->main_file || header_state(p, at.idx) == 2)
		return true;
	fn_unit_key(w, c, &at, key, sizeof(key));
	if (w->o->claim(w->o->claim_arg, key, 0) != CLAIM_IN_UNIT)
		return true;
	/* another TU's, unless it gives the header back: file_unit() checks */
	while (w->blank_decls.n <= (size_t)at.idx)
		VEC_PUSH(&w->blank_decls, 0);
	w->blank_decls.v[at.idx] = 1;
	return false;
}

static enum CXChildVisitResult pre_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	struct prepass *p = d;
	struct walker *w = p->w;
	char key[PATH_MAX + 96];
	struct pre_fn pf;
	struct where at;

	if (clang_getCursorKind(c) != CXCursor_FunctionDecl)
		return CXChildVisit_Continue;
	if (!clang_isCursorDefinition(c)) {
		if (!w->o->macro_blanked || !needed_blanked(p, c))
			return CXChildVisit_Continue;
		w->f->needs_full = true;
		return CXChildVisit_Break;
	}
	if (!p->claims)
		return CXChildVisit_Continue;
	at = where_of(w, clang_getCursorLocation(c));
	if (at.idx < 0 || at.idx == w->main_file || header_state(p, at.idx) != 2)
		return CXChildVisit_Continue;
	fn_unit_key(w, c, &at, key, sizeof(key));
	pf.idx = at.idx;
	pf.key = xstrdup(key);
	VEC_PUSH(&p->fns, pf);
	return CXChildVisit_Continue;
}

static int pre_fn_cmp(const void *a, const void *b)
{
	const struct pre_fn *x = a, *y = b;

	return x->idx - y->idx;
}

static void preclaim(struct walker *w)
{
	struct prepass p = { .w = w };
	char key[PATH_MAX + 96];
	bool any = false;

	/*
	 * Most TUs find every header they include claimed: then there is
	 * nothing to claim, and only the declarations a blanked #define
	 * made to look at (needed_blanked).
	 */
	for (size_t i = 0; i < w->f->files.n; i++)
		any |= (int)i != w->main_file && header_state(&p, (int)i) == 2;
	if (!any && !w->o->macro_blanked)
		goto out;
	p.claims = any;
	clang_visitChildren(clang_getTranslationUnitCursor(w->tu), pre_visit, &p);
	if (w->f->needs_full || !any)
		goto out;
	if (p.fns.n)	/* qsort(NULL, 0, ...) is undefined */
		qsort(p.fns.v, p.fns.n, sizeof(*p.fns.v), pre_fn_cmp);
	for (size_t i = 0, j; i < p.fns.n; i = j) {
		char **keys;
		bool *granted;

		for (j = i; j < p.fns.n && p.fns.v[j].idx == p.fns.v[i].idx; j++)
			;
		keys = xcalloc(j - i, sizeof(*keys));
		granted = xcalloc(j - i, sizeof(*granted));
		for (size_t k = i; k < j; k++)
			keys[k - i] = p.fns.v[k].key;
		file_unit_key(w, p.fns.v[i].idx, key, sizeof(key));
		if (!w->o->claim_header(w->o->claim_arg, key, keys, (int)(j - i), granted)) {
			w->file_unit.v[p.fns.v[i].idx] = unit_for_key(w, key, U_OWNED);
			for (size_t k = 0; k < j - i; k++) {
				if (!granted[k])
					continue;
				strmap_put(&w->preclaimed, keys[k], 1, NULL);
				VEC_PUSH(&w->f->fn_claims, arena_strdup(&w->f->arena, keys[k]));
			}
		}
		free(keys);
		free(granted);
	}
out:
	for (size_t i = 0; i < p.fns.n; i++)
		free(p.fns.v[i].key);
	VEC_FREE(&p.fns);
	VEC_FREE(&p.state);
	VEC_FREE(&p.defines);
}

/*
 * The unit of a top-level declaration: the main file, or the version of the
 * header it is in (its stamp changes whenever the header does). Every TU that
 * includes a header sees the same functions in it, so the first TU to claim
 * the header's unit walks them all, and the others only link it.
 */
static int unit_of(struct walker *w, CXCursor c, bool *own)
{
	struct where at = where_of(w, clang_getCursorLocation(c));
	int u;

	if (at.idx < 0)
		return -1;
	u = file_unit(w, at.idx);
	*own = w->f->units.v[u].own;
	return u;
}

static enum CXChildVisitResult body_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	if (clang_getCursorKind(c) == CXCursor_CompoundStmt)
		*(CXCursor *)d = c;
	return CXChildVisit_Continue;
}

/*
 * Where the body of FN, defined in the file at index IDX, is written: the
 * offsets of its '{' and '}', when both are spelled in that file rather
 * than by a macro. Else -1. The header's later readers parse it with the
 * body blanked out (index/bodies.c).
 */
static void body_range(struct walker *w, CXCursor fn, int idx, int *start, int *end)
{
	CXCursor body = clang_getNullCursor();
	CXSourceRange r;
	CXFile sf, sx, ef, ex;
	unsigned so, sxo, eo, exo;
	const char *t;
	size_t size;

	*start = *end = -1;
	clang_visitChildren(fn, body_visit, &body);
	if (clang_Cursor_isNull(body))
		return;
	r = clang_getCursorExtent(body);
	clang_getSpellingLocation(clang_getRangeStart(r), &sf, NULL, NULL, &so);
	clang_getExpansionLocation(clang_getRangeStart(r), &sx, NULL, NULL, &sxo);
	clang_getSpellingLocation(clang_getRangeEnd(r), &ef, NULL, NULL, &eo);
	clang_getExpansionLocation(clang_getRangeEnd(r), &ex, NULL, NULL, &exo);
	if (!sf || !clang_File_isEqual(sf, sx) || !clang_File_isEqual(sf, ef) ||
	    !clang_File_isEqual(sf, ex) || so != sxo || eo != exo || file_index(w, sf) != idx)
		return;
	/* the extent ends just past the '}' */
	t = file_text(w, sf, idx, &size);
	if (!t || eo < so + 2 || eo > size || eo > INT_MAX || t[so] != '{' || t[eo - 1] != '}')
		return;
	*start = (int)so;
	*end = (int)eo - 1;
}

/*
 * The '}' that closes the '{' at T[from], before LEN (the end of its
 * #define), or 0. Strings, characters and comments are skipped.
 */
static unsigned define_brace_end(const char *t, size_t len, unsigned from)
{
	int depth = 0;

	for (unsigned i = from; i < len; i++) {
		char c = t[i];

		if (c == '"' || c == '\'') {
			for (i++; i < len && t[i] != c; i++) {
				if (t[i] == '\\')
					i++;
				else if (t[i] == '\n')
					return 0;
			}
		} else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(t[i] == '*' && t[i + 1] == '/'); i++)
				;
			i++;
		} else if (c == '{') {
			depth++;
		} else if (c == '}' && !--depth) {
			return i;
		}
	}
	return 0;
}

/*
 * Where the body of FN is written when a macro's #define writes it, in a
 * header other than the main file: that header's unit key (hdr:PATH#STAMP,
 * into KEY) and the offsets of the '{' and its '}', else false. libclang
 * gives the '{' where the #define spells it, but the end of a range in a
 * macro only where the macro is invoked: the '}' is the one that closes
 * it in the #define. The function's first token must be in the same
 * #define, so that a later TU reading the body blanked can tell that the
 * declaration it then sees came from there (blanked_decl).
 */
static bool macro_body_range(struct walker *w, CXCursor fn, char *key, size_t size, int *start, int *end)
{
	CXCursor body = clang_getNullCursor();
	CXFile sf, df;
	unsigned so, eo, dof;
	const char *t;
	size_t len;
	int idx, ds, de;

	clang_visitChildren(fn, body_visit, &body);
	if (clang_Cursor_isNull(body))
		return false;
	clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(body)), &sf, NULL, NULL, &so);
	clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(fn)), &df, NULL, NULL, &dof);
	if (!sf || !df || !clang_File_isEqual(sf, df))
		return false;
	idx = file_index(w, sf);
	if (idx < 0 || idx == w->main_file || !(t = file_text(w, sf, idx, &len)))
		return false;
	/* one #define from the first token to the '}' */
	if (so >= len || so > INT_MAX || dof >= so || t[so] != '{' ||
	    !bodies_define_around(t, len, so, &ds, &de) || dof < (unsigned)ds ||
	    !(eo = define_brace_end(t, de, so)))
		return false;
	file_unit_key(w, idx, key, size);
	*start = (int)so;
	*end = (int)eo;
	return true;
}

/*
 * A function defined in a header: its owner records it by position and name, so
 * that a TU whose configuration shows a definition the owner did not see
 * (a trace header under CREATE_TRACE_POINTS, an #ifdef on a -D flag)
 * walks that one function into a unit of its own.
 */
static bool header_function(struct walker *w, CXCursor c, bool own)
{
	struct where at = where_of(w, clang_getCursorLocation(c));
	char key[PATH_MAX + 96];

	fn_unit_key(w, c, &at, key, sizeof(key));
	if (own) {
		struct f_unit_fn uf = { .unit = w->unit, .key = arena_strdup(&w->f->arena, key) };
		int *pre = strmap_get(&w->preclaimed, key);
		int first;

		if (pre && *pre) {
			*pre = 0;	/* claimed with its header, walked once */
			first = 0;
		} else {
			first = w->o->claim(w->o->claim_arg, key, CLAIM_IN_UNIT);
		}

		/* another TU walked it first, into its own unit: link that */
		if (first == CLAIM_UNIT)
			unit_for_key(w, key, U_LINK);
		if (first)
			return false;
		body_range(w, c, at.idx, &uf.body_start, &uf.body_end);
		if (uf.body_start < 0) {
			char file[PATH_MAX + 96];

			if (macro_body_range(w, c, file, sizeof(file), &uf.body_start, &uf.body_end))
				uf.body_file = arena_strdup(&w->f->arena, file);
		}
		VEC_PUSH(&w->f->unit_fns, uf);
		return true;
	}
	switch (w->o->claim(w->o->claim_arg, key, CLAIM_UNIT)) {
	case 0:
		w->unit = unit_for_key(w, key, U_OWNED);
		return true;
	case CLAIM_UNIT:
		/*
		 * Walked into a unit of its own (by an earlier run, perhaps):
		 * link it, or re-indexing its walker alone would drop it.
		 */
		unit_for_key(w, key, U_LINK);
		return false;
	default:
		return false;	/* in its header's unit, which this TU links */
	}
}

static enum CXChildVisitResult top_level(CXCursor c, CXCursor parent, CXClientData d)
{
	struct walker *w = d;
	enum CXCursorKind k = clang_getCursorKind(c);
	bool own;

	switch (k) {
	case CXCursor_FunctionDecl:
		if (!clang_isCursorDefinition(c))
			return CXChildVisit_Continue;
		break;
	case CXCursor_VarDecl:
	case CXCursor_EnumDecl:
		break;
	case CXCursor_MacroDefinition:
		walk_macro(w, c);
		return CXChildVisit_Continue;
	default:
		return CXChildVisit_Continue;
	}
	w->unit = unit_of(w, c, &own);
	if (w->unit < 0)
		return CXChildVisit_Continue;
	if (k == CXCursor_FunctionDecl && strncmp(w->f->units.v[w->unit].key, "tu:", 3))
		own = header_function(w, c, own);
	if (!own)
		return CXChildVisit_Continue;
	if (k == CXCursor_FunctionDecl)
		walk_function(w, c);
	else if (k == CXCursor_VarDecl)
		walk_var(w, c);
	else
		walk_enum(w, c);
	return CXChildVisit_Continue;
}

struct lex_map {
	struct walker *w;
	int *lex;		/* file index -> f_lex index, or -1 */
};

static int lex_of(void *arg, CXFile file)
{
	struct lex_map *m = arg;
	int *slot = file ? ptrmap_get(&m->w->file_idx, (uintptr_t)file) : NULL;

	return slot ? m->lex[*slot - 1] : -1;
}

/*
 * For the source browser (index/lex.c): the tokens, #defines and skipped
 * #if regions of every file of the tree this TU read, recorded by the TU
 * that owns the file's unit.
 */
static void record_source(struct walker *w)
{
	size_t n = w->f->files.n;
	CXFile *files = xcalloc(n + 1, sizeof(*files));
	struct lex_map m = { .w = w, .lex = xcalloc(n + 1, sizeof(int)) };

	for (size_t i = 0; i < w->file_idx.cap; i++)
		if (w->file_idx.e[i].key)
			files[w->file_idx.e[i].value - 1] = (CXFile)w->file_idx.e[i].key;
	for (size_t i = 0; i < n; i++) {
		size_t size = 0;
		const char *text;
		int u;

		m.lex[i] = -1;
		if (!files[i] || w->f->files.v[i].path[0] == '/')
			continue;
		u = file_unit(w, (int)i);
		if (!w->f->units.v[u].own || !(text = file_text(w, files[i], (int)i, &size)))
			continue;
		m.lex[i] = lex_file(w->tu, files[i], text, size, (int)i, u, w->f);
	}
	lex_skipped(w->tu, w->f, lex_of, &m);
	free(m.lex);
	free(files);
}

static void include_visit(CXFile inc, CXSourceLocation *stack, unsigned len, CXClientData d)
{
	file_index(d, inc);
}

static void record_diags(struct walker *w)
{
	unsigned n = clang_getNumDiagnostics(w->tu);

	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic dg = clang_getDiagnostic(w->tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(dg);

		if (sev == CXDiagnostic_Warning)
			w->f->n_warnings++;
		if (sev >= CXDiagnostic_Error) {
			w->f->n_errors++;
			if (w->f->diags.n < 5) {
				struct where at = where_of(w, clang_getDiagnosticLocation(dg));
				struct f_diag fd = {
					.severity = sev == CXDiagnostic_Fatal ? "fatal" : "error",
					.message = cxstr(w, clang_getDiagnosticSpelling(dg)),
					.file = at.idx, .line = at.line, .col = at.col,
				};

				VEC_PUSH(&w->f->diags, fd);
			}
		}
		clang_disposeDiagnostic(dg);
	}
}

int walk_tu(CXIndex index, const char *file, const char *workdir,
	    const char *const *argv, int argc, const struct walk_opts *opts, struct tu_facts *out)
{
	struct walker w = { .f = out, .o = opts, .tree_len = strlen(opts->tree), .workdir = workdir };
	/*
	 * The preprocessing record has the #if ranges the configuration
	 * skipped (index/lex.c) and the #defines of flags written as masks
	 * (walk_macro). It costs every parse about 6%.
	 */
	unsigned flags = CXTranslationUnit_KeepGoing |
			 CXTranslationUnit_DetailedPreprocessingRecord;
	enum CXErrorCode ec;
	int64_t t0 = now_ms();
	int rc = 0;

	out->path = out->path ? out->path : xstrdup(file);
	ec = clang_parseTranslationUnit2(index, file, argv, argc, opts->unsaved, opts->n_unsaved,
					 flags, &w.tu);
	out->parse_ms = now_ms() - t0;
	if (ec != CXError_Success || !w.tu) {
		out->status = "failed";
		out->failure = xstrdup(cx_strerror(ec));
		return -1;
	}
	t0 = now_ms();
	w.main_file = file_index(&w, clang_getFile(w.tu, file));
	clang_getInclusions(w.tu, include_visit, &w);
	record_diags(&w);
	if (opts->claim_header)
		preclaim(&w);
	if (w.f->needs_full)
		goto out_walked;	/* parsed again: these facts are thrown away */
	clang_visitChildren(clang_getTranslationUnitCursor(w.tu), top_level, &w);
	drop_unevaluated_beside_use(&w);
	keep_macro_flags(&w);
	record_source(&w);
out_walked:
	out->walk_ms = now_ms() - t0;
	out->status = out->n_errors ? "errors" : "ok";

	clang_disposeTranslationUnit(w.tu);
	ptrmap_free(&w.file_idx);
	VEC_FREE(&w.file_text);
	VEC_FREE(&w.file_size);
	VEC_FREE(&w.file_unit);
	strmap_free(&w.sym_idx);
	strmap_free(&w.unit_idx);
	ptrmap_free(&w.cursor_idx);
	ptrmap_free(&w.ref_idx);
	strmap_free(&w.preclaimed);
	strmap_free(&w.call_idx);
	VEC_FREE(&w.blank_decls);
	VEC_FREE(&w.cursor_names);
	VEC_FREE(&w.params);
	VEC_FREE(&w.local_src);
	VEC_FREE(&w.conds);
	strmap_free(&w.macro_val);
	strmap_free(&w.enum_val);
	VEC_FREE(&w.vals);
	VEC_FREE(&w.macro_flags);
	return rc;
}

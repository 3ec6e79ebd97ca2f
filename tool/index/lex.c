// SPDX-License-Identifier: GPL-2.0
/*
 * The source browser's share of the index: each file's tokens as libclang
 * lexes them (raw, before preprocessing), the #if regions the TU's
 * configuration skipped, and the #defines. serve and html read these rows
 * with the source text and never tokenize themselves. The tokens are
 * stored deflated (zlib): they compress five to one.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "base/error.h"
#include "index/lex.h"

static void put_varint(struct strbuf *sb, uint64_t v)
{
	unsigned char b[10];
	size_t n = 0;

	do {
		b[n] = v & 0x7f;
		v >>= 7;
		if (v)
			b[n] |= 0x80;
		n++;
	} while (v);
	sb_add(sb, (const char *)b, n);
}

/*
 * The varints into the TU's arena, deflated when that makes them smaller
 * (a file of a few tokens does not shrink): fl->len is what is stored, and
 * fl->raw_len the size once inflated, or 0 when stored as is.
 */
static void store_tokens(struct tu_facts *f, struct f_lex *fl, const char *raw, size_t len)
{
	uLongf n = compressBound(len);
	char *buf = xmalloc(n);

	if (compress2((Bytef *)buf, &n, (const Bytef *)raw, len, Z_DEFAULT_COMPRESSION) != Z_OK)
		die("cannot deflate %zu bytes of tokens: out of memory", len);
	if (n < len) {
		fl->tokens = arena_strndup(&f->arena, buf, n);
		fl->len = n;
		fl->raw_len = len;
	} else {
		fl->tokens = arena_strndup(&f->arena, raw, len);
		fl->len = len;
		fl->raw_len = 0;
	}
	free(buf);
}

static enum lex_kind kind_of(CXTokenKind k)
{
	switch (k) {
	case CXToken_Keyword:
		return LEX_KEYWORD;
	case CXToken_Identifier:
		return LEX_IDENT;
	case CXToken_Literal:
		return LEX_LITERAL;
	case CXToken_Comment:
		return LEX_COMMENT;
	default:
		return LEX_PUNCT;
	}
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/*
 * Where the token that starts at START and ends before NEXT (the next
 * token's start, or the end of the file) ends: the raw lexer keeps
 * comments, so only blanks and line splices lie between two tokens, and no
 * token ends with either.
 */
static unsigned token_end(const char *t, unsigned start, unsigned next)
{
	unsigned e = next;

	while (e > start) {
		unsigned b, k;

		if (blank(t[e - 1])) {
			e--;
			continue;
		}
		if (t[e - 1] != '\n' && t[e - 1] != '\r')
			break;
		b = e - 1;
		if (t[b] == '\n' && b > start && t[b - 1] == '\r')
			b--;
		/* a backslash ending the line, blanks after it or not, splices it */
		for (k = b; k > start && blank(t[k - 1]); k--)
			;
		e = k > start && t[k - 1] == '\\' ? k - 1 : b;
	}
	return e;
}

/* A name as clang spells it: the line splices in TEXT[START, END) taken out. */
static char *cleaned(struct arena *a, const char *t, unsigned start, unsigned end)
{
	struct strbuf sb = STRBUF_INIT;
	char *name;

	for (unsigned i = start; i < end; i++) {
		unsigned j = i + 1;

		if (t[i] == '\\') {
			while (j < end && blank(t[j]))
				j++;
			if (j < end && (t[j] == '\n' || t[j] == '\r')) {
				i = j + (t[j] == '\r' && j + 1 < end && t[j + 1] == '\n');
				continue;
			}
		}
		sb_add(&sb, t + i, 1);
	}
	name = arena_strndup(a, sb.buf ? sb.buf : "", sb.len);
	sb_free(&sb);
	return name;
}

static bool spelled(const char *t, unsigned start, unsigned end, const char *word)
{
	size_t n = strlen(word);

	return end - start == n && !memcmp(t + start, word, n);
}

/*
 * Only the token's start comes from libclang (its offset: its line and
 * extent cost as much again as the tokenizing); the end, the line and the
 * spellings come from TEXT, the bytes clang lexed.
 */
int lex_file(CXTranslationUnit tu, CXFile file, const char *text, size_t size, int file_idx,
	     int unit, struct tu_facts *f)
{
	struct f_lex fl = { .unit = unit, .file = file_idx, .skipped = "",
			    .macros_from = f->macros.n };
	struct strbuf sb = STRBUF_INIT;
	CXSourceRange all = clang_getRange(clang_getLocationForOffset(tu, file, 0),
					   clang_getLocationForOffset(tu, file, (unsigned)size));
	CXToken *toks = NULL;
	unsigned n = 0, prev_end = 0, *starts;
	unsigned line = 1, prev_line = 0, pos = 0;	/* line is POS's, as SourceManager counts */
	int directive = 0;	/* 1: after a '#' opening a line; 2: after its directive word */

	clang_tokenize(tu, all, &toks, &n);
	starts = xmalloc((n + 1) * sizeof(*starts));
	for (unsigned i = 0; i < n; i++)
		clang_getFileLocation(clang_getTokenLocation(tu, toks[i]), NULL, NULL, NULL,
				      &starts[i]);
	starts[n] = (unsigned)size;
	for (unsigned i = 0; i < n; i++) {
		unsigned start = starts[i], end;
		enum lex_kind k = kind_of(clang_getTokenKind(toks[i]));

		if (start > size)
			continue;
		for (; pos < start; pos++)
			if (text[pos] == '\n' ||
			    (text[pos] == '\r' && (pos + 1 == size || text[pos + 1] != '\n')))
				line++;
		if (start < prev_end)
			continue;
		/* a later token may start before this one (never seen): end at the file */
		end = token_end(text, start, starts[i + 1] >= start ? starts[i + 1] : (unsigned)size);
		if (end <= start)
			continue;
		if (line != prev_line)
			directive = 0;
		if (k == LEX_PUNCT && line != prev_line && spelled(text, start, end, "#")) {
			k = LEX_PP;
			directive = 1;
		} else if (directive == 1 && (k == LEX_IDENT || k == LEX_KEYWORD)) {
			directive = spelled(text, start, end, "define") ? 3 : 2;
			k = LEX_PP;
		} else if (directive == 3 && k == LEX_IDENT) {
			struct f_macro m = { .unit = unit, .file = file_idx,
					     .line = (int)line,
					     .name = cleaned(&f->arena, text, start, end) };

			VEC_PUSH(&f->macros, m);
			directive = 2;
		} else if (directive) {
			directive = 2;
		}
		put_varint(&sb, start - prev_end);
		put_varint(&sb, end - start);
		put_varint(&sb, k);
		prev_end = end;
		prev_line = line;
	}
	free(starts);
	clang_disposeTokens(tu, toks, n);
	store_tokens(f, &fl, sb.buf ? sb.buf : "", sb.len);
	sb_free(&sb);
	fl.macros_to = f->macros.n;
	VEC_PUSH(&f->lexes, fl);
	return (int)f->lexes.n - 1;
}

void lex_skipped(CXTranslationUnit tu, struct tu_facts *f,
		 int (*lex_of)(void *arg, CXFile file), void *arg)
{
	CXSourceRangeList *list = clang_getAllSkippedRanges(tu);
	struct strbuf *bufs;
	/* by f_lex: the first line of its last range; 0: none yet, UINT_MAX: read again */
	unsigned *last_first;

	if (!list)
		return;
	bufs = xcalloc(f->lexes.n + 1, sizeof(*bufs));
	last_first = xcalloc(f->lexes.n + 1, sizeof(*last_first));
	for (unsigned i = 0; i < list->count; i++) {
		CXFile file, efile;
		unsigned first, last;
		int li;

		clang_getSpellingLocation(clang_getRangeStart(list->ranges[i]), &file, &first, NULL, NULL);
		clang_getSpellingLocation(clang_getRangeEnd(list->ranges[i]), &efile, &last, NULL, NULL);
		li = lex_of(arg, file);
		if (li < 0 || !clang_File_isEqual(file, efile))
			continue;
		/*
		 * The ranges come in the order the preprocessor skipped them,
		 * each reading of a file from its top down. A header read more
		 * than once (a trace header under define_trace.h, tracepoint.h,
		 * whose TRACE_EVENT #defines lie outside its guard) starts
		 * again from the top: its first reading is the one recorded.
		 * The next would mark the whole guarded text compiled out, and
		 * what is recorded would depend on whether the TU that owns the
		 * header read it once or twice.
		 */
		if (first <= last_first[li]) {
			last_first[li] = UINT_MAX;
			continue;
		}
		last_first[li] = first;
		sb_addf(&bufs[li], "%s%u-%u", bufs[li].len ? " " : "", first, last);
		/* its #defines there are not the ones the TU sees (html.sql, macro_def) */
		for (size_t m = f->lexes.v[li].macros_from; m < f->lexes.v[li].macros_to; m++)
			if (f->macros.v[m].line >= (int)first && f->macros.v[m].line <= (int)last)
				f->macros.v[m].skipped = true;
	}
	for (size_t i = 0; i < f->lexes.n; i++) {
		if (!bufs[i].len)
			continue;
		f->lexes.v[i].skipped = arena_strdup(&f->arena, bufs[i].buf);
		sb_free(&bufs[i]);
	}
	free(last_first);
	free(bufs);
	clang_disposeSourceRangeList(list);
}

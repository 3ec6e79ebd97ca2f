// SPDX-License-Identifier: GPL-2.0
/*
 * The source browser's share of the index: each file's tokens as libclang
 * lexes them (raw, before preprocessing), the #if regions the TU's
 * configuration skipped, and the #defines. serve and html read these rows
 * with the source text and never tokenize themselves. The tokens are
 * stored deflated (zlib): they compress five to one.
 */
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

int lex_file(CXTranslationUnit tu, CXFile file, size_t size, int file_idx, int unit,
	     struct tu_facts *f)
{
	struct f_lex fl = { .unit = unit, .file = file_idx, .skipped = "" };
	struct strbuf sb = STRBUF_INIT;
	CXSourceRange all = clang_getRange(clang_getLocationForOffset(tu, file, 0),
					   clang_getLocationForOffset(tu, file, (unsigned)size));
	CXToken *toks = NULL;
	unsigned n = 0, prev_end = 0, prev_line = 0;
	int directive = 0;	/* 1: after a '#' opening a line; 2: after its directive word */

	clang_tokenize(tu, all, &toks, &n);
	for (unsigned i = 0; i < n; i++) {
		CXSourceRange ext = clang_getTokenExtent(tu, toks[i]);
		unsigned line, start, end;
		enum lex_kind k = kind_of(clang_getTokenKind(toks[i]));

		clang_getFileLocation(clang_getRangeStart(ext), NULL, &line, NULL, &start);
		clang_getFileLocation(clang_getRangeEnd(ext), NULL, NULL, NULL, &end);
		if (start < prev_end || end < start)
			continue;
		if (line != prev_line)
			directive = 0;
		if (k == LEX_PUNCT && line != prev_line && end - start == 1) {
			CXString s = clang_getTokenSpelling(tu, toks[i]);

			if (!strcmp(clang_getCString(s), "#")) {
				k = LEX_PP;
				directive = 1;
			}
			clang_disposeString(s);
		} else if (directive == 1 && (k == LEX_IDENT || k == LEX_KEYWORD)) {
			CXString s = clang_getTokenSpelling(tu, toks[i]);

			directive = !strcmp(clang_getCString(s), "define") ? 3 : 2;
			k = LEX_PP;
			clang_disposeString(s);
		} else if (directive == 3 && k == LEX_IDENT) {
			CXString s = clang_getTokenSpelling(tu, toks[i]);
			struct f_macro m = { .unit = unit, .file = file_idx, .line = (int)line,
					     .name = arena_strdup(&f->arena, clang_getCString(s)) };

			VEC_PUSH(&f->macros, m);
			clang_disposeString(s);
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
	clang_disposeTokens(tu, toks, n);
	store_tokens(f, &fl, sb.buf ? sb.buf : "", sb.len);
	sb_free(&sb);
	VEC_PUSH(&f->lexes, fl);
	return (int)f->lexes.n - 1;
}

void lex_skipped(CXTranslationUnit tu, struct tu_facts *f,
		 int (*lex_of)(void *arg, CXFile file), void *arg)
{
	CXSourceRangeList *list = clang_getAllSkippedRanges(tu);
	struct strmap seen = { 0 };
	struct strbuf *bufs;

	if (!list)
		return;
	bufs = xcalloc(f->lexes.n + 1, sizeof(*bufs));
	for (unsigned i = 0; i < list->count; i++) {
		CXFile file, efile;
		unsigned first, last;
		char key[64];
		bool ins;
		int li;

		clang_getSpellingLocation(clang_getRangeStart(list->ranges[i]), &file, &first, NULL, NULL);
		clang_getSpellingLocation(clang_getRangeEnd(list->ranges[i]), &efile, &last, NULL, NULL);
		li = lex_of(arg, file);
		if (li < 0 || !clang_File_isEqual(file, efile))
			continue;
		/*
		 * A header read more than once (a trace header under
		 * define_trace.h, one without a guard) has its ranges reported
		 * once per reading: recorded once, they do not depend on
		 * whether the TU that owns the header read it once or twice.
		 */
		snprintf(key, sizeof(key), "%d:%u-%u", li, first, last);
		strmap_put(&seen, key, 0, &ins);
		if (!ins)
			continue;
		sb_addf(&bufs[li], "%s%u-%u", bufs[li].len ? " " : "", first, last);
	}
	strmap_free(&seen);
	for (size_t i = 0; i < f->lexes.n; i++) {
		if (!bufs[i].len)
			continue;
		f->lexes.v[i].skipped = arena_strdup(&f->arena, bufs[i].buf);
		sb_free(&bufs[i]);
	}
	free(bufs);
	clang_disposeSourceRangeList(list);
}

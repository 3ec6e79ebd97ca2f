/*
 * What the source browser needs of a file, recorded at index time so that
 * serve and html never load libclang: the lexer's tokens, the lines the
 * configuration compiled out, and the macros the file #defines.
 */
#ifndef NDOSCOPE_LEX_H
#define NDOSCOPE_LEX_H

#include <clang-c/Index.h>
#include "index/facts.h"

/* Token kinds, as stored in file_lex.tokens (schemas/004_source.sql). */
enum lex_kind { LEX_PUNCT, LEX_KEYWORD, LEX_IDENT, LEX_LITERAL, LEX_COMMENT, LEX_PP };

/*
 * Tokenize FILE (its TEXT, SIZE bytes, index FILE_IDX in F) for UNIT: one
 * f_lex row, and one f_macro per #define. Returns the f_lex index.
 */
int lex_file(CXTranslationUnit tu, CXFile file, const char *text, size_t size, int file_idx,
	     int unit, struct tu_facts *f);

/*
 * The TU's skipped #if regions, appended to the f_lex rows of their files:
 * LEX_OF(ARG, file) gives the f_lex index of a CXFile, or -1.
 */
void lex_skipped(CXTranslationUnit tu, struct tu_facts *f,
		 int (*lex_of)(void *arg, CXFile file), void *arg);

#endif

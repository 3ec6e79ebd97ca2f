/*
 * Pieces of the self-contained HTML pages (report, journey): escaped text,
 * a Graphviz drawing inlined as SVG, the shared style sheet.
 */
#ifndef NDOSCOPE_HTML_H
#define NDOSCOPE_HTML_H

#include <stdio.h>
#include <jansson.h>

/* S with &, <, >, " and ' escaped. */
void html_text(FILE *out, const char *s);
/* <code>S</code>, escaped. */
void html_code(FILE *out, const char *s);
/* <span class=at>FILE:LINE</span> of an object's "file" and "line"; nothing without a file. */
void html_at(FILE *out, json_t *o);
/* DOT rendered by libgvc and inlined as an <svg> in a <div class=svg>. */
void html_svg(FILE *out, const char *dot);
/* The pages' CSS, without the <style> element. */
const char *html_css(void);

#endif

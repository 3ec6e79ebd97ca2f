// SPDX-License-Identifier: GPL-2.0
/*
 * 'ndoscope diff' documents (query/diff.h) as Markdown or one HTML page:
 * per section, the rows that changed (~), were added (+) or removed (-),
 * and how many stayed the same; aligned paths show every hop side by side.
 */
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "query/diff.h"
#include "render/html.h"

static const char *mark(const char *change)
{
	return !strcmp(change, "added") ? "+" : !strcmp(change, "removed") ? "-" :
	       !strcmp(change, "changed") ? "~" : "";
}

static const char *s_of(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* A Markdown table cell: '|' escaped, newlines as spaces. */
static void md_cell(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", out);
		else if (*s == '\n')
			fputc(' ', out);
		else
			fputc(*s, out);
	}
}

int diff_md(FILE *out, json_t *doc)
{
	json_t *sec, *r, *g;
	size_t i, k;

	fprintf(out, "# diff: %s\n\nold: `%s`  \nnew: `%s`\n", s_of(doc, "what"), s_of(doc, "old"),
		s_of(doc, "new"));
	if (json_is_false(json_object_get(doc, "old_found")))
		fprintf(out, "\nThe old index has no such device.\n");
	if (json_is_false(json_object_get(doc, "new_found")))
		fprintf(out, "\nThe new index has no such device.\n");
	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		bool aligned = json_is_true(json_object_get(sec, "aligned"));
		size_t same = 0, shown = 0;

		fprintf(out, "\n## %s\n\n", s_of(sec, "title"));
		json_array_foreach(json_object_get(sec, "rows"), k, r) {
			const char *ch = s_of(r, "change");

			if (!strcmp(ch, "same") && !aligned) {
				same++;
				continue;
			}
			if (!shown++)
				fputs(aligned ? "| | old | new |\n|---|---|---|\n" :
					      "| | what | old | new |\n|---|---|---|---|\n", out);
			fprintf(out, "| %s |", mark(ch));
			if (!aligned) {
				fputs(" `", out);
				md_cell(out, s_of(r, "key"));
				fputs("` |", out);
			}
			fputc(' ', out);
			md_cell(out, s_of(r, "old"));
			fputs(" | ", out);
			md_cell(out, s_of(r, "new"));
			fputs(" |\n", out);
		}
		if (!shown)
			fprintf(out, "%s\n", json_array_size(json_object_get(sec, "rows")) ?
				"No change." : "Neither index has any.");
		if (same)
			fprintf(out, "%s%zu unchanged.\n", shown ? "\n" : "", same);
		json_array_foreach(json_object_get(sec, "guesses"), k, g)
			fprintf(out, "%s- %s\n", k ? "" : "\nGuesses:\n\n", json_string_value(g));
	}
	return ferror(out) ? error_set("cannot write the diff") : 0;
}

int diff_html(FILE *out, json_t *doc)
{
	json_t *sec, *r, *g;
	size_t i, k;

	fputs("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>diff: ", out);
	html_text(out, s_of(doc, "what"));
	fprintf(out, "</title>\n<style>%s"
		"tr.added{background:#e8f5e9}tr.removed{background:#ffebee}tr.changed{background:#fff8e1}"
		"</style></head><body>\n<h1>diff: ", html_css());
	html_text(out, s_of(doc, "what"));
	fputs("</h1>\n<p>old: <code>", out);
	html_text(out, s_of(doc, "old"));
	fputs("</code><br>new: <code>", out);
	html_text(out, s_of(doc, "new"));
	fputs("</code></p>\n", out);
	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		bool aligned = json_is_true(json_object_get(sec, "aligned"));
		size_t same = 0;

		fputs("<h2>", out);
		html_text(out, s_of(sec, "title"));
		fputs(aligned ? "</h2>\n<table><tr><th></th><th>old</th><th>new</th></tr>\n" :
			      "</h2>\n<table><tr><th></th><th>what</th><th>old</th><th>new</th></tr>\n", out);
		json_array_foreach(json_object_get(sec, "rows"), k, r) {
			const char *ch = s_of(r, "change");

			if (!strcmp(ch, "same") && !aligned) {
				same++;
				continue;
			}
			fprintf(out, "<tr class=\"%s\"><td>%s</td>", ch, mark(ch));
			if (!aligned) {
				fputs("<td><code>", out);
				html_text(out, s_of(r, "key"));
				fputs("</code></td>", out);
			}
			fputs("<td>", out);
			html_text(out, s_of(r, "old"));
			fputs("</td><td>", out);
			html_text(out, s_of(r, "new"));
			fputs("</td></tr>\n", out);
		}
		fputs("</table>\n", out);
		if (same)
			fprintf(out, "<p>%zu unchanged.</p>\n", same);
		json_array_foreach(json_object_get(sec, "guesses"), k, g) {
			fputs(k ? "<li>" : "<p>Guesses:</p><ul><li>", out);
			html_text(out, json_string_value(g));
			fputs("</li>\n", out);
			if (k + 1 == json_array_size(json_object_get(sec, "guesses")))
				fputs("</ul>\n", out);
		}
	}
	fputs("</body></html>\n", out);
	return ferror(out) ? error_set("cannot write the diff") : 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Journeys as Markdown or as one self-contained HTML page: with two or more,
 * a side-by-side table first, then each trip hop by hop, its layers, where
 * the data waits, its drop points, locks and copies. Everything comes from
 * the JSON of query/journey.c; every string from the source is escaped.
 */
#include <string.h>

#include "render/html.h"
#include "render/journey_render.h"

#define S(o, k) json_string_value(json_object_get((o), (k)))
#define I(o, k) json_integer_value(json_object_get((o), (k)))

/* The rows of the side-by-side table: label, summary key. */
static const char *const rows[][2] = {
	{ "direct calls on the way", "calls" },
	{ "indirect calls (field, parameter)", "indirect" },
	{ "hand-offs (queues, softirqs, wakeups)", "handoffs" },
	{ "drop points", "drops" },
	{ "locks taken", "locks" },
	{ "copies of the data", "copies" },
};

/* The objects the data waits on, joined: "queue softnet_data.input_pkt_queue, ..." */
static void waits_line(FILE *out, json_t *j, bool html)
{
	size_t i;
	json_t *w;

	json_array_foreach(json_object_get(j, "waits"), i, w) {
		fputs(i ? ", " : "", out);
		if (html) {
			html_text(out, S(w, "kind"));
			fputs(" ", out);
			html_text(out, S(w, "via") ? S(w, "via") : "");
		} else {
			fprintf(out, "%s `%s`", S(w, "kind"), S(w, "via") ? S(w, "via") : "");
		}
	}
	if (!i)
		fputs("none", out);
}

/* A cell of the side-by-side table, as Markdown or HTML. */
static void cell(FILE *out, bool html, const char *tag, const char *text)
{
	if (html) {
		fprintf(out, "<%s>", tag);
		html_text(out, text);
		fprintf(out, "</%s>", tag);
	} else {
		fprintf(out, "| %s ", text);
	}
}

/* With two journeys or more, the table that compares them. */
static void compare(FILE *out, json_t *journeys, bool html)
{
	size_t i;
	json_t *j;

	if (json_array_size(journeys) < 2)
		return;
	fputs(html ? "<table><tr>" : "# Side by side\n\n", out);
	cell(out, html, "th", "");
	json_array_foreach(journeys, i, j)
		cell(out, html, "th", S(j, "name"));
	fputs(html ? "</tr>\n" : "|\n", out);
	if (!html) {
		json_array_foreach(journeys, i, j)
			fputs("|---", out);
		fputs("|---|\n", out);
	}
	for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		fputs(html ? "<tr>" : "", out);
		cell(out, html, "td", rows[r][0]);
		json_array_foreach(journeys, i, j) {
			char n[32];

			snprintf(n, sizeof(n), "%lld", (long long)I(json_object_get(j, "summary"), rows[r][1]));
			cell(out, html, "td", n);
		}
		fputs(html ? "</tr>\n" : "|\n", out);
	}
	fputs(html ? "<tr>" : "", out);
	cell(out, html, "td", "where the data waits");
	json_array_foreach(journeys, i, j) {
		fputs(html ? "<td>" : "| ", out);
		waits_line(out, j, html);
		fputs(html ? "</td>" : " ", out);
	}
	fputs(html ? "</tr></table>\n" : "|\n\n", out);
}

/* --- Markdown ------------------------------------------------------------- */

/* " (LAYERS)" when the journey names any */
static void md_layers(FILE *out, const char *layers)
{
	if (layers && *layers)
		fprintf(out, " (%s)", layers);
}

static void md_edge(FILE *out, json_t *e)
{
	fprintf(out, "- %s:%lld: `%s` → `%s` [%s", S(e, "file"), (long long)I(e, "line"),
		S(e, "caller"), S(e, "callee"), S(e, "kind"));
	if (S(e, "via"))
		fprintf(out, " `%s`", S(e, "via"));
	if (S(e, "bound_file") && (strcmp(S(e, "bound_file"), S(e, "file")) ||
				   I(e, "bound_line") != I(e, "line")))
		fprintf(out, ", %s %s:%lld", edge_bound_what(S(e, "kind")), S(e, "bound_file"),
			(long long)I(e, "bound_line"));
	fputs("]", out);
	if (S(e, "raised_from"))
		fprintf(out, ", woken from `%s`", S(e, "raised_from"));
	fputs("\n", out);
}

static void md_sites(FILE *out, const char *title, json_t *arr)
{
	size_t i;
	json_t *x;

	fprintf(out, "\n## %s\n\n", title);
	json_array_foreach(arr, i, x)
		fprintf(out, "- `%s` in `%s` (%s:%lld)\n", S(x, "what"), S(x, "function"),
			S(x, "file"), (long long)I(x, "line"));
	if (!json_array_size(arr))
		fputs("None found.\n", out);
}

static void md_journey(FILE *out, json_t *j)
{
	size_t i, k;
	json_t *x, *y;

	fprintf(out, "# %s: %s\n\n## Waypoints\n\n", S(j, "name"), S(j, "title"));
	json_array_foreach(json_object_get(j, "waypoints"), i, x) {
		fprintf(out, "%zu. %s`%s`", i + 1, json_is_true(json_object_get(x, "reader")) ?
			"reader " : "", S(x, "function"));
		md_layers(out, S(x, "layers"));
		fprintf(out, ", %s:%lld\n", S(x, "file") ? S(x, "file") : "?", (long long)I(x, "line"));
	}
	fputs("\n## Hops\n", out);
	json_array_foreach(json_object_get(j, "segments"), i, x) {
		fprintf(out, "\n### %s`%s` → `%s`", json_is_true(json_object_get(x, "reader")) ?
			"reader: " : "", S(x, "from"), S(x, "to"));
		md_layers(out, S(x, "layers"));
		fputs("\n\n", out);
		if (S(x, "missing"))
			fprintf(out, "%s.\n", S(x, "missing"));
		json_array_foreach(json_object_get(x, "hops"), k, y)
			md_edge(out, y);
	}
	fputs("\n## Layers crossed\n\n", out);
	json_array_foreach(json_object_get(j, "layers"), i, x)
		fprintf(out, "%s%s", i ? " → " : "", json_string_value(x));
	if (!json_array_size(json_object_get(j, "layers")))
		fputs("None named in the journey.", out);
	fputs("\n\n## Where the data waits\n\n", out);
	json_array_foreach(json_object_get(j, "waits"), i, x)
		md_edge(out, x);
	if (!json_array_size(json_object_get(j, "waits")))
		fputs("None found.\n", out);
	fputs("\n## Drop points\n\n", out);
	json_array_foreach(json_object_get(j, "drops"), i, x) {
		fprintf(out, "- `%s` in `%s` (%s:%lld)", S(x, "what"), S(x, "function"), S(x, "file"),
			(long long)I(x, "line"));
		json_array_foreach(json_object_get(x, "conditions"), k, y)
			fprintf(out, "%s`%s`", k ? "; " : " when ", json_string_value(y));
		json_array_foreach(json_object_get(x, "explained"), k, y)
			fprintf(out, "%s%s", k ? "; " : ". ", json_string_value(y));
		fputs("\n", out);
	}
	if (!json_array_size(json_object_get(j, "drops")))
		fputs("None found.\n", out);
	md_sites(out, "Locks taken", json_object_get(j, "locks"));
	md_sites(out, "Copies of the data", json_object_get(j, "copies"));
}

int journey_md(FILE *out, json_t *journeys)
{
	size_t i;
	json_t *j;

	compare(out, journeys, false);
	json_array_foreach(journeys, i, j) {
		if (i)
			fputs("\n", out);
		md_journey(out, j);
	}
	return 0;
}

/* --- HTML ----------------------------------------------------------------- */

static void h_edge(FILE *out, json_t *e)
{
	fputs("<li>", out);
	html_at(out, e);
	fputs(" ", out);
	html_code(out, S(e, "caller"));
	fputs(" → ", out);
	html_code(out, S(e, "callee"));
	fputs(" [", out);
	html_text(out, S(e, "kind"));
	if (S(e, "via")) {
		fputs(" ", out);
		html_code(out, S(e, "via"));
	}
	if (S(e, "bound_file") && (strcmp(S(e, "bound_file"), S(e, "file")) ||
				   I(e, "bound_line") != I(e, "line"))) {
		fputs(", ", out);
		html_text(out, edge_bound_what(S(e, "kind")));
		fputs(" <span class=at>", out);
		html_text(out, S(e, "bound_file"));
		fprintf(out, ":%lld</span>", (long long)I(e, "bound_line"));
	}
	fputs("]", out);
	if (S(e, "raised_from")) {
		fputs(", woken from ", out);
		html_code(out, S(e, "raised_from"));
	}
	fputs("</li>\n", out);
}

/* WHAT in FUNCTION at FILE:LINE: a drop point, a lock, a copy */
static void h_site(FILE *out, json_t *x)
{
	html_code(out, S(x, "what"));
	fputs(" in ", out);
	html_code(out, S(x, "function"));
	fputs(" ", out);
	html_at(out, x);
}

static void h_sites(FILE *out, const char *title, json_t *arr)
{
	size_t i;
	json_t *x;

	fprintf(out, "<h3>%s</h3><ul>", title);
	json_array_foreach(arr, i, x) {
		fputs("<li>", out);
		h_site(out, x);
		fputs("</li>", out);
	}
	fputs(json_array_size(arr) ? "</ul>\n" : "<li>none found</li></ul>\n", out);
}

static void h_journey(FILE *out, json_t *j)
{
	size_t i, k;
	json_t *x, *y;

	fputs("<h2 id=\"", out);
	html_text(out, S(j, "name"));
	fputs("\">", out);
	html_text(out, S(j, "name"));
	fputs(": ", out);
	html_text(out, S(j, "title"));
	fputs("</h2>\n<p>Layers crossed: ", out);
	json_array_foreach(json_object_get(j, "layers"), i, x) {
		fputs(i ? " → " : "", out);
		html_text(out, json_string_value(x));
	}
	fputs("</p>\n", out);
	if (S(j, "dot"))
		html_svg(out, S(j, "dot"));
	fputs("<h3>Hops</h3>\n", out);
	json_array_foreach(json_object_get(j, "segments"), i, x) {
		fputs("<h4>", out);
		if (json_is_true(json_object_get(x, "reader")))
			fputs("reader: ", out);
		fputs("<code>", out);
		html_text(out, S(x, "from"));
		fputs("</code> → <code>", out);
		html_text(out, S(x, "to"));
		fputs("</code>", out);
		if (S(x, "layers") && *S(x, "layers")) {
			fputs(" (", out);
			html_text(out, S(x, "layers"));
			fputs(")", out);
		}
		fputs("</h4><ol>\n", out);
		if (S(x, "missing")) {
			fputs("<li>", out);
			html_text(out, S(x, "missing"));
			fputs("</li>", out);
		}
		json_array_foreach(json_object_get(x, "hops"), k, y)
			h_edge(out, y);
		fputs("</ol>\n", out);
	}
	fputs("<h3>Where the data waits</h3><ul>\n", out);
	json_array_foreach(json_object_get(j, "waits"), i, x)
		h_edge(out, x);
	fputs("</ul>\n<h3>Drop points</h3>\n", out);
	json_array_foreach(json_object_get(j, "drops"), i, x) {
		fputs("<div class=drop>", out);
		h_site(out, x);
		json_array_foreach(json_object_get(x, "conditions"), k, y) {
			fputs(k ? "; " : " when <code>", out);
			if (k)
				fputs("<code>", out);
			html_text(out, json_string_value(y));
			fputs("</code>", out);
		}
		json_array_foreach(json_object_get(x, "explained"), k, y) {
			fputs(k ? "; " : "<br>", out);
			html_text(out, json_string_value(y));
		}
		fputs("</div>\n", out);
	}
	h_sites(out, "Locks taken", json_object_get(j, "locks"));
	h_sites(out, "Copies of the data", json_object_get(j, "copies"));
}

int journey_html(FILE *out, json_t *journeys)
{
	size_t i;
	json_t *j;

	fprintf(out, "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>ndoscope journey");
	json_array_foreach(journeys, i, j) {
		fputs(" ", out);
		html_text(out, S(j, "name"));
	}
	fprintf(out, "</title><style>%s</style></head><body>\n<h1>Journey", html_css());
	json_array_foreach(journeys, i, j) {
		fputs(i ? " vs " : " ", out);
		html_text(out, S(j, "name"));
	}
	fputs("</h1>\n", out);
	compare(out, journeys, true);
	json_array_foreach(journeys, i, j)
		h_journey(out, j);
	fputs("</body></html>\n", out);
	return 0;
}

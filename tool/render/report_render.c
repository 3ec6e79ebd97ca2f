// SPDX-License-Identifier: GPL-2.0
/*
 * Driver reports as Markdown, as one self-contained HTML page (the graph
 * inline as SVG), and the driver matrix. Everything comes from the JSON
 * that report.c builds; every string from the source is escaped.
 */
#include <stdlib.h>
#include <string.h>

#include "render/dot.h"
#include "base/error.h"
#include "query/report.h"
#include "render/html.h"

#define S(o, k) json_string_value(json_object_get((o), (k)))
#define I(o, k) json_integer_value(json_object_get((o), (k)))

/* --- Markdown ----------------------------------------------------------- */

/* A table cell: | would end it, newlines would break the row. */
static void md_cell(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			fputs("\\|", out);
		else if (*s == '\n')
			fputc(' ', out);
		else
			fputc(*s, out);
	}
}

static void md_at(FILE *out, json_t *o)
{
	if (S(o, "file"))
		fprintf(out, "%s:%lld", S(o, "file"), (long long)I(o, "line"));
}

static void md_bits(FILE *out, json_t *bits)
{
	size_t i;
	json_t *b;

	fputs("| bit | flag | the kernel's comment |\n|---|---|---|\n", out);
	json_array_foreach(bits, i, b) {
		fprintf(out, "| %lld | `%s` | ", (long long)I(b, "bit"), S(b, "name"));
		md_cell(out, S(b, "doc") ? S(b, "doc") : "");
		fputs(" |\n", out);
	}
}

static void md_device(FILE *out, json_t *d)
{
	json_t *x, *y;
	size_t i, k;

	fprintf(out, "# %s\n\n", S(d, "name"));
	if ((x = json_object_get(d, "bus"))) {
		fprintf(out, "A `%s` driver, `%s`, probed by `%s`", S(x, "struct"), S(x, "driver"), S(x, "probe"));
		if (S(x, "id_table"))
			fprintf(out, " for the %lld device ID%s of `%s`", (long long)I(x, "ids"),
				I(x, "ids") == 1 ? "" : "s", S(x, "id_table"));
		fprintf(out, "; the probe allocates with `%s`", S(x, "allocator"));
		if (S(x, "setup"))
			fprintf(out, " (set up by `%s`)", S(x, "setup"));
		if (S(x, "ifname"))
			fprintf(out, ", interfaces named `%s`", S(x, "ifname"));
		fputs(".\n\n", out);
	} else if (!strcmp(S(d, "init"), "rtnetlink"))
		fprintf(out, "Set up by `%s`; made by rtnetlink (`ip link add ... type %s`).\n\n",
			S(d, "setup"), S(d, "name"));
	else
		fprintf(out, "Set up by `%s`; allocated and registered by `%s`.\n\n", S(d, "setup"),
			S(d, "init"));

	fputs("## 1. Registration\n\n", out);
	json_array_foreach(json_object_get(d, "registration"), i, x) {
		fprintf(out, "%zu. ", i + 1);
		md_at(out, x);
		fprintf(out, ": %s\n", S(x, "text"));
	}

	fputs("\n## 2. Settings\n\n| field | as written | value | where it comes from | at |\n|---|---|---|---|---|\n", out);
	json_array_foreach(json_object_get(d, "settings"), i, x) {
		json_t *v = json_object_get(x, "value");

		fprintf(out, "| %s.%s %s | `", S(x, "struct"), S(x, "field"), S(x, "op"));
		md_cell(out, S(x, "rhs"));
		fputs("` | ", out);
		if (json_is_integer(v))
			fprintf(out, "%lld", (long long)json_integer_value(v));
		fputs(" | ", out);
		md_cell(out, S(x, "from"));
		if (S(x, "condition")) {
			fputs(", when `", out);
			md_cell(out, S(x, "condition"));
			fputs("`", out);
		}
		fputs(" | ", out);
		md_at(out, x);
		fputs(" |\n", out);
	}

	fputs("\n## 3. Flags\n\n", out);
	if (!json_array_size(json_object_get(d, "flags")) && !json_array_size(json_object_get(d, "priv_flags")))
		fputs("The setup path sets no device flags.\n", out);
	json_array_foreach(json_object_get(d, "flags"), i, x)
		fprintf(out, "- flags: `%s`: %s\n", S(x, "name"), S(x, "doc") ? S(x, "doc") : "");
	json_array_foreach(json_object_get(d, "priv_flags"), i, x)
		fprintf(out, "- priv_flags: `%s`: %s\n", S(x, "name"), S(x, "doc") ? S(x, "doc") : "");

	fputs("\n## 4. Features\n", out);
	if (!json_array_size(json_object_get(d, "features")))
		fputs("\nThe setup path sets no features.\n", out);
	json_array_foreach(json_object_get(d, "features"), i, x) {
		json_t *v = json_object_get(x, "value");

		fprintf(out, "\n### %s = `", S(x, "field"));
		md_cell(out, S(x, "rhs"));
		fputs("`", out);
		if (json_is_integer(v))
			fprintf(out, " (0x%llx)", (unsigned long long)json_integer_value(v));
		fputs("\n\n", out);
		if (json_array_size(json_object_get(x, "bits")))
			md_bits(out, json_object_get(x, "bits"));
		else
			fputs("Not a constant: see the settings above.\n", out);
		json_array_foreach(json_object_get(x, "composites"), k, y) {
			size_t j;
			json_t *b;

			fprintf(out, "\n`%s` expands to:", S(y, "name"));
			json_array_foreach(json_object_get(y, "bits"), j, b)
				fprintf(out, "%s `%s`", j ? "," : "", S(b, "name"));
			fputs(".\n", out);
		}
	}

	fputs("\n## 5. Ops tables\n", out);
	json_array_foreach(json_object_get(d, "ops"), i, x) {
		if (!S(x, "table")) {
			fprintf(out, "\n### %s = NULL (%s)\n", S(x, "field"), S(x, "from"));
			continue;
		}
		if (!S(x, "struct")) {
			fprintf(out, "\n### %s = &%s (%s; not defined in the indexed files)\n",
				S(x, "field"), S(x, "table"), S(x, "from"));
			continue;
		}
		fprintf(out, "\n### %s = &%s (struct %s, ", S(x, "field"), S(x, "table"), S(x, "struct"));
		md_at(out, x);
		fprintf(out, "; %s)\n\n", S(x, "from"));
		if (S(x, "condition"))
			fprintf(out, "When `%s`.\n\n", S(x, "condition"));
		if (S(x, "returned_by"))
			fprintf(out, "Returned by `%s()`.\n\n", S(x, "returned_by"));
		fputs("| slot | function | at |\n|---|---|---|\n", out);
		json_array_foreach(json_object_get(x, "members"), k, y) {
			fprintf(out, "| `%s` | `%s` | ", S(y, "field"), S(y, "function"));
			md_at(out, y);
			fputs(" |\n", out);
		}
		if (json_array_size(json_object_get(x, "null_slots"))) {
			fputs("\nEmpty slots the core falls back from:\n\n", out);
			json_array_foreach(json_object_get(x, "null_slots"), k, y) {
				fprintf(out, "- `%s` is NULL: `%s` calls `%s` instead (", S(y, "slot"),
					S(y, "core"), S(y, "fallback"));
				md_at(out, y);
				fputs(")\n", out);
			}
		}
	}

	fputs("\n## 6. Transmit path\n\n", out);
	if (!json_array_size(json_object_get(d, "transmit_path")))
		fprintf(out, "No path from `__dev_queue_xmit` to `%s` in the index.\n",
			S(d, "xmit") ? S(d, "xmit") : "its ndo_start_xmit");
	json_array_foreach(json_object_get(d, "transmit_path"), i, x) {
		fprintf(out, "%zu. %s:%lld: `%s` → `%s`", i + 1, S(x, "file"), (long long)I(x, "line"),
			S(x, "caller"), S(x, "callee"));
		if (S(x, "via"))
			fprintf(out, " through `%s`, bound at %s:%lld", S(x, "via"), S(x, "bound_file"),
				(long long)I(x, "bound_line"));
		fputs("\n", out);
	}
	if (S(d, "transmit_dot"))
		fprintf(out, "\n```dot\n%s```\n", S(d, "transmit_dot"));
	if (json_array_size(json_object_get(d, "leaves_cpu"))) {
		fputs("\nWhere the packet leaves the CPU:\n\n", out);
		json_array_foreach(json_object_get(d, "leaves_cpu"), i, x) {
			fprintf(out, "- %s:%lld: %s: `%s` calls `%s`", S(x, "file"), (long long)I(x, "line"),
				!strcmp(S(x, "kind"), "doorbell") ? "the doorbell" : "the DMA mapping",
				S(x, "function"), S(x, "call"));
			if (strcmp(S(x, "chain"), S(x, "function")))
				fprintf(out, " (%s)", S(x, "chain"));
			if (S(x, "condition"))
				fprintf(out, ", when `%s`", S(x, "condition"));
			fputs("\n", out);
		}
	}

	fputs("\n## 7. Drop points\n\n", out);
	if (!json_array_size(json_object_get(d, "drop_points")))
		fputs("None on the transmit path.\n", out);
	json_array_foreach(json_object_get(d, "drop_points"), i, x) {
		fprintf(out, "- %s:%lld: `%s` %s %s\n", S(x, "file"), (long long)I(x, "line"),
			S(x, "function"), strncmp(S(x, "what"), "return", 6) ? "calls" : "does",
			S(x, "what"));
		json_array_foreach(json_object_get(x, "conditions"), k, y)
			fprintf(out, "  - when: `%s`\n", json_string_value(y));
		json_array_foreach(json_object_get(x, "explained"), k, y)
			fprintf(out, "  - `%s`\n", json_string_value(y));
		json_array_foreach(json_object_get(x, "counters"), k, y) {
			fprintf(out, "  - counted by `%s` (", S(y, "text"));
			md_at(out, y);
			fputs(")\n", out);
		}
	}

	fprintf(out, "\n## 8. What `ip link` shows\n\n```\n%s\n```\n\n"
		"N is the interface's index. UP and LOWER_UP appear once it is brought up.\n",
		S(d, "ip_link"));
}

int report_md(FILE *out, json_t *devices)
{
	size_t i;
	json_t *d;

	json_array_foreach(devices, i, d) {
		if (i)
			fputs("\n---\n\n", out);
		md_device(out, d);
	}
	return 0;
}

/* --- HTML ------------------------------------------------------------------ */

/* The page pieces of render/html.c, under the short names this file uses. */
static void h(FILE *out, const char *s)
{
	html_text(out, s);
}

static void h_code(FILE *out, const char *s)
{
	html_code(out, s);
}

static void h_at(FILE *out, json_t *o)
{
	html_at(out, o);
}

static void h_device(FILE *out, json_t *d)
{
	json_t *x, *y;
	size_t i, k;

	fputs("<section><h1>", out);
	h(out, S(d, "name"));
	fputs("</h1><p>", out);
	if ((x = json_object_get(d, "bus"))) {
		fputs("A ", out);
		h_code(out, S(x, "struct"));
		fputs(" driver, ", out);
		h_code(out, S(x, "driver"));
		fputs(", probed by ", out);
		h_code(out, S(x, "probe"));
		if (S(x, "id_table")) {
			fprintf(out, " for the %lld device ID%s of ", (long long)I(x, "ids"),
				I(x, "ids") == 1 ? "" : "s");
			h_code(out, S(x, "id_table"));
		}
		fputs("; the probe allocates with ", out);
		h_code(out, S(x, "allocator"));
		if (S(x, "setup")) {
			fputs(" (set up by ", out);
			h_code(out, S(x, "setup"));
			fputs(")", out);
		}
		if (S(x, "ifname")) {
			fputs(", interfaces named ", out);
			h_code(out, S(x, "ifname"));
		}
		fputs(".</p>\n<h2 id=s1>1. Registration</h2><ol>", out);
	} else if (!strcmp(S(d, "init"), "rtnetlink")) {
		fputs("Set up by <code>", out);
		h(out, S(d, "setup"));
		fputs("</code>; made by rtnetlink (<code>ip link add ... type ", out);
		h(out, S(d, "name"));
		fputs("</code>).</p>\n<h2 id=s1>1. Registration</h2><ol>", out);
	} else {
		fputs("Set up by <code>", out);
		h(out, S(d, "setup"));
		fputs("</code>; allocated and registered by ", out);
		h_code(out, S(d, "init"));
		fputs(".</p>\n<h2 id=s1>1. Registration</h2><ol>", out);
	}
	json_array_foreach(json_object_get(d, "registration"), i, x) {
		fputs("<li>", out);
		h(out, S(x, "text"));
		fputs(" ", out);
		h_at(out, x);
		fputs("</li>", out);
	}
	fputs("</ol>\n<h2 id=s2>2. Settings</h2><table><tr><th>field</th><th>as written</th><th>value</th>"
	      "<th>where it comes from</th><th>at</th></tr>", out);
	json_array_foreach(json_object_get(d, "settings"), i, x) {
		json_t *v = json_object_get(x, "value");

		fputs("<tr><td><code>", out);
		if (strcmp(S(x, "struct"), "net_device")) {
			h(out, S(x, "struct"));
			fputc('.', out);
		}
		h(out, S(x, "field"));
		if (strcmp(S(x, "op"), "=")) {
			fputc(' ', out);
			h(out, S(x, "op"));
		}
		fputs("</code></td><td>", out);
		h_code(out, S(x, "rhs"));
		fputs("</td><td>", out);
		if (json_is_integer(v))
			fprintf(out, "%lld", (long long)json_integer_value(v));
		fputs("</td><td>", out);
		h(out, S(x, "from"));
		if (S(x, "condition")) {
			fputs(", when ", out);
			h_code(out, S(x, "condition"));
		}
		fputs("</td><td>", out);
		h_at(out, x);
		fputs("</td></tr>", out);
	}
	fputs("</table>\n<h2 id=s3>3. Flags</h2><table><tr><th>field</th><th>flag</th><th>the kernel's comment</th></tr>", out);
	json_array_foreach(json_object_get(d, "flags"), i, x) {
		fputs("<tr><td>flags</td><td>", out);
		h_code(out, S(x, "name"));
		fputs("</td><td>", out);
		h(out, S(x, "doc"));
		fputs("</td></tr>", out);
	}
	json_array_foreach(json_object_get(d, "priv_flags"), i, x) {
		fputs("<tr><td>priv_flags</td><td>", out);
		h_code(out, S(x, "name"));
		fputs("</td><td>", out);
		h(out, S(x, "doc"));
		fputs("</td></tr>", out);
	}
	fputs("</table>\n<h2 id=s4>4. Features</h2>", out);
	json_array_foreach(json_object_get(d, "features"), i, x) {
		json_t *v = json_object_get(x, "value");

		fputs("<h3><code>", out);
		h(out, S(x, "field"));
		fputs(" = ", out);
		h(out, S(x, "rhs"));
		fputs("</code>", out);
		if (json_is_integer(v))
			fprintf(out, " <span class=at>0x%llx</span>", (unsigned long long)json_integer_value(v));
		fputs("</h3><table><tr><th>bit</th><th>flag</th><th>the kernel's comment</th></tr>", out);
		json_array_foreach(json_object_get(x, "bits"), k, y) {
			fprintf(out, "<tr><td>%lld</td><td><code>", (long long)I(y, "bit"));
			h(out, S(y, "name"));
			fputs("</code></td><td>", out);
			h(out, S(y, "doc"));
			fputs("</td></tr>", out);
		}
		fputs("</table>", out);
		json_array_foreach(json_object_get(x, "composites"), k, y) {
			size_t j;
			json_t *b;

			fputs("<p>", out);
			h_code(out, S(y, "name"));
			fputs(" expands to:", out);
			json_array_foreach(json_object_get(y, "bits"), j, b) {
				fputs(j ? ", <code>" : " <code>", out);
				h(out, S(b, "name"));
				fputs("</code>", out);
			}
			fputs(".</p>", out);
		}
	}
	fputs("\n<h2 id=s5>5. Ops tables</h2>", out);
	json_array_foreach(json_object_get(d, "ops"), i, x) {
		fputs("<h3><code>", out);
		h(out, S(x, "field"));
		fputs(" = ", out);
		if (S(x, "table")) {
			fputc('&', out);
			h(out, S(x, "table"));
		} else {
			fputs("NULL", out);
		}
		fputs("</code> ", out);
		h_at(out, x);
		fputs("</h3><p>", out);
		h(out, S(x, "from"));
		if (S(x, "condition")) {
			fputs(", when ", out);
			h_code(out, S(x, "condition"));
		}
		if (S(x, "returned_by")) {
			fputs(", returned by ", out);
			h_code(out, S(x, "returned_by"));
		}
		fputs("</p>", out);
		if (!json_array_size(json_object_get(x, "members")))
			continue;
		fputs("<table><tr><th>slot</th><th>function</th><th>at</th></tr>", out);
		json_array_foreach(json_object_get(x, "members"), k, y) {
			fputs("<tr><td>", out);
			h_code(out, S(y, "field"));
			fputs("</td><td>", out);
			h_code(out, S(y, "function"));
			fputs("</td><td>", out);
			h_at(out, y);
			fputs("</td></tr>", out);
		}
		fputs("</table>", out);
		if (json_array_size(json_object_get(x, "null_slots"))) {
			fputs("<p>Empty slots the core falls back from:</p><ul>", out);
			json_array_foreach(json_object_get(x, "null_slots"), k, y) {
				fputs("<li>", out);
				h_code(out, S(y, "slot"));
				fputs(" is NULL: ", out);
				h_code(out, S(y, "core"));
				fputs(" calls ", out);
				h_code(out, S(y, "fallback"));
				fputs(" instead ", out);
				h_at(out, y);
				fputs("</li>", out);
			}
			fputs("</ul>", out);
		}
	}
	fputs("\n<h2 id=s6>6. Transmit path</h2><ol>", out);
	json_array_foreach(json_object_get(d, "transmit_path"), i, x) {
		fputs("<li>", out);
		h_code(out, S(x, "caller"));
		fputs(" → ", out);
		h_code(out, S(x, "callee"));
		fputs(" ", out);
		h_at(out, x);
		if (S(x, "via")) {
			fputs(" through ", out);
			h_code(out, S(x, "via"));
			fputs(", bound at ", out);
			fprintf(out, "<span class=at>");
			h(out, S(x, "bound_file"));
			fprintf(out, ":%lld</span>", (long long)I(x, "bound_line"));
		}
		fputs("</li>", out);
	}
	fputs("</ol>", out);
	if (S(d, "transmit_dot"))
		html_svg(out, S(d, "transmit_dot"));
	if (json_array_size(json_object_get(d, "leaves_cpu"))) {
		fputs("<p>Where the packet leaves the CPU:</p><ul>", out);
		json_array_foreach(json_object_get(d, "leaves_cpu"), i, x) {
			fputs("<li>", out);
			h(out, !strcmp(S(x, "kind"), "doorbell") ? "the doorbell: " : "the DMA mapping: ");
			h_code(out, S(x, "function"));
			fputs(" calls ", out);
			h_code(out, S(x, "call"));
			fputs(" ", out);
			h_at(out, x);
			if (strcmp(S(x, "chain"), S(x, "function"))) {
				fputs(" (", out);
				h(out, S(x, "chain"));
				fputs(")", out);
			}
			if (S(x, "condition")) {
				fputs(", when ", out);
				h_code(out, S(x, "condition"));
			}
			fputs("</li>", out);
		}
		fputs("</ul>", out);
	}
	fputs("\n<h2 id=s7>7. Drop points</h2>", out);
	json_array_foreach(json_object_get(d, "drop_points"), i, x) {
		fputs("<div class=drop>", out);
		h_code(out, S(x, "function"));
		fputs(" ", out);
		h(out, strncmp(S(x, "what"), "return", 6) ? "calls" : "does");
		fputs(" ", out);
		h_code(out, S(x, "what"));
		fputs(" ", out);
		h_at(out, x);
		fputs("<ul>", out);
		json_array_foreach(json_object_get(x, "conditions"), k, y) {
			fputs("<li>when ", out);
			h_code(out, json_string_value(y));
			fputs("</li>", out);
		}
		json_array_foreach(json_object_get(x, "explained"), k, y) {
			fputs("<li>", out);
			h_code(out, json_string_value(y));
			fputs("</li>", out);
		}
		json_array_foreach(json_object_get(x, "counters"), k, y) {
			fputs("<li>counted by ", out);
			h_code(out, S(y, "text"));
			fputs(" ", out);
			h_at(out, y);
			fputs("</li>", out);
		}
		fputs("</ul></div>", out);
	}
	fputs("\n<h2 id=s8>8. What <code>ip link</code> shows</h2><pre>", out);
	h(out, S(d, "ip_link"));
	fputs("</pre><p>N is the interface's index. UP and LOWER_UP appear once it is brought up.</p></section>\n", out);
}

int report_html(FILE *out, json_t *devices, const char *title)
{
	size_t i;
	json_t *d;

	fputs("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>", out);
	h(out, title);
	fprintf(out, "</title><style>%s</style></head><body>\n<nav>", html_css());
	json_array_foreach(devices, i, d) {
		fprintf(out, "<a href=\"#dev%zu\">", i);
		h(out, S(d, "name"));
		fputs("</a>", out);
	}
	fputs("</nav>\n", out);
	json_array_foreach(devices, i, d) {
		fprintf(out, "<div id=\"dev%zu\">", i);
		h_device(out, d);
		fputs("</div>", out);
	}
	fputs("<footer class=at>made by ndoscope from the index</footer></body></html>\n", out);
	return 0;
}

/* --- the matrix -------------------------------------------------------------- */

static void add_unique(struct strvec *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->v[i], s))
			return;
	VEC_PUSH(v, xstrdup(s));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *slot_of(json_t *d, const char *slot)
{
	size_t i, k;
	json_t *o, *m;

	json_array_foreach(json_object_get(d, "ops"), i, o) {
		if (strcmp(S(o, "field"), "netdev_ops"))
			continue;
		json_array_foreach(json_object_get(o, "members"), k, m)
			if (!strcmp(S(m, "field"), slot))
				return S(m, "function");
	}
	return NULL;
}

static bool has_feature(json_t *d, const char *flag)
{
	size_t i, k;
	json_t *f, *b;

	json_array_foreach(json_object_get(d, "features"), i, f) {
		if (strcmp(S(f, "field"), "features"))
			continue;
		json_array_foreach(json_object_get(f, "bits"), k, b)
			if (!strcmp(S(b, "name"), flag))
				return true;
	}
	return false;
}

/* N of M net_device_ops tables attributed, and the ones that are not. */
static void coverage(FILE *out, json_t *cov, bool html)
{
	long long tables = I(cov, "tables"), attributed = I(cov, "attributed");
	size_t i;
	json_t *m;

	if (!tables)
		return;
	fprintf(out, html ? "<p>Coverage: %lld of the %lld <code>net_device_ops</code> tables defined here "
		"belong to a device above (%.1f%%).</p>" :
		"\nCoverage: %lld of the %lld `net_device_ops` tables defined here belong to a device above (%.1f%%).\n",
		attributed, tables, 100.0 * (double)attributed / (double)tables);
	if (!json_array_size(json_object_get(cov, "unattributed")))
		return;
	fputs(html ? "<p>Not attributed:</p><ul>" : "Not attributed:\n\n", out);
	json_array_foreach(json_object_get(cov, "unattributed"), i, m) {
		if (html) {
			fputs("<li>", out);
			h_code(out, S(m, "table"));
			fputs(" ", out);
			h_at(out, m);
			fputs("</li>", out);
		} else {
			fprintf(out, "- `%s` (%s:%lld)\n", S(m, "table"), S(m, "file"), (long long)I(m, "line"));
		}
	}
	if (html)
		fputs("</ul>", out);
}

int report_matrix(FILE *out, json_t *devices, json_t *cov, const char *format)
{
	struct strvec slots = { 0 }, feats = { 0 };
	bool csv = !strcmp(format, "csv"), html = !strcmp(format, "html");
	size_t i, k, j;
	json_t *d, *o, *m;

	json_array_foreach(devices, i, d) {
		json_array_foreach(json_object_get(d, "ops"), k, o)
			if (!strcmp(S(o, "field"), "netdev_ops"))
				json_array_foreach(json_object_get(o, "members"), j, m)
					add_unique(&slots, S(m, "field"));
		json_array_foreach(json_object_get(d, "features"), k, o)
			if (!strcmp(S(o, "field"), "features"))
				json_array_foreach(json_object_get(o, "bits"), j, m)
					add_unique(&feats, S(m, "name"));
	}
	if (slots.n)
		qsort(slots.v, slots.n, sizeof(*slots.v), cmp_str);
	if (feats.n)
		qsort(feats.v, feats.n, sizeof(*feats.v), cmp_str);

	if (html)
		fprintf(out, "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>driver matrix</title>"
			"<style>%s</style></head><body><h1>Driver matrix</h1><table><tr><th>device</th><th>setup</th>", html_css());
	else if (csv)
		fputs("device,setup", out);
	else
		fputs("| device | setup |", out);
	for (i = 0; i < slots.n + feats.n; i++) {
		const char *c = i < slots.n ? slots.v[i] : feats.v[i - slots.n];

		if (html) {
			fputs("<th>", out);
			h(out, c);
			fputs("</th>", out);
		} else {
			fprintf(out, csv ? ",%s" : " %s |", c);
		}
	}
	fputs(html ? "</tr>\n" : "\n", out);
	if (!csv && !html) {
		fputs("|---|---|", out);
		for (i = 0; i < slots.n + feats.n; i++)
			fputs("---|", out);
		fputs("\n", out);
	}
	json_array_foreach(devices, k, d) {
		if (html) {
			fputs("<tr><td>", out);
			h(out, S(d, "name"));
			fputs("</td><td>", out);
			h_code(out, S(d, "setup"));
			fputs("</td>", out);
		} else {
			fprintf(out, csv ? "%s,%s" : "| %s | `%s` |", S(d, "name"), S(d, "setup"));
		}
		for (i = 0; i < slots.n + feats.n; i++) {
			const char *v = i < slots.n ? slot_of(d, slots.v[i]) :
					(has_feature(d, feats.v[i - slots.n]) ? "yes" : NULL);

			if (html) {
				fputs("<td>", out);
				h(out, v ? v : "");
				fputs("</td>", out);
			} else {
				fprintf(out, csv ? ",%s" : " %s |", v ? v : "");
			}
		}
		fputs(html ? "</tr>\n" : "\n", out);
	}
	if (html)
		fputs("</table>", out);
	if (!csv && cov)
		coverage(out, cov, html);
	if (html)
		fputs("</body></html>\n", out);
	for (i = 0; i < slots.n; i++)
		free(slots.v[i]);
	for (i = 0; i < feats.n; i++)
		free(feats.v[i]);
	VEC_FREE(&slots);
	VEC_FREE(&feats);
	return 0;
}

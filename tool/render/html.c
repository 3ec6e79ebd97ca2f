// SPDX-License-Identifier: GPL-2.0
/*
 * Pieces of the self-contained HTML pages that report and journey write:
 * escaped text, a Graphviz drawing inlined as SVG, the shared style sheet.
 */
#include <stdlib.h>
#include <string.h>

#include "render/dot.h"
#include "render/html.h"

void html_text(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*s, out);
		}
	}
}

void html_code(FILE *out, const char *s)
{
	fputs("<code>", out);
	html_text(out, s);
	fputs("</code>", out);
}

void html_at(FILE *out, json_t *o)
{
	const char *file = json_string_value(json_object_get(o, "file"));

	if (!file)
		return;
	fputs("<span class=at>", out);
	html_text(out, file);
	fprintf(out, ":%lld</span>", (long long)json_integer_value(json_object_get(o, "line")));
}

void html_svg(FILE *out, const char *dot)
{
	char *svg = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&svg, &len);

	if (mem && !dotout_render(dot, strlen(dot), "svg", mem)) {
		const char *start;

		fclose(mem);
		/* inline the <svg> element itself, not its XML prologue */
		start = strstr(svg, "<svg");
		fputs("<div class=svg>", out);
		fputs(start ? start : "", out);
		fputs("</div>", out);
	} else if (mem) {
		fclose(mem);
	}
	free(svg);
}

static const char css[] =
	"body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1100px;"
	"padding:0 1.5em;color:#222}h1{border-bottom:2px solid #1565c0;padding-bottom:.2em}"
	"h2{margin-top:1.8em;color:#1565c0}h3{margin-bottom:.3em}code{font:13px/1.4 ui-monospace,Menlo,monospace;"
	"background:#f3f4f6;padding:1px 4px;border-radius:3px}table{border-collapse:collapse;margin:.5em 0;"
	"font-size:14px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
	"th{background:#f6f8fa}.at{color:#666;font:12px ui-monospace,Menlo,monospace;white-space:nowrap}"
	".svg{overflow-x:auto;border:1px solid #eee;border-radius:6px;padding:8px;background:#fff}"
	".drop{border-left:4px solid #c62828;padding:.3em .8em;margin:.6em 0;background:#fff5f5}"
	".svg svg{width:max(100%,1500px);height:auto}td code{white-space:pre-wrap}pre{background:#1e1e1e;color:#eee;padding:1em;border-radius:6px;overflow-x:auto}"
	"nav a{margin-right:1em}ol li,ul li{margin:.2em 0}";

const char *html_css(void)
{
	return css;
}

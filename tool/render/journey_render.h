/* Journeys (query/journey.c's JSON) as Markdown and as one HTML page. */
#ifndef NDOSCOPE_JOURNEY_RENDER_H
#define NDOSCOPE_JOURNEY_RENDER_H

#include <stdio.h>
#include <jansson.h>

#include "render/edge_format.h"

/* JOURNEYS is an array of journey_build() documents; two or more are compared first. */
int journey_md(FILE *out, json_t *journeys);
int journey_html(FILE *out, json_t *journeys);

#endif

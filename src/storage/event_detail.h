/*
 * event_detail.h: what the events table keeps of an event beyond its
 * columns (events.detail): the analysis' members an analyst's table needs
 * that no column holds (both sides' names, types, countries and CAMEO
 * actor codes, the PLOVER mode, magnitudes, the sentence's span, the
 * date's granularity, the place's name and coordinates, the trigger's
 * lemma, the confidence), in the analysis line's own shape and names, so
 * that the export reads a stored event as it reads the line. The analysis
 * line itself is kept only with `rasd ingest --keep-json`.
 */
#ifndef RASD_EVENT_DETAIL_H
#define RASD_EVENT_DETAIL_H

#include <stddef.h>

/* One event object of the analysis line (json[0..len)) to its detail: a
 * compact JSON object, malloc'd, without nulls; NULL when it is not an
 * object or memory ran out. */
char *rasd_event_detail(const char *json, size_t len);

#endif

/*
 * analysis_events.h: the JSON of the events (docs/analyze.schema.json,
 * "events") and of the entities their unnamed participants become
 * (agent:, country:, phrase:), for analysis_json.c.
 */
#ifndef RASD_ANALYSIS_EVENTS_H
#define RASD_ANALYSIS_EVENTS_H

#include "core/internal.h"
#include "extract/events.h"
#include "knowledge/knowledge.h"

/* Appends the events array, [ ... ]. */
void rasd_json_events(rasd_buf *f, const rasd_knowledge *kn, const char *text, const rasd_entities *es,
                      const rasd_event_list *list);
/* Appends an entity object for each participant no entity of the
 * extractor covers, with the words that name it as mentions; first: no
 * entity was written before (no leading comma). */
void rasd_json_event_participants(rasd_buf *f, const rasd_knowledge *kn, const char *text,
                                  const rasd_event_list *list, bool first);

#endif

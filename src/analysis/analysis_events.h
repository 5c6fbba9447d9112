/*
 * analysis_events.h: the JSON of the events (docs/analyze.schema.json,
 * "events") and of the entities their unnamed participants become
 * (agent:, country:, phrase:), for analysis_json.c.
 */
#ifndef RASD_ANALYSIS_EVENTS_H
#define RASD_ANALYSIS_EVENTS_H

#include "analysis/analysis.h"
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

/* The entities rasd_json_event_participants writes, for the typed views:
 * side_ids[k] gets the id of event side k (even: source of event k / 2,
 * odd: its target) when it is an unnamed participant, else "". */
bool rasd_event_participants_index(const rasd_knowledge *kn, const char *text, const rasd_event_list *list,
                                   char (*side_ids)[160], rasd_participant_entity **out, size_t *n_out);
void rasd_participant_entities_free(rasd_participant_entity *parts, size_t n);

#endif

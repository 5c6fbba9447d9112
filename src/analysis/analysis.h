/*
 * analysis.h: what an rasd_analysis (rasd.h) holds, shared by the code
 * that makes it and writes its JSON (analysis_json.c) and the typed views
 * of its facts (analysis_facts.c). The extractors' own lists are kept as
 * they came; what the JSON computes from them on the fly (the ids of
 * countries, unknown places and unnamed event participants) is computed
 * once here so the views can hand out strings that stay valid.
 */
#ifndef RASD_ANALYSIS_H
#define RASD_ANALYSIS_H

#include "core/internal.h"
#include "extract/dates.h"
#include "extract/entities.h"
#include "extract/events.h"
#include "extract/numbers.h"

/* An entity for event participants no extractor entity covers
 * (analysis_events.c says which): its mentions are the event sides, by
 * index k (even: source of event k / 2, odd: its target). */
typedef struct rasd_participant_entity {
    char *id;
    const char *type;    /* agent, state, unresolved (static) */
    char *name_ar;       /* owned */
    const char *name_en; /* the agent's, or NULL */
    const char *country; /* into the event list, or NULL */
    size_t *sides;
    size_t n_sides;
} rasd_participant_entity;

struct rasd_analysis {
    /* the document (its text borrowed) and the options, narrowed to what
     * was asked for (analysis_json.c) */
    const char *text;
    size_t len;
    char id[33];
    char *path;
    rasd_span title;
    rasd_utf8_report utf8;
    char *source, *published;
    rasd_analysis_options opt;
    bool has_events;      /* events were coded (the knowledge has a dictionary) */
    rasd_span_list paragraphs, sentences;
    size_t n_tokens, words;
    rasd_buf *tokens;     /* the token array's JSON (with_tokens), or NULL */
    rasd_entities ents;
    rasd_event_list events;
    rasd_number_list numbers;
    rasd_date_list dates;
    size_t *number_sentence, *date_sentence;
    /* for the views */
    char **place_ids;     /* one per place hit */
    /* an event's place id where it differs: the places list cuts an unknown
     * place's id at 599 bytes, the events do not (NULL: none differs) */
    char **event_place_ids;
    char (*side_ids)[160]; /* one per event side, "" for a named entity or none */
    rasd_participant_entity *parts;
    size_t n_parts;
};

/* Fills the views' ids (place_ids, side_ids, parts); false when out of memory. */
bool rasd_analysis_index(rasd_analysis *a);
void rasd_analysis_index_free(rasd_analysis *a);

#endif

/*
 * events.h: the event coder. Who did what to whom, where and when: a trigger
 * (a verb or an event noun of data/events/triggers.tsv, with its cue) gives
 * the CAMEO code, PLOVER type and mode and ACLED type; the entity mentions
 * and generic agents (data/events/agents.tsv) of the sentence around it give
 * the source and the target; the sentence's places, dates and numbers give
 * the place, the date and the magnitudes. How it decides: docs/events.md.
 *
 * The dictionary (src/knowledge/event_dict.h) is compiled at knowledge load
 * time into a trie of its own (the same structure as the name trie), walked over
 * the token keys the entity extractor has already built: coding costs one
 * look-up per word, never a second normalization or a regular expression.
 */
#ifndef RASD_EVENTS_H
#define RASD_EVENTS_H

#include "dates.h"
#include "entities.h"
#include "knowledge/event_dict.h"
#include "numbers.h"

/* ----------------------------------------------------------------- events */

enum {
    RASD_EV_NEGATED = 1u << 0,
    RASD_EV_FUTURE = 1u << 1,
    RASD_EV_HYPOTHETICAL = 1u << 2,
    RASD_EV_CLAIMED = 1u << 3,
    RASD_EV_SYMMETRIC = 1u << 4,  /* a fight between two: source and target are interchangeable */
    RASD_EV_IN_QUOTE = 1u << 5,   /* reported inside a quotation */
    RASD_EV_DATE_PUBLISHED = 1u << 6, /* no date in the sentence: the publication date */
    RASD_EV_PLACE_DATELINE = 1u << 7  /* no place in the sentence: the dateline */
};

/* A participant: a named entity, a generic agent, or both (an agent of a
 * named group: عناصر من قسد is the group). */
typedef struct rasd_event_actor {
    int entity;        /* entity index, or -1 */
    int agent;         /* agent row, or -1 */
    char country[4];   /* ISO3 from a nationality adjective or the entity, or "" */
    char code[24];     /* CAMEO actor code: TURCOP, the entity's code, ---CVL; "" unknown */
    size_t start, end; /* the words that name it (0, 0: none) */
    const char *rule;  /* how it was found (a static string) */
} rasd_event_actor;

typedef struct rasd_event {
    uint32_t trigger;             /* row of the dictionary */
    char cameo[6];                /* the row's code, or 18x where the actors make 19x one-sided violence */
    const char *plover_type, *plover_mode; /* the row's, or those of the code the actors gave (static strings) */
    size_t start, end;            /* the trigger (and its cue, when a cue decided the code) */
    size_t sentence, sent_start, sent_end;
    rasd_event_actor source, target;
    uint32_t flags;               /* RASD_EV_* */
    const char *acled;            /* ACLED event type, or NULL */
    int place;                    /* place index (rasd_entities.places), or -1 */
    char date[11];                /* YYYY-MM-DD, YYYY-MM or YYYY; "" unknown */
    const char *granularity;      /* day, week, month, year, or NULL */
    double killed, wounded, arrested, money; /* -1: not given */
    float confidence;             /* 0..1: how much of who did what to whom the sentence gave */
    const char *currency;         /* of money, or NULL */
} rasd_event;

typedef struct rasd_event_list {
    rasd_event *items;
    size_t count, cap;
} rasd_event_list;

void rasd_event_list_free(rasd_event_list *list);

/* CAMEO root (first two digits), quad class (1 verbal cooperation, 2
 * material cooperation, 3 verbal conflict, 4 material conflict) and a
 * Goldstein-like weight of the root (from the CAMEO Goldstein scale). */
int rasd_cameo_quad_class(const char *cameo);
double rasd_cameo_goldstein(const char *cameo);

/* The coder of one document, fed the sentences the entity extractor has
 * just read (their token analysis and mentions are still in it). */
typedef struct rasd_event_coder rasd_event_coder;

rasd_event_coder *rasd_event_coder_new(const rasd_event_dict *dict, const char *published);
/* Codes the sentence the extractor x has just read; numbers[nb..] and
 * dates[db..] are the ones found in that sentence. */
rasd_status rasd_event_code_sentence(rasd_event_coder *c, rasd_entity_extractor *x, size_t n, size_t sentence,
                                     const rasd_number_list *numbers, size_t nb, const rasd_date_list *dates,
                                     size_t db);
/* Moves the events out (the places they point to are final only after the
 * extractor's own finish: the dateline may come late). */
rasd_status rasd_event_coder_finish(rasd_event_coder *c, const rasd_entities *es, rasd_event_list *out);
void rasd_event_coder_destroy(rasd_event_coder *c);

#endif

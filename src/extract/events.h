/*
 * events.h: the event coder. Who did what to whom, where and when: a trigger
 * (a verb or an event noun of data/events/triggers.tsv, with its cue) gives
 * the CAMEO code, PLOVER type and mode and ACLED type; the entity mentions
 * and generic agents (data/events/agents.tsv) of the sentence around it give
 * the source and the target; the sentence's places, dates and numbers give
 * the place, the date and the magnitudes. How it decides: docs/events.md.
 *
 * The dictionary is compiled at knowledge load time into a trie of its own
 * (the same structure as the name trie, src/knowledge/names.h), walked over
 * the token keys the entity extractor has already built: coding costs one
 * look-up per word, never a second normalization or a regular expression.
 */
#ifndef RASD_EVENTS_H
#define RASD_EVENTS_H

#include "dates.h"
#include "entities.h"
#include "numbers.h"

/* ------------------------------------------------------------ dictionary */

/* What a path of the event trie names (rasd_name_target.kind). */
enum { EV_TRIGGER = 0, EV_AGENT = 1, EV_CUE = 2, EV_NATION = 3, EV_MARK = 4 };

/* Closed word classes the coder asks about (rasd_name_target.index of EV_MARK). */
enum {
    EV_MARK_NEG = 1,      /* لم، لن، لا، ليس، عدم */
    EV_MARK_NEG_FUT,      /* لن: negated and future */
    EV_MARK_FUT,          /* سوف، سيتم */
    EV_MARK_HYP,          /* إذا، لو، في حال */
    EV_MARK_CLAIM,        /* زعم، ادعى، حسب، بحسب، وفق */
    EV_MARK_ATTR,         /* التابع ل، بقيادة، باسم: what follows describes, it is no party */
    EV_MARK_BOUNDARY,     /* ثم، بينما، الذي، التي: a clause ends */
    EV_MARK_BETWEEN,      /* بين */
    EV_MARK_WITH,         /* مع */
    EV_MARK_ON,           /* على */
    EV_MARK_AGAINST,      /* ضد */
    EV_MARK_TO,           /* إلى */
    EV_MARK_FROM,         /* من */
    EV_MARK_ABOUT,        /* عن */
    EV_MARK_IN,           /* في */
    EV_MARK_EACH,         /* كل، كلا (كلا من X و Y: both X and Y) */
    EV_MARK_AUX,          /* قد، كان، كانت، لقد: between a subject and its verb */
    EV_MARK_THAT,         /* أن، إن: a clause follows whose subject comes first */
    EV_MARK_STILL,        /* لا يزال، ما زال: 'still', no negation */
    EV_MARK_RELATIVE,     /* الذي، التي، الذين: the verb after it has the noun before it as subject */
    EV_MARK_HEAD,         /* قوات، مدفعية، عناصر، وزير ...: a subject's head before the name it governs */
    EV_MARK_AMBIGUOUS,    /* a trigger form that is also a common word (طالب: student) */
    EV_MARK_BY,           /* على يد، من قبل، برصاص، بنيران: the agent of a passive or nominal event follows */
    EV_MARK_COUNT
};

/* How a trigger's target or content is introduced (target_prep and
 * issue_prep of triggers.tsv), as bits: read once at load time. */
enum {
    EV_PREP_DIRECT = 1u << 0, /* "-": the direct object */
    EV_PREP_B = 1u << 1,      /* ب, attached */
    EV_PREP_L = 1u << 2,      /* ل, attached */
    EV_PREP_WORD = 1u << 3    /* from here on: 1u << (EV_PREP_WORD_SHIFT + an EV_MARK_*) */
};
#define EV_PREP_WORD_SHIFT 3
#define EV_PREP_MARK(m) (1u << (EV_PREP_WORD_SHIFT + (m)))

typedef struct rasd_trigger {
    const char *lemma, *cue, *cameo, *plover_type, *plover_mode, *acled, *target_prep, *issue_prep, *ambiguous;
    bool verb, noun, speech, has_cue;
    bool cue_place; /* the cue list holds +place: a place the text names (تحرير عدن) or a pronoun on the trigger (تحريرها) */
    uint32_t target_mask, issue_mask; /* EV_PREP_* bits */
    uint32_t line;
} rasd_trigger;

typedef struct rasd_agent {
    const char *name, *code, *name_en;
} rasd_agent;

typedef struct rasd_event_dict {
    rasd_names words; /* triggers, cues, agents, nationality adjectives, closed classes */
    rasd_trigger *triggers;
    size_t n_triggers;
    rasd_agent *agents;
    size_t n_agents;
    char (*nations)[4]; /* ISO3 of each nationality row */
    size_t n_nations;
    /* A bit per hash of every key a path of `words` starts with. 8 kB, where
     * the trie's own filter is 128 kB: asked for every word form, it stays in
     * the processor's nearest cache beside the other stages' tables. */
    uint64_t first_bits[1024];
    char **strings;     /* every string the rows point to */
    size_t n_strings, cap_strings;
} rasd_event_dict;

/* Loads data/events/ under dir (triggers.tsv, agents.tsv, nationalities.tsv).
 * A malformed line is an RASD_ERR_DATA error naming the file and line. */
rasd_event_dict *rasd_event_dict_load(const char *dir, rasd_error *err);
void rasd_event_dict_destroy(rasd_event_dict *d);

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

/*
 * event_dict.h: the event coder's dictionary (data/events/, see its
 * README.md): triggers with their codes, generic agents, nationality
 * adjectives and the closed word classes the coder asks about, compiled
 * into one trie of token keys (the same structure as the name trie,
 * names.h). It is loaded with the rest of the knowledge base
 * (rasd_knowledge_load) and read by the event coder (src/extract/events.h):
 * it lives here, below extraction, so that the knowledge base never
 * includes the layer built on it.
 */
#ifndef RASD_KNOWLEDGE_EVENT_DICT_H
#define RASD_KNOWLEDGE_EVENT_DICT_H

#include "knowledge/names.h"

#include <stdbool.h>
#include <stdint.h>

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

#endif

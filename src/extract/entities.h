/*
 * entities.h: who and where in one document. Names from the knowledge
 * base (longest match over token keys, clitics stripped), people found
 * after titles and in bylines, ambiguous names decided by rule, and short
 * references (التنظيم، المتحدث) linked back to the entity they mean.
 */
#ifndef RASD_ENTITIES_H
#define RASD_ENTITIES_H

#include "knowledge/knowledge.h"

typedef struct rasd_mention {
    size_t start, end; /* the name in the text, attached clitics excluded */
    size_t sentence;
    const char *rule;  /* what produced it (a static string) */
    uint16_t label;    /* loaded-label category (knowledge labels), 0 if none */
} rasd_mention;

typedef enum rasd_entity_origin { RASD_FROM_KB = 0, RASD_FROM_TITLE, RASD_FROM_BYLINE, RASD_FROM_TAGGER } rasd_entity_origin;

typedef struct rasd_entity {
    char *id;              /* KB id, person:<name key>, or org:<name key> (tagger) */
    uint32_t actor;        /* KB index, or UINT32_MAX for a person found in the text */
    rasd_entity_origin origin;
    char *name_ar;         /* for entities not in the KB: the surface name */
    const char *type;      /* for entities not in the KB: "person" or "organization" */
    char *title;           /* a person's title as written (العقيد), or NULL */
    char *role;            /* title's role category (spokesperson, envoy...), or NULL */
    char *byline_role;     /* author, editor */
    uint32_t affiliation;  /* entity index (in this list) of the actor the person speaks for, or UINT32_MAX */
    char *country;         /* for people: ISO3 from the affiliation, or NULL */
    rasd_mention *mentions;      /* the first RASD_MAX_MENTIONS */
    size_t n_mentions, cap_mentions;
    size_t total_mentions;       /* all of them */
} rasd_entity;

/* Mentions kept per entity or place: a pathological document (one name a
 * million times) must not make the output or the memory explode. */
#define RASD_MAX_MENTIONS 10000

typedef struct rasd_place_hit {
    uint32_t place;        /* knowledge place index, or UINT32_MAX for a country or an unknown place */
    uint32_t actor;        /* the state actor, for a country; UINT32_MAX for an unknown place */
    char *name;            /* an unknown place's name as written (found by the tagger) */
    rasd_mention *mentions;
    size_t n_mentions, cap_mentions;
    size_t total_mentions;
    bool dateline;
} rasd_place_hit;

/* Who said what: a direct quotation (between quotation marks) or an
 * indirect one (a reporting verb, إن/أن and its clause). */
typedef struct rasd_quote {
    size_t start, end;                 /* the speaker's words, verbatim */
    size_t verb_start, verb_end;       /* the reporting verb */
    size_t speaker_start, speaker_end; /* the words naming the speaker (0, 0: none) */
    int speaker;                       /* entity index, or -1 */
    size_t sentence;
    bool direct, anonymous, continuation;
    const char *channel; /* "statement", "post" or NULL */
    const char *rule;    /* how the speaker was found */
} rasd_quote;

/* How an outlet colours an actor: a loaded term (مليشيا، ما يسمى، الاحتلال)
 * attached to it, or a loaded name of it from the knowledge base. */
typedef struct rasd_framing {
    int actor;              /* entity index, or -1 (a term about no named actor) */
    size_t start, end;      /* the term */
    size_t sentence;
    const char *label;      /* militia, occupation, so-called ... */
    int polarity;           /* -1, 0, +1 */
    const char *source;     /* "kb:loaded-label" or "lexicon" */
} rasd_framing;

typedef struct rasd_entities {
    rasd_entity *items;
    size_t count, cap;
    rasd_place_hit *places;
    size_t n_places, cap_places;
    rasd_quote *quotes;
    size_t n_quotes, cap_quotes;
    rasd_framing *framing;
    size_t n_framing, cap_framing;
    uint32_t outlet;   /* entity index of the outlet named in the byline, or UINT32_MAX */
    uint32_t dateline; /* place index (in places) of the dateline, or UINT32_MAX */
} rasd_entities;

/* The state of extraction over one document, fed sentence by sentence. */
typedef struct rasd_entity_extractor rasd_entity_extractor;

rasd_entity_extractor *rasd_entity_extractor_new(const rasd_knowledge *kn, rasd_analyzer *an, const char *text,
                                                 size_t len);
/* Adds the name tagger's names to the dictionary's (model may be NULL). */
void rasd_entity_extractor_set_tagger(rasd_entity_extractor *x, const rasd_ner_model *model);
/* Whether to look for quotes and for framing labels, and whether events
 * will be coded (all on by default). */
void rasd_entity_extractor_set_stages(rasd_entity_extractor *x, bool quotes, bool framing, bool events);
/* Tokens of one sentence (or part of a very long one), in order. */
rasd_status rasd_entity_extract_sentence(rasd_entity_extractor *x, const rasd_token *toks, size_t n,
                                         size_t sentence);
/* The key of token i of the last sentence extract_sentence took, when
 * the word analyzer gave it (a word: rasd_normalize's key of its text) and
 * its rasd_hash_bytes in *hash; NULL for other tokens. Numbers and dates
 * reuse these keys (rasd_x_keys_build) rather than normalising again. */
const char *rasd_entity_token_key(const rasd_entity_extractor *x, size_t i, size_t *len, uint64_t *hash);
/* Finishes the document; moves the results into *out. */
rasd_status rasd_entity_extractor_finish(rasd_entity_extractor *x, rasd_entities *out);
void rasd_entity_extractor_destroy(rasd_entity_extractor *x);
void rasd_entities_free(rasd_entities *e);

#endif

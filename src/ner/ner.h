/*
 * ner.h: the name tagger's runtime API, for the rest of rasd: load a model
 * once, then tag the tokens of one sentence into BIO tags and entity spans.
 *
 * The tagger is an averaged perceptron over hashed features with a Viterbi
 * decoder (docs/ner.md). Training, the model file and the word clusters are
 * behind src/ner/ner_internal.h; this header is all a caller needs.
 *
 * Ownership:
 *   - rasd_ner_model is read-only once loaded: one model may be shared by
 *     any number of threads. The caller owns it (rasd_ner_destroy).
 *   - rasd_analyzer is per thread, as everywhere in rasd; the tagger only
 *     borrows it for the call.
 *   - rasd_ner_result is owned by the caller (one per thread) and reused
 *     from sentence to sentence: its arrays grow as needed and stay valid
 *     until the next rasd_ner_tag on the same result or rasd_ner_result_free.
 */
#ifndef RASD_NER_H
#define RASD_NER_H

#include "rasd.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Entity types, in the order of ANERcorp's tag set. Stable: never renumber. */
typedef enum rasd_ner_type {
    RASD_NER_PERS = 0,
    RASD_NER_LOC,
    RASD_NER_ORG,
    RASD_NER_MISC,
    RASD_NER_TYPE_COUNT
} rasd_ner_type;

/* BIO tags: 0 is O, then B- and I- of each type: tag 1 + 2*type is B-type,
 * 2 + 2*type is I-type. */
#define RASD_NER_O 0
#define RASD_NER_TAG_COUNT (1 + 2 * RASD_NER_TYPE_COUNT)
#define RASD_NER_B(type) ((uint8_t)(1 + 2 * (type)))
#define RASD_NER_I(type) ((uint8_t)(2 + 2 * (type)))

/* "PERS", "LOC", "ORG", "MISC". */
const char *rasd_ner_type_name(rasd_ner_type type);
/* "O", "B-PERS", "I-PERS", ...; NULL for a tag out of range. */
const char *rasd_ner_tag_name(uint8_t tag);
/* Parses a tag name (exactly as rasd_ner_tag_name writes it). */
bool rasd_ner_tag_parse(const char *s, size_t len, uint8_t *tag);

typedef struct rasd_ner_model rasd_ner_model;

/* Loads a model file (path NULL: <data dir>/ner/model.bin, the data
 * directory being the lexicon's) and the name lists it consults, read from
 * the lexicon's data directory (the .tsv files of kb/ and gazetteer/; a missing list is
 * no list). The lexicon must outlive the model. A wrong, truncated or
 * corrupt file is an RASD_ERR_DATA error naming it. */
rasd_ner_model *rasd_ner_load(const rasd_lexicon *lex, const char *path, rasd_error *err);
void rasd_ner_destroy(rasd_ner_model *model);

/* One entity: [start, end) byte offsets into the text, tokens
 * [first_token, end_token) of the sentence, and a confidence in [0, 1]: the
 * logistic of the margin by which the best tagging beats the best one that
 * tags any of the entity's tokens otherwise. */
typedef struct rasd_ner_entity {
    size_t start, end;
    size_t first_token, end_token;
    rasd_ner_type type;
    float score;
} rasd_ner_entity;

typedef struct rasd_ner_scratch rasd_ner_scratch; /* private working memory */

typedef struct rasd_ner_result {
    uint8_t *tags;                /* one BIO tag per token */
    size_t n_tags;
    rasd_ner_entity *entities;    /* in text order, never overlapping */
    size_t n_entities;
    size_t tags_cap, entities_cap;
    rasd_ner_scratch *scratch;
} rasd_ner_result;

/* Zero-initialise a result ({0}) before its first use. */
void rasd_ner_result_free(rasd_ner_result *res);

/* Tags the n tokens of one sentence of text (tokens as rasd_tokenizer_next
 * gives them; any type). Any length is fine: a "sentence" of more than
 * 1,024 tokens (a text without full stops) is tagged in pieces of at most
 * that, cut at punctuation where possible, so working memory stays
 * bounded; res grows by one byte per token for the tags. Fails only for
 * bad arguments or lack of memory. */
rasd_status rasd_ner_tag(const rasd_ner_model *model, rasd_analyzer *an, const char *text,
                         const rasd_token *tokens, size_t n, rasd_ner_result *res, rasd_error *err);
/* The same, given surf_hash[i] = rasd_hash_bytes of token i's bytes for
 * every token, by a caller that has hashed them already (the entity
 * extractor, for the analyzer): the tagger's word cache and the analysis
 * of its missed words use them instead of hashing each token again. */
rasd_status rasd_ner_tag_hashed(const rasd_ner_model *model, rasd_analyzer *an, const char *text,
                                const rasd_token *tokens, const uint64_t *surf_hash, size_t n, rasd_ner_result *res,
                                rasd_error *err);

/* How the tagger tagged a word across SaudiNewsNet when the model was
 * built (its tag profile, src/ner/profile.c): the type it was most often
 * inside (type_known false: never inside a name), the share of its
 * occurrences so tagged as a lower bound (0, .1, .25, .5, .75 or .9), how
 * often the word occurred (0: under 5, 1: under 50, 2: 50 or more) and
 * whether it usually begins its names. base_hash is rasd_word's base_hash.
 * False when the model knows nothing of the word (it was rarer than five
 * occurrences and never tagged). */
typedef struct rasd_ner_word_profile {
    bool type_known;
    rasd_ner_type type;
    float share;
    unsigned count_step;
    bool begins;
} rasd_ner_word_profile;
bool rasd_ner_profile_of(const rasd_ner_model *model, uint64_t base_hash, rasd_ner_word_profile *out);
/* Whether the name lists (kb persons, ner/lists/) hold the word, by its
 * base_hash, as a one-word person's name or as the first word of one. */
bool rasd_ner_listed_first_name(const rasd_ner_model *model, uint64_t base_hash);
/* Whether a person's name begins right after the word, by its key_hash,
 * in a twentieth of its occurrences outside names or more (its cue). */
bool rasd_ner_person_cue(const rasd_ner_model *model, uint64_t key_hash);
/* Says that the sentences tagged next on res are those of one document,
 * in order: from here on the tagger remembers what it tagged in the last
 * 40 sentences (a name given in full once is then known when it comes
 * back alone), until the next call forgets it. Without a call, each
 * sentence is tagged on its own. Fails only for lack of memory. */
rasd_status rasd_ner_begin_document(rasd_ner_result *res);

#ifdef __cplusplus
}
#endif
#endif

/*
 * ner_internal.h: what the name tagger's files share and the rest of rasd
 * does not see: the word table (clusters and name lists), per-token
 * features, the perceptron trainer (libpostal-style: new, train, finalize,
 * save, load, destroy), the token-TAG data reader and the CoNLL scorer, and
 * the word-cluster builder. The runtime API is ner.h.
 */
#ifndef RASD_NER_INTERNAL_H
#define RASD_NER_INTERNAL_H

#include "core/internal.h"
#include "ner/ner.h"

#define NER_NTAGS RASD_NER_TAG_COUNT
#define NER_START NER_NTAGS /* the previous "tag" of the first token */

/* The feature set the code extracts. A model records it, and load rejects
 * a model trained with another: the weights would mean nothing. Bump it
 * whenever features.c changes what it hashes. */
#define NER_FEATURE_SET 11

/* Weight rows (one weight per tag) hashed into 2^bits slots. */
#define NER_DEFAULT_BITS 20
#define NER_MIN_BITS 10
#define NER_MAX_BITS 24

/* ------------------------------------------------------------ word table */

/* Name lists come in classes of different reliability, so that the model
 * can learn how far to trust each: a country is almost always a place, a
 * village name is often a common word. */
typedef enum ner_list_class {
    NER_LC_PERSON = 0, /* kb, type person */
    NER_LC_STATE,      /* kb, type state: places */
    NER_LC_ORG,        /* kb, every other type */
    NER_LC_PLACE,      /* gazetteer: capitals, regions, towns of 50,000 or more */
    NER_LC_VILLAGE,    /* gazetteer: the other places */
    NER_LIST_CLASSES
} ner_list_class;

/* Name-list flags of a word (its base), four per class: the word is a
 * whole one-word name, the first word of a longer name, the last word, or a
 * word inside one. */
#define NER_NF_WHOLE(c) (1u << (4 * (c)))
#define NER_NF_FIRST(c) (2u << (4 * (c)))
#define NER_NF_LAST(c) (4u << (4 * (c)))
#define NER_NF_INNER(c) (8u << (4 * (c)))

/* Cluster bit-strings are kept to this many leading bits (512 leaves
 * agglomerated make paths of at most 19-20 bits; the rest of the entry's
 * word holds the cue code). */
#define NER_CLUSTER_MAX_BITS 20

/* One word key: its cluster path (path_len leading bits, right-aligned in
 * path; path_len 0 = no cluster), how common it is in the unlabelled news
 * (freq: 0 rare, then one step per power of ten), how a first tagger
 * tagged it there (prof, see profile.c; 0 = never a name), what that
 * tagger found next to it (cue: the word is often followed by the start of
 * a name of some type, or preceded by the end of one; profile.c) and its
 * name-list flags. 16 bytes, so one look-up is one cache line. */
typedef struct ner_word_entry {
    uint64_t hash; /* rasd_hash_bytes(key) | 1; 0 marks an empty slot */
    uint32_t path : 20;
    uint32_t path_len : 5;
    uint32_t cue : 7;
    uint32_t flags : 20;
    uint32_t freq : 4;
    uint32_t prof : 8;
} ner_word_entry;

/* A cue code packs two: left (0 none, else 1 + type * 3 + share step: how
 * often a name of that type begins right after the word) and right (0
 * none, else 1 + type * 2 + share step: how often one ends right before
 * it). profile.c makes them. */
#define NER_CUE(left, right) ((left) * 9u + (right))
#define NER_CUE_LEFT(c) ((unsigned)(c) / 9u)
#define NER_CUE_RIGHT(c) ((unsigned)(c) % 9u)

/* A name: hash of its words' bases in order, and its list classes. */
typedef struct ner_phrase_entry {
    uint64_t hash; /* 0 marks an empty slot */
    uint32_t classes; /* bit c: a name of list class c */
    uint32_t pad;
} ner_phrase_entry;

/* Everything the features consult besides the token itself. Built once
 * (by the trainer or by load) and then read-only. */
typedef struct ner_context {
    uint32_t bits;
    ner_word_entry *words;
    size_t words_mask, words_used;
    ner_phrase_entry *phrases;
    size_t phrases_mask, phrases_used;
    size_t max_phrase; /* longest name, in words */
    size_t n_clusters;            /* words with a cluster */
    size_t n_profiles;            /* words with a tag profile */
    size_t n_names[NER_LIST_CLASSES]; /* names read per class */
    const rasd_lexicon *lex;
} ner_context;

rasd_status ner_context_init(ner_context *ctx, uint32_t bits, const rasd_lexicon *lex, rasd_error *err);
void ner_context_free(ner_context *ctx);
rasd_status ner_context_copy(ner_context *dst, const ner_context *src, rasd_error *err);
/* Finds or adds the entry of a key hash. NULL when out of memory. */
ner_word_entry *ner_context_word(ner_context *ctx, uint64_t hash, bool create);
static inline const ner_word_entry *ner_context_find(const ner_context *ctx, uint64_t hash) {
    size_t i = (size_t)hash & ctx->words_mask;
    for (;;) {
        const ner_word_entry *e = &ctx->words[i];
        if (e->hash == hash) return e;
        if (!e->hash) return NULL;
        i = (i + 1) & ctx->words_mask;
    }
}
/* Reads a clusters file ("key TAB bits [TAB count]", # comments). */
unsigned ner_freq_bucket(uint64_t count);
rasd_status ner_context_load_clusters(ner_context *ctx, const char *path, rasd_error *err);
/* Reads the name lists of a data directory: the .tsv files of kb/ (actors: persons,
 * states as places, the rest organisations) and gazetteer/ (places).
 * Missing files or directories are no names, not an error. */
rasd_status ner_context_load_names(ner_context *ctx, const char *data_dir, rasd_error *err);
/* Adds one name of a list class (used by the loader and by tests). */
rasd_status ner_context_add_name(ner_context *ctx, rasd_analyzer *an, const char *name, size_t len,
                                 ner_list_class cls);

/* Chains word hashes into a phrase hash, the same way for names and text. */
static inline uint64_t ner_phrase_step(uint64_t h, uint64_t word) {
    h ^= word + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdULL;
    return (h ^ (h >> 29)) | 1;
}
#define NER_PHRASE_SEED 0x6a09e667f3bcc909ULL

/* ------------------------------------------------------------- features */

/* What the features need of one token, computed once per sentence. */
typedef struct ner_tok {
    uint64_t key, base, stem, pro, enc; /* hashes; pro/enc 0 when none */
    uint64_t pre[3], suf[3];            /* first/last 1..3 letters of the base */
    uint64_t rpre[3], rsuf[3];          /* the same of the whole word, when it has clitics */
    uint32_t path, bpath;               /* clusters of the key and the base */
    uint8_t path_len, bpath_len;
    uint32_t flags;                     /* name-list flags of the base */
    uint16_t span;                      /* bit 2c: starts a listed name of class c; 2c+1: inside one */
    uint8_t shape, freq, is_word;
    uint8_t prof;                       /* tag profile of the base (profile.c) */
    uint8_t cue;                        /* cue code of the key (profile.c) */
    uint8_t mem;                        /* article memory code of the base (memory.c) */
} ner_tok;

#define NER_MAX_FEATURES 92

/* Fills toks[0..n) for a sentence: each token, then the listed names. */
rasd_status ner_prepare(const ner_context *ctx, rasd_analyzer *an, const char *text, const rasd_token *tokens,
                        size_t n, ner_tok *toks);
void ner_prepare_token(const ner_context *ctx, rasd_analyzer *an, const char *text, const rasd_token *token,
                       ner_tok *t);
/* ner_prepare_token in two steps, so that a caller with several tokens can
 * overlap their word-table misses (tagger.c; the look-up was 65% of
 * preparing a token): _text reads the token (key, base, affixes, shape)
 * and prefetches its word-table entries, _lists reads them (frequency,
 * cluster, profile, name-list flags). */
void ner_prepare_token_text(const ner_context *ctx, rasd_analyzer *an, const char *text, const rasd_token *token,
                            ner_tok *t);
/* The same with the token's surface hash given (rasd_hash_bytes). */
void ner_prepare_token_text_hashed(const ner_context *ctx, rasd_analyzer *an, const char *text,
                                   const rasd_token *token, uint64_t surf_hash, ner_tok *t);
void ner_prepare_token_lists(const ner_context *ctx, ner_tok *t);
void ner_match_names(const ner_context *ctx, ner_tok *toks, size_t n);

/* Writes the weight rows of token i's features to rows; returns how many
 * (at most NER_MAX_FEATURES). They are the union of three parts, so that
 * the runtime can cache the first two per word (tagger.c):
 *   self: what token i's own word says;
 *   ctx:  what a word at offset o (-2, -1, 1, 2) from i says, or the
 *         sentence's edge when t is NULL;
 *   pair: what needs two words, or the sentence (listed names). */
size_t ner_features(const ner_context *ctx, const ner_tok *toks, size_t n, size_t i, uint32_t *rows);
size_t ner_features_self(const ner_context *ctx, const ner_tok *t, uint32_t *rows);
size_t ner_features_ctx(const ner_context *ctx, const ner_tok *t, int o, uint32_t *rows);
size_t ner_features_pair(const ner_context *ctx, const ner_tok *toks, size_t n, size_t i, uint32_t *rows);
/* The pair part in its three pieces, in its order: what needs the words
 * themselves (bigram), and what depends on small codes only (the article
 * memory's and the listed names'), which the runtime sums once per code
 * (tagger.c). span's `before` is the count of pair rows before it. */
size_t ner_features_bigram(const ner_context *ctx, const ner_tok *toks, size_t n, size_t i, uint32_t *rows);
size_t ner_features_mem(const ner_context *ctx, unsigned mem, unsigned freq, unsigned m1_mem, unsigned p1_mem,
                        uint32_t *rows);
size_t ner_features_span(const ner_context *ctx, unsigned span, unsigned m1_span, unsigned p1_span, size_t before,
                         uint32_t *rows);
#define NER_MAX_SELF 40
#define NER_MAX_CTX 8
#define NER_MAX_PAIR 20

/* -------------------------------------------------------- article memory */

/* What the tagger said of each word base in the sentences before, within
 * a window (memory.c). */
#define NER_MEM_SLOTS 4096
#define NER_MEM_WINDOW 40
typedef struct ner_memory_slot {
    uint64_t base;
    uint32_t sentence; /* when last seen; 0 = empty */
    uint8_t o, count[RASD_NER_TYPE_COUNT]; /* tagged O, and as each type (saturating) */
} ner_memory_slot;
typedef struct ner_memory {
    ner_memory_slot slots[NER_MEM_SLOTS];
    uint16_t taken[NER_MEM_SLOTS]; /* taken[0, used): the slots not empty */
    uint32_t sentence; /* the sentence being tagged */
    size_t used;
} ner_memory;
_Static_assert(NER_MEM_SLOTS <= 65536, "slot indices are 16-bit");
/* Memory codes: 0 not seen in the window; 1 + type * 2 + always a name;
 * NER_MEM_NEVER seen, never a name. */
#define NER_MEM_NEVER (1 + 2 * RASD_NER_TYPE_COUNT)
/* Empties the memory (reset: the whole table; forget: by moving the
 * window past every slot, for a new document). */
void ner_memory_reset(ner_memory *mem);
void ner_memory_forget(ner_memory *mem);
unsigned ner_memory_code(const ner_memory *mem, uint64_t base);
/* Sets toks[i].mem from the memory (0 for tokens that are not words). */
void ner_memory_mark(const ner_memory *mem, ner_tok *toks, size_t n);
/* Records a tagged sentence and moves on to the next. */
void ner_memory_add(ner_memory *mem, const ner_tok *toks, const uint8_t *tags, size_t n);

/* ------------------------------------------------------------- weights */

/* The rows of a model that are not all zero, packed in row order, and per
 * 64 rows a bitmap of those present with the packed index of the first
 * (weights.c says why). */
typedef struct ner_weight_block {
    uint64_t present;
    uint32_t first;
    uint32_t pad;
} ner_weight_block;

typedef struct ner_weights {
    ner_weight_block *blocks;
    size_t n_blocks;
    int16_t *rows; /* n_rows * NER_NTAGS */
    size_t n_rows, cap;
    uint32_t bits, last;
} ner_weights;

#define NER_NO_ROW UINT32_MAX

/* Room for up to n_rows rows of a table of 2^bits. */
rasd_status ner_weights_init(ner_weights *w, uint32_t bits, size_t n_rows);
/* Adds a row; rows must come in increasing order, each once, within the
 * table and the room. False otherwise (a zero row is accepted and not
 * stored). */
bool ner_weights_add(ner_weights *w, uint32_t row, const int16_t *values);
/* Packs a plain table of 2^bits rows. */
rasd_status ner_weights_from_dense(ner_weights *w, uint32_t bits, const int16_t *dense);
void ner_weights_free(ner_weights *w);
/* The packed index of a row (< 2^bits), or NER_NO_ROW when it is zero. */
static inline uint32_t ner_weights_find(const ner_weights *w, uint32_t row) {
    const ner_weight_block *b = &w->blocks[row >> 6];
    uint64_t bit = 1ULL << (row & 63);
    if (!(b->present & bit)) return NER_NO_ROW;
    return b->first + rasd_popcount64(b->present & (bit - 1));
}
static inline const int16_t *ner_weights_row(const ner_weights *w, uint32_t index) {
    return w->rows + (size_t)index * NER_NTAGS;
}
/* Copies a row's weights (zeros when absent); true when present. */
bool ner_weights_get(const ner_weights *w, uint32_t row, int16_t *values);
/* Writes the packed indices of the rows[0, k) present to out, in order;
 * returns how many. out may be rows, or before it. */
size_t ner_weights_pack(const ner_weights *w, const uint32_t *rows, size_t k, uint32_t *out);
/* Asks for the cache line that tells whether a row is present. */
static inline void ner_weights_prefetch_find(const ner_weights *w, uint32_t row) {
    __builtin_prefetch(&w->blocks[row >> 6]);
}

/* --------------------------------------------------------------- model */

struct rasd_ner_model {
    ner_context ctx;
    ner_weights w;       /* 2^bits rows of NER_NTAGS weights, times wscale */
    float wscale;
    float trans[NER_NTAGS + 1][NER_NTAGS]; /* [previous or START][tag] */
    float trans_end[NER_NTAGS];
    float score_a, score_b; /* entity score = logistic(a * margin + b) */
    uint32_t epochs;        /* recorded for `eval-ner`'s report */
    uint64_t id;            /* unique per model made in this process (tagger.c's word cache) */
};

/* The emission scores rasd_ner_tag computed for the last sentence tagged
 * into res (n_tags * NER_NTAGS; of its last window when it was longer than
 * a window), for tests. */
const float *ner_result_emissions(const rasd_ner_result *res);

/* A sentence longer than this is tagged in windows of at most this many
 * tokens (tagger.c), so that working memory stays bounded whatever the
 * input (a 50 MB line without a full stop is one "sentence"). Real
 * sentences are far shorter: ANERcorp's longest has 732 tokens. */
#define NER_WINDOW 1024

/* A fresh model id (never 0). */
uint64_t ner_model_new_id(void);

/* Tags a sentence the slow, plain way (every feature's row summed for
 * every token, no word cache): what rasd_ner_tag must agree with exactly
 * (for sentences of up to NER_WINDOW tokens; this one takes no windows).
 * em (n * NER_NTAGS) and tags (n) are the caller's. */
rasd_status ner_tag_reference(const rasd_ner_model *m, rasd_analyzer *an, const char *text,
                              const rasd_token *tokens, size_t n, float *em, uint8_t *tags);
/* The same with the article memory's codes of the tokens given (mem[i],
 * as the cached tagger set them; NULL: none). */
rasd_status ner_tag_reference_mem(const rasd_ner_model *m, rasd_analyzer *an, const char *text,
                                  const rasd_token *tokens, size_t n, const uint8_t *mem, float *em, uint8_t *tags);

/* Decodes emission scores em[n][NER_NTAGS] into tags (Viterbi, with the
 * BIO constraint that I-X follows B-X or I-X). With margin (n floats), also
 * writes the margin of each token not tagged O: best score minus the best
 * score of a tagging that gives this token another tag. work: 2 * n *
 * NER_NTAGS floats. No table of back pointers: the backtrace works out
 * the one previous tag it needs from the forward scores. */
void ner_viterbi(const float (*trans)[NER_NTAGS], const float *trans_end, const float *em, size_t n,
                 uint8_t *tags, float *margin, float *work);

rasd_status ner_model_save(const rasd_ner_model *m, const char *path, rasd_error *err);
/* Reads a model file without name lists (load adds them). */
rasd_ner_model *ner_model_read(const rasd_lexicon *lex, const char *path, rasd_error *err);

/* ------------------------------------------------------------- trainer */

typedef struct ner_trainer ner_trainer;

/* One training sentence with its features computed once (they do not
 * depend on the weights), so epochs only add and compare. */
typedef struct ner_example {
    size_t n;
    uint8_t *gold;
    uint32_t *rows;   /* features of token i: rows[off[i] .. off[i+1]) */
    uint32_t *off;
    float weight;     /* of its updates: 1, less for a sentence the tagger labelled itself */
} ner_example;

/* The trainer takes ownership of ctx (moved; do not free it). */
ner_trainer *ner_trainer_new(ner_context *ctx, rasd_error *err);
void ner_trainer_destroy(ner_trainer *tr);
const ner_context *ner_trainer_context(const ner_trainer *tr);
rasd_status ner_example_init(ner_example *ex, const ner_context *ctx, rasd_analyzer *an, const char *text,
                             const rasd_token *tokens, size_t n, const uint8_t *gold);
/* The same with each token's article memory code (memory.c; NULL: none). */
rasd_status ner_example_init_mem(ner_example *ex, const ner_context *ctx, rasd_analyzer *an, const char *text,
                                 const rasd_token *tokens, size_t n, const uint8_t *gold, const uint8_t *mem);
void ner_example_free(ner_example *ex);
/* One perceptron step on a sentence; returns the number of tokens the
 * current weights tagged wrongly. */
size_t ner_trainer_train(ner_trainer *tr, const ner_example *ex);
/* Training's knobs (model.c): the share of feature occurrences dropped
 * from a step (0-1; default 0.1), the cost of a wrong tag in
 * cost-augmented decoding (default 10) and the seed of the run (which
 * features are dropped; default 0). Set before the first step. */
void ner_trainer_tune(ner_trainer *tr, double drop, double cost, uint64_t seed);
/* Model averaging across runs ("model soup"): keeps the averaged weights
 * of the run so far and starts again from zero weights with another seed
 * (which features are dropped; the caller shuffles by it too, see
 * ner_trainer_seed). finalize then gives the mean of every run's averaged
 * weights. The first run's seed is 0. */
rasd_status ner_trainer_restart(ner_trainer *tr, uint64_t seed);
uint64_t ner_trainer_seed(const ner_trainer *tr);
/* The averaged (and quantised) model so far (with restarts: the mean of
 * the runs'); the trainer can go on. */
rasd_ner_model *ner_trainer_finalize(const ner_trainer *tr, uint32_t epochs, rasd_error *err);

/* ------------------------------------------------- token-TAG data files */

/* A file of "token TAG" lines, blank lines between sentences. The tokens
 * of each sentence are joined by spaces into one text, so that they can be
 * tagged by the runtime path exactly as a document's tokens are. */
typedef struct ner_sentence {
    size_t text_off, text_len; /* into ner_data.text */
    size_t first, n;           /* tokens [first, first + n) */
    size_t line;               /* line of the first token */
} ner_sentence;

typedef struct ner_data {
    char *text;           /* all sentences, each NUL-terminated */
    size_t text_len;
    rasd_token *tokens;   /* offsets relative to the sentence's text */
    uint8_t *gold;
    size_t n_tokens;
    ner_sentence *sentences;
    size_t n_sentences;
} ner_data;

/* A missing file, a line that is not "token TAG" or an unknown tag is an
 * error naming file:line. */
rasd_status ner_data_read(const char *path, ner_data *data, rasd_error *err);
void ner_data_free(ner_data *data);

/* ----------------------------------------------------- CoNLL scoring */

typedef struct ner_counts {
    size_t tp[RASD_NER_TYPE_COUNT], fp[RASD_NER_TYPE_COUNT], fn[RASD_NER_TYPE_COUNT];
    size_t tokens, tokens_correct;
} ner_counts;

/* Adds one sentence: an entity counts as found only when its span and type
 * both match (CoNLL's conlleval). I-X after O or another type starts an
 * entity, as conlleval reads it. */
void ner_counts_add(ner_counts *c, const uint8_t *gold, const uint8_t *pred, size_t n);
typedef struct ner_prf {
    size_t tp, fp, fn;
    double p, r, f;
} ner_prf;
/* type RASD_NER_TYPE_COUNT: micro average over all types. */
ner_prf ner_counts_prf(const ner_counts *c, int type);

/* ------------------------------------------------ tag profiles (stacking) */

/* Unlabelled news held in memory as rasd's own sentences and tokens, for
 * tagging it again and again (profile.c). */
typedef struct ner_corpus {
    rasd_document *docs;
    size_t n_docs;
    rasd_token *tokens;
    size_t n_tokens;
    struct ner_corpus_sentence {
        uint32_t doc;
        size_t first, n;
    } *sentences;
    size_t n_sentences;
} ner_corpus;

/* Reads plain-text articles (every *.txt of a directory, or files). */
rasd_status ner_corpus_read(ner_corpus *c, char *const *paths, size_t n_paths, rasd_analyzer *an, rasd_error *err);
void ner_corpus_free(ner_corpus *c);

/* How a model tags each word base across a corpus. */
typedef struct ner_profile ner_profile;
/* Tags the corpus with m on `threads` threads and counts, per base, how
 * often it is inside a name of each type. */
ner_profile *ner_profile_build(const rasd_ner_model *m, const ner_corpus *c, size_t threads, rasd_error *err);
void ner_profile_free(ner_profile *p);
/* Writes each counted base's profile code into ctx's word table. */
rasd_status ner_profile_apply(const ner_profile *p, ner_context *ctx, rasd_error *err);
/* The raw Viterbi margin of each entity in res (res->n_entities of them),
 * before the logistic that makes it a score. */
const float *ner_result_entity_margins(const rasd_ner_result *res);
/* The base hashes of the last window rasd_ner_tag tagged into res. */
const ner_tok *ner_result_tokens(const rasd_ner_result *res);

/* ------------------------------------------------------- word clusters */

typedef struct ner_cluster_options {
    size_t k;          /* leaf clusters (k-means) */
    size_t min_count;  /* words seen fewer times are not clustered */
    size_t max_words;  /* at most this many words, most frequent first */
    size_t contexts;   /* context words: the most frequent ones */
    size_t dims;       /* random-projection dimensions */
    size_t iterations; /* k-means iterations */
    size_t threads;
    bool verbose;
} ner_cluster_options;

void ner_cluster_defaults(ner_cluster_options *opt);
/* Reads plain-text files (one paragraph a line), clusters their word keys
 * and writes "key TAB bit-string TAB count" lines to out_path. */
rasd_status ner_build_clusters(char *const *files, size_t n_files, const ner_cluster_options *opt,
                               const char *out_path, rasd_error *err);

#endif

/*
 * phrases.h: the look-up machinery that numbers.c and dates.c share, over
 * the closed word classes of data/extract/ (number words, units, months,
 * date words). Internal to src/extract/.
 */
#ifndef RASD_PHRASES_H
#define RASD_PHRASES_H

#include "core/strtab.h"
#include "knowledge/tsv.h"

/* Keys of the letters that can be proclitics, and of the article (UTF-8). */
#define K_WAW "\xD9\x88"   /* و */
#define K_FA "\xD9\x81"    /* ف */
#define K_BA "\xD8\xA8"    /* ب */
#define K_LAM "\xD9\x84"   /* ل */
#define K_KAF "\xD9\x83"   /* ك */
#define K_ALEF "\xD8\xA7"  /* ا */
#define K_AL K_ALEF K_LAM  /* ال */
#define K_LL K_LAM K_LAM   /* لل */

/* Set in an entry's count for a form the table added with the article. */
#define AUTO_ARTICLE 0x80000000u


/* A table of word and phrase keys (phrases: the words' keys joined by one
 * space) mapping each to an index into the owner's array, with a filter on
 * the first letters of its keys so that a word carrying a clitic is only
 * analysed when what follows the clitic could be in the table. */
typedef struct rasd_xtable {
    rasd_strtab keys;   /* entry->count = index + 1 (see numbers.c) */
    rasd_strtab heads;  /* the first word of every phrase of two words or more */
    uint64_t prefix_bits[256]; /* 16384-bit filter over the first letters */
    uint32_t max_words; /* the longest phrase, in words */
    bool article_forms; /* set before adding: each word is also entered with the article */
} rasd_xtable;

/* Adds key (a phrase key) with index idx; false when out of memory. A key
 * added twice keeps its first index and *dup is set. */
bool rasd_xtable_add(rasd_xtable *t, const char *key, size_t len, uint32_t idx, bool *dup);
/* The index of key, or -1. With article_forms, every single word is also
 * entered with the article (الثالث for ثالث) unless listed so itself;
 * _listed ignores those added forms. */
int32_t rasd_xtable_get(const rasd_xtable *t, const char *key, size_t len);
int32_t rasd_xtable_get_listed(const rasd_xtable *t, const char *key, size_t len);
void rasd_xtable_free(rasd_xtable *t);

/* A word token looked up in a table, clitics stripped as needed. */
typedef struct rasd_xword {
    int32_t idx;        /* index in the table, -1 when not found */
    size_t start;       /* where the word starts less و ف ب ل ك (the article is kept) */
    bool conj;          /* carried و or ف */
    bool prep;          /* carried ب ل ك (or لل) */
    bool article;       /* carried ال (or لل) */
} rasd_xword;

#define RASD_X_KEY_MAX 128

/* The key of tok (rasd_normalize's) into buf (RASD_X_KEY_MAX bytes); 0
 * when too long. Its fast path is set up by the first rasd_numbers_load. */
size_t rasd_x_token_key(const char *text, const rasd_token *tok, char *buf);
/* Looks a word token up: its whole key first (the table holds the forms
 * with the article too); then, when its first letters could be و ف and ب
 * ل ك before a listed word, the key less each proclitic the analyzer
 * found, then less a leading و or ف (and a ب after it) and the article by
 * rule, since these tables are closed classes (the analyzer, deciding by
 * corpus counts, leaves rare forms such as وتسعمائة and الحادي whole). */
void rasd_x_lookup(const rasd_xtable *t, rasd_analyzer *an, const char *text, const rasd_token *tok,
                   rasd_xword *out);
/* One sentence's token keys, computed once and read by every look-up of
 * numbers.c and dates.c (measured: without it they normalised each token
 * 2.3 more times, ~12% of analyze). Built per sentence with
 * rasd_x_keys_build, taking the keys the caller has already (the entity
 * extractor's) and computing the rest; rasd_x_keys_use makes it the
 * calling thread's table until rasd_x_keys_use(NULL), so that every
 * rasd_x_token_key / rasd_x_is / rasd_x_match on a token of that array
 * reads its key instead of normalising it again. A token outside the
 * array (a copy) is normalised as before. */
typedef struct rasd_x_keys rasd_x_keys;
rasd_x_keys *rasd_x_keys_new(void);
void rasd_x_keys_destroy(rasd_x_keys *ks);
/* The key of token i when the caller has it, exactly rasd_normalize's of
 * its text (hash: rasd_hash_bytes of it), else NULL. It is used in place,
 * not copied: NUL-terminated, and valid while the table is used. */
typedef const char *(*rasd_x_known_key)(void *ctx, size_t i, size_t *len, uint64_t *hash);
/* Fills ks with the keys of toks[0..n) (kept by pointer: toks must live
 * while ks is used); known may be NULL. False when out of memory. */
bool rasd_x_keys_build(rasd_x_keys *ks, const char *text, const rasd_token *toks, size_t n, rasd_x_known_key known,
                       void *ctx);
/* The tokens ks was built for. */
const rasd_token *rasd_x_keys_tokens(const rasd_x_keys *ks, size_t *n);
/* Makes ks the calling thread's key table (NULL: none); returns the
 * previous one, to restore. */
const rasd_x_keys *rasd_x_keys_use(const rasd_x_keys *ks);

/* The table the calling thread uses (rasd_x_keys_use), or NULL. */
const rasd_x_keys *rasd_x_keys_active(void);
/* rasd_x_lookup of token i of ks's array, its key read by index rather than
 * found by address: numbers and dates ask it of every token. */
void rasd_x_lookup_at(const rasd_xtable *t, rasd_analyzer *an, const char *text, const rasd_x_keys *ks, size_t i,
                      rasd_xword *out);

/* Whether tok's whole key is key (a short word or a punctuation mark). */
bool rasd_x_is(const char *text, const rasd_token *tok, const char *key);
/* The longest phrase of t starting at toks[i] (its first word read with its
 * clitics as rasd_x_lookup does; the following words as written, or less
 * the article when the phrase has them without it): the tokens it takes,
 * 0 when none; out->idx is the phrase's index. */
size_t rasd_x_match(const rasd_xtable *t, rasd_analyzer *an, const char *text, const rasd_token *toks, size_t n,
                    size_t i, rasd_xword *out);

/* Splits a dictionary field of one or more words into a phrase key; false
 * when it is empty or too long. */
bool rasd_x_phrase_key(const char *field, char *out, size_t cap, size_t *len, uint32_t *words);
/* The data directory: dir, else $RASD_DATA, else the built-in one. */
const char *rasd_x_data_dir(const char *dir);

/* Whether key[0..len) starts with the NUL-terminated p. */
bool rasd_x_starts_with(const char *key, size_t len, const char *p);
/* Bytes of the first word of a phrase key. */
size_t rasd_x_first_word_len(const char *key, size_t len);
/* Sets up the token-key fast path; every loader of a table calls it. */
void rasd_x_init(void);
/* Adds the phrase in field 0 of the current line to t with index idx (its
 * entry in *entry when entry is not NULL); a bad or repeated phrase is an
 * error naming file:line. */
rasd_status rasd_x_add_phrase(rasd_tsv *f, rasd_xtable *t, uint32_t idx, const rasd_strtab_entry **entry,
                              rasd_error *err);
/* Reads data/extract/NAME under dir, calling fn for each line. */
typedef rasd_status (*rasd_x_line_fn)(void *ctx, rasd_tsv *f, rasd_error *err);
rasd_status rasd_x_load_file(const char *dir, const char *name, rasd_x_line_fn fn, void *ctx, rasd_error *err);

#endif

/*
 * numbers.h: number mentions in one sentence: digits of every script with
 * their separators, Arabic number words and their compounds (ثلاثة وعشرون،
 * مئة مليون، 60 ألفا), approximate quantities (عشرات، بضعة، نحو، أكثر من),
 * percentages, and the unit or counted noun that follows (دولار → USD,
 * قتلى → killed). The rules are in docs/numbers-and-dates.md.
 *
 * The word lists are text files under data/extract/, loaded once into an
 * rasd_numbers that is read-only afterwards, so one is shared by all
 * threads; each thread brings its own rasd_analyzer. The bottom of this
 * header is an internal section that dates.c shares (number words inside
 * dates, month names, looking words up with their clitics).
 */
#ifndef RASD_NUMBERS_H
#define RASD_NUMBERS_H

#include "core/strtab.h"

/* ------------------------------------------------------------ public API */

typedef struct rasd_numbers rasd_numbers;

/* Loads data/extract/ under data_dir (NULL: $RASD_DATA, else the built-in
 * data directory): number-words.tsv, units.tsv, number-qualifiers.tsv,
 * months.tsv, and from date-words.tsv the year words and calendar marks. A malformed line is an
 * RASD_ERR_DATA error whose message starts "path:line:". */
rasd_numbers *rasd_numbers_load(const char *data_dir, rasd_error *err);
void rasd_numbers_destroy(rasd_numbers *nd);

enum {
    RASD_NUM_INTEGRAL = 1u << 0,  /* ivalue holds the value exactly */
    RASD_NUM_WORDS = 1u << 1,     /* written (at least partly) in words */
    RASD_NUM_APPROX = 1u << 2,    /* عشرات، بضعة، آلاف alone; نحو، قرابة، أكثر من ... before it */
    RASD_NUM_MORE_THAN = 1u << 3, /* أكثر من، ما يزيد عن، ما لا يقل عن (also APPROX) */
    RASD_NUM_LESS_THAN = 1u << 4, /* أقل من، ما يقل عن (also APPROX) */
    RASD_NUM_PERCENT = 1u << 5,   /* 25%، ٢٥٪، 25 في المئة، خمسة بالمئة */
    RASD_NUM_YEAR = 1u << 6,      /* a year: after عام/سنة, or next to a month name */
    RASD_NUM_DATE = 1u << 7       /* part of a date (a year, or a day before a month name) */
};

typedef enum rasd_unit_kind {
    RASD_UNIT_NONE = 0,
    RASD_UNIT_NOUN,     /* a counted noun not in units.tsv: unit is its key, code NULL */
    RASD_UNIT_COUNT,    /* a listed counted noun: قتلى → killed */
    RASD_UNIT_CURRENCY, /* دولار → USD */
    RASD_UNIT_MEASURE,  /* كيلومتر → km */
    RASD_UNIT_TIME,     /* أيام → days */
    RASD_UNIT_PERCENT   /* في المئة → % */
} rasd_unit_kind;

const char *rasd_unit_kind_name(rasd_unit_kind kind);

#define RASD_NUM_UNIT_MAX 64

typedef struct rasd_number {
    size_t start, end;          /* the whole mention: qualifier, number, unit; clitics excluded */
    size_t num_start, num_end;  /* the number alone (digits and number words) */
    double value;
    int64_t ivalue;             /* the value when flags has RASD_NUM_INTEGRAL, else 0 */
    uint32_t flags;             /* RASD_NUM_* */
    rasd_unit_kind unit_kind;
    size_t unit_start, unit_end; /* the unit or counted noun in the text (equal: none) */
    char unit[RASD_NUM_UNIT_MAX]; /* its key, clitics and article stripped ("" none) */
    const char *code;           /* normalized code ("USD", "killed"), or NULL; owned by rasd_numbers */
} rasd_number;

typedef struct rasd_number_list {
    rasd_number *items;
    size_t count, cap;
} rasd_number_list;

/* Finds the number mentions in the tokens of one sentence (toks[0..n),
 * offsets into text, as rasd_tokenizer_next gives them) and appends them to
 * out in text order. Set out->count to 0 to reuse a list: memory grows only
 * with the number of mentions, never per token. an is the calling thread's
 * analyzer. Fails only when out of memory. */
rasd_status rasd_numbers_find(const rasd_numbers *nd, rasd_analyzer *an, const char *text,
                              const rasd_token *toks, size_t n, rasd_number_list *out);
void rasd_number_list_free(rasd_number_list *list);

/* ------------------------------------- internal: shared with dates.c only */

/* A table of word and phrase keys (phrases: the words' keys joined by one
 * space) mapping each to an index into the owner's array, with a filter on
 * the first letters of its keys so that a word carrying a clitic is only
 * analysed when what follows the clitic could be in the table. */
typedef struct rasd_xtable {
    rasd_strtab keys;   /* entry->count = index + 1 (see numbers.c) */
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

/* Month names (months.tsv). */
typedef enum rasd_calendar { RASD_CAL_GREGORIAN = 0, RASD_CAL_SYRIAC, RASD_CAL_HIJRI } rasd_calendar;
typedef struct rasd_xmonth {
    uint8_t month;      /* 1..12 */
    uint8_t calendar;   /* rasd_calendar */
    bool ambiguous;     /* also a common word (آب، مارس، رمضان): needs a day, year or pair */
} rasd_xmonth;

/* A month name starting at toks[i] (a phrase such as كانون الثاني is
 * matched whole); returns the number of tokens it takes, 0 when none. */
size_t rasd_x_month_at(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                       size_t n, size_t i, rasd_xmonth *m, size_t *start);

/* A cardinal written in digits or words starting at toks[i] (no unit, no
 * qualifier): returns the tokens it takes (0: none) and its value. */
size_t rasd_x_cardinal_at(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                          size_t n, size_t i, double *value, size_t *start);
/* An ordinal day (الرابع، الحادي عشر، الخامس والعشرين، العشرين, 1..31)
 * starting at toks[i]: returns the tokens it takes (0: none). */
size_t rasd_x_ordinal_at(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                         size_t n, size_t i, int *value, size_t *start);
/* Calls fn with every key that can start a date among the numbers'
 * tables: the first word of each month name (kind 0), the ordinals and the
 * tens (kind 1: العشرين من). False when fn does. */
bool rasd_x_date_starters(const rasd_numbers *nd, bool (*fn)(void *ctx, const char *key, size_t len, int kind),
                          void *ctx);
/* Parses a digits token (any script, with separators); false when it is not
 * a plain number (4.6.2020). */
bool rasd_x_parse_digits(const char *text, const rasd_token *tok, double *value, bool *plain_int);

#endif

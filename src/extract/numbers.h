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

#include "phrases.h"

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
/* The same over the tokens ks was built for, reading their keys from it
 * (rasd_x_keys_build): what analyze uses, one normalization per token. */
rasd_status rasd_numbers_find_keyed(const rasd_numbers *nd, rasd_analyzer *an, const char *text,
                                    const rasd_x_keys *ks, rasd_number_list *out);
void rasd_number_list_free(rasd_number_list *list);

/* ------------------------------------- internal: shared with dates.c only */

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

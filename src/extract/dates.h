/*
 * dates.h: date mentions in one sentence, resolved against the article's
 * publication date: absolute dates in the Levantine (حزيران) and the
 * transliterated Gregorian (يونيو) month names, alone or paired
 * (يونيو/حزيران), with a day (4 حزيران، 4 من حزيران، الرابع من حزيران) or a
 * year (كانون الأول 2019), years (عام 2019), numeric dates (4/6/2020), Hijri
 * dates (kept in the Hijri calendar, flagged), weekdays (الخميس، يوم
 * الاثنين، السبت المقبل) and relative expressions (أمس، الأسبوع الماضي، قبل
 * يومين، منذ ثلاثة أيام). The rules are in docs/numbers-and-dates.md.
 *
 * The word lists are text files under data/extract/ (months.tsv,
 * weekdays.tsv, date-words.tsv, and the number words for counts and
 * ordinal days), loaded once into an rasd_dates that is read-only
 * afterwards and shared by all threads; each thread brings its analyzer.
 */
#ifndef RASD_DATES_H
#define RASD_DATES_H

#include "rasd.h"

typedef struct rasd_dates rasd_dates;

/* Loads data/extract/ under data_dir (NULL: $RASD_DATA, else the built-in
 * data directory). A malformed line is an RASD_ERR_DATA error whose message
 * starts "path:line:". */
rasd_dates *rasd_dates_load(const char *data_dir, rasd_error *err);
void rasd_dates_destroy(rasd_dates *d);

typedef enum rasd_date_granularity {
    RASD_GRAN_DAY = 0,
    RASD_GRAN_WEEK,  /* iso is the week's Monday */
    RASD_GRAN_MONTH,
    RASD_GRAN_YEAR
} rasd_date_granularity;

const char *rasd_granularity_name(rasd_date_granularity g);

enum {
    RASD_DATE_RELATIVE = 1u << 0,   /* the value depends on the publication date (أمس، الخميس، آذار without a year) */
    RASD_DATE_HIJRI = 1u << 1,      /* Hijri calendar: the fields are Hijri, never converted */
    RASD_DATE_UNRESOLVED = 1u << 2, /* no value: relative with no publication date, or too vague (قبل أيام) */
    RASD_DATE_WEEKDAY = 1u << 3,    /* a weekday is written (weekday holds it) */
    RASD_DATE_MISMATCH = 1u << 4,   /* the written weekday, or the two paired month names, disagree with the date */
    RASD_DATE_APPROX = 1u << 5,     /* a vague distance: قبل أيام، منذ أشهر */
    RASD_DATE_NUMERIC = 1u << 6     /* written in digits only (4/6/2020) */
};

typedef struct rasd_date {
    size_t start, end;              /* the whole expression; leading clitics excluded */
    rasd_date_granularity granularity;
    uint32_t flags;                 /* RASD_DATE_* */
    int year, month, day;           /* the value's fields (a week: its Monday); 0 unknown */
    int weekday;                    /* as written, 1 Monday .. 7 Sunday; 0 none */
    int offset;                     /* relative units from publication (أمس -1, قبل شهرين -2); 0 otherwise */
    char iso[11];                   /* 2020-06-04, 2020-06 or 2020 by granularity; "" unresolved */
} rasd_date;

typedef struct rasd_date_list {
    rasd_date *items;
    size_t count, cap;
} rasd_date_list;

/* Finds the date mentions in the tokens of one sentence (toks[0..n),
 * offsets into text) and appends them to out in text order; published is
 * the article's publication date, YYYY-MM-DD, or NULL. Set out->count to 0
 * to reuse a list. Fails on an invalid publication date (RASD_ERR_USAGE)
 * or out of memory. */
rasd_status rasd_dates_find(const rasd_dates *d, rasd_analyzer *an, const char *text, const rasd_token *toks,
                            size_t n, const char *published, rasd_date_list *out);
/* The same over the tokens ks was built for, reading their keys from it
 * (phrases.h: rasd_x_keys_build): what analyze uses. */
typedef struct rasd_x_keys rasd_x_keys;
rasd_status rasd_dates_find_keyed(const rasd_dates *d, rasd_analyzer *an, const char *text, const rasd_x_keys *ks,
                                  const char *published, rasd_date_list *out);
void rasd_date_list_free(rasd_date_list *list);

#endif

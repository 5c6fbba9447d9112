/*
 * dates_internal.h: what the date reader's two halves share: the loaded
 * word tables (dates_dict.c reads them from data/extract/) and the roles
 * their words play, which the parsers (dates.c) read.
 */
#ifndef RASD_DATES_INTERNAL_H
#define RASD_DATES_INTERNAL_H

#include "dates.h"

#include "extract/numbers.h"

enum {
    R_DAY = 1 << 0, R_UNIT = 1 << 1, R_QUAL = 1 << 2, R_THIS = 1 << 3, R_AGO = 1 << 4, R_YEAR = 1 << 5,
    R_MONTH = 1 << 6, R_ANCHOR = 1 << 7, R_LINK = 1 << 8, R_HIJRI = 1 << 9, R_CE = 1 << 10
};
/* roles that can open an expression (the trigger table holds their first words) */
#define R_STARTS (R_DAY | R_UNIT | R_THIS | R_AGO | R_YEAR | R_MONTH | R_ANCHOR)

typedef struct dword {
    uint16_t roles;
    int8_t day_offset; /* R_DAY */
    uint8_t unit;      /* R_UNIT: an rasd_date_granularity */
    uint8_t count;     /* R_UNIT: 1, 2, or 0 for a plural */
    int8_t qual;       /* R_QUAL: -1, 0, 1 */
} dword;

typedef struct wday {
    uint8_t wd; /* 1 Monday .. 7 Sunday */
    bool ambiguous;
} wday;

struct rasd_dates {
    rasd_numbers *nd;
    rasd_xtable words;    dword *w;  size_t n_w, cap_w;
    rasd_xtable weekdays; wday *wd;  size_t n_wd, cap_wd;
    rasd_xtable trigger;  uint16_t *tmask; size_t n_trig, cap_trig;
};

/* What a starting word can open, so that only those readings are tried. */
enum { T_WEEKDAY = 1, T_MONTH = 2, T_ORDINAL = 4, T_DAY = 8, T_UNIT = 16, T_THIS = 32, T_AGO = 64,
       T_YEAR = 128, T_MONTHWORD = 256, T_ANCHOR = 512 };

#endif

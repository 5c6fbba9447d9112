/*
 * dates.c: date mentions (see dates.h and docs/numbers-and-dates.md).
 *
 * A token is first checked against one table of every word that can start
 * a date (month and weekday names, the first words of relative phrases,
 * ordinals, عام/سنة, قبل/منذ, يوم/شهر), so a sentence without dates costs
 * one normalization and one hash probe per word. At a starting token the
 * expression is read as a weekday (with what follows it), an absolute date
 * or a relative one, longest first; then it is resolved against the
 * publication date with a proleptic Gregorian day count. The word tables
 * are loaded by dates_dict.c.
 */
#include "dates_internal.h"
#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define K_MIN "\xD9\x85\xD9\x86"     /* من */
#define K_ALA "\xD8\xB9\xD9\x84\xD9\x8A" /* على (key) */
#define K_COMMA_AR "\xD8\x8C"        /* ، */

const char *rasd_granularity_name(rasd_date_granularity g) {
    switch (g) {
    case RASD_GRAN_DAY: return "day";
    case RASD_GRAN_WEEK: return "week";
    case RASD_GRAN_MONTH: return "month";
    case RASD_GRAN_YEAR: return "year";
    }
    return "?";
}

/* -------------------------------------------------------------- calendar */

/* The calendar is core/date.c's; these short names keep the rules below
 * readable. */
#define days_from_civil rasd_days_from_civil
#define civil_from_days rasd_civil_from_days
#define iso_weekday rasd_iso_weekday
#define days_in_month rasd_days_in_month

/* ----------------------------------------------------------------- state */

static bool is_quote(const char *text, const rasd_token *t, bool open) {
    if (t->type != RASD_TOK_PUNCT) return false;
    size_t l = t->end - t->start;
    const char *p = text + t->start;
    if (l == 1) return *p == '"';
    if (l == 2) return memcmp(p, open ? "\xC2\xAB" : "\xC2\xBB", 2) == 0; /* « » */
    if (l == 3) return memcmp(p, open ? "\xE2\x80\x9C" : "\xE2\x80\x9D", 3) == 0; /* “ ” */
    return false;
}

typedef struct ctx {
    const rasd_dates *d;
    rasd_analyzer *an;
    const char *text;
    const rasd_token *toks;
    size_t n;
    bool pub;
    int py, pm, pd, pwd;
    long pdays;
} ctx;

static void set_iso(rasd_date *r) {
    if (r->flags & RASD_DATE_UNRESOLVED) {
        r->iso[0] = '\0';
        return;
    }
    /* the fields are in range by construction; the modulos tell the
     * compiler so */
    unsigned y = (unsigned)(r->year > 0 ? r->year : 0) % 10000u, m = (unsigned)r->month % 100u,
             d = (unsigned)r->day % 100u;
    switch (r->granularity) {
    case RASD_GRAN_DAY:
    case RASD_GRAN_WEEK: snprintf(r->iso, sizeof r->iso, "%04u-%02u-%02u", y, m, d); break;
    case RASD_GRAN_MONTH: snprintf(r->iso, sizeof r->iso, "%04u-%02u", y, m); break;
    case RASD_GRAN_YEAR: snprintf(r->iso, sizeof r->iso, "%04u", y); break;
    }
}

static void set_days(rasd_date *r, long days, rasd_date_granularity g) {
    r->granularity = g;
    civil_from_days(days, &r->year, &r->month, &r->day);
}

static void set_month(rasd_date *r, int y, int m) {
    /* m may be out of 1..12 after an offset */
    int k = y * 12 + (m - 1);
    r->year = k / 12;
    r->month = k % 12 + 1;
    r->day = 0;
    r->granularity = RASD_GRAN_MONTH;
}

static bool is_tok(const ctx *c, size_t i, const char *key) { return i < c->n && rasd_x_is(c->text, &c->toks[i], key); }

/* A date word with one of roles at toks[i]: tokens taken, 0 when none. */
static size_t word_at(const ctx *c, size_t i, uint16_t roles, rasd_xword *w, const dword **e) {
    if (i >= c->n || c->toks[i].type != RASD_TOK_WORD) return 0;
    size_t used = rasd_x_match(&c->d->words, c->an, c->text, c->toks, c->n, i, w);
    if (!used || !(c->d->w[w->idx].roles & roles)) return 0;
    *e = &c->d->w[w->idx];
    return used;
}

static size_t weekday_at(const ctx *c, size_t i, wday *wd, rasd_xword *w) {
    if (i >= c->n || c->toks[i].type != RASD_TOK_WORD) return 0;
    size_t used = rasd_x_match(&c->d->weekdays, c->an, c->text, c->toks, c->n, i, w);
    if (!used || w->prep) return 0;
    *wd = c->d->wd[w->idx];
    return used;
}

/* A four-digit year at toks[i], with its calendar marker (هـ، م). */
typedef struct year_expr {
    int year;
    bool hijri;
    size_t next;
} year_expr;

static bool four_digits(const ctx *c, size_t i, int *value) {
    if (i >= c->n || c->toks[i].type != RASD_TOK_NUMBER) return false;
    double v;
    bool plain;
    size_t digits = 0;
    for (size_t k = c->toks[i].start; k < c->toks[i].end; k++) digits += ((unsigned char)c->text[k] & 0xC0) != 0x80;
    if (digits != 4 || !rasd_x_parse_digits(c->text, &c->toks[i], &v, &plain) || !plain || v < 1000 || v > 2999)
        return false;
    *value = (int)v;
    return true;
}

static size_t year_at(const ctx *c, size_t i, year_expr *y) {
    if (!four_digits(c, i, &y->year)) return 0;
    y->hijri = false;
    y->next = i + 1;
    rasd_xword w;
    const dword *e;
    size_t used = word_at(c, i + 1, R_HIJRI | R_CE, &w, &e);
    if (used && !w.conj && !w.prep) {
        y->hijri = e->roles & R_HIJRI;
        y->next = i + 1 + used;
    }
    return y->next - i;
}

/* A month name, alone or paired (يونيو/حزيران، حزيران (يونيو)). */
typedef struct month_expr {
    rasd_xmonth m;
    size_t start, next;
    bool paired, mismatch;
} month_expr;

static bool month_at(const ctx *c, size_t i, month_expr *me) {
    size_t used = rasd_x_month_at(c->d->nd, c->an, c->text, c->toks, c->n, i, &me->m, &me->start);
    if (!used) return false;
    me->next = i + used;
    me->paired = me->mismatch = false;
    size_t j = me->next, s;
    rasd_xmonth m2;
    size_t u2;
    if ((is_tok(c, j, "/") || is_tok(c, j, "-")) &&
        (u2 = rasd_x_month_at(c->d->nd, c->an, c->text, c->toks, c->n, j + 1, &m2, &s))) {
        me->next = j + 1 + u2;
    } else if ((u2 = rasd_x_month_at(c->d->nd, c->an, c->text, c->toks, c->n, j, &m2, &s)) &&
               m2.month == me->m.month && m2.calendar != me->m.calendar) {
        /* فبراير شباط 2009: the pair without a mark between */
        me->next = j + u2;
    } else if (is_tok(c, j, "(") && (u2 = rasd_x_month_at(c->d->nd, c->an, c->text, c->toks, c->n, j + 1, &m2, &s)) &&
               is_tok(c, j + 1 + u2, ")")) {
        me->next = j + 2 + u2;
    } else {
        return true;
    }
    me->paired = true;
    /* two names of one month in two calendars; anything else is flagged */
    me->mismatch = m2.month != me->m.month || (m2.calendar == RASD_CAL_HIJRI) != (me->m.calendar == RASD_CAL_HIJRI);
    return true;
}

/* A period: الأسبوع الماضي، العام الجاري، هذا الشهر. */
static size_t period_at(const ctx *c, size_t i, int *unit, int *off, size_t *start) {
    rasd_xword w;
    const dword *e;
    size_t j = i, used;
    bool this = false;
    if ((used = word_at(c, i, R_THIS, &w, &e))) {
        this = true;
        *start = w.start;
        j = i + used;
    }
    if (!(used = word_at(c, j, R_UNIT, &w, &e)) || !w.article || e->count != 1) return 0;
    if (!this) *start = w.start;
    *unit = e->unit;
    size_t k = j + used;
    rasd_xword wq;
    const dword *q;
    if ((used = word_at(c, k, R_QUAL, &wq, &q)) && !wq.conj && !wq.prep) {
        *off = q->qual;
        return k + used - i;
    }
    if (this) {
        *off = 0;
        return k - i;
    }
    return 0;
}

/* What qualifies a month after من: العام الفائت، هذا العام، عام 2019. */
typedef struct year_qual {
    bool absolute;
    int year;   /* absolute */
    int offset; /* from the publication year */
    bool hijri;
    size_t next;
} year_qual;

static bool year_qual_at(const ctx *c, size_t i, year_qual *q) {
    int unit, off;
    size_t start, used;
    if ((used = period_at(c, i, &unit, &off, &start)) && unit == RASD_GRAN_YEAR) {
        q->absolute = false;
        q->offset = off;
        q->hijri = false;
        q->next = i + used;
        return true;
    }
    rasd_xword w;
    const dword *e;
    year_expr y;
    if ((used = word_at(c, i, R_YEAR, &w, &e)) && !w.prep && year_at(c, i + used, &y)) {
        q->absolute = true;
        q->year = y.year;
        q->hijri = y.hijri;
        q->next = y.next;
        return true;
    }
    return false;
}

/* The year of a month (and day) written without one: the latest on or
 * before the publication date, unless a qualifier says otherwise. */
static int infer_year(const ctx *c, int month, int qual, bool has_qual) {
    if (!has_qual) return month <= c->pm ? c->py : c->py - 1;
    if (qual < 0) return month < c->pm ? c->py : c->py - 1;
    if (qual > 0) return month > c->pm ? c->py : c->py + 1;
    return c->py;
}

/* Fills the value of a date with a month, a day (0: none) and what is known
 * of its year. False when the day does not exist. */
typedef struct ymd_in {
    int day;
    month_expr me;
    bool has_year;
    int year;
    bool year_hijri;
    bool has_qual;    /* الماضي/المقبل after the month */
    int qual;
    bool has_offset;  /* من العام الفائت */
    int offset;
} ymd_in;

static bool resolve_ymd(const ctx *c, const ymd_in *in, rasd_date *r) {
    bool hijri = in->me.m.calendar == RASD_CAL_HIJRI || in->year_hijri;
    if (hijri) r->flags |= RASD_DATE_HIJRI;
    if (in->me.mismatch) r->flags |= RASD_DATE_MISMATCH;
    r->month = in->me.m.month;
    r->day = in->day;
    r->granularity = in->day ? RASD_GRAN_DAY : RASD_GRAN_MONTH;
    if (in->has_year) {
        r->year = in->year;
    } else if (hijri || !c->pub) {
        r->flags |= RASD_DATE_UNRESOLVED | (hijri ? 0 : RASD_DATE_RELATIVE);
        r->year = 0;
    } else {
        r->flags |= RASD_DATE_RELATIVE;
        r->year = in->has_offset ? c->py + in->offset : infer_year(c, r->month, in->qual, in->has_qual);
    }
    if (in->day) {
        int lim = hijri ? 30 : days_in_month(r->year ? r->year : 2000, r->month);
        if (in->day > lim) return false;
    }
    return true;
}

/* --------------------------------------------------------------- parsers */

/* Internal: an expression that was read but is no date (31 شباط): its
 * tokens are consumed and nothing is reported. */
#define DATE_INVALID (1u << 31)

static void relative_unit(const ctx *c, rasd_date *r, int unit, int offset);

/* 4/6/2020, 2020-06-04, ٤/٦/٢٠٢٠, 4.6.2020, and 6/2020 (a month). */
static size_t numeric_date(const ctx *c, size_t i, rasd_date *r) {
    long g[3];
    size_t glen[3], ng = 0, next = i;
    char key[RASD_X_KEY_MAX];
    const rasd_token *t = &c->toks[i];
    size_t len = rasd_x_token_key(c->text, t, key);
    if (len && memchr(key, '.', len)) {
        /* one token: 4.6.2020 */
        size_t p = 0;
        for (;;) {
            size_t q = p;
            long v = 0;
            while (q < len && key[q] >= '0' && key[q] <= '9') v = v * 10 + (key[q++] - '0');
            if (q == p || q - p > 4 || ng == 3) return 0;
            g[ng] = v, glen[ng++] = q - p;
            if (q == len) break;
            if (key[q] != '.') return 0;
            p = q + 1;
        }
        if (ng != 3) return 0;
        next = i + 1;
    } else {
        char sep = 0;
        bool spaced = false; /* 11 / 7 / 1436: only with three groups */
        for (size_t k = i; k < c->n && ng < 3; k += 2) {
            const rasd_token *a = &c->toks[k];
            if (a->type != RASD_TOK_NUMBER) break;
            if (k > i && c->toks[k - 1].end != a->start) spaced = true;
            size_t l = rasd_x_token_key(c->text, a, key);
            long v = 0;
            for (size_t q = 0; q < l; q++) {
                if (key[q] < '0' || key[q] > '9' || q >= 5) return 0;
                v = v * 10 + (key[q] - '0');
            }
            if (!l) return 0;
            g[ng] = v, glen[ng++] = l;
            next = k + 1;
            const rasd_token *s = k + 1 < c->n ? &c->toks[k + 1] : NULL;
            if (!s || s->type != RASD_TOK_PUNCT || s->end - s->start != 1 || k + 2 >= c->n) break;
            if (s->start != a->end) spaced = true;
            char ch = c->text[s->start];
            if ((ch != '/' && ch != '-') || (sep && ch != sep)) break;
            sep = ch;
        }
        if (ng < 2 || (spaced && ng != 3)) return 0;
        /* a trailing separator does not belong to the date */
    }
    r->flags |= RASD_DATE_NUMERIC;
    rasd_xword w;
    const dword *e;
    size_t used;
    if (ng == 2) {
        /* 6/2020: a month, only with a four-digit year */
        if (glen[1] != 4 || g[0] < 1 || g[0] > 12 || g[1] < 1000 || g[1] > 2999) return 0;
        r->year = (int)g[1], r->month = (int)g[0], r->day = 0;
        r->granularity = RASD_GRAN_MONTH;
    } else {
        long y, m, d;
        if (glen[0] == 4) y = g[0], m = g[1], d = g[2];
        else if (glen[2] == 4) d = g[0], m = g[1], y = g[2];
        else return 0;
        /* three groups with a year are read whole even when they are no
         * date (31/2/2020), so that 2/2020 is not taken from them */
        if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) r->flags |= DATE_INVALID, m = 1, d = 1;
        r->year = (int)y, r->month = (int)m, r->day = (int)d;
        r->granularity = RASD_GRAN_DAY;
    }
    if ((used = word_at(c, next, R_HIJRI | R_CE, &w, &e)) && !w.conj && !w.prep) {
        if (e->roles & R_HIJRI) r->flags |= RASD_DATE_HIJRI;
        next += used;
    }
    if (r->day && r->day > ((r->flags & RASD_DATE_HIJRI) ? 30 : days_in_month(r->year, r->month))) r->flags |= DATE_INVALID;
    r->start = t->start;
    r->end = c->toks[next - 1].end;
    return next;
}

/* The year or qualifier that may follow a month: fills in and returns the
 * token after it. */
static size_t after_month(const ctx *c, size_t j, ymd_in *in) {
    year_expr y;
    year_qual q;
    rasd_xword w;
    const dword *e;
    size_t used;
    if (year_at(c, j, &y)) {
        in->has_year = true, in->year = y.year, in->year_hijri = y.hijri;
        return y.next;
    }
    if (is_tok(c, j, K_MIN) && year_qual_at(c, j + 1, &q)) {
        if (q.absolute) in->has_year = true, in->year = q.year, in->year_hijri = q.hijri;
        else in->has_offset = true, in->offset = q.offset;
        return q.next;
    }
    if ((used = word_at(c, j, R_QUAL, &w, &e)) && !w.conj && !w.prep) {
        in->has_qual = true, in->qual = e->qual;
        return j + used;
    }
    return j;
}

/* 4 حزيران، 4 من حزيران 2020، الرابع من حزيران/يونيو من العام الماضي. */
static size_t day_month(const ctx *c, size_t i, rasd_date *r) {
    ymd_in in = {0};
    size_t j, start;
    const rasd_token *t = &c->toks[i];
    if (t->type == RASD_TOK_NUMBER) {
        double v;
        bool plain;
        if (t->end - t->start > 4 || !rasd_x_parse_digits(c->text, t, &v, &plain) || !plain || v < 1 || v > 31) return 0;
        in.day = (int)v;
        start = t->start;
        j = i + 1;
        if (is_tok(c, j, K_MIN)) j++;
    } else {
        size_t used = rasd_x_ordinal_at(c->d->nd, c->an, c->text, c->toks, c->n, i, &in.day, &start);
        if (!used || in.day < 1 || in.day > 31 || !is_tok(c, i + used, K_MIN)) return 0;
        j = i + used + 1;
    }
    int unit, off;
    size_t pstart, used;
    if (j > i && is_tok(c, j - 1, K_MIN) && (used = period_at(c, j, &unit, &off, &pstart)) && unit == RASD_GRAN_MONTH) {
        /* 4 من الشهر الجاري، العاشر من الشهر الماضي */
        r->start = start;
        r->end = c->toks[j + used - 1].end;
        relative_unit(c, r, RASD_GRAN_MONTH, off);
        r->offset = 0;
        r->granularity = RASD_GRAN_DAY;
        r->day = in.day;
        if (!(r->flags & RASD_DATE_UNRESOLVED) && in.day > days_in_month(r->year, r->month)) r->flags |= DATE_INVALID;
        return j + used;
    }
    if (!month_at(c, j, &in.me)) return 0;
    size_t next = after_month(c, in.me.next, &in);
    /* 31 شباط: read, but not a date */
    if (!resolve_ymd(c, &in, r)) r->flags |= DATE_INVALID;
    r->start = start;
    r->end = c->toks[next - 1].end;
    return next;
}

/* حزيران 2020، شهر آب، آذار/مارس من العام الفائت، حزيران الماضي. */
static size_t month_first(const ctx *c, size_t i, rasd_date *r) {
    ymd_in in = {0};
    rasd_xword w;
    const dword *e;
    size_t used, start;
    bool anchored = false;
    if ((used = word_at(c, i, R_MONTH, &w, &e)) && !w.prep) {
        /* شهر حزيران */
        if (!month_at(c, i + used, &in.me)) return 0;
        anchored = true;
        start = w.start;
    } else if (!month_at(c, i, &in.me)) {
        return 0;
    } else {
        start = in.me.start;
    }
    size_t next = after_month(c, in.me.next, &in);
    anchored |= in.me.paired || next != in.me.next;
    /* a name that is also a word (آب، مارس) needs a year, a pair or شهر;
     * a Hijri month alone cannot be placed either */
    if (!anchored && in.me.m.ambiguous) return 0;
    /* a Hijri month is placed only by its year (شهر رمضان is a season) */
    if (in.me.m.calendar == RASD_CAL_HIJRI && !in.has_year) return 0;
    /* «نيسان» alone in quotes is a name (the carmaker), not a month */
    if (!anchored && i > 0 && next < c->n && is_quote(c->text, &c->toks[i - 1], true) &&
        is_quote(c->text, &c->toks[next], false))
        return 0;
    if (!resolve_ymd(c, &in, r)) return 0;
    r->start = start;
    r->end = c->toks[next - 1].end;
    return next;
}

/* عام 2019، العام 2020، سنة 1441 هـ; منذ 2011 (the year alone). */
static size_t year_alone(const ctx *c, size_t i, rasd_date *r) {
    rasd_xword w;
    const dword *e;
    size_t used;
    year_expr y;
    if ((used = word_at(c, i, R_YEAR, &w, &e)) && year_at(c, i + used, &y)) {
        r->start = w.start;
    } else if ((used = word_at(c, i, R_AGO, &w, &e)) && year_at(c, i + used, &y) && y.year >= 1900 && y.year <= 2100) {
        /* منذ 2011: the expression is the year; a unit after it makes a
         * distance instead (قبل 2000 عام) */
        rasd_xword w2;
        const dword *e2;
        if (word_at(c, y.next, R_UNIT, &w2, &e2)) return 0;
        r->start = c->toks[i + used].start;
    } else {
        return 0;
    }
    r->year = y.year;
    r->granularity = RASD_GRAN_YEAR;
    if (y.hijri) r->flags |= RASD_DATE_HIJRI;
    r->end = c->toks[y.next - 1].end;
    return y.next;
}

static size_t absolute(const ctx *c, size_t i, rasd_date *r) {
    size_t e;
    rasd_date t = *r;
    if (c->toks[i].type == RASD_TOK_NUMBER) {
        if ((e = numeric_date(c, i, &t))) return *r = t, e;
        t = *r;
        if ((e = day_month(c, i, &t))) return *r = t, e;
        year_expr y;
        if (year_at(c, i, &y) && y.next > i + 1) {
            /* 1441 هـ، 2020م: a calendar marker makes a year of a number */
            r->year = y.year;
            r->granularity = RASD_GRAN_YEAR;
            if (y.hijri) r->flags |= RASD_DATE_HIJRI;
            r->start = c->toks[i].start;
            r->end = c->toks[y.next - 1].end;
            return y.next;
        }
        return 0;
    }
    if ((e = day_month(c, i, &t))) return *r = t, e;
    t = *r;
    if ((e = month_first(c, i, &t))) return *r = t, e;
    t = *r;
    if ((e = year_alone(c, i, &t))) return *r = t, e;
    return 0;
}

static void relative_days(const ctx *c, rasd_date *r, long offset) {
    r->flags |= RASD_DATE_RELATIVE;
    r->granularity = RASD_GRAN_DAY;
    r->offset = (int)offset;
    if (!c->pub) r->flags |= RASD_DATE_UNRESOLVED;
    else set_days(r, c->pdays + offset, RASD_GRAN_DAY);
}

static void relative_unit(const ctx *c, rasd_date *r, int unit, int offset) {
    r->flags |= RASD_DATE_RELATIVE;
    r->granularity = (rasd_date_granularity)unit;
    r->offset = offset;
    if (!c->pub) {
        r->flags |= RASD_DATE_UNRESOLVED;
        return;
    }
    switch (unit) {
    case RASD_GRAN_DAY: set_days(r, c->pdays + offset, RASD_GRAN_DAY); break;
    case RASD_GRAN_WEEK: set_days(r, c->pdays - (c->pwd - 1) + 7L * offset, RASD_GRAN_WEEK); break;
    case RASD_GRAN_MONTH: set_month(r, c->py, c->pm + offset); break;
    case RASD_GRAN_YEAR: r->year = c->py + offset, r->month = r->day = 0, r->granularity = RASD_GRAN_YEAR; break;
    }
}

/* أمس، اليوم، غدا، الأسبوع الماضي، قبل يومين، منذ ثلاثة أيام، قبل أيام. */
static size_t relative(const ctx *c, size_t i, rasd_date *r) {
    rasd_xword w;
    const dword *e;
    size_t used, start;
    int unit, off;
    if ((used = word_at(c, i, R_DAY, &w, &e)) && !w.article) {
        /* (الغد "the future" has the article; الأمس is listed with it) */
        /* اليوم التالي، اليوم العالمي: "the day", not today; اليوم الخميس is;
         * هذا اليوم is "this day" */
        wday wd;
        rasd_xword ww, wt;
        const dword *t;
        size_t k = i + used;
        if (e->day_offset == 0 && k < c->n && c->toks[k].type == RASD_TOK_WORD && !weekday_at(c, k, &wd, &ww)) {
            char key[RASD_X_KEY_MAX];
            size_t kl = rasd_x_token_key(c->text, &c->toks[k], key);
            if (kl > 4 && memcmp(key, "\xD8\xA7\xD9\x84", 4) == 0) return 0;
        }
        if (e->day_offset == 0 && i > 0 && word_at(c, i - 1, R_THIS, &wt, &t)) return 0;
        relative_days(c, r, e->day_offset);
        r->start = w.start;
        r->end = c->toks[k - 1].end;
        /* أمس الخميس، اليوم (الاثنين): one expression; the weekday is checked */
        bool paren = is_tok(c, k, "(");
        size_t wu = weekday_at(c, k + paren, &wd, &ww);
        rasd_xword wq;
        const dword *q;
        if (wu && !ww.conj && (paren ? is_tok(c, k + 1 + wu, ")") : !word_at(c, k + wu, R_QUAL, &wq, &q))) {
            size_t next = k + wu + 2 * paren;
            r->weekday = wd.wd;
            r->flags |= RASD_DATE_WEEKDAY;
            r->end = c->toks[next - 1].end;
            if (c->pub && iso_weekday(c->pdays + e->day_offset) != wd.wd) r->flags |= RASD_DATE_MISMATCH;
            return next;
        }
        return k;
    }
    if ((used = period_at(c, i, &unit, &off, &start))) {
        relative_unit(c, r, unit, off);
        r->start = start;
        r->end = c->toks[i + used - 1].end;
        return i + used;
    }
    if ((used = word_at(c, i, R_AGO, &w, &e)) && !w.prep) {
        size_t j = i + used, next;
        long count = 0;
        const dword *u;
        rasd_xword wu;
        size_t uu;
        int dummy;
        if ((uu = word_at(c, j, R_UNIT, &wu, &u)) && !wu.article && !wu.prep && !wu.conj) {
            /* قبل عام 2011 is the year, read at عام */
            if (u->count == 1 && four_digits(c, j + uu, &dummy)) return 0;
            count = u->count;
            next = j + uu;
        } else {
            double v;
            size_t s, cu = rasd_x_cardinal_at(c->d->nd, c->an, c->text, c->toks, c->n, j, &v, &s);
            if (!cu || v < 1 || v > 10000 || v != (long)v) return 0;
            if (!(uu = word_at(c, j + cu, R_UNIT, &wu, &u)) || wu.article || wu.prep || wu.conj) return 0;
            count = (long)v;
            next = j + cu + uu;
        }
        /* قبل يومين من الانتخابات counts from the elections, not from the article */
        if (is_tok(c, next, K_MIN) || is_tok(c, next, K_ALA)) return 0;
        r->start = w.start;
        r->end = c->toks[next - 1].end;
        if (count == 0) {
            /* قبل أيام: some days, how many is not said */
            r->flags |= RASD_DATE_RELATIVE | RASD_DATE_APPROX | RASD_DATE_UNRESOLVED;
            r->granularity = (rasd_date_granularity)u->unit;
            return next;
        }
        relative_unit(c, r, u->unit, (int)-count);
        return next;
    }
    return 0;
}

/* A weekday: الخميس، يوم الاثنين، الاثنين الماضي، الخميس 4 من حزيران. */
static size_t weekday_expr(const ctx *c, size_t i, rasd_date *r, bool anchored) {
    wday wd;
    rasd_xword w;
    size_t used = weekday_at(c, i, &wd, &w);
    if (!used) return 0;
    size_t k = i + used;
    r->weekday = wd.wd;
    r->flags |= RASD_DATE_WEEKDAY;
    r->start = w.start;
    rasd_xword wq;
    const dword *q;
    size_t qu;
    if ((qu = word_at(c, k, R_QUAL, &wq, &q)) && !wq.conj && !wq.prep) {
        r->flags |= RASD_DATE_RELATIVE;
        r->granularity = RASD_GRAN_DAY;
        r->end = c->toks[k + qu - 1].end;
        if (!c->pub) {
            r->flags |= RASD_DATE_UNRESOLVED;
        } else {
            long back = (c->pwd - wd.wd + 7) % 7, days;
            if (q->qual < 0) days = c->pdays - (back ? back : 7);
            else if (q->qual > 0) days = c->pdays + ((wd.wd - c->pwd + 7) % 7 ? (wd.wd - c->pwd + 7) % 7 : 7);
            else days = c->pdays - (c->pwd - 1) + (wd.wd - 1); /* this week's */
            set_days(r, days, RASD_GRAN_DAY);
        }
        return k + qu;
    }
    /* an explicit date after it, maybe after a comma or الموافق */
    size_t m = k;
    for (int s = 0; s < 2 && m < c->n; s++) {
        rasd_xword wl;
        const dword *l;
        size_t lu;
        if (is_tok(c, m, K_COMMA_AR) || is_tok(c, m, ",")) m++;
        else if ((lu = word_at(c, m, R_LINK, &wl, &l))) m += lu;
        else break;
    }
    if (m < c->n) {
        rasd_date t = {0};
        size_t e = absolute(c, m, &t);
        if (e && t.granularity == RASD_GRAN_DAY) {
            size_t start = r->start;
            *r = t;
            r->start = start;
            r->weekday = wd.wd;
            r->flags |= RASD_DATE_WEEKDAY;
            if (!(r->flags & (RASD_DATE_UNRESOLVED | RASD_DATE_HIJRI)) &&
                iso_weekday(days_from_civil(r->year, r->month, r->day)) != wd.wd)
                r->flags |= RASD_DATE_MISMATCH;
            return e;
        }
    }
    if (!anchored && i > 0 && k < c->n && is_quote(c->text, &c->toks[i - 1], true) &&
        is_quote(c->text, &c->toks[k], false))
        return 0; /* «الأحد»: a title */
    if (wd.ambiguous && !anchored) {
        /* الاثنين "the two", الأحد "the one": a date only after an anchor
         * word (صباح الأحد) or set off by punctuation (قال، الأحد، إن) */
        rasd_xword wa;
        const dword *a;
        bool anchor = i >= 1 && word_at(c, i - 1, R_ANCHOR, &wa, &a) && !wa.conj && !wa.prep;
        bool set_off = (i == 0 || c->toks[i - 1].type == RASD_TOK_PUNCT) &&
                       (k >= c->n || c->toks[k].type == RASD_TOK_PUNCT);
        if (!anchor && !set_off) return 0;
    }
    r->flags |= RASD_DATE_RELATIVE;
    r->granularity = RASD_GRAN_DAY;
    r->end = c->toks[k - 1].end;
    if (!c->pub) r->flags |= RASD_DATE_UNRESOLVED;
    else set_days(r, c->pdays - (c->pwd - wd.wd + 7) % 7, RASD_GRAN_DAY);
    return k;
}

/* The expression starting at toks[i], trying only what its first word can
 * open (mask; all for a number). */
static size_t parse_at(const ctx *c, size_t i, uint16_t mask, rasd_date *r) {
    size_t e;
    rasd_date t = {0};
    /* يوم الخميس، يوم أمس، يوم 4 حزيران: يوم belongs to the expression */
    rasd_xword w;
    const dword *dw;
    size_t used = (mask & T_ANCHOR) ? word_at(c, i, R_ANCHOR, &w, &dw) : 0;
    if (used && (dw->roles & R_UNIT) && dw->unit == RASD_GRAN_DAY && dw->count == 1 && !w.article && i + used < c->n) {
        size_t j = i + used;
        if ((e = weekday_expr(c, j, &t, true)) || (t = (rasd_date){0}, e = absolute(c, j, &t)) ||
            (t = (rasd_date){0}, e = relative(c, j, &t))) {
            if (c->toks[j].type == RASD_TOK_WORD || t.granularity == RASD_GRAN_DAY) {
                *r = t;
                r->start = w.start;
                return e;
            }
        }
        t = (rasd_date){0};
    }
    if ((mask & T_WEEKDAY) && (e = weekday_expr(c, i, &t, false))) return *r = t, e;
    t = (rasd_date){0};
    if ((mask & (T_MONTH | T_ORDINAL | T_MONTHWORD | T_YEAR | T_AGO)) && (e = absolute(c, i, &t))) return *r = t, e;
    t = (rasd_date){0};
    if ((mask & (T_DAY | T_UNIT | T_THIS | T_AGO)) && (e = relative(c, i, &t))) return *r = t, e;
    return 0;
}

static bool push(rasd_date_list *out, const rasd_date *m) {
    if (out->count == out->cap) {
        size_t nc = out->cap ? out->cap * 2 : 16;
        rasd_date *p = realloc(out->items, nc * sizeof *p);
        if (!p) return false;
        out->items = p;
        out->cap = nc;
    }
    out->items[out->count++] = *m;
    return true;
}

rasd_status rasd_dates_find(const rasd_dates *d, rasd_analyzer *an, const char *text, const rasd_token *toks,
                            size_t n, const char *published, rasd_date_list *out) {
    if (!d || !text || (!toks && n) || !out) return RASD_ERR_USAGE;
    ctx c = {d, an, text, toks, n, false, 0, 0, 0, 0, 0};
    if (published) {
        long days;
        if (!rasd_date_parse(published, &days)) return RASD_ERR_USAGE;
        c.pub = true;
        c.pdays = days;
        civil_from_days(days, &c.py, &c.pm, &c.pd);
        c.pwd = iso_weekday(c.pdays);
    }
    /* the sentence's key table, when these are its tokens (rasd_dates_find_keyed) */
    const rasd_x_keys *ks = rasd_x_keys_active();
    size_t kn = 0;
    if (ks && (rasd_x_keys_tokens(ks, &kn) != toks || kn != n)) ks = NULL;
    for (size_t i = 0; i < n;) {
        const rasd_token *t = &toks[i];
        uint16_t mask = 0xFFFF;
        if (t->type == RASD_TOK_WORD) {
            rasd_xword w;
            if (ks) rasd_x_lookup_at(&d->trigger, an, text, ks, i, &w);
            else rasd_x_lookup(&d->trigger, an, text, t, &w);
            if (w.idx < 0) {
                i++;
                continue;
            }
            mask = d->tmask[w.idx];
        } else if (t->type != RASD_TOK_NUMBER) {
            i++;
            continue;
        }
        rasd_date r;
        size_t e = parse_at(&c, i, mask, &r);
        if (!e) {
            i++;
            continue;
        }
        set_iso(&r);
        if (!(r.flags & DATE_INVALID) && !push(out, &r)) return RASD_ERR_NOMEM;
        i = e;
    }
    return RASD_OK;
}

void rasd_date_list_free(rasd_date_list *list) {
    if (!list) return;
    free(list->items);
    memset(list, 0, sizeof *list);
}

rasd_status rasd_dates_find_keyed(const rasd_dates *d, rasd_analyzer *an, const char *text, const rasd_x_keys *ks,
                                  const char *published, rasd_date_list *out) {
    size_t n;
    const rasd_token *toks = rasd_x_keys_tokens(ks, &n);
    const rasd_x_keys *prev = rasd_x_keys_use(ks);
    rasd_status st = rasd_dates_find(d, an, text, toks, n, published, out);
    rasd_x_keys_use(prev);
    return st;
}

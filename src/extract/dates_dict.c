/*
 * dates_dict.c: loading the date reader's words (weekdays.tsv,
 * date-words.tsv and the number words that can open a date) into the
 * tables of dates_internal.h, with each bad line named file:line.
 */
#include "dates_internal.h"

#include "knowledge/tsv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool add_trigger(rasd_dates *d, const char *key, size_t len, uint16_t mask) {
    int32_t idx = rasd_xtable_get_listed(&d->trigger, key, len);
    if (idx >= 0) {
        d->tmask[idx] |= mask;
        return true;
    }
    bool dup;
    if (!rasd_grow((void **)&d->tmask, &d->cap_trig, d->n_trig, sizeof *d->tmask) ||
        !rasd_xtable_add(&d->trigger, key, len, (uint32_t)d->n_trig, &dup))
        return false;
    d->tmask[d->n_trig++] = mask;
    return true;
}

static bool add_starter(void *ctx, const char *key, size_t len, int kind) {
    return add_trigger(ctx, key, len, kind == 0 ? T_MONTH : T_ORDINAL);
}

static uint16_t trigger_mask(uint16_t roles) {
    uint16_t m = 0;
    if (roles & R_DAY) m |= T_DAY;
    if (roles & R_UNIT) m |= T_UNIT;
    if (roles & R_THIS) m |= T_THIS;
    if (roles & R_AGO) m |= T_AGO;
    if (roles & R_YEAR) m |= T_YEAR;
    if (roles & R_MONTH) m |= T_MONTHWORD;
    if (roles & R_ANCHOR) m |= T_ANCHOR;
    return m;
}

/* The phrase key of field 0 and its first word's length. */
static rasd_status phrase(rasd_tsv *f, char *key, size_t cap, size_t *len, size_t *first, rasd_error *err) {
    uint32_t words;
    *first = *len = 0;
    if (!rasd_x_phrase_key(f->field[0], key, cap, len, &words))
        return rasd_tsv_fail(f, err, "empty or too long a phrase: \"%s\"", f->field[0]);
    const char *sp = memchr(key, ' ', *len);
    *first = sp ? (size_t)(sp - key) : *len;
    return RASD_OK;
}

static rasd_status weekday_line(void *ctx, rasd_tsv *f, rasd_error *err) {
    rasd_dates *d = ctx;
    if (f->n_fields != 2 && f->n_fields != 3)
        return rasd_tsv_fail(f, err, "expected name, weekday [, ambiguous], found %zu fields", f->n_fields);
    char *end;
    long v = strtol(f->field[1], &end, 10);
    if (*end || v < 1 || v > 7) return rasd_tsv_fail(f, err, "not a weekday number 1-7: \"%s\"", f->field[1]);
    wday w = {(uint8_t)v, false};
    if (f->n_fields == 3) {
        if (strcmp(f->field[2], "ambiguous") != 0) return rasd_tsv_fail(f, err, "unknown flag \"%s\" (ambiguous)", f->field[2]);
        w.ambiguous = true;
    }
    char key[RASD_X_KEY_MAX * 5 + 8];
    size_t len, first;
    rasd_status st = phrase(f, key, sizeof key, &len, &first, err);
    if (st != RASD_OK) return st;
    bool dup;
    if (!rasd_grow((void **)&d->wd, &d->cap_wd, d->n_wd, sizeof *d->wd) ||
        !rasd_xtable_add(&d->weekdays, key, len, (uint32_t)d->n_wd, &dup) || !add_trigger(d, key, first, T_WEEKDAY))
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    if (dup) return rasd_tsv_fail(f, err, "\"%s\" is listed twice (the same key as an earlier line)", f->field[0]);
    d->wd[d->n_wd++] = w;
    return RASD_OK;
}

static const struct {
    const char *name;
    uint16_t role;
    size_t fields; /* including phrase and role */
} ROLES[] = {
    {"day", R_DAY, 3},      {"unit", R_UNIT, 4},     {"qualifier", R_QUAL, 3}, {"this", R_THIS, 2},
    {"ago", R_AGO, 2},      {"year", R_YEAR, 2},     {"month", R_MONTH, 2},    {"weekday-anchor", R_ANCHOR, 2},
    {"link", R_LINK, 2},    {"hijri", R_HIJRI, 2},   {"ce", R_CE, 2},
};

static rasd_status word_line(void *ctx, rasd_tsv *f, rasd_error *err) {
    rasd_dates *d = ctx;
    if (f->n_fields < 2) return rasd_tsv_fail(f, err, "expected phrase, role [, value [, count]], found 1 field");
    size_t r = 0, nr = sizeof ROLES / sizeof ROLES[0];
    while (r < nr && strcmp(f->field[1], ROLES[r].name) != 0) r++;
    if (r == nr)
        return rasd_tsv_fail(f, err, "unknown role \"%s\" (day, unit, qualifier, this, ago, year, month, "
                                     "weekday-anchor, link, hijri, ce)", f->field[1]);
    if (f->n_fields != ROLES[r].fields)
        return rasd_tsv_fail(f, err, "role %s takes %zu fields, found %zu", ROLES[r].name, ROLES[r].fields, f->n_fields);
    dword w = {0};
    w.roles = ROLES[r].role;
    char *end;
    if (w.roles == R_DAY || w.roles == R_QUAL) {
        long v = strtol(f->field[2], &end, 10);
        long lim = w.roles == R_DAY ? 7 : 1;
        if (*end || !*f->field[2] || v < -lim || v > lim)
            return rasd_tsv_fail(f, err, "not an offset from -%ld to %ld: \"%s\"", lim, lim, f->field[2]);
        if (w.roles == R_DAY) w.day_offset = (int8_t)v;
        else w.qual = (int8_t)v;
    } else if (w.roles == R_UNIT) {
        static const char *units[] = {"day", "week", "month", "year"};
        size_t u = 0;
        while (u < 4 && strcmp(f->field[2], units[u]) != 0) u++;
        if (u == 4) return rasd_tsv_fail(f, err, "unknown unit \"%s\" (day, week, month, year)", f->field[2]);
        w.unit = (uint8_t)u;
        if (strcmp(f->field[3], "1") == 0) w.count = 1;
        else if (strcmp(f->field[3], "2") == 0) w.count = 2;
        else if (strcmp(f->field[3], "n") == 0) w.count = 0;
        else return rasd_tsv_fail(f, err, "unknown count \"%s\" (1, 2, n)", f->field[3]);
    }
    char key[RASD_X_KEY_MAX * 5 + 8];
    size_t len, first;
    rasd_status st = phrase(f, key, sizeof key, &len, &first, err);
    if (st != RASD_OK) return st;
    /* a word may have several roles (عام: a unit and a year word): merge */
    int32_t idx = rasd_xtable_get_listed(&d->words, key, len);
    if (idx >= 0) {
        dword *o = &d->w[idx];
        if (o->roles & w.roles) return rasd_tsv_fail(f, err, "\"%s\" is listed twice as %s", f->field[0], ROLES[r].name);
        o->roles |= w.roles;
        if (w.roles == R_DAY) o->day_offset = w.day_offset;
        if (w.roles == R_QUAL) o->qual = w.qual;
        if (w.roles == R_UNIT) o->unit = w.unit, o->count = w.count;
    } else {
        bool dup;
        if (!rasd_grow((void **)&d->w, &d->cap_w, d->n_w, sizeof *d->w) ||
            !rasd_xtable_add(&d->words, key, len, (uint32_t)d->n_w, &dup))
            return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        d->w[d->n_w++] = w;
    }
    if ((w.roles & R_STARTS) && !add_trigger(d, key, first, trigger_mask(w.roles)))
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    return RASD_OK;
}

rasd_dates *rasd_dates_load(const char *data_dir, rasd_error *err) {
    rasd_dates *d = calloc(1, sizeof *d);
    if (!d) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    const char *dir = rasd_x_data_dir(data_dir);
    /* العام، الأسبوع، الأمس: the words and starters take the article */
    d->words.article_forms = d->trigger.article_forms = true;
    d->nd = rasd_numbers_load(dir, err);
    if (!d->nd || rasd_x_load_file(dir, "weekdays.tsv", weekday_line, d, err) != RASD_OK ||
        rasd_x_load_file(dir, "date-words.tsv", word_line, d, err) != RASD_OK) {
        rasd_dates_destroy(d);
        return NULL;
    }
    if (!rasd_x_date_starters(d->nd, add_starter, d)) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        rasd_dates_destroy(d);
        return NULL;
    }
    return d;
}

void rasd_dates_destroy(rasd_dates *d) {
    if (!d) return;
    rasd_numbers_destroy(d->nd);
    rasd_xtable_free(&d->words);
    rasd_xtable_free(&d->weekdays);
    rasd_xtable_free(&d->trigger);
    free(d->w);
    free(d->wd);
    free(d->tmask);
    free(d);
}

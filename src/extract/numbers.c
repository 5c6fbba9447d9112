/*
 * numbers.c: number mentions (see numbers.h and docs/numbers-and-dates.md),
 * and what dates.c reads through numbers: month names, cardinals and
 * ordinals. The phrase tables both use are phrases.c.
 *
 * Hot path: every token of every sentence comes through here, so a token
 * costs one normalization into a stack buffer and one hash probe; only a
 * word whose first letters could be clitics before a listed word goes to
 * the analyzer, and only a token that starts a number is looked at further.
 * Nothing is allocated but the mentions themselves.
 */
#include "numbers.h"

#include "core/arena.h"
#include "knowledge/tsv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef RASD_DATA_DIR
#define RASD_DATA_DIR "data"
#endif

enum { KIND_UNIT, KIND_TENS, KIND_HUNDREDS, KIND_SCALE, KIND_APPROX, KIND_FRACTION, KIND_ORDINAL };
enum { F_TEEN_ONLY = 1, F_TEEN = 2, F_DUAL = 4, F_PLURAL = 8, F_NO_ARTICLE = 16 };

typedef struct numword {
    double value;
    uint8_t kind, flags;
} numword;

typedef struct unitdef {
    const char *code; /* NULL: none */
    uint32_t key_off, key_len; /* the phrase's key in units.keys */
    uint8_t kind;     /* rasd_unit_kind */
} unitdef;

enum { Q_BEFORE = 1, Q_AFTER = 2 };

typedef struct qualdef {
    uint32_t flags; /* RASD_NUM_* */
} qualdef;

struct rasd_numbers {
    rasd_xtable words;  numword *w;   size_t n_w, cap_w;
    rasd_xtable units;  unitdef *u;   size_t n_u, cap_u;
    rasd_xtable before; qualdef *qb;  size_t n_qb, cap_qb;
    rasd_xtable after;  qualdef *qa;  size_t n_qa, cap_qa;
    rasd_xtable months; rasd_xmonth *m; size_t n_m, cap_m;
    rasd_xtable years;  size_t n_y;    /* عام، سنة (from date-words.tsv) */
    rasd_xtable markers; size_t n_mk;  /* هـ، م: calendar marks after a year */
    rasd_arena arena;   /* codes */
};

static bool parse_double(const char *s, double *v) {
    char *end;
    if (!*s) return false;
    *v = strtod(s, &end);
    return *end == '\0' && isfinite(*v);
}

static bool parse_int(const char *s, long lo, long hi, long *v) {
    char *end;
    if (!*s) return false;
    *v = strtol(s, &end, 10);
    return *end == '\0' && *v >= lo && *v <= hi;
}

static rasd_status number_line(void *ctx, rasd_tsv *f, rasd_error *err) {
    rasd_numbers *nd = ctx;
    static const char *kinds[] = {"unit", "tens", "hundreds", "scale", "approx", "fraction", "ordinal"};
    if (f->n_fields != 3 && f->n_fields != 4)
        return rasd_tsv_fail(f, err, "expected form, value, kind [, flags], found %zu fields", f->n_fields);
    numword w = {0};
    if (!parse_double(f->field[1], &w.value) || w.value <= 0)
        return rasd_tsv_fail(f, err, "not a positive number: \"%s\"", f->field[1]);
    size_t k = 0;
    while (k < 7 && strcmp(f->field[2], kinds[k]) != 0) k++;
    if (k == 7) return rasd_tsv_fail(f, err, "unknown kind \"%s\" (unit, tens, hundreds, scale, approx, fraction, ordinal)", f->field[2]);
    w.kind = (uint8_t)k;
    if (f->n_fields == 4) {
        char *save = NULL;
        for (char *tok = strtok_r(f->field[3], ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            if (strcmp(tok, "teen-only") == 0) w.flags |= F_TEEN_ONLY;
            else if (strcmp(tok, "teen") == 0) w.flags |= F_TEEN;
            else if (strcmp(tok, "dual") == 0) w.flags |= F_DUAL;
            else if (strcmp(tok, "plural") == 0) w.flags |= F_PLURAL;
            else if (strcmp(tok, "no-article") == 0) w.flags |= F_NO_ARTICLE;
            else return rasd_tsv_fail(f, err, "unknown flag \"%s\" (teen-only, teen, dual, plural, no-article)", tok);
        }
    }
    if (!rasd_grow((void **)&nd->w, &nd->cap_w, nd->n_w, sizeof *nd->w)) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    rasd_status st = rasd_x_add_phrase(f, &nd->words, (uint32_t)nd->n_w, NULL, err);
    if (st == RASD_OK) nd->w[nd->n_w++] = w;
    return st;
}

static rasd_status unit_line(void *ctx, rasd_tsv *f, rasd_error *err) {
    rasd_numbers *nd = ctx;
    static const char *kinds[] = {"count", "currency", "measure", "time", "percent"};
    static const uint8_t values[] = {RASD_UNIT_COUNT, RASD_UNIT_CURRENCY, RASD_UNIT_MEASURE, RASD_UNIT_TIME,
                                     RASD_UNIT_PERCENT};
    rasd_status st = rasd_tsv_expect(f, 3, err);
    if (st != RASD_OK) return st;
    unitdef u = {0};
    size_t k = 0;
    while (k < 5 && strcmp(f->field[2], kinds[k]) != 0) k++;
    if (k == 5) return rasd_tsv_fail(f, err, "unknown kind \"%s\" (count, currency, measure, time, percent)", f->field[2]);
    u.kind = values[k];
    if (!*f->field[1]) return rasd_tsv_fail(f, err, "empty code (write - for none)");
    if (strcmp(f->field[1], "-") != 0) {
        u.code = rasd_arena_strndup(&nd->arena, f->field[1], strlen(f->field[1]));
        if (!u.code) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    if (!rasd_grow((void **)&nd->u, &nd->cap_u, nd->n_u, sizeof *nd->u)) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    const rasd_strtab_entry *e = NULL;
    st = rasd_x_add_phrase(f, &nd->units, (uint32_t)nd->n_u, &e, err);
    if (st == RASD_OK) {
        u.key_off = e->key_off;
        u.key_len = e->key_len;
        nd->u[nd->n_u++] = u;
    }
    return st;
}

static rasd_status qualifier_line(void *ctx, rasd_tsv *f, rasd_error *err) {
    rasd_numbers *nd = ctx;
    rasd_status st = rasd_tsv_expect(f, 3, err);
    if (st != RASD_OK) return st;
    qualdef q = {RASD_NUM_APPROX};
    if (strcmp(f->field[2], "more") == 0) q.flags |= RASD_NUM_MORE_THAN;
    else if (strcmp(f->field[2], "less") == 0) q.flags |= RASD_NUM_LESS_THAN;
    else if (strcmp(f->field[2], "approx") != 0)
        return rasd_tsv_fail(f, err, "unknown meaning \"%s\" (approx, more, less)", f->field[2]);
    if (strcmp(f->field[1], "before") == 0) {
        if (!rasd_grow((void **)&nd->qb, &nd->cap_qb, nd->n_qb, sizeof *nd->qb)) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        st = rasd_x_add_phrase(f, &nd->before, (uint32_t)nd->n_qb, NULL, err);
        if (st == RASD_OK) nd->qb[nd->n_qb++] = q;
    } else if (strcmp(f->field[1], "after") == 0) {
        if (!rasd_grow((void **)&nd->qa, &nd->cap_qa, nd->n_qa, sizeof *nd->qa)) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        st = rasd_x_add_phrase(f, &nd->after, (uint32_t)nd->n_qa, NULL, err);
        if (st == RASD_OK) nd->qa[nd->n_qa++] = q;
    } else {
        return rasd_tsv_fail(f, err, "unknown position \"%s\" (before, after)", f->field[1]);
    }
    return st;
}

static rasd_status month_line(void *ctx, rasd_tsv *f, rasd_error *err) {
    rasd_numbers *nd = ctx;
    if (f->n_fields != 3 && f->n_fields != 4)
        return rasd_tsv_fail(f, err, "expected name, month, calendar [, ambiguous], found %zu fields", f->n_fields);
    long m;
    if (!parse_int(f->field[1], 1, 12, &m)) return rasd_tsv_fail(f, err, "not a month number 1-12: \"%s\"", f->field[1]);
    rasd_xmonth x = {(uint8_t)m, 0, false};
    if (strcmp(f->field[2], "gregorian") == 0) x.calendar = RASD_CAL_GREGORIAN;
    else if (strcmp(f->field[2], "syriac") == 0) x.calendar = RASD_CAL_SYRIAC;
    else if (strcmp(f->field[2], "hijri") == 0) x.calendar = RASD_CAL_HIJRI;
    else return rasd_tsv_fail(f, err, "unknown calendar \"%s\" (gregorian, syriac, hijri)", f->field[2]);
    if (f->n_fields == 4) {
        if (strcmp(f->field[3], "ambiguous") != 0)
            return rasd_tsv_fail(f, err, "unknown flag \"%s\" (ambiguous)", f->field[3]);
        x.ambiguous = true;
    }
    if (!rasd_grow((void **)&nd->m, &nd->cap_m, nd->n_m, sizeof *nd->m)) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    rasd_status st = rasd_x_add_phrase(f, &nd->months, (uint32_t)nd->n_m, NULL, err);
    if (st == RASD_OK) nd->m[nd->n_m++] = x;
    return st;
}

/* date-words.tsv belongs to dates.c, which checks every line; numbers only
 * takes the words that announce a year (عام 2019 is a date, not a count). */
static rasd_status year_line(void *ctx, rasd_tsv *f, rasd_error *err) {
    rasd_numbers *nd = ctx;
    if (f->n_fields < 2) return RASD_OK;
    rasd_xtable *t;
    size_t *count;
    if (strcmp(f->field[1], "year") == 0) t = &nd->years, count = &nd->n_y;
    else if (strcmp(f->field[1], "hijri") == 0 || strcmp(f->field[1], "ce") == 0) t = &nd->markers, count = &nd->n_mk;
    else return RASD_OK;
    bool dup;
    char key[RASD_X_KEY_MAX * 5 + 8];
    size_t len;
    uint32_t words;
    if (!rasd_x_phrase_key(f->field[0], key, sizeof key, &len, &words))
        return rasd_tsv_fail(f, err, "empty or too long a phrase: \"%s\"", f->field[0]);
    if (!rasd_xtable_add(t, key, len, (uint32_t)*count, &dup)) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    if (!dup) ++*count;
    return RASD_OK;
}

rasd_numbers *rasd_numbers_load(const char *data_dir, rasd_error *err) {
    rasd_numbers *nd = calloc(1, sizeof *nd);
    if (!nd) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    rasd_x_init();
    /* words that take the article; month names and marks do not */
    nd->words.article_forms = nd->units.article_forms = nd->years.article_forms = true;
    const char *dir = rasd_x_data_dir(data_dir);
    if (rasd_x_load_file(dir, "number-words.tsv", number_line, nd, err) != RASD_OK ||
        rasd_x_load_file(dir, "units.tsv", unit_line, nd, err) != RASD_OK ||
        rasd_x_load_file(dir, "number-qualifiers.tsv", qualifier_line, nd, err) != RASD_OK ||
        rasd_x_load_file(dir, "months.tsv", month_line, nd, err) != RASD_OK ||
        rasd_x_load_file(dir, "date-words.tsv", year_line, nd, err) != RASD_OK) {
        rasd_numbers_destroy(nd);
        return NULL;
    }
    return nd;
}

void rasd_numbers_destroy(rasd_numbers *nd) {
    if (!nd) return;
    rasd_xtable_free(&nd->words);
    rasd_xtable_free(&nd->units);
    rasd_xtable_free(&nd->before);
    rasd_xtable_free(&nd->after);
    rasd_xtable_free(&nd->months);
    rasd_xtable_free(&nd->years);
    rasd_xtable_free(&nd->markers);
    free(nd->w);
    free(nd->u);
    free(nd->qb);
    free(nd->qa);
    free(nd->m);
    rasd_arena_free(&nd->arena);
    free(nd);
}

const char *rasd_unit_kind_name(rasd_unit_kind kind) {
    switch (kind) {
    case RASD_UNIT_NONE: return "none";
    case RASD_UNIT_NOUN: return "noun";
    case RASD_UNIT_COUNT: return "count";
    case RASD_UNIT_CURRENCY: return "currency";
    case RASD_UNIT_MEASURE: return "measure";
    case RASD_UNIT_TIME: return "time";
    case RASD_UNIT_PERCENT: return "percent";
    }
    return "?";
}

/* ---------------------------------------------------------------- digits */

/* Separators: ٫ (the key has .) is always the decimal point and ٬ (the key
 * has ,) always groups thousands. Otherwise, when both . and , occur the
 * last one is the decimal point (1,234.5 and 1.234,5); a lone , or . before
 * other than three digits is a decimal point (2,5 and 4.5), before exactly
 * three a lone , groups thousands (1,500) and a lone . stays decimal (the
 * Levantine and Gulf press write 1.5); repeated separators group thousands
 * only when every group after the first has three digits, else it is not a
 * plain number (4.6.2020 is a date). */
static bool parse_digits_key(const char *k, size_t len, const char *surface, size_t slen, double *value,
                             bool *plain_int) {
    if (!len) return false;
    bool arabic_decimal = false, arabic_group = false;
    for (size_t i = 0; i + 1 < slen; i++) {
        if ((unsigned char)surface[i] == 0xD9 && (unsigned char)surface[i + 1] == 0xAB) arabic_decimal = true;
        if ((unsigned char)surface[i] == 0xD9 && (unsigned char)surface[i + 1] == 0xAC) arabic_group = true;
    }
    size_t n_dot = 0, n_comma = 0, last_dot = 0, last_comma = 0;
    for (size_t i = 0; i < len; i++) {
        if (k[i] == '.') n_dot++, last_dot = i;
        else if (k[i] == ',') n_comma++, last_comma = i;
        else if (k[i] < '0' || k[i] > '9') return false;
    }
    char dec = 0;
    if (arabic_decimal) dec = '.';
    else if (arabic_group) dec = n_dot ? '.' : 0;
    else if (n_dot && n_comma) dec = last_dot > last_comma ? '.' : ',';
    else if (n_comma == 1 && len - last_comma - 1 != 3) dec = ',';
    else if (n_dot == 1) dec = '.';
    size_t n_dec = dec == '.' ? n_dot : dec == ',' ? n_comma : 0;
    if (n_dec > 1) return false;
    /* every group separator must be followed by exactly three digits, and
     * the first group must have 1-3 digits */
    size_t group = 0, first = SIZE_MAX;
    bool in_frac = false;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || k[i] == '.' || k[i] == ',') {
            if (group == 0) return false;
            bool is_dec = i < len && k[i] == dec;
            if (!in_frac) {
                if (first == SIZE_MAX) first = group;
                else if (group != 3) return false;
            }
            if (i < len && !is_dec && !in_frac && first > 3) return false;
            if (is_dec) in_frac = true;
            else if (i < len && in_frac) return false;
            group = 0;
        } else {
            group++;
        }
    }
    double v = 0, scale = 0.1;
    uint64_t iv = 0;
    bool exact = true, frac = false;
    for (size_t i = 0; i < len; i++) {
        if (k[i] == dec) {
            frac = true;
            continue;
        }
        if (k[i] == '.' || k[i] == ',') continue;
        int d = k[i] - '0';
        if (!frac) {
            if (iv > (UINT64_C(1) << 62) / 10) exact = false;
            else iv = iv * 10 + (uint64_t)d;
            v = v * 10 + d;
        } else {
            v += d * scale;
            scale /= 10;
        }
    }
    *value = frac || !exact ? v : (double)iv;
    *plain_int = !frac && exact;
    return true;
}

bool rasd_x_parse_digits(const char *text, const rasd_token *tok, double *value, bool *plain_int) {
    char key[RASD_X_KEY_MAX];
    size_t len = rasd_x_token_key(text, tok, key);
    return parse_digits_key(key, len, text + tok->start, tok->end - tok->start, value, plain_int);
}

/* -------------------------------------------------------------- parsing */

enum { L_NONE, L_DIGITS, L_UNIT, L_TEEN, L_TENS, L_HUNDREDS, L_SCALE, L_APPROX, L_FRACTION };

typedef struct nparse {
    double total, cur, last_scale;
    int last;
    bool words, approx, digits_only, year_like;
    bool article;      /* the first word has the article (الآلاف): not in construct with a noun */
    size_t start, end; /* the number's span */
    size_t next;       /* the token after it */
} nparse;

static bool is_token(const char *text, const rasd_token *t, const char *key) {
    return rasd_x_is(text, t, key);
}

/* Parses a number starting at toks[i] (w: its look-up, for a word). */
static bool parse_number(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                         size_t n, size_t i, const rasd_xword *w, nparse *p) {
    memset(p, 0, sizeof *p);
    const rasd_token *t = &toks[i];
    bool pending_teen = false;
    if (t->type == RASD_TOK_NUMBER) {
        bool plain;
        if (!rasd_x_parse_digits(text, t, &p->cur, &plain)) return false;
        p->last = L_DIGITS;
        p->digits_only = true;
        p->start = t->start;
        size_t dl = 0;
        for (size_t k = t->start; k < t->end; k++) dl += ((unsigned char)text[k] & 0xC0) != 0x80;
        p->year_like = plain && dl == 4 && p->cur >= 1000 && p->cur <= 2999;
    } else {
        const numword *e = &nd->w[w->idx];
        if (e->kind == KIND_ORDINAL || e->kind == KIND_FRACTION) return false;
        if (w->article && !((e->kind == KIND_UNIT && e->value >= 3 && !(e->flags & F_TEEN_ONLY)) ||
                            e->kind == KIND_APPROX || (e->kind == KIND_SCALE && (e->flags & F_PLURAL))))
            return false;
        p->words = true;
        p->article = w->article;
        p->start = w->start;
        switch (e->kind) {
        case KIND_UNIT: p->cur = e->value; p->last = L_UNIT; pending_teen = e->flags & F_TEEN_ONLY; break;
        case KIND_TENS: p->cur = e->value; p->last = L_TENS; break;
        case KIND_HUNDREDS: p->cur = e->value; p->last = L_HUNDREDS; break;
        case KIND_APPROX: p->cur = e->value; p->last = L_APPROX; p->approx = true; break;
        case KIND_SCALE:
            p->total = e->value;
            p->last_scale = e->flags & F_DUAL ? e->value / 2 : e->value;
            p->last = L_SCALE;
            if (e->flags & F_PLURAL) p->approx = true;
            break;
        }
    }
    p->end = t->end;
    size_t j = i + 1;
    while (j < n) {
        size_t tj = j;
        bool conj_tok = false;
        if (toks[j].type == RASD_TOK_WORD && j + 1 < n && is_token(text, &toks[j], K_WAW)) {
            conj_tok = true;
            tj = j + 1;
        }
        const rasd_token *tt = &toks[tj];
        if (tt->type == RASD_TOK_NUMBER) {
            /* مليون و200 ألف: digits continue a number only after a scale */
            bool plain;
            double v;
            if (!conj_tok || p->last != L_SCALE || !rasd_x_parse_digits(text, tt, &v, &plain)) break;
            p->cur = v;
            p->last = L_DIGITS;
            p->end = tt->end;
            j = tj + 1;
            continue;
        }
        if (tt->type != RASD_TOK_WORD) break;
        rasd_xword w2;
        rasd_x_lookup(&nd->words, an, text, tt, &w2);
        if (w2.idx < 0 || w2.prep || (conj_tok && w2.conj)) break;
        const numword *e = &nd->w[w2.idx];
        bool conj = conj_tok || w2.conj;
        if (e->kind == KIND_ORDINAL) break;
        if (w2.article && !(e->kind == KIND_SCALE && (e->flags & F_PLURAL) && p->last == L_APPROX)) break;
        if (pending_teen && !(e->flags & F_TEEN && !conj)) break;
        double v = e->value;
        if (conj) {
            if (e->flags & F_TEEN_ONLY) break;
            double units = fmod(p->cur, 100);
            if (e->kind == KIND_UNIT || e->kind == KIND_TENS || e->kind == KIND_HUNDREDS) {
                if (p->last == L_SCALE) {
                    /* ألف وخمسمئة: a new group after a scale */
                    p->cur = v;
                    p->last = e->kind == KIND_UNIT ? L_UNIT : e->kind == KIND_TENS ? L_TENS : L_HUNDREDS;
                } else if ((p->last == L_UNIT) && e->kind == KIND_TENS && units >= 1 && units <= 9) {
                    p->cur += v; /* ثلاثة وعشرون */
                    p->last = L_TENS;
                } else if (p->last == L_HUNDREDS && v < 100 && units == 0) {
                    p->cur += v; /* مئة وخمسون */
                    p->last = e->kind == KIND_UNIT ? L_UNIT : L_TENS;
                } else {
                    break;
                }
            } else if (e->kind == KIND_FRACTION && p->last == L_SCALE && p->cur == 0) {
                p->total += p->last_scale * v; /* مليون ونصف */
                p->last = L_FRACTION;
                p->end = tt->end;
                j = tj + 1;
                break;
            } else {
                break;
            }
        } else if ((e->flags & F_TEEN) && p->last == L_UNIT && p->cur >= 1 && p->cur <= 9) {
            p->cur += 10; /* ثلاثة عشر */
            p->last = L_TEEN;
            pending_teen = false;
        } else if (e->kind == KIND_HUNDREDS && v == 100 && p->last == L_UNIT && p->cur >= 3 && p->cur <= 9) {
            p->cur *= 100; /* ثلاث مئة */
            p->last = L_HUNDREDS;
        } else if (e->kind == KIND_SCALE) {
            if (e->flags & F_DUAL) break;
            if (p->last == L_SCALE) {
                /* ألف مليون */
                if (p->cur != 0 || v <= p->last_scale || (e->flags & F_PLURAL)) break;
                p->total *= v;
            } else if (p->last == L_FRACTION) {
                break;
            } else {
                p->total += p->cur * v;
                p->cur = 0;
            }
            p->last_scale = v;
            p->last = L_SCALE;
        } else {
            break;
        }
        p->words = true;
        p->digits_only = false;
        p->year_like = false;
        p->end = tt->end;
        j = tj + 1;
    }
    if (pending_teen) return false;
    p->next = j;
    return true;
}

/* An ordinal (الثالث، الحادي عشر، الخامس والعشرين) starting at toks[i]
 * with look-up w: the tokens it takes and its value. */
static size_t ordinal_span(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                           size_t n, size_t i, const rasd_xword *w, int *value) {
    const numword *e = &nd->w[w->idx];
    size_t used = 1;
    double v = e->value;
    if (e->kind == KIND_TENS) {
        /* العشرين: an ordinal only with the article */
        if (!w->article) return 0;
        *value = (int)v;
        return 1;
    }
    if (e->kind != KIND_ORDINAL) return 0;
    if (i + 1 < n && toks[i + 1].type == RASD_TOK_WORD) {
        rasd_xword w2;
        rasd_x_lookup(&nd->words, an, text, &toks[i + 1], &w2);
        if (w2.idx >= 0) {
            const numword *e2 = &nd->w[w2.idx];
            if ((e2->flags & F_TEEN) && !w2.conj && !w2.prep && v < 10) {
                v += 10, used = 2; /* الحادي عشر */
            } else if (e2->kind == KIND_TENS && w2.conj && v < 10) {
                v += e2->value, used = 2; /* الخامس والعشرين */
            }
        }
    }
    *value = (int)v;
    return used;
}

size_t rasd_x_ordinal_at(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                         size_t n, size_t i, int *value, size_t *start) {
    if (i >= n || toks[i].type != RASD_TOK_WORD) return 0;
    rasd_xword w;
    rasd_x_lookup(&nd->words, an, text, &toks[i], &w);
    if (w.idx < 0) return 0;
    *start = w.start;
    return ordinal_span(nd, an, text, toks, n, i, &w, value);
}

size_t rasd_x_cardinal_at(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                          size_t n, size_t i, double *value, size_t *start) {
    if (i >= n) return 0;
    rasd_xword w = {.idx = -1};
    if (toks[i].type == RASD_TOK_WORD) {
        rasd_x_lookup(&nd->words, an, text, &toks[i], &w);
        if (w.idx < 0) return 0;
    } else if (toks[i].type != RASD_TOK_NUMBER) {
        return 0;
    }
    nparse p;
    if (!parse_number(nd, an, text, toks, n, i, &w, &p) || p.approx) return 0;
    *value = p.total + p.cur;
    *start = p.start;
    return p.next - i;
}

size_t rasd_x_month_at(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                       size_t n, size_t i, rasd_xmonth *m, size_t *start) {
    if (i >= n || toks[i].type != RASD_TOK_WORD) return 0;
    rasd_xword w;
    size_t used = rasd_x_match(&nd->months, an, text, toks, n, i, &w);
    if (!used || w.article) return 0;
    *m = nd->m[w.idx];
    *start = w.start;
    return used;
}

static bool first_word(const rasd_xtable *t, const rasd_strtab_entry *e, int kind,
                       bool (*fn)(void *ctx, const char *key, size_t len, int kind), void *ctx) {
    if (e->count & AUTO_ARTICLE) return true; /* the caller's table adds its own */
    const char *k = rasd_strtab_key(&t->keys, e);
    return fn(ctx, k, rasd_x_first_word_len(k, e->key_len), kind);
}

bool rasd_x_date_starters(const rasd_numbers *nd, bool (*fn)(void *ctx, const char *key, size_t len, int kind),
                          void *ctx) {
    for (size_t s = 0; nd->months.keys.slots && s <= nd->months.keys.mask; s++)
        if (nd->months.keys.slots[s].hash && !first_word(&nd->months, &nd->months.keys.slots[s], 0, fn, ctx))
            return false;
    for (size_t s = 0; nd->words.keys.slots && s <= nd->words.keys.mask; s++) {
        const rasd_strtab_entry *e = &nd->words.keys.slots[s];
        if (!e->hash || (e->count & AUTO_ARTICLE)) continue;
        uint8_t kind = nd->w[e->count - 1].kind;
        if ((kind == KIND_ORDINAL || kind == KIND_TENS) && !first_word(&nd->words, e, 1, fn, ctx)) return false;
    }
    return true;
}

/* Is a month name's last token toks[i - 1] (before a year)? */
static bool month_ends_before(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                              size_t n, size_t i) {
    size_t k = i;
    if (k >= 1 && toks[k - 1].type == RASD_TOK_PUNCT && is_token(text, &toks[k - 1], ")")) k--;
    for (size_t back = 1; back <= 2 && back <= k; back++) {
        rasd_xmonth m;
        size_t s;
        if (rasd_x_month_at(nd, an, text, toks, n, k - back, &m, &s) == back) return true;
    }
    return false;
}

/* A numeric date around toks[i]: d/m/y, y/m/d (with / - or .) */
static bool in_numeric_date(const char *text, const rasd_token *toks, size_t n, size_t i) {
    for (size_t first = i >= 4 ? i - 4 : 0; first <= i; first++) {
        if (first + 4 >= n || (i - first) % 2) continue;
        const rasd_token *a = &toks[first], *s1 = &toks[first + 1], *b = &toks[first + 2], *s2 = &toks[first + 3],
                         *c = &toks[first + 4];
        if (a->type != RASD_TOK_NUMBER || b->type != RASD_TOK_NUMBER || c->type != RASD_TOK_NUMBER) continue;
        if (s1->type != RASD_TOK_PUNCT || s2->type != RASD_TOK_PUNCT) continue;
        if (s1->end - s1->start != 1 || s2->end - s2->start != 1 || text[s1->start] != text[s2->start]) continue;
        char sep = text[s1->start];
        if (sep != '/' && sep != '-') continue;
        /* spaces are allowed (11 / 7 / 1436) since a four-digit year must end or open it */
        if (c->end - c->start != 4 && a->end - a->start != 4) continue;
        return true;
    }
    return false;
}

/* ---------------------------------------------------------------- finding */

static void set_unit(rasd_number *m, const char *key, size_t len) {
    if (len >= sizeof m->unit) {
        /* cut at a character boundary */
        len = sizeof m->unit - 1;
        while (len && ((unsigned char)key[len] & 0xC0) == 0x80) len--;
    }
    memcpy(m->unit, key, len);
    m->unit[len] = '\0';
}

/* A listed unit at toks[j]: fills m and returns the token after it. */
static size_t listed_unit(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                          size_t n, size_t j, bool approx, rasd_number *m) {
    rasd_xword w;
    size_t used = rasd_x_match(&nd->units, an, text, toks, n, j, &w);
    if (!used || w.conj || w.prep) return 0;
    /* the article only after an approximate number: عشرات القتلى */
    if (w.article && !approx) return 0;
    const unitdef *u = &nd->u[w.idx];
    m->unit_kind = u->kind;
    m->code = u->code;
    m->unit_start = w.start;
    m->unit_end = toks[j + used - 1].end;
    /* the unit's key: the listed phrase it matched */
    set_unit(m, nd->units.keys.keys.data + u->key_off, u->key_len);
    if (u->kind == RASD_UNIT_PERCENT) m->flags |= RASD_NUM_PERCENT;
    return j + used;
}

/* A noun that is not listed, counted by the number (أربع محاولات). */
static size_t open_noun(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                        size_t n, size_t j, bool approx, rasd_number *m) {
    if (j >= n || toks[j].type != RASD_TOK_WORD || !an) return 0;
    rasd_xword w;
    rasd_x_lookup(&nd->words, an, text, &toks[j], &w);
    if (w.idx >= 0) return 0;
    rasd_x_lookup(&nd->months, an, text, &toks[j], &w);
    if (w.idx >= 0) return 0;
    rasd_x_lookup(&nd->years, an, text, &toks[j], &w);
    if (w.idx >= 0) return 0;
    if (rasd_x_match(&nd->after, an, text, toks, n, j, &w) || rasd_x_match(&nd->before, an, text, toks, n, j, &w))
        return 0; /* 100 تقريبا */
    rasd_word a;
    if (rasd_analyze_word(an, text, toks[j].start, toks[j].end, &a) != RASD_OK) return 0;
    bool article = false;
    for (int k = 0; k < a.n_proclitics; k++) {
        if (a.proclitic_len[k] == 4 && memcmp(a.proclitic[k], K_AL, 4) == 0) article = true;
        else return 0; /* وقال، بجروح: not the counted noun */
    }
    if (article && !approx) return 0;
    if (a.enclitic) return 0; /* عشرة منهم */
    const rasd_lexicon *lex = rasd_analyzer_lexicon(an);
    if (rasd_lexicon_is_function_word(lex, a.norm, a.norm_len) || rasd_lexicon_is_function_word(lex, a.base, a.base_len))
        return 0;
    if (a.base_len < 4) return 0; /* one-letter leftovers */
    /* the plural ending of verbs (قتلوا، نزحوا): an action, not the noun */
    if (a.norm_len >= 4 && memcmp(a.norm + a.norm_len - 4, K_WAW K_ALEF, 4) == 0) return 0;
    if (a.n_proclitics == 0 && (rasd_x_starts_with(a.norm, a.norm_len, K_BA) || rasd_x_starts_with(a.norm, a.norm_len, K_LAM))) {
        /* The analyzer keeps بجروح whole (جروح is rare beside it), which is
         * right for a word anywhere; right after a number, though, a
         * preposition means this is not the counted noun (أصيب 3 بجروح),
         * while nouns that merely start with ب or ل (بلدات، ليال) have no
         * frequent rest. So here a rest seen 20 times and at least 5% as
         * often as the whole is read as ب/ل + noun. */
        uint32_t whole = rasd_lexicon_count(lex, a.norm, a.norm_len);
        uint32_t rest = rasd_lexicon_count(lex, a.norm + 2, a.norm_len - 2);
        if (rest >= 20 && (uint64_t)rest * 20 >= whole) return 0;
    }
    m->unit_kind = RASD_UNIT_NOUN;
    m->code = NULL;
    m->unit_start = article ? toks[j].start : a.base_start;
    m->unit_end = toks[j].end;
    set_unit(m, a.base, a.base_len);
    return j + 1;
}

static bool push(rasd_number_list *out, const rasd_number *m) {
    if (out->count == out->cap) {
        size_t nc = out->cap ? out->cap * 2 : 16;
        rasd_number *p = realloc(out->items, nc * sizeof *p);
        if (!p) return false;
        out->items = p;
        out->cap = nc;
    }
    out->items[out->count++] = *m;
    return true;
}

/* Qualifiers ending right before toks[i] (نحو، أكثر من): flags and start. */
static void qualifier_before(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                             size_t n, size_t i, size_t lo, rasd_number *m) {
    uint32_t max = nd->before.max_words;
    for (uint32_t k = max; k >= 1; k--) {
        if (i < lo + k) continue;
        size_t s = i - k;
        rasd_xword w;
        if (rasd_x_match(&nd->before, an, text, toks, n, s, &w) == k) {
            m->flags |= nd->qb[w.idx].flags;
            m->start = w.start;
            return;
        }
    }
}

static size_t qualifier_after(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                              size_t n, size_t j, rasd_number *m) {
    if (j >= n || toks[j].type != RASD_TOK_WORD) return j;
    rasd_xword w;
    size_t used = rasd_x_match(&nd->after, an, text, toks, n, j, &w);
    if (!used || w.conj || w.prep) return j;
    m->flags |= nd->qa[w.idx].flags;
    m->end = toks[j + used - 1].end;
    return j + used;
}

static void set_value(rasd_number *m, double v) {
    m->value = v;
    if (v == floor(v) && fabs(v) < 9.2e18) {
        m->ivalue = (int64_t)v;
        m->flags |= RASD_NUM_INTEGRAL;
    }
}

rasd_status rasd_numbers_find(const rasd_numbers *nd, rasd_analyzer *an, const char *text, const rasd_token *toks,
                              size_t n, rasd_number_list *out) {
    if (!nd || !text || (!toks && n)) return RASD_ERR_USAGE;
    size_t lo = 0; /* qualifiers are not looked for inside an earlier mention */
    /* the sentence's key table, when these are its tokens (rasd_numbers_find_keyed) */
    const rasd_x_keys *ks = rasd_x_keys_active();
    size_t kn = 0;
    if (ks && (rasd_x_keys_tokens(ks, &kn) != toks || kn != n)) ks = NULL;
    for (size_t i = 0; i < n;) {
        const rasd_token *t = &toks[i];
        rasd_xword w = {.idx = -1};
        if (t->type == RASD_TOK_WORD) {
            if (ks) rasd_x_lookup_at(&nd->words, an, text, ks, i, &w);
            else rasd_x_lookup(&nd->words, an, text, t, &w);
            if (w.idx < 0) {
                i++;
                continue;
            }
            int ord;
            size_t used = ordinal_span(nd, an, text, toks, n, i, &w, &ord);
            if (nd->w[w.idx].kind == KIND_ORDINAL) {
                i += used ? used : 1; /* الثالث، الحادي عشر: never a quantity */
                continue;
            }
        } else if (t->type != RASD_TOK_NUMBER) {
            i++;
            continue;
        }
        nparse p;
        if (!parse_number(nd, an, text, toks, n, i, &w, &p)) {
            i++;
            continue;
        }
        rasd_number m = {0};
        m.start = m.num_start = p.start;
        m.end = m.num_end = p.end;
        m.unit_start = m.unit_end = p.end;
        set_value(&m, p.total + p.cur);
        if (p.words) m.flags |= RASD_NUM_WORDS;
        if (p.approx) m.flags |= RASD_NUM_APPROX;
        size_t j = p.next;

        /* dates: عام 2019، حزيران 2020، 4 حزيران، 4/6/2020 */
        bool date = false;
        if (p.digits_only) {
            rasd_xword yw;
            if (p.year_like && i >= 1 && toks[i - 1].type == RASD_TOK_WORD) {
                rasd_x_lookup(&nd->years, an, text, &toks[i - 1], &yw);
                if (yw.idx >= 0) m.flags |= RASD_NUM_YEAR | RASD_NUM_DATE, date = true;
            }
            if (!date && p.year_like && month_ends_before(nd, an, text, toks, n, i))
                m.flags |= RASD_NUM_YEAR | RASD_NUM_DATE, date = true;
            if (!date && p.year_like && j < n && toks[j].type == RASD_TOK_WORD) {
                rasd_x_lookup(&nd->markers, an, text, &toks[j], &yw); /* 1648م، 1436 هـ */
                if (yw.idx >= 0 && !yw.conj && !yw.prep) m.flags |= RASD_NUM_YEAR | RASD_NUM_DATE, date = true;
            }
            if (!date && (m.flags & RASD_NUM_INTEGRAL) && m.value >= 1 && m.value <= 31) {
                size_t k = j;
                if (k < n && is_token(text, &toks[k], "\xD9\x85\xD9\x86")) k++; /* من */
                rasd_xmonth mo;
                size_t s;
                if (rasd_x_month_at(nd, an, text, toks, n, k, &mo, &s)) m.flags |= RASD_NUM_DATE, date = true;
            }
            if (!date && in_numeric_date(text, toks, n, i)) {
                m.flags |= RASD_NUM_DATE, date = true;
                if (p.year_like) m.flags |= RASD_NUM_YEAR;
            }
        }
        if (!date) {
            /* units and counted nouns */
            size_t after = 0;
            if (j < n && (toks[j].type == RASD_TOK_PUNCT || toks[j].type == RASD_TOK_SYMBOL) && is_token(text, &toks[j], "%"))
                after = listed_unit(nd, an, text, toks, n, j, false, &m);
            else if (j < n && !p.article)
                after = listed_unit(nd, an, text, toks, n, j, p.approx, &m);
            if (!after && p.approx && j + 1 < n && is_token(text, &toks[j], "\xD9\x85\xD9\x86")) /* عشرات من القتلى */
                after = listed_unit(nd, an, text, toks, n, j + 1, true, &m);
            if (!after && !p.year_like && !p.article && j < n) after = open_noun(nd, an, text, toks, n, j, p.approx, &m);
            if (!after && p.approx && j + 1 < n && is_token(text, &toks[j], "\xD9\x85\xD9\x86"))
                after = open_noun(nd, an, text, toks, n, j + 1, true, &m);
            if (!after && p.words && p.last == L_UNIT && p.cur <= 2 && i >= 1 && i - 1 >= lo) {
                /* قتيل واحد، جنديين اثنين: the noun comes first */
                rasd_number tmp = m;
                if (listed_unit(nd, an, text, toks, n, i - 1, false, &tmp) == i) {
                    m = tmp;
                    m.start = m.unit_start;
                }
            }
            if (after) {
                m.end = m.unit_end;
                j = after;
            }
            j = qualifier_after(nd, an, text, toks, n, j, &m);
            qualifier_before(nd, an, text, toks, n, i, lo, &m);
        }
        if (!push(out, &m)) return RASD_ERR_NOMEM;
        lo = j;
        i = j > i ? j : i + 1;
    }
    return RASD_OK;
}

void rasd_number_list_free(rasd_number_list *list) {
    if (!list) return;
    free(list->items);
    memset(list, 0, sizeof *list);
}

rasd_status rasd_numbers_find_keyed(const rasd_numbers *nd, rasd_analyzer *an, const char *text,
                                    const rasd_x_keys *ks, rasd_number_list *out) {
    size_t n;
    const rasd_token *toks = rasd_x_keys_tokens(ks, &n);
    const rasd_x_keys *prev = rasd_x_keys_use(ks);
    rasd_status st = rasd_numbers_find(nd, an, text, toks, n, out);
    rasd_x_keys_use(prev);
    return st;
}

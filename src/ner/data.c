/*
 * data.c: token-TAG files (ANERcorp's and CoNLL's format: one "token TAG"
 * line per token, a blank line between sentences) and their scoring as
 * conlleval does it: an entity is found only when its span and its type
 * both match, so a half-found name is a false positive and a false
 * negative at once.
 */
#include "ner/ner_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct growing {
    rasd_token *tokens;
    uint8_t *gold;
    size_t n, cap;
    ner_sentence *sentences;
    size_t ns, scap;
} growing;

static bool push_token(growing *g, rasd_token t, uint8_t tag) {
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 4096;
        rasd_token *tk = realloc(g->tokens, cap * sizeof *tk);
        if (!tk) return false;
        g->tokens = tk;
        uint8_t *gd = realloc(g->gold, cap);
        if (!gd) return false;
        g->gold = gd;
        g->cap = cap;
    }
    g->tokens[g->n] = t;
    g->gold[g->n++] = tag;
    return true;
}

static bool push_sentence(growing *g, ner_sentence s) {
    if (g->ns == g->scap) {
        size_t cap = g->scap ? g->scap * 2 : 256;
        ner_sentence *ss = realloc(g->sentences, cap * sizeof *ss);
        if (!ss) return false;
        g->sentences = ss;
        g->scap = cap;
    }
    g->sentences[g->ns++] = s;
    return true;
}

static bool valid_utf8(const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t k = rasd_utf8_decode(s + i, len - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && (unsigned char)s[i] == 0xEF)) return false;
        i += k;
    }
    return true;
}

/* The type rasd's tokenizer gives the token's text (its first piece, when
 * it would cut the token: the file's tokenization is kept). */
static rasd_token_type token_type(const char *s, size_t len) {
    rasd_tokenizer tz;
    rasd_token t;
    rasd_tokenizer_init(&tz, s, len);
    return rasd_tokenizer_next(&tz, &t) ? t.type : RASD_TOK_SYMBOL;
}

rasd_status ner_data_read(const char *path, ner_data *data, rasd_error *err) {
    memset(data, 0, sizeof *data);
    FILE *f = fopen(path, "rb");
    if (!f) return rasd_fail(err, RASD_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    growing g = {0};
    rasd_buf text = {0};
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    rasd_status st = RASD_OK;
    ner_sentence cur = {0};
    bool open = false;
    for (;;) {
        got = getline(&line, &cap, f);
        if (got >= 0) lineno++;
        size_t len = got >= 0 ? (size_t)got : 0;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        size_t a = 0;
        while (a < len && (line[a] == ' ' || line[a] == '\t')) a++;
        if (got < 0 || a == len) { /* end of a sentence */
            if (open) {
                rasd_buf_putc(&text, '\0');
                cur.n = g.n - cur.first;
                if (!push_sentence(&g, cur)) goto nomem;
                open = false;
            }
            if (got < 0) break;
            continue;
        }
        /* "token TAG": two fields, split by spaces or tabs */
        size_t b = a;
        while (b < len && line[b] != ' ' && line[b] != '\t') b++;
        size_t c = b;
        while (c < len && (line[c] == ' ' || line[c] == '\t')) c++;
        size_t d = c;
        while (d < len && line[d] != ' ' && line[d] != '\t') d++;
        size_t e = d;
        while (e < len && (line[e] == ' ' || line[e] == '\t')) e++;
        if (c == len || e != len) {
            st = rasd_fail(err, RASD_ERR_DATA, "%s:%zu: expected \"token TAG\"", path, lineno);
            goto done;
        }
        uint8_t tag;
        if (!rasd_ner_tag_parse(line + c, d - c, &tag)) {
            st = rasd_fail(err, RASD_ERR_DATA,
                           "%s:%zu: unknown tag \"%.*s\" (expected O or B-/I- PERS, LOC, ORG, MISC)", path,
                           lineno, (int)(d - c > 40 ? 40 : d - c), line + c);
            goto done;
        }
        if (!valid_utf8(line + a, b - a)) {
            st = rasd_fail(err, RASD_ERR_DATA, "%s:%zu: the token is not valid UTF-8", path, lineno);
            goto done;
        }
        if (!open) {
            cur = (ner_sentence){.text_off = text.len, .first = g.n, .line = lineno};
            open = true;
        } else {
            rasd_buf_putc(&text, ' ');
        }
        rasd_token t = {text.len - cur.text_off, 0, token_type(line + a, b - a)};
        rasd_buf_append(&text, line + a, b - a);
        t.end = text.len - cur.text_off;
        cur.text_len = t.end;
        if (!push_token(&g, t, tag)) goto nomem;
    }
    if (ferror(f)) {
        st = rasd_fail(err, RASD_ERR_IO, "%s: read error", path);
        goto done;
    }
    if (text.oom) goto nomem;
    goto done;
nomem:
    st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory reading %s", path);
done:
    free(line);
    fclose(f);
    if (st != RASD_OK) {
        free(g.tokens);
        free(g.gold);
        free(g.sentences);
        rasd_buf_free(&text);
        return st;
    }
    data->text = text.data;
    data->text_len = text.len;
    data->tokens = g.tokens;
    data->gold = g.gold;
    data->n_tokens = g.n;
    data->sentences = g.sentences;
    data->n_sentences = g.ns;
    return RASD_OK;
}

void ner_data_free(ner_data *data) {
    free(data->text);
    free(data->tokens);
    free(data->gold);
    free(data->sentences);
    memset(data, 0, sizeof *data);
}

/* ---------------------------------------------------------------- scoring */

/* The entity that starts at token i (conlleval's reading: B-X starts one;
 * so does I-X after O or after another type), or false. */
static bool chunk_at(const uint8_t *tags, size_t n, size_t i, size_t *end, unsigned *type) {
    uint8_t t = tags[i];
    if (t == RASD_NER_O) return false;
    unsigned ty = (t - 1u) / 2;
    bool inside = !(t & 1);
    if (inside && i > 0 && tags[i - 1] != RASD_NER_O && (tags[i - 1] - 1u) / 2 == ty) return false;
    size_t j = i + 1;
    while (j < n && tags[j] == RASD_NER_I(ty)) j++;
    *end = j;
    *type = ty;
    return true;
}

void ner_counts_add(ner_counts *c, const uint8_t *gold, const uint8_t *pred, size_t n) {
    for (size_t i = 0; i < n; i++) {
        size_t ge, pe;
        unsigned gt, pt;
        bool g = chunk_at(gold, n, i, &ge, &gt), p = chunk_at(pred, n, i, &pe, &pt);
        if (g && p && ge == pe && gt == pt) c->tp[gt]++;
        else {
            if (g) c->fn[gt]++;
            if (p) c->fp[pt]++;
        }
        c->tokens++;
        c->tokens_correct += gold[i] == pred[i];
    }
}

ner_prf ner_counts_prf(const ner_counts *c, int type) {
    ner_prf r = {0};
    for (int t = 0; t < RASD_NER_TYPE_COUNT; t++) {
        if (type != RASD_NER_TYPE_COUNT && t != type) continue;
        r.tp += c->tp[t];
        r.fp += c->fp[t];
        r.fn += c->fn[t];
    }
    r.p = r.tp + r.fp ? (double)r.tp / (double)(r.tp + r.fp) : 0;
    r.r = r.tp + r.fn ? (double)r.tp / (double)(r.tp + r.fn) : 0;
    r.f = r.p + r.r > 0 ? 2 * r.p * r.r / (r.p + r.r) : 0;
    return r;
}

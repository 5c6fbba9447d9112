/*
 * pg_fts.c: rasd's terms as PostgreSQL full-text values (pg_fts.h).
 *
 * Literals are written by hand because PostgreSQL's own way in,
 * to_tsvector/to_tsquery, runs its parser over the words first and would
 * split a term such as "3.5" or a hyphenated Latin word into pieces the
 * index does not hold; the tsvector and tsquery input syntax takes each
 * quoted lexeme verbatim (the `simple` configuration's effect without its
 * parser). The query reader follows FTS5's grammar as far as rasd uses it;
 * the snippet follows FTS5's snippet() closely enough that both backends
 * show the same window for the same match.
 */
#include "storage/pg_fts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PostgreSQL keeps positions up to 16383; later ones are clamped there. */
#define MAX_POS 16383
#define SNIPPET_TERMS 14

static void put_lexeme(rasd_buf *b, const char *t, size_t n) {
    rasd_buf_putc(b, '\'');
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '\'') rasd_buf_putc(b, '\'');
        else if (t[i] == '\\') rasd_buf_putc(b, '\\');
        rasd_buf_putc(b, t[i]);
    }
    rasd_buf_putc(b, '\'');
}

typedef struct tsv_ctx {
    rasd_buf *out;
    size_t pos;
    char weight;
} tsv_ctx;

static bool tsv_term(void *ctx, const char *term, size_t len, size_t start, size_t end) {
    (void)start;
    (void)end;
    tsv_ctx *c = ctx;
    if (len == 0) return true;
    if (c->out->len) rasd_buf_putc(c->out, ' ');
    put_lexeme(c->out, term, len);
    char p[24];
    int n = snprintf(p, sizeof p, ":%zu%c", c->pos < MAX_POS ? c->pos : (size_t)MAX_POS, c->weight);
    rasd_buf_append(c->out, p, (size_t)n);
    c->pos++;
    return !c->out->oom;
}

static bool terms_of(rasd_analyzer *an, const char *text, size_t len, const rasd_term_list *ahead, tsv_ctx *c) {
    if (rasd_terms_match(ahead, text, len)) return rasd_terms_replay(ahead, tsv_term, c);
    return rasd_terms_each(an, text, len, tsv_term, c);
}

bool rasd_pg_tsvector(rasd_analyzer *an, const char *title, const char *text, size_t len,
                      const rasd_term_list *title_terms, const rasd_term_list *text_terms, rasd_buf *out,
                      size_t *n_terms) {
    tsv_ctx c = {out, 1, 'A'};
    if (title && !terms_of(an, title, strlen(title), title_terms, &c)) return false;
    /* a gap of one position: a phrase never runs from the title into the
     * text, as FTS5's columns keep them apart */
    c.pos++;
    c.weight = 'D';
    if (!terms_of(an, text, len, text_terms, &c)) return false;
    *n_terms = c.pos - 2; /* positions from 1, one skipped */
    rasd_buf_putc(out, '\0');
    out->len--;
    return !out->oom;
}

/* ---------------------------------------------------------------- query */

typedef enum { T_OPERAND, T_EMPTY, T_AND, T_OR, T_NOT, T_LP, T_RP } tok_kind;

typedef struct qtok {
    tok_kind kind;
    size_t phrase; /* T_OPERAND: index into the query's phrases */
} qtok;

typedef struct term_vec {
    char **v;
    size_t n, cap;
    bool oom;
} term_vec;

static bool add_term(void *ctx, const char *term, size_t len, size_t start, size_t end) {
    (void)start;
    (void)end;
    term_vec *t = ctx;
    if (!rasd_grow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v) || !(t->v[t->n] = strndup(term, len))) {
        t->oom = true;
        return false;
    }
    t->n++;
    return true;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static bool word_is(const char *w, size_t n, const char *kw) { return n == strlen(kw) && memcmp(w, kw, n) == 0; }

void rasd_pg_query_free(rasd_pg_query *q) {
    if (!q) return;
    for (size_t i = 0; i < q->n_phrases; i++) {
        for (size_t k = 0; k < q->phrases[i].n; k++) free(q->phrases[i].terms[k]);
        free(q->phrases[i].terms);
    }
    free(q->phrases);
    free(q->tsquery);
    memset(q, 0, sizeof *q);
}

static bool push(qtok **toks, size_t *n, size_t *cap, tok_kind k) {
    if (!rasd_grow((void **)toks, cap, *n + 1, sizeof **toks)) return false;
    (*toks)[(*n)++] = (qtok){k, 0};
    return true;
}

/* Adds the phrase of text[0, n) as an operand token; none when it gives no
 * term (punctuation alone): FTS5's tokenizer gives it nothing to match. */
static rasd_status add_operand(rasd_analyzer *an, rasd_pg_query *q, const char *text, size_t n, bool prefix,
                               qtok **toks, size_t *n_toks, size_t *cap, rasd_error *err) {
    term_vec t = {0};
    rasd_terms_each(an, text, n, add_term, &t);
    if (t.oom) {
        for (size_t i = 0; i < t.n; i++) free(t.v[i]);
        free(t.v);
        return rasd_fail(err, RASD_ERR_NOMEM, "search: out of memory");
    }
    if (t.n == 0) {
        free(t.v);
        return push(toks, n_toks, cap, T_EMPTY) ? RASD_OK : rasd_fail(err, RASD_ERR_NOMEM, "search: out of memory");
    }
    size_t pcap = q->n_phrases;
    if (!rasd_grow((void **)&q->phrases, &pcap, q->n_phrases + 1, sizeof *q->phrases) ||
        !rasd_grow((void **)toks, cap, *n_toks + 1, sizeof **toks)) {
        for (size_t i = 0; i < t.n; i++) free(t.v[i]);
        free(t.v);
        return rasd_fail(err, RASD_ERR_NOMEM, "search: out of memory");
    }
    q->phrases[q->n_phrases] = (rasd_pg_phrase){t.v, t.n, prefix};
    (*toks)[(*n_toks)++] = (qtok){T_OPERAND, q->n_phrases++};
    return RASD_OK;
}

static bool binary(tok_kind k) { return k == T_AND || k == T_OR || k == T_NOT; }

/* Drops what the empty operands left dangling: an operator with nothing on
 * one side, and empty parentheses. */
static size_t tidy(qtok *t, size_t n) {
    for (bool changed = true; changed;) {
        changed = false;
        size_t o = 0;
        for (size_t i = 0; i < n; i++) {
            bool drop = false;
            if (binary(t[i].kind)) {
                bool left_ok = o > 0 && (t[o - 1].kind == T_OPERAND || t[o - 1].kind == T_RP);
                bool right_ok = i + 1 < n && (t[i + 1].kind == T_OPERAND || t[i + 1].kind == T_LP);
                drop = !left_ok || !right_ok;
            } else if (t[i].kind == T_LP && i + 1 < n && t[i + 1].kind == T_RP) {
                i++; /* and the ) */
                drop = true;
            }
            if (drop) changed = true;
            else t[o++] = t[i];
        }
        n = o;
    }
    return n;
}

static void put_phrase(rasd_buf *b, const rasd_pg_phrase *p) {
    if (p->n > 1) rasd_buf_putc(b, '(');
    for (size_t i = 0; i < p->n; i++) {
        if (i) rasd_buf_append(b, " <-> ", 5);
        put_lexeme(b, p->terms[i], strlen(p->terms[i]));
        if (p->prefix && i + 1 == p->n) rasd_buf_append(b, ":*", 2);
    }
    if (p->n > 1) rasd_buf_putc(b, ')');
}

rasd_status rasd_pg_query_parse(rasd_analyzer *an, const char *text, rasd_pg_query *q, rasd_error *err) {
    memset(q, 0, sizeof *q);
    qtok *toks = NULL;
    size_t n = 0, cap = 0;
    int depth = 0;
    rasd_status st = RASD_OK;
    const char *p = text;
    /* as the SQLite backend: without quotes, *, parentheses or a spaced
     * operator, every word is a word (a trailing OR is the word "or") */
    bool syntax = strpbrk(text, "\"*()") != NULL || strstr(text, " OR ") || strstr(text, " AND ") ||
                  strstr(text, " NOT ");
    while (st == RASD_OK && *p) {
        if (is_space(*p)) {
            p++;
            continue;
        }
        if (*p == '"') {
            const char *close = strchr(p + 1, '"');
            if (!close) {
                st = rasd_fail_at(err, RASD_ERR_USAGE, (size_t)(p - text),
                                  "unterminated string at byte %zu of the query", (size_t)(p - text));
                break;
            }
            bool prefix = close[1] == '*';
            st = add_operand(an, q, p + 1, (size_t)(close - p - 1), prefix, &toks, &n, &cap, err);
            p = close + 1 + prefix;
        } else if (*p == '(' || *p == ')') {
            depth += *p == '(' ? 1 : -1;
            if (depth < 0) {
                st = rasd_fail_at(err, RASD_ERR_USAGE, (size_t)(p - text), "unmatched ) at byte %zu of the query",
                                  (size_t)(p - text));
                break;
            }
            if (!push(&toks, &n, &cap, *p == '(' ? T_LP : T_RP))
                st = rasd_fail(err, RASD_ERR_NOMEM, "search: out of memory");
            p++;
        } else {
            const char *w = p;
            while (*p && !is_space(*p) && *p != '"' && *p != '(' && *p != ')') p++;
            size_t wl = (size_t)(p - w);
            tok_kind k = !syntax ? T_OPERAND : word_is(w, wl, "AND") ? T_AND : word_is(w, wl, "OR") ? T_OR : word_is(w, wl, "NOT") ? T_NOT
                                                                                                            : T_OPERAND;
            if (word_is(w, wl, "NEAR") && *p == '(') {
                st = rasd_fail_at(err, RASD_ERR_USAGE, (size_t)(w - text),
                                  "NEAR() at byte %zu: the PostgreSQL store has no NEAR (use \"a phrase\")",
                                  (size_t)(w - text));
                break;
            }
            if (k != T_OPERAND) {
                if (!push(&toks, &n, &cap, k)) st = rasd_fail(err, RASD_ERR_NOMEM, "search: out of memory");
            } else {
                bool prefix = syntax && w[wl - 1] == '*';
                st = add_operand(an, q, w, wl - prefix, prefix, &toks, &n, &cap, err);
            }
        }
    }
    if (st == RASD_OK && depth > 0)
        st = rasd_fail_at(err, RASD_ERR_USAGE, strlen(text), "unmatched ( in the query");
    if (st == RASD_OK) {
        /* an operator with no operand beside it is an FTS5 syntax error;
         * operands that gave no term count as operands here and go after */
        for (size_t i = 0; st == RASD_OK && i < n; i++) {
            if (!binary(toks[i].kind)) continue;
            bool left = i > 0 && (toks[i - 1].kind == T_OPERAND || toks[i - 1].kind == T_EMPTY ||
                                  toks[i - 1].kind == T_RP);
            bool right = i + 1 < n && !binary(toks[i + 1].kind) && toks[i + 1].kind != T_RP;
            if (!left || !right)
                st = rasd_fail(err, RASD_ERR_USAGE, "an AND, OR or NOT in the query lacks a word on one side");
        }
        size_t o = 0;
        for (size_t i = 0; i < n; i++)
            if (toks[i].kind != T_EMPTY) toks[o++] = toks[i];
        n = o;
    }
    if (st == RASD_OK) {
        n = tidy(toks, n);
        rasd_buf b = {0};
        for (size_t i = 0; i < n; i++) {
            bool operand_before = i > 0 && (toks[i - 1].kind == T_OPERAND || toks[i - 1].kind == T_RP);
            switch (toks[i].kind) {
            case T_OPERAND:
            case T_LP:
                if (operand_before) rasd_buf_append(&b, " & ", 3);
                if (toks[i].kind == T_LP) rasd_buf_putc(&b, '(');
                else put_phrase(&b, &q->phrases[toks[i].phrase]);
                break;
            case T_RP: rasd_buf_putc(&b, ')'); break;
            case T_EMPTY: break;
            case T_AND: rasd_buf_append(&b, " & ", 3); break;
            case T_OR: rasd_buf_append(&b, " | ", 3); break;
            case T_NOT: rasd_buf_append(&b, " & !", 4); break;
            }
        }
        rasd_buf_putc(&b, '\0');
        if (b.oom) {
            rasd_buf_free(&b);
            st = rasd_fail(err, RASD_ERR_NOMEM, "search: out of memory");
        } else {
            q->tsquery = b.data;
        }
    }
    free(toks);
    if (st != RASD_OK) rasd_pg_query_free(q);
    return st;
}

/* -------------------------------------------------------------- snippet */

typedef struct tok {
    size_t start, end;
    const char *term;
    size_t len;
} tok;

static bool term_is(const tok *t, const char *term, bool prefix) {
    size_t n = strlen(term);
    return prefix ? t->len >= n && memcmp(t->term, term, n) == 0 : t->len == n && memcmp(t->term, term, n) == 0;
}

/* A match of one query phrase: its first token and its length. */
typedef struct inst {
    size_t at, n, phrase;
} inst;

/* FTS5's window score from token `from`: 1000 for each phrase seen the
 * first time in the window, 1 for each repeat; *adj (when asked for) is
 * where FTS5 would centre the window on those matches. */
static long window_score(const inst *in, size_t n_in, size_t n_tok, size_t from, size_t n_phrases,
                         unsigned char *seen, long *adj) {
    memset(seen, 0, n_phrases ? n_phrases : 1);
    long score = 0, first = -1, last = 0;
    for (size_t i = 0; i < n_in; i++) {
        if (in[i].at < from || in[i].at >= from + SNIPPET_TERMS) continue;
        score += seen[in[i].phrase] ? 1 : 1000;
        seen[in[i].phrase] = 1;
        if (first < 0) first = (long)in[i].at;
        last = (long)(in[i].at + in[i].n);
    }
    if (adj) {
        long a = first - ((long)SNIPPET_TERMS - (last - first)) / 2; /* C division, as FTS5's */
        if (a + SNIPPET_TERMS > (long)n_tok) a = (long)n_tok - SNIPPET_TERMS;
        *adj = a < 0 ? 0 : a;
    }
    return score;
}

/* FTS5's snippet(), step for step (SQLite's fts5_aux.c): the same window
 * over the same tokens gives the same text, so a hit's snippet is the same
 * on both backends. The window: for each match, the window centred on the
 * matches it can hold, and the window from the start of the match's
 * sentence (a token after "." or ":" and a space, or the first token) with
 * a bonus of 100 (120 for the text's start); the best score wins, the
 * earliest on a tie. Overlapping matches are marked as one. */
bool rasd_pg_snippet(rasd_analyzer *an, const rasd_pg_query *q, const char *text, size_t len, const char *open,
                     const char *close, rasd_buf *out) {
    rasd_term_list list;
    rasd_error err = {0};
    if (rasd_terms_collect(an, text, len, &list, &err) != RASD_OK) return false;
    size_t n = list.n, n_in = 0, cap = 0, n_first = 0;
    tok *t = calloc(n ? n : 1, sizeof *t);
    size_t *first = calloc(n ? n : 1, sizeof *first); /* the sentences' first tokens */
    unsigned char *seen = calloc(q->n_phrases ? q->n_phrases : 1, 1);
    inst *in = NULL;
    bool ok = t && first && seen;
    for (size_t p = 0, i = 0; ok && p + 9 <= list.len && i < n; i++) {
        uint32_t s32, e32;
        memcpy(&s32, list.data + p, 4);
        memcpy(&e32, list.data + p + 4, 4);
        t[i] = (tok){s32, e32, (const char *)list.data + p + 9, list.data[p + 8]};
        p += 9 + t[i].len;
    }
    for (size_t i = 0; ok && i < n; i++) {
        /* whitespace, then "." or ":", before the token: a sentence starts */
        size_t b = t[i].start;
        while (b > 0 && strchr(" \t\n\r", text[b - 1])) b--;
        if (i == 0 || (b < t[i].start && b > 0 && (text[b - 1] == '.' || text[b - 1] == ':'))) first[n_first++] = i;
        /* the matches starting here, in phrase order (FTS5's instance order) */
        for (size_t k = 0; ok && k < q->n_phrases; k++) {
            const rasd_pg_phrase *ph = &q->phrases[k];
            if (i + ph->n > n) continue;
            size_t m = 0;
            while (m < ph->n && term_is(&t[i + m], ph->terms[m], ph->prefix && m + 1 == ph->n)) m++;
            if (m < ph->n) continue;
            if (!(ok = rasd_grow((void **)&in, &cap, n_in, sizeof *in))) break;
            in[n_in++] = (inst){i, ph->n ? ph->n : 1, k};
        }
    }
    long best_score = 0, best = 0;
    for (size_t i = 0; ok && i < n_in; i++) {
        long adj, score = window_score(in, n_in, n, in[i].at, q->n_phrases, seen, &adj);
        if (score > best_score) best_score = score, best = adj;
        if (n_first && n > SNIPPET_TERMS) {
            size_t j = 0;
            while (j + 1 < n_first && first[j + 1] <= in[i].at) j++;
            if (first[j] < in[i].at) {
                score = window_score(in, n_in, n, first[j], q->n_phrases, seen, NULL) + (first[j] == 0 ? 120 : 100);
                if (score > best_score) best_score = score, best = (long)first[j];
            }
        }
    }
    if (ok) {
        size_t rs = (size_t)best, re = rs + SNIPPET_TERMS - 1, off = 0;
        if (rs > 0) rasd_buf_append(out, "…", strlen("…"));
        /* the coalesced matches from the window on: [ms, me] in tokens */
        size_t next = 0;
        long ms = -1, me = -1;
#define NEXT_MATCH()                                                                                          \
    do {                                                                                                      \
        ms = me = -1;                                                                                         \
        for (; next < n_in; next++) {                                                                         \
            long s_ = (long)in[next].at, e_ = s_ + (long)in[next].n - 1;                                       \
            if (ms < 0) ms = s_, me = e_;                                                                     \
            else if (s_ <= me) me = e_ > me ? e_ : me;                                                        \
            else break;                                                                                       \
        }                                                                                                     \
    } while (0)
        NEXT_MATCH();
        while (ms >= 0 && ms < (long)rs) NEXT_MATCH();
        for (size_t i = rs; i < n && i <= re; i++) {
            if (rs && i == rs) off = t[i].start;
            if ((long)i == ms) {
                rasd_buf_append(out, text + off, t[i].start - off);
                rasd_buf_append(out, open, strlen(open));
                off = t[i].start;
            }
            if ((long)i == me) {
                rasd_buf_append(out, text + off, t[i].end - off);
                rasd_buf_append(out, close, strlen(close));
                off = t[i].end;
                NEXT_MATCH();
            }
            if (i == re) {
                rasd_buf_append(out, text + off, t[i].end - off);
                off = t[i].end;
                if (ms >= 0 && (long)i >= ms && (long)i < me) rasd_buf_append(out, close, strlen(close));
            }
        }
#undef NEXT_MATCH
        if (re + 1 >= n) rasd_buf_append(out, text + off, len - off); /* the window reaches the end */
        else rasd_buf_append(out, "…", strlen("…"));
    }
    rasd_buf_putc(out, '\0');
    out->len--;
    free(t);
    free(first);
    free(seen);
    free(in);
    rasd_term_list_free(&list);
    return ok && !out->oom;
}

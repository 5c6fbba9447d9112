/*
 * segment.c: paragraphs and sentences.
 *
 * A paragraph is a line with something on it (plain-text news puts one
 * paragraph on a line). Sentences never cross a line break. Within a line a
 * sentence ends after:
 *   . ! ? ؟ … ؛ ; (or a run of them), together with the closing quotes and
 *     brackets right after it;
 *   ، when a new coordinated clause follows: the next word carries the
 *     conjunction و or ف on a base of three letters or more, the sentence so
 *     far has at least MIN_CLAUSE_WORDS words and the line goes on for at
 *     least three more tokens. Arabic news writers chain whole sentences
 *     with "، و"; an appositive comma (التحالف الدولي، بقيادة ...) does not
 *     cut the subject from its verb.
 * It does not end:
 *   inside a quotation whose closing mark is on the same line (a quotation
 *     is never cut, so the quote and its attribution stay together);
 *   at a "." between digits (2254، 4.5: the tokenizer keeps those as one
 *     number), or after a one-letter word or a listed abbreviation (د.، U.S.).
 * The segmenter streams: it keeps a few tokens of look-ahead and one cached
 * position per quotation style, so its memory does not grow with a line.
 */
#include "charclass.h"
#include "core/internal.h"
#include "utf8_inline.h"

#include <stdlib.h>
#include <string.h>

#define MIN_CLAUSE_WORDS 6
#define MIN_WORDS_AFTER_COMMA 5
#define LOOKAHEAD 4
/* words longer than this (the tokenizer cuts at 256) take the analyzer */
#define SHORT_KEY_BYTES 256

void rasd_span_list_free(rasd_span_list *list) {
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

static bool span_push(rasd_span_list *list, size_t start, size_t end) {
    if (!list) return true;
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        rasd_span *p = realloc(list->items, cap * sizeof *p);
        if (!p) return false;
        list->items = p;
        list->cap = cap;
    }
    list->items[list->count++] = (rasd_span){start, end};
    return true;
}

/* Quotation styles: an opening mark and the closing marks that end it. */
enum { Q_NONE = -1, Q_GUILLEMET, Q_CURLY, Q_LOW, Q_STRAIGHT, Q_KINDS };
static const int32_t CLOSERS[Q_KINDS][2] = {
    {0x00BB, 0x00BB}, /* « ... » */
    {0x201D, 0x201D}, /* “ ... ” */
    {0x201C, 0x201D}, /* „ ... “ or ” */
    {'"', '"'},       /* " ... " */
};

static int opener_kind(int32_t cp) {
    switch (cp) {
    case 0x00AB: return Q_GUILLEMET;
    case 0x201C: return Q_CURLY;
    case 0x201E: return Q_LOW;
    case '"': return Q_STRAIGHT;
    default: return Q_NONE;
    }
}

static bool is_closer(int32_t cp) {
    return cp == 0x00BB || cp == 0x201D || cp == 0x201C || cp == '"' || cp == ')' || cp == ']' || cp == '}' ||
           cp == 0x2019 || cp == '\'';
}

static bool is_terminator(int32_t cp) {
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == 0x2026 || cp == 0x061B || cp == ';';
}

typedef struct line_state {
    const char *text;
    size_t line_end;
    size_t next_close[Q_KINDS]; /* cached position of the next closing mark */
    size_t scanned[Q_KINDS];    /* next_close is valid for openers before this */
} line_state;

/* Position of the first closing mark of `kind` at or after `from` on the
 * line, or SIZE_MAX. Scans only forward from where it last stopped. */
static size_t find_closer(line_state *ls, int kind, size_t from) {
    if (ls->scanned[kind] > from && (ls->next_close[kind] == SIZE_MAX || ls->next_close[kind] >= from))
        return ls->next_close[kind];
    size_t i = from;
    const unsigned char *s = (const unsigned char *)ls->text;
    while (i < ls->line_end) {
        int32_t cp;
        size_t n = rasd_utf8_next(s + i, ls->line_end - i, &cp);
        if (cp == CLOSERS[kind][0] || cp == CLOSERS[kind][1]) break;
        i += n;
    }
    ls->next_close[kind] = i < ls->line_end ? i : SIZE_MAX;
    ls->scanned[kind] = i < ls->line_end ? i + 1 : SIZE_MAX;
    return ls->next_close[kind];
}

static int32_t first_cp(const char *text, const rasd_token *t) {
    int32_t cp;
    rasd_utf8_next((const unsigned char *)text + t->start, t->end - t->start, &cp);
    return cp;
}

/* Whether t[start, end) holds only ASCII and two-byte sequences of the
 * Arabic block (D8 xx, D9 xx): each gives at most one key letter, so its
 * key is exactly what rasd_normalize writes, the analyzer's letter limit
 * being out of reach. */
static bool plain_arabic_or_ascii(const unsigned char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x80) continue;
        if ((s[i] != 0xD8 && s[i] != 0xD9) || i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return false;
        i++;
    }
    return true;
}

static bool is_abbreviation_before(rasd_analyzer *an, const char *text, const rasd_token *prev,
                                   const rasd_token *dot) {
    if (!prev || prev->end != dot->start || dot->end - dot->start != 1) return false;
    if (prev->type != RASD_TOK_WORD && prev->type != RASD_TOK_LATIN) return false;
    /* Only the word's key is asked for: for the words that nearly every
     * sentence ends on it is rasd_normalize's, without the clitic analysis
     * (whose lexicon look-ups, for a word not seen yet, were a tenth of
     * the text core's time). */
    const char *norm;
    size_t norm_len;
    char key[SHORT_KEY_BYTES + 1];
    rasd_word w;
    size_t n = prev->end - prev->start;
    if (n <= SHORT_KEY_BYTES && plain_arabic_or_ascii((const unsigned char *)text + prev->start, n)) {
        norm_len = rasd_normalize(text + prev->start, n, key, sizeof key);
        norm = key;
    } else {
        if (rasd_analyze_word(an, text, prev->start, prev->end, &w) != RASD_OK) return false;
        norm = w.norm;
        norm_len = w.norm_len;
    }
    /* one letter (an initial: U.S., أ.ف.ب) */
    int32_t cp;
    size_t cl = rasd_utf8_next((const unsigned char *)norm, norm_len, &cp);
    if (cl == norm_len) return true;
    return rasd_lexicon_is_abbreviation(rasd_analyzer_lexicon(an), norm, norm_len);
}

static bool starts_clause(rasd_analyzer *an, const char *text, const rasd_token *t) {
    if (t->type != RASD_TOK_WORD) return false;
    /* The analysis splits و or ف off only when the key starts with it: a
     * word whose first character folds to another letter is answered
     * without it (most words after a comma). */
    int32_t cp, first[RASD_NORM_MAX_EXPANSION];
    rasd_utf8_next((const unsigned char *)text + t->start, t->end - t->start, &cp);
    if (rasd_normalize_char(cp, first) >= 1 && first[0] != 0x0648 && first[0] != 0x0641) return false;
    rasd_word w;
    if (rasd_analyze_word(an, text, t->start, t->end, &w) != RASD_OK || w.n_proclitics == 0) return false;
    bool conj = (w.proclitic_len[0] == 2 && (memcmp(w.proclitic[0], "\xD9\x88", 2) == 0 ||  /* و */
                                             memcmp(w.proclitic[0], "\xD9\x81", 2) == 0)); /* ف */
    return conj && w.base_len >= 6; /* three Arabic letters */
}

/* Are there at least `want` space-separated chunks in text[from, end)?
 * Reads at most `want` chunks, so the cost per comma is bounded. */
static bool words_ahead(const char *text, size_t from, size_t end, size_t want) {
    size_t found = 0;
    bool in_word = false;
    for (size_t i = from; i < end && found < want; i++) {
        bool space = text[i] == ' ' || text[i] == '\t' || text[i] == '\r';
        if (!space && !in_word) found++;
        in_word = !space;
    }
    return found >= want;
}

typedef struct queue {
    rasd_token tok[LOOKAHEAD];
    size_t head, count;
} queue;

static void fill(queue *q, rasd_tokenizer *tz, size_t offset) {
    while (q->count < LOOKAHEAD) {
        rasd_token t;
        if (!rasd_tokenizer_next(tz, &t)) return;
        t.start += offset;
        t.end += offset;
        q->tok[(q->head + q->count++) % LOOKAHEAD] = t;
    }
}

static rasd_token *peek(queue *q, size_t k) { return k < q->count ? &q->tok[(q->head + k) % LOOKAHEAD] : NULL; }

static rasd_token pop(queue *q) {
    rasd_token t = q->tok[q->head];
    q->head = (q->head + 1) % LOOKAHEAD;
    q->count--;
    return t;
}

rasd_status rasd_segment(rasd_analyzer *an, const char *text, size_t len, rasd_span_list *paragraphs,
                         rasd_span_list *sentences, size_t *n_tokens, rasd_token_fn on_token, void *ctx) {
    size_t tokens = 0, n_sentences = 0;
    size_t line_start = 0;
    while (line_start < len) {
        const char *nl = memchr(text + line_start, '\n', len - line_start);
        size_t line_end = nl ? (size_t)(nl - text) : len;
        line_state ls = {.text = text, .line_end = line_end};
        for (int k = 0; k < Q_KINDS; k++) ls.scanned[k] = 0;
        rasd_tokenizer tz;
        rasd_tokenizer_init(&tz, text + line_start, line_end - line_start);
        queue q = {0};
        fill(&q, &tz, line_start);
        size_t para_start = SIZE_MAX, para_end = 0;
        size_t sent_start = SIZE_MAX, sent_end = 0, sent_words = 0;
        size_t quote_end = 0; /* tokens starting before this are inside a quotation */
        rasd_token prev = {0};
        bool have_prev = false;
        while (q.count) {
            rasd_token t = pop(&q);
            fill(&q, &tz, line_start);
            if (para_start == SIZE_MAX) para_start = t.start;
            para_end = t.end;
            if (sent_start == SIZE_MAX) {
                sent_start = t.start;
                sent_words = 0;
            }
            sent_end = t.end;
            if (on_token) on_token(ctx, &t, n_sentences);
            tokens++;
            if (t.type == RASD_TOK_WORD || t.type == RASD_TOK_LATIN || t.type == RASD_TOK_NUMBER) sent_words++;

            bool boundary = false;
            if (t.type == RASD_TOK_PUNCT) {
                int32_t cp = first_cp(text, &t);
                bool inside = t.start < quote_end;
                bool closing = quote_end && t.start == quote_end; /* " closes as it opens */
                int kind = opener_kind(cp);
                if (!inside && !closing && kind != Q_NONE) {
                    size_t close = find_closer(&ls, kind, t.end);
                    if (close != SIZE_MAX) quote_end = close;
                } else if (!inside && is_terminator(cp)) {
                    boundary = !(cp == '.' && is_abbreviation_before(an, text, have_prev ? &prev : NULL, &t));
                } else if (!inside && cp == 0x060C && sent_words >= MIN_CLAUSE_WORDS && q.count >= 3 &&
                           starts_clause(an, text, peek(&q, 0)) &&
                           words_ahead(text, t.end, line_end, MIN_WORDS_AFTER_COMMA + 1)) {
                    boundary = true;
                }
            }
            if (boundary) {
                /* closing marks and further terminators stay with this sentence */
                rasd_token *nx;
                while ((nx = peek(&q, 0)) && nx->type == RASD_TOK_PUNCT && nx->start == sent_end) {
                    int32_t c2 = first_cp(text, nx);
                    if (!is_closer(c2) && !is_terminator(c2)) break;
                    rasd_token t2 = pop(&q);
                    fill(&q, &tz, line_start);
                    if (on_token) on_token(ctx, &t2, n_sentences);
                    tokens++;
                    sent_end = para_end = t2.end;
                }
                if (!span_push(sentences, sent_start, sent_end)) goto oom;
                n_sentences++;
                sent_start = SIZE_MAX;
            }
            prev = t;
            have_prev = true;
        }
        if (sent_start != SIZE_MAX) {
            if (!span_push(sentences, sent_start, sent_end)) goto oom;
            n_sentences++;
        }
        if (para_start != SIZE_MAX && !span_push(paragraphs, para_start, para_end)) goto oom;
        line_start = line_end + 1;
    }
    if (n_tokens) *n_tokens = tokens;
    return RASD_OK;
oom:
    return RASD_ERR_NOMEM;
}

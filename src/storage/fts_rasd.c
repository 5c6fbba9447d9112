/*
 * fts_rasd.c: the `rasd` FTS5 tokenizer. Written by hand because it is the
 * glue between two libraries (SQLite's tokenizer API, after the porter
 * wrapper in SQLite's ext/fts5/fts5_tokenize.c, and rasd's own text core);
 * no library does Arabic clitics and matching keys for FTS5.
 *
 * Each word token becomes one term, reported with the token's byte range in
 * the original text (so highlight() and snippet() mark the text as written):
 *   - the Snowball stem of the word less its clitics, as a matching key
 *     (letter variants, diacritics and tatweel already folded by the key):
 *     لداعش and داعش give داعش; الأمريكية gives امريك;
 *   - in a stem of five letters or more, the inner و and ي are dropped:
 *     spellings of foreign names differ mostly in those long vowels
 *     (الأميركية/الأمريكية, stems اميرك/امريك, both become امرك); short
 *     stems keep them, where they tell words apart;
 *   - a word the lexicon has never seen that is two known words run
 *     together at an inner ال (ديرالزور) becomes both words' terms, at two
 *     positions, so it matches the phrase "دير الزور" and the other way;
 *   - numbers give their key (Arabic-Indic digits become ASCII).
 * Punctuation, symbols, URLs and e-mail addresses give no term. Document
 * and query text go through the same steps, so both sides always agree.
 */
#include "storage/fts_rasd.h"

#include "core/internal.h"

#include <stdlib.h>
#include <string.h>

#define TERM_MAX 256
/* Splitting a run-together pair needs both halves seen this often. */
#define SPLIT_MIN_COUNT 20
#define FOLD_MIN_LETTERS 5

typedef struct rasd_fts_tok {
    rasd_analyzer *an;
    const rasd_lexicon *lex;
} rasd_fts_tok;

/* Drops inner و and ي from a stem of FOLD_MIN_LETTERS letters or more. */
static size_t fold_vowels(const char *s, size_t len, char *out, size_t cap) {
    int32_t cps[TERM_MAX];
    size_t n = 0;
    for (size_t i = 0; i < len && n < TERM_MAX;) {
        size_t k = rasd_utf8_decode(s + i, len - i, &cps[n++]);
        i += k;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        bool inner = i > 0 && i + 1 < n;
        if (n >= FOLD_MIN_LETTERS && inner && (cps[i] == 0x0648 || cps[i] == 0x064A)) continue;
        char enc[4];
        size_t k = rasd_utf8_encode(cps[i], enc);
        if (o + k + 1 > cap) break;
        memcpy(out + o, enc, k);
        o += k;
    }
    if (cap) out[o] = '\0';
    return o;
}

size_t rasd_fts_term(rasd_analyzer *an, const char *text, size_t start, size_t end, char *out, size_t cap) {
    rasd_word w;
    if (rasd_analyze_word(an, text, start, end, &w) != RASD_OK) return 0;
    const char *t = w.stem_len ? w.stem : w.base_len ? w.base : w.norm;
    size_t tl = w.stem_len ? w.stem_len : w.base_len ? w.base_len : w.norm_len;
    if (tl == 0) return 0;
    return fold_vowels(t, tl, out, cap);
}

/* The byte offset in text[start, end) where the key reaches key_chars
 * characters (the key drops diacritics and tatweel, so it can be shorter). */
static size_t key_offset_to_text(const char *text, size_t start, size_t end, size_t key_chars) {
    size_t seen = 0, i = start;
    while (i < end && seen < key_chars) {
        int32_t cp, outc[RASD_NORM_MAX_EXPANSION];
        size_t k = rasd_utf8_decode(text + i, end - i, &cp);
        seen += (size_t)rasd_normalize_char(cp, outc);
        i += k;
    }
    /* step over what the key drops (diacritics, tatweel) after the split */
    while (i < end) {
        int32_t cp, outc[RASD_NORM_MAX_EXPANSION];
        size_t k = rasd_utf8_decode(text + i, end - i, &cp);
        if (rasd_normalize_char(cp, outc) != 0) break;
        i += k;
    }
    return seen == key_chars ? i : 0;
}

/* Where a never-seen word is two known words joined at an inner ال, the
 * byte offset in the text of that ال; 0 when it is not. */
static size_t run_together_split(rasd_fts_tok *t, const char *text, size_t start, size_t end) {
    rasd_word w;
    if (rasd_analyze_word(t->an, text, start, end, &w) != RASD_OK) return 0;
    if (w.n_proclitics || w.enclitic) return 0;
    if (rasd_lexicon_count(t->lex, w.norm, w.norm_len) != 0) return 0;
    const char *k = w.norm;
    size_t kl = w.norm_len, chars = 0;
    static const char AL[] = "\xd8\xa7\xd9\x84"; /* ال */
    /* positions: at least two letters before, two after the ال */
    for (size_t i = 0; i + 4 <= kl;) {
        if (chars >= 2 && memcmp(k + i, AL, 4) == 0 && kl - (i + 4) >= 4 &&
            rasd_lexicon_count(t->lex, k, i) >= SPLIT_MIN_COUNT &&
            rasd_lexicon_count(t->lex, k + i, kl - i) >= SPLIT_MIN_COUNT)
            return key_offset_to_text(text, start, end, chars);
        int32_t cp;
        i += rasd_utf8_decode(k + i, kl - i, &cp);
        chars++;
    }
    return 0;
}

typedef int (*token_cb)(void *, int, const char *, int, int, int);

static int emit_word(rasd_fts_tok *t, void *ctx, token_cb cb, const char *text, size_t start, size_t end) {
    char term[TERM_MAX];
    size_t n = rasd_fts_term(t->an, text, start, end, term, sizeof term);
    if (n == 0) return SQLITE_OK;
    return cb(ctx, 0, term, (int)n, (int)start, (int)end);
}

static int tok_create(void *ctx, const char **args, int n_args, Fts5Tokenizer **out) {
    (void)args;
    (void)n_args;
    rasd_fts_tok *t = calloc(1, sizeof *t);
    if (!t) return SQLITE_NOMEM;
    t->lex = ctx;
    rasd_error err = {0};
    if (!(t->an = rasd_analyzer_new(t->lex, &err))) {
        free(t);
        return SQLITE_NOMEM;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p) {
    rasd_fts_tok *t = (rasd_fts_tok *)p;
    if (!t) return;
    rasd_analyzer_destroy(t->an);
    free(t);
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n_text, token_cb cb) {
    (void)flags;
    rasd_fts_tok *t = (rasd_fts_tok *)p;
    if (!text || n_text <= 0) return SQLITE_OK;
    rasd_tokenizer tz;
    rasd_token tok;
    rasd_tokenizer_init(&tz, text, (size_t)n_text);
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK && rasd_tokenizer_next(&tz, &tok)) {
        if (tok.type == RASD_TOK_WORD) {
            size_t split = run_together_split(t, text, tok.start, tok.end);
            if (split > tok.start && split < tok.end) {
                rc = emit_word(t, ctx, cb, text, tok.start, split);
                if (rc == SQLITE_OK) rc = emit_word(t, ctx, cb, text, split, tok.end);
            } else {
                rc = emit_word(t, ctx, cb, text, tok.start, tok.end);
            }
        } else if (tok.type == RASD_TOK_LATIN || tok.type == RASD_TOK_HASHTAG) {
            rc = emit_word(t, ctx, cb, text, tok.start + (tok.type == RASD_TOK_HASHTAG), tok.end);
        } else if (tok.type == RASD_TOK_NUMBER) {
            char key[TERM_MAX];
            size_t n = rasd_normalize(text + tok.start, tok.end - tok.start, key, sizeof key);
            if (n > 0 && n < sizeof key) rc = cb(ctx, 0, key, (int)n, (int)tok.start, (int)tok.end);
        }
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* SQLite's documented way to reach the FTS5 API from C. */
static fts5_api *fts5_api_of(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
        sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return api;
}

rasd_status rasd_fts_register(sqlite3 *db, const rasd_lexicon *lex, rasd_error *err) {
    fts5_api *api = fts5_api_of(db);
    if (!api || api->iVersion < 2)
        return rasd_fail(err, RASD_ERR_DB, "SQLite has no FTS5 (needed for the full-text index)");
    static fts5_tokenizer TOKENIZER = {tok_create, tok_delete, tok_tokenize};
    if (api->xCreateTokenizer(api, "rasd", (void *)lex, &TOKENIZER, NULL) != SQLITE_OK)
        return rasd_fail(err, RASD_ERR_DB, "cannot register the rasd FTS5 tokenizer: %s", sqlite3_errmsg(db));
    return RASD_OK;
}

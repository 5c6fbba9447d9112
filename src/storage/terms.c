/*
 * terms.c: what rasd's full-text index keeps of a text (terms.h). Written
 * by hand because no library reads Arabic the way rasd does; the words
 * themselves come from the text core (rasd_tokenizer, rasd_analyze_word).
 *
 * Each word token becomes one term, reported with the token's byte range in
 * the original text (so a search engine marks the text as written):
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
 * Punctuation, symbols, URLs and e-mail addresses give no term. Documents
 * and queries go through the same steps, so both sides always agree.
 */
#include "storage/terms.h"

#include "core/internal.h"

#include <stdlib.h>
#include <string.h>

#define TERM_MAX 256
/* Splitting a run-together pair needs both halves seen this often. */
#define SPLIT_MIN_COUNT 20
#define FOLD_MIN_LETTERS 5

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

size_t rasd_term_of_word(rasd_analyzer *an, const char *text, size_t start, size_t end, char *out, size_t cap) {
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
static size_t run_together_split(rasd_analyzer *an, const char *text, size_t start, size_t end) {
    const rasd_lexicon *lex = rasd_analyzer_lexicon(an);
    rasd_word w;
    if (!lex || rasd_analyze_word(an, text, start, end, &w) != RASD_OK) return 0;
    if (w.n_proclitics || w.enclitic) return 0;
    if (rasd_lexicon_count(lex, w.norm, w.norm_len) != 0) return 0;
    const char *k = w.norm;
    size_t kl = w.norm_len, chars = 0;
    static const char AL[] = "\xd8\xa7\xd9\x84"; /* ال */
    /* positions: at least two letters before, two after the ال */
    for (size_t i = 0; i + 4 <= kl;) {
        if (chars >= 2 && memcmp(k + i, AL, 4) == 0 && kl - (i + 4) >= 4 &&
            rasd_lexicon_count(lex, k, i) >= SPLIT_MIN_COUNT && rasd_lexicon_count(lex, k + i, kl - i) >= SPLIT_MIN_COUNT)
            return key_offset_to_text(text, start, end, chars);
        int32_t cp;
        i += rasd_utf8_decode(k + i, kl - i, &cp);
        chars++;
    }
    return 0;
}

static bool word_terms(rasd_analyzer *an, const char *text, size_t start, size_t end, rasd_term_fn fn, void *ctx) {
    char term[TERM_MAX];
    size_t n = rasd_term_of_word(an, text, start, end, term, sizeof term);
    return n == 0 || fn(ctx, term, n, start, end);
}

bool rasd_terms_each(rasd_analyzer *an, const char *text, size_t len, rasd_term_fn fn, void *ctx) {
    rasd_tokenizer tz;
    rasd_token tok;
    rasd_tokenizer_init(&tz, text, len);
    bool go = true;
    while (go && rasd_tokenizer_next(&tz, &tok)) {
        if (tok.type == RASD_TOK_WORD) {
            size_t split = run_together_split(an, text, tok.start, tok.end);
            if (split > tok.start && split < tok.end)
                go = word_terms(an, text, tok.start, split, fn, ctx) && word_terms(an, text, split, tok.end, fn, ctx);
            else go = word_terms(an, text, tok.start, tok.end, fn, ctx);
        } else if (tok.type == RASD_TOK_LATIN || tok.type == RASD_TOK_HASHTAG) {
            go = word_terms(an, text, tok.start + (tok.type == RASD_TOK_HASHTAG), tok.end, fn, ctx);
        } else if (tok.type == RASD_TOK_NUMBER) {
            char key[TERM_MAX];
            size_t n = rasd_normalize(text + tok.start, tok.end - tok.start, key, sizeof key);
            if (n > 0 && n < sizeof key) go = fn(ctx, key, n, tok.start, tok.end);
        }
    }
    return go;
}

/* ------------------------------------------------------ collected terms */

static bool collect(void *ctx, const char *term, size_t len, size_t start, size_t end) {
    rasd_term_list *l = ctx;
    size_t need = 9 + len;
    if (len > 255 || end > UINT32_MAX) return true; /* cannot be packed: such a term is never a word */
    if (l->len + need > l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 4096;
        while (nc < l->len + need) nc *= 2;
        unsigned char *d = realloc(l->data, nc);
        if (!d) return false;
        l->data = d;
        l->cap = nc;
    }
    uint32_t s32 = (uint32_t)start, e32 = (uint32_t)end;
    memcpy(l->data + l->len, &s32, 4);
    memcpy(l->data + l->len + 4, &e32, 4);
    l->data[l->len + 8] = (unsigned char)len;
    memcpy(l->data + l->len + 9, term, len);
    l->len += need;
    l->n++;
    return true;
}

rasd_status rasd_terms_collect(rasd_analyzer *an, const char *text, size_t len, rasd_term_list *out,
                               rasd_error *err) {
    memset(out, 0, sizeof *out);
    if (!rasd_terms_each(an, text, len, collect, out)) {
        rasd_term_list_free(out);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory collecting index terms");
    }
    out->text_len = len;
    out->text_hash = rasd_hash_bytes(text, len);
    out->filled = true;
    return RASD_OK;
}

bool rasd_terms_match(const rasd_term_list *list, const char *text, size_t len) {
    return list && list->filled && list->text_len == len && list->text_hash == rasd_hash_bytes(text, len);
}

bool rasd_terms_replay(const rasd_term_list *list, rasd_term_fn fn, void *ctx) {
    for (size_t p = 0; p + 9 <= list->len;) {
        uint32_t s32, e32;
        memcpy(&s32, list->data + p, 4);
        memcpy(&e32, list->data + p + 4, 4);
        size_t n = list->data[p + 8];
        if (!fn(ctx, (const char *)list->data + p + 9, n, s32, e32)) return false;
        p += 9 + n;
    }
    return true;
}

void rasd_term_list_free(rasd_term_list *list) {
    if (!list) return;
    free(list->data);
    memset(list, 0, sizeof *list);
}

/*
 * phrases.c: the look-up machinery numbers.c and dates.c share (phrases.h):
 * tables of word and phrase keys, token keys with a fast path for the
 * Arabic block, words found under their clitics, longest phrase match, and
 * loading a dictionary file line by line.
 */
#include "phrases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#ifndef RASD_DATA_DIR
#define RASD_DATA_DIR "data"
#endif


/* ------------------------------------------------------------- xtable */

static bool has_article(const unsigned char *k, size_t len) {
    return len > 4 && k[0] == 0xD8 && k[1] == 0xA7 && k[2] == 0xD9 && k[3] == 0x84;
}

/* The filter is probed for nearly every word, so its key is cheap: the
 * first eight bytes of the word (four Arabic letters), not cutting a
 * character, read as one integer and multiplied. A leading article is
 * skipped: with it, the first letters of most words would match some
 * listed word (الخميس, الخبر). len is the first word's length: token keys
 * have no spaces, phrase keys are cut at their first space on loading. */
static uint64_t prefix_hash(const char *key, size_t len, bool skip_article) {
    const unsigned char *k = (const unsigned char *)key;
    if (skip_article && has_article(k, len)) k += 4, len -= 4;
    uint64_t x = 0;
    size_t n = len;
    if (len >= 8) {
        n = 8;
        while (n > 0 && n < len && (k[n] & 0xC0) == 0x80) n--;
        memcpy(&x, k, 8);
        if (n < 8) x &= (UINT64_C(1) << (8 * n)) - 1;
    } else if (len >= 4) {
        /* a shorter key whole, in two loads that overlap rather than a
         * byte at a time (the tables are filled with this same function,
         * so any mix of all the bytes will do): every token's key and its
         * rests after clitics pass here, 1.2% of analyze's cycles (perf) */
        uint32_t a, b;
        memcpy(&a, k, 4);
        memcpy(&b, k + len - 4, 4);
        x = (uint64_t)a | (uint64_t)b << 32;
    } else if (len >= 2) {
        uint16_t a, b;
        memcpy(&a, k, 2);
        memcpy(&b, k + len - 2, 2);
        x = (uint64_t)a | (uint64_t)b << 16;
    } else if (len == 1) {
        x = k[0];
    }
    return ((x ^ n) * UINT64_C(0x9E3779B97F4A7C15)) >> 40;
}

size_t rasd_x_first_word_len(const char *key, size_t len) {
    const char *sp = memchr(key, ' ', len);
    return sp ? (size_t)(sp - key) : len;
}

/* A listed word that starts with ال itself (آلاف → الاف) is entered
 * twice: as looked up bare (اف after the skipped article) and as looked up
 * with the article (الالاف → الاف). */
static void prefix_set(rasd_xtable *t, const char *key, size_t len) {
    for (int skip = 1; skip >= 0; skip--) {
        uint64_t h = prefix_hash(key, len, skip);
        for (int k = 0; k < 2; k++, h >>= 14) t->prefix_bits[(h >> 6) & 255] |= 1ull << (h & 63);
        if (!has_article((const unsigned char *)key, len)) break;
    }
}

static bool prefix_maybe_hashed(const rasd_xtable *t, uint64_t h) {
    for (int k = 0; k < 2; k++, h >>= 14)
        if (!(t->prefix_bits[(h >> 6) & 255] & (1ull << (h & 63)))) return false;
    return true;
}

static bool prefix_maybe(const rasd_xtable *t, const char *key, size_t len) {
    return prefix_maybe_hashed(t, prefix_hash(key, len, true));
}

/* entry->count: the index + 1, and this bit on the form with the article
 * added by the table (الثالث for ثالث). */

bool rasd_xtable_add(rasd_xtable *t, const char *key, size_t len, uint32_t idx, bool *dup) {
    *dup = false;
    rasd_strtab_entry *e = rasd_strtab_get(&t->keys, key, len, true);
    if (!e) return false;
    if (e->count && !(e->count & AUTO_ARTICLE)) {
        *dup = true;
        return true;
    }
    /* a listed form wins over one the table made (الأمس over أمس + ال) */
    e->count = idx + 1;
    prefix_set(t, key, rasd_x_first_word_len(key, len));
    uint32_t words = 1;
    for (size_t i = 0; i < len; i++) words += key[i] == ' ';
    if (words > t->max_words) t->max_words = words;
    if (words > 1 && !rasd_strtab_get(&t->heads, key, rasd_x_first_word_len(key, len), true)) return false;
    /* Every word is also entered with the article, so that الثالث، القتلى
     * and العام are found in one probe instead of through the analyzer. */
    if (t->article_forms && words == 1 && len + 4 < RASD_X_KEY_MAX) {
        char al[RASD_X_KEY_MAX];
        memcpy(al, K_AL, 4);
        memcpy(al + 4, key, len);
        rasd_strtab_entry *a = rasd_strtab_get(&t->keys, al, len + 4, true);
        if (!a) return false;
        if (!a->count) a->count = (idx + 1) | AUTO_ARTICLE;
    }
    return true;
}

/* The index of key and whether it is a form with the article the table
 * added; -1 when absent. */
static int32_t xtable_find_hashed(const rasd_xtable *t, const char *key, size_t len, uint64_t hash, bool *article) {
    *article = false;
    if (len == 0 || !t->keys.slots) return -1;
    /* get() without create does not modify the table */
    const rasd_strtab_entry *e = rasd_strtab_get_hashed((rasd_strtab *)&t->keys, key, len, hash, false);
    if (!e) return -1;
    *article = e->count & AUTO_ARTICLE;
    return (int32_t)(e->count & ~AUTO_ARTICLE) - 1;
}

static int32_t xtable_find(const rasd_xtable *t, const char *key, size_t len, bool *article) {
    return xtable_find_hashed(t, key, len, rasd_hash_bytes(key, len), article);
}

int32_t rasd_xtable_get(const rasd_xtable *t, const char *key, size_t len) {
    bool article;
    return xtable_find(t, key, len, &article);
}

int32_t rasd_xtable_get_listed(const rasd_xtable *t, const char *key, size_t len) {
    bool article;
    int32_t idx = xtable_find(t, key, len, &article);
    return article ? -1 : idx;
}

void rasd_xtable_free(rasd_xtable *t) {
    rasd_strtab_free(&t->keys);
    rasd_strtab_free(&t->heads);
    memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------ token keys */

/* rasd_normalize decodes, folds and re-encodes every character, which is
 * most of the cost of looking a token up. Nearly every token is ASCII or
 * in the Arabic block, so the key of each Arabic-block character is taken
 * once from rasd_normalize_char (the rules stay there) into this table;
 * anything else goes through rasd_normalize. */
typedef struct fast_char {
    uint8_t len;   /* bytes of the key: 0 (dropped), 1 or 2 */
    bool slow;     /* folds to something else: use rasd_normalize */
    char bytes[2];
} fast_char;

/* Built once by rasd_x_init (every loader of a table calls it): read-only
 * afterwards. */
static fast_char arabic_block[256];
static once_flag arabic_block_once = ONCE_FLAG_INIT;

static void build_arabic_block(void) {
    for (int32_t cp = 0x600; cp <= 0x6FF; cp++) {
        fast_char *f = &arabic_block[cp - 0x600];
        int32_t out[RASD_NORM_MAX_EXPANSION];
        int m = rasd_normalize_char(cp, out);
        if (m == 0) continue;
        if (m > 1 || out[0] >= 0x800) {
            f->slow = true;
            continue;
        }
        char enc[4];
        f->len = (uint8_t)rasd_utf8_encode(out[0], enc);
        memcpy(f->bytes, enc, f->len);
    }
}

void rasd_x_init(void) { call_once(&arabic_block_once, build_arabic_block); }

/* ------------------------------------------------- a sentence's keys */

typedef struct tok_key {
    const char *key;   /* NUL-terminated: in bytes, or the caller's (see build) */
    uint32_t off, len; /* off: in bytes (own keys); len 0: no key (as rasd_x_token_key) */
    uint64_t hash;     /* rasd_hash_bytes of the key */
    uint64_t prefix;   /* prefix_hash(key, len, true) */
    uint64_t clitic[3]; /* prefix_hash of the key less each clitic clitic_gate tries */
    uint8_t n_clitic;
} tok_key;

struct rasd_x_keys {
    const rasd_token *toks;
    size_t n, cap;
    tok_key *k;
    rasd_buf bytes; /* the keys, each NUL-terminated */
};

rasd_x_keys *rasd_x_keys_new(void) { return calloc(1, sizeof(rasd_x_keys)); }

void rasd_x_keys_destroy(rasd_x_keys *ks) {
    if (!ks) return;
    free(ks->k);
    rasd_buf_free(&ks->bytes);
    free(ks);
}

static void clitic_prefixes(const char *key, size_t len, tok_key *e);

bool rasd_x_keys_build(rasd_x_keys *ks, const char *text, const rasd_token *toks, size_t n, rasd_x_known_key known,
                       void *ctx) {
    ks->toks = toks;
    ks->n = 0;
    ks->bytes.len = 0;
    if (n && !rasd_grow((void **)&ks->k, &ks->cap, n - 1, sizeof *ks->k)) return false;
    for (size_t i = 0; i < n; i++) {
        tok_key *e = &ks->k[i];
        char buf[RASD_X_KEY_MAX];
        size_t len = 0;
        uint64_t hash = 0;
        const char *key = known && toks[i].end - toks[i].start < RASD_X_KEY_MAX ? known(ctx, i, &len, &hash) : NULL;
        if (key && len < RASD_X_KEY_MAX) {
            /* the caller's key is kept where it is (the entity extractor's
             * keys live until its next sentence); copying them all was a
             * third of this function */
            e->key = key;
        } else {
            if (key) len = 0; /* as rasd_x_token_key: no listed word is this long */
            else len = rasd_x_token_key(text, &toks[i], buf);
            key = buf;
            hash = rasd_hash_bytes(buf, len);
            e->key = NULL;
            e->off = (uint32_t)ks->bytes.len;
            rasd_buf_append(&ks->bytes, buf, len);
            rasd_buf_putc(&ks->bytes, '\0');
        }
        e->len = (uint32_t)len;
        e->hash = hash;
        e->prefix = prefix_hash(key, len, true);
        clitic_prefixes(key, len, e);
    }
    if (ks->bytes.oom) return false;
    for (size_t i = 0; i < n; i++) /* bytes has stopped moving */
        if (!ks->k[i].key) ks->k[i].key = ks->bytes.data + ks->k[i].off;
    ks->n = n;
    return true;
}

const rasd_token *rasd_x_keys_tokens(const rasd_x_keys *ks, size_t *n) {
    *n = ks->n;
    return ks->toks;
}

/* The calling thread's table: set by rasd_numbers_find_keyed and
 * rasd_dates_find_keyed around their work, so that the many helpers
 * between them and rasd_x_token_key need no extra parameter. */
static thread_local const rasd_x_keys *active_keys;

const rasd_x_keys *rasd_x_keys_use(const rasd_x_keys *ks) {
    const rasd_x_keys *prev = active_keys;
    active_keys = ks;
    return prev;
}

/* tok's cached key, or NULL when tok is not in the active table's array
 * (compared as addresses: tok may point anywhere). */
static inline const tok_key *cached(const rasd_token *tok, const char **key) {
    const rasd_x_keys *ks = active_keys;
    if (!ks) return NULL;
    uintptr_t p = (uintptr_t)tok, b = (uintptr_t)ks->toks;
    if (p < b || p >= b + ks->n * sizeof *tok) return NULL;
    const tok_key *e = &ks->k[(p - b) / sizeof *tok];
    *key = e->key;
    return e;
}

/* tok's key: the cached one when there is one, else normalised into buf. */
static const char *key_of(const char *text, const rasd_token *tok, char *buf, size_t *len, const tok_key **e) {
    const char *key;
    if ((*e = cached(tok, &key))) {
        *len = (*e)->len;
        return key;
    }
    *len = rasd_x_token_key(text, tok, buf);
    return buf;
}

bool rasd_x_is(const char *text, const rasd_token *tok, const char *key) {
    size_t want = strlen(key);
    if (tok->end - tok->start > want * 4 + 8) return false; /* diacritics at most triple a word */
    char buf[RASD_X_KEY_MAX];
    size_t k;
    const tok_key *e;
    const char *got = key_of(text, tok, buf, &k, &e);
    return k == want && memcmp(got, key, k) == 0;
}

size_t rasd_x_token_key(const char *text, const rasd_token *tok, char *buf) {
    const char *key;
    const tok_key *e = cached(tok, &key);
    if (e) {
        memcpy(buf, key, e->len + 1);
        return e->len;
    }
    size_t len = tok->end - tok->start;
    /* no listed word is this long: skip the normalization */
    if (len >= RASD_X_KEY_MAX) return 0;
    const unsigned char *s = (const unsigned char *)text + tok->start;
    size_t n = 0, i = 0;
    while (i < len) {
        unsigned char b = s[i];
        if (b >= 0xD8 && b <= 0xDB && i + 1 < len) {
            unsigned char c = s[i + 1];
            const fast_char *f = &arabic_block[(size_t)(b & 0x03) << 6 | (c & 0x3F)];
            if ((c & 0xC0) != 0x80 || f->slow) goto slow;
            memcpy(buf + n, f->bytes, 2); /* the second byte is overwritten when len is 1 */
            n += f->len;
            i += 2;
        } else if (b < 0x80) {
            buf[n++] = (char)((unsigned)(b - 'A') < 26u ? b + 32 : b);
            i++;
        } else {
            goto slow;
        }
    }
    buf[n] = '\0'; /* n <= len < RASD_X_KEY_MAX: each step writes at most what it reads */
    return n;
slow:;
    size_t k = rasd_normalize(text + tok->start, len, buf, RASD_X_KEY_MAX);
    return k < RASD_X_KEY_MAX ? k : 0;
}

/* The byte offset in text[start, end) after its first `letters` key letters
 * (and the marks that follow them, which belong to them). */
static size_t skip_letters(const char *text, size_t start, size_t end, size_t letters) {
    size_t pos = start, seen = 0;
    while (pos < end && seen < letters) {
        int32_t cp, out[RASD_NORM_MAX_EXPANSION];
        pos += rasd_utf8_decode(text + pos, end - pos, &cp);
        seen += (size_t)rasd_normalize_char(cp, out);
    }
    while (pos < end) {
        int32_t cp, out[RASD_NORM_MAX_EXPANSION];
        size_t l = rasd_utf8_decode(text + pos, end - pos, &cp);
        if (rasd_normalize_char(cp, out) != 0) break;
        pos += l;
    }
    return pos;
}

static size_t count_letters(const char *key, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)key[i] & 0xC0) != 0x80;
    return n;
}

bool rasd_x_starts_with(const char *key, size_t len, const char *p) {
    size_t n = strlen(p);
    return len >= n && memcmp(key, p, n) == 0;
}

static bool is_letter(const char *key, size_t len, size_t off, const char *letter) {
    return off + 2 <= len && key[off] == letter[0] && key[off + 1] == letter[1];
}

static bool rest_maybe(const rasd_xtable *t, const char *key, size_t len, size_t off) {
    return off < len && prefix_maybe(t, key + off, len - off);
}

/* Could the key, less a conjunction (و ف) and a preposition (ب ل ك, or
 * لل: ل and the article less its alef), start a listed phrase? A cheap
 * test that spares the analyzer most words. The filter already skips the
 * article, so الثالث needs no clitic to be a candidate. */
static bool clitic_gate(const rasd_xtable *t, const char *key, size_t len) {
    size_t off = 0;
    if (is_letter(key, len, 0, K_WAW) || is_letter(key, len, 0, K_FA)) {
        off = 2;
        if (rest_maybe(t, key, len, off)) return true;
    }
    if (is_letter(key, len, off, K_BA) || is_letter(key, len, off, K_KAF) || is_letter(key, len, off, K_LAM)) {
        bool lam = is_letter(key, len, off, K_LAM);
        off += 2;
        if (rest_maybe(t, key, len, off)) return true;
        if (lam && is_letter(key, len, off, K_LAM) && rest_maybe(t, key, len, off + 2)) return true;
    }
    return false;
}

/* The same test from the prefix hashes a sentence's key table holds: the
 * numbers and the dates ask it of every word, each of a table of its own,
 * and hashing the rests anew each time was most of its cost (callgrind,
 * 500 articles: numbers, dates and this table 79.0M -> 67.0M instructions,
 * analyze -0.65%) */
static void clitic_prefixes(const char *key, size_t len, tok_key *e) {
    size_t off = 0, n = 0;
    if (is_letter(key, len, 0, K_WAW) || is_letter(key, len, 0, K_FA)) {
        off = 2;
        if (off < len) e->clitic[n++] = prefix_hash(key + off, len - off, true);
    }
    if (is_letter(key, len, off, K_BA) || is_letter(key, len, off, K_KAF) || is_letter(key, len, off, K_LAM)) {
        bool lam = is_letter(key, len, off, K_LAM);
        off += 2;
        if (off < len) e->clitic[n++] = prefix_hash(key + off, len - off, true);
        if (lam && is_letter(key, len, off, K_LAM) && off + 2 < len)
            e->clitic[n++] = prefix_hash(key + off + 2, len - off - 2, true);
    }
    e->n_clitic = (uint8_t)n;
}

static bool clitic_gate_cached(const rasd_xtable *t, const tok_key *e) {
    for (size_t k = 0; k < e->n_clitic; k++)
        if (prefix_maybe_hashed(t, e->clitic[k])) return true;
    return false;
}

/* One reading of the first word: the key less `off` bytes of clitics. */
typedef struct variant {
    size_t off;
    bool conj, prep, article;
    size_t letters; /* clitic letters before the article, for the span */
} variant;

#define MAX_VARIANTS 8

static void add_variant(variant *v, size_t *nv, size_t off, bool conj, bool prep, bool article, size_t letters) {
    for (size_t k = 0; k < *nv; k++)
        if (v[k].off == off) return;
    if (*nv < MAX_VARIANTS) v[(*nv)++] = (variant){off, conj, prep, article, letters};
}

/* وأحد and واحد have one key: a hamza after و or ف in the text says the
 * و is the conjunction. */
static bool conj_hamza(const char *text, const rasd_token *tok) {
    const unsigned char *s = (const unsigned char *)text + tok->start;
    return tok->end - tok->start >= 4 && s[0] == 0xD9 && (s[1] == 0x88 || s[1] == 0x81) && s[2] == 0xD8 &&
           (s[3] == 0xA2 || s[3] == 0xA3 || s[3] == 0xA5);
}

/* The readings of toks[i]: whole, then less each proclitic the analyzer
 * found, then less a leading و/ف, ب and the article by rule. */
static size_t variants_of(rasd_analyzer *an, const char *text, const rasd_token *tok, const char *key, size_t len,
                          bool gate, variant *v) {
    size_t nv = 0;
    /* وأحد: the conjunction's reading goes first */
    if (conj_hamza(text, tok)) add_variant(v, &nv, 2, true, false, false, 1);
    add_variant(v, &nv, 0, false, false, false, 0);
    if (!gate) return nv;
    rasd_word w;
    if (rasd_analyze_word(an, text, tok->start, tok->end, &w) == RASD_OK && w.norm_len == len &&
        memcmp(w.norm, key, len) == 0) {
        size_t off = 0, letters = 0;
        bool conj = false, prep = false, article = false, after_article = false;
        for (int k = 0; k < w.n_proclitics; k++) {
            const char *p = w.proclitic[k];
            size_t pl = w.proclitic_len[k];
            bool is_al = pl == 4 && memcmp(p, K_AL, 4) == 0, is_ll = pl == 4 && memcmp(p, K_LL, 4) == 0;
            if (is_al || is_ll) article = true;
            if (is_ll) prep = true;
            else if (pl == 2 && (memcmp(p, K_WAW, 2) == 0 || memcmp(p, K_FA, 2) == 0)) conj = true;
            else if (!is_al) prep = true;
            if (is_al || is_ll) after_article = true;
            if (!after_article) letters += count_letters(p, pl);
            off += pl;
            if (off < len) add_variant(v, &nv, off, conj, prep, article, letters);
        }
    }
    /* a closed-class word after و/ف (and ب), or the article, is taken
     * whatever the counts (the analyzer leaves الحادي whole) */
    size_t off = 0, letters = 0;
    bool conj = false, prep = false;
    if (rasd_x_starts_with(key, len, K_WAW) || rasd_x_starts_with(key, len, K_FA)) {
        off = 2, letters = 1, conj = true;
        add_variant(v, &nv, off, conj, prep, false, letters);
    }
    if (rasd_x_starts_with(key + off, len - off, K_BA)) {
        off += 2, letters++, prep = true;
        add_variant(v, &nv, off, conj, prep, false, letters);
    }
    if (rasd_x_starts_with(key + off, len - off, K_AL) && len - off > 6)
        add_variant(v, &nv, off + 4, conj, prep, true, letters);
    return nv;
}

/* A following word's key for phrase matching; with the article dropped too
 * when the phrase's first word had it (الليرة السورية). */
typedef struct follow {
    const char *key;
    size_t len;
    bool ok;
} follow;

/* rasd_x_match's whole work, apart from the common case it tests first. */
static size_t match_at(const rasd_xtable *t, rasd_analyzer *an, const char *text, const rasd_token *toks, size_t n,
                       size_t i, rasd_xword *out) {
    out->idx = -1;
    out->start = toks[i].start;
    out->conj = out->prep = out->article = false;
    if (!t->max_words || i >= n) return 0;
    char buf[RASD_X_KEY_MAX];
    size_t len;
    const tok_key *e;
    const char *key = key_of(text, &toks[i], buf, &len, &e);
    if (!len) return 0;
    /* the common case first: the word as written, or nothing; with the
     * sentence's keys, neither the filter nor the table hashes it again */
    bool whole = e ? prefix_maybe_hashed(t, e->prefix) : prefix_maybe(t, key, len);
    bool hamza = conj_hamza(text, &toks[i]);
    if (whole && t->max_words == 1 && !hamza) {
        int32_t idx = e ? xtable_find_hashed(t, key, len, e->hash, &out->article) : xtable_find(t, key, len, &out->article);
        if (idx >= 0) {
            out->idx = idx;
            return 1;
        }
    }
    bool word = toks[i].type == RASD_TOK_WORD && an;
    bool gate = word && ((whole && hamza) || (e ? clitic_gate_cached(t, e) : clitic_gate(t, key, len)));
    if (!gate && (!whole || t->max_words == 1)) return 0;
    variant v[MAX_VARIANTS];
    size_t nv = variants_of(an, text, &toks[i], key, len, gate, v);

    size_t max = t->max_words;
    if (max > n - i) max = n - i;
    follow fl[4];
    char fbuf[4][RASD_X_KEY_MAX];
    size_t n_fl = 0;
    if (max > 1) {
        if (max > 5) max = 5;
        for (size_t k = 1; k < max; k++) {
            const rasd_token *ft = &toks[i + k];
            const tok_key *fe;
            fl[k - 1].len = 0;
            if (ft->type != RASD_TOK_URL && ft->type != RASD_TOK_EMAIL)
                fl[k - 1].key = key_of(text, ft, fbuf[k - 1], &fl[k - 1].len, &fe);
            fl[k - 1].ok = fl[k - 1].len > 0;
            if (!fl[k - 1].ok) break;
            n_fl = k;
        }
        max = n_fl + 1;
    }

    char phrase[RASD_X_KEY_MAX * 5 + 8];
    for (size_t vi = 0; vi < nv; vi++) {
        const char *k0 = key + v[vi].off;
        size_t l0 = len - v[vi].off;
        bool own = e && v[vi].off == 0; /* the whole key: its hashes are cached */
        if (!(own ? prefix_maybe_hashed(t, e->prefix) : prefix_maybe(t, k0, l0))) continue;
        /* No phrase of several words opens with this one (nearly every
         * word the filter lets through: قبل، عام، اليوم): only the word
         * itself can match, and the phrases of 2 to 5 words need not be
         * built and looked up, twice each (callgrind, 500 articles: the
         * date finder -16%, analyze -0.5%) */
        size_t top = max;
        if (top > 1 && (!t->heads.slots || !rasd_strtab_get_hashed((rasd_strtab *)&t->heads, k0, l0,
                                                                   own ? e->hash : rasd_hash_bytes(k0, l0), false)))
            top = 1;
        for (size_t words = top; words >= 1; words--) {
            if (words == 1) {
                bool auto_article;
                int32_t idx = own ? xtable_find_hashed(t, k0, l0, e->hash, &auto_article)
                                  : xtable_find(t, k0, l0, &auto_article);
                if (idx < 0) break;
                out->idx = idx;
                out->conj = v[vi].conj;
                out->prep = v[vi].prep;
                out->article = v[vi].article || auto_article;
                out->start = v[vi].letters ? skip_letters(text, toks[i].start, toks[i].end, v[vi].letters)
                                           : toks[i].start;
                return 1;
            }
            size_t pl = 0;
            memcpy(phrase, k0, l0);
            pl = l0;
            for (size_t k = 1; k < words; k++) {
                phrase[pl++] = ' ';
                const follow *f = &fl[k - 1];
                memcpy(phrase + pl, f->key, f->len);
                pl += f->len;
            }
            int32_t idx = rasd_xtable_get(t, phrase, pl);
            if (idx < 0 && words > 1) {
                /* the article on the following words: الليرة السورية */
                pl = l0;
                bool changed = false;
                for (size_t k = 1; k < words; k++) {
                    phrase[pl++] = ' ';
                    const follow *f = &fl[k - 1];
                    size_t skip = rasd_x_starts_with(f->key, f->len, K_AL) && f->len > 6 ? 4 : 0;
                    changed |= skip > 0;
                    memcpy(phrase + pl, f->key + skip, f->len - skip);
                    pl += f->len - skip;
                }
                if (changed) idx = rasd_xtable_get(t, phrase, pl);
            }
            if (idx >= 0) {
                out->idx = idx;
                out->conj = v[vi].conj;
                out->prep = v[vi].prep;
                out->article = v[vi].article;
                out->start = v[vi].letters ? skip_letters(text, toks[i].start, toks[i].end, v[vi].letters)
                                           : toks[i].start;
                return words;
            }
        }
    }
    return 0;
}

size_t rasd_x_match(const rasd_xtable *t, rasd_analyzer *an, const char *text, const rasd_token *toks, size_t n,
                    size_t i, rasd_xword *out) {
    /* Numbers and dates ask this of every token, and nearly every one is
     * a word of the sentence's key table that neither the filter nor the
     * clitic gate lets through: answered here, without match_at's key and
     * phrase buffers to set up (its entry and exit were a sixth of its
     * time). The same test as match_at's first ones. */
    const char *key;
    const tok_key *e = i < n && t->max_words ? cached(&toks[i], &key) : NULL;
    if (e && e->len && !prefix_maybe_hashed(t, e->prefix) &&
        !(toks[i].type == RASD_TOK_WORD && an && clitic_gate_cached(t, e))) {
        out->idx = -1;
        out->start = toks[i].start;
        out->conj = out->prep = out->article = false;
        return 0;
    }
    return match_at(t, an, text, toks, n, i, out);
}

void rasd_x_lookup(const rasd_xtable *t, rasd_analyzer *an, const char *text, const rasd_token *tok,
                   rasd_xword *out) {
    rasd_x_match(t, an, text, tok, 1, 0, out);
}

const rasd_x_keys *rasd_x_keys_active(void) { return active_keys; }

/* rasd_x_match's test for a token that cannot be in the table, with the
 * token's entry at hand: the thread's table and the search of the token's
 * address in it were a third of the cost of a look-up (callgrind) */
void rasd_x_lookup_at(const rasd_xtable *t, rasd_analyzer *an, const char *text, const rasd_x_keys *ks, size_t i,
                      rasd_xword *out) {
    const tok_key *e = &ks->k[i];
    const rasd_token *tok = &ks->toks[i];
    if (t->max_words && e->len && !prefix_maybe_hashed(t, e->prefix) &&
        !(tok->type == RASD_TOK_WORD && an && clitic_gate_cached(t, e))) {
        out->idx = -1;
        out->start = tok->start;
        out->conj = out->prep = out->article = false;
        return;
    }
    match_at(t, an, text, tok, 1, 0, out);
}

/* --------------------------------------------------------------- loading */

const char *rasd_x_data_dir(const char *dir) {
    if (!dir || !*dir) dir = getenv("RASD_DATA");
    if (!dir || !*dir) dir = RASD_DATA_DIR;
    return dir;
}

bool rasd_x_phrase_key(const char *field, char *out, size_t cap, size_t *len, uint32_t *words) {
    size_t n = 0;
    *words = 0;
    const char *p = field;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *w = p;
        while (*p && *p != ' ') p++;
        if (n && n + 1 < cap) out[n++] = ' ';
        if (n >= cap) return false;
        size_t k = rasd_normalize(w, (size_t)(p - w), out + n, cap - n);
        if (k == 0 || n + k >= cap || k >= RASD_X_KEY_MAX) return false;
        n += k;
        ++*words;
    }
    *len = n;
    return n > 0 && *words <= 5;
}

/* Adds the phrase in field 0 of the current line to t with index idx; its
 * entry in *entry when asked. */
rasd_status rasd_x_add_phrase(rasd_tsv *f, rasd_xtable *t, uint32_t idx, const rasd_strtab_entry **entry,
                                    rasd_error *err) {
    char key[RASD_X_KEY_MAX * 5 + 8];
    size_t len;
    uint32_t words;
    if (!rasd_x_phrase_key(f->field[0], key, sizeof key, &len, &words))
        return rasd_tsv_fail(f, err, "empty or too long a phrase: \"%s\"", f->field[0]);
    bool dup;
    if (!rasd_xtable_add(t, key, len, idx, &dup)) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    if (dup) return rasd_tsv_fail(f, err, "\"%s\" is listed twice (the same key as an earlier line)", f->field[0]);
    if (entry) *entry = rasd_strtab_get(&t->keys, key, len, false);
    return RASD_OK;
}



rasd_status rasd_x_load_file(const char *dir, const char *name, rasd_x_line_fn fn, void *ctx, rasd_error *err) {
    char path[1200];
    snprintf(path, sizeof path, "%s/extract/%s", dir, name);
    rasd_tsv f;
    rasd_status st = rasd_tsv_open(&f, path, err);
    if (st != RASD_OK) return st;
    while (st == RASD_OK && rasd_tsv_next(&f)) st = fn(ctx, &f, err);
    rasd_tsv_close(&f);
    return st;
}

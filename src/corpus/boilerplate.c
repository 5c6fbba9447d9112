/*
 * boilerplate.c: see boilerplate.h. No library classifies the lines of
 * Arabic news pages pasted as text (boilerpipe and Readability work on
 * the DOM, which is gone by then), so this is written here: a handful of
 * features per line, the phrase list of data/corpus/boilerplate.txt, and
 * one rule about position (a page's furniture closes the article: once a
 * run of short lines at the end holds one boilerplate line, everything
 * from there down is furniture too, whatever its words).
 */
#include "boilerplate.h"

#include "core/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#ifndef RASD_DATA_DIR
#define RASD_DATA_DIR "data"
#endif

/* A line of at most this many words is "short": only short lines may be
 * removed for a phrase, so an article's own sentences are safe. */
#define SHORT_WORDS 12
/* Notices (cookies, copyright) run longer than furniture. */
#define NOTICE_WORDS 60
/* Lines of the closing run: longer than this ends the run. */
#define TAIL_WORDS 15
/* Share of share-bar words (or of links) that makes a short line a share
 * bar (or a contact line or a tag list). */
#define SHARE_SHARE 0.6
#define LINK_SHARE 0.6
#define LINK_MAX_WORDS 8
#define MAX_PHRASE_KEY 256
#define MAX_LINE_KEY 4096

typedef enum kind { K_LINE, K_START, K_ANY, K_NOTICE, K_SHARE, K_COUNT } kind;
static const char *const KIND_NAMES[K_COUNT] = {"line", "start", "any", "notice", "share"};

struct rasd_boilerplate {
    rasd_buf keys;             /* all phrase keys, NUL-separated */
    size_t *off[K_COUNT];      /* offsets into keys, per kind */
    size_t *len[K_COUNT];      /* their lengths */
    size_t n[K_COUNT], cap[K_COUNT], len_cap[K_COUNT];
    /* per kind, a bit per hash of the first four bytes of its phrases (two
     * Arabic letters; "ال" alone would pass every other word), and a bit
     * per first byte pair of its phrases shorter than that: a line's key is
     * compared with the phrases only at the word starts that pass, which
     * spares nearly every word of a paragraph the comparisons (strstr over
     * every phrase was 5% of the text core, measured) */
    uint64_t first4[K_COUNT][65536 / 64];
    uint64_t short2[K_COUNT][65536 / 64];
};

/* The first i >= from with i + 1 < len where u[i] is | > or the lead
 * byte C2 or E2 (of · » • ›), else len. Sixteen bytes at a time: the rest
 * of every long paragraph is searched (has_spaced_separator), and a byte
 * at a time that was 0.7% of analyze (callgrind). */
static size_t next_separator_byte(const unsigned char *u, size_t from, size_t len) {
    size_t i = from;
#if defined(__SSE2__)
    while (i + 16 < len) { /* every byte of the block has one after it */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('|')), _mm_cmpeq_epi8(v, _mm_set1_epi8('>'))),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)),
                                              _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2))));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits) return i + (size_t)__builtin_ctz(bits);
        i += 16;
    }
#endif
    for (; i + 1 < len; i++)
        if (u[i] == '|' || u[i] == '>' || u[i] == 0xC2 || u[i] == 0xE2) return i;
    return len;
}

/* Whether s[0, len) holds a lone | > · » • › between spaces, as
 * line_key counts separators. */
static bool has_spaced_separator(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = next_separator_byte(u, 1, len); i + 1 < len; i = next_separator_byte(u, i + 1, len)) {
        if (u[i - 1] != ' ') continue;
        size_t tl = u[i] == 0xC2 ? 2 : u[i] == 0xE2 ? 3 : 1;
        if (i + tl >= len || u[i + tl] != ' ') continue;
        if (tl == 1 || (tl == 2 && (u[i + 1] == 0xB7 || u[i + 1] == 0xBB)) ||
            (tl == 3 && u[i + 1] == 0x80 && (u[i + 2] == 0xA2 || u[i + 2] == 0xBA)))
            return true;
    }
    return false;
}

/* Tokens whose keys line_key has yet to write. */
#define PENDING_KEYS 64

/* Appends the keys of the tokens s[spans[i]] to out[0, *n) (cap bytes),
 * one space between them, as far as they fit. */
static void write_keys(const char *s, const rasd_span *spans, size_t count, char *out, size_t cap, size_t *n) {
    for (size_t i = 0; i < count; i++) {
        if (*n && *n + 1 < cap) out[(*n)++] = ' ';
        if (*n + 1 < cap) {
            size_t k = rasd_normalize(s + spans[i].start, spans[i].end - spans[i].start, out + *n, cap - *n);
            *n += k < cap - *n ? k : cap - *n - 1;
        }
        out[*n] = '\0';
    }
}

/* The key of s[0, len): the matching keys of its tokens other than
 * punctuation, one space between them, when the line has NOTICE_WORDS words
 * or fewer (else "": no phrase is looked for in it, classify). Returns its
 * length; *words gets the number of tokens that are words, numbers or
 * links (not symbols). */
static size_t line_key(const char *s, size_t len, char *out, size_t cap, size_t *words, size_t *latin,
                       size_t *links, size_t *one_letter, size_t *symbols, size_t *separators, size_t *puncts) {
    rasd_tokenizer tz;
    rasd_token t;
    size_t n = 0;
    /* The keys are written once the line is known to be short enough: two
     * lines in five of the news are paragraphs longer than that, and
     * normalising their first words for nothing was 1% of analyze. */
    rasd_span pending[PENDING_KEYS];
    size_t n_pending = 0;
    *words = *latin = *links = *one_letter = *symbols = *separators = *puncts = 0;
    out[0] = '\0';
    rasd_tokenizer_init(&tz, s, len);
    while (rasd_tokenizer_next(&tz, &t)) {
        size_t tl = t.end - t.start;
        if (t.type == RASD_TOK_PUNCT || t.type == RASD_TOK_SYMBOL) {
            /* | > · • › » standing alone between words separate the items
             * of menus and breadcrumbs ("الرئيسية » أخبار » سوريا"); glued
             * to a word («قسد») or opening a line ("• سؤال") they do not;
             * "/" is left out: dates are written 9 / 10 / 1436 */
            const char *p = s + t.start;
            bool spaced = t.start > 0 && s[t.start - 1] == ' ' && t.end < len && s[t.end] == ' ' && *words > 0;
            if (spaced && ((tl == 1 && (*p == '|' || *p == '>')) ||
                           (tl == 2 && (!memcmp(p, "\xC2\xB7", 2) || !memcmp(p, "\xC2\xBB", 2))) ||
                           (tl == 3 && (!memcmp(p, "\xE2\x80\xA2", 3) || !memcmp(p, "\xE2\x80\xBA", 3)))))
                (*separators)++;
            if (t.type == RASD_TOK_PUNCT) {
                (*puncts)++;
                continue;
            }
            (*symbols)++;
        } else {
            (*words)++;
            if (t.type == RASD_TOK_LATIN) (*latin)++;
            if (t.type == RASD_TOK_URL || t.type == RASD_TOK_EMAIL || t.type == RASD_TOK_MENTION ||
                t.type == RASD_TOK_HASHTAG)
                (*links)++;
            int32_t cp; /* a lone letter is 4 bytes at most: longer words are not decoded */
            if (t.type == RASD_TOK_WORD && tl <= 4 && rasd_utf8_decode(s + t.start, tl, &cp) == tl) (*one_letter)++;
        }
        /* No phrase is looked for in a line longer than NOTICE_WORDS
         * (classify), so its key stops there: measured, building keys was
         * as costly as the whole text core when every line got one. */
        if (*words > NOTICE_WORDS) {
            /* Past that, only the menu rule still reads the counts, and
             * only when separators come: a paragraph without one (nearly
             * every long line) needs no more tokens. The verdict is the
             * same: "symbols" is out once a word of two letters was seen,
             * and the menu rule needs 20 separators for 61 words. */
            if (*one_letter < *words && 3 * (*separators + 1) <= NOTICE_WORDS &&
                !has_spaced_separator(s + t.end - 1, len - t.end + 1)) break;
            continue;
        }
        if (n_pending == PENDING_KEYS) { /* symbols make a line of many tokens: write what waits */
            write_keys(s, pending, n_pending, out, cap, &n);
            n_pending = 0;
        }
        pending[n_pending++] = (rasd_span){t.start, t.end};
    }
    if (*words > NOTICE_WORDS) {
        out[0] = '\0';
        return 0;
    }
    write_keys(s, pending, n_pending, out, cap, &n);
    return n;
}

static inline void set_bit(uint64_t *bits, unsigned i) { bits[i >> 6] |= 1ull << (i & 63); }
static inline bool get_bit(const uint64_t *bits, unsigned i) { return (bits[i >> 6] >> (i & 63)) & 1; }

/* 16 bits from four bytes (a multiplicative hash) */
static inline unsigned hash4(const unsigned char *u) {
    uint32_t w = (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
    return (unsigned)((w * 0x9E3779B1u) >> 16);
}

static rasd_status add_phrase(rasd_boilerplate *bp, kind k, const char *phrase, const char *name, size_t line_no,
                              rasd_error *err) {
    char key[MAX_PHRASE_KEY];
    size_t w, l, u, o, s, sep, pu;
    size_t n = line_key(phrase, strlen(phrase), key, sizeof key, &w, &l, &u, &o, &s, &sep, &pu);
    if (w > NOTICE_WORDS) /* no line that long is searched */
        return rasd_fail(err, RASD_ERR_DATA, "%s:%zu: the phrase has more than %d words", name, line_no, NOTICE_WORDS);
    if (n == 0) return rasd_fail(err, RASD_ERR_DATA, "%s:%zu: the phrase has no words", name, line_no);
    if (n + 1 >= sizeof key) return rasd_fail(err, RASD_ERR_DATA, "%s:%zu: the phrase is too long", name, line_no);
    if (!rasd_grow((void **)&bp->off[k], &bp->cap[k], bp->n[k], sizeof(size_t)) ||
        !rasd_grow((void **)&bp->len[k], &bp->len_cap[k], bp->n[k], sizeof(size_t)))
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    size_t plen = strlen(key); /* a key with a NUL in it matches as far as the NUL, as strstr did */
    bp->len[k][bp->n[k]] = plen;
    bp->off[k][bp->n[k]++] = bp->keys.len;
    const unsigned char *kb = (const unsigned char *)key;
    if (plen >= 4) {
        set_bit(bp->first4[k], hash4(kb));
    } else if (plen >= 2) {
        set_bit(bp->short2[k], (unsigned)kb[0] << 8 | kb[1]);
    } else {
        for (unsigned b = 0; b < 256; b++) set_bit(bp->short2[k], (unsigned)kb[0] << 8 | b);
    }
    rasd_buf_append(&bp->keys, key, n + 1); /* with its NUL */
    if (bp->keys.oom) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    return RASD_OK;
}

rasd_boilerplate *rasd_boilerplate_from_buffer(const char *name, const char *data, size_t len, rasd_error *err) {
    rasd_boilerplate *bp = calloc(1, sizeof *bp);
    if (!bp) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    size_t pos = 0, line_no = 0;
    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        char line[1024];
        size_t ll = end - pos;
        line_no++;
        if (ll && data[pos + ll - 1] == '\r') ll--;
        if (ll >= sizeof line) {
            rasd_fail(err, RASD_ERR_DATA, "%s:%zu: line too long", name, line_no);
            goto fail;
        }
        memcpy(line, data + pos, ll);
        line[ll] = '\0';
        pos = end + 1;
        if (ll == 0 || line[0] == '#') continue;
        if (memchr(line, '\0', ll)) {
            rasd_fail(err, RASD_ERR_DATA, "%s:%zu: NUL byte", name, line_no);
            goto fail;
        }
        char *tab = strchr(line, '\t');
        if (!tab) {
            rasd_fail(err, RASD_ERR_DATA, "%s:%zu: expected KIND<TAB>PHRASE", name, line_no);
            goto fail;
        }
        *tab = '\0';
        int k = 0;
        while (k < K_COUNT && strcmp(line, KIND_NAMES[k]) != 0) k++;
        if (k == K_COUNT) {
            rasd_fail(err, RASD_ERR_DATA, "%s:%zu: unknown kind \"%s\" (line, start, any, notice or share)", name,
                      line_no, line);
            goto fail;
        }
        if (add_phrase(bp, (kind)k, tab + 1, name, line_no, err) != RASD_OK) goto fail;
    }
    return bp;
fail:
    rasd_boilerplate_destroy(bp);
    return NULL;
}

rasd_boilerplate *rasd_boilerplate_load(const char *data_dir, rasd_error *err) {
    if (!data_dir || !*data_dir) data_dir = getenv("RASD_DATA");
    if (!data_dir || !*data_dir) data_dir = RASD_DATA_DIR;
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/boilerplate.txt", data_dir);
    FILE *f = fopen(path, "rb");
    if (!f) {
        rasd_fail(err, RASD_ERR_DATA, "%s: cannot open: %s (set RASD_DATA or --data to rasd's data directory)",
                  path, strerror(errno));
        return NULL;
    }
    rasd_buf b = {0};
    bool bad = !rasd_buf_read_file(&b, f);
    fclose(f);
    rasd_boilerplate *bp = NULL;
    if (bad) rasd_fail(err, RASD_ERR_IO, "%s: read error", path);
    else if (b.oom) rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    else bp = rasd_boilerplate_from_buffer(path, b.data ? b.data : "", b.len, err);
    rasd_buf_free(&b);
    return bp;
}

void rasd_boilerplate_destroy(rasd_boilerplate *bp) {
    if (!bp) return;
    rasd_buf_free(&bp->keys);
    for (int k = 0; k < K_COUNT; k++) {
        free(bp->off[k]);
        free(bp->len[k]);
    }
    free(bp);
}

static inline bool may_start(const rasd_boilerplate *bp, kind k, const char *at, size_t left) {
    const unsigned char *u = (const unsigned char *)at;
    if (left >= 4 && get_bit(bp->first4[k], hash4(u))) return true;
    return get_bit(bp->short2[k], (unsigned)u[0] << 8 | (left > 1 ? u[1] : 0));
}

/* Whether a phrase of kind k occurs in key at a word start (at its very
 * start when anchored). The phrase may end inside a word: "camera icon" is
 * glued to the caption after it when the page's alt text lost its space. */
static bool any_of(const rasd_boilerplate *bp, kind k, const char *key, size_t klen, bool anchored) {
    const char *nul = memchr(key, '\0', klen); /* the key ends there, as it did for strstr */
    if (nul) klen = (size_t)(nul - key);
    for (size_t h = 0; h < klen;) {
        if (may_start(bp, k, key + h, klen - h))
            for (size_t i = 0; i < bp->n[k]; i++) {
                size_t plen = bp->len[k][i];
                const char *p = bp->keys.data + bp->off[k][i];
                /* the last bytes compared first: the phrases nearly all
                 * differ there, and a memcmp call per phrase was most of
                 * this loop's cost */
                if (plen <= klen - h && (plen == 0 || key[h + plen - 1] == p[plen - 1]) && memcmp(key + h, p, plen) == 0)
                    return true;
            }
        if (anchored) break;
        const char *sp = memchr(key + h, ' ', klen - h);
        if (!sp) break;
        h = (size_t)(sp - key) + 1;
    }
    return false;
}

/* Whether the whole line is a `line` phrase ("المزيد", "...المزيد"). */
static bool any_of_line(const rasd_boilerplate *bp, const char *key, size_t klen) {
    for (size_t i = 0; i < bp->n[K_LINE]; i++) {
        const char *p = bp->keys.data + bp->off[K_LINE][i];
        if (bp->len[K_LINE][i] == klen && !memcmp(p, key, klen)) return true;
    }
    return false;
}

/* Words of the key that are share-bar words (multi-word entries count
 * each of their words). */
static size_t share_words(const rasd_boilerplate *bp, const char *key, size_t klen) {
    size_t hits = 0, i = 0;
    while (i < klen) {
        size_t best = 0;
        for (size_t p = 0; p < bp->n[K_SHARE]; p++) {
            const char *ph = bp->keys.data + bp->off[K_SHARE][p];
            size_t pl = bp->len[K_SHARE][p];
            if (pl > best && i + pl <= klen && key[i + pl - 1] == ph[pl - 1] && memcmp(key + i, ph, pl) == 0 &&
                (i + pl == klen || key[i + pl] == ' '))
                best = pl;
        }
        size_t end = i;
        if (best) {
            end = i + best;
            for (size_t j = i; j < end; j++) hits += j == i || key[j] == ' ';
        } else {
            while (end < klen && key[end] != ' ') end++;
        }
        i = end + 1;
    }
    return hits;
}

typedef struct line_info {
    rasd_span span;
    size_t words;
    const char *reason; /* NULL: kept */
} line_info;

/* Whether u[p, p + 2) is an Arabic letter, U+0621-U+063A or U+0641-U+064A
 * (p + 1 < len). */
static inline bool letter_at(const unsigned char *u, size_t p) {
    return (u[p] == 0xD8 && (unsigned)(u[p + 1] - 0xA1) <= 0xBA - 0xA1) ||
           (u[p] == 0xD9 && (unsigned)(u[p + 1] - 0x81) <= 0x8A - 0x81);
}

/* Is s[0, len) certainly a paragraph of more than NOTICE_WORDS words that
 * classify keeps, known without tokenizing it? It is when more than
 * NOTICE_WORDS letters open a run of non-space bytes (a token never spans a
 * space, and a letter is always in a word, a hashtag or a link: each such
 * run brings a word of its own), two letters follow each other somewhere
 * (a word of two letters: not every word is a lone letter, the "symbols"
 * rule) and no separator stands between spaces (the menu rule): line_key
 * would stop after a word past NOTICE_WORDS, and classify keep the line
 * with that count; any count past NOTICE_WORDS is the same to the filter.
 * Sixteen bytes at a time: two lines in five of the news are such
 * paragraphs, and line_key tokenized their first 61 words for this. */
static bool long_paragraph(const char *s, size_t len) {
    if (len < 3 * (NOTICE_WORDS + 1)) return false; /* a space and a letter a run */
    const unsigned char *u = (const unsigned char *)s;
    size_t starts = letter_at(u, 0), i = 1;
    bool pair = false;
#if defined(__SSE2__)
    for (; i + 17 <= len && !(starts > NOTICE_WORDS && pair); i += 16) {
        /* bytes i..i+15, each with the byte before it and the one after */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i before = _mm_loadu_si128((const __m128i *)(const void *)(u + i - 1));
        __m128i after = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 1));
        __m128i a8 = _mm_sub_epi8(after, _mm_set1_epi8((char)0xA1)), a9 = _mm_sub_epi8(after, _mm_set1_epi8((char)0x81));
        __m128i in8 = _mm_cmpeq_epi8(_mm_max_epu8(a8, _mm_set1_epi8(0xBA - 0xA1)), _mm_set1_epi8(0xBA - 0xA1));
        __m128i in9 = _mm_cmpeq_epi8(_mm_max_epu8(a9, _mm_set1_epi8(0x8A - 0x81)), _mm_set1_epi8(0x8A - 0x81));
        __m128i letter = _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD8)), in8),
                                      _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD9)), in9));
        unsigned lm = (unsigned)_mm_movemask_epi8(letter);
        unsigned sm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(before, _mm_set1_epi8(' ')));
        starts += (size_t)rasd_popcount64(lm & sm);
        pair |= (lm & (lm >> 2)) != 0; /* a letter, and the next character a letter too */
    }
#endif
    for (; i + 1 < len && !(starts > NOTICE_WORDS && pair); i++) {
        if (!letter_at(u, i)) continue;
        starts += u[i - 1] == ' ';
        pair |= i + 3 < len && letter_at(u, i + 2);
    }
    return starts > NOTICE_WORDS && pair && !has_spaced_separator(s, len);
}

/* The features of one line and the verdict they give, before position. */
static const char *classify(const rasd_boilerplate *bp, const char *s, size_t len, bool arabic_doc, size_t *words) {
    if (long_paragraph(s, len)) {
        *words = NOTICE_WORDS + 1;
        return NULL;
    }
    char k[MAX_LINE_KEY];
    size_t latin, links, one_letter, symbols, separators, puncts;
    size_t klen = line_key(s, len, k, sizeof k, words, &latin, &links, &one_letter, &symbols, &separators, &puncts);
    size_t w = *words;
    if (w == 0) return symbols ? "symbols" : NULL; /* "×", "***", a lone icon; NULL: blank */
    /* "ع ع ع": font-size buttons; "(أ. ف. ب)", an agency's initials, has
     * its dots and stays */
    if (w >= 2 && one_letter == w && puncts == 0) return "symbols";
    if (w <= NOTICE_WORDS && any_of_line(bp, k, klen)) return "phrase";
    if (w <= SHORT_WORDS && (any_of(bp, K_START, k, klen, true) || any_of(bp, K_ANY, k, klen, false)))
        return "phrase";
    if (w <= NOTICE_WORDS && any_of(bp, K_NOTICE, k, klen, false)) return "phrase";
    /* share bars carry no quotes or numbering: "2. «فيسبوك ماسنجر»" is an
     * item of a list of apps */
    if (w <= SHORT_WORDS && puncts <= 1 && (double)share_words(bp, k, klen) >= SHARE_SHARE * (double)w)
        return "share-bar";
    /* links, addresses, handles and hashtags alone: a writer's contact line,
     * a list of tags (Latin words alone are not enough: product names) */
    if (arabic_doc && w <= LINK_MAX_WORDS && (double)links >= LINK_SHARE * (double)w) return "links";
    if (separators >= 2 && w <= 3 * (separators + 1)) return "menu";
    return NULL;
}

static bool mostly_arabic(const char *s, size_t len) {
    size_t arabic = 0, other = 0;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
#if defined(__SSE2__)
    /* sixteen bytes at a time: every byte of every document passes here
     * (a byte at a time, 1% of analyze; callgrind) */
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        /* u - 0xD8 <= 3 and (u | 32) - 'a' <= 25, unsigned: max(x, k) == k */
        __m128i a = _mm_sub_epi8(v, _mm_set1_epi8((char)0xD8));
        __m128i l = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(32)), _mm_set1_epi8('a'));
        unsigned ma = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(a, _mm_set1_epi8(3)), _mm_set1_epi8(3)));
        unsigned ml = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(l, _mm_set1_epi8(25)), _mm_set1_epi8(25)));
        arabic += (size_t)rasd_popcount64(ma);
        other += (size_t)rasd_popcount64(ml);
    }
#endif
    for (; i < len; i++) {
        arabic += (unsigned)(u[i] - 0xD8) < 4u;
        other += (unsigned)((u[i] | 32) - 'a') < 26u;
    }
    /* an Arabic letter is two bytes, one lead byte: compare letters */
    return arabic > other;
}

rasd_status rasd_boilerplate_filter(const rasd_boilerplate *bp, const char *text, size_t len,
                                    rasd_boilerplate_result *out, rasd_error *err) {
    memset(out, 0, sizeof *out);
    if (!bp || (!text && len)) return rasd_fail(err, RASD_ERR_USAGE, "boilerplate filter: no phrase list or text");
    line_info *lines = NULL;
    size_t n = 0, cap = 0;
    bool arabic_doc = mostly_arabic(text, len);
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (!rasd_grow((void **)&lines, &cap, n, sizeof *lines)) {
            free(lines);
            return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        }
        line_info *li = &lines[n++];
        li->span = (rasd_span){pos, end};
        li->reason = classify(bp, text + pos, end - pos, arabic_doc, &li->words);
        pos = end + 1;
    }
    /* the closing run: the short lines after the last long one; from its
     * first boilerplate line on, everything goes (the appeal's own words
     * are not in any list, but it sits among lines that are) */
    size_t last_long = n;
    for (size_t i = n; i-- > 0;)
        if (lines[i].words > TAIL_WORDS) {
            last_long = i;
            break;
        }
    if (last_long < n) {
        size_t first = n;
        for (size_t i = last_long + 1; i < n && first == n; i++)
            if (lines[i].reason) first = i;
        for (size_t i = first; i < n; i++)
            if (!lines[i].reason && lines[i].words) lines[i].reason = "tail";
    }
    rasd_buf b = {0};
    rasd_buf_reserve(&b, len);
    size_t removed = 0;
    for (size_t i = 0; i < n; i++) removed += lines[i].reason != NULL;
    if (removed && !(out->removed = calloc(removed, sizeof *out->removed))) b.oom = true;
    for (size_t i = 0; i < n && !b.oom; i++) {
        if (lines[i].reason) {
            out->removed[out->n_removed++] = (rasd_removed_line){lines[i].span, lines[i].reason};
            continue;
        }
        size_t s = lines[i].span.start, e = lines[i].span.end;
        rasd_buf_append(&b, text + s, e - s);
        if (e < len) rasd_buf_putc(&b, '\n');
    }
    free(lines);
    if (b.oom) {
        rasd_buf_free(&b);
        rasd_boilerplate_result_free(out);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    /* blank lines the removal left at the end */
    while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r' || b.data[b.len - 1] == ' ' ||
                     b.data[b.len - 1] == '\t'))
        b.len--;
    if (b.len < len && len && text[len - 1] == '\n' && b.len) b.data[b.len++] = '\n';
    if (!b.data) {
        b.data = calloc(1, 1);
        if (!b.data) {
            rasd_boilerplate_result_free(out);
            return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        }
    }
    b.data[b.len] = '\0';
    out->text = b.data;
    out->len = b.len;
    return RASD_OK;
}

void rasd_boilerplate_result_free(rasd_boilerplate_result *r) {
    if (!r) return;
    free(r->text);
    free(r->removed);
    memset(r, 0, sizeof *r);
}

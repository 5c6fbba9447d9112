/*
 * morph.c: the word analyzer: matching key, clitics and stem of one word.
 *
 * Clitics. Arabic writes conjunctions, prepositions, the article and the
 * future particle as prefixes (و ف ب ك ل لل ال س) and object or possessive
 * pronouns as suffixes (ه ها هم هما كم كما نا ي). No dictionary-free rule
 * can tell وزير "minister" from و+زير, so a split is taken only where the
 * rest is a plausible word: it is a closed-class word, or the lexicon (word
 * counts from news text) sees it at least TAU times as often as the whole
 * form. Prefixes are peeled outside-in, greedily: conjunction, then
 * preposition or future particle, then article. The article is taken
 * whenever two or more letters remain, unless the whole form is frequent
 * and the rest never occurs (الكترونية). Two words unknown to the lexicon
 * (a new name: وقسد) are split only on the three most frequent prefixes.
 * A suffix is taken only from a word without the article (they never
 * co-occur), only where the rest is known, and ه only when the text wrote
 * ه and not ة (which the key folds into ه).
 *
 * Stems come from Snowball's Arabic stemmer (libstemmer), run on the key.
 * Analyses are cached per analyzer by exact surface bytes: news vocabulary
 * is Zipfian, so almost every word is a cache hit. The cache is bounded so
 * memory does not grow with the input: once full it admits nothing more
 * and later new words are analysed afresh each time. The words seen first
 * are, overwhelmingly, the frequent ones, so the hit rate stays high; a
 * cache that was cleared when full would throw the frequent words away.
 */
#include "charclass.h"
#include "core/internal.h"
#include "utf8_inline.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LETTERS 512
#define MAX_MEMO 8
#define CACHE_SLOTS (1u << 19)
#define CACHE_MAX_USED (CACHE_SLOTS / 2) /* short probe chains */
#define CACHE_MAX_ARENA (16u << 20)

/* How often the rest must occur, relative to the whole form, for a split.
 * Set from the lexicon's counts (docs/text.md has the figures): و is so
 * common that وأضافت is seen 12 times as often as أضافت, while وزير is
 * seen 2,000 times as often as زير; ف and ك are rare as clitics and begin
 * many names (فيصل، كريم), so they need the rest to be about as frequent
 * as the whole. */
#define TAU_WAW 0.05
#define TAU_BA_LAM 0.2
#define TAU_FA 1.5
#define TAU_KAF 1.0
#define TAU_SIN 0.2
#define TAU_SUFFIX 0.5
#define TAU_SUFFIX_YA 2.0
/* A form seen this often with the rest never seen keeps its article. */
#define KNOWN_WHOLE 5

/* One cache line per entry, and a hit reads this line and nothing else
 * when the key fits in it (up to INLINE_NORM bytes: eight Arabic letters,
 * nine tokens in ten of news text); a longer key is in the arena. The
 * surface is known by its 64-bit hash and length alone, as the name
 * tagger's word cache knows it: two surfaces of one length share a hash
 * with a chance of 2^-64 per pair, below 2^-26 over the 2^18 words the
 * cache holds and all the look-ups of a corpus. Keeping the surface to
 * compare it took the room of the key, and reading the key from the arena
 * was a second cache miss per word (4% of analyze). */
#define INLINE_NORM 16
typedef struct cache_entry {
    uint64_t hash;                 /* of the surface, | 1; 0 with used = 0 */
    uint64_t norm_hash, base_hash; /* rasd_hash_bytes of the key and of the base */
    char norm[INLINE_NORM];        /* the key, when norm_len <= INLINE_NORM */
    uint32_t norm_off, stem_off;   /* in the arena (norm_off: a longer key) */
    uint16_t surf_len, norm_len, stem_len;
    uint16_t base_start, base_end; /* relative to the token's start */
    uint8_t n_pro, pro_len[RASD_MAX_PROCLITICS], enc_len;
    uint8_t used;
} __attribute__((aligned(64))) cache_entry;
_Static_assert(sizeof(cache_entry) == 64, "a cache entry is one cache line");

/* Stems by base. Snowball's Arabic stemmer takes some 4,000 instructions
 * a word, and many new word forms share a base already stemmed (والعشائر
 * after العشائر): over SaudiNewsNet 63% of the stemmer's calls repeated a
 * base. The stem's bytes stay in the arena, shared by every entry whose
 * base it is. */
#define STEM_SLOTS (1u << 18)
#define STEM_MAX_USED (STEM_SLOTS / 2)

typedef struct stem_entry {
    uint64_t hash; /* of the base, | 1 (with base_len, its identity, as in the cache); 0: empty */
    uint32_t stem_off; /* in the arena */
    uint16_t base_len, stem_len;
} stem_entry;

typedef struct lexinfo {
    uint32_t count;
    bool function_word;
    bool known; /* memo filled */
} lexinfo;

/* A tail key[from, n) of the word being analysed, hashed ahead. */
typedef struct tail_key {
    uint64_t hash;
    uint32_t len; /* bytes; 0: not hashed ahead */
} tail_key;

struct rasd_analyzer {
    const rasd_lexicon *lex;
    struct sb_stemmer *stemmer;
    cache_entry *slots;
    stem_entry *stems;
    size_t stems_used;
    bool skip_stems; /* rasd_analyzer_skip_stems */
    cache_entry spare; /* the analysis of a word the full cache did not admit */
    size_t used;
    rasd_buf arena;
    /* scratch for the word being analysed */
    int32_t key[MAX_LETTERS];      /* key letters */
    int32_t orig[MAX_LETTERS];     /* the code point each came from */
    uint32_t src_start[MAX_LETTERS], src_end[MAX_LETTERS];
    lexinfo tail[MAX_MEMO]; /* memo of the current word's tails */
    tail_key tail_key[MAX_MEMO];
    char norm_buf[MAX_LETTERS * 4];  /* the key of the word being analysed */
    void *stage[RASD_SLOT_COUNT];           /* later stages' per-thread memory */
    void (*slot_destroy[RASD_SLOT_COUNT])(void *);
    rasd_buf scratch;
};

rasd_analyzer *rasd_analyzer_new(const rasd_lexicon *lex, rasd_error *err) {
    /* aligned as its members ask: `spare` is a cache_entry, aligned to 64,
     * which calloc does not promise (a compiler may copy an entry with one
     * aligned 64-byte store: built for AVX-512, that faulted once the
     * cache was full) */
    size_t size = (sizeof(rasd_analyzer) + _Alignof(rasd_analyzer) - 1) / _Alignof(rasd_analyzer) * _Alignof(rasd_analyzer);
    rasd_analyzer *an = aligned_alloc(_Alignof(rasd_analyzer), size);
    if (!an) goto oom;
    memset(an, 0, size);
    an->lex = lex;
    an->slots = rasd_table_alloc(CACHE_SLOTS * sizeof(cache_entry)); /* 2 MB-aligned: 64 too */
    if (!an->slots) goto oom;
    an->stems = rasd_table_alloc(STEM_SLOTS * sizeof(stem_entry));
    if (!an->stems) goto oom;
    an->stemmer = sb_stemmer_new("arabic", "UTF_8");
    if (!an->stemmer) {
        rasd_analyzer_destroy(an);
        rasd_fail(err, RASD_ERR_DATA, "libstemmer has no Arabic stemmer");
        return NULL;
    }
    return an;
oom:
    rasd_analyzer_destroy(an);
    rasd_fail(err, RASD_ERR_NOMEM, "out of memory creating an analyzer");
    return NULL;
}

void **rasd_analyzer_slot(rasd_analyzer *an, int slot, void (*destroy)(void *)) {
    if (slot < 0 || slot >= RASD_SLOT_COUNT) return NULL;
    an->slot_destroy[slot] = destroy;
    return &an->stage[slot];
}

void rasd_analyzer_destroy(rasd_analyzer *an) {
    if (!an) return;
    for (int i = 0; i < RASD_SLOT_COUNT; i++)
        if (an->stage[i] && an->slot_destroy[i]) an->slot_destroy[i](an->stage[i]);
    if (an->stemmer) sb_stemmer_delete(an->stemmer);
    rasd_table_free(an->slots, CACHE_SLOTS * sizeof(cache_entry));
    rasd_table_free(an->stems, STEM_SLOTS * sizeof(stem_entry));
    rasd_buf_free(&an->arena);
    rasd_buf_free(&an->scratch);
    free(an);
}

/* ------------------------------------------------------------ clitics */

typedef struct letters {
    const int32_t *key, *orig;
    size_t n;
} letters;

/* Encodes key letters [from, to) into the scratch buffer; returns a pointer. */
static const char *encode(rasd_analyzer *an, const letters *w, size_t from, size_t to, size_t *len) {
    an->scratch.len = 0;
    for (size_t i = from; i < to; i++) rasd_buf_put_cp(&an->scratch, w->key[i]);
    rasd_buf_reserve(&an->scratch, 0);
    *len = an->scratch.len;
    return an->scratch.data ? an->scratch.data : "";
}

/* Count and function-word flag of key[from, to). Look-ups of a word's tails
 * key[from, n) repeat while prefixes are weighed, so those are memoised
 * for the word being analysed (an->tail, reset per word). */
static lexinfo info_of(rasd_analyzer *an, const letters *w, size_t from, size_t to) {
    if (to == w->n && from < MAX_MEMO && an->tail[from].known) return an->tail[from];
    lexinfo li = {0, false, true};
    if (to == w->n && from < MAX_MEMO && an->tail_key[from].len) {
        li.count = rasd_lexicon_info_hashed(an->lex, an->tail_key[from].len, an->tail_key[from].hash, &li.function_word);
    } else {
        size_t len;
        const char *s = encode(an, w, from, to, &len);
        li.count = rasd_lexicon_info(an->lex, s, len, &li.function_word);
    }
    if (to == w->n && from < MAX_MEMO) an->tail[from] = li;
    return li;
}

/* Hashes the word's tails key[from, n) that the clitic split may weigh
 * and asks for their lexicon slots, all before the first is read: a new
 * word form looks up several of its tails, each a likely miss in a 6 MB
 * table, and one after another they stalled 3% of analyze. */
static void prefetch_tails(rasd_analyzer *an, const letters *w, const char *s, size_t len) {
    size_t off = 0; /* s[0, len): the whole key, encoded */
    for (size_t from = 0; from < MAX_MEMO && from + 2 <= w->n; from++) {
        an->tail_key[from].hash = rasd_hash_bytes(s + off, len - off);
        an->tail_key[from].len = (uint32_t)(len - off);
        rasd_lexicon_prefetch_hashed(an->lex, an->tail_key[from].hash);
        char tmp[4];
        off += rasd_utf8_encode(w->key[from], tmp);
    }
}

static uint32_t count_of(rasd_analyzer *an, const letters *w, size_t from, size_t to) {
    return info_of(an, w, from, to).count;
}

static bool is_function_word(rasd_analyzer *an, const letters *w, size_t from, size_t to) {
    return info_of(an, w, from, to).function_word;
}

/* Count of "ال" + key[from, to): how often the rest occurs with the article. */
static uint32_t count_with_article(rasd_analyzer *an, const letters *w, size_t from, size_t to) {
    an->scratch.len = 0;
    rasd_buf_put_cp(&an->scratch, 0x0627);
    rasd_buf_put_cp(&an->scratch, 0x0644);
    for (size_t i = from; i < to; i++) rasd_buf_put_cp(&an->scratch, w->key[i]);
    if (an->scratch.oom) return 0;
    return rasd_lexicon_count(an->lex, an->scratch.data, an->scratch.len);
}

/* Is key[from, n) a plausible word once the prefix key[at, from) is gone?
 * `common` marks the prefixes split even when both forms are unknown. */
static bool prefix_plausible(rasd_analyzer *an, const letters *w, size_t at, size_t from, bool common, double tau) {
    size_t rest = w->n - from;
    if (rest < 2) return false;
    if (is_function_word(an, w, from, w->n)) return true;
    if (rest < 3) return false;
    uint32_t whole = count_of(an, w, at, w->n);
    uint32_t part = count_of(an, w, from, w->n);
    if (whole == 0 && part == 0) return common;
    return (double)part >= tau * (double)whole && part > 0;
}

static bool is_imperfect_prefix(int32_t cp) { return cp == 0x064A || cp == 0x062A || cp == 0x0646 || cp == 0x0627; }

/* Finds the prefixes; returns the index where the base starts and fills
 * the proclitic lengths (in letters). */
static size_t split_prefixes(rasd_analyzer *an, const letters *w, uint8_t pro[RASD_MAX_PROCLITICS], uint8_t *n_pro,
                             bool *has_article) {
    size_t at = 0;
    *n_pro = 0;
    *has_article = false;
    if (w->n < 3 || is_function_word(an, w, 0, w->n)) return 0;
    const int32_t *k = w->key;
    const int32_t ALEF = 0x0627, LAM = 0x0644;
    /* conjunction */
    if ((k[0] == 0x0648 || k[0] == 0x0641) && prefix_plausible(an, w, 0, 1, k[0] == 0x0648, k[0] == 0x0648 ? TAU_WAW : TAU_FA)) {
        pro[(*n_pro)++] = 1;
        at = 1;
    }
    /* preposition, لل (ل + article with its alef elided), or future س */
    if (w->n - at >= 3) {
        int32_t c = k[at];
        if (c == LAM && k[at + 1] == LAM && w->n - at >= 4) {
            uint32_t with_art = count_with_article(an, w, at + 2, w->n);
            if (with_art > 0 || count_of(an, w, at + 2, w->n) > 0 || count_of(an, w, at, w->n) == 0) {
                pro[(*n_pro)++] = 2;
                *has_article = true;
                return at + 2;
            }
        }
        if ((c == 0x0628 || c == LAM) && prefix_plausible(an, w, at, at + 1, true, TAU_BA_LAM)) {
            pro[(*n_pro)++] = 1;
            at += 1;
        } else if (c == 0x0643 && prefix_plausible(an, w, at, at + 1, false, TAU_KAF)) {
            pro[(*n_pro)++] = 1;
            at += 1;
        } else if (c == 0x0633 && is_imperfect_prefix(k[at + 1]) &&
                   prefix_plausible(an, w, at, at + 1, false, TAU_SIN)) {
            pro[(*n_pro)++] = 1;
            return at + 1; /* a verb takes no article */
        }
    }
    /* article */
    if (w->n - at >= 4 && k[at] == ALEF && k[at + 1] == LAM && !is_function_word(an, w, at, w->n)) {
        uint32_t rest = count_of(an, w, at + 2, w->n);
        uint32_t whole = count_of(an, w, at, w->n);
        if (rest > 0 || whole < KNOWN_WHOLE) {
            pro[(*n_pro)++] = 2;
            *has_article = true;
            at += 2;
        }
    }
    return at;
}

/* Count of key[from, to) with its last letter replaced by `last`: a word
 * changes its final letter before a suffix (دولة -> دولته, شركاء ->
 * شركائنا), and the lexicon counts the free-standing form. */
static uint32_t count_with_final(rasd_analyzer *an, const letters *w, size_t from, size_t to, int32_t last) {
    an->scratch.len = 0;
    for (size_t i = from; i + 1 < to; i++) rasd_buf_put_cp(&an->scratch, w->key[i]);
    rasd_buf_put_cp(&an->scratch, last);
    if (an->scratch.oom) return 0;
    return rasd_lexicon_count(an->lex, an->scratch.data, an->scratch.len);
}

/* Finds a pronoun suffix on key[base, n); returns its length in letters. */
static size_t split_suffix(rasd_analyzer *an, const letters *w, size_t base) {
    static const int32_t SUFFIXES[][3] = {
        {0x0647, 0x0645, 0x0627}, /* هما */
        {0x0643, 0x0645, 0x0627}, /* كما */
        {0x0647, 0x0645, 0},      /* هم */
        {0x0647, 0x0627, 0},      /* ها */
        {0x0643, 0x0645, 0},      /* كم */
        {0x0646, 0x0627, 0},      /* نا */
        {0x0647, 0, 0},           /* ه */
        {0x064A, 0, 0},           /* ي */
    };
    size_t n = w->n;
    for (size_t s = 0; s < sizeof SUFFIXES / sizeof SUFFIXES[0]; s++) {
        size_t len = SUFFIXES[s][2] ? 3 : SUFFIXES[s][1] ? 2 : 1;
        if (n - base < len + 2) continue;
        bool match = true;
        for (size_t j = 0; j < len; j++)
            if (w->key[n - len + j] != SUFFIXES[s][j]) match = false;
        if (!match) continue;
        /* ه written as ة is the feminine ending, not a pronoun; ي written
         * as ى is a final alef. */
        int32_t last = w->orig[n - 1];
        if (last == 0x0629 || last == 0x0649) continue;
        if (is_function_word(an, w, base, n - len)) return len;
        if (n - len - base < 3) continue;
        uint32_t part = count_of(an, w, base, n - len);
        uint32_t whole = count_of(an, w, base, n);
        int32_t before = w->key[n - len - 1];
        if (before == 0x062A) /* ة is written ت before a suffix (key of ة is ه) */
            part += count_with_final(an, w, base, n - len, 0x0647);
        else if (before == 0x0626 || before == 0x0624) /* final ء takes a seat: ئ ؤ */
            part += count_with_final(an, w, base, n - len, 0x0621);
        double tau = (len == 1 && SUFFIXES[s][0] == 0x064A) ? TAU_SUFFIX_YA : TAU_SUFFIX;
        if (part > 0 && (double)part >= tau * (double)whole) return len;
    }
    return 0;
}

/* -------------------------------------------------------------- cache */

static cache_entry *cache_find(rasd_analyzer *an, size_t n, uint64_t h) {
    size_t i = (size_t)h & (CACHE_SLOTS - 1);
    for (;;) {
        cache_entry *e = &an->slots[i];
        if (!e->used) return e;
        if (e->hash == h && e->surf_len == n) return e;
        i = (i + 1) & (CACHE_SLOTS - 1);
    }
}

static stem_entry *stem_find(rasd_analyzer *an, size_t n, uint64_t h) {
    size_t i = (size_t)h & (STEM_SLOTS - 1);
    for (;;) {
        stem_entry *e = &an->stems[i];
        if (!e->hash || (e->hash == h && e->base_len == n)) return e;
        i = (i + 1) & (STEM_SLOTS - 1);
    }
}

static void cache_clear(rasd_analyzer *an) {
    memset(an->slots, 0, CACHE_SLOTS * sizeof(cache_entry));
    memset(an->stems, 0, STEM_SLOTS * sizeof(stem_entry));
    an->stems_used = 0;
    an->used = 0;
    an->arena.len = 0;
}

static void fill_word(const rasd_analyzer *an, const cache_entry *e, size_t start, rasd_word *out) {
    /* every field written once, no memset first: this runs for every
     * word of every article */
    const char *norm = e->norm_len <= INLINE_NORM ? e->norm : an->arena.data + e->norm_off;
    out->norm = norm;
    out->norm_len = e->norm_len;
    size_t off = 0;
    out->n_proclitics = e->n_pro;
    for (int i = 0; i < RASD_MAX_PROCLITICS; i++) {
        bool used = i < e->n_pro;
        out->proclitic[i] = used ? norm + off : NULL;
        out->proclitic_len[i] = used ? e->pro_len[i] : 0;
        off += used ? e->pro_len[i] : 0;
    }
    out->base = norm + off;
    out->base_len = e->norm_len - off - e->enc_len;
    out->enclitic = e->enc_len ? norm + e->norm_len - e->enc_len : NULL;
    out->enclitic_len = e->enc_len;
    out->base_start = start + e->base_start;
    out->base_end = start + e->base_end;
    out->stem = an->arena.data + e->stem_off;
    out->stem_len = e->stem_len;
    out->norm_hash = e->norm_hash;
    out->base_hash = e->base_hash;
}

/* ----------------------------------------------------------- analysis */

static size_t utf8_len_of(const int32_t *cps, size_t from, size_t to) {
    size_t n = 0;
    char tmp[4];
    for (size_t i = from; i < to; i++) n += rasd_utf8_encode(cps[i], tmp);
    return n;
}

void rasd_analyzer_prefetch_hashed(const rasd_analyzer *an, uint64_t hash) {
    /* and the next slot: at half load, a probe goes on to it one time in
     * three or so (measured: the look-up's stall fell by a sixth) */
    size_t i = (size_t)(hash | 1) & (CACHE_SLOTS - 1);
    __builtin_prefetch(&an->slots[i]);
    __builtin_prefetch(&an->slots[(i + 1) & (CACHE_SLOTS - 1)]);
}

void rasd_analyzer_prefetch(const rasd_analyzer *an, const char *text, size_t start, size_t end) {
    rasd_analyzer_prefetch_hashed(an, rasd_hash_bytes(text + start, end - start));
}

rasd_status rasd_analyze_word(rasd_analyzer *an, const char *text, size_t start, size_t end, rasd_word *out) {
    if (!an || !text || end <= start || end - start > UINT16_MAX)
        return RASD_ERR_USAGE;
    return rasd_analyze_word_hashed(an, text, start, end, rasd_hash_bytes(text + start, end - start), out);
}

static rasd_status analyse_new(rasd_analyzer *an, const char *text, size_t start, size_t end, uint64_t h,
                               cache_entry *e, rasd_word *out);

rasd_status rasd_analyze_word_hashed(rasd_analyzer *an, const char *text, size_t start, size_t end, uint64_t hash,
                                     rasd_word *out) {
    if (!an || !text || end <= start || end - start > UINT16_MAX)
        return RASD_ERR_USAGE;
    uint64_t h = hash | 1;
    cache_entry *e = cache_find(an, end - start, h);
    if (e->used) {
        fill_word(an, e, start, out);
        return RASD_OK;
    }
    return analyse_new(an, text, start, end, h, e, out);
}

/* A word not in the cache (e: its empty slot), apart from the hits above,
 * which are nearly every call: with it inline, every hit paid for the
 * registers and the frame of this analysis (some 7 of a hit's 100
 * instructions; callgrind over 500 articles, -0.13%). */
static __attribute__((noinline)) rasd_status analyse_new(rasd_analyzer *an, const char *text, size_t start,
                                                         size_t end, uint64_t h, cache_entry *e, rasd_word *out) {
    const char *surf = text + start;
    size_t surf_len = end - start;
    /* Full: analyse into a spare entry, written over on every miss. The
     * arena keeps a tail past CACHE_MAX_ARENA for it, rewound each time. */
    bool admit = an->used < CACHE_MAX_USED && an->arena.len < CACHE_MAX_ARENA;
    size_t arena_mark = an->arena.len;
    if (!admit) e = &an->spare;

    /* key letters, each with the code point and source bytes it came from */
    size_t n = 0, i = 0;
    bool arabic = true;
    while (i < surf_len && n < MAX_LETTERS - RASD_NORM_MAX_EXPANSION) {
        int32_t cp, mapped[RASD_NORM_MAX_EXPANSION];
        size_t len = rasd_utf8_next((const unsigned char *)surf + i, surf_len - i, &cp);
        int m = rasd_normalize_char(cp, mapped);
        for (int j = 0; j < m; j++) {
            an->key[n] = mapped[j];
            an->orig[n] = cp;
            an->src_start[n] = (uint32_t)i;
            an->src_end[n] = (uint32_t)(i + len);
            if (rasd_charclass(mapped[j]) != CC_ARABIC) arabic = false;
            n++;
        }
        i += len;
    }
    letters w = {an->key, an->orig, n};
    memset(an->tail, 0, sizeof an->tail);
    /* the key, encoded once: its tails are weighed below, then it is stored */
    char *nb = an->norm_buf; /* n letters of at most 4 bytes */
    size_t nl = 0;
    for (size_t k = 0; k < n; k++) nl += rasd_utf8_encode(an->key[k], nb + nl);

    uint8_t pro[RASD_MAX_PROCLITICS] = {0}, n_pro = 0;
    size_t base = 0, enc = 0;
    bool has_article = false;
    memset(an->tail_key, 0, sizeof an->tail_key);
    if (arabic && n >= 3) {
        prefetch_tails(an, &w, nb, nl);
        base = split_prefixes(an, &w, pro, &n_pro, &has_article);
        if (!has_article) enc = split_suffix(an, &w, base);
    }

    /* store: the key (in the entry when it fits), its hashes, the stem */
    rasd_buf *a = &an->arena;
    cache_entry ne = {0};
    ne.hash = h;
    ne.used = 1;
    ne.surf_len = (uint16_t)surf_len;
    ne.norm_len = (uint16_t)nl;
    if (nl <= INLINE_NORM) {
        memcpy(ne.norm, nb, nl);
    } else {
        ne.norm_off = (uint32_t)a->len;
        rasd_buf_append(a, nb, nl);
    }
    ne.n_pro = n_pro;
    size_t letter = 0, pro_bytes = 0;
    for (int k = 0; k < n_pro; k++) {
        ne.pro_len[k] = (uint8_t)utf8_len_of(an->key, letter, letter + pro[k]);
        letter += pro[k];
        pro_bytes += ne.pro_len[k];
    }
    ne.enc_len = (uint8_t)utf8_len_of(an->key, n - enc, n);
    size_t base_bytes = nl - pro_bytes - ne.enc_len;
    /* every later stage probes its tables with these, for every token */
    ne.norm_hash = rasd_hash_bytes(nb, nl);
    ne.base_hash = base_bytes == nl ? ne.norm_hash : rasd_hash_bytes(nb + pro_bytes, base_bytes);
    /* The base's source span runs from the first base letter's bytes to
     * the last one's; dropped marks at the edges stay with the clitics. */
    if (n > 0 && base < n - enc) {
        ne.base_start = (uint16_t)an->src_start[base];
        ne.base_end = (uint16_t)an->src_end[n - enc - 1];
        if (enc == 0) ne.base_end = (uint16_t)surf_len; /* trailing marks belong to the word */
    } else {
        ne.base_start = 0;
        ne.base_end = (uint16_t)surf_len;
    }
    ne.stem_off = (uint32_t)a->len;
    if (an->skip_stems) {
        ne.stem_len = 0;
    } else if (arabic && nl > 0 && !a->oom) {
        /* Stem the base: our clitic split knows the lexicon, Snowball's
         * prefix rules do not (it leaves لداعش and والعشائر whole). */
        uint64_t bh = ne.base_hash | 1;
        stem_entry *se = stem_find(an, base_bytes, bh);
        if (se->hash) {
            ne.stem_off = se->stem_off; /* shared: the arena's bytes never change while the cache stands */
            ne.stem_len = se->stem_len;
        } else {
            const sb_symbol *st = sb_stemmer_stem(an->stemmer, (const sb_symbol *)(nb + pro_bytes), (int)base_bytes);
            if (st) {
                int sl = sb_stemmer_length(an->stemmer);
                char key[1024];
                size_t kl = rasd_normalize((const char *)st, (size_t)sl, key, sizeof key);
                rasd_buf_append(a, key, kl < sizeof key ? kl : sizeof key - 1);
            }
            ne.stem_len = (uint16_t)(a->len - ne.stem_off);
            /* only a word the cache keeps: a spare's bytes are rewound */
            if (admit && !a->oom && an->stems_used < STEM_MAX_USED) {
                *se = (stem_entry){bh, ne.stem_off, (uint16_t)base_bytes, ne.stem_len};
                an->stems_used++;
            }
        }
    } else {
        /* other scripts: the stem is the key */
        rasd_buf_append(a, nb, nl);
        ne.stem_len = (uint16_t)(a->len - ne.stem_off);
    }
    rasd_buf_reserve(a, 0);
    if (a->oom) {
        cache_clear(an);
        a->oom = false;
        return RASD_ERR_NOMEM;
    }
    *e = ne;
    if (admit) an->used++;
    fill_word(an, e, start, out);
    if (!admit) an->arena.len = arena_mark; /* the strings stay readable until the next call */
    return RASD_OK;
}

const rasd_lexicon *rasd_analyzer_lexicon(const rasd_analyzer *an) { return an->lex; }

void rasd_analyzer_skip_stems(rasd_analyzer *an) { an->skip_stems = true; }

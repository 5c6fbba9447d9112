/*
 * internal.h: helpers shared by the library's files and not part of the
 * public API: error reporting, a growable byte buffer and a string hash.
 */
#ifndef RASD_INTERNAL_H
#define RASD_INTERNAL_H

#include "rasd.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#if defined(__GNUC__)
#define RASD_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define RASD_PRINTF(a, b)
#endif

/* Fills err (when not NULL) and returns code: the one error path. */
rasd_status rasd_fail(rasd_error *err, rasd_status code, const char *fmt, ...) RASD_PRINTF(3, 4);
/* Same, with a byte offset that the message already names. */
rasd_status rasd_fail_at(rasd_error *err, rasd_status code, size_t offset, const char *fmt, ...)
    RASD_PRINTF(4, 5);

/* A growable byte buffer; on allocation failure it sets oom and stops
 * growing, so callers check once at the end instead of after every append. */
typedef struct rasd_buf {
    char *data;
    size_t len, cap;
    bool oom;
} rasd_buf;

void rasd_buf_reserve(rasd_buf *b, size_t extra);
void rasd_buf_append_slow(rasd_buf *b, const char *s, size_t n);
void rasd_buf_putc_slow(rasd_buf *b, char c);
/* Appends the rest of f to b, read straight into room reserved at once
 * for the file's size (the data files of several MB are read at start-up:
 * 64 KB chunks appended to a doubling buffer copied each byte two or three
 * times). Returns false on a read error; oom as for any append. */
bool rasd_buf_read_file(rasd_buf *b, FILE *f);

/* The bits set in x. __builtin_popcountll is a call into libgcc in the
 * baseline x86-64 build (no POPCNT instruction assumed), which was 2% of
 * `rasd analyze --only entities` (the tagger's weight rows; the SIMD scans
 * of documents and boilerplate lines made 97,000 more calls over 500
 * articles); this SWAR count is inline and a dozen instructions, and with
 * -mpopcnt the compiler turns it into POPCNT. */
static inline uint32_t rasd_popcount64(uint64_t x) {
#if defined(__POPCNT__)
    return (uint32_t)__builtin_popcountll(x);
#else
    x -= (x >> 1) & 0x5555555555555555ULL;
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (uint32_t)((x * 0x0101010101010101ULL) >> 56);
#endif
}

/* Copies n bytes, n small (a word's key, a JSON token): constant-size
 * copies the compiler turns into plain moves, where memcpy(d, s, n) with
 * n unknown is a call into the C library. Appends of 5 to 20 bytes are
 * what the analysis makes by the million, and that call was 2 to 6% of
 * `rasd analyze` (perf). Each case reads and writes only bytes inside
 * [0, n): two copies that overlap instead of one that runs over. */
static inline void rasd_copy_small(char *d, const char *s, size_t n) {
    if (n >= 8 && n <= 16) {
        memcpy(d, s, 8);
        memcpy(d + n - 8, s + n - 8, 8);
    } else if (n >= 4 && n < 8) {
        memcpy(d, s, 4);
        memcpy(d + n - 4, s + n - 4, 4);
    } else if (n < 4) {
        for (size_t i = 0; i < n; i++) d[i] = s[i];
    } else {
        memcpy(d, s, n);
    }
}

/* Appends s[0, n) and keeps the buffer NUL-terminated; the common case
 * (room enough) inline. */
static inline void rasd_buf_append(rasd_buf *b, const char *s, size_t n) {
    if (!b->oom && n < b->cap - b->len) { /* room for n and the NUL */
        rasd_copy_small(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    rasd_buf_append_slow(b, s, n);
}

static inline void rasd_buf_putc(rasd_buf *b, char c) {
    if (!b->oom && b->cap - b->len >= 2) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    rasd_buf_putc_slow(b, c);
}
void rasd_buf_free(rasd_buf *b);
void rasd_buf_put_cp_slow(rasd_buf *b, int32_t cp);
/* Numbers in little-endian bytes, for the model and state files (the
 * readers check each count against the bytes left themselves). */
void rasd_buf_put_u32(rasd_buf *b, uint32_t v);
void rasd_buf_put_u64(rasd_buf *b, uint64_t v);
void rasd_buf_put_f32(rasd_buf *b, float f);
void rasd_buf_put_f64(rasd_buf *b, double f);

/* Reading them back: a cursor over [p, end) that, once a read would run
 * past the end, returns zeros and sets short_read, so that a loader
 * checks once after a group of reads instead of before each. */
typedef struct rasd_le_reader {
    const unsigned char *p, *end;
    bool short_read;
} rasd_le_reader;
/* Inline: the tagger's model is some 400,000 of these reads at start-up,
 * and the calls were a tenth of reading it. */
static inline uint32_t rasd_le_u32(rasd_le_reader *r) {
    if (r->short_read || r->end - r->p < 4) {
        r->short_read = true;
        r->p = r->end;
        return 0;
    }
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}
static inline uint64_t rasd_le_u64(rasd_le_reader *r) {
    uint64_t lo = rasd_le_u32(r);
    return lo | (uint64_t)rasd_le_u32(r) << 32;
}
float rasd_le_f32(rasd_le_reader *r);
double rasd_le_f64(rasd_le_reader *r);
/* Encodes cp into out (4 bytes room); returns its length. Inline: the
 * normalizer and the analyzer encode letter by letter, millions of calls
 * an analysis. */
static inline size_t rasd_utf8_encode(int32_t cp, char out[4]) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Appends the UTF-8 encoding of cp (must be a valid scalar value). */
static inline void rasd_buf_put_cp(rasd_buf *b, int32_t cp) {
    if (!b->oom && b->cap - b->len > 4) { /* room for 4 bytes and the NUL */
        b->len += rasd_utf8_encode(cp, b->data + b->len);
        b->data[b->len] = '\0';
        return;
    }
    rasd_buf_put_cp_slow(b, cp);
}

/* Word hashing is on the hot path (every token, twice with a prefetch), so
 * XXH3 is compiled inline here: on short keys it reads 8 bytes at a time
 * where a byte-wise hash chains a multiply per byte. */
#define XXH_INLINE_ALL
#include <xxhash.h>

static inline uint64_t rasd_hash_bytes(const char *s, size_t n) { return XXH3_64bits(s, n); }

/* Writes s[0, len) into dst (cap > 0 bytes) from offset at, as much as
 * fits, NUL-terminated, and returns at + len: snprintf(dst + at, cap - at,
 * "%s", s) and its return value, chained for several strings (the next
 * at), without the format's parsing. Where ids are built for every event
 * side and name, snprintf cost some 500 instructions for a ten-byte copy.
 * Nothing is written once at >= cap. */
static inline size_t rasd_put(char *dst, size_t cap, size_t at, const char *s, size_t len) {
    if (at < cap) {
        size_t fits = len < cap - at ? len : cap - at - 1;
        memcpy(dst + at, s, fits);
        dst[at + fits] = '\0';
    }
    return at + len;
}
static inline size_t rasd_put_str(char *dst, size_t cap, size_t at, const char *s) {
    return rasd_put(dst, cap, at, s, strlen(s));
}

/* Makes room in a growable array for at least count + 1 items (doubling);
 * false when out of memory, the array left as it was. */
bool rasd_grow(void **items, size_t *cap, size_t count, size_t size);

/* Zeroed memory for a large table probed at random: 2 MB-aligned and, where
 * the kernel allows, on huge pages, so a probe does not also miss the TLB.
 * Small requests are plain calloc; large ones are fresh pages from mmap,
 * zero without being written. Free with rasd_table_free and the same size
 * (a size below 2 MB is free(), so a small table from calloc or malloc may
 * be freed there too). */
void *rasd_table_alloc(size_t bytes);
void rasd_table_free(void *p, size_t bytes);

/* An unknown name as shown and identified: the letters as written, without
 * diacritics, tatweel or format characters, presentation forms as letters,
 * spaces collapsed (normalize.c). Returns the bytes written. */
size_t rasd_name_form(const char *s, size_t len, char *out, size_t cap);

/* The word classes of a matching key (data/lexicon/ar-word-classes.tsv,
 * from ayaspell): a noun or an adjective, a verb, a function word; 0 for a
 * form the dictionary lacks (a foreign name, a rare word). Several bits
 * for a form of several (كتب: books, wrote). Proper names the dictionary
 * lists as nouns are nouns here (كريم، سعيد): a signal to weigh with the
 * context, never a verdict alone. */
enum { RASD_WORD_NOUN = 1, RASD_WORD_VERB = 2, RASD_WORD_FUNCTION = 4, RASD_WORD_FUTURE = 8 /* a verb after س */ };
uint32_t rasd_lexicon_word_class(const rasd_lexicon *lex, const char *key, size_t len);

/* A word's count and whether it is a function word, in one look-up. */
uint32_t rasd_lexicon_info(const rasd_lexicon *lex, const char *key, size_t len, bool *function_word);
/* The same for a key known by its rasd_hash_bytes hash and length, and the
 * prefetch of that look-up (the analyzer asks for all the tails of a new
 * word at once, then weighs them one by one). */
uint32_t rasd_lexicon_info_hashed(const rasd_lexicon *lex, size_t len, uint64_t hash, bool *function_word);
void rasd_lexicon_prefetch_hashed(const rasd_lexicon *lex, uint64_t hash);

/* Per-thread working memory of later stages, kept in the thread's analyzer
 * so that it outlives one document (the name tagger's word cache costs
 * megabytes to set up): the slot's pointer, NULL until the stage fills it;
 * `destroy` frees it with the analyzer. */
enum { RASD_SLOT_TAGGER = 0, RASD_SLOT_EVENTS, RASD_SLOT_COUNT };
void **rasd_analyzer_slot(rasd_analyzer *an, int slot, void (*destroy)(void *));

/* rasd_analyzer_prefetch and rasd_analyze_word with the surface's hash,
 * rasd_hash_bytes(text + start, end - start), given: a caller that
 * prefetches a sentence's words and then analyses them hashes each once. */
void rasd_analyzer_prefetch_hashed(const rasd_analyzer *an, uint64_t hash);
rasd_status rasd_analyze_word_hashed(rasd_analyzer *an, const char *text, size_t start, size_t end, uint64_t hash,
                                     rasd_word *out);

/* The lexicon an analyzer was made with (for the segmenter's look-ups). */
const rasd_lexicon *rasd_analyzer_lexicon(const rasd_analyzer *an);

/* From now on, the analyzer's words get no stem (stem_len 0; the rest is
 * as before): for a caller that reads none, Snowball's calls saved. */
void rasd_analyzer_skip_stems(rasd_analyzer *an);

#endif

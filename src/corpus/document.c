/*
 * document.c: reading one plain-text article and deciding whether it is
 * text rasd should analyse. Every refusal names the file and, where one
 * byte is to blame, its offset; nothing here can crash on hostile input.
 * The first non-blank line is the title; the id is XXH3-128 of the text.
 */
#include "core/internal.h"
#include "text/charclass.h"
#include "text/utf8_inline.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Below this share of Arabic letters among all letters a text is refused
 * (unless allowed): an English page or a Latin-script feed is not news
 * rasd can read, and analysing it would only produce noise. */
#define MIN_ARABIC_SHARE 0.20
/* Control characters beyond this share of the first bytes mean binary. */
#define SNIFF_BYTES 65536

static size_t max_bytes_of(const rasd_read_options *opt) {
    return (opt && opt->max_bytes) ? opt->max_bytes : RASD_DEFAULT_MAX_BYTES;
}

static rasd_status check_binary(const char *name, const char *data, size_t len, rasd_error *err) {
    const char *nul = memchr(data, '\0', len);
    if (nul)
        return rasd_fail_at(err, RASD_ERR_BINARY, (size_t)(nul - data), "%s: binary file (NUL byte at byte %zu)",
                            name, (size_t)(nul - data));
    /* a count, the offset of the first one looked for only when there are
     * too many; with SSE2 sixteen bytes at a time (the byte loop, which
     * the compiler does not vectorize at -O2, read every byte of every
     * article twice: 0.7% of analyze) */
    size_t sniff = len < SNIFF_BYTES ? len : SNIFF_BYTES, controls = 0, i = 0;
    const unsigned char *s = (const unsigned char *)data;
#if defined(__SSE2__)
    for (; i + 16 <= sniff; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F)); /* <= 0x1F */
        __m128i ws = _mm_sub_epi8(v, _mm_set1_epi8('\t'));
        __m128i space = _mm_cmpeq_epi8(_mm_max_epu8(ws, _mm_set1_epi8(4)), _mm_set1_epi8(4)); /* \t \n \v \f \r */
        controls += (size_t)rasd_popcount64((unsigned)_mm_movemask_epi8(_mm_andnot_si128(space, low)));
    }
#endif
    for (; i < sniff; i++) {
        unsigned c = s[i];
        controls += (c < 0x20) & !(c >= '\t' && c <= '\r');
    }
    if (controls > 8 && controls * 100 > sniff) {
        size_t first = 0;
        while (first < sniff && !(s[first] < 0x20 && !(s[first] >= '\t' && s[first] <= '\r'))) first++;
        return rasd_fail_at(err, RASD_ERR_BINARY, first,
                            "%s: binary file (%zu control characters, the first at byte %zu)", name, controls, first);
    }
    return RASD_OK;
}

/* Counts Arabic and other letters, by lead bytes: U+0600-U+06FF are the
 * two-byte sequences led by 0xD8-0xDB, ASCII letters are themselves, and
 * other two-byte leads (Latin-1 to Hebrew, 0xC3-0xD7) are mostly letters.
 * Exact enough for a share: decoding every character here cost a tenth of
 * the whole analysis. The same pass counts the code points (the bytes that
 * are not continuation bytes), which the UTF-8 report needs when the text
 * was taken as it is. With SSE2 (every x86-64) sixteen bytes at a time in
 * byte counters summed every 255 blocks: the compiler's own vectorization
 * of the byte loop widened every count to 64 bits and was twice as slow. */
static void count_letters(const char *text, size_t len, size_t *arabic, size_t *other, size_t *chars) {
    size_t a = 0, o = 0, c8 = 0, i = 0;
    const unsigned char *s = (const unsigned char *)text;
#if defined(__SSE2__)
    const __m128i flip = _mm_set1_epi8((char)0x80), zero = _mm_setzero_si128();
    while (i + 16 <= len) {
        __m128i acc_a = zero, acc_o = zero, acc_c = zero;
        for (int blocks = 0; blocks < 255 && i + 16 <= len; blocks++, i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i x = _mm_xor_si128(v, flip);                 /* bytes as signed, 0x80 -> 0 */
            __m128i y = _mm_or_si128(v, _mm_set1_epi8(0x20));   /* ASCII folded to lower case */
            __m128i is_a = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x57)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x5C)));
            __m128i is_l = _mm_and_si128(_mm_cmpgt_epi8(y, _mm_set1_epi8(0x60)), _mm_cmplt_epi8(y, _mm_set1_epi8(0x7B)));
            __m128i is_o = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x42)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x58)));
            __m128i is_c = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(-1)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x40)));
            acc_a = _mm_sub_epi8(acc_a, is_a); /* a true compare is -1 */
            acc_o = _mm_sub_epi8(_mm_sub_epi8(acc_o, is_l), is_o);
            acc_c = _mm_sub_epi8(acc_c, is_c);
        }
        __m128i sa = _mm_sad_epu8(acc_a, zero), so = _mm_sad_epu8(acc_o, zero), sc = _mm_sad_epu8(acc_c, zero);
        a += (size_t)_mm_cvtsi128_si32(sa) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sa, 8));
        o += (size_t)_mm_cvtsi128_si32(so) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(so, 8));
        c8 -= (size_t)_mm_cvtsi128_si32(sc) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sc, 8));
    }
    c8 += i; /* the blocks' bytes less their continuation bytes */
#endif
    for (; i < len; i++) {
        unsigned c = s[i];
        a += (unsigned)(c - 0xD8) < 4u;
        o += ((unsigned)((c | 32) - 'a') < 26u) + ((unsigned)(c - 0xC3) < 21u);
        c8 += (c & 0xC0) != 0x80;
    }
    *arabic = a;
    *other = o;
    *chars = c8;
}

/* Letters of Arabic's presentation forms (U+FB50-U+FDFF and U+FE70-U+FEFF,
 * three-byte sequences led by 0xEF then 0xAD-0xB7 or 0xB9-0xBB): text
 * copied out of some PDFs and old pages is written in them only, and is
 * Arabic all the same (normalisation folds them to the letters). Counted
 * only when the fast count found too few Arabic letters, so the common
 * case pays nothing. */
static size_t count_presentation_forms(const char *text, size_t len) {
    const unsigned char *s = (const unsigned char *)text;
    size_t n = 0;
    for (size_t i = 0; i + 2 < len; i++)
        if (s[i] == 0xEF && ((s[i + 1] >= 0xAD && s[i + 1] <= 0xB7) || (s[i + 1] >= 0xB9 && s[i + 1] <= 0xBB))) {
            n++;
            i += 2;
        }
    return n;
}

/* The title: the first line with a visible character, trimmed. */
static rasd_span find_title(const char *text, size_t len) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, start = 0, end = 0;
    bool in_title = false;
    while (i < len) {
        int32_t cp;
        size_t n = rasd_utf8_next(s + i, len - i, &cp);
        if (cp == '\n') {
            if (in_title) break;
        } else {
            rasd_cc cc = rasd_charclass(cp);
            if (cc != CC_SPACE && cc != CC_FORMAT) {
                if (!in_title) start = i;
                in_title = true;
                end = i + n;
            }
        }
        i += n;
    }
    return (rasd_span){in_title ? start : 0, in_title ? end : 0};
}

/* The checks and the id, over data[0, len). When `owned` (malloc'd, with a
 * byte to spare after len), data becomes the text itself if it is valid
 * UTF-8, which nearly every article is, instead of being copied; either
 * way the caller no longer frees it. */
static rasd_status document_from(const char *name, char *data, size_t len, bool owned, const rasd_read_options *opt,
                                 rasd_document *doc, rasd_error *err) {
    memset(doc, 0, sizeof *doc);
    size_t max = max_bytes_of(opt);
    rasd_status st = RASD_OK;
    char *text = NULL;
    size_t text_len = 0;
    if (len > max)
        st = rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: %zu bytes is over the limit of %zu bytes (--max-bytes)", name,
                       len, max);
    else if (len == 0)
        st = rasd_fail(err, RASD_ERR_EMPTY, "%s: empty file", name);
    else
        st = check_binary(name, data, len, err);
    if (st != RASD_OK) {
        if (owned) free(data);
        return st;
    }
    size_t skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* byte-order mark */
    if (rasd_utf8_valid_prefix((const unsigned char *)data + skip, len - skip) == len - skip) {
        text_len = len - skip;
        if (owned) {
            text = data;
            if (skip) memmove(text, text + skip, text_len);
        } else if ((text = malloc(text_len + 1)) != NULL) {
            memcpy(text, data + skip, text_len);
        }
        if (!text) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
        text[text_len] = '\0';
    } else {
        rasd_error uerr;
        st = rasd_utf8_sanitize(data, len, opt && opt->strict_utf8, &text, &text_len, &doc->utf8, &uerr);
        if (owned) free(data);
        if (st == RASD_ERR_UTF8) return rasd_fail_at(err, st, uerr.offset, "%s: %s (--strict)", name, uerr.message);
        if (st != RASD_OK) return rasd_fail(err, st, "%s: %s", name, uerr.message);
    }
    size_t arabic, other, chars;
    doc->title = find_title(text, text_len);
    count_letters(text, text_len, &arabic, &other, &chars);
    doc->utf8.chars = chars; /* the same count sanitizing makes */
    if (doc->title.end == 0) {
        free(text);
        return rasd_fail(err, RASD_ERR_EMPTY, "%s: no text (only whitespace)", name);
    }
    if (!(opt && opt->allow_non_arabic)) {
        if (arabic == 0 || (double)arabic < MIN_ARABIC_SHARE * (double)(arabic + other))
            arabic += count_presentation_forms(text, text_len);
        if (arabic == 0) {
            free(text);
            return rasd_fail(err, RASD_ERR_NOT_ARABIC,
                             "%s: not Arabic text (no Arabic letters; --allow-non-arabic accepts it)", name);
        }
        if ((double)arabic < MIN_ARABIC_SHARE * (double)(arabic + other)) {
            free(text);
            return rasd_fail(err, RASD_ERR_NOT_ARABIC,
                             "%s: not Arabic text (only %zu%% of its letters are Arabic; --allow-non-arabic accepts it)",
                             name, arabic * 100 / (arabic + other));
        }
    }
    doc->path = strdup(name);
    if (!doc->path) {
        free(text);
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
    }
    doc->text = text;
    doc->len = text_len;
    XXH128_hash_t h = XXH3_128bits(text, text_len);
    snprintf(doc->id, sizeof doc->id, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
    return RASD_OK;
}

rasd_status rasd_document_from_buffer(const char *name, const char *data, size_t len, const rasd_read_options *opt,
                                      rasd_document *doc, rasd_error *err) {
    return document_from(name, (char *)data, len, false, opt, doc, err);
}

/* Reads all of fd, up to max + 1 bytes (one more tells "too large"), into
 * one buffer with a byte to spare. A regular file's buffer is its size
 * (read(2) straight into it: stdio and a 64 KB buffer for a 3 KB article
 * were a tenth of the reading, measured); a pipe's grows. */
static rasd_status slurp(int fd, const char *name, size_t size_hint, size_t max, char **out, size_t *out_len,
                         rasd_error *err) {
    size_t cap = size_hint ? size_hint + 1 : 65536, len = 0;
    if (cap > max + 1) cap = max + 1;
    char *buf = malloc(cap + 1);
    if (!buf) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
    for (;;) {
        if (len == cap) {
            if (cap > max) break;
            size_t ncap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *p = realloc(buf, ncap + 1);
            if (!p) {
                free(buf);
                return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
            }
            buf = p;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(buf);
            return rasd_fail(err, RASD_ERR_IO, "%s: read error: %s", name, strerror(e));
        }
        if (got == 0) break;
        len += (size_t)got;
    }
    if (len > max) {
        free(buf);
        return rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: more than %zu bytes, over the limit (--max-bytes)", name, max);
    }
    *out = buf;
    *out_len = len;
    return RASD_OK;
}

rasd_status rasd_document_read(const char *path, const rasd_read_options *opt, rasd_document *doc, rasd_error *err) {
    memset(doc, 0, sizeof *doc);
    size_t max = max_bytes_of(opt);
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = STDIN_FILENO;
    size_t hint = 0;
    if (!is_stdin) {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) return rasd_fail(err, RASD_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        struct stat sb;
        if (fstat(fd, &sb) != 0) {
            int e = errno;
            close(fd);
            return rasd_fail(err, RASD_ERR_IO, "%s: cannot open: %s", path, strerror(e));
        }
        if (S_ISDIR(sb.st_mode)) {
            close(fd);
            return rasd_fail(err, RASD_ERR_IS_DIR, "%s: is a directory, not a file", path);
        }
        if (S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > max) {
            close(fd);
            return rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: %lld bytes is over the limit of %zu bytes (--max-bytes)",
                             path, (long long)sb.st_size, max);
        }
        if (S_ISREG(sb.st_mode)) hint = (size_t)sb.st_size;
    }
    char *data = NULL;
    size_t len = 0;
    rasd_status st = slurp(fd, path, hint, max, &data, &len, err);
    if (!is_stdin) close(fd);
    if (st != RASD_OK) return st;
    return document_from(path, data, len, true, opt, doc, err);
}

void rasd_document_destroy(rasd_document *doc) {
    if (!doc) return;
    free(doc->path);
    free(doc->text);
    memset(doc, 0, sizeof *doc);
}

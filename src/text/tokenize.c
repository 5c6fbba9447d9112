/*
 * tokenize.c: the scanner that turns text into tokens (offset, length,
 * type) without copying or allocating, after libpostal's scanner. It is a
 * small hand-written state machine over the character classes of
 * charclass.c: a generated scanner (re2c) would need the Arabic block's
 * classes spelled out as byte-level regular expressions, and the rules
 * here are few and mostly "a run of one class".
 *
 * Rules, in order of priority at a token start:
 *   URL      http://, https://, www.  up to whitespace, less trailing punctuation
 *   e-mail   local@domain.tld
 *   hashtag  # followed by letters, digits or _ (any script)
 *   mention  @ followed by [A-Za-z0-9_]
 *   number   digits of any script, one . , ٫ or ٬ between digits allowed
 *   word     Arabic letters with their diacritics, tatweel and ZWNJ
 *   latin    letters of any other script, digits, one ' or - between letters
 *   punct    one mark; a run of . ! ? ؟ is one token ("...", "!؟")
 *   symbol   anything else visible
 * A word is cut after RASD_MAX_TOKEN_BYTES so no input makes a token (or
 * the work on it) unbounded.
 */
#include "charclass.h"
#include "core/internal.h"
#include "utf8_inline.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define RASD_MAX_TOKEN_BYTES 256

static const char *const TYPE_NAMES[RASD_TOK_TYPE_COUNT] = {
    "word", "latin", "number", "punct", "url", "email", "hashtag", "mention", "symbol",
};

const char *rasd_token_type_name(rasd_token_type type) {
    return (unsigned)type < RASD_TOK_TYPE_COUNT ? TYPE_NAMES[type] : "unknown";
}

void rasd_tokenizer_init(rasd_tokenizer *tz, const char *text, size_t len) {
    tz->text = text;
    tz->len = len;
    tz->pos = 0;
}

typedef struct cursor {
    const unsigned char *s;
    size_t len;
} cursor;

static inline size_t peek(const cursor *c, size_t at, int32_t *cp) {
    if (at >= c->len) {
        *cp = -1;
        return 0;
    }
    return rasd_utf8_next(c->s + at, c->len - at, cp);
}

static inline rasd_cc class_at(const cursor *c, size_t at, int32_t *cp, size_t *n) {
    *n = peek(c, at, cp);
    return *n ? rasd_charclass(*cp) : CC_SPACE;
}

static bool starts_with_ci(const cursor *c, size_t at, const char *lit) {
    size_t n = strlen(lit);
    if (at + n > c->len) return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = c->s[at + i];
        if (ch >= 'A' && ch <= 'Z') ch += 32;
        if (ch != (unsigned char)lit[i]) return false;
    }
    return true;
}

static bool is_trailing_punct(int32_t cp) {
    return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == ')' || cp == ']' ||
           cp == '}' || cp == '\'' || cp == '"' || cp == 0x00BB || cp == 0x060C || cp == 0x061B || cp == 0x061F ||
           cp == 0x201D || cp == 0x2019;
}

/* A URL runs to whitespace or a character that cannot be in one unescaped;
 * closing punctuation at its end belongs to the sentence, not the URL. */
static size_t scan_url(const cursor *c, size_t at) {
    size_t i = at, last_ok = at;
    while (i < c->len) {
        int32_t cp;
        size_t n;
        rasd_cc cc = class_at(c, i, &cp, &n);
        if (cc == CC_SPACE || cp == '<' || cp == '>' || cp == '"' || cp == 0x00AB || cp == 0x00BB ||
            cp == 0x201C || cp == 0x201D)
            break;
        i += n;
        if (!is_trailing_punct(cp)) last_ok = i;
    }
    return last_ok;
}

static bool email_local_char(int32_t cp) {
    return (cp < 0x80) && (((cp | 32) >= 'a' && (cp | 32) <= 'z') || (cp >= '0' && cp <= '9') || cp == '.' ||
                           cp == '_' || cp == '%' || cp == '+' || cp == '-');
}

/* local@domain.tld, all ASCII; returns the end or 0 when it is not one. */
static size_t scan_email(const cursor *c, size_t at) {
    size_t i = at;
    while (i < c->len && email_local_char(c->s[i])) i++;
    if (i == at || i >= c->len || c->s[i] != '@') return 0;
    size_t dom = ++i, last_dot = 0;
    while (i < c->len && (email_local_char(c->s[i]) && c->s[i] != '_' && c->s[i] != '%' && c->s[i] != '+')) {
        if (c->s[i] == '.') last_dot = i;
        i++;
    }
    while (i > dom && (c->s[i - 1] == '.' || c->s[i - 1] == '-')) i--;
    if (!last_dot || last_dot + 2 >= i || last_dot <= dom) return 0;
    return i;
}

static bool is_number_separator(int32_t cp) { return cp == '.' || cp == ',' || cp == 0x066B || cp == 0x066C; }

static size_t scan_number(const cursor *c, size_t at) {
    size_t i = at;
    for (;;) {
        int32_t cp;
        size_t n;
        rasd_cc cc = class_at(c, i, &cp, &n);
        if (cc == CC_DIGIT) {
            i += n;
            continue;
        }
        if (is_number_separator(cp)) {
            int32_t next;
            size_t m;
            if (class_at(c, i + n, &next, &m) == CC_DIGIT) {
                i += n + m;
                continue;
            }
        }
        return i;
    }
}

/* The run of two-byte letters, marks and tatweel of U+0621-U+065F (lead
 * byte D8 or D9) from at, which is nearly all of an Arabic word: the fast
 * path of scan_word, inline where the tokenizer meets an Arabic letter. */
static inline size_t arabic_run(const cursor *c, size_t at) {
    size_t i = at;
    const unsigned char *s = c->s;
#if defined(__SSE2__)
    /* eight of them at once: the pairs D8 A1-BA and D9 80-9F at even
     * offsets from i; the first pair that is neither ends the run.
     * Measured: a word is about five letters, and the pair-at-a-time
     * loop below spent most of its time on its exit branch. */
    while (i + 16 <= c->len && i - at + 16 <= RASD_MAX_TOKEN_BYTES) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i x = _mm_xor_si128(v, _mm_set1_epi8((char)0x80)); /* 0x80 -> 0: signed compares */
        unsigned d8 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD8)));
        unsigned d9 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD9)));
        unsigned a1ba = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x20)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x3B))));
        unsigned x809f = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(-1)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x20))));
        unsigned ok = ((d8 & (a1ba >> 1)) | (d9 & (x809f >> 1))) & 0x5555u;
        if (ok == 0x5555u) {
            i += 16;
            continue;
        }
        return i + (size_t)__builtin_ctz(~ok & 0x5555u); /* the pair there is not one of them */
    }
#endif
    while (i + 1 < c->len && i - at < RASD_MAX_TOKEN_BYTES) {
        unsigned b0 = s[i], b1 = s[i + 1];
        if ((b0 == 0xD8 && b1 >= 0xA1 && b1 <= 0xBA) || (b0 == 0xD9 && b1 >= 0x80 && b1 <= 0x9F))
            i += 2;
        else
            break;
    }
    return i;
}

/* The rest of a word that starts at `at`, from i: Arabic letters take
 * marks, tatweel and joiners; other letters take marks, digits and one
 * inner ' or -. */
static size_t scan_rest(const cursor *c, size_t at, size_t i, bool arabic) {
    while (i < c->len && i - at < RASD_MAX_TOKEN_BYTES) {
        if (c->s[i] == ' ') break; /* what ends most words, answered without a decode */
        int32_t cp;
        size_t n;
        rasd_cc cc = class_at(c, i, &cp, &n);
        if (arabic ? (cc == CC_ARABIC || cc == CC_ARABIC_MARK) : (cc == CC_LETTER || cc == CC_MARK || cc == CC_DIGIT)) {
            i += n;
            continue;
        }
        if (cc == CC_FORMAT && (cp == 0x200C || cp == 0x200D)) { /* ZWNJ/ZWJ inside a word */
            int32_t next;
            size_t m;
            rasd_cc nc = class_at(c, i + n, &next, &m);
            if (arabic ? nc == CC_ARABIC : nc == CC_LETTER) {
                i += n;
                continue;
            }
        }
        if (!arabic && (cp == '\'' || cp == '-' || cp == 0x2019)) {
            int32_t next;
            size_t m;
            if (class_at(c, i + n, &next, &m) == CC_LETTER) {
                i += n;
                continue;
            }
        }
        break;
    }
    return i;
}

/* Runs of characters of one script (arabic_run, then scan_rest). */
static size_t scan_word(const cursor *c, size_t at, bool arabic) {
    return scan_rest(c, at, arabic ? arabic_run(c, at) : at, arabic);
}

static bool is_sentence_mark(int32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == 0x2026; }

bool rasd_tokenizer_next(rasd_tokenizer *tz, rasd_token *tok) {
    cursor c = {(const unsigned char *)tz->text, tz->len};
    size_t i = tz->pos;
    int32_t cp;
    size_t n;
    rasd_cc cc;
    /* skip whitespace and stray format characters (plain spaces, nearly
     * all of it, without a decode) */
    for (;;) {
        while (i < c.len && c.s[i] == ' ') i++;
        if (i >= c.len) {
            tz->pos = i;
            return false;
        }
        cc = class_at(&c, i, &cp, &n);
        if (cc != CC_SPACE && cc != CC_FORMAT) break;
        i += n;
    }
    size_t start = i, end;
    rasd_token_type type;
    if (cc == CC_ARABIC) { /* most tokens; none of the rules before "word" starts with one */
        /* scan_word without its call when the run ends at a space, as
         * most words do (scan_rest would stop there at once): the
         * tokenizer took a seventh fewer instructions (callgrind, 500
         * articles) */
        end = arabic_run(&c, i);
        if (end < c.len && end - i < RASD_MAX_TOKEN_BYTES && c.s[end] != ' ') end = scan_rest(&c, i, end, true);
        type = RASD_TOK_WORD;
    } else if ((cp == 'h' || cp == 'H' || cp == 'w' || cp == 'W') &&
        (starts_with_ci(&c, i, "http://") || starts_with_ci(&c, i, "https://") || starts_with_ci(&c, i, "www."))) {
        end = scan_url(&c, i);
        type = RASD_TOK_URL;
    } else if ((cc == CC_LETTER || cc == CC_DIGIT) && cp < 0x80 && (end = scan_email(&c, i)) != 0) {
        type = RASD_TOK_EMAIL;
    } else if (cp == '#' || cp == 0xFF03) {
        size_t j = i + n;
        while (j < c.len && j - i < RASD_MAX_TOKEN_BYTES) {
            int32_t x;
            size_t m;
            rasd_cc xc = class_at(&c, j, &x, &m);
            if (xc == CC_ARABIC || xc == CC_ARABIC_MARK || xc == CC_LETTER || xc == CC_MARK || xc == CC_DIGIT ||
                x == '_')
                j += m;
            else
                break;
        }
        end = j;
        type = j > i + n ? RASD_TOK_HASHTAG : RASD_TOK_PUNCT;
    } else if (cp == '@') {
        size_t j = i + 1;
        while (j < c.len && j - i < RASD_MAX_TOKEN_BYTES &&
               (((c.s[j] | 32) >= 'a' && (c.s[j] | 32) <= 'z') || (c.s[j] >= '0' && c.s[j] <= '9') || c.s[j] == '_'))
            j++;
        end = j;
        type = j > i + 1 ? RASD_TOK_MENTION : RASD_TOK_PUNCT;
    } else if (cc == CC_DIGIT) {
        end = scan_number(&c, i);
        type = RASD_TOK_NUMBER;
    } else if (cc == CC_ARABIC || cc == CC_ARABIC_MARK) {
        end = scan_word(&c, i, true);
        type = RASD_TOK_WORD;
    } else if (cc == CC_LETTER || cc == CC_MARK) {
        end = scan_word(&c, i, false);
        type = RASD_TOK_LATIN;
    } else if (cc == CC_PUNCT && is_sentence_mark(cp)) {
        size_t j = i + n;
        while (j < c.len && j - i < RASD_MAX_TOKEN_BYTES) {
            int32_t x;
            size_t m = peek(&c, j, &x);
            if (!m || !is_sentence_mark(x)) break;
            j += m;
        }
        end = j;
        type = RASD_TOK_PUNCT;
    } else {
        end = i + n;
        type = cc == CC_PUNCT ? RASD_TOK_PUNCT : RASD_TOK_SYMBOL;
    }
    if (end <= start) end = start + n; /* always make progress */
    tok->start = start;
    tok->end = end;
    tok->type = type;
    tz->pos = end;
    return true;
}

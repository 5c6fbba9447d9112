/*
 * normalize.c: the matching key. rasd never rewrites the text it stores;
 * it compares words through a key in which spelling variants that Arabic
 * writers use interchangeably collapse into one form:
 *
 *   أ إ آ ٱ ٲ ٳ -> ا      ى ی -> ي      ة ۀ ە -> ه      ک ڪ -> ك
 *   diacritics U+064B-U+065F, U+0670, Quranic marks, signs U+0610-U+061A,
 *   tatweel U+0640 and invisible format characters: removed
 *   Arabic-Indic and Persian digits -> 0-9; ٫ -> .  ٬ -> ,  ٪ -> %
 *   presentation forms U+FB50-U+FDFF, U+FE70-U+FEFF and full-width forms:
 *   compatibility-decomposed by utf8proc, then folded again
 *   every double quotation mark (« » “ ” „ ‟ 〝 〞 ＂) -> "   single ones -> '
 *   other letters: lower case (utf8proc); exotic spaces -> ' '
 *
 * The per-character map is a switch rather than a utf8proc call because it
 * runs on every letter of every article; utf8proc handles only the rare
 * characters outside the Arabic and ASCII blocks.
 */
#include "charclass.h"
#include "core/internal.h"
#include "utf8_inline.h"

#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

static int fold_compat(int32_t cp, int32_t out[RASD_NORM_MAX_EXPANSION], int depth);

static int fold(int32_t cp, int32_t out[RASD_NORM_MAX_EXPANSION], int depth) {
    if (cp < 0x80) {
        out[0] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
        return 1;
    }
    if (cp >= 0x0600 && cp <= 0x06FF) {
        if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x0610 && cp <= 0x061A) ||
            (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E8) || (cp >= 0x06EA && cp <= 0x06ED) ||
            cp == 0x0640 || cp == 0x061C)
            return 0;
        if (cp >= 0x0660 && cp <= 0x0669) {
            out[0] = '0' + (cp - 0x0660);
            return 1;
        }
        if (cp >= 0x06F0 && cp <= 0x06F9) {
            out[0] = '0' + (cp - 0x06F0);
            return 1;
        }
        switch (cp) {
        case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
            out[0] = 0x0627; return 1;
        case 0x0649: case 0x06CC:
            out[0] = 0x064A; return 1;
        case 0x0629: case 0x06C0: case 0x06D5:
            out[0] = 0x0647; return 1;
        case 0x06A9: case 0x06AA:
            out[0] = 0x0643; return 1;
        case 0x066B: out[0] = '.'; return 1;
        case 0x066C: out[0] = ','; return 1;
        case 0x066A: out[0] = '%'; return 1;
        default: out[0] = cp; return 1;
        }
    }
    switch (cp) {
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x2033: case 0x301D: case 0x301E: case 0x301F: case 0xFF02:
        out[0] = '"'; return 1;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039: case 0x203A:
    case 0x2032: case 0xFF07:
        out[0] = '\''; return 1;
    case 0x00A0: case 0x202F: case 0x205F: case 0x3000:
        out[0] = ' '; return 1;
    case 0x00AD: case 0xFEFF:
        return 0;
    default: break;
    }
    if ((cp >= 0x2000 && cp <= 0x200A)) {
        out[0] = ' ';
        return 1;
    }
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069))
        return 0;
    if ((cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE) || (cp >= 0xFF01 && cp <= 0xFFEE))
        return fold_compat(cp, out, depth);
    out[0] = utf8proc_tolower(cp);
    return 1;
}

/* Compatibility decomposition through utf8proc, each piece folded again
 * (a presentation form of alef with hamza becomes alef). */
static int fold_compat(int32_t cp, int32_t out[RASD_NORM_MAX_EXPANSION], int depth) {
    utf8proc_int32_t dec[RASD_NORM_MAX_EXPANSION];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, dec, RASD_NORM_MAX_EXPANSION,
                                                    UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, &last);
    if (n <= 0 || n > RASD_NORM_MAX_EXPANSION || depth > 2) {
        out[0] = cp;
        return 1;
    }
    int k = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        int32_t tmp[RASD_NORM_MAX_EXPANSION];
        int m = (dec[i] == cp) ? (tmp[0] = cp, 1) : fold(dec[i], tmp, depth + 1);
        for (int j = 0; j < m && k < RASD_NORM_MAX_EXPANSION; j++) out[k++] = tmp[j];
    }
    return k;
}

int rasd_normalize_char(int32_t cp, int32_t out[RASD_NORM_MAX_EXPANSION]) { return fold(cp, out, 0); }

/* The key of U+0600-U+067F (the two-byte sequences D8 xx and D9 xx that
 * are nearly every byte of an Arabic article), taken from fold() once and
 * stored already encoded, so that the common letters are mapped by a table
 * look-up instead of a decode, a switch and an encode: len 0 drops the
 * character. */
typedef struct arabic_entry {
    unsigned char len, b[2];
} arabic_entry;
static arabic_entry arabic_key[0x80];
static pthread_once_t arabic_key_once = PTHREAD_ONCE_INIT;

static void arabic_key_init(void) {
    for (int32_t cp = 0x0600; cp < 0x0680; cp++) {
        int32_t mapped[RASD_NORM_MAX_EXPANSION];
        arabic_entry *e = &arabic_key[cp - 0x0600];
        if (fold(cp, mapped, 0) != 1) continue;
        char enc[4];
        size_t n = rasd_utf8_encode(mapped[0], enc);
        if (n > 2) continue; /* cannot happen: the block folds into itself or ASCII */
        e->len = (unsigned char)n;
        memcpy(e->b, enc, n);
    }
}

typedef struct key_writer {
    char *out;
    size_t cap, written, n;
    bool full; /* once a character did not fit, write no more */
} key_writer;

/* Bytes are stored one by one: a memcpy of 1-4 bytes here was compiled to
 * a libc call per character (2.4% of a whole analysis run, measured). */
static inline void put_bytes(key_writer *w, const unsigned char *b, size_t e) {
    if (!w->full && w->written + e < w->cap) {
        char *o = w->out + w->written;
        switch (e) {
        case 4: o[3] = (char)b[3]; /* fall through */
        case 3: o[2] = (char)b[2]; /* fall through */
        case 2: o[1] = (char)b[1]; /* fall through */
        default: o[0] = (char)b[0];
        }
        w->written += e;
    } else {
        w->full = true;
    }
    w->n += e;
}

static inline void put_cp(key_writer *w, int32_t cp) {
    unsigned char enc[4] = {0}; /* written before use; gcc 12 cannot tell once the encoder is inline */
    size_t e = rasd_utf8_encode(cp, (char *)enc);
    put_bytes(w, enc, e);
}

size_t rasd_normalize(const char *s, size_t len, char *out, size_t cap) {
    pthread_once(&arabic_key_once, arabic_key_init);
    const unsigned char *p = (const unsigned char *)s;
    key_writer w = {out, cap, 0, 0, false};
    size_t i = 0;
    while (i < len) {
        unsigned b = p[i];
        if (b < 0x80) {
            unsigned char c = (unsigned char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            put_bytes(&w, &c, 1);
            i++;
            continue;
        }
        if ((b == 0xD8 || b == 0xD9) && i + 1 < len && (p[i + 1] & 0xC0) == 0x80) {
            /* a run of Arabic letters: while two more bytes and the NUL
             * fit, both bytes of the entry are stored and the length added,
             * with no test per byte (a word is mostly this loop) */
            char *o = w.out;
            size_t at = w.written;
            while (!w.full && at + 2 < w.cap) {
                const arabic_entry *k = &arabic_key[((b & 1) << 6) | (p[i + 1] & 0x3F)];
                o[at] = (char)k->b[0];
                o[at + 1] = (char)k->b[1];
                at += k->len;
                w.n += k->len;
                i += 2;
                if (i + 1 >= len) break;
                b = p[i];
                if ((b != 0xD8 && b != 0xD9) || (p[i + 1] & 0xC0) != 0x80) break;
            }
            w.written = at;
            if (i + 1 < len && (b == 0xD8 || b == 0xD9) && (p[i + 1] & 0xC0) == 0x80 && (w.full || at + 2 >= w.cap)) {
                const arabic_entry *k = &arabic_key[((b & 1) << 6) | (p[i + 1] & 0x3F)];
                if (k->len) put_bytes(&w, k->b, k->len);
                i += 2;
            }
            continue;
        }
        int32_t cp;
        i += rasd_utf8_next(p + i, len - i, &cp);
        int32_t mapped[RASD_NORM_MAX_EXPANSION];
        int m = fold(cp, mapped, 0);
        for (int j = 0; j < m; j++) put_cp(&w, mapped[j]);
    }
    if (cap > 0) out[w.written] = '\0';
    return w.n;
}

/* The form an unknown name is shown and identified by: the letters as
 * written (أ stays أ, ة stays ة: unlike the key, it is for reading), but
 * without diacritics, tatweel and invisible format characters, with
 * presentation forms written as the letters they show, and with a run of
 * spaces as one space. Two spellings of a place the gazetteer does not
 * know that differ only in those (كِلِس and كلس, or text copied out of a
 * PDF in presentation forms) are then one place across the store. Returns
 * the bytes written; out is NUL-terminated and truncated at a character. */
size_t rasd_name_form(const char *s, size_t len, char *out, size_t cap) {
    const unsigned char *p = (const unsigned char *)s;
    size_t at = 0;
    bool space = false;
    if (cap == 0) return 0;
    for (size_t i = 0; i < len;) {
        int32_t cp, piece[RASD_NORM_MAX_EXPANSION];
        i += rasd_utf8_next(p + i, len - i, &cp);
        int m = 1;
        piece[0] = cp;
        if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640 || cp == 0x061C ||
            (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x06D6 && cp <= 0x06ED && cp != 0x06E5 && cp != 0x06E6) ||
            rasd_charclass(cp) == CC_FORMAT)
            continue;
        if ((cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE)) {
            utf8proc_int32_t dec[RASD_NORM_MAX_EXPANSION];
            int last = 0;
            utf8proc_ssize_t n = utf8proc_decompose_char(cp, dec, RASD_NORM_MAX_EXPANSION,
                                                            UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, &last);
            if (n > 0 && n <= RASD_NORM_MAX_EXPANSION)
                for (m = 0; m < (int)n; m++) piece[m] = dec[m];
        }
        for (int j = 0; j < m; j++) {
            int32_t c = piece[j];
            if ((c >= 0x064B && c <= 0x065F) || c == 0x0670) continue; /* a decomposed form's vowel */
            if (rasd_charclass(c) == CC_SPACE) {
                space = at > 0;
                continue;
            }
            char enc[4];
            size_t n = rasd_utf8_encode(c, enc);
            if (at + (space ? 1 : 0) + n >= cap) {
                out[at] = '\0';
                return at;
            }
            if (space) out[at++] = ' ';
            space = false;
            memcpy(out + at, enc, n);
            at += n;
        }
    }
    out[at] = '\0';
    return at;
}

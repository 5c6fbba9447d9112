/*
 * verse_lines.c: whether a place in the text lies in a poem laid out as
 * verse (issue 15: a word of a poem is no person's name). Saudi and Gulf
 * papers print Nabati and classical poems in full, a hemistich or a verse
 * to a line, unvowelled: «يا من ... الصفيري / ... سرساح / ... بعيري /
 * ... وجناح». The tagger reads such lines as it reads news and finds
 * "names" in them (a verb and its object, an epithet, a call), which no
 * other article holds. ex_verse_person (name_shape.c) catches vocalised
 * verse; this file catches the layout, which unvowelled verse keeps:
 *
 *   - a run of at least four short lines (two to nine words, three and a
 *     half on average), none with the punctuation, digits, brackets or
 *     dashes of prose, lists and tables;
 *   - the name's own line rhymes with them: its last two letters are
 *     those of three lines at least and half of them, or of every other
 *     line (a hemistich to a line rhymes on the second).
 *
 * A list of names one to a line has short lines too, but two or three
 * words each and endings that vary; a poem's lines are longer and rhyme.
 * No library knows poetry's layout, so it is read here from the bytes:
 * the stored text keeps the newlines.
 */
#include "extractor.h"

#include <stdint.h>
#include <string.h>

enum { MAX_LINE = 400, MAX_RUN = 16, MIN_RUN = 4 };

typedef struct {
    size_t start, end; /* the line's bytes, without its newline */
} line_span;

/* The line around byte pos, or false when it is longer than a verse's. */
static bool line_at(const char *s, size_t len, size_t pos, line_span *l) {
    size_t a = pos, b = pos;
    while (a > 0 && s[a - 1] != '\n' && pos - a < MAX_LINE) a--;
    while (b < len && s[b] != '\n' && b - pos < MAX_LINE) b++;
    if ((a > 0 && s[a - 1] != '\n') || (b < len && s[b] != '\n')) return false;
    l->start = a;
    l->end = b;
    return true;
}

/* An Arabic letter's code point from a two-byte sequence, or 0. */
static unsigned arabic_at(const unsigned char *p) {
    if (p[0] < 0xD8 || p[0] > 0xDB || (p[1] & 0xC0) != 0x80) return 0;
    return ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
}

/* Letters that rhyme alike: the hamza's seats, ta marbuta and ha, alif
 * maqsura and ya, as the normaliser folds them. */
static unsigned fold(unsigned c) {
    switch (c) {
    case 0x0622: case 0x0623: case 0x0625: return 0x0627; /* آ أ إ -> ا */
    case 0x0629: return 0x0647;                           /* ة -> ه */
    case 0x0649: return 0x064A;                           /* ى -> ي */
    default: return c;
    }
}

/* A line of verse: its word count, 0 when it is not one, and the code of
 * its rhyme, its last two letters (vowels and tatweel skipped; three
 * after ي or ه). */
static int verse_line(const char *text, line_span l, uint64_t *rhyme) {
    const unsigned char *s = (const unsigned char *)text;
    int words = 0;
    bool in_word = false;
    unsigned last = 0, before_last = 0, third = 0;
    for (size_t i = l.start; i < l.end;) {
        unsigned char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            in_word = false;
            i++;
            continue;
        }
        if (!in_word) words++;
        in_word = true;
        if (c < 0x80) {
            /* prose, a list or a table: sentence marks, brackets, dashes,
             * digits, Latin letters */
            if (strchr(".?!:;()[]-/|", c) || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
                return 0;
            i++;
            continue;
        }
        if (i + 1 < l.end) {
            unsigned cp = arabic_at(s + i);
            if (cp == 0x061F || cp == 0x061B || (cp >= 0x0660 && cp <= 0x0669)) return 0; /* ؟ ؛ and digits */
            if (cp >= 0x0621 && cp <= 0x064A && cp != 0x0640) {
                third = before_last;
                before_last = last;
                last = fold(cp);
            }
        }
        if (c == 0xE2 && i + 2 < l.end && s[i + 1] == 0x80 && (s[i + 2] == 0x93 || s[i + 2] == 0x94)) return 0; /* – — */
        i += (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
    }
    if (words < 2 || words > 9 || !last || !before_last) return 0;
    /* a nisba's ي or a feminine ه ends many lines of a list of names
     * (الشهري، الدوسري): those rhyme on three letters */
    *rhyme = (uint64_t)before_last << 16 | last;
    if (last == 0x064A || last == 0x0647) *rhyme |= (uint64_t)third << 32;
    return words;
}

/* Line `at` of n rhymes with its poem: its last two letters are those of
 * three lines or more and half of them, counting all lines or every other
 * line from it (a hemistich to a line rhymes on the second, and often on
 * the first too). A poet's name signed under the poem rhymes with none. */
static bool rhymes(const uint64_t *r, int n, int at) {
    for (int step = 1; step <= 2; step++) {
        int group = 0, same = 0;
        for (int j = at % step; j < n; j += step) {
            group++;
            same += r[j] == r[at];
        }
        if (same >= 3 && 2 * same >= group) return true;
    }
    return false;
}

/* The line next to l (before it when back), if it is a line of verse:
 * its word count and rhyme, l moved onto it; 0 at a blank line, a line of
 * prose or the text's edge. */
static int next_verse_line(const rasd_entity_extractor *x, line_span *l, bool back, uint64_t *rhyme) {
    line_span p;
    if (back ? l->start == 0 : l->end >= x->len) return 0;
    if (!line_at(x->text, x->len, back ? l->start - 1 : l->end + 1, &p)) return 0;
    int w = verse_line(x->text, p, rhyme);
    if (w) *l = p;
    return w;
}

bool ex_in_verse_lines(const rasd_entity_extractor *x, size_t pos) {
    line_span here;
    uint64_t r_here;
    if (pos >= x->len || !line_at(x->text, x->len, pos, &here)) return false;
    int w_here = verse_line(x->text, here, &r_here);
    if (!w_here) return false;
    /* the lines before, nearest first, then this one and those after, up
     * to a blank line or a line of prose: a stanza */
    uint64_t before[MAX_RUN], r[2 * MAX_RUN + 1];
    int nb = 0, words = w_here, w;
    line_span l = here;
    while (nb < MAX_RUN && (w = next_verse_line(x, &l, true, &before[nb])) > 0) {
        nb++;
        words += w;
    }
    int n = 0;
    for (int i = nb; i-- > 0;) r[n++] = before[i];
    r[n++] = r_here;
    l = here;
    while (n < 2 * MAX_RUN + 1 && (w = next_verse_line(x, &l, false, &r[n])) > 0) {
        n++;
        words += w;
    }
    return n >= MIN_RUN && 2 * words >= 7 * n && rhymes(r, n, nb);
}

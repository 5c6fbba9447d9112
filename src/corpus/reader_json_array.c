/*
 * reader_json_array.c: the elements of a JSON array, one at a time
 * (reader_json_array.h).
 *
 * Why not the JSON library: jansson parses a document whole and cannot
 * resume after an error, so one bad record (a 400-digit number, a broken
 * value) in a SaudiNewsNet day, which is one array, lost the whole day.
 * This scanner only tracks strings (with their escapes) and bracket depth
 * to find the commas between elements; each element is then parsed alone
 * and a bad one is skipped. It also keeps memory to one record at a time.
 *
 * A raw line break inside a string is never valid JSON (jansson refuses
 * it too), and left alone it would invert which bytes are inside strings
 * for the rest of the file; so the element is cut there and the scan
 * resumes at the next line that starts a record ('{'), which is how
 * pretty-printed arrays lay their records out.
 */
#include "corpus/reader_json_array.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static size_t skip_blanks(const rasd_json_array *a, size_t i) {
    while (i < a->len && blank(a->data[i])) i++;
    return i;
}

bool rasd_json_array_open(rasd_json_array *a, const char *data, size_t len) {
    memset(a, 0, sizeof *a);
    a->data = data;
    a->len = len;
    size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    i = skip_blanks(a, i);
    if (i >= len || data[i] != '[') return false;
    a->pos = i + 1;
    return true;
}

/* From a raw line break at i inside a string: the start of the next line
 * whose first non-blank byte opens a record, or closes the array; else
 * the end of the data. */
static size_t resync(const rasd_json_array *a, size_t i) {
    while (i < a->len) {
        const char *nl = memchr(a->data + i, '\n', a->len - i);
        if (!nl) return a->len;
        size_t line = (size_t)(nl - a->data) + 1, k = line;
        while (k < a->len && (a->data[k] == ' ' || a->data[k] == '\t' || a->data[k] == '\r')) k++;
        if (k < a->len && (a->data[k] == '{' || a->data[k] == ']')) return line;
        i = line;
    }
    return a->len;
}

/* The first byte at or after i that a string's scan must look at (a
 * backslash, a quote or a raw line break), or len. An article's text is
 * one long string: a byte at a time through the scanner's state, it was
 * most of the scan's time; with SSE2 sixteen bytes are tested at once. */
static size_t string_stop(const char *d, size_t i, size_t len) {
#if defined(__SSE2__)
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(d + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')), _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                                 _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits) return i + (size_t)__builtin_ctz(bits);
    }
#endif
    while (i < len && d[i] != '\\' && d[i] != '"' && d[i] != '\n') i++;
    return i;
}

rasd_json_array_step rasd_json_array_next(rasd_json_array *a, size_t *start, size_t *end) {
    size_t i = skip_blanks(a, a->pos);
    if (i >= a->len) {
        a->pos = a->len;
        return RASD_JA_TRUNCATED;
    }
    if (a->data[i] == ']') {
        a->pos = i + 1;
        return RASD_JA_END;
    }
    size_t s = i, depth = 0, next = a->len;
    bool in_string = false;
    for (; i < a->len; i++) {
        char c = a->data[i];
        if (in_string) {
            i = string_stop(a->data, i, a->len);
            if (i >= a->len) break;
            c = a->data[i];
            if (c == '\\') i++; /* the escaped byte cannot end the string */
            else if (c == '"') in_string = false;
            else { /* a raw line break */
                next = resync(a, i);
                i = next;
                break;
            }
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') depth++;
        else if (c == '}' || (c == ']' && depth > 0)) {
            if (depth > 0) depth--; /* a stray '}' at the top: the element is broken, its parse says so */
        } else if (c == ']' || (c == ',' && depth == 0)) {
            next = c == ',' ? i + 1 : i; /* the ']' is the next step's */
            break;
        }
    }
    if (i > a->len) i = a->len;
    size_t e = i;
    while (e > s && blank(a->data[e - 1])) e--;
    a->pos = next < a->len ? next : a->len;
    a->index++;
    *start = s;
    *end = e;
    return RASD_JA_ELEMENT;
}

/*
 * lexicon.c: the word statistics and closed word lists that the clitic
 * splitter consults. They are editable text files under data/lexicon/,
 * read once at start-up into one open-addressing hash table whose keys are
 * matching keys (so a file may be written in any spelling):
 *
 *   ar-words.tsv        key TAB count   how often each word form occurs in
 *                                       running news text (scripts/build-lexicon.sh
 *                                       derives it from a corpus)
 *   function-words.txt  one per line    closed-class words (من، في، هو ...)
 *   abbreviations.txt   one per line    forms after which "." ends no sentence
 *   ar-word-classes.tsv key TAB classes a word form's classes: n a noun or an
 *                                       adjective, v a verb, f a function word
 *                                       (scripts/build-word-classes.py derives
 *                                       it from ayaspell's hunspell dictionary)
 *
 * '#' starts a comment line. A malformed line is an error naming file:line.
 */
#include "core/internal.h"
#include "core/strtab.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RASD_DATA_DIR
#define RASD_DATA_DIR "data"
#endif

enum { FLAG_FUNCTION = 1, FLAG_ABBREV = 2 };

struct rasd_lexicon {
    rasd_strtab words;
    /* the abbreviations again, alone: the segmenter asks about the word
     * before every full stop, and in a table of 43 keys that look-up stays
     * in the cache (in `words` it was a miss each time, 5% of the text
     * core) */
    rasd_strtab abbreviations;
    /* ar-word-classes.tsv as read, searched in place (load_classes) */
    rasd_buf classes;
    size_t classes_start;
    char dir[1024];
};

static rasd_status add(rasd_lexicon *lex, const char *word, size_t len, uint32_t count, uint32_t flags,
                       rasd_error *err) {
    char key[512];
    size_t klen = rasd_normalize(word, len, key, sizeof key);
    if (klen == 0 || klen >= sizeof key) return RASD_OK; /* nothing to match on */
    rasd_strtab_entry *e = rasd_strtab_get(&lex->words, key, klen, true);
    if (!e) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory loading the lexicon");
    /* Two spellings with one key (أمريكا، امريكا) pool their counts. */
    e->count = (e->count > UINT32_MAX - count) ? UINT32_MAX : e->count + count;
    e->flags |= flags;
    if ((flags & FLAG_ABBREV) && !rasd_strtab_get(&lex->abbreviations, key, klen, true))
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory loading the lexicon");
    return RASD_OK;
}

static char *trim(char *s, size_t *len) {
    while (*len && (s[*len - 1] == '\n' || s[*len - 1] == '\r' || s[*len - 1] == ' ' || s[*len - 1] == '\t'))
        s[--*len] = '\0';
    while (*len && (*s == ' ' || *s == '\t')) s++, --*len;
    return s;
}

/* A count of plain digits that fits in 32 bits, read without strtoul
 * (its locale and errno handling were 13M instructions of start-up for
 * the 109,000 lines of ar-words.tsv); false for anything else, which
 * strtoul then reads and judges as before. */
static bool plain_count(const char *p, uint32_t *out) {
    uint64_t v = 0;
    size_t n = 0;
    for (; p[n] >= '0' && p[n] <= '9'; n++) {
        if (n == 10) return false;
        v = v * 10 + (uint64_t)(p[n] - '0');
    }
    if (n == 0 || p[n] != '\0' || v > UINT32_MAX) return false;
    *out = (uint32_t)v;
    return true;
}

/* Reads one list file. With counts, each line is "word TAB count". The
 * file is read whole and cut at its newlines (getline was 14M instructions
 * of start-up); each line is NUL-terminated in place, as getline's were. */
static rasd_status load_file(rasd_lexicon *lex, const char *name, bool counts, uint32_t flags, rasd_error *err) {
    char path[1200];
    snprintf(path, sizeof path, "%s/lexicon/%s", lex->dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return rasd_fail(err, RASD_ERR_DATA, "%s: cannot open: %s (set RASD_DATA or --data to rasd's data directory)",
                         path, strerror(errno));
    rasd_buf all = {0};
    bool failed = !rasd_buf_read_file(&all, f);
    fclose(f);
    rasd_buf_reserve(&all, 0); /* room for the NUL at the end, also when empty */
    if (failed || all.oom) {
        rasd_buf_free(&all);
        return failed ? rasd_fail(err, RASD_ERR_DATA, "%s: cannot read", path)
                      : rasd_fail(err, RASD_ERR_NOMEM, "out of memory loading the lexicon");
    }
    all.data[all.len] = '\0';
    size_t lineno = 0;
    rasd_status st = RASD_OK;
    for (size_t pos = 0; pos < all.len;) {
        char *line = all.data + pos;
        char *nl = memchr(line, '\n', all.len - pos);
        size_t len = nl ? (size_t)(nl - line) : all.len - pos;
        pos += len + 1;
        line[len] = '\0';
        lineno++;
        char *s = trim(line, &len);
        if (len == 0 || s[0] == '#') continue;
        uint32_t count = 1;
        if (counts) {
            char *tab = memchr(s, '\t', len);
            if (!tab) {
                st = rasd_fail(err, RASD_ERR_DATA, "%s:%zu: expected \"word<TAB>count\"", path, lineno);
                break;
            }
            if (!plain_count(tab + 1, &count)) {
                char *endp;
                errno = 0;
                unsigned long v = strtoul(tab + 1, &endp, 10);
                if (endp == tab + 1 || *endp != '\0' || errno || v > UINT32_MAX) {
                    st = rasd_fail(err, RASD_ERR_DATA, "%s:%zu: the count \"%s\" is not a number", path, lineno,
                                   tab + 1);
                    break;
                }
                count = (uint32_t)v;
            }
            len = (size_t)(tab - s);
        } else {
            count = 0;
        }
        if ((st = add(lex, s, len, count, flags, err)) != RASD_OK) break;
    }
    rasd_buf_free(&all);
    return st;
}

/* Reads ar-word-classes.tsv whole and leaves it as it is: its lines are
 * sorted by key (bytes, as the script that derives it writes them) and a
 * look-up is a binary search in the text. A hash table of its 300,000
 * forms cost 93M instructions to fill at every start (7% of analyze over
 * 500 articles, for a look-up made only for the tagger's places); the
 * search is some twenty comparisons. The header's comment lines are
 * skipped here, so that the search starts at the first form. */
static rasd_status load_classes(rasd_lexicon *lex, rasd_error *err) {
    char path[1200];
    snprintf(path, sizeof path, "%s/lexicon/ar-word-classes.tsv", lex->dir);
    FILE *f = fopen(path, "rb");
    /* a lexicon directory without it (a test's or a fuzz target's cut-down
     * copy) has no classes: every word is of none, as a rare word is */
    if (!f && errno == ENOENT) return RASD_OK;
    if (!f)
        return rasd_fail(err, RASD_ERR_DATA, "%s: cannot open: %s (set RASD_DATA or --data to rasd's data directory)",
                         path, strerror(errno));
    bool failed = !rasd_buf_read_file(&lex->classes, f);
    fclose(f);
    if (failed || lex->classes.oom)
        return failed ? rasd_fail(err, RASD_ERR_DATA, "%s: cannot read", path)
                      : rasd_fail(err, RASD_ERR_NOMEM, "out of memory loading the lexicon");
    const char *d = lex->classes.data;
    size_t pos = 0;
    while (pos < lex->classes.len && d[pos] == '#') {
        const char *nl = memchr(d + pos, '\n', lex->classes.len - pos);
        pos = nl ? (size_t)(nl - d) + 1 : lex->classes.len;
    }
    lex->classes_start = pos;
    if (pos < lex->classes.len && !memchr(d + pos, '\t', lex->classes.len - pos))
        return rasd_fail(err, RASD_ERR_DATA, "%s: expected \"key<TAB>classes\" lines", path);
    return RASD_OK;
}

rasd_lexicon *rasd_lexicon_load(const char *dir, rasd_error *err) {
    rasd_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (!dir || !*dir) dir = getenv("RASD_DATA");
    if (!dir || !*dir) dir = RASD_DATA_DIR;
    snprintf(lex->dir, sizeof lex->dir, "%s", dir);
    if (load_file(lex, "ar-words.tsv", true, 0, err) != RASD_OK ||
        load_file(lex, "function-words.txt", false, FLAG_FUNCTION, err) != RASD_OK ||
        load_file(lex, "abbreviations.txt", false, FLAG_ABBREV, err) != RASD_OK || load_classes(lex, err) != RASD_OK) {
        if (err && err->code == RASD_OK) rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        rasd_lexicon_destroy(lex);
        return NULL;
    }
    return lex;
}

void rasd_lexicon_destroy(rasd_lexicon *lex) {
    if (!lex) return;
    rasd_strtab_free(&lex->words);
    rasd_strtab_free(&lex->abbreviations);
    rasd_buf_free(&lex->classes);
    free(lex);
}

static const rasd_strtab_entry *lookup(const rasd_lexicon *lex, const char *key, size_t len) {
    if (!lex || len == 0) return NULL;
    return rasd_strtab_find_hashed(&lex->words, len, rasd_hash_bytes(key, len));
}

uint32_t rasd_lexicon_count(const rasd_lexicon *lex, const char *key, size_t len) {
    const rasd_strtab_entry *e = lookup(lex, key, len);
    return e ? e->count : 0;
}

uint32_t rasd_lexicon_info_hashed(const rasd_lexicon *lex, size_t len, uint64_t hash, bool *function_word) {
    const rasd_strtab_entry *e = lex && len ? rasd_strtab_find_hashed(&lex->words, len, hash) : NULL;
    *function_word = e && (e->flags & FLAG_FUNCTION);
    return e ? e->count : 0;
}

uint32_t rasd_lexicon_info(const rasd_lexicon *lex, const char *key, size_t len, bool *function_word) {
    return rasd_lexicon_info_hashed(lex, len, rasd_hash_bytes(key, len), function_word);
}

void rasd_lexicon_prefetch_hashed(const rasd_lexicon *lex, uint64_t hash) {
    if (lex && lex->words.slots) __builtin_prefetch(&lex->words.slots[(size_t)(hash | 1) & lex->words.mask]);
}

bool rasd_lexicon_is_function_word(const rasd_lexicon *lex, const char *key, size_t len) {
    const rasd_strtab_entry *e = lookup(lex, key, len);
    return e && (e->flags & FLAG_FUNCTION);
}

bool rasd_lexicon_is_abbreviation(const rasd_lexicon *lex, const char *key, size_t len) {
    return lex && len && rasd_strtab_find_hashed(&lex->abbreviations, len, rasd_hash_bytes(key, len)) != NULL;
}

/* Binary search of the sorted lines [classes_start, len): each step takes
 * the line around the middle byte. */
static uint32_t classes_of(const rasd_lexicon *lex, const char *key, size_t len) {
    const char *d = lex->classes.data;
    size_t lo = lex->classes_start, hi = lex->classes.len; /* lo: a line's start */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        while (mid > lo && d[mid - 1] != '\n') mid--;
        const char *nl = memchr(d + mid, '\n', lex->classes.len - mid);
        size_t end = nl ? (size_t)(nl - d) : lex->classes.len;
        const char *tab = memchr(d + mid, '\t', end - mid);
        size_t klen = tab ? (size_t)(tab - (d + mid)) : end - mid;
        int cmp = memcmp(d + mid, key, klen < len ? klen : len);
        if (cmp == 0) cmp = klen < len ? -1 : klen > len ? 1 : 0;
        if (cmp == 0) {
            uint32_t c = 0;
            for (const char *p = tab ? tab + 1 : d + end; p < d + end; p++)
                c |= *p == 'n' ? RASD_WORD_NOUN : *p == 'v' ? RASD_WORD_VERB : *p == 'f' ? RASD_WORD_FUNCTION : 0;
            return c;
        }
        if (cmp < 0) lo = end + 1;
        else hi = mid;
    }
    return 0;
}

/* The file lists nouns without the article and verbs without the
 * future's س (a quarter of the forms): a key that begins with them is
 * also asked without, a noun after ال (الشجرة: شجرة), a verb of the
 * imperfect after س (سنحرم: نحرم, سيكتبون: يكتبون). */
uint32_t rasd_lexicon_word_class(const rasd_lexicon *lex, const char *key, size_t len) {
    if (!lex || len == 0) return 0;
    uint32_t c = classes_of(lex, key, len);
    if (len >= 8 && memcmp(key, "\xD8\xA7\xD9\x84", 4) == 0) /* ال */
        c |= classes_of(lex, key + 4, len - 4) & RASD_WORD_NOUN;
    /* س and a letter of the imperfect: ي، ت، ن، ا (أ), before three
     * letters or more (a name of four letters is as often س and a verb
     * of three: سيوة) */
    if (len >= 10 && memcmp(key, "\xD8\xB3", 2) == 0 &&
        (memcmp(key + 2, "\xD9\x8A", 2) == 0 || memcmp(key + 2, "\xD8\xAA", 2) == 0 ||
         memcmp(key + 2, "\xD9\x86", 2) == 0 || memcmp(key + 2, "\xD8\xA7", 2) == 0))
        c |= classes_of(lex, key + 2, len - 2) & RASD_WORD_VERB ? RASD_WORD_VERB | RASD_WORD_FUTURE : 0;
    return c;
}

const char *rasd_lexicon_dir(const rasd_lexicon *lex) { return lex->dir; }

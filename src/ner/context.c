/*
 * context.c: what the tagger's features consult besides the token itself:
 * the word table (each word key's cluster bit-string and name-list flags)
 * and the set of listed names, as hashes of their words' bases.
 *
 * Name lists are the project's knowledge base and gazetteer, which grow
 * while rasd is used: they are read at load time, not frozen into the model,
 * so a name added to data/kb/actors.tsv helps the tagger at once. Columns
 * are found by the header's names (name_ar, aliases_ar, ...) so that a new
 * column does not shift them; a file without them (kb/ambiguous.tsv) is not
 * a name list and is skipped.
 *
 * Clusters, by contrast, are part of what the weights were trained on, so
 * the model file carries them (model.c) and clusters.tsv is only read when
 * training.
 */
#include "ner/ner_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the tables */

rasd_status ner_context_init(ner_context *ctx, uint32_t bits, const rasd_lexicon *lex, rasd_error *err) {
    memset(ctx, 0, sizeof *ctx);
    if (bits < NER_MIN_BITS || bits > NER_MAX_BITS)
        return rasd_fail(err, RASD_ERR_USAGE, "feature table of 2^%u rows: expected %d to %d bits", bits,
                         NER_MIN_BITS, NER_MAX_BITS);
    ctx->bits = bits;
    ctx->lex = lex;
    ctx->words_mask = 1023;
    ctx->words = calloc(ctx->words_mask + 1, sizeof *ctx->words);
    ctx->phrases_mask = 1023;
    ctx->phrases = calloc(ctx->phrases_mask + 1, sizeof *ctx->phrases);
    if (!ctx->words || !ctx->phrases) {
        ner_context_free(ctx);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    return RASD_OK;
}

void ner_context_free(ner_context *ctx) {
    rasd_table_free(ctx->words, (ctx->words_mask + 1) * sizeof *ctx->words);
    rasd_table_free(ctx->phrases, (ctx->phrases_mask + 1) * sizeof *ctx->phrases);
    memset(ctx, 0, sizeof *ctx);
}

rasd_status ner_context_copy(ner_context *dst, const ner_context *src, rasd_error *err) {
    *dst = *src;
    dst->words = rasd_table_alloc((src->words_mask + 1) * sizeof *dst->words);
    dst->phrases = rasd_table_alloc((src->phrases_mask + 1) * sizeof *dst->phrases);
    if (!dst->words || !dst->phrases) {
        ner_context_free(dst);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    memcpy(dst->words, src->words, (src->words_mask + 1) * sizeof *dst->words);
    memcpy(dst->phrases, src->phrases, (src->phrases_mask + 1) * sizeof *dst->phrases);
    return RASD_OK;
}

/* Linear probing at a load factor of at most 1/2: a look-up is one probe,
 * usually, and one cache line. */
static bool grow_words(ner_context *ctx) {
    size_t cap = (ctx->words_mask + 1) * 2;
    ner_word_entry *slots = rasd_table_alloc(cap * sizeof *slots);
    if (!slots) return false;
    for (size_t i = 0; i <= ctx->words_mask; i++) {
        if (!ctx->words[i].hash) continue;
        size_t j = (size_t)ctx->words[i].hash & (cap - 1);
        while (slots[j].hash) j = (j + 1) & (cap - 1);
        slots[j] = ctx->words[i];
    }
    rasd_table_free(ctx->words, (ctx->words_mask + 1) * sizeof *ctx->words);
    ctx->words = slots;
    ctx->words_mask = cap - 1;
    return true;
}

ner_word_entry *ner_context_word(ner_context *ctx, uint64_t hash, bool create) {
    if ((ctx->words_used + 1) * 2 > ctx->words_mask + 1 && create && !grow_words(ctx)) return NULL;
    size_t i = (size_t)hash & ctx->words_mask;
    for (;;) {
        ner_word_entry *e = &ctx->words[i];
        if (e->hash == hash) return e;
        if (!e->hash) break;
        i = (i + 1) & ctx->words_mask;
    }
    if (!create) return NULL;
    ctx->words[i].hash = hash;
    ctx->words_used++;
    return &ctx->words[i];
}

static ner_phrase_entry *phrase_slot(ner_context *ctx, uint64_t hash) {
    if ((ctx->phrases_used + 1) * 2 > ctx->phrases_mask + 1) {
        size_t cap = (ctx->phrases_mask + 1) * 2;
        ner_phrase_entry *slots = rasd_table_alloc(cap * sizeof *slots);
        if (!slots) return NULL;
        for (size_t i = 0; i <= ctx->phrases_mask; i++) {
            if (!ctx->phrases[i].hash) continue;
            size_t j = (size_t)ctx->phrases[i].hash & (cap - 1);
            while (slots[j].hash) j = (j + 1) & (cap - 1);
            slots[j] = ctx->phrases[i];
        }
        rasd_table_free(ctx->phrases, (ctx->phrases_mask + 1) * sizeof *ctx->phrases);
        ctx->phrases = slots;
        ctx->phrases_mask = cap - 1;
    }
    size_t i = (size_t)hash & ctx->phrases_mask;
    while (ctx->phrases[i].hash && ctx->phrases[i].hash != hash) i = (i + 1) & ctx->phrases_mask;
    if (!ctx->phrases[i].hash) {
        ctx->phrases[i].hash = hash;
        ctx->phrases_used++;
    }
    return &ctx->phrases[i];
}

/* --------------------------------------------------------------- clusters */

static char *trim(char *s, size_t *len) {
    while (*len && (s[*len - 1] == '\n' || s[*len - 1] == '\r' || s[*len - 1] == ' ' || s[*len - 1] == '\t'))
        s[--*len] = '\0';
    while (*len && (*s == ' ' || *s == '\t')) s++, --*len;
    return s;
}

unsigned ner_freq_bucket(uint64_t count) {
    unsigned b = 0;
    while (count >= 5 && b < 15) count /= 10, b++;
    return b; /* 0 under 5 (or unseen), 1 under 50, 2 under 500, ... */
}

rasd_status ner_context_load_clusters(ner_context *ctx, const char *path, rasd_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) return rasd_fail(err, RASD_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    rasd_status st = RASD_OK;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)got;
        char *s = trim(line, &len);
        if (len == 0 || s[0] == '#') continue;
        char *tab = memchr(s, '\t', len);
        if (!tab || tab == s) {
            st = rasd_fail(err, RASD_ERR_DATA, "%s:%zu: expected \"key<TAB>bits\"", path, lineno);
            break;
        }
        char *bits = tab + 1, *end = bits;
        uint32_t p = 0;
        unsigned n = 0;
        while (*end == '0' || *end == '1') {
            if (n < NER_CLUSTER_MAX_BITS) p = (p << 1) | (uint32_t)(*end - '0'), n++;
            end++;
        }
        uint64_t count = 5;
        if (*end == '\t') count = strtoull(end + 1, NULL, 10);
        if (end == bits || (*end && *end != '\t')) {
            st = rasd_fail(err, RASD_ERR_DATA, "%s:%zu: the cluster must be a bit-string of 0 and 1", path, lineno);
            break;
        }
        /* The file holds keys already; normalizing again costs little and
         * keeps a hand-edited file in any spelling working. */
        char key[512];
        size_t klen = rasd_normalize(s, (size_t)(tab - s), key, sizeof key);
        if (klen == 0 || klen >= sizeof key) continue;
        ner_word_entry *e = ner_context_word(ctx, rasd_hash_bytes(key, klen) | 1, true);
        if (!e) {
            st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory reading %s", path);
            break;
        }
        if (!e->path_len) ctx->n_clusters++;
        e->path = p;
        e->path_len = n;
        e->freq = ner_freq_bucket(count);
    }
    if (st == RASD_OK && ferror(f)) st = rasd_fail(err, RASD_ERR_IO, "%s: read error", path);
    free(line);
    fclose(f);
    return st;
}

/* ------------------------------------------------------------ name lists */

/* The hash a word contributes to a name: its base (the key less clitics),
 * so that بالرياض and الرياض both match the listed الرياض. Words other than
 * Arabic or Latin ones contribute their key. features.c does the same. */
static uint64_t word_hash(rasd_analyzer *an, const char *text, const rasd_token *t) {
    if (t->type == RASD_TOK_WORD || t->type == RASD_TOK_LATIN) {
        rasd_word w;
        if (rasd_analyze_word(an, text, t->start, t->end, &w) == RASD_OK)
            return rasd_hash_bytes(w.base, w.base_len) | 1;
    }
    char key[256];
    size_t k = rasd_normalize(text + t->start, t->end - t->start, key, sizeof key);
    if (k >= sizeof key) k = sizeof key - 1;
    return rasd_hash_bytes(key, k) | 1;
}

#define NAME_MAX_WORDS 8

rasd_status ner_context_add_name(ner_context *ctx, rasd_analyzer *an, const char *name, size_t len,
                                 ner_list_class cls) {
    rasd_tokenizer tz;
    rasd_token t;
    uint64_t words[NAME_MAX_WORDS];
    size_t n = 0;
    rasd_tokenizer_init(&tz, name, len);
    while (rasd_tokenizer_next(&tz, &t)) {
        if (n == NAME_MAX_WORDS) return RASD_OK; /* a title, not a name */
        words[n++] = word_hash(an, name, &t);
    }
    if (n == 0) return RASD_OK;
    uint64_t h = NER_PHRASE_SEED;
    for (size_t i = 0; i < n; i++) {
        ner_word_entry *e = ner_context_word(ctx, words[i], true);
        if (!e) return RASD_ERR_NOMEM;
        uint32_t f = n == 1 ? NER_NF_WHOLE(cls) : i == 0 ? NER_NF_FIRST(cls) : i + 1 == n ? NER_NF_LAST(cls)
                                                                                       : NER_NF_INNER(cls);
        e->flags |= f;
        h = ner_phrase_step(h, words[i]);
    }
    ner_phrase_entry *p = phrase_slot(ctx, h);
    if (!p) return RASD_ERR_NOMEM;
    p->classes |= 1u << cls;
    if (n > ctx->max_phrase) ctx->max_phrase = n;
    ctx->n_names[cls]++;
    return RASD_OK;
}

/* Splits a line into at most max tab-separated fields (in place). */
static size_t split_tabs(char *s, char **fields, size_t max) {
    size_t n = 0;
    while (n < max) {
        fields[n++] = s;
        char *tab = strchr(s, '\t');
        if (!tab) break;
        *tab = '\0';
        s = tab + 1;
    }
    return n;
}

static int column(char **fields, size_t n, const char *name) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i], name) == 0) return (int)i;
    return -1;
}

#define MAX_FIELDS 32

typedef struct list_columns {
    int type, names[3], feature, population;
} list_columns;

/* Adds each '|'-separated name of a field. */
static rasd_status add_names(ner_context *ctx, rasd_analyzer *an, char *field, ner_list_class cls) {
    while (field && *field) {
        char *bar = strchr(field, '|');
        size_t len = bar ? (size_t)(bar - field) : strlen(field);
        if (ner_context_add_name(ctx, an, field, len, cls) != RASD_OK) return RASD_ERR_NOMEM;
        field = bar ? bar + 1 : NULL;
    }
    return RASD_OK;
}

static ner_list_class kb_class(const char *type) {
    if (strcmp(type, "person") == 0) return NER_LC_PERSON;
    if (strcmp(type, "state") == 0) return NER_LC_STATE;
    if (strcmp(type, "place") == 0) return NER_LC_PLACE; /* ner/lists: places that are no state */
    return NER_LC_ORG;
}

/* A gazetteer place is "major" when news names it as often as a country:
 * a capital, a region or its seat, a town of 50,000 or more. */
static ner_list_class place_class(const char *feature, const char *population) {
    if (feature && (strcmp(feature, "P.PPLC") == 0 || strncmp(feature, "A.ADM", 5) == 0 ||
                    strncmp(feature, "P.PPLA", 6) == 0))
        return NER_LC_PLACE;
    if (population && strtoull(population, NULL, 10) >= 50000) return NER_LC_PLACE;
    return NER_LC_VILLAGE;
}

static rasd_status load_list(ner_context *ctx, rasd_analyzer *an, const char *path, bool kb, rasd_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) return RASD_OK; /* being written, or removed: no names */
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t got;
    rasd_status st = RASD_OK;
    list_columns col = {-1, {-1, -1, -1}, -1, -1};
    bool header = false;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (len == 0 || line[0] == '#') continue;
        char *fields[MAX_FIELDS];
        size_t n = split_tabs(line, fields, MAX_FIELDS);
        if (!header) {
            header = true;
            col.names[0] = column(fields, n, "name_ar");
            col.names[1] = column(fields, n, "aliases_ar");
            if (kb) {
                col.type = column(fields, n, "type");
                col.names[2] = column(fields, n, "aliases_en");
            } else {
                col.feature = column(fields, n, "feature");
                col.population = column(fields, n, "population");
            }
            bool first_is_data = false;
            if (col.names[0] < 0) {
                /* No named columns: the documented positions, when the
                 * line has them; otherwise not a name list at all. */
                if (kb && n >= 9) col = (list_columns){1, {6, 7, 8}, -1, -1};
                else if (!kb && n >= 4) col = (list_columns){-1, {2, 3, -1}, 8, 9};
                else break;
                first_is_data = strcmp(fields[0], "id") != 0;
            }
            if (kb && col.type < 0) break;
            if (!first_is_data) continue;
        }
        ner_list_class cls;
        if (kb) {
            if (col.type >= (int)n || !*fields[col.type]) continue;
            cls = kb_class(fields[col.type]);
        } else if (col.feature < 0 && col.population < 0) {
            cls = NER_LC_PLACE; /* a list of regions (admin1.tsv): no feature class, all major */
        } else {
            cls = place_class(col.feature >= 0 && col.feature < (int)n ? fields[col.feature] : NULL,
                              col.population >= 0 && col.population < (int)n ? fields[col.population] : NULL);
        }
        for (int k = 0; k < 3; k++)
            if (col.names[k] >= 0 && col.names[k] < (int)n && add_names(ctx, an, fields[col.names[k]], cls) != RASD_OK) {
                st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory reading %s", path);
                goto done;
            }
    }
done:
    free(line);
    fclose(f);
    return st;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Every *.tsv of a directory, in name order (so that loading is
 * deterministic whatever order the file system lists them in). */
static rasd_status load_dir(ner_context *ctx, rasd_analyzer *an, const char *dir, bool kb, rasd_error *err) {
    DIR *d = opendir(dir);
    if (!d) return RASD_OK;
    char **names = NULL;
    size_t n = 0, cap = 0;
    rasd_status st = RASD_OK;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".tsv") != 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown) {
                st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
                break;
            }
            names = grown;
        }
        if (!(names[n] = strdup(de->d_name))) {
            st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
            break;
        }
        n++;
    }
    closedir(d);
    if (st == RASD_OK && n) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && st == RASD_OK; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        st = load_list(ctx, an, path, kb, err);
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return st;
}

rasd_status ner_context_load_names(ner_context *ctx, const char *data_dir, rasd_error *err) {
    rasd_analyzer *an = rasd_analyzer_new(ctx->lex, err);
    if (!an) return err ? err->code : RASD_ERR_NOMEM;
    /* a name's words are hashed by their bases (word_hash): their stems,
     * Snowball's 7,500 calls, were a tenth of start-up for nothing */
    rasd_analyzer_skip_stems(an);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/kb", data_dir);
    rasd_status st = load_dir(ctx, an, dir, true, err);
    if (st == RASD_OK) {
        snprintf(dir, sizeof dir, "%s/gazetteer", data_dir);
        st = load_dir(ctx, an, dir, false, err);
    }
    /* name lists kept for the tagger alone (scripts/train-ner.sh derives
     * them), in the kb's columns: type (person, place, or an organisation's)
     * and name_ar */
    if (st == RASD_OK) {
        snprintf(dir, sizeof dir, "%s/ner/lists", data_dir);
        st = load_dir(ctx, an, dir, true, err);
    }
    rasd_analyzer_destroy(an);
    return st;
}

/*
 * fuzz_loaders.c: libFuzzer target for the loaders of data files a user may
 * edit or hand over: the knowledge base (src/knowledge/knowledge.c,
 * gazetteer.c, through tsv.c: actors, places, titles, frames, references,
 * word lists, quote verbs, ambiguous names, and a --geonames dump), the
 * lexicon (src/text/lexicon.c) and the name-tagger model (src/ner/model.c).
 *
 * A small data directory is made once in /dev/shm (a disk when there is
 * none) from the first lines of each file of data/, so that a load takes a
 * millisecond, not the half second of the whole knowledge base. The
 * input's first byte picks the file the rest replaces; the file is put
 * back after the run. Each load must succeed, or fail with a message that
 * names the file (a user must learn which file and where).
 *
 * The model carries a checksum that a mutation would almost always break:
 * on odd first bytes the input is the model's body behind a repaired
 * header (magic, version, feature set, a small table size) and checksum,
 * so that mutations reach the clusters and weight rows.
 */
#include "rasd.h"
#include "core/internal.h"
#include "ner/ner_internal.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#define LINES_KEPT 12

static const char *const FILES[] = {
    "kb/variants.tsv",       "kb/countries.tsv",   "kb/actors.tsv",         "kb/agents.tsv",
    "gazetteer/not-places.txt", "gazetteer/places.tsv", "gazetteer/supplement.tsv", "kb/iso-codes.tsv",
    "geonames.txt",          "kb/titles.tsv",      "framing/labels.tsv",    "kb/references.tsv",
    "kb/not-names.txt",      "quotes/verbs.tsv",   "quotes/sources.tsv",    "kb/ambiguous.tsv",
    "lexicon/ar-words.tsv",  "lexicon/function-words.txt", "lexicon/abbreviations.txt", "ner/model.bin",
};
#define N_FILES (sizeof FILES / sizeof *FILES)
#define GEONAMES 8
#define FIRST_LEXICON 16
#define MODEL 19

static char dir[] = "/dev/shm/rasd-fuzz-data-XXXXXX", disk_dir[] = "/tmp/rasd-fuzz-data-XXXXXX";
static char *root;
static char *original[N_FILES];
static size_t original_len[N_FILES];
static rasd_lexicon *lex;

static void check(int cond) {
    if (!cond) abort();
}

static void path_of(size_t i, char *out, size_t cap) { snprintf(out, cap, "%s/%s", root, FILES[i]); }

static void write_file(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    check(f != NULL);
    check(fwrite(data, 1, len, f) == len);
    fclose(f);
}

/* The first LINES_KEPT lines of src (the whole file when it is binary). */
static void copy_head(const char *src, size_t i) {
    FILE *f = fopen(src, "rb");
    rasd_buf b = {0};
    if (f) {
        char line[4096];
        for (int n = 0; n < LINES_KEPT && fgets(line, sizeof line, f);) {
            rasd_buf_append(&b, line, strlen(line));
            if (line[0] != '#') n++;
        }
        fclose(f);
    }
    original[i] = b.data ? b.data : strdup("");
    original_len[i] = b.len;
    char dst[512];
    path_of(i, dst, sizeof dst);
    write_file(dst, original[i], original_len[i]);
}

static void remove_tree(const char *path) {
    DIR *d = opendir(path);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)))
            if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
                char sub[512];
                snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
                remove_tree(sub);
            }
        closedir(d);
    }
    remove(path);
}

static void clean_up(void) { remove_tree(root); }

/* A tiny valid model: the header, no clusters, no weight rows. */
static void small_model(unsigned char *buf, size_t *len) {
    unsigned char *p = buf;
    memcpy(p, "RASDNER\x1A", 8);
    p += 8;
    uint32_t head[5] = {1, NER_FEATURE_SET, NER_MIN_BITS, NER_NTAGS, 1};
    for (int i = 0; i < 5; i++, p += 4) memcpy(p, &head[i], 4);
    float one = 1.0f, zero = 0.0f;
    memcpy(p, &one, 4), p += 4;
    for (int i = 0; i < 2 + (NER_NTAGS + 1) * NER_NTAGS + NER_NTAGS; i++, p += 4) memcpy(p, &zero, 4);
    memset(p, 0, 16), p += 16; /* no clusters, no rows */
    uint64_t sum = XXH64(buf, (size_t)(p - buf), 0);
    memcpy(p, &sum, 8), p += 8;
    *len = (size_t)(p - buf);
}

/* Drops line `line` (counted from 1) of file i of the base. */
static void drop_line(size_t i, size_t line) {
    char *p = original[i], *end = original[i] + original_len[i];
    for (size_t n = 1; n < line && p < end; n++) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *next = nl ? nl + 1 : end;
    memmove(p, next, (size_t)(end - next));
    original_len[i] -= (size_t)(next - p);
    char dst[512];
    path_of(i, dst, sizeof dst);
    write_file(dst, original[i], original_len[i]);
}

/* The first lines of each file refer to rows cut away (an actor's parent,
 * an ambiguous name's candidates): the lines the loader refuses
 * ("path:line: why") are dropped until the base loads, so that every
 * input is read against a knowledge base that works. */
static void repair_base(void) {
    size_t root_len = strlen(root);
    char geonames[512];
    path_of(GEONAMES, geonames, sizeof geonames);
    for (int tries = 0;; tries++) {
        rasd_error err = {0};
        rasd_knowledge_options opt = {.data_dir = root, .geonames = geonames};
        rasd_knowledge *kn = rasd_knowledge_load(&opt, &err);
        if (kn) {
            rasd_knowledge_destroy(kn);
            return;
        }
        size_t i = N_FILES, line = 0;
        if (tries < 4000 && !strncmp(err.message, root, root_len) && err.message[root_len] == '/') {
            const char *rel = err.message + root_len + 1, *colon = strchr(rel, ':');
            for (size_t k = 0; colon && k < N_FILES; k++)
                if (strlen(FILES[k]) == (size_t)(colon - rel) && !strncmp(FILES[k], rel, (size_t)(colon - rel))) i = k;
            if (colon) line = strtoul(colon + 1, NULL, 10);
        }
        if (i == N_FILES || line == 0) {
            fprintf(stderr, "fuzz_loaders: the base does not load: %s\n", err.message);
            abort();
        }
        drop_line(i, line);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    check((root = mkdtemp(dir)) || (root = mkdtemp(disk_dir)));
    atexit(clean_up);
    static const char *const DIRS[] = {"kb", "gazetteer", "framing", "quotes", "lexicon", "ner"};
    for (size_t i = 0; i < sizeof DIRS / sizeof *DIRS; i++) {
        char d[512];
        snprintf(d, sizeof d, "%s/%s", root, DIRS[i]);
        check(mkdir(d, 0700) == 0);
    }
    for (size_t i = 0; i < N_FILES; i++) {
        char src[512];
        snprintf(src, sizeof src, "%s/%s", RASD_DATA_DIR, FILES[i]);
        if (i == MODEL) {
            static unsigned char model[4096];
            size_t len;
            small_model(model, &len);
            original[i] = malloc(len);
            memcpy(original[i], model, len);
            original_len[i] = len;
            char dst[512];
            path_of(i, dst, sizeof dst);
            write_file(dst, model, len);
        } else if (i == GEONAMES) {
            static const char row[] = "1\tDamascus\tDamascus\tدمشق\t33.5\t36.3\tP\tPPLC\tSY\t\t00\t\t\t\t1569394\t\t700\tAsia/Damascus\t2020-01-01\n";
            original[i] = strdup(row);
            original_len[i] = sizeof row - 1;
            char dst[512];
            path_of(i, dst, sizeof dst);
            write_file(dst, row, sizeof row - 1);
        } else {
            copy_head(src, i);
        }
    }
    repair_base();
    rasd_error err = {0};
    lex = rasd_lexicon_load(root, &err);
    if (!lex) {
        fprintf(stderr, "fuzz_loaders: %s\n", err.message);
        abort();
    }
    return 0;
}

/* The message of a failed load names a file of the data directory (the one
 * changed, or one whose rows it no longer matches). */
static void check_names(const rasd_error *err, size_t i) {
    (void)i;
    if (err->code == RASD_ERR_NOMEM) return;
    if (strncmp(err->message, root, strlen(root)) != 0) {
        fprintf(stderr, "error without the file's name: %s\n", err->message);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    size_t i = data[0] % N_FILES;
    char path[512];
    path_of(i, path, sizeof path);
    const uint8_t *body = data + 1;
    size_t len = size - 1;
    unsigned char *repaired = NULL;
    if (i == MODEL && (data[0] & 1)) {
        /* magic, version, feature set, bits (10-12: a small table), then the
         * input from the tag count on, then the checksum */
        repaired = malloc(len + 28);
        check(repaired != NULL);
        memcpy(repaired, "RASDNER\x1A", 8);
        uint32_t head[3] = {1, NER_FEATURE_SET, NER_MIN_BITS + (uint32_t)(len % 3)};
        memcpy(repaired + 8, head, 12);
        memcpy(repaired + 20, body, len);
        uint64_t sum = XXH64(repaired, len + 20, 0);
        memcpy(repaired + 20 + len, &sum, 8);
        body = repaired;
        len += 28;
    }
    write_file(path, body, len);
    free(repaired);

    rasd_error err = {0};
    if (i == MODEL) {
        rasd_ner_model *m = ner_model_read(lex, path, &err);
        if (m) rasd_ner_destroy(m);
        else check_names(&err, i);
    } else if (i >= FIRST_LEXICON) {
        rasd_lexicon *l = rasd_lexicon_load(root, &err);
        if (l) rasd_lexicon_destroy(l);
        else check_names(&err, i);
    } else {
        char geonames[512];
        path_of(GEONAMES, geonames, sizeof geonames);
        rasd_knowledge_options opt = {.data_dir = root, .geonames = i == GEONAMES || (data[0] & 0x80) ? geonames : NULL};
        rasd_knowledge *kn = rasd_knowledge_load(&opt, &err);
        if (kn) rasd_knowledge_destroy(kn);
        else check_names(&err, i);
    }
    write_file(path, original[i], original_len[i]);
    return 0;
}

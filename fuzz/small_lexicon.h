/*
 * small_lexicon.h: a lexicon for fuzz targets that build a story clusterer
 * per input. The clusterer reads the lexicon's whole word list
 * (lexicon/ar-words.tsv, 1.7 MB) into its prior each time one is made,
 * which held fuzz_stories_state at 3 runs a second; a copy of its first
 * lines in /dev/shm (a disk when there is none) keeps every code path and
 * takes a fraction of a millisecond. Header-only: each target is one file.
 */
#ifndef RASD_FUZZ_SMALL_LEXICON_H
#define RASD_FUZZ_SMALL_LEXICON_H

#include "rasd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char small_lexicon_root[] = "/dev/shm/rasd-fuzz-lex-XXXXXX", small_lexicon_disk[] = "/tmp/rasd-fuzz-lex-XXXXXX";
static char *small_lexicon_dir;
static const char *const SMALL_LEXICON_FILES[] = {"ar-words.tsv", "function-words.txt", "abbreviations.txt"};

static void small_lexicon_clean_up(void) {
    char path[256];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/lexicon/%s", small_lexicon_dir, SMALL_LEXICON_FILES[i]);
        remove(path);
    }
    snprintf(path, sizeof path, "%s/lexicon", small_lexicon_dir);
    rmdir(path);
    rmdir(small_lexicon_dir);
}

/* The lexicon of data_dir cut to its first `lines` lines per file. */
static rasd_lexicon *small_lexicon_load(const char *data_dir, int lines) {
    if (!(small_lexicon_dir = mkdtemp(small_lexicon_root)) && !(small_lexicon_dir = mkdtemp(small_lexicon_disk)))
        return NULL;
    atexit(small_lexicon_clean_up);
    char path[256], src[1024];
    snprintf(path, sizeof path, "%s/lexicon", small_lexicon_dir);
    if (mkdir(path, 0700) != 0) return NULL;
    for (size_t i = 0; i < 3; i++) {
        snprintf(src, sizeof src, "%s/lexicon/%s", data_dir, SMALL_LEXICON_FILES[i]);
        snprintf(path, sizeof path, "%s/lexicon/%s", small_lexicon_dir, SMALL_LEXICON_FILES[i]);
        FILE *in = fopen(src, "rb"), *out = fopen(path, "wb");
        if (!in || !out) abort();
        char line[4096];
        for (int n = 0; n < lines && fgets(line, sizeof line, in); n++) fputs(line, out);
        fclose(in);
        fclose(out);
    }
    return rasd_lexicon_load(small_lexicon_dir, NULL);
}

#endif

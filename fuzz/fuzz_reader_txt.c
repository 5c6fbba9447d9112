/*
 * fuzz_reader_txt.c: libFuzzer target for the plain-text reader and the
 * manifest.tsv beside it (src/corpus/reader_txt.c): the header's column
 * names, the rows split at tabs, the outlet and date read from them, the
 * lookup of a file's row. The input is a manifest, a NUL, then the text
 * of the article; the manifest is written into a directory of its own
 * (the reader finds it beside the file, as in a corpus folder), and the
 * text is read under the name "a.txt" there.
 *
 * Every article must come out whole (an origin, text of its length that
 * is valid UTF-8 without NUL), a date only when it is a real one; a text
 * that is not UTF-8 must be skipped with a reason.
 */
#include "core/internal.h"
#include "corpus/reader.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* in memory where there is a tmpfs: a file is written per run (15,000
 * runs/s there, 350 on a disk) */
static char dir[] = "/dev/shm/rasd-fuzz-txt-XXXXXX", disk_dir[] = "/tmp/rasd-fuzz-txt-XXXXXX";
static char *used;
static char manifest_path[64], text_path[64];

static void clean_up(void) {
    remove(manifest_path);
    rmdir(used);
}

static bool check_article(void *ctx, rasd_article *a) {
    (void)ctx;
    if (!a->origin || !a->text || strlen(a->text) > a->len) abort(); /* NULs are the document reader's to refuse */
    if (a->published && !rasd_valid_date(a->published)) abort();
    if (a->source && !*a->source) abort();
    return true;
}

static void check_skip(void *ctx, const rasd_error *err) {
    (void)ctx;
    if (!err->message[0]) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!used) {
        if (!(used = mkdtemp(dir)) && !(used = mkdtemp(disk_dir))) abort();
        snprintf(manifest_path, sizeof manifest_path, "%s/manifest.tsv", used);
        snprintf(text_path, sizeof text_path, "%s/a.txt", used);
        atexit(clean_up);
    }
    const uint8_t *nul = memchr(data, 0, size);
    size_t mlen = nul ? (size_t)(nul - data) : size;
    const char *text = nul ? (const char *)nul + 1 : "";
    size_t tlen = nul ? size - mlen - 1 : 0;
    FILE *f = fopen(manifest_path, "wb");
    if (!f) abort();
    fwrite(data, 1, mlen, f);
    fclose(f);
    rasd_reader_options opt = {.source = (size & 1) ? "fuzz-outlet" : NULL};
    rasd_reader_sink sink = {check_article, check_skip, NULL, NULL, false, NULL};
    rasd_error err = {0};
    rasd_read_txt(text_path, text, tlen, &opt, &sink, &err);
    rasd_reader_sink_done(&sink); /* the manifest is read again next time */
    return 0;
}

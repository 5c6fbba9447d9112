/*
 * fuzz_events.c: libFuzzer target for the event coder's two readers.
 *
 *  - Input starting with 'D': the rest is an event dictionary, split at
 *    NUL bytes into triggers.tsv, agents.tsv and nationalities.tsv, written
 *    to a scratch data directory and loaded. A malformed dictionary must be
 *    an RASD_ERR_DATA (or I/O) error whose message names the file; a loaded
 *    one must code a fixed sentence without a crash.
 *  - Anything else is an article: analysed with the real knowledge base
 *    (events on) without a crash, a leak or a hang, into one JSON line
 *    (tests/validate_output.py checks the events' spans on real text),
 *    cut at 256 bytes: a sentence or two holds an event, and whole
 *    articles held the target at 23 runs a second.
 */
#include "rasd.h"
#include "default_flags.h"
#include "extract/dates.h"
#include "extract/events.h"
#include "extract/numbers.h"
#include "knowledge/knowledge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static rasd_lexicon *lex;
static rasd_analyzer *an;
static rasd_knowledge *kn;
static rasd_numbers *numbers;
static rasd_dates *dates;
static char scratch[64];

static void check(int cond) {
    if (!cond) abort();
}

static void clean_up(void) {
    static const char *const NAMES[] = {"triggers.tsv", "agents.tsv", "nationalities.tsv", ""};
    char path[160];
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/events/%s", scratch, NAMES[i]);
        remove(path);
    }
    rmdir(scratch);
}

/* an article's sentence or two; a dictionary of a few dozen rows */
#define MAX_FUZZ_INPUT 512
#define MAX_ARTICLE 256

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    /* tens of thousands of features: the entropic schedule took most of the time */
    static const char *const flags[] = {"-entropic=0", "-max_len=512"};
    fuzz_default_flags(argc, argv, flags, 2);
    rasd_error err = {0};
    lex = rasd_lexicon_load(NULL, &err);
    an = lex ? rasd_analyzer_new(lex, &err) : NULL;
    kn = rasd_knowledge_load(NULL, &err);
    numbers = rasd_numbers_load(NULL, &err);
    dates = rasd_dates_load(NULL, &err);
    if (!an || !kn || !kn->events || !numbers || !dates) abort();
    /* in memory where there is a tmpfs: three files are written per run */
    snprintf(scratch, sizeof scratch, "/dev/shm/rasd-fuzz-events-XXXXXX");
    if (!mkdtemp(scratch)) {
        snprintf(scratch, sizeof scratch, "/tmp/rasd-fuzz-events-XXXXXX");
        if (!mkdtemp(scratch)) abort();
    }
    char dir[128];
    snprintf(dir, sizeof dir, "%s/events", scratch);
    if (mkdir(dir, 0700) != 0) abort();
    atexit(clean_up);
    return 0;
}

static void write_file(const char *name, const uint8_t *data, size_t size) {
    char path[160];
    snprintf(path, sizeof path, "%s/events/%s", scratch, name);
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    if (size) check(fwrite(data, 1, size, f) == size);
    fclose(f);
}

static void fuzz_dictionary(const uint8_t *data, size_t size) {
    static const char *const NAMES[] = {"triggers.tsv", "agents.tsv", "nationalities.tsv"};
    size_t at = 0;
    for (int f = 0; f < 3; f++) {
        const uint8_t *nul = at < size ? memchr(data + at, 0, size - at) : NULL;
        size_t end = nul ? (size_t)(nul - data) : size;
        write_file(NAMES[f], data + at, end - at);
        at = end < size ? end + 1 : size;
    }
    rasd_error err = {0};
    rasd_event_dict *d = rasd_event_dict_load(scratch, &err);
    if (!d) {
        check(err.code == RASD_ERR_DATA || err.code == RASD_ERR_IO || err.code == RASD_ERR_NOMEM);
        check(strstr(err.message, ".tsv") != NULL || err.code == RASD_ERR_NOMEM);
        return;
    }
    /* a dictionary that loads codes a sentence with it */
    static const char TEXT[] = "قصفت تركيا مواقع قسد في الحسكة، ودعا التحالف الدولي إلى وقف القتال بين قسد والعشائر.";
    rasd_document doc;
    rasd_read_options opt = {0};
    check(rasd_document_from_buffer("fuzz", TEXT, sizeof TEXT - 1, &opt, &doc, NULL) == RASD_OK);
    rasd_event_dict *real = kn->events;
    kn->events = d; /* single-threaded: the fuzzer runs one input at a time */
    rasd_analysis_options aopt = {.knowledge = kn, .numbers = numbers, .dates = dates, .published = "2020-01-01"};
    char *json = NULL;
    size_t json_len = 0;
    check(rasd_analysis_json(an, &doc, &aopt, &json, &json_len, NULL) == RASD_OK);
    kn->events = real;
    free(json);
    rasd_document_destroy(&doc);
    rasd_event_dict_destroy(d);
}

static void fuzz_article(const uint8_t *data, size_t size) {
    rasd_document doc;
    rasd_read_options opt = {.allow_non_arabic = true};
    if (rasd_document_from_buffer("fuzz", (const char *)data, size, &opt, &doc, NULL) != RASD_OK) return;
    rasd_analysis_options aopt = {.knowledge = kn, .numbers = numbers, .dates = dates, .published = "2020-01-01"};
    char *json = NULL;
    size_t json_len = 0;
    check(rasd_analysis_json(an, &doc, &aopt, &json, &json_len, NULL) == RASD_OK);
    check(json_len > 0 && json[json_len - 1] == '\n');
    free(json);
    rasd_document_destroy(&doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > MAX_FUZZ_INPUT) size = MAX_FUZZ_INPUT;
    if (size > 0 && data[0] == 'D') fuzz_dictionary(data + 1, size - 1);
    else fuzz_article(data, size < MAX_ARTICLE ? size : MAX_ARTICLE);
    return 0;
}

/*
 * bench_text.c: throughput of the text core alone: tokenize, normalize and
 * analyse (clitics + Snowball stem) every word of a set of articles.
 *
 *   bench_text [--threads N] [--dump-words FILE] --files-from LIST
 *
 * Each thread reads its articles one at a time (from the page cache after
 * the first run), so memory stays flat however large the corpus. Prints MB/s, words/s, articles/s and peak RSS as one
 * line of key=value pairs. --dump-words writes each Arabic word token on a
 * line, the input for Snowball's stemwords as the side-by-side reference.
 */
#include "rasd.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define BATCH 32

typedef struct job {
    const rasd_lexicon *lex;
    char **paths;
    size_t from, to;
    size_t words, bytes, articles;
    FILE *dump;
} job;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *run_job(void *arg) {
    job *j = arg;
    rasd_error err = {0};
    rasd_analyzer *an = rasd_analyzer_new(j->lex, &err);
    if (!an) {
        fprintf(stderr, "bench_text: %s\n", err.message);
        return NULL;
    }
    char key[1024];
    rasd_read_options opt = {.allow_non_arabic = true};
    for (size_t i = j->from; i < j->to; i++) {
        rasd_document doc;
        if (rasd_document_read(j->paths[i], &opt, &doc, &err) != RASD_OK) continue; /* an empty article */
        const rasd_document *a = &doc;
        rasd_tokenizer tz;
        rasd_token batch[BATCH];
        rasd_tokenizer_init(&tz, a->text, a->len);
        size_t n;
        do {
            /* tokenize a batch and prefetch its words' cache lines, then
             * analyse them: the lookups' memory latency overlaps */
            for (n = 0; n < BATCH && rasd_tokenizer_next(&tz, &batch[n]); n++)
                if (batch[n].type == RASD_TOK_WORD || batch[n].type == RASD_TOK_LATIN)
                    rasd_analyzer_prefetch(an, a->text, batch[n].start, batch[n].end);
            for (size_t k = 0; k < n; k++) {
                const rasd_token *t = &batch[k];
                if (t->type == RASD_TOK_WORD || t->type == RASD_TOK_LATIN) {
                    rasd_word w;
                    if (rasd_analyze_word(an, a->text, t->start, t->end, &w) == RASD_OK) j->words++;
                    if (j->dump && t->type == RASD_TOK_WORD)
                        fprintf(j->dump, "%.*s\n", (int)(t->end - t->start), a->text + t->start);
                } else {
                    rasd_normalize(a->text + t->start, t->end - t->start, key, sizeof key);
                }
            }
        } while (n == BATCH);
        j->bytes += a->len;
        j->articles++;
        rasd_document_destroy(&doc);
    }
    rasd_analyzer_destroy(an);
    return NULL;
}

int main(int argc, char **argv) {
    const char *list = NULL, *dump = NULL;
    size_t threads = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--files-from") && i + 1 < argc) list = argv[++i];
        else if (!strcmp(argv[i], "--dump-words") && i + 1 < argc) dump = argv[++i];
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) threads = (size_t)atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: bench_text [--threads N] [--dump-words FILE] --files-from LIST\n");
            return 2;
        }
    }
    if (!list || threads < 1) return 2;
    FILE *lf = fopen(list, "r");
    if (!lf) {
        perror(list);
        return 1;
    }
    size_t n = 0, cap = 1024;
    char **paths = malloc(cap * sizeof *paths);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    while ((got = getline(&line, &lcap, lf)) > 0) {
        if (line[got - 1] == '\n') line[got - 1] = '\0';
        if (n == cap) paths = realloc(paths, (cap *= 2) * sizeof *paths);
        paths[n++] = strdup(line);
    }
    free(line);
    fclose(lf);
    rasd_error err = {0};
    double t0 = now();
    rasd_lexicon *lex = rasd_lexicon_load(NULL, &err);
    double load_ms = (now() - t0) * 1e3;
    if (!lex) {
        fprintf(stderr, "bench_text: %s\n", err.message);
        return 1;
    }
    FILE *df = dump ? fopen(dump, "w") : NULL;
    if (df) threads = 1;
    job *jobs = calloc(threads, sizeof *jobs);
    pthread_t *tids = calloc(threads, sizeof *tids);
    t0 = now();
    for (size_t k = 0; k < threads; k++) {
        jobs[k] = (job){lex, paths, n * k / threads, n * (k + 1) / threads, 0, 0, 0, df};
        pthread_create(&tids[k], NULL, run_job, &jobs[k]);
    }
    size_t words = 0, bytes = 0, articles = 0;
    for (size_t k = 0; k < threads; k++) {
        pthread_join(tids[k], NULL);
        words += jobs[k].words;
        bytes += jobs[k].bytes;
        articles += jobs[k].articles;
    }
    double secs = now() - t0;
    if (df) fclose(df);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("threads=%zu articles=%zu bytes=%zu words=%zu seconds=%.3f MB_per_s=%.1f words_per_s=%.0f "
           "articles_per_s=%.0f lexicon_load_ms=%.1f peak_rss_MB=%.1f\n",
           threads, articles, bytes, words, secs, (double)bytes / 1e6 / secs, (double)words / secs,
           (double)articles / secs,
           load_ms, (double)ru.ru_maxrss / 1024.0);
    for (size_t i = 0; i < n; i++) free(paths[i]);
    free(paths);
    free(jobs);
    free(tids);
    rasd_lexicon_destroy(lex);
    return 0;
}

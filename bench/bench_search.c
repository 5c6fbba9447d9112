/*
 * bench_search.c: latency of `rasd search` on a store (rasd ingest makes
 * one; bench/ingest.sh --keep leaves the SaudiNewsNet one behind). A fixed
 * list of one-word and several-word queries, each run --rounds times with
 * 20 results and their snippets, as the command does; reports p50, p95 and
 * p99 of the wall time per query and the CPU time in all.
 *
 *   build/bench/bench_search [--rounds N] [--limit N] DB
 */
#include "storage/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Words and phrases frequent in Gulf and Levant news of 2015, and a few
 * rare ones, in the spellings the articles use and in others. */
static const char *const QUERIES[] = {
    "السعودية", "الرياض", "داعش", "اليمن", "الحوثيين", "إيران", "النفط", "الأمريكية", "سوريا", "الإرهاب",
    "الملك سلمان", "وزير الخارجية", "مجلس الأمن", "أسعار النفط", "الأمم المتحدة", "ولي العهد",
    "\"التحالف العربي\"", "الاتفاق النووي إيران", "دير الزور", "كأس العالم", "هيئة الأمر بالمعروف",
    "الدوري السعودي للمحترفين", "ارتفاع درجات الحرارة", "الحج", "لداعش",
};

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           (double)ru.ru_stime.tv_usec / 1e6;
}

static bool count_hit(void *ctx, const rasd_search_hit *h) {
    size_t *n = ctx;
    (*n)++;
    return h->snippet != NULL;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(const double *sorted, size_t n, double p) {
    size_t i = (size_t)(p / 100.0 * (double)(n - 1) + 0.5);
    return sorted[i < n ? i : n - 1];
}

int main(int argc, char **argv) {
    size_t rounds = 20, limit = 20;
    const char *db = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) limit = strtoul(argv[++i], NULL, 10);
        else db = argv[i];
    }
    if (!db || rounds == 0) {
        fprintf(stderr, "usage: bench_search [--rounds N] [--limit N] DB\n");
        return 2;
    }
    rasd_error err = {0};
    rasd_store *s = rasd_store_open(db, NULL, &err);
    if (!s) {
        fprintf(stderr, "bench_search: %s\n", err.message);
        return 2;
    }
    rasd_store_counts c = {0};
    rasd_store_counts_get(s, &c, &err);
    size_t nq = sizeof QUERIES / sizeof QUERIES[0], n = 0;
    double *lat = malloc(nq * rounds * sizeof *lat), *per_query = calloc(nq, sizeof *per_query);
    size_t *hits = calloc(nq, sizeof *hits);
    if (!lat || !per_query || !hits) return 2;
    /* one warm-up pass: the first touch of the index reads it from disk */
    for (size_t q = 0; q < nq; q++) {
        rasd_search_query sq = {.text = QUERIES[q], .limit = limit};
        rasd_store_search(s, &sq, count_hit, &hits[q], &err);
        hits[q] = 0;
    }
    double c0 = cpu(), w0 = now();
    for (size_t r = 0; r < rounds; r++)
        for (size_t q = 0; q < nq; q++) {
            rasd_search_query sq = {.text = QUERIES[q], .limit = limit};
            size_t got = 0;
            double t = now();
            if (rasd_store_search(s, &sq, count_hit, &got, &err) != RASD_OK) {
                fprintf(stderr, "bench_search: %s\n", err.message);
                return 1;
            }
            double dt = (now() - t) * 1e3;
            lat[n++] = dt;
            per_query[q] += dt / (double)rounds;
            hits[q] = got;
        }
    double wall = now() - w0, used = cpu() - c0;
    printf("bench_search: %s, %lld documents, %zu queries x %zu rounds, %zu results each at most\n", db,
           (long long)c.documents, nq, rounds, limit);
    for (size_t q = 0; q < nq; q++) printf("  %7.2f ms  %3zu hits  %s\n", per_query[q], hits[q], QUERIES[q]);
    qsort(lat, n, sizeof *lat, by_value);
    printf("latency per query: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (target p95 < 20 ms)\n",
           pct(lat, n, 50), pct(lat, n, 95), pct(lat, n, 99), lat[n - 1]);
    printf("%zu searches in %.2f s wall, %.2f s CPU (%.2f ms CPU per search)\n", n, wall, used, used * 1e3 / (double)n);
    free(lat);
    free(per_query);
    free(hits);
    rasd_store_close(s);
    return 0;
}

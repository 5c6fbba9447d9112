/*
 * cmd_ingest.c: `rasd ingest`, files in, a database out.
 *
 * The readers (src/corpus/reader.c) turn files, directories and archives
 * into articles on a reader thread, gathered into chunks and queued (two
 * at most), so parsing a large file overlaps the work on the last one.
 * Each chunk goes through the ordered pool (pool.c): worker threads analyse the articles
 * (the same analysis as `rasd analyze`), flatten it into rows and compute
 * each article's fingerprint (src/ingest/worker.c); this thread, the one writer, takes them in
 * input order, links duplicates and stories (src/ingest/link.c) and writes them
 * in batches, one transaction per batch. A killed ingest therefore loses
 * the batch in flight and nothing else; running it again stores what is
 * missing and reports the rest as already stored.
 *
 * Into PostgreSQL, several ingests may run at once (on one machine or
 * many): each analyses a whole chunk first, then writes it as one batch
 * holding the database's writer lock, after catching up with the other
 * processes' batches (rasd_store_lock_writers, rasd_link_sync), so ids,
 * duplicates and stories are decided one batch at a time while analysis,
 * the bulk of the work, runs everywhere at once (docs/store-postgres.md).
 */
#include "cli.h"
#include "ingest/ingest_internal.h"
#include "cli/engine.h"
#include "corpus/boilerplate.h"
#include "corpus/reader.h"
#include "storage/analysis_line.h"
#include "ingest/link.h"
#include "storage/store.h"

#include "core/internal.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char USAGE[] =
    "usage: rasd ingest [options] PATH...\n"
    "  Reads articles from files, directories (recursively) and zip archives, analyses\n"
    "  them, links duplicates and stories, and stores everything in a database.\n"
    "  Formats: .txt (first line = title; a manifest.tsv beside them gives outlet and\n"
    "  date), .json (an array of objects, or one object), .jsonl, .html, RSS/Atom feeds\n"
    "  (.xml, .rss, .atom), .zip of these, and http(s) URLs.\n"
    "  --db PATH|URL           the database: a SQLite file or a postgres:// URL\n"
    "                          (default: $RASD_DB, else ./rasd.db)\n"
    "  --jobs N                articles analysed in parallel (default: the number of cores)\n"
    "  --source NAME           outlet of articles that name none\n"
    "  --map F=M,...           JSON members for the fields title, content, source, url, date,\n"
    "                          author (default: title, content, source, url, date..., author)\n"
    "  --batch N               articles per transaction (default 1000)\n"
    "  --keep-json             also store each article's analysis JSON line\n"
    "  --keep-boilerplate      keep every line of plain-text and JSON bodies (by default\n"
    "                          the boilerplate filter drops credits, share bars, appeals\n"
    "                          and keeps them in the boilerplate table)\n"
    "  --allow-non-arabic      accept text with hardly any Arabic letters\n"
    "  --data DIR              rasd's data directory (default: $RASD_DATA or the built-in one)\n"
    "  --geonames FILE         add the places of a GeoNames dump\n"
    "  --no-entities           skip actors, people and places (text core only)\n"
    "  --no-tagger             dictionary names only: skip the trained name tagger\n"
    "  --quiet                 no progress, only problems and the summary\n"
    "  --from-jsonl FILE       store the articles of `rasd analyze` output (JSON lines, - for\n"
    "                          standard input) as they are, without analysing them again\n"
    "  --settle                at the end, decide every stored article's duplicate link and story\n"
    "                          again in a canonical order (date, then hash), so that they do not\n"
    "                          depend on the order articles arrived in (several processes at\n"
    "                          once); PATH may then be left out. A run that at least doubles\n"
    "                          the store (a bulk import) settles by itself\n"
    "  --no-settle             not even then\n"
    "  --follow-symlinks       follow symlinks in directories even where they lead out of the\n"
    "                          directory given (by default they are reported and left alone;\n"
    "                          a directory is read once, so a loop never is followed)\n"
    "  A FIFO, socket or device among the inputs is refused without being opened, and\n"
    "  a bad record of a JSON array is skipped (named with its index and byte) while the\n"
    "  others are stored. Records without text are left out and counted in the summary.\n"
    "Exit status (docs/cli.md): 0 all stored (or already there; records without text do\n"
    "  not count); 1 some input or record skipped, each named on stderr; 2 usage error, or\n"
    "  the database cannot be opened; 3 stopped by a database or resource error (disk\n"
    "  full): the summary then counts what was committed, and the rest can be ingested again\n"
    "Example:\n"
    "  rasd ingest --db news.db --jobs 4 corpus/ extra.zip\n";

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------- progress */

static void clear_bar(ingest *g) {
    if (g->tty && !g->quiet) fputs("\r\033[K", stderr);
}

static void progress(ingest *g, bool force) {
    if (g->quiet) return;
    double t = now(), el = t - g->t0;
    if (!force && t - g->last_report < (g->tty ? 0.25 : LOG_EVERY_SECONDS)) return;
    g->last_report = t;
    double rate = el > 0 ? (double)g->n_read / el : 0;
    /* the share of the input read, times the share of what was read that
     * is written: the reader runs ahead by up to three chunks */
    pthread_mutex_lock(&g->q_mu);
    double frac = g->bytes_total ? (double)g->bytes_done / (double)g->bytes_total : 0;
    if (g->n_produced) frac *= (double)g->n_read / (double)g->n_produced;
    pthread_mutex_unlock(&g->q_mu);
    if (frac > 1) frac = 1;
    double eta = frac > 0.001 ? el / frac - el : 0;
    if (g->tty) {
        int w = 30, filled = (int)(frac * w + 0.5);
        char bar[64];
        for (int i = 0; i < w; i++) bar[i] = i < filled ? '#' : '.';
        bar[w] = '\0';
        fprintf(stderr, "\r\033[K[%s] %3.0f%%  %zu articles  %.0f/s  ETA %d:%02d", bar, frac * 100, g->n_read, rate,
                (int)eta / 60, (int)eta % 60);
    } else {
        fprintf(stderr, "rasd: ingest: %zu articles read, %zu stored, %.0f/s, %.0f%% of the input\n", g->n_read,
                g->db_failed ? g->committed : g->stored, rate, frac * 100); /* after an abort: what is kept */
    }
}

static void report_skip(ingest *g, rasd_status code, const char *msg) {
    g->skipped++;
    if (code <= RASD_ERR_NOT_FOUND) g->skipped_by[code]++;
    clear_bar(g);
    cli_error("skipped: %s", msg);
}

/* --------------------------------------------------------------- writer */

static bool end_batch(ingest *g, bool reopen) {
    double t0 = now();
    rasd_error err = {0};
    rasd_status st = rasd_link_save(g->link, g->store, &err);
    if (st == RASD_OK) st = rasd_store_commit(g->store, &err);
    if (st == RASD_OK && reopen) st = rasd_store_begin(g->store, &err);
    if (st != RASD_OK) {
        g->db_failed = true;
        g->db_err = err;
        return false;
    }
    g->in_batch = 0;
    g->holding = false;
    g->committed = g->stored;
    g->committed_exact = g->exact;
    g->committed_near = g->near;
    g->t_commit += now() - t0;
    return true;
}

static void free_item(item *it) {
    rasd_article_clear(&it->a);
    free(it->text);
    free(it->title);
    free(it->json);
    free(it->error);
    rasd_rows_free(&it->rows);
    rasd_story_terms_free(it->terms);
    memset(it, 0, sizeof *it);
}

static void write_one(void *ctx, size_t i) {
    ingest *g = ctx;
    item *it = &g->chunk[i];
    g->n_read++;
    if (g->db_failed) {
        free_item(it);
        return;
    }
    if (it->stored) {
        g->already++;
        free_item(it);
        progress(g, false);
        return;
    }
    if (it->error && it->code == RASD_ERR_EMPTY) { /* a record without text: nothing to store, nothing wrong */
        g->empty++;
        free_item(it);
        progress(g, false);
        return;
    }
    if (it->error || !it->text) {
        report_skip(g, it->error ? it->code : RASD_ERR_NOMEM, it->error ? it->error : "out of memory");
        free_item(it);
        progress(g, false);
        return;
    }
    rasd_error err = {0};
    int64_t id = 0;
    rasd_status st = RASD_OK;
    if (g->shared && !g->holding) { /* this process's turn: wait for it, then catch up */
        st = rasd_store_lock_writers(g->store, &err);
        if (st == RASD_OK) st = rasd_link_sync(g->link, g->store, &err);
        if (st != RASD_OK) {
            g->db_failed = true;
            g->db_err = err;
            free_item(it);
            return;
        }
        g->holding = true;
    }
    st = rasd_store_find_by_hash(g->store, it->hash, &id, &err);
    if (st == RASD_OK && id) {
        g->already++;
        free_item(it);
        progress(g, false);
        return;
    }
    rasd_link_result lr = {0};
    if (st == RASD_OK) st = rasd_store_next_id(g->store, &id, &err);
    if (st == RASD_OK) st = rasd_link_duplicate(g->link, id, &it->fp, &lr, &err);
    rasd_store_doc d = {
        .id = id,
        .hash = it->hash,
        .text_id = it->text_id,
        .origin = it->a.origin,
        .url = it->a.url,
        .title = it->title,
        .source = it->a.source,
        .author = it->a.author,
        .published = it->a.published,
        .text = it->text,
        .len = it->len,
        .analysis_json = it->json,
        .analysis_len = it->json_len,
        .rows = &it->rows,
        .duplicate_of = lr.duplicate_of,
        .dup_kind = lr.dup_kind,
        .similarity = lr.similarity,
    };
    bool already = false;
    double t1 = now();
    if (st == RASD_OK) st = rasd_store_put(g->store, &d, &id, &already, &err);
    double t2 = now();
    size_t repeats = 0;
    for (size_t k = 0; k < it->rows.n_paragraphs; k++) repeats += it->rows.paragraphs[k].repeats >= 0;
    size_t removed = it->rows.n_boilerplate;
    if (st == RASD_OK && !already) {
        /* the story thread takes over what it needs of the article */
        rasd_link_job job = {id, it->a.published, it->terms};
        it->a.published = NULL;
        it->terms = NULL;
        st = rasd_link_story(g->link, g->store, &job, &it->fp, &err);
    }
    g->t_store += t2 - t1;
    g->t_link += now() - t2;
    if (st == RASD_ERR_DB || st == RASD_ERR_NOMEM) { /* the database itself failed: stop writing */
        g->db_failed = true;
        g->db_err = err;
    } else if (st != RASD_OK) {
        report_skip(g, st, err.message);
    } else if (already) {
        g->already++;
    } else {
        g->stored++;
        g->text_bytes += d.len;
        g->repeated += repeats;
        g->repeating_docs += repeats > 0;
        g->boilerplate_lines += removed;
        g->boilerplate_docs += removed > 0;
        if (lr.duplicate_of && strcmp(lr.dup_kind, "exact") == 0) g->exact++;
        else if (lr.duplicate_of) g->near++;
        if (++g->in_batch >= g->batch) end_batch(g, true);
    }
    free_item(it);
    progress(g, false);
}

static void write_later(void *ctx, size_t i) {
    (void)ctx;
    (void)i;
}

static void run_chunk(ingest *g) {
    if (!g->n) return;
    /* shared: the whole chunk is analysed before its turn, so the writer
     * lock is held while writing only, never while analysing */
    cli_pool_spec spec = {g->n, g->jobs, ingest_take_analyzer, ingest_give_back, ingest_analyse_one, g->shared ? write_later : write_one, g};
    if (!cli_pool_run(&spec)) {
        spec.jobs = 1;
        cli_pool_run(&spec);
    }
    if (g->shared) {
        for (size_t i = 0; i < g->n; i++) write_one(g, i);
        if (g->holding && !g->db_failed) end_batch(g, true); /* the turn ends with the chunk */
    }
    g->n = 0;
}

/* --settle: one more turn, in which the whole store's duplicate links and
 * stories are decided again in canonical order (rasd_link_settle). */
static void settle_stories(ingest *g) {
    double t0 = now();
    rasd_error err = {0};
    rasd_status st = rasd_store_begin(g->store, &err);
    if (st == RASD_OK) st = rasd_store_lock_writers(g->store, &err);
    if (st == RASD_OK) st = rasd_link_sync(g->link, g->store, &err);
    if (st == RASD_OK) st = rasd_link_settle(g->link, g->store, &g->settled, &err);
    if (st == RASD_OK) st = rasd_store_commit(g->store, &err);
    if (st != RASD_OK) {
        g->db_failed = true;
        g->db_err = err;
    }
    g->t_settle = now() - t0;
}

/* ----------------------------------------------------------- the reader */

/* Queues the chunk being filled (waiting while the queue is full). */
static bool queue_filling(ingest *g) {
    pthread_mutex_lock(&g->q_mu);
    while (g->n_queued == QUEUE_DEPTH && !g->stop_reading) pthread_cond_wait(&g->q_changed, &g->q_mu);
    bool go_on = !g->stop_reading;
    if (go_on && g->n_filling) {
        g->queue[g->n_queued] = g->filling;
        g->queue_n[g->n_queued++] = g->n_filling;
        g->n_produced += g->n_filling;
        g->filling = NULL;
        g->n_filling = 0;
        pthread_cond_broadcast(&g->q_changed);
    }
    pthread_mutex_unlock(&g->q_mu);
    return go_on;
}

/* The next free item of the chunk being filled, or NULL (out of memory,
 * or the writer has stopped). */
static item *next_item(ingest *g) {
    if (g->n_filling == CHUNK && !queue_filling(g)) return NULL;
    if (!g->filling && !(g->filling = calloc(CHUNK, sizeof *g->filling))) return NULL;
    item *it = &g->filling[g->n_filling++];
    memset(it, 0, sizeof *it);
    return it;
}

static bool on_article(void *ctx, rasd_article *a) {
    ingest *g = ctx;
    item *it = next_item(g);
    if (!it) return false;
    it->a = *a; /* steal every field */
    memset(a, 0, sizeof *a);
    return true;
}

/* A skipped record travels as an item too, so that it is counted and
 * reported in input order by the writer, like the articles around it. */
static void on_skip(void *ctx, const rasd_error *err) {
    ingest *g = ctx;
    item *it = next_item(g);
    if (it) ingest_fail_item(it, err->code, err->message);
}

static void on_file(void *ctx, const char *path, uint64_t bytes) {
    (void)path;
    ingest *g = ctx;
    pthread_mutex_lock(&g->q_mu);
    g->bytes_done += bytes;
    pthread_mutex_unlock(&g->q_mu);
}

/* Reads the lines of a --from-jsonl file ("-": standard input) into items
 * on the reader thread; the workers read them (ingest_from_analysis). */
static void read_jsonl(ingest *g, const char *path) {
    FILE *f = stdin;
    if (strcmp(path, "-") != 0) {
        /* a regular file only: a FIFO could block the open, a device never
         * end (pipe lines in through standard input, -) */
        rasd_error e = {0};
        uint64_t size = 0;
        int fd = rasd_reader_open(path, &size, &e);
        if (fd < 0 || !(f = fdopen(fd, "rb"))) {
            if (fd >= 0) {
                rasd_fail(&e, RASD_ERR_IO, "%s: %s", path, strerror(errno));
                close(fd);
            }
            on_skip(g, &e);
            return;
        }
    }
    char *line = NULL;
    size_t cap = 0, no = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        no++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
        if (!len) continue;
        item *it = next_item(g);
        if (!it) break;
        size_t on = strlen(path) + 24;
        it->a.origin = malloc(on);
        it->json = malloc(len + 1);
        if (!it->a.origin || !it->json) {
            ingest_fail_item(it, RASD_ERR_NOMEM, "out of memory");
            continue;
        }
        snprintf(it->a.origin, on, "%s#%zu", path, no);
        memcpy(it->json, line, len);
        it->json[len] = '\0';
        it->json_len = len;
        it->analysed = true;
        on_file(g, path, (uint64_t)n);
    }
    if (ferror(f)) {
        rasd_error e = {0};
        rasd_fail(&e, RASD_ERR_IO, "%s: line %zu: %s", path, no + 1, strerror(errno));
        on_skip(g, &e);
    }
    free(line);
    if (f != stdin) fclose(f);
}

static void *reader_thread(void *arg) {
    ingest *g = arg;
    rasd_reader_sink sink = {on_article, on_skip, on_file, g, false, NULL};
    if (g->jsonl) read_jsonl(g, g->jsonl);
    for (int i = 0; i < g->n_inputs && !sink.stop; i++) {
        rasd_error rerr = {0};
        if (rasd_read_path(g->inputs[i], g->ropt, &sink, &rerr) != RASD_OK) on_skip(g, &rerr);
    }
    rasd_reader_sink_done(&sink);
    queue_filling(g);
    pthread_mutex_lock(&g->q_mu);
    g->reading_done = true;
    pthread_cond_broadcast(&g->q_changed);
    pthread_mutex_unlock(&g->q_mu);
    return NULL;
}

/* Runs the pool over every chunk the reader queues, until it is done. */
static void consume(ingest *g) {
    for (;;) {
        pthread_mutex_lock(&g->q_mu);
        while (!g->n_queued && !g->reading_done) pthread_cond_wait(&g->q_changed, &g->q_mu);
        if (!g->n_queued) {
            pthread_mutex_unlock(&g->q_mu);
            return;
        }
        item *chunk = g->queue[0];
        size_t n = g->queue_n[0];
        memmove(g->queue, g->queue + 1, (QUEUE_DEPTH - 1) * sizeof *g->queue);
        memmove(g->queue_n, g->queue_n + 1, (QUEUE_DEPTH - 1) * sizeof *g->queue_n);
        g->n_queued--;
        if (g->db_failed) g->stop_reading = true;
        pthread_cond_broadcast(&g->q_changed);
        pthread_mutex_unlock(&g->q_mu);
        g->chunk = chunk;
        g->n = n;
        run_chunk(g); /* after a database failure, write_one only frees */
        free(chunk);
        g->chunk = NULL;
    }
}

/* Input size, for the progress bar's share and ETA: an estimate, so
 * symlinked directories are not entered (no loop can hold it up; the
 * reader's own walk decides what is read). */
static uint64_t bytes_under(const char *path, int depth) {
    struct stat stb;
    if ((depth ? lstat(path, &stb) : stat(path, &stb)) != 0) return 0;
    if (S_ISLNK(stb.st_mode) && (stat(path, &stb) != 0 || !S_ISREG(stb.st_mode))) return 0;
    if (!S_ISDIR(stb.st_mode)) return S_ISREG(stb.st_mode) ? (uint64_t)stb.st_size : 0;
    if (depth > 64) return 0;
    DIR *d = opendir(path);
    if (!d) return 0;
    uint64_t total = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *child = malloc(n);
        if (!child) break;
        snprintf(child, n, "%s/%s", path, e->d_name);
        total += bytes_under(child, depth + 1);
        free(child);
    }
    closedir(d);
    return total;
}

static void summary(ingest *g) {
    double el = now() - g->t0;
    rasd_store_counts c = {0};
    rasd_error err = {0};
    rasd_store_counts_get(g->store, &c, &err);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
    struct timespec tw; /* this thread: the writer */
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &tw);
    double cpu_writer = (double)tw.tv_sec + (double)tw.tv_nsec / 1e9;
    clear_bar(g);
    if (g->db_failed) /* what is in the store, not what was attempted */
        fprintf(stderr,
                "rasd ingest: stopped by a database error: %zu read, %zu stored (committed), %zu already stored, "
                "%zu exact duplicates, %zu near duplicates, %zu skipped; %zu analysed were rolled back\n",
                g->n_read, g->committed, g->already, g->committed_exact, g->committed_near, g->skipped,
                g->stored - g->committed);
    else
        fprintf(stderr,
                "rasd ingest: %zu read, %zu stored, %zu already stored, %zu exact duplicates, %zu near duplicates, "
                "%zu skipped\n",
                g->n_read, g->stored, g->already, g->exact, g->near, g->skipped);
    if (g->empty) fprintf(stderr, "  %zu records without text left out\n", g->empty);
    fprintf(stderr, "  %zu repeated paragraphs in %zu documents, %zu boilerplate lines removed from %zu documents\n",
            g->repeated, g->repeating_docs, g->boilerplate_lines, g->boilerplate_docs);
    if (g->skipped) {
        fputs("  skipped:", stderr);
        const char *sep = " ";
        for (size_t i = 0; i <= RASD_ERR_NOT_FOUND; i++)
            if (g->skipped_by[i]) {
                fprintf(stderr, "%s%s %zu", sep, rasd_status_name((rasd_status)i), g->skipped_by[i]);
                sep = ", ";
            }
        fputc('\n', stderr);
    }
    fprintf(stderr,
            "  %.1f s (CPU: %.1f s user in all, %.1f s in the writer thread), %.0f articles/s, %.2f MB/s of"
            " text; peak RSS %ld MB\n"
            "  %s: %lld documents (%lld exact duplicates in %lld groups, %lld near), %lld stories, %.1f MB\n",
            el, cpu, cpu_writer, el > 0 ? (double)g->n_read / el : 0, el > 0 ? (double)g->text_bytes / el / 1e6 : 0,
            ru.ru_maxrss / 1024, rasd_store_target(g->store), (long long)c.documents, (long long)c.duplicates_exact,
            (long long)c.exact_groups, (long long)c.duplicates_near, (long long)c.stories,
            (double)rasd_store_size(g->store) / 1e6);
    fprintf(stderr,
            "  writer thread: %.1f s storing, %.1f s duplicates and stories, %.1f s committing; story thread: %.1f s"
            " CPU\n",
            g->t_store, g->t_link, g->t_commit, rasd_link_story_cpu(g->link));
    if (rasd_link_story_failures(g->link))
        fprintf(stderr, "  %zu articles could not be put in a story\n", rasd_link_story_failures(g->link));
    if (g->settled_run && !g->db_failed)
        fprintf(stderr, "  settled: %zu articles decided again, %zu duplicate links and %zu stories changed, %.1f s\n",
                g->settled.articles, g->settled.duplicates, g->settled.stories, g->t_settle);
    if (g->shared && rasd_link_reloads(g->link))
        fprintf(stderr, "  caught up %zu times with other processes' batches\n", rasd_link_reloads(g->link));
}

int cmd_ingest(int argc, char **argv) {
    static const struct option LONG[] = {
        {"db", required_argument, 0, 'D'},        {"jobs", required_argument, 0, 'j'},
        {"source", required_argument, 0, 's'},    {"map", required_argument, 0, 'M'},
        {"batch", required_argument, 0, 'b'},     {"keep-json", no_argument, 0, 'K'},
        {"keep-boilerplate", no_argument, 0, 'B'},
        {"allow-non-arabic", no_argument, 0, 'A'}, {"data", required_argument, 0, 'd'},
        {"geonames", required_argument, 0, 'g'},  {"no-entities", no_argument, 0, 'E'},
        {"no-tagger", no_argument, 0, 'T'},       {"quiet", no_argument, 0, 'q'},
        {"from-jsonl", required_argument, 0, 'J'}, {"help", no_argument, 0, 'h'},
        {"settle", no_argument, 0, 'S'},       {"no-settle", no_argument, 0, 'N'},
        {"follow-symlinks", no_argument, 0, 'L'},
        {0, 0, 0, 0},
    };
    ingest g = {.jobs = cli_cores(), .batch = 1000};
    rasd_reader_options ropt = {0};
    cli_engine_options eopt = {.entities = true, .tagger = true};
    const char *db = NULL;
    bool keep_boilerplate = false;
    rasd_error err = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+j:h", LONG, NULL)) != -1) {
        switch (c) {
        case 'D': db = optarg; break;
        case 'j':
            if (!cli_parse_size("--jobs", optarg, &g.jobs)) return EXIT_USAGE;
            break;
        case 's': ropt.source = optarg; break;
        case 'M':
            if (rasd_field_map_parse(optarg, &ropt.map, &err) != RASD_OK) {
                cli_error("%s", err.message);
                return EXIT_USAGE;
            }
            break;
        case 'b':
            if (!cli_parse_size("--batch", optarg, &g.batch)) return EXIT_USAGE;
            break;
        case 'K': g.keep_json = true; break;
        case 'B': keep_boilerplate = true; break;
        case 'A': g.read.allow_non_arabic = true; break;
        case 'd': eopt.data_dir = optarg; break;
        case 'g': eopt.geonames = optarg; break;
        case 'E': eopt.entities = false; break;
        case 'T': eopt.tagger = false; break;
        case 'q': g.quiet = true; break;
        case 'J': g.jsonl = optarg; break;
        case 'S': g.settle = true; break;
        case 'N': g.no_settle = true; break;
        case 'L': ropt.follow_symlinks = true; break;
        case 'h': fputs(USAGE, stdout); return EXIT_ALL_OK;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc && !g.jsonl && !g.settle) {
        cli_error("ingest: no input (give files, directories or zip archives)");
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    if (g.jobs > sizeof g.stash / sizeof g.stash[0]) g.jobs = sizeof g.stash / sizeof g.stash[0];
    g.tty = isatty(2);
    int status = EXIT_ALL_OK;
    pthread_mutex_init(&g.stash_mu, NULL);
    pthread_mutex_init(&g.q_mu, NULL);
    pthread_cond_init(&g.q_changed, NULL);
    ingest_current = &g;
    if (!cli_engine_load(&g.engine, &eopt, &g.analysis)) {
        status = EXIT_USAGE;
        goto done;
    }
    if (!cli_web_init(eopt.data_dir)) { /* the boilerplate list for HTML pages */
        status = EXIT_USAGE;
        goto done;
    }
    /* the filter runs on every body: HTML and feed bodies in their readers,
     * plain-text and JSON ones in the workers (ingest_strip_boilerplate) */
    if (!keep_boilerplate) ropt.boilerplate = g.bp = cli_web_boilerplate();
    if (!(g.store = rasd_store_open(db, g.engine.lex, &err))) {
        cli_error("%s", err.message);
        status = EXIT_USAGE;
        goto done;
    }
    g.shared = rasd_store_is_pg(rasd_store_target(g.store));
    if (!(g.writer_an = ingest_take_analyzer(&g)) || !(g.link = rasd_link_open(g.store, g.writer_an, &err))) {
        if (g.writer_an) cli_error("%s", err.message);
        status = EXIT_USAGE;
        goto done;
    }
    if (rasd_store_each_hash(g.store, ingest_add_stored, &g, &err) != RASD_OK) {
        cli_error("%s", err.message);
        status = EXIT_ABORTED;
        goto done;
    }
    if (g.n_prior) qsort(g.prior, g.n_prior, sizeof *g.prior, ingest_hash_cmp);
    g.t0 = g.last_report = now();
    for (int i = optind; i < argc; i++) g.bytes_total += bytes_under(argv[i], 0);
    if (g.jsonl && strcmp(g.jsonl, "-") != 0) g.bytes_total += bytes_under(g.jsonl, 0);
    if (rasd_store_begin(g.store, &err) != RASD_OK) {
        cli_error("%s", err.message);
        status = EXIT_ABORTED;
        goto done;
    }
    g.ropt = &ropt;
    g.inputs = argv + optind;
    g.n_inputs = argc - optind;
    pthread_t reader;
    if (pthread_create(&reader, NULL, reader_thread, &g) != 0) {
        cli_error("cannot start the reader thread");
        status = EXIT_ABORTED;
        goto done;
    }
    consume(&g);
    pthread_join(reader, NULL);
    if (!g.db_failed) end_batch(&g, false);
    /* A bulk import (the run stored at least as many articles as the store
     * held when it began: a first import, or each of several workers
     * started together on an empty store) settles by itself, so that its
     * stories and links are those of the canonical order whatever the
     * order of the input or of the workers' turns; the last worker to end
     * settles everything. A small ingest into a large store does not: a
     * settle costs ~0.2 ms of CPU per stored article. */
    bool bulk = g.stored > 0 && g.stored >= g.n_prior && !g.no_settle;
    if ((g.settle || bulk) && !g.db_failed) {
        settle_stories(&g);
        g.settled_run = true;
    }
    if (g.db_failed) {
        clear_bar(&g);
        cli_error("%s (the last batch was rolled back; what was committed before is kept)", g.db_err.message);
        rasd_store_rollback(g.store, &err);
    }
    progress(&g, true);
    summary(&g);
    if (g.skipped) status = EXIT_INPUT_FAILED;
    if (g.db_failed) status = EXIT_ABORTED; /* the worst of the two tells the story */
done:
    rasd_link_close(g.link);
    rasd_analyzer_destroy(g.writer_an);
    rasd_store_close(g.store);
    for (size_t i = 0; i < g.n_stash; i++) rasd_analyzer_destroy(g.stash[i]);
    for (size_t i = 0; i < g.n_filling; i++) free_item(&g.filling[i]);
    free(g.filling);
    free(g.prior);
    cli_engine_destroy(&g.engine);
    cli_web_done();
    pthread_mutex_destroy(&g.stash_mu);
    pthread_cond_destroy(&g.q_changed);
    pthread_mutex_destroy(&g.q_mu);
    ingest_current = NULL;
    return status;
}

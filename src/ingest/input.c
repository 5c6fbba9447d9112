/*
 * input.c: the reader side of an ingest (ingest_internal.h). The readers
 * (src/corpus/reader.c) turn files, directories and archives into articles
 * on a thread of their own, gathered into chunks and queued (two at most),
 * so parsing a large file overlaps the work on the last one; lines of
 * `rasd analyze` output (--from-jsonl) and articles given in memory travel
 * the same way. The calling thread takes the chunks off the queue and runs
 * the pool over each (writer.c).
 */
#include "ingest/ingest_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Queues the chunk being filled (waiting while the queue is full). */
static bool queue_filling(ingest *g) {
    pthread_mutex_lock(&g->q_mu);
    while (g->n_queued == QUEUE_DEPTH && !g->stop_reading) pthread_cond_wait(&g->q_changed, &g->q_mu);
    bool go_on = !g->stop_reading;
    if (go_on && g->n_filling) {
        g->queue[g->n_queued] = g->filling;
        g->queue_n[g->n_queued++] = g->n_filling;
        g->r.produced += g->n_filling;
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
    g->r.bytes_done += bytes;
    pthread_mutex_unlock(&g->q_mu);
}

/* Reads the lines of a --from-jsonl file ("-": standard input) into items
 * on the reader thread; the workers read them (worker.c). */
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

void *ingest_reader_thread(void *arg) {
    ingest *g = arg;
    rasd_reader_sink sink = {on_article, on_skip, on_file, g, false, NULL};
    const rasd_ingest_options *o = g->opt;
    if (o->jsonl) read_jsonl(g, o->jsonl);
    for (size_t i = 0; i < o->n_paths && !sink.stop; i++) {
        rasd_error rerr = {0};
        if (rasd_read_path(o->paths[i], g->ropt, &sink, &rerr) != RASD_OK) on_skip(g, &rerr);
    }
    for (size_t i = 0; i < o->n_articles && !sink.stop; i++) sink.stop = !on_article(g, &o->articles[i]);
    rasd_reader_sink_done(&sink);
    queue_filling(g);
    pthread_mutex_lock(&g->q_mu);
    g->reading_done = true;
    pthread_cond_broadcast(&g->q_changed);
    pthread_mutex_unlock(&g->q_mu);
    return NULL;
}

/* Runs the pool over every chunk the reader queues, until it is done. */
void ingest_consume(ingest *g) {
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
        if (g->r.db_failed) g->stop_reading = true;
        pthread_cond_broadcast(&g->q_changed);
        pthread_mutex_unlock(&g->q_mu);
        g->chunk = chunk;
        g->n = n;
        ingest_run_chunk(g); /* after a database failure, write_one only frees */
        free(chunk);
        g->chunk = NULL;
    }
}

/* Input size, for the progress bar's share and ETA: an estimate, so
 * symlinked directories are not entered (no loop can hold it up; the
 * reader's own walk decides what is read). */
uint64_t ingest_bytes_under(const char *path, int depth) {
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
        total += ingest_bytes_under(child, depth + 1);
        free(child);
    }
    closedir(d);
    return total;
}

/*
 * clusters.c: word clusters learned from unlabelled news, for the tagger's
 * features (a name the training data never showed still shares a cluster
 * with names it did).
 *
 * Brown clustering gives the bit-strings NER wants but is too slow for a
 * ten-minute build on a corpus of millions of words, so the same kind of
 * tree is built in three fast steps:
 *   1. every frequent word key gets a context vector: the positive PMI of
 *      the words at -2, -1, +1 and +2 (the most frequent ones; the rest
 *      pooled), with the context distribution smoothed (power 0.75, after
 *      Levy, Goldberg and Dagan 2015), randomly projected to a few hundred
 *      dimensions and normalised;
 *   2. spherical k-means (k-means++ seeding, fixed seed: the output is
 *      deterministic) groups them into k leaf clusters;
 *   3. Ward's agglomerative clustering of the k centroids builds a binary
 *      tree over the leaves; a word's bit-string is the path to its leaf,
 *      so prefixes of 4, 6, 10 bits are coarser clusters, as with Brown's.
 * Contexts are counted one position at a time with a radix sort, so
 * memory stays at a few hundred MB for a corpus of ten million words.
 */
#include "core/strtab.h"
#include "ner/ner_internal.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void ner_cluster_defaults(ner_cluster_options *opt) {
    *opt = (ner_cluster_options){.k = 512, .min_count = 5, .max_words = 100000, .contexts = 2000, .dims = 192,
                                 .iterations = 15, .threads = 2, .verbose = false};
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* SplitMix64: a small deterministic generator. */
static uint64_t next_rand(uint64_t *s) {
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static double rand_unit(uint64_t *s) { return (double)(next_rand(s) >> 11) / 9007199254740992.0; }
static float rand_gauss(uint64_t *s) {
    double u = rand_unit(s), v = rand_unit(s);
    if (u < 1e-300) u = 1e-300;
    return (float)(sqrt(-2 * log(u)) * cos(6.283185307179586 * v));
}

/* ------------------------------------------------------------ the corpus */

typedef struct corpus {
    rasd_strtab tab;   /* key -> id + 1 in flags */
    uint32_t *ids;     /* the running text as ids; BOUNDARY between lines */
    size_t n, cap;
    uint32_t *key_off; /* id -> offset of its key in tab.keys */
    uint64_t *count;   /* id -> occurrences */
    uint8_t *is_word;  /* id -> an Arabic or Latin word (clusterable) */
    size_t n_ids, ids_cap;
} corpus;

#define BOUNDARY 0u

static bool push(corpus *c, uint32_t id) {
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1 << 20;
        uint32_t *g = realloc(c->ids, cap * sizeof *g);
        if (!g) return false;
        c->ids = g;
        c->cap = cap;
    }
    c->ids[c->n++] = id;
    if (id != BOUNDARY) c->count[id]++;
    return true;
}

static int64_t intern(corpus *c, const char *key, size_t len, bool word) {
    rasd_strtab_entry *e = rasd_strtab_get(&c->tab, key, len, true);
    if (!e) return -1;
    if (!e->flags) {
        if (c->n_ids == c->ids_cap) {
            size_t cap = c->ids_cap * 2;
            uint32_t *ko = realloc(c->key_off, cap * sizeof *ko);
            if (ko) c->key_off = ko;
            uint64_t *cn = realloc(c->count, cap * sizeof *cn);
            if (cn) c->count = cn;
            uint8_t *w = realloc(c->is_word, cap);
            if (w) c->is_word = w;
            if (!ko || !cn || !w) return -1;
            c->ids_cap = cap;
        }
        c->key_off[c->n_ids] = e->key_off;
        c->count[c->n_ids] = 0;
        c->is_word[c->n_ids] = word;
        e->flags = (uint32_t)++c->n_ids; /* id + 1, 0 meaning new */
    }
    return (int64_t)e->flags - 1;
}

static rasd_status read_file(corpus *c, const char *path, rasd_error *err) {
    FILE *f = fopen(path, "rb");
    if (!f) return rasd_fail(err, RASD_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    rasd_status st = RASD_OK;
    char key[512];
    int64_t num = intern(c, "<num>", 5, false), sym = intern(c, "<sym>", 5, false);
    if (num < 0 || sym < 0) st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    while (st == RASD_OK && (got = getline(&line, &cap, f)) >= 0) {
        rasd_tokenizer tz;
        rasd_token t;
        rasd_tokenizer_init(&tz, line, (size_t)got);
        bool any = false;
        while (rasd_tokenizer_next(&tz, &t)) {
            int64_t id;
            if (t.type == RASD_TOK_NUMBER) id = num;
            else if (t.type == RASD_TOK_WORD || t.type == RASD_TOK_LATIN || t.type == RASD_TOK_PUNCT) {
                size_t k = rasd_normalize(line + t.start, t.end - t.start, key, sizeof key);
                if (k == 0 || k >= sizeof key) continue;
                id = intern(c, key, k, t.type != RASD_TOK_PUNCT);
            } else id = sym;
            if (id < 0 || !push(c, (uint32_t)id)) {
                st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory reading %s", path);
                break;
            }
            any = true;
        }
        if (any && st == RASD_OK && !push(c, BOUNDARY)) st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    free(line);
    fclose(f);
    return st;
}

/* -------------------------------------------------------------- k-means */

typedef struct kjob {
    const float *x, *cent;
    size_t from, to, k, dims;
    uint32_t *assign;
    float *sim;
} kjob;

static void *assign_range(void *arg) {
    kjob *j = arg;
    for (size_t i = j->from; i < j->to; i++) {
        const float *v = j->x + i * j->dims;
        float best = -2;
        uint32_t arg_best = 0;
        for (size_t c = 0; c < j->k; c++) {
            const float *m = j->cent + c * j->dims;
            float s = 0;
            for (size_t d = 0; d < j->dims; d++) s += v[d] * m[d];
            if (s > best) best = s, arg_best = (uint32_t)c;
        }
        j->assign[i] = arg_best;
        j->sim[i] = best;
    }
    return NULL;
}

static void assign_all(const float *x, size_t n, const float *cent, size_t k, size_t dims, uint32_t *assign,
                       float *sim, size_t threads) {
    if (threads < 1) threads = 1;
    if (threads > 16) threads = 16;
    pthread_t th[16];
    kjob jobs[16];
    bool started[16] = {false};
    for (size_t t = 0; t < threads; t++) {
        jobs[t] = (kjob){x, cent, n * t / threads, n * (t + 1) / threads, k, dims, assign, sim};
        if (t > 0) started[t] = pthread_create(&th[t], NULL, assign_range, &jobs[t]) == 0;
    }
    assign_range(&jobs[0]);
    for (size_t t = 1; t < threads; t++) {
        if (started[t]) pthread_join(th[t], NULL);
        else assign_range(&jobs[t]); /* no thread: do it here */
    }
}

static void normalize_vec(float *v, size_t dims) {
    double s = 0;
    for (size_t d = 0; d < dims; d++) s += (double)v[d] * v[d];
    if (s <= 0) return;
    float inv = (float)(1 / sqrt(s));
    for (size_t d = 0; d < dims; d++) v[d] *= inv;
}

/* ------------------------------------------------------------ the tree */

typedef struct node {
    int left, right; /* children, -1 for a leaf */
} node;

static void write_paths(const node *nodes, int at, uint64_t path, unsigned depth, uint64_t *leaf_path,
                        uint8_t *leaf_len, size_t k) {
    if (nodes[at].left < 0) {
        leaf_path[at] = path;
        leaf_len[at] = (uint8_t)(depth ? depth : 1);
        return;
    }
    if (depth >= 63) depth = 62; /* degenerate trees: keep going, cut the string */
    write_paths(nodes, nodes[at].left, path << 1, depth + 1, leaf_path, leaf_len, k);
    write_paths(nodes, nodes[at].right, (path << 1) | 1, depth + 1, leaf_path, leaf_len, k);
}

static double ward_cost(const double *mean, const size_t *sizes, size_t D, size_t a, size_t b) {
    double d2 = 0;
    for (size_t d = 0; d < D; d++) {
        double z = mean[a * D + d] - mean[b * D + d];
        d2 += z * z;
    }
    return (double)sizes[a] * (double)sizes[b] / (double)(sizes[a] + sizes[b]) * d2;
}

/* ----------------------------------------------------------- the builder */

static void radix_sort(uint32_t *a, uint32_t *tmp, size_t n) {
    for (unsigned shift = 0; shift < 32; shift += 8) {
        size_t cnt[257] = {0};
        for (size_t i = 0; i < n; i++) cnt[((a[i] >> shift) & 255) + 1]++;
        for (int b = 0; b < 256; b++) cnt[b + 1] += cnt[b];
        for (size_t i = 0; i < n; i++) tmp[cnt[(a[i] >> shift) & 255]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
}

typedef struct rank_item {
    uint64_t count;
    uint32_t id;
} rank_item;

static int by_count(const void *a, const void *b) {
    const rank_item *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return x->id < y->id ? -1 : x->id > y->id;
}

rasd_status ner_build_clusters(char *const *files, size_t n_files, const ner_cluster_options *opt,
                               const char *out_path, rasd_error *err) {
    double t0 = now();
    corpus c = {0};
    rasd_status st = RASD_OK;
    size_t V = 0, C = 0, K = 0, D = opt->dims;
    rank_item *rank = NULL;
    int32_t *vocab_of = NULL, *ctx_of = NULL;
    uint32_t *vocab_id = NULL, *keys = NULL, *tmp = NULL, *assign = NULL;
    float *proj = NULL, *x = NULL, *cent = NULL, *sim = NULL, *ctx_p = NULL;
    double *mean = NULL, *cost = NULL;
    node *nodes = NULL;
    uint64_t *leaf_path = NULL;
    uint8_t *leaf_len = NULL;
    size_t *sizes = NULL;
    int *alive = NULL;
    FILE *out = NULL;
    uint64_t seed = 0x5eed5eedULL;

    c.ids_cap = 1 << 16;
    c.key_off = malloc(c.ids_cap * sizeof *c.key_off);
    c.count = malloc(c.ids_cap * sizeof *c.count);
    c.is_word = malloc(c.ids_cap);
    if (!c.key_off || !c.count || !c.is_word) goto nomem;
    if (intern(&c, "</s>", 4, false) != BOUNDARY) goto nomem;
    for (size_t i = 0; i < n_files && st == RASD_OK; i++) st = read_file(&c, files[i], err);
    if (st != RASD_OK) goto done;
    if (opt->verbose)
        fprintf(stderr, "clusters: %zu tokens, %zu distinct keys (%.1f s)\n", c.n, c.n_ids, now() - t0);

    /* the vocabulary (words to cluster) and the context words */
    rank = malloc(c.n_ids * sizeof *rank);
    vocab_of = malloc(c.n_ids * sizeof *vocab_of);
    ctx_of = malloc(c.n_ids * sizeof *ctx_of);
    if (!rank || !vocab_of || !ctx_of) goto nomem;
    c.count[BOUNDARY] = c.n; /* always a context */
    for (size_t i = 0; i < c.n_ids; i++) rank[i] = (rank_item){c.count[i], (uint32_t)i};
    qsort(rank, c.n_ids, sizeof *rank, by_count);
    vocab_id = malloc((opt->max_words ? opt->max_words : 1) * sizeof *vocab_id);
    if (!vocab_id) goto nomem;
    for (size_t i = 0; i < c.n_ids; i++) vocab_of[i] = ctx_of[i] = -1;
    for (size_t r = 0; r < c.n_ids; r++) {
        uint32_t id = rank[r].id;
        if (C < opt->contexts) ctx_of[id] = (int32_t)C++;
        if (V < opt->max_words && c.is_word[id] && rank[r].count >= opt->min_count) {
            vocab_of[id] = (int32_t)V;
            vocab_id[V++] = id;
        }
    }
    size_t CR = C + 1; /* the last context pools all the rare words */
    K = opt->k < V ? opt->k : V;
    if (V < 2 || K < 2) {
        st = rasd_fail(err, RASD_ERR_DATA, "clusters: too little text (%zu words seen %zu times or more)", V,
                       opt->min_count);
        goto done;
    }
    if ((uint64_t)V * CR >= UINT32_MAX) {
        st = rasd_fail(err, RASD_ERR_USAGE, "clusters: too many words times contexts");
        goto done;
    }

    /* random projections of the contexts: [position][context][dims] */
    proj = malloc(4 * CR * D * sizeof *proj);
    x = calloc(V * D, sizeof *x);
    keys = malloc((c.n ? c.n : 1) * sizeof *keys);
    tmp = malloc((c.n ? c.n : 1) * sizeof *tmp);
    ctx_p = malloc(CR * sizeof *ctx_p);
    if (!proj || !x || !keys || !tmp || !ctx_p) goto nomem;
    float scale = (float)(1 / sqrt((double)D));
    for (size_t i = 0; i < 4 * CR * D; i++) proj[i] = rand_gauss(&seed) * scale;

    static const int OFFS[4] = {-2, -1, 1, 2};
    for (int pos = 0; pos < 4; pos++) {
        size_t m = 0;
        double ctx_total = 0;
        memset(ctx_p, 0, CR * sizeof *ctx_p);
        for (size_t i = 0; i < c.n; i++) {
            int32_t v = vocab_of[c.ids[i]];
            if (v < 0) continue;
            /* the context at this offset; past a line break it is the break */
            uint32_t cid = BOUNDARY;
            int o = OFFS[pos], step = o < 0 ? -1 : 1;
            size_t j = i;
            for (int s = 0; s != o; s += step) {
                if ((step < 0 && j == 0) || (step > 0 && j + 1 >= c.n)) {
                    cid = BOUNDARY;
                    goto have;
                }
                j += (size_t)(ptrdiff_t)step;
                if (c.ids[j] == BOUNDARY) {
                    cid = BOUNDARY;
                    goto have;
                }
            }
            cid = c.ids[j];
        have:;
            int32_t k = ctx_of[cid];
            uint32_t ci = k < 0 ? (uint32_t)C : (uint32_t)k;
            keys[m++] = (uint32_t)v * (uint32_t)CR + ci;
            ctx_p[ci] += 1;
        }
        /* smoothed context distribution */
        for (size_t k = 0; k < CR; k++) ctx_total += (ctx_p[k] = powf(ctx_p[k], 0.75f));
        for (size_t k = 0; k < CR; k++) ctx_p[k] = (float)(ctx_p[k] / ctx_total);
        radix_sort(keys, tmp, m);
        for (size_t a = 0; a < m;) {
            size_t b = a;
            while (b < m && keys[b] == keys[a]) b++;
            uint32_t v = keys[a] / (uint32_t)CR, ci = keys[a] % (uint32_t)CR;
            double p_c_given_v = (double)(b - a) / (double)c.count[vocab_id[v]];
            double pmi = log(p_c_given_v / ctx_p[ci]);
            if (pmi > 0) {
                const float *r = proj + ((size_t)pos * CR + ci) * D;
                float *xv = x + (size_t)v * D;
                float wgt = (float)pmi;
                for (size_t d = 0; d < D; d++) xv[d] += wgt * r[d];
            }
            a = b;
        }
    }
    free(keys), keys = NULL;
    free(tmp), tmp = NULL;
    for (size_t v = 0; v < V; v++) normalize_vec(x + v * D, D);
    if (opt->verbose) fprintf(stderr, "clusters: %zu words, %zu contexts, vectors done (%.1f s)\n", V, C, now() - t0);

    /* k-means++ seeding, then spherical k-means */
    cent = malloc(K * D * sizeof *cent);
    sim = malloc(V * sizeof *sim);
    assign = malloc(V * sizeof *assign);
    mean = malloc(K * D * sizeof *mean);
    sizes = malloc(K * sizeof *sizes);
    if (!cent || !sim || !assign || !mean || !sizes) goto nomem;
    {
        float *dist = malloc(V * sizeof *dist);
        if (!dist) goto nomem;
        size_t first = (size_t)(next_rand(&seed) % V);
        memcpy(cent, x + first * D, D * sizeof *cent);
        for (size_t v = 0; v < V; v++) dist[v] = 3.0f;
        for (size_t k = 1; k < K; k++) {
            const float *m = cent + (k - 1) * D;
            double total = 0;
            for (size_t v = 0; v < V; v++) {
                float s = 0;
                const float *xv = x + v * D;
                for (size_t d = 0; d < D; d++) s += xv[d] * m[d];
                float dd = 2 - 2 * s; /* squared distance of unit vectors */
                if (dd < 0) dd = 0;
                if (dd < dist[v]) dist[v] = dd;
                total += dist[v];
            }
            double r = rand_unit(&seed) * total, acc = 0;
            size_t pick = V - 1;
            for (size_t v = 0; v < V; v++)
                if ((acc += dist[v]) >= r) {
                    pick = v;
                    break;
                }
            memcpy(cent + k * D, x + pick * D, D * sizeof *cent);
        }
        free(dist);
    }
    for (size_t it = 0; it < opt->iterations; it++) {
        assign_all(x, V, cent, K, D, assign, sim, opt->threads);
        memset(mean, 0, K * D * sizeof *mean);
        memset(sizes, 0, K * sizeof *sizes);
        double obj = 0;
        for (size_t v = 0; v < V; v++) {
            double *mv = mean + (size_t)assign[v] * D;
            const float *xv = x + v * D;
            for (size_t d = 0; d < D; d++) mv[d] += xv[d];
            sizes[assign[v]]++;
            obj += sim[v];
        }
        for (size_t k = 0; k < K; k++) {
            if (!sizes[k]) {
                /* an empty cluster takes the word its centroid fits worst */
                size_t worst = 0;
                for (size_t v = 1; v < V; v++)
                    if (sim[v] < sim[worst]) worst = v;
                sim[worst] = 2;
                for (size_t d = 0; d < D; d++) cent[k * D + d] = x[worst * D + d];
                continue;
            }
            for (size_t d = 0; d < D; d++) cent[k * D + d] = (float)mean[k * D + d];
            normalize_vec(cent + k * D, D);
        }
        if (opt->verbose)
            fprintf(stderr, "clusters: k-means iteration %zu, mean similarity %.4f (%.1f s)\n", it + 1, obj / (double)V,
                    now() - t0);
    }
    assign_all(x, V, cent, K, D, assign, sim, opt->threads);
    memset(mean, 0, K * D * sizeof *mean);
    memset(sizes, 0, K * sizeof *sizes);
    for (size_t v = 0; v < V; v++) {
        double *mv = mean + (size_t)assign[v] * D;
        for (size_t d = 0; d < D; d++) mv[d] += x[v * D + d];
        sizes[assign[v]]++;
    }
    for (size_t k = 0; k < K; k++)
        if (sizes[k])
            for (size_t d = 0; d < D; d++) mean[k * D + d] /= (double)sizes[k];

    /* Ward's agglomeration of the leaves into a binary tree */
    nodes = malloc((2 * K) * sizeof *nodes);
    alive = malloc((2 * K) * sizeof *alive);
    size_t *nsize = realloc(sizes, 2 * K * sizeof *sizes);
    double *nmean = realloc(mean, 2 * K * D * sizeof *mean);
    if (nsize) sizes = nsize;
    if (nmean) mean = nmean;
    if (!nodes || !alive || !nsize || !nmean) goto nomem;
    size_t live = 0, total_nodes = K;
    for (size_t k = 0; k < K; k++) {
        nodes[k] = (node){-1, -1};
        alive[k] = sizes[k] > 0;
        live += alive[k] != 0;
    }
    int root = -1;
    for (size_t k = 0; k < K; k++)
        if (alive[k]) root = (int)k;
    /* Ward's cost of merging a and b, cached for all pairs: a merge then
     * costs one row of new costs and one scan. */
    cost = malloc(2 * K * 2 * K * sizeof *cost);
    if (!cost) goto nomem;
#define WARD(a, b) ward_cost(mean, sizes, D, (a), (b))
    for (size_t a = 0; a < K; a++)
        for (size_t b = a + 1; b < K; b++)
            if (alive[a] && alive[b]) cost[a * 2 * K + b] = WARD(a, b);
    while (live > 1) {
        double best = INFINITY;
        size_t ba = 0, bb = 0;
        for (size_t a = 0; a < total_nodes; a++) {
            if (!alive[a]) continue;
            const double *row = cost + a * 2 * K;
            for (size_t b = a + 1; b < total_nodes; b++)
                if (alive[b] && row[b] < best) best = row[b], ba = a, bb = b;
        }
        size_t nn = total_nodes++;
        nodes[nn] = (node){(int)ba, (int)bb};
        sizes[nn] = sizes[ba] + sizes[bb];
        for (size_t d = 0; d < D; d++)
            mean[nn * D + d] = (mean[ba * D + d] * (double)sizes[ba] + mean[bb * D + d] * (double)sizes[bb]) /
                               (double)sizes[nn];
        alive[ba] = alive[bb] = 0;
        for (size_t a = 0; a < nn; a++)
            if (alive[a]) cost[a * 2 * K + nn] = WARD(a, nn);
        alive[nn] = 1;
        live--;
        root = (int)nn;
    }
#undef WARD
    leaf_path = calloc(2 * K, sizeof *leaf_path);
    leaf_len = calloc(2 * K, 1);
    if (!leaf_path || !leaf_len) goto nomem;
    write_paths(nodes, root, 0, 0, leaf_path, leaf_len, K);

    /* the file: most frequent words first */
    char tmp_path[4200];
    snprintf(tmp_path, sizeof tmp_path, "%s.tmp", out_path);
    out = fopen(tmp_path, "wb");
    if (!out) {
        st = rasd_fail(err, RASD_ERR_IO, "%s: cannot write: %s", tmp_path, strerror(errno));
        goto done;
    }
    fprintf(out,
            "# Word clusters for the name tagger: key TAB bit-string TAB count.\n"
            "# %zu word keys, %zu leaf clusters; from %zu tokens of unlabelled news.\n"
            "# Derived by scripts/train-ner.sh (src/ner/clusters.c); do not edit by hand.\n",
            V, K, c.n);
    for (size_t v = 0; v < V; v++) {
        uint32_t id = vocab_id[v], leaf = assign[v];
        char bits[65];
        unsigned len = leaf_len[leaf];
        for (unsigned b = 0; b < len; b++) bits[b] = (char)('0' + ((leaf_path[leaf] >> (len - 1 - b)) & 1));
        bits[len] = '\0';
        fprintf(out, "%s\t%s\t%llu\n", c.tab.keys.data + c.key_off[id], bits, (unsigned long long)c.count[id]);
    }
    bool ok = !ferror(out);
    ok &= fclose(out) == 0;
    out = NULL;
    if (!ok || rename(tmp_path, out_path) != 0) {
        st = rasd_fail(err, RASD_ERR_IO, "%s: cannot write: %s", out_path, strerror(errno));
        remove(tmp_path);
        goto done;
    }
    if (opt->verbose) fprintf(stderr, "clusters: wrote %zu words to %s (%.1f s)\n", V, out_path, now() - t0);
    goto done;
nomem:
    st = rasd_fail(err, RASD_ERR_NOMEM, "clusters: out of memory");
done:
    if (out) fclose(out);
    rasd_strtab_free(&c.tab);
    free(c.ids);
    free(c.key_off);
    free(c.count);
    free(c.is_word);
    free(rank);
    free(vocab_of);
    free(ctx_of);
    free(vocab_id);
    free(keys);
    free(tmp);
    free(proj);
    free(x);
    free(ctx_p);
    free(cent);
    free(sim);
    free(assign);
    free(mean);
    free(sizes);
    free(nodes);
    free(alive);
    free(cost);
    free(leaf_path);
    free(leaf_len);
    return st;
}

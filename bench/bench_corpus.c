/*
 * bench_corpus.c: measures duplicate detection and story clustering on the
 * SaudiNewsNet corpus (zipped JSON arrays, one zip a day) and on the seeds.
 *
 *   bench_corpus [options] ZIP...
 *     --threshold J        near-duplicate Jaccard threshold (default: the library's)
 *     --story-threshold C  story cosine threshold (default: the library's)
 *     --window D           story window in days (default: the library's)
 *     --sample N           near-duplicate pairs printed side by side (default 45)
 *     --stories N          multi-outlet stories printed with their titles (default 8)
 *     --entities           pass the knowledge base's entity and place ids to the stories
 *     --seeds DIR          afterwards, cluster the seed articles (DIR/manifest.tsv)
 *     --limit N            stop after N articles
 *     --brute N            check the LSH index against all pairs of the first N articles
 *     --warm               analyse every word first (not timed), as the ingest's analysis does
 *     --no-prior           stories learn document frequencies online only (no lexicon prior)
 *
 * Reports exact-duplicate groups (each verified by comparing the members'
 * normalized texts), near-duplicate pairs with a random sample, repeated
 * paragraphs, the stories (count, sizes, a few multi-outlet ones), and the
 * CPU time per article of each step. The reading code is deliberately
 * minimal (libzip + jansson, whole members in memory): the general readers
 * belong to the ingest commands.
 */
#include "rasd.h"
#include "corpus/dedup.h"
#include "corpus/stories.h"
#include "snn_zip.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct article {
    char *title, *content, *source, *date, *origin;
    int64_t id;
    rasd_dup_match dup;
    int64_t story;
} article;

typedef struct corpus {
    article *items;
    size_t count, cap;
} corpus;

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *dup_str(json_t *o, const char *k) {
    const char *s = json_string_value(json_object_get(o, k));
    return s ? strdup(s) : NULL;
}

typedef struct zip_reading {
    corpus *c;
    const char *path;
} zip_reading;

static void add_article(void *ctx, json_t *o, const char *member, size_t i) {
    zip_reading *r = ctx;
    corpus *c = r->c;
    if (c->count == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->items = realloc(c->items, c->cap * sizeof *c->items);
        if (!c->items) abort();
    }
    article *a = &c->items[c->count];
    memset(a, 0, sizeof *a);
    a->title = dup_str(o, "title");
    a->content = dup_str(o, "content");
    a->source = dup_str(o, "source");
    a->date = dup_str(o, "date_extracted");
    if (a->date && strlen(a->date) >= 10) a->date[10] = '\0';
    if (a->date && !rasd_valid_date(a->date)) {
        free(a->date);
        a->date = NULL;
    }
    char origin[512];
    snprintf(origin, sizeof origin, "%s:%s#%zu", strrchr(r->path, '/') ? strrchr(r->path, '/') + 1 : r->path, member, i);
    a->origin = strdup(origin);
    if (!a->content) a->content = strdup("");
    c->count++;
}

static int read_zip(const char *path, corpus *c) {
    zip_reading r = {c, path};
    return snn_zip_each("bench_corpus", path, add_article, &r);
}

/* The normalized words of an article, space separated (for verifying the
 * exact groups independently of the hash). */
static char *normalized(rasd_analyzer *an, const char *text) {
    size_t len = strlen(text), cap = len * 2 + 16, n = 0;
    char *out = malloc(cap);
    rasd_tokenizer tz;
    rasd_token t;
    rasd_tokenizer_init(&tz, text, len);
    while (rasd_tokenizer_next(&tz, &t)) {
        char buf[1100];
        size_t k = 0;
        if (t.type == RASD_TOK_WORD || t.type == RASD_TOK_LATIN) {
            rasd_word w;
            if (rasd_analyze_word(an, text, t.start, t.end, &w) != RASD_OK) continue;
            k = w.norm_len < sizeof buf ? w.norm_len : sizeof buf - 1;
            memcpy(buf, w.norm, k);
        } else if (t.type == RASD_TOK_NUMBER) {
            k = rasd_normalize(text + t.start, t.end - t.start, buf, 128);
            if (k > 127) k = 127;
        } else {
            continue;
        }
        if (!k) continue; /* a lone tatweel or mark: no key, as in dedup.c */
        if (n + k + 2 > cap) {
            cap = (n + k + 2) * 2;
            out = realloc(out, cap);
        }
        memcpy(out + n, buf, k);
        n += k;
        out[n++] = ' ';
    }
    out[n] = '\0';
    return out;
}

/* First `chars` characters of s on one line. */
static void print_head(const char *label, const char *s, size_t chars) {
    printf("    %s ", label);
    size_t c = 0;
    for (const char *p = s; *p; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80 && ++c > chars) break; /* whole characters only */
        putchar(*p == '\n' || *p == '\t' ? ' ' : *p);
    }
    putchar('\n');
}

static uint64_t rng_state = 42;
static uint64_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int cmp_story_size(const void *x, const void *y) {
    const size_t *a = x, *b = y; /* [size, first index] */
    if (a[0] != b[0]) return a[0] < b[0] ? 1 : -1;
    return (a[1] > b[1]) - (a[1] < b[1]);
}

/* Entity and place ids of an article, from the analysis JSON. */
static size_t entity_ids(rasd_analyzer *an, rasd_knowledge *kn, const article *a, char ***ids) {
    *ids = NULL;
    rasd_document doc;
    rasd_read_options ro = {.allow_non_arabic = true};
    size_t tl = a->title ? strlen(a->title) : 0, cl = strlen(a->content);
    char *text = malloc(tl + cl + 3);
    snprintf(text, tl + cl + 3, "%s\n\n%s", a->title ? a->title : "", a->content);
    if (rasd_document_from_buffer(a->origin, text, strlen(text), &ro, &doc, NULL) != RASD_OK) {
        free(text);
        return 0;
    }
    free(text);
    rasd_analysis_options opt = {.knowledge = kn, .published = a->date};
    char *json = NULL;
    size_t jl = 0, n = 0;
    if (rasd_analysis_json(an, &doc, &opt, &json, &jl, NULL) == RASD_OK) {
        json_t *root = json_loadb(json, jl, 0, NULL);
        const char *fields[] = {"entities", "places"};
        for (int f = 0; f < 2; f++) {
            json_t *arr = json_object_get(root, fields[f]);
            for (size_t i = 0; i < json_array_size(arr); i++) {
                const char *id = json_string_value(json_object_get(json_array_get(arr, i), "id"));
                if (!id) continue;
                *ids = realloc(*ids, (n + 1) * sizeof **ids);
                (*ids)[n++] = strdup(id);
            }
        }
        json_decref(root);
    }
    free(json);
    rasd_document_destroy(&doc);
    return n;
}

static void free_ids(char **ids, size_t n) {
    for (size_t i = 0; i < n; i++) free(ids[i]);
    free(ids);
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* The seeds: stories on top of what the corpus taught (document
 * frequencies), and repeated paragraphs in each. */
static void run_seeds(const char *dir, rasd_analyzer *an, rasd_stories *stories, rasd_knowledge *kn) {
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest.tsv", dir);
    FILE *m = fopen(path, "r");
    if (!m) {
        printf("\n== seeds: SKIP (no %s)\n", path);
        return;
    }
    printf("\n== seeds (%s)\n", dir);
    char line[4096];
    int64_t story_of[16];
    char names[16][256];
    size_t n = 0;
    while (fgets(line, sizeof line, m) && n < 16) {
        if (strncmp(line, "file\t", 5) == 0) continue;
        char *file = strtok(line, "\t"), *outlet = strtok(NULL, "\t");
        strtok(NULL, "\t");
        char *date = strtok(NULL, "\t");
        if (!file || !outlet || !date) continue;
        snprintf(path, sizeof path, "%s/%s", dir, file);
        size_t len;
        char *text = slurp(path, &len);
        if (!text) continue;
        rasd_document doc;
        if (rasd_document_from_buffer(path, text, len, NULL, &doc, NULL) != RASD_OK) {
            free(text);
            continue;
        }
        free(text);
        char title[1024];
        snprintf(title, sizeof title, "%.*s", (int)(doc.title.end - doc.title.start), doc.text + doc.title.start);
        article a = {.title = title, .content = doc.text + doc.title.end, .date = date, .origin = path};
        char **ids = NULL;
        size_t n_ids = kn ? entity_ids(an, kn, &a, &ids) : 0;
        rasd_story_input in = {.id = 1000000 + (int64_t)n, .published = date, .outlet = outlet, .title = title,
                               .text = doc.text + doc.title.end, .len = doc.len - doc.title.end,
                               .entities = (const char *const *)ids, .n_entities = n_ids};
        rasd_story_assignment as;
        rasd_error err = {0};
        if (rasd_stories_add(stories, an, &in, &as, &err) != RASD_OK) printf("  %s: %s\n", file, err.message);
        story_of[n] = as.story;
        snprintf(names[n], sizeof names[n], "%s", file);
        printf("  %s %s: story %lld%s (similarity %.3f, %zu entity ids)\n", file, date, (long long)as.story,
               as.opened ? " opened" : " joined", as.similarity, n_ids);
        free_ids(ids, n_ids);
        rasd_span_list paras = {0};
        rasd_segment(an, doc.text, doc.len, &paras, NULL, NULL, NULL, NULL);
        rasd_paragraph_pair *pairs = NULL;
        size_t np = 0;
        rasd_repeated_paragraphs(an, doc.text, &paras, &pairs, &np, NULL);
        for (size_t i = 0; i < np; i++)
            printf("    repeated paragraphs %zu and %zu (of %zu, title = 0): %s, similarity %.3f\n", pairs[i].a, pairs[i].b,
                   paras.count, pairs[i].exact ? "exact" : "near", pairs[i].similarity);
        free(pairs);
        rasd_span_list_free(&paras);
        rasd_document_destroy(&doc);
        n++;
    }
    fclose(m);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (story_of[i] == story_of[j]) printf("  same story: %s %s\n", names[i], names[j]);
}

int main(int argc, char **argv) {
    rasd_dedup_options dopt = {0};
    rasd_stories_options sopt = {0};
    size_t sample = 45, show_stories = 8, limit = 0, brute = 0;
    bool with_entities = false, warm = false;
    const char *seeds = NULL;
    static const struct option LONG[] = {{"threshold", required_argument, 0, 't'},
                                         {"story-threshold", required_argument, 0, 'c'},
                                         {"window", required_argument, 0, 'w'},
                                         {"sample", required_argument, 0, 's'},
                                         {"stories", required_argument, 0, 'S'},
                                         {"entities", no_argument, 0, 'e'},
                                         {"seeds", required_argument, 0, 'd'},
                                         {"limit", required_argument, 0, 'l'},
                                         {"brute", required_argument, 0, 'b'},
                                         {"warm", no_argument, 0, 'W'},
                                         {"no-prior", no_argument, 0, 'P'},
                                         {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", LONG, NULL)) != -1) {
        switch (c) {
        case 't': dopt.threshold = atof(optarg); break;
        case 'c': sopt.threshold = atof(optarg); break;
        case 'w': sopt.window_days = atoi(optarg); break;
        case 's': sample = (size_t)atol(optarg); break;
        case 'S': show_stories = (size_t)atol(optarg); break;
        case 'e': with_entities = true; break;
        case 'd': seeds = optarg; break;
        case 'l': limit = (size_t)atol(optarg); break;
        case 'b': brute = (size_t)atol(optarg); break;
        case 'P': sopt.no_prior = true; break;
        case 'W': warm = true; break;
        default: fprintf(stderr, "usage: bench_corpus [options] ZIP... (see the source)\n"); return 2;
        }
    }
    corpus cor = {0};
    for (int i = optind; i < argc; i++) read_zip(argv[i], &cor);
    for (size_t i = limit; limit && i < cor.count; i++) {
        article *a = &cor.items[i];
        free(a->title), free(a->content), free(a->source), free(a->date), free(a->origin);
    }
    if (limit && cor.count > limit) cor.count = limit;
    rasd_error err = {0};
    rasd_lexicon *lex = rasd_lexicon_load(NULL, &err);
    rasd_analyzer *an = lex ? rasd_analyzer_new(lex, &err) : NULL;
    rasd_dedup *dd = an ? rasd_dedup_new(&dopt, &err) : NULL;
    rasd_stories *st = dd ? rasd_stories_new(&sopt, &err) : NULL;
    rasd_knowledge *kn = NULL;
    if (st && with_entities && !(kn = rasd_knowledge_load(NULL, &err))) st = NULL;
    if (!st) {
        fprintf(stderr, "bench_corpus: %s\n", err.message);
        return 1;
    }
    printf("== corpus: %zu articles from %d zip files\n", cor.count, argc - optind);
    double t_fp = 0, t_dd = 0, t_st = 0, t_ent = 0, t_par = 0;
    size_t words = 0, with_repeats = 0, near_para = 0, exact_para = 0;
    rasd_fingerprint *fps = malloc((cor.count ? cor.count : 1) * sizeof *fps);
    for (size_t i = 0; i < cor.count; i++) {
        article *a = &cor.items[i];
        a->id = (int64_t)i + 1;
        if (warm) { /* the analysis stage reads every word before: its cache is warm */
            const char *parts[2] = {a->title ? a->title : "", a->content};
            for (int p = 0; p < 2; p++) {
                rasd_tokenizer tz;
                rasd_token tok;
                rasd_word w;
                rasd_tokenizer_init(&tz, parts[p], strlen(parts[p]));
                while (rasd_tokenizer_next(&tz, &tok))
                    if (tok.type == RASD_TOK_WORD || tok.type == RASD_TOK_LATIN)
                        rasd_analyze_word(an, parts[p], tok.start, tok.end, &w);
            }
        }
        double t0 = cpu_now();
        if (rasd_fingerprint_text(an, a->content, strlen(a->content), &fps[i], &err) != RASD_OK) {
            fprintf(stderr, "bench_corpus: %s: %s\n", a->origin, err.message);
            continue;
        }
        double t1 = cpu_now();
        rasd_dedup_add(dd, a->id, &fps[i], &a->dup);
        double t2 = cpu_now();
        char **ids = NULL;
        size_t n_ids = kn ? entity_ids(an, kn, a, &ids) : 0;
        double t3 = cpu_now();
        rasd_story_input in = {.id = a->id, .published = a->date, .outlet = a->source, .title = a->title,
                               .text = a->content, .len = strlen(a->content),
                               .entities = (const char *const *)ids, .n_entities = n_ids};
        rasd_story_assignment as;
        if (rasd_stories_add(st, an, &in, &as, &err) != RASD_OK) {
            fprintf(stderr, "bench_corpus: %s: %s\n", a->origin, err.message);
            as.story = a->id;
        }
        a->story = as.story;
        double t4 = cpu_now();
        free_ids(ids, n_ids);
        rasd_span_list paras = {0};
        rasd_segment(an, a->content, strlen(a->content), &paras, NULL, NULL, NULL, NULL);
        rasd_paragraph_pair *pairs = NULL;
        size_t np = 0;
        rasd_repeated_paragraphs(an, a->content, &paras, &pairs, &np, NULL);
        double t5 = cpu_now();
        if (np) with_repeats++;
        for (size_t p = 0; p < np; p++) {
            if (pairs[p].exact) {
                exact_para++;
                continue;
            }
            near_para++;
            if (near_para <= 12) {
                printf("  near-repeated paragraphs in %s (%zu, %zu), similarity %.2f\n", a->origin, pairs[p].a, pairs[p].b,
                       pairs[p].similarity);
                rasd_span x = paras.items[pairs[p].a], y = paras.items[pairs[p].b];
                char *sx = strndup(a->content + x.start, x.end - x.start), *sy = strndup(a->content + y.start, y.end - y.start);
                print_head("A:", sx, 220);
                print_head("B:", sy, 220);
                free(sx);
                free(sy);
            }
        }
        free(pairs);
        rasd_span_list_free(&paras);
        words += fps[i].n_words;
        t_fp += t1 - t0;
        t_dd += t2 - t1;
        t_ent += t3 - t2;
        t_st += t4 - t3;
        t_par += t5 - t4;
    }
    size_t n = cor.count ? cor.count : 1;
    printf("  %zu words; CPU per article: fingerprint %.1f us, dedup %.1f us, stories %.1f us, repeated paragraphs %.1f us"
           " (entity analysis %.1f us, not counted)\n",
           words, 1e6 * t_fp / n, 1e6 * t_dd / n, 1e6 * t_st / n, 1e6 * t_par / n, 1e6 * t_ent / n);
    printf("  total dedup + stories + fingerprint: %.1f us per article\n", 1e6 * (t_fp + t_dd + t_st) / n);
    printf("  repeated paragraphs: %zu articles have some; %zu exact pairs, %zu near pairs\n", with_repeats, exact_para,
           near_para);

    /* exact groups, verified by their normalized texts */
    rasd_dedup_stats ds;
    rasd_dedup_get_stats(dd, &ds);
    size_t *group_size = calloc(cor.count + 2, sizeof *group_size);
    size_t *cross = calloc(cor.count + 2, sizeof *cross);
    size_t mismatches = 0, n_groups = 0, in_groups = 0;
    for (size_t i = 0; i < cor.count; i++) {
        article *a = &cor.items[i];
        if (a->dup.kind != RASD_DUP_EXACT) continue;
        size_t o = (size_t)a->dup.original - 1;
        if (!group_size[o]) n_groups++, group_size[o] = 1;
        group_size[o]++;
        if (!cor.items[o].source || !a->source || strcmp(cor.items[o].source, a->source) != 0) cross[o] = 1;
        char *x = normalized(an, a->content), *y = normalized(an, cor.items[o].content);
        if (strcmp(x, y) != 0) {
            mismatches++;
            printf("  MISMATCH: %s vs %s\n", a->origin, cor.items[o].origin);
        }
        free(x);
        free(y);
    }
    size_t hist[5] = {0}, n_cross = 0;
    for (size_t i = 0; i < cor.count; i++) {
        if (!group_size[i]) continue;
        in_groups += group_size[i];
        n_cross += cross[i];
        hist[group_size[i] >= 10 ? 4 : group_size[i] >= 5 ? 3 : group_size[i] >= 4 ? 2 : group_size[i] - 2]++;
    }
    printf("\n== exact duplicates: %zu groups, %zu articles in them (%zu copies); sizes 2:%zu 3:%zu 4:%zu 5-9:%zu 10+:%zu;"
           " %zu groups span outlets; verified: %zu of %zu copies differ in their normalized text\n",
           n_groups, in_groups, ds.exact, hist[0], hist[1], hist[2], hist[3], hist[4], n_cross, mismatches, ds.exact);
    size_t shown = 0;
    for (size_t i = 0; i < cor.count && shown < 5; i++) {
        if (group_size[i] < 2) continue;
        printf("  group of %zu: %s (%s)", group_size[i], cor.items[i].origin, cor.items[i].source ? cor.items[i].source : "?");
        size_t m = 0;
        for (size_t j = i + 1; j < cor.count && m < 3; j++)
            if (cor.items[j].dup.kind == RASD_DUP_EXACT && (size_t)cor.items[j].dup.original == i + 1)
                printf(", %s (%s)", cor.items[j].origin, cor.items[j].source ? cor.items[j].source : "?"), m++;
        printf("\n");
        shown++;
    }

    /* near duplicates and a sample */
    size_t n_near = 0, same_outlet = 0, sim_hist[4] = {0};
    size_t *near = malloc(n * sizeof *near);
    for (size_t i = 0; i < cor.count; i++) {
        article *a = &cor.items[i];
        if (a->dup.kind != RASD_DUP_NEAR) continue;
        near[n_near++] = i;
        const article *o = &cor.items[a->dup.original - 1];
        if (o->source && a->source && strcmp(o->source, a->source) == 0) same_outlet++;
        double s = a->dup.similarity;
        sim_hist[s >= 0.95 ? 3 : s >= 0.9 ? 2 : s >= 0.8 ? 1 : 0]++;
    }
    printf("\n== near duplicates at Jaccard >= %.2f: %zu pairs (%zu within one outlet); LSH candidates verified: %zu"
           " (%.2f per article); similarity <0.8:%zu 0.8-0.9:%zu 0.9-0.95:%zu >=0.95:%zu\n",
           dopt.threshold > 0 ? dopt.threshold : RASD_DEDUP_DEFAULT_THRESHOLD, n_near, same_outlet, ds.candidates, (double)ds.candidates / n,
           sim_hist[0], sim_hist[1], sim_hist[2], sim_hist[3]);
    for (size_t k = 0; k < sample && k < n_near; k++) { /* partial Fisher-Yates */
        size_t j = k + (size_t)(rng() % (n_near - k));
        size_t t = near[k];
        near[k] = near[j];
        near[j] = t;
        const article *a = &cor.items[near[k]], *o = &cor.items[a->dup.original - 1];
        printf("  [%zu] similarity %.3f, words %u vs %u\n", k + 1, a->dup.similarity, fps[near[k]].n_words,
               fps[a->dup.original - 1].n_words);
        printf("    %s (%s) %s\n", o->origin, o->source ? o->source : "?", o->title ? o->title : "");
        printf("    %s (%s) %s\n", a->origin, a->source ? a->source : "?", a->title ? a->title : "");
        print_head("1:", o->content, 160);
        print_head("2:", a->content, 160);
    }
    free(near);

    /* LSH recall: every article of the first `brute` that has an earlier
     * one at or above the threshold (all pairs compared) should be flagged */
    if (brute) {
        double t = dopt.threshold > 0 ? dopt.threshold : RASD_DEDUP_DEFAULT_THRESHOLD;
        size_t should = 0, found = 0, pairs = 0;
        if (brute > cor.count) brute = cor.count;
        for (size_t j = 0; j < brute; j++) {
            bool any = false;
            for (size_t i = 0; i < j; i++)
                if (rasd_fingerprint_similarity(&fps[i], &fps[j]) >= t) any = true, pairs++;
            if (!any) continue;
            should++;
            found += cor.items[j].dup.kind != RASD_DUP_NONE;
        }
        printf("\n== LSH recall over the first %zu articles: %zu pairs at >= %.2f; %zu articles have an earlier match,"
               " the index flagged %zu (%.4f)\n", brute, pairs, t, should, found, should ? (double)found / should : 1.0);
    }

    /* stories */
    size_t *size = calloc(cor.count + 2, sizeof *size);
    size_t n_stories = 0, shist[6] = {0}, multi = 0;
    for (size_t i = 0; i < cor.count; i++) {
        size_t s = (size_t)cor.items[i].story - 1;
        if (s >= cor.count) continue;
        if (!size[s]) n_stories++;
        size[s]++;
    }
    size_t (*order)[2] = malloc((n_stories ? n_stories : 1) * sizeof *order);
    size_t m = 0;
    for (size_t i = 0; i < cor.count; i++) {
        if (!size[i]) continue;
        size_t z = size[i];
        shist[z >= 51 ? 5 : z >= 11 ? 4 : z >= 6 ? 3 : z >= 3 ? 2 : z - 1]++;
        order[m][0] = z;
        order[m][1] = i;
        m++;
    }
    /* multi-outlet: members from two sources or more */
    char **first_source = calloc(cor.count + 2, sizeof *first_source);
    bool *is_multi = calloc(cor.count + 2, sizeof *is_multi);
    for (size_t i = 0; i < cor.count; i++) {
        size_t s = (size_t)cor.items[i].story - 1;
        if (s >= cor.count || !cor.items[i].source) continue;
        if (!first_source[s]) first_source[s] = cor.items[i].source;
        else if (strcmp(first_source[s], cor.items[i].source) != 0 && !is_multi[s]) is_multi[s] = true, multi++;
    }
    printf("\n== stories: %zu (%.2f articles each); sizes 1:%zu 2:%zu 3-5:%zu 6-10:%zu 11-50:%zu 51+:%zu; %zu span outlets\n",
           n_stories, (double)cor.count / (n_stories ? n_stories : 1), shist[0], shist[1], shist[2], shist[3], shist[4],
           shist[5], multi);
    /* a recall proxy: copies (exact or near) should share their original's story */
    size_t copies = 0, together = 0, in_big = 0;
    for (size_t i = 0; i < cor.count; i++) {
        const article *a = &cor.items[i];
        size_t s = (size_t)a->story - 1;
        if (s < cor.count && size[s] > 50) in_big++;
        if (a->dup.kind == RASD_DUP_NONE) continue;
        copies++;
        together += cor.items[a->dup.original - 1].story == a->story;
    }
    printf("  duplicates in their original's story: %zu of %zu (%.3f); articles in stories of 51+: %zu (%.3f)\n", together,
           copies, copies ? (double)together / copies : 0.0, in_big, (double)in_big / n);
    qsort(order, m, sizeof *order, cmp_story_size);
    printf("  largest: ");
    for (size_t i = 0; i < m && i < 10; i++) printf("%zu%s", order[i][0], i + 1 < 10 && i + 1 < m ? ", " : "\n");
    /* a random sample of multi-outlet stories of 3+ articles, and the 2 largest */
    size_t printed = 0;
    for (size_t tries = 0; printed < show_stories && tries < 100000 && m; tries++) {
        size_t i = printed < 2 ? printed : (size_t)(rng() % m);
        size_t s = order[i][1];
        if (!is_multi[s] || order[i][0] < 3) {
            if (printed < 2) printed++;
            continue;
        }
        printf("  story %zu (%zu articles):\n", s + 1, order[i][0]);
        size_t k = 0;
        for (size_t j = s; j < cor.count && k < 8; j++)
            if ((size_t)cor.items[j].story == s + 1)
                printf("    %s %-10s %s\n", cor.items[j].date ? cor.items[j].date : "?", cor.items[j].source ? cor.items[j].source : "?",
                       cor.items[j].title ? cor.items[j].title : ""),
                    k++;
        printed++;
    }
    /* the state the store keeps: size and save/load time */
    unsigned char *state = NULL;
    size_t state_len = 0;
    double s0 = cpu_now();
    if (rasd_stories_save(st, &state, &state_len, &err) == RASD_OK) {
        double s1 = cpu_now();
        rasd_stories *back = rasd_stories_load(state, state_len, NULL, &err);
        double s2 = cpu_now();
        printf("  state: %.1f MB, saved in %.0f ms, loaded in %.0f ms%s%s\n", state_len / 1e6, 1e3 * (s1 - s0),
               1e3 * (s2 - s1), back ? "" : ", LOAD FAILED: ", back ? "" : err.message);
        rasd_stories_destroy(back);
        free(state);
    }
    if (seeds) run_seeds(seeds, an, st, kn);

    for (size_t i = 0; i < cor.cap && i < cor.count; i++) {
        article *a = &cor.items[i];
        free(a->title), free(a->content), free(a->source), free(a->date), free(a->origin);
    }
    free(cor.items);
    free(fps), free(group_size), free(cross), free(size), free(order), free(first_source), free(is_multi);
    rasd_stories_destroy(st);
    rasd_dedup_destroy(dd);
    rasd_knowledge_destroy(kn);
    rasd_analyzer_destroy(an);
    rasd_lexicon_destroy(lex);
    return 0;
}

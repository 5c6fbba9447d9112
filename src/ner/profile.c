/*
 * profile.c: tag profiles, the tagger's second look at unlabelled news
 * (stacking, after Wolpert 1992 and the "extended prediction history" of
 * Ratinov and Roth 2009).
 *
 * A first model, trained on the labelled data, tags millions of words of
 * news; each word base then gets a profile: the type it was most often
 * tagged as, how often (a share of its occurrences) and how often it
 * occurs at all. The final model has the profile as a feature, so a name
 * the labelled data never showed is still known as "usually a person"
 * from the thousands of sentences where its context gave it away.
 *
 * A profile built by a model that was trained on a sentence says more
 * about that sentence's words than it can about new ones, and the final
 * model would learn to trust it too much. So train-ner builds profiles
 * jackknife-style: the training sentences are cut into folds, each fold's
 * features use profiles from a model trained without it, and only the
 * runtime profile (kept in the model file) comes from all of them.
 */
#include "ner/ner_internal.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------ the corpus */

typedef struct corpus_builder {
    ner_corpus *c;
    size_t tok_cap, sent_cap;
    size_t last_sentence;
    bool started, oom;
    uint32_t doc;
} corpus_builder;

static void on_token(void *ctx, const rasd_token *t, size_t sentence) {
    corpus_builder *b = ctx;
    ner_corpus *c = b->c;
    if (b->oom) return;
    if (c->n_tokens == b->tok_cap) {
        size_t cap = b->tok_cap ? b->tok_cap * 2 : 1 << 20;
        rasd_token *g = realloc(c->tokens, cap * sizeof *g);
        if (!g) {
            b->oom = true;
            return;
        }
        c->tokens = g;
        b->tok_cap = cap;
    }
    if (!b->started || sentence != b->last_sentence) {
        if (c->n_sentences == b->sent_cap) {
            size_t cap = b->sent_cap ? b->sent_cap * 2 : 1 << 16;
            struct ner_corpus_sentence *g = realloc(c->sentences, cap * sizeof *g);
            if (!g) {
                b->oom = true;
                return;
            }
            c->sentences = g;
            b->sent_cap = cap;
        }
        c->sentences[c->n_sentences++] = (struct ner_corpus_sentence){b->doc, c->n_tokens, 0};
        b->started = true;
        b->last_sentence = sentence;
    }
    c->tokens[c->n_tokens++] = *t;
    c->sentences[c->n_sentences - 1].n++;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static rasd_status add_file(ner_corpus *c, corpus_builder *b, rasd_analyzer *an, const char *path, size_t *doc_cap,
                            rasd_error *err) {
    if (c->n_docs == *doc_cap) {
        size_t cap = *doc_cap ? *doc_cap * 2 : 64;
        rasd_document *g = realloc(c->docs, cap * sizeof *g);
        if (!g) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory reading %s", path);
        c->docs = g;
        *doc_cap = cap;
    }
    rasd_read_options opt = {.allow_non_arabic = true, .max_bytes = (size_t)256 << 20};
    rasd_status st = rasd_document_read(path, &opt, &c->docs[c->n_docs], err);
    if (st == RASD_ERR_EMPTY) return RASD_OK;
    if (st != RASD_OK) return st;
    const rasd_document *d = &c->docs[c->n_docs];
    b->doc = (uint32_t)c->n_docs++;
    b->started = false;
    rasd_span_list paras = {0}, sents = {0};
    size_t nt = 0;
    st = rasd_segment(an, d->text, d->len, &paras, &sents, &nt, on_token, b);
    rasd_span_list_free(&paras);
    rasd_span_list_free(&sents);
    if (st == RASD_OK && b->oom) st = RASD_ERR_NOMEM;
    if (st != RASD_OK) return rasd_fail(err, st, "cannot read the sentences of %s", path);
    return RASD_OK;
}

rasd_status ner_corpus_read(ner_corpus *c, char *const *paths, size_t n_paths, rasd_analyzer *an, rasd_error *err) {
    memset(c, 0, sizeof *c);
    corpus_builder b = {.c = c};
    size_t doc_cap = 0;
    rasd_status st = RASD_OK;
    for (size_t i = 0; i < n_paths && st == RASD_OK; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0) {
            st = rasd_fail(err, RASD_ERR_IO, "%s: no such file or directory", paths[i]);
            break;
        }
        if (!S_ISDIR(sb.st_mode)) {
            st = add_file(c, &b, an, paths[i], &doc_cap, err);
            continue;
        }
        /* a directory: its *.txt files in name order */
        DIR *d = opendir(paths[i]);
        if (!d) {
            st = rasd_fail(err, RASD_ERR_IO, "%s: cannot open the directory", paths[i]);
            break;
        }
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *de;
        while ((de = readdir(d)) && st == RASD_OK) {
            size_t len = strlen(de->d_name);
            if (len < 5 || strcmp(de->d_name + len - 4, ".txt") != 0) continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                char **g = realloc(names, cap * sizeof *g);
                if (!g) {
                    st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
                    break;
                }
                names = g;
            }
            size_t plen = strlen(paths[i]) + len + 2;
            if (!(names[n] = malloc(plen))) {
                st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
                break;
            }
            snprintf(names[n++], plen, "%s/%s", paths[i], de->d_name);
        }
        closedir(d);
        if (n) qsort(names, n, sizeof *names, cmp_str);
        for (size_t k = 0; k < n && st == RASD_OK; k++) st = add_file(c, &b, an, names[k], &doc_cap, err);
        for (size_t k = 0; k < n; k++) free(names[k]);
        free(names);
    }
    if (st != RASD_OK) ner_corpus_free(c);
    return st;
}

void ner_corpus_free(ner_corpus *c) {
    for (size_t i = 0; i < c->n_docs; i++) rasd_document_destroy(&c->docs[i]);
    free(c->docs);
    free(c->tokens);
    free(c->sentences);
    memset(c, 0, sizeof *c);
}

/* ------------------------------------------------------------- profiles */

typedef struct prof_entry {
    uint64_t hash; /* base hash (bases) or key hash (cues); 0 = empty */
    uint32_t n;    /* occurrences */
    uint32_t c[RASD_NER_TYPE_COUNT]; /* bases: inside a name of each type; cues: a name begins next */
    uint32_t b;    /* bases: at the beginning of a name */
    uint32_t e[RASD_NER_TYPE_COUNT]; /* cues: a name of each type ends just before */
} prof_entry;

typedef struct prof_table {
    prof_entry *slots;
    size_t mask, used;
} prof_table;

/* Two tables: what the word bases were tagged as (the profiles), and what
 * stood around each word key (the cues; by key, not base, because the
 * clitics matter there: بمدينة before a place, the article of الوزير). */
struct ner_profile {
    prof_table bases, cues;
};

static prof_entry *prof_slot(prof_table *p, uint64_t h) {
    if ((p->used + 1) * 2 > p->mask + 1) {
        size_t cap = p->mask ? (p->mask + 1) * 2 : 1 << 16;
        prof_entry *slots = rasd_table_alloc(cap * sizeof *slots);
        if (!slots) return NULL;
        for (size_t i = 0; p->slots && i <= p->mask; i++) {
            if (!p->slots[i].hash) continue;
            size_t j = (size_t)p->slots[i].hash & (cap - 1);
            while (slots[j].hash) j = (j + 1) & (cap - 1);
            slots[j] = p->slots[i];
        }
        if (p->slots) rasd_table_free(p->slots, (p->mask + 1) * sizeof *p->slots);
        p->slots = slots;
        p->mask = cap - 1;
    }
    size_t i = (size_t)h & p->mask;
    while (p->slots[i].hash && p->slots[i].hash != h) i = (i + 1) & p->mask;
    if (!p->slots[i].hash) {
        p->slots[i].hash = h;
        p->used++;
    }
    return &p->slots[i];
}

/* Adds src's counts into dst; false when out of memory. */
static bool prof_merge(prof_table *dst, const prof_table *src) {
    for (size_t i = 0; src->slots && i <= src->mask; i++) {
        const prof_entry *s = &src->slots[i];
        if (!s->hash) continue;
        prof_entry *e = prof_slot(dst, s->hash);
        if (!e) return false;
        e->n += s->n;
        for (int k = 0; k < RASD_NER_TYPE_COUNT; k++) e->c[k] += s->c[k], e->e[k] += s->e[k];
        e->b += s->b;
    }
    return true;
}

void ner_profile_free(ner_profile *p) {
    if (!p) return;
    if (p->bases.slots) rasd_table_free(p->bases.slots, (p->bases.mask + 1) * sizeof *p->bases.slots);
    if (p->cues.slots) rasd_table_free(p->cues.slots, (p->cues.mask + 1) * sizeof *p->cues.slots);
    free(p);
}

typedef struct prof_job {
    const rasd_ner_model *m;
    const ner_corpus *c;
    size_t from, to;
    ner_profile *p;
    rasd_status st;
    rasd_error err;
} prof_job;

static void *prof_run(void *arg) {
    prof_job *j = arg;
    rasd_analyzer *an = rasd_analyzer_new(j->m->ctx.lex, &j->err);
    rasd_ner_result res = {0};
    if (!an) {
        j->st = j->err.code;
        return NULL;
    }
    for (size_t s = j->from; s < j->to && j->st == RASD_OK; s++) {
        const struct ner_corpus_sentence *sn = &j->c->sentences[s];
        /* one window at a time, so that the tagger's token records (kept
         * for its last window) cover every token counted */
        for (size_t off = 0; off < sn->n && j->st == RASD_OK; off += NER_WINDOW) {
            const rasd_token *toks = j->c->tokens + sn->first + off;
            size_t n = sn->n - off < NER_WINDOW ? sn->n - off : NER_WINDOW;
            j->st = rasd_ner_tag(j->m, an, j->c->docs[sn->doc].text, toks, n, &res, &j->err);
            if (j->st != RASD_OK) break;
            const ner_tok *info = ner_result_tokens(&res);
            for (size_t i = 0; i < n; i++) {
                if (toks[i].type != RASD_TOK_WORD && toks[i].type != RASD_TOK_LATIN) continue;
                prof_entry *e = prof_slot(&j->p->bases, info[i].base);
                prof_entry *q = e ? prof_slot(&j->p->cues, info[i].key) : NULL;
                if (!q) {
                    j->st = rasd_fail(&j->err, RASD_ERR_NOMEM, "out of memory counting tags");
                    break;
                }
                e->n++;
                if (res.tags[i] != RASD_NER_O) e->c[(res.tags[i] - 1) / 2]++;
                e->b += res.tags[i] & 1; /* B-X tags are the odd ones */
                /* a cue is a word outside the name: after it one begins,
                 * before it one ends */
                if (res.tags[i] != RASD_NER_O) continue;
                q->n++;
                if (i + 1 < n && (res.tags[i + 1] & 1)) q->c[(res.tags[i + 1] - 1) / 2]++;
                if (i > 0 && res.tags[i - 1] != RASD_NER_O) q->e[(res.tags[i - 1] - 1) / 2]++;
            }
        }
    }
    rasd_ner_result_free(&res);
    rasd_analyzer_destroy(an);
    return NULL;
}

#define MAX_THREADS 16

ner_profile *ner_profile_build(const rasd_ner_model *m, const ner_corpus *c, size_t threads, rasd_error *err) {
    if (threads < 1) threads = 1;
    if (threads > MAX_THREADS) threads = MAX_THREADS;
    prof_job jobs[MAX_THREADS];
    pthread_t th[MAX_THREADS];
    bool started[MAX_THREADS] = {false};
    for (size_t t = 0; t < threads; t++) {
        jobs[t] = (prof_job){m, c, c->n_sentences * t / threads, c->n_sentences * (t + 1) / threads,
                             calloc(1, sizeof(ner_profile)), RASD_OK, {0}};
        if (!jobs[t].p) jobs[t].st = rasd_fail(&jobs[t].err, RASD_ERR_NOMEM, "out of memory");
        else if (t > 0) started[t] = pthread_create(&th[t], NULL, prof_run, &jobs[t]) == 0;
    }
    if (jobs[0].p) prof_run(&jobs[0]);
    for (size_t t = 1; t < threads; t++) {
        if (started[t]) pthread_join(th[t], NULL);
        else if (jobs[t].p) prof_run(&jobs[t]); /* no thread: here */
    }
    /* merge into the first tables */
    ner_profile *out = jobs[0].p;
    rasd_status st = jobs[0].st;
    if (st != RASD_OK && err) *err = jobs[0].err;
    for (size_t t = 1; t < threads; t++) {
        if (st == RASD_OK && jobs[t].st != RASD_OK) {
            st = jobs[t].st;
            if (err) *err = jobs[t].err;
        }
        if (st == RASD_OK && jobs[t].p &&
            (!prof_merge(&out->bases, &jobs[t].p->bases) || !prof_merge(&out->cues, &jobs[t].p->cues)))
            st = rasd_fail(err, RASD_ERR_NOMEM, "out of memory counting tags");
        ner_profile_free(jobs[t].p);
    }
    if (st != RASD_OK) {
        ner_profile_free(out);
        return NULL;
    }
    return out;
}

/* The profile code of a base: 0 when it was never inside a name, else
 * 1 + ((type * 6 + share step) * 3 + count step) * 2 + begins, where the
 * share of its occurrences tagged with its most frequent type is cut at
 * .1 .25 .5 .75 .9, its count at 5 and 50, and begins says whether it
 * begins its names more often than not (a first name, not a family name). */
static unsigned profile_code(const prof_entry *e) {
    unsigned best = 0;
    for (unsigned t = 1; t < RASD_NER_TYPE_COUNT; t++)
        if (e->c[t] > e->c[best]) best = t;
    if (!e->c[best] || !e->n) return 0;
    double share = (double)e->c[best] / (double)e->n;
    unsigned s = share < .1 ? 0 : share < .25 ? 1 : share < .5 ? 2 : share < .75 ? 3 : share < .9 ? 4 : 5;
    unsigned n = e->n < 5 ? 0 : e->n < 50 ? 1 : 2;
    unsigned b = 2 * e->b >= e->c[best];
    return 1 + ((best * 6 + s) * 3 + n) * 2 + b;
}

/* The cue code of a word key (NER_CUE): the type of name that most often
 * begins right after it, with its share of the word's occurrences outside
 * names cut at .05 .2 .5, and the type that most often ends right before
 * it, cut at .05 .25. A word seen fewer than 5 times outside names has
 * none: its shares say little. */
static unsigned cue_code(const prof_entry *e) {
    if (e->n < 5) return 0;
    unsigned bl = 0, br = 0;
    for (unsigned t = 1; t < RASD_NER_TYPE_COUNT; t++) {
        if (e->c[t] > e->c[bl]) bl = t;
        if (e->e[t] > e->e[br]) br = t;
    }
    double sl = (double)e->c[bl] / (double)e->n, sr = (double)e->e[br] / (double)e->n;
    unsigned left = sl < .05 ? 0 : 1 + bl * 3 + (sl >= .2) + (sl >= .5);
    unsigned right = sr < .05 ? 0 : 1 + br * 2 + (sr >= .25);
    return NER_CUE(left, right);
}

rasd_status ner_profile_apply(const ner_profile *p, ner_context *ctx, rasd_error *err) {
    for (size_t i = 0; p->cues.slots && i <= p->cues.mask; i++) {
        const prof_entry *src = &p->cues.slots[i];
        if (!src->hash) continue;
        unsigned code = cue_code(src);
        ner_word_entry *e = ner_context_find(ctx, src->hash) ? ner_context_word(ctx, src->hash, false) : NULL;
        if (!code && !e) continue;
        if (!e && !(e = ner_context_word(ctx, src->hash, true)))
            return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        e->cue = code;
    }
    for (size_t i = 0; p->bases.slots && i <= p->bases.mask; i++) {
        const prof_entry *src = &p->bases.slots[i];
        if (!src->hash) continue;
        unsigned code = profile_code(src);
        ner_word_entry *e = ner_context_find(ctx, src->hash) ? ner_context_word(ctx, src->hash, false) : NULL;
        if (!code && !e) continue;
        if (!e && !(e = ner_context_word(ctx, src->hash, true)))
            return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        ctx->n_profiles += code && !e->prof;
        e->prof = code;
    }
    return RASD_OK;
}

bool rasd_ner_profile_of(const rasd_ner_model *model, uint64_t base_hash, rasd_ner_word_profile *out) {
    static const float SHARE[6] = {0.f, .1f, .25f, .5f, .75f, .9f};
    memset(out, 0, sizeof *out);
    if (!model || !model->ctx.words) return false;
    const ner_word_entry *e = ner_context_find(&model->ctx, base_hash | 1); /* the features' key of a base */
    if (!e) return false;
    if (!e->prof) return true;
    /* the inverse of profile_code */
    unsigned code = e->prof - 1u;
    out->begins = code & 1u;
    code >>= 1;
    out->count_step = code % 3u;
    code /= 3u;
    out->share = SHARE[code % 6u];
    out->type = (rasd_ner_type)(code / 6u);
    out->type_known = out->type < RASD_NER_TYPE_COUNT;
    return true;
}

/* The kb's and ANERGazet's persons (ner/lists/) hold the word as a whole
 * name or as a name's first word: a first name the lists know, whether or
 * not the tagger read it often in the news (هيا، لطيفة, also words). */
bool rasd_ner_listed_first_name(const rasd_ner_model *model, uint64_t base_hash) {
    if (!model || !model->ctx.words) return false;
    const ner_word_entry *e = ner_context_find(&model->ctx, base_hash | 1);
    return e && (e->flags & (NER_NF_WHOLE(NER_LC_PERSON) | NER_NF_FIRST(NER_LC_PERSON)));
}

/* The word (its key) is followed by the start of a person's name in at
 * least a twentieth of its occurrences outside names in the news: a
 * trade, a role or a verb names come after (الشاعر، النائبة، وقالت). */
bool rasd_ner_person_cue(const rasd_ner_model *model, uint64_t key_hash) {
    if (!model || !model->ctx.words) return false;
    const ner_word_entry *e = ner_context_find(&model->ctx, key_hash | 1);
    if (!e) return false;
    unsigned left = NER_CUE_LEFT(e->cue);
    return left >= 1 && left <= 3; /* RASD_NER_PERS, any share */
}

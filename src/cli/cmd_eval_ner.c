/*
 * cmd_eval_ner.c: `rasd eval-ner`: tags and scores token-TAG data CoNLL
 * style, writes predictions, and times the tagger.
 */
#include "cmd_ner.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* -------------------------------------------------------------- eval-ner */

static const char EVAL_USAGE[] =
    "usage: rasd eval-ner FILE [options]\n"
    "  FILE              token-TAG data to tag and score (conlleval's report on stdout)\n"
    "  --model PATH      model file (default: DATA/ner/model.bin)\n"
    "  --predictions OUT write \"token TAG\" lines as tagged, blank lines between sentences\n"
    "  --against PRED    score PRED (token TAG lines, as --predictions writes them, from\n"
    "                    any tagger) against FILE instead of tagging FILE\n"
    "  --dev-every N     score only every Nth sentence (train-ner's dev split)\n"
    "  --dev-block B     every Nth block of B sentences instead (as train-ner's)\n"
    "  --bench           also time the tagger over the file and print tokens/s\n"
    "  --data DIR        rasd's data directory (lexicon, kb, gazetteer)\n"
    "Exit status: 0 scored, 1 bad input (a missing or malformed file, named on stderr),\n"
    "  2 usage error\n"
    "Example:\n"
    "  rasd eval-ner test.txt --predictions tagged.txt\n";

/* Tags the whole file over and over for about two seconds: the tagger's
 * own speed (file reading and scoring excluded). */
static void bench(const rasd_ner_model *m, rasd_analyzer *an, const ner_data *d) {
    rasd_ner_result res = {0};
    rasd_error err = {0};
    size_t tokens = 0, bytes = 0, rounds = 0;
    double start = ner_cli_now(), t = start;
    while (t - start < 2.0 || rounds < 2) {
        for (size_t s = 0; s < d->n_sentences; s++) {
            const ner_sentence *sn = &d->sentences[s];
            if (rasd_ner_tag(m, an, d->text + sn->text_off, d->tokens + sn->first, sn->n, &res, &err) != RASD_OK)
                break;
            tokens += sn->n;
            bytes += sn->text_len + 1;
        }
        rounds++;
        t = ner_cli_now();
        if (rounds == 1) start = t, tokens = bytes = 0; /* the first round warms the caches */
    }
    double secs = t - start;
    printf("bench: %zu tokens in %.2f s: %.2f million tokens/s, %.1f MB/s (one thread)\n", tokens, secs,
           (double)tokens / secs / 1e6, (double)bytes / secs / 1e6);
    rasd_ner_result_free(&res);
}

/* --bench-text FILE...: the tagger's speed on running news (plain-text
 * articles): rasd's own sentences and tokens, held in memory first, then
 * ner_cli_tagged sentence by sentence and timed. */
typedef struct collect {
    rasd_token *toks;
    size_t n, cap;
    size_t *first; /* first token of each sentence, plus the end */
    size_t ns, scap;
    size_t doc_of_base;
    size_t last_sentence;
    bool oom;
} collect;

typedef struct sent_ref {
    size_t doc, first, n;
} sent_ref;

static void on_token(void *ctx, const rasd_token *t, size_t sentence) {
    collect *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1 << 16;
        rasd_token *g = realloc(c->toks, cap * sizeof *g);
        if (!g) {
            c->oom = true;
            return;
        }
        c->toks = g;
        c->cap = cap;
    }
    if (c->ns == 0 || sentence != c->last_sentence) {
        if (c->ns == c->scap) {
            size_t cap = c->scap ? c->scap * 2 : 1 << 12;
            size_t *g = realloc(c->first, cap * sizeof *g);
            if (!g) {
                c->oom = true;
                return;
            }
            c->first = g;
            c->scap = cap;
        }
        c->first[c->ns++] = c->n;
        c->last_sentence = sentence;
    }
    c->toks[c->n++] = *t;
}

static int bench_text(const rasd_ner_model *m, rasd_analyzer *an, char **files, size_t n_files) {
    rasd_read_options opt = {.allow_non_arabic = true};
    rasd_document *docs = calloc(n_files ? n_files : 1, sizeof *docs);
    collect *cols = calloc(n_files ? n_files : 1, sizeof *cols);
    size_t n_docs = 0, bytes = 0, tokens = 0, sentences = 0;
    int rc = EXIT_ALL_OK;
    if (!docs || !cols) {
        cli_error("out of memory");
        free(docs);
        free(cols);
        return EXIT_INPUT_FAILED;
    }
    for (size_t i = 0; i < n_files; i++) {
        rasd_error err = {0};
        if (rasd_document_read(files[i], &opt, &docs[n_docs], &err) != RASD_OK) {
            cli_warning("%s", err.message);
            continue;
        }
        rasd_span_list paras = {0}, sents = {0};
        size_t nt = 0;
        rasd_segment(an, docs[n_docs].text, docs[n_docs].len, &paras, &sents, &nt, on_token, &cols[n_docs]);
        rasd_span_list_free(&paras);
        rasd_span_list_free(&sents);
        if (cols[n_docs].oom) {
            cli_error("out of memory");
            rc = EXIT_INPUT_FAILED;
            break;
        }
        bytes += docs[n_docs].len;
        tokens += cols[n_docs].n;
        sentences += cols[n_docs].ns;
        n_docs++;
    }
    /* Twice: first as the tagger runs alone (it analyses each word the
     * first time it meets it), then after every word has been analysed,
     * as inside `rasd analyze`, whose analyzer has met them all already. */
    rasd_ner_result res = {0};
    rasd_error err = {0};
    for (int pass = 0; pass < 2 && rc == EXIT_ALL_OK; pass++) {
        if (pass == 1) {
            rasd_ner_result_free(&res); /* a cold word cache again */
            for (size_t d = 0; d < n_docs; d++)
                for (size_t k = 0; k < cols[d].n; k++) {
                    const rasd_token *t = &cols[d].toks[k];
                    rasd_word w;
                    if (t->type == RASD_TOK_WORD || t->type == RASD_TOK_LATIN)
                        rasd_analyze_word(an, docs[d].text, t->start, t->end, &w);
                }
        }
        size_t entities = 0;
        double t0 = ner_cli_now();
        for (size_t d = 0; d < n_docs && rc == EXIT_ALL_OK; d++) {
            collect *c = &cols[d];
            for (size_t s = 0; s < c->ns; s++) {
                size_t from = c->first[s], to = s + 1 < c->ns ? c->first[s + 1] : c->n;
                if (rasd_ner_tag(m, an, docs[d].text, c->toks + from, to - from, &res, &err) != RASD_OK) {
                    cli_error("%s", err.message);
                    rc = EXIT_INPUT_FAILED;
                    break;
                }
                entities += res.n_entities;
            }
        }
        double secs = ner_cli_now() - t0;
        if (rc == EXIT_ALL_OK)
            printf("bench: %s: %zu articles, %zu sentences, %zu tokens, %.1f MB ner_cli_tagged in %.2f s (one thread): "
                   "%.2f million tokens/s, %.1f MB/s; %zu entities\n",
                   pass ? "words analysed already" : "tagger alone", n_docs, sentences, tokens, (double)bytes / 1e6,
                   secs, (double)tokens / secs / 1e6, (double)bytes / secs / 1e6, entities);
    }
    rasd_ner_result_free(&res);
    for (size_t d = 0; d < n_files; d++) {
        free(cols[d].toks);
        free(cols[d].first);
        if (d < n_docs) rasd_document_destroy(&docs[d]);
    }
    free(docs);
    free(cols);
    return rc;
}

/* --against: scores a predictions file against the gold file, token by
 * token (both must hold the same tokens in the same sentences). */
static int score_against(const char *gold_path, const char *pred_path, size_t dev_every) {
    ner_data gold = {0}, pred = {0};
    rasd_error err = {0};
    int rc = EXIT_INPUT_FAILED;
    if (ner_data_read(gold_path, &gold, &err) != RASD_OK || ner_data_read(pred_path, &pred, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto done;
    }
    ner_counts c = {0};
    size_t p = 0;
    for (size_t s = 0; s < gold.n_sentences; s++) {
        if (dev_every && !ner_cli_is_dev(s, dev_every)) continue;
        const ner_sentence *g = &gold.sentences[s];
        if (p >= pred.n_sentences) {
            cli_error("%s: ends before %s:%zu (fewer sentences)", pred_path, gold_path, g->line);
            goto done;
        }
        const ner_sentence *q = &pred.sentences[p++];
        for (size_t i = 0; i < g->n || i < q->n; i++) {
            const rasd_token *a = i < g->n ? &gold.tokens[g->first + i] : NULL;
            const rasd_token *b = i < q->n ? &pred.tokens[q->first + i] : NULL;
            if (!a || !b || a->end - a->start != b->end - b->start ||
                memcmp(gold.text + g->text_off + a->start, pred.text + q->text_off + b->start, a->end - a->start)) {
                cli_error("%s:%zu: token does not match %s:%zu", pred_path, q->line + i, gold_path, g->line + i);
                goto done;
            }
        }
        ner_counts_add(&c, gold.gold + g->first, pred.gold + q->first, g->n);
    }
    if (p != pred.n_sentences) {
        cli_error("%s:%zu: more sentences than %s", pred_path, pred.sentences[p].line, gold_path);
        goto done;
    }
    ner_cli_print_report(stdout, &c);
    rc = EXIT_ALL_OK;
done:
    ner_data_free(&gold);
    ner_data_free(&pred);
    return rc;
}

int cmd_eval_ner(int argc, char **argv) {
    const char *file = NULL, *model_path = NULL, *pred = NULL, *data_dir = NULL, *against = NULL;
    size_t dev_every = 0;
    bool do_bench = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(EVAL_USAGE, stdout);
            return EXIT_ALL_OK;
        }
        if (strcmp(a, "--bench") == 0) {
            do_bench = true;
            continue;
        }
        if (strcmp(a, "--check") == 0) {
            ner_cli_check_reference = true;
            continue;
        }
        if (strcmp(a, "--bench-text") == 0) { /* hidden: the rest are plain-text articles */
            rasd_lexicon *lex = cli_load_lexicon(data_dir);
            if (!lex) return EXIT_USAGE;
            rasd_error err = {0};
            rasd_ner_model *m = rasd_ner_load(lex, model_path, &err);
            rasd_analyzer *an = m ? rasd_analyzer_new(lex, &err) : NULL;
            int rc = EXIT_INPUT_FAILED;
            if (!m || !an) cli_error("%s", err.message);
            else rc = bench_text(m, an, argv + i + 1, (size_t)(argc - i - 1));
            rasd_analyzer_destroy(an);
            rasd_ner_destroy(m);
            rasd_lexicon_destroy(lex);
            return rc;
        }
        if (a[0] == '-' && a[1]) {
            if (i + 1 >= argc) {
                cli_error("eval-ner: %s needs a value (or is unknown)", a);
                fputs(EVAL_USAGE, stderr);
                return EXIT_USAGE;
            }
            const char *v = argv[++i];
            if (strcmp(a, "--model") == 0) model_path = v;
            else if (strcmp(a, "--predictions") == 0) pred = v;
            else if (strcmp(a, "--against") == 0) against = v;
            else if (strcmp(a, "--data") == 0) data_dir = v;
            else if (strcmp(a, "--dev-every") == 0) {
                if (!ner_cli_parse_count(a, v, &dev_every)) return EXIT_USAGE;
            } else if (strcmp(a, "--dev-block") == 0) {
                if (!cli_parse_size(a, v, &ner_cli_dev_block)) return EXIT_USAGE;
            } else {
                cli_error("eval-ner: unknown option %s", a);
                fputs(EVAL_USAGE, stderr);
                return EXIT_USAGE;
            }
            continue;
        }
        if (file) {
            cli_error("eval-ner: one data file at a time (got %s and %s)", file, a);
            return EXIT_USAGE;
        }
        file = a;
    }
    if (!file) {
        cli_error("eval-ner: no data file");
        fputs(EVAL_USAGE, stderr);
        return EXIT_USAGE;
    }
    if (against) return score_against(file, against, dev_every);
    rasd_lexicon *lex = cli_load_lexicon(data_dir);
    if (!lex) return EXIT_USAGE;
    int rc = EXIT_INPUT_FAILED;
    rasd_error err = {0};
    ner_data data = {0};
    rasd_ner_model *model = NULL;
    rasd_analyzer *an = NULL;
    FILE *out = NULL;
    ner_cli_tagged t = {0};
    if (ner_data_read(file, &data, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto done;
    }
    if (!(model = rasd_ner_load(lex, model_path, &err)) || !(an = rasd_analyzer_new(lex, &err))) {
        cli_error("%s", err.message);
        goto done;
    }
    if (pred && !(out = fopen(pred, "w"))) {
        cli_error("%s: cannot write: %s", pred, strerror(errno));
        goto done;
    }
    if (!ner_cli_tag_data(model, an, &data, dev_every, dev_every > 0, out, &t)) goto done;
    if (out) {
        bool ok = !ferror(out);
        ok &= fclose(out) == 0;
        out = NULL;
        if (!ok) {
            cli_error("%s: write error", pred);
            goto done;
        }
    }
    ner_cli_print_report(stdout, &t.counts);
    /* how far the entity scores can be trusted: the share of right entities
     * among those scored in each band */
    if (t.n_ent) {
        static const double cut[] = {0, 0.5, 0.7, 0.9, 0.97, 1.01};
        printf("entity scores:");
        for (int b = 0; b < 5; b++) {
            size_t n = 0, right = 0;
            for (size_t i = 0; i < t.n_ent; i++) {
                double sc = 1 / (1 + exp(-(model->score_a * t.margin[i] + model->score_b)));
                if (sc >= cut[b] && sc < cut[b + 1]) n++, right += t.right[i];
            }
            if (n) printf(" [%.2f, %.2f): %zu, %.0f%% right;", cut[b], cut[b + 1] > 1 ? 1.0 : cut[b + 1], n,
                          100.0 * (double)right / (double)n);
        }
        putchar('\n');
    }
    if (do_bench) bench(model, an, &data);
    rc = EXIT_ALL_OK;
done:
    if (out) fclose(out);
    ner_cli_free_tagged(&t);
    rasd_analyzer_destroy(an);
    rasd_ner_destroy(model);
    ner_data_free(&data);
    rasd_lexicon_destroy(lex);
    return rc;
}

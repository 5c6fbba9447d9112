/*
 * cmd_watch.c: `rasd watch FEEDS.txt`, the feed watcher (src/corpus/watch.c)
 * on the command line: polls the feeds every --interval seconds (or once,
 * with --once, for tests and cron), and prints each new article's origin,
 * title and URL, or with --jsonl its analysis line (as `rasd analyze`
 * writes them); with --db each round's new articles are stored through
 * rasd_ingest (rasd.h), as `rasd ingest` stores them. What was seen is
 * kept in a JSON state file.
 */
#include "cli.h"
#include "cli/engine.h"
#include "corpus/watch.h"
#include "extract/dates.h"
#include "extract/numbers.h"
#include "ner/ner.h"
#include "storage/store.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char USAGE[] =
    "usage: rasd watch [options] FEEDS.txt\n"
    "  Polls the RSS/Atom feeds listed in FEEDS.txt (one http(s) URL a line, # comments)\n"
    "  and reads each new item's page (or the feed's content when the page fails).\n"
    "  Prints origin TAB title TAB URL per new article, or with --jsonl its analysis.\n"
    "  --once                  poll every feed once and exit\n"
    "  --interval SECONDS      time between rounds (default 900)\n"
    "  --state FILE            what was seen, and the feeds' validators (default FEEDS.txt.state.json)\n"
    "  --jsonl                 one analysis JSON line per new article (docs/analyze.schema.json)\n"
    "  --db PATH|URL           also store each round's new articles, as rasd ingest does\n"
    "  --feed-only             never fetch pages: the feed's own content\n"
    "  --timeout SECONDS       per request (default 30; connect: 10)\n"
    "  --max-bytes N[k|M]      largest answer accepted (default 8M)\n"
    "  --data DIR              rasd's data directory\n"
    "  --no-entities, --no-tagger   as for rasd analyze (with --jsonl)\n"
    "Exit status: 0 every feed read, 1 some feed failed or article skipped (in the last round), 2 usage\n"
    "  error, 3 the database failed (--db)\n"
    "Example:\n"
    "  rasd watch --once --state seen.json feeds.txt\n";

static volatile sig_atomic_t stop_requested;
static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
}

typedef struct watch_run {
    bool jsonl;
    /* --db: the round's new articles, stored at its end */
    rasd_article *batch;
    size_t n_batch, cap_batch;
    bool store_failed;
    rasd_analyzer *an;
    rasd_read_options read;
    rasd_analysis_options analysis;
    size_t printed, failed_items;
} watch_run;

static void print_field(const char *s) {
    for (; s && *s; s++) putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* An article's line without --jsonl: origin, title and address. */
static void print_article_line(const rasd_article *a) {
    print_field(a->origin);
    putchar('\t');
    print_field(a->title);
    putchar('\t');
    print_field(a->url);
    putchar('\n');
}

/* --db: the article's line as without --db, and the article kept (every
 * field taken over) to be stored at the round's end. */
static bool on_article_store(void *ctx, rasd_article *a) {
    watch_run *w = ctx;
    print_article_line(a);
    fflush(stdout);
    w->printed++;
    if (w->n_batch == w->cap_batch) {
        size_t cap = w->cap_batch ? w->cap_batch * 2 : 64;
        rasd_article *b = realloc(w->batch, cap * sizeof *b);
        if (!b) {
            cli_warning("%s: out of memory", a->origin ? a->origin : "article");
            w->failed_items++;
            return !stop_requested;
        }
        w->batch = b;
        w->cap_batch = cap;
    }
    w->batch[w->n_batch++] = *a;
    memset(a, 0, sizeof *a);
    return !stop_requested;
}

static bool on_article(void *ctx, rasd_article *a) {
    watch_run *w = ctx;
    if (w->jsonl) {
        rasd_error err = {0};
        char *json = NULL;
        size_t len = 0;
        if (cli_article_json(w->an, a, &w->read, &w->analysis, &json, &len, &err) == RASD_OK)
            fwrite(json, 1, len, stdout);
        else
            cli_warning("%s", err.message), w->failed_items++;
        free(json);
    } else {
        print_article_line(a);
    }
    fflush(stdout);
    w->printed++;
    return !stop_requested;
}

static void on_record(void *ctx, const rasd_ingest_record *rec) {
    watch_run *w = ctx;
    if (rec->status == RASD_OK || rec->status == RASD_ERR_EMPTY) return;
    cli_warning("skipped: %s", rec->error);
    w->failed_items++;
}

/* --db: the round's articles into the store, in one call. */
static void store_round(watch_run *w, rasd_store *store, const rasd_ingest_options *tmpl) {
    rasd_ingest_options o = *tmpl;
    o.articles = w->batch;
    o.n_articles = w->n_batch;
    o.on_record = on_record;
    o.ctx = w;
    rasd_ingest_report r;
    rasd_error err = {0};
    if (w->n_batch && rasd_ingest(store, &o, &r, &err) != RASD_OK) {
        cli_error("%s", err.message);
        w->store_failed = true;
    } else if (w->n_batch) {
        fprintf(stderr, "rasd: watch: %zu stored, %zu already stored, %zu skipped\n", r.stored, r.already,
                r.skipped);
    }
    for (size_t i = 0; i < w->n_batch; i++) rasd_article_clear(&w->batch[i]);
    w->n_batch = 0;
}

static void on_skip(void *ctx, const rasd_error *err) {
    (void)ctx;
    cli_warning("%s", err->message);
}

int cmd_watch(int argc, char **argv) {
    static const struct option LONG[] = {
        {"once", no_argument, 0, 'o'},         {"interval", required_argument, 0, 'i'},
        {"state", required_argument, 0, 's'},  {"jsonl", no_argument, 0, 'J'},
        {"feed-only", no_argument, 0, 'F'},    {"timeout", required_argument, 0, 't'},
        {"max-bytes", required_argument, 0, 'm'}, {"data", required_argument, 0, 'd'},
        {"no-entities", no_argument, 0, 'E'},  {"no-tagger", no_argument, 0, 'T'},
        {"db", required_argument, 0, 'D'},     {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    bool once = false, entities = true, tagger = true;
    size_t interval = 900, timeout = 0;
    const char *state_path = NULL, *data_dir = NULL, *db = NULL;
    watch_run w = {0};
    rasd_watch_options wo = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+h", LONG, NULL)) != -1) {
        switch (c) {
        case 'o': once = true; break;
        case 'i':
            if (!cli_parse_size("--interval", optarg, &interval)) return EXIT_USAGE;
            break;
        case 's': state_path = optarg; break;
        case 'J': w.jsonl = true; break;
        case 'D': db = optarg; break;
        case 'F': wo.feed_only = true; break;
        case 't':
            if (!cli_parse_size("--timeout", optarg, &timeout)) return EXIT_USAGE;
            wo.fetch.timeout = (long)timeout;
            break;
        case 'm':
            if (!cli_parse_size("--max-bytes", optarg, &wo.fetch.max_bytes)) return EXIT_USAGE;
            break;
        case 'd': data_dir = optarg; break;
        case 'E': entities = false; break;
        case 'T': tagger = false; break;
        case 'h': fputs(USAGE, stdout); return EXIT_ALL_OK;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    if (db && w.jsonl) {
        cli_error("watch: --db stores the analysis, --jsonl prints it: give one of them");
        return EXIT_USAGE;
    }
    if (optind != argc - 1) {
        cli_error("watch: give one feed list");
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    const char *list = argv[optind];
    rasd_error err = {0};
    char **feeds = NULL;
    size_t n_feeds = 0;
    if (rasd_watch_read_list(list, &feeds, &n_feeds, &err) != RASD_OK) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    char default_state[4200];
    if (!state_path) {
        snprintf(default_state, sizeof default_state, "%s.state.json", list);
        state_path = default_state;
    }
    int status = EXIT_ALL_OK;
    rasd_lexicon *lex = NULL;
    rasd_knowledge *kn = NULL;
    rasd_ner_model *ner = NULL;
    rasd_numbers *numbers = NULL;
    rasd_dates *dates = NULL;
    rasd_watch_file *wf = NULL;
    cli_engine engine = {0};
    rasd_store *store = NULL;
    rasd_ingest_options io = {.jobs = cli_cores(), .batch = 1000};
    if (!cli_web_init(data_dir)) {
        status = EXIT_USAGE;
        goto done;
    }
    wo.bp = cli_web_boilerplate();
    if (db) { /* the engine and defaults of rasd ingest */
        cli_engine_options eopt = {.data_dir = data_dir, .entities = entities, .tagger = tagger};
        if (!cli_engine_load(&engine, &eopt, &io.analysis)) {
            status = EXIT_USAGE;
            goto done;
        }
        if (!(store = rasd_store_open(db, engine.lex, &err))) {
            cli_error("%s", err.message);
            status = EXIT_USAGE;
            goto done;
        }
        io.lex = engine.lex;
        io.boilerplate = cli_web_boilerplate();
    }
    if (w.jsonl) {
        if (!(lex = cli_load_lexicon(data_dir)) || !(w.an = rasd_analyzer_new(lex, &err))) {
            if (lex) cli_error("%s", err.message);
            status = EXIT_USAGE;
            goto done;
        }
        if (entities) {
            rasd_knowledge_options kopt = {data_dir, NULL};
            if (!(kn = rasd_knowledge_load(&kopt, &err)) || (tagger && !(ner = rasd_ner_load(lex, NULL, &err))) ||
                !(numbers = rasd_numbers_load(data_dir, &err)) || !(dates = rasd_dates_load(data_dir, &err))) {
                cli_error("%s", err.message);
                status = EXIT_USAGE;
                goto done;
            }
            w.analysis = (rasd_analysis_options){.knowledge = kn, .tagger = ner, .numbers = numbers, .dates = dates};
        }
    }
    if (!(wf = rasd_watch_file_open(state_path, &err))) {
        cli_error("%s", err.message);
        status = EXIT_USAGE;
        goto done;
    }
    rasd_watch_state state = rasd_watch_file_state(wf);
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    for (;;) {
        rasd_watch_stats stats;
        rasd_status st = rasd_watch_poll((const char *const *)feeds, n_feeds, &wo, &state,
                                         db ? on_article_store : on_article, on_skip, &w, &stats, &err);
        if (db) store_round(&w, store, &io);
        if (w.store_failed) {
            status = EXIT_ABORTED;
            break;
        }
        if (st != RASD_OK) {
            cli_error("%s", err.message);
            status = EXIT_INPUT_FAILED;
            break;
        }
        status = stats.failed_feeds || w.failed_items ? EXIT_INPUT_FAILED : EXIT_ALL_OK;
        fprintf(stderr,
                "rasd: watch: %zu feeds (%zu not modified, %zu failed), %zu new items, %zu pages (%zu failed)\n",
                stats.feeds, stats.not_modified, stats.failed_feeds, stats.new_items, stats.pages,
                stats.page_failures);
        if (once || stop_requested) break;
        for (size_t s = 0; s < interval && !stop_requested; s++) sleep(1);
        if (stop_requested) break;
    }
    /* after a database failure the round's articles are not stored: the
     * state is not saved either, so the next run finds them new again */
    if (!w.store_failed && rasd_watch_file_save(wf, &err) != RASD_OK) {
        cli_error("%s", err.message);
        status = EXIT_INPUT_FAILED;
    }
done:
    for (size_t i = 0; i < w.n_batch; i++) rasd_article_clear(&w.batch[i]);
    free(w.batch);
    rasd_store_close(store);
    cli_engine_destroy(&engine);
    rasd_watch_file_close(wf);
    rasd_watch_free_list(feeds, n_feeds);
    rasd_analyzer_destroy(w.an);
    rasd_ner_destroy(ner);
    rasd_numbers_destroy(numbers);
    rasd_dates_destroy(dates);
    rasd_knowledge_destroy(kn);
    rasd_lexicon_destroy(lex);
    cli_web_done();
    return status;
}

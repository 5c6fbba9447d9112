/*
 * cmd_ingest.c: `rasd ingest`, files in, a database out. The command line
 * of rasd_ingest (rasd.h, src/ingest/): its options, the engine the
 * analysis needs, the progress bar, the names of skipped records and the
 * closing summary. What happens to each article (read, analysed, linked
 * to its duplicate and story, stored in batches, settled) is the library's.
 */
#include "cli.h"
#include "cli/engine.h"
#include "corpus/reader.h"
#include "storage/store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define LOG_EVERY_SECONDS 10.0

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

/* What the command shows while the library works. */
typedef struct shown {
    bool quiet, tty;
    bool no_settle;
    bool told_owed; /* the owed settle was named */
    rasd_store *store;
    double t0, last_report;
} shown;

/* ------------------------------------------------------------- progress */

static void clear_bar(const shown *v) {
    if (v->tty && !v->quiet) fputs("\r\033[K", stderr);
}

static void progress_line(shown *v, const rasd_ingest_report *r, bool force) {
    if (v->quiet) return;
    double t = now(), el = t - v->t0;
    if (!force && t - v->last_report < (v->tty ? 0.25 : LOG_EVERY_SECONDS)) return;
    v->last_report = t;
    double rate = el > 0 ? (double)r->read / el : 0;
    /* the share of the input read, times the share of what was read that
     * is written: the reader runs ahead by up to three chunks */
    double frac = r->bytes_total ? (double)r->bytes_done / (double)r->bytes_total : 0;
    if (r->produced) frac *= (double)r->read / (double)r->produced;
    if (frac > 1) frac = 1;
    double eta = frac > 0.001 ? el / frac - el : 0;
    if (v->tty) {
        int w = 30, filled = (int)(frac * w + 0.5);
        char bar[64];
        for (int i = 0; i < w; i++) bar[i] = i < filled ? '#' : '.';
        bar[w] = '\0';
        fprintf(stderr, "\r\033[K[%s] %3.0f%%  %zu articles  %.0f/s  ETA %d:%02d", bar, frac * 100, r->read, rate,
                (int)eta / 60, (int)eta % 60);
    } else {
        fprintf(stderr, "rasd: ingest: %zu articles read, %zu stored, %.0f/s, %.0f%% of the input\n", r->read,
                r->db_failed ? r->committed : r->stored, rate, frac * 100); /* after an abort: what is kept */
    }
}

/* Said even with --quiet, as soon as the library has looked: a problem
 * found (an earlier ingest killed or stopped by a full disk). */
static void tell_owed(shown *v, const rasd_ingest_report *r) {
    if (!r->settle_owed || v->told_owed) return;
    v->told_owed = true;
    clear_bar(v);
    if (v->no_settle)
        cli_warning("%s: an earlier ingest was stopped before its settle committed; with --no-settle it stays owed "
                    "(the next ingest without it, or `rasd ingest --settle`, finishes it)",
                    rasd_store_target(v->store));
    else
        cli_warning("%s: an earlier ingest was stopped before its settle committed: this run finishes it, after "
                    "storing what is new",
                    rasd_store_target(v->store));
}

static void on_progress(void *ctx, const rasd_ingest_report *so_far) {
    tell_owed(ctx, so_far);
    progress_line(ctx, so_far, false);
}

static void on_record(void *ctx, const rasd_ingest_record *rec) {
    if (rec->status == RASD_OK || rec->status == RASD_ERR_EMPTY) return;
    clear_bar(ctx);
    cli_error("skipped: %s", rec->error);
}

static void summary(const shown *v, rasd_store *store, const rasd_ingest_report *r) {
    double el = now() - v->t0;
    rasd_store_counts c = {0};
    rasd_error err = {0};
    rasd_store_counts_get(store, &c, &err);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
    struct timespec tw; /* this thread: the writer */
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &tw);
    double cpu_writer = (double)tw.tv_sec + (double)tw.tv_nsec / 1e9;
    clear_bar(v);
    if (r->db_failed) /* what is in the store, not what was attempted */
        fprintf(stderr,
                "rasd ingest: stopped by a database error: %zu read, %zu stored (committed), %zu already stored, "
                "%zu exact duplicates, %zu near duplicates, %zu skipped; %zu analysed were rolled back\n",
                r->read, r->committed, r->already, r->committed_exact, r->committed_near, r->skipped,
                r->stored - r->committed);
    else
        fprintf(stderr,
                "rasd ingest: %zu read, %zu stored, %zu already stored, %zu exact duplicates, %zu near duplicates, "
                "%zu skipped\n",
                r->read, r->stored, r->already, r->exact, r->near, r->skipped);
    if (r->empty) fprintf(stderr, "  %zu records without text left out\n", r->empty);
    fprintf(stderr, "  %zu repeated paragraphs in %zu documents, %zu boilerplate lines removed from %zu documents\n",
            r->repeated, r->repeating_docs, r->boilerplate_lines, r->boilerplate_docs);
    if (r->skipped) {
        fputs("  skipped:", stderr);
        const char *sep = " ";
        for (size_t i = 0; i <= RASD_ERR_NOT_FOUND; i++)
            if (r->skipped_by[i]) {
                fprintf(stderr, "%s%s %zu", sep, rasd_status_name((rasd_status)i), r->skipped_by[i]);
                sep = ", ";
            }
        fputc('\n', stderr);
    }
    fprintf(stderr,
            "  %.1f s (CPU: %.1f s user in all, %.1f s in the writer thread), %.0f articles/s, %.2f MB/s of"
            " text; peak RSS %ld MB\n"
            "  %s: %lld documents (%lld exact duplicates in %lld groups, %lld near), %lld stories, %.1f MB\n",
            el, cpu, cpu_writer, el > 0 ? (double)r->read / el : 0, el > 0 ? (double)r->text_bytes / el / 1e6 : 0,
            ru.ru_maxrss / 1024, rasd_store_target(store), (long long)c.documents, (long long)c.duplicates_exact,
            (long long)c.exact_groups, (long long)c.duplicates_near, (long long)c.stories,
            (double)rasd_store_size(store) / 1e6);
    fprintf(stderr,
            "  writer thread: %.1f s storing, %.1f s duplicates and stories, %.1f s committing; story thread: %.1f s"
            " CPU\n",
            r->t_store, r->t_link, r->t_commit, r->story_cpu);
    if (r->story_failures) fprintf(stderr, "  %zu articles could not be put in a story\n", r->story_failures);
    if (r->settled && !r->db_failed)
        fprintf(stderr, "  settled: %zu articles decided again, %zu duplicate links and %zu stories changed, %.1f s\n",
                r->settled_articles, r->settled_duplicates, r->settled_stories, r->t_settle);
    if (r->shared && r->reloads) fprintf(stderr, "  caught up %zu times with other processes' batches\n", r->reloads);
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
    rasd_ingest_options o = {.jobs = cli_cores(), .batch = 1000};
    shown v = {0};
    rasd_reader_options ropt = {0};
    cli_engine_options eopt = {.entities = true, .tagger = true};
    cli_engine engine = {0};
    rasd_store *store = NULL;
    const char *db = NULL;
    bool keep_boilerplate = false;
    rasd_error err = {0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+j:h", LONG, NULL)) != -1) {
        switch (c) {
        case 'D': db = optarg; break;
        case 'j':
            if (!cli_parse_size("--jobs", optarg, &o.jobs)) return EXIT_USAGE;
            break;
        case 's': ropt.source = optarg; break;
        case 'M':
            if (rasd_field_map_parse(optarg, &ropt.map, &err) != RASD_OK) {
                cli_error("%s", err.message);
                return EXIT_USAGE;
            }
            break;
        case 'b':
            if (!cli_parse_size("--batch", optarg, &o.batch)) return EXIT_USAGE;
            break;
        case 'K': o.keep_json = true; break;
        case 'B': keep_boilerplate = true; break;
        case 'A': o.read.allow_non_arabic = true; break;
        case 'd': eopt.data_dir = optarg; break;
        case 'g': eopt.geonames = optarg; break;
        case 'E': eopt.entities = false; break;
        case 'T': eopt.tagger = false; break;
        case 'q': v.quiet = true; break;
        case 'J': o.jsonl = optarg; break;
        case 'S': o.settle = true; break;
        case 'N': o.no_settle = true; break;
        case 'L': ropt.follow_symlinks = true; break;
        case 'h': fputs(USAGE, stdout); return EXIT_ALL_OK;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc && !o.jsonl && !o.settle) {
        cli_error("ingest: no input (give files, directories or zip archives)");
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    v.tty = isatty(2);
    int status = EXIT_ALL_OK;
    if (!cli_engine_load(&engine, &eopt, &o.analysis)) {
        status = EXIT_USAGE;
        goto done;
    }
    if (!cli_web_init(eopt.data_dir)) { /* the boilerplate list for HTML pages */
        status = EXIT_USAGE;
        goto done;
    }
    /* the filter runs on every body: HTML and feed bodies in their readers,
     * plain-text and JSON ones in the ingest's workers */
    if (!keep_boilerplate) ropt.boilerplate = o.boilerplate = cli_web_boilerplate();
    if (!(store = rasd_store_open(db, engine.lex, &err))) {
        cli_error("%s", err.message);
        status = EXIT_USAGE;
        goto done;
    }
    o.lex = engine.lex;
    o.reader = &ropt;
    o.paths = (const char *const *)argv + optind;
    o.n_paths = (size_t)(argc - optind);
    o.on_record = on_record;
    o.progress = on_progress;
    o.ctx = &v;
    v.no_settle = o.no_settle;
    v.store = store;
    v.t0 = v.last_report = now();
    rasd_ingest_report r;
    rasd_status st = rasd_ingest(store, &o, &r, &err);
    if (st != RASD_OK && !r.db_failed) { /* it could not start: the store's links could not be read */
        cli_error("%s", err.message);
        status = EXIT_USAGE;
        goto done;
    }
    tell_owed(&v, &r); /* a run with no record to report progress on */
    if (r.db_failed) {
        clear_bar(&v);
        if (r.settled) /* the articles are all committed; the settle stays owed (marked in their batches) */
            cli_error("%s (the settle was rolled back: every article stored is kept, and the next `rasd ingest` "
                      "finishes the settle)",
                      err.message);
        else
            cli_error("%s (the last batch was rolled back; what was committed before is kept)", err.message);
    }
    progress_line(&v, &r, true);
    summary(&v, store, &r);
    if (r.skipped) status = EXIT_INPUT_FAILED;
    if (r.db_failed) status = EXIT_ABORTED; /* the worst of the two tells the story */
done:
    rasd_store_close(store);
    cli_engine_destroy(&engine);
    cli_web_done();
    return status;
}

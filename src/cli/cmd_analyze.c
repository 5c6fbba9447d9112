/*
 * cmd_analyze.c: `rasd analyze`, plain-text articles in, one JSON line per
 * article out, in input order, whatever --jobs is.
 */
#include "cli.h"
#include "cli/engine.h"
#include "corpus/boilerplate.h"
#include "corpus/reader.h"
#include "core/internal.h"
#include "core/pool.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "usage: rasd analyze [options] PATH... | -\n"
    "  Reads plain-text articles (first non-blank line = title) and writes one JSON\n"
    "  object per article per line (docs/analyze.schema.json). HTML pages (.html,\n"
    "  .htm) and feeds (.xml, .rss, .atom), files that look like them, and http(s)\n"
    "  URLs give their articles, and so do collections of records: JSON (.json),\n"
    "  JSON Lines (.jsonl, .ndjson) and zip archives (docs/ingest-formats.md).\n"
    "  --published YYYY-MM-DD  publication date of the articles\n"
    "  --source NAME           outlet that published them\n"
    "  --jobs N                articles analysed in parallel (default: the number of cores)\n"
    "  --tokens                the full token list instead of a count\n"
    "  --strict                invalid UTF-8 is an error instead of U+FFFD and a warning\n"
    "  --max-bytes N[k|M]      refuse larger files (default 16M)\n"
    "  --allow-non-arabic      accept text with hardly any Arabic letters\n"
    "  --keep-boilerplate      keep every line (by default the boilerplate filter drops\n"
    "                          photo credits, share bars, appeals, as `rasd ingest` does)\n"
    "  --files-from FILE       read more paths from FILE, one per line (- for stdin)\n"
    "  --data DIR              rasd's data directory (default: $RASD_DATA or the built-in one)\n"
    "  --geonames FILE         add the places of a GeoNames dump (allCountries.txt, XX.txt)\n"
    "  --no-entities           skip actors, people and places (text core only)\n"
    "  --no-tagger             dictionary names only: skip the trained name tagger\n"
    "  --only LIST             extract only these (comma-separated): entities (with\n"
    "                          people, places, byline), quotes, framing, events,\n"
    "                          numbers, dates; the others are left out of the JSON\n"
    "  --format json|events-tsv  one JSON line per article (default), or one row per\n"
    "                          event with a header line, for spreadsheets (docs/events.md)\n"
    "  A FIFO, socket or device is refused without being opened (pipe text in as -).\n"
    "Exit status (docs/cli.md): 0 all analysed; 1 some input failed or some record of a\n"
    "  collection was skipped (each named on stderr with its byte); 2 usage error; 3 the\n"
    "  output could not be written (disk full)\n"
    "Example:\n"
    "  rasd analyze --jobs 4 day.json > day.jsonl\n";

typedef struct result {
    char *json;
    size_t json_len;
    char *error;   /* message when the input failed */
    char *warning; /* message when it was analysed with a caveat */
    size_t skipped; /* records of a collection that could not be analysed */
} result;

typedef struct run {
    char **paths;
    size_t n;
    const rasd_lexicon *lex;
    rasd_read_options read;
    rasd_analysis_options analysis;
    result *results;
    size_t failed;
    bool events_tsv;
    const struct rasd_boilerplate *bp; /* NULL: --keep-boilerplate */
} run;

/* ------------------------------------------------------ --format events-tsv */

/* The event table's columns, GDELT/ICEWS-like: one row per event. Each is
 * a path into an event of the analysis JSON ("source.code"), or a
 * document field ("@doc.id"). */
static const struct { const char *name, *path; } TSV_COLUMNS[] = {
    {"doc_id", "@id"},
    {"date", "date.value"},
    {"date_granularity", "date.granularity"},
    {"date_from_publication", "date.from_publication"},
    {"source_entity", "source.0.entity"},
    {"source_agent", "source.0.agent"},
    {"source_name", "source.0.name_en"},
    {"source_name_ar", "source.0.name_ar"},
    {"source_code", "source.0.code"},
    {"source_country", "source.0.country"},
    {"target_entity", "target.0.entity"},
    {"target_agent", "target.0.agent"},
    {"target_name", "target.0.name_en"},
    {"target_name_ar", "target.0.name_ar"},
    {"target_code", "target.0.code"},
    {"target_country", "target.0.country"},
    {"cameo", "cameo"},
    {"root", "root"},
    {"quad_class", "quad_class"},
    {"goldstein", "goldstein"},
    {"plover_type", "plover_type"},
    {"plover_mode", "plover_mode"},
    {"acled", "acled"},
    {"place_id", "place.id"},
    {"place_name", "place.name_ar"},
    {"lat", "place.lat"},
    {"lon", "place.lon"},
    {"place_from_dateline", "place.from_dateline"},
    {"negated", "negated"},
    {"future", "future"},
    {"hypothetical", "hypothetical"},
    {"claimed", "claimed"},
    {"symmetric", "symmetric"},
    {"in_quote", "in_quote"},
    {"killed", "magnitudes.killed"},
    {"wounded", "magnitudes.wounded"},
    {"arrested", "magnitudes.arrested"},
    {"money", "magnitudes.money"},
    {"currency", "magnitudes.currency"},
    {"trigger", "trigger.text"},
    {"trigger_lemma", "trigger.lemma"},
    {"trigger_start", "trigger.span.0"},
    {"trigger_end", "trigger.span.1"},
    {"sentence", "sentence"},
    {"sentence_start", "sentence_span.0"},
    {"sentence_end", "sentence_span.1"},
    {"confidence", "confidence"},
    {"source_text", "source.0.text"},
    {"source_rule", "source.0.rule"},
    {"target_rule", "target.0.rule"},
};

static void tsv_header(void) {
    for (size_t c = 0; c < sizeof TSV_COLUMNS / sizeof TSV_COLUMNS[0]; c++)
        printf("%s%s", c ? "\t" : "", TSV_COLUMNS[c].name);
    putchar('\n');
}

static const json_t *tsv_lookup(const json_t *v, const char *path) {
    char part[64];
    while (v && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof part) return NULL;
        memcpy(part, path, n);
        part[n] = '\0';
        v = json_is_array(v) ? json_array_get(v, (size_t)atoi(part)) : json_object_get(v, part);
        path += n + (path[n] == '.');
    }
    return v;
}

/* A cell: empty for null; tabs and line breaks (never in codes, possible in
 * names and trigger text) become spaces so a row stays a row. */
static void tsv_cell(rasd_buf *out, const json_t *v) {
    char num[64];
    const char *s = NULL;
    if (json_is_string(v)) s = json_string_value(v);
    else if (json_is_true(v)) s = "1";
    else if (json_is_false(v)) s = "0";
    else if (json_is_integer(v)) snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), s = num;
    else if (json_is_real(v)) snprintf(num, sizeof num, "%.6g", json_real_value(v)), s = num;
    for (; s && *s; s++) rasd_buf_putc(out, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* Rewrites a result's JSON lines (one per article) as their event rows. */
static bool json_to_events_tsv(result *res) {
    rasd_buf out = {0};
    for (size_t at = 0; at < res->json_len;) {
        const char *nl = memchr(res->json + at, '\n', res->json_len - at);
        size_t end = nl ? (size_t)(nl - res->json) : res->json_len;
        json_error_t jerr;
        json_t *d = json_loadb(res->json + at, end - at, 0, &jerr);
        at = end + 1;
        if (!d) {
            rasd_buf_free(&out);
            return false;
        }
        const json_t *id = tsv_lookup(d, "doc.id"), *events = json_object_get(d, "events");
        for (size_t i = 0; i < json_array_size(events); i++) {
            const json_t *e = json_array_get(events, i);
            for (size_t c = 0; c < sizeof TSV_COLUMNS / sizeof TSV_COLUMNS[0]; c++) {
                if (c) rasd_buf_putc(&out, '\t');
                const char *path = TSV_COLUMNS[c].path;
                tsv_cell(&out, path[0] == '@' ? id : tsv_lookup(e, path));
            }
            rasd_buf_putc(&out, '\n');
        }
        json_decref(d);
    }
    if (out.oom) {
        rasd_buf_free(&out);
        return false;
    }
    free(res->json);
    res->json = out.data ? out.data : strdup("");
    res->json_len = out.len;
    return res->json != NULL;
}

static void *make_analyzer(void *ctx) {
    run *r = ctx;
    rasd_error err = {0};
    rasd_analyzer *an = rasd_analyzer_new(r->lex, &err);
    if (!an) cli_error("%s", err.message);
    return an;
}

static void free_analyzer(void *ctx, void *state) {
    (void)ctx;
    rasd_analyzer_destroy(state);
}

/* The boilerplate hook: the body (after the title line) goes through the
 * plain-text filter, as `rasd ingest` filters bodies, so that both analyse
 * the same text and every offset in the analysis refers to the filtered
 * text. doc is replaced when lines were removed. */
static rasd_status strip_boilerplate(const run *r, rasd_document *doc, rasd_error *err) {
    if (!r->bp) return RASD_OK;
    const char *nl = memchr(doc->text + doc->title.end, '\n', doc->len - doc->title.end);
    size_t body = nl ? (size_t)(nl - doc->text) + 1 : doc->len;
    rasd_boilerplate_result res;
    rasd_status st = rasd_boilerplate_filter(r->bp, doc->text + body, doc->len - body, &res, err);
    if (st != RASD_OK) return st;
    if (!res.n_removed) {
        rasd_boilerplate_result_free(&res);
        return RASD_OK;
    }
    rasd_buf b = {0};
    rasd_buf_append(&b, doc->text, body);
    rasd_buf_append(&b, res.text, res.len);
    rasd_boilerplate_result_free(&res);
    if (b.oom) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", doc->path);
    }
    rasd_document kept;
    rasd_read_options opt = r->read;
    opt.allow_non_arabic = true; /* checked on the whole text already */
    st = rasd_document_from_buffer(doc->path, b.data ? b.data : "", b.len, &opt, &kept, err);
    rasd_buf_free(&b);
    if (st != RASD_OK) return st;
    kept.utf8 = doc->utf8; /* what the reading replaced, for the warning */
    rasd_document_destroy(doc);
    *doc = kept;
    return RASD_OK;
}

static void analyze_one(void *ctx, void *state, size_t i) {
    run *r = ctx;
    result *res = &r->results[i];
    rasd_error err = {0};
    rasd_document doc;
    if (!state) {
        res->error = strdup("no analyzer (out of memory)");
        return;
    }
    /* a FIFO, socket or device is refused from its stat(), before any open
     * could block on it (standard input, -, is the way to pipe text in) */
    if (strcmp(r->paths[i], "-") != 0 && strncmp(r->paths[i], "http://", 7) != 0 &&
        strncmp(r->paths[i], "https://", 8) != 0 && rasd_reader_check_file(r->paths[i], &err) != RASD_OK) {
        res->error = strdup(err.message);
        return;
    }
    if (cli_is_web_input(r->paths[i])) { /* HTML pages, feeds, JSON, zip: web_input.c */
        cli_analyze_web(state, r->paths[i], &r->read, &r->analysis, r->bp != NULL, &res->json, &res->json_len,
                        &res->warning, &res->skipped, &res->error);
        if (res->json && r->events_tsv && !json_to_events_tsv(res))
            res->error = strdup("out of memory writing the event table");
        return;
    }
    if (rasd_document_read(r->paths[i], &r->read, &doc, &err) != RASD_OK) {
        res->error = strdup(err.message);
        return;
    }
    if (strip_boilerplate(r, &doc, &err) != RASD_OK) {
        res->error = strdup(err.message);
        rasd_document_destroy(&doc);
        return;
    }
    if (doc.utf8.invalid_count) {
        char msg[1200];
        snprintf(msg, sizeof msg, "%s: %zu invalid UTF-8 sequence%s replaced by U+FFFD, the first at byte %zu",
                 doc.path, doc.utf8.invalid_count, doc.utf8.invalid_count == 1 ? "" : "s", doc.utf8.first_invalid);
        res->warning = strdup(msg);
    }
    if (rasd_analysis_json(state, &doc, &r->analysis, &res->json, &res->json_len, &err) != RASD_OK)
        res->error = strdup(err.message);
    else if (r->events_tsv && !json_to_events_tsv(res))
        res->error = strdup("out of memory writing the event table");
    rasd_document_destroy(&doc);
}

static void emit_one(void *ctx, size_t i) {
    run *r = ctx;
    result *res = &r->results[i];
    if (res->warning) cli_warning("%s", res->warning);
    if (res->skipped) r->failed++; /* records skipped: the output is not all of the input */
    if (res->error) {
        cli_error("%s", res->error);
        r->failed++;
    } else if (res->json) {
        fwrite(res->json, 1, res->json_len, stdout);
    } else {
        cli_error("%s: out of memory", r->paths[i]);
        r->failed++;
    }
    free(res->json);
    free(res->error);
    free(res->warning);
    memset(res, 0, sizeof *res);
}

/* Appends the lines of a --files-from list to the path list. */
static bool read_path_list(const char *file, char ***paths, size_t *n, size_t *cap) {
    FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
    if (!f) {
        cli_error("%s: cannot open the --files-from list", file);
        return false;
    }
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    bool ok = true;
    while ((got = getline(&line, &lcap, f)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
        if (got == 0) continue;
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 64;
            char **p = realloc(*paths, nc * sizeof *p);
            if (!p) {
                ok = false;
                break;
            }
            *paths = p;
            *cap = nc;
        }
        if (!((*paths)[(*n)++] = strdup(line))) {
            ok = false;
            break;
        }
    }
    free(line);
    if (f != stdin) fclose(f);
    if (!ok) cli_error("out of memory reading %s", file);
    return ok;
}

int cmd_analyze(int argc, char **argv) {
    static const struct option LONG[] = {
        {"published", required_argument, 0, 'p'}, {"source", required_argument, 0, 's'},
        {"jobs", required_argument, 0, 'j'},      {"tokens", no_argument, 0, 't'},
        {"strict", no_argument, 0, 'S'},          {"max-bytes", required_argument, 0, 'm'},
        {"allow-non-arabic", no_argument, 0, 'A'}, {"files-from", required_argument, 0, 'f'},
        {"data", required_argument, 0, 'd'},      {"help", no_argument, 0, 'h'},
        {"geonames", required_argument, 0, 'g'},  {"no-entities", no_argument, 0, 'E'},
        {"no-tagger", no_argument, 0, 'T'},      {"format", required_argument, 0, 'F'},
        {"keep-boilerplate", no_argument, 0, 'B'}, {"only", required_argument, 0, 'O'},
        {0, 0, 0, 0},
    };
    run r = {0};
    size_t jobs = cli_cores();
    const char *data_dir = NULL;
    const char *files_from = NULL;
    const char *geonames = NULL;
    bool entities = true, tagger = true, keep_boilerplate = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+j:h", LONG, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (!rasd_valid_date(optarg)) {
                cli_error("--published: \"%s\" is not a date written YYYY-MM-DD", optarg);
                return EXIT_USAGE;
            }
            r.analysis.published = optarg;
            break;
        case 's': r.analysis.source = optarg; break;
        case 'j':
            if (!cli_parse_size("--jobs", optarg, &jobs)) return EXIT_USAGE;
            break;
        case 't': r.analysis.with_tokens = true; break;
        case 'S': r.read.strict_utf8 = true; break;
        case 'm':
            if (!cli_parse_size("--max-bytes", optarg, &r.read.max_bytes)) return EXIT_USAGE;
            break;
        case 'A': r.read.allow_non_arabic = true; break;
        case 'f': files_from = optarg; break;
        case 'd': data_dir = optarg; break;
        case 'g': geonames = optarg; break;
        case 'E': entities = false; break;
        case 'T': tagger = false; break;
        case 'B': keep_boilerplate = true; break;
        case 'O':
            if (!cli_parse_extract("--only", optarg, &r.analysis.extract)) return EXIT_USAGE;
            break;
        case 'F':
            if (strcmp(optarg, "events-tsv") == 0) {
                r.events_tsv = true;
            } else if (strcmp(optarg, "json") != 0) {
                cli_error("--format: \"%s\" is neither json nor events-tsv", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h': fputs(USAGE, stdout); return EXIT_ALL_OK;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    size_t cap = 0;
    char **paths = NULL;
    for (int i = optind; i < argc; i++) {
        if (r.n == cap) {
            cap = cap ? cap * 2 : 16;
            char **p = realloc(paths, cap * sizeof *p);
            if (!p) {
                cli_error("out of memory");
                return EXIT_USAGE;
            }
            paths = p;
        }
        paths[r.n++] = strdup(argv[i]);
    }
    int status = EXIT_ALL_OK;
    cli_engine engine = {0};
    if (files_from && !read_path_list(files_from, &paths, &r.n, &cap)) {
        status = EXIT_USAGE;
        goto done;
    }
    if (r.n == 0) {
        cli_error("analyze: no input (give paths, or - for standard input)");
        fputs(USAGE, stderr);
        status = EXIT_USAGE;
        goto done;
    }
    size_t dashes = 0;
    for (size_t i = 0; i < r.n; i++) dashes += strcmp(paths[i], "-") == 0;
    if (dashes > 1) {
        cli_error("analyze: standard input (-) given more than once");
        status = EXIT_USAGE;
        goto done;
    }
    cli_engine_options eopt = {data_dir, geonames, entities, tagger};
    if (!cli_engine_load(&engine, &eopt, &r.analysis) || !cli_web_init(data_dir)) {
        status = EXIT_USAGE;
        goto done;
    }
    r.paths = paths;
    r.lex = engine.lex;
    if (!keep_boilerplate) r.bp = cli_web_boilerplate();
    r.results = calloc(r.n, sizeof *r.results);
    if (!r.results) {
        cli_error("out of memory");
        status = EXIT_USAGE;
        goto done;
    }
    if (r.events_tsv) {
        if (!engine.knowledge) {
            cli_error("--format events-tsv needs the entities (drop --no-entities)");
            status = EXIT_USAGE;
            goto done;
        }
        if (r.analysis.extract && !(r.analysis.extract & RASD_EXTRACT_EVENTS)) {
            cli_error("--format events-tsv needs the events (add events to --only)");
            status = EXIT_USAGE;
            goto done;
        }
        tsv_header();
    }
    rasd_pool_spec spec = {r.n, jobs, make_analyzer, free_analyzer, analyze_one, emit_one, &r};
    if (!rasd_pool_run(&spec)) {
        spec.jobs = 1; /* no threads to be had: do it on this one */
        rasd_pool_run(&spec);
    }
    if (r.failed) status = EXIT_INPUT_FAILED;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the output (disk full?): what was written before is all there is");
        status = EXIT_ABORTED;
    }
done:
    for (size_t i = 0; i < r.n; i++) free(paths[i]);
    free(paths);
    free(r.results);
    cli_engine_destroy(&engine);
    cli_web_done();
    return status;
}

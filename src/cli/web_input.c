/*
 * web_input.c: what `rasd analyze` and `rasd watch` share about articles
 * that arrive as HTML pages, feeds, http(s) URLs or collections of records
 * (JSON, JSON Lines, zip archives: the corpus readers of
 * src/corpus/reader.h) rather than one plain-text article per file:
 * telling such inputs apart (a URL; a file by extension, else by its first
 * bytes), fetching URLs, reading them into
 * articles (src/corpus/html.c, feed.c), and turning an article into the
 * analysis JSON line, its title as the document's first line, as the plain
 * text reader would have it.
 */
#include "cli.h"
#include "corpus/boilerplate.h"
#include "corpus/feed.h"
#include "corpus/fetch.h"
#include "corpus/html.h"
#include "corpus/reader.h"
#include "core/internal.h"
#include "extract/dates.h"
#include "extract/numbers.h"
#include "ner/ner.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static rasd_boilerplate *web_bp;

bool cli_web_init(const char *data_dir) {
    rasd_error err = {0};
    if (web_bp) return true;
    if (!(web_bp = rasd_boilerplate_load(data_dir, &err))) cli_error("%s", err.message);
    return web_bp != NULL;
}

void cli_web_done(void) {
    rasd_boilerplate_destroy(web_bp);
    web_bp = NULL;
}

const rasd_boilerplate *cli_web_boilerplate(void) { return web_bp; }

static bool has_ext(const char *path, const char *ext) {
    size_t n = strlen(path), e = strlen(ext);
    return n > e && !strcasecmp(path + n - e, ext);
}

typedef enum web_kind { WEB_NONE, WEB_HTML, WEB_FEED, WEB_RECORDS } web_kind;

static web_kind kind_of(const char *path, const char *head, size_t len) {
    if (has_ext(path, ".json") || has_ext(path, ".jsonl") || has_ext(path, ".ndjson") || has_ext(path, ".zip"))
        return WEB_RECORDS;
    if (has_ext(path, ".html") || has_ext(path, ".htm") || has_ext(path, ".xhtml")) return WEB_HTML;
    if (has_ext(path, ".rss") || has_ext(path, ".atom") || has_ext(path, ".xml")) return WEB_FEED;
    if (head && rasd_looks_like_feed(head, len)) return WEB_FEED;
    if (head && rasd_looks_like_html(head, len)) return WEB_HTML;
    return WEB_NONE;
}

static bool is_url(const char *path) {
    return !strncasecmp(path, "http://", 7) || !strncasecmp(path, "https://", 8);
}

bool cli_is_web_input(const char *path) {
    if (is_url(path)) return true;
    if (!strcmp(path, "-") || has_ext(path, ".txt")) return false;
    if (kind_of(path, NULL, 0) != WEB_NONE) return true;
    rasd_error err = {0};
    if (rasd_reader_check_file(path, &err) != RASD_OK) return false; /* never opened: the plain reader refuses it */
    FILE *f = fopen(path, "rb");
    if (!f) return false; /* the plain reader reports it */
    char head[4096];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return kind_of(path, head, n) != WEB_NONE;
}

rasd_status cli_article_json(rasd_analyzer *an, const rasd_article *a, const rasd_read_options *read,
                             const rasd_analysis_options *aopt, char **json, size_t *json_len, rasd_error *err) {
    rasd_buf b = {0};
    if (a->title) {
        /* the title on one line: the document's first line is its title */
        for (const char *p = a->title; *p; p++) rasd_buf_putc(&b, *p == '\n' || *p == '\r' ? ' ' : *p);
        rasd_buf_append(&b, "\n\n", 2);
    }
    if (a->text) rasd_buf_append(&b, a->text, a->len);
    if (b.oom) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", a->origin);
    }
    rasd_document doc;
    rasd_status st = rasd_document_from_buffer(a->origin, b.data ? b.data : "", b.len, read, &doc, err);
    rasd_buf_free(&b);
    if (st != RASD_OK) return st;
    rasd_analysis_options o = *aopt;
    /* what the page or feed says about itself wins over the command line's
     * defaults for the whole run */
    if (a->source) o.source = a->source;
    if (a->published && rasd_valid_date(a->published)) o.published = a->published;
    st = rasd_analysis_json(an, &doc, &o, json, json_len, err);
    rasd_document_destroy(&doc);
    return st;
}

typedef struct web_run {
    rasd_analyzer *an;
    const rasd_read_options *read;
    const rasd_analysis_options *aopt;
    rasd_buf out;
    rasd_buf warnings;
    size_t articles;
    size_t skipped; /* records that failed (not those without text) */
    bool filter_bodies; /* records: their bodies go through the boilerplate filter, as in rasd ingest */
} web_run;

static void add_warning(web_run *w, const char *msg) {
    if (w->warnings.len) rasd_buf_append(&w->warnings, "\nrasd: warning: ", 16);
    rasd_buf_append(&w->warnings, msg, strlen(msg));
}

/* A record's body less its boilerplate lines (the HTML and feed readers
 * filter theirs themselves). */
static rasd_status filter_body(rasd_article *a, rasd_error *err) {
    if (!web_bp || !a->text || !a->len) return RASD_OK;
    rasd_boilerplate_result r;
    rasd_status st = rasd_boilerplate_filter(web_bp, a->text, a->len, &r, err);
    if (st != RASD_OK) return st;
    if (r.n_removed) {
        free(a->text);
        a->text = r.text;
        a->len = r.len;
        r.text = NULL;
    }
    rasd_boilerplate_result_free(&r);
    return RASD_OK;
}

static bool on_web_article(void *ctx, rasd_article *a) {
    web_run *w = ctx;
    rasd_error err = {0};
    char *json = NULL;
    size_t len = 0;
    if ((!w->filter_bodies || filter_body(a, &err) == RASD_OK) &&
        cli_article_json(w->an, a, w->read, w->aopt, &json, &len, &err) == RASD_OK) {
        rasd_buf_append(&w->out, json, len);
        w->articles++;
    } else {
        add_warning(w, err.message);
        if (err.code != RASD_ERR_EMPTY) w->skipped++;
    }
    free(json);
    return !w->out.oom;
}

static void on_web_skip(void *ctx, const rasd_error *err) {
    web_run *w = ctx;
    add_warning(w, err->message);
    if (err->code != RASD_ERR_EMPTY) w->skipped++;
}

static char *read_file(const char *path, size_t max, size_t *len, rasd_error *err) {
    if (rasd_reader_check_file(path, err) != RASD_OK) return NULL; /* a FIFO would block the open */
    FILE *f = fopen(path, "rb");
    if (!f) {
        rasd_fail(err, RASD_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    rasd_buf b = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= max) rasd_buf_append(&b, chunk, got);
    bool bad = ferror(f);
    fclose(f);
    if (bad || b.oom || b.len > max) {
        if (bad) rasd_fail(err, RASD_ERR_IO, "%s: read error", path);
        else if (b.oom) rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", path);
        else rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: over the limit of %zu bytes", path, max);
        rasd_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.data ? b.data : calloc(1, 1);
}

bool cli_analyze_web(rasd_analyzer *an, const char *path, const rasd_read_options *read,
                     const rasd_analysis_options *aopt, bool filter_records, char **json, size_t *json_len,
                     char **warning, size_t *skipped, char **error) {
    rasd_error err = {0};
    size_t max = read->max_bytes ? read->max_bytes : RASD_DEFAULT_MAX_BYTES, len = 0;
    char *data = NULL;
    rasd_fetch_result res = {0};
    web_kind kind = WEB_NONE;
    if (is_url(path)) {
        /* a URL: fetched, and read by what the server says it sent (else
         * by its first bytes) */
        rasd_fetch_options fo = {.max_bytes = max};
        if (rasd_fetch(path, &fo, &res, &err) == RASD_OK) {
            data = res.body, len = res.len;
            const char *ct = res.content_type ? res.content_type : "";
            if (strstr(ct, "html")) kind = WEB_HTML;
            else if (strstr(ct, "xml") || strstr(ct, "rss") || strstr(ct, "atom")) kind = WEB_FEED;
            else kind = rasd_looks_like_feed(data, len) ? WEB_FEED : WEB_HTML;
        }
    } else {
        /* a collection of records may be as large as the readers allow
         * (reader.h), each record within the per-article limit */
        bool records = kind_of(path, NULL, 0) == WEB_RECORDS;
        if ((data = read_file(path, records ? max * 16 : max, &len, &err)) != NULL) kind = kind_of(path, data, len);
    }
    if (!data) {
        *error = strdup(err.message);
        return false;
    }
    web_run w = {an, read, aopt, {0}, {0}, 0, 0, false};
    rasd_status st;
    if (kind == WEB_RECORDS) {
        w.filter_bodies = filter_records;
        rasd_reader_options ro = {.source = aopt->source, .max_bytes = max * 16, .boilerplate = web_bp};
        rasd_reader_sink sink = {.on_article = on_web_article, .on_skip = on_web_skip, .ctx = &w};
        st = rasd_read_buffer(path, data, len, &ro, &sink, &err);
        rasd_reader_sink_done(&sink);
    } else if (kind == WEB_FEED) {
        rasd_feed_options fo = {.max_bytes = max, .charset = res.charset, .base_url = res.final_url, .bp = web_bp};
        st = rasd_feed_read(path, data, len, &fo, on_web_article, on_web_skip, &w, NULL, &err);
    } else {
        rasd_article a;
        rasd_html_options ho = {.bp = web_bp, .max_bytes = max, .charset = res.charset, .url = res.final_url};
        st = rasd_html_read(path, data, len, &ho, &a, &err);
        if (st == RASD_OK) on_web_article(&w, &a);
        rasd_article_clear(&a);
    }
    if (res.body) rasd_fetch_result_free(&res);
    else free(data);
    if (st == RASD_OK && w.articles == 0 && !w.out.oom)
        st = rasd_fail(&err, RASD_ERR_EMPTY, "%s: no article could be analysed", path);
    if (w.warnings.len) *warning = strndup(w.warnings.data, w.warnings.len);
    *skipped = w.skipped;
    rasd_buf_free(&w.warnings);
    if (st != RASD_OK || w.out.oom) {
        *error = strdup(w.out.oom ? "out of memory" : err.message);
        rasd_buf_free(&w.out);
        return false;
    }
    *json = w.out.data;
    *json_len = w.out.len;
    return true;
}

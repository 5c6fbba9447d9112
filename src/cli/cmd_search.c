/*
 * cmd_search.c: `rasd search QUERY`: full-text search of the store, ranked
 * by BM25 (title weighted above the body), with the matched words marked
 * in a snippet of the original text. A table on a terminal; JSON Lines
 * (yajl) or CSV for programs.
 */
#include "cli.h"
#include "core/internal.h"
#include "storage/store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>

static const char USAGE[] =
    "usage: rasd search [options] QUERY...\n"
    "  Finds stored articles (rasd ingest) by their words, as rasd reads them: letter\n"
    "  variants, diacritics, clitics and word forms match (داعش finds لداعش).\n"
    "  Words must all match; \"a phrase\" in quotes, OR, NOT, NEAR() and prefix* work too.\n"
    "  --db PATH|URL  the database: a SQLite file or a postgres:// URL\n"
    "                 (default: $RASD_DB, else ./rasd.db)\n"
    "  --limit N      at most N results (default 20)\n"
    "  --outlet NAME  only articles of this outlet (source)\n"
    "  --since DATE   only articles published on or after DATE (YYYY-MM-DD)\n"
    "  --until DATE   only articles published on or before DATE\n"
    "  --actor ID     only articles that mention this actor (rasd actors lists ids)\n"
    "  --place ID     only articles that mention this place (gn:..., country:SYR)\n"
    "  --json         one JSON object per result per line\n"
    "  --csv          CSV with a header line\n"
    "  --data DIR     rasd's data directory (default: $RASD_DATA or the built-in one)\n"
    "  On a terminal, control characters of the articles' text are shown escaped (\\x1b);\n"
    "  --json and --csv keep the exact text.\n"
    "exit status (docs/cli.md): 0 results found, 1 none, 2 usage error or no database,\n"
    "  3 the database failed\n"
    "example: rasd search --db news.db --since 2015-07-01 \"دير الزور\"\n";

typedef enum output { OUT_TABLE, OUT_JSON, OUT_CSV } output;

typedef struct search_run {
    output out;
    bool color;
    size_t n;
    yajl_gen gen;
} search_run;

static void csv_field(const char *s, bool last) {
    /* RFC 4180 by hand: quote every field, double the quotes inside */
    putchar('"');
    for (; s && *s; s++) {
        if (*s == '"') putchar('"');
        putchar(*s == '\n' || *s == '\r' ? ' ' : *s);
    }
    putchar('"');
    putchar(last ? '\n' : ',');
}

static void gen_str(yajl_gen g, const char *key, const char *v) {
    yajl_gen_string(g, (const unsigned char *)key, strlen(key));
    if (v) yajl_gen_string(g, (const unsigned char *)v, strlen(v));
    else yajl_gen_null(g);
}

static void gen_int(yajl_gen g, const char *key, int64_t v, bool null_if_zero) {
    yajl_gen_string(g, (const unsigned char *)key, strlen(key));
    if (null_if_zero && v == 0) yajl_gen_null(g);
    else yajl_gen_integer(g, (long long)v);
}

/* The marks around matched words on a terminal: two noncharacters the
 * snippet is built with, turned into colour only after the text is
 * escaped, so that the article's own bytes never reach the terminal as
 * escape sequences (cli_term_text) while rasd's colour does. */
#define MARK_OPEN "\xEF\xB7\x90"  /* U+FDD0 */
#define MARK_CLOSE "\xEF\xB7\x91" /* U+FDD1 */

/* Prints s for a terminal (controls escaped), on one line, at most max
 * characters (max 0: all), the marks as colour. */
static void print_shown(const char *s, size_t max, bool color) {
    rasd_buf b = {0};
    cli_term_text(&b, s ? s : "", s ? strlen(s) : 0, true);
    size_t chars = 0;
    for (size_t i = 0; i < b.len; i++) {
        if (color && b.len - i >= 3 && (memcmp(b.data + i, MARK_OPEN, 3) == 0 || memcmp(b.data + i, MARK_CLOSE, 3) == 0)) {
            fputs(b.data[i + 2] == MARK_OPEN[2] ? "\033[1;31m" : "\033[0m", stdout);
            i += 2;
            continue;
        }
        unsigned char c = (unsigned char)b.data[i];
        if (max && (c & 0xC0) != 0x80 && ++chars > max) {
            fputs(color ? "\033[0m…" : "…", stdout);
            break;
        }
        putchar(c);
    }
    rasd_buf_free(&b);
}

static bool print_hit(void *ctx, const rasd_search_hit *h) {
    search_run *r = ctx;
    r->n++;
    char score[32], id[32];
    snprintf(score, sizeof score, "%.4g", h->score);
    snprintf(id, sizeof id, "%lld", (long long)h->id);
    switch (r->out) {
    case OUT_JSON: {
        yajl_gen g = r->gen;
        yajl_gen_map_open(g);
        gen_int(g, "id", h->id, false);
        gen_str(g, "hash", h->hash);
        yajl_gen_string(g, (const unsigned char *)"score", 5);
        yajl_gen_double(g, h->score);
        gen_str(g, "title", h->title);
        gen_str(g, "source", h->source);
        gen_str(g, "published", h->published);
        gen_str(g, "url", h->url);
        gen_str(g, "origin", h->origin);
        gen_str(g, "snippet", h->snippet);
        gen_int(g, "duplicate_of", h->duplicate_of, true);
        gen_int(g, "story", h->story, true);
        yajl_gen_map_close(g);
        const unsigned char *buf;
        size_t len;
        yajl_gen_get_buf(g, &buf, &len);
        fwrite(buf, 1, len, stdout);
        putchar('\n');
        yajl_gen_clear(g);
        yajl_gen_reset(g, NULL);
        break;
    }
    case OUT_CSV:
        csv_field(id, false);
        csv_field(score, false);
        csv_field(h->published, false);
        csv_field(h->source, false);
        csv_field(h->title, false);
        csv_field(h->url ? h->url : h->origin, false);
        csv_field(h->snippet, true);
        break;
    case OUT_TABLE:
        /* the article's title, outlet, snippet and address may hold any
         * bytes: all escaped for the terminal (cli_term_text) */
        printf("%2zu. %s", r->n, r->color ? "\033[1m" : "");
        print_shown(h->title ? h->title : "(no title)", 0, false);
        printf("%s  [", r->color ? "\033[0m" : "");
        print_shown(h->published ? h->published : "no date", 0, false);
        fputs(" | ", stdout);
        print_shown(h->source ? h->source : "no outlet", 0, false);
        printf(" | #%lld%s]\n    ", (long long)h->id, h->duplicate_of ? ", duplicate" : "");
        print_shown(h->snippet, 220, r->color);
        fputs("\n    ", stdout);
        print_shown(h->url ? h->url : h->origin, 0, false);
        printf("  score %s\n", score);
        break;
    }
    return true;
}

int cmd_search(int argc, char **argv) {
    static const struct option LONG[] = {
        {"db", required_argument, 0, 'D'},    {"limit", required_argument, 0, 'n'},
        {"outlet", required_argument, 0, 'o'}, {"since", required_argument, 0, 'S'},
        {"until", required_argument, 0, 'U'}, {"actor", required_argument, 0, 'a'},
        {"place", required_argument, 0, 'p'}, {"json", no_argument, 0, 'J'},
        {"csv", no_argument, 0, 'C'},         {"data", required_argument, 0, 'd'},
        {"help", no_argument, 0, 'h'},        {0, 0, 0, 0},
    };
    rasd_search_query q = {0};
    search_run r = {.out = OUT_TABLE};
    const char *db = NULL, *data_dir = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "n:h", LONG, NULL)) != -1) {
        switch (c) {
        case 'D': db = optarg; break;
        case 'n':
            if (!cli_parse_size("--limit", optarg, &q.limit)) return EXIT_USAGE;
            break;
        case 'o': q.outlet = optarg; break;
        case 'S':
        case 'U':
            if (!rasd_valid_date(optarg)) {
                cli_error("--%s: \"%s\" is not a date written YYYY-MM-DD", c == 'S' ? "since" : "until", optarg);
                return EXIT_USAGE;
            }
            if (c == 'S') q.since = optarg;
            else q.until = optarg;
            break;
        case 'a': q.actor = optarg; break;
        case 'p': q.place = optarg; break;
        case 'J': r.out = OUT_JSON; break;
        case 'C': r.out = OUT_CSV; break;
        case 'd': data_dir = optarg; break;
        case 'h': fputs(USAGE, stdout); return EXIT_ALL_OK;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("search: no query");
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    size_t qlen = 0;
    for (int i = optind; i < argc; i++) qlen += strlen(argv[i]) + 1;
    char *text = malloc(qlen + 1);
    if (!text) return EXIT_USAGE;
    text[0] = '\0';
    for (int i = optind; i < argc; i++) {
        if (i > optind) strcat(text, " ");
        strcat(text, argv[i]);
    }
    q.text = text;
    if (!db || !*db) db = getenv("RASD_DB");
    if (!db || !*db) db = "rasd.db";
    struct stat stb;
    if (!rasd_store_is_pg(db) && stat(db, &stb) != 0) { /* searching must not create an empty database */
        cli_error("%s: no database here (rasd ingest --db %s PATH... makes one)", db, db);
        free(text);
        return EXIT_USAGE;
    }
    int status = EXIT_ALL_OK;
    rasd_error err = {0};
    rasd_lexicon *lex = cli_load_lexicon(data_dir);
    rasd_store *store = lex ? rasd_store_open(db, lex, &err) : NULL;
    if (!store) {
        if (lex) cli_error("%s", err.message);
        status = EXIT_USAGE;
        goto done;
    }
    r.color = r.out == OUT_TABLE && isatty(1);
    q.mark_open = r.color ? MARK_OPEN : r.out == OUT_TABLE ? "«" : "[";
    q.mark_close = r.color ? MARK_CLOSE : r.out == OUT_TABLE ? "»" : "]";
    if (r.out == OUT_JSON) {
        if (!(r.gen = yajl_gen_alloc(NULL))) {
            status = EXIT_ABORTED;
            goto done;
        }
        yajl_gen_config(r.gen, yajl_gen_validate_utf8, 1);
    }
    if (r.out == OUT_CSV) puts("id,score,published,source,title,url,snippet");
    if (rasd_store_search(store, &q, print_hit, &r, &err) != RASD_OK) {
        cli_error("%s", err.message);
        /* a query the index cannot read is the user's to fix; a failing
         * database is not */
        status = err.code == RASD_ERR_USAGE || err.code == RASD_ERR_FORMAT ? EXIT_USAGE : EXIT_ABORTED;
    } else if (r.n == 0) {
        if (r.out == OUT_TABLE) fprintf(stderr, "rasd: no article matches \"%s\"\n", text);
        status = EXIT_INPUT_FAILED;
    }
done:
    if (r.gen) yajl_gen_free(r.gen);
    rasd_store_close(store);
    rasd_lexicon_destroy(lex);
    free(text);
    return status;
}

/*
 * cmd_search.c: `rasd search QUERY`: full-text search of the store, ranked
 * by BM25 (title weighted above the body), with the matched words marked
 * in a snippet of the original text. The answer is the query layer's
 * (rasd_query_search, the JSON of GET /api/search): a table on a
 * terminal, the document with --json, its hits with --jsonl or --csv.
 */
#include "cli.h"
#include "cli_query.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char USAGE[] =
    "usage: rasd search [options] QUERY...\n"
    "  Finds stored articles (rasd ingest) by their words, as rasd reads them: letter\n"
    "  variants, diacritics, clitics and word forms match (داعش finds لداعش).\n"
    "  Words must all match; \"a phrase\" in quotes, OR, NOT, NEAR() and prefix* work too.\n"
    "  --outlet NAME  only articles of this outlet (source)\n"
    "  --since DATE, --until DATE  only articles published in these dates (YYYY-MM-DD, inclusive)\n"
    "  --actor ID     only articles that mention this actor (rasd actors lists ids)\n"
    "  --place ID     only articles that mention this place (gn:..., country:SYR)\n"
    "  --limit N      at most N results (default 20; over 500 asked page by page; all: every one)\n"
    "  --offset N     skip the first N results (default 0)\n"
    "  --json         one JSON document, as GET /api/search answers: {\"query\", \"total\", \"limit\",\n"
    "                 \"offset\", \"items\": [...], \"facets\"}; highlights are byte ranges of the snippet\n"
    "  --jsonl        one JSON object per result per line\n"
    "  --csv          RFC 4180 CSV, a header of the JSON's field names\n"
    "  --db PATH|URL  the database: a SQLite file or a postgres:// URL (default: $RASD_DB, else ./rasd.db)\n"
    "  --data DIR     rasd's data directory (default: $RASD_DATA, else the built-in one)\n"
    "  On a terminal, control characters of the articles' text are shown escaped (\\x1b) and\n"
    "  the matched words marked; on stderr, which results these are (\"showing 1-20 of 345\n"
    "  articles\"). --json, --jsonl and --csv keep the exact text. Conventions: docs/cli.md.\n"
    "Exit status: 0 results found, 1 none, 2 usage error (a query the index cannot read\n"
    "  included) or no database, 3 the database failed\n"
    "Example:\n"
    "  rasd search --db news.db --since 2015-07-01 \"دير الزور\"\n"
    "  rasd search --db news.db --limit all --csv قسد > hits.csv\n";

/* The marks around matched words on a terminal: two noncharacters put
 * into the snippet at its highlights, turned into colour only after the
 * text is escaped, so that the article's own bytes never reach the
 * terminal as escape sequences (cli_term_text) while rasd's colour does. */
#define MARK_OPEN "\xEF\xB7\x90"  /* U+FDD0 */
#define MARK_CLOSE "\xEF\xB7\x91" /* U+FDD1 */

/* Prints s for a terminal (controls escaped), on one line, at most max
 * characters (max 0: all), the marks as colour or as «». */
static void print_shown(const char *s, size_t max, bool color) {
    rasd_buf b = {0};
    cli_term_text(&b, s ? s : "", s ? strlen(s) : 0, true);
    size_t chars = 0;
    for (size_t i = 0; i < b.len; i++) {
        if (b.len - i >= 3 && (memcmp(b.data + i, MARK_OPEN, 3) == 0 || memcmp(b.data + i, MARK_CLOSE, 3) == 0)) {
            bool open = b.data[i + 2] == MARK_OPEN[2];
            fputs(color ? open ? "\033[1;31m" : "\033[0m" : open ? "«" : "»", stdout);
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

static const char *str(json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

/* The snippet with the marks at its highlights ([start, end) bytes). */
static void marked_snippet(json_t *hit, rasd_buf *b) {
    const char *s = str(hit, "snippet");
    size_t len = s ? strlen(s) : 0, at = 0, i;
    json_t *h;
    json_array_foreach(json_object_get(hit, "highlights"), i, h) {
        size_t start = (size_t)json_integer_value(json_array_get(h, 0)), end = (size_t)json_integer_value(json_array_get(h, 1));
        if (start < at || end < start || end > len) continue;
        rasd_buf_append(b, s + at, start - at);
        rasd_buf_append(b, MARK_OPEN, 3);
        rasd_buf_append(b, s + start, end - start);
        rasd_buf_append(b, MARK_CLOSE, 3);
        at = end;
    }
    rasd_buf_append(b, s ? s + at : "", len - at);
    rasd_buf_putc(b, '\0');
}

static void print_table(json_t *doc) {
    bool color = isatty(1);
    size_t i;
    json_t *hit;
    long long offset = json_integer_value(json_object_get(doc, "offset"));
    json_array_foreach(json_object_get(doc, "items"), i, hit) {
        /* the article's title, outlet, snippet and address may hold any
         * bytes: all escaped for the terminal (cli_term_text) */
        printf("%2lld. %s", offset + (long long)i + 1, color ? "\033[1m" : "");
        print_shown(str(hit, "title") ? str(hit, "title") : "(no title)", 0, false);
        printf("%s  [", color ? "\033[0m" : "");
        print_shown(str(hit, "published") ? str(hit, "published") : "no date", 0, false);
        fputs(" | ", stdout);
        print_shown(str(hit, "source") ? str(hit, "source") : "no outlet", 0, false);
        bool dup = json_is_integer(json_object_get(hit, "duplicate_of"));
        printf(" | #%lld%s]\n    ", (long long)json_integer_value(json_object_get(hit, "id")), dup ? ", duplicate" : "");
        rasd_buf b = {0};
        marked_snippet(hit, &b);
        print_shown(b.data, 220, color);
        rasd_buf_free(&b);
        const char *where = str(hit, "url") ? str(hit, "url") : str(hit, "origin");
        if (where) {
            fputs("\n    ", stdout);
            print_shown(where, 0, false);
        }
        printf("  score %.4g\n", json_real_value(json_object_get(hit, "score")));
    }
}

int cmd_search(int argc, char **argv) {
    cli_query_args a;
    int first, status;
    if (!cli_query_args_parse(argc, argv, USAGE, "actor place", &a, NULL, &first, &status)) return status;
    if (first >= argc) {
        cli_error("search: no query");
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    size_t qlen = 0;
    for (int i = first; i < argc; i++) qlen += strlen(argv[i]) + 1;
    char *text = malloc(qlen + 1);
    if (!text) return EXIT_ABORTED;
    text[0] = '\0';
    for (int i = first; i < argc; i++) {
        if (i > first) strcat(text, " ");
        strcat(text, argv[i]);
    }
    a.q.text = text;
    rasd_buf raw = {0};
    json_t *doc = cli_query_list(&a, rasd_query_search, &raw, &status);
    if (doc && a.format == CLI_TABLE) {
        print_table(doc);
        cli_print_showing(&a, doc, "articles");
        status = json_array_size(json_object_get(doc, "items")) ? EXIT_ALL_OK : EXIT_INPUT_FAILED;
    } else if (doc) {
        static const cli_column NONE[] = {{"id", "id", 0}, {"title", "title", 0}, {"snippet", "snippet", 0}};
        status = cli_print_answer(&a, doc, raw.len ? raw.data : NULL, raw.len, NONE, 3, "articles");
    }
    json_decref(doc);
    rasd_buf_free(&raw);
    free(text);
    return status;
}

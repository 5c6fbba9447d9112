/*
 * cmd_export.c: `rasd export`: every stored article with its annotations,
 * or the flat event and quote tables, streamed as JSON Lines or CSV
 * (rasd_export_*), so memory stays flat whatever the store's size.
 */
#include "cli_query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "usage: rasd export [--format FORMAT] [--since D] [--until D] [--outlet NAME] [--limit N] [--offset N]\n"
    "                   [--actor ID] [--target ID] [--cameo PREFIX] [--place ID] [--speaker ID]\n"
    "                   [--db PATH] [--output FILE]\n"
    "  Streams the store, whatever its size, in one of these formats:\n"
    "    jsonl         one JSON object per article with its entities, places, quotes, events\n"
    "                  and framing (the default; --jsonl says the same)\n"
    "    csv           one CSV row per article (--csv says the same)\n"
    "    events-csv    one CSV row per coded event: dates, outlet, URL, title, both sides with\n"
    "                  names and codes, CAMEO code and label, quad class, Goldstein, PLOVER,\n"
    "                  ACLED, flags, place with coordinates, magnitudes, trigger and sentence\n"
    "                  (the columns: docs/events.md)\n"
    "    events-jsonl  the same rows as JSON objects with the same names\n"
    "    quotes-csv    one CSV row per quote: article, speaker, verb, direct or not, the quote\n"
    "  --since/--until: the article's publication date (events: the event's date, else the\n"
    "  publication date). --actor (a source), --target, --cameo (a code prefix) and --place\n"
    "  filter events; --speaker filters quotes; --limit and --offset page the article\n"
    "  formats only. A filter a format does not read is refused. CSV is RFC 4180 with one\n"
    "  header line.\n"
    "Exit status: 0 written, 2 usage error or no database, 3 the store could not be read\n"
    "  or the output written (docs/cli.md)\n"
    "Example:\n"
    "  rasd export --db news.db --format events-csv --cameo 19 > fights.csv\n";

int cmd_export(int argc, char **argv) {
    /* --format, --output, --place and the format shorthands are this
     * command's own; the rest are shared */
    const char *format = NULL, *output = NULL, *place = NULL, *shorthand = NULL;
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest) return EXIT_ABORTED;
    int n = 0;
    bool json_asked = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if ((strcmp(a, "--format") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--place") == 0) && i + 1 < argc) {
            *(a[2] == 'f' ? &format : a[2] == 'o' ? &output : &place) = argv[i + 1];
            i++;
        } else if (strncmp(a, "--format=", 9) == 0) format = a + 9;
        else if (strncmp(a, "--output=", 9) == 0) output = a + 9;
        else if (strncmp(a, "--place=", 8) == 0) place = a + 8;
        else if (strcmp(a, "--csv") == 0) shorthand = "csv";
        else if (strcmp(a, "--jsonl") == 0) shorthand = "jsonl";
        else if (strcmp(a, "--json") == 0) json_asked = true;
        else rest[n++] = argv[i];
    }
    cli_query_args a;
    int first, status;
    bool ok = cli_query_args_parse(n, rest, USAGE, "actor target cameo speaker", &a, NULL, &first, &status);
    if (ok && first < n) {
        cli_error("export: unexpected argument \"%s\"", rest[first]);
        ok = false, status = EXIT_USAGE;
    }
    free(rest);
    if (!ok) return status;
    /* an export is a stream: one JSON document would have to be held whole */
    if (json_asked) {
        cli_error("export: --json is not a format of export; --format jsonl (or --jsonl) writes one JSON object "
                  "per line, --format events-jsonl one per event");
        return EXIT_USAGE;
    }
    if (shorthand && format && strcmp(shorthand, format) != 0) {
        cli_error("export: --%s and --format %s ask for two formats", shorthand, format);
        return EXIT_USAGE;
    }
    if (!format) format = shorthand ? shorthand : "jsonl";
    rasd_export_format f;
    if (!rasd_export_format_parse(format, &f)) {
        cli_error("--format: \"%s\" is not one of " RASD_EXPORT_FORMATS, format);
        return EXIT_USAGE;
    }
    a.q.place = place; /* filters that do not fit the format are refused by rasd_export_open */
    FILE *out = output ? fopen(output, "wb") : stdout;
    if (!out) {
        cli_error("%s: cannot write: %s", output, strerror(errno));
        return EXIT_ABORTED;
    }
    cli_store_target t;
    if (!cli_store_target_init(&t, a.db, a.data_dir, true)) {
        if (output) fclose(out);
        return EXIT_USAGE; /* no database */
    }
    rasd_error err = {0};
    rasd_store *s = cli_store_target_open(&t, &err);
    rasd_export *x = s ? rasd_export_open(s, &a.q, f, &err) : NULL;
    status = EXIT_ALL_OK;
    if (!x) {
        cli_error("%s", err.message);
        status = !s || err.code == RASD_ERR_USAGE ? EXIT_USAGE : EXIT_ABORTED;
    }
    bool done = !x;
    rasd_buf chunk = {0};
    while (!done) {
        chunk.len = 0;
        if (rasd_export_next(x, &chunk, &done, &err) != RASD_OK) {
            cli_error("%s", err.message);
            status = EXIT_ABORTED;
            break;
        }
        if (fwrite(chunk.data ? chunk.data : "", 1, chunk.len, out) != chunk.len) {
            cli_error("%s: write failed", output ? output : "standard output");
            status = EXIT_ABORTED;
            break;
        }
    }
    rasd_buf_free(&chunk);
    rasd_export_close(x);
    rasd_store_close(s);
    cli_store_target_free(&t);
    if (output && fclose(out) != 0) {
        cli_error("%s: write failed", output);
        status = EXIT_ABORTED;
    }
    return status;
}

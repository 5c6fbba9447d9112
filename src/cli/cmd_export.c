/*
 * cmd_export.c: `rasd export`: every stored article with its annotations,
 * streamed as JSON Lines or CSV (rasd_export_*), so memory stays flat
 * whatever the store's size.
 */
#include "cli_query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "usage: rasd export [--format jsonl|csv] [--since D] [--until D] [--outlet NAME] [--limit N]\n"
    "                   [--offset N] [--db PATH] [--output FILE]\n"
    "  Writes every matching article with its entities, places, quotes, events and framing:\n"
    "  one JSON object per line (jsonl, the default), or one CSV row per article.\n";

int cmd_export(int argc, char **argv) {
    /* --format and --output are this command's own; the rest are shared */
    const char *format = "jsonl", *output = NULL;
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest) return EXIT_INPUT_FAILED;
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], "--format") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc) {
            *(argv[i][2] == 'f' ? &format : &output) = argv[i + 1];
            i++;
        } else if (strncmp(argv[i], "--format=", 9) == 0) format = argv[i] + 9;
        else if (strncmp(argv[i], "--output=", 9) == 0) output = argv[i] + 9;
        else rest[n++] = argv[i];
    }
    cli_query_args a;
    int first, status;
    bool ok = cli_query_args_parse(n, rest, USAGE, "", &a, NULL, &first, &status);
    if (ok && first < n) {
        cli_error("export: unexpected argument \"%s\"", rest[first]);
        ok = false, status = EXIT_USAGE;
    }
    free(rest);
    if (!ok) return status;
    rasd_export_format f;
    if (strcmp(format, "jsonl") == 0) f = RASD_EXPORT_JSONL;
    else if (strcmp(format, "csv") == 0) f = RASD_EXPORT_CSV;
    else {
        cli_error("--format: \"%s\" is neither jsonl nor csv", format);
        return EXIT_USAGE;
    }
    FILE *out = output ? fopen(output, "wb") : stdout;
    if (!out) {
        cli_error("%s: cannot write: %s", output, strerror(errno));
        return EXIT_INPUT_FAILED;
    }
    cli_store_target t;
    if (!cli_store_target_init(&t, a.db, a.data_dir, true)) {
        if (output) fclose(out);
        return EXIT_INPUT_FAILED;
    }
    rasd_error err = {0};
    rasd_store *s = cli_store_target_open(&t, &err);
    rasd_export *x = s ? rasd_export_open(s, &a.q, f, &err) : NULL;
    status = EXIT_ALL_OK;
    if (!x) {
        cli_error("%s", err.message);
        status = EXIT_INPUT_FAILED;
    }
    bool done = !x;
    rasd_buf chunk = {0};
    while (!done) {
        chunk.len = 0;
        if (rasd_export_next(x, &chunk, &done, &err) != RASD_OK) {
            cli_error("%s", err.message);
            status = EXIT_INPUT_FAILED;
            break;
        }
        if (fwrite(chunk.data ? chunk.data : "", 1, chunk.len, out) != chunk.len) {
            cli_error("%s: write failed", output ? output : "standard output");
            status = EXIT_INPUT_FAILED;
            break;
        }
    }
    rasd_buf_free(&chunk);
    rasd_export_close(x);
    rasd_store_close(s);
    cli_store_target_free(&t);
    if (output && fclose(out) != 0) {
        cli_error("%s: write failed", output);
        status = EXIT_INPUT_FAILED;
    }
    return status;
}

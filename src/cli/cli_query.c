/*
 * cli_query.c: the store, the options and the printer the query commands
 * share (see cli_query.h). The printer reads the same JSON the server
 * sends, so a terminal, a script and the web interface see one answer.
 */
#include "cli_query.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

bool cli_store_target_init(cli_store_target *t, const char *db, const char *data_dir, bool must_exist) {
    memset(t, 0, sizeof *t);
    if (!db || !*db) db = getenv("RASD_DB");
    if (!db || !*db) db = "rasd.db";
    t->path = db;
    struct stat st;
    /* a PostgreSQL URL names no file: opening it tells whether it is there */
    if (must_exist && !rasd_store_is_pg(db) && stat(db, &st) != 0) {
        cli_error("%s: no database here (`rasd ingest --db %s FILES...` builds one)", db, db);
        return false;
    }
    if (!(t->lex = cli_load_lexicon(data_dir))) return false;
    return true;
}

rasd_store *cli_store_target_open(void *target, rasd_error *err) {
    cli_store_target *t = target;
    return rasd_store_open(t->path, t->lex, err);
}

void cli_store_target_free(cli_store_target *t) {
    rasd_lexicon_destroy(t->lex);
    t->lex = NULL;
}

/* ---------------------------------------------------------------- options */

static bool wants(const char *extra, const char *name) {
    size_t n = strlen(name);
    for (const char *p = extra ? strstr(extra, name) : NULL; p; p = strstr(p + 1, name))
        if ((p == extra || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return true;
    return false;
}

bool cli_query_args_parse(int argc, char **argv, const char *usage, const char *extra, cli_query_args *a,
                          bool *top, int *first, int *status) {
    enum { O_DB = 256, O_DATA, O_JSON, O_CSV, O_LIMIT, O_OFFSET, O_SINCE, O_UNTIL, O_OUTLET, O_ACTOR, O_TARGET,
           O_CAMEO, O_SPEAKER, O_TYPE, O_TOP, O_PLACE, O_COUNTRY, O_JSONL, O_HELP };
    static const struct option LONG[] = {
        {"db", required_argument, 0, O_DB},         {"data", required_argument, 0, O_DATA},
        {"json", no_argument, 0, O_JSON},           {"csv", no_argument, 0, O_CSV},
        {"limit", required_argument, 0, O_LIMIT},   {"offset", required_argument, 0, O_OFFSET},
        {"since", required_argument, 0, O_SINCE},   {"until", required_argument, 0, O_UNTIL},
        {"outlet", required_argument, 0, O_OUTLET}, {"actor", required_argument, 0, O_ACTOR},
        {"target", required_argument, 0, O_TARGET}, {"cameo", required_argument, 0, O_CAMEO},
        {"speaker", required_argument, 0, O_SPEAKER}, {"type", required_argument, 0, O_TYPE},
        {"top", no_argument, 0, O_TOP},             {"place", required_argument, 0, O_PLACE},
        {"country", required_argument, 0, O_COUNTRY}, {"jsonl", no_argument, 0, O_JSONL},
        {"help", no_argument, 0, O_HELP},
        {0, 0, 0, 0},
    };
    memset(a, 0, sizeof *a);
    if (top) *top = false;
    int c, idx;
    optind = 1;
    /* options may follow the positional argument (rasd story 12 --json) */
    while ((c = getopt_long(argc, argv, "h", LONG, &idx)) != -1) {
        const char *name = c >= O_DB && c < O_HELP ? LONG[c - O_DB].name : "";
        bool own = c == O_ACTOR || c == O_TARGET || c == O_CAMEO || c == O_SPEAKER || c == O_TYPE || c == O_TOP ||
                   c == O_PLACE || c == O_COUNTRY;
        if (own && !wants(extra, name)) {
            cli_error("--%s: not an option of this command", name);
            c = '?';
        }
        switch (c) {
        case O_DB: a->db = optarg; break;
        case O_DATA: a->data_dir = optarg; break;
        case O_JSON:
        case O_JSONL:
        case O_CSV: {
            cli_format f = c == O_JSON ? CLI_JSON : c == O_JSONL ? CLI_JSONL : CLI_CSV;
            if (a->format != CLI_TABLE && a->format != f) {
                cli_error("--json, --jsonl and --csv: one output format at a time");
                goto bad;
            }
            a->format = f;
            break;
        }
        case O_LIMIT:
            /* "all": every row, however many (asked page by page) */
            if (strcmp(optarg, "all") == 0) a->q.limit = SIZE_MAX / 2;
            else if (!cli_parse_size("--limit", optarg, &a->q.limit)) goto bad;
            break;
        case O_OFFSET:
            if (strcmp(optarg, "0") != 0 && !cli_parse_size("--offset", optarg, &a->q.offset)) goto bad;
            break;
        case O_SINCE: a->q.since = optarg; break;
        case O_UNTIL: a->q.until = optarg; break;
        case O_OUTLET: a->q.outlet = optarg; break;
        case O_ACTOR: a->q.actor = optarg; break;
        case O_TARGET: a->q.target = optarg; break;
        case O_CAMEO: a->q.cameo = optarg; break;
        case O_SPEAKER: a->q.speaker = optarg; break;
        case O_TYPE: a->q.type = optarg; break;
        case O_PLACE: a->q.place = optarg; break;
        case O_COUNTRY: a->country = optarg; break;
        case O_TOP:
            if (top) *top = true;
            break;
        case 'h':
        case O_HELP:
            fputs(usage, stdout);
            *status = EXIT_ALL_OK;
            return false;
        default: goto bad;
        }
    }
    rasd_error err = {0};
    /* a limit over the store's page is asked page by page (cli_query_list) */
    rasd_query page = a->q;
    if (page.limit > RASD_QUERY_MAX_LIMIT) page.limit = RASD_QUERY_MAX_LIMIT;
    if (rasd_query_check(&page, &err) != RASD_OK) {
        cli_error("%s", err.message);
        goto bad;
    }
    *first = optind;
    return true;
bad:
    fputs(usage, stderr);
    *status = EXIT_USAGE;
    return false;
}

/* ---------------------------------------------------------------- printer */

/* The member at a dotted path, or NULL. */
static json_t *at_path(json_t *v, const char *path) {
    char key[64];
    while (v && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof key) return NULL;
        memcpy(key, path, n);
        key[n] = '\0';
        v = json_is_object(v) ? json_object_get(v, key) : NULL;
        path += n + (path[n] == '.');
    }
    return v;
}

static void cell_text(json_t *v, rasd_buf *b, const char *sep) {
    char num[64];
    if (json_is_string(v)) rasd_buf_append(b, json_string_value(v), json_string_length(v));
    else if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        rasd_buf_append(b, num, strlen(num));
    } else if (json_is_real(v)) {
        /* CSV ("|" joins its lists) keeps every digit and JSON's true/false */
        snprintf(num, sizeof num, *sep == '|' ? "%.17g" : "%.6g", json_real_value(v));
        rasd_buf_append(b, num, strlen(num));
    } else if (json_is_true(v)) rasd_buf_append(b, *sep == '|' ? "true" : "yes", *sep == '|' ? 4 : 3);
    else if (json_is_false(v)) rasd_buf_append(b, *sep == '|' ? "false" : "no", *sep == '|' ? 5 : 2);
    else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            if (i) rasd_buf_append(b, sep, strlen(sep));
            cell_text(x, b, sep);
        }
    } else if (json_is_object(v)) {
        /* an object in a cell: its first string member (a name) */
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x) if (json_is_string(x)) {
            cell_text(x, b, sep);
            break;
        }
    }
}

/* Terminal cells of s, and the byte length of its longest prefix that
 * fits in max cells (max < 0: no cap). Line breaks and tabs become spaces
 * in the caller. */
static int cells(const char *s, size_t len, int max, size_t *fit) {
    int w = 0;
    size_t i = 0;
    *fit = len;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) n = 1, cp = 0xFFFD;
        int cw = utf8proc_charwidth(cp);
        if (max >= 0 && w + cw > max) {
            *fit = i;
            return w;
        }
        w += cw;
        i += (size_t)n;
    }
    return w;
}

static void csv_cell(FILE *out, const char *s) {
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"') fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
}

/* A member CSV can hold: a value, null, or a list of values. */
static bool csv_value(json_t *v) {
    if (!json_is_array(v)) return !json_is_object(v);
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) if (json_is_array(x) || json_is_object(x)) return false;
    return true;
}

/* CSV of the items' own fields: the union of their members that hold
 * values, in the order first met, so the header is the JSON's names. */
static void print_csv(FILE *out, json_t *items, const cli_column *cols, size_t n_cols) {
    json_t *fields = json_array(), *o, *v;
    size_t i, j;
    const char *k;
    json_array_foreach(items, i, o) json_object_foreach(o, k, v) {
        if (!csv_value(v)) continue;
        bool seen = false;
        json_t *f;
        json_array_foreach(fields, j, f) if (strcmp(json_string_value(f), k) == 0) seen = true;
        if (!seen) json_array_append_new(fields, json_string(k));
    }
    if (json_array_size(items) == 0)
        for (size_t c = 0; c < n_cols; c++) json_array_append_new(fields, json_string(cols[c].path));
    size_t n = json_array_size(fields);
    for (j = 0; j < n; j++) {
        csv_cell(out, json_string_value(json_array_get(fields, j)));
        fputs(j + 1 == n ? "\r\n" : ",", out);
    }
    json_array_foreach(items, i, o) {
        for (j = 0; j < n; j++) {
            rasd_buf b = {0};
            /* "|" joins a list, as in rasd export's CSV */
            cell_text(json_object_get(o, json_string_value(json_array_get(fields, j))), &b, "|");
            rasd_buf_putc(&b, '\0');
            csv_cell(out, b.data);
            rasd_buf_free(&b);
            fputs(j + 1 == n ? "\r\n" : ",", out);
        }
    }
    json_decref(fields);
}

void cli_print_rows(FILE *out, json_t *items, const cli_column *cols, size_t n_cols, cli_format format) {
    if (format == CLI_CSV) {
        print_csv(out, items, cols, n_cols);
        return;
    }
    if (format == CLI_JSONL) {
        size_t i;
        json_t *o;
        json_array_foreach(items, i, o) {
            json_dumpf(o, out, JSON_COMPACT);
            fputc('\n', out);
        }
        return;
    }
    size_t n_rows = json_array_size(items);
    /* every cell's text first, to size the columns */
    rasd_buf *cell = calloc((n_rows + 1) * n_cols, sizeof *cell);
    int *width = calloc(n_cols, sizeof *width);
    if (!cell || !width) {
        free(cell);
        free(width);
        cli_error("out of memory printing a table");
        return;
    }
    for (size_t c = 0; c < n_cols; c++) rasd_buf_append(&cell[c], cols[c].header, strlen(cols[c].header));
    for (size_t r = 0; r < n_rows; r++)
        for (size_t c = 0; c < n_cols; c++) {
            rasd_buf *b = &cell[(r + 1) * n_cols + c];
            cell_text(at_path(json_array_get(items, r), cols[c].path), b, ", ");
            /* one line, and no escape sequence reaches the terminal */
            rasd_buf shown = {0};
            cli_term_text(&shown, b->data ? b->data : "", b->len, true);
            rasd_buf_free(b);
            *b = shown;
            rasd_buf_putc(b, '\0');
            b->len--;
        }
    for (size_t r = 0; r <= n_rows; r++)
        for (size_t c = 0; c < n_cols; c++) {
            rasd_buf *b = &cell[r * n_cols + c];
            size_t fit;
            int w = cells(b->data ? b->data : "", b->len, cols[c].max_width ? cols[c].max_width : -1, &fit);
            if (w > width[c]) width[c] = w;
        }
    for (size_t r = 0; r <= n_rows; r++) {
        for (size_t c = 0; c < n_cols; c++) {
            rasd_buf *b = &cell[r * n_cols + c];
            const char *s = b->data ? b->data : "";
            size_t fit;
            int max = cols[c].max_width ? cols[c].max_width : -1;
            int w = cells(s, b->len, max, &fit);
            bool cut = fit < b->len;
            if (cut) { /* room for the ellipsis */
                w = cells(s, b->len, max - 1, &fit);
                fwrite(s, 1, fit, out);
                fputs("…", out);
                w++;
            } else {
                fwrite(s, 1, b->len, out);
            }
            if (c + 1 < n_cols) fprintf(out, "%*s", width[c] - w + 2, "");
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < (n_rows + 1) * n_cols; i++) rasd_buf_free(&cell[i]);
    free(cell);
    free(width);
}

int cli_exit_for(rasd_status st) {
    if (st == RASD_ERR_USAGE) return EXIT_USAGE;
    if (st == RASD_ERR_NOT_FOUND) return EXIT_INPUT_FAILED;
    return EXIT_ABORTED; /* the database or memory failed: nothing to do with the question */
}

void cli_print_showing(const cli_query_args *a, json_t *doc, const char *what) {
    json_t *items = json_object_get(doc, "items");
    /* which rows these are: a default limit is never a silent end */
    long long total = json_integer_value(json_object_get(doc, "total"));
    long long offset = json_integer_value(json_object_get(doc, "offset"));
    long long n = (long long)json_array_size(items);
    if (total == 0) fprintf(stderr, "no %s found\n", what);
    else if (n == 0) fprintf(stderr, "showing none of %lld %s (--offset %lld is past the last)\n", total, what, offset);
    else {
        fprintf(stderr, "showing %lld-%lld of %lld %s", offset + 1, offset + n, total, what);
        if (offset + n < total && !a->q.limit)
            fprintf(stderr, " (the default limit, %d: --limit N or --limit all for more)", RASD_QUERY_DEFAULT_LIMIT);
        else if (offset + n < total)
            fprintf(stderr, " (--offset %lld for the next)", offset + n);
        fputc('\n', stderr);
    }
}

int cli_print_answer(const cli_query_args *a, json_t *doc, const char *raw, size_t raw_len, const cli_column *cols,
                     size_t n_cols, const char *what) {
    json_t *items = json_object_get(doc, "items");
    if (!json_is_array(items)) {
        cli_error("the store's answer is not a list");
        return EXIT_ABORTED;
    }
    if (a->format == CLI_JSON) {
        if (raw) {
            fwrite(raw, 1, raw_len, stdout);
        } else {
            json_dumpf(doc, stdout, JSON_COMPACT);
        }
        fputc('\n', stdout);
    } else {
        cli_print_rows(stdout, items, cols, n_cols, a->format);
        cli_print_showing(a, doc, what);
    }
    return json_array_size(items) ? EXIT_ALL_OK : EXIT_INPUT_FAILED; /* asked, and nothing found */
}

json_t *cli_query_list(const cli_query_args *a, cli_list_query fn, rasd_buf *raw, int *status) {
    cli_store_target t;
    if (!cli_store_target_init(&t, a->db, a->data_dir, true)) {
        *status = EXIT_USAGE;
        return NULL;
    }
    rasd_error err = {0};
    rasd_store *s = cli_store_target_open(&t, &err);
    if (!s) {
        cli_error("%s", err.message);
        cli_store_target_free(&t);
        *status = EXIT_USAGE; /* no database to ask */
        return NULL;
    }
    size_t want = a->q.limit ? a->q.limit : RASD_QUERY_DEFAULT_LIMIT;
    rasd_query q = a->q;
    json_t *doc = NULL;
    *status = EXIT_ALL_OK;
    size_t pages = 0;
    /* page after page until the limit asked for, or the end */
    for (size_t got = 0;; pages++) {
        q.limit = want - got > RASD_QUERY_MAX_LIMIT ? RASD_QUERY_MAX_LIMIT : want - got;
        raw->len = 0;
        rasd_status st = fn(s, &q, raw, &err);
        if (st != RASD_OK) {
            cli_error("%s", err.message);
            *status = cli_exit_for(st);
            break;
        }
        json_error_t jerr;
        json_t *page = json_loadb(raw->data, raw->len, 0, &jerr);
        json_t *items = json_object_get(page, "items");
        if (!json_is_array(items)) {
            cli_error("the store's answer is not a list (%s)", jerr.text);
            json_decref(page);
            *status = EXIT_ABORTED;
            break;
        }
        size_t n = json_array_size(items);
        got += n;
        q.offset += n;
        if (!doc) {
            doc = page;
        } else {
            json_array_extend(json_object_get(doc, "items"), items);
            json_decref(page);
        }
        if (got >= want || n < q.limit || n == 0) break;
    }
    if (doc && (pages > 0 || want > RASD_QUERY_MAX_LIMIT)) {
        /* pages put together: the document says the limit asked for ("all": the total) */
        raw->len = 0;
        json_t *total = json_object_get(doc, "total");
        json_object_set_new(doc, "limit", json_integer(a->q.limit >= SIZE_MAX / 2 ? json_integer_value(total)
                                                                                   : (json_int_t)want));
    }
    rasd_store_close(s);
    cli_store_target_free(&t);
    if (*status != EXIT_ALL_OK) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

int cli_run_list(const cli_query_args *a, cli_list_query fn, const cli_column *cols, size_t n_cols,
                 const char *what) {
    rasd_buf raw = {0};
    int status;
    json_t *doc = cli_query_list(a, fn, &raw, &status);
    if (doc) status = cli_print_answer(a, doc, raw.len ? raw.data : NULL, raw.len, cols, n_cols, what);
    json_decref(doc);
    rasd_buf_free(&raw);
    return status;
}

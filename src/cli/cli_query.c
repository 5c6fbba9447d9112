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
           O_CAMEO, O_SPEAKER, O_TYPE, O_TOP, O_HELP };
    static const struct option LONG[] = {
        {"db", required_argument, 0, O_DB},         {"data", required_argument, 0, O_DATA},
        {"json", no_argument, 0, O_JSON},           {"csv", no_argument, 0, O_CSV},
        {"limit", required_argument, 0, O_LIMIT},   {"offset", required_argument, 0, O_OFFSET},
        {"since", required_argument, 0, O_SINCE},   {"until", required_argument, 0, O_UNTIL},
        {"outlet", required_argument, 0, O_OUTLET}, {"actor", required_argument, 0, O_ACTOR},
        {"target", required_argument, 0, O_TARGET}, {"cameo", required_argument, 0, O_CAMEO},
        {"speaker", required_argument, 0, O_SPEAKER}, {"type", required_argument, 0, O_TYPE},
        {"top", no_argument, 0, O_TOP},             {"help", no_argument, 0, O_HELP},
        {0, 0, 0, 0},
    };
    memset(a, 0, sizeof *a);
    if (top) *top = false;
    int c, idx;
    optind = 1;
    /* options may follow the positional argument (rasd story 12 --json) */
    while ((c = getopt_long(argc, argv, "h", LONG, &idx)) != -1) {
        const char *name = c >= O_DB && c < O_HELP ? LONG[c - O_DB].name : "";
        bool own = c == O_ACTOR || c == O_TARGET || c == O_CAMEO || c == O_SPEAKER || c == O_TYPE || c == O_TOP;
        if (own && !wants(extra, name)) {
            cli_error("--%s: not an option of this command", name);
            c = '?';
        }
        switch (c) {
        case O_DB: a->db = optarg; break;
        case O_DATA: a->data_dir = optarg; break;
        case O_JSON: a->format = CLI_JSON; break;
        case O_CSV: a->format = CLI_CSV; break;
        case O_LIMIT:
            if (!cli_parse_size("--limit", optarg, &a->q.limit)) goto bad;
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
    if (rasd_query_check(&a->q, &err) != RASD_OK) {
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

static void cell_text(json_t *v, rasd_buf *b) {
    char num[64];
    if (json_is_string(v)) rasd_buf_append(b, json_string_value(v), json_string_length(v));
    else if (json_is_integer(v)) {
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        rasd_buf_append(b, num, strlen(num));
    } else if (json_is_real(v)) {
        snprintf(num, sizeof num, "%.6g", json_real_value(v));
        rasd_buf_append(b, num, strlen(num));
    } else if (json_is_true(v)) rasd_buf_append(b, "yes", 3);
    else if (json_is_false(v)) rasd_buf_append(b, "no", 2);
    else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            if (i) rasd_buf_append(b, ", ", 2);
            cell_text(x, b);
        }
    } else if (json_is_object(v)) {
        /* an object in a cell: its first string member (a name) */
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x) if (json_is_string(x)) {
            cell_text(x, b);
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

void cli_print_rows(FILE *out, json_t *items, const cli_column *cols, size_t n_cols, cli_format format) {
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
            cell_text(at_path(json_array_get(items, r), cols[c].path), b);
            if (format == CLI_TABLE) { /* one line, and no escape sequence reaches the terminal */
                rasd_buf shown = {0};
                cli_term_text(&shown, b->data ? b->data : "", b->len, true);
                rasd_buf_free(b);
                *b = shown;
            }
            rasd_buf_putc(b, '\0');
            b->len--;
        }
    if (format == CLI_CSV) {
        for (size_t r = 0; r <= n_rows; r++)
            for (size_t c = 0; c < n_cols; c++) {
                csv_cell(out, cell[r * n_cols + c].data ? cell[r * n_cols + c].data : "");
                fputs(c + 1 == n_cols ? "\r\n" : ",", out);
            }
    } else {
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

int cli_run_list(const cli_query_args *a, cli_list_query fn, const cli_column *cols, size_t n_cols) {
    cli_store_target t;
    if (!cli_store_target_init(&t, a->db, a->data_dir, true)) return EXIT_USAGE;
    rasd_error err = {0};
    rasd_store *s = cli_store_target_open(&t, &err);
    if (!s) {
        cli_error("%s", err.message);
        cli_store_target_free(&t);
        return EXIT_USAGE; /* no database to ask */
    }
    rasd_buf out = {0};
    rasd_status st = fn(s, &a->q, &out, &err);
    rasd_store_close(s);
    cli_store_target_free(&t);
    if (st != RASD_OK) {
        cli_error("%s", err.message);
        rasd_buf_free(&out);
        return cli_exit_for(st);
    }
    int status = EXIT_ALL_OK;
    json_error_t jerr;
    json_t *doc = json_loadb(out.data, out.len, 0, &jerr);
    json_t *items = json_object_get(doc, "items");
    if (a->format == CLI_JSON) {
        fwrite(out.data, 1, out.len, stdout);
        fputc('\n', stdout);
    } else if (!json_is_array(items)) {
        cli_error("the store's answer is not a list (%s)", jerr.text);
        status = EXIT_ABORTED;
    } else {
        cli_print_rows(stdout, items, cols, n_cols, a->format);
        if (a->format == CLI_TABLE)
            fprintf(stderr, "%zu of %lld (offset %lld)\n", json_array_size(items),
                    (long long)json_integer_value(json_object_get(doc, "total")),
                    (long long)json_integer_value(json_object_get(doc, "offset")));
    }
    if (status == EXIT_ALL_OK && json_is_array(items) && json_array_size(items) == 0)
        status = EXIT_INPUT_FAILED; /* asked, and nothing found */
    json_decref(doc);
    rasd_buf_free(&out);
    return status;
}

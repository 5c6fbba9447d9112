/*
 * cmd_serve.c: `rasd serve`: the JSON API and the web interface over a
 * store, on loopback by default, read-only unless --allow-ingest.
 * SIGINT and SIGTERM stop it cleanly: requests in flight finish, the
 * stores close.
 */
#include "cli.h"
#include "cli/engine.h"
#include "cli_query.h"
#include "server/ingest_post.h"
#include "server/server.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char USAGE[] =
    "usage: rasd serve [--db PATH] [--port 8080] [--bind 127.0.0.1] [--threads N] [--allow-ingest]\n"
    "  Serves the JSON API (/api/..., docs/api.md) and the web interface (/) over a store.\n"
    "  --db PATH|URL        the database: a SQLite file or a postgres:// URL (default: $RASD_DB, else rasd.db)\n"
    "  --port N             TCP port (default 8080; 0: any free port, printed on start)\n"
    "  --bind ADDR          address to listen on (default 127.0.0.1, loopback only)\n"
    "  --threads N          serving threads (default 4)\n"
    "  --public-host NAME   a host name clients use to reach this server (repeatable); requests whose\n"
    "                       Host is not an IP address, localhost or such a name get 421 (DNS rebinding)\n"
    "  --max-per-client N   simultaneous connections from one client address (default 64)\n"
    "  --timeout S          seconds a connection may stay silent, headers unfinished or idle (default 5)\n"
    "  --allow-ingest       accept POST /api/ingest (read-only otherwise): Content-Type application/json,\n"
    "                       from this server's own origin (or no Origin) only\n"
    "  --ingest-token T     POST /api/ingest also needs \"Authorization: Bearer T\" (default: $RASD_INGEST_TOKEN);\n"
    "                       required with --allow-ingest when --bind is not loopback\n"
    "  --data DIR           rasd's data directory (actor records; the analysis of ingested articles)\n"
    "  --access-log FILE    append the access log to FILE (one line per request: time UTC, client, method,\n"
    "                       path with query, status, bytes, ms)\n"
    "  --quiet              no access log on stderr\n"
    "  --no-cache           compute every answer (by default read answers are kept, 128 MB, while the\n"
    "                       store is unchanged: a SQLite file's change is seen at once, PostgreSQL's within 5 s)\n"
    "  Responses are gzipped for clients that send Accept-Encoding: gzip.\n"
    "Exit status: 0 stopped by SIGINT or SIGTERM, 1 the server could not start (no database,\n"
    "  the port taken, the store failing, the access log not writable), 2 usage error (also\n"
    "  --allow-ingest beyond loopback without a token)\n"
    "Example:\n"
    "  rasd serve --db news.db --port 8080 --access-log serve.log\n";

/* The pool's stores: the command's store, set up as a reader. */
typedef struct serve_target {
    cli_store_target store;
    bool read_only;
} serve_target;

static rasd_store *open_reader(void *ctx, rasd_error *err) {
    serve_target *t = ctx;
    rasd_store *s = cli_store_target_open(&t->store, err);
    if (s && rasd_query_reader_setup(s, t->read_only, err) != RASD_OK) {
        rasd_store_close(s);
        return NULL;
    }
    return s;
}

/* A store whose last ingest was stopped before its settle committed
 * serves stories and duplicate links that depend on the order articles
 * came in: said once at start, with the command that settles it (the
 * server itself never settles: it rewrites the whole store). */
static void warn_if_unsettled(serve_target *t) {
    struct stat sb;
    if (!rasd_store_is_pg(t->store.path) && stat(t->store.path, &sb) != 0) return; /* a new store owes nothing */
    rasd_error err = {0};
    rasd_store *s = cli_store_target_open(&t->store, &err);
    bool owed = false;
    if (s && rasd_ingest_settle_owed(s, &owed, &err) == RASD_OK && owed)
        cli_warning("%s: an ingest was stopped before its settle committed, so stories and duplicate links are "
                    "not final; `rasd ingest --db %s --settle` finishes it",
                    t->store.path, t->store.path);
    rasd_store_close(s);
}

/* A SQLite store's version for the answer cache: its file's and its
 * write-ahead log's size and time of change, which every commit moves
 * (whoever writes: this server or a `rasd ingest` beside it). */
static uint64_t file_stamp(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) return 0;
    return (uint64_t)st.st_size * 0x100000001b3ull ^ (uint64_t)st.st_mtim.tv_sec * 1000000007ull ^
           (uint64_t)st.st_mtim.tv_nsec;
}

static uint64_t sqlite_version(void *ctx) {
    const char *path = ctx;
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", path);
    return file_stamp(path) * 31 + file_stamp(wal);
}

/* The database for the start line: a PostgreSQL URL's password (the
 * user:password@ part) shown as ***, since the line goes to logs. */
static void print_database(FILE *f, const char *target) {
    const char *auth = rasd_store_is_pg(target) ? strstr(target, "://") : NULL;
    const char *at = auth ? strchr(auth + 3, '@') : NULL, *slash = auth ? strchr(auth + 3, '/') : NULL;
    const char *colon = at && (!slash || at < slash) ? memchr(auth + 3, ':', (size_t)(at - auth - 3)) : NULL;
    if (colon) fprintf(f, "%.*s***%s", (int)(colon + 1 - target), target, at);
    else fputs(target, f);
}

int cmd_serve(int argc, char **argv) {
    static const struct option LONG[] = {
        {"db", required_argument, 0, 'D'},   {"port", required_argument, 0, 'p'},
        {"bind", required_argument, 0, 'b'}, {"threads", required_argument, 0, 't'},
        {"allow-ingest", no_argument, 0, 'i'}, {"data", required_argument, 0, 'd'},
        {"quiet", no_argument, 0, 'q'},      {"help", no_argument, 0, 'h'},
        {"public-host", required_argument, 0, 'H'}, {"max-per-client", required_argument, 0, 'm'},
        {"timeout", required_argument, 0, 'T'}, {"ingest-token", required_argument, 0, 'k'},
        {"access-log", required_argument, 0, 'L'}, {"no-cache", no_argument, 0, 'C'},
        {0, 0, 0, 0},
    };
    enum { MAX_PUBLIC = 16 };
    const char *public_hosts[MAX_PUBLIC];
    size_t n_public = 0, max_per_client = 64, timeout = 5;
    const char *token = getenv("RASD_INGEST_TOKEN"), *access_log = NULL;
    bool no_cache = false;
    const char *db = NULL, *bind = "127.0.0.1", *data_dir = NULL;
    size_t port = 8080, threads = 4;
    bool allow_ingest = false, quiet = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+h", LONG, NULL)) != -1) {
        switch (c) {
        case 'D': db = optarg; break;
        case 'p':
            if (strcmp(optarg, "0") == 0) port = 0;
            else if (!cli_parse_size("--port", optarg, &port)) return EXIT_USAGE;
            if (port > 65535) {
                cli_error("--port: %zu is not a TCP port", port);
                return EXIT_USAGE;
            }
            break;
        case 'b': bind = optarg; break;
        case 't':
            if (!cli_parse_size("--threads", optarg, &threads)) return EXIT_USAGE;
            if (threads > 256) {
                cli_error("--threads: at most 256");
                return EXIT_USAGE;
            }
            break;
        case 'i': allow_ingest = true; break;
        case 'd': data_dir = optarg; break;
        case 'q': quiet = true; break;
        case 'H':
            if (n_public == MAX_PUBLIC || !*optarg) {
                cli_error("--public-host: at most %d non-empty names", MAX_PUBLIC);
                return EXIT_USAGE;
            }
            public_hosts[n_public++] = optarg;
            break;
        case 'm':
            if (!cli_parse_size("--max-per-client", optarg, &max_per_client)) return EXIT_USAGE;
            if (max_per_client == 0 || max_per_client > 10000) {
                cli_error("--max-per-client: between 1 and 10000");
                return EXIT_USAGE;
            }
            break;
        case 'T':
            if (!cli_parse_size("--timeout", optarg, &timeout)) return EXIT_USAGE;
            if (timeout == 0 || timeout > 3600) {
                cli_error("--timeout: between 1 and 3600 seconds");
                return EXIT_USAGE;
            }
            break;
        case 'k': token = optarg; break;
        case 'L': access_log = optarg; break;
        case 'C': no_cache = true; break;
        case 'h': fputs(USAGE, stdout); return EXIT_ALL_OK;
        default: fputs(USAGE, stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error("serve: unexpected argument \"%s\"", argv[optind]);
        return EXIT_USAGE;
    }
    if (token && !*token) token = NULL;
    bool loopback = strcmp(bind, "127.0.0.1") == 0 || strcmp(bind, "::1") == 0 || strncmp(bind, "127.", 4) == 0;
    if (allow_ingest && !loopback && !token) {
        /* beyond this machine, anyone who reaches the port could write */
        cli_error("serve: --allow-ingest on %s (not loopback) needs --ingest-token (or $RASD_INGEST_TOKEN)", bind);
        return EXIT_USAGE;
    }
    if (!loopback)
        cli_warning("serving on %s, not loopback: anyone who can reach it can read the store%s", bind,
                    allow_ingest ? " and add to it" : "");
    serve_target st = {.read_only = !allow_ingest};
    cli_store_target *target = &st.store;
    if (!cli_store_target_init(target, db, data_dir, !allow_ingest)) return EXIT_INPUT_FAILED;
    warn_if_unsettled(&st);

    rasd_error err = {0};
    rasd_knowledge_options kopt = {data_dir, NULL};
    rasd_knowledge *kn = rasd_knowledge_load(&kopt, &err);
    if (!kn) cli_warning("actor records unavailable: %s", err.message);

    /* --allow-ingest: the engine `rasd ingest` loads, and its defaults
     * (the boilerplate filter on; the analysis line kept, which the
     * article view shows) */
    cli_engine engine = {0};
    rasd_post_ingest *ingest = NULL;
    if (allow_ingest) {
        cli_engine_options eopt = {.data_dir = data_dir, .entities = true, .tagger = true};
        rasd_ingest_options io = {.jobs = 1, .keep_json = true};
        if (cli_engine_load(&engine, &eopt, &io.analysis) && cli_web_init(data_dir)) {
            io.lex = engine.lex;
            io.boilerplate = cli_web_boilerplate();
            if (!(ingest = rasd_post_ingest_new(&io))) cli_error("out of memory");
        }
        if (!ingest) {
            cli_engine_destroy(&engine);
            cli_web_done();
            rasd_knowledge_destroy(kn);
            cli_store_target_free(target);
            return EXIT_INPUT_FAILED;
        }
    }

    /* Block the stop signals in every thread (the daemon's inherit the
     * mask); this thread then waits for one with sigwait. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    rasd_server_options opt = {0};
    opt.http.bind = bind;
    opt.http.port = (unsigned)port;
    opt.http.threads = (unsigned)threads;
    opt.http.quiet = quiet;
    opt.http.timeout_s = (unsigned)timeout;
    opt.http.max_per_client = (unsigned)max_per_client;
    opt.http.public_hosts = public_hosts;
    opt.http.n_public_hosts = n_public;
    opt.http.access_log = access_log;
    opt.ingest_token = allow_ingest ? token : NULL;
    if (no_cache) opt.cache_bytes = SIZE_MAX;
    if (!rasd_store_is_pg(target->path)) { /* PostgreSQL: answers live 5 s */
        opt.store_version = sqlite_version;
        opt.version_ctx = (void *)target->path;
    }
    opt.open_store = open_reader;
    opt.open_ctx = &st;
    opt.knowledge = kn;
    opt.ingest = ingest ? rasd_post_ingest_json : NULL;
    opt.ingest_ctx = ingest;
    rasd_server *srv = rasd_server_start(&opt, &err);
    if (!srv) {
        cli_error("serve: %s", err.message);
        rasd_post_ingest_destroy(ingest);
        cli_engine_destroy(&engine);
        cli_web_done();
        rasd_knowledge_destroy(kn);
        cli_store_target_free(target);
        return err.code == RASD_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT_FAILED;
    }
    printf("rasd serve: http://%s%s%s:%u/ (database ", strchr(bind, ':') ? "[" : "", bind,
           strchr(bind, ':') ? "]" : "", rasd_server_port(srv));
    print_database(stdout, target->path);
    printf("%s); Ctrl-C stops\n", allow_ingest ? ", ingest allowed" : ", read-only");
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "rasd serve: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    rasd_server_stop(srv);
    rasd_post_ingest_destroy(ingest);
    cli_engine_destroy(&engine);
    cli_web_done();
    rasd_knowledge_destroy(kn);
    cli_store_target_free(target);
    return EXIT_ALL_OK;
}

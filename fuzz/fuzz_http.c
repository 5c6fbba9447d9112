/*
 * fuzz_http.c: libFuzzer target for everything `rasd serve` does with a
 * request's bytes before and around a query: route matching, parameter
 * parsing and checks (params.c), the limits and JSON errors of the
 * dispatcher (dispatch.c), and the queries themselves with whatever
 * filters survive, over an empty store in memory.
 *
 * Input: the method on the first line, the path on the second, then one
 * query parameter per line as name=value (bytes as they come, invalid
 * UTF-8 included: libmicrohttpd hands them over decoded). Checks beyond
 * "no crash, no leak": every response has a status between 200 and 599,
 * and every JSON body (all but the embedded assets) is valid JSON, and an
 * error body has error.code and error.message.
 */
#include "server/server.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static rasd_lexicon *lex;
static rasd_server *app;

static rasd_store *memory_store(void *ctx, rasd_error *err) { return rasd_store_open(":memory:", ctx, err); }

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    rasd_error err = {0};
    lex = rasd_lexicon_load(NULL, &err);
    if (!lex) abort();
    rasd_server_options opt = {0};
    opt.http.threads = 1;
    opt.open_store = memory_store;
    opt.open_ctx = lex;
    app = rasd_server_app_new(&opt, &err);
    if (!app) abort();
    return 0;
}

static void check(int cond) {
    if (!cond) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 8192) return 0;
    char *copy = malloc(size + 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    rasd_http_request req = {0};
    char *lines[2 + RASD_HTTP_MAX_PARAMS + 1];
    size_t n = 0;
    for (char *p = copy; p && n < sizeof lines / sizeof lines[0];) {
        lines[n++] = p;
        char *nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        p = nl ? nl + 1 : NULL;
    }
    req.method = n > 0 ? lines[0] : "GET";
    req.path = n > 1 ? lines[1] : "/";
    for (size_t i = 2; i < n; i++) {
        char *eq = strchr(lines[i], '=');
        if (eq) *eq = '\0';
        if (req.n_params == RASD_HTTP_MAX_PARAMS) {
            req.too_many_params = true;
            break;
        }
        req.params[req.n_params++] = (rasd_http_param){lines[i], eq ? eq + 1 : ""};
        req.query_len += strlen(lines[i]) + (eq ? strlen(eq + 1) + 1 : 0) + 1;
    }
    rasd_http_response res;
    rasd_server_handle(app, &req, &res);
    check(res.status >= 200 && res.status < 600);
    if (res.stream_next) {
        /* an export: read it to the end */
        char *chunk;
        size_t len;
        bool more;
        do {
            chunk = NULL, len = 0;
            more = res.stream_next(res.stream_ctx, &chunk, &len);
            free(chunk);
        } while (more);
    } else if (res.content_type && strncmp(res.content_type, "application/json", 16) == 0) {
        json_error_t jerr;
        json_t *doc = json_loadb(res.body, res.len, 0, &jerr);
        check(doc != NULL);
        if (res.status >= 400) {
            json_t *e = json_object_get(doc, "error");
            check(json_is_string(json_object_get(e, "code")) && json_is_string(json_object_get(e, "message")));
        }
        json_decref(doc);
    }
    rasd_http_response_clear(&res);
    free(copy);
    return 0;
}

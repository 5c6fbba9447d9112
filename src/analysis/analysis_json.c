/*
 * analysis_json.c: the JSON line that `rasd analyze` writes for a document,
 * the project's central contract (docs/analyze.schema.json). Later stages
 * (entities, quotes, events, ...) add members; the names here are fixed.
 * JSON is built and serialised with jansson.
 */
#include "core/internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

bool rasd_valid_date(const char *s) {
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    int dim = DAYS[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    return d <= dim;
}

static json_t *span_array(const rasd_span_list *list) {
    json_t *a = json_array();
    for (size_t i = 0; a && i < list->count; i++) {
        json_t *pair = json_array();
        json_array_append_new(pair, json_integer((json_int_t)list->items[i].start));
        json_array_append_new(pair, json_integer((json_int_t)list->items[i].end));
        json_array_append_new(a, pair);
    }
    return a;
}

static json_t *string_n(const char *s, size_t n) { return json_stringn_nocheck(s, n); }

typedef struct token_ctx {
    rasd_analyzer *an;
    const char *text;
    json_t *list;  /* NULL when only counting */
    size_t words;
    bool failed;
} token_ctx;

static void on_token(void *vctx, const rasd_token *tok, size_t sentence) {
    token_ctx *ctx = vctx;
    bool wordish = tok->type == RASD_TOK_WORD || tok->type == RASD_TOK_LATIN;
    if (wordish) ctx->words++;
    if (!ctx->list) return;
    json_t *o = json_object();
    json_object_set_new(o, "start", json_integer((json_int_t)tok->start));
    json_object_set_new(o, "end", json_integer((json_int_t)tok->end));
    json_object_set_new(o, "type", json_string(rasd_token_type_name(tok->type)));
    json_object_set_new(o, "sentence", json_integer((json_int_t)sentence));
    json_object_set_new(o, "surface", string_n(ctx->text + tok->start, tok->end - tok->start));
    rasd_word w;
    if (wordish && rasd_analyze_word(ctx->an, ctx->text, tok->start, tok->end, &w) == RASD_OK) {
        json_object_set_new(o, "norm", string_n(w.norm, w.norm_len));
        json_t *pro = json_array();
        for (int i = 0; i < w.n_proclitics; i++)
            json_array_append_new(pro, string_n(w.proclitic[i], w.proclitic_len[i]));
        json_object_set_new(o, "proclitics", pro);
        json_object_set_new(o, "base", string_n(w.base, w.base_len));
        json_t *bspan = json_array();
        json_array_append_new(bspan, json_integer((json_int_t)w.base_start));
        json_array_append_new(bspan, json_integer((json_int_t)w.base_end));
        json_object_set_new(o, "base_span", bspan);
        json_object_set_new(o, "enclitic", w.enclitic ? string_n(w.enclitic, w.enclitic_len) : json_null());
        json_object_set_new(o, "stem", string_n(w.stem, w.stem_len));
    } else {
        char key[1024];
        size_t kl = rasd_normalize(ctx->text + tok->start, tok->end - tok->start, key, sizeof key);
        json_object_set_new(o, "norm", string_n(key, kl < sizeof key ? kl : strlen(key)));
    }
    if (json_array_append_new(ctx->list, o) != 0) ctx->failed = true;
}

static json_t *nullable_string(const char *s) { return s ? json_string(s) : json_null(); }

rasd_status rasd_analysis_json(rasd_analyzer *an, const rasd_document *doc, const rasd_analysis_options *opt,
                               char **out, size_t *out_len, rasd_error *err) {
    rasd_analysis_options none = {0};
    if (!opt) opt = &none;
    rasd_span_list paragraphs = {0}, sentences = {0};
    token_ctx ctx = {.an = an, .text = doc->text, .list = opt->with_tokens ? json_array() : NULL};
    size_t n_tokens = 0;
    rasd_status st = rasd_segment(an, doc->text, doc->len, &paragraphs, &sentences, &n_tokens, on_token, &ctx);
    json_t *root = NULL;
    if (st != RASD_OK || ctx.failed) goto fail;

    root = json_object();
    json_t *d = json_object();
    json_object_set_new(d, "id", json_string(doc->id));
    json_object_set_new(d, "path", json_string(doc->path));
    json_object_set_new(d, "source", nullable_string(opt->source));
    json_object_set_new(d, "published", nullable_string(opt->published));
    json_object_set_new(d, "title", string_n(doc->text + doc->title.start, doc->title.end - doc->title.start));
    json_t *tspan = json_array();
    json_array_append_new(tspan, json_integer((json_int_t)doc->title.start));
    json_array_append_new(tspan, json_integer((json_int_t)doc->title.end));
    json_object_set_new(d, "title_span", tspan);
    json_object_set_new(root, "doc", d);
    json_object_set_new(root, "text", string_n(doc->text, doc->len));
    json_object_set_new(root, "paragraphs", span_array(&paragraphs));
    json_object_set_new(root, "sentences", span_array(&sentences));
    json_object_set_new(root, "tokens", ctx.list ? ctx.list : json_integer((json_int_t)n_tokens));
    ctx.list = NULL;
    json_t *stats = json_object();
    json_object_set_new(stats, "bytes", json_integer((json_int_t)doc->len));
    json_object_set_new(stats, "chars", json_integer((json_int_t)doc->utf8.chars));
    json_object_set_new(stats, "paragraphs", json_integer((json_int_t)paragraphs.count));
    json_object_set_new(stats, "sentences", json_integer((json_int_t)sentences.count));
    json_object_set_new(stats, "tokens", json_integer((json_int_t)n_tokens));
    json_object_set_new(stats, "words", json_integer((json_int_t)ctx.words));
    json_object_set_new(stats, "invalid_utf8", json_integer((json_int_t)doc->utf8.invalid_count));
    json_object_set_new(root, "stats", stats);

    char *s = json_dumps(root, JSON_COMPACT);
    if (!s) goto fail;
    size_t n = strlen(s);
    char *line = realloc(s, n + 2);
    if (!line) {
        free(s);
        goto fail;
    }
    line[n] = '\n';
    line[n + 1] = '\0';
    *out = line;
    *out_len = n + 1;
    json_decref(root);
    rasd_span_list_free(&paragraphs);
    rasd_span_list_free(&sentences);
    return RASD_OK;
fail:
    json_decref(root);
    json_decref(ctx.list);
    rasd_span_list_free(&paragraphs);
    rasd_span_list_free(&sentences);
    return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory while writing the analysis", doc->path);
}

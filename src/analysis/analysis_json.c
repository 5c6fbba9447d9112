/*
 * analysis_json.c: the JSON line that `rasd analyze` writes for a document,
 * the project's central contract (docs/analyze.schema.json). Later stages
 * (entities, quotes, events, ...) add members; the names here are fixed.
 * JSON is built and serialised with jansson.
 */
#include "core/internal.h"
#include "extract/entities.h"

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

/* Entity extraction takes a sentence at a time; a sentence longer than this
 * is handed over in parts (a name cut at a part's edge is not found). */
#define MAX_SENTENCE_TOKENS 2048

typedef struct token_ctx {
    rasd_analyzer *an;
    const char *text;
    json_t *list;  /* NULL when only counting */
    size_t words;
    bool failed;
    rasd_entity_extractor *x; /* NULL without a knowledge base */
    rasd_token *sent;         /* the current sentence's tokens */
    size_t n_sent, sent_index;
} token_ctx;

static void flush_sentence(token_ctx *ctx) {
    if (ctx->x && ctx->n_sent &&
        rasd_entity_extract_sentence(ctx->x, ctx->sent, ctx->n_sent, ctx->sent_index) != RASD_OK)
        ctx->failed = true;
    ctx->n_sent = 0;
}

static void on_token(void *vctx, const rasd_token *tok, size_t sentence) {
    token_ctx *ctx = vctx;
    bool wordish = tok->type == RASD_TOK_WORD || tok->type == RASD_TOK_LATIN;
    if (ctx->x) {
        if (sentence != ctx->sent_index || ctx->n_sent == MAX_SENTENCE_TOKENS) flush_sentence(ctx);
        ctx->sent_index = sentence;
        ctx->sent[ctx->n_sent++] = *tok;
    }
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
static json_t *nonempty_or_null(const char *s) { return (s && *s) ? json_string(s) : json_null(); }

static json_t *mentions_json(const rasd_knowledge *kn, const char *text, const rasd_mention *m, size_t n) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "start", json_integer((json_int_t)m[i].start));
        json_object_set_new(o, "end", json_integer((json_int_t)m[i].end));
        json_object_set_new(o, "sentence", json_integer((json_int_t)m[i].sentence));
        json_object_set_new(o, "text", string_n(text + m[i].start, m[i].end - m[i].start));
        json_object_set_new(o, "rule", json_string(m[i].rule ? m[i].rule : "kb"));
        if (m[i].label) json_object_set_new(o, "loaded", json_string(kn->labels[m[i].label]));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *entities_json(const rasd_knowledge *kn, const char *text, const rasd_entities *es) {
    json_t *a = json_array();
    for (size_t i = 0; i < es->count; i++) {
        const rasd_entity *e = &es->items[i];
        const rasd_actor *act = e->actor != UINT32_MAX ? &kn->actors[e->actor] : NULL;
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(e->id));
        json_object_set_new(o, "type", json_string(act ? act->type : "person"));
        json_object_set_new(o, "name_ar", act ? nonempty_or_null(act->name_ar) : nullable_string(e->name_ar));
        json_object_set_new(o, "name_en", act ? nonempty_or_null(act->name_en) : json_null());
        json_object_set_new(o, "country", act ? nonempty_or_null(act->country) : nullable_string(e->country));
        if (act && *act->cameo) json_object_set_new(o, "cameo", json_string(act->cameo));
        if (act && act->parent != UINT32_MAX) json_object_set_new(o, "parent", json_string(kn->actors[act->parent].id));
        if (e->title) json_object_set_new(o, "title", json_string(e->title));
        if (e->role) json_object_set_new(o, "role", json_string(e->role));
        if (e->affiliation != UINT32_MAX) json_object_set_new(o, "affiliation", json_string(es->items[e->affiliation].id));
        if (e->byline_role) json_object_set_new(o, "byline", json_string(e->byline_role));
        json_object_set_new(o, "mentions", mentions_json(kn, text, e->mentions, e->n_mentions));
        json_object_set_new(o, "mention_count", json_integer((json_int_t)e->total_mentions));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *coordinate(double v, bool known) { return known ? json_real(v) : json_null(); }

static json_t *places_json(const rasd_knowledge *kn, const char *text, const rasd_entities *es) {
    json_t *a = json_array();
    for (size_t i = 0; i < es->n_places; i++) {
        const rasd_place_hit *h = &es->places[i];
        json_t *o = json_object();
        if (h->place != UINT32_MAX) {
            const rasd_place *p = &kn->places[h->place];
            json_object_set_new(o, "id", json_string(p->id));
            json_object_set_new(o, "name_ar", nonempty_or_null(p->name_ar));
            json_object_set_new(o, "name_en", nonempty_or_null(p->name_en));
            json_object_set_new(o, "lat", json_real(p->lat));
            json_object_set_new(o, "lon", json_real(p->lon));
            json_object_set_new(o, "country", json_string(p->country));
            json_object_set_new(o, "admin1", nonempty_or_null(p->admin1));
            json_object_set_new(o, "feature", nonempty_or_null(p->feature));
        } else { /* a country: placed at its capital, said so in "feature" */
            const rasd_actor *c = &kn->actors[h->actor];
            uint32_t cap = rasd_knowledge_capital(kn, c->country);
            char id[32];
            snprintf(id, sizeof id, "country:%s", c->country);
            json_object_set_new(o, "id", json_string(id));
            json_object_set_new(o, "name_ar", nonempty_or_null(c->name_ar));
            json_object_set_new(o, "name_en", nonempty_or_null(c->name_en));
            json_object_set_new(o, "lat", coordinate(cap != UINT32_MAX ? kn->places[cap].lat : 0, cap != UINT32_MAX));
            json_object_set_new(o, "lon", coordinate(cap != UINT32_MAX ? kn->places[cap].lon : 0, cap != UINT32_MAX));
            json_object_set_new(o, "country", json_string(c->country));
            json_object_set_new(o, "admin1", json_null());
            json_object_set_new(o, "feature", json_string("country (coordinates of its capital)"));
        }
        if (h->dateline) json_object_set_new(o, "dateline", json_true());
        json_object_set_new(o, "mentions", mentions_json(kn, text, h->mentions, h->n_mentions));
        json_object_set_new(o, "mention_count", json_integer((json_int_t)h->total_mentions));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *byline_json(const rasd_knowledge *kn, const rasd_entities *es) {
    json_t *o = json_object(), *authors = json_array(), *editors = json_array();
    for (size_t i = 0; i < es->count; i++) {
        const char *r = es->items[i].byline_role;
        if (r && strcmp(r, "author") == 0) json_array_append_new(authors, json_string(es->items[i].id));
        if (r && strcmp(r, "editor") == 0) json_array_append_new(editors, json_string(es->items[i].id));
    }
    json_object_set_new(o, "outlet", es->outlet != UINT32_MAX ? json_string(es->items[es->outlet].id) : json_null());
    const rasd_place_hit *d = es->dateline != UINT32_MAX ? &es->places[es->dateline] : NULL;
    json_object_set_new(o, "dateline",
                        d && d->place != UINT32_MAX ? json_string(kn->places[d->place].id) : json_null());
    json_object_set_new(o, "authors", authors);
    json_object_set_new(o, "editors", editors);
    return o;
}

rasd_status rasd_analysis_json(rasd_analyzer *an, const rasd_document *doc, const rasd_analysis_options *opt,
                               char **out, size_t *out_len, rasd_error *err) {
    rasd_analysis_options none = {0};
    if (!opt) opt = &none;
    rasd_span_list paragraphs = {0}, sentences = {0};
    token_ctx ctx = {.an = an, .text = doc->text, .list = opt->with_tokens ? json_array() : NULL};
    rasd_entities ents = {0};
    json_t *root = NULL;
    if (opt->knowledge) {
        ctx.x = rasd_entity_extractor_new(opt->knowledge, an, doc->text, doc->len, &paragraphs);
        ctx.sent = malloc(MAX_SENTENCE_TOKENS * sizeof *ctx.sent);
        if (!ctx.x || !ctx.sent) goto fail;
    }
    size_t n_tokens = 0;
    rasd_status st = rasd_segment(an, doc->text, doc->len, &paragraphs, &sentences, &n_tokens, on_token, &ctx);
    flush_sentence(&ctx);
    if (st != RASD_OK || ctx.failed) goto fail;
    if (ctx.x && rasd_entity_extractor_finish(ctx.x, &ents) != RASD_OK) goto fail;

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
    if (opt->knowledge) {
        json_object_set_new(root, "entities", entities_json(opt->knowledge, doc->text, &ents));
        json_object_set_new(root, "places", places_json(opt->knowledge, doc->text, &ents));
        json_object_set_new(root, "byline", byline_json(opt->knowledge, &ents));
    }
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
    rasd_entities_free(&ents);
    rasd_entity_extractor_destroy(ctx.x);
    free(ctx.sent);
    rasd_span_list_free(&paragraphs);
    rasd_span_list_free(&sentences);
    return RASD_OK;
fail:
    json_decref(root);
    json_decref(ctx.list);
    rasd_entities_free(&ents);
    rasd_entity_extractor_destroy(ctx.x);
    free(ctx.sent);
    rasd_span_list_free(&paragraphs);
    rasd_span_list_free(&sentences);
    return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory while writing the analysis", doc->path);
}

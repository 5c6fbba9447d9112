/*
 * analysis_json.c: the JSON line that `rasd analyze` writes for a document,
 * the project's central contract (docs/analyze.schema.json). Later stages
 * (quotes, events, ...) add members; the names here are fixed.
 *
 * The line is written with yajl's streaming generator rather than built as
 * a tree: with a tree (jansson), allocating an object per token and mention
 * took 40% of the whole analysis. Tokens arrive while the text is being
 * segmented, before the sentences are known, so they go to a generator of
 * their own whose array is spliced into the document's object at the end.
 */
#include "core/internal.h"
#include "analysis/analysis.h"
#include "analysis/analysis_events.h"
#include "analysis/json_write.h"
#include "extract/dates.h"
#include "extract/entities.h"
#include "extract/events.h"
#include "extract/numbers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

/* ---------------------------------------------------------- yajl helpers */

static void str_n(yajl_gen g, const char *s, size_t n) { yajl_gen_string(g, (const unsigned char *)s, n); }
static void str(yajl_gen g, const char *s) { str_n(g, s, strlen(s)); }
static void str_or_null(yajl_gen g, const char *s) { s && *s ? str(g, s) : (void)yajl_gen_null(g); }
static void key(yajl_gen g, const char *k) { str(g, k); }
/* Offsets and counts by hand, not yajl_gen_integer's sprintf("%lld"):
 * measured, that sprintf was 3% of the whole analysis (a document has
 * thousands of offsets). yajl_gen_number writes the digits as given. */
static void num(yajl_gen g, size_t v) {
    char buf[24];
    size_t i = sizeof buf;
    do buf[--i] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    yajl_gen_number(g, buf + i, sizeof buf - i);
}
static void span(yajl_gen g, size_t start, size_t end) {
    yajl_gen_array_open(g);
    num(g, start);
    num(g, end);
    yajl_gen_array_close(g);
}
/* Places a fragment written with json_write.h as one value, and empties
 * the buffer for the next. Out of memory, the line would be cut: it says
 * so instead (analysis_json fails on *failed). */
static void fragment(yajl_gen g, rasd_buf *f, bool *failed) {
    if (f->oom) {
        *failed = true;
        f->oom = false;
        yajl_gen_null(g);
    } else {
        yajl_gen_number(g, f->data, f->len);
    }
    f->len = 0;
}

static void spans(yajl_gen g, const rasd_span_list *list, rasd_buf *f, bool *failed) {
    rasd_buf_putc(f, '[');
    for (size_t i = 0; i < list->count; i++) {
        rasd_json_raw(f, i ? ",[" : "[");
        rasd_json_num(f, list->items[i].start);
        rasd_buf_putc(f, ',');
        rasd_json_num(f, list->items[i].end);
        rasd_buf_putc(f, ']');
    }
    rasd_buf_putc(f, ']');
    fragment(g, f, failed);
}

/* ------------------------------------------------------------- tokens */

/* Entity extraction takes a sentence at a time; a sentence longer than this
 * is handed over in parts (a name cut at a part's edge is not found). */
#define MAX_SENTENCE_TOKENS 2048

typedef struct token_ctx {
    rasd_analyzer *an;
    const char *text;
    rasd_buf *tokens; /* the token array's JSON (--tokens), or NULL when only counting */
    rasd_buf frag;    /* scratch for fragment() */
    size_t words;
    bool failed;
    rasd_entity_extractor *x; /* NULL without a knowledge base */
    rasd_token *sent;         /* the current sentence's tokens (NULL: no sentence-level stage) */
    size_t n_sent, sent_index;
    const rasd_analysis_options *opt;
    rasd_number_list numbers;
    rasd_date_list dates;
    size_t *number_sentence, *date_sentence; /* the sentence of each */
    size_t cap_ns, cap_ds;
    rasd_event_coder *events; /* NULL without a knowledge base */
    rasd_event_list event_list;
    rasd_x_keys *keys; /* the sentence's token keys, for numbers and dates */
} token_ctx;

/* Records the sentence of the items a finder appended (from `before` on). */
static bool note_sentences(size_t **where, size_t *cap, size_t before, size_t count, size_t sentence) {
    if (count > *cap) {
        size_t nc = count * 2;
        size_t *p = realloc(*where, nc * sizeof *p);
        if (!p) return false;
        *where = p;
        *cap = nc;
    }
    for (size_t i = before; i < count; i++) (*where)[i] = sentence;
    return true;
}

/* The entity extractor's key of a word token (rasd_x_known_key). */
static const char *entity_key(void *vctx, size_t i, size_t *len, uint64_t *hash) {
    return rasd_entity_token_key(vctx, i, len, hash);
}

static void flush_sentence(token_ctx *ctx) {
    if (!ctx->n_sent) return;
    bool entities_ok = true;
    if (ctx->x && rasd_entity_extract_sentence(ctx->x, ctx->sent, ctx->n_sent, ctx->sent_index) != RASD_OK)
        ctx->failed = true, entities_ok = false;
    size_t numbers_before = ctx->numbers.count, dates_before = ctx->dates.count;
    /* numbers and dates read each token's key many times: normalise it
     * once, or take the entity extractor's (measured in docs/text.md) */
    if ((ctx->opt->numbers || ctx->opt->dates) &&
        !rasd_x_keys_build(ctx->keys, ctx->text, ctx->sent, ctx->n_sent, ctx->x && entities_ok ? entity_key : NULL,
                           ctx->x)) {
        ctx->failed = true;
        ctx->n_sent = 0;
        return;
    }
    if (ctx->opt->numbers) {
        size_t before = ctx->numbers.count;
        if (rasd_numbers_find_keyed(ctx->opt->numbers, ctx->an, ctx->text, ctx->keys, &ctx->numbers) != RASD_OK ||
            !note_sentences(&ctx->number_sentence, &ctx->cap_ns, before, ctx->numbers.count, ctx->sent_index))
            ctx->failed = true;
    }
    if (ctx->opt->dates) {
        size_t before = ctx->dates.count;
        if (rasd_dates_find_keyed(ctx->opt->dates, ctx->an, ctx->text, ctx->keys, ctx->opt->published,
                                  &ctx->dates) != RASD_OK ||
            !note_sentences(&ctx->date_sentence, &ctx->cap_ds, before, ctx->dates.count, ctx->sent_index))
            ctx->failed = true;
    }
    /* events last: they take the sentence's mentions, numbers and dates */
    if (ctx->events && rasd_event_code_sentence(ctx->events, ctx->x, ctx->n_sent, ctx->sent_index, &ctx->numbers,
                                                numbers_before, &ctx->dates, dates_before) != RASD_OK)
        ctx->failed = true;
    ctx->n_sent = 0;
}

static void write_token(token_ctx *ctx, const rasd_token *tok, size_t sentence, bool wordish) {
    /* written straight into the buffer (json_write.h): with --tokens this
     * array is most of the line */
    rasd_buf *b = ctx->tokens;
    rasd_json_raw(b, b->len > 1 ? ",{\"start\":" : "{\"start\":");
    rasd_json_num(b, tok->start);
    rasd_json_raw(b, ",\"end\":");
    rasd_json_num(b, tok->end);
    rasd_json_raw(b, ",\"type\":");
    rasd_json_str(b, rasd_token_type_name(tok->type), strlen(rasd_token_type_name(tok->type)));
    rasd_json_raw(b, ",\"sentence\":");
    rasd_json_num(b, sentence);
    rasd_json_raw(b, ",\"surface\":");
    rasd_json_str(b, ctx->text + tok->start, tok->end - tok->start);
    rasd_word w;
    if (wordish && rasd_analyze_word(ctx->an, ctx->text, tok->start, tok->end, &w) == RASD_OK) {
        rasd_json_raw(b, ",\"norm\":");
        rasd_json_str(b, w.norm, w.norm_len);
        rasd_json_raw(b, ",\"proclitics\":[");
        for (int i = 0; i < w.n_proclitics; i++) {
            if (i) rasd_buf_putc(b, ',');
            rasd_json_str(b, w.proclitic[i], w.proclitic_len[i]);
        }
        rasd_json_raw(b, "],\"base\":");
        rasd_json_str(b, w.base, w.base_len);
        rasd_json_raw(b, ",\"base_span\":[");
        rasd_json_num(b, w.base_start);
        rasd_buf_putc(b, ',');
        rasd_json_num(b, w.base_end);
        rasd_json_raw(b, "],\"enclitic\":");
        if (w.enclitic) rasd_json_str(b, w.enclitic, w.enclitic_len);
        else rasd_json_raw(b, "null");
        rasd_json_raw(b, ",\"stem\":");
        rasd_json_str(b, w.stem, w.stem_len);
    } else {
        char k[1024];
        size_t kl = rasd_normalize(ctx->text + tok->start, tok->end - tok->start, k, sizeof k);
        rasd_json_raw(b, ",\"norm\":");
        rasd_json_str(b, k, kl < sizeof k ? kl : strlen(k));
    }
    rasd_buf_putc(b, '}');
}

static void on_token(void *vctx, const rasd_token *tok, size_t sentence) {
    token_ctx *ctx = vctx;
    bool wordish = tok->type == RASD_TOK_WORD || tok->type == RASD_TOK_LATIN;
    if (ctx->sent) {
        if (sentence != ctx->sent_index || ctx->n_sent == MAX_SENTENCE_TOKENS) flush_sentence(ctx);
        ctx->sent_index = sentence;
        ctx->sent[ctx->n_sent++] = *tok;
    }
    if (wordish) ctx->words++;
    if (ctx->tokens) write_token(ctx, tok, sentence, wordish);
}

/* ---------------------------------------------------- entities, places */

/* The entities and places arrays are written straight into one fragment
 * each (json_write.h), not value by value through yajl: a document has
 * dozens of them with ten keys each, and yajl's call per key and value was
 * 5% of `rasd analyze --only entities`. The bytes are yajl's (its escaping
 * is rasd_json_str's, tests/test_json_write.c). */
/* ,"mentions":[...],"mention_count":N */
static void mentions(rasd_buf *f, const rasd_knowledge *kn, const char *text, const rasd_mention *m, size_t n,
                     size_t total) {
    rasd_json_raw(f, ",\"mentions\":[");
    for (size_t i = 0; i < n; i++) {
        rasd_json_raw(f, i ? ",{\"start\":" : "{\"start\":");
        rasd_json_num(f, m[i].start);
        rasd_json_raw(f, ",\"end\":");
        rasd_json_num(f, m[i].end);
        rasd_json_raw(f, ",\"sentence\":");
        rasd_json_num(f, m[i].sentence);
        rasd_json_raw(f, ",\"text\":");
        rasd_json_str(f, text + m[i].start, m[i].end - m[i].start);
        rasd_json_raw(f, ",\"rule\":");
        const char *rule = m[i].rule ? m[i].rule : "kb";
        rasd_json_str(f, rule, strlen(rule));
        if (m[i].label) {
            rasd_json_raw(f, ",\"loaded\":");
            rasd_json_str(f, kn->labels[m[i].label], strlen(kn->labels[m[i].label]));
        }
        rasd_buf_putc(f, '}');
    }
    rasd_json_raw(f, "],\"mention_count\":");
    rasd_json_num(f, total);
}

static void entities(yajl_gen g, const rasd_knowledge *kn, const char *text, const rasd_entities *es,
                     const rasd_event_list *events, rasd_buf *f, bool *failed) {
    key(g, "entities");
    rasd_buf_putc(f, '[');
    for (size_t i = 0; i < es->count; i++) {
        const rasd_entity *e = &es->items[i];
        const rasd_actor *a = e->actor != UINT32_MAX ? &kn->actors[e->actor] : NULL;
        rasd_json_raw(f, i ? ",{\"id\":" : "{\"id\":");
        fstr(f, e->id);
        rasd_json_raw(f, ",\"type\":");
        fstr(f, a ? a->type : e->type ? e->type : "person");
        rasd_json_raw(f, ",\"name_ar\":");
        fstr_or_null(f, a ? a->name_ar : e->name_ar);
        rasd_json_raw(f, ",\"name_en\":");
        fstr_or_null(f, a ? a->name_en : NULL);
        rasd_json_raw(f, ",\"country\":");
        fstr_or_null(f, a ? a->country : e->country);
        if (a && *a->cameo) {
            rasd_json_raw(f, ",\"cameo\":");
            fstr(f, a->cameo);
        }
        if (a && a->parent != UINT32_MAX) {
            rasd_json_raw(f, ",\"parent\":");
            fstr(f, kn->actors[a->parent].id);
        }
        if (e->title) {
            rasd_json_raw(f, ",\"title\":");
            fstr(f, e->title);
        }
        if (e->role) {
            rasd_json_raw(f, ",\"role\":");
            fstr(f, e->role);
        }
        if (e->affiliation != UINT32_MAX) {
            rasd_json_raw(f, ",\"affiliation\":");
            fstr(f, es->items[e->affiliation].id);
        }
        if (e->byline_role) {
            rasd_json_raw(f, ",\"byline\":");
            fstr(f, e->byline_role);
        }
        mentions(f, kn, text, e->mentions, e->n_mentions, e->total_mentions);
        rasd_buf_putc(f, '}');
    }
    if (events && kn->events) rasd_json_event_participants(f, kn, text, events, es->count == 0);
    rasd_buf_putc(f, ']');
    fragment(g, f, failed);
}

static void places(yajl_gen g, const rasd_knowledge *kn, const char *text, const rasd_entities *es, rasd_buf *f,
                   bool *failed) {
    key(g, "places");
    rasd_buf_putc(f, '[');
    for (size_t i = 0; i < es->n_places; i++) {
        const rasd_place_hit *h = &es->places[i];
        rasd_json_raw(f, i ? ",{\"id\":" : "{\"id\":");
        if (h->place != UINT32_MAX) {
            const rasd_place *p = &kn->places[h->place];
            fstr(f, p->id);
            rasd_json_raw(f, ",\"name_ar\":");
            fstr_or_null(f, p->name_ar);
            rasd_json_raw(f, ",\"name_en\":");
            fstr_or_null(f, p->name_en);
            rasd_json_raw(f, ",\"lat\":");
            fcoordinate(f, p->lat);
            rasd_json_raw(f, ",\"lon\":");
            fcoordinate(f, p->lon);
            rasd_json_raw(f, ",\"country\":");
            fstr(f, p->country);
            rasd_json_raw(f, ",\"admin1\":");
            fstr_or_null(f, p->admin1);
            rasd_json_raw(f, ",\"feature\":");
            fstr_or_null(f, p->feature);
        } else if (h->actor == UINT32_MAX) { /* a place the tagger found, unknown to the gazetteer */
            char id[600];
            snprintf(id, sizeof id, "unresolved:%s", h->name);
            fstr(f, id);
            rasd_json_raw(f, ",\"name_ar\":");
            fstr(f, h->name);
            rasd_json_raw(f, ",\"name_en\":null,\"lat\":null,\"lon\":null,\"country\":null,\"admin1\":null"
                             ",\"feature\":");
            fstr(f, "unresolved (a name the tagger found; not in the gazetteer)");
        } else { /* a country: placed at its capital, and "feature" says so */
            const rasd_actor *c = &kn->actors[h->actor];
            uint32_t cap = rasd_knowledge_capital(kn, c->country);
            char id[32];
            snprintf(id, sizeof id, "country:%s", c->country);
            fstr(f, id);
            rasd_json_raw(f, ",\"name_ar\":");
            fstr_or_null(f, c->name_ar);
            rasd_json_raw(f, ",\"name_en\":");
            fstr_or_null(f, c->name_en);
            rasd_json_raw(f, ",\"lat\":");
            if (cap != UINT32_MAX) fcoordinate(f, kn->places[cap].lat);
            else rasd_json_raw(f, "null");
            rasd_json_raw(f, ",\"lon\":");
            if (cap != UINT32_MAX) fcoordinate(f, kn->places[cap].lon);
            else rasd_json_raw(f, "null");
            rasd_json_raw(f, ",\"country\":");
            fstr(f, c->country);
            rasd_json_raw(f, ",\"admin1\":null,\"feature\":");
            fstr(f, "country (coordinates of its capital)");
        }
        if (h->dateline) rasd_json_raw(f, ",\"dateline\":true");
        mentions(f, kn, text, h->mentions, h->n_mentions, h->total_mentions);
        rasd_buf_putc(f, '}');
    }
    rasd_buf_putc(f, ']');
    fragment(g, f, failed);
}

static void quotes(yajl_gen g, const char *text, const rasd_entities *es) {
    key(g, "quotes");
    yajl_gen_array_open(g);
    for (size_t i = 0; i < es->n_quotes; i++) {
        const rasd_quote *q = &es->quotes[i];
        yajl_gen_map_open(g);
        key(g, "text");
        str_n(g, text + q->start, q->end - q->start);
        key(g, "start");
        num(g, q->start);
        key(g, "end");
        num(g, q->end);
        key(g, "sentence");
        num(g, q->sentence);
        key(g, "direct");
        yajl_gen_bool(g, q->direct);
        key(g, "verb");
        yajl_gen_map_open(g);
        key(g, "text");
        str_n(g, text + q->verb_start, q->verb_end - q->verb_start);
        key(g, "start");
        num(g, q->verb_start);
        key(g, "end");
        num(g, q->verb_end);
        yajl_gen_map_close(g);
        key(g, "speaker");
        yajl_gen_map_open(g);
        key(g, "entity");
        str_or_null(g, q->speaker >= 0 ? es->items[q->speaker].id : NULL);
        key(g, "text");
        if (q->speaker_end > q->speaker_start) str_n(g, text + q->speaker_start, q->speaker_end - q->speaker_start);
        else yajl_gen_null(g);
        key(g, "anonymous");
        yajl_gen_bool(g, q->anonymous);
        yajl_gen_map_close(g);
        key(g, "continuation");
        yajl_gen_bool(g, q->continuation);
        key(g, "channel");
        str_or_null(g, q->channel);
        key(g, "rule");
        str_or_null(g, q->rule);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
}

static void framing(yajl_gen g, const char *text, const rasd_entities *es) {
    key(g, "framing");
    yajl_gen_array_open(g);
    for (size_t i = 0; i < es->n_framing; i++) {
        const rasd_framing *f = &es->framing[i];
        yajl_gen_map_open(g);
        key(g, "actor");
        str_or_null(g, f->actor >= 0 ? es->items[f->actor].id : NULL);
        key(g, "term");
        str_n(g, text + f->start, f->end - f->start);
        key(g, "label");
        str(g, f->label);
        key(g, "polarity");
        yajl_gen_integer(g, f->polarity);
        key(g, "start");
        num(g, f->start);
        key(g, "end");
        num(g, f->end);
        key(g, "sentence");
        num(g, f->sentence);
        key(g, "source");
        str(g, f->source);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
}

static void numbers(yajl_gen g, const char *text, const rasd_analysis *ctx) {
    key(g, "numbers");
    yajl_gen_array_open(g);
    for (size_t i = 0; i < ctx->numbers.count; i++) {
        const rasd_number *nb = &ctx->numbers.items[i];
        yajl_gen_map_open(g);
        key(g, "text");
        str_n(g, text + nb->start, nb->end - nb->start);
        key(g, "start");
        num(g, nb->start);
        key(g, "end");
        num(g, nb->end);
        key(g, "sentence");
        num(g, ctx->number_sentence[i]);
        key(g, "value");
        if (nb->flags & RASD_NUM_INTEGRAL) yajl_gen_integer(g, (long long)nb->ivalue);
        else yajl_gen_double(g, nb->value);
        key(g, "unit");
        str_or_null(g, nb->unit);
        key(g, "unit_code");
        str_or_null(g, nb->code);
        key(g, "unit_kind");
        str(g, rasd_unit_kind_name(nb->unit_kind));
        static const struct { uint32_t flag; const char *name; } FLAGS[] = {
            {RASD_NUM_APPROX, "approximate"}, {RASD_NUM_MORE_THAN, "more_than"}, {RASD_NUM_LESS_THAN, "less_than"},
            {RASD_NUM_PERCENT, "percent"},    {RASD_NUM_YEAR, "year"},           {RASD_NUM_WORDS, "in_words"}};
        for (size_t f = 0; f < sizeof FLAGS / sizeof FLAGS[0]; f++) {
            key(g, FLAGS[f].name);
            yajl_gen_bool(g, (nb->flags & FLAGS[f].flag) != 0);
        }
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
}

static void dates(yajl_gen g, const char *text, const rasd_analysis *ctx) {
    key(g, "dates");
    yajl_gen_array_open(g);
    for (size_t i = 0; i < ctx->dates.count; i++) {
        const rasd_date *d = &ctx->dates.items[i];
        yajl_gen_map_open(g);
        key(g, "text");
        str_n(g, text + d->start, d->end - d->start);
        key(g, "start");
        num(g, d->start);
        key(g, "end");
        num(g, d->end);
        key(g, "sentence");
        num(g, ctx->date_sentence[i]);
        key(g, "value");
        str_or_null(g, d->iso[0] ? d->iso : NULL);
        key(g, "granularity");
        str(g, rasd_granularity_name(d->granularity));
        static const struct { uint32_t flag; const char *name; } FLAGS[] = {
            {RASD_DATE_RELATIVE, "relative"}, {RASD_DATE_HIJRI, "hijri"}, {RASD_DATE_UNRESOLVED, "unresolved"},
            {RASD_DATE_APPROX, "approximate"}, {RASD_DATE_MISMATCH, "mismatch"}};
        for (size_t f = 0; f < sizeof FLAGS / sizeof FLAGS[0]; f++) {
            key(g, FLAGS[f].name);
            yajl_gen_bool(g, (d->flags & FLAGS[f].flag) != 0);
        }
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
}

/* A participant of an event: who it is, its CAMEO code, and where the text names it. */
static void byline(yajl_gen g, const rasd_knowledge *kn, const rasd_entities *es) {
    key(g, "byline");
    yajl_gen_map_open(g);
    key(g, "outlet");
    str_or_null(g, es->outlet != UINT32_MAX ? es->items[es->outlet].id : NULL);
    const rasd_place_hit *d = es->dateline != UINT32_MAX ? &es->places[es->dateline] : NULL;
    key(g, "dateline");
    str_or_null(g, d && d->place != UINT32_MAX ? kn->places[d->place].id : NULL);
    static const char *const ROLES[] = {"authors", "author", "editors", "editor"};
    for (int r = 0; r < 4; r += 2) {
        key(g, ROLES[r]);
        yajl_gen_array_open(g);
        for (size_t i = 0; i < es->count; i++)
            if (es->items[i].byline_role && strcmp(es->items[i].byline_role, ROLES[r + 1]) == 0) str(g, es->items[i].id);
        yajl_gen_array_close(g);
    }
    yajl_gen_map_close(g);
}

/* ------------------------------------------------------------- document */

static void document(yajl_gen g, const rasd_analysis *a, rasd_buf *f, bool *failed) {
    const rasd_analysis_options *opt = &a->opt;
    yajl_gen_map_open(g);
    key(g, "doc");
    yajl_gen_map_open(g);
    key(g, "id");
    str(g, a->id);
    key(g, "path");
    str(g, a->path);
    key(g, "source");
    opt->source ? str(g, opt->source) : (void)yajl_gen_null(g);
    key(g, "published");
    opt->published ? str(g, opt->published) : (void)yajl_gen_null(g);
    key(g, "title");
    str_n(g, a->text + a->title.start, a->title.end - a->title.start);
    key(g, "title_span");
    span(g, a->title.start, a->title.end);
    yajl_gen_map_close(g);
    key(g, "text");
    rasd_json_str(f, a->text, a->len); /* the longest string: escaped in one pass */
    fragment(g, f, failed);
    key(g, "paragraphs");
    spans(g, &a->paragraphs, f, failed);
    key(g, "sentences");
    spans(g, &a->sentences, f, failed);
    if (!a->tokens) {
        key(g, "tokens");
        num(g, a->n_tokens);
    }
    const rasd_entities *es = &a->ents;
    if (opt->knowledge) {
        entities(g, opt->knowledge, a->text, es, a->has_events ? &a->events : NULL, f, failed);
        places(g, opt->knowledge, a->text, es, f, failed);
        if (opt->extract & RASD_EXTRACT_QUOTES) quotes(g, a->text, es);
        if (opt->extract & RASD_EXTRACT_FRAMING) framing(g, a->text, es);
        if (a->has_events) {
            key(g, "events");
            rasd_json_events(f, opt->knowledge, a->text, es, &a->events);
            fragment(g, f, failed);
        }
        byline(g, opt->knowledge, es);
    }
    if (opt->numbers && (opt->extract & RASD_EXTRACT_NUMBERS)) numbers(g, a->text, a);
    if (opt->dates && (opt->extract & RASD_EXTRACT_DATES)) dates(g, a->text, a);
    key(g, "stats");
    yajl_gen_map_open(g);
    key(g, "bytes");
    num(g, a->len);
    key(g, "chars");
    num(g, a->utf8.chars);
    key(g, "paragraphs");
    num(g, a->paragraphs.count);
    key(g, "sentences");
    num(g, a->sentences.count);
    key(g, "tokens");
    num(g, a->n_tokens);
    key(g, "words");
    num(g, a->words);
    key(g, "invalid_utf8");
    num(g, a->utf8.invalid_count);
    yajl_gen_map_close(g);
    yajl_gen_map_close(g);
}

/* The document's facts: segmentation, then each sentence through the
 * extractors (on_token, flush_sentence), then what needs the whole
 * document (coreference, events); the lists are moved into the analysis. */
rasd_status rasd_analyze_document(rasd_analyzer *an, const rasd_document *doc, const rasd_analysis_options *opt,
                                  rasd_analysis **out, rasd_error *err) {
    *out = NULL;
    rasd_analysis_options none = {0};
    if (!opt) opt = &none;
    /* the publication date is checked here, once, for everything below
     * that reckons from it (relative dates, the events' day) */
    if (opt->published && !rasd_valid_date(opt->published))
        return rasd_fail(err, RASD_ERR_USAGE, "%s: the publication date \"%.40s\" is not a real YYYY-MM-DD date",
                         doc && doc->path ? doc->path : "(document)", opt->published);
    /* what is asked for, and what that needs: opt is narrowed to it, so
     * the rest of this file only tests which resources it holds */
    unsigned want = opt->extract ? opt->extract & RASD_EXTRACT_ALL : RASD_EXTRACT_ALL;
    rasd_analysis_options narrowed = *opt;
    if (!(want & (RASD_EXTRACT_NUMBERS | RASD_EXTRACT_EVENTS))) narrowed.numbers = NULL;
    if (!(want & (RASD_EXTRACT_DATES | RASD_EXTRACT_EVENTS))) narrowed.dates = NULL;
    if (!(want & (RASD_EXTRACT_ENTITIES | RASD_EXTRACT_QUOTES | RASD_EXTRACT_FRAMING | RASD_EXTRACT_EVENTS))) {
        narrowed.knowledge = NULL;
        narrowed.tagger = NULL;
    }
    narrowed.extract = want;
    opt = &narrowed;
    rasd_analysis *a = calloc(1, sizeof *a);
    token_ctx ctx = {.an = an, .text = doc->text, .opt = opt};
    rasd_status st = RASD_ERR_NOMEM;
    if (!a) goto done;
    a->text = doc->text;
    a->len = doc->len;
    memcpy(a->id, doc->id, sizeof a->id);
    a->title = doc->title;
    a->utf8 = doc->utf8;
    a->opt = narrowed;
    if (!(a->path = strdup(doc->path ? doc->path : ""))) goto done;
    if (opt->source && !(a->opt.source = a->source = strdup(opt->source))) goto done;
    if (opt->published && !(a->opt.published = a->published = strdup(opt->published))) goto done;
    if (opt->with_tokens) {
        if (!(ctx.tokens = calloc(1, sizeof *ctx.tokens))) goto done;
        rasd_buf_putc(ctx.tokens, '[');
    }
    if (opt->knowledge || opt->numbers || opt->dates) {
        if (!(ctx.sent = malloc(MAX_SENTENCE_TOKENS * sizeof *ctx.sent))) goto done;
    }
    if ((opt->numbers || opt->dates) && !(ctx.keys = rasd_x_keys_new())) goto done;
    if (opt->knowledge) {
        ctx.x = rasd_entity_extractor_new(opt->knowledge, an, doc->text, doc->len);
        if (!ctx.x) goto done;
        rasd_entity_extractor_set_tagger(ctx.x, opt->tagger);
        rasd_entity_extractor_set_stages(ctx.x, want & RASD_EXTRACT_QUOTES, want & RASD_EXTRACT_FRAMING,
                                         want & RASD_EXTRACT_EVENTS);
        if ((want & RASD_EXTRACT_EVENTS) && opt->knowledge->events && !(ctx.events = rasd_event_coder_new(opt->knowledge->events, opt->published)))
            goto done;
    }
    st = rasd_segment(an, doc->text, doc->len, &a->paragraphs, &a->sentences, &a->n_tokens, on_token, &ctx);
    flush_sentence(&ctx);
    if (st == RASD_OK && (ctx.failed || (ctx.x && rasd_entity_extractor_finish(ctx.x, &a->ents) != RASD_OK)))
        st = RASD_ERR_NOMEM;
    if (st == RASD_OK && ctx.events && rasd_event_coder_finish(ctx.events, &a->ents, &ctx.event_list) != RASD_OK)
        st = RASD_ERR_NOMEM;
    if (ctx.tokens) rasd_buf_putc(ctx.tokens, ']');
    if (ctx.tokens && ctx.tokens->oom) st = RASD_ERR_NOMEM;
    /* the lists change hands */
    a->words = ctx.words;
    a->has_events = ctx.events != NULL;
    a->events = ctx.event_list;
    a->numbers = ctx.numbers;
    a->dates = ctx.dates;
    a->number_sentence = ctx.number_sentence;
    a->date_sentence = ctx.date_sentence;
    a->tokens = ctx.tokens;
    memset(&ctx.event_list, 0, sizeof ctx.event_list);
    memset(&ctx.numbers, 0, sizeof ctx.numbers);
    memset(&ctx.dates, 0, sizeof ctx.dates);
    ctx.number_sentence = ctx.date_sentence = NULL;
    ctx.tokens = NULL;
    if (st == RASD_OK && !rasd_analysis_index(a)) st = RASD_ERR_NOMEM;
done:
    if (ctx.tokens) rasd_buf_free(ctx.tokens);
    free(ctx.tokens);
    rasd_buf_free(&ctx.frag);
    rasd_event_coder_destroy(ctx.events);
    rasd_entity_extractor_destroy(ctx.x);
    free(ctx.sent);
    rasd_x_keys_destroy(ctx.keys);
    if (st != RASD_OK) {
        rasd_analysis_destroy(a);
        return rasd_fail(err, st, "%s: out of memory while analysing the document", doc->path);
    }
    *out = a;
    return RASD_OK;
}

void rasd_analysis_destroy(rasd_analysis *a) {
    if (!a) return;
    rasd_analysis_index_free(a);
    free(a->path);
    free(a->source);
    free(a->published);
    rasd_span_list_free(&a->paragraphs);
    rasd_span_list_free(&a->sentences);
    if (a->tokens) rasd_buf_free(a->tokens);
    free(a->tokens);
    rasd_entities_free(&a->ents);
    rasd_event_list_free(&a->events);
    rasd_number_list_free(&a->numbers);
    rasd_date_list_free(&a->dates);
    free(a->number_sentence);
    free(a->date_sentence);
    free(a);
}

rasd_status rasd_analysis_write_json(const rasd_analysis *a, char **out, size_t *out_len, rasd_error *err) {
    rasd_buf frag = {0};
    bool failed = false;
    char *line = NULL;
    yajl_gen g = yajl_gen_alloc(NULL);
    if (!g) goto done;
    document(g, a, &frag, &failed);
    if (failed) goto done;
    const unsigned char *main_buf = NULL;
    size_t main_len = 0;
    yajl_gen_get_buf(g, &main_buf, &main_len);
    const rasd_buf *tokens = a->tokens;
    /* main_buf is a complete object; the token array goes before its '}' */
    static const char TOKENS_KEY[] = ",\"tokens\":";
    size_t total = main_len + (tokens ? sizeof TOKENS_KEY - 1 + tokens->len : 0) + 1;
    if (!main_len || !(line = malloc(total + 1))) goto done;
    size_t at = 0;
    if (tokens) {
        memcpy(line, main_buf, main_len - 1); /* without the closing brace */
        at = main_len - 1;
        memcpy(line + at, TOKENS_KEY, sizeof TOKENS_KEY - 1);
        at += sizeof TOKENS_KEY - 1;
        memcpy(line + at, tokens->data, tokens->len);
        at += tokens->len;
        line[at++] = '}';
    } else {
        memcpy(line, main_buf, main_len);
        at = main_len;
    }
    line[at++] = '\n';
    line[at] = '\0';
    *out = line;
    *out_len = at;
done:
    if (g) yajl_gen_free(g);
    rasd_buf_free(&frag);
    if (!line) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory while writing the analysis", a->path);
    return RASD_OK;
}

rasd_status rasd_analysis_json(rasd_analyzer *an, const rasd_document *doc, const rasd_analysis_options *opt,
                               char **out, size_t *out_len, rasd_error *err) {
    rasd_analysis *a = NULL;
    rasd_status st = rasd_analyze_document(an, doc, opt, &a, err);
    if (st == RASD_OK) st = rasd_analysis_write_json(a, out, out_len, err);
    rasd_analysis_destroy(a);
    return st;
}

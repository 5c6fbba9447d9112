/*
 * analysis_json.c: the JSON line that `rasd analyze` writes for a document,
 * the project's central contract (docs/analyze.schema.json). Later stages
 * (quotes, events, ...) add members; the names here are fixed.
 *
 * The line is written straight into one buffer (json_write.h), member by
 * member, rather than built as a tree or through a generator: with a tree
 * (jansson), allocating an object per token and mention took 40% of the
 * whole analysis; with yajl's streaming generator, its call, state check
 * and print callback per key and value, and the copy of each part into its
 * buffer, were still 8% (measured in docs/text.md). The bytes are those
 * yajl wrote (no spaces, its escaping, its number formats): the output did
 * not change. Tokens arrive while the text is being segmented, before the
 * sentences are known, so they go to a buffer of their own whose array is
 * spliced into the document's object at the end.
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
#include <math.h>

/* ------------------------------------------------------------ helpers */

static void spans(rasd_buf *f, const rasd_span_list *list) {
    rasd_buf_putc(f, '[');
    for (size_t i = 0; i < list->count; i++) {
        if (i) rasd_buf_putc(f, ',');
        fspan(f, list->items[i].start, list->items[i].end);
    }
    rasd_buf_putc(f, ']');
}

/* ------------------------------------------------------------- tokens */

/* Entity extraction takes a sentence at a time; a sentence longer than this
 * is handed over in parts (a name cut at a part's edge is not found). */
#define MAX_SENTENCE_TOKENS 2048

typedef struct token_ctx {
    rasd_analyzer *an;
    const char *text;
    rasd_buf *tokens; /* the token array's JSON (--tokens), or NULL when only counting */
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

/* on_token once the sentence is known to have room for tok */
static inline void add_token(token_ctx *ctx, const rasd_token *tok, size_t sentence) {
    bool wordish = tok->type == RASD_TOK_WORD || tok->type == RASD_TOK_LATIN;
    if (ctx->sent) {
        ctx->sent_index = sentence;
        ctx->sent[ctx->n_sent++] = *tok;
    }
    if (wordish) ctx->words++;
    if (ctx->tokens) write_token(ctx, tok, sentence, wordish);
}

/* The first token of a sentence (or of a full buffer's next part): the
 * sentence before it goes to the extractors first. */
__attribute__((noinline)) static void add_token_after_flush(token_ctx *ctx, const rasd_token *tok, size_t sentence) {
    flush_sentence(ctx);
    add_token(ctx, tok, sentence);
}

/* Called for every token (156,000 per 500 articles): the flush apart, so
 * that the common case saves no registers and makes no call but its
 * last. */
static void on_token(void *vctx, const rasd_token *tok, size_t sentence) {
    token_ctx *ctx = vctx;
    if (ctx->sent && (sentence != ctx->sent_index || ctx->n_sent == MAX_SENTENCE_TOKENS))
        add_token_after_flush(ctx, tok, sentence);
    else
        add_token(ctx, tok, sentence);
}

/* ---------------------------------------------------- entities, places */

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

/* ,"entities":[...]: each entity with its actor's names and its mentions,
 * then the events' participants that are no entity of their own. */
static void entities(rasd_buf *f, const rasd_knowledge *kn, const char *text, const rasd_entities *es,
                     const rasd_event_list *events) {
    rasd_json_raw(f, ",\"entities\":[");
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
}

static void places(rasd_buf *f, const rasd_knowledge *kn, const char *text, const rasd_entities *es) {
    rasd_json_raw(f, ",\"places\":[");
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
}

/* The text of [start, end) as a string, or null when it is empty. */
static void ftext_or_null(rasd_buf *f, const char *text, size_t start, size_t end) {
    if (end > start) rasd_json_str(f, text + start, end - start);
    else rasd_json_raw(f, "null");
}

static void quotes(rasd_buf *f, const char *text, const rasd_entities *es) {
    rasd_json_raw(f, ",\"quotes\":[");
    for (size_t i = 0; i < es->n_quotes; i++) {
        const rasd_quote *q = &es->quotes[i];
        rasd_json_raw(f, i ? ",{\"text\":" : "{\"text\":");
        rasd_json_str(f, text + q->start, q->end - q->start);
        rasd_json_raw(f, ",\"start\":");
        rasd_json_num(f, q->start);
        rasd_json_raw(f, ",\"end\":");
        rasd_json_num(f, q->end);
        rasd_json_raw(f, ",\"sentence\":");
        rasd_json_num(f, q->sentence);
        rasd_json_raw(f, ",\"direct\":");
        fbool(f, q->direct);
        rasd_json_raw(f, ",\"verb\":{\"text\":");
        rasd_json_str(f, text + q->verb_start, q->verb_end - q->verb_start);
        rasd_json_raw(f, ",\"start\":");
        rasd_json_num(f, q->verb_start);
        rasd_json_raw(f, ",\"end\":");
        rasd_json_num(f, q->verb_end);
        rasd_json_raw(f, "},\"speaker\":{\"entity\":");
        fstr_or_null(f, q->speaker >= 0 ? es->items[q->speaker].id : NULL);
        rasd_json_raw(f, ",\"text\":");
        ftext_or_null(f, text, q->speaker_start, q->speaker_end);
        rasd_json_raw(f, ",\"anonymous\":");
        fbool(f, q->anonymous);
        rasd_json_raw(f, "},\"continuation\":");
        fbool(f, q->continuation);
        rasd_json_raw(f, ",\"channel\":");
        fstr_or_null(f, q->channel);
        rasd_json_raw(f, ",\"rule\":");
        fstr_or_null(f, q->rule);
        rasd_buf_putc(f, '}');
    }
    rasd_buf_putc(f, ']');
}

static void framing(rasd_buf *f, const char *text, const rasd_entities *es) {
    rasd_json_raw(f, ",\"framing\":[");
    for (size_t i = 0; i < es->n_framing; i++) {
        const rasd_framing *fr = &es->framing[i];
        rasd_json_raw(f, i ? ",{\"actor\":" : "{\"actor\":");
        fstr_or_null(f, fr->actor >= 0 ? es->items[fr->actor].id : NULL);
        rasd_json_raw(f, ",\"term\":");
        rasd_json_str(f, text + fr->start, fr->end - fr->start);
        rasd_json_raw(f, ",\"label\":");
        fstr(f, fr->label);
        rasd_json_raw(f, ",\"polarity\":");
        rasd_json_int(f, fr->polarity);
        rasd_json_raw(f, ",\"start\":");
        rasd_json_num(f, fr->start);
        rasd_json_raw(f, ",\"end\":");
        rasd_json_num(f, fr->end);
        rasd_json_raw(f, ",\"sentence\":");
        rasd_json_num(f, fr->sentence);
        rasd_json_raw(f, ",\"source\":");
        fstr(f, fr->source);
        rasd_buf_putc(f, '}');
    }
    rasd_buf_putc(f, ']');
}

static void numbers(rasd_buf *f, const char *text, const rasd_analysis *ctx) {
    rasd_json_raw(f, ",\"numbers\":[");
    for (size_t i = 0; i < ctx->numbers.count; i++) {
        const rasd_number *nb = &ctx->numbers.items[i];
        rasd_json_raw(f, i ? ",{\"text\":" : "{\"text\":");
        rasd_json_str(f, text + nb->start, nb->end - nb->start);
        rasd_json_raw(f, ",\"start\":");
        rasd_json_num(f, nb->start);
        rasd_json_raw(f, ",\"end\":");
        rasd_json_num(f, nb->end);
        rasd_json_raw(f, ",\"sentence\":");
        rasd_json_num(f, ctx->number_sentence[i]);
        rasd_json_raw(f, ",\"value\":");
        if (nb->flags & RASD_NUM_INTEGRAL) rasd_json_int(f, nb->ivalue);
        else rasd_json_double(f, nb->value);
        rasd_json_raw(f, ",\"unit\":");
        fstr_or_null(f, nb->unit);
        rasd_json_raw(f, ",\"unit_code\":");
        fstr_or_null(f, nb->code);
        rasd_json_raw(f, ",\"unit_kind\":");
        fstr(f, rasd_unit_kind_name(nb->unit_kind));
        static const struct { uint32_t flag; const char *key; } FLAGS[] = {
            {RASD_NUM_APPROX, ",\"approximate\":"}, {RASD_NUM_MORE_THAN, ",\"more_than\":"},
            {RASD_NUM_LESS_THAN, ",\"less_than\":"}, {RASD_NUM_PERCENT, ",\"percent\":"},
            {RASD_NUM_YEAR, ",\"year\":"},           {RASD_NUM_WORDS, ",\"in_words\":"}};
        for (size_t k = 0; k < sizeof FLAGS / sizeof FLAGS[0]; k++) {
            rasd_json_raw(f, FLAGS[k].key);
            fbool(f, (nb->flags & FLAGS[k].flag) != 0);
        }
        rasd_buf_putc(f, '}');
    }
    rasd_buf_putc(f, ']');
}

static void dates(rasd_buf *f, const char *text, const rasd_analysis *ctx) {
    rasd_json_raw(f, ",\"dates\":[");
    for (size_t i = 0; i < ctx->dates.count; i++) {
        const rasd_date *d = &ctx->dates.items[i];
        rasd_json_raw(f, i ? ",{\"text\":" : "{\"text\":");
        rasd_json_str(f, text + d->start, d->end - d->start);
        rasd_json_raw(f, ",\"start\":");
        rasd_json_num(f, d->start);
        rasd_json_raw(f, ",\"end\":");
        rasd_json_num(f, d->end);
        rasd_json_raw(f, ",\"sentence\":");
        rasd_json_num(f, ctx->date_sentence[i]);
        rasd_json_raw(f, ",\"value\":");
        fstr_or_null(f, d->iso);
        rasd_json_raw(f, ",\"granularity\":");
        fstr(f, rasd_granularity_name(d->granularity));
        static const struct { uint32_t flag; const char *key; } FLAGS[] = {
            {RASD_DATE_RELATIVE, ",\"relative\":"},   {RASD_DATE_HIJRI, ",\"hijri\":"},
            {RASD_DATE_UNRESOLVED, ",\"unresolved\":"}, {RASD_DATE_APPROX, ",\"approximate\":"},
            {RASD_DATE_MISMATCH, ",\"mismatch\":"}};
        for (size_t k = 0; k < sizeof FLAGS / sizeof FLAGS[0]; k++) {
            rasd_json_raw(f, FLAGS[k].key);
            fbool(f, (d->flags & FLAGS[k].flag) != 0);
        }
        rasd_buf_putc(f, '}');
    }
    rasd_buf_putc(f, ']');
}

/* Who wrote the article: the outlet, the dateline's place, authors and editors. */
static void byline(rasd_buf *f, const rasd_knowledge *kn, const rasd_entities *es) {
    rasd_json_raw(f, ",\"byline\":{\"outlet\":");
    fstr_or_null(f, es->outlet != UINT32_MAX ? es->items[es->outlet].id : NULL);
    const rasd_place_hit *d = es->dateline != UINT32_MAX ? &es->places[es->dateline] : NULL;
    rasd_json_raw(f, ",\"dateline\":");
    fstr_or_null(f, d && d->place != UINT32_MAX ? kn->places[d->place].id : NULL);
    static const char *const ROLES[] = {",\"authors\":[", "author", ",\"editors\":[", "editor"};
    for (int r = 0; r < 4; r += 2) {
        rasd_json_raw(f, ROLES[r]);
        bool first = true;
        for (size_t i = 0; i < es->count; i++) {
            if (!es->items[i].byline_role || strcmp(es->items[i].byline_role, ROLES[r + 1]) != 0) continue;
            if (!first) rasd_buf_putc(f, ',');
            first = false;
            fstr(f, es->items[i].id);
        }
        rasd_buf_putc(f, ']');
    }
    rasd_buf_putc(f, '}');
}

/* ------------------------------------------------------------- document */

/* The document's object, without its closing brace (the token array may
 * still come). */
static void document(rasd_buf *f, const rasd_analysis *a) {
    const rasd_analysis_options *opt = &a->opt;
    rasd_json_raw(f, "{\"doc\":{\"id\":");
    fstr(f, a->id);
    rasd_json_raw(f, ",\"path\":");
    fstr(f, a->path);
    rasd_json_raw(f, ",\"source\":");
    if (opt->source) fstr(f, opt->source);
    else rasd_json_raw(f, "null");
    rasd_json_raw(f, ",\"published\":");
    if (opt->published) fstr(f, opt->published);
    else rasd_json_raw(f, "null");
    rasd_json_raw(f, ",\"title\":");
    rasd_json_str(f, a->text + a->title.start, a->title.end - a->title.start);
    rasd_json_raw(f, ",\"title_span\":");
    fspan(f, a->title.start, a->title.end);
    rasd_json_raw(f, "},\"text\":");
    rasd_json_str(f, a->text, a->len);
    rasd_json_raw(f, ",\"paragraphs\":");
    spans(f, &a->paragraphs);
    rasd_json_raw(f, ",\"sentences\":");
    spans(f, &a->sentences);
    if (!a->tokens) {
        rasd_json_raw(f, ",\"tokens\":");
        rasd_json_num(f, a->n_tokens);
    }
    const rasd_entities *es = &a->ents;
    if (opt->knowledge) {
        entities(f, opt->knowledge, a->text, es, a->has_events ? &a->events : NULL);
        places(f, opt->knowledge, a->text, es);
        if (opt->extract & RASD_EXTRACT_QUOTES) quotes(f, a->text, es);
        if (opt->extract & RASD_EXTRACT_FRAMING) framing(f, a->text, es);
        if (a->has_events) {
            rasd_json_raw(f, ",\"events\":");
            rasd_json_events(f, opt->knowledge, a->text, es, &a->events);
        }
        byline(f, opt->knowledge, es);
    }
    if (opt->numbers && (opt->extract & RASD_EXTRACT_NUMBERS)) numbers(f, a->text, a);
    if (opt->dates && (opt->extract & RASD_EXTRACT_DATES)) dates(f, a->text, a);
    rasd_json_raw(f, ",\"stats\":{\"bytes\":");
    rasd_json_num(f, a->len);
    rasd_json_raw(f, ",\"chars\":");
    rasd_json_num(f, a->utf8.chars);
    rasd_json_raw(f, ",\"paragraphs\":");
    rasd_json_num(f, a->paragraphs.count);
    rasd_json_raw(f, ",\"sentences\":");
    rasd_json_num(f, a->sentences.count);
    rasd_json_raw(f, ",\"tokens\":");
    rasd_json_num(f, a->n_tokens);
    rasd_json_raw(f, ",\"words\":");
    rasd_json_num(f, a->words);
    rasd_json_raw(f, ",\"invalid_utf8\":");
    rasd_json_num(f, a->utf8.invalid_count);
    rasd_buf_putc(f, '}');
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
    rasd_buf line = {0};
    /* Room at once for the text's worst-case escape, which rasd_json_str
     * reserves before it writes the text (six bytes a byte), and for what
     * follows it: the whole line is some five times the text, so with a
     * smaller first reserve the line was moved by realloc two or three
     * times (0.8% of the instructions of `rasd analyze`, callgrind over
     * 2,000 articles). Pages never written cost nothing. */
    if (a->len <= (SIZE_MAX - 8192) / 6) rasd_buf_reserve(&line, a->len * 6 + 8192);
    document(&line, a);
    if (a->tokens) {
        /* the token array (closed by the analysis) goes before the
         * object's closing brace */
        rasd_json_raw(&line, ",\"tokens\":");
        rasd_buf_append(&line, a->tokens->data, a->tokens->len);
    }
    rasd_json_raw(&line, "}\n");
    if (line.oom) {
        rasd_buf_free(&line);
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory while writing the analysis", a->path);
    }
    *out = line.data; /* malloc'd and NUL-terminated: the caller frees it */
    *out_len = line.len;
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

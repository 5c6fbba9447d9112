/*
 * entities.c: finding actors, people and places in a document (entities.h):
 * the document's entities and places, the analysis of each sentence's
 * words, matching names and deciding what each is.
 *
 * Per sentence: every word is analysed (key, clitics); from each token the
 * name trie is walked with the forms a name can start with (the whole key,
 * the base with its article: للأمم -> الأمم, or the bare base: وقسد -> قسد),
 * then token by token (quotation marks skipped); the longest path ending on
 * a name wins and matching resumes after it. A name's targets decide what
 * it is: an actor (a state is also a place), a place (disambiguate.c picks
 * among namesakes), a title (people.c reads the person after it), or an
 * ambiguous name settled by its rule (disambiguate.c). Then people, bylines
 * and references (people.c) and the tagger's names (tagged_names.c).
 */
#include "extractor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- building */

/* Room for at least count + 1 items. */

char *ex_dup(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}


rasd_entity_extractor *rasd_entity_extractor_new(const rasd_knowledge *kn, rasd_analyzer *an, const char *text,
                                                 size_t len) {
    rasd_entity_extractor *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    x->kn = kn;
    x->an = an;
    x->text = text;
    x->len = len;
    x->out.outlet = UINT32_MAX;
    x->out.dateline = UINT32_MAX;
    x->last_speaker = -1;
    x->last_issuer = -1;
    return x;
}

/* Index of the entity with this id, or -1; with create, a new slot whose
 * id is set (the caller fills the rest). */
int ex_entity_by_id(rasd_entity_extractor *x, const char *id, bool create) {
    rasd_strtab_entry *e = rasd_strtab_get(&x->by_id, id, strlen(id), create);
    if (!e) return -1;
    if (e->count) return (int)e->count - 1;
    if (!rasd_grow((void **)&x->out.items, &x->out.cap, x->out.count, sizeof(rasd_entity))) return -1;
    rasd_entity *en = &x->out.items[x->out.count];
    memset(en, 0, sizeof *en);
    en->actor = UINT32_MAX;
    en->affiliation = UINT32_MAX;
    if (!(en->id = ex_dup(id, strlen(id)))) return -1;
    e->count = (uint32_t)++x->out.count;
    return (int)x->out.count - 1;
}

/* Entity for a KB actor, created on first use. */
int ex_entity_for_actor(rasd_entity_extractor *x, uint32_t actor) {
    int i = ex_entity_by_id(x, x->kn->actors[actor].id, true);
    if (i >= 0) x->out.items[i].actor = actor;
    return i;
}

/* Entity for a person (or, from the tagger, an organisation) found in the
 * text, by the key of the name. */
int ex_entity_for_name(rasd_entity_extractor *x, const char *prefix, const char *surface, size_t n,
                           rasd_entity_origin origin) {
    char key[512], id[600];
    size_t kl = rasd_normalize(surface, n, key, sizeof key);
    if (kl >= sizeof key) kl = strlen(key);
    for (size_t i = 0; i < kl; i++)
        if (key[i] == ' ') key[i] = '_';
    /* snprintf(id, sizeof id, "%s:%s", prefix, key), without its format's cost */
    rasd_put_str(id, sizeof id, rasd_put_str(id, sizeof id, rasd_put_str(id, sizeof id, 0, prefix), ":"), key);
    size_t before = x->out.count;
    int i = ex_entity_by_id(x, id, true);
    if (i < 0 || x->out.count == before) return i; /* known already, or out of memory */
    rasd_entity *e = &x->out.items[i];
    e->origin = origin;
    e->type = strcmp(prefix, "org") == 0 ? "organization" : "person";
    if (!(e->name_ar = ex_dup(surface, n))) return -1;
    return i;
}

int ex_entity_for_person(rasd_entity_extractor *x, const char *surface, size_t n, rasd_entity_origin origin) {
    return ex_entity_for_name(x, "person", surface, n, origin);
}

static bool add_mention(rasd_mention **items, size_t *count, size_t *cap, size_t *total, rasd_mention m) {
    /* the same span twice (found by two rules) is one mention; mentions
     * arrive in text order, so a repeat can only be one of the last few */
    for (size_t i = *count > 4 ? *count - 4 : 0; i < *count; i++)
        if ((*items)[i].start == m.start && (*items)[i].end == m.end) return true;
    (*total)++;
    if (*count >= RASD_MAX_MENTIONS) return true;
    if (!rasd_grow((void **)items, cap, *count, sizeof m)) return false;
    (*items)[(*count)++] = m;
    return true;
}

void ex_mention_entity(rasd_entity_extractor *x, int e, rasd_mention m) {
    if (e < 0) {
        x->failed = true;
        return;
    }
    rasd_entity *en = &x->out.items[e];
    if (!add_mention(&en->mentions, &en->n_mentions, &en->cap_mentions, &en->total_mentions, m)) x->failed = true;
}

int ex_place_hit(rasd_entity_extractor *x, uint32_t place, uint32_t actor) {
    uint32_t key[2] = {place, actor};
    rasd_strtab_entry *e = rasd_strtab_get(&x->place_keys, (const char *)key, sizeof key, true);
    if (!e) return -1;
    if (e->count) return (int)e->count - 1;
    if (!rasd_grow((void **)&x->out.places, &x->out.cap_places, x->out.n_places, sizeof(rasd_place_hit))) return -1;
    rasd_place_hit *p = &x->out.places[x->out.n_places];
    memset(p, 0, sizeof *p);
    p->place = place;
    p->actor = actor;
    e->count = (uint32_t)++x->out.n_places;
    return (int)x->out.n_places - 1;
}

/* A place the tagger found and the gazetteer does not know, by its key. */
int ex_unknown_place(rasd_entity_extractor *x, const char *surface, size_t n) {
    char key[512];
    size_t kl = rasd_normalize(surface, n, key, sizeof key);
    if (kl >= sizeof key) kl = strlen(key);
    char id[520];
    int idl = snprintf(id, sizeof id, "?%s", key); /* "?" keeps these apart from (place, actor) keys */
    rasd_strtab_entry *e = rasd_strtab_get(&x->place_keys, id, (size_t)idl, true);
    if (!e) return -1;
    if (e->count) return (int)e->count - 1;
    if (!rasd_grow((void **)&x->out.places, &x->out.cap_places, x->out.n_places, sizeof(rasd_place_hit))) return -1;
    rasd_place_hit *p = &x->out.places[x->out.n_places];
    memset(p, 0, sizeof *p);
    p->place = UINT32_MAX;
    p->actor = UINT32_MAX;
    char shown[512];
    size_t sl = rasd_name_form(surface, n, shown, sizeof shown);
    if (!(p->name = sl ? ex_dup(shown, sl) : ex_dup(surface, n))) return -1;
    e->count = (uint32_t)++x->out.n_places;
    return (int)x->out.n_places - 1;
}

void ex_mention_place(rasd_entity_extractor *x, int p, rasd_mention m) {
    if (p < 0) {
        x->failed = true;
        return;
    }
    rasd_place_hit *ph = &x->out.places[p];
    if (!add_mention(&ph->mentions, &ph->n_mentions, &ph->cap_mentions, &ph->total_mentions, m)) x->failed = true;
}

void ex_vote_country(rasd_entity_extractor *x, const char *iso3) {
    if (!iso3 || !*iso3) return;
    for (int i = 0; i < 8; i++) {
        if (x->country_codes[i] && strcmp(x->country_codes[i], iso3) == 0) {
            x->country_votes[i]++;
            return;
        }
        if (!x->country_codes[i]) {
            x->country_codes[i] = iso3;
            x->country_votes[i] = 1;
            return;
        }
    }
}

uint32_t ex_votes_for(const rasd_entity_extractor *x, const char *iso3) {
    for (int i = 0; i < 8 && x->country_codes[i]; i++)
        if (strcmp(x->country_codes[i], iso3) == 0) return x->country_votes[i];
    return 0;
}

/* ------------------------------------------------------------- analysis */

static uint32_t push_key(rasd_entity_extractor *x, const char *s, size_t n, uint32_t *len) {
    uint32_t off = (uint32_t)x->keys.len;
    rasd_buf_append(&x->keys, s, n);
    rasd_buf_putc(&x->keys, '\0');
    *len = (uint32_t)n;
    return off;
}

/* Byte offset where the article starts in a word with proclitics before it. */
static size_t article_start(const char *text, const rasd_token *t, const rasd_word *w) {
    /* letters before the article: the proclitics listed before ال (لل
     * counts its first ل); walk the surface skipping marks */
    size_t skip_letters = 0;
    for (int i = 0; i < w->n_proclitics; i++) {
        bool is_al = w->proclitic_len[i] == 4 && memcmp(w->proclitic[i], AL, 4) == 0;
        bool is_lil = w->proclitic_len[i] == 4 && !is_al; /* لل */
        if (is_al) break;
        skip_letters += is_lil ? 1 : w->proclitic_len[i] / 2;
        if (is_lil) break;
    }
    size_t pos = t->start, seen = 0;
    while (pos < t->end && seen < skip_letters) {
        int32_t cp;
        size_t n = rasd_utf8_decode(text + pos, t->end - pos, &cp);
        int32_t out[RASD_NORM_MAX_EXPANSION];
        if (rasd_normalize_char(cp, out) > 0) seen++;
        pos += n;
    }
    return pos;
}

static bool analyse_tokens(rasd_entity_extractor *x, const rasd_token *toks, size_t n) {
    x->keys.len = 0;
    if (!rasd_grow((void **)&x->t, &x->cap_t, n, sizeof(tinfo))) return false;
    if (!rasd_grow((void **)&x->surf_hash, &x->cap_surf_hash, n, sizeof *x->surf_hash)) return false;
    char key[512];
    /* start loading every word's cache line before analysing the first:
     * the lookups' memory latency overlaps (see rasd_analyzer_prefetch).
     * The key is in that line for nine words in ten, so a second pass
     * prefetching keys from the arena cost more than it saved (1%). */
    uint64_t *sh = x->surf_hash;
    for (size_t i = 0; i < n; i++) { /* every token's: the name tagger reads them too */
        sh[i] = rasd_hash_bytes(x->text + toks[i].start, toks[i].end - toks[i].start);
        if (toks[i].type == RASD_TOK_WORD || toks[i].type == RASD_TOK_LATIN) rasd_analyzer_prefetch_hashed(x->an, sh[i]);
    }
    for (size_t i = 0; i < n; i++) {
        tinfo *ti = &x->t[i];
        memset(ti, 0, sizeof *ti);
        ti->tok = toks[i];
        ti->match = -1;
        ti->base_start = toks[i].start;
        ti->art_start = toks[i].start;
        rasd_word w;
        if ((toks[i].type == RASD_TOK_WORD || toks[i].type == RASD_TOK_LATIN) &&
            rasd_analyze_word_hashed(x->an, x->text, toks[i].start, toks[i].end, sh[i], &w) == RASD_OK) {
            ti->word = true;
            /* One copy per word: the base, and the base with its article,
             * are slices of the whole key (proclitics + base + enclitic);
             * only لل (whose article lost its alef) needs a key of its own.
             * Slices are not NUL-terminated: they are used with lengths. */
            ti->key_off = push_key(x, w.norm, w.norm_len, &ti->key_len);
            size_t pro_bytes = (size_t)(w.base - w.norm);
            ti->base_off = ti->key_off + (uint32_t)pro_bytes;
            ti->base_len = (uint32_t)w.base_len;
            ti->base_start = w.base_start;
            bool article = false;
            for (int k = 0; k < w.n_proclitics; k++)
                article |= w.proclitic_len[k] == 4; /* ال or لل */
            if (article) {
                const char *last = w.proclitic[w.n_proclitics - 1];
                if (w.proclitic_len[w.n_proclitics - 1] == 4 && memcmp(last, AL, 4) == 0) {
                    ti->art_off = ti->base_off - 4;
                } else {
                    ti->art_off = (uint32_t)x->keys.len;
                    rasd_buf_append(&x->keys, AL, 4);
                    rasd_buf_append(&x->keys, w.base, w.base_len);
                    rasd_buf_putc(&x->keys, '\0');
                }
                ti->art_len = (uint32_t)(w.base_len + 4);
                ti->art_start = article_start(x->text, &toks[i], &w);
            }
            ti->key_hash = w.norm_hash;
            ti->base_hash = w.base_hash;
            if (ti->art_len) ti->art_hash = rasd_hash_bytes(ex_key(x, ti->art_off), ti->art_len);
            /* the forms a name may start with, asked of the name list's
             * bitset once the sentence is read (match_at): 1.6% of the
             * analysis stalled there */
            rasd_names_prefetch_start(&x->kn->names, ti->key_hash);
            if (ti->base_hash != ti->key_hash) rasd_names_prefetch_start(&x->kn->names, ti->base_hash);
            if (ti->art_len) rasd_names_prefetch_start(&x->kn->names, ti->art_hash);
            for (int k = 0; k < w.n_proclitics; k++)
            {
                ti->bi |= w.proclitic_len[k] == 2 && memcmp(w.proclitic[k], "\xD8\xA8", 2) == 0; /* ب */
                ti->li |= w.proclitic_len[k] >= 2 && memcmp(w.proclitic[k], "\xD9\x84", 2) == 0; /* ل، لل */
            }
            if (!x->no_quote_kinds) ex_quote_kinds(x, ti);
            ti->conj = w.n_proclitics > 0 && w.proclitic_len[0] == 2 &&
                       (memcmp(w.proclitic[0], "\xD9\x88", 2) == 0 || memcmp(w.proclitic[0], "\xD9\x81", 2) == 0);
        } else {
            size_t kl = rasd_name_token_key(x->text, &toks[i], key, sizeof key);
            ti->skip = kl == 0;
            ti->key_off = push_key(x, key, kl, &ti->key_len);
            ti->key_hash = ti->base_hash = rasd_hash_bytes(key, kl);
        }
    }
    return !x->keys.oom;
}

/* ------------------------------------------------------------- matching */

/* A form a name can start with: the key of the whole word, of its base
 * with the article, or of its bare base, and where that form starts. */
typedef struct form {
    uint32_t off, len;
    size_t start;
    uint64_t hash;
    bool bare; /* the base of a word that had the article or a pronoun */
} form;

/* Longest name starting at token i; fills *m and returns true if any. */
static bool match_at(rasd_entity_extractor *x, size_t i, size_t n, match *m) {
    const rasd_names *names = &x->kn->names;
    const tinfo *ti = &x->t[i];
    if (ti->skip || ti->key_len == 0) return false;
    form forms[MAX_FORM];
    int nf = 0;
    forms[nf++] = (form){ti->key_off, ti->key_len, ti->tok.start, ti->key_hash, false};
    if (ti->art_len) forms[nf++] = (form){ti->art_off, ti->art_len, ti->art_start, ti->art_hash, false};
    if (ti->base_len && ti->base_len != ti->key_len)
        forms[nf++] = (form){ti->base_off, ti->base_len, ti->base_start, ti->base_hash,
                             ti->art_len || ti->base_off + ti->base_len < ti->key_off + ti->key_len};
    bool found = false;
    for (int f = 0; f < nf; f++) {
        if (!rasd_names_may_start_hashed(names, forms[f].hash)) continue;
        uint32_t node = rasd_names_child_hashed(names, 0, ex_key(x, forms[f].off), forms[f].len, forms[f].hash);
        size_t j = i, best_j = 0;
        uint32_t best_node = 0;
        while (node) {
            size_t cnt;
            if (rasd_names_targets(names, node, &cnt)) {
                best_node = node;
                best_j = j;
            }
            size_t k = j + 1;
            while (k < n && x->t[k].skip) k++; /* quotation marks inside a name */
            if (k >= n) break;
            node = rasd_names_child_hashed(names, node, ex_key(x, x->t[k].key_off), x->t[k].key_len, x->t[k].key_hash);
            j = k;
        }
        if (best_node && (!found || best_j > m->tj)) {
            found = true;
            *m = (match){i, best_j, best_node, forms[f].start, x->t[best_j].tok.end, -1, -1, -1, -1, forms[f].bare};
        }
    }
    return found;
}

/* Does a line start at pos (only spaces before it since the line break)?
 * Paragraphs are lines, and the segmenter records a paragraph only once
 * its line is done, so the text itself is asked. */
bool ex_opens_line(const rasd_entity_extractor *x, size_t pos) {
    while (pos > 0) {
        char c = x->text[pos - 1];
        if (c == '\n') return true;
        if (c != ' ' && c != '\t' && c != '\r') return false;
        pos--;
    }
    return true;
}

bool ex_is_dash(const rasd_entity_extractor *x, const tinfo *t) {
    if (t->tok.type != RASD_TOK_PUNCT) return false;
    const char *k = ex_key(x, t->key_off);
    return strcmp(k, "-") == 0 || strcmp(k, "\xE2\x80\x93") == 0 || strcmp(k, "\xE2\x80\x94") == 0;
}

/* A dateline: the name opens its paragraph and a dash follows it. */
bool ex_is_dateline(const rasd_entity_extractor *x, const match *m, size_t n) {
    return ex_opens_line(x, x->t[m->ti].tok.start) && m->tj + 1 < n && ex_is_dash(x, &x->t[m->tj + 1]);
}

static const char *rule_name(const rasd_name_target *t) {
    if (t->flags & RASD_NAME_LOADED) return "kb:loaded-label";
    if (t->flags & RASD_NAME_VARIANT) return "kb:spelling-variant";
    if (t->flags & RASD_NAME_AMBIGUOUS) return "kb:ambiguous-name";
    if (t->flags & RASD_NAME_PRIMARY) return t->kind == RASD_NAME_PLACE ? "gazetteer:name" : "kb:name";
    return t->kind == RASD_NAME_PLACE ? "gazetteer:alias" : "kb:alias";
}


/* Records an actor's mention; a state is also a place. */
static void record_actor(rasd_entity_extractor *x, match *m, uint32_t actor, rasd_mention mn) {
    m->entity = ex_entity_for_actor(x, actor);
    ex_mention_entity(x, m->entity, mn);
    const rasd_actor *a = &x->kn->actors[actor];
    ex_vote_country(x, a->country);
    if (strcmp(a->type, "state") == 0) {
        int ph = ex_place_hit(x, UINT32_MAX, actor);
        ex_mention_place(x, ph, mn);
        m->place = ph;
    }
}

/* A one-word place name that news mostly uses as a common word (مسقط in
 * مسقط رأس "birthplace"، بصري "visual"، عالية "high"، القادسية a club): the
 * name tagger's profile of the word says it is seldom inside a place's
 * name. It is the place only where a word before it says so (في، مدينة،
 * ب attached), beside another place, or in a dateline. */
#define COMMON_PLACE_WORD 20

static bool common_place_word(rasd_entity_extractor *x, const match *m, size_t n) {
    if (m->ti != m->tj || !x->tagger) return false;
    const tinfo *t = &x->t[m->ti];
    /* a word too rare to be a common word of news is what it names (الباغوز) */
    if (rasd_lexicon_count(rasd_analyzer_lexicon(x->an), ex_key(x, t->base_off), t->base_len) < COMMON_PLACE_WORD) return false;
    rasd_ner_word_profile p;
    if (!rasd_ner_profile_of(x->tagger, t->base_hash, &p)) return false;
    if (p.type_known && (p.type != RASD_NER_LOC ? p.count_step < 1 : p.share >= .25f)) return false;
    if (ex_is_dateline(x, m, n)) return false;
    /* a word the news never reads as a place's (a verb سأل، a noun قارة، a
     * first name حاتم) needs a noun of place or a place before it: a
     * preposition or a nisba after it goes as well with the word; a town
     * read mostly as its club (مدريد، روما) a preposition of place too */
    if (p.type_known && p.type == RASD_NER_ORG) return !ex_strong_place_cue(x, m->ti) && !ex_place_prep_before(x, m->ti);
    if (!p.type_known || p.type != RASD_NER_LOC) return !ex_strong_place_cue(x, m->ti);
    return !ex_place_cue(x, m->ti, m->tj + 1, n);
}

/* A name whose every target is a place (a town, not a state or a title). */
static bool place_only(const rasd_entity_extractor *x, const match *m) {
    size_t cnt;
    const struct rasd_name_pair *p = rasd_names_targets(&x->kn->names, m->node, &cnt);
    for (size_t i = 0; i < cnt; i++)
        if (p[i].target.kind != RASD_NAME_PLACE) return false;
    return cnt > 0;
}

/* A person's one-word name matched only once the word's article or
 * pronoun was cut off, when the name is also a word of the dictionary the
 * news does not read as a name (الرئيسي -> رئيسي "main", القاني -> قاني
 * "crimson"). News writes some foreign names with a stray article too
 * (الخامنئي، البارزاني): those are no words. */
static bool person_in_word(const rasd_entity_extractor *x, const match *m, uint32_t actor) {
    if (!m->bare || m->ti != m->tj || strcmp(x->kn->actors[actor].type, "person") != 0) return false;
    const tinfo *t = &x->t[m->ti];
    const rasd_lexicon *lex = rasd_analyzer_lexicon(x->an);
    return (rasd_lexicon_word_class(lex, ex_key(x, t->base_off), t->base_len) & RASD_WORD_NOUN) &&
           !ex_mostly_named(x, t, RASD_NER_PERS);
}

/* The actor is a person the match does not name: a namesake after
 * another first name (disambiguate.c) or a word of the dictionary. */
static bool not_this_person(const rasd_entity_extractor *x, const match *m, uint32_t actor) {
    return ex_person_namesake(x, m, actor) || person_in_word(x, m, actor);
}

/* Decides what a matched name is and records it. */
static void resolve(rasd_entity_extractor *x, match *m, size_t n, size_t sentence) {
    size_t cnt;
    const struct rasd_name_pair *p = rasd_names_targets(&x->kn->names, m->node, &cnt);
    const rasd_name_target *actor = NULL, *title = NULL, *ambiguous = NULL;
    bool place = false;
    for (size_t i = 0; i < cnt; i++)
        if (p[i].target.kind == RASD_NAME_FRAME) m->frame = (int)p[i].target.index;
    for (size_t i = 0; i < cnt; i++) {
        const rasd_name_target *t = &p[i].target;
        if (t->flags & RASD_NAME_AMBIGUOUS) {
            if (!ambiguous) ambiguous = t;
            continue;
        }
        if (t->kind == RASD_NAME_ACTOR && (!actor || (t->flags & RASD_NAME_PRIMARY))) actor = t;
        else if (t->kind == RASD_NAME_TITLE && !title) title = t;
        else if (t->kind == RASD_NAME_PLACE) place = true;
    }
    rasd_mention mn = {m->start, m->end, sentence, NULL, 0};
    if (ambiguous) {
        if (title) m->title = (int)title->index; /* الأمين العام: a title first of all */
        const rasd_name_target *pick = ex_decide_ambiguous(x, m, n, p, cnt);
        if (!pick) return; /* the common word, or no context to decide */
        mn.rule = pick->kind == RASD_NAME_PLACE ? "ambiguous:place-by-context" : "ambiguous:actor-by-context";
        if (pick->kind == RASD_NAME_PLACE) {
            int ph = ex_place_hit(x, pick->index, UINT32_MAX);
            ex_mention_place(x, ph, mn);
            m->place = ph;
            if (ex_is_dateline(x, m, n) && ph >= 0) {
                mn.rule = "ambiguous:dateline";
                x->out.places[ph].dateline = true;
                if (x->out.dateline == UINT32_MAX) x->out.dateline = (uint32_t)ph;
            }
        } else if (!not_this_person(x, m, pick->index)) {
            record_actor(x, m, pick->index, mn);
        }
        return;
    }
    /* مسعود أوزيل، سليمان الأسد: a namesake, left to the tagger; and a
     * person's one-word name read inside a word with the article or a
     * pronoun is that word (القاني "crimson" is no قاني), as for places */
    if (actor && not_this_person(x, m, actor->index)) return;
    if (actor) {
        mn.rule = rule_name(actor);
        mn.label = actor->label;
        record_actor(x, m, actor->index, mn);
        if (title) m->title = (int)title->index; /* a name that is also a title (rare) */
        return;
    }
    if (title) {
        m->title = (int)title->index;
        return;
    }
    /* A one-word place name read inside a word that had the article or a
     * possessive pronoun is that word, not the place: الجاسم (a family
     * name) is no جاسم, المالي (financial) no مالي, سيرتهم (their
     * biography) no سيرت. Arabic place names keep or lack their article
     * as they are listed; prepositions and و are still cut off (وحلب). */
    if (place && m->bare && m->ti == m->tj) return;
    if (place && (common_place_word(x, m, n) || ex_small_town_without_evidence(x, m, n, sentence) ||
                  ex_inside_tagged_person(x, m, n)))
        return;
    if (place && (ex_adjective_of_noun(x, m->ti, m->tj) || (m->ti == m->tj && ex_pronoun_on_word(x, &x->t[m->ti]))))
        return;
    if (place) {
        uint32_t best = ex_best_place(x, p, cnt);
        size_t namesakes = 0;
        mn.rule = "gazetteer";
        for (size_t i = 0; i < cnt; i++) {
            if (p[i].target.kind != RASD_NAME_PLACE) continue;
            namesakes += i == 0 || p[i - 1].target.index != p[i].target.index || p[i - 1].target.kind != RASD_NAME_PLACE;
            if (p[i].target.index == best) mn.rule = rule_name(&p[i].target);
        }
        /* several places of this name: say that context chose, never silently */
        if (namesakes > 1) mn.rule = "gazetteer:namesake-chosen-by-context";
        int ph = ex_place_hit(x, best, UINT32_MAX);
        ex_mention_place(x, ph, mn);
        m->place = ph;
        if (ex_is_dateline(x, m, n) && ph >= 0) {
            x->out.places[ph].dateline = true;
            if (x->out.dateline == UINT32_MAX) x->out.dateline = (uint32_t)ph;
        }
        ex_vote_country(x, x->kn->places[best].country);
    }
}

/* Marks the tokens a mention of this sentence covers. */
static void cover(rasd_entity_extractor *x, size_t n, size_t start, size_t end) {
    /* tokens are in text order: find the first that ends after start */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (x->t[mid].tok.end <= start) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i < n && x->t[i].tok.start < end; i++) x->covered[i] = 1;
}

bool ex_cover_sentence(rasd_entity_extractor *x, size_t n, size_t sentence) {
    if (!rasd_grow((void **)&x->covered, &x->cap_covered, n, 1)) return false;
    memset(x->covered, 0, n);
    for (size_t i = 0; i < x->n_m; i++)
        for (size_t k = x->m[i].ti; k <= x->m[i].tj; k++) x->covered[k] = 1;
    /* people from titles and bylines are recent mentions of this sentence */
    size_t from = x->out.count > RECENT ? x->out.count - RECENT : 0;
    for (size_t e = from; e < x->out.count; e++) {
        const rasd_entity *en = &x->out.items[e];
        for (size_t m = en->n_mentions; m-- > 0 && en->mentions[m].sentence == sentence;)
            cover(x, n, en->mentions[m].start, en->mentions[m].end);
    }
    return true;
}

/* --------------------------------------------------------------- driver */

rasd_status rasd_entity_extract_sentence(rasd_entity_extractor *x, const rasd_token *toks, size_t n, size_t sentence) {
    if (n == 0) return RASD_OK;
    if (!analyse_tokens(x, toks, n)) return RASD_ERR_NOMEM;
    /* the root edges of the forms that may start a name, asked for all at
     * once before the walks read them one by one */
    for (size_t i = 0; i < n; i++) {
        const tinfo *ti = &x->t[i];
        if (ti->skip || ti->key_len == 0) continue;
        rasd_names_prefetch_root_edge(&x->kn->names, ti->key_hash);
        if (ti->art_len) rasd_names_prefetch_root_edge(&x->kn->names, ti->art_hash);
        if (ti->base_len && ti->base_len != ti->key_len) rasd_names_prefetch_root_edge(&x->kn->names, ti->base_hash);
    }
    x->n_m = 0;
    for (size_t i = 0; i < n;) {
        match m;
        if (!match_at(x, i, n, &m)) {
            i++;
            continue;
        }
        if (ex_prayer_time(x, m.ti, m.tj)) { /* صلاة المغرب: no name at all */
            i = m.tj + 1;
            continue;
        }
        /* نيو [جيرزي]، ساوث [ويلز]: a place's or a country's name is one
         * word of another place's name after a compound's first word (the
         * whole compound is matched first when the dictionaries hold it) */
        if (ex_after_compound_opener(x, m.ti)) {
            i = m.tj + 1;
            continue;
        }
        if (place_only(x, &m) && (ex_not_a_place_here(x, m.ti, m.tj, n) || ex_place_cut_short(x, m.ti, m.tj, n) ||
                                  ex_street_named(x, m.ti) || ex_place_in_construct(x, m.ti, m.tj, n) ||
                                  ex_team_after_li(x, m.ti, m.start, n))) {
            /* left to people and the tagger */
            i = m.tj + 1;
            continue;
        }
        if (!rasd_grow((void **)&x->m, &x->cap_m, x->n_m, sizeof(match))) return RASD_ERR_NOMEM;
        x->m[x->n_m] = m;
        for (size_t k = m.ti; k <= m.tj; k++) x->t[k].match = (int)x->n_m;
        resolve(x, &x->m[x->n_m], n, sentence);
        x->n_m++;
        i = m.tj + 1;
    }
    ex_find_people(x, n, sentence);
    ex_find_byline(x, n, sentence);
    if (!ex_cover_sentence(x, n, sentence)) return RASD_ERR_NOMEM;
    ex_link_references(x, n, sentence);
    if (x->tagger) {
        rasd_status st = ex_tag_names(x, toks, n, sentence);
        if (st != RASD_OK) return st;
    }
    if (!x->no_quotes) ex_find_quotes(x, n, sentence); /* speakers may be any of the above */
    if (!x->no_framing) ex_find_framing(x, n, sentence);
    return x->failed ? RASD_ERR_NOMEM : RASD_OK;
}

const char *rasd_entity_token_key(const rasd_entity_extractor *x, size_t i, size_t *len, uint64_t *hash) {
    if (i >= x->cap_t || !x->t[i].word) return NULL;
    *len = x->t[i].key_len;
    *hash = x->t[i].key_hash;
    return ex_key(x, x->t[i].key_off);
}

rasd_status rasd_entity_extractor_finish(rasd_entity_extractor *x, rasd_entities *out) {
    /* people take their country from the actor they speak for */
    for (size_t i = 0; i < x->out.count; i++) {
        rasd_entity *e = &x->out.items[i];
        if (e->actor != UINT32_MAX || e->affiliation == UINT32_MAX || e->country) continue;
        const rasd_entity *aff = &x->out.items[e->affiliation];
        if (aff->actor != UINT32_MAX && *x->kn->actors[aff->actor].country)
            e->country = ex_dup(x->kn->actors[aff->actor].country, 3);
    }
    *out = x->out;
    memset(&x->out, 0, sizeof x->out);
    return x->failed ? RASD_ERR_NOMEM : RASD_OK;
}

void rasd_entities_free(rasd_entities *e) {
    for (size_t i = 0; i < e->count; i++) {
        rasd_entity *en = &e->items[i];
        free(en->id);
        free(en->name_ar);
        free(en->title);
        free(en->role);
        free(en->byline_role);
        free(en->country);
        free(en->mentions);
    }
    free(e->items);
    for (size_t i = 0; i < e->n_places; i++) {
        free(e->places[i].mentions);
        free(e->places[i].name);
    }
    free(e->places);
    free(e->quotes);
    free(e->framing);
    memset(e, 0, sizeof *e);
}

void rasd_entity_extractor_destroy(rasd_entity_extractor *x) {
    if (!x) return;
    rasd_entities_free(&x->out);
    rasd_strtab_free(&x->by_id);
    rasd_strtab_free(&x->place_keys);
    rasd_strtab_free(&x->surnames);
    ex_pending_places_free(x);
    free(x->covered);
    rasd_buf_free(&x->keys);
    free(x->t);
    free(x->surf_hash);
    free(x->m);
    free(x);
}

/*
 * events_internal.h: the state the event coder keeps over one sentence,
 * shared by events.c (the sentence loop, codes), events_match.c (triggers
 * and cues), events_parties.c (the subject rules), events_modality.c
 * (whether it happened; flags), events_attach.c (place, date, magnitudes,
 * actor codes), events_actors.c (the sentence's participants),
 * events_clues.c (a mention's role), events_agency.c (who did it, one
 * construction each), events_sources.c (the source when the subject rules
 * found nobody), events_unnamed.c (a party no dictionary names),
 * events_assault.c (assault or fight) and
 * events_morph.c (inflections back to listed forms). Internal to
 * src/extract/: every name here is prefixed ev_ (cand: a trigger occurrence).
 */
#ifndef RASD_EVENTS_INTERNAL_H
#define RASD_EVENTS_INTERNAL_H

#include "events.h"
#include "extractor.h"

/* What the event trie says about the path starting at one token. */
typedef struct ev_hit {
    uint32_t node; /* 0: nothing starts here */
    uint32_t tj;   /* last token of the path */
    bool future;   /* matched only once a future س was taken off (سيقصف) */
    bool cue;      /* some node along the path (not only its end) is a cue */
    uint8_t mark;  /* the closed class at the path's end (EV_MARK_*), or 0 */
    uint8_t kinds; /* a bit per kind of target at the path's end (1 << EV_*) */
    uint8_t morph; /* EV_MORPH_* when found only through an inflection (events_morph.c), else 0 */
    bool pronoun;  /* ... and that inflection undid an object or possessive pronoun (قتلوهم، اعتقاله) */
} ev_hit;

/* An inflected word brought back to a form the dictionary lists. */
enum { EV_MORPH_VERB = 1, EV_MORPH_NOUN = 2, EV_MORPH_ANY = 3, EV_MORPH_FUTURE = 4, EV_MORPH_PRONOUN = 8 };
#define EV_FORM_BYTES 64
#define EV_MAX_FORMS 32
#define EV_NO_INFLECTION_SLOTS (1u << 17)
typedef struct ev_form {
    char key[EV_FORM_BYTES];
    size_t len;
    uint8_t kind; /* EV_MORPH_*: which rows the form may stand for */
} ev_form;

/* The forms the word's base (its key, proclitics off) may be an inflection
 * of: object and possessive pronouns, subject suffixes and present
 * prefixes undone (قتلوهم → قتلوا، نستهدف → يستهدف، اعتقاله → اعتقال). */
size_t ev_inflections(const char *base, size_t len, ev_form *out, size_t max);

/* A participant named in the sentence: an entity mention or a generic agent. */
typedef struct ev_mention {
    size_t ti, tj;     /* first and last token */
    size_t start, end;
    int entity, agent;
    int nation;        /* nationality row that follows an agent, or -1 */
    bool person;
    bool attr;         /* after التابع ل، باسم ...: a description, not a party */
    bool state;        /* a state (تركيا): also a place */
} ev_mention;

struct rasd_event_coder {
    const rasd_event_dict *d;
    const rasd_knowledge *kn;
    const char *published;
    rasd_event_list out;
    ev_hit *hits;
    size_t cap_hits;
    ev_mention *ms;
    size_t n_ms, cap_ms;
    uint8_t *used; /* per token: a cue already used by a trigger */
    size_t cap_used;
    size_t n;      /* tokens of the current sentence */
    size_t sentence;
    rasd_entity_extractor *x;
    size_t quote_from; /* the quotes of this sentence are x->out.quotes[quote_from..] */
    size_t sports_words; /* words of sport read so far in the document (match, league, player ...) */
    uint64_t sport_bits[4]; /* a filter of those words' hashes (sports_word) */
    size_t doc_assaults; /* one-sided acts read so far in the document (a bombing, people killed) */
    size_t doc_fights;   /* fights read so far (battles, strikes, clashes between two) */
    const rasd_number_list *nums; /* the sentence's numbers are nums->items[nb..] */
    size_t nb;
    bool failed;
};

/* Bases none of whose inflections starts a path of the trie (most words),
 * by hash, direct-mapped, per thread (in the thread's analyzer) and kept
 * from one document to the next: a word's inflections are worked out about
 * once per run, not at every occurrence (a tenth of the coder's time
 * otherwise). Tied to the dictionary it was filled from. News has far more
 * bases than the 8,192 slots this once had: they kept evicting each other,
 * and a base came back through ev_inflections 57 times an article, 2% of
 * analyze; with 2^17 slots (1 MB, its pages touched only where bases land)
 * and the bases below that the bitset alone let through, 22 times
 * (callgrind, 2,000 articles: the coder -13%, analyze -1.6%). */
typedef struct no_inflection_memo {
    const rasd_event_dict *dict;
    uint64_t hash[EV_NO_INFLECTION_SLOTS];
} no_inflection_memo;
/* The thread's memo (events_match.c), or NULL (out of memory). */
no_inflection_memo *ev_thread_memo(rasd_analyzer *an);

/* The closed class (EV_MARK_*) of the path at token i, or 0. (These
 * three are inline: the rules of every file ask them of token after
 * token; callgrind, 500 articles: analyze -0.25% against a call each) */
static inline int ev_mark(const rasd_event_coder *c, size_t i) { return i < c->n ? c->hits[i].mark : 0; }
/* Does the path at token i carry a target of this kind (and index, unless -1)? */
bool ev_has_target(const rasd_event_coder *c, size_t i, int kind, int64_t index);
static inline bool ev_has(const rasd_event_coder *c, size_t i, int kind, int64_t index) {
    if (i >= c->n || !(c->hits[i].kinds & (1u << kind))) return false;
    return index < 0 || ev_has_target(c, i, kind, index);
}
/* The token carries a preposition ب، ل or ك (بالتحقيق، للقتال). */
bool ev_has_prep_clitic(const rasd_event_coder *c, size_t i, char which);
static inline bool ev_is_punct(const rasd_event_coder *c, size_t i) { return c->x->t[i].tok.type == RASD_TOK_PUNCT; }
/* Is token k's key (or, with base, its base: proclitics and the article
 * off) one of words (folded keys: ة as ه, ى as ي, أ as ا)? */
typedef struct ev_word {
    const char *w;
    size_t len;
} ev_word;
#define EV_WORD(lit) {lit, sizeof lit - 1}
bool ev_word_in(const rasd_event_coder *c, size_t k, bool base, const ev_word *words, size_t n);
/* Is token i (part of) a number of the sentence: 15، خمسة، عشرات? */
bool ev_is_count(const rasd_event_coder *c, size_t i);
/* Is token i a quantity a plural noun counts: آلاف، الآلاف، عشرات، مئات? */
bool ev_is_quantity(const rasd_event_coder *c, size_t i);

/* events_actors.c */
bool ev_find_mentions(rasd_event_coder *c);
/* The mention starting at or after token from with at most gap words
 * before it (punctuation and quotation marks not counted), none of them
 * a preposition; -1 if none. until: no token at or after it is searched. */
int ev_mention_after(const rasd_event_coder *c, size_t from, size_t until, int gap, bool allow_prep_words);
/* The same for a subject after its verb: only the heads of a subject (a
 * force, a title, an agent word) may come before the name. */
int ev_subject_after(const rasd_event_coder *c, size_t from, int gap);
/* A resumptive فيه/فيها at token k (الساعة التي اقتحمت فيها الشرطة: the
 * relative clause has a subject of its own, after it). */
bool ev_resumptive(const rasd_event_coder *c, size_t k);
/* The mention that ends just before token v (a subject before its verb). */
int ev_mention_before(const rasd_event_coder *c, size_t v, size_t from);
void ev_set_actor(const rasd_event_coder *c, int m, rasd_event_actor *a, const char *rule);

/* The CAMEO root of a code: its first two digits as a number. */
static inline int ev_root(const char *cameo) { return (cameo[0] - '0') * 10 + (cameo[1] - '0'); }

/* A trigger occurrence and the dictionary row its form and cue chose. */
typedef struct cand {
    size_t i;          /* trigger token */
    uint32_t tj;       /* its last token */
    int row;
    size_t cue_i, cue_j; /* the cue words (cue_i == 0 && cue_j == 0: none) */
    bool noun;
} cand;



/* events_match.c: the longest path of the event trie at each word of the
 * sentence into c->hits; the row the trigger at token i takes (false if
 * none of its rows fits its form). */
void ev_find_hits(rasd_event_coder *c);
bool ev_pick_row(rasd_event_coder *c, size_t i, cand *out);

/* events_parties.c: the subject rules. */
/* The first word of what a speech trigger asks, charges or warns of, or c->n. */
size_t ev_issue_head(const rasd_event_coder *c, const cand *u);
void ev_read_parties(const rasd_event_coder *c, const cand *cd, const rasd_number_list *nums, size_t nb, bool quoted,
                     int speaker, size_t q_first, bool ambiguous, rasd_event *e, size_t *after_io,
                     const char **src_rule_out);

/* events_modality.c: whether it happened, and the flags of what did not. */
bool ev_no_happening(const rasd_event_coder *c, const cand *cd, const rasd_event *e, bool ambiguous, size_t after,
                     const char *src_rule);
void ev_flags(const rasd_event_coder *c, size_t i, rasd_event *e);

/* events_attach.c: what an event carries besides its participants. */
const char *ev_acled_type(const rasd_event_coder *c, const rasd_trigger *r, const rasd_event *e);
void ev_attach(const rasd_event_coder *c, const rasd_trigger *r, rasd_event *e, const rasd_number_list *nums, size_t nb,
               const rasd_date_list *dates, size_t db);

/* Is the agent row the people of a protest (protesters, sit-in protesters)? */
bool ev_agent_is_protesters(const rasd_event_dict *d, int agent);
/* The mention whose first token is k, or -1. */
int ev_mention_starting(const rasd_event_coder *c, size_t k);

/* events_clues.c: what the words around a mention say of its role. */
/* The mention whose last token is k, or -1. */
int ev_mention_ending(const rasd_event_coder *c, size_t k);
/* Is the mention m introduced by a preposition other than a genitive ل? */
bool ev_after_preposition(const rasd_event_coder *c, int m);
bool ev_is_force(const rasd_event_coder *c, int m);
bool ev_genitive_is_object(const rasd_event_coder *c, const rasd_trigger *r, int m);
/* A definite genitive with an indefinite accusative after it (تدمير المتطرفين أضرحة): the agent. */
bool ev_object_after_genitive(const rasd_event_coder *c, int g);
bool ev_plural_agreement(const rasd_event_coder *c, size_t i);
bool ev_has_object_after(const rasd_event_coder *c, int m);
/* Is the mention a generic plural in -ين, which no verb has as its subject? */
bool ev_oblique_plural(const rasd_event_coder *c, int m);
int ev_speaker_before_colon(const rasd_event_coder *c, size_t i);
/* سبق before a verb (سبق واعتقل، سبق أن خطف): its token, or SIZE_MAX. */
size_t ev_already_before(const rasd_event_coder *c, size_t i);
/* Counted people before a passive killing verb (العشرات من المسلحين قتلوا في): its victims. */
int ev_counted_victims_before(const rasd_event_coder *c, const cand *cd, size_t clause);

/* events_agency.c: who did it, one construction each (-1: none). */
/* A control verb at token k (تمكن، استطاع، حاول، قام ب ...). */
bool ev_control_verb(const rasd_event_coder *c, size_t k);
/* The subject of the control verb that governs the verbal noun at token i
 * (its token in *verb, else SIZE_MAX). */
int ev_controller_subject(const rasd_event_coder *c, size_t i, size_t clause, size_t *verb);
/* The subject of a verb of carrying out whose pronoun stands for the event (شنتها). */
int ev_doer_after(const rasd_event_coder *c, const cand *cd, int tgt);
/* The agent of a death's or a wound's cause (جراء غارات التحالف). */
int ev_agent_of_cause(const rasd_event_coder *c, const cand *cd, int tgt);
/* The source of the event a result follows from (مما أدى إلى مقتل). */
int ev_source_of_result(const rasd_event_coder *c, size_t i);
/* The authority that announces an impersonal passive (أعلنت الشرطة أنه تم). */
int ev_announcer_of_passive(const rasd_event_coder *c, size_t i, int tgt);
/* The subject of the sentence a participle after a comma describes (متهمة). */
int ev_subject_of_participle(const rasd_event_coder *c, size_t i);
/* Who claimed or was credited with the attack later in the sentence (تبناه). */
int ev_claimer_after(const rasd_event_coder *c, const cand *cd, int tgt);
/* The subject of a verb and subject right before a verb joined by و (حاولت السعودية واستقبلت). */
int ev_subject_of_verb_before(const rasd_event_coder *c, size_t i, size_t clause);

/* events_sources.c: the source when the subject rules of events_parties.c
 * found nobody, from the sentence's structure first, then labelled guesses. */
int ev_fallback_source(const rasd_event_coder *c, const cand *cd, const rasd_trigger *r, bool victim, int tgt,
                       size_t i, size_t clause, const char **rule);
/* The speaker of an appeal or a demand a noun of necessity states (ضرورة). */
bool ev_speaker_of_statement(const rasd_event_coder *c, const cand *cd, bool quoted, int speaker, rasd_event_actor *a);
void ev_previous_source(const rasd_event_coder *c, rasd_event_actor *a);
void ev_previous_mention(const rasd_event_coder *c, rasd_event_actor *a);
/* A rule that guesses from what is near rather than reads the structure. */
bool ev_weak_rule(const char *rule);

/* events_unnamed.c: a party no dictionary names, as the text of its phrase. */
void ev_np_after_verb(const rasd_event_coder *c, const cand *cd, bool victim, rasd_event_actor *a);
bool ev_unnamed_agent(const rasd_event_coder *c, const cand *cd, rasd_event_actor *a);
bool ev_np_before_verb(const rasd_event_coder *c, size_t i, size_t clause, bool victim, rasd_event_actor *a);

/* events_assault.c: assault (18) or fight (19), from who the violence fell on. */
bool ev_is_victim_row(const rasd_trigger *r);
bool ev_is_civilian(const rasd_event_coder *c, const rasd_event_actor *a);
bool ev_actor_is_force(const rasd_event_coder *c, const rasd_event_actor *a);
/* Is event e (of row r, its trigger ending at token tj) violence on people
 * who do not fight back? pronoun: the trigger carries its object. */
bool ev_one_sided(const rasd_event_coder *c, const rasd_trigger *r, const rasd_event *e, bool pronoun, size_t tj);
/* The sentence's events from `first` on, recoded as one happening. */
void ev_one_happening(rasd_event_coder *c, size_t first);

#endif

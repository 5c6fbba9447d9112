/*
 * knowledge.h: the knowledge base in memory: actors (data/kb/), places
 * (data/gazetteer/ and any GeoNames dump), titles, loaded-label categories
 * and disambiguation rules, with every name compiled into one trie.
 */
#ifndef RASD_KNOWLEDGE_H
#define RASD_KNOWLEDGE_H

#include "core/arena.h"
#include "names.h"

typedef struct rasd_actor {
    const char *id, *type, *country, *parent_id, *cameo, *name_en, *name_ar, *note;
    /* the other names as actors.tsv writes them, '|' between them ("" when
     * none): aliases in Arabic and in English, and loaded names with their
     * category (ميليشيات قنديل=militia), for the actor's page */
    const char *aliases_ar, *aliases_en, *loaded_ar;
    uint32_t parent; /* index, or UINT32_MAX */
    uint16_t file;
    uint32_t line;
} rasd_actor;

typedef struct rasd_place {
    const char *id, *name_en, *name_ar, *country, *admin1, *feature, *source;
    double lat, lon;
    uint32_t population;
    uint8_t priority; /* higher wins among places of one name */
} rasd_place;

typedef struct rasd_title {
    const char *text, *role, *name_en;
} rasd_title;

/* A loaded term (data/framing/labels.tsv) and how it attaches to an actor. */
enum {
    RASD_ATTACH_BEFORE = 1, /* the term comes before its actor: مليشيا قسد */
    RASD_ATTACH_AFTER = 2,  /* after it: قسد الإرهابية */
    RASD_ATTACH_OF = 4,     /* it names the actor with a nationality: الاحتلال الأميركي */
    RASD_ATTACH_DEATH = 8,  /* a word of death, about the victims named after it */
    RASD_ATTACH_EVENT = 16  /* it qualifies an event, not an actor */
};
typedef struct rasd_frame_term {
    const char *term, *label;
    int polarity;
    unsigned attaches; /* RASD_ATTACH_* flags; several are tried in order */
} rasd_frame_term;

/* A short reference (التنظيم، الشيخ) and what it may refer to. */
typedef enum { RASD_REF_TYPE = 0, RASD_REF_ROLE = 1, RASD_REF_TITLE = 2 } rasd_ref_kind;
typedef struct rasd_reference {
    rasd_ref_kind what;
    const char *value; /* an actor type, a title role, or text a title contains */
} rasd_reference;

enum { RASD_SAY = 1, RASD_SAY_CONTINUE = 2, RASD_SAY_POST = 3, RASD_SAY_PARTICIPLE = 4 };
enum { RASD_SOURCE_DOCUMENT = 1, RASD_SOURCE_POST = 2, RASD_SOURCE_ANONYMOUS = 3, RASD_SOURCE_ACCORDING = 4 };

/* Disambiguation rules of data/kb/ambiguous.tsv (stable numbers). */
enum {
    RASD_RULE_NONE = 0,
    RASD_RULE_DATELINE_OR_SUBJECT = 1, /* a place in a dateline, else the actor */
    RASD_RULE_NAME_AFTER_TITLE = 2,    /* a person only after a title or first name, else nothing */
    RASD_RULE_STATE_UNLESS_MEASURE = 3, /* the state, unless it measures something (قطر: diameter) */
    RASD_RULE_CONTEXT_ONLY = 4,         /* a candidate the document already mentions, else nothing */
    RASD_RULE_FIRST_UNLESS_CONTEXT = 5, /* the first candidate, unless the document points to another */
    RASD_RULE_OUTLET_CONTEXT = 6        /* the outlet after a media word (قناة، وكالة) or in quotes */
};

struct rasd_knowledge {
    rasd_actor *actors;
    size_t n_actors;
    rasd_place *places;
    size_t n_places;
    rasd_title *titles;
    size_t n_titles;
    char **labels; /* loaded-label categories; index 0 is "" */
    size_t n_labels;
    char **files;  /* data files, for messages */
    size_t n_files;
    rasd_frame_term *frames;
    size_t n_frames;
    rasd_reference *refs;
    size_t n_refs;
    rasd_strtab ref_words; /* key -> index + 1 into refs */
    uint64_t ref_bits[1024];  /* a bit per hash of each reference word: a quick "no" */
    rasd_strtab not_names; /* keys that never start or continue a person's name */
    rasd_strtab not_places; /* keys never matched as a place (common words) */
    rasd_strtab say_verbs;  /* data/quotes/verbs.tsv: key -> kind (RASD_SAY_*) in count */
    rasd_strtab quote_sources; /* data/quotes/sources.tsv: key -> kind (RASD_SOURCE_*) in count */
    uint64_t say_bits[1024], source_bits[1024]; /* a bit per hash of their keys: a quick "no" */
    rasd_names names;
    rasd_strtab ids;       /* actor id -> index + 1 (flags: file << 24 | line) */
    rasd_strtab place_ids; /* place id -> index + 1 */
    rasd_strtab capitals; /* ISO3 -> place index + 1 of its capital */
    rasd_arena pool;      /* every string */
    struct rasd_event_dict *events; /* the event coder's dictionary (event_dict.h, data/events/) */
    double load_ms;
    size_t n_names;
};

/* False when key is certainly not a reference word (references.tsv). */
static inline bool rasd_knowledge_may_refer(const rasd_knowledge *kn, const char *key, size_t len) {
    uint64_t h = rasd_hash_bytes(key, len) & (1024 * 64 - 1);
    return (kn->ref_bits[h >> 6] >> (h & 63)) & 1;
}

/* False when key is certainly not in a table whose keys set these bits;
 * _hashed takes rasd_hash_bytes(key, len), for a caller that has it. */
static inline bool rasd_bits_may_hold_hashed(const uint64_t bits[1024], uint64_t key_hash) {
    uint64_t h = key_hash & (1024 * 64 - 1);
    return (bits[h >> 6] >> (h & 63)) & 1;
}
static inline bool rasd_bits_may_hold(const uint64_t bits[1024], const char *key, size_t len) {
    return rasd_bits_may_hold_hashed(bits, rasd_hash_bytes(key, len));
}
static inline void rasd_bits_set(uint64_t bits[1024], const char *key, size_t len) {
    uint64_t h = rasd_hash_bytes(key, len) & (1024 * 64 - 1);
    bits[h >> 6] |= (uint64_t)1 << (h & 63);
}

/* Index of an actor by id, or UINT32_MAX. */
uint32_t rasd_knowledge_actor_index(const rasd_knowledge *kn, const char *id);

/* Calls fn for each name of one of an actor's lists (aliases_ar,
 * aliases_en, loaded_ar), in order: the name, and for a loaded name its
 * category (after '='; NULL and 0 otherwise). Empty names are skipped. */
typedef void (*rasd_actor_name_fn)(void *ctx, const char *name, size_t name_len, const char *label,
                                   size_t label_len);
void rasd_actor_each_name(const char *list, rasd_actor_name_fn fn, void *ctx);
/* Index of the capital of an ISO3 country, or UINT32_MAX. */
uint32_t rasd_knowledge_capital(const rasd_knowledge *kn, const char *iso3);

#endif

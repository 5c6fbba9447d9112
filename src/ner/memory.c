/*
 * memory.c: the article memory, what the tagger said of each word in the
 * sentences before (the "extended prediction history" of Ratinov and Roth
 * 2009). An article names a person or a club in full once, with a title
 * or a cue word before it, and then by one word many times (شيراك، الأهلي):
 * the later mentions have no cue, but the word was tagged a person or an
 * organisation a few sentences up, and that is a feature of its own.
 *
 * The memory holds, per word base, how often the tagger gave it each type
 * (and O) in the last NER_MEM_WINDOW sentences. It is per thread (in the
 * result), off until the caller says a document begins
 * (rasd_ner_begin_document), so that callers tagging unrelated sentences
 * see no change. Training gives each sentence the memory of the tags that
 * a model trained without it gave the sentences before (train-ner's
 * jackknife, docs/ner.md), so that the weights learn how far the tagger's
 * own earlier guesses are to be trusted, not how far the gold ones are.
 */
#include "ner/ner_internal.h"

#include <stdlib.h>
#include <string.h>

void ner_memory_reset(ner_memory *mem) {
    memset(mem->slots, 0, sizeof mem->slots);
    mem->sentence = 1; /* 0 in a slot marks it empty */
    mem->used = 0;
}

/* The same state as ner_memory_reset from a table that is already valid:
 * only the slots taken are cleared (an empty slot is all zero). */
static void clear_taken(ner_memory *mem) {
    for (size_t k = 0; k < mem->used; k++) memset(&mem->slots[mem->taken[k]], 0, sizeof mem->slots[0]);
    mem->sentence = 1;
    mem->used = 0;
}

void ner_memory_forget(ner_memory *mem) {
    /* Every slot of the article before is out of the window: a new
     * article starts from an empty table (the same answers), and the
     * slots it took are cleared one by one. Dead slots left in the table
     * had lengthened the probe chains of the words new to an article,
     * most of them (the memory's look-ups were 4% of `rasd analyze`);
     * clearing the whole 96 KB instead, once an eighth was taken, was
     * 1.4% of the instructions of `rasd analyze` (callgrind over 2,000
     * articles). Before the counter could wrap (an input of one endless
     * article), clear for real too. */
    if (!mem->sentence || mem->sentence > UINT32_MAX / 2) ner_memory_reset(mem);
    else clear_taken(mem);
}

/* Every word is remembered, common ones too: keeping only those seen
 * fewer than 5,000 times in the unlabelled news (half the tokens) did
 * 0.8 F1 worse over three dev tenths (docs/ner.md). */
static inline bool remembered(const ner_tok *t) { return t->is_word; }

static bool live(const ner_memory *mem, const ner_memory_slot *e) {
    return e->sentence && mem->sentence - e->sentence <= NER_MEM_WINDOW;
}

static const ner_memory_slot *find(const ner_memory *mem, uint64_t base) {
    size_t i = (size_t)base & (NER_MEM_SLOTS - 1);
    for (;;) {
        const ner_memory_slot *e = &mem->slots[i];
        if (!e->sentence) return NULL;
        if (e->base == base) return live(mem, e) ? e : NULL;
        i = (i + 1) & (NER_MEM_SLOTS - 1);
    }
}

unsigned ner_memory_code(const ner_memory *mem, uint64_t base) {
    const ner_memory_slot *e = find(mem, base);
    if (!e) return 0;
    unsigned best = 0, names = 0;
    for (unsigned t = 0; t < RASD_NER_TYPE_COUNT; t++) {
        names += e->count[t];
        if (e->count[t] > e->count[best]) best = t;
    }
    if (!names) return NER_MEM_NEVER;
    /* the type it was given most, and whether it was always a name */
    return 1 + best * 2 + (e->o == 0);
}

void ner_memory_mark(const ner_memory *mem, ner_tok *toks, size_t n) {
    for (size_t i = 0; i < n; i++) toks[i].mem = remembered(&toks[i]) ? (uint8_t)ner_memory_code(mem, toks[i].base) : 0;
}

/* Drops the slots older than the window, when the table is too full to
 * probe fast; if the live ones still fill half of it (a window of very
 * long sentences), forgets all. */
static void compact(ner_memory *mem) {
    /* rare (a full table): a heap copy rather than 96 KB of stack or of
     * every thread's TLS; without memory, forgetting all is safe */
    ner_memory_slot *keep = malloc(sizeof mem->slots);
    size_t n = 0;
    for (size_t i = 0; keep && i < NER_MEM_SLOTS; i++)
        if (live(mem, &mem->slots[i])) keep[n++] = mem->slots[i];
    memset(mem->slots, 0, sizeof mem->slots);
    mem->used = 0;
    if (n > NER_MEM_SLOTS / 2) n = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = (size_t)keep[k].base & (NER_MEM_SLOTS - 1);
        while (mem->slots[i].sentence) i = (i + 1) & (NER_MEM_SLOTS - 1);
        mem->slots[i] = keep[k];
        mem->taken[mem->used++] = (uint16_t)i;
    }
    free(keep);
}

static void bump(uint8_t *c) {
    if (*c < 255) (*c)++;
}

void ner_memory_add(ner_memory *mem, const ner_tok *toks, const uint8_t *tags, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!remembered(&toks[i])) continue;
        if ((mem->used + 1) * 4 > NER_MEM_SLOTS * 3) compact(mem);
        uint64_t base = toks[i].base;
        size_t s = (size_t)base & (NER_MEM_SLOTS - 1);
        while (mem->slots[s].sentence && mem->slots[s].base != base) s = (s + 1) & (NER_MEM_SLOTS - 1);
        ner_memory_slot *e = &mem->slots[s];
        if (!e->sentence) {
            e->base = base;
            mem->taken[mem->used++] = (uint16_t)s;
        } else if (!live(mem, e)) {
            memset(e->count, 0, sizeof e->count);
            e->o = 0;
        }
        e->sentence = mem->sentence;
        if (tags[i] == RASD_NER_O) bump(&e->o);
        else bump(&e->count[(tags[i] - 1) / 2]);
    }
    mem->sentence++;
}

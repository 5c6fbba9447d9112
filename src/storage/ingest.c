/*
 * ingest.c: duplicates and stories for the ingest (ingest.h). The dedup
 * index holds fingerprints only, so it is rebuilt from the fingerprints
 * table when a store opens (a fraction of a second for tens of thousands
 * of articles); the story clusterer saves its state as one blob, written
 * in the same transaction as the batch it describes, so a killed ingest
 * leaves state and articles in step.
 *
 * A fingerprint is stored as the struct's bytes (rasd_fingerprint is
 * plain integers): a database moves between machines of the same byte
 * order; a wrong-sized blob is refused when the index is rebuilt.
 */
#include "storage/ingest.h"

#include "core/internal.h"
#include "corpus/stories.h"

#include <stdlib.h>
#include <string.h>

#define STORIES_STATE "stories"

struct rasd_link {
    rasd_dedup *dedup;
    rasd_stories *stories;
    rasd_analyzer *an;
    int64_t *touched; /* stories changed since the last save */
    size_t n_touched, cap_touched;
    rasd_status fp_status;
    int64_t bad_fp_doc;
};

static bool add_fingerprint(void *ctx, int64_t doc, const void *data, size_t len) {
    rasd_link *l = ctx;
    if (len != sizeof(rasd_fingerprint)) {
        l->fp_status = RASD_ERR_DATA;
        l->bad_fp_doc = doc;
        return false;
    }
    rasd_fingerprint fp;
    memcpy(&fp, data, sizeof fp);
    rasd_dup_match m;
    l->fp_status = rasd_dedup_add(l->dedup, doc, &fp, &m);
    return l->fp_status == RASD_OK;
}

rasd_link *rasd_link_open(rasd_store *store, rasd_analyzer *an, rasd_error *err) {
    rasd_link *l = calloc(1, sizeof *l);
    if (!l) {
        rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
        return NULL;
    }
    l->an = an;
    if (!(l->dedup = rasd_dedup_new(NULL, err))) goto fail;
    if (rasd_store_each_fingerprint(store, add_fingerprint, l, err) != RASD_OK) goto fail;
    if (l->fp_status != RASD_OK) {
        rasd_fail(err, l->fp_status, "%s: fingerprint of document %lld is damaged (%s)", rasd_store_target(store),
                  (long long)l->bad_fp_doc, rasd_status_name(l->fp_status));
        goto fail;
    }
    void *state = NULL;
    size_t len = 0;
    if (rasd_store_get_state(store, STORIES_STATE, &state, &len, err) != RASD_OK) goto fail;
    l->stories = state ? rasd_stories_load(state, len, NULL, err) : rasd_stories_new(NULL, err);
    free(state);
    if (!l->stories) goto fail;
    return l;
fail:
    rasd_link_close(l);
    return NULL;
}

void rasd_link_close(rasd_link *l) {
    if (!l) return;
    rasd_dedup_destroy(l->dedup);
    rasd_stories_destroy(l->stories);
    free(l->touched);
    free(l);
}

rasd_status rasd_link_prepare(rasd_analyzer *an, const char *text, size_t len, rasd_rows *rows,
                              rasd_fingerprint *fp, rasd_error *err) {
    for (size_t i = 0; i < rows->n_paragraphs; i++) {
        rasd_row_paragraph *p = &rows->paragraphs[i];
        if (p->start >= 0 && p->end > p->start && (size_t)p->end <= len)
            p->key = rasd_paragraph_key(an, text, (size_t)p->start, (size_t)p->end);
    }
    return rasd_fingerprint_text(an, text, len, fp, err);
}

rasd_status rasd_link_duplicate(rasd_link *l, int64_t id, const rasd_fingerprint *fp, rasd_link_result *out,
                                rasd_error *err) {
    rasd_dup_match m = {0};
    memset(out, 0, sizeof *out);
    rasd_status st = rasd_dedup_add(l->dedup, id, fp, &m);
    if (st != RASD_OK) return rasd_fail(err, st, "duplicate index: %s", rasd_status_name(st));
    if (m.kind != RASD_DUP_NONE && m.original > 0 && m.original != id) {
        out->duplicate_of = m.original;
        out->dup_kind = m.kind == RASD_DUP_EXACT ? "exact" : "near";
        out->similarity = m.similarity;
    }
    return RASD_OK;
}

rasd_status rasd_link_story(rasd_link *l, rasd_store *store, int64_t id, const rasd_store_doc *d,
                            const rasd_rows *rows, const rasd_fingerprint *fp, rasd_error *err) {
    rasd_status st = rasd_store_put_fingerprint(store, id, fp, sizeof *fp, err);
    if (st != RASD_OK) return st;
    const char **ents = rows->n_entities ? malloc(rows->n_entities * sizeof *ents) : NULL;
    if (rows->n_entities && !ents) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", d->origin);
    for (size_t i = 0; i < rows->n_entities; i++) ents[i] = rows->entities[i].id;
    rasd_story_input in = {id, d->published, d->source, d->title, d->text, d->len, ents, rows->n_entities};
    rasd_story_assignment a = {0};
    st = rasd_stories_add(l->stories, l->an, &in, &a, err);
    free(ents);
    if (st != RASD_OK) return st;
    if ((st = rasd_store_set_story(store, id, a.story, a.similarity, err)) != RASD_OK) return st;
    for (size_t i = 0; i < l->n_touched; i++)
        if (l->touched[i] == a.story) return RASD_OK;
    if (!rasd_grow((void **)&l->touched, &l->cap_touched, l->n_touched, sizeof *l->touched))
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    l->touched[l->n_touched++] = a.story;
    return RASD_OK;
}

rasd_status rasd_link_save(rasd_link *l, rasd_store *store, rasd_error *err) {
    for (size_t i = 0; i < l->n_touched; i++) {
        rasd_status st = rasd_store_refresh_story(store, l->touched[i], err);
        if (st != RASD_OK) return st;
    }
    l->n_touched = 0;
    unsigned char *data = NULL;
    size_t len = 0;
    rasd_status st = rasd_stories_save(l->stories, &data, &len, err);
    if (st == RASD_OK) st = rasd_store_put_state(store, STORIES_STATE, data, len, err);
    free(data);
    return st;
}

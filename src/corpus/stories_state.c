/*
 * stories_state.c: the story clusterer's state (document frequencies and
 * stories) as a little-endian byte string, saved and loaded: magic,
 * version, payload length, XXH64 of the payload, then the payload; the
 * loader checks every count against the bytes left. Hand-written: this is
 * the engine's own model, no library holds it.
 */
#include "corpus/stories_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define STATE_MAGIC "RASDSTRY"
#define STATE_VERSION 1u

/* Header: magic[8], version u32, payload length u64, XXH64(payload) u64. */
#define HEADER_BYTES 28

rasd_status rasd_stories_save(const rasd_stories *s, unsigned char **data, size_t *len, rasd_error *err) {
    if (!s || !data || !len) return rasd_fail(err, RASD_ERR_USAGE, "rasd_stories_save: no clusterer or output");
    /* the whole state's size first: grown by doubling, the buffer was
     * copied on the way and held up to twice over, at the settle's peak */
    size_t bytes = HEADER_BYTES + 8 + 4 + 8 + s->df.used * 12 + 8;
    for (size_t i = 0; i < s->n_stories; i++) bytes += 32 + (size_t)s->stories[i].n_terms * 12;
    rasd_buf b = {0};
    rasd_buf_reserve(&b, bytes);
    rasd_buf_append(&b, STATE_MAGIC, 8);
    rasd_buf_put_u32(&b, STATE_VERSION);
    rasd_buf_put_u64(&b, 0); /* length and checksum, filled below */
    rasd_buf_put_u64(&b, 0);
    rasd_buf_put_u64(&b, s->n_docs);
    rasd_buf_put_u32(&b, (uint32_t)s->max_day);
    rasd_buf_put_u64(&b, s->df.used);
    for (size_t i = 0; i <= s->df.mask; i++) {
        if (!s->df.slots[i].key) continue;
        rasd_buf_put_u64(&b, s->df.slots[i].key);
        rasd_buf_put_u32(&b, s->df.slots[i].value);
    }
    rasd_buf_put_u64(&b, s->n_stories);
    for (size_t i = 0; i < s->n_stories; i++) {
        const story *st = &s->stories[i];
        rasd_buf_put_u64(&b, (uint64_t)st->id);
        rasd_buf_put_u32(&b, (uint32_t)st->first_day);
        rasd_buf_put_u32(&b, (uint32_t)st->last_day);
        rasd_buf_put_u32(&b, st->n_articles);
        rasd_buf_put_u32(&b, st->n_terms);
        rasd_buf_put_f64(&b, st->norm);
        for (uint32_t t = 0; t < st->n_terms; t++) {
            rasd_buf_put_u64(&b, st->terms[t].term);
            rasd_buf_put_f32(&b, st->terms[t].w);
        }
    }
    if (b.oom) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory saving the state of %zu stories", s->n_stories);
    }
    uint64_t payload = b.len - HEADER_BYTES;
    uint64_t sum = XXH64(b.data + HEADER_BYTES, payload, 0);
    for (int i = 0; i < 8; i++) {
        b.data[12 + i] = (char)(payload >> (8 * i));
        b.data[20 + i] = (char)(sum >> (8 * i));
    }
    *data = (unsigned char *)b.data;
    *len = b.len;
    return RASD_OK;
}

static rasd_stories *load_fail(rasd_stories *s, rasd_error *err, size_t offset, const char *what) {
    rasd_stories_destroy(s);
    rasd_fail_at(err, RASD_ERR_FORMAT, offset, "story state, byte %zu: %s", offset, what);
    return NULL;
}

rasd_stories *rasd_stories_load(const unsigned char *data, size_t len, const rasd_stories_options *opt,
                                rasd_error *err) {
    if (!data && len) {
        rasd_fail(err, RASD_ERR_USAGE, "rasd_stories_load: no data");
        return NULL;
    }
    rasd_le_reader r = {data, data + len, false};
    if (len < HEADER_BYTES || memcmp(data, STATE_MAGIC, 8) != 0)
        return load_fail(NULL, err, 0, "not a story state (bad magic number or too short)");
    r.p = data + 8;
    uint32_t version = rasd_le_u32(&r);
    if (version != STATE_VERSION) {
        rasd_fail_at(err, RASD_ERR_FORMAT, 8, "story state, byte 8: version %u, this rasd reads version %u", version,
                     STATE_VERSION);
        return NULL;
    }
    uint64_t payload = rasd_le_u64(&r), sum = rasd_le_u64(&r);
    if (payload != len - HEADER_BYTES) return load_fail(NULL, err, 12, "payload length does not match the data");
    if (XXH64(data + HEADER_BYTES, payload, 0) != sum) return load_fail(NULL, err, 20, "checksum mismatch (corrupted)");
    rasd_stories *s = rasd_stories_new(opt, err);
    if (!s) return NULL;
    s->n_docs = rasd_le_u64(&r);
    s->max_day = (int32_t)rasd_le_u32(&r);
    if (s->n_docs > MAX_DOCS) return load_fail(s, err, HEADER_BYTES, "document count out of range");
    size_t at = (size_t)(r.p - data);
    uint64_t n_df = rasd_le_u64(&r);
    if (r.short_read || n_df > (size_t)(r.end - r.p) / 12)
        return load_fail(s, err, at, "document-frequency count exceeds the data");
    for (uint64_t i = 0; i < n_df; i++) {
        at = (size_t)(r.p - data);
        uint64_t term = rasd_le_u64(&r);
        uint32_t df = rasd_le_u32(&r);
        if (!term || df == 0 || df > s->n_docs) return load_fail(s, err, at, "bad document-frequency entry");
        map_slot *slot = stories_map_get(&s->df, term);
        if (!slot) return load_fail(s, err, at, "out of memory");
        if (slot->value) return load_fail(s, err, at, "term listed twice");
        slot->value = df;
    }
    at = (size_t)(r.p - data);
    uint64_t n_stories = rasd_le_u64(&r);
    if (r.short_read || n_stories > (size_t)(r.end - r.p) / 32 || n_stories >= UINT32_MAX)
        return load_fail(s, err, at, "story count exceeds the data");
    if (n_stories) {
        s->stories = calloc(n_stories, sizeof *s->stories);
        if (!s->stories) return load_fail(s, err, at, "out of memory");
        s->cap_stories = n_stories;
    }
    for (uint64_t i = 0; i < n_stories; i++) {
        at = (size_t)(r.p - data);
        story *st = &s->stories[i];
        st->id = (int64_t)rasd_le_u64(&r);
        st->first_day = (int32_t)rasd_le_u32(&r);
        st->last_day = (int32_t)rasd_le_u32(&r);
        st->n_articles = rasd_le_u32(&r);
        st->n_terms = rasd_le_u32(&r);
        st->norm = rasd_le_f64(&r);
        if (r.short_read || st->n_terms > CENTROID_TERMS || (size_t)st->n_terms * 12 > (size_t)(r.end - r.p))
            return load_fail(s, err, at, "story term count exceeds the data");
        if (st->first_day > st->last_day || st->n_articles == 0 || !isfinite(st->norm) || st->norm < 0)
            return load_fail(s, err, at, "inconsistent story record");
        s->n_stories = i + 1; /* owned from here on, freed on failure */
        st->terms = malloc((st->n_terms ? st->n_terms : 1) * sizeof *st->terms);
        if (!st->terms) return load_fail(s, err, at, "out of memory");
        for (uint32_t t = 0; t < st->n_terms; t++) {
            st->terms[t].term = rasd_le_u64(&r);
            st->terms[t].w = rasd_le_f32(&r);
            if (!isfinite(st->terms[t].w) || st->terms[t].w < 0 || (t && st->terms[t].term <= st->terms[t - 1].term))
                return load_fail(s, err, at, "story terms out of order or not finite");
        }
        if (!stories_post(s, (uint32_t)i)) return load_fail(s, err, at, "out of memory");
    }
    if (r.short_read) return load_fail(s, err, len, "truncated");
    if (r.p != r.end) return load_fail(s, err, (size_t)(r.p - data), "trailing bytes after the last story");
    return s;
}

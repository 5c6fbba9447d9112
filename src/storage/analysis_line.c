/*
 * analysis_line.c: one line of `rasd analyze` output read back for the
 * store (analysis_line.h), with jansson.
 */
#include "storage/analysis_line.h"

#include "core/internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rasd_analysis_line_free(rasd_analysis_line *l) {
    if (!l) return;
    free(l->text);
    free(l->title);
    free(l->source);
    free(l->published);
    free(l->origin);
    memset(l, 0, sizeof *l);
}

/* A string member, copied, or NULL when absent or null; false when it is
 * there with another type or memory ran out. */
static bool opt_string(json_t *o, const char *key, char **out) {
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v)) return true;
    if (!json_is_string(v)) return false;
    *out = strndup(json_string_value(v), json_string_length(v));
    return *out != NULL;
}

rasd_status rasd_analysis_line_read(const char *name, const char *line, size_t len, rasd_analysis_line *out,
                                    rasd_error *err) {
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *root = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return rasd_fail(err, RASD_ERR_FORMAT, "%s: column %d: %s", name, je.column, je.text);
    rasd_status st = RASD_OK;
    json_t *doc = json_object_get(root, "doc"), *text = json_object_get(root, "text");
    json_t *id = json_is_object(doc) ? json_object_get(doc, "id") : NULL;
    if (!json_is_object(root) || !json_is_object(doc) || !json_is_string(text) || !json_is_string(id) ||
        json_string_length(id) != 32) {
        st = rasd_fail(err, RASD_ERR_FORMAT,
                       "%s: not a rasd analysis line (it needs a doc object with a 32-digit id and a text string:"
                       " rasd analyze writes them)", name);
        goto done;
    }
    if (!opt_string(doc, "title", &out->title) || !opt_string(doc, "source", &out->source) ||
        !opt_string(doc, "published", &out->published) || !opt_string(doc, "path", &out->origin)) {
        st = rasd_fail(err, RASD_ERR_FORMAT, "%s: doc.title, doc.source, doc.published and doc.path must be strings",
                       name);
        goto done;
    }
    if (out->published && !rasd_valid_date(out->published)) {
        st = rasd_fail(err, RASD_ERR_FORMAT, "%s: doc.published \"%.40s\" is not a YYYY-MM-DD date", name,
                       out->published);
        goto done;
    }
    out->len = json_string_length(text);
    if (!(out->text = malloc(out->len + 1))) {
        st = rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
        goto done;
    }
    memcpy(out->text, json_string_value(text), out->len);
    out->text[out->len] = '\0';
    /* the id is the text's hash: a line edited or cut since rasd analyze
     * wrote it is refused rather than stored under a wrong identity */
    XXH128_hash_t h = XXH3_128bits(out->text, out->len);
    snprintf(out->id, sizeof out->id, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
    if (strcmp(out->id, json_string_value(id)) != 0)
        st = rasd_fail(err, RASD_ERR_FORMAT, "%s: doc.id %s is not the hash of its text (%s): the line was changed",
                       name, json_string_value(id), out->id);
    else if (!out->title || !*out->title)
        st = rasd_fail(err, RASD_ERR_FORMAT, "%s: doc.title is missing or empty", name);
done:
    json_decref(root);
    if (st != RASD_OK) rasd_analysis_line_free(out);
    return st;
}

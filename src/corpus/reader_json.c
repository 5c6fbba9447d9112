/*
 * reader_json.c: articles from JSON (an array of objects, or one object)
 * and JSON Lines (one object per line). jansson parses; this file maps
 * members to article fields (rasd_field_map, with defaults that fit the
 * SaudiNewsNet layout and most scrapers' output).
 *
 * An array is read one element at a time (reader_json_array.c finds
 * where each ends), so a bad record (a broken value, a number too large
 * for any type, a member of the wrong type) is skipped with its index and
 * byte offset and the rest of the file is read; in JSON Lines a bad line
 * costs only itself. A single object is parsed whole. A .json file that is
 * really JSON Lines (the parser stops after the first value) is read as
 * JSON Lines.
 */
#include "corpus/reader.h"
#include "corpus/charref.h"

#include "core/internal.h"
#include "corpus/reader_json_array.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const DEFAULT_TITLE[] = {"title", "headline", NULL};
static const char *const DEFAULT_CONTENT[] = {"content", "text", "body", "article", NULL};
static const char *const DEFAULT_SOURCE[] = {"source", "outlet", "site", NULL};
static const char *const DEFAULT_URL[] = {"url", "link", NULL};
static const char *const DEFAULT_DATE[] = {"published", "date", "pubDate", "date_published", "date_extracted", NULL};
static const char *const DEFAULT_AUTHOR[] = {"author", "byline", NULL};

/* The string member named by the map, else the first default present. */
static const char *member(json_t *o, const char *mapped, const char *const *defaults, size_t *len) {
    json_t *v = NULL;
    if (mapped) v = json_object_get(o, mapped);
    else
        for (size_t i = 0; defaults[i] && !v; i++) v = json_object_get(o, defaults[i]);
    if (!json_is_string(v)) return NULL;
    *len = json_string_length(v);
    return json_string_value(v);
}

static char *dup_member(json_t *o, const char *mapped, const char *const *defaults) {
    size_t n = 0;
    const char *s = member(o, mapped, defaults, &n);
    if (!s || n == 0) return NULL;
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* One object to one article; false (with err) when it cannot be one. */
static bool article_of(json_t *o, const char *origin, const rasd_reader_options *opt, rasd_article *a,
                       rasd_error *err) {
    memset(a, 0, sizeof *a);
    const rasd_field_map *m = &opt->map;
    if (!json_is_object(o)) {
        rasd_fail(err, RASD_ERR_FORMAT, "%s: not a JSON object", origin);
        return false;
    }
    size_t n = 0;
    const char *content = member(o, m->content, DEFAULT_CONTENT, &n);
    if (!content) {
        rasd_fail(err, RASD_ERR_FORMAT, "%s: no \"%s\" string member (--map content=NAME names the member)", origin,
                  m->content ? m->content : "content");
        return false;
    }
    a->origin = strdup(origin);
    a->text = malloc(n + 1);
    if (a->text) {
        memcpy(a->text, content, n);
        a->text[n] = '\0';
        a->len = n;
    }
    a->title = dup_member(o, m->title, DEFAULT_TITLE);
    a->source = dup_member(o, m->source, DEFAULT_SOURCE);
    if (!a->source && opt->source) a->source = strdup(opt->source);
    a->url = dup_member(o, m->url, DEFAULT_URL);
    a->author = dup_member(o, m->author, DEFAULT_AUTHOR);
    size_t dn = 0;
    const char *date = member(o, m->date, DEFAULT_DATE, &dn);
    a->published = rasd_reader_date(date, dn);
    /* scraped records keep the pages' character references (&quot;): decoded before analysis */
    if (!a->origin || !a->text || !rasd_article_decode_charrefs(a)) {
        rasd_article_clear(a);
        rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", origin);
        return false;
    }
    return true;
}

/* Emits one object, or reports why it is skipped; false to stop. */
static bool emit_object(json_t *o, const char *origin, const rasd_reader_options *opt, rasd_reader_sink *sink) {
    rasd_article a;
    rasd_error err = {0};
    if (!article_of(o, origin, opt, &a, &err)) {
        rasd_reader_skip(sink, &err);
        return !sink->stop;
    }
    return rasd_reader_emit(sink, &a);
}

/* The line (from 1) of byte at: asked only for a message, so counted then. */
static size_t line_of(const char *data, size_t at) {
    size_t line = 1;
    for (const char *p = data; (p = memchr(p, '\n', (size_t)(data + at - p))) != NULL; p++) line++;
    return line;
}

/* The elements of an array, each parsed alone: a bad one is reported with
 * its index and byte offset and the others are read. */
static void read_array(rasd_json_array *ja, const char *name, char *origin, size_t origin_cap,
                       const rasd_reader_options *opt, rasd_reader_sink *sink) {
    size_t s, e;
    rasd_json_array_step step;
    while (!sink->stop && (step = rasd_json_array_next(ja, &s, &e)) == RASD_JA_ELEMENT) {
        size_t i = ja->index;
        snprintf(origin, origin_cap, "%s#%zu", name, i);
        json_error_t jerr;
        /* any value, so that a record that is a number is named as "not an object" */
        json_t *o = e > s ? json_loadb(ja->data + s, e - s, JSON_DECODE_ANY, &jerr) : NULL;
        if (!o) {
            rasd_error e2;
            size_t at = e > s ? s + (size_t)jerr.position : s;
            if (e > s)
                rasd_fail_at(&e2, RASD_ERR_FORMAT, at,
                             "%s: record %zu of the array (at byte %zu) skipped: JSON error at line %zu (byte %zu): %s",
                             name, i, s, line_of(ja->data, at), at, jerr.text);
            else
                rasd_fail_at(&e2, RASD_ERR_FORMAT, s, "%s: record %zu of the array (at byte %zu, line %zu) is empty",
                             name, i, s, line_of(ja->data, s));
            rasd_reader_skip(sink, &e2);
            continue;
        }
        rasd_article a;
        rasd_error err = {0};
        if (!article_of(o, origin, opt, &a, &err)) {
            rasd_error e2;
            rasd_fail_at(&e2, err.code, s, "%s (record %zu of the array, at byte %zu)", err.message, i, s);
            rasd_reader_skip(sink, &e2);
        } else {
            rasd_reader_emit(sink, &a);
        }
        json_decref(o);
    }
    if (!sink->stop && step == RASD_JA_TRUNCATED) {
        rasd_error e2;
        rasd_fail_at(&e2, RASD_ERR_FORMAT, ja->len,
                     "%s: the array is not closed (the file ends at byte %zu after %zu records: cut short?)", name,
                     ja->len, ja->index);
        rasd_reader_skip(sink, &e2);
    } else if (!sink->stop && step == RASD_JA_END) {
        size_t k = ja->pos;
        while (k < ja->len && (ja->data[k] == ' ' || ja->data[k] == '\t' || ja->data[k] == '\r' || ja->data[k] == '\n'))
            k++;
        if (k < ja->len) {
            rasd_error e2;
            rasd_fail_at(&e2, RASD_ERR_FORMAT, k, "%s: bytes after the array's end (at byte %zu) ignored", name, k);
            rasd_reader_skip(sink, &e2);
        }
    }
}

rasd_status rasd_read_json(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                           rasd_reader_sink *sink, rasd_error *err) {
    size_t origin_cap = strlen(name) + 32;
    char *origin = malloc(origin_cap);
    if (!origin) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
    rasd_json_array ja;
    if (rasd_json_array_open(&ja, data, len)) {
        read_array(&ja, name, origin, origin_cap, opt, sink);
        free(origin);
        return RASD_OK;
    }
    json_error_t jerr;
    json_t *root = json_loadb(data, len, 0, &jerr);
    if (!root) {
        free(origin);
        if (strstr(jerr.text, "end of file expected")) /* one value per line */
            return rasd_read_jsonl(name, data, len, opt, sink, err);
        return rasd_fail_at(err, RASD_ERR_FORMAT, (size_t)jerr.position,
                            "%s: JSON error at line %d, column %d (byte %d): %s", name, jerr.line, jerr.column,
                            jerr.position, jerr.text);
    }
    if (json_is_object(root)) {
        snprintf(origin, origin_cap, "%s", name);
        emit_object(root, origin, opt, sink);
    } else {
        rasd_error e2;
        rasd_fail(&e2, RASD_ERR_FORMAT, "%s: neither an array of objects nor an object", name);
        rasd_reader_skip(sink, &e2);
    }
    free(origin);
    json_decref(root);
    return RASD_OK;
}

rasd_status rasd_read_jsonl(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                            rasd_reader_sink *sink, rasd_error *err) {
    size_t origin_cap = strlen(name) + 32;
    char *origin = malloc(origin_cap);
    if (!origin) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
    size_t line = 0;
    for (size_t pos = 0; pos < len && !sink->stop;) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        line++;
        size_t s = pos;
        while (s < end && (data[s] == ' ' || data[s] == '\t' || data[s] == '\r')) s++;
        if (s < end) {
            json_error_t jerr;
            json_t *o = json_loadb(data + s, end - s, 0, &jerr);
            if (!o) {
                rasd_error e2;
                rasd_fail_at(&e2, RASD_ERR_FORMAT, s + (size_t)jerr.position,
                             "%s: line %zu, column %d (byte %zu): %s", name, line, jerr.column,
                             s + (size_t)jerr.position, jerr.text);
                rasd_reader_skip(sink, &e2);
            } else {
                snprintf(origin, origin_cap, "%s#%zu", name, line);
                emit_object(o, origin, opt, sink);
                json_decref(o);
            }
        }
        pos = end + 1;
    }
    free(origin);
    return RASD_OK;
}

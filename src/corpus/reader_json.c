/*
 * reader_json.c: articles from JSON (an array of objects, or one object)
 * and JSON Lines (one object per line). jansson parses; this file maps
 * members to article fields (rasd_field_map, with defaults that fit the
 * SaudiNewsNet layout and most scrapers' output).
 *
 * A JSON document is parsed whole, so a syntax error in it loses that file
 * (reported with line, column and byte); in JSON Lines a bad line costs only
 * itself. A .json file that is really JSON Lines (the parser stops after the
 * first value) is read as JSON Lines.
 */
#include "corpus/reader.h"
#include "corpus/charref.h"

#include "core/internal.h"

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

rasd_status rasd_read_json(const char *name, const char *data, size_t len, const rasd_reader_options *opt,
                           rasd_reader_sink *sink, rasd_error *err) {
    json_error_t jerr;
    json_t *root = json_loadb(data, len, 0, &jerr);
    if (!root) {
        if (strstr(jerr.text, "end of file expected")) /* one value per line */
            return rasd_read_jsonl(name, data, len, opt, sink, err);
        return rasd_fail_at(err, RASD_ERR_FORMAT, (size_t)jerr.position,
                            "%s: JSON error at line %d, column %d (byte %d): %s", name, jerr.line, jerr.column,
                            jerr.position, jerr.text);
    }
    size_t origin_cap = strlen(name) + 32;
    char *origin = malloc(origin_cap);
    if (!origin) {
        json_decref(root);
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
    }
    if (json_is_array(root)) {
        size_t i;
        json_t *o;
        json_array_foreach(root, i, o) {
            snprintf(origin, origin_cap, "%s#%zu", name, i + 1);
            if (!emit_object(o, origin, opt, sink)) break;
        }
    } else if (json_is_object(root)) {
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

/*
 * html_meta.c: what a page says about itself (title, author, publication
 * and modification dates, canonical URL, site name), from <meta> tags,
 * <title>, <h1>, bylines and JSON-LD (read with jansson); see html.h.
 */
#include "html_internal.h"

#include "html.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void set_once(char **dst, const char *v) {
    if (*dst || !v) return;
    while (isspace((unsigned char)*v)) v++;
    if (!*v) return;
    /* gumbo may decode a character reference into bytes that are not
     * UTF-8 (see html_text_append): what leaves the reader is */
    size_t n;
    rasd_utf8_report rep;
    if (rasd_utf8_sanitize(v, strlen(v), false, dst, &n, &rep, NULL) != RASD_OK) *dst = NULL;
}

/* Whitespace-collapsed text of a node, malloc'd (NULL when empty). */
static char *node_text(const GumboNode *n) {
    rasd_buf b = {0};
    text_ctx c = {&b, false, false, false};
    html_text_walk(&c, n, 0);
    if (b.oom || b.len == 0) {
        rasd_buf_free(&b);
        return NULL;
    }
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] == '\n') b.data[i] = ' ';
    while (b.len && b.data[b.len - 1] == ' ') b.data[--b.len] = '\0';
    size_t s = 0;
    while (s < b.len && b.data[s] == ' ') s++;
    memmove(b.data, b.data + s, b.len - s + 1);
    if (!b.data[0]) {
        rasd_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* <title> holds raw text (gumbo's RCDATA), one text child. */
static char *title_text(const GumboNode *n) {
    rasd_buf b = {0};
    text_ctx c = {&b, false, false, false};
    for (unsigned i = 0; i < n->v.element.children.length; i++) {
        const GumboNode *ch = n->v.element.children.data[i];
        if (ch->type == GUMBO_NODE_TEXT || ch->type == GUMBO_NODE_WHITESPACE) html_text_append(&c, ch->v.text.text);
    }
    if (b.oom || b.len == 0) {
        rasd_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static void set_date(char **dst, const char *v) {
    char d[11];
    if (*dst || !v || !rasd_web_date(v, d)) return;
    *dst = strdup(d);
}

/* A JSON-LD author: a string, an object with a name, or a list of them
 * (the first). */
static const char *ld_name(json_t *v) {
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_object(v)) return json_string_value(json_object_get(v, "name"));
    if (json_is_array(v) && json_array_size(v)) return ld_name(json_array_get(v, 0));
    return NULL;
}

static bool ld_is_article(json_t *o) {
    json_t *t = json_object_get(o, "@type");
    const char *ty = json_string_value(t);
    if (json_is_array(t) && json_array_size(t)) ty = json_string_value(json_array_get(t, 0));
    return ty && (strstr(ty, "Article") || !strcmp(ty, "Report") || !strcmp(ty, "BlogPosting") ||
                  !strcmp(ty, "LiveBlogPosting"));
}

static void ld_visit(html_meta *m, json_t *v, int depth) {
    if (depth > 8) return;
    if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) ld_visit(m, x, depth + 1);
        return;
    }
    if (!json_is_object(v)) return;
    json_t *graph = json_object_get(v, "@graph");
    if (graph) ld_visit(m, graph, depth + 1);
    if (!ld_is_article(v)) return;
    set_once(&m->og_title, json_string_value(json_object_get(v, "headline")));
    set_once(&m->author, ld_name(json_object_get(v, "author")));
    set_date(&m->published, json_string_value(json_object_get(v, "datePublished")));
    set_date(&m->modified, json_string_value(json_object_get(v, "dateModified")));
    json_t *pub = json_object_get(v, "publisher");
    set_once(&m->site, ld_name(pub));
    const char *url = json_string_value(json_object_get(v, "url"));
    if (!url) url = json_string_value(json_object_get(json_object_get(v, "mainEntityOfPage"), "@id"));
    set_once(&m->url, url);
}

static void read_json_ld(html_meta *m, const GumboNode *script) {
    if (script->v.element.children.length == 0) return;
    const GumboNode *t = script->v.element.children.data[0];
    if (t->type != GUMBO_NODE_TEXT) return;
    json_error_t je;
    json_t *v = json_loads(t->v.text.text, JSON_DECODE_ANY, &je);
    if (!v) return; /* a broken JSON-LD block is the page's problem, not the article's */
    ld_visit(m, v, 0);
    json_decref(v);
}

/* Byline classes: the first short element whose class or rel names the
 * author. */
static bool is_byline(const GumboNode *n) {
    const char *c = html_attr(n, "class"), *rel = html_attr(n, "rel"), *ip = html_attr(n, "itemprop");
    if (rel && !strcasecmp(rel, "author")) return true;
    if (ip && !strcasecmp(ip, "author")) return true;
    return html_contains_ci(c, "byline") || html_contains_ci(c, "author-name") || html_contains_ci(c, "writer") ||
           (html_contains_ci(c, "author") && !html_contains_ci(c, "author-box") && !html_contains_ci(c, "authors-list"));
}

void html_meta_walk(html_meta *m, const GumboNode *n, int depth) {
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH) return;
    GumboTag t = n->v.element.tag;
    switch (t) {
    case GUMBO_TAG_META: {
        const char *key = html_attr(n, "property");
        if (!key) key = html_attr(n, "name");
        if (!key) key = html_attr(n, "itemprop");
        const char *v = html_attr(n, "content");
        if (!key || !v) break;
        if (!strcasecmp(key, "og:title") || !strcasecmp(key, "twitter:title")) set_once(&m->og_title, v);
        else if (!strcasecmp(key, "og:site_name")) set_once(&m->site, v);
        else if (!strcasecmp(key, "og:url")) set_once(&m->url, v);
        else if (!strcasecmp(key, "author") || !strcasecmp(key, "article:author") ||
                 !strcasecmp(key, "dc.creator") || !strcasecmp(key, "sailthru.author") ||
                 !strcasecmp(key, "parsely-author")) {
            if (strncmp(v, "http", 4) != 0) set_once(&m->author, v); /* article:author may be a profile URL */
        } else if (!strcasecmp(key, "article:published_time") || !strcasecmp(key, "datePublished") ||
                   !strcasecmp(key, "date") || !strcasecmp(key, "pubdate") || !strcasecmp(key, "publish-date") ||
                   !strcasecmp(key, "dc.date") || !strcasecmp(key, "dc.date.issued") ||
                   !strcasecmp(key, "og:published_time") || !strcasecmp(key, "sailthru.date") ||
                   !strcasecmp(key, "parsely-pub-date"))
            set_date(&m->published, v);
        else if (!strcasecmp(key, "article:modified_time") || !strcasecmp(key, "dateModified"))
            set_date(&m->modified, v);
        break;
    }
    case GUMBO_TAG_LINK: {
        const char *rel = html_attr(n, "rel"), *href = html_attr(n, "href");
        if (rel && href && !strcasecmp(rel, "canonical")) {
            free(m->url); /* the canonical link wins over og:url */
            m->url = NULL;
            set_once(&m->url, href);
        }
        break;
    }
    case GUMBO_TAG_TITLE:
        if (!m->title) m->title = title_text(n);
        break;
    case GUMBO_TAG_SCRIPT: {
        const char *ty = html_attr(n, "type");
        if (ty && !strcasecmp(ty, "application/ld+json")) read_json_ld(m, n);
        return;
    }
    case GUMBO_TAG_H1:
        if (!m->h1) m->h1 = node_text(n);
        break;
    case GUMBO_TAG_TIME:
        if (!m->published) {
            const char *dt = html_attr(n, "datetime");
            const char *ip = html_attr(n, "itemprop"), *c = html_attr(n, "class");
            /* the first <time> is usually the article's; an "updated" one is not */
            if (!(ip && html_contains_ci(ip, "modified")) && !(c && html_contains_ci(c, "updat"))) set_date(&m->published, dt);
        }
        break;
    default:
        if (!m->author && t != GUMBO_TAG_BODY && t != GUMBO_TAG_HTML && is_byline(n)) {
            char *s = node_text(n);
            /* a byline is a name, not a paragraph */
            if (s && strlen(s) <= 120) m->author = s;
            else free(s);
        }
        break;
    }
    for (unsigned i = 0; i < n->v.element.children.length; i++) html_meta_walk(m, n->v.element.children.data[i], depth + 1);
}

void html_meta_free(html_meta *m) {
    free(m->og_title);
    free(m->title);
    free(m->h1);
    free(m->author);
    free(m->published);
    free(m->url);
    free(m->site);
    free(m->modified);
}

/* The title: og:title (or JSON-LD headline), else <title> less the site's
 * name ("Headline | Outlet", "Outlet - Headline"), else the first <h1>. */
char *html_pick_title(html_meta *m) {
    if (m->og_title) {
        /* og:title too may carry the site's name: "Headline | Outlet" */
        char *t = strdup(m->og_title);
        size_t tl = t ? strlen(t) : 0, sl = m->site ? strlen(m->site) : 0;
        if (t && sl && tl > sl + 3 && !strcmp(t + tl - sl, m->site)) {
            size_t cut = tl - sl;
            for (;;) { /* the separator before the name: spaces, | - – — */
                if (cut && (t[cut - 1] == ' ' || t[cut - 1] == '|' || t[cut - 1] == '-')) cut--;
                else if (cut >= 3 && (!memcmp(t + cut - 3, "\xE2\x80\x93", 3) || !memcmp(t + cut - 3, "\xE2\x80\x94", 3)))
                    cut -= 3;
                else break;
            }
            if (cut > 0 && cut < tl - sl) t[cut] = '\0';
        }
        return t;
    }
    if (!m->title) return m->h1 ? strdup(m->h1) : NULL;
    static const char *const SEPS[] = {" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "};
    char *t = strdup(m->title);
    if (!t) return NULL;
    if (m->h1 && strstr(t, m->h1)) {
        free(t);
        return strdup(m->h1);
    }
    for (size_t i = 0; i < sizeof SEPS / sizeof *SEPS; i++) {
        char *last = NULL;
        for (char *p = t; (p = strstr(p, SEPS[i])) != NULL; p++) last = p;
        if (!last) continue;
        const char *tail = last + strlen(SEPS[i]);
        size_t tail_words = 1;
        for (const char *q = tail; *q; q++) tail_words += *q == ' ';
        if ((m->site && strstr(tail, m->site)) || tail_words <= 4) {
            *last = '\0';
            break;
        }
        /* "Outlet - Headline": the site's name first */
        if (m->site && !strncmp(t, m->site, strlen(m->site)) && last == t + strlen(m->site)) {
            memmove(t, tail, strlen(tail) + 1);
            break;
        }
    }
    return t;
}

/* "بقلم: فلان", "By Name", "كتب: فلان": the name alone. */
void html_clean_author(char *a) {
    static const char *const PREFIXES[] = {"بقلم:", "بقلم", "كتب:", "كتبت:", "كتب", "By:", "By ", "by ", "إعداد:"};
    for (size_t i = 0; i < sizeof PREFIXES / sizeof *PREFIXES; i++) {
        size_t n = strlen(PREFIXES[i]);
        if (!strncmp(a, PREFIXES[i], n)) {
            char *p = a + n;
            while (*p == ' ') p++;
            if (*p) memmove(a, p, strlen(p) + 1);
            break;
        }
    }
}

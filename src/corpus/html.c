/*
 * html.c: see html.h. gumbo gives the tree; the content score, the
 * furniture rules and the metadata look-ups are written here because no
 * C library does them (Readability and boilerpipe are JavaScript and
 * Java). The metadata (title, author, dates) is html_meta.c's; charsets
 * are charset.c's, dates webdate.c's.
 */
#include "html.h"
#include "html_internal.h"

#include "core/internal.h"
#include "fetch.h"
#include "text/utf8_inline.h"

#include <ctype.h>
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A block scores when its own text is at least this long (characters of
 * UTF-8 bytes: Arabic letters are two bytes, so this is ~12 letters). */
#define MIN_BLOCK_BYTES 50
/* Blocks with more of their text inside links than this are lists of
 * links (related articles, tags, menus), not prose. */
#define MAX_LINK_DENSITY 0.5
/* More start tags than this and the page is refused: gumbo builds and
 * frees its tree recursively, so the tree's depth must stay bounded, and
 * no news page comes near (a big one has ~10,000). */
#define MAX_TAGS 100000

/* ------------------------------------------------------------ utilities */

static bool is_block(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_LI: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_TR: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_MAIN: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_NAV: case GUMBO_TAG_FORM: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        return true;
    default:
        return false;
    }
}

/* Never text, wherever they are. */
static bool is_never_text(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP:
        return true;
    default:
        return false;
    }
}

/* Page furniture by element: set aside before scoring. */
static bool is_furniture_tag(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_INPUT: case GUMBO_TAG_LABEL: case GUMBO_TAG_MENU:
        return true;
    default:
        return false;
    }
}

const char *html_attr(const GumboNode *n, const char *name) {
    if (n->type != GUMBO_NODE_ELEMENT) return NULL;
    GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

/* Case-insensitive ASCII substring search. */
bool html_contains_ci(const char *hay, const char *needle) {
    if (!hay) return false;
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0) return true;
    return false;
}

/* class and id words that mark furniture (Readability's "unlikely
 * candidates", plus the share bars and appeals of Arabic news sites) and
 * article bodies. STRONG words make furniture whatever else the class
 * says; WEAK ones only when no word of an article's container is there
 * too ("sidebar" is furniture, "main-column sidebar-left content" may not
 * be), as Readability rescues its unlikely candidates. */
static const char *const STRONG[] = {
    "comment", "share", "sharing", "social", "related", "donat", "newsletter", "subscribe", "cookie", "consent",
    "breadcrumb", "outbrain", "taboola", "disqus", "most-read", "mostread", "recommend", "read-also", "readalso",
    "see-also", "support-us", "membership", "advert", "popup", "modal", "sponsor", "promo", "font-size",
    "fontsize", "toolbar",
};
static const char *const WEAK[] = {
    "sidebar", "footer", "header", "navbar", "nav-", "menu", "banner", "widget", "tags", "tag-list", "pagination",
    "pager", "more-news", "trending", "print", "caption", "credit", "author-box", "skip", "ads-", "-ads",
};
static const char *const RESCUE[] = {"article", "body", "content", "main", "column", "story", "entry", "news"};
static const char *const POSITIVE[] = {
    "article-body", "articlebody", "article_body", "article-content", "article__body", "entry-content",
    "post-content", "post-body", "story-body", "story-content", "news-content", "news-body", "main-content",
    "content-body", "the-content", "article-text", "single-content", "body-text",
};

static bool any_word(const GumboNode *n, const char *const *words, size_t count) {
    const char *c = html_attr(n, "class"), *id = html_attr(n, "id");
    if (!c && !id) return false;
    for (size_t i = 0; i < count; i++)
        if (html_contains_ci(c, words[i]) || html_contains_ci(id, words[i])) return true;
    return false;
}

#define ANY_WORD(n, list) any_word(n, list, sizeof list / sizeof *list)

static int class_weight(const GumboNode *n) {
    int w = 0;
    if (ANY_WORD(n, POSITIVE)) w += 25;
    if (ANY_WORD(n, STRONG) || (ANY_WORD(n, WEAK) && !ANY_WORD(n, RESCUE))) w -= 25;
    return w;
}

static bool is_article_body(const GumboNode *n) {
    const char *ip = html_attr(n, "itemprop");
    return ip && strcasecmp(ip, "articleBody") == 0;
}

/* Furniture: set aside with everything inside it. An element that also
 * carries an article-body mark is never furniture. */
static bool is_furniture(const GumboNode *n) {
    GumboTag t = n->v.element.tag;
    if (is_never_text(t)) return true;
    if (is_article_body(n) || t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN || t == GUMBO_TAG_BODY ||
        t == GUMBO_TAG_HTML)
        return false;
    if (is_furniture_tag(t)) return true;
    const char *role = html_attr(n, "role");
    if (role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "banner") ||
                 !strcasecmp(role, "contentinfo") || !strcasecmp(role, "complementary") ||
                 !strcasecmp(role, "dialog")))
        return true;
    const char *hidden = html_attr(n, "hidden"), *aria = html_attr(n, "aria-hidden"), *style = html_attr(n, "style");
    if (hidden || (aria && !strcasecmp(aria, "true"))) return true;
    if (style && (html_contains_ci(style, "display:none") || html_contains_ci(style, "display: none"))) return true;
    return ANY_WORD(n, STRONG) || (ANY_WORD(n, WEAK) && !ANY_WORD(n, RESCUE));
}

/* ------------------------------------------------------------ text */


static void text_newline(text_ctx *c) {
    rasd_buf *b = c->b;
    /* trim a trailing space, and at most one blank line in a row */
    while (b->len && b->data[b->len - 1] == ' ') b->len--;
    c->pending_space = false;
    if (b->len == 0 || (b->len >= 1 && b->data[b->len - 1] == '\n' && b->len >= 2 && b->data[b->len - 2] == '\n'))
        return;
    rasd_buf_putc(b, '\n');
}

void html_text_append(text_ctx *c, const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        size_t n = 1;
        bool space = p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r' || p[i] == '\f' || p[i] == '\v';
        bool invalid = false;
        if (p[i] >= 0x80) {
            int32_t cp;
            n = rasd_utf8_next(p + i, len - i, &cp);
            space = cp == 0x00A0; /* no-break space: a space too */
            /* gumbo writes a numeric reference past U+10FFFF (&#15895555…;)
             * as a cut sequence; the text must stay UTF-8 */
            invalid = cp == 0xFFFD && n == 1;
        }
        if (space) {
            c->pending_space = true;
            i += n;
            continue;
        }
        if (c->pending_space && c->b->len && c->b->data[c->b->len - 1] != '\n') rasd_buf_putc(c->b, ' ');
        c->pending_space = false;
        if (invalid) rasd_buf_append(c->b, "\xEF\xBF\xBD", 3);
        else rasd_buf_append(c->b, (const char *)p + i, n);
        i += n;
    }
}

static size_t text_len_of(const GumboNode *n, bool links_only, int depth);
static double link_density(const GumboNode *n);

void html_text_walk(text_ctx *c, const GumboNode *n, int depth) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
        html_text_append(c, n->v.text.text);
        return;
    }
    if (n->type == GUMBO_NODE_WHITESPACE) {
        c->pending_space = true;
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE && n->type != GUMBO_NODE_DOCUMENT) return;
    if (n->type == GUMBO_NODE_DOCUMENT) {
        for (unsigned i = 0; i < n->v.document.children.length; i++)
            html_text_walk(c, n->v.document.children.data[i], depth + 1);
        return;
    }
    GumboTag t = n->v.element.tag;
    if (is_never_text(t)) return;
    if (c->skip_furniture && is_furniture(n)) return;
    if (t == GUMBO_TAG_BR) { /* a line break, never a blank line */
        while (c->b->len && c->b->data[c->b->len - 1] == ' ') c->b->len--;
        c->pending_space = false;
        if (c->b->len && c->b->data[c->b->len - 1] != '\n') rasd_buf_putc(c->b, '\n');
        return;
    }
    bool block = is_block(t);
    /* lists of links inside the body (related articles, tags) */
    if (c->prune_links && (t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DIV || t == GUMBO_TAG_P ||
                           t == GUMBO_TAG_SECTION || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_DL) &&
        link_density(n) > MAX_LINK_DENSITY)
        return;
    if (block) text_newline(c);
    if (depth < RASD_HTML_MAX_DEPTH)
        for (unsigned i = 0; i < n->v.element.children.length; i++)
            html_text_walk(c, n->v.element.children.data[i], depth + 1);
    if (block) text_newline(c);
}

/* Bytes of visible text in n (only inside <a> when links_only), furniture
 * excluded. Whitespace is not counted. */
static size_t text_len_of(const GumboNode *n, bool links_only, int depth) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
        if (links_only) return 0;
        size_t k = 0;
        for (const char *p = n->v.text.text; *p; p++) k += !isspace((unsigned char)*p);
        return k;
    }
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH) return 0;
    if (is_furniture(n)) return 0;
    if (links_only && n->v.element.tag == GUMBO_TAG_A) return text_len_of(n, false, depth);
    size_t k = 0;
    for (unsigned i = 0; i < n->v.element.children.length; i++)
        k += text_len_of(n->v.element.children.data[i], links_only, depth + 1);
    return k;
}

static double link_density(const GumboNode *n) {
    size_t all = text_len_of(n, false, 0);
    if (all == 0) return 0;
    return (double)text_len_of(n, true, 0) / (double)all;
}

/* Commas (Latin and Arabic) in n's text: prose has them, menus do not. */
static size_t commas_of(const GumboNode *n, int depth) {
    if (n->type == GUMBO_NODE_TEXT) {
        size_t k = 0;
        for (const char *p = n->v.text.text; *p; p++) {
            if (*p == ',') k++;
            else if ((unsigned char)p[0] == 0xD8 && (unsigned char)p[1] == 0x8C) k++, p++; /* U+060C */
        }
        return k;
    }
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH || is_furniture(n)) return 0;
    size_t k = 0;
    for (unsigned i = 0; i < n->v.element.children.length; i++) k += commas_of(n->v.element.children.data[i], depth + 1);
    return k;
}

/* ------------------------------------------------------------ scoring */

typedef struct cand {
    const GumboNode *node;
    double score;
} cand;

/* Candidates by node, in an open-addressing table: a big page has tens of
 * thousands of blocks, so a linear search per block would be quadratic. */
typedef struct scorer {
    cand *c;
    size_t cap, n; /* cap: a power of two, or 0 */
    bool oom;
} scorer;

static size_t slot_of(const scorer *s, const GumboNode *n) {
    uintptr_t h = (uintptr_t)n;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ULL;
    size_t i = (size_t)(h >> 7) & (s->cap - 1);
    while (s->c[i].node && s->c[i].node != n) i = (i + 1) & (s->cap - 1);
    return i;
}

static cand *cand_of(scorer *s, const GumboNode *n) {
    if (s->cap == 0 || (s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        cand *old = s->c;
        size_t old_cap = s->cap;
        if (!(s->c = calloc(cap, sizeof *s->c))) {
            s->c = old;
            s->oom = true;
            return NULL;
        }
        s->cap = cap;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].node) s->c[slot_of(s, old[i].node)] = old[i];
        free(old);
    }
    size_t i = slot_of(s, n);
    if (s->c[i].node) return &s->c[i];
    double base = 0;
    switch (n->v.element.tag) {
    case GUMBO_TAG_DIV: base = 5; break;
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: base = 10; break;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: base = 3; break;
    case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_FORM: base = -3; break;
    case GUMBO_TAG_TH: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: base = -5; break;
    default: break;
    }
    if (is_article_body(n)) base += 50;
    base += class_weight(n);
    s->c[i] = (cand){n, base};
    s->n++;
    return &s->c[i];
}

static const cand *cand_find(const scorer *s, const GumboNode *n) {
    if (s->cap == 0) return NULL;
    const cand *c = &s->c[slot_of(s, n)];
    return c->node ? c : NULL;
}

/* Whether an element holds block children (then it is not a paragraph
 * itself, only a container). */
static bool has_block_child(const GumboNode *n) {
    for (unsigned i = 0; i < n->v.element.children.length; i++) {
        const GumboNode *ch = n->v.element.children.data[i];
        if (ch->type == GUMBO_NODE_ELEMENT && ch->v.element.tag != GUMBO_TAG_BR && is_block(ch->v.element.tag))
            return true;
    }
    return false;
}

/* Scores every paragraph-like block and credits its parent fully and its
 * grandparent by half (Readability's rule: the article is the container
 * of the paragraphs, not a paragraph). */
static void score_walk(scorer *s, const GumboNode *n, int depth) {
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH || s->oom) return;
    if (is_furniture(n)) return;
    GumboTag t = n->v.element.tag;
    bool para = t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_TD || t == GUMBO_TAG_BLOCKQUOTE ||
                ((t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION) && !has_block_child(n));
    if (para) {
        size_t len = text_len_of(n, false, depth);
        if (len >= MIN_BLOCK_BYTES) {
            double score = 1 + (double)commas_of(n, depth) + (double)(len / 200 < 3 ? len / 200 : 3);
            const GumboNode *p = n->parent, *g = p ? p->parent : NULL;
            if (p && p->type == GUMBO_NODE_ELEMENT) {
                cand *c = cand_of(s, p);
                if (c) c->score += score;
            }
            if (g && g->type == GUMBO_NODE_ELEMENT) {
                cand *c = cand_of(s, g);
                if (c) c->score += score / 2;
            }
        }
        if (t != GUMBO_TAG_BLOCKQUOTE && t != GUMBO_TAG_TD) return;
    }
    for (unsigned i = 0; i < n->v.element.children.length; i++) score_walk(s, n->v.element.children.data[i], depth + 1);
}

static const GumboNode *find_tag(const GumboNode *n, GumboTag tag, int depth) {
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH) return NULL;
    if (n->v.element.tag == tag) return n;
    for (unsigned i = 0; i < n->v.element.children.length; i++) {
        const GumboNode *r = find_tag(n->v.element.children.data[i], tag, depth + 1);
        if (r) return r;
    }
    return NULL;
}

static const GumboNode *find_article_body(const GumboNode *n, int depth) {
    if (n->type != GUMBO_NODE_ELEMENT || depth >= RASD_HTML_MAX_DEPTH) return NULL;
    if (is_article_body(n)) return n;
    if (is_never_text(n->v.element.tag)) return NULL;
    for (unsigned i = 0; i < n->v.element.children.length; i++) {
        const GumboNode *r = find_article_body(n->v.element.children.data[i], depth + 1);
        if (r) return r;
    }
    return NULL;
}

/* The article's elements, in document order, into *out: the page's own
 * articleBody mark when it holds text; else the best-scoring container
 * (its score discounted by its link density) and those of its siblings
 * that score near it or are prose paragraphs (Readability's rule: an
 * article split over sibling blocks is one article); else the body. */
typedef struct picked {
    const GumboNode **nodes;
    size_t n, cap;
    bool oom;
} picked;

static void pick(picked *p, const GumboNode *n) {
    if (!rasd_grow((void **)&p->nodes, &p->cap, p->n, sizeof *p->nodes)) {
        p->oom = true;
        return;
    }
    p->nodes[p->n++] = n;
}

static void pick_body(const GumboNode *root, picked *out) {
    const GumboNode *marked = find_article_body(root, 0);
    if (marked && text_len_of(marked, false, 0) >= MIN_BLOCK_BYTES) {
        pick(out, marked);
        return;
    }
    scorer s = {0};
    score_walk(&s, root, 0);
    out->oom = s.oom;
    const GumboNode *best = NULL;
    double best_score = 0;
    for (size_t i = 0; i < s.cap; i++) {
        if (!s.c[i].node) continue;
        double sc = s.c[i].score * (1 - link_density(s.c[i].node));
        s.c[i].score = sc;
        if (!best || sc > best_score) best = s.c[i].node, best_score = sc;
    }
    if (!best) {
        free(s.c);
        const GumboNode *body = find_tag(root, GUMBO_TAG_BODY, 0);
        pick(out, body ? body : root);
        return;
    }
    /* the best may be a wrapper inside the real container: climb while
     * the parent adds no paragraph of its own (a side column is one) */
    size_t own = text_len_of(best, false, 0);
    while (best->parent && best->parent->type == GUMBO_NODE_ELEMENT &&
           best->parent->v.element.tag != GUMBO_TAG_BODY && best->parent->v.element.tag != GUMBO_TAG_HTML) {
        size_t up = text_len_of(best->parent, false, 0);
        if (up >= own + MIN_BLOCK_BYTES || link_density(best->parent) > MAX_LINK_DENSITY) break;
        best = best->parent;
        own = up;
    }
    const GumboNode *parent = best->parent;
    if (!parent || parent->type != GUMBO_NODE_ELEMENT) {
        free(s.c);
        pick(out, best);
        return;
    }
    double threshold = best_score * 0.2 > 10 ? best_score * 0.2 : 10;
    for (unsigned i = 0; i < parent->v.element.children.length; i++) {
        const GumboNode *sib = parent->v.element.children.data[i];
        if (sib == best) {
            pick(out, sib);
            continue;
        }
        if (sib->type != GUMBO_NODE_ELEMENT || is_furniture(sib)) continue;
        const cand *c = cand_find(&s, sib);
        bool take = c && c->score >= threshold;
        if (!take && sib->v.element.tag == GUMBO_TAG_P) {
            size_t len = text_len_of(sib, false, 0);
            double ld = link_density(sib);
            take = (len >= 80 && ld < 0.25) || (len >= MIN_BLOCK_BYTES && ld == 0);
        }
        if (take) pick(out, sib);
    }
    free(s.c);
}

static bool too_many_tags(const char *s, size_t len) {
    size_t tags = 0;
    for (const char *p = s; (p = memchr(p, '<', len - (size_t)(p - s))) != NULL && p + 1 < s + len; p++)
        if (isalpha((unsigned char)p[1]) && ++tags > MAX_TAGS) return true;
    return false;
}

static bool listed(const char *const *list, size_t count, const char *name, size_t n) {
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && !strncasecmp(list[i], name, n)) return true;
    return false;
}

/* Elements without content. */
static bool void_element(const char *name, size_t n) {
    static const char *const VOID[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                       "param", "source", "track", "wbr", "keygen", "image"};
    return listed(VOID, sizeof VOID / sizeof *VOID, name, n);
}

/* Inline elements: a <p> closes through them, not through blocks. */
static bool inline_element(const char *name, size_t n) {
    static const char *const INL[] = {"a", "b", "i", "u", "s", "em", "strong", "span", "font", "small", "big",
                                      "strike", "code", "tt", "sup", "sub", "mark", "abbr", "cite", "q", "label"};
    return listed(INL, sizeof INL / sizeof *INL, name, n);
}

/* Elements that a sibling of the same name closes (<p>…<p>, <li>…<li>). */
static bool self_closing_sibling(const char *name, size_t n) {
    static const char *const SIB[] = {"p", "li", "td", "th", "tr", "option", "dt", "dd"};
    return listed(SIB, sizeof SIB / sizeof *SIB, name, n);
}

/* An estimate, from above, of how deep the page's elements nest, before
 * gumbo sees it: gumbo's parse time grows with depth times tags (each
 * start tag looks through the open elements), so a page nested thousands
 * deep takes it seconds, and no real page nests past a few dozen. Start
 * tags push their name (a <p> or <li> first closes one open just above,
 * a block an open <p>),
 * end tags pop to a matching name among the top 64 (a stray end tag pops
 * nothing, as in gumbo; </p> also closes the <b> left open inside it);
 * comments, scripts and styles are skipped. Returns true when the estimate passes the limit. */
static bool too_deep(const char *s, size_t len, size_t limit) {
    typedef struct {
        uint64_t h;
        bool is_inline;
    } open_el;
    const uint64_t P_HASH = (1469598103934665603ULL ^ 'p') * 1099511628211ULL;
    open_el *stack = malloc((limit + 1) * sizeof *stack);
    if (!stack) return true;
    size_t depth = 0;
    const char *end = s + len;
    bool deep = false;
    for (const char *p = s; !deep && (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
        if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
            const char *q = p + 4;
            while (q + 3 <= end && memcmp(q, "-->", 3)) q++;
            p = q + 3 <= end ? q + 2 : end - 1;
            continue;
        }
        bool closing = p + 1 < end && p[1] == '/';
        const char *name = p + 1 + closing, *ne = name;
        while (ne < end && (isalnum((unsigned char)*ne) || *ne == '-' || *ne == ':')) ne++;
        if (ne == name || !isalpha((unsigned char)*name)) continue;
        size_t nl = (size_t)(ne - name);
        uint64_t h = 1469598103934665603ULL;
        for (const char *c = name; c < ne; c++) h = (h ^ (uint64_t)tolower((unsigned char)*c)) * 1099511628211ULL;
        const char *gt = memchr(ne, '>', (size_t)(end - ne));
        if (!gt) break;
        if (closing) {
            for (size_t k = 0; k < depth && k < 64; k++)
                if (stack[depth - 1 - k].h == h) {
                    depth -= k + 1;
                    break;
                }
        } else if (!(gt > ne && gt[-1] == '/') && !void_element(name, nl)) {
            if ((nl == 6 && !strncasecmp(name, "script", 6)) || (nl == 5 && !strncasecmp(name, "style", 5))) {
                /* raw text up to its end tag */
                const char *q = gt;
                while (q + 2 < end && !(q[0] == '<' && q[1] == '/' && !strncasecmp(q + 2, name, nl))) q++;
                p = q;
                continue;
            }
            bool is_inline = inline_element(name, nl);
            /* a <p> or <li> open just above (through inline elements
             * only) is closed by a sibling of its name, and a block
             * closes an open <p>, with what they hold */
            uint64_t closes = self_closing_sibling(name, nl) ? h : is_inline ? 0 : P_HASH;
            for (size_t k = 0; closes && k < depth && k < 16; k++) {
                if (stack[depth - 1 - k].h == closes) {
                    depth -= k + 1;
                    break;
                }
                if (!stack[depth - 1 - k].is_inline) break;
            }
            stack[depth++] = (open_el){h, is_inline};
            deep = depth > limit;
        }
        p = gt;
    }
    free(stack);
    return deep;
}

/* Parses html (valid UTF-8 from here on) after the size and tag checks. */
static rasd_status parse(const char *name, const char *html, size_t len, size_t max, GumboOutput **out, rasd_error *err) {
    if (len > max)
        return rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: %zu bytes of HTML, over the limit of %zu", name, len, max);
    if (too_many_tags(html, len))
        return rasd_fail(err, RASD_ERR_FORMAT, "%s: more than %d tags: not a news page", name, MAX_TAGS);
    if (too_deep(html, len, RASD_HTML_MAX_DEPTH))
        return rasd_fail(err, RASD_ERR_FORMAT, "%s: elements nested more than %d deep: not a news page", name,
                         RASD_HTML_MAX_DEPTH);
    GumboOptions o = kGumboDefaultOptions;
    o.max_errors = 0; /* the parse errors of real pages are legion and say nothing */
    *out = gumbo_parse_with_options(&o, html, len);
    if (!*out) return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory parsing HTML", name);
    return RASD_OK;
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

rasd_status rasd_html_read(const char *name, const char *data, size_t len, const rasd_html_options *opt,
                           rasd_article *a, rasd_error *err) {
    memset(a, 0, sizeof *a);
    rasd_html_options none = {0};
    if (!opt) opt = &none;
    size_t max = opt->max_bytes ? opt->max_bytes : RASD_HTML_MAX_BYTES;
    if (len > max)
        return rasd_fail(err, RASD_ERR_TOO_LARGE, "%s: %zu bytes of HTML, over the limit of %zu", name, len, max);
    char *html = NULL;
    size_t hlen = 0;
    rasd_status st = rasd_html_to_utf8(name, data, len, opt->charset, &html, &hlen, err);
    if (st != RASD_OK) return st;
    GumboOutput *g = NULL;
    if ((st = parse(name, html, hlen, max * 4, &g, err)) != RASD_OK) {
        free(html);
        return st;
    }
    html_meta m = {0};
    html_meta_walk(&m, g->root, 0);
    picked body = {0};
    pick_body(g->root, &body);
    bool oom = body.oom;
    rasd_buf b = {0};
    text_ctx c = {&b, true, true, false};
    for (size_t i = 0; i < body.n; i++) {
        html_text_walk(&c, body.nodes[i], 0);
        text_newline(&c);
    }
    free(body.nodes);
    a->origin = strdup(name);
    a->title = html_pick_title(&m);
    a->author = m.author, m.author = NULL;
    if (a->author) html_clean_author(a->author);
    a->published = m.published, m.published = NULL;
    /* a relative canonical link ("/news/123") is resolved against where
     * the page came from; without that, it is kept only when absolute */
    if (m.url) a->url = rasd_url_resolve(opt->url, m.url);
    if (!a->url) a->url = dup_or_null(opt->url);
    a->source = m.site, m.site = NULL;
    html_meta_free(&m);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    free(html);
    if (b.oom || oom || !a->origin) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "%s: out of memory", name);
    }
    /* the body's first line repeats the headline on most pages: the
     * headline is the title, not a paragraph */
    char *text = b.data ? b.data : NULL;
    size_t tlen = b.len;
    if (text && a->title) {
        size_t tl = strlen(a->title);
        if (tlen >= tl && !strncmp(text, a->title, tl) && (tlen == tl || text[tl] == '\n')) {
            size_t skip = tl;
            while (skip < tlen && text[skip] == '\n') skip++;
            memmove(text, text + skip, tlen - skip + 1);
            tlen -= skip;
        }
    }
    while (tlen && (text[tlen - 1] == '\n' || text[tlen - 1] == ' ')) text[--tlen] = '\0';
    if (text && opt->bp && tlen) {
        rasd_boilerplate_result r;
        if ((st = rasd_boilerplate_filter(opt->bp, text, tlen, &r, err)) != RASD_OK) {
            free(text);
            return st;
        }
        free(text);
        text = r.text, tlen = r.len, r.text = NULL;
        rasd_boilerplate_result_free(&r);
        /* a removed line between two blank ones leaves two in a row */
        size_t w = 0;
        for (size_t i = 0; i < tlen; i++)
            if (!(text[i] == '\n' && w >= 2 && text[w - 1] == '\n' && text[w - 2] == '\n')) text[w++] = text[i];
        while (w && text[w - 1] == '\n') w--;
        text[tlen = w] = '\0';
    }
    if (!text || tlen == 0) {
        free(text);
        return rasd_fail(err, RASD_ERR_EMPTY, "%s: no article text found in the page", name);
    }
    a->text = text;
    a->len = tlen;
    return RASD_OK;
}

rasd_status rasd_html_text(const char *data, size_t len, char **text, size_t *text_len, rasd_error *err) {
    *text = NULL;
    *text_len = 0;
    char *html = NULL;
    size_t hlen = 0;
    rasd_utf8_report rep;
    rasd_status st = rasd_utf8_sanitize(data, len, false, &html, &hlen, &rep, err);
    if (st != RASD_OK) return st;
    GumboOutput *g = NULL;
    if ((st = parse("HTML fragment", html, hlen, RASD_HTML_MAX_BYTES, &g, err)) != RASD_OK) {
        free(html);
        return st;
    }
    rasd_buf b = {0};
    text_ctx c = {&b, false, false, false};
    html_text_walk(&c, g->root, 0);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    free(html);
    while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' ')) b.data[--b.len] = '\0';
    if (b.oom) {
        rasd_buf_free(&b);
        return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    }
    if (!b.data && !(b.data = calloc(1, 1))) return rasd_fail(err, RASD_ERR_NOMEM, "out of memory");
    *text = b.data;
    *text_len = b.len;
    return RASD_OK;
}

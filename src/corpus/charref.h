/*
 * charref.h: HTML character references (&quot; &amp; &#39; &#x27; &nbsp;
 * and every other name of the WHATWG list) decoded into the characters a
 * reader sees.
 *
 * Formats that carry markup already decode them in their parsers (gumbo
 * for pages, libxml2 for feeds); scraped JSON records do not: their
 * strings are text cut out of pages with the references left in (the
 * SaudiNewsNet titles hold &quot;). The JSON reader decodes title and
 * text with this before anything is analysed, so stored text holds the
 * characters and every offset points into it. Plain text files are not
 * decoded: nothing says an ampersand there is markup.
 */
#ifndef RASD_CHARREF_H
#define RASD_CHARREF_H

#include "corpus/article.h"

/* Decodes the references of s[0..len) into a malloc'd, NUL-terminated
 * string (*out, *out_len). A reference is &name; (or one of the legacy
 * names written without ';', such as &amp, when no letter or digit
 * follows), &#DDD; or &#xHHH; (';' optional). A reference decoded from an
 * escaped ampersand (&amp;quot;, text escaped twice) is decoded again.
 * Code points that are no character (0, surrogates, past U+10FFFF,
 * control characters but tab and line breaks) become U+FFFD; 128-159
 * are read as Windows-1252, as browsers do. *changed tells whether
 * anything was decoded. False only when out of memory. */
bool rasd_charref_decode(const char *s, size_t len, char **out, size_t *out_len, bool *changed);

/* An article's title and text decoded in place; false when out of memory
 * (the article is then unchanged). */
bool rasd_article_decode_charrefs(rasd_article *a);

#endif

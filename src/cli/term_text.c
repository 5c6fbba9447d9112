/*
 * term_text.c: text from the store as a terminal may be given it (cli.h).
 *
 * Articles come from anywhere: a title or body holding ESC [ ... can move
 * the cursor, rewrite the screen or set the window title of whoever lists
 * the store. So every control character but the line break and the tab
 * (C0, DEL, the C1 range U+0080..U+009F that some terminals obey as
 * escapes) and every byte that is not UTF-8 is written visibly instead:
 * \x1b, \u009b. Only human output goes through here; JSON and CSV keep
 * the exact text (JSON with its standard escapes).
 */
#include "cli.h"

#include "core/internal.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

void cli_term_text(rasd_buf *b, const char *s, size_t len, bool one_line) {
    static const char HEX[] = "0123456789abcdef";
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f) { /* the common case: plain ASCII */
            rasd_buf_putc(b, (char)c);
            i++;
            continue;
        }
        if (c == '\n' || c == '\t' || (one_line && c == '\r')) {
            rasd_buf_putc(b, one_line ? ' ' : (char)c);
            i++;
            continue;
        }
        if (c < 0x80) { /* C0 and DEL */
            char esc[4] = {'\\', 'x', HEX[c >> 4], HEX[c & 15]};
            rasd_buf_append(b, esc, 4);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) { /* not UTF-8: the byte itself, visibly */
            char esc[4] = {'\\', 'x', HEX[c >> 4], HEX[c & 15]};
            rasd_buf_append(b, esc, 4);
            i++;
            continue;
        }
        if (cp >= 0x80 && cp <= 0x9f) {
            char esc[6] = {'\\', 'u', '0', '0', HEX[cp >> 4], HEX[cp & 15]};
            rasd_buf_append(b, esc, 6);
        } else {
            rasd_buf_append(b, s + i, (size_t)n);
        }
        i += (size_t)n;
    }
}

void cli_term_puts(FILE *out, const char *s, bool one_line) {
    if (!s) return;
    rasd_buf b = {0};
    cli_term_text(&b, s, strlen(s), one_line);
    if (b.data) fwrite(b.data, 1, b.len, out);
    rasd_buf_free(&b);
}

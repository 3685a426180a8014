/* adapters/io/am_sink.c: a growable text buffer that keeps its first error, with a JSON string
 * writer, so that writers of output formats check for failure once at the end. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_io.h"

struct am_sink {
    char *buf;
    size_t len, cap;
    bool failed;
};

am_sink *am_sink_new(void)
{
    am_sink *s = am_heap_realloc(NULL, sizeof *s);
    if (!s)
        return NULL;
    memset(s, 0, sizeof *s);
    s->buf = am_heap_realloc(NULL, 256);
    if (!s->buf) {
        am_heap_free(s);
        return NULL;
    }
    s->cap = 256;
    s->buf[0] = '\0';
    return s;
}

void am_sink_free(am_sink *s)
{
    if (!s)
        return;
    am_heap_free(s->buf);
    am_heap_free(s);
}

/* Make room for `extra` more bytes plus the terminating NUL. */
static bool reserve(am_sink *s, size_t extra)
{
    if (s->failed)
        return false;
    if (extra >= (size_t)-1 / 2 - s->len) {
        s->failed = true;
        return false;
    }
    size_t need = s->len + extra + 1;
    if (need <= s->cap)
        return true;
    size_t ncap = s->cap;
    while (ncap < need)
        ncap *= 2;
    char *nb = am_heap_realloc(s->buf, ncap);
    if (!nb) {
        s->failed = true;
        return false;
    }
    s->buf = nb;
    s->cap = ncap;
    return true;
}

void am_sink_put(am_sink *s, const char *bytes, size_t len)
{
    if (!reserve(s, len))
        return;
    memcpy(s->buf + s->len, bytes, len);
    s->len += len;
    s->buf[s->len] = '\0';
}

void am_sink_puts(am_sink *s, const char *str)
{
    am_sink_put(s, str, strlen(str));
}

void am_sink_printf(am_sink *s, const char *fmt, ...)
{
    if (s->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap);
    va_end(ap);
    if (n < 0) {
        s->failed = true;
        return;
    }
    if ((size_t)n >= s->cap - s->len) {
        if (!reserve(s, (size_t)n))
            return;
        va_start(ap, fmt);
        vsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap);
        va_end(ap);
    }
    s->len += (size_t)n;
}

void am_sink_json_string(am_sink *s, const char *str)
{
    static const char hex[] = "0123456789abcdef";
    am_sink_put(s, "\"", 1);
    const char *run = str;
    for (const char *p = str; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        am_sink_put(s, run, (size_t)(p - run));
        run = p + 1;
        char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
        size_t n = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        am_sink_put(s, esc, n);
    }
    am_sink_put(s, run, strlen(run));
    am_sink_put(s, "\"", 1);
}

am_status am_sink_status(const am_sink *s)
{
    return s->failed ? AM_ENOMEM : AM_OK;
}

const char *am_sink_data(const am_sink *s, size_t *len)
{
    if (len)
        *len = s->len;
    return s->buf;
}

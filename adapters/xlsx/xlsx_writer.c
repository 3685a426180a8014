/* adapters/xlsx/xlsx_writer.c: the worksheet writer behind the three sheets: header row in bold,
 * cells that track the widest text of each column (a CJK character counts two), then frozen
 * header, autofilter over the used range and fitted widths; plus the scratch text buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "xlsx_impl.h"

/* Excel keeps at most 32767 characters in a cell; cut longer texts (in bytes, so never more
 * characters) at a character boundary. */
#define XS_CELL_MAX 32767

/* ---- text buffer ---- */

static bool xb_reserve(xbuf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->n + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + extra + 1)
        cap *= 2;
    char *p = am_heap_realloc(b->p, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void xb_clear(xbuf *b)
{
    b->n = 0;
    if (b->p)
        b->p[0] = '\0';
}

void xb_puts(xbuf *b, const char *s)
{
    size_t len = strlen(s);
    if (!xb_reserve(b, len))
        return;
    memcpy(b->p + b->n, s, len + 1);
    b->n += len;
}

void xb_printf(xbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0 || !xb_reserve(b, (size_t)len))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)len;
}

const char *xb_str(const xbuf *b) { return b->p ? b->p : ""; }

void xb_free(xbuf *b)
{
    am_heap_free(b->p);
    memset(b, 0, sizeof *b);
}

/* ---- widths ---- */

/* East Asian wide and full-width code points (Unicode EastAsianWidth W and F, the main blocks):
 * Hangul Jamo, CJK radicals to Yi, Hangul syllables, CJK compatibility ideographs, vertical and
 * compatibility forms, full-width forms, and the supplementary ideographic planes. */
static bool wide(unsigned long cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
           (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

double xlsx_text_width(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    double w = 0;
    while (*p) {
        unsigned long cp = *p;
        int n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
                              : (*p & 0xF8) == 0xF0 ? 4 : 1;
        if (n > 1) {
            cp = *p & (0x3F >> (n - 1));
            for (int i = 1; i < n; i++) {
                if ((p[i] & 0xC0) != 0x80) { /* a broken sequence: one unit per byte */
                    n = 1;
                    cp = 0;
                    break;
                }
                cp = (cp << 6) | (p[i] & 0x3F);
            }
        }
        w += wide(cp) ? 2 : 1;
        p += n;
    }
    return w;
}

/* ---- the worksheet writer ---- */

static void keep(xsheet *s, lxw_error e)
{
    if (e != LXW_NO_ERROR && s->x->lxw == LXW_NO_ERROR)
        s->x->lxw = e;
}

static void fit(xsheet *s, int col, double w)
{
    if (col >= 0 && col < s->n_cols && w > s->width[col])
        s->width[col] = w;
}

void xs_open(xsheet *s, xlsx_ctx *x, const char *name, const char *const *headers, int n)
{
    memset(s, 0, sizeof *s);
    s->x = x;
    s->n_cols = n < XS_MAX_COLS ? n : XS_MAX_COLS;
    if (x->lxw != LXW_NO_ERROR)
        return;
    s->ws = workbook_add_worksheet(x->wb, name);
    if (!s->ws) {
        keep(s, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (int c = 0; c < s->n_cols; c++) {
        keep(s, worksheet_write_string(s->ws, 0, (lxw_col_t)c, headers[c], x->bold));
        fit(s, c, xlsx_text_width(headers[c]) + 2); /* room for the filter's drop-down button */
    }
}

void xs_row(xsheet *s) { s->row++; }

void xs_text(xsheet *s, int col, const char *text)
{
    if (!s->ws || s->x->lxw != LXW_NO_ERROR || !text || !*text)
        return;
    size_t len = strlen(text);
    char cut[XS_CELL_MAX + 1];
    if (len > XS_CELL_MAX) {
        size_t n = XS_CELL_MAX - 3;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
        memcpy(cut, text, n);
        memcpy(cut + n, "\xE2\x80\xA6", 4); /* "…" */
        text = cut;
    }
    keep(s, worksheet_write_string(s->ws, s->row, (lxw_col_t)col, text, NULL));
    fit(s, col, xlsx_text_width(text));
}

void xs_int(xsheet *s, int col, long long v)
{
    if (!s->ws || s->x->lxw != LXW_NO_ERROR)
        return;
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", v);
    keep(s, worksheet_write_number(s->ws, s->row, (lxw_col_t)col, (double)v, NULL));
    fit(s, col, (double)strlen(digits));
}

void xs_date(xsheet *s, int col, am_date d)
{
    if (!s->ws || s->x->lxw != LXW_NO_ERROR)
        return;
    int y, m, day;
    am_date_to_ymd(d, &y, &m, &day);
    lxw_datetime dt = {.year = y, .month = m, .day = day};
    keep(s, worksheet_write_datetime(s->ws, s->row, (lxw_col_t)col, &dt, s->x->date));
    fit(s, col, 10); /* yyyy-mm-dd */
}

void xs_close(xsheet *s)
{
    if (!s->ws || s->x->lxw != LXW_NO_ERROR)
        return;
    worksheet_freeze_panes(s->ws, 1, 0);
    keep(s, worksheet_autofilter(s->ws, 0, 0, s->row, (lxw_col_t)(s->n_cols - 1)));
    for (int c = 0; c < s->n_cols; c++) {
        double w = s->width[c] + 1; /* a little air on the right */
        keep(s, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c,
                                     w < XS_WIDTH_MAX ? w : XS_WIDTH_MAX, NULL));
    }
}

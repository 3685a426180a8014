/* adapters/xlsx/xlsx_impl.h: private to adapters/xlsx: the state of one workbook being written,
 * a text buffer, and a worksheet writer that remembers the widest text of every column and the
 * first libxlsxwriter error. With the adapter's .c files, the only includer of xlsxwriter.h. */
#ifndef ADVMATCH_XLSX_IMPL_H
#define ADVMATCH_XLSX_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <xlsxwriter.h>

#include "advmatch/am_xlsx.h"

/* A growable NUL-terminated string on the heap (am_heap_realloc). After a failed allocation it
 * stays as it was and `failed` is set; the writer checks once per workbook. */
typedef struct xbuf {
    char *p;
    size_t n, cap;
    bool failed;
} xbuf;

void xb_clear(xbuf *b);
void xb_puts(xbuf *b, const char *s);
void xb_printf(xbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *xb_str(const xbuf *b); /* "" when empty; borrowed until the next write */
void xb_free(xbuf *b);

/* One workbook being written. */
typedef struct xlsx_ctx {
    lxw_workbook *wb;
    lxw_format *bold; /* header row */
    lxw_format *date; /* yyyy-mm-dd */
    const am_instance *inst;
    const am_result *res;
    const am_schedule *sched; /* or NULL */
    const char *province;     /* province code, or NULL for every county */
    xbuf text;                /* scratch for joined lists */
    lxw_error lxw;            /* first libxlsxwriter error, LXW_NO_ERROR if none */
    am_status st;             /* first error of ours (AM_ENOMEM from a buffer or am_explain) */
    am_error *err;
} xlsx_ctx;

/* Is county `c` one of the workbook's (all, or those of ctx->province)? */
bool xlsx_county_in(const xlsx_ctx *x, int c);

#define XS_MAX_COLS 16
#define XS_WIDTH_MAX 60.0 /* column width cap, in Excel character units */

/* A worksheet with a bold, frozen, filtered header row and fitted column widths. Cells go to
 * the current row (xs_row starts the next one); errors go to ctx->lxw (the first is kept). */
typedef struct xsheet {
    xlsx_ctx *x;
    lxw_worksheet *ws;
    int n_cols;
    double width[XS_MAX_COLS]; /* widest cell so far, in character units */
    lxw_row_t row;             /* current row: 0 is the header */
} xsheet;

/* Add the worksheet `name` with the header row `headers[0..n)` (n <= XS_MAX_COLS). */
void xs_open(xsheet *s, xlsx_ctx *x, const char *name, const char *const *headers, int n);
void xs_row(xsheet *s);
void xs_text(xsheet *s, int col, const char *text);
void xs_int(xsheet *s, int col, long long v);
void xs_date(xsheet *s, int col, am_date d);
/* Freeze the header row, filter the used range, set the column widths. */
void xs_close(xsheet *s);

/* Width of UTF-8 `text` in Excel character units: 2 for an East Asian wide or full-width
 * character, 1 for anything else. */
double xlsx_text_width(const char *text);

/* The three sheets (xlsx_sheets.c). */
void xlsx_sheet_groups(xlsx_ctx *x);
void xlsx_sheet_shortfalls(xlsx_ctx *x);
void xlsx_sheet_meetings(xlsx_ctx *x);

#endif

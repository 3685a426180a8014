/* adapters/gen/gen_csv.c: the CSV reader of gen_csv.h. Each line becomes a row of exactly
 * n_cols cells (extra cells dropped, missing ones ""); blank lines are skipped. */
#include "gen_csv.h"

#include <string.h>

typedef struct reader {
    am_arena *a;
    const char *p;
    char *buf; /* scratch for one cell, grown in the arena */
    size_t cap;
} reader;

/* Read one cell starting at r->p into an arena string; stops at ',', '\n', '\r' or NUL. */
static const char *read_cell(reader *r)
{
    size_t n = 0;
    const char *p = r->p;
    int quoted = (*p == '"');
    if (quoted)
        p++;
    for (;;) {
        char ch = *p;
        if (ch == '\0')
            break;
        if (quoted) {
            if (ch == '"') {
                if (p[1] == '"') {
                    p++;
                } else {
                    p++;
                    quoted = 0;
                    continue;
                }
            }
        } else if (ch == ',' || ch == '\n' || ch == '\r') {
            break;
        }
        if (n + 1 >= r->cap &&
            am_arena_grow(r->a, (void **)&r->buf, &r->cap, n + 2, 1, 1) != 0)
            return NULL;
        r->buf[n++] = ch;
        p++;
    }
    r->p = p;
    return am_arena_strndup(r->a, r->buf ? r->buf : "", n);
}

/* Skip the line end (if any); returns 1 when at end of text. */
static int end_line(reader *r)
{
    while (*r->p != '\0' && *r->p != '\n')
        r->p++;
    if (*r->p == '\n')
        r->p++;
    return *r->p == '\0';
}

static int count_header(const char *p)
{
    int n = 1, quoted = 0;
    for (; *p && (quoted || (*p != '\n' && *p != '\r')); p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == ',' && !quoted)
            n++;
    }
    return n;
}

int gen_csv_parse(am_arena *a, const char *text, gen_csv *out)
{
    reader r = {a, text, NULL, 0};
    const char **cells = NULL;
    size_t cap = 0, used = 0;
    int n_cols = count_header(text);
    int rows = 0;
    while (*r.p != '\0') {
        if (*r.p == '\n' || *r.p == '\r') { /* blank line */
            end_line(&r);
            continue;
        }
        if (am_arena_grow(a, (void **)&cells, &cap, used + (size_t)n_cols, sizeof *cells,
                          _Alignof(const char *)) != 0)
            return -1;
        int col = 0;
        for (;;) {
            const char *cell = read_cell(&r);
            if (!cell)
                return -1;
            if (col < n_cols)
                cells[used + (size_t)col] = cell;
            col++;
            if (*r.p != ',')
                break;
            r.p++;
        }
        for (; col < n_cols; col++)
            cells[used + (size_t)col] = "";
        used += (size_t)n_cols;
        rows++;
        end_line(&r);
    }
    out->n_cols = n_cols;
    out->n_rows = rows > 0 ? rows - 1 : 0;
    out->cells = cells;
    return 0;
}

int gen_csv_col(const gen_csv *c, const char *name)
{
    if (!c->cells)
        return -1;
    for (int i = 0; i < c->n_cols; i++)
        if (strcmp(c->cells[i], name) == 0)
            return i;
    return -1;
}

const char *gen_csv_get(const gen_csv *c, int row, int col)
{
    if (col < 0 || col >= c->n_cols || row < 0 || row >= c->n_rows)
        return "";
    return c->cells[(size_t)(row + 1) * (size_t)c->n_cols + (size_t)col];
}

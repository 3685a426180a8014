/* adapters/gen/gen_csv.h: a tiny RFC 4180 CSV reader for the embedded reference data
 * (quoted fields with commas and doubled quotes, LF or CRLF lines). Cells live in an arena. */
#ifndef ADVMATCH_GEN_CSV_H
#define ADVMATCH_GEN_CSV_H

#include "advmatch/am_arena.h"

typedef struct gen_csv {
    int n_cols;         /* columns of the header line */
    int n_rows;         /* data lines (the header not counted) */
    const char **cells; /* (n_rows + 1) * n_cols; row 0 is the header; missing cells are "" */
} gen_csv;

/* Parse `text` (NUL-terminated). Returns 0, or -1 when out of memory. */
int gen_csv_parse(am_arena *a, const char *text, gen_csv *out);

/* Column index of the header `name`, or -1. */
int gen_csv_col(const gen_csv *c, const char *name);

/* Cell of data row `row` (0-based) and column `col`; "" when col < 0. */
const char *gen_csv_get(const gen_csv *c, int row, int col);

#endif

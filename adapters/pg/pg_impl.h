/* adapters/pg/pg_impl.h: what the files of the PostgreSQL adapter share: the connection, running
 * SQL with the error mapped to am_status, transactions, COPY, text fields and fail points.
 * Private to adapters/pg/. A PGresult returned by these helpers is the caller's to PQclear. */
#ifndef ADVMATCH_PG_IMPL_H
#define ADVMATCH_PG_IMPL_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "advmatch/am_io.h"
#include "advmatch/am_pg.h"

struct am_pg {
    PGconn *conn;
    bool in_tx; /* a transaction we began is open */
};

/* Map a failed result (or the connection's state when res is NULL) to an am_error naming
 * `what` (the step: "import experts"). Returns the status. */
am_status pg_fail(am_pg *db, const PGresult *res, const char *what, am_error *err);

/* Run `sql` (no parameters; may hold several statements). AM_OK or the mapped error. */
am_status pg_exec(am_pg *db, const char *sql, const char *what, am_error *err);
/* Run `sql` with text parameters (NULL: SQL NULL). On AM_OK *out (if not NULL) holds the result
 * (PGRES_TUPLES_OK or PGRES_COMMAND_OK), which the caller PQclears. */
am_status pg_query(am_pg *db, const char *sql, int n, const char *const *params,
                   PGresult **out, const char *what, am_error *err);

/* pg_query with one parameter, $1 = `id` (a round id). */
am_status pg_query_id(am_pg *db, const char *sql, long long id, PGresult **out, const char *what,
                      am_error *err);

/* BEGIN with `mode` ("ISOLATION LEVEL REPEATABLE READ READ ONLY", or "" for the default);
 * COMMIT; ROLLBACK (never fails: a broken connection is simply closed by the server). */
am_status pg_begin(am_pg *db, const char *mode, am_error *err);
am_status pg_commit(am_pg *db, am_error *err);
void pg_rollback(am_pg *db);

/* COPY `table_and_columns` FROM STDIN (text format) with the rows in `s`, each line already
 * escaped with pg_copy_field. `what` names the step in errors. */
am_status pg_copy_in(am_pg *db, const char *table_and_columns, am_sink *s, const char *what,
                     am_error *err);
/* Append `v` as a COPY text-format field (NULL: \N), escaping backslash, tab, newline, CR. */
void pg_copy_field(am_sink *s, const char *v);
/* Append a text[] literal of `n` strings as a COPY field ("{\"a\",\"b\"}" escaped for COPY). */
void pg_copy_array(am_sink *s, const char *const *v, int n);

/* Append a text[] literal ({"a","b"}, for a query parameter) of `n` strings. (pg_round.c) */
void pg_array_literal(am_sink *s, const char *const *v, int n);

/* Field (row, col) of `res`, or NULL when SQL NULL. */
const char *pg_get(const PGresult *res, int row, int col);
long long pg_get_ll(const PGresult *res, int row, int col, long long if_null);
double pg_get_double(const PGresult *res, int row, int col, double if_null);
bool pg_get_bool(const PGresult *res, int row, int col);

/* Tests: true when the environment variable AM_FAILPOINT equals `name`. */
bool pg_failpoint(const char *name);

/* The ledger's next version: bumps advmatch.ledger (serialising writers until commit) and
 * returns the new value. Inside a transaction. */
am_status pg_next_version(am_pg *db, long long *version, am_error *err);

#endif

/* adapters/pg/pg_conn.c: the connection and the SQL helpers of pg_impl.h: errors mapped from
 * SQLSTATE classes to am_status, transactions, COPY FROM STDIN, field access, fail points. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_impl.h"

am_status am_pg_connect(const char *conninfo, am_pg **out, am_error *err)
{
    *out = NULL;
    am_pg *db = calloc(1, sizeof *db);
    if (!db)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    db->conn = PQconnectdb(conninfo ? conninfo : "");
    if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
        const char *msg = db->conn ? PQerrorMessage(db->conn) : "out of memory";
        char line[256];
        snprintf(line, sizeof line, "%s", msg);
        line[strcspn(line, "\n")] = '\0';
        am_error_set(err, AM_EUNAVAIL, NULL, NULL, "cannot connect to PostgreSQL: %s", line);
        am_error_detail(err, "give --db CONNINFO or set PGHOST, PGPORT, PGDATABASE, PGUSER");
        am_pg_close(db);
        return AM_EUNAVAIL;
    }
    PGresult *r = PQexec(db->conn, "SET client_encoding = 'UTF8'; SET datestyle = 'ISO, YMD'; "
                                   "SET TIME ZONE 'UTC'; SET client_min_messages = warning");
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
        am_status st = pg_fail(db, NULL, "set up the session", err);
        am_pg_close(db);
        return st;
    }
    *out = db;
    return AM_OK;
}

void am_pg_close(am_pg *db)
{
    if (!db)
        return;
    if (db->conn)
        PQfinish(db->conn);
    free(db);
}

/* Copy `s` into `buf` up to the first newline. */
static void one_line(char *buf, size_t size, const char *s)
{
    snprintf(buf, size, "%s", s ? s : "");
    buf[strcspn(buf, "\n")] = '\0';
}

am_status pg_fail(am_pg *db, const PGresult *res, const char *what, am_error *err)
{
    char msg[200], det[200];
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    one_line(msg, sizeof msg,
             res && PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
                 ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
                 : PQerrorMessage(db->conn));
    one_line(det, sizeof det, res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL);
    am_status st = AM_EDB;
    if (PQstatus(db->conn) != CONNECTION_OK || (state && strncmp(state, "08", 2) == 0) ||
        (state && strncmp(state, "57P", 3) == 0))
        st = AM_EUNAVAIL; /* connection exception, admin shutdown */
    else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
                       strcmp(state, "55P03") == 0))
        st = AM_ETEMP;    /* serialisation failure, deadlock, lock not available */
    else if (state && (strncmp(state, "22", 2) == 0 || strncmp(state, "23", 2) == 0))
        st = AM_EINPUT;   /* data exception, integrity constraint violation */
    am_error_set(err, st, NULL, NULL, "%s: %s", what, msg[0] ? msg : "connection lost");
    if (det[0] || state)
        am_error_detail(err, "%s%s(SQLSTATE %s)", det, det[0] ? " " : "", state ? state : "none");
    return st;
}

am_status pg_exec(am_pg *db, const char *sql, const char *what, am_error *err)
{
    PGresult *r = PQexec(db->conn, sql);
    ExecStatusType s = PQresultStatus(r);
    am_status st = AM_OK;
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
        st = pg_fail(db, r, what, err);
    PQclear(r);
    return st;
}

am_status pg_query(am_pg *db, const char *sql, int n, const char *const *params,
                   PGresult **out, const char *what, am_error *err)
{
    if (out)
        *out = NULL;
    PGresult *r = PQexecParams(db->conn, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
        am_status st = pg_fail(db, r, what, err);
        PQclear(r);
        return st;
    }
    if (out)
        *out = r;
    else
        PQclear(r);
    return AM_OK;
}

am_status pg_query_id(am_pg *db, const char *sql, long long id, PGresult **out, const char *what,
                      am_error *err)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *params[] = {ids};
    return pg_query(db, sql, 1, params, out, what, err);
}

am_status pg_begin(am_pg *db, const char *mode, am_error *err)
{
    char sql[128];
    snprintf(sql, sizeof sql, "BEGIN %s", mode ? mode : "");
    am_status st = pg_exec(db, sql, "begin a transaction", err);
    db->in_tx = st == AM_OK;
    return st;
}

am_status pg_commit(am_pg *db, am_error *err)
{
    db->in_tx = false;
    return pg_exec(db, "COMMIT", "commit", err);
}

void pg_rollback(am_pg *db)
{
    if (!db->in_tx)
        return;
    db->in_tx = false;
    PQclear(PQexec(db->conn, "ROLLBACK"));
}

am_status pg_copy_in(am_pg *db, const char *table_and_columns, am_sink *s, const char *what,
                     am_error *err)
{
    if (am_sink_status(s) != AM_OK)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "%s: out of memory", what);
    char sql[512];
    snprintf(sql, sizeof sql, "COPY %s FROM STDIN", table_and_columns);
    PGresult *r = PQexec(db->conn, sql);
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        am_status st = pg_fail(db, r, what, err);
        PQclear(r);
        return st;
    }
    PQclear(r);
    size_t len;
    const char *data = am_sink_data(s, &len);
    const size_t chunk = 1 << 20;
    for (size_t off = 0; off < len; off += chunk) {
        size_t n = len - off < chunk ? len - off : chunk;
        if (PQputCopyData(db->conn, data + off, (int)n) != 1)
            return pg_fail(db, NULL, what, err);
    }
    if (PQputCopyEnd(db->conn, NULL) != 1)
        return pg_fail(db, NULL, what, err);
    am_status st = AM_OK;
    while ((r = PQgetResult(db->conn)) != NULL) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && st == AM_OK)
            st = pg_fail(db, r, what, err);
        PQclear(r);
    }
    return st;
}

/* Escape for COPY text format: backslash, tab, newline and carriage return. */
static void copy_escaped(am_sink *s, const char *v, bool in_array)
{
    for (const char *p = v; *p; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '\\': esc = in_array ? "\\\\\\\\" : "\\\\"; break; /* array: \\ inside the literal */
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '"': esc = in_array ? "\\\\\"" : NULL; break;
        default: break;
        }
        if (esc)
            am_sink_puts(s, esc);
        else
            am_sink_put(s, p, 1);
    }
}

void pg_copy_field(am_sink *s, const char *v)
{
    if (!v)
        am_sink_puts(s, "\\N");
    else
        copy_escaped(s, v, false);
}

void pg_copy_array(am_sink *s, const char *const *v, int n)
{
    am_sink_puts(s, "{");
    for (int i = 0; i < n; i++) {
        am_sink_puts(s, i ? ",\"" : "\"");
        copy_escaped(s, v[i], true);
        am_sink_puts(s, "\"");
    }
    am_sink_puts(s, "}");
}

const char *pg_get(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

long long pg_get_ll(const PGresult *res, int row, int col, long long if_null)
{
    const char *v = pg_get(res, row, col);
    return v ? strtoll(v, NULL, 10) : if_null;
}

double pg_get_double(const PGresult *res, int row, int col, double if_null)
{
    const char *v = pg_get(res, row, col);
    return v ? strtod(v, NULL) : if_null;
}

bool pg_get_bool(const PGresult *res, int row, int col)
{
    const char *v = pg_get(res, row, col);
    return v && v[0] == 't';
}

bool pg_failpoint(const char *name)
{
#ifdef AM_TESTING
    const char *v = getenv("AM_FAILPOINT");
    return v && strcmp(v, name) == 0;
#else
    (void)name;
    return false;
#endif
}

am_status pg_next_version(am_pg *db, long long *version, am_error *err)
{
    PGresult *r = NULL;
    am_status st = pg_query(db, "UPDATE advmatch.ledger SET version = version + 1 RETURNING version",
                            0, NULL, &r, "take the ledger's next version", err);
    if (st == AM_OK)
        *version = pg_get_ll(r, 0, 0, 0);
    PQclear(r);
    return st;
}

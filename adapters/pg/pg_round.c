/* adapters/pg/pg_round.c: the life of a round before its result: a request inserted (the insert
 * wakes the workers), claimed with FOR UPDATE SKIP LOCKED and a lease, kept by heartbeats,
 * ended as failed or cancelled, released back to the queue, or swept when its process died. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "pg_impl.h"

static const char *const kind_names[] = {"quarterly", "preview", "nightly"};

const char *am_round_kind_name(am_round_kind k) { return kind_names[k]; }

int am_round_kind_parse(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, kind_names[i]) == 0)
            return i;
    return -1;
}

/* Append a text[] literal ({"a","b"}) of `n` strings to `s`, quoting as arrays need. */
void pg_array_literal(am_sink *s, const char *const *v, int n)
{
    am_sink_puts(s, "{");
    for (int i = 0; i < n; i++) {
        am_sink_puts(s, i ? ",\"" : "\"");
        for (const char *p = v[i]; *p; p++) {
            if (*p == '"' || *p == '\\')
                am_sink_put(s, "\\", 1);
            am_sink_put(s, p, 1);
        }
        am_sink_puts(s, "\"");
    }
    am_sink_puts(s, "}");
}

/* The first of `ids` that `sql` ($1: the ids as text[]) returns, i.e. one that does not exist. */
static am_status check_ids(am_pg *db, const char *sql, const char *const *ids, int n,
                           const char *field, const char *what, am_error *err)
{
    if (n == 0)
        return AM_OK;
    am_sink *s = am_sink_new();
    if (!s)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    pg_array_literal(s, ids, n);
    const char *params[] = {am_sink_data(s, NULL)};
    PGresult *r = NULL;
    am_status st = pg_query(db, sql, 1, params, &r, "check the request", err);
    if (st == AM_OK && PQntuples(r) > 0)
        st = am_error_set(err, AM_EINPUT, NULL, field, "%s \"%s\" is not in the ledger", what,
                          PQgetvalue(r, 0, 0));
    PQclear(r);
    am_sink_free(s);
    return st;
}

am_status am_pg_round_request(am_pg *db, const am_pg_request *rq, long long *id, am_error *err)
{
    *id = 0;
    if (rq->kind == AM_ROUND_PREVIEW && rq->n_provinces != 1)
        return am_error_set(err, AM_EINPUT, NULL, "provinces",
                            "a preview is for exactly one province (--province CODE)");
    am_status st = check_ids(db, "SELECT x FROM unnest($1::text[]) x WHERE NOT EXISTS "
                                 "(SELECT 1 FROM advmatch.province p WHERE p.code = x)",
                             rq->provinces, rq->n_provinces, "provinces", "province", err);
    if (st == AM_OK)
        st = check_ids(db, "SELECT x FROM unnest($1::text[]) x WHERE NOT EXISTS "
                           "(SELECT 1 FROM advmatch.county c WHERE c.id = x)",
                       rq->counties, rq->n_counties, "counties", "county", err);
    if (st != AM_OK)
        return st;
    am_sink *prov = am_sink_new(), *cty = am_sink_new();
    char params_json[200];
    snprintf(params_json, sizeof params_json,
             "{\"time_limit_s\": %.17g, \"gap\": %.17g, \"max_changes\": %ld, \"direct\": %s}",
             rq->time_limit_s > 0 ? rq->time_limit_s : 0, rq->gap, rq->max_changes,
             rq->direct ? "true" : "false");
    if (prov && cty) {
        pg_array_literal(prov, rq->provinces, rq->n_provinces);
        pg_array_literal(cty, rq->counties, rq->n_counties);
    }
    if (!prov || !cty || am_sink_status(prov) != AM_OK || am_sink_status(cty) != AM_OK) {
        am_sink_free(prov);
        am_sink_free(cty);
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    }
    const char *params[] = {am_round_kind_name(rq->kind), am_sink_data(prov, NULL),
                            am_sink_data(cty, NULL), params_json};
    PGresult *r = NULL;
    st = pg_query(db, "INSERT INTO advmatch.round (kind, provinces, counties, params) "
                      "VALUES ($1, $2::text[], $3::text[], $4::jsonb) RETURNING id",
                  4, params, &r, "insert the round request", err);
    if (st == AM_OK)
        *id = pg_get_ll(r, 0, 0, 0);
    PQclear(r);
    am_sink_free(prov);
    am_sink_free(cty);
    return st;
}

void am_pg_claim_free(am_pg_claim *c)
{
    am_arena_free(c->mem_);
    memset(c, 0, sizeof *c);
}

/* Split a text[] in its output form ({a,b,"c d"}) into strings in `a`. Ids never hold commas. */
static char **split_array(am_arena *a, const char *lit, int *n)
{
    *n = 0;
    size_t len = strlen(lit);
    char **v = AM_ARENA_ARRAY(a, char *, len / 2 + 2);
    char *buf = am_arena_strdup(a, lit);
    if (!v || !buf || len < 2)
        return v;
    buf[len - 1] = '\0';
    for (char *tok = strtok(buf + 1, ","); tok; tok = strtok(NULL, ",")) {
        if (*tok == '"') {
            tok++;
            tok[strcspn(tok, "\"")] = '\0';
        }
        v[(*n)++] = tok;
    }
    return v;
}

/* Rounds whose lease ran out and that nobody will take again: direct runs (their process died)
 * and rounds that lost their worker three times. */
static const char sweep_sql[] =
    "UPDATE advmatch.round SET status = 'failed', finished_at = now(), lease_until = NULL,"
    " error = format('its process (%s) stopped before finishing: the lease ran out at %s%s; "
    "nothing it computed was published', worker, to_char(lease_until, 'YYYY-MM-DD HH24:MI:SS'),"
    " CASE WHEN attempts > 1 THEN format(' (attempt %s)', attempts) ELSE '' END)"
    " WHERE status = 'running' AND lease_until < now()"
    " AND (coalesce((params->>'direct')::boolean, false) OR attempts >= 3)";

am_status am_pg_round_sweep(am_pg *db, int *n_failed, am_error *err)
{
    PGresult *r = NULL;
    am_status st = pg_query(db, sweep_sql, 0, NULL, &r, "sweep rounds whose process died", err);
    *n_failed = st == AM_OK ? atoi(PQcmdTuples(r)) : 0;
    PQclear(r);
    return st;
}

static am_status fill_claim(const PGresult *r, am_pg_claim *out, am_error *err);

static const char claim_sql[] =
    "UPDATE advmatch.round SET status = 'running', worker = $1,"
    " lease_until = now() + make_interval(secs => $2::int), started_at = now(),"
    " attempts = attempts + 1"
    " WHERE id = (SELECT id FROM advmatch.round"
    "   WHERE (status = 'queued' OR (status = 'running' AND lease_until < now()))"
    "     AND ($3::bigint = 0 OR id = $3::bigint)"
    "     AND (NOT coalesce((params->>'direct')::boolean, false) OR id = $3::bigint)"
    "   ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)"
    " RETURNING id, kind, provinces, counties, params->>'time_limit_s', params->>'gap',"
    " params->>'max_changes', attempts";

am_status am_pg_round_claim(am_pg *db, const char *worker, int lease_s, long long only_id,
                            am_pg_claim *out, bool *got, am_error *err)
{
    memset(out, 0, sizeof *out);
    *got = false;
    int swept;
    am_status st = am_pg_round_sweep(db, &swept, err);
    if (st != AM_OK)
        return st;
    char lease[16], only[24];
    snprintf(lease, sizeof lease, "%d", lease_s);
    snprintf(only, sizeof only, "%lld", only_id);
    const char *params[] = {worker, lease, only};
    PGresult *r = NULL;
    st = pg_query(db, claim_sql, 3, params, &r, "claim a round", err);
    if (st != AM_OK || PQntuples(r) == 0) {
        PQclear(r);
        return st;
    }
    st = fill_claim(r, out, err);
    PQclear(r);
    *got = st == AM_OK;
    return st;
}

am_status am_pg_round_read_request(am_pg *db, long long id, am_pg_claim *out, am_error *err)
{
    memset(out, 0, sizeof *out);
    PGresult *r = NULL;
    am_status st = pg_query_id(db, "SELECT id, kind, provinces, counties, params->>'time_limit_s',"
                                " params->>'gap', params->>'max_changes', attempts"
                                " FROM advmatch.round WHERE id = $1",
                            id, &r, "read the round's request", err);
    if (st == AM_OK && PQntuples(r) == 0)
        st = am_error_set(err, AM_EINPUT, NULL, NULL, "round %lld does not exist", id);
    if (st == AM_OK)
        st = fill_claim(r, out, err);
    PQclear(r);
    return st;
}

/* The claim of row 0 of `r` (id, kind, provinces, counties, time limit, gap, max changes,
 * attempts). */
static am_status fill_claim(const PGresult *r, am_pg_claim *out, am_error *err)
{
    am_arena *a = am_arena_new();
    if (!a)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    out->mem_ = a;
    out->id = pg_get_ll(r, 0, 0, 0);
    out->kind = (am_round_kind)am_round_kind_parse(PQgetvalue(r, 0, 1));
    out->provinces = split_array(a, PQgetvalue(r, 0, 2), &out->n_provinces);
    out->counties = split_array(a, PQgetvalue(r, 0, 3), &out->n_counties);
    out->time_limit_s = pg_get_double(r, 0, 4, 0);
    out->gap = pg_get_double(r, 0, 5, 0);
    out->max_changes = (long)pg_get_ll(r, 0, 6, -1);
    out->attempts = (int)pg_get_ll(r, 0, 7, 1);
    if (!out->provinces || !out->counties) {
        am_pg_claim_free(out);
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    }
    return AM_OK;
}

am_status am_pg_round_heartbeat(am_pg *db, long long id, const char *worker, int lease_s,
                                bool *cancel, am_error *err)
{
    char ids[24], lease[16];
    snprintf(ids, sizeof ids, "%lld", id);
    snprintf(lease, sizeof lease, "%d", lease_s);
    const char *params[] = {ids, worker, lease};
    PGresult *r = NULL;
    *cancel = false;
    am_status st = pg_query(db,
                            "UPDATE advmatch.round SET lease_until = now() + "
                            "make_interval(secs => $3::int) WHERE id = $1 AND worker = $2 AND "
                            "status = 'running' RETURNING cancel_requested",
                            3, params, &r, "extend the round's lease", err);
    if (st == AM_OK && PQntuples(r) == 0)
        st = am_error_set(err, AM_ETEMP, NULL, NULL,
                          "round %lld is no longer ours: its lease ran out and another worker "
                          "may have taken it", id);
    else if (st == AM_OK)
        *cancel = pg_get_bool(r, 0, 0);
    PQclear(r);
    return st;
}

am_status am_pg_round_fail(am_pg *db, long long id, const char *worker, bool cancelled,
                           const char *message, am_error *err)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *params[] = {ids, worker, cancelled ? "cancelled" : "failed", message};
    return pg_query(db,
                    "UPDATE advmatch.round SET status = $3, error = $4, finished_at = now(),"
                    " lease_until = NULL WHERE id = $1 AND worker = $2 AND status = 'running'",
                    4, params, NULL, "record the round's end", err);
}

am_status am_pg_round_release(am_pg *db, long long id, const char *worker, am_error *err)
{
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", id);
    const char *params[] = {ids, worker};
    return pg_query(db,
                    "UPDATE advmatch.round SET status = 'queued', worker = NULL,"
                    " lease_until = NULL, started_at = NULL, attempts = greatest(attempts - 1, 0)"
                    " WHERE id = $1 AND worker = $2 AND status = 'running'",
                    2, params, NULL, "give the round back to the queue", err);
}

am_status am_pg_round_cancel(am_pg *db, long long id, am_error *err)
{
    PGresult *r = NULL;
    am_status st = pg_query_id(
        db,
        "UPDATE advmatch.round SET cancel_requested = true,"
        " status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,"
        " finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END,"
        " error = CASE WHEN status = 'queued' THEN 'cancelled by request' ELSE error END"
        " WHERE id = $1 AND status IN ('queued', 'running') RETURNING status",
        id, &r, "cancel the round", err);
    if (st == AM_OK && PQntuples(r) == 0)
        st = am_error_set(err, AM_EINPUT, NULL, NULL,
                          "round %lld does not exist or has already ended", id);
    PQclear(r);
    return st;
}

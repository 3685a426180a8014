/* adapters/pg/pg_round_read.c: reading rounds back: the list, one round's record, the instance
 * document it solved, its groups as a result, its change log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_impl.h"

static const char info_cols[] =
    "SELECT id, kind, status, coalesce(solver_status, ''),"
    " CASE WHEN cardinality(counties) > 0 AND cardinality(provinces) > 0"
    "   THEN format('province %s and %s counties', array_to_string(provinces, ', '),"
    "               cardinality(counties))"
    "  WHEN cardinality(provinces) > 0 THEN 'province ' || array_to_string(provinces, ', ')"
    "  WHEN cardinality(counties) > 0 THEN format('%s counties', cardinality(counties))"
    "  WHEN kind = 'nightly' THEN 'groups with a member who left'"
    "  ELSE 'every county without a group' END,"
    " requester, coalesce(worker, ''),"
    " to_char(created_at, 'YYYY-MM-DD HH24:MI:SS'),"
    " coalesce(to_char(started_at, 'YYYY-MM-DD HH24:MI:SS'), ''),"
    " coalesce(to_char(finished_at, 'YYYY-MM-DD HH24:MI:SS'), ''),"
    " coalesce(to_char(published_at, 'YYYY-MM-DD HH24:MI:SS'), ''),"
    " objective, bound, gap, n_counties, n_members, n_changes, load_ms, solve_ms, write_ms,"
    " attempts, coalesce(error, '')"
    " FROM advmatch.round";

static void fill_info(const PGresult *r, int i, am_pg_round_info *o)
{
    memset(o, 0, sizeof *o);
    o->id = pg_get_ll(r, i, 0, 0);
    snprintf(o->kind, sizeof o->kind, "%s", PQgetvalue(r, i, 1));
    snprintf(o->status, sizeof o->status, "%s", PQgetvalue(r, i, 2));
    snprintf(o->solver_status, sizeof o->solver_status, "%s", PQgetvalue(r, i, 3));
    snprintf(o->scope, sizeof o->scope, "%s", PQgetvalue(r, i, 4));
    snprintf(o->requester, sizeof o->requester, "%s", PQgetvalue(r, i, 5));
    snprintf(o->worker, sizeof o->worker, "%s", PQgetvalue(r, i, 6));
    snprintf(o->created_at, sizeof o->created_at, "%s", PQgetvalue(r, i, 7));
    snprintf(o->started_at, sizeof o->started_at, "%s", PQgetvalue(r, i, 8));
    snprintf(o->finished_at, sizeof o->finished_at, "%s", PQgetvalue(r, i, 9));
    snprintf(o->published_at, sizeof o->published_at, "%s", PQgetvalue(r, i, 10));
    o->has_objective = pg_get(r, i, 11) != NULL;
    o->objective = pg_get_ll(r, i, 11, 0);
    o->bound = pg_get_double(r, i, 12, 0);
    o->gap = pg_get_double(r, i, 13, -1);
    o->n_counties = (int)pg_get_ll(r, i, 14, -1);
    o->n_members = (int)pg_get_ll(r, i, 15, -1);
    o->n_changes = (int)pg_get_ll(r, i, 16, -1);
    o->load_ms = (long)pg_get_ll(r, i, 17, -1);
    o->solve_ms = (long)pg_get_ll(r, i, 18, -1);
    o->write_ms = (long)pg_get_ll(r, i, 19, -1);
    o->attempts = (int)pg_get_ll(r, i, 20, 0);
    snprintf(o->error, sizeof o->error, "%s", PQgetvalue(r, i, 21));
}

am_status am_pg_round_list(am_pg *db, int limit, am_pg_round_info **out, int *n, am_error *err)
{
    *out = NULL;
    *n = 0;
    char sql[sizeof info_cols + 64], lim[16];
    snprintf(sql, sizeof sql, "%s ORDER BY id DESC LIMIT $1", info_cols);
    snprintf(lim, sizeof lim, "%d", limit);
    const char *params[] = {lim};
    PGresult *r = NULL;
    am_status st = pg_query(db, sql, 1, params, &r, "list the rounds", err);
    if (st != AM_OK)
        return st;
    int rows = PQntuples(r);
    *out = calloc((size_t)rows + 1, sizeof **out);
    if (!*out) {
        PQclear(r);
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    }
    for (int i = 0; i < rows; i++)
        fill_info(r, i, &(*out)[i]);
    *n = rows;
    PQclear(r);
    return AM_OK;
}

am_status am_pg_round_get(am_pg *db, long long id, am_pg_round_info *out, am_error *err)
{
    char sql[sizeof info_cols + 32];
    snprintf(sql, sizeof sql, "%s WHERE id = $1", info_cols);
    PGresult *r = NULL;
    am_status st = pg_query_id(db, sql, id, &r, "read the round", err);
    if (st == AM_OK && PQntuples(r) == 0)
        st = am_error_set(err, AM_EINPUT, NULL, NULL, "round %lld does not exist", id);
    if (st == AM_OK)
        fill_info(r, 0, out);
    PQclear(r);
    return st;
}

am_status am_pg_round_input(am_pg *db, long long id, char **doc, am_error *err)
{
    *doc = NULL;
    PGresult *r = NULL;
    am_status st = pg_query_id(db, "SELECT input FROM advmatch.round WHERE id = $1", id, &r,
                            "read the round's instance", err);
    if (st == AM_OK && PQntuples(r) == 0)
        st = am_error_set(err, AM_EINPUT, NULL, NULL, "round %lld does not exist", id);
    if (st == AM_OK && pg_get(r, 0, 0)) {
        *doc = strdup(PQgetvalue(r, 0, 0));
        if (!*doc)
            st = am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    }
    PQclear(r);
    return st;
}

/* Members and shortfalls of round `id` into `res`. */
static am_status add_rows(am_pg *db, long long id, const am_instance *inst, am_result *res,
                          am_error *err)
{
    PGresult *r = NULL;
    am_status st = pg_query_id(db, "SELECT county, expert, role, channel, score FROM "
                                   "advmatch.round_member WHERE round = $1 ORDER BY county, expert",
                               id, &r, "read the round's members", err);
    for (int i = 0; st == AM_OK && i < PQntuples(r); i++) {
        int c = am_instance_find_county(inst, PQgetvalue(r, i, 0));
        int e = am_instance_find_expert(inst, PQgetvalue(r, i, 1));
        if (c < 0 || e < 0) {
            st = am_error_set(err, AM_EINPUT, NULL, NULL,
                              "round %lld names county %s / expert %s that its instance lacks",
                              id, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
            break;
        }
        am_member m = {.expert = e, .expert_id = am_instance_expert(inst, e)->id,
                       .role = (am_role)am_role_parse(PQgetvalue(r, i, 2)),
                       .channel = (am_channel)am_channel_parse(PQgetvalue(r, i, 3)),
                       .score = pg_get_ll(r, i, 4, 0)};
        st = am_result_add_member(res, c, &m, err);
    }
    PQclear(r);
    r = NULL;
    if (st == AM_OK)
        st = pg_query_id(db, "SELECT county, rule, missing, detail FROM advmatch.round_shortfall "
                             "WHERE round = $1 ORDER BY county, rule, detail",
                         id, &r, "read the round's shortfalls", err);
    for (int i = 0; st == AM_OK && i < PQntuples(r); i++) {
        int c = am_instance_find_county(inst, PQgetvalue(r, i, 0));
        if (c < 0)
            continue;
        st = am_result_add_shortfall(res, c, (am_rule)am_rule_parse(PQgetvalue(r, i, 1)),
                                     (int)pg_get_ll(r, i, 2, 1), PQgetvalue(r, i, 3), err);
    }
    PQclear(r);
    return st;
}

am_status am_pg_round_result(am_pg *db, long long id, const am_instance *inst, am_result **out,
                             am_error *err)
{
    *out = NULL;
    PGresult *r = NULL;
    am_status st = pg_query_id(db, "SELECT solver_status, objective, bound, gap FROM advmatch.round"
                                " WHERE id = $1 AND status = 'done'",
                            id, &r, "read the round", err);
    if (st != AM_OK)
        return st;
    if (PQntuples(r) == 0) {
        PQclear(r);
        return am_error_set(err, AM_EINPUT, NULL, NULL, "round %lld has no groups (it does not "
                            "exist or did not finish)", id);
    }
    am_result *res = NULL;
    st = am_result_new(inst, &res, err);
    if (st == AM_OK) {
        int o = am_outcome_parse(PQgetvalue(r, 0, 0));
        am_result_set_outcome(res, o < 0 ? AM_OUTCOME_FEASIBLE : (am_outcome)o,
                              pg_get_ll(r, 0, 1, 0), pg_get(r, 0, 2) != NULL,
                              pg_get_double(r, 0, 2, 0), pg_get_double(r, 0, 3, 0));
        st = add_rows(db, id, inst, res, err);
    }
    PQclear(r);
    if (st != AM_OK) {
        am_result_free(res);
        return st;
    }
    for (int c = 0; c < am_instance_n_counties(inst); c++) /* a round has every county's group */
        am_result_mark_listed(res, c);
    am_result_finish(res);
    *out = res;
    return AM_OK;
}

am_status am_pg_round_changes(am_pg *db, long long id, am_pg_change_row **out, int *n,
                              am_error *err)
{
    *out = NULL;
    *n = 0;
    PGresult *r = NULL;
    am_status st = pg_query_id(db, "SELECT county, expert, change, role, reason,"
                                " to_char(at, 'YYYY-MM-DD HH24:MI:SS') FROM advmatch.change_log"
                                " WHERE round = $1 ORDER BY county, expert, id",
                            id, &r, "read the round's changes", err);
    if (st != AM_OK)
        return st;
    int rows = PQntuples(r);
    *out = calloc((size_t)rows + 1, sizeof **out);
    if (!*out) {
        PQclear(r);
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    }
    for (int i = 0; i < rows; i++) {
        am_pg_change_row *c = &(*out)[i];
        snprintf(c->county, sizeof c->county, "%s", PQgetvalue(r, i, 0));
        snprintf(c->expert, sizeof c->expert, "%s", PQgetvalue(r, i, 1));
        snprintf(c->change, sizeof c->change, "%s", PQgetvalue(r, i, 2));
        snprintf(c->role, sizeof c->role, "%s", PQgetvalue(r, i, 3));
        snprintf(c->reason, sizeof c->reason, "%s", PQgetvalue(r, i, 4));
        snprintf(c->at, sizeof c->at, "%s", PQgetvalue(r, i, 5));
    }
    *n = rows;
    PQclear(r);
    return AM_OK;
}

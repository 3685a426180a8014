/* adapters/pg/pg_write.c: a round's result into the ledger in one transaction: its groups,
 * members and shortfalls by COPY, the instance it solved, and for publishing rounds the published
 * memberships (advmatch.apply_round) after the check that nothing it read changed since
 * (advmatch.round_conflicts). Also `round publish` of a preview, through the same two functions. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "advmatch/am_json.h"
#include "pg_impl.h"

static long mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Lock round `id` and read its kind and status; AM_ETEMP when it is not running for `worker`
 * (worker NULL: any status). */
static am_status lock_round(am_pg *db, const char *ids, const char *worker, char *kind,
                            char *status, long long *read_version, bool *published,
                            am_error *err)
{
    const char *params[] = {ids};
    PGresult *r = NULL;
    am_status st = pg_query(db,
                            "SELECT kind, status, worker, read_version, published_at IS NOT NULL"
                            " FROM advmatch.round WHERE id = $1 FOR UPDATE",
                            1, params, &r, "lock the round", err);
    if (st != AM_OK)
        return st;
    if (PQntuples(r) == 0) {
        PQclear(r);
        return am_error_set(err, AM_EINPUT, NULL, NULL, "round %s does not exist", ids);
    }
    snprintf(kind, 16, "%s", PQgetvalue(r, 0, 0));
    snprintf(status, 16, "%s", PQgetvalue(r, 0, 1));
    const char *w = pg_get(r, 0, 2);
    *read_version = pg_get_ll(r, 0, 3, -1);
    *published = pg_get_bool(r, 0, 4);
    if (worker && (strcmp(status, "running") != 0 || !w || strcmp(w, worker) != 0))
        st = am_error_set(err, AM_ETEMP, NULL, NULL,
                          "round %s is no longer ours (status %s, worker %s): its lease ran out",
                          ids, status, w ? w : "none");
    PQclear(r);
    return st;
}

/* COPY the groups of o->res into round_county, round_member and round_shortfall. */
static am_status copy_groups(am_pg *db, const char *ids, const am_pg_outcome *o, am_error *err)
{
    am_sink *sc = am_sink_new(), *sm = am_sink_new(), *ss = am_sink_new();
    am_status st = AM_OK;
    if (!sc || !sm || !ss) {
        st = am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
        goto done;
    }
    for (int g = 0; g < am_result_n_groups(o->res); g++) {
        const am_group *gr = am_result_group(o->res, g);
        am_sink_printf(sc, "%s\t%s\t%d\t%s\n", ids, gr->county_id, gr->n_members,
                       gr->n_shortfalls == 0 ? "t" : "f");
        for (int i = 0; i < gr->n_members; i++) {
            const am_member *m = &gr->members[i];
            am_sink_printf(sm, "%s\t%s\t", ids, gr->county_id);
            pg_copy_field(sm, m->expert_id);
            am_sink_printf(sm, "\t%s\t%s\t%lld\n", am_role_name(m->role),
                           am_channel_name(m->channel), m->score);
        }
        for (int i = 0; i < gr->n_shortfalls; i++) {
            const am_shortfall *f = &gr->shortfalls[i];
            am_sink_printf(ss, "%s\t%s\t%s\t%d\t", ids, gr->county_id, am_rule_name(f->rule),
                           f->missing);
            pg_copy_field(ss, f->detail);
            am_sink_puts(ss, "\n");
        }
    }
    AM_TRY(pg_copy_in(db, "advmatch.round_county (round, county, n_members, complete)", sc,
                      "write the round's counties", err));
    AM_TRY(pg_copy_in(db, "advmatch.round_member (round, county, expert, role, channel, score)",
                      sm, "write the round's members", err));
#ifdef AM_TESTING
    if (pg_failpoint("pg-write-kill"))
        raise(SIGKILL); /* the process dies with the transaction open: the server rolls back */
    if (pg_failpoint("pg-write-error")) {
        st = am_error_set(err, AM_EDB, NULL, NULL,
                          "write the round's members: fail point pg-write-error");
        goto done;
    }
#endif
    AM_TRY(pg_copy_in(db, "advmatch.round_shortfall (round, county, rule, missing, detail)", ss,
                      "write the round's shortfalls", err));
done:
    am_sink_free(sc);
    am_sink_free(sm);
    am_sink_free(ss);
    return st;
}

/* AM_ETEMP naming what changed since `since` that round `ids` depends on. */
static am_status check_conflicts(am_pg *db, const char *ids, long long since, am_error *err)
{
    char sv[24];
    snprintf(sv, sizeof sv, "%lld", since);
    const char *params[] = {ids, sv};
    PGresult *r = NULL;
    am_status st = pg_query(db, "SELECT c FROM advmatch.round_conflicts($1, $2) c LIMIT 4", 2,
                            params, &r, "check for changes since the round read the ledger", err);
    if (st == AM_OK && PQntuples(r) > 0) {
        char what[400] = "";
        for (int i = 0; i < PQntuples(r) && i < 3; i++) {
            size_t len = strlen(what);
            snprintf(what + len, sizeof what - len, "%s%s", i ? "; " : "", PQgetvalue(r, i, 0));
        }
        st = am_error_set(err, AM_ETEMP, NULL, NULL,
                          "the ledger changed after round %s read it (version %lld): %s%s; "
                          "nothing was published: run the round again", ids, since, what,
                          PQntuples(r) > 3 ? "; and more" : "");
    }
    PQclear(r);
    return st;
}

/* advmatch.apply_round with the reasons of `o`'s changes; *n: the changes it made. */
static am_status apply(am_pg *db, const char *ids, long long version, const am_pg_change *ch,
                       int n_ch, const char *added_why, int *n, am_error *err)
{
    const char **cv = calloc((size_t)n_ch + 1, sizeof *cv), **ev = calloc((size_t)n_ch + 1, sizeof *ev),
               **rv = calloc((size_t)n_ch + 1, sizeof *rv);
    am_sink *sc = am_sink_new(), *se = am_sink_new(), *sr = am_sink_new();
    am_status st = AM_OK;
    PGresult *r = NULL;
    if (!cv || !ev || !rv || !sc || !se || !sr) {
        st = am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
        goto done;
    }
    for (int i = 0; i < n_ch; i++) {
        cv[i] = ch[i].county;
        ev[i] = ch[i].expert;
        rv[i] = ch[i].reason;
    }
    pg_array_literal(sc, cv, n_ch);
    pg_array_literal(se, ev, n_ch);
    pg_array_literal(sr, rv, n_ch);
    if (am_sink_status(sc) != AM_OK || am_sink_status(se) != AM_OK || am_sink_status(sr) != AM_OK) {
        st = am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
        goto done;
    }
    char vs[24];
    snprintf(vs, sizeof vs, "%lld", version);
    const char *params[] = {ids, vs, am_sink_data(sc, NULL), am_sink_data(se, NULL),
                            am_sink_data(sr, NULL), added_why};
    st = pg_query(db, "SELECT advmatch.apply_round($1, $2, $3::text[], $4::text[], $5::text[], $6)",
                  6, params, &r, "publish the groups", err);
    if (st == AM_OK)
        *n = (int)pg_get_ll(r, 0, 0, 0);
done:
    PQclear(r);
    free(cv);
    free(ev);
    free(rv);
    am_sink_free(sc);
    am_sink_free(se);
    am_sink_free(sr);
    return st;
}

static am_status finish_round(am_pg *db, const char *ids, const am_pg_outcome *o, bool publishing,
                              long long version, int n_changes, long write_ms, am_error *err)
{
    am_sink *doc = am_sink_new();
    if (!doc)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    am_json_write_instance(o->inst, doc);
    int n_members = 0;
    for (int g = 0; g < am_result_n_groups(o->res); g++)
        n_members += am_result_group(o->res, g)->n_members;
    char rv[24], obj[24], bound[40], gap[40], nc[16], nm[16], nch[16], lm[24], sm[24], wm[24],
        pv[24];
    snprintf(rv, sizeof rv, "%lld", o->read_version);
    snprintf(obj, sizeof obj, "%lld", am_result_objective(o->res));
    snprintf(bound, sizeof bound, "%.17g", am_result_bound(o->res));
    snprintf(gap, sizeof gap, "%.17g", am_result_gap(o->res));
    snprintf(nc, sizeof nc, "%d", am_result_n_groups(o->res));
    snprintf(nm, sizeof nm, "%d", n_members);
    snprintf(nch, sizeof nch, "%d", n_changes);
    snprintf(lm, sizeof lm, "%ld", o->load_ms);
    snprintf(sm, sizeof sm, "%ld", o->solve_ms);
    snprintf(wm, sizeof wm, "%ld", write_ms);
    snprintf(pv, sizeof pv, "%lld", version);
    bool hb = am_result_has_bound(o->res);
    const char *params[] = {ids, rv, am_outcome_name(am_result_outcome(o->res)), obj,
                            hb ? bound : NULL, hb ? gap : NULL, nc, nm,
                            publishing ? nch : NULL, lm, sm, wm, publishing ? pv : NULL,
                            am_sink_data(doc, NULL)};
    am_status st = am_sink_status(doc) != AM_OK
                       ? am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory")
                       : pg_query(db,
                                  "UPDATE advmatch.round SET status = 'done', finished_at = now(),"
                                  " lease_until = NULL, read_version = $2, solver_status = $3,"
                                  " objective = $4, bound = $5, gap = $6, n_counties = $7,"
                                  " n_members = $8, n_changes = $9, load_ms = $10,"
                                  " solve_ms = $11, write_ms = $12,"
                                  " published_version = $13::bigint,"
                                  " published_at = CASE WHEN $13::bigint IS NULL THEN NULL"
                                  " ELSE now() END, input = $14 WHERE id = $1",
                                  14, params, NULL, "record the round as done", err);
    am_sink_free(doc);
    return st;
}

am_status am_pg_round_write(am_pg *db, long long id, const char *worker,
                            const am_pg_outcome *o, am_error *err)
{
    long t0 = mono_ms();
    char ids[24], kind[16], status[16];
    snprintf(ids, sizeof ids, "%lld", id);
    long long rv, version = 0;
    bool published;
    int n_changes = 0;
    am_status st;
    AM_TRY(pg_begin(db, "", err));
    AM_TRY(lock_round(db, ids, worker, kind, status, &rv, &published, err));
    bool publishing = strcmp(kind, "preview") != 0;
    if (publishing)
        AM_TRY(pg_next_version(db, &version, err));
    AM_TRY(copy_groups(db, ids, o, err));
    if (publishing) {
        char why[64];
        snprintf(why, sizeof why, "chosen by %s round %lld", kind, id);
        AM_TRY(check_conflicts(db, ids, o->read_version, err));
        AM_TRY(apply(db, ids, version, o->changes, o->n_changes, why, &n_changes, err));
    }
    AM_TRY(finish_round(db, ids, o, publishing, version, n_changes, mono_ms() - t0, err));
    AM_TRY(pg_commit(db, err));
    /* the whole write, commit included, replaces the figure recorded inside the transaction */
    char wm[24];
    snprintf(wm, sizeof wm, "%ld", mono_ms() - t0);
    const char *params[] = {ids, wm};
    am_error ignored = {0};
    pg_query(db, "UPDATE advmatch.round SET write_ms = $2 WHERE id = $1", 2, params, NULL,
             "record the write time", &ignored);
done:
    if (st != AM_OK)
        pg_rollback(db);
    return st;
}

am_status am_pg_round_publish(am_pg *db, long long id, int *n_changes, am_error *err)
{
    char ids[24], kind[16], status[16], vs[24];
    snprintf(ids, sizeof ids, "%lld", id);
    long long rv, version = 0;
    bool published;
    *n_changes = 0;
    am_status st;
    AM_TRY(pg_begin(db, "", err));
    AM_TRY(pg_next_version(db, &version, err));
    AM_TRY(lock_round(db, ids, NULL, kind, status, &rv, &published, err));
    if (strcmp(kind, "preview") != 0 || strcmp(status, "done") != 0 || published) {
        st = am_error_set(err, AM_EINPUT, NULL, NULL,
                          "round %s is a %s round with status %s%s: only a finished preview "
                          "that is not yet published can be published", ids, kind, status,
                          published ? ", already published" : "");
        goto done;
    }
    char why[64];
    snprintf(why, sizeof why, "published from preview round %lld", id);
    AM_TRY(check_conflicts(db, ids, rv, err));
    AM_TRY(apply(db, ids, version, NULL, 0, why, n_changes, err));
    snprintf(vs, sizeof vs, "%lld", version);
    const char *params[] = {ids, vs};
    AM_TRY(pg_query(db, "UPDATE advmatch.round SET published_at = now(), published_version = $2,"
                        " n_changes = (SELECT count(*) FROM advmatch.change_log WHERE round = $1)"
                        " WHERE id = $1", 2, params, NULL, "record the publication", err));
    AM_TRY(pg_commit(db, err));
done:
    if (st != AM_OK)
        pg_rollback(db);
    return st;
}

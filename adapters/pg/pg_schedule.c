/* adapters/pg/pg_schedule.c: plans of the year's meetings in the ledger: the newest plan of a
 * year, and storing a plan (document and meeting rows) in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_impl.h"

am_status am_pg_schedule_latest(am_pg *db, int year, long long *id, char **doc, am_error *err)
{
    *id = 0;
    *doc = NULL;
    PGresult *r = NULL;
    am_status st = pg_query_id(db, "SELECT id, document FROM advmatch.schedule WHERE year = $1"
                                   " ORDER BY id DESC LIMIT 1",
                               year, &r, "read the last plan of meetings", err);
    if (st == AM_OK && PQntuples(r) > 0) {
        *id = pg_get_ll(r, 0, 0, 0);
        *doc = strdup(PQgetvalue(r, 0, 1));
        if (!*doc)
            st = am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    }
    PQclear(r);
    return st;
}

/* AM_ETEMP when a published membership changed after `since`. */
static am_status groups_unchanged(am_pg *db, long long since, am_error *err)
{
    PGresult *r = NULL;
    am_status st = pg_query_id(db, "SELECT county, expert FROM advmatch.membership"
                                   " WHERE greatest(added_version, ended_version) > $1 LIMIT 1",
                               since, &r, "check the groups", err);
    if (st == AM_OK && PQntuples(r) > 0)
        st = am_error_set(err, AM_ETEMP, NULL, NULL,
                          "the group of county %s changed (expert %s) while its meetings were "
                          "planned; nothing was stored: plan again", PQgetvalue(r, 0, 0),
                          PQgetvalue(r, 0, 1));
    PQclear(r);
    return st;
}

/* The meetings of `s` as COPY rows of advmatch.meeting for plan `ids`. AM_ENOMEM. */
static am_status meeting_rows(const am_schedule *s, const char *ids, am_sink *out)
{
    const am_instance *inst = am_schedule_instance(s);
    int most = 1;
    for (int i = 0; i < am_schedule_n_meetings(s); i++) {
        const am_sched_meeting *m = am_schedule_meeting(s, i);
        most = m->n_attending > most ? m->n_attending : most;
        most = m->n_absent > most ? m->n_absent : most;
    }
    const char **v = malloc((size_t)most * sizeof *v);
    char *texts = malloc((size_t)most * 320);
    if (!v || !texts) {
        free(v);
        free(texts);
        return AM_ENOMEM;
    }
    char date[16];
    for (int i = 0; i < am_schedule_n_meetings(s); i++) {
        const am_sched_meeting *m = am_schedule_meeting(s, i);
        am_date_format(m->date, date);
        am_sink_printf(out, "%s\t%s\tH%d\t%s\t%s\t%s\t", ids,
                       am_instance_county(inst, m->county)->id, m->half + 1, date,
                       am_mode_name(m->mode), m->fixed ? "t" : "f");
        for (int k = 0; k < m->n_attending; k++)
            v[k] = am_instance_expert(inst, m->attending[k])->id;
        pg_copy_array(out, v, m->n_attending);
        am_sink_puts(out, "\t");
        for (int k = 0; k < m->n_absent; k++) {
            snprintf(texts + (size_t)k * 320, 320, "%s (%s)",
                     am_instance_expert(inst, m->absent[k])->id, m->absent_reason[k]);
            v[k] = texts + (size_t)k * 320;
        }
        pg_copy_array(out, v, m->n_absent);
        am_sink_puts(out, "\n");
    }
    free(v);
    free(texts);
    return AM_OK;
}

am_status am_pg_schedule_store(am_pg *db, const am_schedule *s, long long read_version,
                               long long previous, const char *doc, long long *id,
                               am_error *err)
{
    *id = 0;
    const am_calendar *cal = am_instance_calendar(am_schedule_instance(s));
    char year[16], rv[24], prev[24], obj[24], bound[40], gap[40], nm[16], nu[16];
    snprintf(year, sizeof year, "%d", cal->year);
    snprintf(rv, sizeof rv, "%lld", read_version);
    snprintf(prev, sizeof prev, "%lld", previous);
    snprintf(obj, sizeof obj, "%lld", am_schedule_objective(s));
    snprintf(bound, sizeof bound, "%.17g", am_schedule_bound(s));
    snprintf(gap, sizeof gap, "%.17g", am_schedule_gap(s));
    snprintf(nm, sizeof nm, "%d", am_schedule_n_meetings(s));
    snprintf(nu, sizeof nu, "%d", am_schedule_n_unscheduled(s));
    bool hb = am_schedule_has_bound(s);
    const char *params[] = {year, rv, previous > 0 ? prev : NULL,
                            am_outcome_name(am_schedule_outcome(s)), obj, hb ? bound : NULL,
                            hb ? gap : NULL, nm, nu, doc};
    am_sink *rows = am_sink_new();
    PGresult *r = NULL;
    am_status st;
    if (!rows)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    AM_TRY(pg_begin(db, "", err));
    /* serialise with the writers of groups, then make sure the plan's groups still stand */
    AM_TRY(pg_exec(db, "SELECT version FROM advmatch.ledger FOR UPDATE", "lock the ledger", err));
    AM_TRY(groups_unchanged(db, read_version, err));
    AM_TRY(pg_query(db, "INSERT INTO advmatch.schedule (year, read_version, previous,"
                        " solver_status, objective, bound, gap, n_meetings, n_unscheduled,"
                        " document) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                        " RETURNING id",
                    10, params, &r, "store the plan", err));
    *id = pg_get_ll(r, 0, 0, 0);
    char ids[24];
    snprintf(ids, sizeof ids, "%lld", *id);
    if (meeting_rows(s, ids, rows) != AM_OK)
        AM_TRY(am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory"));
    AM_TRY(pg_copy_in(db, "advmatch.meeting (schedule, county, half, date, mode, fixed,"
                          " attending, absent)", rows, "store the meetings", err));
    AM_TRY(pg_commit(db, err));
done:
    if (st != AM_OK) {
        pg_rollback(db);
        *id = 0;
    }
    PQclear(r);
    am_sink_free(rows);
    return st;
}

/* adapters/service/schedule_run.c: am_service_schedule: the year's meetings of the published
 * groups, planned from one snapshot of the ledger and stored with the plan they continue. */
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_candidates.h"
#include "advmatch/am_json.h"
#include "advmatch/am_meetings.h"
#include "advmatch/am_validate.h"
#include "service_impl.h"

/* The published groups (current[] of the ledger) as a result: roles as published, channel and
 * score of the pair where it is still a candidate (the scheduler needs only who sits where). */
static am_status groups_of(const am_instance *inst, am_result **out, am_error *err)
{
    am_status st = am_result_new(inst, out, err);
    for (int i = 0; st == AM_OK && i < am_instance_n_current(inst); i++) {
        const am_current *m = am_instance_current(inst, i);
        am_cand cand;
        bool ok = am_candidate_of(inst, m->county, m->expert, &cand);
        am_member mb = {.expert = m->expert, .expert_id = am_instance_expert(inst, m->expert)->id,
                        .role = m->role, .channel = ok ? cand.channel : AM_CHANNEL_NATIONAL,
                        .score = ok ? cand.score : 0};
        st = am_result_add_member(*out, m->county, &mb, err);
    }
    if (st == AM_OK)
        am_result_finish(*out);
    return st;
}

/* The ledger, valid and with a calendar. */
static am_status read_valid(am_pg *db, am_instance **inst, long long *version, am_error *err)
{
    am_diags *d = am_diags_new();
    if (!d)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    am_status st = am_pg_read_ledger(db, inst, version, d, err);
    if (st == AM_OK && am_diags_n_errors(d) == 0)
        st = am_validate(*inst, d, err);
    if (st == AM_OK && am_diags_n_errors(d) > 0) {
        char line[480];
        svc_diags_line(d, line, sizeof line);
        st = am_error_set(err, AM_EINPUT, NULL, NULL, "%s", line);
    }
    if (st == AM_OK && !am_instance_calendar(*inst)->present)
        st = am_error_set(err, AM_EINPUT, NULL, "calendar",
                          "the ledger has no calendar: import an instance with one (for example "
                          "\"calendar\": {\"year\": 2026})");
    am_diags_free(d);
    return st;
}

/* The newest stored plan of the year, read against `inst`, or NULL when there is none or it no
 * longer reads (an expert or county it names is gone): then nothing is kept. */
static am_status previous_plan(am_pg *db, const am_instance *inst, am_schedule **out,
                               long long *id, am_error *err)
{
    char *doc = NULL;
    *out = NULL;
    am_status st = am_pg_schedule_latest(db, am_instance_calendar(inst)->year, id, &doc, err);
    if (st != AM_OK || !doc)
        return st;
    am_diags *d = am_diags_new();
    am_error ignored = {0};
    if (d && am_json_read_schedule(doc, strlen(doc), inst, out, d, &ignored) == AM_OK &&
        am_diags_n_errors(d) > 0) {
        am_schedule_free(*out);
        *out = NULL;
    }
    if (!*out)
        *id = 0;
    am_diags_free(d);
    free(doc);
    return AM_OK;
}

am_status am_service_schedule(am_pg *db, const am_match_params *p, am_instance **inst,
                              am_schedule **sched, long long *id, long long *previous,
                              am_error *err)
{
    *inst = NULL;
    *sched = NULL;
    *id = *previous = 0;
    am_result *groups = NULL;
    am_schedule *prev = NULL;
    am_sink *doc = NULL;
    long long version;
    am_status st;
    AM_TRY(read_valid(db, inst, &version, err));
    AM_TRY(groups_of(*inst, &groups, err));
    AM_TRY(previous_plan(db, *inst, &prev, previous, err));
    AM_TRY(am_meetings(*inst, groups, prev, p, sched, err));
    if (!(doc = am_sink_new()))
        AM_TRY(am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory"));
    am_json_write_schedule(*sched, doc);
    if (am_sink_status(doc) != AM_OK)
        AM_TRY(am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory"));
    AM_TRY(am_pg_schedule_store(db, *sched, version, *previous, am_sink_data(doc, NULL), id, err));
done:
    am_sink_free(doc);
    am_schedule_free(prev);
    am_result_free(groups);
    if (st != AM_OK) {
        am_schedule_free(*sched);
        am_instance_free(*inst);
        *sched = NULL;
        *inst = NULL;
    }
    return st;
}

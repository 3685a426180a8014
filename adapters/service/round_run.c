/* adapters/service/round_run.c: am_service_run: one round from the ledger to the ledger. Read the
 * whole ledger in one snapshot, choose the round's counties (round_scope.c), cut out its
 * instance, validate it, form and check the groups, compute what they change, write back. Every
 * way it can end is recorded on the round: done, failed with the cause, cancelled, released. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "advmatch/am_diags.h"
#include "advmatch/am_match.h"
#include "advmatch/am_scope.h"
#include "advmatch/am_validate.h"
#include "service_impl.h"

long svc_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

void svc_log(const am_service_opts *o, const char *fmt, ...)
{
    if (!o->log)
        return;
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    o->log(o->log_ctx, line);
}

/* The heartbeat, at most every lease/3: keeps the round ours and notices a cancellation. */
static void beat(run_ctx *x, bool force)
{
    long t = svc_now_ms();
    long every = (long)x->o->lease_s * 1000 / 3;
    if (every > 2000)
        every = 2000; /* a cancellation is seen within about two seconds */
    if (!force && t - x->last_beat_ms < every)
        return;
    x->last_beat_ms = t;
    bool cancel = false;
    am_error e = {0};
    am_status st = am_pg_round_heartbeat(x->db, x->c->id, x->o->worker, x->o->lease_s, &cancel, &e);
    if (st == AM_ETEMP || st == AM_EUNAVAIL) { /* not ours any more, or cannot be written */
        x->lost = true;
        x->stop = 1;
    } else if (st == AM_OK && cancel) {
        x->cancelled = true;
        x->stop = 1;
    }
}

static void on_progress(void *ctx, const am_progress *p)
{
    run_ctx *x = ctx;
    if (x->o->stop && *x->o->stop)
        x->stop = 1;
    if (x->o->on_progress)
        x->o->on_progress(x->o->progress_ctx, p);
    beat(x, false);
}

/* Record the round as failed with `err`'s text; the report says so. */
static am_status fail_round(run_ctx *x, const am_error *cause, am_service_report *rep,
                            am_error *err)
{
    char msg[700];
    snprintf(msg, sizeof msg, "%s%s%s%s%s%s%s", cause->record, cause->record[0] ? ": " : "",
             cause->field, cause->field[0] ? ": " : "", cause->message,
             cause->detail[0] ? " — " : "", cause->detail);
    rep->end = AM_RUN_FAILED;
    rep->cause = cause->status;
    snprintf(rep->message, sizeof rep->message, "%.500s", msg);
    svc_log(x->o, "round %lld failed: %s", x->c->id, msg);
    return am_pg_round_fail(x->db, x->c->id, x->o->worker, false, msg, err);
}

void svc_diags_line(const am_diags *d, char *buf, size_t size)
{
    char line[400];
    int shown = 0;
    size_t len = (size_t)snprintf(buf, size, "the ledger's data break %d rule%s:",
                                  am_diags_n_errors(d), am_diags_n_errors(d) == 1 ? "" : "s");
    for (int i = 0; i < am_diags_count(d) && shown < 3 && len < size; i++) {
        const am_diag *g = am_diags_get(d, i);
        if (g->level != AM_DIAG_ERROR)
            continue;
        len += (size_t)snprintf(buf + len, size - len, "%s %s", shown ? ";" : "",
                                am_diag_format(g, line, sizeof line));
        shown++;
    }
}

/* Read the ledger and cut out the round's instance; *inst NULL with *cause set on failure. */
static am_status load(run_ctx *x, am_instance **full, am_instance **inst, long long *version,
                      am_error *cause)
{
    am_diags *d = am_diags_new();
    am_status st = AM_OK;
    scope_sel sel = {0};
    if (!d)
        return am_error_set(cause, AM_ENOMEM, NULL, NULL, "out of memory");
    AM_TRY(am_pg_read_ledger(x->db, full, version, d, cause));
    if (am_diags_n_errors(d) > 0) {
        char line[480];
        svc_diags_line(d, line, sizeof line);
        st = am_error_set(cause, AM_EINPUT, NULL, NULL, "%s", line);
        goto done;
    }
    AM_TRY(svc_scope_choose(x, *full, &sel, cause));
    am_scope s = {.county_in = sel.county_in, .lock = sel.lock, .keep = sel.keep};
    AM_TRY(am_instance_scope(*full, &s, inst, d, cause));
    if (am_diags_n_errors(d) == 0)
        AM_TRY(am_validate(*inst, d, cause));
    if (am_diags_n_errors(d) > 0) {
        char line[480];
        svc_diags_line(d, line, sizeof line);
        st = am_error_set(cause, AM_EINPUT, NULL, NULL, "%s", line);
    }
done:
    svc_scope_free(&sel);
    am_diags_free(d);
    return st;
}

/* Tests: AM_FAILPOINT=round-hold keeps a round running (heartbeats only) until it is cancelled
 * or the worker is stopped, so that both can be tested on a round of any size. */
static void hold_for_tests(run_ctx *x)
{
#ifdef AM_TESTING
    const char *fp = getenv("AM_FAILPOINT");
    while (fp && strcmp(fp, "round-hold") == 0 && !x->stop) {
        if (x->o->stop && *x->o->stop)
            x->stop = 1;
        beat(x, false);
        struct timespec ts = {0, 100 * 1000000L};
        nanosleep(&ts, NULL);
    }
#else
    (void)x;
#endif
}

static am_status solve(run_ctx *x, const am_instance *inst, am_result **res, am_error *cause)
{
    if (am_instance_n_counties(inst) == 0) { /* nothing to form: an empty, optimal result */
        am_status st = am_result_new(inst, res, cause);
        if (st == AM_OK) {
            am_result_set_outcome(*res, AM_OUTCOME_OPTIMAL, 0, true, 0, 0);
            am_result_finish(*res);
        }
        return st;
    }
    am_match_params p;
    am_match_params_init(&p);
    p.time_limit_ms = (long)(x->c->time_limit_s * 1000.0);
    p.mip_gap_rel = x->c->gap;
    p.stop = &x->stop;
    p.on_progress = on_progress;
    p.progress_ctx = x;
    return am_match(inst, &p, res, cause);
}

static void report_result(am_service_report *rep, const am_instance *inst, const am_result *res)
{
    rep->end = AM_RUN_DONE;
    snprintf(rep->outcome, sizeof rep->outcome, "%s", am_outcome_name(am_result_outcome(res)));
    rep->objective = am_result_objective(res);
    rep->bound = am_result_bound(res);
    rep->gap = am_result_has_bound(res) ? am_result_gap(res) : -1;
    rep->n_counties = am_instance_n_counties(inst);
    for (int g = 0; g < am_result_n_groups(res); g++) {
        rep->n_members += am_result_group(res, g)->n_members;
        rep->n_shortfalls += am_result_group(res, g)->n_shortfalls;
    }
}

/* After the solve: cancelled, released (stop), lease lost, or write the result. */
static am_status finish(run_ctx *x, const am_instance *full, const am_instance *inst,
                        const am_result *res, long long version, am_service_report *rep,
                        am_error *err)
{
    if (x->cancelled) {
        rep->end = AM_RUN_CANCELLED;
        snprintf(rep->message, sizeof rep->message, "cancelled by request");
        return am_pg_round_fail(x->db, x->c->id, x->o->worker, true, "cancelled by request", err);
    }
    if (x->lost) {
        rep->end = AM_RUN_RELEASED;
        snprintf(rep->message, sizeof rep->message, "the round's lease was lost");
        return AM_OK;
    }
    if (x->o->stop && *x->o->stop) {
        rep->end = AM_RUN_RELEASED;
        snprintf(rep->message, sizeof rep->message, "stopped; the round is queued again");
        return am_pg_round_release(x->db, x->c->id, x->o->worker, err);
    }
    am_error cause = {0};
    svc_changes ch = {0};
    am_status st = svc_changes_compute(x, full, inst, res, &ch, &cause);
    if (st == AM_OK && x->c->kind == AM_ROUND_NIGHTLY && x->c->max_changes >= 0 &&
        ch.n > x->c->max_changes)
        st = am_error_set(&cause, AM_EINPUT, NULL, NULL,
                          "the repair would change %d memberships, more than --max-changes %ld; "
                          "nothing was published: check the withdrawals, then repair with a "
                          "higher limit or run a quarterly round", ch.n, x->c->max_changes);
    if (st == AM_OK) {
        am_pg_outcome o = {.inst = inst, .res = res, .changes = ch.v, .n_changes = ch.n,
                           .read_version = version, .load_ms = rep->load_ms,
                           .solve_ms = rep->solve_ms};
        long t0 = svc_now_ms();
        st = am_pg_round_write(x->db, x->c->id, x->o->worker, &o, &cause);
        rep->write_ms = svc_now_ms() - t0;
    }
    rep->n_changes = ch.n;
    svc_changes_free(&ch);
    if (st == AM_EUNAVAIL) { /* cannot record anything: the lease will run out */
        *err = cause;
        return st;
    }
    if (st != AM_OK)
        return fail_round(x, &cause, rep, err);
    report_result(rep, inst, res);
    return AM_OK;
}

am_status am_service_round_instance(am_pg *db, long long id, am_instance **out, am_error *err)
{
    *out = NULL;
    am_pg_claim c;
    am_status st = am_pg_round_read_request(db, id, &c, err);
    if (st != AM_OK)
        return st;
    am_service_opts o = {.worker = ""};
    run_ctx x = {.db = db, .c = &c, .o = &o};
    am_instance *full = NULL;
    long long version;
    st = load(&x, &full, out, &version, err);
    am_instance_free(full);
    am_pg_claim_free(&c);
    return st;
}

am_status am_service_run(am_pg *db, const am_pg_claim *c, const am_service_opts *o,
                         am_service_report *rep, am_error *err)
{
    run_ctx x = {.db = db, .c = c, .o = o, .last_beat_ms = svc_now_ms()};
    memset(rep, 0, sizeof *rep);
    rep->id = c->id;
    rep->kind = c->kind;
    rep->gap = -1;
    am_instance *full = NULL, *inst = NULL;
    am_result *res = NULL;
    am_error cause = {0};
    long long version = 0;
    long t0 = svc_now_ms();
    am_status st = load(&x, &full, &inst, &version, &cause);
    rep->load_ms = svc_now_ms() - t0;
    if (st == AM_OK) {
        svc_log(o, "round %lld (%s): %d counties, %d experts, ledger version %lld", c->id,
                am_round_kind_name(c->kind), am_instance_n_counties(inst),
                am_instance_n_experts(inst), version);
        hold_for_tests(&x);
    }
    if (st == AM_OK && !x.stop) {
        t0 = svc_now_ms();
        st = solve(&x, inst, &res, &cause);
        rep->solve_ms = svc_now_ms() - t0;
    }
    if (st == AM_EUNAVAIL) {
        *err = cause;
    } else if (st != AM_OK) {
        st = fail_round(&x, &cause, rep, err);
    } else {
        st = finish(&x, full, inst, res, version, rep, err);
        if (st == AM_OK && rep->end == AM_RUN_DONE)
            svc_log(o, "round %lld done: %s, objective %lld, %d changes (load %ld ms, solve %ld "
                       "ms, write %ld ms)", c->id, rep->outcome, rep->objective, rep->n_changes,
                    rep->load_ms, rep->solve_ms, rep->write_ms);
    }
    am_result_free(res);
    am_instance_free(inst);
    am_instance_free(full);
    return st;
}

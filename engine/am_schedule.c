/* engine/am_schedule.c: a year of consultation meetings (am_schedule.h): the meetings with their
 * attendance and absences, the (county, half) pairs left unscheduled, the outcome; and the
 * objective weights shared by the meeting model and the schedule checker. Owns one arena
 * holding all of it, including copies of every array and reason it was given. */
#include "advmatch/am_schedule.h"

#include <stdlib.h>
#include <string.h>

#include "advmatch/am_arena.h"

struct am_schedule {
    am_arena *arena;
    const am_instance *inst;
    am_outcome outcome;
    long long objective;
    bool has_bound;
    double bound, gap;
    am_sched_meeting *meetings;
    size_t cap_meetings;
    int n_meetings;
    am_sched_unscheduled *unscheduled;
    size_t cap_unscheduled;
    int n_unscheduled;
};

am_status am_schedule_new(const am_instance *inst, am_schedule **out, am_error *err)
{
    *out = NULL;
    am_arena *a = am_arena_new();
    am_schedule *s = a ? am_arena_alloc(a, sizeof *s, _Alignof(am_schedule)) : NULL;
    if (!s) {
        am_arena_free(a);
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory creating a schedule");
    }
    s->arena = a;
    s->inst = inst;
    s->outcome = AM_OUTCOME_OPTIMAL;
    *out = s;
    return AM_OK;
}

void am_schedule_free(am_schedule *s)
{
    if (s)
        am_arena_free(s->arena);
}

void am_schedule_set_outcome(am_schedule *s, am_outcome o, long long objective, bool has_bound,
                             double bound, double gap)
{
    s->outcome = o;
    s->objective = objective;
    s->has_bound = has_bound;
    s->bound = has_bound ? bound : 0.0;
    s->gap = has_bound ? gap : 0.0;
}

/* A copy of n ints in the arena (a valid pointer even when n == 0). */
static int *copy_ints(am_arena *a, const int *v, int n)
{
    int *out = AM_ARENA_ARRAY(a, int, n > 0 ? n : 1);
    if (out && n > 0)
        memcpy(out, v, (size_t)n * sizeof *out);
    return out;
}

am_status am_schedule_add_meeting(am_schedule *s, const am_sched_meeting *m, am_error *err)
{
    if (am_arena_grow(s->arena, (void **)&s->meetings, &s->cap_meetings,
                      (size_t)s->n_meetings + 1, sizeof(am_sched_meeting),
                      _Alignof(am_sched_meeting)) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding a meeting");
    am_sched_meeting copy = *m;
    copy.n_attending = m->n_attending > 0 ? m->n_attending : 0;
    copy.n_absent = m->n_absent > 0 ? m->n_absent : 0;
    int *att = copy_ints(s->arena, m->attending, copy.n_attending);
    int *abs_ = copy_ints(s->arena, m->absent, copy.n_absent);
    const char **why =
        AM_ARENA_ARRAY(s->arena, const char *, copy.n_absent > 0 ? copy.n_absent : 1);
    if (!att || !abs_ || !why)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding a meeting");
    for (int i = 0; i < copy.n_absent; i++) {
        const char *r = m->absent_reason ? m->absent_reason[i] : NULL;
        why[i] = am_arena_strdup(s->arena, r ? r : "");
        if (!why[i])
            return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding a meeting");
    }
    copy.attending = att;
    copy.absent = abs_;
    copy.absent_reason = why;
    s->meetings[s->n_meetings++] = copy;
    return AM_OK;
}

am_status am_schedule_add_unscheduled(am_schedule *s, int county, int half, int missing,
                                      const char *reason, am_error *err)
{
    if (am_arena_grow(s->arena, (void **)&s->unscheduled, &s->cap_unscheduled,
                      (size_t)s->n_unscheduled + 1, sizeof(am_sched_unscheduled),
                      _Alignof(am_sched_unscheduled)) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL,
                            "out of memory adding an unscheduled entry");
    const char *r = am_arena_strdup(s->arena, reason ? reason : "");
    if (!r)
        return am_error_set(err, AM_ENOMEM, NULL, NULL,
                            "out of memory adding an unscheduled entry");
    s->unscheduled[s->n_unscheduled++] = (am_sched_unscheduled){county, half, missing, r};
    return AM_OK;
}

static int cmp_int(long long a, long long b) { return (a > b) - (a < b); }

static int cmp_meeting(const void *a, const void *b)
{
    const am_sched_meeting *x = a, *y = b;
    int c = cmp_int(x->county, y->county);
    if (!c)
        c = cmp_int(x->half, y->half);
    if (!c)
        c = cmp_int(x->date, y->date);
    if (!c) /* ties only in broken schedules; keep the order deterministic anyway */
        c = cmp_int(x->fixed, y->fixed);
    if (!c)
        c = cmp_int(x->mode, y->mode);
    if (!c)
        c = cmp_int(x->n_attending, y->n_attending);
    return c;
}

static int cmp_unscheduled(const void *a, const void *b)
{
    const am_sched_unscheduled *x = a, *y = b;
    int c = cmp_int(x->county, y->county);
    if (!c)
        c = cmp_int(x->half, y->half);
    if (!c)
        c = cmp_int(x->missing, y->missing);
    return c;
}

void am_schedule_finish(am_schedule *s)
{
    if (s->n_meetings > 1)
        qsort(s->meetings, (size_t)s->n_meetings, sizeof(am_sched_meeting), cmp_meeting);
    if (s->n_unscheduled > 1)
        qsort(s->unscheduled, (size_t)s->n_unscheduled, sizeof(am_sched_unscheduled),
              cmp_unscheduled);
}

const am_instance *am_schedule_instance(const am_schedule *s) { return s->inst; }
am_outcome am_schedule_outcome(const am_schedule *s) { return s->outcome; }
long long am_schedule_objective(const am_schedule *s) { return s->objective; }
bool am_schedule_has_bound(const am_schedule *s) { return s->has_bound; }
double am_schedule_bound(const am_schedule *s) { return s->bound; }
double am_schedule_gap(const am_schedule *s) { return s->gap; }
int am_schedule_n_meetings(const am_schedule *s) { return s->n_meetings; }
const am_sched_meeting *am_schedule_meeting(const am_schedule *s, int i)
{
    return &s->meetings[i];
}
int am_schedule_n_unscheduled(const am_schedule *s) { return s->n_unscheduled; }
const am_sched_unscheduled *am_schedule_unscheduled(const am_schedule *s, int i)
{
    return &s->unscheduled[i];
}

void am_sched_weights_compute(const am_instance *inst, const am_result *groups,
                              am_sched_weights *w)
{
    const am_calendar *cal = am_instance_calendar(inst);
    long long L = 0;
    for (int h = 0; h < AM_N_HALVES; h++) {
        long long len = (long long)cal->halves[h].to - cal->halves[h].from + 1;
        if (len > L)
            L = len;
    }
    long long n_groups = 0, S = 0;
    int ng = am_result_n_groups(groups);
    for (int c = 0; c < ng; c++) {
        int n = am_result_group(groups, c)->n_members;
        if (n >= 1)
            n_groups++;
        if (n > S)
            S = n;
    }
    long long N = n_groups * AM_N_HALVES * (long long)cal->meetings_per_half;
    w->L = L;
    w->A = L + 1;
    w->P = 1 + N * (w->A * S + L);
}

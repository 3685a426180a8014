/* models/match_current.c: the instance's current memberships in the group model
 * (docs/formulation.md, "Current memberships"): a locked one fixes its pair's column at 1 (and
 * the other role's at 0); an unlocked one makes keeping its pair worth the change penalty, and
 * the objective starts lower by every such penalty, so that only a dropped membership costs. */
#include "match_model.h"

/* The pair of (county c, expert e), or -1: a county's candidates are sorted by expert. */
static long long pair_of(const match_model *m, int c, int e)
{
    long long lo = m->cands->start[c], hi = m->cands->start[c + 1] - 1;
    while (lo <= hi) {
        long long mid = lo + (hi - lo) / 2;
        int x = m->cands->cands[mid].expert;
        if (x == e)
            return mid;
        if (x < e)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

am_status match_current_init(match_model *m, am_error *err)
{
    int n = am_instance_n_current(m->inst);
    m->obj_offset = 0.0;
    if (n == 0)
        return AM_OK;
    long long np = m->cands->n_pairs;
    m->keep_bonus = AM_ARENA_ARRAY(m->arena, long long, np + 1);
    m->lock = AM_ARENA_ARRAY(m->arena, unsigned char, np + 1);
    if (!m->keep_bonus || !m->lock)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading current groups");
    for (int i = 0; i < n; i++) {
        const am_current *cu = am_instance_current(m->inst, i);
        long long k = pair_of(m, cu->county, cu->expert);
        if (cu->locked) { /* validated: a candidate, who can lead when locked as leader */
            if (k >= 0)
                m->lock[k] = cu->role == AM_ROLE_LEADER ? MATCH_LOCK_LEADER : MATCH_LOCK_MEMBER;
            continue;
        }
        long long pen = (long long)m->pol->pen_change *
                        am_instance_county(m->inst, cu->county)->priority;
        m->obj_offset -= (double)pen;
        if (k >= 0 && m->keep_bonus[k] == 0)
            m->keep_bonus[k] = pen;
    }
    return AM_OK;
}

long long match_pair_objective(const match_model *m, long long k)
{
    return m->cands->cands[k].score + (m->keep_bonus ? m->keep_bonus[k] : 0);
}

void match_lock_cols(match_model *m, long long k)
{
    if (!m->lock || !m->lock[k] || m->col_x[k] < 0)
        return;
    bool lead = m->lock[k] == MATCH_LOCK_LEADER;
    am_lp_set_col_bounds(m->lp, m->col_x[k], lead ? 0.0 : 1.0, lead ? 0.0 : 1.0);
    if (m->col_y[k] >= 0)
        am_lp_set_col_bounds(m->lp, m->col_y[k], lead ? 1.0 : 0.0, lead ? 1.0 : 0.0);
}

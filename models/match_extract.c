/* models/match_extract.c: read the solved group model back into an am_result: members with role,
 * channel and score, and each group's shortfalls. Shortfalls and the objective are tallied from
 * the memberships (not read from slack values), so a solution stopped early reports exactly what
 * its groups miss. */
#include <math.h>

#include "match_model.h"

void match_tally_group(const match_model *m, int c, const unsigned char *chosen,
                       const unsigned char *leads, match_tally *t)
{
    *t = (match_tally){0};
    for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
        if (!chosen[k])
            continue;
        const am_cand *cd = &m->cands->cands[k];
        t->n_members++;
        t->n_local += (cd->flags & AM_CAND_LOCAL) != 0;
        t->n_paired += (cd->flags & AM_CAND_PAIRED) != 0;
        t->has_leader |= leads[k] != 0;
        t->industries |= cd->industries;
        t->stages |= cd->stages;
        t->score += cd->score;
    }
}

static int missing(int goal, int have) { return have < goal ? goal - have : 0; }

void match_tight_slacks(const match_model *m, int c, const match_tally *t, double *v)
{
    const am_policy *p = m->pol;
    const am_county *cy = am_instance_county(m->inst, c);
    v[m->col_size[c]] = missing(p->size_min, t->n_members);
    v[m->col_over[c]] = t->n_members > p->size_target ? t->n_members - p->size_target : 0;
    v[m->col_lead[c]] = !t->has_leader;
    v[m->col_local[c]] = missing(p->local_min, t->n_local);
    if (m->col_pairing[c] >= 0)
        v[m->col_pairing[c]] = missing(p->pairing_min, t->n_paired);
    for (int i = 0; i < cy->n_industries; i++)
        v[m->col_industry_start[c] + i] = i < 64 ? !(t->industries >> i & 1) : 1;
    for (int s = 0; s < AM_N_STAGES; s++)
        if (m->col_stage[c * AM_N_STAGES + s] >= 0)
            v[m->col_stage[c * AM_N_STAGES + s]] = !(t->stages >> s & 1);
}

/* Add county c's shortfalls (from its tally) to the result (none when res is NULL); returns
 * the penalty in *penalty. */
static am_status add_shortfalls(const match_model *m, int c, const match_tally *t, am_result *res,
                                long long *penalty, am_error *err)
{
    am_status st = AM_OK;
    const am_policy *p = m->pol;
    const am_county *cy = am_instance_county(m->inst, c);
    const am_province *pv = am_instance_province(m->inst, cy->province);
    long long pr = cy->priority, pen = 0;
    int miss;
    if ((miss = missing(p->size_min, t->n_members)) > 0) {
        pen += (long long)p->pen_size * pr * miss;
        if (res)
            AM_TRY(am_result_add_shortfall(res, c, AM_RULE_SIZE, miss, "", err));
    }
    if (!t->has_leader) {
        pen += (long long)p->pen_leader * pr;
        if (res)
            AM_TRY(am_result_add_shortfall(res, c, AM_RULE_LEADER, 1, "", err));
    }
    if ((miss = missing(p->local_min, t->n_local)) > 0) {
        pen += (long long)p->pen_local * pr * miss;
        if (res)
            AM_TRY(am_result_add_shortfall(res, c, AM_RULE_LOCAL, miss, "", err));
    }
    if (pv->n_paired > 0 && (miss = missing(p->pairing_min, t->n_paired)) > 0) {
        pen += (long long)p->pen_pairing * pr * miss;
        if (res)
            AM_TRY(am_result_add_shortfall(res, c, AM_RULE_PAIRING, miss, "", err));
    }
    for (int i = 0; i < cy->n_industries; i++)
        if (i >= 64 || !(t->industries >> i & 1)) {
            pen += (long long)p->pen_industry * cy->industries[i].weight * pr;
            if (res)
                AM_TRY(am_result_add_shortfall(
                    res, c, AM_RULE_INDUSTRY, 1,
                    am_instance_field_name(m->inst, cy->industries[i].field), err));
        }
    for (int s = 0; s < AM_N_STAGES; s++)
        if ((cy->stages >> s & 1) && !(t->stages >> s & 1)) {
            pen += (long long)p->pen_stage * pr;
            if (res)
                AM_TRY(am_result_add_shortfall(res, c, AM_RULE_STAGE, 1,
                                               am_stage_name((am_stage)s), err));
        }
    if (t->n_members > p->size_target)
        pen += (long long)p->pen_over_target * pr * (t->n_members - p->size_target);
done:
    *penalty = pen;
    return st;
}

long long match_tally_penalty(const match_model *m, int c, const match_tally *t)
{
    long long pen = 0;
    (void)add_shortfalls(m, c, t, NULL, &pen, NULL); /* no result: nothing can fail */
    return pen;
}

/* Copy the solution in `values` into `res` (made for the same instance); *objective is the
 * objective of the memberships. `chosen`/`leads` are scratch of n_pairs bytes. */
am_status match_extract(const match_model *m, const double *values, unsigned char *chosen,
                        unsigned char *leads, am_result *res, long long *objective, am_error *err)
{
    am_status st = AM_OK;
    long long total = 0;
    for (long long k = 0; k < m->cands->n_pairs; k++) {
        leads[k] = m->col_y[k] >= 0 && values[m->col_y[k]] > 0.5;
        chosen[k] = leads[k] || (m->col_x[k] >= 0 && values[m->col_x[k]] > 0.5);
    }
    for (int c = 0; c < m->cands->n_counties; c++) {
        for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
            if (!chosen[k])
                continue;
            const am_cand *cd = &m->cands->cands[k];
            am_member mem = {.expert = cd->expert,
                             .expert_id = am_instance_expert(m->inst, cd->expert)->id,
                             .role = leads[k] ? AM_ROLE_LEADER : AM_ROLE_MEMBER,
                             .channel = cd->channel,
                             .score = cd->score};
            AM_TRY(am_result_add_member(res, c, &mem, err));
        }
        match_tally t;
        long long pen;
        match_tally_group(m, c, chosen, leads, &t);
        AM_TRY(add_shortfalls(m, c, &t, res, &pen, err));
        total += t.score - pen;
    }
    /* every unlocked current membership the groups dropped costs its change penalty */
    for (int i = 0; i < am_instance_n_current(m->inst); i++) {
        const am_current *cu = am_instance_current(m->inst, i);
        bool kept = false;
        for (long long k = m->cands->start[cu->county]; k < m->cands->start[cu->county + 1]; k++)
            kept |= chosen[k] && m->cands->cands[k].expert == cu->expert;
        if (!cu->locked && !kept)
            total -= (long long)m->pol->pen_change *
                     am_instance_county(m->inst, cu->county)->priority;
    }
    am_result_finish(res);
    *objective = total;
done:
    return st;
}

/* adapters/report/report_tally.c: what a group holds (members by channel, the industries and
 * stages its members cover by the engine's am_explain_member, its shortfalls by rule) and the
 * sums over the counties of a report. */
#include <stdint.h>
#include <string.h>

#include "report_impl.h"

/* Does a member of group `g` have field `field`? (Industries past the 64 that a member reason
 * carries as bits; no county has that many.) */
static bool group_has_field(const am_instance *inst, const am_group *g, int field)
{
    for (int i = 0; i < g->n_members; i++)
        if (am_expert_has_field(am_instance_expert(inst, g->members[i].expert), field))
            return true;
    return false;
}

void rp_county_tally(const am_instance *inst, const am_result *res, int c, rp_county *out,
                     bool *covered)
{
    const am_county *cy = am_instance_county(inst, c);
    const am_group *g = am_result_group(res, c);
    memset(out, 0, sizeof *out);
    out->n_members = g->n_members;
    out->n_industries = cy->n_industries;
    out->has_partner = am_instance_province(inst, cy->province)->n_paired > 0;
    for (int st = 0; st < AM_N_STAGES; st++)
        out->n_stages += (cy->stages >> st) & 1u;
    uint64_t industries = 0;
    for (int i = 0; i < g->n_members; i++) {
        const am_member *m = &g->members[i];
        if ((int)m->channel >= 0 && m->channel < RP_N_CHANNELS)
            out->by_channel[m->channel]++;
        out->has_leader |= m->role == AM_ROLE_LEADER;
        am_member_reason r;
        if (!am_explain_member(inst, c, m->expert, &r)) {
            out->n_not_candidate++;
            continue;
        }
        industries |= r.industries;
        out->stages_covered |= r.stages & cy->stages;
    }
    for (int k = 0; k < cy->n_industries; k++) {
        bool cov = k < 64 ? (industries >> k) & 1u
                          : group_has_field(inst, g, cy->industries[k].field);
        out->n_industries_covered += cov;
        if (covered)
            covered[k] = cov;
    }
    for (int st = 0; st < AM_N_STAGES; st++)
        out->n_stages_covered += (out->stages_covered >> st) & 1u;
    out->n_shortfalls = g->n_shortfalls;
    for (int i = 0; i < g->n_shortfalls; i++) {
        const am_shortfall *sf = &g->shortfalls[i];
        if ((int)sf->rule < 0 || sf->rule >= AM_N_RULES)
            continue;
        out->rule_entries[sf->rule]++;
        out->rule_missing[sf->rule] += sf->missing;
    }
}

void rp_totals_add(rp_totals *t, const rp_county *k)
{
    t->n_counties++;
    t->n_complete += k->n_shortfalls == 0;
    t->n_members += k->n_members;
    for (int ch = 0; ch < RP_N_CHANNELS; ch++)
        t->by_channel[ch] += k->by_channel[ch];
    for (int r = 0; r < AM_N_RULES; r++) {
        t->rule_groups[r] += k->rule_entries[r] > 0;
        t->rule_missing[r] += k->rule_missing[r];
    }
    t->pairing_applies += k->has_partner;
    t->pairing_met += k->has_partner && k->rule_entries[AM_RULE_PAIRING] == 0;
    t->local_met += k->rule_entries[AM_RULE_LOCAL] == 0;
    t->leader_met += k->rule_entries[AM_RULE_LEADER] == 0;
    t->industries += k->n_industries;
    t->industries_covered += k->n_industries_covered;
    t->stages += k->n_stages;
    t->stages_covered += k->n_stages_covered;
    t->n_not_candidate += k->n_not_candidate;
}

bool rp_in_scope(const am_instance *inst, int c, int p)
{
    return p < 0 || am_instance_county(inst, c)->province == p;
}

int rp_count_distinct(const am_instance *inst, const am_result *res, int p, unsigned char *seen)
{
    int n = 0;
    for (int c = 0; c < am_result_n_groups(res); c++) {
        if (!rp_in_scope(inst, c, p))
            continue;
        const am_group *g = am_result_group(res, c);
        for (int i = 0; i < g->n_members; i++) {
            int e = g->members[i].expert;
            n += !seen[e];
            seen[e] = 1;
        }
    }
    return n;
}

/* engine/am_check_shortfall.c: the soft half of the independent checker. Recomputes what each
 * group misses (size, leader, local, pairing, each industry, each needed stage) and its penalty
 * from the memberships, and compares the list with the one the result claims. Part of am_check;
 * shares no code with the model's cover rows or its extraction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "am_check_impl.h"

static int cmp_shortfall(const void *a, const void *b)
{
    const am_shortfall *x = a, *y = b;
    if (x->rule != y->rule)
        return (x->rule > y->rule) - (x->rule < y->rule);
    return strcmp(x->detail, y->detail);
}

static bool industry_covered(const checker *ck, const am_group *g, int field)
{
    int ne = am_instance_n_experts(ck->inst);
    for (int i = 0; i < g->n_members; i++) {
        int e = g->members[i].expert;
        if (e >= 0 && e < ne && am_expert_has_field(am_instance_expert(ck->inst, e), field))
            return true;
    }
    return false;
}

/* Fill ck->want (canonical order) and return the group's penalty (docs/formulation.md: each
 * shortfall times its penalty times the county's priority, plus over_target per member above
 * the target). */
static long long recompute(checker *ck, const check_county *k, const am_group *g,
                           const group_facts *f, int *n_out)
{
    const am_policy *p = ck->pol;
    const am_county *cy = k->county;
    long long units = 0; /* penalty before the priority factor */
    int n = 0;
#define WANT(rule_, missing_, detail_, pen_)                                                       \
    do {                                                                                           \
        ck->want[n++] = (am_shortfall){(rule_), (missing_), (detail_)};                            \
        units += (long long)(pen_) * (missing_);                                                   \
    } while (0)
    if (f->n_members < p->size_min)
        WANT(AM_RULE_SIZE, p->size_min - f->n_members, "", p->pen_size);
    if (f->n_leaders == 0)
        WANT(AM_RULE_LEADER, 1, "", p->pen_leader);
    if (f->n_local < p->local_min)
        WANT(AM_RULE_LOCAL, p->local_min - f->n_local, "", p->pen_local);
    /* the pairing quota applies only where the province has an eastern partner */
    if (k->province && k->province->n_paired > 0 && f->n_paired < p->pairing_min)
        WANT(AM_RULE_PAIRING, p->pairing_min - f->n_paired, "", p->pen_pairing);
    for (int i = 0; i < cy->n_industries; i++)
        if (!industry_covered(ck, g, cy->industries[i].field))
            WANT(AM_RULE_INDUSTRY, 1, am_instance_field_name(ck->inst, cy->industries[i].field),
                 (long long)p->pen_industry * cy->industries[i].weight);
    for (int s = 0; s < AM_N_STAGES; s++)
        if ((cy->stages & (1u << s)) && !(f->stages & (1u << s)))
            WANT(AM_RULE_STAGE, 1, am_stage_name((am_stage)s), p->pen_stage);
#undef WANT
    if (f->n_members > p->size_target)
        units += (long long)p->pen_over_target * (f->n_members - p->size_target);
    qsort(ck->want, (size_t)n, sizeof *ck->want, cmp_shortfall);
    *n_out = n;
    return units * cy->priority;
}

static void describe(const am_shortfall *s, char *buf, size_t size)
{
    if (s->detail[0])
        snprintf(buf, size, "%s \"%s\"", am_rule_name(s->rule), s->detail);
    else
        snprintf(buf, size, "%s", am_rule_name(s->rule));
}

/* Merge the two sorted lists; every entry missing on one side, or with another count, is a
 * mismatch naming the shortfall. */
static void compare(checker *ck, const check_county *k, const am_group *g, int n_want)
{
    int n_got = g->n_shortfalls;
    if (n_got > 0)
        memcpy(ck->claimed, g->shortfalls, sizeof *ck->claimed * (size_t)n_got);
    qsort(ck->claimed, (size_t)n_got, sizeof *ck->claimed, cmp_shortfall);
    int i = 0, j = 0;
    while (i < n_want || j < n_got) {
        int c = i >= n_want ? 1 : j >= n_got ? -1 : cmp_shortfall(&ck->want[i], &ck->claimed[j]);
        char what[128];
        describe(c <= 0 ? &ck->want[i] : &ck->claimed[j], what, sizeof what);
        if (c == 0 && ck->want[i].missing != ck->claimed[j].missing)
            am_check_flag(ck, false, k->rec, "shortfalls",
                          "shortfall %s: missing %d claimed, %d recomputed", what,
                          ck->claimed[j].missing, ck->want[i].missing);
        else if (c < 0)
            am_check_flag(ck, false, k->rec, "shortfalls",
                          "shortfall %s (missing %d) is not claimed", what, ck->want[i].missing);
        else if (c > 0)
            am_check_flag(ck, false, k->rec, "shortfalls",
                          "shortfall %s (missing %d) is claimed but not recomputed", what,
                          ck->claimed[j].missing);
        i += c <= 0;
        j += c >= 0;
    }
}

long long am_check_shortfalls(checker *ck, const check_county *k, const am_group *g,
                              const group_facts *f)
{
    int n_want = 0;
    long long penalty = recompute(ck, k, g, f, &n_want);
    compare(ck, k, g, n_want);
    ck->rep->n_shortfalls += n_want;
    ck->rep->n_groups_complete += n_want == 0;
    return penalty;
}

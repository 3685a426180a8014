/* engine/am_check_current.c: the current memberships in the independent checker. Every locked
 * membership must be in the result with the same role (a violation of rule "locked" naming
 * "current[i]" otherwise); every unlocked one whose expert is no longer a member of that
 * county's group, in any role, costs pen_change times the county's priority. Part of am_check;
 * reads only the instance and the result (never am_candidates or models/). */
#include <stdio.h>

#include "am_check_impl.h"

/* 0: expert e is not in group g; 1: a member; 2: its leader (as listed, any entry). */
static int place_in(const am_group *g, int e)
{
    int place = 0;
    for (int i = 0; i < g->n_members; i++)
        if (g->members[i].expert == e)
            place = g->members[i].role == AM_ROLE_LEADER ? 2 : place > 0 ? place : 1;
    return place;
}

long long am_check_current(checker *ck, int nc)
{
    const am_instance *inst = ck->inst;
    long long penalty = 0;
    int n = am_instance_n_current(inst);
    for (int k = 0; k < n && ck->st == AM_OK; k++) {
        const am_current *m = am_instance_current(inst, k);
        if (m->county >= nc)
            continue; /* the result has fewer groups than counties: flagged already */
        const am_county *cy = am_instance_county(inst, m->county);
        const char *eid = am_instance_expert(inst, m->expert)->id;
        int place = place_in(am_result_group(ck->res, m->county), m->expert);
        bool repeat = k > 0 && am_instance_current(inst, k - 1)->county == m->county &&
                      am_instance_current(inst, k - 1)->expert == m->expert;
        if (!m->locked) {
            /* a pair listed twice is one membership, dropped once */
            if (place == 0 && !repeat) {
                penalty += (long long)ck->pol->pen_change * cy->priority;
                ck->rep->n_dropped++;
            }
            continue;
        }
        int want = m->role == AM_ROLE_LEADER ? 2 : 1;
        if (place == want)
            continue;
        char rec[64];
        am_instance_current_label(inst, k, rec, sizeof rec);
        if (place == 0)
            am_check_flag(ck, true, rec, "locked",
                          "expert \"%s\" is locked in the group of county %s as %s but is not in "
                          "it", eid, cy->id, am_role_name(m->role));
        else
            am_check_flag(ck, true, rec, "locked",
                          "expert \"%s\" is locked in the group of county %s as %s but is listed "
                          "as %s", eid, cy->id, am_role_name(m->role),
                          am_role_name(place == 2 ? AM_ROLE_LEADER : AM_ROLE_MEMBER));
    }
    return penalty;
}

/* models/match_names.c: column and row names of the group model for the LP file, as listed in
 * docs/formulation.md. Parentheses instead of brackets: CPLEX LP names may not contain '['. */
#include <stdio.h>

#include "match_model.h"

void match_col_name(void *ctx, int col, char *buf, int size)
{
    const match_model *m = ctx;
    const match_col_info *ci = &m->col_info[col];
    const char *c = am_instance_county(m->inst, ci->county)->id;
    size_t n = (size_t)size;
    switch (ci->kind) {
    case MC_MEMBER: snprintf(buf, n, "x(%s,%s)", c, am_instance_expert(m->inst, ci->aux)->id); break;
    case MC_LEADER: snprintf(buf, n, "y(%s,%s)", c, am_instance_expert(m->inst, ci->aux)->id); break;
    case MC_SIZE: snprintf(buf, n, "u_size(%s)", c); break;
    case MC_OVER: snprintf(buf, n, "o_over(%s)", c); break;
    case MC_LEAD: snprintf(buf, n, "u_lead(%s)", c); break;
    case MC_LOCAL: snprintf(buf, n, "u_local(%s)", c); break;
    case MC_PAIRING: snprintf(buf, n, "u_pair(%s)", c); break;
    case MC_INDUSTRY: snprintf(buf, n, "v(%s,%d)", c, ci->aux); break;
    default: snprintf(buf, n, "w(%s,%s)", c, am_stage_name((am_stage)ci->aux)); break;
    }
}

void match_row_name(void *ctx, int row, char *buf, int size)
{
    const match_model *m = ctx;
    const match_row_info *ri = &m->row_info[row];
    const char *c = ri->county >= 0 ? am_instance_county(m->inst, ri->county)->id : "";
    size_t n = (size_t)size;
    switch (ri->family) {
    case MR_SIZE: snprintf(buf, n, "size(%s)", c); break;
    case MR_LEAD: snprintf(buf, n, "lead(%s)", c); break;
    case MR_LOCAL: snprintf(buf, n, "local(%s)", c); break;
    case MR_PAIRING: snprintf(buf, n, "pairing(%s)", c); break;
    case MR_ORG: snprintf(buf, n, "org(%s,%d)", c, ri->aux); break;
    case MR_INDUSTRY: snprintf(buf, n, "cover(%s,%d)", c, ri->aux); break;
    case MR_STAGE: snprintf(buf, n, "stage(%s,%s)", c, am_stage_name((am_stage)ri->aux)); break;
    case MR_CAPACITY: snprintf(buf, n, "cap(%s)", am_instance_expert(m->inst, ri->aux)->id); break;
    case MR_LEADCAP:
        snprintf(buf, n, "leadcap(%s)", am_instance_expert(m->inst, ri->aux)->id);
        break;
    default: snprintf(buf, n, "onerole(%s,%s)", c, am_instance_expert(m->inst, ri->aux)->id); break;
    }
}

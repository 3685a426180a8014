/* engine/am_names.c: the names of every enum as they appear in files, and their parsers. */
#include <string.h>

#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"

static const char *const region_names[] = {"east", "central", "west", "northeast"};
static const char *const level_names[] = {"national", "provincial", "local"};
static const char *const stage_names[] = {"production", "processing", "preservation",
                                          "storage_transport", "branding"};
static const char *const outcome_names[] = {"optimal", "feasible", "time_limit", "interrupted"};
static const char *const role_names[] = {"member", "leader"};
static const char *const channel_names[] = {"local", "paired", "province", "national"};
static const char *const mode_names[] = {"onsite", "video"};
static const char *const rule_names[] = {"size", "leader", "local", "pairing", "industry", "stage"};

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *name_of(const char *const *names, int n, int v)
{
    return v >= 0 && v < n ? names[v] : "?";
}

static int parse_of(const char *const *names, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

const char *am_region_name(am_region r) { return name_of(region_names, N_OF(region_names), (int)r); }
const char *am_level_name(am_level l) { return name_of(level_names, N_OF(level_names), (int)l); }
const char *am_stage_name(am_stage s) { return name_of(stage_names, N_OF(stage_names), (int)s); }
const char *am_outcome_name(am_outcome o) { return name_of(outcome_names, N_OF(outcome_names), (int)o); }
const char *am_role_name(am_role r) { return name_of(role_names, N_OF(role_names), (int)r); }
const char *am_channel_name(am_channel c) { return name_of(channel_names, N_OF(channel_names), (int)c); }
const char *am_mode_name(am_mode m) { return name_of(mode_names, N_OF(mode_names), (int)m); }
const char *am_rule_name(am_rule r) { return name_of(rule_names, N_OF(rule_names), (int)r); }

int am_region_parse(const char *s) { return parse_of(region_names, N_OF(region_names), s); }
int am_level_parse(const char *s) { return parse_of(level_names, N_OF(level_names), s); }
int am_stage_parse(const char *s) { return parse_of(stage_names, N_OF(stage_names), s); }
int am_outcome_parse(const char *s) { return parse_of(outcome_names, N_OF(outcome_names), s); }
int am_role_parse(const char *s) { return parse_of(role_names, N_OF(role_names), s); }
int am_channel_parse(const char *s) { return parse_of(channel_names, N_OF(channel_names), s); }
int am_mode_parse(const char *s) { return parse_of(mode_names, N_OF(mode_names), s); }
int am_rule_parse(const char *s) { return parse_of(rule_names, N_OF(rule_names), s); }

void am_policy_init(am_policy *p)
{
    memset(p, 0, sizeof *p);
    p->size_min = 8;
    p->size_target = 10;
    p->size_max = 12;
    p->local_min = 1;
    p->local_max = 2;
    p->pairing_min = 1;
    p->pairing_max = 2;
    p->max_same_org = 3;
    p->pen_leader = 1000;
    p->pen_size = 100;
    p->pen_local = 100;
    p->pen_pairing = 100;
    p->pen_industry = 50;
    p->pen_stage = 30;
    p->pen_over_target = 4;
    p->pen_change = 20;
    p->preference_bonus = 2;
}

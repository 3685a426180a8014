/* adapters/cli/summary.c: the readable summary of a result that `advmatch solve` prints for a
 * coordinator: per county its leader, members with channel and organisation, and shortfalls;
 * then totals by channel and by shortfall rule. */
#include <stdio.h>

#include "cli.h"

/* Print `s` left-aligned in `width` terminal columns: a CJK character (three UTF-8 bytes here)
 * takes two columns, so that names line up the way printf's byte counts would not. */
static void print_padded(FILE *f, const char *s, int width)
{
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            cols += *p >= 0xE0 ? 2 : 1;
    fputs(s, f);
    for (; cols < width; cols++)
        fputc(' ', f);
}

static void print_shortfalls(FILE *f, const am_group *g)
{
    fprintf(f, "    shortfalls:");
    for (int i = 0; i < g->n_shortfalls; i++) {
        const am_shortfall *s = &g->shortfalls[i];
        fprintf(f, "%s %s", i ? "," : "", am_rule_name(s->rule));
        if (s->detail[0])
            fprintf(f, " %s", s->detail);
        if (s->missing > 1 || s->rule == AM_RULE_SIZE || s->rule == AM_RULE_LOCAL ||
            s->rule == AM_RULE_PAIRING)
            fprintf(f, " (%d missing)", s->missing);
    }
    fputc('\n', f);
}

static void print_group(FILE *f, const am_instance *inst, const am_group *g)
{
    const am_county *c = am_instance_county(inst, g->county);
    const am_province *p = am_instance_province(inst, c->province);
    fprintf(f, "%s %s (%s", c->id, c->name, p->name);
    if (c->priority > 1)
        fprintf(f, ", priority %d", c->priority);
    fprintf(f, "): %d members\n", g->n_members);
    for (int i = 0; i < g->n_members; i++) {
        const am_member *m = &g->members[i];
        const am_expert *e = am_instance_expert(inst, m->expert);
        fprintf(f, "    %-6s %-8s ", m->role == AM_ROLE_LEADER ? "leader" : "member",
                m->expert_id);
        print_padded(f, e->name, 10);
        fprintf(f, " %-9s score %3lld  %s\n", am_channel_name(m->channel), m->score,
                am_instance_org_name(inst, e->org));
    }
    if (g->n_shortfalls > 0)
        print_shortfalls(f, g);
}

/* Is (county c, expert e) among the instance's current memberships (sorted by county, then
 * expert)? */
static bool in_current(const am_instance *inst, int c, int e)
{
    int lo = 0, hi = am_instance_n_current(inst) - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        const am_current *m = am_instance_current(inst, mid);
        if (m->county == c && m->expert == e)
            return true;
        if (m->county < c || (m->county == c && m->expert < e))
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return false;
}

/* What a repair changed against the current memberships: dropped, added, groups touched. */
static void print_changes(FILE *f, const am_instance *inst, const am_result *res)
{
    int n = am_instance_n_current(inst), dropped = 0, added = 0, touched = 0;
    for (int c = 0; c < am_result_n_groups(res); c++) {
        const am_group *g = am_result_group(res, c);
        int before = dropped + added;
        for (int i = 0; i < g->n_members; i++)
            added += !in_current(inst, c, g->members[i].expert);
        for (int i = 0; i < n; i++) {
            const am_current *m = am_instance_current(inst, i);
            if (m->county != c)
                continue;
            bool kept = false;
            for (int j = 0; j < g->n_members && !kept; j++)
                kept = g->members[j].expert == m->expert;
            dropped += !kept;
        }
        touched += dropped + added > before;
    }
    fprintf(f, "changes against the %d current memberships: %d dropped, %d added, %d groups "
               "touched\n", n, dropped, added, touched);
}

void cli_print_summary(FILE *f, const am_instance *inst, const am_result *res)
{
    int by_channel[4] = {0}, by_rule[AM_N_RULES] = {0}, complete = 0, members = 0;
    for (int c = 0; c < am_result_n_groups(res); c++) {
        const am_group *g = am_result_group(res, c);
        print_group(f, inst, g);
        members += g->n_members;
        complete += g->n_shortfalls == 0;
        for (int i = 0; i < g->n_members; i++)
            by_channel[g->members[i].channel]++;
        for (int i = 0; i < g->n_shortfalls; i++)
            by_rule[g->shortfalls[i].rule]++;
    }
    int n = am_result_n_groups(res);
    fprintf(f, "\ntotals: %d counties, %d complete, %d with shortfalls; %d members (", n,
            complete, n - complete, members);
    for (int ch = 0; ch < 4; ch++)
        fprintf(f, "%s%s %d", ch ? ", " : "", am_channel_name((am_channel)ch), by_channel[ch]);
    fprintf(f, ")\n");
    if (complete < n) {
        fprintf(f, "shortfalls by rule:");
        for (int r = 0; r < AM_N_RULES; r++)
            if (by_rule[r])
                fprintf(f, " %s %d", am_rule_name((am_rule)r), by_rule[r]);
        fputc('\n', f);
    }
    if (am_instance_n_current(inst) > 0)
        print_changes(f, inst, res);
    fprintf(f, "objective %lld, status %s", am_result_objective(res),
            am_outcome_name(am_result_outcome(res)));
    if (am_result_has_bound(res))
        fprintf(f, ", bound %.0f, gap %.4f%%", am_result_bound(res), 100.0 * am_result_gap(res));
    fputc('\n', f);
}

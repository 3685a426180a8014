/* adapters/report/report_county.c: one county's section of the province preview: its industries
 * and stages (covered or not), a table of the members (role, channel, organisation, fields, what
 * each covers, from am_explain_member), the meeting dates of the schedule, and the shortfalls
 * with their causes (am_explain_shortfall). */
#include <stdio.h>
#include <string.h>

#include "report_impl.h"

static void county_head(am_sink *s, const am_instance *inst, const am_group *g, int c,
                        const bool *covered, unsigned stages_covered)
{
    const am_county *cy = am_instance_county(inst, c);
    am_sink_puts(s, "<article class=\"county\" id=\"c");
    rp_text(s, cy->id);
    am_sink_puts(s, "\">\n<h2>");
    rp_text(s, cy->name);
    am_sink_puts(s, " <span class=\"en\">");
    rp_text(s, cy->id);
    am_sink_puts(s, "</span> ");
    if (g->n_shortfalls == 0)
        am_sink_puts(s, "<span class=\"tag ok\">完整 complete</span>");
    else
        am_sink_printf(s, "<span class=\"tag bad\">%d 项短缺 shortfall%s</span>", g->n_shortfalls,
                       g->n_shortfalls == 1 ? "" : "s");
    am_sink_printf(s, "</h2>\n<p>%d 名成员 members. 产业 industries:", g->n_members);
    for (int i = 0; i < cy->n_industries; i++) {
        am_sink_printf(s, " <span class=\"tag %s\">", covered[i] ? "ok" : "bad");
        rp_text(s, am_instance_field_name(inst, cy->industries[i].field));
        am_sink_printf(s, " ×%d</span>", cy->industries[i].weight);
    }
    am_sink_puts(s, "; 环节 stages:");
    for (int st = 0; st < AM_N_STAGES; st++)
        if ((cy->stages >> st) & 1u)
            am_sink_printf(s, " <span class=\"tag %s\">%s %s</span>",
                           (stages_covered >> st) & 1u ? "ok" : "bad", rp_stage_zh((am_stage)st),
                           am_stage_name((am_stage)st));
    if (!cy->stages)
        am_sink_puts(s, " -");
    if (cy->priority > 1)
        am_sink_printf(s, "; 优先级 priority %d", cy->priority);
    if (cy->n_recommended > 0) {
        am_sink_puts(s, "; 县推荐本地专家 recommended local experts:");
        for (int i = 0; i < cy->n_recommended; i++) {
            am_sink_puts(s, i ? ", " : " ");
            rp_text(s, am_instance_expert(inst, cy->recommended[i])->id);
        }
    }
    am_sink_puts(s, ".</p>\n");
}

/* The expert's fields, the county's industries among them in bold. */
static void fields(am_sink *s, const am_instance *inst, const am_county *cy, const am_expert *x)
{
    am_sink_puts(s, "<span class=\"fields\">");
    for (int i = 0; i < x->n_fields; i++) {
        bool county = false;
        for (int k = 0; k < cy->n_industries && !county; k++)
            county = cy->industries[k].field == x->fields[i];
        am_sink_puts(s, i ? ", " : "");
        am_sink_puts(s, county ? "<b>" : "");
        rp_text(s, am_instance_field_name(inst, x->fields[i]));
        am_sink_puts(s, county ? "</b>" : "");
    }
    am_sink_puts(s, x->n_fields ? "</span>" : "-</span>");
}

/* What the member covers, in the engine's words (am_explain_member). */
static void covers(am_sink *s, const am_instance *inst, const am_county *cy, const am_expert *x,
                   const am_member_reason *r)
{
    int n = 0;
    for (int i = 0; i < cy->n_industries; i++) {
        bool cov = i < 64 ? (r->industries >> i) & 1u
                          : am_expert_has_field(x, cy->industries[i].field);
        if (!cov)
            continue;
        am_sink_puts(s, n++ ? ", " : "");
        rp_text(s, am_instance_field_name(inst, cy->industries[i].field));
    }
    for (int st = 0; st < AM_N_STAGES; st++)
        if ((r->stages >> st) & 1u)
            am_sink_printf(s, "%s%s", n++ ? ", " : "", rp_stage_zh((am_stage)st));
    if (r->channel == AM_CHANNEL_LOCAL)
        am_sink_printf(s, "%s本地代表 local member", n++ ? "; " : "");
    if (r->county_prefers)
        am_sink_puts(s, " <span class=\"tag\">县优先 county prefers</span>");
    if (r->expert_prefers)
        am_sink_puts(s, " <span class=\"tag\">专家意愿 expert prefers</span>");
    if (n == 0 && !r->county_prefers && !r->expert_prefers)
        am_sink_puts(s, "-");
}

static void members(am_sink *s, const am_instance *inst, const am_group *g, int c)
{
    const am_county *cy = am_instance_county(inst, c);
    if (g->n_members == 0) {
        am_sink_puts(s, "<p class=\"warn\">这个县没有成员。 The group has no member.</p>\n");
        return;
    }
    am_sink_puts(s, "<div class=\"scroll\"><table class=\"members stack\">\n<thead><tr>"
                    "<th>角色 role</th><th>专家 expert</th><th>级别 level</th><th>渠道 "
                    "channel</th><th>单位 organisation</th><th>领域 fields</th><th>覆盖 "
                    "covers</th><th class=\"n\">分 score</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < g->n_members; i++) {
        const am_member *m = &g->members[i];
        const am_expert *x = am_instance_expert(inst, m->expert);
        am_member_reason r;
        bool ok = am_explain_member(inst, c, m->expert, &r);
        am_sink_printf(s, "<tr><td data-label=\"角色 role\">%s%s %s%s</td>"
                          "<td data-label=\"专家 expert\">",
                       m->role == AM_ROLE_LEADER ? "<b>" : "", rp_role_zh(m->role),
                       am_role_name(m->role), m->role == AM_ROLE_LEADER ? "</b>" : "");
        rp_text(s, x->name);
        am_sink_puts(s, " <span class=\"muted\">");
        rp_text(s, x->id);
        am_sink_printf(s, "</span></td><td data-label=\"级别 level\">%s %s</td>"
                          "<td data-label=\"渠道 channel\"><i class=\"sw ch-%s\"></i>"
                          "%s %s</td><td data-label=\"单位 organisation\">",
                       rp_level_zh(x->level), am_level_name(x->level), am_channel_name(m->channel),
                       rp_channel_zh(m->channel), am_channel_name(m->channel));
        rp_text(s, am_instance_org_name(inst, x->org));
        am_sink_puts(s, "</td><td data-label=\"领域 fields\">");
        fields(s, inst, cy, x);
        am_sink_puts(s, "</td><td data-label=\"覆盖 covers\">");
        if (ok)
            covers(s, inst, cy, x, &r);
        else
            am_sink_puts(s, "<span class=\"tag bad\">不是候选 not a candidate of this county"
                            "</span>");
        am_sink_printf(s, "</td><td class=\"n\" data-label=\"分 score\">%lld</td></tr>\n",
                       m->score);
    }
    am_sink_puts(s, "</tbody>\n</table></div>\n");
}

static int first_meeting(const am_schedule *sched, int c)
{
    int lo = 0, hi = am_schedule_n_meetings(sched);
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (am_schedule_meeting(sched, mid)->county < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void meetings(am_sink *s, const am_instance *inst, const am_schedule *sched, int c)
{
    static const char *const half_zh[AM_N_HALVES] = {"H1 工作计划会 work plan",
                                                     "H2 总结会 summary"};
    am_sink_puts(s, "<h3>");
    rp_label(s, "会议", "Meetings");
    am_sink_puts(s, "</h3>\n");
    int i0 = first_meeting(sched, c), n = 0;
    for (int i = 0; i < am_schedule_n_unscheduled(sched); i++)
        n += am_schedule_unscheduled(sched, i)->county == c;
    for (int i = i0; i < am_schedule_n_meetings(sched); i++)
        n += am_schedule_meeting(sched, i)->county == c;
    if (n == 0) {
        am_sink_puts(s, "<p class=\"muted\">日程中没有这个组的会议。 The schedule has no meeting "
                        "for this group.</p>\n");
        return;
    }
    am_sink_puts(s, "<div class=\"scroll\"><table class=\"meetings stack\">\n<thead><tr><th>"
                    "半年 half</th><th>日期 date</th><th>方式 mode</th><th class=\"n\">出席 "
                    "attending</th><th>缺席 absent</th></tr></thead>\n<tbody>\n");
    for (int i = i0; i < am_schedule_n_meetings(sched); i++) {
        const am_sched_meeting *m = am_schedule_meeting(sched, i);
        if (m->county != c)
            break;
        static const char *const wd[7] = {"一", "二", "三", "四", "五", "六", "日"};
        char date[11];
        am_sink_printf(s, "<tr><td data-label=\"半年 half\">%s</td><td data-label=\"日期 date\">"
                          "<b>%s</b> 周%s%s</td><td data-label=\"方式 mode\">%s</td>"
                          "<td class=\"n\" data-label=\"出席 attending\">%d/%d</td>"
                          "<td data-label=\"缺席 absent\">",
                       m->half >= 0 && m->half < AM_N_HALVES ? half_zh[m->half] : "?",
                       am_date_format(m->date, date), wd[am_date_weekday(m->date)],
                       m->fixed ? " <span class=\"tag\">已定 fixed</span>" : "",
                       m->mode == AM_MODE_ONSITE ? "现场 on site" : "视频 video", m->n_attending,
                       m->n_attending + m->n_absent);
        for (int k = 0; k < m->n_absent; k++) {
            const am_expert *x = am_instance_expert(inst, m->absent[k]);
            am_sink_puts(s, k ? "<br>" : "");
            rp_textf(s, "%s %s: %s", x->name, x->id, m->absent_reason[k]);
        }
        am_sink_puts(s, m->n_absent ? "</td></tr>\n" : "-</td></tr>\n");
    }
    for (int i = 0; i < am_schedule_n_unscheduled(sched); i++) {
        const am_sched_unscheduled *u = am_schedule_unscheduled(sched, i);
        if (u->county != c)
            continue;
        am_sink_printf(s, "<tr class=\"empty\"><td data-label=\"半年 half\">%s</td>"
                          "<td colspan=\"4\" data-label=\"未安排 not scheduled\"><span class=\"tag "
                          "bad\">未安排 %d not scheduled</span> ",
                       u->half >= 0 && u->half < AM_N_HALVES ? half_zh[u->half] : "?",
                       u->missing);
        rp_text(s, u->reason);
        am_sink_puts(s, "</td></tr>\n");
    }
    am_sink_puts(s, "</tbody>\n</table></div>\n");
}

/* What a shortfall says, before its cause. */
static void shortfall_what(am_sink *s, const am_policy *pol, const am_shortfall *sf)
{
    am_sink_printf(s, "<span class=\"tag bad\">%s %s</span> ", rp_rule_zh(sf->rule),
                   am_rule_name(sf->rule));
    switch (sf->rule) {
    case AM_RULE_SIZE:
        am_sink_printf(s, "缺 %d 人: %d member%s below the minimum of %d", sf->missing,
                       sf->missing, sf->missing == 1 ? "" : "s", pol->size_min);
        break;
    case AM_RULE_LEADER:
        am_sink_puts(s, "没有组长: no national-level leader");
        break;
    case AM_RULE_LOCAL:
        am_sink_printf(s, "本地成员缺 %d 人: %d local member%s missing (minimum %d)",
                       sf->missing, sf->missing, sf->missing == 1 ? "" : "s", pol->local_min);
        break;
    case AM_RULE_PAIRING:
        am_sink_printf(s, "协作省成员缺 %d 人: %d member%s from the partner province missing "
                          "(minimum %d)",
                       sf->missing, sf->missing, sf->missing == 1 ? "" : "s", pol->pairing_min);
        break;
    case AM_RULE_INDUSTRY:
        rp_textf(s, "产业 %s 无人覆盖: no member has the field %s", sf->detail, sf->detail);
        break;
    case AM_RULE_STAGE: {
        int st = am_stage_parse(sf->detail);
        rp_textf(s, "环节 %s 无人覆盖: no member covers the stage %s",
                 st >= 0 ? rp_stage_zh((am_stage)st) : sf->detail, sf->detail);
        break;
    }
    default:
        rp_textf(s, "%d missing %s", sf->missing, sf->detail);
    }
}

/* The fixes found for shortfall i of county c, as a nested list. */
static void fixes(am_sink *s, const rp_fixes *fx, int c, int i)
{
    int shown = 0;
    for (int k = 0; fx && k < fx->n; k++) {
        const am_report_fix *f = &fx->v[k];
        if (f->county != c || f->shortfall != i)
            continue;
        if (shown++ == 0) {
            am_sink_puts(s, "<div class=\"fixes\">");
            rp_label(s, "可行的放宽（重新求解）", "what would help (solved again)");
            am_sink_puts(s, "<ul>\n");
        }
        am_sink_puts(s, "<li>");
        rp_text(s, f->what);
        rp_textf(s, ": %s, %s %+lld", f->removes ? "消除短缺 removes it" : "仍短缺 does not remove it",
                 "目标变化 objective", f->delta);
        am_sink_puts(s, "</li>\n");
    }
    if (shown)
        am_sink_puts(s, "</ul></div>\n");
}

static am_status shortfalls(am_sink *s, const am_instance *inst, const am_result *res,
                            const am_group *g, int c, const rp_fixes *fx, am_error *err)
{
    if (g->n_shortfalls == 0)
        return AM_OK;
    am_sink_puts(s, "<h3>");
    rp_label(s, "短缺及原因", "Shortfalls and their causes");
    am_sink_puts(s, "</h3>\n<ul class=\"shortfalls\">\n");
    for (int i = 0; i < g->n_shortfalls; i++) {
        char cause[1024];
        am_status st = am_explain_shortfall(inst, res, c, &g->shortfalls[i], cause, sizeof cause,
                                            err);
        if (st != AM_OK)
            return st;
        am_sink_puts(s, "<li>");
        shortfall_what(s, am_instance_policy(inst), &g->shortfalls[i]);
        am_sink_puts(s, "<span class=\"cause\">原因 cause: ");
        rp_text(s, cause);
        am_sink_puts(s, "</span>");
        fixes(s, fx, c, i);
        am_sink_puts(s, "</li>\n");
    }
    am_sink_puts(s, "</ul>\n");
    return AM_OK;
}

am_status rp_county_section(const am_instance *inst, const am_result *res,
                            const am_schedule *sched, int c, const rp_fixes *fx, am_sink *s,
                            am_error *err)
{
    const am_county *cy = am_instance_county(inst, c);
    const am_group *g = am_result_group(res, c);
    am_arena *a = am_arena_new();
    bool *covered = a ? AM_ARENA_ARRAY(a, bool, cy->n_industries + 1) : NULL;
    if (!covered) {
        am_arena_free(a);
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory writing the report");
    }
    rp_county k;
    rp_county_tally(inst, res, c, &k, covered);
    county_head(s, inst, g, c, covered, k.stages_covered);
    am_arena_free(a);
    members(s, inst, g, c);
    if (sched)
        meetings(s, inst, sched, c);
    am_status st = shortfalls(s, inst, res, g, c, fx, err);
    am_sink_puts(s, "</article>\n");
    return st;
}

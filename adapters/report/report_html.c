/* adapters/report/report_html.c: am_report_html (checks that the inputs belong together, then
 * the province preview or the national overview), HTML escaping, bilingual names, the page
 * frame and the bars shared by both pages. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report_impl.h"

void rp_text(am_sink *s, const char *str)
{
    const char *run = str;
    for (const char *p = str; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            if ((unsigned char)*p < 0x20 || *p == 0x7F)
                rep = " ";
        }
        if (!rep)
            continue;
        am_sink_put(s, run, (size_t)(p - run));
        am_sink_puts(s, rep);
        run = p + 1;
    }
    am_sink_puts(s, run);
}

void rp_textf(am_sink *s, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf) { /* cut at a character boundary */
        size_t k = sizeof buf - 1;
        while (k > 0 && ((unsigned char)buf[k] & 0xC0) == 0x80)
            k--;
        buf[k] = '\0';
    }
    rp_text(s, buf);
}

void rp_pct(am_sink *s, long part, long whole)
{
    long tenths = whole > 0 ? (1000 * part + whole / 2) / whole : 0;
    tenths = tenths < 0 ? 0 : tenths > 1000 ? 1000 : tenths;
    am_sink_printf(s, "%ld.%ld%%", tenths / 10, tenths % 10);
}

void rp_label(am_sink *s, const char *zh, const char *en)
{
    am_sink_printf(s, "<span class=\"zh\">%s</span> <span class=\"en\">%s</span>", zh, en);
}

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define NAME_OF(names, v) ((int)(v) >= 0 && (int)(v) < N_OF(names) ? names[(int)(v)] : "?")

const char *rp_channel_zh(am_channel c)
{
    static const char *const n[] = {"本地", "协作省", "本省", "国家级"};
    return NAME_OF(n, c);
}
const char *rp_role_zh(am_role r)
{
    static const char *const n[] = {"成员", "组长"};
    return NAME_OF(n, r);
}
const char *rp_rule_zh(am_rule r)
{
    static const char *const n[] = {"人数", "组长", "本地成员", "协作省成员", "产业覆盖",
                                    "产业链环节"};
    return NAME_OF(n, r);
}
const char *rp_stage_zh(am_stage st)
{
    static const char *const n[] = {"生产", "加工", "保鲜", "储运", "品牌"};
    return NAME_OF(n, st);
}
const char *rp_level_zh(am_level l)
{
    static const char *const n[] = {"国家级", "省级", "地方"};
    return NAME_OF(n, l);
}
const char *rp_region_zh(am_region r)
{
    static const char *const n[] = {"东部", "中部", "西部", "东北"};
    return NAME_OF(n, r);
}

void rp_page_begin(am_sink *s, const char *title)
{
    am_sink_puts(s, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"advmatch report\">\n<title>");
    rp_text(s, title);
    am_sink_puts(s, "</title>\n<style>\n");
    am_sink_puts(s, rp_css);
    am_sink_puts(s, "</style>\n</head>\n<body>\n<main>\n");
}

void rp_page_end(am_sink *s)
{
    am_sink_puts(s, "<footer><p>advmatch report: made from the instance, the result and the "
                    "schedule files alone; the same files give the same page. Causes of "
                    "shortfalls follow docs/formulation.md.</p></footer>\n</main>\n</body>\n"
                    "</html>\n");
}

void rp_meta(am_sink *s, const am_instance *inst, const am_result *res, const am_schedule *sched)
{
    static const char *const outcome_zh[] = {"已证明最优", "在容差内可行", "达到时间上限",
                                             "被中断"};
    const am_policy *pol = am_instance_policy(inst);
    am_outcome o = am_result_outcome(res);
    am_sink_printf(s, "<p class=\"meta\">%s: %s <b>%s</b>, objective %lld", "结果 result",
                   NAME_OF(outcome_zh, o), am_outcome_name(o), am_result_objective(res));
    if (am_result_has_bound(res))
        am_sink_printf(s, ", bound %.0f, gap %.4f%%", am_result_bound(res),
                       100.0 * am_result_gap(res));
    am_sink_printf(s, ".<br>规则 policy: 每组 %d–%d 人（目标 %d） group size %d–%d (target %d); "
                      "本地 local %d–%d; 协作省 paired %d–%d; 同一单位至多 at most %d per "
                      "organisation.",
                   pol->size_min, pol->size_max, pol->size_target, pol->size_min, pol->size_max,
                   pol->size_target, pol->local_min, pol->local_max, pol->pairing_min,
                   pol->pairing_max, pol->max_same_org);
    if (sched) {
        const am_calendar *cal = am_instance_calendar(inst);
        am_sink_printf(s, "<br>会议 meetings %d: 每半年 %d 次 %d per half; H1 工作计划会 work "
                          "plan, H2 总结会 summary.",
                       cal->present ? cal->year : 0, cal->present ? cal->meetings_per_half : 1,
                       cal->present ? cal->meetings_per_half : 1);
    }
    am_sink_puts(s, "</p>\n");
    if (o != AM_OUTCOME_OPTIMAL)
        am_sink_puts(s, "<p class=\"warn\">搜索提前结束，可能存在更好的分组。 The search stopped "
                        "before proving these groups optimal: better groups may exist.</p>\n");
}

void rp_channel_segments(am_sink *s, const char *label, const int by_channel[RP_N_CHANNELS],
                         int scale)
{
    am_sink_printf(s, "<span class=\"bw\"><span class=\"bar\" role=\"img\" aria-label=\"%s:",
                   label);
    for (int ch = 0; ch < RP_N_CHANNELS; ch++)
        am_sink_printf(s, "%s %d %s", ch ? "," : "", by_channel[ch],
                       am_channel_name((am_channel)ch));
    am_sink_puts(s, "\">");
    for (int ch = 0; ch < RP_N_CHANNELS; ch++) {
        if (!by_channel[ch])
            continue;
        am_sink_printf(s, "<span class=\"seg ch-%s\" style=\"width:",
                       am_channel_name((am_channel)ch));
        rp_pct(s, by_channel[ch], scale);
        am_sink_puts(s, "\"></span>");
    }
}

void rp_size_bar(am_sink *s, const am_policy *pol, const int by_channel[RP_N_CHANNELS], int scale)
{
    int n = 0;
    for (int ch = 0; ch < RP_N_CHANNELS; ch++)
        n += by_channel[ch];
    char label[32];
    snprintf(label, sizeof label, "%d members", n);
    rp_channel_segments(s, label, by_channel, scale);
    am_sink_puts(s, "<span class=\"mark\" style=\"left:");
    rp_pct(s, pol->size_min, scale);
    am_sink_puts(s, "\"></span><span class=\"mark target\" style=\"left:");
    rp_pct(s, pol->size_target, scale);
    am_sink_printf(s, "\"></span></span><span class=\"num\">%d</span></span>", n);
}

void rp_ratio_bar(am_sink *s, int part, int whole)
{
    if (whole <= 0) {
        am_sink_puts(s, "<span class=\"num\">-</span>");
        return;
    }
    am_sink_printf(s, "<span class=\"bw\"><span class=\"ratio%s\"><span style=\"width:",
                   part < whole ? " short" : "");
    rp_pct(s, part, whole);
    am_sink_printf(s, "\"></span></span><span class=\"num\">%d/%d</span></span>", part, whole);
}

void rp_channel_legend(am_sink *s, bool size_marks)
{
    am_sink_puts(s, "<p class=\"legend\">");
    for (int ch = 0; ch < RP_N_CHANNELS; ch++)
        am_sink_printf(s, "<span><i class=\"ch-%s\"></i>%s %s</span> ",
                       am_channel_name((am_channel)ch), rp_channel_zh((am_channel)ch),
                       am_channel_name((am_channel)ch));
    if (size_marks)
        am_sink_puts(s, "<span><i class=\"mk\"></i>最少 / 目标人数 minimum / target size</span>");
    am_sink_puts(s, "</p>\n");
}

/* ---- checks: the three inputs belong together ---- */

static am_status check_result(const am_instance *inst, const am_result *res, am_error *err)
{
    if (am_result_n_groups(res) != am_instance_n_counties(inst))
        return am_error_set(err, AM_EINPUT, NULL, NULL,
                            "the result has %d groups and the instance %d counties: it was not "
                            "made from this instance", am_result_n_groups(res),
                            am_instance_n_counties(inst));
    for (int c = 0; c < am_result_n_groups(res); c++) {
        const am_group *g = am_result_group(res, c);
        for (int i = 0; i < g->n_members; i++)
            if (g->members[i].expert < 0 || g->members[i].expert >= am_instance_n_experts(inst))
                return am_error_set(err, AM_EINPUT, NULL, NULL,
                                    "the group of county \"%s\" lists expert \"%s\", who is not "
                                    "an expert of the instance", g->county_id,
                                    g->members[i].expert_id);
    }
    return AM_OK;
}

static bool is_member(const am_group *g, int e)
{
    for (int i = 0; i < g->n_members; i++)
        if (g->members[i].expert == e)
            return true;
    return false;
}

static am_status check_schedule(const am_instance *inst, const am_result *res,
                                const am_schedule *sched, am_error *err)
{
    if (am_schedule_instance(sched) != inst)
        return am_error_set(err, AM_EINPUT, NULL, NULL,
                            "the schedule was read against another instance");
    for (int i = 0; i < am_schedule_n_meetings(sched); i++) {
        const am_sched_meeting *m = am_schedule_meeting(sched, i);
        if (m->county < 0 || m->county >= am_result_n_groups(res))
            return am_error_set(err, AM_EINPUT, NULL, NULL,
                                "the schedule has a meeting of a county that is not in the "
                                "instance");
        const am_group *g = am_result_group(res, m->county);
        for (int k = 0; k < m->n_attending + m->n_absent; k++) {
            int e = k < m->n_attending ? m->attending[k] : m->absent[k - m->n_attending];
            if (is_member(g, e))
                continue;
            char date[11];
            return am_error_set(err, AM_EINPUT, NULL, NULL,
                                "the schedule's meeting of county \"%s\" on %s lists expert "
                                "\"%s\", who is not a member of its group in the result: the "
                                "schedule was made for other groups",
                                g->county_id, am_date_format(m->date, date),
                                am_instance_expert(inst, e)->id);
        }
    }
    return AM_OK;
}

static am_status unknown_province(const am_instance *inst, const char *province, am_error *err)
{
    char list[160];
    size_t len = 0;
    list[0] = '\0';
    int n = am_instance_n_provinces(inst);
    for (int p = 0; p < n; p++) {
        const char *code = am_instance_province(inst, p)->code;
        if (len + strlen(code) + 8 >= sizeof list) {
            snprintf(list + len, sizeof list - len, ", ...");
            break;
        }
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", p ? ", " : "", code);
    }
    return am_error_set(err, AM_EINPUT, NULL, NULL,
                        "province \"%.16s\" is not in the instance; its provinces are %s",
                        province, n ? list : "none");
}

am_status am_report_html(const am_instance *inst, const am_result *res, const am_schedule *sched,
                         const char *province, am_sink *out, am_error *err)
{
    return am_report_html_fixes(inst, res, sched, province, NULL, 0, out, err);
}

am_status am_report_html_fixes(const am_instance *inst, const am_result *res,
                               const am_schedule *sched, const char *province,
                               const am_report_fix *fixes, int n_fixes, am_sink *out,
                               am_error *err)
{
    rp_fixes fx = {fixes, n_fixes};
    int p = -1;
    if (province) {
        p = am_instance_find_province(inst, province);
        if (p < 0)
            return unknown_province(inst, province, err);
    }
    am_status st = check_result(inst, res, err);
    if (st == AM_OK && sched)
        st = check_schedule(inst, res, sched, err);
    if (st == AM_OK)
        st = p >= 0 ? rp_province(inst, res, sched, p, &fx, out, err)
                    : rp_national(inst, res, sched, out, err);
    if (st == AM_OK && am_sink_status(out) != AM_OK)
        st = am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory writing the report");
    return st;
}

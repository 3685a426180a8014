/* adapters/xlsx/xlsx_sheets.c: the contents of the ledger's three sheets (docs/xlsx.md): one
 * row per membership, one per shortfall with its cause (am_explain), one per meeting. Enumerated
 * values are written "中文 english", the English word being the name the JSON formats use. */
#include <stdint.h>
#include <string.h>

#include "advmatch/am_explain.h"
#include "xlsx_impl.h"

bool xlsx_county_in(const xlsx_ctx *x, int c)
{
    if (!x->province)
        return true;
    const am_county *cy = am_instance_county(x->inst, c);
    return cy->province >= 0 &&
           strcmp(am_instance_province(x->inst, cy->province)->code, x->province) == 0;
}

/* "中文 english" into the context's scratch buffer. */
static const char *label(xlsx_ctx *x, const char *zh, const char *en)
{
    xb_clear(&x->text);
    xb_printf(&x->text, "%s %s", zh, en);
    return xb_str(&x->text);
}

static const char *role_zh(am_role r) { return r == AM_ROLE_LEADER ? "组长" : "成员"; }

static const char *level_zh(am_level l)
{
    switch (l) {
    case AM_LEVEL_NATIONAL: return "国家级";
    case AM_LEVEL_PROVINCIAL: return "省级";
    case AM_LEVEL_LOCAL: return "本地";
    }
    return "";
}

static const char *channel_zh(am_channel c)
{
    switch (c) {
    case AM_CHANNEL_LOCAL: return "本县";
    case AM_CHANNEL_PAIRED: return "结对";
    case AM_CHANNEL_PROVINCE: return "本省";
    case AM_CHANNEL_NATIONAL: return "全国";
    }
    return "";
}

static const char *rule_zh(am_rule r)
{
    switch (r) {
    case AM_RULE_SIZE: return "人数";
    case AM_RULE_LEADER: return "组长";
    case AM_RULE_LOCAL: return "本地成员";
    case AM_RULE_PAIRING: return "结对成员";
    case AM_RULE_INDUSTRY: return "产业";
    case AM_RULE_STAGE: return "环节";
    case AM_N_RULES: break;
    }
    return "";
}

/* ---- 专家组 groups: one row per membership ---- */

enum {
    G_PROV_CODE, G_PROV_NAME, G_COUNTY, G_COUNTY_NAME, G_ROLE, G_EXPERT, G_NAME, G_LEVEL, G_ORG,
    G_EXPERT_PROV, G_CHANNEL, G_FIELDS, G_INDUSTRIES, G_SCORE, G_N
};

static const char *const group_headers[G_N] = {
    "省份代码 province", "省份 province name", "县代码 county", "县 county name",
    "角色 role", "专家编号 expert", "姓名 name", "级别 level", "单位 organisation",
    "专家省份 expert province", "渠道 channel", "领域 fields", "覆盖产业 industries covered",
    "得分 score",
};

static void member_row(xsheet *s, const am_county *cy, int c, const am_member *m)
{
    xlsx_ctx *x = s->x;
    const am_instance *inst = x->inst;
    const am_province *pv = am_instance_province(inst, cy->province);
    const am_expert *e = am_instance_expert(inst, m->expert);
    xs_row(s);
    xs_text(s, G_PROV_CODE, pv->code);
    xs_text(s, G_PROV_NAME, pv->name);
    xs_text(s, G_COUNTY, cy->id);
    xs_text(s, G_COUNTY_NAME, cy->name);
    xs_text(s, G_ROLE, label(x, role_zh(m->role), am_role_name(m->role)));
    xs_text(s, G_EXPERT, e->id);
    xs_text(s, G_NAME, e->name);
    xs_text(s, G_LEVEL, label(x, level_zh(e->level), am_level_name(e->level)));
    xs_text(s, G_ORG, am_instance_org_name(inst, e->org));
    xs_text(s, G_EXPERT_PROV, e->province >= 0 ? am_instance_province(inst, e->province)->name : "");
    xs_text(s, G_CHANNEL, label(x, channel_zh(m->channel), am_channel_name(m->channel)));

    xb_clear(&x->text);
    for (int i = 0; i < e->n_fields; i++)
        xb_printf(&x->text, "%s%s", i ? ", " : "", am_instance_field_name(inst, e->fields[i]));
    xs_text(s, G_FIELDS, xb_str(&x->text));

    /* what the pair covers of the county's industries; nothing when the result breaks the
     * candidate rule (am_check reports that, the ledger just shows the membership) */
    am_member_reason why;
    xb_clear(&x->text);
    if (am_explain_member(inst, c, m->expert, &why)) {
        int k = 0;
        for (int i = 0; i < cy->n_industries && i < 64; i++)
            if (why.industries & ((uint64_t)1 << i))
                xb_printf(&x->text, "%s%s", k++ ? ", " : "",
                          am_instance_field_name(inst, cy->industries[i].field));
    }
    xs_text(s, G_INDUSTRIES, xb_str(&x->text));
    xs_int(s, G_SCORE, m->score);
}

void xlsx_sheet_groups(xlsx_ctx *x)
{
    xsheet s;
    xs_open(&s, x, "专家组 groups", group_headers, G_N);
    for (int c = 0; c < am_result_n_groups(x->res); c++) {
        if (!xlsx_county_in(x, c))
            continue;
        const am_group *g = am_result_group(x->res, c);
        const am_county *cy = am_instance_county(x->inst, g->county);
        for (int i = 0; i < g->n_members; i++)
            member_row(&s, cy, g->county, &g->members[i]);
    }
    xs_close(&s);
}

/* ---- 缺口 shortfalls: one row per shortfall, with its cause ---- */

enum { S_COUNTY, S_COUNTY_NAME, S_RULE, S_MISSING, S_DETAIL, S_CAUSE, S_N };

static const char *const shortfall_headers[S_N] = {
    "县代码 county", "县 county name", "规则 rule", "缺少 missing", "说明 detail", "原因 cause",
};

void xlsx_sheet_shortfalls(xlsx_ctx *x)
{
    xsheet s;
    xs_open(&s, x, "缺口 shortfalls", shortfall_headers, S_N);
    char cause[1024];
    for (int c = 0; c < am_result_n_groups(x->res) && x->st == AM_OK; c++) {
        if (!xlsx_county_in(x, c))
            continue;
        const am_group *g = am_result_group(x->res, c);
        const am_county *cy = am_instance_county(x->inst, g->county);
        for (int i = 0; i < g->n_shortfalls && x->st == AM_OK; i++) {
            const am_shortfall *sf = &g->shortfalls[i];
            x->st = am_explain_shortfall(x->inst, x->res, g->county, sf, cause, sizeof cause,
                                         x->err);
            if (x->st != AM_OK)
                break;
            xs_row(&s);
            xs_text(&s, S_COUNTY, cy->id);
            xs_text(&s, S_COUNTY_NAME, cy->name);
            xs_text(&s, S_RULE, label(x, rule_zh(sf->rule), am_rule_name(sf->rule)));
            xs_int(&s, S_MISSING, sf->missing);
            xs_text(&s, S_DETAIL, sf->detail);
            xs_text(&s, S_CAUSE, cause);
        }
    }
    xs_close(&s);
}

/* ---- 会议 meetings: one row per meeting ---- */

enum { M_COUNTY, M_COUNTY_NAME, M_HALF, M_DATE, M_MODE, M_FIXED, M_ATTENDING, M_ABSENT, M_N };

static const char *const meeting_headers[M_N] = {
    "县代码 county", "县 county name", "半年 half", "日期 date", "方式 mode", "固定 fixed",
    "出席 attending", "缺席 absent",
};

void xlsx_sheet_meetings(xlsx_ctx *x)
{
    xsheet s;
    xs_open(&s, x, "会议 meetings", meeting_headers, M_N);
    int n = x->sched ? am_schedule_n_meetings(x->sched) : 0;
    for (int i = 0; i < n; i++) {
        const am_sched_meeting *m = am_schedule_meeting(x->sched, i);
        if (!xlsx_county_in(x, m->county))
            continue;
        const am_county *cy = am_instance_county(x->inst, m->county);
        xs_row(&s);
        xs_text(&s, M_COUNTY, cy->id);
        xs_text(&s, M_COUNTY_NAME, cy->name);
        xs_text(&s, M_HALF, m->half == 0 ? "H1" : "H2");
        xs_date(&s, M_DATE, m->date);
        xs_text(&s, M_MODE, label(x, m->mode == AM_MODE_ONSITE ? "现场" : "视频",
                                  am_mode_name(m->mode)));
        xs_text(&s, M_FIXED, m->fixed ? "是 yes" : "否 no");
        xb_clear(&x->text);
        for (int k = 0; k < m->n_attending; k++)
            xb_printf(&x->text, "%s%s", k ? ", " : "",
                      am_instance_expert(x->inst, m->attending[k])->id);
        xs_text(&s, M_ATTENDING, xb_str(&x->text));
        xb_clear(&x->text);
        for (int k = 0; k < m->n_absent; k++)
            xb_printf(&x->text, "%s%s: %s", k ? "; " : "",
                      am_instance_expert(x->inst, m->absent[k])->id,
                      m->absent_reason[k] ? m->absent_reason[k] : "");
        xs_text(&s, M_ABSENT, xb_str(&x->text));
    }
    xs_close(&s);
}

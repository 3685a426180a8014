/* adapters/gen/gen_names.c: the name and organisation tables of gen_names.h. Surname weights
 * follow the rough frequency of the common surnames (per mille); all strings are UTF-8. */
#include "gen_names.h"

#include <stdio.h>
#include <string.h>

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏",
    "苏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹",
    "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
    "万", "覃", "武", "向", "欧阳"};
static const unsigned char surname_w[] = {
    72, 72, 68, 55, 46, 32, 24, 20, 20, 19, 15, 15, 13, 13, 12, 12, 11, 10, 10, 10, 9, 9, 8,
    7,  7,  7,  7,  7,  7,  6,  6,  6,  6,  5,  5,  5,  5,  5,  5,  5,  5,  5,  4,  4,  4, 4,
    4,  4,  4,  4,  4,  4,  4,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3,  3, 3,
    3,  3,  3,  3,  3,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2, 2,
    2,  2,  1};
_Static_assert(sizeof surnames / sizeof surnames[0] == sizeof surname_w, "surname weights");

/* Given-name characters, each 3 bytes in UTF-8. */
static const char given[] =
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂建华文辉力永健世广志义兴良海山仁波宁贵"
    "福生龙元全国胜学祥才发武新利清飞彬富顺信子昌成康星光天达安岩中茂进林有坚和博诚先敬震"
    "振会思群豪心邦承乐绍功松善厚庆民友裕河哲江浩亮政谦奇之翰朗伯宏言若鸣朋斌梁栋维启克伦"
    "翔旭鹏泽晨辰士以家致树德行时泰盛雄琛钧冠策腾楠榕航弘玉红梅琳婷雪慧佳丹萍燕晓";

void gen_person_name(gen_rng *r, char *buf, size_t size)
{
    int n_given = (int)(sizeof given - 1) / 3;
    const char *sur = surnames[gen_rng_weighted(r, surname_w, N_OF(surname_w))];
    int len = gen_rng_pct(r, 70) ? 2 : 1;
    char g[7] = {0};
    for (int i = 0; i < len; i++)
        memcpy(g + 3 * i, given + 3 * gen_rng_below(r, n_given), 3);
    snprintf(buf, size, "%s%s", sur, g);
}

typedef struct org_at {
    const char *code, *name;
} org_at;

static const org_at national_orgs[] = {
    {"11", "中国农业科学院"},
    {"11", "中国农业大学"},
    {"11", "中国林业科学研究院"},
    {"11", "中国科学院植物研究所"},
    {"11", "中国科学院微生物研究所"},
    {"11", "中国农业科学院农产品加工研究所"},
    {"11", "中国农业科学院蔬菜花卉研究所"},
    {"11", "中国农业科学院北京畜牧兽医研究所"},
    {"11", "中国水产科学研究院"},
    {"11", "北京林业大学"},
    {"11", "农业农村部规划设计研究院"},
    {"11", "全国农业技术推广服务中心"},
    {"11", "中国园艺学会"},
    {"11", "中国畜牧兽医学会"},
    {"11", "中国食用菌协会"},
    {"11", "中国中药协会"},
    {"12", "南开大学"},
    {"31", "上海交通大学"},
    {"32", "南京农业大学"},
    {"32", "江南大学"},
    {"33", "浙江大学"},
    {"33", "中国农业科学院茶叶研究所"},
    {"35", "福建农林大学"},
    {"37", "中国海洋大学"},
    {"44", "华南农业大学"},
};

int gen_has_national_org(const char *code)
{
    for (int i = 0; i < N_OF(national_orgs); i++)
        if (strcmp(national_orgs[i].code, code) == 0)
            return 1;
    return 0;
}

void gen_org_national(gen_rng *r, const char *code, char *buf, size_t size)
{
    if (!gen_has_national_org(code))
        code = "11";
    int n = 0;
    for (int i = 0; i < N_OF(national_orgs); i++)
        n += strcmp(national_orgs[i].code, code) == 0;
    int k = gen_rng_below(r, n);
    for (int i = 0; i < N_OF(national_orgs); i++) {
        if (strcmp(national_orgs[i].code, code) == 0 && k-- == 0) {
            snprintf(buf, size, "%s", national_orgs[i].name);
            return;
        }
    }
}

/* Each province's agricultural university (or the university with the farming faculty). */
static const org_at universities[] = {
    {"11", "北京农学院"},     {"12", "天津农学院"},     {"13", "河北农业大学"},
    {"14", "山西农业大学"},   {"15", "内蒙古农业大学"}, {"21", "沈阳农业大学"},
    {"22", "吉林农业大学"},   {"23", "东北农业大学"},   {"31", "上海市农业科学院"},
    {"32", "扬州大学"},       {"33", "浙江农林大学"},   {"34", "安徽农业大学"},
    {"35", "福建农林大学"},   {"36", "江西农业大学"},   {"37", "山东农业大学"},
    {"41", "河南农业大学"},   {"42", "华中农业大学"},   {"43", "湖南农业大学"},
    {"44", "华南农业大学"},   {"45", "广西大学"},       {"46", "海南大学"},
    {"50", "西南大学"},       {"51", "四川农业大学"},   {"52", "贵州大学"},
    {"53", "云南农业大学"},   {"54", "西藏农牧学院"},   {"61", "西北农林科技大学"},
    {"62", "甘肃农业大学"},   {"63", "青海大学"},       {"64", "宁夏大学"},
    {"65", "新疆农业大学"},
};

static const char *const institutes[] = {
    "茶叶研究所",     "园艺研究所",     "植物保护研究所", "畜牧兽医研究所",
    "土壤肥料研究所", "农产品加工研究所", "经济作物研究所", "生物技术研究所",
};

static const char *const prov_bodies[] = {
    "农业农村厅", "科学技术协会", "林业科学研究院", "农业技术推广总站", "畜牧总站", "乡村振兴局",
};

void gen_org_provincial(gen_rng *r, const char *code, const char *prov_name, char *buf,
                        size_t size)
{
    int x = gen_rng_below(r, 100);
    if (x < 30) {
        for (int i = 0; i < N_OF(universities); i++) {
            if (strcmp(universities[i].code, code) == 0) {
                snprintf(buf, size, "%s", universities[i].name);
                return;
            }
        }
    }
    if (x < 60)
        snprintf(buf, size, "%s农业科学院%s", prov_name,
                 institutes[gen_rng_below(r, N_OF(institutes))]);
    else if (x < 70)
        snprintf(buf, size, "%s农业科学院", prov_name);
    else
        snprintf(buf, size, "%s%s", prov_name, prov_bodies[gen_rng_below(r, N_OF(prov_bodies))]);
}

static const char *const county_bodies[] = {
    "农业农村局", "科学技术协会", "农业技术推广中心", "林业局", "畜牧兽医发展中心", "乡村振兴局",
};

void gen_org_local(gen_rng *r, const char *county_name, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s", county_name, county_bodies[gen_rng_below(r, N_OF(county_bodies))]);
}

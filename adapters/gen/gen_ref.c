/* adapters/gen/gen_ref.c: turns the embedded reference CSV files into the tables of gen_ref.h.
 * Codes are cut to their first two digits; partner lists are split on ';'. */
#include "gen_ref.h"

#include <string.h>

#include "gen_csv.h"

static void code2(char dst[3], const char *code)
{
    dst[0] = code[0];
    dst[1] = code[0] ? code[1] : '\0';
    dst[2] = '\0';
}

static am_region region_of(const char *s, const char *code)
{
    if (strcmp(s, "East") == 0)
        return AM_REGION_EAST;
    if (strcmp(s, "Central") == 0)
        return AM_REGION_CENTRAL;
    if (strcmp(s, "West") == 0)
        return AM_REGION_WEST;
    if (strcmp(s, "Northeast") == 0)
        return AM_REGION_NORTHEAST;
    /* the file leaves a few regions empty (Liaoning): fall back on the code */
    if (strcmp(code, "21") == 0 || strcmp(code, "22") == 0 || strcmp(code, "23") == 0)
        return AM_REGION_NORTHEAST;
    return code[0] >= '5' ? AM_REGION_WEST : AM_REGION_CENTRAL;
}

static void split_partners(gen_ref_province *p, const char *list)
{
    const char *s = list;
    while (*s && p->n_paired < GEN_MAX_PARTNERS) {
        while (*s == ';' || *s == ' ')
            s++;
        if (*s == '\0')
            break;
        if (s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9')
            code2(p->paired[p->n_paired++], s);
        while (*s && *s != ';')
            s++;
    }
}

static int load_provinces(am_arena *a, gen_ref *out)
{
    gen_csv c;
    if (gen_csv_parse(a, am_ref_provinces_csv, &c) != 0)
        return -1;
    int k_code = gen_csv_col(&c, "code"), k_name = gen_csv_col(&c, "name_zh"),
        k_region = gen_csv_col(&c, "region"), k_pair = gen_csv_col(&c, "paired_eastern_provinces");
    out->provinces = AM_ARENA_ARRAY(a, gen_ref_province, c.n_rows);
    if (!out->provinces)
        return -1;
    int n = 0;
    for (int i = 0; i < c.n_rows; i++) {
        const char *code = gen_csv_get(&c, i, k_code);
        if (strlen(code) < 2)
            continue;
        gen_ref_province *p = &out->provinces[n++];
        code2(p->code, code);
        p->name = gen_csv_get(&c, i, k_name);
        p->region = region_of(gen_csv_get(&c, i, k_region), p->code);
        split_partners(p, gen_csv_get(&c, i, k_pair));
    }
    out->n_provinces = n;
    return 0;
}

static int load_counties(am_arena *a, gen_ref *out)
{
    gen_csv c;
    if (gen_csv_parse(a, am_ref_counties_csv, &c) != 0)
        return -1;
    int k_code = gen_csv_col(&c, "code"), k_listed = gen_csv_col(&c, "name_listed"),
        k_2024 = gen_csv_col(&c, "name_2024"), k_key = gen_csv_col(&c, "key_support");
    out->counties = AM_ARENA_ARRAY(a, gen_ref_county, c.n_rows);
    if (!out->counties)
        return -1;
    int n = 0;
    for (int i = 0; i < c.n_rows; i++) {
        const char *code = gen_csv_get(&c, i, k_code);
        if (strlen(code) != 6)
            continue;
        gen_ref_county *cy = &out->counties[n++];
        cy->code = code;
        cy->name = gen_csv_get(&c, i, k_2024);
        if (cy->name[0] == '\0')
            cy->name = gen_csv_get(&c, i, k_listed);
        code2(cy->prov, code);
        cy->key_support = strcmp(gen_csv_get(&c, i, k_key), "1") == 0;
    }
    out->n_counties = n;
    return 0;
}

int gen_ref_load(am_arena *a, gen_ref *out)
{
    memset(out, 0, sizeof *out);
    if (load_provinces(a, out) != 0 || load_counties(a, out) != 0)
        return -1;
    return 0;
}

const gen_ref_province *gen_ref_province_find(const gen_ref *r, const char *code)
{
    for (int i = 0; i < r->n_provinces; i++)
        if (strcmp(r->provinces[i].code, code) == 0)
            return &r->provinces[i];
    return NULL;
}

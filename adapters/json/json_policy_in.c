/* adapters/json/json_policy_in.c: reads the `policy` object of an instance; every key is
 * optional and falls back to the documented default. Ranges are left to am_validate. */
#include <stdio.h>
#include <string.h>

#include "json_instance.h"

/* Read the integer members `keys` of obj[name] into `dst` (parallel arrays). */
static void read_ints(jr *r, const cJSON *obj, const char *name, const char *const *keys, int **dst)
{
    const cJSON *o = jr_get(obj, name, false);
    if (!o)
        return;
    if (!cJSON_IsObject(o)) {
        jr_error(r, name, "expected an object, found %s", jr_type_name(o));
        return;
    }
    char prefix[48];
    snprintf(prefix, sizeof prefix, "%s.", name);
    jr_keys(r, o, prefix, keys);
    for (int i = 0; keys[i]; i++) {
        char field[48];
        snprintf(field, sizeof field, "%s.%s", name, keys[i]);
        *dst[i] = jr_int(r, o, keys[i], field, false, *dst[i]);
    }
}

void json_read_policy(jr *r, const cJSON *root, am_policy *p)
{
    am_policy_init(p);
    const cJSON *pol = jr_get(root, "policy", false);
    if (!pol)
        return;
    snprintf(r->rec, sizeof r->rec, "policy");
    if (!cJSON_IsObject(pol)) {
        jr_error(r, NULL, "expected an object, found %s", jr_type_name(pol));
        return;
    }
    static const char *const top[] = {"group_size", "local_members", "pairing_members",
                                      "max_same_org", "objective", NULL};
    jr_keys(r, pol, "", top);

    static const char *const size_keys[] = {"min", "target", "max", NULL};
    read_ints(r, pol, "group_size", size_keys,
              (int *[]){&p->size_min, &p->size_target, &p->size_max});
    static const char *const range_keys[] = {"min", "max", NULL};
    read_ints(r, pol, "local_members", range_keys, (int *[]){&p->local_min, &p->local_max});
    read_ints(r, pol, "pairing_members", range_keys, (int *[]){&p->pairing_min, &p->pairing_max});
    p->max_same_org = jr_int(r, pol, "max_same_org", "max_same_org", false, p->max_same_org);

    const cJSON *obj = jr_get(pol, "objective", false);
    if (!obj)
        return;
    if (!cJSON_IsObject(obj)) {
        jr_error(r, "objective", "expected an object, found %s", jr_type_name(obj));
        return;
    }
    static const char *const obj_keys[] = {"penalty", "preference_bonus", NULL};
    jr_keys(r, obj, "objective.", obj_keys);
    static const char *const pen_keys[] = {"leader",   "size",  "local",       "pairing",
                                           "industry", "stage", "over_target", "change", NULL};
    const cJSON *pen = jr_get(obj, "penalty", false);
    if (pen && !cJSON_IsObject(pen)) {
        jr_error(r, "objective.penalty", "expected an object, found %s", jr_type_name(pen));
    } else if (pen) {
        jr_keys(r, pen, "objective.penalty.", pen_keys);
        int *dst[] = {&p->pen_leader,   &p->pen_size,  &p->pen_local,       &p->pen_pairing,
                      &p->pen_industry, &p->pen_stage, &p->pen_over_target, &p->pen_change};
        for (int i = 0; pen_keys[i]; i++) {
            char field[48];
            snprintf(field, sizeof field, "objective.penalty.%s", pen_keys[i]);
            *dst[i] = jr_int(r, pen, pen_keys[i], field, false, *dst[i]);
        }
    }
    p->preference_bonus = jr_int(r, obj, "preference_bonus", "objective.preference_bonus", false,
                                 p->preference_bonus);
}

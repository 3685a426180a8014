/* adapters/json/json_current_in.c: reads the optional `current[]` of an instance (the groups as
 * they stand: {county, expert, role, locked}) into the builder. Every entry is added, even a
 * broken one (with "" for a missing id), so that an entry's position in the builder is its
 * position in the file and freeze names it "current[i]" like the reader does. */
#include <stdio.h>

#include "json_instance.h"

am_status json_read_current(jr *r, const cJSON *root, am_instance *inst, am_error *err)
{
    const cJSON *a = jr_get(root, "current", false);
    snprintf(r->rec, sizeof r->rec, "current");
    if (a && !cJSON_IsArray(a)) {
        jr_error(r, NULL, "expected an array, found %s", jr_type_name(a));
        return r->st;
    }
    static const char *const known[] = {"county", "expert", "role", "locked", NULL};
    int i = 0;
    for (const cJSON *it = a ? a->child : NULL; it && r->st == AM_OK; it = it->next, i++) {
        snprintf(r->rec, sizeof r->rec, "current[%d]", i);
        const cJSON *o = it;
        if (!cJSON_IsObject(it)) {
            jr_error(r, NULL, "expected an object {\"county\", \"expert\", \"role\", \"locked\"}, "
                              "found %s", jr_type_name(it));
            o = NULL;
        }
        jr_keys(r, o, "", known);
        am_current_rec c = {
            .county = jr_string(r, o, "county", "county", true, ""),
            .expert = jr_string(r, o, "expert", "expert", true, ""),
            .role = (am_role)jr_name(r, o, "role", "role", true, am_role_parse, "leader or member",
                                     AM_ROLE_MEMBER),
            .locked = jr_bool(r, o, "locked", "locked", false),
        };
        am_status st = am_instance_add_current(inst, &c, err);
        if (st != AM_OK)
            return st;
    }
    return r->st;
}

/* tests/support/am_test.c: small helpers shared by the Check test binaries: paths under the
 * source tree, whole files, diagnostics as text, an instance from a string. The fixtures live
 * in amt_check_fixture.c and amt_world.c. */
#include "am_test.h"

#include "advmatch/am_json.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *amt_path(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", AM_SOURCE_DIR, rel);
    return buf;
}

char *amt_slurp(const char *rel, size_t *len)
{
    const char *path = amt_path(rel);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

char *amt_diags_text(const am_diags *d)
{
    size_t cap = 1024, n = 0;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    out[0] = '\0';
    for (int i = 0; i < am_diags_count(d); i++) {
        char line[512];
        am_diag_format(am_diags_get(d, i), line, sizeof line);
        size_t l = strlen(line);
        while (n + l + 2 > cap) {
            cap *= 2;
            out = realloc(out, cap);
            ck_assert_ptr_nonnull(out);
        }
        memcpy(out + n, line, l);
        n += l;
        out[n++] = '\n';
        out[n] = '\0';
    }
    return out;
}

am_instance *amt_read_instance(const char *json)
{
    am_diags *d = am_diags_new();
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(am_json_read_instance(json, strlen(json), &inst, d, &err), AM_OK);
    ck_assert_ptr_nonnull(inst);
    char *text = amt_diags_text(d);
    ck_assert_msg(am_diags_n_errors(d) == 0, "the instance has errors:\n%s", text);
    free(text);
    am_diags_free(d);
    return inst;
}

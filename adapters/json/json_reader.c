/* adapters/json/json_reader.c: bytes to a cJSON tree with positioned errors, and the typed
 * getters every reader uses to report wrong, missing and unknown values. */
#include <math.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json_reader.h"

/* Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or len if none. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else {
            return i;
        }
        if (i + n >= len)
            return i; /* truncated sequence */
        for (size_t k = 1; k <= n; k++) {
            unsigned b = s[i + k];
            if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF))
                return i;
        }
        i += n + 1;
    }
    return len;
}

/* 1-based line and column (in characters) of byte `off`. */
static void position(const char *data, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == '\n') {
            ++*line;
            *col = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++*col;
        }
    }
}

static void add(jr *r, am_diag_level lv, const char *field, const char *fmt, va_list ap)
{
    char msg[256];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (am_diags_add(r->d, lv, r->rec, field ? field : "", "%s", msg) != AM_OK)
        r->st = AM_ENOMEM;
}

void jr_error(jr *r, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(r, AM_DIAG_ERROR, field, fmt, ap);
    va_end(ap);
}

void jr_warn(jr *r, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(r, AM_DIAG_WARNING, field, fmt, ap);
    va_end(ap);
}

/* cJSON allocates through these, so that tests can make its allocations fail and a failure is
 * told apart from a syntax error. */
static _Thread_local bool g_alloc_failed;
static void *hook_malloc(size_t n)
{
    void *p = am_heap_realloc(NULL, n);
    if (!p)
        g_alloc_failed = true;
    return p;
}

void jr_init(void)
{
    cJSON_Hooks hooks = {.malloc_fn = hook_malloc, .free_fn = am_heap_free};
    cJSON_InitHooks(&hooks);
}

cJSON *jr_parse(jr *r, const char *data, size_t len)
{
    jr_init();
    g_alloc_failed = false;
    int line, col;
    size_t start = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        start = 3; /* a byte order mark is allowed and ignored */
    size_t bad = utf8_invalid_at((const unsigned char *)data, len);
    if (bad < len) {
        position(data, bad, &line, &col);
        jr_error(r, NULL, "byte %zu (line %d, column %d) is not valid UTF-8; save the file as UTF-8",
                 bad, line, col);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(data + start, len - start, &end, 0);
    if (g_alloc_failed) {
        cJSON_Delete(root);
        r->st = AM_ENOMEM;
        return NULL;
    }
    if (!root) {
        size_t off = end && end >= data + start ? (size_t)(end - data) : start;
        if (off > len)
            off = len;
        position(data, off, &line, &col);
        if (off >= len)
            jr_error(r, NULL, "not valid JSON: the text ends early (line %d, column %d)", line, col);
        else
            jr_error(r, NULL, "not valid JSON: syntax error at line %d, column %d", line, col);
        return NULL;
    }
    size_t off = (size_t)(end - data);
    while (off < len && strchr(" \t\r\n", data[off]) && data[off] != '\0')
        off++;
    if (off < len) {
        position(data, off, &line, &col);
        jr_error(r, NULL, "not valid JSON: unexpected text after the document at line %d, column %d",
                 line, col);
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

const char *jr_type_name(const cJSON *v)
{
    if (!v)
        return "nothing";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsArray(v))
        return "an array";
    return "an object";
}

void jr_keys(jr *r, const cJSON *obj, const char *prefix, const char *const *known)
{
    for (const cJSON *it = obj ? obj->child : NULL; it; it = it->next) {
        const char *k = it->string ? it->string : "";
        char field[48]; /* the message's field name, built only for a message */
        bool found = false;
        for (int i = 0; known[i] && !found; i++)
            found = strcmp(known[i], k) == 0;
        if (!found) {
            snprintf(field, sizeof field, "%s%s", prefix, k);
            jr_warn(r, field, "unknown key, ignored");
        }
        for (const cJSON *p = obj->child; p != it; p = p->next)
            if (p->string && strcmp(p->string, k) == 0) {
                snprintf(field, sizeof field, "%s%s", prefix, k);
                jr_error(r, field, "key given twice");
                break;
            }
    }
}

const cJSON *jr_get(const cJSON *obj, const char *key, bool required)
{
    if (!obj)
        return NULL;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (v && !required && cJSON_IsNull(v))
        return NULL;
    return v;
}

const char *jr_string(jr *r, const cJSON *obj, const char *key, const char *field, bool required,
                      const char *def)
{
    if (!obj)
        return def; /* the record is not an object: reported once already */
    const cJSON *v = jr_get(obj, key, required);
    if (!v) {
        if (required)
            jr_error(r, field, "required key is missing");
        return def;
    }
    if (!cJSON_IsString(v)) {
        jr_error(r, field, "expected a string, found %s", jr_type_name(v));
        return def;
    }
    return v->valuestring;
}

int jr_int_value(jr *r, const cJSON *v, const char *field, int def, bool *ok)
{
    *ok = false;
    if (!cJSON_IsNumber(v)) {
        jr_error(r, field, "expected a whole number, found %s", jr_type_name(v));
        return def;
    }
    double x = v->valuedouble;
    if (!isfinite(x) || x != floor(x) || x < INT_MIN || x > INT_MAX) {
        jr_error(r, field, "expected a whole number, found %g", x);
        return def;
    }
    *ok = true;
    return (int)x;
}

int jr_int(jr *r, const cJSON *obj, const char *key, const char *field, bool required, int def)
{
    if (!obj)
        return def; /* the record is not an object: reported once already */
    const cJSON *v = jr_get(obj, key, required);
    if (!v) {
        if (required)
            jr_error(r, field, "required key is missing");
        return def;
    }
    bool ok;
    return jr_int_value(r, v, field, def, &ok);
}

bool jr_bool(jr *r, const cJSON *obj, const char *key, const char *field, bool def)
{
    const cJSON *v = jr_get(obj, key, false);
    if (!v)
        return def;
    if (!cJSON_IsBool(v)) {
        jr_error(r, field, "expected true or false, found %s", jr_type_name(v));
        return def;
    }
    return cJSON_IsTrue(v);
}

/* The array under `key`, or NULL (reported if present but not an array). */
static const cJSON *array_of(jr *r, const cJSON *obj, const char *key, const char *field)
{
    const cJSON *v = jr_get(obj, key, false);
    if (v && !cJSON_IsArray(v)) {
        jr_error(r, field, "expected an array, found %s", jr_type_name(v));
        return NULL;
    }
    return v;
}

const char *const *jr_strings(jr *r, const cJSON *obj, const char *key, const char *field, int *n)
{
    *n = 0;
    const cJSON *a = array_of(r, obj, key, field);
    int size = a ? cJSON_GetArraySize(a) : 0;
    if (size == 0)
        return NULL;
    const char **out = AM_ARENA_ARRAY(r->scratch, const char *, size);
    if (!out) {
        r->st = AM_ENOMEM;
        return NULL;
    }
    int i = 0;
    for (const cJSON *it = a->child; it; it = it->next, i++) {
        if (!cJSON_IsString(it)) {
            char f[48];
            snprintf(f, sizeof f, "%s[%d]", field, i);
            jr_error(r, f, "expected a string, found %s", jr_type_name(it));
            continue;
        }
        out[(*n)++] = it->valuestring;
    }
    return out;
}

unsigned jr_name_set(jr *r, const cJSON *obj, const char *key, const char *field,
                     int (*parse)(const char *), const char *expected)
{
    int n;
    const char *const *names = jr_strings(r, obj, key, field, &n);
    unsigned set = 0;
    for (int i = 0; i < n; i++) {
        int v = parse(names[i]);
        if (v < 0) {
            jr_error(r, field, "unknown name \"%s\" (expected %s)", names[i], expected);
            continue;
        }
        set |= 1u << v;
    }
    return set;
}

int jr_name(jr *r, const cJSON *obj, const char *key, const char *field, bool required,
            int (*parse)(const char *), const char *expected, int def)
{
    const char *s = jr_string(r, obj, key, field, required, NULL);
    if (!s)
        return def;
    int v = parse(s);
    if (v < 0) {
        jr_error(r, field, "unknown value \"%s\" (expected %s)", s, expected);
        return def;
    }
    return v;
}

void jr_label(jr *r, const char *array, int i, const char *idkey, const cJSON *obj)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, idkey);
    if (cJSON_IsString(id))
        snprintf(r->rec, sizeof r->rec, "%s[%d] %s \"%s\"", array, i, idkey, id->valuestring);
    else
        snprintf(r->rec, sizeof r->rec, "%s[%d]", array, i);
}

/* engine/am_intern.c: string interning with an open-addressing hash table. Strings, ids and the
 * table live in the caller's arena; ids are dense and in order of first appearance, so the id
 * of a string depends only on the order strings were added (never on hash values). */
#include "advmatch/am_intern.h"

#include <stdint.h>
#include <string.h>

struct am_intern {
    am_arena *arena;
    const char **strs; /* by id */
    size_t *lens;
    size_t cap_strs;
    int count;
    int *slots; /* id + 1, 0 = empty; size is a power of two */
    size_t n_slots;
};

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

am_intern *am_intern_new(am_arena *a)
{
    am_intern *t = am_arena_alloc(a, sizeof *t, _Alignof(am_intern));
    if (!t)
        return NULL;
    t->arena = a;
    t->n_slots = 64;
    t->slots = AM_ARENA_ARRAY(a, int, t->n_slots);
    return t->slots ? t : NULL;
}

static size_t probe(const am_intern *t, const char *s, size_t len, uint64_t h)
{
    size_t mask = t->n_slots - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        int v = t->slots[i];
        if (v == 0)
            return i;
        int id = v - 1;
        if (t->lens[id] == len && memcmp(t->strs[id], s, len) == 0)
            return i;
    }
}

static int rehash(am_intern *t)
{
    size_t n = t->n_slots * 2;
    int *slots = AM_ARENA_ARRAY(t->arena, int, n);
    if (!slots)
        return -1;
    t->slots = slots;
    t->n_slots = n;
    for (int id = 0; id < t->count; id++) {
        size_t i = probe(t, t->strs[id], t->lens[id], hash_bytes(t->strs[id], t->lens[id]));
        t->slots[i] = id + 1;
    }
    return 0;
}

int am_intern_find(const am_intern *t, const char *s, size_t len)
{
    size_t i = probe(t, s, len, hash_bytes(s, len));
    return t->slots[i] - 1;
}

int am_intern_get(am_intern *t, const char *s, size_t len)
{
    uint64_t h = hash_bytes(s, len);
    size_t i = probe(t, s, len, h);
    if (t->slots[i])
        return t->slots[i] - 1;
    if ((size_t)(t->count + 1) * 2 > t->n_slots) {
        if (rehash(t) != 0)
            return -1;
        i = probe(t, s, len, h);
    }
    size_t cap = t->cap_strs;
    if (am_arena_grow(t->arena, (void **)&t->strs, &cap, (size_t)t->count + 1, sizeof(char *),
                      _Alignof(char *)) != 0)
        return -1;
    cap = t->cap_strs;
    if (am_arena_grow(t->arena, (void **)&t->lens, &cap, (size_t)t->count + 1, sizeof(size_t),
                      _Alignof(size_t)) != 0)
        return -1;
    t->cap_strs = cap;
    char *copy = am_arena_strndup(t->arena, s, len);
    if (!copy)
        return -1;
    int id = t->count++;
    t->strs[id] = copy;
    t->lens[id] = len;
    t->slots[i] = id + 1;
    return id;
}

const char *am_intern_str(const am_intern *t, int id) { return t->strs[id]; }

int am_intern_count(const am_intern *t) { return t->count; }

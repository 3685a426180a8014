/* engine/am_arena.c: the region allocator. Owns every block it hands out and frees them all at
 * once. The only file in engine/ and models/ that calls malloc, realloc or free. */
#include "advmatch/am_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_MIN ((size_t)64 * 1024)

typedef struct block {
    struct block *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    max_align_t data[]; /* aligned storage */
} block;

typedef struct on_free {
    struct on_free *next;
    void (*fn)(void *);
    void *ctx;
} on_free;

struct am_arena {
    block *head;
    on_free *hooks;
    size_t bytes;
};

#ifdef AM_TESTING
static _Thread_local long fail_countdown = -1;
static int should_fail(void)
{
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown == 0) {
        fail_countdown = -1;
        return 1;
    }
    fail_countdown--;
    return 0;
}
void am_arena_fail_after(long n) { fail_countdown = n; }
#else
static int should_fail(void) { return 0; }
void am_arena_fail_after(long n) { (void)n; }
#endif

am_arena *am_arena_new(void)
{
    if (should_fail())
        return NULL;
    return calloc(1, sizeof(am_arena));
}

void am_arena_free(am_arena *a)
{
    if (!a)
        return;
    for (on_free *h = a->hooks; h;) {
        on_free *next = h->next;
        h->fn(h->ctx);
        h = next; /* the hook record itself lives in a block, freed below */
    }
    for (block *b = a->head; b;) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

static block *new_block(am_arena *a, size_t need)
{
    size_t size = need > BLOCK_MIN ? need : BLOCK_MIN;
    /* grow block size with the arena so that big instances do not need millions of blocks */
    if (a->bytes / 8 > size)
        size = a->bytes / 8;
    if (size > SIZE_MAX - sizeof(block) || should_fail())
        return NULL;
    block *b = malloc(sizeof(block) + size);
    if (!b)
        return NULL;
    b->size = size;
    b->used = 0;
    b->next = a->head;
    a->head = b;
    a->bytes += sizeof(block) + size;
    return b;
}

static size_t aligned_offset(const block *b, size_t align)
{
    uintptr_t at = (uintptr_t)b->data + b->used;
    return (size_t)(((at + align - 1) & ~(uintptr_t)(align - 1)) - (uintptr_t)b->data);
}

void *am_arena_alloc(am_arena *a, size_t size, size_t align)
{
    if (align == 0 || (align & (align - 1)) || align > 64 || size > SIZE_MAX / 2)
        return NULL;
    block *b = a->head;
    size_t off = 0;
    if (b) {
        off = aligned_offset(b, align);
        if (off > b->size || b->size - off < size)
            b = NULL;
    }
    if (!b) {
        b = new_block(a, size + align);
        if (!b)
            return NULL;
        off = aligned_offset(b, align);
    }
    char *p = (char *)b->data + off;
    b->used = off + size;
    memset(p, 0, size);
    return p;
}

void *am_arena_array(am_arena *a, size_t n, size_t elem_size, size_t align)
{
    if (elem_size && n > SIZE_MAX / 4 / elem_size)
        return NULL;
    return am_arena_alloc(a, n * elem_size, align);
}

char *am_arena_strndup(am_arena *a, const char *s, size_t len)
{
    char *p = am_arena_alloc(a, len + 1, 1);
    if (p)
        memcpy(p, s, len);
    return p;
}

char *am_arena_strdup(am_arena *a, const char *s) { return am_arena_strndup(a, s, strlen(s)); }

int am_arena_grow(am_arena *a, void **p, size_t *cap, size_t need, size_t elem_size, size_t align)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    void *np = am_arena_array(a, ncap, elem_size, align);
    if (!np)
        return -1;
    if (*p && *cap)
        memcpy(np, *p, *cap * elem_size);
    *p = np;
    *cap = ncap;
    return 0;
}

int am_arena_on_free(am_arena *a, void (*fn)(void *ctx), void *ctx)
{
    on_free *h = am_arena_alloc(a, sizeof *h, _Alignof(on_free));
    if (!h)
        return -1;
    h->fn = fn;
    h->ctx = ctx;
    h->next = a->hooks;
    a->hooks = h;
    return 0;
}

size_t am_arena_bytes(const am_arena *a) { return a ? a->bytes : 0; }

void *am_heap_realloc(void *p, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(p, size ? size : 1);
}

void am_heap_free(void *p) { free(p); }

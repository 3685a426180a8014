/* engine/include/advmatch/am_arena.h: region allocator; everything allocated from an arena is
 * freed at once by am_arena_free. The only place in engine/ and models/ that calls malloc. */
#ifndef ADVMATCH_AM_ARENA_H
#define ADVMATCH_AM_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct am_arena am_arena;

/* A new empty arena; caller frees with am_arena_free(). NULL when out of memory. */
am_arena *am_arena_new(void);

/* Free every block and run the on-free callbacks, newest first. NULL is a no-op. */
void am_arena_free(am_arena *a);

/* `size` bytes aligned to `align` (a power of two, <= 64), zero-filled. Owned by `a`.
 * NULL when out of memory or when `size` is absurd. size 0 gives a valid unique pointer. */
void *am_arena_alloc(am_arena *a, size_t size, size_t align);

/* Array of n zeroed T, with the multiplication checked for overflow. */
void *am_arena_array(am_arena *a, size_t n, size_t elem_size, size_t align);
#define AM_ARENA_ARRAY(a, T, n) ((T *)am_arena_array((a), (size_t)(n), sizeof(T), _Alignof(T)))

/* Copy of `s` (NUL-terminated) or of its first `len` bytes; owned by `a`. NULL on no memory. */
char *am_arena_strdup(am_arena *a, const char *s);
char *am_arena_strndup(am_arena *a, const char *s, size_t len);

/* Grow the array *p (n_used elements, capacity *cap) so that it holds at least `need` elements.
 * The old block stays in the arena (arenas never free single blocks). Returns 0 or -1 (no memory). */
int am_arena_grow(am_arena *a, void **p, size_t *cap, size_t need, size_t elem_size, size_t align);

/* Run fn(ctx) when the arena is freed (for resources that are not arena memory). 0 or -1. */
int am_arena_on_free(am_arena *a, void (*fn)(void *ctx), void *ctx);

/* Bytes obtained from the system so far (for the bench's memory figures). */
size_t am_arena_bytes(const am_arena *a);

/* Testing: the n-th request for memory from the system from now on (0 = the next; a new arena,
 * a new block, am_heap_realloc) in this thread fails;
 * n < 0 switches failure injection off. Compiled in only with AM_TESTING, else a no-op. */
void am_arena_fail_after(long n);

/* Plain heap helpers for adapters that need a growable buffer outside any arena.
 * am_heap_realloc is realloc with failure injection; am_heap_free is free. */
void *am_heap_realloc(void *p, size_t size);
void am_heap_free(void *p);

#endif

/*
 * LD_PRELOAD shim for bench/codec/run.sh: counts calls to the glibc allocation functions.
 * The benches find `relay_bench_alloc_count` with dlsym(RTLD_DEFAULT, ...) and report nothing
 * when the shim is not loaded. Every call is forwarded to glibc's own implementation.
 */
#include <stddef.h>
#include <stdint.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static uint64_t count;

uint64_t relay_bench_alloc_count(void) { return __atomic_load_n(&count, __ATOMIC_RELAXED); }

static inline void bump(void) { __atomic_fetch_add(&count, 1, __ATOMIC_RELAXED); }

void *malloc(size_t n) { bump(); return __libc_malloc(n); }
void *calloc(size_t n, size_t m) { bump(); return __libc_calloc(n, m); }
void *realloc(void *p, size_t n) { bump(); return __libc_realloc(p, n); }
void free(void *p) { __libc_free(p); }
void *memalign(size_t a, size_t n) { bump(); return __libc_memalign(a, n); }
void *aligned_alloc(size_t a, size_t n) { bump(); return __libc_memalign(a, n); }
int posix_memalign(void **out, size_t a, size_t n)
{
    bump();
    void *p = __libc_memalign(a, n);
    if (!p)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}

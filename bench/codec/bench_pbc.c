/*
 * The protobuf-c half of bench/codec/run.sh: reads DIR/batch.bin and DIR/small.bin (written by
 * relay-bench-codec from the Swift fixtures), checks protobuf-c decodes and re-encodes them,
 * writes its re-encodings to DIR/<case>.pbc.bin (the Swift bench checks they decode to the
 * fixtures), then measures encode (get_packed_size + malloc + pack + free) and decode
 * (unpack + free_unpacked) exactly as bench/codec/Sources/Measure.swift measures the Swift side.
 *   bench-pbc bench DIR    times each: `RESULT pbc <case> <op> ns_per_op=… bytes=…`
 *   bench-pbc allocs DIR   counts allocations per op under LD_PRELOAD=alloc_count.so:
 *                          `ALLOCS pbc <case> <op> <n>`
 */
#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "relay/v1/send_service.pb-c.h"

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

typedef struct {
    const ProtobufCMessageDescriptor *desc;
    const uint8_t *bytes;
    size_t len;
    ProtobufCMessage *value; /* decoded once, the input of encode */
    size_t sink;
} Case;

typedef void (*Op)(Case *);

static void op_decode(Case *c)
{
    ProtobufCMessage *m = protobuf_c_message_unpack(c->desc, NULL, c->len, c->bytes);
    if (!m) {
        fputs("bench-pbc: decode failed\n", stderr);
        exit(1);
    }
    c->sink += m->n_unknown_fields + 1;
    protobuf_c_message_free_unpacked(m, NULL);
}

static void op_encode(Case *c)
{
    size_t n = protobuf_c_message_get_packed_size(c->value);
    uint8_t *out = malloc(n);
    if (!out)
        abort();
    c->sink += protobuf_c_message_pack(c->value, out);
    free(out);
}

static double ns_per_op(Op op, Case *c)
{
    size_t iterations = 1;
    for (;;) {
        uint64_t t0 = now_ns();
        for (size_t i = 0; i < iterations; i++)
            op(c);
        uint64_t elapsed = now_ns() - t0;
        if (elapsed >= 50000000u) {
            iterations = (size_t)((double)iterations * 200000000.0 / (double)elapsed);
            if (iterations < 1)
                iterations = 1;
            break;
        }
        iterations *= 2;
    }
    double best = INFINITY;
    for (int r = 0; r < 5; r++) {
        uint64_t t0 = now_ns();
        for (size_t i = 0; i < iterations; i++)
            op(c);
        double t = (double)(now_ns() - t0) / (double)iterations;
        if (t < best)
            best = t;
    }
    return best;
}

static double allocs_per_op(Op op, Case *c)
{
    uint64_t (*counter)(void) = (uint64_t(*)(void))dlsym(RTLD_DEFAULT, "relay_bench_alloc_count");
    if (!counter) {
        fputs("bench-pbc: allocs: alloc_count.so is not preloaded\n", stderr);
        exit(1);
    }
    const int iterations = 200;
    op(c);
    uint64_t before = counter();
    for (int i = 0; i < iterations; i++)
        op(c);
    return (double)(counter() - before) / iterations;
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = malloc(n > 0 ? (size_t)n : 1);
    if (!p || fread(p, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(p);
        return NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return p;
}

static size_t run(const char *dir, const char *name, const ProtobufCMessageDescriptor *desc, int count_allocs)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    Case c = {.desc = desc};
    uint8_t *bytes = read_file(path, &c.len);
    if (!bytes) {
        fprintf(stderr, "bench-pbc: cannot read %s\n", path);
        exit(1);
    }
    c.bytes = bytes;
    c.value = protobuf_c_message_unpack(desc, NULL, c.len, c.bytes);
    if (!c.value) {
        fprintf(stderr, "bench-pbc: protobuf-c cannot decode %s\n", path);
        exit(1);
    }
    size_t n = protobuf_c_message_get_packed_size(c.value);
    uint8_t *again = malloc(n ? n : 1);
    protobuf_c_message_pack(c.value, again);
    snprintf(path, sizeof path, "%s/%s.pbc.bin", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(again, 1, n, f) != n) {
        fprintf(stderr, "bench-pbc: cannot write %s\n", path);
        exit(1);
    }
    fclose(f);
    printf("CHECK %s: protobuf-c re-encoding is %s\n", name,
           n == c.len && memcmp(again, bytes, n) == 0 ? "byte-identical" : "different");
    free(again);

    struct { const char *name; Op op; } ops[] = {{"encode", op_encode}, {"decode", op_decode}};
    for (int i = 0; i < 2; i++) {
        if (count_allocs)
            printf("ALLOCS pbc %s %s %g\n", name, ops[i].name, allocs_per_op(ops[i].op, &c));
        else
            printf("RESULT pbc %s %s ns_per_op=%f bytes=%zu\n", name, ops[i].name, ns_per_op(ops[i].op, &c), c.len);
    }
    protobuf_c_message_free_unpacked(c.value, NULL);
    free(bytes);
    return c.sink;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "bench") != 0 && strcmp(argv[1], "allocs") != 0)) {
        fputs("usage: bench-pbc bench|allocs DIR\n", stderr);
        return 2;
    }
    int count_allocs = strcmp(argv[1], "allocs") == 0;
    size_t sink = run(argv[2], "batch", &relay__v1__send_email_batch_request__descriptor, count_allocs);
    sink += run(argv[2], "small", &relay__v1__send_email_request__descriptor, count_allocs);
    printf("checksum %zu\n", sink);
    return 0;
}

/* Buffers, base64 and the descriptor table lookups of the protobuf-c probe (test code). */
#include "registry.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const ProtobufCMessageDescriptor *pbc_find(const char *full_name)
{
    for (size_t i = 0; i < pbc_message_count; i++)
        if (strcmp(pbc_messages[i]->name, full_name) == 0)
            return pbc_messages[i];
    return NULL;
}

int pbc_is_map_entry(const ProtobufCMessageDescriptor *d)
{
    for (const char *const *n = pbc_map_entry_names; *n; n++)
        if (strcmp(*n, d->name) == 0)
            return 1;
    return 0;
}

static void reserve(PbcBuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        fputs("pbc-probe: out of memory\n", stderr);
        abort();
    }
    b->data = p;
    b->cap = cap;
}

void pbc_buf_put(PbcBuf *b, const void *p, size_t n)
{
    reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void pbc_buf_putc(PbcBuf *b, char c) { pbc_buf_put(b, &c, 1); }

void pbc_buf_puts(PbcBuf *b, const char *s) { pbc_buf_put(b, s, strlen(s)); }

void pbc_buf_printf(PbcBuf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        abort();
    if ((size_t)n < sizeof tmp) {
        pbc_buf_put(b, tmp, (size_t)n);
        return;
    }
    reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void pbc_buf_free(PbcBuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void pbc_base64_encode(PbcBuf *b, const uint8_t *p, size_t n)
{
    reserve(b, (n + 2) / 3 * 4);
    char *o = b->data + b->len;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        *o++ = b64[v >> 18];
        *o++ = b64[(v >> 12) & 63];
        *o++ = b64[(v >> 6) & 63];
        *o++ = b64[v & 63];
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)p[i] << 16;
        *o++ = b64[v >> 18];
        *o++ = b64[(v >> 12) & 63];
        *o++ = '=';
        *o++ = '=';
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
        *o++ = b64[v >> 18];
        *o++ = b64[(v >> 12) & 63];
        *o++ = b64[(v >> 6) & 63];
        *o++ = '=';
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = 0;
}

static int b64_value(char c)
{
    const char *p = c ? strchr(b64, c) : NULL;
    return p ? (int)(p - b64) : -1;
}

int pbc_base64_decode(const char *s, size_t n, uint8_t **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (n % 4 != 0)
        return -1;
    uint8_t *o = malloc(n / 4 * 3 + 1);
    if (!o)
        abort();
    size_t len = 0;
    for (size_t i = 0; i < n; i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; k++) {
            char c = s[i + k];
            if (c == '=' && i + 4 == n && k >= 2) {
                v[k] = 0;
                pad++;
            } else if (pad || (v[k] = b64_value(c)) < 0) {
                free(o);
                return -1;
            }
        }
        uint32_t w = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)v[2] << 6 | (uint32_t)v[3];
        o[len++] = (uint8_t)(w >> 16);
        if (pad < 2)
            o[len++] = (uint8_t)(w >> 8);
        if (pad < 1)
            o[len++] = (uint8_t)w;
    }
    *out = o;
    *out_len = len;
    return 0;
}

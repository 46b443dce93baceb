/*
 * The normalized JSON dump of probe-protocol.md, walked generically over a decoded protobuf-c
 * message through its descriptor (test code).
 *
 * Presence, per protobuf-c's field shapes:
 *  - a oneof member (PROTOBUF_C_FIELD_FLAG_ONEOF): present iff the oneof's case (a uint32 at
 *    quantifier_offset) equals the field number. This covers proto3 `optional`, which the build
 *    turns into one-field oneofs (see gen_registry.py: protoc-c 1.4.1 rejects proto3 optional);
 *  - PROTOBUF_C_LABEL_OPTIONAL (proto2, or proto3 optional from protoc-c >= 1.5): a message or
 *    string by a non-NULL pointer, any other type by its has_ flag (protobuf_c_boolean at
 *    quantifier_offset);
 *  - PROTOBUF_C_LABEL_NONE (proto3 implicit presence): a message by a non-NULL pointer, any other
 *    type iff not its default (floats compared by bit pattern);
 *  - PROTOBUF_C_LABEL_REQUIRED: always;
 *  - PROTOBUF_C_LABEL_REPEATED: iff the count (a size_t at quantifier_offset) is non-zero; a
 *    repeated map-entry message is a map, rendered as a JSON object (a later entry wins).
 * Unknown fields are re-assembled (tag varint + the raw value protobuf-c kept) into "__unknown__".
 *
 * Strings: protobuf-c does not validate UTF-8 and stores strings NUL-terminated. The dump writes
 * the bytes up to the first NUL; an invalid UTF-8 sequence is written as U+FFFD per bad byte, so
 * the output line stays valid UTF-8 (the test checks invalid UTF-8 with `roundtrip`, not `dump`).
 */
#include "registry.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MEMBER(msg, off) ((const void *)((const char *)(msg) + (off)))

/* Length of a valid UTF-8 sequence at p (at most n bytes), or 0 if it is not one. */
static size_t utf8_sequence(const uint8_t *p, size_t n)
{
    uint8_t c = p[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0; /* overlong or out of range */
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0; /* surrogate */
    return len;
}

static void json_string(PbcBuf *b, const char *s, size_t n)
{
    const uint8_t *p = (const uint8_t *)s;
    pbc_buf_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        uint8_t c = p[i];
        if (c == '"' || c == '\\') {
            pbc_buf_putc(b, '\\');
            pbc_buf_putc(b, (char)c);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            pbc_buf_printf(b, "\\u%04x", c);
            i++;
        } else {
            size_t len = utf8_sequence(p + i, n - i);
            if (len == 0) {
                pbc_buf_puts(b, "\\ufffd");
                i++;
            } else {
                pbc_buf_put(b, p + i, len);
                i += len;
            }
        }
    }
    pbc_buf_putc(b, '"');
}

/* The shortest "%.*g" form that reads back as the same double; NaN and the infinities as the
 * NaN / Infinity / -Infinity literals that Python's json module reads. */
static void json_double(PbcBuf *b, double v)
{
    if (isnan(v)) {
        pbc_buf_puts(b, "NaN");
        return;
    }
    if (isinf(v)) {
        pbc_buf_puts(b, v > 0 ? "Infinity" : "-Infinity");
        return;
    }
    char tmp[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v && signbit(strtod(tmp, NULL)) == signbit(v))
            break;
    }
    /* Always a JSON number that reads back as a float ("1.0", not "1"), as consumers compare types. */
    if (!strpbrk(tmp, ".e"))
        strcat(tmp, ".0");
    pbc_buf_puts(b, tmp);
}

static void dump_scalar(PbcBuf *b, const ProtobufCFieldDescriptor *f, const void *p)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
        pbc_buf_printf(b, "%" PRId32, *(const int32_t *)p);
        break;
    case PROTOBUF_C_TYPE_ENUM:
        pbc_buf_printf(b, "%d", *(const int *)p);
        break;
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
        pbc_buf_printf(b, "%" PRIu32, *(const uint32_t *)p);
        break;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
        pbc_buf_printf(b, "%" PRId64, *(const int64_t *)p);
        break;
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
        pbc_buf_printf(b, "%" PRIu64, *(const uint64_t *)p);
        break;
    case PROTOBUF_C_TYPE_FLOAT:
        json_double(b, (double)*(const float *)p);
        break;
    case PROTOBUF_C_TYPE_DOUBLE:
        json_double(b, *(const double *)p);
        break;
    case PROTOBUF_C_TYPE_BOOL:
        pbc_buf_puts(b, *(const protobuf_c_boolean *)p ? "true" : "false");
        break;
    case PROTOBUF_C_TYPE_STRING: {
        const char *s = *(const char *const *)p;
        json_string(b, s ? s : "", s ? strlen(s) : 0);
        break;
    }
    case PROTOBUF_C_TYPE_BYTES: {
        const ProtobufCBinaryData *d = p;
        pbc_buf_putc(b, '"');
        pbc_base64_encode(b, d->data, d->len);
        pbc_buf_putc(b, '"');
        break;
    }
    case PROTOBUF_C_TYPE_MESSAGE: {
        const ProtobufCMessage *m = *(const ProtobufCMessage *const *)p;
        if (m)
            pbc_dump_message(b, m);
        else
            pbc_buf_puts(b, "{}"); /* a map entry without its message value */
        break;
    }
    }
}

/* Whether a value of a field without presence is the proto3 default. */
static int is_default(const ProtobufCFieldDescriptor *f, const void *p)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
    case PROTOBUF_C_TYPE_FLOAT: /* by bit pattern: -0.0 is not the default */
        return *(const uint32_t *)p == 0;
    case PROTOBUF_C_TYPE_ENUM:
        return *(const int *)p == 0;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
    case PROTOBUF_C_TYPE_DOUBLE:
        return *(const uint64_t *)p == 0;
    case PROTOBUF_C_TYPE_BOOL:
        return !*(const protobuf_c_boolean *)p;
    case PROTOBUF_C_TYPE_STRING: {
        const char *s = *(const char *const *)p;
        return !s || !*s;
    }
    case PROTOBUF_C_TYPE_BYTES:
        return ((const ProtobufCBinaryData *)p)->len == 0;
    case PROTOBUF_C_TYPE_MESSAGE:
        return *(const ProtobufCMessage *const *)p == NULL;
    }
    return 0;
}

/* The map key of an entry, rendered as probe-protocol.md says (not yet JSON-escaped). */
static void map_key(PbcBuf *b, const ProtobufCMessage *entry)
{
    const ProtobufCFieldDescriptor *kf = protobuf_c_message_descriptor_get_field(entry->descriptor, 1);
    if (!kf)
        return;
    const void *p = MEMBER(entry, kf->offset);
    switch (kf->type) {
    case PROTOBUF_C_TYPE_STRING: {
        const char *s = *(const char *const *)p;
        pbc_buf_puts(b, s ? s : "");
        break;
    }
    case PROTOBUF_C_TYPE_BOOL:
        pbc_buf_puts(b, *(const protobuf_c_boolean *)p ? "true" : "false");
        break;
    default:
        dump_scalar(b, kf, p); /* integers: decimal */
        break;
    }
}

static void dump_map(PbcBuf *b, const ProtobufCMessage *const *entries, size_t n)
{
    PbcBuf *keys = calloc(n, sizeof *keys);
    if (!keys)
        abort();
    for (size_t i = 0; i < n; i++) {
        pbc_buf_putc(&keys[i], 0); /* allocate, so an empty key compares as "" */
        keys[i].len = 0;
        map_key(&keys[i], entries[i]);
    }
    pbc_buf_putc(b, '{');
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        int superseded = 0; /* a later entry with the same key wins, as in every runtime */
        for (size_t j = i + 1; j < n && !superseded; j++)
            superseded = keys[j].len == keys[i].len && memcmp(keys[j].data, keys[i].data, keys[i].len) == 0;
        if (superseded)
            continue;
        if (!first)
            pbc_buf_putc(b, ',');
        first = 0;
        json_string(b, keys[i].data, keys[i].len);
        pbc_buf_putc(b, ':');
        const ProtobufCFieldDescriptor *vf = protobuf_c_message_descriptor_get_field(entries[i]->descriptor, 2);
        if (vf)
            dump_scalar(b, vf, MEMBER(entries[i], vf->offset));
        else
            pbc_buf_puts(b, "null");
    }
    pbc_buf_putc(b, '}');
    for (size_t i = 0; i < n; i++)
        pbc_buf_free(&keys[i]);
    free(keys);
}

static void dump_repeated(PbcBuf *b, const ProtobufCFieldDescriptor *f, const void *array, size_t n)
{
    if (f->type == PROTOBUF_C_TYPE_MESSAGE && pbc_is_map_entry(f->descriptor)) {
        dump_map(b, array, n);
        return;
    }
    size_t size;
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
    case PROTOBUF_C_TYPE_DOUBLE:
        size = 8;
        break;
    case PROTOBUF_C_TYPE_BOOL:
        size = sizeof(protobuf_c_boolean);
        break;
    case PROTOBUF_C_TYPE_STRING:
    case PROTOBUF_C_TYPE_MESSAGE:
        size = sizeof(void *);
        break;
    case PROTOBUF_C_TYPE_BYTES:
        size = sizeof(ProtobufCBinaryData);
        break;
    default:
        size = 4;
        break;
    }
    pbc_buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            pbc_buf_putc(b, ',');
        dump_scalar(b, f, (const char *)array + i * size);
    }
    pbc_buf_putc(b, ']');
}

static void dump_unknown(PbcBuf *b, const ProtobufCMessage *m)
{
    PbcBuf raw = {0};
    for (unsigned i = 0; i < m->n_unknown_fields; i++) {
        const ProtobufCMessageUnknownField *u = &m->unknown_fields[i];
        uint64_t key = (uint64_t)u->tag << 3 | u->wire_type;
        while (key >= 0x80) {
            pbc_buf_putc(&raw, (char)(uint8_t)(key | 0x80));
            key >>= 7;
        }
        pbc_buf_putc(&raw, (char)(uint8_t)key);
        pbc_buf_put(&raw, u->data, u->len);
    }
    pbc_buf_puts(b, "\"__unknown__\":\"");
    pbc_base64_encode(b, (const uint8_t *)raw.data, raw.len);
    pbc_buf_putc(b, '"');
    pbc_buf_free(&raw);
}

void pbc_dump_message(PbcBuf *b, const ProtobufCMessage *m)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    int first = 1;
    pbc_buf_putc(b, '{');
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        const void *p = MEMBER(m, f->offset);
        int present;
        switch (f->label) {
        case PROTOBUF_C_LABEL_REPEATED:
            present = *(const size_t *)MEMBER(m, f->quantifier_offset) != 0;
            break;
        case PROTOBUF_C_LABEL_REQUIRED:
            present = 1;
            break;
        case PROTOBUF_C_LABEL_OPTIONAL:
        case PROTOBUF_C_LABEL_NONE:
        default:
            if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)
                present = *(const uint32_t *)MEMBER(m, f->quantifier_offset) == f->id;
            else if (f->type == PROTOBUF_C_TYPE_MESSAGE)
                present = *(const ProtobufCMessage *const *)p != NULL;
            else if (f->label == PROTOBUF_C_LABEL_NONE)
                present = !is_default(f, p);
            else if (f->type == PROTOBUF_C_TYPE_STRING)
                present = *(const char *const *)p != NULL;
            else
                present = f->quantifier_offset && *(const protobuf_c_boolean *)MEMBER(m, f->quantifier_offset);
            break;
        }
        if (!present)
            continue;
        if (!first)
            pbc_buf_putc(b, ',');
        first = 0;
        json_string(b, f->name, strlen(f->name));
        pbc_buf_putc(b, ':');
        if (f->label == PROTOBUF_C_LABEL_REPEATED)
            dump_repeated(b, f, *(const void *const *)p, *(const size_t *)MEMBER(m, f->quantifier_offset));
        else
            dump_scalar(b, f, p);
    }
    if (m->n_unknown_fields) {
        if (!first)
            pbc_buf_putc(b, ',');
        dump_unknown(b, m);
    }
    pbc_buf_putc(b, '}');
}

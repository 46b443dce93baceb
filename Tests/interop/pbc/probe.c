/*
 * pbc-probe: the codec probe line protocol of Tests/interop on libprotobuf-c, an independent
 * protobuf implementation (see README.md in this directory).
 *
 *   list                       -> OK <full names of every non-map-entry message>
 *   roundtrip <name> <base64>  -> OK <base64 of protobuf_c_message_pack(unpack(bytes))>
 *   dump <name> <base64>       -> OK <normalized JSON>
 *   anything failing           -> ERR <reason>
 */
#include "registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reply(const char *status, const char *text)
{
    fputs(status, stdout);
    if (text && *text) {
        fputc(' ', stdout);
        fputs(text, stdout);
    }
    fputc('\n', stdout);
    fflush(stdout);
}

static void do_list(void)
{
    PbcBuf out = {0};
    pbc_buf_puts(&out, "OK");
    for (size_t i = 0; i < pbc_message_count; i++) {
        if (pbc_is_map_entry(pbc_messages[i]))
            continue;
        pbc_buf_putc(&out, ' ');
        pbc_buf_puts(&out, pbc_messages[i]->name);
    }
    reply(out.data, NULL);
    pbc_buf_free(&out);
}

/* Handles `roundtrip` and `dump`; `args` is "<name> <base64>". */
static void do_message(int dump, char *args)
{
    char *space = strchr(args, ' ');
    if (!space) {
        reply("ERR", "expected: <message name> <base64 bytes>");
        return;
    }
    *space = 0;
    const char *name = args;
    const char *payload = space + 1;
    const ProtobufCMessageDescriptor *desc = pbc_find(name);
    if (!desc) {
        reply("ERR", "unknown message type");
        return;
    }
    uint8_t *bytes = NULL;
    size_t len = 0;
    if (strcmp(payload, "-") != 0 && pbc_base64_decode(payload, strlen(payload), &bytes, &len) != 0) {
        reply("ERR", "malformed base64");
        return;
    }
    static const uint8_t empty[1];
    ProtobufCMessage *m = protobuf_c_message_unpack(desc, NULL, len, bytes ? bytes : empty);
    free(bytes);
    if (!m) {
        reply("ERR", "protobuf_c_message_unpack failed");
        return;
    }
    PbcBuf out = {0};
    pbc_buf_puts(&out, "OK ");
    if (dump) {
        pbc_dump_message(&out, m);
    } else {
        size_t n = protobuf_c_message_get_packed_size(m);
        uint8_t *packed = malloc(n ? n : 1);
        if (!packed)
            abort();
        size_t written = protobuf_c_message_pack(m, packed);
        if (written != n) {
            free(packed);
            protobuf_c_message_free_unpacked(m, NULL);
            pbc_buf_free(&out);
            reply("ERR", "protobuf_c_message_pack wrote a size other than get_packed_size");
            return;
        }
        if (n == 0)
            pbc_buf_putc(&out, '-');
        else
            pbc_base64_encode(&out, packed, n);
        free(packed);
    }
    protobuf_c_message_free_unpacked(m, NULL);
    reply(out.data, NULL);
    pbc_buf_free(&out);
}

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        char *args = strchr(line, ' ');
        if (args)
            *args++ = 0;
        if (strcmp(line, "list") == 0 && !args)
            do_list();
        else if (strcmp(line, "roundtrip") == 0 && args)
            do_message(0, args);
        else if (strcmp(line, "dump") == 0 && args)
            do_message(1, args);
        else
            reply("ERR", "unknown request (expected list, roundtrip or dump)");
    }
    free(line);
    return 0;
}

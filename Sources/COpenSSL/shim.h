// OpenSSL 3, imported into Swift by RelayTLS and RelayCrypto only. Macros Swift cannot import are wrapped here.
#ifndef RELAY_COPENSSL_SHIM_H
#define RELAY_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/sha.h>

static inline long relay_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}
static inline long relay_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}
static inline long relay_SSL_set_partial_write(SSL *ssl) {
    return SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
}

/* ALPN: the server picks "h2" when the client offers it. */
static int relay_alpn_select_h2(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                                const unsigned char *in, unsigned int inlen, void *arg) {
    (void)ssl; (void)arg;
    static const unsigned char h2[] = { 2, 'h', '2' };
    unsigned char *selected = NULL;
    if (SSL_select_next_proto(&selected, outlen, h2, sizeof h2, in, inlen) != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    *out = selected;
    return SSL_TLSEXT_ERR_OK;
}

static inline int relay_SSL_CTX_offer_h2(SSL_CTX *ctx) {
    static const unsigned char h2[] = { 2, 'h', '2' };
    return SSL_CTX_set_alpn_protos(ctx, h2, sizeof h2);
}

static inline void relay_SSL_CTX_select_h2(SSL_CTX *ctx) {
    SSL_CTX_set_alpn_select_cb(ctx, relay_alpn_select_h2, NULL);
}
/* SHA-256 of a short input without EVP's per-call context allocation: the one-shot SHA256() is
 * deprecated in OpenSSL 3 only in favour of EVP (same implementation, no provider dispatch). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static inline void relay_sha256(const unsigned char *data, size_t length, unsigned char *digest) {
    SHA256(data, length, digest);
}
#pragma GCC diagnostic pop
#endif

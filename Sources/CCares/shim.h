// c-ares, imported into Swift by RelayDNS only.
#ifndef RELAY_CCARES_SHIM_H
#define RELAY_CCARES_SHIM_H
#include <ares.h>
#include <arpa/nameser.h>
#include <arpa/inet.h>
#include <poll.h>

// ARES_GETSOCK_READABLE / ARES_GETSOCK_WRITABLE are function-like macros, which Swift does not import.
static inline int relay_ares_sock_readable(int bits, int index) { return ARES_GETSOCK_READABLE(bits, index) != 0; }
static inline int relay_ares_sock_writable(int bits, int index) { return ARES_GETSOCK_WRITABLE(bits, index) != 0; }
static const int RELAY_ARES_GETSOCK_MAXNUM = ARES_GETSOCK_MAXNUM;
static const int RELAY_ARES_SOCKET_BAD = ARES_SOCKET_BAD;
#endif

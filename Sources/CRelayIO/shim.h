// Linux I/O interfaces that Glibc's Swift module does not bring in; imported by RelayIO only.
#ifndef RELAY_CRELAYIO_SHIM_H
#define RELAY_CRELAYIO_SHIM_H
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <sys/uio.h>

// pthread_setname_np needs _GNU_SOURCE, which Swift's Glibc import does not define.
int pthread_setname_np(pthread_t thread, const char *name);
// accept4 likewise.
int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);
#endif

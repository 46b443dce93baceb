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
#include <sched.h>
#include <string.h>
int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask);

// The number of CPUs in this process's affinity mask (CPU_COUNT is a macro).
static inline int relay_available_cores(void) {
    cpu_set_t set;
    memset(&set, 0, sizeof set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) return -1;
    int n = 0;
    const unsigned char *bytes = (const unsigned char *)&set;
    for (size_t i = 0; i < sizeof set; i++) n += __builtin_popcount(bytes[i]);
    return n;
}
#include <sys/resource.h>

// Raises the soft limit on open files to the hard limit; returns the soft limit now in force
// (-1 if it cannot be read). A server holds one descriptor per connection.
static inline long relay_raise_open_file_limit(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        struct rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? (long)0x7fffffff : (long)limit.rlim_cur;
}
#endif

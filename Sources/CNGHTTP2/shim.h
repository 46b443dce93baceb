// nghttp2, imported into Swift by RelayHTTP2 only.
#ifndef RELAY_CNGHTTP2_SHIM_H
#define RELAY_CNGHTTP2_SHIM_H
#include <nghttp2/nghttp2.h>
#endif

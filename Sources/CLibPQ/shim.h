// libpq, imported into Swift by RelayPostgres only.
#ifndef RELAY_CLIBPQ_SHIM_H
#define RELAY_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif

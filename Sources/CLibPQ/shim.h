// libpq, imported into Swift by RelayPostgres only.
#ifndef RELAY_CLIBPQ_SHIM_H
#define RELAY_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#include <postgres_ext.h>

// The error fields of a failed result (character-literal macros, which Swift does not import).
static const int RELAY_PG_DIAG_SEVERITY = PG_DIAG_SEVERITY_NONLOCALIZED;
static const int RELAY_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int RELAY_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int RELAY_PG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int RELAY_PG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT;
static const int RELAY_PG_DIAG_SCHEMA_NAME = PG_DIAG_SCHEMA_NAME;
static const int RELAY_PG_DIAG_TABLE_NAME = PG_DIAG_TABLE_NAME;
static const int RELAY_PG_DIAG_COLUMN_NAME = PG_DIAG_COLUMN_NAME;
static const int RELAY_PG_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME;

// For spawning the embedded server's tools: glibc declares these only with _GNU_SOURCE.
#include <spawn.h>
int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *actions, const char *path);
#endif

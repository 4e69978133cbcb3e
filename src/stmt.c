/* stmt: the SQL statement table. Values are always bound (:name), never formatted in. */
#include "stmt.h"

#include <stddef.h>

static const struct {
	const char *name;
	const char *sql;
} stmt_table[STMT__MAX] = {
	[STMT_HEALTHZ] = { "healthz", "SELECT count(*) FROM sqlite_schema" },
};

const char *stmt_sql(enum stmt_id id)
{
	return (unsigned)id < STMT__MAX ? stmt_table[id].sql : NULL;
}

const char *stmt_name(enum stmt_id id)
{
	return (unsigned)id < STMT__MAX ? stmt_table[id].name : "?";
}

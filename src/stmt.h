/* stmt: the table of every SQL statement the program runs, indexed by enum stmt_id. */
#ifndef TRACKPRO_STMT_H
#define TRACKPRO_STMT_H

enum stmt_id {
	STMT_HEALTHZ, /* a trivial read: SELECT count(*) FROM sqlite_schema */
	STMT__MAX
};

/* SQL text of statement id (designated initializers in stmt.c; every entry is set). */
const char *stmt_sql(enum stmt_id id);
/* Short name of statement id for log messages ("healthz"). */
const char *stmt_name(enum stmt_id id);

#endif

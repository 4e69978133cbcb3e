/* stmt: the table of every SQL statement the program runs, indexed by enum stmt_id. */
#ifndef TRACKPRO_STMT_H
#define TRACKPRO_STMT_H

enum stmt_id {
	STMT_HEALTHZ, /* a trivial read: SELECT count(*) FROM sqlite_schema */
	/* users and preferences (user.c) */
	STMT_USER_INSERT,
	STMT_PREFERENCES_INSERT,
	STMT_USER_BY_ID,
	STMT_USER_BY_EMAIL,
	STMT_USER_SET_LAST_LOGIN,
	STMT_USER_SET_PASSWORD,
	STMT_USER_SET_EMAIL,
	STMT_USER_UPDATE_PROFILE,
	STMT_USER_DELETE,
	STMT_USER_COUNT,
	STMT_USER_LIST,
	STMT_PREFERENCES_GET,
	STMT_PREFERENCES_UPDATE,
	/* sessions (session.c) */
	STMT_SESSION_INSERT,
	STMT_SESSION_BY_HASH,
	STMT_SESSION_TOUCH,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_BY_ID,
	STMT_SESSION_DELETE_OTHERS,
	STMT_SESSION_DELETE_EXPIRED,
	STMT_SESSION_LIST,
	/* ownership checks (access.c), one per kind of object */
	STMT_OWNS_SESSION,
	STMT_OWNS_TRACKER,
	STMT_OWNS_TASK_TEMPLATE,
	STMT_OWNS_GOAL,
	STMT_OWNS_SHARE_LINK,
	STMT_OWNS_CATEGORY,
	STMT_OWNS_TAG,
	/* throttling (throttle.c) */
	STMT_ATTEMPT_GET,
	STMT_ATTEMPT_SAVE,
	STMT_ATTEMPT_CLEAR,
	STMT_ATTEMPT_PRUNE,
	STMT__MAX
};

/* SQL text of statement id (designated initializers in stmt.c; every entry is set). */
const char *stmt_sql(enum stmt_id id);
/* Short name of statement id for log messages ("healthz"). */
const char *stmt_name(enum stmt_id id);

#endif

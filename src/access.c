/* access: ownership checks by kind of object. */
#include "access.h"

#include "log.h"

static const enum stmt_id access_statements[ACCESS__MAX] = {
	[ACCESS_SESSION] = STMT_OWNS_SESSION,
	[ACCESS_TRACKER] = STMT_OWNS_TRACKER,
	[ACCESS_TASK_TEMPLATE] = STMT_OWNS_TASK_TEMPLATE,
	[ACCESS_GOAL] = STMT_OWNS_GOAL,
	[ACCESS_SHARE_LINK] = STMT_OWNS_SHARE_LINK,
	[ACCESS_CATEGORY] = STMT_OWNS_CATEGORY,
	[ACCESS_TAG] = STMT_OWNS_TAG,
};

int access_check(struct db *db, enum access_kind kind, int64_t id, int64_t user_id)
{
	if ((unsigned)kind >= ACCESS__MAX)
		return 500;
	sqlite3_stmt *s = db_stmt(db, access_statements[kind]);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return 500;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 404;
	log_error("access_check: %s", sqlite3_errmsg(db->conn));
	return 500;
}

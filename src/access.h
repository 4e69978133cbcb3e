/* access: the one ownership check every page uses before it reads or writes an object named
 * in a URL. Another user's object answers exactly like a missing one (404), so ids reveal
 * nothing (issue 3, "Access control"). */
#ifndef TRACKPRO_ACCESS_H
#define TRACKPRO_ACCESS_H

#include <stdint.h>

#include "db.h"

enum access_kind {
	ACCESS_SESSION,
	ACCESS_TRACKER,
	ACCESS_TASK_TEMPLATE, /* owned through its tracker */
	ACCESS_GOAL,
	ACCESS_SHARE_LINK,
	ACCESS_CATEGORY,
	ACCESS_TAG,
	ACCESS__MAX
};

/* Returns 0 when object id of that kind exists and belongs to user_id; 404 when it does not
 * exist or belongs to someone else; 500 on a database error (logged). The result can be
 * returned from a page handler as it is. */
int access_check(struct db *db, enum access_kind kind, int64_t id, int64_t user_id);

#endif

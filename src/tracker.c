/* tracker: trackers in SQLite — create, read, list, edit, status and time-mode changes, soft
 * deletion with its cascade and restore, cloning and ordering — and their categories. */
#include "tracker.h"

#include <stdio.h>
#include <string.h>

#include "access.h"
#include "civil.h"
#include "log.h"
#include "strx.h"

static const char *const status_names[TRACKER_STATUS__MAX] = {
	[TRACKER_ACTIVE] = "active",
	[TRACKER_PAUSED] = "paused",
	[TRACKER_ARCHIVED] = "archived",
};

/* tracker_status_name and tracker_status_parse (tracker.h). */
STRX_TABLE_FUNCTIONS(tracker_status, status_names, TRACKER_STATUS__MAX, tracker_status_name, tracker_status_parse)

/* True for the three time modes. */
static bool mode_valid(enum time_mode m)
{
	return (unsigned)m < TIME_MODE__MAX;
}

bool tracker_color_valid(const char *s)
{
	if (!s || s[0] != '#' || strlen(s) != 7)
		return false;
	for (int i = 1; i < 7; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return false;
	}
	return true;
}

/* Steps a statement that writes and resets it: TRACKER_OK, TRACKER_NAME_TAKEN on a unique
 * violation when unique_is_taken, else TRACKER_ERROR (logged). */
static enum tracker_result step_write(struct db *db, sqlite3_stmt *s, const char *what, bool unique_is_taken)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return TRACKER_OK;
	if (unique_is_taken && rc == SQLITE_CONSTRAINT_UNIQUE)
		return TRACKER_NAME_TAKEN;
	log_error("%s: %s", what, sqlite3_errmsg(db->conn));
	return TRACKER_ERROR;
}

/* Whether a day can be stored and read back (civil_parse's years); TRACKER_NO_DATE can. */
static bool day_valid(int64_t day)
{
	return day == TRACKER_NO_DATE || (day >= CIVIL_DAY_MIN && day <= CIVIL_DAY_MAX);
}

/* Binds a day as 'YYYY-MM-DD', or NULL for TRACKER_NO_DATE. */
static int bind_day(sqlite3_stmt *s, const char *name, int64_t day)
{
	return day == TRACKER_NO_DATE ? db_bind_null(s, name) : db_bind_day(s, name, day);
}

/* Binds a timestamp, or NULL for 0. */
static int bind_time(sqlite3_stmt *s, const char *name, int64_t t)
{
	return t ? db_bind_int(s, name, t) : db_bind_null(s, name);
}

const char *tracker_input_check(const struct tracker_input *in, const char **field)
{
	const char *dummy, *p;
	size_t n;
	if (!field)
		field = &dummy;
	*field = "name";
	if ((p = strx_name_problem(in->name, TRACKER_NAME_MAX, "Use at most 100 characters for the name.")))
		return p;
	*field = "description";
	const char *d = in->description ? in->description : "";
	n = strlen(d);
	if ((p = strx_text_problem(d, n, TRACKER_DESCRIPTION_MAX, true,
				   "Use at most 2000 characters for the description.")))
		return p;
	*field = "time_mode";
	if (!mode_valid(in->time_mode))
		return "Choose daily, weekly or monthly.";
	*field = "start_date";
	if (!day_valid(in->start_date))
		return "Enter a date between 1900-01-01 and 2999-12-31.";
	*field = "end_date";
	if (!day_valid(in->end_date))
		return "Enter a date between 1900-01-01 and 2999-12-31.";
	if (in->start_date != TRACKER_NO_DATE && in->end_date != TRACKER_NO_DATE && in->end_date < in->start_date)
		return "The end date cannot be before the start date.";
	*field = "color";
	if (!tracker_color_valid(in->color))
		return "Choose a colour like #2f80ed.";
	*field = NULL;
	return NULL;
}

/* TRACKER_OK when category id (0 = none) can be set on a tracker of user_id, TRACKER_INVALID when
 * it is not the user's, TRACKER_ERROR. */
static enum tracker_result category_usable(struct db *db, int64_t user_id, int64_t category_id)
{
	if (category_id == 0)
		return TRACKER_OK;
	if (category_id < 0)
		return TRACKER_INVALID;
	int rc = access_check(db, ACCESS_CATEGORY, category_id, user_id);
	return rc == 0 ? TRACKER_OK : rc == 404 ? TRACKER_INVALID : TRACKER_ERROR;
}

/* TRACKER_NAME_TAKEN when a live tracker of user_id other than id has name (ASCII
 * case-insensitive), TRACKER_OK when it is free, TRACKER_ERROR. */
static enum tracker_result name_taken(struct db *db, int64_t user_id, int64_t id, const char *name)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_NAME_TAKEN);
	if (!s || db_bind_int(s, ":user_id", user_id) || db_bind_int(s, ":id", id) || db_bind_text(s, ":name", name))
		return TRACKER_ERROR;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return TRACKER_NAME_TAKEN;
	if (rc == SQLITE_DONE)
		return TRACKER_OK;
	log_error("tracker_name_taken: %s", sqlite3_errmsg(db->conn));
	return TRACKER_ERROR;
}

/* Writes to out a name no other live tracker of user_id (but id) has: "base (label)", then
 * "base (label 2)" …, base shortened at a character boundary so that the whole name fits
 * TRACKER_NAME_MAX bytes. */
static enum tracker_result suffixed_name(struct db *db, int64_t user_id, int64_t id, const char *base,
					 const char *label, char out[TRACKER_NAME_MAX + 1])
{
	for (int n = 1; n < 10000; n++) {
		char suffix[32];
		if (n == 1)
			snprintf(suffix, sizeof suffix, " (%s)", label);
		else
			snprintf(suffix, sizeof suffix, " (%s %d)", label, n);
		size_t room = TRACKER_NAME_MAX - strlen(suffix), len = strlen(base);
		if (len > room) {
			len = room;
			while (len > 0 && ((unsigned char)base[len] & 0xC0) == 0x80)
				len--; /* do not cut a UTF-8 sequence */
		}
		while (len > 0 && base[len - 1] == ' ')
			len--;
		memcpy(out, base, len);
		memcpy(out + len, suffix, strlen(suffix) + 1);
		enum tracker_result r = name_taken(db, user_id, id, out);
		if (r != TRACKER_NAME_TAKEN)
			return r;
	}
	log_error("tracker: no free name for %s", base);
	return TRACKER_ERROR;
}

/* Reads the mode, status and position of live tracker id of user_id. */
static enum tracker_result tracker_state(struct db *db, int64_t user_id, int64_t id, enum time_mode *mode,
					 enum tracker_status *status, int *position)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_STATE);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	int rc = sqlite3_step(s);
	enum tracker_result r = TRACKER_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		r = TRACKER_OK;
		if (time_mode_parse((const char *)sqlite3_column_text(s, 0), mode) ||
		    tracker_status_parse((const char *)sqlite3_column_text(s, 1), status))
			r = TRACKER_ERROR;
		*position = sqlite3_column_int(s, 2);
	} else if (rc != SQLITE_DONE) {
		log_error("tracker_state: %s", sqlite3_errmsg(db->conn));
		r = TRACKER_ERROR;
	}
	sqlite3_reset(s);
	return r;
}

/* Binds the fields of an input shared by insert and update (name already trimmed). */
static int bind_input(sqlite3_stmt *s, const struct tracker_input *in, const char *name)
{
	return db_bind_text(s, ":name", name) || db_bind_text(s, ":description", in->description ? in->description : "") ||
	       bind_day(s, ":start_date", in->start_date) || bind_day(s, ":end_date", in->end_date) ||
	       db_bind_text(s, ":color", in->color) ||
	       (in->category_id ? db_bind_int(s, ":category_id", in->category_id) : db_bind_null(s, ":category_id"));
}

enum tracker_result tracker_create(struct db *db, int64_t now, int64_t user_id, const struct tracker_input *in,
				   int64_t *id_out)
{
	if (tracker_input_check(in, NULL))
		return TRACKER_INVALID;
	char name[TRACKER_NAME_MAX + 1];
	strx_copy_trimmed(in->name, name, sizeof name);
	enum tracker_result r = category_usable(db, user_id, in->category_id);
	if (r == TRACKER_OK)
		r = name_taken(db, user_id, 0, name);
	if (r != TRACKER_OK)
		return r;
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_INSERT);
	if (!s || db_bind_int(s, ":user_id", user_id) || bind_input(s, in, name) ||
	    db_bind_text(s, ":time_mode", time_mode_name(in->time_mode)) || db_bind_int(s, ":now", now))
		return TRACKER_ERROR;
	r = step_write(db, s, "tracker_insert", false);
	if (r == TRACKER_OK && id_out)
		*id_out = sqlite3_last_insert_rowid(db->conn);
	return r;
}

/* Fills *t from a row of TRACKER_SELECT (stmt.c). */
static int read_tracker_row(sqlite3_stmt *s, struct arena *a, struct tracker *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(s, 0);
	t->user_id = sqlite3_column_int64(s, 1);
	t->name = db_column_text(s, 2, a);
	t->description = db_column_text(s, 3, a);
	int bad = time_mode_parse((const char *)sqlite3_column_text(s, 4), &t->time_mode);
	t->time_mode_since = db_column_day(s, 5, TRACKER_NO_DATE);
	t->start_date = db_column_day(s, 6, TRACKER_NO_DATE);
	t->end_date = db_column_day(s, 7, TRACKER_NO_DATE);
	bad |= tracker_status_parse((const char *)sqlite3_column_text(s, 8), &t->status);
	t->color = db_column_text(s, 9, a);
	t->category_id = sqlite3_column_int64(s, 10);
	t->category_name = db_column_text(s, 11, a);
	t->position = sqlite3_column_int(s, 12);
	t->created_at = sqlite3_column_int64(s, 13);
	t->deleted_at = sqlite3_column_int64(s, 14);
	t->task_count = sqlite3_column_int(s, 15);
	if (bad)
		log_error("tracker %lld: unknown time mode or status", (long long)t->id);
	return bad ? -1 : 0;
}

enum tracker_result tracker_get(struct db *db, struct arena *a, int64_t user_id, int64_t id, bool include_deleted,
				struct tracker *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_GET);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_int(s, ":include_deleted", include_deleted))
		return TRACKER_ERROR;
	int rc = sqlite3_step(s);
	enum tracker_result r = TRACKER_NOT_FOUND;
	if (rc == SQLITE_ROW)
		r = read_tracker_row(s, a, out) ? TRACKER_ERROR : TRACKER_OK;
	else if (rc != SQLITE_DONE) {
		log_error("tracker_get: %s", sqlite3_errmsg(db->conn));
		r = TRACKER_ERROR;
	}
	sqlite3_reset(s);
	return r;
}

struct tracker_node {
	struct tracker t;
	struct tracker_node *next;
};

enum tracker_result tracker_each(struct db *db, struct arena *a, int64_t user_id, enum tracker_filter filter,
				 int64_t tag_id, int (*fn)(void *ctx, const struct tracker *t), void *ctx)
{
	static const char *const statuses[] = {
		[TRACKER_LIST_ACTIVE] = "active", [TRACKER_LIST_PAUSED] = "paused",
		[TRACKER_LIST_ARCHIVED] = "archived", [TRACKER_LIST_ALL] = NULL, [TRACKER_LIST_DELETED] = NULL,
	};
	if ((unsigned)filter > TRACKER_LIST_DELETED)
		return TRACKER_INVALID;
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_LIST);
	if (!s || db_bind_int(s, ":user_id", user_id) || db_bind_int(s, ":deleted", filter == TRACKER_LIST_DELETED) ||
	    db_bind_text(s, ":status", statuses[filter]) || db_bind_int(s, ":tag_id", tag_id > 0 ? tag_id : 0))
		return TRACKER_ERROR;
	/* Read every row first, so that fn may run any statement, even this one. */
	struct tracker_node *head = NULL, **tail = &head;
	int rc, bad = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct tracker_node *n = arena_alloc(a, sizeof *n);
		bad |= read_tracker_row(s, a, &n->t);
		*tail = n;
		tail = &n->next;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("tracker_list: %s", sqlite3_errmsg(db->conn));
		return TRACKER_ERROR;
	}
	if (bad)
		return TRACKER_ERROR;
	for (struct tracker_node *n = head; n; n = n->next)
		if (fn(ctx, &n->t))
			break;
	return TRACKER_OK;
}

enum tracker_result tracker_update(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t id,
				   const struct tracker_input *in)
{
	enum time_mode mode;
	enum tracker_status status;
	int position;
	enum tracker_result r = tracker_state(db, user_id, id, &mode, &status, &position);
	if (r != TRACKER_OK)
		return r;
	if (tracker_input_check(in, NULL))
		return TRACKER_INVALID;
	char name[TRACKER_NAME_MAX + 1];
	strx_copy_trimmed(in->name, name, sizeof name);
	r = category_usable(db, user_id, in->category_id);
	if (r == TRACKER_OK)
		r = name_taken(db, user_id, id, name);
	if (r != TRACKER_OK)
		return r;
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_UPDATE);
	if (!s || bind_input(s, in, name) || db_bind_int(s, ":now", now) || db_bind_int(s, ":id", id) ||
	    db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	r = step_write(db, s, "tracker_update", false);
	if (r == TRACKER_OK && in->time_mode != mode)
		r = tracker_change_mode(db, now, today, user_id, id, in->time_mode);
	return r;
}

enum tracker_result tracker_set_status(struct db *db, int64_t now, int64_t user_id, int64_t id,
				       enum tracker_status status)
{
	if ((unsigned)status >= TRACKER_STATUS__MAX)
		return TRACKER_INVALID;
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_SET_STATUS);
	if (!s || db_bind_text(s, ":status", status_names[status]) || db_bind_int(s, ":now", now) ||
	    db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	enum tracker_result r = step_write(db, s, "tracker_set_status", false);
	return r == TRACKER_OK && sqlite3_changes(db->conn) == 0 ? TRACKER_NOT_FOUND : r;
}

enum tracker_result tracker_change_mode(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t id,
					enum time_mode mode)
{
	enum time_mode old;
	enum tracker_status status;
	int position;
	enum tracker_result r = tracker_state(db, user_id, id, &old, &status, &position);
	if (r != TRACKER_OK || old == mode)
		return r;
	if (!mode_valid(mode) || today == TRACKER_NO_DATE || !day_valid(today))
		return TRACKER_INVALID;
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_SET_MODE);
	if (!s || db_bind_text(s, ":time_mode", time_mode_name(mode)) || bind_day(s, ":since", today) ||
	    db_bind_int(s, ":now", now) || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	r = step_write(db, s, "tracker_set_mode", false);
	if (r != TRACKER_OK)
		return r;
	s = db_stmt(db, STMT_TRACKER_MARK_LEGACY);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	return step_write(db, s, "tracker_mark_legacy", false);
}

/* Moves deleted_at of the children of tracker id from old to new (0 = NULL) in the four child
 * tables: the soft-delete cascade (old 0) and its undoing (new 0). */
static enum tracker_result cascade(struct db *db, int64_t user_id, int64_t id, int64_t old, int64_t new)
{
	static const enum stmt_id children[] = { STMT_TRACKER_CASCADE_TEMPLATES, STMT_TRACKER_CASCADE_INSTANCES,
						 STMT_TRACKER_CASCADE_TASK_INSTANCES, STMT_TRACKER_CASCADE_NOTES };
	for (size_t i = 0; i < sizeof children / sizeof children[0]; i++) {
		sqlite3_stmt *s = db_stmt(db, children[i]);
		if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id) || bind_time(s, ":old", old) ||
		    bind_time(s, ":new", new))
			return TRACKER_ERROR;
		enum tracker_result r = step_write(db, s, stmt_name(children[i]), false);
		if (r != TRACKER_OK)
			return r;
	}
	return TRACKER_OK;
}

/* Sets deleted_at of tracker id from old to new (0 = NULL), renaming it when name is not
 * NULL; TRACKER_NOT_FOUND when no row changed. */
static enum tracker_result set_deleted(struct db *db, int64_t now, int64_t user_id, int64_t id, int64_t old,
				       int64_t new, const char *name)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_SET_DELETED);
	if (!s || bind_time(s, ":old", old) || bind_time(s, ":new", new) || db_bind_text(s, ":name", name) ||
	    db_bind_int(s, ":now", now) || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	enum tracker_result r = step_write(db, s, "tracker_set_deleted", false);
	return r == TRACKER_OK && sqlite3_changes(db->conn) == 0 ? TRACKER_NOT_FOUND : r;
}

enum tracker_result tracker_delete(struct db *db, int64_t now, int64_t user_id, int64_t id)
{
	enum tracker_result r = set_deleted(db, now, user_id, id, 0, now, NULL);
	return r == TRACKER_OK ? cascade(db, user_id, id, 0, now) : r;
}

enum tracker_result tracker_restore(struct db *db, struct arena *a, int64_t now, int64_t user_id, int64_t id,
				    const char **name_out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_DELETED_GET);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	struct arena tmp;
	arena_init(&tmp);
	const char *name = NULL;
	int64_t deleted_at = 0;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		name = db_column_text(s, 0, &tmp);
		deleted_at = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	enum tracker_result r = TRACKER_OK;
	char renamed[TRACKER_NAME_MAX + 1];
	const char *new_name = NULL; /* NULL: the name stays */
	if (rc == SQLITE_DONE) {
		r = TRACKER_NOT_FOUND;
		goto out;
	}
	if (rc != SQLITE_ROW) {
		log_error("tracker_deleted_get: %s", sqlite3_errmsg(db->conn));
		r = TRACKER_ERROR;
		goto out;
	}
	r = name_taken(db, user_id, id, name);
	if (r == TRACKER_NAME_TAKEN) {
		r = suffixed_name(db, user_id, id, name, "Restored", renamed);
		new_name = renamed;
	}
	if (r == TRACKER_OK)
		r = set_deleted(db, now, user_id, id, deleted_at, 0, new_name);
	if (r == TRACKER_OK)
		r = cascade(db, user_id, id, deleted_at, 0);
	if (r == TRACKER_OK && name_out)
		*name_out = arena_strdup(a, new_name ? new_name : name);
out:
	arena_free(&tmp);
	return r;
}

/* Copies template old_id (with its tags) into tracker new_tracker_id. */
static enum tracker_result clone_template(struct db *db, int64_t now, int64_t user_id, int64_t new_tracker_id,
					  int64_t old_id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_CLONE_TEMPLATE);
	if (!s || db_bind_int(s, ":new_tracker_id", new_tracker_id) || db_bind_int(s, ":id", old_id) ||
	    db_bind_int(s, ":user_id", user_id) || db_bind_int(s, ":now", now))
		return TRACKER_ERROR;
	enum tracker_result r = step_write(db, s, "tracker_clone_template", false);
	if (r != TRACKER_OK)
		return r;
	int64_t new_id = sqlite3_last_insert_rowid(db->conn);
	s = db_stmt(db, STMT_TRACKER_CLONE_TAGS);
	if (!s || db_bind_int(s, ":new_id", new_id) || db_bind_int(s, ":id", old_id) || db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	return step_write(db, s, "tracker_clone_tags", false);
}

enum tracker_result tracker_clone(struct db *db, int64_t now, int64_t user_id, int64_t id, int64_t *id_out)
{
	struct arena a;
	arena_init(&a);
	struct tracker t;
	char name[TRACKER_NAME_MAX + 1];
	int64_t new_id = 0, *ids = NULL;
	size_t count = 0, cap = 0;
	enum tracker_result r = tracker_get(db, &a, user_id, id, false, &t);
	if (r == TRACKER_OK)
		r = suffixed_name(db, user_id, 0, t.name, "copy", name);
	if (r != TRACKER_OK)
		goto out;
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_CLONE);
	if (!s || db_bind_text(s, ":name", name) || db_bind_int(s, ":now", now) || db_bind_int(s, ":id", id) ||
	    db_bind_int(s, ":user_id", user_id)) {
		r = TRACKER_ERROR;
		goto out;
	}
	if ((r = step_write(db, s, "tracker_clone", false)) != TRACKER_OK)
		goto out;
	new_id = sqlite3_last_insert_rowid(db->conn);
	/* The source's template ids first: the copies go into the same table. */
	s = db_stmt(db, STMT_TRACKER_CLONE_TEMPLATE_IDS);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id)) {
		r = TRACKER_ERROR;
		goto out;
	}
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? 2 * cap : 16;
			int64_t *bigger = arena_calloc(&a, cap, sizeof *bigger);
			if (count)
				memcpy(bigger, ids, count * sizeof *ids);
			ids = bigger;
		}
		ids[count++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("tracker_clone_template_ids: %s", sqlite3_errmsg(db->conn));
		r = TRACKER_ERROR;
		goto out;
	}
	for (size_t i = 0; i < count && r == TRACKER_OK; i++)
		r = clone_template(db, now, user_id, new_id, ids[i]);
	if (r == TRACKER_OK && id_out)
		*id_out = new_id;
out:
	arena_free(&a);
	return r;
}

enum tracker_result tracker_move(struct db *db, int64_t now, int64_t user_id, int64_t id, int delta)
{
	enum time_mode mode;
	enum tracker_status status;
	int position;
	enum tracker_result r = tracker_state(db, user_id, id, &mode, &status, &position);
	if (r != TRACKER_OK || delta == 0)
		return r;
	/* Positions 1..n first, so that equal positions (rows made elsewhere) still move. */
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_RENUMBER);
	if (!s || db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	if ((r = step_write(db, s, "tracker_renumber", false)) != TRACKER_OK ||
	    (r = tracker_state(db, user_id, id, &mode, &status, &position)) != TRACKER_OK)
		return r;
	s = db_stmt(db, STMT_TRACKER_NEIGHBOUR);
	if (!s || db_bind_int(s, ":user_id", user_id) || db_bind_text(s, ":status", status_names[status]) ||
	    db_bind_int(s, ":delta", delta) || db_bind_int(s, ":position", position))
		return TRACKER_ERROR;
	int rc = sqlite3_step(s);
	int64_t other = 0;
	int other_position = 0;
	if (rc == SQLITE_ROW) {
		other = sqlite3_column_int64(s, 0);
		other_position = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return TRACKER_OK; /* first or last already */
	if (rc != SQLITE_ROW) {
		log_error("tracker_neighbour: %s", sqlite3_errmsg(db->conn));
		return TRACKER_ERROR;
	}
	s = db_stmt(db, STMT_TRACKER_SWAP);
	if (!s || db_bind_int(s, ":a", id) || db_bind_int(s, ":b", other) || db_bind_int(s, ":a_position", position) ||
	    db_bind_int(s, ":b_position", other_position) || db_bind_int(s, ":now", now) ||
	    db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	return step_write(db, s, "tracker_swap", false);
}

/* Checks a category's name and colour; copies the trimmed name to out. */
static enum tracker_result category_input(const char *name, const char *color, char out[CATEGORY_NAME_MAX + 1])
{
	if (strx_name_problem(name, CATEGORY_NAME_MAX, "Use at most 50 characters for the name.") ||
	    !tracker_color_valid(color))
		return TRACKER_INVALID;
	strx_copy_trimmed(name, out, CATEGORY_NAME_MAX + 1);
	return TRACKER_OK;
}

enum tracker_result category_create(struct db *db, int64_t now, int64_t user_id, const char *name, const char *color,
				    int64_t *id_out)
{
	char clean[CATEGORY_NAME_MAX + 1];
	enum tracker_result r = category_input(name, color, clean);
	if (r != TRACKER_OK)
		return r;
	sqlite3_stmt *s = db_stmt(db, STMT_CATEGORY_INSERT);
	if (!s || db_bind_int(s, ":user_id", user_id) || db_bind_text(s, ":name", clean) ||
	    db_bind_text(s, ":color", color) || db_bind_int(s, ":now", now))
		return TRACKER_ERROR;
	r = step_write(db, s, "category_insert", true);
	if (r == TRACKER_OK && id_out)
		*id_out = sqlite3_last_insert_rowid(db->conn);
	return r;
}

enum tracker_result category_update(struct db *db, int64_t now, int64_t user_id, int64_t id, const char *name,
				    const char *color)
{
	char clean[CATEGORY_NAME_MAX + 1];
	int rc = access_check(db, ACCESS_CATEGORY, id, user_id);
	if (rc)
		return rc == 404 ? TRACKER_NOT_FOUND : TRACKER_ERROR;
	enum tracker_result r = category_input(name, color, clean);
	if (r != TRACKER_OK)
		return r;
	sqlite3_stmt *s = db_stmt(db, STMT_CATEGORY_UPDATE);
	if (!s || db_bind_text(s, ":name", clean) || db_bind_text(s, ":color", color) || db_bind_int(s, ":now", now) ||
	    db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	r = step_write(db, s, "category_update", true);
	return r == TRACKER_OK && sqlite3_changes(db->conn) == 0 ? TRACKER_NOT_FOUND : r;
}

enum tracker_result category_delete(struct db *db, int64_t user_id, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_CATEGORY_DELETE);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	/* trackers.category_id and goals.category_id are ON DELETE SET NULL */
	enum tracker_result r = step_write(db, s, "category_delete", false);
	return r == TRACKER_OK && sqlite3_changes(db->conn) == 0 ? TRACKER_NOT_FOUND : r;
}

struct category_node {
	struct category c;
	struct category_node *next;
};

enum tracker_result category_each(struct db *db, struct arena *a, int64_t user_id,
				  int (*fn)(void *ctx, const struct category *c), void *ctx)
{
	sqlite3_stmt *s = db_stmt(db, STMT_CATEGORY_LIST);
	if (!s || db_bind_int(s, ":user_id", user_id))
		return TRACKER_ERROR;
	struct category_node *head = NULL, **tail = &head;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct category_node *n = arena_alloc(a, sizeof *n);
		n->c.id = sqlite3_column_int64(s, 0);
		n->c.name = db_column_text(s, 1, a);
		n->c.color = db_column_text(s, 2, a);
		n->c.tracker_count = sqlite3_column_int(s, 3);
		*tail = n;
		tail = &n->next;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("category_list: %s", sqlite3_errmsg(db->conn));
		return TRACKER_ERROR;
	}
	for (struct category_node *n = head; n; n = n->next)
		if (fn(ctx, &n->c))
			break;
	return TRACKER_OK;
}

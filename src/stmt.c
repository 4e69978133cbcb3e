/* stmt: the SQL statement table. Values are always bound (:name), never formatted in. */
#include "stmt.h"

#include <stddef.h>

/* Column lists shared by the tracker and task-template reads (tracker.c, task.c read them by
 * position). */
#define TRACKER_SELECT \
	"SELECT k.id, k.user_id, k.name, k.description, k.time_mode, k.time_mode_since, k.start_date, k.end_date," \
	" k.status, k.color, ifnull(k.category_id, 0), ifnull(c.name, ''), k.position, k.created_at," \
	" ifnull(k.deleted_at, 0), (SELECT count(*) FROM task_templates t WHERE t.tracker_id = k.id" \
	" AND t.status = 'active' AND t.deleted_at IS NULL)" \
	" FROM trackers k LEFT JOIN categories c ON c.id = k.category_id AND c.user_id = k.user_id"
#define TASK_COLUMNS \
	"t.id, t.tracker_id, t.name, t.description, t.points, t.weight, t.time_of_day, t.kind," \
	" ifnull(t.target_value, 0), ifnull(t.target_direction, 'at_least'), t.unit, t.schedule_kind," \
	" t.schedule_weekdays, ifnull(t.schedule_interval_days, 0), t.schedule_anchor, ifnull(t.schedule_times, 0)," \
	" ifnull(t.schedule_window_days, 0), t.difficulty, t.priority, t.counts_toward_goals, t.status," \
	" ifnull(t.reminder_minute, -1), t.reminder_weekdays, t.position, ifnull(t.deleted_at, 0)"
#define TASK_FIELDS \
	"name, description, points, weight, time_of_day, kind, target_value, target_direction, unit, schedule_kind," \
	" schedule_weekdays, schedule_interval_days, schedule_anchor, schedule_times, schedule_window_days, difficulty," \
	" priority, counts_toward_goals, status, reminder_minute, reminder_weekdays"
/* The owner of a task template (the statement's table is task_templates). */
#define TASK_OWNED \
	" EXISTS (SELECT 1 FROM trackers k WHERE k.id = task_templates.tracker_id AND k.user_id = :user_id)"

/* The goal row as goal.c reads it (by position), and the owner check of a goal's child rows. */
#define GOAL_SELECT \
	"SELECT g.id, g.user_id, g.name, g.description, g.kind, g.unit, ifnull(g.target_value, 0), g.start_date," \
	" g.deadline, g.metric, g.period_unit, g.current_value, g.best_value, g.status, ifnull(g.achieved_at, 0)," \
	" ifnull(g.category_id, 0), ifnull(c.name, ''), g.position, g.created_at, g.updated_at, ifnull(g.deleted_at, 0)" \
	" FROM goals g LEFT JOIN categories c ON c.id = g.category_id AND c.user_id = g.user_id"
#define GOAL_OWNED " EXISTS (SELECT 1 FROM goals WHERE id = :goal_id AND user_id = :user_id AND deleted_at IS NULL)"
/* The columns of goal_templates_each and goal_mappings_each (t a template, k its tracker). */
#define GOAL_TASK_COLUMNS \
	"t.id, t.name, k.id, k.name, (t.deleted_at IS NOT NULL OR k.deleted_at IS NOT NULL), t.counts_toward_goals," \
	" t.kind = 'measure', t.unit"

static const struct {
	const char *name;
	const char *sql;
} stmt_table[STMT__MAX] = {
	[STMT_HEALTHZ] = { "healthz", "SELECT count(*) FROM sqlite_schema" },
	[STMT_DATA_VERSION] = { "data_version", "PRAGMA data_version" },

	[STMT_USER_INSERT] = { "user_insert",
		"INSERT INTO users (email, password_hash, display_name, time_zone, week_start, is_admin, created_at, updated_at)"
		" VALUES (:email, :password_hash, :display_name, :time_zone, 1, :is_admin, :now, :now)" },
	[STMT_PREFERENCES_INSERT] = { "preferences_insert",
		"INSERT INTO preferences (user_id, updated_at) VALUES (:user_id, :now)" },
	[STMT_USER_BY_ID] = { "user_by_id",
		"SELECT id, email, display_name, time_zone, week_start, is_admin, created_at, ifnull(last_login_at, 0), password_hash"
		" FROM users WHERE id = :id" },
	[STMT_USER_BY_EMAIL] = { "user_by_email",
		"SELECT id, email, display_name, time_zone, week_start, is_admin, created_at, ifnull(last_login_at, 0), password_hash"
		" FROM users WHERE email = :email" },
	[STMT_USER_SET_LAST_LOGIN] = { "user_set_last_login",
		"UPDATE users SET last_login_at = :now WHERE id = :id" },
	[STMT_USER_SET_PASSWORD] = { "user_set_password",
		"UPDATE users SET password_hash = :password_hash, updated_at = :now WHERE id = :id" },
	[STMT_USER_SET_EMAIL] = { "user_set_email",
		"UPDATE users SET email = :email, updated_at = :now WHERE id = :id" },
	[STMT_USER_UPDATE_PROFILE] = { "user_update_profile",
		"UPDATE users SET display_name = :display_name, time_zone = :time_zone, week_start = :week_start,"
		" updated_at = :now WHERE id = :id" },
	[STMT_USER_DELETE] = { "user_delete", "DELETE FROM users WHERE id = :id" },
	[STMT_USER_COUNT] = { "user_count", "SELECT count(*) FROM users" },
	[STMT_USER_LIST] = { "user_list",
		"SELECT id, email, display_name, time_zone, week_start, is_admin, created_at, ifnull(last_login_at, 0), password_hash"
		" FROM users ORDER BY id" },
	[STMT_PREFERENCES_GET] = { "preferences_get",
		"SELECT theme, streak_threshold, ifnull(reminder_minute, -1), ifnull(summary_minute, -1)"
		" FROM preferences WHERE user_id = :user_id" },
	[STMT_PREFERENCES_UPDATE] = { "preferences_update",
		"INSERT INTO preferences (user_id, theme, streak_threshold, reminder_minute, summary_minute, updated_at)"
		" VALUES (:user_id, :theme, :streak_threshold, :reminder_minute, :summary_minute, :now)"
		" ON CONFLICT (user_id) DO UPDATE SET theme = excluded.theme, streak_threshold = excluded.streak_threshold,"
		" reminder_minute = excluded.reminder_minute, summary_minute = excluded.summary_minute,"
		" updated_at = excluded.updated_at" },

	[STMT_SESSION_INSERT] = { "session_insert",
		"INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, user_agent, address)"
		" VALUES (:user_id, :token_hash, :csrf_token, :now, :now, :expires_at, :user_agent, :address)" },
	[STMT_SESSION_BY_HASH] = { "session_by_hash",
		"SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = :token_hash" },
	[STMT_SESSION_TOUCH] = { "session_touch",
		"UPDATE sessions SET last_seen_at = :now WHERE id = :id" },
	[STMT_SESSION_DELETE] = { "session_delete",
		"DELETE FROM sessions WHERE id = :id AND user_id = :user_id" },
	[STMT_SESSION_DELETE_BY_ID] = { "session_delete_by_id", "DELETE FROM sessions WHERE id = :id" },
	[STMT_SESSION_DELETE_OTHERS] = { "session_delete_others",
		"DELETE FROM sessions WHERE user_id = :user_id AND id <> :keep_id" },
	[STMT_SESSION_DELETE_EXPIRED] = { "session_delete_expired",
		"DELETE FROM sessions WHERE expires_at <= :now OR last_seen_at <= :idle_before" },
	[STMT_SESSION_LIST] = { "session_list",
		"SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent, address"
		" FROM sessions WHERE user_id = :user_id ORDER BY last_seen_at DESC, id DESC" },

	[STMT_OWNS_SESSION] = { "owns_session", "SELECT 1 FROM sessions WHERE id = :id AND user_id = :user_id" },
	[STMT_OWNS_TRACKER] = { "owns_tracker", "SELECT 1 FROM trackers WHERE id = :id AND user_id = :user_id" },
	[STMT_OWNS_TASK_TEMPLATE] = { "owns_task_template",
		"SELECT 1 FROM task_templates t JOIN trackers k ON k.id = t.tracker_id"
		" WHERE t.id = :id AND k.user_id = :user_id" },
	[STMT_OWNS_GOAL] = { "owns_goal", "SELECT 1 FROM goals WHERE id = :id AND user_id = :user_id" },
	[STMT_OWNS_SHARE_LINK] = { "owns_share_link", "SELECT 1 FROM share_links WHERE id = :id AND user_id = :user_id" },
	[STMT_OWNS_CATEGORY] = { "owns_category", "SELECT 1 FROM categories WHERE id = :id AND user_id = :user_id" },
	[STMT_OWNS_TAG] = { "owns_tag", "SELECT 1 FROM tags WHERE id = :id AND user_id = :user_id" },

	[STMT_TRACKER_INSERT] = { "tracker_insert",
		"INSERT INTO trackers (user_id, name, description, time_mode, start_date, end_date, color, category_id, position,"
		" created_at, updated_at) VALUES (:user_id, :name, :description, :time_mode, :start_date, :end_date, :color,"
		" :category_id, (SELECT ifnull(max(position), 0) + 1 FROM trackers WHERE user_id = :user_id), :now, :now)" },
	[STMT_TRACKER_NAME_TAKEN] = { "tracker_name_taken",
		"SELECT 1 FROM trackers WHERE user_id = :user_id AND deleted_at IS NULL AND id <> :id"
		" AND name = :name COLLATE NOCASE LIMIT 1" },
	[STMT_TRACKER_GET] = { "tracker_get",
		TRACKER_SELECT " WHERE k.id = :id AND k.user_id = :user_id AND (:include_deleted OR k.deleted_at IS NULL)" },
	[STMT_TRACKER_LIST] = { "tracker_list",
		TRACKER_SELECT " WHERE k.user_id = :user_id"
		" AND CASE WHEN :deleted THEN k.deleted_at IS NOT NULL"
		" ELSE k.deleted_at IS NULL AND (:status IS NULL OR k.status = :status) END"
		" AND (:tag_id = 0 OR EXISTS (SELECT 1 FROM task_templates t JOIN template_tags tt ON tt.task_template_id = t.id"
		" WHERE t.tracker_id = k.id AND tt.tag_id = :tag_id AND (t.deleted_at IS NULL OR t.deleted_at = k.deleted_at)))"
		" ORDER BY k.position, k.id" },
	[STMT_TRACKER_STATE] = { "tracker_state",
		"SELECT time_mode, status, position FROM trackers WHERE id = :id AND user_id = :user_id AND deleted_at IS NULL" },
	[STMT_TRACKER_UPDATE] = { "tracker_update",
		"UPDATE trackers SET name = :name, description = :description, start_date = :start_date, end_date = :end_date,"
		" color = :color, category_id = :category_id, updated_at = :now"
		" WHERE id = :id AND user_id = :user_id AND deleted_at IS NULL" },
	[STMT_TRACKER_SET_STATUS] = { "tracker_set_status",
		"UPDATE trackers SET status = :status, updated_at = :now WHERE id = :id AND user_id = :user_id AND deleted_at IS NULL" },
	[STMT_TRACKER_SET_MODE] = { "tracker_set_mode",
		"UPDATE trackers SET time_mode = :time_mode, time_mode_since = :since, updated_at = :now"
		" WHERE id = :id AND user_id = :user_id AND deleted_at IS NULL" },
	[STMT_TRACKER_MARK_LEGACY] = { "tracker_mark_legacy",
		"UPDATE tracker_instances SET legacy = 1"
		" WHERE tracker_id = (SELECT id FROM trackers WHERE id = :id AND user_id = :user_id) AND legacy = 0" },
	[STMT_TRACKER_DELETED_GET] = { "tracker_deleted_get",
		"SELECT name, deleted_at FROM trackers WHERE id = :id AND user_id = :user_id AND deleted_at IS NOT NULL" },
	/* Soft delete (:old NULL, :new now) and restore (:old the deletion time, :new NULL) of a tracker and,
	 * in the four cascade statements, of what its deletion took with it. */
	[STMT_TRACKER_SET_DELETED] = { "tracker_set_deleted",
		"UPDATE trackers SET deleted_at = :new, name = coalesce(:name, name), updated_at = :now"
		" WHERE id = :id AND user_id = :user_id AND deleted_at IS :old" },
	[STMT_TRACKER_CASCADE_TEMPLATES] = { "tracker_cascade_templates",
		"UPDATE task_templates SET deleted_at = :new"
		" WHERE tracker_id = (SELECT id FROM trackers WHERE id = :id AND user_id = :user_id) AND deleted_at IS :old" },
	[STMT_TRACKER_CASCADE_INSTANCES] = { "tracker_cascade_instances",
		"UPDATE tracker_instances SET deleted_at = :new"
		" WHERE tracker_id = (SELECT id FROM trackers WHERE id = :id AND user_id = :user_id) AND deleted_at IS :old" },
	[STMT_TRACKER_CASCADE_TASK_INSTANCES] = { "tracker_cascade_task_instances",
		"UPDATE task_instances SET deleted_at = :new WHERE tracker_instance_id IN (SELECT i.id FROM tracker_instances i"
		" JOIN trackers k ON k.id = i.tracker_id WHERE k.id = :id AND k.user_id = :user_id) AND deleted_at IS :old" },
	[STMT_TRACKER_CASCADE_NOTES] = { "tracker_cascade_notes",
		"UPDATE day_notes SET deleted_at = :new"
		" WHERE tracker_id = (SELECT id FROM trackers WHERE id = :id AND user_id = :user_id) AND deleted_at IS :old" },
	[STMT_TRACKER_CLONE] = { "tracker_clone",
		"INSERT INTO trackers (user_id, name, description, time_mode, start_date, end_date, color, category_id, position,"
		" created_at, updated_at) SELECT user_id, :name, description, time_mode, start_date, end_date, color, category_id,"
		" (SELECT max(position) + 1 FROM trackers WHERE user_id = :user_id), :now, :now"
		" FROM trackers WHERE id = :id AND user_id = :user_id AND deleted_at IS NULL" },
	[STMT_TRACKER_CLONE_TEMPLATE_IDS] = { "tracker_clone_template_ids",
		"SELECT t.id FROM task_templates t JOIN trackers k ON k.id = t.tracker_id"
		" WHERE k.id = :id AND k.user_id = :user_id AND t.deleted_at IS NULL ORDER BY t.position, t.id" },
	[STMT_TRACKER_CLONE_TEMPLATE] = { "tracker_clone_template",
		"INSERT INTO task_templates (tracker_id, " TASK_FIELDS ", position, created_at, updated_at)"
		" SELECT :new_tracker_id, " TASK_FIELDS ", position, :now, :now FROM task_templates"
		" WHERE id = :id AND" TASK_OWNED
		" AND (SELECT user_id FROM trackers WHERE id = :new_tracker_id) = :user_id" },
	[STMT_TRACKER_CLONE_TAGS] = { "tracker_clone_tags",
		"INSERT INTO template_tags (task_template_id, tag_id) SELECT :new_id, tt.tag_id FROM template_tags tt"
		" JOIN tags g ON g.id = tt.tag_id WHERE tt.task_template_id = :id AND g.user_id = :user_id" },
	/* Ordering: renumber 1..n by (position, id), find the neighbour with the same status in the
	 * direction of :delta, swap the two positions. */
	[STMT_TRACKER_RENUMBER] = { "tracker_renumber",
		"UPDATE trackers SET position = r.n FROM (SELECT id, row_number() OVER (ORDER BY position, id) AS n"
		" FROM trackers WHERE user_id = :user_id) AS r WHERE trackers.id = r.id AND trackers.position <> r.n" },
	[STMT_TRACKER_NEIGHBOUR] = { "tracker_neighbour",
		"SELECT id, position FROM trackers WHERE user_id = :user_id AND deleted_at IS NULL AND status = :status"
		" AND CASE WHEN :delta < 0 THEN position < :position ELSE position > :position END"
		" ORDER BY CASE WHEN :delta < 0 THEN -position ELSE position END LIMIT 1" },
	[STMT_TRACKER_SWAP] = { "tracker_swap",
		"UPDATE trackers SET position = CASE id WHEN :a THEN :b_position ELSE :a_position END, updated_at = :now"
		" WHERE user_id = :user_id AND id IN (:a, :b)" },

	[STMT_CATEGORY_INSERT] = { "category_insert",
		"INSERT INTO categories (user_id, name, color, position, created_at, updated_at) VALUES (:user_id, :name, :color,"
		" (SELECT ifnull(max(position), 0) + 1 FROM categories WHERE user_id = :user_id), :now, :now)" },
	[STMT_CATEGORY_UPDATE] = { "category_update",
		"UPDATE categories SET name = :name, color = :color, updated_at = :now WHERE id = :id AND user_id = :user_id" },
	[STMT_CATEGORY_DELETE] = { "category_delete", "DELETE FROM categories WHERE id = :id AND user_id = :user_id" },
	[STMT_CATEGORY_LIST] = { "category_list",
		"SELECT c.id, c.name, c.color, (SELECT count(*) FROM trackers k WHERE k.category_id = c.id AND k.deleted_at IS NULL)"
		" FROM categories c WHERE c.user_id = :user_id ORDER BY c.name COLLATE NOCASE, c.id" },

	[STMT_TASK_INSERT] = { "task_insert",
		"INSERT INTO task_templates (tracker_id, " TASK_FIELDS ", position, created_at, updated_at)"
		" SELECT k.id, :name, :description, :points, :weight, :time_of_day, :kind, :target_value, :target_direction, :unit,"
		" :schedule_kind, :schedule_weekdays, :schedule_interval_days, :schedule_anchor, :schedule_times,"
		" :schedule_window_days, :difficulty, :priority, :counts_toward_goals, :status, :reminder_minute,"
		" :reminder_weekdays, (SELECT ifnull(max(position), 0) + 1 FROM task_templates WHERE tracker_id = k.id), :now, :now"
		" FROM trackers k WHERE k.id = :tracker_id AND k.user_id = :user_id AND k.deleted_at IS NULL" },
	[STMT_TASK_GET] = { "task_get",
		"SELECT " TASK_COLUMNS " FROM task_templates t JOIN trackers k ON k.id = t.tracker_id"
		" WHERE t.id = :id AND k.user_id = :user_id AND (:include_deleted OR t.deleted_at IS NULL)" },
	[STMT_TASK_LIST] = { "task_list",
		"SELECT " TASK_COLUMNS " FROM task_templates t JOIN trackers k ON k.id = t.tracker_id"
		" WHERE t.tracker_id = :tracker_id AND k.user_id = :user_id AND (:include_deleted OR t.deleted_at IS NULL)"
		" ORDER BY t.position, t.id" },
	[STMT_TASK_STATE] = { "task_state",
		"SELECT t.tracker_id, t.position, k.time_mode FROM task_templates t JOIN trackers k ON k.id = t.tracker_id"
		" WHERE t.id = :id AND k.user_id = :user_id AND t.deleted_at IS NULL AND k.deleted_at IS NULL" },
	[STMT_TASK_UPDATE] = { "task_update",
		"UPDATE task_templates SET name = :name, description = :description, points = :points, weight = :weight,"
		" time_of_day = :time_of_day, kind = :kind, target_value = :target_value, target_direction = :target_direction,"
		" unit = :unit, schedule_kind = :schedule_kind, schedule_weekdays = :schedule_weekdays,"
		" schedule_interval_days = :schedule_interval_days, schedule_anchor = :schedule_anchor,"
		" schedule_times = :schedule_times, schedule_window_days = :schedule_window_days, difficulty = :difficulty,"
		" priority = :priority, counts_toward_goals = :counts_toward_goals, status = :status,"
		" reminder_minute = :reminder_minute, reminder_weekdays = :reminder_weekdays, updated_at = :now"
		" WHERE id = :id AND deleted_at IS NULL AND" TASK_OWNED },
	[STMT_TASK_TAGS] = { "task_tags",
		"SELECT g.id, g.name, g.color FROM template_tags tt JOIN tags g ON g.id = tt.tag_id"
		" WHERE tt.task_template_id = :id AND g.user_id = :user_id ORDER BY g.name COLLATE NOCASE, g.id" },
	[STMT_TASK_TAGS_CLEAR] = { "task_tags_clear",
		"DELETE FROM template_tags WHERE task_template_id = :id AND EXISTS (SELECT 1 FROM task_templates t"
		" JOIN trackers k ON k.id = t.tracker_id WHERE t.id = :id AND k.user_id = :user_id)" },
	[STMT_TASK_TAG_ADD] = { "task_tag_add",
		"INSERT OR IGNORE INTO template_tags (task_template_id, tag_id) SELECT t.id, g.id"
		" FROM task_templates t JOIN trackers k ON k.id = t.tracker_id JOIN tags g ON g.id = :tag_id"
		" WHERE t.id = :id AND k.user_id = :user_id AND g.user_id = :user_id" },
	[STMT_TASK_SET_DELETED] = { "task_set_deleted",
		"UPDATE task_templates SET deleted_at = :now WHERE id = :id AND deleted_at IS NULL AND" TASK_OWNED },
	[STMT_TASK_RESTORE] = { "task_restore",
		"UPDATE task_templates SET deleted_at = NULL, updated_at = :now WHERE id = :id AND deleted_at IS NOT NULL"
		" AND EXISTS (SELECT 1 FROM trackers k WHERE k.id = task_templates.tracker_id AND k.user_id = :user_id"
		" AND k.deleted_at IS NULL)" },
	[STMT_TASK_DELETED_LIST] = { "task_deleted_list",
		"SELECT " TASK_COLUMNS ", k.name FROM task_templates t JOIN trackers k ON k.id = t.tracker_id"
		" WHERE k.user_id = :user_id AND t.deleted_at IS NOT NULL AND k.deleted_at IS NULL"
		" ORDER BY t.deleted_at DESC, t.id DESC" },
	[STMT_TASK_RENUMBER] = { "task_renumber",
		"UPDATE task_templates SET position = r.n FROM (SELECT t.id, row_number() OVER (ORDER BY t.position, t.id) AS n"
		" FROM task_templates t JOIN trackers k ON k.id = t.tracker_id WHERE t.tracker_id = :tracker_id"
		" AND k.user_id = :user_id) AS r WHERE task_templates.id = r.id AND task_templates.position <> r.n" },
	[STMT_TASK_NEIGHBOUR] = { "task_neighbour",
		"SELECT id, position FROM task_templates WHERE tracker_id = :tracker_id AND deleted_at IS NULL AND" TASK_OWNED
		" AND CASE WHEN :delta < 0 THEN position < :position ELSE position > :position END"
		" ORDER BY CASE WHEN :delta < 0 THEN -position ELSE position END LIMIT 1" },
	[STMT_TASK_SWAP] = { "task_swap",
		"UPDATE task_templates SET position = CASE id WHEN :a THEN :b_position ELSE :a_position END, updated_at = :now"
		" WHERE tracker_id = :tracker_id AND id IN (:a, :b) AND" TASK_OWNED },

	[STMT_TAG_INSERT] = { "tag_insert",
		"INSERT INTO tags (user_id, name, color, created_at) VALUES (:user_id, :name, :color, :now)" },
	[STMT_TAG_UPDATE] = { "tag_update",
		"UPDATE tags SET name = :name, color = :color WHERE id = :id AND user_id = :user_id" },
	[STMT_TAG_DELETE] = { "tag_delete", "DELETE FROM tags WHERE id = :id AND user_id = :user_id" },
	[STMT_TAG_LIST] = { "tag_list",
		"SELECT g.id, g.name, g.color, (SELECT count(*) FROM template_tags tt JOIN task_templates t"
		" ON t.id = tt.task_template_id WHERE tt.tag_id = g.id AND t.deleted_at IS NULL)"
		" FROM tags g WHERE g.user_id = :user_id ORDER BY g.name COLLATE NOCASE, g.id" },

	[STMT_INSTANCE_FIND] = { "instance_find",
		"SELECT id, period_start, period_end, time_mode, legacy FROM tracker_instances"
		" WHERE tracker_id = :tracker_id AND period_start = :period_start AND period_end = :period_end"
		" AND deleted_at IS NULL" },
	[STMT_INSTANCE_INSERT] = { "instance_insert",
		"INSERT INTO tracker_instances (tracker_id, period_start, period_end, tracking_date, time_mode, created_at)"
		" VALUES (:tracker_id, :period_start, :period_end, :tracking_date, :time_mode, :now)" },
	[STMT_INSTANCE_TEMPLATES] = { "instance_templates",
		"SELECT id, name, points, weight, kind, target_value, target_direction, unit, schedule_kind, schedule_weekdays,"
		" schedule_interval_days, schedule_anchor, schedule_times, schedule_window_days, created_at"
		" FROM task_templates WHERE tracker_id = :tracker_id AND deleted_at IS NULL AND status = 'active'"
		" ORDER BY position, id" },
	[STMT_INSTANCE_TASK_INSERT] = { "instance_task_insert",
		"INSERT INTO task_instances (tracker_instance_id, task_template_id, name, points, weight, kind, target_value,"
		" target_direction, unit, created_at, updated_at)"
		" VALUES (:tracker_instance_id, :task_template_id, :name, :points, :weight, :kind, :target_value,"
		" :target_direction, :unit, :now, :now) ON CONFLICT DO NOTHING" },
	[STMT_INSTANCE_TASKS] = { "instance_tasks",
		"SELECT ti.id, ti.tracker_instance_id, ti.task_template_id, ti.status, ti.value, ti.note, ti.name, ti.points, ti.weight, ti.kind, ti.target_value, ti.target_direction, ti.unit, tt.deleted_at IS NOT NULL, tt.time_of_day, tt.position, ifnull(ti.first_completed_at, 0), ifnull(ti.completed_at, 0)"
		" FROM task_instances ti JOIN tracker_instances i ON i.id = ti.tracker_instance_id"
		" JOIN trackers k ON k.id = i.tracker_id JOIN task_templates tt ON tt.id = ti.task_template_id"
		" WHERE ti.tracker_instance_id = :tracker_instance_id AND k.user_id = :user_id AND ti.deleted_at IS NULL"
		" ORDER BY CASE tt.time_of_day WHEN 'morning' THEN 0 WHEN 'afternoon' THEN 1 WHEN 'evening' THEN 2 ELSE 3 END,"
		" tt.position, ti.id" },
	[STMT_INSTANCE_TASK_GET] = { "instance_task_get",
		"SELECT ti.id, ti.tracker_instance_id, ti.task_template_id, ti.status, ti.value, ti.note, ti.name, ti.points, ti.weight, ti.kind, ti.target_value, ti.target_direction, ti.unit, tt.deleted_at IS NOT NULL, tt.time_of_day, tt.position, ifnull(ti.first_completed_at, 0), ifnull(ti.completed_at, 0), i.period_start, i.period_end, i.time_mode, i.legacy, i.tracker_id"
		" FROM task_instances ti JOIN tracker_instances i ON i.id = ti.tracker_instance_id"
		" JOIN trackers k ON k.id = i.tracker_id JOIN task_templates tt ON tt.id = ti.task_template_id"
		" WHERE ti.id = :id AND k.user_id = :user_id AND ti.deleted_at IS NULL AND k.deleted_at IS NULL" },
	[STMT_INSTANCE_TASK_UPDATE] = { "instance_task_update",
		"UPDATE task_instances SET status = :status, value = :value,"
		" first_completed_at = coalesce(first_completed_at, :completed_at), completed_at = :completed_at,"
		" completed_day = :completed_day, updated_at = :now WHERE id = :id" },
	[STMT_INSTANCE_EVENT_INSERT] = { "instance_event_insert",
		"INSERT INTO task_events (task_instance_id, at, old_status, new_status, old_value, new_value, source)"
		" VALUES (:task_instance_id, :now, :old_status, :new_status, :old_value, :new_value, :source)" },
	[STMT_INSTANCE_EVENTS] = { "instance_events",
		"SELECT e.at, i.period_start, i.period_end, e.old_status, e.new_status, e.old_value, e.new_value, e.source"
		" FROM task_events e JOIN task_instances ti ON ti.id = e.task_instance_id"
		" JOIN tracker_instances i ON i.id = ti.tracker_instance_id JOIN trackers k ON k.id = i.tracker_id"
		" WHERE ti.task_template_id = :task_template_id AND k.user_id = :user_id"
		" ORDER BY e.at DESC, e.id DESC LIMIT :limit" },
	[STMT_INSTANCE_NOTE_GET] = { "instance_note_get",
		"SELECT n.body FROM day_notes n JOIN trackers k ON k.id = n.tracker_id"
		" WHERE n.tracker_id = :tracker_id AND k.user_id = :user_id AND n.day = :day AND n.deleted_at IS NULL" },
	[STMT_INSTANCE_NOTE_UPSERT] = { "instance_note_upsert",
		"INSERT INTO day_notes (tracker_id, day, body, created_at, updated_at)"
		" SELECT :tracker_id, :day, :body, :now, :now WHERE EXISTS"
		" (SELECT 1 FROM trackers WHERE id = :tracker_id AND user_id = :user_id AND deleted_at IS NULL)"
		" ON CONFLICT (tracker_id, day) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at,"
		" deleted_at = NULL" },
	[STMT_INSTANCE_NOTE_DELETE] = { "instance_note_delete",
		"DELETE FROM day_notes WHERE tracker_id = :tracker_id AND day = :day"
		" AND tracker_id IN (SELECT id FROM trackers WHERE user_id = :user_id)" },

	[STMT_GOAL_INSERT] = { "goal_insert",
		"INSERT INTO goals (user_id, name, description, kind, unit, target_value, start_date, deadline, metric,"
		" period_unit, category_id, position, created_at, updated_at) VALUES (:user_id, :name, :description, :kind,"
		" :unit, :target_value, :start_date, :deadline, :metric, :period_unit, :category_id,"
		" (SELECT ifnull(max(position), 0) + 1 FROM goals WHERE user_id = :user_id), :now, :now)" },
	[STMT_GOAL_GET] = { "goal_get",
		GOAL_SELECT " WHERE g.id = :id AND g.user_id = :user_id AND g.deleted_at IS NULL" },
	[STMT_GOAL_LIST] = { "goal_list",
		GOAL_SELECT " WHERE g.user_id = :user_id AND g.deleted_at IS NULL AND (:status IS NULL OR g.status = :status)"
		" ORDER BY CASE g.status WHEN 'active' THEN 0 WHEN 'achieved' THEN 1 WHEN 'failed' THEN 2 ELSE 3 END,"
		" g.position, g.id" },
	[STMT_GOAL_UPDATE] = { "goal_update",
		"UPDATE goals SET name = :name, description = :description, unit = :unit, target_value = :target_value,"
		" start_date = :start_date, deadline = :deadline, metric = :metric, period_unit = :period_unit,"
		" category_id = :category_id, updated_at = :now WHERE id = :id AND user_id = :user_id AND deleted_at IS NULL" },
	[STMT_GOAL_SET_VALUES] = { "goal_set_values",
		"UPDATE goals SET current_value = :current_value, best_value = :best_value, status = :status,"
		" achieved_at = :achieved_at, updated_at = :now WHERE id = :id AND user_id = :user_id AND deleted_at IS NULL" },
	[STMT_GOAL_SET_STATUS] = { "goal_set_status",
		"UPDATE goals SET status = :status, achieved_at = :achieved_at, updated_at = :now"
		" WHERE id = :id AND user_id = :user_id AND deleted_at IS NULL" },
	[STMT_GOAL_SET_DELETED] = { "goal_set_deleted",
		"UPDATE goals SET deleted_at = :now, updated_at = :now WHERE id = :id AND user_id = :user_id AND deleted_at IS NULL" },
	[STMT_GOAL_IDS] = { "goal_ids",
		"SELECT id FROM goals WHERE user_id = :user_id AND deleted_at IS NULL ORDER BY id" },
	[STMT_GOAL_WEEK_START] = { "goal_week_start", "SELECT week_start FROM users WHERE id = :user_id" },
	[STMT_GOAL_EVENT_INSERT] = { "goal_event_insert",
		"INSERT INTO goal_events (goal_id, at, kind, old_value, new_value, old_status, new_status, note)"
		" SELECT :goal_id, :now, :kind, :old_value, :new_value, :old_status, :new_status, :note WHERE" GOAL_OWNED },
	[STMT_GOAL_EVENTS] = { "goal_events",
		"SELECT e.at, e.kind, e.old_value, e.new_value, e.old_status, e.new_status, e.note"
		" FROM goal_events e JOIN goals g ON g.id = e.goal_id"
		" WHERE e.goal_id = :goal_id AND g.user_id = :user_id ORDER BY e.at DESC, e.id DESC LIMIT :limit" },
	[STMT_GOAL_ENTRY_INSERT] = { "goal_entry_insert",
		"INSERT INTO progress_entries (goal_id, value, day, note, is_reset, created_at)"
		" SELECT :goal_id, :value, :day, :note, :is_reset, :now WHERE" GOAL_OWNED },
	[STMT_GOAL_ENTRIES] = { "goal_entries",
		"SELECT p.id, p.value, p.day, p.note, p.is_reset, p.created_at FROM progress_entries p"
		" JOIN goals g ON g.id = p.goal_id WHERE p.goal_id = :goal_id AND g.user_id = :user_id"
		" ORDER BY p.day DESC, p.id DESC LIMIT :limit" },
	[STMT_GOAL_ENTRY_VALUES] = { "goal_entry_values",
		"SELECT p.value FROM progress_entries p JOIN goals g ON g.id = p.goal_id"
		" WHERE p.goal_id = :goal_id AND g.user_id = :user_id ORDER BY p.id" },
	[STMT_GOAL_MAPPING_UPSERT] = { "goal_mapping_upsert",
		"INSERT INTO goal_tasks (goal_id, task_template_id, weight, created_at)"
		" SELECT :goal_id, :task_template_id, :weight, :now WHERE" GOAL_OWNED
		" ON CONFLICT (goal_id, task_template_id) DO UPDATE SET weight = excluded.weight" },
	[STMT_GOAL_MAPPING_DELETE] = { "goal_mapping_delete",
		"DELETE FROM goal_tasks WHERE goal_id = :goal_id AND task_template_id = :task_template_id AND" GOAL_OWNED },
	[STMT_GOAL_MAPPINGS] = { "goal_mappings",
		"SELECT " GOAL_TASK_COLUMNS ", gt.weight FROM goal_tasks gt JOIN goals g ON g.id = gt.goal_id"
		" JOIN task_templates t ON t.id = gt.task_template_id JOIN trackers k ON k.id = t.tracker_id"
		" WHERE gt.goal_id = :goal_id AND g.user_id = :user_id AND k.user_id = :user_id"
		" ORDER BY k.position, k.id, t.position, t.id" },
	[STMT_GOAL_TEMPLATES] = { "goal_templates",
		"SELECT " GOAL_TASK_COLUMNS ", 1.0 FROM task_templates t JOIN trackers k ON k.id = t.tracker_id"
		" WHERE k.user_id = :user_id AND t.deleted_at IS NULL AND k.deleted_at IS NULL"
		" ORDER BY k.position, k.id, t.position, t.id" },
	[STMT_GOAL_TEMPLATE_LIVE] = { "goal_template_live",
		"SELECT t.deleted_at IS NULL AND k.deleted_at IS NULL FROM task_templates t JOIN trackers k ON k.id = t.tracker_id"
		" WHERE t.id = :id AND k.user_id = :user_id" },
	[STMT_GOAL_TEMPLATE_GOALS] = { "goal_template_goals",
		"SELECT gt.goal_id FROM goal_tasks gt JOIN goals g ON g.id = gt.goal_id"
		" WHERE gt.task_template_id = :task_template_id AND g.user_id = :user_id AND g.deleted_at IS NULL"
		" ORDER BY gt.goal_id" },
	/* Per day of :from..:to, what the goal's mapped, counting instances add up to, each times the
	 * mapping's weight: done, the largest done weight, points of done, measured amounts, due (not
	 * skipped). An instance's day: its completion day kept inside its period; its period's first
	 * day when not done (goal.h). */
	[STMT_GOAL_COMPLETION_DAYS] = { "goal_completion_days",
		"SELECT d.day, sum(d.done_w), max(d.done_w), sum(d.points_w), sum(d.amount_w), sum(d.due_w) FROM"
		" (SELECT max(i.period_start, min(i.period_end, coalesce(CASE WHEN ti.status = 'done' THEN ti.completed_day END,"
		" i.period_start))) AS day,"
		" CASE WHEN ti.status = 'done' THEN gt.weight ELSE 0 END AS done_w,"
		" CASE WHEN ti.status = 'done' THEN ti.points * gt.weight ELSE 0 END AS points_w,"
		" CASE WHEN ti.kind = 'measure' THEN ifnull(ti.value, 0) * gt.weight ELSE 0 END AS amount_w,"
		" CASE WHEN ti.status = 'skipped' THEN 0 ELSE gt.weight END AS due_w"
		" FROM goal_tasks gt JOIN goals g ON g.id = gt.goal_id"
		" JOIN task_templates t ON t.id = gt.task_template_id JOIN trackers k ON k.id = t.tracker_id"
		" JOIN task_instances ti ON ti.task_template_id = t.id JOIN tracker_instances i ON i.id = ti.tracker_instance_id"
		" WHERE gt.goal_id = :goal_id AND g.user_id = :user_id AND k.user_id = :user_id"
		" AND t.deleted_at IS NULL AND t.counts_toward_goals = 1 AND k.deleted_at IS NULL"
		" AND ti.deleted_at IS NULL AND i.deleted_at IS NULL AND i.period_end >= :from AND i.period_start <= :to) d"
		" WHERE d.day BETWEEN :from AND :to GROUP BY d.day ORDER BY d.day" },
	[STMT_GOAL_SNAPSHOTS] = { "goal_snapshots",
		"SELECT s.period_start, s.period_end, s.achieved_value, s.target_value, s.percent, s.achieved, s.taken_at"
		" FROM goal_period_snapshots s JOIN goals g ON g.id = s.goal_id"
		" WHERE s.goal_id = :goal_id AND g.user_id = :user_id ORDER BY s.period_start" },
	[STMT_GOAL_SNAPSHOT_UPSERT] = { "goal_snapshot_upsert",
		"INSERT INTO goal_period_snapshots (goal_id, period_start, period_end, achieved_value, target_value, percent,"
		" achieved, taken_at) SELECT :goal_id, :period_start, :period_end, :achieved_value, :target_value, :percent,"
		" :achieved, :now WHERE" GOAL_OWNED
		" ON CONFLICT (goal_id, period_start) DO UPDATE SET period_end = excluded.period_end,"
		" achieved_value = excluded.achieved_value, target_value = excluded.target_value, percent = excluded.percent,"
		" achieved = excluded.achieved, taken_at = excluded.taken_at" },
	[STMT_GOAL_SNAPSHOTS_TRIM] = { "goal_snapshots_trim",
		"DELETE FROM goal_period_snapshots WHERE goal_id = :goal_id AND (period_start < :first OR period_start > :last)"
		" AND" GOAL_OWNED },
	[STMT_GOAL_SNAPSHOTS_CLEAR] = { "goal_snapshots_clear",
		"DELETE FROM goal_period_snapshots WHERE goal_id = :goal_id AND" GOAL_OWNED },

	/* The live task instances of a user's periods starting in :from..:to (one tracker, or all
	 * when :tracker_id is 0): one row each for the export (export.h), and per day and category. */
	[STMT_EXPORT_ROWS] = { "export_rows",
		"SELECT i.period_start, k.name, ti.name, ti.status, ti.value, ti.unit,"
		" CASE WHEN ti.status = 'done' THEN ti.points ELSE 0 END, ti.note, ti.completed_at"
		" FROM trackers k JOIN tracker_instances i ON i.tracker_id = k.id"
		" JOIN task_instances ti ON ti.tracker_instance_id = i.id JOIN task_templates t ON t.id = ti.task_template_id"
		" WHERE k.user_id = :user_id AND k.deleted_at IS NULL AND (:tracker_id = 0 OR k.id = :tracker_id)"
		" AND i.deleted_at IS NULL AND ti.deleted_at IS NULL AND i.period_start BETWEEN :from AND :to"
		" ORDER BY i.period_start, k.position, k.id, t.position, ti.id" },
	[STMT_EXPORT_DAILY] = { "export_daily",
		"SELECT i.period_start, ifnull(k.category_id, 0), total(ti.status <> 'skipped'), total(ti.status = 'done'),"
		" total(CASE WHEN ti.status = 'skipped' THEN 0 ELSE ti.weight END),"
		" total(CASE WHEN ti.status = 'done' THEN ti.weight ELSE 0 END),"
		" total(CASE WHEN ti.status = 'done' THEN ti.points ELSE 0 END)"
		" FROM trackers k JOIN tracker_instances i ON i.tracker_id = k.id"
		" JOIN task_instances ti ON ti.tracker_instance_id = i.id"
		" WHERE k.user_id = :user_id AND k.deleted_at IS NULL AND (:tracker_id = 0 OR k.id = :tracker_id)"
		" AND i.deleted_at IS NULL AND ti.deleted_at IS NULL AND i.period_start BETWEEN :from AND :to"
		" GROUP BY i.period_start, ifnull(k.category_id, 0) ORDER BY 1, 2" },
	[STMT_EXPORT_SEED_NOTE] = { "export_seed_note",
		"UPDATE task_instances SET note = :note WHERE id = :id AND EXISTS (SELECT 1 FROM tracker_instances i"
		" JOIN trackers k ON k.id = i.tracker_id WHERE i.id = task_instances.tracker_instance_id"
		" AND k.user_id = :user_id)" },

	/* habit_stats: a tracker's periods (of its current time mode) ending on or after :since —
	 * they start in :early (:since − 31 days)..:since or later, a range of the index on
	 * (tracker_id, period_start) — with the task instances of one template (through the
	 * unique index on (tracker_instance_id, task_template_id)), or of all of them. */
#define STATS_HISTORY_SELECT \
	"SELECT ti.task_template_id, i.period_start, i.period_end, ti.status, ti.value, ti.target_value," \
	" ti.target_direction, ti.completed_day FROM trackers k JOIN tracker_instances i ON i.tracker_id = k.id"
#define STATS_HISTORY_WHERE \
	" WHERE k.id = :tracker_id AND k.user_id = :user_id AND i.period_start >= :early AND i.period_end >= :since" \
	" AND i.deleted_at IS NULL AND i.legacy = 0 AND ti.deleted_at IS NULL ORDER BY i.period_start"
	[STMT_STATS_TASK_HISTORY] = { "stats_task_history",
		STATS_HISTORY_SELECT " JOIN task_instances ti ON ti.tracker_instance_id = i.id"
		" AND ti.task_template_id = :task_template_id" STATS_HISTORY_WHERE },
	[STMT_STATS_TRACKER_HISTORY] = { "stats_tracker_history",
		STATS_HISTORY_SELECT " JOIN task_instances ti ON ti.tracker_instance_id = i.id" STATS_HISTORY_WHERE },
	[STMT_STATS_TRACKER_PERIODS] = { "stats_tracker_periods",
		"SELECT i.period_start, i.period_end, i.legacy,"
		" total(CASE WHEN ti.status = 'skipped' THEN 0 ELSE ti.weight END),"
		" total(CASE WHEN ti.status = 'done' THEN ti.weight ELSE 0 END)"
		" FROM tracker_instances i JOIN trackers k ON k.id = i.tracker_id"
		" LEFT JOIN task_instances ti ON ti.tracker_instance_id = i.id AND ti.deleted_at IS NULL"
		" WHERE i.tracker_id = :tracker_id AND k.user_id = :user_id AND i.deleted_at IS NULL"
		" AND i.period_start >= :early AND i.period_end >= :since GROUP BY i.id ORDER BY i.period_start" },
	[STMT_STATS_MILESTONE_COUNT] = { "stats_milestone_count",
		"SELECT count(*) FROM streak_milestones WHERE tracker_id = :tracker_id"
		" AND ifnull(task_template_id, 0) = :task_template_id AND milestone <= :length" },
	[STMT_INSTANCE_OPENED_SINCE] = { "instance_opened_since",
		"SELECT period_start FROM tracker_instances WHERE tracker_id = :tracker_id AND period_start >= :since"
		" AND deleted_at IS NULL ORDER BY period_start" },
	[STMT_STATS_MILESTONE_INSERT] = { "stats_milestone_insert",
		"INSERT INTO streak_milestones (tracker_id, task_template_id, milestone, reached_day, recorded_at)"
		" VALUES (:tracker_id, :task_template_id, :milestone, :reached_day, :now) ON CONFLICT DO NOTHING" },

	/* The statistics pages read only the periods overlapping :from..:to: those start in
	 * :early (:from − 31 days, longer than any period)..:to, a range of the index on
	 * tracker_instances (tracker_id, period_start, period_end). One row per live task
	 * instance, a period's rows together; analytics.c adds them up (cheaper than a GROUP BY,
	 * which needs a temporary b-tree). */
	[STMT_ANALYTICS_ROWS] = { "analytics_rows",
		"SELECT i.id, i.tracker_id, i.period_start, i.period_end, i.legacy, ti.status, ti.completed_day,"
		" ti.kind = 'measure', ti.unit, ti.weight, ti.points, ti.value, ti.task_template_id, ti.target_value,"
		" ti.target_direction"
		" FROM trackers k JOIN tracker_instances i ON i.tracker_id = k.id"
		" JOIN task_instances ti ON ti.tracker_instance_id = i.id"
		" WHERE k.user_id = :user_id AND k.deleted_at IS NULL AND (:tracker_id = 0 OR k.id = :tracker_id)"
		" AND (:category_id = 0 OR k.category_id = :category_id)"
		" AND i.period_start BETWEEN :early AND :to AND i.period_end >= :from AND i.deleted_at IS NULL"
		" AND ti.deleted_at IS NULL AND (:tag_id = 0 OR EXISTS (SELECT 1 FROM template_tags g"
		" WHERE g.task_template_id = ti.task_template_id AND g.tag_id = :tag_id))"
		/* an empty period opened (by viewing a past week) before the tracker's first day (its
		 * start date, else the local day it was made: :utc_offset is the user's offset from
		 * UTC in seconds) is not history */
		" AND NOT (ti.status = 'todo' AND ti.value IS NULL AND i.period_end < COALESCE(k.start_date,"
		" date(k.created_at + :utc_offset, 'unixepoch')))" },
	/* The task instances of a user's active trackers in periods (of the current time mode)
	 * overlapping :from..:to, by template then period: at-risk tasks and suggestions. */
	[STMT_ANALYTICS_TASK_PERIODS] = { "analytics_task_periods",
		"SELECT ti.task_template_id, i.period_start, i.period_end, ti.status, ti.value, ti.target_value,"
		" ti.target_direction FROM trackers k JOIN tracker_instances i ON i.tracker_id = k.id"
		" JOIN task_instances ti ON ti.tracker_instance_id = i.id"
		" WHERE k.user_id = :user_id AND k.deleted_at IS NULL AND k.status = 'active'"
		" AND (:tracker_id = 0 OR k.id = :tracker_id) AND (:category_id = 0 OR k.category_id = :category_id)"
		" AND i.period_start BETWEEN :early AND :to AND i.period_end >= :from AND i.deleted_at IS NULL"
		" AND i.legacy = 0 AND ti.deleted_at IS NULL ORDER BY ti.task_template_id, i.period_start" },

	[STMT_ATTEMPT_GET] = { "attempt_get",
		"SELECT window_start, count, last_at FROM login_attempts WHERE key = :key" },
	[STMT_ATTEMPT_SAVE] = { "attempt_save",
		"INSERT INTO login_attempts (key, window_start, count, last_at) VALUES (:key, :window_start, :count, :now)"
		" ON CONFLICT (key) DO UPDATE SET window_start = excluded.window_start, count = excluded.count,"
		" last_at = excluded.last_at" },
	[STMT_ATTEMPT_CLEAR] = { "attempt_clear", "DELETE FROM login_attempts WHERE key = :key" },
	[STMT_ATTEMPT_PRUNE] = { "attempt_prune", "DELETE FROM login_attempts WHERE last_at < :before" },

	/* Share links (share.c reads SHARE_SELECT by position): the link, and the name and
	 * deleted flag of the tracker or goal it shows, joined only when it is the owner's. */
#define SHARE_SELECT \
	"SELECT s.id, s.user_id, ifnull(s.tracker_id, 0), ifnull(s.goal_id, 0), s.token_hash, s.label, s.show_tasks," \
	" s.show_statuses, s.show_notes, s.allow_embed, ifnull(s.expires_at, 0), ifnull(s.max_uses, 0), s.use_count," \
	" s.password_hash, s.active, s.created_at, ifnull(s.last_used_at, 0), coalesce(k.name, g.name, '')," \
	" coalesce(k.deleted_at, g.deleted_at) IS NOT NULL OR (k.id IS NULL AND g.id IS NULL)" \
	" FROM share_links s LEFT JOIN trackers k ON k.id = s.tracker_id AND k.user_id = s.user_id" \
	" LEFT JOIN goals g ON g.id = s.goal_id AND g.user_id = s.user_id"
	[STMT_SHARE_INSERT] = { "share_insert",
		"INSERT INTO share_links (user_id, tracker_id, goal_id, token_hash, label, show_tasks, show_statuses,"
		" show_notes, allow_embed, expires_at, max_uses, password_hash, created_at)"
		" SELECT :user_id, :tracker_id, :goal_id, :token_hash, :label, :show_tasks, :show_statuses, :show_notes,"
		" :allow_embed, :expires_at, :max_uses, :password_hash, :now"
		" WHERE EXISTS (SELECT 1 FROM trackers WHERE id = :tracker_id AND user_id = :user_id AND deleted_at IS NULL)"
		" OR EXISTS (SELECT 1 FROM goals WHERE id = :goal_id AND user_id = :user_id AND deleted_at IS NULL)" },
	[STMT_SHARE_GET] = { "share_get", SHARE_SELECT " WHERE s.id = :id AND s.user_id = :user_id" },
	[STMT_SHARE_LIST] = { "share_list",
		SHARE_SELECT " WHERE s.user_id = :user_id ORDER BY s.created_at DESC, s.id DESC" },
	[STMT_SHARE_BY_HASH] = { "share_by_hash", SHARE_SELECT " WHERE s.token_hash = :token_hash" },
	/* The one statement that takes a use: it succeeds (changes() = 1) only while the link is
	 * active, unexpired and has uses left, so concurrent requests can never pass max_uses. */
	[STMT_SHARE_TAKE_USE] = { "share_take_use",
		"UPDATE share_links SET use_count = use_count + 1, last_used_at = :now"
		" WHERE token_hash = :token_hash AND active = 1 AND (max_uses IS NULL OR use_count < max_uses)"
		" AND (expires_at IS NULL OR expires_at > :now)" },
	[STMT_SHARE_DEACTIVATE] = { "share_deactivate",
		"UPDATE share_links SET active = 0 WHERE id = :id AND user_id = :user_id" },
	[STMT_SHARE_REGENERATE] = { "share_regenerate",
		"UPDATE share_links SET token_hash = :token_hash, active = 1, use_count = 0, last_used_at = NULL"
		" WHERE id = :id AND user_id = :user_id" },
	[STMT_SHARE_DELETE] = { "share_delete", "DELETE FROM share_links WHERE id = :id AND user_id = :user_id" },
	[STMT_SHARE_ATTEMPT_GET] = { "share_attempt_get",
		"SELECT window_start, count, last_at FROM share_attempts WHERE share_link_id = :share_link_id AND key = :key" },
	[STMT_SHARE_ATTEMPT_SAVE] = { "share_attempt_save",
		"INSERT INTO share_attempts (share_link_id, key, window_start, count, last_at)"
		" VALUES (:share_link_id, :key, :window_start, :count, :now) ON CONFLICT (share_link_id, key)"
		" DO UPDATE SET window_start = excluded.window_start, count = excluded.count, last_at = excluded.last_at" },
	[STMT_SHARE_ATTEMPT_CLEAR] = { "share_attempt_clear",
		"DELETE FROM share_attempts WHERE share_link_id = :share_link_id AND (:key IS NULL OR key = :key)" },
	/* The task instances of the newest :limit periods (started by :today) of a user's tracker. */
	[STMT_SHARE_STATUSES] = { "share_statuses",
		"SELECT i.period_start, i.period_end, ti.name, ti.status FROM tracker_instances i"
		" JOIN trackers k ON k.id = i.tracker_id JOIN task_instances ti ON ti.tracker_instance_id = i.id"
		" JOIN task_templates t ON t.id = ti.task_template_id"
		" WHERE k.id = :tracker_id AND k.user_id = :user_id AND i.deleted_at IS NULL AND ti.deleted_at IS NULL"
		" AND i.id IN (SELECT id FROM tracker_instances WHERE tracker_id = :tracker_id AND deleted_at IS NULL"
		" AND period_start <= :today ORDER BY period_start DESC LIMIT :limit)"
		" ORDER BY i.period_start DESC, t.position, t.id" },
	[STMT_SHARE_NOTES] = { "share_notes",
		"SELECT n.day, n.body FROM day_notes n JOIN trackers k ON k.id = n.tracker_id"
		" WHERE n.tracker_id = :tracker_id AND k.user_id = :user_id AND n.deleted_at IS NULL"
		" AND n.day BETWEEN :from AND :to AND n.body <> '' ORDER BY n.day DESC LIMIT :limit" },
	/* Per day of :from..:to, the done and the due (not skipped) instances of a goal's mapped,
	 * counting templates, each on its day as STMT_GOAL_COMPLETION_DAYS places it. */
	[STMT_SHARE_GOAL_DAYS] = { "share_goal_days",
		"SELECT d.day, sum(d.done), sum(d.due) FROM"
		" (SELECT max(i.period_start, min(i.period_end, coalesce(CASE WHEN ti.status = 'done' THEN ti.completed_day END,"
		" i.period_start))) AS day, ti.status = 'done' AS done, ti.status <> 'skipped' AS due"
		" FROM goal_tasks gt JOIN goals g ON g.id = gt.goal_id"
		" JOIN task_templates t ON t.id = gt.task_template_id JOIN trackers k ON k.id = t.tracker_id"
		" JOIN task_instances ti ON ti.task_template_id = t.id JOIN tracker_instances i ON i.id = ti.tracker_instance_id"
		" WHERE gt.goal_id = :goal_id AND g.user_id = :user_id AND k.user_id = :user_id"
		" AND t.deleted_at IS NULL AND t.counts_toward_goals = 1 AND k.deleted_at IS NULL"
		" AND ti.deleted_at IS NULL AND i.deleted_at IS NULL AND i.period_end >= :from AND i.period_start <= :to) d"
		" WHERE d.day BETWEEN :from AND :to GROUP BY d.day ORDER BY d.day" },
#undef SHARE_SELECT

	/* Which Loop habit (its key: uuid, or first check-in day and name) became which tracker and
	 * task of the user; saving again points the key at a new tracker (the old one was deleted). */
	[STMT_LOOP_IMPORT_FIND] = { "loop_import_find",
		"SELECT tracker_id, task_template_id FROM imports"
		" WHERE user_id = :user_id AND source = 'loop' AND external_key = :key" },
	[STMT_LOOP_IMPORT_SAVE] = { "loop_import_save",
		"INSERT INTO imports (user_id, source, external_key, tracker_id, task_template_id, checkins,"
		" first_imported_at, last_imported_at) SELECT :user_id, 'loop', :key, :tracker_id, :task_template_id, 0,"
		" :now, :now WHERE EXISTS (SELECT 1 FROM trackers k JOIN task_templates t ON t.tracker_id = k.id"
		" WHERE k.id = :tracker_id AND t.id = :task_template_id AND k.user_id = :user_id)"
		" ON CONFLICT (user_id, source, external_key) DO UPDATE SET tracker_id = excluded.tracker_id,"
		" task_template_id = excluded.task_template_id, last_imported_at = excluded.last_imported_at" },
	[STMT_LOOP_IMPORT_COUNT] = { "loop_import_count",
		"UPDATE imports SET checkins = checkins + :added, last_imported_at = :now"
		" WHERE user_id = :user_id AND source = 'loop' AND external_key = :key" },
	/* Marks a task instance as imported and keeps Loop's note (an empty one leaves the note
	 * alone); changes no row when both already hold. */
	[STMT_LOOP_IMPORT_MARK] = { "loop_import_mark",
		"UPDATE task_instances SET note = CASE WHEN :note <> '' THEN :note ELSE note END, import_source = 'loop'"
		" WHERE id = :id AND ((:note <> '' AND note IS NOT :note) OR import_source IS NOT 'loop')"
		" AND EXISTS (SELECT 1 FROM tracker_instances i JOIN trackers k ON k.id = i.tracker_id"
		" WHERE i.id = task_instances.tracker_instance_id AND k.user_id = :user_id)" },
};

const char *stmt_sql(enum stmt_id id)
{
	return (unsigned)id < STMT__MAX ? stmt_table[id].sql : NULL;
}

const char *stmt_name(enum stmt_id id)
{
	return (unsigned)id < STMT__MAX ? stmt_table[id].name : "?";
}

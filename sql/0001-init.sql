-- 0001-init: the whole data model of DESIGN.md section 4, as STRICT tables.
--
-- Conventions (checked by constraints, so a bug fails loudly instead of storing nonsense):
--   ids         INTEGER PRIMARY KEY (the rowid)
--   timestamps  INTEGER UTC seconds since the epoch (*_at)
--   local days  TEXT 'YYYY-MM-DD', a real calendar date: CHECK (date(x, '+0 days') IS x)
--   clock time  INTEGER minutes after local midnight, 0-1439 (*_minute)
--   weekdays    INTEGER bitmask, bit 0 = Monday ... bit 6 = Sunday (127 = every day)
--   booleans    INTEGER 0/1
--   colours     TEXT '#rrggbb'
--   enums       TEXT with a CHECK listing the values
--   amounts     REAL (measured values, goal values, weights); points are INTEGER
-- Everything a user owns hangs off users through ON DELETE CASCADE, so deleting an account is
-- one DELETE FROM users. Soft deletion (deleted_at) is done by the services, not here.
-- Every foreign-key column leads some index, so cascades never scan a table.

-- An account: login identity, password hash (Argon2id string) and calendar settings.
CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	email         TEXT    NOT NULL COLLATE NOCASE UNIQUE
	                      CHECK (length(email) BETWEEN 3 AND 254 AND instr(email, '@') > 1),
	password_hash TEXT    NOT NULL,
	display_name  TEXT    NOT NULL CHECK (display_name <> ''),
	time_zone     TEXT    NOT NULL DEFAULT 'UTC' CHECK (time_zone <> ''),
	week_start    INTEGER NOT NULL DEFAULT 1 CHECK (week_start IN (0, 1)), -- 0 Sunday, 1 Monday
	is_admin      INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL,
	last_login_at INTEGER
) STRICT;

-- A login session: only the hash of the cookie token is kept; idle expiry from last_seen_at.
CREATE TABLE sessions (
	-- AUTOINCREMENT: an id is never reused, so a stale "End" button cannot end a newer session.
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	token_hash   BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	csrf_token   BLOB    NOT NULL CHECK (length(csrf_token) = 32),
	created_at   INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL, -- absolute expiry
	user_agent   TEXT    NOT NULL DEFAULT '',
	address      TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- One row of personal settings per user (made with the account; defaults are the product's).
CREATE TABLE preferences (
	user_id           INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
	theme             TEXT    NOT NULL DEFAULT 'system' CHECK (theme IN ('light', 'dark', 'system')),
	default_view      TEXT    NOT NULL DEFAULT 'today'
	                          CHECK (default_view IN ('today', 'week', 'trackers', 'goals', 'stats')),
	streak_threshold  INTEGER NOT NULL DEFAULT 80 CHECK (streak_threshold BETWEEN 0 AND 100), -- percent
	reminders_enabled INTEGER NOT NULL DEFAULT 1 CHECK (reminders_enabled IN (0, 1)),
	reminder_minute   INTEGER CHECK (reminder_minute BETWEEN 0 AND 1439), -- NULL: service default 08:00
	summary_enabled   INTEGER NOT NULL DEFAULT 1 CHECK (summary_enabled IN (0, 1)),
	summary_minute    INTEGER CHECK (summary_minute BETWEEN 0 AND 1439),
	email_enabled     INTEGER NOT NULL DEFAULT 0 CHECK (email_enabled IN (0, 1)),
	updated_at        INTEGER NOT NULL
) STRICT;

-- Login and registration throttling: failures per key ("login:<email>", "addr:<ip>") in a window.
CREATE TABLE login_attempts (
	key          TEXT    PRIMARY KEY,
	window_start INTEGER NOT NULL,
	count        INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
	last_at      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX login_attempts_last ON login_attempts(last_at);

-- A user's life areas (Health, Finance ...), one per tracker or goal, for distributions.
CREATE TABLE categories (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name       TEXT    NOT NULL CHECK (name <> ''),
	color      TEXT    NOT NULL DEFAULT '#6b7280'
	                   CHECK (color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
	position   INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	UNIQUE (user_id, name COLLATE NOCASE)
) STRICT;

-- A container of habits: a routine, a challenge (start and end dates), a program; a plain habit
-- is a tracker with one task. time_mode_since is the first local day of the current time mode.
CREATE TABLE trackers (
	id              INTEGER PRIMARY KEY,
	user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name            TEXT    NOT NULL CHECK (name <> ''),
	description     TEXT    NOT NULL DEFAULT '',
	time_mode       TEXT    NOT NULL DEFAULT 'daily' CHECK (time_mode IN ('daily', 'weekly', 'monthly')),
	time_mode_since TEXT    CHECK (date(time_mode_since, '+0 days') IS time_mode_since),
	start_date      TEXT    CHECK (date(start_date, '+0 days') IS start_date),
	end_date        TEXT    CHECK (date(end_date, '+0 days') IS end_date),
	status          TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'archived')),
	color           TEXT    NOT NULL DEFAULT '#2f80ed'
	                        CHECK (color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
	category_id     INTEGER REFERENCES categories(id) ON DELETE SET NULL,
	position        INTEGER NOT NULL DEFAULT 0,
	created_at      INTEGER NOT NULL,
	updated_at      INTEGER NOT NULL,
	deleted_at      INTEGER,
	CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX trackers_user ON trackers(user_id, position);
CREATE INDEX trackers_category ON trackers(category_id) WHERE category_id IS NOT NULL;
CREATE INDEX trackers_trash ON trackers(user_id, deleted_at) WHERE deleted_at IS NOT NULL;

-- A habit inside a tracker: what to do, its worth, its kind (check or measure) and its schedule.
-- schedule_kind: every_period; weekdays (schedule_weekdays); every_n_days (schedule_interval_days
-- from schedule_anchor); times_per_period (schedule_times per week or month of the tracker);
-- times_in_days (schedule_times in any schedule_window_days days, rolling, as Loop does it).
CREATE TABLE task_templates (
	id                     INTEGER PRIMARY KEY,
	tracker_id             INTEGER NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,
	name                   TEXT    NOT NULL CHECK (name <> ''),
	description            TEXT    NOT NULL DEFAULT '',
	points                 INTEGER NOT NULL DEFAULT 1 CHECK (points >= 0),
	weight                 REAL    NOT NULL DEFAULT 1 CHECK (weight > 0),
	time_of_day            TEXT    NOT NULL DEFAULT 'any'
	                               CHECK (time_of_day IN ('any', 'morning', 'afternoon', 'evening')),
	kind                   TEXT    NOT NULL DEFAULT 'check' CHECK (kind IN ('check', 'measure')),
	target_value           REAL    CHECK (target_value >= 0),
	target_direction       TEXT    CHECK (target_direction IN ('at_least', 'at_most')),
	unit                   TEXT    NOT NULL DEFAULT '',
	schedule_kind          TEXT    NOT NULL DEFAULT 'every_period'
	                               CHECK (schedule_kind IN ('every_period', 'weekdays', 'every_n_days',
	                                                        'times_per_period', 'times_in_days')),
	schedule_weekdays      INTEGER NOT NULL DEFAULT 127 CHECK (schedule_weekdays BETWEEN 0 AND 127),
	schedule_interval_days INTEGER CHECK (schedule_interval_days >= 1),
	schedule_anchor        TEXT    CHECK (date(schedule_anchor, '+0 days') IS schedule_anchor),
	schedule_times         INTEGER CHECK (schedule_times >= 1),
	schedule_window_days   INTEGER CHECK (schedule_window_days >= 1),
	difficulty             INTEGER NOT NULL DEFAULT 3 CHECK (difficulty BETWEEN 1 AND 5),
	priority               TEXT    NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
	counts_toward_goals    INTEGER NOT NULL DEFAULT 1 CHECK (counts_toward_goals IN (0, 1)),
	status                 TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'archived')),
	reminder_minute        INTEGER CHECK (reminder_minute BETWEEN 0 AND 1439), -- NULL: no reminder
	reminder_weekdays      INTEGER NOT NULL DEFAULT 127 CHECK (reminder_weekdays BETWEEN 0 AND 127),
	position               INTEGER NOT NULL DEFAULT 0,
	created_at             INTEGER NOT NULL,
	updated_at             INTEGER NOT NULL,
	deleted_at             INTEGER,
	CHECK (kind = 'check' OR (target_value IS NOT NULL AND target_direction IS NOT NULL)),
	CHECK (schedule_kind <> 'weekdays' OR schedule_weekdays > 0),
	CHECK (schedule_kind <> 'every_n_days'
	       OR (schedule_interval_days IS NOT NULL AND schedule_anchor IS NOT NULL)),
	CHECK (schedule_kind <> 'times_per_period' OR schedule_times IS NOT NULL),
	CHECK (schedule_kind <> 'times_in_days'
	       OR (schedule_times IS NOT NULL AND schedule_window_days IS NOT NULL
	           AND schedule_times <= schedule_window_days))
) STRICT;
CREATE INDEX task_templates_tracker ON task_templates(tracker_id, position);
CREATE INDEX task_templates_trash ON task_templates(tracker_id, deleted_at) WHERE deleted_at IS NOT NULL;

-- A user's labels for task templates, each with a colour.
CREATE TABLE tags (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name       TEXT    NOT NULL CHECK (name <> ''),
	color      TEXT    NOT NULL DEFAULT '#6b7280'
	                   CHECK (color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
	created_at INTEGER NOT NULL,
	UNIQUE (user_id, name COLLATE NOCASE)
) STRICT;

-- Which tags a task template carries (many-to-many).
CREATE TABLE template_tags (
	task_template_id INTEGER NOT NULL REFERENCES task_templates(id) ON DELETE CASCADE,
	tag_id           INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
	PRIMARY KEY (task_template_id, tag_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX template_tags_tag ON template_tags(tag_id);

-- One period of a tracker (a day, a week, a month), made on demand by get-or-create.
-- time_mode is the tracker's mode when the period was made; legacy marks periods of an earlier
-- mode. Unique on (tracker, period_start, period_end) rather than (tracker, period_start) so that
-- after a mode change a new week can start on the same day as a legacy daily period.
CREATE TABLE tracker_instances (
	id            INTEGER PRIMARY KEY,
	tracker_id    INTEGER NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,
	period_start  TEXT    NOT NULL CHECK (date(period_start, '+0 days') IS period_start),
	period_end    TEXT    NOT NULL CHECK (date(period_end, '+0 days') IS period_end),
	tracking_date TEXT    NOT NULL CHECK (date(tracking_date, '+0 days') IS tracking_date),
	time_mode     TEXT    NOT NULL CHECK (time_mode IN ('daily', 'weekly', 'monthly')),
	legacy        INTEGER NOT NULL DEFAULT 0 CHECK (legacy IN (0, 1)),
	created_at    INTEGER NOT NULL,
	deleted_at    INTEGER,
	CHECK (period_end >= period_start),
	CHECK (tracking_date BETWEEN period_start AND period_end),
	UNIQUE (tracker_id, period_start, period_end)
) STRICT;

-- A task template in one period: its status and value, with a snapshot of the template (name,
-- points, weight, kind, target, unit) taken when the row was made, so history never changes.
-- completed_day is the local day of the last move to done (time zones change; days must not).
CREATE TABLE task_instances (
	id                  INTEGER PRIMARY KEY,
	tracker_instance_id INTEGER NOT NULL REFERENCES tracker_instances(id) ON DELETE CASCADE,
	task_template_id    INTEGER NOT NULL REFERENCES task_templates(id) ON DELETE CASCADE,
	status              TEXT    NOT NULL DEFAULT 'todo'
	                            CHECK (status IN ('todo', 'in_progress', 'done', 'skipped', 'missed', 'blocked')),
	value               REAL,
	note                TEXT    NOT NULL DEFAULT '',
	name                TEXT    NOT NULL CHECK (name <> ''),
	points              INTEGER NOT NULL CHECK (points >= 0),
	weight              REAL    NOT NULL CHECK (weight > 0),
	kind                TEXT    NOT NULL CHECK (kind IN ('check', 'measure')),
	target_value        REAL    CHECK (target_value >= 0),
	target_direction    TEXT    CHECK (target_direction IN ('at_least', 'at_most')),
	unit                TEXT    NOT NULL DEFAULT '',
	first_completed_at  INTEGER,
	completed_at        INTEGER,
	completed_day       TEXT    CHECK (date(completed_day, '+0 days') IS completed_day),
	import_source       TEXT    CHECK (import_source IN ('loop')), -- NULL: made in trackpro
	created_at          INTEGER NOT NULL,
	updated_at          INTEGER NOT NULL,
	deleted_at          INTEGER,
	CHECK (completed_at IS NULL OR first_completed_at IS NOT NULL),
	UNIQUE (tracker_instance_id, task_template_id)
) STRICT;
CREATE INDEX task_instances_template ON task_instances(task_template_id);
CREATE INDEX task_instances_completed ON task_instances(completed_day) WHERE completed_day IS NOT NULL;

-- Audit trail: one row per change of a task instance's status or value (old, new, when, where).
CREATE TABLE task_events (
	id               INTEGER PRIMARY KEY,
	task_instance_id INTEGER NOT NULL REFERENCES task_instances(id) ON DELETE CASCADE,
	at               INTEGER NOT NULL,
	old_status       TEXT    CHECK (old_status IN ('todo', 'in_progress', 'done', 'skipped', 'missed', 'blocked')),
	new_status       TEXT    NOT NULL
	                         CHECK (new_status IN ('todo', 'in_progress', 'done', 'skipped', 'missed', 'blocked')),
	old_value        REAL,
	new_value        REAL,
	source           TEXT    NOT NULL DEFAULT 'web'
	                         CHECK (source IN ('web', 'batch', 'gap_fill', 'import', 'seed', 'cli', 'worker'))
) STRICT;
CREATE INDEX task_events_instance ON task_events(task_instance_id, at);

-- A journal note: one per tracker per local day.
CREATE TABLE day_notes (
	id         INTEGER PRIMARY KEY,
	tracker_id INTEGER NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,
	day        TEXT    NOT NULL CHECK (date(day, '+0 days') IS day),
	body       TEXT    NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	deleted_at INTEGER,
	UNIQUE (tracker_id, day)
) STRICT;

-- A goal, in four kinds: target (a value by a deadline, from progress entries), counter (an
-- open-ended count from start_date, with resets), tasks (fed by completions through goal_tasks;
-- metric completions|days|points over start_date..deadline), period (a target per period_unit
-- of metric completions|points|amount|percent, with goal_period_snapshots).
-- current_value and best_value (a counter's longest run) are kept up to date by the services.
CREATE TABLE goals (
	id            INTEGER PRIMARY KEY,
	user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name          TEXT    NOT NULL CHECK (name <> ''),
	description   TEXT    NOT NULL DEFAULT '',
	kind          TEXT    NOT NULL CHECK (kind IN ('target', 'counter', 'tasks', 'period')),
	unit          TEXT    NOT NULL DEFAULT '',
	target_value  REAL    CHECK (target_value > 0),
	start_date    TEXT    CHECK (date(start_date, '+0 days') IS start_date),
	deadline      TEXT    CHECK (date(deadline, '+0 days') IS deadline),
	metric        TEXT    CHECK (metric IN ('completions', 'days', 'points', 'amount', 'percent')),
	period_unit   TEXT    CHECK (period_unit IN ('day', 'week', 'month')),
	current_value REAL    NOT NULL DEFAULT 0,
	best_value    REAL    NOT NULL DEFAULT 0,
	status        TEXT    NOT NULL DEFAULT 'active'
	                      CHECK (status IN ('active', 'achieved', 'failed', 'abandoned')),
	achieved_at   INTEGER,
	category_id   INTEGER REFERENCES categories(id) ON DELETE SET NULL,
	position      INTEGER NOT NULL DEFAULT 0,
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL,
	deleted_at    INTEGER,
	CHECK (deadline IS NULL OR start_date IS NULL OR deadline >= start_date),
	CHECK (kind <> 'target' OR (target_value IS NOT NULL AND deadline IS NOT NULL)),
	CHECK (kind <> 'tasks' OR (target_value IS NOT NULL AND metric IN ('completions', 'days', 'points'))),
	CHECK (kind <> 'period' OR (target_value IS NOT NULL AND period_unit IS NOT NULL
	                            AND metric IN ('completions', 'points', 'amount', 'percent'))),
	CHECK ((kind = 'period') = (period_unit IS NOT NULL))
) STRICT;
CREATE INDEX goals_user ON goals(user_id, status);
CREATE INDEX goals_category ON goals(category_id) WHERE category_id IS NOT NULL;
CREATE INDEX goals_trash ON goals(user_id, deleted_at) WHERE deleted_at IS NOT NULL;

-- A goal's history: creation, target changes, status changes, resets.
CREATE TABLE goal_events (
	id         INTEGER PRIMARY KEY,
	goal_id    INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
	at         INTEGER NOT NULL,
	kind       TEXT    NOT NULL CHECK (kind IN ('created', 'edited', 'target_changed', 'status_changed', 'reset')),
	old_value  REAL,
	new_value  REAL,
	old_status TEXT    CHECK (old_status IN ('active', 'achieved', 'failed', 'abandoned')),
	new_status TEXT    CHECK (new_status IN ('active', 'achieved', 'failed', 'abandoned')),
	note       TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX goal_events_goal ON goal_events(goal_id, at);

-- Which task templates feed a goal of kind tasks or period, and how much (weight 0-1).
CREATE TABLE goal_tasks (
	goal_id          INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
	task_template_id INTEGER NOT NULL REFERENCES task_templates(id) ON DELETE CASCADE,
	weight           REAL    NOT NULL DEFAULT 1 CHECK (weight BETWEEN 0 AND 1),
	created_at       INTEGER NOT NULL,
	PRIMARY KEY (goal_id, task_template_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX goal_tasks_template ON goal_tasks(task_template_id);

-- A logged change of a target or counter goal's value: a delta, negative for corrections and resets.
CREATE TABLE progress_entries (
	id         INTEGER PRIMARY KEY,
	goal_id    INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
	value      REAL    NOT NULL,
	day        TEXT    NOT NULL CHECK (date(day, '+0 days') IS day),
	note       TEXT    NOT NULL DEFAULT '',
	is_reset   INTEGER NOT NULL DEFAULT 0 CHECK (is_reset IN (0, 1)),
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX progress_entries_goal ON progress_entries(goal_id, day);

-- The result of one finished period of a period goal.
CREATE TABLE goal_period_snapshots (
	id             INTEGER PRIMARY KEY,
	goal_id        INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
	period_start   TEXT    NOT NULL CHECK (date(period_start, '+0 days') IS period_start),
	period_end     TEXT    NOT NULL CHECK (date(period_end, '+0 days') IS period_end),
	achieved_value REAL    NOT NULL,
	target_value   REAL    NOT NULL CHECK (target_value > 0),
	percent        REAL    NOT NULL CHECK (percent >= 0), -- may exceed 100
	achieved       INTEGER NOT NULL CHECK (achieved IN (0, 1)),
	taken_at       INTEGER NOT NULL,
	CHECK (period_end >= period_start),
	UNIQUE (goal_id, period_start)
) STRICT;

-- Streak milestones reached, recorded once per tracker (task_template_id NULL) or per task and
-- milestone; they feed notifications.
CREATE TABLE streak_milestones (
	id               INTEGER PRIMARY KEY,
	tracker_id       INTEGER NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,
	task_template_id INTEGER REFERENCES task_templates(id) ON DELETE CASCADE,
	milestone        INTEGER NOT NULL CHECK (milestone IN (7, 14, 21, 30, 60, 90, 100, 180, 365)),
	reached_day      TEXT    NOT NULL CHECK (date(reached_day, '+0 days') IS reached_day),
	recorded_at      INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX streak_milestones_once ON streak_milestones(tracker_id, ifnull(task_template_id, 0), milestone);
CREATE INDEX streak_milestones_template ON streak_milestones(task_template_id) WHERE task_template_id IS NOT NULL;

-- In-app (and optionally e-mailed) notices; dedupe_key makes "one reminder per day" an INSERT OR IGNORE.
CREATE TABLE notifications (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	kind       TEXT    NOT NULL CHECK (kind IN ('reminder', 'summary', 'streak_milestone', 'goal_achieved',
	                                            'goal_reactivated', 'goal_progress', 'at_risk', 'nudge', 'system')),
	title      TEXT    NOT NULL,
	body       TEXT    NOT NULL DEFAULT '',
	link       TEXT    NOT NULL DEFAULT '', -- a local path, or ''
	dedupe_key TEXT,
	created_at INTEGER NOT NULL,
	read_at    INTEGER,
	emailed_at INTEGER,
	UNIQUE (user_id, dedupe_key)
) STRICT;
CREATE INDEX notifications_user ON notifications(user_id, created_at);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

-- A public read-only link to one tracker or one goal; only the token's hash is kept. Uses are taken
-- with one UPDATE ... WHERE use_count < max_uses. show_* choose what the page shows beyond the
-- heatmap and streaks; allow_embed serves the heatmap alone as an image.
CREATE TABLE share_links (
	id            INTEGER PRIMARY KEY,
	user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	tracker_id    INTEGER REFERENCES trackers(id) ON DELETE CASCADE,
	goal_id       INTEGER REFERENCES goals(id) ON DELETE CASCADE,
	token_hash    BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	label         TEXT    NOT NULL DEFAULT '',
	show_tasks    INTEGER NOT NULL DEFAULT 0 CHECK (show_tasks IN (0, 1)),
	show_statuses INTEGER NOT NULL DEFAULT 0 CHECK (show_statuses IN (0, 1)),
	show_notes    INTEGER NOT NULL DEFAULT 0 CHECK (show_notes IN (0, 1)),
	allow_embed   INTEGER NOT NULL DEFAULT 0 CHECK (allow_embed IN (0, 1)),
	expires_at    INTEGER, -- NULL: never
	max_uses      INTEGER CHECK (max_uses >= 1), -- NULL: unlimited
	use_count     INTEGER NOT NULL DEFAULT 0 CHECK (use_count >= 0),
	password_hash TEXT, -- NULL: no password
	active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at    INTEGER NOT NULL,
	last_used_at  INTEGER,
	CHECK ((tracker_id IS NULL) <> (goal_id IS NULL))
) STRICT;
CREATE INDEX share_links_user ON share_links(user_id, created_at);
CREATE INDEX share_links_tracker ON share_links(tracker_id) WHERE tracker_id IS NOT NULL;
CREATE INDEX share_links_goal ON share_links(goal_id) WHERE goal_id IS NOT NULL;

-- Share-password throttling: wrong attempts per link, per key ('*' for the link, or an address).
CREATE TABLE share_attempts (
	share_link_id INTEGER NOT NULL REFERENCES share_links(id) ON DELETE CASCADE,
	key           TEXT    NOT NULL,
	window_start  INTEGER NOT NULL,
	count         INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
	last_at       INTEGER NOT NULL,
	PRIMARY KEY (share_link_id, key)
) STRICT, WITHOUT ROWID;

-- A typed link between two of a user's objects (a task depends on another, a note supports a
-- goal). The ends are polymorphic, so triggers below remove the links of a deleted object.
CREATE TABLE entity_relations (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	from_kind  TEXT    NOT NULL CHECK (from_kind IN ('tracker', 'task_template', 'goal', 'day_note')),
	from_id    INTEGER NOT NULL,
	to_kind    TEXT    NOT NULL CHECK (to_kind IN ('tracker', 'task_template', 'goal', 'day_note')),
	to_id      INTEGER NOT NULL,
	relation   TEXT    NOT NULL CHECK (relation IN ('depends_on', 'blocks', 'relates_to', 'supports')),
	created_at INTEGER NOT NULL,
	CHECK (from_kind <> to_kind OR from_id <> to_id),
	UNIQUE (from_kind, from_id, to_kind, to_id, relation)
) STRICT;
CREATE INDEX entity_relations_to ON entity_relations(to_kind, to_id);
CREATE INDEX entity_relations_user ON entity_relations(user_id);

CREATE TRIGGER trackers_relations AFTER DELETE ON trackers BEGIN
	DELETE FROM entity_relations WHERE (from_kind = 'tracker' AND from_id = old.id)
	                                OR (to_kind = 'tracker' AND to_id = old.id);
END;
CREATE TRIGGER task_templates_relations AFTER DELETE ON task_templates BEGIN
	DELETE FROM entity_relations WHERE (from_kind = 'task_template' AND from_id = old.id)
	                                OR (to_kind = 'task_template' AND to_id = old.id);
END;
CREATE TRIGGER goals_relations AFTER DELETE ON goals BEGIN
	DELETE FROM entity_relations WHERE (from_kind = 'goal' AND from_id = old.id)
	                                OR (to_kind = 'goal' AND to_id = old.id);
END;
CREATE TRIGGER day_notes_relations AFTER DELETE ON day_notes BEGIN
	DELETE FROM entity_relations WHERE (from_kind = 'day_note' AND from_id = old.id)
	                                OR (to_kind = 'day_note' AND to_id = old.id);
END;

-- A user's recent searches, one row per distinct query, for suggestions.
CREATE TABLE search_history (
	id               INTEGER PRIMARY KEY,
	user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	query            TEXT    NOT NULL CHECK (query <> ''),
	use_count        INTEGER NOT NULL DEFAULT 1 CHECK (use_count >= 1),
	last_searched_at INTEGER NOT NULL,
	UNIQUE (user_id, query)
) STRICT;
CREATE INDEX search_history_recent ON search_history(user_id, last_searched_at);

-- Time spent on a task instance (start/stop timer or entered by hand); ended_at NULL while running.
CREATE TABLE time_logs (
	id               INTEGER PRIMARY KEY,
	user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	task_instance_id INTEGER NOT NULL REFERENCES task_instances(id) ON DELETE CASCADE,
	day              TEXT    NOT NULL CHECK (date(day, '+0 days') IS day), -- local day of started_at
	started_at       INTEGER NOT NULL,
	ended_at         INTEGER,
	note             TEXT    NOT NULL DEFAULT '',
	CHECK (ended_at IS NULL OR ended_at >= started_at)
) STRICT;
CREATE INDEX time_logs_user ON time_logs(user_id, day);
CREATE INDEX time_logs_instance ON time_logs(task_instance_id);
CREATE INDEX time_logs_running ON time_logs(user_id) WHERE ended_at IS NULL;

-- Imported outside objects (a Loop habit: its uuid, or name plus first check-in for old files)
-- and the tracker and task made from them, so re-importing a file adds only what is new.
CREATE TABLE imports (
	id                INTEGER PRIMARY KEY,
	user_id           INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	source            TEXT    NOT NULL CHECK (source IN ('loop')),
	external_key      TEXT    NOT NULL CHECK (external_key <> ''),
	tracker_id        INTEGER NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,
	task_template_id  INTEGER NOT NULL REFERENCES task_templates(id) ON DELETE CASCADE,
	checkins          INTEGER NOT NULL DEFAULT 0 CHECK (checkins >= 0), -- rows taken, all imports
	first_imported_at INTEGER NOT NULL,
	last_imported_at  INTEGER NOT NULL,
	UNIQUE (user_id, source, external_key)
) STRICT;
CREATE INDEX imports_tracker ON imports(tracker_id);
CREATE INDEX imports_template ON imports(task_template_id);

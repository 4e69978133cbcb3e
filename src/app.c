/* app: per-process start-up and shut-down. */
#include "app.h"

#include <string.h>

#include "log.h"
#include "page_cache.h"
#include "token.h"

int app_load_templates(struct tmpl_set **out, const char *data_dir, struct buf *err)
{
	struct buf dir;
	buf_init(&dir);
	buf_printf(&dir, "%s/templates", data_dir);
	struct tmpl_set *set = tmpl_set_new();
	int rc = tmpl_set_load_dir(set, buf_cstr(&dir), err);
	buf_free(&dir);
	if (rc < 0) {
		tmpl_set_free(set);
		*out = NULL;
		return -1;
	}
	*out = set;
	return 0;
}

int app_open(struct app *app, const struct config *config, struct buf *err)
{
	memset(app, 0, sizeof *app);
	app->config = config;
	app->clock = clock_system();
	app->limits = http_limits_default();
	if (token_library_init() < 0) {
		buf_puts(err, "libsodium cannot start (no entropy source?)");
		return -1;
	}
	if (db_open(&app->db, config->db_path, err) < 0)
		return -1;
	switch (db_schema_check(&app->db)) {
	case DB_SCHEMA_CURRENT:
		break;
	case DB_SCHEMA_BEHIND:
		buf_printf(err, "the database %s is at schema version %d, this trackpro needs %d: run `trackpro migrate` first",
			   config->db_path, db_schema_version(&app->db), DB_SCHEMA_VERSION);
		goto fail;
	case DB_SCHEMA_AHEAD:
		buf_printf(err, "the database %s is at schema version %d, newer than this trackpro (%d): run the newer trackpro, or restore a backup",
			   config->db_path, db_schema_version(&app->db), DB_SCHEMA_VERSION);
		goto fail;
	default:
		buf_printf(err, "cannot read the schema version of %s", config->db_path);
		goto fail;
	}
	if (db_prepare_all(&app->db, err) < 0)
		goto fail;
	if (app_load_templates(&app->templates, config->data_dir, err) < 0)
		goto fail;
	struct buf tz_err;
	buf_init(&tz_err);
	if (timezone_list_load_default(&app->timezones, &tz_err) < 0) {
		buf_printf(err, "reading the time zones: %s", buf_cstr(&tz_err));
		buf_free(&tz_err);
		tmpl_set_free(app->templates);
		app->templates = NULL;
		goto fail;
	}
	if (tz_err.len)
		log_info("%s", buf_cstr(&tz_err));
	buf_free(&tz_err);
	return 0;
fail:
	db_close(&app->db);
	return -1;
}

void app_close(struct app *app)
{
	page_cache_free(app->page_cache);
	app->page_cache = NULL;
	db_close(&app->db);
	if (app->templates)
		tmpl_set_free(app->templates);
	app->templates = NULL;
	timezone_list_free(&app->timezones);
}

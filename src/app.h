/* app: what one process needs to answer requests — configuration, its own database
 * connection, the compiled templates, the clock and the input limits — made at start-up and
 * passed explicitly (no globals), so tests can build one too. */
#ifndef TRACKPRO_APP_H
#define TRACKPRO_APP_H

#include "buf.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "tmpl.h"

struct app {
	const struct config *config;
	struct db db;
	struct tmpl_set *templates;
	struct clock clock;
	struct http_limits limits;
};

/* Loads and strictly links config->data_dir/templates. Returns 0, or -1 with the reasons
 * (file, line, column) in err. Used by the master before forking, to fail early. */
int app_load_templates(struct tmpl_set **out, const char *data_dir, struct buf *err);

/* Opens the database (refusing one whose schema is behind or ahead of this binary, with a
 * message saying what to do), prepares every statement and compiles the templates.
 * Returns 0, or -1 with the reason in err; on failure nothing stays open. */
int app_open(struct app *app, const struct config *config, struct buf *err);

/* Closes the database and frees the templates. */
void app_close(struct app *app);

#endif

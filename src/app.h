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
#include "timezone.h"
#include "tmpl.h"

struct page_cache;

struct app {
	const struct config *config;
	struct db db;
	struct tmpl_set *templates;
	struct clock clock;
	struct http_limits limits;
	struct timezone_list timezones; /* IANA zones from the system tzdata, for forms and checks */
	struct page_cache *page_cache;  /* the worker's page cache (page_cache.h); NULL: off. Owned:
					 * app_close frees it */
};

/* Loads and strictly links config->data_dir/templates. Returns 0, or -1 with the reasons
 * (file, line, column) in err. Used by the master before forking, to fail early. */
int app_load_templates(struct tmpl_set **out, const char *data_dir, struct buf *err);

/* Starts libsodium, opens the database (refusing one whose schema is behind or ahead of this
 * binary, with a message saying what to do), prepares every statement, compiles the
 * templates and reads the time-zone list. The page cache is left off (NULL): a worker turns
 * it on with page_cache_new(config->page_cache_size).
 * Returns 0, or -1 with the reason in err; on failure nothing stays open. */
int app_open(struct app *app, const struct config *config, struct buf *err);

/* Closes the database and frees the templates, the time-zone list and the page cache. */
void app_close(struct app *app);

#endif

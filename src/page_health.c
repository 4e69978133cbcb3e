/* page_health: GET /healthz for load balancers and the quick start. */
#include "pages.h"

#include "log.h"

int page_health_get(struct app *app, struct req *r, struct resp *w)
{
	(void)r;
	sqlite3_stmt *s = db_stmt(&app->db, STMT_HEALTHZ);
	int rc = s ? sqlite3_step(s) : SQLITE_ERROR;
	if (s)
		sqlite3_reset(s);
	resp_set_header(w, "Content-Type", "text/plain; charset=utf-8");
	resp_set_header(w, "Cache-Control", "no-store");
	if (rc != SQLITE_ROW) {
		log_error("healthz: database query failed: %s", sqlite3_errmsg(app->db.conn));
		w->status = 503;
		buf_puts(&w->body, "unavailable\n");
		return 0;
	}
	w->status = 200;
	buf_puts(&w->body, "ok\n");
	return 0;
}

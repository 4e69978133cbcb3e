/* config: the settings of a trackpro command, from command-line flags with environment
 * fallbacks (TRACKPRO_DB, TRACKPRO_SOCKET, TRACKPRO_WORKERS, TRACKPRO_DATA_DIR,
 * TRACKPRO_BASE_URL, TRACKPRO_REGISTRATION, TRACKPRO_SESSION_IDLE_DAYS,
 * TRACKPRO_SESSION_MAX_DAYS, TRACKPRO_PAGE_CACHE_SIZE) and compiled-in defaults. */
#ifndef TRACKPRO_CONFIG_H
#define TRACKPRO_CONFIG_H

#include <stdbool.h>

#include "buf.h"

#define CONFIG_MAX_WORKERS 256
#define CONFIG_PAGE_CACHE_DEFAULT ((size_t)8 << 20) /* bytes of page cache per worker: 8 MiB */
#define CONFIG_PAGE_CACHE_MAX ((size_t)1 << 30)     /* at most 1 GiB */

/* Installation directories, set by the build from configure's datadir, localstatedir and
 * runstatedir (these fallbacks serve a build outside automake). */
#ifndef TRACKPRO_DATADIR
#define TRACKPRO_DATADIR "/usr/local/share/trackpro"
#endif
#ifndef TRACKPRO_LOCALSTATEDIR
#define TRACKPRO_LOCALSTATEDIR "/var"
#endif
#ifndef TRACKPRO_RUNSTATEDIR
#define TRACKPRO_RUNSTATEDIR "/run"
#endif
#define CONFIG_DEFAULT_DB TRACKPRO_LOCALSTATEDIR "/lib/trackpro/trackpro.db"
#define CONFIG_DEFAULT_SOCKET TRACKPRO_RUNSTATEDIR "/trackpro/trackpro.sock"

struct config {
	const char *db_path;     /* SQLite database file */
	const char *socket_path; /* FastCGI unix socket to create; NULL = inherit fd 0 / systemd */
	int workers;             /* worker processes, 1..CONFIG_MAX_WORKERS */
	const char *data_dir;    /* holds templates/, sql/ and static/ */
	const char *base_url;    /* public URL, "http://127.0.0.1:8080" or "https://…" (no trailing '/') */
	bool socket_from_flag;   /* --socket or TRACKPRO_SOCKET was given */
	bool registration_open;  /* anyone may create an account at /register (default yes) */
	int session_idle_days;   /* a session unused this many days ends (default 7) */
	int session_max_days;    /* a session ends this many days after login (default 30) */
	size_t page_cache_size;  /* bytes of page cache per worker, 0 = off (default 8 MiB; page_cache.h) */
};

/* Fills c with the defaults: db LOCALSTATEDIR/lib/trackpro/trackpro.db, socket
 * RUNSTATEDIR/trackpro/trackpro.sock, workers = online CPUs, data_dir = the installed
 * PKGDATADIR, base_url http://127.0.0.1:8080, page cache CONFIG_PAGE_CACHE_DEFAULT — then
 * overrides them from the environment.
 * Returns 0, or -1 with a message in err for an invalid environment value. */
int config_from_env(struct config *c, struct buf *err);

/* Sets the setting named by a long flag ("db", "socket", "workers", "data-dir", "base-url",
 * "registration" (open|closed), "session-idle-days", "session-max-days" (1–365),
 * "page-cache-size" (bytes, 0 to CONFIG_PAGE_CACHE_MAX, digits only)) to value (not copied:
 * must outlive c). Returns 0, or -1 with a message in err. */
int config_set(struct config *c, const char *flag, const char *value, struct buf *err);

/* True when the base URL is https (cookies then get Secure and the __Host- prefix). */
bool config_is_https(const struct config *c);

#endif

/* config: flags, environment fallbacks and defaults. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *flag;
	const char *env;
} config_names[] = {
	{ "db", "TRACKPRO_DB" },
	{ "socket", "TRACKPRO_SOCKET" },
	{ "workers", "TRACKPRO_WORKERS" },
	{ "data-dir", "TRACKPRO_DATA_DIR" },
	{ "base-url", "TRACKPRO_BASE_URL" },
	{ "registration", "TRACKPRO_REGISTRATION" },
	{ "session-idle-days", "TRACKPRO_SESSION_IDLE_DAYS" },
	{ "session-max-days", "TRACKPRO_SESSION_MAX_DAYS" },
	{ "page-cache-size", "TRACKPRO_PAGE_CACHE_SIZE" },
};

/* Parses a whole number in min..max; -1 when invalid. */
static int parse_count(const char *s, int min, int max)
{
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (errno || end == s || *end || n < min || n > max)
		return -1;
	return (int)n;
}

int config_set(struct config *c, const char *flag, const char *value, struct buf *err)
{
	if (!value || !*value) {
		buf_printf(err, "--%s needs a value", flag);
		return -1;
	}
	if (strcmp(flag, "db") == 0) {
		c->db_path = value;
	} else if (strcmp(flag, "socket") == 0) {
		c->socket_path = value;
		c->socket_from_flag = true;
	} else if (strcmp(flag, "workers") == 0) {
		int n = parse_count(value, 1, CONFIG_MAX_WORKERS);
		if (n < 0) {
			buf_printf(err, "--workers must be a number from 1 to %d, not '%s'", CONFIG_MAX_WORKERS, value);
			return -1;
		}
		c->workers = n;
	} else if (strcmp(flag, "data-dir") == 0) {
		c->data_dir = value;
	} else if (strcmp(flag, "base-url") == 0) {
		if (strncmp(value, "http://", 7) != 0 && strncmp(value, "https://", 8) != 0) {
			buf_printf(err, "--base-url must start with http:// or https://, not '%s'", value);
			return -1;
		}
		c->base_url = value;
	} else if (strcmp(flag, "registration") == 0) {
		if (strcmp(value, "open") != 0 && strcmp(value, "closed") != 0) {
			buf_printf(err, "--registration must be open or closed, not '%s'", value);
			return -1;
		}
		c->registration_open = strcmp(value, "open") == 0;
	} else if (strcmp(flag, "session-idle-days") == 0 || strcmp(flag, "session-max-days") == 0) {
		int n = parse_count(value, 1, 365);
		if (n < 0) {
			buf_printf(err, "--%s must be a number of days from 1 to 365, not '%s'", flag, value);
			return -1;
		}
		if (strcmp(flag, "session-idle-days") == 0)
			c->session_idle_days = n;
		else
			c->session_max_days = n;
	} else if (strcmp(flag, "page-cache-size") == 0) {
		/* digits only: no sign, no suffix, no spaces */
		size_t n = 0;
		const char *p = value;
		while (*p >= '0' && *p <= '9' && n <= CONFIG_PAGE_CACHE_MAX)
			n = n * 10 + (size_t)(*p++ - '0');
		if (*p || n > CONFIG_PAGE_CACHE_MAX) {
			buf_printf(err, "--page-cache-size must be a number of bytes from 0 to %zu, not '%s'",
				   CONFIG_PAGE_CACHE_MAX, value);
			return -1;
		}
		c->page_cache_size = n;
	} else {
		buf_printf(err, "unknown setting --%s", flag);
		return -1;
	}
	return 0;
}

int config_from_env(struct config *c, struct buf *err)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	c->db_path = CONFIG_DEFAULT_DB;
	c->socket_path = CONFIG_DEFAULT_SOCKET;
	c->workers = cpus < 1 ? 1 : cpus > CONFIG_MAX_WORKERS ? CONFIG_MAX_WORKERS : (int)cpus;
	c->data_dir = TRACKPRO_DATADIR;
	c->base_url = "http://127.0.0.1:8080";
	c->socket_from_flag = false;
	c->registration_open = true;
	c->session_idle_days = 7;
	c->session_max_days = 30;
	c->page_cache_size = CONFIG_PAGE_CACHE_DEFAULT;
	for (size_t i = 0; i < sizeof config_names / sizeof config_names[0]; i++) {
		const char *v = getenv(config_names[i].env);
		if (v && *v && config_set(c, config_names[i].flag, v, err) < 0) {
			buf_printf(err, " (from %s)", config_names[i].env);
			return -1;
		}
	}
	return 0;
}

bool config_is_https(const struct config *c)
{
	return c->base_url && strncmp(c->base_url, "https://", 8) == 0;
}

/* worker: one FastCGI worker process — its own database connection, compiled templates and
 * page cache (config->page_cache_size bytes; page_cache.h), answering requests from the
 * shared listening socket until told to stop. */
#ifndef TRACKPRO_WORKER_H
#define TRACKPRO_WORKER_H

#include "config.h"

/* Runs a worker on listen_fd (a listening FastCGI socket) after fork: opens the app, then
 * accepts and answers requests. SIGTERM or SIGINT while idle ends it at once; during a
 * request it finishes that request first. Returns the process exit status (0 after a
 * requested stop, 1 when start-up failed). */
int worker_run(const struct config *config, int listen_fd);

#endif

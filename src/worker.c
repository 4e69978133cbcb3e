/* worker: the FastCGI accept loop of one worker process. */
#include "worker.h"

#include <fcgiapp.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "arena.h"
#include "buf.h"
#include "dispatch.h"
#include "log.h"
#include "page_cache.h"

/* Signal state of this process. The only mutable file-scope variables in the program: a
 * signal handler can reach nothing else (C11 7.14.1.1). */
static volatile sig_atomic_t worker_stop_requested;
static volatile sig_atomic_t worker_busy;

/* SIGTERM/SIGINT: leave at once when idle, else after the current request. */
static void worker_on_stop(int sig)
{
	(void)sig;
	worker_stop_requested = 1;
	if (!worker_busy)
		_exit(0);
}

/* http_getparam_fn over a FastCGI request's parameters. */
static const char *fcgi_getparam(void *ctx, const char *name)
{
	FCGX_Request *req = ctx;
	return FCGX_GetParam(name, req->envp);
}

/* http_read_fn over a FastCGI request's stdin stream. */
static long fcgi_read(void *ctx, void *p, size_t n)
{
	FCGX_Request *req = ctx;
	if (n > (size_t)1 << 30)
		n = (size_t)1 << 30;
	int got = FCGX_GetStr(p, (int)n, req->in);
	if (got < 0)
		return -1;
	if (got == 0 && FCGX_GetError(req->in) != 0)
		return -1;
	return got;
}

/* http_write_fn over a FastCGI request's stdout stream (a streamed body). */
static int fcgi_write(void *ctx, const void *p, size_t n)
{
	FCGX_Request *req = ctx;
	const char *s = p;
	while (n > 0) {
		int k = n > (size_t)1 << 20 ? 1 << 20 : (int)n;
		if (FCGX_PutStr(s, k, req->out) != k)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int worker_run(const struct config *config, int listen_fd)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = worker_on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigset_t all;
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);

	struct app app;
	struct buf err;
	buf_init(&err);
	if (app_open(&app, config, &err) < 0) {
		log_error("worker start-up: %s", buf_cstr(&err));
		buf_free(&err);
		return 1;
	}
	buf_free(&err);
	app.page_cache = page_cache_new(config->page_cache_size); /* NULL when 0: off */
	if (FCGX_Init() != 0) {
		log_error("FCGX_Init failed");
		app_close(&app);
		return 1;
	}
	FCGX_Request req;
	FCGX_InitRequest(&req, listen_fd, 0);
	struct arena arena;
	arena_init(&arena);
	struct buf out;
	buf_init(&out);
	while (!worker_stop_requested) {
		if (FCGX_Accept_r(&req) < 0)
			break;
		worker_busy = 1;
		struct dispatch_sink sink = { fcgi_write, &req, false };
		dispatch_request_to(&app, &arena, fcgi_getparam, &req, fcgi_read, &req, &out, &sink);
		if (sink.cut_short) {
			/* Close without FastCGI's end of request: nginx then breaks the response off
			 * rather than ending it as if it were complete. */
			FCGX_Free(&req, 1);
		} else {
			FCGX_PutStr(out.data ? out.data : "", (int)out.len, req.out);
			FCGX_Finish_r(&req);
		}
		buf_reset(&out);
		arena_reset(&arena);
		if (out.cap > (size_t)4 << 20) /* do not keep a huge buffer after one big page */
			buf_free(&out);
		worker_busy = 0;
	}
	buf_free(&out);
	arena_free(&arena);
	app_close(&app);
	return 0;
}

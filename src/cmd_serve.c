/* cmd_serve: `trackpro serve` — the master process. It owns the listening socket (created,
 * or inherited on fd 0 / from systemd), forks the workers, restarts one that dies, and on
 * SIGTERM or SIGINT lets every worker finish its request and exits 0. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "cli.h"
#include "commands.h"
#include "log.h"
#include "worker.h"

#define SERVE_FLAGS \
	(CLI_DB | CLI_SOCKET | CLI_WORKERS | CLI_DATA_DIR | CLI_BASE_URL | CLI_REGISTRATION | CLI_SESSIONS | CLI_PAGE_CACHE)
#define SERVE_BACKLOG 256
#define SERVE_STOP_TIMEOUT 30 /* seconds a worker gets to finish its request on shutdown */

struct worker_slot {
	pid_t pid;
	time_t started;
};

static void serve_help(void)
{
	printf("Usage: trackpro serve [OPTION]...\n"
	       "Answer FastCGI requests from nginx: a master process and N workers.\n\n");
	cli_print_flags(SERVE_FLAGS);
	printf("\nWithout --socket, a listening socket inherited on fd 0 (spawn-fcgi, systemd\n"
	       "StandardInput=socket) or from systemd socket activation (LISTEN_FDS) is used.\n"
	       "The database must be migrated first (trackpro migrate). SIGTERM or SIGINT\n"
	       "stops the server after the requests in flight; the exit status is then 0.\n"
	       "The page cache keeps the statistics pages, Today and tracker pages of signed-in\n"
	       "users for up to a minute, and drops everything at any change to the database.\n");
}

/* True when fd is a listening socket. */
static int is_listening_socket(int fd)
{
	int listening = 0;
	socklen_t len = sizeof listening;
	return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening;
}

/* Returns a socket handed over by systemd (LISTEN_FDS) or on fd 0, or -1. */
static int inherited_socket(void)
{
	const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	if (pid && fds && strtol(pid, NULL, 10) == (long)getpid() && strtol(fds, NULL, 10) >= 1 &&
	    is_listening_socket(3))
		return 3;
	if (is_listening_socket(0))
		return 0;
	return -1;
}

/* Creates the unix socket at path with mode 0660, replacing a stale one. Returns the fd or -1. */
static int create_socket(const char *path)
{
	struct sockaddr_un addr;
	memset(&addr, 0, sizeof addr);
	addr.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof addr.sun_path) {
		log_error("socket path too long (at most %zu bytes): %s", sizeof addr.sun_path - 1, path);
		return -1;
	}
	memcpy(addr.sun_path, path, strlen(path) + 1);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		log_error("socket: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_error("%s exists and is not a socket; not replacing it", path);
			goto fail;
		}
		if (connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0) {
			log_error("%s is in use by another running server", path);
			goto fail;
		}
		unlink(path);
	}
	mode_t old = umask(0117);
	int rc = bind(fd, (struct sockaddr *)&addr, sizeof addr);
	umask(old);
	if (rc < 0) {
		log_error("bind %s: %s", path, strerror(errno));
		goto fail;
	}
	if (chmod(path, 0660) < 0 || listen(fd, SERVE_BACKLOG) < 0) {
		log_error("socket %s: %s", path, strerror(errno));
		unlink(path);
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

/* Forks a worker into slot; returns 0 or -1. The child never returns. */
static int spawn_worker(struct worker_slot *slot, const struct config *config, int listen_fd)
{
	pid_t pid = fork();
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0)
		_exit(worker_run(config, listen_fd));
	slot->pid = pid;
	slot->started = time(NULL);
	return 0;
}

/* Checks the database and templates once in the master so a bad set-up stops before forking. */
static int preflight(const struct config *config)
{
	struct app app;
	struct buf err;
	buf_init(&err);
	int rc = app_open(&app, config, &err);
	if (rc < 0)
		fprintf(stderr, "trackpro serve: %s\n", buf_cstr(&err));
	else
		app_close(&app);
	buf_free(&err);
	return rc;
}

/* Sends sig to every live worker. */
static void signal_workers(struct worker_slot *slots, int n, int sig)
{
	for (int i = 0; i < n; i++)
		if (slots[i].pid > 0)
			kill(slots[i].pid, sig);
}

/* Reaps exited workers; returns how many are still alive. Restarts the dead unless stopping. */
static int reap_workers(struct worker_slot *slots, int n, int stopping, const struct config *config, int listen_fd)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < n; i++) {
			if (slots[i].pid != pid)
				continue;
			slots[i].pid = 0;
			if (stopping)
				break;
			if (WIFSIGNALED(status))
				log_error("worker %ld died of signal %d; restarting it", (long)pid, WTERMSIG(status));
			else
				log_error("worker %ld exited with status %d; restarting it", (long)pid, WEXITSTATUS(status));
			if (time(NULL) - slots[i].started < 1)
				sleep(1); /* a worker that dies at once: do not spin */
			spawn_worker(&slots[i], config, listen_fd);
			break;
		}
	}
	int alive = 0;
	for (int i = 0; i < n; i++)
		alive += slots[i].pid > 0;
	return alive;
}

int cmd_serve(int argc, char **argv)
{
	struct config config;
	int rc = cli_parse(argc, argv, SERVE_FLAGS, &config);
	if (rc != 0) {
		if (rc > 0)
			serve_help();
		return rc > 0 ? 0 : 2;
	}
	if (preflight(&config) < 0)
		return 1;

	/* The master handles its signals synchronously: block them, then sigtimedwait. */
	sigset_t signals;
	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGCHLD);
	sigaddset(&signals, SIGHUP);
	sigprocmask(SIG_BLOCK, &signals, NULL);
	signal(SIGPIPE, SIG_IGN);

	int listen_fd = config.socket_from_flag ? -1 : inherited_socket();
	const char *created = NULL;
	if (listen_fd < 0) {
		listen_fd = create_socket(config.socket_path);
		if (listen_fd < 0)
			return 1;
		created = config.socket_path;
	}
	struct worker_slot *slots = calloc((size_t)config.workers, sizeof *slots);
	if (!slots)
		return 1;
	for (int i = 0; i < config.workers; i++)
		spawn_worker(&slots[i], &config, listen_fd);
	log_info("serving on %s with %d workers", created ? created : "an inherited socket", config.workers);

	int stopping = 0;
	time_t stop_deadline = 0;
	for (;;) {
		struct timespec wait = { .tv_sec = 1, .tv_nsec = 0 };
		siginfo_t info;
		int sig = sigtimedwait(&signals, &info, &wait);
		if ((sig == SIGTERM || sig == SIGINT) && !stopping) {
			log_info("stopping: waiting for requests in flight");
			stopping = 1;
			stop_deadline = time(NULL) + SERVE_STOP_TIMEOUT;
			signal_workers(slots, config.workers, SIGTERM);
		}
		int alive = reap_workers(slots, config.workers, stopping, &config, listen_fd);
		if (stopping && alive == 0)
			break;
		if (stopping && time(NULL) > stop_deadline) {
			log_error("workers did not stop in %d seconds; killing them", SERVE_STOP_TIMEOUT);
			signal_workers(slots, config.workers, SIGKILL);
			stop_deadline = time(NULL) + SERVE_STOP_TIMEOUT;
		}
	}
	if (created)
		unlink(created);
	close(listen_fd);
	free(slots);
	log_info("stopped");
	return 0;
}

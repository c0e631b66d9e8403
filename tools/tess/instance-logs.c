/* instance-logs.c - tess logs [-f] NAME: an instance's console log, followed until it ends. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "instance.h"

#define FOLLOW_POLL_MS 100

enum { OPT_HELP = 1, OPT_FOLLOW };

static const struct tess_opt logs_opts[] = {
	{ OPT_FOLLOW, 'f', "follow", 0 },
	{ OPT_HELP, 'h', "help", 0 },
	{ 0, 0, NULL, 0 },
};

/* Copy fd from its offset to its end onto stdout. 0, or the errno of a
 * failed write to stdout. */
static int copy_out(int fd)
{
	char buf[65536];

	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf)), off = 0;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		while (off < n) {
			ssize_t w = write(STDOUT_FILENO, buf + off, (size_t)(n - off));

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return w < 0 ? errno : EIO;
			off += w;
		}
	}
}

/* stdout failed: as a Linux program, SIGPIPE's status without a word for
 * a closed pipe, a message otherwise. */
static int out_failed(int e)
{
	if (e == EPIPE)
		return TESS_EXIT_PIPE;
	tess_err("output failed: %s", strerror(e));
	return TESS_EXIT_FAIL;
}

/* Is the instance still running? */
static int still_running(const char *dir)
{
	struct tess_inst st;
	const char *why;
	int r;

	if (tess_inst_read(dir, &st, &why) < 0)
		return 0;
	r = tess_inst_live(&st);
	tess_inst_free(&st);
	return r == TESS_LIVE_RUNNING || r == TESS_LIVE_STARTING;
}

static int same_file(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

/*
 * Follow the log (fd open on it, at its end) until the instance ends or a
 * signal comes. When the supervisor rotates it (console.log becomes
 * console.log.1), what remains in the old file is read, then the new one.
 */
static int follow(const char *dir, const char *log, int fd)
{
	int sigfd, e, ended = 0;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	for (;;) {
		struct pollfd p = { .fd = sigfd, .events = POLLIN };
		struct signalfd_siginfo si;

		if ((e = copy_out(fd)))
			return out_failed(e);
		if (fd >= 0 && !same_file(fd, log)) {
			int nfd = open(log, O_RDONLY | O_CLOEXEC);

			if (nfd >= 0 || ended) {
				if ((e = copy_out(fd)))
					return out_failed(e);
				close(fd);
				fd = nfd;
				continue;
			}
		}
		if (ended)
			return 0;
		/* Read what came once more after the end was seen, so that
		 * nothing written just before is missed. */
		if (!still_running(dir))
			ended = 1;
		else if (poll(&p, 1, FOLLOW_POLL_MS) > 0 &&
			 read(sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
			return 128 + (int)si.ssi_signo;
	}
}

int tess_cmd_logs(int argc, char **argv)
{
	struct tess_optparse p = { .argc = argc, .argv = argv, .i = 1, .opts = logs_opts };
	const char *val, *name = NULL, *why;
	struct tess_inst st;
	enum tess_inst_live live;
	int id, fol = 0, fd, old, e;
	char *dir, *log, *oldlog;

	while ((id = tess_opt_next(&p, &val)) != TESS_OPT_END) {
		switch (id) {
		case TESS_OPT_POSITIONAL:
			if (name)
				tess_usage("unexpected argument '%s'", val);
			name = val;
			break;
		case TESS_OPT_DASHDASH:
			p.only_positional = 1;
			break;
		case OPT_FOLLOW:
			fol = 1;
			break;
		case OPT_HELP:
			tess_help("logs");
			exit(0);
		}
	}
	if (!name)
		tess_usage("which instance? (tess logs NAME)");
	dir = tess_inst_load(name, &st, &live, &why);
	tess_inst_free(&st);
	log = tess_path_join(dir, TESS_INST_LOG);
	oldlog = tess_path_join(dir, TESS_INST_LOG_OLD);
	/* The older half first (opened first: a rotation in between then
	 * only repeats nothing). */
	old = open(oldlog, O_RDONLY | O_CLOEXEC);
	fd = open(log, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && old < 0)
		tess_die("%s: no console log (%s was removed)", name, log);
	if (old >= 0) {
		e = copy_out(old);
		close(old);
		if (e)
			return out_failed(e);
	}
	if (fd >= 0 && (e = copy_out(fd)))
		return out_failed(e);
	if (!fol || (live != TESS_LIVE_RUNNING && live != TESS_LIVE_STARTING))
		return 0;
	return follow(dir, log, fd);
}

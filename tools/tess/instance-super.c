/* instance-super.c - tess run -d: reserving the name, and the detached supervisor that runs the monitor, keeps its log and records how it ended. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "instance.h"


/* ---- reserving the name ---- */

/* A name made from the app's: its allowed characters (at most 50), a dash
 * and 6 random hex digits. */
static char *make_name(const char *app_name)
{
	struct tess_buf b = { 0 };
	unsigned char rnd[3] = { 0 };
	const char *p;

	for (p = app_name; *p && b.len < 50; p++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-", *p))
			tess_buf_addc(&b, *p);
	if (!b.len || !tess_inst_name_ok(b.s))
		tess_buf_adds(&b, b.len ? "" : "app");
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
		unsigned v = (unsigned)getpid() ^ (unsigned)time(NULL);

		rnd[0] = (unsigned char)v, rnd[1] = (unsigned char)(v >> 8), rnd[2] = (unsigned char)(v >> 16);
	}
	char suf[16];
	snprintf(suf, sizeof(suf), "-%02x%02x%02x", rnd[0], rnd[1], rnd[2]);
	tess_buf_adds(&b, suf);
	if (!tess_inst_name_ok(b.s)) { /* e.g. the app's name starts with '-' */
		free(b.s);
		return tess_xasprintf("app%s", suf);
	}
	return tess_buf_take(&b);
}

static _Noreturn void name_in_use(const char *name)
{
	tess_die("the name '%s' is already in use (see 'tess ps -a'; 'tess rm %s' frees it)", name,
		 name);
}

void tess_inst_name_free(const char *name)
{
	char *dir = tess_inst_path(name);

	if (access(dir, F_OK) == 0)
		name_in_use(name);
	free(dir);
}

char *tess_inst_keep(struct tess_inst_launch *la, const char *src, const char *base)
{
	char *tmp = tess_path_join(la->tmpdir, base), buf[65536];
	int in = open(src, O_RDONLY | O_CLOEXEC), out;
	ssize_t n;

	out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (in < 0 || out < 0)
		tess_die("%s: %s", in < 0 ? src : tmp, strerror(errno));
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			tess_die("%s: %s", tmp, strerror(errno ? errno : ENOSPC));
	if (n < 0 || close(out) < 0)
		tess_die("%s: %s", n < 0 ? src : tmp, strerror(errno));
	close(in);
	free(tmp);
	return tess_path_join(la->dir, base);
}

void tess_inst_prepare(struct tess_inst_launch *la)
{
	const char *dir = tess_inst_dir();
	struct tess_inst st = { 0 };
	char *name;
	int tries = 0;

	if (la->name) {
		name = tess_xstrdup(la->name);
		la->dir = tess_path_join(dir, name);
		tess_inst_name_free(name); /* early, before booting; the rename decides */
	} else {
		for (;;) {
			name = make_name(la->app_name);
			la->dir = tess_path_join(dir, name);
			if (access(la->dir, F_OK) < 0 || ++tries == 100)
				break;
			free(name);
			free(la->dir);
		}
	}
	la->name = name;
	la->tmpdir = tess_xasprintf("%s/.new-%s-%d", dir, name, (int)getpid());
	la->control = tess_path_join(la->dir, TESS_INST_CONTROL);
	if (mkdir(la->tmpdir, 0700) < 0)
		tess_die("%s: %s", la->tmpdir, strerror(errno));
	char *fifo = tess_path_join(la->tmpdir, TESS_INST_CONTROL);
	if (mkfifo(fifo, 0600) < 0)
		tess_die("%s: %s", fifo, strerror(errno));
	free(fifo);
	st.name = (char *)name;
	st.app = (char *)la->app;
	st.vmm = la->is_tvm ? "tvm" : "qemu";
	st.image = (char *)la->image;
	st.dbg = tess_xasprintf("%s.dbg", la->image);
	st.mem_kib = la->mem_kib;
	st.gdb_port = la->gdb_port;
	st.ports = "";
	st.created = (int64_t)time(NULL);
	st.phase = "starting";
	if (tess_inst_write(la->tmpdir, &st) < 0)
		tess_die("%s: %s", la->tmpdir, strerror(errno));
	free(st.dbg);
}

/* ---- the console log ---- */

struct logw {
	int fd;
	char *path, *old; /* console.log, console.log.1 */
	size_t size;
};

/* Append to the log; when the current half is full it becomes the old
 * half, so the newest data is kept and the total stays under the cap. */
static void log_write(struct logw *l, const char *buf, size_t n)
{
	if (l->size && l->size + n > TESS_LOG_CAP / 2) {
		rename(l->path, l->old);
		close(l->fd);
		l->fd = open(l->path, O_WRONLY | O_CREAT | O_APPEND | O_TRUNC | O_CLOEXEC, 0600);
		l->size = 0;
	}
	if (l->fd >= 0)
		tess_write_all(l->fd, buf, n);
	l->size += n;
}

/* ---- the supervisor ---- */

struct super {
	struct tess_inst_launch *la;
	struct tess_inst st;
	struct logw log;
	pid_t mon;
	int control;       /* the control FIFO, held open from the start: a
			    * request written before QEMU opens it waits there */
	int stop_requested;
	struct tess_qemu_seen seen;
	int tvm_crashed;
	struct tess_lines err; /* the monitor's stderr, cut into lines */
};

/* One line of the monitor's stderr: QEMU's status line is taken out (as
 * in tess run); the rest goes to the log with the console. */
static int err_line(void *ctx, const char *line, size_t len)
{
	struct super *s = ctx;

	if (!s->la->is_tvm)
		return tess_qemu_line(&s->seen, line, len) & TESS_LINE_KEEP;
	s->tvm_crashed |= len >= 18 && memcmp(line, "tvm: guest crashed", 18) == 0;
	return TESS_LINE_KEEP;
}

static void err_out(void *ctx, const char *buf, size_t n)
{
	struct super *s = ctx;

	log_write(&s->log, buf, n);
}

/* Move what a pipe holds now; 0 at its end. */
static int drain(struct super *s, int fd, int is_err)
{
	char buf[65536];

	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 1;
		if (n <= 0)
			return 0;
		if (is_err)
			tess_lines_feed(&s->err, buf, (size_t)n);
		else
			log_write(&s->log, buf, (size_t)n);
	}
}

/* Ask the guest to shut down: a byte on QEMU's control port (the guest
 * polls it), SIGTERM to tvm (which tells the guest). */
static void ask_stop(struct super *s)
{
	s->stop_requested = 1;
	if (s->la->is_tvm) {
		kill(s->mon, SIGTERM);
		return;
	}
	if (s->control >= 0) {
		ssize_t w = write(s->control, "s", 1);

		(void)w;
	}
}

/* How the monitor ended, as tess run would say, into the state. */
static void record_end(struct super *s, int wstatus)
{
	struct tess_child_result res = { .status = wstatus };
	int status;

	/* tess's own messages about the end go to the log too. */
	if (s->log.fd >= 0)
		dup2(s->log.fd, STDERR_FILENO);
	if (s->la->is_tvm)
		status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : TESS_EXIT_RUNFAIL;
	else
		status = tess_qemu_status(&res, &s->seen, 0);
	s->st.status = status;
	if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL && s->stop_requested)
		s->st.result = "killed";
	else if (WIFSIGNALED(wstatus))
		s->st.result = "monitor died";
	else if (s->la->is_tvm ? s->tvm_crashed : s->seen.crashed)
		s->st.result = "crashed";
	else
		s->st.result = "exited";
	if (WIFSIGNALED(wstatus))
		s->st.status = 128 + WTERMSIG(wstatus);
	s->st.phase = "ended";
	s->st.ended = (int64_t)time(NULL);
	tess_inst_write(s->la->dir, &s->st);
}

/* Start the monitor with its stdin (never written: the console input
 * neither comes nor ends), stdout and stderr on pipes. It dies with us
 * (PDEATHSIG): a supervisor killed with SIGKILL leaves no monitor behind.
 * Returns its pid, or -1 with errno set. */
static pid_t start_monitor(struct super *s, int *out, int *err, int *in)
{
	int po[2], pe[2], pi[2], px[2], e = 0;
	pid_t me = getpid(), pid;
	ssize_t n;

	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0 || pipe2(pi, O_CLOEXEC) < 0 ||
	    pipe2(px, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		sigset_t none;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != me)
			_exit(127);
		dup2(pi[0], STDIN_FILENO);
		dup2(po[1], STDOUT_FILENO);
		dup2(pe[1], STDERR_FILENO);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execvp(s->la->argv.v[0], s->la->argv.v);
		e = errno;
		n = write(px[1], &e, sizeof(e));
		(void)n;
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	close(pi[0]);
	close(px[1]);
	do
		n = read(px[0], &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(px[0]);
	if (n == (ssize_t)sizeof(e)) {
		waitpid(pid, NULL, 0);
		errno = e;
		return -1;
	}
	fcntl(po[0], F_SETFL, O_NONBLOCK);
	fcntl(pe[0], F_SETFL, O_NONBLOCK);
	*out = po[0];
	*err = pe[0];
	*in = pi[1];
	return pid;
}

/* Tell tess run -d how the start went: "O", or "E" and a message. */
static void report(int fd, const char *msg)
{
	struct tess_buf b = { 0 };

	tess_buf_adds(&b, msg ? "E" : "O");
	if (msg)
		tess_buf_adds(&b, msg);
	tess_write_all(fd, b.s, b.len);
	free(b.s);
	close(fd);
}

static void supervise(struct super *s, int sigfd, int out, int err)
{
	int wstatus = 0, ended = 0;

	while (!ended || out >= 0 || err >= 0) {
		struct pollfd p[3];
		struct signalfd_siginfo si;
		nfds_t n = 0;

		p[n++] = (struct pollfd){ .fd = sigfd, .events = POLLIN };
		if (out >= 0)
			p[n++] = (struct pollfd){ .fd = out, .events = POLLIN };
		if (err >= 0)
			p[n++] = (struct pollfd){ .fd = err, .events = POLLIN };
		/* Once the monitor has ended, a process it left holding the
		 * pipes must not keep us: take what is there and finish. */
		if (poll(p, n, ended ? 0 : 1000) < 0 && errno != EINTR)
			break;
		while (read(sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
			if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT)
				ask_stop(s);
		if (out >= 0 && (!drain(s, out, 0) || ended)) {
			close(out);
			out = -1;
		}
		if (err >= 0 && (!drain(s, err, 1) || ended)) {
			close(err);
			err = -1;
		}
		if (!ended && waitpid(s->mon, &wstatus, WNOHANG) == s->mon)
			ended = 1;
	}
	if (!ended)
		waitpid(s->mon, &wstatus, 0);
	tess_lines_flush(&s->err);
	record_end(s, wstatus);
}

/* The supervisor: runs in the grandchild of tess run -d, in a session of
 * its own, with nothing of the terminal. Never returns. */
static _Noreturn void supervisor(struct tess_inst_launch *la, int ready)
{
	struct super s = { .la = la, .seen = { .guest_status = -1 } };
	const char *why;
	int out, err, in, sigfd, null;
	sigset_t set;
	char *msg;

	s.err = (struct tess_lines){ .filter = err_line, .ctx = &s, .out = err_out, .out_ctx = &s };

	/* Nothing of the caller's: not its terminal, nor the pipes a shell's
	 * $(tess run -d) waits on. */
	if (ready != 3) {
		dup2(ready, 3);
		close(ready);
		ready = 3;
	}
	fcntl(ready, F_SETFD, FD_CLOEXEC);
	for (int fd = 4; fd < 1024; fd++)
		close(fd);
	null = open("/dev/null", O_RDWR);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	if (null > 2)
		close(null);
	if (chdir("/") < 0)
		_exit(1);

	/* SIGTERM and SIGINT are stop requests, taken through a signalfd
	 * (whatever the caller ignored); SIGHUP has no terminal to come from. */
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);

	if (tess_inst_read(la->dir, &s.st, &why) < 0) {
		report(ready, "the instance's state vanished");
		_exit(1);
	}
	s.log.path = tess_path_join(la->dir, TESS_INST_LOG);
	s.log.old = tess_path_join(la->dir, TESS_INST_LOG_OLD);
	s.log.fd = open(s.log.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (sigfd < 0 || s.log.fd < 0) {
		msg = tess_xasprintf("%s: %s", s.log.path, strerror(errno));
		report(ready, msg);
		_exit(1);
	}
	s.control = la->is_tvm ? -1 : open(la->control, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	s.mon = start_monitor(&s, &out, &err, &in);
	if (s.mon < 0) {
		msg = tess_xasprintf("cannot run %s: %s", la->argv.v[0], strerror(errno));
		report(ready, msg);
		_exit(1);
	}
	s.st.phase = "running";
	s.st.sup_pid = getpid();
	s.st.sup_start = tess_proc_start(s.st.sup_pid);
	s.st.mon_pid = s.mon;
	s.st.mon_start = tess_proc_start(s.mon);
	s.st.started = (int64_t)time(NULL);
	if (tess_inst_write(la->dir, &s.st) < 0) {
		msg = tess_xasprintf("%s: %s", la->dir, strerror(errno));
		kill(s.mon, SIGKILL);
		report(ready, msg);
		_exit(1);
	}
	report(ready, NULL);
	supervise(&s, sigfd, out, err);
	close(in);
	_exit(0);
}

int tess_inst_start(struct tess_inst_launch *la)
{
	char buf[1024];
	int p[2], wst;
	ssize_t n, got = 0;
	pid_t pid;

	if (rename(la->tmpdir, la->dir) < 0) {
		int e = errno;

		tess_inst_remove(la->tmpdir, la->name);
		if (e == EEXIST || e == ENOTEMPTY)
			name_in_use(la->name);
		tess_die("%s: %s", la->dir, strerror(e));
	}
	if (pipe2(p, O_CLOEXEC) < 0)
		tess_die("pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		tess_die("fork: %s", strerror(errno));
	if (pid == 0) {
		/* Double fork: the supervisor is nobody's child but init's, and
		 * in a session of its own it has no controlling terminal. */
		close(p[0]);
		setsid();
		pid = fork();
		if (pid == 0)
			supervisor(la, p[1]);
		_exit(pid < 0 ? 1 : 0);
	}
	close(p[1]);
	while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
		;
	while (got < (ssize_t)sizeof(buf) - 1 &&
	       ((n = read(p[0], buf + got, sizeof(buf) - 1 - (size_t)got)) > 0 ||
		(n < 0 && errno == EINTR)))
		got += n > 0 ? n : 0;
	close(p[0]);
	buf[got] = 0;
	if (got > 0 && buf[0] == 'O') {
		printf("%s\n", la->name);
		return 0;
	}
	tess_inst_remove(la->dir, la->name);
	tess_err("%s", got > 1 ? buf + 1 : "the supervisor could not start");
	return TESS_EXIT_RUNFAIL;
}

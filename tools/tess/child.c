/* child.c - starting a child process, forwarding its stdin, stdout, stderr and tess's signals, timeouts. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tess.h"

#define KILL_GRACE_MS 2000 /* SIGTERM (or forwarded signal) -> SIGKILL */
#define POLL_MAX_MS   250  /* re-check the child even if SIGCHLD got lost */
#define STOP_DELAY_MS 250  /* TESS_LINE_STOP: let the child finish its message */
#define COALESCE_MS   1    /* after forwarding output, wait that long for more */

static int sigfd = -1;
static sigset_t orig_mask;

void tess_signals_init(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGCHLD };
	struct sigaction sa;
	sigset_t set;
	size_t i;
	int fd;

	/* Children must not get a pipe or the signalfd as stdin/out/err. */
	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF &&
		    open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) < 0)
			_exit(TESS_EXIT_RUNFAIL);

	/* An inherited SIG_IGN for SIGCHLD would make children vanish
	 * unreaped (waitpid fails); we need their statuses. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);

	sigemptyset(&set);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		/* A signal ignored by whoever started us (nohup, "cmd &") stays
		 * ignored: children inherit that, and tess does not react. */
		if (sigaction(sigs[i], NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			continue;
		sigaddset(&set, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &set, &orig_mask);
	sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);

	/* Writing to a closed stderr must not kill tess mid-supervision. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The lines the filter keeps go to tess's stderr. */
static void to_stderr(void *unused, const char *buf, size_t n)
{
	(void)unused;
	tess_write_all(STDERR_FILENO, buf, n);
}

/* Read what the pipe holds now; returns 0 at EOF or error, 1 if still open. */
static int pump(int fd, struct tess_lines *lb)
{
	char buf[4096];

	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n > 0) {
			tess_lines_feed(lb, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 1;
		return 0;
	}
}

/* Copy all of buf to tess's stdout, waiting while a non-blocking stdout is
 * full. Returns 0 or the errno of the failed write. */
static int write_stdout(const char *buf, size_t n)
{
	while (n) {
		ssize_t w = write(STDOUT_FILENO, buf, n);

		if (w > 0) {
			buf += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			struct pollfd p = { .fd = STDOUT_FILENO, .events = POLLOUT };

			poll(&p, 1, -1);
			continue;
		}
		return w < 0 ? errno : EIO;
	}
	return 0;
}

/* Forward what the child's stdout pipe holds now to tess's stdout; returns
 * 0 at EOF or error, 1 if still open and empty, 2 if data came. Once
 * tess's stdout has failed, the rest is read and dropped, so the child
 * never blocks on a full pipe. */
static int forward_output(int fd, struct tess_child_result *res)
{
	char buf[65536];
	int moved = 0;

	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		int err;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 1 + moved;
		if (n <= 0)
			return 0;
		moved = 1;
		if (res->output_errno)
			continue;
		err = write_stdout(buf, (size_t)n);
		if (err)
			res->output_errno = err;
	}
}

/*
 * tess's stdin on its way into the child's stdin pipe. tess reads only
 * while the pipe has room, so it reads ahead of the child by at most a
 * pipe's worth (64 KiB), as a pipeline would. At the end of its stdin (or
 * a read error) the pipe is closed: the child reads its end of file.
 */
struct infwd {
	int w;          /* the pipe's write end (non-blocking), -1 once closed */
	char buf[4096];
	size_t len, off; /* bytes read and not yet written */
};

static void infwd_close(struct infwd *in)
{
	if (in->w >= 0)
		close(in->w);
	in->w = -1;
}

/* What to poll for: stdin readable while the buffer is empty, the pipe
 * writable while it holds something. Adds at most one entry to pfd. */
static nfds_t infwd_pollfd(const struct infwd *in, struct pollfd *pfd)
{
	if (in->w < 0)
		return 0;
	if (in->len == in->off)
		*pfd = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
	else
		*pfd = (struct pollfd){ .fd = in->w, .events = POLLOUT };
	return 1;
}

/* Move what can be moved without blocking (after poll said so). */
static void infwd_pump(struct infwd *in, const struct pollfd *pfd)
{
	if (in->w < 0 || !pfd->revents)
		return;
	if (in->len == in->off) {
		ssize_t n = read(STDIN_FILENO, in->buf, sizeof(in->buf));

		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			return;
		if (n <= 0) {
			infwd_close(in); /* the end of tess's stdin is the child's */
			return;
		}
		in->len = (size_t)n;
		in->off = 0;
	}
	while (in->off < in->len) {
		ssize_t n = write(in->w, in->buf + in->off, in->len - in->off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			infwd_close(in); /* the child closed its stdin: stop reading ours */
			return;
		}
		in->off += (size_t)n;
	}
}

/* Handle pending signals: forward INT/TERM/HUP to the child. */
static void take_signals(pid_t pid, struct tess_child_result *res, int escalate,
			 long long *kill_at)
{
	struct signalfd_siginfo si;

	while (read(sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		int sig = (int)si.ssi_signo;

		if (sig == SIGCHLD)
			continue;
		if (!res->signal)
			res->signal = sig;
		kill(pid, sig);
		if (escalate && *kill_at < 0)
			*kill_at = now_ms() + KILL_GRACE_MS;
	}
}

/* Stop the child now (SIGTERM; SIGKILL after the grace period). */
static void stop_child(pid_t pid, long long now, long long *kill_at)
{
	kill(pid, SIGTERM);
	if (*kill_at < 0)
		*kill_at = now + KILL_GRACE_MS;
}

/* out: the child's stderr pipe (or -1); cout: its stdout pipe (or -1);
 * in: its stdin pipe's write end (or -1). */
static void supervise(pid_t pid, int out, int cout, int in, const struct tess_child_opts *o,
		      struct tess_child_result *res)
{
	struct infwd fwd = { .w = in, .len = 0, .off = 0 };
	long long deadline = o->timeout_s ? now_ms() + (long long)o->timeout_s * 1000 : -1;
	long long kill_at = -1, stop_at = -1, cout_quiet_until = -1;
	struct tess_lines lb = { .filter = o->filter, .ctx = o->ctx, .out = to_stderr };
	int killed = 0;

	for (;;) {
		struct pollfd pfd[4];
		long long now, wait = POLL_MAX_MS;
		nfds_t n = 0, infd;
		int st = 0;

		if (waitpid(pid, &st, WNOHANG) == pid) {
			res->status = st;
			break;
		}
		now = now_ms();
		if (lb.stop && stop_at < 0)
			stop_at = now + STOP_DELAY_MS;
		if (stop_at >= 0 && now >= stop_at && !res->stopped) {
			res->stopped = 1;
			stop_child(pid, now, &kill_at);
		}
		/* Nobody reads tess's output any more (e.g. `| head -1`): end the
		 * guest, as a Linux program ends on SIGPIPE. */
		if (res->output_errno == EPIPE && !res->output_closed) {
			res->output_closed = 1;
			stop_child(pid, now, &kill_at);
		}
		if (deadline >= 0 && now >= deadline && !res->timed_out && !res->stopped) {
			res->timed_out = 1;
			stop_child(pid, now, &kill_at);
		}
		if (kill_at >= 0 && now >= kill_at && !killed) {
			kill(pid, SIGKILL);
			killed = 1;
		}
		if (deadline >= 0 && !res->timed_out && !res->stopped && deadline - now < wait)
			wait = deadline - now;
		if (stop_at >= 0 && !res->stopped && stop_at - now < wait)
			wait = stop_at - now;
		if (kill_at >= 0 && !killed && kill_at - now < wait)
			wait = kill_at - now;
		if (wait < 0)
			wait = 0;

		if (sigfd >= 0)
			pfd[n++] = (struct pollfd){ .fd = sigfd, .events = POLLIN };
		if (out >= 0)
			pfd[n++] = (struct pollfd){ .fd = out, .events = POLLIN };
		/* QEMU writes the console a byte per write(): polling the pipe
		 * again at once would wake tess for every byte. */
		if (cout >= 0 && now < cout_quiet_until && cout_quiet_until - now < wait)
			wait = cout_quiet_until - now;
		if (cout >= 0 && now >= cout_quiet_until)
			pfd[n++] = (struct pollfd){ .fd = cout, .events = POLLIN };
		infd = n;
		n += infwd_pollfd(&fwd, &pfd[n]);
		if (poll(pfd, n, (int)wait) < 0 && errno != EINTR) {
			/* Cannot happen with valid fds; fall back to a plain wait. */
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			res->status = st;
			break;
		}
		if (sigfd >= 0)
			take_signals(pid, res, o->escalate, &kill_at);
		if (infd < n)
			infwd_pump(&fwd, &pfd[infd]);
		if (out >= 0 && !pump(out, &lb)) {
			close(out);
			out = -1;
		}
		if (cout >= 0 && now_ms() >= cout_quiet_until) {
			int r = forward_output(cout, res);

			if (!r) {
				close(cout);
				cout = -1;
			} else if (r == 2) {
				cout_quiet_until = now_ms() + COALESCE_MS;
			}
		}
	}
	infwd_close(&fwd);
	if (cout >= 0) {
		/* The child has ended: the pipe holds the last of its output. */
		forward_output(cout, res);
		close(cout);
	}
	if (out >= 0) {
		/* What the child wrote before exiting; a grandchild holding the
		 * pipe open must not make us wait. */
		pump(out, &lb);
		close(out);
	}
	if (o->filter)
		tess_lines_flush(&lb);
	/* Signals that came while the child was ending still count. */
	if (sigfd >= 0) {
		struct signalfd_siginfo si;

		while (read(sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
			if (si.ssi_signo != SIGCHLD && !res->signal)
				res->signal = (int)si.ssi_signo;
	}
}

static void close_pair(int p[2])
{
	if (p[0] >= 0) {
		close(p[0]);
		close(p[1]);
	}
}

int tess_child_run(char *const argv[], const struct tess_child_opts *o,
		   struct tess_child_result *res)
{
	int errpipe[2], outpipe[2] = { -1, -1 }, conpipe[2] = { -1, -1 }, inpipe[2] = { -1, -1 };
	int child_errno;
	ssize_t n;
	pid_t pid;

	memset(res, 0, sizeof(*res));
	if (pipe2(errpipe, O_CLOEXEC) < 0)
		return -1;
	if ((o->filter && pipe2(outpipe, O_CLOEXEC) < 0) ||
	    (o->pipe_stdout && pipe2(conpipe, O_CLOEXEC) < 0) ||
	    (o->forward_stdin && pipe2(inpipe, O_CLOEXEC) < 0)) {
		int e = errno;

		close_pair(errpipe);
		close_pair(outpipe);
		close_pair(conpipe);
		errno = e;
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close_pair(errpipe);
		close_pair(outpipe);
		close_pair(conpipe);
		close_pair(inpipe);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		struct sigaction sa = { .sa_handler = SIG_DFL };

		if (outpipe[1] >= 0)
			dup2(outpipe[1], STDERR_FILENO);
		if (conpipe[1] >= 0)
			dup2(conpipe[1], STDOUT_FILENO);
		if (inpipe[0] >= 0)
			dup2(inpipe[0], STDIN_FILENO);
		sigemptyset(&sa.sa_mask);
		sigaction(SIGPIPE, &sa, NULL);
		sigprocmask(SIG_SETMASK, &orig_mask, NULL);
		execvp(argv[0], argv);
		/* Tell the parent why exec failed; errpipe closes on success. */
		child_errno = errno;
		n = write(errpipe[1], &child_errno, sizeof(child_errno));
		(void)n;
		_exit(127);
	}
	close(errpipe[1]);
	if (outpipe[1] >= 0) {
		close(outpipe[1]);
		fcntl(outpipe[0], F_SETFL, fcntl(outpipe[0], F_GETFL) | O_NONBLOCK);
	}
	if (conpipe[1] >= 0) {
		close(conpipe[1]);
		fcntl(conpipe[0], F_SETFL, fcntl(conpipe[0], F_GETFL) | O_NONBLOCK);
	}
	if (inpipe[0] >= 0) {
		close(inpipe[0]);
		fcntl(inpipe[1], F_SETFL, fcntl(inpipe[1], F_GETFL) | O_NONBLOCK);
	}
	do
		n = read(errpipe[0], &child_errno, sizeof(child_errno));
	while (n < 0 && errno == EINTR);
	close(errpipe[0]);
	if (n == (ssize_t)sizeof(child_errno)) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		if (outpipe[0] >= 0)
			close(outpipe[0]);
		if (conpipe[0] >= 0)
			close(conpipe[0]);
		if (inpipe[1] >= 0)
			close(inpipe[1]);
		errno = child_errno;
		return -1;
	}
	supervise(pid, outpipe[0], conpipe[0], inpipe[1], o, res);
	return 0;
}

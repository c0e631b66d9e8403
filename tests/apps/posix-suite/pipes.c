/*
 * pipes.c: the "pipes" and "poll" areas — pipe and pipe2, EOF and EPIPE,
 * non-blocking ends, capacity, a threaded 1 MiB transfer; poll, ppoll and
 * select on pipe ends (readiness, hang-up, error, invalid descriptors,
 * timeouts, a wake-up from another thread).
 */
#include "suite.h"
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

struct xfer {
	int fd;
	unsigned long sum;
	long bytes;
};

static void *writer(void *arg)
{
	struct xfer *x = arg;
	static unsigned char buf[3000];
	long left = 1 << 20;
	unsigned v = 1;
	while (left > 0) {
		size_t n = left < (long)sizeof buf ? (size_t)left : sizeof buf;
		for (size_t i = 0; i < n; i++) {
			v = v * 1103515245 + 12345;
			buf[i] = (unsigned char)(v >> 16);
			x->sum += buf[i];
		}
		ssize_t w = write(x->fd, buf, n);
		if (w != (ssize_t)n)
			break;
		left -= w;
		x->bytes += w;
	}
	close(x->fd);
	return NULL;
}

void area_pipes(void)
{
	int p[2] = { -1, -1 };
	char buf[64];
	if (ck("pipe", pipe(p))) {
		notrun("everything else", "no pipe");
		return;
	}
	ck("write 5", write(p[1], "hello", 5));
	int n = -1;
	ck("FIONREAD", ioctl(p[0], FIONREAD, &n));
	say("bytes waiting", "%d", n);
	memset(buf, 0, sizeof buf);
	ck("read 64", read(p[0], buf, sizeof buf));
	say("what came", "\"%s\"", buf);
	ck("write 0 bytes", write(p[1], buf, 0));
	ck("lseek on a pipe", lseek(p[0], 0, SEEK_CUR));
	ck("pread on a pipe", pread(p[0], buf, 1, 0));
	ck("read on the write end", read(p[1], buf, 1));
	ck("write on the read end", write(p[0], "x", 1));
	struct stat st;
	ck("fstat", fstat(p[0], &st));
	yes("S_ISFIFO", S_ISFIFO(st.st_mode));
	ck("F_GETFL of the read end & O_ACCMODE", fcntl(p[0], F_GETFL) & O_ACCMODE);
	ck("F_GETFL of the write end & O_ACCMODE", fcntl(p[1], F_GETFL) & O_ACCMODE);
	ck("F_GETPIPE_SZ", fcntl(p[0], F_GETPIPE_SZ));
	ck("F_SETFL O_NONBLOCK", fcntl(p[0], F_SETFL, O_NONBLOCK));
	ck("read, empty, O_NONBLOCK", read(p[0], buf, 1));
	struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
	ck("writev", writev(p[1], iov, 2));
	char a[2], b[10] = { 0 };
	struct iovec rv[2] = { { a, 2 }, { b, 9 } };
	ck("readv", readv(p[0], rv, 2));
	say("what came", "%.2s|%s", a, b);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	long total = 0;
	while (total < (16l << 20)) { /* bounded: a pipe that never fills */
		static char big[4096];
		ssize_t w = write(p[1], big, sizeof big);
		if (w <= 0)
			break;
		total += w;
	}
	say("filled, non-blocking: last errno, bytes", "%s, %ld", errname(errno), total);
	ck("close the write end", close(p[1]));
	long got = 0;
	while (got < (16l << 20)) {
		ssize_t r = read(p[0], buf, sizeof buf);
		if (r <= 0) {
			ck("read after draining, writer closed (EOF)", r);
			break;
		}
		got += r;
	}
	say("drained", "%ld", got);
	close(p[0]);

	ck("pipe", pipe(p));
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	ck("write, reader closed, SIGPIPE ignored", write(p[1], "x", 1));
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);

	ck("pipe2 O_CLOEXEC|O_NONBLOCK", pipe2(p, O_CLOEXEC | O_NONBLOCK));
	ck("F_GETFD", fcntl(p[0], F_GETFD));
	ck("F_GETFL has O_NONBLOCK", !!(fcntl(p[1], F_GETFL) & O_NONBLOCK));
	close(p[0]);
	close(p[1]);
	ck("pipe2 bad flags", pipe2(p, 0x1));
	ck("pipe to a wild pointer (raw)", syscall(SYS_pipe, (void *)8));

	if (pipe(p)) {
		notrun("1 MiB through a pipe", "no pipe");
		return;
	}
	struct xfer x = { p[1], 0, 0 };
	pthread_t t;
	if (!pthread_create(&t, NULL, writer, &x)) {
		unsigned long sum = 0;
		long bytes = 0;
		static unsigned char rb[1000];
		ssize_t r;
		while ((r = read(p[0], rb, sizeof rb)) > 0) {
			for (ssize_t i = 0; i < r; i++)
				sum += rb[i];
			bytes += r;
		}
		pthread_join(t, NULL);
		say("1 MiB from a thread: bytes, sums match", "%ld, %s", bytes, sum == x.sum ? "yes" : "no");
	} else {
		notrun("1 MiB from a thread", "no thread");
		close(p[1]);
	}
	close(p[0]);
}

static void *write_later(void *arg)
{
	sleep_ms(30);
	if (write(*(int *)arg, "w", 1) != 1)
		return (void *)1;
	return NULL;
}

static int poll1(int fd, short events, int timeout)
{
	struct pollfd f = { fd, events, 0 };
	int r = poll(&f, 1, timeout);
	return r < 0 ? -1000 - errno : f.revents;
}

static void say_revents(const char *what, int r)
{
	if (r <= -1000) {
		say(what, "-1 %s", errname(-r - 1000));
		return;
	}
	char s[80] = "";
	static const struct { int bit; const char *name; } b[] = {
		{ POLLIN, "IN" }, { POLLPRI, "PRI" }, { POLLOUT, "OUT" }, { POLLERR, "ERR" },
		{ POLLHUP, "HUP" }, { POLLNVAL, "NVAL" }, { POLLRDNORM, "RDNORM" }, { POLLWRNORM, "WRNORM" },
	};
	for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
		if (r & b[i].bit) {
			strcat(s, *s ? "|" : "");
			strcat(s, b[i].name);
		}
	say(what, "%s", *s ? s : "0");
}

void area_poll(void)
{
	int p[2];
	if (pipe(p)) {
		notrun("poll", "no pipe");
		return;
	}
	say_revents("empty pipe, read end, POLLIN, timeout 0", poll1(p[0], POLLIN, 0));
	say_revents("write end, POLLOUT", poll1(p[1], POLLOUT, 0));
	say_revents("write end, POLLIN only", poll1(p[1], POLLIN, 0));
	write(p[1], "x", 1);
	say_revents("after a write, read end", poll1(p[0], POLLIN | POLLOUT, 0));
	say_revents("POLLRDNORM asked", poll1(p[0], POLLRDNORM, 0));
	struct pollfd fs[3] = { { p[0], POLLIN, 0 }, { -1, POLLIN, 7 }, { p[1], POLLOUT, 0 } };
	ck("poll 3, one negative", poll(fs, 3, 0));
	say("the negative one's revents", "%d", fs[1].revents);
	int64_t t0 = now_ns();
	char c;
	read(p[0], &c, 1);
	say_revents("drained, timeout 50 ms", poll1(p[0], POLLIN, 50));
	int64_t d = now_ns() - t0;
	yes("it waited 50 ms .. 2 s", d >= 50000000 && d < 2000000000);
	t0 = now_ns();
	ck("poll of nothing, 20 ms", poll(NULL, 0, 20));
	d = now_ns() - t0;
	yes("it waited 20 ms .. 2 s", d >= 20000000 && d < 2000000000);
	say_revents("a closed descriptor number", poll1(p[1] + 50, POLLIN, 0));
	ck("poll of a wild array (raw)", syscall(SYS_poll, (void *)8, 1, 0));
	ck("poll of more than RLIMIT_NOFILE (raw)", syscall(SYS_poll, fs, 1u << 20, 0));

	pthread_t t;
	if (!pthread_create(&t, NULL, write_later, &p[1])) {
		t0 = now_ns();
		say_revents("poll, infinite timeout, a thread writes after 30 ms", poll1(p[0], POLLIN, -1));
		pthread_join(t, NULL);
		read(p[0], &c, 1);
	} else {
		notrun("poll woken by another thread", "no thread");
	}

	struct timespec ts = { 0, 0 };
	sigset_t none;
	sigemptyset(&none);
	struct pollfd f = { p[1], POLLOUT, 0 };
	ck("ppoll, zero timeout, a signal mask", ppoll(&f, 1, &ts, &none));
	ts.tv_nsec = 1000000000;
	ck("ppoll, tv_nsec = 1e9", ppoll(&f, 1, &ts, NULL));

	fd_set r, w;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	struct timeval tv = { 0, 0 };
	ck("select: empty read end, writable write end", select(p[1] + 1, &r, &w, NULL, &tv));
	say("which", "read %d, write %d", FD_ISSET(p[0], &r), FD_ISSET(p[1], &w));
	write(p[1], "y", 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	ck("select after a write", select(p[0] + 1, &r, NULL, NULL, &tv));
	say("read end set", "%d", FD_ISSET(p[0], &r));
	FD_ZERO(&r);
	FD_SET(p[1] + 40, &r);
	ck("select of a closed descriptor", select(p[1] + 41, &r, NULL, NULL, &tv));
	ck("select nfds -1", select(-1, NULL, NULL, NULL, &tv));
	tv.tv_usec = 30000;
	t0 = now_ns();
	ck("select of nothing, 30 ms", select(0, NULL, NULL, NULL, &tv));
	d = now_ns() - t0;
	yes("it waited 30 ms .. 2 s", d >= 30000000 && d < 2000000000);
	struct timespec pts = { 0, 0 };
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	ck("pselect", pselect(p[0] + 1, &r, NULL, NULL, &pts, &none));

	close(p[1]);
	say_revents("writer closed: read end", poll1(p[0], POLLIN, 0));
	read(p[0], &c, 1);
	say_revents("drained, writer closed", poll1(p[0], POLLIN, 0));
	close(p[0]);
	if (!pipe(p)) {
		close(p[0]);
		say_revents("reader closed: write end", poll1(p[1], POLLOUT, 0));
		close(p[1]);
	}
}

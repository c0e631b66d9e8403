/* console.c: the platform console as an open file — descriptors 0, 1, 2 at boot and /dev/console. */
#include <errno.h>
#include <string.h>
#include <ts/hooks.h>
#include <ts/lock.h>
#include <ts/plat/console.h>
#include <ts/plat/time.h>
#include <ts/vfs_impl.h>

/*
 * Neither QEMU nor tvm interrupts the guest for console input, so a
 * blocking read waits in ts_plat_console_wait. With a scheduler other
 * threads must get their turn: the wait is cut into POLL_NS slices (on
 * QEMU the thread sleeps, on tvm the vCPU sleeps in the monitor, woken
 * early by input). Without one nothing else can run: tvm sleeps until
 * input comes, QEMU spins.
 */
#define POLL_NS 10000000ull

/* Linux's terminal ioctls (asm-generic/ioctls.h) and struct termios. */
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TIOCGWINSZ 0x5413
struct k_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
};
struct k_winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};
#define CFLAG_DEFAULT 0xbf /* B38400 | CS8 | CREAD */
#define VMIN 6

/* Input taken by poll (to answer it) and not read yet, and whether the
 * input has ended. Guarded by lock, which a blocking reader holds while
 * it waits: readers take turns, each read gets consecutive bytes. */
static struct ts_mutex lock = TS_MUTEX_INIT;

char ts_console_notty;
static char pending[64];
static size_t npending, pending_off;
static int ended;

/* One non-blocking attempt: bytes, 0 at the end, -EAGAIN. Lock held. */
static ssize_t take(char *buf, size_t n)
{
	long r;

	if (npending) {
		size_t c = n < npending ? n : npending;

		memcpy(buf, pending + pending_off, c);
		pending_off += c;
		npending -= c;
		return (ssize_t)c;
	}
	if (ended)
		return 0;
	r = ts_plat_console_read(buf, n);
	/* No input device at all: nothing will ever come, which a program
	 * reading to the end must see as the end. */
	if (r == 0 || r == -ENODEV) {
		ended = 1;
		return 0;
	}
	return r;
}

ssize_t ts_console_read(struct ts_file *f, void *buf, size_t n, off_t *pos)
{
	ssize_t r;

	(void)pos;
	ts_mutex_lock(&lock);
	while ((r = take(buf, n)) == -EAGAIN &&
	       !(__atomic_load_n(&f->flags, __ATOMIC_RELAXED) & TS_O_NONBLOCK)) {
		/* A signal for this thread (e.g. tess stop's SIGTERM) ends the
		 * wait, as on a Linux terminal: EINTR, or a restart after an
		 * SA_RESTART handler. */
		if (ts_thread_interrupted_hook && ts_thread_interrupted_hook()) {
			r = -EINTR;
			break;
		}
		ts_plat_console_wait(ts_thread_sleep_until_hook ?
					     ts_plat_monotonic_ns() + POLL_NS : UINT64_MAX);
	}
	ts_mutex_unlock(&lock);
	return r;
}

ssize_t ts_console_write(struct ts_file *f, const void *buf, size_t n, off_t *pos)
{
	(void)f;
	(void)pos;
	return ts_plat_console_write(buf, n);
}

/* Pollers ask again this often: no interrupt tells of console input. */
#define RECHECK_MS 10

unsigned int ts_console_poll_recheck(struct ts_file *f)
{
	(void)f;
	return __atomic_load_n(&ended, __ATOMIC_RELAXED) ? 0 : RECHECK_MS;
}

/* Readable when input is waiting or has ended; always writable. A
 * reader blocked in console_read holds the lock: then nothing is waiting. */
unsigned int ts_console_poll(struct ts_file *f, unsigned int events)
{
	unsigned int ready = events & (TS_POLLOUT | TS_POLLWRNORM);

	(void)f;
	if (ts_mutex_trylock(&lock) < 0)
		return ready;
	if (!npending && !ended) {
		long r = ts_plat_console_read(pending, sizeof pending);

		if (r > 0) {
			npending = (size_t)r;
			pending_off = 0;
		} else if (r == 0 || r == -ENODEV) {
			ended = 1;
		}
	}
	if (npending || ended)
		ready |= events & (TS_POLLIN | TS_POLLRDNORM);
	ts_mutex_unlock(&lock);
	return ready;
}

/*
 * Enough of a terminal for isatty() (glibc asks TCGETS, musl TIOCGWINSZ)
 * and for programs that set modes: the settings shown are those of a raw
 * line — the guest does no echo or line editing (the host's terminal
 * does) — and setting them is accepted and changes nothing.
 */
int ts_console_ioctl(struct ts_file *f, unsigned long request, void *arg)
{
	if (f && f->priv == &ts_console_notty)
		return -ENOTTY;
	switch (request) {
	case TCGETS: {
		struct k_termios t = { .c_cflag = CFLAG_DEFAULT };

		if (!arg)
			return -EFAULT;
		t.c_cc[VMIN] = 1;
		memcpy(arg, &t, sizeof t);
		return 0;
	}
	case TIOCGWINSZ: {
		static const struct k_winsize w = { 24, 80, 0, 0 };

		if (!arg)
			return -EFAULT;
		memcpy(arg, &w, sizeof w);
		return 0;
	}
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return arg ? 0 : -EFAULT;
	default:
		return -ENOTTY;
	}
}

/* A character device, as /dev/console (5, 1) on Linux. */
int ts_console_stat(struct ts_file *f, struct ts_stat *st)
{
	(void)f;
	memset(st, 0, sizeof *st);
	st->st_mode = TS_S_IFCHR | 0600;
	st->st_nlink = 1;
	st->st_rdev = (5 << 8) | 1;
	st->st_blksize = 1024;
	return 0;
}

const struct ts_file_ops ts_console_file_ops = {
	.read = ts_console_read, .write = ts_console_write, .stat = ts_console_stat,
	.ioctl = ts_console_ioctl, .poll = ts_console_poll, .poll_recheck = ts_console_poll_recheck,
};

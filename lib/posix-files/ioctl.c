/* ioctl.c: ioctl — the argument of every request checked by its known size, the terminal requests a raw console needs. */
#include "posix_files.h"

/* Linux's generic and terminal requests (asm-generic/ioctls.h). */
#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TCSBRK     0x5409
#define TCXONC     0x540a
#define TCFLSH     0x540b
#define TIOCSCTTY  0x540e
#define TIOCGPGRP  0x540f
#define TIOCSPGRP  0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541b
#define TIOCNOTTY  0x5422
#define FIONBIO    0x5421
#define TIOCGSID   0x5429
#define FIONCLEX   0x5450
#define FIOCLEX    0x5451

#define TERMIOS_SIZE 36 /* the kernel's struct termios */
#define WINSIZE_SIZE 8

/* How a request uses its argument. */
enum { ARG_VALUE, ARG_IN, ARG_OUT };

struct req {
	unsigned int nr;
	unsigned char use;
	unsigned char size;
};

static const struct req reqs[] = {
	{ TCGETS, ARG_OUT, TERMIOS_SIZE },
	{ TCSETS, ARG_IN, TERMIOS_SIZE },
	{ TCSETSW, ARG_IN, TERMIOS_SIZE },
	{ TCSETSF, ARG_IN, TERMIOS_SIZE },
	{ TCSBRK, ARG_VALUE, 0 },
	{ TCXONC, ARG_VALUE, 0 },
	{ TCFLSH, ARG_VALUE, 0 },
	{ TIOCSCTTY, ARG_VALUE, 0 },
	{ TIOCNOTTY, ARG_VALUE, 0 },
	{ TIOCGPGRP, ARG_OUT, 4 },
	{ TIOCSPGRP, ARG_IN, 4 },
	{ TIOCGSID, ARG_OUT, 4 },
	{ TIOCGWINSZ, ARG_OUT, WINSIZE_SIZE },
	{ TIOCSWINSZ, ARG_IN, WINSIZE_SIZE },
	{ FIONREAD, ARG_OUT, 4 },
	{ FIONBIO, ARG_IN, 4 },
	{ FIONCLEX, ARG_VALUE, 0 },
	{ FIOCLEX, ARG_VALUE, 0 },
};

/*
 * Check arg for request: by the table above, else by the size and
 * direction encoded in the request number (_IOC: bits 30-31 direction,
 * 16-29 size). Requests of neither kind pass their argument unchecked:
 * a file implementing such a request must treat arg as a value, or be
 * listed here first. 0 or -EFAULT.
 */
static int arg_ok(unsigned int request, void *arg)
{
	unsigned int dir = (request >> 30) & 3, size = (request >> 16) & 0x3fff;

	for (size_t i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++)
		if (reqs[i].nr == request)
			return reqs[i].use == ARG_VALUE || ts_user_ok(arg, reqs[i].size, reqs[i].use == ARG_OUT)
				       ? 0 : -EFAULT;
	if (dir && size && !ts_user_ok(arg, size, (dir & 2) != 0)) /* 2: the kernel writes */
		return -EFAULT;
	return 0;
}

/* 1 when fd is a terminal (the console): it answers TCGETS. */
static int is_tty(int fd)
{
	char t[TERMIOS_SIZE];

	return ts_vfs_ioctl(fd, TCGETS, t) == 0;
}

/*
 * Terminal requests that the console of lib/vfs leaves to us: on a
 * terminal, draining, flow control and flushing succeed at once (output
 * is written through, input has no line discipline), setting the window
 * size or the foreground group is accepted, and the process group and
 * session are pid 1's. On anything else they are -ENOTTY, as on Linux.
 */
static long tty_request(int fd, unsigned int request, void *arg)
{
	if (!is_tty(fd))
		return -ENOTTY;
	if (request == TIOCGPGRP || request == TIOCGSID)
		*(int32_t *)arg = 1;
	return 0;
}

/* The request is an unsigned int, as in Linux's prototype: the upper half
 * of the register is ignored. */
TS_SYSCALL_DEFINE3(ioctl, "fxp:d", int, fd, unsigned int, request, void *, arg)
{
	long r;
	int err = arg_ok(request, arg);

	if (err)
		return err;
	switch (request) {
	case TCSBRK:
	case TCXONC:
	case TCFLSH:
	case TIOCSCTTY:
	case TIOCNOTTY:
	case TIOCGPGRP:
	case TIOCSPGRP:
	case TIOCGSID:
	case TIOCSWINSZ:
		r = ts_vfs_ioctl(fd, request, arg);
		return r == -ENOTTY ? tty_request(fd, request, arg) : r;
	default:
		return ts_vfs_ioctl(fd, request, arg);
	}
}

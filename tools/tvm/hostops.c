/* hostops.c: the host services behind the non-device hypercalls: console out and in, clock, wait, random. */
#include <errno.h>
#include <linux/kvm.h>
#include <poll.h>
#include <signal.h>
#include <sys/random.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "tvm.h"

/* All of buf to stdout, through short writes and a non-blocking stdout. */
static int console_write(const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t r = write(1, (const uint8_t *)buf + done, len - done);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN) {
			struct pollfd p = {.fd = 1, .events = POLLOUT};

			ppoll(&p, 1, NULL, NULL);
			continue;
		}
		if (r <= 0)
			return done ? (int)done : (r < 0 ? -errno : -EIO);
		done += (size_t)r;
	}
	return (int)done;
}

/*
 * stdin is shared with whoever started tvm (tess, a shell), so it is not
 * made non-blocking (that would change it for them too): a zero-timeout
 * ppoll says whether a read would block. Once it has ended (or is
 * closed), every read gives 0, as a program sees at its end of file.
 */
static int stdin_ended;

static int console_read(void *buf, size_t len)
{
	struct pollfd p = {.fd = 0, .events = POLLIN};
	struct timespec zero = {0, 0};
	ssize_t n;

	if (stdin_ended)
		return 0;
	int r = ppoll(&p, 1, &zero, NULL);
	if (r < 0)
		return errno == EINTR ? -EAGAIN : -errno;
	if (r == 0)
		return -EAGAIN;
	if (p.revents & POLLNVAL) {
		stdin_ended = 1;
		return 0;
	}
	n = read(0, buf, len);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? -EAGAIN : -EIO;
	if (n == 0)
		stdin_ended = 1;
	return (int)n;
}

/* getrandom(2) without GRND_NONBLOCK: blocks only until the host's pool is
 * first initialised; up to 256 bytes never come back short after that. */
static int random_bytes(void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t r = getrandom((uint8_t *)buf + done, len - done, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -EIO;
		done += (size_t)r;
	}
	return 0;
}

static uint64_t wallclock(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/* Sleep in ppoll on every TAP (and stdin when the guest reads its
 * console) until input or the timeout: an idle guest costs no host CPU.
 * Any event (also an error or hang-up) marks the device, so the guest's
 * next NET_RECV or CONSOLE_READ reports it instead of the guest spinning. */
static int wait_input(struct tvm_machine *m, uint64_t timeout_ns, int console)
{
	struct pollfd p[TVM_MAX_DEVICES + 1];
	unsigned id[TVM_MAX_DEVICES + 1];
	nfds_t n = 0;
	struct timespec ts = {(time_t)(timeout_ns / 1000000000u), (long)(timeout_ns % 1000000000u)};
	int mask = 0;

	for (unsigned i = 0; i < m->ndev; i++)
		if (m->dev[i].info.type == TVM_DEV_NET) {
			p[n] = (struct pollfd){.fd = m->dev[i].fd, .events = POLLIN};
			id[n++] = i;
		}
	if (console && stdin_ended)
		return TVM_WAIT_CONSOLE; /* the guest's next read gives 0 at once */
	if (console) {
		p[n] = (struct pollfd){.fd = 0, .events = POLLIN};
		id[n++] = 30; /* TVM_WAIT_CONSOLE's bit */
	}
	int r = ppoll(p, n, timeout_ns == UINT64_MAX ? NULL : &ts, NULL);
	if (r < 0)
		return errno == EINTR ? 0 : -errno;
	for (nfds_t i = 0; i < n; i++)
		if (p[i].revents)
			mask |= 1 << id[i];
	return mask;
}

static timer_t guest_timer;

/* SIGALRM is blocked everywhere but inside KVM_RUN (KVM_SET_SIGNAL_MASK),
 * so it can only cut a guest run short (EINTR), never a host system call.
 * It stays pending after that; tvm_timer_take() collects it. */
int tvm_timer_init(int vcpu_fd)
{
	struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM};
	sigset_t block, run;
	struct {
		struct kvm_signal_mask h;
		uint8_t set[8];
	} km = {.h = {.len = 8}};

	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	if (sigprocmask(SIG_BLOCK, &block, &run) ||
	    timer_create(CLOCK_MONOTONIC, &ev, &guest_timer)) {
		tvm_err("cannot set up the guest timer: %s", strerror(errno));
		return -1;
	}
	sigdelset(&run, SIGALRM);
	memcpy(km.set, &run, sizeof km.set);
	if (ioctl(vcpu_fd, KVM_SET_SIGNAL_MASK, &km)) {
		tvm_err("KVM_SET_SIGNAL_MASK: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int tvm_timer_take(void)
{
	sigset_t alarm;
	struct timespec now = {0, 0};

	sigemptyset(&alarm);
	sigaddset(&alarm, SIGALRM);
	return sigtimedwait(&alarm, NULL, &now) == SIGALRM;
}

static int timer(uint64_t timeout_ns)
{
	struct itimerspec it = {.it_value = {(time_t)(timeout_ns / 1000000000u),
					     (long)(timeout_ns % 1000000000u)}};
	return timer_settime(guest_timer, 0, &it, NULL) ? -errno : 0;
}

const struct tvm_host_ops tvm_host_real = {
	.console_write = console_write,
	.wallclock = wallclock,
	.wait = wait_input,
	.timer = timer,
	.console_read = console_read,
	.random = random_bytes,
};

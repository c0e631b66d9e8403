/* net.c: network devices backed by existing host TAP interfaces. */
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tvm.h"

/* Frames larger than the guest's buffer land here and are dropped. A TAP
 * with a large MTU can deliver up to 64 KiB. */
static uint8_t scratch[65536 + 64];

static int net_send(struct tvm_dev *d, const void *buf, size_t len)
{
	for (;;) {
		ssize_t r = write(d->fd, buf, len);

		if (r < 0 && errno == EINTR)
			continue;
		return r < 0 ? -errno : (int)r;
	}
}

static int net_recv(struct tvm_dev *d, void *buf, size_t len)
{
	/* A buffer big enough for any frame is read into directly; a smaller
	 * one through the scratch buffer, so a frame that does not fit is
	 * seen whole (and dropped) rather than truncated. */
	int direct = len >= sizeof scratch;

	for (;;) {
		ssize_t r = read(d->fd, direct ? buf : scratch, direct ? len : sizeof scratch);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno; /* -EAGAIN: nothing waiting */
		if ((size_t)r > len)
			return -EMSGSIZE;
		if (!direct)
			memcpy(buf, scratch, (size_t)r);
		return (int)r;
	}
}

const struct tvm_dev_ops tvm_net_ops = {
	.net_send = net_send,
	.net_recv = net_recv,
};

/* 52:54:00 then the low 24 bits of FNV-1a (32-bit) over the TAP name's
 * bytes followed by one byte, the device's index among the --net options. */
void tvm_net_mac(const char *name, unsigned index, uint8_t mac[6])
{
	uint32_t h = 2166136261u;

	for (const char *p = name; *p; p++)
		h = (h ^ (uint8_t)*p) * 16777619u;
	h = (h ^ (uint8_t)index) * 16777619u;
	mac[0] = 0x52;
	mac[1] = 0x54;
	mac[2] = 0x00;
	mac[3] = (uint8_t)(h >> 16);
	mac[4] = (uint8_t)(h >> 8);
	mac[5] = (uint8_t)h;
}

int tvm_net_open(struct tvm_dev *d, const char *name, unsigned index)
{
	char path[64];
	struct ifreq ifr;

	d->name = name;
	if (!*name || strlen(name) >= IFNAMSIZ || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..")) {
		tvm_err("'%s' is not a valid network interface name", name);
		return -1;
	}
	/* Never create an interface: TUNSETIFF would make a new one silently. */
	snprintf(path, sizeof path, "/sys/class/net/%s", name);
	if (access(path, F_OK) < 0) {
		tvm_err("%s: no such network interface (tvm attaches to an existing TAP; create it with 'ip tuntap add %s mode tap')",
			name, name);
		return -1;
	}
	d->fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (d->fd < 0) {
		tvm_err("/dev/net/tun: %s", strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof ifr);
	memcpy(ifr.ifr_name, name, strlen(name));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	if (ioctl(d->fd, TUNSETIFF, &ifr) < 0) {
		tvm_err("%s: cannot attach (%s); is it a TAP interface?", name, strerror(errno));
		return -1;
	}
	tvm_net_mac(name, index, d->info.mac);
	return 0;
}

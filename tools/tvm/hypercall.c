/* hypercall.c: the hypercall boundary: check everything the guest names, then dispatch.
 *
 * The guest is untrusted. A struct tvm_hc is copied out of guest RAM once
 * (so the guest cannot change it between check and use), every device id,
 * length and sector range is checked against the ABI limits, and every
 * guest buffer is checked by walking the guest's own page tables: the
 * guest may name only memory its CPL-3 code could access itself in the
 * same way (read for input buffers, write for output buffers). Without
 * that, a call such as BLK_READ into the page tables or into code would
 * undo W^X and the supervisor-only protection of the ring-0 pages.
 * Pure apart from the ops in struct tvm_machine, so it can be fuzzed. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tvm.h"

#define PTE_P  0x1ull
#define PTE_PS 0x80ull
#define PTE_ADDR 0x000ffffffffff000ull

#define CONSOLE_MAX (1u << 20)
#define NET_MIN_FRAME 14

uint64_t tvm_guest_walk(const struct tvm_machine *m, uint64_t va, uint64_t need, uint64_t *pa)
{
	uint64_t table = m->cr3 & PTE_ADDR;

	need |= PTE_P;
	for (int level = 4; level >= 1; level--) {
		unsigned shift = 12 + 9 * (level - 1);
		uint64_t at = table + ((va >> shift) & 511) * 8;
		uint64_t e;

		if (at > m->ram_size - 8 || m->ram_size < 8)
			return 0;
		memcpy(&e, m->ram + at, sizeof e);
		if ((e & need) != need)
			return 0;
		if (level == 1 || ((level == 2 || level == 3) && (e & PTE_PS))) {
			uint64_t size = 1ull << shift;

			*pa = (e & PTE_ADDR & ~(size - 1)) | (va & (size - 1));
			return size;
		}
		table = e & PTE_ADDR;
	}
	return 0;
}

/* The user access of page va: the leaf size, or 0 when it would fault or
 * the page is not identity-mapped. */
static uint64_t walk(const struct tvm_machine *m, uint64_t va, int write)
{
	uint64_t pa, size = tvm_guest_walk(m, va, TVM_PTE_US | (write ? TVM_PTE_RW : 0), &pa);

	return size && pa == va ? size : 0;
}

int tvm_guest_range_ok(const struct tvm_machine *m, uint64_t gpa, uint64_t len, int write)
{
	uint64_t end;

	if (__builtin_add_overflow(gpa, len, &end) || end > m->ram_size)
		return -EFAULT;
	for (uint64_t a = gpa & ~(TVM_PAGE - 1); a < end;) {
		uint64_t size = walk(m, a, write);

		if (!size)
			return -EFAULT;
		a = (a & ~(size - 1)) + size;
	}
	return 0;
}

/* The device hc names, if it exists and has the given type. */
static struct tvm_dev *device(struct tvm_machine *m, const struct tvm_hc *hc, uint32_t type)
{
	if (hc->dev >= m->ndev || m->dev[hc->dev].info.type != type)
		return NULL;
	return &m->dev[hc->dev];
}

static int hc_console_write(struct tvm_machine *m, const struct tvm_hc *hc)
{
	if (hc->arg[1] > CONSOLE_MAX)
		return -EINVAL;
	if (tvm_guest_range_ok(m, hc->arg[0], hc->arg[1], 0))
		return -EFAULT;
	if (hc->arg[1] == 0)
		return 0;
	int r = m->host->console_write(m->ram + hc->arg[0], hc->arg[1]);

	/* Remembered for tvm's exit (as a Linux program reports a failed
	 * write to its output); the guest gets the error too. */
	if (r < 0 && !m->console_err)
		m->console_err = r;
	return r;
}

/* A read from the host's stdin is a write into guest memory. */
static int hc_console_read(struct tvm_machine *m, const struct tvm_hc *hc)
{
	if (hc->arg[1] > CONSOLE_MAX)
		return -EINVAL;
	if (tvm_guest_range_ok(m, hc->arg[0], hc->arg[1], 1))
		return -EFAULT;
	if (!m->host->console_read)
		return -ENOSYS;
	if (hc->arg[1] == 0)
		return 0;
	int r = m->host->console_read(m->ram + hc->arg[0], hc->arg[1]);

	/* The host op promises at most len; a bug there must not tell the
	 * guest it got more than its buffer. */
	return r > (int)hc->arg[1] ? -EIO : r;
}

static int hc_random(struct tvm_machine *m, const struct tvm_hc *hc)
{
	if (hc->arg[1] > TVM_RANDOM_MAX)
		return -EINVAL;
	if (tvm_guest_range_ok(m, hc->arg[0], hc->arg[1], 1))
		return -EFAULT;
	if (!m->host->random)
		return -ENOSYS;
	if (hc->arg[1] == 0)
		return 0;
	int r = m->host->random(m->ram + hc->arg[0], hc->arg[1]);

	return r < 0 ? r : (int)hc->arg[1];
}

volatile sig_atomic_t tvm_stop_request;

/* TVM_WAIT_STOP once, when a stop request is pending: it makes the WAIT
 * return at once, or is added to what ended it (the signal ends the
 * host's ppoll with EINTR). */
static int stop_bit(void)
{
	if (tvm_stop_request != 1)
		return 0;
	tvm_stop_request = 2;
	return (int)TVM_WAIT_STOP;
}

static int hc_wait(struct tvm_machine *m, const struct tvm_hc *hc)
{
	int r;

	if (hc->arg[1] & ~(uint64_t)TVM_WAIT_CONSOLE)
		return -EINVAL;
	if ((r = stop_bit()))
		return r;
	r = m->host->wait(m, hc->arg[0], hc->arg[1] != 0);
	return r < 0 ? r : r | stop_bit();
}

static int hc_blk_rw(struct tvm_machine *m, const struct tvm_hc *hc, int write)
{
	struct tvm_dev *d = device(m, hc, TVM_DEV_BLOCK);
	uint64_t sector = hc->arg[0], gpa = hc->arg[1], count = hc->arg[2];

	if (!d)
		return -ENODEV;
	if (count > TVM_BLK_MAX_SECTORS || sector > d->info.size || count > d->info.size - sector)
		return -EINVAL;
	if (write && (d->info.flags & TVM_DEVF_READONLY))
		return -EPERM;
	/* a read from the device is a write into guest memory */
	if (tvm_guest_range_ok(m, gpa, count * TVM_SECTOR_SIZE, !write))
		return -EFAULT;
	if (count == 0)
		return 0;
	if (write)
		return d->ops->blk_write(d, sector * TVM_SECTOR_SIZE, m->ram + gpa,
					 count * TVM_SECTOR_SIZE);
	return d->ops->blk_read(d, sector * TVM_SECTOR_SIZE, m->ram + gpa, count * TVM_SECTOR_SIZE);
}

static int hc_blk_flush(struct tvm_machine *m, const struct tvm_hc *hc)
{
	struct tvm_dev *d = device(m, hc, TVM_DEV_BLOCK);

	if (!d)
		return -ENODEV;
	return d->ops->blk_flush(d);
}

static int hc_net_send(struct tvm_machine *m, const struct tvm_hc *hc)
{
	struct tvm_dev *d = device(m, hc, TVM_DEV_NET);

	if (!d)
		return -ENODEV;
	if (hc->arg[1] < NET_MIN_FRAME || hc->arg[1] > TVM_NET_MTU_FRAME)
		return -EINVAL;
	if (tvm_guest_range_ok(m, hc->arg[0], hc->arg[1], 0))
		return -EFAULT;
	return d->ops->net_send(d, m->ram + hc->arg[0], hc->arg[1]);
}

static int hc_net_recv(struct tvm_machine *m, const struct tvm_hc *hc)
{
	struct tvm_dev *d = device(m, hc, TVM_DEV_NET);

	if (!d)
		return -ENODEV;
	if (tvm_guest_range_ok(m, hc->arg[0], hc->arg[1], 1))
		return -EFAULT;
	return d->ops->net_recv(d, m->ram + hc->arg[0], hc->arg[1]);
}

/* Largest 9P message either way: tvm's server agrees to no larger msize. */
#define P9_MAX (1u << 20)

/* arg0/arg1: the request (read), arg2/arg3: the reply buffer (written);
 * the two may not overlap, so the server never reads what it writes. */
static int hc_9p(struct tvm_machine *m, const struct tvm_hc *hc)
{
	struct tvm_dev *d = device(m, hc, TVM_DEV_9P);
	uint64_t req = hc->arg[0], len = hc->arg[1], rep = hc->arg[2], cap = hc->arg[3];

	if (!d)
		return -ENODEV;
	if (len < 7 || len > P9_MAX || cap < 11 || cap > P9_MAX)
		return -EINVAL;
	if (tvm_guest_range_ok(m, req, len, 0) || tvm_guest_range_ok(m, rep, cap, 1))
		return -EFAULT;
	if (req < rep + cap && rep < req + len)
		return -EINVAL;
	return d->ops->p9(d, m->ram + req, len, m->ram + rep, cap);
}

enum tvm_hc_outcome tvm_hc_handle(struct tvm_machine *m, uint64_t gpa, int *status,
				  char *err, size_t errlen)
{
	struct tvm_hc hc;
	int ret;

	if (gpa % (1u << TVM_HC_SHIFT) || tvm_guest_range_ok(m, gpa, sizeof hc, 1)) {
		snprintf(err, errlen, "hypercall block at 0x%llx is not 16-byte aligned, user-writable guest RAM",
			 (unsigned long long)gpa);
		return TVM_HC_CRASH;
	}
	memcpy(&hc, m->ram + gpa, sizeof hc);

	switch (hc.nr) {
	case TVM_HC_CONSOLE_WRITE:
		ret = hc_console_write(m, &hc);
		break;
	case TVM_HC_HALT:
		if (hc.arg[1] & TVM_HALT_CRASHED) {
			m->crash_frame = hc.arg[2]; /* checked where it is used (core.c) */
			*status = TVM_EXIT_CRASH;
			return TVM_HC_CRASHED;
		}
		*status = (int)(hc.arg[0] & 0xff);
		return TVM_HC_EXIT;
	case TVM_HC_WALLCLOCK:
		hc.arg[0] = m->host->wallclock();
		ret = 0;
		break;
	case TVM_HC_WAIT:
		ret = hc_wait(m, &hc);
		break;
	case TVM_HC_CONSOLE_READ:
		ret = hc_console_read(m, &hc);
		break;
	case TVM_HC_RANDOM:
		ret = hc_random(m, &hc);
		break;
	case TVM_HC_TIMER:
		ret = m->host->timer ? m->host->timer(hc.arg[0]) : -ENOSYS;
		break;
	case TVM_HC_BLK_READ:
		ret = hc_blk_rw(m, &hc, 0);
		break;
	case TVM_HC_BLK_WRITE:
		ret = hc_blk_rw(m, &hc, 1);
		break;
	case TVM_HC_BLK_FLUSH:
		ret = hc_blk_flush(m, &hc);
		break;
	case TVM_HC_NET_SEND:
		ret = hc_net_send(m, &hc);
		break;
	case TVM_HC_NET_RECV:
		ret = hc_net_recv(m, &hc);
		break;
	case TVM_HC_9P:
		ret = hc_9p(m, &hc);
		break;
	default:
		ret = -ENOSYS;
		break;
	}
	/* Write back only the outputs: ret and the arguments. The struct was
	 * checked writable above and nothing since could change that. */
	hc.ret = ret;
	memcpy(m->ram + gpa + offsetof(struct tvm_hc, ret), &hc.ret, sizeof hc.ret);
	memcpy(m->ram + gpa + offsetof(struct tvm_hc, arg), hc.arg, sizeof hc.arg);
	return TVM_HC_CONTINUE;
}

/* devices.c: block, network, 9P, wait, console-input and random hypercalls behind <ts/tvm.h>. */
#include <ts/errno.h>
#include <ts/plat/lifecycle.h>
#include <ts/tvm.h>
#include "tvm.h"

int ts_tvm_dev_find(enum tvm_dev_type type, unsigned int n)
{
	for (unsigned int id = 0; id < ts_tvm_bootinfo->ndevices; id++)
		if (ts_tvm_bootinfo->dev[id].type == (uint32_t)type && n-- == 0)
			return (int)id;
	return -ENODEV;
}

const struct tvm_devinfo *ts_tvm_dev_info(unsigned int id)
{
	return id < ts_tvm_bootinfo->ndevices ? &ts_tvm_bootinfo->dev[id] : NULL;
}

static long call(uint32_t nr, unsigned int dev, uint64_t a0, uint64_t a1, uint64_t a2)
{
	struct tvm_hc hc = { .nr = nr, .dev = dev, .arg = { a0, a1, a2 } };
	return ts_tvm_hypercall(&hc);
}

int ts_tvm_blk_read(unsigned int dev, uint64_t sector, void *buf, uint64_t nsectors)
{
	return (int)call(TVM_HC_BLK_READ, dev, sector, (uintptr_t)buf, nsectors);
}

int ts_tvm_blk_write(unsigned int dev, uint64_t sector, const void *buf, uint64_t nsectors)
{
	return (int)call(TVM_HC_BLK_WRITE, dev, sector, (uintptr_t)buf, nsectors);
}

int ts_tvm_blk_flush(unsigned int dev)
{
	return (int)call(TVM_HC_BLK_FLUSH, dev, 0, 0, 0);
}

long ts_tvm_net_send(unsigned int dev, const void *frame, size_t len)
{
	return call(TVM_HC_NET_SEND, dev, (uintptr_t)frame, len, 0);
}

long ts_tvm_net_recv(unsigned int dev, void *buf, size_t len)
{
	return call(TVM_HC_NET_RECV, dev, (uintptr_t)buf, len, 0);
}

long ts_tvm_9p(unsigned int dev, const void *req, size_t len, void *rep, size_t cap)
{
	struct tvm_hc hc = { .nr = TVM_HC_9P, .dev = dev,
			     .arg = { (uintptr_t)req, len, (uintptr_t)rep, cap } };
	return ts_tvm_hypercall(&hc);
}

/* tvm reports the host's stop request once, in a WAIT's result. */
static int stop_requested;

static long wait_noting_stop(uint64_t timeout_ns, uint64_t flags)
{
	long r = call(TVM_HC_WAIT, 0, timeout_ns, flags, 0);

	if (r > 0 && (r & TVM_WAIT_STOP))
		stop_requested = 1;
	return r;
}

long ts_tvm_wait(uint64_t timeout_ns)
{
	return wait_noting_stop(timeout_ns, 0);
}

long ts_tvm_wait_console(uint64_t timeout_ns)
{
	return wait_noting_stop(timeout_ns, TVM_WAIT_CONSOLE);
}

int ts_plat_stop_requested(void)
{
	return stop_requested;
}

long ts_tvm_console_read(void *buf, size_t len)
{
	return call(TVM_HC_CONSOLE_READ, 0, (uintptr_t)buf, len, 0);
}

int ts_tvm_random(void *buf, size_t len)
{
	long r = call(TVM_HC_RANDOM, 0, (uintptr_t)buf, len, 0);

	return r < 0 ? (int)r : 0;
}

/* 9p.c: lib/9pfs's transport on tvm — volume n (tvm --volume) is mount tag "vol<n>", one hypercall per request. */
#include <ts/9pfs.h>
#include <ts/errno.h>
#include <ts/tvm.h>

#define MAX_MSIZE (1u << 20) /* tvm's limit per message */

struct tvm_chan {
	struct ts_9p_chan c;
	unsigned int dev;
	int open;
};
static struct tvm_chan chans[TVM_MAX_DEVICES];

static long tvm_rpc(struct ts_9p_chan *c, const void *req, uint32_t reqlen, void *rep,
		    uint32_t cap)
{
	return ts_tvm_9p(((struct tvm_chan *)c)->dev, req, reqlen, rep, cap);
}

static void tvm_close(struct ts_9p_chan *c)
{
	((struct tvm_chan *)c)->open = 0;
}

static const struct ts_9p_chan_ops tvm_chan_ops = { tvm_rpc, tvm_close };

/* "vol<n>", n decimal without leading zeros: n, or -1. */
static int volume_number(const char *tag)
{
	int n = 0;

	if (tag[0] != 'v' || tag[1] != 'o' || tag[2] != 'l' || !tag[3] ||
	    (tag[3] == '0' && tag[4]))
		return -1;
	for (tag += 3; *tag; tag++) {
		if (*tag < '0' || *tag > '9' || n > TVM_MAX_DEVICES)
			return -1;
		n = n * 10 + (*tag - '0');
	}
	return n;
}

static int tvm_open(const char *tag, struct ts_9p_chan **out)
{
	int n = volume_number(tag), id;
	const struct tvm_devinfo *info;

	if (n < 0 || (id = ts_tvm_dev_find(TVM_DEV_9P, (unsigned int)n)) < 0)
		return -ENODEV;
	if (chans[id].open)
		return -EBUSY;
	info = ts_tvm_dev_info((unsigned int)id);
	chans[id].c = (struct ts_9p_chan){ &tvm_chan_ops, MAX_MSIZE,
					   !!(info->flags & TVM_DEVF_READONLY) };
	chans[id].dev = (unsigned int)id;
	chans[id].open = 1;
	*out = &chans[id].c;
	return 0;
}

static struct ts_9p_transport tvm_9p = { .name = "tvm", .open = tvm_open };
TS_9P_TRANSPORT_REGISTER(tvm_9p);

/* devices.c: the one table of device kinds tvm can attach (option, type, open, ops). */
#include <string.h>

#include "tvm.h"

/* Order matters: devices get ids kind by kind, in this order (docs/tvm.md). */
const struct tvm_dev_kind tvm_dev_kinds[] = {
	{"block", TVM_DEV_BLOCK, tvm_blk_open, &tvm_blk_ops,
	 "      --block FILE[,ro]   attach a block device backed by FILE (its size a multiple\n"
	 "                          of 512 bytes); ',ro' makes it read-only\n"},
	{"net", TVM_DEV_NET, tvm_net_open, &tvm_net_ops,
	 "      --net TAP           attach a network device backed by the existing TAP interface\n"},
	{"volume", TVM_DEV_9P, tvm_volume_open, &tvm_volume_ops,
	 "      --volume DIR[,ro]   share the host folder DIR over 9P2000.L (mount tag vol<n> for\n"
	 "                          the n-th, from 0); ',ro' refuses every change\n"},
};
const unsigned tvm_ndev_kinds = sizeof tvm_dev_kinds / sizeof tvm_dev_kinds[0];

int tvm_dev_open(const struct tvm_dev_kind *k, struct tvm_dev *d, const char *arg, unsigned index)
{
	memset(d, 0, sizeof *d);
	d->fd = -1;
	if (k->open(d, arg, index))
		return -1;
	d->info.type = k->type;
	d->ops = k->ops;
	return 0;
}

/* main.c: tvmnet — broadcast one frame (EtherType 0x88b5, a local
 * experimental type) and print the payload of the first such frame that
 * comes back within 10 s. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <ts/tvm.h>

#define ETHERTYPE_LOCAL 0x88b5

static unsigned char frame[TVM_NET_MTU_FRAME];

int main(void)
{
	int dev = ts_tvm_dev_find(TVM_DEV_NET, 0);
	if (dev < 0) {
		printf("tvmnet: no network device\n");
		return 2;
	}
	const struct tvm_devinfo *di = ts_tvm_dev_info((unsigned)dev);
	static const char msg[] = "hello from tessera";
	memset(frame, 0xff, 6);
	memcpy(frame + 6, di->mac, 6);
	frame[12] = ETHERTYPE_LOCAL >> 8;
	frame[13] = ETHERTYPE_LOCAL & 0xff;
	memcpy(frame + 14, msg, sizeof(msg));
	long n = ts_tvm_net_send((unsigned)dev, frame, 14 + sizeof(msg));
	printf("tvmnet: sent %ld bytes from %02x:%02x:%02x:%02x:%02x:%02x\n", n, di->mac[0],
	       di->mac[1], di->mac[2], di->mac[3], di->mac[4], di->mac[5]);
	if (ts_tvm_net_send((unsigned)dev, frame, 10) != -EINVAL)
		printf("tvmnet: a runt frame was not refused\n");

	for (int tries = 0; tries < 100; tries++) {
		ts_tvm_wait(100000000); /* 100 ms */
		long len = ts_tvm_net_recv((unsigned)dev, frame, sizeof(frame));
		if (len == -EAGAIN)
			continue;
		if (len < 14 || frame[12] != (ETHERTYPE_LOCAL >> 8) || frame[13] != (ETHERTYPE_LOCAL & 0xff))
			continue; /* something else on the wire (e.g. IPv6 router solicitations) */
		frame[len < (long)sizeof(frame) ? len : (long)sizeof(frame) - 1] = '\0';
		printf("tvmnet: received: %s\n", (char *)frame + 14);
		return 0;
	}
	printf("tvmnet: nothing received\n");
	return 1;
}

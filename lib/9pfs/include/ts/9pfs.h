/* lib/9pfs: host folders over 9P2000.L — the transports' contract and their registration. */
#ifndef TS_9PFS_H
#define TS_9PFS_H

/*
 * The filesystem type is "9p": ts_vfs_mount("vol0", "/data", "9p", flags,
 * NULL) mounts the share whose mount tag is "vol0" (TS_MS_RDONLY for a
 * read-only mount). A transport carries whole 9P messages to a server and
 * back — virtio-9p on QEMU (drivers/virtio/9p.c), the TVM_HC_9P hypercall
 * on tvm (plat/tvm/9p.c), a direct call in host tests — and finds a
 * channel by its mount tag.
 */

#include <stddef.h>
#include <stdint.h>
#include <ts/boot.h>

struct ts_9p_chan;

struct ts_9p_chan_ops {
	/*
	 * Send the request req[0..reqlen) (one whole message) and wait for
	 * the reply, written into rep[0..cap). Returns the bytes the server
	 * wrote (the caller checks them: the server is not trusted), or
	 * -errno: -EIO (the channel broke), -ETIMEDOUT (no answer in time:
	 * the channel is then unusable), -EMSGSIZE (reqlen or cap above
	 * max_msize). One request at a time: the caller serialises.
	 */
	long (*rpc)(struct ts_9p_chan *c, const void *req, uint32_t reqlen, void *rep,
		    uint32_t cap);
	/* Give the channel back (unmount); it may be opened again. */
	void (*close)(struct ts_9p_chan *c);
};

struct ts_9p_chan {
	const struct ts_9p_chan_ops *ops;
	uint32_t max_msize; /* largest message the transport carries either way */
	int readonly;       /* the share refuses writes (EROFS) whatever the mount */
};

struct ts_9p_transport {
	const char *name;
	/*
	 * The channel of the share whose mount tag is tag: 0 with *out, or
	 * -ENODEV when this transport has no such share, -EBUSY when it is
	 * already open, -errno when its device fails to start.
	 */
	int (*open)(const char *tag, struct ts_9p_chan **out);
	struct ts_9p_transport *next; /* lib/9pfs's list */
};

/* Make a transport known: 0, or -EINVAL without name or open. */
int ts_9p_transport_register(struct ts_9p_transport *t);

/* Register a transport at boot: TS_9P_TRANSPORT_REGISTER(my_transport) at
 * file scope (a non-const struct ts_9p_transport). Init level lib, before
 * any mount. */
#define TS_9P_TRANSPORT_REGISTER(t)                                     \
	static int ts__9p_register_##t(void)                            \
	{                                                               \
		return ts_9p_transport_register(&t);                    \
	}                                                               \
	TS_INITCALL(ts__9p_register_##t, TS_INIT_LIB, 4)

#endif

/* plat/tvm: devices and services of the tvm monitor, for drivers and apps.
 * All calls are hypercalls (one VM exit each); see include/ts/tvm_abi.h. */
#ifndef TS_TVM_H
#define TS_TVM_H

#include <stddef.h>
#include <stdint.h>
#include <ts/tvm_abi.h>

/*
 * Id of the n-th attached device of `type` (counting from 0, in the order
 * given to tvm), or -ENODEV when there is none.
 */
int ts_tvm_dev_find(enum tvm_dev_type type, unsigned int n);

/* What tvm says about device `id`, or NULL when there is no such device. */
const struct tvm_devinfo *ts_tvm_dev_info(unsigned int id);

/*
 * Block I/O in 512-byte sectors, at most TVM_BLK_MAX_SECTORS per call.
 * Return 0, or -ENODEV (no such block device), -EINVAL (range beyond the
 * device or too many sectors), -EFAULT (bad buffer), -EPERM (write to a
 * read-only device), -EIO (host I/O error).
 */
int ts_tvm_blk_read(unsigned int dev, uint64_t sector, void *buf, uint64_t nsectors);
int ts_tvm_blk_write(unsigned int dev, uint64_t sector, const void *buf, uint64_t nsectors);
int ts_tvm_blk_flush(unsigned int dev);

/*
 * Send one Ethernet frame (14..TVM_NET_MTU_FRAME bytes, no FCS). Returns
 * len, or -ENODEV, -EINVAL (bad length), -EFAULT, -EIO.
 */
long ts_tvm_net_send(unsigned int dev, const void *frame, size_t len);

/*
 * Take one received frame into buf. Returns its length, -EAGAIN when none
 * is waiting, -EMSGSIZE when the waiting frame was larger than len (it is
 * dropped), or -ENODEV, -EFAULT.
 */
long ts_tvm_net_recv(unsigned int dev, void *buf, size_t len);

/*
 * Send the 9P2000.L request req[0..len) to volume dev (a TVM_DEV_9P) and
 * have tvm write its reply into rep[0..cap) (the two apart, each at most
 * 1 MiB). Returns the reply's length (unchecked: lib/9pfs checks it), or
 * -ENODEV, -EINVAL (sizes, overlap), -EFAULT.
 */
long ts_tvm_9p(unsigned int dev, const void *req, size_t len, void *rep, size_t cap);

/*
 * Block the vCPU until a device has input or timeout_ns passes (0: just
 * poll; UINT64_MAX: no limit). Returns the bitmask of device ids with input
 * pending (0 on timeout). An idle guest waiting here costs no host CPU.
 * A result with TVM_WAIT_STOP (the host's stop request, tess stop) is
 * noted for ts_plat_stop_requested().
 */
long ts_tvm_wait(uint64_t timeout_ns);

/*
 * As ts_tvm_wait, also waking when tvm's standard input has something to
 * read (or has ended): the result then has TVM_WAIT_CONSOLE set.
 */
long ts_tvm_wait_console(uint64_t timeout_ns);

/*
 * Read tvm's standard input without blocking: up to len (<= 1 MiB) bytes.
 * Returns the bytes read, 0 at its end, -EAGAIN when nothing is waiting,
 * -EINVAL (len), -EFAULT (bad buffer), -EIO (the host's read failed).
 */
long ts_tvm_console_read(void *buf, size_t len);

/*
 * Fill buf with len (<= 256) bytes of the host's getrandom(2): 0, or
 * -EINVAL (len), -EFAULT, -ENOSYS (an older tvm), -EIO.
 */
int ts_tvm_random(void *buf, size_t len);

/* Wall-clock time: nanoseconds since 1970-01-01 UTC, or -errno. */
int64_t ts_tvm_wallclock_ns(void);

#endif

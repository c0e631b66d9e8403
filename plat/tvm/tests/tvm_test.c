/* tvm_test.c: in-kernel tests of the tvm platform's hypercalls. */
#include <ts/errno.h>
#include <stdint.h>
#include <ts/plat/time.h>
#include <ts/test.h>
#include <ts/tvm.h>
#include "../tvm.h"

TS_TEST(bootinfo_is_sane)
{
	TS_EXPECT_EQ(ts_tvm_bootinfo->abi_version, TVM_ABI_VERSION);
	TS_EXPECT(ts_tvm_bootinfo->free_start < ts_tvm_bootinfo->free_end);
	TS_EXPECT(ts_tvm_bootinfo->free_end <= ts_tvm_bootinfo->mem_size);
	TS_EXPECT(ts_plat_tsc_hz() > 100000000); /* a real TSC, not a placeholder */
}

TS_TEST(wallclock_is_now)
{
	int64_t ns = ts_tvm_wallclock_ns();
	TS_EXPECT(ns > 1700000000LL * 1000000000LL); /* after November 2023 */
}

TS_TEST(wait_times_out)
{
	uint64_t t0 = ts_plat_monotonic_ns();
	TS_EXPECT_EQ(ts_tvm_wait(20000000), 0); /* no devices: nothing pending */
	uint64_t dt = ts_plat_monotonic_ns() - t0;
	TS_EXPECT(dt >= 19000000 && dt < 500000000);
}

TS_TEST(bad_requests_are_refused)
{
	struct tvm_hc hc = { .nr = 999 };
	TS_EXPECT_EQ(ts_tvm_hypercall(&hc), -ENOSYS);
	TS_EXPECT_EQ(ts_tvm_dev_find(TVM_DEV_BLOCK, 0), -ENODEV);
	TS_EXPECT_EQ(ts_tvm_blk_read(0, 0, &hc, 1), -ENODEV);
	TS_EXPECT_EQ(ts_tvm_net_send(5, &hc, 60), -ENODEV);
	hc = (struct tvm_hc){ .nr = TVM_HC_CONSOLE_WRITE, .arg = { 0xfffff000u, 16 } };
	TS_EXPECT_EQ(ts_tvm_hypercall(&hc), -EFAULT); /* beyond RAM */
	hc = (struct tvm_hc){ .nr = TVM_HC_CONSOLE_WRITE, .arg = { (uintptr_t)&hc, 1u << 30 } };
	TS_EXPECT(ts_tvm_hypercall(&hc) < 0); /* absurd length */
}

TS_TESTSUITE(plat_tvm, bootinfo_is_sane, wallclock_is_now, wait_times_out, bad_requests_are_refused);

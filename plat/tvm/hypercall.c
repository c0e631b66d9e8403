/* hypercall.c: the one way to talk to tvm — an OUT of the request's address. */
#include <ts/arch/cpu.h>
#include "tvm.h"

long ts_tvm_hypercall(struct tvm_hc *hc)
{
	/* RAM is identity-mapped (at most 64 GiB), so the VA is the GPA, and
	 * the block is 16-byte aligned: GPA / 16 fits the 32-bit OUT. The
	 * clobber makes the compiler write *hc before and read it after. */
	__asm__ volatile("outl %0, %1" : : "a"((uint32_t)((uintptr_t)hc >> TVM_HC_SHIFT)), "Nd"(TVM_HC_PORT)
			 : "memory");
	return hc->ret;
}

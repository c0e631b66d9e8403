/* tp.c: arch_prctl — the thread pointer (%fs base) that TLS and musl's thread state hang on. */
#include <errno.h>
#include <ts/arch/context.h>
#include <ts/syscall.h>

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

TS_SYSCALL_DEFINE2(arch_prctl, "xp:d", int, code, unsigned long, addr)
{
	switch (code) {
	case ARCH_SET_FS:
		return ts_arch_set_tp(addr);
	case ARCH_GET_FS:
		if (!ts_user_ok((void *)addr, sizeof(unsigned long), 1))
			return -EFAULT;
		*(unsigned long *)addr = ts_arch_get_tp();
		return 0;
	case ARCH_SET_GS:
	case ARCH_GET_GS:
		return -EPERM; /* %gs is not the program's to use here */
	default:
		return -EINVAL;
	}
}

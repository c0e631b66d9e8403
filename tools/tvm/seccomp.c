/* seccomp.c: confine tvm to the system calls its run loop needs, before the guest runs. */
#include <errno.h>
#include <linux/kvm.h>
#include <seccomp.h>
#include <string.h>

#include "tvm.h"

/* "argument arg equals v" (all fields set: clang warns about SCMP_A0's partial ones) */
static struct scmp_arg_cmp arg_eq(unsigned arg, uint64_t v)
{
	return (struct scmp_arg_cmp){.arg = arg, .op = SCMP_CMP_EQ, .datum_a = v, .datum_b = 0};
}

/* Allow syscall nr when its first argument is fd. */
static int allow_fd(scmp_filter_ctx ctx, int nr, int fd)
{
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1, arg_eq(0, (uint64_t)fd));
}

int tvm_seccomp_install(int vcpu_fd, const struct tvm_machine *m)
{
	/* Calls any fd-less code path may make: the clock (normally the vDSO),
	 * waiting (ppoll for WAIT, poll as its fallback), the restart of an
	 * interrupted ppoll after SIGSTOP/SIGCONT, returning from a signal
	 * handler, and exiting. */
	static const int plain[] = {
		SCMP_SYS(clock_gettime), SCMP_SYS(ppoll), SCMP_SYS(poll),
		SCMP_SYS(restart_syscall), SCMP_SYS(rt_sigreturn), SCMP_SYS(timer_settime),
		SCMP_SYS(rt_sigtimedwait),
		SCMP_SYS(exit_group), SCMP_SYS(exit),
	};
	/* ioctls on the vCPU: run it, inject the guest timer's interrupt, and
	 * read its registers for a crash report. timer_settime arms that timer,
	 * rt_sigtimedwait collects its expiry. */
	static const unsigned long vcpu_ioctls[] = {KVM_RUN, KVM_GET_REGS, KVM_GET_SREGS,
						    KVM_INTERRUPT};
	static const int p9_calls[] = {
		SCMP_SYS(openat2), SCMP_SYS(close), SCMP_SYS(fcntl), SCMP_SYS(newfstatat),
		SCMP_SYS(fstat), SCMP_SYS(lseek), SCMP_SYS(getdents64), SCMP_SYS(pread64),
		SCMP_SYS(pwrite64), SCMP_SYS(fsync), SCMP_SYS(ftruncate), SCMP_SYS(fchmod),
		SCMP_SYS(utimensat), SCMP_SYS(mkdirat), SCMP_SYS(symlinkat), SCMP_SYS(linkat),
		SCMP_SYS(unlinkat), SCMP_SYS(renameat), SCMP_SYS(renameat2), SCMP_SYS(readlinkat),
	};
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
	unsigned volumes = 0;
	int rc = 0;

	if (!ctx) {
		tvm_err("seccomp_init failed");
		return -1;
	}
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, plain[i], 0);
	/* console output (stdout) and messages (stderr), console input
	 * (stdin), and seed bytes for the guest (getrandom: no fd, no path) */
	rc |= allow_fd(ctx, SCMP_SYS(write), 1);
	rc |= allow_fd(ctx, SCMP_SYS(write), 2);
	rc |= allow_fd(ctx, SCMP_SYS(read), 0);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(getrandom), 0);
	if (vcpu_fd >= 0)
		for (size_t i = 0; i < sizeof vcpu_ioctls / sizeof vcpu_ioctls[0]; i++)
			rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
					       arg_eq(0, (uint64_t)vcpu_fd), arg_eq(1, vcpu_ioctls[i]));
	/* --gdb: the debugger's connection, and the vCPU calls it drives:
	 * registers, breakpoints and single steps. */
	if (m && m->gdb_fd > 0) {
		rc |= allow_fd(ctx, SCMP_SYS(read), m->gdb_fd);
		rc |= allow_fd(ctx, SCMP_SYS(write), m->gdb_fd);
		rc |= allow_fd(ctx, SCMP_SYS(close), m->gdb_fd);
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
				       arg_eq(0, (uint64_t)vcpu_fd), arg_eq(1, KVM_SET_REGS));
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 2,
				       arg_eq(0, (uint64_t)vcpu_fd), arg_eq(1, KVM_SET_GUEST_DEBUG));
	}
	/* --core: the core file, opened before, written after a crash. */
	if (m && m->core_fd > 0) {
		rc |= allow_fd(ctx, SCMP_SYS(write), m->core_fd);
		rc |= allow_fd(ctx, SCMP_SYS(lseek), m->core_fd);
		rc |= allow_fd(ctx, SCMP_SYS(ftruncate), m->core_fd);
	}
	for (unsigned i = 0; m && i < m->ndev; i++) {
		const struct tvm_dev *d = &m->dev[i];

		if (d->info.type == TVM_DEV_BLOCK) {
			rc |= allow_fd(ctx, SCMP_SYS(pread64), d->fd);
			rc |= allow_fd(ctx, SCMP_SYS(fdatasync), d->fd);
			if (!(d->info.flags & TVM_DEVF_READONLY))
				rc |= allow_fd(ctx, SCMP_SYS(pwrite64), d->fd);
		} else if (d->info.type == TVM_DEV_NET) {
			rc |= allow_fd(ctx, SCMP_SYS(read), d->fd);
			rc |= allow_fd(ctx, SCMP_SYS(write), d->fd);
		} else if (d->info.type == TVM_DEV_9P) {
			volumes++;
		}
	}
	/* Volumes: the 9P server's calls (p9.c, p9host.c). Their descriptors
	 * come and go with the guest's fids, so no rule can name them; the
	 * confinement is the server's own (every name one component,
	 * openat2 beneath a descriptor). No plain open/openat: nothing can
	 * be opened by an absolute path. */
	if (volumes)
		for (size_t i = 0; i < sizeof p9_calls / sizeof p9_calls[0]; i++)
			rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, p9_calls[i], 0);
	if (rc) {
		tvm_err("building the seccomp filter failed");
		return -1;
	}
	rc = seccomp_load(ctx);
	if (rc) {
		tvm_err("loading the seccomp filter: %s", strerror(-rc));
		return -1;
	}
	/* No seccomp_release(ctx): freeing could make free() return memory to
	 * the kernel (brk, munmap), which the filter now forbids. The process
	 * ends with the guest anyway. */
	return 0;
}

/* tvm.h: internal interfaces between the parts of tvm (not installed). */
#ifndef TVM_H
#define TVM_H

#include <stddef.h>
#include <signal.h>
#include <stdint.h>

#include "ts/tvm_abi.h"

#define TVM_PAGE 4096ull
#define TVM_MAX_SEGMENTS 64          /* PT_LOAD segments an image may have */
#define TVM_IMAGE_BASE 0x100000ull   /* segments start at or above 1 MiB */

/* ---- elf.c: the image loader ------------------------------------------------ */

struct tvm_segment {
	uint64_t start;  /* p_paddr (== p_vaddr) */
	uint64_t end;    /* p_paddr + p_memsz */
	uint32_t flags;  /* PF_R | PF_W | PF_X */
};

struct tvm_image {
	struct tvm_image_info info;  /* the note, validated */
	unsigned nseg;
	struct tvm_segment seg[TVM_MAX_SEGMENTS];
	uint64_t end;                /* highest segment end */
};

/*
 * Validate the ELF image file[0..len) and load its PT_LOAD segments into
 * ram[0..ram_size) (guest-physical addresses). Never reads or writes outside
 * the two buffers, whatever the bytes. When ram_zeroed is non-zero the RAM is
 * known to be all zero and the bytes past p_filesz are not written (so pages
 * that hold only BSS are never touched).
 * Returns 0 and fills *out, or -1 with a one-line reason in err (no trailing
 * newline, no "tvm:" prefix). RAM may be partly written on failure.
 */
int tvm_elf_load(const uint8_t *file, size_t len, uint8_t *ram, uint64_t ram_size,
		 int ram_zeroed, struct tvm_image *out, char *err, size_t errlen);

/* ---- devices: ops tables (blk.c, net.c; fakes in the fuzzer) --------------- */

struct tvm_dev;

/*
 * Block and network backends. All return >= 0 on success or -errno.
 * blk_read/blk_write move exactly len bytes at byte offset off (the caller
 * has checked the range against the device size). net_send sends one frame
 * and returns len; net_recv receives one frame into buf[0..len) and returns
 * its length, -EAGAIN when none is waiting, -EMSGSIZE when the next frame
 * was larger than len (it is consumed and dropped). p9 (volumes) serves a
 * 9P2000.L request.
 */
struct tvm_dev_ops {
	int (*blk_read)(struct tvm_dev *d, uint64_t off, void *buf, size_t len);
	int (*blk_write)(struct tvm_dev *d, uint64_t off, const void *buf, size_t len);
	int (*blk_flush)(struct tvm_dev *d);
	int (*net_send)(struct tvm_dev *d, const void *buf, size_t len);
	int (*net_recv)(struct tvm_dev *d, void *buf, size_t len);
	/* Serve one 9P request req[0..len) into rep[0..cap) (checked ranges
	 * of guest RAM that do not overlap): the reply's length or -errno. */
	int (*p9)(struct tvm_dev *d, const void *req, size_t len, void *rep, size_t cap);
};

struct tvm_dev {
	struct tvm_devinfo info;       /* what the guest sees in bootinfo */
	const struct tvm_dev_ops *ops;
	int fd;                        /* host file or TAP; -1 for fakes */
	void *priv;                    /* backend data (fakes) */
	const char *name;              /* file or TAP name, for messages */
};

/* Host services that are not devices (hostops.c; fakes in the fuzzer). */
struct tvm_machine;
struct tvm_host_ops {
	/* Write all of buf to the console. Returns len or -errno. */
	int (*console_write)(const void *buf, size_t len);
	/* Nanoseconds since the epoch (CLOCK_REALTIME). */
	uint64_t (*wallclock)(void);
	/* Wait for input on the network devices, and on stdin when console
	 * is set, for at most timeout_ns (0: poll, UINT64_MAX: no limit).
	 * Returns the bitmask of device ids with input pending, with
	 * TVM_WAIT_CONSOLE for stdin (input or its end), or -errno. */
	int (*wait)(struct tvm_machine *m, uint64_t timeout_ns, int console);
	/* Raise TVM_TIMER_VECTOR in timeout_ns (0: cancel). Returns 0 or -errno. */
	int (*timer)(uint64_t timeout_ns);
	/* Read up to len (> 0) bytes of stdin without blocking: the count, 0
	 * at its end (and ever after), -EAGAIN when nothing is waiting, or
	 * -errno. NULL: no console input (-ENOSYS). */
	int (*console_read)(void *buf, size_t len);
	/* Fill buf with len (1..TVM_RANDOM_MAX) bytes from getrandom(2):
	 * 0 or -errno. NULL: -ENOSYS. */
	int (*random)(void *buf, size_t len);
};

/* Everything the hypercall handler may touch. */
struct tvm_machine {
	uint8_t *ram;
	uint64_t ram_size;
	uint64_t cr3;                  /* root of the guest page tables (see hc_range) */
	unsigned ndev;
	struct tvm_dev dev[TVM_MAX_DEVICES];
	const struct tvm_host_ops *host;
	int console_err;               /* first failed console write (-errno), or 0 */
	uint64_t crash_frame;          /* HALT with a crash: the GPA of its registers
				        * as the guest gave it (unchecked), or 0 */
	int gdb_fd;                    /* --gdb: the debugger's connection; 0: none */
	int core_fd;                   /* --core: the core file; 0: none (fds 0-2 are
				        * always held, so 0 is never one of ours) */
};

/* ---- hypercall.c: the hypercall boundary ------------------------------------- */

enum tvm_hc_outcome {
	TVM_HC_CONTINUE = 0,  /* answered; resume the guest */
	TVM_HC_EXIT = 1,      /* the guest halted: *status holds its exit status */
	TVM_HC_CRASHED = 2,   /* the guest halted reporting a crash (its report is
			       * on the console): *status is TVM_EXIT_CRASH */
	TVM_HC_CRASH = -1,    /* cannot be answered: err says why; stop the guest */
};

/*
 * Handle the hypercall whose struct tvm_hc the guest placed at gpa: check
 * the struct's own address, dispatch on nr, check every device id, GPA,
 * length and sector range the call names, perform it through m's ops, and
 * write ret (and outputs) back into guest RAM. Pure apart from the ops.
 */
enum tvm_hc_outcome tvm_hc_handle(struct tvm_machine *m, uint64_t gpa, int *status,
				  char *err, size_t errlen);

/*
 * Walk the guest's page tables from m->cr3 for the virtual address va:
 * every level must be present and have the bits in need (TVM_PTE_US,
 * TVM_PTE_RW, or 0 for any present mapping, as the debugger reads).
 * Returns the size of the leaf mapping (4 KiB, 2 MiB or 1 GiB) with the
 * physical address of va in *pa, or 0 when the access would fault or a
 * table lies outside RAM. *pa is not checked against RAM.
 */
#define TVM_PTE_RW 0x2ull
#define TVM_PTE_US 0x4ull
uint64_t tvm_guest_walk(const struct tvm_machine *m, uint64_t va, uint64_t need, uint64_t *pa);

/*
 * May CPL-3 code of the guest access [gpa, gpa+len) (write: for writing)?
 * Walks the guest's page tables from m->cr3 as the CPU would for a user
 * access, and requires every page to be present, user-accessible (and
 * writable for write), at every level, and identity-mapped. Returns 0 or
 * -EFAULT. len 0 needs only gpa <= ram_size.
 */
int tvm_guest_range_ok(const struct tvm_machine *m, uint64_t gpa, uint64_t len, int write);

/* ---- paging.c: the machine tvm builds in low RAM ---------------------------- */

/* Fixed layout of the pages tvm reserves below 1 MiB (see docs/tvm.md). */
#define TVM_PML4_GPA     0x1000ull
#define TVM_PDPT_GPA     0x2000ull
#define TVM_PD_GPA       0x3000ull   /* 4 pages: up to 4 GiB; the rest from the pool */
#define TVM_MEM_MAX      (64ull << 30) /* guest RAM: 60 of the pool's pages can be directories */
#define TVM_TABLES_GPA   0x7000ull   /* GDT, TSS (+ I/O bitmap), IDT */
#define TVM_R0GUARD_GPA  0x8000ull   /* not present */
#define TVM_R0STACK_GPA  0x9000ull   /* ring-0 stack page (rsp0 = its end) */
#define TVM_ISTGUARD_GPA 0xa000ull   /* not present */
#define TVM_IST1_GPA     0xb000ull   /* IST1 stack page */
#define TVM_BOOTINFO_GPA 0xc000ull   /* struct tvm_bootinfo */
#define TVM_CMDLINE_GPA  0xd000ull   /* the command line, TVM_CMDLINE_MAX bytes */
#define TVM_PT_POOL_GPA  (TVM_CMDLINE_GPA + TVM_CMDLINE_MAX) /* page tables with 4 KiB pages, as needed */
#define TVM_PT_POOL_END  TVM_IMAGE_BASE

#define TVM_GDT_OFF  0x000   /* offsets in the TABLES page */
#define TVM_TSS_OFF  0x080
#define TVM_IDT_OFF  0x400
#define TVM_GDT_LIMIT (8 * 8 - 1)
#define TVM_TSS_LIMIT (104 + 128 + 1 - 1)   /* TSS, I/O bitmap for ports 0..0x3ff, 0xff end byte */
#define TVM_IDT_LIMIT (TVM_NVECTORS * 16 - 1)

#define TVM_SEL_KCODE 0x08
#define TVM_SEL_KDATA 0x10
#define TVM_SEL_UDATA 0x23
#define TVM_SEL_UCODE 0x2b
#define TVM_SEL_TSS   0x30

/* An initial RAM disk: a host file copied into the top of guest RAM. */
struct tvm_initrd {
	const char *path;
	int fd;
	uint64_t size; /* bytes, from the file */
	uint64_t gpa;  /* where it was loaded, page-aligned */
};

/*
 * Build page tables, GDT, TSS, IDT and the boot info (with cmdline, devices
 * and the initrd rd, or NULL for none) in ram for image img. mem_size is a
 * multiple of 4 KiB, at most 4 GiB; a loaded initrd lies at or above the
 * image's free_start, inside mem_size, and ends the guest's free memory.
 * Returns 0 or -1 with a reason in err (image too spread out for the
 * page-table pool, bad parameters). Touches only the pages it fills.
 */
int tvm_machine_build(uint8_t *ram, uint64_t mem_size, const struct tvm_image *img,
		      const char *cmdline, const struct tvm_dev *dev, unsigned ndev,
		      const struct tvm_initrd *rd, uint64_t tsc_hz, char *err, size_t errlen);

/* ---- file.c: host files ------------------------------------------------------ */

/* Open path with flags (O_CLOEXEC is added); it must be a regular file.
 * Returns the fd with the file's size in *size, or -1 after printing
 * "tvm: [what ]path: reason". */
int tvm_file_open(const char *path, int flags, const char *what, uint64_t *size);
/* Read len bytes at off into buf, retrying short reads: 0, -errno, or
 * -EIO when the file ends first. */
int tvm_pread_full(int fd, void *buf, size_t len, uint64_t off);

/* ---- initrd.c ---------------------------------------------------------------- */

/* Open path as rd (a regular file; any size, empty too). Returns 0, or -1
 * after printing why. */
int tvm_initrd_open(struct tvm_initrd *rd, const char *path);
/* Copy rd into the top of ram (mem_size bytes) at a page-aligned GPA not
 * below `lowest`, set rd->gpa and close the file. Returns 0, or -1 with a
 * reason in err (it does not fit: the message names the -m it needs; a
 * read error). */
int tvm_initrd_load(struct tvm_initrd *rd, uint8_t *ram, uint64_t mem_size, uint64_t lowest,
		    char *err, size_t errlen);

/* free_start for img: the first page after the highest segment end.
 * (paging.c; img->end <= 4 GiB, so no wrap) */
uint64_t tvm_free_start(const struct tvm_image *img);

/* ---- devices.c: the device kinds; blk.c, net.c: their real backends --------- */

/*
 * One kind of device tvm can attach. A kind is added by writing its backend
 * file and one line in tvm_dev_kinds (devices.c); the hypercall checks stay
 * in hypercall.c, keyed by type.
 */
struct tvm_dev_kind {
	const char *option;            /* long option naming one device: --option ARG */
	uint32_t type;                 /* TVM_DEV_*, what the guest sees */
	/* Open ARG as device d (index = its position among the devices of this
	 * kind). d is zeroed with fd -1; fill d->info (but type), fd, name, priv.
	 * Returns 0, or -1 after printing why (d->fd may then be open). */
	int (*open)(struct tvm_dev *d, const char *arg, unsigned index);
	const struct tvm_dev_ops *ops; /* set in d once open succeeded */
	const char *help;              /* its lines in tvm --help */
};
/* The kinds, in the order devices get ids (all of the first kind, then ...). */
extern const struct tvm_dev_kind tvm_dev_kinds[];
extern const unsigned tvm_ndev_kinds;

/* Open ARG as device d of kind k (index as for k->open), setting its type and
 * ops. Returns 0, or -1 after printing why. */
int tvm_dev_open(const struct tvm_dev_kind *k, struct tvm_dev *d, const char *arg, unsigned index);

/* Block devices: ARG is FILE[,ro]. */
int tvm_blk_open(struct tvm_dev *d, const char *spec, unsigned index);
extern const struct tvm_dev_ops tvm_blk_ops;
/* Network devices: ARG names an existing TAP interface; index is for the MAC. */
int tvm_net_open(struct tvm_dev *d, const char *name, unsigned index);
extern const struct tvm_dev_ops tvm_net_ops;
/* Volumes (shared folders, served over 9P): ARG is HOSTDIR[,ro]; the
 * server's state goes in d->priv. */
int tvm_volume_open(struct tvm_dev *d, const char *spec, unsigned index);
extern const struct tvm_dev_ops tvm_volume_ops;
/* The guest MAC for TAP name and index (see docs/tvm.md). */
void tvm_net_mac(const char *name, unsigned index, uint8_t mac[6]);
/* hostops.c: the real host services. */
extern const struct tvm_host_ops tvm_host_real;

/* The host's request to shut down the guest (--stop-on-term): 1 once
 * SIGTERM came (set by main.c's handler), 2 once a WAIT reported it to
 * the guest (TVM_WAIT_STOP, once). */
extern volatile sig_atomic_t tvm_stop_request;

/* ---- vm.c: KVM -------------------------------------------------------------- */

struct kvm_run;

struct tvm_vm {
	int kvm, vm, vcpu;
	struct kvm_run *run;
	uint64_t tsc_hz;
	int fsgsbase;
	int crashed;   /* the guest crashed (tvm_vm_run returned TVM_EXIT_CRASH for it) */
	int irq_pending; /* the guest timer fired; its interrupt is not injected yet */
};

/* Open /dev/kvm, create the VM with RAM as slot 0 and one vCPU with the
 * host-supported CPUID. Returns 0, or -1 after printing why. */
int tvm_vm_create(struct tvm_vm *v, uint8_t *ram, uint64_t mem_size);
/* Set the vCPU's registers to start img at CPL 3. Returns 0 or -1. */
int tvm_vm_boot_regs(struct tvm_vm *v, const struct tvm_image *img);
/* Run until the guest halts or crashes. Returns tvm's exit status, or
 * TVM_VM_DEBUG when guest debugging is on (gdbkvm.c) and the vCPU stopped
 * at a breakpoint or after a single step. */
#define TVM_VM_DEBUG (-2)
int tvm_vm_run(struct tvm_vm *v, struct tvm_machine *m);

/* ---- gdbkvm.c: tvm --gdb PORT, the protocol over the KVM vCPU ------------- */

/* Listen on 127.0.0.1:port and wait for one debugger to connect (saying
 * so on stderr). Returns the connection's fd, or -1 after printing why
 * (the port is in use, ...). */
int tvm_gdb_wait(unsigned port);

/*
 * Debug the guest (stopped before its first instruction) over the
 * connection fd: registers through KVM_GET/SET_REGS and KVM_GET_SREGS,
 * memory through the guest's page tables (tvm_guest_walk), breakpoints in
 * the four debug registers and single steps through KVM_SET_GUEST_DEBUG.
 * Returns tvm's exit status when the guest ended under the debugger (or
 * the debugger killed it: TVM_EXIT_ERROR), or -1 when the debugger
 * detached or hung up: the guest then runs on normally (tvm_vm_run).
 */
int tvm_gdb_kvm_session(struct tvm_vm *v, struct tvm_machine *m, int fd);

/* ---- core.c: tvm --core FILE ---------------------------------------------- */

/* Write the crashed guest's core to m->core_fd: the registers of the
 * guest's crash frame (m->crash_frame, checked to lie in RAM) or, without
 * one, the vCPU's; all of RAM as one PT_LOAD at address 0 (RAM is
 * identity-mapped). Returns 0, or -1 after printing why. */
int tvm_core_write(struct tvm_vm *v, const struct tvm_machine *m);

/* The guest timer (hostops.c): a POSIX timer that sends SIGALRM, which is
 * only unblocked inside KVM_RUN; tvm_vm_run turns it into an interrupt.
 * tvm_timer_init returns 0 or -1 after printing why; tvm_timer_take
 * consumes a pending expiry and says whether there was one. */
int tvm_timer_init(int vcpu_fd);
int tvm_timer_take(void);

/* ---- seccomp.c ------------------------------------------------------------------ */

/* Confine the process to what the run loop needs (vcpu fd -1: no KVM).
 * Returns 0, or -1 after printing why. */
int tvm_seccomp_install(int vcpu_fd, const struct tvm_machine *m);

/* ---- gdb.c: the GDB remote serial protocol, over a target's operations ---- */

/* The registers of gdb's amd64 'g' packet without a target description,
 * in its order: 8 bytes each up to rip, then 4 bytes each. */
enum {
	TVM_GDB_RAX, TVM_GDB_RBX, TVM_GDB_RCX, TVM_GDB_RDX, TVM_GDB_RSI, TVM_GDB_RDI,
	TVM_GDB_RBP, TVM_GDB_RSP, TVM_GDB_R8, TVM_GDB_R9, TVM_GDB_R10, TVM_GDB_R11,
	TVM_GDB_R12, TVM_GDB_R13, TVM_GDB_R14, TVM_GDB_R15, TVM_GDB_RIP,
	TVM_GDB_EFLAGS, TVM_GDB_CS, TVM_GDB_SS, TVM_GDB_DS, TVM_GDB_ES, TVM_GDB_FS, TVM_GDB_GS,
	TVM_GDB_NREGS
};

/* The largest packet body accepted or sent (advertised as PacketSize). */
#define TVM_GDB_PACKET_MAX 4096

/* Why the target stopped running (tvm_gdb_target_ops.resume). */
enum tvm_gdb_stop_kind {
	TVM_GDB_STOP_TRAP,    /* a breakpoint or the end of a single step: the target
			       * can be inspected and resumed */
	TVM_GDB_STOP_EXITED,  /* the guest exited with status value */
	TVM_GDB_STOP_CRASHED, /* the guest crashed (value: tvm's exit status); it
			       * cannot run on */
};

struct tvm_gdb_stop {
	enum tvm_gdb_stop_kind kind;
	int value;
};

/*
 * What the protocol needs from a target (the KVM vCPU in gdbkvm.c, a fake
 * in the tests and the fuzzer). t is the target's own pointer. Every
 * function returns 0 or -errno; the protocol answers gdb with the error.
 */
struct tvm_gdb_target_ops {
	int (*get_regs)(void *t, uint64_t regs[TVM_GDB_NREGS]);
	int (*set_regs)(void *t, const uint64_t regs[TVM_GDB_NREGS]);
	/* Guest virtual memory: all of [addr, addr + len) or -EFAULT. len is
	 * at most TVM_GDB_PACKET_MAX. */
	int (*read_mem)(void *t, uint64_t addr, void *buf, size_t len);
	int (*write_mem)(void *t, uint64_t addr, const void *buf, size_t len);
	/* Insert (on) or remove (!on) an execution breakpoint at addr:
	 * -ENOSPC when every slot is taken; removing one that is not set
	 * is not an error. */
	int (*breakpoint)(void *t, uint64_t addr, int on);
	/* Run until the target stops (step: after one instruction). */
	int (*resume)(void *t, int step, struct tvm_gdb_stop *stop);
};

/* The connection to gdb. read returns the bytes read (> 0), 0 at its end,
 * or -errno; write writes all of buf or returns -errno. */
struct tvm_gdb_io {
	long (*read)(void *c, void *buf, size_t len);
	int (*write)(void *c, const void *buf, size_t len);
};

/* One debugging session. Fill the first four fields, zero the rest. */
struct tvm_gdb {
	const struct tvm_gdb_target_ops *ops;
	void *target;
	const struct tvm_gdb_io *io;
	void *conn;
	/* private: input buffering and the packet being assembled */
	uint8_t in[1024];
	size_t in_len, in_pos;
	char pkt[TVM_GDB_PACKET_MAX + 1];
	struct tvm_gdb_stop last;  /* the last stop, for '?' */
};

/* How a session ended (tvm_gdb_serve). */
enum tvm_gdb_end {
	TVM_GDB_END_DETACHED, /* 'D': the guest runs on without the debugger */
	TVM_GDB_END_KILLED,   /* 'k': the debugger ended the guest */
	TVM_GDB_END_STOPPED,  /* the guest exited or crashed: *stop says how */
	TVM_GDB_END_HANGUP,   /* the connection ended or failed */
};

/*
 * Serve gdb on g's connection until the session ends, with the target
 * stopped on entry. Every packet is checked in one place here: framing,
 * checksum (a bad one is answered '-'), length (longer than
 * TVM_GDB_PACKET_MAX: dropped and answered "E16"), hex and numbers (an
 * error reply, never a crash). Supports ?, g, G, p, P, m, M, X, c, s, C,
 * S, vCont (one thread), Z0/Z1 and z0/z1 (execution breakpoints), qSupported,
 * qAttached, qC, thread queries, H, T, D and k; other packets get the empty
 * reply. On TVM_GDB_END_STOPPED, *stop holds the guest's end.
 */
enum tvm_gdb_end tvm_gdb_serve(struct tvm_gdb *g, struct tvm_gdb_stop *stop);

/* ---- main.c helpers -------------------------------------------------------------- */

/* Print "tvm: <fmt>" and a newline on stderr. */
void tvm_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

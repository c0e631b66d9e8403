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
};

/* Open /dev/kvm, create the VM with RAM as slot 0 and one vCPU with the
 * host-supported CPUID. Returns 0, or -1 after printing why. */
int tvm_vm_create(struct tvm_vm *v, uint8_t *ram, uint64_t mem_size);
/* Set the vCPU's registers to start img at CPL 3. Returns 0 or -1. */
int tvm_vm_boot_regs(struct tvm_vm *v, const struct tvm_image *img);
/* Run until the guest halts or crashes. Returns tvm's exit status. */
int tvm_vm_run(struct tvm_vm *v, struct tvm_machine *m);

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

/* ---- main.c helpers -------------------------------------------------------------- */

/* Print "tvm: <fmt>" and a newline on stderr. */
void tvm_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

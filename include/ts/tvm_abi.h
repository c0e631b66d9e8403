/*
 * tvm_abi.h: the one contract between tvm (Tessera's KVM monitor, host side,
 * tools/tvm) and the guest kernel on it (plat/tvm). Both sides include this
 * file; change TVM_ABI_VERSION whenever a layout or a meaning changes.
 *
 * Plain fixed-size C types only, little-endian x86-64, no pointers: every
 * address here is a guest-physical address (GPA), which on tvm equals the
 * guest-virtual address (RAM is identity-mapped from 0).
 */
#ifndef TS_TVM_ABI_H
#define TS_TVM_ABI_H

#include <stdint.h>

#define TVM_ABI_VERSION 4 /* 2: 128 KiB command line at 0xd000; HALT's crash flag;
                              3: console input, random bytes, 9P devices;
                              4: free low memory in the bootinfo; the hypercall
                                 block's GPA / 16 (RAM above 4 GiB) */

/* ---- the image note ------------------------------------------------------
 * Every tvm image carries one ELF note (in a PT_NOTE segment) with name
 * "Tessera" and type TVM_NOTE_INFO, whose descriptor is struct
 * tvm_image_info. tvm refuses images without it, with another ABI version,
 * or whose addresses do not lie inside the loaded PT_LOAD segments.
 */
#define TVM_NOTE_NAME "Tessera"
#define TVM_NOTE_INFO 0x54564d31u /* "TVM1" */

#define TVM_MAX_RING0_RANGES 4
#define TVM_NVECTORS 64      /* trap stubs, one per vector 0..63 */
#define TVM_STUB_STRIDE 16   /* bytes between consecutive stubs */

struct tvm_range {
	uint64_t start; /* first byte */
	uint64_t end;   /* one past the last byte; start == end: unused */
};

struct tvm_image_info {
	uint32_t abi_version;   /* TVM_ABI_VERSION */
	uint32_t flags;         /* TVM_IMAGE_F_*; other bits must be 0 */
	uint64_t entry;         /* CPL-3 entry point, inside an executable segment */
	uint64_t stack_top;     /* initial CPL-3 rsp, inside a writable segment */
	uint64_t isr_stubs;     /* TVM_NVECTORS stubs, TVM_STUB_STRIDE apart, in ring0[0] */
	/* Ranges mapped supervisor-only (ring-0 code and data). Everything else
	 * the segments cover is user-accessible. ring0[0] must hold the stubs. */
	struct tvm_range ring0[TVM_MAX_RING0_RANGES];
	/* Devices the image needs: exactly this many must be attached
	 * (block devices: any number with TVM_IMAGE_F_ANY_BLOCK). */
	uint32_t nblock;
	uint32_t nnet;
};
/* The image takes any number of block devices (it finds them through the
 * boot info, as lib/blk's driver does); nblock must then be 0. */
#define TVM_IMAGE_F_ANY_BLOCK 1u

/* ---- the machine tvm builds ------------------------------------------------
 * - RAM: [0, mem_size), identity-mapped; page 0 not present. The image's
 *   PT_LOAD pages get their ELF rights (W^X: writable pages are never
 *   executable, code never writable); pages in ring0[] are supervisor-only;
 *   the pages of a PT_LOAD segment with none of R, W, X are not present
 *   (guard pages: the image's boot and crash stacks have one below them).
 *   All other RAM is user read-write, never executable. The page tables,
 *   GDT, TSS (with ring-0 and IST stacks) and IDT live in pages tvm reserves
 *   below 1 MiB, mapped supervisor-only. The bootinfo and the command
 *   line (up to TVM_CMDLINE_MAX bytes with its NUL) sit in pages below
 *   1 MiB mapped user read-write: the guest may parse the command line in
 *   place. The pages after the page tables, up to 1 MiB, are free RAM
 *   (low_free_start..low_free_end), user read-write like RAM above the
 *   image.
 * - GDT selectors: 0x08 kernel code, 0x10 kernel data, 0x23 user data,
 *   0x2b user code (64-bit), 0x30 TSS. IDT vector v -> isr_stubs + 16 v,
 *   interrupt gates, DPL 0; vectors 2, 8 and 18 on IST1.
 * - The vCPU starts at `entry` at CPL 3 with RFLAGS.IOPL = 3 and IF = 0,
 *   rsp = stack_top, rdi = GPA of struct tvm_bootinfo, rsi = 0.
 *   CR0 = PE|MP|ET|NE|WP|PG, CR4 = PAE|OSFXSR|OSXMMEXCPT (+FSGSBASE when the
 *   host CPU has it), EFER = LME|LMA|NXE.
 */
#define TVM_BOOT_MAGIC 0x746d7631u /* "tvm1" */
#define TVM_MAX_DEVICES 8
#define TVM_CMDLINE_MAX 131072 /* bytes, with the NUL: Linux's MAX_ARG_STRLEN */

enum tvm_dev_type {
	TVM_DEV_BLOCK = 1,
	TVM_DEV_NET = 2,
	TVM_DEV_9P = 3,   /* a host folder shared over 9P2000.L (tess run -v); the n-th
	                     one (from 0) has the mount tag "vol<n>" */
};

struct tvm_devinfo {
	uint32_t type;    /* enum tvm_dev_type */
	uint32_t flags;   /* TVM_DEVF_* */
	uint64_t size;    /* block: capacity in 512-byte sectors; net, 9p: 0 */
	uint8_t mac[6];   /* net: the guest's MAC address; block: 0 */
	uint8_t pad[2];
};
#define TVM_DEVF_READONLY 1u /* block device opened read-only; 9p: a read-only share */

struct tvm_bootinfo {
	uint32_t magic;          /* TVM_BOOT_MAGIC */
	uint32_t abi_version;    /* TVM_ABI_VERSION */
	uint64_t mem_size;       /* bytes of RAM from GPA 0 */
	uint64_t free_start;     /* first free page after the image (page-aligned) */
	uint64_t free_end;       /* end of free RAM (page-aligned, <= mem_size) */
	uint64_t cmdline;        /* GPA of the NUL-terminated command line */
	uint64_t tsc_hz;         /* guest TSC frequency */
	uint64_t initrd;         /* GPA of the initrd, 0 if none */
	uint64_t initrd_size;
	uint64_t low_free_start; /* free RAM below 1 MiB, after tvm's page tables */
	uint64_t low_free_end;   /* (page-aligned; start == end: none) */
	uint32_t ndevices;       /* entries used in dev[]; a device's id is its index */
	uint32_t pad;
	struct tvm_devinfo dev[TVM_MAX_DEVICES];
};

/* ---- hypercalls --------------------------------------------------------------
 * The guest fills a struct tvm_hc (16-byte aligned, in RAM) and writes its
 * GPA divided by 16 (shifted right by TVM_HC_SHIFT) with a 32-bit OUT to port
 * TVM_HC_PORT: divided, 32 bits reach all of the 64 GiB a guest may have (a
 * thread's stack, where a block usually is, may lie above 4 GiB). tvm checks
 * the GPA and every GPA and length the call names against guest RAM before
 * touching memory, performs the call, and stores the result in `ret` (>= 0,
 * or -errno as below) before the guest's next instruction. Unknown calls
 * give -ENOSYS; bad ids -ENODEV; bad addresses or lengths -EFAULT; bad
 * values -EINVAL. A struct tvm_hc whose
 * own GPA is bad cannot be answered: tvm stops the guest with an error.
 */
#define TVM_HC_PORT 0x3e0
#define TVM_HC_SHIFT 4

enum tvm_hc_nr {
	TVM_HC_CONSOLE_WRITE = 1, /* arg0 = GPA, arg1 = len (<= 1 MiB) -> bytes written */
	TVM_HC_HALT = 2,          /* arg0 = exit status (0..255), arg1 = flags
	                             (TVM_HALT_CRASHED: the guest crashed and has
	                             printed its report; tvm says so), arg2 = with a
	                             crash: the GPA of its registers (a struct
	                             ts_trap_frame, <ts/arch/trap.h>) or 0, for
	                             tvm --core; does not return */
	TVM_HC_WALLCLOCK = 3,     /* -> 0; arg0 = ns since 1970-01-01 UTC (realtime) */
	TVM_HC_WAIT = 4,          /* arg0 = timeout ns (0: poll, UINT64_MAX: no limit),
	                             arg1 = 0 or TVM_WAIT_CONSOLE (also wake for console
	                             input; other bits: -EINVAL) -> bitmask of device ids
	                             with input pending, | TVM_WAIT_CONSOLE (0 on timeout) */
	TVM_HC_BLK_READ = 5,      /* dev, arg0 = sector, arg1 = GPA, arg2 = sectors -> 0 */
	TVM_HC_BLK_WRITE = 6,     /* dev, arg0 = sector, arg1 = GPA, arg2 = sectors -> 0 */
	TVM_HC_BLK_FLUSH = 7,     /* dev -> 0 */
	TVM_HC_NET_SEND = 8,      /* dev, arg0 = GPA, arg1 = len (14..TVM_NET_MTU_FRAME) -> len */
	TVM_HC_NET_RECV = 9,      /* dev, arg0 = GPA, arg1 = buffer len -> frame length,
	                             -EAGAIN when none is waiting; a frame larger than the
	                             buffer is dropped and gives -EMSGSIZE */
	TVM_HC_TIMER = 10,        /* arg0 = timeout ns (0: cancel) -> 0. When it expires tvm
	                             raises interrupt TVM_TIMER_VECTOR once, as soon as the
	                             guest's RFLAGS.IF is set (preemption). One timer: a new
	                             call replaces the previous one. */
	TVM_HC_CONSOLE_READ = 11, /* arg0 = GPA, arg1 = len (<= 1 MiB) -> bytes read from tvm's
	                             stdin, 0 at its end, -EAGAIN when none is waiting (never
	                             blocks: TVM_HC_WAIT reports TVM_WAIT_CONSOLE) */
	TVM_HC_RANDOM = 12,       /* arg0 = GPA, arg1 = len (<= 256) -> len bytes from the
	                             host's getrandom(2): seeds the guest's CSPRNG */
	TVM_HC_9P = 13,           /* dev (a TVM_DEV_9P), arg0 = GPA of one 9P2000.L request
	                             (its size[4] field first), arg1 = its length, arg2 = GPA
	                             of the reply buffer, arg3 = its length (the msize) ->
	                             the reply's length; tvm serves it synchronously */
};

/* TVM_HC_WAIT's result bit for input waiting on the console (stdin, or
 * its end), reported only when arg1 asked for it (a guest that does not
 * read its console must not be woken by it); bits 0..TVM_MAX_DEVICES-1
 * are device ids. */
#define TVM_WAIT_CONSOLE (1u << 30)

/* TVM_HC_WAIT's result bit for the host's request to shut down (tvm
 * --stop-on-term got SIGTERM: tess stop). Reported once, by the first
 * WAIT after the signal (which it ends at once, or returns from at once);
 * the guest then runs its shutdown (docs/architecture.md). */
#define TVM_WAIT_STOP (1u << 29)

#define TVM_TIMER_VECTOR 32
#define TVM_HALT_CRASHED 1u             /* TVM_HC_HALT arg1 */

#define TVM_SECTOR_SIZE 512
#define TVM_BLK_MAX_SECTORS 2048        /* per call: 1 MiB */
#define TVM_NET_MTU_FRAME 1514          /* Ethernet frame without FCS */
#define TVM_RANDOM_MAX 256              /* bytes per TVM_HC_RANDOM */

struct tvm_hc {
	uint32_t nr;     /* enum tvm_hc_nr */
	int32_t ret;     /* out */
	uint32_t dev;    /* device id (index into tvm_bootinfo.dev) */
	uint32_t pad;
	uint64_t arg[4]; /* in, and out where a call says so */
} __attribute__((aligned(1 << TVM_HC_SHIFT)));

/* Exit statuses of tvm itself (the guest's own status is passed through). */
#define TVM_EXIT_CRASH 127  /* guest crashed: triple fault, invalid state, KVM error */
#define TVM_EXIT_ERROR 125  /* tvm could not start or run the guest (bad image, args, host error) */

#endif

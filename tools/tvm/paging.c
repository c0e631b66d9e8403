/* paging.c: the machine tvm builds in guest RAM: page tables, GDT, TSS, IDT, boot info.
 *
 * Layout of the pages below 1 MiB (constants in tvm.h):
 *   0x0000 not present (null pointers fault)
 *   0x1000 PML4, 0x2000 PDPT, 0x3000-0x6fff four PDs      supervisor RW NX
 *   0x7000 GDT (+0x000), TSS with I/O bitmap (+0x080), IDT (+0x400)
 *   0x8000 guard (not present), 0x9000 ring-0 stack
 *   0xa000 guard (not present), 0xb000 IST1 stack
 *   0xc000 boot info; 0xd000 command line (up to 128 KiB)     user RW NX
 *   0x2d000.. page tables with 4 KiB pages, one per 2 MiB region that holds
 *            the image, page 0 or the end of RAM             supervisor RW NX
 *   after them, up to 1 MiB: free RAM for the guest (bootinfo's low_free_*)
 * Everything else is user RW NX, mapped with 2 MiB pages where a whole
 * 2 MiB region has those rights. Only the pages written here are touched. */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "tvm.h"

#define PTE_P  0x1ull
#define PTE_RW 0x2ull
#define PTE_US 0x4ull
#define PTE_PS 0x80ull
#define PTE_NX (1ull << 63)
/* Accessed and dirty preset everywhere: on a shadow-paging host every first
 * A/D update is a trapped page-table write (measured ~30 us per page here,
 * against ~4 us with the bits set). */
#define PTE_AD 0x60ull
#define PTE_TABLE (PTE_P | PTE_RW | PTE_US | PTE_AD) /* rights are decided at the leaves */

#define MIB2 0x200000ull
#define GIB1 0x40000000ull

static void put64(uint8_t *ram, uint64_t gpa, uint64_t v)
{
	memcpy(ram + gpa, &v, sizeof v);
}

/* Does the 2 MiB region [base, base + 2 MiB) need 4 KiB pages? */
static int region_needs_pt(const struct tvm_image *img, uint64_t base, uint64_t mem_size)
{
	if (base == 0 || base + MIB2 > mem_size)
		return 1;
	for (unsigned i = 0; i < img->nseg; i++)
		if (img->seg[i].start < base + MIB2 && base < img->seg[i].end)
			return 1;
	return 0;
}

/* Page-table entry for the 4 KiB page at a; npt = page tables in the pool. */
static uint64_t page_entry(const struct tvm_image *img, uint64_t a, unsigned npt)
{
	const uint64_t user_data = a | PTE_P | PTE_RW | PTE_US | PTE_NX | PTE_AD;
	const uint64_t sup_data = a | PTE_P | PTE_RW | PTE_NX | PTE_AD;

	if (a < TVM_IMAGE_BASE) {
		if (a == 0 || a == TVM_R0GUARD_GPA || a == TVM_ISTGUARD_GPA)
			return 0;
		if (a < TVM_BOOTINFO_GPA)
			return sup_data;
		if (a >= TVM_PT_POOL_GPA && a < TVM_PT_POOL_GPA + npt * TVM_PAGE)
			return sup_data;
		return user_data;
	}
	for (unsigned i = 0; i < img->nseg; i++) {
		const struct tvm_segment *s = &img->seg[i];

		if (a + TVM_PAGE <= s->start || a >= s->end)
			continue;
		if (!(s->flags & (PF_R | PF_W | PF_X)))
			return 0; /* no rights at all: a guard page, not present */
		uint64_t e = a | PTE_P | PTE_US | PTE_AD;
		if (s->flags & PF_W)
			e |= PTE_RW;
		if (!(s->flags & PF_X))
			e |= PTE_NX;
		for (unsigned r = 0; r < TVM_MAX_RING0_RANGES; r++) {
			const struct tvm_range *g = &img->info.ring0[r];

			if (g->start < a + TVM_PAGE && a < g->end)
				e &= ~PTE_US;
		}
		return e;
	}
	return user_data;
}

/* Page directories beyond the fourth (RAM above 4 GiB) take the first
 * pages of the pool, before the page tables. */
static uint64_t extra_pds(uint64_t mem_size)
{
	uint64_t gibs = (mem_size + GIB1 - 1) / GIB1;
	return gibs > 4 ? gibs - 4 : 0;
}

/* Where the page directory of GiB g lives. */
static uint64_t pd_gpa(uint64_t g)
{
	return g < 4 ? TVM_PD_GPA + g * TVM_PAGE : TVM_PT_POOL_GPA + (g - 4) * TVM_PAGE;
}

static void build_page_tables(uint8_t *ram, uint64_t mem_size, const struct tvm_image *img,
			      unsigned npt)
{
	uint64_t pt = TVM_PT_POOL_GPA + extra_pds(mem_size) * TVM_PAGE;

	put64(ram, TVM_PML4_GPA, TVM_PDPT_GPA | PTE_TABLE);
	for (uint64_t g = 0; g * GIB1 < mem_size; g++)
		put64(ram, TVM_PDPT_GPA + 8 * g, pd_gpa(g) | PTE_TABLE);
	for (uint64_t base = 0; base < mem_size; base += MIB2) {
		uint64_t pde = pd_gpa(base / GIB1) + (base / MIB2 % 512) * 8;

		if (!region_needs_pt(img, base, mem_size)) {
			put64(ram, pde, base | PTE_P | PTE_RW | PTE_US | PTE_PS | PTE_NX | PTE_AD);
			continue;
		}
		put64(ram, pde, pt | PTE_TABLE);
		for (uint64_t a = base; a < base + MIB2 && a < mem_size; a += TVM_PAGE) {
			uint64_t e = page_entry(img, a, npt);

			if (e)
				put64(ram, pt + (a - base) / TVM_PAGE * 8, e);
		}
		pt += TVM_PAGE;
	}
}

/* GDT as in tvm_abi.h, TSS with rsp0, IST1 and the I/O bitmap, IDT -> stubs. */
static void build_gdt_tss_idt(uint8_t *ram, const struct tvm_image *img)
{
	const uint64_t gdt = TVM_TABLES_GPA + TVM_GDT_OFF;
	const uint64_t tss = TVM_TABLES_GPA + TVM_TSS_OFF;
	const uint64_t idt = TVM_TABLES_GPA + TVM_IDT_OFF;

	put64(ram, gdt + 0x08, 0x00af9b000000ffffull); /* kernel code, 64-bit */
	put64(ram, gdt + 0x10, 0x00cf93000000ffffull); /* kernel data */
	put64(ram, gdt + 0x18, 0x00cffb000000ffffull); /* user code, 32-bit (syscall layout) */
	put64(ram, gdt + 0x20, 0x00cff3000000ffffull); /* user data */
	put64(ram, gdt + 0x28, 0x00affb000000ffffull); /* user code, 64-bit */
	/* 64-bit TSS, busy (as after ltr: KVM_SET_SREGS loads TR directly) */
	put64(ram, gdt + 0x30, (uint64_t)TVM_TSS_LIMIT | (tss & 0xffffff) << 16 |
		  0x8bull << 40 | ((tss >> 24) & 0xff) << 56);
	put64(ram, gdt + 0x38, tss >> 32);

	/* TSS: rsp0, ist1, I/O bitmap at 104 allowing ports 0..0x3ff (on
	 * PVM-style nested KVM the bitmap is honoured but IOPL is not). */
	put64(ram, tss + 4, TVM_R0STACK_GPA + TVM_PAGE);
	put64(ram, tss + 36, TVM_IST1_GPA + TVM_PAGE);
	uint16_t iomap = 104;
	memcpy(ram + tss + 102, &iomap, 2);
	ram[tss + 104 + 128] = 0xff;

	for (unsigned v = 0; v < TVM_NVECTORS; v++) {
		uint64_t h = img->info.isr_stubs + (uint64_t)TVM_STUB_STRIDE * v;
		uint64_t ist = (v == 2 || v == 8 || v == 18) ? 1 : 0;
		uint64_t lo = (h & 0xffff) | (uint64_t)TVM_SEL_KCODE << 16 | ist << 32 |
			      0x8eull << 40 /* present, DPL 0, interrupt gate */ |
			      ((h >> 16) & 0xffff) << 48;

		put64(ram, idt + 16 * v, lo);
		put64(ram, idt + 16 * v + 8, h >> 32);
	}
}

uint64_t tvm_free_start(const struct tvm_image *img)
{
	return (img->end + TVM_PAGE - 1) & ~(TVM_PAGE - 1);
}

static void build_bootinfo(uint8_t *ram, uint64_t mem_size, const struct tvm_image *img,
			   const char *cmdline, const struct tvm_dev *dev, unsigned ndev,
			   const struct tvm_initrd *rd, uint64_t tsc_hz, unsigned npt)
{
	struct tvm_bootinfo bi;
	size_t n = strlen(cmdline);

	memset(&bi, 0, sizeof bi);
	bi.magic = TVM_BOOT_MAGIC;
	bi.abi_version = TVM_ABI_VERSION;
	bi.mem_size = mem_size;
	bi.free_start = tvm_free_start(img);
	bi.free_end = rd ? rd->gpa : mem_size & ~(TVM_PAGE - 1);
	if (rd) {
		bi.initrd = rd->gpa;
		bi.initrd_size = rd->size;
	}
	/* The page-table pool's unused pages: user data already (page_entry). */
	bi.low_free_start = TVM_PT_POOL_GPA + (uint64_t)npt * TVM_PAGE;
	bi.low_free_end = mem_size < TVM_PT_POOL_END ? mem_size : TVM_PT_POOL_END;
	if (bi.low_free_end < bi.low_free_start)
		bi.low_free_end = bi.low_free_start;
	bi.cmdline = TVM_CMDLINE_GPA;
	bi.tsc_hz = tsc_hz;
	bi.ndevices = ndev;
	for (unsigned i = 0; i < ndev; i++)
		bi.dev[i] = dev[i].info;
	memcpy(ram + TVM_BOOTINFO_GPA, &bi, sizeof bi);
	memcpy(ram + TVM_CMDLINE_GPA, cmdline, n + 1);
}

int tvm_machine_build(uint8_t *ram, uint64_t mem_size, const struct tvm_image *img,
		      const char *cmdline, const struct tvm_dev *dev, unsigned ndev,
		      const struct tvm_initrd *rd, uint64_t tsc_hz, char *err, size_t errlen)
{
	unsigned npt = 0;

	_Static_assert(sizeof(struct tvm_bootinfo) <= TVM_CMDLINE_GPA - TVM_BOOTINFO_GPA,
		       "boot info overlaps the command line");
	_Static_assert(TVM_CMDLINE_GPA + TVM_CMDLINE_MAX <= TVM_PT_POOL_GPA,
		       "command line overlaps the page tables");
	if (mem_size > TVM_MEM_MAX || mem_size % TVM_PAGE || ndev > TVM_MAX_DEVICES ||
	    strlen(cmdline) >= TVM_CMDLINE_MAX ||
	    (rd && (rd->gpa % TVM_PAGE || rd->gpa < tvm_free_start(img) || rd->gpa > mem_size ||
		    rd->size > mem_size - rd->gpa))) {
		snprintf(err, errlen, "invalid machine parameters");
		return -1;
	}
	for (uint64_t base = 0; base < mem_size; base += MIB2)
		npt += region_needs_pt(img, base, mem_size);
	npt += (unsigned)extra_pds(mem_size);
	if (npt > (TVM_PT_POOL_END - TVM_PT_POOL_GPA) / TVM_PAGE) {
		snprintf(err, errlen, "image needs %u page tables with 4 KiB pages (one per 2 MiB region it touches, one per GiB above 4 GiB); tvm has room for %llu",
			 npt, (TVM_PT_POOL_END - TVM_PT_POOL_GPA) / TVM_PAGE);
		return -1;
	}
	build_page_tables(ram, mem_size, img, npt);
	build_gdt_tss_idt(ram, img);
	build_bootinfo(ram, mem_size, img, cmdline, dev, ndev, rd, tsc_hz, npt);
	return 0;
}

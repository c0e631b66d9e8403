/* elf.c: validate a tvm image (untrusted ELF bytes) and load it into guest RAM.
 *
 * Every check of the image lives here. Headers are copied out with memcpy
 * (no unaligned or out-of-bounds reads) and every sum of two file- or
 * guest-controlled numbers is checked for wrap-around before it is used. */
#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tvm.h"

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static uint64_t page_down(uint64_t a)
{
	return a & ~(TVM_PAGE - 1);
}

/* Round up to a page; addresses here are < ram_size <= 4 GiB, so no wrap. */
static uint64_t page_up(uint64_t a)
{
	return (a + TVM_PAGE - 1) & ~(TVM_PAGE - 1);
}

/* The segment holding [a, b) entirely (a < b), or -1. */
static int segment_holding(const struct tvm_image *img, uint64_t a, uint64_t b)
{
	for (unsigned i = 0; i < img->nseg; i++)
		if (img->seg[i].start <= a && b <= img->seg[i].end)
			return (int)i;
	return -1;
}

/* Is [a, b) covered by the union of the loaded segments (which may touch)? */
static int covered(const struct tvm_image *img, uint64_t a, uint64_t b)
{
	while (a < b) {
		uint64_t next = a;

		for (unsigned i = 0; i < img->nseg; i++)
			if (img->seg[i].start <= a && a < img->seg[i].end)
				next = img->seg[i].end;
		if (next == a)
			return 0;
		a = next;
	}
	return 1;
}

static int in_ring0(const struct tvm_image_info *info, uint64_t a)
{
	for (unsigned i = 0; i < TVM_MAX_RING0_RANGES; i++)
		if (info->ring0[i].start <= a && a < info->ring0[i].end)
			return 1;
	return 0;
}

/* Where each loadable segment's bytes come from in the file. */
struct source {
	uint64_t offset, filesz;
};

static int check_header(const uint8_t *file, size_t len, Elf64_Ehdr *eh, char *err,
			size_t errlen)
{
	if (len < sizeof *eh)
		return fail(err, errlen, "too short for an ELF header (%zu bytes)", len);
	memcpy(eh, file, sizeof *eh);
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return fail(err, errlen, "not an ELF file");
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		return fail(err, errlen, "not a 64-bit ELF file (class %u)",
			    eh->e_ident[EI_CLASS]);
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return fail(err, errlen, "not a little-endian ELF file");
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return fail(err, errlen, "unknown ELF version");
	if (eh->e_machine != EM_X86_64)
		return fail(err, errlen, "not an x86-64 image (machine %u)", eh->e_machine);
	if (eh->e_type != ET_EXEC)
		return fail(err, errlen, "not a static executable (ELF type %u)", eh->e_type);
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return fail(err, errlen, "unexpected program header size %u", eh->e_phentsize);
	if (eh->e_phnum == 0 || eh->e_phnum == PN_XNUM)
		return fail(err, errlen, "no usable program headers (e_phnum %u)", eh->e_phnum);
	/* e_phnum < 65536, so the product cannot wrap; the sum can. */
	uint64_t phend;
	if (__builtin_add_overflow(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr),
				   &phend) || phend > len)
		return fail(err, errlen, "program headers lie outside the file (0x%llx + %u * %zu > 0x%zx)",
			    (unsigned long long)eh->e_phoff, eh->e_phnum, sizeof(Elf64_Phdr), len);
	return 0;
}

/* Validate program header i (a PT_LOAD) and append it to img. */
static int check_load(const Elf64_Phdr *ph, unsigned i, size_t len, uint64_t ram_size,
		      struct tvm_image *img, struct source *src, char *err, size_t errlen)
{
	uint64_t end, fend;

	if (ph->p_filesz > ph->p_memsz)
		return fail(err, errlen, "segment %u: file size 0x%llx exceeds memory size 0x%llx", i,
			    (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
	if (__builtin_add_overflow(ph->p_offset, ph->p_filesz, &fend) || fend > len)
		return fail(err, errlen, "segment %u: file bytes 0x%llx + 0x%llx lie outside the file (0x%zx bytes)",
			    i, (unsigned long long)ph->p_offset, (unsigned long long)ph->p_filesz, len);
	if (ph->p_vaddr != ph->p_paddr)
		return fail(err, errlen, "segment %u: virtual address 0x%llx differs from physical address 0x%llx",
			    i, (unsigned long long)ph->p_vaddr, (unsigned long long)ph->p_paddr);
	if (__builtin_add_overflow(ph->p_paddr, ph->p_memsz, &end))
		return fail(err, errlen, "segment %u: address range wraps around (0x%llx + 0x%llx)", i,
			    (unsigned long long)ph->p_paddr, (unsigned long long)ph->p_memsz);
	if (ph->p_paddr < TVM_IMAGE_BASE)
		return fail(err, errlen, "segment %u starts below 1 MiB (0x%llx), which tvm reserves", i,
			    (unsigned long long)ph->p_paddr);
	if (end > ram_size)
		return fail(err, errlen, "segment %u lies outside guest memory (0x%llx + 0x%llx > 0x%llx)", i,
			    (unsigned long long)ph->p_paddr, (unsigned long long)ph->p_memsz,
			    (unsigned long long)ram_size);
	if (ph->p_offset % TVM_PAGE != ph->p_vaddr % TVM_PAGE)
		return fail(err, errlen, "segment %u: file offset 0x%llx and address 0x%llx differ modulo 4096", i,
			    (unsigned long long)ph->p_offset, (unsigned long long)ph->p_vaddr);
	if ((ph->p_flags & (PF_W | PF_X)) == (PF_W | PF_X))
		return fail(err, errlen, "segment %u is both writable and executable (W^X)", i);
	for (unsigned j = 0; j < img->nseg; j++)
		if (page_down(ph->p_paddr) < page_up(img->seg[j].end) &&
		    page_down(img->seg[j].start) < page_up(end))
			return fail(err, errlen, "segment %u (0x%llx-0x%llx) overlaps an earlier segment (0x%llx-0x%llx) in a page",
				    i, (unsigned long long)ph->p_paddr, (unsigned long long)end,
				    (unsigned long long)img->seg[j].start, (unsigned long long)img->seg[j].end);
	if (img->nseg == TVM_MAX_SEGMENTS)
		return fail(err, errlen, "more than %d loadable segments", TVM_MAX_SEGMENTS);

	img->seg[img->nseg] = (struct tvm_segment){ph->p_paddr, end, ph->p_flags & (PF_R | PF_W | PF_X)};
	src[img->nseg] = (struct source){ph->p_offset, ph->p_filesz};
	img->nseg++;
	if (end > img->end)
		img->end = end;
	return 0;
}

/* Look for the Tessera note in the PT_NOTE segment ph (index i). *found
 * counts Tessera notes seen so far. */
static int scan_notes(const uint8_t *file, const Elf64_Phdr *ph, unsigned i, size_t len,
		      struct tvm_image_info *info, int *found, char *err, size_t errlen)
{
	uint64_t end;
	/* ELF64 notes are padded to 4 bytes, or to 8 when the segment says so. */
	uint64_t align = ph->p_align == 8 ? 8 : 4;

	if (__builtin_add_overflow(ph->p_offset, ph->p_filesz, &end) || end > len)
		return fail(err, errlen, "note segment %u lies outside the file", i);
	uint64_t pos = ph->p_offset;
	while (end - pos >= 12) {
		uint32_t hdr[3]; /* namesz, descsz, type */

		memcpy(hdr, file + pos, sizeof hdr);
		/* The descriptor and the next note start at multiples of align
		 * from this note's start (4: name padded to 4; 8: header and
		 * name padded together to 8). Both lie less than 2^34 past pos,
		 * which is below len: no wrap. */
		uint64_t name = pos + 12;
		uint64_t desc = pos + ((12 + (uint64_t)hdr[0] + align - 1) & ~(align - 1));
		uint64_t next = desc + (((uint64_t)hdr[1] + align - 1) & ~(align - 1));
		if (desc > end || desc + hdr[1] > end)
			return fail(err, errlen, "malformed note in segment %u at file offset 0x%llx", i,
				    (unsigned long long)pos);
		if (hdr[0] == sizeof TVM_NOTE_NAME && hdr[2] == TVM_NOTE_INFO &&
		    memcmp(file + name, TVM_NOTE_NAME, sizeof TVM_NOTE_NAME) == 0) {
			if (++*found > 1)
				return fail(err, errlen, "more than one Tessera note");
			if (hdr[1] != sizeof *info)
				return fail(err, errlen, "Tessera note has %u bytes, expected %zu",
					    hdr[1], sizeof *info);
			memcpy(info, file + desc, sizeof *info);
		}
		if (next >= end)
			break;
		pos = next;
	}
	return 0;
}

/* Check the note's addresses against the segments. */
static int check_info(const struct tvm_image *img, char *err, size_t errlen)
{
	const struct tvm_image_info *info = &img->info;
	int s;

	if (info->abi_version != TVM_ABI_VERSION)
		return fail(err, errlen, "built for tvm ABI version %u, this tvm speaks version %u",
			    info->abi_version, TVM_ABI_VERSION);
	if (info->flags & ~TVM_IMAGE_F_ANY_BLOCK)
		return fail(err, errlen, "unknown image flags 0x%x", info->flags);
	if ((info->flags & TVM_IMAGE_F_ANY_BLOCK) && info->nblock)
		return fail(err, errlen, "takes any number of block devices, yet needs %u",
			    info->nblock);
	for (unsigned i = 0; i < TVM_MAX_RING0_RANGES; i++) {
		const struct tvm_range *r = &info->ring0[i];

		if (r->start > r->end)
			return fail(err, errlen, "ring-0 range %u is inverted (0x%llx-0x%llx)", i,
				    (unsigned long long)r->start, (unsigned long long)r->end);
		if (r->start < r->end && !covered(img, r->start, r->end))
			return fail(err, errlen, "ring-0 range %u (0x%llx-0x%llx) is not inside the loaded segments",
				    i, (unsigned long long)r->start, (unsigned long long)r->end);
	}
	if (info->ring0[0].start == info->ring0[0].end)
		return fail(err, errlen, "ring-0 range 0 is empty; it must hold the trap stubs");

	s = info->entry < UINT64_MAX ? segment_holding(img, info->entry, info->entry + 1) : -1;
	if (s < 0 || !(img->seg[s].flags & PF_X))
		return fail(err, errlen, "entry point 0x%llx is not in an executable segment",
			    (unsigned long long)info->entry);
	if (in_ring0(info, info->entry))
		return fail(err, errlen, "entry point 0x%llx lies in a ring-0 range",
			    (unsigned long long)info->entry);

	s = info->stack_top > 0 ? segment_holding(img, info->stack_top - 1, info->stack_top) : -1;
	if (s < 0 || !(img->seg[s].flags & PF_W))
		return fail(err, errlen, "stack top 0x%llx is not inside a writable segment",
			    (unsigned long long)info->stack_top);
	if (in_ring0(info, info->stack_top - 1))
		return fail(err, errlen, "stack top 0x%llx lies in a ring-0 range",
			    (unsigned long long)info->stack_top);

	uint64_t stubs_end;
	const uint64_t stubs_len = TVM_NVECTORS * TVM_STUB_STRIDE;
	if (__builtin_add_overflow(info->isr_stubs, stubs_len, &stubs_end) ||
	    info->isr_stubs < info->ring0[0].start || stubs_end > info->ring0[0].end)
		return fail(err, errlen, "trap stubs 0x%llx-0x%llx are not inside ring-0 range 0",
			    (unsigned long long)info->isr_stubs, (unsigned long long)(info->isr_stubs + stubs_len));
	s = segment_holding(img, info->isr_stubs, stubs_end);
	if (s < 0 || !(img->seg[s].flags & PF_X))
		return fail(err, errlen, "trap stubs 0x%llx-0x%llx are not inside one executable segment",
			    (unsigned long long)info->isr_stubs, (unsigned long long)stubs_end);

	if ((uint64_t)info->nblock + info->nnet > TVM_MAX_DEVICES)
		return fail(err, errlen, "needs %u block and %u network devices; tvm offers at most %d",
			    info->nblock, info->nnet, TVM_MAX_DEVICES);
	return 0;
}

int tvm_elf_load(const uint8_t *file, size_t len, uint8_t *ram, uint64_t ram_size,
		 int ram_zeroed, struct tvm_image *out, char *err, size_t errlen)
{
	Elf64_Ehdr eh;
	struct source src[TVM_MAX_SEGMENTS];
	int found = 0;

	memset(out, 0, sizeof *out);
	if (check_header(file, len, &eh, err, errlen))
		return -1;

	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;

		memcpy(&ph, file + eh.e_phoff + (uint64_t)i * sizeof ph, sizeof ph);
		switch (ph.p_type) {
		case PT_LOAD:
			if (ph.p_memsz == 0)
				break; /* nothing to load, no rights to give */
			if (check_load(&ph, i, len, ram_size, out, src, err, errlen))
				return -1;
			break;
		case PT_NOTE:
			if (scan_notes(file, &ph, i, len, &out->info, &found, err, errlen))
				return -1;
			break;
		case PT_INTERP:
		case PT_DYNAMIC:
			return fail(err, errlen, "dynamically linked (segment %u); tvm runs static images only", i);
		default:
			break; /* PT_GNU_STACK and friends: nothing to do */
		}
	}
	if (out->nseg == 0)
		return fail(err, errlen, "no loadable segment");
	if (!found)
		return fail(err, errlen, "no Tessera note (name \"%s\", type 0x%x): not a tvm image",
			    TVM_NOTE_NAME, TVM_NOTE_INFO);
	if (check_info(out, err, errlen))
		return -1;

	/* All checked: copy. Bytes past p_filesz are zero (fresh RAM is). */
	for (unsigned i = 0; i < out->nseg; i++) {
		const struct tvm_segment *s = &out->seg[i];

		memcpy(ram + s->start, file + src[i].offset, src[i].filesz);
		if (!ram_zeroed)
			memset(ram + s->start + src[i].filesz, 0,
			       s->end - s->start - src[i].filesz);
	}
	return 0;
}

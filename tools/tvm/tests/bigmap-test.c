/* bigmap-test.c: the page tables tvm builds for an image far above 2 MiB give each page its segment's rights (no KVM needed).
 *
 * Usage: bigmap-test IMAGE RAM_MIB ADDR=CLASS...
 * Loads IMAGE as tvm does (elf.c) into RAM_MIB MiB, builds the machine
 * (paging.c), walks the tables from the PML4 for each hex ADDR and checks
 * the page has CLASS: none (not present), s (present, supervisor only),
 * urx (user, read-only, executable), ur (user read-only, never
 * executable), urw (user read-write, never executable). Also checks that
 * every page from 1 MiB to the image's end is identity-mapped or left out.
 * Built with gcc against elf.c, paging.c and hypercall.c (tests/groups/
 * bigimage.sh). Prints ok/FAIL per address, exits 1 on a failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tvm.h"
#include "tests/read_file.h"

#define P 0x1ull
#define RW 0x2ull
#define US 0x4ull
#define PS 0x80ull
#define NX (1ull << 63)
#define ADDR 0x000ffffffffff000ull

static uint64_t get64(const uint8_t *ram, uint64_t gpa)
{
	uint64_t v;

	memcpy(&v, ram + gpa, sizeof v);
	return v;
}

/* The rights a walk from the PML4 gives va, as the CPU combines them: P,
 * and US and RW only where every level has them, NX where any level has
 * it; *pa = the physical page. 0 when not present. */
static uint64_t walk(const uint8_t *ram, uint64_t ram_size, uint64_t va, uint64_t *pa)
{
	uint64_t table = TVM_PML4_GPA, us = US, rw = RW, nx = 0;

	for (int level = 3; level >= 0; level--) {
		if (table + 4096 > ram_size)
			return 0;
		uint64_t e = get64(ram, table + ((va >> (12 + 9 * level)) & 511) * 8);

		if (!(e & P))
			return 0;
		us &= e;
		rw &= e;
		nx |= e & NX;
		if (level == 0 || (level <= 2 && (e & PS))) {
			uint64_t span = 1ull << (12 + 9 * level);

			*pa = (e & ADDR & ~(span - 1)) | (va & (span - 1) & ~0xfffull);
			return P | us | rw | nx;
		}
		table = e & ADDR;
	}
	return 0;
}

static const char *class_of(uint64_t r)
{
	if (!r)
		return "none";
	if (!(r & US))
		return "s";
	if (r & RW)
		return (r & NX) ? "urw" : "urwx";
	return (r & NX) ? "ur" : "urx";
}

int main(int argc, char **argv)
{
	static struct tvm_machine m;
	struct tvm_image img;
	char err[256];
	size_t len = 0;
	int fails = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: bigmap-test IMAGE RAM_MIB ADDR=CLASS...\n");
		return 2;
	}
	uint64_t ram_size = strtoull(argv[2], NULL, 0) << 20;
	uint8_t *file = read_file(argv[1], &len), *ram = ram_size ? calloc(1, ram_size) : NULL;
	if (!file || !ram) {
		printf("FAIL %s: cannot read it (or RAM_MIB %s)\n", argv[1], argv[2]);
		return 1;
	}
	if (tvm_elf_load(file, len, ram, ram_size, 1, &img, err, sizeof err) ||
	    tvm_machine_build(ram, ram_size, &img, "", NULL, 0, NULL, 1000000000, err, sizeof err)) {
		printf("FAIL %s: refused: %s\n", argv[1], err);
		return 1;
	}
	m.ram = ram;
	m.ram_size = ram_size;
	m.cr3 = TVM_PML4_GPA;
	uint64_t bad = 0, pa;
	for (uint64_t a = TVM_IMAGE_BASE; a < img.end; a += TVM_PAGE)
		if (walk(ram, ram_size, a, &pa) && pa != a)
			bad++;
	if (bad) {
		printf("FAIL %llu pages of the image are not identity-mapped\n", (unsigned long long)bad);
		fails++;
	} else {
		printf("ok image 0x%llx..0x%llx identity-mapped (%llu MiB)\n",
		       (unsigned long long)TVM_IMAGE_BASE, (unsigned long long)img.end,
		       (unsigned long long)((img.end - TVM_IMAGE_BASE) >> 20));
	}
	for (int i = 3; i < argc; i++) {
		unsigned long long va;
		char want[8];

		if (sscanf(argv[i], "%llx=%7s", &va, want) != 2) {
			printf("FAIL %s: not ADDR=CLASS\n", argv[i]);
			fails++;
			continue;
		}
		const char *got = class_of(walk(ram, ram_size, va, &pa));
		/* the hypercall checks agree: user pages, and writable ones */
		int user_ok = !tvm_guest_range_ok(&m, va & ~0xfffull, TVM_PAGE, 0);
		int write_ok = !tvm_guest_range_ok(&m, va & ~0xfffull, TVM_PAGE, 1);
		int agree = user_ok == (got[0] == 'u') && write_ok == !strcmp(got, "urw");
		if (!strcmp(got, want) && agree) {
			printf("ok 0x%llx is %s\n", va, got);
		} else {
			printf("FAIL 0x%llx: %s, want %s%s\n", va, got, want,
			       agree ? "" : " (tvm_guest_range_ok disagrees)");
			fails++;
		}
	}
	free(file);
	free(ram);
	return fails ? 1 : 0;
}

/* guard-test.c: tvm leaves a real image's guard pages out of the page tables it builds (no KVM needed).
 *
 * Usage: guard-test IMAGE GUARD:ABOVE...
 * Loads IMAGE as tvm does (elf.c), builds the machine (paging.c) and, for
 * each pair of hex addresses, checks that CPL-3 code can neither read nor
 * write the page at GUARD, while it can write the page at ABOVE (the
 * stack just above it). Built with gcc against elf.c, paging.c and
 * hypercall.c (tests/run's crash group). Prints ok/FAIL per pair and
 * exits 1 on a failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tvm.h"
#include "tests/read_file.h"

#define RAM_SIZE (8u << 20)

int main(int argc, char **argv)
{
	static struct tvm_machine m;
	struct tvm_image img;
	char err[256];
	size_t len;
	int fails = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: guard-test IMAGE GUARD:ABOVE...\n");
		return 2;
	}
	uint8_t *file = read_file(argv[1], &len), *ram = calloc(1, RAM_SIZE);
	if (!file || !ram) {
		printf("FAIL %s: cannot read it\n", argv[1]);
		return 1;
	}
	if (tvm_elf_load(file, len, ram, RAM_SIZE, 1, &img, err, sizeof err) ||
	    tvm_machine_build(ram, RAM_SIZE, &img, "", NULL, 0, NULL, 1000000000, err, sizeof err)) {
		printf("FAIL %s: refused: %s\n", argv[1], err);
		return 1;
	}
	m.ram = ram;
	m.ram_size = RAM_SIZE;
	m.cr3 = TVM_PML4_GPA;
	for (int i = 2; i < argc; i++) {
		unsigned long long guard, above;

		if (sscanf(argv[i], "%llx:%llx", &guard, &above) != 2) {
			printf("FAIL %s: not GUARD:ABOVE\n", argv[i]);
			fails++;
			continue;
		}
		int hidden = tvm_guest_range_ok(&m, guard, 1, 0) && tvm_guest_range_ok(&m, guard + 4095, 1, 1);
		int usable = !tvm_guest_range_ok(&m, above, TVM_PAGE, 1);
		if (hidden && usable) {
			printf("ok guard page 0x%llx not present, 0x%llx writable\n", guard, above);
		} else {
			printf("FAIL guard page 0x%llx: %s\n", guard,
			       hidden ? "the page above it is not writable" : "accessible to CPL 3");
			fails++;
		}
	}
	free(file);
	free(ram);
	return fails ? 1 : 0;
}

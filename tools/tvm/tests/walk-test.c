/* walk-test.c: tvm_guest_walk without KVM, as the debugger (need 0) and the hypercall checks (user, write) use it, on the tables tvm builds. */
#include <stdio.h>
#include <stdlib.h>

#include "fake_image.h"

#define RAM_SIZE (2u << 20)

static int failed;

static void expect(const char *name, const struct tvm_machine *m, uint64_t va, uint64_t need,
		   uint64_t want_size)
{
	uint64_t pa = 0, size = tvm_guest_walk(m, va, need, &pa);

	if (size != want_size || (size && pa != va)) {
		printf("FAIL %s: va 0x%llx need 0x%llx: size 0x%llx pa 0x%llx, want size 0x%llx\n", name,
		       (unsigned long long)va, (unsigned long long)need, (unsigned long long)size,
		       (unsigned long long)pa, (unsigned long long)want_size);
		failed = 1;
		return;
	}
	printf("ok %s\n", name);
}

int main(void)
{
	static struct tvm_machine m;
	struct tvm_image img;
	char err[200];
	uint8_t *ram = calloc(1, RAM_SIZE);

	fake_image(&img);
	if (!ram || tvm_machine_build(ram, RAM_SIZE, &img, "", NULL, 0, NULL, 1, err, sizeof err)) {
		printf("FAIL building the machine: %s\n", ram ? err : "out of memory");
		return 1;
	}
	m.ram = ram;
	m.ram_size = RAM_SIZE;
	m.cr3 = TVM_PML4_GPA;
	const uint64_t user = TVM_PTE_US, user_w = TVM_PTE_US | TVM_PTE_RW;

	expect("debugger reads the page tables (supervisor)", &m, TVM_PML4_GPA, 0, 4096);
	expect("user code cannot", &m, TVM_PML4_GPA, user, 0);
	expect("debugger reads ring-0 text", &m, 0x100000, 0, 4096);
	expect("user code cannot read ring-0 text", &m, 0x100000, user, 0);
	expect("debugger reads text", &m, 0x101000 + 123, 0, 4096);
	expect("text is not user-writable", &m, 0x101000, user_w, 0);
	expect("data is user-writable", &m, 0x104000, user_w, 4096);
	expect("page 0 is not present, for the debugger either", &m, 0, 0, 0);
	expect("the ring-0 stack's guard page is not present", &m, TVM_R0GUARD_GPA, 0, 0);
	expect("the boot info is user RW", &m, TVM_BOOTINFO_GPA, user_w, 4096);
	expect("beyond RAM: not mapped", &m, 0x40000000, 0, 0);
	expect("a non-canonical address: not mapped", &m, 0xffff800000000000ull, 0, 0);

	m.cr3 = RAM_SIZE; /* tables outside RAM: refused, not read */
	expect("page tables outside RAM", &m, 0x104000, 0, 0);
	m.cr3 = RAM_SIZE - 8;
	expect("an empty PML4 at the end of RAM", &m, 0x7ffffffff000ull, 0, 0);
	free(ram);
	return failed;
}

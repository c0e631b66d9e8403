/* fuzz_elf.c: libFuzzer target for the image loader (elf.c) and the machine builder (paging.c).
 *
 * Any bytes: tvm_elf_load must not read or write out of bounds (ASan
 * watches RAM, allocated to its exact size) and whatever it accepts must
 * keep its promises, which are checked here independently. */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "tvm.h"

#define RAM_SIZE (2u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Copy the input so ASan sees reads past its end. */
static uint8_t *copy(const uint8_t *data, size_t size)
{
	uint8_t *p = malloc(size ? size : 1);

	if (!p)
		abort();
	memcpy(p, data, size);
	return p;
}

static void check_accepted(const struct tvm_image *img)
{
	const struct tvm_image_info *in = &img->info;
	int entry_ok = 0, stack_ok = 0;

	if (in->abi_version != TVM_ABI_VERSION || in->flags != 0 || img->nseg == 0)
		abort();
	for (unsigned i = 0; i < img->nseg; i++) {
		const struct tvm_segment *s = &img->seg[i];

		if (s->start < TVM_IMAGE_BASE || s->end > RAM_SIZE || s->start >= s->end)
			abort();
		if ((s->flags & (PF_W | PF_X)) == (PF_W | PF_X))
			abort();
		for (unsigned j = 0; j < i; j++)
			if ((s->start >> 12) <= ((img->seg[j].end - 1) >> 12) &&
			    (img->seg[j].start >> 12) <= ((s->end - 1) >> 12))
				abort(); /* two segments share a page */
		if ((s->flags & PF_X) && s->start <= in->entry && in->entry < s->end)
			entry_ok = 1;
		if ((s->flags & PF_W) && s->start < in->stack_top && in->stack_top <= s->end)
			stack_ok = 1;
	}
	if (!entry_ok || !stack_ok)
		abort();
	if (in->isr_stubs < in->ring0[0].start ||
	    in->isr_stubs + TVM_NVECTORS * TVM_STUB_STRIDE > in->ring0[0].end)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *ram;
	struct tvm_image img;
	char err[256];

	if (!ram && !(ram = malloc(RAM_SIZE)))
		abort();
	uint8_t *file = copy(data, size);
	int rc = tvm_elf_load(file, size, ram, RAM_SIZE, 0, &img, err, sizeof err);
	if (rc == 0) {
		check_accepted(&img);
		if (tvm_machine_build(ram, RAM_SIZE, &img, "fuzz", NULL, 0, NULL, 1000000000, err,
				      sizeof err) == 0) {
			/* page 0 must stay unmapped: PT for region 0 is the first pool page */
			uint64_t pte0;
			memcpy(&pte0, ram + TVM_PT_POOL_GPA, 8);
			if (pte0 != 0)
				abort();
		}
	} else if (!memchr(err, 0, sizeof err) || err[0] == 0) {
		abort(); /* every failure has a message */
	}
	free(file);
	return 0;
}

/* fake_image.h: the small Tessera-shaped image that tvm's host-side tests and the hypercall fuzzer build machines for (no ELF file needed). */
#ifndef TVM_TESTS_FAKE_IMAGE_H
#define TVM_TESTS_FAKE_IMAGE_H

#include <elf.h>
#include <string.h>

#include "tvm.h"

/* Ring-0 text, text, rodata, data, as the linker script lays them out. */
static const struct tvm_segment fake_segs[] = {
	{0x100000, 0x101000, PF_R | PF_X},
	{0x101000, 0x103000, PF_R | PF_X},
	{0x103000, 0x104000, PF_R},
	{0x104000, 0x110000, PF_R | PF_W},
};

/* Fill *img as tvm_elf_load would for that image. */
static inline void fake_image(struct tvm_image *img)
{
	memset(img, 0, sizeof *img);
	img->nseg = sizeof fake_segs / sizeof fake_segs[0];
	memcpy(img->seg, fake_segs, sizeof fake_segs);
	img->end = fake_segs[img->nseg - 1].end;
	img->info = (struct tvm_image_info){
		.abi_version = TVM_ABI_VERSION, .entry = 0x101000, .stack_top = 0x110000,
		.isr_stubs = 0x100000, .ring0 = {{0x100000, 0x101000}},
	};
}

#endif

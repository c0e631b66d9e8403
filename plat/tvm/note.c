/* note.c: the ELF note that tells tvm how to start this image (tvm_abi.h). */
#include <stdint.h>
#include <ts/arch/layout.h>
#include <ts/tvm_abi.h>

/* With lib/blk's driver (blk.c) the image registers whatever block
 * devices tvm gives it; otherwise it states how many it needs. */
#if CONFIG_PLAT_TVM_BLK
#define NOTE_FLAGS TVM_IMAGE_F_ANY_BLOCK
#define NOTE_NBLOCK 0
#else
#define NOTE_FLAGS 0
#define NOTE_NBLOCK CONFIG_PLAT_TVM_BLOCK_DEVICES
#endif

/* Packed: in a note the descriptor follows the 8-byte name at offset 20,
 * where the struct's own 8-byte alignment would have put padding. */
static const struct __attribute__((packed)) {
	uint32_t namesz, descsz, type;
	char name[8];
	struct tvm_image_info info;
} tvm_note __attribute__((used, aligned(4), section(".note.tessera"))) = {
	.namesz = sizeof(TVM_NOTE_NAME),
	.descsz = sizeof(struct tvm_image_info),
	.type = TVM_NOTE_INFO,
	.name = TVM_NOTE_NAME,
	.info = {
		.abi_version = TVM_ABI_VERSION,
		.flags = NOTE_FLAGS,
		.entry = (uintptr_t)ts_arch_start,
		.stack_top = (uintptr_t)__ts_boot_stack_top,
		.isr_stubs = (uintptr_t)ts_isr_stubs,
		.ring0 = {
			{ (uintptr_t)__ts_image_start, (uintptr_t)__ts_r0text_limit },
			{ (uintptr_t)__ts_rodata_end, (uintptr_t)__ts_r0data_limit },
			{ (uintptr_t)__ts_bss_end_page, (uintptr_t)__ts_r0bss_limit },
		},
		.nblock = NOTE_NBLOCK,
		.nnet = CONFIG_PLAT_TVM_NET_DEVICES,
	},
};

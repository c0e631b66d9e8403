/* note.c: the ELF note that tells tvm how to start this image (tvm_abi.h). */
#include <stdint.h>
#include <ts/arch/layout.h>
#include <ts/tvm_abi.h>

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
		.entry = (uintptr_t)ts_arch_start,
		.stack_top = (uintptr_t)__ts_boot_stack_top,
		.isr_stubs = (uintptr_t)ts_isr_stubs,
		.ring0 = {
			{ (uintptr_t)__ts_image_start, (uintptr_t)__ts_r0text_limit },
			{ (uintptr_t)__ts_rodata_end, (uintptr_t)__ts_r0data_limit },
			{ (uintptr_t)__ts_bss_end_page, (uintptr_t)__ts_r0bss_limit },
		},
		.nblock = CONFIG_PLAT_TVM_BLOCK_DEVICES,
		.nnet = CONFIG_PLAT_TVM_NET_DEVICES,
	},
};

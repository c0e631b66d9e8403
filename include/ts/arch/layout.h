/* Image layout: the address symbols the linker script (support/build/image.ld) and the assembly define. */
#ifndef TS_ARCH_LAYOUT_H
#define TS_ARCH_LAYOUT_H

/*
 * Only their addresses mean anything: use them as (uintptr_t)__ts_x or
 * compare pointers with them; never read or write through them, except
 * the symbol table, which is data. The image's regions and their rights
 * are in docs/architecture.md ("Memory layout and W^X").
 */

/* The first byte of the image and the first byte after all of it (RAM
 * beyond is free: heap, initrd copies). */
extern char __ts_image_start[], __ts_image_end[];

/* Exact ends of the ring-0 parts (the tvm note's supervisor-only ranges):
 * [__ts_image_start, __ts_r0text_limit) ring-0 text,
 * [__ts_rodata_end, __ts_r0data_limit) ring-0 data (tables, TSS),
 * [__ts_bss_end_page, __ts_r0bss_limit) ring-0 stacks and page tables. */
extern char __ts_r0text_limit[], __ts_rodata_end[], __ts_r0data_limit[];
extern char __ts_bss_end_page[], __ts_r0bss_limit[];

/* Ends of the other regions with their own rights (page-aligned):
 * text, ring-0 data, user data (.data, .bss and the two stacks), and the
 * guard page below the crash stack. */
extern char __ts_r0text_end[], __ts_text_end[], __ts_r0data_end[], __ts_user_end[];
extern char __ts_r0bss_end[], __ts_crash_stack_guard[];

/* The page-table pool of an image ending above 2 MiB (empty otherwise):
 * [__ts_bigpt_start, __ts_bigpt_end), after the symbol table; ring 0
 * fills it at boot (ring0/bigmap.c). */
extern char __ts_bigpt_start[], __ts_bigpt_end[];

/* The boot stack (its top is the entry stack pointer) and the not-present
 * guard pages below it and below the ring-0 and IST trap stacks. */
extern char __ts_boot_stack_top[];
extern char __ts_boot_stack_guard[], __ts_r0stack_guard[], __ts_iststack_guard[];

/* The embedded symbol table (support/build/gen-symtab.sh; empty in pass-1
 * links and when crash symbols are off). */
extern const char __ts_symtab_start[], __ts_symtab_end[];

/* The CPL-3 entry point (start.S) and the 64 16-byte trap stubs (ring0/traps.S). */
extern char ts_arch_start[], ts_isr_stubs[];

#endif

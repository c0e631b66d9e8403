/* tls.c: a PT_TLS program header for the image's thread-local storage, which the image itself does not load. */
#include <stdint.h>
#include "tls.h"

/* support/build/image.ld: the template's bounds and alignment. */
extern char __ts_tdata_start[], __ts_tdata_end[], __ts_tbss_end[], __ts_tls_align[];

const Elf64_Phdr *ts_musl_tls_phdr(void)
{
	static Elf64_Phdr ph;
	ph.p_type = PT_TLS;
	ph.p_flags = PF_R;
	ph.p_vaddr = (uintptr_t)__ts_tdata_start;
	ph.p_paddr = ph.p_vaddr;
	ph.p_filesz = (uintptr_t)__ts_tdata_end - (uintptr_t)__ts_tdata_start;
	ph.p_memsz = (uintptr_t)__ts_tbss_end - (uintptr_t)__ts_tdata_start;
	/* The linker's own alignment, not more: musl pads the block so that
	 * the image's address modulo p_align is kept, and the linker placed
	 * the variables at %fs offsets for exactly this alignment (8 put a
	 * 4-aligned 4-byte block 4 bytes away from where the code reads it).
	 * musl raises its own minimum after that. */
	ph.p_align = (uintptr_t)__ts_tls_align ? (uintptr_t)__ts_tls_align : 1;
	return &ph;
}

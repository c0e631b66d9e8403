/* tls.h: the program header musl's __init_tls reads to find the image's thread-local storage template. */
#ifndef TS_MUSL_TLS_H
#define TS_MUSL_TLS_H

#include <elf.h>

/* A PT_TLS header describing .tdata/.tbss (support/build/image.ld), built
 * on first call: what a Linux kernel's AT_PHDR would point at. */
const Elf64_Phdr *ts_musl_tls_phdr(void);

#endif

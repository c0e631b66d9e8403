/* tvm.h: plat/tvm internals shared between its files. */
#ifndef PLAT_TVM_TVM_H
#define PLAT_TVM_TVM_H

#include <ts/tvm_abi.h>

/* The boot information tvm handed over (valid after ts_plat_entry). */
extern const struct tvm_bootinfo *ts_tvm_bootinfo;
extern uint64_t ts_tvm_boot_tsc;

/* Issue the hypercall described by hc (GPA == VA on tvm); returns hc->ret. */
long ts_tvm_hypercall(struct tvm_hc *hc);

#endif

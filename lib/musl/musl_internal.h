/* musl_internal.h: the entry points inside musl's libc.a that Tessera calls (musl declares them hidden in its own internal headers). */
#ifndef TS_MUSL_INTERNAL_H
#define TS_MUSL_INTERNAL_H

/* musl's start-up (src/env/__libc_start_main.c): the environment and the
 * auxiliary vector that follows it, the thread pointer and TLS of the
 * first thread. */
void __init_libc(char **envp, char *pn);

/* Runs _init and the .init_array constructors. */
void __libc_start_init(void);

#endif

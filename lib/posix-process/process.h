/* process.h: what the files of lib/posix-process share. */
#ifndef POSIX_PROCESS_H
#define POSIX_PROCESS_H

#include <stddef.h>

/* The instance is one process, and it is pid 1. */
#define PROC_PID 1

/* The program's name for log lines: the app's name (TS_APP_NAME, given
 * by the build), as argv[0] holds it. */
#define PROC_APP_NAME TS_APP_NAME

/*
 * The process's name (prctl PR_SET_NAME/PR_GET_NAME, Linux's "comm"):
 * up to 15 bytes and a NUL, the app's name at boot. prctl.c keeps it.
 * proc_name_get copies it into buf (16 bytes).
 */
#define PROC_NAME_LEN 16
void proc_name_get(char buf[PROC_NAME_LEN]);

/* Heap figures for sysinfo and getrusage (usage.c): bytes in all and
 * bytes free; both 0 when there is no heap. */
void proc_heap(size_t *total, size_t *free_bytes);

#endif

/* process.h: what the files of lib/posix-process share. */
#ifndef POSIX_PROCESS_H
#define POSIX_PROCESS_H

/* The instance is one process, and it is pid 1. */
#define PROC_PID 1

/* The program's name for log lines and the initial prctl name: the app's
 * name (TS_APP_NAME, given by the build, see Makefile.uk), which is also
 * its argv[0]. */
#define PROC_APP_NAME TS_APP_NAME

#endif

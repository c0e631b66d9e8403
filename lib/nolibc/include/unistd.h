/* unistd.h: the few POSIX calls nolibc offers. */
#ifndef _NOLIBC_UNISTD_H
#define _NOLIBC_UNISTD_H

#include <sys/types.h>

typedef unsigned int useconds_t;

/*
 * Suspend execution for at least usec microseconds / seconds. Without a
 * scheduler the whole VM waits (see ts_plat_wait_until). usleep returns 0;
 * sleep returns 0 (it is never interrupted).
 */
int usleep(useconds_t usec);
unsigned int sleep(unsigned int seconds);

#endif

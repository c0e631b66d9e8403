/* Host-test stand-in for <ts/errno.h>: the host's numbers are Linux's. */
#ifndef TS_ERRNO_H
#define TS_ERRNO_H
#include <errno.h>
#endif

/* errno.c: the errno variable (a plain global until threads exist). */
#include <errno.h>

int errno;

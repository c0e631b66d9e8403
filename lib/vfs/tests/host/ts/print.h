/* Host-test stand-in for <ts/print.h>: TS_ASSERT always checks. */
#ifndef TS_PRINT_H
#define TS_PRINT_H

#include <stdio.h>
#include <stdlib.h>

#define TS_ASSERT(cond)                                                               \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, \
				#cond);                                               \
			abort();                                                      \
		}                                                                     \
	} while (0)

#endif

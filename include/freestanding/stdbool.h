/* <stdbool.h>: bool, true and false (C99). */
#ifndef TS_FREESTANDING_STDBOOL_H
#define TS_FREESTANDING_STDBOOL_H

#define bool _Bool
#define true 1
#define false 0
#define __bool_true_false_are_defined 1

#endif

/* Host-test shim: the real <ts/allocbuddy.h> by relative path. */
#include "../../../include/ts/allocbuddy.h"

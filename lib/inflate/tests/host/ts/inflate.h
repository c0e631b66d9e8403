/* Host-test shim: the library's public header. */
#include "../../../include/ts/inflate.h"

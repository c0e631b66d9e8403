/* Host-test shim: the real platform memory contract; the test provides ts_plat_memregion_get. */
#include "../../../../../../include/ts/plat/memory.h"

/* main.c: the same program as bench/apps/threadbench, built with schedpreempt. */
#include "../threadbench/main.c"

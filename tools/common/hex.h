/* hex.h - one hexadecimal digit's value, for the parsers of tess and tvm (HTTP chunk sizes, JSON \u escapes, gdb packets, the guest's crash line). */
#ifndef TOOLS_COMMON_HEX_H
#define TOOLS_COMMON_HEX_H

/* The value of hex digit c (either case), or -1 when c is none. */
static inline int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif

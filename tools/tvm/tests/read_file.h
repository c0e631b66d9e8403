/* read_file.h: a whole file into memory, for tvm's host-side tests of images. */
#ifndef TVM_TESTS_READ_FILE_H
#define TVM_TESTS_READ_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The bytes of path (with room for a NUL after them) and their count in
 * *len, or NULL when it cannot be read. */
static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		return NULL;
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		return NULL;
	fclose(f);
	*len = (size_t)n;
	return buf;
}

#endif

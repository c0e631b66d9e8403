/* fuzz_initrd.c: libFuzzer target of what boot does with an initrd: gunzip when gzipped, then read every cpio entry. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ts/cpio.h>
#include <ts/inflate.h>

#define MAX_OUT (4u << 20) /* bigger ISIZEs are refused as boot refuses what does not fit */

/* Touch every entry's name and data, so a bad pointer or size shows. */
static void read_all(const uint8_t *buf, size_t n)
{
	struct ts_cpio c;
	struct ts_cpio_entry e;
	volatile uint32_t sink = 0;

	ts_cpio_init(&c, buf, n);
	while (ts_cpio_next(&c, &e) > 0) {
		sink += (uint32_t)strlen(e.name);
		for (size_t i = 0; i < e.size; i++)
			sink += ((const uint8_t *)e.data)[i];
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ts_inflate_error err;
	size_t out_size, used, len;
	uint8_t *out;

	if (ts_gzip_is(data, size)) {
		if (ts_gzip_size(data, size, &out_size) < 0 || out_size > MAX_OUT)
			return 0;
		out = malloc(out_size ? out_size : 1);
		if (ts_gunzip(data, size, out, out_size, &err) == 0)
			read_all(out, out_size);
		free(out);
		return 0;
	}
	/* The same bytes as a raw DEFLATE stream, into a small buffer. */
	out = malloc(65536);
	ts_inflate(data, size, out, 65536, &used, &len, &err);
	free(out);
	read_all(data, size);
	return 0;
}

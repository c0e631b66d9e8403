/* crc32.c: CRC-32 (RFC 1952 section 8), a byte at a time from a table built on first use. */
#include <ts/inflate.h>

static uint32_t table[256];
static int have_table;

static void build_table(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ c >> 1 : c >> 1;
		table[i] = c;
	}
	have_table = 1;
}

uint32_t ts_crc32(uint32_t crc, const void *buf, size_t n)
{
	const unsigned char *p = buf;

	if (!have_table)
		build_table();
	crc = ~crc;
	while (n--)
		crc = table[(crc ^ *p++) & 0xff] ^ crc >> 8;
	return ~crc;
}

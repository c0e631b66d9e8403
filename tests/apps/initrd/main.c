/* main.c: print the initrd's POSIX cksum CRC and size, as `cksum` does. */
#include <stdint.h>
#include <stdio.h>
#include <ts/plat/initrd.h>

/* One byte into the CRC-32 of POSIX cksum (polynomial 0x04c11db7, MSB first). */
static uint32_t crc_byte(uint32_t crc, uint8_t b)
{
	crc ^= (uint32_t)b << 24;
	for (int i = 0; i < 8; i++)
		crc = crc & 0x80000000u ? crc << 1 ^ 0x04c11db7u : crc << 1;
	return crc;
}

/* cksum: the data, then its length in as few bytes as it takes, low first. */
static uint32_t cksum(const uint8_t *p, size_t n)
{
	uint32_t crc = 0;
	for (size_t i = 0; i < n; i++)
		crc = crc_byte(crc, p[i]);
	for (size_t len = n; len; len >>= 8)
		crc = crc_byte(crc, (uint8_t)len);
	return ~crc;
}

int main(void)
{
	struct ts_initrd rd;
	if (ts_plat_initrd(&rd) < 0) {
		puts("initrd: none");
		return 3;
	}
	printf("initrd: %lu %lu at %p\n", (unsigned long)cksum(rd.data, rd.size),
	       (unsigned long)rd.size, rd.data);
	return 0;
}

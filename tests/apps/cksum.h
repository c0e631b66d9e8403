/* cksum.h: POSIX cksum of a file through lib/vfs, for test apps whose listings tests compare with the host's `cksum`. */
#ifndef TESTS_APPS_CKSUM_H
#define TESTS_APPS_CKSUM_H

#include <stdint.h>
#include <ts/vfs.h>

static uint32_t crc_byte(uint32_t crc, uint8_t b)
{
	crc ^= (uint32_t)b << 24;
	for (int i = 0; i < 8; i++)
		crc = crc & 0x80000000u ? crc << 1 ^ 0x04c11db7u : crc << 1;
	return crc;
}

/* POSIX cksum's CRC of the file at path (its data, then its length's
 * bytes); 0 when it cannot be opened. */
static uint32_t cksum_file(const char *path)
{
	static uint8_t buf[4096];
	uint32_t crc = 0;
	uint64_t len = 0;
	ssize_t n;
	int fd = ts_vfs_openat(TS_AT_FDCWD, path, TS_O_RDONLY, 0);

	if (fd < 0)
		return 0;
	while ((n = ts_vfs_read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			crc = crc_byte(crc, buf[i]);
		len += (uint64_t)n;
	}
	ts_vfs_close(fd);
	for (; len; len >>= 8)
		crc = crc_byte(crc, (uint8_t)len);
	return ~crc;
}

#endif

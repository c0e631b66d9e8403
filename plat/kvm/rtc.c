/* rtc.c: wall-clock time from the CMOS RTC (MC146818, ports 0x70/0x71). */
#include <ts/errno.h>
#include <ts/arch/cpu.h>
#include <ts/plat/time.h>

static uint8_t cmos(uint8_t reg)
{
	ts_arch_outb(0x70, reg);
	return ts_arch_inb(0x71);
}

static unsigned int bcd(uint8_t v, int binary)
{
	return binary ? v : (v >> 4) * 10u + (v & 15);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; y >= 1970). */
static int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	y -= m <= 2;
	int64_t era = y / 400;
	unsigned int yoe = (unsigned int)(y - era * 400);
	unsigned int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* Read a consistent time: wait out an update in progress, read twice. */
static int64_t rtc_seconds(void)
{
	uint8_t r[6], again[6];
	/* An update takes under 2 ms; a register stuck at 0xff means there is
	 * no RTC at all (e.g. -M microvm,rtc=off): give up rather than hang. */
	if (cmos(0x0a) == 0xff && cmos(0x0b) == 0xff)
		return -ENODEV;
	for (int tries = 0; tries < 100; tries++) {
		uint64_t until = ts_plat_monotonic_ns() + 10000000;
		while ((cmos(0x0a) & 0x80) && ts_plat_monotonic_ns() < until)
			ts_arch_pause();
		static const uint8_t regs[6] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09 };
		for (int i = 0; i < 6; i++)
			r[i] = cmos(regs[i]);
		for (int i = 0; i < 6; i++)
			again[i] = cmos(regs[i]);
		int same = 1;
		for (int i = 0; i < 6; i++)
			same &= r[i] == again[i];
		if (!same)
			continue;
		uint8_t b = cmos(0x0b);
		int binary = b & 0x04, h24 = b & 0x02;
		unsigned int hour = bcd(r[2] & 0x7f, binary);
		if (!h24 && (r[2] & 0x80))
			hour = hour % 12 + 12;
		unsigned int year = 2000 + bcd(r[5], binary);
		int64_t days = days_from_civil(year, bcd(r[4], binary), bcd(r[3], binary));
		return days * 86400 + hour * 3600 + bcd(r[1], binary) * 60 + bcd(r[0], binary);
	}
	return -EIO;
}

int64_t ts_plat_wallclock_ns(void)
{
	static int64_t base_ns;
	static uint64_t base_mono;
	if (!base_ns) {
		int64_t s = rtc_seconds();
		if (s < 0)
			return s;
		base_ns = s * 1000000000;
		base_mono = ts_plat_monotonic_ns();
	}
	return base_ns + (int64_t)(ts_plat_monotonic_ns() - base_mono);
}

/* ring0.c: Tessera only — the PROTECT privcall's checks at the trust boundary, called straight, and its trap count.
 * Built with the app for Tessera (every *.c of the folder); the host build
 * compiles main.c alone, where ring0_checks is a weak NULL. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ts/arch/layout.h>
#include <ts/arch/privcall.h>

void ring0_checks(void);

static long protect(uintptr_t page, unsigned int prot, unsigned long n)
{
	return ts_arch_privcall2(TS_PRIVCALL_PROTECT, page | prot, n);
}

static const char *name(long r)
{
	return r == 0 ? "ok" : r == -22 ? "EINVAL" : r == -13 ? "EACCES" : r == -12 ? "ENOMEM" : "other";
}

void ring0_checks(void)
{
	static char data_page[4096] __attribute__((aligned(4096)));
	uintptr_t text = (uintptr_t)&ring0_checks & ~0xffful;
	printf("ring0: image text page -> %s\n", name(protect(text, 3, 1)));
	printf("ring0: image data page -> %s\n", name(protect((uintptr_t)data_page, 1, 1)));
	printf("ring0: page-table pages (ring-0 bss) -> %s\n",
	       name(protect((uintptr_t)__ts_r0bss_end - 4096, 3, 1)));
	/* Low memory is free RAM the heap uses: its rights may change (here:
	 * to what they are), but a range may not reach into the image. */
	printf("ring0: low memory page below the image, read-write -> %s\n", name(protect(0x8000, 3, 1)));
	printf("ring0: a range from low memory into the image -> %s\n",
	       name(protect((uintptr_t)__ts_image_start - 4096, 3, 2)));
	printf("ring0: page 0 -> %s\n", name(protect(0, 0, 1)));
	printf("ring0: the virtio-mmio device pages -> %s\n", name(protect(0xfeb00000, 1, 1)));
	printf("ring0: far above RAM -> %s\n", name(protect(1ul << 38, 1, 1)));
	printf("ring0: above the 512 GiB limit -> %s\n", name(protect(1ul << 40, 1, 1)));

	unsigned char *p = mmap(NULL, 64 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uintptr_t a = (uintptr_t)p;
	printf("ring0: heap page, read-only -> %s\n", name(protect(a, 1, 1)));
	printf("ring0: write + exec -> %s\n", name(protect(a, 6, 1)));
	printf("ring0: write + exec + read -> %s\n", name(protect(a, 7, 1)));
	printf("ring0: prot bit 3 -> %s\n", name(protect(a, 8, 1)));
	printf("ring0: 0 pages -> %s\n", name(protect(a, 1, 0)));
	printf("ring0: 2^27 + 1 pages -> %s\n", name(protect(a, 1, (1ul << 27) + 1)));
	printf("ring0: range wrapping around -> %s\n", name(protect(a, 1, 1ul << 27)));
	printf("ring0: back to read-write -> %s\n", name(protect(a, 3, 1)));
	p[0] = 1;
	/* Refused pages at the end: nothing changes, the first stays writable. */
	printf("ring0: mixed range -> %s, first page still writable\n",
	       name(protect(a + 63 * 4096, 1, 1ul << 26)));
	p[63 * 4096] = 2;

	uint64_t before = ts_ring0_entries;
	mprotect(p, 64 * 4096, PROT_READ);
	mprotect(p, 64 * 4096, PROT_READ | PROT_EXEC);
	mprotect(p, 64 * 4096, PROT_READ | PROT_WRITE);
	printf("ring0: three mprotect calls of 64 pages -> %lu traps\n", (unsigned long)(ts_ring0_entries - before));
	before = ts_ring0_entries;
	void *q = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(q, 1 << 20);
	printf("ring0: mmap + munmap read-write, 1 MiB -> %lu traps\n", (unsigned long)(ts_ring0_entries - before));
	munmap(p, 64 * 4096);

	/* The pool of tables for 2 MiB pages split by rights: used up (ENOMEM,
	 * nothing changed), then back once the mappings go. Each mapping is a
	 * little over 2 MiB, so their first pages lie in different regions. */
	int oks[2], enomems[2];
	for (int round = 0; round < 2; round++) {
		static unsigned char *m[24];
		int ok = 0, enomem = 0;
		for (int i = 0; i < 24; i++) {
			m[i] = mmap(NULL, (2 << 20) + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (m[i] == MAP_FAILED)
				continue;
			if (mprotect(m[i], 4096, PROT_READ) == 0)
				ok++;
			else
				enomem += errno == ENOMEM;
			m[i][8192] = 1; /* the rest stays writable */
		}
		oks[round] = ok, enomems[round] = enomem;
		printf("info: pool, round %d: %d of 24 partial mprotects ok, %d ENOMEM\n", round + 1, ok, enomem);
		for (int i = 0; i < 24; i++)
			if (m[i] != MAP_FAILED)
				munmap(m[i], (2 << 20) + 4096);
	}
	/* Other libraries may hold a table or two (thread stacks' guards). */
	printf("ring0: pool used up (the rest ENOMEM), then the same again after munmap: %d\n",
	       oks[0] >= 8 && enomems[0] > 0 && oks[0] + enomems[0] == 24 && oks[1] == oks[0] &&
		       enomems[1] == enomems[0]);
}

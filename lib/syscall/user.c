/* user.c: the one check of the program's pointers (EFAULT instead of a fault inside the kernel's libraries). */
#include <errno.h>
#include <ts/arch/layout.h>
#include <ts/boot.h>
#include <ts/hooks.h>
#include <ts/plat/memory.h>
#include <ts/syscall.h>

#define PAGE 4096ul

/* The end of RAM, found once: the highest free region's end. */
static uintptr_t ram_top(void)
{
	static uintptr_t top;
	if (!top) {
		struct ts_memregion r;
		uintptr_t t = (uintptr_t)__ts_image_end;
		for (unsigned int i = 0; ts_plat_memregion_get(i, &r) == 0; i++)
			if (r.base + r.len > t)
				t = r.base + r.len;
		top = t;
	}
	return top;
}

static int inside(uintptr_t a, uintptr_t end, const void *lo, const void *hi)
{
	return a >= (uintptr_t)lo && end <= (uintptr_t)hi;
}

/* Below the image only the heap's low RAM and the command line (argv and
 * the environment point there) are the program's: the loader's other
 * pages may be supervisor-only (tvm's page tables), and small wild
 * pointers (a null pointer plus an offset) must not reach the heap. */
static int low_ok(uintptr_t a, uintptr_t end)
{
	struct ts_memregion r;
	uintptr_t cs, ce;

	ts_boot_cmdline_span(&cs, &ce);
	if (a >= cs && end <= ce)
		return 1;
	for (unsigned int i = 0; ts_plat_memregion_get(i, &r) == 0; i++)
		if (a >= r.base && end <= r.base + r.len)
			return 1;
	return 0;
}

static int hits_page(uintptr_t a, uintptr_t end, const void *page)
{
	return a < (uintptr_t)page + PAGE && end > (uintptr_t)page;
}

/* The program's memory by its place: the image's parts and the heap's RAM. */
static int program_memory(uintptr_t a, uintptr_t end, int write)
{
	if (end <= (uintptr_t)__ts_image_start)
		return low_ok(a, end);
	if (!write && inside(a, end, __ts_r0text_end, __ts_rodata_end)) /* text, rodata */
		return 1;
	if (inside(a, end, __ts_r0data_end, __ts_user_end)) /* data, bss, boot stacks */
		return !hits_page(a, end, __ts_boot_stack_guard) && !hits_page(a, end, __ts_crash_stack_guard);
	return a >= (uintptr_t)__ts_image_end && end <= ram_top();
}

int ts_user_ok(const void *p, size_t len, int write)
{
	uintptr_t a = (uintptr_t)p, end = a + len;
	if (!len)
		return 1;
	if (end < a || a < PAGE || !program_memory(a, end, write))
		return 0;
	/* then the rights of lib/posix-memory's mappings (PROT_NONE, read-only) */
	return !ts_mem_access_ok_hook || ts_mem_access_ok_hook(a, end, write);
}

long ts_user_strlen(const char *s, size_t max)
{
	for (size_t i = 0; i <= max; i++) {
		/* page by page: one check per page crossed */
		if ((i == 0 || ((uintptr_t)(s + i) & (PAGE - 1)) == 0) && !ts_user_ok(s + i, 1, 0))
			return -EFAULT;
		if (!s[i])
			return (long)i;
	}
	return -ENAMETOOLONG;
}

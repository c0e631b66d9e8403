/*
 * stubs.c: host stand-ins for what nolibc uses from the rest of Tessera:
 * the console (captured into a buffer), the halt path (it records the
 * status and jumps back into the test), a fini table of two entries and
 * the default allocator (backed by the host's malloc, with a switch to
 * fail).
 */
#include <ts/alloc.h>
#include <ts/initcall.h>
#include <ts/plat/console.h>
#include <ts/plat/lifecycle.h>
#include "check.h"
#include "stubs.h"

char stub_console[1 << 16];
size_t stub_console_len;
int stub_console_writes;

int stub_console_fail; /* when set: the console refuses, as tvm's does on /dev/full */

long ts_plat_console_write(const char *buf, size_t len)
{
	size_t i;

	if (stub_console_fail)
		return -28; /* ENOSPC */

	stub_console_writes++;
	for (i = 0; i < len && stub_console_len < sizeof stub_console - 1; i++)
		stub_console[stub_console_len++] = buf[i];
	stub_console[stub_console_len] = '\0';
	return (long)len;
}

void stub_console_reset(void)
{
	stub_console_len = 0;
	stub_console_writes = 0;
	stub_console[0] = '\0';
}

ref_jmp_buf *stub_jump;
int stub_halt_status = -1;

_Noreturn void ts_plat_halt(int status)
{
	stub_halt_status = status;
	if (!stub_jump)
		ref_abort();
	ref_longjmp(*stub_jump, 1);
}

/* The fini table, bracketed by __ts_fini_start/end as image.ld brackets
 * the real one: each entry records when it ran. */
int stub_fini_order[8], stub_fini_ran;
size_t stub_console_len_at_fini;

static int fini_lower(void)
{
	if (stub_fini_ran < 8)
		stub_fini_order[stub_fini_ran++] = 1;
	return 0;
}

static int fini_upper(void)
{
	stub_console_len_at_fini = stub_console_len;
	if (stub_fini_ran < 8)
		stub_fini_order[stub_fini_ran++] = 2;
	return 0;
}

const struct ts_initcall stub_fini[2] = { { fini_lower, "lower" }, { fini_upper, "upper" } };
__asm__(".globl __ts_fini_start\n.set __ts_fini_start, stub_fini\n"
	".globl __ts_fini_end\n.set __ts_fini_end, stub_fini + 2 * 16\n");

/* The fake heap: the host's allocator, unless told to fail. */
int stub_heap_present = 1, stub_heap_fail;
size_t stub_heap_last_align;

/* New memory is never zero, so a calloc that does not clear it fails. */
static void *fake_malloc(struct ts_alloc *a, size_t size)
{
	unsigned char *p;

	(void)a;
	p = stub_heap_fail ? NULL : ref_malloc(size);
	for (size_t i = 0; p && i < size; i++)
		p[i] = 0xa5;
	return p;
}

static void *fake_memalign(struct ts_alloc *a, size_t align, size_t size)
{
	(void)a;
	stub_heap_last_align = align;
	if (stub_heap_fail)
		return NULL;
	if (align < 16)
		align = 16;
	/* aligned_alloc wants a multiple of align */
	return ref_aligned_alloc(align, (size + align - 1) / align * align);
}

static void *fake_realloc(struct ts_alloc *a, void *p, size_t size)
{
	(void)a;
	return stub_heap_fail ? NULL : ref_realloc(p, size);
}

static void fake_free(struct ts_alloc *a, void *p)
{
	(void)a;
	ref_free(p);
}

static struct ts_alloc fake_heap = {
	.malloc = fake_malloc,
	.calloc = NULL, /* the ts_calloc wrapper falls back to malloc + memset */
	.memalign = fake_memalign,
	.realloc = fake_realloc,
	.free = fake_free,
};

struct ts_alloc *ts_alloc_default(void)
{
	return stub_heap_present ? &fake_heap : NULL;
}

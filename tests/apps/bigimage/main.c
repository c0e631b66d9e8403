/* main.c: an image of about 46 MiB — checks its code, data and BSS above 2 MiB are there with the right rights.
 *
 * No argument: run the 2 MiB function, verify the 3 MiB initialised array
 * word by word, check the 40 MiB BSS is zero, fill and read it back, and
 * print checksums (tests/groups/bigimage.sh knows the expected ones).
 * With an argument, do one forbidden thing, which must crash the guest:
 *   code-write  write into the big function (user code, read-only)
 *   guard       read the guard page below the boot stack
 *   pagetable   read the boot page-table pool (supervisor only)
 *   ring0data   read the ring-0 data: GDT, TSS, IDT (supervisor only)
 *   data-exec   call into the BSS (data, never executable) */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ts/arch/layout.h>

#define DATA_WORDS (3u << 18) /* 3 MiB of uint32_t */
#define BSS_BYTES (40u << 20)

static uint8_t bss[BSS_BYTES] __attribute__((aligned(4096)));

/* 2 MiB of no-ops, then return the argument plus one: the code that lies
 * above 2 MiB. The data: word i is i * 2654435761 (mod 2^32), laid out by
 * the assembler so the compiler does not have to hold 3 MiB of constants. */
__asm__(".section .text.bigimage_code, \"ax\", @progbits\n"
	".globl bigimage_code\n"
	".type bigimage_code, @function\n"
	"bigimage_code:\n"
	"	.fill 0x200000, 1, 0x90\n"
	"	lea 1(%rdi), %rax\n"
	"	ret\n"
	".size bigimage_code, . - bigimage_code\n"
	".section .data.bigimage_data, \"aw\", @progbits\n"
	".globl bigimage_data\n"
	".balign 4096\n"
	"bigimage_data:\n"
	"	.set i, 0\n"
	"	.rept 0xc0000\n"
	"	.long (i * 2654435761) & 0xffffffff\n"
	"	.set i, i + 1\n"
	"	.endr\n"
	".text\n");

long bigimage_code(long x);
extern uint32_t bigimage_data[DATA_WORDS];

static int forbidden(const char *what)
{
	volatile uint8_t *p;
	if (!strcmp(what, "code-write"))
		p = (volatile uint8_t *)bigimage_code + 0x100000;
	else if (!strcmp(what, "guard"))
		p = (volatile uint8_t *)__ts_boot_stack_guard;
	else if (!strcmp(what, "pagetable"))
		p = (volatile uint8_t *)__ts_bigpt_start;
	else if (!strcmp(what, "ring0data"))
		p = (volatile uint8_t *)__ts_rodata_end;
	else if (!strcmp(what, "data-exec"))
		p = bss + BSS_BYTES / 2;
	else {
		printf("bigimage: unknown case %s\n", what);
		return 1;
	}
	printf("bigimage: %s at %p\n", what, (void *)p);
	fflush(stdout);
	if (!strcmp(what, "code-write")) {
		*p = 0xcc;
	} else if (!strcmp(what, "data-exec")) {
		*p = 0xc3; /* ret */
		((void (*)(void))(uintptr_t)p)();
	}
	else
		printf("bigimage: read %u\n", *p);
	printf("bigimage: %s did not fault\n", what);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return forbidden(argv[1]);
	printf("bigimage: code at %p, data at %p, bss at %p, image end %p\n", (void *)bigimage_code,
	       (void *)bigimage_data, (void *)bss, (void *)__ts_image_end);
	printf("bigimage: code returns %ld\n", bigimage_code(41));

	uint32_t bad = 0, sum = 2166136261u;
	for (uint32_t i = 0; i < DATA_WORDS; i++) {
		bad += bigimage_data[i] != i * 2654435761u;
		sum = (sum ^ bigimage_data[i]) * 16777619u;
	}
	printf("bigimage: data %u words, %u wrong, checksum %08x\n", DATA_WORDS, bad, sum);

	uint32_t nonzero = 0;
	for (uint32_t i = 0; i < BSS_BYTES; i += 4)
		nonzero += *(uint32_t *)(bss + i) != 0;
	for (uint32_t i = 0; i < BSS_BYTES; i += 4)
		*(uint32_t *)(bss + i) = i ^ 0xa5a5a5a5u;
	sum = 2166136261u;
	bad = 0;
	for (uint32_t i = 0; i < BSS_BYTES; i += 4) {
		uint32_t v = *(uint32_t *)(bss + i);
		bad += v != (i ^ 0xa5a5a5a5u);
		sum = (sum ^ v) * 16777619u;
	}
	printf("bigimage: bss %u MiB, %u words not zero at start, %u wrong, checksum %08x\n",
	       BSS_BYTES >> 20, nonzero, bad, sum);
	return 0;
}

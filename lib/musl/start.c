/* start.c: musl's start-up inside Tessera — its state and first thread pointer before any init call, constructors and program name right before main. */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <ts/boot.h>
#include <ts/hooks.h>
#include "musl_internal.h"
#include "tls.h"

/* What a Linux kernel puts after the environment. No AT_UID/AT_EUID
 * pair differs and AT_SECURE is 0, so musl skips its set-uid checks;
 * AT_RANDOM seeds nothing we use (no stack protector), but points at
 * 16 bytes as the ABI says. */
static unsigned char at_random[16];
static size_t auxv[] = {
	AT_PAGESZ, 4096,
	AT_PHDR, 0, /* the TLS program header, filled in below */
	AT_PHENT, sizeof(Elf64_Phdr),
	AT_PHNUM, 1,
	AT_RANDOM, 0,
	AT_NULL, 0,
};

/* musl keeps a pointer to the auxiliary vector (getauxval), which must
 * follow the environment's NULL: envp[0] = NULL, then auxv. */
static struct {
	char *envp[1];
	size_t auxv[sizeof(auxv) / sizeof(auxv[0])];
} start_block;

/* Before everything else: any library may call malloc or printf, which
 * in musl need the thread pointer (errno, locks) and the page size. */
static int musl_early(void)
{
	start_block.envp[0] = NULL;
	memcpy(start_block.auxv, auxv, sizeof(auxv));
	for (size_t i = 0; start_block.auxv[i] != AT_NULL; i += 2) {
		if (start_block.auxv[i] == AT_PHDR)
			start_block.auxv[i + 1] = (size_t)ts_musl_tls_phdr();
		if (start_block.auxv[i] == AT_RANDOM)
			start_block.auxv[i + 1] = (size_t)at_random;
	}
	__init_libc(start_block.envp, TS_APP_NAME);
	return 0;
}
TS_INITCALL(musl_early, TS_INIT_EARLY, 0);

void ts_libc_before_main(int argc, char *argv[])
{
	if (argc > 0 && argv[0]) {
		program_invocation_name = argv[0];
		const char *slash = strrchr(argv[0], '/');
		program_invocation_short_name = slash ? (char *)slash + 1 : argv[0];
	}
	__libc_start_init();
}

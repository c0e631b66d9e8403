/* boot.c: the CPL-3 boot sequence — options, init tables, main, shutdown. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ts/arch/backtrace.h>
#include <ts/arch/cpu.h>
#include <ts/boot.h>
#include <ts/hooks.h>
#include <ts/plat/time.h>
#include <ts/print.h>
#include "cmdline.h"
#include "environ.h"

int main(int argc, char *argv[]);

/* Command lines of up to STATIC_WORDS words (nearly all) are held in the
 * BSS, so booting needs no heap; longer ones get their arrays from the heap. */
#define STATIC_WORDS 64
static char *static_words[STATIC_WORDS];
static char *static_argv[STATIC_WORDS + 2];
static char *static_env[STATIC_WORDS + 1];
static unsigned char static_used[STATIC_WORDS];

static char **words, **argv_buf, **env_buf; /* n, n + 2 and n + 1 entries */
static unsigned char *kopt_used;            /* n entries */
static struct ts_cmdline cmd;
extern char **environ; /* the C library's */

const char *ts_boot_param_nth(const char *name, unsigned int nth)
{
	size_t n = strlen(name);
	for (int i = 0; i < cmd.nkopt; i++) {
		const char *o = cmd.kopt[i];
		if (strncmp(o, name, n) == 0 && (o[n] == '=' || o[n] == '\0') && nth-- == 0) {
			kopt_used[i] = 1;
			return o[n] ? o + n + 1 : o + n;
		}
	}
	return NULL;
}


/* Arrays for n words: the static ones, or one block from the heap. */
static void size_arrays(int n)
{
	if (n <= STATIC_WORDS) {
		words = static_words;
		argv_buf = static_argv;
		env_buf = static_env;
		kopt_used = static_used;
		return;
	}
	size_t ptrs = (size_t)n * 3 + 3;
	char **block = calloc(1, ptrs * sizeof(char *) + (size_t)n);
	if (!block)
		ts_panic("boot: no memory for the %d words of the command line (more than %d need a heap)",
			 n, STATIC_WORDS);
	words = block;
	argv_buf = block + n;
	env_buf = argv_buf + n + 2;
	kopt_used = (unsigned char *)(env_buf + n + 1);
}

static uintptr_t cmdline_start, cmdline_end;

void ts_boot_cmdline_span(uintptr_t *start, uintptr_t *end)
{
	*start = cmdline_start;
	*end = cmdline_end;
}

/* Split in place: the platform's copy of the command line is ours to cut
 * up, and not copying it spares a buffer (and a page touched at boot). */
static void parse_cmdline(char *line)
{
	int n = ts_cmdline_count(line);
	cmdline_start = (uintptr_t)line;
	cmdline_end = cmdline_start + strlen(line) + 1;
	if (n < 0)
		ts_panic("boot: malformed command line (unterminated quote or trailing backslash)");
	size_arrays(n);
	if (ts_cmdline_split(line, words, n, &cmd))
		ts_panic("boot: the command line changed while it was split");
}

static void run_initcalls(void)
{
	for (const struct ts_initcall *c = __ts_inittab_start; c < __ts_inittab_end; c++) {
		int err = c->fn();
		if (err < 0)
			ts_panic("boot: %s failed: error %d", c->name, -err);
	}
}

/* Unclaimed NAME=value options become main's environment (environ.c); any
 * other option nobody asked for is reported. */
static void options_to_environ(void)
{
	for (int i = 0; i < cmd.nkopt; i++)
		if (!kopt_used[i] && !ts_boot_env_name_len(cmd.kopt[i]))
			ts_pr_warn("boot: unknown kernel option '%s' (application arguments go after '--')\n",
				   cmd.kopt[i]);
	ts_boot_env_build(cmd.kopt, cmd.nkopt, kopt_used, env_buf);
	environ = env_buf;
}

_Noreturn void ts_boot_start(char *cmdline)
{
	parse_cmdline(cmdline);
	ts_print_init(ts_boot_param("loglevel"));
	run_initcalls();
	options_to_environ();

	argv_buf[0] = TS_APP_NAME;
	for (int i = 0; i < cmd.argc; i++)
		argv_buf[i + 1] = cmd.argv[i];
	argv_buf[cmd.argc + 1] = NULL;

	if (ts_log_enabled(TS_LOG_DEBUG)) {
		uint64_t now = ts_arch_rdtsc();
		uint64_t ns = ts_plat_tsc_to_ns(now - ts_plat_boot_tsc());
		ts_pr_debug("boot: %lu.%03lu us from entry to main (TSC %lu Hz)\n",
			    (unsigned long)(ns / 1000), (unsigned long)(ns % 1000),
			    (unsigned long)ts_plat_tsc_hz());
	}
	if (ts_libc_before_main_hook)
		ts_libc_before_main_hook(cmd.argc + 1, argv_buf);
	exit(ts_boot_call_main(cmd.argc + 1, argv_buf));
}

char *const *ts_boot_argv(int *argc)
{
	int ready = argv_buf && argv_buf[0];
	*argc = ready ? cmd.argc + 1 : 0;
	return ready ? argv_buf : NULL;
}

/* Without a scheduler, main runs on the boot stack; lib/sched supplies a
 * strong definition that runs it in a thread of its own. */
__attribute__((weak)) int ts_boot_call_main(int argc, char *argv[])
{
	ts_arch_crash_set_boot_name("main");
	return main(argc, argv);
}

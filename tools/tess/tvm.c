/* tvm.c - booting an image with tvm, Tessera's own KVM monitor (bin/tvm). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tess.h"

void tess_tvm_argv(const struct tess_tvm_cfg *cfg, struct tess_vec *argv)
{
	size_t i;

	tess_vec_push(argv, cfg->tvm);
	tess_vec_push(argv, "-m");
	tess_vec_pushf(argv, "%lluK", (unsigned long long)cfg->mem_kib);
	tess_vec_push(argv, "-a");
	tess_vec_push(argv, cfg->cmdline);
	for (i = 0; i < cfg->disks->n; i++) {
		tess_vec_push(argv, "--block");
		tess_vec_pushf(argv, "%s%s", cfg->disks->v[i].path, cfg->disks->v[i].ro ? ",ro" : "");
	}
	for (i = 0; i < cfg->nnets; i++) {
		tess_vec_push(argv, "--net");
		tess_vec_push(argv, cfg->nets[i]);
	}
	for (i = 0; i < cfg->nvolumes; i++) {
		tess_vec_push(argv, "--volume");
		tess_vec_pushf(argv, "%s%s", cfg->volumes[i].host, cfg->volumes[i].ro ? ",ro" : "");
	}
	if (cfg->stop_on_term)
		tess_vec_push(argv, "--stop-on-term");
	if (cfg->initrd) {
		tess_vec_push(argv, "--initrd");
		tess_vec_push(argv, cfg->initrd);
	}
	if (cfg->gdb_port) {
		tess_vec_push(argv, "--gdb");
		tess_vec_pushf(argv, "%u", cfg->gdb_port);
	}
	if (cfg->core) {
		tess_vec_push(argv, "--core");
		tess_vec_push(argv, cfg->core);
	}
	tess_vec_push(argv, cfg->image);
}

int tess_tvm_run(const struct tess_tvm_cfg *cfg, unsigned timeout_s, int verbose)
{
	struct tess_child_opts o = { .timeout_s = timeout_s, .escalate = 1 };
	struct tess_child_result res;
	struct tess_vec argv = { 0 };

	tess_tvm_argv(cfg, &argv);
	if (verbose)
		tess_print_command(&argv);
	if (tess_child_run(argv.v, &o, &res) < 0) {
		tess_err("cannot run %s: %s (build it with 'make' in the Tessera tree)", cfg->tvm,
			 strerror(errno));
		return TESS_EXIT_RUNFAIL;
	}
	if (res.signal)
		return 128 + res.signal;
	if (res.timed_out) {
		tess_err("guest still running after %u s; stopped", timeout_s);
		return TESS_EXIT_TIMEOUT;
	}
	/* tvm writes the console to the stdout it shares with tess: once
	 * that is closed (`| head -1`), SIGPIPE ends it, as any Linux program. */
	if (WIFSIGNALED(res.status) && WTERMSIG(res.status) == SIGPIPE)
		return TESS_EXIT_PIPE;
	if (WIFSIGNALED(res.status)) {
		tess_err("tvm killed by signal %d", WTERMSIG(res.status));
		return TESS_EXIT_RUNFAIL;
	}
	/* tvm already speaks tess's language: guest status, 125, 127. */
	return WEXITSTATUS(res.status);
}

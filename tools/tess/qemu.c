/* qemu.c - the QEMU command line, launching QEMU, and mapping how it ended to an exit status. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "hex.h"
#include "tess.h"

#define QEMU_PREFIX "qemu-system-x86_64: "
#define QBOOT_PATH "/usr/share/qemu/qboot.rom" /* Debian's qemu-system-data */
#define TERM_PREFIX QEMU_PREFIX "terminating on signal "
/* What the guest writes to the status port (plat/kvm/lifecycle.c), which
 * tess wires to QEMU's stderr: "exit N" (0..255) or "crash". */
#define STATUS_EXIT "exit "
#define STATUS_CRASH "crash"
#define STATUS_CORE "crash core 0x" /* with --core: the crash's registers' address */
/* The status port's readback asking a crashed guest to wait for its core. */
#define STATUS_HOLD "0xcd"

static int is_microvm(const struct tess_qemu_cfg *cfg)
{
	return strcmp(cfg->machine, "microvm") == 0;
}

/* A virtio device of the machine's transport: virtio-mmio's on microvm,
 * modern-only virtio-pci's on pc (the guest drives modern devices only). */
static const char *virtio_dev(const struct tess_qemu_cfg *cfg, const char *mmio,
			      const char *pci_disable_legacy)
{
	return is_microvm(cfg) ? mmio : pci_disable_legacy;
}

/* s in QEMU's option syntax, where ',' inside a value is written ",,". */
static char *opt_escape(const char *s)
{
	struct tess_buf b = { 0 };

	for (; *s; s++) {
		if (*s == ',')
			tess_buf_adds(&b, ",,");
		else
			tess_buf_addc(&b, *s);
	}
	return tess_buf_take(&b);
}

static void add_machine(const struct tess_qemu_cfg *cfg, struct tess_vec *argv)
{
	tess_vec_push(argv, "-M");
	if (is_microvm(cfg)) {
		/* auto-kernel-cmdline=off: QEMU would append virtio_mmio.device=
		 * words to -append, where the guest would take them for arguments;
		 * the guest probes the virtio-mmio slots instead. */
		tess_vec_push(argv, "microvm,x-option-roms=off,rtc=on,auto-kernel-cmdline=off");
		/* Modern (version 2) virtio-mmio: QEMU 7.2 defaults to legacy. */
		tess_vec_push(argv, "-global");
		tess_vec_push(argv, "virtio-mmio.force-legacy=false");
	} else {
		tess_vec_push(argv, cfg->machine);
		/* qboot, QEMU's minimal firmware, boots -M pc in ~0.2 s; SeaBIOS
		 * takes ~16 s on nested hosts, where its ring-0 code is emulated. */
		if (access(QBOOT_PATH, R_OK) == 0) {
			tess_vec_push(argv, "-bios");
			tess_vec_push(argv, QBOOT_PATH);
		}
	}
	tess_vec_push(argv, "-accel");
	tess_vec_push(argv, cfg->kvm ? "kvm" : "tcg");
	tess_vec_push(argv, "-cpu");
	tess_vec_push(argv, cfg->kvm ? "host" : "max");
	tess_vec_push(argv, "-m");
	tess_vec_pushf(argv, "%lluk", (unsigned long long)cfg->mem_kib);
	tess_vec_push(argv, "-nodefaults");
	tess_vec_push(argv, "-no-user-config");
	tess_vec_push(argv, "-display");
	tess_vec_push(argv, "none");
	tess_vec_push(argv, "-no-reboot");
	/* The guest writes its status s to port 0xf4; QEMU exits (s << 1) | 1. */
	tess_vec_push(argv, "-device");
	tess_vec_push(argv, "isa-debug-exit,iobase=0xf4,iosize=4");
}

/*
 * The console: a port of a virtio-console, a whole buffer per exit and per
 * host write(). isa-debugcon (a `rep outsb` per exit but a write() per
 * byte) carries crash reports, and everything where the image has no
 * virtio driver (virtio-mmio on microvm, modern-only virtio-pci on pc).
 * Both append to QEMU's own stdout, which keeps the command usable as
 * printed by -v; the guest flushes one before using the other, so order is
 * kept. virtserialport, not virtconsole: QEMU drops a console port's
 * output when the pipe is full. On pc, modern-only virtio-pci, with
 * ioeventfd off so that QEMU completes a buffer inside the notify, as
 * virtio-mmio does: 10 MB take 1.6 s instead of 8.6 s (TCG), the guest no
 * longer waiting for buffers.
 */
static void add_consoles(const struct tess_qemu_cfg *cfg, struct tess_vec *argv)
{
	/* The UART only writes (to QEMU's stdout, like the other consoles):
	 * with -serial stdio it would also read QEMU's stdin, taking bytes
	 * meant for the console's input port below. Its stdout by
	 * /proc/self/fd/1, not /dev/stdout: a chroot or container /dev may
	 * lack that link, and QEMU would then write a file named so. */
	tess_vec_push(argv, "-chardev");
	tess_vec_push(argv, "file,id=tsserial,path=/proc/self/fd/1,append=on");
	tess_vec_push(argv, "-serial");
	tess_vec_push(argv, "chardev:tsserial");
	tess_vec_push(argv, "-device");
	tess_vec_push(argv, virtio_dev(cfg, "virtio-serial-device",
				       "virtio-serial-pci,disable-legacy=on,ioeventfd=off"));
	tess_vec_push(argv, "-chardev");
	tess_vec_push(argv, "file,id=tsvcon,path=/proc/self/fd/1,append=on");
	tess_vec_push(argv, "-device");
	tess_vec_push(argv, "virtserialport,chardev=tsvcon,nr=1");
	/* Console input: port 2 reads QEMU's stdin, a pipe tess feeds from its
	 * own stdin (tess_qemu_run). QEMU reads it only once the guest opens
	 * the port and gives it buffers, and when the pipe ends it closes the
	 * port's host side, which the guest reads as its end of file. Port 1
	 * must stay open: QEMU discards what the guest writes to a port whose
	 * host side is closed. */
	tess_vec_push(argv, "-chardev");
	tess_vec_push(argv, "stdio,id=tsin");
	tess_vec_push(argv, "-device");
	tess_vec_push(argv, "virtserialport,chardev=tsin,nr=2");
	if (cfg->control) {
		/* A background instance's stop requests (tess stop): port 3 reads
		 * the FIFO the supervisor writes to; the guest polls it where it
		 * waits (docs/architecture.md, "Stopping an instance"). QEMU opens
		 * the FIFO read-write, so it never sees an end. */
		char *ctl = opt_escape(cfg->control);

		tess_vec_push(argv, "-chardev");
		tess_vec_pushf(argv, "pipe,id=tsctl,path=%s", ctl);
		tess_vec_push(argv, "-device");
		tess_vec_push(argv, "virtserialport,chardev=tsctl,nr=3");
		free(ctl);
	}
	tess_vec_push(argv, "-chardev");
	tess_vec_push(argv, "file,id=tscon,path=/proc/self/fd/1,append=on");
	tess_vec_push(argv, "-device");
	tess_vec_push(argv, "isa-debugcon,iobase=0xe9,chardev=tscon");
	/* The full 8-bit exit status (and whether the guest crashed), as a
	 * line on QEMU's stderr: isa-debug-exit carries only 7 bits. With
	 * --core, what the port reads back asks a crashed guest to wait. */
	tess_vec_push(argv, "-chardev");
	tess_vec_push(argv, "file,id=tsstatus,path=/proc/self/fd/2,append=on");
	tess_vec_push(argv, "-device");
	tess_vec_pushf(argv, "isa-debugcon,iobase=0xea,chardev=tsstatus%s",
		       cfg->core ? ",readback=" STATUS_HOLD : "");
}

/* --gdb: QEMU's own gdbstub, on loopback only, the guest stopped before
 * its first instruction. --core: a QMP socket to take the memory. */
static void add_debug(const struct tess_qemu_cfg *cfg, struct tess_vec *argv)
{
	if (cfg->gdb_port) {
		tess_vec_push(argv, "-gdb");
		tess_vec_pushf(argv, "tcp:127.0.0.1:%u", cfg->gdb_port);
		tess_vec_push(argv, "-S");
	}
	if (cfg->core && cfg->qmp) {
		tess_vec_push(argv, "-qmp");
		tess_vec_pushf(argv, "unix:%s,server=on,wait=off", cfg->qmp);
	}
}

/* Shared folder i: virtio-9p with mount tag vol<i>, served by QEMU's own
 * "local" backend, confined to the folder. */
static void add_volume(const struct tess_qemu_cfg *cfg, size_t i, struct tess_vec *argv)
{
	char *path = opt_escape(cfg->volumes[i].host);

	tess_vec_push(argv, "-fsdev");
	tess_vec_pushf(argv, "local,id=tsvol%zu,path=%s,security_model=none%s", i, path,
		       cfg->volumes[i].ro ? ",readonly=on" : "");
	tess_vec_push(argv, "-device");
	tess_vec_pushf(argv, "%s,fsdev=tsvol%zu,mount_tag=vol%zu",
		       virtio_dev(cfg, "virtio-9p-device", "virtio-9p-pci,disable-legacy=on"), i, i);
	free(path);
}

/*
 * Disk i: a raw drive and a virtio-blk device, added in order after the
 * console, so the guest finds them as vda, vdb, ... cache=writeback: the
 * host's page cache holds writes until the guest flushes (QEMU then offers
 * VIRTIO_BLK_F_FLUSH and turns a flush into fdatasync). werror/rerror=
 * report: a host error (a full file system under a sparse file) fails
 * the request (EIO in the guest) instead of pausing the VM for good.
 */
static void add_disk(const struct tess_qemu_cfg *cfg, size_t i, struct tess_vec *argv)
{
	const struct tess_disk *d = &cfg->disks->v[i];
	char *file = opt_escape(d->path);

	tess_vec_push(argv, "-drive");
	tess_vec_pushf(argv, "if=none,id=vd%c,format=raw,cache=writeback,werror=report,rerror=report,file=%s%s",
		       (int)('a' + i), file, d->ro ? ",readonly=on" : "");
	tess_vec_push(argv, "-device");
	tess_vec_pushf(argv, "%s,drive=vd%c",
		       virtio_dev(cfg, "virtio-blk-device", "virtio-blk-pci,disable-legacy=on"),
		       (int)('a' + i));
	free(file);
}

void tess_qemu_argv(const struct tess_qemu_cfg *cfg, struct tess_vec *argv)
{
	tess_vec_push(argv, TESS_QEMU_BIN);
	add_machine(cfg, argv);
	add_consoles(cfg, argv);
	/* Seed bytes for the guest's random number generator where its CPU
	 * has no RDSEED/RDRAND: cheap (an idle device), so always there. */
	tess_vec_push(argv, "-device");
	tess_vec_push(argv, virtio_dev(cfg, "virtio-rng-device", "virtio-rng-pci,disable-legacy=on"));
	for (size_t i = 0; i < cfg->nvolumes; i++)
		add_volume(cfg, i, argv);
	for (size_t i = 0; cfg->disks && i < cfg->disks->n; i++)
		add_disk(cfg, i, argv);
	add_debug(cfg, argv);
	tess_vec_push(argv, "-kernel");
	tess_vec_push(argv, cfg->image);
	tess_vec_push(argv, "-append");
	tess_vec_push(argv, cfg->cmdline);
	if (cfg->initrd) {
		tess_vec_push(argv, "-initrd"); /* the guest finds it as the first PVH module */
		tess_vec_push(argv, cfg->initrd);
	}
}

/* Messages after which QEMU pauses the guest forever (RUN_STATE_INTERNAL_ERROR). */
static const char *const kvm_fatal[] = {
	"KVM internal error", "KVM: entry failed", "error: kvm run failed",
};

static int starts_with(const char *line, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(line, prefix, n) == 0;
}

/* The guest's status line ("exit N" or "crash"): 1 if line is one, with
 * seen->guest_status set (TESS_EXIT_CRASH, and seen->crashed, for a crash). */
static int status_line(struct tess_qemu_seen *seen, const char *line, size_t len)
{
	size_t elen = strlen(STATUS_EXIT), i;
	int v = 0;

	if (starts_with(line, len, STATUS_CORE)) {
		seen->crashed = 1;
		seen->guest_status = TESS_EXIT_CRASH;
		return 1;
	}
	if (len == strlen(STATUS_CRASH) && memcmp(line, STATUS_CRASH, len) == 0) {
		seen->crashed = 1;
		seen->guest_status = TESS_EXIT_CRASH;
		return 1;
	}
	if (len <= elen || len > elen + 3 || memcmp(line, STATUS_EXIT, elen) != 0)
		return 0;
	for (i = elen; i < len; i++) {
		if (line[i] < '0' || line[i] > '9')
			return 0;
		v = v * 10 + (line[i] - '0');
	}
	if (v > 255)
		return 0;
	seen->guest_status = v;
	return 1;
}

/* What the stderr filter works with. */
struct qemu_watch {
	struct tess_qemu_seen seen;
	const struct tess_qemu_cfg *cfg;
};

/* "crash core 0x<frame>": the guest waits; take its core now, while
 * QEMU runs (tess_core_qemu_take makes it quit). */
static int take_core(struct qemu_watch *w, const char *line, size_t len)
{
	size_t n = strlen(STATUS_CORE);
	unsigned long long frame = 0;
	size_t i;

	for (i = n; i < len && i < n + 16; i++) {
		int d = hex_digit(line[i]);

		if (d < 0)
			break;
		frame = frame << 4 | (unsigned)d;
	}
	w->seen.held = 1;
	if (i != len || i == n) {
		tess_err("--core: the guest's crash line is malformed; no core written");
		return TESS_LINE_DROP | TESS_LINE_STOP;
	}
	tess_core_qemu_take(w->cfg->core, w->cfg->qmp, w->cfg->mem_kib * 1024, frame);
	/* QMP's quit ends QEMU; stopping it too makes sure a guest that
	 * spins forever cannot outlive a lost quit. */
	return TESS_LINE_DROP | TESS_LINE_STOP;
}

/* Forward QEMU's stderr, noting errors, signal terminations and KVM
 * failures, and taking out the guest's status line. */
int tess_qemu_line(void *ctx, const char *line, size_t len)
{
	struct tess_qemu_seen *seen = ctx;
	size_t tlen = strlen(TERM_PREFIX), i;

	if (status_line(seen, line, len))
		return TESS_LINE_DROP;

	for (i = 0; i < sizeof(kvm_fatal) / sizeof(kvm_fatal[0]); i++) {
		if (starts_with(line, len, kvm_fatal[i])) {
			seen->kvm_error = 1;
			return TESS_LINE_KEEP | TESS_LINE_STOP;
		}
	}
	if (!starts_with(line, len, QEMU_PREFIX))
		return TESS_LINE_KEEP;
	if (len > tlen && memcmp(line, TERM_PREFIX, tlen) == 0 &&
	    line[tlen] >= '1' && line[tlen] <= '9') {
		/* tess reports this itself, or sent the signal on purpose. */
		seen->term_signal = atoi(line + tlen);
		seen->error = 1;
		return TESS_LINE_DROP;
	}
	if (!memmem(line, len, "warning", 7))
		seen->error = 1;
	return TESS_LINE_KEEP;
}

void tess_print_command(const struct tess_vec *argv)
{
	struct tess_buf b = { 0 };
	size_t i;

	for (i = 0; i < argv->n; i++) {
		if (i)
			tess_buf_addc(&b, ' ');
		tess_shell_quote(&b, argv->v[i]);
	}
	tess_buf_addc(&b, '\n');
	tess_write_all(STDERR_FILENO, b.s, b.len);
	free(b.s);
}

/* tess run's filter: with --core, a crash line naming the guest's frame
 * is the moment to take the core; every line as tess_qemu_line. */
static int qemu_line(void *ctx, const char *line, size_t len)
{
	struct qemu_watch *w = ctx;
	int r = tess_qemu_line(&w->seen, line, len);

	if (w->cfg->core && starts_with(line, len, STATUS_CORE))
		return take_core(w, line, len);
	return r;
}

/* The guest's own outcome, unless its console output was lost. */
static int guest_status(const struct tess_child_result *res, int status, int crashed)
{
	if (crashed)
		tess_err("guest crashed (see its report above)");
	if (!res->output_errno)
		return status;
	tess_err("console output failed: %s (the guest's exit status was %d)",
		 strerror(res->output_errno), status);
	return TESS_EXIT_RUNFAIL;
}

int tess_qemu_status(const struct tess_child_result *res, const struct tess_qemu_seen *seen,
		     unsigned timeout_s)
{
	int rc;

	if (res->signal)
		return 128 + res->signal;
	if (res->output_closed)
		return TESS_EXIT_PIPE; /* as a Linux program killed by SIGPIPE: no message */
	if (seen->held) /* tess ended QEMU itself, once the core was taken */
		return guest_status(res, TESS_EXIT_CRASH, 1);
	if (seen->kvm_error) {
		tess_err("KVM could not run the guest (see QEMU's report above); stopped");
		return TESS_EXIT_CRASH;
	}
	if (res->timed_out) {
		tess_err("guest still running after %u s; stopped", timeout_s);
		return TESS_EXIT_TIMEOUT;
	}
	if (WIFSIGNALED(res->status)) {
		tess_err("qemu killed by signal %d", WTERMSIG(res->status));
		return TESS_EXIT_RUNFAIL;
	}
	rc = WEXITSTATUS(res->status);
	if (seen->guest_status >= 0 && (rc & 1) && rc >> 1 == (seen->guest_status & 0x7f))
		return guest_status(res, seen->guest_status, seen->crashed);
	if (rc == 0 && seen->term_signal) {
		/* Someone else stopped QEMU; it then exits 0 like a reset. */
		tess_err("qemu killed by signal %d", seen->term_signal);
		return TESS_EXIT_RUNFAIL;
	}
	if (rc == 0) {
		tess_err("guest reset without an exit status (triple fault?)");
		return TESS_EXIT_CRASH;
	}
	if (rc == 1 && seen->error) {
		tess_err("qemu failed");
		return TESS_EXIT_RUNFAIL;
	}
	if (rc & 1) /* an image that does not report on the status port */
		return guest_status(res, rc >> 1, 0);
	tess_err("qemu failed (exit status %d)", rc);
	return TESS_EXIT_RUNFAIL;
}

/* --core: a private folder for QMP's socket; NULL if it cannot be made. */
static char *qmp_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = tess_xasprintf("%s/tess-qmp-XXXXXX", tmp && *tmp ? tmp : "/tmp");

	if (mkdtemp(dir))
		return dir;
	tess_err("--core: cannot make a folder for QMP's socket (%s): %s", dir, strerror(errno));
	free(dir);
	return NULL;
}

int tess_qemu_run(const struct tess_qemu_cfg *cfg_in, unsigned timeout_s, int verbose)
{
	struct tess_qemu_cfg cfg_copy = *cfg_in, *cfg = &cfg_copy;
	struct qemu_watch w = { .seen = { .guest_status = -1 }, .cfg = cfg };
	struct tess_child_opts o = {
		.filter = qemu_line, .ctx = &w, .timeout_s = timeout_s, .escalate = 1,
		.pipe_stdout = 1, .forward_stdin = 1,
	};
	struct tess_child_result res;
	struct tess_vec argv = { 0 };
	struct termios tio;
	char *dir = NULL;
	int have_tio, status;

	if (cfg->core) {
		if (!(dir = qmp_dir()))
			return TESS_EXIT_RUNFAIL;
		cfg->qmp = tess_xasprintf("%s/qmp", dir);
	}
	tess_qemu_argv(cfg, &argv);
	if (verbose)
		tess_print_command(&argv);
	/* QEMU puts the terminal in raw mode; a SIGKILLed QEMU cannot undo it. */
	have_tio = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &tio) == 0;
	if (tess_child_run(argv.v, &o, &res) < 0) {
		if (errno == ENOENT)
			tess_err("'%s' not found; install the Debian package 'qemu-system-x86'",
				 TESS_QEMU_BIN);
		else
			tess_err("cannot run %s: %s", TESS_QEMU_BIN, strerror(errno));
		status = TESS_EXIT_RUNFAIL;
	} else {
		/* Only the foreground may touch the terminal (else SIGTTOU stops us). */
		if (have_tio && tcgetpgrp(STDIN_FILENO) == getpgrp())
			tcsetattr(STDIN_FILENO, TCSANOW, &tio);
		status = tess_qemu_status(&res, &w.seen, timeout_s);
	}
	if (dir) {
		unlink(cfg->qmp);
		rmdir(dir);
		free(dir);
	}
	return status;
}

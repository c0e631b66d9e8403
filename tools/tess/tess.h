/* tess.h - internal interfaces shared by the files of the tess command line tool. */
#ifndef TESS_H
#define TESS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define TESS_VERSION "0.1"

/* Exit statuses (see docs/tess.md). */
#define TESS_EXIT_OK       0
#define TESS_EXIT_FAIL     1   /* build/menu/clean failed */
#define TESS_EXIT_USAGE    2   /* bad command line (build/menu/clean) */
#define TESS_EXIT_TIMEOUT  124 /* run: --timeout expired */
#define TESS_EXIT_RUNFAIL  125 /* run: any tess or QEMU failure, including usage */
#define TESS_EXIT_CRASH    127 /* run: guest crashed or reset without a status */
#define TESS_EXIT_PIPE     141 /* run: tess's output was closed (128 + SIGPIPE) */

/* ---- util.c: messages, memory, strings, paths ---- */

/*
 * The command being run ("build", "run", ...; NULL before dispatch) and the
 * exit statuses used by tess_die() and tess_usage(). main.c sets them once
 * the command is known, so helpers deep down can fail with the right code.
 */
extern const char *tess_cmd;
extern int tess_fail_status;
extern int tess_usage_status;

/* Print "tess: <message>" and a newline on stderr. */
void tess_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* tess_err(), then exit(tess_fail_status). Only call with no child running. */
_Noreturn void tess_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "tess: <message> (see 'tess <cmd> --help')", exit(tess_usage_status). */
_Noreturn void tess_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Allocation that cannot fail (dies with "out of memory"). */
void *tess_xmalloc(size_t n);
void *tess_xrealloc(void *p, size_t n);
char *tess_xstrdup(const char *s);
char *tess_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable NUL-terminated string. Zero-initialise before use. */
struct tess_buf {
	char *s;
	size_t len, cap;
};
void tess_buf_add(struct tess_buf *b, const char *s, size_t n);
void tess_buf_adds(struct tess_buf *b, const char *s);
void tess_buf_addc(struct tess_buf *b, char c);
/* Return the string (never NULL, "" when empty); the caller owns it. */
char *tess_buf_take(struct tess_buf *b);

/* A growable NULL-terminated array of strings (an argv). Zero-initialise. */
struct tess_vec {
	char **v;
	size_t n, cap;
};
void tess_vec_push(struct tess_vec *v, const char *s); /* copies s */
void tess_vec_pushf(struct tess_vec *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Write all of buf to fd, retrying on EINTR; errors are ignored (stderr gone). */
void tess_write_all(int fd, const void *buf, size_t len);

/* Make path absolute (relative to the current directory), lexically: no
 * symlink resolution, trailing slashes removed. Returns a new string. */
char *tess_path_abs(const char *path);
/* Return "<a>/<b>" as a new string. */
char *tess_path_join(const char *a, const char *b);
/* Return 1 if an executable regular file called name is found in $PATH. */
int tess_in_path(const char *name);
/* Return 1 if path names an existing directory. */
int tess_is_dir(const char *path);

/* Quote s for a POSIX shell if needed (for -v output); appended to b. */
void tess_shell_quote(struct tess_buf *b, const char *s);

/* ---- opts.c: command line option parsing ---- */

struct tess_opt {
	int id;                /* > 0, returned by tess_opt_next() */
	char short_name;       /* e.g. 'm', or 0 */
	const char *long_name; /* e.g. "memory", or NULL */
	int has_value;         /* option takes a value */
};

struct tess_optparse {
	int argc;
	char **argv;
	int i;                       /* next argv index */
	const struct tess_opt *opts; /* ends with an entry whose id is 0 */
	int only_positional;         /* set after "--" when the caller continues */
};

#define TESS_OPT_END        0  /* no more arguments */
#define TESS_OPT_POSITIONAL (-1) /* *value is a positional argument */
#define TESS_OPT_DASHDASH   (-2) /* "--" seen; p->i is the index after it */

/*
 * Return the next option's id (with *value set for options taking a value),
 * TESS_OPT_POSITIONAL, TESS_OPT_DASHDASH or TESS_OPT_END. Accepts -x VALUE,
 * -xVALUE, --long VALUE, --long=VALUE; options and positionals may be mixed.
 * Unknown options, missing values and values given to flags are usage
 * errors (tess_usage() exits).
 */
int tess_opt_next(struct tess_optparse *p, const char **value);

/* ---- main.c: help texts ---- */

/* Print the help of cmd (NULL: the general help) to stdout. Returns 0, or
 * -1 if cmd is not a command. */
int tess_help(const char *cmd);

/* ---- app.c: locating the Tessera tree, the app and its build directory ---- */

struct tess_app {
	char *root;     /* Tessera source tree (absolute) */
	char *appdir;   /* the app folder (absolute, resolved) */
	char *builddir; /* build directory (absolute) */
	const char *shown; /* the app folder as the user named it, for messages */
	const char *plat;  /* "kvm" or "tvm": passed to make as TS_PLAT; NULL: the
			    * configuration's own choice */
};

/*
 * Fill app from the APPDIR argument (NULL: current directory) and -O value
 * (NULL: APPDIR/build). Dies unless APPDIR holds a Tessfile and the tree
 * (TESSERA_ROOT or two levels above the tess binary) has support/build,
 * and if the tree, the app or the build directory has a path make cannot
 * handle (spaces, control characters, any of :%,&'"();|<>$\`*?[]).
 */
void tess_app_resolve(struct tess_app *app, const char *appdir, const char *builddir);

/* The Tessera tree (TESSERA_ROOT, or two levels above the tess binary),
 * absolute; dies unless it holds support/build. */
char *tess_find_root(void);

/* ---- child.c: running and supervising child processes ---- */

/* Called once for each line the child writes on stderr, without the
 * newline (for lines longer than 4 KiB: with their first 4 KiB). Returns
 * TESS_LINE_DROP or TESS_LINE_KEEP (forward it to tess's stderr), possibly
 * or'ed with TESS_LINE_STOP: stop the child (SIGTERM a moment later, so it
 * can finish what it is printing; SIGKILL 2 s after that). */
typedef int (*tess_line_fn)(void *ctx, const char *line, size_t len);
#define TESS_LINE_DROP 0
#define TESS_LINE_KEEP 1
#define TESS_LINE_STOP 2

/* ---- lines.c: a byte stream cut into lines for a tess_line_fn ---- */

/* Set filter, ctx, out and out_ctx; the rest starts at 0. Each line goes
 * to filter once, without its newline (a line longer than buf: its first
 * part only); the bytes of the lines it keeps, the rest of long lines
 * included, go to out. stop is set once the filter asked to stop. */
struct tess_lines {
	tess_line_fn filter;
	void *ctx;
	void (*out)(void *out_ctx, const char *buf, size_t n);
	void *out_ctx;
	char buf[4096];
	size_t len;
	int cont; /* buf continues a line whose start was already filtered */
	int keep; /* the filter's answer for the current line */
	int stop;
};

/* Add n bytes of the stream. */
void tess_lines_feed(struct tess_lines *l, const char *data, size_t n);
/* Pass on what is buffered (at the stream's end: an unfinished line). */
void tess_lines_flush(struct tess_lines *l);

struct tess_child_opts {
	tess_line_fn filter; /* NULL: stderr inherited, not piped */
	void *ctx;
	int pipe_stdout;     /* 1: the child's stdout is a pipe that tess copies to
			      * its own, so tess notices when its output is gone;
			      * 0: stdout inherited */
	int forward_stdin;   /* 1: the child's stdin is a pipe that tess feeds from
			      * its own stdin, closing it when that ends (the child
			      * sees the end even where tess's stdin is a terminal,
			      * which stays in its normal mode); 0: inherited */
	unsigned timeout_s;  /* 0: none. On expiry: SIGTERM, SIGKILL 2 s later */
	int escalate;        /* SIGKILL 2 s after forwarding SIGINT/SIGTERM/SIGHUP */
};

struct tess_child_result {
	int status;    /* wait status */
	int timed_out; /* timeout_s expired and the child was stopped */
	int signal;    /* SIGINT/SIGTERM/SIGHUP that tess received (0: none) */
	int stopped;   /* stopped because the filter asked (TESS_LINE_STOP) */
	int output_errno;  /* pipe_stdout: the errno of the first failed write to
			    * tess's stdout (the rest of the output was dropped) */
	int output_closed; /* output_errno was EPIPE: the child was stopped */
};

/* Block SIGINT/SIGTERM/SIGHUP/SIGCHLD (delivered through a signalfd while
 * children run) and ignore SIGPIPE. Call once at start. */
void tess_signals_init(void);

/*
 * Run argv[0] (searched in $PATH) with stdin inherited (unless
 * o->forward_stdin) and stdout too (unless o->pipe_stdout), forward the signals tess receives to it, and wait for
 * it. With pipe_stdout, a write to tess's stdout failing with EPIPE stops
 * the child (res->output_closed). Returns 0 with *res filled,
 * or -1 with errno set if it could not be started (ENOENT: not installed).
 */
int tess_child_run(char *const argv[], const struct tess_child_opts *o,
		   struct tess_child_result *res);

/* ---- build.c: driving the build system (make) ---- */

/* Run make in the tree for app: target NULL builds, else "menu"/"clean".
 * jobs: -j value (0: none), verbose: V=1. Returns the exit status the
 * command should use: 0 success, tess_fail_status on failure, 128+signal
 * when tess was interrupted. Prints make's missing-tool error itself. */
int tess_make(const struct tess_app *app, const char *target, unsigned jobs, int verbose);

/* Number of CPUs tess may use (default -j). */
unsigned tess_ncpus(void);
/* Parse a -j value; dies with a usage error if it is not 1..1024. */
unsigned tess_parse_jobs(const char *s);
/* --vmm VALUE: 1 for "tvm", 0 for "qemu"; anything else is a usage error. */
int tess_parse_vmm_is_tvm(const char *val);

/* Option ids the app commands share in their tables (above any command's
 * own ids): -O DIR, -j N, -v. */
enum { TESS_OPT_BUILDDIR = 100, TESS_OPT_JOBS, TESS_OPT_VERBOSE };

/* What every app command takes: APPDIR and the shared options. */
struct tess_app_args {
	const char *appdir, *builddir; /* NULL: the defaults */
	unsigned jobs;                 /* 0: tess_ncpus() */
	int verbose;
};

/*
 * Take one result of tess_opt_next() into a if it is the APPDIR argument
 * (a second one is a usage error) or a shared option. Returns 1 if it was,
 * 0 if the command must handle it itself.
 */
int tess_app_opt(struct tess_app_args *a, int id, const char *val);

int tess_cmd_build(int argc, char **argv);
int tess_cmd_menu(int argc, char **argv);
int tess_cmd_clean(int argc, char **argv);

/* ---- run.c: the run command ---- */

int tess_cmd_run(int argc, char **argv);

/* ---- instance-*.c: background instances (instance.h) ---- */

int tess_cmd_ps(int argc, char **argv);
int tess_cmd_logs(int argc, char **argv);
int tess_cmd_stop(int argc, char **argv);
int tess_cmd_rm(int argc, char **argv);

/* ---- runconf.c: BUILDDIR/run.conf written by the build system ---- */

struct tess_runconf {
	char *name;        /* app name */
	char *image;       /* absolute path of the bootable image */
	uint64_t memory_kib; /* default guest memory */
	char *args;        /* default app arguments (command-line ready), "" if none */
	char *kernel_args; /* default kernel options, "" if none */
	char *rootfs;      /* the Tessfile's rootfs folder, relative to the app
			    * folder; "" if none */
	int console_tty;   /* 1: the image takes console.tty= (lib/vfs's
			    * descriptors 0-2), so isatty() can tell pipes */
};

/* Read path into rc. Returns 0, or -1 after printing why (missing file,
 * malformed line, missing or invalid key). */
int tess_runconf_load(const char *path, struct tess_runconf *rc);

/* ---- runimage.c: tess run of an OCI image ---- */

/* How to boot an image that was pulled into the cache. */
struct tess_image_run {
	int tvm;             /* the image was built for tvm (else QEMU) */
	const char *machine; /* QEMU's machine: "microvm" or "pc" */
	const char *initrd;  /* the initrd blob in the cache, or NULL */
};

/*
 * Pull the image arg names ("oci:DIR[:TAG]" or "REGISTRY/NAME[:TAG]") into
 * the cache and fill rc (image: the kernel blob in the cache) and how as
 * its config says. Dies with a one-line error on a bad reference or a
 * failed pull.
 */
void tess_image_runconf(const char *arg, struct tess_runconf *rc, struct tess_image_run *how);

/* ---- cpio.c: --initrd DIR ---- */

/*
 * Pack the folder dir into a temporary newc cpio archive (in $TMPDIR,
 * default /tmp), removed when tess exits, and return its path. Names are
 * relative to dir ("." for dir itself), entries sorted by name; regular
 * files, directories, symbolic links, hard links (the data with the first
 * name). Dies with a one-line error naming the path of a socket, FIFO or
 * device, of an unreadable entry, of a file above 4 GiB or one that
 * changes while it is read.
 */
char *tess_cpio_pack(const char *dir);

/* ---- memsize.c: memory sizes ---- */

#define TESS_MEM_MAX_KIB (512ULL << 20) /* 512 GiB: what ring 0 maps (RAM above 4 GiB from 4 GiB) */
#define TESS_INITRD_MAX_KIB (3ULL << 20) /* 3 GiB: the initrd loads below QEMU's 32-bit hole */

#define TESS_MEM_OK       0
#define TESS_MEM_GARBAGE  (-1)
#define TESS_MEM_ZERO     (-2)
#define TESS_MEM_TOO_BIG  (-3)

/* Parse "<number>[.<fraction>][K|M|G]" (no suffix: MiB; any case) into KiB,
 * rounding up to whole 4 KiB pages. Returns a TESS_MEM_* code; values above
 * TESS_MEM_MAX_KIB (and overflows) give TESS_MEM_TOO_BIG. */
int tess_memsize_parse(const char *s, uint64_t *kib);

/* Format kib as "512K", "1.2M", "64M", "3G", rounding up so that the text,
 * typed back as -m, is at least kib. */
void tess_memsize_format(uint64_t kib, char *buf, size_t len);

/* ---- elf.c: checking the image ---- */

/*
 * Read the ELF64 x86-64 executable at path and set *end to the highest
 * PT_LOAD physical end (p_paddr + p_memsz). Returns 0; -1 with errno set if
 * the file cannot be read; -2 with *reason set (a static string) if it is
 * not a valid image.
 */
int tess_elf_load_end(const char *path, uint64_t *end, const char **reason);

/* Smallest guest memory in KiB for an image whose loaded end is end:
 * end rounded up to 4 KiB, plus 64 KiB. */
uint64_t tess_elf_min_kib(uint64_t end);

/* ---- cmdline.c: the guest command line ---- */

/* The longest guest command line, in bytes without its NUL: 128 KiB with
 * it, the most one argument of a Linux program may hold (MAX_ARG_STRLEN),
 * which is how QEMU (-append) and tvm (-a) get it. The guest on either
 * monitor takes as much. */
#define TESS_CMDLINE_MAX (128 * 1024 - 1)

/* Append arg to b, quoted the way the guest parser understands: wrapped in
 * double quotes (with " and \ escaped by a backslash) if it is empty or
 * holds whitespace, a double quote or a backslash. */
void tess_cmdline_quote(struct tess_buf *b, const char *arg);

/*
 * Build "<kernel options> -- <app args>". kernel_args (from run.conf) comes
 * first, then each of kopts. If have_args, args[0..nargs) are quoted and
 * used; else default_args is used verbatim. Returns a new string.
 */
char *tess_cmdline_build(const char *kernel_args, char *const *kopts, size_t nkopts,
			 int have_args, char *const *args, size_t nargs,
			 const char *default_args);

/* ---- kvm.c: KVM detection ---- */

/* Return 1 if /dev/kvm can be opened and speaks KVM API 12; else 0 with a
 * reason such as "/dev/kvm: Permission denied" in buf. */
int tess_kvm_usable(char *buf, size_t len);

/* ---- volume.c: tess run -v HOSTDIR:GUESTDIR[:ro] ---- */

#define TESS_MAX_VOLUMES 8

/* A host folder shared with the guest as mount tag vol<n> (n: its index). */
struct tess_volume {
	char *host;   /* absolute, symlinks resolved */
	char *guest;  /* absolute path in the guest */
	int ro;
};

/*
 * Parse and check one -v value (opt: how it was given, for messages):
 * HOSTDIR:GUESTDIR[:ro|:rw], HOSTDIR an existing folder, GUESTDIR an
 * absolute path without spaces, quotes, ':' or ','. Dies with a one-line
 * error otherwise.
 */
void tess_volume_parse(struct tess_volume *v, const char *opt, const char *val);

/* The kernel option that mounts volume n at boot (lib/vfs's vfs.mount=). */
char *tess_volume_kopt(const struct tess_volume *v, size_t n);
/* ---- disk.c: tess run --disk ---- */

#define TESS_DISKS_MAX 8 /* tvm's device limit; vda..vdh on every monitor */
#define TESS_SECTOR 512

struct tess_disk {
	char *path; /* absolute */
	int ro;     /* FILE:ro */
	dev_t dev;  /* the file's identity: no disk twice */
	ino_t ino;
};

/* The disks in command-line order: they become vda, vdb, ... */
struct tess_disks {
	struct tess_disk v[TESS_DISKS_MAX];
	size_t n;
};

/*
 * Add the disk of one option value (opt: "--disk", FILE[:ro], or its alias
 * "--block", FILE[,ro]), checking it before anything is built: an
 * existing regular file, readable (and writable unless read-only), of a
 * positive multiple of 512 bytes, not given twice; at most TESS_DISKS_MAX;
 * nothing but "ro" after the separator. Any other value: one line and
 * exit (125).
 */
void tess_disk_add(struct tess_disks *d, const char *opt, const char *val);

/* ---- gdb.c: debugging a guest (tess run --gdb, tess gdb) ---- */

#define TESS_GDB_PORT_DEFAULT 1234

/* Parse a TCP port (1..65535); anything else is a usage error naming
 * opt and val ("--gdb=" "x": "--gdb=x: not a port number ..."). */
unsigned tess_gdb_port_parse(const char *opt, const char *val);

/* Die with one line unless port can be listened on at 127.0.0.1 (in use,
 * or not allowed), checked before anything is built or booted. */
void tess_gdb_port_check(unsigned port);

/* Append to argv (empty on entry) the command that attaches gdb to a
 * guest of image (the bootable image; gdb loads its unstripped twin
 * IMAGE.dbg) listening on 127.0.0.1:port: gdb IMAGE.dbg -ex 'target
 * remote 127.0.0.1:PORT'. The one place that command is built. */
void tess_gdb_argv(const char *image, unsigned port, struct tess_vec *argv);

/* Print on stderr how to attach: that command, shell-quoted, and the
 * equivalent tess gdb APPDIR [-O BUILDDIR] [--port PORT] (builddir: as
 * given to -O, NULL: the default). */
void tess_gdb_hint(const char *image, unsigned port, const char *appdir, const char *builddir);

/* tess gdb [APPDIR] [-O DIR] [--port PORT] [-- GDB-ARGS...] */
int tess_cmd_gdb(int argc, char **argv);

/* ---- core.c: tess run --core FILE ---- */

struct tess_core {
	char *path; /* FILE, absolute */
	char *tmp;  /* where the core is written first (beside FILE); NULL: no --core */
};

/* Check FILE before anything runs: its folder exists and is writable, and
 * FILE, if it exists, is a regular file. Dies with one line otherwise. */
void tess_core_check(struct tess_core *c, const char *path);

/* After the monitor ended: a core left at c->tmp is renamed to c->path
 * (and said so on stderr); anything else there is removed. */
void tess_core_finish(const struct tess_core *c);

/*
 * A QEMU guest crashed and waits (plat/kvm holds it when the status port
 * reads back 0xcd): over QMP at qmp_path, stop it, save its first
 * mem_bytes of RAM (at most 2 GiB), write the core to c->tmp with the
 * registers of the trap frame at guest address frame, and make QEMU quit.
 * Returns 0, or -1 after printing why (QEMU is asked to quit either way).
 */
int tess_core_qemu_take(const struct tess_core *c, const char *qmp_path, uint64_t mem_bytes,
			uint64_t frame);

/* ---- qemu.c: launching QEMU ---- */

#define TESS_QEMU_BIN "qemu-system-x86_64"

/* What tvm needs to boot an image (tvm.c). */
struct tess_tvm_cfg {
	const char *tvm;       /* path of the tvm binary */
	uint64_t mem_kib;
	const char *image;
	const char *cmdline;
	const struct tess_disks *disks; /* --disk FILE[:ro] */
	char **nets;           /* --net TAP values */
	size_t nnets;
	const char *initrd;    /* --initrd FILE, or NULL */
	const struct tess_volume *volumes; /* --volume DIR[,ro] each */
	size_t nvolumes;
	unsigned gdb_port;     /* --gdb PORT: start stopped, serve gdb; 0: no */
	const char *core;      /* --core FILE: the core after a crash; NULL: no */
	int stop_on_term;      /* tess run -d: --stop-on-term (tess stop's SIGTERM
				* asks the guest to shut down) */
};

/*
 * Launch tvm for cfg (printing its command line first if verbose), wait for
 * it (stopping it after timeout_s seconds if nonzero) and return the exit
 * status tess run should use: tvm's own (the guest's status, 125 for tvm
 * errors, 127 for guest crashes), 124 on timeout, 125 if tvm was killed.
 */
int tess_tvm_run(const struct tess_tvm_cfg *cfg, unsigned timeout_s, int verbose);

/* Fill argv (empty on entry) with tvm's command line for cfg. */
void tess_tvm_argv(const struct tess_tvm_cfg *cfg, struct tess_vec *argv);

/* Print argv, shell-quoted, as one line on stderr (for -v). */
void tess_print_command(const struct tess_vec *argv);

struct tess_qemu_cfg {
	const char *machine; /* "microvm" or "pc" */
	int kvm;             /* 1: -accel kvm -cpu host; 0: TCG */
	uint64_t mem_kib;
	const char *image;
	const char *cmdline;
	const char *initrd;  /* -initrd FILE, or NULL */
	const struct tess_volume *volumes; /* virtio-9p shares vol0, vol1, ... */
	size_t nvolumes;
	const struct tess_disks *disks; /* --disk FILE[:ro], or NULL */
	unsigned gdb_port;   /* -gdb tcp:127.0.0.1:PORT -S; 0: no */
	const struct tess_core *core; /* --core: hold a crashed guest for its core; NULL: no */
	const char *qmp;     /* with core: QMP's socket path (tess_qemu_run sets it) */
	const char *control; /* tess run -d: the FIFO of the control port (nr=3), or NULL */
};

/* Fill argv (empty on entry) with the QEMU command line for cfg. */
void tess_qemu_argv(const struct tess_qemu_cfg *cfg, struct tess_vec *argv);

/*
 * Launch QEMU for cfg (printing its command line first if verbose), wait
 * for it (stopping it after timeout_s seconds if nonzero) and return the
 * exit status tess run should use (see tess_qemu_status()).
 */
int tess_qemu_run(const struct tess_qemu_cfg *cfg, unsigned timeout_s, int verbose);

/* The tess_line_fn for QEMU's stderr (ctx: a struct tess_qemu_seen):
 * notes errors and the guest's status line (dropped), stops on KVM errors. */
int tess_qemu_line(void *ctx, const char *line, size_t len);

/* What tess noticed on QEMU's stderr. */
struct tess_qemu_seen {
	int error;       /* a "qemu-system-x86_64: ..." line without "warning" */
	int term_signal; /* QEMU said "terminating on signal N" (exits 0 after) */
	int kvm_error;   /* KVM could not run the guest; QEMU paused it (and
			  * would wait forever), so tess stopped QEMU */
	int guest_status; /* from the guest's status line: 0..255, TESS_EXIT_CRASH
			   * for "crash"; -1: none seen (initialise to -1) */
	int crashed;      /* the guest reported a crash */
	int held;         /* --core: the crashed guest waited for its core to be
			   * taken, then tess made QEMU quit */
};

/*
 * Map how QEMU ended to tess run's exit status, printing the explanation
 * for non-guest outcomes: 128+signal when tess itself was interrupted;
 * 127 after a KVM internal error; 124 on timeout; 125 when QEMU failed
 * (exit 1 with an error line, an even exit code, killed or terminated by a
 * signal); 127 for exit 0 (the guest reset itself); otherwise, for odd
 * exit codes, the guest's status (code >> 1).
 */
int tess_qemu_status(const struct tess_child_result *res, const struct tess_qemu_seen *seen,
		     unsigned timeout_s);

#endif

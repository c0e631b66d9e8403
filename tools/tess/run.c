/* run.c - tess run: options, build (or pull an OCI image), checks on the image and memory, then boot in tvm or QEMU. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "instance.h"
#include "oci.h"
#include "tess.h"

#define MAX_TIMEOUT_S (365U * 24 * 3600)
#define TVM_DEVICES_MAX 8 /* disks, network devices and volumes together (tvm_abi.h) */

enum {
	OPT_MEMORY = 1, OPT_VMM, OPT_MACHINE, OPT_ACCEL, OPT_KOPT, OPT_TIMEOUT,
	OPT_HELP, OPT_DISK, OPT_BLOCK, OPT_NET, OPT_ENV, OPT_INITRD, OPT_VOLUME, OPT_CORE,
	OPT_DETACH, OPT_NAME,
};

static const struct tess_opt run_opts[] = {
	{ OPT_MEMORY, 'm', "memory", 1 },
	{ OPT_VMM, 0, "vmm", 1 },
	{ OPT_MACHINE, 0, "machine", 1 },
	{ OPT_ACCEL, 0, "accel", 1 },
	{ OPT_KOPT, 'k', "kernel-opt", 1 },
	{ OPT_ENV, 'e', "env", 1 },
	{ OPT_DISK, 0, "disk", 1 },
	{ OPT_BLOCK, 0, "block", 1 },
	{ OPT_NET, 0, "net", 1 },
	{ OPT_INITRD, 0, "initrd", 1 },
	{ OPT_VOLUME, 0, "volume", 1 },
	{ OPT_TIMEOUT, 0, "timeout", 1 },
	{ OPT_CORE, 0, "core", 1 },
	{ OPT_DETACH, 'd', "detach", 0 },
	{ OPT_NAME, 0, "name", 1 },
	{ TESS_OPT_BUILDDIR, 'O', "build-dir", 1 },
	{ TESS_OPT_JOBS, 'j', "jobs", 1 },
	{ TESS_OPT_VERBOSE, 'v', "verbose", 0 },
	{ OPT_HELP, 'h', "help", 0 },
	{ 0, 0, NULL, 0 },
};

enum accel { ACCEL_AUTO, ACCEL_KVM, ACCEL_TCG };
enum vmm { VMM_AUTO, VMM_QEMU, VMM_TVM };

struct run_args {
	struct tess_app_args c; /* APPDIR, -O, -j, -v */
	const char *mem_arg;  /* -m as typed, NULL: run.conf's default */
	uint64_t mem_kib;
	const char *machine;
	int machine_set;      /* --machine given: a QEMU option */
	enum accel accel;
	enum vmm vmm;
	struct tess_disks disks;      /* --disk FILE[:ro] (--block FILE[,ro]) */
	struct tess_vec nets;         /* --net TAP (tvm) */
	struct tess_vec kopts;
	struct tess_volume volumes[TESS_MAX_VOLUMES]; /* -v HOSTDIR:GUESTDIR[:ro] */
	size_t nvolumes;
	const char *initrd;   /* --initrd FILE, or the archive packed from DIR */
	int initrd_packed;    /* initrd is a temporary archive (removed at exit) */
	int detach;           /* -d: a background instance */
	const char *name;     /* --name NAME (with -d) */
	uint64_t initrd_kib;  /* its size, rounded up to whole pages */
	unsigned timeout_s;
	unsigned gdb_port;    /* --gdb[=PORT]; 0: not given */
	struct tess_core core; /* --core FILE (core.tmp NULL: not given) */
	int have_args;        /* "--" given: args replace run.conf's */
	char **args;
	size_t nargs;
};

/* Pick value from a list of valid names, or fail listing them. */
static int pick(const char *opt, const char *val, const char *const *valid, size_t n)
{
	struct tess_buf list = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(val, valid[i]) == 0)
			return (int)i;
	for (i = 0; i < n; i++) {
		if (i)
			tess_buf_adds(&list, ", ");
		tess_buf_adds(&list, valid[i]);
	}
	tess_usage("%s %s: not supported; valid: %s", opt, val, list.s);
}

static void parse_memory(struct run_args *a, const char *val)
{
	switch (tess_memsize_parse(val, &a->mem_kib)) {
	case TESS_MEM_OK:
		a->mem_arg = val;
		return;
	case TESS_MEM_ZERO:
		tess_die("-m %s: must be more than zero", val);
	case TESS_MEM_TOO_BIG:
		tess_die("-m %s: too large (at most 512G)", val);
	default:
		tess_die("-m %s: not a memory size (a number with an optional K, M or G suffix)",
			 val);
	}
}

static unsigned parse_timeout(const char *val)
{
	unsigned long n = 0;
	const char *p;

	for (p = val; *p >= '0' && *p <= '9' && n <= MAX_TIMEOUT_S; p++)
		n = n * 10 + (unsigned long)(*p - '0');
	if (p == val || *p || n < 1 || n > MAX_TIMEOUT_S)
		tess_usage("--timeout %s: not a number of seconds (1 to %u)", val, MAX_TIMEOUT_S);
	return (unsigned)n;
}

/* A -k value may hold several options, but no "--": that would end the
 * kernel options early and turn the rest into app arguments. */
static void add_kopt(struct run_args *a, const char *val)
{
	const char *p = val;

	while (*p) {
		size_t sp = strspn(p, " \t\n");
		size_t w;

		p += sp;
		w = strcspn(p, " \t\n");
		if (w == 2 && p[0] == '-' && p[1] == '-')
			tess_usage("-k '%s': kernel options cannot contain '--'", val);
		p += w;
	}
	if (*val)
		tess_vec_push(&a->kopts, val);
}

/* The guest needs need_kib with the initrd, above the most -m allows. */
static _Noreturn void initrd_too_large(const char *file, uint64_t need_kib)
{
	char need_s[32];

	tess_memsize_format(need_kib, need_s, sizeof(need_s));
	tess_die("--initrd %s: too large for any memory size (needs at least %s; at most 3G)",
		 file, need_s);
}

/* --initrd FILE or DIR (opt: how the user gave it, for messages): a
 * readable regular file, or a folder tess packs into a cpio archive
 * (cpio.c), checked before anything is built; with the smallest image it
 * must still fit in the most memory -m allows. */
static void set_initrd(struct run_args *a, const char *opt, const char *val)
{
	struct stat st;

	if (a->initrd)
		tess_usage("--initrd given twice");
	if (stat(val, &st) < 0 || access(val, R_OK) < 0)
		tess_die("%s %s: %s", opt, val, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		val = tess_cpio_pack(val);
		a->initrd_packed = 1;
		if (stat(val, &st) < 0)
			tess_die("%s: %s", val, strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		tess_die("%s %s: not a regular file or a folder", opt, val);
	}
	a->initrd = val;
	a->initrd_kib = ((uint64_t)st.st_size + 4095) / 4096 * 4;
	if (a->initrd_kib + tess_elf_min_kib(0) > TESS_INITRD_MAX_KIB)
		initrd_too_large(val, a->initrd_kib + tess_elf_min_kib(0));
}

/* -e NAME=VALUE: a kernel option the guest's lib/boot turns into an
 * environment variable (it claims no such option itself). Quoted, so the
 * value may hold spaces and quotes. */
static void add_env(struct run_args *a, const char *val)
{
	struct tess_buf b = { 0 };
	char *quoted;
	size_t n = strspn(val, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_0123456789");

	if (n == 0 || val[n] != '=' || (val[0] >= '0' && val[0] <= '9'))
		tess_usage("-e '%s': not NAME=VALUE with NAME of letters, digits and '_' "
			   "(not starting with a digit)", val);
	tess_cmdline_quote(&b, val);
	quoted = tess_buf_take(&b);
	tess_vec_push(&a->kopts, quoted);
	free(quoted);
}

static void add_volume(struct run_args *a, const char *opt, const char *val)
{
	struct tess_volume *v = &a->volumes[a->nvolumes];
	char *kopt;

	if (a->nvolumes == TESS_MAX_VOLUMES)
		tess_usage("at most %d volumes", TESS_MAX_VOLUMES);
	tess_volume_parse(v, opt, val);
	for (size_t i = 0; i < a->nvolumes; i++)
		if (strcmp(a->volumes[i].guest, v->guest) == 0)
			tess_usage("%s %s: %s is already a volume's GUESTDIR", opt, val, v->guest);
	kopt = tess_volume_kopt(v, a->nvolumes++);
	tess_vec_push(&a->kopts, kopt);
	free(kopt);
}

/*
 * -v is --verbose for every command, and --volume for run as docker and
 * kraft spell it: "-v SPEC" and "-vSPEC" are a volume when SPEC holds a
 * ':' (which no app folder may: make cannot handle it), else -v is the
 * flag. Returns 1 when argv[*i] was a volume (consumed).
 */
static int volume_short(struct run_args *a, int argc, char **argv, int *i)
{
	const char *arg = argv[*i];

	if (strncmp(arg, "-v", 2) != 0)
		return 0;
	if (arg[2] && strchr(arg + 2, ':')) {
		add_volume(a, "-v", arg + 2);
		(*i)++;
		return 1;
	}
	if (!arg[2] && *i + 1 < argc && strchr(argv[*i + 1], ':') && argv[*i + 1][0] != '-') {
		add_volume(a, "-v", argv[*i + 1]);
		*i += 2;
		return 1;
	}
	return 0;
}

/* --gdb and --gdb=PORT: the port is optional, so it is never the next
 * word (that would be APPDIR). Returns 1 when argv[*i] was --gdb. */
static int gdb_option(struct run_args *a, char **argv, int *i)
{
	const char *arg = argv[*i];

	if (strcmp(arg, "--gdb") == 0)
		a->gdb_port = TESS_GDB_PORT_DEFAULT;
	else if (strncmp(arg, "--gdb=", 6) == 0)
		a->gdb_port = tess_gdb_port_parse("--gdb=", arg + 6);
	else
		return 0;
	(*i)++;
	return 1;
}

static void parse_args(int argc, char **argv, struct run_args *a)
{
	static const char *const machines[] = { "microvm", "pc" };
	static const char *const accels[] = { "auto", "kvm", "tcg" };
	struct tess_optparse p = { .argc = argc, .argv = argv, .i = 1, .opts = run_opts };
	const char *val;
	int id;

	for (;;) {
		if (!p.only_positional && p.i < argc && volume_short(a, argc, argv, &p.i))
			continue;
		if (!p.only_positional && p.i < argc && gdb_option(a, argv, &p.i))
			continue;
		if ((id = tess_opt_next(&p, &val)) == TESS_OPT_END)
			break;
		if (tess_app_opt(&a->c, id, val))
			continue;
		switch (id) {
		case TESS_OPT_DASHDASH:
			a->have_args = 1;
			a->args = argv + p.i;
			a->nargs = (size_t)(argc - p.i);
			return;
		case OPT_MEMORY:
			parse_memory(a, val);
			break;
		case OPT_VMM:
			a->vmm = tess_parse_vmm_is_tvm(val) ? VMM_TVM : VMM_QEMU;
			break;
		case OPT_MACHINE:
			a->machine = machines[pick("--machine", val, machines, 2)];
			a->machine_set = 1;
			break;
		case OPT_DISK:
			tess_disk_add(&a->disks, "--disk", val);
			break;
		case OPT_BLOCK:
			tess_disk_add(&a->disks, "--block", val);
			break;
		case OPT_NET:
			tess_vec_push(&a->nets, val);
			break;
		case OPT_ACCEL:
			a->accel = (enum accel)pick("--accel", val, accels, 3);
			break;
		case OPT_KOPT:
			add_kopt(a, val);
			break;
		case OPT_ENV:
			add_env(a, val);
			break;
		case OPT_INITRD:
			set_initrd(a, "--initrd", val);
			break;
		case OPT_VOLUME:
			add_volume(a, "--volume", val);
			break;
		case OPT_TIMEOUT:
			a->timeout_s = parse_timeout(val);
			break;
		case OPT_CORE:
			if (a->core.tmp)
				tess_usage("--core given twice");
			tess_core_check(&a->core, val);
			break;
		case OPT_DETACH:
			a->detach = 1;
			break;
		case OPT_NAME:
			tess_inst_name_check(val);
			a->name = val;
			break;
		case OPT_HELP:
			tess_help("run");
			exit(0);
		}
	}
}

/* The image must exist, be a sane ELF, and fit in the memory asked for
 * (with the initrd, which goes at the top of RAM). */
static uint64_t check_image(const struct run_args *a, const struct tess_runconf *rc)
{
	const char *reason = NULL;
	uint64_t end, need, mem;
	char have_s[32], need_s[32];

	switch (tess_elf_load_end(rc->image, &end, &reason)) {
	case -1:
		tess_die("%s: %s", rc->image, strerror(errno));
	case -2:
		tess_die("%s: not a valid ELF64 x86-64 image (%s)", rc->image, reason);
	}
	need = tess_elf_min_kib(end) + a->initrd_kib;
	if (a->initrd && need > TESS_INITRD_MAX_KIB)
		initrd_too_large(a->initrd, need);
	mem = a->mem_arg ? a->mem_kib : rc->memory_kib;
	if (mem >= need)
		return mem;
	tess_memsize_format(need, need_s, sizeof(need_s));
	if (a->mem_arg)
		tess_die("-m %s is too small for %s%s (needs at least %s)", a->mem_arg, rc->name,
			 a->initrd ? " and its initrd" : "", need_s);
	tess_memsize_format(mem, have_s, sizeof(have_s));
	tess_die("default memory %s is too small for %s%s (needs at least %s; use -m)", have_s,
		 rc->name, a->initrd ? " and its initrd" : "", need_s);
}

/*
 * tvm is the default where KVM is usable and bin/tvm exists, unless a QEMU
 * option (--machine, --accel) was given; QEMU otherwise. Contradictions are
 * usage errors; a tvm that cannot run is an error, not a silent fallback.
 */
static enum vmm choose_vmm(const struct run_args *a, const char *tvm, int kvm_ok,
			   const char *reason)
{
	int qemu_opts = a->machine_set || a->accel != ACCEL_AUTO;
	int tvm_opts = a->nets.n != 0;
	enum vmm v = a->vmm;

	if (v == VMM_AUTO)
		v = !qemu_opts && kvm_ok && access(tvm, X_OK) == 0 ? VMM_TVM : VMM_QEMU;
	if (v == VMM_TVM && qemu_opts)
		tess_usage("--machine and --accel are QEMU options; tvm always uses KVM");
	if (v == VMM_QEMU && tvm_opts)
		tess_usage("--net needs --vmm tvm");
	if (v == VMM_TVM && a->disks.n + a->nets.n + a->nvolumes > TVM_DEVICES_MAX)
		tess_usage("tvm attaches at most %d devices; %zu --disk, %zu --net and %zu -v given",
			   TVM_DEVICES_MAX, a->disks.n, a->nets.n, a->nvolumes);
	if (v == VMM_TVM && !kvm_ok)
		tess_die("--vmm tvm: KVM not usable (%s)", reason);
	if (v == VMM_TVM && access(tvm, X_OK) != 0)
		tess_die("%s: %s (build it with 'make' in the Tessera tree)", tvm, strerror(errno));
	return v;
}

/* The guest's isatty() on descriptors 0-2 answers as for tess's own
 * standard input and output (lib/vfs/stdfds.c), unless -k set it. */
static void add_console_tty(struct run_args *a)
{
	for (size_t i = 0; i < a->kopts.n; i++)
		if (strncmp(a->kopts.v[i], "console.tty=", 12) == 0)
			return;
	/* -d: the output goes to the instance's log, the input is empty. */
	if (a->detach)
		tess_vec_push(&a->kopts, "console.tty=none");
	else
		tess_vec_pushf(&a->kopts, "console.tty=%s",
			       isatty(0) ? (isatty(1) ? "in,out" : "in") : (isatty(1) ? "out" : "none"));
}

/* tess run oci:DIR or REGISTRY/NAME:TAG: the image decides the monitor
 * (it was built for one) and QEMU's machine unless --machine is given. */
static void use_image(struct run_args *a, struct tess_runconf *rc)
{
	struct tess_image_run how;

	if (a->c.builddir)
		tess_usage("-O has no meaning for an image (%s)", a->c.appdir);
	tess_image_runconf(a->c.appdir, rc, &how);
	if (a->vmm == VMM_AUTO)
		a->vmm = how.tvm ? VMM_TVM : VMM_QEMU;
	else if ((a->vmm == VMM_TVM) != how.tvm)
		tess_usage("--vmm %s: %s was built for %s", a->vmm == VMM_TVM ? "tvm" : "qemu",
			   a->c.appdir, how.tvm ? "tvm" : "qemu");
	if (!a->machine_set)
		a->machine = how.machine;
	if (!a->initrd && how.initrd)
		set_initrd(a, "the image's initrd", how.initrd);
}

/* Build as tess build does, but what the build prints goes to stderr:
 * stdout is the guest's console (tess run APP > out.bin keeps only what
 * the program wrote), or with -d the instance's name only, for
 * $(tess run -d ...). */
static int build(const struct tess_app *app, const struct run_args *a)
{
	int saved, status;

	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	if (saved < 0)
		tess_die("cannot duplicate standard output: %s", strerror(errno));
	dup2(STDERR_FILENO, STDOUT_FILENO);
	status = tess_make(app, NULL, a->c.jobs ? a->c.jobs : tess_ncpus(), a->c.verbose);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	return status;
}

/*
 * -d: the instance's folder is prepared (its name reserved), the monitor's
 * command line made with the control port in it, and a detached supervisor
 * started (instance-super.c). A packed initrd is copied into the folder:
 * the temporary archive goes when this tess ends.
 */
static int run_detached(struct run_args *a, const struct tess_runconf *rc, int is_tvm,
			const char *tvm, int kvm_ok, uint64_t mem, const char *cmdline,
			const char *reason)
{
	struct tess_inst_launch la = {
		.is_tvm = is_tvm, .name = a->name, .app_name = rc->name,
		.app = a->c.appdir ? a->c.appdir : ".", .image = rc->image, .mem_kib = mem,
		.gdb_port = (int)a->gdb_port,
	};
	const char *initrd = a->initrd;

	tess_inst_prepare(&la);
	if (a->initrd_packed)
		initrd = tess_inst_keep(&la, a->initrd, "initrd.cpio");
	if (is_tvm) {
		struct tess_tvm_cfg t = {
			.tvm = tvm, .mem_kib = mem, .image = rc->image, .cmdline = cmdline,
			.disks = &a->disks, .nets = a->nets.v, .nnets = a->nets.n, .initrd = initrd,
			.volumes = a->volumes, .nvolumes = a->nvolumes, .stop_on_term = 1,
			.gdb_port = a->gdb_port,
		};
		tess_tvm_argv(&t, &la.argv);
	} else {
		struct tess_qemu_cfg q = {
			.machine = a->machine, .kvm = kvm_ok, .mem_kib = mem, .image = rc->image,
			.cmdline = cmdline, .initrd = initrd, .disks = &a->disks,
			.volumes = a->volumes, .nvolumes = a->nvolumes, .control = la.control,
			.gdb_port = a->gdb_port,
		};
		tess_qemu_argv(&q, &la.argv);
		if (a->accel == ACCEL_AUTO && !kvm_ok)
			tess_err("KVM not usable (%s); falling back to TCG (slow)", reason);
	}
	if (a->c.verbose)
		tess_print_command(&la.argv);
	return tess_inst_start(&la);
}

int tess_cmd_run(int argc, char **argv)
{
	struct run_args a = { .machine = "microvm", .accel = ACCEL_AUTO };
	struct tess_runconf rc;
	struct tess_app app;
	char reason[256] = "";
	char *runconf, *tvm, *cmdline, *root;
	int kvm_ok = 0, status, is_image;
	enum vmm vmm;
	uint64_t mem;

	parse_args(argc, argv, &a);
	is_image = a.c.appdir && tess_oci_ref_is(a.c.appdir);
	if (is_image) {
		use_image(&a, &rc);
		root = tess_find_root();
	} else {
		tess_app_resolve(&app, a.c.appdir, a.c.builddir);
		root = app.root;
	}
	if (a.name && !a.detach)
		tess_usage("--name names a background instance: use it with -d");
	if (a.detach && a.timeout_s)
		tess_usage("--timeout cannot be used with -d (stop it with 'tess stop -t SEC NAME')");
	if (a.detach && a.core.tmp)
		tess_usage("--core cannot be used with -d");
	if (a.name)
		tess_inst_name_free(a.name); /* fail before building; the start decides */

	/* Everything that can fail without building is checked first. */
	if (a.accel != ACCEL_TCG)
		kvm_ok = tess_kvm_usable(reason, sizeof(reason));
	tvm = tess_path_join(root, "bin/tvm");
	vmm = choose_vmm(&a, tvm, kvm_ok, reason);
	if (vmm == VMM_QEMU && !tess_in_path(TESS_QEMU_BIN))
		tess_die("'%s' not found; install the Debian package 'qemu-system-x86'",
			 TESS_QEMU_BIN);
	if (a.accel == ACCEL_KVM && !kvm_ok)
		tess_die("--accel kvm: KVM not usable (%s)", reason);
	if (a.gdb_port)
		tess_gdb_port_check(a.gdb_port);

	if (!is_image) {
		app.plat = vmm == VMM_TVM ? "tvm" : "kvm";
		status = build(&app, &a);
		if (status)
			return status;

		runconf = tess_path_join(app.builddir, "run.conf");
		if (tess_runconf_load(runconf, &rc) < 0)
			return TESS_EXIT_RUNFAIL;
		free(runconf);
		if (!a.initrd && *rc.rootfs) /* the Tessfile's rootfs = DIR, unless --initrd */
			set_initrd(&a, "rootfs", tess_path_join(app.appdir, rc.rootfs));
	}

	mem = check_image(&a, &rc);
	if (rc.console_tty)
		add_console_tty(&a);

	/* The guest's side of tess stop on QEMU: the port the supervisor
	 * writes a stop request to (instance-super.c, plat/kvm). */
	if (a.detach && vmm == VMM_QEMU)
		tess_vec_push(&a.kopts, "tess.stop=3");
	cmdline = tess_cmdline_build(rc.kernel_args, a.kopts.v, a.kopts.n, a.have_args,
				     a.args, a.nargs, rc.args);
	if (strlen(cmdline) > TESS_CMDLINE_MAX)
		tess_die("the guest command line is %zu bytes, more than the %d it can hold (128 KiB with its end)",
			 strlen(cmdline), TESS_CMDLINE_MAX);
	if (a.gdb_port)
		tess_gdb_hint(rc.image, a.gdb_port, app.shown, a.c.builddir);
	if (a.detach)
		return run_detached(&a, &rc, vmm == VMM_TVM, tvm, kvm_ok, mem, cmdline, reason);
	if (vmm == VMM_TVM) {
		struct tess_tvm_cfg t = {
			.tvm = tvm, .mem_kib = mem, .image = rc.image, .cmdline = cmdline,
			.disks = &a.disks,
			.nets = a.nets.v, .nnets = a.nets.n, .initrd = a.initrd,
			.volumes = a.volumes, .nvolumes = a.nvolumes,
			.gdb_port = a.gdb_port, .core = a.core.tmp,
		};
		status = tess_tvm_run(&t, a.timeout_s, a.c.verbose);
		tess_core_finish(&a.core);
		return status;
	}
	struct tess_qemu_cfg q = {
		.machine = a.machine, .kvm = kvm_ok, .mem_kib = mem, .image = rc.image,
		.cmdline = cmdline, .initrd = a.initrd, .disks = &a.disks,
		.volumes = a.volumes, .nvolumes = a.nvolumes,
		.gdb_port = a.gdb_port, .core = a.core.tmp ? &a.core : NULL,
	};
	if (a.accel == ACCEL_AUTO && !kvm_ok)
		tess_err("KVM not usable (%s); falling back to TCG (slow)", reason);
	status = tess_qemu_run(&q, a.timeout_s, a.c.verbose);
	tess_core_finish(&a.core);
	return status;
}

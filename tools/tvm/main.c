/* main.c: tvm's command line, and the order of start-up: devices, image, KVM, confinement, run. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tvm.h"

#define VERSION "0.1"
#define MIB (1ull << 20)
#define MEM_DEFAULT (4 * MIB)
#define MEM_MAX TVM_MEM_MAX
#define MEM_FREE_MIN (64ull << 10)

/* tvm --help: usage_head, each device kind's lines (devices.c), usage_tail. */
static const char usage_head[] =
	"Usage: tvm [OPTION]... IMAGE\n"
	"Run the Tessera unikernel IMAGE (an ELF file built for tvm) in a KVM virtual machine.\n"
	"\n"
	"  -m, --mem SIZE          guest RAM: a number with an optional K, M or G suffix\n"
	"                          (no suffix: MiB); default 4M, at most 64G\n"
	"  -a, --append CMDLINE    the guest's command line\n";
static const char usage_tail[] =
	"      --initrd FILE       load FILE into the top of guest RAM as the initial RAM disk\n"
	"      --gdb PORT          wait for gdb on 127.0.0.1:PORT before the guest's first\n"
	"                          instruction, and serve it (registers, memory, hardware\n"
	"                          breakpoints, single steps)\n"
	"      --core FILE         if the guest crashes, write an ELF core file of its\n"
	"                          registers and memory to FILE (created at start)\n"
	"      --stop-on-term      SIGTERM asks the guest to shut down (it sees it at its next\n"
	"                          wait) instead of ending tvm; a second SIGTERM ends tvm\n"
	"      --help              show this help and exit\n"
	"      --version           show the version and exit\n"
	"\n"
	"Devices get ids in command-line order, all --block devices first, then all --net,\n"
	"then all --volume.\n"
	"Exit status: the guest's own (0-255); 127 if the guest crashed; 125 if tvm\n"
	"could not start or run it. See docs/tvm.md.\n";

static void print_usage(void)
{
	fputs(usage_head, stdout);
	for (unsigned k = 0; k < tvm_ndev_kinds; k++)
		fputs(tvm_dev_kinds[k].help, stdout);
	fputs(usage_tail, stdout);
}

void tvm_err(const char *fmt, ...)
{
	va_list ap;

	fputs("tvm: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static _Noreturn void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static _Noreturn void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("tvm: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see tvm --help)\n", stderr);
	exit(TVM_EXIT_ERROR);
}

/* "64", "64M", "512K", "1G" -> bytes (no suffix: MiB; T is accepted, to be refused as too large). */
static uint64_t parse_mem(const char *s)
{
	uint64_t n = 0, unit = MIB;
	const char *p = s;

	if (*p < '0' || *p > '9')
		usage_error("invalid memory size '%s'", s);
	for (; *p >= '0' && *p <= '9'; p++)
		if (__builtin_mul_overflow(n, 10, &n) || __builtin_add_overflow(n, (uint64_t)(*p - '0'), &n))
			usage_error("memory size '%s' is too large (at most 64G)", s);
	switch (*p) {
	case 'k': case 'K': unit = 1ull << 10; p++; break;
	case 'm': case 'M': unit = MIB; p++; break;
	case 'g': case 'G': unit = 1ull << 30; p++; break;
	case 't': case 'T': unit = 1ull << 40; p++; break;
	case '\0': break;
	default: usage_error("invalid memory size '%s'", s);
	}
	if (*p)
		usage_error("invalid memory size '%s'", s);
	if (n == 0)
		usage_error("memory size '%s' must be positive", s);
	if (__builtin_mul_overflow(n, unit, &n) || n > MEM_MAX)
		usage_error("memory size '%s' is too large (at most 64G)", s);
	if (n % TVM_PAGE)
		usage_error("memory size '%s' is not a multiple of 4K", s);
	return n;
}

struct options {
	uint64_t mem;
	const char *mem_arg;
	const char *cmdline;
	const char *image;
	struct {
		unsigned kind;   /* index in tvm_dev_kinds */
		const char *arg;
	} dev[TVM_MAX_DEVICES];         /* in command-line order */
	unsigned ndev;
	const char *initrd;
	unsigned gdb_port;  /* 0: no --gdb */
	const char *core;   /* NULL: no --core */
	int selftest;
	int stop_on_term; /* --stop-on-term */
};

/* --gdb PORT: 1..65535. */
static unsigned parse_port(const char *s)
{
	unsigned long n = 0;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9' && n <= 65535; p++)
		n = n * 10 + (unsigned long)(*p - '0');
	if (p == s || *p || n < 1 || n > 65535)
		usage_error("--gdb %s: not a port number (1 to 65535)", s);
	return (unsigned)n;
}

static void parse_args(int argc, char **argv, struct options *o)
{
	/* Device options are OPT_DEV + their index in tvm_dev_kinds. */
	enum { OPT_INITRD = 256, OPT_HELP, OPT_VERSION, OPT_SELFTEST, OPT_GDB, OPT_CORE, OPT_STOP, OPT_DEV };
	static const struct option fixed[] = {
		{"mem", required_argument, NULL, 'm'},
		{"append", required_argument, NULL, 'a'},
		{"initrd", required_argument, NULL, OPT_INITRD},
		{"help", no_argument, NULL, OPT_HELP},
		{"version", no_argument, NULL, OPT_VERSION},
		{"seccomp-selftest", no_argument, NULL, OPT_SELFTEST},
		{"gdb", required_argument, NULL, OPT_GDB},
		{"core", required_argument, NULL, OPT_CORE},
		{"stop-on-term", no_argument, NULL, OPT_STOP},
	};
	const unsigned nfixed = sizeof fixed / sizeof fixed[0];
	struct option longopts[nfixed + tvm_ndev_kinds + 1];
	int c;

	memcpy(longopts, fixed, sizeof fixed);
	for (unsigned k = 0; k < tvm_ndev_kinds; k++)
		longopts[nfixed + k] = (struct option){tvm_dev_kinds[k].option, required_argument,
						       NULL, OPT_DEV + (int)k};
	longopts[nfixed + tvm_ndev_kinds] = (struct option){NULL, 0, NULL, 0};

	memset(o, 0, sizeof *o);
	o->mem = MEM_DEFAULT;
	o->mem_arg = "4M";
	o->cmdline = "";
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:a:", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			o->mem = parse_mem(optarg);
			o->mem_arg = optarg;
			break;
		case 'a':
			if (strlen(optarg) >= TVM_CMDLINE_MAX)
				usage_error("command line too long (%zu bytes, at most %d)",
					    strlen(optarg), TVM_CMDLINE_MAX - 1);
			o->cmdline = optarg;
			break;
		case OPT_INITRD:
			if (o->initrd)
				usage_error("only one --initrd");
			o->initrd = optarg;
			break;
		case OPT_GDB:
			o->gdb_port = parse_port(optarg);
			break;
		case OPT_CORE:
			if (o->core)
				usage_error("only one --core");
			o->core = optarg;
			break;
		case OPT_HELP:
			print_usage();
			exit(0);
		case OPT_VERSION:
			puts("tvm " VERSION);
			exit(0);
		case OPT_SELFTEST:
			o->selftest = 1;
			break;
		case OPT_STOP:
			o->stop_on_term = 1;
			break;
		case ':':
			usage_error("option '%s' needs an argument", argv[optind - 1]);
		default:
			if (c >= OPT_DEV && c < OPT_DEV + (int)tvm_ndev_kinds) {
				if (o->ndev == TVM_MAX_DEVICES)
					usage_error("too many devices (at most %d)", TVM_MAX_DEVICES);
				o->dev[o->ndev].kind = (unsigned)(c - OPT_DEV);
				o->dev[o->ndev++].arg = optarg;
				break;
			}
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		o->image = argv[optind++];
	if (optind < argc)
		usage_error("unexpected argument '%s' (guest arguments go in -a)", argv[optind]);
	if (!o->image && !o->selftest)
		usage_error("no image given");
}

/* Map the image file read-only. Returns its bytes, or NULL after printing why. */
static const uint8_t *map_image(const char *path, size_t *len)
{
	uint64_t size;
	int fd = tvm_file_open(path, O_RDONLY, NULL, &size);

	if (fd < 0)
		return NULL;
	if (size == 0) {
		tvm_err("%s: empty file", path);
		close(fd);
		return NULL;
	}
	void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		tvm_err("%s: %s", path, strerror(errno));
		return NULL;
	}
	*len = (size_t)size;
	return p;
}

static void on_term(int sig)
{
	(void)sig;
	if (!tvm_stop_request)
		tvm_stop_request = 1;
}

/* --stop-on-term: the first SIGTERM becomes the guest's stop request
 * (hypercall.c reports it to the next WAIT; the signal also ends a WAIT's
 * ppoll or a KVM_RUN early). SA_RESETHAND: a second one ends tvm as
 * before. Installed before the seccomp filter; returning from the handler
 * (rt_sigreturn) is allowed by it. */
static int stop_on_term_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) < 0) {
		tvm_err("cannot catch SIGTERM: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* --seccomp-selftest: a forbidden call under the real filter must kill us. */
static _Noreturn void seccomp_selftest(int vcpu_fd, const struct tvm_machine *m)
{
	if (tvm_seccomp_install(vcpu_fd, m))
		exit(TVM_EXIT_ERROR);
	socket(AF_INET, SOCK_STREAM, 0);
	tvm_err("seccomp self-test: socket() was not stopped by the filter");
	exit(TVM_EXIT_ERROR);
}

/* A closed stdin, stdout or stderr would be reused by the next open: the
 * guest's console would then write into a block device or the image. Hold
 * each such slot with /dev/null opened read-only, so writes to it fail
 * (EBADF) and are reported like any failed console write. */
static void hold_std_fds(void)
{
	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF &&
		    open("/dev/null", O_RDONLY) != fd)
			exit(TVM_EXIT_ERROR);
}

/* The guest's status, unless its console output was lost: then tvm fails,
 * as a Linux program whose standard output fails does. */
static int exit_status(int status, const struct tvm_machine *m)
{
	if (!m->console_err)
		return status;
	tvm_err("console output failed: %s (the guest's exit status was %d)",
		strerror(-m->console_err), status);
	return TVM_EXIT_ERROR;
}

/* Open the devices kind by kind in tvm_dev_kinds' order (their ids), each
 * kind's in command-line order. Returns 0, or -1 after printing why. */
static int open_devices(const struct options *o, struct tvm_machine *m)
{
	for (unsigned k = 0; k < tvm_ndev_kinds; k++) {
		unsigned index = 0;

		for (unsigned i = 0; i < o->ndev; i++) {
			if (o->dev[i].kind != k)
				continue;
			if (tvm_dev_open(&tvm_dev_kinds[k], &m->dev[m->ndev++], o->dev[i].arg, index++))
				return -1;
		}
	}
	return 0;
}

/* How many of m's devices are of type (TVM_DEV_*). */
static unsigned count_type(const struct tvm_machine *m, uint32_t type)
{
	unsigned n = 0;

	for (unsigned i = 0; i < m->ndev; i++)
		n += m->dev[i].info.type == type;
	return n;
}

int main(int argc, char **argv)
{
	static struct tvm_machine m;
	struct options o;
	struct tvm_image img;
	struct tvm_vm vm;
	struct tvm_initrd rd = {.fd = -1};
	char err[256];
	size_t len;

	hold_std_fds();
	parse_args(argc, argv, &o);
	if (!o.image)
		seccomp_selftest(-1, NULL);

	/* Devices first: a missing file or TAP is the user's to fix, whatever the image. */
	if (open_devices(&o, &m))
		return TVM_EXIT_ERROR;
	if (o.initrd && tvm_initrd_open(&rd, o.initrd))
		return TVM_EXIT_ERROR;
	/* Opened now, as the user's other files: no open() once confined.
	 * Not truncated: it is written (and sized) only after a crash. */
	if (o.core && (m.core_fd = open(o.core, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) < 0) {
		tvm_err("--core %s: %s", o.core, strerror(errno));
		return TVM_EXIT_ERROR;
	}

	const uint8_t *file = map_image(o.image, &len);
	if (!file)
		return TVM_EXIT_ERROR;
	/* Fresh anonymous memory is zero; MAP_NORESERVE: untouched RAM costs nothing. */
	uint8_t *ram = mmap(NULL, o.mem, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ram == MAP_FAILED) {
		tvm_err("cannot map %s of guest memory: %s", o.mem_arg, strerror(errno));
		return TVM_EXIT_ERROR;
	}
	if (tvm_elf_load(file, len, ram, o.mem, 1, &img, err, sizeof err)) {
		tvm_err("%s: %s", o.image, err);
		return TVM_EXIT_ERROR;
	}
	munmap((void *)file, len);
	if (o.mem < tvm_free_start(&img) + MEM_FREE_MIN) {
		tvm_err("-m %s is too small for %s: it needs at least %lluK", o.mem_arg, o.image,
			(unsigned long long)((tvm_free_start(&img) + MEM_FREE_MIN) >> 10));
		return TVM_EXIT_ERROR;
	}
	unsigned nblock = count_type(&m, TVM_DEV_BLOCK), nnet = count_type(&m, TVM_DEV_NET);
	if (img.info.flags & TVM_IMAGE_F_ANY_BLOCK) {
		if (img.info.nnet != nnet) {
			tvm_err("%s needs %u network devices; %u given", o.image, img.info.nnet, nnet);
			return TVM_EXIT_ERROR;
		}
	} else if (img.info.nblock != nblock || img.info.nnet != nnet) {
		tvm_err("%s needs %u block and %u network devices; %u and %u given", o.image,
			img.info.nblock, img.info.nnet, nblock, nnet);
		return TVM_EXIT_ERROR;
	}
	/* An empty initrd is no initrd, as with QEMU. */
	if (o.initrd && tvm_initrd_load(&rd, ram, o.mem, tvm_free_start(&img) + MEM_FREE_MIN, err,
					sizeof err)) {
		tvm_err("%s", err);
		return TVM_EXIT_ERROR;
	}

	if (tvm_vm_create(&vm, ram, o.mem))
		return TVM_EXIT_ERROR;
	if (tvm_machine_build(ram, o.mem, &img, o.cmdline, m.dev, m.ndev, rd.size ? &rd : NULL,
			      vm.tsc_hz, err, sizeof err)) {
		tvm_err("%s: %s", o.image, err);
		return TVM_EXIT_ERROR;
	}
	if (tvm_vm_boot_regs(&vm, &img))
		return TVM_EXIT_ERROR;

	m.ram = ram;
	m.ram_size = o.mem;
	m.cr3 = TVM_PML4_GPA;
	m.host = &tvm_host_real;
	/* WAIT's timeouts are ppoll timeouts: without this, Linux may let
	 * them run up to 50 us late (the default timer slack). */
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
	if (tvm_timer_init(vm.vcpu))
		return TVM_EXIT_ERROR;
	if (o.gdb_port && (m.gdb_fd = tvm_gdb_wait(o.gdb_port)) < 0)
		return TVM_EXIT_ERROR;
	if (o.stop_on_term && stop_on_term_init())
		return TVM_EXIT_ERROR;
	if (o.selftest)
		seccomp_selftest(vm.vcpu, &m);
	if (tvm_seccomp_install(vm.vcpu, &m))
		return TVM_EXIT_ERROR;
	int status = m.gdb_fd > 0 ? tvm_gdb_kvm_session(&vm, &m, m.gdb_fd) : -1;
	if (status < 0)
		status = tvm_vm_run(&vm, &m);
	if (m.core_fd > 0 && vm.crashed && tvm_core_write(&vm, &m) == 0)
		fprintf(stderr, "tvm: core dump written to %s\n", o.core);
	return exit_status(status, &m);
}

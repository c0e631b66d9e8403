/* main.c - tess entry point: command dispatch, --help and --version. */
#include <stdio.h>
#include <string.h>

#include "oci.h"
#include "tess.h"

static const char help_main[] =
	"Usage: tess <command> [options]\n"
	"\n"
	"Build and run Tessera unikernel apps.\n"
	"\n"
	"Commands:\n"
	"  build   Build an app\n"
	"  run     Build an app, then boot it in a virtual machine\n"
	"  menu    Edit an app's configuration in a menu (saved to its Tessfile)\n"
	"  clean   Remove an app's build outputs\n"
	"  pkg     Build an app and package it as an OCI image (folder or registry)\n"
	"  pull    Fetch an OCI image into the local cache\n"
	"  images  List the images in the local cache\n"
	"  gdb     Attach gdb to an app started with 'tess run --gdb'\n"
	"  ps      List background instances (tess run -d)\n"
	"  logs    Show a background instance's console output\n"
	"  stop    Stop a background instance\n"
	"  rm      Remove a stopped instance's state\n"
	"  help    Show the help of a command: tess help <command>\n"
	"\n"
	"Options:\n"
	"  -h, --help     Show this help\n"
	"      --version  Show the version of tess\n"
	"\n"
	"An app is a folder with a Tessfile; commands take it as APPDIR (default:\n"
	"the current directory). 'tess <command> --help' shows a command's options.\n"
	"\n"
	"Environment:\n"
	"  TESSERA_ROOT   Tessera source tree (default: two levels above the tess binary)\n"
	"  TESS_STATE_DIR Where background instances are kept (default:\n"
	"                 $XDG_RUNTIME_DIR/tessera/instances, else\n"
	"                 ~/.local/state/tessera/instances)\n";

static const char help_build[] =
	"Usage: tess build [APPDIR] [options]\n"
	"\n"
	"Build the app in APPDIR (default: the current directory).\n"
	"\n"
	"Options:\n"
	"  -O, --build-dir DIR  Build directory (default: APPDIR/build)\n"
	"      --vmm VMM        Build for tvm or qemu (default: the app's own\n"
	"                       configuration, normally qemu)\n"
	"  -j, --jobs N         Parallel build jobs (default: number of CPUs)\n"
	"  -v, --verbose        Show the full build commands\n"
	"  -h, --help           Show this help\n"
	"\n"
	"The build directory must be new, empty or an earlier build directory;\n"
	"a second build of it waits for the first.\n"
	"\n"
	"Exit status: 0 built, 1 build failed, 2 bad command line.\n";

static const char help_run[] =
	"Usage: tess run [APPDIR] [options] [-- ARGS...]\n"
	"       tess run oci:DIR[:TAG] | REGISTRY/NAME[:TAG] [options] [-- ARGS...]\n"
	"\n"
	"Build the app in APPDIR (default: the current directory; the build's\n"
	"messages go to standard error), then boot it in tvm (where KVM is\n"
	"usable) or QEMU, with the console on this terminal: its output on\n"
	"standard output, its input (/dev/console) from standard input, whose\n"
	"end the guest sees as end of file. ARGS after '--' replace the app's\n"
	"default arguments ('--' alone: no arguments).\n"
	"\n"
	"An image made by 'tess pkg' (oci:DIR, or REGISTRY/NAME on a plain-HTTP\n"
	"registry) is pulled into the local cache and booted with the memory,\n"
	"arguments, kernel options, monitor and machine its config records.\n"
	"\n"
	"Options:\n"
	"  -m, --memory MEM       Guest memory: a number with an optional K, M or G\n"
	"                         suffix, no suffix means M (default: the app's own;\n"
	"                         at most 512G)\n"
	"      --vmm VMM          Virtual machine monitor: tvm or qemu (default: tvm\n"
	"                         where KVM is usable and no QEMU option is given,\n"
	"                         else qemu)\n"
	"      --disk FILE[:ro]   Attach FILE as a disk (vda, vdb, ... in order;\n"
	"                         repeatable, at most 8): a file of whole 512-byte\n"
	"                         sectors; ':ro' makes it read-only. tvm, microvm\n"
	"                         and pc. --block FILE[,ro] is the same\n"
	"      --net TAP          tvm: attach a network device on the TAP interface\n"
	"                         (repeatable)\n"
	"  -v, --volume HOSTDIR:GUESTDIR[:ro]\n"
	"                         Share the host folder HOSTDIR with the app, mounted\n"
	"                         at GUESTDIR at boot (9P: QEMU's virtio-9p or tvm's\n"
	"                         own server, confined to HOSTDIR); ':ro' refuses\n"
	"                         every change. Repeatable (up to 8); the app needs\n"
	"                         LIB9PFS. -v without a ':' in the next word is\n"
	"                         --verbose\n"
	"      --initrd FILE|DIR  Load FILE as the initial RAM disk (the app reads it\n"
	"                         with ts_plat_initrd(), or gets a cpio archive as\n"
	"                         its root with LIBCPIO; see docs/apps.md); a folder\n"
	"                         is packed into a cpio archive first. Default: the\n"
	"                         Tessfile's rootfs = DIR\n"
	"      --machine MACHINE  QEMU machine: microvm or pc (default microvm)\n"
	"      --accel ACCEL      QEMU: auto, kvm or tcg (default auto: KVM if\n"
	"                         usable, else TCG)\n"
	"  -k, --kernel-opt KOPT  Add kernel options, e.g. -k loglevel=debug\n"
	"                         (repeatable)\n"
	"  -e, --env NAME=VALUE   Set an environment variable for the app\n"
	"                         (repeatable; the guest gets it as an unclaimed\n"
	"                         kernel option, see docs/apps.md)\n"
	"      --timeout SEC      Stop the guest after SEC seconds\n"
	"      --gdb[=PORT]       Start the guest stopped and serve gdb on\n"
	"                         127.0.0.1:PORT (default 1234); prints how to\n"
	"                         attach (or use tess gdb)\n"
	"      --core FILE        When the guest crashes, write an ELF core file of\n"
	"                         its memory and registers to FILE, for\n"
	"                         gdb IMAGE.dbg FILE\n"
	"  -d, --detach           Run in the background: build, start the monitor,\n"
	"                         print the instance's name and return (see tess ps,\n"
	"                         logs, stop, rm)\n"
	"      --name NAME        With -d: the instance's name (letters, digits, '_',\n"
	"                         '.', '-'; at most 64; default: the app's name and a\n"
	"                         random suffix)\n"
	"  -O, --build-dir DIR    Build directory (default: APPDIR/build)\n"
	"  -j, --jobs N           Parallel build jobs (default: number of CPUs)\n"
	"  -v, --verbose          Show the full build commands and the tvm or QEMU\n"
	"                         command line\n"
	"  -h, --help             Show this help\n"
	"\n"
	"Exit status: the guest's exit status (0..255); 124 timeout; 125 tess, tvm\n"
	"or QEMU failure (bad option, build failure, ...); 127 also when the guest\n"
	"crashed or reset (with a 'guest crashed' or other message); 130/143 tess\n"
	"was interrupted (SIGINT/SIGTERM); 141 tess's output was closed. With -d:\n"
	"0 once the instance runs, 125 if it could not be started.\n";

static const char help_ps[] =
	"Usage: tess ps [-a] [--format table|json]\n"
	"\n"
	"List the background instances (tess run -d) that are running; with -a\n"
	"also those that ended. Columns: name, app (as given to tess run), monitor\n"
	"(tvm or qemu), state (running, exited (N), crashed, killed, monitor died,\n"
	"unknown state), memory, uptime (for one that ended: how long ago), and\n"
	"published ports.\n"
	"\n"
	"Options:\n"
	"  -a, --all            Include instances that have ended\n"
	"      --format FORMAT  table (default) or json: one array of objects (fields\n"
	"                       in docs/tess.md)\n"
	"  -h, --help           Show this help\n"
	"\n"
	"Exit status: 0 ok, 1 failure, 2 bad command line.\n";

static const char help_logs[] =
	"Usage: tess logs [-f] NAME\n"
	"\n"
	"Print the console output of instance NAME: the newest 4 to 8 MiB of it\n"
	"(the log is capped at 8 MiB).\n"
	"\n"
	"Options:\n"
	"  -f, --follow  Keep printing what comes until the instance ends (status 0)\n"
	"                or tess is interrupted\n"
	"  -h, --help    Show this help\n"
	"\n"
	"Exit status: 0 ok, 1 no such instance or no log, 2 bad command line;\n"
	"130/143 interrupted while following.\n";

static const char help_stop[] =
	"Usage: tess stop [-t SECONDS] NAME...\n"
	"\n"
	"Ask each instance's guest to shut down: it runs its fini handlers and\n"
	"exits with its own status (a program with a SIGTERM handler gets SIGTERM;\n"
	"without one it exits with 143). A guest still running after the timeout is\n"
	"killed. Prints each name once it has ended.\n"
	"\n"
	"Options:\n"
	"  -t, --time SECONDS  Wait that long before killing (0 to 86400, default 10)\n"
	"  -h, --help          Show this help\n"
	"\n"
	"Exit status: 0 stopped, 1 no such instance or not running, 2 bad command\n"
	"line.\n";

static const char help_rm[] =
	"Usage: tess rm [-f] NAME...\n"
	"\n"
	"Remove the state (and log) of instances that have ended, freeing their\n"
	"names. A running one is refused, unless -f: then it is stopped first.\n"
	"\n"
	"Options:\n"
	"  -f, --force  Stop a running instance (as tess stop), then remove it\n"
	"  -h, --help   Show this help\n"
	"\n"
	"Exit status: 0 removed, 1 no such instance, running, or not removable,\n"
	"2 bad command line.\n";

static const char help_menu[] =
	"Usage: tess menu [APPDIR] [options]\n"
	"\n"
	"Edit the configuration of the app in APPDIR (default: the current\n"
	"directory) in a menu; the result is saved to the app's Tessfile. Needs a\n"
	"terminal.\n"
	"\n"
	"Options:\n"
	"  -O, --build-dir DIR  Build directory (default: APPDIR/build)\n"
	"  -h, --help           Show this help\n"
	"\n"
	"Exit status: 0 ok, 1 failure, 2 bad command line.\n";

static const char help_clean[] =
	"Usage: tess clean [APPDIR] [options]\n"
	"\n"
	"Remove the build directory of the app in APPDIR (default: the current\n"
	"directory): exactly what the build wrote there. A directory that is not\n"
	"a build directory, that is or contains the app folder, or that holds\n"
	"anything else is left as it is, with an error.\n"
	"\n"
	"Options:\n"
	"  -O, --build-dir DIR  Build directory (default: APPDIR/build)\n"
	"  -h, --help           Show this help\n"
	"\n"
	"Exit status: 0 ok, 1 failure, 2 bad command line.\n";

static const char help_pkg[] =
	"Usage: tess pkg [APPDIR] (-o oci:DIR[:TAG] | --push REGISTRY/NAME[:TAG]) [options]\n"
	"                [-- ARGS...]\n"
	"\n"
	"Build the app in APPDIR (default: the current directory) if needed, then\n"
	"package it as an OCI image: the kernel image, its initrd (the Tessfile's\n"
	"rootfs, packed) and a config recording memory, arguments, kernel options,\n"
	"monitor and machine (see docs/oci.md). ARGS after '--' replace the app's\n"
	"default arguments in the image.\n"
	"\n"
	"Options:\n"
	"  -o, --output oci:DIR[:TAG]  Write an OCI image layout folder (new, empty,\n"
	"                         or an existing layout: the tag, default latest,\n"
	"                         is added or replaced)\n"
	"      --push REGISTRY/NAME[:TAG]\n"
	"                         Push to a plain-HTTP registry (localhost:PORT,\n"
	"                         127.0.0.1:PORT, or http://HOST:PORT/...); TAG\n"
	"                         defaults to latest\n"
	"      --vmm VMM          Build for tvm or qemu (default qemu)\n"
	"      --machine MACHINE  QEMU machine recorded: microvm or pc (default microvm)\n"
	"  -m, --memory MEM       Guest memory recorded (default: the app's own)\n"
	"  -k, --kernel-opt KOPT  Add kernel options (repeatable)\n"
	"  -O, --build-dir DIR    Build directory (default: APPDIR/build)\n"
	"  -j, --jobs N           Parallel build jobs (default: number of CPUs)\n"
	"  -v, --verbose          Show the full build commands\n"
	"  -h, --help             Show this help\n"
	"\n"
	"Prints the image's name and manifest digest. Exit status: 0 ok, 1 failure,\n"
	"2 bad command line.\n";

static const char help_pull[] =
	"Usage: tess pull REGISTRY/NAME[:TAG] | oci:DIR[:TAG]\n"
	"\n"
	"Fetch an image made by 'tess pkg' into the local cache\n"
	"($XDG_CACHE_HOME/tessera/oci, default ~/.cache/tessera/oci), verifying\n"
	"the digest of every blob. TAG defaults to latest (for oci:DIR: the only\n"
	"image there). Registries must be plain HTTP.\n"
	"\n"
	"Environment:\n"
	"  TESS_HTTP_TIMEOUT  Seconds to wait for a registry to connect or answer\n"
	"                     (default 30)\n"
	"\n"
	"Exit status: 0 ok, 1 failure, 2 bad command line.\n";

static const char help_images[] =
	"Usage: tess images [--format table|json]\n"
	"\n"
	"List the images in the local cache: repository, tag, digest, size and\n"
	"creation time; --format json prints them as a JSON array for scripts.\n"
	"\n"
	"Exit status: 0 ok, 1 failure, 2 bad command line.\n";
static const char help_gdb[] =
	"Usage: tess gdb [APPDIR | NAME] [options] [-- GDB-ARGS...]\n"
	"\n"
	"Run gdb on the app's image with symbols (the build's IMAGE.dbg) and attach\n"
	"it to the guest that 'tess run --gdb' started (tvm or QEMU) and that waits\n"
	"on 127.0.0.1:PORT; or to the background instance NAME started with\n"
	"'tess run -d --gdb' (its image and port). GDB-ARGS after '--' are passed to\n"
	"gdb (e.g. -batch -ex bt). Nothing is built.\n"
	"\n"
	"Options:\n"
	"  -p, --port PORT      The port given to --gdb (default 1234)\n"
	"  -O, --build-dir DIR  Build directory (default: APPDIR/build)\n"
	"  -h, --help           Show this help\n"
	"\n"
	"Exit status: gdb's; 125 when it cannot be started (not built, no gdb, an\n"
	"instance not started with --gdb or not running).\n";

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
	int usage_status; /* exit status of a bad command line */
	int fail_status;  /* exit status of any other tess-side failure */
};

static const struct command commands[] = {
	{ "build", tess_cmd_build, help_build, TESS_EXIT_USAGE, TESS_EXIT_FAIL },
	{ "run", tess_cmd_run, help_run, TESS_EXIT_RUNFAIL, TESS_EXIT_RUNFAIL },
	{ "menu", tess_cmd_menu, help_menu, TESS_EXIT_USAGE, TESS_EXIT_FAIL },
	{ "clean", tess_cmd_clean, help_clean, TESS_EXIT_USAGE, TESS_EXIT_FAIL },
	{ "pkg", tess_cmd_pkg, help_pkg, TESS_EXIT_USAGE, TESS_EXIT_FAIL },
	{ "pull", tess_cmd_pull, help_pull, TESS_EXIT_USAGE, TESS_EXIT_FAIL },
	{ "images", tess_cmd_images, help_images, TESS_EXIT_USAGE, TESS_EXIT_FAIL },
	{ "gdb", tess_cmd_gdb, help_gdb, TESS_EXIT_RUNFAIL, TESS_EXIT_RUNFAIL },
	{ "ps", tess_cmd_ps, help_ps, TESS_EXIT_USAGE, TESS_EXIT_FAIL },
	{ "logs", tess_cmd_logs, help_logs, TESS_EXIT_USAGE, TESS_EXIT_FAIL },
	{ "stop", tess_cmd_stop, help_stop, TESS_EXIT_USAGE, TESS_EXIT_FAIL },
	{ "rm", tess_cmd_rm, help_rm, TESS_EXIT_USAGE, TESS_EXIT_FAIL },
	{ NULL, NULL, NULL, 0, 0 },
};

static const struct command *find_command(const char *name)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int tess_help(const char *cmd)
{
	const struct command *c;

	if (!cmd) {
		fputs(help_main, stdout);
		return 0;
	}
	c = find_command(cmd);
	if (!c)
		return -1;
	fputs(c->help, stdout);
	return 0;
}

/* tess help [CMD] */
static int cmd_help(int argc, char **argv)
{
	const char *arg = argc > 1 ? argv[1] : NULL;

	if (argc > 2)
		tess_usage("unexpected argument '%s'", argv[2]);
	if (!arg || strcmp(arg, "help") == 0 || strcmp(arg, "-h") == 0 ||
	    strcmp(arg, "--help") == 0)
		return tess_help(NULL);
	if (tess_help(arg) < 0)
		tess_usage("unknown command '%s'", arg);
	return 0;
}

int main(int argc, char **argv)
{
	const struct command *c;
	int status;

	tess_signals_init();
	if (argc < 2) {
		fputs(help_main, stderr);
		return TESS_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		tess_help(NULL);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		if (argc > 2)
			tess_usage("unexpected argument '%s'", argv[2]);
		printf("tess %s\n", TESS_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "help") == 0)
		return cmd_help(argc - 1, argv + 1);
	if (argv[1][0] == '-')
		tess_usage("unknown option '%s'", argv[1]);
	c = find_command(argv[1]);
	if (!c)
		tess_usage("unknown command '%s'", argv[1]);
	tess_cmd = c->name;
	tess_usage_status = c->usage_status;
	tess_fail_status = c->fail_status;
	status = c->fn(argc - 1, argv + 1);
	fflush(stdout);
	return status;
}

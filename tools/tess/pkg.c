/* pkg.c - tess pkg: build an app, then package it as an OCI image into a layout folder or a registry. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "oci.h"
#include "tess.h"

enum { OPT_HELP = 1, OPT_OUT, OPT_PUSH, OPT_VMM, OPT_MACHINE, OPT_MEMORY, OPT_KOPT };

static const struct tess_opt pkg_opts[] = {
	{ OPT_OUT, 'o', "output", 1 },
	{ OPT_PUSH, 0, "push", 1 },
	{ OPT_VMM, 0, "vmm", 1 },
	{ OPT_MACHINE, 0, "machine", 1 },
	{ OPT_MEMORY, 'm', "memory", 1 },
	{ OPT_KOPT, 'k', "kernel-opt", 1 },
	{ TESS_OPT_BUILDDIR, 'O', "build-dir", 1 },
	{ TESS_OPT_JOBS, 'j', "jobs", 1 },
	{ TESS_OPT_VERBOSE, 'v', "verbose", 0 },
	{ OPT_HELP, 'h', "help", 0 },
	{ 0, 0, NULL, 0 },
};

struct pkg_args {
	struct tess_app_args c;
	struct tess_oci_ref out, push;
	int have_out, have_push;
	int tvm;
	const char *machine;
	const char *mem_arg;
	uint64_t mem_kib;
	struct tess_buf kopts;  /* -k values, space-separated */
	int have_args;
	char **args;
	size_t nargs;
};

static void parse_ref(struct tess_oci_ref *ref, const char *opt, const char *val)
{
	char err[512];

	if (strcmp(opt, "-o") == 0 && strncmp(val, "oci:", 4) != 0)
		tess_usage("-o %s: not oci:DIR[:TAG] (use --push to send to a registry)", val);
	if (tess_oci_ref_parse(val, ref, err, sizeof(err)) < 0)
		tess_usage("%s %s", opt, err);
	if (strcmp(opt, "-o") == 0 && ref->kind != TESS_REF_LAYOUT)
		tess_usage("-o %s: not oci:DIR[:TAG] (use --push to send to a registry)", val);
	if (strcmp(opt, "--push") == 0 && ref->kind != TESS_REF_REGISTRY)
		tess_usage("--push %s: not REGISTRY/NAME:TAG (use -o for an image layout folder)", val);
}

static void parse_args(int argc, char **argv, struct pkg_args *a)
{
	struct tess_optparse p = { .argc = argc, .argv = argv, .i = 1, .opts = pkg_opts };
	const char *val;
	int id;

	while ((id = tess_opt_next(&p, &val)) != TESS_OPT_END) {
		if (tess_app_opt(&a->c, id, val))
			continue;
		switch (id) {
		case TESS_OPT_DASHDASH:
			a->have_args = 1;
			a->args = argv + p.i;
			a->nargs = (size_t)(argc - p.i);
			return;
		case OPT_OUT:
			if (a->have_out)
				tess_usage("-o given twice");
			parse_ref(&a->out, "-o", val);
			a->have_out = 1;
			break;
		case OPT_PUSH:
			if (a->have_push)
				tess_usage("--push given twice");
			parse_ref(&a->push, "--push", val);
			a->have_push = 1;
			break;
		case OPT_VMM:
			a->tvm = tess_parse_vmm_is_tvm(val);
			break;
		case OPT_MACHINE:
			if (strcmp(val, "microvm") != 0 && strcmp(val, "pc") != 0)
				tess_usage("--machine %s: not supported; valid: microvm, pc", val);
			a->machine = val;
			break;
		case OPT_MEMORY:
			if (tess_memsize_parse(val, &a->mem_kib) != TESS_MEM_OK)
				tess_usage("-m %s: not a memory size (a number with an optional K, M or G suffix, "
					   "more than zero, at most 512G)", val);
			a->mem_arg = val;
			break;
		case OPT_KOPT:
			if (strstr(val, "--"))
				tess_usage("-k '%s': kernel options cannot contain '--'", val);
			if (a->kopts.len)
				tess_buf_addc(&a->kopts, ' ');
			tess_buf_adds(&a->kopts, val);
			break;
		case OPT_HELP:
			tess_help("pkg");
			exit(0);
		}
	}
}

/* Read a whole file (the image or its initrd) into memory. */
static char *slurp(const char *path, size_t *len)
{
	struct stat st;
	char *data;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0)
		tess_die("%s: %s", path, strerror(errno));
	if ((uint64_t)st.st_size > OCI_BLOB_MAX)
		tess_die("%s: larger than 4 GiB", path);
	data = tess_xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, data + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			tess_die("%s: %s", path, n < 0 ? strerror(errno) : "changed while being read");
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return data;
}

/* The creation time: now, or SOURCE_DATE_EPOCH for reproducible images. */
static char *created_now(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;
	char buf[32];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return tess_xstrdup(buf);
}

/* The image must be a sane ELF that fits in the memory it is packaged with. */
static void check_memory(const struct tess_runconf *rc, uint64_t mem_kib, uint64_t initrd_len)
{
	const char *reason = NULL;
	uint64_t end, need;
	char need_s[32];

	switch (tess_elf_load_end(rc->image, &end, &reason)) {
	case -1:
		tess_die("%s: %s", rc->image, strerror(errno));
	case -2:
		tess_die("%s: not a valid ELF64 x86-64 image (%s)", rc->image, reason);
	}
	need = tess_elf_min_kib(end) + (initrd_len + 4095) / 4096 * 4;
	if (mem_kib < need) {
		tess_memsize_format(need, need_s, sizeof(need_s));
		tess_die("memory for %s too small (needs at least %s; use -m)", rc->name, need_s);
	}
}

static void app_args(const struct pkg_args *a, const struct tess_runconf *rc, struct tess_oci_image *img)
{
	struct tess_buf b = { 0 };

	if (!a->have_args) {
		img->args = tess_xstrdup(rc->args);
	} else {
		for (size_t i = 0; i < a->nargs; i++) {
			if (i)
				tess_buf_addc(&b, ' ');
			tess_cmdline_quote(&b, a->args[i]);
		}
		img->args = tess_buf_take(&b);
	}
	tess_buf_adds(&b, rc->kernel_args);
	if (a->kopts.len) {
		if (*rc->kernel_args)
			tess_buf_addc(&b, ' ');
		tess_buf_adds(&b, a->kopts.s);
	}
	img->kernel_args = tess_buf_take(&b);
	if (strlen(img->args) + strlen(img->kernel_args) + 4 > TESS_CMDLINE_MAX)
		tess_die("the guest command line would be longer than %d bytes", TESS_CMDLINE_MAX);
}

/* Everything the image holds, in memory. */
struct pkg_blobs {
	char *kernel, *initrd, *config, *manifest;
	size_t kernel_len, initrd_len, config_len, manifest_len;
	struct tess_oci_desc mdesc;
};

static void write_layout(const struct tess_oci_ref *ref, struct tess_oci_image *img, struct pkg_blobs *b)
{
	struct tess_oci_layout l;
	char err[1024];

	if (tess_oci_layout_open(&l, ref->dir, ref->name, 1, err, sizeof(err)) < 0 ||
	    tess_oci_layout_put(&l, &img->kernel, b->kernel, b->kernel_len, err, sizeof(err)) < 0 ||
	    (b->initrd && tess_oci_layout_put(&l, &img->initrd, b->initrd, b->initrd_len, err, sizeof(err)) < 0) ||
	    tess_oci_layout_put(&l, &img->config, b->config, b->config_len, err, sizeof(err)) < 0 ||
	    tess_oci_layout_put(&l, &b->mdesc, b->manifest, b->manifest_len, err, sizeof(err)) < 0 ||
	    tess_oci_layout_tag(&l, ref->tag ? ref->tag : "latest", &b->mdesc, img->created, err,
				sizeof(err)) < 0)
		tess_die("%s", err);
	printf("%s%s %s\n", ref->name, ref->tag ? "" : ":latest", b->mdesc.digest);
}

static void push(const struct tess_oci_ref *ref, struct tess_oci_image *img, struct pkg_blobs *b)
{
	char err[1024];

	if (tess_registry_push_blob(ref, &img->kernel, b->kernel, b->kernel_len, err, sizeof(err)) < 0 ||
	    (b->initrd && tess_registry_push_blob(ref, &img->initrd, b->initrd, b->initrd_len, err,
						  sizeof(err)) < 0) ||
	    tess_registry_push_blob(ref, &img->config, b->config, b->config_len, err, sizeof(err)) < 0 ||
	    tess_registry_push_manifest(ref, b->manifest, b->manifest_len, err, sizeof(err)) < 0)
		tess_die("%s", err);
	printf("%s %s\n", ref->name, b->mdesc.digest);
}

int tess_cmd_pkg(int argc, char **argv)
{
	struct pkg_args a = { .machine = "microvm" };
	struct tess_oci_image img = { 0 };
	struct pkg_blobs b = { 0 };
	struct tess_runconf rc;
	struct tess_app app;
	char *runconf;
	int status;

	parse_args(argc, argv, &a);
	if (!a.have_out && !a.have_push)
		tess_usage("say where the image goes: -o oci:DIR[:TAG] or --push REGISTRY/NAME:TAG");
	if (a.tvm && strcmp(a.machine, "microvm") != 0)
		tess_usage("--machine is a QEMU option; tvm has none");
	tess_app_resolve(&app, a.c.appdir, a.c.builddir);
	app.plat = a.tvm ? "tvm" : "kvm";
	status = tess_make(&app, NULL, a.c.jobs ? a.c.jobs : tess_ncpus(), a.c.verbose);
	if (status)
		return status;
	runconf = tess_path_join(app.builddir, "run.conf");
	if (tess_runconf_load(runconf, &rc) < 0)
		return TESS_EXIT_FAIL;
	free(runconf);

	b.kernel = slurp(rc.image, &b.kernel_len);
	if (*rc.rootfs)
		b.initrd = slurp(tess_cpio_pack(tess_path_join(app.appdir, rc.rootfs)), &b.initrd_len);
	img.name = tess_xstrdup(rc.name);
	img.vmm = tess_xstrdup(a.tvm ? "tvm" : "qemu");
	img.machine = tess_xstrdup(a.machine);
	img.memory_kib = a.mem_arg ? a.mem_kib : rc.memory_kib;
	img.console_tty = rc.console_tty;
	img.ports = tess_xstrdup("");
	img.created = created_now();
	check_memory(&rc, img.memory_kib, b.initrd_len);
	app_args(&a, &rc, &img);
	tess_oci_desc_of(&img.kernel, OCI_MT_KERNEL, b.kernel, b.kernel_len);
	if (b.initrd)
		tess_oci_desc_of(&img.initrd, OCI_MT_INITRD, b.initrd, b.initrd_len);
	b.config = tess_oci_config_make(&img, &b.config_len);
	b.manifest = tess_oci_manifest_make(&img, b.config, b.config_len, &b.manifest_len);
	tess_oci_desc_of(&b.mdesc, OCI_MT_MANIFEST, b.manifest, b.manifest_len);

	tess_oci_interruptible(1);
	if (a.have_out)
		write_layout(&a.out, &img, &b);
	if (a.have_push)
		push(&a.push, &img, &b);
	return 0;
}

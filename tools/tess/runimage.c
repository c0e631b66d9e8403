/* runimage.c - what tess run needs from an OCI image: pulled into the cache, turned into a run configuration. */
#include <stdlib.h>
#include <string.h>

#include "oci.h"
#include "tess.h"

void tess_image_runconf(const char *arg, struct tess_runconf *rc, struct tess_image_run *how)
{
	struct tess_oci_layout cache;
	struct tess_oci_image img;
	struct tess_oci_ref ref;
	char err[512];

	if (tess_oci_ref_parse(arg, &ref, err, sizeof(err)) < 0)
		tess_usage("%s", err);
	tess_oci_cache_open(&cache);
	if (tess_oci_pull(&ref, &cache, &img) < 0)
		exit(tess_fail_status);
	memset(rc, 0, sizeof(*rc));
	rc->name = tess_xstrdup(img.name);
	rc->image = tess_oci_layout_blob_path(&cache, img.kernel.digest);
	rc->memory_kib = img.memory_kib;
	rc->console_tty = img.console_tty;
	rc->args = tess_xstrdup(img.args);
	rc->kernel_args = tess_xstrdup(img.kernel_args);
	rc->rootfs = tess_xstrdup("");
	how->tvm = strcmp(img.vmm, "tvm") == 0;
	how->machine = tess_xstrdup(img.machine);
	how->initrd = img.initrd.digest[0] ? tess_oci_layout_blob_path(&cache, img.initrd.digest) : NULL;
	tess_oci_image_free(&img);
}

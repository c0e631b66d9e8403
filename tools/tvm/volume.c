/* volume.c: shared host folders — the "volume" device kind, served by tvm's own 9P server (p9.c). */
#include <stdlib.h>
#include <string.h>

#include "p9.h"
#include "tvm.h"

static int volume_9p(struct tvm_dev *d, const void *req, size_t len, void *rep, size_t cap)
{
	return (int)tvm_p9_serve(d->priv, req, len, rep, cap);
}

const struct tvm_dev_ops tvm_volume_ops = {
	.p9 = volume_9p,
};

int tvm_volume_open(struct tvm_dev *d, const char *spec, unsigned index)
{
	size_t n = strlen(spec);
	int ro = n > 3 && strcmp(spec + n - 3, ",ro") == 0;
	char *dir = strndup(spec, ro ? n - 3 : n);
	struct tvm_p9 *s = malloc(sizeof *s);
	char err[512];

	(void)index;
	if (!dir || !s) {
		tvm_err("out of memory");
		return -1;
	}
	d->name = dir;
	if (tvm_p9_init(s, dir, ro, err, sizeof err)) {
		tvm_err("--volume %s", err);
		free(s);
		return -1;
	}
	d->priv = s;
	d->info.flags = ro ? TVM_DEVF_READONLY : 0;
	return 0;
}

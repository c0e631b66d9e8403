/* ocipull.c - the local image cache and pulling into it, from an image layout folder or a registry, every blob verified. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "oci.h"
#include "tess.h"

void tess_oci_interruptible(int on)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(on ? SIG_UNBLOCK : SIG_BLOCK, &set, NULL);
}

/* Temporary blob files of pulls that were killed: an hour old, their
 * writer is long gone (a live one writes them within its timeouts). */
static void remove_stale(const struct tess_oci_layout *cache)
{
	char *dir = tess_path_join(cache->dir, "blobs");
	DIR *d = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);

	while (d && (e = readdir(d))) {
		char *p;
		struct stat st;

		if (strncmp(e->d_name, ".tmp-", 5) != 0)
			continue;
		p = tess_path_join(dir, e->d_name);
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > 3600)
			unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	free(dir);
}

void tess_oci_cache_open(struct tess_oci_layout *cache)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *dir, err[512];

	if (xdg && xdg[0] == '/')
		dir = tess_xasprintf("%s/tessera/oci", xdg);
	else if (home && home[0] == '/')
		dir = tess_xasprintf("%s/.cache/tessera/oci", home);
	else
		tess_die("cannot find the image cache: set XDG_CACHE_HOME or HOME");
	if (tess_oci_layout_open(cache, dir, dir, 1, err, sizeof(err)) < 0)
		tess_die("image cache: %s", err);
	free(dir);
	remove_stale(cache);
}

/* Where a pull reads from. */
struct source {
	const struct tess_oci_ref *ref;
	struct tess_oci_layout layout; /* TESS_REF_LAYOUT */
};

/* The manifest of the reference: its text and descriptor. A layout's
 * only image, taken without a tag, is cached under its tag. */
static int get_manifest(struct source *s, char **text, struct tess_oci_desc *d, char **name,
			char *err, size_t err_len)
{
	char tag[OCI_TAG_MAX + 1];

	*name = tess_xstrdup(s->ref->name);
	if (s->ref->kind == TESS_REF_REGISTRY)
		return tess_registry_get_manifest(s->ref, text, d, err, err_len);
	if (tess_oci_layout_open(&s->layout, s->ref->dir, s->ref->name, 0, err, err_len) < 0 ||
	    tess_oci_layout_find(&s->layout, s->ref->tag, d, tag, err, err_len) < 0)
		return -1;
	if (!s->ref->tag && *tag) {
		free(*name);
		*name = tess_xasprintf("%s:%s", s->ref->name, tag);
	}
	return tess_oci_layout_read(&s->layout, d, OCI_DOC_MAX, text, err, err_len);
}

/* Copy blob d into the cache unless it is there (verified either way). */
static int get_blob(struct source *s, const struct tess_oci_desc *d, const struct tess_oci_layout *cache,
		    char *err, size_t err_len)
{
	char *data;
	int r;

	if (tess_oci_layout_has(cache, d))
		return 0;
	if (s->ref->kind == TESS_REF_REGISTRY)
		return tess_registry_get_blob(s->ref, d, cache, err, err_len);
	if (tess_oci_layout_read(&s->layout, d, OCI_BLOB_MAX, &data, err, err_len) < 0)
		return -1;
	r = tess_oci_layout_put(cache, d, data, d->size, err, err_len);
	free(data);
	return r;
}

static int pull(const struct tess_oci_ref *ref, const struct tess_oci_layout *cache,
		struct tess_oci_image *img, char *err, size_t err_len)
{
	struct source s = { .ref = ref };
	struct tess_oci_desc md;
	char *manifest = NULL, *config = NULL, *name = NULL, why[512];
	int r = -1;

	if (get_manifest(&s, &manifest, &md, &name, err, err_len) < 0)
		goto out;
	if (tess_oci_manifest_parse(manifest, md.size, img, why, sizeof(why)) < 0) {
		snprintf(err, err_len, "%s: %s", ref->name, why);
		goto out;
	}
	if (get_blob(&s, &img->config, cache, err, err_len) < 0 ||
	    tess_oci_layout_read(cache, &img->config, OCI_DOC_MAX, &config, err, err_len) < 0)
		goto out;
	if (tess_oci_config_parse(config, img->config.size, img, why, sizeof(why)) < 0) {
		snprintf(err, err_len, "%s: %s", ref->name, why);
		goto out;
	}
	if (get_blob(&s, &img->kernel, cache, err, err_len) < 0 ||
	    (img->initrd.digest[0] && get_blob(&s, &img->initrd, cache, err, err_len) < 0))
		goto out;
	/* The manifest last, then its name: until then the cache lists nothing new. */
	if (tess_oci_layout_put(cache, &md, manifest, md.size, err, err_len) < 0 ||
	    tess_oci_layout_tag(cache, name, &md, img->created, err, err_len) < 0)
		goto out;
	r = 0;
out:
	free(name);
	free(manifest);
	free(config);
	return r;
}

int tess_oci_pull(const struct tess_oci_ref *ref, const struct tess_oci_layout *cache,
		  struct tess_oci_image *img)
{
	char err[1024];

	int r;

	memset(img, 0, sizeof(*img));
	tess_oci_interruptible(1);
	r = pull(ref, cache, img, err, sizeof(err));
	tess_oci_interruptible(0);
	if (r == 0)
		return 0;
	tess_oci_image_free(img);
	tess_err("%s", err);
	return -1;
}

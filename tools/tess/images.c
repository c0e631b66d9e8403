/* images.c - tess pull (fetch an image into the cache) and tess images (list the cache). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oci.h"
#include "tess.h"

enum { OPT_HELP = 1, OPT_FORMAT };

static const struct tess_opt pull_opts[] = {
	{ OPT_HELP, 'h', "help", 0 },
	{ 0, 0, NULL, 0 },
};

int tess_cmd_pull(int argc, char **argv)
{
	struct tess_optparse p = { .argc = argc, .argv = argv, .i = 1, .opts = pull_opts };
	struct tess_oci_layout cache;
	struct tess_oci_image img;
	struct tess_oci_ref ref;
	const char *val, *arg = NULL;
	char err[512];
	int id;

	while ((id = tess_opt_next(&p, &val)) != TESS_OPT_END) {
		if (id == OPT_HELP) {
			tess_help("pull");
			exit(0);
		}
		if (id == TESS_OPT_DASHDASH) {
			p.only_positional = 1;
			continue;
		}
		if (arg)
			tess_usage("unexpected argument '%s'", val);
		arg = val;
	}
	if (!arg)
		tess_usage("name the image: REGISTRY/NAME[:TAG] or oci:DIR[:TAG]");
	if (tess_oci_ref_parse(arg, &ref, err, sizeof(err)) < 0)
		tess_usage("%s", err);
	tess_oci_cache_open(&cache);
	if (tess_oci_pull(&ref, &cache, &img) < 0)
		return TESS_EXIT_FAIL;
	printf("%s: pulled\n", ref.name);
	tess_oci_image_free(&img);
	return 0;
}

/* One line of the listing. */
struct row {
	char *repo, *tag, *digest, *created;
	uint64_t size;
};

/* Split a cached name at the tag's ':' (the last one, when no '/' follows). */
static void split_name(const char *name, struct row *r)
{
	const char *c = strrchr(name, ':');

	if (c && !strchr(c, '/') && c[1]) {
		r->repo = strndup(name, (size_t)(c - name));
		r->tag = tess_xstrdup(c + 1);
	} else {
		r->repo = tess_xstrdup(name);
		r->tag = tess_xstrdup("-");
	}
	if (!r->repo)
		tess_die("out of memory");
}

/* The image's whole size: its manifest, config and layers. The manifest
 * is read back (and verified) from the cache; 0 if it cannot be. */
static uint64_t image_size(const struct tess_oci_layout *cache, const struct tess_oci_desc *md)
{
	struct tess_oci_image img = { 0 };
	char *text, err[512];
	uint64_t size = 0;

	if (tess_oci_layout_read(cache, md, OCI_DOC_MAX, &text, err, sizeof(err)) < 0)
		return 0;
	if (tess_oci_manifest_parse(text, md->size, &img, err, sizeof(err)) == 0)
		size = md->size + img.config.size + img.kernel.size + img.initrd.size;
	free(text);
	tess_oci_image_free(&img);
	return size;
}

static void human_size(uint64_t n, char *buf, size_t len)
{
	if (n < 1000)
		snprintf(buf, len, "%" PRIu64 " B", n);
	else if (n < 1000 * 1000)
		snprintf(buf, len, "%.1f kB", (double)n / 1e3);
	else if (n < 1000ULL * 1000 * 1000)
		snprintf(buf, len, "%.1f MB", (double)n / 1e6);
	else
		snprintf(buf, len, "%.1f GB", (double)n / 1e9);
}

static void print_table(const struct row *rows, size_t n)
{
	size_t wr = strlen("REPOSITORY"), wt = strlen("TAG"), i;
	char size[32];

	for (i = 0; i < n; i++) {
		if (strlen(rows[i].repo) > wr)
			wr = strlen(rows[i].repo);
		if (strlen(rows[i].tag) > wt)
			wt = strlen(rows[i].tag);
	}
	printf("%-*s  %-*s  %-19s  %9s  %s\n", (int)wr, "REPOSITORY", (int)wt, "TAG", "DIGEST", "SIZE",
	       "CREATED");
	for (i = 0; i < n; i++) {
		human_size(rows[i].size, size, sizeof(size));
		/* "sha256:" and 12 hex digits, as docker shortens IDs. */
		printf("%-*s  %-*s  %.19s  %9s  %s\n", (int)wr, rows[i].repo, (int)wt, rows[i].tag,
		       rows[i].digest, size, rows[i].created);
	}
}

static void print_json(const struct row *rows, size_t n)
{
	struct tess_jw w = { 0 };
	char *text;

	tess_jw_arr(&w);
	for (size_t i = 0; i < n; i++) {
		tess_jw_obj(&w);
		tess_jw_kstr(&w, "repository", rows[i].repo);
		tess_jw_kstr(&w, "tag", rows[i].tag);
		tess_jw_kstr(&w, "digest", rows[i].digest);
		tess_jw_kint(&w, "size", (int64_t)rows[i].size);
		tess_jw_kstr(&w, "created", rows[i].created);
		tess_jw_obj_end(&w);
	}
	tess_jw_arr_end(&w);
	text = tess_jw_take(&w, NULL);
	puts(text);
	free(text);
}

static const struct tess_opt images_opts[] = {
	{ OPT_FORMAT, 0, "format", 1 },
	{ OPT_HELP, 'h', "help", 0 },
	{ 0, 0, NULL, 0 },
};

int tess_cmd_images(int argc, char **argv)
{
	struct tess_optparse p = { .argc = argc, .argv = argv, .i = 1, .opts = images_opts };
	struct tess_oci_layout cache;
	struct tess_oci_entry *e;
	struct row *rows;
	const char *val;
	char err[512];
	size_t n, nrows = 0, i;
	int id, json = 0;

	while ((id = tess_opt_next(&p, &val)) != TESS_OPT_END) {
		switch (id) {
		case OPT_HELP:
			tess_help("images");
			exit(0);
		case OPT_FORMAT:
			if (strcmp(val, "json") != 0 && strcmp(val, "table") != 0)
				tess_usage("--format %s: not supported; valid: table, json", val);
			json = strcmp(val, "json") == 0;
			break;
		default:
			tess_usage("unexpected argument '%s'", val ? val : "--");
		}
	}
	tess_oci_cache_open(&cache);
	if (tess_oci_layout_entries(&cache, &e, &n, err, sizeof(err)) < 0)
		tess_die("image cache: %s", err);
	rows = tess_xmalloc((n + 1) * sizeof(*rows));
	for (i = 0; i < n; i++) {
		if (!e[i].ref)
			continue;
		split_name(e[i].ref, &rows[nrows]);
		rows[nrows].digest = e[i].desc.digest;
		rows[nrows].created = e[i].created ? e[i].created : "-";
		rows[nrows].size = image_size(&cache, &e[i].desc);
		nrows++;
	}
	if (json)
		print_json(rows, nrows);
	else
		print_table(rows, nrows);
	return 0;
}

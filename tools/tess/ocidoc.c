/* ocidoc.c - the documents of a Tessera OCI image: making and checking manifests, configs and descriptors. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oci.h"

#define MAX_LAYERS 16
#define LABEL_MAX  (128 * 1024) /* the guest command line's limit (TESS_CMDLINE_MAX) */

int tess_oci_digest_ok(const char *s)
{
	return strncmp(s, "sha256:", 7) == 0 && strlen(s + 7) == TESS_SHA256_HEX &&
	       strspn(s + 7, "0123456789abcdef") == TESS_SHA256_HEX;
}

void tess_oci_desc_of(struct tess_oci_desc *d, const char *media_type, const void *data, size_t n)
{
	char hex[TESS_SHA256_HEX + 1];

	snprintf(d->media_type, sizeof(d->media_type), "%s", media_type);
	tess_sha256_hex(data, n, hex);
	snprintf(d->digest, sizeof(d->digest), "sha256:%s", hex);
	d->size = n;
}

int tess_oci_desc_parse(const struct tess_json *v, uint64_t max, const char *what,
			struct tess_oci_desc *d, char *err, size_t err_len)
{
	const char *mt = tess_json_get_str(v, "mediaType"), *dg = tess_json_get_str(v, "digest");
	const struct tess_json *sz = tess_json_get(v, "size");

	if (!v || v->type != TESS_JSON_OBJECT)
		return tess_errbuf(err, err_len, "%s is not a descriptor object", what);
	if (!mt || strlen(mt) >= sizeof(d->media_type))
		return tess_errbuf(err, err_len, "%s has no valid mediaType", what);
	if (!dg)
		return tess_errbuf(err, err_len, "%s has no digest", what);
	if (strncmp(dg, "sha256:", 7) != 0)
		return tess_errbuf(err, err_len, "%s: digest algorithm of '%.80s' not supported (only sha256)", what, dg);
	if (!tess_oci_digest_ok(dg))
		return tess_errbuf(err, err_len, "%s: '%.80s' is not a sha256 digest", what, dg);
	if (!sz || sz->type != TESS_JSON_NUMBER || !sz->is_int || sz->num < 0 || (uint64_t)sz->num > max)
		return tess_errbuf(err, err_len, "%s: size missing, negative or above %" PRIu64 " bytes", what, max);
	snprintf(d->media_type, sizeof(d->media_type), "%s", mt);
	snprintf(d->digest, sizeof(d->digest), "%s", dg);
	d->size = (uint64_t)sz->num;
	return 0;
}

static int parse_layers(const struct tess_json *layers, struct tess_oci_image *img,
			char *err, size_t err_len)
{
	size_t i;

	if (!layers || layers->type != TESS_JSON_ARRAY || layers->n == 0 || layers->n > MAX_LAYERS)
		return tess_errbuf(err, err_len, "the manifest's layers are not a list of 1 to %d", MAX_LAYERS);
	for (i = 0; i < layers->n; i++) {
		struct tess_oci_desc d;
		char what[32];

		snprintf(what, sizeof(what), "layer %zu", i + 1);
		if (tess_oci_desc_parse(layers->items[i], OCI_BLOB_MAX, what, &d, err, err_len) < 0)
			return -1;
		if (strcmp(d.media_type, OCI_MT_KERNEL) == 0 && !img->kernel.digest[0])
			img->kernel = d;
		else if (strcmp(d.media_type, OCI_MT_INITRD) == 0 && !img->initrd.digest[0])
			img->initrd = d;
		else if (strcmp(d.media_type, OCI_MT_KERNEL) == 0 || strcmp(d.media_type, OCI_MT_INITRD) == 0)
			return tess_errbuf(err, err_len, "the manifest has two layers of type %s", d.media_type);
		else
			return tess_errbuf(err, err_len, "%s has media type %.100s, not a Tessera layer "
					   "(not an image made by tess pkg?)", what, d.media_type);
	}
	if (!img->kernel.digest[0])
		return tess_errbuf(err, err_len, "the manifest has no kernel layer (%s)", OCI_MT_KERNEL);
	return 0;
}

int tess_oci_manifest_parse(const char *text, size_t len, struct tess_oci_image *img,
			    char *err, size_t err_len)
{
	char jerr[128];
	struct tess_json *m = tess_json_parse(text, len, jerr, sizeof(jerr));
	const struct tess_json *sv;
	const char *mt;
	int r = -1;

	if (!m)
		return tess_errbuf(err, err_len, "the manifest is not JSON (%s)", jerr);
	sv = tess_json_get(m, "schemaVersion");
	mt = tess_json_get_str(m, "mediaType");
	if (m->type != TESS_JSON_OBJECT || !sv || !sv->is_int || sv->num != 2)
		tess_errbuf(err, err_len, "the manifest is not an OCI image manifest (schemaVersion 2)");
	else if (tess_json_get(m, "mediaType") && (!mt || strcmp(mt, OCI_MT_MANIFEST) != 0))
		tess_errbuf(err, err_len, "the manifest's media type is %.100s, not %s", mt ? mt : "not a string",
			    OCI_MT_MANIFEST);
	else if (tess_oci_desc_parse(tess_json_get(m, "config"), OCI_DOC_MAX, "the config descriptor",
				     &img->config, err, err_len) == 0) {
		if (strcmp(img->config.media_type, OCI_MT_CONFIG) != 0)
			tess_errbuf(err, err_len, "the config's media type is %.100s, not %s",
				    img->config.media_type, OCI_MT_CONFIG);
		else
			r = parse_layers(tess_json_get(m, "layers"), img, err, err_len);
	}
	tess_json_free(m);
	return r;
}

/* A label's value: a string without control characters (it reaches the
 * guest's command line), at most LABEL_MAX bytes. NULL if invalid. */
static const char *label(const struct tess_json *labels, const char *key, int required,
			 char *err, size_t err_len)
{
	char full[64];
	const struct tess_json *v;

	snprintf(full, sizeof(full), OCI_LABEL "%s", key);
	v = tess_json_get(labels, full);
	if (!v && !required)
		return "";
	if (!v || v->type != TESS_JSON_STRING) {
		tess_errbuf(err, err_len, "the config has no string label %s", full);
		return NULL;
	}
	if (strlen(v->str) > LABEL_MAX) {
		tess_errbuf(err, err_len, "the config's label %s is too long", full);
		return NULL;
	}
	for (const char *p = v->str; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			tess_errbuf(err, err_len, "the config's label %s holds a control character", full);
			return NULL;
		}
	return v->str;
}

/* 1 if s holds the word "--" (it would end the kernel options early). */
static int has_dashdash(const char *s)
{
	for (const char *p = s; (p = strstr(p, "--")); p += 2)
		if ((p == s || p[-1] == ' ' || p[-1] == '\t') && (p[2] == '\0' || p[2] == ' ' || p[2] == '\t'))
			return 1;
	return 0;
}

static int labels_to_image(const struct tess_json *labels, struct tess_oci_image *img,
			   char *err, size_t err_len)
{
	const char *name = label(labels, "name", 1, err, err_len);
	const char *vmm = name ? label(labels, "vmm", 1, err, err_len) : NULL;
	const char *machine = vmm ? label(labels, "machine", 0, err, err_len) : NULL;
	const char *mem = machine ? label(labels, "memory-kib", 1, err, err_len) : NULL;
	const char *args = mem ? label(labels, "args", 0, err, err_len) : NULL;
	const char *kargs = args ? label(labels, "kernel-args", 0, err, err_len) : NULL;
	const char *ports = kargs ? label(labels, "ports", 0, err, err_len) : NULL;
	const char *tty = ports ? label(labels, "console-tty", 0, err, err_len) : NULL;
	uint64_t kib = 0;
	const char *p;

	if (!tty)
		return -1;
	if (!*name || strlen(name) > 64 ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != strlen(name))
		return tess_errbuf(err, err_len, "the config's app name '%.64s' is not a name", name);
	if (strcmp(vmm, "qemu") != 0 && strcmp(vmm, "tvm") != 0)
		return tess_errbuf(err, err_len, "the config's monitor '%.32s' is not qemu or tvm", vmm);
	if (!*machine)
		machine = "microvm";
	if (strcmp(machine, "microvm") != 0 && strcmp(machine, "pc") != 0)
		return tess_errbuf(err, err_len, "the config's machine '%.32s' is not microvm or pc", machine);
	for (p = mem; *p >= '0' && *p <= '9' && kib <= (512ULL << 20); p++)
		kib = kib * 10 + (uint64_t)(*p - '0');
	if (p == mem || *p || kib == 0 || kib > (512ULL << 20) || kib % 4)
		return tess_errbuf(err, err_len, "the config's memory '%.32s' is not a size in KiB (whole pages, "
				   "at most 512G)", mem);
	if (has_dashdash(kargs))
		return tess_errbuf(err, err_len, "the config's kernel options hold '--'");
	if (*ports)
		return tess_errbuf(err, err_len, "the config publishes ports (%.64s); this tess supports none", ports);
	img->name = strdup(name);
	img->vmm = strdup(vmm);
	img->machine = strdup(machine);
	img->args = strdup(args);
	img->kernel_args = strdup(kargs);
	img->ports = strdup(ports);
	img->memory_kib = kib;
	img->console_tty = strcmp(tty, "y") == 0;
	if (!img->name || !img->vmm || !img->machine || !img->args || !img->kernel_args || !img->ports)
		return tess_errbuf(err, err_len, "out of memory");
	return 0;
}

int tess_oci_config_parse(const char *text, size_t len, struct tess_oci_image *img,
			  char *err, size_t err_len)
{
	char jerr[128];
	struct tess_json *c = tess_json_parse(text, len, jerr, sizeof(jerr));
	const struct tess_json *labels;
	const char *created;
	int r = -1;

	if (!c)
		return tess_errbuf(err, err_len, "the config is not JSON (%s)", jerr);
	labels = tess_json_get(tess_json_get(c, "config"), "Labels");
	created = tess_json_get_str(c, "created");
	if (c->type != TESS_JSON_OBJECT || !tess_json_get_str(c, "architecture"))
		tess_errbuf(err, err_len, "the config is not an OCI image config");
	else if (strcmp(tess_json_get_str(c, "architecture"), "amd64") != 0)
		tess_errbuf(err, err_len, "the image is for %.32s, not amd64", tess_json_get_str(c, "architecture"));
	else if (!labels || labels->type != TESS_JSON_OBJECT)
		tess_errbuf(err, err_len, "the config has no labels (not an image made by tess pkg?)");
	else
		r = labels_to_image(labels, img, err, err_len);
	if (r == 0) {
		img->created = strdup(created && strlen(created) < 64 ? created : "");
		if (!img->created)
			r = tess_errbuf(err, err_len, "out of memory");
	}
	tess_json_free(c);
	return r;
}

static void jw_desc(struct tess_jw *w, const struct tess_oci_desc *d, const char *title)
{
	tess_jw_obj(w);
	tess_jw_kstr(w, "mediaType", d->media_type);
	tess_jw_kstr(w, "digest", d->digest);
	tess_jw_kint(w, "size", (int64_t)d->size);
	if (title) {
		tess_jw_key(w, "annotations");
		tess_jw_obj(w);
		tess_jw_kstr(w, OCI_ANN_TITLE, title);
		tess_jw_obj_end(w);
	}
	tess_jw_obj_end(w);
}

char *tess_oci_config_make(const struct tess_oci_image *img, size_t *config_len)
{
	struct tess_jw w = { 0 };
	char kib[24];

	snprintf(kib, sizeof(kib), "%" PRIu64, img->memory_kib);
	tess_jw_obj(&w);
	tess_jw_kstr(&w, "created", img->created);
	tess_jw_kstr(&w, "architecture", "amd64");
	/* Tessera runs no Linux, but tools that read configs expect an OS
	 * they know; the labels say what the image really is. */
	tess_jw_kstr(&w, "os", "linux");
	tess_jw_key(&w, "config");
	tess_jw_obj(&w);
	tess_jw_key(&w, "Labels");
	tess_jw_obj(&w);
	tess_jw_kstr(&w, OCI_LABEL "name", img->name);
	tess_jw_kstr(&w, OCI_LABEL "vmm", img->vmm);
	tess_jw_kstr(&w, OCI_LABEL "machine", img->machine);
	tess_jw_kstr(&w, OCI_LABEL "memory-kib", kib);
	tess_jw_kstr(&w, OCI_LABEL "args", img->args);
	tess_jw_kstr(&w, OCI_LABEL "kernel-args", img->kernel_args);
	tess_jw_kstr(&w, OCI_LABEL "ports", img->ports);
	tess_jw_kstr(&w, OCI_LABEL "console-tty", img->console_tty ? "y" : "n");
	tess_jw_obj_end(&w);
	tess_jw_obj_end(&w);
	/* The layers are not tar archives: their "diff IDs" are their own digests. */
	tess_jw_key(&w, "rootfs");
	tess_jw_obj(&w);
	tess_jw_kstr(&w, "type", "layers");
	tess_jw_key(&w, "diff_ids");
	tess_jw_arr(&w);
	tess_jw_str(&w, img->kernel.digest);
	if (img->initrd.digest[0])
		tess_jw_str(&w, img->initrd.digest);
	tess_jw_arr_end(&w);
	tess_jw_obj_end(&w);
	tess_jw_obj_end(&w);
	return tess_jw_take(&w, config_len);
}

char *tess_oci_manifest_make(struct tess_oci_image *img, const char *config, size_t config_len,
			     size_t *manifest_len)
{
	struct tess_jw w = { 0 };
	char title[96];

	tess_oci_desc_of(&img->config, OCI_MT_CONFIG, config, config_len);
	tess_jw_obj(&w);
	tess_jw_kint(&w, "schemaVersion", 2);
	tess_jw_kstr(&w, "mediaType", OCI_MT_MANIFEST);
	tess_jw_key(&w, "config");
	jw_desc(&w, &img->config, NULL);
	tess_jw_key(&w, "layers");
	tess_jw_arr(&w);
	snprintf(title, sizeof(title), "%s.elf", img->name);
	jw_desc(&w, &img->kernel, title);
	if (img->initrd.digest[0]) {
		snprintf(title, sizeof(title), "%s.cpio", img->name);
		jw_desc(&w, &img->initrd, title);
	}
	tess_jw_arr_end(&w);
	tess_jw_key(&w, "annotations");
	tess_jw_obj(&w);
	tess_jw_kstr(&w, OCI_ANN_CREATED, img->created);
	tess_jw_kstr(&w, OCI_ANN_TITLE, img->name);
	tess_jw_obj_end(&w);
	tess_jw_obj_end(&w);
	return tess_jw_take(&w, manifest_len);
}

void tess_oci_image_free(struct tess_oci_image *img)
{
	free(img->name);
	free(img->vmm);
	free(img->machine);
	free(img->args);
	free(img->kernel_args);
	free(img->ports);
	free(img->created);
	memset(img, 0, sizeof(*img));
}

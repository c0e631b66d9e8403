/* oci.h - OCI images of Tessera apps: references, documents, image layouts, registries, the local cache. */
#ifndef TESS_OCI_H
#define TESS_OCI_H

#include <stddef.h>
#include <stdint.h>

#include "json.h"
#include "sha256.h"

/* Media types (docs/oci.md). */
#define OCI_MT_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define OCI_MT_CONFIG   "application/vnd.oci.image.config.v1+json"
#define OCI_MT_INDEX    "application/vnd.oci.image.index.v1+json"
#define OCI_MT_KERNEL   "application/vnd.tessera.kernel.v1"  /* the bootable ELF image */
#define OCI_MT_INITRD   "application/vnd.tessera.initrd.v1"  /* its initrd (newc cpio) */
#define OCI_ANN_REF     "org.opencontainers.image.ref.name"
#define OCI_ANN_CREATED "org.opencontainers.image.created"
#define OCI_ANN_TITLE   "org.opencontainers.image.title"
#define OCI_LABEL       "dev.tessera."  /* prefix of Tessera's labels in the config */

#define OCI_DOC_MAX   (1U << 20)           /* an index, manifest or config: at most 1 MiB */
#define OCI_BLOB_MAX  (4ULL << 30)         /* a layer: at most 4 GiB */
#define OCI_DIGEST_LEN (7 + TESS_SHA256_HEX) /* "sha256:" and 64 hex digits */
#define OCI_TAG_MAX   128

/* ---- errbuf.c ---- */

/* Write the printf-style message into err (err_len bytes, truncated to
 * fit; nothing if err_len is 0). Returns -1, so failures read
 * "return tess_errbuf(err, err_len, ...)". */
int tess_errbuf(char *err, size_t err_len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- ociref.c: image references ---- */

enum tess_oci_ref_kind { TESS_REF_LAYOUT, TESS_REF_REGISTRY };

struct tess_oci_ref {
	enum tess_oci_ref_kind kind;
	char *dir;      /* LAYOUT: the folder, absolute */
	char *registry; /* REGISTRY: "host:port" as written */
	char *host;     /* REGISTRY: the host part (brackets of an IPv6 address removed) */
	unsigned port;  /* REGISTRY: 1..65535 (80 if not written) */
	char *repo;     /* REGISTRY: the repository, e.g. "apps/hello" */
	char *tag;      /* the tag; NULL for a LAYOUT without one (its only image) */
	char *name;     /* the canonical name the cache lists: "oci:/abs/dir:tag",
			 * "localhost:5000/apps/hello:tag" */
};

/* 1 if arg names an image rather than an app folder: it starts with "oci:"
 * or holds a ':' (which no app folder may). */
int tess_oci_ref_is(const char *arg);

/*
 * Parse "oci:DIR[:TAG]" or "REGISTRY/NAME[:TAG]" (docs/oci.md; TAG
 * defaults to "latest" for registries). Registries must be plain HTTP:
 * localhost, 127.x.y.z or [::1] with a port, or any host written as
 * "http://HOST[:PORT]/NAME:TAG". Returns 0, or -1 with a one-line reason
 * in err (malformed name or tag, missing port, "https://", a remote
 * registry that would need TLS).
 */
int tess_oci_ref_parse(const char *arg, struct tess_oci_ref *ref, char *err, size_t err_len);

/* Free what tess_oci_ref_parse allocated (also after a failure). */
void tess_oci_ref_free(struct tess_oci_ref *ref);

/* 1 if tag is a valid tag: [A-Za-z0-9_][A-Za-z0-9._-]{0,127}. */
int tess_oci_tag_ok(const char *tag);

/* ---- ocidoc.c: manifests, configs and descriptors ---- */

struct tess_oci_desc {
	char media_type[128];
	char digest[OCI_DIGEST_LEN + 1]; /* "sha256:<hex>" */
	uint64_t size;
};

/* What a Tessera image holds and how to run it (the config's labels). */
struct tess_oci_image {
	struct tess_oci_desc config;
	struct tess_oci_desc kernel;
	struct tess_oci_desc initrd;  /* digest "" when there is none */
	char *name;          /* the app's name */
	char *vmm;           /* "qemu" or "tvm" */
	char *machine;       /* QEMU's machine: "microvm" or "pc" */
	uint64_t memory_kib;
	char *args;          /* app arguments, quoted for the guest command line */
	char *kernel_args;   /* kernel options, likewise */
	char *ports;         /* published ports, "" today */
	int console_tty;     /* the image takes console.tty= (run.conf's console_tty) */
	char *created;       /* RFC 3339 time of tess pkg */
};

/* 1 if s is "sha256:" and 64 lower-case hex digits. */
int tess_oci_digest_ok(const char *s);

/*
 * Check a descriptor object (mediaType, digest, size at most max) and fill
 * d. Returns 0, or -1 with the reason in err (what: "the config", ...).
 */
int tess_oci_desc_parse(const struct tess_json *v, uint64_t max, const char *what,
			struct tess_oci_desc *d, char *err, size_t err_len);

/* Parse and check a manifest: the config descriptor and the kernel and
 * initrd layers go to img (the labels come later from the config).
 * Returns 0, or -1 with a one-line reason. */
int tess_oci_manifest_parse(const char *text, size_t len, struct tess_oci_image *img,
			    char *err, size_t err_len);

/* Parse and check a config, filling img's run settings. Returns 0 or -1
 * with a one-line reason (not JSON, not an OCI image config, a missing
 * or invalid dev.tessera.* label). */
int tess_oci_config_parse(const char *text, size_t len, struct tess_oci_image *img,
			  char *err, size_t err_len);

/* The config and manifest documents for img (its descriptors' digests and
 * sizes filled for the layers; the config's are set here). Returns new
 * strings; *config_len and *manifest_len get their lengths. */
char *tess_oci_config_make(const struct tess_oci_image *img, size_t *config_len);
char *tess_oci_manifest_make(struct tess_oci_image *img, const char *config, size_t config_len,
			     size_t *manifest_len);

/* Set d's digest and size from data[0..n). */
void tess_oci_desc_of(struct tess_oci_desc *d, const char *media_type, const void *data, size_t n);

void tess_oci_image_free(struct tess_oci_image *img);

/* ---- ocilayout.c: OCI image layout folders (tess pkg -o, and the cache) ---- */

struct tess_oci_layout {
	char *dir;     /* absolute */
	char *shown;   /* how messages name it: "oci:DIR" or the cache's folder */
};

/* An entry of a layout's index.json. */
struct tess_oci_entry {
	char *ref;                 /* org.opencontainers.image.ref.name, NULL if none */
	char *created;             /* org.opencontainers.image.created, NULL if none */
	struct tess_oci_desc desc; /* the manifest's */
};

/*
 * Open the layout in dir. create: make it (and missing parents) if dir is
 * missing or empty. Refuses, with a one-line reason: a missing folder (if
 * !create), a non-empty folder without oci-layout, an oci-layout that is
 * not {"imageLayoutVersion":"1.0.0"}. Returns 0 or -1.
 */
int tess_oci_layout_open(struct tess_oci_layout *l, const char *dir, const char *shown, int create,
			 char *err, size_t err_len);

/* Read index.json's manifest entries (*n of them into a new array).
 * Returns 0, or -1 with a reason (missing, not JSON, not an index). */
int tess_oci_layout_entries(const struct tess_oci_layout *l, struct tess_oci_entry **entries,
			    size_t *n, char *err, size_t err_len);
void tess_oci_entries_free(struct tess_oci_entry *e, size_t n);

/* The path of a blob (need not exist). New string. */
char *tess_oci_layout_blob_path(const struct tess_oci_layout *l, const char *digest);

/* 1 if the blob for d is present with d's size (it was verified when it
 * was written). */
int tess_oci_layout_has(const struct tess_oci_layout *l, const struct tess_oci_desc *d);

/* Read the blob for d into memory (at most max bytes), verifying its size
 * and digest. Returns 0 with *data (NUL-terminated, caller frees), or -1
 * with a reason (missing, truncated, digest mismatch). */
int tess_oci_layout_read(const struct tess_oci_layout *l, const struct tess_oci_desc *d,
			 uint64_t max, char **data, char *err, size_t err_len);

/* A blob being written: to a temporary file, hashed as it goes. */
struct tess_oci_writer {
	const struct tess_oci_layout *l;
	char *tmp;
	int fd;
	struct tess_sha256 sha;
	uint64_t size;
};

int tess_oci_writer_open(struct tess_oci_writer *w, const struct tess_oci_layout *l,
			 char *err, size_t err_len);
int tess_oci_writer_write(struct tess_oci_writer *w, const void *data, size_t n,
			  char *err, size_t err_len);
/* Check the written bytes against d (digest and size) and rename the file
 * into place; on any failure the temporary file is removed. what names
 * the blob in messages. Returns 0 or -1. */
int tess_oci_writer_commit(struct tess_oci_writer *w, const struct tess_oci_desc *d,
			   const char *what, char *err, size_t err_len);
/* Remove the temporary file (after a failure elsewhere). */
void tess_oci_writer_abort(struct tess_oci_writer *w);

/* Store data as the blob described by d (which must match it). */
int tess_oci_layout_put(const struct tess_oci_layout *l, const struct tess_oci_desc *d,
			const void *data, size_t n, char *err, size_t err_len);

/* Make ref name the manifest d in index.json (replacing an entry of that
 * name), under a lock, written to a temporary file and renamed. created:
 * the entry's creation time annotation, or NULL. */
int tess_oci_layout_tag(const struct tess_oci_layout *l, const char *ref,
			const struct tess_oci_desc *d, const char *created,
			char *err, size_t err_len);

/* The manifest entry of tag in the layout: the one named tag, or if tag is
 * NULL the only entry there is. found_tag (OCI_TAG_MAX + 1 bytes, or NULL)
 * gets the entry's name ("" if it has none). Returns 0, or -1 with a
 * reason (no such tag, listing the tags there are). */
int tess_oci_layout_find(const struct tess_oci_layout *l, const char *tag, struct tess_oci_desc *d,
			 char *found_tag, char *err, size_t err_len);

/* ---- registry.c: the OCI distribution API over plain HTTP ---- */

/* Push a blob from memory unless the registry has it. */
int tess_registry_push_blob(const struct tess_oci_ref *ref, const struct tess_oci_desc *d,
			    const void *data, size_t n, char *err, size_t err_len);
/* PUT the manifest under ref's tag. */
int tess_registry_push_manifest(const struct tess_oci_ref *ref, const char *manifest, size_t n,
				char *err, size_t err_len);
/* GET the manifest of ref's tag into *text (at most OCI_DOC_MAX), set d to
 * its media type, digest (computed; it must match the registry's
 * Docker-Content-Digest header when there is one) and size. */
int tess_registry_get_manifest(const struct tess_oci_ref *ref, char **text, struct tess_oci_desc *d,
			       char *err, size_t err_len);
/* GET the blob d into the layout (the cache), verified. */
int tess_registry_get_blob(const struct tess_oci_ref *ref, const struct tess_oci_desc *d,
			   const struct tess_oci_layout *into, char *err, size_t err_len);

/* ---- ocipull.c: the local cache ---- */

/* Open (creating) the cache: $XDG_CACHE_HOME/tessera/oci, else
 * ~/.cache/tessera/oci. Dies with a one-line error if it cannot. */
void tess_oci_cache_open(struct tess_oci_layout *cache);

/*
 * Fetch ref into the cache (every blob verified) and fill img with its
 * settings and descriptors. Prints nothing on success. Returns 0, or -1
 * after printing a one-line error; the cache then holds no entry for ref
 * that was not there before (blobs verified so far may stay).
 */
int tess_oci_pull(const struct tess_oci_ref *ref, const struct tess_oci_layout *cache,
		  struct tess_oci_image *img);

/*
 * on: let SIGINT, SIGTERM and SIGHUP end tess at once (their default
 * action) while it waits on the network or disk; tess blocks them
 * otherwise, for its children's sake (child.c). off: block them again.
 * A pull cut short this way leaves only temporary blob files, which the
 * next tess_oci_cache_open removes once they are an hour old.
 */
void tess_oci_interruptible(int on);

/* ---- commands ---- */

int tess_cmd_pkg(int argc, char **argv);
int tess_cmd_pull(int argc, char **argv);
int tess_cmd_images(int argc, char **argv);

#endif

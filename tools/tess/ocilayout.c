/* ocilayout.c - OCI image layout folders (oci-layout, index.json, blobs/sha256): written by tess pkg -o, read by tess run oci:, and the cache's own format. */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oci.h"
#include "tess.h"

#define LAYOUT_TEXT "{\"imageLayoutVersion\":\"1.0.0\"}"

/* Read a whole small file (at most max bytes) into a NUL-terminated buffer. */
static int read_small(const char *path, size_t max, char **data, size_t *len)
{
	struct tess_buf b = { 0 };
	char buf[8192];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (b.len + (size_t)n > max) {
			free(b.s);
			close(fd);
			errno = EFBIG;
			return -1;
		}
		tess_buf_add(&b, buf, (size_t)n);
	}
	close(fd);
	if (n < 0) {
		free(b.s);
		return -1;
	}
	*len = b.len;
	*data = tess_buf_take(&b);
	return 0;
}

/* Write data to path through a temporary file renamed into place, so a
 * reader never sees half of it. */
static int write_atomic(const char *path, const void *data, size_t n, char *err, size_t err_len)
{
	char *tmp = tess_xasprintf("%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	const char *p = data;

	if (fd < 0) {
		tess_errbuf(err, err_len, "%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto fail;
		p += w;
		n -= (size_t)w;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path) < 0) {
		fd = -1;
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	tess_errbuf(err, err_len, "%s: %s", path, strerror(errno ? errno : EIO));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}

static int mkdirs(const char *path)
{
	char *p = tess_xstrdup(path), *s;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return mkdir(path, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

static int dir_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

/* A new layout in the empty folder l->dir. */
static int layout_init(const struct tess_oci_layout *l, char *err, size_t err_len)
{
	static const char index[] = "{\"schemaVersion\":2,\"mediaType\":\"" OCI_MT_INDEX "\",\"manifests\":[]}";
	char *blobs = tess_path_join(l->dir, "blobs/sha256");
	char *f;
	int r;

	if (mkdirs(blobs) < 0) {
		tess_errbuf(err, err_len, "%s: %s", blobs, strerror(errno));
		free(blobs);
		return -1;
	}
	free(blobs);
	/* index.json first: a folder with oci-layout is taken as complete. */
	f = tess_path_join(l->dir, "index.json");
	r = write_atomic(f, index, strlen(index), err, err_len);
	free(f);
	if (r < 0)
		return -1;
	f = tess_path_join(l->dir, "oci-layout");
	r = write_atomic(f, LAYOUT_TEXT, strlen(LAYOUT_TEXT), err, err_len);
	free(f);
	return r;
}

static int check_layout_file(const struct tess_oci_layout *l, const char *path, char *err, size_t err_len)
{
	struct tess_json *v;
	const char *ver;
	char *text, jerr[128];
	size_t len;

	if (read_small(path, OCI_DOC_MAX, &text, &len) < 0)
		return tess_errbuf(err, err_len, "%s: oci-layout: %s", l->shown, strerror(errno));
	v = tess_json_parse(text, len, jerr, sizeof(jerr));
	free(text);
	if (!v)
		return tess_errbuf(err, err_len, "%s: oci-layout is not JSON (%s)", l->shown, jerr);
	ver = tess_json_get_str(v, "imageLayoutVersion");
	if (!ver || strcmp(ver, "1.0.0") != 0) {
		tess_errbuf(err, err_len, "%s: oci-layout: image layout version %.32s, not 1.0.0", l->shown,
			    ver ? ver : "missing");
		tess_json_free(v);
		return -1;
	}
	tess_json_free(v);
	return 0;
}

int tess_oci_layout_open(struct tess_oci_layout *l, const char *dir, const char *shown, int create,
			 char *err, size_t err_len)
{
	struct stat st;
	char *f;
	int r;

	l->dir = tess_path_abs(dir);
	l->shown = tess_xstrdup(shown);
	if (stat(l->dir, &st) < 0) {
		if (errno != ENOENT || !create)
			return tess_errbuf(err, err_len, "%s: %s", shown, errno == ENOENT ? "no such folder" : strerror(errno));
		if (mkdirs(l->dir) < 0)
			return tess_errbuf(err, err_len, "%s: %s", shown, strerror(errno));
	} else if (!S_ISDIR(st.st_mode)) {
		return tess_errbuf(err, err_len, "%s: not a folder", shown);
	}
	f = tess_path_join(l->dir, "oci-layout");
	if (access(f, F_OK) == 0) {
		r = check_layout_file(l, f, err, err_len);
		free(f);
		return r;
	}
	free(f);
	if (create && dir_empty(l->dir))
		return layout_init(l, err, err_len);
	return tess_errbuf(err, err_len, "%s: not an OCI image layout (no oci-layout file)%s", shown,
			   create ? " and not empty; use a new or empty folder" : "");
}

void tess_oci_entries_free(struct tess_oci_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].ref);
		free(e[i].created);
	}
	free(e);
}

static int index_entries(const struct tess_oci_layout *l, const struct tess_json *idx,
			 struct tess_oci_entry **entries, size_t *n, char *err, size_t err_len)
{
	const struct tess_json *sv = tess_json_get(idx, "schemaVersion");
	const struct tess_json *m = tess_json_get(idx, "manifests");
	struct tess_oci_entry *e;
	size_t i;

	if (!sv || !sv->is_int || sv->num != 2 || !m || m->type != TESS_JSON_ARRAY)
		return tess_errbuf(err, err_len, "%s: index.json is not an OCI image index", l->shown);
	e = calloc(m->n + 1, sizeof(*e));
	if (!e)
		return tess_errbuf(err, err_len, "out of memory");
	for (i = 0; i < m->n; i++) {
		const struct tess_json *ann = tess_json_get(m->items[i], "annotations");
		const char *ref = tess_json_get_str(ann, OCI_ANN_REF);
		const char *created = tess_json_get_str(ann, OCI_ANN_CREATED);
		char what[64], why[256];

		snprintf(what, sizeof(what), "entry %zu", i + 1);
		if (tess_oci_desc_parse(m->items[i], OCI_DOC_MAX, what, &e[i].desc, why, sizeof(why)) < 0) {
			tess_oci_entries_free(e, i);
			return tess_errbuf(err, err_len, "%s: index.json: %s", l->shown, why);
		}
		e[i].ref = ref ? tess_xstrdup(ref) : NULL;
		e[i].created = created ? tess_xstrdup(created) : NULL;
	}
	*entries = e;
	*n = m->n;
	return 0;
}

int tess_oci_layout_entries(const struct tess_oci_layout *l, struct tess_oci_entry **entries,
			    size_t *n, char *err, size_t err_len)
{
	char *f = tess_path_join(l->dir, "index.json"), *text, jerr[128];
	struct tess_json *idx;
	size_t len;
	int r;

	r = read_small(f, OCI_DOC_MAX, &text, &len);
	free(f);
	if (r < 0)
		return tess_errbuf(err, err_len, "%s: index.json: %s", l->shown, strerror(errno));
	idx = tess_json_parse(text, len, jerr, sizeof(jerr));
	free(text);
	if (!idx)
		return tess_errbuf(err, err_len, "%s: index.json is not JSON (%s)", l->shown, jerr);
	r = index_entries(l, idx, entries, n, err, err_len);
	tess_json_free(idx);
	return r;
}

char *tess_oci_layout_blob_path(const struct tess_oci_layout *l, const char *digest)
{
	/* digest was checked: "sha256:<hex>" */
	return tess_xasprintf("%s/blobs/sha256/%s", l->dir, digest + 7);
}

int tess_oci_layout_has(const struct tess_oci_layout *l, const struct tess_oci_desc *d)
{
	char *p = tess_oci_layout_blob_path(l, d->digest);
	struct stat st;
	int r = stat(p, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size == d->size;

	free(p);
	return r;
}

int tess_oci_layout_read(const struct tess_oci_layout *l, const struct tess_oci_desc *d,
			 uint64_t max, char **data, char *err, size_t err_len)
{
	char *p = tess_oci_layout_blob_path(l, d->digest), hex[TESS_SHA256_HEX + 1];
	size_t len;
	int r = read_small(p, max, data, &len);

	free(p);
	if (r < 0)
		return tess_errbuf(err, err_len, "%s: blob %.19s...: %s", l->shown, d->digest,
				   errno == ENOENT ? "missing" : errno == EFBIG ? "too large" : strerror(errno));
	if (len != d->size) {
		free(*data);
		*data = NULL;
		return tess_errbuf(err, err_len, "%s: blob %.19s... is %zu bytes, not %llu as its descriptor says%s",
				   l->shown, d->digest, len, (unsigned long long)d->size, len < d->size ? " (truncated)" : "");
	}
	tess_sha256_hex(*data, len, hex);
	if (strcmp(hex, d->digest + 7) != 0) {
		free(*data);
		*data = NULL;
		return tess_errbuf(err, err_len, "%s: blob %.19s... does not match its digest (its content is sha256:%.12s...)",
				   l->shown, d->digest, hex);
	}
	return 0;
}

int tess_oci_writer_open(struct tess_oci_writer *w, const struct tess_oci_layout *l,
			 char *err, size_t err_len)
{
	w->l = l;
	w->size = 0;
	tess_sha256_init(&w->sha);
	w->tmp = tess_xasprintf("%s/blobs/.tmp-XXXXXX", l->dir);
	w->fd = mkostemp(w->tmp, O_CLOEXEC);
	if (w->fd < 0) {
		tess_errbuf(err, err_len, "%s: %s", w->tmp, strerror(errno));
		free(w->tmp);
		w->tmp = NULL;
		return -1;
	}
	return 0;
}

int tess_oci_writer_write(struct tess_oci_writer *w, const void *data, size_t n,
			  char *err, size_t err_len)
{
	const char *p = data;

	tess_sha256_update(&w->sha, data, n);
	w->size += n;
	while (n) {
		ssize_t r = write(w->fd, p, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return tess_errbuf(err, err_len, "%s: %s", w->tmp, strerror(r < 0 ? errno : EIO));
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

void tess_oci_writer_abort(struct tess_oci_writer *w)
{
	if (!w->tmp)
		return;
	if (w->fd >= 0)
		close(w->fd);
	unlink(w->tmp);
	free(w->tmp);
	w->tmp = NULL;
	w->fd = -1;
}

int tess_oci_writer_commit(struct tess_oci_writer *w, const struct tess_oci_desc *d,
			   const char *what, char *err, size_t err_len)
{
	char hex[TESS_SHA256_HEX + 1], *path;
	int fd = w->fd;

	tess_sha256_final_hex(&w->sha, hex);
	if (w->size != d->size) {
		tess_errbuf(err, err_len, "%s is %llu bytes, not %llu as its descriptor says%s", what,
			    (unsigned long long)w->size, (unsigned long long)d->size,
			    w->size < d->size ? " (truncated)" : "");
		goto abort;
	}
	if (strcmp(hex, d->digest + 7) != 0) {
		tess_errbuf(err, err_len, "%s does not match its digest %.19s... (its content is sha256:%.12s...)",
			    what, d->digest, hex);
		goto abort;
	}
	w->fd = -1;
	if (fsync(fd) < 0 || close(fd) < 0) {
		tess_errbuf(err, err_len, "%s: %s", w->tmp, strerror(errno));
		goto abort;
	}
	path = tess_oci_layout_blob_path(w->l, d->digest);
	if (rename(w->tmp, path) < 0) {
		tess_errbuf(err, err_len, "%s: %s", path, strerror(errno));
		free(path);
		goto abort;
	}
	free(path);
	free(w->tmp);
	w->tmp = NULL;
	return 0;
abort:
	tess_oci_writer_abort(w);
	return -1;
}

int tess_oci_layout_put(const struct tess_oci_layout *l, const struct tess_oci_desc *d,
			const void *data, size_t n, char *err, size_t err_len)
{
	struct tess_oci_writer w;

	if (tess_oci_layout_has(l, d))
		return 0;
	if (tess_oci_writer_open(&w, l, err, err_len) < 0)
		return -1;
	if (tess_oci_writer_write(&w, data, n, err, err_len) < 0) {
		tess_oci_writer_abort(&w);
		return -1;
	}
	return tess_oci_writer_commit(&w, d, d->digest, err, err_len);
}

static void jw_entry(struct tess_jw *w, const struct tess_oci_desc *d, const char *ref, const char *created)
{
	tess_jw_obj(w);
	tess_jw_kstr(w, "mediaType", d->media_type);
	tess_jw_kstr(w, "digest", d->digest);
	tess_jw_kint(w, "size", (int64_t)d->size);
	if (ref || created) {
		tess_jw_key(w, "annotations");
		tess_jw_obj(w);
		if (ref)
			tess_jw_kstr(w, OCI_ANN_REF, ref);
		if (created)
			tess_jw_kstr(w, OCI_ANN_CREATED, created);
		tess_jw_obj_end(w);
	}
	tess_jw_obj_end(w);
}

int tess_oci_layout_tag(const struct tess_oci_layout *l, const char *ref,
			const struct tess_oci_desc *d, const char *created,
			char *err, size_t err_len)
{
	struct tess_oci_entry *e;
	struct tess_jw w = { 0 };
	size_t n, i, len;
	char *text, *f;
	int dfd, r;

	/* One writer of index.json at a time: a lock on the folder itself. */
	dfd = open(l->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || flock(dfd, LOCK_EX) < 0) {
		if (dfd >= 0)
			close(dfd);
		return tess_errbuf(err, err_len, "%s: %s", l->shown, strerror(errno));
	}
	r = tess_oci_layout_entries(l, &e, &n, err, err_len);
	if (r < 0)
		goto unlock;
	tess_jw_obj(&w);
	tess_jw_kint(&w, "schemaVersion", 2);
	tess_jw_kstr(&w, "mediaType", OCI_MT_INDEX);
	tess_jw_key(&w, "manifests");
	tess_jw_arr(&w);
	for (i = 0; i < n; i++)
		if (!e[i].ref || strcmp(e[i].ref, ref) != 0)
			jw_entry(&w, &e[i].desc, e[i].ref, e[i].created);
	jw_entry(&w, d, ref, created);
	tess_jw_arr_end(&w);
	tess_jw_obj_end(&w);
	tess_oci_entries_free(e, n);
	text = tess_jw_take(&w, &len);
	f = tess_path_join(l->dir, "index.json");
	r = write_atomic(f, text, len, err, err_len);
	free(f);
	free(text);
unlock:
	close(dfd);
	return r;
}

int tess_oci_layout_find(const struct tess_oci_layout *l, const char *tag, struct tess_oci_desc *d,
			 char *found_tag, char *err, size_t err_len)
{
	struct tess_oci_entry *e;
	struct tess_buf tags = { 0 };
	size_t n, i;
	int found = -1;

	if (tess_oci_layout_entries(l, &e, &n, err, err_len) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (tag ? e[i].ref && strcmp(e[i].ref, tag) == 0 : n == 1)
			found = (int)i;
		if (e[i].ref && tags.len < 200) {
			tess_buf_adds(&tags, tags.len ? ", " : "");
			tess_buf_adds(&tags, e[i].ref);
		}
	}
	if (found >= 0) {
		*d = e[found].desc;
		if (found_tag)
			snprintf(found_tag, OCI_TAG_MAX + 1, "%s",
				 e[found].ref && tess_oci_tag_ok(e[found].ref) ? e[found].ref : "");
		if (strcmp(d->media_type, OCI_MT_MANIFEST) != 0)
			found = -2;
	}
	tess_oci_entries_free(e, n);
	if (found == -2)
		tess_errbuf(err, err_len, "%s: the entry for %s is a %.100s, not an image manifest", l->shown,
			    tag ? tag : "its image", d->media_type);
	else if (found < 0 && !tag)
		tess_errbuf(err, err_len, "%s holds %zu images; name one: oci:DIR:TAG (tags: %s)", l->shown, n,
			    tags.len ? tags.s : "none");
	else if (found < 0)
		tess_errbuf(err, err_len, "%s: no image tagged '%s' (tags: %s)", l->shown, tag,
			    tags.len ? tags.s : "none");
	free(tags.s);
	return found < 0 ? -1 : 0;
}

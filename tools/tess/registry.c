/* registry.c - talking to an OCI distribution (Docker registry v2) API over plain HTTP: push and pull of blobs and manifests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "oci.h"
#include "tess.h"

/* Seconds to wait for a connection or for each answer: TESS_HTTP_TIMEOUT
 * (1..3600), default 30. */
static unsigned timeout_ms(void)
{
	const char *s = getenv("TESS_HTTP_TIMEOUT");
	long v = s ? strtol(s, NULL, 10) : 0;

	return v >= 1 && v <= 3600 ? (unsigned)v * 1000 : 30000;
}

/* One request to ref's registry; a transport failure becomes "REGISTRY: why". */
static int call(const struct tess_oci_ref *ref, struct tess_http_req *q, struct tess_http_resp *r,
		char *err, size_t err_len)
{
	char why[256];

	q->host = ref->host;
	q->port = ref->port;
	q->timeout_ms = timeout_ms();
	if (!q->max_body)
		q->max_body = OCI_DOC_MAX;
	memset(r, 0, sizeof(*r));
	if (tess_http_request(q, r, why, sizeof(why)) == 0)
		return 0;
	if (strstr(why, "TLS"))
		return tess_errbuf(err, err_len, "%s: %s; only plain-HTTP registries are supported", ref->registry, why);
	if (strstr(why, "timed out"))
		return tess_errbuf(err, err_len, "%s: %s (after %u s; TESS_HTTP_TIMEOUT sets the limit)", ref->registry, why,
				   q->timeout_ms / 1000);
	if (strstr(why, "cannot connect"))
		return tess_errbuf(err, err_len, "%s: %s (is the registry running?)", ref->registry, why);
	return tess_errbuf(err, err_len, "%s: %s", ref->registry, why);
}

/* An unexpected status: the registry's own error message when it gave one
 * ({"errors":[{"code":...,"message":...}]}). */
static int status_error(const struct tess_oci_ref *ref, const char *doing, const struct tess_http_resp *r,
			char *err, size_t err_len)
{
	struct tess_json *v = r->body ? tess_json_parse(r->body, r->body_len, NULL, 0) : NULL;
	const struct tess_json *e = tess_json_get(v, "errors");
	const char *code = NULL, *msg = NULL;

	if (e && e->type == TESS_JSON_ARRAY && e->n) {
		code = tess_json_get_str(e->items[0], "code");
		msg = tess_json_get_str(e->items[0], "message");
	}
	if (r->status == 401 || r->status == 403)
		tess_errbuf(err, err_len, "%s: %s: the registry wants authentication (HTTP %d), which tess does not support",
			    ref->registry, doing, r->status);
	else
		tess_errbuf(err, err_len, "%s: %s: HTTP %d%s%.60s%s%.200s", ref->registry, doing, r->status,
			    code ? " " : "", code ? code : "", msg ? ": " : "", msg ? msg : "");
	tess_json_free(v);
	return -1;
}

static char *path(const struct tess_oci_ref *ref, const char *kind, const char *what)
{
	return tess_xasprintf("/v2/%s/%s/%s", ref->repo, kind, what);
}

/* The upload URL from a Location header: a path, or an http:// URL on the
 * same registry (whose scheme and host are dropped). */
static char *upload_target(const struct tess_oci_ref *ref, const char *loc, const char *digest,
			   char *err, size_t err_len)
{
	const char *p = loc;

	if (strncmp(p, "http://", 7) == 0) {
		p = strchr(p + 7, '/');
		if (!p)
			p = "/";
	} else if (strncmp(p, "https://", 8) == 0) {
		tess_errbuf(err, err_len, "%s: the registry sends uploads to %.100s; only plain HTTP is supported",
			    ref->registry, loc);
		return NULL;
	} else if (*p != '/') {
		tess_errbuf(err, err_len, "%s: unusable upload location '%.100s'", ref->registry, loc);
		return NULL;
	}
	return tess_xasprintf("%s%cdigest=%s", p, strchr(p, '?') ? '&' : '?', digest);
}

int tess_registry_push_blob(const struct tess_oci_ref *ref, const struct tess_oci_desc *d,
			    const void *data, size_t n, char *err, size_t err_len)
{
	static const char *const octet[] = { "Content-Type: application/octet-stream", NULL };
	struct tess_http_resp r;
	struct tess_http_req q = { .method = "HEAD" };
	char *target;
	int rc;

	q.target = target = path(ref, "blobs", d->digest);
	rc = call(ref, &q, &r, err, err_len);
	free(target);
	if (rc < 0)
		return -1;
	rc = r.status;
	tess_http_resp_free(&r);
	if (rc == 200)
		return 0; /* the registry has it already */

	memset(&q, 0, sizeof(q));
	q.method = "POST";
	q.target = target = path(ref, "blobs", "uploads/");
	rc = call(ref, &q, &r, err, err_len);
	free(target);
	if (rc < 0)
		return -1;
	if (r.status != 202 || !r.location) {
		rc = r.status != 202 ? status_error(ref, "starting an upload", &r, err, err_len)
				     : tess_errbuf(err, err_len, "%s: no Location for the upload", ref->registry);
		tess_http_resp_free(&r);
		return rc;
	}
	target = upload_target(ref, r.location, d->digest, err, err_len);
	tess_http_resp_free(&r);
	if (!target)
		return -1;
	memset(&q, 0, sizeof(q));
	q.method = "PUT";
	q.target = target;
	q.headers = octet;
	q.body = data;
	q.body_len = n;
	rc = call(ref, &q, &r, err, err_len);
	free(target);
	if (rc < 0)
		return -1;
	if (r.status != 201)
		rc = status_error(ref, "uploading a blob", &r, err, err_len);
	tess_http_resp_free(&r);
	return rc;
}

int tess_registry_push_manifest(const struct tess_oci_ref *ref, const char *manifest, size_t n,
				char *err, size_t err_len)
{
	static const char *const ct[] = { "Content-Type: " OCI_MT_MANIFEST, NULL };
	struct tess_http_req q = { .method = "PUT", .headers = ct, .body = manifest, .body_len = n };
	struct tess_http_resp r;
	char *target;
	int rc;

	q.target = target = path(ref, "manifests", ref->tag);
	rc = call(ref, &q, &r, err, err_len);
	free(target);
	if (rc < 0)
		return -1;
	if (r.status != 201)
		rc = status_error(ref, "storing the manifest", &r, err, err_len);
	tess_http_resp_free(&r);
	return rc;
}

int tess_registry_get_manifest(const struct tess_oci_ref *ref, char **text, struct tess_oci_desc *d,
			       char *err, size_t err_len)
{
	static const char *const accept[] = { "Accept: " OCI_MT_MANIFEST, NULL };
	struct tess_http_req q = { .method = "GET", .headers = accept };
	struct tess_http_resp r;
	char *target;
	int rc;

	q.target = target = path(ref, "manifests", ref->tag);
	rc = call(ref, &q, &r, err, err_len);
	free(target);
	if (rc < 0)
		return -1;
	if (r.status == 404) {
		tess_http_resp_free(&r);
		return tess_errbuf(err, err_len, "%s: no image %s:%s in the registry (HTTP 404)", ref->name,
				   ref->repo, ref->tag);
	}
	if (r.status != 200) {
		status_error(ref, "getting the manifest", &r, err, err_len);
		tess_http_resp_free(&r);
		return -1;
	}
	if (r.content_type && strncmp(r.content_type, OCI_MT_MANIFEST, strlen(OCI_MT_MANIFEST)) != 0) {
		tess_errbuf(err, err_len, "%s: the registry sent a %.100s, not an OCI image manifest", ref->name,
			    r.content_type);
		tess_http_resp_free(&r);
		return -1;
	}
	tess_oci_desc_of(d, OCI_MT_MANIFEST, r.body, r.body_len);
	if (r.digest && strcmp(r.digest, d->digest) != 0) {
		tess_errbuf(err, err_len, "%s: the manifest does not match its digest %.19s... (its content is %.19s...)",
			    ref->name, r.digest, d->digest);
		tess_http_resp_free(&r);
		return -1;
	}
	*text = r.body;
	r.body = NULL;
	tess_http_resp_free(&r);
	return 0;
}

/* Blob bytes straight into the cache's temporary file. */
struct blob_sink {
	struct tess_oci_writer *w;
	const struct tess_http_resp *r; /* its head is read before the body */
	uint64_t max;
};

static int blob_put(void *ctx, const void *data, size_t n, char *err, size_t err_len)
{
	struct blob_sink *s = ctx;

	if (s->r->status != 200)
		return 0; /* an error's text is not the blob */
	if (s->w->size + n > s->max)
		return tess_errbuf(err, err_len, "the blob is larger than its descriptor says");
	return tess_oci_writer_write(s->w, data, n, err, err_len);
}

int tess_registry_get_blob(const struct tess_oci_ref *ref, const struct tess_oci_desc *d,
			   const struct tess_oci_layout *into, char *err, size_t err_len)
{
	struct tess_oci_writer w;
	struct tess_http_resp r;
	struct blob_sink s = { .w = &w, .r = &r, .max = d->size };
	struct tess_http_req q = { .method = "GET", .sink = blob_put, .sink_ctx = &s };
	char *target, what[128];
	int rc;

	if (tess_oci_writer_open(&w, into, err, err_len) < 0)
		return -1;
	q.target = target = path(ref, "blobs", d->digest);
	rc = call(ref, &q, &r, err, err_len);
	free(target);
	if (rc < 0) {
		tess_oci_writer_abort(&w);
		return -1;
	}
	if (r.status != 200) {
		tess_oci_writer_abort(&w);
		rc = r.status == 404 ? tess_errbuf(err, err_len, "%s: blob %.19s... missing in the registry (HTTP 404)",
						   ref->name, d->digest)
				     : status_error(ref, "getting a blob", &r, err, err_len);
		tess_http_resp_free(&r);
		return rc;
	}
	tess_http_resp_free(&r);
	snprintf(what, sizeof(what), "%s: blob %.19s...", ref->name, d->digest);
	return tess_oci_writer_commit(&w, d, what, err, err_len);
}

/* ociref.c - image references: "oci:DIR[:TAG]" and "REGISTRY/NAME[:TAG]", checked where they come in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oci.h"
#include "tess.h"

#define NAME_MAX_LEN 255

int tess_oci_ref_is(const char *arg)
{
	return strncmp(arg, "oci:", 4) == 0 || strchr(arg, ':') != NULL;
}

static int is_alnum_lower(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int tess_oci_tag_ok(const char *tag)
{
	size_t n = strlen(tag);

	if (n == 0 || n > OCI_TAG_MAX || tag[0] == '.' || tag[0] == '-')
		return 0;
	return strspn(tag, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") == n;
}

/* A repository name: components of [a-z0-9] separated by single '.', '_'
 * or '-', joined by '/' (the distribution spec's grammar, simplified). */
static int repo_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > NAME_MAX_LEN)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i], prev = i ? s[i - 1] : '/', next = s[i + 1] ? s[i + 1] : '/';

		if (is_alnum_lower(c))
			continue;
		if (c != '/' && c != '.' && c != '_' && c != '-')
			return 0;
		/* Separators only between letters or digits. */
		if (!is_alnum_lower(prev) || !is_alnum_lower(next))
			return 0;
	}
	return 1;
}

/* 1 for hosts that are this machine: plain HTTP is safe there. */
static int loopback(const char *host)
{
	if (strcmp(host, "localhost") == 0 || strcmp(host, "::1") == 0)
		return 1;
	return strncmp(host, "127.", 4) == 0 && strspn(host + 4, "0123456789.") == strlen(host + 4);
}

/* "host[:port]" or "[v6]:port" into ref->host and ref->port. */
static int split_host(const char *reg, struct tess_oci_ref *ref, char *err, size_t err_len)
{
	const char *colon, *hend;
	unsigned long port = 80;

	if (reg[0] == '[') {
		hend = strchr(reg, ']');
		if (!hend || (hend[1] && hend[1] != ':'))
			return tess_errbuf(err, err_len, "%s: not a registry address", reg);
		ref->host = strndup(reg + 1, (size_t)(hend - reg - 1));
		colon = hend[1] ? hend + 1 : NULL;
	} else {
		colon = strchr(reg, ':');
		ref->host = colon ? strndup(reg, (size_t)(colon - reg)) : strdup(reg);
	}
	if (!ref->host)
		return tess_errbuf(err, err_len, "out of memory");
	if (!*ref->host || strspn(ref->host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:") !=
			    strlen(ref->host))
		return tess_errbuf(err, err_len, "%s: not a registry address", reg);
	if (colon) {
		char *end;

		port = strtoul(colon + 1, &end, 10);
		if (!colon[1] || *end || port < 1 || port > 65535 || colon[1] == '+' || colon[1] == '-')
			return tess_errbuf(err, err_len, "%s: not a port number (1 to 65535)", colon + 1);
	}
	ref->port = (unsigned)port;
	return 0;
}

static int parse_layout(const char *arg, struct tess_oci_ref *ref, char *err, size_t err_len)
{
	const char *dir = arg + 4, *colon = strrchr(dir, ':');
	char *d;

	ref->kind = TESS_REF_LAYOUT;
	if (colon && tess_oci_tag_ok(colon + 1) && !strchr(colon + 1, '/')) {
		d = strndup(dir, (size_t)(colon - dir));
		ref->tag = strdup(colon + 1);
	} else if (colon && !colon[1]) {
		return tess_errbuf(err, err_len, "%s: empty tag after ':'", arg);
	} else if (colon && !strchr(colon + 1, '/')) {
		return tess_errbuf(err, err_len, "%s: '%s' is not a tag (letters, digits, '_', '.', '-'; at most 128)",
				   arg, colon + 1);
	} else {
		d = strdup(dir);
	}
	if (!d || !*d) {
		free(d);
		return tess_errbuf(err, err_len, "%s: no folder after 'oci:'", arg);
	}
	ref->dir = tess_path_abs(d);
	free(d);
	ref->name = ref->tag ? tess_xasprintf("oci:%s:%s", ref->dir, ref->tag)
			     : tess_xasprintf("oci:%s", ref->dir);
	return 0;
}

static int parse_registry(const char *arg, struct tess_oci_ref *ref, char *err, size_t err_len)
{
	const char *s = arg, *slash, *colon;
	int http = 0;

	ref->kind = TESS_REF_REGISTRY;
	if (strncmp(s, "https://", 8) == 0)
		return tess_errbuf(err, err_len, "%s: only plain-HTTP registries are supported (no TLS)", arg);
	if (strncmp(s, "http://", 7) == 0) {
		http = 1;
		s += 7;
	}
	slash = strchr(s, '/');
	if (!slash || slash == s)
		return tess_errbuf(err, err_len, "%s: not an image reference (REGISTRY/NAME[:TAG] or oci:DIR[:TAG])",
				   arg);
	if (strchr(slash, '@'))
		return tess_errbuf(err, err_len, "%s: references by digest are not supported; use a tag", arg);
	ref->registry = strndup(s, (size_t)(slash - s));
	if (!ref->registry || split_host(ref->registry, ref, err, err_len) < 0)
		return -1;
	if (!http && !loopback(ref->host))
		return tess_errbuf(err, err_len, "%s: registry %s would need TLS; only plain-HTTP registries are "
				   "supported (localhost, 127.0.0.1, [::1], or http://HOST:PORT/NAME:TAG)",
				   arg, ref->registry);
	colon = strrchr(slash + 1, ':');
	ref->repo = colon ? strndup(slash + 1, (size_t)(colon - slash - 1)) : strdup(slash + 1);
	ref->tag = strdup(colon ? colon + 1 : "latest");
	if (!ref->repo || !ref->tag)
		return tess_errbuf(err, err_len, "out of memory");
	if (!repo_ok(ref->repo))
		return tess_errbuf(err, err_len, "%s: '%s' is not a repository name (lower-case letters and digits, "
				   "separated by single '.', '_', '-' or '/')", arg, ref->repo);
	if (!tess_oci_tag_ok(ref->tag))
		return tess_errbuf(err, err_len, "%s: '%s' is not a tag (letters, digits, '_', '.', '-'; at most 128)",
				   arg, ref->tag);
	ref->name = tess_xasprintf("%s%s/%s:%s", http ? "http://" : "", ref->registry, ref->repo,
				   ref->tag);
	return 0;
}

int tess_oci_ref_parse(const char *arg, struct tess_oci_ref *ref, char *err, size_t err_len)
{
	memset(ref, 0, sizeof(*ref));
	if (strlen(arg) > 4096)
		return tess_errbuf(err, err_len, "image reference too long");
	for (const char *p = arg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return tess_errbuf(err, err_len, "control character in an image reference");
	if (strncmp(arg, "oci:", 4) == 0)
		return parse_layout(arg, ref, err, err_len);
	return parse_registry(arg, ref, err, err_len);
}

void tess_oci_ref_free(struct tess_oci_ref *ref)
{
	free(ref->dir);
	free(ref->registry);
	free(ref->host);
	free(ref->repo);
	free(ref->tag);
	free(ref->name);
	memset(ref, 0, sizeof(*ref));
}

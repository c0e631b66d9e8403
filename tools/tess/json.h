/* json.h - a small JSON reader (into a tree) and writer, for OCI indexes, manifests and configs. */
#ifndef TESS_JSON_H
#define TESS_JSON_H

#include <stddef.h>
#include <stdint.h>

#define TESS_JSON_MAX_DEPTH 64  /* deeper nesting is refused (no OCI document comes close) */
#define TESS_JSON_MAX_KEYS 4096 /* keys per object: bounds the repeated-key check */

enum tess_json_type {
	TESS_JSON_NULL, TESS_JSON_FALSE, TESS_JSON_TRUE, TESS_JSON_NUMBER,
	TESS_JSON_STRING, TESS_JSON_ARRAY, TESS_JSON_OBJECT,
};

/* One value of a parsed document. */
struct tess_json {
	enum tess_json_type type;
	int is_int;      /* NUMBER: an integer (no fraction or exponent) that fits int64_t */
	int64_t num;     /* NUMBER with is_int: its value */
	char *str;       /* STRING: UTF-8, NUL-terminated (documents holding \u0000 are refused) */
	size_t n;        /* ARRAY/OBJECT: number of items */
	struct tess_json **items; /* ARRAY/OBJECT: the values, in document order */
	char **keys;     /* OBJECT: the keys (distinct: duplicates are refused) */
};

/*
 * Parse text[0..len) (not NUL-terminated necessarily) as one JSON value
 * (RFC 8259) with optional white space around it. Strings must be valid
 * UTF-8; nesting is limited to TESS_JSON_MAX_DEPTH; an object may not
 * repeat a key or hold more than TESS_JSON_MAX_KEYS. Returns the tree (free with tess_json_free), or NULL with a
 * short reason and the byte offset written to err (err_len bytes) when the
 * text is not such a document or memory ran out.
 */
struct tess_json *tess_json_parse(const char *text, size_t len, char *err, size_t err_len);

/* Free a tree returned by tess_json_parse (NULL is allowed). */
void tess_json_free(struct tess_json *v);

/* The value of key in obj; NULL if obj is not an object or lacks key. */
const struct tess_json *tess_json_get(const struct tess_json *obj, const char *key);
/* The string at key, or NULL if absent or not a string. */
const char *tess_json_get_str(const struct tess_json *obj, const char *key);

/* A writer: appends compact JSON to a growing buffer. Zero-initialise it.
 * Calls must nest properly (begin/end pairs; a key before each value in
 * an object); the writer inserts the commas. */
struct tess_jw {
	char *s;             /* the text so far, NUL-terminated (NULL before any output) */
	size_t len, cap;
	int depth;
	unsigned char first[TESS_JSON_MAX_DEPTH + 1]; /* no item yet at this depth */
	int after_key;       /* a key was just written: no comma before the value */
};

void tess_jw_obj(struct tess_jw *w);     /* { */
void tess_jw_obj_end(struct tess_jw *w); /* } */
void tess_jw_arr(struct tess_jw *w);     /* [ */
void tess_jw_arr_end(struct tess_jw *w); /* ] */
void tess_jw_key(struct tess_jw *w, const char *key);
void tess_jw_str(struct tess_jw *w, const char *s); /* escaped as JSON needs */
void tess_jw_int(struct tess_jw *w, int64_t v);
/* key, then a string/integer value: the common case in objects. */
void tess_jw_kstr(struct tess_jw *w, const char *key, const char *s);
void tess_jw_kint(struct tess_jw *w, const char *key, int64_t v);
/* Return the text (caller frees) and reset the writer. Never NULL. */
char *tess_jw_take(struct tess_jw *w, size_t *len);

#endif

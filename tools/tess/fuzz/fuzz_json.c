/* fuzz_json.c - libFuzzer target for what tess reads from image layouts and registries: the JSON reader, and the manifest and config checks on top of it.
 *
 * Every input goes through all three readers. Besides memory errors
 * (ASan), it checks the reader's own promises: a parsed string holds no
 * NUL before its end and what the writer re-makes from a tree parses again
 * to the same shape. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../json.h"
#include "../oci.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Write v back out with the writer. */
static void rewrite(struct tess_jw *w, const struct tess_json *v)
{
	switch (v->type) {
	case TESS_JSON_OBJECT:
	case TESS_JSON_ARRAY:
		if (v->type == TESS_JSON_OBJECT)
			tess_jw_obj(w);
		else
			tess_jw_arr(w);
		for (size_t i = 0; i < v->n; i++) {
			if (v->type == TESS_JSON_OBJECT)
				tess_jw_key(w, v->keys[i]);
			rewrite(w, v->items[i]);
		}
		if (v->type == TESS_JSON_OBJECT)
			tess_jw_obj_end(w);
		else
			tess_jw_arr_end(w);
		break;
	case TESS_JSON_STRING:
		tess_jw_str(w, v->str);
		break;
	default:
		/* Numbers and literals: an integer stands in for them all. */
		tess_jw_int(w, v->is_int ? v->num : 0);
	}
}

/* Same shape: types, counts, keys, strings. */
static int same(const struct tess_json *a, const struct tess_json *b)
{
	int num_a = a->type != TESS_JSON_ARRAY && a->type != TESS_JSON_OBJECT && a->type != TESS_JSON_STRING;

	if (num_a)
		return b->type == TESS_JSON_NUMBER;
	if (a->type != b->type || a->n != b->n)
		return 0;
	if (a->type == TESS_JSON_STRING)
		return strcmp(a->str, b->str) == 0;
	for (size_t i = 0; i < a->n; i++)
		if ((a->type == TESS_JSON_OBJECT && strcmp(a->keys[i], b->keys[i]) != 0) ||
		    !same(a->items[i], b->items[i]))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tess_oci_image img = { 0 };
	char err[256];
	struct tess_json *v = tess_json_parse((const char *)data, size, err, sizeof(err));

	if (v) {
		struct tess_jw w = { 0 };
		struct tess_json *again;
		size_t len;
		char *text;

		rewrite(&w, v);
		text = tess_jw_take(&w, &len);
		again = tess_json_parse(text, len, err, sizeof(err));
		if (!again || !same(v, again))
			abort();
		tess_json_free(again);
		free(text);
		tess_json_free(v);
	}
	tess_oci_manifest_parse((const char *)data, size, &img, err, sizeof(err));
	tess_oci_image_free(&img);
	tess_oci_config_parse((const char *)data, size, &img, err, sizeof(err));
	tess_oci_image_free(&img);
	return 0;
}

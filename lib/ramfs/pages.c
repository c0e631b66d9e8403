/* pages.c: a file's data pages in a radix tree of page-sized nodes. */
#include "ramfs.h"

#define FAN (1u << RAMFS_FAN_SHIFT)

/* Pages a subtree of height h covers. */
static uint64_t span(unsigned int h)
{
	return (uint64_t)1 << (RAMFS_FAN_SHIFT * h);
}

static unsigned int slot(uint64_t idx, unsigned int level)
{
	return (unsigned int)(idx >> (RAMFS_FAN_SHIFT * (level - 1))) & (FAN - 1);
}

void *ramfs_pages_find(const struct ramfs_pages *pg, uint64_t idx)
{
	void *node = pg->root;

	if (!pg->height || idx >= span(pg->height))
		return NULL;
	for (unsigned int level = pg->height; node && level > 0; level--)
		node = ((void **)node)[slot(idx, level)];
	return node;
}

/* Add levels on top until the tree covers idx. */
static int grow(struct ramfs_pages *pg, uint64_t idx)
{
	while (!pg->height || idx >= span(pg->height)) {
		if (pg->root) {
			void **top = ramfs_page_alloc();

			if (!top)
				return -1;
			top[0] = pg->root;
			pg->root = top;
		}
		pg->height++;
	}
	return 0;
}

void *ramfs_pages_get(struct ramfs_pages *pg, uint64_t idx)
{
	void **slotp = &pg->root;

	if (grow(pg, idx))
		return NULL;
	for (unsigned int level = pg->height; level > 0; level--) {
		if (!*slotp && !(*slotp = ramfs_page_alloc()))
			return NULL;
		slotp = &((void **)*slotp)[slot(idx, level)];
	}
	if (!*slotp) {
		*slotp = ramfs_page_alloc();
		if (!*slotp)
			return NULL;
		pg->count++;
	}
	return *slotp;
}

/* Trim the subtree node of height level covering pages from base; 1 when
 * it is left empty (the caller frees it). */
static int trim_node(void **node, unsigned int level, uint64_t base, uint64_t first, size_t *count)
{
	uint64_t each = span(level - 1);
	int empty = 1;

	for (unsigned int i = 0; i < FAN; i++) {
		uint64_t start = base + i * each;

		if (!node[i])
			continue;
		if (start + each <= first) {
			empty = 0; /* wholly kept */
		} else if (level == 1) {
			ramfs_page_free(node[i]);
			node[i] = NULL;
			(*count)--;
		} else if (trim_node(node[i], level - 1, start, first, count)) {
			ramfs_page_free(node[i]);
			node[i] = NULL;
		} else {
			empty = 0;
		}
	}
	return empty;
}

void ramfs_pages_trim(struct ramfs_pages *pg, uint64_t first)
{
	if (pg->root && trim_node(pg->root, pg->height, 0, first, &pg->count)) {
		ramfs_page_free(pg->root);
		pg->root = NULL;
		pg->height = 0;
	}
}

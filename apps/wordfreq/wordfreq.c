/*
 * wordfreq.c: the most frequent words of every file under a folder.
 *
 *   wordfreq DIR [--out FILE] [--top N] [--cat-out]
 *
 * A word is a maximal run of ASCII letters (A-Z, a-z), lowercased; every
 * other byte (digits, punctuation, white space, bytes >= 0x80 such as
 * UTF-8) separates words. Regular files are read at any depth; symbolic
 * links are not followed. Prints the N (default 10) most frequent words
 * as "count word", by count (descending) then word (strcmp order), and
 * writes the whole table in that order to FILE. --cat-out reads FILE back
 * and prints it (the tests use it to see the file the guest wrote).
 * Plain POSIX and C: the same source builds against glibc and nolibc.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct word {
	char *text;
	long count;
};

/* An open-addressing hash table of words; grows at 1/2 full. */
static struct word *table;
static size_t table_size, nwords;

static size_t hash(const char *s, size_t n)
{
	size_t h = 14695981039346656037u;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p) {
		fprintf(stderr, "wordfreq: out of memory\n");
		exit(1);
	}
	return p;
}

static void grow(void)
{
	struct word *old = table;
	size_t old_size = table_size;

	table_size = table_size ? 2 * table_size : 1024;
	table = xmalloc(table_size * sizeof *table);
	memset(table, 0, table_size * sizeof *table);
	for (size_t i = 0; i < old_size; i++) {
		if (!old[i].text)
			continue;
		size_t j = hash(old[i].text, strlen(old[i].text)) & (table_size - 1);
		while (table[j].text)
			j = (j + 1) & (table_size - 1);
		table[j] = old[i];
	}
	free(old);
}

static void count(const char *w, size_t n)
{
	size_t i;

	if (2 * (nwords + 1) > table_size)
		grow();
	for (i = hash(w, n) & (table_size - 1); table[i].text; i = (i + 1) & (table_size - 1)) {
		if (!strncmp(table[i].text, w, n) && !table[i].text[n]) {
			table[i].count++;
			return;
		}
	}
	table[i].text = xmalloc(n + 1);
	memcpy(table[i].text, w, n);
	table[i].text[n] = '\0';
	table[i].count = 1;
	nwords++;
}

/* The word being read: it may continue from one buffer into the next. */
static char *cur;
static size_t cur_len, cur_cap;

static void letter(char c)
{
	if (cur_len == cur_cap) {
		cur_cap = cur_cap ? 2 * cur_cap : 64;
		cur = realloc(cur, cur_cap);
		if (!cur) {
			fprintf(stderr, "wordfreq: out of memory\n");
			exit(1);
		}
	}
	cur[cur_len++] = c;
}

static void end_word(void)
{
	if (cur_len)
		count(cur, cur_len);
	cur_len = 0;
}

static int read_file(const char *path)
{
	char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f) {
		fprintf(stderr, "wordfreq: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)buf[i];

			if (c >= 'A' && c <= 'Z')
				letter((char)(c - 'A' + 'a'));
			else if (c >= 'a' && c <= 'z')
				letter((char)c);
			else
				end_word();
		}
	}
	end_word();
	n = ferror(f);
	fclose(f);
	if (n) {
		fprintf(stderr, "wordfreq: %s: read error\n", path);
		return -1;
	}
	return 0;
}

/* Every regular file under dir, depth first; returns the errors met. */
static int walk(const char *dir)
{
	struct dirent *e;
	struct stat st;
	int errors = 0;
	DIR *d = opendir(dir);

	if (!d) {
		fprintf(stderr, "wordfreq: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		size_t len;
		char *path;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		len = strlen(dir) + strlen(e->d_name) + 2;
		path = xmalloc(len);
		snprintf(path, len, "%s/%s", dir, e->d_name);
		if (lstat(path, &st)) {
			fprintf(stderr, "wordfreq: %s: %s\n", path, strerror(errno));
			errors++;
		} else if (S_ISDIR(st.st_mode)) {
			errors += walk(path);
		} else if (S_ISREG(st.st_mode)) {
			errors += read_file(path) != 0;
		}
		free(path);
	}
	closedir(d);
	return errors;
}

/* By count, descending, then by word. */
static int by_count(const void *a, const void *b)
{
	const struct word *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->text, y->text);
}

static int write_table(const char *path, const struct word *w, size_t n)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "wordfreq: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%ld %s\n", w[i].count, w[i].text);
	if (fclose(f)) {
		fprintf(stderr, "wordfreq: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int cat(const char *path)
{
	char line[512];
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "wordfreq: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f))
		fputs(line, stdout);
	fclose(f);
	return 0;
}

int main(int argc, char *argv[])
{
	const char *dir = NULL, *out = NULL;
	int cat_out = 0, errors;
	long top = 10;
	struct word *sorted;
	size_t n = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--out") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--top") && i + 1 < argc)
			top = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--cat-out"))
			cat_out = 1;
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else
			dir = NULL, i = argc;
	}
	if (!dir || top < 0) {
		fprintf(stderr, "usage: wordfreq DIR [--out FILE] [--top N] [--cat-out]\n");
		return 2;
	}
	errors = walk(dir);
	sorted = xmalloc((nwords ? nwords : 1) * sizeof *sorted);
	for (size_t i = 0; i < table_size; i++)
		if (table[i].text)
			sorted[n++] = table[i];
	qsort(sorted, n, sizeof *sorted, by_count);
	for (size_t i = 0; i < n && i < (size_t)top; i++)
		printf("%ld %s\n", sorted[i].count, sorted[i].text);
	if (out && write_table(out, sorted, n))
		return 1;
	if (out && cat_out) {
		printf("-- %s\n", "table");
		if (cat(out))
			return 1;
	}
	return errors ? 1 : 0;
}

/* elfpatch.c: make a broken copy of a valid tvm image, for elf-test.sh (tests only).
 * Usage: elfpatch IN OUT MUTATION, with MUTATION one of
 *   truncate:N truncate-segments machine class32 overlap outside wrap wx entry nonote abi
 * Exits 1 if the mutation does not apply to IN (e.g. no second PT_LOAD). */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ts/tvm_abi.h"

static unsigned char *buf;
static size_t len;

static void die(const char *why)
{
	fprintf(stderr, "elfpatch: %s\n", why);
	exit(1);
}

static Elf64_Phdr *phdr(unsigned i)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;

	if (i >= eh->e_phnum || eh->e_phoff + (i + 1) * sizeof(Elf64_Phdr) > len)
		die("no such program header");
	return (Elf64_Phdr *)(buf + eh->e_phoff + i * sizeof(Elf64_Phdr));
}

/* The n-th PT_LOAD. */
static Elf64_Phdr *load(unsigned n)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;

	for (unsigned i = 0; i < eh->e_phnum; i++)
		if (phdr(i)->p_type == PT_LOAD && n-- == 0)
			return phdr(i);
	die("not enough PT_LOAD segments");
	return NULL;
}

/* The Tessera note header (namesz) and its descriptor. */
static unsigned char *note(struct tvm_image_info **info)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;

	for (unsigned i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr *p = phdr(i);
		uint64_t align = p->p_align == 8 ? 8 : 4;

		if (p->p_type != PT_NOTE)
			continue;
		for (uint64_t pos = p->p_offset; pos + 12 <= p->p_offset + p->p_filesz;) {
			uint32_t *h = (uint32_t *)(buf + pos);
			uint64_t desc = pos + ((12 + h[0] + align - 1) & ~(align - 1));

			if (h[0] == 8 && !memcmp(buf + pos + 12, "Tessera", 8)) {
				*info = (struct tvm_image_info *)(buf + desc);
				return buf + pos + 12;
			}
			pos = desc + ((h[1] + align - 1) & ~(align - 1));
		}
	}
	die("no Tessera note");
	return NULL;
}

static void move(Elf64_Phdr *p, uint64_t page)
{
	p->p_vaddr = p->p_paddr = page + p->p_offset % 4096;
}

int main(int argc, char **argv)
{
	struct tvm_image_info *info;
	FILE *f;

	if (argc != 4)
		die("usage: elfpatch IN OUT MUTATION");
	if (!(f = fopen(argv[1], "rb")))
		die("cannot open input");
	fseek(f, 0, SEEK_END);
	len = (size_t)ftell(f);
	rewind(f);
	buf = malloc(len + 1);
	if (!buf || fread(buf, 1, len, f) != len)
		die("cannot read input");
	fclose(f);

	const char *m = argv[3];
	if (!strncmp(m, "truncate:", 9)) {
		size_t n = strtoul(m + 9, NULL, 0);
		len = n < len ? n : len;
	} else if (!strcmp(m, "truncate-segments")) {
		/* cut the last byte of the segment that ends last in the file */
		Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
		size_t end = 0;
		for (unsigned i = 0; i < eh->e_phnum; i++)
			if (phdr(i)->p_type == PT_LOAD && phdr(i)->p_offset + phdr(i)->p_filesz > end)
				end = phdr(i)->p_offset + phdr(i)->p_filesz;
		if (end == 0 || end > len)
			die("no file-backed segment");
		len = end - 1;
	} else if (!strcmp(m, "machine")) {
		((Elf64_Ehdr *)buf)->e_machine = EM_386;
	} else if (!strcmp(m, "class32")) {
		buf[EI_CLASS] = ELFCLASS32;
	} else if (!strcmp(m, "overlap")) {
		move(load(1), load(0)->p_vaddr & ~4095ull);
	} else if (!strcmp(m, "outside")) {
		move(load(1), 0x7ff00000);
	} else if (!strcmp(m, "wrap")) {
		move(load(1), 0xfffffffffffff000ull);
		load(1)->p_memsz += 0x2000;
	} else if (!strcmp(m, "wx")) {
		load(0)->p_flags = PF_R | PF_W | PF_X;
	} else if (!strcmp(m, "entry")) {
		note(&info);
		info->entry = 0x10;
	} else if (!strcmp(m, "nonote")) {
		note(&info)[6] = 'y';
	} else if (!strcmp(m, "abi")) {
		note(&info);
		info->abi_version = 99;
	} else if (!strncmp(m, "flags:", 6)) {
		note(&info);
		info->flags = (uint32_t)strtoul(m + 6, NULL, 0);
	} else if (!strcmp(m, "anyblock-nblock")) {
		note(&info);
		info->flags = TVM_IMAGE_F_ANY_BLOCK;
		info->nblock = 1;
	} else {
		die("unknown mutation");
	}
	if (!(f = fopen(argv[2], "wb")) || fwrite(buf, 1, len, f) != len || fclose(f))
		die("cannot write output");
	return 0;
}

/* elf.c - validating the image's ELF64 headers and finding how much memory it occupies. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tess.h"

#define PAGE_SIZE   4096ULL
#define MIN_SPARE   (64ULL * 1024) /* stack, boot info and a first heap page */

/* Read exactly len bytes at off; short file counts as failure (errno 0). */
static int read_at(int fd, void *buf, size_t len, off_t off)
{
	char *p = buf;

	while (len) {
		ssize_t n = pread(fd, p, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = 0;
			return -1;
		}
		p += n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

/* Check the ELF header; returns a reason, or NULL if it is acceptable. */
static const char *check_ehdr(const Elf64_Ehdr *eh, uint64_t size)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return "bad magic";
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		return "not 64-bit";
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return "not little-endian";
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return "unknown ELF version";
	if (eh->e_machine != EM_X86_64)
		return "not x86-64";
	if (eh->e_type != ET_EXEC)
		return "not an executable";
	if (eh->e_phnum == 0 || eh->e_phoff == 0)
		return "no program headers";
	if (eh->e_phnum == PN_XNUM)
		return "too many program headers";
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return "bad program header size";
	/* phnum * 56 < 2^22: no overflow in the sum unless e_phoff is huge. */
	if (eh->e_phoff > size || size - eh->e_phoff < (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr))
		return "program headers outside the file";
	return NULL;
}

/* Check the program headers; sets *end to the highest PT_LOAD end. */
static const char *check_phdrs(const Elf64_Phdr *ph, unsigned n, uint64_t size, uint64_t *end)
{
	int loads = 0;
	unsigned i;

	*end = 0;
	for (i = 0; i < n; i++) {
		const Elf64_Phdr *p = &ph[i];

		if (p->p_type != PT_LOAD)
			continue;
		loads++;
		if (p->p_offset > size || size - p->p_offset < p->p_filesz)
			return "segment outside the file";
		if (p->p_filesz > p->p_memsz)
			return "segment larger in the file than in memory";
		if (p->p_paddr + p->p_memsz < p->p_paddr)
			return "segment address overflows";
		if (p->p_paddr + p->p_memsz > *end)
			*end = p->p_paddr + p->p_memsz;
	}
	if (!loads)
		return "no loadable segment";
	return NULL;
}

int tess_elf_load_end(const char *path, uint64_t *end, const char **reason)
{
	Elf64_Ehdr eh;
	Elf64_Phdr *ph;
	struct stat st;
	size_t phsize;
	int fd, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		goto fail_io;
	if (!S_ISREG(st.st_mode)) {
		*reason = "not a regular file";
		goto fail_invalid;
	}
	if ((uint64_t)st.st_size < sizeof(eh)) {
		*reason = "file too short";
		goto fail_invalid;
	}
	if (read_at(fd, &eh, sizeof(eh), 0) < 0)
		goto fail_read;
	*reason = check_ehdr(&eh, (uint64_t)st.st_size);
	if (*reason)
		goto fail_invalid;
	phsize = (size_t)eh.e_phnum * sizeof(Elf64_Phdr);
	ph = tess_xmalloc(phsize);
	if (read_at(fd, ph, phsize, (off_t)eh.e_phoff) < 0) {
		free(ph);
		goto fail_read;
	}
	*reason = check_phdrs(ph, eh.e_phnum, (uint64_t)st.st_size, end);
	free(ph);
	if (*reason)
		goto fail_invalid;
	close(fd);
	return 0;

fail_read:
	if (errno == 0) {
		/* The file shrank under us. */
		*reason = "file too short";
		goto fail_invalid;
	}
fail_io:
	e = errno;
	close(fd);
	errno = e;
	return -1;
fail_invalid:
	close(fd);
	return -2;
}

uint64_t tess_elf_min_kib(uint64_t end)
{
	/* Round in bytes, then convert; end near 2^64 saturates instead of wrapping. */
	if (end > UINT64_MAX - PAGE_SIZE - MIN_SPARE)
		return UINT64_MAX / 1024;
	end = (end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	return (end + MIN_SPARE) / 1024;
}

/* elfcore.c - writing an ELF core file of a Tessera guest: registers in NT_PRSTATUS, memory in PT_LOADs. */
#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/procfs.h>
#include <sys/reg.h>
#include <unistd.h>

#include "elfcore.h"

#define PAGE 4096u

void ts_elfcore_regs_from_frame(const struct ts_trap_frame *f, struct ts_elfcore_regs *r)
{
	memset(r, 0, sizeof(*r));
	r->rax = f->rax; r->rbx = f->rbx; r->rcx = f->rcx; r->rdx = f->rdx;
	r->rsi = f->rsi; r->rdi = f->rdi; r->rbp = f->rbp; r->rsp = f->rsp;
	r->r8 = f->r8; r->r9 = f->r9; r->r10 = f->r10; r->r11 = f->r11;
	r->r12 = f->r12; r->r13 = f->r13; r->r14 = f->r14; r->r15 = f->r15;
	r->rip = f->rip; r->rflags = f->rflags; r->cs = f->cs; r->ss = f->ss;
}

int ts_elfcore_signal(uint64_t vector)
{
	switch (vector) {
	case TS_TRAP_NONE:
		return SIGABRT;
	case 0: case 16: case 19:
		return SIGFPE;
	case 1: case 3:
		return SIGTRAP;
	case 6:
		return SIGILL;
	case 17:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

/* Write all of buf; 0 or -errno. */
static int put(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* Write a segment's bytes at the current offset, seeking over zero pages. */
static int put_sparse(int fd, const uint8_t *data, uint64_t size)
{
	for (uint64_t off = 0; off < size; off += PAGE) {
		size_t n = size - off < PAGE ? (size_t)(size - off) : PAGE;
		int rc;

		if (all_zero(data + off, n)) {
			if (lseek(fd, (off_t)n, SEEK_CUR) < 0)
				return -errno;
			continue;
		}
		if ((rc = put(fd, data + off, n)))
			return rc;
	}
	return 0;
}

/* One note: header, name "CORE" padded to 4, descriptor padded to 4. */
static size_t note_add(uint8_t *buf, uint32_t type, const void *desc, uint32_t size)
{
	Elf64_Nhdr h = { .n_namesz = 5, .n_descsz = size, .n_type = type };
	size_t n = 0;

	memcpy(buf, &h, sizeof(h));
	n += sizeof(h);
	memcpy(buf + n, "CORE\0\0\0", 8);
	n += 8;
	memcpy(buf + n, desc, size);
	n += (size + 3u) & ~3u;
	return n;
}

static void prstatus_fill(struct elf_prstatus *ps, const struct ts_elfcore_regs *r, int signo)
{
	memset(ps, 0, sizeof(*ps));
	ps->pr_info.si_signo = signo;
	ps->pr_cursig = (short)signo;
	ps->pr_pid = 1;
	ps->pr_reg[RAX] = r->rax; ps->pr_reg[RBX] = r->rbx; ps->pr_reg[RCX] = r->rcx;
	ps->pr_reg[RDX] = r->rdx; ps->pr_reg[RSI] = r->rsi; ps->pr_reg[RDI] = r->rdi;
	ps->pr_reg[RBP] = r->rbp; ps->pr_reg[RSP] = r->rsp;
	ps->pr_reg[R8] = r->r8; ps->pr_reg[R9] = r->r9; ps->pr_reg[R10] = r->r10;
	ps->pr_reg[R11] = r->r11; ps->pr_reg[R12] = r->r12; ps->pr_reg[R13] = r->r13;
	ps->pr_reg[R14] = r->r14; ps->pr_reg[R15] = r->r15;
	ps->pr_reg[RIP] = r->rip; ps->pr_reg[EFLAGS] = r->rflags;
	ps->pr_reg[CS] = r->cs; ps->pr_reg[SS] = r->ss;
	ps->pr_reg[FS_BASE] = r->fs_base; ps->pr_reg[GS_BASE] = r->gs_base;
	ps->pr_reg[ORIG_RAX] = (unsigned long long)-1; /* not in a system call */
}

int ts_elfcore_write(int fd, const struct ts_elfcore_regs *r, int signo,
		     const struct ts_elfcore_seg *seg, size_t nseg)
{
	struct elf_prstatus ps;
	uint8_t notes[sizeof(Elf64_Nhdr) + 8 + sizeof(ps) + 4];
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	size_t nlen;
	uint64_t off;
	int rc;

	prstatus_fill(&ps, r, signo);
	/* No NT_PRPSINFO: gdb compares its 15-byte program name with the
	 * executable's file name (IMAGE.dbg, longer) and warns that the core
	 * may not match; without it, gdb takes the executable it is given. */
	nlen = note_add(notes, NT_PRSTATUS, &ps, sizeof(ps));

	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
	eh.e_type = ET_CORE;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(ph);
	eh.e_phnum = (Elf64_Half)(1 + nseg);
	if ((rc = put(fd, &eh, sizeof(eh))))
		return rc;

	off = sizeof(eh) + (uint64_t)(1 + nseg) * sizeof(ph);
	ph = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = off, .p_filesz = nlen, .p_align = 4 };
	if ((rc = put(fd, &ph, sizeof(ph))))
		return rc;
	off = (off + nlen + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	for (size_t i = 0; i < nseg; i++) {
		ph = (Elf64_Phdr){
			.p_type = PT_LOAD, .p_flags = PF_R | PF_W | PF_X, .p_offset = off,
			.p_vaddr = seg[i].vaddr, .p_paddr = seg[i].vaddr,
			.p_filesz = seg[i].size, .p_memsz = seg[i].size, .p_align = PAGE,
		};
		if ((rc = put(fd, &ph, sizeof(ph))))
			return rc;
		off += (seg[i].size + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	}
	if ((rc = put(fd, notes, nlen)))
		return rc;
	off = (sizeof(eh) + (1 + nseg) * sizeof(ph) + nlen + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	for (size_t i = 0; i < nseg; i++) {
		if (lseek(fd, (off_t)off, SEEK_SET) < 0)
			return -errno;
		if ((rc = put_sparse(fd, seg[i].data, seg[i].size)))
			return rc;
		off += (seg[i].size + PAGE - 1) & ~(uint64_t)(PAGE - 1);
	}
	/* Trailing zero pages were skipped: the file must still reach them. */
	if (ftruncate(fd, (off_t)off) < 0)
		return -errno;
	return 0;
}

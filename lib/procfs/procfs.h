/* procfs.h: lib/procfs's private interface — the fixed tree, its vnodes and the text its files hold. */
#ifndef LIB_PROCFS_PROCFS_H
#define LIB_PROCFS_PROCFS_H

#include <stdarg.h>
#include <ts/vfs_impl.h>

/* A file's content, made when it is opened (as Linux's seq files): later
 * reads see that snapshot. */
struct pf_text {
	char *buf;
	size_t len, cap;
	int err; /* -ENOMEM once an append failed */
};

/* Append to t (printf formats); on failure t->err is set. */
void pf_printf(struct pf_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pf_put(struct pf_text *t, const void *p, size_t n);

enum pf_kind { PF_DIR, PF_FILE, PF_LINK, PF_FDDIR };

/* One entry of the fixed tree (nodes.c). The root is node 0. */
struct pf_node {
	const char *name;
	int parent;     /* index of the directory holding it */
	enum pf_kind kind;
	void (*gen)(struct pf_text *t);   /* PF_FILE: fill the content */
	const char *target;               /* PF_LINK: fixed target, or NULL: */
	void (*link)(struct pf_text *t);  /* PF_LINK: make the target */
};
extern const struct pf_node pf_nodes[];
extern const unsigned int pf_nnodes;

/* Inode numbers: node i is i + 1; descriptor fd in the fd folder is
 * PF_FD_INO + fd. */
#define PF_FD_INO 1000

/* A vnode: a fixed node, or (node == -1) the link for descriptor fd. */
struct pf_vnode {
	struct ts_vnode vn;
	int node;
	int fd;
};

/* The content generators (cpuinfo.c, meminfo.c, maps.c, self.c). */
void pf_cpuinfo(struct pf_text *t);
void pf_meminfo(struct pf_text *t);
void pf_maps(struct pf_text *t);
void pf_cmdline(struct pf_text *t);
void pf_status(struct pf_text *t);
void pf_uptime(struct pf_text *t);
void pf_version(struct pf_text *t);
void pf_exe(struct pf_text *t);
void pf_cwd(struct pf_text *t);

/* The target of descriptor fd's link ("/dev/console", ...): 0 or -ENOENT. */
int pf_fd_target(int fd, struct pf_text *t);

#endif

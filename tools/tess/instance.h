/* instance.h - background instances: the state folder, the state file, the supervisor (tess run -d, ps, logs, stop, rm). */
#ifndef TESS_INSTANCE_H
#define TESS_INSTANCE_H

#include <stdint.h>
#include <sys/types.h>

#include "tess.h"

/* The state file's format version; a file with another one is listed as
 * "unknown state" (and rm removes it). */
#define TESS_INST_VERSION 1
#define TESS_INST_NAME_MAX 64
/* The console log keeps the newest data: console.log holds up to half the
 * cap, and when it is full it becomes console.log.1 (replacing the older
 * half), so between TESS_LOG_CAP/2 and TESS_LOG_CAP bytes are kept. */
#define TESS_LOG_CAP (8u << 20)

/* Files inside an instance's folder. */
#define TESS_INST_STATE "state"
#define TESS_INST_LOG "console.log"
#define TESS_INST_LOG_OLD "console.log.1"
#define TESS_INST_CONTROL "control" /* FIFO: QEMU's control port (nr=3) */

/* What an instance's state file holds. Strings are owned (NULL: absent). */
struct tess_inst {
	int version;       /* TESS_INST_VERSION when read correctly */
	char *name;
	char *app;         /* what tess run was given (app folder, image, ...) */
	char *vmm;         /* "tvm" or "qemu" */
	char *image;       /* the bootable image (absolute) */
	char *dbg;         /* the image with symbols (absolute) */
	int gdb_port;      /* 0: none (for tess gdb) */
	uint64_t mem_kib;
	char *ports;       /* published ports, "" today (networking fills it) */
	int64_t created;   /* seconds since the epoch */
	char *phase;       /* "starting", "running" or "ended" */
	pid_t sup_pid;     /* the supervisor (tess), 0 before it runs */
	uint64_t sup_start; /* its start time (/proc/PID/stat field 22) */
	pid_t mon_pid;     /* the monitor (tvm or QEMU) */
	uint64_t mon_start;
	int64_t started;   /* the monitor started (epoch seconds) */
	char *result;      /* when ended: "exited", "crashed", "killed", "monitor died" */
	int status;        /* when ended: the exit status tess run would give */
	int64_t ended;
};

/* How an instance looks now (derived from the state file and /proc). */
enum tess_inst_live {
	TESS_LIVE_RUNNING,  /* the supervisor is alive */
	TESS_LIVE_STARTING, /* created; the supervisor has not reported yet
			     * (for a minute at most: then TESS_LIVE_DIED) */
	TESS_LIVE_ENDED,    /* the supervisor recorded the end (result, status) */
	TESS_LIVE_DIED,     /* the supervisor is gone without recording it */
	TESS_LIVE_UNKNOWN,  /* no readable state of this version */
};

/* ---- instance-state.c ---- */

/* The state folder (TESS_STATE_DIR, else $XDG_RUNTIME_DIR/tessera/instances,
 * else ~/.local/state/tessera/instances), created (0700) if missing. Dies
 * with a one-line error when it cannot be. Returns a static string. */
const char *tess_inst_dir(void);

/* 1 if name matches [a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}. */
int tess_inst_name_ok(const char *name);
/* Die with a one-line error (usage status) unless tess_inst_name_ok(). */
void tess_inst_name_check(const char *name);

/* The folder of instance name (a new string). */
char *tess_inst_path(const char *name);

/*
 * Read the state file of the instance folder dir into st (zeroed first).
 * Returns 0; -1 when the folder is gone (errno ENOENT); -2 when the file
 * is missing, unreadable, of another version or malformed, with *why a
 * static reason.
 */
int tess_inst_read(const char *dir, struct tess_inst *st, const char **why);

/* Write st as dir's state file, atomically (a temporary file renamed).
 * Returns 0 or -1 with errno set. */
int tess_inst_write(const char *dir, const struct tess_inst *st);

/* Free the strings of st. */
void tess_inst_free(struct tess_inst *st);

/* Start time of process pid (field 22 of /proc/PID/stat), 0 if there is
 * no such process. */
uint64_t tess_proc_start(pid_t pid);
/* 1 if process pid exists and started at start (not a reused pid). */
int tess_proc_alive(pid_t pid, uint64_t start);

/* What st says about the instance now. */
enum tess_inst_live tess_inst_live(const struct tess_inst *st);

/* The state as ps shows it ("running", "exited (0)", "crashed", "killed",
 * "monitor died", ...), into buf. */
void tess_inst_state_text(const struct tess_inst *st, enum tess_inst_live l, char *buf,
			  size_t len);

/*
 * Load instance name for a command: dies (status 1) with "no instance
 * named 'NAME'" when there is none. Returns the folder (new string); st is
 * filled, *live set (TESS_LIVE_UNKNOWN with *why when unreadable).
 */
char *tess_inst_load(const char *name, struct tess_inst *st, enum tess_inst_live *live,
		     const char **why);

/* Remove the instance folder dir (renamed out of the way first, so the
 * name is free at once). Returns 0 or -1 with a message printed. */
int tess_inst_remove(const char *dir, const char *name);

/* ---- instance-super.c ---- */

/* What tess run -d hands to tess_inst_start(). */
struct tess_inst_launch {
	struct tess_vec argv;  /* the monitor's command line */
	int is_tvm;
	const char *name;      /* --name, or NULL: made from app_name */
	const char *app_name;  /* the app's name (run.conf) */
	const char *app;       /* what tess run was given */
	const char *image;
	uint64_t mem_kib;
	int gdb_port;          /* the guest's gdb port, for tess gdb (0: none) */
	char *control;         /* set by tess_inst_prepare: the control FIFO (QEMU) */
	char *dir;             /* set by tess_inst_prepare: the instance folder */
	char *tmpdir;          /* the folder being prepared */
};

/* Die with a one-line error if an instance called name exists (checked
 * before building; tess_inst_start() is what decides a race). */
void tess_inst_name_free(const char *name);

/* Copy file src into the prepared folder as base (for a temporary file
 * the monitor needs after this tess has ended); returns its final path.
 * Dies on failure. */
char *tess_inst_keep(struct tess_inst_launch *la, const char *src, const char *base);

/*
 * Reserve the name: make the instance folder under a temporary name with
 * its state file and control FIFO (la->dir, la->control, la->tmpdir set),
 * so the monitor's command line can name the FIFO. Dies on a bad or used
 * name.
 */
void tess_inst_prepare(struct tess_inst_launch *la);

/*
 * Publish the folder under its name (atomically: of two racing, one wins,
 * the other gets a one-line error) and start the supervisor, detached
 * (double fork, setsid, no terminal), which starts the monitor. Returns
 * once the monitor runs: 0 after printing the name, or 125 after a
 * one-line error (nothing left behind).
 */
int tess_inst_start(struct tess_inst_launch *la);


/* Stop the running instance (SIGTERM to its supervisor, which asks the
 * guest; the monitor is killed after timeout_s). Returns 0 once it has
 * ended. */
int tess_inst_stop(const char *dir, struct tess_inst *st, unsigned timeout_s);

#endif

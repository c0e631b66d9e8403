/* kill.c: kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo — sending signals within the instance (one process, pid 1). */
#include <errno.h>
#include <string.h>
#include <ts/hooks.h>
#include <ts/posix_thread.h>
#include <ts/syscall.h>
#include "signal_impl.h"

#define OUR_PID 1

static int bad_signal(int sig)
{
	return sig < 0 || sig > TS_NSIG;
}

static long send_from_us(int tid, int sig, int code)
{
	if (sig == 0)
		return 0; /* only "does it exist", already checked */
	struct ts_siginfo info;
	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.u.kill.pid = OUR_PID;
	info.u.kill.uid = 0;
	return ts_signal_send(tid, &info);
}

/* pid 1 (ours), 0 (our process group) and -1 (every process we may
 * signal) all mean this instance; any other process does not exist. */
TS_SYSCALL_DEFINE2(kill, "dd:d", int, pid, int, sig)
{
	if (bad_signal(sig))
		return -EINVAL;
	if (pid != OUR_PID && pid != 0 && pid != -1 && pid != -OUR_PID)
		return -ESRCH;
	return send_from_us(0, sig, TS_SI_USER);
}

static long thread_kill(int tid, int sig)
{
	if (bad_signal(sig) || tid <= 0)
		return -EINVAL;
	ts_sched_atomic_begin();
	int exists = sig_thread_find(tid) != NULL;
	ts_sched_atomic_end();
	if (!exists)
		return -ESRCH;
	return send_from_us(tid, sig, TS_SI_TKILL);
}

TS_SYSCALL_DEFINE2(tkill, "dd:d", int, tid, int, sig)
{
	return thread_kill(tid, sig);
}

TS_SYSCALL_DEFINE3(tgkill, "ddd:d", int, tgid, int, tid, int, sig)
{
	if (tgid <= 0 || tid <= 0 || bad_signal(sig))
		return -EINVAL;
	if (tgid != OUR_PID)
		return -ESRCH;
	return thread_kill(tid, sig);
}

/* The program's own siginfo. As on Linux, a process may claim any si_code
 * towards itself; only a negative one other than SI_TKILL towards others,
 * and there are no others. */
static long queue_info(int tid, int sig, const struct ts_siginfo *uinfo)
{
	if (bad_signal(sig))
		return -EINVAL;
	if (!ts_user_ok(uinfo, sizeof(*uinfo), 0))
		return -EFAULT;
	struct ts_siginfo info = *uinfo;
	info.si_signo = sig;
	if (sig == 0)
		return 0;
	return ts_signal_send(tid, &info);
}

TS_SYSCALL_DEFINE3(rt_sigqueueinfo, "ddp:d", int, pid, int, sig, const struct ts_siginfo *, uinfo)
{
	if (pid != OUR_PID)
		return bad_signal(sig) ? -EINVAL : -ESRCH;
	return queue_info(0, sig, uinfo);
}

TS_SYSCALL_DEFINE4(rt_tgsigqueueinfo, "dddp:d", int, tgid, int, tid, int, sig, const struct ts_siginfo *, uinfo)
{
	if (tgid <= 0 || tid <= 0 || bad_signal(sig))
		return -EINVAL;
	if (tgid != OUR_PID)
		return -ESRCH;
	ts_sched_atomic_begin();
	int exists = sig_thread_find(tid) != NULL;
	ts_sched_atomic_end();
	if (!exists)
		return -ESRCH;
	return queue_info(tid, sig, uinfo);
}

/* The host asks the instance to shut down (tess stop, plat/common's
 * ts_stop_check): SIGTERM from outside, as another process's kill would
 * send it. */
void ts_signal_stop_request(void)
{
	struct ts_siginfo info;
	memset(&info, 0, sizeof(info));
	info.si_signo = TS_SIGTERM;
	info.si_code = TS_SI_USER;
	if (ts_signal_send(0, &info) == 0)
		sig_wake_any(TS_SIGTERM);
}

/* event_test.c: in-kernel tests of lib/posix-event — wake-ups from other threads and interrupted waits. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <ts/sched.h>
#include <ts/syscall.h>
#include <ts/test.h>

#define MS 1000000ull
#define EPOLLIN 1u
#define POLLIN 1

static long sys(long n, long a, long b, long c, long d)
{
	return __tessera_syscall(n, a, b, c, d, 0, 0);
}

static long do_close(int fd)
{
	return sys(TS_NR_close, fd, 0, 0, 0);
}

/* What a helper thread does and what it got. */
struct job {
	long nr, a, b, c, d;
	long result;
	int done;
};

static void run_job(void *arg)
{
	struct job *j = arg;

	j->result = sys(j->nr, j->a, j->b, j->c, j->d);
	__atomic_store_n(&j->done, 1, __ATOMIC_RELEASE);
}

/* Start j in a thread and let it block (it must still be waiting). */
static struct ts_thread *start(struct job *j)
{
	struct ts_thread *t = NULL;

	j->done = 0;
	ts_thread_create(&t, NULL, run_job, j);
	ts_thread_sleep_ns(5 * MS);
	return t;
}

static char buf[70000];

TS_TEST(pipe_read_woken_by_write)
{
	int p[2];
	struct job j;

	TS_EXPECT_EQ(sys(TS_NR_pipe2, (long)p, 0, 0, 0), 0);
	j = (struct job){ TS_NR_read, p[0], (long)buf, 16, 0, 0, 0 };
	struct ts_thread *t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	TS_EXPECT_EQ(sys(TS_NR_write, p[1], (long)"wake", 4, 0), 4);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 4);
	TS_EXPECT(!memcmp(buf, "wake", 4));
	/* the last writer going ends a blocked read with 0 */
	t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	do_close(p[1]);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 0);
	do_close(p[0]);
}

TS_TEST(pipe_writer_waits_for_room)
{
	int p[2];
	struct job j;

	TS_EXPECT_EQ(sys(TS_NR_pipe2, (long)p, 0, 0, 0), 0);
	TS_EXPECT_EQ(sys(TS_NR_write, p[1], (long)buf, 65536, 0), 65536);
	/* an atomic write of 100 bytes waits for 100 bytes of room */
	j = (struct job){ TS_NR_write, p[1], (long)buf, 100, 0, 0, 0 };
	struct ts_thread *t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	TS_EXPECT_EQ(sys(TS_NR_read, p[0], (long)buf, 50, 0), 50);
	ts_thread_sleep_ns(2 * MS);
	TS_EXPECT_EQ(j.done, 0);
	TS_EXPECT_EQ(sys(TS_NR_read, p[0], (long)buf, 50, 0), 50);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 100);
	/* a blocked writer gets EPIPE when the last reader goes */
	j = (struct job){ TS_NR_write, p[1], (long)buf, 10, 0, 0, 0 };
	t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	do_close(p[0]);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, -EPIPE);
	do_close(p[1]);
}

TS_TEST(pipe_waits_interrupted)
{
	int p[2];
	struct job j;

	TS_EXPECT_EQ(sys(TS_NR_pipe2, (long)p, 0, 0, 0), 0);
	j = (struct job){ TS_NR_read, p[0], (long)buf, 16, 0, 0, 0 };
	struct ts_thread *t = start(&j);
	ts_thread_interrupt(t);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, -EINTR);
	/* a large write cut short returns what went in */
	j = (struct job){ TS_NR_write, p[1], (long)buf, 70000, 0, 0, 0 };
	t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	ts_thread_interrupt(t);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 65536);
	do_close(p[0]);
	do_close(p[1]);
}

TS_TEST(eventfd_across_threads)
{
	uint64_t v = 0, one = 3;
	int e = (int)sys(TS_NR_eventfd2, 0, 0, 0, 0);
	struct job j = { TS_NR_read, e, (long)&v, 8, 0, 0, 0 };

	TS_EXPECT(e >= 0);
	struct ts_thread *t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	TS_EXPECT_EQ(sys(TS_NR_write, e, (long)&one, 8, 0), 8);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 8);
	TS_EXPECT_EQ(v, 3);
	t = start(&j);
	ts_thread_interrupt(t);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, -EINTR);
	do_close(e);
}

struct k_pollfd {
	int fd;
	short events, revents;
};

TS_TEST(poll_and_select_across_threads)
{
	int p[2];
	struct k_pollfd pf;
	unsigned long rs;
	struct job j;

	TS_EXPECT_EQ(sys(TS_NR_pipe2, (long)p, 0, 0, 0), 0);
	pf = (struct k_pollfd){ p[0], POLLIN, 0 };
	j = (struct job){ TS_NR_poll, (long)&pf, 1, -1, 0, 0, 0 };
	struct ts_thread *t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	sys(TS_NR_write, p[1], (long)"x", 1, 0);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 1);
	TS_EXPECT_EQ(pf.revents, POLLIN);
	sys(TS_NR_read, p[0], (long)buf, 1, 0);
	/* interrupted */
	t = start(&j);
	ts_thread_interrupt(t);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, -EINTR);
	/* select */
	rs = 1ul << p[0];
	j = (struct job){ TS_NR_select, p[0] + 1, (long)&rs, 0, 0, 0, 0 };
	t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	sys(TS_NR_write, p[1], (long)"y", 1, 0);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 1);
	TS_EXPECT_EQ(rs, 1ul << p[0]);
	sys(TS_NR_read, p[0], (long)buf, 1, 0);
	t = start(&j);
	ts_thread_interrupt(t);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, -EINTR);
	do_close(p[0]);
	do_close(p[1]);
}

struct k_epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

TS_TEST(epoll_across_threads)
{
	int p[2], ep, ep2;
	struct k_epoll_event ev = { EPOLLIN, 42 }, out[2];
	struct job j;

	TS_EXPECT_EQ(sys(TS_NR_pipe2, (long)p, 0, 0, 0), 0);
	ep = (int)sys(TS_NR_epoll_create1, 0, 0, 0, 0);
	TS_EXPECT_EQ(sys(TS_NR_epoll_ctl, ep, 1, p[0], (long)&ev), 0);
	j = (struct job){ TS_NR_epoll_wait, ep, (long)out, 2, -1, 0, 0 };
	struct ts_thread *t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	sys(TS_NR_write, p[1], (long)"x", 1, 0);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 1);
	TS_EXPECT_EQ(out[0].data, 42);
	sys(TS_NR_read, p[0], (long)buf, 1, 0);
	/* a set inside a set: the outer waiter wakes too */
	ep2 = (int)sys(TS_NR_epoll_create1, 0, 0, 0, 0);
	ev.data = 7;
	TS_EXPECT_EQ(sys(TS_NR_epoll_ctl, ep2, 1, ep, (long)&ev), 0);
	j = (struct job){ TS_NR_epoll_wait, ep2, (long)out, 2, -1, 0, 0 };
	t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	sys(TS_NR_write, p[1], (long)"x", 1, 0);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 1);
	TS_EXPECT_EQ(out[0].data, 7);
	sys(TS_NR_read, p[0], (long)buf, 1, 0);
	/* interrupted, and a timeout */
	j = (struct job){ TS_NR_epoll_wait, ep, (long)out, 2, -1, 0, 0 };
	t = start(&j);
	ts_thread_interrupt(t);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, -EINTR);
	TS_EXPECT_EQ(sys(TS_NR_epoll_wait, ep, (long)out, 2, 3), 0);
	/* the watched pipe's last descriptor closes while a thread waits */
	j = (struct job){ TS_NR_epoll_wait, ep, (long)out, 2, 20, 0, 0 };
	t = start(&j);
	do_close(p[0]);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 0);
	do_close(p[1]);
	do_close(ep2);
	do_close(ep);
}

/* Many descriptors: one change among 300 pipes is found, by epoll without
 * looking at the others. */
#define NPIPES 300
static int many[NPIPES][2];
static struct k_pollfd manypf[NPIPES];

TS_TEST(many_descriptors)
{
	struct k_epoll_event ev, out[8];
	struct job j;
	int ep = (int)sys(TS_NR_epoll_create1, 0, 0, 0, 0), ok = 1;

	for (int i = 0; i < NPIPES; i++) {
		ok &= sys(TS_NR_pipe2, (long)many[i], 0, 0, 0) == 0;
		ev = (struct k_epoll_event){ EPOLLIN, (uint64_t)i };
		ok &= sys(TS_NR_epoll_ctl, ep, 1, many[i][0], (long)&ev) == 0;
		manypf[i] = (struct k_pollfd){ many[i][0], POLLIN, 0 };
	}
	TS_EXPECT(ok);
	j = (struct job){ TS_NR_epoll_wait, ep, (long)out, 8, -1, 0, 0 };
	struct ts_thread *t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	sys(TS_NR_write, many[217][1], (long)"x", 1, 0);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 1);
	TS_EXPECT_EQ(out[0].data, 217);
	sys(TS_NR_read, many[217][0], (long)buf, 1, 0);
	sys(TS_NR_write, many[5][1], (long)"x", 1, 0);
	sys(TS_NR_write, many[299][1], (long)"x", 1, 0);
	sys(TS_NR_write, many[0][1], (long)"x", 1, 0);
	TS_EXPECT_EQ(sys(TS_NR_epoll_wait, ep, (long)out, 8, 0), 3);
	TS_EXPECT_EQ(out[0].data, 5);
	TS_EXPECT_EQ(out[1].data, 299);
	TS_EXPECT_EQ(out[2].data, 0);
	for (int i = 0; i < 3; i++)
		sys(TS_NR_read, many[out[i].data][0], (long)buf, 1, 0);
	/* poll over all of them, woken by a write to one */
	j = (struct job){ TS_NR_poll, (long)manypf, NPIPES, -1, 0, 0, 0 };
	t = start(&j);
	TS_EXPECT_EQ(j.done, 0);
	sys(TS_NR_write, many[123][1], (long)"x", 1, 0);
	ts_thread_join(t, NULL);
	TS_EXPECT_EQ(j.result, 1);
	TS_EXPECT_EQ(manypf[123].revents, POLLIN);
	TS_EXPECT_EQ(manypf[122].revents, 0);
	for (int i = 0; i < NPIPES; i++) {
		do_close(many[i][0]);
		do_close(many[i][1]);
	}
	/* the set forgot every closed pipe */
	TS_EXPECT_EQ(sys(TS_NR_epoll_wait, ep, (long)out, 8, 0), 0);
	do_close(ep);
}

TS_TESTSUITE(posix_event, pipe_read_woken_by_write, pipe_writer_waits_for_room,
	     pipe_waits_interrupted, eventfd_across_threads, poll_and_select_across_threads,
	     epoll_across_threads, many_descriptors);

/* A quick smoke test; replaced by the full test below. */
#include <stdio.h>
#include <unistd.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
int main(void)
{
	int p[2];
	printf("pipe %d\n", pipe(p));
	printf("write %zd\n", write(p[1], "abc", 3));
	struct pollfd pf = { p[0], POLLIN, 0 };
	printf("poll %d %x\n", poll(&pf, 1, 0), pf.revents);
	char b[8];
	printf("read %zd\n", read(p[0], b, 8));
	int e = epoll_create1(0);
	struct epoll_event ev = { EPOLLIN, { .u64 = 7 } };
	printf("ctl %d\n", epoll_ctl(e, EPOLL_CTL_ADD, p[0], &ev));
	printf("wait %d\n", epoll_wait(e, &ev, 1, 10));
	write(p[1], "x", 1);
	printf("wait %d %llu\n", epoll_wait(e, &ev, 1, 10), (unsigned long long)ev.data.u64);
	int efd = eventfd(3, 0);
	eventfd_t v;
	printf("efd %d %llu\n", eventfd_read(efd, &v), (unsigned long long)v);
	return 0;
}

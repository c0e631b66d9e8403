/* tapio.c: test helper — send or receive one Ethernet frame of EtherType
 * 0x88b5 on an interface through an AF_PACKET socket (used inside a network
 * namespace the test creates; nothing leaves it).
 *   tapio send IFACE TEXT        broadcast one frame carrying TEXT
 *   tapio recv IFACE SECONDS     print the payload of the first such frame */
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define ETHERTYPE_LOCAL 0x88b5

static int open_socket(const char *iface, struct sockaddr_ll *sll)
{
	int fd = socket(AF_PACKET, SOCK_RAW, htons(ETHERTYPE_LOCAL));
	if (fd < 0) {
		perror("tapio: socket");
		exit(1);
	}
	memset(sll, 0, sizeof(*sll));
	sll->sll_family = AF_PACKET;
	sll->sll_protocol = htons(ETHERTYPE_LOCAL);
	sll->sll_ifindex = (int)if_nametoindex(iface);
	if (!sll->sll_ifindex || bind(fd, (struct sockaddr *)sll, sizeof(*sll)) < 0) {
		fprintf(stderr, "tapio: %s: no such interface\n", iface);
		exit(1);
	}
	return fd;
}

static int do_send(const char *iface, const char *text)
{
	struct sockaddr_ll sll;
	unsigned char f[1514];
	size_t n = strlen(text);
	int fd = open_socket(iface, &sll);
	if (n > sizeof(f) - 14)
		n = sizeof(f) - 14;
	memset(f, 0xff, 6);
	memcpy(f + 6, "\x02\x00\x00\x00\x00\x01", 6);
	f[12] = ETHERTYPE_LOCAL >> 8;
	f[13] = ETHERTYPE_LOCAL & 0xff;
	memcpy(f + 14, text, n);
	sll.sll_halen = 6;
	memset(sll.sll_addr, 0xff, 6);
	if (sendto(fd, f, 14 + n < 60 ? 60 : 14 + n, 0, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		perror("tapio: sendto");
		return 1;
	}
	return 0;
}

static int do_recv(const char *iface, int seconds)
{
	struct sockaddr_ll sll;
	unsigned char f[2048];
	int fd = open_socket(iface, &sll);
	time_t end = time(NULL) + seconds;
	while (time(NULL) < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, 200) <= 0)
			continue;
		ssize_t n = recv(fd, f, sizeof(f) - 1, 0);
		if (n < 14 || f[12] != (ETHERTYPE_LOCAL >> 8) || f[13] != (ETHERTYPE_LOCAL & 0xff))
			continue;
		f[n] = '\0';
		printf("%s\n", (char *)f + 14);
		return 0;
	}
	fprintf(stderr, "tapio: nothing received on %s in %d s\n", iface, seconds);
	return 1;
}

int main(int argc, char *argv[])
{
	if (argc == 4 && !strcmp(argv[1], "send"))
		return do_send(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "recv"))
		return do_recv(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: tapio send IFACE TEXT | tapio recv IFACE SECONDS\n");
	return 2;
}

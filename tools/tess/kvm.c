/* kvm.c - deciding whether KVM can be used: /dev/kvm opens and speaks API version 12. */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tess.h"

#define KVM_DEVICE "/dev/kvm"
#define KVM_API    12 /* the only stable version; QEMU refuses others too */

int tess_kvm_usable(char *buf, size_t len)
{
	int fd, v;

	fd = open(KVM_DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(buf, len, "%s: %s", KVM_DEVICE, strerror(errno));
		return 0;
	}
	v = ioctl(fd, KVM_GET_API_VERSION, 0);
	if (v < 0)
		snprintf(buf, len, "%s: KVM_GET_API_VERSION: %s", KVM_DEVICE, strerror(errno));
	else if (v != KVM_API)
		snprintf(buf, len, "%s: KVM API version %d, need %d", KVM_DEVICE, v, KVM_API);
	close(fd);
	return v == KVM_API;
}

/* registry.c: the list of block devices and their names (vda, vdb, ... in registration order). */
#include <stddef.h>
#include <ts/blk.h>
#include <ts/errno.h>

#define MAX_DEVICES 26 /* vda .. vdz */

static char names[MAX_DEVICES][4];
static struct ts_blkdev *devices[MAX_DEVICES];
static unsigned int ndevices;

/* Registration happens at boot from init calls, one at a time: no lock. */
int ts_blk_register(struct ts_blkdev *dev)
{
	if (!dev || !dev->ops || !dev->ops->submit || !dev->ops->poll || !dev->nsectors ||
	    dev->max_sectors < 8)
		return -EINVAL;
	if (ndevices == MAX_DEVICES)
		return -ENOSPC;
	names[ndevices][0] = 'v';
	names[ndevices][1] = 'd';
	names[ndevices][2] = (char)('a' + ndevices);
	dev->name = names[ndevices];
	dev->next = NULL;
	if (ndevices)
		devices[ndevices - 1]->next = dev;
	devices[ndevices++] = dev;
	return 0;
}

struct ts_blkdev *ts_blk_find(const char *name)
{
	const char *n = name;

	if (!n)
		return NULL;
	if (n[0] == '/' && n[1] == 'd' && n[2] == 'e' && n[3] == 'v' && n[4] == '/')
		n += 5;
	for (unsigned int i = 0; i < ndevices; i++)
		if (n[0] == 'v' && n[1] == 'd' && n[2] == names[i][2] && n[3] == '\0')
			return devices[i];
	return NULL;
}

struct ts_blkdev *ts_blk_get(unsigned int n)
{
	return n < ndevices ? devices[n] : NULL;
}

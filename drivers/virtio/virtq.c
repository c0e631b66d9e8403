/* virtq.c: split virtqueues — posting buffer chains, notifying, reclaiming used ones. */
#include <ts/errno.h>
#include <ts/virtio.h>

/* The device reads and writes the rings concurrently (another host
 * thread): compiler barriers order our accesses; x86 keeps stores in order
 * and loads in order, so no fence is needed for this protocol. */
#define barrier() __asm__ volatile("" ::: "memory")

void ts_virtq_init(struct ts_virtq *vq, void *mem, uint16_t num)
{
	uintptr_t p = (uintptr_t)mem;
	uint16_t i;

	vq->num = num;
	vq->desc = (struct ts_virtq_desc *)p;
	p += 16u * num;
	vq->avail = (struct ts_virtq_avail *)p;
	p += 6u + 2u * num;
	p = (p + 3) & ~(uintptr_t)3;
	vq->used = (struct ts_virtq_used *)p;
	for (i = 0; i + 1 < num; i++)
		vq->desc[i].next = (uint16_t)(i + 1);
	vq->free_head = 0;
	vq->nfree = num;
	vq->last_used = 0;
	vq->avail_idx = 0;
}

int ts_virtq_add(struct ts_virtq *vq, const uint64_t *addr, const uint32_t *len, unsigned nout,
		 unsigned nin)
{
	uint16_t head = vq->free_head, d = head;
	unsigned i, n = nout + nin;

	if (n == 0 || n > vq->nfree)
		return -ENOSPC;
	/* A device's writes do not set the page tables' dirty bits, which
	 * the CLEAN privcall reads to skip zeroing never-written RAM: write
	 * each 2 MiB region of every buffer the device fills, once, first. */
	for (i = nout; i < n; i++)
		for (uint64_t p = addr[i]; p < addr[i] + len[i]; p = (p | 0x1fffff) + 1)
			*(volatile char *)(uintptr_t)p = *(volatile char *)(uintptr_t)p;
	for (i = 0; i < n; i++) {
		vq->desc[d].addr = addr[i];
		vq->desc[d].len = len[i];
		vq->desc[d].flags = (uint16_t)((i + 1 < n ? TS_VIRTQ_DESC_F_NEXT : 0) |
					       (i >= nout ? TS_VIRTQ_DESC_F_WRITE : 0));
		d = vq->desc[d].next;
	}
	vq->free_head = d;
	vq->nfree = (uint16_t)(vq->nfree - n);
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	barrier(); /* the ring entry before the index that publishes it */
	vq->avail_idx++;
	vq->avail->idx = vq->avail_idx;
	return head;
}

void ts_virtq_kick(struct ts_virtq *vq, struct ts_virtio_dev *dev)
{
	__asm__ volatile("mfence" ::: "memory"); /* avail->idx visible before reading flags */
	if (!(*(volatile uint16_t *)&vq->used->flags & TS_VIRTQ_USED_F_NO_NOTIFY))
		dev->ops->notify(dev, vq);
}

int ts_virtq_reclaim_len(struct ts_virtq *vq, uint32_t *written)
{
	uint16_t idx = *(volatile uint16_t *)&vq->used->idx;
	uint32_t head;
	uint16_t d, n = 1;

	if (idx == vq->last_used)
		return -EAGAIN;
	barrier(); /* the index before the entry it covers */
	head = vq->used->ring[vq->last_used & (vq->num - 1)].id;
	if (written)
		*written = vq->used->ring[vq->last_used & (vq->num - 1)].len;
	if (head >= vq->num)
		return -EIO;
	for (d = (uint16_t)head; vq->desc[d].flags & TS_VIRTQ_DESC_F_NEXT; d = vq->desc[d].next)
		if (++n > vq->num - vq->nfree || vq->desc[d].next >= vq->num)
			return -EIO;
	vq->desc[d].next = vq->free_head;
	vq->free_head = (uint16_t)head;
	vq->nfree = (uint16_t)(vq->nfree + n);
	vq->last_used++;
	return (int)head;
}

int ts_virtq_reclaim(struct ts_virtq *vq)
{
	return ts_virtq_reclaim_len(vq, NULL);
}

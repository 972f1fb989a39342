/*
 * A big document kept in an unlinked temporary file. See kaudit/spill.h.
 */
#include "kaudit/spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

void ka_spill_init(struct ka_spill *sp)
{
	sp->fd = -1;
	sp->failed = false;
	sp->off = 0;
	sp->map = NULL;
	sp->maplen = 0;
}

void ka_spill_reset(struct ka_spill *sp)
{
	if (sp->map)
		munmap(sp->map, sp->maplen);
	sp->map = NULL;
	sp->maplen = 0;
	sp->off = 0;
}

void ka_spill_free(struct ka_spill *sp)
{
	ka_spill_reset(sp);
	if (sp->fd >= 0)
		close(sp->fd);
	sp->fd = -1;
}

int ka_spill_temp_fd(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
#endif
	if ((size_t)snprintf(path, sizeof(path), "%s/kaudit-XXXXXX", dir) >=
	    sizeof(path))
		return -1;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0)
		unlink(path);
	return fd;
}

static int write_at(int fd, const char *buf, size_t n, size_t off)
{
	while (n) {
		ssize_t w = pwrite(fd, buf, n, (off_t)off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		buf += w;
		n -= (size_t)w;
		off += (size_t)w;
	}
	return 0;
}

int ka_spill_write(struct ka_spill *sp, const char *buf, size_t n)
{
	if (sp->failed)
		return 0;
	if (sp->fd < 0 && (sp->fd = ka_spill_temp_fd()) < 0) {
		sp->failed = true;
		return 0;
	}
	if (write_at(sp->fd, buf, n, sp->off) < 0)
		return -1;
	sp->off += n;
	return 1;
}

const char *ka_spill_map(struct ka_spill *sp, size_t len)
{
	void *m;

	if (len != sp->off || len == SIZE_MAX ||
	    write_at(sp->fd, "", 1, len) < 0)
		return NULL;
	m = mmap(NULL, len + 1, PROT_READ, MAP_PRIVATE, sp->fd, 0);
	if (m == MAP_FAILED)
		return NULL;
	sp->map = m;
	sp->maplen = len + 1;
	return m;
}

void ka_spill_release(const char *text, size_t upto)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t n;

	if (page <= 0)
		return;
	n = upto & ~((size_t)page - 1);
	if (n)
		madvise((void *)(uintptr_t)text, n, MADV_DONTNEED);
}

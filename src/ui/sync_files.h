/*
 * The Sync screen's files (issue 10, "Interface"): where a bundle may go (the removable
 * drives mounted for this user) and which bundles a directory holds. No curses: unit-tested
 * (tests/unit/test_sync_files.c) on directories of their own.
 *
 * Mounts: a desktop's automounter (udisks2) mounts a USB stick at /media/USER/LABEL on
 * Debian and /run/media/USER/LABEL elsewhere; each directory found there is offered. A
 * typed path is always offered beside them (a server over SSH has no /media).
 */
#ifndef KZ_UI_SYNC_FILES_H
#define KZ_UI_SYNC_FILES_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/log.h"

struct syncf_file {
	char *name;		/* owned: the file's name in its directory (or a mount's path) */
	int64_t size;
	time_t mtime;
};

struct syncf_list {
	struct syncf_file *v;	/* owned, sorted by name */
	size_t n;
};

void syncf_list_free(struct syncf_list *l);

/*
 * The parents of the mounts for user: "/media/USER" and "/run/media/USER" (owned by the
 * caller: free each). user NULL: the login's ($USER, else the password file's name).
 */
void syncf_mount_roots(const char *user, char *roots[2]);
/*
 * The directories inside each of the n roots (a root that does not exist adds nothing),
 * as full paths, sorted; hidden ones left out.
 */
void syncf_mounts(char *const *roots, size_t n, struct syncf_list *out);
/*
 * The bundles in dir: regular files named *.kzb (not hidden), sorted by name. 0, or -1
 * with e ("DIR: reason") when dir cannot be read.
 */
int syncf_bundles(const char *dir, struct syncf_list *out, struct kz_error *e);

#endif

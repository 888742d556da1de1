#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <lmdb.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

#define INITIAL_MAP_SIZE (1u << 20)	/* "starts small": grows on MDB_MAP_FULL */
#define MAX_RETRIES 64

static const char *const db_names[DB_COUNT] = {
	[DB_META] = "meta",
	[DB_UNITS] = "units",
	[DB_UNITS_BY_PARENT] = "units_by_parent",
	[DB_VISITS] = "visits",
	[DB_VISITS_BY_DATE] = "visits_by_date",
	[DB_QUESTIONS] = "questions",
	[DB_QUESTIONS_BY_VISIT] = "questions_by_visit",
	[DB_ISSUES] = "issues",
	[DB_ISSUES_BY_STATUS] = "issues_by_status",
	[DB_ISSUES_BY_DEADLINE] = "issues_by_deadline",
	[DB_CALENDARS] = "calendars",
	[DB_RECEPTIONS] = "receptions",
	[DB_HOLIDAYS] = "holidays",
	[DB_LOG] = "log",
	[DB_CONFLICTS] = "conflicts",
	[DB_CLOCK_REVIEW] = "clock_review",
	[DB_NODES] = "nodes",
	[DB_NODE_IDS] = "node_ids",
	[DB_SEARCH_WORDS] = "search_words",
	[DB_SEARCH_DOCS] = "search_docs",
	[DB_SEARCH_MOVED] = "search_moved",
	[DB_QUESTIONS_BY_ISSUE] = "questions_by_issue",
	[DB_ISSUES_BY_VISIT] = "issues_by_visit",
};

struct store {
	MDB_env *env;
	MDB_dbi dbi[DB_COUNT];
	char *dir;
	char *warning;
	char *ro_reason;	/* why a write is refused, when the files can only be read */
	char *user, *official;
	int flags;
	char format[12];	/* the format found in a store of another format */
	bool absent[DB_COUNT];	/* derived databases a read-only store does not have yet */
	/*
	 * Origin UUIDs by their number in this store (number n at [n - 1]), as read from
	 * DB_NODE_IDS; those past `committed` were added by the write transaction in hand and
	 * are forgotten when it does not commit.
	 */
	uint8_t (*nodes)[16];
	size_t nnodes, nodes_cap, nodes_committed;
};

struct store_txn {
	struct store *s;
	MDB_txn *txn;
	int rc;			/* the first LMDB error in this transaction */
	struct kz_error err;
	int64_t now;
	bool log_loaded;	/* node, seq and clocks read for this transaction */
	uint64_t seq, hlc;	/* this node's last sequence number; the clock's last reading */
	uint64_t hlc_meta;	/* the highest clock seen from elsewhere, as stored in meta */
	bool hlc_dirty;		/* hlc_meta is to be written before the commit */
	bool write;
	uint8_t node[16];
	struct codec_buf scratch;
};

struct store_cursor {
	struct store_txn *t;
	MDB_cursor *cur;
	MDB_val k, v;
};

void
store_be32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (24 - 8 * i));
}

void
store_be64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

uint32_t
store_get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint64_t
store_get_be64(const uint8_t *p)
{
	return (uint64_t)store_get_be32(p) << 32 | store_get_be32(p + 4);
}

void
store_key_date(uint8_t *p, int32_t days)
{
	store_be32(p, (uint32_t)days ^ 0x80000000u);
}

int32_t
store_get_key_date(const uint8_t *p)
{
	return (int32_t)(store_get_be32(p) ^ 0x80000000u);
}

uint64_t
hlc_next(uint64_t prev, int64_t wall_ms)
{
	/*
	 * Never backwards: when the wall clock steps back (or stands still), keep the old
	 * physical part and count up in the low 16 bits.
	 */
	uint64_t wall = wall_ms < 0 ? 0 : (uint64_t)wall_ms;

	if (wall > prev >> 16)
		return wall << 16;
	return prev + 1;
}

static int
lmdb_fail(struct kz_error *e, const char *what, const char *dir, int rc)
{
	enum kz_errcode code = KZ_EIO;

	/* A full disk, a quota or a file-size limit all leave the write unfinished. */
	bool full = rc == ENOSPC || rc == EDQUOT || rc == EFBIG;

	if (full)
		code = KZ_EFULL;
	else if (rc == EACCES || rc == EPERM)
		code = KZ_EPERM;
	else if (rc == EAGAIN || rc == EBUSY)
		code = KZ_EBUSY;
	return kz_fail(e, code, _("store %s: %s: %s"), dir, what,
	    full ? _("no room left on the disk; nothing was saved") : mdb_strerror(rc));
}

static int access_fail(struct kz_error *e, const char *dir, const char *path, int err,
    bool writing);

static int
mkdir_parents(const char *dir, struct kz_error *e)
{
	char *p = xstrdup(dir);

	for (char *q = p + 1; *q != '\0'; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			kz_fail(e, KZ_EIO, _("cannot create %s: %s"), p, strerror(errno));
			free(p);
			return -1;
		}
		*q = '/';
	}
	free(p);
	return 0;
}

int
store_create_dir(const char *dir, const char *group, struct kz_error *e)
{
	struct group *gr = NULL;
	struct stat st;
	mode_t mode = group != NULL ? 02770 : 0700;

	if (group != NULL && (gr = getgrnam(group)) == NULL)
		return kz_fail(e, KZ_EINVAL, _("group %s: no such group"), group);
	if (mkdir_parents(dir, e) != 0)
		return -1;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return kz_fail(e, KZ_EIO, _("cannot create %s: %s"), dir, strerror(errno));
	/* Already as wanted: nothing to change (it may be on read-only media). */
	if (stat(dir, &st) == 0 && (st.st_mode & 07777) == mode &&
	    (gr == NULL || st.st_gid == gr->gr_gid))
		return 0;
	if (gr != NULL && chown(dir, (uid_t)-1, gr->gr_gid) != 0)
		return kz_fail(e, KZ_EPERM, _("cannot give %s to group %s: %s"), dir, group,
		    strerror(errno));
	/* setgid on the directory: files created in it belong to the group. */
	if (chmod(dir, mode) != 0)
		return access_fail(e, dir, dir, errno, true);
	return 0;
}

static void
check_permissions(struct store *s)
{
	static const char *const files[] = { "", "/data.mdb", "/lock.mdb" };
	struct stat st;

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *path = xasprintf("%s%s", s->dir, files[i]);

		if (stat(path, &st) == 0 && (st.st_mode & (S_IROTH | S_IWOTH)) != 0 &&
		    s->warning == NULL)
			s->warning = xasprintf(_("store %s: %s is open to all users (mode %04o); "
			    "run: chmod o-rwx %s"), s->dir, path, (unsigned)(st.st_mode & 07777), path);
		free(path);
	}
}

/* Whether this process has gid among its groups. */
static bool
in_group(gid_t gid)
{
	gid_t *groups;
	int n;
	bool in = false;

	if (getegid() == gid)
		return true;
	if ((n = getgroups(0, NULL)) <= 0)
		return false;
	groups = xcalloc((size_t)n, sizeof *groups);
	n = getgroups(n, groups);
	for (int i = 0; i < n && !in; i++)
		in = groups[i] == gid;
	free(groups);
	return in;
}

/* Whether user is listed as a member of gr in the group database. */
static bool
listed_in_group(const struct group *gr, const char *user)
{
	for (char **m = gr->gr_mem; user != NULL && m != NULL && *m != NULL; m++)
		if (strcmp(*m, user) == 0)
			return true;
	return false;
}

/*
 * Says why path (a store's directory or file) cannot be used, naming it and the fix.
 * err is the errno met; writing tells whether reading alone would have worked. A user
 * outside a group store's group hears about the group, not that there is no store.
 */
static int
access_fail(struct kz_error *e, const char *dir, const char *path, int err, bool writing)
{
	struct passwd *me = getpwuid(geteuid()), *owner;
	struct group *gr;
	struct stat st, dst;
	char oname[64], gname[64];
	const char *user = me != NULL ? me->pw_name : NULL;

	if (err == EROFS)
		return kz_fail(e, KZ_EPERM, _("store %s: %s is on a read-only file system: copy the "
		    "store to a writable disk to change it"), dir, path);
	if (err == EPERM)
		return kz_fail(e, KZ_EPERM, _("store %s: %s cannot be changed: operation not "
		    "permitted (immutable? see lsattr %s)"), dir, path, path);
	if (err != EACCES)
		return kz_fail(e, KZ_EIO, _("store %s: %s: %s"), dir, path, strerror(err));
	if (stat(path, &st) != 0)
		return kz_fail(e, KZ_EPERM, _("store %s: permission denied on %s (a directory above "
		    "it cannot be entered)"), dir, path);
	owner = getpwuid(st.st_uid);
	if (owner != NULL)
		snprintf(oname, sizeof oname, "%s", owner->pw_name);
	else
		snprintf(oname, sizeof oname, "uid %u", (unsigned)st.st_uid);
	gr = getgrgid(st.st_gid);
	if (gr != NULL)
		snprintf(gname, sizeof gname, "%s", gr->gr_name);
	else
		snprintf(gname, sizeof gname, "gid %u", (unsigned)st.st_gid);
	/* A group store (its directory is setgid): being in the group is what counts. */
	if (stat(dir, &dst) == 0 && (dst.st_mode & S_ISGID) != 0 && !in_group(dst.st_gid) &&
	    (gr = getgrgid(dst.st_gid)) != NULL) {
		if (listed_in_group(gr, user))
			return kz_fail(e, KZ_EPERM, _("store %s: permission denied on %s (group %s, "
			    "mode %04o): you were added to group %s after logging in; log in again"),
			    dir, path, gr->gr_name, (unsigned)(st.st_mode & 07777), gr->gr_name);
		return kz_fail(e, KZ_EPERM, _("store %s: permission denied on %s (group %s, mode "
		    "%04o): the store belongs to group %s and you are not in it; ask to be added "
		    "to group %s, then log in again"), dir, path, gr->gr_name,
		    (unsigned)(st.st_mode & 07777), gr->gr_name, gr->gr_name);
	}
	if (st.st_uid == geteuid())
		return kz_fail(e, KZ_EPERM, _("store %s: permission denied on %s (mode %04o): it is "
		    "yours; run: chmod u+%s %s"), dir, path, (unsigned)(st.st_mode & 07777),
		    S_ISDIR(st.st_mode) ? "rwx" : writing ? "rw" : "r", path);
	return kz_fail(e, KZ_EPERM, _("store %s: permission denied on %s (owner %s, group %s, "
	    "mode %04o): ask %s for %s access"), dir, path, oname, gname,
	    (unsigned)(st.st_mode & 07777), oname, writing ? _("write") : _("read"));
}

/*
 * LMDB's meta page as its mdb.c lays it out (an MDB_page header, then MDB_meta), for
 * reading the file's header before LMDB maps it. pgno_t and the sizes are size_t.
 */
struct lmdb_meta {
	size_t pgno;
	uint16_t pad, flags;
	uint16_t lower, upper;
	uint32_t magic, version;
	void *address;
	size_t mapsize;
	struct {
		uint32_t pad;		/* the page size, in the free DB's record */
		uint16_t flags, depth;
		size_t branch, leaf, overflow, entries, root;
	} dbs[2];
	size_t last_pg;
	size_t txnid;
};

#define LMDB_MAGIC 0xBEEFC0DEu

/*
 * The size data.mdb must have, from the newer of its two meta pages: 0 when the file
 * holds both and they are sound, else -1 with *need the bytes the header asks for (0 when
 * the header itself is damaged).
 */
static int
read_header(int fd, off_t *need)
{
	struct lmdb_meta m[2];
	size_t psize;
	int best;

	*need = 0;
	if (pread(fd, &m[0], sizeof m[0], 0) != (ssize_t)sizeof m[0] || m[0].magic != LMDB_MAGIC)
		return -1;
	psize = m[0].dbs[0].pad;
	if (psize < 512 || psize > 65536 || (psize & (psize - 1)) != 0)
		return -1;
	*need = (off_t)(2 * psize);
	if (pread(fd, &m[1], sizeof m[1], (off_t)psize) != (ssize_t)sizeof m[1])
		return -1;
	best = m[1].magic == LMDB_MAGIC && m[1].txnid > m[0].txnid ? 1 : 0;
	if (m[best].last_pg >= (size_t)INT64_MAX / psize)
		return -1;
	*need = (off_t)((m[best].last_pg + 1) * psize);
	return 0;
}

/*
 * A data.mdb shorter than its header says (a copy that did not finish, a full USB
 * stick) would crash the first read beyond its end with SIGBUS: LMDB maps the file and
 * trusts the header. Checked here, before mapping.
 */
static int
check_data_file(const char *dir, const char *path, int fd, bool create, struct kz_error *e)
{
	struct stat st;
	off_t need = 0;
	int rc = -1;

	/* Twice: a header read while another process commits may be torn. */
	for (int tries = 0; tries < 2 && rc != 0; tries++) {
		if (fstat(fd, &st) != 0)
			return kz_fail(e, KZ_EIO, _("store %s: %s: %s"), dir, path, strerror(errno));
		if (!S_ISREG(st.st_mode))
			return kz_fail(e, KZ_EINVAL, _("store %s: %s is not a regular file"), dir,
			    path);
		if (st.st_size == 0)
			break;
		if ((rc = read_header(fd, &need)) == 0 && st.st_size < need)
			rc = -1;
	}
	if (rc == 0)
		return 0;
	if (st.st_size == 0)
		return create ? 0 : kz_fail(e, KZ_ENOTFOUND, _("store %s: %s is empty (an init that "
		    "did not finish?); run: kezdesu init --unit CODE, or restore it from a backup"),
		    dir, path);
	if (need == 0)
		return kz_fail(e, KZ_EIO, _("store %s: %s is not a store (its header is damaged); "
		    "restore it from a backup"), dir, path);
	return kz_fail(e, KZ_EIO, _("store %s: %s is cut short: %lld bytes where its header says "
	    "%lld (a copy that did not finish, or a full disk?); restore it from a backup"), dir,
	    path, (long long)st.st_size, (long long)need);
}

/*
 * LMDB maps lock.mdb shared and writes into it. A new lock file is sparse, and on a full
 * disk the first write to the mapping finds no block and kills the process with SIGBUS.
 * Giving the file its blocks first turns that into ENOSPC here. Only a file that still
 * has holes is touched (a used one has its blocks), and through the fallocate system call
 * itself: glibc's fallback for file systems without it writes zero bytes, which could
 * land on another process's lock data.
 */
#define LOCK_FILE_SIZE 8192	/* LMDB's lock file for its default 126 readers */

static int
prepare_lock_file(const char *dir, mode_t mode, struct kz_error *e)
{
	char *path = xasprintf("%s/lock.mdb", dir);
	struct stat st;
	off_t len;
	int fd, rc = 0;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode);
	free(path);
	/* Not ours to report: open_env's read-only fallback deals with it. */
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0) {
		len = st.st_size > LOCK_FILE_SIZE ? st.st_size : LOCK_FILE_SIZE;
		if ((off_t)st.st_blocks * 512 < len &&
		    syscall(SYS_fallocate, fd, 0, (off_t)0, len) != 0 &&
		    errno != EOPNOTSUPP && errno != ENOSYS && errno != EINVAL)
			rc = lmdb_fail(e, "cannot make lock.mdb", dir, errno);
	}
	close(fd);
	return rc;
}

/*
 * Which file an open refused with rc (EACCES, EPERM or EROFS) stumbled on, and the errno
 * that file gives: data.mdb not writable, lock.mdb not readable and writable, or the
 * directory, where a missing lock.mdb cannot be made.
 */
static const char *
find_culprit(const char *dir, const char *data, const char *lock, int rc, int *err)
{
	*err = rc;
	if (faccessat(AT_FDCWD, data, W_OK, AT_EACCESS) != 0) {
		*err = errno;
		return data;
	}
	if (access(lock, F_OK) == 0) {
		if (faccessat(AT_FDCWD, lock, R_OK | W_OK, AT_EACCESS) != 0)
			*err = errno;
		return lock;
	}
	if (faccessat(AT_FDCWD, dir, W_OK, AT_EACCESS) != 0)
		*err = errno;
	return dir;
}

/*
 * Opens the environment: as asked, else, when the files may only be read (read-only
 * media, 0400 files, a lock file or directory this user cannot write), read-only, and
 * without LMDB's lock file when even that cannot be opened (MDB_NOLOCK: nobody can be
 * writing a store no one may write). A store opened that way refuses writes with
 * ro_reason, which names the file and what to do.
 */
static int
open_env(struct store *s, unsigned envflags, mode_t mode, struct kz_error *e)
{
	static const unsigned fallbacks[] = { 0, MDB_RDONLY, MDB_RDONLY | MDB_NOLOCK };
	char *data = xasprintf("%s/data.mdb", s->dir), *lock = xasprintf("%s/lock.mdb", s->dir);
	const char *culprit = NULL;
	bool writing = !(envflags & MDB_RDONLY);
	int rc = 0, err = 0;

	for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
		if (i > 0 && ((s->flags & STORE_CREATE) || culprit == NULL))
			break;
		if (i == 1 && !writing)
			continue;
		if (s->env == NULL && (rc = mdb_env_create(&s->env)) != 0)
			break;
		mdb_env_set_maxdbs(s->env, DB_COUNT + 4);
		if ((rc = mdb_env_open(s->env, s->dir, envflags | fallbacks[i], mode)) == 0)
			break;
		/* A failed open leaves the handle unusable. */
		mdb_env_close(s->env);
		s->env = NULL;
		if (culprit == NULL && (rc == EACCES || rc == EPERM || rc == EROFS))
			culprit = find_culprit(s->dir, data, lock, rc, &err);
	}
	if (rc == 0 && culprit != NULL && writing) {
		struct kz_error why;

		access_fail(&why, s->dir, culprit, err, true);
		s->ro_reason = xstrdup(why.msg);
		s->flags |= STORE_RDONLY;
	} else if (rc != 0 && culprit != NULL)
		access_fail(e, s->dir, culprit, err, writing);
	else if (rc != 0)
		lmdb_fail(e, "cannot open", s->dir, rc);
	free(data);
	free(lock);
	return rc == 0 ? 0 : -1;
}

/*
 * Opens the named databases. A store that has them all opens them in a read transaction,
 * so that a listing never waits for LMDB's writer lock behind another process's write;
 * only a new store (or one of an older version that lacks a database) takes a write
 * transaction to create them.
 */
static int
open_dbis(struct store *s, bool create)
{
	MDB_txn *txn;
	int rc;

	/* Another process may have grown the map since the file was read: adopt its size. */
	while ((rc = mdb_txn_begin(s->env, NULL, create ? 0 : MDB_RDONLY, &txn)) ==
	    MDB_MAP_RESIZED)
		mdb_env_set_mapsize(s->env, 0);
	if (rc != 0)
		return rc;
	/* A store of another format is refused before anything in it is read or created. */
	if (mdb_dbi_open(txn, db_names[DB_META], 0, &s->dbi[DB_META]) == 0) {
		MDB_val k = { 6, (void *)(uintptr_t)"format" }, v;

		if (mdb_get(txn, s->dbi[DB_META], &k, &v) == 0 &&
		    (v.mv_size != strlen(STORE_FORMAT) ||
		    memcmp(v.mv_data, STORE_FORMAT, v.mv_size) != 0)) {
			snprintf(s->format, sizeof s->format, "%.*s",
			    (int)(v.mv_size < 8 ? v.mv_size : 8), (const char *)v.mv_data);
			/* Only the migration opens such a store, and only format 1. */
			if (!(s->flags & STORE_MIGRATE) || strcmp(s->format, "1") != 0) {
				mdb_txn_abort(txn);
				return MDB_INCOMPATIBLE;
			}
		}
	}
	for (int i = 0; i < DB_COUNT; i++) {
		rc = mdb_dbi_open(txn, db_names[i], create ? MDB_CREATE : 0, &s->dbi[i]);
		/*
		 * Derived state (the search index, the issues by meeting) that a store last
		 * written by an earlier version lacks: read-only, it reads as empty; the next
		 * writer makes it.
		 */
		s->absent[i] = rc == MDB_NOTFOUND && !create && (s->flags & STORE_RDONLY) &&
		    ((i >= DB_SEARCH_WORDS && i <= DB_SEARCH_MOVED) || i == DB_ISSUES_BY_VISIT);
		if (s->absent[i])
			rc = 0;
		if (rc != 0) {
			mdb_txn_abort(txn);
			return rc;
		}
	}
	/* Committing, also the read transaction, makes the handles the environment's. */
	return mdb_txn_commit(txn);
}

int
store_open(const char *dir, int flags, struct store **out, struct kz_error *e)
{
	struct store *s;
	struct stat st;
	unsigned envflags = 0;
	mode_t mode, old_mask;
	int rc, dead, fd;
	bool group, exists;
	char *data;

	*out = NULL;
	if (stat(dir, &st) != 0) {
		if (errno != ENOENT)
			return access_fail(e, dir, dir, errno, false);
		if (!(flags & STORE_CREATE))
			return kz_fail(e, KZ_ENOTFOUND, _("store %s: no such store (run: kezdesu "
			    "init --unit CODE)"), dir);
		if (store_create_dir(dir, NULL, e) != 0)
			return -1;
		if (stat(dir, &st) != 0)
			return kz_fail(e, KZ_EIO, _("store %s: %s"), dir, strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		return kz_fail(e, KZ_EINVAL, _("store %s: not a directory"), dir);
	group = (st.st_mode & S_ISGID) != 0;
	data = xasprintf("%s/data.mdb", dir);
	/* O_NONBLOCK: a fifo in the way must not hang the open. */
	if ((fd = open(data, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0 && errno != ENOENT) {
		/* Not "no store here": the store is there, this user may not read it. */
		rc = errno;
		access_fail(e, dir, rc == EACCES && access(dir, X_OK) != 0 ? dir : data, rc,
		    false);
		free(data);
		return -1;
	}
	exists = fd >= 0;
	if (exists && check_data_file(dir, data, fd, flags & STORE_CREATE, e) != 0) {
		close(fd);
		free(data);
		return -1;
	}
	if (fd >= 0)
		close(fd);
	free(data);
	if (!exists && !(flags & STORE_CREATE))
		return kz_fail(e, KZ_ENOTFOUND, _("store %s: no data.mdb here (run: kezdesu init "
		    "--unit CODE)"), dir);

	s = xcalloc(1, sizeof *s);
	s->dir = xstrdup(dir);
	s->flags = flags;
	if ((rc = mdb_env_create(&s->env)) != 0)
		goto fail;
	if (!exists)
		mdb_env_set_mapsize(s->env, INITIAL_MAP_SIZE);
	/*
	 * MDB_NORDAHEAD: a cold start reads the few pages a listing needs instead of the
	 * kernel's read-ahead around each of them (measured by make bench; see
	 * docs/architecture.md). KEZDESU_READAHEAD=1 turns read-ahead back on for that
	 * measurement.
	 */
	if (getenv("KEZDESU_READAHEAD") == NULL || strcmp(getenv("KEZDESU_READAHEAD"), "1") != 0)
		envflags |= MDB_NORDAHEAD;
	if (flags & STORE_RDONLY)
		envflags |= MDB_RDONLY;
	/*
	 * MDB_NOTLS: a read snapshot belongs to its transaction, not to the thread, so a screen
	 * can hold its read view open while the same thread saves a question.
	 */
	envflags |= MDB_NOTLS;
	/* Group stores: files rw for the group, whatever the user's umask; never for others. */
	mode = group ? 0660 : 0600;
	old_mask = umask(group ? 007 : 077);
	rc = (flags & STORE_RDONLY) ? 0 : prepare_lock_file(dir, mode, e);
	if (rc == 0)
		rc = open_env(s, envflags, mode, e);
	umask(old_mask);
	if (rc != 0) {
		store_close(&s);
		return -1;
	}
	/* Clear the reader slots of processes that died (a laptop's lid, a killed TUI). */
	mdb_reader_check(s->env, &dead);

	if ((rc = open_dbis(s, false)) == MDB_NOTFOUND && !(s->flags & STORE_RDONLY))
		rc = open_dbis(s, true);
	if (rc == MDB_INCOMPATIBLE && strcmp(s->format, "1") == 0) {
		kz_fail(e, KZ_EINVAL, _("store %s: made in format 1 by an earlier kezdesu, and this "
		    "version reads format %s; the store was left as it was: run kezdesu --db %s "
		    "migrate (it keeps a copy of the old store)"), dir, STORE_FORMAT, dir);
		store_close(&s);
		return -1;
	}
	if (rc == MDB_INCOMPATIBLE && s->format[0] != '\0') {
		kz_fail(e, KZ_EINVAL, _("store %s: made in format %s by another version of kezdesu, "
		    "and this version reads format %s only; the store was left as it was: open "
		    "it with the version that made it"), dir, s->format, STORE_FORMAT);
		store_close(&s);
		return -1;
	}
	if (rc != 0)
		goto fail;
	check_permissions(s);
	*out = s;
	return 0;
fail:
	lmdb_fail(e, "cannot open", dir, rc);
	store_close(&s);
	return -1;
}

void
store_close(struct store **sp)
{
	struct store *s = *sp;

	if (s == NULL)
		return;
	if (s->env != NULL)
		mdb_env_close(s->env);
	free(s->dir);
	free(s->warning);
	free(s->ro_reason);
	free(s->user);
	free(s->official);
	free(s->nodes);
	free(s);
	*sp = NULL;
}

const char *
store_dir(const struct store *s)
{
	return s->dir;
}

const char *
store_warning(const struct store *s)
{
	return s->warning;
}

size_t
store_map_size(const struct store *s)
{
	MDB_envinfo info;

	mdb_env_info(s->env, &info);
	return info.me_mapsize;
}

int
store_reserve(struct store *s, size_t extra, struct kz_error *e)
{
	MDB_envinfo info;
	MDB_stat st;
	size_t used, want;
	int rc;

	if (s->flags & STORE_RDONLY)
		return 0;
	mdb_env_info(s->env, &info);
	if (mdb_env_stat(s->env, &st) != 0)
		return 0;
	used = (info.me_last_pgno + 1) * (size_t)st.ms_psize;
	if (extra > SIZE_MAX / 4 || used > SIZE_MAX / 4)
		return 0;	/* beyond any map: left to store_write's growing, which says so */
	want = (used + extra + INITIAL_MAP_SIZE - 1) / INITIAL_MAP_SIZE * INITIAL_MAP_SIZE;
	if (want <= info.me_mapsize)
		return 0;
	log_debug("store %s: map reserved from %zu to %zu bytes", s->dir, info.me_mapsize, want);
	if ((rc = mdb_env_set_mapsize(s->env, want)) != 0)
		return lmdb_fail(e, "cannot grow the map", s->dir, rc);
	return 0;
}

bool
store_durable(const struct store *s)
{
	unsigned flags = 0;

	if (mdb_env_get_flags(s->env, &flags) != 0)
		return false;
	return (flags & (MDB_NOSYNC | MDB_NOMETASYNC | MDB_MAPASYNC)) == 0;
}

bool
store_read_only(const struct store *s)
{
	return (s->flags & STORE_RDONLY) != 0;
}

void
store_set_author(struct store *s, const char *user, const char *official)
{
	free(s->user);
	free(s->official);
	s->user = user ? xstrdup(user) : NULL;
	s->official = official ? xstrdup(official) : NULL;
}

struct kz_error *
store_txn_error(struct store_txn *t)
{
	return &t->err;
}

struct store *
store_txn_store(struct store_txn *t)
{
	return t->s;
}

const char *
store_txn_user(struct store_txn *t)
{
	return t->s->user;
}

const char *
store_txn_official(struct store_txn *t)
{
	return t->s->official;
}

int64_t
store_txn_now(struct store_txn *t)
{
	return t->now;
}

static int
txn_fail(struct store_txn *t, int rc, const char *what)
{
	if (t->rc == 0)
		t->rc = rc;
	return lmdb_fail(&t->err, what, t->s->dir, rc);
}

static int
begin(struct store *s, struct store_txn *t, bool write)
{
	int rc;

	memset(t, 0, sizeof *t);
	t->s = s;
	t->now = clock_now_ms();
	t->write = write;
	/* Numbers a failed try gave to new origins were never written: forget them. */
	if (write)
		s->nnodes = s->nodes_committed;
	for (int tries = 0; tries < 16; tries++) {
		rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &t->txn);
		if (rc != MDB_MAP_RESIZED)
			break;
		/* Another process grew the map: adopt its size and try again. */
		mdb_env_set_mapsize(s->env, 0);
	}
	return rc;
}

static int
grow(struct store *s, struct kz_error *e)
{
	MDB_envinfo info;
	size_t next;
	int rc;

	mdb_env_info(s->env, &info);
	next = info.me_mapsize * 2;
	if (next < info.me_mapsize + INITIAL_MAP_SIZE)
		next = info.me_mapsize + INITIAL_MAP_SIZE;
	log_debug("store %s: map full at %zu bytes, growing to %zu", s->dir, info.me_mapsize, next);
	if ((rc = mdb_env_set_mapsize(s->env, next)) != 0)
		return lmdb_fail(e, "cannot grow the map", s->dir, rc);
	return 0;
}

static int
store_write_once(struct store *s, store_fn fn, void *arg, struct kz_error *e)
{
	struct store_txn t;
	int rc;

	if (s->ro_reason != NULL)
		return kz_fail(e, KZ_EPERM, _("%s; nothing was saved"), s->ro_reason);
	if (s->flags & STORE_RDONLY)
		return kz_fail(e, KZ_EPERM, _("store %s: opened read-only; nothing was saved"), s->dir);
	for (int tries = 0; tries < MAX_RETRIES; tries++) {
		if ((rc = begin(s, &t, true)) != 0)
			return lmdb_fail(e, "cannot start a transaction", s->dir, rc);
		rc = fn(&t, arg);
		/* The highest clock received, once for the whole transaction (the receive rule). */
		if (rc == 0 && t.hlc_dirty) {
			uint8_t b[8];

			store_be64(b, t.hlc_meta);
			rc = store_meta_put(&t, "hlc", b, 8);
		}
		codec_buf_free(&t.scratch);
		if (rc != 0) {
			mdb_txn_abort(t.txn);
			if (t.rc == MDB_MAP_FULL) {
				if (grow(s, e) != 0)
					return -1;
				continue;
			}
			if (e != NULL)
				*e = t.err;
			return -1;
		}
		rc = mdb_txn_commit(t.txn);
		if (rc == MDB_MAP_FULL) {
			if (grow(s, e) != 0)
				return -1;
			continue;
		}
		if (rc != 0) {
			/*
			 * LMDB reports a short write (a disk that filled up half way) as EIO. A
			 * failed commit leaves the store as it was, and the user must know that.
			 */
			lmdb_fail(e, "cannot commit", s->dir, rc);
			if (e != NULL && e->code != KZ_EFULL)
				kz_fail(e, e->code, _("store %s: cannot write to the disk (%s: is it "
				    "full?); nothing was saved"), s->dir, mdb_strerror(rc));
			return -1;
		}
		return 0;
	}
	return kz_fail(e, KZ_EIO, _("store %s: the map could not be grown enough"), s->dir);
}

int
store_write(struct store *s, store_fn fn, void *arg, struct kz_error *e)
{
	int rc = store_write_once(s, fn, arg, e);

	/* Numbers given to new origins are the store's only once the transaction committed. */
	if (rc == 0)
		s->nodes_committed = s->nnodes;
	else
		s->nnodes = s->nodes_committed;
	return rc;
}

int
store_read(struct store *s, store_fn fn, void *arg, struct kz_error *e)
{
	struct store_txn t;
	int rc;

	if ((rc = begin(s, &t, false)) != 0)
		return lmdb_fail(e, "cannot start reading", s->dir, rc);
	rc = fn(&t, arg);
	mdb_txn_abort(t.txn);
	codec_buf_free(&t.scratch);
	if (rc != 0 && e != NULL)
		*e = t.err;
	return rc;
}

int
store_snapshot_begin(struct store *s, struct store_txn **tp, struct kz_error *e)
{
	struct store_txn *t = xcalloc(1, sizeof *t);
	int rc;

	*tp = NULL;
	if ((rc = begin(s, t, false)) != 0) {
		free(t);
		return lmdb_fail(e, "cannot start reading", s->dir, rc);
	}
	*tp = t;
	return 0;
}

void
store_snapshot_end(struct store_txn **tp)
{
	struct store_txn *t = *tp;

	if (t == NULL)
		return;
	mdb_txn_abort(t->txn);
	codec_buf_free(&t->scratch);
	free(t);
	*tp = NULL;
}

int
store_get(struct store_txn *t, enum store_db db, const void *key, size_t klen, const void **val,
    size_t *len)
{
	MDB_val k = { klen, (void *)(uintptr_t)key }, v;
	int rc;

	*val = NULL;
	*len = 0;
	if (t->s->absent[db])
		return 1;
	if ((rc = mdb_get(t->txn, t->s->dbi[db], &k, &v)) == MDB_NOTFOUND)
		return 1;
	if (rc != 0)
		return txn_fail(t, rc, "cannot read");
	*val = v.mv_data;
	*len = v.mv_size;
	return 0;
}

int
store_put(struct store_txn *t, enum store_db db, const void *key, size_t klen, const void *val,
    size_t len)
{
	MDB_val k = { klen, (void *)(uintptr_t)key }, v = { len, (void *)(uintptr_t)val };
	int rc;

	/*
	 * Keys that grow with time (time-ordered UUIDs, the log's sequences, the search index's
	 * document numbers, KATO codes in an import) mostly land after the last key. LMDB
	 * splits a full page in the middle unless told the key is appended, which left such
	 * trees part empty (measured: the log's pages 60 % full). So where keys grow, try an
	 * append first: LMDB refuses it with MDB_KEYEXIST when the key is not past the last
	 * one, and the put is made the ordinary way. Where they do not (an index by meeting,
	 * by status, by parent), the refused try would only cost a walk down the tree.
	 */
	static const bool keys_grow[DB_COUNT] = {
		[DB_UNITS] = true, [DB_VISITS] = true, [DB_QUESTIONS] = true, [DB_ISSUES] = true,
		[DB_RECEPTIONS] = true, [DB_LOG] = true, [DB_NODE_IDS] = true,
		[DB_SEARCH_DOCS] = true,
	};

	rc = keys_grow[db] ? mdb_put(t->txn, t->s->dbi[db], &k, &v, MDB_APPEND) : MDB_KEYEXIST;
	if (rc == MDB_KEYEXIST)
		rc = mdb_put(t->txn, t->s->dbi[db], &k, &v, 0);
	return rc == 0 ? 0 : txn_fail(t, rc, "cannot write");
}

int
store_del(struct store_txn *t, enum store_db db, const void *key, size_t klen)
{
	MDB_val k = { klen, (void *)(uintptr_t)key };
	int rc = mdb_del(t->txn, t->s->dbi[db], &k, NULL);

	return rc == 0 || rc == MDB_NOTFOUND ? 0 : txn_fail(t, rc, "cannot delete");
}

size_t
store_count(struct store_txn *t, enum store_db db)
{
	MDB_stat st;

	if (t->s->absent[db] || mdb_stat(t->txn, t->s->dbi[db], &st) != 0)
		return 0;
	return st.ms_entries;
}

uint64_t
store_db_bytes(struct store_txn *t, enum store_db db)
{
	MDB_stat st;

	if (t->s->absent[db] || mdb_stat(t->txn, t->s->dbi[db], &st) != 0)
		return 0;
	return (uint64_t)st.ms_psize *
	    (st.ms_branch_pages + st.ms_leaf_pages + st.ms_overflow_pages);
}

int
store_meta_get(struct store_txn *t, const char *name, const void **val, size_t *len)
{
	return store_get(t, DB_META, name, strlen(name), val, len);
}

int
store_meta_put(struct store_txn *t, const char *name, const void *val, size_t len)
{
	return store_put(t, DB_META, name, strlen(name), val, len);
}

/* Log entry fields; docs/architecture.md lists them for readers in other languages. */
enum { LOG_HLC = 1, LOG_KIND, LOG_KEY, LOG_USER, LOG_OFFICIAL, LOG_BEFORE };

#define DAY_MS (24LL * 3600 * 1000)

/* Reads the origins numbered after those already known (all of them are committed). */
static int
nodes_reload(struct store_txn *t)
{
	struct store *s = t->s;
	struct store_cursor *c;
	uint8_t from[4];
	const void *k, *v;
	size_t kn, vn;
	int rc;

	if (store_cursor_open(t, DB_NODE_IDS, &c) != 0)
		return -1;
	store_be32(from, (uint32_t)s->nnodes + 1);
	for (rc = store_cursor_seek(c, from, 4); rc == 0; rc = store_cursor_next(c)) {
		store_cursor_get(c, &k, &kn, &v, &vn);
		if (kn != 4 || vn != 16 || store_get_be32(k) != s->nnodes + 1) {
			rc = kz_fail(&t->err, KZ_EIO, _("store %s: the table of origins is damaged"),
			    s->dir);
			break;
		}
		s->nodes = xgrow(s->nodes, &s->nodes_cap, s->nnodes + 1, sizeof *s->nodes);
		memcpy(s->nodes[s->nnodes++], v, 16);
	}
	store_cursor_close(&c);
	if (!t->write)
		s->nodes_committed = s->nnodes;
	return rc < 0 ? -1 : 0;
}

static int
node_find(struct store *s, const uint8_t origin[16], uint32_t *num)
{
	for (size_t i = 0; i < s->nnodes; i++)
		if (memcmp(s->nodes[i], origin, 16) == 0) {
			*num = (uint32_t)i + 1;
			return 1;
		}
	return 0;
}

/* The origin's number in this store: 0 and *num, 1 when it has none (and create is false). */
static int
node_number(struct store_txn *t, const uint8_t origin[16], bool create, uint32_t *num)
{
	struct store *s = t->s;
	uint8_t nb[4];

	if (node_find(s, origin, num))
		return 0;
	if (nodes_reload(t) != 0)
		return -1;
	if (node_find(s, origin, num))
		return 0;
	if (!create)
		return 1;
	if (!t->write)
		return kz_fail(&t->err, KZ_EINVAL, _("store %s: an origin unknown here"), s->dir);
	*num = (uint32_t)s->nnodes + 1;
	store_be32(nb, *num);
	if (store_put(t, DB_NODES, origin, 16, nb, 4) != 0 ||
	    store_put(t, DB_NODE_IDS, nb, 4, origin, 16) != 0)
		return -1;
	s->nodes = xgrow(s->nodes, &s->nodes_cap, s->nnodes + 1, sizeof *s->nodes);
	memcpy(s->nodes[s->nnodes++], origin, 16);
	return 0;
}

static int
node_origin(struct store_txn *t, uint64_t num, uint8_t origin[16])
{
	struct store *s = t->s;

	if ((num == 0 || num > s->nnodes) && nodes_reload(t) != 0)
		return -1;
	if (num == 0 || num > s->nnodes)
		return kz_fail(&t->err, KZ_EIO, _("store %s: origin number %llu is not in the table"),
		    s->dir, (unsigned long long)num);
	memcpy(origin, s->nodes[num - 1], 16);
	return 0;
}

static int
nodes_number_cb(void *ctx, const uint8_t origin[16], uint64_t *n)
{
	uint32_t num;
	int rc = node_number(ctx, origin, true, &num);

	*n = num;
	return rc;
}

static int
nodes_origin_cb(void *ctx, uint64_t n, uint8_t origin[16])
{
	return node_origin(ctx, n, origin);
}

void
store_state_nodes(struct store_txn *t, struct state_nodes *n)
{
	n->number = nodes_number_cb;
	n->origin = nodes_origin_cb;
	n->ctx = t;
}

#define LOG_KEYLEN 12	/* the origin's number (4) and its sequence (8) */

static void
log_key(uint8_t out[LOG_KEYLEN], uint32_t num, uint64_t seq)
{
	store_be32(out, num);
	store_be64(out + 4, seq);
}

int
store_node(struct store_txn *t, uint8_t node[16])
{
	const void *v = NULL;
	size_t n = 0;
	int rc;

	if ((rc = store_meta_get(t, "node", &v, &n)) < 0)
		return -1;
	if (rc != 0 || n != 16)
		return kz_fail(&t->err, KZ_EIO, _("store %s: not initialised (no node identity)"),
		    t->s->dir);
	memcpy(node, v, 16);
	return 0;
}

int
store_log_last(struct store_txn *t, const uint8_t origin[16], uint64_t *seq)
{
	struct store_cursor *c;
	const void *k;
	size_t kn;
	int rc;

	uint32_t num;
	uint8_t prefix[4];

	*seq = 0;
	if ((rc = node_number(t, origin, false, &num)) != 0)
		return rc < 0 ? -1 : 0;	/* an origin never heard of has no entries */
	store_be32(prefix, num);
	if (store_cursor_open(t, DB_LOG, &c) != 0)
		return -1;
	if ((rc = store_cursor_seek_last(c, prefix, 4)) == 0) {
		store_cursor_get(c, &k, &kn, NULL, NULL);
		if (kn == LOG_KEYLEN)
			*seq = store_get_be64((const uint8_t *)k + 4);
	}
	store_cursor_close(&c);
	return rc < 0 ? -1 : 0;
}

/*
 * The node, this node's last sequence number and the clock, read once per transaction:
 * the sequence from the node's last own entry (so a save dirties no counter), the clock
 * from that entry and from the highest clock seen from elsewhere (meta "hlc"), which only
 * imports write.
 */
static int
load_log_state(struct store_txn *t)
{
	struct store_log_entry e;
	const void *v;
	size_t vn;
	int rc;

	if (t->log_loaded)
		return 0;
	if (store_node(t, t->node) != 0 || store_log_last(t, t->node, &t->seq) != 0)
		return -1;
	t->hlc = t->hlc_meta = 0;
	if (t->seq > 0 && (rc = store_log_get(t, t->node, t->seq, &e)) != 0)
		return rc < 0 ? -1 : kz_fail(&t->err, KZ_EIO, _("store %s: the log lost its last "
		    "entry"), t->s->dir);
	if (t->seq > 0)
		t->hlc = e.hlc;
	if ((rc = store_meta_get(t, "hlc", &v, &vn)) < 0)
		return -1;
	if (rc == 0 && vn == 8)
		t->hlc_meta = store_get_be64(v);
	if (t->hlc_meta > t->hlc)
		t->hlc = t->hlc_meta;
	t->log_loaded = true;
	return 0;
}

static void
encode_entry(struct codec_buf *b, const struct store_log_entry *e)
{
	b->len = 0;
	codec_put_raw(b, "\x01", 1);	/* the entry's own format version */
	codec_put_uint(b, LOG_HLC, e->hlc);
	codec_put_uint(b, LOG_KIND, e->kind);
	codec_put_bytes(b, LOG_KEY, e->key, e->klen);
	if (e->user_len > 0)
		codec_put_bytes(b, LOG_USER, e->user, e->user_len);
	if (e->official_len > 0)
		codec_put_bytes(b, LOG_OFFICIAL, e->official, e->official_len);
	if (e->before_len > 0)
		codec_put_bytes(b, LOG_BEFORE, e->before, e->before_len);
}

int
store_log_local(struct store_txn *t, enum store_db kind, const void *key, size_t klen,
    const uint8_t *before, size_t before_len, struct stamp *st)
{
	struct store_log_entry e = { 0 };
	uint8_t k[LOG_KEYLEN];
	uint32_t num;

	if (load_log_state(t) != 0 || node_number(t, t->node, true, &num) != 0)
		return -1;
	t->seq++;
	t->hlc = hlc_next(t->hlc, t->now);
	memcpy(e.origin, t->node, 16);
	e.seq = t->seq;
	e.hlc = t->hlc;
	e.kind = kind;
	e.key = key;
	e.klen = klen;
	e.user = t->s->user;
	e.user_len = t->s->user ? strlen(t->s->user) : 0;
	e.official = t->s->official;
	e.official_len = t->s->official ? strlen(t->s->official) : 0;
	e.before = before;
	e.before_len = before_len;
	encode_entry(&t->scratch, &e);
	log_key(k, num, t->seq);
	st->hlc = t->hlc;
	memcpy(st->origin, t->node, 16);
	return store_put(t, DB_LOG, k, LOG_KEYLEN, t->scratch.p, t->scratch.len);
}

int
store_log_put(struct store_txn *t, const struct store_log_entry *e)
{
	uint8_t k[LOG_KEYLEN];
	uint32_t num;

	if (node_number(t, e->origin, true, &num) != 0)
		return -1;
	encode_entry(&t->scratch, e);
	log_key(k, num, e->seq);
	return store_put(t, DB_LOG, k, LOG_KEYLEN, t->scratch.p, t->scratch.len);
}

int
store_log_decode(struct store_txn *t, const void *key, size_t klen, const void *val,
    size_t vlen, struct store_log_entry *e)
{
	struct codec_reader r;
	struct codec_field f;
	const uint8_t *v = val;
	int rc;

	memset(e, 0, sizeof *e);
	if (klen != LOG_KEYLEN || vlen < 1 || v[0] == 0)
		goto corrupt;
	if (node_origin(t, store_get_be32(key), e->origin) != 0)
		return -1;
	e->seq = store_get_be64((const uint8_t *)key + 4);
	codec_reader_init(&r, v + 1, vlen - 1);
	while ((rc = codec_next(&r, &f)) == 1) {
		switch (f.tag) {
		case LOG_HLC: e->hlc = f.u; break;
		case LOG_KIND: e->kind = (unsigned)f.u; break;
		case LOG_KEY: e->key = f.p; e->klen = f.n; break;
		case LOG_USER: e->user = (const char *)f.p; e->user_len = f.n; break;
		case LOG_OFFICIAL: e->official = (const char *)f.p; e->official_len = f.n; break;
		case LOG_BEFORE: e->before = f.p; e->before_len = f.n; break;
		default: break;	/* a later version's field */
		}
	}
	if (rc == 0 && e->key != NULL && e->kind < DB_COUNT)
		return 0;
corrupt:
	return kz_fail(&t->err, KZ_EIO, _("store %s: a log entry is corrupt"), t->s->dir);
}

int
store_log_get(struct store_txn *t, const uint8_t origin[16], uint64_t seq,
    struct store_log_entry *e)
{
	uint8_t k[LOG_KEYLEN];
	const void *v;
	size_t vn;
	uint32_t num;
	int rc;

	if ((rc = node_number(t, origin, false, &num)) != 0)
		return rc;
	log_key(k, num, seq);
	if ((rc = store_get(t, DB_LOG, k, LOG_KEYLEN, &v, &vn)) != 0)
		return rc;
	return store_log_decode(t, k, LOG_KEYLEN, v, vn, e);
}

int
store_clock_observe(struct store_txn *t, uint64_t hlc)
{
	if (load_log_state(t) != 0)
		return -1;
	if (hlc > t->hlc)
		t->hlc = hlc;
	/* Written once, before the commit (store_write), not for every change applied. */
	if (hlc > t->hlc_meta) {
		t->hlc_meta = hlc;
		t->hlc_dirty = true;
	}
	return (int64_t)(hlc >> 16) > t->now + DAY_MS;
}

int
store_log_walk(struct store_txn *t, const uint8_t origin[16], uint64_t from, store_log_fn fn,
    void *arg)
{
	struct store_cursor *c;
	struct store_log_entry e;
	uint8_t k0[LOG_KEYLEN];
	const void *k, *v;
	size_t kn, vn;
	uint32_t num;
	int rc;

	if ((rc = node_number(t, origin, false, &num)) != 0)
		return rc < 0 ? -1 : 0;	/* an origin never heard of has no entries */
	log_key(k0, num, from);
	if (store_cursor_open(t, DB_LOG, &c) != 0)
		return -1;
	rc = store_cursor_seek(c, k0, LOG_KEYLEN);
	while (rc == 0) {
		store_cursor_get(c, &k, &kn, &v, &vn);
		if (kn != LOG_KEYLEN || memcmp(k, k0, 4) != 0) {
			rc = 1;
			break;
		}
		if ((rc = store_log_decode(t, k, kn, v, vn, &e)) != 0 || (rc = fn(t, &e, arg)) != 0)
			break;
		rc = store_cursor_next(c);
	}
	store_cursor_close(&c);
	return rc == 1 ? 0 : rc;
}

int
store_vv_read(struct store_txn *t, struct store_vv *vv)
{
	struct store_cursor *c;
	uint8_t prefix[4];
	const void *k;
	size_t kn;
	int rc = 0;

	vv->n = 0;
	if (nodes_reload(t) != 0 || store_cursor_open(t, DB_LOG, &c) != 0)
		return -1;
	/* One seek per origin known here: to its last entry. */
	for (size_t i = 0; i < t->s->nnodes && rc >= 0; i++) {
		store_be32(prefix, (uint32_t)i + 1);
		if ((rc = store_cursor_seek_last(c, prefix, 4)) != 0)
			continue;
		store_cursor_get(c, &k, &kn, NULL, NULL);
		vv->v = xgrow(vv->v, &vv->cap, vv->n + 1, sizeof *vv->v);
		memcpy(vv->v[vv->n].origin, t->s->nodes[i], 16);
		vv->v[vv->n].seq = store_get_be64((const uint8_t *)k + 4);
		vv->n++;
	}
	store_cursor_close(&c);
	return rc < 0 ? -1 : 0;
}

void
store_vv_free(struct store_vv *vv)
{
	free(vv->v);
	memset(vv, 0, sizeof *vv);
}

uint64_t
store_generation(struct store *s)
{
	MDB_envinfo info;

	mdb_env_info(s->env, &info);
	return (uint64_t)info.me_last_txnid;
}

int
store_cursor_open(struct store_txn *t, enum store_db db, struct store_cursor **cp)
{
	struct store_cursor *c = xcalloc(1, sizeof *c);
	/* An absent database: a cursor with nothing to visit (cur NULL). */
	int rc = t->s->absent[db] ? 0 : mdb_cursor_open(t->txn, t->s->dbi[db], &c->cur);

	*cp = NULL;
	if (rc != 0) {
		free(c);
		return txn_fail(t, rc, "cannot read");
	}
	c->t = t;
	*cp = c;
	return 0;
}

void
store_cursor_close(struct store_cursor **cp)
{
	if (*cp == NULL)
		return;
	if ((*cp)->cur != NULL)
		mdb_cursor_close((*cp)->cur);
	free(*cp);
	*cp = NULL;
}

/* What a cursor op gives: 0, 1 at the end (or on an absent database), -1 on error. */
static int
cursor_rc(struct store_cursor *c, int rc)
{
	if (rc == MDB_NOTFOUND)
		return 1;
	return rc == 0 ? 0 : txn_fail(c->t, rc, "cannot read");
}

int
store_cursor_seek(struct store_cursor *c, const void *key, size_t klen)
{
	if (c->cur == NULL)
		return 1;
	if (key == NULL)
		return cursor_rc(c, mdb_cursor_get(c->cur, &c->k, &c->v, MDB_FIRST));
	c->k.mv_data = (void *)(uintptr_t)key;
	c->k.mv_size = klen;
	return cursor_rc(c, mdb_cursor_get(c->cur, &c->k, &c->v, MDB_SET_RANGE));
}

int
store_cursor_seek_last(struct store_cursor *c, const void *prefix, size_t plen)
{
	uint8_t next[512];
	size_t n = plen;
	int rc;

	if (c->cur == NULL)
		return 1;
	if (prefix == NULL || plen == 0)
		return cursor_rc(c, mdb_cursor_get(c->cur, &c->k, &c->v, MDB_LAST));
	if (plen > sizeof next)
		return kz_fail(&c->t->err, KZ_EINVAL, _("store %s: cannot seek: a key prefix of %zu "
		    "bytes is longer than the %zu a key may have"), c->t->s->dir, plen, sizeof next - 1);
	/* Seek to the first key after the prefix range, then step back once. */
	memcpy(next, prefix, plen);
	while (n > 0 && next[n - 1] == 0xff)
		n--;
	if (n == 0) {
		rc = cursor_rc(c, mdb_cursor_get(c->cur, &c->k, &c->v, MDB_LAST));
	} else {
		next[n - 1]++;
		c->k.mv_data = next;
		c->k.mv_size = n;
		rc = cursor_rc(c, mdb_cursor_get(c->cur, &c->k, &c->v, MDB_SET_RANGE));
		if (rc == 0)
			rc = cursor_rc(c, mdb_cursor_get(c->cur, &c->k, &c->v, MDB_PREV));
		else if (rc == 1)
			rc = cursor_rc(c, mdb_cursor_get(c->cur, &c->k, &c->v, MDB_LAST));
	}
	if (rc != 0)
		return rc;
	if (c->k.mv_size < plen || memcmp(c->k.mv_data, prefix, plen) != 0)
		return 1;
	return 0;
}

int
store_cursor_get(struct store_cursor *c, const void **key, size_t *klen, const void **val,
    size_t *vlen)
{
	if (key != NULL) {
		*key = c->k.mv_data;
		*klen = c->k.mv_size;
	}
	if (val != NULL) {
		*val = c->v.mv_data;
		*vlen = c->v.mv_size;
	}
	return 0;
}

int
store_cursor_next(struct store_cursor *c)
{
	if (c->cur == NULL)
		return 1;
	return cursor_rc(c, mdb_cursor_get(c->cur, &c->k, &c->v, MDB_NEXT));
}

int
store_cursor_prev(struct store_cursor *c)
{
	if (c->cur == NULL)
		return 1;
	return cursor_rc(c, mdb_cursor_get(c->cur, &c->k, &c->v, MDB_PREV));
}

static char *
secret_path(const struct store *s, const char *name)
{
	return xasprintf("%s/%s", s->dir, name);
}

/*
 * Secrets live in files beside data.mdb, never in it: a copied or backed-up data.mdb (a USB
 * stick, a mail to IT) then carries no key. Mode 0600, or 0640 in a group store, whose
 * members sign with it but may not change it.
 */
int
store_secret_write(struct store *s, const char *name, const void *p, size_t n,
    struct kz_error *e)
{
	char *path = secret_path(s, name);
	struct stat st;
	mode_t mode = 0600;
	int fd, rc = -1;

	if (stat(s->dir, &st) == 0 && (st.st_mode & S_ISGID))
		mode = 0640;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0) {
		kz_fail(e, errno == EACCES ? KZ_EPERM : KZ_EIO, _("cannot write %s: %s"), path,
		    strerror(errno));
		goto out;
	}
	/* The umask may have taken bits away, or the file may be an old one: set them. */
	if (fchmod(fd, mode) != 0 || write(fd, p, n) != (ssize_t)n || fsync(fd) != 0) {
		kz_fail(e, errno == ENOSPC ? KZ_EFULL : KZ_EIO, _("cannot write %s: %s"), path,
		    strerror(errno));
		close(fd);
		unlink(path);
		goto out;
	}
	rc = close(fd) == 0 ? 0 : kz_fail(e, KZ_EIO, _("cannot write %s: %s"), path,
	    strerror(errno));
out:
	free(path);
	return rc;
}

int
store_secret_read(struct store *s, const char *name, void *p, size_t n, struct kz_error *e)
{
	char *path = secret_path(s, name);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), rc = -1;
	ssize_t got;

	if (fd < 0) {
		kz_fail(e, errno == ENOENT ? KZ_ENOTFOUND : errno == EACCES ? KZ_EPERM : KZ_EIO,
		    _("cannot read %s: %s"), path, strerror(errno));
	} else if ((got = read(fd, p, n)) != (ssize_t)n) {
		kz_fail(e, KZ_EIO, "%s: %s", path, got < 0 ? strerror(errno) :
		    _("not a key of this store (wrong size)"));
	} else {
		rc = 0;
	}
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

void
store_secret_remove(struct store *s, const char *name)
{
	char *path = secret_path(s, name);

	unlink(path);
	free(path);
}

const char *
store_format_found(const struct store *s)
{
	return s->format[0] != '\0' ? s->format : NULL;
}

int
store_clear(struct store_txn *t, enum store_db db)
{
	int rc = mdb_drop(t->txn, t->s->dbi[db], 0);

	return rc == 0 ? 0 : txn_fail(t, rc, "cannot empty a database");
}

int
store_backup(struct store *s, const char *dir, struct kz_error *e)
{
	int rc;

	if (mkdir(dir, 0700) != 0)
		return kz_fail(e, errno == EEXIST ? KZ_EEXIST : KZ_EIO, _("cannot make %s: %s"), dir,
		    strerror(errno));
	/* A consistent copy, taken in a read transaction: writers go on meanwhile. */
	if ((rc = mdb_env_copy2(s->env, dir, MDB_CP_COMPACT)) != 0) {
		kz_fail(e, rc == ENOSPC ? KZ_EFULL : KZ_EIO, _("cannot copy %s to %s: %s"), s->dir,
		    dir, mdb_strerror(rc));
		rmdir(dir);
		return -1;
	}
	/* LMDB makes the copy under the umask: as private as the store itself. */
	{
		char *data = xasprintf("%s/data.mdb", dir), *orig = xasprintf("%s/data.mdb", s->dir);
		struct stat st;

		rc = stat(orig, &st) == 0 ? chmod(data, st.st_mode & 0660) : -1;
		if (rc == 0 && (st.st_mode & 0060))
			rc = chmod(dir, 02770);
		free(data);
		free(orig);
		if (rc != 0)
			return kz_fail(e, KZ_EPERM, _("cannot make %s private: %s"), dir, strerror(errno));
	}
	return 0;
}

/*
 * Lets go of the map's pages this process has read: a long listing reads the whole file
 * through the map, and every page it touched would stay in its resident set (the kernel
 * keeps them in its page cache all the same, for the next reader). LMDB does not say
 * where its map is: /proc/self/maps does. The map is read-only here (no MDB_WRITEMAP),
 * so dropping its pages loses nothing; they are read again when touched.
 */
void
store_release_pages(struct store *s)
{
	char *want = xasprintf("%s/data.mdb", s->dir), line[4096], *real;
	FILE *fp;

	real = realpath(want, NULL);
	free(want);
	if (real == NULL || (fp = fopen("/proc/self/maps", "r")) == NULL) {
		free(real);
		return;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		unsigned long lo, hi;
		char *path = strchr(line, '/');
		size_t n;

		if (path == NULL || sscanf(line, "%lx-%lx", &lo, &hi) != 2)
			continue;
		n = strlen(path);
		if (n > 0 && path[n - 1] == '\n')
			path[n - 1] = '\0';
		if (strcmp(path, real) == 0)
			madvise((void *)(uintptr_t)lo, hi - lo, MADV_DONTNEED);
	}
	fclose(fp);
	free(real);
}

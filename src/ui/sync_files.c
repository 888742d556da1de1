/* The Sync screen's files: mounted drives and the bundles of a directory (sync_files.h). */
#include "ui/sync_files.h"

#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xmalloc.h"

void
syncf_list_free(struct syncf_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
syncf_mount_roots(const char *user, char *roots[2])
{
	if (user == NULL || user[0] == '\0')
		user = getenv("USER");
	if (user == NULL || user[0] == '\0' || strchr(user, '/') != NULL) {
		struct passwd *pw = getpwuid(getuid());

		user = pw != NULL && pw->pw_name != NULL ? pw->pw_name : "";
	}
	roots[0] = xasprintf("/media/%s", user);
	roots[1] = xasprintf("/run/media/%s", user);
}

static int
file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct syncf_file *)a)->name, ((const struct syncf_file *)b)->name);
}

static void
add(struct syncf_list *l, size_t *cap, char *name, const struct stat *st)
{
	l->v = xgrow(l->v, cap, l->n + 1, sizeof *l->v);
	l->v[l->n].name = name;
	l->v[l->n].size = (int64_t)st->st_size;
	l->v[l->n].mtime = st->st_mtime;
	l->n++;
}

void
syncf_mounts(char *const *roots, size_t n, struct syncf_list *out)
{
	size_t cap = 0;

	memset(out, 0, sizeof *out);
	for (size_t r = 0; r < n; r++) {
		DIR *d = opendir(roots[r]);
		struct dirent *de;

		if (d == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			char *path;
			struct stat st;

			if (de->d_name[0] == '.')
				continue;
			path = xasprintf("%s/%s", roots[r], de->d_name);
			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
				add(out, &cap, path, &st);
			else
				free(path);
		}
		closedir(d);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, file_cmp);
}

static bool
is_bundle_name(const char *s)
{
	size_t n = strlen(s);

	return s[0] != '.' && n > 4 && strcmp(s + n - 4, ".kzb") == 0;
}

int
syncf_bundles(const char *dir, struct syncf_list *out, struct kz_error *e)
{
	DIR *d;
	struct dirent *de;
	size_t cap = 0;

	memset(out, 0, sizeof *out);
	if ((d = opendir(dir)) == NULL)
		return kz_fail(e, KZ_EIO, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		char *path;
		struct stat st;

		if (!is_bundle_name(de->d_name))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			add(out, &cap, xstrdup(de->d_name), &st);
		free(path);
	}
	closedir(d);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, file_cmp);
	return 0;
}

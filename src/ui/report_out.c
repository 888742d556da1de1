/* The interface's report key: where the document goes and its write (ui/report_out.h). */
#include "ui/report_out.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

static bool
is_dir(const char *path)
{
	struct stat st;

	return path != NULL && path[0] != '\0' && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * XDG_DOCUMENTS_DIR of user-dirs.dirs: a line XDG_DOCUMENTS_DIR="$HOME/Documents" (the
 * only form xdg-user-dirs writes: an absolute path or one under $HOME); malloc'd or NULL.
 */
static char *
user_dirs_documents(const char *home)
{
	const char *cfg = getenv("XDG_CONFIG_HOME");
	char *file = cfg != NULL && cfg[0] == '/' ? xasprintf("%s/user-dirs.dirs", cfg) :
	    xasprintf("%s/.config/user-dirs.dirs", home);
	FILE *fp = fopen(file, "r");
	char line[4096], *out = NULL;

	free(file);
	if (fp == NULL)
		return NULL;
	while (out == NULL && fgets(line, sizeof line, fp) != NULL) {
		const char *key = "XDG_DOCUMENTS_DIR=\"";
		char *v, *end;

		if (strncmp(line, key, strlen(key)) != 0)
			continue;
		v = line + strlen(key);
		if ((end = strchr(v, '"')) == NULL)
			continue;
		*end = '\0';
		if (strncmp(v, "$HOME", 5) == 0 && (v[5] == '/' || v[5] == '\0'))
			out = xasprintf("%s%s", home, v + 5);
		else if (v[0] == '/')
			out = xstrdup(v);
	}
	fclose(fp);
	return out;
}

char *
report_out_dir(void)
{
	const char *env = getenv("XDG_DOCUMENTS_DIR"), *home = getenv("HOME");
	char *d;

	if (is_dir(env))
		return xstrdup(env);
	if (home == NULL || home[0] == '\0')
		home = ".";
	if ((d = user_dirs_documents(home)) != NULL && is_dir(d))
		return d;
	free(d);
	return xstrdup(home);
}

int
report_out_write(const struct report_doc *d, const char *dir, const char *name,
    char **path, struct kz_error *e)
{
	char *p = NULL;
	FILE *fp = NULL;
	int fd = -1, saved;

	*path = NULL;
	/* A new name: an earlier copy may be the one the office signed. */
	for (int k = 1; k < 1000 && fd < 0; k++) {
		free(p);
		p = k == 1 ? xasprintf("%s/%s.html", dir, name) :
		    xasprintf("%s/%s-%d.html", dir, name, k);
		fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		saved = errno;
		kz_fail(e, KZ_EIO, _("cannot write %s: %s"), p, strerror(saved));
		free(p);
		return -1;
	}
	if ((fp = fdopen(fd, "w")) == NULL)
		goto fail;
	fd = -1;
	if (report_render(d, REPORT_HTML, NULL, fp) != 0 || fflush(fp) != 0 ||
	    fsync(fileno(fp)) != 0)
		goto fail;
	if (fclose(fp) != 0) {
		fp = NULL;
		goto fail;
	}
	*path = p;
	return 0;
fail:
	saved = errno;
	if (fp != NULL)
		fclose(fp);
	if (fd >= 0)
		close(fd);
	unlink(p);
	kz_fail(e, KZ_EIO, _("cannot write %s: %s"), p, strerror(saved));
	free(p);
	return -1;
}

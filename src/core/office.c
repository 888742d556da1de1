/*
 * The office context: the one place outside store/ that opens and closes a store and says
 * who is working in it, so that the command line and the interface do it alike.
 */
#include "core/office.h"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/issue.h"
#include "core/node.h"
#include "store/store.h"
#include "util/xmalloc.h"
#include "util/i18n.h"

struct office {
	struct store *store;
	bool read_only;
	char *user;		/* owned; NULL when it cannot be told */
	char *official;		/* owned; NULL when none is set */
};

int
office_create_dir(const char *dir, const char *group, struct kz_error *e)
{
	return store_create_dir(dir, group, e);
}

/* Records the author in the store, so that every change's log entry carries it. */
static void
set_author(struct office *o)
{
	store_set_author(o->store, o->user, o->official);
}

int
office_open(const char *dir, int flags, struct office **out, struct kz_error *e)
{
	struct office *o = xcalloc(1, sizeof *o);
	struct passwd *pw;
	const char *user;
	int sflags = 0;

	*out = NULL;
	if (flags & OFFICE_RDONLY)
		sflags |= STORE_RDONLY;
	else if (flags & OFFICE_CREATE)
		sflags |= STORE_CREATE;
	if (flags & OFFICE_MIGRATE)
		sflags |= STORE_MIGRATE;
	if (store_open(dir, sflags, &o->store, e) != 0) {
		free(o);
		return -1;
	}
	/* derived state a store of an earlier build lacks: filled once, before any save */
	if (!(flags & OFFICE_RDONLY) && !(flags & OFFICE_MIGRATE) &&
	    issue_visit_index_catch_up(o->store, e) != 0) {
		store_close(&o->store);
		free(o);
		return -1;
	}
	o->read_only = (flags & OFFICE_RDONLY) != 0;
	/* The effective user: the one whose rights the store's files are opened with. */
	pw = getpwuid(geteuid());
	user = pw != NULL ? pw->pw_name : getenv("USER");
	if (user != NULL && user[0] != '\0') {
		o->user = xstrdup(user);
		o->official = node_official(o->store, o->user);
	}
	set_author(o);
	*out = o;
	return 0;
}

void
office_close(struct office **o)
{
	if (*o == NULL)
		return;
	store_close(&(*o)->store);
	free((*o)->user);
	free((*o)->official);
	free(*o);
	*o = NULL;
}

struct store *
office_store(struct office *o)
{
	return o->store;
}

const char *
office_dir(const struct office *o)
{
	return store_dir(o->store);
}

bool
office_read_only(const struct office *o)
{
	return o->read_only;
}

const char *
office_warning(const struct office *o)
{
	return store_warning(o->store);
}

uint64_t
office_generation(struct office *o)
{
	return store_generation(o->store);
}

const char *
office_user(const struct office *o)
{
	return o->user;
}

const char *
office_official(const struct office *o)
{
	return o->official;
}

int
office_set_official(struct office *o, const char *name, struct kz_error *e)
{
	if (o->user == NULL)
		return kz_fail(e, KZ_EINVAL, _("cannot tell which Unix user you are"));
	if (node_set_official(o->store, o->user, name, e) != 0)
		return -1;
	free(o->official);
	o->official = node_official(o->store, o->user);
	set_author(o);
	return 0;
}

int
office_node(struct office *o, struct node *n, struct kz_error *e)
{
	return node_get(o->store, n, e);
}

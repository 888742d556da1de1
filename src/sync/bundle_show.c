#include "sync/bundle_show.h"

#include <stdlib.h>
#include <string.h>

#include "core/record.h"
#include "store/state.h"
#include "util/xmalloc.h"

const char *
bundle_show_kind(unsigned kind)
{
	const struct rec_kind *k = rec_kind_of(kind);

	return k != NULL ? k->desc->name : NULL;
}

int
bundle_show_path(unsigned kind, const uint8_t *path, size_t plen, struct bundle_path_info *pi)
{
	const struct rec_kind *k = rec_kind_of(kind);
	const struct schema_field *f = NULL, *s = NULL;
	const uint8_t *eid;

	memset(pi, 0, sizeof *pi);
	if (state_path_parse(path, plen, &pi->tag, &pi->in_set, &eid, &pi->sub) != 0)
		return -1;
	if (eid != NULL)
		memcpy(pi->eid, eid, 16);
	if (k == NULL)
		return 0;
	pi->kind = k->desc->name;
	if ((f = schema_field_tagged(k->desc, pi->tag)) != NULL)
		pi->field = f->name;
	if (pi->in_set && f != NULL && f->type == SF_LIST && f->sub != NULL &&
	    (s = schema_field_tagged(f->sub, pi->sub)) != NULL)
		pi->sub_field = s->name;
	return 0;
}

void *
bundle_show_value(unsigned kind, const uint8_t *path, size_t plen, const uint8_t *val,
    size_t vlen, const struct schema_record **d, const struct schema_field **fp)
{
	struct bundle_path_info pi;
	const struct rec_kind *k = rec_kind_of(kind);
	const struct schema_field *f;
	uint8_t *buf;
	void *obj;
	int rc;

	*d = NULL;
	if (k == NULL || bundle_show_path(kind, path, plen, &pi) != 0 || pi.field == NULL)
		return NULL;
	f = schema_field_tagged(k->desc, pi.tag);
	if (pi.in_set) {
		if (pi.sub_field == NULL)
			return NULL;
		*d = f->sub;
		*fp = schema_field_tagged(f->sub, pi.sub);
	} else {
		*d = k->desc;
		*fp = f;
	}
	/* The field's bytes as a record of their own: a version byte, then the field. */
	buf = xmalloc(vlen + 1);
	buf[0] = SCHEMA_FORMAT_VERSION;
	memcpy(buf + 1, val, vlen);
	obj = xcalloc(1, (*d)->size);
	schema_init(*d, obj);
	rc = schema_decode(*d, obj, buf, vlen + 1);
	free(buf);
	if (rc != 0) {
		free(obj);
		*d = NULL;
		return NULL;
	}
	return obj;
}

void
bundle_show_free(const struct schema_record *d, void *obj)
{
	if (obj == NULL)
		return;
	schema_clear(d, obj);
	free(obj);
}

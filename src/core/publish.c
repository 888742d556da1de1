/* Marking publications in the store (core/publish.h). */
#include "core/publish.h"

#include "core/record.h"
#include "core/visit.h"
#include "util/i18n.h"

struct publish_args {
	const struct kz_uuid *ids;
	size_t n;
	kz_date on;
	size_t marked;
};

static int
publish_fn(struct store_txn *t, void *arg)
{
	struct publish_args *a = arg;
	int rc = 0;

	a->marked = 0;	/* a retry after the map grew starts again */
	for (size_t i = 0; i < a->n && rc == 0; i++) {
		struct visit v;

		if ((rc = visit_get_tx(t, &a->ids[i], &v)) != 0)
			break;
		if (v.published_on == DATE_NONE) {
			v.published_on = a->on;
			/* visit_validate_tx refuses a date after today or before the meeting. */
			if ((rc = visit_validate_tx(t, &v)) == 0)
				rc = rec_save(t, &visit_kind, &v);
			a->marked += rc == 0;
		}
		visit_free(&v);
	}
	return rc;
}

int
publish_results(struct store *s, const struct kz_uuid *ids, size_t n, kz_date on,
    size_t *marked, struct kz_error *e)
{
	struct publish_args a = { ids, n, on, 0 };
	int rc;

	if (on == DATE_NONE)
		return kz_fail(e, KZ_EINVAL, _("publish: a date is required"));
	rc = store_write(s, publish_fn, &a, e);
	if (marked != NULL)
		*marked = rc == 0 ? a.marked : 0;
	return rc;
}

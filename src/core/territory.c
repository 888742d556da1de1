#include "core/territory.h"

#include <string.h>

#include "core/node.h"
#include "core/unit.h"
#include "store/store.h"
#include "util/i18n.h"

int
territory_check_tx(struct store_txn *t, const char *what, const char *code)
{
	const void *v;
	size_t n;
	char office[10];
	int rc;

	if ((rc = store_meta_get(t, "unit", &v, &n)) < 0)
		return -1;
	if (rc != 0 || n != 9)
		return 0;	/* a store being set up names no office yet */
	memcpy(office, v, 9);
	office[9] = '\0';
	if (unit_is_government(office) || strcmp(office, code) == 0)
		return 0;
	if ((rc = unit_is_within_tx(t, code, office)) < 0)
		return -1;
	if (rc == 0)
		return kz_fail(store_txn_error(t), KZ_EINVAL, _("%s %s is outside the territory of "
		    "this office (unit %s)"), what, code, office);
	return 0;
}

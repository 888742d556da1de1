/* Every record kind by its database: what applying a change from elsewhere needs. */
#include "core/calendar.h"
#include "core/conflict.h"
#include "core/dayoff.h"
#include "core/issue.h"
#include "core/question.h"
#include "core/reception.h"
#include "core/unit.h"
#include "core/visit.h"

const struct rec_kind *
rec_kind_of(unsigned db)
{
	static const struct rec_kind *const kinds[DB_COUNT] = {
		[DB_UNITS] = &unit_kind,
		[DB_VISITS] = &visit_kind,
		[DB_QUESTIONS] = &question_kind,
		[DB_ISSUES] = &issue_kind,
		[DB_CALENDARS] = &calendar_kind,
		[DB_RECEPTIONS] = &reception_kind,
		[DB_HOLIDAYS] = &dayoff_kind,
		[DB_CONFLICTS] = &conflict_kind,
	};

	return db < DB_COUNT ? kinds[db] : NULL;
}

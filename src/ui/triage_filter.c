/* The Triage pane's filters (triage_filter.h). */
#include "ui/triage_filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/labels.h"
#include "core/text.h"
#include "core/unit.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static char *
folded(const char *s)
{
	char *t;

	if (s == NULL || s[0] == '\0')
		return NULL;
	t = xmalloc(strlen(s) + 1);
	t[text_fold(s, strlen(s), t)] = '\0';
	return t;
}

int
triage_filter_set(struct triage_filter *f, int status, int level, bool overdue,
    const char *topic, const char *unit, const char *executor, char *why, size_t len)
{
	char prefix[10] = "";

	if (unit != NULL && unit[0] != '\0') {
		if (!unit_code_valid(unit)) {
			snprintf(why, len, _("unit: '%s' is not a KATO code (nine digits)"), unit);
			return -1;
		}
		/* every unit lies under the Government: no filter */
		if (!unit_is_government(unit))
			unit_own_digits(unit, prefix);
	}
	triage_filter_free(f);
	f->status = status;
	f->level = level;
	f->overdue = overdue;
	f->topic = folded(topic);
	memcpy(f->unit, prefix, sizeof f->unit);
	f->executor = folded(executor);
	return 0;
}

void
triage_filter_free(struct triage_filter *f)
{
	free(f->topic);
	free(f->executor);
	memset(f, 0, sizeof *f);
	f->status = f->level = -1;
}

bool
triage_filter_match(const struct triage_filter *f, const struct issue *i, kz_date today)
{
	if (f->status >= 0 && i->status != f->status)
		return false;
	if (f->level >= 0 && i->level != f->level)
		return false;
	if (f->overdue && !issue_overdue(i, today))
		return false;
	if (f->topic != NULL && !text_folded_has(i->topic, f->topic))
		return false;
	if (f->unit[0] != '\0' && strncmp(i->unit, f->unit, strlen(f->unit)) != 0)
		return false;
	if (f->executor != NULL && !text_folded_has(i->executor, f->executor))
		return false;
	return true;
}

bool
triage_filter_any(const struct triage_filter *f)
{
	return f->status >= 0 || f->level >= 0 || f->overdue || f->topic != NULL ||
	    f->unit[0] != '\0' || f->executor != NULL;
}

void
triage_filter_describe(const struct triage_filter *f, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
#define ADD(...) do { if (n < len) n += (size_t)snprintf(buf + n, len - n, __VA_ARGS__); } \
    while (0)
	if (f->status >= 0 && f->status < ISSUE_STATUS_COUNT)
		ADD(_("%sstatus %s"), n > 0 ? ", " : "",
		    label_enum(issue_status_names, f->status));
	if (f->level >= 0 && f->level < LEVEL_COUNT)
		/* "district level": the label says it is a level */
		ADD("%s%s", n > 0 ? ", " : "", label_enum(issue_level_names, f->level));
	if (f->overdue)
		ADD(_("%soverdue"), n > 0 ? ", " : "");
	if (f->topic != NULL)
		ADD(_("%stopic %s"), n > 0 ? ", " : "", f->topic);
	if (f->unit[0] != '\0')
		ADD(_("%sunit %s*"), n > 0 ? ", " : "", f->unit);
	if (f->executor != NULL)
		ADD(_("%sexecutor %s"), n > 0 ? ", " : "", f->executor);
#undef ADD
}

/*
 * The labels of codes and field names (labels.h): one table for each enum, one for the
 * fields. The English msgids differ from the codes where a code alone would be ambiguous
 * to a translator ("other" is a category, a channel and a commission member's kind), so
 * each label is translated once for every place it is shown.
 */
#include "core/labels.h"

#include <stdio.h>
#include <string.h>

#include "core/announce.h"
#include "core/calendar.h"
#include "core/dayoff.h"
#include "core/issue.h"
#include "core/question.h"
#include "core/reception.h"
#include "core/search.h"
#include "core/visit.h"
#include "util/i18n.h"

static const char *const level_labels[LEVEL_COUNT] = {
	[LEVEL_OWN] = N_("own level"),
	[LEVEL_DISTRICT] = N_("district level"),
	[LEVEL_REGION] = N_("regional level"),
	[LEVEL_CENTRAL] = N_("central level"),
};

/* M-2's categories: of askers, of the attendance, of whom the office invited. */
static const char *const audience_labels[AUD_COUNT] = {
	N_("citizen"), N_("maslikhat deputy"), N_("political party"),
	N_("public organisation"), N_("opposition"), N_("public council"),
	N_("community assembly"), N_("business"), N_("other category"),
};

static const char *const source_labels[QS_COUNT] = {
	N_("at the meeting"), N_("request pool"), N_("broadcast comment"),
	N_("personal reception"),
};

/* P-2's channels; "" is no channel. */
static const char *const channel_labels[QC_COUNT] = {
	"", N_("open data portal"), N_("akim's blog"), N_("e-Otinish"), N_("letter"),
	N_("other channel"), N_("in person"),
};

static const char *const reception_labels[RC_COUNT] = {
	[RC_AKIMAT] = N_("akimat"),
	[RC_PROSECUTOR] = N_("prosecutor's office"),
	[RC_POLICE] = N_("police"),
	[RC_DEPUTIES] = N_("deputies"),
	[RC_PUBLIC_COUNCIL] = N_("public council"),
	[RC_INTELLIGENTSIA] = N_("intelligentsia"),
};

static const char *const commission_labels[CM_COUNT] = {
	[CM_COMMUNITY] = N_("community assembly"),
	[CM_PUBLIC_COUNCIL] = N_("public council"),
	[CM_AKIMAT] = N_("akimat"),
	[CM_OTHER] = N_("other category"),
};

static const char *const comments_labels[COMMENTS_COUNT] = { "", N_("open"), N_("closed") };

static const char *const dayoff_labels[3] = { "", N_("day off"), N_("working day") };

/*
 * Every enum shown to people, by its names array. Statuses and search kinds are their own
 * msgids (N_() in core where they are defined): their labels are their names.
 */
static const struct {
	const char *const *names;
	const char *const *labels;
	int n;
} tables[] = {
	{ issue_level_names, level_labels, LEVEL_COUNT },
	{ audience_names, audience_labels, AUD_COUNT },
	{ question_source_names, source_labels, QS_COUNT },
	{ question_channel_names, channel_labels, QC_COUNT },
	{ reception_category_names, reception_labels, RC_COUNT },
	{ commission_category_names, commission_labels, CM_COUNT },
	{ announce_channel_names, announce_channel_titles, AC_COUNT },
	{ visit_comments_names, comments_labels, COMMENTS_COUNT },
	{ dayoff_kind_names, dayoff_labels, 3 },
	{ issue_status_names, issue_status_names, ISSUE_STATUS_COUNT },
	{ visit_status_names, visit_status_names, VISIT_STATUS_COUNT },
	{ calendar_status_names, calendar_status_names, CAL_STATUS_COUNT },
	{ search_kind_names, search_kind_names, SEARCH_KIND_COUNT },
};

const char *
label_enum(const char *const *names, int v)
{
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		if (tables[t].names != names)
			continue;
		if (v < 0 || v >= tables[t].n)
			return "?";
		return tables[t].labels[v][0] != '\0' ? _(tables[t].labels[v]) : "";
	}
	return names != NULL && v >= 0 ? names[v] : "?";
}

const char *
label_code(const char *const *names, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], code) == 0)
			return label_enum(names, i);
	return code;
}

char *
label_list(const char *const *names, int n, const char *list, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	while (*list != '\0') {
		const char *end = strchr(list, ','), *word;
		size_t wl = end != NULL ? (size_t)(end - list) : strlen(list);
		char code[64];
		int k;

		/* a word too long to be a code is shown as it is: it cannot be one */
		snprintf(code, sizeof code, "%.*s", (int)wl, list);
		word = wl < sizeof code ? label_code(names, n, code) : NULL;
		if (wl > 0) {
			k = word != NULL ? snprintf(buf + used, len - used, "%s%s",
			    used > 0 ? ", " : "", word) : snprintf(buf + used, len - used,
			    "%s%.*s", used > 0 ? ", " : "", (int)wl, list);
			if (k < 0 || (size_t)k >= len - used) {
				buf[used] = '\0';
				break;
			}
			used += (size_t)k;
		}
		list += wl;
		if (*list == ',')
			list++;
	}
	return buf;
}

const char *const *
label_list_names(const char *record, const char *field, int *n)
{
	if (strcmp(record, "visit") == 0 && strcmp(field, "channels") == 0) {
		*n = AC_COUNT;
		return announce_channel_names;
	}
	if (strcmp(record, "visit") == 0 && strcmp(field, "invited") == 0) {
		*n = AUD_COUNT;
		return audience_names;
	}
	if (strcmp(record, "reception") == 0 && strcmp(field, "received_by") == 0) {
		*n = RC_COUNT;
		return reception_category_names;
	}
	*n = 0;
	return NULL;
}

/*
 * Field names by themselves are their msgids (English keeps them, as json has them); a
 * name that means two things is "RECORD|NAME", the part before | dropped in English.
 */
static const struct {
	const char *record;	/* NULL: any record */
	const char *field;
	const char *label;
} fields[] = {
	{ "member", "name", N_("member|name") },
	{ "visit", "field", N_("visit|field") },
	{ NULL, "id", N_("id") },
	{ NULL, "code", N_("code") },
	{ NULL, "parent", N_("parent") },
	{ NULL, "type", N_("type") },
	{ NULL, "name", N_("name") },
	{ NULL, "name_kk", N_("name_kk") },
	{ NULL, "name_ru", N_("name_ru") },
	{ NULL, "edition", N_("edition") },
	{ NULL, "local", N_("local") },
	{ NULL, "retired", N_("retired") },
	{ NULL, "akim", N_("akim") },
	{ NULL, "target", N_("target") },
	{ NULL, "date", N_("date") },
	{ NULL, "time", N_("time") },
	{ NULL, "duration_min", N_("duration_min") },
	{ NULL, "unscheduled", N_("unscheduled") },
	{ NULL, "reason", N_("reason") },
	{ NULL, "venue", N_("venue") },
	{ NULL, "status", N_("status") },
	{ NULL, "announced_on", N_("announced_on") },
	{ NULL, "channels", N_("channels") },
	{ NULL, "broadcast", N_("broadcast") },
	{ NULL, "videoconf", N_("videoconf") },
	{ NULL, "started_ms", N_("started") },
	{ NULL, "report_end_ms", N_("report_end") },
	{ NULL, "ended_ms", N_("ended") },
	{ NULL, "attendance", N_("attendance") },
	{ NULL, "category", N_("category") },
	{ NULL, "count", N_("count") },
	{ NULL, "old_commission_note", N_("old_commission_note") },
	{ NULL, "receptions_end", N_("receptions_end") },
	{ NULL, "published_on", N_("published_on") },
	{ NULL, "moved_from", N_("moved_from") },
	{ NULL, "created_ms", N_("created") },
	{ NULL, "announce_by", N_("announce_by") },
	{ NULL, "withdrawn", N_("withdrawn") },
	{ NULL, "moved_reason", N_("moved_reason") },
	{ NULL, "comments", N_("comments") },
	{ NULL, "no_broadcast", N_("no_broadcast") },
	{ NULL, "invited", N_("invited") },
	{ NULL, "visit", N_("visit") },
	{ NULL, "asked_ms", N_("asked") },
	{ NULL, "text", N_("text") },
	{ NULL, "source", N_("source") },
	{ NULL, "channel", N_("channel") },
	{ NULL, "asker", N_("asker") },
	{ NULL, "asker_name", N_("asker_name") },
	{ NULL, "asker_contact", N_("asker_contact") },
	{ NULL, "topic", N_("topic") },
	{ NULL, "answered", N_("answered") },
	{ NULL, "answer", N_("answer") },
	{ NULL, "issue", N_("issue") },
	{ NULL, "reception", N_("reception") },
	{ NULL, "unit", N_("unit") },
	{ NULL, "title", N_("title") },
	{ NULL, "level", N_("level") },
	{ NULL, "executor", N_("executor") },
	{ NULL, "deadline", N_("deadline") },
	{ NULL, "steps", N_("steps") },
	{ NULL, "done", N_("done") },
	{ NULL, "done_on", N_("done_on") },
	{ NULL, "needs_session", N_("needs_session") },
	{ NULL, "amount", N_("amount") },
	{ NULL, "session_date", N_("session_date") },
	{ NULL, "decision", N_("decision") },
	{ NULL, "history", N_("history") },
	{ NULL, "at_ms", N_("at") },
	{ NULL, "note", N_("note") },
	{ NULL, "user", N_("user") },
	{ NULL, "deadline_was", N_("deadline_was") },
	{ NULL, "progress", N_("progress") },
	{ NULL, "quarter", N_("quarter") },
	{ NULL, "visits", N_("visits") },
	{ NULL, "body", N_("body") },
	{ NULL, "year", N_("year") },
	{ NULL, "approved_on", N_("approved_on") },
	{ NULL, "notified_on", N_("notified_on") },
	{ NULL, "submitted_on", N_("submitted_on") },
	{ NULL, "revisions", N_("revisions") },
	{ NULL, "number", N_("number") },
	{ NULL, "meetings", N_("meetings") },
	{ NULL, "progress_q1", N_("progress_q1") },
	{ NULL, "progress_q2", N_("progress_q2") },
	{ NULL, "progress_q3", N_("progress_q3") },
	{ NULL, "progress_q4", N_("progress_q4") },
	{ NULL, "forwarded_on", N_("forwarded_on") },
	{ NULL, "collected_feb", N_("collected_feb") },
	{ NULL, "collected_aug", N_("collected_aug") },
	{ NULL, "commission", N_("commission") },
	{ NULL, "received_by", N_("received_by") },
	{ NULL, "citizens", N_("reception|citizens") },
	{ NULL, "withdrawn_on", N_("withdrawn_on") },
	{ NULL, "kind", N_("kind") },
	{ NULL, "removed", N_("removed") },
};

const char *
label_field(const char *record, const char *field)
{
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *s, *bar;

		if (strcmp(fields[i].field, field) != 0 ||
		    (fields[i].record != NULL && strcmp(fields[i].record, record) != 0))
			continue;
		s = _(fields[i].label);
		/* untranslated (English): the name after RECORD| */
		if (strcmp(s, fields[i].label) == 0 && (bar = strchr(s, '|')) != NULL)
			return bar + 1;
		return s;
	}
	return field;
}

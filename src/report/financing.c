/*
 * the problem issues that need the maslikhat's financing, for its next session
 * (report/reports_more.h).
 *
 * Which issues: those issue_needs_decision keeps (open, needing a session, no decision
 * recorded), as `kezdesu financing` lists them. Which session: the one asked for, else the
 * earliest session date from today on. The others are listed apart so that nothing owed
 * a decision drops out of the document: those of an earlier session still without a
 * decision (carried over), of a later session, and those with no session date yet.
 */
#include "report/reports_more.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/issue.h"
#include "core/node.h"
#include "report/lang.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* 12500000 as "12 500 000": tenge as the maslikhat reads them. Returns buf. */
static const char *
tenge(int64_t n, char *buf, size_t size)
{
	char d[32];
	int len = snprintf(d, sizeof d, "%lld", (long long)(n < 0 ? -n : n));
	size_t o = 0;

	if (n < 0 && o + 1 < size)
		buf[o++] = '-';
	for (int i = 0; i < len && o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ' ';
		buf[o++] = d[i];
	}
	buf[o] = '\0';
	return buf;
}

enum part { P_SESSION, P_EARLIER, P_LATER, P_UNSET, P_COUNT };

static enum part
part_of(const struct issue *i, kz_date session)
{
	if (i->session_date == DATE_NONE)
		return P_UNSET;
	if (session == DATE_NONE || i->session_date > session)
		return P_LATER;
	return i->session_date == session ? P_SESSION : P_EARLIER;
}

/* The table of one part; with_session adds the session's date. Returns its total. */
static int64_t
table(struct report_doc *d, struct issue **is, size_t n, enum part p, kz_date session,
    struct report_units *un, kz_date today)
{
	const char *head[] = { _("No."), _("Problem issue"), _("Place"), _("Executor"),
		_("Deadline"), _("Session"), _("Amount, tenge") };
	bool with_session = p == P_EARLIER || p == P_LATER;
	size_t nc = with_session ? 7 : 6, k = 0;
	const char *h[7];
	struct report_table *t;
	int64_t total = 0;
	char no[16], dl[96], sd[64], amount[48];

	/* The session column only where the rows' sessions differ from the heading's. */
	for (size_t c = 0, o = 0; c < 7; c++)
		if (c != 5 || with_session)
			h[o++] = head[c];
	t = report_table_new(d, nc, h, REPORT_COL(0) | REPORT_COL(nc - 1));
	for (size_t j = 0; j < n; j++) {
		const struct issue *i = is[j];
		const char *row[7];
		size_t c = 0;

		if (part_of(i, session) != p)
			continue;
		snprintf(no, sizeof no, "%zu", ++k);
		row[c++] = no;
		row[c++] = i->title != NULL ? i->title : "";
		row[c++] = report_units_name(un, i->unit);
		row[c++] = i->executor != NULL ? i->executor : "";
		row[c++] = report_deadline(i, today, dl, sizeof dl);
		if (with_session)
			row[c++] = report_date(i->session_date, sd, sizeof sd);
		row[c++] = tenge(i->amount, amount, sizeof amount);
		report_row(t, row);
		total += i->amount;
	}
	{
		const char *row[7] = { NULL };

		row[1] = _("Total");
		row[nc - 1] = tenge(total, amount, sizeof amount);
		report_total(t, row);
	}
	return total;
}

static struct report_doc *
build(struct issue **is, size_t n, kz_date session, struct report_units *un,
    const char *office, const char *lang, kz_date today)
{
	struct report_doc *d = report_doc_new(lang, _("Problem issues that need financing by "
	    "the maslikhat"));
	size_t count[P_COUNT] = { 0 };
	int64_t sum[P_COUNT] = { 0 }, all = 0;
	char sub[512], d1[64], amount[48];

	for (size_t k = 0; k < n; k++) {
		enum part p = part_of(is[k], session);

		count[p]++;
		sum[p] += is[k]->amount;
		all += is[k]->amount;
	}
	report_subtitle(d, report_units_name(un, office));
	if (session != DATE_NONE)
		snprintf(sub, sizeof sub, _("For the session of the maslikhat of %s"),
		    report_date(session, d1, sizeof d1));
	else
		snprintf(sub, sizeof sub, "%s", _("No session of the maslikhat is set from today on"));
	report_subtitle(d, sub);
	snprintf(sub, sizeof sub, _("Prepared under point 3.5 of Decree No. 826 (A-2) on %s"),
	    report_date(today, d1, sizeof d1));
	report_subtitle(d, sub);

	report_section(d, _("Summary"));
	if (session != DATE_NONE) {
		report_kvf(d, _("Issues for this session"), "%zu", count[P_SESSION]);
		report_kv(d, _("Financing asked of this session, tenge"), tenge(sum[P_SESSION],
		    amount, sizeof amount));
	}
	report_kvf(d, _("Issues that need financing, no decision yet"), "%zu", n);
	report_kv(d, _("Financing they need in all, tenge"), tenge(all, amount, sizeof amount));

	if (session != DATE_NONE) {
		snprintf(sub, sizeof sub, _("For the session of %s"), report_date(session, d1,
		    sizeof d1));
		report_section(d, sub);
		if (count[P_SESSION] == 0)
			report_para(d, _("No issue is set for this session."));
		else
			table(d, is, n, P_SESSION, session, un, today);
	}
	if (count[P_EARLIER] > 0) {
		report_section(d, _("Carried over: sessions held, no decision recorded"));
		table(d, is, n, P_EARLIER, session, un, today);
	}
	if (count[P_LATER] > 0) {
		report_section(d, session != DATE_NONE ? _("For later sessions") :
		    _("For sessions set"));
		table(d, is, n, P_LATER, session, un, today);
	}
	if (count[P_UNSET] > 0) {
		report_section(d, _("No session date set yet"));
		table(d, is, n, P_UNSET, session, un, today);
	}
	if (n == 0) {
		report_section(d, _("Problem issues"));
		report_para(d, _("No problem issue needs financing by the maslikhat."));
	}
	return d;
}

int
report_financing(struct store *s, kz_date session, const char *lang, kz_date today,
    struct report_doc **doc, struct kz_error *e)
{
	struct rec_array a = { 0 };
	struct issue **is;
	struct report_units *un;
	struct node nd;
	size_t n = 0;

	*doc = NULL;
	if (report_lang_valid(lang) != 0)
		return kz_fail(e, KZ_EINVAL, _("language '%s': kk, ru or en"), lang);
	if (node_get(s, &nd, e) != 0 || issue_list(s, -1, &a, e) != 0)
		return -1;
	/* The same issues as `kezdesu financing`, in its order. */
	issue_financing(&a, DATE_NONE);
	is = xcalloc(a.n + 1, sizeof *is);
	for (size_t k = 0; k < a.n; k++)
		is[n++] = (struct issue *)a.items + k;
	/* The next session: the earliest date set from today on. */
	if (session == DATE_NONE)
		for (size_t k = 0; k < n; k++)
			if (is[k]->session_date != DATE_NONE && is[k]->session_date >= today &&
			    (session == DATE_NONE || is[k]->session_date < session))
				session = is[k]->session_date;
	un = report_units_new(s, report_lang_units(lang));
	report_lang_push(lang);
	*doc = build(is, n, session, un, nd.unit, lang, today);
	report_lang_pop();
	report_units_free(&un);
	free(is);
	rec_array_free(&issue_kind, &a);
	return 0;
}

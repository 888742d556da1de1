/*
 * The action table (action.h) and what is generated from it without a terminal: the
 * defaults read through the keymap parser, and the listing of `kezdesu keys` and of the
 * man page's KEYS section.
 */
#include "ui/action.h"

#include <string.h>

#include "util/i18n.h"
#include "util/log.h"

const struct action action_table[A_COUNT] = {
	[A_HELP] = { .name = "help", .context = KM_GLOBAL, .flags = ACT_HINT,
	    .help = N_("the keys of this pane and what they do") },
	[A_PANE_VISITS] = { .name = "pane-visits", .context = KM_GLOBAL, .flags = ACT_HINT,
	    .help = N_("show the Visits pane: meetings with the population") },
	[A_PANE_INTAKE] = { .name = "pane-intake", .context = KM_GLOBAL, .flags = ACT_HINT,
	    .help = N_("show the Intake pane: the selected meeting's questions") },
	[A_PANE_TRIAGE] = { .name = "pane-triage", .context = KM_GLOBAL, .flags = ACT_HINT,
	    .help = N_("show the Triage pane: problem issues") },
	/* Obligations */
	[A_PANE_OBLIGATIONS] = { .name = "pane-obligations", .context = KM_GLOBAL,
	    .flags = ACT_HINT, .help = N_("show the Obligations view: what kezdesu due "
	    "lists; Enter leads to the issue, meeting or year") },
	[A_NEXT_PANE] = { .name = "next-pane", .context = KM_GLOBAL,
	    .help = N_("the next pane") },
	[A_PREV_PANE] = { .name = "previous-pane", .context = KM_GLOBAL,
	    .help = N_("the previous pane") },
	[A_QUIT] = { .name = "quit", .context = KM_GLOBAL, .flags = ACT_HINT,
	    .help = N_("quit (everything is saved already)") },
	[A_REDRAW] = { .name = "redraw", .context = KM_GLOBAL,
	    .help = N_("draw the whole screen again") },
	[A_UP] = { .name = "up", .context = KM_LIST, .help = N_("the line above") },
	[A_DOWN] = { .name = "down", .context = KM_LIST, .help = N_("the line below") },
	[A_PAGE_UP] = { .name = "page-up", .context = KM_LIST,
	    .help = N_("the page above (older)") },
	[A_PAGE_DOWN] = { .name = "page-down", .context = KM_LIST,
	    .help = N_("the page below (newer)") },
	[A_FIRST] = { .name = "first", .context = KM_LIST, .help = N_("the first line") },
	[A_LAST] = { .name = "last", .context = KM_LIST, .help = N_("the last line") },
	[A_OPEN] = { .name = "open", .context = KM_LIST, .flags = ACT_HINT,
	    .help = N_("open the selected line") },
	[A_YEAR_VIEW] = { .name = "year-view", .context = KM_VISITS, .flags = ACT_HINT,
	    .help = N_("the year's coverage (C-1..C-5): targets by half-year") },
	[A_VISIT_CANCEL] = { .name = "visit-cancel", .context = KM_VISITS,
	    .flags = ACT_WRITES | ACT_HINT, .help = N_("cancel the selected meeting") },
	[A_VISIT_ANNOUNCE] = { .name = "visit-announce", .context = KM_VISITS,
	    .flags = ACT_WRITES | ACT_HINT,
	    .help = N_("P-3, P-4: record today's announcement of the meeting, with its channels") },
	[A_CHOOSE_MARK] = { .name = "choose-mark", .context = KM_CHOOSE, .flags = ACT_HINT,
	    .help = N_("mark or unmark the item") },
	[A_CHOOSE_ACCEPT] = { .name = "choose-accept", .context = KM_CHOOSE, .flags = ACT_HINT,
	    .help = N_("save what is marked") },
	[A_CHOOSE_CANCEL] = { .name = "choose-cancel", .context = KM_CHOOSE, .flags = ACT_HINT,
	    .help = N_("leave without saving") },
	/* Triage */
	[A_TRIAGE_SEARCH] = { .name = "triage-search", .context = KM_TRIAGE, .flags = ACT_HINT,
	    .help = N_("search questions and issues as you type (any case, Kazakh and Russian)") },
	[A_TRIAGE_BACK] = { .name = "triage-back", .context = KM_TRIAGE,
	    .help = N_("back: from the results to the search line, else to the list of issues") },
	[A_TRIAGE_MARK] = { .name = "triage-mark", .context = KM_TRIAGE, .flags = ACT_HINT,
	    .help = N_("mark or unmark the question found (for a new issue or to add to one)") },
	[A_TRIAGE_NEW_ISSUE] = { .name = "triage-new-issue", .context = KM_TRIAGE,
	    .flags = ACT_WRITES | ACT_HINT,
	    .help = N_("a new issue of the marked questions (one transaction, all or none)") },
	[A_TRIAGE_ADD_TO] = { .name = "triage-add-to-issue", .context = KM_TRIAGE,
	    .flags = ACT_WRITES, .help = N_("add the marked questions to the selected issue") },
	[A_TRIAGE_EDIT] = { .name = "triage-edit", .context = KM_TRIAGE,
	    .flags = ACT_WRITES | ACT_HINT, .help = N_("the issue form: title, executor, "
	    "deadline, level, central body (G-3), financing (A-2)") },
	[A_TRIAGE_STATUS] = { .name = "triage-status", .context = KM_TRIAGE,
	    .flags = ACT_WRITES | ACT_HINT,
	    .help = N_("change the issue's status, with a note for its history") },
	[A_TRIAGE_ESCALATE] = { .name = "triage-escalate", .context = KM_TRIAGE,
	    .flags = ACT_WRITES, .help = N_("escalate the issue: the level above, status "
	    "escalated") },
	[A_TRIAGE_FILTER] = { .name = "triage-filter", .context = KM_TRIAGE, .flags = ACT_HINT,
	    .help = N_("filter the issues: status, level, overdue, topic, unit, executor") },
	[A_TRIAGE_STEP] = { .name = "triage-step", .context = KM_TRIAGE, .flags = ACT_WRITES,
	    .help = N_("add a step to the issue's action plan") },
	[A_TRIAGE_STEP_DONE] = { .name = "triage-step-done", .context = KM_TRIAGE,
	    .flags = ACT_WRITES, .help = N_("mark a step of the plan done today") },
	[A_TRIAGE_PROGRESS] = { .name = "triage-progress", .context = KM_TRIAGE,
	    .flags = ACT_WRITES, .help = N_("a quarter's progress note on the issue (A-4)") },
	/* form */
	[A_FORM_NEXT] = { .name = "form-next", .context = KM_FORM, .flags = ACT_HINT,
	    .help = N_("the next field of the form") },
	[A_FORM_PREV] = { .name = "form-previous", .context = KM_FORM,
	    .help = N_("the previous field of the form") },
	[A_FORM_SAVE] = { .name = "form-save", .context = KM_FORM, .flags = ACT_HINT,
	    .help = N_("save the form (a refusal keeps what was typed)") },
	[A_FORM_CANCEL] = { .name = "form-cancel", .context = KM_FORM, .flags = ACT_HINT,
	    .help = N_("leave the form without saving") },
	[A_CLOSE_HELP] = { .name = "close-help", .context = KM_HELP, .flags = ACT_HINT,
	    .help = N_("close the help") },
};

int
action_keymap_find(void *arg, const char *name, enum km_context *ctx)
{
	(void)arg;
	for (int i = 0; i < A_COUNT; i++)
		if (strcmp(action_table[i].name, name) == 0) {
			*ctx = action_table[i].context;
			return i;
		}
	return -1;
}

void
action_keymap_defaults(struct keymap *km)
{
	struct km_errors errs = { 0 };

	keymap_init(km, action_keymap_find, NULL);
	if (keymap_load_string(km, "default.keymap", keymap_builtin("default"), &errs) != 0)
		fatal("the built-in keymap: %s", errs.v[0]);
}

/* A man page line must not start with . or ' and a backslash is an escape. */
static void
man_text(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

void
action_print_bindings(FILE *f, const struct keymap *km, int man)
{
	char name[K_NAME_MAX];

	for (int c = 0; c < KM_CONTEXT_COUNT; c++)
		for (size_t i = 0; i < km->n; i++) {
			const struct km_binding *b = &km->v[i];
			const struct action *a = &action_table[b->action];

			if ((int)b->ctx != c)
				continue;
			key_format(b->key, name);
			if (!man) {
				fprintf(f, "%s\t%s\t%s\t%s\n", km_context_names[c], name, a->name,
				    _(a->help));
				continue;
			}
			fputs(".TP\n.B ", f);
			man_text(f, km_context_names[c]);
			fputs(" ", f);
			man_text(f, name);
			fputs("\n", f);
			man_text(f, a->name);
			fputs(": ", f);
			man_text(f, _(a->help));
			fputs("\n", f);
		}
}

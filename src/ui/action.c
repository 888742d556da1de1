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
	[A_HELP] = { .name = "help", .label = N_("help"),
	    .context = KM_GLOBAL, .flags = ACT_HINT,
	    .help = N_("the keys of this pane and what they do") },
	[A_PANE_VISITS] = { .name = "pane-visits", .label = N_("Visits"),
	    .context = KM_GLOBAL, .flags = ACT_HINT,
	    .help = N_("show the Visits pane: meetings with the population") },
	[A_PANE_INTAKE] = { .name = "pane-intake", .label = N_("Intake"),
	    .context = KM_GLOBAL, .flags = ACT_HINT,
	    .help = N_("show the Intake pane: the selected meeting's questions") },
	[A_PANE_TRIAGE] = { .name = "pane-triage", .label = N_("Triage"),
	    .context = KM_GLOBAL, .flags = ACT_HINT,
	    .help = N_("show the Triage pane: problem issues") },
	/* Obligations */
	[A_PANE_OBLIGATIONS] = { .name = "pane-obligations", .label = N_("Obligations"),
	    .context = KM_GLOBAL,
	    .flags = ACT_HINT, .help = N_("show the Obligations view: what kezdesu due "
	    "lists; Enter leads to the issue, meeting or year") },
	[A_NEXT_PANE] = { .name = "next-pane", .label = N_("next pane"), .context = KM_GLOBAL,
	    .help = N_("the next pane") },
	[A_PREV_PANE] = { .name = "previous-pane", .label = N_("previous pane"),
	    .context = KM_GLOBAL,
	    .help = N_("the previous pane") },
	[A_QUIT] = { .name = "quit", .label = N_("quit"),
	    .context = KM_GLOBAL, .flags = ACT_HINT,
	    .help = N_("quit (everything is saved already)") },
	[A_REDRAW] = { .name = "redraw", .label = N_("redraw"), .context = KM_GLOBAL,
	    .help = N_("draw the whole screen again") },
	[A_UP] = { .name = "up", .label = N_("up"),
	    .context = KM_LIST, .help = N_("the line above") },
	[A_DOWN] = { .name = "down", .label = N_("down"),
	    .context = KM_LIST, .help = N_("the line below") },
	[A_PAGE_UP] = { .name = "page-up", .label = N_("page up"), .context = KM_LIST,
	    .help = N_("the page above (older)") },
	[A_PAGE_DOWN] = { .name = "page-down", .label = N_("page down"), .context = KM_LIST,
	    .help = N_("the page below (newer)") },
	[A_FIRST] = { .name = "first", .label = N_("first"),
	    .context = KM_LIST, .help = N_("the first line") },
	[A_LAST] = { .name = "last", .label = N_("last"),
	    .context = KM_LIST, .help = N_("the last line") },
	[A_OPEN] = { .name = "open", .label = N_("key|open"),
	    .context = KM_LIST, .flags = ACT_HINT,
	    .help = N_("open the selected line") },
	[A_YEAR_VIEW] = { .name = "year-view", .label = N_("year"),
	    .context = KM_VISITS, .flags = ACT_HINT,
	    .help = N_("the year's coverage (C-1..C-5): targets by half-year") },
	[A_VISIT_CANCEL] = { .name = "visit-cancel", .label = N_("cancel"),
	    .context = KM_VISITS,
	    .flags = ACT_WRITES | ACT_HINT, .help = N_("cancel the selected meeting") },
	[A_VISIT_ANNOUNCE] = { .name = "visit-announce", .label = N_("announce"),
	    .context = KM_VISITS,
	    .flags = ACT_WRITES | ACT_HINT,
	    .help = N_("P-3, P-4: record the meeting's announcement: its channels, then its day") },
	[A_VISIT_ADD] = { .name = "visit-add", .label = N_("new meeting"), .context = KM_VISITS,
	    .flags = ACT_WRITES | ACT_HINT, .help = N_("a new meeting: akim, place, date, time, "
	    "duration (after an approved calendar: a revision K-2 or unscheduled U-1)") },
	[A_VISIT_EDIT] = { .name = "visit-edit", .label = N_("edit"),
	    .context = KM_VISITS, .flags = ACT_WRITES,
	    .help = N_("change the selected meeting's time, duration and venue") },
	/* move and held are in F1's help: the hint line must keep F1 in 80 columns */
	[A_VISIT_MOVE] = { .name = "visit-move", .label = N_("move"),
	    .context = KM_VISITS, .flags = ACT_WRITES,
	    .help = N_("move the selected meeting to another date (K-2: with its reason)") },
	[A_VISIT_HELD] = { .name = "visit-held", .label = N_("mark held"), .context = KM_VISITS,
	    .flags = ACT_WRITES, .help = N_("mark the selected meeting held: actual "
	    "times (T-1), broadcast (B-1), publication (A-3)") },
	[A_VISIT_ATTENDANCE] = { .name = "visit-attendance", .label = N_("key|attendance"),
	    .context = KM_VISITS,
	    .flags = ACT_WRITES, .help = N_("M-2: the selected meeting's attendance by "
	    "category and whom the office invited") },
	[A_VISIT_RECEPTION] = { .name = "visit-reception", .label = N_("key|reception"),
	    .context = KM_VISITS,
	    .flags = ACT_WRITES, .help = N_("A-1: a personal reception after the selected "
	    "meeting: date, who received, how many citizens") },
	[A_VISIT_POOL] = { .name = "visit-pool", .label = N_("requests"),
	    .context = KM_VISITS, .flags = ACT_WRITES,
	    .help = N_("P-2: the selected meeting's request pool; its first line adds a "
	    "request with its channel, Enter on a request moves it to another meeting") },
	[A_VISIT_COMMENTS] = { .name = "visit-comments", .label = N_("comments"),
	    .context = KM_VISITS,
	    .flags = ACT_WRITES, .help = N_("B-1: the held meeting's comments from its "
	    "broadcast, typed one by one, each saved as a question") },
	[A_CHOOSE_MARK] = { .name = "choose-mark", .label = N_("mark"),
	    .context = KM_CHOOSE, .flags = ACT_HINT,
	    .help = N_("mark or unmark the item") },
	[A_CHOOSE_ACCEPT] = { .name = "choose-accept", .label = N_("save"),
	    .context = KM_CHOOSE, .flags = ACT_HINT,
	    .help = N_("save what is marked") },
	[A_CHOOSE_CANCEL] = { .name = "choose-cancel", .label = N_("leave"),
	    .context = KM_CHOOSE, .flags = ACT_HINT,
	    .help = N_("leave without saving") },
	/* Intake: meeting mode's editor */
	[A_ED_LEFT] = { .name = "editor-left", .label = N_("left"), .context = KM_EDITOR,
	    .help = N_("the character before") },
	[A_ED_RIGHT] = { .name = "editor-right", .label = N_("right"), .context = KM_EDITOR,
	    .help = N_("the character after") },
	[A_ED_WORD_LEFT] = { .name = "editor-word-left", .label = N_("word left"),
	    .context = KM_EDITOR,
	    .help = N_("the start of the word before") },
	[A_ED_WORD_RIGHT] = { .name = "editor-word-right", .label = N_("word right"),
	    .context = KM_EDITOR,
	    .help = N_("the end of the word after") },
	[A_ED_HOME] = { .name = "editor-home", .label = N_("line start"), .context = KM_EDITOR,
	    .help = N_("the start of the line") },
	[A_ED_END] = { .name = "editor-end", .label = N_("line end"), .context = KM_EDITOR,
	    .help = N_("the end of the line") },
	[A_ED_BACKSPACE] = { .name = "editor-backspace", .label = N_("delete back"),
	    .context = KM_EDITOR,
	    .help = N_("delete the character before (with its marks)") },
	[A_ED_DELETE] = { .name = "editor-delete", .label = N_("delete"), .context = KM_EDITOR,
	    .help = N_("delete the character at the cursor") },
	[A_ED_KILL_WORD_BACK] = { .name = "editor-kill-word-back", .label = N_("delete word back"),
	    .context = KM_EDITOR,
	    .help = N_("delete the word before") },
	[A_ED_KILL_WORD] = { .name = "editor-kill-word", .label = N_("delete word"),
	    .context = KM_EDITOR,
	    .help = N_("delete the word after") },
	[A_ED_KILL_START] = { .name = "editor-kill-start", .label = N_("delete to start"),
	    .context = KM_EDITOR,
	    .help = N_("delete to the start of the line") },
	[A_ED_KILL_END] = { .name = "editor-kill-end", .label = N_("delete to end"),
	    .context = KM_EDITOR,
	    .help = N_("delete to the end of the line") },
	[A_ED_CANCEL] = { .name = "editor-cancel", .label = N_("clear"), .context = KM_EDITOR,
	    .help = N_("leave the asker's name or contact, or clear the topic and category") },
	[A_Q_SAVE] = { .name = "question-save", .label = N_("save"), .context = KM_EDITOR,
	    .flags = ACT_WRITES | ACT_HINT,
	    .help = N_("save the line as a question of the meeting (empty: nothing)") },
	[A_Q_UNDO] = { .name = "question-undo", .label = N_("undo"), .context = KM_EDITOR,
	    .flags = ACT_WRITES | ACT_HINT,
	    .help = N_("withdraw the last question saved here") },
	[A_Q_POOL] = { .name = "question-pool", .label = N_("to pool"), .context = KM_EDITOR,
	    .flags = ACT_WRITES | ACT_HINT,
	    .help = N_("P-2: save the line to the request pool (channel in-person) instead") },
	[A_Q_RECEPTION] = { .name = "question-reception", .label = N_("to reception"),
	    .context = KM_EDITOR,
	    .flags = ACT_WRITES,
	    .help = N_("A-1: save the line to the meeting's personal reception instead") },
	[A_Q_ASKER_FORM] = { .name = "asker-form", .label = N_("name, contact"),
	    .context = KM_EDITOR, .flags = ACT_HINT,
	    .help = N_("the asker's name and contact (personal data), optional") },
	[A_MEET_CLOCK] = { .name = "meeting-clock", .label = N_("clock"), .context = KM_EDITOR,
	    .flags = ACT_WRITES | ACT_HINT,
	    .help = N_("T-1: record the start of the meeting, then the end of the report") },
	[A_TOPIC_1] = { .name = "topic-1", .label = N_("topic 1"), .context = KM_EDITOR,
	    .help = N_("the topic used most at the office (the same key again: no topic)") },
	[A_TOPIC_2] = { .name = "topic-2", .label = N_("topic 2"), .context = KM_EDITOR,
	    .help = N_("the second topic used most") },
	[A_TOPIC_3] = { .name = "topic-3", .label = N_("topic 3"), .context = KM_EDITOR,
	    .help = N_("the third topic used most") },
	[A_TOPIC_4] = { .name = "topic-4", .label = N_("topic 4"), .context = KM_EDITOR,
	    .help = N_("the fourth topic used most") },
	[A_ASKER_1] = { .name = "asker-citizen", .label = N_("citizen"), .context = KM_EDITOR,
	    .help = N_("the asker is a citizen (the default)") },
	[A_ASKER_2] = { .name = "asker-deputy", .label = N_("maslikhat deputy"),
	    .context = KM_EDITOR,
	    .help = N_("the asker is a deputy (M-2)") },
	[A_ASKER_3] = { .name = "asker-party", .label = N_("political party"),
	    .context = KM_EDITOR,
	    .help = N_("the asker is of a political party (M-2)") },
	[A_ASKER_4] = { .name = "asker-public-org", .label = N_("public organisation"),
	    .context = KM_EDITOR,
	    .help = N_("the asker is of a public organisation (M-2)") },
	[A_ASKER_5] = { .name = "asker-opposition", .label = N_("opposition"),
	    .context = KM_EDITOR,
	    .help = N_("the asker is of the opposition (M-2)") },
	[A_ASKER_6] = { .name = "asker-public-council", .label = N_("public council"),
	    .context = KM_EDITOR,
	    .help = N_("the asker is of a public council") },
	[A_ASKER_7] = { .name = "asker-community", .label = N_("community assembly"),
	    .context = KM_EDITOR,
	    .help = N_("the asker is of a community assembly") },
	[A_ASKER_8] = { .name = "asker-business", .label = N_("business"), .context = KM_EDITOR,
	    .help = N_("the asker is of business") },
	[A_ASKER_9] = { .name = "asker-other", .label = N_("other category"),
	    .context = KM_EDITOR,
	    .help = N_("the asker is of another category") },
	/* Triage */
	[A_TRIAGE_SEARCH] = { .name = "triage-search", .label = N_("search"),
	    .context = KM_TRIAGE, .flags = ACT_HINT,
	    .help = N_("search questions and issues as you type (any case, Kazakh and Russian)") },
	[A_TRIAGE_BACK] = { .name = "triage-back", .label = N_("back"), .context = KM_TRIAGE,
	    .help = N_("back: from the results to the search line, else to the list of issues") },
	[A_TRIAGE_MARK] = { .name = "triage-mark", .label = N_("mark"),
	    .context = KM_TRIAGE, .flags = ACT_HINT,
	    .help = N_("mark or unmark the question found (for a new issue or to add to one)") },
	[A_TRIAGE_NEW_ISSUE] = { .name = "triage-new-issue", .label = N_("new issue"),
	    .context = KM_TRIAGE,
	    .flags = ACT_WRITES | ACT_HINT,
	    .help = N_("a new issue of the marked questions (one transaction, all or none)") },
	[A_TRIAGE_ADD_TO] = { .name = "triage-add-to-issue", .label = N_("add to issue"),
	    .context = KM_TRIAGE,
	    .flags = ACT_WRITES, .help = N_("add the marked questions to the selected issue") },
	[A_TRIAGE_EDIT] = { .name = "triage-edit", .label = N_("edit"), .context = KM_TRIAGE,
	    .flags = ACT_WRITES | ACT_HINT, .help = N_("the issue form: title, executor, "
	    "deadline, level, central body (G-3), financing (A-2)") },
	[A_TRIAGE_STATUS] = { .name = "triage-status", .label = N_("key|status"),
	    .context = KM_TRIAGE,
	    .flags = ACT_WRITES | ACT_HINT,
	    .help = N_("change the issue's status, with a note for its history") },
	[A_TRIAGE_ESCALATE] = { .name = "triage-escalate", .label = N_("escalate"),
	    .context = KM_TRIAGE,
	    .flags = ACT_WRITES, .help = N_("escalate the issue: the level above, status "
	    "escalated") },
	[A_TRIAGE_FILTER] = { .name = "triage-filter", .label = N_("filter"),
	    .context = KM_TRIAGE, .flags = ACT_HINT,
	    .help = N_("filter the issues: status, level, overdue, topic, unit, executor") },
	[A_TRIAGE_STEP] = { .name = "triage-step", .label = N_("plan step"),
	    .context = KM_TRIAGE, .flags = ACT_WRITES,
	    .help = N_("add a step to the issue's action plan") },
	[A_TRIAGE_STEP_DONE] = { .name = "triage-step-done", .label = N_("step done"),
	    .context = KM_TRIAGE,
	    .flags = ACT_WRITES, .help = N_("mark a step of the plan done today") },
	[A_TRIAGE_PROGRESS] = { .name = "triage-progress", .label = N_("progress note"),
	    .context = KM_TRIAGE,
	    .flags = ACT_WRITES, .help = N_("a quarter's progress note on the issue (A-4)") },
	/* form */
	[A_FORM_NEXT] = { .name = "form-next", .label = N_("next field"),
	    .context = KM_FORM, .flags = ACT_HINT,
	    .help = N_("the next field of the form") },
	[A_FORM_PREV] = { .name = "form-previous", .label = N_("previous field"),
	    .context = KM_FORM,
	    .help = N_("the previous field of the form") },
	[A_FORM_SAVE] = { .name = "form-save", .label = N_("save"),
	    .context = KM_FORM, .flags = ACT_HINT,
	    .help = N_("save the form (a refusal keeps what was typed)") },
	[A_FORM_CANCEL] = { .name = "form-cancel", .label = N_("leave"),
	    .context = KM_FORM, .flags = ACT_HINT,
	    .help = N_("leave the form without saving") },
	/* publications (issue 9): written to the documents folder, nothing marked */
	[A_VISIT_REPORT] = { .name = "visit-report", .label = N_("write results"),
	    .context = KM_VISITS,
	    .help = N_("A-3: write the selected meeting's results as HTML to the documents "
	    "folder, in the interface's language") },
	[A_TRIAGE_REPORT] = { .name = "triage-report", .label = N_("write progress"),
	    .context = KM_TRIAGE,
	    .help = N_("A-4: write the last ended quarter's progress on the problem issues as "
	    "HTML to the documents folder, in the interface's language") },
	[A_CLOSE_HELP] = { .name = "close-help", .label = N_("close"),
	    .context = KM_HELP, .flags = ACT_HINT,
	    .help = N_("close the help") },
};

const char *
action_label(int a)
{
	const char *s, *bar;

	if (a < 0 || a >= A_COUNT)
		return "?";
	if (action_table[a].label == NULL)
		return action_table[a].name;
	s = _(action_table[a].label);
	/* untranslated (English): the word after "key|" */
	if (strcmp(s, action_table[a].label) == 0 && (bar = strchr(s, '|')) != NULL)
		return bar + 1;
	return s;
}

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

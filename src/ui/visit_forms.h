/*
 * The Visits pane's forms (issue 8, "Visits"): add a meeting, edit its time, duration and
 * venue, move it (K-2), mark it held (T-1, B-1, A-3), take its broadcast's comments as
 * questions (B-1), its attendance (M-2), a personal reception after it, its request
 * pool before it and a request moved to another meeting (P-2). Each save is one write
 * through core (calendar_add_meeting, visit_modify, question_add, request_add,
 * request_assign); core's refusal goes on the message line and the form stays as typed
 * (ui/form.h).
 */
#ifndef KZ_VISIT_FORMS_H
#define KZ_VISIT_FORMS_H

struct ui;
struct visit;

void visit_form_add(struct ui *ui);
void visit_form_edit(struct ui *ui, const struct visit *v);
void visit_form_move(struct ui *ui, const struct visit *v);
void visit_form_held(struct ui *ui, const struct visit *v);
/*
 * B-1: the held meeting's broadcast comments typed one at a time, each saved as a question
 * of source broadcast; the form stays open for the next.
 */
void visit_form_comments(struct ui *ui, const struct visit *v);
/* M-2: the attendance by category and the broad audience invited. */
void visit_form_attendance(struct ui *ui, const struct visit *v);
/* a personal reception after the (held) meeting. */
void visit_form_reception(struct ui *ui, const struct visit *v);
/* P-2: the meeting's request pool in a chooser; its first line adds a request (a form). */
void visit_pool_open(struct ui *ui, const struct visit *v);
/* Frees what the pool's chooser keeps (the pane's free). */
void visit_forms_free(void);

#endif

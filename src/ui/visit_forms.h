/*
 * The Visits pane's forms (issue 8, "Visits"): add a meeting, edit its time, duration and
 * venue, move it (K-2), mark it held (T-1, B-1, A-3). Each save is one write through core
 * (calendar_add_meeting, visit_modify); core's refusal goes on the message line and the
 * form stays as typed (ui/form.h).
 */
#ifndef KZ_VISIT_FORMS_H
#define KZ_VISIT_FORMS_H

struct ui;
struct visit;

void visit_form_add(struct ui *ui);
void visit_form_edit(struct ui *ui, const struct visit *v);
void visit_form_move(struct ui *ui, const struct visit *v);
void visit_form_held(struct ui *ui, const struct visit *v);

#endif

/*
 * What goes to which office (issue 10, DESIGN.md "Sync by bundles"): whether a peer is
 * above or below this office in the KATO tree, whether a record goes to it, and which of a
 * record's fields are citizens' personal data. Pure: no store; sync/outbox.h places a
 * stored record (finds its units) and asks here.
 *
 * The tree is the codes' own: a unit's subtree is the codes that start with its own digits
 * (scope_within), which is KATO's parent rule (core/kato.h: a unit's parent is the nearest
 * existing code among AB CD EF H00, AB CD EF 000, AB CD 00 000, AB 00 00 000, each the code
 * cut at one of those ends), so it needs no classifier in the store: an office knows a peer's
 * place before it has imported the peer's units. The Government (000000000, RULES.md's
 * interpretation of the levels) is above every unit.
 *
 * Up (to a peer above): every record of this office's subtree, those relayed from offices
 * below it too, by the unit that owns it (a visit's akim, a question's or reception's
 * meeting's akim, a request's unit, an issue's unit, a calendar's office, a local unit).
 * Down (to a peer below): what concerns the peer's subtree: its issues (their decisions,
 * executors, deadlines and statuses), its meetings and their questions and receptions
 * (owned by, or held in, the peer's subtree), the calendars of its own subtree and of the
 * offices above it (the approved calendar that lists its meetings), the holidays and days
 * off (the country's, decided above), and its local units.
 * Never: units of the classifier (each office imports KATO itself: `units import`).
 * Personal data (scope_personal) is removed in both directions unless asked for
 * (`--include-personal`): up because the decree's offices above need counts, not citizens'
 * names; down because an office below may not be the one that collected them.
 */
#ifndef KZ_SCOPE_H
#define KZ_SCOPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum scope_dir {
	SCOPE_BESIDE = 0,	/* neither above nor below (or the office itself): no exchange */
	SCOPE_UP,		/* the peer is above this office */
	SCOPE_DOWN,		/* the peer is below this office */
};

/* "up", "down", "beside": stable, for tsv and json. */
const char *scope_dir_name(enum scope_dir d);
/* True when code is anc or lies in anc's subtree (both nine digits; the Government holds all). */
bool scope_within(const char *code, const char *anc);
/* Where peer's unit is from office's: strictly above, strictly below, or beside. */
enum scope_dir scope_direction(const char *office, const char *peer);

/*
 * A record as the scope sees it: its kind and the units that place it. For a conflict, the
 * place of the record it is about (the conflict goes where that record goes).
 */
struct scope_place {
	unsigned kind;		/* the record's database (enum store_db) */
	char owner[10];		/* the unit whose record it is; "" when none could be found */
	char where[10];		/* where it happened, if another unit (a meeting's target); or "" */
	bool kato;		/* a unit of the classifier (not an office's local unit) */
};

/* Whether a change of the record at pl goes from office to peer, in direction dir. */
bool scope_sends(const struct scope_place *pl, const char *office, const char *peer,
    enum scope_dir dir);

/*
 * Citizens' personal data, per record kind: the top-level fields named here (by the names
 * of the kind's field table, core/schema.h). Reviewed field by field (tests/unit/test_scope.c
 * fails when a kind gains a text field nobody classified):
 *   question: asker_name, asker_contact (who asked: a citizen; requests (P-2) are questions).
 *   reception: none: date, who received (categories) and the number of citizens.
 *   visit: none (attendance is counts by category, invited is categories).
 *   issue: none (history's user is the official who changed it).
 *   calendar: none: commission members (P-1) are named for their public role, as the
 *     akimat's order publishes them; commission remains the calendar's.
 *   unit, day off, conflict: none of their own; a conflict about a personal field carries
 *     that field's losing value (scope_conflict_personal); kept (what a resolution chose:
 *     "mine", "theirs" or "value") is a word, never the value.
 */
struct scope_personal {
	unsigned kind;		/* enum store_db */
	const char *field;
};
extern const struct scope_personal scope_personal_fields[];
extern const size_t scope_personal_n;

/* Whether top-level tag of kind's records holds personal data. */
bool scope_tag_personal(unsigned kind, unsigned tag);
/* The same for a path of the record's state (store/state.h): a top-level tag's path. */
bool scope_path_personal(unsigned kind, const uint8_t *path, size_t plen);
/* Whether a conflict about field (its `field`, e.g. "asker_name") of kind holds personal data. */
bool scope_conflict_personal(unsigned kind, const char *field);

#endif

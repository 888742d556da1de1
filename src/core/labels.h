/*
 * Words for people of what machine formats keep as codes (issue 8, "Languages"): the
 * values of the records' enums (issue levels, askers' categories, channels, sources,
 * statuses ...), the comma lists of such codes a string field holds (a meeting's channels
 * and invited, a reception's received_by), and the records' field names. One table each,
 * here, for the interface and the command line's text alike; tsv, json and dump print the
 * codes and names themselves, and the command line keeps taking the codes.
 * Returned words are translated (gettext) and live as long as the program.
 */
#ifndef KZ_LABELS_H
#define KZ_LABELS_H

#include <stddef.h>

/*
 * The label of value v of the enum whose names are `names` (issue_level_names,
 * audience_names ...: the very array, as a schema field holds it): "own" is «свой
 * уровень» in Russian. A table without labels gives its code; "" stays "".
 */
const char *label_enum(const char *const *names, int v);
/* The label of code among names[0..n) (a code not among them comes back as it is). */
const char *label_code(const char *const *names, int n, const char *code);
/*
 * A comma list of codes of names[0..n) ("print,web") as labels joined by ", " into buf;
 * an unknown word stays as it is. Returns buf.
 */
char *label_list(const char *const *names, int n, const char *list, char *buf, size_t len);
/*
 * The codes a string field of a record holds as a comma list (visit.channels:
 * announce_channel_names), their number in *n; NULL when the field holds free text.
 */
const char *const *label_list_names(const char *record, const char *field, int *n);
/*
 * A record's field name for people ("announced_on" of a visit: «объявлена»); in English
 * the name itself, as json and tsv have it.
 */
const char *label_field(const char *record, const char *field);

#endif

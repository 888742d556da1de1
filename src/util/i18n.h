/*
 * Strings a user reads, marked for gettext: _("...") where the string is used, N_("...")
 * in a static table (translated where it is shown). Until the catalogs exist both are the
 * string itself.
 */
#ifndef KZ_I18N_H
#define KZ_I18N_H

#define _(s) (s)
#define N_(s) (s)

#endif

#!/bin/sh
# docs/captures.sh [kk|ru|en]: text captures of each screen of the interface, for the user
# guides (docs/user-guide*.md), written to standard output as Markdown ``` blocks.
# Runs build/kezdesu (make it first) on a fresh demo store in a temporary directory, in a
# private tmux server (its own socket, no configuration) of 100x30, with today fixed
# (KEZDESU_NOW) so that the captures come out the same each time. Not a test: make check
# does not run it. POSIX sh; needs tmux.
set -u
LANG_=${1:-kk}
TOP=$(cd "$(dirname "$0")/.." && pwd)
KZ=$TOP/build/kezdesu
[ -x "$KZ" ] || { echo "captures.sh: $KZ: not built (run make)" >&2; exit 1; }
command -v tmux >/dev/null 2>&1 || { echo "captures.sh: tmux is not installed" >&2; exit 1; }
T=$(mktemp -d) || exit 1
SOCK=kzdoc-$$
trap 'tmux -L "$SOCK" -f /dev/null kill-server 2>/dev/null; rm -rf "$T"' EXIT
KEZDESU_NOW=2026-12-01T05:00  # UTC, read as such: 10:00 in Kazakhstan (UTC+5)
export KEZDESU_NOW
# Drafts and user keymaps of the person running this must not show in the captures.
XDG_STATE_HOME=$T/state XDG_CONFIG_HOME=$T/config
export XDG_STATE_HOME XDG_CONFIG_HOME
"$KZ" --db "$T/db" --demo >/dev/null || { echo "captures.sh: --demo failed" >&2; exit 1; }

tmux_() { tmux -L "$SOCK" -f /dev/null "$@"; }
tmux_ new-session -d -x 100 -y 30 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color NO_COLOR=1 '$KZ' --lang '$LANG_' --db '$T/db'; sleep 600"

# settle: waits until the screen stops changing (at most 3 s), so a capture is whole.
settle() {
	_prev= _n=0
	while [ "$_n" -lt 30 ]; do
		sleep 0.1
		_cur=$(tmux_ capture-pane -p)
		[ "$_cur" = "$_prev" ] && [ -n "$_cur" ] && return 0
		_prev=$_cur
		_n=$((_n + 1))
	done
}
# shot TITLE: the screen, trailing blank lines removed, as a titled ``` block.
shot() {
	settle
	printf '%s\n\n```\n' "$1"
	tmux_ capture-pane -p | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
	printf '```\n\n'
}
k() { tmux_ send-keys "$@"; sleep 0.2; }

settle
shot "Visits (F2)"
k y
shot "Visits: year view (y)"
k y
k n
k -l 613649400
k Tab
k -l 2026-12-22
k Tab
k -l 09:30
shot "Visits: a new meeting (n)"
k Escape
k p
shot "Visits: the request pool (p)"
k Escape
k Enter
k -l "Ауылдағы жолды қашан жөндейді?"
k F6 M-1 Enter
k -l "Когда проведут газ в школу?"
k M-2 Enter
k -l "Мектепке жаңа спорт залы керек"
shot "Intake: meeting mode (Enter on a meeting, questions typed)"
k C-u
k F4
shot "Triage (F4)"
k /
k -l "жол"
shot "Triage: search (/)"
k Escape
k Escape
k Enter
shot "Triage: an issue opened (Enter)"
k e
shot "Triage: the issue form (e)"
k Escape
k F5
shot "Obligations (F5)"
k F1
shot "Help (F1)"
k Escape
k F10

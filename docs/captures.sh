#!/bin/sh
# Text captures of each screen of the interface for the user guides (docs/user-guide*.md):
#   sh docs/captures.sh [ru|kk|en] [BUILD_DIR]  > captures.txt
#   sh docs/captures.sh ru build docs/user-guide.ru.md   (the captures put into the guide)
# Makes a demo store in a temporary directory with today fixed (KEZDESU_NOW), runs the real
# program in a private tmux server (its own socket, no configuration), sends keys and writes
# each screen to stdout under a "## name" line. Not a test: make check does not run it.
set -u
LANG_=${1:-ru}
B=${2:-build}
INTO=${3:-}
# With a guide named, the script runs itself for the captures, then replaces the ``` block
# under each "<!-- capture: NAME -->" line of the guide with the capture of that name.
if [ -n "$INTO" ]; then
	[ -f "$INTO" ] || { echo "captures.sh: $INTO: no such file" >&2; exit 1; }
	_c=$(mktemp) || exit 1
	sh "$0" "$LANG_" "$B" >"$_c" || { rm -f "$_c"; exit 1; }
	awk -v caps="$_c" '
	BEGIN {
		while ((getline l < caps) > 0) {
			if (l ~ /^## /) { name = substr(l, 4); continue }
			if (name != "") cap[name] = cap[name] l "\n"
		}
	}
	skip == 1 { if ($0 == "```") skip = 2; next }
	skip == 2 { if ($0 == "```") skip = 0; next }
	/^<!-- capture: .* -->$/ {
		print
		n = substr($0, 15, length($0) - 18)
		if (!(n in cap)) { print "captures.sh: " FILENAME ":" FNR ": no capture named " n > "/dev/stderr"; bad = 1; next }
		c = cap[n]
		sub(/\n+$/, "\n", c)
		printf "%s", c
		skip = 1
		next
	}
	{ print }
	END { exit bad }' "$INTO" >"$_c.md" && mv "$_c.md" "$INTO"
	_rc=$?
	rm -f "$_c" "$_c.md"
	exit "$_rc"
fi
KZ=$(cd "$(dirname "$B/kezdesu")" && pwd)/kezdesu
[ -x "$KZ" ] || { echo "captures.sh: $KZ: build it first (make)" >&2; exit 1; }
command -v tmux >/dev/null 2>&1 || { echo "captures.sh: tmux is not installed" >&2; exit 1; }

T=$(mktemp -d) || exit 1
# One private server per start (kzdoc-PID-N): a server still shutting down never takes the
# next session with it.
N=0
S=kzdoc-$$-0
cleanup() {
	_i=0
	while [ "$_i" -le "$N" ]; do
		tmux -L "kzdoc-$$-$_i" -f /dev/null kill-server 2>/dev/null
		_i=$((_i + 1))
	done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
# Stable captures: the same day and hour (KEZDESU_NOW is read as UTC), a home of its own (no user keymap, no drafts).
KEZDESU_NOW=2026-12-01T05:00  # UTC: 10:00 in Kazakhstan
HOME=$T XDG_DATA_HOME=$T/data XDG_STATE_HOME=$T/state XDG_CONFIG_HOME=$T/config
LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color
export KEZDESU_NOW HOME XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME LANG LC_ALL TERM
unset NO_COLOR LANGUAGE
"$KZ" --db "$T/db" --demo >/dev/null || { echo "captures.sh: the demo store failed" >&2; exit 1; }

t() { tmux -L "$S" -f /dev/null "$@"; }
start() {
	t kill-server 2>/dev/null
	sleep 0.3
	# A new server now and then fails to start while the last one shuts down: try again.
	for _try in 1 2 3 4 5; do
		N=$((N + 1))
		S=kzdoc-$$-$N
		t new-session -d -x 100 -y 30 "'$KZ' --lang $LANG_ --db '$T/db' $*; sleep 600" 2>/dev/null &&
			t has-session 2>/dev/null && break
		sleep 0.5
	done
	settle
}
# settle: waits until the screen stops changing (the program has drawn what the keys asked).
settle() {
	_prev=
	_n=0
	while [ "$_n" -lt 40 ]; do
		sleep 0.15
		_cur=$(t capture-pane -p 2>/dev/null)
		[ -n "$_cur" ] && [ "$_cur" = "$_prev" ] && return 0
		_prev=$_cur
		_n=$((_n + 1))
	done
}
k() { t send-keys "$@"; settle; }
shot() { # shot NAME: the screen, trailing blank lines dropped
	echo "## $1"
	echo '```'
	t capture-pane -p | sed -e 's/[[:space:]]*$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
	echo '```'
	echo
}

start
shot "Visits (F2): the list"
k y
shot "Visits: the year view (y)"
k y
k F1
shot "Help (F1) in Visits"
k Escape
k n
k -l 613633100
k Tab
k -l 2026-12-22
k Tab
k -l 09:30
shot "Visits: the new meeting form (n)"
k Escape
# The list starts on the first meeting ahead (2026-12-07); two lines up is 2026-11-30 10:00.
k Up Up M
shot "Visits: the held form (M) of a meeting held"
k Escape
k F10
# Meeting mode on the meeting of 2026-11-30 at 10:00 (held, a few questions already).
V=$("$KZ" --db "$T/db" visit list --format tsv | awk -F'\t' '$2 == "2026-11-30" && $3 == "10:00" { print $1; exit }')
start meet "$V"
k -l 'Ауылға жаңа мектеп қажет, балалар басқа ауылға барады'
k F6 Enter
k -l 'Когда починят водопровод на улице Абая?'
k F8 M-2 Enter
k -l 'Көше жарығы жоқ, кешке қараңғы'
k F5
shot "Intake: meeting mode (kezdesu meet), two questions saved, a third being typed"
k F1
shot "Help (F1) in meeting mode"
k Escape
k C-u
k F4
shot "Triage (F4): the list"
k /
k -l 'газ'
shot "Triage: search as you type (/)"
# Down to the results, then to the first issue among them.
k Down Down Down Down Down Down
k Enter
shot "Triage: an issue opened (Enter)"
k e
shot "Triage: the issue form (e)"
k Escape
k F5
shot "Obligations (F5 or o)"
k F1
shot "Help (F1) in Obligations"
k Escape
k F2
# The request pool of the first meeting ahead (2026-12-07), where the demo took requests.
k p
shot "Visits: the request pool (p)"
k Escape
k F10

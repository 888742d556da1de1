# Shared helpers of the interface's tests (tests/tui/*.sh): the real binary in a private
# tmux server (its own socket, no configuration), keys sent with send-keys, the screen read
# with capture-pane and polled for text with a timeout, the server killed at exit.
# Sources tests/cli/lib/lib.sh for TAP, the store helpers and $T. POSIX sh.
. "$(dirname "$0")/../cli/lib/lib.sh"

# One private server per tui_start (kz-PID-N): a server being killed never takes the next
# session with it.
TN=0
TSOCK=kz-$$-0
tmux_() {
	tmux -L "$TSOCK" -f /dev/null "$@"
}
tui_cleanup() {
	_i=0
	while [ "$_i" -le "$TN" ]; do
		tmux -L "kz-$$-$_i" -f /dev/null kill-server 2>/dev/null
		_i=$((_i + 1))
	done
	kz_cleanup
}
trap 'tui_cleanup' EXIT
command -v tmux >/dev/null 2>&1 || bail_out "tmux is not installed (scripts/install-deps.sh)"

# tui_start W H [VAR=VALUE ...] -- ARGS...: kezdesu ARGS in a new W x H session, with a
# UTF-8 locale, TERM=tmux-256color (what tmux's keys are sent as) unless given, and the variables given. When the program
# ends, the pane shows "kz-exit=STATUS" (tui_exit reads it).
tui_start() {
	_w=$1
	_h=$2
	shift 2
	{
		echo 'LANG=C.UTF-8; LC_ALL=C.UTF-8; TERM=tmux-256color; export LANG LC_ALL TERM'
		echo "HOME='$HOME'; XDG_DATA_HOME='$XDG_DATA_HOME'; export HOME XDG_DATA_HOME"
		echo 'unset XDG_CONFIG_HOME NO_COLOR'
		while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
			echo "export '$1'"
			shift
		done
		[ "$1" = "--" ] && shift
		printf "'%s' " "$KZ"
		for a in "$@"; do
			printf "'%s' " "$a"
		done
		echo
		echo 'echo "kz-exit=$?"'
		echo 'sleep 600'
	} >"$T/tui-run.sh"
	tmux_ kill-server 2>/dev/null
	TN=$((TN + 1))
	TSOCK=kz-$$-$TN
	tmux_ new-session -d -x "$_w" -y "$_h" "sh '$T/tui-run.sh'"
}

# screen: the visible screen into $T/screen (and stdout).
screen() {
	tmux_ capture-pane -p >"$T/screen" 2>/dev/null
	cat "$T/screen"
}

# wait_for TEXT [SECONDS]: polls the screen until it holds TEXT (fixed string); 0 or 1.
wait_for() {
	_end=$(($(now_ms) + ${2:-5} * 1000))
	while :; do
		screen >/dev/null
		grep -qF -- "$1" "$T/screen" && return 0
		[ "$(now_ms)" -ge "$_end" ] && return 1
		sleep 0.05
	done
}

# wait_gone TEXT [SECONDS]: polls until the screen no longer holds TEXT.
wait_gone() {
	_end=$(($(now_ms) + ${2:-5} * 1000))
	while :; do
		screen >/dev/null
		grep -qF -- "$1" "$T/screen" || return 0
		[ "$(now_ms)" -ge "$_end" ] && return 1
		sleep 0.05
	done
}

# shows TEXT NAME [SECONDS]: ok when TEXT appears, else not ok with the screen as comments.
shows() {
	if wait_for "$1" "${3:-5}"; then
		ok "$2"
	else
		not_ok "$2"
		diag "  the screen never showed '$1':"
		diag_file "$T/screen" 60
		return 1
	fi
}

# keys KEY...: tmux send-keys (tmux key names: F10, Enter, Down, C-l, or text with -l).
keys() {
	tmux_ send-keys "$@"
}

# tui_exit NAME WANT: the program ended with status WANT within 5 seconds.
tui_exit() {
	shows "kz-exit=$2" "$1"
}

# tui_store: a store of the sample district, today fixed, with a few meetings.
tui_store() {
	D=$T/db
	KEZDESU_NOW=2026-12-01T06:00
	export KEZDESU_NOW
	make_store "$D"
	kz --db "$D" visit add --akim "$DISTRICT" --target 613633000 --date 2026-11-20 --time 10:00
	V1=$(cat "$T/out")
	kz --db "$D" visit add --akim "$DISTRICT" --target 613633100 --date 2026-12-10 --time 15:00 \
	    --venue "Ағыбет мектебі"
	V2=$(cat "$T/out")
	[ -n "$V1" ] && [ -n "$V2" ] || bail_out "setup: visit add"
}

#!/bin/sh
# Meeting mode's list of questions scrolls back with the list keys (issue 8, Intake) while
# the editor keeps the focus: PageUp and Up show the older questions, the line being typed
# stays and takes the keys typed; PageDown and Down come back to the newest, which a save
# also does. And a save shows its question without the frame reading every pane again,
# while another process's commit just before it still shows (the generation).
. "$(dirname "$0")/lib/tui.sh"
tui_store
XDG_STATE_HOME=$T/state
export XDG_STATE_HOME
# 30 questions: more than the 13 lines the list has at 80x24
i=1
while [ "$i" -le 30 ]; do
	n=$(printf '%02d' "$i")
	# a minute apart, so that their order is their time
	KEZDESU_NOW=2026-12-01T05:$n kz --db "$D" question add --visit "$V1" "Сұрақ $n"
	i=$((i + 1))
done
kz --db "$D" question list --visit "$V1" --format tsv
is "$(wc -l <"$T/out" | tr -d ' ')" 30 "30 questions in the meeting"

tui_start 80 24 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet "$V1"
shows "10:30  Сұрақ 30" "the newest question is at the bottom of the list"
check "the oldest is not on the screen" sh -c "! grep -q 'Сұрақ 01' '$T/screen'"
keys -l "Жол жөндеу"
shows "question> Жол жөндеу" "a line being typed"

keys PageUp
shows "10:05> Сұрақ 05" "PageUp shows the page before, its first line marked"
check "the newest is off the screen" sh -c "! grep -q 'Сұрақ 30' '$T/screen'"
check "the list says it is scrolled back" grep -q "scrolled back" "$T/screen"
check "the line being typed is still there" grep -q "question> Жол жөндеу *$" "$T/screen"
keys PageUp
shows "10:01> Сұрақ 01" "PageUp again: the oldest"
check "a full page from it" grep -q "10:13  Сұрақ 13" "$T/screen"
keys -l " керек"
shows "question> Жол жөндеу керек" "keys typed while scrolled back go into the line"
keys Down
shows "10:02> Сұрақ 02" "Down moves the marked line"
keys Up
shows "10:01> Сұрақ 01" "Up moves it back"

keys PageDown
shows "10:26> Сұрақ 26" "PageDown: the page after, its last line marked"
keys PageDown
shows "10:30  Сұрақ 30" "PageDown at the end: the newest again"
wait_gone "scrolled back"
check "followed again, no line marked" sh -c "! grep -q '> Сұрақ' '$T/screen'"
keys Up
shows "10:30> Сұрақ 30" "the first Up marks the newest"
keys Up Up
shows "10:28> Сұрақ 28" "each Up one line back"

# Enter saves the line, and the list shows the newest again with it
keys Enter
shows "11:00  Жол жөндеу керек" "Enter saves the line; the newest page, with it, is shown"
check "not scrolled back any more" sh -c "! grep -q 'scrolled back' '$T/screen'"
check "the newest before it is the line above" grep -q "10:30  Сұрақ 30" "$T/screen"
kz --db "$D" question list --visit "$V1" --format tsv
check "stored" grep -q "Жол жөндеу керек" "$T/out"

# scrolling back after saves: the page read again, nothing shown twice
keys -l "Тағы бір"
keys Enter
shows "11:00  Тағы бір" "a second save shows at the bottom"
# the list drawn as it moved up a line a save: the page a fresh read would show
screen >/dev/null
grep -E '^[0-9]{2}:[0-9]{2}[ >] ' "$T/screen" | cut -c8- >"$T/list"
{
	i=20
	while [ "$i" -le 30 ]; do
		echo "Сұрақ $i"
		i=$((i + 1))
	done
	echo "Жол жөндеу керек"
	echo "Тағы бір"
} >"$T/want"
check "the list shows the 13 newest, in order, each once" cmp "$T/want" "$T/list"
keys PageUp PageDown
shows "11:00  Тағы бір" "back at the newest after PageUp, PageDown"
screen >/dev/null
is "$(grep -c 'Тағы бір' "$T/screen")" 1 "shown once"

# another process's question committed just before a save: both show
keys -l "Өз сұрағым"
KEZDESU_NOW=2026-12-01T06:01 kz --db "$D" question add --visit "$V1" "Бөгде сұрақ"
keys Enter
shows "Өз сұрағым" "this process's question shows"
shows "Бөгде сұрақ" "and the other process's, committed just before" 3
keys F10
tui_exit "F10 quits" 0

# wide (160 columns: Visits beside Intake): a save moves Intake's half only
# (a few minutes later: the questions saved are the newest, as the clock goes on)
tui_start 160 24 KEZDESU_NOW=2026-12-01T06:05 XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" \
    meet "$V1"
shows "11:01  Бөгде сұрақ" "wide: the newest at the bottom of Intake"
keys -l "Кең экран"
keys Enter
shows "11:05  Кең экран" "wide: saved and shown"
keys -l "Екінші"
keys Enter
shows "11:05  Екінші" "wide: a second"
check "Visits is still beside it" grep -q "Visits" "$T/screen"
sed 's/^.*│//' "$T/screen" | grep -E '^[0-9]{2}:[0-9]{2}[ >] ' | cut -c8- >"$T/list"
kz --db "$D" question list --visit "$V1" --format tsv
awk -F '\t' '{ print $NF }' "$T/out" | tail -n 13 >"$T/want"
check "Intake's list is the 13 newest as stored, in order" cmp "$T/want" "$T/list" || { diag_file "$T/list" 20; diag_file "$T/want" 20; diag_file "$T/screen" 30; }
keys F10
tui_exit "F10 quits" 0
done_testing

#!/bin/sh
# Meeting mode (issue 8, Intake): `kezdesu meet` opens today's meeting with the editor
# focused; 20 questions in Kazakh and Russian typed at full speed are stored byte for byte;
# a topic key and a category key cost one key each; undo withdraws; a multi-line bracketed
# paste is one question; a resize keeps the line; another process's question appears
# without disturbing it; escapes and a bidi override in a question are shown harmlessly; a
# paste holding an escape is refused whole; --read-only refuses Enter and keeps the line.
. "$(dirname "$0")/lib/tui.sh"
tui_store
XDG_STATE_HOME=$T/state
export XDG_STATE_HOME
kz --db "$D" visit add --akim "$DISTRICT" --target 613633000 --date 2026-12-01 --time 10:00 \
    --duration 60
V3=$(cat "$T/out")
# the office's topics so far: жол three times, су twice, газ once (F5, F6, F7)
for t in жол жол су газ су жол; do
	kz --db "$D" question add --visit "$V1" --topic "$t" "Бұрынғы сұрақ ($t)"
done
# the list's text column, the questions of V3 in the order asked
texts() {
	kz --db "$D" question list --visit "$V3" --format tsv
	awk -F '\t' '{ print $NF }' "$T/out"
}

tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --db "$D" meet
shows "Meeting 2026-12-01 10:00" "meet with no meeting given opens today's"
shows "question>" "the editor is there, focused"
check "the topic keys are the office's most used topics" \
    grep -q "F5 жол  F6 су  F7 газ  F8 -" "$T/screen"

# 20 questions at full speed: no wait between keys
cat >"$T/want" <<'Q'
Ауылда жол жөндеу керек, көктемде су басады
Мектепке жаңа спорт залы қашан салынады?
Қыстауға электр желісін тартыңыздар
Ұлттық паркке кіру ақысы қымбат
Үйге ыстық су жоқ, өтініш көмектесіңіздер
Һәм ауыз су сапасы нашар
Ғимарат шатыры ағып тұр (№5 үй)
Әкімдікке қабылдау тек сәрсенбіде ме?
Өзен жағасына қоршау керек q
Іргетас жарылып кетті
Когда отремонтируют дорогу до райцентра?
В поликлинике нет терапевта уже месяц
Прошу установить уличное освещение на ул. Абая
Автобус ходит два раза в день — мало
Где подать заявку на субсидию? 100%
Детский сад переполнен, очередь 3 года
Вода отключается каждый вечер
Мусор не вывозят с октября
Нужен пешеходный переход у школы №2
Спасибо акиму за новую котельную!
Q
while IFS= read -r q; do
	keys -l "$q"
	keys Enter
done <"$T/want"
shows "11:00  Спасибо акиму за новую котельную!" \
    "the 20th question is in the list, with its local time" 10
texts >"$T/got"
check "the 20 questions are stored byte for byte, in order (kezdesu question list --visit)" \
    cmp "$T/want" "$T/got"
check "the line is empty after Enter" grep -q "question> *$" "$T/screen"

# a topic and a category: one key each beyond the text
keys -l "Көпір құлап жатыр"
keys F5 M-2
shows "next question: topic жол | asker maslikhat deputy" "F5 chooses the most used topic, M-2 the deputy"
keys Enter
shows "Көпір құлап жатыр #жол [maslikhat deputy]" "saved with both: text, F5, M-2, Enter"
kz --db "$D" question list --visit "$V3" --format tsv
check "the store has its topic and the asker's category" \
    sh -c "grep 'Көпір құлап жатыр' '$T/out' | grep -q 'deputy' && grep 'Көпір құлап жатыр' '$T/out' | grep -q 'жол'"
shows "next question: topic - | asker citizen" "the choices clear after a save"

# undo: the last question saved here is withdrawn
keys C-z
shows "the last question is withdrawn" "C-z withdraws the last question"
texts >"$T/got"
check "it is in no list any more" sh -c "! grep -q 'Көпір' '$T/got'"
keys C-z
shows "no question saved here to take back" "a second C-z has nothing to take back"

# a name and a contact: personal data, optional
keys -l "Жер телімі берілмеді"
keys C-n
shows "name>" "C-n asks for the asker's name"
keys -l "Ә. Сейітов"
keys Enter
shows "contact>" "Enter goes on to the contact"
keys -l "+7 701 000 00 00"
keys Enter
shows "| name Ә. Сейітов | contact +7 701 000 00 00" "both shown for the next question"
keys Enter
shows "11:00  Жер телімі берілмеді" "saved"
kz --db "$D" question list --visit "$V3" --format json
like "$(out)" '*"asker_name":"Ә. Сейітов"*' "the name is stored (personal data)"

# a bracketed paste of several lines: one question
tmux_ set-buffer "$(printf 'Бірінчі жол\nвторая строка\n\tүшінші')"
tmux_ paste-buffer -p
shows "question> Бірінчі жол вторая строка үшінші" "a multi-line paste is one line"
keys Enter
shows "Бірінчі жол вторая строка үшінші" "and one question"
# a paste holding an escape sequence is refused whole, the line kept
keys -l "сақталады"
tmux_ set-buffer "$(printf 'x\033[2Jy')"
tmux_ paste-buffer -p
shows "paste refused (nothing of it inserted): a control character" "a paste with ESC is refused"
check "the line is as it was" grep -q "question> сақталады *$" "$T/screen"
keys C-u

# a resize while typing keeps the line
keys -l "Өлшемі өзгерсе де"
tmux_ resize-window -x 70 -y 22
shows "question> Өлшемі өзгерсе де" "after a resize the line is there"
keys -l " сақталады"
tmux_ resize-window -x 120 -y 30
keys Enter
shows "Өлшемі өзгерсе де сақталады" "typing goes on, Enter saves the whole line"
texts >"$T/got"
check "stored whole" grep -qx "Өлшемі өзгерсе де сақталады" "$T/got"

# another process adds a question while a line is being typed
keys -l "жартылай"
# a minute later: with the same fixed time its UUID could sort anywhere among the others
KEZDESU_NOW=2026-12-01T06:01 kz --db "$D" question add --visit "$V3" "$(printf 'Бөгде\033[2J\033[31mRED\342\200\256desrever')"
rc_is 0 "another process adds a question holding ESC [2J, ESC [31m and U+202E"
start=$(now_ms)
shows 'Бөгде\x1B[2J\x1B[31mRED\u202Edesrever' "it appears, its escapes shown as text" 3
diag "appeared after $(($(now_ms) - start)) ms"
check "within two seconds" [ $(($(now_ms) - start)) -le 2000 ]
check "the line being typed is untouched" grep -q "question> жартылай *$" "$T/screen"
tmux_ capture-pane -p -e >"$T/attrs"
esc=$(printf '\033')
check "no red reached the terminal" sh -c "! grep -qF '${esc}[31mRED' '$T/attrs'"
check "the status line is still there" grep -q "613600000 Бәйдібек ауданы" "$T/screen"

# q and ? are text here; F10 still quits, the line kept as a draft
keys -l " q?"
shows "question> жартылай q?" "q and ? are typed, not quit or help"
keys F1
shows "C-t        clock" "F1 lists meeting mode's keys (the editor's)"
check "with the topic keys" grep -q "F5         topic 1" "$T/screen"
keys Escape
shows "question> жартылай q?" "Escape closes the help, the line is there"
keys F10
tui_exit "F10 quits" 0

# --read-only: Enter is refused, nothing lost
tui_start 100 30 KEZDESU_NOW=$KEZDESU_NOW XDG_STATE_HOME=$XDG_STATE_HOME -- --read-only \
    --db "$D" meet "$V3"
shows "question> жартылай q?" "the draft is offered back"
keys Enter
shows "question-save: refused, the store is open read-only" "--read-only refuses Enter"
check "the line is kept" grep -q "question> жартылай q?" "$T/screen"
keys F10
tui_exit "F10 quits" 0
done_testing

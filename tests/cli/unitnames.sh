#!/bin/sh
# A unit's name is shown on one line everywhere, so the characters that steer a terminal's
# text direction are refused in it (issue 7: "a bidirectional isolate accepted in a unit
# name" passed make check). Each of the isolates U+2066 LRI, U+2067 RLI, U+2068 FSI and
# U+2069 PDI, in a classifier row's Kazakh or Russian name (units import) and in a
# microdistrict's name (units add): refused with FILE:LINE and the character, nothing
# stored. The rows are the real ones of Arys (611600000) from $KATO_FULL.
. "$(dirname "$0")/lib/lib.sh"

[ -r "$KATO_FULL" ] || bail_out "no classifier at $KATO_FULL"
{
	head -n1 "$KATO_FULL"
	grep -E '^(610000000|611600000|611610000),' "$KATO_FULL"
} >"$T/arys.csv"
is "$(nlines "$T/arys.csv")" 4 "the extract: the header, Turkistan region, Arys and the city proper"

# bytes CP: the UTF-8 of an isolate, U+2066..U+2069 (E2 81 A6..A9).
bytes() {
	case $1 in
	2066) printf '\342\201\246' ;;
	2067) printf '\342\201\247' ;;
	2068) printf '\342\201\250' ;;
	2069) printf '\342\201\251' ;;
	esac
}

S=$T/s
kz --db "$S" init --unit 611600000
[ "$rc" -eq 0 ] || bail_out "setup: init"
for cp in 2066 2067 2068 2069; do
	b=$(bytes $cp)
	# Line 5: the village Ақдала of Arys with the isolate leading its Kazakh name (byte
	# 1), then after its Russian name "с.Акдала" (7 letters of 2 bytes and a dot: byte 16).
	{
		cat "$T/arys.csv"
		printf '611633100,61,16,33,100,2,%sАқдала а.,с.Акдала\n' "$b"
	} >"$T/kk$cp.csv"
	kz --db "$S" units import "$T/kk$cp.csv" --edition 2026-07-17
	fails 1 "kk$cp.csv:5: kaz_name has control character U+$cp at byte 1" \
	    "units import: U+$cp in a Kazakh name is refused with FILE:LINE"
	{
		cat "$T/arys.csv"
		printf '611633100,61,16,33,100,2,Ақдала а.,с.Акдала%s\n' "$b"
	} >"$T/ru$cp.csv"
	kz --db "$S" units import "$T/ru$cp.csv" --edition 2026-07-17
	fails 1 "ru$cp.csv:5: rus_name has control character U+$cp at byte 16" \
	    "units import: U+$cp at the end of a Russian name is refused with FILE:LINE"
done
kz --db "$S" units list
is "$rc:$(out)" "0:" "nothing of the refused files was stored"

kz --db "$S" units import "$T/arys.csv" --edition 2026-07-17
rc_is 0 "the extract without isolates imports"
for cp in 2066 2067 2068 2069; do
	kz --db "$S" units add --parent 611610000 --type MICRODISTRICT \
	    --name-kk "Шұғыла $(bytes $cp)ш.а." --name-ru 'мкр. Шугыла'
	fails 1 "control character U+$cp" "units add: U+$cp in a microdistrict's Kazakh name is refused"
	kz --db "$S" units add --parent 611610000 --type MICRODISTRICT \
	    --name-kk 'Шұғыла ш.а.' --name-ru "$(bytes $cp)мкр. Шугыла"
	fails 1 "control character U+$cp" "units add: U+$cp in its Russian name is refused"
done
kz --db "$S" units list --under 611610000
is "$(nlines "$T/out")" 1 "no microdistrict was added: the city proper alone"

done_testing
